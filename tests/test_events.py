"""The event engine: the code table, pattern compilation, user files, slots, status, frames and dates.

Every sentence here was written for these tests. The publication date is 2024-05-10, a Friday in ISO
week 19; the expected codes follow data/FORMAT.md and the module docstrings of dyad.events.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dyad
from conftest import EVENTS_PUBLISHED
from conftest import country as _country
from conftest import events_of as _events
from conftest import show as _show
from dyad.config import Settings
from dyad.errors import ConfigError
from dyad.events import Code, CodeTable, EventStage, compile_pattern, inflect, load, load_codes
from dyad.events.codes import QUAD_OF_ROOT
from dyad.events.patterns import expand
from dyad.model import Actor, Document, Event

PUB = EVENTS_PUBLISHED
HEADER = "code,root,name,goldstein,quad_class,plover,plover_mode,plover_context"


def _only(text: str) -> Event:
    events = _events(text)
    assert len(events) == 1, _show(events)
    return events[0]


# -- the code table --------------------------------------------------------------------------------

CODES = load_codes()


def test_goldstein_falls_back_to_the_parent() -> None:
    assert CODES["0313"].goldstein is None  # blank in cameo.csv
    assert CODES.goldstein("0313") == CODES["031"].goldstein == 5.2
    assert CODES.goldstein("042") == 1.9  # a code with its own weight keeps it
    assert CODES.goldstein("99") is None


def test_goldstein_fallback_climbs_to_the_root() -> None:
    table = CodeTable([Code("05", "05", "Cooperate", 3.5, 1, "SUPPORT", None, None),
                       Code("0591", "05", "A sub-code", None, 1, "SUPPORT", None, None)])
    assert table.parent("0591") == "05"  # no 059: the root
    assert table.goldstein("0591") == 3.5


def test_every_code_has_the_quad_class_of_its_root() -> None:
    assert len(CODES) > 250
    for c in CODES:
        assert c.quad_class == QUAD_OF_ROOT[c.root], c
    assert [CODES[c].quad_class for c in ("042", "0841", "112", "190")] == [1, 2, 3, 4]


@pytest.mark.parametrize(("code", "plover", "mode"), [
    ("042", "CONSULT", "visit"),
    ("057", "SUPPORT", None),
    ("112", "ACCUSE", "disapprove"),
    ("1313", "THREATEN", "relations"),
    ("163", "COERCE", "restrict"),
    ("190", "ASSAULT", None),
    ("010", None, None),  # root 01 has no PLOVER category
])
def test_plover_of_codes(code: str, plover: str | None, mode: str | None) -> None:
    assert CODES[code].plover == plover
    assert CODES[code].plover_mode == mode


def test_parent() -> None:
    assert CODES.parent("0313") == "031"
    assert CODES.parent("031") == "03"
    assert CODES.parent("03") is None
    assert CODES.parent("1385") == "138"


def test_events_carry_the_facts_of_their_code() -> None:
    e = _only("Russia threatened to cut diplomatic ties with Moldova.")
    assert (e.cameo, e.root, e.plover, e.quad_class, e.goldstein) == ("1313", "13", "THREATEN", 3,
                                                                      CODES.goldstein("1313"))


@pytest.mark.parametrize(("lemma", "tag", "form"), [
    ("meet", "VBD", "met"), ("ban", "VBD", "banned"), ("ban", "VBG", "banning"), ("visit", "VBD", "visited"),
    ("visit", "VBZ", "visits"), ("seek", "VBN", "sought"), ("lead", "VBD", "led"),
])
def test_verb_inflections(lemma: str, tag: str, form: str) -> None:
    assert form in inflect.verb_forms(lemma)[tag]


@pytest.mark.parametrize(("lemma", "form"), [("crisis", "crises"), ("ally", "allies"), ("sanction", "sanctions")])
def test_noun_inflections(lemma: str, form: str) -> None:
    assert form in inflect.noun_forms(lemma)
    assert form in inflect.forms(lemma)


# -- pattern compilation ---------------------------------------------------------------------------

def test_every_element_kind_compiles() -> None:
    p = compile_pattern("sign|ink (a) =talks ... deal with {T:person} ({P}) {S} {AB} {C}", "057", "verb")
    kinds = [(e.kind, e.slot, e.optional) for e in p.elems]
    assert kinds == [("word", "", False), ("word", "", True), ("word", "", False), ("gap", "", False),
                     ("word", "", False), ("word", "", False), ("slot", "T", False), ("slot", "P", True),
                     ("slot", "S", False), ("slot", "AB", False), ("slot", "C", False)]
    trigger, article, exact, _, deal, with_ = p.elems[:6]
    assert {"sign", "signs", "signed", "signing", "ink", "inked"} <= trigger.words  # alternatives, inflected
    assert article.words == {"a"}
    assert exact.words == {"talks"}  # =word: this form only
    assert {"deal", "deals"} <= deal.words
    assert with_.words == {"with"}  # function words are matched as written
    assert p.elems[6].kind_of == "person"
    assert p.has == {"T", "P", "S", "AB", "C"}
    assert p.tags["signed"] == {"VBD", "VBN"} and p.tags["ink"] == {"VB"}
    assert p.code == "057" and p.kind == "verb" and p.words == 5  # the word elements, optional ones too


def test_hyphenated_word_is_matched_part_by_part() -> None:
    p = compile_pattern("agree to (a) cease-fire", "0356", "verb")
    parts = p.elems[3:]
    assert [sorted(e.words) for e in parts] == [["cease"], ["-"], ["fire"]]
    assert [e.tight for e in parts] == [False, True, True]


def test_noun_pattern_tags_its_trigger_as_a_noun() -> None:
    p = compile_pattern("crisis in {P}", "111", "noun")
    assert p.tags == {"crisis": {"NN"}, "crises": {"NN"}}


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("meet {X}", "verb", "unknown slot"),
    ("meet {T:robot}", "verb", "restriction"),
    ("meet {T} and {T}", "verb", "twice"),
    ("urge {C} {T}", "verb", "must come last"),
    ("{T} meet", "verb", "trigger"),
    ("(meet) {T}", "verb", "cannot be optional"),
    ("meet $$ {T}", "verb", "is not a word"),
    ("meet with|| {T}", "verb", "is not a word"),
    ("meet {T}", "adverb", "verb or noun"),
    ("   ", "verb", "empty"),
])
def test_pattern_errors(text: str, kind: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        compile_pattern(text, "040", kind)


def test_expand_hyphenated_alternatives() -> None:
    assert expand("agree on|to a free-trade|trade deal") == ["agree on|to a trade deal",
                                                             "agree on|to a free-trade deal"]
    assert expand("hold talks") == ["hold talks"]
    assert expand("meet face-to-face") == ["meet face-to-face"]  # a lone hyphenated word is one element


def test_expand_underscore_phrases() -> None:
    assert expand("reject|turn_down (the) offer") == ["reject (the) offer", "turn down (the) offer"]
    assert expand("refuse to back_down|give_in") == ["refuse to back down", "refuse to give in"]
    # an optional phrase: every word optional
    assert expand("meet (in_person|again) {T}") == ["meet (again) {T}", "meet (in) (person) {T}"]


# -- user files ------------------------------------------------------------------------------------

def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def user_patterns(tmp_path: Path) -> Path:
    return _write(tmp_path / "mine.yaml", """\
