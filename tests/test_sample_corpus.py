"""The bundled sample corpus (dyad.data/sample) and its description in SAMPLE.md."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
import yaml

import dyad

QUOTE_WITH_VERB = re.compile(r"“[^”]{3,}”[^“”.]{0,80}\b(?:said|told|says|tells)\b|\b(?:said|told)\b[^“”.]{0,80}“")


@dataclass
class Item:
    path: Path
    published: str | None
    outlet: str | None
    kind: str | None
    title: str | None
    body: str


class _Article(HTMLParser):
    """Paragraph text inside <article>, without the byline paragraph; and the page's meta tags."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.paragraphs: list[str] = []
        self._in_article = 0
        self._in_p = False
        self._skip_p = False
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta[key] = a.get("content", "")
        elif tag == "article":
            self._in_article += 1
        elif tag == "p" and self._in_article:
            self._in_p, self._skip_p, self._buf = True, "byline" in a.get("class", ""), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        elif tag == "p" and self._in_p:
            if not self._skip_p:
                self.paragraphs.append("".join(self._buf).strip())
            self._in_p = False

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self._buf.append(data)


def _read(path: Path) -> Item:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        parser = _Article()
        parser.feed(raw)
        published = parser.meta.get("article:published_time", "")[:10] or None
        # an HTML page has no `kind`; SAMPLE.md's table gives it
        return Item(path, published, parser.meta.get("og:site_name"), None, parser.meta.get("og:title"),
                    "\n\n".join(parser.paragraphs))
    assert raw.startswith("---\n"), path.name
    head, body = raw[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    published = meta.get("published")
    return Item(path, str(published) if published is not None else None, meta.get("source"), meta.get("kind"),
                meta.get("title"), body)


@pytest.fixture(scope="module")
def items() -> list[Item]:
    with resources.as_file(resources.files("dyad.data") / "sample") as sample:
        return [_read(p) for p in sorted(Path(sample).iterdir()) if p.is_file() and not p.name.startswith(".")]


@pytest.fixture(scope="module")
def sample_md() -> str:
    return (resources.files("dyad.data") / "SAMPLE.md").read_text(encoding="utf-8")


def test_at_least_fifteen_items(items: list[Item]) -> None:
    assert len(items) >= 15


def test_every_item_is_150_to_400_words(items: list[Item]) -> None:
    for item in items:
        words = len(item.body.split())
        assert 150 <= words <= 400, (item.path.name, words)


def test_every_item_has_a_date_and_an_outlet(items: list[Item]) -> None:
    for item in items:
        assert item.published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", item.published), item.path.name
        dt.date.fromisoformat(item.published)
        assert item.outlet and item.outlet.strip(), item.path.name


def test_exactly_one_html_item(items: list[Item]) -> None:
    assert [i.path.suffix for i in items].count(".html") == 1
    assert {i.path.suffix for i in items} <= {".txt", ".html"}


def test_two_opinion_items(items: list[Item]) -> None:
    assert sorted(i.path.name for i in items if i.kind == "opinion") == [
        "09_opinion_keep_military_lines_open.txt", "22_opinion_narrow_export_controls.txt"]


def test_same_event_pairs_named_in_sample_md(items: list[Item], sample_md: str) -> None:
    line = next(ln for ln in sample_md.splitlines() if ln.startswith("Same-event pairs:"))
    pairs = re.findall(r"(\d{2}) and (\d{2}) \(", line)
    assert pairs, line
    # the table's last column names the same pairs, both ways
    table = {(m[0][:2], m[1]) for m in re.findall(r"^\| (\S+) \|.*\| (\d{2}) \|$", sample_md, re.M)}
    assert table == {(a, b) for a, b in pairs} | {(b, a) for a, b in pairs}
    by_number = {i.path.name[:2]: i for i in items}
    for a, b in pairs:
        first, second = by_number[a], by_number[b]
        assert first.published and second.published
        gap = abs(dt.date.fromisoformat(first.published) - dt.date.fromisoformat(second.published))
        assert gap <= dt.timedelta(days=3), (a, b)
        # the two reports share the people and places of the event
        names = (set(re.findall(r"\b[A-Z][a-z]{3,}\b", first.body)) & set(re.findall(r"\b[A-Z][a-z]{3,}\b",
                                                                                      second.body)))
        assert len(names) >= 5, (a, b, names)


def test_sample_md_table_matches_the_files(items: list[Item], sample_md: str) -> None:
    rows = re.findall(r"^\| (\S+\.(?:txt|html)) \| (\d{4}-\d{2}-\d{2}) \| ([^|]+) \| (\w+) \|", sample_md, re.M)
    assert len(rows) == len(items)
    by_name = {i.path.name: i for i in items}
    for name, published, outlet, kind in rows:
        item = by_name[name]
        assert item.published == published, name
        assert item.outlet == outlet.strip(), name
        if item.path.suffix == ".txt":
            assert item.kind == kind, name


def test_direct_quotes_in_several_items(items: list[Item]) -> None:
    quoted = [i.path.name for i in items if QUOTE_WITH_VERB.search(i.body)]
    assert len(quoted) >= 5, quoted


def test_sample_corpus_reads_without_skips(items: list[Item]) -> None:
    folder = items[0].path.parent
    docs = list(dyad.extract_many([folder]))
    assert len(docs) == len(items)
    assert all(isinstance(d, dyad.Document) for d in docs)
    by_id = {d.doc_id: d for d in docs}
    for item in items:
        doc = by_id[item.path.stem]
        assert doc.published == item.published
        assert doc.outlet == item.outlet
        assert doc.language == "en"
        assert len(doc.sentences) >= 5
