"""Actor recognition in one sentence: dictionary spans, then rules that combine them.

1. Spans. At each token that is capitalised (or can start a lowercase alias, such as a role noun)
   the gazetteer trie is walked and the longest alias whose capitalisation fits wins. Other
   capitalised words become `cap` spans (possible names). Unknown organisations are merged from
   capitalised words around a head noun ("Old Dominion University", "Center for China and
   Globalization"), with a sector from the head and a country from "X-based", "in X", a national
   adjective or a place inside the name. Plain lowercase words make no span: the rules read them
   from the token arrays, which keeps the work proportional to the names in a sentence.
2. Rules, each consuming the spans it uses, in this order:
   - state_of:   "State of California" is that country's government (USAGOV);
   - title:      [country cue] ROLE+ NAME: "Chinese Foreign Minister Wang Yi", "Sen. Marco Rubio";
   - role_first: [country cue] ROLE ..., NAME,: "China's ambassador to the United States, Xie Feng,";
   - appositive: NAME, a ... ROLE at ORG: "Zhiqun Zhu, an international relations professor at Bucknell
                 University" (code from the organisation, else the role and a country cue);
   - group:      COUNTRY (and COUNTRY)* GROUP: "Chinese companies" CHNBUS, "U.S. and Chinese officials";
   - anonymous:  a/the [senior] [COUNTRY|ORG] ROLE: "a senior State Department official" USAGOV;
   - metonym:    a capital or seat of power that is not a place here ("in Washington" is a place):
                 "Washington accused Beijing" USAGOV, CHNGOV;
   - country, adjective, demonym, organisation, person: the spans alone;
   - leftovers:  capitalised names and pronouns, for coreference to resolve (coref.py).
   A person's code is the role in force on the publication date (gazetteer.Person.at).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress
from operator import or_
from typing import Any

from dyad.actors.gazetteer import Entry, Gazetteer, Person, Role, Spell
from dyad.actors.tokens import Tokens

# capitalised words that open sentences or clauses and are not names
STOP_CAPS = frozenset(
    "the a an but and or in on at as by for from with when while after before since if it its this that these "
    "those there here he she they we i you his her their our my your what who whom which how why where so yet "
    "also however meanwhile nevertheless nonetheless moreover despite although though both each some many most "
    "no not one two three four five first second third finally given referring without under over among "
    "between to of during until unless because once then now today yesterday tomorrow last next earlier later "
    "even only just all any another other such every several few more less than still instead rather indeed "
    "according asked speaking mr mrs ms dr sir madam mr. mrs. ms. dr.".split())
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. "
    "apr. jun. jul. aug. sep. sept. oct. nov. dec.".split())
NAME_SUFFIX = frozenset({"jr", "sr", "jr.", "sr.", "ii", "iii", "iv"})
NAME_PARTICLES = frozenset({"van", "von", "der", "de", "da", "bin", "al", "el", "la", "le", "di", "du", "dos"})
DETERMINERS = frozenset({"a", "an", "the", "one", "two", "three", "several", "another", "some", "many"})
PREFIX_WORDS = frozenset(
    "former then acting incoming outgoing late new top senior deputy current ex longtime veteran chief "
    "high-ranking high ranking unnamed anonymous retired leading prominent key visiting".split())
LOCATIVE = frozenset(
    "in at to into near outside inside around across toward towards via through within throughout "
    "visit visited visiting visits leave left leaving reached reach arrive arrived".split())
PREPOSITIONS = LOCATIVE | {"of", "with", "by", "on", "over", "against", "about", "for", "from"}
CONNECT = frozenset({"of", "for", "on", "and", "the", "&", "de"})
IT_AFTER = frozenset({"that", "said", "says", "say", "announced", "announces", "stated", "added", "warned",
                      "insisted", "claimed", "claims", "declared", "confirmed", "promised", "believes", "believed"})
DUMMY_IT = frozenset({"important", "likely", "unlikely", "clear", "unclear", "possible", "impossible",
                      "necessary", "time", "true", "hard", "difficult", "easy", "worth", "expected", "said",
                      "believed", "thought", "reported", "a", "an", "the", "too", "essential", "crucial", "vital",
                      "critical", "better", "best", "up", "seems", "appears"})
PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "they": None, "them": None, "it": None}
# plain words before a role that say which part of the state it is in: "a senior U.S. defense official"
GAP_SECTOR = {"defense": "MIL", "defence": "MIL", "military": "MIL", "army": "MIL", "navy": "MIL",
              "pentagon": "MIL", "intelligence": "GOV", "business": "BUS", "industry": "BUS", "party": "PTY",
              "university": "EDU", "congressional": "LEG", "parliamentary": "LEG", "judicial": "JUD"}
# words that end the modifiers of a group noun: "China will achieve global leadership" is no CHNGOV
FUNCTION_WORDS = frozenset(
    "to is are was were be been being has have had will would can could should may might must do does did not "
    "of in on at by for with from that which who whom as its their his her our your my this these those said says "
    "say told than then there here also very more most".split())
SAYS = frozenset({"said", "says", "told", "tells", "added", "adds", "wrote", "writes"})
AUX = frozenset("has had have will would could should may might can did does also said says".split())
CUE_KINDS = frozenset({"adj", "country", "capital", "seat", "demonym"})
ORG_HEADS = {
    "university": "EDU", "college": "EDU", "academy": "EDU", "school": "EDU", "polytechnic": "EDU",
    "institute": "NGO", "institution": "NGO", "center": "NGO", "centre": "NGO", "foundation": "NGO",
    "council": "NGO", "association": "NGO", "society": "NGO", "federation": "NGO", "forum": "NGO",
    "network": "NGO", "watch": "NGO", "initiative": "NGO", "alliance": "NGO",
    "bank": "BUS", "corporation": "BUS", "corp": "BUS", "corp.": "BUS", "company": "BUS", "co.": "BUS",
    "inc": "BUS", "inc.": "BUS", "group": "BUS", "holdings": "BUS", "ltd": "BUS", "ltd.": "BUS",
    "technologies": "BUS", "motors": "BUS",
    "airlines": "BUS", "airways": "BUS", "industries": "BUS", "electronics": "BUS", "partners": "BUS",
    "securities": "BUS", "ministry": "GOV", "agency": "GOV", "commission": "GOV",
    "department": "GOV", "bureau": "GOV", "office": "GOV", "administration": "GOV", "authority": "GOV",
    "party": "PTY", "army": "MIL", "navy": "MIL", "command": "MIL", "guard": "MIL", "corps": "MIL",
    "times": "MED", "post": "MED", "news": "MED", "daily": "MED", "journal": "MED", "herald": "MED",
    "tribune": "MED", "gazette": "MED", "press": "MED", "court": "JUD", "tribunal": "JUD",
    "parliament": "LEG", "assembly": "LEG",
}
ORG_FOLLOWERS = (("think tank", "NGO"), ("university", "EDU"), ("newspaper", "MED"), ("company", "BUS"),
                 ("firm", "BUS"))
NAMEISH = frozenset({"person", "cap"})


@dataclass(slots=True)
class Span:
    kind: str          # an Entry kind, `cap` (an unknown capitalised word) or `uorg` (an unknown organisation)
    i: int             # first token
    j: int             # one past the last token
    entry: Entry | None = None
    used: bool = False


@dataclass(slots=True)
class Cand:
    """A recognised actor mention, with what coreference needs to know about it."""

    start: int
    end: int
    name: str
    code: str | None
    role: str | None
    rule: str
    confidence: float
    kind: str                       # person, anon, group, country, org, metonym, capname, pron
    person: Person | None = None
    cls: str | None = None          # role class, for role nominals
    gender: str | None = None
    plural: bool = False
    definite: bool = False          # "the official": may refer back
    surname: str | None = None
    country: str | None = None
    tok: int = 0                    # first token index
    weak: bool = False              # holds only if the document names the country too (Georgetown, Hamilton)


def _code(country: str | None, sector: str | None) -> str | None:
    if not country:
        return None
    return f"{country}{sector}" if sector and len(country) == 3 else country


CHINESE_SURNAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang "
    "han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren yao shen zhong "
    "cui tan fan fang shi jin qin kong bai kang mao qiu gu hou shao meng long wan duan lei qian yin yi chang ko "
    "hsiao chiu cho koo lee lam chu tsai lai hsu chou kuo chiang yen fu dai xia jia xue xi".split())


def surname_of(name: str) -> str:
    """The short form of a name met without the gazetteer: family name first for Chinese-style names."""
    words = name.replace("-", " - ").split()
    if len(words) > 1 and words[0].lower() in CHINESE_SURNAMES and words[-1].lower() not in CHINESE_SURNAMES:
        return words[0]
    return words[-1]


def _strip_det(text: str) -> str:
    for det in ("the ", "a ", "an ", "one ", "The ", "A ", "An ", "One "):
        if text.startswith(det):
            return text[len(det):]
    return text


class Sentence:
    """The spans of one sentence and the token arrays they point into."""

    __slots__ = ("a", "b", "by_end", "by_start", "caps", "groups", "names", "prons", "roles", "spans", "t", "text")

    def __init__(self, text: str, t: Tokens, a: int, b: int, spans: list[Span]) -> None:
        self.text, self.t, self.a, self.b, self.spans = text, t, a, b, spans
        self.by_start: dict[int, Span] = {}
        self.by_end: dict[int, Span] = {}
        # the spans each rule starts from, so that a rule with nothing to do costs nothing
        self.roles: list[Span] = []
        self.groups: list[Span] = []
        self.caps: list[Span] = []
        self.names: list[Span] = []
        self.prons: list[Span] = []
        for s in spans:
            self.by_start[s.i] = s
            self.by_end[s.j] = s
            kind = s.kind
            if kind == "cap":
                self.caps.append(s)
                self.names.append(s)
            elif kind == "role":
                self.roles.append(s)
            elif kind == "group":
                self.groups.append(s)
            elif kind == "person":
                self.names.append(s)
            elif kind == "pron":
                self.prons.append(s)

    def key(self, i: int) -> str:
        return self.t.keys[i] if self.a <= i < self.b else ""

    def surface(self, i: int, j: int) -> str:
        return self.text[self.t.starts[i]:self.t.ends[j - 1]]

    def at(self, i: int) -> Span | None:
        s = self.by_start.get(i)
        return s if s is not None and not s.used else None

    def ending_at(self, j: int) -> Span | None:
        """The unused span whose last token is j - 1."""
        s = self.by_end.get(j)
        return s if s is not None and not s.used else None

    def after_prep(self, i: int) -> bool:
        k = i - 1
        while k >= self.a and self.t.keys[k] in ("the", "a", "an"):
            k -= 1
        return k >= self.a and self.t.keys[k] in PREPOSITIONS


class Recognizer:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.g = gazetteer
        self.lower = frozenset(gazetteer.lower_starts | PRONOUNS.keys())
        self.countries = frozenset(gazetteer.countries)
        self._spells: dict[tuple[int, dt.date | None], tuple[Spell | None, float]] = {}

    def _code(self, country: str | None, sector: str | None) -> str | None:
        """Country + sector; an international organisation's code (UNO, NATO) takes no sector."""
        if country and country not in self.countries:
            return country
        return _code(country, sector)

    def spell(self, person: Person, when: dt.date | None) -> tuple[Spell | None, float]:
        """person.at(when), remembered: a document names the same people again and again."""
        k = (id(person), when)
        got = self._spells.get(k)
        if got is None:
            if len(self._spells) > 100_000:
                self._spells.clear()
            got = self._spells[k] = person.at(when)
        return got

    # -- spans ---------------------------------------------------------------------------------------
    def starts(self, t: Tokens) -> list[int]:
        """Tokens where a span can start: capitalised, a pronoun, or the first word of a lowercase alias."""
        return list(compress(range(len(t.keys)), map(or_, t.caps, map(self.lower.__contains__, t.keys))))

    def document(self, text: str, t: Tokens, bounds: list[tuple[int, int]], when: dt.date | None
                 ) -> list[list[Cand]]:
        """Candidates of every sentence; `bounds` are the sentences' token ranges (a, b), in order."""
        starts = self.starts(t)
        out: list[list[Cand]] = []
        p = 0
        for a, b in bounds:
            q = bisect_left(starts, b, p)
            out.append(self.sentence(text, t, a, b, when, starts[p:q]) if q > p else [])
            p = q
        return out

    def spans(self, text: str, t: Tokens, a: int, b: int, starts: list[int]) -> list[Span]:
        """Spans of tokens a..b-1; `starts` are this sentence's candidate start tokens, in order."""
        keys, caps = t.keys, t.caps
        trie = self.g.trie
        out: list[Span] = []
        heads = False  # a possible head of an unknown organisation ("University", "Center") was seen
        i = a
        for i in starts:
            if out and i < out[-1].j:
                continue
            best_j = 0
            best: Entry | None = None
            node: dict[str, Any] | None = trie
            j = i
            while j < b:
                node = node.get(keys[j])  # type: ignore[union-attr]
                if node is None:
                    break
                j += 1
                ents = node.get("\x00")
                if ents:
                    for e in ents:  # in priority order
                        for n in e.need:
                            if not caps[i + n]:
                                break
                        else:
                            if (e.not_after is None and e.not_before is None) or self._context_fits(e, text, t, i, j):
                                best_j, best = j, e
                                break
            k = keys[i]
            if best is not None:
                out.append(Span(best.kind, i, best_j, best))
                heads = heads or (best_j == i + 1 and k in ORG_HEADS)
                continue
            if k in PRONOUNS:
                out.append(Span("pron", i, i + 1))
                continue
            if caps[i] and k not in STOP_CAPS and k not in CALENDAR and t.texts[i][0].isalpha():
                out.append(Span("cap", i, i + 1))
                heads = heads or k in ORG_HEADS
        return self._unknown_orgs(text, t, a, b, out) if heads else out

    @staticmethod
    def _context_fits(e: Entry, text: str, t: Tokens, i: int, j: int) -> bool:
        """An alias's guards: no match after `not_after` or before `not_before` ("the 20th Congress of ...")."""
        if e.not_after is not None and e.not_after.search(text[max(0, t.starts[i] - 40):t.starts[i]]):
            return False
        return not (e.not_before is not None and e.not_before.search(text[t.ends[j - 1]:t.ends[j - 1] + 40]))

    def _unknown_orgs(self, text: str, t: Tokens, a: int, b: int, spans: list[Span]) -> list[Span]:
        """Merge capitalised words around a head noun into an organisation the gazetteer lacks."""
        keys, caps = t.keys, t.caps
        out: list[Span] = []
        n = len(spans)
        k = 0
        while k < n:
            s = spans[k]
            head = keys[s.i] if s.j - s.i == 1 and caps[s.i] else None
            if head not in ORG_HEADS or s.kind in ("person", "org", "country", "place"):
                out.append(s)
                k += 1
                continue
            # leftwards over adjacent capitalised spans already collected
            left = len(out)
            edge = s.i
            while left > 0 and out[left - 1].j == edge and out[left - 1].kind in ("cap", "country", "adj",
                                                                                  "capital", "place"):
                left -= 1
                edge = out[left].i
            # rightwards: "of/for/on" + capitalised words joined by and/of/the
            end = s.j
            if end + 1 < b and keys[end] in ("of", "for", "on") and caps[end + 1]:
                r = end + 1
                last = end
                while r < b and (caps[r] or keys[r] in CONNECT):
                    if caps[r]:
                        last = r
                    r += 1
                end = last + 1
            if left == len(out) and end == s.j:
                out.append(s)
                k += 1
                continue
            i0 = out[left].i if left < len(out) else s.i
            members = [*out[left:]]
            while k < n and spans[k].i < end:
                members.append(spans[k])
                k += 1
            sector = ORG_HEADS[head]
            after = " ".join(keys[end:min(end + 2, b)])
            for follower, sec in ORG_FOLLOWERS:
                if after.startswith(follower):
                    sector = sec
            country = self._org_country(t, a, b, i0, end, out[:left], spans[k:k + 2], members)
            del out[left:]
            out.append(Span("uorg", i0, end, Entry("org", text[t.starts[i0]:t.ends[end - 1]],
                                                   code=self._code(country, sector), country=country,
                                                   sector=sector)))
        return out

    @staticmethod
    def _org_country(t: Tokens, a: int, b: int, i0: int, end: int, before: list[Span], after: list[Span],
                     members: list[Span]) -> str | None:
        keys = t.keys
        prev = before[-1] if before else None
        # "the Beijing-based X"
        if prev is not None and i0 - 2 >= a and keys[i0 - 1] == "based" and keys[i0 - 2] == "-" \
                and prev.j == i0 - 2 and prev.entry is not None and prev.entry.country:
            return prev.entry.country
        # "X in Pennsylvania"
        if end + 1 < b and keys[end] == "in" and after and after[0].i == end + 1:
            e = after[0].entry
            if e is not None and e.country and after[0].kind in ("place", "country", "capital"):
                return e.country
        # "the Chinese X", "China's X"
        if prev is not None and prev.entry is not None and prev.kind in ("adj", "country", "capital") and (
                prev.j == i0 or (prev.j == i0 - 1 and keys[i0 - 1] == "'s")):
            return prev.entry.country
        for m in members:
            if m.entry is not None and m.entry.country and m.kind in ("adj", "country", "capital", "place"):
                return m.entry.country
        return None

    # -- rules -----------------------------------------------------------------------------------------
    def sentence(self, text: str, t: Tokens, a: int, b: int, when: dt.date | None,
                 starts: list[int] | None = None) -> list[Cand]:
        """Actor candidates of the sentence of tokens a..b-1 (`starts`: its span starts, when the caller
        computed them for the whole document)."""
        if starts is None:
            starts = [i for i in self.starts(t) if a <= i < b]
        s = Sentence(text, t, a, b, self.spans(text, t, a, b, starts))
        out: list[Cand] = []
        if s.caps:
            self._state_of(s, out)
        if s.roles:
            self._titles(s, out, when)
            self._role_first(s, out, when)
        if s.names:
            self._appositives(s, out, when)
        if s.groups:
            self._groups(s, out)
        if s.roles or s.groups:
            self._anonymous(s, out)
        if s.spans:
            self._singles(s, out, when)
        if s.caps or s.prons:
            self._leftovers(s, out)
        if len(out) > 1:
            out.sort(key=lambda c: (c.start, -c.end))
        return out

    def _person_cand(self, s: Sentence, i: int, j: int, person: Person | None, name: str, when: dt.date | None,
                     role_text: str | None, role: Role | None, country: str | None, sector: str | None, rule: str,
                     conf: float) -> Cand:
        start, end = s.t.starts[i], s.t.ends[j - 1]
        if person is not None:
            spell, c = self.spell(person, when)
            if role is not None and spell is not None and spell.cls != role.cls and c < 1.0:
                # no office in force on the date, and the text names one: "President Obama" in a 2000 text is the
                # president, not the senator he was nearer that date
                titled = [sp for sp in person.spells if sp.cls == role.cls]
                if titled:
                    spell = min(titled, key=lambda sp: sp.distance(when) if when else 0)
            code = spell.code if spell else person.country
            return Cand(start, end, person.name, code, role_text or (spell.role if spell else None), rule, conf * c,
                        "person", person=person, cls=(role.cls if role else None) or (spell.cls if spell else None),
                        gender=person.gender, surname=person.surname, country=code[:3] if code else None, tok=i)
        country = country or (role.country if role else None)
        sector = sector if sector is not None else (role.sector if role else None)
        return Cand(start, end, name, self._code(country, sector), role_text, rule, conf * 0.9, "person",
                    cls=role.cls if role else None, surname=surname_of(name), country=country, tok=i)

    def _name_at(self, s: Sentence, i: int) -> tuple[int, Person | None] | None:
        """A name starting at token i: a gazetteer person, or 1-4 capitalised words. Returns (end token, person)."""
        sp = s.at(i)
        if sp is None:
            return None
        if sp.kind == "person":
            return sp.j, sp.entry.person if sp.entry else None
        if sp.kind != "cap":
            return None
        j = sp.j
        while j < s.b and j - i < 5:
            nxt = s.at(j)
            if nxt is not None and nxt.kind == "cap":
                j = nxt.j
            elif s.t.keys[j] in NAME_SUFFIX and s.t.caps[j]:
                j += 1
            elif s.t.keys[j] in NAME_PARTICLES and (p := s.at(j + 1)) is not None and p.kind == "cap":
                j += 1
            elif nxt is not None and nxt.j == j + 1 and s.t.caps[j] and nxt.kind in ("role", "place", "capital") \
                    and not (j + 1 < s.b and s.t.caps[j + 1]):
                j += 1  # a surname that is also a word of the gazetteer: "Tom King", "Susan Rice", "Jack Lew"
                break
            else:
                break
        return j, None

    @staticmethod
    def _use_name(s: Sentence, i: int, j: int, out: list[Cand] | None = None) -> None:
        """Mark the spans of tokens i..j-1 used; organisations among them (the "State Department" of "a
        State Department official") also become mentions of their own when `out` is given."""
        for sp in s.spans:
            if i <= sp.i < j and not sp.used:
                sp.used = True
                if out is not None and sp.kind in ("org", "uorg") and sp.entry is not None:
                    out.append(Cand(s.t.starts[sp.i], s.t.ends[sp.j - 1], sp.entry.name, sp.entry.code, None,
                                    "org.modifier", 0.9, "org", country=sp.entry.country, tok=sp.i))

    def _modifiers(self, s: Sentence, i: int) -> tuple[str | None, str | None, int]:
        """Country (and an organisation's sector) from the modifiers ending right before token i, and their start."""
        country = sector = None
        start = i
        k = i - 1
        while k >= s.a:
            key = s.t.keys[k]
            sp = s.ending_at(k + 1)
            if sp is not None and sp.entry is not None:
                e = sp.entry
                if sp.kind in CUE_KINDS:
                    country = country or e.country
                elif sp.kind in ("org", "uorg"):
                    # an international organisation has no country: its own code stands in ("U.N. official")
                    country = country or e.country or (e.code if sp.kind == "org" else None)
                    sector = sector or e.sector
                elif sp.kind == "group" and not (e.role and e.role.plural):
                    sector = sector or e.sector
                elif sp.kind != "role":
                    break
                start = sp.i
                k = sp.i - 1
            elif key in PREFIX_WORDS:
                start = k
                k -= 1
            elif key in ("'s", "-"):
                k -= 1
            else:
                break
        # a trailing possessive or prefix word alone is not a modifier
        while start < i and s.t.keys[start] in ("'s", "-"):
            start += 1
        return country, sector, start

    def _state_of(self, s: Sentence, out: list[Cand]) -> None:
        for sp in s.caps:
            if sp.used or s.t.keys[sp.i] not in ("state", "commonwealth", "province"):
                continue
            if s.key(sp.j) != "of":
                continue
            p = s.at(sp.j + 1)
            if p is None or p.kind != "place" or not p.entry or not p.entry.country:
                continue
            out.append(Cand(s.t.starts[sp.i], s.t.ends[p.j - 1], s.surface(sp.i, p.j),
                            _code(p.entry.country, "GOV"), None, "state_of", 0.9, "org", country=p.entry.country,
                            tok=sp.i))
            sp.used = p.used = True

    def _titles(self, s: Sentence, out: list[Cand], when: dt.date | None) -> None:
        for sp in s.roles:
            if sp.used or not (sp.entry and sp.entry.role and sp.entry.role.title):
                continue
            roles = [sp]
            while (nxt := s.at(roles[-1].j)) is not None and nxt.kind == "role":
                roles.append(nxt)
            found = self._name_at(s, roles[-1].j)
            if found is None:
                continue
            n_end, person = found
            country, sector, start = self._modifiers(s, sp.i)
            role_objs = [r.entry.role for r in roles if r.entry and r.entry.role]
            role = next((r for r in reversed(role_objs) if r.sector), role_objs[-1] if role_objs else None)
            role_text = _strip_det(s.surface(start, roles[-1].j))
            name = s.surface(roles[-1].j, n_end)
            out.append(self._person_cand(s, start, n_end, person, name, when, role_text, role, country, sector,
                                         "title", 0.95))
            self._use_name(s, start, n_end, out)

    def _role_first(self, s: Sentence, out: list[Cand], when: dt.date | None) -> None:
        keys, texts = s.t.keys, s.t.texts
        for sp in s.roles:
            if sp.used or not sp.entry or not sp.entry.role:
                continue
            # the role phrase runs to a comma within 10 tokens, and a name follows it
            c = sp.j
            while c < s.b and c - sp.j < 10 and texts[c] != ",":
                if not texts[c][0].isalnum() and keys[c] != "'s":
                    break
                c += 1
            if c >= s.b or texts[c] != ",":
                continue
            found = self._name_at(s, c + 1)
            if found is None:
                continue
            n_end, person = found
            if person is None and n_end - (c + 1) < 2:
                continue
            if n_end < s.b and texts[n_end][0].isalnum() and keys[n_end] not in ("said", "says", "told"):
                continue
            country, sector, _ = self._modifiers(s, sp.i)
            if country is None and sp.i - 2 >= s.a and keys[sp.i - 1] == "'s":
                owner = s.ending_at(sp.i - 1)
                country = owner.entry.country if owner is not None and owner.entry is not None else None
            role_text = s.surface(sp.i, c)
            name = s.surface(c + 1, n_end)
            out.append(self._person_cand(s, c + 1, n_end, person, name, when, role_text, sp.entry.role, country,
                                         sector, "role_first", 0.9))
            self._use_name(s, c + 1, n_end)
            sp.used = True

    def _appositives(self, s: Sentence, out: list[Cand], when: dt.date | None) -> None:
        keys, texts = s.t.keys, s.t.texts
        for sp in s.names:
            found = self._name_at(s, sp.i) if not sp.used else (sp.j, sp.entry.person if sp.entry else None)
            if found is None:
                continue
            n_end, person = found
            if person is None and n_end - sp.i < 2 and not sp.used:
                continue
            if n_end >= s.b or texts[n_end] != ",":
                continue
            # the appositive: to the next comma, semicolon, dash, quote or sentence end
            a0 = n_end + 1
            a1 = a0
            while a1 < s.b and texts[a1] not in (",", ";", ":", "—", "–", "(", ")", "“", "”", '"') and a1 - a0 < 25:
                a1 += 1
            if a1 == a0 or (a1 < s.b and texts[a1] == "." and a1 + 1 < s.b):
                continue
            inner = [x for x in s.spans if a0 <= x.i < a1]
            first = s.by_start.get(a0)
            if not (keys[a0] in DETERMINERS or keys[a0] in PREFIX_WORDS or (first is not None and first.kind in (
                    "role", "adj", "country", "org", "uorg"))):
                continue
            roles = [x for x in inner if x.kind == "role" and x.entry and x.entry.role]
            if not roles:
                continue
            org = next((x for x in inner if x.kind in ("org", "uorg") and x.entry), None)
            role = roles[0].entry.role  # type: ignore[union-attr]
            country = sector = None
            end = a1
            if org is not None and org.entry is not None:
                country, sector = org.entry.country, org.entry.sector
                end = org.j
            else:
                cue = next((x for x in inner if x.kind in CUE_KINDS and x.entry), None)
                country = cue.entry.country if cue and cue.entry else None
            if sector is None and role is not None:
                sector = role.sector
            role_text = s.surface(a0, end)
            for x in roles:
                x.used = True
            if sp.used:  # already a person through a title: keep it, add the role it lacked
                prior = next((c for c in out if c.tok <= sp.i < c.tok + 8 and c.kind == "person"), None)
                if prior is not None and prior.role is None:
                    prior.role = role_text
                continue
            out.append(self._person_cand(s, sp.i, n_end, person, s.surface(sp.i, n_end), when, role_text, role,
                                         country, sector, "appositive", 0.9))
            self._use_name(s, sp.i, n_end)

    def _groups(self, s: Sentence, out: list[Cand]) -> None:
        """COUNTRY GROUP: "Chinese companies", "China's military", "U.S. and Chinese officials", "Xi's regime"."""
        keys, texts, caps = s.t.keys, s.t.texts, s.t.caps
        for sp in s.groups:
            if sp.used or not sp.entry:
                continue
            k = sp.i - 1
            # up to two plain words between an adjective and the noun: "Chinese state-owned banks"
            gaps = 0
            while gaps < 3 and k >= s.a and s.ending_at(k + 1) is None and (texts[k] == "-" or (
                    texts[k][0].isalpha() and not caps[k] and keys[k] not in DETERMINERS
                    and keys[k] not in FUNCTION_WORDS)):
                gaps += texts[k] != "-"  # "state-owned" is one modifier
                k -= 1
            first = self._group_cue(s, k, gaps)
            if first is None and gaps:  # the plain words were not modifiers after all
                k, gaps = sp.i - 1, 0
                first = self._group_cue(s, k, 0)
            if first is None:
                continue
            cues = [first]
            k = first.i - 1
            while k >= s.a and (keys[k] in ("and", "or") or texts[k] == ","):  # "U.S. and Chinese officials"
                kk = k
                while kk >= s.a and (keys[kk] in ("and", "or") or texts[kk] == ","):
                    kk -= 1
                nxt = self._group_cue(s, kk, 0, coordinated=True)
                if nxt is None:
                    break
                cues.append(nxt)
                k = nxt.i - 1
            e = sp.entry
            plural = bool(e.role and e.role.plural) or keys[sp.j - 1].endswith("s")
            role_text = s.surface(sp.i, sp.j)
            for v in reversed(cues):
                ve = v.entry
                assert ve is not None
                country = ve.person.country if v.kind == "person" and ve.person else ve.country
                end_tok = sp.j if v is first else v.j
                name = s.surface(v.i, end_tok) if v is first else f"{s.surface(v.i, v.j)} {role_text}"
                out.append(Cand(s.t.starts[v.i], s.t.ends[end_tok - 1], name, _code(country, e.sector), role_text,
                                "group", 0.85, "group", plural=plural, country=country, tok=v.i))
                v.used = True
            sp.used = True

    @staticmethod
    def _group_cue(s: Sentence, k: int, gaps: int, coordinated: bool = False) -> Span | None:
        """The country cue ending at token k: an adjective (even before plain words), or a country, capital or
        person right before the noun or with a possessive ("China's", "Xi's")."""
        if k < s.a:
            return None
        possessive = s.t.keys[k] == "'s"
        m = s.ending_at(k if possessive else k + 1)
        if m is None or m.entry is None:
            return None
        if m.kind == "adj" or (m.kind == "demonym" and not possessive):
            return m
        if m.kind in ("country", "capital") and (gaps == 0 or possessive or coordinated) \
                and not (coordinated and possessive):
            return m
        if m.kind == "person" and gaps == 0 and not coordinated:
            return m
        return None

    def _anonymous(self, s: Sentence, out: list[Cand]) -> None:
        keys = s.t.keys
        for sp in (*s.roles, *s.groups):
            if sp.used or not sp.entry or not sp.entry.role:
                continue
            role = sp.entry.role
            nxt = s.at(sp.j)
            if nxt is not None and nxt.kind in NAMEISH:
                continue  # a title before a name the title rule did not take
            # up to two plain words between the modifiers and the role: "a Chinese trade official"
            inner = sp.i
            texts, caps = s.t.texts, s.t.caps
            while inner - sp.i > -2 and inner - 1 >= s.a and s.ending_at(inner) is None \
                    and texts[inner - 1][0].isalpha() and not caps[inner - 1] \
                    and keys[inner - 1] not in DETERMINERS and keys[inner - 1] not in FUNCTION_WORDS \
                    and keys[inner - 1] not in PREFIX_WORDS:
                inner -= 1
            country, sector, start = self._modifiers(s, inner)
            if start == inner:  # the plain words led to no modifier: the role stands alone
                inner = start = sp.i
                country, sector, start = self._modifiers(s, sp.i)
            sector = sector or next((GAP_SECTOR[k] for k in keys[inner:sp.i] if k in GAP_SECTOR), None)
            if country is None and sector is None:
                country, sector = self._org_after(s, sp.j)  # "a spokesperson for the Chinese Foreign Ministry"
            p = start - 1
            prev = keys[p] if p >= s.a else ""
            if not (start < sp.i or prev in DETERMINERS or prev == "'s"):
                continue  # a bare role word ("in general") is not an actor
            if prev == "'s":
                owner = s.ending_at(p)
                if owner is not None and owner.entry is not None:
                    country = country or owner.entry.country  # "Taiwan's vice president"
                    start = owner.i
                    owner.used = True
            definite = prev in ("the", "'s") or "'s" in keys[start:sp.i]  # "the official", "Taiwan's president"
            surface = s.surface(start, sp.j)
            cls = role.cls
            if role.top and any(keys[x] == "top" for x in range(start, sp.i)):
                cls = role.top  # "the top U.S. diplomat"
            sector = sector if sector is not None else role.sector
            country = country or role.country
            if role.plural and not country and not definite:
                continue  # "analysts said": no actor to code
            out.append(Cand(s.t.starts[start], s.t.ends[sp.j - 1], _strip_det(surface), self._code(country, sector),
                            s.surface(sp.i, sp.j), "anonymous", 0.8, "anon", cls=cls, plural=role.plural,
                            definite=definite, country=country, tok=start))
            self._use_name(s, start, sp.j, out)

    @staticmethod
    def _org_after(s: Sentence, j: int) -> tuple[str | None, str | None]:
        """Country and sector of "for/of/at/with [the] [ADJ] ORG-or-GROUP" right after token j."""
        keys = s.t.keys
        if s.key(j) not in ("for", "of", "at", "with"):
            return None, None
        k = j + 1 + (s.key(j + 1) == "the")
        country = None
        nxt = s.at(k)
        if nxt is not None and nxt.kind in ("adj", "country") and nxt.entry is not None:
            country = nxt.entry.country
            k = nxt.j + (keys[nxt.j] == "'s" if nxt.j < s.b else 0)
            nxt = s.at(k)
        if nxt is not None and nxt.entry is not None and nxt.kind in ("org", "uorg", "group"):
            return nxt.entry.country or country, nxt.entry.sector
        return country, None

    def _singles(self, s: Sentence, out: list[Cand], when: dt.date | None) -> None:
        keys = s.t.keys
        for sp in s.spans:
            if sp.used or sp.entry is None:
                continue
            e = sp.entry
            start, end = s.t.starts[sp.i], s.t.ends[sp.j - 1]
            if sp.kind == "person" and e.person is not None:
                c = self._person_cand(s, sp.i, sp.j, e.person, e.name, when, None, None, None, None, "person", 1.0)
                out.append(c)
            elif sp.kind in ("org", "uorg"):
                out.append(Cand(start, end, e.name, e.code, None, sp.kind, 0.95 if sp.kind == "org" else 0.75, "org",
                                country=e.country, tok=sp.i))
            elif sp.kind in ("capital", "seat"):
                # a place here: "in Washington", "the Beijing-based", or part of a longer name ("Morgan Stanley")
                k = sp.i - 1
                if keys[k] == "the" and k > s.a:
                    k -= 1
                place = k >= s.a and keys[k] in LOCATIVE
                based = s.key(sp.j) == "-" and s.key(sp.j + 1) == "based"
                after = s.at(sp.j)
                named = (after is not None and after.kind == "cap") or (
                    sp.i > s.a and s.t.caps[sp.i - 1] and keys[sp.i - 1] not in STOP_CAPS and sp.i - 1 != s.a)
                if place or based or named:
                    continue
                out.append(Cand(start, end, s.surface(sp.i, sp.j), _code(e.country, "GOV"), None, "metonym", 0.85,
                                "metonym", country=e.country, tok=sp.i, weak=e.ambiguous))
            elif sp.kind == "country":
                nxt = s.at(sp.j)
                if e.ambiguous and nxt is not None and nxt.kind == "cap":
                    continue  # "Jordan Smith": a first name
                out.append(Cand(start, end, e.name, e.code, None, "country.place" if s.after_prep(sp.i) else "country",
                                0.95, "country", country=e.country, tok=sp.i))
            elif sp.kind == "adj":
                out.append(Cand(start, end, e.name, e.code, None, "adjective", 0.8, "country", country=e.country,
                                tok=sp.i))
            elif sp.kind == "demonym":
                out.append(Cand(start, end, s.surface(sp.i, sp.j), _code(e.country, "CVL"), None, "demonym", 0.8,
                                "group", plural=True, country=e.country, tok=sp.i))

    def _leftovers(self, s: Sentence, out: list[Cand]) -> None:
        """Names and pronouns that only coreference can resolve (kinds `capname` and `pron`)."""
        t = s.t
        keys = t.keys
        for sp in s.caps:
            if sp.used:
                continue
            j = sp.j
            while (nxt := s.at(j)) is not None and nxt.kind == "cap" and j - sp.i < 4:
                nxt.used = True
                j = nxt.j
            title = keys[sp.i - 1] if sp.i > s.a else ""
            gender = "m" if title in ("mr", "mr.") else "f" if title in ("ms", "mrs", "ms.", "mrs.") else None
            name = s.surface(sp.i, j)
            if 2 <= j - sp.i <= 3 and (title in SAYS or s.key(j) in SAYS) and name.replace(" ", "").isalpha():
                # "…,” said Dana Ocampo, who …: a name next to a reporting verb is a person, code unknown
                out.append(Cand(t.starts[sp.i], t.ends[j - 1], name, None, None, "person.speaker", 0.7, "person",
                                gender=gender, surname=surname_of(name), tok=sp.i))
                continue
            out.append(Cand(t.starts[sp.i], t.ends[j - 1], name, None, None, "coref.surname", 0.8,
                            "capname", gender=gender, tok=sp.i))
        for sp in s.prons:
            i = sp.i
            key = keys[i]
            if key == "it" and not ((i == s.a or s.key(i - 1) in IT_AFTER) and s.key(i + 1) in AUX
                                    and s.key(i + 2) != "be"
                                    and not (s.key(i + 1) in ("is", "was", "'s") and s.key(i + 2) in DUMMY_IT)):
                # only a subject "it" opening a sentence or a reported clause ("Nigeria announced that it
                # will …"): "it is important", "so that it does" are no actors
                continue
            out.append(Cand(t.starts[i], t.ends[i], t.texts[i], None, None, "coref.pronoun", 0.7, "pron", tok=i,
                            gender=PRONOUNS[key], plural=key in ("they", "them")))
