"""Actors: recognise, resolve and code every actor mention, with dated roles and coreference."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from dyad.actors import coref
from dyad.actors.gazetteer import Gazetteer, load
from dyad.actors.recognize import Recognizer
from dyad.actors.tokens import tokenize_document
from dyad.model import Actor, Document, Mention
from dyad.pipeline import BaseStage


def anchor(published: str | None) -> dt.date | None:
    """The day a partial publication date stands for: the middle of its month or year."""
    if not published:
        return None
    parts = published.split("-")
    try:
        if len(parts) == 3:
            return dt.date.fromisoformat(published)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 15)
        return dt.date(int(parts[0]), 7, 1)
    except ValueError:
        return None


class ActorStage(BaseStage):
    """Fills `mentions`: every actor in every sentence, coded country + sector at the publication date."""

    name = "actors"
    requires = frozenset({"sentences"})
    assigns = frozenset({"mentions"})

    def __init__(self, gazetteer: Gazetteer | None = None, languages: Sequence[str] = ("en",),
                 extra: Sequence[Path] = ()) -> None:
        self.gazetteer = gazetteer or load(tuple(extra))
        self.recognizer = Recognizer(self.gazetteer)
        self.languages = frozenset(languages)

    def __call__(self, doc: Document) -> Document:
        return replace(doc, mentions=tuple(self.mentions(doc)))

    def mentions(self, doc: Document) -> list[Mention]:
        text = doc.text
        when = anchor(doc.published)
        toks = tokenize_document(text)
        # each sentence's tokens: from its first token to the next sentence's first (only spaces lie between)
        firsts = []
        lo = 0
        for s in doc.sentences:
            lo = bisect_left(toks.starts, s.start, lo)
            firsts.append(lo)
        bounds = list(zip(firsts, [*firsts[1:], len(toks.keys)], strict=True))
        per_sentence = self.recognizer.document(text, toks, bounds, when)
        out = []
        actors: dict[tuple[str, str | None, str | None], Actor] = {}  # one Actor object per distinct actor
        for i, cands in enumerate(coref.resolve(per_sentence, text, self.gazetteer, when)):
            for c in cands:
                if c.kind in ("capname", "pron"):
                    continue
                k = (c.name, c.code, c.role)
                actor = actors.get(k)
                if actor is None:
                    actor = actors[k] = Actor(c.name, c.code, c.role)
                out.append(Mention(i, c.start, c.end, text[c.start:c.end], actor, c.rule, round(c.confidence, 3)))
        return out


__all__ = ["ActorStage", "Gazetteer", "anchor", "load"]
