"""claimgraph_factuality: attribution, factuality, time, hypothetical and date of each event.

Reads ``doc._.events`` (claimgraph_events) and ``doc._.quotes`` (claimgraph_quotes)
and completes each event's ``attribution``, ``factuality``, ``time``,
``hypothetical`` and ``date`` (SPEC.md). The logic works on one token
(``assess_token``), so the benchmark runs it on the event tokens of
MEANTIME/UW exactly as the component runs it on triggers:

1. the token's own markers: negation, modals, epistemic adverbs, "any";
2. a climb up the dependency tree: an embedding predicate ("decided to",
   "is contemplating", "failed to") combines its value with the event's; the
   first reporting or belief cue with a subject ("…, US officials fear") is the
   innermost source: its value combines too and the climb stops changing the
   factuality; further cues above it are outer sources;
3. conditions ("if", "unless", "should X …"), embedded questions ("whether")
   and direct questions ("?") make the event hypothetical.

Values combine by the weaker commitment with the product of polarities
(docs/factuality.md has the table). Lexicons: ``data/en/modality.tsv`` (ours)
and the cue lexicon ``data/en/cues.tsv`` (claimgraph_quotes).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from .. import dates, lexicons
from ..errors import Errors, LexiconError
from . import char_span
from .actors import actor_for_span
from .factuality_forms import (
    NOMINAL_POS,
    SUBJECT_DEPS,
    generic_noun,
    has_own_subject_or_aux,
    infinitive,
    nonfinite,
    nonfinite_cap,
    support_verb,
)
from .plover import NEGATIVE_FACTUALITY, intent_cameo

logger = logging.getLogger(__name__)

SPANS_KEY = "claimgraph_factuality"

# FactBank values as (polarity, strength): strength 3 certain, 2 probable, 1 possible, 0 unknown.
SCALE: dict[str, tuple[int, int]] = {
    "certain": (1, 3),
    "probable": (1, 2),
    "possible": (1, 1),
    "unknown": (0, 0),
    "possible_not": (-1, 1),
    "probable_not": (-1, 2),
    "certain_not": (-1, 3),
}
VALUES = {scale: value for value, scale in SCALE.items()}

# Dependency labels through which a predicate embeds a clause or a non-finite complement.
COMPLEMENT_DEPS = frozenset(
    {"xcomp", "ccomp", "acomp", "pcomp", "csubj", "oprd", "acl", "dobj", "attr"}
)
# Labels of a clause embedded under its head: the head's modality carries over.
CLAUSAL_DEPS = frozenset({"xcomp", "ccomp", "acomp", "csubj", "oprd"})
# Labels of a predicative adjective: "is due", "seems unlikely".
PREDICATIVE_DEPS = frozenset({"acomp", "oprd"})
# Labels of a nominal event as an argument of its clause's verb ("any transfers would not be …").
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
# Labels through which a reporting or belief cue governs the reported clause.
REPORTED_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "dobj", "pcomp"})
# Prepositions skipped between a noun and its complement ("decision on sending").
PREP_DEPS = frozenset({"prep", "prt", "agent"})
# Cue meanings (cues.tsv) that introduce a source; "intention" cues are embedding predicates.
SOURCE_MEANINGS = frozenset(
    {"speech", "report", "belief", "fear", "hope", "denial", "knowledge", "perception", "question"}
)
# Cue meanings whose complement stays true under negation and questions ("did not know that p").
FACTIVE_MEANINGS = frozenset({"knowledge", "perception"})
# Cues that govern a gerund or an object directly ("denied sending arms").
OBJECT_CUE_MEANINGS = frozenset({"denial"})
# A trigger with these labels also takes the dates of its head ("the meeting on Monday", "due on Tuesday").
DATED_BY_HEAD_DEPS = frozenset(
    {"acomp", "attr", "oprd", "dobj", "nsubj", "nsubjpass", "pobj", "amod", "xcomp"}
)
# Labels climbed from a DATE entity to the word it dates ("on Tuesday", "the 24 February invasion").
DATE_PATH_DEPS = frozenset(
    {"pobj", "prep", "npadvmod", "compound", "nmod", "nummod", "amod", "det", "appos"}
)
# Noun modifiers whose clause is presupposed, not part of a condition or question around the noun.
PRESUPPOSED_DEPS = frozenset({"relcl", "acl", "amod"})
# Adverbs that the parser attaches as advmod where they are the verb's particle ('bring it back').
PARTICLES = frozenset({"back", "even", "down", "up", "off", "out", "away", "ahead", "over", "on"})
# Prepositions that attach a predicate's origin, agent or setting, not its content: 'evidence
# *from* witnesses', 'killed *in* the bombing', 'delayed *by* the strike', 'try to sell itself
# *under* a June agreement' ('prevented *from* leaving' is a verb's content).
NOUN_ADJUNCT_PREPOSITIONS = frozenset({"from", "by"})
VERB_ADJUNCT_PREPOSITIONS = frozenset({"by", "in", "under", "within", "across", "throughout"})
# Children that make a two-word lexicon entry with their verb ('ruled *out*', 'has *yet* to').
PHRASAL_DEPS = frozenset({"prt", "advmod"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Modals of ability: 'can't believe that p' is incredulity at p, which happened.
ABILITY = frozenset({"can", "could"})
INCREDULITY = "probable"
# Values of implicative predicates: they settle whether their complement happened.
IMPLICATIVE = frozenset({"certain", "certain_not"})
# Subjects that are the speakers themselves ('*I* don't know that p').
FIRST_PERSON = frozenset({"i", "we"})
# Tags of wh-words: a clause they open asks about a participant, not whether the event happened.
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def combine(first: str, second: str) -> str:
    """The weaker commitment of the two, with the product of their polarities; unknown absorbs."""
    pol_a, str_a = SCALE[first]
    pol_b, str_b = SCALE[second]
    strength = min(str_a, str_b)
    return VALUES[(pol_a * pol_b if strength else 0, strength)]


def negate(value: str) -> str:
    polarity, strength = SCALE[value]
    return VALUES[(-polarity, strength)]


KINDS = (
    "negation",
    "modal",
    "adverb",
    "quantifier",
    "condition",
    "question",
    "inversion",
    "embedding",
    "light",
    "presupposing",
    "result",
    "absolute",
    "occurrence",
    "adjective",
    "temporal",
    "effort",
    "factive",
    "incredulity",
)
TIMES = ("", "past", "present", "future")


def _check(
    row: dict[str, str], name: str, word: str, column: str, choices: tuple[str, ...]
) -> None:
    value = row.get(column, "")
    if value not in choices:
        raise LexiconError(
            Errors.CG260.format(
                name=name, word=word, column=column, value=value, choices=list(choices)
            )
        )


@dataclass(frozen=True)
class Lexicon:
    """The modality lexicon and the cue lexicon, indexed for lookup."""

    markers: dict[str, dict[str, dict[str, str]]]  # kind -> word -> row (modality.tsv)
    cues: dict[str, dict[str, str]]  # cue lemma or phrase -> row (cues.tsv)

    @classmethod
    def from_rows(cls, modality, cues) -> Lexicon:
        markers: dict[str, dict[str, dict[str, str]]] = {}
        for row in modality:
            _check(row, "modality", row["word"], "kind", KINDS)
            _check(row, "modality", row["word"], "factuality", ("", *SCALE))
            _check(row, "modality", row["word"], "negated", ("", *SCALE))
            _check(row, "modality", row["word"], "time", TIMES)
            markers.setdefault(row["kind"], {})[row["word"].lower()] = dict(row)
        for row in cues:
            _check(row, "cues", row["cue"], "factuality", tuple(SCALE))
        return cls(
            markers, {row["cue"].lower(): dict(row) for row in cues if row.get("type") != "noun"}
        )

    @classmethod
    def packaged(cls, lang: str = "en") -> Lexicon:
        modality = lexicons.load("modality", lang, required=("word", "kind"))
        cues = lexicons.load("cues", lang, required=("cue", "type", "meaning", "factuality"))
        return cls.from_rows(modality, cues)

    def get(self, kind: str, token: Token) -> dict[str, str] | None:
        """The row of the token's lemma or form; a two-word entry (the lemma and a particle or
        adverb: 'rule out', 'call off', 'have yet') wins over the verb alone."""
        table = self.markers.get(kind, {})
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in PHRASAL_DEPS and f"{lemma} {child.lower_}" in table:
                return table[f"{lemma} {child.lower_}"]
        return table.get(lemma) or table.get(token.lower_)

    def words(self, kind: str) -> dict[str, dict[str, str]]:
        return self.markers.get(kind, {})

    def to_json(self) -> dict:
        return {"markers": self.markers, "cues": self.cues}


@dataclass(frozen=True)
class Settings:
    """What a condition or a question does to the factuality (component config)."""

    antecedent: str = "unknown"  # the "if" clause itself
    # the main clause of a conditional: at most this (UW dev rates consequents +1.7)
    consequent: str = "probable"
    question: str = "unknown"  # a direct or embedded question
    nonfinite: str = "possible"  # "efforts to woo": an infinitive no lexicon entry embeds
    purpose: str = (
        "probable"  # "gathered to denounce", "joined them to investigate": usually carried out
    )
    generic: str = "probable"  # "an embargo on trade", "a takeover bid": a bare singular event noun
    gerund: str = (
        "probable"  # "accused of violating", "survived by clinging": a gerund after a preposition
    )

    def __post_init__(self) -> None:
        for key, value in vars(self).items():
            if value not in SCALE:
                raise ValueError(Errors.CG261.format(key=key, value=value, choices=list(SCALE)))


@dataclass
class Cue:
    """A reporting or belief cue found in the parse, with its source."""

    lemma: str
    token: int  # the cue token's index
    subject: Span | None  # the source's mention; None for an impersonal passive ("it is said")
    scope: tuple[int, int]  # chars of the clause it governs
    factuality: str


@dataclass
class Assessment:
    factuality: str
    time: str
    hypothetical: bool
    cues: list[Cue] = field(default_factory=list)  # innermost first


def assess_token(
    token: Token, lexicon: Lexicon, settings: Settings = Settings(), quote_cue: str | None = None
) -> Assessment:
    """Factuality, time and hypothetical of the event ``token`` expresses, with its source cues.

    ``quote_cue`` is the cue lemma of the innermost quote holding the token; its value
    applies when the parse holds no cue of its own (a direct quote's content). A verb's particle
    ('step *down*') is part of the verb's event and takes its assessment.
    """
    if token.dep_ == "prt" or (token.dep_ == "advmod" and token.lower_ in PARTICLES):
        token = token.head  # "step *down*", "bring it *back*", "break *even*": the verb's event
    # "did not provide *any* support", "denied that *any* talks took place": 'any' under the
    # negation or the denial is a polarity item, not a quantifier
    polarity_item = _negated_support(token, lexicon) or _denied(token, lexicon)
    value = _local_value(token, lexicon, quantifiers=not polarity_item)
    time = _own_time(token, lexicon)
    participles = _embedding_participles(token, lexicon)  # "the cancelled deal"
    implicative = False  # an implicative predicate over the event ('was called off') settles it
    cues: list[Cue] = []
    form = _nonfinite_governor(token, lexicon) or token  # "to provide credit *arrangements*"
    # "without consulting": asserted not, not merely named
    embedded = form.dep_ == "pcomp" and bool(lexicon.get("negation", form.head))
    clausal = True  # every edge climbed so far embeds a clause or a complement
    argument = False  # a noun argument of the verb climbed to ("disapproves the decision")
    # the parse reached the quote's own cue verb, which then had its say ("rejected the sanctions":
    # no denial of the sanctions), so the quote's value is no fallback for it
    cue_lemma = quote_cue.lower().split()[0] if quote_cue else None
    reached_cue = False
    child = token
    while child.head.i != child.i:
        head, dep = child.head, child.dep_
        against = False
        if dep in ("pobj", "pcomp") and head.dep_ in PREP_DEPS and head.head.i != head.i:
            against = head.lower_ == "against"  # "decided against seeking": decided not to seek
            head = head.head  # "decision on sending", "taken on sending": the prep is transparent
        commits = clausal and not cues  # still inside the innermost source's claim about the event
        cue = _source_cue(child, head, dep, lexicon, content=child.i != token.i)
        if cue is not None:
            if commits:
                value = combine(value, cue.factuality)
                embedding = lexicon.get("embedding", head)
                if time is None and embedding and embedding["time"]:
                    time = embedding["time"]  # "expected them to negotiate"
            cues.append(cue)
            # headline "China to send aid, officials fear": the cue embeds the infinitive
            embedded = embedded or child.i == form.i
        elif dep == "conj":
            if commits and not has_own_subject_or_aux(child) and _same_form(child, head):
                # the verb an argument noun hangs on does not negate it, nor do that verb's conjuncts
                value = combine(value, _local_value(head, lexicon, negation=not argument))
            elif commits and _negative_coordinator(child, head, lexicon):
                value = negate(value)  # "…, nor can the government back down"
            elif not _same_form(child, head) and not has_own_subject_or_aux(child):
                # "demanding the funds be restored and *saying* …": a conjunct of another form is
                # misattached, so the embedding over its head ('demand') is not its own either
                clausal = False
            time = time or _own_time(head, lexicon)
        elif (dep in CLAUSAL_DEPS and not _named(child, dep)) or (
            _complement(child, dep, head, lexicon) and _embeds(head, lexicon)
        ):
            if commits:
                before = (value, time)
                value, time = _embed(
                    child, head, negate(value) if against else value, time, lexicon
                )
                embedded = embedded or (value, time) != before or _embeds(head, lexicon)
                row = _embedding(head, lexicon)
                implicative = implicative or (
                    child.i == token.i and bool(row) and row["factuality"] in IMPLICATIVE
                )
        elif (
            child.i == token.i
            and token.pos_ in NOMINAL_POS
            and (dep in ARGUMENT_DEPS or support_verb(token, lexicon) is not None)
        ):
            argument = True
            if _asserts(token, head, dep, lexicon):
                # "the summit will not go ahead", "would not give permission": the verb asserts the
                # noun's event, its modal and negation included
                if commits:
                    negated_here = negated(token, lexicon)
                    value = combine(value, _local_value(head, lexicon, negation=not negated_here))
                    implicative = True  # "the planned attack began at dawn": it took place
            elif _definite(token) and token.pos_ != "PROPN":
                # "Courtaulds' moves could boost its value", "join the hunt": a definite
                # argument's existence is presupposed, outside the verb's modality
                clausal = False
            elif commits:  # "any transfers would not be …"
                value = combine(value, _local_value(head, lexicon, negation=False))
        else:
            temporal = _temporal_clause(child, dep, head, lexicon)
            if temporal and commits:
                # "will stay until the crisis *ends*": the end is expected, not asserted
                value = combine(value, temporal["factuality"])
            elif commits and dep == "pcomp" and lexicon.get("absolute", child.head):
                # "is likely to be slow, with unemployment *declining*": the absolute clause is
                # part of what its main clause claims, with that clause's value
                value = combine(value, assess_token(head, lexicon, settings).factuality)
            # "during its war", relative clauses: presupposed, not part of the claim
            clausal = False
        if time is None and head.pos_ in ("VERB", "AUX"):
            # "is said to want", "fell 9% to reach": the infinitive of a raising cue or the outcome
            # of a change of value takes its head's tense, not the future
            future = (
                child.i == token.i
                and infinitive(token)
                and not (cue and dep == "xcomp")
                and not lexicon.get("result", head)
            )
            time = "future" if future else _own_time(head, lexicon)
        reached_cue = reached_cue or head.lemma_.lower() == cue_lemma
        child = head
    if not implicative:
        # "the planned attack" is probable, future; "the planned attack was called off" did not
        # happen, and "the planned attack began" did, in the past
        for participle in participles:
            value = combine(value, participle["factuality"])
            time = participle["time"] or time
    if not embedded and nonfinite(form):
        value = combine(value, nonfinite_cap(form, lexicon, settings))
    if not embedded and generic_noun(token, lexicon):  # embedded: 'a delay in *delivery*'
        value = combine(value, settings.generic)
    if not cues and quote_cue and clausal and not reached_cue:
        # the quote's cue qualifies what its content claims, not what the content presupposes:
        # "pessimistic that they would change their mind about *backing* Moscow" (backing goes on)
        row = lexicon.cues.get(quote_cue.lower())
        value = combine(value, row["factuality"] if row else "certain")
    if time is None and infinitive(token):
        time = "future"  # a headline's or a fragment's infinitive: "Airline to cut 4,000 jobs"
    hypothetical, role = _condition(token, lexicon)
    if role:
        value = combine(value, getattr(settings, role))
    return Assessment(value, time or "present", hypothetical, cues)


def _local_value(
    token: Token,
    lexicon: Lexicon,
    negation: bool = True,
    quantifiers: bool = True,
    modals: bool = True,
) -> str:
    """The value the token's own markers give: modals, adverbs, 'any', negation."""
    value = "certain"
    negated = False
    kinds = ("modal",) * modals + ("adverb",) + ("quantifier",) * quantifiers
    for child in _markers(token):
        for kind in kinds:
            row = lexicon.get(kind, child)
            if row and child.dep_ in ("aux", "auxpass", "advmod", "det", "neg", "npadvmod"):
                value = combine(value, row["factuality"])
        row = lexicon.get("adjective", child)
        # "the *alleged* attack", "a *possible* sale" (not "a ruling *likely* to send": that is the sending's)
        if row and child.dep_ == "amod" and not any(c.dep_ == "xcomp" for c in child.children):
            value = combine(value, row["factuality"])
        if (
            negation
            and lexicon.get("negation", child)
            and child.dep_ in ("neg", "advmod", "det", "preconj")
            and not _not_only(child)
        ):
            negated = not negated
        elif negation and child.dep_ == "advmod" and _negated_adverb(child, lexicon):
            negated = not negated  # "no longer sells"
    if negation and _negative_subject(token, lexicon):
        negated = not negated  # "nobody hurried her", "no troops were sent"
    if negation and any(c.dep_ == "dobj" and lexicon.get("negation", c) for c in token.children):
        negated = not negated  # "will get *nothing*" (not "had *no* information": a determiner)
    if negation and token.dep_ in ("pobj", "pcomp") and lexicon.get("negation", token.head):
        negated = not negated  # "without consulting Kyiv"
    adjective = _predicative_adjective(token, lexicon)
    if adjective is not None:
        value = combine(value, adjective["factuality"])
    return negate(value) if negated else value


def _negative_subject(verb: Token, lexicon: Lexicon) -> bool:
    """A negative subject ('*nobody* hurried her', '*no* troops were sent'); not an object: 'had no
    information' is a fact."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in NOMINAL_POS:
            dets = [d for d in child.children if d.dep_ == "det"]
            if lexicon.get("negation", child) or any(lexicon.get("negation", d) for d in dets):
                return True
    return False


def negated(token: Token, lexicon: Lexicon) -> bool:
    """The token's own markers negate it ('she was *not* there', 'nobody *came*')."""
    return SCALE[_local_value(token, lexicon)][0] < 0


def _negated_adverb(adverb: Token, lexicon: Lexicon) -> bool:
    """A two-word negation (modality.tsv: 'no longer') whose first word hangs on the second; not
    'no matter', 'never before', 'no farther'."""
    table = lexicon.words("negation")
    return any(f"{c.lower_} {adverb.lower_}" in table for c in adverb.children if c.i < adverb.i)


def _negative_coordinator(conjunct: Token, head: Token, lexicon: Lexicon) -> bool:
    """A negative 'nor' right before a conjunct (the nearest coordinator between it and its head);
    it negates that conjunct, not the head, nor a later conjunct after another coordinator
    ('neither approves nor disapproves …, *but* … did not contradict')."""
    coordinators = [c for c in head.children if c.dep_ == "cc" and head.i < c.i < conjunct.i]
    return bool(coordinators) and bool(lexicon.get("negation", coordinators[-1]))


def _embedding_participles(token: Token, lexicon: Lexicon) -> list[dict[str, str]]:
    """Lexicon rows of the participles modifying a noun event: 'the *planned* attack', 'the *cancelled* deal',
    'test flight *delayed* after accident'."""
    if token.pos_ not in NOMINAL_POS:
        return []
    rows = (
        lexicon.get("embedding", c)
        for c in token.children
        if c.tag_ == "VBN" and (c.dep_ == "amod" or (c.dep_ == "acl" and c.i > token.i))
    )
    return [row for row in rows if row]


def _not_only(word: Token) -> bool:
    """'not only … but': additive, not a negation."""
    return word.i + 1 < len(word.doc) and word.nbor(1).lower_ == "only"


def _markers(token: Token):
    """The token's modifiers, with those of its copula or auxiliary head for a predicative adjective."""
    yield from token.children
    if token.dep_ in PREDICATIVE_DEPS:
        yield from (
            c for c in token.head.children if c.i != token.i and c.dep_ in ("aux", "neg", "advmod")
        )


def _predicative_adjective(token: Token, lexicon: Lexicon) -> dict[str, str] | None:
    """'due' in 'Sullivan is due in Paris': an embedding adjective that is itself the event."""
    candidates = (
        [token]
        if token.pos_ == "ADJ"
        else [c for c in token.children if c.dep_ in PREDICATIVE_DEPS]
    )
    for candidate in candidates:
        row = lexicon.get("embedding", candidate)
        if row and not any(c.dep_ in ("xcomp", "ccomp") for c in candidate.children):
            return row
    return None


def _own_time(token: Token, lexicon: Lexicon) -> str | None:
    """Tense and aspect of the token's own verb group; None when it has none (infinitive, gerund, noun)."""
    adjective = _predicative_adjective(token, lexicon)
    if adjective is not None and adjective["time"]:
        return adjective["time"]
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if token.dep_ in PREDICATIVE_DEPS:
        auxes += [c for c in token.head.children if c.dep_ == "aux"] + [token.head]
    perfect = any(a.lemma_ == "have" for a in auxes) and token.tag_ == "VBN"
    for aux in auxes:
        row = lexicon.get("modal", aux)
        if row and aux.tag_ == "MD":
            if perfect or any(a.lemma_ == "have" for a in auxes):
                return "past"  # "could have sent"
            return row["time"] or None
    finite = [a for a in auxes if a.lower_ != "to"]
    if perfect:
        return "past"
    for aux in finite:
        tense = aux.morph.get("Tense")
        if tense:
            return "past" if tense[0] == "Past" else "present"
    if token.tag_ == "VBD" or (token.tag_ == "VBN" and not any(a.lower_ == "to" for a in auxes)):
        return "past"
    if token.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _complement(child: Token, dep: str, head: Token, lexicon: Lexicon) -> bool:
    """An embedded complement: a clause, a gerund, any object of a preposition ('possibility of a move'),
    or the noun object of a forward-looking predicate ('threatened sanctions', 'plans an attack').

    The noun object of an implicative is one only when the implicative is negated ('has not
    begun talks'): 'stopped the bloodletting' does not negate the bloodletting; nor is a fronted
    adjunct: 'In an interview, he declined to …'.
    """
    if _named(child, dep) or _participle_modifier(child, dep):
        return False
    if dep in ("dobj", "attr", "nsubjpass") and child.pos_ not in ("VERB", "AUX"):
        row = lexicon.get(
            "embedding", head
        )  # 'the departure was delayed' as 'delayed the departure'
        if not row:
            return False
        return row["time"] == "future" or _local_value(head, lexicon) == "certain_not"
    if dep in ("pobj", "pcomp") and (
        child.head.i < head.i or lexicon.get("presupposing", child.head)
    ):
        return False  # a fronted adjunct, or 'delayed after *accident*': the accident happened
    if dep in ("pobj", "pcomp") and child.head.lower_ in (
        NOUN_ADJUNCT_PREPOSITIONS if head.pos_ == "NOUN" else VERB_ADJUNCT_PREPOSITIONS
    ):
        # 'evidence *from* three witnesses', 'were killed *in* the bombing': an origin, a cause or
        # a setting, not the predicate's content
        return False
    return dep in COMPLEMENT_DEPS | {"pobj", "pcomp"}


def _participle_modifier(child: Token, dep: str) -> bool:
    """A bare participle after a noun ('the threat *posed* by the missiles', 'the evidence
    *gathered* by police') describes it; it is not the noun's content, which is a clause or an
    infinitive ('the threat to *strike*', 'allegations that the town was *shelled*')."""
    return (
        dep == "acl"
        and child.tag_ in ("VBN", "VBG")
        and not any(
            c.dep_ in ("mark", "aux", "auxpass") or c.dep_ in SUBJECT_DEPS for c in child.children
        )
    )


def _named(child: Token, dep: str) -> bool:
    """A noun predicated of the object ('calls extending NATO *a movement* in the wrong direction'):
    a name for it, not a complement."""
    return dep == "oprd" and child.pos_ in NOMINAL_POS


def _occurs(verb: Token, lexicon: Lexicon) -> bool:
    """A verb whose subject is the event it asserts: 'the meeting *could take place*', 'the attack
    *happened*', 'the summit will not *go ahead*' (modality.tsv kind ``occurrence``; two-word entries
    are the verb's lemma and its object or adverb)."""
    if lexicon.get("occurrence", verb):
        return True
    table = lexicon.words("occurrence")
    return any(
        f"{verb.lemma_.lower()} {c.lower_}" in table
        for c in verb.children
        if c.dep_ in ("dobj", "advmod", "prt")
    )


def _asserts(noun: Token, verb: Token, dep: str, lexicon: Lexicon) -> bool:
    """A verb that asserts its noun argument's event: the subject of an occurrence verb ('the
    meeting *took place*'), the noun of a support verb ('*held* talks', 'permission was not
    *given*', '*provided* Russia *with* support'; modality.tsv kind ``light``)."""
    support = support_verb(noun, lexicon)
    return (support is not None and support.i == verb.i) or (
        dep in ("nsubj", "nsubjpass") and _occurs(verb, lexicon)
    )


def _nonfinite_governor(noun: Token, lexicon: Lexicon) -> Token | None:
    """The non-finite support verb whose object a noun event is ('flew there to *hold* talks'): it
    asserts the noun, so the talks are as planned as the holding."""
    verb = support_verb(noun, lexicon)
    return verb if verb is not None and nonfinite(verb) else None


def _denied(token: Token, lexicon: Lexicon) -> bool:
    """The token's clause is the content of a denial ('denied that any talks had taken place'):
    the token or the verb it is an argument of is the complement of a denial cue (cues.tsv)."""
    clause = token.head if token.dep_ in ARGUMENT_DEPS else token
    if clause.dep_ not in ("ccomp", "xcomp") or clause.head.pos_ not in ("VERB", "AUX"):
        return False
    row = lexicon.cues.get(clause.head.lemma_.lower())
    return bool(row) and row["meaning"] in OBJECT_CUE_MEANINGS


def _negated_support(noun: Token, lexicon: Lexicon) -> bool:
    """The noun of a negated support verb ('did not *give* permission', 'did not provide Russia
    with any support')."""
    verb = support_verb(noun, lexicon)
    return verb is not None and negated(verb, lexicon)


def _embedding(predicate: Token, lexicon: Lexicon) -> dict[str, str] | None:
    """The embedding row of a predicate; a negative implicative's noun is another word ('the
    earnings *decline*', 'a *stop* in Paris'), so a noun takes no implicative row without a time,
    unless it has its own infinitive ('its *refusal* to condemn')."""
    row = lexicon.get("embedding", predicate)
    if (
        row
        and predicate.pos_ == "NOUN"
        and row["factuality"] == "certain_not"
        and not row["time"]
        and not any(infinitive(c) for c in predicate.children)  # "its *refusal* to condemn"
    ):
        return None
    return row


def _embeds(head: Token, lexicon: Lexicon) -> bool:
    """An embedding predicate, or a light verb with an embedding noun ('no decision had been taken on')."""
    if _embedding(head, lexicon):
        return True
    return bool(lexicon.get("light", head)) and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and lexicon.get("embedding", c)
        for c in head.children
    )


