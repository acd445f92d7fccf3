"""Bytes to text: BOMs, UTF-8/16, Windows-1252 vs Latin-1, other encodings, binary and undecodable input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import dyad
from conftest import PNG_BYTES, write
from dyad.ingest.decode import Decoded, DecodeFailure, decode

WESTERN = "The café owner said “prices rose” by 5 € this week — again, and nobody was surprised.\n"
LATIN = "Der Bürgermeister sagte, das Café in München sei geschlossen worden. Très bien, naïve idée.\n"
CHINESE = ("中国外交部发言人周三表示，双方将继续保持沟通，推动两国关系稳定发展。"
           "美国国务卿本周访问北京，与中方官员举行会谈，讨论贸易和地区安全问题。")


def _reason(data: bytes) -> str:
    with pytest.raises(DecodeFailure) as info:
        decode(data)
    return info.value.reason


def test_utf8() -> None:
    assert decode(WESTERN.encode("utf-8")) == Decoded(WESTERN, "utf-8")


def test_utf8_with_bom() -> None:
    out = decode(codecs.BOM_UTF8 + WESTERN.encode("utf-8"))
    assert out.text == WESTERN
    assert out.encoding == "utf-8"


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_bom(bom: bytes, codec: str) -> None:
    out = decode(bom + WESTERN.encode(codec))
    assert out.text == WESTERN
    assert out.encoding == "utf-16"


def test_utf32_with_bom() -> None:
    out = decode(codecs.BOM_UTF32_LE + WESTERN.encode("utf-32-le"))
    assert out.text == WESTERN
    assert out.encoding == "utf-32"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    out = decode(WESTERN.encode(codec))
    assert out.text == WESTERN
    assert out.encoding == codec


def test_windows_1252_is_detected_as_cp1252() -> None:
    data = WESTERN.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    out = decode(data)
    assert out.text == WESTERN
    assert out.encoding == "cp1252"


def test_latin1_is_detected_as_latin1() -> None:
    data = LATIN.encode("latin-1")
    assert not any(0x80 <= b <= 0x9F for b in data)
    out = decode(data)
    assert out.text == LATIN
    assert out.encoding == "latin-1"


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_chinese_legacy_encoding(codec: str) -> None:
    out = decode(CHINESE.encode(codec))
    assert out.text == CHINESE
    assert out.encoding.lower().replace("_", "") in {"gb18030", "gbk", "gb2312"}


@pytest.mark.parametrize("data, what", [
    (PNG_BYTES, "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"compressed words" * 4, "ZIP archive"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"\x7fELF\x02\x01\x01", "executable"),
])
def test_binary_signatures(data: bytes, what: str) -> None:
    with pytest.raises(DecodeFailure) as info:
        decode(data)
    assert info.value.reason == "binary file"
    assert info.value.detail == what


def test_nul_bytes_mean_binary() -> None:
    data = b"header of a file format\x00\x01\x02\x00\x00\x07 with some words\x00\xff\x00"
    assert _reason(data) == "binary file"


def test_control_characters_mean_binary() -> None:
    assert _reason(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 8 + b" a few letters") == "binary file"


def test_high_bytes_that_fit_no_encoding_are_undecodable() -> None:
    # every byte from 0x80 to 0xFF, twice: not UTF-8, C1 controls rule out Windows-1252/Latin-1 text,
    # and charset-normalizer finds no coherent reading
    assert _reason(bytes(range(0x80, 0x100)) * 2) == "undecodable text"


def test_bom_followed_by_invalid_bytes_is_undecodable() -> None:
    assert _reason(codecs.BOM_UTF8 + b"\xff\xfe\xfd words") == "undecodable text"


@pytest.mark.parametrize("data", [b"", b"   ", b" \n\t\r\n "])
def test_empty_and_whitespace(data: bytes) -> None:
    assert _reason(data) == "empty"


def test_reader_records_the_encoding(tmp_path: Path) -> None:
    text = "The ferry to the island now leaves at 6 o’clock, said the café owner, who welcomed the change."
    doc = dyad.extract_file(write(tmp_path / "ferry.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.encoding == "cp1252"


def test_reader_reads_utf16_file(tmp_path: Path) -> None:
    text = "The ferry to the island now leaves at six, the port said, and the café owner welcomed it."
    doc = dyad.extract_file(write(tmp_path / "ferry.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le")))
    assert doc.text == text
    assert doc.encoding == "utf-16"


def test_reader_reads_chinese_gb18030_file(tmp_path: Path) -> None:
    doc = dyad.extract_file(write(tmp_path / "news.txt", CHINESE.encode("gb18030")))
    assert doc.text == CHINESE
    assert doc.language == "zh"
