"""Exports of a store: full records, its tables, GDELT 2.0 event rows (CAMEO) and PLOVER JSON.

- ``jsonl``: one SPEC.md ``Analysis`` a line, exactly as stored.
- ``parquet`` / ``csv``: one file per table in a directory.
- ``cameo``: GDELT 2.0 event table layout (61 tab-separated columns, no
  header, as GDELT's ``*.export.CSV``); columns claimgraph has no value for are blank.
- ``plover``: one PLOVER event record (the manual's "Data Fields" JSON) a line,
  with the manual's rule applied (future CONSULT/SUPPORT/COOPERATE/AID → AGREE)
  and claimgraph's type, time, factuality and attribution under ``"claimgraph"``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import Errors, InputError
from .store import DOCUMENT_TABLES, Filters, Store

FORMATS = ("jsonl", "parquet", "csv", "cameo", "plover")
PAGE = 5000

# GDELT 2.0 Event table columns, in file order (GDELT Event Codebook V2.0).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
        "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
# CAMEO actor type codes for claimgraph actor kinds and id suffixes.
CAMEO_TYPES = {
    "government": "GOV",
    "military": "MIL",
    "media": "MED",
    "igo": "IGO",
    "GOV": "GOV",
    "MIL": "MIL",
}
# PLOVER manual: cooperative types reported in the future tense are coded AGREE (RETREAT, CONCEDE stay).
PLOVER_FUTURE_AGREE = ("CONSULT", "SUPPORT", "COOPERATE", "AID")


def export(
    store: Store, format: str, out: str | Path | None, filters: Filters | None = None
) -> int:
    """Write ``format`` to ``out`` (a file, a directory for parquet/csv, None = stdout); returns the count written."""
    if format not in FORMATS:
        raise InputError(Errors.CG309.format(value=format, choices=", ".join(FORMATS)))
    if format in ("parquet", "csv"):
        if out is None:
            raise InputError(Errors.CG316.format(format=format))
        return export_tables(store, Path(out), format)
    with _output(out) as stream:
        if format == "jsonl":
            return export_jsonl(store, stream)
        writer = write_cameo if format == "cameo" else write_plover
        return writer(store, stream, filters or Filters())


@contextmanager
def _output(out: str | Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as stream:
        yield stream


def export_jsonl(store: Store, stream: TextIO) -> int:
    count = 0
    for offset in range(0, store.count()["documents"], PAGE):
        _, rows = store.sql(
            f"SELECT analysis FROM documents ORDER BY id LIMIT {PAGE} OFFSET {offset}"
        )
        for (analysis,) in rows:
            stream.write(analysis + "\n")
            count += 1
    return count


def export_tables(store: Store, out: Path, format: str) -> int:
    """One file per table (csv leaves out the bulky ``analysis`` JSON column)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    for table in (*DOCUMENT_TABLES, "failures"):
        arrow = store.table(table)
        if format == "parquet":
            pq.write_table(arrow, out / f"{table}.parquet")
        else:
            arrow = arrow.drop_columns([c for c in ("analysis",) if c in arrow.column_names])
            lists = [
                c for c in arrow.column_names if str(arrow.schema.field(c).type).startswith("list")
            ]
            for column in lists:  # CSV has no lists: keep them as JSON text
                values = [json.dumps(v) for v in arrow.column(column).to_pylist()]
                arrow = arrow.set_column(arrow.column_names.index(column), column, [values])
            pacsv.write_csv(arrow, out / f"{table}.csv")
    return store.count()["documents"]


def _events(store: Store, filters: Filters) -> Iterator[tuple[dict, int]]:
    """Every event row matching ``filters``, with the end of its document's lead paragraph."""
    offset = 0
    while rows := store.events(filters, limit=PAGE, offset=offset):
        ids = sorted({row["document_id"] for row in rows})
        _, texts = store.sql(
            "SELECT id, text FROM documents WHERE id IN (" + ", ".join(f"'{i}'" for i in ids) + ")"
        )  # ids are hex digests
        leads = {doc_id: _lead_end(text) for doc_id, text in texts}
        for row in rows:
            yield row, leads[row["document_id"]]
        offset += PAGE


def _lead_end(text: str) -> int:
    """End of the first body paragraph (after the headline paragraph)."""
    end = -1
    for _ in range(2):
        end = text.find("\n\n", end + 1)
        if end < 0:
            return len(text)
    return end


def _actor_code(actor_id: str | None, country: str | None) -> tuple[str, str, str]:
    """CAMEO (code, country, type) of an actor id: CHN.GOV → (CHNGOV, CHN, GOV); person:… → its country."""
    if not actor_id:
        return "", "", ""
    head, _, sector = actor_id.partition(".")
    if ":" not in actor_id and len(head) == 3 and head.isupper():
        return head + sector, head, CAMEO_TYPES.get(sector, "")
    return country or "", country or "", ""


