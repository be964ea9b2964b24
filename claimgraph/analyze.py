"""The one entry point: raw article in, SPEC.md ``Analysis`` out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from . import nlp as nlp_module
from . import settings
from .clean import CleanDocument, clean
from .errors import ClaimgraphError, Errors, InputError
from .model import Analysis, Document
from .readers import RawDocument

# A publication date as the CLI and API accept it.
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class AnalyzeOptions:
    """Every option of an analysis, built once and passed whole."""

    model: str | None = None  # spaCy pipeline name; None = first installed of settings [nlp] models
    actors: str | None = None  # path of a user actor dictionary (YAML or CSV)
    published: str | None = None  # YYYY-MM-DD; overrides the page's metadata
    url: str | None = None  # canonical URL; overrides the page's metadata
    config: str | None = None  # path of a TOML file over settings.toml

    def __post_init__(self) -> None:
        if self.published is not None and not ISO_DATE.match(self.published):
            raise InputError(Errors.CG205.format(value=self.published))

    @cached_property
    def settings(self) -> dict:
        """settings.toml with ``config`` laid over it, read once per options object."""
        return settings.load(self.config)

    def pipeline(self):
        """The spaCy pipeline these options analyse with (loaded once per process, then cached)."""
        return nlp_module.load(self.model, self.actors, self.settings["nlp"]["parse"])


def document_id(url: str | None, text: str) -> str:
    """Stable id: a hash of the canonical URL when known, else of the clean text."""
    key = url.strip().lower() if url else text
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def analyze(
    source: str | RawDocument,
    *,
    url: str | None = None,
    published: str | None = None,
    model: str | None = None,
    actors: str | None = None,
    options: AnalyzeOptions | None = None,
) -> Analysis:
    """Analyse one article given as text, HTML or a ``RawDocument``.

    Raises ``InputError`` when it holds no article.
    """
    if options is None:
        options = AnalyzeOptions(model=model, actors=actors, url=url, published=published)
    raw = source if isinstance(source, RawDocument) else RawDocument.from_string(source)
    _, result = next(analyze_many([raw], options))
    if isinstance(result, Exception):
        raise result
    return result


def analyze_many(
    raws: Iterable[RawDocument], options: AnalyzeOptions | None = None
) -> Iterator[tuple[RawDocument, Analysis | ClaimgraphError]]:
    """Analyse many documents with one model load and ``nlp.pipe``.

    Yields ``(raw, analysis)``, or ``(raw, error)`` for a document that cannot
    be cleaned, so a batch reports it and goes on.
    """
    options = options or AnalyzeOptions()
    nlp = options.pipeline()
    failed: list[tuple[RawDocument, ClaimgraphError]] = []

    def prepared() -> Iterator[tuple]:
        for raw in raws:
            try:
                cleaned = clean(raw, options.settings)
            except ClaimgraphError as err:
                failed.append((raw, err))
                continue
            if options.url:
                cleaned = replace(cleaned, url=options.url)
            if options.published:
                cleaned = replace(cleaned, published=options.published)
            doc = nlp.make_doc(cleaned.text)
            doc._.published = cleaned.published
            yield doc, (raw, cleaned)

    max_tokens = options.settings["nlp"]["batch_tokens"]
    for doc, (raw, cleaned) in nlp_module.pipe(nlp, prepared(), max_tokens):
        while failed:
            yield failed.pop(0)
        yield raw, to_analysis(doc, cleaned)
    while failed:
        yield failed.pop(0)


def to_analysis(doc, cleaned: CleanDocument) -> Analysis:
    """The SPEC.md record of a processed Doc."""
    document = Document(
        id=document_id(cleaned.url, cleaned.text),
        url=cleaned.url,
        outlet=cleaned.outlet,
        title=cleaned.title,
        authors=list(cleaned.authors),
        published=cleaned.published,
        language="en",
        text=cleaned.text,
        removed=list(cleaned.removed),
    )
    return Analysis.model_validate(
        {
            "document": document,
            "actors": doc._.actors,
            "quotes": doc._.quotes,
            "events": doc._.events,
        }
    )
