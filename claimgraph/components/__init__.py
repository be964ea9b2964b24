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

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
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


def listed_tokens(doc: Doc, words, parts_of_speech=None) -> numpy.ndarray:
    """Sorted indices of the tokens (of ``parts_of_speech`` only, if given) whose lower-cased
    lemma or lower-case form is in ``words``: a lexicon's few candidates read from the Doc's
    arrays, each distinct string tested once, instead of a Python test on every token."""
    if not len(doc):
        return numpy.zeros(0, dtype="int64")
    columns = doc.to_array([POS, LEMMA, LOWER])
    at = numpy.arange(len(doc))
    if parts_of_speech is not None:
        at = numpy.flatnonzero(numpy.isin(columns[:, 0], [POS_IDS[pos] for pos in parts_of_speech]))
    strings = doc.vocab.strings
    lemmas, by_lemma = numpy.unique(columns[at, 1], return_inverse=True)
    lowers, by_lower = numpy.unique(columns[at, 2], return_inverse=True)
    lemma_listed = numpy.array([strings[x].lower() in words for x in lemmas.tolist()], dtype=bool)
    lower_listed = numpy.array([strings[x] in words for x in lowers.tolist()], dtype=bool)
    return at[lemma_listed[by_lemma.reshape(-1)] | lower_listed[by_lower.reshape(-1)]]
