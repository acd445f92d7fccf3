"""The output contract's JSON Schema against real output and hand-made records."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import dyad
from conftest import ARTICLE, jsonl
from dyad import cli
from dyad.contract import schema, to_record
from dyad.model import Skip


@pytest.fixture(scope="module")
def sample_records() -> list[dict[str, Any]]:
    from importlib import resources

    with resources.as_file(resources.files("dyad.data") / "sample") as sample:
        result = CliRunner().invoke(cli.app, ["extract", str(sample)])
    assert result.exit_code == 0, result.output
    return jsonl(result.stdout)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_line_for_the_sample_corpus_validates(sample_records: list[dict[str, Any]],
                                                    validator: Draft202012Validator) -> None:
    assert len(sample_records) == 22
    for record in sample_records:
        errors = [e.message for e in validator.iter_errors(record)]
        assert errors == [], (record["doc_id"], errors)
    assert all("skip" not in r for r in sample_records)


def test_sample_offsets_are_into_the_text(sample_records: list[dict[str, Any]]) -> None:
    for record in sample_records:
        text = record["text"]
        assert record["sentences"], record["doc_id"]
        for s in record["sentences"]:
            assert 0 <= s["start"] < s["end"] <= len(text)
            piece = text[s["start"]:s["end"]]
            assert piece == piece.strip()


def test_skip_record_validates(validator: Draft202012Validator) -> None:
    validator.validate(to_record(Skip("scan", "binary file", path="in/scan.txt", detail="PNG image")))
    validator.validate(to_record(Skip("feed#L2", "invalid JSON", path="feed.jsonl")))
    validator.validate({"doc_id": "x", "path": None, "skip": {"reason": "empty"}})


def test_skip_record_needs_a_reason(validator: Draft202012Validator) -> None:
    assert not validator.is_valid({"doc_id": "x", "path": None, "skip": {}})
    assert not validator.is_valid({"doc_id": "x", "path": None, "skip": {"reason": ""}})


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    return to_record(dyad.extract(ARTICLE, published="2024-04-23", doc_id="harbor"))


def test_document_record_validates(record: dict[str, Any], validator: Draft202012Validator) -> None:
    validator.validate(record)


@pytest.mark.parametrize("field", ["text", "doc_id", "sentences", "published", "mentions", "events"])
def test_record_missing_a_required_field_does_not_validate(record: dict[str, Any], validator: Draft202012Validator,
                                                           field: str) -> None:
    broken = copy.deepcopy(record)
    del broken[field]
    assert not validator.is_valid(broken)


@pytest.mark.parametrize("field, value", [
    ("published", "23 April 2024"),
    ("published", "2024-4-23"),
    ("language", "English"),
    ("doc_id", ""),
    ("sentences", [{"start": 0, "end": 5}]),
    ("sentences", [{"start": -1, "end": 5, "paragraph": 0}]),
    ("content_hash", "not-a-hash"),
    ("text", None),
])
def test_record_with_a_bad_value_does_not_validate(record: dict[str, Any], validator: Draft202012Validator,
                                                   field: str, value: object) -> None:
    broken = copy.deepcopy(record)
    broken[field] = value
    assert not validator.is_valid(broken)


@pytest.mark.parametrize("published", ["2018", "2018-10", "2018-10-05", None])
def test_partial_dates_validate(record: dict[str, Any], validator: Draft202012Validator,
                                published: str | None) -> None:
    validator.validate({**record, "published": published})


def test_dyad_schema_stays_callable() -> None:
    schema()  # any earlier call (the CLI, the validator fixture) has the same effect
    assert callable(dyad.schema)
    assert dyad.schema() == schema()


def test_extract_output_file_validates(tmp_path: Path, validator: Draft202012Validator) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli.app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = jsonl(out.read_text(encoding="utf-8"))
    assert [("skip" in r) for r in records] == [False, True]
    for r in records:
        validator.validate(r)
