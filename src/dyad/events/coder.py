"""The event coder: patterns matched over a sentence's shallow analysis, slots filled from its actor
units, then status, date and the CAMEO/PLOVER facts of the code.

For one sentence:

1. Each token that is a trigger (the first word of some pattern) is tried against its patterns;
   the longest match wins, and a match whose words all lie inside a longer one is dropped ("imposed
   sanctions on" beats "sanctions on").
2. Source and target. A verb pattern's source is the subject of its clause (or the `{S}` slot, or
   the agent after "by" in the passive, where the subject becomes the target); a noun pattern's is
   its possessor or adjective ("Russia's invasion", "an Israeli strike"), else the subject of the verb
   that governs it ("Blinken held talks with …"). A subject of several actors ("the U.S. and Japan")
   gives one event per actor, or one event between them for a reciprocal act with no other target.
3. Frames. A pattern ending in `{C}` ("threaten to {C}", "urge {T} to {C}", "accuse {T} of {C}")
   governs the events in its complement. Appeals, intents, demands, rejections and threats absorb
   them and take a more specific code from them ("threatened to break relations" → 1313);
   accusations keep them, as alleged; other frames make them hypothetical.
4. Status from the verb group and the clause: negated, hypothetical, alleged, planned, else asserted;
   an asserted event dated after the publication date is planned.
5. Date: the nearest dated time expression in the event's clause, else in its sentence, else the
   publication date (precision `document`).
6. One event per happening and pair of countries in a sentence ("arrived in Shanghai, marking another
   contact between the United States and China" is one visit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dyad.actors.gazetteer import Gazetteer
from dyad.events.codes import CodeTable
from dyad.events.inflect import IRREGULAR_VERBS, verb_forms
from dyad.events.patterns import Elem, Pattern, PatternSet
from dyad.events.shallow import (
    AUX,
    BE,
    CONJUNCTIONS,
    DETERMINERS,
    HARD,
    PREPOSITIONS,
    Sent,
    common_verbs,
    coordinated,
    looks_verb,
    segment,
    subject,
)
from dyad.model import Actor, Document, Event, Evidence, Span, TimeExpr

IMPLICIT_GAP = 2       # words that may come between two elements of a pattern
COMPLEMENT_REACH = 4   # a frame's content starts within this many words of its {C}
# verbs whose object noun is their subject's own act ("held talks", "launched an attack", "paid a visit")
_LIGHT = ("hold have make pay conduct launch stage carry begin start open resume continue complete undertake mount "
          "wage take give offer extend provide sign reach conclude seal announce unveil issue lodge file deliver send "
          "order approve authorize authorise declare impose introduce expand tighten intensify escalate step plan "
          "schedule propose arrange organize organise host attend join lead finalize finalise agree accept grant "
          "allow permit deploy dispatch set go head travel return prepare seek ink renew sustain keep maintain "
          "enter engage perform execute commit initiate kick fire use detonate perpetrate")
LIGHT_VERBS = frozenset(f for lemma in _LIGHT.split() for fs in verb_forms(lemma).values() for f in fs)
EXPLICIT_GAP = 6
SLOT_GAP = 3
ABSORB = frozenset({"02", "03", "10", "12", "13"})
REACTION_ROOTS = frozenset({"11", "12", "13", "16", "17"})  # disapprove, reject, threaten, reduce relations, coerce
REASONS = frozenset({"for", "over", "about", "against"})   # "condemned X for|over …": the reason of the reaction
ALLEGE = frozenset({"11"})
INNER_STATUS = {"11": "alleged", "016": "negated", "014": "hypothetical"}
COOPERATIVE = frozenset({"04", "05", "06", "07", "08"})
NEEDS_TARGET = frozenset({"11"})
LOCATED = frozenset({"14", "15", "17", "18", "19", "20"})  # a target-less event of these is aimed at its place
DOMESTIC = frozenset({"14", "17"})  # … and without a place, at the source's own country
PERSON_NOUNS = frozenset(
    "counterpart counterparts minister ministers president premier chancellor leader leaders ambassador envoy "
    "official officials diplomat diplomats secretary general commander king prince spokesperson spokesman "
    "spokeswoman chief head".split())
PERSON_RULES = ("title", "role_first", "appositive", "person", "anonymous", "coref.surname", "coref.role",
                "role.office", "coref.pronoun")
REDESCRIBE = frozenset({"marking", "making", "becoming", "signalling", "signaling", "underscoring", "highlighting",
                        "capping", "culminating", "representing"})
HOSTILE = frozenset({"14", "15", "16", "17", "18", "19", "20"})
_WILL = frozenset({"will", "'ll", "would", "shall", "going to"})
RECIPROCAL = frozenset({"03", "04", "05", "06", "0871"})  # roots, and codes: a ceasefire is between two
DATED = frozenset({"day", "week", "month", "year"})
_CLAUSE_WORDS = frozenset({"that", "which", "who", "whom", "whether", "if", "when", "while", "as", "not", "n't",
                           "never", "also", "still", "just", "by", "without", "after", "before", "since"})
_QUOTE_MARKS = frozenset({"“", "”", '"'})
_GAP_STOP = HARD | CONJUNCTIONS | {",", "“", "”", '"', "that", "which", "who", "said", "says"}
_SLOT_SKIP_STOP = _GAP_STOP | PREPOSITIONS | AUX | {"'s", "’s", "off", "up", "out", "down", "away", "back"}
_PLACE_KINDS = ("place", "capital", "seat", "country")
_END = "\x00"

# status cues, read from the verb group before the trigger (lower-cased words joined by spaces)
_NEG = re.compile(r"(?:\w+n't\b|\bn't\b)|\b(?:not|never|no longer|neither|nor|no|fail(?:s|ed)? to|unable to|"
                  r"without|yet to|steer(?:s|ed)? clear of|stop(?:s|ped)? short of|refrain(?:s|ed)? from|"
                  r"avoid(?:s|ed)?|held off|hold(?:s)? off|rule(?:s|d)? out|instead of)\b")
_QUANTITY = re.compile(
    r"(?:(?:some|about|around|nearly|almost|roughly|approximately|over|up to|at least|more than|fewer than|"
    r"less than|as many as|an estimated|at most)\s+)?(?:\S*\d\S*|a|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|dozens|scores|hundreds|thousands|millions|tens|a few|several|many)"
    r"(?:\s+(?:of|hundred|thousand|million))*(?=\s)")
_NO = re.compile(r"\b(?:no|never)\b")  # inside a verb's match: "made no concessions"
_NOT_NEG = re.compile(r"\bnot only\b|\bno doubt\b|\bnot least\b|\bno sooner\b")
_HYP = re.compile(r"\b(?:should|could|would|might|may|must|ought|need(?:s|ed)? to|ha(?:s|ve) to|if|unless|whether|"
                  r"rather than|would-be|possible|possibly|potential|potentially|proposed|consider(?:s|ed|ing)?|"
                  r"weigh(?:s|ed|ing)?|mull(?:s|ed|ing)?|discuss(?:es|ed|ing)?|recommend(?:s|ed|ing)?|"
                  r"hope(?:s|d)? to|want(?:s|ed)? to|"
                  r"call(?:s|ed)? for|urg(?:e|es|ed|ing)|chance to|option of|options)\b")
_ALLEGED = re.compile(r"\b(?:alleged|allegedly|reportedly|purported|purportedly|suspected|(?:is|are|was|were) said to|"
                      r"(?:is|are|was|were) believed to|claimed)\b")
_PLANNED = re.compile(r"\b(?:will|'ll|shall|going to|set to|expected to|due to|plan(?:s|ned)? to|planning to|"
                      r"scheduled|slated|intend(?:s|ed)? to|aim(?:s|ed)? to|(?:is|are) to|ahead of|upcoming|"
                      r"forthcoming|next|likely|prepar(?:e|es|ed|ing) to|poised to|about to|to be held)\b")
_REPORTING = frozenset({"said", "says", "say", "announced", "announces", "told", "added", "stated", "confirmed",
                        "declared", "indicated", "signalled", "signaled", "promised", "pledged", "insisted"})
_ANAPHORIC_NEG = re.compile(
    r"\b(?:stop(?:s|ped)? short of|refrain(?:s|ed)? from|held off (?:on|from)|decided against|declined to|"
    r"rul(?:e|es|ed) out)\s+(?:taking\s+|doing\s+|making\s+)?(?:such|that|this|the|those|these|so|it)\b")


@dataclass(slots=True)
class Match:
    p: Pattern
    head: int
    end: int
    words: set[int]
    slots: dict[str, list[int]] = field(default_factory=dict)       # slot -> unit indices
    place: tuple[int, int, str, str] | None = None                  # (first, last, country, name) for {P}
    comp: int | None = None
    passive: bool = False


@dataclass(slots=True)
class Cand:
    """An event under construction."""

    m: Match
    code: str
    source: Actor | None
    target: Actor | None
    status: str
    conf: float
    clause: int
    rule: str
    source_unit: int | None = None
    target_unit: int | None = None
    reciprocal: bool = False
    inner: bool = False
    dropped: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Coder:
    def __init__(self, patterns: PatternSet, gazetteer: Gazetteer | None = None) -> None:
        self.ps = patterns
        self.codes: CodeTable = patterns.codes
        self.gaz = gazetteer
        self.country_names: dict[str, str] = dict(gazetteer.countries) if gazetteer is not None else {}
        self.triggers = patterns.triggers
        # per trigger form: patterns with no required word after the trigger, and the others by each form
        # of their sharpest required word, so a sentence is checked only against patterns it can match
        self.index: dict[str, tuple[list[Pattern], dict[str, list[Pattern]], frozenset[str]]] = {}
        for form, pats in patterns.by_form.items():
            free = [p for p in pats if not p.needs]
            by_anchor: dict[str, list[Pattern]] = {}
            for p in pats:
                if p.needs:
                    for w in p.needs[0]:
                        by_anchor.setdefault(w, []).append(p)
            self.index[form] = (free, by_anchor, frozenset(by_anchor))
        verbs: set[str] = set(common_verbs())
        reacting: set[str] = set()
        for p in patterns.patterns:
            if p.kind == "verb":
                forms = [f for f, tags in p.tags.items() if tags - {"NN"}]
                verbs.update(forms)
                if p.code[:2] in REACTION_ROOTS:
                    reacting.update(forms)
        self.verbs = frozenset(verbs)
        # verbs that react to someone's act: "condemned the U.S. for the arms sale" is not the subject's sale
        self.reacting = frozenset(reacting - LIGHT_VERBS)

    def could_match(self, words: set[str]) -> bool:
        """Can some pattern match a sentence with these (lower-case) words? Cheap set operations that
        spare the tokenising of most sentences that cannot."""
        for t in words & self.triggers:
            free, _, anchors = self.index[t]
            if free or not anchors.isdisjoint(words):
                return True
        return False

    # -- matching ----------------------------------------------------------------------------------
    def matches(self, s: Sent) -> list[Match]:
        out: list[Match] = []
        keys = s.keys
        present = set(keys)
        hits = present & self.triggers
        unit_at = s.unit_at
        index = self.index
        for h in [h for h, k in enumerate(keys) if k in hits]:
            if unit_at[h] >= 0:
                continue
            best: Match | None = None
            free, by_anchor, anchors = index[keys[h]]
            cands = list(free)
            for w in present & anchors:  # patterns whose sharpest required word is in the sentence
                cands.extend(by_anchor[w])
            for p in cands:
                missing = False
                for ws in p.needs[1:]:  # the other required words
                    if ws.isdisjoint(present):
                        missing = True
                        break
                if missing:
                    continue
                m = self._match(p, s, h)
                if m is None:
                    continue
                if best is None or _better(m, best):
                    best = m
            if best is not None:
                out.append(best)
        # a match whose words all lie inside a longer match is part of it; so is a noun event inside
        # another event's words ("boycott all official contact with the United States")
        keep = []
        for m in out:
            if any(o is not m and m.words <= o.words and len(o.words) > len(m.words) for o in out):
                continue
            if m.p.kind == "noun" and any(o is not m and o.comp is None and (
                    o.head < m.head <= o.end or (o.p.kind == "verb" and _object_of(s, o.head, m.head)))
                    for o in out):
                continue
            if any(o is not m and o.comp is None and o.head < m.head < o.end and len(o.words) > 1 for o in out):
                continue  # "promised to provide aid to Ukraine" (033): the provision is the promise's
            keep.append(m)
        return keep

    def _match(self, p: Pattern, s: Sent, h: int) -> Match | None:
        tags = p.tags.get(s.keys[h], frozenset())
        passive = p.kind == "verb" and "VBN" in tags and _be_before(s, h)
        if p.kind == "verb" and tags and tags <= {"VBN", "VBD"} and not passive and _adjectival(s, h, self.verbs):
            return None  # "an alleged strike", "the proposed talks"
        if p.kind == "verb" and tags == {"VBG"} and self._nominal_ing(s, h):
            return None  # "a foreign ministers meeting", "the bombing"
        if p.kind == "verb" and tags <= {"VBZ"} and h > 0 and (
                s.keys[h - 1] in DETERMINERS or (s.keys[h - 1] in self.verbs and s.keys[h - 1] not in AUX)):
            return None  # "said talks with India should resume", "the talks": a plural noun
        if s.keys[h] == "back" and h > 0 and s.keys[h - 1] in self.verbs:
            return None  # "hold back", "pull back": a particle, not the verb "back"
        m = Match(p, h, h, {h}, passive=passive)
        pos = h + 1
        gap = IMPLICIT_GAP
        for e in p.elems[1:]:
            if e.kind == "gap":
                gap = EXPLICIT_GAP
                continue
            if e.kind == "word":
                if m.slots and pos > 0 and s.keys[pos - 1] in e.words and s.unit_at[pos - 1] >= 0:
                    m.words.add(pos - 1)  # "released two French nationals": the actor took in the word
                    continue
                at = self._find_word(s, e, pos, 0 if e.tight else gap)
                gap = IMPLICIT_GAP
                if at is None:
                    if e.optional:
                        continue
                    return None
                m.words.add(at)
                m.end = at
                pos = at + 1
                continue
            # a slot
            loose = gap == EXPLICIT_GAP
            gap = IMPLICIT_GAP
            if e.slot == "C":
                m.comp = pos
                continue
            if passive and e.slot in ("T", "P") and "T" not in m.slots \
                    and (self._find_unit(s, pos) is None or _by_before(s, pos)):
                continue  # "X was criticized by Y": the object slot is the subject
            got = self._fill(s, e, pos, m, loose)
            if got is None:
                if e.optional:
                    continue
                return None
            pos = got + 1
            m.end = got
        return m

    @staticmethod
    def _person_like(s: Sent, u: int) -> bool:
        """A person: a person mention, or an actor adjective before a person noun ("his Chinese counterpart")."""
        unit = s.units[u]
        if unit.mention.rule.startswith(PERSON_RULES) and unit.mention.text.lower() not in ("it", "its"):
            return True
        nxt = s.keys[unit.last + 1] if unit.last + 1 < len(s.keys) else ""
        return nxt in PERSON_NOUNS

    def _light_governed(self, s: Sent, h: int) -> bool:
        """Is the noun at h the object of a light verb ("held talks", "continued their strike")?"""
        for k in range(h - 1, max(-1, h - 6), -1):
            w = s.keys[k]
            if w in LIGHT_VERBS:
                return True
            if s.unit_at[k] >= 0 or w in PREPOSITIONS or w in _CLAUSE_WORDS or not (w.isalpha() or w == "-"):
                return False
        return False

    def _governed(self, s: Sent, h: int) -> bool:
        """Is the noun at h the object of a verb that does not make it the subject's act? "held talks",
        "launched an attack" make it theirs (light verbs); "condemned the sales", "welcomed the release"
        do not."""
        k = h - 1
        listed = False
        reason = False  # a reason preposition was passed: "condemned Washington for the arms sale"
        while k >= 0 and h - k <= 16:
            w = s.keys[k]
            if reason:
                if w in self.reacting and s.unit_at[k] < 0:
                    return True
                if w in _CLAUSE_WORDS or not (w.isalpha() or w in ("'s", "-", ".")) or h - k > 10:
                    return False
                k -= 1
                continue
            if w in REASONS and not listed:
                reason = True
                k -= 1
                continue
            if w in (",", "and") and k + 1 < h:
                listed = True  # "raised Chinese support for …, the deployment of …": an item of a list
                k -= 1
                continue
            if w in self.verbs and w not in DETERMINERS and w not in AUX and s.unit_at[k] < 0:
                return w not in LIGHT_VERBS
            if not listed and (s.unit_at[k] >= 0 or w in PREPOSITIONS or w in _CLAUSE_WORDS or not w.isalpha()):
                return False
            if listed and (w in HARD or w in _CLAUSE_WORDS):
                return False
            if not listed and h - k > 4:
                return False
            k -= 1
        return False

    def _nominal_ing(self, s: Sent, h: int) -> bool:
        """Is an -ing word a noun here: after a determiner, a possessive or a noun ("ministers meeting")?"""
        if h == 0:
            return False
        prev = s.keys[h - 1]
        if prev in DETERMINERS or prev in ("'s", "’s"):
            return True
        if s.unit_at[h - 1] >= 0 or not prev.isalpha() or prev in AUX or prev in PREPOSITIONS \
                or prev in CONJUNCTIONS or prev in _CLAUSE_WORDS or prev.endswith("ly") or prev in self.verbs:
            return False
        nxt = s.keys[h + 1] if h + 1 < len(s.keys) else ""
        # "a declaration demanding that …", "protesters calling for …": a participle with its complement
        return not (nxt in ("that", "to") or nxt in DETERMINERS or nxt in PREPOSITIONS
                    or (h + 1 < len(s.keys) and s.unit_at[h + 1] >= 0))

    def _find_word(self, s: Sent, e: Elem, pos: int, gap: int) -> int | None:
        keys = s.keys
        explicit = gap > IMPLICIT_GAP
        for k in range(pos, min(len(keys), pos + gap + 1)):
            if keys[k] in e.words:
                return k
            if explicit:
                if keys[k] in HARD or keys[k] in _QUOTE_MARKS or keys[k] in ("that", "which", "who", "said", "says"):
                    return None  # "providing aerial photographs and other intelligence to": and is fine here
            elif keys[k] in _GAP_STOP or s.unit_at[k] >= 0:
                return None
        return None

    def _find_unit(self, s: Sent, pos: int, loose: bool = False, right_after: bool = False) -> int | None:
        """The actor unit at pos, after up to three determiners or adjectives (after a "..." gap, up to
        five words of any kind but punctuation and conjunctions)."""
        keys = s.keys
        k = pos
        if not loose and right_after and k + 1 < len(keys) and keys[k] in ("and", "or") \
                and looks_verb(keys[k + 1], self.verbs) and s.unit_at[k + 1] < 0:
            k += 2  # "sanctioned and banned Chinese companies": the verbs share their object
            pos = k
        q = _QUANTITY.match(" ".join(keys[k:k + 6]))
        if q is not None:  # "arrested more than 100 Palestinians", "tortured scores of refugees"
            k += len(q.group().split())
            pos = k
        while k < len(keys) and k <= pos + (EXPLICIT_GAP if loose else SLOT_GAP):
            u = s.unit_at[k]
            if u >= 0:
                unit = s.units[u]
                if unit.possessive_pronoun:  # "his Chinese counterpart": the counterpart's country
                    nxt = next((s.unit_at[j] for j in range(unit.last + 1, min(len(keys), unit.last + 3))
                                if s.unit_at[j] >= 0), None)
                    if nxt is not None:
                        return nxt
                return u
            if loose:
                if keys[k] in _GAP_STOP:
                    return None
            elif keys[k] in _SLOT_SKIP_STOP or not (keys[k] in DETERMINERS or keys[k] == "-" or keys[k].isalnum()):
                return None
            elif s.toks.caps[k] and keys[k] not in DETERMINERS and keys[k] not in _DIRECTIONS and k > 0:
                return None  # a capitalised word that is no actor ("visited Harbor Point")
            if not loose and k + 2 < len(keys) and keys[k + 1] == "of" and keys[k].isalpha() \
                    and not s.toks.caps[k] and keys[k] not in DETERMINERS and keys[k] not in self.triggers:
                # "killed the deputy chief of Israel's militia": the actor the person belongs to
                j = k + 2
                while j < len(keys) and keys[j] in DETERMINERS:
                    j += 1
                if j < len(keys) and s.unit_at[j] >= 0:
                    return s.unit_at[j]
            k += 1
        return None

    def _fill(self, s: Sent, e: Elem, pos: int, m: Match, loose: bool = False) -> int | None:
        """Fill a slot at pos; returns the last token used."""
        u = self._find_unit(s, pos, loose, right_after=pos == m.head + 1)
        if u is not None and e.kind_of == "person" and not self._person_like(s, u):
            return None
        if e.slot == "AB":
            if u is None:
                return None
            group = coordinated(s, u)
            if len(group) < 2:
                return None
            m.slots["AB"] = group
            return s.units[group[-1]].last
        if u is not None:
            group = coordinated(s, u) if e.slot in ("T", "P") else [u]
            m.slots[e.slot] = group  # "sanctions on Iran and Syria": one event for each
            end = max(s.units[g].last for g in group)
            return _conjoined_tail(s, end)
        if e.slot == "P" and self.gaz is not None:
            got = self._place(s, pos) or self._place(s, _geo_of(s, pos))
            if got is not None:
                m.place = got
                return got[1]
            after = _geo_of(s, pos)
            if after != pos and after < len(s.keys) and s.unit_at[after] >= 0:
                m.slots[e.slot] = [s.unit_at[after]]  # "in the northern city of Kirkuk"
                return s.units[s.unit_at[after]].last
        return None

    def _place(self, s: Sent, pos: int) -> tuple[int, int, str, str] | None:
        """A place name at pos (after determiners): its tokens, country and name."""
        assert self.gaz is not None
        keys = s.keys
        k = pos
        while k < len(keys) and keys[k] in DETERMINERS and k < pos + 2:
            k += 1
        if k >= len(keys) or not s.toks.caps[k]:
            return None
        node: dict[str, Any] | None = self.gaz.trie
        best: tuple[int, int, str, str] | None = None
        j = k
        while j < len(keys) and node is not None:
            node = node.get(keys[j])
            if node is None:
                break
            for entry in node.get(_END, ()):
                if entry.kind in _PLACE_KINDS and entry.country:
                    best = (k, j, entry.country, entry.name)
                    break
            j += 1
        return best

    # -- events ------------------------------------------------------------------------------------
    def code_sentence(self, doc: Document, s: Sent, times: list[TimeExpr]) -> list[Event]:
        ms = self.matches(s)
        if not ms:
            return []
        segment(s, self.verbs)  # clauses, only for sentences that have a match
        cands: list[Cand] = []
        for m in ms:
            cands.extend(self._candidates(s, m))
        self._frames(s, cands)
        self._statuses(doc, s, cands)
        self._ellipsis(cands)
        self._where(s, cands)
        self._redescriptions(s, cands)
        out: list[Event] = []
        seen: set[tuple[str, str | None, str | None, str | None]] = set()
        for c in sorted((c for c in cands if not c.dropped), key=lambda c: c.m.head):
            if c.extra.get("ownerless") or (not _coded(c.source) and not _coded(c.target)):
                continue
            if c.target is None and c.code[:2] in NEEDS_TARGET:
                continue  # a criticism of no one is no dyadic event
            if c.source is not None and c.target is not None and (
                    (c.source.name == c.target.name and c.source.code == c.target.code)
                    or (c.source.code and c.source.code == c.target.code and len(c.source.code) > 3)):
                continue  # an actor acting on itself ("USAGOV → USAGOV") is a misreading
            if c.code[:2] == "01" and not _coded(c.source):
                continue  # a statement needs someone who made it
            e = self._event(doc, s, c, times)
            # one happening, one event: the same kind of act between the same actors on the same date
            key = (e.root, _who(e.source), _country(e.target) or _who(e.target), e.date)
            swapped = (e.root, _who(e.target), _country(e.source) or _who(e.source), e.date)
            if key in seen or (c.reciprocal and swapped in seen):
                continue  # "heading to Beijing for talks with Wang Yi": one trip
            seen.add(key)
            out.append(e)
        return out

    def _redescriptions(self, s: Sent, cands: list[Cand]) -> None:
        """"arrived in Shanghai, marking another contact between the United States and China": an event
        in a "marking …" clause of the same root as one before it describes that one again."""
        for c in cands:
            cl = s.clauses[c.clause]
            if c.dropped or cl.kind != "participle" or cl.marker not in REDESCRIBE:
                continue
            if any(o is not c and not o.dropped and o.code[:2] == c.code[:2] and o.m.head < cl.first for o in cands):
                c.dropped = True

    def _candidates(self, s: Sent, m: Match) -> list[Cand]:
        p = m.p
        clause = s.clause_of[m.head]
        root = p.code[:2]
        sources: list[int] = []
        target_units: list[int] = []
        source_actor: Actor | None = None  # a named source with no unit (and no code)
        target_actor: Actor | None = None
        conf = 0.8
        if "AB" in m.slots:
            ab = m.slots["AB"]
            sources, target_units = [ab[0]], [ab[1]]
        if "S" in m.slots:
            sources = m.slots["S"]
        for slot in ("T", "P"):
            if slot in m.slots:
                target_units = m.slots[slot]
        if m.passive and target_units and s.keys[s.units[target_units[0]].first - 1] == "by":
            # "was criticized by Beijing": Beijing is the agent, the subject the target
            sources = target_units
            subj = subject(s, m.head)
            target_units = [subj] if subj is not None and subj not in sources else []
        if p.kind == "noun" and not sources:
            by = _agent(s, m.end + 1)
            if by is not None and by not in target_units:
                sources = [by]  # "a visit to Taiwan by the speaker of the House"
            else:
                forces = _forces_of(s, m)
                if forces is not None and forces not in target_units:
                    sources = [forces]  # "the deployment of NATO peacekeeping troops": NATO's
        if m.place is not None and not target_units:
            _, _, country, name = m.place
            target_actor = Actor(name, country)
        unknown_owner = False
        if not sources:
            if p.kind == "noun":
                u = _possessor(s, m.head, self.verbs)
                if u == UNKNOWN:
                    # "continued their hunger strike", "mounted its invasion": a light verb's subject owns it
                    unknown_owner = not self._light_governed(s, m.head)
                elif u is not None:
                    sources = [u]
                    conf = 0.75
            if p.kind == "noun" and not sources and self._governed(s, m.head):
                unknown_owner = True  # "China condemned the arms sales to Taiwan": not China's sales
            if not sources and not unknown_owner:
                if m.passive:
                    by = _agent(s, m.end + 1)
                    subj = subject(s, m.head)
                    if subj is not None and not target_units and target_actor is None:
                        target_units = [subj]
                    if by is not None:
                        sources = [by]
                    elif root in ("09", "17"):
                        # "was arrested in Lebanon", "was put under investigation in Italy": by that state
                        place = _location(s, m.end + 1)
                        if place is not None and place[1] is not None and place[1] not in target_units:
                            source_actor = Actor(place[0].name, f"{_country(place[0])}GOV")
                            conf -= 0.2
                else:
                    subj = subject(s, m.head)
                    if subj is not None:
                        sources = coordinated(s, subj)
                        if s.clause_of[s.units[subj].first] != clause:
                            conf -= 0.1
                    else:
                        named = _unnamed_subject(s, s.clauses[clause].first, m.head, self.verbs)
                        if named is not None:
                            source_actor = named  # "The rebel Kurdistan Workers' Party issued …": named, not coded
                            conf -= 0.2
                        elif not _incident_subject(s, s.clauses[clause].first, m.head):
                            return []  # "They sell all their oil …", "these allies lead in …": no actor
                        # "A roadside bombing … killed one U.S. soldier": an attack by someone unnamed
        reciprocal = root in RECIPROCAL or p.code in RECIPROCAL
        if len(sources) > 1 and not target_units and target_actor is None and reciprocal:
            sources, target_units = [sources[0]], sources[1:]  # "Japan, India and Australia held talks"
        if not target_units and target_actor is None and not m.passive and m.comp is None:
            # no slot gave a target: the first actor after the trigger in its clause
            # ("raise human rights concerns, including China's treatment of …")
            own = {c for c in (_country(s.units[u].mention.actor) for u in sources) if c is not None}
            later = _next_unit(s, m.end + 1, set(sources), own)
            if later is not None:
                target_units = [later]
                conf -= 0.15
        # an unresolved pronoun ("They sell all their oil …") is no source; a noun event with no owner
        # and no subject ("dialogues with China are stalled") has no source to speak of
        sources = [u for u in sources if not (s.units[u].pronoun and not s.units[u].mention.actor.code)]
        ownerless = p.kind == "noun" and not sources  # kept only as the content of a frame
        out = []
        tgt_units: list[int | None] = list(target_units) or [None]
        src_units: list[int | None] = list(sources) or [None]
        for su in src_units:
            for tu in tgt_units:
                src = s.units[su].mention.actor if su is not None else source_actor
                tgt = s.units[tu].mention.actor if tu is not None else target_actor
                if su is not None and tu is not None and su == tu:
                    continue
                out.append(Cand(m, p.code, src, tgt, "asserted", conf, clause, p.id, su, tu,
                                reciprocal and ("AB" in m.slots or len(target_units) > 0)))
                if ownerless:
                    out[-1].extra["ownerless"] = True
        return out

    def _frames(self, s: Sent, cands: list[Cand]) -> None:
        """Frames absorb, allege or hedge the events in their complement."""
        for f in [c for c in cands if c.m.comp is not None]:
            if f.dropped:
                continue
            a = f.m.comp
            assert a is not None
            b = _complement_end(s, a)
            # the content begins the complement: "agreed to hold talks", not "agreed to [it] during a meeting"
            b = min(b, a + COMPLEMENT_REACH)
            inner = [c for c in cands if c is not f and not c.dropped and a <= c.m.head <= b and c.m.head > f.m.head
                     and "," not in s.keys[a:c.m.head]]
            root = f.code[:2]
            if not inner:
                if root not in ABSORB and root not in ALLEGE:
                    f.dropped = True  # "considered …", "denied that …" are events only about an event
                elif f.target is None:
                    # "agreed to an extension of the mandate of the force in Lebanon"
                    own = {c for c in (_country(f.source),) if c is not None}
                    u = _next_unit(s, a, {f.source_unit} if f.source_unit is not None else set(), own, places=True)
                    if u is not None:
                        f.target, f.target_unit = s.units[u].mention.actor, u
                        f.conf -= 0.15
                continue
            first = min(inner, key=lambda c: c.m.head)
            if root in ABSORB:
                self._absorb(f, first)
                for c in inner:
                    c.dropped = True
                continue
            for c in inner:
                c.extra["frame"] = INNER_STATUS.get(f.code, INNER_STATUS.get(root, "hypothetical"))
                if root in ALLEGE and f.target is not None and (c.source_unit is None
                                                                 or c.source_unit == f.source_unit):
                    # "accused Iran of supplying drones to Russia": Iran is said to supply them
                    c.source, c.source_unit = f.target, f.target_unit
            if f.target is None:
                # "accused China of sending weapons": the accused is the doer of the content
                t = first.source if root in ALLEGE else first.target
                tu = first.source_unit if root in ALLEGE else first.target_unit
                if t is not None and tu != f.source_unit:
                    f.target, f.target_unit = t, tu

    def _absorb(self, f: Cand, inner: Cand) -> None:
        """A frame takes its content: a more specific code, and a target if it has none."""
        root = f.code[:2]
        takes_target = False
        if f.code in (root, root + "0"):
            got = self.ps.refined(f.code, inner.code)
            if got:
                f.code, takes_target = got
        if takes_target and inner.target is not None:
            f.target, f.target_unit = inner.target, inner.target_unit
        elif f.target is None:
            # who is asked, promised or threatened: the content's doer when that is someone else
            # ("demanded the withdrawal of Russian troops": Russia), else the content's target
            if inner.source is not None and inner.source_unit != f.source_unit and not _same(inner.source, f.source):
                f.target, f.target_unit = inner.source, inner.source_unit
            elif inner.target is not None and inner.target_unit != f.source_unit:
                f.target, f.target_unit = inner.target, inner.target_unit

    def _statuses(self, doc: Document, s: Sent, cands: list[Cand]) -> None:
        question = s.text.rstrip().rstrip("”\"’'").endswith("?")
        quoted = _quoted_spans(s.text)
        reported = any(k in _REPORTING for k in s.keys)
        for c in cands:
            c.status = self._status(s, c, question)
            in_quote = any(a <= s.toks.starts[c.m.head] < b for a, b in quoted)
            if question or s.clauses[c.clause].kind == "conditional":
                c.dropped = True  # a question asks and a condition supposes: neither reports an act
            elif c.status == "hypothetical" and not (in_quote or reported or c.extra.get("frame")):
                c.dropped = True  # the writer's own "should", "could": an opinion, not an event
        # "… discussed imposing sanctions … but stopped short of taking such action"
        for m in _ANAPHORIC_NEG.finditer(s.text.lower()):
            tok = _token_at(s, m.start())
            before = [c for c in cands if c.m.head < tok and not c.dropped]
            if before:
                before[-1].status = "negated"
        # "X said it will withdraw its peacekeepers": announcing a future act is an intent (03) to
        # cooperate or a threat (13) to harm, which happened when it was said
        if any(k in _REPORTING for k in s.keys):
            for c in cands:
                if c.dropped or c.status != "planned" or c.m.p.kind != "verb" or c.extra.get("cue") not in _WILL \
                        or not _coded(c.source):
                    continue
                family = "030" if c.code[:2] in COOPERATIVE else "130" if c.code[:2] in HOSTILE else None
                if family is None:
                    continue
                got = self.ps.refined(family, c.code)
                c.code = got[0] if got else family
                c.status = "asserted"
                c.rule += "+announced"

    def _status(self, s: Sent, c: Cand, question: bool) -> str:
        keys = s.keys
        h = c.m.head
        cl = s.clauses[c.clause]
        start = cl.first
        if c.source_unit is not None and s.clause_of[s.units[c.source_unit].first] == c.clause \
                and s.units[c.source_unit].last < h:
            start = s.units[c.source_unit].last + 1
        if c.m.p.kind == "noun" and c.source_unit is not None and start > s.units[c.source_unit].first:
            # "an alleged Israeli strike": the words before the owner belong to the noun phrase too
            start = max(cl.first, s.units[c.source_unit].first - 3)
        window = " ".join(keys[start:h])
        if cl.kind == "coordinate" and cl.parent >= 0 and cl.first + 1 < len(keys) \
                and looks_verb(keys[cl.first + 1], self.verbs):
            # "will convey those concerns and express …": the second verb shares the first's auxiliaries
            par = s.clauses[cl.parent]
            window = " ".join(keys[par.first:par.last + 1]) + " " + window
        frame = c.extra.get("frame")
        if frame in ("hypothetical", "negated"):
            return str(frame)
        inside = " ".join(keys[k] for k in range(h + 1, c.m.end + 1) if k not in c.m.words) \
            if c.m.p.kind == "verb" else ""  # "made no concessions" (but not "had no comment", a pattern's own)
        neg = (bool(_NEG.search(window)) and not _NOT_NEG.search(window)) or bool(_NO.search(inside))
        cues = [m.group() for m in _HYP.finditer(window)]
        hyp = cues[0] if cues else None
        if cues and set(cues) == {"would"} and _reported(s, c.clause) and not _would_be(window):
            hyp = None  # "said it would withdraw": a future reported, not a supposition
            window += " will"
        elif cues and hyp == "would":
            hyp = next((x for x in cues if x != "would"), hyp)
        if hyp and neg and hyp not in ("could", "would", "should", "might", "may", "must"):
            return "negated"
        if hyp:
            return "hypothetical"
        if neg:
            return "negated"
        if cl.kind == "conditional" or question:
            return "hypothetical"
        if _imperative(s, c):
            return "hypothetical"
        if frame == "alleged" or _ALLEGED.search(window):
            return "alleged"
        planned = _PLANNED.search(window)
        if planned:
            c.extra["cue"] = planned.group()
            return "planned"
        if cl.kind == "temporal" and cl.marker in ("when", "once", "as", "after", "before", "until") \
                and _present(s, cl.first, h) and _main_future(s, c.clause):
            return "planned"  # "When Blinken sets off on his trip, he will …"
        return "asserted"

    def _where(self, s: Sent, cands: list[Cand]) -> None:
        """Protests, coercion and violence with no target: the place they happen, else (protest and coercion)
        the source's own country ("Algerian landowners began a hunger strike" → DZA → DZA)."""
        for c in cands:
            if c.target is not None or c.dropped or c.code[:2] not in LOCATED:
                continue
            place = _location(s, c.m.end + 1)
            if place is not None:
                c.target, c.target_unit = place
                c.conf -= 0.1
            elif c.code[:2] in DOMESTIC and _country(c.source):
                # protesters aim at their government; a government coerces its people
                country = _country(c.source)
                assert country is not None
                sector, who = ("GOV", "government") if c.code[:2] == "14" else ("CVL", "people")
                if c.source is not None and c.source.code != country + sector:
                    c.target = Actor(f"{self.country_names.get(country, country)} {who}", country + sector)
                    c.conf -= 0.2

    def _ellipsis(self, cands: list[Cand]) -> None:
        """An event with no target takes the target of an event of the same root in its sentence
        ("has steered clear of providing arms …, [firms] are sending technology that aids Russia")."""
        for c in cands:
            if c.target is not None or c.dropped:
                continue
            for o in cands:
                if o is c or o.dropped or o.target is None or o.code[:2] != c.code[:2]:
                    continue
                if _country(o.target) == _country(c.source):
                    continue
                c.target, c.target_unit = o.target, o.target_unit
                c.conf -= 0.1
                break

    def _event(self, doc: Document, s: Sent, c: Cand, times: list[TimeExpr]) -> Event:
        info = self.codes.get(c.code)
        date, precision = _date(doc, s, c, times)
        if c.status == "asserted" and date and precision in ("day", "week", "month", "year") and doc.published \
                and _after(date, doc.published):
            c.status = "planned"
        a, b = s.span(c.m.head, c.m.head)
        return Event(
            sentence=s.index, source=c.source, target=c.target, cameo=c.code, root=c.code[:2],
            plover=info.plover if info else None, plover_mode=info.plover_mode if info else None,
            goldstein=self.codes.goldstein(c.code), quad_class=info.quad_class if info else None,
            status=c.status,  # type: ignore[arg-type]
            date=date, date_precision=precision,
            evidence=Evidence(Span(a, b, doc.text[a:b]), c.rule, round(max(0.1, min(1.0, c.conf)), 3)))


