"""claimgraph's spaCy pipeline components and the Doc attributes they share.

Each component writes plain records in the SPEC.md shapes (char offsets, no
spaCy objects) so Docs survive ``nlp.pipe(n_process>1)`` and ``DocBin``:

- ``doc._.published``: the publication date (YYYY-MM-DD) set before the pipeline runs
- ``doc._.actors``: SPEC.md actor dicts (claimgraph_actors)
- ``doc._.quotes``: SPEC.md quote dicts (claimgraph_quotes)
- ``doc._.events``: SPEC.md event dicts (claimgraph_events, completed by claimgraph_factuality)

Evidence spans also go in ``doc.spans["claimgraph_<x>"]`` for displaCy and spaCy users.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

EXTENSIONS = {"published": None, "actors": [], "quotes": [], "events": []}


def register_extensions() -> None:
    """Register the Doc attributes once (idempotent)."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def char_span(doc: Doc, span: tuple[int, int] | list[int]) -> Span | None:
    """The tokens covering a ``[start, end)`` character span."""
    return doc.char_span(span[0], span[1], alignment_mode="expand")


register_extensions()
