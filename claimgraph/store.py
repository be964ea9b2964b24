"""The DuckDB corpus store: one file holding many analyses as queryable tables.

Each ``Analysis`` is flattened by ``tables.rows()`` into the tables of
``tables.TABLES`` (the same rows ``batch.py`` writes to Parquet) and kept whole as JSON in
``documents.analysis``, so ``Store.document()`` gives back exactly what
``analyze()`` returned. A document is written in one transaction: it is there
entirely or not at all, and a document id is stored once.

Only one process may write a store at a time (DuckDB's rule); readers in other
processes open it with ``read_only=True`` once the writer is done.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

import duckdb
import pyarrow as pa

from .errors import Errors, InputError, StoreError
from .model import FACTUALITY_VALUES, Analysis
from .tables import DOCUMENT_TABLES, TABLES, analysis_hash, iso_date, rows

logger = logging.getLogger(__name__)

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "VARCHAR[]": pa.list_(pa.string()),
    "DATE": pa.date32(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
}
ARROW_SCHEMAS = {
    table: pa.schema([(name, ARROW_TYPES[kind]) for name, kind in columns])
    for table, columns in TABLES.items()
}
FAILURE_COLUMNS = ("source", "stage", "error", "failed_at")

# --factuality shorthands; any single FACTUALITY_VALUES value is accepted too.
FACTUALITY_GROUPS = {
    "certain+": ("certain",),
    "probable+": ("certain", "probable"),
    "possible+": ("certain", "probable", "possible"),
    "not": ("certain_not", "probable_not", "possible_not"),
}
INTERVALS = ("day", "week", "month", "quarter", "year")

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS failures (source VARCHAR, stage VARCHAR, error VARCHAR, failed_at TIMESTAMP DEFAULT current_timestamp);
CREATE VIEW IF NOT EXISTS actor_index AS
    SELECT actor_id AS id, mode(name) AS name, mode(kind) AS kind, mode(country) AS country,
           count(DISTINCT document_id) AS documents, sum(mentions) AS mentions
    FROM actors WHERE actor_id NOT LIKE 'anon:%' GROUP BY actor_id;
"""


def default_path() -> Path:
    """``<user data dir>/claimgraph/corpus.duckdb`` (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("claimgraph")) / "corpus.duckdb"


def arrow_tables(row_sets: Iterable[dict[str, list[dict]]]) -> dict[str, pa.Table]:
    """Many documents' ``rows()`` merged into one Arrow table per table name."""
    merged: dict[str, list[dict]] = {}
    for row_set in row_sets:
        for table, table_rows in row_set.items():
            merged.setdefault(table, []).extend(table_rows)
    return {
        table: pa.Table.from_pylist(table_rows, schema=ARROW_SCHEMAS[table])
        for table, table_rows in merged.items()
    }


@dataclass(frozen=True)
class Filters:
    """What ``claimgraph query``, the HTTP API and the web UI filter on; None = no filter.

    ``source``/``target``/``actor`` (either side) take an actor id, and "CHN" also
    matches "CHN.GOV" and "CHN.MIL". ``since``/``until`` (YYYY-MM-DD) apply to the
    event's date, else the document's publication date. ``factuality`` is a
    FactBank value or "certain+", "probable+", "possible+" (that or stronger),
    "not" (any negative). ``attributed`` True keeps attributed events, False the
    outlet's own voice. ``speaker_kind`` is the kind of the innermost source
    (events) or the speaker (quotes); ``speaker`` an actor id or part of their
    surface form; ``contains`` text in the sentence, quote or document.
    """

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    factuality: str | None = None
    attributed: bool | None = None
    speaker_kind: str | None = None
    speaker: str | None = None
    contains: str | None = None
    document: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    dt.date.fromisoformat(value)
                except ValueError as err:
                    raise InputError(Errors.CG205.format(value=value)) from err
        if (
            self.factuality is not None
            and self.factuality not in FACTUALITY_GROUPS
            and self.factuality not in FACTUALITY_VALUES
        ):
            choices = ", ".join((*FACTUALITY_GROUPS, *FACTUALITY_VALUES))
            raise InputError(Errors.CG303.format(value=self.factuality, choices=choices))

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


def _actor_match(column: str, value: str, params: list) -> str:
    """An actor id, or any sub-actor of it ("CHN" matches "CHN.GOV")."""
    params.extend([value, value + ".%"])
    return f"({column} = ? OR {column} LIKE ?)"


