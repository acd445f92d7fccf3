"""Stance: the positions each side takes on each issue, with evidence.

An event gives its source a position on each of the event's issues, with the polarity of its
Goldstein weight (cooperative above 0, conflictual below). A quotation gives its speaker a position
on each of its issues, with the tone of its words, read with the diplomatic-tone lexicon
(data/tone.yaml): "constructive" is warm, "provocative" and "bullying" hostile. A negation just
before a tone word ("not constructive") flips it.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError
from dyad.issues.taxonomy import PhraseSet, read_issue_file
from dyad.model import Document, Position

_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# a negation right before the tone word, or before a few words that keep it in scope: "not constructive",
# "was not at all constructive", "not a very productive", "never be helpful"; not "will not tolerate provocation"
_SCOPE = (r"(?:(?:very|so|too|at|all|particularly|especially|entirely|exactly|really|quite|a|an|the|be|been|being)"
          r"\W+){0,3}")
_NEGATION = re.compile(
    rf"\b(?:not|no|never|hardly|nor|neither|without|far from)\W+{_SCOPE}\Z|n['’]t\W+{_SCOPE}\Z", re.IGNORECASE)
WARM, HOSTILE = 0.15, -0.15
COOPERATIVE, CONFLICTUAL = 0.05, -0.05


@dataclass(frozen=True, slots=True)
class Tone:
    value: float                 # in [-1, 1]
    words: tuple[str, ...]       # the words found, "not constructive" for a negated one


class ToneLexicon:
    def __init__(self, entries: dict[str, float]) -> None:
        self.entries = dict(entries)
        self.phrases = PhraseSet(((w, w, v) for w, v in self.entries.items()), "tone word")

    def __len__(self) -> int:
        return len(self.entries)

    def tone(self, text: str, start: int = 0, end: int | None = None) -> Tone:
        """The tone of text[start:end]: the sum of its tone words, clipped to [-1, 1]."""
        total, words = 0.0, []
        for h in self.phrases.hits(text, start, end):
            v, w = h.weight, text[h.start:h.end]
            if _NEGATION.search(text[max(start, h.start - 48):h.start]):
                v, w = -v, "not " + w
            total += v
            words.append(w)
        return Tone(max(-1.0, min(1.0, round(total, 3))), tuple(words))


def _tone_rows(data: Any, where: str) -> dict[str, float]:
    rows = data.get("tone") if isinstance(data, dict) else None
    if rows is None:
        return {}
    if not isinstance(rows, dict):
        raise ConfigError(f"{where}: expected `tone:` mapping words to values in [-1, 1]")
    out: dict[str, float] = {}
    for w, v in rows.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not -1.0 <= v <= 1.0:
            raise ConfigError(f"{where}: tone of {w!r} must be a number in [-1, 1], not {v!r}")
        out[str(w)] = float(v)
    return out


@lru_cache(maxsize=8)
def load_tone(extra: Sequence[Path] = ()) -> ToneLexicon:
    """The shipped tone lexicon, then the `tone:` entries of the user's issue files (later files win)."""
    res = resources.files("dyad.issues") / "data" / "tone.yaml"
    entries = _tone_rows(yaml.load(res.read_text(encoding="utf-8"), Loader=_YAML), "tone.yaml")
    for p in extra:
        entries.update(_tone_rows(read_issue_file(Path(p)), str(p)))
    return ToneLexicon(entries)


# sectors that speak for no side: academics, media, NGOs, business, civilians, former officials
NON_STATE = frozenset({"EDU", "MED", "NGO", "BUS", "CVL", "ELI"})


def side(code: str | None, countries: Container[str]) -> str | None:
    """The side an actor code stands for: its country (USAGOV -> USA), or the code itself (NATO); None
    for an actor who speaks for no side (a professor, a newspaper, a company: USAEDU, CHNMED, USABUS)."""
    if code and code[:3] in countries and code[3:6] in NON_STATE:
        return None
    return country_of(code, countries)


def country_of(code: str | None, countries: Container[str]) -> str | None:
    """The country of an actor code (CHNCVL -> CHN), or the code itself when it has none (NATO)."""
    if not code:
        return None
    return code[:3] if code[:3] in countries else code


def positions(doc: Document, quote_issues: Sequence[tuple[str, ...]], event_issues: Sequence[tuple[str, ...]],
              lexicon: ToneLexicon, countries: set[str] | frozenset[str]) -> list[Position]:
    """The positions of the document: one per (event or quote, issue) with a known actor."""
    out: list[Position] = []
    for k, e in enumerate(doc.events):
        actor = side(e.source.code if e.source else None, countries)
        if actor is None or not event_issues[k]:
            continue
        other = country_of(e.target.code if e.target else None, countries)
        value = round((e.goldstein or 0.0) / 10.0, 3)
        label = "cooperative" if value > COOPERATIVE else "conflictual" if value < CONFLICTUAL else "neutral"
        for issue in event_issues[k]:
            out.append(Position(actor, issue, "event", k, e.sentence, other if other != actor else None, value,
                                label, e.status, e.cameo))
    if doc.quotes:
        by_sentence: dict[int, list[str]] = {}
        for m in doc.mentions:
            c = country_of(m.actor.code, countries)
            if c:
                by_sentence.setdefault(m.sentence, []).append(c)
    for k, q in enumerate(doc.quotes):
        actor = side(q.speaker.code if q.speaker else None, countries)
        if actor is None or not quote_issues[k]:
            continue
        t = lexicon.tone(doc.text, q.start, q.end)
        label = "warm" if t.value > WARM else "hostile" if t.value < HOSTILE else "neutral"
        named = [c for c in by_sentence.get(q.sentence, []) if c != actor]
        for issue in quote_issues[k]:
            out.append(Position(actor, issue, "quote", k, q.sentence, named[0] if named else None, t.value, label,
                                words=t.words))
    return out


def summarise(ps: Iterable[Position]) -> list[dict[str, Any]]:
    """Per (actor, issue): the mean polarity of its events, the mean tone of its quotations that carry
    tone words, and the positions, for the output contract."""
    groups: dict[tuple[str, str], list[Position]] = {}
    for p in ps:
        groups.setdefault((p.actor, p.issue), []).append(p)
    out = []
    for (actor, issue), items in sorted(groups.items()):
        evs = [p.value for p in items if p.kind == "event" and p.status not in ("negated", "hypothetical")]
        tones = [p.value for p in items if p.kind == "quote" and p.words]
        out.append({
            "actor": actor, "issue": issue,
            "polarity": round(sum(evs) / len(evs), 3) if evs else None,
            "tone": round(sum(tones) / len(tones), 3) if tones else None,
            "positions": [{"kind": p.kind, "index": p.index, "sentence": p.sentence, "counterpart": p.counterpart,
                           "value": p.value, "polarity": p.polarity, "status": p.status, "code": p.code,
                           "words": list(p.words)} for p in items],
        })
    return out
