"""Bytes to text: byte-order marks, UTF-8, Windows-1252/Latin-1, then other encodings; binary refused.

Order matters and each step is cheap before the next:
1. a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32);
2. known binary signatures (PDF, images, archives, executables) and NUL bytes mean binary,
   except for BOM-less UTF-16, recognised by NULs in every other byte;
3. strict UTF-8;
4. Windows-1252 when the result looks like Western text (Latin-1 is its subset for printable
   characters; undefined 1252 bytes fall back to Latin-1);
5. charset-normalizer's best guess (GB18030, Shift-JIS, KOI8-R ...) when it is coherent;
6. otherwise undecodable.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

SNIFF = 8192

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b", "gzip archive"), (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"), (b"\x7fELF", "executable"), (b"\xd0\xcf\x11\xe0", "MS Office file"),
    (b"SQLite format 3\x00", "SQLite database"), (b"OggS\x00", "Ogg media"), (b"PAR1", "Parquet file"),
)
# signatures made of printable ASCII ("MZ", "RIFF", "ID3") are left out: a text may start so, and
# those files hold NUL bytes, which the next check catches
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# printable Windows-1252 characters in 0x80-0x9F: typographic quotes, dashes, euro ...
_C1_PRINTABLE = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


class DecodeFailure(Exception):
    """The bytes are not text dyad can read; `reason` is the Skip reason."""

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """Decode `data` or raise DecodeFailure('binary file' | 'undecodable text' | 'empty')."""
    if not data.strip():
        raise DecodeFailure("empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodeFailure("undecodable text", f"{enc} byte-order mark but invalid {enc}: {exc}") from None
    head = data[:SNIFF]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise DecodeFailure("binary file", what)
    if b"\x00" in head:
        utf16 = _bomless_utf16(head)
        if utf16:
            try:
                return Decoded(data.decode(utf16), utf16)
            except UnicodeDecodeError:
                pass
        raise DecodeFailure("binary file", "contains NUL bytes")
    if _control_ratio(head) > 0.05:
        raise DecodeFailure("binary file", "mostly control characters")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return western
    return _guess(data)


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-range text leaves a NUL in every other byte."""
    n = len(head) - len(head) % 2
    if n < 4:
        return None
    even_nul = head[0:n:2].count(0) / (n // 2)
    odd_nul = head[1:n:2].count(0) / (n // 2)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def _control_ratio(head: bytes) -> float:
    return len(head.translate(None, _NOT_CONTROL)) / max(1, len(head))


def _western(data: bytes) -> Decoded | None:
    """Windows-1252 (or Latin-1) when the decoded text reads like Western European text."""
    try:
        text, enc = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, enc = data.decode("latin-1"), "latin-1"
    high = [c for c in text if ord(c) > 127]
    if not high:
        return Decoded(text, enc)
    # Mojibake of CJK or Cyrillic encodings is dense in high characters and has C1 controls or
    # runs of symbols; Western text has a few accented letters and typographic punctuation.
    if len(high) / len(text) > 0.3:
        return None
    if any(0x80 <= ord(c) <= 0x9F for c in high):  # undefined in 1252: control characters
        return None
    odd = sum(1 for c in high if not (c.isalpha() or c in _C1_PRINTABLE or c in "\u00a0«»°£¥§©®±·¿¡"))
    if odd / len(high) > 0.2:
        return None
    if enc == "cp1252" and not any(c in _C1_PRINTABLE for c in high):
        enc = "latin-1"  # the two agree on every character here
    return Decoded(text, enc)


def _guess(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise DecodeFailure("undecodable text", "not UTF-8, UTF-16 or Windows-1252, and no other encoding fits")
    return Decoded(str(best), best.encoding)