def _same_form(conjunct: Token, head: Token) -> bool:
    """Coordinated verbs under one auxiliary share its form ('did not approve or reject'); a verb of
    another form heads its own clause or is a misattached conjunct ('did not know which one had
    been located, interviewed and released'), so it does not share the head's modal or negation."""
    verbs = conjunct.pos_ in ("VERB", "AUX") and head.pos_ in ("VERB", "AUX")
    return not verbs or conjunct.tag_ == head.tag_


def _embed(
    child: Token, head: Token, value: str, time: str | None, lexicon: Lexicon
) -> tuple[str, str | None]:
    """Apply an embedding predicate (or a light verb with an embedding noun) to its complement."""
    predicate = head
    row = _embedding(head, lexicon)
    if row is None and lexicon.get("light", head):
        nouns = [
            c
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and lexicon.get("embedding", c)
        ]
        if nouns:
            predicate, row = nouns[0], lexicon.get("embedding", nouns[0])
    if row is None or (row["factuality"] in ("certain", "certain_not") and _finite_clause(child)):
        return value, time  # "so they stopped the market": an implicative takes no finite clause
    negative = (
        negated(predicate, lexicon)
        or (predicate is not head and negated(head, lexicon))
        or _negated_support(predicate, lexicon)  # "would not give permission for the sale"
    )
    effect = (row["negated"] or "unknown") if negative else row["factuality"]
    value = combine(value, effect)
    value = combine(value, _local_value(head, lexicon, negation=False))  # "may decide to send"
    if time is None:
        time = row["time"] or _own_time(head, lexicon)
    return value, time


