"""The PLOVER side of claimgraph_events: the trigger lexicon and PLOVER table as records, their
validation (CG240, CG241), and strict PLOVER typing for exports and benchmarks.

``triggers.tsv`` says which word expresses which event; ``plover.tsv`` lists the types (CAMEO root,
recipient required, how a speech act treats what it governs, the type an announced act takes),
modes, contexts and the small word lists the argument rules read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import lexicons
from ..errors import Errors, LexiconError

POS_VALUES = frozenset({"verb", "noun", "adj"})
FLAG_VALUES = frozenset(
    {
        "intent",
        "intentonly",
        "anaphor",
        "reciprocal",
        "needs_target",
        "needs_content",
        "needs_act",
        "modal",
        "permit",
        "directive",
        "diplomatic",
    }
)
TARGET_ROLE_KINDS = frozenset({"dobj", "dative", "nsubjpass", "none"})


@dataclass(frozen=True)
class Trigger:
    """One row of the trigger lexicon."""

    lemma: str
    pos: str
    type: str
    with_: str = ""
    objects: frozenset[str] = frozenset()
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    cameo_by: tuple[tuple[str, str], ...] = ()
    targets: tuple[str, ...] | None = None
    swap: bool = False
    flags: frozenset[str] = frozenset()

    def code(self, mode: str | None, contexts: list[str]) -> str | None:
        """The CAMEO code, refined by the event's mode or first matching context."""
        refined = dict(self.cameo_by)
        for key in [mode, *contexts]:
            if key and key in refined:
                return refined[key]
        return self.cameo


@dataclass
class Plover:
    """Types (CAMEO root, recipient required, speech-act content), mode cues and context cues."""

    roots: dict[str, str] = field(default_factory=dict)
    needs_target: set[str] = field(default_factory=set)
    noun_target: set[str] = field(default_factory=set)  # a noun trigger needs a recipient
    content: set[str] = field(default_factory=set)
    domestic: set[str] = field(default_factory=set)
    place: set[str] = field(default_factory=set)  # an unnamed recipient is the country of the place
    keep_content: set[str] = field(default_factory=set)
    # content types whose direct object noun, naming its own actor and recipient, is an event done
    # ("opposed the US invasion of Iraq"), not the content of the speech act
    done_objects: set[str] = field(default_factory=set)
    topic: set[str] = field(default_factory=set)
    recipient_verbs: set[str] = field(default_factory=set)
    temporal_preps: set[str] = field(default_factory=set)  # "since the invasion": a date
    stative_verbs: set[str] = field(default_factory=set)  # "were engaged in": the subject acts
    purpose_verbs: set[str] = field(default_factory=set)  # "resigned to allow": an aim, no act
    topic_preps: dict[str, frozenset[str]] = field(default_factory=dict)  # "talks on Iran"
    riot_sources: set[str] = field(default_factory=set)  # "demolished by a protestor": a riot
    deployed: set[str] = field(default_factory=set)  # "troops arrived in Bosnia": no visit
    documents: set[str] = field(default_factory=set)  # "a report released by X alleged": X
    capacity: set[str] = field(default_factory=set)  # "the right to fire": no act
    status: set[str] = field(default_factory=set)  # "prisoners of war": a status, no act
    accidents: set[str] = field(default_factory=set)  # "killed in a car crash": no perpetrator
    riot_code: tuple[str, str] = ("PROTEST", "145")  # the riot's type and CAMEO code
    # actor kinds whose protest is a diplomatic complaint ("Russia's foreign ministry summoned the
    # ambassador to protest"), with that complaint's type and CAMEO code
    diplomatic_kinds: set[str] = field(default_factory=set)
    diplomatic_code: tuple[str, str] = ("ACCUSE", "114")
    # type -> who does an act of it that names no actor, in its place's country ("attackers",
    # "GOV": "was arrested in Minsk" -> BLR.GOV), and the trigger modes or contexts it needs
    # (none: any)
    unnamed: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    mode_cues: dict[str, dict[str, str]] = field(default_factory=dict)
    context_cues: dict[str, str] = field(default_factory=dict)


