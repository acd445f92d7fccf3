"""The actor stage: gazetteer, recognition, coding, dated roles, coreference, user files, negatives.

Every sentence here was written for these tests (about real public figures and institutions).
Short texts are too short for language detection, so `ex()` passes language="en" unless told otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import dyad
from conftest import DE, FR
from dyad.actors import load
from dyad.actors.gazetteer import _Builder
from dyad.errors import ConfigError
from dyad.model import Document, Mention

CODE = re.compile(r"^[A-Z0-9]{2,12}$")


# -- helpers -----------------------------------------------------------------------------------------

def ex(text: str, published: str | None = "2024-06-01", settings: dyad.Settings | None = None,
       language: str | None = "en") -> Document:
    """Extract one document and check every mention's offsets against the text and its sentence."""
    doc = dyad.extract(text, published=published, language=language, settings=settings)
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text, m
        sent = doc.sentences[m.sentence]
        assert sent.start <= m.start < m.end <= sent.end, m
        assert 0.0 <= m.confidence <= 1.0
    return doc


def found(doc: Document, text: str) -> list[Mention]:
    return [m for m in doc.mentions if m.text == text]


def one(doc: Document, text: str) -> Mention:
    hits = found(doc, text)
    assert len(hits) == 1, f"{text!r}: {hits} in {[m.text for m in doc.mentions]}"
    return hits[0]


def covering(doc: Document, word: str) -> list[Mention]:
    """Mentions whose span covers the first occurrence of `word` in the text."""
    at = doc.text.index(word)
    return [m for m in doc.mentions if m.start <= at < m.end]


def codes(doc: Document) -> list[str | None]:
    return [m.actor.code for m in doc.mentions]


# -- gazetteer data ---------------------------------------------------------------------------------

def test_gazetteer_ships_countries_people_and_role_sectors() -> None:
    g = load()
    assert len(g.countries) >= 249  # every ISO 3166-1 alpha-3 code, plus Kosovo
    for code in ("USA", "CHN", "TWN", "GBR", "XKX"):
        assert code in g.countries
    assert len(g.people) >= 400
    assert len({p.country for p in g.people}) >= 40
    for p in g.people:
        assert p.spells, p.name
        for s in p.spells:
            assert CODE.match(s.code), (p.name, s.code)
            assert isinstance(s.start, dt.date)
            assert s.end is None or s.end >= s.start, (p.name, s)
    sectors = {cls: r.sector for cls, r in g.roles_by_class.items()}
    assert sectors["legislator"] == "LEG"
    assert sectors["academic"] == "EDU"
    assert sectors["officer"] == "MIL"
    assert sectors["journalist"] == "MED"
    assert sectors["foreign_minister"] == "GOV"
    assert sectors["executive"] == "BUS"


@pytest.mark.parametrize(("sentence", "surface", "code", "name"), [
    ("NATO warned of new threats on its eastern flank.", "NATO", "NATO", "North Atlantic Treaty Organization"),
    ("The United Nations called for a ceasefire.", "United Nations", "UNO", "United Nations"),
    ("The State Department issued a travel warning.", "State Department", "USAGOV",
     "United States Department of State"),
    ("A spokesman said the Pentagon would send more ships.", "the Pentagon", "USAMIL",
     "United States Department of Defense"),
    ("Congress passed the spending bill late on Thursday.", "Congress", "USALEG", "United States Congress"),
    ("The People's Liberation Army held drills near the island.", "People's Liberation Army", "CHNMIL",
     "People's Liberation Army"),
    ("The Kuomintang opposed the budget.", "Kuomintang", "TWNPTY", "Kuomintang"),
    ("Huawei unveiled a new phone this week.", "Huawei", "CHNBUS", "Huawei"),
    ("Peking University opened a new campus.", "Peking University", "CHNEDU", "Peking University"),
    ("The Brookings Institution published a survey.", "Brookings Institution", "USANGO", "Brookings Institution"),
])
def test_shipped_organisations_are_coded_with_their_sector(sentence: str, surface: str, code: str,
                                                            name: str) -> None:
    m = one(ex(sentence), surface)
    assert (m.actor.code, m.actor.name, m.rule) == (code, name, "org")


# -- recognition: dictionary matches -----------------------------------------------------------------

