"""Loads the spaCy pipeline once per process, adds claimgraph's components, and runs it within a
token budget."""

from __future__ import annotations

import importlib.util
import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import settings

# Importing the component modules registers their factories with spaCy.
from .components import actors as _actors  # noqa: F401
from .components import events as _events  # noqa: F401
from .components import factuality as _factuality  # noqa: F401
from .components import paragraphs as _paragraphs  # noqa: F401
from .components import quotes as _quotes  # noqa: F401
from .components import register_extensions
from .components import selective_parser as _selective_parser  # noqa: F401
from .components.paragraphs import paragraph_start_tokens
from .components.rule_tables import swap_rule_components
from .errors import Errors, InputError, ModelError

logger = logging.getLogger(__name__)

# [nlp] parse: which sentences the dependency parser reads.
PARSE_MODES = ("all", "candidates")

# Tokens after which a paragraph too long for one model pass may be cut.
SENTENCE_FINAL = frozenset((".", "!", "?", "…"))

COMPONENTS = (
    "claimgraph_actors",
    "claimgraph_quotes",
    "claimgraph_events",
    "claimgraph_factuality",
)


@lru_cache(maxsize=8)
def resolve_model(name: str | None = None) -> str:
    """The spaCy pipeline to load: ``name``, else the first installed of the configured list."""
    if name:
        return name
    candidates = settings.defaults()["nlp"]["models"]
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            if candidate != candidates[0]:
                logger.info("%s is not installed; using %s", candidates[0], candidate)
            return candidate
    raise ModelError(Errors.CG201)


def load(model: str | None = None, actors: str | None = None, parse: str | None = None) -> Language:
    """The English pipeline with claimgraph's components; loaded once per (model, actor file, parse mode).

    ``parse`` is ``"all"`` (the model's parser reads every sentence) or ``"candidates"``
    (``claimgraph_selective_parser``: only sentences that can hold an event or a quote);
    None = ``[nlp] parse`` of settings.toml. ``model`` None = the first installed of ``[nlp] models``.
    """
    parse = parse or settings.defaults()["nlp"]["parse"]
    if parse not in PARSE_MODES:
        raise InputError(
            Errors.CG206.format(
                path="settings", detail=f"[nlp] parse = {parse!r}: use one of {PARSE_MODES}"
            )
        )
    return _load(resolve_model(model), actors, parse)


@lru_cache(maxsize=4)
def _load(name: str, actors: str | None, parse: str) -> Language:
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as err:
        raise ModelError(Errors.CG202.format(name=name, detail=err)) from err
    if nlp.lang != "en":
        raise ModelError(
            Errors.CG202.format(name=name, detail=f"it is a '{nlp.lang}' pipeline, not English")
        )
    register_extensions()
    # the same annotations as the model's attribute_ruler and lemmatizer, faster
    swap_rule_components(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimgraph_paragraphs", before="parser")
        if parse == "candidates" and "senter" in nlp.component_names:
            # the senter splits sentences cheaply; the selective parser runs the parser on the candidates
            nlp.disable_pipe("parser")
            nlp.enable_pipe("senter")
            nlp.add_pipe("claimgraph_selective_parser", after="senter")
    for component in COMPONENTS:
        nlp.add_pipe(component)
    nlp.get_pipe("claimgraph_actors").initialize(nlp=nlp, user_actors=actors)
    for component in COMPONENTS[1:]:
        # now, not lazily on the first Doc: tables built inside an nlp.memory_zone() would lose their strings
        nlp.get_pipe(component).initialize(nlp=nlp)
    logger.debug("loaded %s with %s", name, nlp.pipe_names)
    return nlp


def pipe(
    nlp: Language, items: Iterable[tuple[Doc, Any]], max_tokens: int
) -> Iterator[tuple[Doc, Any]]:
    """Run ``nlp`` over ``(doc, context)`` pairs with at most ``max_tokens`` tokens in the model's
    layers at once, in order.

    The model's tok2vec layers hold ~16 KB per token of a batch while it runs, so a worker's
    memory follows the batch's tokens, not its documents: batches are filled up to
    ``max_tokens``, and a longer document runs through the model's own components in
    paragraph-aligned pieces, merged back (``Doc.from_docs``: same text, tokens and
    annotations) before claimgraph's components read it whole.
    """
    whole = [name for name in COMPONENTS if name in nlp.pipe_names]
    for batch in token_batches(items, max_tokens):
        if len(batch) == 1 and len(batch[0][0]) > max_tokens:
            doc, context = batch[0]
            yield _pipe_in_pieces(nlp, doc, max_tokens, whole), context
        else:
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def token_batches(
    items: Iterable[tuple[Doc, Any]], max_tokens: int
) -> Iterator[list[tuple[Doc, Any]]]:
    """Consecutive ``(doc, context)`` pairs holding at most ``max_tokens`` tokens together; a
    longer document makes a batch of its own."""
    batch: list[tuple[Doc, Any]] = []
    tokens = 0
    for item in items:
        if batch and tokens + len(item[0]) > max_tokens:
            yield batch
            batch, tokens = [], 0
        batch.append(item)
        tokens += len(item[0])
    if batch:
        yield batch


def piece_bounds(doc: Doc, max_tokens: int) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` covering ``doc``, each at most ``max_tokens`` long, cut at
    paragraph starts where possible; a paragraph longer than that is cut after the last
    sentence-final mark that keeps the piece within the limit (else at the limit)."""
    cuts = [*paragraph_start_tokens(doc), len(doc)]
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(doc):
        fitting = bisect_right(cuts, start + max_tokens) - 1  # the last cut within the limit
        if fitting >= 0 and cuts[fitting] > start:
            end = cuts[fitting]
        else:
            window = doc[start : start + max_tokens - 1]
            marks = [token.i + 1 for token in window if token.text in SENTENCE_FINAL]
            end = marks[-1] if marks else start + max_tokens
        bounds.append((start, end))
        start = end
    return bounds


def _pipe_in_pieces(nlp: Language, doc: Doc, max_tokens: int, whole: list[str]) -> Doc:
    pieces = [doc[start:end].as_doc() for start, end in piece_bounds(doc, max_tokens)]
    done = list(nlp.pipe(pieces, batch_size=1, disable=whole))
    merged = Doc.from_docs(done, ensure_whitespace=False, exclude=["tensor"])
    # from_docs sets boundaries from the parse trees: put back the senter's in unparsed sentences
    merged.from_array([SENT_START], numpy.concatenate([p.to_array([SENT_START]) for p in done]))
    for key, value in doc.user_data.items():  # doc-level extension values (doc._.published)
        if isinstance(key, tuple) and len(key) == 4 and key[2] is None:
            merged.user_data[key] = value
    for name in whole:
        merged = nlp.get_pipe(name)(merged)
    return merged
