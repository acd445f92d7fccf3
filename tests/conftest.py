"""Shared fixtures and helpers. Every text here was written for these tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"

# Hand-written English news paragraphs (a fictional harbor story).
EN_1 = ("The harbor commission met on Monday to approve a plan for new moorings along the eastern quay, "
        "a project that has been delayed for two years by a dispute over dredging costs.")
EN_2 = ("Fishermen who had waited through two stormy winters welcomed the vote, and the mayor said the first "
        "boats could tie up at the new berths before the end of the summer.")
EN_3 = "The commission will publish the final drawings next month, a spokeswoman said."
ARTICLE = f"{EN_1}\n\n{EN_2}\n\n{EN_3}"

# A second, unrelated story, so that content hashes differ.
EN_B = ("The regional library reopened its reading room on Thursday after a year of repairs to the roof, "
        "and dozens of students queued outside before the doors opened in the morning. The director said "
        "the building would now stay open until nine in the evening on weekdays.")
EN_C = ("A ferry operator added two evening crossings to the island on weekends, answering complaints from "
        "residents who said the last boat left too early for them to return from work on the mainland.")

FR = ("Le ministre des Affaires étrangères a rencontré mardi son homologue à Paris. Les deux hommes ont parlé "
      "du commerce et de la sécurité en Europe. Ils doivent se revoir au printemps prochain, selon un "
      "porte-parole du ministère.")
DE = ("Der Außenminister traf am Dienstag seinen Amtskollegen in Berlin. Die beiden Politiker sprachen über "
      "Handel und Sicherheit in Europa. Sie wollen sich im nächsten Frühjahr wieder treffen, sagte ein "
      "Sprecher des Ministeriums.")

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def front_matter(body: str, **meta: Any) -> str:
    """A text file with YAML front matter."""
    head = "\n".join(f"{k}: {v}" for k, v in meta.items())
    return f"---\n{head}\n---\n{body}\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


_HYPOTHESIS_HOME: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps caches in ./.hypothesis (some written while collecting): use a temporary folder."""
    from hypothesis.configuration import set_hypothesis_home_dir

    _HYPOTHESIS_HOME.append(tempfile.mkdtemp(prefix="dyad-tests-hypothesis-"))
    set_hypothesis_home_dir(_HYPOTHESIS_HOME[-1])


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _HYPOTHESIS_HOME:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings read DYAD_DB and DYAD_MAX_BYTES from the environment: keep the user's out."""
    monkeypatch.delenv("DYAD_DB", raising=False)
    monkeypatch.delenv("DYAD_MAX_BYTES", raising=False)


# -- events ------------------------------------------------------------------------------------------------
EVENTS_PUBLISHED = "2024-05-10"  # the publication date of the event tests' one-sentence texts


@cache
def events_of(text: str, published: str = EVENTS_PUBLISHED) -> tuple[Any, ...]:
    """The events dyad codes in a text, remembered: the event tests ask about the same sentences again."""
    import dyad

    return dyad.extract(text, published=published).events


def country(actor: Any) -> str | None:
    """An actor's country code (its first three letters), or None."""
    return actor.code[:3] if actor is not None and actor.code else None


def show(events: Any) -> list[tuple[str, str | None, str | None, str]]:
    """Events as (code, source country, target country, status), for assertion messages."""
    return [(e.cameo, country(e.source), country(e.target), e.status) for e in events]


@pytest.fixture
def wide_runner(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A CliRunner whose consoles are wide enough that tables do not wrap."""
    from typer.testing import CliRunner

    from dyad import cli

    monkeypatch.setattr(cli.out, "_width", 240)
    monkeypatch.setattr(cli.err, "_width", 240)
    return CliRunner()


def cli_ok(result: Any) -> None:
    """A CliRunner result that succeeded, else its output and exception."""
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"


@pytest.fixture(scope="session")
def validator() -> Any:
    from jsonschema import Draft202012Validator

    from dyad.contract import schema  # not dyad.schema: see test_schema.py

    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small folder: an article with front matter, a plain text file, a PNG (an unsupported type)."""
    root = tmp_path / "corpus"
    write(root / "a.txt", front_matter(ARTICLE, published="2024-04-23", source="Harbor Light Gazette",
                                       title="Moorings plan approved", kind="news"))
    write(root / "b.txt", EN_B)
    write(root / "c.png", PNG_BYTES)
    return root


def dyad_command() -> list[str]:
    """The installed console script, or the module when there is none."""
    beside = Path(sys.executable).parent / "dyad"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("dyad")
    if found:
        return [found]
    return [sys.executable, "-m", "dyad.cli"]


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


_HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import dyad
    store = dyad.open_store(sys.argv[1])
    Path(sys.argv[2]).write_text("ready")
    time.sleep(120)
""")


@contextmanager
def hold_database(db: Path, ready: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Another process that keeps `db` open for writing until the block ends."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db), str(ready)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            if proc.poll() is not None:
                raise RuntimeError(f"holder process died: {proc.stderr.read().decode() if proc.stderr else ''}")
            if time.monotonic() > deadline:
                raise RuntimeError("holder process did not open the database")
            time.sleep(0.05)
        yield proc
    finally:
        proc.kill()
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