# -- helpers ---------------------------------------------------------------------------------------

def _better(m: Match, best: Match) -> bool:
    """More words matched, then more slots filled, then a frame (its content is coded too), then sharper words
    (fewer alternatives), then shorter."""
    a = (len(m.words), len(m.slots) + (m.place is not None), m.comp is not None, m.p.sharpness,
         -(m.end - m.head))
    b = (len(best.words), len(best.slots) + (best.place is not None), best.comp is not None, best.p.sharpness,
         -(best.end - best.head))
    return a > b


def _coded(a: Actor | None) -> bool:
    return a is not None and bool(a.code)


def _same(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and a.name == b.name and a.code == b.code


_QUOTE_SPAN = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of a sentence inside quotation marks (a quotation may run to the sentence's end)."""
    return [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]


def _who(a: Actor | None) -> str | None:
    return None if a is None else f"{a.name}|{a.code}"


def _country(a: Actor | None) -> str | None:
    if a is None or not a.code:
        return None
    return a.code[:3]


def _be_before(s: Sent, h: int) -> bool:
    """Is the participle at h passive: a form of "be" (or "get") before it, adverbs allowed between?"""
    k = h - 1
    steps = 0
    while k >= 0 and steps < 3:
        w = s.keys[k]
        if w in BE:
            return True
        if w.endswith("ly") or w in ("not", "n't", "never", "also", "reportedly", "allegedly", "already", "just",
                                     "been", "recently", "repeatedly", "since", "then", "later", "once"):
            k -= 1
            steps += 1
            continue
        return False
    return False


def _adjectival(s: Sent, h: int, verbs: frozenset[str] = frozenset()) -> bool:
    """A bare participle after a determiner, in a compound or right after a verb is an adjective ("the
    proposed plan", "its long-threatened invasion", "pardoned jailed journalists")."""
    if h == 0:
        return False
    prev = s.keys[h - 1]
    return prev in DETERMINERS or prev == "-" or prev in PREPOSITIONS or (
        prev in verbs and prev not in AUX and s.unit_at[h - 1] < 0 and prev.endswith("ed"))


def _by_before(s: Sent, pos: int) -> bool:
    k = pos
    while k < len(s.keys) and k < pos + 2:
        if s.keys[k] == "by":
            return True
        k += 1
    return False


def _agent(s: Sent, pos: int) -> int | None:
    """The unit after "by" that follows a passive verb ("criticized by Beijing")."""
    for k in range(pos, min(len(s.keys), pos + 5)):
        if s.keys[k] == "by":
            for j in range(k + 1, min(len(s.keys), k + 4)):
                if s.unit_at[j] >= 0:
                    return s.unit_at[j]
            return None
        if s.keys[k] in HARD or s.keys[k] == ",":
            return None
    return None


UNKNOWN = -1
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})