def _finite_clause(token: Token) -> bool:
    """A tensed clause with its own subject ('they *were* afraid'), not a complement of an implicative."""
    tensed = token.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for c in token.children
    )
    return tensed and any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _source_cue(
    child: Token, head: Token, dep: str, lexicon: Lexicon, content: bool = False
) -> Cue | None:
    """A reporting or belief cue over ``child``'s clause, with a subject, as a ``Cue``.

    ``content``: the event is not ``child`` itself but the content of it ('rejected a proposal
    to *combine*'), which a denial of the noun does deny.
    """
    according = _according_to(child)
    if according is not None:
        return according
    lemma = head.lemma_.lower()
    particles = [c.lower_ for c in head.children if c.dep_ == "prt"]
    row = (particles and lexicon.cues.get(f"{lemma} {particles[0]}")) or lexicon.cues.get(lemma)
    if not row or row["meaning"] not in SOURCE_MEANINGS or head.pos_ not in ("VERB", "AUX"):
        return None
    raised = dep == "xcomp" and any(c.dep_ == "auxpass" for c in head.children)
    if dep not in REPORTED_DEPS or (
        dep in ("xcomp", "dobj", "pcomp")
        and row["meaning"] not in OBJECT_CUE_MEANINGS
        and not raised  # "is believed to be worth": an impersonal passive cue over the infinitive
    ):
        return None
    if dep == "dobj" and child.pos_ not in ("VERB", "AUX") and not content:
        # "rejected the offer": the offer was made; only "denied sending" denies an event
        return None
    subject = _subject(head)  # None for "it is believed that p": the value holds, no source to name
    value = row["factuality"]
    negative = any(
        lexicon.get("negation", c) and c.dep_ in ("neg", "advmod") for c in head.children
    ) or _negative_subject(head, lexicon)  # "did not say", "*nobody* thought"
    if (
        (row["meaning"] == "question" or negative)
        and dep == "ccomp"
        and not content
        and _wh_clause(child)
    ):
        # "asked who ordered the attack", "would not say what happened": the wh-clause
        # presupposes its event, whatever the cue's negation or modal
        value = "certain"
    else:
        factive = row["meaning"] in FACTIVE_MEANINGS and not _direct_perception(child, row)
        # "could see that p", "may have noticed that p": p stays presupposed under the modal of a
        # verb of knowing or perceiving (modality.tsv kind ``factive``), not of finding out
        # ("could show that p" is open)
        modals = not (factive and lexicon.get("factive", head))
        incredulous = _unable(head) and any(c.dep_ == "neg" for c in head.children)
        incredulity = lexicon.get("incredulity", head) if incredulous else None
        if negative and row["meaning"] in ("speech", "report", "denial"):
            # "did not say that p"; "did not tell her that the children were ill": they were
            value = value if lexicon.get("factive", head) else "unknown"
        elif incredulity:
            # "I can't believe they killed them": they did; the modal is part of the idiom
            value, modals = incredulity["factuality"], False
        elif negative and factive and _speaker_doubt(head, lexicon):
            value = "possible_not"  # "I don't know that there is an easy solution": a doubt
        elif negative and not factive:
            # "do not believe that p" → probably not p; "never saw taxes *go* down" → they did not
            value = negate(value)
        # "it could be said that p", "perhaps he knew that p"
        value = combine(value, _local_value(head, lexicon, negation=False, modals=modals))
    scope = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
    return Cue(" ".join([lemma, *particles[:1]]), head.i, subject, scope, value)


