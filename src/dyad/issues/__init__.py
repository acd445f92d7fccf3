"""Issues and stance: what each text is about, and where each side stands.

    from dyad.issues import IssueStage
    stage = IssueStage()                  # the shipped taxonomy and tone lexicon
    doc = stage(doc)                      # a Document with sentences, mentions, quotes and events

Fills the issues of each sentence, quotation and event, the document's issue scores, and the
positions (dyad.model.Position) each actor takes on each issue. The taxonomy and the tone lexicon are
data files (data/FORMAT.md); the user's files add to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from dyad.actors.gazetteer import Gazetteer
from dyad.issues.stance import ToneLexicon, load_tone, positions, summarise
from dyad.issues.tagger import THRESHOLD, Tagging, evidence, span_issues, tag
from dyad.issues.taxonomy import Issue, PhraseSet, Taxonomy, load
from dyad.model import Actor, Document, Sentence


class Semantic(Protocol):
    """Something that scores sentences against the issues (dyad.issues.embed.SemanticTagger)."""

    def refine(self, doc: Document, tagging: Tagging) -> Tagging: ...


class IssueStage:
    """Fills `issues` (sentences, quotes, events, document) and `positions`."""

    name = "issues"
    requires = frozenset({"sentences", "mentions", "quotes", "events"})
    assigns = frozenset({"issues", "positions"})

    def __init__(self, taxonomy: Taxonomy | None = None, tone: ToneLexicon | None = None,
                 gazetteer: Gazetteer | None = None, languages: Iterable[str] = ("en",),
                 extra: Sequence[Path] = (), threshold: float = THRESHOLD, semantic: Semantic | None = None) -> None:
        self.taxonomy = taxonomy or load(tuple(extra))
        self.tone = tone or load_tone(tuple(extra))
        if gazetteer is None:
            from dyad.actors.gazetteer import load as load_gazetteer
            gazetteer = load_gazetteer()
        self.countries = frozenset(gazetteer.countries)
        self.languages: frozenset[str] | None = frozenset(languages)
        self.threshold = threshold
        self.semantic = semantic
        self._actor_memo: dict[tuple[str, str | None], set[str]] = {}

    def __call__(self, doc: Document) -> Document:
        t = tag(self.taxonomy, doc, self.threshold)
        if self.semantic is not None:
            t = self.semantic.refine(doc, t)
        sentences = tuple(Sentence(s.start, s.end, s.paragraph, t.sentences[i]) for i, s in enumerate(doc.sentences))
        quote_issues = [self._quote_issues(doc, t, q.start, q.end, q.sentence) for q in doc.quotes]
        event_issues = self._event_issues(doc, t)
        quotes = tuple(replace(q, issues=quote_issues[k]) for k, q in enumerate(doc.quotes))
        events = tuple(replace(e, issues=event_issues[k]) for k, e in enumerate(doc.events))
        doc = replace(doc, sentences=sentences, quotes=quotes, events=events, issues=tuple(t.document))
        return replace(doc, positions=tuple(positions(doc, quote_issues, event_issues, self.tone, self.countries)))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def _quote_issues(self, doc: Document, t: Tagging, start: int, end: int, first: int) -> tuple[str, ...]:
        """The issues of the sentences the quotation spans and any issue named inside it; failing those, the
        issues of the sentence before it in the same paragraph (a reaction follows what it reacts to)."""
        k = first
        covered = [k]
        while k + 1 < len(doc.sentences) and doc.sentences[k + 1].start < end:
            k += 1
            covered.append(k)
        own = [i for i, x in t.evidence_in(start, end).items() if x >= 1.0]
        found = tuple(dict.fromkeys([*span_issues(t, covered), *own]))
        if not found and first > 0 and doc.sentences[first - 1].paragraph == doc.sentences[first].paragraph:
            found = span_issues(t, [first - 1])
        return found

    def _event_issues(self, doc: Document, t: Tagging) -> list[tuple[str, ...]]:
        """Each event: the issues of its sentence and those its source and target stand for. An event
        coded once per member of a list ("aid to Ukraine, Israel and Taiwan") leaves out the issues that
        only the other members stand for."""
        siblings: dict[tuple[int, int], list[int]] = {}
        for k, e in enumerate(doc.events):
            siblings.setdefault((e.sentence, e.evidence.trigger.start), []).append(k)
        out = []
        for e in doc.events:
            own = self._actor_issues(e.source) | self._actor_issues(e.target)
            found = dict.fromkeys(span_issues(t, [e.sentence]))
            group = siblings[(e.sentence, e.evidence.trigger.start)]
            if len(group) > 1:
                others: set[str] = set()
                for k in group:
                    o = doc.events[k]
                    if o is not e:
                        others |= self._actor_issues(o.target) | self._actor_issues(o.source)
                for issue in others - own:
                    found.pop(issue, None)
            found.update(dict.fromkeys(sorted(own)))
            out.append(tuple(found))
        return out

    def _actor_issues(self, a: Actor | None) -> set[str]:
        """The issues an actor stands for: its links in the taxonomy, and the strong patterns in its name
        ("Ukraine", "Taiwan")."""
        if a is None:
            return set()
        key = (a.name, a.code)
        got = self._actor_memo.get(key)
        if got is None:
            got = self.taxonomy.actor_issues(a.name, a.code) | {
                i for i, x in evidence(self.taxonomy, a.name).items() if x >= 1.0}
            if len(self._actor_memo) < 100_000:
                self._actor_memo[key] = got
        return got


__all__ = ["Issue", "IssueStage", "PhraseSet", "Taxonomy", "ToneLexicon", "load", "load_tone", "summarise", "tag"]
