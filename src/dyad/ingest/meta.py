"""Document metadata: the fields readers accept, and publication dates kept at their own precision."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from typing import Any

from dyad.model import Document, Note

# accepted metadata keys, and the Document field each one fills
FIELDS = {
    "published": "published", "date": "published", "source": "outlet", "outlet": "outlet",
    "title": "title", "kind": "kind", "url": "url", "author": "author", "language": "language",
}
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def normalize_date(value: Any) -> str | None:
    """A publication date as ISO at the precision given: `2024-04-23`, `2018-10` or `2018`.

    Accepts date objects, ISO strings and timestamps, and written dates ("April 23, 2024",
    "October 2018"). Returns None for values that are not dates.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        year, month, day = m.groups()
        try:
            if day:
                return dt.date(int(year), int(month), int(day)).isoformat()
            if month:
                return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None
            return year
        except ValueError:
            return None
    return _written_date(text)


def _written_date(text: str) -> str | None:
    from dateutil import parser

    # parse twice with different defaults: a part that changes was not in the text
    try:
        a = parser.parse(text, default=dt.datetime(1904, 1, 1), fuzzy=False)
        b = parser.parse(text, default=dt.datetime(1908, 2, 2), fuzzy=False)
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if a.year != b.year:
        return None
    if a.month != b.month:
        return f"{a.year:04d}"
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    return a.date().isoformat()


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no trailing space: the form hashed and cleaned."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_document(body: str, *, doc_id: str | None, path: str | None = None, encoding: str | None = None,
                 meta: dict[str, Any] | None = None, defaults: dict[str, Any] | None = None) -> Document:
    """A Document from a reader's body text; `meta` wins over `defaults` (e.g. manifest over front matter)."""
    body = normalize_text(body)
    digest = content_hash(body)
    fields: dict[str, Any] = {}
    notes: list[Note] = []
    for source in (defaults or {}, meta or {}):
        for key, value in source.items():
            target = FIELDS.get(key)
            if target is None or value is None or value == "":
                continue
            if target == "published":
                fields[target] = normalize_date(value)
                if fields[target] is None:
                    notes.append(Note("ingest", f"publication date {value!r} is not a date; left empty"))
            else:
                fields[target] = str(value).strip()
    if "kind" in fields:
        fields["kind"] = fields["kind"].lower()
    return Document(doc_id=doc_id or digest[:16], text=body, content_hash=digest, path=path,
                    encoding=encoding, notes=tuple(notes), **fields)