def _unable(verb: Token) -> bool:
    """The verb has the modal of ability: 'I *can't* believe', 'she *could* not believe' (not
    'could *almost* believe': no negation)."""
    return any(c.dep_ == "aux" and c.lemma_.lower() in ABILITY for c in verb.children)


def _speaker_doubt(cue: Token, lexicon: Lexicon) -> bool:
    """A factive cue the speakers deny of themselves in the present ('*I* do n't know that p', '*we*
    can't see that p'): a hedge on p, not a presupposition ('she did not know that p' is one)."""
    speakers = any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in cue.children)
    return speakers and _own_time(cue, lexicon) == "present"


def _direct_perception(clause: Token, row: dict[str, str]) -> bool:
    """A perception cue over a bare infinitive or a gerund ('saw him *leave*', 'saw prices
    *falling*'): it reports the event, not a fact ('saw that p'), so it is no presupposition."""
    return (
        row["meaning"] == "perception"
        and clause.tag_ in ("VB", "VBG")
        and not any(c.dep_ in ("mark", "aux", "auxpass") for c in clause.children)
    )


def _according_to(child: Token) -> Cue | None:
    """'according to X' modifying the clause ``child`` heads (only checked on the clause's own head)."""
    for prep in child.children:
        if prep.lower_ == "according" and prep.dep_ == "prep":
            for to in prep.children:
                objects = [c for c in to.children if c.dep_ == "pobj"] if to.lower_ == "to" else []
                if objects:
                    doc = child.doc
                    source = doc[objects[0].left_edge.i : objects[0].i + 1]
                    clause = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                    return Cue("according to", prep.i, source, clause, "certain")
    return None


