"""Output-identical, faster stand-ins for the model's ``attribute_ruler`` and ``lemmatizer``.

Both are spaCy's own classes with a few methods changed, because in a corpus run
they cost more than the parser (about 10 % and 7 % of a worker's time with
en_core_web_sm; docs/corpus.md):

- ``claimgraph_attribute_ruler`` is spaCy's ``AttributeRuler`` with its
  matching and its writing changed. spaCy's ``Matcher`` walks every pattern at
  every token and re-evaluates each set or regex predicate per token. The
  attribute ruler's patterns are fixed-length token tests (a tag map, morph
  rules, a few two-token rules), so they are checked here over the Doc's
  attribute array, all at once: each pattern is looked up by one equality or
  set test (most by the tag or the word form), its other tests checked on
  those candidates only. spaCy's ``set_annotations`` then builds a Span per
  match and sets the target token's attributes one by one, later rules
  overwriting earlier ones; here each written column gets, per token, the
  value of the last rule that targets it and sets that attribute, and the
  columns go back with ``Doc.from_array``: the same plain field writes. A
  rule setting another attribute (a lexeme flag, an extension) or an
  ``index`` outside a match sends the matches through spaCy's
  ``set_annotations``; a pattern this cannot read (an ``OP``, a comparison,
  an extension attribute) sends the whole component back to spaCy's
  ``Matcher``.
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
# Distinct values whose REGEX answer a pattern test remembers (a few MB); then it starts afresh.
MAX_REGEX_HITS = 100_000
# Attributes holding word forms: a pattern is looked up by one of these before a tag or a flag.
LEXICAL_ATTRS = frozenset(("ORTH", "LOWER", "NORM", "LEMMA"))
# Attributes a rule may set for the ruler to write them itself, by id: plain token fields that
# spaCy's set_token_attrs and Doc.from_array both just assign (no lexeme, extension, head or entity
# bookkeeping). A rule setting any other sends the matches through spaCy's set_annotations.
WRITTEN_ATTRS = {IDS[name]: name for name in ("LEMMA", "NORM", "POS", "TAG", "DEP", "MORPH")}

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
    """One pattern token's test on one attribute: ``passes`` answers it for the values of the
    tested tokens (one column of the Doc's attribute array)."""

    def __init__(self, vocab, offset: int, column: int, name: str, value: Any) -> None:
        self.vocab = vocab
        self.offset = offset
        self.column = column
        self.name = name
        self.regex: re.Pattern | None = None
        self.values: numpy.ndarray | None = None
        self.negate = False
        self.equal: int | None = None
        self.regex_hits: dict[int, bool] = {}
        if isinstance(value, dict):
            if len(value) != 1:
                raise Unsupported(value)
            ((predicate, argument),) = value.items()
            if predicate in SET_PREDICATES and isinstance(argument, list):
                self.values = numpy.unique(
                    numpy.array([_value_id(v) for v in argument], dtype=numpy.uint64)
                )
                self.negate = predicate == "NOT_IN"
            elif predicate == "REGEX" and isinstance(argument, str):
                self.regex = re.compile(argument)
            else:
                raise Unsupported(value)
        else:
            self.equal = _value_id(value)

    def anchor_values(self) -> numpy.ndarray | None:
        """The values one of which a passing token holds (an equality or ``IN`` test), else None."""
        if self.equal is not None:
            return numpy.array([self.equal], dtype=numpy.uint64)
        if self.values is not None and not self.negate:
            return self.values
        return None

    def anchor_rank(self) -> tuple[int, int]:
        """Lower for a test fewer tokens are likely to pass: an equality before a set, a word
        form before a tag or a flag. (Only speed depends on it.)"""
        return (0 if self.equal is not None else 1, 0 if self.name in LEXICAL_ATTRS else 1)

    def passes(self, values: numpy.ndarray) -> numpy.ndarray:
        if self.equal is not None:
            return values == self.equal
        if self.values is not None:
            found = _lookup(self.values, values)[1]
            return ~found if self.negate else found
        # the regex runs once per distinct value, and its answers are memoised
        unique, inverse = numpy.unique(values, return_inverse=True)
        keys = unique.tolist()
        unknown = [key for key in keys if key not in self.regex_hits]
        if len(self.regex_hits) + len(unknown) > MAX_REGEX_HITS:
            self.regex_hits.clear()
            unknown = keys
        strings = self.vocab.strings
        for key in unknown:
            self.regex_hits[key] = bool(self.regex.search(strings[key]))
        return numpy.array([self.regex_hits[key] for key in keys], dtype=bool)[inverse]


def _lookup(keys: numpy.ndarray, values: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """For each of ``values``, its position in the sorted ``keys`` and whether it is there."""
    if not len(keys):
        return numpy.zeros(len(values), dtype=numpy.intp), numpy.zeros(len(values), dtype=bool)
    slot = numpy.searchsorted(keys, values)
    slot[slot == len(keys)] = 0
    return slot, keys[slot] == values


def _value_id(value: Any) -> int:
    """The number a Doc array holds for a pattern value (a string's hash, a flag's 0/1)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str):
        return get_string_id(value)
    raise Unsupported(value)


class PatternTable:
    """The ruler's patterns as column tests over a Doc's attribute array, all patterns at once.

    Each pattern is found from one *anchor* test (an equality or ``IN`` test of one of its
    tokens): one sorted lookup per anchored attribute gives every (token, pattern) candidate of
    the Doc; the pattern's other tests are then checked on the candidates only, equality tests of
    the same token offset and attribute for all patterns in one comparison. A pattern without an
    equality or ``IN`` test is tried at every position. ``attrs`` and ``indices`` are the ruler's
    (its normalised attributes and target index per rule), for ``annotate``.
    """

    def __init__(self, vocab, patterns: list[dict], attrs: list[dict], indices: list[int]) -> None:
        names: list[str] = []

        def column(name: str) -> int:
            if name not in names:
                names.append(name)
            return names.index(name)

        # match ids as AttributeRuler keys its rules: the hash of the rule's index as a string
        self.keys = [get_string_id(str(rule)) for rule in range(len(patterns))]
        rules, widths, anchors, others = [], [], [], []
        for rule, group in enumerate(patterns):
            for pattern in group["patterns"]:
                if not pattern:
                    continue
                tests = []
                for offset, spec in enumerate(pattern):
                    for name, value in spec.items():
                        name = ATTR_ALIASES.get(name, name)
                        if name == "OP" or name not in IDS or name == "_":
                            raise Unsupported(name)
                        tests.append(TokenTest(vocab, offset, column(name), name, value))
                anchorable = [test for test in tests if test.anchor_values() is not None]
                anchor = min(anchorable, key=TokenTest.anchor_rank, default=None)
                rules.append(rule)
                widths.append(len(pattern))
                anchors.append(anchor)
                others.append([test for test in tests if test is not anchor])
        count = len(rules)
        self.rule = numpy.array(rules, dtype=numpy.intp)
        self.width = numpy.array(widths, dtype=numpy.intp)
        self.anchor_offset = numpy.array(
            [anchor.offset if anchor else 0 for anchor in anchors], dtype=numpy.intp
        )
        # per anchored column: its sorted values, and for each value the patterns anchored on it
        by_column: dict[int, dict[int, list[int]]] = {}
        self.unanchored: list[int] = []
        for pattern, anchor in enumerate(anchors):
            if anchor is None:
                self.unanchored.append(pattern)
                continue
            for value in anchor.anchor_values().tolist():
                by_column.setdefault(anchor.column, {}).setdefault(value, []).append(pattern)
        self.anchors = []
        for col, members in by_column.items():
            keys = numpy.array(sorted(members), dtype=numpy.uint64)
            lists = [members[key] for key in keys.tolist()]
            bounds = numpy.cumsum([0, *(len(patterns_) for patterns_ in lists)])
            flat = numpy.array([p for patterns_ in lists for p in patterns_], dtype=numpy.intp)
            self.anchors.append((col, keys, bounds, flat))
        # the other equality tests, one group per (token offset, attribute, n-th such test)
        groups: dict[tuple[int, int, int], tuple[numpy.ndarray, numpy.ndarray]] = {}
        self.checks: list[tuple[TokenTest, numpy.ndarray]] = []
        for pattern, tests in enumerate(others):
            seen: dict[tuple[int, int], int] = {}
            for test in tests:
                if test.equal is None:
                    need = numpy.zeros(count, dtype=bool)
                    need[pattern] = True
                    self.checks.append((test, need))
                    continue
                nth = seen[test.offset, test.column] = seen.get((test.offset, test.column), -1) + 1
                need, expected = groups.setdefault(
                    (test.offset, test.column, nth),
                    (numpy.zeros(count, dtype=bool), numpy.zeros(count, dtype=numpy.uint64)),
                )
                need[pattern] = True
                expected[pattern] = test.equal
        self.equal_groups = [
            (offset, col, need, expected) for (offset, col, _), (need, expected) in groups.items()
        ]
        # what each rule writes, as columns of the same array: None if spaCy's set_annotations must
        self.index = numpy.array(indices, dtype=numpy.intp)
        self.writes: list[tuple[int, numpy.ndarray, numpy.ndarray]] | None = None
        settings = [(attr, value) for rule_attrs in attrs for attr, value in rule_attrs.items()]
        if all(
            attr in WRITTEN_ATTRS and isinstance(value, int) and value >= 0
            for attr, value in settings
        ):
            self.writes = []
            for attr in sorted({attr for attr, _ in settings}):
                sets = numpy.array([attr in rule_attrs for rule_attrs in attrs], dtype=bool)
                values = numpy.array(
                    [rule_attrs.get(attr, 0) for rule_attrs in attrs], dtype=numpy.uint64
                )
                self.writes.append((column(WRITTEN_ATTRS[attr]), sets, values))
        self.attr_ids = [IDS[name] for name in names]

    def find(self, array: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """``(rule, start, end)`` of every match in the Doc's attribute ``array`` (in no order;
        a span two patterns of a rule match is there twice)."""
        length = len(array)
        patterns, starts = [], []
        for col, keys, bounds, flat in self.anchors:
            slot, known = _lookup(keys, array[:, col])
            tokens = numpy.flatnonzero(known)
            if not tokens.size:
                continue
            first = bounds[slot[tokens]]
            counts = bounds[slot[tokens] + 1] - first
            # the members of each token's value, one (token, pattern) candidate each
            member = numpy.repeat(first - (numpy.cumsum(counts) - counts), counts)
            member += numpy.arange(len(member))
            found = flat[member]
            patterns.append(found)
            starts.append(numpy.repeat(tokens, counts) - self.anchor_offset[found])
        for pattern in self.unanchored:
            positions = numpy.arange(max(length - self.width[pattern] + 1, 0))
            patterns.append(numpy.full(len(positions), pattern, dtype=numpy.intp))
            starts.append(positions)
        if not patterns:
            empty = numpy.zeros(0, dtype=numpy.intp)
            return empty, empty, empty
        pattern = numpy.concatenate(patterns)
        start = numpy.concatenate(starts)
        inside = (start >= 0) & (start + self.width[pattern] <= length)
        pattern, start = pattern[inside], start[inside]
        ok = numpy.ones(len(pattern), dtype=bool)
        for offset, col, need, expected in self.equal_groups:
            at = numpy.flatnonzero(need[pattern])
            if at.size:
                ok[at] &= array[start[at] + offset, col] == expected[pattern[at]]
        for test, need in self.checks:
            at = numpy.flatnonzero(need[pattern])
            if at.size:
                ok[at] &= test.passes(array[start[at] + test.offset, test.column])
        pattern, start = pattern[ok], start[ok]
        return self.rule[pattern], start, start + self.width[pattern]

    def array(self, doc: Doc) -> numpy.ndarray:
        return doc.to_array(self.attr_ids).reshape(len(doc), len(self.attr_ids))

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(rule index, match id, start, end)`` of every match, in AttributeRuler's order."""
        if not len(doc) or not len(self.rule):
            return []
        rules, starts, ends = self.find(self.array(doc))
        keys = self.keys
        return sorted(
            {
                (rule, keys[rule], start, end)
                for rule, start, end in zip(
                    rules.tolist(), starts.tolist(), ends.tolist(), strict=True
                )
            }
        )

    def annotate(self, doc: Doc) -> bool:
        """Write what spaCy's ``set_annotations`` would: for each token and attribute, the value
        of the last rule (the highest index: AttributeRuler applies its matches by rule) whose match
        targets the token and sets it. False, with the Doc untouched, where that cannot be done here
        (an attribute other than WRITTEN_ATTRS, an ``index`` outside a match)."""
        if self.writes is None:
            return False
        if not len(doc) or not len(self.rule):
            return True
        array = self.array(doc)
        rules, starts, ends = self.find(array)
        if not len(rules):
            return True
        index = self.index[rules]
        targets = numpy.where(index >= 0, starts, ends) + index
        if ((targets < starts) | (targets >= ends)).any():
            return False
        order = numpy.lexsort((rules, targets))  # by target token, then rule
        for col, sets, values in self.writes:
            chosen = order[sets[rules[order]]]
            if not chosen.size:
                continue
            tokens = targets[chosen]
            last = numpy.append(tokens[1:] != tokens[:-1], True)
            array[tokens[last], col] = values[rules[chosen[last]]]
        cols = [col for col, _, _ in self.writes]
        doc.from_array([self.attr_ids[col] for col in cols], array[:, cols])
        return True


class TableAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with its patterns matched as column tests and its matches applied
    as column writes (see the module docstring)."""

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

    def table(self) -> PatternTable | None:
        """The patterns as a PatternTable, None if one uses syntax it does not read."""
        if not self._table_read:
            try:
                self._table = PatternTable(self.vocab, self.patterns, self.attrs, self.indices)
            except Unsupported:
                self._table = None
            self._table_read = True
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        table = self.table()
        if table is None:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            if not table.annotate(doc):
                self.set_annotations(doc, table.matches(doc))
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def match(self, doc: Doc):
        table = self.table()
        if table is None:
            return super().match(doc)
        return table.matches(doc)


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
