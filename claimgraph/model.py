"""The SPEC.md output contract as typed models, with JSON Schema export.

Every interface (CLI, Python API, HTTP API, store) returns an ``Analysis``.
Spans are ``[start, end)`` character offsets into ``document.text``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Span = tuple[int, int]

ActorKind = Literal[
    "country",
    "government",
    "military",
    "igo",
    "organization",
    "person",
    "group",
    "media",
    "anonymous",
]
QuoteKind = Literal["direct", "indirect", "mixed"]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__
Time = Literal["past", "present", "future"]
Factuality = Literal[
    "certain",
    "probable",
    "possible",
    "certain_not",
    "probable_not",
    "possible_not",
    "unknown",
]
FACTUALITY_VALUES: tuple[str, ...] = Factuality.__args__


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Model):
    id: str = Field(description="hash of the canonical URL when known, else of the clean text")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    language: str = "en"
    text: str
    removed: list[str] = Field(default_factory=list)


class Actor(_Model):
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    role: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Speaker(_Model):
    text: str
    span: Span
    actor: str | None = None


class Quote(_Model):
    id: str
    kind: QuoteKind
    text: str
    span: Span
    cue: str | None = None
    speaker: Speaker | None = None
    confidence: float = Field(ge=0, le=1)


class Trigger(_Model):
    text: str
    span: Span


class Source(_Model):
    actor: str | None
    text: str
    cue: str | None = None


class Event(_Model):
    id: str
    type: EventType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str | None = None
    source: str | None
    target: str | None = None
    trigger: Trigger
    sentence: Span
    time: Time = "past"
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    location: str | None = None
    factuality: Factuality = "certain"
    hypothetical: bool = False
    attribution: list[Source] = Field(default_factory=list)
    confidence: float = Field(ge=0, le=1)


class Analysis(_Model):
    schema_version: str = SCHEMA_VERSION
    document: Document
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of one analysis record, as ``claimgraph schema`` prints it."""
    schema = Analysis.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "claimgraph analysis"
    return schema
