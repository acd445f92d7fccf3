"""A shallow analysis of one sentence, built without a tagger or parser model.

- Tokens come from the actor tokenizer; each actor mention becomes one *unit* spanning its tokens.
- Clauses are cut at strong punctuation, at a comma before a conjunction, relative pronoun or
  participle, at complementizers ("that", "whether") and subordinators ("if", "when", "while"), at a
  conjunction before a verb ("… and sanctioned …"), and after a sentence-opening subordinate clause.
  Each clause knows what opened it (its *marker*) and the clause it hangs from, which decides whose
  subject it borrows when it has none of its own: a relative clause takes its antecedent, a
  participle or a coordinated verb the subject of the clause before.
- A clause's subject is its first actor unit before the verb that is not the object of a preposition.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from dyad.actors.tokens import Tokens, tokenize
from dyad.events.inflect import verb_forms
from dyad.model import Mention

PREPOSITIONS = frozenset(
    "in on at by for from with without into onto over under about against between among of to toward towards "
    "across around upon within along behind beyond amid despite during before after since until near through "
    "including like unlike than via per outside inside alongside besides beside".split())
DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your some any several many few all both each "
    "every another other such no more most much one two three four five six seven eight nine ten dozens "
    "hundreds thousands".split())
CONJUNCTIONS = frozenset({"and", "but", "or", "nor", "yet"})
RELATIVES = frozenset({"who", "which", "whom", "whose", "where"})
COMPLEMENTIZERS = frozenset({"that", "whether"})
SUBORDINATORS = frozenset({
    "if", "unless", "when", "whenever", "while", "whereas", "although", "though", "because", "since", "after",
    "before", "until", "once", "as", "so"})
REPORTING_VERBS = frozenset({"said", "says", "say", "told", "tells", "added", "stated", "announced", "noted",
                             "argued", "warned", "insisted", "claimed", "reported", "believes", "believed"})
CONDITIONAL = frozenset({"if", "unless", "whether"})
TEMPORAL = frozenset({"when", "whenever", "once", "after", "before", "until", "as"})
BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "get", "gets", "got", "getting",
                "gotten", "become", "became"})
AUX = BE | frozenset({"has", "have", "had", "having", "do", "does", "did", "will", "would", "shall", "should",
                      "can", "could", "may", "might", "must", "'ll", "'d", "wo", "ca", "ought"})
HARD = frozenset({";", ":", "—", "–", "(", ")", "[", "]"})
QUOTES = frozenset({"“", "”", '"', "‘", "’"})
# -ing words that are nouns, not participles opening a clause ("…, meeting officials" is rare next to these)
ING_NOUNS = frozenset({"meeting", "meetings", "briefing", "building", "funding", "spending", "training",
                       "wedding", "beginning", "morning", "evening", "ceiling", "king", "thing", "things", "nothing",
                       "something", "anything", "everything", "bring", "spring", "string", "during", "sibling",
                       "offering", "ruling", "warning", "saving", "landing", "standing", "being", "hearing",
                       "shooting", "bombing", "fighting", "killing", "shelling", "uprising", "gathering",
                       "wording", "crossing", "sling", "swing", "sing", "ring", "wing", "ping", "ding", "ming",
                       "jinping", "beijing", "nanjing", "kunming", "harbin", "zhejiang", "pyongyang"})
PARTICIPLE_MARKERS = frozenset({"saying", "adding", "noting", "arguing", "warning", "urging", "calling", "citing",
                                "accusing", "claiming", "insisting", "stressing", "marking", "making", "raising",
                                "prompting", "leaving", "killing", "signalling", "signaling", "becoming",
                                "underscoring", "highlighting", "capping", "culminating", "representing"})


@dataclass(slots=True)
class Unit:
    """An actor mention as a run of tokens [first, last]."""

    first: int
    last: int
    mention: Mention
    twins: list[int] = field(default_factory=list)  # units of other actors on the same words ("they")

    @property
    def pronoun(self) -> bool:
        return self.mention.rule.startswith("coref.pronoun")

    @property
    def possessive_pronoun(self) -> bool:
        return self.pronoun and self.mention.text.lower() in ("his", "her", "its", "their", "our")


@dataclass(slots=True)
class Clause:
    first: int
    last: int              # inclusive
    marker: str = ""       # the word that opened it ("that", "who", "if", "and", "saying" ...) or ""
    parent: int = -1       # the clause it hangs from
    kind: str = "main"     # main, resumed (main after an inserted clause), relative, complement, conditional,
    #                        temporal, subordinate, coordinate, participle, report


@dataclass(slots=True)
class Sent:
    index: int
    offset: int                          # the sentence's start in the document
    text: str
    toks: Tokens
    keys: list[str]
    units: list[Unit]
    unit_at: list[int]                   # token -> unit index, or -1
    clause_of: list[int] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Document offsets of tokens first..last."""
        return self.offset + self.toks.starts[first], self.offset + self.toks.ends[last]


