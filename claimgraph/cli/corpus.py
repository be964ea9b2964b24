"""``claimgraph ingest|batch|query|sql|export|failures``: the corpus commands."""

from __future__ import annotations

import csv
import json
import logging
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from ..export import FORMATS, export
from ..readers.collect import expand, is_batch_output
from ..store import Filters, Store, dumps_row
from . import app
from .options import (
    ActorsOption,
    ConfigOption,
    DbOption,
    FetchOption,
    ModelOption,
    analyze_options,
    store_path,
)

query_app = typer.Typer(
    help="Query the stored corpus: events, quotes, actors.", no_args_is_help=True
)
app.add_typer(query_app, name="query")

# Container formats whose record count is unknown until read (no ETA then).
CONTAINERS = (
    ".warc",
    ".warc.gz",
    ".arc.gz",
    ".jsonl",
    ".jsonl.gz",
    ".ndjson",
    ".ndjson.gz",
    ".rss",
    ".atom",
    ".xml",
)

# Free-text columns: one line each in a table, cut with an ellipsis (use --json or --csv for all of it).
LONG_COLUMNS = ("sentence", "text", "according_to", "error", "source")

JsonOption = Annotated[
    bool, typer.Option("--json", help="One JSON object a line instead of a table.")
]
CsvOption = Annotated[bool, typer.Option("--csv", help="CSV with a header row instead of a table.")]
LimitOption = Annotated[int, typer.Option(help="At most this many rows.")]
OffsetOption = Annotated[int, typer.Option(help="Skip this many rows first.")]


def open_store(db: Path | None, config: Path | None = None, *, read_only: bool = False) -> Store:
    return Store(store_path(db, config), read_only=read_only)


def _verbose(verbose: bool) -> None:
    if verbose:
        logging.getLogger("claimgraph").setLevel(logging.INFO)


def _total(inputs: list[str]) -> int | None:
    """The number of articles when every input is a single-article file (else None: no ETA)."""
    paths = [p for item in inputs for p in expand(item) if isinstance(p, Path)]
    if any(p.name.lower().endswith(CONTAINERS) for p in paths) or any("://" in i for i in inputs):
        return None
    return len(paths)


class _Progress:
    """A rich progress bar fed with ``Summary`` counts: articles/s and ETA."""

    def __init__(self, console: Console, total: int | None, label: str):
        self.bar = Progress(
            SpinnerColumn(),
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"),
            TimeRemainingColumn(),
            TextColumn("[dim]{task.fields[detail]}"),
            console=console,
            transient=False,
        )
        self.task = self.bar.add_task(label, total=total, rate=0.0, detail="")
        self.start = time.perf_counter()

    def __enter__(self) -> _Progress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)

    def __call__(self, summary) -> None:
        done = (
            summary.added
            + summary.replaced
            + summary.unchanged
            + summary.skipped
            + summary.failed
            + summary.ignored
        )
        analysed = summary.added + summary.replaced + summary.unchanged
        rate = analysed / max(time.perf_counter() - self.start, 1e-9)
        detail = f"stored {summary.added + summary.replaced} · skipped {summary.skipped + summary.unchanged} · failed {summary.failed}"
        self.bar.update(self.task, completed=done, rate=rate, detail=detail)


def _print_summary(console: Console, summary, seconds: float, where: str) -> None:
    analysed = summary.added + summary.replaced + summary.unchanged
    console.print(
        f"[bold]ingested {summary.added}[/bold], replaced {summary.replaced}, "
        f"skipped {summary.skipped + summary.unchanged} (already stored), "
        f"[{'red' if summary.failed else 'green'}]failed {summary.failed}[/], "
        f"not articles {summary.ignored} · {analysed / max(seconds, 1e-9):.1f} articles/s, "
        f"{summary.words / max(seconds, 1e-9):,.0f} words/s · {where}"
    )
    if summary.failed or summary.ignored:
        console.print(
            "[dim]See why with: claimgraph failures"
            + (f" --db {where}" if where.endswith(".duckdb") else "")
            + "[/dim]"
        )