def _possessor(s: Sent, h: int, verbs: frozenset[str] | None = None) -> int | None:
    """The possessor or adjective actor of a noun trigger: "Russia's invasion", "an Israeli strike",
    "his trip" (determiners and adjectives may come between)."""
    k = h - 1
    steps = 0
    while k >= 0 and steps < 4:
        u = s.unit_at[k]
        if u >= 0:
            return u
        w = s.keys[k]
        if w in ("'s", "’s", "'"):
            k -= 1
            continue
        if w in _POSSESSIVES:
            # "its resumption of missile tests": the nearest actor before it, if it is a thing
            # ("North Korea's doctrine and its resumption"), else unknown
            if w in ("its", "their"):
                for j in range(k - 1, -1, -1):
                    u = s.unit_at[j]
                    if u >= 0:
                        unit = s.units[u]
                        if unit.mention.actor.code and not unit.mention.rule.startswith(PERSON_RULES[:5]):
                            return u
                        break
            return UNKNOWN
        compound = k > 0 and s.keys[k - 1] == "-"  # "long-threatened": an adjective, whatever its last part
        if w in DETERMINERS or w == "-" or (w.isalpha() and not s.toks.caps[k] and w not in PREPOSITIONS
                                             and w not in AUX and w not in CONJUNCTIONS and w not in _GAP_STOP
                                             and (compound or not (verbs is not None and w in verbs))):
            k -= 1
            steps += 1
            continue
        return None
    return None


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                         "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"})
_PERSONAL = frozenset({"he", "she", "they", "it", "we", "i", "you"})


