"""Event patterns of CAMEO roots 14-20 (protest, force posture, reduce relations, coerce, assault,
fight, mass violence): every sentence here was written for these tests."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from conftest import country as _country
from conftest import events_of as _events
from conftest import show as _show
from dyad.events import load_codes
from dyad.events.patterns import compile_pattern, expand

FILE = "14-20-force.yaml"


# (sentence, CAMEO code, source country, target country, status)
CASES = [
    # 14 protest
    ("Georgian protesters rallied outside the parliament in Tbilisi on Sunday.", "141", "GEO", "GEO", "asserted"),
    ("Iranian students held a sit-in outside the British embassy in Tehran.", "141", "IRN", "GBR", "asserted"),
    ("Georgian protesters demonstrated against the foreign agents law in Tbilisi.", "1412", "GEO", "GEO",
     "asserted"),
    ("Palestinian prisoners began a hunger strike against Israel.", "142", "PSE", "ISR", "asserted"),
    ("Argentine workers staged a nationwide strike against President Javier Milei.", "143", "ARG", "ARG",
     "asserted"),
    ("French unions will stage a general strike in Paris next week.", "143", "FRA", "FRA", "planned"),
    ("Armenian protesters blocked roads in Yerevan.", "144", "ARM", "ARM", "asserted"),
    ("Indian farmers blocked the border crossing with Pakistan.", "144", "IND", "PAK", "asserted"),
    ("Kenyan protesters rioted in Nairobi.", "145", "KEN", "KEN", "asserted"),
    ("Iraqi protesters stormed the Swedish embassy in Baghdad.", "145", "IRQ", "SWE", "asserted"),
    # 15 force posture
    ("Chinese warships held drills near Taiwan.", "150", "CHN", "TWN", "asserted"),
    ("North Korea test-fired a ballistic missile toward Japan.", "150", "PRK", "JPN", "asserted"),
    ("Taiwan raised the combat readiness of its forces.", "152", "TWN", None, "asserted"),
    ("France deployed 1000 police officers to Marseille.", "153", "FRA", "FRA", "asserted"),
    ("Russia massed troops on the border with Ukraine.", "154", "RUS", "UKR", "asserted"),
    ("The United States deployed 300 troops to Poland.", "154", "USA", "POL", "asserted"),
    # 16 reduce relations
    ("Nicaragua broke off diplomatic relations with Israel.", "161", "NIC", "ISR", "asserted"),
    ("Israel recalled its ambassador from South Africa.", "161", "ISR", "ZAF", "asserted"),
    ("Israel closed its embassy in Ankara.", "161", "ISR", "TUR", "asserted"),
    ("The United States suspended military aid to Egypt.", "1622", "USA", "EGY", "asserted"),
    ("Germany halted development aid to Niger.", "1621", "DEU", "NER", "asserted"),
    ("Israel halted humanitarian aid to Gaza.", "1623", "ISR", "PSE", "asserted"),
    ("The European Union imposed new sanctions on Russia.", "163", "EUR", "RUS", "asserted"),
    ("China slapped tariffs on Australian wine.", "163", "CHN", "AUS", "asserted"),
    ("The EU's sanctions on Belarus took effect on Friday.", "163", "EUR", "BLR", "asserted"),
    ("The US expanded export controls on China.", "163", "USA", "CHN", "asserted"),
    ("The EU will impose new sanctions on Iran next week.", "163", "EUR", "IRN", "planned"),
    ("The EU stopped short of imposing sanctions on Israel.", "163", "EUR", "ISR", "negated"),
    ("Iran suspended talks with the United States.", "164", "IRN", "USA", "asserted"),
    ("Qatar suspended its mediation between Israel and Hamas.", "165", "QAT", "ISR", "asserted"),
    ("Mali ordered the withdrawal of the UN peacekeeping mission from the country.", "1661", "MLI", "UNO",
     "asserted"),
    ("Iran expelled IAEA inspectors.", "1662", "IRN", "IAE", "asserted"),
    ("Niger expelled French troops.", "166", "NER", "FRA", "asserted"),
    ("Moscow suspended Lithuania from the Council of Europe.", "160", "RUS", "LTU", "asserted"),
    # 17 coerce
    ("Iran seized a Greek tanker in the Gulf of Oman.", "171", "IRN", "GRC", "asserted"),
    ("Russia seized the assets of Danone.", "1711", "RUS", "FRA", "asserted"),
    ("Israeli troops demolished Palestinian homes in the West Bank.", "1712", "ISR", "PSE", "asserted"),
    ("Russia designated Meduza an undesirable organization.", "172", "RUS", "RUS", "asserted"),
    ("Iran censored Iranian newspapers.", "1721", "IRN", "IRN", "asserted"),
    ("Pakistan disqualified Imran Khan from running in the election.", "1722", "PAK", "PAK", "asserted"),
    ("Sri Lanka imposed a curfew in Colombo.", "1723", "LKA", "LKA", "asserted"),
    ("Ecuador declared a state of emergency in Guayaquil.", "1724", "ECU", "ECU", "asserted"),
    ("Indian police detained opposition leader Rahul Gandhi.", "173", "IND", "IND", "asserted"),
    ("Navalny was arrested by Russian police.", "173", "RUS", "RUS", "asserted"),
    ("Russia charged the American journalist with espionage.", "173", "RUS", "USA", "asserted"),
    ("Iran's arrest of a French journalist angered Paris.", "173", "IRN", "FRA", "asserted"),
    ("Moscow expelled two Estonian diplomats.", "174", "RUS", "EST", "asserted"),
    ("The United States deported hundreds of Venezuelans to Caracas.", "174", "USA", "VEN", "asserted"),
    ("Belarusian security forces cracked down on opposition protesters in Minsk.", "175", "BLR", "BLR",
     "asserted"),
    ("Israeli troops opened fire on Palestinian protesters.", "175", "ISR", "PSE", "asserted"),
    # 18 assault
    ("Iranian agents kidnapped a Swedish diplomat in Tehran.", "181", "IRN", "SWE", "asserted"),
    ("Egyptian police beat up British journalists.", "182", "EGY", "GBR", "asserted"),
    ("Russian soldiers tortured Ukrainian prisoners.", "1822", "RUS", "UKR", "asserted"),
    ("Afghan militants carried out a suicide bombing in Islamabad.", "1831", "AFG", "PAK", "asserted"),
    ("Ukrainian agents detonated a car bomb in Moscow.", "1832", "UKR", "RUS", "asserted"),
    ("Iraqi militants detonated a roadside bomb near an American convoy.", "1833", "IRQ", "USA", "asserted"),
    ("Russian soldiers used Ukrainian civilians as human shields.", "184", "RUS", "UKR", "asserted"),
    ("Russian agents tried to kill a Ukrainian general.", "185", "RUS", "UKR", "asserted"),
    ("Israel assassinated a senior Iranian general in Damascus.", "186", "ISR", "IRN", "asserted"),
    # 19 fight
    ("Russia invaded Ukraine in 2022.", "190", "RUS", "UKR", "asserted"),
    ("Russia's invasion of Ukraine has killed thousands.", "190", "RUS", "UKR", "asserted"),
    ("Ukraine was attacked by Russia on Friday.", "190", "RUS", "UKR", "asserted"),
    ("Russia will attack Ukraine.", "190", "RUS", "UKR", "planned"),
    ("Russia did not attack Ukraine.", "190", "RUS", "UKR", "negated"),
    ("Israel allegedly struck Iran on Friday.", "190", "ISR", "IRN", "alleged"),
    ("Indian troops clashed with Chinese soldiers in Ladakh.", "190", "IND", "CHN", "asserted"),
    ("Israel imposed a naval blockade on Gaza.", "191", "ISR", "PSE", "asserted"),
    ("Russia annexed Crimea in 2014.", "192", "RUS", "UKR", "asserted"),
    ("Israeli soldiers shot dead two Palestinians.", "193", "ISR", "PSE", "asserted"),
    ("Russian forces shelled Kharkiv.", "194", "RUS", "UKR", "asserted"),
    ("Israeli jets carried out airstrikes on Gaza.", "195", "ISR", "PSE", "asserted"),
    ("Pakistan's airstrike on Iran angered Tehran.", "195", "PAK", "IRN", "asserted"),
    ("Iran fired missiles at Israel.", "195", "IRN", "ISR", "asserted"),
    ("Azerbaijan violated the ceasefire with Armenia.", "196", "AZE", "ARM", "asserted"),
    # 20 mass violence
    ("Russian forces committed atrocities in Bucha.", "200", "RUS", "UKR", "asserted"),
    ("Russia forcibly deported Ukrainian children.", "201", "RUS", "UKR", "asserted"),
    ("The forced deportation of Ukrainian children by Russia is a war crime.", "201", "RUS", "UKR", "asserted"),
    ("Myanmar's military carried out a massacre in Rakhine.", "202", "MMR", "MMR", "asserted"),
    ("Serbian forces carried out ethnic cleansing in Kosovo.", "203", "SRB", "XKX", "asserted"),
    ("Syria used chemical weapons against Syrian civilians.", "2041", "SYR", "SYR", "asserted"),
    ("The United States dropped atomic bombs on Japan in 1945.", "2042", "USA", "JPN", "asserted"),
]


@pytest.mark.parametrize(("text", "code", "source", "target", "status"), CASES, ids=[c[0][:48] for c in CASES])
def test_event(text: str, code: str, source: str | None, target: str | None, status: str) -> None:
    events = _events(text)
    found = [e for e in events if e.cameo == code]
    assert found, f"no {code} event in {_show(events)}"
    e = found[0]
    assert (_country(e.source), _country(e.target), e.status) == (source, target, status), _show(events)
    assert e.root == code[:2]


def test_every_root_is_tested() -> None:
    roots = {c[1][:2] for c in CASES}
    assert roots >= {"14", "15", "16", "17", "18", "19", "20"}
    for root in ("14", "15", "16", "17", "18", "19", "20"):
        assert sum(1 for c in CASES if c[1][:2] == root) >= 2, root


# words that mean something else in these sentences: no event of the root may come out
NOT_CODED = [
    ("Riot police in Tbilisi stood guard as Georgian lawmakers voted.", "14"),
    ("The presidential election will be held in March in Russia.", "14"),
    ("The village lies close to the border with Russia.", "19"),
    ("A bomb exploded close to the Russian embassy in Kabul.", "16"),
    ("The United States agreed to lift sanctions on Venezuela.", "16"),
    ("India lifted the ban on rice exports to Bangladesh.", "16"),
    ("Japan and South Korea struck a deal on seafood.", "19"),
    ("Biden beat Trump in the 2020 election.", "18"),
    ("North Korea conducted a nuclear test.", "20"),
]


@pytest.mark.parametrize(("text", "root"), NOT_CODED, ids=[c[0][:48] for c in NOT_CODED])
def test_not_coded(text: str, root: str) -> None:
    events = _events(text)
    assert not [e for e in events if e.root == root], _show(events)


def test_nuclear_test_is_a_show_of_force() -> None:
    events = _events("North Korea conducted a nuclear test.")
    assert [(e.cameo, _country(e.source)) for e in events if e.root == "15"] == [("150", "PRK")]


def test_labour_strike_is_not_an_attack() -> None:
    events = _events("French unions called a general strike against the pension reform.")
    assert [e.cameo for e in events if e.root in ("14", "19")] == ["143"]


def test_threat_frame_takes_its_code_from_the_complement() -> None:
    # the threat's complement is a 161 pattern of this file: threaten + break relations is 1313
    events = _events("Russia threatened to cut diplomatic ties with Moldova.")
    assert [(e.cameo, _country(e.source), _country(e.target)) for e in events] == [("1313", "RUS", "MDA")]


def _mine() -> list[tuple[str, str, str]]:
    text = (resources.files("dyad.events") / "data" / "patterns" / FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return [(str(code), kind, p) for code, spec in data["patterns"].items() for kind, items in spec.items()
            for p in items]


PATTERNS = _mine()
CODES = load_codes()


@pytest.mark.parametrize(("code", "kind", "text"), PATTERNS, ids=[f"{c}:{k}:{t}"[:80] for c, k, t in PATTERNS])
def test_pattern_compiles(code: str, kind: str, text: str) -> None:
    assert code in CODES
    assert code[:2] in {"14", "15", "16", "17", "18", "19", "20"}
    for variant in expand(text):  # a hyphenated alternative is a variant of its own
        p = compile_pattern(variant, code, kind, FILE)
        assert p.code == code and p.elems and p.elems[0].kind == "word"


def test_file_is_shipped() -> None:
    from dyad.events import load

    texts = {(p.code, p.kind, p.text) for p in load().patterns if p.origin.endswith(FILE)}
    assert len(PATTERNS) >= 200
    assert {(c, k, t) for c, k, t in PATTERNS} <= texts
