"""Issues and stance (dyad.issues): pattern syntax, negatives, actors, weak evidence, document scores, the
stage in the full pipeline, stance positions, user files, the output contract, storage and the CLI.

Every text here was written for these tests. The unit tests build small taxonomies of their own so they do
not depend on the shipped data; the pipeline tests use the shipped taxonomy and tone lexicon and assert only
what those texts make unambiguous (a tariff is trade, an arms sale to Taiwan is taiwan).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import cli_ok, jsonl, write
from dyad.actors import ActorStage
from dyad.api import default_pipeline
from dyad.cli import app
from dyad.contract import to_json, to_record
from dyad.errors import ConfigError
from dyad.ingest import new_document
from dyad.issues import IssueStage
from dyad.issues.stance import ToneLexicon, load_tone, summarise
from dyad.issues.tagger import PARTIAL, THRESHOLD, evidence, tag
from dyad.issues.taxonomy import Issue, Taxonomy, load
from dyad.model import Actor, Document, Mention, Position, Sentence
from dyad.pipeline import Pipeline
from dyad.store import open_store

# the weights the tagger documents: lead sentences count 1.5 times, the title's evidence twice
LEAD, TITLE = 1.5, 2.0


def score(raw: float) -> float:
    """The tagger's document score for a weighted evidence sum."""
    return round(1.0 - math.exp(-raw), 3)


def spans(pattern: str, text: str) -> list[str]:
    """What one pattern matches in a text."""
    tax = Taxonomy([Issue("x", "X", patterns=[pattern])])
    return [text[h.start:h.end] for h in tax.hits(text)]


def doc(*paragraphs: list[str], title: str | None = None,
        actors: dict[int, list[Actor]] | None = None) -> Document:
    """A Document with the given paragraphs of sentences; `actors` are mentioned at the start of sentence k."""
    text, sentences, mentions = "", [], []
    for p, para in enumerate(paragraphs):
        if text:
            text += "\n\n"
        for k, s in enumerate(para):
            if k:
                text += " "
            start = len(text)
            text += s
            sentences.append(Sentence(start, len(text), p))
    for k, found in (actors or {}).items():
        s = sentences[k]
        mentions += [Mention(k, s.start, s.start + 1, text[s.start], a) for a in found]
    return Document("d", text, "h", title=title, sentences=tuple(sentences), mentions=tuple(mentions))


# -- pattern syntax -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "text", "expected"), [
    # a word in any case, and its plural in -s or -es; whole words only, never after a hyphen
    ("tariff", "Tariffs rose; a TARIFF fell; tariffing; antitariff; pre-tariff", ["Tariffs", "TARIFF"]),
    ("tax", "new taxes and a tax", ["taxes", "tax"]),
    # =Exact: this spelling and case only, no plural
    ("=AI", "AI and ai and Ai and AIs and OpenAI", ["AI"]),
    ("=WHO", "the WHO said; who said", ["WHO"]),
    # word*: any word starting so
    ("sanction*", "sanctioned, sanctions, unsanctioned, sanction", ["sanctioned", "sanctions", "sanction"]),
    # a|b: alternatives
    ("spy|spies", "a spy and two spies and spying", ["spy", "spies"]),
    # (x): an optional word
    ("Taiwan (Relations) Act", "the Taiwan Relations Act and the Taiwan Act", ["Taiwan Relations Act", "Taiwan Act"]),
    ("export (control) rule", "export control rules, export rules, export licence rules",
     ["export control rules", "export rules"]),
    # a hyphen: hyphen, space or nothing
    ("cross-strait", "cross-strait, cross strait, crossstrait, Cross-Strait",
     ["cross-strait", "cross strait", "crossstrait", "Cross-Strait"]),
    # a space also matches a hyphen; the last word takes its plural
    ("export control", "Export-control rules; export controls", ["Export-control", "export controls"]),
    # ...: a gap of up to four words
    ("ban ... export*", "ban exports; ban on chip exports; ban on sales of advanced exports",
     ["ban exports", "ban on chip exports", "ban on sales of advanced exports"]),
    ("ban ... export*", "a ban on the sale of advanced exports", []),
])
def test_pattern_syntax(pattern: str, text: str, expected: list[str]) -> None:
    assert spans(pattern, text) == expected


def test_optional_first_word() -> None:
    found = spans("(the) Taiwan Strait", "Ships crossed the Taiwan Strait; Taiwan Strait tensions; the Strait.")
    assert len(found) == 2 and all(f.endswith("Taiwan Strait") for f in found)


@pytest.mark.parametrize("bad", ["", "...", "ban ...", "... ban", "(the)", "a||b", "tariff(", "=", "*", "a b|"])
def test_bad_pattern_is_a_config_error_naming_the_issue(bad: str) -> None:
    with pytest.raises(ConfigError) as exc:
        Taxonomy([Issue("tariff_fights", "Tariffs", weak=["tariff", bad])])
    assert "tariff_fights" in str(exc.value)
    assert repr(bad) in str(exc.value)


