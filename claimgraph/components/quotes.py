"""claimgraph_quotes: direct, indirect and mixed quotes, with their cue and speaker.

Reads the parse and ``doc._.actors``; writes ``doc._.quotes`` (SPEC.md quote
dicts with char offsets) and the content spans to ``doc.spans["claimgraph_quotes"]``
(label = kind).

How it works, in four passes over a Doc:

1. Quotation marks are classified one by one (open, close, either, or an
   apostrophe) from the characters around them and paired per paragraph by
   kind: curly and guillemet marks are unambiguous, straight marks use
   whitespace. A quote left open at a paragraph break continues when the next
   paragraph opens a quote (the newspaper convention), otherwise its mark is
   logged and skipped. Single marks pair inside double quotes (nested) and on
   their own (British style, headlines).
2. Indirect speech comes from the cue lexicon (``data/en/cues.tsv``): a cue
   verb with a clausal complement ("X said that ...", "US officials fear"
   with a fronted clause, "the plan, he said, will fail"), a cue phrase
   ("according to X", "in a statement"), a cue noun with a that-clause.
3. A quoted stretch inside an indirect quote's complement makes it ``mixed``;
   otherwise a long enough quoted stretch is ``direct`` and gets its cue and
   speaker from the words around it ("...," she said / he replied: "..."),
   else carries on the speaker of the quote just before it. A short or
   embedded quoted phrase in an argument of any verb with a source subject
   ("admires Putin as a "strong leader"") is a mixed quote of that subject.
   Attributions nested in another quote's content are dropped (``nested``).
4. Speakers are resolved to actors with ``actor_at`` from claimgraph_actors;
   pronouns go to the nearest earlier compatible actor. Nothing is guessed:
   no cue → speaker null; no actor → ``actor`` null.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import ADJ, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from .. import lexicons
from . import register_extensions
from .actors import actor_at
from .quote_marks import Segment, find_segments, paragraph_of, paragraph_starts
from .speakers import (
    byline_name,
    governing_subject,
    mention_tokens,
    noun_speaker,
    phrase_speaker,
    resolve_pronoun,
    subject,
)

logger = logging.getLogger(__name__)

SPANS_KEY = "claimgraph_quotes"
# cue evidence: one span per quote with a cue, label = the quote id
CUES_KEY = "claimgraph_quote_cues"
CUE_COLUMNS = ("cue", "type", "meaning", "factuality")

# A transcript line's speaker label at the start of a quote ("PENCE: Well, look, ..."; "Q: ..."): capitals, a colon
TRANSCRIPT_LABEL = re.compile(r"((?:[A-Z][A-Z.'\-]*\s){0,3}[A-Z][A-Z.'\-]*):\s+")
# Content characters that end a quote "open" for an attribution after it ("...," she said).
CONTINUING_END = re.compile(r"[,?!\u2014\u2013-]\s*$")

SENTENCE_END = {".", "!", "?"}
# which cue tables a lemma is in (bits), and how many lemmas the component remembers that for
VERB_CUE, NOUN_CUE, ADJECTIVE_CUE = 1, 2, 4
LEMMA_CACHE_SIZE = 100_000
# the cue table a word of each part of speech is looked up in
CUE_KIND_OF_POS = {VERB: VERB_CUE, NOUN: NOUN_CUE, PROPN: NOUN_CUE, ADJ: ADJECTIVE_CUE}
# the most words a speaker between a quote and its cue may have when read without the parse
MAX_FRAME_WORDS = 8
COMPLEMENT_DEPS = {"ccomp"}
# a cue in the past or the third person singular, and the base forms no conjoined predicate of it can take
TENSED_TAGS = {"VBD", "VBZ"}
BASE_TAGS = {"VB", "VBP"}
INTENTION_MEANINGS = {"intention", "hope"}
# a cue verb's nominal content: its object and predicate ("called him a liar"), and "as"/"of"/"for" phrases
# ("described her as ...", "accused him of ...", "attacked Clinton for her support of ...")
OBJECT_DEPS = {"dobj", "oprd", "attr"}
# how an attitude adjective is predicated of a subject ("are afraid", "seem confident", "left angry")
PREDICATIVE_DEPS = {"acomp", "oprd", "xcomp", "advcl"}
OBJECT_PREPS = {"as", "of", "for"}
# with no object, the phrase naming what a cue's words are about ("complained about", "spoke of")
TOPIC_PREPS = {"about", "of", "against"}
# what a cue noun's words are about ("concern about the policy"; "of" and "on" name the speaker or the
# charge as often: "the statement of the council", "charges on all counts")
NOUN_TOPIC_PREPS = {"about", "over"}
# cue meanings whose direct object may be the content ("cited the report", "denied the charges"); the object
# of a knowledge, perception or belief verb is a thing found or seen ("showed signs of frailty"), not words
OBJECT_MEANINGS = {"speech", "report", "denial", "intention"}
# the arguments of a non-cue verb whose quoted words are attributed to its subject ("admires Putin as a
# "strong leader"", "bemoaning the "phony system"", "exhorted Republicans to "vote your conscience"")
EMBEDDED_DEPS = {"dobj", "oprd", "attr", "prep", "xcomp", "ccomp", "dative", "acomp"}
# prepositions whose phrase can hold what a verb's subject says with no object before it ("talks about",
# "went on about", "agreed to", "voted for"); place and time phrases ("on "Face the Nation"") cannot
EMBEDDED_PREPS = {"about", "as", "of", "for", "to", "against", "over", "after", "like"}
# and after an object ("blamed the shootings on "implicit bias"", "replaced it with "appropriate assistance"")
OBJECT_THEN_PREPS = {"on", "with"}
# prepositions of time and circumstance: their phrase after a quoted noun is the writer's, wherever the parser
# hangs it ("a "crazy system" during a stop in Flint", "a "strong leader" despite the sanctions")
CIRCUMSTANCE_PREPS = {"during", "despite", "after", "before", "since", "until", "amid", "following"}
# subjects that quote nobody when a quoted phrase sits in their verb's argument ("it comes as "too loud"")
NON_SPEAKERS = {"it", "this", "that", "there"}
# the subject of a relative clause that is the relative pronoun itself ("who said"), not a speaker of its own
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# punctuation that sets a clause off from the content before it
SET_OFF = {",", "--", "\u2014", "\u2013"}
SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
# conjunctions of a concessive clause that ends a content ("…, although he refused to …"): the writer's
CONCESSIVE = {"although", "though"}

# Confidence of each way a quote is found: a hand-set prior, ordered by how reliable each rule
# looked in the PolNeAR dev error review (not a calibrated probability).
CONFIDENCE = {
    "direct_framed": 0.9,
    "direct_carried": 0.75,
    "direct_cue_only": 0.6,
    "direct_alone": 0.5,
    "verb": 0.8,
    "object": 0.5,
    "parenthetical": 0.7,
    "phrase": 0.8,
    "noun": 0.6,
    "adjective": 0.6,
    "mixed": 0.8,
    "embedded": 0.45,
}


@dataclass
class Found:
    """One quote before it becomes a SPEC dict."""

    kind: str
    content: tuple[int, int]  # token range [start, end)
    cue: str | None
    cue_tokens: tuple[int, ...]
    speaker: Token | None
    confidence: float
    segments: list[Segment] = field(default_factory=list)
    # the cue tokens the speaker mention was found with (differs when the speaker is carried on)
    mention_cue: tuple[int, ...] = ()
    # the speaker mention's token range when it is not read from the parse (a byline's name)
    mention: tuple[int, int] | None = None
    # the cue is the previous quote's, carried on with its speaker
    carried_cue: bool = False
    # a nominal content ("called him a "liar"") counts only when it quotes words
    needs_quote: bool = False
    # the content is a noun phrase (a cue verb's object), which ends with its quoted words
    nominal: bool = False


@Language.factory(
    "claimgraph_quotes",
    assigns=["doc._.quotes", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={
        "min_quote_words": 4,
        "mixed_ratio": 0.8,
        "nested": False,
        "carry_paragraphs": 1,
        "object_content": True,
    },
)
def make_quotes(
    nlp: Language,
    name: str,
    min_quote_words: int,
    mixed_ratio: float,
    nested: bool,
    carry_paragraphs: int,
    object_content: bool,
):
    return QuoteFinder(
        nlp,
        name,
        min_quote_words=min_quote_words,
        mixed_ratio=mixed_ratio,
        nested=nested,
        carry_paragraphs=carry_paragraphs,
        object_content=object_content,
    )


class QuoteFinder:
    """The claimgraph_quotes component.

    ``min_quote_words``: fewer words between quote marks is a scare quote, not a direct quote.
    ``mixed_ratio``: a quoted stretch covering at least this share of an indirect quote's
    complement makes it a direct quote; less makes it mixed.
    ``nested``: also report attributions inside direct quotes ("we believe that ...") and inside another
    quote's content ("the minister said that officials believe ...": only "said" by default, as
    PolNeAR annotates).
    ``carry_paragraphs``: how many paragraphs back an unattributed quote looks for a speaker.
    ``object_content``: also read a cue verb's direct object as its content ("Clinton cited the
    report", PolNeAR-style); off by default: more recall, much less precision.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        min_quote_words=4,
        mixed_ratio=0.8,
        nested=False,
        carry_paragraphs=1,
        object_content=True,
    ):
        self.name = name
        self.vocab = nlp.vocab
        self.make_doc = nlp.make_doc
        self.min_quote_words = min_quote_words
        self.mixed_ratio = mixed_ratio
        self.nested = nested
        self.carry_paragraphs = carry_paragraphs
        self.object_content = object_content
        self.cues: list[dict[str, str]] = []
        self.pronouns: dict[str, dict[str, str]] = {}
        self.not_content_objects: set[str] = set()
        self.verb_cues: dict[str, list[dict[str, str]]] = {}
        self.noun_cues: dict[str, dict[str, str]] = {}
        self.adjective_cues: dict[str, dict[str, str]] = {}
        self.phrases: dict[str, dict[str, str]] = {}
        self.phrase_matcher: PhraseMatcher | None = None
        self.lemma_kinds: dict[int, int] = {}  # _lemma_kinds: lemma hash -> cue table bits
        register_extensions()

    # -- data -----------------------------------------------------------------

    def initialize(
        self, get_examples=None, *, nlp=None, lexicon: str | Path | None = None, user_actors=None
    ):
        """Load the cue lexicon: the packaged one, or a user's TSV file with the same columns."""
        rows = (
            lexicons.load_file(lexicon, CUE_COLUMNS)
            if lexicon
            else list(lexicons.load("cues", required=CUE_COLUMNS))
        )
        self._set_cues(rows)

    def _set_cues(self, rows: list[dict[str, str]]) -> None:
        self.cues = [dict(row) for row in rows]
        self.verb_cues, self.noun_cues, self.adjective_cues, self.phrases = {}, {}, {}, {}
        self.lemma_kinds = {}
        self.phrase_matcher = PhraseMatcher(self.vocab, attr="LOWER")
        for row in self.cues:
            words = row["cue"].lower().split()
            if row["type"] == "verb":
                self.verb_cues.setdefault(words[0], []).append(row)
            elif row["type"] == "noun":
                self.noun_cues[words[0]] = row
            elif row["type"] == "adj":
                self.adjective_cues[words[0]] = row
            else:
                self.phrases[row["cue"].lower()] = row
                self.phrase_matcher.add(row["cue"].lower(), [self.make_doc(row["cue"].lower())])
        # particle cues ("point out") before bare ones ("point")
        for options in self.verb_cues.values():
            options.sort(key=lambda row: -len(row["cue"].split()))
        self.pronouns = {
            row["pronoun"]: row
            for row in lexicons.load("speaker_pronouns", required=("pronoun", "kinds"))
        }
        self.not_content_objects = {
            row["cue"] for row in lexicons.load("cue_objects", required=("cue", "object"))
        }

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        header = list(self.cues[0]) if self.cues else list(CUE_COLUMNS)
        lines = ["\t".join(header)] + [
            "\t".join(row.get(col, "") for col in header) for row in self.cues
        ]
        (path / "cues.tsv").write_text("\n".join(lines) + "\n", "utf-8")

    def from_disk(self, path, exclude=()):
        self._set_cues(lexicons.load_file(Path(path) / "cues.tsv", CUE_COLUMNS))
        return self

    # -- the component --------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if self.phrase_matcher is None:
            self.initialize()
        text = doc.text  # spaCy joins the tokens again on every doc.text: read it once
        paragraphs = paragraph_starts(text)
        segments = find_segments(text, paragraphs)
        top = [seg for seg in segments if not seg.nested]
        quoted = token_segments(doc, top)
        phrases = {
            start: (end, self.phrases[self.vocab.strings[key]])
            for key, start, end in self.phrase_matcher(doc)
        }
        indirect = [clip(doc, item, paragraphs) for item in self._indirect(doc, quoted, phrases)]
        indirect = [item for item in indirect if item is not None]
        found = self._direct(doc, text, top, quoted, indirect, paragraphs, phrases)
        if not self.nested:
            found = outermost(relative_attributions(doc, found))
        found.sort(key=lambda item: item.content[0])
        doc._.quotes = [self._record(doc, text, item, index) for index, item in enumerate(found, 1)]
        doc.spans[SPANS_KEY] = [
            Span(doc, item.content[0], item.content[1], label=item.kind) for item in found
        ]
        doc.spans[CUES_KEY] = [
            Span(doc, min(item.cue_tokens), max(item.cue_tokens) + 1, label=f"q{index}")
            for index, item in enumerate(found, 1)
            if item.cue_tokens
        ]
        return doc

    def cue_row(self, cue: str) -> dict[str, str] | None:
        """The lexicon row of a cue lemma or phrase (for the factuality component)."""
        cue = cue.lower()
        if cue in self.phrases:
            return self.phrases[cue]
        for row in self.verb_cues.get(cue.split()[0], []):
            if row["cue"] == cue:
                return row
        return self.noun_cues.get(cue) or self.adjective_cues.get(cue)

    # -- indirect speech ------------------------------------------------------

    def _next_act(self, cue: Token) -> bool:
        """Is this cue verb, with no subject of its own, conjoined to another cue's clausal complement (the
        speaker's next act, which ends that complement: ``complement_tokens``)?"""
        head = cue.head
        return (
            cue.dep_ == "conj"
            and head.dep_ in COMPLEMENT_DEPS
            and head.head.i != head.i
            and self._is_verb_cue(head.head)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
        )

    def _issuer(self, cue: Token) -> Token | None:
        """The speaker of a cue participle on a cue noun: the noun's own speaker ("the council issued a
        statement calling the test "a clear violation"": the council), else the noun itself ("a statement
        announcing that …"), or None."""
        if (
            cue.dep_ == "acl"
            and cue.tag_ == "VBG"
            and cue.head.pos_ in ("NOUN", "PROPN")
            and cue.head.lemma_.lower() in self.noun_cues
        ):
            return noun_speaker(cue.head) or cue.head
        return None

    def _is_verb_cue(self, token: Token) -> bool:
        return self._verb_cue(token) is not None

    def _verb_cue(self, token: Token) -> dict[str, str] | None:
        if token.pos_ != "VERB":
            return None
        for row in self.verb_cues.get(token.lemma_.lower(), []):
            words = row["cue"].split()
            if len(words) == 1 or any(
                c.lower_ == words[1] and c.dep_ in ("prt", "prep", "dobj") for c in token.children
            ):
                return row
            if words[1] == "to" and any(_infinitive(c) for c in token.children):
                return row  # "agreed to release the cash": "to" marks the infinitive
        return None

    def _cue_candidates(self, doc: Doc) -> list[int]:
        """The indices, in order, of the tokens that can be a cue verb, noun or adjective: part of speech and
        lowercased lemma in the lexicon (read from ``doc.to_array``, without a Token per word)."""
        if not len(doc):
            return []
        columns = doc.to_array([POS, LEMMA])
        pos = columns[:, 0]
        at = numpy.flatnonzero((pos == VERB) | (pos == NOUN) | (pos == PROPN) | (pos == ADJ))
        known = self.lemma_kinds
        found = []
        for i, tag, lemma in zip(
            at.tolist(), pos[at].tolist(), columns[at, 1].tolist(), strict=True
        ):
            kinds = known.get(lemma)
            if kinds is None:
                kinds = self._lemma_kinds(lemma)
            if kinds & CUE_KIND_OF_POS[tag]:
                found.append(i)
        return found

    def _lemma_kinds(self, lemma: int) -> int:
        """Which cue tables (VERB_CUE | NOUN_CUE | ADJECTIVE_CUE bits) hold this lemma (a string hash),
        lowercased; remembered per hash (up to LEMMA_CACHE_SIZE, then forgotten all at once)."""
        if len(self.lemma_kinds) >= LEMMA_CACHE_SIZE:
            self.lemma_kinds.clear()
        word = self.vocab.strings[lemma].lower()
        kinds = (
            (VERB_CUE if word in self.verb_cues else 0)
            | (NOUN_CUE if word in self.noun_cues else 0)
            | (ADJECTIVE_CUE if word in self.adjective_cues else 0)
        )
        self.lemma_kinds[lemma] = kinds
        return kinds

    def _indirect(self, doc: Doc, quoted: list[int | None], phrases: dict) -> list[Found]:
        found: list[Found] = []
        used: set[int] = set()
        for start, (end, row) in phrases.items():
            if not self.nested and quoted[start] is not None:
                continue
            item = phrase_quote(doc, start, end, row)
            phrase = doc[start:end]
            if (
                item is not None
                and phrase_speaker(phrase) is None
                and self._verb_cue(_clause(phrase)) is not None
            ):
                continue  # "X said in a statement": the verb is the cue
            if item is not None:
                found.append(item)
                used.update(item.cue_tokens)
        for i in self._cue_candidates(doc):
            if i in used or (not self.nested and quoted[i] is not None):
                continue
            token = doc[i]
            row = self._verb_cue(token)
            if row is not None:
                item = verb_quote(
                    token,
                    row,
                    self.object_content
                    and row["meaning"] in OBJECT_MEANINGS
                    and row["cue"] not in self.not_content_objects,
                    is_cue=self._is_verb_cue,
                )
            elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in self.noun_cues:
                item = noun_quote(
                    token, self.noun_cues[token.lemma_.lower()]
                ) or source_phrase_quote(token, self.noun_cues[token.lemma_.lower()])
                verb = (
                    token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else None
                )
                verb_row = self._verb_cue(verb) if verb is not None else None
                if item is not None and verb_row is not None:
                    # "said in a statement that ...": the verb is the cue, its subject the speaker
                    item.cue, item.cue_tokens, item.speaker = (
                        verb_row["cue"],
                        (verb.i,),
                        subject(verb),
                    )
                    used.add(verb.i)
            elif token.pos_ == "ADJ" and token.lemma_.lower() in self.adjective_cues:
                item = adjective_quote(token, self.adjective_cues[token.lemma_.lower()])
            else:
                continue
            if item is not None:
                if row is not None and self._next_act(token):
                    # "X said that was not her view and dismissed the reports": X dismissed them
                    item.speaker = subject(token.head.head)
                if item.speaker is None and row is not None:
                    item.speaker = self._issuer(token)
                if quoted[token.i] is None:
                    # a subject in quotation marks is a title misparsed as one ('on "Fox and Friends."')
                    item.speaker = outside(item.speaker, quoted)
                found.append(item)
        return found

    # -- direct quotes --------------------------------------------------------

    def _direct(self, doc, text, segments, quoted, indirect, paragraphs, phrases) -> list[Found]:
        """Turn quoted stretches into direct quotes, mixed quotes or nothing (scare quotes)."""
        direct: list[Found] = []
        embedded: list[Found] = []
        last_core: dict[int, tuple[Found, list[Token]]] = {}
        short_carried: list[Found] = []
        # a short quote (a nickname, a title) does not end the frame of the quote next to it
        short = short_segments(doc, segments, self.min_quote_words)
        stops = [None if number in short else number for number in quoted]
        for index, seg in enumerate(segments):
            content = doc.char_span(seg.start, seg.end, alignment_mode="expand")
            core = [t for t in content or () if not (t.is_punct or t.is_space)]
            if not core:
                continue
            lo, hi = core[0].i, core[-1].i + 1
            outers = [
                item
                for item in indirect
                if item.content[0] <= lo
                and hi <= item.content[1]
                and (hi - lo) / max(1, item.content[1] - item.content[0]) < self.mixed_ratio
            ]
            for outer in outers:
                outer.kind = "mixed"
                outer.confidence = CONFIDENCE["mixed"]
                outer.segments.append(seg)
                if outer.nominal:
                    last_core[id(outer)] = (outer, core)
            if outers:
                continue
            fragment = self._fragment(doc, seg, content)
            if len(core) < self.min_quote_words and not fragment and self._whole(doc, text, seg):
                # a short sentence quoted whole and framed by its cue ("“You winning?” she said")
                item = self._frame(doc, text, index, segments, quoted, stops, content, phrases)
                if item.cue is not None and item.speaker is not None:
                    direct.append(item)
                    continue
            if (
                len(core) < self.min_quote_words
                and not fragment
                and continues(doc, seg, direct, paragraphs)
            ):
                # a short quote opening the sentence after a speaker's quote in the same paragraph goes on
                # with it ('"I would," Melanie said to the TV. "I would, Donald."'), if _carry finds its speaker
                item = self._frame(doc, text, index, segments, quoted, stops, content, phrases)
                if item.cue is None and item.speaker is None:
                    short_carried.append(item)
                    direct.append(item)
                    continue
            if len(core) < self.min_quote_words or fragment:
                item = embedded_quote(core, quoted)
                if item is not None and self._speaks(doc, item.speaker):
                    embedded.append(item)
                continue
            item = self._frame(doc, text, index, segments, quoted, stops, content, phrases)
            if item.cue is None and item.speaker is None:
                # no cue around it: a quote that is an argument of a verb with a source subject is theirs
                # ("he characterized Kaine as, "a little desperate there, …"")
                governing = embedded_quote(core, quoted)
                if governing is not None and self._speaks(doc, governing.speaker):
                    item.cue, item.cue_tokens = governing.cue, governing.cue_tokens
                    item.speaker, item.confidence = governing.speaker, CONFIDENCE["embedded"]
            direct.append(item)
        for outer, core in last_core.values():
            outer.content = ends_with_quote(outer.content, core)
        self._carry(doc, direct, indirect, paragraphs)
        direct = [
            item
            for item in direct
            if item.speaker is not None or not any(item is short for short in short_carried)
        ]
        lead_in(doc, direct, indirect)
        # an indirect reading of a direct quote's own cue, or of its words, is the same attribution
        direct_cues = {i for item in direct if not item.carried_cue for i in item.cue_tokens}
        indirect = [item for item in indirect if item.kind == "mixed" or not item.needs_quote]
        kept = [
            item
            for item in indirect
            if item.kind == "mixed" or not _duplicate(item, direct, direct_cues)
        ]
        return direct + kept + _merge_embedded(embedded, direct + kept)

    def _speaks(self, doc: Doc, token: Token) -> bool:
        """Can this subject be a source: a personal pronoun, or a phrase naming an actor, a person, a
        group or a place ("the two Republican presidents")?"""
        if token.lower_ in NON_SPEAKERS:
            return False
        mention = mention_tokens(token)
        return token.tag_ == "PRP" or any(
            actor_at(doc, t) is not None or t.ent_type_ in SPEAKER_ENTITIES
            for t in doc[mention[0] : mention[-1] + 1]
        )

    def _whole(self, doc: Doc, text: str, seg: Segment) -> bool:
        """Does the quote open a sentence and end inside its marks with a comma, ? or ! (so a cue follows:
        “I love you,” he said)?"""
        return (
            seg.close_at is not None
            and bool(CONTINUING_END.search(text, seg.start, seg.end))
            and opens_sentence(doc, seg)
        )

    def _fragment(self, doc: Doc, seg: Segment, content: Span) -> bool:
        """A quoted phrase inside a sentence ('are "lies and conspiracy theories."'): the word just before the
        opening mark is neither a cue nor "that", so the marks quote words, not a statement."""
        before = doc.char_span(seg.open_at, seg.open_at + 1, alignment_mode="expand")
        if before is None or before.start == 0:
            return False
        previous = doc[before.start - 1]
        if previous.is_space or not previous.text[-1:].isalnum():
            return False
        return previous.lower_ != "that" and self._verb_cue(previous) is None

    def _frame(
        self, doc, text, index, segments, quoted, stops, content: Span, phrases: dict
    ) -> Found:
        """Cue and speaker of a direct quote from the words after or before it (up to the quotes in
        ``stops``)."""
        seg = segments[index]
        transcript = self._transcript(doc, text, seg)
        if transcript is not None:
            return transcript
        after, stop = region(doc, stops, seg, forward=True)
        before, _ = region(doc, stops, seg, forward=False)
        continuing = bool(CONTINUING_END.search(text, seg.start, seg.end)) or seg.close_at is None
        close = seg.close_end
        byline = byline_name(after, text[close : close + 4]) if close is not None else None
        if (
            byline is not None
        ):  # "..." ― Karen Bobadilla: the dash (or the mark glued to it) is the evidence
            dash = next(
                (t for t in after if not t.is_space and not any(c.isalnum() for c in t.text)),
                doc.char_span(close - 1, close, alignment_mode="expand")[0],
            )
            return Found(
                "direct",
                (content.start, content.end),
                None,
                (dash.i,),
                byline[0],
                CONFIDENCE["direct_framed"],
                [seg],
                mention=byline[1],
            )
        for tokens, forward in ((after, True), (before, False)):
            cue = self._region_cue(doc, tokens, quoted, phrases)
            if cue is None:
                continue
            cue_token, row, speaker = cue
            # after a finished sentence ("..." She adds, "..."), a cue that leads into the next quote is not ours
            # after a finished sentence, only a short frame ("…." Jones said.), not a sentence of its own
            own_sentence = (
                not _outside_complement(cue_token, quoted)
                and stop != "quote"
                and sum(1 for t in tokens if t.i < cue_token.i and not t.is_punct)
                <= MAX_FRAME_WORDS
            )
            if forward and not (continuing or _lowercase_start(tokens) or own_sentence):
                continue
            if not forward and _outside_complement(cue_token, quoted, before=tokens):
                continue
            mention = None
            if speaker is None and (forward or not any(t.i < cue_token.i for t in tokens)):
                # after the quote, or before it with the cue first ("Said Ellis: "…"")
                speaker, mention = self._frame_mention(doc, tokens, cue_token)
            confidence = (
                CONFIDENCE["direct_framed"]
                if speaker is not None
                else CONFIDENCE["direct_cue_only"]
            )
            return Found(
                "direct",
                (content.start, content.end),
                row["cue"],
                (cue_token.i,),
                speaker,
                confidence,
                [seg],
                mention=mention,
            )
        return Found(
            "direct",
            (content.start, content.end),
            None,
            (),
            None,
            CONFIDENCE["direct_alone"],
            [seg],
        )

    def _transcript(self, doc: Doc, text: str, seg: Segment) -> Found | None:
        """A transcript line quoted whole ('"PENCE: Well, look, ...'): the label is the speaker, the colon the
        cue evidence, the words after it the content."""
        label = TRANSCRIPT_LABEL.match(text, seg.start)
        if label is None or label.end() >= seg.end:
            return None
        name = doc.char_span(label.start(1), label.end(1), alignment_mode="expand")
        colon = doc.char_span(label.end(1), label.end(1) + 1, alignment_mode="expand")
        content = doc.char_span(label.end(), seg.end, alignment_mode="expand")
        if name is None or colon is None or content is None:
            return None
        return Found(
            "direct",
            (content.start, content.end),
            None,
            (colon[0].i,),
            name.root,
            CONFIDENCE["direct_framed"],
            [dataclasses.replace(seg, start=label.end())],
        )

    def _frame_mention(self, doc: Doc, tokens: list[Token], cue: Token):
        """ "...," Tulsa police Chief Chuck Jordan said: when the parse gives the cue no subject (here it read
        "Tulsa" as a verb), the words between the closing mark and the cue, or after a cue that comes first
        ("said Mr. Burman"), are the speaker if they name an actor, a person, a group or a place, or are a
        pronoun. Returns (head, token range) or (None, None)."""
        tokens = sorted(tokens, key=lambda t: t.i)  # a region before a quote runs nearest first
        before = [t for t in tokens if t.i < cue.i]
        words = before if before else [t for t in tokens if t.i > cue.i]
        while words and (words[0].is_punct or words[0].is_space):
            words.pop(0)
        while words and (words[-1].is_punct or words[-1].is_space):
            words.pop()
        if not words or len(words) > MAX_FRAME_WORDS or any(t.i == cue.i for t in words):
            return None, None
        if not any(
            t.tag_ == "PRP" or t.ent_type_ in SPEAKER_ENTITIES or actor_at(doc, t) is not None
            for t in words
        ):
            return None, None
        return words[-1], (words[0].i, words[-1].i + 1)

    def _region_cue(self, doc, tokens: list[Token], quoted, phrases: dict):
        """The nearest cue in a frame region: (cue token, lexicon row, speaker head or None)."""
        for token in tokens:
            row = self._verb_cue(token)
            if row is not None:
                return token, row, outside(subject(token) or self._issuer(token), quoted)
            if token.i in phrases:
                end, row = phrases[token.i]
                return token, row, outside(phrase_speaker(doc[token.i : end]), quoted)
        return None

    def _carry(
        self, doc, direct: list[Found], indirect: list[Found], paragraphs: list[int]
    ) -> None:
        """Unattributed quotes carry on the speaker of the quote just before them, when they open their
        sentence or follow that quote's own cue in it ("X said she has the quality: "…""); other words
        before a quote in its sentence are a frame of its own, unread ("He shrugged it off -- "…"")."""
        everything = sorted(direct + indirect, key=lambda item: item.content[0])
        for item in direct:
            if item.speaker is not None:
                continue
            para = paragraph_of(paragraphs, doc[item.content[0]].idx)
            earlier = [
                other
                for other in everything
                if other.content[0] < item.content[0]
                and other.speaker is not None
                and other is not item
            ]
            if not earlier:
                continue
            previous = earlier[-1]
            quoted_before = [other for other in earlier if other.kind != "indirect"]
            if (
                previous.kind == "indirect"
                and quoted_before
                and len(previous.cue_tokens) == 1
                and quoted_before[-1].cue_tokens
                and doc[previous.cue_tokens[0]].tag_ == "VBG"
                and doc[previous.cue_tokens[0]].head.i == quoted_before[-1].cue_tokens[0]
            ):
                # '"…," said Caddell, speaking of her health. "…"': the participle's words are an aside of
                # the quote's own frame; the quote goes on with the quote before it
                previous = quoted_before[-1]
            if (
                para - paragraph_of(paragraphs, doc[previous.content[0]].idx)
                > self.carry_paragraphs
            ):
                continue
            if not opens_sentence(doc, item.segments[0]) and not (
                previous.cue_tokens
                and doc[previous.cue_tokens[0]].sent.start == doc[item.content[0]].sent.start
            ):
                continue
            item.speaker = previous.speaker
            item.mention_cue = previous.mention_cue or previous.cue_tokens
            item.mention = previous.mention
            if item.cue is None:
                item.cue, item.cue_tokens = previous.cue, previous.cue_tokens
                item.carried_cue = True
            item.confidence = CONFIDENCE["direct_carried"]

    # -- records --------------------------------------------------------------

    def _record(self, doc: Doc, text: str, item: Found, index: int) -> dict:
        span = doc[item.content[0] : item.content[1]]
        start, end = span.start_char, span.end_char
        if item.kind == "direct":
            start, end = item.segments[0].start, item.segments[0].end
        elif item.kind == "mixed":  # take in the quotation marks at the edges of the content
            start = min([start] + [seg.open_at for seg in item.segments])
            end = max([end] + [seg.close_end for seg in item.segments if seg.close_end is not None])
        return {
            "id": f"q{index}",
            "kind": item.kind,
            "text": text[start:end],
            "span": [start, end],
            "cue": item.cue,
            "speaker": self._speaker(
                doc, item.speaker, item.mention_cue or item.cue_tokens, item.mention
            ),
            "confidence": item.confidence,
        }

    def _speaker(
        self,
        doc: Doc,
        head: Token | None,
        cue_tokens: tuple[int, ...],
        mention: tuple[int, int] | None = None,
    ) -> dict | None:
        if head is None:
            return None
        if mention is None and head.lower_ in self.pronouns:
            head = self._governing(doc, head, cue_tokens)
        if mention is None:
            tokens = mention_tokens(head, cue_tokens)
            mention = tokens[0], tokens[-1] + 1
        span = doc[mention[0] : mention[1]]
        return {
            "text": span.text,
            "span": [span.start_char, span.end_char],
            "actor": self._actor(doc, head, span),
        }

    def _governing(self, doc: Doc, pronoun: Token, cue_tokens: tuple[int, ...]) -> Token:
        """A pronoun speaker in a clause embedded under a verb whose subject is the same actor speaks as
        that subject ("Lynch said she recalled thinking, "…"": Lynch, as PolNeAR marks the outermost source);
        otherwise the pronoun stays."""
        outer = governing_subject(pronoun, self._is_verb_cue)
        if outer is None:
            return pronoun
        tokens = mention_tokens(outer, cue_tokens)
        actor = self._actor(doc, outer, doc[tokens[0] : tokens[-1] + 1])
        own = self._actor(doc, pronoun, doc[pronoun.i : pronoun.i + 1])
        return outer if actor is not None and actor == own else pronoun

    def _actor(self, doc: Doc, head: Token, span: Span) -> str | None:
        actor = actor_at(doc, head)
        if actor is not None:
            return actor
        if head.lower_ in self.pronouns:
            return resolve_pronoun(doc, head, self.pronouns[head.lower_])
        for token in head.children:
            if token.dep_ in ("appos", "compound") and token.i >= span.start and token.i < span.end:
                actor = actor_at(doc, token)
                if actor is not None:
                    return actor
        return None


