"""Many inputs at once: files, directories (recursive), globs, URLs, WARC, JSONL and RSS/Atom.

``iter_inputs`` yields one ``RawDocument`` per article and one ``ReadFailure``
per input (or record) that cannot be read, so a batch records it and goes on.
"""

from __future__ import annotations

import glob
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, InputError
from . import RawDocument, read

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
GLOB_CHARS = ("*", "?", "[")
# File endings read when walking a directory; other files (README.md, images …) are counted as skipped.
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".gz", ".xml", ".rss", ".atom")
# A directory holding this file is a `claimgraph batch` output, loaded as Parquet, not read as articles.
BATCH_MARKER = "_claimgraph_batch.json"


@dataclass(frozen=True)
class ReadFailure:
    """An input that yields no article: ``stage`` is "read" (an error) or "skip" (not an article)."""

    source: str  # path, path:line (JSONL), path#url (WARC, RSS)
    stage: str
    error: str  # the coded message


def iter_inputs(
    inputs: Iterable[str], settings: dict, *, fetch: bool = False
) -> Iterator[RawDocument | ReadFailure]:
    """Every article of ``inputs`` (paths, directories, globs, http(s) URLs), in a stable order.

    ``fetch`` lets feed items that only link to their article be downloaded.
    """
    for item in inputs:
        if "://" in item:
            yield _read_one(item, settings)
            continue
        for path in expand(item):
            if isinstance(path, ReadFailure):
                yield path
            else:
                yield from read_path(path, settings, fetch=fetch)


def expand(item: str) -> Iterator[Path | ReadFailure]:
    """The files an input names: itself, a directory's files (recursive, sorted, hidden ones left out) or a glob's matches."""
    path = Path(item)
    if not path.exists() and any(char in item for char in GLOB_CHARS):
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            yield ReadFailure(item, "read", Errors.CG308.format(pattern=item))
        for match in matches:
            yield from expand(match)
    elif path.is_dir():
        if is_batch_output(path):
            logger.info("%s is a batch output directory: load it with Store.load_parquet", path)
            return
        skipped: dict[str, int] = {}
        for child in sorted(path.rglob("*")):
            if not child.is_file() or any(
                part.startswith(".") for part in child.relative_to(path).parts
            ):
                continue
            name = child.name.lower()
            if name.endswith(ARTICLE_SUFFIXES + WARC_SUFFIXES + JSONL_SUFFIXES):
                yield child
            else:
                kind = child.suffix.lower() or "(no extension)"
                skipped[kind] = skipped.get(kind, 0) + 1
        if skipped:
            kinds = ", ".join(f"{kind} ×{n}" for kind, n in sorted(skipped.items()))
            detail = Errors.CG317.format(path=path, count=sum(skipped.values()), kinds=kinds)
            yield ReadFailure(str(path), "skip", detail)
    else:
        yield path  # a missing path is reported by the reader (CG101)


def is_batch_output(path: Path) -> bool:
    return (path / BATCH_MARKER).is_file()


def read_path(
    path: Path, settings: dict, *, fetch: bool = False
) -> Iterator[RawDocument | ReadFailure]:
    """The articles of one file, by its kind: WARC, JSONL, RSS/Atom, else a single article."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        from .warc import read_warc

        yield from read_warc(path, settings)
    elif name.endswith(JSONL_SUFFIXES):
        from .jsonl import read_jsonl

        yield from read_jsonl(path, settings)
    else:
        from .rss import is_feed, read_feed

        if is_feed(path, _head(path)):
            yield from read_feed(path, settings, fetch=fetch)
        else:
            yield _read_one(str(path), settings)


def _read_one(source: str, settings: dict) -> RawDocument | ReadFailure:
    try:
        return read(source, settings)
    except InputError as err:
        return ReadFailure(source, "read", str(err))


def _head(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            return stream.read(1024).decode("utf-8", errors="replace")
    except OSError:
        return ""
