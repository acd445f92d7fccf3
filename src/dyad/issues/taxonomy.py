"""The issue taxonomy: ids, names, descriptions, phrase patterns and related actors (data/FORMAT.md).

The words patterns can start with compile into one trie-shaped regular expression that runs once over
a whole text; only where it finds one are the patterns that start with that word tried, so tagging
costs one regex pass per document whatever the size of the taxonomy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError
from dyad.text.words import alternation

_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_CODE = re.compile(r"[A-Z0-9]{2,6}\Z")
_TOKEN = re.compile(r"=?[\w'’.&]+(?:-[\w'’.&]+)*\*?\Z")
# between the words of a phrase: spaces, hyphens, quotes, brackets; never a sentence or clause end
SEP = r"[^\w.!?;:,]+"
GAP = rf"(?:{SEP}\w+){{0,4}}?"
WEAK = 0.5


@dataclass(frozen=True, slots=True)
class Phrase:
    """One compiled pattern: its source text, its regex and what a match means."""

    text: str
    key: str                 # the issue id (or the tone word)
    weight: float            # issues: 1.0 strong, WEAK weak, 0.0 negative; tone: the tone value
    regex: re.Pattern[str]   # the whole phrase, matched where the scanner found a phrase start
    exact: bool              # case-sensitive


@dataclass(slots=True)
class Issue:
    id: str
    name: str
    description: str = ""
    patterns: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern match in a text."""

    start: int
    end: int
    key: str
    weight: float
    pattern: str


def _alt_regex(tok: str) -> tuple[str, bool]:
    """The regex of one word alternative, and whether it is case-sensitive."""
    exact = tok.startswith("=")
    word = tok[1:] if exact else tok
    star = word.endswith("*")
    if star:
        word = word[:-1]
    if not word or not _TOKEN.match(word + ("*" if star else "")):
        raise ValueError(f"bad word {tok!r}")
    parts = [re.sub(r"\\?['’]", "['’]", re.escape(p)) for p in word.split("-")]
    rx = r"[-\s]?".join(parts)
    if star:
        rx += r"[\w'’-]*"
    elif not exact and word[-1:].isalpha():
        rx += "(?:e?s)?"
    return (rx if exact else f"(?i:{rx})"), exact


def compile_phrase(text: str) -> tuple[str, bool]:
    """A phrase pattern as a regex body (no boundaries) and whether any word in it is case-sensitive."""
    elements = text.split()
    if not elements:
        raise ValueError("empty pattern")
    pieces: list[tuple[str, str]] = []
    exact = False
    for n, el in enumerate(elements):
        if el == "...":
            if n in (0, len(elements) - 1):
                raise ValueError("'...' must stand between words")
            pieces.append(("gap", GAP))
            continue
        optional = el.startswith("(") and el.endswith(")")
        body = el[1:-1] if optional else el
        alts = []
        for a in body.split("|"):
            rx, ex = _alt_regex(a)
            alts.append(rx)
            exact = exact or ex
        rx = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        pieces.append(("opt" if optional else "word", rx))
    if all(kind != "word" for kind, _ in pieces):
        raise ValueError("a pattern needs at least one required word")
    while pieces[0][0] == "opt":  # "(the) Taiwan Strait" matches where "Taiwan Strait" does
        pieces.pop(0)
    out, need_sep = "", False
    for kind, rx in pieces:
        sep = SEP if need_sep else ""
        if kind == "gap":
            out += rx
        elif kind == "opt":
            out += f"(?:{sep}{rx})?" if need_sep else f"(?:{rx}{SEP})?"
        else:
            out += sep + rx
            need_sep = True
    return out, exact


