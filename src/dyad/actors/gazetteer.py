"""The gazetteer: countries, places, organisations, people with dated roles, role nouns, group nouns.

Data files ship in `dyad/actors/data/` (see FORMAT.md there). Users add or override entries with
their own files (`--actors FILE`): YAML with any of the top-level keys `countries`, `places`,
`organizations`, `people`, `roles`, `groups` (each a list in the shipped format), or CSV with
the columns `type,name,code,aliases,role,start,end` (aliases separated by `|`; type one of
country, place, organization, person). A user entry with the same name (and kind) as a shipped
one replaces it: the shipped names of that entry now mean the user's entry, and the user's aliases
are added. A malformed file raises ConfigError naming the file.

Every alias is tokenised like text (tokens.py) into a trie of keys; a match must also respect
capitalisation: an alias word written with a capital needs a capital in the text ("US" is the
United States, "us" is not).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from itertools import product
from pathlib import Path
from typing import Any

import yaml

from dyad.actors.tokens import key, tokenize, variants
from dyad.errors import ConfigError

SECTORS = frozenset("GOV MIL LEG JUD BUS EDU MED NGO PTY CVL ELI".split())
_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CODE = re.compile(r"^[A-Z0-9]{2,12}$")


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    sector: str | None
    cls: str
    title: bool
    country: str | None
    plural: bool = False
    top: str | None = None  # the class when "top" comes before it: a "top diplomat" is a foreign minister


@dataclass(frozen=True, slots=True)
class Spell:
    role: str
    code: str
    start: dt.date
    end: dt.date | None
    primary: bool
    cls: str | None  # the role class ("foreign_minister" ...), for role nominals

    def holds(self, when: dt.date) -> bool:
        return self.start <= when and (self.end is None or when <= self.end)

    def distance(self, when: dt.date) -> int:
        if when < self.start:
            return (self.start - when).days
        return 0 if self.end is None or when <= self.end else (when - self.end).days


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str
    spells: tuple[Spell, ...]
    gender: str | None
    surname: str
    short: tuple[str, ...] = ()

    def at(self, when: dt.date | None) -> tuple[Spell | None, float]:
        """The spell in force on `when` (primary first), else the nearest one with lower confidence."""
        if not self.spells:
            return None, 0.5
        if when is None:  # undated: the latest office held (an ELI spell of a former official is no office)
            return max(self.spells, key=lambda s: (not s.code.endswith("ELI"), s.primary, s.start)), 0.6
        live = [s for s in self.spells if s.holds(when)]
        if live:
            return max(live, key=lambda s: (s.primary, s.start)), 1.0
        return min(self.spells, key=lambda s: (s.distance(when), not s.primary)), 0.7


@dataclass(frozen=True, slots=True)
class Entry:
    """One alias's meaning. kind: country, adj, demonym, capital, seat, place, org, person, role, group."""

    kind: str
    name: str
    code: str | None = None      # the actor code (country code for countries, org code, ...)
    country: str | None = None
    sector: str | None = None
    person: Person | None = None
    role: Role | None = None
    caps: tuple[bool, ...] = ()  # which alias words need a capital in the text
    need: tuple[int, ...] = ()   # the same, as offsets (what matching checks)
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    ambiguous: bool = False


_END = "\x00"  # trie key holding the entries that end at a node (no token key contains it)
# when one alias names several things, the first of these kinds wins ("Washington": the capital, not the state)
PRIORITY = {k: n for n, k in enumerate(
    ("person", "org", "country", "capital", "seat", "adj", "demonym", "place", "role", "group"))}