def write_cameo(store: Store, stream: TextIO, filters: Filters) -> int:
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
    added = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    count = 0
    for row, lead_end in _events(store, filters):
        day = row["date"] or row["published"]
        date = dt.date.fromisoformat(day) if day else None
        actor1 = _actor_code(row["source"], row["source_country"])
        actor2 = _actor_code(row["target"], row["target_country"])
        cameo = row["cameo"] or ""
        values = {
            "GLOBALEVENTID": int(
                hashlib.sha256(f"{row['document_id']}/{row['event_id']}".encode()).hexdigest()[:15],
                16,
            ),
            "SQLDATE": date.strftime("%Y%m%d") if date else "",
            "MonthYear": date.strftime("%Y%m") if date else "",
            "Year": date.year if date else "",
            "FractionDate": f"{date.year + (date.timetuple().tm_yday - 1) / 365:.4f}"
            if date
            else "",
            "Actor1Code": actor1[0],
            "Actor1Name": (row["source_name"] or "").upper(),
            "Actor1CountryCode": actor1[1],
            "Actor1KnownGroupCode": row["source"] if row["source_kind"] == "igo" else "",
            "Actor1Type1Code": actor1[2] or CAMEO_TYPES.get(row["source_kind"] or "", ""),
            "Actor2Code": actor2[0],
            "Actor2Name": (row["target_name"] or "").upper(),
            "Actor2CountryCode": actor2[1],
            "Actor2KnownGroupCode": row["target"] if row["target_kind"] == "igo" else "",
            "Actor2Type1Code": actor2[2] or CAMEO_TYPES.get(row["target_kind"] or "", ""),
            "IsRootEvent": int(row["sentence_start"] < lead_end),
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": _quad_class(cameo),
            "NumMentions": 1,
            "NumSources": 1,
            "NumArticles": 1,
            "ActionGeo_FullName": row["location"] or "",
            "DATEADDED": added,
            "SOURCEURL": row["url"] or "",
        }
        writer.writerow([values.get(column, "") for column in GDELT_COLUMNS])
        count += 1
    return count


def _quad_class(cameo: str) -> int | str:
    """GDELT QuadClass from the CAMEO root: 01–05 verbal cooperation … 15–20 material conflict."""
    if not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _entity(actor_id: str | None, name: str | None, country: str | None, role: str | None) -> dict:
    head, _, sector = (actor_id or "").partition(".")
    code = head if ":" not in head and len(head) == 3 and head.isupper() else country
    entity = {
        "code": code,
        "sector": sector or None,
        "entity_text": name,
        "office": role,
        "claimgraph_id": actor_id,
    }
    return {key: value for key, value in entity.items() if value}


def plover_record(row: dict) -> dict:
    """One PLOVER event record (manual, "Data Fields") from a ``Store.events`` row."""
    event_type = row["type"]
    comment = None
    if row["time"] == "future" and event_type in PLOVER_FUTURE_AGREE:
        comment = f"future {event_type} coded AGREE (PLOVER manual: cooperation reported in the future tense)"
        event_type = "AGREE"
    record = {
        "id": f"{row['document_id']}-{row['event_id']}",
        "date": row["date"] or row["published"],
        "actor": [
            _entity(row["source"], row["source_name"], row["source_country"], row["source_role"])
        ]
        if row["source"]
        else [],
        "recipient": [
            _entity(row["target"], row["target_name"], row["target_country"], row["target_role"])
        ]
        if row["target"]
        else [],
        "event": [event_type],
        "event_text": [row["trigger"]],
        "mode": [row["mode"]] if row["mode"] and event_type == row["type"] else [],
        "context": list(row["context"] or []),
        "text": row["sentence"],
        "text_info": {"start": row["sentence_start"], "end": row["sentence_end"]},
        "cite_info": {
            "url": row["url"],
            "title": row["title"],
            "language": row["language"],
            "publication": row["outlet"],
            "coder": f"claimgraph {__version__}",
            "codebook": "PLOVER",
        },
        "coder": f"claimgraph {__version__}",
        "coded_date": dt.date.today().isoformat(),
        "claimgraph": {
            "type": row["type"],
            "mode": row["mode"],
            "cameo": row["cameo"],
            "time": row["time"],
            "factuality": row["factuality"],
            "hypothetical": row["hypothetical"],
            "attributed": row["attributed"],
            "attribution": row["attribution"] or [],
            "confidence": row["confidence"],
            "document_id": row["document_id"],
            "event_id": row["event_id"],
        },
    }
    if row["location"]:
        record["event_loc"] = {"extracted_place": row["location"]}
    if comment:
        record["comment"] = comment
    return record


def write_plover(store: Store, stream: TextIO, filters: Filters) -> int:
    count = 0
    for row, _ in _events(store, filters):
        stream.write(json.dumps(plover_record(row), ensure_ascii=False, default=str) + "\n")
        count += 1
    return count
