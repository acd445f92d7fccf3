"""Ingest: files, folders, manifests and records become Documents or Skips."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dyad.config import Settings
from dyad.ingest.decode import Decoded, DecodeFailure, decode
from dyad.ingest.meta import content_hash, new_document, normalize_date
from dyad.ingest.readers import Entry, Item, html_to_document, manifest_entries, plan, read_entry

__all__ = [
    "DecodeFailure", "Decoded", "Entry", "Item", "content_hash", "decode", "html_to_document",
    "manifest_entries", "new_document", "normalize_date", "plan", "read_entries", "read_entry",
]


def read_entries(entries: Iterable[Entry], settings: Settings) -> Iterator[Item]:
    for entry in entries:
        yield from read_entry(entry, settings)
