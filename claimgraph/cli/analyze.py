"""``claimgraph analyze`` and ``claimgraph schema``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..analyze import analyze
from ..model import json_schema
from ..readers import read
from . import app
from .options import ActorsOption, ConfigOption, ModelOption, analyze_options
from .render import print_analysis


@app.command("analyze")
def analyze_command(
    source: Annotated[
        str,
        typer.Argument(
            help="An article: a .txt/.html(.gz) file, an http(s):// URL, or '-' for stdin."
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the SPEC.md record as JSON instead of tables.")
    ] = False,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD; anchors 'on Tuesday'.")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(help="The article's canonical URL (gives the document id and outlet)."),
    ] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Analyse one article: actors, quotes with speakers, events with attribution and factuality.

    Examples:

      claimgraph analyze examples/baltic-drills.txt

      claimgraph analyze page.html --json > page.json

      curl -s https://example.org/story | claimgraph analyze - --published 2022-03-14
    """
    options = analyze_options(model, actors, config, published=published, url=url)
    raw = read(source, options.settings)
    result = analyze(raw, options=options)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        print_analysis(result)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the record that `analyze --json` and every other interface return."""
    typer.echo(json.dumps(json_schema(), indent=2))
