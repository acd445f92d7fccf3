"""The public library API: dyad.extract, extract_file, extract_many, open_store and __all__."""

from __future__ import annotations

from pathlib import Path

import pytest

import dyad
from conftest import ARTICLE, EN_1, EN_2, EN_B, PNG_BYTES, front_matter, write
from dyad.errors import DyadError, InputNotFound, SkippedInput, UserError

# Pinned by hand from src/dyad/__init__.py: changing the public API must change this test.
PUBLIC_API = {
    "Actor", "Document", "DyadError", "Event", "Evidence", "IssueScore", "Mention", "Note", "Pipeline", "Position",
    "Quote",
    "Sentence", "Settings", "Skip", "Span", "Stage", "Store", "TimeExpr", "__version__", "default_pipeline",
    "extract", "extract_file", "extract_many", "open_store", "process", "schema", "stages", "to_json", "to_record",
}

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Moorings plan approved | Harbor Light Gazette</title>
<meta name="author" content="Odile Brenner">
<meta property="og:title" content="Moorings plan approved">
<meta property="og:site_name" content="Harbor Light Gazette">
<meta property="article:published_time" content="2024-04-23T09:00:00+00:00">
</head><body>
<article><h1>Moorings plan approved</h1>
<p>{EN_1}</p>
<p>{EN_2}</p>
</article></body></html>
"""


def test_all_is_exactly_the_public_api() -> None:
    assert set(dyad.__all__) == PUBLIC_API
    assert len(dyad.__all__) == len(set(dyad.__all__)), "__all__ lists a name twice"


def test_every_exported_name_exists() -> None:
    for name in dyad.__all__:
        assert hasattr(dyad, name), name
    assert isinstance(dyad.__version__, str) and dyad.__version__


def test_extract_returns_a_cleaned_segmented_document() -> None:
    raw = f"  {EN_1}\n\n\n{EN_2}   \n"
    doc = dyad.extract(raw, published="2024-04-23")
    assert isinstance(doc, dyad.Document)
    assert doc.text == f"{EN_1}\n\n{EN_2}"
    assert doc.published == "2024-04-23"
    assert doc.language == "en"
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == [EN_1, EN_2]
    assert [s.paragraph for s in doc.sentences] == [0, 1]
    assert doc.content_hash.startswith(doc.doc_id) and len(doc.content_hash) == 64
    assert {"raw", "text", "language", "sentences"} <= doc.done


def test_extract_sentences_and_paragraphs() -> None:
    doc = dyad.extract("The boat left at dawn. It came back at noon.\n\nThe crew was paid on Friday.")
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == [
        "The boat left at dawn.", "It came back at noon.", "The crew was paid on Friday."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]


def test_extract_keeps_metadata_keywords() -> None:
    doc = dyad.extract(ARTICLE, title="Moorings plan approved", outlet="Harbor Light Gazette", author="Odile Brenner",
                       url="https://harbor.example/moorings", kind="Opinion", doc_id="harbor-1")
    assert (doc.doc_id, doc.title, doc.outlet, doc.author, doc.url) == (
        "harbor-1", "Moorings plan approved", "Harbor Light Gazette", "Odile Brenner", "https://harbor.example/moorings")
    assert doc.kind == "opinion"
    assert doc.published is None


def test_extract_html() -> None:
    doc = dyad.extract(HTML_PAGE, html=True)
    assert doc.title == "Moorings plan approved"
    assert doc.author == "Odile Brenner"
    assert doc.published == "2024-04-23"
    assert doc.text == f"{EN_1}\n\n{EN_2}"
    assert "<" not in doc.text


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_extract_empty_text_raises_skipped_input(text: str) -> None:
    with pytest.raises(SkippedInput) as info:
        dyad.extract(text)
    assert info.value.skip.reason == "empty"
    assert isinstance(info.value, DyadError)
    assert info.value.exit_code == 1


def test_extract_html_without_main_text_raises() -> None:
    with pytest.raises(SkippedInput) as info:
        dyad.extract("<html><body></body></html>", html=True)
    assert info.value.skip.reason == "no main text found in HTML"


def test_extract_file_text_with_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "harbor.txt", front_matter(ARTICLE, published="2024-04-23", source="Harbor Light Gazette",
                                                       title="Moorings plan approved", kind="News",
                                                       author="Odile Brenner"))
    doc = dyad.extract_file(path)
    assert doc.doc_id == "harbor"
    assert doc.path == str(path)
    assert doc.outlet == "Harbor Light Gazette"
    assert doc.title == "Moorings plan approved"
    assert doc.kind == "news"
    assert doc.author == "Odile Brenner"
    assert doc.published == "2024-04-23"
    assert doc.encoding == "utf-8"
    assert doc.text == ARTICLE
    assert "---" not in doc.text and "published:" not in doc.text


def test_extract_file_keywords_override_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "harbor.txt", front_matter(ARTICLE, published="2024-04-23", source="Harbor Light Gazette"))
    doc = dyad.extract_file(path, published="2020-01-02", source="Other Paper")
    assert doc.published == "2020-01-02"
    assert doc.outlet == "Other Paper"


def test_extract_file_html(tmp_path: Path) -> None:
    doc = dyad.extract_file(write(tmp_path / "page.html", HTML_PAGE))
    assert doc.doc_id == "page"
    assert doc.title == "Moorings plan approved"
    assert doc.outlet == "Harbor Light Gazette"
    assert doc.published == "2024-04-23"
    assert doc.text == f"{EN_1}\n\n{EN_2}"


def test_extract_file_binary_raises_skipped_input(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", PNG_BYTES)
    with pytest.raises(SkippedInput) as info:
        dyad.extract_file(path)
    skip = info.value.skip
    assert isinstance(skip, dyad.Skip)
    assert skip.reason == "binary file"
    assert skip.doc_id == "photo"
    assert skip.path == str(path)
    assert "binary file" in str(info.value)


def test_extract_file_missing_raises_input_not_found(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound) as info:
        dyad.extract_file(tmp_path / "nowhere.txt")
    assert isinstance(info.value, UserError)
    assert info.value.exit_code == 2
    assert "nowhere.txt" in info.value.message
    assert info.value.hint


def test_extract_file_with_many_records_asks_for_extract_many(tmp_path: Path) -> None:
    path = write(tmp_path / "two.jsonl", '{"text": "The first record is about boats."}\n'
                                         '{"text": "The second record is about trains."}\n')
    with pytest.raises(UserError, match="2 documents"):
        dyad.extract_file(path)


def test_extract_many_yields_documents_and_skips_in_order(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "a.txt", ARTICLE)
    write(root / "b.png", PNG_BYTES)
    write(root / "c.html", HTML_PAGE)
    write(root / "d" / "e.txt", EN_B)
    write(root / "f.txt", PNG_BYTES)
    items = list(dyad.extract_many([root]))
    assert [(type(it).__name__, it.doc_id) for it in items] == [
        ("Document", "a"), ("Skip", "b"), ("Document", "c"), ("Skip", "f"), ("Document", "d/e")]
    assert items[1].reason == "unsupported type"
    assert items[3].reason == "binary file"
    assert items[4].text == EN_B


def test_extract_many_from_several_paths_keeps_argument_order(tmp_path: Path) -> None:
    second = write(tmp_path / "z.txt", EN_B)
    first = write(tmp_path / "a.txt", ARTICLE)
    items = list(dyad.extract_many([second, first]))
    assert [it.doc_id for it in items] == ["z", "a"]


def test_extract_many_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        list(dyad.extract_many([tmp_path / "absent"]))


def test_open_store_stores_and_reads_back(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "b.txt", EN_B)
    with dyad.open_store(tmp_path / "x.duckdb") as store:
        assert isinstance(store, dyad.Store)
        report = store.write_all(dyad.extract_many([tmp_path / "in"]))
        assert report.documents == 2
        assert store.counts()["documents"] == 2
        doc = store.get("a")
        assert doc is not None and doc.text == ARTICLE
    assert (tmp_path / "x.duckdb").is_file()


def test_to_json_and_to_record_round_trip() -> None:
    import json

    doc = dyad.extract(ARTICLE, published="2018-10")
    record = json.loads(dyad.to_json(doc))
    assert record == dyad.to_record(doc)
    assert record["published"] == "2018-10"
    assert record["text"] == ARTICLE
    skip = dyad.to_record(dyad.Skip("x", "binary file", path="x.bin", detail="PNG image"))
    assert skip == {"doc_id": "x", "path": "x.bin", "url": None, "skip": {"reason": "binary file",
                                                                          "detail": "PNG image"}}


def test_default_pipeline_and_stages() -> None:
    names = [s.name for s in dyad.stages()]
    assert names[:3] == ["clean", "language", "segment"]
    assert {"actors", "time", "quotes"} <= set(names)
    pipeline = dyad.default_pipeline()
    assert pipeline.names == tuple(names)
    assert {"text", "language", "sentences", "mentions", "times"} <= pipeline.assigns