INCIDENTS = frozenset(
    "attack attacks bombing bombings blast blasts explosion explosions bomb bombs strike strikes airstrike "
    "airstrikes raid raids ambush shelling rocket rockets missile missiles mortar mortars grenade shooting "
    "gunfire gunmen fire clashes clash fighting landmine mine minefield drone drones assault offensive".split())


def _incident_subject(s: Sent, a: int, h: int) -> bool:
    """Is the verb's subject an attack or incident ("A roadside bombing killed …")?"""
    return any(w in INCIDENTS for w in s.keys[a:h])


def _common_word(w: str, verbs: frozenset[str]) -> bool:
    """A capitalised first word that is an ordinary English word ("Rather", "Meanwhile", "Under") is no name."""
    return (w in _OPENERS or w in PREPOSITIONS or w in CONJUNCTIONS or w in AUX or w in verbs or w.endswith("ly")
            or w in SUBORDINATE_WORDS)


def _unnamed_subject(s: Sent, a: int, h: int, self_verbs: frozenset[str] = frozenset()) -> Actor | None:
    """A capitalised name before the verb that the actor stage could not code ("The rebel Kurdistan
    Workers' Party", "Ethopia"): an actor with a name and no code."""
    k = a
    while k < h:
        if s.keys[k] in _PERSONAL:
            return None
        if s.toks.caps[k] and s.keys[k].isalpha() and s.keys[k] not in DETERMINERS and s.unit_at[k] < 0 \
                and not (k == 0 and _common_word(s.keys[k], self_verbs)):
            j = k
            while j + 1 < h and (s.toks.caps[j + 1] or s.keys[j + 1] in ("'s", "’s", "-", "of", "'")) \
                    and s.unit_at[j + 1] < 0:
                j += 1
            while j > k and not s.toks.caps[j]:
                j -= 1
            return Actor(s.text[s.toks.starts[k]:s.toks.ends[j]], None, None)
        if s.keys[k] in AUX or (s.keys[k] in PREPOSITIONS and k > a):
            return None
        k += 1
    return None


