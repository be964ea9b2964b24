"""One validating loader for the packaged data files (claimgraph/data/<lang>/<name>.tsv).

A lexicon is a tab-separated file: ``#`` lines hold its source and licence,
the first other line names the columns, each further line is one entry.
Adding a reporting verb or a trigger is one line in such a file.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import Errors, LexiconError


def parse(text: str, name: str, path: str, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a TSV lexicon as dicts keyed by its header; empty cells become ''."""
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            missing = [col for col in required if col not in header]
            if missing:
                raise LexiconError(
                    Errors.CG203.format(
                        name=name, path=path, line=lineno, detail=f"missing columns {missing}"
                    )
                )
            continue
        if len(cells) > len(header):
            raise LexiconError(
                Errors.CG203.format(
                    name=name,
                    path=path,
                    line=lineno,
                    detail=f"{len(cells)} cells for {len(header)} columns",
                )
            )
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, cells, strict=True))
        empty = [col for col in required if not row[col]]
        if empty:
            raise LexiconError(
                Errors.CG203.format(name=name, path=path, line=lineno, detail=f"empty {empty}")
            )
        rows.append(row)
    return rows


@lru_cache(maxsize=64)
def load(name: str, lang: str = "en", required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """The packaged lexicon ``name`` for ``lang``, validated and cached."""
    ref = resources.files("claimgraph").joinpath("data", lang, f"{name}.tsv")
    try:
        text = ref.read_text("utf-8")
    except FileNotFoundError as err:
        raise LexiconError(
            Errors.CG203.format(name=name, path=str(ref), line=0, detail="file not found")
        ) from err
    return tuple(parse(text, name, str(ref), required))


def load_file(path: str | Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """A user's lexicon in the same format, from any path."""
    path = Path(path)
    return parse(path.read_text("utf-8"), path.stem, str(path), required)