patterns:
  "111":
    verb:
      - snub {T}
      - sue {T}
""")


def test_user_file_adds_a_pattern_and_replaces_a_shipped_one(user_patterns: Path) -> None:
    shipped = load()
    assert [p.code for p in shipped.patterns if p.text == "sue {T}"] == ["115"]
    ps = load([user_patterns])
    assert [p.code for p in ps.patterns if p.text == "sue {T}"] == ["111"]  # the same text: replaced
    assert [p.origin for p in ps.patterns if p.text == "snub {T}"] == [str(user_patterns)]
    assert len(ps.patterns) == len(shipped.patterns) + 1


def test_user_patterns_through_settings(user_patterns: Path) -> None:
    settings = Settings(events=(user_patterns,))
    snub = dyad.extract("Japan snubbed China.", published=PUB, settings=settings).events
    assert _show(snub) == [("111", "JPN", "CHN", "asserted")]
    sue = dyad.extract("Ecuador sued Mexico.", published=PUB, settings=settings).events
    assert _show(sue) == [("111", "ECU", "MEX", "asserted")]
    # without the file: the shipped patterns
    assert _events("Japan snubbed China.") == ()
    assert _show(_events("Ecuador sued Mexico.")) == [("115", "ECU", "MEX", "asserted")]


def test_user_patterns_through_the_stage(user_patterns: Path) -> None:
    stage = EventStage(extra=[user_patterns])
    doc = dyad.extract("Japan snubbed China.", published=PUB)
    assert _show(stage(doc).events) == [("111", "JPN", "CHN", "asserted")]


def test_new_code_from_a_csv_file(tmp_path: Path) -> None:
    codes = _write(tmp_path / "codes.csv", f"{HEADER}\n# a project-specific sub-code\n"
                                           "0461,04,Negotiate over prices,,,CONSULT,,economic\n")
    pats = _write(tmp_path / "haggle.yaml", 'patterns:\n  "0461":\n    verb:\n      - haggle with {T}\n')
    ps = load([codes, pats])
    c = ps.codes["0461"]
    assert (c.name, c.goldstein, c.quad_class, c.plover_context) == ("Negotiate over prices", None, 1, "economic")
    assert ps.codes.goldstein("0461") == CODES.goldstein("046")  # blank: the parent's weight
    events = dyad.extract("India haggled with Britain.", published=PUB, settings=Settings(events=(codes, pats))).events
    assert [(e.cameo, _country(e.source), _country(e.target), e.plover, e.quad_class, e.goldstein)
            for e in events] == [("0461", "IND", "GBR", "CONSULT", 1, CODES.goldstein("046"))]


def test_csv_row_changes_only_its_filled_cells(tmp_path: Path) -> None:
    codes = _write(tmp_path / "codes.csv", f"{HEADER}\n042,,,2.5,,,,\n")
    c = load([codes]).codes["042"]
    assert (c.name, c.goldstein, c.quad_class, c.plover, c.plover_mode) == ("Make a visit", 2.5, 1, "CONSULT", "visit")


def _yaml_code_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "trade.yaml", """\
codes:
  - code: "0462"
    name: Bargain over tariffs
    goldstein: 3.5
    plover: CONSULT