@pytest.mark.parametrize("surface", ["U.S.", "US", "U.S", "USA", "U.S.A."])
def test_country_matches_tolerate_punctuation(surface: str) -> None:
    doc = ex(f"The {surface} signed the accord on Friday.")
    m = one(doc, surface)
    assert (m.actor.code, m.actor.name, m.rule) == ("USA", "United States", "country")


def test_country_matches_tolerate_upper_case() -> None:
    doc = ex("CHINA and Japan agreed to resume talks.")
    m = one(doc, "CHINA")
    assert (m.actor.code, m.actor.name, m.rule) == ("CHN", "China", "country")


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_possessives(apostrophe: str) -> None:
    doc = ex(f"China{apostrophe}s economy slowed in May, and Blinken{apostrophe}s visit was cut short.")
    china = one(doc, "China")  # the possessive is not part of the mention
    assert (china.actor.code, china.rule) == ("CHN", "country")
    blinken = one(doc, "Blinken")
    assert (blinken.actor.name, blinken.actor.code) == ("Antony Blinken", "USAGOV")


def test_upper_case_possessive() -> None:
    doc = ex("Markets fell after CHINA'S exports slumped.")
    assert [(m.text, m.actor.code) for m in doc.mentions] == [("CHINA", "CHN")]


def test_longest_match_wins() -> None:
    doc = ex("The People's Republic of China protested, and the United States Department of State replied. "
             "The Chinese Foreign Ministry said nothing more.")
    prc = one(doc, "People's Republic of China")
    assert (prc.actor.code, prc.actor.name) == ("CHN", "China")
    assert not found(doc, "China")
    state = one(doc, "United States Department of State")
    assert (state.actor.code, state.rule) == ("USAGOV", "org")
    assert not found(doc, "United States")
    mfa = one(doc, "Chinese Foreign Ministry")
    assert (mfa.actor.code, mfa.rule) == ("CHNGOV", "org")
    assert not found(doc, "Chinese")


# -- recognition: titles, appositives, anonymous sources, compounds ----------------------------------

@pytest.mark.parametrize(("sentence", "surface", "code", "name", "role", "published"), [
    ("Chinese Foreign Minister Wang Yi flew to Moscow on Monday.", "Chinese Foreign Minister Wang Yi",
     "CHNGOV", "Wang Yi", "Chinese Foreign Minister", "2024-06-01"),
    ("U.S. Secretary of State Antony Blinken landed in Manila.", "U.S. Secretary of State Antony Blinken",
     "USAGOV", "Antony Blinken", "U.S. Secretary of State", "2024-06-01"),
    ("Sen. Marco Rubio criticised the deal.", "Sen. Marco Rubio", "USALEG", "Marco Rubio", "Sen.", "2020-03-01"),
])
def test_title_and_name(sentence: str, surface: str, code: str, name: str, role: str, published: str) -> None:
    m = one(ex(sentence, published), surface)
    assert (m.actor.code, m.actor.name, m.actor.role, m.rule) == (code, name, role, "title")


def test_title_recognises_a_person_absent_from_the_gazetteer() -> None:
    assert load().lookup("Elspeth Marrow") == []
    doc = ex("Canadian Trade Minister Elspeth Marrow arrived in Seoul for two days of talks.")
    m = one(doc, "Canadian Trade Minister Elspeth Marrow")
    assert (m.actor.code, m.actor.name, m.actor.role, m.rule) == (
        "CANGOV", "Elspeth Marrow", "Canadian Trade Minister", "title")


def test_appositive_codes_an_unknown_person_through_the_institution() -> None:
    assert load().lookup("Zhiqun Zhu") == []
    doc = ex("Zhiqun Zhu, an international relations professor at Bucknell University in Pennsylvania, "
             "said the visit was a modest step.")
    m = one(doc, "Zhiqun Zhu")
    assert (m.actor.code, m.actor.name, m.rule) == ("USAEDU", "Zhiqun Zhu", "appositive")
    assert m.actor.role is not None and "professor" in m.actor.role
    uni = one(doc, "Bucknell University")
    assert (uni.actor.code, uni.rule) == ("USAEDU", "org")
    assert not covering(doc, "Pennsylvania")  # a place, not an actor


