"""The text a PDF written by fpdf2 shows, read back through its fonts' ToUnicode maps.

No PDF reader is installed, and the summary's shipped font is embedded as a subset: the
content stream holds glyph numbers, not letters. Each font's ToUnicode map turns them back
into text, which is all a test needs to say what the page shows (fpdf2 writes every map as
``bfchar`` pairs, and the objects themselves uncompressed).
"""

from __future__ import annotations

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.DOTALL)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_FONT_RESOURCE = re.compile(rb"/(F\d+) (\d+) 0 R")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>")
#: A font selection, a string shown, or the end of a text object (a new line of text).
_TOKEN = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:[^\\()]|\\.)*)\)|\bET\b", re.DOTALL)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _stream(body: bytes) -> bytes:
    found = _STREAM.search(body)
    if found is None:
        return b""
    data = found.group(1)
    return zlib.decompress(data) if b"/FlateDecode" in body else data


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code.isdigit():
            return bytes([int(code, 8) & 0xFF])
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, literal)


def pdf_text(pdf: bytes) -> str:
    """Every string the PDF's pages show, in order; one line per text object."""
    objects = {int(number): body for number, body in _OBJECT.findall(pdf)}
    maps: dict[bytes, dict[bytes, str]] = {}
    for name, number in _FONT_RESOURCE.findall(pdf):
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(number)])
        if to_unicode is not None:
            cmap = _stream(objects[int(to_unicode.group(1))])
            maps[name] = {
                bytes.fromhex(code.decode()): bytes.fromhex(text.decode()).decode("utf-16-be")
                for code, text in _BFCHAR.findall(cmap)
            }
    shown: list[str] = []
    for body in objects.values():
        content = _stream(body)
        if b" Tf" not in content:
            continue
        font: dict[bytes, str] = {}
        for token in _TOKEN.finditer(content):
            if token.group(1) is not None:
                font = maps.get(token.group(1), {})
            elif token.group(2) is not None:
                glyphs = _unescape(token.group(2))
                shown.extend(
                    font.get(glyphs[i : i + 2], "\ufffd") for i in range(0, len(glyphs), 2)
                )
            else:
                shown.append("\n")
    return "".join(shown)
