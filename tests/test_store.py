"""The DuckDB store: atomic upsert by document id, round trips, filters, graph, timeline, failures."""

from __future__ import annotations

import pytest
from corpus_articles import hand_analysis

from claimgraph.errors import InputError, StoreError
from claimgraph.store import DOCUMENT_TABLES, Filters, Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.duckdb") as opened:
        yield opened


def _rows_per_document(store: Store, doc_id: str) -> dict[str, int]:
    return {
        table: store.sql(f"SELECT count(*) FROM {table} WHERE {'id' if table == 'documents' else 'document_id'} = '{doc_id}'")[1][0][0]
        for table in DOCUMENT_TABLES
    }  # fmt: skip


def test_add_then_document_round_trips_exactly(store):
    analysis = hand_analysis(0)
    assert store.add(analysis) == "added"
    assert store.has(analysis.document.id)
    assert store.document(analysis.document.id) == analysis
    assert store.document("0000000000000000") is None


def test_same_document_twice_is_stored_once(store):
    analysis = hand_analysis(1)
    store.add(analysis)
    before = store.count()
    assert store.add(analysis) == "unchanged"
    assert store.count() == before
    assert before["documents"] == 1


def test_changed_document_replaces_all_its_rows(store):
    first = hand_analysis(2, attributed=True)
    store.add(first)
    changed = first.model_copy(deep=True)
    changed.events = []
    changed.quotes = []
    assert store.add(changed) == "replaced"
    rows = _rows_per_document(store, first.document.id)
    assert rows["documents"] == 1
    assert rows["events"] == rows["quotes"] == rows["event_sources"] == 0
    assert rows["actors"] == len(first.actors)
    assert store.document(first.document.id) == changed


def test_add_many_with_a_repeated_document_keeps_the_last_copy(store):
    one, two = hand_analysis(3), hand_analysis(4)
    changed = one.model_copy(deep=True)
    changed.document.title = "A corrected headline"
    assert store.add_many([one, two, changed]) == ["added", "added", "replaced"]
    assert store.count()["documents"] == 2
    assert store.document(one.document.id).document.title == "A corrected headline"
    assert _rows_per_document(store, one.document.id)["events"] == len(one.events)


def test_rows_follow_the_analysis(store):
    analysis = hand_analysis(5)
    store.add(analysis, source="kenya.txt", key="k-kenya")
    event = store.events()[0]
    assert event["document_id"] == analysis.document.id
    assert event["source"] == analysis.events[0].source
    assert event["source_name"] == analysis.actors[0].name
    assert event["sentence"] == analysis.document.text[slice(*analysis.events[0].sentence)]
    assert event["attributed"] is True
    assert event["speaker_kind"] == "anonymous"
    assert event["attribution"] == [s.model_dump() for s in analysis.events[0].attribution]
    assert store.known_inputs(["k-kenya", "k-other"]) == {"k-kenya"}
    assert store.documents()[0]["source"] == "kenya.txt"


def test_event_filters(store):
    store.add_many(
        [
            hand_analysis(0, attributed=True),
            hand_analysis(4, attributed=False, published="2023-01-02"),
        ]
    )
    assert len(store.events()) == 2
    assert [e["source"] for e in store.events(Filters(source="GER"))] == [
        "GER.GOV"
    ]  # hierarchical id match
    assert len(store.events(Filters(actor="IRA"))) == 1
    assert len(store.events(Filters(type="aid"))) == 2
    assert len(store.events(Filters(type="ASSAULT"))) == 0
    assert [e["factuality"] for e in store.events(Filters(factuality="certain"))] == ["certain"]
    assert len(store.events(Filters(factuality="probable+"))) == 2
    assert len(store.events(Filters(factuality="not"))) == 0
    assert [e["attributed"] for e in store.events(Filters(attributed=False))] == [False]
    assert len(store.events(Filters(speaker_kind="anonymous"))) == 1
    assert len(store.events(Filters(since="2023-01-01"))) == 1
    assert len(store.events(Filters(until="2022-12-31"))) == 1
    assert len(store.events(Filters(contains="tanks"))) == 1
    assert len(store.documents(Filters(source="CAN"))) == 1
    assert len(store.events(limit=1, offset=1)) == 1


def test_bad_filter_values_are_refused():
    with pytest.raises(InputError, match="CG303"):
        Filters(factuality="likely")
    with pytest.raises(InputError, match="CG205"):
        Filters(since="14/03/2022")


def test_quotes_and_actors(store):
    store.add_many([hand_analysis(0), hand_analysis(14)])
    quotes = store.quotes(Filters(speaker="officials"))
    assert len(quotes) == 2
    assert all(q["speaker_kind"] == "anonymous" for q in quotes)
    actors = {a["id"]: a for a in store.actors()}
    assert "anon:1" not in actors  # per-article ids are not corpus actors
    assert actors["GER.GOV"]["events_as_source"] == 1
    assert actors["RUS"]["events_as_target"] == 1
    assert [a["id"] for a in store.actors(Filters(actor="SWE"))] == ["SWE.GOV"]


def test_graph_and_timeline(store):
    store.add_many([hand_analysis(0, attributed=True), hand_analysis(1, attributed=False)])
    graph = store.graph()
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("GER.GOV", "POL")]["attributed"] == 1
    assert edges[("FRA.GOV", "NAT")]["asserted"] == 1
    assert edges[("GER.GOV", "POL")]["by_factuality"] == {"probable": 1}
    assert {n["id"] for n in graph["nodes"]} == {"GER.GOV", "POL", "FRA.GOV", "NAT"}
    timeline = store.timeline(interval="month")
    assert timeline == [{"period": "2022-03-01", "type": "AID", "confirmed": 1, "claimed": 1}]
    with pytest.raises(InputError, match="CG305"):
        store.timeline(interval="fortnight")


def test_failures_are_recorded_once_and_cleared_by_success(store):
    store.add_failure("bad.txt", "read", "[CG104] binary")
    store.add_failure("bad.txt", "read", "[CG104] binary")
    assert [f["source"] for f in store.failures()] == ["bad.txt"]
    store.add(hand_analysis(6), source="bad.txt")
    assert store.failures() == []


def test_sql_and_read_only(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as store:
        store.add(hand_analysis(7))
    with Store(path, read_only=True) as reader:
        columns, rows = reader.sql("SELECT count(*) AS n FROM events")
        assert columns == ["n"] and rows == [(1,)]
        with pytest.raises(StoreError, match="CG302"):
            reader.sql("SELECT * FROM no_such_table")
    with pytest.raises(StoreError, match="CG301"):
        Store(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.model
def test_analyze_output_round_trips(tmp_path, reference_analysis):
    with Store(tmp_path / "corpus.duckdb") as store:
        assert store.add(reference_analysis) == "added"
        assert store.document(reference_analysis.document.id) == reference_analysis
        counts = store.count()
        assert counts["events"] == len(reference_analysis.events)
        assert counts["quotes"] == len(reference_analysis.quotes)