def token_segments(doc: Doc, segments: list[Segment]) -> list[int | None]:
    """For each token, the index of the top-level quoted stretch (marks included) it lies in, or None."""
    owner: list[int | None] = [None] * len(doc)
    for number, seg in enumerate(segments):
        stop = seg.close_end if seg.close_end is not None else seg.end
        span = doc.char_span(seg.open_at, stop, alignment_mode="expand")
        if span is not None:
            for token in span:
                owner[token.i] = number
    return owner


# -- parse helpers ----------------------------------------------------------------


def _infinitive(token: Token) -> bool:
    """Is this child of a verb its to-infinitive ("agreed *to release* the cash")?"""
    return token.dep_ == "xcomp" and any(c.tag_ == "TO" for c in token.children)


def reduced_passive(cue: Token) -> bool:
    """ "Asked if it had worked, the official replied": the cue's own speaker is the journalist."""
    return (
        cue.tag_ == "VBN"
        and cue.dep_ in ("advcl", "acl", "amod")
        and not any(c.dep_ in ("aux", "auxpass") for c in cue.children)
    )


def opens_sentence(doc: Doc, seg: Segment) -> bool:
    """Does the quote open its sentence or paragraph (only spaces and a closing mark back to a sentence end:
    'head.” “You …')?"""
    mark = doc.char_span(seg.open_at, seg.open_at + 1, alignment_mode="expand")
    if mark is None:
        return False
    for previous in reversed(doc[: mark.start]):
        if "\n" in previous.text or previous.text in SENTENCE_END:
            return True
        if not (previous.is_space or previous.is_quote):
            return False
    return True


