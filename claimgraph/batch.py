"""Many documents: analysed in worker processes (``ingest``) or on a Dask cluster (``run_dask``).

Both paths share ``analyse_chunk``: a worker loads the spaCy pipeline once (a
process-pool initializer, or a Dask worker plugin) and analyses chunks of
``[batch] chunk_size`` documents with ``analyze_many``. Inputs whose
``input_key`` is already stored are skipped before they are analysed, so an
interrupted run resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from threadpoolctl import threadpool_limits

from .analyze import AnalyzeOptions, analyze_many
from .errors import ClaimgraphError, Errors
from .model import Analysis
from .readers import RawDocument
from .readers.collect import BATCH_MARKER, ReadFailure, iter_inputs

if TYPE_CHECKING:  # DuckDB, Arrow and Dask are imported where used: a worker process needs none
    from .store import Store

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What became of one input: an analysis, or the stage and message of its failure."""

    source: str
    key: str | None = None
    analysis: Analysis | None = None
    stage: str | None = None  # "read", "skip", "analyse" when there is no analysis
    error: str | None = None


@dataclass
class Summary:
    """Counts of a batch run; ``words`` of the documents analysed, for throughput."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0  # analysed again, same result as stored
    skipped: int = 0  # already stored: not analysed again
    failed: int = 0  # could not be read or analysed (see the failures table)
    ignored: int = 0  # not articles: non-HTML WARC records, feed items without content
    words: int = 0
    failures: list[ReadFailure] = field(default_factory=list)

    def count(self, status: str, n: int = 1) -> None:
        setattr(self, status, getattr(self, status) + n)

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "failures"}


def input_key(raw: RawDocument, options: AnalyzeOptions) -> str:
    """A hash of everything that decides an input's analysis: content, URL, metadata and options."""
    payload = json.dumps(
        [
            raw.kind,
            raw.url,
            raw.content,
            sorted(raw.meta.items()),
            options.model,
            options.actors,
            options.published,
            options.url,
        ],
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class AnalysisTimeout(Exception):
    """A document took longer than ``[batch] timeout`` seconds."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``AnalysisTimeout`` after ``seconds`` (0 = never); only in a process's main thread
    (worker processes), not in Dask's task threads, where it does nothing."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise AnalysisTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyse_chunk(
    raws: list[RawDocument], keys: list[str | None], options: AnalyzeOptions
) -> list[Outcome]:
    """Analyse one chunk in this process; a document that breaks the pipeline or runs past
    ``[batch] timeout`` seconds fails alone and the others are analysed. Documents finished
    before the failure are kept; only the rest are analysed again, one by one."""
    timeout = options.settings["batch"]["timeout"]
    by_id = {id(raw): key for raw, key in zip(raws, keys, strict=True)}
    outcomes: list[Outcome] = []
    finished: set[int] = set()
    try:
        with deadline(timeout * len(raws)):
            for raw, result in analyze_many(raws, options):
                outcomes.append(_outcome(raw, by_id[id(raw)], result))
                finished.add(id(raw))
        return outcomes
    except Exception as err:  # noqa: BLE001 — the batch boundary: retry one by one to isolate the bad input
        if len(raws) == 1:
            logger.error("analysis failed for %s: %r", raws[0].source, err)
            detail = (
                f"took more than {timeout} s" if isinstance(err, AnalysisTimeout) else repr(err)
            )
            error = Errors.CG315.format(source=raws[0].source, detail=detail)
            return [Outcome(raws[0].source, keys[0], stage="analyse", error=error)]
        logger.warning(
            "a chunk of %d failed (%r) after %d documents; analysing the rest one by one",
            len(raws),
            err,
            len(outcomes),
        )
    return outcomes + [
        outcome
        for raw, key in zip(raws, keys, strict=True)
        if id(raw) not in finished
        for outcome in analyse_chunk([raw], [key], options)
    ]


def _outcome(raw: RawDocument, key: str | None, result) -> Outcome:
    if isinstance(result, ClaimgraphError):
        return Outcome(raw.source, key, stage="analyse", error=str(result))
    return Outcome(raw.source, key, analysis=result)


# -- local processes ----------------------------------------------------------

_worker_options: AnalyzeOptions | None = None
_worker_blas_limit: threadpool_limits | None = None


def _init_worker(options: AnalyzeOptions) -> None:
    """Process-pool initializer: one BLAS thread (the pool already runs a process per core; idle
    OpenBLAS threads spinning beside it cost ~15 % CPU), then load the pipeline once."""
    global _worker_options, _worker_blas_limit
    _worker_blas_limit = threadpool_limits(limits=1, user_api="blas")
    _worker_options = options
    options.pipeline()


def analyse_chunk_in_zone(
    raws: list[RawDocument], keys: list[str | None], options: AnalyzeOptions
) -> list[Outcome]:
    """``analyse_chunk`` inside ``nlp.memory_zone()``: the strings and lexemes the chunk's new words
    added to the vocabulary are freed after it, so a worker does not grow with every document it
    reads. Only for a process where one thread uses the pipeline (a zone is not thread-safe)."""
    with options.pipeline().memory_zone():
        return analyse_chunk(raws, keys, options)


def _pool_chunk(raws: list[RawDocument], keys: list[str | None]) -> list[Outcome]:
    return analyse_chunk_in_zone(raws, keys, _worker_options)


def chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def default_workers(settings: dict) -> int:
    return settings["batch"]["workers"] or os.cpu_count() or 1


def run_local(
    work: Iterable[tuple[list[RawDocument], list[str | None]]],
    options: AnalyzeOptions,
    workers: int,
) -> Iterator[list[Outcome]]:
    """Analyse chunks on ``workers`` processes (0 = in this process), yielding each chunk's outcomes as it completes."""
    if workers == 0:
        for raws, keys in work:
            yield analyse_chunk(raws, keys, options)
        return
    ctx = get_context("spawn")  # no fork of a process holding DuckDB and progress threads
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(options,)
    ) as pool:
        pending: set[Future] = set()
        for raws, keys in work:
            pending.add(pool.submit(_pool_chunk, raws, keys))
            if len(pending) >= 2 * workers:  # back-pressure: read ahead only a little
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        for future in pending:
            yield future.result()


