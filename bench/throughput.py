"""Corpus throughput: spaCy's own pass, plain trafilatura, `ingest` on 1 and 2 processes, `batch` on Dask.

Reads the Scrapinghub article-extraction benchmark's HTML pages from
../shared/eval (never copied into the repository), repeats them to ``--n``
articles (each copy made distinct with an HTML comment so nothing is skipped
as already stored), and measures in one run:

- spaCy ``nlp.pipe`` with the model's own components (tok2vec, tagger, parser,
  NER …) over the same clean text claimgraph analyses (cleaning not timed);
- trafilatura ``extract`` over the raw HTML;
- ``claimgraph ingest`` (``batch.ingest`` into a fresh DuckDB file) with 1 and 2 worker processes;
- ``claimgraph batch`` (``batch.run_dask``) on a 2-worker ``LocalCluster``.

Prints articles/s, words/s, the ratio to spaCy's pass, the peak RSS of the
largest worker process, the load average (1 min) at the start and end of each
run, and the scaling efficiency (2-worker rate / 2 × 1-worker rate). All five
runs share one corpus and one process, so compare the ratios within a run; the
absolute rates depend on what else the machine is doing (the load column).

The full measurement, in one command (1,000 articles, all five runs; about
20–30 minutes on a 2-core machine):

    .venv/bin/python bench/throughput.py

    .venv/bin/python bench/throughput.py --n 100                 # a quick look
    .venv/bin/python bench/throughput.py --n 300 --skip dask     # leave runs out
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import tempfile
import threading
import time
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


class PeakRss:
    """Samples the RSS of this process's children (workers) while a measurement runs."""

    def __init__(self, interval: float = 0.25):
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    self.peaks[child.pid] = max(
                        self.peaks.get(child.pid, 0), child.memory_info().rss
                    )
                except psutil.Error:
                    continue
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

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


def spacy_pass(texts: list[str], model: str) -> float:
    import spacy

    nlp = spacy.load(model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=4):  # ~ claimgraph's batches of [nlp] batch_tokens
        pass
    return time.perf_counter() - started


def trafilatura_pass(htmls: list[str]) -> tuple[float, int]:
    import trafilatura

    started = time.perf_counter()
    words = 0
    for html in htmls:
        words += len((trafilatura.extract(html) or "").split())
    return time.perf_counter() - started, words


def ingest_pass(corpus: Path, workers: int, work: Path) -> tuple[float, batch.Summary, float]:
    with Store(work / f"ingest-{workers}.duckdb") as store, PeakRss() as rss:
        started = time.perf_counter()
        summary = batch.ingest([str(corpus)], store, AnalyzeOptions(), workers=workers)
        seconds = time.perf_counter() - started
    return seconds, summary, rss.largest_mb


def dask_pass(corpus: Path, workers: int, work: Path) -> tuple[float, batch.Summary, float]:
    with PeakRss() as rss:
        started = time.perf_counter()
        summary = batch.run_dask(
            [str(corpus)], work / "batch-out", AnalyzeOptions(), workers=workers
        )
        seconds = time.perf_counter() - started
    return seconds, summary, rss.largest_mb


def warn_failures(summary: batch.Summary, db: Path) -> None:
    """Say how many documents failed and why (the first reason), so a broken run is not read as a slow one."""
    if summary.failed:
        with Store(db, read_only=True) as store:
            first = store.failures(limit=1)
        print(f"    {summary.failed} documents failed, e.g. {first[0]['error'] if first else '?'}")


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
        results: list[
            tuple[str, float, int, int, float, str]
        ] = []  # name, seconds, articles, words, peak RSS MB, load average at start → end
        load_at_start = [os.getloadavg()[0]]

        def report(name: str, seconds: float, articles: int, n_words: int, rss_mb: float) -> None:
            load = f"{load_at_start[0]:.1f} → {os.getloadavg()[0]:.1f}"
            results.append((name, seconds, articles, n_words, rss_mb, load))
            print(f"  {name:<34} {seconds:8.1f} s  {articles / seconds:7.2f} articles/s  {n_words / seconds:9,.0f} words/s"
                  + (f"  peak RSS {rss_mb:,.0f} MB" if rss_mb else "") + f"  load {load}", flush=True)  # fmt: skip
            load_at_start[0] = os.getloadavg()[0]

        if "spacy" not in args.skip:
            seconds = spacy_pass(texts, model)
            report(
                "spaCy nlp.pipe (own components)",
                seconds,
                len(texts),
                words,
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            )
        if "trafilatura" not in args.skip:
            seconds, extracted = trafilatura_pass(htmls)
            report("trafilatura.extract", seconds, len(htmls), extracted, 0)
        for workers in (1, 2):
            if f"ingest{workers}" not in args.skip:
                seconds, summary, rss = ingest_pass(work / "corpus", workers, work)
                analysed = summary.added + summary.replaced + summary.unchanged
                report(
                    f"claimgraph ingest --workers {workers}", seconds, analysed, summary.words, rss
                )
                warn_failures(summary, work / f"ingest-{workers}.duckdb")
        if "dask" not in args.skip:
            seconds, summary, rss = dask_pass(work / "corpus", 2, work)
            report("claimgraph batch (LocalCluster, 2)", seconds, summary.added, summary.words, rss)
            if summary.failed:
                print(
                    f"    {summary.failed} documents failed (see {work / 'batch-out' / 'failures'})"
                )

    rates = {name: n_words / seconds for name, seconds, _, n_words, _, _ in results}
    spacy_rate = rates.get("spaCy nlp.pipe (own components)")
    print(
        "\n| run | articles/s | words/s | × spaCy pass | peak RSS of a worker* | load avg (1 min) |\n|---|---|---|---|---|---|"
    )
    for name, seconds, articles, n_words, rss_mb, load in results:
        ratio = f"{(n_words / seconds) / spacy_rate:.2f}" if spacy_rate else "—"
        print(
            f"| {name} | {articles / seconds:.2f} | {n_words / seconds:,.0f} | {ratio} | {f'{rss_mb:,.0f} MB' if rss_mb else '—'} | {load} |"
        )
    print(
        "* the largest worker process; for spaCy's pass, the benchmark process itself (corpus in memory)"
    )
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