# A type row's (column, value) -> the Plover sets that list the type.
TYPE_FLAGS = {
    ("target", "yes"): ("needs_target",),
    ("target", "noun"): ("noun_target",),
    ("content", "yes"): ("content",),
    ("content", "keep"): ("keep_content",),
    # content, but for the direct objects that name their own actor and recipient
    ("content", "object"): ("content", "done_objects"),
    ("content", "topic"): ("topic",),
    ("domestic", "yes"): ("domestic",),
    ("place", "yes"): ("place",),
}
# A word-list row's kind -> the Plover set its cues join.
CUE_SETS = {
    "recipient": "recipient_verbs",
    "temporal": "temporal_preps",
    "stative": "stative_verbs",
    "purpose": "purpose_verbs",
    "deployed": "deployed",
    "capacity": "capacity",
    "status": "status",
    "accident": "accidents",
    "document": "documents",
}


def parse_plover(
    rows: list[dict[str, str]] | tuple[dict[str, str], ...], path: str = "plover.tsv"
) -> Plover:
    """The PLOVER table from its rows."""
    plover = Plover()
    for row in rows:
        kind, name = row["kind"], row["name"]
        cues = row.get("cues", "").split()
        if kind == "type":
            if not row.get("cameo"):
                raise LexiconError(
                    Errors.CG241.format(path=path, detail=f"type {name} has no CAMEO root")
                )
            plover.roots[name] = row["cameo"]
            for (column, value), attributes in TYPE_FLAGS.items():
                if row.get(column) == value:
                    for attribute in attributes:
                        getattr(plover, attribute).add(name)
        elif kind in CUE_SETS:
            getattr(plover, CUE_SETS[kind]).update(cues)
        elif kind == "mode":
            for cue in cues:
                plover.mode_cues.setdefault(row["event"], {})[cue] = name
        elif kind == "future":
            continue  # read by strict_plover
        elif kind == "riot":
            plover.riot_sources.update(cues)
            plover.riot_code = (row["event"], row["cameo"])
        elif kind == "diplomatic":
            plover.diplomatic_kinds.update(cues)
            plover.diplomatic_code = (row["event"], row["cameo"])
        elif kind == "unnamed":
            plover.unnamed[row["event"]] = (name, frozenset(cues))
        elif kind == "about":
            plover.topic_preps[row["event"]] = frozenset(cues)
        elif kind == "context":
            for cue in cues:
                plover.context_cues[cue] = name
        else:
            raise LexiconError(
                Errors.CG241.format(path=path, detail=f"unknown kind '{kind}' for {name}")
            )
    if not plover.roots:
        raise LexiconError(Errors.CG241.format(path=path, detail="no event types"))
    return plover


def parse_triggers(
    rows, types: set[str] | dict[str, str], path: str = "triggers.tsv"
) -> list[Trigger]:
    """Trigger rows as ``Trigger`` records, validated against the PLOVER types."""
    triggers = []
    for line, row in enumerate(rows, 1):
        where = {"path": path, "line": line}
        if row["type"] not in types:
            raise LexiconError(
                Errors.CG240.format(**where, detail=f"unknown PLOVER type '{row['type']}'")
            )
        if row["pos"] not in POS_VALUES:
            raise LexiconError(
                Errors.CG240.format(**where, detail=f"pos '{row['pos']}' is not verb, noun or adj")
            )
        flags = frozenset(row.get("flags", "").split())
        if flags - FLAG_VALUES:
            raise LexiconError(
                Errors.CG240.format(**where, detail=f"unknown flags {sorted(flags - FLAG_VALUES)}")
            )
        cameo, *refinements = row.get("cameo", "").split("|")
        targets, swap = _parse_roles(row.get("roles", ""), where)
        triggers.append(
            Trigger(
                lemma=row["lemma"].lower(),
                pos=row["pos"],
                type=row["type"],
                with_=row.get("with", "").lower(),
                objects=frozenset(filter(None, row.get("object", "").lower().split("|"))),
                mode=row.get("mode") or None,
                context=tuple(filter(None, row.get("context", "").split())),
                cameo=cameo or None,
                cameo_by=tuple(tuple(item.split("=", 1)) for item in refinements if "=" in item),
                targets=targets,
                swap=swap,
                flags=flags,
            )
        )
    return triggers


def _parse_roles(text: str, where: dict) -> tuple[tuple[str, ...] | None, bool]:
    targets: tuple[str, ...] | None = None
    swap = False
    for part in filter(None, (item.strip() for item in text.split(";"))):
        if part == "swap":
            swap = True
        elif part.startswith("target="):
            specs = tuple(filter(None, part[len("target=") :].split(",")))
            bad = [s for s in specs if s not in TARGET_ROLE_KINDS and not s.startswith("prep:")]
            if bad:
                raise LexiconError(
                    Errors.CG240.format(**where, detail=f"unknown target roles {bad}")
                )
            targets = () if specs == ("none",) else specs
        else:
            raise LexiconError(Errors.CG240.format(**where, detail=f"unknown role hint '{part}'"))
    return targets, swap


