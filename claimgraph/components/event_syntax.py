"""Plain functions over spaCy tokens that claimgraph_events reads its arguments with: objects,
content clauses, coordinated heads, the clause a noun belongs to, places, and the target a
trigger's own phrase names. No state; the dependency labels they follow are named below."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .actors import actor_at

POS_OF = {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adj"}
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# dependents whose subtree is what a verb talks about or aims at
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp"})
CONTENT_PREPS = frozenset({"for", "of", "about", "with", "to", "on", "upon"})
DEFAULT_TARGETS = (
    "dobj",
    "dative",
    "prep:to",
    "prep:against",
    "prep:on",
    "prep:with",
    "prep:into",
    "prep:toward",
)
PLACE_PREPS = frozenset({"in", "at"})
# prepositions that locate an act beside a place ("near the town of Samarra", "outside of Basra"):
# where it happened, never whom it was aimed at
NEAR_PREPS = frozenset({"near", "outside"})
# modals whose clause is a demand when a speech verb governs it ("insisted that Iran must halt")
OBLIGATION = frozenset({"must", "should", "shall", "ought"})
# future auxiliaries: an act in a "before"/"until" clause of such a clause has not happened
ANNOUNCING = frozenset({"will", "would"})
# conjunctions and prepositions that make an act the condition of the clause they hang on
CONDITION_WORDS = frozenset({"before", "until", "unless"})
# verbs that request of another when they name one, and state the subject's own intent when not
REQUEST_OR_INTENT = frozenset({"want", "ask", "wish"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# actor kinds an "in/at PLACE" phrase never names as a recipient: a name there is a place
NOT_PLACE_KINDS = frozenset({"organization", "person"})
# dependents never searched for a target: the actor side, separate clauses, function words
NOT_TARGET_DEPS = frozenset(
    {
        "nsubj",
        "csubj",
        "expl",
        "agent",
        "poss",
        "advcl",
        "relcl",
        "conj",
        "cc",
        "punct",
        "appos",
        "parataxis",
        "mark",
        "aux",
        "auxpass",
        "neg",
        "det",
        "advmod",
        "npadvmod",
    }
)


def each_other(tok: Token) -> bool:
    """The trigger acts on "each other" or "one another": its several actors act on each other."""
    heads = [c for c in tok.children if c.dep_ in OBJECT_DEPS or c.dep_ == "prep"]
    words = heads + [p for h in heads if h.dep_ == "prep" for p in h.children]
    return any(
        {w.lower_, c.lower_} in ({"other", "each"}, {"another", "one"})
        for w in words
        for c in w.children
    )


def has_dependent(tok: Token, lemma: str) -> bool:
    """``tok`` has a dependent (or a governing verb) with this lemma or form; an infinitive's "to"
    is no dependent ("protested to the UN" has one, "began a strike to protest" has none)."""
    words = [c for c in tok.children if c.dep_ != "aux" and c.tag_ != "TO"] + [tok.head]
    return any(w.lemma_.lower() == lemma or w.lower_ == lemma for w in words if w.i != tok.i)


def objects(tok: Token) -> list[Token]:
    """Object phrases of a verb: direct/dative objects, passive subject, "with"/"for" objects."""
    out = [c for c in tok.children if c.dep_ in OBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "for", "of"):
            out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def object_lemmas(tok: Token) -> set[str]:
    """Lemmas of the words that say what the trigger is about (object heads and their modifiers)."""
    heads = objects(tok) if POS_OF.get(tok.pos_) == "verb" else [tok]
    lemmas: set[str] = set()
    for head in heads:
        for word in [head, *head.conjuncts]:
            lemmas.add(word.lemma_.lower())
            lemmas.add(word.lower_)
            lemmas |= {c.lemma_.lower() for c in word.children if c.dep_ in ("compound", "amod")}
            for prep in word.children:  # "part of a military aid program", "a state of emergency"
                # "$2 billion in weapons": an amount "in" what is given
                if prep.dep_ == "prep" and (
                    prep.lower_ == "of" or (prep.lower_ == "in" and amount(word))
                ):
                    for pobj in prep.children:
                        lemmas.add(pobj.lemma_.lower())
                        lemmas |= {
                            c.lemma_.lower()
                            for c in pobj.children
                            if c.dep_ in ("compound", "amod")
                        }
    return lemmas


def content(tok: Token) -> list[Token]:
    """The tokens a trigger governs as its content (complement clauses, objects, for/of phrases,
    "to"-infinitives: "was pressured by Congress to help Iran")."""
    out: list[Token] = []
    for child in tok.children:
        if (
            child.dep_ in CONTENT_DEPS
            or (child.dep_ == "prep" and child.lower_ in CONTENT_PREPS)
            or (child.dep_ == "advcl" and infinitive(child))
            # a noun's "to"-infinitive: "pressure from Congress to help Iran"
            or (child.dep_ == "acl" and tok.pos_ in ("NOUN", "PROPN") and infinitive(child))
            # a noun's complement clause: "its demand that Israel ease restrictions"
            or (child.dep_ == "acl" and any(m.dep_ == "mark" for m in child.children))
        ):
            out += without_relatives(child)
    return out


def directive(tok: Token) -> bool:
    """A verb whose content is a demand: an "on" phrase ("insisted on talks"), a "to"-infinitive,
    or a clause in the subjunctive or with a modal of obligation ("insisted that Iran halt",
    "... must halt"), not a plain statement ("insisted the unrest reflected old tensions")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            return True
        if child.dep_ == "xcomp" and infinitive(child):
            return True
        if child.dep_ == "ccomp" and (
            child.tag_ == "VB"
            or any(a.dep_ == "aux" and a.lower_ in OBLIGATION for a in child.children)
        ):
            return True
    return False


