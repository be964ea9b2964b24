"""Event forms for claimgraph_factuality: what an infinitive, a gerund or a bare noun asserts.

An event that is not a finite clause names an event rather than asserting it ("efforts *to woo*
investors", "an embargo on *trade*"); these helpers tell the forms apart and give the most each
one asserts, from the parse and the modality lexicon (docs/factuality.md, rule 5).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from .factuality import Lexicon, Settings

# Parts of speech of a noun-like event or argument.
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Tags of a finite verb or modal: a sentence without one is a headline or a fragment.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Ordinals and 'only'/'few' rank a noun: its infinitival relative is factual ('the first to fly').
RANKS = frozenset({"first", "second", "third", "last", "only", "few"})
# Prepositions whose bare noun is the setting of an event that takes place ('losses in *trading*').
SETTING_PREPOSITIONS = frozenset({"in"})
# Most tokens of a headline (a sentence without closing punctuation).
HEADLINE_TOKENS = 16
# Modifiers that make a noun a specific occurrence ("the war", "Russia's invasion", "two attacks").
BOUND_NOUN_DEPS = frozenset({"det", "poss", "nummod"})


def infinitive(token: Token) -> bool:
    """'to send', 'to be expelled', and a bare conjunct of one ('to stem a crash and *restore*
    confidence', which the tagger often reads as a present tense)."""
    if token.dep_ == "conj" and token.tag_ in ("VB", "VBP") and not has_own_subject_or_aux(token):
        return infinitive(token.head)
    return token.tag_ in ("VB", "VBN") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def nonfinite(token: Token) -> bool:
    """A 'to'-infinitive or a gerund after a preposition: it names an event, it does not assert one."""
    return infinitive(token) or (token.tag_ == "VBG" and token.dep_ == "pcomp")


def nonfinite_cap(token: Token, lexicon: Lexicon, settings: Settings) -> str:
    """The most a non-finite event asserts: a purpose infinitive, the infinitive complement of a
    verb outside the lexicon ('joined the police to investigate') or a gerund after a preposition
    is usually carried out; after a presupposing preposition ('after selling') it happened."""
    if token.dep_ == "conj":
        return nonfinite_cap(token.head, lexicon, settings)  # "to stem a crash and restore"
    if headline(token):
        return "certain"  # "Apple to lower UK iTunes prices": the headline's 'will'
    if token.dep_ in ("advcl", "xcomp"):
        # "fell 9% to reach a low": after a change of value the infinitive states its outcome
        if lexicon.get("result", token.head):
            return "certain"
        # "is fighting to stem a crash": striven for, the outcome is open (as with 'try')
        return settings.nonfinite if lexicon.get("effort", token.head) else settings.purpose
    if token.dep_ == "pcomp":
        # "after selling its stake", "with the index losing 900 points": it happened
        factual = lexicon.get("presupposing", token.head) or lexicon.get("absolute", token.head)
        return "certain" if factual or quoted_as(token, lexicon) else settings.gerund
    if token.dep_ in ("relcl", "acl") and ranked(token.head):
        return "certain"  # "the first model to be built of composites": it was built
    if token.dep_ == "acl" and in_order_to(token):
        return settings.purpose  # "in order to meet the standards": a purpose infinitive
    return settings.nonfinite


def quoted_as(gerund: Token, lexicon: Lexicon) -> bool:
    """'quoted the minister *as saying*': the gerund after 'as' of a reporting cue (cues.tsv) is
    the report itself, which took place."""
    prep = gerund.head
    row = lexicon.cues.get(prep.head.lemma_.lower())
    return prep.lower_ == "as" and row is not None and row["meaning"] in ("speech", "report")


def in_order_to(token: Token) -> bool:
    """'in order to meet': the parser makes the infinitive the relative of the noun 'order'."""
    order = token.head
    return order.lower_ == "order" and order.dep_ == "pobj" and order.head.lower_ == "in"


def headline(token: Token) -> bool:
    """A 'to'-infinitive after its subject in a sentence with no finite verb: the headline future
    ('China to send aid'); not a fragment that opens with it ('To give him an injection.')."""
    sent = token.sent
    return (
        infinitive(token)
        and any(t.pos_ in ("NOUN", "PROPN") for t in sent if t.i < token.i)
        and sent[0].lower_ != "to"
        and not any(t.tag_ in FINITE_TAGS for t in sent)
    )


def headline_style(sent) -> bool:
    """A short sentence without closing punctuation: a headline, whose bare nouns drop their
    article ('Japan enters *recession*', 'First A380 enters commercial *service*')."""
    return len(sent) <= HEADLINE_TOKENS and not sent[-1].is_punct


def ranked(noun: Token) -> bool:
    """A noun ranked by an ordinal, 'only' or 'few' ('the first model', 'one of the few indexes');
    not by a superlative of quality ('the best person to raise his son' is a judgement)."""
    return any(
        c.dep_ in ("amod", "nummod", "advmod") and c.lower_ in RANKS for c in noun.children
    ) or any(
        c.dep_ == "prep"
        and any(o.lower_ in RANKS or ranked(o) for o in c.children if o.dep_ == "pobj")
        for c in noun.children
        if c.lower_ == "of" and noun.lower_ in ("one", "some", "many")
    )


def generic_noun(token: Token, lexicon: Lexicon) -> bool:
    """A bare singular event noun ('embargo on *trade*', 'a *takeover* bid'): it names a kind of event.

    Not the object of a light verb ('waged *war*'), where the verb asserts it, nor the object of a
    presupposing preposition ('fell after *earthquake*'), nor a clause's root (a headline's verb
    tagged as a noun).
    """
    if token.tag_ != "NN" or token.dep_ == "ROOT":
        return False
    if any(c.dep_ in BOUND_NOUN_DEPS for c in token.children) or headline_style(token.sent):
        return False
    if token.dep_ == "pobj" and (
        lexicon.get("presupposing", token.head) or token.head.lower_ in SETTING_PREPOSITIONS
    ):
        return False  # 'fell after *earthquake*', 'losses *in trading*': it happened
    # "waged war", "permission was not given": the support verb asserts (or denies) it
    return support_verb(token, lexicon) is None


def support_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The support verb that asserts a noun's event (modality.tsv ``light``): the noun is its
    object or passive subject ('*held* talks', 'permission was not *given*'), or the object of the
    preposition of a two-word entry ('*provided* Russia *with* support': 'provide with'). None
    for a token that is no noun."""
    if noun.pos_ not in NOMINAL_POS:
        return None
    if noun.dep_ in ("dobj", "nsubjpass"):
        return noun.head if lexicon.get("light", noun.head) else None
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep":
        if f"{prep.head.lemma_.lower()} {prep.lower_}" in lexicon.words("light"):
            return prep.head
    return None


def has_own_subject_or_aux(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in token.children)