def build_units(toks: Tokens, offset: int, mentions: list[Mention]) -> tuple[list[Unit], list[int]]:
    """Mentions as token runs; a mention inside a longer one (an org inside a title) gives way to it."""
    unit_at = [-1] * len(toks.keys)
    units: list[Unit] = []
    ms = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    for m in ms:
        a = bisect_right(toks.starts, m.start - offset) - 1
        b = bisect_left(toks.ends, m.end - offset)
        a = max(a, 0)
        b = min(b, len(toks.keys) - 1)
        if a > b:
            continue
        if unit_at[a] >= 0:
            host = units[unit_at[a]]
            if host.first == a and host.last == b and host.mention.actor != m.actor:
                host.twins.append(len(units))  # a plural pronoun resolved to two actors
                units.append(Unit(a, b, m))
            continue
        if any(unit_at[k] >= 0 for k in range(a, b + 1)):
            continue
        for k in range(a, b + 1):
            unit_at[k] = len(units)
        units.append(Unit(a, b, m))
    return units, unit_at


@cache
def common_verbs() -> frozenset[str]:
    """Every form of the common verbs in data/verbs.txt."""
    text = (resources.files("dyad.events") / "data" / "verbs.txt").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        for lemma in line.split():
            for fs in verb_forms(lemma).values():
                out |= fs
    return frozenset(out)


def looks_verb(key: str, verbs: frozenset[str]) -> bool:
    return key in verbs or key in AUX or (len(key) > 4 and key.endswith("ed"))


