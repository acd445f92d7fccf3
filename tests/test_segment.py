"""Sentence splitting: abbreviations, initials, numbers, quotes, paragraphs, spans, CJK; a property test."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.model import Sentence
from dyad.text.segment import split


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split(text)]


@pytest.mark.parametrize("text", [
    "Officials in the U.S. capital were silent about the talks on Friday.",
    "Sen. Maria Holt met the delegation before the vote.",
    "The delegation was led by Gen. Omar Vance of the coastal command.",
    "The summit opens on Jan. 5 in the harbor city.",
    "Delegates will stay at No. 10 Harbor Road for the week.",
    "Defense Secretary Lloyd J. Austin spoke after the meeting.",
    "The former president George W. Bush sent a message to the conference.",
    "Growth slowed to 3.5 percent last year, the ministry said.",
    "The ship docked at 6 a.m. on Friday and left again by noon.",
    "“We waited... And waited,” the harbor master said.",
    "“We waited… And then we waited more,” the captain said.",
    "Mr. Holt and Dr. Vance arrived on the early ferry.",
    "The shipyard Harbor Works Inc. won the contract for the quay.",
])
def test_no_split_inside(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize("text, expected", [
    ("The aid was approved by the U.S. The decision surprised many in the region.",
     ["The aid was approved by the U.S.", "The decision surprised many in the region."]),
    ("Is this the end of the talks? Nobody knows! The delegations stay in town.",
     ["Is this the end of the talks?", "Nobody knows!", "The delegations stay in town."]),
    ("He said “stop.” Then he walked out of the room.",
     ["He said “stop.”", "Then he walked out of the room."]),
    ("“We are ready,” the envoy said. “Are you?” He smiled at the reporters.",
     ["“We are ready,” the envoy said.", "“Are you?”", "He smiled at the reporters."]),
    ("The minister called it a \"mistake.\" Others disagreed.",
     ["The minister called it a \"mistake.\"", "Others disagreed."]),
    ("The video was posted to X. “Face the facts,” the caption read.",
     ["The video was posted to X.", "“Face the facts,” the caption read."]),
    ("The ship docked at 6 a.m. The crew went ashore at once.",
     ["The ship docked at 6 a.m.", "The crew went ashore at once."]),
    ("The fleet sailed at dawn. 40 boats took part in the protest.",
     ["The fleet sailed at dawn.", "40 boats took part in the protest."]),
    ("The talks ended late (again). (Nobody was surprised.) The ferry left.",
     ["The talks ended late (again).", "(Nobody was surprised.)", "The ferry left."]),
    ("He paused... Then he spoke again.", ["He paused...", "Then he spoke again."]),
])
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "“The harbor will reopen,” she said. “We promise it.” Then the meeting ended."
    parts = sentences(text)
    assert parts == ["“The harbor will reopen,” she said.", "“We promise it.”", "Then the meeting ended."]
    assert all(p.count("“") == p.count("”") for p in parts)


def test_paragraph_indices() -> None:
    text = "First paragraph here. It has two sentences.\n\nThe second one has one.\n\n\n  A third.  Last one."
    spans = split(text)
    assert [(text[s.start:s.end], s.paragraph) for s in spans] == [
        ("First paragraph here.", 0), ("It has two sentences.", 0), ("The second one has one.", 1),
        ("A third.", 2), ("Last one.", 2)]


def test_single_newline_does_not_start_a_paragraph() -> None:
    spans = split("One line ends here.\nThe next line follows.")
    assert [s.paragraph for s in spans] == [0, 0]


def test_spans_are_offsets_into_the_text_and_stripped() -> None:
    text = "   Leading space here.    Next one.   \n\n\t Tabbed paragraph.  "
    spans = split(text)
    assert spans == [Sentence(3, 22, 0), Sentence(26, 35, 0), Sentence(42, 59, 1)]
    for s in spans:
        piece = text[s.start:s.end]
        assert piece == piece.strip() and piece


def test_offsets_count_code_points() -> None:
    parts = ["Der Bürgermeister 😀 sprach über Ökologie.", "Émile zählte die Stühle.", "Ende."]
    text = " ".join(parts)
    starts = [text.index(p) for p in parts]  # str offsets are code points
    assert [(s.start, s.end) for s in split(text)] == [(a, a + len(p)) for a, p in zip(starts, parts, strict=True)]


def test_empty_and_blank_text() -> None:
    assert split("") == []
    assert split("  \n\n \t ") == []


def test_cjk_sentences() -> None:
    text = "外交部周二发表声明。双方同意继续对话！会谈何时恢复？目前尚不清楚。"
    assert sentences(text) == ["外交部周二发表声明。", "双方同意继续对话！", "会谈何时恢复？", "目前尚不清楚。"]


def test_cjk_closing_bracket_stays_with_its_sentence() -> None:
    text = "他说：「我们会再来。」随后离开了。"
    assert sentences(text) == ["他说：「我们会再来。」", "随后离开了。"]


# -- property ------------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "a", "b", "The", "U.S.", "Mr.", "J.", "No.", "Jan.", "3.5", "a.m.", " ", "  ", "\n", "\n\n", "\t", ".", "!",
    "?", "...", "…", "“", "”", "\"", "'", "(", ")", "。", "！", "？", "」", "A", "Z", "é", "1", "\u3000", "\u00a0"])
_TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=60).map("".join))


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_spans_cover_the_text(text: str) -> None:
    spans = split(text)
    covered = bytearray(len(text))
    prev_end = 0
    prev_para = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev_end, "spans overlap or are out of order"
        piece = text[s.start:s.end]
        assert piece == piece.strip()
        assert s.paragraph >= prev_para
        prev_end, prev_para = s.end, s.paragraph
        covered[s.start:s.end] = b"\x01" * (s.end - s.start)
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i], f"character {ch!r} at {i} is in no sentence"
