"""The DuckDB store: numbered migrations, one writer, atomic batches, content-hash deduplication.

Every batch is one transaction: after a crash the database holds each batch whole or not at all.
A document whose content hash is already stored is a no-op, so re-ingesting is safe, unless the
stored rows came from fewer stages than the current pipeline has (an older dyad): then the
document's rows are replaced, so a database catches up with new stages. The stored
skips of an input describe its latest read: reading it again replaces them (and clears them when
it now reads fine).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from dyad._version import __version__
from dyad.errors import SchemaTooNew, StoreError, StoreLocked, UserError
from dyad.model import (
    Actor,
    Document,
    Event,
    Evidence,
    IssueScore,
    Mention,
    Note,
    Position,
    Quote,
    Sentence,
    Skip,
    Span,
    TimeExpr,
)
from dyad.store.tables import TABLES

_MIGRATION = re.compile(r"^(\d{4})_(\w+)\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped in the package, in order."""
    out = []
    for res in resources.files("dyad.store.migrations").iterdir():
        m = _MIGRATION.match(res.name)
        if m:
            out.append((int(m.group(1)), m.group(2), res.read_text(encoding="utf-8")))
    return sorted(out)


LATEST = migrations()[-1][0]


@dataclass
class WriteReport:
    """What a write did, summed over its batches."""

    batches: int = 0
    documents: int = 0
    updated: int = 0  # stored before, and replaced because this pipeline assigns more
    sentences: int = 0
    mentions: int = 0
    times: int = 0
    quotes: int = 0
    events: int = 0
    issues: int = 0      # (document, issue) pairs
    positions: int = 0
    duplicates: int = 0
    skips: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, other: WriteReport) -> None:
        self.batches += other.batches
        self.documents += other.documents
        self.updated += other.updated
        self.sentences += other.sentences
        self.mentions += other.mentions
        self.times += other.times
        self.quotes += other.quotes
        self.issues += other.issues
        self.positions += other.positions
        self.events += other.events
        self.duplicates += other.duplicates
        self.skips += other.skips
        for k, v in other.skip_reasons.items():
            self.skip_reasons[k] = self.skip_reasons.get(k, 0) + v