def continues(doc: Doc, seg: Segment, direct: list[Found], paragraphs: list[int]) -> bool:
    """Does this quote open its sentence right after a direct quote with a speaker in the same paragraph?"""
    if not direct or direct[-1].speaker is None or not direct[-1].segments:
        return False
    before = direct[-1].segments[-1]
    return (
        before.open_at < seg.open_at
        and paragraph_of(paragraphs, before.open_at) == paragraph_of(paragraphs, seg.open_at)
        and opens_sentence(doc, seg)
    )


def short_segments(doc: Doc, segments: list[Segment], min_words: int) -> set[int]:
    """Indices of the quoted stretches with fewer than ``min_words`` words."""
    short = set()
    for number, seg in enumerate(segments):
        span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
        if span is None or sum(1 for t in span if not (t.is_punct or t.is_space)) < min_words:
            short.add(number)
    return short


def outside(token: Token | None, quoted: list[int | None]) -> Token | None:
    return token if token is not None and quoted[token.i] is None else None


def trimmed(tokens: list[Token]) -> tuple[int, int] | None:
    """Token range of ``tokens`` without punctuation and spaces at the edges."""
    words = [t for t in tokens if not (t.is_punct or t.is_space) or t.is_quote]
    while words and (words[0].is_punct or words[0].is_space) and not words[0].is_quote:
        words.pop(0)
    while (
        words and words[-1].is_quote and len(words) > 1 and not any(w.is_quote for w in words[:-1])
    ):
        words.pop()
    if not words:
        return None
    return words[0].i, words[-1].i + 1