class PhraseSet:
    """Phrase patterns with a key and a weight each, matched together.

    One regex, a trie of the words phrases can start with, finds where a phrase may start in one pass
    over the text; there only the phrases that start with that word are tried, and the longest wins."""

    def __init__(self, entries: Iterable[tuple[str, str, float]], where: str = "pattern") -> None:
        self.phrases: list[Phrase] = []
        self._words: dict[str, list[Phrase]] = {}     # a whole first word in its written forms -> phrases
        self._prefixes: dict[str, list[Phrase]] = {}  # the stem of a `word*` first word -> phrases
        for text, key, weight in entries:
            try:
                body, exact = compile_phrase(text)
                rx = re.compile(body + r"(?!\w)")
            except (ValueError, re.error) as exc:
                raise ConfigError(f"{where} {key}: pattern {text!r}: {exc}") from None
            p = Phrase(text, key, weight, rx, exact)
            self.phrases.append(p)
            words, stems = _heads(text)
            for w in words:
                self._words.setdefault(w, []).append(p)
            for w in stems:
                self._prefixes.setdefault(w, []).append(p)
        whole = alternation(_curly(self._words))
        stem = alternation(_curly(self._prefixes))
        branches = ([rf"(?P<w>{whole})(?!\w)"] if whole else []) + ([f"(?:{stem})"] if stem else [])
        # the scanner runs over lower-cased text: case-insensitive matching of a large trie is ten times slower
        body = r"(?<![\w-])(?:" + "|".join(branches) + ")"
        self._scanner = re.compile(body) if branches else None
        self._scanner_i = re.compile(body, re.I) if branches else None  # for texts that lower() changes in length
        self._whole = re.compile(rf"(?:{whole})(?!\w)", re.I) if whole else None  # for texts lower() changes
        self._stem_lengths = sorted({len(k) for k in self._prefixes}, reverse=True)
        self._span = max(self._stem_lengths, default=0)
        self._memo: dict[tuple[str, str, str], list[Phrase]] = {}

    def __len__(self) -> int:
        return len(self.phrases)

    def _candidates(self, low: str, i: int, alias: str) -> list[Phrase]:
        """The phrases that may start at low[i] (lower case, straight apostrophes): by the whole first word
        there (`alias`, also a hyphenated or two-word one: "a-bomb", "cross strait"), by the plain word, and
        by every `word*` stem it begins with."""
        m = _WORD.match(low, i)
        plain = m.group(0) if m else ""
        key = (alias, plain, low[i:i + self._span])
        got = self._memo.get(key)
        if got is not None:
            return got
        words = self._words
        out: list[Phrase] = list(words.get(alias, ()))
        if plain != alias and plain in words:
            out += words[plain]
        for k in self._stem_lengths:
            out += self._prefixes.get(low[i:i + k], ())
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[key] = out
        return out

    def hits(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        """Every match in text[start:end], leftmost-longest, not overlapping: where phrases start at the same
        place, the longest wins ("export controls" over "export"), and every phrase of that length counts."""
        if self._scanner is None:
            return
        stop = len(text) if end is None else end
        pos = start
        piece = text[start:stop]
        low = piece.lower()
        same = len(low) == len(piece)
        if same:
            low = low.replace("’", "'")
            found: Iterator[re.Match[str]] = self._scanner.finditer(low)
        else:  # a text whose length lower() changes ("İ"): scan it as it is, and look words up one by one
            found = self._scanner_i.finditer(piece)  # type: ignore[union-attr]
        for m in found:
            s = m.start() + start
            if s < pos:
                continue  # inside the last hit
            if same:
                cands = self._candidates(low, m.start(), m.group("w") if m.lastgroup == "w" else "")
            else:
                w = self._whole.match(piece, m.start()) if self._whole is not None else None
                sub = piece[m.start():m.start() + 64].lower().replace("’", "'")
                cands = self._candidates(sub, 0, w.group(0).lower().replace("’", "'") if w else "")
            best_end = s
            best: list[Phrase] = []
            for p in cands:
                mm = p.regex.match(text, s, stop)
                if mm is None or mm.end() < best_end or mm.end() == s:
                    continue
                if mm.end() > best_end:
                    best_end, best = mm.end(), []
                if all(q is not p for q in best):
                    best.append(p)
            for p in best:
                yield Hit(s, best_end, p.key, p.weight, p.text)
            if best:
                pos = best_end


class Taxonomy:
    """Issues by id, with their compiled patterns and actor links."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: dict[str, Issue] = {i.id: i for i in issues}
        self.by_code: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        entries: list[tuple[str, str, float]] = []
        negatives: list[tuple[str, str, float]] = []
        for issue in self.issues.values():
            for weight, texts in ((1.0, issue.patterns), (WEAK, issue.weak)):
                entries.extend((t, issue.id, weight) for t in texts)
            negatives.extend((t, issue.id, 0.0) for t in issue.negative)
            for a in issue.actors:
                if _CODE.match(a):
                    self.by_code.setdefault(a, set()).add(issue.id)
                else:
                    self.by_name.setdefault(a.lower(), set()).add(issue.id)
        self.phrases = PhraseSet(entries, "issue")
        # negatives scan on their own, so that a negative of one issue never hides another issue's match
        self.negatives = PhraseSet(negatives, "issue")

    def __len__(self) -> int:
        return len(self.issues)

    def __contains__(self, issue_id: object) -> bool:
        return issue_id in self.issues

    def ids(self) -> list[str]:
        return list(self.issues)

    def hits(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        """Every pattern match in text[start:end], then the negatives' (weight 0)."""
        yield from self.phrases.hits(text, start, end)
        yield from self.negatives.hits(text, start, end)

    def actor_issues(self, name: str | None, code: str | None) -> set[str]:
        """The issues an actor stands for: by its gazetteer name, or by its code's country part."""
        out: set[str] = set()
        if name:
            out |= self.by_name.get(name.lower(), set())
        if code:
            out |= self.by_code.get(code, set())
            if len(code) > 3:
                out |= self.by_code.get(code[:3], set())
        return out


_WORD = re.compile(r"\w+(?:[.&]\w+)*\.?")


def _first(text: str, at: int = 0) -> str:
    """The plain word at text[at:], lower case ("u.s." in "U.S.-China", "taiwan" in "Taiwan's")."""
    m = _WORD.match(text, at)
    return m.group(0).lower() if m else ""


def _heads(text: str) -> tuple[list[str], list[str]]:
    """The first required word of a phrase, lower case with straight apostrophes: its written forms as a
    whole word (plurals; a hyphenated word also with a space or nothing between its parts), and the
    stems of its `word*` alternatives."""
    words: list[str] = []
    stems: list[str] = []
    for el in text.split():
        if el.startswith("(") and el.endswith(")"):
            continue
        for a in el.split("|"):
            exact = a.startswith("=")
            w = a.lstrip("=").lower().replace("’", "'")
            if w.endswith("*"):
                w = w[:-1]
                stems += [w, w.replace("-", " "), w.replace("-", "")] if "-" in w else [w]
                continue
            forms = {w, w.replace("-", " "), w.replace("-", "")} if "-" in w else {w}
            for f in forms:
                words.append(f)
                if not exact and f[-1:].isalpha():
                    words += [f + "s", f + "es"]
        break
    return list(dict.fromkeys(words)), list(dict.fromkeys(stems))


def _curly(keys: Iterable[str]) -> set[str]:
    """Keys and their spellings with a curly apostrophe."""
    return {v for k in keys for v in (k, k.replace("'", "’"))}


def _rows(data: Any, where: str) -> list[dict[str, Any]]:
    rows = data.get("issues") if isinstance(data, dict) else data
    if rows is None:
        return []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ConfigError(f"{where}: expected `issues:` with a list of entries")
    return rows


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return [str(v) for v in value]


def merge(issues: dict[str, Issue], rows: list[dict[str, Any]], where: str) -> None:
    """Add a file's entries: new ids add issues, known ids extend them, `remove: true` drops one."""
    for r in rows:
        iid = str(r.get("id") or "")
        if not _ID.match(iid):
            raise ConfigError(f"{where}: issue id {iid!r}: use lower case letters, digits and underscores")
        if r.get("remove"):
            issues.pop(iid, None)
            continue
        issue = issues.get(iid)
        if issue is None:
            issue = issues[iid] = Issue(iid, str(r.get("name") or iid.replace("_", " ").capitalize()))
        elif r.get("name"):
            issue.name = str(r["name"])
        if r.get("description"):
            issue.description = " ".join(str(r["description"]).split())
        for key in ("patterns", "weak", "negative", "actors"):
            values = _strings(r.get(key), f"{where}: issue {iid}: {key}")
            if key != "actors":
                for v in values:
                    try:
                        compile_phrase(v)
                    except ValueError as exc:
                        raise ConfigError(f"{where}: issue {iid}: {key}: pattern {v!r}: {exc}") from None
            getattr(issue, key).extend(values)


def read_issue_file(path: Path) -> Any:
    """A user's issues file, parsed; a ConfigError when it cannot be read."""
    try:
        return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_YAML)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read issues file {path}: {exc}") from None


@lru_cache(maxsize=8)
def load(extra: Sequence[Path] = ()) -> Taxonomy:
    """The shipped taxonomy, then the user's files in order."""
    issues: dict[str, Issue] = {}
    shipped = resources.files("dyad.issues") / "data" / "issues.yaml"
    merge(issues, _rows(yaml.load(shipped.read_text(encoding="utf-8"), Loader=_YAML), "issues.yaml"),
          "issues.yaml")
    for p in extra:
        path = Path(p)
        if not path.is_file():
            raise ConfigError(f"no such issues file: {path}")
        merge(issues, _rows(read_issue_file(path), str(path)), str(path))
    return Taxonomy(issues.values())
