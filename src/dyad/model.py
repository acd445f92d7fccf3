"""Typed domain objects. Frozen: a stage returns a new Document with `dataclasses.replace`.

Character offsets (`start`, `end`) are into `Document.text`, the cleaned body, in code points.
`sentence` fields are 0-based indices into `Document.sentences`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "partial", "indirect"]
Status = Literal["asserted", "planned", "negated", "hypothetical", "alleged"]
STATUSES: tuple[Status, ...] = ("asserted", "planned", "negated", "hypothetical", "alleged")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    issues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """Who: a canonical name, a CAMEO-style code (country + optional sector, or an IGO code), a role."""

    name: str
    code: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    sentence: int
    start: int
    end: int
    text: str
    actor: Actor
    rule: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Quote:
    sentence: int
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Actor | None = None
    rule: str = ""
    confidence: float = 1.0
    issues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeExpr:
    sentence: int
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    range: tuple[str, str] | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    trigger: Span
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Event:
    sentence: int
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    plover: str | None
    plover_mode: str | None
    goldstein: float | None
    quad_class: int | None
    status: Status
    date: str | None
    date_precision: str
    evidence: Evidence
    issues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IssueScore:
    issue: str
    score: float


PositionKind = Literal["event", "quote"]


@dataclass(frozen=True, slots=True)
class Position:
    """A position an actor takes on an issue in one document: an event it is the source of, or a
    quotation it speaks. `value` is the event's Goldstein weight / 10, or the quotation's tone, in [-1, 1]."""

    actor: str                      # the actor's country code, or its code when it has no country (NATO)
    issue: str
    kind: PositionKind
    index: int                      # into Document.events or Document.quotes
    sentence: int
    counterpart: str | None         # the other side's country (the event's target; a country named in the quote)
    value: float
    polarity: str                   # cooperative, conflictual or neutral (events); warm, hostile or neutral (quotes)
    status: str | None = None       # the event's status
    code: str | None = None         # the event's CAMEO code
    words: tuple[str, ...] = ()     # the tone words of a quotation


@dataclass(frozen=True, slots=True)
class Note:
    """Something a stage wants the reader to know: what it removed, or why it did not run."""

    stage: str
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """One article. Before the clean stage `text` is the raw body; after it, the cleaned body."""

    doc_id: str
    text: str
    content_hash: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    kind: str | None = None
    published: str | None = None
    language: str | None = None
    language_score: float | None = None
    encoding: str | None = None
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()
    issues: tuple[IssueScore, ...] = ()
    positions: tuple[Position, ...] = ()
    notes: tuple[Note, ...] = ()
    done: frozenset[str] = field(default_factory=frozenset)  # what the stages that ran have assigned

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start:s.end]


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that could not become a Document, and why. Counted, stored and reported."""

    doc_id: str
    reason: str
    path: str | None = None
    url: str | None = None
    detail: str | None = None
