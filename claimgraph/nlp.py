"""Loads the spaCy pipeline once per process and adds claimgraph's components."""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from . import settings

# Importing the component modules registers their factories with spaCy.
from .components import actors as _actors  # noqa: F401
from .components import events as _events  # noqa: F401
from .components import factuality as _factuality  # noqa: F401
from .components import paragraphs as _paragraphs  # noqa: F401
from .components import quotes as _quotes  # noqa: F401
from .components import register_extensions
from .components import selective_parser as _selective_parser  # noqa: F401
from .errors import Errors, InputError, ModelError

logger = logging.getLogger(__name__)

# [nlp] parse: which sentences the dependency parser reads.
PARSE_MODES = ("all", "candidates")

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
