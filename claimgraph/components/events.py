"""claimgraph_events: PLOVER events (who does what to whom) from a trigger lexicon and the parse.

A trigger (a verb, noun or adjective listed in ``data/en/triggers.tsv``) gives the event type,
mode, context and nearest CAMEO code; the dependency parse gives the arguments:

- verbs: subject -> source, object / dative / prepositional object -> target; passives swap
  ("sanctions were imposed on Russia by the US"); a verb with no subject of its own takes it from
  the clause that controls it ("China decided to provide ...", "... and is contemplating sending");
- nouns: possessor, actor modifiers and "by X" -> source ("Russia's invasion", "US sanctions",
  "sanctions imposed by the US"), "of/on/against/with X" -> target ("invasion of Ukraine"); a
  noun that is the object of a light verb ("held talks with", "impose sanctions on") or sits in a
  prepositional phrase of a clause ("meeting in Rome with X") takes the clause's subject;
- coordinated actors give one event per actor; reciprocal triggers ("X and Y met") give both
  directions;
- context rules fill what the sentence leaves out (see ``docs/events.md``): a missing target
  comes from the latest earlier event of the same type and source country; a sanction or attack
  named in a side phrase hits the clause's subject; a bare anaphoric noun ("the 24 February
  invasion") repeats the latest dyad of its type.

An event needs a trigger and a source actor, and a target when its type requires one (AID,
COOPERATE, SANCTION) or its trigger says so. ``time``, ``factuality``, ``hypothetical``, ``date``
and ``attribution`` get neutral defaults that ``claimgraph_factuality`` completes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..errors import Errors, LexiconError
from .actors import actor_at

logger = logging.getLogger(__name__)

SPANS_KEY = "claimgraph_events"
POS_OF = {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adj"}
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# dependents whose subtree is what a verb talks about or aims at
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp"})
CONTENT_PREPS = frozenset({"for", "of", "about", "with", "to", "on", "upon"})
# modifiers of a noun that may name the actor of a noun event ("US sanctions", "Russian invasion")
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# how a clause hands its subject to a dependent clause without one
# where a noun phrase names its actor when the head itself is no mention, best first
MODIFIER_PREFERENCE = {"appos": 0, "compound": 1, "poss": 2, "nmod": 3, "amod": 4}
# prepositions that tie a group to the actor it belongs to or comes from
GROUP_PREPS = frozenset({"of", "from", "in", "throughout", "across"})
CONTROL_DEPS = frozenset({"xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "acomp"})
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
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# pronouns resolved to the nearest earlier actor of their sentence when the actor table has none
ANAPHORIC_PRONOUNS = frozenset({"its", "their", "his", "her", "it", "they", "he", "she"})
PLURAL_PRONOUNS = frozenset({"they", "their"})
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
LOCATION_ROLES = ("prep:in", "prep:at")
POS_VALUES = frozenset({"verb", "noun", "adj"})
FLAG_VALUES = frozenset(
    {"intent", "intentonly", "anaphor", "reciprocal", "needs_target", "needs_content", "modal"}
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
    content: set[str] = field(default_factory=set)
    domestic: set[str] = field(default_factory=set)
    keep_content: set[str] = field(default_factory=set)
    topic: set[str] = field(default_factory=set)
    recipient_verbs: set[str] = field(default_factory=set)
    mode_cues: dict[str, dict[str, str]] = field(default_factory=dict)
    context_cues: dict[str, str] = field(default_factory=dict)


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


def parse_plover(
    rows: list[dict[str, str]] | tuple[dict[str, str], ...], path: str = "plover.tsv"
) -> Plover:
    """The PLOVER table from its rows."""
    plover = Plover()
    for row in rows:
        kind, name = row["kind"], row["name"]
        if kind == "type":
            if not row.get("cameo"):
                raise LexiconError(
                    Errors.CG241.format(path=path, detail=f"type {name} has no CAMEO root")
                )
            plover.roots[name] = row["cameo"]
            if row.get("target") == "yes":
                plover.needs_target.add(name)
            if row.get("content") == "yes":
                plover.content.add(name)
            if row.get("content") == "keep":
                plover.keep_content.add(name)
            if row.get("content") == "topic":
                plover.topic.add(name)
            if row.get("domestic") == "yes":
                plover.domestic.add(name)
        elif kind == "mode":
            for cue in row.get("cues", "").split():
                plover.mode_cues.setdefault(row["event"], {})[cue] = name
        elif kind == "future":
            continue  # read by strict_plover
        elif kind == "recipient":
            plover.recipient_verbs |= set(row.get("cues", "").split())
        elif kind == "context":
            for cue in row.get("cues", "").split():
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


@Language.factory(
    "claimgraph_events",
    requires=["doc.sents", "token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.events", "doc.spans"],
    default_config={
        "base_confidence": 0.9,
        "control_penalty": 0.1,
        "pronoun_penalty": 0.2,
        "inherit_penalty": 0.2,
        "clause_subject_penalty": 0.25,
        "content_penalty": 0.15,
        "domestic_penalty": 0.2,
        "anaphor_confidence": 0.4,
        "min_confidence": 0.3,
        "inherit_window": 3,
        "anaphor_window": 40,
    },
)
def make_events(
    nlp: Language,
    name: str,
    base_confidence: float,
    control_penalty: float,
    pronoun_penalty: float,
    inherit_penalty: float,
    clause_subject_penalty: float,
    content_penalty: float,
    domestic_penalty: float,
    anaphor_confidence: float,
    min_confidence: float,
    inherit_window: int,
    anaphor_window: int,
):
    return EventCoder(
        nlp,
        name,
        base_confidence=base_confidence,
        control_penalty=control_penalty,
        pronoun_penalty=pronoun_penalty,
        inherit_penalty=inherit_penalty,
        clause_subject_penalty=clause_subject_penalty,
        content_penalty=content_penalty,
        domestic_penalty=domestic_penalty,
        anaphor_confidence=anaphor_confidence,
        min_confidence=min_confidence,
        inherit_window=inherit_window,
        anaphor_window=anaphor_window,
    )


class EventCoder:
    """Finds triggers, reads their arguments from the parse and writes SPEC event dicts."""

    def __init__(self, nlp: Language, name: str, **config):
        self.name = name
        self.cfg = config
        self.trigger_rows: list[dict[str, str]] | None = None
        self.plover_rows: list[dict[str, str]] | None = None
        self.plover = Plover()
        self.index: dict[tuple[str, str], list[Trigger]] = {}

    # ----- data -----------------------------------------------------------------------------
    def initialize(
        self, get_examples=None, *, nlp=None, triggers=None, plover=None, user_actors=None
    ) -> None:
        """Load the trigger lexicon and PLOVER table (the packaged ones unless rows are given)."""
        self.plover_rows = list(
            plover if plover is not None else lexicons.load("plover", required=("kind", "name"))
        )
        self.trigger_rows = list(
            triggers
            if triggers is not None
            else lexicons.load("triggers", required=("lemma", "pos", "type"))
        )
        self._build()

    def _build(self) -> None:
        self.plover = parse_plover(self.plover_rows)
        self.index = {}
        for trigger in parse_triggers(self.trigger_rows, self.plover.roots):
            self.index.setdefault((trigger.lemma, trigger.pos), []).append(trigger)

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.trigger_rows is None:
            self.initialize()
        for fname, rows in (("triggers.tsv", self.trigger_rows), ("plover.tsv", self.plover_rows)):
            header = list(rows[0])
            lines = ["\t".join(header)] + [
                "\t".join(row.get(col, "") for col in header) for row in rows
            ]
            (path / fname).write_text("\n".join(lines) + "\n", "utf-8")

    def from_disk(self, path, *, exclude=()) -> EventCoder:
        path = Path(path)
        self.trigger_rows = lexicons.load_file(
            path / "triggers.tsv", required=("lemma", "pos", "type")
        )
        self.plover_rows = lexicons.load_file(path / "plover.tsv", required=("kind", "name"))
        self._build()
        return self

    # ----- pipeline -------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.trigger_rows is None:
            self.initialize()
        found: list[tuple[int, Found]] = []
        for sent_no, sent in enumerate(doc.sents):
            for item in self._sentence_events(doc, sent):
                found.append((sent_no, item))
        countries = {a["id"]: a.get("country") for a in doc._.actors if a.get("country")}
        kept = self._drop_restated(self._fill_from_context(found, countries))
        events, spans = [], []
        for number, (_, item) in enumerate(kept, 1):
            events.append(self._record(doc, item, f"e{number}"))
            spans.append(Span(doc, item.token.i, item.token.i + 1, label=item.trigger.type))
        doc._.events = events
        doc.spans[SPANS_KEY] = spans
        return doc

    def _record(self, doc: Doc, item: Found, event_id: str) -> dict:
        tok, sent = item.token, item.token.sent
        return {
            "id": event_id,
            "type": item.trigger.type,
            "mode": item.mode,
            "context": item.context,
            "cameo": item.trigger.code(item.mode, item.context),
            "source": item.source,
            "target": item.target,
            "trigger": {"text": tok.text, "span": [tok.idx, tok.idx + len(tok.text)]},
            "sentence": [sent.start_char, sent.end_char],
            "time": "past",
            "date": None,
            "location": item.location,
            "factuality": "certain",
            "hypothetical": False,
            "attribution": [],
            "confidence": round(item.confidence, 3),
        }

    # ----- triggers -------------------------------------------------------------------------
    def match(self, tok: Token) -> Trigger | None:
        """The first lexicon row whose lemma, part of speech and constraints fit ``tok``."""
        pos = POS_OF.get(tok.pos_)
        if pos is None:
            return None
        rows = self.index.get((tok.lemma_.lower(), pos)) or self.index.get((tok.lower_, pos)) or []
        for trigger in rows:
            if trigger.with_ and not _has_dependent(tok, trigger.with_):
                continue
            if trigger.objects and not (_object_lemmas(tok) & trigger.objects):
                continue
            return trigger
        return None

    def _sentence_events(self, doc: Doc, sent: Span) -> list[Found]:
        candidates = {tok.i: trig for tok in sent if (trig := self.match(tok)) is not None}
        silent = self._silenced(doc, candidates)
        out: list[Found] = []
        for i, trigger in candidates.items():
            if i in silent or "intentonly" in trigger.flags:
                continue
            if "needs_content" in trigger.flags and not any(
                c.dep_ in CONTENT_DEPS for c in doc[i].children
            ):
                continue  # "declined to resign" is a refusal, "prices declined" is not
            out.extend(self._arguments(doc, doc[i], trigger))
        return out

    def _silenced(self, doc: Doc, candidates: dict[int, Trigger]) -> set[int]:
        """Triggers that are the content of another (a demand, a refusal, a promise) or its object."""
        silent: set[int] = set()
        for i, trigger in candidates.items():
            tok = doc[i]
            governed = {t.i for t in _content(tok) if t.i in candidates and t.i != i}
            if trigger.flags & {"intent", "intentonly"}:
                if governed:
                    silent.add(i)  # "agreed to send aid": the AID event carries the promise
                continue
            if "modal" in trigger.flags and tok.head.i in candidates:
                silent.add(tok.head.i)  # "Libya must hand over ..." codes the demand only
            if trigger.type in self.plover.content:
                silent |= governed
            elif trigger.pos == "verb" and trigger.type not in self.plover.keep_content:
                # a noun trigger that is this verb's object is the same event ("provide support")
                silent |= {
                    t.i
                    for t in _objects(tok)
                    if t.i in candidates and candidates[t.i].pos == "noun"
                }
        return silent

    # ----- arguments ------------------------------------------------------------------------
    def _arguments(self, doc: Doc, tok: Token, trigger: Trigger) -> list[Found]:
        cfg = self.cfg
        confidence = cfg["base_confidence"]
        nominal = trigger.pos != "verb"
        if "modal" in trigger.flags:
            sources, targets, pred, penalty = self._modal_arguments(doc, tok)
        elif nominal:
            sources, targets, pred, penalty = self._noun_arguments(doc, tok, trigger)
        else:
            sources, targets, pred, penalty = self._verb_arguments(doc, tok, trigger)
        confidence -= penalty
        if trigger.swap:
            sources, targets = targets, sources
        if trigger.targets == ():
            targets = []
        location = _location(doc, tok, pred, {t.i for _, t in targets})
        mode = trigger.mode or self._mode(trigger, pred)
        context = self._contexts(tok, trigger)
        if (
            not targets
            and trigger.targets != ()
            and not ("reciprocal" in trigger.flags and len(sources) > 1)
        ):
            heads = [tok] + (
                [pred]
                if nominal and pred is not None and pred.i != tok.i and tok.dep_ in OBJECT_DEPS
                else []
            )
            targets = _content_target(doc, heads, {a for a, _ in sources})
            confidence -= cfg["content_penalty"] if targets else 0
        clause_subject = None
        if nominal and not targets:
            clause = [a for a, _ in self._subjects(doc, _clause_head(tok))[0]]
            clause_subject = clause[0] if clause else None
        pairs = _pairs(sources, targets, "reciprocal" in trigger.flags)
        if not pairs and "anaphor" in trigger.flags and not sources and not targets:
            pairs = [(None, None)]
        return [
            Found(tok, trigger, s, t, confidence, mode, context, location, nominal, clause_subject)
            for s, t in pairs
        ]

    def _modal_arguments(self, doc, tok):
        """ "X said that Y must do Z": X asks Y (the modal's clause must be reported by X)."""
        clause = tok.head
        if clause.dep_ not in ("ccomp", "acl") or clause.i == tok.i:
            return [], [], None, 0.0
        speaker = clause.head
        if speaker.pos_ in ("NOUN", "PROPN"):  # "issued a reminder to Iraq that it must ..."
            speaker = _governor(speaker)
            if speaker is None:
                return [], [], None, 0.0
        sources, penalty = self._subjects(doc, speaker)
        targets, _ = self._subjects(doc, clause)
        return sources, targets, speaker, penalty

    def _verb_arguments(self, doc, tok, trigger):
        (sources, penalty) = self._subjects(doc, tok)
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in tok.children) or any(
            c.dep_ == "auxpass" for c in tok.children
        )
        specs = trigger.targets if trigger.targets is not None else DEFAULT_TARGETS
        if passive:
            specs = ("nsubjpass", *specs)
        targets = self._role_actors(doc, tok, specs)
        if not targets:
            for obj in _objects(tok):
                targets = self._role_actors(doc, obj, [s for s in specs if s.startswith("prep:")])
                if targets:
                    break
        return sources, targets, tok, penalty

    def _noun_arguments(self, doc, tok, trigger):
        penalty = 0.0
        sources = []
        for child in tok.children:
            if child.dep_ in MODIFIER_DEPS:
                actor, pen = self._modifier_actor(doc, child)
                if actor:
                    sources.append((actor, child))
                    penalty = max(penalty, pen)
        sources += self._role_actors(doc, tok, ["prep:by"])
        for child in tok.children:
            if child.dep_ == "acl":  # "sanctions imposed by the US"
                sources += self._role_actors(doc, child, ["agent"])
        specs = trigger.targets if trigger.targets is not None else DEFAULT_TARGETS
        specs = [s for s in specs if s not in ("dobj", "dative")]
        targets = self._role_actors(doc, tok, specs)
        between = self._role_actors(doc, tok, ["prep:between", "prep:among"])
        pred = _governor(tok)
        if not sources and between:
            sources, between = between, []
        if (
            pred is not None
            and pred.lemma_.lower() in self.plover.recipient_verbs
            and tok.dep_ in OBJECT_DEPS
        ):
            # "Russia needs aid", "Georgia received weapons from Russia": the subject receives it
            if not targets:
                targets = self._subjects(doc, pred)[0]
            if not sources:
                sources = self._role_actors(doc, pred, ["prep:from"])
        elif pred is not None and (not sources or not targets):
            if not sources:
                if tok.dep_ in PASSIVE_SUBJECT_DEPS:
                    sources = self._role_actors(doc, pred, ["agent"])
                else:
                    sources, pen = self._subjects(doc, pred)
                    penalty = max(penalty, pen + (self.cfg["control_penalty"] if sources else 0))
            if not targets and trigger.targets != ():
                pred_specs = [
                    s
                    for s in (trigger.targets or DEFAULT_TARGETS)
                    if s.startswith("prep:") or s == "dative"
                ]
                if tok.dep_ == "pobj":  # "engaged Filipino peacekeepers in a firefight"
                    pred_specs.append("dobj")
                targets = [
                    t
                    for t in self._role_actors(doc, pred, pred_specs)
                    if t[1] not in set(tok.subtree)
                ]
        targets = [t for t in targets if t[0] not in {s[0] for s in sources}]
        return sources, targets, pred if pred is not None else tok, penalty

    def _subjects(
        self, doc: Doc, verb: Token, depth: int = 0
    ) -> tuple[list[tuple[str, Token]], float]:
        """Actors of a clause's subject, or of the clause controlling it (with a penalty)."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)
        if passive:
            agents = self._role_actors(doc, verb, ["agent"])
            if agents:
                return agents, 0.0
        found: list[tuple[str, Token]] = []
        penalty = 0.0
        for subj in subjects:
            for t in _with_conjuncts(subj):
                if t.pos_ == "PRON" and actor_at(doc, t) is None:
                    group = self._antecedents(doc, t)  # "Obama and Putin said they will ..."
                    found += group
                    penalty = max(penalty, self.cfg["pronoun_penalty"] if group else 0.0)
                    continue
                found += self._phrase_actors(doc, t, subject=True)
        if (
            found or subjects or passive or depth >= 3
        ):  # a passive without "by X" has no known actor
            return found, penalty
        if verb.dep_ in CONTROL_DEPS and verb.head.i != verb.i:
            head = verb.head
            if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
                actor = self._phrase_actor(doc, head)
                return ([(actor, head)] if actor else []), self.cfg["control_penalty"]
            if (
                verb.dep_ == "xcomp"
            ):  # object control: "urged Iran to halt", "expected X to negotiate"
                objs = [
                    found
                    for o in head.children
                    if o.dep_ == "dobj"
                    for t in _with_conjuncts(o)
                    for found in self._phrase_actors(doc, t)
                ]
                if objs:
                    return objs, self.cfg["control_penalty"]
            if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "... about backing Moscow"
                head = head.head
            inherited, pen = self._subjects(doc, head, depth + 1)
            return inherited, pen + (self.cfg["control_penalty"] if inherited else 0)
        return found, penalty

    def _role_actors(self, doc: Doc, tok: Token, specs) -> list[tuple[str, Token]]:
        """Actors in the first role of ``specs`` that holds any (dobj, dative, prep:X, agent)."""
        for spec in specs:
            heads: list[Token] = []
            if spec.startswith("prep:"):
                word = spec[5:]
                for prep in tok.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ == word:
                        heads += [c for c in prep.children if c.dep_ == "pobj"]
            elif spec == "agent":
                heads = [
                    c
                    for prep in tok.children
                    if prep.dep_ == "agent"
                    for c in prep.children
                    if c.dep_ == "pobj"
                ]
            else:
                for child in tok.children:
                    if child.dep_ == spec:  # "send aid to Russia" parses "to" as the dative
                        heads += (
                            [c for c in child.children if c.dep_ == "pobj"]
                            if child.pos_ == "ADP"
                            else [child]
                        )
            found = [
                f for h in heads for t in _with_conjuncts(h) for f in self._phrase_actors(doc, t)
            ]
            if found:
                return found
        return []

    def _phrase_actors(
        self, doc: Doc, tok: Token, subject: bool = False
    ) -> list[tuple[str, Token]]:
        """Like ``_phrase_actor``, but coordinated modifiers give one actor each ("Turkish and
        Greek sides", "French and Egyptian warships") and a generic subject with a plural
        possessive takes the pronoun's antecedents ("their countries should cooperate")."""
        if actor_at(doc, tok) is None and tok.pos_ in ("NOUN", "PROPN", "NUM"):
            for child in tok.children:
                if child.dep_ in ("amod", "compound") and actor_at(doc, child) and child.conjuncts:
                    group = [(a, c) for c in [child, *child.conjuncts] if (a := actor_at(doc, c))]
                    if len(group) > 1:
                        return group
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if (
                subject
                and owner is not None
                and owner.lower_ in PLURAL_PRONOUNS
                and not self._phrase_actor(doc, tok)
            ):
                return self._antecedents(doc, owner)
        actor = self._phrase_actor(doc, tok)
        return [(actor, tok)] if actor else []

    def _phrase_actor(self, doc: Doc, tok: Token, depth: int = 0) -> str | None:
        """The actor named by a noun phrase's head, its modifiers or apposition, else by a group
        phrase ("students throughout Indonesia", "members of the Syrian parliament")."""
        actor = actor_at(doc, tok)
        if actor or tok.pos_ not in ("NOUN", "PROPN", "NUM"):
            return actor
        children = sorted(tok.children, key=lambda c: MODIFIER_PREFERENCE.get(c.dep_, 9))
        for child in children:
            if child.dep_ in MODIFIER_PREFERENCE and child.pos_ != "PRON":
                actor = actor_at(doc, child)
                if actor:
                    return actor
        if depth < 2:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in GROUP_PREPS:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and (
                            actor := self._phrase_actor(doc, pobj, depth + 1)
                        ):
                            return actor
        return None

    def _modifier_actor(self, doc: Doc, tok: Token) -> tuple[str | None, float]:
        """A modifier's actor; a possessive pronoun resolves to the nearest earlier actor."""
        if tok.pos_ != "PRON":
            return self._phrase_actor(doc, tok), 0.0
        actor = actor_at(doc, tok)
        if actor:
            return actor, 0.0
        group = self._antecedents(doc, tok)
        return (group[0][0], self.cfg["pronoun_penalty"]) if group else (None, 0.0)

    def _antecedents(self, doc: Doc, tok: Token) -> list[tuple[str, Token]]:
        """The nearest earlier actor of the sentence for an unresolved pronoun; for "they" and
        "their", that actor and the actors coordinated with it."""
        if tok.lower_ not in ANAPHORIC_PRONOUNS:
            return []
        clause = tok.head
        if tok.dep_ in SUBJECT_DEPS and clause.dep_ == "ccomp":
            # "Hungary has said it will support ...": the speaker, or nobody if it names no actor
            speakers = [
                c for c in clause.head.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON"
            ]
            if speakers:
                return [
                    (a, t)
                    for sp in speakers
                    for t in _with_conjuncts(sp)
                    if (a := self._phrase_actor(doc, t))
                ]
        for prev in reversed(doc[tok.sent.start : tok.i]):
            actor = actor_at(doc, prev)
            if not actor:
                continue
            if tok.lower_ not in PLURAL_PRONOUNS:
                return [(actor, prev)]
            head = prev
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            group = [(a, t) for t in _with_conjuncts(head) if (a := self._phrase_actor(doc, t))]
            return group or [(actor, prev)]
        return []

    # ----- mode and context -----------------------------------------------------------------
    def _mode(self, trigger: Trigger, pred: Token | None) -> str | None:
        cues = self.plover.mode_cues.get(trigger.type)
        if not cues or pred is None:
            return None
        words = [pred] + [c for c in pred.children if c.dep_ in ("acomp", "xcomp")]
        for word in words:
            if word.lemma_.lower() in cues:
                return cues[word.lemma_.lower()]
        return None

    def _contexts(self, tok: Token, trigger: Trigger) -> list[str]:
        contexts = list(trigger.context)
        for word in _context_words(tok):
            context = self.plover.context_cues.get(word.lemma_.lower())
            if context and context not in contexts:
                contexts.append(context)
        return contexts

    # ----- context filling ------------------------------------------------------------------
    def _fill_from_context(
        self, found: list[tuple[int, Found]], countries: dict[str, str]
    ) -> list[tuple[int, Found]]:
        cfg = self.cfg

        def _country(actor: str | None) -> str | None:
            return countries.get(actor) or country_of(actor)

        kept: list[tuple[int, Found]] = []
        seen: set[tuple] = set()
        for sent_no, item in found:
            ttype = item.trigger.type
            if item.source is None and item.target is None:
                earlier = [
                    e
                    for n, e in reversed(kept)
                    if e.trigger.type == ttype and sent_no - n <= cfg["anaphor_window"]
                ]
                if not earlier:
                    continue
                earlier.sort(key=lambda e: e.target is None)  # stable: latest complete dyad first
                item.source, item.target = earlier[0].source, earlier[0].target
                item.confidence = cfg["anaphor_confidence"]
            elif item.source is not None and item.target is None:
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
                    and ttype in (self.plover.needs_target | {"ASSAULT", "COERCE", "THREATEN"})
                ):
                    item.target = (
                        item.clause_subject
                    )  # "Russia needs aid ... in the face of sanctions imposed by the US"
                    item.confidence -= cfg["clause_subject_penalty"]
            home = countries.get(item.source) or country_of(item.source)
            if (
                item.target is None
                and ttype in self.plover.domestic
                and home in countries  # an actor of this article, so the id resolves
            ):
                # "Egyptian police arrested demonstrators": EGY -> EGY, as PLOVER codes it
                item.target = home  # a protest, a crackdown, a concession at home
                item.confidence -= cfg["domestic_penalty"]
            if item.source is None:
                continue
            needs_target = ttype in self.plover.needs_target or "needs_target" in item.trigger.flags
            if item.target is None and needs_target:
                continue
            if item.confidence < cfg["min_confidence"]:
                continue
            key = (item.token.i, item.source, item.target)
            if key in seen:
                continue
            seen.add(key)
            kept.append((sent_no, item))
        return kept

    def _drop_restated(self, kept: list[tuple[int, Found]]) -> list[tuple[int, Found]]:
        """Drop an event restated below another coded event of its sentence ("shelled the town,
        killing 20"; "began a hunger strike to protest") and a protest's demand ("rallied to
        demand reforms": PLOVER codes the protest only)."""
        out = []
        for sent_no, item in kept:
            above = {a.i for a in item.token.ancestors}
            restated = any(
                other.token.i in above
                and (
                    other.trigger.type == item.trigger.type
                    or (
                        other.trigger.type in self.plover.topic
                        and item.trigger.type in self.plover.content
                    )
                )
                for n, other in kept
                if n == sent_no and other is not item
            )
            if not restated:
                out.append((sent_no, item))
        return out


