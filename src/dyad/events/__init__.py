"""Events: who did what to whom (CAMEO 1.1b3 and PLOVER), with status, date and evidence.

    from dyad.events import EventStage, load
    stage = EventStage()                  # the shipped codes and patterns
    doc = stage(doc)                      # a Document with sentences, mentions and times

`load(extra)` reads the shipped code table and patterns, then the user's files: CSV code tables
(the columns of data/cameo.csv) and YAML pattern files (data/FORMAT.md), which may also carry
`codes:` rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from dyad.actors.gazetteer import Gazetteer
from dyad.actors.tokens import Tokens, tokenize_document, window
from dyad.errors import ConfigError
from dyad.events.coder import Coder
from dyad.events.codes import COLUMNS, Code, CodeTable, load_codes, parse_codes
from dyad.events.patterns import Pattern, PatternSet, compile_pattern, load_patterns
from dyad.events.shallow import analyse
from dyad.model import Document, Event, Mention, TimeExpr

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_CAPITAL = re.compile(r"[A-Z]")


def _split_user_files(extra: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """User files: CSV files are code tables; YAML files hold patterns (and maybe codes)."""
    codes, patterns = [], []
    for p in extra:
        if not p.is_file():
            raise ConfigError(f"no such events file: {p}")
        if p.suffix.lower() == ".csv":
            codes.append(p)
        elif p.suffix.lower() in (".yaml", ".yml"):
            patterns.append(p)
        else:
            raise ConfigError(f"events file {p}: use .csv for codes or .yaml for patterns")
    return codes, patterns


def _yaml_codes(path: Path) -> list[Code]:
    """The `codes:` rows of a user's YAML pattern file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read pattern file {path}: {exc}") from None
    rows = (data or {}).get("codes") if isinstance(data, dict) else None
    if not rows:
        return []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ConfigError(f"{path}: codes: a list of rows with {', '.join(COLUMNS)}")
    header = ",".join(COLUMNS)
    lines = [header] + [",".join(_csv_cell(r.get(c)) for c in COLUMNS) for r in rows]
    return parse_codes("\n".join(lines), f"{path}: codes")


def _csv_cell(v: Any) -> str:
    s = "" if v is None else str(v)
    return '"' + s.replace('"', '""') + '"' if any(ch in s for ch in ',"\n') else s


def load(extra: Sequence[Path] = ()) -> PatternSet:
    """Codes and patterns: the shipped ones, then the user's files in order."""
    code_files, pattern_files = _split_user_files(list(extra))
    table = load_codes(code_files)
    for p in pattern_files:
        for c in _yaml_codes(p):
            table.merge(c)
    return load_patterns(table, pattern_files)


class EventStage:
    """Fills `events`: CAMEO/PLOVER-coded events with source, target, status, date and evidence."""

    name = "events"
    requires = frozenset({"sentences", "mentions", "times"})
    assigns = frozenset({"events"})

    def __init__(self, patterns: PatternSet | None = None, gazetteer: Gazetteer | None = None,
                 languages: Iterable[str] = ("en",), extra: Sequence[Path] = ()) -> None:
        self.patterns = patterns or load(extra)
        if gazetteer is None:
            from dyad.actors.gazetteer import load as load_gazetteer
            gazetteer = load_gazetteer()
        self.coder = Coder(self.patterns, gazetteer)
        self.languages: frozenset[str] | None = frozenset(languages)
        self._triggers = self.patterns.triggers

    def __call__(self, doc: Document) -> Document:
        return replace(doc, events=tuple(self.events(doc)))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def events(self, doc: Document) -> list[Event]:
        if not doc.sentences:
            return []
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in doc.mentions:
            by_sentence[m.sentence].append(m)
        times: dict[int, list[TimeExpr]] = defaultdict(list)
        for t in doc.times:
            times[t.sentence].append(t)
        out: list[Event] = []
        triggers = self._triggers
        text = doc.text
        low = text.lower()
        if len(low) != len(text):  # lower() changed a length ("İ"): read words sentence by sentence
            low = ""
        doc_toks: Tokens | None = None
        for i, sent in enumerate(doc.sentences):
            if low:
                words = set(_WORD.findall(low, sent.start, sent.end))
            else:
                words = set(_WORD.findall(text[sent.start:sent.end].lower()))
            if triggers.isdisjoint(words) or not self.coder.could_match(words):
                continue
            ms = by_sentence.get(i, [])
            if not ms and not _CAPITAL.search(text, sent.start + 1, sent.end):
                continue  # no actor and no place name: nothing an event could be about
            piece = text[sent.start:sent.end]
            if doc_toks is None:
                doc_toks = tokenize_document(text)
            toks = window(doc_toks, sent.start, sent.end)
            s = analyse(i, sent.start, piece, ms, frozenset(), toks)  # clauses are cut only if a pattern matches
            out.extend(self.coder.code_sentence(doc, s, times.get(i, [])))
        return out


__all__ = ["Code", "CodeTable", "EventStage", "Pattern", "PatternSet", "compile_pattern", "load", "load_codes",
           "load_patterns"]