@app.command("ingest")
def ingest_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, globs, WARC(.gz), JSONL(.gz), RSS/Atom files, or a 'claimgraph batch' output directory."
        ),
    ],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes (default: one per CPU core; 0 = in this process)."),
    ] = None,
    fetch: FetchOption = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log each committed chunk.")
    ] = False,
) -> None:
    """Analyse many articles into a DuckDB corpus; a rerun skips what is stored.

    Examples:

      claimgraph ingest articles/ crawl.warc.gz feed.rss --db corpus.duckdb

      claimgraph ingest batch-out/ --db corpus.duckdb     (load a 'claimgraph batch' output)
    """
    from ..batch import Summary, ingest

    _verbose(verbose)
    options = analyze_options(model, actors, config)
    console = Console(stderr=True)
    started = time.perf_counter()
    batch_dirs = [i for i in inputs if Path(i).is_dir() and is_batch_output(Path(i))]
    articles = [i for i in inputs if i not in batch_dirs]
    with open_store(db, config) as store:
        summary = Summary()
        for directory in batch_dirs:
            counts = store.load_parquet(directory)
            for status, n in counts.items():
                summary.count(status, n)
            console.print(
                f"loaded {directory}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
            )
        if articles:
            with _Progress(console, _total(articles), "ingest") as progress:
                result = ingest(
                    articles, store, options, workers=workers, fetch=fetch, progress=progress
                )
            for status, n in result.as_dict().items():
                summary.count(status, n)
        _print_summary(console, summary, time.perf_counter() - started, str(store.path))