@pytest.mark.parametrize(("sentence", "surface", "code", "role"), [
    ("A senior State Department official said the talks would go on.", "senior State Department official",
     "USAGOV", "official"),
    ("A Chinese academic said the visit changed little.", "Chinese academic", "CHNEDU", "academic"),
    ("A Japanese diplomat said the invitation was declined.", "Japanese diplomat", "JPNGOV", "diplomat"),
])
def test_anonymous_sources(sentence: str, surface: str, code: str, role: str) -> None:
    m = one(ex(sentence), surface)
    assert (m.actor.code, m.actor.name, m.actor.role, m.rule) == (code, surface, role, "anonymous")


def test_compound_actors() -> None:
    doc = ex("U.S. and Chinese officials met in Geneva on Friday.")
    us = one(doc, "U.S.")
    cn = one(doc, "Chinese officials")
    assert (us.actor.code, us.actor.name, us.rule) == ("USAGOV", "U.S. officials", "group")
    assert (cn.actor.code, cn.actor.name, cn.rule) == ("CHNGOV", "Chinese officials", "group")
    assert not covering(doc, "Geneva")


# -- coding ---------------------------------------------------------------------------------------------

def test_metonyms_are_governments() -> None:
    doc = ex("Washington accused Beijing of dumping cheap steel, and the White House threatened new tariffs.")
    for surface, code in (("Washington", "USAGOV"), ("Beijing", "CHNGOV"), ("White House", "USAGOV")):
        m = one(doc, surface)
        assert (m.actor.code, m.rule) == (code, "metonym")


def test_places_are_not_actors() -> None:
    doc = ex("Blinken arrived in Shanghai on Wednesday ahead of a meeting in Washington next month.")
    assert [(m.text, m.actor.code) for m in doc.mentions] == [("Blinken", "USAGOV")]
    assert not covering(doc, "Shanghai")
    assert not covering(doc, "Washington")


@pytest.mark.parametrize(("phrase", "code"), [
    ("Chinese companies", "CHNBUS"),
    ("Chinese officials", "CHNGOV"),
    ("China's military", "CHNMIL"),
    ("Chinese analysts", "CHNNGO"),
    ("U.S. lawmakers", "USALEG"),
    ("Japanese students", "JPNEDU"),
])
def test_nationality_plus_group_noun(phrase: str, code: str) -> None:
    m = one(ex(f"Some {phrase} have grown wary of the new rules."), phrase)
    assert (m.actor.code, m.actor.name, m.rule) == (code, phrase, "group")


def test_group_noun_after_a_hyphenated_modifier() -> None:
    doc = ex("Chinese state-owned banks lent more to exporters this year.")
    m = one(doc, "Chinese state-owned banks")
    assert (m.actor.code, m.rule) == ("CHNBUS", "group")


@pytest.mark.parametrize(("sentence", "surface", "code", "name"), [
    ("The People's Republic of China lodged a protest.", "People's Republic of China", "CHN", "China"),
    ("The Republic of China marked its national day.", "Republic of China", "TWN", "Taiwan"),
    ("An American destroyer sailed through the strait.", "American destroyer", "USAMIL", "American destroyer"),
])
def test_strings_not_written_as_the_short_name(sentence: str, surface: str, code: str, name: str) -> None:
    m = one(ex(sentence), surface)
    assert (m.actor.code, m.actor.name) == (code, name)


# -- coreference ------------------------------------------------------------------------------------

def test_surnames_refer_back() -> None:
    doc = ex("Zhiqun Zhu, an international relations professor at Bucknell University in Pennsylvania, spoke "
             "first. Zhu said neither side wanted a crisis. Chinese Foreign Minister Wang Yi spoke next. "
             "Wang said the door was open.")
    zhu = one(doc, "Zhu")
    assert (zhu.actor.name, zhu.actor.code, zhu.rule) == ("Zhiqun Zhu", "USAEDU", "coref.surname")
    wang = one(doc, "Wang")
    assert (wang.actor.name, wang.actor.code, wang.rule) == ("Wang Yi", "CHNGOV", "coref.surname")


def test_famous_surname_alone() -> None:
    doc = ex("Antony Blinken toured the port. Blinken then met students.")
    m = one(doc, "Blinken")
    assert (m.actor.name, m.actor.code, m.rule) == ("Antony Blinken", "USAGOV", "person")