def _subject(verb: Token) -> Span | None:
    """The cue's subject as a span ("US officials"), following coordination ("said and added")."""
    for candidate in (verb, verb.head if verb.dep_ == "conj" else None):
        if candidate is None:
            continue
        for child in candidate.children:
            if child.dep_ in ("nsubj",) or (child.dep_ == "agent"):
                head = child
                if child.dep_ == "agent":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if not objects:
                        continue
                    head = objects[0]
                return verb.doc[head.left_edge.i : head.i + 1]
    return None


def _scope(token: Token, lexicon: Lexicon) -> list[Token]:
    """The token and its ancestors up to a factive cue ("did he know that p?" still presupposes p)
    or a relative clause ("if the relatives who *are seeking* asylum appeal": they are seeking it)."""
    nodes = [token]
    for node in token.ancestors:
        row = lexicon.cues.get(node.lemma_.lower())
        if row and row["meaning"] in FACTIVE_MEANINGS and nodes[-1].dep_ == "ccomp":
            break
        if nodes[-1].dep_ in PRESUPPOSED_DEPS and _definite(node):
            break
        nodes.append(node)
    return nodes


def _own_clause(token: Token, clause: Token) -> bool:
    """The clause is the token's own: the token heads it or is one of its nominal arguments, not
    a clause embedded in it."""
    return token.i == clause.i or (token.head.i == clause.i and token.pos_ in NOMINAL_POS)


