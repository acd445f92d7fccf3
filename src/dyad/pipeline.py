"""The stage contract and the Pipeline that checks it when it is assembled.

A stage declares what it `requires` (facts earlier stages must have assigned) and what it
`assigns`. `Pipeline([...])` refuses an order in which a requirement is not met, so a mistake
shows up when the pipeline is built, not as empty output later. Facts are plain names:

    raw          the reader's body text and metadata (every Document starts with it)
    text         the cleaned body (offsets from here on are into it)
    language     the detected language
    sentences    sentence spans
    mentions, times, quotes, events, issues   the later stages' outputs

A stage that supports only some languages lists them in `languages`; for a document in another
language the pipeline leaves the stage's outputs empty and records a Note saying why.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Protocol, runtime_checkable

from dyad.errors import PipelineError
from dyad.model import Document, Note, Skip

INITIAL_FACTS = frozenset({"raw"})


class SkipDocument(Exception):
    """Raised by a stage when a document cannot go on (e.g. nothing left after cleaning)."""

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    languages: frozenset[str] | None  # None: any language

    def __call__(self, doc: Document) -> Document: ...

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]: ...


class BaseStage:
    """Convenience base: `pipe` maps `__call__`; subclasses may batch instead."""

    name: str = ""
    requires: frozenset[str] = frozenset()
    assigns: frozenset[str] = frozenset()
    languages: frozenset[str] | None = None

    def __call__(self, doc: Document) -> Document:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


class Pipeline:
    """An ordered list of stages, validated on construction."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        have = set(INITIAL_FACTS)
        names: set[str] = set()
        for stage in stages:
            if not isinstance(stage, Stage):
                raise PipelineError(f"{stage!r} is not a stage (needs name, requires, assigns, languages, __call__)")
            if stage.name in names:
                raise PipelineError(f"stage {stage.name!r} appears twice")
            missing = stage.requires - have
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {', '.join(sorted(missing))}, "
                    f"which no earlier stage assigns (have: {', '.join(sorted(have))})")
            names.add(stage.name)
            have |= stage.assigns
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.assigns = frozenset(have)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, doc: Document) -> Document | Skip:
        out = self._run([doc])[0]
        return out

    def pipe(self, items: Iterable[Document | Skip], chunk: int = 256) -> Iterator[Document | Skip]:
        """Run documents through in chunks (so batching stages see many at once), keeping order.

        Skips from the readers pass through unchanged.
        """
        buf: list[Document | Skip] = []
        for item in items:
            buf.append(item)
            if len(buf) >= chunk:
                yield from self._run(buf)
                buf = []
        if buf:
            yield from self._run(buf)

    def _run(self, items: list[Document | Skip]) -> list[Document | Skip]:
        # what each document has had assigned; applied in one replace() at the end, as replace() is not free
        done = [INITIAL_FACTS if isinstance(it, Skip) else (it.done or INITIAL_FACTS) for it in items]
        for stage in self.stages:
            todo: list[int] = []
            for k, it in enumerate(items):
                if isinstance(it, Skip):
                    continue
                if stage.languages is not None and it.language not in stage.languages:
                    items[k] = replace(it, notes=(*it.notes, Note(
                        stage.name, f"not run: language {it.language or 'unknown'!r} is not supported "
                                    f"(supported: {', '.join(sorted(stage.languages))})")))
                else:
                    todo.append(k)
                done[k] = done[k] | stage.assigns
            docs = [items[k] for k in todo]
            outs: list[Document | Skip]
            try:
                outs = list(stage.pipe(docs))  # type: ignore[arg-type]
            except SkipDocument:
                outs = [_one(stage, d) for d in docs]  # type: ignore[arg-type]
            if len(outs) != len(docs):
                raise PipelineError(f"stage {stage.name!r} returned {len(outs)} documents for {len(docs)}")
            for k, out in zip(todo, outs, strict=True):
                items[k] = out
        return [it if isinstance(it, Skip) else replace(it, done=d) for it, d in zip(items, done, strict=True)]


def _one(stage: Stage, doc: Document) -> Document | Skip:
    try:
        return stage(doc)
    except SkipDocument as skip:
        return Skip(doc.doc_id, skip.reason, path=doc.path, url=doc.url, detail=skip.detail)