def _event_where(f: Filters, params: list, *, sides: bool = True) -> list[str]:
    """SQL conditions on ``events e JOIN documents d`` for the event filters."""
    where: list[str] = []
    if sides and f.source:
        where.append(_actor_match("e.source", f.source, params))
    if sides and f.target:
        where.append(_actor_match("e.target", f.target, params))
    if sides and f.actor:
        where.append(
            f"({_actor_match('e.source', f.actor, params)} OR {_actor_match('e.target', f.actor, params)})"
        )
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.since:
        where.append("coalesce(e.date, d.published) >= ?")
        params.append(iso_date(f.since))
    if f.until:
        where.append("coalesce(e.date, d.published) <= ?")
        params.append(iso_date(f.until))
    if f.factuality:
        values = FACTUALITY_GROUPS.get(f.factuality, (f.factuality,))
        where.append(f"e.factuality IN ({', '.join('?' * len(values))})")
        params.extend(values)
    if f.attributed is not None:
        where.append("e.attributed = ?")
        params.append(f.attributed)
    if f.speaker_kind:
        where.append("e.speaker_kind = ?")
        params.append(f.speaker_kind)
    if f.speaker:
        where.append("(e.speaker_actor = ? OR e.according_to ILIKE ?)")
        params.extend([f.speaker, f"%{f.speaker}%"])
    if f.contains:
        where.append("e.sentence ILIKE ?")
        params.append(f"%{f.contains}%")
    if f.document:
        where.append("e.document_id = ?")
        params.append(f.document)
    return where


def _clause(where: list[str]) -> str:
    return f"WHERE {' AND '.join(where)}" if where else ""