def _wh_clause(clause: Token) -> bool:
    """A clause opened by a wh-word, after a preposition at most ('Who sent the arms?', 'asked
    *why* China sent arms', 'In which city did …'): it asks about a participant or a circumstance
    and presupposes the event; not a yes/no question or 'whether'."""
    words = [t for t in clause.subtree if not t.is_punct][:2]
    return bool(words) and (
        (words[0].tag_ in WH_TAGS and words[0].dep_ != "mark")  # not the complementizer "that"
        or (words[0].dep_ == "prep" and len(words) > 1 and words[1].tag_ in WH_TAGS)
    )


def _definite(noun: Token) -> bool:
    """'the relatives', 'his objections', 'Elian': a noun whose referent the sentence presupposes."""
    return noun.pos_ == "PROPN" or any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS)
        for c in noun.children
    )


def _condition(token: Token, lexicon: Lexicon) -> tuple[bool, str | None]:
    """Whether the token sits in a condition or a question, and which role sets its value."""
    conditions = lexicon.words("condition")
    questions = lexicon.words("question")
    scope = _scope(token, lexicon)
    for node in scope:
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if marks & questions.keys():
            # "worries over whether GM will be able to keep operating": the feared outcome is
            # possible (the worry's value, from the climb), not an open question
            return True, None if _feared(node, lexicon) else "question"
        if marks & conditions.keys() and node.dep_ in ("advcl", "ccomp", "csubj"):
            return True, "question" if node.dep_ == "ccomp" else "antecedent"
        if node.dep_ == "advcl" and _inverted(node, lexicon):
            return True, "antecedent"
        if any(c.dep_ == "punct" and c.text == "?" for c in node.children) and not (
            _wh_clause(node) and _own_clause(token, node)
        ):
            # "Did China send arms?"; not "Who sent the arms?", but still "Who said it *was* true?"
            return True, "question"
    for node in scope:
        for clause in node.children:
            if clause.dep_ != "advcl":
                continue
            marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
            if marks & conditions.keys() or _inverted(clause, lexicon):
                return True, "consequent"
    return False, None