def segment(s: Sent, verbs: frozenset[str]) -> None:
    """Cut the sentence into clauses (see the module docstring); fills s.clauses and s.clause_of."""
    keys = s.keys
    n = len(keys)
    clauses: list[Clause] = [Clause(0, n - 1, keys[0] if keys and keys[0] in SUBORDINATORS else "")]
    if clauses[0].marker:
        clauses[0].kind = _kind(clauses[0].marker)
    seen_verb = False

    def cut(at: int, marker: str, kind: str, parent: int | None = None) -> None:
        nonlocal seen_verb
        if at <= clauses[-1].first or at >= n:
            return
        clauses[-1].last = at - 1
        par = len(clauses) - 1 if parent is None else parent
        clauses.append(Clause(at, n - 1, marker, par, kind))
        seen_verb = False

    i = 1
    while i < n:
        k = keys[i]
        prev = keys[i - 1]
        nxt = keys[i + 1] if i + 1 < n else ""
        if k in HARD:
            cut(i, k, "subordinate" if k in (":", "(", "—", "–") else "main")
        elif k == ",":
            if nxt in CONJUNCTIONS:
                cut(i, nxt, "coordinate")
            elif nxt in RELATIVES:
                cut(i, nxt, "relative")
            elif nxt in SUBORDINATORS or nxt == "according":
                cut(i, nxt, _kind(nxt))
            elif (nxt.endswith("ing") and nxt not in ING_NOUNS and s.unit_at[i + 1] < 0) or nxt in PARTICIPLE_MARKERS:
                cut(i, nxt, "participle", _main_of(clauses))
            elif clauses[-1].first == 0 and clauses[-1].marker in SUBORDINATORS and seen_verb_or_noun(s, clauses):
                cut(i, ",", "main", -1)  # the comma closing "When X does Y, …": what follows is the main clause
                clauses[0].parent = len(clauses) - 1
            elif nxt in ("said", "says", "told") or (i + 2 < n and keys[i + 2] in ("said", "says")):
                cut(i, "said", "report")
            elif clauses[-1].kind == "relative" and clauses[-1].marker != "," and looks_verb(nxt, verbs) \
                    and s.unit_at[i + 1] < 0:
                # "The visit, which runs through Friday, follows …": the main clause resumes
                cut(i, ",", "resumed", clauses[-1].parent)
        elif k in COMPLEMENTIZERS and prev not in PREPOSITIONS and prev != ",":
            cut(i, k, "complement")
        elif k in RELATIVES and prev != "," and s.unit_at[i - 1] >= 0:
            cut(i, k, "relative")
        elif k in ("which", "whom") and prev in PREPOSITIONS and i >= 2:
            # ", in which they pledged …": the clause starts at the preposition
            cut(i - 2 if keys[i - 2] == "," else i - 1, k, "relative")
        elif k in ("if", "unless", "whether", "because", "while", "although", "though", "whereas") and prev != ",":
            cut(i, k, _kind(k))
        elif k in CONJUNCTIONS and prev != "," and seen_verb and i + 1 < n and looks_verb(nxt, verbs) \
                and s.unit_at[i + 1] < 0:
            cut(i, k, "coordinate")
        elif k == "as" and prev == "well" and i >= 2 and keys[i - 2] == "as":
            pass
        elif k == "well" and prev == "as" and nxt == "as" and i + 2 < n and looks_verb(keys[i + 2], verbs):
            cut(i - 1, "and", "coordinate")
        if looks_verb(k, verbs):
            seen_verb = True
        i += 1
    s.clauses = clauses
    s.clause_of = [0] * n
    for ci, c in enumerate(clauses):
        for t in range(c.first, c.last + 1):
            s.clause_of[t] = ci


def seen_verb_or_noun(s: Sent, clauses: list[Clause]) -> bool:
    """Has the sentence-opening subordinate clause got some content yet (at least three words)?"""
    return len(s.keys) > 0 and clauses[-1].last - clauses[-1].first >= 2


def _kind(marker: str) -> str:
    if marker in CONDITIONAL:
        return "conditional"
    if marker in TEMPORAL:
        return "temporal"
    if marker in RELATIVES:
        return "relative"
    if marker in CONJUNCTIONS:
        return "coordinate"
    if marker == "according":
        return "report"
    return "subordinate"


def _main_of(clauses: list[Clause]) -> int:
    """The nearest clause before that is not itself hanging from another (a participle's host)."""
    for ci in range(len(clauses) - 1, -1, -1):
        if clauses[ci].kind in ("main", "resumed", "coordinate", "complement"):
            return ci
    return len(clauses) - 1


_NUMBER_COMMA = re.compile(r"\d,\d\d\d")


def _join_numbers(toks: Tokens) -> Tokens:
    """"3,000" is one token here (the actor tokenizer splits it at the comma)."""
    keys = toks.keys
    out = Tokens([], [], [], [], [])
    k = 0
    while k < len(keys):
        j = k
        while j + 2 < len(keys) and keys[j + 1] == "," and keys[j].isdigit() and len(keys[j + 2]) == 3 \
                and keys[j + 2].isdigit() and toks.ends[j] == toks.starts[j + 1] \
                and toks.ends[j + 1] == toks.starts[j + 2]:
            j += 2
        out.starts.append(toks.starts[k])
        out.ends.append(toks.ends[j])
        if j == k:
            out.texts.append(toks.texts[k])
            out.keys.append(keys[k])
        else:
            joined = "".join(toks.texts[k:j + 1])
            out.texts.append(joined)
            out.keys.append(joined)
        out.caps.append(toks.caps[k])
        k = j + 1
    return out