def verb_quote(
    cue: Token,
    row: dict[str, str],
    dobj_content: bool = False,
    is_cue: Callable[[Token], bool] = lambda verb: False,
) -> Found | None:
    """Indirect speech of a cue verb: its clausal complement, or the clause it interrupts or follows.
    ``is_cue`` tells a cue verb conjoined to the complement, which ends it (``complement_tokens``)."""
    if reduced_passive(cue):
        return None
    children = list(cue.children)  # read many times below: one Token per child, made once
    deps = COMPLEMENT_DEPS | ({"xcomp"} if row["meaning"] in INTENTION_MEANINGS else set())
    # the complement after the cue before one in front of it ("Should the company fail, environmentalists
    # worry that …": the parser may read the fronted condition as a complement too)
    complements = sorted(
        (c for c in children if c.dep_ in deps), key=lambda c: (c.i < cue.i, abs(c.i - cue.i))
    )
    complement = complements[0] if complements else None
    words = row["cue"].split()
    particle = next(
        (c for c in children if len(words) > 1 and c.lower_ == words[1] and c.dep_ == "prep"),
        None,
    )
    # the object of a cue that is part of it ("put it") is no content
    obj = next(
        (c for c in children if c.dep_ == "dobj" and not (len(words) > 1 and c.lower_ == words[1])),
        None,
    )
    topic = next((c for c in children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS), None)
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    # "as the memo put it, ...", "as Trump said, ...": the clause the as-clause comments on
    as_clause = cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
    if complement is None and obj is not None:
        # "told his advisers to figure out …", "asked them to reconsider": what the addressee is told to do
        complement = next((c for c in children if c.dep_ == "xcomp" and c.i > obj.i), None)
    addressee = obj or next((c for c in children if c.dep_ == "dative"), None)
    if complement is None and addressee is not None:
        # "told a meeting of leaders that few people understood …": a that-clause the parser hung on the
        # addressee as a relative clause (it has a subject of its own and "that" as its conjunction)
        complement = next(
            (
                t
                for t in addressee.subtree
                if t.dep_ == "relcl"
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            ),
            None,
        )
    interrupted = set_off_clause(cue)
    if interrupted is not None:
        content = trimmed(
            [
                t
                for t in cue.doc[interrupted[2] : interrupted[3]]
                if not interrupted[0] <= t.i < interrupted[1]
            ]
        )
        kind = "parenthetical"
    elif complement is not None:
        if complement.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in children):
            return None
        tokens = complement_tokens(complement, is_cue)
        # the addressee with it ("urged them to reconsider", "called on Congress to act")
        target = obj
        if target is None and particle is not None:
            target = next((c for c in particle.children if c.dep_ == "pobj"), None)
        if complement.dep_ == "xcomp" and target is not None and target.i < complement.i:
            tokens = list(target.subtree) + tokens
        if complement.dep_ == "xcomp" and cue.tag_ in TENSED_TAGS:
            tokens += shared_infinitive(cue, complement)
        content = trimmed(sorted(tokens, key=lambda t: t.i))
        kind = "verb"
    elif particle is not None and any(c.dep_ in ("pobj", "pcomp") for c in particle.children):
        # "called for new sanctions", "called for reducing the tax rate": the object of the cue's preposition
        content = trimmed(
            [t for c in particle.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]
        )
        kind = "verb"
    elif obj is not None:
        # "Cruz called Trump a "liar"", "described her as "a lifetime politician"": a nominal content,
        # kept only when it quotes words unless object_content is on
        content = trimmed(
            [
                t
                for c in children
                if c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS)
                for t in c.subtree
            ]
        )
        kind = "object"
    elif cue.dep_ == "parataxis" or as_clause:
        own = {t.i for t in cue.subtree}
        content = trimmed([t for t in cue.head.subtree if t.i not in own])
        kind = "parenthetical"
    elif passive is not None and any(c.dep_ == "agent" for c in children):
        # "The story was first reported by The Washington Post": what the agent reported is the subject
        content = trimmed(list(passive.subtree))
        kind = "object"
    elif topic is not None:
        # "complained about his microphone", "warned against hackers": what the words are about
        content = trimmed(
            [t for c in topic.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]
        )
        kind = "object"
    else:
        return None
    if content is None:
        return None
    return Found(
        "indirect",
        content,
        row["cue"],
        (cue.i,),
        subject(cue),
        CONFIDENCE[kind],
        needs_quote=kind == "object" and not dobj_content,
        nominal=kind == "object",
    )