def conditional(tok: Token, demands: set[int]) -> bool:
    """An act named as the condition of a demand or of an announced act, not as done: "must agree
    to changes before they demobilize", "demanded a truce before allowing aid convoys" (``demands``:
    token indices of the sentence's demand triggers)."""
    if tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONDITION_WORDS for c in tok.children
    ):
        head = tok.head
    elif tok.dep_ == "pcomp" and tok.head.lower_ in CONDITION_WORDS:
        head = tok.head.head
    else:
        return False
    return head.i in demands or any(
        a.dep_ == "aux" and a.lower_ in OBLIGATION | ANNOUNCING for a in head.children
    )


def without_relatives(tok: Token) -> list[Token]:
    """A phrase without the relative clauses that describe its nouns: "re-open its borders to UN
    peacekeepers, who are deployed to oversee a ceasefire" agrees to no ceasefire."""
    out = [tok]
    for child in tok.children:
        if child.dep_ != "relcl":
            out += without_relatives(child)
    return out


def context_words(tok: Token) -> list[Token]:
    """The trigger, its modifiers and its object phrases: where context cue words are looked for."""
    heads = [tok] + (objects(tok) if POS_OF.get(tok.pos_) == "verb" else [])
    heads += [  # "$2 billion in weapons": the amount's "in" phrase says what is given
        p
        for h in heads
        if amount(h)
        for prep in h.children
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for p in prep.children
        if p.dep_ == "pobj"
    ]
    words: list[Token] = []
    for head in heads:
        words.append(head)
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                words += [child, *child.conjuncts]
    return words


def content_target(
    doc: Doc, heads: list[Token], exclude: set[str], topics: frozenset[str] = frozenset()
) -> list[tuple[str, Token]]:
    """The first actor the trigger's own phrase (and a light verb's) mentions: objects, complements,
    prepositional phrases, "in PLACE" last. "threatened to impose restrictions against German goods"
    -> Germany; "opened investigations against Chilean officials" -> Chile. Prepositions in
    ``topics`` say what the act is about and are skipped ("a summit on the unrest in Iran")."""
    own = {h.i for h in heads}
    children = [
        c
        for c in heads[0].children
        if (c.dep_ not in NOT_TARGET_DEPS or (c.dep_ == "advcl" and infinitive(c)))
        and not (c.dep_ == "prep" and c.lower_ in topics)
    ]
    for light in heads[1:]:  # a light verb lends its recipient slots ("opened a probe against X")
        children += [
            c
            for c in light.children
            if c.i not in own
            and (c.dep_ == "dative" or (c.dep_ == "prep" and f"prep:{c.lower_}" in DEFAULT_TARGETS))
            and c.lower_ not in topics
        ]
    place = [
        c
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS and c.i not in own
    ]
    phrases = [(list(c.subtree), False) for c in children if c not in place]
    for prep in place:  # "in PLACE": the place phrase, not the clauses hanging from it
        phrases += [(bare_phrase(p), True) for p in prep.children if p.dep_ == "pobj"]
    kinds = {a["id"]: a["kind"] for a in doc._.actors}
    for phrase, located in phrases:
        for word in phrase:
            if word.pos_ == "PRON" or word.dep_ in ("relcl", "advcl"):
                continue
            actor = actor_at(doc, word)
            if located and kinds.get(actor) in NOT_PLACE_KINDS:
                continue  # "surrendered in the town in Soroti" (read as an ORG) is a place
            if actor and actor not in exclude:
                head = word if word.dep_ != "compound" and word.dep_ != "amod" else word.head
                return [(actor, word)] + [
                    (a, c) for c in head.conjuncts if (a := actor_at(doc, c)) and a not in exclude
                ]
    return []