@app.command("batch")
def batch_command(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, directories, globs, WARC(.gz), JSONL(.gz), RSS/Atom files."),
    ],
    out: Annotated[
        Path, typer.Option(help="Output directory: one Parquet part per chunk and table.")
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(help="A Dask scheduler address, tcp://HOST:PORT (default: a local cluster)."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Workers of the local cluster (default: one per CPU core).")
    ] = None,
    fetch: FetchOption = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Analyse many articles on a Dask cluster into partitioned Parquet; load it with 'claimgraph ingest OUT'.

    Examples:

      claimgraph batch articles/ --out run1/ --workers 4

      claimgraph batch 'crawl/*.warc.gz' --out run1/ --scheduler tcp://10.0.0.5:8786
    """
    from ..batch import run_dask

    options = analyze_options(model, actors, config)
    console = Console(stderr=True)
    started = time.perf_counter()
    with _Progress(console, _total(inputs), "batch") as progress:
        summary = run_dask(
            inputs,
            out,
            options,
            scheduler=scheduler,
            workers=workers,
            fetch=fetch,
            progress=progress,
        )
    _print_summary(console, summary, time.perf_counter() - started, str(out))


def _emit(
    rows: list[dict], as_json: bool, as_csv: bool, title: str, columns: tuple[str, ...]
) -> None:
    if as_json:
        for row in rows:
            typer.echo(dumps_row(row))
    elif as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: json.dumps(v, default=str) if isinstance(v, list | dict) else v
                    for k, v in row.items()
                }
            )
    else:
        table = Table(title=f"{title} ({len(rows)})", title_justify="left", show_lines=False)
        for column in columns:
            if column in LONG_COLUMNS:
                table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=48)
            else:
                table.add_column(column, no_wrap=True)
        for row in rows:
            table.add_row(
                *("" if row.get(c) is None else " ".join(str(row.get(c)).split()) for c in columns)
            )
        Console().print(table)


@query_app.command("events")
def query_events(
    source: Annotated[
        str | None, typer.Option(help="Actor id of who acts; 'CHN' also matches CHN.GOV, CHN.MIL.")
    ] = None,
    target: Annotated[str | None, typer.Option(help="Actor id of who it is done to.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id on either side.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. AID.")] = None,
    since: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD, on the event date else the publication date.")
    ] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD, inclusive.")] = None,
    factuality: Annotated[
        str | None,
        typer.Option(help="certain, probable, … or probable+ (that or stronger), not (negated)."),
    ] = None,
    asserted: Annotated[
        bool, typer.Option("--asserted", help="Only events the outlet states in its own voice.")
    ] = False,
    attributed: Annotated[
        bool, typer.Option("--attributed", help="Only events attributed to a source.")
    ] = False,
    speaker_kind: Annotated[
        str | None, typer.Option(help="Kind of the innermost source, e.g. anonymous.")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Innermost source: actor id or part of its name.")
    ] = None,
    contains: Annotated[str | None, typer.Option(help="Text in the event's sentence.")] = None,
    document: Annotated[str | None, typer.Option(help="A document id.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """Stored events, newest first. Example: claimgraph query events --source CHN --target RUS --type AID --factuality probable+"""
    filters = Filters(
        source=source, target=target, actor=actor, type=type, since=since, until=until, factuality=factuality,
        attributed=True if attributed else False if asserted else None, speaker_kind=speaker_kind,
        speaker=speaker, contains=contains, document=document,
    )  # fmt: skip
    with open_store(db, read_only=True) as store:
        rows = store.events(filters, limit=limit, offset=offset)
    columns = (
        "published",
        "type",
        "source",
        "target",
        "trigger",
        "time",
        "factuality",
        "according_to",
        "sentence",
    )
    _emit(rows, as_json, as_csv, "Events", columns)


@query_app.command("quotes")
def query_quotes(
    speaker: Annotated[
        str | None, typer.Option(help="Speaker: actor id or part of the surface form.")
    ] = None,
    contains: Annotated[str | None, typer.Option(help="Text in the quote.")] = None,
    speaker_kind: Annotated[
        str | None, typer.Option(help="Kind of the speaker, e.g. anonymous.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    document: Annotated[str | None, typer.Option(help="A document id.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """Stored quotes. Example: claimgraph query quotes --speaker person:xi-jinping --contains sanctions"""
    filters = Filters(
        speaker=speaker,
        contains=contains,
        speaker_kind=speaker_kind,
        since=since,
        until=until,
        document=document,
    )
    with open_store(db, read_only=True) as store:
        rows = store.quotes(filters, limit=limit, offset=offset)
    _emit(
        rows,
        as_json,
        as_csv,
        "Quotes",
        ("published", "kind", "speaker_text", "speaker_actor", "cue", "text"),
    )


@query_app.command("actors")
def query_actors(
    actor: Annotated[
        str | None, typer.Option(help="An actor id; 'CHN' also lists CHN.GOV, CHN.MIL.")
    ] = None,
    contains: Annotated[str | None, typer.Option(help="Text in the actor's name.")] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Count only events of this PLOVER type.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Count only events from YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Count only events until YYYY-MM-DD.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """Actors across the corpus with their event and quote counts (per-article anon:N left out)."""
    filters = Filters(actor=actor, contains=contains, type=type, since=since, until=until)
    with open_store(db, read_only=True) as store:
        rows = store.actors(filters, limit=limit, offset=offset)
    columns = (
        "id",
        "name",
        "kind",
        "country",
        "documents",
        "mentions",
        "events_as_source",
        "events_as_target",
        "quotes",
    )
    _emit(rows, as_json, as_csv, "Actors", columns)


@app.command("sql")
def sql_command(
    query: Annotated[
        str,
        typer.Argument(
            help="DuckDB SQL over the tables documents, actors, actor_index, mentions, quotes, events, event_sources, failures."
        ),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    write: Annotated[
        bool, typer.Option(help="Open the store writable (default: read-only).")
    ] = False,
) -> None:
    """Run DuckDB SQL on the corpus. Example: claimgraph sql "SELECT type, count(*) FROM events GROUP BY type" """
    with open_store(db, read_only=not write) as store:
        columns, rows = store.sql(query)
    _emit(
        [dict(zip(columns, row, strict=True)) for row in rows],
        as_json,
        as_csv,
        "Result",
        tuple(columns),
    )


@app.command("failures")
def failures_command(
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
) -> None:
    """Inputs that could not be read or analysed (stage read/analyse), and inputs that are not articles (stage skip)."""
    with open_store(db, read_only=True) as store:
        rows = store.failures(limit=limit, offset=offset)
    _emit(rows, as_json, as_csv, "Failures", ("source", "stage", "error"))


@app.command("export")
def export_command(
    format: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")],
    out: Annotated[
        Path | None,
        typer.Option(
            help="Output file (jsonl, cameo, plover; default stdout) or directory (parquet, csv)."
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Only events by this actor (cameo, plover).")
    ] = None,
    target: Annotated[
        str | None, typer.Option(help="Only events on this actor (cameo, plover).")
    ] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Only this PLOVER type (cameo, plover).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From YYYY-MM-DD (cameo, plover).")] = None,
    until: Annotated[str | None, typer.Option(help="Until YYYY-MM-DD (cameo, plover).")] = None,
    factuality: Annotated[
        str | None, typer.Option(help="e.g. certain or probable+ (cameo, plover).")
    ] = None,
    asserted: Annotated[
        bool, typer.Option("--asserted", help="Only the outlet's own voice (cameo, plover).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export the corpus: full records (jsonl), tables (parquet, csv), GDELT 2.0 event rows (cameo), PLOVER JSONL (plover).

    Examples:

      claimgraph export --format plover --out events.jsonl

      claimgraph export --format cameo --factuality certain --asserted --out gdelt.tsv
    """
    filters = Filters(
        source=source,
        target=target,
        type=type,
        since=since,
        until=until,
        factuality=factuality,
        attributed=False if asserted else None,
    )
    with open_store(db, read_only=True) as store:
        count = export(store, format, out, filters)
    if out is not None:
        Console(stderr=True).print(
            f"wrote {count} {'events' if format in ('cameo', 'plover') else 'records'} to {out}"
        )