# FactBank values that deny the event
NEGATIVE_FACTUALITY = frozenset({"certain_not", "probable_not", "possible_not"})


def strict_plover(event: dict, doc: Doc | None = None) -> str:
    """The event type under the PLOVER manual's strict rules (a strict PLOVER export).

    claimgraph keeps the act's own type and lets ``time`` carry the future (SPEC.md); PLOVER codes an
    act announced for the future by the type in plover.tsv's ``future`` column (promised aid ->
    AGREE, announced sanction -> THREATEN), a cooperative act that an intent word governs
    ("agreed to a ceasefire", "is willing to send") as AGREE, and an announced cooperative act that
    is denied ("would not provide support") as REJECT. Give ``doc`` to check intent words.
    """
    strict = _future_types().get(event["type"]) or ""
    cooperative = strict in ("AGREE", "CONCEDE")
    root = _trigger_root(doc, event) if doc is not None else None
    if root is not None and strict and _governed_by(root, _intent_words()):
        # "is prepared to impose martial law": an intended hostile act is a threat, an intended
        # cooperative one an agreement, whatever tense factuality reads
        return "AGREE" if cooperative else strict
    if event.get("time") == "future" and (strict or event["type"] == "CONCEDE"):
        if root is None or _announced(root):
            refusable = cooperative or event["type"] == "CONCEDE"
            if refusable and event.get("factuality") in NEGATIVE_FACTUALITY:
                return "REJECT"  # "said he would not provide support": a refusal
            return strict or event["type"]
    return event["type"]


def _trigger_root(doc: Doc, event: dict) -> Token | None:
    span = doc.char_span(*event["trigger"]["span"], alignment_mode="expand")
    return span.root if span is not None else None


def _announced(tok: Token) -> bool:
    """A future auxiliary ("will", "would") or an intent word governs the trigger's clause, so the
    future is announced, not a purpose ("... blocked roads to protest")."""
    words = _future_words() | _intent_words()
    for word in [tok, *list(tok.ancestors)[:3]]:
        if word.lemma_.lower() in words or any(
            c.dep_ == "aux" and c.lower_ in words for c in word.children
        ):
            return True
    return False


def _governed_by(tok: Token, lemmas: set[str]) -> bool:
    """An ancestor with one of these lemmas, below the first relative clause ("agreed to admit
    peacekeepers, who oversee a ceasefire": the ceasefire is not agreed)."""
    word = tok
    while word.head.i != word.i and word.dep_ != "relcl":
        word = word.head
        if word.lemma_.lower() in lemmas:
            return True
    return False


@lru_cache(maxsize=1)
def _future_types() -> dict[str, str]:
    """Each PLOVER type's strict type when announced for the future (plover.tsv ``future``)."""
    return {
        row["name"]: row.get("future", "")
        for row in lexicons.load("plover", required=("kind", "name"))
        if row["kind"] == "type"
    }


@lru_cache(maxsize=1)
def _future_words() -> frozenset[str]:
    rows = lexicons.load("plover", required=("kind", "name"))
    return frozenset(
        cue for row in rows if row["kind"] == "future" for cue in row.get("cues", "").split()
    )


@lru_cache(maxsize=1)
def _intent_words() -> frozenset[str]:
    rows = lexicons.load("triggers", required=("lemma", "pos", "type"))
    return frozenset(
        row["lemma"] for row in rows if {"intent", "intentonly"} & set(row.get("flags", "").split())
    )


def intent_cameo(cameo: str | None) -> str | None:
    """The CAMEO code for announcing ``cameo``'s act (071 -> 0331), or None when it has none."""
    if not cameo:
        return None
    rows = lexicons.load("cameo_intent", required=("act", "intent"))
    matches = [row for row in rows if cameo.startswith(row["act"])]
    return max(matches, key=lambda row: len(row["act"]))["intent"] if matches else None


def act_cameo(cameo: str | None) -> str | None:
    """The act behind an intent code (0331 -> 071), for coders that code announced acts as acts."""
    if not cameo:
        return cameo
    for row in lexicons.load("cameo_intent", required=("act", "intent")):
        if row["intent"] == cameo:
            return row["act"]
    return cameo
