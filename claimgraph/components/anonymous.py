"""Unnamed sources for claimgraph_actors: which nouns are sources ("US officials", "a senior
official", "people familiar with the matter"), and whether a later mention is a new source or an
earlier one ("the officials", "the spokesman"). Plain functions over spaCy tokens and the
gazetteer; ``docs/actors.md`` ("Anonymous sources") describes the rules."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..gazetteer import Gazetteer
from . import listed_tokens
from .actor_records import NOUN_POS, PRIORITY_ANON, ActorRecord, Candidate, last_holder


def anonymous_candidates(
    doc: Doc, names: dict, gaz: Gazetteer, country_after_in: Callable[[int], str | None]
) -> list[Candidate]:
    """Unnamed sources: a role noun ("official", "diplomat", "source") or a qualified noun
    ("people familiar with the matter") with its modifiers; new or definite by determiner.
    ``country_after_in(end)`` is the country of an "in PLACE" phrase starting at token ``end``."""
    cands = []
    anon = gaz.anonymous
    for i in listed_tokens(doc, anon, NOUN_POS).tolist():
        token = doc[i]
        if token.ent_type_ in ("PERSON", "ORG", "GPE"):
            continue
        kind, role = anon.get(token.lemma_.lower(), anon.get(token.lower_, ("", "")))
        if kind not in ("noun", "speaker", "qualified"):
            continue
        qualifier_end = _qualifier_end(token, gaz)
        if qualifier_end is None and kind == "qualified":
            continue
        if qualifier_end is None and kind == "speaker" and not _speaks(token, gaz):
            continue  # "the largest source of energy", "police officers arrested him"
        start = token.i
        while start > 0 and not doc[start - 1].is_punct:
            left = doc[start - 1]
            inside_name = left.i in names and names[left.i][1] >= start
            if not inside_name and not start <= left.head.i <= token.i:
                break
            start -= 1
        end = qualifier_end if qualifier_end is not None else token.i + 1
        first = doc[start].lower_
        definite = anon.get(first, ("", ""))[0] == "definite"
        country = None
        administration = False
        for i in range(start, token.i):
            if i in names and names[i][2].iso3 and names[i][2].kind != "person":
                country = names[i][2].iso3
            elif doc[i].lower_ == "administration":
                administration = True
        if country is None and qualifier_end is None:
            country = country_after_in(token.i + 1)  # "officials in Kyiv"
        plural = token.tag_ in ("NNS", "NNPS")
        cand = Candidate(
            start, end, PRIORITY_ANON, "anon", None, None, country, role, definite, plural
        )
        if administration and country is None:
            cand.how = "anon-admin"
        elif country and cand.plural and not definite and qualifier_end is None:
            if not is_source_position(token):
                # "met Chinese diplomats": the country's people, not a source
                cand.how, cand.actor_id = "fixed", country
        cands.append(cand)
    return cands


def _speaks(token: Token, gaz: Gazetteer) -> bool:
    """Whether a noun is the subject of a reporting verb ("sources said") or the object of
    "according to"."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return token.head.lemma_.lower() in gaz.speech_verbs
    return is_source_position(token)


def _qualifier_end(token: Token, gaz: Gazetteer) -> int | None:
    """End of a qualifying phrase after the noun ("familiar with the matter", "who spoke on
    condition of anonymity"), or None."""
    if not token.dep_:
        return None  # an unparsed sentence (selective parser): no phrase to read
    for child in token.rights:
        words = {t.lower_ for t in child.subtree} | {t.lemma_.lower() for t in child.subtree}
        if any(gaz.anonymous.get(w, ("",))[0] == "qualifier" for w in words):
            return child.right_edge.i + 1
    return None


def resolve_anonymous(
    doc: Doc,
    cand: Candidate,
    sources: list[tuple[Candidate, str]],
    persons: list[ActorRecord],
) -> None:
    """New source, or back-reference to the most recent compatible one, or to the last named
    person of that role ("Dmitry Peskov, the Kremlin spokesman, … the spokesman added")."""
    text = doc[cand.start : cand.end].text
    if cand.definite:
        compatible = [
            (earlier, actor_id)
            for earlier, actor_id in sources
            if earlier.role == cand.role
            and (cand.country is None or earlier.country in (None, cand.country))
        ]
        same_number = [item for item in compatible if item[0].plural == cand.plural]
        pick = (same_number or compatible)[-1:] if compatible else []
        holder = last_holder(persons, cand.role, cand.country)
        if pick:
            cand.actor_id = pick[0][1]
        elif holder and not cand.plural:
            cand.actor_id, cand.how = holder, "person"
            return
        elif cand.country:
            # "the Chinese diplomats" with no earlier source: the country
            cand.actor_id = cand.country
            cand.how = "fixed"
            return
    elif cand.plural and not cand.definite:
        for earlier, actor_id in sources:
            if doc[earlier.start : earlier.end].text.lower() == text.lower():
                cand.actor_id = actor_id  # the same bare plural again ("US officials")
    if cand.actor_id is None:
        cand.actor_id = f"anon:{len({aid for _, aid in sources}) + 1}"
        cand.name = text
    sources.append((cand, cand.actor_id))


def is_source_position(token: Token) -> bool:
    """Whether a noun can be a speaker: a subject, or the object of "according to"."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    return (
        token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"
    )
