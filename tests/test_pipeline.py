"""The stage contract and the Pipeline that checks it."""

from __future__ import annotations

from dataclasses import replace

import pytest

import dyad
from conftest import EN_1, EN_B, EN_C, FR
from dyad.errors import PipelineError
from dyad.ingest import new_document
from dyad.model import Document, Note, Skip
from dyad.pipeline import BaseStage, Pipeline, SkipDocument
from dyad.text import CleanStage, LanguageStage, SegmentStage


class Upper(BaseStage):
    name = "upper"
    requires = frozenset({"text"})
    assigns = frozenset({"shout"})

    def __call__(self, doc: Document) -> Document:
        return replace(doc, text=doc.text.upper())


class NeedsSentences(BaseStage):
    name = "needs_sentences"
    requires = frozenset({"sentences", "text"})
    assigns = frozenset({"mentions"})

    def __call__(self, doc: Document) -> Document:
        return doc


class EnglishOnly(BaseStage):
    name = "english_only"
    requires = frozenset({"language"})
    assigns = frozenset({"quotes"})
    languages = frozenset({"en"})

    def __call__(self, doc: Document) -> Document:
        return replace(doc, title="touched")


class RefuseBoats(BaseStage):
    """Skips documents that mention ferries."""

    name = "refuse"
    requires = frozenset({"text"})
    assigns = frozenset({"checked"})

    def __call__(self, doc: Document) -> Document:
        if "ferry" in doc.text:
            raise SkipDocument("mentions a ferry", "the test stage refuses ferries")
        return doc


class Tag(BaseStage):
    name = "tag"
    assigns = frozenset({"tagged"})

    def __call__(self, doc: Document) -> Document:
        return doc


class Drops(BaseStage):
    name = "drops"
    requires = frozenset({"text"})

    def pipe(self, docs):  # type: ignore[no-untyped-def]
        return iter(())


def _doc(text: str, doc_id: str, **kw: str) -> Document:
    return new_document(text, doc_id=doc_id, path=f"{doc_id}.txt", meta=kw)


def test_default_stages_are_stages() -> None:
    for stage in (CleanStage(), LanguageStage(), SegmentStage()):
        assert isinstance(stage, dyad.Stage)
    assert Pipeline([CleanStage(), LanguageStage(), SegmentStage()]).names == ("clean", "language", "segment")


def test_unmet_requirement_is_refused() -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline([CleanStage(), NeedsSentences(), SegmentStage()])
    message = str(info.value)
    assert "needs_sentences" in message
    assert "sentences" in message.replace("needs_sentences", "")
    assert info.value.exit_code == 4
    assert info.value.hint


def test_requirement_of_the_first_stage() -> None:
    with pytest.raises(PipelineError, match="'upper' requires text"):
        Pipeline([Upper()])


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(PipelineError, match="'clean' appears twice"):
        Pipeline([CleanStage(), CleanStage()])


@pytest.mark.parametrize("thing", [object(), lambda doc: doc, "clean"])
def test_non_stages_are_refused(thing: object) -> None:
    with pytest.raises(PipelineError, match="is not a stage"):
        Pipeline([CleanStage(), thing])  # type: ignore[list-item]


def test_assigns_accumulate() -> None:
    pipeline = Pipeline([CleanStage(), LanguageStage(), SegmentStage(), NeedsSentences()])
    assert pipeline.assigns == frozenset({"raw", "text", "title", "author", "language", "sentences", "mentions"})


def test_skip_document_becomes_a_skip() -> None:
    pipeline = Pipeline([CleanStage(), RefuseBoats()])
    out = pipeline(_doc(EN_C, "ferry"))
    assert out == Skip("ferry", "mentions a ferry", path="ferry.txt", detail="the test stage refuses ferries")


def test_language_limited_stage_leaves_other_languages_alone() -> None:
    base = Pipeline([CleanStage(), LanguageStage(), SegmentStage()])
    before = base(_doc(FR, "fr"))
    after = Pipeline([CleanStage(), LanguageStage(), SegmentStage(), EnglishOnly()])(_doc(FR, "fr"))
    assert isinstance(before, Document) and isinstance(after, Document)
    assert after.language == "fr"
    assert after.title is None
    assert replace(after, notes=before.notes, done=before.done) == before
    new_notes = after.notes[len(before.notes):]
    assert len(new_notes) == 1
    note = new_notes[0]
    assert isinstance(note, Note) and note.stage == "english_only"
    assert "not run" in note.message and "'fr'" in note.message and "en" in note.message
    assert "quotes" in after.done  # the stage's outputs count as assigned (empty), as for a skipped language


def test_language_limited_stage_runs_on_english() -> None:
    out = Pipeline([CleanStage(), LanguageStage(), EnglishOnly()])(_doc(EN_1, "en"))
    assert isinstance(out, Document)
    assert out.title == "touched"
    assert not any(n.stage == "english_only" for n in out.notes)


def test_done_accumulates_assigns() -> None:
    doc = _doc(EN_1, "a")
    first = Pipeline([CleanStage(), LanguageStage()])(doc)
    assert isinstance(first, Document)
    assert first.done == frozenset({"raw", "text", "title", "author", "language"})
    second = Pipeline([Tag()])(first)  # a later pipeline adds to what the document already had
    assert isinstance(second, Document)
    assert second.done == frozenset({"raw", "text", "title", "author", "language", "tagged"})
    full = Pipeline([CleanStage(), LanguageStage(), SegmentStage(), NeedsSentences()])(doc)
    assert isinstance(full, Document)
    assert full.done == frozenset({"raw", "text", "title", "author", "language", "sentences", "mentions"})


def test_pipe_keeps_order_with_mixed_skips() -> None:
    pipeline = Pipeline([CleanStage(), RefuseBoats(), LanguageStage(), SegmentStage()])
    items: list[Document | Skip] = [
        _doc(EN_1, "d1"),
        Skip("s1", "binary file"),
        _doc(EN_C, "d2-ferry"),
        _doc(EN_B, "d3"),
        Skip("s2", "empty"),
        _doc(FR, "d4"),
        _doc("Skip to main content", "d5-nav"),
    ]
    out = list(pipeline.pipe(items, chunk=3))
    assert [(type(it).__name__, it.doc_id) for it in out] == [
        ("Document", "d1"), ("Skip", "s1"), ("Skip", "d2-ferry"), ("Document", "d3"), ("Skip", "s2"),
        ("Document", "d4"), ("Skip", "d5-nav")]
    assert out[1] is items[1] and out[4] is items[4]
    assert isinstance(out[2], Skip) and out[2].reason == "mentions a ferry"
    assert isinstance(out[6], Skip) and out[6].reason == "empty after cleaning"
    assert all(len(it.sentences) > 0 for it in out if isinstance(it, Document))


def test_stage_returning_the_wrong_number_of_documents() -> None:
    with pytest.raises(PipelineError, match="returned 0 documents for 1"):
        Pipeline([CleanStage(), Drops()])(_doc(EN_1, "a"))