def _temporal_clause(
    clause: Token, dep: str, head: Token, lexicon: Lexicon
) -> dict[str, str] | None:
    """The modality.tsv ``temporal`` row of an adverbial clause's conjunction ('until', 'once')
    when the main clause is future or modal: 'will stay until the crisis ends', 'could worsen as
    the crisis deepens'; in a past or present main clause the temporal clause happened."""
    if dep != "advcl" or _own_time(clause, lexicon) == "past":
        return None  # "will remain even after the court refused": a past clause happened
    rows = [lexicon.get("temporal", c) for c in clause.children if c.dep_ in ("mark", "advmod")]
    row = next((r for r in rows if r), None)
    if row is None:
        return None
    future = _own_time(head, lexicon) == "future"
    return row if future or _local_value(head, lexicon, negation=False) != "certain" else None


def _feared(clause: Token, lexicon: Lexicon) -> bool:
    """An embedded question that is the content of a fear or worry ('fears over *whether* …'),
    through a preposition or directly; cues.tsv meaning ``fear``."""
    head = clause.head
    if clause.dep_ in ("pcomp", "pobj") and head.dep_ == "prep":
        head = head.head
    row = lexicon.cues.get(head.lemma_.lower())
    return head.i != clause.i and bool(row) and row["meaning"] == "fear"


def _inverted(clause: Token, lexicon: Lexicon) -> bool:
    """'Should Beijing send arms, …': an auxiliary before the subject opens the clause."""
    first = clause.left_edge
    subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
    return bool(
        subjects
        and first.dep_ in ("aux", "auxpass", "ROOT", "advcl")
        and first.lower_ in lexicon.words("inversion")
        and first.i < subjects[0].i
        and (first.head.i == clause.i or first.i == clause.i)
    )


