"""How a Document becomes rows: one TableSpec per stored table.

A stage that adds output adds a migration creating its table and a TableSpec here; the writer
inserts every spec's rows for every new document in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from dyad.model import Document

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    columns: tuple[tuple[str, pa.DataType], ...]
    rows: Callable[[Document, int], Iterable[Row]]  # (document, batch_id) -> rows

    def arrow(self, docs: Iterable[Document], batch_id: int) -> pa.Table:
        cols: list[list[Any]] = [[] for _ in self.columns]
        for doc in docs:
            for row in self.rows(doc, batch_id):
                for col, value in zip(cols, row, strict=True):
                    col.append(value)
        return pa.table({name: pa.array(col, type=t) for (name, t), col in zip(self.columns, cols, strict=True)})


def facts(d: Document) -> str:
    return ",".join(sorted(d.done))


def _document_rows(d: Document, batch_id: int) -> Iterable[Row]:
    notes = json.dumps([{"stage": n.stage, "message": n.message} for n in d.notes], ensure_ascii=False)
    yield (d.content_hash, d.doc_id, d.path, d.url, d.outlet, d.author, d.title, d.kind, d.published,
           d.language, d.language_score, d.encoding, d.text, len(d.sentences), notes, batch_id, facts(d))


def _sentence_rows(d: Document, batch_id: int) -> Iterable[Row]:
    for i, s in enumerate(d.sentences):
        yield (d.content_hash, i, s.start, s.end, s.paragraph, ",".join(s.issues) or None)


STR, INT, FLOAT = pa.string(), pa.int32(), pa.float64()
DOCUMENTS = TableSpec("documents", (
    ("doc_key", STR), ("doc_id", STR), ("path", STR), ("url", STR), ("outlet", STR), ("author", STR), ("title", STR),
    ("kind", STR), ("published", STR), ("language", STR), ("language_score", FLOAT), ("encoding", STR), ("text", STR),
    ("n_sentences", INT), ("notes", STR), ("batch_id", INT), ("facts", STR)), _document_rows)
SENTENCES = TableSpec("sentences", (
    ("doc_key", STR), ("idx", INT), ("char_start", INT), ("char_end", INT), ("paragraph", INT), ("issues", STR)),
    _sentence_rows)

def _mention_rows(d: Document, batch_id: int) -> Iterable[Row]:
    for i, m in enumerate(d.mentions):
        yield (d.content_hash, i, m.sentence, m.start, m.end, m.text, m.actor.name, m.actor.code, m.actor.role,
               m.rule, m.confidence)


MENTIONS = TableSpec("mentions", (
    ("doc_key", STR), ("idx", INT), ("sentence", INT), ("char_start", INT), ("char_end", INT), ("text", STR),
    ("name", STR), ("code", STR), ("role", STR), ("rule", STR), ("confidence", FLOAT)), _mention_rows)

def _time_rows(d: Document, batch_id: int) -> Iterable[Row]:
    for i, t in enumerate(d.times):
        lo, hi = (dt.date.fromisoformat(t.range[0]), dt.date.fromisoformat(t.range[1])) if t.range else (None, None)
        yield (d.content_hash, i, t.sentence, t.start, t.end, t.text, t.value, t.precision, lo, hi, t.rule)


TIMES = TableSpec("times", (
    ("doc_key", STR), ("idx", INT), ("sentence", INT), ("char_start", INT), ("char_end", INT), ("text", STR),
    ("value", STR), ("precision", STR), ("range_start", pa.date32()), ("range_end", pa.date32()), ("rule", STR)),
    _time_rows)

def _quote_rows(d: Document, batch_id: int) -> Iterable[Row]:
    for i, q in enumerate(d.quotes):
        sp = q.speaker
        yield (d.content_hash, i, q.sentence, q.start, q.end, q.text, q.kind, sp.name if sp else None,
               sp.code if sp else None, sp.role if sp else None, q.rule, q.confidence, ",".join(q.issues) or None)


QUOTES = TableSpec("quotes", (
    ("doc_key", STR), ("idx", INT), ("sentence", INT), ("char_start", INT), ("char_end", INT), ("text", STR),
    ("kind", STR), ("speaker_name", STR), ("speaker_code", STR), ("speaker_role", STR), ("rule", STR),
    ("confidence", FLOAT), ("issues", STR)), _quote_rows)

def first_day(value: str | None) -> dt.date | None:
    """The first day an ISO date, week (2024-W16), month or year covers."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        if len(value) == 8 and value[4:6] == "-W":
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        if len(value) == 4:
            return dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _event_rows(d: Document, batch_id: int) -> Iterable[Row]:
    for i, e in enumerate(d.events):
        s, t, ev = e.source, e.target, e.evidence
        yield (d.content_hash, i, e.sentence, s.name if s else None, s.code if s else None, s.role if s else None,
               t.name if t else None, t.code if t else None, t.role if t else None, e.cameo, e.root, e.plover,
               e.plover_mode, e.goldstein, e.quad_class, e.status, e.date, e.date_precision, first_day(e.date),
               ev.trigger.start, ev.trigger.end, ev.trigger.text, ev.rule, ev.confidence, ",".join(e.issues) or None)


EVENTS = TableSpec("events", (
    ("doc_key", STR), ("idx", INT), ("sentence", INT), ("source_name", STR), ("source_code", STR),
    ("source_role", STR), ("target_name", STR), ("target_code", STR), ("target_role", STR), ("cameo", STR),
    ("root", STR), ("plover", STR), ("plover_mode", STR), ("goldstein", FLOAT), ("quad_class", INT),
    ("status", STR), ("date", STR), ("date_precision", STR), ("day", pa.date32()), ("trigger_start", INT),
    ("trigger_end", INT), ("trigger_text", STR), ("rule", STR), ("confidence", FLOAT), ("issues", STR)),
    _event_rows)



def _doc_issue_rows(d: Document, batch_id: int) -> Iterable[Row]:
    for i in d.issues:
        yield (d.content_hash, i.issue, i.score)


DOC_ISSUES = TableSpec("doc_issues", (("doc_key", STR), ("issue", STR), ("score", FLOAT)), _doc_issue_rows)


def _position_rows(d: Document, batch_id: int) -> Iterable[Row]:
    for i, p in enumerate(d.positions):
        yield (d.content_hash, i, p.actor, p.issue, p.kind, p.index, p.sentence, p.counterpart, p.value, p.polarity,
               p.status, p.code, " | ".join(p.words) or None)


POSITIONS = TableSpec("positions", (
    ("doc_key", STR), ("idx", INT), ("actor", STR), ("issue", STR), ("kind", STR), ("item", INT), ("sentence", INT),
    ("counterpart", STR), ("value", FLOAT), ("polarity", STR), ("status", STR), ("code", STR), ("words", STR)),
    _position_rows)

TABLES: tuple[TableSpec, ...] = (DOCUMENTS, SENTENCES, MENTIONS, TIMES, QUOTES, EVENTS, DOC_ISSUES, POSITIONS)