def test_bad_pattern_in_a_user_file_names_the_issue(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yaml", "issues:\n  - id: moon_race\n    patterns: ['lunar (base']\n")
    with pytest.raises(ConfigError) as exc:
        load((path,))
    assert "moon_race" in str(exc.value) and "lunar (base" in str(exc.value)


@pytest.mark.parametrize("content", [
    "issues:\n  - id: Moon-Race\n    patterns: [lunar]\n",          # not a valid id
    "issues:\n  - id: moon_race\n    patterns: {a: 1}\n",           # patterns not a list
    "issues: just words\n",                                        # not a list of entries
    "issues: [\n",                                                 # not YAML
])
def test_malformed_user_issue_files_are_config_errors(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "user.yaml", content)
    with pytest.raises(ConfigError):
        load((path,))


def test_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such issues file"):
        load((tmp_path / "absent.yaml",))


def test_pattern_with_an_apostrophe_matches_either_apostrophe() -> None:
    text = "The People's Liberation Army and the People’s Armed Police held drills."
    assert spans("People's Liberation Army", text) == ["People's Liberation Army"]
    assert spans("People’s Armed Police", text) == ["People’s Armed Police"]
    assert spans("people's armed police", text) == ["People’s Armed Police"]


def test_longest_phrase_wins_at_a_position() -> None:
    tax = Taxonomy([Issue("chips", "Chips", weak=["chip|chips|semiconductor|semiconductors"]),
                    Issue("rivalry", "Rivalry", patterns=["chip war"])])
    assert evidence(tax, "The chip war escalated.").get("rivalry") == 1.0


# -- negatives ----------------------------------------------------------------------------------------------

CLIMATE = Taxonomy([
    Issue("climate", "Climate", patterns=["climate", "global warming"],
          negative=["political|investment climate", "climate of fear"]),
    Issue("chips", "Chips", weak=["chip|chips", "semiconductor*"], negative=["chip on (his|her|their) shoulder"]),
])


@pytest.mark.parametrize(("text", "expected"), [
    ("The investment climate improved.", {}),
    ("A warm political climate helped the talks.", {}),
    ("They governed through a climate of fear.", {}),
    ("Envoys met for climate talks in Dubai.", {"climate": 1.0}),
    ("A calmer political climate allowed new climate talks.", {"climate": 1.0}),  # the second one counts
    ("He has a chip on his shoulder about it.", {}),
    ("The chip and semiconductor firms complained.", {"chips": 1.0}),
    ("He has a chip on his shoulder about semiconductors.", {"chips": 0.5}),
])
def test_negatives_cancel_overlapping_positives(text: str, expected: dict[str, float]) -> None:
    assert evidence(CLIMATE, text) == expected


def test_negative_of_one_issue_does_not_cancel_another_issues_hit_on_the_same_span() -> None:
    tax = Taxonomy([Issue("climate", "Climate", patterns=["climate"]),
                    Issue("weather", "Weather", patterns=["storm"], negative=["climate"])])
    assert evidence(tax, "The climate summit opened.") == {"climate": 1.0}


def test_negative_does_not_consume_another_issues_hit() -> None:
    tax = Taxonomy([Issue("climate", "Climate", patterns=["climate"], negative=["investment climate"]),
                    Issue("finance", "Finance", patterns=["investment"])])
    assert evidence(tax, "The investment climate improved.") == {"finance": 1.0}


def test_shipped_negative_does_not_erase_another_issues_evidence() -> None:
    # south_china_sea's water-cannon negative (the wrong reading: police and protesters) spans the word
    # "protesters", which is evidence for human_rights
    tax = load()
    with_cannon = evidence(tax, "Security forces turned water cannon on protesters in Tbilisi.")
    with_batons = evidence(tax, "Security forces turned batons on protesters in Tbilisi.")
    assert "south_china_sea" not in with_cannon
    assert with_cannon.get("human_rights") == with_batons.get("human_rights")


def test_a_match_across_sentences_does_not_swallow_a_hit_inside_one() -> None:
    tax = Taxonomy([Issue("trade", "Trade", patterns=["tariff", "tariff war"])])
    d = doc(["Beijing answered with a new tariff.", "War games followed in the strait."])
    assert tag(tax, d).evidence[0] == {"trade": 1.0}


# -- actors -------------------------------------------------------------------------------------------------

ACTORS = Taxonomy([
    Issue("taiwan", "Taiwan", patterns=["Taipei"], actors=["TWN"]),
    Issue("espionage", "Espionage", patterns=["spy"], actors=["Ministry of State Security"]),
    Issue("alliances", "Alliances", actors=["NATO"]),
])


@pytest.mark.parametrize(("name", "code", "expected"), [
    (None, "TWN", {"taiwan"}),
    (None, "TWNGOV", {"taiwan"}),                    # a code matches by its country part
    ("Lai Ching-te", "TWNGOV", {"taiwan"}),
    (None, "CHNGOV", set()),
    (None, "ATWN", set()),                           # the country part is the prefix, not any substring
    ("Ministry of State Security", "CHNGOV", {"espionage"}),
    ("ministry of state security", None, {"espionage"}),
    ("Ministry of Commerce", "CHNGOV", set()),
    (None, "NATO", {"alliances"}),                  # a code of four letters
    (None, None, set()),
])
def test_actor_issues(name: str | None, code: str | None, expected: set[str]) -> None:
    assert ACTORS.actor_issues(name, code) == expected


def test_an_actor_mention_is_full_evidence_for_its_sentence() -> None:
    d = doc(["A senior official flew to Tokyo on Monday.", "She met lawmakers there.", "Talks went well."],
            actors={1: [Actor("Hsiao Bi-khim", "TWNGOV")]})
    t = tag(ACTORS, d)
    assert t.evidence == [{}, {"taiwan": 1.0}, {}]
    assert t.sentences == [(), ("taiwan",), ()]
    assert t.scores == {"taiwan": score(LEAD)}   # the second sentence is in the lead


# -- weak patterns, document scores, threshold, title -------------------------------------------------------

WEAK = Taxonomy([Issue("trade", "Trade", patterns=["tariff"], weak=["export*", "goods", "commerce"])])
FILLER = ["The delegations met on Monday.", "They spoke for two hours."]  # a two-sentence lead without evidence


def test_weak_only_sentences_count_a_share() -> None:
    assert 0.0 < PARTIAL < 1.0


def test_one_weak_word_does_not_tag() -> None:
    t = tag(WEAK, doc(FILLER, ["Exports were mentioned.", "Nothing else was."]))
    assert t.evidence[2] == {"trade": 0.5}
    assert t.scores == {"trade": score(PARTIAL * 0.5)}     # a weak-only sentence counts a share of its evidence
    assert t.document == []
    assert t.sentences == [(), (), (), ()]


def test_one_weak_word_in_the_lead_does_not_tag() -> None:
    t = tag(WEAK, doc(["Exports were mentioned on Monday.", "They spoke for two hours."]))
    assert t.scores == {"trade": score(LEAD * PARTIAL * 0.5)}
    assert t.document == []


def test_two_distinct_weak_patterns_in_a_sentence_tag_it() -> None:
    t = tag(WEAK, doc(FILLER, ["Exports of goods were discussed.", "Nothing else was."]))
    assert t.evidence[2] == {"trade": 1.0}
    assert t.scores == {"trade": score(1.0)}               # full evidence counts in full
    assert t.sentences[2] == ("trade",)
    assert [i.issue for i in t.document] == ["trade"]


def test_the_same_weak_pattern_twice_counts_once() -> None:
    t = tag(WEAK, doc(FILLER, ["Exports and more exports were discussed.", "Nothing else was."]))
    assert t.evidence[2] == {"trade": 0.5}
    assert t.document == []


def test_weak_words_in_separate_sentences_do_not_tag() -> None:
    t = tag(WEAK, doc(FILLER, ["Exports were mentioned.", "So was commerce."]))
    assert t.scores == {"trade": score(2 * PARTIAL * 0.5)}
    assert t.document == []
    assert t.sentences == [(), (), (), ()]


def test_weak_sentence_is_tagged_when_the_document_is_about_the_issue() -> None:
    t = tag(WEAK, doc(FILLER, ["A tariff was raised.", "Exports were mentioned.", "Nothing else was."]))
    assert [i.issue for i in t.document] == ["trade"]
    assert t.sentences == [(), (), ("trade",), ("trade",), ()]


def test_one_weak_word_in_the_title_tags() -> None:
    t = tag(WEAK, doc(FILLER, ["Exports were mentioned.", "Nothing else was."], title="Commerce talks"))
    assert t.title == {"trade": 0.5}
    assert t.scores == {"trade": score(TITLE * 0.5 + PARTIAL * 0.5)}
    assert [i.issue for i in t.document] == ["trade"]
    assert t.sentences[2] == ("trade",)   # weak evidence, and the document is about trade
    untitled = tag(WEAK, doc(FILLER, ["Exports were mentioned.", "Nothing else was."], title="Talks"))
    assert untitled.document == []


def test_title_weight_and_lead_weight() -> None:
    body = doc(FILLER, ["A tariff was mentioned.", "Nothing else was."])
    lead = doc(["A tariff was mentioned on Monday.", "They spoke for two hours."], ["Nothing else was."])
    title_only = doc(FILLER, ["Nothing else was."], title="Tariff talks")
    assert tag(WEAK, body).scores == {"trade": score(1.0)}
    assert tag(WEAK, lead).scores == {"trade": score(LEAD)}
    assert tag(WEAK, title_only).scores == {"trade": score(TITLE)}
    assert tag(WEAK, title_only).sentences == [(), (), ()]


def test_lead_is_the_first_paragraph_or_the_first_two_sentences() -> None:
    long_first = doc(["One.", "Two.", "A tariff was raised."], ["Four."])
    short_first = doc(["One."], ["A tariff was raised.", "Three.", "A tariff was cut."])
    assert tag(WEAK, long_first).scores == {"trade": score(LEAD)}
    assert tag(WEAK, short_first).scores == {"trade": score(LEAD + 1.0)}


def test_threshold_decides_the_document_issues_not_the_scores() -> None:
    two = Taxonomy([Issue("trade", "Trade", patterns=["tariff"]), Issue("climate", "Climate", patterns=["climate"])])
    d = doc(["A tariff was raised on Monday.", "Climate was discussed too."], ["A tariff was cut later."])
    expected = {"trade": score(LEAD + 1.0), "climate": score(LEAD)}
    assert tag(two, d).scores == expected
    assert [(i.issue, i.score) for i in tag(two, d).document] == [("trade", expected["trade"]),
                                                                  ("climate", expected["climate"])]
    assert [i.issue for i in tag(two, d, threshold=0.9).document] == ["trade"]
    assert tag(two, d, threshold=0.99).document == []
    assert tag(two, d, threshold=0.99).sentences == [("trade",), ("climate",), ("trade",)]  # strong evidence stays
    assert THRESHOLD == 0.55 and score(1.0) >= THRESHOLD > score(LEAD * 0.5)  # one strong mention suffices


# -- the stage in the full pipeline --------------------------------------------------------------------------

ARMS = ("The United States approved a $2 billion arms sale to Taiwan on Monday. China condemned the sale, saying "
        "Taiwan was part of China. “This is a provocative and dangerous step,” Chinese Foreign Ministry spokesperson "
        "Mao Ning said.\n\n"
        "The United States imposed new tariffs on Chinese steel on Tuesday. “The talks were not constructive,” "
        "Wang Yi said.")
TALKS = ("The United States and China agreed to restore military-to-military talks on Wednesday. “We hope the talks "
         "will be constructive,” Chinese Defense Minister Dong Jun said.")
TOKYO = ("Japan and China held talks on trade in Tokyo on Friday. The two sides agreed to meet again.\n\n"
         "“The talks were constructive,” Japanese Foreign Minister Yoko Kamikawa said.")
WU = "Joseph Wu met Japanese lawmakers in Tokyo on Monday."
VISIT = ("Joseph Wu met Japanese lawmakers in Tokyo on Monday. “Tariffs hurt everyone,” Japanese Foreign Minister "
         "Yoko Kamikawa said.")
CURLY = ("The United States imposed new tariffs on Chinese steel on Tuesday. “The talks weren’t constructive,” "
         "Wang Yi said.")
BRIEFS = {  # doc_id: (text, title, published)
    "arms": (ARMS, "Arms sale angers Beijing", "2024-05-20"),
    "talks": (TALKS, "Military talks resume", "2024-06-01"),
    "tokyo": (TOKYO, "Tokyo talks", "2024-06-07"),
    "wu": (WU, None, "2024-06-10"),
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline()


@pytest.fixture(scope="module")
def stage(pipeline: Pipeline) -> IssueStage:
    return next(s for s in pipeline.stages if isinstance(s, IssueStage))


def _run(pipeline: Pipeline, doc_id: str, text: str, title: str | None, published: str) -> Document:
    """A Document made the way dyad.extract makes one, through the default pipeline."""
    return pipeline(new_document(text, doc_id=doc_id, meta={"title": title, "published": published}))


@pytest.fixture(scope="module")
def docs(pipeline: Pipeline) -> dict[str, Document]:
    return {k: _run(pipeline, k, *v) for k, v in BRIEFS.items()}


def _positions(d: Document, kind: str) -> list[tuple[str, str, str | None, float, str]]:
    return [(p.actor, p.issue, p.counterpart, p.value, p.polarity) for p in d.positions if p.kind == kind]


def test_sentence_issues(docs: dict[str, Document]) -> None:
    d = docs["arms"]
    assert len(d.sentences) == 5
    assert [s.issues for s in d.sentences] == [("taiwan",), ("taiwan",), (), ("trade",), ()]
    assert [i.issue for i in d.issues] == ["taiwan", "trade"]
    assert d.issues[0].score > d.issues[1].score >= THRESHOLD


def test_event_issues(docs: dict[str, Document]) -> None:
    by_code = {e.cameo: e for e in docs["arms"].events}
    assert by_code["163"].issues == ("trade",)       # the tariffs
    assert by_code["163"].source is not None and by_code["163"].source.code == "USA"
    assert by_code["072"].issues == ("taiwan",)      # the arms sale
    assert [e.issues for e in docs["talks"].events if e.cameo.startswith("03")] == [("military_communication",)]


def test_events_coded_per_list_member_keep_only_their_own_members_issue(pipeline: Pipeline) -> None:
    d = _run(pipeline, "aid", "The United States sent military aid to Ukraine, Israel and Taiwan on Tuesday.", None,
             "2024-04-24")
    assert set(d.sentences[0].issues) == {"russia_ukraine", "middle_east", "taiwan"}
    by_target = {e.target.code: e.issues for e in d.events if e.target is not None}
    assert by_target == {"UKR": ("russia_ukraine",), "ISR": ("middle_east",), "TWN": ("taiwan",)}
    assert sorted((p.issue, p.counterpart) for p in d.positions) == [
        ("middle_east", "ISR"), ("russia_ukraine", "UKR"), ("taiwan", "TWN")]


def test_quote_inherits_the_issues_of_the_previous_sentence_in_its_paragraph(docs: dict[str, Document]) -> None:
    quotes = docs["arms"].quotes
    assert [q.text for q in quotes] == ["This is a provocative and dangerous step", "The talks were not constructive"]
    assert [q.issues for q in quotes] == [("taiwan",), ("trade",)]   # each from its own paragraph


def test_quote_opening_a_paragraph_inherits_nothing(docs: dict[str, Document]) -> None:
    d = docs["tokyo"]
    assert [s.issues for s in d.sentences] == [("trade",), (), ()]
    assert [(q.text, q.issues) for q in d.quotes] == [("The talks were constructive", ())]
    assert _positions(d, "quote") == []


def test_quote_with_issues_of_its_own_does_not_inherit(pipeline: Pipeline) -> None:
    d = _run(pipeline, "visit", VISIT, None, "2024-06-10")
    assert d.sentences[0].issues == ("taiwan",)
    assert [(q.text, q.issues) for q in d.quotes] == [("Tariffs hurt everyone", ("trade",))]


def test_actor_links_an_issue_through_the_pipeline(docs: dict[str, Document], stage: IssueStage) -> None:
    d = docs["wu"]
    assert "taiwan" not in evidence(stage.taxonomy, d.text)   # no pattern names Taiwan here ...
    assert any(m.actor.code and m.actor.code.startswith("TWN") for m in d.mentions)
    assert d.sentences[0].issues == ("taiwan",)                 # ... the Taiwanese actor does
    assert [i.issue for i in d.issues] == ["taiwan"]


def test_shipped_negative_for_political_climate(pipeline: Pipeline) -> None:
    d = _run(pipeline, "mood", "The two ministers praised the warm political climate between their countries. "
             "They spoke for an hour.", None, "2024-06-11")
    assert "climate" not in {i.issue for i in d.issues}
    assert all("climate" not in s.issues for s in d.sentences)


def test_stage_threshold(docs: dict[str, Document], stage: IssueStage, pipeline: Pipeline) -> None:
    gazetteer = next(s for s in pipeline.stages if isinstance(s, ActorStage)).gazetteer
    strict = IssueStage(taxonomy=stage.taxonomy, tone=stage.tone, gazetteer=gazetteer, threshold=0.99)
    d = strict(docs["tokyo"])
    assert docs["tokyo"].issues and d.issues == ()
    assert d.sentences[0].issues == ("trade",)   # a strong pattern still tags its sentence


# -- stance -------------------------------------------------------------------------------------------------

def test_event_positions_take_the_goldstein_polarity(docs: dict[str, Document]) -> None:
    arms = {(p.actor, p.issue, p.code): p for p in docs["arms"].positions if p.kind == "event"}
    tariffs = arms["USA", "trade", "163"]
    assert (tariffs.counterpart, tariffs.polarity, tariffs.status) == ("CHN", "conflictual", "asserted")
    assert tariffs.value == -0.65                  # Goldstein -6.5 / 10
    talks = _positions(docs["talks"], "event")
    assert talks == [("USA", "military_communication", "CHN", 0.4, "cooperative")]


def test_quote_positions_take_the_tone_of_their_words(docs: dict[str, Document]) -> None:
    quotes = {p.issue: p for p in docs["arms"].positions if p.kind == "quote"}
    assert set(quotes) == {"taiwan", "trade"}
    assert quotes["taiwan"].actor == "CHN" and quotes["taiwan"].polarity == "hostile"
    assert quotes["taiwan"].words == ("provocative", "dangerous")
    assert quotes["taiwan"].value == -1.0          # the sum is clipped
    assert quotes["trade"].words == ("not constructive",)
    assert quotes["trade"].value < 0 and quotes["trade"].polarity == "hostile"
    warm = [p for p in docs["talks"].positions if p.kind == "quote"]
    assert [(p.actor, p.issue, p.polarity, p.words) for p in warm] == [
        ("CHN", "military_communication", "warm", ("constructive",))]
    assert warm[0].value == -quotes["trade"].value  # the same word, its sign flipped by "not"


def test_typographic_apostrophe_negation_flips_the_tone(pipeline: Pipeline) -> None:
    d = _run(pipeline, "curly", CURLY, None, "2024-06-12")
    quotes = [p for p in d.positions if p.kind == "quote"]
    assert [p.issue for p in quotes] == ["trade"]
    assert quotes[0].polarity == "hostile"


LEX = ToneLexicon({"constructive": 0.6, "provocative": -0.7, "helpful": 0.4, "firmly oppose": -0.6})


@pytest.mark.parametrize(("text", "value", "words"), [
    ("The talks were constructive.", 0.6, ("constructive",)),
    ("The talks were not constructive.", -0.6, ("not constructive",)),
    ("The talks were not very constructive.", -0.6, ("not constructive",)),
    ("The talks weren't constructive.", -0.6, ("not constructive",)),
    ("That was never helpful.", -0.4, ("not helpful",)),
    ("A constructive and helpful meeting.", 1.0, ("constructive", "helpful")),   # clipped at 1
    ("Constructive, but provocative too.", -0.1, ("Constructive", "provocative")),
    ("We firmly oppose the visit.", -0.6, ("firmly oppose",)),
    ("The piano recital went on.", 0.0, ()),
])
def test_tone(text: str, value: float, words: tuple[str, ...]) -> None:
    t = LEX.tone(text)
    assert (t.value, t.words) == (value, words)


def test_contracted_negation_with_a_word_between_flips_the_tone() -> None:
    assert LEX.tone("The talks weren't very constructive.").value == -0.6


def test_summarise_means_over_asserted_events_and_toned_quotes() -> None:
    ps = [Position("USA", "trade", "event", 0, 0, "CHN", -0.6, "conflictual", "asserted", "163"),
          Position("USA", "trade", "event", 1, 1, "CHN", 0.4, "cooperative", "asserted", "040"),
          Position("USA", "trade", "event", 2, 2, "CHN", -1.0, "conflictual", "negated", "190"),
          Position("USA", "trade", "quote", 0, 3, None, 0.6, "warm", words=("constructive",)),
          Position("USA", "trade", "quote", 1, 4, None, 0.0, "neutral"),
          Position("CHN", "taiwan", "quote", 2, 5, "USA", -0.7, "hostile", words=("provocative",))]
    out = {(s["actor"], s["issue"]): s for s in summarise(ps)}
    assert list(out) == [("CHN", "taiwan"), ("USA", "trade")]
    assert out["USA", "trade"]["polarity"] == -0.1          # (-0.6 + 0.4) / 2; the negated event is left out
    assert out["USA", "trade"]["tone"] == 0.6               # the quote without tone words is left out
    assert len(out["USA", "trade"]["positions"]) == 5
    assert out["CHN", "taiwan"]["polarity"] is None and out["CHN", "taiwan"]["tone"] == -0.7


# -- user files ---------------------------------------------------------------------------------------------

USER = """\
issues:
  - id: climate
    patterns: [Glarnish accord]
  - id: arctic
    name: The Arctic
    description: Sovereignty, shipping and research in the Arctic.
    patterns: [Svalbard, Arctic Council]
    weak: [icebreaker*]
  - id: espionage
    remove: true
tone:
  glorious: 0.9
  constructive: -0.1
"""


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    return write(tmp_path / "mine.yaml", USER)


def test_user_file_adds_patterns_issues_and_removes_one(user_file: Path) -> None:
    shipped = load()
    mine = load((user_file,))
    text = "Delegates signed the Glarnish accord near Svalbard."
    assert "climate" not in evidence(shipped, text) and "arctic" not in shipped
    assert evidence(mine, text) == {"climate": 1.0, "arctic": 1.0}
    assert set(shipped.issues["climate"].patterns) < set(mine.issues["climate"].patterns)  # added, none lost
    assert mine.issues["arctic"].name == "The Arctic" and mine.issues["arctic"].weak == ["icebreaker*"]
    assert "espionage" in shipped and "espionage" not in mine
    assert "espionage" not in evidence(mine, "Two spies were arrested.")
    assert "espionage" in evidence(shipped, "Two spies were arrested.")
    assert "Glarnish accord" not in load().issues["climate"].patterns   # the shipped taxonomy is untouched


def test_user_file_tone_entries(user_file: Path) -> None:
    shipped, mine = load_tone(), load_tone((user_file,))
    assert "glorious" not in shipped.entries and mine.entries["glorious"] == 0.9
    assert shipped.entries["constructive"] > 0 and mine.entries["constructive"] == -0.1   # later files win
    assert mine.tone("A glorious day.").value == 0.9


def test_user_file_reaches_the_stage(user_file: Path, docs: dict[str, Document], pipeline: Pipeline) -> None:
    gazetteer = next(s for s in pipeline.stages if isinstance(s, ActorStage)).gazetteer
    mine = IssueStage(gazetteer=gazetteer, extra=(user_file,))
    d = mine(docs["talks"])
    quote = next(p for p in d.positions if p.kind == "quote")
    assert quote.words == ("constructive",) and quote.value == -0.1 and quote.polarity == "neutral"


@pytest.mark.parametrize("value", ["3", "-1.5", "warm", "true"])
def test_bad_tone_value_is_a_config_error(tmp_path: Path, value: str) -> None:
    path = write(tmp_path / "tone.yaml", f"tone:\n  glorious: {value}\n")
    with pytest.raises(ConfigError, match="glorious"):
        load_tone((path,))


def test_bad_tone_pattern_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="tone word"):
        ToneLexicon({"warm (": 0.5})


# -- the output contract ------------------------------------------------------------------------------------

def test_record_has_issues_scores_stances_and_sentence_issues(docs: dict[str, Document], validator: Any) -> None:
    d = docs["arms"]
    rec = to_record(d)
    assert rec["issues"] == [{"issue": i.issue, "score": i.score} for i in d.issues]
    assert [r["issue"] for r in rec["issues"]] == ["taiwan", "trade"]
    assert all(0 < r["score"] < 1 for r in rec["issues"])
    assert [s["issues"] for s in rec["sentences"]] == [["taiwan"], ["taiwan"], [], ["trade"], []]
    assert [q["issues"] for q in rec["quotes"]] == [["taiwan"], ["trade"]]
    stances = {(s["actor"], s["issue"]): s for s in rec["stances"]}
    assert stances["USA", "trade"]["polarity"] == -0.65 and stances["USA", "trade"]["tone"] is None
    assert stances["CHN", "taiwan"]["tone"] == -1.0 and stances["CHN", "taiwan"]["polarity"] is None
    assert stances["CHN", "taiwan"]["positions"][0]["words"] == ["provocative", "dangerous"]
    for x in docs.values():
        validator.validate(to_record(x))
        assert json.loads(to_json(x))["stances"] == to_record(x)["stances"]


def test_schema_rejects_a_malformed_issue(docs: dict[str, Document], validator: Any) -> None:
    rec = to_record(docs["arms"])
    rec["issues"][0]["score"] = "high"
    assert not validator.is_valid(rec)


# -- storage ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def db(docs: dict[str, Document], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("issues") / "issues.duckdb"
    with open_store(path) as store:
        report = store.write_all(list(docs.values()))
    assert report.documents == len(docs)
    assert report.issues == sum(len(d.issues) for d in docs.values())
    assert report.positions == sum(len(d.positions) for d in docs.values())
    return path


def test_store_round_trip(db: Path, docs: dict[str, Document]) -> None:
    with open_store(db, read_only=True) as store:
        for doc_id, d in docs.items():
            got = store.get(doc_id)
            assert got is not None
            assert got.issues == d.issues
            assert got.positions == d.positions
            assert [s.issues for s in got.sentences] == [s.issues for s in d.sentences]
            assert [q.issues for q in got.quotes] == [q.issues for q in d.quotes]
            assert [e.issues for e in got.events] == [e.issues for e in d.events]


def test_store_positions_by_dyad_and_issue(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        taiwan = store.positions(dyad="USA-CHN", issue="taiwan")
        trade = store.positions(dyad="USA-CHN", issue="trade")
        usa_only = store.positions(dyad="USA>CHN", issue="trade")
        talks = store.positions(dyad="CHN-USA", issue="military_communication")
        japan = store.positions(dyad="JPN-CHN")
    # the arms sale to Taiwan is USA towards TWN, not CHN; China's hostile quote names no one but the
    # document names the United States
    assert [(r["doc_id"], r["actor"], r["kind"], r["words"]) for r in taiwan] == [
        ("arms", "CHN", "quote", "provocative | dangerous")]
    assert [(r["actor"], r["kind"], r["code"], r["value"]) for r in trade] == [
        ("USA", "event", "163", -0.65), ("CHN", "quote", None, -0.6)]
    assert [(r["actor"], r["kind"]) for r in usa_only] == [("USA", "event")]
    assert [(r["actor"], r["kind"], r["polarity"]) for r in talks] == [
        ("USA", "event", "cooperative"), ("CHN", "quote", "warm")]
    assert [(r["doc_id"], r["actor"], r["issue"]) for r in japan] == [("tokyo", "JPN", "trade")]
    assert all("sentence_text" in r and r["sentence_text"] for r in taiwan + trade)


def test_store_issue_counts(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        counts = {r["issue"]: r for r in store.issue_counts()}
    assert {k: r["documents"] for k, r in counts.items()} == {"taiwan": 2, "trade": 2, "military_communication": 1}
    assert (counts["taiwan"]["first"], counts["taiwan"]["last"]) == ("2024-05-20", "2024-06-10")


# -- the CLI ------------------------------------------------------------------------------------------------

@pytest.fixture
def runner(wide_runner: CliRunner) -> CliRunner:
    return wide_runner


_ok = cli_ok


def _table_rows(out: str) -> list[list[str]]:
    """The cells of a rich table's body lines (the header is drawn with ┃; a wrapped row continues with an
    empty first cell)."""
    return [[c.strip() for c in line.strip("│").split("│")] for line in out.splitlines() if line.startswith("│")]


def test_cli_stance_table(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["stance", "--dyad", "USA-CHN", "--issue", "taiwan", "--db", str(db)])
    _ok(result)
    out = result.stdout
    assert "stance USA-CHN on taiwan" in out
    assert "hostile (-1.00)" in out and "provocative | dangerous" in out and "Mao Ning" in out
    assert "trade" not in out


def test_cli_stance_jsonl_and_csv(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["stance", "--dyad", "USA-CHN", "--issue", "trade", "--db", str(db),
                                 "--format", "jsonl"])
    _ok(result)
    rows = jsonl(result.stdout)
    assert [(r["actor"], r["kind"], r["value"]) for r in rows] == [("USA", "event", -0.65), ("CHN", "quote", -0.6)]
    result = runner.invoke(app, ["stance", "--dyad", "USA-CHN", "--issue", "trade", "--db", str(db), "--format", "csv"])
    _ok(result)
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["actor"], r["issue"], r["kind"]) for r in table] == [("USA", "trade", "event"),
                                                                     ("CHN", "trade", "quote")]
    assert table[1]["words"] == "not constructive"


def test_cli_stance_by_actor(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["stance", "--actor", "twn", "--db", str(db), "--format", "jsonl"])
    _ok(result)
    assert [(r["doc_id"], r["issue"], r["counterpart"]) for r in jsonl(result.stdout)] == [("wu", "taiwan", "JPN")]


@pytest.mark.parametrize(("args", "message"), [
    (["--dyad", "USA-CHN", "--issue", "tiawan"], "unknown issue 'tiawan'"),
    (["--dyad", "USA-CHN", "--format", "xml"], "--format must be"),
    (["--issue", "taiwan"], "give --dyad"),
    (["--dyad", "USA-CHN", "--since", "May 2024"], "dates are YYYY-MM-DD"),
])
def test_cli_stance_errors(runner: CliRunner, db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["stance", *args, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_cli_issue_known_only_from_a_user_file(runner: CliRunner, db: Path, user_file: Path) -> None:
    result = runner.invoke(app, ["--issues", str(user_file), "stance", "--dyad", "USA-CHN", "--issue", "arctic",
                                 "--db", str(db), "--format", "jsonl"])
    _ok(result)
    assert result.stdout == ""


def test_cli_issues_counts(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["issues", "--db", str(db)])
    _ok(result)
    rows = _table_rows(result.stdout)
    assert {r[0]: r[1] for r in rows if r[0]} == {"taiwan": "2", "trade": "2", "military_communication": "1"}
    assert ["taiwan", "2", "0.88", "2024-05-20", "2024-06-10"] in rows


def test_cli_issues_without_a_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["issues", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output


def test_cli_issues_taxonomy(runner: CliRunner, user_file: Path) -> None:
    result = runner.invoke(app, ["issues", "--taxonomy"])
    _ok(result)
    shipped = load().ids()
    assert len(shipped) == 20
    assert [r[0] for r in _table_rows(result.stdout) if r[0]] == shipped
    result = runner.invoke(app, ["--issues", str(user_file), "issues", "--taxonomy"])
    _ok(result)
    ids = [r[0] for r in _table_rows(result.stdout) if r[0]]
    assert ids == [i for i in shipped if i != "espionage"] + ["arctic"]
    assert "The Arctic" in result.stdout


def test_cli_bad_user_issue_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "issues:\n  - id: moon_race\n    patterns: ['lunar (base']\n")
    result = runner.invoke(app, ["--issues", str(bad), "issues", "--taxonomy"])
    assert result.exit_code == 2, result.output
    assert "moon_race" in result.stderr
    result = runner.invoke(app, ["--issues", str(tmp_path / "absent.yaml"), "issues", "--taxonomy"])
    assert result.exit_code == 2
    assert "not found" in result.stderr
