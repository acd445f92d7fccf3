"""The library entry points that the CLI, the web app and the batch runner adapt."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyad.actors import ActorStage
from dyad.config import Settings
from dyad.errors import InputNotFound, SkippedInput, UserError
from dyad.events import EventStage
from dyad.ingest import Entry, html_to_document, new_document, plan, read_entry
from dyad.issues import IssueStage
from dyad.model import Document, Skip
from dyad.pipeline import Pipeline, Stage
from dyad.quotes import QuoteStage
from dyad.text import CleanStage, LanguageStage, SegmentStage
from dyad.timex import TimeStage

Item = Document | Skip


def stages(settings: Settings | None = None) -> list[Stage]:
    """The default stages in order. Stages that support only some languages get settings.languages."""
    settings = settings or Settings()
    actors = ActorStage(languages=settings.languages, extra=settings.actors)
    return [CleanStage(), LanguageStage(), SegmentStage(), actors, TimeStage(settings.languages),
            QuoteStage(settings.languages),
            EventStage(gazetteer=actors.gazetteer, languages=settings.languages, extra=settings.events),
            IssueStage(gazetteer=actors.gazetteer, languages=settings.languages, extra=settings.issues,
                       threshold=settings.issue_threshold, semantic=_semantic(settings))]


def _semantic(settings: Settings) -> Any:
    """The semantic tagger when settings ask for it (needs the dyad[embed] extra)."""
    if not settings.semantic:
        return None
    from dyad.issues.embed import SemanticTagger

    return SemanticTagger(extra=settings.issues)


def default_pipeline(settings: Settings | None = None) -> Pipeline:
    return Pipeline(stages(settings))


@lru_cache(maxsize=4)
def _shared_pipeline(settings: Settings) -> Pipeline:
    """One pipeline per settings for `extract()`: loading the gazetteer and patterns costs a second."""
    return default_pipeline(settings)


def process(entries: Iterable[Entry], settings: Settings | None = None, pipeline: Pipeline | None = None,
            on_entry: Callable[[Entry], None] | None = None) -> Iterator[Item]:
    """Read entries and run them through the pipeline, in order; `on_entry` is told when each is read."""
    settings = settings or Settings()
    pipeline = pipeline or default_pipeline(settings)

    def items() -> Iterator[Item]:
        for entry in entries:
            yield from read_entry(entry, settings)
            if on_entry is not None:
                on_entry(entry)

    return pipeline.pipe(items())


def extract(text: str, *, published: str | None = None, title: str | None = None, outlet: str | None = None,
            author: str | None = None, url: str | None = None, kind: str | None = None,
            language: str | None = None, doc_id: str | None = None, html: bool = False,
            settings: Settings | None = None) -> Document:
    """Extract one document from text (or HTML with `html=True`); raises SkippedInput if it cannot be read."""
    meta = {"published": published, "title": title, "outlet": outlet, "author": author, "url": url,
            "kind": kind, "language": language}
    item: Item
    if html:
        item = html_to_document(text, doc_id=doc_id, url=url, meta=meta)
    elif not text.strip():
        item = Skip(doc_id or "text", "empty")
    else:
        item = new_document(text, doc_id=doc_id, meta=meta)
    if isinstance(item, Document):
        item = _shared_pipeline(settings or Settings())(item)
    if isinstance(item, Skip):
        raise SkippedInput(item)
    return item


def extract_file(path: str | Path, *, settings: Settings | None = None, **meta: Any) -> Document:
    """Extract the one document in a file; metadata keywords (published=, title= ...) override the file's."""
    p = Path(path)
    if not p.is_file():
        raise InputNotFound(f"no such file: {path}")
    settings = settings or Settings()
    items = list(process([Entry(p, p.stem, str(path), meta, p.stat().st_size)], settings))
    if len(items) != 1:
        raise UserError(f"{path} holds {len(items)} documents", "use dyad.extract_many() for JSONL and CSV files")
    item = items[0]
    if isinstance(item, Skip):
        raise SkippedInput(item)
    return item


def extract_many(paths: Sequence[str | Path] = (), manifest: str | Path | None = None,
                 settings: Settings | None = None) -> Iterator[Item]:
    """Documents and Skips from files, folders (recursively) and a CSV manifest, in order."""
    return process(plan(paths, manifest), settings)