# ----- parse helpers (plain functions over tokens) ---------------------------------------------
def _has_dependent(tok: Token, lemma: str) -> bool:
    """``tok`` has a dependent (or a governing verb) with this lemma or form."""
    words = list(tok.children) + [tok.head]
    return any(w.lemma_.lower() == lemma or w.lower_ == lemma for w in words if w.i != tok.i)


def _objects(tok: Token) -> list[Token]:
    """Object phrases of a verb: direct/dative objects, passive subject, "with"/"for" objects."""
    out = [c for c in tok.children if c.dep_ in OBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "for", "of"):
            out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def _object_lemmas(tok: Token) -> set[str]:
    """Lemmas of the words that say what the trigger is about (object heads and their modifiers)."""
    heads = _objects(tok) if POS_OF.get(tok.pos_) == "verb" else [tok]
    lemmas: set[str] = set()
    for head in heads:
        for word in [head, *head.conjuncts]:
            lemmas.add(word.lemma_.lower())
            lemmas.add(word.lower_)
            lemmas |= {c.lemma_.lower() for c in word.children if c.dep_ in ("compound", "amod")}
            for prep in word.children:  # "part of a military aid program", "a state of emergency"
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        lemmas.add(pobj.lemma_.lower())
                        lemmas |= {
                            c.lemma_.lower()
                            for c in pobj.children
                            if c.dep_ in ("compound", "amod")
                        }
    return lemmas


