"""RSS and Atom feed files: one article per item that embeds its content.

An item whose feed gives only a link and a summary is not an article: it is
reported (stage "skip", CG311) unless ``fetch=True``, which downloads the
linked page with ``readers.read`` (network, one page at a time).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser

from ..errors import Errors, InputError
from . import RawDocument, looks_like_html, read
from .collect import ReadFailure
from .files import read_file

logger = logging.getLogger(__name__)

FEED_SUFFIXES = (".rss", ".atom")
# Leading bytes of a feed file that is named .xml.
FEED_MARKERS = ("<rss", "<feed", "<rdf:RDF")


def is_feed(path: Path, head: str) -> bool:
    """A .rss/.atom file, or an .xml file whose first KB holds a feed's root element."""
    if path.suffix.lower() in FEED_SUFFIXES:
        return True
    return path.suffix.lower() == ".xml" and any(marker in head for marker in FEED_MARKERS)


def read_feed(
    path: str | Path, settings: dict, *, fetch: bool = False
) -> Iterator[RawDocument | ReadFailure]:
    """The feed's items as ``RawDocument`` (url = the item's link, meta title/published/outlet)."""
    try:
        raw = read_file(path, settings)
    except InputError as err:
        yield ReadFailure(str(path), "read", str(err))
        return
    feed = feedparser.parse(raw.content)
    if feed.bozo and not feed.entries:
        yield ReadFailure(
            str(path),
            "read",
            Errors.CG314.format(source=path, detail=feed.get("bozo_exception", "no items")),
        )
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        link = entry.get("link")
        source = f"{path}#{link or number}"
        meta = {"title": entry.get("title"), "published": _date(entry), "outlet": outlet}
        meta = {key: value for key, value in meta.items() if value}
        content = "\n".join(part.get("value", "") for part in entry.get("content", []))
        if content.strip():
            kind = "html" if looks_like_html(content) else "text"
            yield RawDocument(source=source, content=content, kind=kind, url=link, meta=meta)
        elif fetch and link:
            try:
                page = read(link, settings)
            except InputError as err:
                yield ReadFailure(source, "read", str(err))
                continue
            page.meta.update(meta)
            yield page
        else:
            yield ReadFailure(
                source, "skip", Errors.CG311.format(source=path, url=link or "no link")
            )


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
