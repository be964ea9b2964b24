"""WARC / WARC.gz archives: one ``RawDocument`` per HTML response record."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import Errors, InputError
from . import RawDocument
from .collect import ReadFailure
from .files import from_bytes

logger = logging.getLogger(__name__)

# Record types that carry a page; request, warcinfo, metadata, revisit … are bookkeeping.
PAGE_RECORDS = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str | Path, settings: dict) -> Iterator[RawDocument | ReadFailure]:
    """Every HTML response record of a WARC file as a ``RawDocument`` (url = the target URI).

    A record that cannot be decoded yields a ``ReadFailure`` in its place and the
    archive goes on; records that hold no HTML page (images, scripts …) are
    counted and reported once per archive (stage "skip", CG310); a corrupt or
    truncated archive ends with one ``ReadFailure`` after the records before it.
    """
    skipped: Counter[str] = Counter()
    pages = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in PAGE_RECORDS:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                source = f"{path}#{uri}"
                ctype = _content_type(record)
                if not ctype.startswith(HTML_TYPES):
                    skipped[ctype or "unknown type"] += 1
                    continue
                data = record.content_stream().read(settings["input"]["max_bytes"] + 1)
                if (
                    getattr(record.raw_stream, "limit", 0) > 0
                ):  # bytes the record promised and the file lacks
                    yield ReadFailure(
                        source, "read", Errors.CG313.format(path=source, detail="truncated record")
                    )
                    continue
                if len(data) > settings["input"]["max_bytes"]:
                    yield ReadFailure(
                        source,
                        "read",
                        Errors.CG106.format(path=source, limit=settings["input"]["max_bytes"]),
                    )
                    continue
                try:
                    raw = from_bytes(data, source, settings, charset=_charset(ctype))
                except InputError as err:
                    yield ReadFailure(source, "read", str(err))
                    continue
                pages += 1
                yield RawDocument(
                    source=source,
                    content=raw.content,
                    kind="html",
                    url=uri,
                    meta={"crawled": record.rec_headers.get_header("WARC-Date")},
                )
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
        yield ReadFailure(str(path), "read", Errors.CG313.format(path=path, detail=err))
        return
    if skipped:
        detail = ", ".join(f"{kind} ×{n}" for kind, n in skipped.most_common())
        logger.info("%s: skipped %d non-HTML records (%s)", path, sum(skipped.values()), detail)
        yield ReadFailure(
            str(path),
            "skip",
            Errors.CG310.format(
                source=path, count=sum(skipped.values()), detail=detail, pages=pages
            ),
        )


def _content_type(record) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    value = headers.get_header("Content-Type") or ""
    return value.strip().lower()


def _charset(ctype: str) -> str | None:
    _, sep, rest = ctype.partition("charset=")
    return rest.split(";")[0].strip(" \"'") or None if sep else None
