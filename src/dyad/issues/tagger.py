"""Issue tagging: sentences, quotes, events and whole documents.

A sentence's evidence for an issue is the strongest of: a strong pattern (1), the issue's related
actors among its mentions (1), or its weak patterns (0.5 each, at most 1). A sentence is tagged
with the issues it has full evidence for (1), and with issues it has weak evidence for when the
document as a whole is about them.

A document's score for an issue is coverage weighted by position: the evidence of each sentence
(only 0.4 of it when it is weak evidence alone), times 1.5 in the lead (the first paragraph, two to
four sentences) and 1 elsewhere, plus twice the title's evidence, turned into a score in [0, 1) by
1 - exp(-sum). The document lists the issues whose score reaches the threshold (default 0.55,
chosen by measurement: bench/issues_threshold.py).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dyad.issues.taxonomy import Hit, Taxonomy
from dyad.model import Document, IssueScore

THRESHOLD = 0.55
LEAD, TITLE = 1.5, 2.0
PARTIAL = 0.4   # a sentence with weak evidence only counts this share of it towards the document


@dataclass(frozen=True, slots=True)
class Tagging:
    sentences: list[tuple[str, ...]]        # issues of each sentence
    document: list[IssueScore]              # issues above the threshold, best first
    evidence: list[dict[str, float]]        # per sentence: issue -> evidence in [0, 1]
    title: dict[str, float]                 # the title's evidence
    scores: dict[str, float]                # every issue with evidence -> document score
    threshold: float
    hits: tuple[Hit, ...] = ()              # the pattern matches in the text, in order

    def evidence_in(self, start: int, end: int) -> dict[str, float]:
        """Pattern evidence per issue in text[start:end], from the matches already found."""
        a = bisect_left(self.hits, start, key=_start)
        b = bisect_left(self.hits, end, a, key=_start)
        return _evidence([h for h in self.hits[a:b] if h.end <= end])


def _start(h: Hit) -> int:
    return h.start


def evidence(tax: Taxonomy, text: str, start: int = 0, end: int | None = None) -> dict[str, float]:
    """Pattern evidence per issue in text[start:end]: strong 1, weak 0.5 each (distinct), capped at 1;
    a match that overlaps a negative pattern of the same issue does not count."""
    return _evidence(list(tax.hits(text, start, end)))


def _evidence(hits: list[Hit]) -> dict[str, float]:
    if not hits:
        return {}
    negatives = [(h.start, h.end, h.key) for h in hits if h.weight == 0.0]
    weak: dict[str, set[str]] = defaultdict(set)
    out: dict[str, float] = {}
    for h in hits:
        if h.weight == 0.0 or any(k == h.key and s < h.end and h.start < e for s, e, k in negatives):
            continue
        if h.weight >= 1.0:
            out[h.key] = 1.0
        else:
            weak[h.key].add(h.pattern)
    for key, pats in weak.items():
        out[key] = max(out.get(key, 0.0), min(1.0, 0.5 * len(pats)))
    return out


def tag(tax: Taxonomy, doc: Document, threshold: float = THRESHOLD) -> Tagging:
    """Tag the document's sentences and score the document."""
    n = len(doc.sentences)
    ev: list[dict[str, float]] = [{} for _ in range(n)]
    if n:
        starts = [s.start for s in doc.sentences]
        per: dict[int, list[Hit]] = defaultdict(list)
        hits = sorted(tax.hits(doc.text), key=_start)
        for h in hits:
            i = bisect_right(starts, h.start) - 1
            if i >= 0 and h.end <= doc.sentences[i].end:
                per[i].append(h)
        for i, hs in per.items():
            ev[i] = _evidence(hs)
        for m in doc.mentions:
            for issue in tax.actor_issues(m.actor.name, m.actor.code):
                ev[m.sentence][issue] = 1.0
    else:
        hits = []
    return finish(doc, ev, evidence(tax, doc.title) if doc.title else {}, threshold, tuple(hits))


def finish(doc: Document, ev: list[dict[str, float]], title: dict[str, float], threshold: float,
           hits: tuple[Hit, ...] = ()) -> Tagging:
    """Document scores and sentence tags from the evidence of each sentence and of the title."""
    lead = _lead(doc)
    raw: dict[str, float] = defaultdict(float)
    for i, e in enumerate(ev):
        w = LEAD if i < lead else 1.0
        for issue, x in e.items():
            raw[issue] += w * (x if x >= 1.0 else PARTIAL * x)
    for issue, x in title.items():
        raw[issue] += TITLE * x
    scores = {issue: round(1.0 - math.exp(-x), 3) for issue, x in raw.items()}
    about = {issue for issue, sc in scores.items() if sc >= threshold}
    sentences = [tuple(sorted(i for i, x in e.items() if x >= 1.0 or i in about)) for e in ev]
    document = sorted((IssueScore(i, scores[i]) for i in about), key=lambda s: (-s.score, s.issue))
    return Tagging(sentences, document, ev, title, scores, threshold, hits)


def _lead(doc: Document) -> int:
    """How many sentences make the lead: the first paragraph, two to four sentences."""
    if not doc.sentences:
        return 0
    first = doc.sentences[0].paragraph
    k = sum(1 for s in doc.sentences if s.paragraph == first)
    return max(2, min(k, 4))


def span_issues(tagging: Tagging, sentences: Sequence[int]) -> tuple[str, ...]:
    """The issues of the given sentences, in first-seen order."""
    out: dict[str, None] = {}
    for i in sentences:
        if 0 <= i < len(tagging.sentences):
            out.update(dict.fromkeys(tagging.sentences[i]))
    return tuple(out)
