"""The four seed articles in ../shared, scored by the project's own scorer (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED, dyad_command, jsonl

MANIFEST = SHARED / "corpus" / "seeds.manifest.csv"
GOLD = SHARED / "corpus" / "seeds.gold.yaml"
SCORER = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (MANIFEST.is_file() and GOLD.is_file() and SCORER.is_file()):
        pytest.skip(f"{SHARED} with the seed corpus and scorer is not available")
    out = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    proc = subprocess.run([*dyad_command(), "extract", "--manifest", str(MANIFEST), "--out", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=out.parent)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return out


def _score(output: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(output), "--json"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    figures = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(figures) == 1, proc.stdout
    result: dict[str, Any] = figures[0]
    return result


def test_seeds_clean_f1_is_perfect(seeds_output: Path) -> None:
    figures = _score(seeds_output)
    assert "clean" in figures
    assert figures["clean"]["f1"] == 1.0, figures["clean"]
    assert figures["clean"]["tp"] > 0


def test_seeds_output_validates(seeds_output: Path, validator: Any) -> None:
    records = jsonl(seeds_output.read_text(encoding="utf-8"))
    assert len(records) == 4
    for record in records:
        assert "skip" not in record, record
        validator.validate(record)
        assert record["language"] == "en"
        assert record["outlet"] and record["published"] and record["title"]
        assert record["sentences"]
