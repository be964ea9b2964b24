"""The corpus tables: their columns, and the rows of one analysis.

``rows()`` flattens an ``Analysis`` into these tables for both sinks: the
DuckDB store (``store.py``) and the Parquet parts of a Dask batch
(``batch.py``). Plain Python, so the worker processes that build rows load
neither DuckDB nor Arrow.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .model import Analysis

# Version of the table layout below (stored in batch output directories).
SCHEMA_VERSION_STORE = "1"

# Column name and DuckDB type of every table; ``rows()`` fills them in this order.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("id", "VARCHAR"),
        ("url", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("title", "VARCHAR"),
        ("authors", "VARCHAR[]"),
        ("published", "DATE"),
        ("language", "VARCHAR"),
        ("text", "VARCHAR"),
        ("words", "INTEGER"),
        ("source", "VARCHAR"),  # the path or record it was read from
        ("analysis", "VARCHAR"),  # the whole Analysis as JSON
        ("analysis_hash", "VARCHAR"),  # tells an unchanged re-ingest from a changed one
    ),
    "actors": (  # one row per actor per document; the view actor_index aggregates them
        ("document_id", "VARCHAR"),
        ("actor_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("country", "VARCHAR"),
        ("role", "VARCHAR"),
        ("mentions", "INTEGER"),
    ),
    "mentions": (
        ("document_id", "VARCHAR"),
        ("actor_id", "VARCHAR"),
        ("start_char", "INTEGER"),
        ("end_char", "INTEGER"),
        ("text", "VARCHAR"),
    ),
    "quotes": (
        ("document_id", "VARCHAR"),
        ("quote_id", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("text", "VARCHAR"),
        ("start_char", "INTEGER"),
        ("end_char", "INTEGER"),
        ("cue", "VARCHAR"),
        ("speaker_text", "VARCHAR"),
        ("speaker_actor", "VARCHAR"),
        ("speaker_kind", "VARCHAR"),
        ("confidence", "DOUBLE"),
    ),
    "events": (
        ("document_id", "VARCHAR"),
        ("event_id", "VARCHAR"),
        ("type", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("context", "VARCHAR[]"),
        ("cameo", "VARCHAR"),
        ("source", "VARCHAR"),
        ("target", "VARCHAR"),
        ("trigger", "VARCHAR"),
        ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"),
        ("sentence", "VARCHAR"),
        ("sentence_start", "INTEGER"),
        ("sentence_end", "INTEGER"),
        ("time", "VARCHAR"),
        ("date", "DATE"),
        ("location", "VARCHAR"),
        ("factuality", "VARCHAR"),
        ("hypothetical", "BOOLEAN"),
        ("attributed", "BOOLEAN"),
        ("according_to", "VARCHAR"),  # the chain's surface forms, outermost first, joined by " ← "
        ("speaker_actor", "VARCHAR"),  # the innermost source's actor id
        ("speaker_kind", "VARCHAR"),  # … and its kind ("anonymous", "government" …)
        ("confidence", "DOUBLE"),
    ),
    "event_sources": (  # the attribution chain, position 0 = outermost
        ("document_id", "VARCHAR"),
        ("event_id", "VARCHAR"),
        ("position", "INTEGER"),
        ("actor", "VARCHAR"),
        ("text", "VARCHAR"),
        ("cue", "VARCHAR"),
    ),
    "inputs": (  # inputs already analysed, so a rerun skips them before parsing
        ("key", "VARCHAR"),
        ("document_id", "VARCHAR"),
        ("source", "VARCHAR"),
    ),
}
# Tables whose rows belong to one document (deleted and rewritten together).
DOCUMENT_TABLES = ("documents", "actors", "mentions", "quotes", "events", "event_sources")


def analysis_hash(analysis: Analysis) -> str:
    return hashlib.sha256(analysis.model_dump_json().encode("utf-8")).hexdigest()[:32]


def iso_date(value: str | None) -> dt.date | None:
    """A DATE column value from an ISO date string (None stays None)."""
    return dt.date.fromisoformat(value) if value else None


def rows(analysis: Analysis, source: str | None = None) -> dict[str, list[dict]]:
    """The table rows of one analysis (``inputs`` excluded), as ``Store.add`` and the Parquet batch write them."""
    doc = analysis.document
    did = doc.id
    actors = {actor.id: actor for actor in analysis.actors}

    def kind(actor_id: str | None) -> str | None:
        return actors[actor_id].kind if actor_id in actors else None

    out: dict[str, list[dict]] = {table: [] for table in DOCUMENT_TABLES}
    out["documents"].append(
        {
            "id": did,
            "url": doc.url,
            "outlet": doc.outlet,
            "title": doc.title,
            "authors": list(doc.authors),
            "published": iso_date(doc.published),
            "language": doc.language,
            "text": doc.text,
            "words": len(doc.text.split()),
            "source": source,
            "analysis": analysis.model_dump_json(),
            "analysis_hash": analysis_hash(analysis),
        }
    )
    for actor in analysis.actors:
        out["actors"].append(
            {
                "document_id": did,
                "actor_id": actor.id,
                "name": actor.name,
                "kind": actor.kind,
                "country": actor.country,
                "role": actor.role,
                "mentions": len(actor.mentions),
            }
        )
        for start, end in actor.mentions:
            out["mentions"].append(
                {
                    "document_id": did,
                    "actor_id": actor.id,
                    "start_char": start,
                    "end_char": end,
                    "text": doc.text[start:end],
                }
            )
    for quote in analysis.quotes:
        speaker = quote.speaker
        out["quotes"].append(
            {
                "document_id": did,
                "quote_id": quote.id,
                "kind": quote.kind,
                "text": quote.text,
                "start_char": quote.span[0],
                "end_char": quote.span[1],
                "cue": quote.cue,
                "speaker_text": speaker.text if speaker else None,
                "speaker_actor": speaker.actor if speaker else None,
                "speaker_kind": kind(speaker.actor) if speaker else None,
                "confidence": quote.confidence,
            }
        )
    for event in analysis.events:
        innermost = event.attribution[-1] if event.attribution else None
        out["events"].append(
            {
                "document_id": did,
                "event_id": event.id,
                "type": event.type,
                "mode": event.mode,
                "context": list(event.context),
                "cameo": event.cameo,
                "source": event.source,
                "target": event.target,
                "trigger": event.trigger.text,
                "trigger_start": event.trigger.span[0],
                "trigger_end": event.trigger.span[1],
                "sentence": doc.text[event.sentence[0] : event.sentence[1]],
                "sentence_start": event.sentence[0],
                "sentence_end": event.sentence[1],
                "time": event.time,
                "date": iso_date(event.date),
                "location": event.location,
                "factuality": event.factuality,
                "hypothetical": event.hypothetical,
                "attributed": bool(event.attribution),
                "according_to": " ← ".join(s.text for s in event.attribution) or None,
                "speaker_actor": innermost.actor if innermost else None,
                "speaker_kind": kind(innermost.actor) if innermost else None,
                "confidence": event.confidence,
            }
        )
        for position, src in enumerate(event.attribution):
            out["event_sources"].append(
                {
                    "document_id": did,
                    "event_id": event.id,
                    "position": position,
                    "actor": src.actor,
                    "text": src.text,
                    "cue": src.cue,
                }
            )
    return out
