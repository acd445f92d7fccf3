"""Readers: each input becomes Documents or Skips, never an exception.

`plan()` turns the user's paths (files, folders, manifests) into a list of Entry objects without
reading them, so that a progress bar knows the total; `read_entry()` reads one entry. Readers by
suffix: text (.txt .text .md, optional `---` YAML front matter), HTML (.html .htm .xhtml, through
trafilatura), JSON lines (.jsonl .ndjson .json: `text` or `html` plus metadata), CSV (.csv: a
manifest with a `path` column, or documents with a `text` or `html` column).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from dyad.config import Settings
from dyad.errors import InputNotFound, ManifestError
from dyad.ingest.decode import DecodeFailure, decode
from dyad.ingest.meta import content_hash, new_document, normalize_text
from dyad.model import Document, Skip

TEXT = frozenset({".txt", ".text", ".md", ".markdown"})
HTML = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL = frozenset({".jsonl", ".ndjson", ".json"})
CSV = frozenset({".csv"})
SUPPORTED = TEXT | HTML | JSONL | CSV
MANIFEST_COLUMNS = ("path", "published", "source", "title", "kind")

Item = Document | Skip
# libyaml's safe loader when PyYAML has it (the wheels do): about 20× faster on front matter
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Entry:
    """One file to read: where it is, the doc_id it gets, how to show its path, its metadata."""

    file: Path
    doc_id: str
    shown: str
    meta: dict[str, Any] = field(default_factory=dict)
    size: int = 0


def plan(paths: Sequence[str | Path] = (), manifest: str | Path | None = None) -> list[Entry]:
    """The entries behind `paths` and `manifest`; raises InputNotFound/ManifestError for bad arguments.

    A file is planned once: when a manifest lists it, it is read through the manifest (with the
    manifest's metadata) even if a folder or path named on the command line also contains it.
    """
    listed: list[Entry] = []
    if manifest is not None:
        m = Path(manifest)
        if not m.is_file():
            raise InputNotFound(f"no such manifest: {manifest}")
        listed = manifest_entries(m)
    entries: list[Entry] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputNotFound(f"no such file or folder: {raw}")
        if p.is_dir():
            entries.extend(_walk(p, str(raw)))
        elif p.suffix.lower() in CSV and _csv_kind(p) == "manifest":
            entries.extend(manifest_entries(p))
        else:
            entries.append(_entry(p, p.stem, str(raw)))
    return _once(listed + entries)


def _once(entries: list[Entry]) -> list[Entry]:
    """Entries without repeats of the same file; the first (manifest entries come first) wins."""
    seen: set[Path] = set()
    out: list[Entry] = []
    for e in entries:
        key = e.file.resolve()
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def _entry(file: Path, doc_id: str, shown: str, meta: dict[str, Any] | None = None) -> Entry:
    try:
        size = file.stat().st_size
    except OSError:
        size = 0
    return Entry(file, doc_id, shown, dict(meta or {}), size)


def _doc_id(rel: str) -> str:
    p = PurePosixPath(rel.replace(os.sep, "/"))
    return str(p.with_suffix("")) if p.suffix else str(p)


def _walk(root: Path, shown_root: str) -> list[Entry]:
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath, f) for f in sorted(filenames) if not f.startswith("."))
    entries: list[Entry] = []
    listed: set[Path] = set()
    manifests: list[Path] = []
    for f in files:  # manifests first: the files they list are read through them, with their metadata
        if f.suffix.lower() in CSV and _csv_kind(f) == "manifest":
            manifests.append(f)
    for m in manifests:
        for e in manifest_entries(m):
            listed.add(e.file.resolve())
            entries.append(e)
    for f in files:
        if f in manifests or f.resolve() in listed:
            continue
        rel = f.relative_to(root).as_posix()
        entries.append(_entry(f, _doc_id(rel), os.path.join(shown_root, rel)))
    return entries


def _csv_kind(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    cols = {c.strip().lower() for c in header}
    if "path" in cols:
        return "manifest"
    if cols & {"text", "html"}:
        return "documents"
    return None


def manifest_entries(manifest: Path) -> list[Entry]:
    """Entries of a CSV manifest (path,published,source,title,kind; paths relative to the manifest)."""
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read manifest {manifest}: {exc}") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [c.strip().lower() for c in (reader.fieldnames or [])]
    if not header:
        raise ManifestError(f"manifest {manifest} is empty")
    if "path" not in header:
        raise ManifestError(f"manifest {manifest} has no 'path' column (columns: {', '.join(header) or 'none'})")
    base = manifest.parent
    entries: list[Entry] = []
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ManifestError(f"manifest {manifest} is not valid CSV: {exc}") from None
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        rel = row.pop("path", "")
        if not rel:
            continue
        target = base / rel
        if target.is_dir():
            for e in _walk(target, rel):
                entries.append(Entry(e.file, _doc_id(PurePosixPath(rel, e.doc_id).as_posix()), e.shown,
                                     {**row, **e.meta}, e.size))
            continue
        entries.append(_entry(target, _doc_id(rel), rel, row))
    return entries


def read_entry(entry: Entry, settings: Settings) -> Iterator[Item]:
    """Read one entry: one Document or Skip, or for JSONL/CSV documents, one per record."""
    suffix = entry.file.suffix.lower()

    def skip(reason: str, detail: str | None = None) -> Skip:
        return Skip(entry.doc_id, reason, path=entry.shown, detail=detail)

    if suffix not in SUPPORTED and suffix:
        yield skip("unsupported type", f"'{suffix}' files are not read; dyad reads "
                                       f"{', '.join(sorted(SUPPORTED))}")
        return
    if not entry.file.is_file():
        yield skip("file not found")
        return
    try:
        size = entry.file.stat().st_size
    except OSError as exc:
        yield skip("unreadable", str(exc))
        return
    if suffix in JSONL:
        yield from _read_jsonl(entry, settings)
        return
    if size > settings.max_bytes:
        yield skip("too large", f"{size:,} bytes > limit {settings.max_bytes:,} (set max_bytes to raise it)")
        return
    if suffix in CSV:
        yield from _read_csv_documents(entry, settings)
        return
    try:
        data = entry.file.read_bytes()
        decoded = decode(data)
    except OSError as exc:
        yield skip("unreadable", str(exc))
        return
    except DecodeFailure as exc:
        yield skip(exc.reason, exc.detail)
        return
    if suffix in HTML or (not suffix and decoded.text.lstrip()[:1] == "<"):
        yield _html_document(decoded.text, entry, decoded.encoding)
    else:
        yield _text_document(decoded.text, entry, decoded.encoding)


def _text_document(text: str, entry: Entry, encoding: str) -> Item:
    front, body = split_front_matter(text)
    if not body.strip():
        return Skip(entry.doc_id, "empty", path=entry.shown)
    return new_document(body, doc_id=entry.doc_id, path=entry.shown, encoding=encoding,
                        meta=entry.meta, defaults=front)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter between `---` lines at the very top; a block that is not a YAML mapping is body."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return {}, text
    lines = stripped.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i in range(1, min(len(lines), 60)):
        if lines[i].strip() in ("---", "..."):
            try:
                data = yaml.load("\n".join(lines[1:i]), Loader=_YAML_LOADER)
            except yaml.YAMLError:
                return {}, text
            if not isinstance(data, dict):
                return {}, text
            return {str(k).lower(): v for k, v in data.items()}, "\n".join(lines[i + 1:])
    return {}, text


def html_to_document(html: str, *, doc_id: str | None, path: str | None = None, url: str | None = None,
                     meta: dict[str, Any] | None = None, encoding: str | None = None) -> Item:
    """Main text, title, author and date of an HTML page through trafilatura."""
    import trafilatura

    doc_id = doc_id or content_hash(normalize_text(html))[:16]
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken pages
        return Skip(doc_id, "malformed HTML", path=path, url=url, detail=f"{type(exc).__name__}: {exc}")
    text = getattr(result, "text", None)
    if not text or not text.strip():
        return Skip(doc_id, "no main text found in HTML", path=path, url=url)
    res: Any = result  # a trafilatura Document (its stubs also allow a dict)
    found = {"title": res.title, "author": res.author, "published": res.date,
             "source": res.sitename, "url": res.url or url}
    # trafilatura puts one paragraph per line: make each a block of its own for the cleaner
    body = "\n\n".join(line for line in text.split("\n") if line.strip())
    return new_document(body, doc_id=doc_id, path=path, encoding=encoding, meta=meta, defaults=found)


def _html_document(html: str, entry: Entry, encoding: str) -> Item:
    return html_to_document(html, doc_id=entry.doc_id, path=entry.shown, meta=entry.meta, encoding=encoding)


def record_to_item(rec: Any, *, doc_id: str, path: str, defaults: dict[str, Any]) -> Item:
    """One JSON or CSV record: `text` or `html` plus metadata; `id` or `doc_id` names it."""
    if not isinstance(rec, dict):
        return Skip(doc_id, "not a JSON object", path=path)
    rid = rec.get("doc_id") or rec.get("id")
    own_id = str(rid) if rid not in (None, "") else None
    meta = {k: v for k, v in rec.items() if k not in ("text", "html")}
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        return html_to_document(rec["html"], doc_id=own_id, path=path, url=rec.get("url"),
                                meta={**defaults, **meta})
    text = rec.get("text")
    if not isinstance(text, str):
        return Skip(own_id or doc_id, "no text", path=path, detail="a record needs a 'text' or 'html' field")
    if not text.strip():
        return Skip(own_id or doc_id, "empty", path=path)
    return new_document(text, doc_id=own_id, path=path, meta={**defaults, **meta})


def _read_jsonl(entry: Entry, settings: Settings) -> Iterator[Item]:
    try:
        fh = entry.file.open("rb")
    except OSError as exc:
        yield Skip(entry.doc_id, "unreadable", path=entry.shown, detail=str(exc))
        return
    with fh:
        if entry.file.suffix.lower() == ".json":  # one object, or a list of them
            data = fh.read()
            if len(data) > settings.max_bytes:
                yield Skip(entry.doc_id, "too large", path=entry.shown,
                           detail=f"{len(data):,} bytes > limit {settings.max_bytes:,}")
                return
            try:
                recs = json.loads(decode(data).text)
            except DecodeFailure as exc:
                yield Skip(entry.doc_id, exc.reason, path=entry.shown, detail=exc.detail)
                return
            except json.JSONDecodeError as exc:
                yield Skip(entry.doc_id, "invalid JSON", path=entry.shown, detail=str(exc))
                return
            if isinstance(recs, dict):
                yield record_to_item(recs, doc_id=entry.doc_id, path=entry.shown, defaults=entry.meta)
                return
            if not isinstance(recs, list):
                yield Skip(entry.doc_id, "not a JSON object", path=entry.shown)
                return
            for n, rec in enumerate(recs, 1):
                yield record_to_item(rec, doc_id=f"{entry.doc_id}#{n}", path=entry.shown, defaults=entry.meta)
            return
        empty = True
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            empty = False
            line_id = f"{entry.doc_id}#L{n}"
            if len(raw) > settings.max_bytes:
                yield Skip(line_id, "too large", path=entry.shown,
                           detail=f"line {n}: {len(raw):,} bytes > limit {settings.max_bytes:,}")
                continue
            try:
                rec = json.loads(decode(raw).text)
            except (DecodeFailure, json.JSONDecodeError) as exc:
                yield Skip(line_id, "invalid JSON", path=entry.shown, detail=f"line {n}: {exc}")
                continue
            yield record_to_item(rec, doc_id=line_id, path=entry.shown, defaults=entry.meta)
        if empty:
            yield Skip(entry.doc_id, "empty", path=entry.shown)


def _read_csv_documents(entry: Entry, settings: Settings) -> Iterator[Item]:
    kind = _csv_kind(entry.file)
    if kind == "manifest":
        # a manifest named directly as an input: read what it lists
        for sub in manifest_entries(entry.file):
            yield from read_entry(sub, settings)
        return
    if kind != "documents":
        yield Skip(entry.doc_id, "unsupported type", path=entry.shown,
                   detail="a CSV file needs a 'path' column (manifest) or a 'text' or 'html' column")
        return
    try:
        text = decode(entry.file.read_bytes()).text
    except (OSError, DecodeFailure) as exc:
        yield Skip(entry.doc_id, getattr(exc, "reason", "unreadable"), path=entry.shown, detail=str(exc))
        return
    reader = csv.DictReader(io.StringIO(text))
    for n, row in enumerate(reader, 1):
        rec = {(k or "").strip().lower(): v for k, v in row.items() if k}
        yield record_to_item(rec, doc_id=f"{entry.doc_id}#{n}", path=entry.shown, defaults=entry.meta)
