"""The corpus commands as users run them: ingest, query, sql, failures, export; kill -9 and resume."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_articles import write_articles, write_bad_inputs
from typer.testing import CliRunner

import claimgraph.cli.corpus  # noqa: F401  (registers the commands)
from claimgraph.cli import app
from claimgraph.export import GDELT_COLUMNS
from claimgraph.model import Analysis
from claimgraph.store import Store

runner = CliRunner()
CLAIMGRAPH = Path(sys.executable).parent / "claimgraph"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Five articles and two bad files ingested once for the query tests."""
    root = tmp_path_factory.mktemp("corpus")
    write_articles(root / "in", 5)
    (root / "in" / "empty.txt").write_bytes(b"")
    (root / "in" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    db = root / "corpus.duckdb"
    result = runner.invoke(app, ["ingest", str(root / "in"), "--db", str(db), "--workers", "0"])
    assert result.exit_code == 0, result.output
    return root, db, result


@pytest.mark.model
def test_ingest_prints_a_summary_and_a_rerun_stores_nothing(corpus):
    root, db, first = corpus
    assert "ingested 5" in first.output and "failed 2" in first.output
    again = runner.invoke(app, ["ingest", str(root / "in"), "--db", str(db), "--workers", "0"])
    assert again.exit_code == 0, again.output
    assert "ingested 0" in again.output and "skipped 5" in again.output


@pytest.mark.model
def test_query_events_json_csv_and_table(corpus):
    _, db, _ = corpus
    with Store(db, read_only=True) as store:
        stored = store.count()["events"]
    as_json = runner.invoke(app, ["query", "events", "--db", str(db), "--json", "--limit", "1000"])
    assert as_json.exit_code == 0, as_json.output
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert len(rows) == stored
    assert all({"document_id", "type", "source", "sentence"} <= set(row) for row in rows)
    as_csv = runner.invoke(app, ["query", "events", "--db", str(db), "--csv", "--asserted"])
    parsed = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert all(row["attributed"] == "False" for row in parsed)
    table = runner.invoke(app, ["query", "actors", "--db", str(db)])
    assert table.exit_code == 0 and "Actors" in table.stdout


@pytest.mark.model
def test_sql_and_failures(corpus):
    root, db, _ = corpus
    result = runner.invoke(
        app, ["sql", "SELECT count(*) AS n FROM documents", "--db", str(db), "--json"]
    )
    assert json.loads(result.stdout) == {"n": 5}
    failures = runner.invoke(app, ["failures", "--db", str(db), "--json"])
    sources = {json.loads(line)["source"] for line in failures.stdout.splitlines()}
    assert sources == {str(root / "in" / "empty.txt"), str(root / "in" / "photo.txt")}
    bad = runner.invoke(app, ["sql", "SELECT * FROM nowhere", "--db", str(db)])
    assert bad.exit_code != 0


@pytest.mark.model
def test_exports(corpus, tmp_path):
    _, db, _ = corpus
    with Store(db, read_only=True) as store:
        counts = store.count()
    assert (
        runner.invoke(
            app,
            ["export", "--format", "jsonl", "--db", str(db), "--out", str(tmp_path / "a.jsonl")],
        ).exit_code
        == 0
    )
    records = [
        Analysis.model_validate_json(line)
        for line in (tmp_path / "a.jsonl").read_text().splitlines()
    ]
    assert len(records) == counts["documents"]
    runner.invoke(
        app, ["export", "--format", "cameo", "--db", str(db), "--out", str(tmp_path / "g.tsv")]
    )
    lines = (tmp_path / "g.tsv").read_text().splitlines()
    assert len(lines) == counts["events"]
    assert all(len(line.split("\t")) == len(GDELT_COLUMNS) == 61 for line in lines)
    runner.invoke(
        app, ["export", "--format", "parquet", "--db", str(db), "--out", str(tmp_path / "pq")]
    )
    assert {p.stem for p in (tmp_path / "pq").glob("*.parquet")} >= {
        "documents",
        "events",
        "event_sources",
        "failures",
    }
    missing_out = runner.invoke(app, ["export", "--format", "csv", "--db", str(db)])
    assert missing_out.exit_code != 0


@pytest.mark.model
@pytest.mark.slow
def test_kill_9_half_way_then_rerun_stores_every_article_once(tmp_path):
    write_articles(tmp_path / "in", 8)
    write_bad_inputs(tmp_path / "in" / "bad")
    config = tmp_path / "one-per-commit.toml"
    config.write_text("[batch]\nchunk_size = 1\n")
    db = tmp_path / "corpus.duckdb"
    command = [
        str(CLAIMGRAPH),
        "ingest",
        str(tmp_path / "in"),
        "--db",
        str(db),
        "--workers",
        "0",
        "--config",
        str(config),
        "-v",
    ]
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    commits = 0
    for line in process.stderr:
        commits += "committed" in line
        if commits == 3:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    with Store(db) as store:
        stored = store.count()["documents"]
    assert 3 <= stored < 8  # killed half way

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db, read_only=True) as store:
        assert store.count()["documents"] == 8
        ids = [d["id"] for d in store.documents(limit=100)]
        assert len(ids) == len(set(ids))
        for doc in store.documents(limit=100):  # each document whole: its rows match its record
            analysis = store.document(doc["id"])
            assert (doc["events"], doc["quotes"], doc["actors"]) == (
                len(analysis.events),
                len(analysis.quotes),
                len(analysis.actors),
            )
        assert len(store.failures()) == 4