def plan(
    inputs: Iterable[str],
    options: AnalyzeOptions,
    settings: dict,
    known: Callable[[list[str]], set[str]],
    summary: Summary,
    *,
    fetch: bool = False,
) -> Iterator[tuple[list[RawDocument], list[str]]]:
    """Chunks of inputs still to analyse; read failures and already-known inputs are tallied in ``summary``."""
    size = settings["batch"]["chunk_size"]

    def readable() -> Iterator[RawDocument]:
        for item in iter_inputs(inputs, settings, fetch=fetch):
            if isinstance(item, ReadFailure):
                summary.failures.append(item)
                summary.count("ignored" if item.stage == "skip" else "failed")
            else:
                yield item

    for chunk in chunks(readable(), size):
        keys = [input_key(raw, options) for raw in chunk]
        done = known(keys)
        summary.count("skipped", sum(key in done for key in keys))
        todo = [(raw, key) for raw, key in zip(chunk, keys, strict=True) if key not in done]
        if todo:
            yield [raw for raw, _ in todo], [key for _, key in todo]


def ingest(
    inputs: Iterable[str],
    store: Store,
    options: AnalyzeOptions,
    *,
    workers: int | None = None,
    fetch: bool = False,
    progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Read, analyse and store ``inputs``; only this process writes to ``store``.

    Each chunk is committed in one transaction; failures go to the store's
    failures table. ``progress(summary)`` is called after every chunk and failure.
    """
    settings = options.settings
    workers = default_workers(settings) if workers is None else workers
    summary = Summary()
    report = progress or (lambda _: None)

    def flush_failures() -> None:
        while summary.failures:
            failure = summary.failures.pop(0)
            store.add_failure(failure.source, failure.stage, failure.error)
        report(summary)

    def known(keys: list[str]) -> set[str]:
        flush_failures()
        return store.known_inputs(keys)

    for outcomes in run_local(
        plan(inputs, options, settings, known, summary, fetch=fetch), options, workers
    ):
        record(store, outcomes, summary)
        flush_failures()
    flush_failures()
    return summary


def record(store: Store, outcomes: list[Outcome], summary: Summary) -> None:
    """Store one chunk's analyses (one transaction) and its failures."""
    good = [o for o in outcomes if o.analysis is not None]
    if good:
        statuses = store.add_many(
            [o.analysis for o in good], sources=[o.source for o in good], keys=[o.key for o in good]
        )
        for status in statuses:
            summary.count(status)
        summary.words += sum(len(o.analysis.document.text.split()) for o in good)
        logger.info("committed %d documents", len(good))
    for o in outcomes:
        if o.analysis is None:
            summary.failures.append(ReadFailure(o.source, o.stage, o.error))
            summary.count("failed")


# -- Dask ---------------------------------------------------------------------


def open_client(scheduler: str | None, workers: int):
    """A Dask client: to ``scheduler`` (tcp://host:port), else a new ``LocalCluster`` of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise ClaimgraphError(Errors.CG307.format(address=scheduler, detail=err)) from err
    import dask

    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 for its workers: every large array is then mapped
    # and zeroed afresh (a quarter more CPU), so it stays unset; one malloc arena, as in an ingest
    # worker: the task thread's own arena held ~20 MB more at the peak; and no statistical profiler,
    # which samples the task thread every 10 ms for a dashboard nobody watches here and keeps an
    # hour of call trees: ~30 MB and a tenth more CPU by the end of a run (docs/corpus.md)
    with dask.config.set(
        {
            "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            "distributed.nanny.pre-spawn-environ.MALLOC_ARENA_MAX": 1,
            "distributed.worker.profile.enabled": False,
        }
    ):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    return Client(cluster)


def run_dask(
    inputs: Iterable[str],
    out: str | Path,
    options: AnalyzeOptions,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    fetch: bool = False,
    progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Analyse ``inputs`` on a Dask cluster into ``out``: one Parquet part per chunk and table.

    ``out/<table>/part-NNNNNN.parquet`` for every store table plus ``failures``;
    ``claimgraph ingest OUT`` loads it into DuckDB. A rerun into the same
    directory skips inputs already written there.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq
    from distributed import as_completed

    from .batch_dask import ModelPlugin, dask_chunk
    from .store import arrow_tables
    from .tables import SCHEMA_VERSION_STORE

    settings = options.settings
    workers = default_workers(settings) if workers is None else workers
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / BATCH_MARKER).write_text(
        json.dumps({"format": "claimgraph-batch", "store_schema": SCHEMA_VERSION_STORE}) + "\n"
    )
    done_keys = _written_keys(out)
    part = _next_part(out)
    summary = Summary()
    report = progress or (lambda _: None)

    def write(table: str, arrow: pa.Table, number: int) -> None:
        (out / table).mkdir(exist_ok=True)
        tmp = out / table / f".part-{number:06d}.parquet.tmp"
        pq.write_table(arrow, tmp)
        tmp.rename(
            out / table / f"part-{number:06d}.parquet"
        )  # a part is there whole or not at all

    def write_failures() -> None:
        nonlocal part
        if summary.failures:
            write("failures", pa.Table.from_pylist([asdict(f) for f in summary.failures]), part)
            part += 1
            summary.failures.clear()
        report(summary)

    def known(keys: list[str]) -> set[str]:
        return done_keys & set(keys)

    with open_client(scheduler, workers) as client:
        client.register_plugin(ModelPlugin(options))
        options_future = client.scatter(options, broadcast=True)
        futures = as_completed()
        chunk_sources: dict[str, list[str]] = {}
        in_flight = 0

        def drain(block: bool) -> None:
            nonlocal in_flight, part
            limit = 2 * max(sum(client.nthreads().values()), 1)  # the cluster may grow or shrink
            while in_flight and (block or in_flight >= limit):
                future = next(futures)
                in_flight -= 1
                sources = chunk_sources.pop(future.key)
                try:
                    row_sets, failed = future.result()
                    tables = arrow_tables(row_sets)
                except Exception as err:  # noqa: BLE001 — a lost worker fails its chunk, not the batch
                    logger.error("a chunk failed on the cluster: %r", err)
                    tables = {}
                    failed = [
                        (src, "analyse", Errors.CG315.format(source=src, detail=repr(err)))
                        for src in sources
                    ]
                future.release()
                docs = tables.get("documents")
                if docs is not None and docs.num_rows:
                    # "documents" last: a part is complete once its documents file exists
                    for table in sorted(tables, key=lambda t: t == "documents"):
                        write(table, tables[table], part)
                    summary.count("added", docs.num_rows)
                    summary.words += sum(docs.column("words").to_pylist())
                    part += 1
                for source, stage, error in failed:
                    summary.failures.append(ReadFailure(source, stage, error))
                    summary.count("failed")
                write_failures()

        for raws, keys in plan(inputs, options, settings, known, summary, fetch=fetch):
            future = client.submit(dask_chunk, raws, keys, options_future, pure=False)
            chunk_sources[future.key] = [raw.source for raw in raws]
            futures.add(future)
            in_flight += 1
            drain(block=False)
        drain(block=True)
        write_failures()
    return summary


def _written_keys(out: Path) -> set[str]:
    import pyarrow.parquet as pq

    keys: set[str] = set()
    for path in sorted((out / "inputs").glob("part-*.parquet")):
        if (out / "documents" / path.name).exists():
            keys.update(pq.read_table(path, columns=["key"]).column("key").to_pylist())
    return keys


def _next_part(out: Path) -> int:
    numbers = [int(p.stem.split("-")[1].split(".")[0]) for p in out.glob("*/part-*.parquet")]
    return max(numbers, default=-1) + 1
