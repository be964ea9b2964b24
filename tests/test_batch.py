"""Batch ingest: every good article stored once, every bad input in failures, resumable; Dask = local."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from corpus_articles import (
    ARTICLES,
    article_text,
    html_page,
    write_articles,
    write_bad_inputs,
    write_warc,
)
from typer.testing import CliRunner

import claimgraph.cli.corpus  # noqa: F401  (registers the commands)
from claimgraph import batch
from claimgraph.analyze import AnalyzeOptions
from claimgraph.cli import app
from claimgraph.errors import InputError
from claimgraph.readers import RawDocument
from claimgraph.store import TABLES, Store

REFERENCE_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _tables(store: Store) -> dict[str, list[dict]]:
    return {name: store.table(name).to_pylist() for name in TABLES}


def test_deadline_interrupts_a_slow_document():
    with pytest.raises(batch.AnalysisTimeout), batch.deadline(0.2):
        time.sleep(5)


def test_a_document_that_breaks_the_pipeline_fails_alone(monkeypatch):
    def fake_analyze_many(raws, options):  # a pipeline that crashes on one document
        for raw in raws:
            if "Brazil" in raw.content:
                raise RuntimeError("component bug")
        for raw in raws:
            yield (
                raw,
                InputError("[CG112] nothing")
                if not raw.content.strip()
                else batch.Analysis.model_validate(
                    {"document": {"id": raw.source, "text": raw.content}}
                ),
            )

    monkeypatch.setattr(batch, "analyze_many", fake_analyze_many)
    raws = [RawDocument.from_string(article_text(i), source=f"a{i}") for i in (2, 3, 4)]
    outcomes = batch.analyse_chunk(raws, ["k2", "k3", "k4"], AnalyzeOptions())
    assert [(o.source, o.key, o.analysis is not None) for o in outcomes] == [
        ("a2", "k2", True),
        ("a3", "k3", False),
        ("a4", "k4", True),
    ]
    assert outcomes[1].stage == "analyse" and "CG315" in outcomes[1].error


def test_documents_finished_before_a_crash_are_not_analysed_again(monkeypatch):
    analysed: list[str] = []

    def fake_analyze_many(raws, options):  # yields its first document, then crashes on Brazil
        for raw in raws:
            if "Brazil" in raw.content:
                raise RuntimeError("component bug")
            analysed.append(raw.source)
            yield (
                raw,
                batch.Analysis.model_validate(
                    {"document": {"id": raw.source, "text": raw.content}}
                ),
            )

    monkeypatch.setattr(batch, "analyze_many", fake_analyze_many)
    raws = [RawDocument.from_string(article_text(i), source=f"a{i}") for i in (2, 3, 4)]
    assert "Brazil" in raws[1].content and "Brazil" not in raws[0].content + raws[2].content
    outcomes = batch.analyse_chunk(raws, ["k2", "k3", "k4"], AnalyzeOptions())
    assert sorted((o.source, o.analysis is not None) for o in outcomes) == [
        ("a2", True),
        ("a3", False),
        ("a4", True),
    ]
    assert analysed == ["a2", "a4"]  # a2 once: finished before the crash, not retried


@pytest.mark.model
def test_ingest_good_and_bad_inputs_then_rerun(tmp_path):
    write_articles(tmp_path / "good")
    bad = write_bad_inputs(tmp_path / "bad")
    inputs = [str(tmp_path / "good"), str(tmp_path / "bad")]
    if REFERENCE_DIR.exists():
        inputs.append(str(REFERENCE_DIR))
    expected = len(ARTICLES) + (1 if REFERENCE_DIR.exists() else 0)
    with Store(tmp_path / "corpus.duckdb") as store:
        first = batch.ingest(inputs, store, AnalyzeOptions(), workers=0)
        assert (first.added, first.failed, first.ignored) == (expected, 3, 1)
        counts = store.count()
        assert counts["documents"] == expected
        assert {f["source"] for f in store.failures()} == {str(p) for p in bad.values()}
        for doc in store.documents(limit=100):  # no partial document: its rows match its record
            analysis = store.document(doc["id"])
            assert (doc["events"], doc["quotes"], doc["actors"]) == (
                len(analysis.events),
                len(analysis.quotes),
                len(analysis.actors),
            )

        second = batch.ingest(inputs, store, AnalyzeOptions(), workers=0)
        assert (second.added, second.replaced, second.skipped) == (0, 0, expected)
        assert store.count() == counts


@pytest.mark.model
def test_the_same_article_from_two_inputs_is_stored_once(tmp_path):
    write_articles(tmp_path / "files", 3)
    write_warc(tmp_path / "crawl.warc.gz", {"https://example.org/a": html_page(1)}, {})
    with Store(tmp_path / "corpus.duckdb") as store:
        summary = batch.ingest([str(tmp_path)], store, AnalyzeOptions(), workers=0)
        ids = [d["id"] for d in store.documents(limit=10)]
        assert summary.added + summary.replaced + summary.unchanged == 4
        assert len(ids) == len(set(ids)) == store.count()["documents"]


@pytest.mark.model
def test_a_chunk_in_a_memory_zone_forgets_its_new_words_not_its_analysis():
    text = (
        "Velmoran troops shelled the border town of Quastrelle on Monday, the Ostravian "
        "defence ministry said.\n\n“We will answer this aggression,” said the ministry's "
        "spokesman, Dravik Ulmenstrohm."
    )
    raws = [RawDocument.from_string(text)]
    options = AnalyzeOptions()
    strings = options.pipeline().vocab.strings
    zoned = batch.analyse_chunk_in_zone(raws, [None], options)
    assert "Ulmenstrohm" not in strings  # freed with the zone: a worker does not grow per word
    plain = batch.analyse_chunk(raws, [None], options)
    assert "Ulmenstrohm" in strings
    assert zoned[0].analysis is not None
    assert zoned[0].analysis == plain[0].analysis


@pytest.mark.model
@pytest.mark.slow
def test_dask_batch_gives_the_same_tables_as_ingest(tmp_path):
    write_articles(tmp_path / "in", 4)
    (tmp_path / "in" / "broken.txt").write_bytes(b"")
    inputs = [str(tmp_path / "in")]
    with Store(tmp_path / "ingest.duckdb") as store:
        summary = batch.ingest(inputs, store, AnalyzeOptions(), workers=2)  # the process pool
        assert (summary.added, summary.failed) == (4, 1)
        expected = _tables(store)
        expected_failures = [(f["source"], f["stage"], f["error"]) for f in store.failures()]

    out = tmp_path / "out"
    summary = batch.run_dask(inputs, out, AnalyzeOptions(), workers=2)
    assert (summary.added, summary.failed) == (4, 1)
    assert sorted(p.parent.name for p in out.glob("*/part-*.parquet")) == sorted(
        [*TABLES, "failures"]
    )
    with Store(tmp_path / "batch.duckdb") as store:
        assert store.load_parquet(out) == {"added": 4, "replaced": 0, "unchanged": 0, "failed": 1}
        assert _tables(store) == expected
        assert [
            (f["source"], f["stage"], f["error"]) for f in store.failures()
        ] == expected_failures
        assert store.load_parquet(out)["unchanged"] == 4  # loading twice stores nothing new

    # a rerun into the same directory resumes: nothing left to analyse
    rerun = batch.run_dask(inputs, out, AnalyzeOptions(), workers=1)
    assert (rerun.added, rerun.skipped) == (0, 4)

    cli_db = tmp_path / "cli.duckdb"
    loaded = CliRunner().invoke(
        app, ["ingest", str(out), "--db", str(cli_db)]
    )  # detects a batch dir
    assert loaded.exit_code == 0, loaded.output
    with Store(cli_db, read_only=True) as store:
        assert _tables(store) == expected


def _worker_settings():
    import os

    import dask

    return (
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        os.environ.get("MALLOC_ARENA_MAX"),
        dask.config.get("distributed.worker.profile.enabled"),
    )


@pytest.mark.slow
def test_local_cluster_workers_keep_glibcs_trimming_one_arena_and_no_profiler():
    # Dask's nanny would set MALLOC_TRIM_THRESHOLD_=65536 (a quarter more CPU per document), and
    # its workers would sample the task thread every 10 ms for the dashboard's profile
    with batch.open_client(None, 1) as client:
        assert list(client.run(_worker_settings).values()) == [(None, "1", False)]