@pytest.mark.parametrize(("text", "nominal", "name", "code"), [
    ("Secretary of State Antony Blinken flew to Beijing on Sunday. The State Secretary said he was hopeful.",
     "State Secretary", "Antony Blinken", "USAGOV"),
    ("A senior State Department official briefed reporters. The State Department official said the talks "
     "would continue.", "State Department official", "senior State Department official", "USAGOV"),
    ("Blinken met Chinese Foreign Minister Wang Yi on Friday. The top U.S. diplomat said the talks were candid.",
     "top U.S. diplomat", "Antony Blinken", "USAGOV"),
])
def test_role_nominals_refer_back(text: str, nominal: str, name: str, code: str) -> None:
    m = one(ex(text, "2024-04-26"), nominal)
    assert (m.actor.name, m.actor.code, m.rule) == (name, code, "coref.role")


def test_role_nominal_without_antecedent_takes_the_office_holder() -> None:
    m = one(ex("The top Chinese diplomat said the talks were candid.", "2024-04-26"), "top Chinese diplomat")
    assert (m.actor.name, m.actor.code, m.rule) == ("Wang Yi", "CHNGOV", "role.office")


def test_top_us_diplomat_without_antecedent_is_the_secretary_of_state() -> None:
    m = one(ex("The top U.S. diplomat said the talks were candid.", "2024-04-26"), "top U.S. diplomat")
    assert (m.actor.name, m.actor.code, m.rule) == ("Antony Blinken", "USAGOV", "role.office")


def test_role_nominal_does_not_take_a_presidential_adviser() -> None:
    doc = ex("Stephen Miller spoke to reporters on Monday. The president said the tariffs would stay.",
             "2019-06-01")
    assert one(doc, "Stephen Miller").actor.code == "USAGOV"
    assert all(m.actor.name != "Stephen Miller" for m in covering(doc, "president"))


def test_top_diplomat_is_not_the_deputy() -> None:
    doc = ex("Deputy Secretary of State Kurt Campbell met Chinese officials. The top U.S. diplomat said the talks "
             "were candid.", "2024-04-26")
    assert all(m.actor.name != "Kurt Campbell" for m in found(doc, "top U.S. diplomat"))


def test_pronouns_take_the_most_recent_compatible_actor() -> None:
    doc = ex("Treasury Secretary Janet Yellen met Chinese Premier Li Qiang in Guangzhou. She said the talks were "
             "frank. He said they were useful.", "2024-04-07")
    she = one(doc, "She")
    assert (she.actor.name, she.actor.code, she.rule) == ("Janet Yellen", "USAGOV", "coref.pronoun")
    he = one(doc, "He")
    assert (he.actor.name, he.actor.code, he.rule) == ("Li Qiang", "CHNGOV", "coref.pronoun")


def test_plural_and_it_pronouns() -> None:
    doc = ex("President Joe Biden and Chinese leader Xi Jinping met in California. They agreed to restore "
             "military talks.", "2023-11-15")
    assert sorted((m.actor.name, m.actor.code, m.rule) for m in found(doc, "They")) == [
        ("Joe Biden", "USAGOV", "coref.pronoun"), ("Xi Jinping", "CHNGOV", "coref.pronoun")]
    doc = ex("Chinese officials met on Monday. They said the talks were useful.")
    they = one(doc, "They")
    assert (they.actor.name, they.actor.code) == ("Chinese officials", "CHNGOV")
    doc = ex("China launched a weather satellite on Sunday. It has said the launch was peaceful.")
    it = one(doc, "It")
    assert (it.actor.name, it.actor.code, it.rule) == ("China", "CHN", "coref.pronoun")


def test_ambiguous_surname_takes_the_closest_earlier_full_mention() -> None:
    doc = ex("Foreign Minister Wang Yi met foreign business leaders on Monday. Wang Huiyao, the founder of the "
             "Center for China and Globalization, said the meeting went well. Wang added that investors were "
             "cautious.", "2024-04-07")
    huiyao = one(doc, "Wang Huiyao")
    assert (huiyao.actor.code, huiyao.rule) == ("CHNNGO", "appositive")
    wang = one(doc, "Wang")
    assert (wang.actor.name, wang.actor.code, wang.rule) == ("Wang Huiyao", "CHNNGO", "coref.surname")
    # the other order: the foreign minister is now the closer one
    doc = ex("Wang Huiyao, the founder of the Center for China and Globalization, spoke on Monday. Foreign "
             "Minister Wang Yi spoke on Tuesday. Wang said the talks were useful.", "2024-04-07")
    wang = one(doc, "Wang")
    assert (wang.actor.name, wang.actor.code) == ("Wang Yi", "CHNGOV")


