"""Corpus throughput: spaCy's own pass, plain trafilatura, `ingest` on 1 and 2 processes, `batch` on Dask.

Reads the Scrapinghub article-extraction benchmark's HTML pages from
../shared/eval (never copied into the repository), repeats them to ``--n``
articles (each copy made distinct with an HTML comment so nothing is skipped
as already stored), and measures in one run:

- spaCy ``nlp.pipe`` over the same clean text claimgraph analyses (cleaning not
  timed), twice: with the model's own components (tok2vec, tagger, parser,
  attribute_ruler, lemmatizer, NER: the parts claimgraph runs too), and with
  only what NER and the parser need (tok2vec, parser, NER);
- trafilatura ``extract`` over the raw HTML;
- ``claimgraph ingest`` (``batch.ingest`` into a fresh DuckDB file) with 1 and 2 worker processes;
- ``claimgraph batch`` (``batch.run_dask``) on a 2-worker ``LocalCluster``.

Prints articles/s, words/s, the ratio to spaCy's passes, the CPU seconds of
each run (this process and its worker processes) with words per CPU second
and its ratio — per core, and barely moved by other jobs on the machine, where
wall-meter rates are —, the peak RSS of the largest worker process, the load
average (1 min) at the start and end of each run, and the scaling efficiency
(2-worker rate / 2 × 1-worker rate). All runs share one corpus and one
process, so compare the ratios within a run. spaCy's NER + parser pass runs
right before ``ingest --workers 1``, the pair the issue's ratio compares;
``--rounds N`` runs that pair N times, in turn, and prints each round's ratio
and the median, because this host's speed drifts by ±20 % over a run.

The full measurement, in one command (1,000 articles, all five runs; about
20–30 minutes on a 2-core machine):

    .venv/bin/python bench/throughput.py

    .venv/bin/python bench/throughput.py --n 100                 # a quick look
    .venv/bin/python bench/throughput.py --n 300 --skip dask     # leave runs out
    .venv/bin/python bench/throughput.py --rounds 3              # the ratio to spaCy, three times
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from claimgraph import batch, settings
from claimgraph.analyze import AnalyzeOptions
from claimgraph.clean import clean
from claimgraph.errors import ClaimgraphError
from claimgraph.readers import read
from claimgraph.store import Store

ROOT = Path(__file__).resolve().parent.parent
HTML_DIR = (
    ROOT.parent
    / "shared"
    / "eval"
    / "article-extraction"
    / "scrapinghub-article-extraction-benchmark"
    / "html"
)


class Meter:
    """Wall seconds, CPU seconds and the peak RSS of the largest worker of one run.

    CPU is this process's plus that of every process below it (``ingest``'s pool, Dask's
    nannies and workers), sampled every ``interval`` seconds while the run goes on: a per-core
    measure that other jobs on the machine barely move, where they do move wall-meter rates.
    """

    def __init__(self, interval: float = 0.25):
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self.child_cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    with child.oneshot():
                        rss, times = child.memory_info().rss, child.cpu_times()
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), rss)
                self.child_cpu[child.pid] = times.user + times.system
            self._stop.wait(self.interval)

    def __enter__(self) -> Meter:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu + sum(self.child_cpu.values())

    @property
    def largest_mb(self) -> float:
        return max(self.peaks.values(), default=0) / 2**20


def make_corpus(n: int, directory: Path) -> list[Path]:
    """``n`` HTML files cycling through the benchmark pages, each copy with a distinct comment."""
    pages = sorted(HTML_DIR.glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no pages in {HTML_DIR} (benchmark data lives in ../shared/eval)")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        html = gzip.decompress(pages[i % len(pages)].read_bytes())
        path = directory / f"{i:05d}.html"
        path.write_bytes(html + f"\n<!-- copy {i} -->\n".encode())
        paths.append(path)
    return paths


# What spaCy's "NER + parser" pass needs of en_core_web_sm: the rest is left out.
NOT_NER_PARSER = ("tagger", "attribute_ruler", "lemmatizer", "senter")


def spacy_pass(texts: list[str], model: str, exclude: tuple[str, ...] = ()) -> Meter:
    import spacy

    nlp = spacy.load(model, exclude=list(exclude))
    with Meter() as meter:
        for _ in nlp.pipe(texts, batch_size=4):  # ~ claimgraph's batches of [nlp] batch_tokens
            pass
    return meter


def trafilatura_pass(htmls: list[str]) -> tuple[Meter, int]:
    import trafilatura

    words = 0
    with Meter() as meter:
        for html in htmls:
            words += len((trafilatura.extract(html) or "").split())
    return meter, words


def ingest_pass(
    corpus: Path, workers: int, work: Path, round_: int = 1
) -> tuple[Meter, batch.Summary]:
    with Store(work / f"ingest-{workers}-{round_}.duckdb") as store, Meter() as meter:
        summary = batch.ingest([str(corpus)], store, AnalyzeOptions(), workers=workers)
    return meter, summary


def dask_pass(corpus: Path, workers: int, work: Path) -> tuple[Meter, batch.Summary]:
    with Meter() as meter:
        summary = batch.run_dask(
            [str(corpus)], work / "batch-out", AnalyzeOptions(), workers=workers
        )
    return meter, summary


def warn_failures(summary: batch.Summary, db: Path) -> None:
    """Say how many documents failed and why (the first reason), so a broken run is not read as a slow one."""
    if summary.failed:
        with Store(db, read_only=True) as store:
            first = store.failures(limit=1)
        print(f"    {summary.failed} documents failed, e.g. {first[0]['error'] if first else '?'}")


SPACY_ALL = "spaCy nlp.pipe, model's components"
SPACY_NER_PARSER = "spaCy nlp.pipe, NER + parser only"


@dataclass
class Row:
    name: str
    meter: Meter
    articles: int
    words: int
    rss_mb: float
    load: str


def print_table(results: list[Row]) -> None:
    """The runs as a Markdown table, with words/s and words per CPU second as ratios to both of
    spaCy's passes."""
    base = {row.name: row for row in results if row.name in (SPACY_ALL, SPACY_NER_PARSER)}

    def ratios(row: Row, per) -> str:
        return " / ".join(f"{per(row) / per(spacy):.2f}" for spacy in base.values()) or "—"

    def wall(row: Row) -> float:
        return row.words / row.meter.wall

    def cpu(row: Row) -> float:
        return row.words / row.meter.cpu

    print(
        "\n| run | articles/s | words/s | × spaCy (all / NER+parser) | CPU s | words per CPU s "
        "| × spaCy per CPU s | peak RSS of a worker* | load avg (1 min) |\n|---|---|---|---|---|---|---|---|---|"
    )
    for row in results:
        rss = f"{row.rss_mb:,.0f} MB" if row.rss_mb else "—"
        print(
            f"| {row.name} | {row.articles / row.meter.wall:.2f} | {wall(row):,.0f} | {ratios(row, wall)} "
            f"| {row.meter.cpu:,.1f} | {cpu(row):,.0f} | {ratios(row, cpu)} | {rss} | {row.load} |"
        )
    print(
        "* the largest worker process; for spaCy's passes, the benchmark process itself (corpus in memory)"
    )


