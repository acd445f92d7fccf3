"""Coreference within a document: surnames, role nominals and pronouns point back to earlier actors.

- A surname or name ("Zhu", "Blinken", "Wang") takes the most recent earlier person whose short
  form or name it is, so "Wang" after "Wang Huiyao" is Wang Huiyao, not Wang Yi. A name that
  matches nobody earlier is dropped.
- A definite role nominal ("the State Secretary", "the State Department official", "the top U.S.
  diplomat") takes the most recent earlier actor with the same role class (and the same country
  and organisation when it names them); failing that, the one person in the gazetteer who held
  that office for that country on the publication date.
- Pronouns: he/she/him/his/her take the most recent person of a compatible gender, within the
  sentence and the two before it; "It" opening a sentence takes the first non-person actor of the
  previous sentence that is not inside a prepositional phrase, else the most recent one; they/them
  take the most recent pair joined by "and", else the most recent plural actor.
"""

from __future__ import annotations

import datetime as dt
import re
from copy import copy
from itertools import pairwise

from dyad.actors.gazetteer import Gazetteer
from dyad.actors.recognize import PREPOSITIONS, Cand, surname_of

WINDOW = 2  # sentences before the current one that pronouns look back to
UNCODED = "name.uncoded"  # the rule of a full name kept only so that its surname is not given to a namesake
_BEFORE = re.compile(r"(\w+)\s+(?:(?:the|a|an)\s+)?$", re.I)


class _History:
    """Resolved mentions so far, with the indexes the lookups need (most recent wins)."""

    def __init__(self) -> None:
        self.items: list[tuple[int, Cand]] = []      # (sentence, mention) in text order
        self.by_name: dict[str, Cand] = {}          # a person's name, surname and short forms
        self.by_office: dict[str, list[Cand]] = {}  # role class -> people and anonymous actors

    def add(self, si: int, c: Cand) -> None:
        self.items.append((si, c))
        if c.kind == "person":
            self.by_name[c.name] = c
            if c.surname:
                self.by_name[c.surname] = c
            if c.person is not None:
                for short in c.person.short:
                    self.by_name[short] = c
        if c.cls and c.kind in ("person", "anon") and not c.plural:
            self.by_office.setdefault(c.cls, []).append(c)

    def recent(self, si: int) -> list[tuple[int, Cand]]:
        """Mentions of this sentence and the WINDOW before it, most recent first."""
        out = []
        for s, c in reversed(self.items):
            if s < si - WINDOW:
                break
            out.append((s, c))
        return out


def resolve(sentences: list[list[Cand]], text: str, g: Gazetteer, when: dt.date | None) -> list[list[Cand]]:
    # a capital that is also a common name (Georgetown, Hamilton) is the government only if its country is named
    named = {c.country for cands in sentences for c in cands if c.country and not c.weak}
    history = _History()
    out: list[list[Cand]] = []
    for si, cands in enumerate(sentences):
        kept: list[Cand] = []
        for c in cands:
            if c.weak and c.country not in named:
                continue
            got: list[Cand]
            if c.kind == "capname":
                got = _surname(c, history)
                if not got and _person_like(c.name):
                    # a full name dyad cannot code ("Wang Huiyao" with nothing said of him): not a mention,
                    # but a later "Wang" must not go to an earlier namesake
                    c.kind, c.surname, c.rule = "person", surname_of(c.name), UNCODED
                    history.add(si, c)
                    continue
            elif c.kind == "pron":
                got = _pronoun(c, history, si, text)
            elif c.definite and c.kind == "anon" and not c.plural:
                got = [_role_nominal(c, history, g, when)]
            elif c.kind == "person" and c.person is None and " " not in c.name:
                got = _surname(c, history) or [c]  # "Foreign Minister Wang"
            else:
                got = [c]
            for x in got:
                history.add(si, x)
            kept.extend(got)
        out.append(kept)
    return out


