"""Output-identical, faster stand-ins for the model's ``attribute_ruler`` and ``lemmatizer``.

Both are spaCy's own classes with one method changed, because in a corpus run
they cost more than the parser (about 10 % and 7 % of a worker's time with
en_core_web_sm; docs/corpus.md):

- ``claimgraph_attribute_ruler`` is spaCy's ``AttributeRuler``; only ``match``
  differs. spaCy's ``Matcher`` walks every pattern at every token and
  re-evaluates each set or regex predicate per token. The attribute ruler's
  patterns are fixed-length token tests (a tag map, morph rules, a few
  two-token rules), so they are checked here as column comparisons over the
  Doc's attribute array, and ``set_annotations`` applies the same matches in
  the same order. A pattern this cannot read (an ``OP``, a comparison, an
  extension attribute) sends the whole component back to spaCy's ``Matcher``.
- ``claimgraph_lemmatizer`` is spaCy's ``EnglishLemmatizer`` with three
  changes. Its rule mode asks ``form in index`` of the model's word lists
  (57,000 nouns): a list, so each new word form is a linear scan; here those
  lists answer membership from a set. And it caches only the lemmas it derives
  by rule, so base forms and proper nouns (most tokens of news text) are
  worked out from their morphology every time; here every answer is memoised
  under the key spaCy's cache already uses (form, part of speech,
  morphology), which determines it. The memo is emptied when it reaches
  ``max_cached`` entries, so a long batch's memory stays flat. The one
  change of output: where a verb form fits two lemmas of the word list, one
  with a silent e, spaCy takes the rule it tried last ("hoped" → "hop",
  "rated" → "rat", "dined" → "din"); here English spelling decides
  (``silent_e_first``), so cue and trigger lemmas ("hope", "rate") are found.

``nlp.load`` swaps them in for the model's components, carrying over the
patterns and lookup tables. ``tests/components/test_rule_tables.py`` compares
their output with spaCy's on real pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import IDS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

# Matcher attribute names that are spellings of another attribute.
ATTR_ALIASES = {"TEXT": "ORTH"}

# Predicates a pattern token may use here; any other sends the ruler back to spaCy's Matcher.
SET_PREDICATES = ("IN", "NOT_IN")

# Verb endings a silent e drops before ("hope" -> "hoped", "hoping"; "-es" after no sibilant: "hopes").
SILENT_E_ENDINGS = ("ed", "ing", "es")
# Stem endings English adds "-es" to ("fixes", "pushes", "goes"): no silent e is missing there.
ES_STEMS = ("s", "x", "z", "ch", "sh", "o")
VOWELS = frozenset("aeiou")
# Final consonants English never doubles before -ed/-ing ("showed", "fixed", "played").
UNDOUBLED = frozenset("wxy")


class Unsupported(Exception):
    """A pattern uses Matcher syntax that the column tests do not read."""


class TokenTest:
    """One pattern token's test on one attribute, evaluated over a whole Doc's column."""

    def __init__(self, vocab, column: int, value: Any) -> None:
        self.vocab = vocab
        self.column = column
        self.regex: re.Pattern | None = None
        self.values: numpy.ndarray | None = None
        self.negate = False
        self.equal: int | None = None
        if isinstance(value, dict):
            if len(value) != 1:
                raise Unsupported(value)
            ((predicate, argument),) = value.items()
            if predicate in SET_PREDICATES and isinstance(argument, list):
                self.values = numpy.array([_value_id(v) for v in argument], dtype=numpy.uint64)
                self.negate = predicate == "NOT_IN"
            elif predicate == "REGEX" and isinstance(argument, str):
                self.regex = re.compile(argument)
            else:
                raise Unsupported(value)
        else:
            self.equal = _value_id(value)

    def mask(self, array: numpy.ndarray) -> numpy.ndarray:
        column = array[:, self.column]
        if self.equal is not None:
            return column == self.equal
        if self.values is not None:
            found = numpy.isin(column, self.values)
            return ~found if self.negate else found
        return self._regex_mask(column)

    def _regex_mask(self, column: numpy.ndarray) -> numpy.ndarray:
        """The regex run once per distinct value of the Doc (a few hundred), not per token."""
        unique, inverse = numpy.unique(column, return_inverse=True)
        strings = self.vocab.strings
        hits = numpy.array(
            [bool(self.regex.search(strings[key])) for key in unique.tolist()], dtype=bool
        )
        return hits[inverse]


def _value_id(value: Any) -> int:
    """The number a Doc array holds for a pattern value (a string's hash, a flag's 0/1)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return get_string_id(value)
    raise Unsupported(value)


class PatternTable:
    """The ruler's patterns as column tests: ``(rule index, [per token position: [tests]])``."""

    def __init__(self, vocab, patterns: list[dict]) -> None:
        attrs: list[str] = []
        # match ids as AttributeRuler keys its rules: the hash of the rule's index as a string
        self.keys = [get_string_id(str(rule)) for rule in range(len(patterns))]
        self.rules: list[tuple[int, list[list[TokenTest]]]] = []
        for rule, group in enumerate(patterns):
            for pattern in group["patterns"]:
                positions = []
                for spec in pattern:
                    tests = []
                    for name, value in spec.items():
                        name = ATTR_ALIASES.get(name, name)
                        if name == "OP" or name not in IDS or name == "_":
                            raise Unsupported(name)
                        if name not in attrs:
                            attrs.append(name)
                        tests.append(TokenTest(vocab, attrs.index(name), value))
                    positions.append(tests)
                self.rules.append((rule, positions))
        self.attr_ids = [IDS[name] for name in attrs]

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(rule index, match id, start, end)`` of every match, in AttributeRuler's order."""
        if not len(doc) or not self.rules:
            return []
        array = doc.to_array(self.attr_ids).reshape(len(doc), len(self.attr_ids))
        found = set()
        for rule, positions in self.rules:
            width = len(positions)
            if width > len(doc) or not width:
                continue
            hit = numpy.ones(len(doc) - width + 1, dtype=bool)
            for offset, tests in enumerate(positions):
                for test in tests:
                    hit &= test.mask(array)[offset : offset + len(hit)]
            for start in numpy.flatnonzero(hit).tolist():
                found.add((rule, self.keys[rule], start, start + width))
        return sorted(found)


class TableAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with its patterns matched as column tests (see the module docstring)."""

    def __init__(self, vocab, name: str = "attribute_ruler", **kwargs) -> None:
        super().__init__(vocab, name, **kwargs)
        self._table: PatternTable | None = None
        self._table_read = False

    def add(self, patterns: Iterable, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._table_read = False

    def clear(self) -> None:
        super().clear()
        self._table_read = False

    def match(self, doc: Doc):
        if not self._table_read:
            try:
                self._table = PatternTable(self.vocab, self.patterns)
            except Unsupported:
                self._table = None
            self._table_read = True
        if self._table is None:
            return super().match(doc)
        return self._table.matches(doc)


class IndexList(list):
    """A word list that answers ``in`` from a set; still a list for spaCy's serialisation."""

    def __init__(self, items: Iterable[str]) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def silent_e_first(form: str, lemmas: list[str]) -> list[str]:
    """``lemmas`` (the rule lemmatizer's candidates for the verb ``form``, best first) with the
    silent-e lemma put first where English spelling rules out the e-less one.

    "hoped", "hoping" cannot be "hop" + -ed/-ing (a short vowel's final consonant doubles:
    "hopped", "hopping"), nor "hopes" "hop" + -es (-es follows only s, x, z, ch, sh, o), so they
    are "hope"'s; "visited" stays "visit" (no "visite" in the word list), "fixes" "fix".
    """
    if len(lemmas) < 2 or lemmas[0] + "e" not in lemmas:
        return lemmas
    stem = lemmas[0]
    ending = form[len(stem) :]
    if not form.startswith(stem) or ending not in SILENT_E_ENDINGS:
        return lemmas
    if ending == "es":
        impossible = not stem.endswith(ES_STEMS)
    else:  # consonant, single vowel, consonant: it would have doubled
        impossible = (
            len(stem) >= 2
            and stem[-1] not in VOWELS
            and stem[-1] not in UNDOUBLED
            and stem[-2] in VOWELS
            and (len(stem) == 2 or stem[-3] not in VOWELS)
        )
    if not impossible:
        return lemmas
    return [stem + "e", *(lemma for lemma in lemmas if lemma != stem + "e")]


class MemoLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer with every answer memoised and silent-e verb lemmas spelt right
    (see the module docstring)."""

    def __init__(self, *args, max_cached: int = 50_000, **kwargs) -> None:
        self.max_cached = max_cached
        self._memo: dict[tuple[int, int, int], list[str]] = {}
        super().__init__(*args, **kwargs)

    def adopt(self, lookups: Lookups) -> None:
        """Use another lemmatizer's tables, with the word lists of ``lemma_index`` as IndexLists."""
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in list(index):
                index[pos] = IndexList(index[pos])
        self.lookups = lookups
        self._memo.clear()
        self.cache.clear()

    def rule_lemmatize(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = self._memo.get(key)
        if forms is None:
            forms = super().rule_lemmatize(token)
            if token.pos == VERB:
                forms = silent_e_first(token.lower_, forms)
            if token.pos:  # no part of speech: spaCy warns each time, so it is not memoised
                if len(self._memo) >= self.max_cached:
                    self._memo.clear()
                    self.cache.clear()
                self._memo[key] = forms
        return forms


@Language.factory("claimgraph_attribute_ruler", default_config={"validate": False})
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> TableAttributeRuler:
    return TableAttributeRuler(nlp.vocab, name, validate=validate)


@Language.factory(
    "claimgraph_lemmatizer",
    assigns=["token.lemma"],
    default_config={"mode": "rule", "overwrite": False, "max_cached": 50_000},
)
def make_lemmatizer(
    nlp: Language, name: str, mode: str, overwrite: bool, max_cached: int
) -> MemoLemmatizer:
    return MemoLemmatizer(
        nlp.vocab, None, name, mode=mode, overwrite=overwrite, max_cached=max_cached
    )


def swap_rule_components(nlp: Language) -> None:
    """Put the stand-ins in place of the model's ``attribute_ruler`` and English rule ``lemmatizer``.

    Components of another kind (a lookup lemmatizer, a custom ruler) are left as they are.
    """
    if "attribute_ruler" in nlp.pipe_names:
        old = nlp.get_pipe("attribute_ruler")
        if type(old) is AttributeRuler:
            new = nlp.replace_pipe("attribute_ruler", "claimgraph_attribute_ruler")
            new.add_patterns(old.patterns)
    if "lemmatizer" in nlp.pipe_names:
        old = nlp.get_pipe("lemmatizer")
        if type(old) is EnglishLemmatizer and old.mode == "rule":
            new = nlp.replace_pipe(
                "lemmatizer", "claimgraph_lemmatizer", config={"overwrite": old.overwrite}
            )
            new.adopt(old.lookups)
