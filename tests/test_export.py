"""Exports: full records, tables, GDELT 2.0 event rows (CAMEO) and PLOVER JSON with its AGREE rule."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from corpus_articles import hand_analysis

from claimgraph.errors import InputError
from claimgraph.export import GDELT_COLUMNS, export
from claimgraph.model import Analysis
from claimgraph.store import DOCUMENT_TABLES, Filters, Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.duckdb") as opened:
        opened.add_many(
            [hand_analysis(0, future=True), hand_analysis(4, future=False, attributed=False)]
        )
        opened.add_failure("bad.txt", "read", "[CG103] empty")
        yield opened


def _export(store, format, filters=None) -> str:
    out = store.path.parent / f"export.{format}"
    export(store, format, out, filters)
    return out.read_text(encoding="utf-8")


def test_jsonl_gives_back_every_record(store):
    records = [Analysis.model_validate_json(line) for line in _export(store, "jsonl").splitlines()]
    assert sorted(records, key=lambda a: a.document.id) == sorted(
        [store.document(d["id"]) for d in store.documents()], key=lambda a: a.document.id
    )


def test_cameo_rows_follow_the_gdelt_layout(store):
    rows = list(csv.reader(io.StringIO(_export(store, "cameo")), delimiter="\t"))
    assert len(rows) == 2 and all(len(row) == len(GDELT_COLUMNS) == 61 for row in rows)
    by_actor = {
        row[GDELT_COLUMNS.index("Actor1Code")]: dict(zip(GDELT_COLUMNS, row, strict=True))
        for row in rows
    }
    germany = by_actor["GERGOV"]  # CHN.GOV-style ids become CAMEO country + type codes
    assert (germany["Actor1CountryCode"], germany["Actor1Type1Code"]) == ("GER", "GOV")
    assert germany["Actor2Code"] == "POL"
    assert (germany["EventCode"], germany["EventBaseCode"], germany["EventRootCode"]) == (
        "071",
        "071",
        "07",
    )
    assert germany["QuadClass"] == "2"  # material cooperation
    assert (
        germany["SQLDATE"] == "20220314"
        and germany["MonthYear"] == "202203"
        and germany["Year"] == "2022"
    )
    assert (
        germany["GoldsteinScale"] == "" and germany["AvgTone"] == ""
    )  # what claimgraph has no value for is blank
    only_asserted = list(
        csv.reader(io.StringIO(_export(store, "cameo", Filters(attributed=False))), delimiter="\t")
    )
    assert [row[GDELT_COLUMNS.index("Actor1Code")] for row in only_asserted] == ["CANGOV"]


def test_plover_applies_the_future_aid_rule(store):
    records = {
        r["actor"][0]["claimgraph_id"]: r
        for r in map(json.loads, _export(store, "plover").splitlines())
    }
    promised, delivered = records["GER.GOV"], records["CAN.GOV"]
    assert promised["event"] == ["AGREE"] and promised["claimgraph"]["type"] == "AID"
    assert "AGREE" in promised["comment"]
    assert delivered["event"] == ["AID"] and "comment" not in delivered
    for record in (promised, delivered):
        assert {"id", "date", "actor", "event"} <= set(record)  # PLOVER's required fields
        assert record["date"] == "2022-03-14"
    assert promised["actor"][0]["code"] == "GER" and promised["actor"][0]["sector"] == "GOV"
    assert promised["recipient"][0]["code"] == "POL"
    assert promised["claimgraph"]["attribution"] == [
        {"actor": "anon:1", "text": "officials", "cue": "say"}
    ]
    assert promised["claimgraph"]["factuality"] == "probable"


def test_tables_as_parquet_and_csv(store, tmp_path):
    export(store, "parquet", tmp_path / "pq")
    for table in (*DOCUMENT_TABLES, "failures"):
        assert (
            pq.read_table(tmp_path / "pq" / f"{table}.parquet").num_rows
            == store.table(table).num_rows
        )
    export(store, "csv", tmp_path / "csv")
    events = list(csv.DictReader(open(tmp_path / "csv" / "events.csv", encoding="utf-8")))
    assert len(events) == 2 and json.loads(events[0]["context"]) == []
    assert "analysis" not in next(
        csv.reader(open(tmp_path / "csv" / "documents.csv", encoding="utf-8"))
    )


def test_unknown_format_and_missing_directory(store):
    with pytest.raises(InputError, match="CG309"):
        export(store, "xml", None)
    with pytest.raises(InputError, match="CG316"):
        export(store, "parquet", None)
