"""``claimgraph serve``: the HTTP API and web UI."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ..analyze import AnalyzeOptions
from ..errors import Errors, InputError
from . import app
from .options import ActorsOption, ConfigOption, DbOption, ModelOption, analyze_options, store_path

DEMO_PATTERNS = ("*.txt", "*.html", "*.htm")


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Keep 127.0.0.1 unless others must reach it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="Let POST /analyze fetch URLs on loopback, private and link-local addresses.",
        ),
    ] = False,
    demo: Annotated[
        Path | None,
        typer.Option(
            help="Ingest the articles of this folder (e.g. examples/) into a temporary store and serve that."
        ),
    ] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web UI (/) over a corpus store.

    Examples:

      claimgraph ingest examples/ && claimgraph serve

      claimgraph serve --demo examples/ --port 8080
    """
    import uvicorn

    from ..api import create_app

    options = analyze_options(model, actors, config)
    path = store_path(db, config)
    if demo is not None:
        path = _demo_store(demo, options)
        atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
    application = create_app(
        path, allow_private_urls=allow_private_urls, config=config, options=options
    )
    typer.echo(
        f"claimgraph: serving {path or 'the default store'} on http://{host}:{port}/ (API docs at /docs)"
    )
    uvicorn.run(application, host=host, port=port, log_level="warning")


def _demo_store(folder: Path, options: AnalyzeOptions) -> Path:
    """A temporary store holding the analyses of the articles in ``folder``."""
    from ..batch import ingest
    from ..store import Store

    articles = (
        sorted({path for pattern in DEMO_PATTERNS for path in folder.glob(pattern)})
        if folder.is_dir()
        else []
    )
    if not articles:
        raise InputError(Errors.CG356.format(path=folder))
    path = Path(tempfile.mkdtemp(prefix="claimgraph-demo-")) / "demo.duckdb"
    with Store(path) as store:
        summary = ingest([str(article) for article in articles], store, options, workers=1)
    counts = ", ".join(
        f"{n} {status}" for status, n in summary.as_dict().items() if n and status != "words"
    )
    typer.echo(f"claimgraph: demo store {path}: {counts or 'nothing stored'}")
    return path