def _adopt(c: Cand, ante: Cand, rule: str, conf: float) -> Cand:
    """The mention `c` (its span kept) as a reference to the actor of `ante`. Cands are scratch objects of
    one document, so this fills `c` in place (dataclasses.replace cost a tenth of the stage)."""
    c.name, c.code, c.kind, c.person, c.cls = ante.name, ante.code, ante.kind, ante.person, ante.cls
    c.gender, c.plural, c.surname, c.country = ante.gender, ante.plural, ante.surname, ante.country
    if c.role is None:
        c.role = ante.role
    c.rule = rule
    c.confidence = round(min(conf, ante.confidence), 3)
    return c


def _surname(c: Cand, history: _History) -> list[Cand]:
    ante = history.by_name.get(c.name)
    if ante is None or ante.rule == UNCODED:
        return []  # nobody, or a namesake dyad could not code: better no mention than a wrong actor
    return [_adopt(c, ante, "coref.surname", 0.9)]


def _person_like(name: str) -> bool:
    """Two or three capitalised words of letters: a shape personal names have."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)


def _same_office(nominal: str | None, antecedent: str | None) -> bool:
    """"the minister" or "the secretary" may be any minister; other classes must match."""
    if nominal is None or antecedent is None:
        return False
    if nominal == "minister":
        return antecedent == "minister" or antecedent.endswith("_minister")
    return nominal == antecedent


def _role_nominal(c: Cand, history: _History, g: Gazetteer, when: dt.date | None) -> Cand:
    classes = [k for k in history.by_office if _same_office(c.cls, k)]
    candidates = sorted((a for k in classes for a in history.by_office[k]), key=lambda a: a.start, reverse=True)
    for a in candidates:
        if c.country and a.country and c.country != a.country:
            continue
        if c.code and a.code and len(c.code) > 3 and len(a.code) > 3 and c.code != a.code:
            continue
        return _adopt(c, a, "coref.role", 0.85)
    if c.cls:
        holders = g.holders(c.cls, c.country, when)
        if len(holders) == 1:
            person, spell = holders[0]
            c.name, c.code, c.role, c.rule, c.confidence = (person.name, spell.code, c.role or spell.role,
                                                            "role.office", 0.75)
            c.kind, c.person, c.gender, c.surname, c.country = ("person", person, person.gender, person.surname,
                                                                spell.code[:3])
    return c


def _pronoun(c: Cand, history: _History, si: int, text: str) -> list[Cand]:
    recent = history.recent(si)
    if c.gender in ("m", "f"):
        for _, a in recent:
            if (a.kind == "person" or (a.kind == "anon" and not a.plural)) and a.gender in (None, c.gender):
                return [_adopt(c, a, "coref.pronoun", 0.7)]
        return []
    if c.plural:
        pair = _pair(recent, text)
        if pair:
            return [_adopt(copy(c), a, "coref.pronoun", 0.6) for a in pair]
        for _, a in recent:
            if a.plural and a.kind in ("group", "anon"):
                return [_adopt(c, a, "coref.pronoun", 0.6)]
        return []
    # "It": a subject-like non-person actor of the previous sentence, else the most recent one
    things = [(s, a) for s, a in recent if a.kind in ("country", "metonym", "org") or
              (a.kind == "group" and not a.plural)]
    prev = sorted((a for s, a in things if s == si - 1), key=lambda a: a.start)
    for a in prev:
        if not _after_preposition(text, a.start):
            return [_adopt(c, a, "coref.pronoun", 0.6)]
    return [_adopt(c, things[0][1], "coref.pronoun", 0.5)] if things else []


def _after_preposition(text: str, start: int) -> bool:
    """Is the mention at `start` inside a prepositional phrase ("in recent months, Washington" is not)?"""
    m = _BEFORE.search(text, max(0, start - 40), start)
    return m is not None and m.group(1).lower() in PREPOSITIONS


def _pair(recent: list[tuple[int, Cand]], text: str) -> list[Cand] | None:
    """The most recent two actors joined by "and" ("between Biden and Chinese leader Xi Jinping")."""
    ordered = sorted((a for _, a in recent), key=lambda a: a.start, reverse=True)
    for later, earlier in pairwise(ordered):
        between = text[earlier.end:later.start].strip().lower()
        if between in ("and", ", and", "&") and later.kind in ("person", "country", "metonym", "org") \
                and earlier.kind in ("person", "country", "metonym", "org"):
            return [earlier, later]
    return None