class Store:
    """A dyad database file. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path}", "run `dyad ingest PATH --db FILE` first, or pass --db")
        self.con = _connect(self.path, read_only)
        try:
            self._migrate()
        except BaseException:
            self.con.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @property
    def version(self) -> int:
        return int(self._scalar("SELECT coalesce(max(version), 0) FROM schema_version"))

    def _migrate(self) -> None:
        con = self.con
        has_table = self._scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'")
        current = self.version if has_table else 0
        if current > LATEST:
            raise SchemaTooNew(f"{self.path} has schema version {current}; this dyad knows up to {LATEST}")
        if current == LATEST:
            return
        if self.read_only:
            raise StoreError(f"{self.path} has schema version {current}, older than {LATEST}",
                             "open it once for writing (e.g. `dyad ingest`) to upgrade it")
        con.execute("CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
        for version, name, sql in migrations():
            if version <= current:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(sql)
                con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, name, _now()])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    # -- writing ---------------------------------------------------------------------------------
    def write(self, items: Iterable[Document | Skip], batch_size: int = 500,
              stages: Iterable[str] = ()) -> Iterator[tuple[Document | Skip, WriteReport]]:
        """Store items in atomic batches of `batch_size`; yields each item once its batch is committed.

        The report yielded with an item is the running total. Consuming the iterator drives the write.
        """
        total = WriteReport()
        stage_names = ",".join(stages)
        read: set[str] = set()  # inputs whose earlier skips this write has already cleared
        buf: list[Document | Skip] = []
        for item in items:
            buf.append(item)
            if len(buf) >= batch_size:
                total.add(self.write_batch(buf, stage_names, read))
                for it in buf:
                    yield it, total
                buf = []
        if buf:
            total.add(self.write_batch(buf, stage_names, read))
            for it in buf:
                yield it, total

    def write_all(self, items: Iterable[Document | Skip], batch_size: int = 500,
                  stages: Iterable[str] = ()) -> WriteReport:
        report = WriteReport()
        for _, running in self.write(items, batch_size, stages):
            report = running
        return report

    def write_batch(self, items: list[Document | Skip], stages: str = "", read: set[str] | None = None) -> WriteReport:
        """Write one batch in one transaction; all or nothing.

        The stored skips of an input describe its latest read: the first time an input (path) is
        seen in a write, its earlier skips are dropped, and this read's skips are stored. `read`
        carries the inputs already seen across the batches of one write.
        """
        read = set() if read is None else read
        fresh = sorted({it.path for it in items if it.path and it.path not in read})
        self._check_writable()
        started = _now()
        docs: list[Document] = []
        seen: set[str] = set()
        skips: list[Skip] = []
        dups = 0
        for it in items:
            if isinstance(it, Skip):
                skips.append(it)
            elif it.content_hash in seen:
                dups += 1
            else:
                seen.add(it.content_hash)
                docs.append(it)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            refreshed: list[str] = []
            if docs:
                keys = pa.table({"k": pa.array([d.content_hash for d in docs], type=pa.string())})
                con.register("_dyad_keys", keys)
                stored = dict(con.execute(
                    "SELECT doc_key, facts FROM documents WHERE doc_key IN (SELECT k FROM _dyad_keys)").fetchall())
                con.unregister("_dyad_keys")
                # a stored document lacking what this pipeline assigns is replaced; otherwise it is a duplicate
                refreshed = [d.content_hash for d in docs if d.content_hash in stored
                             and not d.done <= set((stored[d.content_hash] or "").split(","))]
                dups += len(stored) - len(refreshed)
                docs = [d for d in docs if d.content_hash not in stored or d.content_hash in refreshed]
                if refreshed:
                    gone = pa.table({"k": pa.array(refreshed, type=pa.string())})
                    con.register("_dyad_keys", gone)
                    for spec in reversed(TABLES):
                        con.execute(f"DELETE FROM {spec.name} WHERE doc_key IN (SELECT k FROM _dyad_keys)")
                    con.unregister("_dyad_keys")
            batch_id = int(self._scalar("SELECT coalesce(max(batch_id), 0) + 1 FROM batches"))
            for spec in TABLES:
                if docs:
                    self._insert(spec.name, [c for c, _ in spec.columns], spec.arrow(docs, batch_id))
            if fresh:
                con.executemany("DELETE FROM skips WHERE path = ?", [[p] for p in fresh])
            if skips:
                rows = {_skip_key(s): (_skip_key(s), s.doc_id, s.path, s.url, s.reason, s.detail, batch_id)
                        for s in skips}
                con.executemany("INSERT OR REPLACE INTO skips VALUES (?, ?, ?, ?, ?, ?, ?)", list(rows.values()))
            con.execute("INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [batch_id, started, _now(), __version__, stages, len(docs), dups, len(skips)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        read.update(fresh)
        reasons: dict[str, int] = {}
        for s in skips:
            reasons[s.reason] = reasons.get(s.reason, 0) + 1
        return WriteReport(batches=1, documents=len(docs) - len(refreshed), updated=len(refreshed),
                           sentences=sum(len(d.sentences) for d in docs),
                           mentions=sum(len(d.mentions) for d in docs), times=sum(len(d.times) for d in docs),
                           quotes=sum(len(d.quotes) for d in docs), events=sum(len(d.events) for d in docs),
                           issues=sum(len(d.issues) for d in docs), positions=sum(len(d.positions) for d in docs),
                           duplicates=dups, skips=len(skips),
                           skip_reasons=reasons)

    def _insert(self, table: str, columns: list[str], data: pa.Table) -> None:
        self.con.register("_dyad_rows", data)
        try:
            cols = ", ".join(columns)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _dyad_rows")
        finally:
            self.con.unregister("_dyad_rows")

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")

    # -- reading ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per stored table (documents, sentences, skips, batches and any later stage's table)."""
        names = [r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_name <> 'schema_version' ORDER BY table_name").fetchall()]
        out = {}
        for name in names:
            out[name] = int(self._scalar(f'SELECT count(*) FROM "{name}"'))
        return out

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT doc_id, doc_key, path, outlet, published, kind, language, title, n_sentences, batch_id "
               "FROM documents ORDER BY batch_id, doc_id")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._dicts(sql)

    def skips(self) -> list[dict[str, Any]]:
        return self._dicts("SELECT doc_id, path, url, reason, detail, batch_id FROM skips ORDER BY batch_id, doc_id")

    def batches(self) -> list[dict[str, Any]]:
        return self._dicts("SELECT * FROM batches ORDER BY batch_id")

    def actors(self, doc: str | None = None, code: str | None = None, limit: int | None = None
               ) -> list[dict[str, Any]]:
        """Actors with their mention and document counts, most mentioned first; `doc` is a doc_id or hash."""
        where: list[str] = []
        params: list[Any] = []
        if doc is not None:
            where.append("doc_key IN (SELECT doc_key FROM documents WHERE doc_id = ? OR doc_key = ?)")
            params += [doc, doc]
        if code is not None:
            where.append("code LIKE ?")
            params.append(code.upper() + "%")
        return self._select("SELECT name, code, mode(role) AS role, count(*) AS mentions, "
                            "count(DISTINCT doc_key) AS documents, list(DISTINCT text ORDER BY text)[:5] AS surfaces "
                            "FROM mentions", where, params, "GROUP BY name, code ORDER BY mentions DESC, name", limit)

    def quotes(self, speaker: str | None = None, code: str | None = None, doc: str | None = None,
               kind: str | None = None, issue: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Quotations with their speakers and documents, newest documents first."""
        where: list[str] = []
        params: list[Any] = []
        if speaker is not None:
            where.append("q.speaker_name ILIKE ?")
            params.append(f"%{speaker}%")
        if code is not None:
            where.append("q.speaker_code LIKE ?")
            params.append(code.upper() + "%")
        _in_doc(where, params, doc)
        if kind is not None:
            where.append("q.kind = ?")
            params.append(kind)
        if issue is not None:
            where.append("list_contains(string_split(coalesce(q.issues, ''), ','), ?)")
            params.append(issue)
        return self._select("SELECT d.doc_id, d.published, q.sentence, q.kind, q.speaker_name, q.speaker_code, "
                            "q.speaker_role, q.text, q.issues FROM quotes q JOIN documents d USING (doc_key)",
                            where, params, "ORDER BY d.published DESC NULLS LAST, d.doc_id, q.idx", limit)

    def events(self, dyad: str | None = None, actor: str | None = None, since: str | None = None,
               until: str | None = None, status: str | None = None, code: str | None = None,
               plover: str | None = None, doc: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Events with their documents, oldest first.

        dyad: "USA-CHN" (either direction) or "USA>CHN" (USA the source); codes match by prefix, so a
        country takes all its sectors. actor: a code prefix on either side. since/until: ISO dates on the
        event's day (its date, else the publication date). code: a CAMEO code prefix ("04", "163").
        """
        where: list[str] = []
        params: list[Any] = []
        if dyad is not None:
            a, b, directed = _dyad(dyad)
            _either_way(where, params, "(e.source_code LIKE ? AND e.target_code LIKE ?)", [a + "%", b + "%"],
                        None if directed else [b + "%", a + "%"])
        if actor is not None:
            where.append("(e.source_code LIKE ? OR e.target_code LIKE ?)")
            params += [actor.upper() + "%"] * 2
        _dated(where, params, since, until)
        if status is not None:
            where.append("e.status = ?")
            params.append(status)
        if code is not None:
            where.append("e.cameo LIKE ?")
            params.append(code + "%")
        if plover is not None:
            where.append("e.plover = ?")
            params.append(plover.upper())
        _in_doc(where, params, doc)
        sql = (f"SELECT d.doc_id, d.doc_key, d.published, d.url, d.path, d.outlet, e.idx, e.sentence, "
               f"e.source_name, e.source_code, e.source_role, e.target_name, e.target_code, e.target_role, "
               f"e.cameo, e.root, e.plover, e.plover_mode, e.goldstein, e.quad_class, e.status, e.date, "
               f"e.date_precision, {_DAY} AS day, e.trigger_start, e.trigger_end, e.trigger_text, e.rule, "
               f"e.confidence, e.issues, substr(d.text, s.char_start + 1, s.char_end - s.char_start) AS sentence_text, "
               f"s.paragraph, b.finished_at AS stored "
               f"FROM events e JOIN documents d USING (doc_key) "
               f"JOIN sentences s ON s.doc_key = e.doc_key AND s.idx = e.sentence "
               f"JOIN batches b ON b.batch_id = d.batch_id")
        return self._select(sql, where, params, f"ORDER BY {_DAY} NULLS LAST, d.doc_id, e.idx", limit)

    def positions(self, dyad: str | None = None, actor: str | None = None, issue: str | None = None,
                  since: str | None = None, until: str | None = None, doc: str | None = None,
                  limit: int | None = None) -> list[dict[str, Any]]:
        """The positions actors take on issues, with their evidence sentences, oldest first.

        dyad "USA-CHN": USA's positions towards China and China's towards the USA, where the position's
        counterpart is the other side, or it has none and the document names the other side; "USA>CHN":
        only USA's. actor: one side's positions, whoever the counterpart."""
        where: list[str] = []
        params: list[Any] = []
        if dyad is not None:
            a, b, directed = _dyad(dyad)
            one = ("(p.actor = ? AND (p.counterpart = ? OR (p.counterpart IS NULL AND EXISTS ("
                   "SELECT 1 FROM mentions m WHERE m.doc_key = p.doc_key AND m.code LIKE ?))))")
            _either_way(where, params, one, [a, b, b + "%"], None if directed else [b, a, a + "%"])
        if actor is not None:
            where.append("p.actor = ?")
            params.append(actor.upper())
        if issue is not None:
            where.append("p.issue = ?")
            params.append(issue)
        _dated(where, params, since, until)
        _in_doc(where, params, doc)
        sql = (f"SELECT d.doc_id, d.published, {_DAY} AS day, p.actor, p.issue, p.kind, p.counterpart, p.value, "
               f"p.polarity, p.status, p.code, p.words, p.sentence, "
               f"coalesce(q.speaker_name, e.source_name) AS actor_name, e.target_name, e.trigger_text, "
               f"q.text AS quote, "
               f"substr(d.text, s.char_start + 1, s.char_end - s.char_start) AS sentence_text "
               f"FROM positions p JOIN documents d USING (doc_key) "
               f"JOIN sentences s ON s.doc_key = p.doc_key AND s.idx = p.sentence "
               f"LEFT JOIN events e ON p.kind = 'event' AND e.doc_key = p.doc_key AND e.idx = p.item "
               f"LEFT JOIN quotes q ON p.kind = 'quote' AND q.doc_key = p.doc_key AND q.idx = p.item")
        return self._select(sql, where, params, f"ORDER BY {_DAY} NULLS LAST, d.doc_id, p.idx", limit)

    def issue_counts(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Issues by the number of documents about them, with their first and last publication dates."""
        return self._select("SELECT i.issue, count(*) AS documents, round(avg(i.score), 2) AS mean_score, "
                            "min(d.published) AS first, max(d.published) AS last "
                            "FROM doc_issues i JOIN documents d USING (doc_key)", [], [],
                            "GROUP BY 1 ORDER BY documents DESC, issue", limit)

    def dyads(self, status: str | None = "asserted", limit: int | None = 10) -> list[dict[str, Any]]:
        """Country pairs by number of events (asserted only, by default), with their mean Goldstein weight and
        counts of cooperative and conflictual events (QuadClass 1-2 and 3-4)."""
        where = ["e.source_code IS NOT NULL", "e.target_code IS NOT NULL"]
        params: list[Any] = []
        if status is not None:
            where.append("e.status = ?")
            params.append(status)
        sql = ("SELECT substr(e.source_code, 1, 3) AS source, substr(e.target_code, 1, 3) AS target, "
               "count(*) AS events, round(avg(e.goldstein), 2) AS goldstein, "
               "count(*) FILTER (WHERE e.quad_class <= 2) AS cooperation, "
               "count(*) FILTER (WHERE e.quad_class >= 3) AS conflict "
               "FROM events e WHERE " + " AND ".join(where)
               + " AND substr(e.source_code, 1, 3) <> substr(e.target_code, 1, 3) "
               "GROUP BY 1, 2 ORDER BY events DESC, source, target")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._dicts(sql, params)

    @staticmethod
    def _event(r: tuple[Any, ...]) -> Event:
        (sent, sn, sc, sr, tn, tc, tr, cameo, root, plover, mode, gold, quad, status, date, prec, t0, t1, tt, rule,
         conf, iss) = r
        return Event(sent, Actor(sn, sc, sr) if sn else None, Actor(tn, tc, tr) if tn else None, cameo, root, plover,
                     mode, gold, quad, status, date, prec, Evidence(Span(t0, t1, tt), rule, conf),
                     tuple(iss.split(",")) if iss else ())

    def get(self, ref: str) -> Document | None:
        """The stored document with this doc_id (the latest stored if several) or content hash."""
        rows = self.con.execute(
            "SELECT doc_key, doc_id, path, url, outlet, author, title, kind, published, language, "
            "language_score, encoding, text, notes, facts FROM documents WHERE doc_id = ? OR doc_key = ? "
            "ORDER BY batch_id DESC LIMIT 1", [ref, ref]).fetchall()
        if not rows:
            return None
        row = rows[0]
        key = row[0]
        sents = tuple(Sentence(a, b, p, tuple(iss.split(",")) if iss else ()) for a, b, p, iss in self.con.execute(
            "SELECT char_start, char_end, paragraph, issues FROM sentences WHERE doc_key = ? ORDER BY idx",
            [key]).fetchall())
        issues = tuple(IssueScore(i, s) for i, s in self.con.execute(
            "SELECT issue, score FROM doc_issues WHERE doc_key = ? ORDER BY score DESC, issue", [key]).fetchall())
        positions = tuple(Position(a, i, k, it, s, c, v, p, st, code, tuple(w.split(" | ")) if w else ())
                          for a, i, k, it, s, c, v, p, st, code, w in self.con.execute(
                              "SELECT actor, issue, kind, item, sentence, counterpart, value, polarity, status, code, "
                              "words FROM positions WHERE doc_key = ? ORDER BY idx", [key]).fetchall())
        notes = tuple(Note(n["stage"], n["message"]) for n in json.loads(row[13] or "[]"))
        mentions = tuple(Mention(s, a, b, t, Actor(n, c, r), rule, conf) for s, a, b, t, n, c, r, rule, conf in
                         self.con.execute("SELECT sentence, char_start, char_end, text, name, code, role, rule, "
                                          "confidence FROM mentions WHERE doc_key = ? ORDER BY idx", [key]).fetchall())
        times = tuple(TimeExpr(s, a, b, t, v, p, (lo.isoformat(), hi.isoformat()) if lo else None, rule)
                      for s, a, b, t, v, p, lo, hi, rule in self.con.execute(
                          "SELECT sentence, char_start, char_end, text, value, precision, range_start, range_end, rule "
                          "FROM times WHERE doc_key = ? ORDER BY idx", [key]).fetchall())
        quotes = tuple(Quote(s, a, b, t, k, Actor(n, c, r) if n else None, rule, conf,
                             tuple((iss or "").split(",")) if iss else ())
                       for s, a, b, t, k, n, c, r, rule, conf, iss in self.con.execute(
                           "SELECT sentence, char_start, char_end, text, kind, speaker_name, speaker_code, "
                           "speaker_role, rule, confidence, issues FROM quotes WHERE doc_key = ? ORDER BY idx",
                           [key]).fetchall())
        events = tuple(self._event(r) for r in self.con.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE doc_key = ? ORDER BY idx", [key]).fetchall())
        return Document(doc_id=row[1], text=row[12], content_hash=key, path=row[2], url=row[3], outlet=row[4],
                        author=row[5], title=row[6], kind=row[7], published=row[8], language=row[9],
                        language_score=row[10], encoding=row[11], sentences=sents, mentions=mentions, times=times,
                        quotes=quotes, events=events, issues=issues, positions=positions, notes=notes,
                        done=frozenset((row[14] or "").split(",")) - {""})

    def _select(self, sql: str, where: list[str], params: list[Any], tail: str, limit: int | None
                ) -> list[dict[str, Any]]:
        """`sql` with the conditions ANDed, then `tail` (GROUP BY, ORDER BY) and the limit."""
        sql += (" WHERE " + " AND ".join(where) if where else "") + " " + tail
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._dicts(sql, params)

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        # fetchall, not fetchone: DuckDB keeps a half-read result open and refuses the next statement
        return self.con.execute(sql, params or []).fetchall()[0][0]

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


_EVENT_COLUMNS = ("sentence, source_name, source_code, source_role, target_name, target_code, target_role, cameo, "
                  "root, plover, plover_mode, goldstein, quad_class, status, date, date_precision, trigger_start, "
                  "trigger_end, trigger_text, rule, confidence, issues")


# an event's day: its own date, else its document's publication date
_DAY = "coalesce(e.day, TRY_CAST(d.published AS DATE))"


def _dated(where: list[str], params: list[Any], since: str | None, until: str | None) -> None:
    """Rows whose day (_DAY) falls from `since` to `until` (ISO dates), where given."""
    for op, value in ((">=", since), ("<=", until)):
        if value is not None:
            where.append(f"{_DAY} {op} CAST(? AS DATE)")
            params.append(value)


def _in_doc(where: list[str], params: list[Any], doc: str | None) -> None:
    """Rows of one document (`d`), named by doc_id or content hash."""
    if doc is not None:
        where.append("(d.doc_id = ? OR d.doc_key = ?)")
        params += [doc, doc]


def _either_way(where: list[str], params: list[Any], one: str, forward: list[Any], backward: list[Any] | None
                ) -> None:
    """A dyad condition: `one` with the forward parameters, or (undirected) with either."""
    if backward is None:
        where.append(one)
        params += forward
    else:
        where.append(f"({one} OR {one})")
        params += forward + backward


def _dyad(text: str) -> tuple[str, str, bool]:
    """"USA-CHN" → (USA, CHN, undirected); "USA>CHN" → directed."""
    directed = ">" in text
    parts = [p.strip().upper() for p in text.replace(">", "-").split("-")]
    if len(parts) != 2 or not all(parts):
        raise UserError(f"a dyad is two actor codes, as USA-CHN or USA>CHN, not {text!r}")
    return parts[0], parts[1], directed


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            raise StoreLocked(f"database {path} is locked") from None
        raise StoreError(f"cannot open database {path}: {msg.splitlines()[0]}",
                         "is it a DuckDB file written by dyad? pass another --db") from None
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"cannot open database {path}: {str(exc).splitlines()[0]}",
                         "is it a DuckDB file written by dyad? pass another --db") from None


def _skip_key(s: Skip) -> str:
    return hashlib.sha1(f"{s.path}\x00{s.doc_id}".encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def open_store(path: str | Path = "dyad.duckdb", read_only: bool = False) -> Store:
    """Open (creating and migrating as needed) a dyad DuckDB database."""
    return Store(path, read_only=read_only)