@dataclass
class Gazetteer:
    trie: dict[str, Any] = field(default_factory=dict)
    lower_starts: set[str] = field(default_factory=set)    # first keys of aliases that may start lowercase
    people: list[Person] = field(default_factory=list)
    roles_by_class: dict[str, Role] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # code -> name
    adjective: dict[str, str] = field(default_factory=dict)  # code -> main adjective
    office: dict[tuple[str, str], list[tuple[Person, Spell]]] = field(default_factory=dict)
    buckets: dict[tuple[str, str], list[list[Entry]]] = field(default_factory=dict)  # where each entry sits

    def adopt(self, kind: str, name: str, entry: Entry) -> None:
        """Let every alias of the entry (kind, name) mean `entry` instead: a user's entry replaces the shipped
        one of its name, which keeps the shipped names ("Bucknell" as well as "Bucknell University")."""
        for bucket in self.buckets.get((kind, name), []):
            bucket[:] = [replace(entry, caps=x.caps, need=x.need) if x.kind == kind and x.name == name else x
                         for x in bucket]
        if kind == "person":  # the shipped person's offices go; the user's spells come with the new entry
            self.people = [p for p in self.people if p.name != name]
            for holders in self.office.values():
                holders[:] = [(p, s) for p, s in holders if p.name != name]

    # -- building ----------------------------------------------------------------------------------
    def add(self, alias: str, entry: Entry) -> None:
        toks = tokenize(alias)
        if not toks.keys:
            return
        caps = tuple(t[:1].isupper() for t in toks.texts)
        for keys in product(*(variants(k) for k in toks.keys)):
            node = self.trie
            for k in keys:
                node = node.setdefault(k, {})
            bucket = node.setdefault(_END, [])
            here = caps
            for x in bucket:
                if x.kind == entry.kind and x.name == entry.name and x.code == entry.code:
                    # the same name written twice ("Lai Ching-te", "Lai Ching-Te"): a capital is needed only
                    # where every spelling has one
                    here = tuple(a and b for a, b in zip(here, x.caps, strict=True))
            bucket[:] = [x for x in bucket if not (x.kind == entry.kind and x.name == entry.name)]
            bucket.append(replace(entry, caps=here, need=tuple(n for n, c in enumerate(here) if c)))
            places = self.buckets.setdefault((entry.kind, entry.name), [])
            if not any(b is bucket for b in places):
                places.append(bucket)
            bucket.sort(key=lambda x: PRIORITY.get(x.kind, 99))  # the first entry that fits wins
            if not caps[0]:
                self.lower_starts.add(keys[0])

    def lookup(self, alias: str) -> list[Entry]:
        node: dict[str, Any] | None = self.trie
        for k in tokenize(alias).keys:
            node = node.get(k) if node is not None else None
        return list(node.get(_END, [])) if node else []

    def holders(self, cls: str, country: str | None, when: dt.date | None) -> list[tuple[Person, Spell]]:
        """People holding an office of this class for this country on a date (for "the top U.S. diplomat")."""
        if when is None or country is None:
            return []
        return [(p, s) for p, s in self.office.get((cls, country), []) if s.holds(when)]


_SUBORDINATE_BEFORE = re.compile(r"\b(?:deputy|vice|assistant|under|associate|principal deputy|acting|former|"
                                 r"to|for|of|to the|for the|of the)\s+$")
_SUBORDINATE_AFTER = re.compile(r"\s*(?:pro\s+tempore|emeritus)\b")


def _date(value: Any, end: bool = False) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 12, 31) if end else dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            if end:
                nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
                return nxt - dt.timedelta(days=1)
            return dt.date(y, m, 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"gazetteer: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _code(code: Any, where: str) -> str:
    c = str(code or "").strip().upper()
    if not _CODE.match(c):
        raise ConfigError(f"gazetteer: {where}: {code!r} is not an actor code")
    return c


def _rx(value: Any) -> re.Pattern[str] | None:
    if not value:
        return None
    try:
        return re.compile(str(value), re.I)
    except re.error as exc:
        raise ConfigError(f"gazetteer: {value!r} is not a regular expression: {exc}") from None


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None and str(v).strip()]