def event_date(token: Token, time: str, published: str | None) -> tuple[Span, str] | None:
    """The DATE entity attached to the trigger (or the verb it is the subject/object of), resolved."""
    governors = {token.i}
    if token.dep_ in DATED_BY_HEAD_DEPS or token.pos_ == "ADJ":
        governors.add(token.head.i)
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        governors.add(token.head.head.i)  # "walked away from the meeting on Monday"
    for child in token.children:
        if child.dep_ in PREDICATIVE_DEPS:
            governors.add(child.i)
    for ent in token.sent.ents:
        if ent.label_ != "DATE":
            continue
        node = ent.root
        while node.dep_ in DATE_PATH_DEPS and node.head.i != node.i:
            if node.head.i in governors and node.dep_ != "pobj":
                break
            node = node.head
        if node.head.i in governors or node.i in governors:
            resolved = dates.resolve(ent.text, published, time)
            if resolved:
                return ent, resolved
    return None


def _is_source_quote(quote: dict, lexicon: Lexicon) -> bool:
    """A quote whose cue introduces a source ('say', 'fear'), not an intention ('decide')."""
    row = lexicon.cues.get((quote.get("cue") or "say").lower())
    return row is None or row["meaning"] in SOURCE_MEANINGS


def _attribution(token: Token, cues: list[Cue], quotes: list[dict], lexicon: Lexicon) -> list[dict]:
    """The chain of sources, outermost first: parse cues matched with the quotes that hold the event."""
    start = token.idx
    holding = [
        q
        for q in quotes
        if q["span"][0] <= start < q["span"][1]
        and q.get("speaker")
        and _is_source_quote(q, lexicon)
    ]
    sources: list[tuple[int, dict]] = []
    for cue in cues:
        if cue.subject is None:
            continue
        speaker = {"actor": actor_for_span(token.doc, cue.subject), "text": cue.subject.text}
        for quote in holding:
            qs = quote["speaker"]
            overlaps = (
                qs["span"][0] < cue.subject.end_char and cue.subject.start_char < qs["span"][1]
            )
            if overlaps or quote.get("cue") == cue.lemma:
                speaker = {
                    "actor": qs.get("actor") or speaker["actor"],
                    "text": qs["text"] if overlaps else speaker["text"],
                }
                holding.remove(quote)
                break
        sources.append((cue.scope[1] - cue.scope[0], {**speaker, "cue": cue.lemma}))
    for quote in holding:
        qs = quote["speaker"]
        sources.append(
            (
                quote["span"][1] - quote["span"][0],
                {"actor": qs.get("actor"), "text": qs["text"], "cue": quote.get("cue")},
            )
        )
    sources.sort(key=lambda item: -item[0])
    chain: list[dict] = []
    for _, source in sources:
        if (
            not chain or chain[-1] != source
        ):  # one source told twice (a headline and its lead) counts once
            chain.append(source)
    return chain


@Language.factory(
    "claimgraph_factuality",
    requires=["doc._.events", "doc._.quotes"],
    assigns=["doc._.events"],
    default_config={
        "antecedent": "unknown",
        "consequent": "probable",
        "question": "unknown",
        "nonfinite": "possible",
        "purpose": "probable",
        "generic": "probable",
        "gerund": "probable",
    },
)
def make_factuality(
    nlp: Language,
    name: str,
    antecedent: str,
    consequent: str,
    question: str,
    nonfinite: str,
    purpose: str,
    generic: str,
    gerund: str,
):
    return Factuality(
        nlp, name, Settings(antecedent, consequent, question, nonfinite, purpose, generic, gerund)
    )


def announced_act(result) -> bool:
    """A future act that is neither conditional nor denied: CAMEO codes it as the intent (0331)."""
    return (
        result.time == "future"
        and not result.hypothetical
        and result.factuality not in NEGATIVE_FACTUALITY
    )


class Factuality:
    """Completes each event's attribution, factuality, time, hypothetical and date."""

    def __init__(self, nlp: Language, name: str, settings: Settings):
        self.name = name
        self.settings = settings
        self.lexicon: Lexicon | None = None

    def initialize(self, get_examples=None, *, nlp=None, lexicon: Lexicon | None = None, **_):
        self.lexicon = lexicon or Lexicon.packaged()

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            self.initialize()
        evidence: list[Span] = []
        quotes = list(doc._.quotes)
        for event in doc._.events:
            trigger = char_span(doc, event["trigger"]["span"])
            if trigger is None:
                logger.debug(
                    "event %s: trigger span %s matches no tokens",
                    event.get("id"),
                    event["trigger"]["span"],
                )
                continue
            token = trigger.root
            holding = sorted(
                (
                    q
                    for q in quotes
                    if q["span"][0] <= token.idx < q["span"][1]
                    and _is_source_quote(q, self.lexicon)
                ),
                key=lambda q: q["span"][1] - q["span"][0],
            )
            quote_cue = (holding[0].get("cue") or "say") if holding else None
            result = assess_token(token, self.lexicon, self.settings, quote_cue)
            event["factuality"] = result.factuality
            event["time"] = result.time
            event["hypothetical"] = result.hypothetical
            if announced_act(result):
                event["cameo"] = intent_cameo(event.get("cameo")) or event.get("cameo")
            event["attribution"] = _attribution(token, result.cues, quotes, self.lexicon)
            dated = event_date(token, result.time, doc._.published)
            event["date"] = dated[1] if dated else None
            for cue in result.cues:
                evidence.append(Span(doc, cue.token, cue.token + 1, label=f"cue:{cue.lemma}"))
            if dated:
                evidence.append(Span(doc, dated[0].start, dated[0].end, label=f"date:{dated[1]}"))
        doc.spans[SPANS_KEY] = evidence
        return doc

    def to_disk(self, path, exclude=tuple()):
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "lexicon.json", (self.lexicon or Lexicon.packaged()).to_json())

    def from_disk(self, path, exclude=tuple()):
        data = srsly.read_json(Path(path) / "lexicon.json")
        self.lexicon = Lexicon(data["markers"], data["cues"])
        return self
