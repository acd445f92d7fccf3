"""The output contract of `dyad extract`: one JSON object per document (DESIGN.md), and its JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import orjson

from dyad.issues.stance import summarise
from dyad.model import Actor, Document, Event, Mention, Quote, Skip, TimeExpr

SCHEMA_RESOURCE = "output.schema.json"


def _actor(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"name": a.name, "code": a.code, "role": a.role}


def _mention(m: Mention) -> dict[str, Any]:
    return {"sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text, "actor": _actor(m.actor),
            "rule": m.rule, "confidence": m.confidence}


def _quote(q: Quote) -> dict[str, Any]:
    return {"sentence": q.sentence, "start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
            "speaker": _actor(q.speaker), "rule": q.rule, "confidence": q.confidence, "issues": list(q.issues)}


def _time(t: TimeExpr) -> dict[str, Any]:
    return {"sentence": t.sentence, "start": t.start, "end": t.end, "text": t.text, "value": t.value,
            "precision": t.precision, "range": list(t.range) if t.range else None, "rule": t.rule}


def _event(e: Event) -> dict[str, Any]:
    ev = e.evidence
    return {"sentence": e.sentence, "source": _actor(e.source), "target": _actor(e.target), "cameo": e.cameo,
            "root": e.root, "plover": e.plover, "plover_mode": e.plover_mode, "goldstein": e.goldstein,
            "quad_class": e.quad_class, "status": e.status, "date": e.date, "date_precision": e.date_precision,
            "issues": list(e.issues),
            "evidence": {"trigger": {"start": ev.trigger.start, "end": ev.trigger.end, "text": ev.trigger.text},
                         "rule": ev.rule, "confidence": ev.confidence}}


def to_record(item: Document | Skip) -> dict[str, Any]:
    """The contract's JSON object for a Document, or the one-line skip record for a Skip."""
    if isinstance(item, Skip):
        skip: dict[str, Any] = {"reason": item.reason}
        if item.detail:
            skip["detail"] = item.detail
        return {"doc_id": item.doc_id, "path": item.path, "url": item.url, "skip": skip}
    d = item
    return {
        "doc_id": d.doc_id, "path": d.path, "url": d.url, "outlet": d.outlet, "author": d.author,
        "title": d.title, "kind": d.kind, "published": d.published, "language": d.language,
        "text": d.text,
        "sentences": [{"start": s.start, "end": s.end, "paragraph": s.paragraph, "issues": list(s.issues)}
                      for s in d.sentences],
        "mentions": [_mention(m) for m in d.mentions],
        "quotes": [_quote(q) for q in d.quotes],
        "times": [_time(t) for t in d.times],
        "events": [_event(e) for e in d.events],
        "issues": [{"issue": i.issue, "score": i.score} for i in d.issues],
        "stances": summarise(d.positions),
        "content_hash": d.content_hash,
        "notes": [{"stage": n.stage, "message": n.message} for n in d.notes],
    }


def to_json(item: Document | Skip) -> str:
    """One output line (compact JSON, UTF-8 characters as they are)."""
    return orjson.dumps(to_record(item)).decode()


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output line, shipped in the package."""
    text = resources.files("dyad.data").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