def analyse(index: int, offset: int, text: str, mentions: list[Mention], verbs: frozenset[str],
            toks: Tokens | None = None) -> Sent:
    """The shallow analysis of one sentence (`text`, at `offset` in its document); `toks` are its tokens
    when the caller has them (offsets relative to the sentence)."""
    if toks is None:
        toks = tokenize(text)
    if _NUMBER_COMMA.search(text):
        toks = _join_numbers(toks)
    units, unit_at = build_units(toks, offset, mentions)
    s = Sent(index, offset, text, toks, toks.keys, units, unit_at)
    if toks.keys and verbs:
        segment(s, verbs)
    return s


def subject(s: Sent, head: int, stop_at: int | None = None) -> int | None:
    """The unit that is the subject of the verb at `head`: in its clause, before it, not after a
    preposition; else the clause's borrowed subject (antecedent, or the subject of the clause it hangs from)."""
    ci = s.clause_of[head]
    seen: set[int] = set()
    while ci >= 0 and ci not in seen:
        seen.add(ci)
        c = s.clauses[ci]
        end = head if ci == s.clause_of[head] else (stop_at if stop_at is not None else c.last + 1)
        u = _first_subject(s, c.first, min(end, c.last + 1))
        if u is None and ci == s.clause_of[head]:
            u = _preverbal(s, c.first, head)
        if u is None and ci == s.clause_of[head]:
            u = _located_subject(s, c.first, head)
        if u is not None:
            return u
        if c.kind == "relative":
            # the antecedent: the unit right before the relative pronoun (", who" or "who")
            k = c.first - 1
            while k >= 0 and s.keys[k] in (",",):
                k -= 1
            if k >= 0 and s.unit_at[k] >= 0:
                return s.unit_at[k]
            return None
        if c.kind in ("participle", "coordinate", "temporal", "subordinate", "resumed") and c.parent >= 0:
            head = s.clauses[c.parent].last + 1
            stop_at = None
            ci = c.parent
            continue
        return None
    return None


def _first_subject(s: Sent, a: int, b: int) -> int | None:
    found: list[int] = []
    k = a
    while k < b:
        u = s.unit_at[k]
        if u < 0:
            k += 1
            continue
        unit = s.units[u]
        if not _after_preposition(s, unit.first, a) and s.keys[unit.first] not in ("according",) \
                and not unit.possessive_pronoun:
            found.append(u)
        k = unit.last + 1
    # "He said Beijing had not agreed …": the subject of "said" is not that of the verb after it
    for u in found:
        nxt = s.units[u].last + 1
        if nxt < b and s.keys[nxt] in REPORTING_VERBS and u != found[-1]:
            continue
        return u
    return found[0] if found else None


_PARTITIVE = frozenset({"thousands", "hundreds", "dozens", "scores", "millions", "tens", "group", "number", "team",
                        "delegation", "some", "many", "most", "all", "several", "majority", "members", "leaders",
                        "officials", "units", "troops", "forces", "supporters", "one", "two", "three", "few",
                        "contingent", "batch", "patch", "band", "crowd", "coalition", "representatives"})
_ADVERBS = frozenset({"not", "n't", "never", "also", "still", "now", "recently", "already", "just", "again", "then",
                      "later", "once", "repeatedly", "reportedly", "allegedly", "publicly", "formally", "officially"})


def _preverbal(s: Sent, a: int, head: int) -> int | None:
    """The actor right before the verb, with only adverbs or auxiliaries between ("with the U.S. recently
    expressing concerns"): the subject even when a preposition governs its phrase."""
    k = head - 1
    while k >= a:
        u = s.unit_at[k]
        if u >= 0:
            return None if s.units[u].possessive_pronoun else u
        w = s.keys[k]
        if w in _ADVERBS or w in AUX or w.endswith("ly"):
            k -= 1
            continue
        return None
    return None


