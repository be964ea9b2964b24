"""The ``claimgraph`` command: one module per command group, each a thin layer over the library.

Commands parse their arguments into options, call one public function, and turn a
``ClaimgraphError`` into one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import logging
import sys

import typer

from ..errors import ClaimgraphError

app = typer.Typer(
    name="claimgraph",
    help=(
        "Who does what to whom in the news — according to whom, how sure, and when.\n\n"
        "Start with:  claimgraph analyze examples/baltic-drills.txt"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def main() -> None:
    """Console entry point: runs the app and maps claimgraph errors to exit code 1."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except ClaimgraphError as err:
        print(f"claimgraph: error: {err}", file=sys.stderr)
        sys.exit(1)


# The command modules register their commands on `app` when imported.
from . import analyze, corpus, serve  # noqa: E402, F401
