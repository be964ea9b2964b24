"""Local files and standard input: size cap, gzip, binary sniffing, text decoding."""

from __future__ import annotations

import gzip
import io
import logging
import re
import sys
import zlib
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from ..errors import Errors, InputError
from . import RawDocument

logger = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
# Leading bytes of binary formats people pass by mistake, with a name for the message.
MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive or Office document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"\x7fELF", "an executable"),
    (b"WARC/", "a WARC archive (use 'claimgraph ingest' for those)"),
)
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# A charset declared in the first bytes of an HTML page: <meta charset="…"> or content="…; charset=…".
HTML_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
# Control characters that never occur in text (all of C0 but tab, newline, form feed, carriage return).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CHUNK = 1 << 16
# The legacy code page chosen when charset-normalizer finds several equally likely.
PREFERRED_LEGACY = "cp1252"


def read_file(path: str | Path, settings: dict) -> RawDocument:
    """One local file as a ``RawDocument``; '-' reads standard input.

    Refuses, with a coded ``InputError``, a missing path, a directory, an empty
    or binary file, a file over ``[input] max_bytes`` (before reading it), a
    corrupt gzip file and bytes no known encoding decodes.
    """
    if str(path) == "-":
        return read_stream(sys.stdin.buffer, "<stdin>", settings)
    path = Path(path)
    if not path.exists():
        raise InputError(Errors.CG101.format(path=path))
    if path.is_dir():
        raise InputError(Errors.CG102.format(path=path))
    limit = settings["input"]["max_bytes"]
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(Errors.CG106.format(path=path, limit=limit))
        with path.open("rb") as stream:
            return read_stream(stream, str(path), settings)
    except OSError as err:
        raise InputError(Errors.CG116.format(path=path, detail=err.strerror or err)) from err


def read_stream(stream: BinaryIO, source: str, settings: dict) -> RawDocument:
    """Bytes from an open binary stream, capped at ``[input] max_bytes``, as a ``RawDocument``."""
    data = read_capped(stream, source, settings["input"]["max_bytes"])
    return from_bytes(data, source, settings)


def read_capped(stream: BinaryIO, source: str, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``; an ``InputError`` as soon as there are more."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        if total > limit:
            raise InputError(Errors.CG106.format(path=source, limit=limit))
        chunks.append(chunk)
    return b"".join(chunks)


def from_bytes(data: bytes, source: str, settings: dict, charset: str | None = None) -> RawDocument:
    """Raw bytes (maybe gzipped) as a ``RawDocument``: sniffed, decoded, typed as HTML or text."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, source, settings["input"]["max_bytes"])
    if not data.strip():
        raise InputError(Errors.CG103.format(path=source))
    sniff_binary(data[: settings["input"]["sniff_bytes"]], source)
    content = decode_bytes(data, source, charset)
    if not content.strip():
        raise InputError(Errors.CG103.format(path=source))
    return RawDocument.from_string(content, source=source)


def gunzip(data: bytes, source: str, limit: int) -> bytes:
    """The decompressed bytes of a gzip member, refused past ``limit`` or when truncated/corrupt."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return read_capped(stream, source, limit)
    except (EOFError, OSError, zlib.error) as err:
        raise InputError(Errors.CG110.format(path=source, detail=err)) from err


def sniff_binary(head: bytes, source: str) -> None:
    """An ``InputError`` when the first bytes belong to a known binary format or hold NUL bytes."""
    for magic, name in MAGIC_NUMBERS:
        if head.startswith(magic):
            raise InputError(Errors.CG104.format(path=source, detail=name))
    if any(head.startswith(bom) for bom, _ in BOMS):
        return
    if b"\x00" in head:
        raise InputError(Errors.CG104.format(path=source, detail="it holds NUL bytes"))


def decode_bytes(data: bytes, source: str, charset: str | None = None) -> str:
    """Text of ``data``: a BOM, then UTF-8, then a declared charset, then charset-normalizer's guess.

    Raises ``InputError`` (CG105) when nothing decodes it to text, and CG104
    when the decoded text is full of control characters (binary after all).
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), source)
    candidates = ["utf-8"]
    if charset:
        candidates.append(charset)
    declared = HTML_CHARSET.search(data[:4096])
    if declared:
        candidates.append(declared.group(1).decode("ascii"))
    for encoding in candidates:
        try:
            return _checked(data.decode(encoding), source)
        except (UnicodeDecodeError, LookupError):
            continue
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise InputError(Errors.CG105.format(path=source))
    # Short texts often fit several code pages equally well (cp1250/cp1252/cp1257 for "café"):
    # among the tied best guesses take the web's most common legacy encoding.
    tied = [
        m for m in matches if (m.chaos, m.coherence) == (matches[0].chaos, matches[0].coherence)
    ]
    best = next((m for m in tied if m.encoding == PREFERRED_LEGACY), matches[0])
    logger.info("%s is not UTF-8; decoded as %s", source, best.encoding)
    return _checked(str(best), source)


def _checked(text: str, source: str) -> str:
    """``text`` unless more than 1 % of it is control characters, the mark of a binary file."""
    controls = len(CONTROL_CHARS.findall(text[:65536]))
    if controls > len(text[:65536]) / 100:
        raise InputError(Errors.CG104.format(path=source, detail="it is mostly control characters"))
    return text