def asks_another(tok: Token) -> bool:
    """A "want"/"ask" verb that names another to do its complement ("asked Iran to halt", "wants
    Putin to attack"): a request of that other, not the speaker's own intent ("wants to attack")."""
    if POS_OF.get(tok.pos_) != "verb" or tok.lemma_.lower() not in REQUEST_OR_INTENT:
        return False
    return any(c.dep_ in ("dobj", "dative") for c in tok.children) or any(
        s.dep_ in SUBJECT_DEPS
        for c in tok.children
        if c.dep_ in ("xcomp", "ccomp")
        for s in c.children
    )


def infinitive(tok: Token) -> bool:
    """A "to"-infinitive clause: a purpose ("send material to help defend Saudi Arabia")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def bare_phrase(tok: Token) -> list[Token]:
    """A noun phrase without its clauses ("the face of sanctions imposed by the US" stops at
    "sanctions")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in ("acl", "relcl", "advcl", "agent", "punct"):
            out += bare_phrase(child)
    return sorted(out, key=lambda t: t.i)


def with_conjuncts(tok: Token) -> list[Token]:
    """A phrase head and the heads coordinated with it, including lists parsed as appositions
    ("The US, Russia, and Switzerland met")."""
    out, todo = [tok], [tok]
    while todo:
        for child in todo.pop().children:
            listed = child.dep_ == "conj" or (
                child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children)
            )
            if listed and child not in out:
                out.append(child)
                todo.append(child)
    return out + [c for c in tok.conjuncts if c not in out]


def amount(tok: Token) -> bool:
    """A number or a counted noun: "$500 million", "500 million euros", "1,000 tons"."""
    return tok.pos_ == "NUM" or (
        tok.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in tok.children)
    )


def governor(tok: Token) -> Token | None:
    """The clause a noun belongs to: its verb when it is an object, or the head of its preposition."""
    if tok.dep_ in OBJECT_DEPS or tok.dep_ in PASSIVE_SUBJECT_DEPS or tok.dep_ in SUBJECT_DEPS:
        head = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        head = tok.head.head
    else:
        return None
    while (
        head.pos_ in ("ADJ", "ADV")
        and head.dep_ in ("acomp", "amod", "oprd", "advmod")
        and head.head.i != head.i
    ):
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    if tok.dep_ == "pobj" and (
        (tok.head.lower_ == "of" and head.pos_ in ("NOUN", "NUM"))
        or (tok.head.lower_ == "in" and amount(head))  # "pledged $500 million in aid"
    ):
        return governor(head)  # "launched 10 days of war games", "exploded a series of bombs"
    return None


def misread_gerund(tok: Token) -> Token | None:
    """The modifier noun before an event noun the tagger read as a gerund: "killed in Israeli tank
    **shelling**" (a verb with no subject or object of its own, hung beside "tank"). The noun
    stands in as the phrase's head, so its modifiers name the actor; None when the parse is
    plausible."""
    if tok.tag_ != "VBG" or tok.i == 0 or tok.dep_ not in ("advcl", "acl", "conj", "xcomp"):
        return None
    if any(
        c.dep_ in SUBJECT_DEPS or c.dep_ in OBJECT_DEPS or c.dep_ in ("aux", "mark")
        for c in tok.children
    ):
        return None
    noun = tok.doc[tok.i - 1]
    if (
        noun.pos_ != "NOUN"
        or noun.dep_ != "pobj"
        or tok.head not in (noun, noun.head.head)
        or not any(c.dep_ in ("amod", "compound", "poss") for c in noun.children)
    ):
        return None
    return noun


