"""Who speaks through a cue: the speaker mention of a cue verb, noun or phrase and its token range, a
byline's name, and the actor an unresolved pronoun stands for. Used by claimgraph_quotes."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

BYLINE_DASHES = {"\u2015", "\u2014", "\u2013", "--"}  # ― — – --
MAX_BYLINE_WORDS = 5
SUBJECT_RELATIVES = {"who", "that", "which"}
# how a clause hangs under the verb that embeds it ("Lynch said she recalled", "condemned what he called",
# "is seeking to contrast her approach with what they call")
EMBEDDING_DEPS = {"ccomp", "xcomp", "pcomp", "pobj", "prep"}


def subject(cue: Token, controlled: bool = False) -> Token | None:
    """Who speaks through a cue verb: its subject (the one nearest the cue when a misparse hangs a quoted
    clause's subject on it too), the agent of a passive, the subject it shares ("began by saying", "went on
    to", "was able to tout", "stopped short of calling", "after saying ..., she was whisked").
    ``controlled``: the verb lends its subject to a non-finite cue under it, so a passive subject
    counts too."""
    subjects = [child for child in cue.children if child.dep_ == "nsubj"]
    if subjects:
        child = min(subjects, key=lambda t: abs(t.i - cue.i))
        if child.lower_ in SUBJECT_RELATIVES and cue.dep_ == "relcl":
            return cue.head
        return child
    for child in cue.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    passive = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and controlled:
        return passive
    if passive is not None or any(child.dep_ == "expl" for child in cue.children):
        return None  # "X was told that", "it is believed that": the source is not named
    if cue.head.i == cue.i:
        return None
    if cue.dep_ in ("conj", "xcomp") or (cue.dep_ == "advcl" and cue.tag_ == "VBG"):
        return controller(cue.head)
    if cue.dep_ == "advcl" and cue.tag_ == "VB" and any(c.tag_ == "TO" for c in cue.children):
        # a purpose infinitive shares the subject of the verb it completes ("met with the liaison to
        # discuss …", "went on to discuss …", "was dragged before a subcommittee to defend …")
        return controller(cue.head)
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("VERB", "AUX"):
        return controller(cue.head)
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG" and cue.head.dep_ == "prep":
        return controller(cue.head.head)  # "began by saying", "apologised for saying"
    return None


def controller(token: Token) -> Token | None:
    """The subject a verb lends to a non-finite verb under it, climbing over the adjective, adverb or
    preposition between them ("was able to tout", "stopped short of calling")."""
    while (
        token.pos_ not in ("VERB", "AUX")
        and token.dep_ in ("acomp", "advmod", "prep", "pcomp", "amod")
        and token.head.i != token.i
    ):
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    return subject(token, controlled=True)


def governing_subject(pronoun: Token, is_cue: Callable[[Token], bool]) -> Token | None:
    """The earlier subject of the nearest cue verb (``is_cue``) above the clause a subject pronoun heads
    ("Lynch said she recalled thinking, "…"" -> Lynch; "Ban condemned what he called a "brazen breach"" ->
    Ban), or None (also when a verb with another subject comes between)."""
    token = pronoun.head
    while token.dep_ in EMBEDDING_DEPS and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            found = subject(token)
            if found is not None:
                return found if found.i < pronoun.i and is_cue(token) else None
    return None


def mention_tokens(head: Token, cue_tokens: tuple[int, ...] = ()) -> list[int]:
    """Token indices of the speaker mention around ``head``: its phrase, without a clause that holds the cue."""
    doc = head.doc
    dropped = set()
    for child in head.children:
        below = [t.i for t in child.subtree]
        if any(i in cue_tokens for i in below):
            dropped.update(below)
    subtree = list(head.subtree)
    # a relative clause reporting speech of its own ("Mr. Kamin, who emphasized that ...") is that
    # attribution's, not part of the mention
    dropped.update(
        t.i
        for token in subtree
        if token.dep_ == "relcl"
        and token.i > head.i
        and any(c.dep_ == "ccomp" for c in token.children)
        for t in token.subtree
    )
    # a no-break space inside a name is a token of its own ("nominee\xa0Gov.\xa0Mike Pence"): bridged
    present = {t.i for t in subtree if t.i not in dropped and "\n" not in t.text}
    lo = hi = head.i
    while lo - 1 in present:
        lo -= 1
    while hi + 1 in present:
        hi += 1
    while lo < head.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return list(range(lo, hi + 1))


def resolve_pronoun(doc: Doc, pronoun: Token, row: dict[str, str]) -> str | None:
    """The nearest earlier actor of a kind the pronoun may stand for."""
    kinds = set(row["kinds"].split())
    best: tuple[int, str] | None = None
    for actor in doc._.actors or []:
        if actor.get("kind") not in kinds:
            continue
        if (
            actor.get("kind") == "anonymous"
            and row.get("number")
            and plural(actor.get("name", "")) != (row["number"] == "plural")
        ):
            continue
        for _start, end in actor.get("mentions", []):
            if end <= pronoun.idx and (best is None or end > best[0]):
                best = (end, actor["id"])
    return best[1] if best else None


def plural(name: str) -> bool:
    last = name.split()[-1].lower() if name.split() else ""
    return last.endswith("s") and not last.endswith("ss")


def noun_speaker(noun: Token) -> Token | None:
    """Whose claim, fear, warning: the possessor ("Trump's claim"), a name the parser hung on the noun
    ("Trump claims that", read as a compound), the object of "from"/"by" ("warnings from his attorney"),
    or the subject of the verb the noun is the object of ("Republicans have expressed concern that")."""
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        return subject(noun.head)
    return None


def phrase_speaker(phrase: Span) -> Token | None:
    """The speaker a cue phrase names: the object of a final preposition ("according to X")."""
    last = phrase[-1]
    if last.dep_ in ("prep", "agent") or last.pos_ == "ADP":
        return next((c for c in last.children if c.dep_ == "pobj"), None)
    return None


def byline_name(tokens: list[Token], follows: str) -> tuple[Token, tuple[int, int]] | None:
    """The name in a byline after a quote ("..." ― Karen Bobadilla): ``follows`` (the text right after the
    closing mark) opens with a dash, then only proper nouns (the tokenizer may glue the dash to the mark,
    "”―", and a no-break space may stand around it), then capitalised words ending in a proper noun.
    Returns the name's head and its token range, which is the run of words itself, not a parse subtree
    (a byline line may be left unparsed: claimgraph_selective_parser)."""
    follows = follows.lstrip()
    if not any(follows.startswith(dash) for dash in BYLINE_DASHES):
        return None
    names = [t for t in tokens if any(c.isalnum() for c in t.text)]
    if (
        not names
        or len(names) > MAX_BYLINE_WORDS
        or names[-1].pos_ != "PROPN"
        or any(
            not t.text[:1].isupper() for t in names
        )  # capitalised words; an initial ("A.") may parse as a noun
    ):
        return None
    head = names[-1] if names[-1].head.i not in {t.i for t in names} else names[-1].head
    return head, (names[0].i, names[-1].i + 1)