def print_rounds(results: list[Row], pairs: list[tuple[float, float]]) -> None:
    """``ingest --workers 1`` against spaCy's NER + parser pass, round by round and the median:
    the host's speed drifts by more than what separates the two (docs/corpus.md)."""
    first = {row.name: row.words / row.meter.wall for row in results}
    if SPACY_NER_PARSER in first and "claimgraph ingest --workers 1" in first:
        pairs = [(first[SPACY_NER_PARSER], first["claimgraph ingest --workers 1"]), *pairs]
    if len(pairs) < 2:
        return
    ratios = [ours / spacy for spacy, ours in pairs]
    listed = ", ".join(f"{ratio:.2f}" for ratio in ratios)
    print(
        f"\ningest --workers 1 / spaCy NER + parser, by round: {listed}; median {statistics.median(ratios):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--n", type=int, default=1000, help="articles (the benchmark's pages repeated)"
    )
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["spacy", "trafilatura", "ingest1", "ingest2", "dask"],
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="run spaCy's NER + parser pass and `ingest --workers 1` this many times, in turn, "
        "and print the ratio of each round and their median (one pair is no measure on a host "
        "whose speed drifts)",
    )
    args = parser.parse_args()

    from claimgraph.nlp import resolve_model

    model = resolve_model()
    conf = settings.load()
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        work = Path(tmp)
        paths = make_corpus(args.n, work / "corpus")
        htmls, texts = [], []
        for path in paths:
            raw = read(str(path), conf)
            htmls.append(raw.content)
            try:
                texts.append(clean(raw, conf).text)
            except ClaimgraphError:
                continue
        words = sum(len(t.split()) for t in texts)
        print(f"{args.n} articles ({len(list(HTML_DIR.glob('*.html.gz')))} distinct pages repeated), "
              f"{len(texts)} with text, {words:,} words of clean text; model {model}; {psutil.cpu_count()} CPUs")  # fmt: skip
        results: list[Row] = []
        load_at_start = [os.getloadavg()[0]]

        def report(name: str, meter: Meter, articles: int, n_words: int, rss_mb: float) -> None:
            load = f"{load_at_start[0]:.1f} → {os.getloadavg()[0]:.1f}"
            results.append(Row(name, meter, articles, n_words, rss_mb, load))
            print(f"  {name:<36} {meter.wall:8.1f} s  {articles / meter.wall:7.2f} articles/s  {n_words / meter.wall:9,.0f} words/s"
                  f"  {meter.cpu:8.1f} CPU s" + (f"  peak RSS {rss_mb:,.0f} MB" if rss_mb else "") + f"  load {load}", flush=True)  # fmt: skip
            load_at_start[0] = os.getloadavg()[0]

        def spacy_run(name: str, exclude: tuple[str, ...]) -> None:
            meter = spacy_pass(texts, model, exclude)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            report(name, meter, len(texts), words, rss)

        # spaCy's NER + parser pass runs right before `ingest --workers 1`, so the pair the
        # issue's ratio compares sees the same state of the host
        if "spacy" not in args.skip:
            spacy_run(SPACY_ALL, ())
        if "trafilatura" not in args.skip:
            meter, extracted = trafilatura_pass(htmls)
            report("trafilatura.extract", meter, len(htmls), extracted, 0)
        if "spacy" not in args.skip:
            spacy_run(SPACY_NER_PARSER, NOT_NER_PARSER)
        for workers in (1, 2):
            if f"ingest{workers}" not in args.skip:
                meter, summary = ingest_pass(work / "corpus", workers, work)
                analysed = summary.added + summary.replaced + summary.unchanged
                name = f"claimgraph ingest --workers {workers}"
                report(name, meter, analysed, summary.words, meter.largest_mb)
                warn_failures(summary, work / f"ingest-{workers}-1.duckdb")
        if "dask" not in args.skip:
            meter, summary = dask_pass(work / "corpus", 2, work)
            name = "claimgraph batch (LocalCluster, 2)"
            report(name, meter, summary.added, summary.words, meter.largest_mb)
            if summary.failed:
                print(
                    f"    {summary.failed} documents failed (see {work / 'batch-out' / 'failures'})"
                )

        pairs = []  # (spaCy NER + parser words/s, ingest --workers 1 words/s) of each round
        for round_ in range(2, args.rounds + 1):
            spacy_meter = spacy_pass(texts, model, NOT_NER_PARSER)
            meter, summary = ingest_pass(work / "corpus", 1, work, round_)
            pairs.append((words / spacy_meter.wall, summary.words / meter.wall))
            print(f"  round {round_}: spaCy NER + parser {spacy_meter.wall:.1f} s, ingest --workers 1 {meter.wall:.1f} s", flush=True)  # fmt: skip

    print_table(results)
    print_rounds(results, pairs)
    rates = {row.name: row.words / row.meter.wall for row in results}
    one, two = (
        rates.get("claimgraph ingest --workers 1"),
        rates.get("claimgraph ingest --workers 2"),
    )
    if one and two:
        print(f"\nscaling efficiency, ingest 1 → 2 workers: {two / (2 * one):.0%}")
    dask = rates.get("claimgraph batch (LocalCluster, 2)")
    if two and dask:
        print(f"Dask 2 workers / ingest 2 workers: {dask / two:.2f}")
    if one and "claimgraph batch (LocalCluster, 2)" in rates:
        print(
            f"scaling efficiency, ingest 1 → Dask 2 workers: {rates['claimgraph batch (LocalCluster, 2)'] / (2 * one):.0%}"
        )


if __name__ == "__main__":
    main()
