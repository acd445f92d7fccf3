"""Actor mentions in the store and on the command line: ingest, actors, extract, --actors, catching up.

Every article here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import dyad
from conftest import FR, front_matter, jsonl, write
from dyad import cli
from dyad.cli import app
from dyad.ingest import plan
from dyad.pipeline import Pipeline
from dyad.text import CleanStage, LanguageStage, SegmentStage

TALKS = ("Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on Friday for more than "
         "five hours of talks. Blinken said the two sides had made progress on several issues, but that deep "
         "differences remained over trade and security. Wang told reporters that the relationship was beginning "
         "to stabilise and that Washington should not cross red lines on Taiwan.")
LAI = ("Taiwanese Vice President Lai Ching-te arrived in Paraguay on Monday for a visit that drew a sharp protest "
       "from Beijing. The Chinese Foreign Ministry said the trip was a provocation. Lai said he was there to "
       "strengthen the friendship between the two democracies.")
HARBOR = ("The harbor board met on a wet morning to discuss the price of diesel, which has risen for the third month "
          "in a row, and the members agreed to ask the city for help with the bills before the winter.")


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    # as in test_cli.py: one console width, so that tables and messages do not wrap by terminal
    monkeypatch.setattr(cli.out, "_width", 200)
    monkeypatch.setattr(cli.err, "_width", 200)
    return CliRunner()


def _ok(result: object) -> None:
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"  # type: ignore[attr-defined]


@pytest.fixture
def news(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    write(root / "talks.txt", front_matter(TALKS, published="2024-04-26", title="Talks in Beijing"))
    write(root / "lai.txt", front_matter(LAI, published="2023-08-14", title="Lai in Paraguay"))
    write(root / "harbor.txt", front_matter(HARBOR, published="2023-08-14", title="Diesel"))
    write(root / "fr.txt", front_matter(FR, published="2023-08-14", title="Rencontre"))
    return root


@pytest.fixture
def filled(runner: CliRunner, news: Path, tmp_path: Path) -> Path:
    db = tmp_path / "news.duckdb"
    _ok(runner.invoke(app, ["ingest", str(news), "--db", str(db)]))
    return db


def _mentions(db: Path) -> list[tuple[str, str, str, str | None, str]]:
    """(doc_id, text, name, code, rule) of every stored mention, checked against the stored text."""
    with dyad.open_store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT d.doc_id, m.char_start, m.char_end, m.text, m.name, m.code, m.rule, d.text FROM mentions m "
            "JOIN documents d USING (doc_key) ORDER BY d.doc_id, m.idx").fetchall()
    for _, start, end, text, *_, body in rows:
        assert body[start:end] == text
    return [(doc_id, text, name, code, rule) for doc_id, _, _, text, name, code, rule, _ in rows]


# -- storage ------------------------------------------------------------------------------------------

def test_ingest_stores_mentions(runner: CliRunner, news: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    result = runner.invoke(app, ["ingest", str(news), "--db", str(db)])
    _ok(result)
    assert "Actor mentions" in result.stdout
    rows = _mentions(db)
    assert rows == [
        ("lai", "Taiwanese Vice President Lai Ching-te", "Lai Ching-te", "TWNGOV", "title"),
        ("lai", "Paraguay", "Paraguay", "PRY", "country.place"),
        ("lai", "Beijing", "Beijing", "CHNGOV", "metonym"),  # "a protest from Beijing": the government
        ("lai", "Chinese Foreign Ministry", "Ministry of Foreign Affairs of the People's Republic of China",
         "CHNGOV", "org"),
        ("lai", "Lai", "Lai Ching-te", "TWNGOV", "coref.surname"),
        ("lai", "he", "Lai Ching-te", "TWNGOV", "coref.pronoun"),
        ("talks", "Secretary of State Antony Blinken", "Antony Blinken", "USAGOV", "title"),
        ("talks", "Chinese Foreign Minister Wang Yi", "Wang Yi", "CHNGOV", "title"),
        ("talks", "Blinken", "Antony Blinken", "USAGOV", "person"),
        ("talks", "Wang", "Wang Yi", "CHNGOV", "coref.surname"),
        ("talks", "Washington", "Washington", "USAGOV", "metonym"),
        ("talks", "Taiwan", "Taiwan", "TWN", "country.place"),
    ]
    with dyad.open_store(db, read_only=True) as store:
        view = {(n, c): (m, d) for n, c, m, d in store.con.execute(
            "SELECT name, code, mentions, documents FROM actors").fetchall()}
        assert view[("Antony Blinken", "USAGOV")] == (2, 1)
        assert view[("Lai Ching-te", "TWNGOV")] == (3, 1)
        facts = dict(store.con.execute("SELECT doc_id, facts FROM documents").fetchall())
        assert all("mentions" in f.split(",") for f in facts.values())
        # the French document: stored, no mentions, and a note saying why
        assert store.get("fr").mentions == ()  # type: ignore[union-attr]
        assert any(n.stage == "actors" and "not run" in n.message for n in store.get("fr").notes)  # type: ignore[union-attr]
        # reading a document back gives its mentions
        talks = store.get("talks")
        assert talks is not None
        assert [m.actor.name for m in talks.mentions][:2] == ["Antony Blinken", "Wang Yi"]


def test_store_actors_counts_and_filters(filled: Path) -> None:
    with dyad.open_store(filled, read_only=True) as store:
        rows = store.actors()
        top = rows[0]
        assert (top["name"], top["code"], top["mentions"], top["documents"]) == ("Lai Ching-te", "TWNGOV", 3, 1)
        assert sorted(top["surfaces"]) == ["Lai", "Taiwanese Vice President Lai Ching-te", "he"]
        talks = {(r["name"], r["code"]) for r in store.actors(doc="talks")}
        assert talks == {("Antony Blinken", "USAGOV"), ("Wang Yi", "CHNGOV"), ("Washington", "USAGOV"),
                         ("Taiwan", "TWN")}
        assert {r["code"][:3] for r in store.actors(code="chn")} == {"CHN"}
        assert store.actors(doc="harbor") == []


def test_reingest_fills_in_mentions_of_documents_stored_without_them(runner: CliRunner, news: Path,
                                                                    tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    old = Pipeline([CleanStage(), LanguageStage(), SegmentStage()])
    items = list(dyad.process(plan([news]), dyad.Settings(), old))
    with dyad.open_store(db) as store:
        report = store.write_all(items, stages=old.names)
        assert report.documents == 4
        assert store.counts()["mentions"] == 0
        before = dict(store.con.execute("SELECT doc_id, facts FROM documents").fetchall())
    assert not any("mentions" in f.split(",") for f in before.values())

    result = runner.invoke(app, ["ingest", str(news), "--db", str(db)])
    _ok(result)
    assert "Updated (re-run with new stages)" in result.stdout
    with dyad.open_store(db, read_only=True) as store:
        counts = store.counts()
        assert counts["documents"] == 4  # replaced, not added
        assert counts["sentences"] == sum(len(d.sentences) for d in items if isinstance(d, dyad.Document))
        facts = dict(store.con.execute("SELECT doc_id, facts FROM documents").fetchall())
    assert all("mentions" in f.split(",") for f in facts.values())
    assert {(doc_id, name, code) for doc_id, _, name, code, _ in _mentions(db)} >= {
        ("talks", "Antony Blinken", "USAGOV"), ("talks", "Wang Yi", "CHNGOV"), ("lai", "Lai Ching-te", "TWNGOV")}
    n = counts["mentions"]
    assert n == 12

    # a third run has nothing left to do
    result = runner.invoke(app, ["ingest", str(news), "--db", str(db)])
    _ok(result)
    assert "Updated" not in result.stdout
    with dyad.open_store(db, read_only=True) as store:
        assert store.counts()["mentions"] == n
        assert store.counts()["documents"] == 4


# -- dyad actors ----------------------------------------------------------------------------------------

def test_actors_table(runner: CliRunner, filled: Path) -> None:
    result = runner.invoke(app, ["actors", "--db", str(filled)])
    _ok(result)
    out = result.stdout
    for name, code in (("Antony Blinken", "USAGOV"), ("Wang Yi", "CHNGOV"), ("Lai Ching-te", "TWNGOV"),
                       ("Washington", "USAGOV")):
        line = next((ln for ln in out.splitlines() if name in ln), None)
        assert line is not None, out
        assert code in line
    for column in ("name", "code", "role", "mentions", "docs"):
        assert column in out
    assert out.index("Lai Ching-te") < out.index("Antony Blinken")  # most mentioned (3, then 2) first


def test_actors_of_one_document(runner: CliRunner, filled: Path) -> None:
    result = runner.invoke(app, ["actors", "--db", str(filled), "--doc", "lai"])
    _ok(result)
    assert "Lai Ching-te" in result.stdout and "TWNGOV" in result.stdout
    assert "Antony Blinken" not in result.stdout and "Wang Yi" not in result.stdout


def test_actors_code_filter_and_json(runner: CliRunner, filled: Path) -> None:
    result = runner.invoke(app, ["actors", "--db", str(filled), "--code", "CHN", "--json"])
    _ok(result)
    rows = jsonl(result.stdout)
    assert rows, result.stdout
    assert all(r["code"].startswith("CHN") for r in rows)
    by_name = {r["name"]: r for r in rows}
    assert by_name["Wang Yi"]["code"] == "CHNGOV"
    assert by_name["Wang Yi"]["mentions"] == 2
    assert by_name["Wang Yi"]["documents"] == 1
    assert set(by_name["Wang Yi"]) >= {"name", "code", "role", "mentions", "documents", "surfaces"}
    assert "Antony Blinken" not in by_name


def test_actors_unknown_document_is_a_clear_error(runner: CliRunner, filled: Path) -> None:
    result = runner.invoke(app, ["actors", "--db", str(filled), "--doc", "no-such-doc"])
    assert result.exit_code == 2
    assert "no document 'no-such-doc'" in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_actors_without_a_database_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["actors", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3
    assert "no database" in result.stderr
    assert "Traceback" not in result.output


# -- dyad extract -----------------------------------------------------------------------------------------

def test_extract_lines_carry_mentions_that_validate(runner: CliRunner, news: Path, validator: object) -> None:
    result = runner.invoke(app, ["extract", str(news)])
    _ok(result)
    records = {r["doc_id"]: r for r in jsonl(result.stdout)}
    for record in records.values():
        validator.validate(record)  # type: ignore[attr-defined]
        for m in record["mentions"]:
            assert record["text"][m["start"]:m["end"]] == m["text"]
    talks = records["talks"]
    first = talks["mentions"][0]
    assert first["text"] == "Secretary of State Antony Blinken"
    assert first["actor"] == {"name": "Antony Blinken", "code": "USAGOV", "role": "Secretary of State"}
    assert first["rule"] == "title"
    assert records["harbor"]["mentions"] == []
    assert records["fr"]["mentions"] == []
    assert any(n["stage"] == "actors" for n in records["fr"]["notes"])


def test_extract_with_db_stores_mentions(runner: CliRunner, news: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["extract", str(news / "talks.txt"), "--db", str(db)])
    _ok(result)
    [record] = jsonl(result.stdout)
    assert len(_mentions(db)) == len(record["mentions"]) == 6


# -- --actors FILE -----------------------------------------------------------------------------------------

USER_YAML = """\
people:
  - name: Orla Vantreese
    gender: f
    country: IRL
    spells:
      - {role: Minister for Harbours, code: IRLGOV, start: 2021-03-01, end: null}