SUBORDINATE_WORDS = frozenset({"rather", "instead", "despite", "although", "though", "while", "if", "unless",
                               "because", "since", "once", "whether", "following", "amid", "meanwhile", "however",
                               "nevertheless", "still", "yet", "so", "thus", "hence", "moreover", "furthermore",
                               "indeed", "further", "separately", "elsewhere", "overall"})
_OPENERS = frozenset({"in", "on", "at", "after", "before", "since", "as", "when", "while", "but", "and", "yet",
                      "however", "meanwhile", "also", "earlier", "later", "then", "still", "today", "yesterday"})


FORCES = frozenset("troops soldiers forces force peacekeepers peacekeeping warships warplanes jets navy army "
                   "marines units contingent battalion brigade fighters militiamen police".split())


def _forces_of(s: Sent, m: Match) -> int | None:
    """In "deployment|withdrawal|arrival of X troops", the actor X whose forces move."""
    for k in range(m.head + 1, min(m.end, m.head + 6)):
        if s.keys[k] == "of":
            j = k + 1
            while j < len(s.keys) and s.keys[j] in DETERMINERS:
                j += 1
            u = s.unit_at[j] if j < len(s.keys) else -1
            if u >= 0:
                nxt = s.units[u].last + 1
                if nxt < len(s.keys) and (s.keys[nxt] in FORCES or s.units[u].mention.text.split()[-1].lower()
                                          in FORCES):
                    return u
            return None
    return None


