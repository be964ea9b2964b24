"""JSON Lines (.jsonl, .jsonl.gz, .ndjson): one article per record.

A record is an object with ``text`` or ``html`` and optionally ``url``,
``published`` (YYYY-MM-DD), ``outlet``, ``title`` and ``id`` (your own id, kept
in ``RawDocument.meta``; the SPEC document id is still computed by claimgraph).
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors
from . import RawDocument
from .collect import ReadFailure
from .files import GZIP_MAGIC

META_FIELDS = ("published", "outlet", "title", "id")


def read_jsonl(path: str | Path, settings: dict) -> Iterator[RawDocument | ReadFailure]:
    """Each record as a ``RawDocument`` (source ``path:line``); a bad line is a ``ReadFailure`` and reading goes on."""
    limit = settings["input"]["max_bytes"]
    line_no = 0
    try:
        with open(path, "rb") as raw_stream:
            gzipped = raw_stream.read(2) == GZIP_MAGIC
            raw_stream.seek(0)
            stream = gzip.GzipFile(fileobj=raw_stream) if gzipped else raw_stream
            for line_no, line in enumerate(
                io.TextIOWrapper(stream, encoding="utf-8", errors="replace"), start=1
            ):
                if not line.strip():
                    continue
                source = f"{path}:{line_no}"
                if len(line) > limit:
                    yield ReadFailure(source, "read", Errors.CG106.format(path=source, limit=limit))
                    continue
                yield _record(line, source, path, line_no)
    except (EOFError, OSError, zlib.error) as err:
        yield ReadFailure(
            f"{path}:{line_no + 1}", "read", Errors.CG110.format(path=path, detail=err)
        )


def _record(line: str, source: str, path, line_no: int) -> RawDocument | ReadFailure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return ReadFailure(
            source,
            "read",
            Errors.CG312.format(source=path, line=line_no, detail=f"invalid JSON ({err.msg})"),
        )
    if not isinstance(record, dict):
        return ReadFailure(
            source,
            "read",
            Errors.CG312.format(source=path, line=line_no, detail="not a JSON object"),
        )
    content, kind = (
        (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
    )
    if not isinstance(content, str) or not content.strip():
        return ReadFailure(
            source,
            "read",
            Errors.CG312.format(source=path, line=line_no, detail="no 'text' or 'html'"),
        )
    meta = {name: record[name] for name in META_FIELDS if record.get(name) is not None}
    url = record.get("url") if isinstance(record.get("url"), str) else None
    return RawDocument(source=source, content=content, kind=kind, url=url, meta=meta)