class Store:
    """A DuckDB file of analyses. ``path=None`` opens the user's default corpus."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else default_path()
        if read_only and not self.path.exists():
            raise StoreError(Errors.CG301.format(path=self.path, detail="no such file"))
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except (OSError, duckdb.Error) as err:
            raise StoreError(Errors.CG301.format(path=self.path, detail=err)) from err
        self.read_only = read_only
        self._lock = threading.Lock()  # one writer at a time within this process
        if not read_only:
            self._create()

    # -- schema ---------------------------------------------------------------

    def _create(self) -> None:
        for table, columns in TABLES.items():
            cols = ", ".join(f"{name} {kind}" for name, kind in columns)
            key = {"documents": ", PRIMARY KEY (id)", "inputs": ", PRIMARY KEY (key)"}.get(
                table, ""
            )
            self._con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols}{key})")
        self._con.execute(SCHEMA_SQL)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    def _query(self, sql: str, params: Sequence = ()) -> list[dict]:
        """Rows as dicts; a cursor per call, so threads (the HTTP server) can share one Store."""
        try:
            cur = self._con.cursor()
            try:
                result = cur.execute(sql, list(params))
                names = [d[0] for d in result.description]
                return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
            finally:
                cur.close()
        except duckdb.Error as err:
            raise StoreError(Errors.CG302.format(detail=err)) from err

    # -- writing --------------------------------------------------------------

    def add(self, analysis: Analysis, *, source: str | None = None, key: str | None = None) -> str:
        """Store one analysis: "added", "replaced" (same id, changed content) or "unchanged"."""
        return self.add_many([analysis], sources=[source], keys=[key])[0]

    def add_many(
        self,
        analyses: Sequence[Analysis],
        *,
        sources: Sequence[str | None] | None = None,
        keys: Sequence[str | None] | None = None,
    ) -> list[str]:
        """Store many analyses in one transaction (each document whole or not at all).

        ``keys`` are ``batch.input_key()`` values recorded so a rerun skips those
        inputs before analysing them; a stored source's old failures are cleared.
        """
        sources = list(sources) if sources is not None else [None] * len(analyses)
        keys = list(keys) if keys is not None else [None] * len(analyses)
        last = {a.document.id: (a, s) for a, s in zip(analyses, sources, strict=True)}

        def tables(ids: set[str]) -> dict[str, pa.Table]:
            return arrow_tables(rows(*last[doc_id]) for doc_id in sorted(ids))

        items = [
            (a.document.id, analysis_hash(a), s, k)
            for a, s, k in zip(analyses, sources, keys, strict=True)
        ]
        return self._write(items, tables)

    def _write(self, items: list[tuple[str, str, str | None, str | None]], tables) -> list[str]:
        """Write documents atomically. ``items`` are (document id, analysis hash, source, input key)
        in input order; ``tables(ids)`` gives the rows of exactly those documents, one copy each."""
        with self._lock:
            con = self._con
            try:
                con.begin()
                ids = sorted({doc_id for doc_id, *_ in items})
                stored = dict(
                    con.execute(
                        "SELECT id, analysis_hash FROM documents WHERE id IN (SELECT unnest(?))",
                        [ids],
                    ).fetchall()
                )
                current = dict(stored)
                statuses = []
                for doc_id, digest, _, _ in items:
                    if doc_id not in current:
                        statuses.append("added")
                    else:
                        statuses.append("unchanged" if current[doc_id] == digest else "replaced")
                    current[doc_id] = digest
                write_ids = {
                    doc_id for doc_id, digest in current.items() if stored.get(doc_id) != digest
                }
                if write_ids:
                    doomed = sorted(write_ids & set(stored))
                    if doomed:
                        for table in DOCUMENT_TABLES:
                            column = "id" if table == "documents" else "document_id"
                            con.execute(
                                f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))",
                                [doomed],
                            )
                    for table, arrow in tables(write_ids).items():
                        if arrow.num_rows == 0:
                            continue
                        con.register("_claimgraph_new", arrow)
                        cols = ", ".join(arrow.column_names)
                        con.execute(
                            f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _claimgraph_new"
                        )
                        con.unregister("_claimgraph_new")
                self._record_inputs(con, items)
                con.commit()
            except duckdb.Error as err:
                con.rollback()
                raise StoreError(Errors.CG304.format(detail=err)) from err
            except BaseException:
                con.rollback()
                raise
        return statuses

    @staticmethod
    def _record_inputs(con, items: list[tuple]) -> None:
        keyed = {k: (doc_id, s) for doc_id, _, s, k in items if k}
        if keyed:
            con.execute("DELETE FROM inputs WHERE key IN (SELECT unnest(?))", [sorted(keyed)])
            con.executemany(
                "INSERT INTO inputs VALUES (?, ?, ?)", [(k, d, s) for k, (d, s) in keyed.items()]
            )
        done = sorted({s for _, _, s, _ in items if s})
        if done:
            con.execute("DELETE FROM failures WHERE source IN (SELECT unnest(?))", [done])

    def add_failure(self, source: str, stage: str, error: str) -> None:
        """Record an input that could not be read or analysed (replacing its earlier failure)."""
        with self._lock:
            try:
                self._con.begin()
                self._con.execute(
                    "DELETE FROM failures WHERE source = ? AND stage = ?", [source, stage]
                )
                self._con.execute(
                    "INSERT INTO failures (source, stage, error) VALUES (?, ?, ?)",
                    [source, stage, error],
                )
                self._con.commit()
            except duckdb.Error as err:
                self._con.rollback()
                raise StoreError(Errors.CG304.format(detail=err)) from err

    def load_parquet(self, directory: str | Path) -> dict[str, int]:
        """Load a ``claimgraph batch`` output directory, one part (one transaction) at a time.

        Returns counts by status: added, replaced, unchanged, failed.
        """
        import pyarrow.parquet as pq

        directory = Path(directory)
        counts = dict.fromkeys(("added", "replaced", "unchanged", "failed"), 0)
        for part in sorted((directory / "documents").glob("*.parquet")):

            def read(table: str, name: str = part.name) -> pa.Table:
                path = directory / table / name
                return (
                    pq.read_table(path, schema=ARROW_SCHEMAS[table])
                    if path.exists()
                    else ARROW_SCHEMAS[table].empty_table()
                )

            docs = read("documents")
            digests = dict(
                zip(
                    docs.column("id").to_pylist(),
                    docs.column("analysis_hash").to_pylist(),
                    strict=True,
                )
            )
            inputs = read("inputs").to_pylist()
            keyed = {row["document_id"] for row in inputs}
            items = [
                (r["document_id"], digests[r["document_id"]], r["source"], r["key"]) for r in inputs
            ]
            items += [
                (d["id"], d["analysis_hash"], d["source"], None)
                for d in docs.select(["id", "analysis_hash", "source"]).to_pylist()
                if d["id"] not in keyed
            ]
            statuses = self._write(
                items, lambda ids, read=read, docs=docs: _part_tables(read, docs, ids)
            )
            for status in statuses:
                counts[status] += 1
        for path in sorted((directory / "failures").glob("*.parquet")):
            for row in pq.read_table(path).to_pylist():
                self.add_failure(row["source"], row["stage"], row["error"])
                counts["failed"] += 1
        return counts

    # -- reading --------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM documents WHERE id = ?", [doc_id]))

    def known_inputs(self, keys: Iterable[str]) -> set[str]:
        """Which of these ``batch.input_key()`` values were analysed and stored already."""
        keys = sorted(set(keys))
        if not keys:
            return set()
        return {
            r["key"]
            for r in self._query("SELECT key FROM inputs WHERE key IN (SELECT unnest(?))", [keys])
        }

    def document(self, doc_id: str) -> Analysis | None:
        found = self._query("SELECT analysis FROM documents WHERE id = ?", [doc_id])
        return Analysis.model_validate_json(found[0]["analysis"]) if found else None

    def documents(
        self, filters: Filters = Filters(), limit: int = 50, offset: int = 0
    ) -> list[dict]:
        params: list = []
        where: list[str] = []
        event_filters = Filters(
            **{
                f.name: getattr(filters, f.name)
                for f in fields(filters)
                if f.name not in ("contains", "document")
            }
        )
        if not event_filters.is_empty():
            inner = _event_where(event_filters, params)
            where.append(
                f"d.id IN (SELECT e.document_id FROM events e JOIN documents d ON d.id = e.document_id {_clause(inner)})"
            )
        if filters.contains:
            where.append("(d.title ILIKE ? OR d.text ILIKE ?)")
            params.extend([f"%{filters.contains}%"] * 2)
        if filters.document:
            where.append("d.id = ?")
            params.append(filters.document)
        sql = f"""
            SELECT d.id, d.url, d.outlet, d.title, d.authors, CAST(d.published AS VARCHAR) AS published, d.words, d.source,
                   (SELECT count(*) FROM actors a WHERE a.document_id = d.id) AS actors,
                   (SELECT count(*) FROM quotes q WHERE q.document_id = d.id) AS quotes,
                   (SELECT count(*) FROM events e WHERE e.document_id = d.id) AS events
            FROM documents d {_clause(where)}
            ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?"""
        return self._query(sql, [*params, limit, offset])

    def events(self, filters: Filters = Filters(), limit: int = 50, offset: int = 0) -> list[dict]:
        params: list = []
        where = _event_where(filters, params)
        sql = f"""
            SELECT e.document_id, e.event_id, d.title, CAST(d.published AS VARCHAR) AS published, d.url,
                   CAST(e.date AS VARCHAR) AS date, e.type, e.mode, e.cameo,
                   e.source, sa.name AS source_name, sa.kind AS source_kind,
                   e.target, ta.name AS target_name, ta.kind AS target_kind,
                   e.trigger, e.sentence, e.time, e.factuality, e.hypothetical, e.attributed,
                   e.according_to, e.speaker_actor, e.speaker_kind, e.location, e.confidence,
                   e.context, e.sentence_start, e.sentence_end, d.outlet, d.language,
                   sa.country AS source_country, sa.role AS source_role,
                   ta.country AS target_country, ta.role AS target_role,
                   (SELECT list(struct_pack(actor := s.actor, text := s.text, cue := s.cue) ORDER BY s.position)
                    FROM event_sources s WHERE s.document_id = e.document_id AND s.event_id = e.event_id
                   ) AS attribution
            FROM events e
            JOIN documents d ON d.id = e.document_id
            LEFT JOIN actors sa ON sa.document_id = e.document_id AND sa.actor_id = e.source
            LEFT JOIN actors ta ON ta.document_id = e.document_id AND ta.actor_id = e.target
            {_clause(where)}
            ORDER BY coalesce(e.date, d.published) DESC NULLS LAST, e.document_id, e.sentence_start, e.event_id
            LIMIT ? OFFSET ?"""
        return self._query(sql, [*params, limit, offset])

    def quotes(self, filters: Filters = Filters(), limit: int = 50, offset: int = 0) -> list[dict]:
        params: list = []
        where: list[str] = []
        if filters.speaker:
            where.append("(q.speaker_actor = ? OR q.speaker_text ILIKE ?)")
            params.extend([filters.speaker, f"%{filters.speaker}%"])
        if filters.actor:
            where.append(_actor_match("q.speaker_actor", filters.actor, params))
        if filters.speaker_kind:
            where.append("q.speaker_kind = ?")
            params.append(filters.speaker_kind)
        if filters.contains:
            where.append("q.text ILIKE ?")
            params.append(f"%{filters.contains}%")
        if filters.document:
            where.append("q.document_id = ?")
            params.append(filters.document)
        if filters.since:
            where.append("d.published >= ?")
            params.append(iso_date(filters.since))
        if filters.until:
            where.append("d.published <= ?")
            params.append(iso_date(filters.until))
        sql = f"""
            SELECT q.document_id, q.quote_id, d.title, CAST(d.published AS VARCHAR) AS published, q.kind,
                   q.speaker_text, q.speaker_actor, a.name AS speaker_name, q.speaker_kind, q.cue, q.text, q.confidence
            FROM quotes q
            JOIN documents d ON d.id = q.document_id
            LEFT JOIN actors a ON a.document_id = q.document_id AND a.actor_id = q.speaker_actor
            {_clause(where)}
            ORDER BY d.published DESC NULLS LAST, q.document_id, q.start_char LIMIT ? OFFSET ?"""
        return self._query(sql, [*params, limit, offset])

    def actors(self, filters: Filters = Filters(), limit: int = 50, offset: int = 0) -> list[dict]:
        """Actors across documents (per-article ``anon:N`` left out), with their event and quote counts.

        The event filters (type, dates, factuality …) restrict which events are counted;
        ``actor`` (or ``source``/``target``) restricts the list; ``contains`` matches names.
        """
        params: list = []
        ev_where = _event_where(filters, params, sides=False)
        where: list[str] = []
        wanted = filters.actor or filters.source or filters.target
        if wanted:
            where.append(_actor_match("a.id", wanted, params))
        if filters.contains:
            where.append("a.name ILIKE ?")
            params.append(f"%{filters.contains}%")
        if filters.document:
            where.append("a.id IN (SELECT actor_id FROM actors WHERE document_id = ?)")
            params.append(filters.document)
        sql = f"""
            WITH ev AS (SELECT e.source, e.target FROM events e JOIN documents d ON d.id = e.document_id {_clause(ev_where)}),
                 src AS (SELECT source AS id, count(*) AS n FROM ev GROUP BY source),
                 tgt AS (SELECT target AS id, count(*) AS n FROM ev GROUP BY target),
                 spk AS (SELECT speaker_actor AS id, count(*) AS n FROM quotes GROUP BY speaker_actor)
            SELECT a.id, a.name, a.kind, a.country, a.documents, CAST(a.mentions AS BIGINT) AS mentions,
                   coalesce(src.n, 0) AS events_as_source, coalesce(tgt.n, 0) AS events_as_target,
                   coalesce(spk.n, 0) AS quotes
            FROM actor_index a
            LEFT JOIN src ON src.id = a.id LEFT JOIN tgt ON tgt.id = a.id LEFT JOIN spk ON spk.id = a.id
            {_clause(where)}
            ORDER BY events_as_source + events_as_target DESC, mentions DESC, a.id LIMIT ? OFFSET ?"""
        return self._query(sql, [*params, limit, offset])

    def failures(self, limit: int = 100, offset: int = 0) -> list[dict]:
        return self._query(
            "SELECT source, stage, error, CAST(failed_at AS VARCHAR) AS failed_at FROM failures ORDER BY failed_at, source LIMIT ? OFFSET ?",
            [limit, offset],
        )

    def graph(self, filters: Filters = Filters()) -> dict:
        """Actor network: an edge per (source, target, type) with counts by voice and factuality."""
        params: list = []
        where = [*_event_where(filters, params), "e.source IS NOT NULL", "e.target IS NOT NULL"]
        edges = self._query(
            f"""
            SELECT e.source, e.target, e.type, count(*) AS count,
                   count(*) FILTER (WHERE NOT e.attributed) AS asserted,
                   count(*) FILTER (WHERE e.attributed) AS attributed,
                   histogram(e.factuality) AS by_factuality
            FROM events e JOIN documents d ON d.id = e.document_id {_clause(where)}
            GROUP BY e.source, e.target, e.type ORDER BY count DESC, e.source, e.target, e.type""",
            params,
        )
        for edge in edges:
            edge["by_factuality"] = dict(edge["by_factuality"])
        involvement: dict[str, int] = {}
        for edge in edges:
            for end in (edge["source"], edge["target"]):
                involvement[end] = involvement.get(end, 0) + edge["count"]
        names = {}
        if involvement:
            for row in self._query(
                """SELECT actor_id AS id, mode(name) AS name, mode(kind) AS kind, mode(country) AS country
                   FROM actors WHERE actor_id IN (SELECT unnest(?)) GROUP BY actor_id""",
                [sorted(involvement)],
            ):
                names[row["id"]] = row
        nodes = [
            {
                "id": actor_id,
                "name": names.get(actor_id, {}).get("name") or actor_id,
                "kind": names.get(actor_id, {}).get("kind"),
                "country": names.get(actor_id, {}).get("country"),
                "events": count,
            }
            for actor_id, count in sorted(involvement.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return {"nodes": nodes, "edges": edges}

    def timeline(self, filters: Filters = Filters(), interval: str = "day") -> list[dict]:
        """Events per period and type: confirmed = the outlet's own voice and certain; claimed = the rest."""
        if interval not in INTERVALS:
            raise InputError(Errors.CG305.format(value=interval, choices=", ".join(INTERVALS)))
        params: list = []
        where = [*_event_where(filters, params), "coalesce(e.date, d.published) IS NOT NULL"]
        return self._query(
            f"""
            SELECT CAST(CAST(date_trunc('{interval}', coalesce(e.date, d.published)) AS DATE) AS VARCHAR) AS period, e.type,
                   count(*) FILTER (WHERE NOT e.attributed AND e.factuality = 'certain') AS confirmed,
                   count(*) FILTER (WHERE e.attributed OR e.factuality <> 'certain') AS claimed
            FROM events e JOIN documents d ON d.id = e.document_id {_clause(where)}
            GROUP BY period, e.type ORDER BY period, e.type""",
            params,
        )

    def sql(self, query: str) -> tuple[list[str], list[tuple]]:
        """Run any DuckDB SQL (the CLI's ``claimgraph sql``; never exposed over HTTP)."""
        try:
            cur = self._con.cursor()
            try:
                result = cur.execute(query)
                if result.description is None:
                    return [], []
                return [d[0] for d in result.description], result.fetchall()
            finally:
                cur.close()
        except duckdb.Error as err:
            raise StoreError(Errors.CG302.format(detail=err)) from err

    def count(self) -> dict:
        counts = self._query(
            """SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events,
                      (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM actor_index) AS actors,
                      (SELECT count(*) FROM failures) AS failures"""
        )[0]
        return {name: int(value) for name, value in counts.items()}

    def table(self, name: str) -> pa.Table:
        """A whole table as Arrow (exports, tests), rows in a stable order."""
        if name not in TABLES and name != "failures":
            raise StoreError(Errors.CG302.format(detail=f"no table {name!r}"))
        order = (
            ", ".join(
                c for c, _ in TABLES.get(name, ()) if c not in ("analysis", "context", "authors")
            )
            or "failed_at, source"
        )
        cur = self._con.cursor()
        try:
            return cur.sql(f"SELECT * FROM {name} ORDER BY {order}").to_arrow_table()
        finally:
            cur.close()