# what may follow a cue inside a clause set off by commas ("he told me on Friday", "Mr. Obama said Tuesday")
SET_OFF_DEPS = {"dative", "prep", "npadvmod", "advmod", "prt", "neg", "aux"}
# an addressee that may stand in a set-off cue clause ("he told me")
SET_OFF_ADDRESSEES = {"me", "us", "him", "her", "them", "you"}


def set_off_clause(cue: Token) -> tuple[int, int, int, int] | None:
    """A cue clause set off by commas inside the clause it reports ("The museum, Mr. Obama said, would
    make …", "Though the transition was seamless, he said, replacing her would …", "The difference now,
    he told me on Friday, is that …"): its subject follows a comma or a dash, and the cue with its own
    modifiers (no object, no clause of its own) ends before the same mark, with words on both sides.
    Returns (opening mark, closing mark + 1, start, end) of the reported clause: the smallest subtree
    holding the words on both sides, or None."""
    doc = cue.doc
    children = list(cue.children)  # read several times: one Token per child, made once
    subjects = [c for c in children if c.dep_ == "nsubj" and c.i < cue.i]
    if not subjects:
        return None
    start = subjects[0].left_edge.i
    end = cue.i
    for child in children:
        if child.i <= cue.i:
            if child.i >= start and child.dep_ not in SET_OFF_DEPS | {"nsubj", "punct"}:
                return None
            continue
        if child.dep_ in SET_OFF_DEPS or (
            child.dep_ == "dobj" and child.lower_ in SET_OFF_ADDRESSEES
        ):
            end = max(end, child.right_edge.i)
    sent = cue.sent
    if start - 1 <= sent.start or end + 2 >= sent.end:
        return None
    # an object, a clause or a participle right after the cue is no set-off clause ("attacked Clinton, …")
    if any(
        c.dep_ not in ("punct",) and cue.i < c.i <= end + 1 and c.right_edge.i > end
        for c in children
    ):
        return None
    opening, closing = doc[start - 1], doc[end + 1]
    if opening.text not in SET_OFF or closing.text != opening.text:
        return None
    if doc[start - 2].is_quote or doc[end + 2].is_quote:
        return None
    left, right = doc[start - 2], doc[end + 2]
    above = {left.i, *(t.i for t in left.ancestors)}
    common = next((t for t in (right, *right.ancestors) if t.i in above), None)
    if common is None:
        return None
    if common.i == cue.i:
        # the parser made the cue the head: the reported clause must go on after it ("Ultimately, he
        # said, the plan will fail"), not end before it ("X is an insult, lawmakers said Friday, as …")
        # (a clause the parser conjoined to the cue with no conjunction is the reported one too)
        bare = not any(c.dep_ == "cc" for c in children)
        after = [
            c
            for c in children
            if c.i > end + 1 and (c.dep_ == "ccomp" or (c.dep_ == "conj" and bare))
        ]
        if not after:
            return None
        return start - 1, end + 2, cue.left_edge.i, cue.right_edge.i + 1
    return start - 1, end + 2, common.left_edge.i, common.right_edge.i + 1