class _Builder:
    def __init__(self) -> None:
        self.g = Gazetteer()
        self.role_aliases: list[tuple[str, Role]] = []
        self._role_memo: dict[str, str | None] = {}
        self.user = False          # loading a user's file: an entry replaces a shipped one of its name
        self.replaced: set[tuple[str, str]] = set()

    def _claim(self, kind: str, name: str, entry: Entry) -> None:
        if self.user and (kind, name) not in self.replaced:
            self.replaced.add((kind, name))
            self.g.adopt(kind, name, entry)

    # roles and groups first: people's spells are classed through them
    def roles(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            sector = r.get("sector")
            role = Role(str(r["role"]), sector, str(r.get("class") or r["role"]), bool(r.get("title")),
                        r.get("country"), top=r.get("top"))
            self.g.roles_by_class.setdefault(role.cls, role)
            for alias in [role.role, *_list(r.get("aliases"))]:
                self.g.add(alias, Entry("role", role.role, sector=sector, country=role.country, role=role))
                self.role_aliases.append((key(alias).replace(".", ""), role))
            plural = Role(role.role, sector, role.cls, False, role.country, plural=True, top=role.top)
            for alias in _list(r.get("plural")):
                self.g.add(alias, Entry("group", alias, sector=sector, country=role.country, role=plural))
        self.role_aliases.sort(key=lambda x: -len(x[0]))
        self._role_memo.clear()

    def groups(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            sector = r.get("sector")
            for noun in _list(r.get("nouns")):
                self.g.add(noun.lower(), Entry("group", noun, sector=sector))

    def role_class(self, role_text: str) -> str | None:
        """The office class of a spell's role text, memoised (many spells share a role text)."""
        memo = self._role_memo
        if role_text not in memo:
            memo[role_text] = self._role_class(role_text)
        return memo[role_text]

    def _role_class(self, role_text: str) -> str | None:
        """The office class of a spell's role text: the longest role alias in it that heads the phrase.
        An alias under another office does not count: "Deputy Secretary of State", "Senior Adviser to the
        President" and "President pro tempore of the Senate" are no foreign minister or head of state."""
        k = f" {key(role_text).replace('.', '')} "
        for alias, role in self.role_aliases:
            at = k.find(f" {alias} ")
            if at < 0:
                continue
            before, after = k[:at + 1], k[at + len(alias) + 1:]
            if _SUBORDINATE_BEFORE.search(before) or _SUBORDINATE_AFTER.match(after):
                continue
            return role.cls
        return None

    def countries(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            code = _code(r.get("code"), f"country {r.get('name')}")
            name = _name(r)
            amb = bool(r.get("ambiguous"))
            country = Entry("country", name, code=code, country=code, ambiguous=amb)
            adj = Entry("adj", name, code=code, country=code)
            demonym = Entry("demonym", name, code=code, country=code, sector="CVL")
            for e in (country, adj, demonym):
                self._claim(e.kind, name, e)
            self.g.countries[code] = name
            for alias in [name, *_list(r.get("official")), *_list(r.get("aliases"))]:
                self.g.add(alias, country)
            adjs = _list(r.get("adjectives"))
            if adjs:
                self.g.adjective.setdefault(code, adjs[0])
            for alias in adjs:
                self.g.add(alias, adj)
            for alias in _list(r.get("demonyms")):
                self.g.add(alias, demonym)
            for alias in _list(r.get("capital")):
                self.g.add(alias, Entry("capital", alias, code=code, country=code, sector="GOV",
                                        ambiguous=bool(r.get("capital_ambiguous"))))
            for alias in _list(r.get("seats")):
                self.g.add(alias, Entry("seat", alias, code=code, country=code, sector="GOV"))

    def places(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            country = r.get("country")
            name = _name(r)
            place = Entry("place", name, country=str(country) if country else None,
                          sector=str(r.get("kind") or "place"))
            self._claim("place", name, place)
            for alias in [name, *_list(r.get("aliases"))]:
                self.g.add(alias, place)

    def organizations(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            name = _name(r)
            code = _code(r.get("code"), f"organization {name}")
            sector = code[3:] if len(code) > 3 and code[3:] in SECTORS else None
            country = code[:3] if sector else None
            e = Entry("org", name, code=code, country=country, sector=sector,
                      not_before=_rx(r.get("not_before")), not_after=_rx(r.get("not_after")))
            self._claim("org", name, e)
            for alias in [name, *_list(r.get("aliases"))]:
                self.g.add(alias, e)

    def people(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            name = _name(r)
            spells = []
            for s in r.get("spells") or []:
                if not isinstance(s, dict):
                    raise ConfigError(f"gazetteer: person {name}: a spell must be a mapping with role, code, start")
                code = _code(s.get("code"), f"person {name}")
                start = _date(s.get("start"))
                if start is None:
                    raise ConfigError(f"gazetteer: person {name}: a spell has no start date")
                role_text = str(s.get("role") or "")
                # a former office is no office: "the U.S. president" is never the former one
                cls = None if code.endswith("ELI") or "former" in role_text.lower() else self.role_class(role_text)
                spells.append(Spell(role_text, code, start, _date(s.get("end"), end=True), bool(s.get("primary")),
                                    cls))
            words = name.split()
            family_first = bool(r.get("family_name_first"))
            surname = words[0] if family_first and len(words) > 1 else words[-1]
            country = str(r.get("country") or (spells[0].code[:3] if spells else ""))
            person = Person(name, country, tuple(spells), r.get("gender"), surname, tuple(_list(r.get("short"))))
            e = Entry("person", name, country=country, person=person)
            self._claim("person", name, e)
            self.g.people.append(person)
            for alias in [name, *_list(r.get("aliases")), *person.short]:
                self.g.add(alias, e)
            for sp in spells:
                if sp.cls:
                    self.g.office.setdefault((sp.cls, sp.code[:3]), []).append((person, sp))

    def user_file(self, path: Path) -> None:
        if not path.is_file():
            raise ConfigError(f"actors file not found: {path}")
        self.user, self.replaced = True, set()
        try:
            self._user_file(path)
        except ConfigError as exc:
            msg = exc.message.removeprefix("gazetteer: ")
            raise ConfigError(msg if str(path) in msg else f"actors file {path}: {msg}") from None
        except (KeyError, IndexError, AttributeError, TypeError, ValueError) as exc:
            raise ConfigError(f"actors file {path}: malformed entry ({type(exc).__name__}: {exc})") from None

    def _user_file(self, path: Path) -> None:
        if path.suffix.lower() == ".csv":
            self._csv(path)
            return
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ConfigError(f"actors file {path} is not valid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"actors file {path}: expected keys such as people:, organizations:, countries:")
        unknown = set(data) - {"countries", "places", "organizations", "people", "roles", "groups"}
        if unknown:
            raise ConfigError(f"actors file {path}: unknown sections {', '.join(sorted(unknown))}")
        for section in ("roles", "groups", "countries", "places", "organizations", "people"):
            if data.get(section):
                getattr(self, section)(_rows(data[section], f"{path}: {section}"))

    def _csv(self, path: Path) -> None:
        try:
            rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ConfigError(f"actors file {path}: {exc}") from None
        for n, row in enumerate(rows, 2):
            r = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            kind = r.get("type", "").lower()
            aliases = [a.strip() for a in r.get("aliases", "").split("|") if a.strip()]
            if not r.get("name"):
                raise ConfigError(f"actors file {path}, line {n}: no name")
            if kind == "person":
                self.people([{"name": r["name"], "aliases": aliases, "country": r.get("code", "")[:3],
                              "spells": [{"role": r.get("role") or "", "code": r.get("code"),
                                          "start": r.get("start") or "1900", "end": r.get("end") or None}]}])
            elif kind in ("organization", "organisation", "org"):
                self.organizations([{"name": r["name"], "code": r.get("code"), "aliases": aliases}])
            elif kind == "country":
                self.countries([{"name": r["name"], "code": r.get("code"), "aliases": aliases}])
            elif kind == "place":
                self.places([{"name": r["name"], "country": r.get("code") or None, "aliases": aliases}])
            else:
                raise ConfigError(f"actors file {path}, line {n}: type must be person, organization, country "
                                  f"or place, not {kind!r}")


def _name(r: dict[str, Any]) -> str:
    name = str(r.get("name") or "").strip()
    if not name:
        raise ConfigError(f"gazetteer: an entry has no name: {r!r}")
    return name


def _rows(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"gazetteer {where}: expected a list of entries")
    return value


@cache
def _shipped(name: str) -> list[dict[str, Any]]:
    """A shipped data file's rows, parsed once per process (the builders only read them)."""
    base = resources.files("dyad.actors") / "data"
    res = base / name
    if not res.is_file():
        return []
    return _rows(yaml.load(res.read_text(encoding="utf-8"), Loader=_YAML) or [], name)


@cache
def _shipped_people() -> list[dict[str, Any]]:
    folder = resources.files("dyad.actors") / "data" / "people"
    rows: list[dict[str, Any]] = []
    for res in sorted(folder.iterdir(), key=lambda r: r.name):
        if res.name.endswith(".yaml"):
            rows.extend(_rows(yaml.load(res.read_text(encoding="utf-8"), Loader=_YAML) or [], res.name))
    return rows


@lru_cache(maxsize=8)
def load(extra: Sequence[Path] = ()) -> Gazetteer:
    """The shipped gazetteer plus the user's files (later files win), cached per set of files."""
    b = _Builder()
    b.roles(_shipped("roles.yaml"))
    b.groups(_shipped("groups.yaml"))
    b.places(_shipped("places.yaml"))
    b.countries(_shipped("countries.yaml"))
    b.organizations(_shipped("organizations.yaml"))
    b.people(_shipped_people())
    for path in extra:
        b.user_file(Path(path))
    return b.g