def _located_subject(s: Sent, a: int, head: int) -> int | None:
    """"Rebels in the Ivory Coast blocked …", "Security forces in Guinea have …": a plain noun with a
    place after it, before the verb: the place's actor stands for the subject."""
    k = a
    while k < head and s.keys[k] in DETERMINERS:
        k += 1
    if k >= head or not s.keys[k].isalpha() or s.unit_at[k] >= 0 or s.keys[k] in AUX:
        return None
    j = k + 1
    while j < head and j <= k + 3 and s.keys[j].isalpha() and s.keys[j] not in PREPOSITIONS and s.unit_at[j] < 0:
        j += 1
    if j + 1 < head and s.keys[j] in ("in", "of", "from"):
        j += 1
        while j < head and s.keys[j] in DETERMINERS:
            j += 1
        if s.unit_at[j] >= 0:
            return s.unit_at[j]
    return None


def _after_preposition(s: Sent, first: int, clause_start: int = -1) -> bool:
    """Is the unit starting at `first` the object of a preposition (skipping determiners and adjectives)?
    A clause-opening subordinator ("after Nancy Pelosi visited") is no preposition."""
    k = first - 1
    steps = 0
    while k >= 0 and steps < 4:
        w = s.keys[k]
        if k == clause_start and w in SUBORDINATORS:
            return False
        if w == "of" and k > 0 and s.keys[k - 1] in _PARTITIVE:
            return False  # "thousands of Iraqi Kurds", "a group of Moroccan diplomats"
        if w in PREPOSITIONS:
            return True
        if w in ("and", "or", ",") and k > 0 and s.unit_at[k - 1] >= 0:
            # "between Biden and Xi": the second of two joined actors shares the first's position
            return _after_preposition(s, s.units[s.unit_at[k - 1]].first, clause_start)
        if w in DETERMINERS or (w.isalpha() and w.islower() and not s.toks.caps[k] and w not in AUX
                                and w not in CONJUNCTIONS and w not in RELATIVES and w not in COMPLEMENTIZERS
                                and steps < 2 and not w.endswith(("ed", "s"))):
            k -= 1
            steps += 1
            continue
        return False
    return False


def units_between(s: Sent, a: int, b: int) -> list[int]:
    """Unit indices whose first token lies in [a, b)."""
    out = []
    seen = -1
    for k in range(max(a, 0), min(b, len(s.keys))):
        u = s.unit_at[k]
        if u >= 0 and u != seen and s.units[u].first == k:
            out.append(u)
            seen = u
    return out


def coordinated(s: Sent, u: int) -> list[int]:
    """The units joined to unit u by "and" or commas after it ("the U.S. and Japan", "A, B and C")."""
    out = [u, *s.units[u].twins]
    listed: list[int] = []  # joined by commas: members only if an "and" closes the list ("A, B and C")
    k = s.units[u].last + 1
    n = len(s.keys)
    while k + 1 < n:
        if s.keys[k] not in (",", "and", "or"):
            break
        j = k + 1
        closing = s.keys[k] in ("and", "or")
        if s.keys[k] == "," and j < n and s.keys[j] in ("and", "or"):
            j += 1
            closing = True
        if j < n and s.keys[j] == "the" and j + 1 < n and s.unit_at[j] < 0:
            j += 1  # "Japan and the United States"
        if j < n and s.unit_at[j] >= 0 and s.units[s.unit_at[j]].possessive_pronoun:
            j = s.units[s.unit_at[j]].last + 1  # "Kagame and his Rwandan Patriotic Front"
        if j < n and s.unit_at[j] >= 0 and s.units[s.unit_at[j]].first == j:
            nxt = s.unit_at[j]
            members = [nxt, *s.units[nxt].twins]
            if closing:
                out.extend(listed)
                out.extend(members)
                listed = []
            else:
                listed.extend(members)
            k = s.units[nxt].last + 1
            if closing:
                break
            continue
        break
    return out