def _content(tok: Token) -> list[Token]:
    """The tokens a trigger governs as its content (complement clauses, objects, for/of phrases)."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in CONTENT_DEPS or (child.dep_ == "prep" and child.lower_ in CONTENT_PREPS):
            out += list(child.subtree)
    return out


def _context_words(tok: Token) -> list[Token]:
    """The trigger, its modifiers and its object phrases: where context cue words are looked for."""
    heads = [tok] + (_objects(tok) if POS_OF.get(tok.pos_) == "verb" else [])
    words: list[Token] = []
    for head in heads:
        words.append(head)
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                words += [child, *child.conjuncts]
    return words


def _content_target(doc: Doc, heads: list[Token], exclude: set[str]) -> list[tuple[str, Token]]:
    """The first actor the trigger's own phrase (and a light verb's) mentions: objects, complements,
    prepositional phrases, "in PLACE" last. "threatened to impose restrictions against German goods"
    -> Germany; "opened investigations against Chilean officials" -> Chile."""
    own = {h.i for h in heads}
    children = [
        c
        for c in heads[0].children
        if c.dep_ not in NOT_TARGET_DEPS or (c.dep_ == "advcl" and _infinitive(c))
    ]
    for light in heads[1:]:  # a light verb lends its recipient slots ("opened a probe against X")
        children += [
            c
            for c in light.children
            if c.i not in own
            and (c.dep_ == "dative" or (c.dep_ == "prep" and f"prep:{c.lower_}" in DEFAULT_TARGETS))
        ]
    place = [
        c
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS and c.i not in own
    ]
    phrases = [list(c.subtree) for c in children if c not in place]
    for prep in place:  # "in PLACE": the place phrase, not the clauses hanging from it
        phrases += [_bare_phrase(p) for p in prep.children if p.dep_ == "pobj"]
    for phrase in phrases:
        for word in phrase:
            if word.pos_ == "PRON" or word.dep_ in ("relcl", "advcl"):
                continue
            actor = actor_at(doc, word)
            if actor and actor not in exclude:
                head = word if word.dep_ != "compound" and word.dep_ != "amod" else word.head
                return [(actor, word)] + [
                    (a, c) for c in head.conjuncts if (a := actor_at(doc, c)) and a not in exclude
                ]
    return []


def _infinitive(tok: Token) -> bool:
    """A "to"-infinitive clause: a purpose ("send material to help defend Saudi Arabia")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _bare_phrase(tok: Token) -> list[Token]:
    """A noun phrase without its clauses ("the face of sanctions imposed by the US" stops at
    "sanctions")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in ("acl", "relcl", "advcl", "agent", "punct"):
            out += _bare_phrase(child)
    return sorted(out, key=lambda t: t.i)


def _with_conjuncts(tok: Token) -> list[Token]:
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


def _governor(tok: Token) -> Token | None:
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
    return None


def _clause_head(tok: Token) -> Token:
    """The verb heading the clause ``tok`` belongs to."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _location(doc: Doc, tok: Token, pred: Token | None, skip: set[int]) -> str | None:
    """A place named by "in/at PLACE" on the trigger or its clause, or a place modifier ("the Rome meeting")."""
    heads = [tok] + (
        [pred, *(c for c in pred.children if c.dep_ in ("acomp", "xcomp"))]
        if pred is not None
        else []
    )
    # "talks with South Korea in Seoul": the place may hang from the trigger's own prepositional object
    heads += [
        p for prep in tok.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"
    ]
    for head in heads:
        for child in head.children:
            if child.i in skip:
                continue
            if child.dep_ == "compound" and child.ent_type_ in PLACE_ENTS and head.i == tok.i:
                return _entity_text(doc, child)
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in PLACE_ENTS and pobj.i not in skip:
                        return _entity_text(doc, pobj)
    return None


def _entity_text(doc: Doc, tok: Token) -> str:
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


def _pairs(sources, targets, reciprocal: bool) -> list[tuple[str | None, str | None]]:
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
    future = {
        row["name"]: row.get("future", "")
        for row in lexicons.load("plover", required=("kind", "name"))
        if row["kind"] == "type"
    }
    strict = future.get(event["type"]) or ""
    cooperative = strict in ("AGREE", "CONCEDE")
    root = _trigger_root(doc, event) if doc is not None else None
    if root is not None and cooperative and _governed_by(root, _intent_words()):
        return "AGREE"
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
    return any(anc.lemma_.lower() in lemmas for anc in tok.ancestors)


def _future_words() -> set[str]:
    rows = lexicons.load("plover", required=("kind", "name"))
    return {cue for row in rows if row["kind"] == "future" for cue in row.get("cues", "").split()}


def _intent_words() -> set[str]:
    rows = lexicons.load("triggers", required=("lemma", "pos", "type"))
    return {
        row["lemma"] for row in rows if {"intent", "intentonly"} & set(row.get("flags", "").split())
    }