def shared_infinitive(cue: Token, infinitive: Token) -> list[Token]:
    """Base-form verbs the parser conjoined to a tensed cue after its infinitive ("wants to triple the
    program, grow the Peace Corps and create a reserve", "declined to threaten Moscow or even declare it
    responsible"): with no subject of their own they cannot be the speaker's next act, which would agree
    with the cue ("wants … and grows"), so they share the infinitive's "to" and belong to the content."""
    return [
        t
        for c in cue.children
        if c.dep_ == "conj"
        and c.i > infinitive.i
        and c.tag_ in BASE_TAGS
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for t in c.subtree
    ]


def embedded_quote(core: list[Token], quoted: list[int | None]) -> Found | None:
    """Quoted words inside an argument of a verb that is no cue ("admires Putin as a "strong leader"",
    "introduced the "War On Drugs""): a mixed quote of the verb's subject, content = that argument (the
    object and what follows it up to the quoted phrase, "admires Putin as a "strong leader""; a
    prepositional phrase; a complement clause), ending with the quoted words' own phrase (what follows,
    "for months", ", which came with new laws", is the writer's). A quote in the subject, under a
    copula, a noun with no verb above, or in a place or time phrase ("appeared on "Face the Nation"")
    quotes nobody."""
    inside = {t.i for t in core}
    root = next((t for t in core if t.head.i not in inside or t.head.i == t.i), core[0])
    arg = root
    while arg.head.i != arg.i and arg.head.pos_ != "VERB":
        arg = arg.head
    verb = arg.head
    if verb.i == arg.i or arg.dep_ not in EMBEDDED_DEPS:
        return None
    obj = next(
        (c for c in verb.children if c.dep_ in ("dobj", "dative") and verb.i < c.i < arg.i), None
    )
    if arg.dep_ == "prep" and not (
        arg.lower_ in EMBEDDED_PREPS or (obj is not None and arg.lower_ in OBJECT_THEN_PREPS)
    ):
        return None
    speaker = outside(subject(verb), quoted)
    if speaker is None:
        return None
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if (
        clause.dep_ == "relcl"
        and speaker.lower_ not in RELATIVE_PRONOUNS
        and speaker.i != clause.head.i
    ):
        # "his tweets in which he called her "disgusting" and referred to her "sex tape"": a clause
        # describing a noun of the sentence, whose attribution (if any) is the sentence's
        return None
    parts = [arg] + ([obj] if obj is not None else [])
    if arg.dep_ == "dobj":
        parts += [
            c
            for c in verb.children
            if c.i > arg.i
            and (c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS))
        ]
    tokens = sorted((t for part in parts for t in part.subtree), key=lambda t: t.i)
    content = trimmed(tokens)
    if content is None:
        return None
    return Found(
        "mixed",
        ends_with_quote(content, core),
        verb.lemma_.lower(),
        (verb.i,),
        speaker,
        CONFIDENCE["embedded"],
    )


