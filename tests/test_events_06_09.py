"""Event patterns of CAMEO roots 06 (material cooperation), 07 (aid), 08 (yield) and 09 (investigate):
src/dyad/events/data/patterns/06-09-material.yaml."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from conftest import country as _country
from conftest import events_of as _events
from dyad.events import compile_pattern, load_codes
from dyad.events.patterns import expand
from dyad.model import Event

FILE = "06-09-material.yaml"


def _find(text: str, code: str) -> Event:
    events = _events(text)
    hits = [e for e in events if e.cameo == code]
    assert hits, f"no {code} event in {text!r}: {[(e.cameo, e.evidence.rule) for e in events]}"
    return hits[0]


# (sentence, cameo, source country, target country or None, status)
CASES = [
    # 06 material cooperation
    ("Germany deepened economic cooperation with Vietnam.", "061", "DEU", "VNM", "asserted"),
    ("India imported oil from Russia last year.", "061", "IND", "RUS", "asserted"),
    ("China will invest $5 billion in Pakistan.", "061", "CHN", "PAK", "planned"),
    ("The United States held joint military exercises with the Philippines.", "062", "USA", "PHL", "asserted"),
    ("Britain trained Ukrainian pilots.", "062", "GBR", "UKR", "asserted"),
    ("Peru extradited Alejandro Toledo to the United States.", "063", "PER", "USA", "asserted"),
    ("Pakistan handed over two suspects to Indian authorities.", "063", "PAK", "IND", "asserted"),
    ("The United States shared intelligence with Ukraine.", "064", "USA", "UKR", "asserted"),
    # 07 aid
    ("The United States provided $300 million in aid to Ukraine.", "070", "USA", "UKR", "asserted"),
    ("The IMF approved a $3 billion loan to Egypt.", "071", "IMF", "EGY", "asserted"),
    ("China lent Pakistan $2 billion.", "071", "CHN", "PAK", "asserted"),
    ("Iran supplied drones to Russia.", "072", "IRN", "RUS", "asserted"),
    ("The State Department approved a $300 million arms sale to Taiwan.", "072", "USA", "TWN", "asserted"),
    ("Germany did not send tanks to Ukraine.", "072", "DEU", "UKR", "negated"),
    ("Jordan sent humanitarian aid to Gaza.", "073", "JOR", "PSE", "asserted"),
    ("Turkey sent food and medicine to Syria.", "073", "TUR", "SYR", "asserted"),
    ("Kenya deployed peacekeepers to Haiti.", "074", "KEN", "HTI", "asserted"),
    ("Kenyan peacekeepers arrived in Haiti.", "074", "KEN", "HTI", "asserted"),
    ("Russia granted Bashar al-Assad asylum.", "075", "RUS", "SYR", "asserted"),
    # 08 yield
    ("Iran bowed to pressure from the United States.", "080", "IRN", "USA", "asserted"),
    ("Saudi Arabia lifted restrictions on Qatar.", "081", "SAU", "QAT", "asserted"),
    ("The Egyptian government lifted the curfew in Cairo.", "0813", "EGY", "EGY", "asserted"),
    ("Thailand lifted martial law.", "0814", "THA", None, "asserted"),
    ("The opposition in Venezuela called off its protests.", "082", "VEN", None, "asserted"),
    ("Iran accepted the demands of the IAEA.", "083", "IRN", "IAE", "asserted"),
    ("Prime Minister Rishi Sunak resigned.", "0831", "GBR", None, "asserted"),
    ("Myanmar will hold free and fair elections.", "0834", "MMR", None, "planned"),
    ("Israel freed 30 Palestinian prisoners.", "0841", "ISR", "PSE", "asserted"),
    ("Russia returned six Ukrainian children to Ukraine.", "0841", "RUS", "UKR", "asserted"),
    ("Ukraine carried out a prisoner swap with Russia.", "0841", "UKR", "RUS", "asserted"),
    ("China returned the islands to Japan.", "0842", "CHN", "JPN", "asserted"),
    ("The European Union lifted sanctions on Belarus.", "085", "EUR", "BLR", "asserted"),
    ("Sudan accepted UN peacekeepers.", "0861", "SDN", "UNO", "asserted"),
    ("Iran allowed IAEA inspectors access to Fordow.", "0862", "IRN", "IAE", "asserted"),
    ("Israel allowed humanitarian aid to enter Gaza.", "0863", "ISR", "PSE", "asserted"),
    ("Israel halted airstrikes on Rafah.", "087", "ISR", "PSE", "asserted"),
    ("Armenia declared a ceasefire with Azerbaijan.", "0871", "ARM", "AZE", "asserted"),
    ("The ceasefire between Israel and Lebanon held.", "0871", "ISR", "LBN", "asserted"),
    ("Israel lifted the blockade of Gaza.", "0872", "ISR", "PSE", "asserted"),
    ("Russia withdrew troops from Kherson.", "0874", "RUS", "UKR", "asserted"),
    ("The withdrawal of Russian troops from Kherson was completed.", "0874", "RUS", "UKR", "asserted"),
    # 09 investigate
    ("France opened an investigation into Russia.", "090", "FRA", "RUS", "asserted"),
    ("The EU probed corruption in Hungary.", "091", "EUR", "HUN", "asserted"),
    ("Brazil launched a corruption investigation into Petrobras.", "091", "BRA", "BRA", "asserted"),
    ("The United Nations launched an investigation into human rights abuses in Myanmar.", "092", "UNO", "MMR",
     "asserted"),
    ("The UN will investigate the attack on Syrian civilians.", "093", "UNO", "SYR", "planned"),
    ("The ICC opened an investigation into war crimes in Ukraine.", "094", "ICC", "UKR", "asserted"),
]


@pytest.mark.parametrize(("text", "code", "source", "target", "status"), CASES,
                         ids=[c[1] + ":" + c[0][:40] for c in CASES])
def test_event(text: str, code: str, source: str, target: str | None, status: str) -> None:
    e = _find(text, code)
    assert e.root == code[:2]
    assert _country(e.source) == source
    assert _country(e.target) == target
    assert e.status == status


def test_every_root_and_frequent_code_is_covered() -> None:
    codes = {c[1] for c in CASES}
    for root in ("06", "07", "08", "09"):
        assert sum(1 for c in CASES if c[1].startswith(root)) >= 2
    assert {"061", "062", "063", "064", "071", "072", "073", "074", "075", "0831", "0841", "085", "0871",
            "0874", "091", "094"} <= codes


def test_one_event_per_happening() -> None:
    # the light verb and the noun it governs are one event, with the most specific code
    events = [e for e in _events("The ICC opened an investigation into war crimes in Ukraine.") if e.root == "09"]
    assert [e.cameo for e in events] == ["094"]
    # "peacekeepers … arrived in" holds the visit pattern "arrive in {P}": no 042 beside the 074
    assert [e.cameo for e in _events("Kenyan peacekeepers arrived in Haiti.")] == ["074"]


def test_release_inside_a_demand_is_one_event() -> None:
    # the release is the content of the demand (1053), not an event of its own
    events = _events("The United States demanded the release of the Russian dissidents.")
    assert [e.cameo for e in events] == ["1053"]
    assert _country(events[0].source) == "USA"


def test_no_event_where_none_happened() -> None:
    # withdrawing from a treaty or an organisation is no retreat; a statement is no release
    for text in ("The United States withdrew from the Paris climate agreement.",
                 "Mali withdrew from ECOWAS.",
                 "China released a statement criticizing Japan.",
                 "The train carrying Ukrainian refugees arrived in Poland.",
                 "Since the end of the war in 1945, Japan has been a pacifist nation.",
                 "Hamas used weapons to attack Israel."):
        roots = {e.root for e in _events(text)}
        assert not roots & {"06", "07", "08", "09"}, (text, roots)


def _my_patterns() -> list[tuple[str, str, str]]:
    text = (resources.files("dyad.events") / "data" / "patterns" / FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    out = []
    for code, spec in data["patterns"].items():
        for kind in ("verb", "noun"):
            for pattern in spec.get(kind) or []:
                out.append((str(code), kind, pattern))
    return out


PATTERNS = _my_patterns()


def test_pattern_count() -> None:
    assert len(PATTERNS) >= 150
    for root in ("06", "07", "08", "09"):
        assert any(code.startswith(root) for code, _, _ in PATTERNS)


@pytest.mark.parametrize(("code", "kind", "pattern"), PATTERNS, ids=[f"{c}:{k}:{p[:50]}" for c, k, p in PATTERNS])
def test_pattern_compiles(code: str, kind: str, pattern: str) -> None:
    codes = load_codes()
    assert code in codes
    assert code[:2] in ("06", "07", "08", "09")
    for variant in expand(pattern):  # a hyphenated alternative is a variant of its own
        p = compile_pattern(variant, code, kind, FILE)
        assert p.code == code and p.words >= 1
        assert p.tags, "a pattern needs a trigger word"