def _pronoun_before(s: Sent, h: int) -> bool:
    """Is the verb at h led by a personal pronoun that names no actor ("They sell …", "we see …")?"""
    k = h - 1
    while k >= 0 and (s.keys[k] in AUX or s.keys[k].endswith("ly") or s.keys[k] in ("not", "n't", "also")):
        k -= 1
    return k >= 0 and s.keys[k] in _PERSONAL and s.unit_at[k] < 0


def _object_of(s: Sent, verb: int, noun: int) -> bool:
    """Is the noun at `noun` the object of the verb at `verb`: after it, with only determiners and
    plain modifiers between ("boycott all official contact")?"""
    if not 0 < noun - verb <= 4:
        return False
    for k in range(verb + 1, noun):
        w = s.keys[k]
        if s.unit_at[k] >= 0 or not w.isalpha() or w in PREPOSITIONS or w in _CLAUSE_WORDS or w in AUX:
            return False
    return True


def _conjoined_tail(s: Sent, end: int) -> int:
    """"the US and other developed nations must …": a slot's actor may be joined to a plain noun phrase;
    the pattern goes on after it."""
    k = end + 1
    if k + 1 < len(s.keys) and s.keys[k] in ("and", "or"):
        j = k + 1
        while j < len(s.keys) and j <= k + 6 and s.keys[j].isalpha() and s.keys[j] not in AUX \
                and s.keys[j] not in _CLAUSE_WORDS:
            j += 1
        if j > k + 1 and (j >= len(s.keys) or s.keys[j] in AUX):
            return j - 1  # "the Sudanese government and the rebels in Darfur must …"
    return end


