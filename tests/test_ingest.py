"""Readers: front matter, dates, HTML, JSON lines, JSON, CSV manifests and documents, folders, limits."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import dyad
from conftest import ARTICLE, DE, EN_1, EN_2, EN_3, EN_B, EN_C, FR, PNG_BYTES, front_matter, write
from dyad.config import Settings
from dyad.errors import InputNotFound, ManifestError
from dyad.ingest import normalize_date, plan
from dyad.model import Document, Note, Skip


def _items(*paths: Path, manifest: Path | None = None, settings: Settings | None = None) -> list[Document | Skip]:
    return list(dyad.extract_many(list(paths), manifest=manifest, settings=settings))


def _summary(items: list[Document | Skip]) -> list[tuple[str, str, str | None]]:
    return [(type(it).__name__, it.doc_id, it.reason if isinstance(it, Skip) else None) for it in items]


# -- front matter --------------------------------------------------------------------------------

def test_front_matter_fills_document_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", front_matter(ARTICLE, published="2024-04-23", source="Harbor Light Gazette",
                                                  title="Moorings plan approved", kind="Opinion",
                                                  url="https://harbor.example/a"))
    doc = dyad.extract_file(path)
    assert doc.published == "2024-04-23"
    assert doc.outlet == "Harbor Light Gazette"
    assert doc.title == "Moorings plan approved"
    assert doc.kind == "opinion"
    assert doc.url == "https://harbor.example/a"
    assert doc.text == ARTICLE


def test_front_matter_keys_are_case_insensitive_and_outlet_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", front_matter(ARTICLE, Published="2023-01-05", Outlet="Tide Weekly"))
    doc = dyad.extract_file(path)
    assert doc.published == "2023-01-05"
    assert doc.outlet == "Tide Weekly"


def test_invalid_yaml_front_matter_is_kept_as_body(tmp_path: Path) -> None:
    raw = f"---\ntitle: [never closed\npublished: : :\n---\n{EN_1}\n"
    doc = dyad.extract_file(write(tmp_path / "a.txt", raw))
    assert doc.title is None and doc.published is None
    assert "title: [never closed" in doc.text
    assert EN_1 in doc.text


def test_front_matter_that_is_not_a_mapping_is_body(tmp_path: Path) -> None:
    raw = f"---\n- just\n- a list\n---\n{EN_1}\n"
    doc = dyad.extract_file(write(tmp_path / "a.txt", raw))
    assert "- a list" in doc.text
    assert EN_1 in doc.text


def test_only_front_matter_is_empty(tmp_path: Path) -> None:
    items = _items(write(tmp_path / "a.txt", "---\ntitle: Nothing below\n---\n\n"))
    assert _summary(items) == [("Skip", "a", "empty")]


# -- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2024-04-23", "2024-04-23"),
    ("2018-10", "2018-10"),
    ("2018", "2018"),
    (2018, "2018"),
    ("2024-04-23T07:30:00-04:00", "2024-04-23"),
    ("2024-04-23 10:00:00", "2024-04-23"),
    (dt.date(2024, 1, 2), "2024-01-02"),
    (dt.datetime(2024, 1, 2, 23, 59), "2024-01-02"),
    ("April 23, 2024", "2024-04-23"),
    ("23 April 2024", "2024-04-23"),
    ("October 2018", "2018-10"),
    ("garbage", None),
    ("Tuesday", None),
    ("2024-13", None),
    ("2024-02-30", None),
    ("", None),
    (None, None),
])
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_yaml_dates_and_written_dates_in_front_matter(tmp_path: Path) -> None:
    a = dyad.extract_file(write(tmp_path / "a.txt", front_matter(EN_1, published="2024-04-23")))  # YAML date
    b = dyad.extract_file(write(tmp_path / "b.txt", front_matter(EN_1, published="October 2018")))
    c = dyad.extract_file(write(tmp_path / "c.txt", front_matter(EN_1, published="2018")))  # YAML int
    d = dyad.extract_file(write(tmp_path / "d.txt", front_matter(EN_1, date="2019-03")))  # `date` alias
    assert (a.published, b.published, c.published, d.published) == ("2024-04-23", "2018-10", "2018", "2019-03")


def test_garbage_date_becomes_none_with_a_note(tmp_path: Path) -> None:
    doc = dyad.extract_file(write(tmp_path / "a.txt", front_matter(EN_1, published="sometime soon")))
    assert doc.published is None
    notes = [n for n in doc.notes if n.stage == "ingest"]
    assert len(notes) == 1
    assert "sometime soon" in notes[0].message and "not a date" in notes[0].message


# -- HTML ----------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbor talks stall over quota dispute | Tidewater Courier</title>
<meta name="author" content="Marisol Quent">
<meta property="og:title" content="Harbor talks stall over quota dispute">
<meta property="og:site_name" content="Tidewater Courier">
<meta property="article:published_time" content="2023-09-14T08:15:00+00:00">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">Coastal affairs desk</a></li>
<li><a href="/sport">Regatta results archive</a></li></ul></nav>
<main><article>
<h1>Harbor talks stall over quota dispute</h1>
<p>{EN_1}</p>
<p>{EN_2}</p>
<p>“We came with an open mind and we leave with the same problem,” said a member of one delegation.</p>
</article></main>
<footer><p>Copyright 2023 Tidewater Courier. All rights reserved. Write to desk@tidewater.example</p></footer>
</body></html>
"""