def test_surname_is_not_given_to_a_farther_namesake() -> None:
    doc = ex("Foreign Minister Wang Yi met foreign business leaders on Monday. Later, Wang Huiyao said the "
             "meeting went well. Wang added that investors were cautious.", "2024-04-07")
    assert all(m.actor.name != "Wang Yi" for m in found(doc, "Wang"))


def test_coreference_stays_inside_one_document() -> None:
    first = ex("Chinese Foreign Minister Wang Yi arrived in Berlin.")
    assert one(first, "Chinese Foreign Minister Wang Yi").actor.name == "Wang Yi"
    second = ex("Wang said the talks were useful. He left on Friday.")
    assert second.mentions == ()


# -- dated roles ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "published", "code", "role"), [
    ("Lai Ching-te", "2022-08-01", "TWNGOV", "Vice President"),
    ("Lai Ching-te", "2024-05-19", "TWNGOV", "Vice President"),
    ("Lai Ching-te", "2024-05-20", "TWNGOV", "President"),
    ("Lai Ching-te", "2024-08-01", "TWNGOV", "President"),
    ("Marco Rubio", "2020-03-01", "USALEG", "Senator from Florida"),
    ("Marco Rubio", "2025-03-01", "USAGOV", "Secretary of State"),
    ("Mike Pompeo", "2019-03-01", "USAGOV", "Secretary of State"),
    ("Mike Pompeo", "2023-03-01", "USAELI", "Former Secretary of State"),
    ("Mike Pompeo", "2023", "USAELI", "Former Secretary of State"),      # a year: its middle
    ("Mike Pompeo", "2020-06", "USAGOV", "Secretary of State"),          # a month: its middle
])
def test_role_in_force_at_publication(name: str, published: str, code: str, role: str) -> None:
    m = one(ex(f"{name} spoke to reporters about the trade talks.", published), name)
    assert (m.actor.name, m.actor.code, m.actor.role, m.rule) == (name, code, role, "person")
    assert m.confidence == 1.0


@pytest.mark.parametrize(("name", "code"), [
    ("Lai Ching-te", "TWNGOV"), ("Marco Rubio", "USAGOV"), ("Mike Pompeo", "USAGOV")])
def test_undated_document_still_gets_a_code(name: str, code: str) -> None:
    m = one(ex(f"{name} spoke to reporters about the trade talks.", None), name)
    assert m.actor.code == code  # the latest office held (a former official's ELI spell is no office)
    assert m.confidence < 1.0


def test_date_outside_every_spell_takes_the_nearest_with_lower_confidence() -> None:
    m = one(ex("Marco Rubio spoke to reporters.", "2005-03-01"), "Marco Rubio")
    assert (m.actor.code, m.actor.role) == ("USALEG", "Senator from Florida")
    assert m.confidence < 1.0


def test_title_picks_the_titled_spell_out_of_office() -> None:
    m = one(ex("President Obama spoke at length.", "2000-03-01"), "President Obama")
    assert (m.actor.name, m.actor.code) == ("Barack Obama", "USAGOV")


# -- user gazetteer files -------------------------------------------------------------------------

USER_YAML = """\
people:
  - name: Orla Vantreese
    short: [Vantreese]
    gender: f
    country: IRL
    spells:
      - {role: Minister for Harbours, code: IRLGOV, start: 2021-03-01, end: 2023-06-30}
      - {role: Senator, code: IRLLEG, start: 2023-07-01, end: null}
organizations:
  - name: Brackwater Institute for Tidal Policy
    code: IRLNGO
    aliases: [Brackwater Institute, BITP]
"""
USER_CSV = """\
type,name,code,aliases,role,start,end
person,Teodor Klemansk,POLBUS,T. Klemansk,chief executive of Vistula Ropeworks,2019-01-01,
organization,Vistula Ropeworks,POLBUS,Vistula Ropes|VRW,,,
"""
USER_TEXT = ("Orla Vantreese criticised the harbour plan on Monday. The Brackwater Institute agreed, and BITP "
             "wrote to Teodor Klemansk, whose firm VRW builds the moorings. Vistula Ropeworks declined to comment.")