organizations:
  - name: Brackwater Institute for Tidal Policy
    code: IRLNGO
    aliases: [Brackwater Institute]
"""
USER_ARTICLE = ("Orla Vantreese told the harbor board on Monday that the price of diesel would be reviewed, and the "
                "Brackwater Institute said that it would publish its own figures before the winter.")


def test_extract_with_a_user_actors_file(runner: CliRunner, tmp_path: Path, validator: object) -> None:
    mine = write(tmp_path / "mine.yaml", USER_YAML)
    article = write(tmp_path / "harbor.txt", front_matter(USER_ARTICLE, published="2022-02-01"))
    result = runner.invoke(app, ["--actors", str(mine), "extract", str(article)])
    _ok(result)
    [record] = jsonl(result.stdout)
    validator.validate(record)  # type: ignore[attr-defined]
    got = {m["text"]: m["actor"]["code"] for m in record["mentions"]}
    # "said that it would publish": the reported-clause "it" is the institute
    assert got == {"Orla Vantreese": "IRLGOV", "Brackwater Institute": "IRLNGO", "it": "IRLNGO"}
    # without the file the same article has no coded actor
    result = runner.invoke(app, ["extract", str(article)])
    _ok(result)
    [plain] = jsonl(result.stdout)
    assert [m for m in plain["mentions"] if m["actor"]["code"]] == []


def test_ingest_with_a_user_actors_csv(runner: CliRunner, tmp_path: Path) -> None:
    mine = write(tmp_path / "mine.csv", "type,name,code,aliases,role,start,end\n"
                                        "person,Orla Vantreese,IRLGOV,Vantreese,Minister for Harbours,2021,\n")
    write(tmp_path / "in" / "harbor.txt", front_matter(USER_ARTICLE, published="2022-02-01"))
    db = tmp_path / "x.duckdb"
    _ok(runner.invoke(app, ["--actors", str(mine), "ingest", str(tmp_path / "in"), "--db", str(db)]))
    result = runner.invoke(app, ["actors", "--db", str(db), "--json"])
    _ok(result)
    names = {(r["name"], r["code"]) for r in jsonl(result.stdout)}
    assert ("Orla Vantreese", "IRLGOV") in names


def test_actors_option_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", USER_ARTICLE)
    result = runner.invoke(app, ["--actors", str(tmp_path / "nope.yaml"), "extract", str(article)])
    assert result.exit_code == 2
    assert "actors file not found" in result.stderr
    assert "Traceback" not in result.output


def test_actors_option_malformed_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "persons:\n  - name: Ann Bee\n")
    article = write(tmp_path / "a.txt", USER_ARTICLE)
    result = runner.invoke(app, ["--actors", str(bad), "extract", str(article)])
    assert result.exit_code == 2
    assert "unknown sections persons" in result.stderr
    assert str(bad) in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_actors_option_entry_without_name(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "organizations:\n  - code: USAGOV\n")
    article = write(tmp_path / "a.txt", USER_ARTICLE)
    result = runner.invoke(app, ["--actors", str(bad), "extract", str(article)])
    assert result.exit_code == 2
    assert "error:" in result.stderr


def test_actors_option_after_the_subcommand(runner: CliRunner, tmp_path: Path) -> None:
    mine = write(tmp_path / "mine.yaml", USER_YAML)
    article = write(tmp_path / "harbor.txt", front_matter(USER_ARTICLE, published="2022-02-01"))
    result = runner.invoke(app, ["extract", "--actors", str(mine), str(article)])
    _ok(result)
    [record] = jsonl(result.stdout)
    assert {m["actor"]["code"] for m in record["mentions"]} == {"IRLGOV", "IRLNGO"}
