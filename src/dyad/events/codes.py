"""The CAMEO 1.1b3 code table: name, Goldstein weight, QuadClass and PLOVER category of every code.

The table ships as `data/cameo.csv`. A user's codes file (same columns) adds codes or overrides
shipped ones. A code without its own Goldstein weight takes its parent's ("0313" takes "031"'s).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dyad.errors import ConfigError

COLUMNS = ("code", "root", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context")


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    root: str
    name: str
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    plover_mode: str | None
    plover_context: str | None


class CodeTable:
    """Codes by their string ("042"), with the parent fallback for Goldstein weights."""

    def __init__(self, codes: Iterable[Code] = ()) -> None:
        self._codes: dict[str, Code] = {}
        for c in codes:
            self.add(c)

    def add(self, code: Code) -> None:
        self._codes[code.code] = code

    def merge(self, c: Code) -> None:
        """Add a user's code, or change a shipped one: a user row may give only what it changes, and a new
        code without a QuadClass takes its root's."""
        base = self._codes.get(c.code)
        if base is not None:
            c = Code(c.code, c.root, c.name if c.name != c.code else base.name,
                     c.goldstein if c.goldstein is not None else base.goldstein,
                     c.quad_class or base.quad_class, c.plover or base.plover, c.plover_mode or base.plover_mode,
                     c.plover_context or base.plover_context)
        elif c.quad_class is None:
            c = Code(c.code, c.root, c.name, c.goldstein, QUAD_OF_ROOT.get(c.root), c.plover, c.plover_mode,
                     c.plover_context)
        self.add(c)

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(sorted(self._codes.values(), key=lambda c: (c.root, len(c.code), c.code)))

    def get(self, code: str) -> Code | None:
        return self._codes.get(code)

    def __getitem__(self, code: str) -> Code:
        c = self._codes.get(code)
        if c is None:
            raise KeyError(f"no CAMEO code {code!r}")
        return c

    def goldstein(self, code: str) -> float | None:
        """The code's Goldstein weight, else its nearest ancestor's ("0313" → "031" → "03")."""
        k = code
        while k:
            c = self._codes.get(k)
            if c is not None and c.goldstein is not None:
                return c.goldstein
            k = k[:-1] if len(k) > 2 else ""
        return None

    def parent(self, code: str) -> str | None:
        """The code one level up: "0313" → "031", "031" → "03", "03" → None."""
        if len(code) <= 2:
            return None
        up = code[:-1]
        return up if up in self._codes else (code[:2] if code[:2] in self._codes else None)


def _float(v: str | None, where: str) -> float | None:
    if v is None or not v.strip():
        return None
    try:
        return float(v)
    except ValueError:
        raise ConfigError(f"{where}: goldstein {v!r} is not a number") from None


def _int(v: str | None, where: str) -> int | None:
    if v is None or not v.strip():
        return None
    try:
        q = int(v)
    except ValueError:
        raise ConfigError(f"{where}: quad_class {v!r} is not a number") from None
    if q not in (1, 2, 3, 4):
        raise ConfigError(f"{where}: quad_class must be 1-4, not {q}")
    return q


def parse_codes(text: str, where: str) -> list[Code]:
    """Codes from CSV text with the COLUMNS header (lines starting with # are comments)."""
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if not reader.fieldnames or "code" not in reader.fieldnames or "name" not in reader.fieldnames:
        raise ConfigError(f"{where}: a codes file needs the columns {', '.join(COLUMNS)}")
    out = []
    for n, r in enumerate(reader, start=2):
        code = (r.get("code") or "").strip()
        at = f"{where}, row {n}"
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise ConfigError(f"{at}: code {code!r} is not a CAMEO code (two to four digits)")
        root = (r.get("root") or code[:2]).strip()
        if root != code[:2]:
            raise ConfigError(f"{at}: code {code} does not belong to root {root}")
        out.append(Code(code, root, (r.get("name") or "").strip() or code, _float(r.get("goldstein"), at),
                        _int(r.get("quad_class"), at), (r.get("plover") or "").strip() or None,
                        (r.get("plover_mode") or "").strip() or None, (r.get("plover_context") or "").strip() or None))
    return out


def load_codes(extra: Iterable[Path] = ()) -> CodeTable:
    text = (resources.files("dyad.events") / "data" / "cameo.csv").read_text(encoding="utf-8")
    table = CodeTable(parse_codes(text, "cameo.csv"))
    for path in extra:
        try:
            user = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read codes file {path}: {exc}") from None
        for c in parse_codes(user, str(path)):
            table.merge(c)
    return table


QUAD_OF_ROOT = {f"{r:02d}": (1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4) for r in range(1, 21)}
