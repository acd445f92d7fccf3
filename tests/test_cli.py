"""The command line, in process with CliRunner, plus a few end-to-end runs of the console script."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dyad
from conftest import ARTICLE, EN_B, PNG_BYTES, dyad_command, front_matter, hold_database, jsonl, write
from dyad import cli
from dyad.cli import app
from dyad.store import LATEST, open_store


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    # the consoles otherwise take the width of the terminal pytest runs in: make tables and messages one size
    monkeypatch.setattr(cli.out, "_width", 200)
    monkeypatch.setattr(cli.err, "_width", 200)
    return CliRunner()


def _ok(result: object) -> None:
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"  # type: ignore[attr-defined]


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    _ok(result)
    assert result.stdout.strip() == f"dyad {dyad.__version__}"


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    _ok(result)
    for command in ("ingest", "extract", "demo", "status", "docs", "skips", "show"):
        assert command in result.stdout


# -- ingest --------------------------------------------------------------------------------------

def test_ingest_prints_a_summary_and_stores(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    _ok(result)
    assert re.search(r"Documents stored\s*│\s*2\s*│\s*2", result.stdout)
    assert re.search(r"Skipped\s*│\s*1\s*│\s*1", result.stdout)
    assert "unsupported type" in result.stdout
    with open_store(db, read_only=True) as store:
        assert sorted(d["doc_id"] for d in store.documents()) == ["a", "b"]
        assert [s["doc_id"] for s in store.skips()] == ["c"]


def test_ingest_twice_stores_nothing_new(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    _ok(runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]))
    with open_store(db, read_only=True) as store:
        before = store.counts()
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    _ok(result)
    assert re.search(r"Documents stored\s*│\s*0\s*│\s*2", result.stdout)
    assert re.search(r"Already stored \(same content\)\s*│\s*2", result.stdout)
    with open_store(db, read_only=True) as store:
        after = store.counts()
    assert after["documents"] == before["documents"] == 2
    assert after["sentences"] == before["sentences"]
    assert after["skips"] == before["skips"] == 1


def test_ingest_uses_dyad_db_from_the_environment(runner: CliRunner, corpus: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("DYAD_DB", str(db))
    _ok(runner.invoke(app, ["ingest", str(corpus)]))
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2


def test_ingest_with_a_manifest(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "data" / "x.txt", ARTICLE)
    manifest = write(tmp_path / "data" / "list.csv", "path,published,source,title,kind\n"
                                                     "x.txt,2024-04-23,Harbor Light Gazette,Moorings,news\n")
    db = tmp_path / "m.duckdb"
    _ok(runner.invoke(app, ["ingest", "--manifest", str(manifest), "--db", str(db)]))
    with open_store(db, read_only=True) as store:
        doc = store.get("x")
    assert doc is not None and (doc.outlet, doc.published) == ("Harbor Light Gazette", "2024-04-23")


# -- extract -------------------------------------------------------------------------------------

def test_extract_prints_one_valid_json_line_per_document(runner: CliRunner, corpus: Path, validator: object) -> None:
    result = runner.invoke(app, ["extract", str(corpus)])
    _ok(result)
    records = jsonl(result.stdout)
    assert [r["doc_id"] for r in records] == ["a", "b", "c"]
    for record in records:
        validator.validate(record)  # type: ignore[attr-defined]
    a = records[0]
    assert (a["outlet"], a["published"], a["title"], a["kind"], a["language"]) == (
        "Harbor Light Gazette", "2024-04-23", "Moorings plan approved", "news", "en")
    assert a["text"] == ARTICLE
    assert a["sentences"][0] == {"start": 0, "end": ARTICLE.index(".") + 1, "paragraph": 0, "issues": []}
    assert records[2]["skip"]["reason"] == "unsupported type"
    assert "2 documents" in result.stderr and "1 skipped" in result.stderr


def test_extract_single_file(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", front_matter(EN_B, published="2018-10", source="Library News"))
    result = runner.invoke(app, ["extract", str(path)])
    _ok(result)
    [record] = jsonl(result.stdout)
    assert (record["doc_id"], record["path"], record["published"], record["outlet"]) == (
        "one", str(path), "2018-10", "Library News")


def test_extract_out_file(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(corpus), "--out", str(out)])
    _ok(result)
    assert result.stdout == ""
    assert [r["doc_id"] for r in jsonl(out.read_text(encoding="utf-8"))] == ["a", "b", "c"]
    assert str(out) in result.stderr


def test_extract_out_file_in_a_missing_folder(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus), "--out", str(tmp_path / "no" / "such" / "out.jsonl")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.output


def test_extract_manifest(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "data" / "sub" / "x.txt", ARTICLE)
    manifest = write(tmp_path / "data" / "list.csv", "path,published,source,title,kind\n"
                                                     "sub/x.txt,2018,Harbor Light Gazette,Moorings,Opinion\n")
    result = runner.invoke(app, ["extract", "--manifest", str(manifest)])
    _ok(result)
    [record] = jsonl(result.stdout)
    assert (record["doc_id"], record["path"], record["published"], record["outlet"], record["title"],
            record["kind"]) == ("sub/x", "sub/x.txt", "2018", "Harbor Light Gazette", "Moorings", "opinion")


def test_extract_binary_file_gives_a_skip_line(runner: CliRunner, tmp_path: Path, validator: object) -> None:
    path = write(tmp_path / "scan.txt", PNG_BYTES)
    result = runner.invoke(app, ["extract", str(path)])
    _ok(result)
    [record] = jsonl(result.stdout)
    assert record == {"doc_id": "scan", "path": str(path), "url": None,
                      "skip": {"reason": "binary file", "detail": "PNG image"}}
    validator.validate(record)  # type: ignore[attr-defined]


def test_extract_writes_no_database_unless_asked(runner: CliRunner, corpus: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    _ok(runner.invoke(app, ["extract", str(corpus)]))
    assert not (work / "dyad.duckdb").exists()
    assert list(tmp_path.rglob("*.duckdb*")) == []


def test_extract_with_db_stores_and_still_prints_duplicates(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    first = runner.invoke(app, ["extract", str(corpus), "--db", str(db)])
    _ok(first)
    second = runner.invoke(app, ["extract", str(corpus), "--db", str(db)])
    _ok(second)
    assert first.stdout == second.stdout  # extraction always prints
    assert len(jsonl(second.stdout)) == 3
    assert f"stored in {db}" in second.stderr
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2
        assert store.counts()["batches"] == 2


# -- demo ----------------------------------------------------------------------------------------

def test_demo(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo", "--db", "tmp/demo.duckdb"])
    _ok(result)
    out = result.stdout
    assert re.search(r"Documents\s*│\s*22\s*│", out)
    assert re.search(r"Sentences\s*│\s*\d{3,}\s*│", out)
    assert re.search(r"Skipped\s*│\s*0\s*│", out)
    assert re.search(r"Actor mentions\s*│\s*\d{3,}\s*│", out)
    assert re.search(r"Time expressions\s*│\s*\d{2,}\s*│", out)
    assert re.search(r"Quotes\s*│\s*\d{2,}\s*│", out)
    assert re.search(r"Events\s*│\s*\d{2,}\s*│", out)
    assert re.search(r"Document issues\s*│\s*\d{2,}\s*│", out)
    assert re.search(r"Stance positions\s*│\s*\d{2,}\s*│", out)
    assert "Issues (documents about them)" in out and re.search(r"taiwan\s*│\s*\d+", out)
    assert "dyad stance" in out
    assert "Most active dyads" in out and re.search(r"USA\s*│\s*CHN|CHN\s*│\s*USA", out)
    assert (tmp_path / "tmp" / "demo.duckdb").is_file()
    assert not (tmp_path / "dyad.duckdb").exists()
    # recreated on each run, not appended to
    _ok(runner.invoke(app, ["demo", "--db", "tmp/demo.duckdb"]))
    with open_store(tmp_path / "tmp" / "demo.duckdb", read_only=True) as store:
        assert store.counts()["documents"] == 22
        assert store.counts()["batches"] == 1


@pytest.mark.parametrize("db", ["dyad.duckdb", "sub/dyad.duckdb"])
def test_demo_refuses_the_user_database(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        db: str) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "dyad.duckdb", b"")  # stands for the user's database: it must survive
    result = runner.invoke(app, ["demo", "--db", db])
    assert result.exit_code == 2
    assert "will not overwrite" in result.stderr
    assert "Traceback" not in result.output
    assert (tmp_path / "dyad.duckdb").exists()
    assert not (tmp_path / "sub").exists()


def test_demo_refuses_the_configured_database(runner: CliRunner, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DYAD_DB", "mine.duckdb")
    result = runner.invoke(app, ["demo", "--db", "mine.duckdb"])
    assert result.exit_code == 2
    assert "will not overwrite" in result.stderr


# -- status, docs, skips, show -------------------------------------------------------------------

@pytest.fixture
def filled_db(runner: CliRunner, corpus: Path, tmp_path: Path) -> Path:
    db = tmp_path / "filled.duckdb"
    _ok(runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]))
    return db


def test_status(runner: CliRunner, filled_db: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(filled_db)])
    _ok(result)
    assert f"schema version {LATEST}" in result.stdout
    assert re.search(r"documents\s*│\s*2", result.stdout)
    assert re.search(r"skips\s*│\s*1", result.stdout)
    assert "1 batches" in result.stdout


def test_docs(runner: CliRunner, filled_db: Path) -> None:
    result = runner.invoke(app, ["docs", "--db", str(filled_db)])
    _ok(result)
    assert re.search(r"│ a\s+│", result.stdout)
    assert re.search(r"│ b\s+│", result.stdout)
    assert "2024-04-23" in result.stdout
    limited = runner.invoke(app, ["docs", "--db", str(filled_db), "-n", "1"])
    _ok(limited)
    assert re.search(r"│ a\s+│", limited.stdout) and not re.search(r"│ b\s+│", limited.stdout)


def test_skips(runner: CliRunner, filled_db: Path) -> None:
    result = runner.invoke(app, ["skips", "--db", str(filled_db)])
    _ok(result)
    assert "unsupported type" in result.stdout
    assert "c.png" in result.stdout


def test_show(runner: CliRunner, filled_db: Path, validator: object) -> None:
    result = runner.invoke(app, ["show", "a", "--db", str(filled_db)])
    _ok(result)
    assert "Moorings plan approved" in result.stdout
    assert "  0 The harbor commission met on Monday" in result.stdout
    assert "  2 The commission will publish the final drawings" in result.stdout
    as_json = runner.invoke(app, ["show", "a", "--db", str(filled_db), "--json"])
    _ok(as_json)
    record = json.loads(as_json.stdout)
    validator.validate(record)  # type: ignore[attr-defined]
    assert record["text"] == ARTICLE


def test_show_unknown_document(runner: CliRunner, filled_db: Path) -> None:
    result = runner.invoke(app, ["show", "zzz", "--db", str(filled_db)])
    assert result.exit_code == 2
    assert "no document 'zzz'" in result.stderr


def test_status_of_a_missing_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3
    assert "no database at" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


# -- user errors ---------------------------------------------------------------------------------

def _assert_one_clear_error(result: object, code: int, text: str) -> None:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == code, output  # type: ignore[attr-defined]
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # type: ignore[attr-defined]
    assert "Traceback" not in output
    assert text in output
    assert output.count("error:") == 1


def test_error_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nowhere")])
    _assert_one_clear_error(result, 2, "no such file or folder")
    assert "hint:" in result.stderr


def test_error_no_input(runner: CliRunner) -> None:
    _assert_one_clear_error(runner.invoke(app, ["extract"]), 2, "no input given")
    _assert_one_clear_error(runner.invoke(app, ["ingest"]), 2, "no input given")


def test_error_bad_manifest(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", "file,title\nx.txt,Something\n")
    _assert_one_clear_error(runner.invoke(app, ["extract", "--manifest", str(bad)]), 2, "no 'path' column")


def test_error_missing_manifest(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "--manifest", str(tmp_path / "nope.csv")])
    _assert_one_clear_error(result, 2, "no such manifest")


def test_error_locked_database(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with hold_database(db, tmp_path / "ready"):
        result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
        _assert_one_clear_error(result, 3, "is locked")
        assert "another dyad process" in result.stderr
        status = runner.invoke(app, ["status", "--db", str(db)])
        _assert_one_clear_error(status, 3, "is locked")


def test_error_database_is_a_text_file(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    db = write(tmp_path / "notes.txt", "my shopping list, not a database\n" * 10)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    _assert_one_clear_error(result, 3, "cannot open database")
    assert db.read_text(encoding="utf-8").startswith("my shopping list")


def test_error_bad_max_bytes(runner: CliRunner, corpus: Path) -> None:
    _assert_one_clear_error(runner.invoke(app, ["extract", str(corpus), "--max-bytes", "0"]), 2,
                            "max_bytes must be positive")


def test_error_missing_config_file(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--config", str(tmp_path / "none.toml"), "extract", str(corpus)])
    _assert_one_clear_error(result, 2, "config file not found")


def test_error_bad_environment_setting(runner: CliRunner, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_MAX_BYTES", "a lot")
    _assert_one_clear_error(runner.invoke(app, ["extract", str(corpus)]), 2, "setting 'max_bytes'")


def test_config_file_sets_max_bytes(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    config = write(tmp_path / "dyad.toml", "[dyad]\nmax_bytes = 50\n")
    result = runner.invoke(app, ["--config", str(config), "extract", str(corpus)])
    _ok(result)
    assert [r.get("skip", {}).get("reason") for r in jsonl(result.stdout)] == ["too large", "too large",
                                                                                "unsupported type"]


def test_error_unknown_option(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(app, ["ingest", str(corpus), "--bogus"])
    assert result.exit_code == 2
    assert "No such option" in result.output
    assert "Traceback" not in result.output


# -- the console script, end to end --------------------------------------------------------------

def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*dyad_command(), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.slow
def test_console_script_version(tmp_path: Path) -> None:
    proc = _run("--version", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"dyad {dyad.__version__}"


@pytest.mark.slow
def test_console_script_extract_binary_and_text(tmp_path: Path, validator: object) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "b.txt", PNG_BYTES)
    proc = _run("extract", "in", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = jsonl(proc.stdout)
    assert [r["doc_id"] for r in records] == ["a", "b"]
    assert records[1]["skip"] == {"reason": "binary file", "detail": "PNG image"}
    assert records[1]["path"] == "in/b.txt"
    for record in records:
        validator.validate(record)  # type: ignore[attr-defined]
    assert not (tmp_path / "dyad.duckdb").exists()


@pytest.mark.slow
def test_console_script_user_error_has_no_traceback(tmp_path: Path) -> None:
    proc = _run("ingest", "missing-folder", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines()[0] == "error: no such file or folder: missing-folder"
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_console_script_locked_database(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    with hold_database(tmp_path / "held.duckdb", tmp_path / "ready"):
        proc = _run("ingest", "in", "--db", "held.duckdb", cwd=tmp_path)
    assert proc.returncode == 3
    assert "error: database held.duckdb is locked" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_module_entry_point(tmp_path: Path) -> None:
    import sys

    proc = subprocess.run([sys.executable, "-m", "dyad.cli", "--version"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"dyad {dyad.__version__}"