def test_html_title_author_date_and_outlet_from_meta_tags(tmp_path: Path) -> None:
    doc = dyad.extract_file(write(tmp_path / "talks.html", PAGE))
    assert doc.doc_id == "talks"
    assert doc.title == "Harbor talks stall over quota dispute"
    assert doc.author == "Marisol Quent"
    assert doc.published == "2023-09-14"
    assert doc.outlet == "Tidewater Courier"
    assert doc.language == "en"


def test_html_navigation_and_footer_are_gone(tmp_path: Path) -> None:
    doc = dyad.extract_file(write(tmp_path / "talks.html", PAGE))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:2] == [EN_1, EN_2]
    assert len(paragraphs) == 3
    for furniture in ("Coastal affairs desk", "Regatta results", "All rights reserved", "desk@tidewater", "<"):
        assert furniture not in doc.text


def test_html_metadata_is_overridden_by_given_metadata(tmp_path: Path) -> None:
    doc = dyad.extract_file(write(tmp_path / "talks.html", PAGE), published="2023-09-15", source="Mirror Copy")
    assert doc.published == "2023-09-15"
    assert doc.outlet == "Mirror Copy"


def test_suffixless_file_starting_with_a_tag_is_read_as_html(tmp_path: Path) -> None:
    doc = dyad.extract_file(write(tmp_path / "talks", PAGE))
    assert doc.title == "Harbor talks stall over quota dispute"
    assert "<p>" not in doc.text


# -- JSON lines and JSON -------------------------------------------------------------------------

RECORD_HTML = (f"<html><body><article><h1>Bridge reopens after repairs</h1><p>{EN_B}</p>"
               "<p>Drivers queued at both ends of the old stone bridge before the barriers were lifted.</p>"
               "</article></body></html>")


def _jsonl(tmp_path: Path) -> Path:
    lines = [
        json.dumps({"id": "rec-1", "text": ARTICLE, "published": "2022-05-02", "source": "Ferry News",
                    "title": "Moorings plan approved"}),
        "this line is not JSON at all",
        json.dumps({"id": "rec-3", "title": "a record without a body"}),
        json.dumps({"id": "rec-4", "html": RECORD_HTML}),
        "",
        json.dumps({"text": EN_C}),
    ]
    return write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")


def test_jsonl_records(tmp_path: Path) -> None:
    items = _items(_jsonl(tmp_path))
    assert _summary(items) == [
        ("Document", "rec-1", None),
        ("Skip", "feed#L2", "invalid JSON"),
        ("Skip", "rec-3", "no text"),
        ("Document", "rec-4", None),
        ("Document", items[4].doc_id, None),
    ]
    rec1, bad, _, rec4, last = items
    assert isinstance(rec1, Document) and isinstance(rec4, Document) and isinstance(last, Document)
    assert (rec1.published, rec1.outlet, rec1.title, rec1.text) == (
        "2022-05-02", "Ferry News", "Moorings plan approved", ARTICLE)
    assert rec1.path == str(tmp_path / "feed.jsonl")
    assert isinstance(bad, Skip) and bad.detail is not None and "line 2" in bad.detail
    assert rec4.title == "Bridge reopens after repairs"
    assert rec4.text.startswith(EN_B)
    assert last.text == EN_C
    assert last.doc_id == last.content_hash[:16]  # no id: a content hash


