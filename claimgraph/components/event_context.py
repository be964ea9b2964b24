"""Context rules of claimgraph_events, applied across the sentences of a document once every
trigger has its arguments (docs/events.md, "Context rules"): missing targets from earlier events,
the place and the source's home; new country actors for the targets and sources they give; events
restated below another. Plain functions over ``Found`` records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import gazetteer
from ..gazetteer import Gazetteer
from .event_syntax import OBJECT_DEPS, country_of
from .plover import Plover, Trigger

# Determiners that make a noun event name an event already told of.
DEFINITE = frozenset(("the", "this", "that", "these", "those"))


@dataclass
class Found:
    """An event before ids and context filling: spaCy tokens plus the arguments found."""

    token: Token
    trigger: Trigger
    source: str | None
    target: str | None
    confidence: float
    mode: str | None
    context: list[str]
    location: str | None
    nominal: bool
    clause_subject: str | None = None
    place: Span | None = None  # the location's entity, for a recipient read from the place
    source_mention: tuple[int, int] | None = None  # chars of a source read from the place
    domestic: bool = False  # the target is the source's own country (rule 5), not named
    unnamed: str | None = None  # who acts when no actor is named (plover.tsv ``unnamed``)


def fill_from_context(
    found: list[tuple[int, Found]],
    countries: dict[str, str],
    cfg: dict,
    plover: Plover,
    place_country: Callable[[Span | None], str | None],
) -> list[tuple[int, Found]]:
    """Context rules 1-5 of docs/events.md in document order: targets inherited from the same
    source's earlier event, a conflict noun hitting the clause's subject, anaphoric nouns, the
    place's country and the domestic recipient; drops what stays without a source, a required
    target or enough confidence."""

    def _country(actor: str | None) -> str | None:
        return countries.get(actor) or country_of(actor)

    kept: list[tuple[int, Found]] = []
    seen: set[tuple] = set()
    for sent_no, item in found:
        ttype = item.trigger.type
        # "kidnapped Russian advisers and exploded bombs in the capital Kabul": an act's own place
        # gives its recipient before an earlier event of the same source does; not a definite noun,
        # which names that earlier event again ("walked away from the Rome meeting")
        own_place = (
            ttype in plover.place
            and place_country(item.place) is not None
            and not _definite(item.token)
        )
        if item.source is None and item.target is None:
            earlier = [
                e
                for n, e in reversed(kept)
                if e.trigger.type == ttype and sent_no - n <= cfg["anaphor_window"]
            ]
            if earlier:
                earlier.sort(key=lambda e: e.target is None)  # stable: latest complete dyad first
                item.source, item.target = earlier[0].source, earlier[0].target
                item.confidence = cfg["anaphor_confidence"]
        if item.source is None and item.unnamed and (country := place_country(item.place)):
            # "a journalist was killed in a car bomb explosion in Beirut": an unidentified
            # perpetrator is coded by the place (CAMEO, PLOVER GSR)
            item.source = unnamed_actor(country, item.unnamed)
            countries[item.source] = country
            item.confidence -= cfg["place_penalty"]
        if item.source is None and item.target is None:
            continue
        if item.source is not None and item.target is None and not own_place:
            country = _country(item.source)
            earlier = [
                e
                for n, e in reversed(kept)
                if e.trigger.type == ttype
                and e.target is not None
                and _country(e.source) == country
                and sent_no - n <= cfg["inherit_window"]
            ]
            if earlier:
                item.target = earlier[0].target
                item.confidence -= cfg["inherit_penalty"]
            elif (
                item.nominal
                and item.clause_subject
                and _country(item.clause_subject) != country
                and ttype in (plover.needs_target | {"ASSAULT", "COERCE", "THREATEN"})
            ):
                item.target = (
                    item.clause_subject
                )  # "Russia needs aid ... in the face of sanctions imposed by the US"
                item.confidence -= cfg["clause_subject_penalty"]
        home = countries.get(item.source) or country_of(item.source)
        if item.target is None and item.source is not None and ttype in plover.place:
            # "shelled Juba", "arrived in Amman on a visit": the country of the place (CAMEO)
            item.target = place_country(item.place)
            if item.target is not None:
                item.confidence -= cfg["place_penalty"]
        if (
            item.target is None
            and ttype in plover.domestic
            and gazetteer.ISO3.match(home or "")  # a country: added to the actors if unnamed
        ):
            # "Egyptian police arrested demonstrators": EGY -> EGY, as PLOVER codes it
            item.target = home  # a protest, a crackdown, a concession at home
            item.domestic = True
            item.confidence -= cfg["domestic_penalty"]
        if item.source is None:
            continue
        needs_target = ttype in plover.needs_target or "needs_target" in item.trigger.flags
        if item.target is None and needs_target:
            continue
        if item.target is None and item.nominal and ttype in plover.noun_target:
            continue  # "Russia was behind the attacks": a mention of attacks, no attack on anyone
        if item.confidence < cfg["min_confidence"]:
            continue
        key = (item.token.i, item.source, item.target)
        if key in seen:
            continue
        seen.add(key)
        kept.append((sent_no, item))
    return kept


def unnamed_actor(country: str, who: str) -> str:
    """The id of an unnamed actor of a country: ``XXX.GOV`` for "GOV", else the group
    ``group:xxx-unidentified-<who>`` ("group:lbn-unidentified-attackers")."""
    if who == "GOV":
        return f"{country}.GOV"
    return f"group:{country.lower()}-unidentified-{who}"


def _definite(token: Token) -> bool:
    """A noun with a definite determiner: "the meeting", "this visit"."""
    return token.pos_ == "NOUN" and any(
        child.dep_ == "det" and child.lower_ in DEFINITE for child in token.children
    )


def add_country_actors(
    doc: Doc,
    kept: list[tuple[int, Found]],
    gaz: Gazetteer,
    place_country: Callable[[Span | None], str | None],
) -> None:
    """A recipient country read from a place ("in Amman" -> JOR) or from the source's own country
    ("the Mozambique government accepted demands" -> MOZ) joins the actor table, so every event
    id resolves; it is mentioned by the place's name, or not at all (implied). So does an
    international organisation an official speaks for ("Arab League Secretary-General X")."""
    actors = {a["id"]: a for a in doc._.actors}
    for _, item in kept:
        if item.unnamed and item.source not in actors and item.place is not None:
            # an unidentified perpetrator, implied by the act and its place (no mention)
            country = place_country(item.place)
            if item.source == unnamed_actor(country, "GOV"):
                entry = gaz.actor(item.source)
                name, kind = entry.name, entry.kind
            else:
                name, kind = f"unidentified {item.unnamed}", "group"
            actors[item.source] = {
                "id": item.source,
                "name": name,
                "kind": kind,
                "country": country,
                "role": None,
                "mentions": [],
            }
            doc._.actors = [*doc._.actors, actors[item.source]]
        if item.source_mention is not None and item.source not in actors:
            # a government or military read from the place of its act ("police ... in Minsk")
            entry = gaz.actor(item.source)
            actors[item.source] = {
                "id": entry.id,
                "name": entry.name,
                "kind": entry.kind,
                "country": entry.iso3,
                "role": None,
                "mentions": [list(item.source_mention)],
            }
            doc._.actors = [*doc._.actors, actors[item.source]]
        for known in (item.source, item.target):
            if (
                known is not None
                and known not in actors
                and known in gaz.by_id
                and gaz.by_id[known].kind == "igo"  # a country is read from its place below
            ):
                # the IGO an official speaks for, named only inside the person's title
                entry = gaz.by_id[known]
                actors[known] = {
                    "id": entry.id,
                    "name": entry.name,
                    "kind": entry.kind,
                    "country": entry.iso3,
                    "role": None,
                    "mentions": [],
                }
                doc._.actors = [*doc._.actors, actors[known]]
        if item.target in actors or not gazetteer.ISO3.match(item.target or ""):
            continue
        entry = gaz.actor(item.target)
        named = item.place is not None and place_country(item.place) == item.target
        actors[item.target] = {
            "id": entry.id,
            "name": entry.name,
            "kind": entry.kind,
            "country": entry.iso3,
            "role": None,
            "mentions": [[item.place.start_char, item.place.end_char]] if named else [],
        }
        doc._.actors = [*doc._.actors, actors[item.target]]


def drop_restated(kept: list[tuple[int, Found]], plover: Plover) -> list[tuple[int, Found]]:
    """Drop an event restated below another coded event of its sentence ("shelled the town,
    killing 20") and a protest's demand ("rallied to demand reforms", "began a hunger strike
    to demand": PLOVER codes the protest only). A same-type event under a noun event's light
    verb is kept: dropping either reading lost more right events than wrong ones. A domestic
    reading is dropped when the same source's same-type event in the sentence names its target
    ("began a hunger strike to protest against Sweden's decision": one protest, against Sweden)."""
    out = []
    for sent_no, item in kept:
        above = {a.i for a in item.token.ancestors}
        # "began a hunger strike ... to demand": a protest noun stands for its light verb
        protest_verbs = {
            other.token.head.i
            for n, other in kept
            if n == sent_no
            and other.nominal
            and other.token.dep_ in OBJECT_DEPS
            and other.trigger.type in plover.topic
        }
        restated = any(
            other.token.i in above
            # "kidnapped advisers and exploded bombs": a coordinated verb is an act of its own
            and not (item.token.dep_ == "conj" and item.token.head.i == other.token.i)
            and (
                other.trigger.type == item.trigger.type
                or (other.trigger.type in plover.topic and item.trigger.type in plover.content)
            )
            for n, other in kept
            if n == sent_no and other is not item
        ) or (item.trigger.type in plover.content and bool(protest_verbs & above))
        restated = restated or (
            item.domestic
            and any(
                n == sent_no
                and other.trigger.type == item.trigger.type
                and other.source == item.source
                and other.target is not None
                and not other.domestic
                for n, other in kept
            )
        )
        if not restated:
            out.append((sent_no, item))
    return out