def _part_tables(read, docs: pa.Table, ids: set[str]) -> dict[str, pa.Table]:
    """The rows of one batch part for these document ids; a document the part holds twice is
    rebuilt from its last copy's analysis JSON."""
    import pyarrow.compute as pc

    seen: dict[str, dict] = {}
    dupes = set()
    for row in docs.select(["id", "source", "analysis"]).to_pylist():
        if row["id"] in seen:
            dupes.add(row["id"])
        seen[row["id"]] = row
    plain = pa.array(sorted(ids - dupes), pa.string())
    out = {}
    for table in DOCUMENT_TABLES:
        arrow = docs if table == "documents" else read(table)
        out[table] = arrow.filter(
            pc.is_in(arrow.column("id" if table == "documents" else "document_id"), value_set=plain)
        )
    rebuilt = [
        rows(Analysis.model_validate_json(seen[i]["analysis"]), seen[i]["source"])
        for i in sorted(dupes & ids)
    ]
    if rebuilt:
        extra = arrow_tables(rebuilt)
        out = {
            table: pa.concat_tables([arrow, extra.get(table, arrow.schema.empty_table())])
            for table, arrow in out.items()
        }
    return out


def dumps_row(row: dict) -> str:
    """A query row as one JSON line (dates and lists as JSON understands them)."""
    return json.dumps(row, default=str, ensure_ascii=False)