@pytest.fixture(scope="module")
def user_files(tmp_path_factory: pytest.TempPathFactory) -> dyad.Settings:
    # one pair of files for the module: the gazetteer built with them is cached per set of paths
    folder = tmp_path_factory.mktemp("user-actors")
    y = folder / "mine.yaml"
    y.write_text(USER_YAML, encoding="utf-8")
    c = folder / "mine.csv"
    c.write_text(USER_CSV, encoding="utf-8")
    return dyad.Settings(actors=(y, c))


def _read_user_file(path: Path) -> None:
    """What `--actors FILE` does with the file, without rebuilding the shipped gazetteer (a second each)."""
    _Builder().user_file(path)


def test_user_yaml_and_csv_entries_are_recognised(user_files: dyad.Settings) -> None:
    doc = ex(USER_TEXT, "2022-05-01", settings=user_files)
    got = {m.text: (m.actor.name, m.actor.code) for m in doc.mentions}
    assert got == {
        "Orla Vantreese": ("Orla Vantreese", "IRLGOV"),
        "Brackwater Institute": ("Brackwater Institute for Tidal Policy", "IRLNGO"),
        "BITP": ("Brackwater Institute for Tidal Policy", "IRLNGO"),
        "Teodor Klemansk": ("Teodor Klemansk", "POLBUS"),
        "VRW": ("Vistula Ropeworks", "POLBUS"),
        "Vistula Ropeworks": ("Vistula Ropeworks", "POLBUS"),
    }
    # the user's dated spells work like the shipped ones
    later = ex("Orla Vantreese criticised the harbour plan.", "2024-05-01", settings=user_files)
    m = one(later, "Orla Vantreese")
    assert (m.actor.code, m.actor.role) == ("IRLLEG", "Senator")
    # and the shipped gazetteer still works beside them
    both = ex("Orla Vantreese met Chinese Foreign Minister Wang Yi.", "2024-05-01", settings=user_files)
    assert one(both, "Chinese Foreign Minister Wang Yi").actor.code == "CHNGOV"


def test_user_entries_do_not_leak_into_the_default_gazetteer(user_files: dyad.Settings) -> None:
    ex(USER_TEXT, "2022-05-01", settings=user_files)
    doc = ex(USER_TEXT, "2022-05-01")
    # without the files, nothing is coded (an unknown "... Institute" may still be an uncoded organisation)
    assert [m.actor.code for m in doc.mentions if m.actor.code is not None] == []
    assert not {m.actor.name for m in doc.mentions} & {"Orla Vantreese", "Teodor Klemansk", "Vistula Ropeworks",
                                                         "Brackwater Institute for Tidal Policy"}