def clause_head(tok: Token) -> Token:
    """The verb heading the clause ``tok`` belongs to."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def place_of(
    doc: Doc,
    tok: Token,
    pred: Token | None,
    skip: set[int],
    known: Callable[[str], bool] | None = None,
) -> Span | None:
    """A place named by "in/at PLACE" on the trigger or its clause, or a place modifier ("the Rome
    meeting"). ``known`` says whether a name is a place of the tables: a proper noun the entity
    recogniser labelled otherwise ("near the town of Samarra", read as a NORP) is one then."""

    def is_place(t: Token) -> bool:
        return t.ent_type_ in PLACE_ENTS or (
            known is not None and t.pos_ == "PROPN" and known(entity_span(doc, t).text)
        )

    heads = [tok] + (
        [pred, *(c for c in pred.children if c.dep_ in ("acomp", "xcomp"))]
        if pred is not None
        else []
    )
    # "talks with South Korea in Seoul": the place may hang from the trigger's own prepositional object
    heads += [
        p for prep in tok.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"
    ]
    # "a minefield explosion near Samarra killed ...": a subject that names no one says where
    heads += [
        c
        for c in tok.children
        if c.dep_ in SUBJECT_DEPS
        and c.pos_ == "NOUN"
        and not any(actor_at(doc, w) for w in bare_phrase(c))
    ]
    # "killed 23 people when they blew themselves up in Tel Aviv": the when-clause is the same act
    heads += [
        c
        for c in tok.children
        if c.dep_ == "advcl" and any(m.dep_ == "advmod" and m.lower_ == "when" for m in c.children)
    ]
    for head in heads:
        for child in head.children:
            if child.i in skip:
                continue
            if child.dep_ == "dobj" and head.i == tok.i:  # "shelled the regional capital Juba"
                # "evacuate all settlements in the Gaza Strip", "shelled rebel positions near the
                # town of Kassala": the object's own place phrase
                located = [
                    p
                    for prep in child.children
                    if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS | NEAR_PREPS
                    for p in _place_objects(prep)
                ]
                named = next(
                    (
                        t
                        for t in [
                            child,
                            *child.children,
                            named_place(child, is_place),
                            *located,
                            *(named_place(p, is_place) for p in located),
                        ]
                        if t is not None
                        and t.i not in skip
                        and is_place(t)
                        and (t.i == child.i or t.dep_ in ("appos", "pobj"))
                    ),
                    None,
                )
                if named is not None:
                    return entity_span(doc, named)
            if child.dep_ == "compound" and child.ent_type_ in PLACE_ENTS and head.i == tok.i:
                return entity_span(doc, child)
            if (child.dep_ == "prep" and child.lower_ in PLACE_PREPS) or (
                child.dep_ in ("prep", "advmod") and child.lower_ in NEAR_PREPS
            ):
                for pobj in _place_objects(child):
                    if pobj.dep_ != "pobj" or pobj.i in skip:
                        continue
                    if is_place(pobj):
                        return entity_span(doc, pobj)
                    named = named_place(pobj, is_place)  # "in the northern city of Kirkuk"
                    if named is not None and named.i not in skip:
                        return entity_span(doc, named)
    return None


def _place_objects(prep: Token) -> list[Token]:
    """The objects of a place preposition, through "of" ("outside of the city of Basra")."""
    out = []
    for child in prep.children:
        if child.dep_ == "pobj":
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            out += [c for c in child.children if c.dep_ == "pobj"]
    return out


def named_place(tok: Token, is_place: Callable[[Token], bool] | None = None) -> Token | None:
    """The place a common noun names by "of PLACE" ("the city of Kirkuk", "the town of Gorazde")
    or by apposition ("the capital Kabul", "the Lebanese capital, Beirut"); ``is_place`` tells a
    place name (default: a GPE, LOC or FAC entity)."""
    if is_place is None:
        is_place = _place_entity
    for appos in tok.children:
        if appos.dep_ == "appos" and is_place(appos):
            return appos
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and is_place(pobj):
                    return pobj
    return None


def _place_entity(tok: Token) -> bool:
    return tok.ent_type_ in PLACE_ENTS


def entity_span(doc: Doc, tok: Token) -> Span:
    """The named entity that holds the token, or the token alone (read from the token's IOB tags,
    not by scanning ``doc.ents``)."""
    if tok.ent_iob_ not in ("B", "I"):
        return doc[tok.i : tok.i + 1]
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def dyad_pairs(sources, targets, reciprocal: bool) -> list[tuple[str | None, str | None]]:
    """One (source, target) per coordinated actor; reciprocal actors with no target act on each other."""
    src = list(dict.fromkeys(a for a, _ in sources))
    tgt = list(dict.fromkeys(a for a, _ in targets))
    if reciprocal and not tgt and len(src) > 1:
        return [(a, b) for a in src for b in src if a != b]
    if not src:
        return [(None, t) for t in tgt]
    return [(s, t) for s in src for t in (tgt or [None]) if s != t]


def country_of(actor: str | None) -> str | None:
    """The country part of an actor id ("CHN.GOV" -> "CHN"); other ids stand for themselves."""
    if actor is None:
        return None
    head = actor.split(".", 1)[0]
    return head if len(head) == 3 and head.isupper() else actor


def emphatic_do(tok: Token) -> bool:
    """A verb the tagger took for an adverb of emphatic "do" ("China does back Russia")."""
    return (
        tok.pos_ == "ADV"
        and tok.dep_ == "advmod"
        and tok.head.lemma_ == "do"
        and tok.head.pos_ in ("VERB", "AUX")
    )
