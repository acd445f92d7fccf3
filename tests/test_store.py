"""The DuckDB store: migrations, deduplication, skips, atomic batches, locking, errors, reading back."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

import dyad
from conftest import ARTICLE, EN_1, EN_2, EN_3, EN_B, EN_C, PNG_BYTES, hold_database, write
from dyad.errors import SchemaTooNew, StoreError, StoreLocked
from dyad.model import Document, Skip
from dyad.store import LATEST, TABLES, Store, migrations, open_store

TEXTS = [ARTICLE, EN_B, EN_C, f"{EN_2}\n\n{EN_3}", f"{EN_3}\n\n{EN_1}"]


def _docs(texts: list[str], prefix: str = "d") -> list[Document]:
    return [dyad.extract(t, doc_id=f"{prefix}{i}", published="2024-04-23") for i, t in enumerate(texts)]


def _all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to compare a database before and after."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


# -- migrations ----------------------------------------------------------------------------------

def test_migrations_are_numbered_from_one() -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == list(range(1, LATEST + 1))


def test_new_database_is_migrated_once(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with open_store(db) as store:
        assert store.version == LATEST
        assert store.counts() == {"actors": 0, "batches": 0, "skips": 0, **{t.name: 0 for t in TABLES}}
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    con.close()
    assert [v for v, _ in rows] == list(range(1, LATEST + 1))
    assert rows[0][1] == "core"


def test_reopening_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with open_store(db) as store:
        store.write_all(_docs(TEXTS[:2]))
    before = _all_rows(db)
    with open_store(db) as store:
        assert store.version == LATEST
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2
    assert _all_rows(db) == before


def test_schema_too_new(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    open_store(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (?, 'from_the_future', now())", [LATEST + 1])
    con.close()
    with pytest.raises(SchemaTooNew) as info:
        open_store(db)
    assert str(LATEST + 1) in info.value.message
    assert info.value.exit_code == 3
    with pytest.raises(SchemaTooNew):
        open_store(db, read_only=True)


# -- deduplication -------------------------------------------------------------------------------

def test_reingesting_stores_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with open_store(db) as store:
        first = store.write_all(_docs(TEXTS), batch_size=2)
        counts = store.counts()
        second = store.write_all(_docs(TEXTS), batch_size=2)
        assert (first.documents, first.duplicates, first.batches) == (5, 0, 3)
        assert (second.documents, second.duplicates, second.sentences) == (0, 5, 0)
        after = store.counts()
    assert after["documents"] == counts["documents"] == 5
    assert after["sentences"] == counts["sentences"] == first.sentences
    assert after["batches"] == counts["batches"] + 3


def test_same_content_under_two_doc_ids_is_stored_once(tmp_path: Path) -> None:
    a = dyad.extract(ARTICLE, doc_id="first")
    b = dyad.extract(ARTICLE, doc_id="second")
    with open_store(tmp_path / "x.duckdb") as store:
        report = store.write_all([a, b])
        assert (report.documents, report.duplicates) == (1, 1)
        assert [d["doc_id"] for d in store.documents()] == ["first"]
        later = store.write_all([dyad.extract(ARTICLE, doc_id="third")])
        assert (later.documents, later.duplicates) == (0, 1)
        assert store.counts()["documents"] == 1


# -- skips ---------------------------------------------------------------------------------------

def test_skips_are_stored_once_per_input_and_replaced(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.duckdb") as store:
        store.write_all([Skip("a", "binary file", path="in/a.txt", detail="PNG image")])
        store.write_all([Skip("a", "binary file", path="in/a.txt", detail="PNG image")])
        assert store.counts()["skips"] == 1
        store.write_all([Skip("a", "empty", path="in/a.txt")])
        rows = store.skips()
        assert [(r["doc_id"], r["path"], r["reason"], r["detail"]) for r in rows] == [
            ("a", "in/a.txt", "empty", None)]
        assert rows[0]["batch_id"] == 3
        store.write_all([Skip("b", "empty", path="in/b.txt")])
        assert store.counts()["skips"] == 2


def test_skip_is_removed_when_the_input_later_reads_fine(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    path = write(folder / "a.txt", PNG_BYTES)
    write(folder / "b.txt", EN_B)
    with open_store(tmp_path / "x.duckdb") as store:
        report = store.write_all(dyad.extract_many([folder]))
        assert (report.documents, report.skips, report.skip_reasons) == (1, 1, {"binary file": 1})
        assert [r["reason"] for r in store.skips()] == ["binary file"]
        path.write_text(ARTICLE, encoding="utf-8")
        report = store.write_all(dyad.extract_many([folder]))
        assert (report.documents, report.duplicates, report.skips) == (1, 1, 0)
        assert store.skips() == []
        assert store.counts()["documents"] == 2


def test_skip_is_removed_when_the_input_is_restored_to_stored_content(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    path = write(folder / "a.txt", ARTICLE)
    with open_store(tmp_path / "x.duckdb") as store:
        store.write_all(dyad.extract_many([folder]))
        path.write_bytes(PNG_BYTES)  # the file is damaged for a while
        store.write_all(dyad.extract_many([folder]))
        assert [r["reason"] for r in store.skips()] == ["binary file"]
        path.write_text(ARTICLE, encoding="utf-8")  # and restored: it reads fine again
        report = store.write_all(dyad.extract_many([folder]))
        assert report.skips == 0
        assert store.skips() == []


def test_skip_of_a_bad_jsonl_line_is_kept_beside_good_lines(tmp_path: Path) -> None:
    feed = write(tmp_path / "feed.jsonl", json.dumps({"id": "good", "text": EN_C}) + "\nthis line is broken\n")
    with open_store(tmp_path / "x.duckdb") as store:
        report = store.write_all(dyad.extract_many([feed]))
        assert (report.documents, report.skips) == (1, 1)
        assert [(r["doc_id"], r["reason"]) for r in store.skips()] == [("feed#L2", "invalid JSON")]


# -- atomic batches ------------------------------------------------------------------------------

def test_exception_mid_batch_leaves_the_database_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "x.duckdb"
    with open_store(db) as store:
        store.write_all([*_docs(TEXTS[:2]), Skip("old", "empty", path="old.txt")])
    before = _all_rows(db)
    calls = {"n": 0}
    original = Store._insert

    def flaky(self: Store, table: str, columns: list[str], data: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        original(self, table, columns, data)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_insert", flaky)
    batch: list[Document | Skip] = [*_docs(TEXTS[2:], prefix="new"), Skip("s", "binary file", path="s.bin")]
    with open_store(db) as store:
        with pytest.raises(RuntimeError, match="disk on fire"):
            store.write_all(batch)
        assert calls["n"] == 2
        assert store.counts() == {t: len(rows) for t, rows in before.items() if t != "schema_version"}
    assert _all_rows(db) == before
    monkeypatch.setattr(Store, "_insert", original)
    with open_store(db) as store:  # the database is still usable
        report = store.write_all(batch)
        assert (report.documents, report.skips) == (3, 1)


def test_batches_commit_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "x.duckdb"
    calls = {"n": 0}
    original = Store._insert

    def fail_in_third_batch(self: Store, table: str, columns: list[str], data: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2 * len(TABLES) + 1:  # one insert per table and batch: the third batch's first
            raise RuntimeError("stop")
        original(self, table, columns, data)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_insert", fail_in_third_batch)
    docs = _docs(TEXTS)
    written: list[str] = []
    with open_store(db) as store:
        with pytest.raises(RuntimeError):
            for item, _ in store.write(docs, batch_size=2):
                written.append(item.doc_id)
        assert written == ["d0", "d1", "d2", "d3"]
        assert [d["doc_id"] for d in store.documents()] == ["d0", "d1", "d2", "d3"]
        assert store.counts()["batches"] == 2


CRASH = textwrap.dedent("""
    import json, os, sys
    import dyad
    from dyad.store import Store

    db, texts_file = sys.argv[1], sys.argv[2]
    texts = json.loads(open(texts_file, encoding="utf-8").read())
    early = [dyad.extract(t, doc_id=f"early{i}") for i, t in enumerate(texts[:2])]
    late = [dyad.extract(t, doc_id=f"late{i}") for i, t in enumerate(texts[2:])]
    store = dyad.open_store(db)
    store.write_all(early)

    original = Store._insert
    calls = [0]

    def crash(self, table, columns, data):
        calls[0] += 1
        if calls[0] == 2:
            sys.stdout.flush()
            os._exit(1)  # the process dies mid-transaction, after the first insert ran
        original(self, table, columns, data)
        print("first insert done", flush=True)

    Store._insert = crash
    store.write_all(late + [dyad.Skip("lost", "empty", path="lost.txt")])
    print("not reached", flush=True)
