"""claimgraph_selective_parser: run the dependency parser only where an event or a quote can be.

claimgraph reads dependencies in three places: around an event trigger
(events, factuality), around a cue or a quotation (quotes, attribution), and
in the actor rules for those same arguments and speakers. A sentence with no
trigger, no cue and no quotation mark yields none of these, so parsing it is
wasted work. This component takes the place of the model's parser:

1. sentence boundaries come from the model's cheap ``senter`` (plus
   ``claimgraph_paragraphs``), which runs before it;
2. a sentence is a *candidate* when one of its tokens is an inflected form of
   a trigger lemma (``triggers.tsv``) or of a cue (``cues.tsv``: verbs, nouns,
   the content words of phrases), or when it overlaps a quotation as
   ``quote_marks.find_segments`` pairs them (so the paragraphs a quote runs on
   into count too);
3. each run of consecutive candidate sentences is copied out as its own Doc
   (``Span.as_doc``, which carries the tok2vec tensor the parser listens to),
   its inner boundaries are cleared so the parser splits it as it would the
   whole text (paragraph starts stay), and the model's parser parses the runs
   of a whole batch together;
4. heads, labels and boundaries are written back. Tokens of other sentences
   keep no head (``token.head`` is the token itself, ``dep_`` is empty) and
   the senter's boundaries.

Inflected forms are generated from the model's own rule-lemmatizer tables
(suffix rules inverted, irregular forms from its exception table), so every
form the lemmatizer would map to a trigger or cue lemma is in the set; extra
forms only cost a parsed sentence. A Doc with no candidate has its first
sentence parsed, because spaCy's ``attribute_ruler`` has DEP patterns that
need a parsed Doc. ``[nlp] parse = "all"`` in settings.toml uses the plain
parser instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice

import numpy
from spacy.attrs import DEP as DEP_ATTR
from spacy.attrs import HEAD, IDX, LOWER, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicons
from .paragraphs import paragraph_start_tokens
from .quote_marks import find_segments, paragraph_starts

logger = logging.getLogger(__name__)

# The rule lemmatizer's parts of speech whose forms a trigger or cue lemma may take.
FORM_POS = ("verb", "noun", "adj")


@Language.factory(
    "claimgraph_selective_parser",
    requires=["token.is_sent_start", "token.tag"],
    assigns=["token.dep", "token.head", "token.is_sent_start"],
    default_config={"parser": "parser", "triggers": "triggers", "cues": "cues"},
)
def make_selective_parser(nlp: Language, name: str, parser: str, triggers: str, cues: str):
    return SelectiveParser(nlp, name, parser=parser, triggers=triggers, cues=cues)


def lemma_forms(lemmas: Iterable[str], rules: Mapping, exceptions: Mapping) -> set[str]:
    """Every lower-case form the rule lemmatizer could bring back to one of ``lemmas``.

    ``rules`` maps a part of speech to ``[suffix, replacement]`` pairs (form → lemma), inverted
    here; ``exceptions`` maps a part of speech to ``{form: [lemma, …]}`` for irregular forms
    (the ``lemma_rules`` and ``lemma_exc`` tables of spaCy's rule lemmatizer, keyed by string).
    """
    wanted = {lemma.lower() for lemma in lemmas}
    forms = set(wanted)
    for pos in FORM_POS:
        for lemma in wanted:
            for old, new in rules.get(pos) or []:
                if lemma.endswith(new):
                    forms.add(lemma[: len(lemma) - len(new)] + old)
        for form, bases in (exceptions.get(pos) or {}).items():
            if wanted.intersection(bases):
                forms.add(form.lower())
    return forms


def lexicon_words(triggers: str, cues: str) -> set[str]:
    """Trigger lemmas, cue verbs (first word: 'point out' → 'point') and nouns, and the content
    words of cue phrases ('according to' → 'according')."""
    words = {row["lemma"].split()[0] for row in lexicons.load(triggers, required=("lemma",))}
    for row in lexicons.load(cues, required=("cue", "type")):
        parts = row["cue"].lower().split()
        if row["type"] == "phrase":
            words.update(word for word in parts if word not in STOP_WORDS)
        else:
            words.add(parts[0])
    return words


class SelectiveParser:
    """Parses the candidate sentences of each Doc with the pipeline's own parser."""

    def __init__(self, nlp: Language, name: str, *, parser: str, triggers: str, cues: str):
        self.name = name
        self.parser = nlp.get_pipe(parser)
        words = lexicon_words(triggers, cues)
        tables = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.component_names else None
        if tables is not None and tables.has_table("lemma_rules"):
            forms = lemma_forms(
                words,
                tables.get_table("lemma_rules"),
                tables.get_table("lemma_exc") if tables.has_table("lemma_exc") else {},
            )
        else:
            logger.warning("no rule-lemmatizer tables: candidates found by base forms only")
            forms = words
        self.forms = forms
        self.form_ids = numpy.array(
            sorted(nlp.vocab.strings.add(form) for form in forms), dtype="uint64"
        )

    # -- candidates -----------------------------------------------------------

    def candidate_runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges ``[start, end)`` of the runs of consecutive candidate sentences."""
        if not len(doc):
            return []
        offsets, sent_start = doc.to_array([IDX, SENT_START]).astype("int64").T
        starts = sent_start == 1
        starts[0] = True
        sentence = numpy.cumsum(starts) - 1  # sentence number of each token
        bounds = numpy.append(numpy.flatnonzero(starts), len(doc))
        hit = numpy.zeros(len(bounds) - 1, dtype=bool)
        hit[sentence[numpy.isin(doc.to_array(LOWER), self.form_ids)]] = True
        text = doc.text
        for seg in find_segments(text, paragraph_starts(text)):
            # the tokens holding the opening mark and the quote's last character
            ends = [seg.open_at, max(seg.end - 1, seg.open_at)]
            first, last = numpy.searchsorted(offsets, ends, side="right") - 1
            hit[sentence[first] : sentence[last] + 1] = True
        if not hit.any():
            hit[0] = True  # attribute_ruler's DEP patterns need a parsed Doc
        runs: list[tuple[int, int]] = []
        for number in numpy.flatnonzero(hit):
            start, end = int(bounds[number]), int(bounds[number + 1])
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        return runs

    # -- parsing --------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        stream = iter(stream)
        while batch := list(islice(stream, batch_size)):
            yield from self._parse_batch(batch)

    def _parse_batch(self, docs: list[Doc]) -> list[Doc]:
        runs = [self.candidate_runs(doc) for doc in docs]
        pieces = [
            piece for doc, spans in zip(docs, runs, strict=True) for piece in _pieces(doc, spans)
        ]
        # one parser batch for all runs of the batch's docs: runs are short, the parser batches states
        parsed = iter(self.parser.pipe(pieces, batch_size=max(len(pieces), 1)))
        for doc, spans in zip(docs, runs, strict=True):
            self._write_back(doc, [(start, end, next(parsed)) for start, end in spans])
        return docs

    @staticmethod
    def _write_back(doc: Doc, pieces: list[tuple[int, int, Doc]]) -> None:
        tree = numpy.zeros((len(doc), 2), dtype="uint64")  # HEAD offset 0 + DEP 0 = no head
        sent_start = doc.to_array([SENT_START])
        for start, end, piece in pieces:
            values = piece.to_array([HEAD, DEP_ATTR, SENT_START])
            tree[start:end] = values[:, :2]
            sent_start[start:end] = values[:, 2]
        doc.from_array([HEAD, DEP_ATTR], tree)  # resets every boundary from the trees …
        doc.from_array([SENT_START], sent_start)  # … so put the senter's back outside the runs


def _pieces(doc: Doc, runs: list[tuple[int, int]]) -> list[Doc]:
    """Each run as its own Doc (words, spaces and the tok2vec tensor the parser listens to), with
    sentence starts only at its first token and at paragraph starts: the parser splits the rest."""
    sent_start = numpy.zeros((len(doc), 1), dtype="uint64")
    sent_start[paragraph_start_tokens(doc)] = 1
    sent_start[[start for start, _ in runs]] = 1
    return [
        doc[start:end].as_doc(array_head=(SENT_START,), array=sent_start) for start, end in runs
    ]