_NOT_TARGET = frozenset({"by", "in", "at", "from", "near", "inside", "outside", "across", "throughout"})


GEO_NOUNS = frozenset("city town village region province capital state district island islands port area "
                      "enclave territory republic county municipality suburb outskirts border coast".split())


def _geo_of(s: Sent, pos: int) -> int:
    """After "the northern city of", "the town of": the position of the place's name (else pos)."""
    k = pos
    while k < len(s.keys) and k < pos + 4 and (s.keys[k] in DETERMINERS or s.keys[k] in _DIRECTIONS
                                                or (s.keys[k].isalpha() and not s.toks.caps[k]
                                                    and s.keys[k] not in GEO_NOUNS and s.keys[k] not in PREPOSITIONS)):
        k += 1
    if k + 1 < len(s.keys) and s.keys[k] in GEO_NOUNS and s.keys[k + 1] == "of":
        return k + 2
    return pos


def _location(s: Sent, pos: int) -> tuple[Actor, int | None] | None:
    """The first place after pos in its clause: an actor unit after "in", "at", "near" … ("in southeastern
    Turkey"), as its country."""
    if pos >= len(s.keys):
        return None
    end = s.clauses[s.clause_of[pos]].last if s.clauses else len(s.keys) - 1
    for k in range(pos, end + 1):
        u = s.unit_at[k]
        if u < 0 or s.units[u].first != k:
            continue
        j = k - 1
        while j >= pos and (s.keys[j] in DETERMINERS or s.keys[j] in _DIRECTIONS or s.keys[j] == "-"):
            j -= 1
        if j >= 0 and s.keys[j] in _LOCATIVE:
            actor = s.units[u].mention.actor
            country = _country(actor)
            if country is not None:
                return Actor(actor.name, country), u
    return None