def ends_with_quote(content: tuple[int, int], core: list[Token]) -> tuple[int, int]:
    """A nominal content with quoted words ends at the closing mark: what follows ("during a stop in
    Flint", ", which came with new laws") is the writer's, except the noun the quoted words modify
    ("his "average American" followers") and a quoted verb's own words ("to "check out" her tape")."""
    doc = core[0].doc
    inside = {t.i for t in core}
    root = next((t for t in core if t.head.i not in inside or t.head.i == t.i), core[0])
    last = max(inside) + 1
    while last < len(doc) and doc[last].is_quote:
        last += 1
    if last >= content[1]:
        # a parse cut short inside the quote ("a "good news story in an era when …"")
        return content[0], last
    own = {root.head.i} | ({t.i for t in root.subtree} if root.pos_ in ("VERB", "AUX") else set())
    if root.pos_ in ("NOUN", "PROPN"):
        # a quoted noun's restrictive modifiers right after the mark ("political tensions" in advanced
        # economies, a "special meeting" to vote on a nominee); one set off by a comma or by other words
        # ("a "disgrace" Wednesday on The Laura Ingraham Show") is the writer's
        reach = last
        for child in root.children:
            if (
                child.i >= last
                and child.left_edge.i == reach
                and child.dep_ in ("prep", "acl", "relcl")
                and child.lower_ not in CIRCUMSTANCE_PREPS
                and not any(t.text == "," for t in doc[max(inside) + 1 : child.left_edge.i])
            ):
                own.update(t.i for t in child.subtree)
                reach = child.right_edge.i + 1
    end = max([last] + [i + 1 for i in own if last <= i < content[1]])
    return content[0], end


def complement_tokens(
    complement: Token, is_cue: Callable[[Token], bool] = lambda verb: False
) -> list[Token]:
    """A clausal complement's words up to a trailing clause the PolNeAR annotators leave out: a participle
    clause after a comma ("that he had his hands up, contradicting the police"), a conjoined past-tense
    verb with no subject of its own that the parser hung on a modal complement ("said he would order a
    review and warned against hackers": the tense shows the speaker's next act, not what was said), or a
    conjoined cue verb with no subject of its own (``is_cue``: "said it was opposed to the test and
    warned North Korea to refrain …": a speech act of the speaker's, an attribution of its own)."""
    tokens = list(complement.subtree)
    children = list(complement.children)  # read three times: one Token per child, made once
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
    modal = any(c.tag_ == "MD" for c in children)
    # the infinitive of a tensed cue: a base-form verb conjoined to it shares its "to" ("urged Congress
    # to act and consider sanctions"), it is not the speaker's next act (``shared_infinitive``)
    infinitive = complement.dep_ == "xcomp" and complement.head.tag_ in TENSED_TAGS
    for child in children:
        if child.i < complement.i:
            continue
        before = child.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        participle = (
            child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and before is not None
            and before.text == ","
        )
        next_act = (
            child.dep_ == "conj"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            and not (infinitive and child.tag_ in BASE_TAGS)
            and ((child.tag_ == "VBD" and own_subject and modal) or is_cue(child))
        )
        if participle or next_act:
            cut = child.left_edge.i
            tokens = [t for t in tokens if t.i < cut]
            while (
                tokens
                and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct)
                and not tokens[-1].is_quote
            ):
                tokens.pop()
            break
    return tokens


def noun_quote(noun: Token, row: dict[str, str]) -> Found | None:
    """A cue noun with a that-clause ("Trump's claim that ...", "fears that ...") or with the phrase naming what
    its words are about ("expressed concern about the new rules")."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if clause is None and row["meaning"] in INTENTION_MEANINGS:
        # "his pledge to ban all imports", "hopes of a deal": what is promised, planned or hoped for
        clause = next(
            (
                c
                for c in noun.children
                if c.dep_ == "acl" and c.i > noun.i and any(a.tag_ == "TO" for a in c.children)
            ),
            None,
        )
    if clause is not None:
        content = trimmed(list(clause.subtree))
    else:
        # "his infamous comment about 47 percent of the country", "questions about the foundation"
        content = topic_content(noun, NOUN_TOPIC_PREPS)
    if content is None:
        return None
    return Found("indirect", content, row["cue"], (noun.i,), noun_speaker(noun), CONFIDENCE["noun"])


def source_phrase_quote(noun: Token, row: dict[str, str]) -> Found | None:
    """ "In this poll, Trump rose 1 point", "in the report, ...": a report noun after "in" heading a clause
    is the source of the clause (the noun's phrase is the speaker, the noun the cue)."""
    prep = noun.head
    if (
        row["meaning"] != "report"
        or noun.dep_ != "pobj"
        or prep.lower_ != "in"
        or prep.dep_ != "prep"
        or prep.head.pos_ not in ("VERB", "AUX")
    ):
        return None
    own = {t.i for t in prep.subtree}
    content = trimmed([t for t in prep.head.subtree if t.i not in own])
    if content is None:
        return None
    return Found("indirect", content, row["cue"], (noun.i,), noun, CONFIDENCE["phrase"])


def topic_content(head: Token, preps: set[str]) -> tuple[int, int] | None:
    """What a cue noun's or adjective's words are about: the object of its first phrase with one of
    ``preps`` ("concern *about the new rules*", "critical *of the plan*"), or None."""
    topic = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in preps), None)
    if topic is None:
        return None
    return trimmed([t for c in topic.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree])


def adjective_quote(adjective: Token, row: dict[str, str]) -> Found | None:
    """An attitude adjective with a clausal complement ("Democrats are afraid that …", "she was sure Trump
    would win", "seem confident they have the votes"), or with its topic phrase ("worried about the new
    rules", "critical of the plan"): the complement is the content, the subject of the clause the adjective
    is predicated in is the speaker. A that-clause right after the adjective that the parser hung on the
    verb is its complement too. An adjective with a subject of its own speaks for it (the absolute "with
    Democratic leaders increasingly worried about …"); one the parser read as a modifier of the noun before
    it is a depictive of the clause subject ("the Americans walked away from the meeting pessimistic that
    …"). An attributive adjective ("a confident minister") quotes nobody."""
    doc = adjective.doc
    clause = next((c for c in adjective.children if c.dep_ == "ccomp"), None)
    if clause is None and row["meaning"] in INTENTION_MEANINGS:
        # "willing to negotiate", "determined to win": what the subject means to do
        clause = next(
            (
                c
                for c in adjective.children
                if c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children)
            ),
            None,
        )
    after = doc[adjective.i + 1] if adjective.i + 1 < len(doc) else None
    if (
        clause is None
        and after is not None
        and after.lower_ == "that"
        and after.dep_ == "mark"
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in after.head.children)
    ):
        clause = after.head
    if clause is not None:
        content = trimmed(list(clause.subtree))
    else:
        content = topic_content(adjective, TOPIC_PREPS)
    own = next((c for c in adjective.children if c.dep_ == "nsubj"), None)
    if own is not None:
        speaker = own  # "with Democratic leaders increasingly worried about …"
    elif adjective.dep_ in PREDICATIVE_DEPS:
        speaker = subject(adjective.head)
    elif adjective.dep_ == "amod" and adjective.i > adjective.head.i:
        verb = next((t for t in adjective.ancestors if t.pos_ in ("VERB", "AUX")), None)
        speaker = subject(verb) if verb is not None else None
    else:
        return None
    if content is None or speaker is None:
        return None
    return Found("indirect", content, row["cue"], (adjective.i,), speaker, CONFIDENCE["adjective"])


def _clause(phrase: Span) -> Token:
    """The verb a cue phrase attaches to."""
    clause = phrase.root.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    return clause


def phrase_quote(doc: Doc, start: int, end: int, row: dict[str, str]) -> Found | None:
    """A cue phrase: the clause it attaches to (the sentence when commas set the phrase off or it opens the
    sentence), without the phrase; speaker per phrase_speaker or the clause subject."""
    phrase = doc[start:end]
    clause = _clause(phrase)
    sent = phrase.sent
    root = sent.root
    set_off = start == sent.start or doc[start - 1].text == ","
    if set_off and root.pos_ in ("VERB", "AUX") and root.i not in range(start, end):
        # "X is one of 707 people killed ..., according to a database": the whole sentence, wherever
        # the parser hung the phrase
        clause = root
    if clause.i in range(start, end):
        return None
    own = {t.i for token in phrase for t in token.subtree}
    content = trimmed([t for t in clause.subtree if t.i not in own])
    if content is None:
        return None
    speaker = phrase_speaker(phrase)
    if speaker is None:
        speaker = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return Found(
        "indirect", content, row["cue"], tuple(range(start, end)), speaker, CONFIDENCE["phrase"]
    )


