"""Stored events and `dyad events`: filters, the table, CSV, JSON lines, Parquet and GDELT exports, errors.

Every brief here was written for these tests. The expected events are what the event stage codes in them
(see tests/test_events.py for the rules): EUR is the European Union, a known group rather than a country.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import dyad
from conftest import cli_ok, front_matter, jsonl, write
from dyad.cli import app
from dyad.store.export import COLUMNS, GDELT_COLUMNS

SANCTIONS = ("The European Union imposed new sanctions on Russia on Tuesday.\n\n"
             "Russia threatened to cut diplomatic ties with Estonia.")
DELHI = "Japan and India held talks in Delhi on Monday.\n\nJapan praised India for its growth."
BEIJING = ("Antony Blinken met Wang Yi in Beijing on Friday.\n\n"
           "China criticized the United States over its export controls. "
           "The United States will host Chinese officials in June.")
DRONES = "Iran reportedly supplied drones to Russia.\n\nWashington did not sanction Beijing."

# (doc_id, source code, target code, cameo, status, date, date precision), oldest day first
EXPECTED = [
    ("sanctions", "EUR", "RUS", "163", "asserted", "2024-02-20", "day"),
    ("sanctions", "RUS", "EST", "1313", "asserted", "2024-02-20", "document"),
    ("delhi", "JPN", "IND", "040", "asserted", "2024-03-11", "day"),
    ("delhi", "JPN", "IND", "051", "asserted", "2024-03-12", "document"),
    ("beijing", "USAGOV", "CHNGOV", "040", "asserted", "2024-04-26", "day"),
    ("beijing", "CHN", "USA", "111", "asserted", "2024-04-26", "document"),
    ("drones", "IRN", "RUS", "072", "alleged", "2024-05-02", "document"),
    ("drones", "USAGOV", "CHNGOV", "163", "negated", "2024-05-02", "document"),
    ("beijing", "USA", "CHNGOV", "043", "planned", "2024-06", "month"),
]
URL = "https://news.example.org/2024/04/26/blinken-beijing"


@pytest.fixture
def runner(wide_runner: CliRunner) -> CliRunner:
    return wide_runner


_ok = cli_ok


@pytest.fixture
def briefs(tmp_path: Path) -> Path:
    root = tmp_path / "briefs"
    write(root / "sanctions.txt", front_matter(SANCTIONS, published="2024-02-20", title="New sanctions",
                                               outlet="Test Wire"))
    write(root / "delhi.txt", front_matter(DELHI, published="2024-03-12", title="Japan and India talk",
                                           outlet="Test Wire"))
    write(root / "beijing.txt", front_matter(BEIJING, published="2024-04-26", title="Blinken in Beijing",
                                             outlet="Test Wire", url=URL))
    write(root / "drones.txt", front_matter(DRONES, published="2024-05-02", title="Drones", outlet="Test Wire"))
    return root


@pytest.fixture
def db(runner: CliRunner, briefs: Path, tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    _ok(runner.invoke(app, ["ingest", str(briefs), "--db", str(path)]))
    return path


def _rows(runner: CliRunner, db: Path, *args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", *args])
    _ok(result)
    return jsonl(result.stdout)


def _stdout(runner: CliRunner, db: Path, fmt: str, *args: str) -> str:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", fmt, *args])
    _ok(result)
    return result.stdout


def _key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["doc_id"], r["source_code"], r["target_code"], r["cameo"], r["status"], r["date"], r["date_precision"])


# -- storage ---------------------------------------------------------------------------------------

def test_ingest_stores_the_events(db: Path) -> None:
    with dyad.open_store(db, read_only=True) as store:
        rows = store.events()
        assert store.counts()["events"] == len(EXPECTED)
    assert [_key(r) for r in rows] == EXPECTED
    first = rows[0]
    assert first["sentence_text"] == "The European Union imposed new sanctions on Russia on Tuesday."
    assert first["trigger_text"] == "imposed"
    assert (first["plover"], first["quad_class"], first["goldstein"], first["root"]) == ("COERCE", 4, -6.5, "16")
    assert str(first["day"]) == "2024-02-20"


def test_reingest_stores_no_duplicate_events(runner: CliRunner, briefs: Path, db: Path) -> None:
    result = runner.invoke(app, ["ingest", str(briefs), "--db", str(db)])
    _ok(result)
    assert "Already stored" in result.stdout
    with dyad.open_store(db, read_only=True) as store:
        assert store.counts()["events"] == len(EXPECTED)
        assert store.counts()["documents"] == 4
        assert [_key(r) for r in store.events()] == EXPECTED


def test_get_round_trips_events(briefs: Path, db: Path) -> None:
    for name in ("sanctions", "delhi", "beijing", "drones"):
        with dyad.open_store(db, read_only=True) as store:
            stored = store.get(name)
        assert stored is not None
        library = dyad.extract_file(briefs / f"{name}.txt")
        assert stored.events == library.events
        assert stored.events
        for e in stored.events:
            span = e.evidence.trigger
            assert stored.text[span.start:span.end] == span.text


def test_dyads(db: Path) -> None:
    with dyad.open_store(db, read_only=True) as store:
        rows = store.dyads(limit=None)
        everything = store.dyads(status=None, limit=None)
    pairs = {(d["source"], d["target"]): d for d in rows}
    # asserted events only, and never a country with itself
    assert set(pairs) == {("EUR", "RUS"), ("RUS", "EST"), ("JPN", "IND"), ("USA", "CHN"), ("CHN", "USA")}
    assert pairs["JPN", "IND"]["events"] == 2 and pairs["JPN", "IND"]["cooperation"] == 2
    assert pairs["RUS", "EST"]["conflict"] == 1
    assert pairs["USA", "CHN"]["events"] == 1
    assert {(d["source"], d["target"]): d["events"] for d in everything}["USA", "CHN"] == 3


# -- the events command ----------------------------------------------------------------------------

def test_events_table(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db)])
    _ok(result)
    out = result.stdout
    for column in ("date", "source", "event", "target", "status", "evidence"):
        assert column in out
    assert "European Union" in out and "COERCE" in out and "imposed" in out
    assert "(doc)" in out  # a date from the publication
    assert "delhi:0" in out
    assert out.index("European Union") < out.index("Antony Blinken")  # oldest first


def test_events_table_no_match(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--actor", "BRA"])
    _ok(result)
    assert "no events match" in result.stdout


def test_dyad_both_directions(runner: CliRunner, db: Path) -> None:
    rows = _rows(runner, db, "--dyad", "USA-CHN")
    assert [(r["source_code"], r["cameo"]) for r in rows] == [
        ("USAGOV", "040"), ("CHN", "111"), ("USAGOV", "163"), ("USA", "043")]
    assert _rows(runner, db, "--dyad", "chn-usa") == rows


def test_dyad_directed(runner: CliRunner, db: Path) -> None:
    assert [r["cameo"] for r in _rows(runner, db, "--dyad", "USA>CHN")] == ["040", "163", "043"]
    assert [r["cameo"] for r in _rows(runner, db, "--dyad", "CHN>USA")] == ["111"]


def test_actor(runner: CliRunner, db: Path) -> None:
    assert [(r["doc_id"], r["cameo"]) for r in _rows(runner, db, "--actor", "RUS")] == [
        ("sanctions", "163"), ("sanctions", "1313"), ("drones", "072")]
    assert [r["cameo"] for r in _rows(runner, db, "--actor", "usagov")] == ["040", "163"]


def test_since_and_until(runner: CliRunner, db: Path) -> None:
    rows = _rows(runner, db, "--since", "2024-03-01", "--until", "2024-04-30")
    assert [(r["doc_id"], r["cameo"]) for r in rows] == [("delhi", "040"), ("delhi", "051"), ("beijing", "040"),
                                                          ("beijing", "111")]
    # the event's own day counts, not the publication's: the visit planned for June is after May
    assert [r["cameo"] for r in _rows(runner, db, "--since", "2024-05-03")] == ["043"]
    assert [r["cameo"] for r in _rows(runner, db, "--until", "2024-02-20")] == ["163", "1313"]


def test_status_code_plover_doc_limit(runner: CliRunner, db: Path) -> None:
    assert len(_rows(runner, db, "--status", "asserted")) == 6
    assert [r["cameo"] for r in _rows(runner, db, "--status", "negated")] == ["163"]
    assert [r["cameo"] for r in _rows(runner, db, "--code", "04")] == ["040", "040", "043"]
    assert [r["cameo"] for r in _rows(runner, db, "--code", "131")] == ["1313"]
    assert [r["cameo"] for r in _rows(runner, db, "--plover", "CONSULT")] == ["040", "040", "043"]
    assert [r["cameo"] for r in _rows(runner, db, "--plover", "threaten")] == ["1313"]
    assert [r["cameo"] for r in _rows(runner, db, "--doc", "delhi")] == ["040", "051"]
    assert len(_rows(runner, db, "--limit", "2")) == 2
    assert [r["cameo"] for r in _rows(runner, db, "--dyad", "USA-CHN", "--status", "asserted", "--code", "04")] \
        == ["040"]


def test_csv_to_stdout_and_file(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    _ok(result)
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = list(reader)
    assert [(r["doc_id"], r["source_code"], r["target_code"], r["cameo"], r["status"], r["date"],
             r["date_precision"]) for r in rows] == EXPECTED
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--out", str(out)])
    _ok(result)
    assert out.read_text(encoding="utf-8") == _stdout(runner, db, "csv")
    assert f"{len(EXPECTED)} events" in result.stderr


def test_jsonl_to_stdout_and_file(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    rows = _rows(runner, db)
    assert [_key(r) for r in rows] == EXPECTED
    assert all(tuple(r) == COLUMNS for r in rows)
    beijing = [r for r in rows if r["doc_id"] == "beijing"]
    assert {r["url"] for r in beijing} == {URL}
    assert {r["outlet"] for r in rows} == {"Test Wire"}
    out = tmp_path / "events.jsonl"
    _ok(runner.invoke(app, ["events", "--db", str(db), "-f", "jsonl", "-o", str(out), "--doc", "drones"]))
    assert [_key(r) for r in jsonl(out.read_text(encoding="utf-8"))] == [e for e in EXPECTED if e[0] == "drones"]


def test_parquet(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "parquet", "--out", str(out)])
    _ok(result)
    table = pq.read_table(out)
    assert tuple(table.column_names) == COLUMNS
    rows = table.to_pylist()
    assert [_key(r) for r in rows] == EXPECTED
    assert rows[0]["goldstein"] == -6.5 and rows[0]["day"] == "2024-02-20"


def test_parquet_with_no_rows(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "none.parquet"
    _ok(runner.invoke(app, ["events", "--db", str(db), "--format", "parquet", "--out", str(out), "--actor", "BRA"]))
    table = pq.read_table(out)
    assert table.num_rows == 0 and tuple(table.column_names) == COLUMNS


def _gdelt(runner: CliRunner, db: Path, *args: str) -> list[dict[str, str]]:
    lines = _stdout(runner, db, "gdelt", *args).splitlines()
    for line in lines:
        assert len(line.split("\t")) == 61 == len(GDELT_COLUMNS)
    return [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]


def test_gdelt(runner: CliRunner, db: Path) -> None:
    rows = _gdelt(runner, db)
    assert len(rows) == len(EXPECTED)
    assert not rows[0]["GlobalEventID"].startswith("Global")  # no header
    by = {(r["EventCode"], r["Actor1Code"]): r for r in rows}
    eu = by["163", "EUR"]
    assert (eu["EventBaseCode"], eu["EventRootCode"], eu["QuadClass"], eu["GoldsteinScale"]) == ("163", "16", "4",
                                                                                                 "-6.5")
    assert (eu["Day"], eu["MonthYear"], eu["Year"]) == ("20240220", "202402", "2024")
    assert (eu["Actor1CountryCode"], eu["Actor1KnownGroupCode"], eu["Actor1Name"]) == ("", "EUR", "EUROPEAN UNION")
    assert (eu["Actor2Code"], eu["Actor2CountryCode"]) == ("RUS", "RUS")
    assert eu["IsRootEvent"] == "1"  # the first paragraph
    assert (eu["NumMentions"], eu["NumSources"], eu["NumArticles"]) == ("1", "1", "1")
    assert eu["SOURCEURL"].endswith("sanctions.txt")
    threat = by["1313", "RUS"]
    assert (threat["EventBaseCode"], threat["EventRootCode"], threat["QuadClass"]) == ("131", "13", "3")
    assert threat["IsRootEvent"] == "0"  # the second paragraph
    meet = by["040", "USAGOV"]
    assert (meet["Actor1CountryCode"], meet["Actor1Type1Code"], meet["Actor2CountryCode"]) == ("USA", "GOV", "CHN")
    assert (meet["EventRootCode"], meet["QuadClass"], meet["GoldsteinScale"]) == ("04", "1", "1.0")
    assert meet["SOURCEURL"] == URL
    assert meet["Actor1Geo_Type"] == meet["AvgTone"] == ""


def test_gdelt_ids_are_stable(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    ids = [r["GlobalEventID"] for r in _gdelt(runner, db)]
    assert len(set(ids)) == len(ids) and all(i.isdigit() for i in ids)
    out = tmp_path / "events.tsv"
    _ok(runner.invoke(app, ["events", "--db", str(db), "--format", "gdelt", "--out", str(out)]))
    again = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()]
    assert again == ids
    assert [r["EventCode"] for r in _gdelt(runner, db, "--dyad", "USA>CHN")] == ["040", "163", "043"]


# -- errors ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["--format", "xml"], "--format must be one of"),
    (["--status", "rumoured"], "--status must be one of"),
    (["--since", "2024-13-01"], "--since takes a date"),
    (["--until", "yesterday"], "--until takes a date"),
    (["--format", "parquet"], "--format parquet needs --out"),
    (["--dyad", "USA"], "a dyad is two actor codes"),
])
def test_usage_errors(runner: CliRunner, db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3
    assert "no database" in result.stderr


def test_unwritable_out_file(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--out",
                                 str(tmp_path / "no" / "such" / "dir" / "x.csv")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


# -- user patterns, demo ---------------------------------------------------------------------------

def test_ingest_with_user_patterns(runner: CliRunner, tmp_path: Path) -> None:
    patterns = write(tmp_path / "mine.yaml", 'patterns:\n  "111":\n    verb:\n      - snub {T}\n')
    folder = tmp_path / "snub"
    write(folder / "snub.txt", front_matter("Japan snubbed China at the summit.", published="2024-05-06"))
    path = tmp_path / "snub.duckdb"
    _ok(runner.invoke(app, ["--events", str(patterns), "ingest", str(folder), "--db", str(path)]))
    assert [(r["source_code"], r["target_code"], r["cameo"], r["rule"]) for r in _rows(runner, path)] == [
        ("JPN", "CHN", "111", "111:verb:snub {T}")]
    plain = tmp_path / "plain.duckdb"
    _ok(runner.invoke(app, ["ingest", str(folder), "--db", str(plain)]))
    assert _rows(runner, plain) == []


def test_missing_user_pattern_file(runner: CliRunner, briefs: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--events", str(tmp_path / "none.yaml"), "ingest", str(briefs), "--db",
                                 str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "not found" in result.stderr


def test_demo_prints_the_most_active_dyads(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "demo.duckdb"
    result = runner.invoke(app, ["-q", "demo", "--db", str(path)])
    _ok(result)
    out = result.stdout
    assert "Most active dyads" in out
    for column in ("source", "target", "events", "cooperation", "conflict", "mean Goldstein"):
        assert column in out
    assert f"dyad events --db {path} --dyad" in out.replace("\n", "")
    with dyad.open_store(path, read_only=True) as store:
        top = store.dyads(limit=1)[0]
        assert store.counts()["events"] > 0
    assert f"{top['source']}-{top['target']}" in out.replace("\n", "")