_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into"})


def _next_unit(s: Sent, pos: int, exclude: set[int], countries: set[str], places: bool = False) -> int | None:
    """The first actor unit from pos to the end of pos's clause: not one of `exclude`, not of one of
    `countries` (the source's own), not after "by"."""
    if pos >= len(s.keys):
        return None
    end = s.clauses[s.clause_of[pos]].last
    for k in range(pos, end + 1):
        u = s.unit_at[k]
        if u >= 0 and u not in exclude and s.units[u].first == k \
                and (s.keys[k - 1] not in _NOT_TARGET or (places and s.keys[k - 1] != "by")) \
                and not s.units[u].possessive_pronoun and _country(s.units[u].mention.actor) not in countries:
            return u
    return None


def _complement_end(s: Sent, a: int) -> int:
    """The last token of a complement that starts at token a: the end of its clause, and of the
    complement clauses ("that …") that continue it."""
    if a >= len(s.keys):
        return a
    ci = s.clause_of[a]
    end = s.clauses[ci].last
    while ci + 1 < len(s.clauses) and s.clauses[ci + 1].kind in ("complement",) and s.clauses[ci + 1].first == end + 1:
        ci += 1
        end = s.clauses[ci].last
    return end


def _would_be(window: str) -> bool:
    """"It would be self-deluding to …": a "would" before a copula is a modal, not a reported future."""
    return re.search(r"\bwould\s+(?:not\s+|n't\s+)?(?:be|have\s+been|seem)\b(?!\s+\w+ing\b)", window) is not None


def _reported(s: Sent, clause: int) -> bool:
    """Is the clause what someone said ("X said it would …", "… would …, X said")? A reporting verb
    anywhere in the sentence outside the clause."""
    c = s.clauses[clause]
    return any(w in _REPORTING for k, w in enumerate(s.keys) if not c.first <= k <= c.last) or any(
        w in _REPORTING for w in s.keys[c.first:c.last + 1][:6])


def _imperative(s: Sent, c: Cand) -> bool:
    """A sentence that opens with the trigger verb in its base form ("Give China a chance …")."""
    h = c.m.head
    if c.m.p.kind != "verb" or c.source_unit is not None:
        return False
    first = 0
    while first < h and (s.keys[first] in (",", "“", '"') or s.keys[first].endswith("ly")):
        first += 1
    return first == h and "VB" in c.m.p.tags.get(s.keys[h], frozenset())


def _main_future(s: Sent, clause: int) -> bool:
    """Does the clause this one hangs from (or any main clause) speak of the future ("…, he will …")?"""
    for ci, cl in enumerate(s.clauses):
        if ci == clause or cl.kind not in ("main", "resumed", "coordinate"):
            continue
        words = s.keys[cl.first:cl.last + 1]
        if any(w in ("will", "'ll", "shall") for w in words) or " ".join(words).find("going to") >= 0:
            return True
    return False


_PAST = frozenset({"was", "were", "had", "did", "been"}) | frozenset(
    f for lemma, (past, part) in IRREGULAR_VERBS.items() for f in f"{past} {part}".split() if f != lemma)


def _present(s: Sent, a: int, b: int) -> bool:
    """Are the words a..b free of past-tense verbs (so a "when" clause speaks of now or the future)?"""
    return not any(w in _PAST or (len(w) > 4 and w.endswith("ed")) for w in s.keys[a:b])


def _token_at(s: Sent, char: int) -> int:
    for k, st in enumerate(s.toks.starts):
        if st >= char:
            return k
    return len(s.keys)


def _date(doc: Document, s: Sent, c: Cand, times: list[TimeExpr]) -> tuple[str | None, str]:
    """The event's date: a dated time expression in its clause, else in its sentence, else the
    publication date."""
    dated = [t for t in times if t.value and t.precision in DATED]
    if dated:
        cl = s.clauses[c.clause]
        lo, hi = s.span(cl.first, cl.last)
        head_at = s.offset + s.toks.starts[c.m.head]
        inside = [t for t in dated if lo <= t.start < hi]
        pool = inside or dated
        best = min(pool, key=lambda t: abs(t.start - head_at))
        return best.value, best.precision or "day"
    if doc.published:
        return doc.published, "document"
    return None, "none"


def _after(value: str, published: str) -> bool:
    """Does a date (day, ISO week, month or year) begin after the publication date (at the coarser of the
    two precisions: "2024-06" is after "2024-05-10", "2024-05" is not)?"""
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        import datetime as dt
        y, w = int(value[:4]), int(value[6:])
        try:
            d = dt.date.fromisocalendar(y, w, 1)
        except ValueError:
            return False
        value = d.isoformat()
    n = min(len(value), len(published))
    return value[:n] > published[:n]