patterns:
  "0462":
    verb:
      - bargain over tariffs with {T}
""")


def test_new_code_from_a_yaml_codes_section(tmp_path: Path) -> None:
    path = _yaml_code_file(tmp_path)
    ps = load([path])
    assert ps.codes["0462"].name == "Bargain over tariffs"
    events = dyad.extract("India bargained over tariffs with Britain.", published=PUB,
                          settings=Settings(events=(path,))).events
    assert [(e.cameo, _country(e.source), _country(e.target), e.goldstein, e.plover) for e in events] == [
        ("0462", "IND", "GBR", 3.5, "CONSULT")]


def test_yaml_code_takes_the_quad_class_of_its_root(tmp_path: Path) -> None:
    assert load([_yaml_code_file(tmp_path)]).codes["0462"].quad_class == 1


def test_yaml_code_row_changes_only_its_filled_cells(tmp_path: Path) -> None:
    path = _write(tmp_path / "visit.yaml", 'codes:\n  - code: "042"\n    goldstein: 2.5\n')
    c = load([path]).codes["042"]
    assert (c.name, c.goldstein, c.quad_class, c.plover) == ("Make a visit", 2.5, 1, "CONSULT")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("unknown.yaml", 'patterns:\n  "999":\n    verb:\n      - snub {T}\n', "unknown CAMEO code"),
    ("bad.yaml", "patterns: [unclosed\n", "cannot read pattern file|not valid YAML"),
    ("slot.yaml", 'patterns:\n  "111":\n    verb:\n      - snub {Q}\n', "unknown slot"),
    ("list.yaml", 'patterns:\n  "111":\n    adverb:\n      - snub {T}\n', "verb:"),
    ("codes.csv", f"{HEADER}\n12345,12,Too long,,,,,\n", "not a CAMEO code"),
    ("root.csv", f"{HEADER}\n0461,05,Wrong root,,,,,\n", "does not belong"),
    ("weight.csv", f"{HEADER}\n0461,04,Bad weight,heavy,,,,\n", "not a number"),
    ("patterns.txt", "snub {T}\n", "use .csv"),
])
def test_bad_user_files(tmp_path: Path, name: str, content: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load([_write(tmp_path / name, content)])


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such events file"):
        load([tmp_path / "none.yaml"])


# -- source and target -----------------------------------------------------------------------------

# (sentence, the events as (code, source country, target country, status))
SLOTS = [
    pytest.param("The United States sanctioned Iran.", [("163", "USA", "IRN", "asserted")], id="svo"),
    pytest.param("Iran was sanctioned by the United States.", [("163", "USA", "IRN", "asserted")], id="passive-by"),
    pytest.param("Talks between Japan and India ended.", [("040", "JPN", "IND", "asserted")], id="between-A-and-B"),
    pytest.param("Japan and India held talks.", [("040", "JPN", "IND", "asserted")], id="reciprocal-compound"),
    pytest.param("Japan and India agreed to cooperate.", [("031", "JPN", "IND", "asserted")],
                 id="reciprocal-intent"),
    pytest.param("The United States and Britain sanctioned Iran.",
                 [("163", "USA", "IRN", "asserted"), ("163", "GBR", "IRN", "asserted")], id="compound-subject"),
    pytest.param("Japan and India held talks with Australia.",
                 [("040", "JPN", "AUS", "asserted"), ("040", "IND", "AUS", "asserted")],
                 id="reciprocal-compound-with-target"),
    pytest.param("The United States sanctioned Iran and Syria.",
                 [("163", "USA", "IRN", "asserted"), ("163", "USA", "SYR", "asserted")], id="coordinated-targets"),
    pytest.param("The United States imposed new sanctions on Iran and Syria.",
                 [("163", "USA", "IRN", "asserted"), ("163", "USA", "SYR", "asserted")], id="prepositional-targets"),
    pytest.param("Washington imposed sanctions on Russia.", [("163", "USA", "RUS", "asserted")],
                 id="prepositional-target"),
    pytest.param("Russia's invasion of Ukraine continued.", [("190", "RUS", "UKR", "asserted")], id="possessor"),
    pytest.param("Germany's sanctions on Iran hurt its economy.", [("163", "DEU", "IRN", "asserted")],
                 id="possessor-sanctions-on"),
    pytest.param("A visit to Taiwan by Nancy Pelosi angered China.", [("042", "USA", "TWN", "asserted")],
                 id="by-after-noun"),
    pytest.param("The invasion of Ukraine by Russia continued.", [("190", "RUS", "UKR", "asserted")],
                 id="by-after-noun-invasion"),
    pytest.param("China condemned and sanctioned Lithuania.",
                 [("111", "CHN", "LTU", "asserted"), ("163", "CHN", "LTU", "asserted")], id="coordinated-verbs"),
]


@pytest.mark.parametrize(("text", "expected"), SLOTS)
def test_slots(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert _show(_events(text)) == expected


def test_place_target_is_its_country() -> None:
    e = _only("Antony Blinken arrived in Shanghai on Wednesday.")
    assert (e.cameo, e.source.code if e.source else None) == ("042", "USAGOV")
    assert e.target == Actor("Shanghai", "CHN")


def test_relative_clause_takes_its_antecedent_as_subject() -> None:
    events = _events("Antony Blinken, who will meet Wang Yi next week, arrived in Beijing on Tuesday.")
    assert [(e.cameo, e.source.code if e.source else None, e.target.code if e.target else None, e.status, e.date)
            for e in events] == [("040", "USAGOV", "CHNGOV", "planned", "2024-W20"),
                                 ("042", "USAGOV", "CHN", "asserted", "2024-05-07")]


def test_coordinated_verbs_share_subject_and_object() -> None:
    e = _only("The United States sanctioned and banned Chinese companies.")
    assert (e.cameo, _country(e.source), e.target.code if e.target else None) == ("163", "USA", "CHNBUS")


def test_noun_without_owner_is_no_event() -> None:
    assert _events("The sanctions on Iran hurt its economy.") == ()


@pytest.mark.parametrize("text", ["They sanctioned Iran.", "He met Narendra Modi."])
def test_unnamed_pronoun_subject_gives_no_event(text: str) -> None:
    assert _events(text) == ()


# -- status ----------------------------------------------------------------------------------------

STATUS = [
    ("Germany sanctioned Belarus.", "163", "asserted"),
    ("China will hold talks with Japan.", "040", "planned"),
    ("India is expected to sign a trade deal with Britain.", "057", "planned"),
    ("Japan and South Korea are scheduled to hold talks.", "040", "planned"),
    ("Japan and Australia hold talks on May 20.", "040", "planned"),  # a date after publication
    ("Fumio Kishida travels to Canberra on May 14.", "042", "planned"),
    ("When Xi Jinping visits France, he will meet Emmanuel Macron.", "042", "planned"),
    ("Russia did not attack Finland.", "190", "negated"),
    ("Germany didn't sanction Russia.", "163", "negated"),
    ("Israel stopped short of sanctioning Iran.", "163", "negated"),
    ("Brazil was unable to meet Argentina.", "040", "negated"),
    ("Iran made no concessions to the United States.", "080", "negated"),
    ("The European Union should sanction Russia, Volodymyr Zelensky said.", "163", "hypothetical"),
    ("Japan said China could invade Taiwan.", "190", "hypothetical"),
    ("Olaf Scholz said Germany chose to talk to Russia rather than sanction Moscow.", "163", "hypothetical"),
    ("“The European Union should sanction Russia,” Volodymyr Zelensky said.", "163", "hypothetical"),
    ("Russia reportedly supplied weapons to North Korea.", "072", "alleged"),
    ("Russia allegedly attacked Georgia.", "190", "alleged"),
]


@pytest.mark.parametrize(("text", "code", "status"), STATUS, ids=[f"{s[2]}:{s[0][:40]}" for s in STATUS])
def test_status(text: str, code: str, status: str) -> None:
    hits = [e for e in _events(text) if e.cameo == code]
    assert [e.status for e in hits] == [status], _show(_events(text))


@pytest.mark.parametrize("text", [
    "Will China invade Taiwan?",
    "Did Russia attack Ukraine?",
    "If Iran attacks Israel, the United States will respond.",
    "The European Union should sanction Russia.",  # the writer's own opinion
    "Japan could hold talks with China.",
])
def test_no_event_for_questions_conditions_and_opinions(text: str) -> None:
    assert _events(text) == ()


def test_conditional_clause_is_dropped_but_the_main_clause_stays() -> None:
    assert _show(_events("If China invades Taiwan, Japan will sanction Beijing.")) == [
        ("163", "JPN", "CHN", "planned")]


def test_content_of_an_accusation_is_alleged() -> None:
    events = _events("The United States accused Iran of supplying drones to Russia.")
    assert [(e.cameo, e.status) for e in events] == [("112", "asserted"), ("072", "alleged")]
    assert (_country(events[0].source), _country(events[0].target)) == ("USA", "IRN")
    assert _country(events[1].target) == "RUS"


def test_doer_of_an_accused_act_is_the_accused() -> None:
    events = _events("The United States accused Iran of supplying drones to Russia.")
    assert _show(events) == [("112", "USA", "IRN", "asserted"), ("072", "IRN", "RUS", "alleged")]


def test_rather_than_after_a_reported_would() -> None:
    events = _events("Olaf Scholz said Germany would negotiate with Russia rather than sanction Moscow.")
    assert [(e.cameo, e.status) for e in events if e.root in ("13", "16")] == [("163", "hypothetical")]


@pytest.mark.xfail(strict=True, reason="a sentence-opening 'Rather than …' clause takes 'Rather' as an unnamed "
                                       "subject instead of the main clause's subject")
def test_rather_than_clause_before_the_subject() -> None:
    events = _events("Rather than sanctioning Russia, Germany held talks with Moscow, Olaf Scholz said.")
    sanction = [e for e in events if e.cameo == "163"]
    assert [(_country(e.source), e.status) for e in sanction] == [("DEU", "hypothetical")]


# -- frames ----------------------------------------------------------------------------------------

FRAMES = [
    pytest.param("Russia threatened to break diplomatic relations with Azerbaijan.",
                 [("1313", "RUS", "AZE", "asserted")], id="threaten+break-relations"),
    pytest.param("Russia threatened to break off relations with Azerbaijan.",
                 [("1313", "RUS", "AZE", "asserted")], id="threaten+break-off"),
    pytest.param("China urged the United States to stop arming Taiwan.",
                 [("0232", "CHN", "USA", "asserted")], id="urge+arms"),
    pytest.param("The United States urged Israel to release Palestinian prisoners.",
                 [("0253", "USA", "ISR", "asserted")], id="urge+release"),
    pytest.param("Israel refused to release Palestinian prisoners.",
                 [("1243", "ISR", "PSE", "asserted")], id="refuse+release"),
    pytest.param("China refused to meet the Philippines.", [("125", "CHN", "PHL", "asserted")], id="refuse-to-meet"),
    pytest.param("Japan promised to provide economic aid to Ukraine.",
                 [("0331", "JPN", "UKR", "asserted")], id="promise+economic-aid"),
    pytest.param("China and Russia agreed to hold talks.", [("036", "CHN", "RUS", "asserted")],
                 id="agree+talks"),
    pytest.param("Russia said it will withdraw its ambassador from Moldova.",
                 [("1313", "RUS", "MDA", "asserted")], id="announced-hostile"),
    pytest.param("Turkey said it would recall its ambassador from Israel.",
                 [("1313", "TUR", "ISR", "asserted")], id="announced-hostile-would"),
    pytest.param("Japan said it will sanction Russia.", [("1312", "JPN", "RUS", "asserted")],
                 id="announced-sanction"),
    pytest.param("China said it will provide aid to Pakistan.", [("033", "CHN", "PAK", "asserted")],
                 id="announced-cooperative"),
    pytest.param("Russia said it will withdraw troops from Armenia.", [("0356", "RUS", "ARM", "asserted")],
                 id="announced-withdrawal"),
]


@pytest.mark.parametrize(("text", "expected"), FRAMES)
def test_frames(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert _show(_events(text)) == expected


def test_demand_for_a_release() -> None:
    e = _only("The United States demanded the release of the Russian dissidents.")
    assert (e.cameo, _country(e.source), e.status) == ("1053", "USA", "asserted")


def test_considered_act_is_hypothetical() -> None:
    events = _events("The European Union considered imposing sanctions on Belarus.")
    assert _show(events) == [("014", "EUR", "BLR", "asserted"), ("163", "EUR", "BLR", "hypothetical")]


def test_threaten_to_break_relations_as_in_the_format_doc() -> None:
    assert _show(_events("Russia threatened to break relations with Azerbaijan.")) == [
        ("1313", "RUS", "AZE", "asserted")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan promised to provide aid to Ukraine.", [("033", "JPN", "UKR", "asserted")]),
    ("Germany promised to deliver weapons to Ukraine.", [("0332", "DEU", "UKR", "asserted")]),
    ("China threatened to impose sanctions on Japan.", [("1312", "CHN", "JPN", "asserted")]),
])
def test_promised_act_is_part_of_the_promise(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert _show(_events(text)) == expected


# -- dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "dates"), [
    pytest.param("Japan and India held talks on Monday.", [("2024-05-06", "day")], id="day"),
    pytest.param("Japan and India held talks last week.", [("2024-W18", "week")], id="last-week"),
    pytest.param("Japan and Australia hold talks in Tokyo next week.", [("2024-W20", "week")], id="next-week"),
    pytest.param("Japan and India held talks in March.", [("2024-03", "month")], id="month"),
    pytest.param("Japan and India held talks.", [("2024-05-10", "document")], id="publication"),
    pytest.param("Japan met India on Monday and will meet Australia on Friday.",
                 [("2024-05-06", "day"), ("2024-05-10", "day")], id="each-clause-its-own"),
    pytest.param("Japan, which sanctioned Russia on Monday, criticized China.",
                 [("2024-05-06", "day"), ("2024-05-06", "day")], id="from-the-sentence"),
])
def test_dates(text: str, dates: list[tuple[str, str]]) -> None:
    assert [(e.date, e.date_precision) for e in _events(text)] == dates


def test_future_day_makes_planned_and_past_day_asserted() -> None:
    assert [e.status for e in _events("Japan met India on Monday and will meet Australia on Friday.")] == [
        "asserted", "planned"]
    assert _only("Japan meets Australia on May 20.").status == "planned"


def test_future_month_makes_planned() -> None:
    e = _only("Talks between Japan and Australia take place next month.")
    assert (e.date, e.status) == ("2024-06", "planned")


# -- one happening, documents ----------------------------------------------------------------------

def test_one_event_per_happening() -> None:
    e = _only("Antony Blinken arrived in Shanghai, marking another contact between the United States and China.")
    assert (e.cameo, e.source.code if e.source else None, e.target) == ("042", "USAGOV", Actor("Shanghai", "CHN"))


def test_non_english_document_gives_no_events_and_a_note() -> None:
    text = ("Le président français a rencontré le chancelier allemand à Berlin lundi. Les deux dirigeants ont "
            "discuté de nouvelles sanctions contre la Russie et de l’aide à l’Ukraine.")
    doc = dyad.extract(text, published=PUB)
    assert doc.language == "fr"
    assert doc.events == ()
    notes = [n.message for n in doc.notes if n.stage == "events"]
    assert len(notes) == 1 and "not run" in notes[0] and "'fr'" in notes[0]


@pytest.mark.parametrize("text", [
    "Japan and India are large democracies in Asia.",
    "The harbor commission approved a plan for new moorings along the eastern quay.",
])
def test_document_without_triggers_gives_no_events(text: str) -> None:
    doc = dyad.extract(text, published=PUB)
    assert doc.events == ()
    assert "events" in doc.done


def test_stage_on_a_document_without_sentences() -> None:
    doc = Document(doc_id="empty", text="", content_hash="0" * 16)
    assert EventStage().events(doc) == []


@pytest.mark.parametrize(("text", "code", "source", "target"), [
    # the noun after "for|over|about" is what the reaction is about: not the reacting side's act
    ("Beijing condemned Washington for the latest arms sale to Taipei.", "072", None, None),
    ("Moscow criticized NATO over its exercises with Finland.", "062", "NATO", "FIN"),
    ("China sanctioned Lockheed Martin over its weapons sales to Taiwan.", "072", "USA", "TWN"),
    # a reason preposition after a verb that is no reaction keeps the subject's own act
    ("Blinken travelled to Beijing for talks with Wang Yi.", "04", "USA", "CHN"),
])
def test_an_act_named_as_the_reason_of_a_reaction_is_not_the_reacting_side_s(
        text: str, code: str, source: str | None, target: str | None) -> None:
    hits = [e for e in _events(text) if e.cameo.startswith(code)]
    if source is None:
        assert not hits, [(e.cameo, e.source, e.target) for e in hits]
    else:
        assert hits and all(e.source is not None and e.source.code is not None for e in hits)
        assert {(e.source.code[:len(source)], e.target.code[:3] if e.target and e.target.code else None)
                for e in hits if e.source and e.source.code} == {(source, target)}
