"""Event exports: CSV, JSON lines, Parquet, and the GDELT 2.0 event table layout.

The GDELT layout is the 61 tab-separated columns of a GDELT 2.0 `export.CSV` file, without a
header, so that existing GDELT tooling reads dyad's events. Columns dyad has no value for (tone,
geography, religion and ethnicity codes) are empty; NumMentions, NumSources and NumArticles are 1
(one sentence in one article). GlobalEventID is a stable 63-bit number derived from the
document's content hash and the event's index.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import yaml

GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL")
# the flat columns of csv, jsonl and parquet exports
COLUMNS = ("doc_id", "published", "sentence", "source_name", "source_code", "source_role", "target_name",
           "target_code", "target_role", "cameo", "root", "plover", "plover_mode", "goldstein", "quad_class",
           "status", "date", "date_precision", "day", "trigger_text", "rule", "confidence", "issues",
           "sentence_text", "url", "path", "outlet")
FORMATS = ("table", "csv", "jsonl", "parquet", "gdelt")


@cache
def countries() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (and Kosovo's XKX) from the shipped gazetteer."""
    text = (resources.files("dyad.actors") / "data" / "countries.yaml").read_text(encoding="utf-8")
    rows = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    return frozenset(str(r["code"]) for r in rows if isinstance(r, dict) and r.get("code"))


def event_id(doc_key: str, idx: int) -> int:
    return int.from_bytes(hashlib.blake2b(f"{doc_key}:{idx}".encode(), digest_size=8).digest(), "big") >> 1


def _actor_columns(code: str | None, name: str | None) -> list[Any]:
    """Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1, Religion2, Type1, Type2, Type3."""
    if not code:
        return ["", (name or "").upper(), "", "", "", "", "", "", "", ""]
    country, rest = (code[:3], code[3:]) if code[:3] in countries() else ("", code)
    group = "" if country else rest  # an international organisation (UNO, NATO, G7): a known group
    types = [rest[i:i + 3] for i in range(0, len(rest), 3)] if country else []
    types += [""] * (3 - len(types))
    return [code, (name or "").upper(), country, group, "", "", "", *types[:3]]


def _day(row: dict[str, Any]) -> dt.date | None:
    day = row.get("day")
    if isinstance(day, dt.date):
        return day
    if isinstance(day, str) and len(day) >= 10:
        try:
            return dt.date.fromisoformat(day[:10])
        except ValueError:
            return None
    return None


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    day = _day(row)
    cameo = str(row["cameo"])
    stored = row.get("stored")
    added = stored.strftime("%Y%m%d%H%M%S") if isinstance(stored, dt.datetime) else ""
    if day is not None:
        start = dt.date(day.year, 1, 1)
        fraction = round(day.year + (day - start).days / 365.0, 4)
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, fraction]
    else:
        dates = ["", "", "", ""]
    return [event_id(row["doc_key"], row["idx"]), *dates,
            *_actor_columns(row.get("source_code"), row.get("source_name")),
            *_actor_columns(row.get("target_code"), row.get("target_name")),
            1 if row.get("paragraph") == 0 else 0, cameo, cameo[:3], cameo[:2], row.get("quad_class") or "",
            row.get("goldstein") if row.get("goldstein") is not None else "", 1, 1, 1, "",
            *([""] * 24), added, row.get("url") or row.get("path") or ""]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    out = {c: row.get(c) for c in COLUMNS}
    if isinstance(out["day"], dt.date):
        out["day"] = out["day"].isoformat()
    return out


def write_events(rows: Sequence[dict[str, Any]], fmt: str, sink: IO[str] | None = None,
                 path: Path | None = None) -> None:
    """Write event rows (from Store.events) in a format; parquet needs a path."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        if path is None:
            raise ValueError("parquet needs an output file")
        flat = [_flat(r) for r in rows]
        table = pa.Table.from_pylist(flat) if flat else pa.table({c: pa.array([], pa.string()) for c in COLUMNS})
        pq.write_table(table, path)
        return
    assert sink is not None
    if fmt == "csv":
        w = csv.DictWriter(sink, fieldnames=list(COLUMNS), lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(_flat(r))
    elif fmt == "jsonl":
        for r in rows:
            sink.write(json.dumps(_flat(r), ensure_ascii=False, default=str) + "\n")
    elif fmt == "gdelt":
        w2 = csv.writer(sink, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for r in rows:
            w2.writerow([_clean(v) for v in gdelt_row(r)])
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _clean(v: Any) -> Any:
    return v.replace("\t", " ").replace("\n", " ") if isinstance(v, str) else v


def gdelt_text(rows: Iterable[dict[str, Any]]) -> str:
    buf = io.StringIO()
    write_events(list(rows), "gdelt", buf)
    return buf.getvalue()