""")


def test_crash_mid_batch_keeps_earlier_batches_and_nothing_of_the_crashed_one(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    texts = write(tmp_path / "texts.json", json.dumps(TEXTS))
    proc = subprocess.run([sys.executable, "-c", CRASH, str(db), str(texts)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "first insert done" in proc.stdout
    assert "not reached" not in proc.stdout
    with open_store(db) as store:
        assert sorted(d["doc_id"] for d in store.documents()) == ["early0", "early1"]
        counts = store.counts()
        assert counts["batches"] == 1
        assert counts["skips"] == 0
        expected_sentences = sum(len(d.sentences) for d in _docs(TEXTS[:2]))
        assert counts["sentences"] == expected_sentences
        assert store.get("late0") is None
        early = store.get("early0")
        assert early is not None and early.text == ARTICLE


# -- locking and bad files -----------------------------------------------------------------------

def test_database_held_by_another_process_is_locked(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with hold_database(db, tmp_path / "ready"):
        with pytest.raises(StoreLocked) as info:
            open_store(db)
        assert "locked" in info.value.message
        assert "another dyad process" in info.value.hint
        with pytest.raises(StoreLocked):
            open_store(db, read_only=True)
    with open_store(db) as store:  # free again once the other process is gone
        assert store.version == LATEST


def test_non_duckdb_file(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.duckdb", "these are my notes, not a database\n" * 20)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert not isinstance(info.value, StoreLocked)
    assert "cannot open database" in info.value.message
    assert info.value.hint
    assert path.read_text(encoding="utf-8").startswith("these are my notes")


def test_read_only_on_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "absent.duckdb", read_only=True)
    assert not (tmp_path / "absent.duckdb").exists()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    open_store(db).close()
    with open_store(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.write_all(_docs(TEXTS[:1]))


# -- reading back --------------------------------------------------------------------------------

def test_get_round_trips_a_document(tmp_path: Path) -> None:
    doc = dyad.extract(f"Skip to main content\n\n{ARTICLE}", doc_id="harbor", published="2018-10",
                       title="Moorings plan approved", outlet="Harbor Light Gazette", author="Odile Brenner",
                       kind="news", url="https://harbor.example/m")
    with open_store(tmp_path / "x.duckdb") as store:
        store.write_all([doc], stages=["clean", "language", "segment"])
        by_id = store.get("harbor")
        by_hash = store.get(doc.content_hash)
        assert store.get("nothing") is None
        assert store.batches()[0]["stages"] == "clean,language,segment"
    assert by_id == by_hash
    assert by_id is not None
    assert by_id.text == doc.text == ARTICLE
    assert by_id.sentences == doc.sentences
    assert [by_id.sentence_text(i) for i in range(len(by_id.sentences))] == [EN_1, EN_2, EN_3]
    assert by_id.notes == doc.notes
    for field in ("doc_id", "content_hash", "published", "title", "outlet", "author", "kind", "url", "language",
                  "language_score"):
        assert getattr(by_id, field) == getattr(doc, field), field


def test_get_returns_the_latest_version_of_a_changed_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    path = write(folder / "a.txt", ARTICLE)
    with open_store(tmp_path / "x.duckdb") as store:
        store.write_all(dyad.extract_many([folder]))
        path.write_text(EN_B, encoding="utf-8")
        store.write_all(dyad.extract_many([folder]))
        assert [d["doc_id"] for d in store.documents()] == ["a", "a"]
        latest = store.get("a")
        assert latest is not None and latest.text == EN_B


def test_documents_listing(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.duckdb") as store:
        store.write_all(_docs(TEXTS[:3]))
        rows = store.documents()
        assert [r["doc_id"] for r in rows] == ["d0", "d1", "d2"]
        assert rows[0]["n_sentences"] == 3
        assert rows[0]["published"] == "2024-04-23"
        assert len(store.documents(limit=2)) == 2
