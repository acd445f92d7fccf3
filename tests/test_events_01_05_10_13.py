"""Event patterns of CAMEO roots 01-05 (statements, appeals, intent, consult, diplomatic cooperation) and 10-13
(demand, disapprove, reject, threaten): data/patterns/01-02-statements-appeals.yaml, 03-intent.yaml,
04-05-consult-support.yaml and 10-13-verbal-conflict.yaml. Every sentence here was written for these tests."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from conftest import country as _country
from conftest import events_of as _events
from conftest import show as _show
from dyad.events import compile_pattern, load, load_codes
from dyad.events.patterns import expand
from dyad.model import Event

FILES = ("01-02-statements-appeals.yaml", "03-intent.yaml", "04-05-consult-support.yaml", "10-13-verbal-conflict.yaml")
ROOTS = ("01", "02", "03", "04", "05", "10", "11", "12", "13")


# (sentence, CAMEO code, source country, target country or None, status)
CASES = [
    # 01 make public statement
    ("The Kremlin declined to comment on the report.", "011", "RUS", None, "asserted"),
    ("The Indian foreign ministry declined comment.", "011", "IND", None, "asserted"),
    ("Japan voiced pessimism about relations with China.", "012", "JPN", "CHN", "asserted"),
    ("Germany expressed optimism about talks with Poland.", "013", "DEU", "POL", "asserted"),
    ("Hamas claimed responsibility for the attack.", "015", "PSE", None, "asserted"),
    ("Russia denied responsibility for the explosion.", "016", "RUS", None, "asserted"),
    ("China rejected accusations by the United States.", "016", "CHN", "USA", "asserted"),
    ("Narendra Modi laid a wreath at the memorial in Hanoi.", "017", "IND", None, "asserted"),
    ("Germany expressed condolences to Turkey.", "018", "DEU", "TUR", "asserted"),
    ("France offered condolences to Morocco.", "018", "FRA", "MAR", "asserted"),
    ("Mexico expressed solidarity with Cuba.", "018", "MEX", "CUB", "asserted"),
    # 02 appeal
    ("Ukraine asked Germany for more weapons.", "020", "UKR", "DEU", "asserted"),
    ("Ukraine sought support from India.", "022", "UKR", "IND", "asserted"),
    ("Pakistan sought a loan from China.", "023", "PAK", "CHN", "asserted"),
    ("Sudan appealed for humanitarian aid.", "0233", "SDN", None, "asserted"),
    ("The African Union called for free elections in Sudan.", "0244", "AFU", "SDN", "asserted"),
    ("The European Union called for the release of Alexei Navalny.", "0253", "EUR", "RUS", "asserted"),
    ("Qatar urged Israel to show restraint.", "0256", "QAT", "ISR", "asserted"),
    ("Vietnam called for talks with China.", "026", "VNM", "CHN", "asserted"),
    ("Japan urged China to hold talks.", "026", "JPN", "CHN", "asserted"),
    ("Japan invited India to a summit.", "026", "JPN", "IND", "asserted"),
    # 03 express intent to cooperate
    ("Japan and India agreed to expand trade.", "0311", "JPN", "IND", "asserted"),
    ("India pledged to invest in Sri Lanka.", "0311", "IND", "LKA", "asserted"),
    ("Brazil pledged support for Argentina.", "032", "BRA", "ARG", "asserted"),
    ("Germany promised to provide economic aid to Moldova.", "0331", "DEU", "MDA", "asserted"),
    ("Canada pledged humanitarian aid to Gaza.", "0333", "CAN", None, "asserted"),
    ("Israel agreed to a ceasefire with Hamas.", "0356", "ISR", "PSE", "asserted"),
    ("China and Japan agreed to hold talks.", "036", "CHN", "JPN", "asserted"),
    ("South Korea proposed talks with North Korea.", "036", "KOR", "PRK", "asserted"),
    ("Ukraine accepted mediation by Turkey.", "038", "UKR", "TUR", "asserted"),
    ("Ukraine agreed to Turkey's mediation.", "038", "UKR", "TUR", "asserted"),
    # 04 consult
    ("Japan will host talks with Vietnam.", "040", "JPN", "VNM", "planned"),
    ("Joe Biden called Xi Jinping on Tuesday.", "041", "USA", "CHN", "asserted"),
    ("Emmanuel Macron spoke by phone with Volodymyr Zelensky.", "041", "FRA", "UKR", "asserted"),
    ("Olaf Scholz held a phone call with Narendra Modi.", "041", "DEU", "IND", "asserted"),
    ("Antony Blinken visited Kyiv on Tuesday.", "042", "USA", "UKR", "asserted"),
    ("Narendra Modi paid a state visit to France.", "042", "IND", "FRA", "asserted"),
    ("Fumio Kishida flew to Washington.", "042", "JPN", "USA", "asserted"),
    ("China hosted Vladimir Putin.", "043", "CHN", "RUS", "asserted"),
    ("Xi Jinping welcomed Emmanuel Macron to Beijing.", "043", "CHN", "FRA", "asserted"),
    ("China will host Vladimir Putin next week.", "043", "CHN", "RUS", "planned"),
    ("Joe Biden met Xi Jinping on the sidelines of the summit.", "044", "USA", "CHN", "asserted"),
    ("Iran negotiated with the United States.", "046", "IRN", "USA", "asserted"),
    ("Armenia and Azerbaijan resumed peace negotiations.", "046", "ARM", "AZE", "asserted"),
    ("Ukraine held negotiations with Russia in Istanbul.", "046", "UKR", "RUS", "asserted"),
    # 05 engage in diplomatic cooperation
    ("Japan improved relations with South Korea.", "050", "JPN", "KOR", "asserted"),
    ("Germany praised Poland.", "051", "DEU", "POL", "asserted"),
    ("The United States commended India for its leadership.", "051", "USA", "IND", "asserted"),
    ("Brazil supported Argentina's bid.", "051", "BRA", "ARG", "asserted"),
    ("Germany did not praise Poland.", "051", "DEU", "POL", "negated"),
    ("Spain recognized Palestine.", "054", "ESP", "PSE", "asserted"),
    ("Saudi Arabia restored diplomatic relations with Iran.", "054", "SAU", "IRN", "asserted"),
    ("India opened an embassy in Armenia.", "054", "IND", "ARM", "asserted"),
    ("Spain will recognize Palestine on May 28.", "054", "ESP", "PSE", "planned"),
    ("Germany apologized to Namibia.", "055", "DEU", "NAM", "asserted"),
    ("Japan signed a defense pact with the Philippines.", "057", "JPN", "PHL", "asserted"),
    ("India and the United Arab Emirates signed a trade agreement.", "057", "IND", "ARE", "asserted"),
    ("Japan will not sign the pact with China.", "057", "JPN", "CHN", "negated"),
    # 10 demand
    ("Ukraine demanded the resignation of the Russian ambassador.", "1041", "UKR", "RUS", "asserted"),
    ("Poland demanded the removal of Russia's ambassador.", "1041", "POL", "RUS", "asserted"),
    ("Kosovo demanded independence from Serbia.", "1043", "XKX", "SRB", "asserted"),
    ("The United States demanded the release of the Russian dissidents.", "1053", "USA", None, "asserted"),
    ("Israel demanded an immediate ceasefire with Hezbollah.", "1056", "ISR", "LBN", "asserted"),
    ("Turkey demanded talks with Greece.", "106", "TUR", "GRC", "asserted"),
    # 11 disapprove
    ("Japan criticized China.", "111", "JPN", "CHN", "asserted"),
    ("Germany condemned Russia.", "111", "DEU", "RUS", "asserted"),
    ("Egypt is expected to condemn Israel.", "111", "EGY", "ISR", "planned"),
    ("The United States accused China of human rights abuses.", "1122", "USA", "CHN", "asserted"),
    ("The Philippines accused China of aggression.", "1123", "PHL", "CHN", "asserted"),
    ("India did not accuse China of aggression.", "1123", "IND", "CHN", "negated"),
    ("The United States accused Russia of war crimes.", "1124", "USA", "RUS", "asserted"),
    ("Britain accused Iran of espionage.", "1125", "GBR", "IRN", "asserted"),
    ("Canada accused India of interference.", "1125", "CAN", "IND", "asserted"),
    ("The Philippines lodged a protest with China.", "114", "PHL", "CHN", "asserted"),
    ("China lodged a formal complaint with Japan.", "114", "CHN", "JPN", "asserted"),
    ("The Philippines summoned China's ambassador.", "114", "PHL", "CHN", "asserted"),
    ("Ukraine sued Russia.", "115", "UKR", "RUS", "asserted"),
    ("Gambia filed a lawsuit against Myanmar.", "115", "GMB", "MMR", "asserted"),
    ("South Africa filed a case against Israel.", "115", "ZAF", "ISR", "asserted"),
    # 12 reject
    ("China rejected calls from the United States.", "120", "CHN", "USA", "asserted"),
    ("Serbia refused entry to a Kosovo delegation.", "120", "SRB", "XKX", "asserted"),
    ("Iran refused to back down.", "124", "IRN", None, "asserted"),
    ("Israel refused to release Palestinian prisoners.", "1243", "ISR", "PSE", "asserted"),
    ("China refused to meet the Philippines.", "125", "CHN", "PHL", "asserted"),
    ("North Korea refused to negotiate with South Korea.", "125", "PRK", "KOR", "asserted"),
    ("Venezuela rejected an invitation to talks with Guyana.", "125", "VEN", "GUY", "asserted"),
    ("Ukraine rejected Russia's peace plan.", "127", "UKR", "RUS", "asserted"),
    ("Israel rejected the ceasefire proposal by Egypt.", "127", "ISR", "EGY", "asserted"),
    ("Russia withdrew from the grain deal with Ukraine.", "127", "RUS", "UKR", "asserted"),
    ("North Korea defied sanctions imposed by the United Nations.", "128", "PRK", "UNO", "asserted"),
    ("Iran violated the resolution of the United Nations.", "128", "IRN", "UNO", "asserted"),
    ("Russia vetoed the resolution.", "129", "RUS", None, "asserted"),
    # 13 threaten
    ("China warned of consequences for Japan.", "130", "CHN", "JPN", "asserted"),
    ("China vowed retaliation against Lithuania.", "130", "CHN", "LTU", "asserted"),
    ("Russia threatened Moldova with sanctions.", "1312", "RUS", "MDA", "asserted"),
    ("China threatened the United States with tariffs.", "1312", "CHN", "USA", "asserted"),
    ("The United States threatened sanctions against Turkey.", "1312", "USA", "TUR", "asserted"),
    ("Japan reportedly threatened China with sanctions.", "1312", "JPN", "CHN", "alleged"),
    ("Russia threatened to cut diplomatic ties with Moldova.", "1313", "RUS", "MDA", "asserted"),
    ("Azerbaijan threatened to recall its ambassador from France.", "1313", "AZE", "FRA", "asserted"),
    ("North Korea threatened South Korea with military force.", "138", "PRK", "KOR", "asserted"),
    ("Russia threatened to use nuclear weapons against Ukraine.", "1385", "RUS", "UKR", "asserted"),
    ("The United States issued an ultimatum to Iran.", "139", "USA", "IRN", "asserted"),
    ("Turkey gave an ultimatum to Sweden.", "139", "TUR", "SWE", "asserted"),
    ("Israel sent an ultimatum to Hezbollah.", "139", "ISR", "LBN", "asserted"),
]


def _find(text: str, code: str) -> Event:
    events = _events(text)
    hits = [e for e in events if e.cameo == code]
    assert hits, f"no {code} event in {text!r}: {_show(events)}"
    return hits[0]


@pytest.mark.parametrize(("text", "code", "source", "target", "status"), CASES,
                         ids=[f"{c[1]}:{c[0][:44]}" for c in CASES])
def test_event(text: str, code: str, source: str, target: str | None, status: str) -> None:
    e = _find(text, code)
    assert e.root == code[:2]
    assert _country(e.source) == source
    assert _country(e.target) == target
    assert e.status == status


def test_every_root_and_named_sub_code_is_covered() -> None:
    codes = {c[1] for c in CASES}
    for root in ROOTS:
        assert sum(1 for c in CASES if c[1][:2] == root) >= 3, root
    assert {"011", "016", "018", "026", "036", "041", "042", "043", "046", "051", "054", "057", "1041", "1122",
            "1123", "1124", "1125", "114", "115", "125", "127", "128", "1312", "1313", "139"} <= codes


def test_each_sentence_is_one_event() -> None:
    # a verb and its object noun, or a frame and its content, give one event
    for text in ("Narendra Modi paid a state visit to France.", "Ukraine held negotiations with Russia in Istanbul.",
                 "Germany promised to provide economic aid to Moldova.", "China refused to meet the Philippines.",
                 "Russia threatened to cut diplomatic ties with Moldova.",
                 "Ukraine demanded the resignation of the Russian ambassador."):
        assert len(_events(text)) == 1, (text, _show(_events(text)))


NOT_CODED = [
    "The president said the economy grew.",  # a plain statement is a quotation, not an event
    "Joe Biden called the decision a mistake.",  # call {T:person}: a decision is nobody
    "Delegates from Kenya visited the museum.",  # a museum is no place in the gazetteer
    "Poland may recognize Taiwan.",  # the writer's own "may"
    "Will Japan apologize to South Korea?",
    "If Iran refuses to negotiate, the talks will fail.",
]


@pytest.mark.parametrize("text", NOT_CODED, ids=[t[:44] for t in NOT_CODED])
def test_not_coded(text: str) -> None:
    assert _events(text) == (), _show(_events(text))


# -- known bugs ------------------------------------------------------------------------------------

def test_no_comment_is_a_declined_comment() -> None:
    assert _show(_events("The Indian foreign ministry had no comment.")) == [("011", "IND", None, "asserted")]


@pytest.mark.parametrize(("text", "code", "mediator"), [
    ("Qatar mediated between Israel and Hamas.", "045", "QAT"),
    ("China offered to mediate between Russia and Ukraine.", "039", "CHN"),
])
def test_mediator_is_the_source(text: str, code: str, mediator: str) -> None:
    assert _country(_find(text, code).source) == mediator


def test_accept_someones_mediation() -> None:
    assert _show(_events("Ukraine accepted Turkey's mediation.")) == [("038", "UKR", "TUR", "asserted")]


def test_ultimatum_with_a_double_object() -> None:
    assert _show(_events("Israel gave Hamas an ultimatum.")) == [("139", "ISR", "PSE", "asserted")]


# -- every pattern of the four files compiles ------------------------------------------------------

def _mine() -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    for name in FILES:
        text = (resources.files("dyad.events") / "data" / "patterns" / name).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        for code, spec in data["patterns"].items():
            for kind, items in spec.items():
                out.extend((name, str(code), kind, p) for p in items)
    return out


PATTERNS = _mine()
CODES = load_codes()


@pytest.mark.parametrize(("name", "code", "kind", "text"), PATTERNS,
                         ids=[f"{c}:{k}:{t}"[:90] for _, c, k, t in PATTERNS])
def test_pattern_compiles(name: str, code: str, kind: str, text: str) -> None:
    assert code in CODES
    assert code[:2] in ROOTS
    assert kind in ("verb", "noun")
    variants = expand(text)
    assert variants
    for variant in variants:  # a hyphenated or underscored alternative is a variant of its own
        p = compile_pattern(variant, code, kind, name)
        assert p.code == code and p.kind == kind
        assert p.elems[0].kind == "word" and p.tags, "a pattern starts with its trigger word"
        assert p.words >= 1


def test_files_are_shipped() -> None:
    assert len(PATTERNS) >= 300
    for root in ROOTS:
        assert any(code[:2] == root for _, code, _, _ in PATTERNS), root
    loaded = [p for p in load().patterns if p.origin in {f"dyad:{name}" for name in FILES}]
    assert {(c, k, t) for _, c, k, t in PATTERNS} == {(p.code, p.kind, p.text) for p in loaded}