def test_jsonl_too_long_line_is_skipped_and_the_rest_is_read(tmp_path: Path) -> None:
    short = json.dumps({"id": "short", "text": EN_3})
    long = json.dumps({"id": "long", "text": " ".join([EN_1] * 20)})
    path = write(tmp_path / "feed.jsonl", f"{short}\n{long}\n{short.replace('short', 'again')}\n")
    items = _items(path, settings=Settings(max_bytes=len(short) + 50))
    assert _summary(items) == [("Document", "short", None), ("Skip", "feed#L2", "too large"),
                               ("Document", "again", None)]


def test_empty_jsonl_file(tmp_path: Path) -> None:
    assert _summary(_items(write(tmp_path / "feed.jsonl", "\n\n"))) == [("Skip", "feed", "empty")]


def test_json_file_with_a_list(tmp_path: Path) -> None:
    path = write(tmp_path / "many.json", json.dumps([{"text": EN_B}, {"id": "second", "text": EN_C}, "not a record"]))
    items = _items(path)
    assert _summary(items) == [("Document", items[0].doc_id, None), ("Document", "second", None),
                               ("Skip", "many#3", "not a JSON object")]
    assert items[0].text == EN_B


def test_json_file_with_one_object(tmp_path: Path) -> None:
    path = write(tmp_path / "one.json", json.dumps({"id": "solo", "text": EN_C, "published": "2021"}))
    doc = dyad.extract_file(path)
    assert (doc.doc_id, doc.published, doc.text) == ("solo", "2021", EN_C)


def test_invalid_json_file(tmp_path: Path) -> None:
    assert _summary(_items(write(tmp_path / "bad.json", '{"text": "unfinished'))) == [
        ("Skip", "bad", "invalid JSON")]


def test_json_file_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "big.json", json.dumps({"text": ARTICLE}))
    assert _summary(_items(path, settings=Settings(max_bytes=100))) == [("Skip", "big", "too large")]


# -- CSV -----------------------------------------------------------------------------------------

def _manifest_corpus(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write(data / "sub" / "one.txt", front_matter(EN_1, published="2019-01-01", source="Front Matter Times",
                                                 title="Front matter title", author="Petra Vallon"))
    write(data / "two.txt", front_matter(EN_B, published="2017-06-30"))
    return write(data / "manifest.csv",
                 "path,published,source,title,kind\n"
                 "sub/one.txt,2020-02-02,Manifest Herald,Manifest title,Opinion\n"
                 "two.txt,,Manifest Herald,,news\n"
                 "missing.txt,2020-02-03,Manifest Herald,Gone,news\n")


def test_csv_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = _manifest_corpus(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # paths are relative to the manifest, not to the working directory
    items = _items(manifest=manifest)
    assert _summary(items) == [("Document", "sub/one", None), ("Document", "two", None),
                               ("Skip", "missing", "file not found")]
    one, two, missing = items
    assert isinstance(one, Document) and isinstance(two, Document) and isinstance(missing, Skip)
    # the manifest wins over front matter; front matter fills what the manifest leaves empty
    assert (one.published, one.outlet, one.title, one.kind, one.author) == (
        "2020-02-02", "Manifest Herald", "Manifest title", "opinion", "Petra Vallon")
    assert one.path == "sub/one.txt"
    assert one.text == EN_1
    assert (two.published, two.outlet, two.title, two.kind) == ("2017-06-30", "Manifest Herald", None, "news")
    assert missing.path == "missing.txt"


def test_csv_manifest_given_as_a_path(tmp_path: Path) -> None:
    items = _items(_manifest_corpus(tmp_path))
    assert [it.doc_id for it in items] == ["sub/one", "two", "missing"]


def test_csv_with_a_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "docs.csv", "id,text,published,source\n"
                                        f'c1,"{EN_B}",2020-03-04,Town Crier\n'
                                        f'c2,"{EN_C}",2020-03-05,Town Crier\n'
                                        ',"",,\n')
    items = _items(path)
    assert _summary(items) == [("Document", "c1", None), ("Document", "c2", None), ("Skip", "docs#3", "empty")]
    assert (items[0].text, items[0].published, items[0].outlet) == (EN_B, "2020-03-04", "Town Crier")


def test_csv_without_path_or_text_column_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "table.csv", "name,score\nharbor,3\n")
    assert _summary(_items(path)) == [("Skip", "table", "unsupported type")]


# -- folders -------------------------------------------------------------------------------------