def test_user_entry_replaces_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "over.yaml"
    path.write_text("organizations:\n  - name: Bucknell University\n    code: USANGO\n", encoding="utf-8")
    doc = ex("Bucknell University said so, and Bucknell later repeated it.", settings=dyad.Settings(actors=(path,)))
    assert [(m.text, m.actor.code) for m in doc.mentions] == [
        ("Bucknell University", "USANGO"), ("Bucknell", "USANGO")]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("syntax.yaml", "people: [unclosed\n", "is not valid YAML"),
    ("list.yaml", "- just a list\n", "expected keys such as people:"),
    ("empty.yaml", "", "expected keys such as people:"),
    ("section.yaml", "persons:\n  - name: Ann Bee\n", "unknown sections persons"),
    ("notalist.yaml", "people: everyone\n", "expected a list of entries"),
    ("code.yaml", "organizations:\n  - name: Foo Org\n    code: not a code!\n", "is not an actor code"),
    ("date.yaml", "people:\n  - name: Ann Bee\n    spells:\n      - {role: Mayor, code: USAGOV, start: last spring}\n",
     "'last spring' is not a date"),
    ("nostart.yaml", "people:\n  - name: Ann Bee\n    spells:\n      - {role: Mayor, code: USAGOV}\n",
     "a spell has no start date"),
    ("type.csv", "type,name,code,aliases,role,start,end\nspaceship,Foo,USA,,,,\n", "line 2: type must be person"),
    ("code.csv", "type,name,code\norganization,Foo Org,???\n", "is not an actor code"),
    ("date.csv", "type,name,code,aliases,role,start,end\nperson,Ann Bee,USAGOV,,Mayor,someday,\n",
     "'someday' is not a date"),
])
def test_malformed_user_file_is_a_config_error(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        _read_user_file(path)
    assert message in info.value.message


def test_malformed_user_file_fails_the_extraction(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("organizations:\n  - name: Foo Org\n    code: not a code!\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'not a code!' is not an actor code"):
        ex("The talks went well.", settings=dyad.Settings(actors=(path,)))


def test_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(ConfigError, match="actors file not found"):
        ex("The talks went well.", settings=dyad.Settings(actors=(missing,)))


@pytest.mark.parametrize(("name", "content"), [
    pytest.param("noname.yaml", "organizations:\n  - code: USAGOV\n", id="yaml-entry-without-name"),
    pytest.param("noname.csv", "type,title,code\norganization,Foo Org,USAGOV\n", id="csv-without-name-column"),
    pytest.param("emptyname.yaml", "people:\n  - name: ''\n    country: USA\n", id="empty-person-name"),
    pytest.param("spells.yaml", "people:\n  - name: Ann Bee\n    spells: [Mayor]\n", id="spells-not-mappings"),
    pytest.param("regex.yaml", "organizations:\n  - name: Foo Org\n    code: USAGOV\n    not_before: '(['\n",
                 id="bad-guard-regex"),
])
def test_other_malformed_user_files_are_config_errors(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        _read_user_file(path)


# -- negatives ----------------------------------------------------------------------------------------

def test_lowercase_us_is_not_the_united_states() -> None:
    doc = ex("Let us be clear: the plan helps us all, she told us.")
    assert doc.mentions == ()


def test_based_and_in_a_capital_are_not_actors() -> None:
    doc = ex("The Beijing-based think tank published a report. The talks were held in Washington on Friday.")
    assert not covering(doc, "Beijing")
    assert not covering(doc, "Washington")
    assert "CHNGOV" not in codes(doc) and "USAGOV" not in codes(doc)
    # "X-based" still gives the country to the organisation it describes
    doc = ex("The Beijing-based Center for China and Globalization published a report.")
    m = one(doc, "Center for China and Globalization")
    assert (m.actor.code, m.rule) == ("CHNNGO", "uorg")
    assert not covering(doc, "Beijing")


def test_common_name_capital_is_a_metonym_only_when_its_country_is_named() -> None:
    doc = ex("She studied at Georgetown before joining the bank. Georgetown said it welcomed the decision.")
    assert doc.mentions == ()
    doc = ex("Guyana and Venezuela disagree over the border. Georgetown said it welcomed the decision.")
    m = one(doc, "Georgetown")
    assert (m.actor.code, m.rule) == ("GUYGOV", "metonym")


def test_party_congress_is_not_the_us_congress() -> None:
    doc = ex("Delegates gathered for the 20th Congress of the Chinese Communist Party in October.", "2022-10-16")
    assert "USALEG" not in codes(doc)
    assert not covering(doc, "Congress")
    assert one(doc, "Chinese Communist Party").actor.code == "CHNPTY"


def test_in_general_is_not_an_actor() -> None:
    assert ex("In general, the talks went well, and in general terms both sides agreed.").mentions == ()


def test_it_is_important_is_not_a_pronoun_mention() -> None:
    doc = ex("China launched a satellite on Sunday. It is important that both sides keep talking.")
    assert [(m.text, m.rule) for m in doc.mentions] == [("China", "country")]


def test_bare_plural_role_without_country_has_no_mention() -> None:
    assert ex("Analysts said the talks would fail, and experts agreed.").mentions == ()


# -- languages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [FR, DE])
def test_non_english_document_gets_no_mentions_and_a_note(text: str) -> None:
    doc = dyad.extract(text, published="2024-06-01")
    assert doc.language in ("fr", "de")
    assert doc.mentions == ()
    notes = [n for n in doc.notes if n.stage == "actors"]
    assert len(notes) == 1
    assert "not run" in notes[0].message and doc.language in notes[0].message
    assert "mentions" in doc.done  # the stage's fact is settled: a re-ingest does not redo it


def test_detected_english_document_gets_mentions() -> None:
    text = ("Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on Friday for "
            "more than five hours of talks, and both men said that the meeting had been useful.")
    doc = ex(text, "2024-04-26", language=None)
    assert doc.language == "en"
    assert [(m.actor.name, m.actor.code) for m in doc.mentions] == [
        ("Antony Blinken", "USAGOV"), ("Wang Yi", "CHNGOV")]
    assert not [n for n in doc.notes if n.stage == "actors"]
