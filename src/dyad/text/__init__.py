"""Text stages: clean (boilerplate out), language (identification), segment (sentences with spans)."""

from __future__ import annotations

from dataclasses import replace

from dyad.model import Document, Note
from dyad.pipeline import BaseStage, SkipDocument
from dyad.text import clean as _clean
from dyad.text import language as _language
from dyad.text import segment as _segment


class CleanStage(BaseStage):
    """Removes page furniture; moves a title and byline found in the header into their fields."""

    name = "clean"
    requires = frozenset({"raw"})
    assigns = frozenset({"text", "title", "author"})

    def __call__(self, doc: Document) -> Document:
        result = _clean.clean(doc.text, title=doc.title, author=doc.author)
        if not result.text:
            raise SkipDocument("empty after cleaning", f"removed: {result.summary()}" if result.removed else None)
        notes = doc.notes
        if result.removed:
            notes = (*notes, Note(self.name, f"removed {len(result.removed)} lines: {result.summary()}"))
        return replace(doc, text=result.text, title=result.title, author=result.author, notes=notes)


class LanguageStage(BaseStage):
    """Records the language (kept when the metadata already gives one)."""

    name = "language"
    requires = frozenset({"text"})
    assigns = frozenset({"language"})

    def __call__(self, doc: Document) -> Document:
        if doc.language:
            return doc
        lang, score = _language.detect(doc.text)
        return replace(doc, language=lang, language_score=score)


class SegmentStage(BaseStage):
    """Sentence spans into the cleaned text, with paragraph indices."""

    name = "segment"
    requires = frozenset({"text"})
    assigns = frozenset({"sentences"})

    def __call__(self, doc: Document) -> Document:
        return replace(doc, sentences=tuple(_segment.split(doc.text)))


__all__ = ["CleanStage", "LanguageStage", "SegmentStage"]