def test_folder_walk_is_recursive_sorted_and_skips_hidden_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", EN_B)
    write(root / "a.txt", ARTICLE)
    write(root / "deep" / "er" / "c.txt", EN_C)
    write(root / "deep" / "d.txt", EN_3)
    write(root / ".hidden.txt", "A hidden file that the folder walk must never read.")
    write(root / ".cache" / "e.txt", "A file in a hidden folder that the walk must never read either.")
    items = _items(root)
    assert [it.doc_id for it in items] == ["a", "b", "deep/d", "deep/er/c"]
    assert items[3].path == str(root / "deep" / "er" / "c.txt")


def test_manifest_inside_a_folder_is_used_and_its_files_are_not_read_twice(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "listed.txt", EN_1)
    write(root / "unlisted.txt", EN_B)
    write(root / "index.csv", "path,published,source,title,kind\nlisted.txt,2021-07-01,Manifest Herald,Listed,news\n")
    items = _items(root)
    assert [it.doc_id for it in items] == ["listed", "unlisted"]
    listed = items[0]
    assert isinstance(listed, Document)
    assert (listed.published, listed.outlet, listed.title) == ("2021-07-01", "Manifest Herald", "Listed")


def test_folder_and_manifest_option_read_each_listed_file_once_with_manifest_metadata(tmp_path: Path) -> None:
    root = tmp_path / "corpus" / "docs"
    write(root / "listed.txt", EN_1)
    write(root / "unlisted.txt", EN_B)
    manifest = write(tmp_path / "corpus" / "index.csv",
                     "path,published,source,title,kind\ndocs/listed.txt,2021-07-01,Manifest Herald,Listed,news\n")
    items = _items(root, root / "listed.txt", manifest=manifest)
    assert [it.doc_id for it in items] == ["docs/listed", "unlisted"]
    listed = items[0]
    assert isinstance(listed, Document) and listed.outlet == "Manifest Herald"


def test_unsupported_suffix(tmp_path: Path) -> None:
    items = _items(write(tmp_path / "slides.pptx", EN_1))
    assert _summary(items) == [("Skip", "slides", "unsupported type")]
    assert items[0].detail is not None and ".pptx" in items[0].detail


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", ARTICLE)
    items = _items(path, settings=Settings(max_bytes=100))
    assert _summary(items) == [("Skip", "long", "too large")]
    assert _summary(_items(path, settings=Settings(max_bytes=len(ARTICLE.encode()) + 1))) == [
        ("Document", "long", None)]


@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    assert _summary(_items(write(tmp_path / "blank.txt", content))) == [("Skip", "blank", "empty")]


def test_binary_file_with_a_text_suffix(tmp_path: Path) -> None:
    items = _items(write(tmp_path / "picture.txt", PNG_BYTES))
    assert _summary(items) == [("Skip", "picture", "binary file")]
    assert items[0].detail == "PNG image"


def test_plan_raises_for_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="absent"):
        plan([tmp_path / "absent"])
    with pytest.raises(InputNotFound, match="manifest"):
        plan([], tmp_path / "absent.csv")


def test_plan_raises_for_a_manifest_without_a_path_column(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", "file,title\nx.txt,Something\n")
    with pytest.raises(ManifestError, match="no 'path' column") as info:
        plan([], bad)
    assert "path,published,source,title,kind" in info.value.hint


def test_plan_lists_entries_without_reading_them(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "a.txt", ARTICLE)
    write(root / "z.png", PNG_BYTES)
    entries = plan([root])
    assert [(e.doc_id, e.size) for e in entries] == [("a", len(ARTICLE.encode())), ("z", len(PNG_BYTES))]


# -- other languages -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [(FR, "fr"), (DE, "de")])
def test_other_languages_are_kept_and_segmented(tmp_path: Path, text: str, lang: str) -> None:
    doc = dyad.extract_file(write(tmp_path / f"{lang}.txt", front_matter(text, published="2024-03-01")))
    assert doc.language == lang
    assert doc.text == text
    assert len(doc.sentences) == 3
    assert doc.sentence_text(0).endswith(("Paris.", "Berlin."))
    assert not any(isinstance(n, Note) and n.stage == "ingest" for n in doc.notes)


def test_paragraph_text_survives_reading(tmp_path: Path) -> None:
    doc = dyad.extract_file(write(tmp_path / "crlf.txt", ARTICLE.replace("\n", "\r\n").encode()))
    assert doc.text == ARTICLE
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == [EN_1, EN_2, EN_3]
