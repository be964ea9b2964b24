"""RawDocument -> clean article text, metadata, and the boilerplate removed."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Errors, InputError
from .readers import RawDocument


@dataclass(frozen=True)
class CleanDocument:
    text: str  # headline as first paragraph, then the body; paragraphs split by one blank line
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    removed: tuple[str, ...] = field(default_factory=tuple)


def clean(raw: RawDocument, settings: dict) -> CleanDocument:
    """Placeholder until the cleaner lands: paragraphs as given."""
    paragraphs = [p.strip() for p in raw.content.split("\n\n") if p.strip()]
    if not paragraphs:
        raise InputError(Errors.CG112)
    return CleanDocument(text="\n\n".join(paragraphs), title=paragraphs[0], url=raw.url)