def region(
    doc: Doc, quoted: list[int | None], seg: Segment, forward: bool
) -> tuple[list[Token], str]:
    """Tokens outside quotes right after (or before, nearest first) a quote, up to a sentence end, a
    paragraph break or another quote; and what stopped it: "sentence", "paragraph", "quote" or "edge".
    ``quoted`` marks the quotes that stop it (the caller leaves out short ones: a quoted nickname or title
    inside the frame, 'state Del. Marcia "Cia" Price shouted'). Looking back, a paragraph that ends with
    a colon runs on into the quote it introduces ("He said:¶"We have ...")."""
    if forward:
        if seg.close_at is None:
            return [], "paragraph"
        span = doc.char_span(seg.close_at, seg.close_end, alignment_mode="expand")
        indices = range(span.end, len(doc)) if span is not None else range(0)
    else:
        span = doc.char_span(seg.open_at, seg.open_at + 1, alignment_mode="expand")
        indices = range(span.start - 1, -1, -1) if span is not None else range(0)
    tokens: list[Token] = []
    for i in indices:
        token = doc[i]
        if quoted[i] is not None:
            return tokens, "quote"
        if token.is_space and "\n" in token.text:
            if not forward and not tokens and i > 0 and doc[i - 1].text == ":":
                continue  # "He said:¶"...": a paragraph ending with a colon introduces the quote below it
            return tokens, "paragraph"
        if token.text in SENTENCE_END:
            return tokens, "sentence"
        tokens.append(token)
    return tokens, "edge"


def clip(doc: Doc, item: Found, paragraphs: list[int]) -> Found | None:
    """Keep an indirect quote's content inside its cue's paragraph (a parse can run across a break)."""
    para = paragraph_of(paragraphs, doc[item.cue_tokens[0]].idx)
    lo = paragraphs[para]
    hi = paragraphs[para + 1] if para + 1 < len(paragraphs) else math.inf
    inside = [t for t in doc[item.content[0] : item.content[1]] if lo <= t.idx < hi]
    content = trimmed(inside)
    if content is None:
        return None
    item.content = without_concession(doc, content, item.cue_tokens)
    return item


def without_concession(
    doc: Doc, content: tuple[int, int], cue_tokens: tuple[int, ...]
) -> tuple[int, int]:
    """A content without the concessive clause that ends it, set off by a comma ("that paying no income
    taxes was smart, although he again refused to pledge …", "was its biggest yet, although it may take
    days to …"): the writer's contrast, not what was said. Only a finite clause with a subject of its
    own ("while the lower 95 percent would face …", not "while reducing its impact")."""
    start, end = content
    last = doc[end - 1]
    for node in (last, *last.ancestors):
        if node.i < start:
            break
        left = node.left_edge.i
        if (
            node.dep_ == "advcl"
            and node.right_edge.i == end - 1
            and start + 1 < left
            and doc[left - 1].text == ","
            and not any(left <= i < end for i in cue_tokens)
            and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE for c in node.children)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        ):
            return trimmed(list(doc[start : left - 1])) or content
    return content


def _lowercase_start(tokens: list[Token]) -> bool:
    word = next((t for t in tokens if not (t.is_punct or t.is_space)), None)
    return word is not None and word.text[:1].islower()


def _outside_complement(
    cue: Token, quoted: list[int | None], before: list[Token] | None = None
) -> bool:
    """Has the cue a clausal complement of its own outside the quote (then it introduces other words)?"""
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") and quoted[child.i] is None:
            if before is None or any(t.i == child.i for t in before):
                return True
    return False


def lead_in(doc: Doc, direct: list[Found], indirect: list[Found]) -> None:
    """ "X said she has the quality: "Steadiness ..."": a cue's reported clause running straight into the
    direct quote it introduces (only a colon, a comma or the mark between, in one sentence) makes one mixed
    quote of both."""
    for item in direct:
        if not item.cue_tokens or item.mention:
            continue
        for other in indirect:
            if other.kind != "indirect" or other.cue_tokens != item.cue_tokens:
                continue
            gap = doc[other.content[1] : item.content[0]]
            if other.content[1] <= item.content[0] and all(
                (t.is_punct or t.is_space) and t.text not in SENTENCE_END and "\n" not in t.text
                for t in gap
            ):
                item.kind = "mixed"
                item.content = (other.content[0], item.content[1])
                item.confidence = CONFIDENCE["mixed"]


def relative_attributions(doc: Doc, found: list[Found]) -> list[Found]:
    """A speech cue with a subject of its own in a clause set off by a comma or a dash at the end of another
    quote's content ("attacked other candidates for accepting his donations, which he said were accompanied
    by leverage", "to retaliate for interference in the election -- meddling the congressman said is
    designed to sow discord") is an attribution of its own, as PolNeAR marks it: the outer content ends
    before that clause, so the inner one is no longer nested in it. A restrictive clause ("policies she
    supported") and a clause in the middle of the content stay in it."""
    for inner in found:
        cue = doc[inner.cue_tokens[0]] if len(inner.cue_tokens) == 1 else None
        if cue is None or not any(
            c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in cue.children
        ):
            continue
        for outer in found:
            if outer is inner or not outer.content[0] <= cue.i < outer.content[1]:
                continue
            for node in (cue, *cue.ancestors):
                start = node.left_edge.i
                while start < node.i and doc[start].is_punct:
                    start += 1  # the dash or comma itself hung on the clause
                if start <= outer.content[0]:
                    break
                if node.right_edge.i + 1 >= outer.content[1] and doc[start - 1].text in SET_OFF:
                    outer.content = trimmed(list(doc[outer.content[0] : start])) or outer.content
                    end = doc[outer.content[1] - 1].idx + len(doc[outer.content[1] - 1])
                    outer.segments = [seg for seg in outer.segments if seg.open_at < end]
                    if outer.kind == "mixed" and not outer.segments:
                        outer.kind = "indirect"  # its quoted words were the inner attribution's
                    break
    return found


def outermost(found: list[Found]) -> list[Found]:
    """The quotes whose content lies inside no other quote's content (nested attributions dropped); of
    two with the same content, one whose cue lies inside it ("condemned what he called a "brazen
    breach"": "called") gives way to one whose cue is outside ("condemned")."""
    return [
        item
        for item in found
        if not any(
            other is not item
            and other.content[0] <= item.content[0]
            and item.content[1] <= other.content[1]
            and (other.content != item.content or (_cue_inside(item) and not _cue_inside(other)))
            for other in found
        )
    ]


def _cue_inside(item: Found) -> bool:
    return bool(item.cue_tokens) and all(
        item.content[0] <= i < item.content[1] for i in item.cue_tokens
    )


def _merge_embedded(embedded: list[Found], found: list[Found]) -> list[Found]:
    """Embedded quotes not inside another quote; two in one argument are one attribution ("a "human leech"
    and a "spoiled brat"")."""
    kept: list[Found] = []
    for item in embedded:
        if any(o.content[0] <= item.content[0] and item.content[1] <= o.content[1] for o in found):
            continue
        if kept and kept[-1].content == item.content and kept[-1].cue_tokens == item.cue_tokens:
            continue
        kept.append(item)
    return kept


def _duplicate(item: Found, direct: list[Found], direct_cues: set[int]) -> bool:
    if set(item.cue_tokens) & direct_cues:
        return True
    size = item.content[1] - item.content[0]
    for other in direct:
        shared = min(item.content[1], other.content[1]) - max(item.content[0], other.content[0])
        if shared > 0 and shared / size >= 0.5:
            return True
    return False
