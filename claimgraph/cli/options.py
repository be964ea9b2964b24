"""Options shared by several commands, and the one place that turns them into library options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..analyze import AnalyzeOptions
from ..settings import load as load_settings

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="The DuckDB corpus file (default: [store] path, else the user data dir's claimgraph/corpus.duckdb).",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(help="A TOML file overriding settings.toml (limits, timeouts, [serve] …)."),
]
ModelOption = Annotated[
    str | None, typer.Option(help="An installed spaCy English pipeline to use.")
]
ActorsOption = Annotated[
    Path | None,
    typer.Option(
        help="Your actor dictionary (YAML or CSV); overrides built-in entries (docs/actors.md)."
    ),
]
FetchOption = Annotated[
    bool, typer.Option(help="Download the linked page of feed items that embed no content.")
]


def analyze_options(
    model: str | None, actors: Path | None, config: Path | None, **more
) -> AnalyzeOptions:
    """The library's options from the CLI's; ``more`` carries url/published for ``analyze``."""
    return AnalyzeOptions(
        model=model,
        actors=str(actors) if actors else None,
        config=str(config) if config else None,
        **more,
    )


def store_path(db: Path | None, config: Path | None) -> Path | str | None:
    """``--db``, else ``[store] path`` of the settings, else None (the store's default)."""
    return db or load_settings(str(config) if config else None)["store"]["path"] or None
