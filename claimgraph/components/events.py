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
from dataclasses import replace
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import lexicons
from . import listed_tokens
from .actors import actor_at, speaks_for
from .event_context import Found, add_country_actors, drop_restated, fill_from_context
from .event_syntax import (
    CONTENT_DEPS,
    DEFAULT_TARGETS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    PLACE_ENTS,
    POS_OF,
    SUBJECT_DEPS,
    asks_another,
    bare_phrase,
    clause_head,
    conditional,
    content,
    content_target,
    context_words,
    country_of,
    directive,
    dyad_pairs,
    each_other,
    emphatic_do,
    entity_span,
    governor,
    has_dependent,
    infinitive,
    misread_gerund,
    object_lemmas,
    objects,
    place_of,
    with_conjuncts,
)
from .plover import Plover, Trigger, parse_plover, parse_triggers

logger = logging.getLogger(__name__)

SPANS_KEY = "claimgraph_events"
ACTOR_COUNTRIES = "claimgraph_events.actor_countries"  # doc.user_data cache: actor id -> country
# modifiers of a noun that may name the actor of a noun event ("US sanctions", "Russian invasion")
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# how a clause hands its subject to a dependent clause without one
# where a noun phrase names its actor when the head itself is no mention, best first
MODIFIER_PREFERENCE = {"appos": 0, "compound": 1, "poss": 2, "nmod": 3, "amod": 4}
# prepositions that tie a group to the actor it belongs to or comes from
GROUP_PREPS = frozenset({"of", "from", "in", "throughout", "across"})
CONTROL_DEPS = frozenset({"xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "acomp"})
# types whose event, named in a phrase of a passive or suffering clause, hits that clause's subject
VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
# prepositions whose gerund gives the reason an act is aimed at its object ("blamed X for -ing")
REASON_PREPS = frozenset({"for", "of"})
# pronouns resolved to the nearest earlier actor of their sentence when the actor table has none
ANAPHORIC_PRONOUNS = frozenset({"its", "their", "his", "her", "it", "they", "he", "she"})
PLURAL_PRONOUNS = frozenset({"they", "their"})
# relative pronouns whose clause's subject is the noun the clause describes
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


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
        "place_penalty": 0.2,
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
    place_penalty: float,
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
        place_penalty=place_penalty,
        anaphor_confidence=anaphor_confidence,
        min_confidence=min_confidence,
        inherit_window=inherit_window,
        anaphor_window=anaphor_window,
    )


class EventCoder:
    """Finds triggers, reads their arguments from the parse and writes SPEC event dicts."""

    def __init__(self, nlp: Language, name: str, **config):
        self.nlp = nlp
        self.name = name
        self.cfg = config
        self.trigger_rows: list[dict[str, str]] | None = None
        self.plover_rows: list[dict[str, str]] | None = None
        self.plover = Plover()
        self.index: dict[tuple[str, str], list[Trigger]] = {}
        self.lemmas: frozenset[str] = frozenset()

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
        self.lemmas = frozenset(lemma for lemma, _ in self.index)

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
        lexical = listed_tokens(doc, self.lemmas)  # the only tokens `match` can code
        for sent_no, sent in enumerate(doc.sents):
            first, last = numpy.searchsorted(lexical, [sent.start, sent.end])
            for item in self._sentence_events(doc, lexical[first:last].tolist()):
                # an IGO official acts for the organisation ("U.N. mediator Diego Cordovez")
                item.source = speaks_for(doc, item.source) or item.source
                item.target = speaks_for(doc, item.target) or item.target
                found.append((sent_no, item))
        doc.user_data.pop(ACTOR_COUNTRIES, None)
        countries = {a["id"]: a.get("country") for a in doc._.actors if a.get("country")}
        kept = fill_from_context(found, countries, self.cfg, self.plover, self._place_country)
        kept = drop_restated(kept, self.plover)
        if "claimgraph_actors" in self.nlp.pipe_names:
            gaz = self.nlp.get_pipe("claimgraph_actors").gaz
            add_country_actors(doc, kept, gaz, self._place_country)
        events, spans = [], []
        for number, (_, item) in enumerate(kept, 1):
            events.append(self._record(doc, item, f"e{number}"))
            spans.append(Span(doc, item.token.i, item.token.i + 1, label=item.trigger.type))
        doc._.events = events
        doc.spans[SPANS_KEY] = spans
        logger.debug("%d events from %d trigger readings", len(events), len(found))
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
        pos = POS_OF.get(tok.pos_) or ("verb" if emphatic_do(tok) else None)
        if pos is None:
            return None
        rows = self.index.get((tok.lemma_.lower(), pos)) or self.index.get((tok.lower_, pos)) or []
        for trigger in rows:
            if trigger.with_ and not has_dependent(tok, trigger.with_):
                continue
            if trigger.objects and not (object_lemmas(tok) & trigger.objects):
                continue
            return trigger
        return None

    def _sentence_events(self, doc: Doc, tokens: list[int]) -> list[Found]:
        """The events of one sentence, given its tokens that ``listed_tokens`` let through."""
        candidates = {i: trig for i in tokens if (trig := self.match(doc[i])) is not None}
        silent = self._silenced(doc, candidates)
        out: list[Found] = []
        for i, trigger in candidates.items():
            if i in silent or "intentonly" in trigger.flags:
                continue
            tok = doc[i]
            if (
                tok.lemma_.lower() in self.plover.purpose_verbs
                and tok.dep_ == "advcl"
                and infinitive(tok)
            ):
                continue  # "resigned to allow elections": what the resignation is for
            if (
                tok.dep_ == "acl"
                and infinitive(tok)
                and tok.head.lemma_.lower() in self.plover.capacity
            ):
                continue  # "the right of Russian troops to fire": a possible act, not one done
            if (
                tok.dep_ == "pobj"
                and tok.head.lower_ == "of"
                and tok.head.head.lemma_.lower() in self.plover.status
            ):
                continue  # "exchanged prisoners of war": a status, not an act
            demands = {j for j, t in candidates.items() if t.type in self.plover.content}
            if conditional(tok, demands):
                continue  # "demanded a truce before allowing aid convoys": a condition, not done
            if "directive" in trigger.flags and not directive(tok):
                continue  # "insisted the unrest reflected old tensions" is a claim, no demand
            if "needs_content" in trigger.flags and not any(
                c.dep_ in CONTENT_DEPS for c in doc[i].children
            ):
                continue  # "declined to resign" is a refusal, "prices declined" is not
            if "needs_act" in trigger.flags and not any(
                c.dep_ in ("xcomp", "ccomp") or (c.dep_ in OBJECT_DEPS and self.match(c))
                for c in doc[i].children
            ):
                continue  # "ordered troops to withdraw", "ordered an inquiry"; not "ordered jets"
            out.extend(self._arguments(doc, doc[i], trigger))
        return out

    def _silenced(self, doc: Doc, candidates: dict[int, Trigger]) -> set[int]:
        """Triggers that are the content of another (a demand, a refusal, a promise) or its object."""
        silent: set[int] = set()
        for i, trigger in candidates.items():
            tok = doc[i]
            governed = {t.i for t in content(tok) if t.i in candidates and t.i != i}
            if trigger.flags & {"intent", "intentonly"} and not asks_another(tok):
                if governed:
                    silent.add(i)  # "agreed to send aid": the AID event carries the promise
                continue
            if "modal" in trigger.flags and tok.head.i in candidates:
                silent.add(tok.head.i)  # "Libya must hand over ..." codes the demand only
            if "permit" in trigger.flags:
                # "allowed X to hold a rally", "give permission to X to help": permitted, not done
                clause = tok.head if trigger.pos == "noun" and tok.dep_ in OBJECT_DEPS else tok
                silent |= governed | {
                    t.i for t in content(clause) if t.i in candidates and t.i != i
                }
            if trigger.type in self.plover.content:
                silent |= governed - self._done_objects(doc, tok, trigger, candidates)
                silent |= {
                    t.i
                    for clause in self._light_content(tok, candidates)
                    for t in clause.subtree
                    if t.i in candidates
                }
            elif trigger.pos == "verb" and trigger.type not in self.plover.keep_content:
                # a noun trigger that is this verb's object is the same event ("provide support")
                silent |= {
                    t.i for t in objects(tok) if t.i in candidates and candidates[t.i].pos == "noun"
                }
        return silent

    def _done_objects(
        self, doc: Doc, tok: Token, trigger: Trigger, candidates: dict[int, Trigger]
    ) -> set[int]:
        """Noun events a refusal's verb takes as its direct object that name their own actor and
        recipient: done already, not its content ("France opposed the US invasion of Iraq"); an
        indefinite one ("opposed a US attack on Iran") may never happen."""
        if trigger.type not in self.plover.done_objects or trigger.pos != "verb":
            return set()
        done = set()
        own = {a for a, _ in self._subjects(doc, tok)[0]}
        for obj in tok.children:
            inner = candidates.get(obj.i)
            if obj.dep_ != "dobj" or inner is None or inner.pos != "noun":
                continue
            if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in obj.children):
                continue
            sources = {a for a, _ in self._own_sources(doc, obj)[0]}
            specs = [s for s in self._target_specs(inner) if s not in ("dobj", "dative")]
            if sources - own and self._role_actors(doc, obj, specs):
                done.add(obj.i)
        return done

    @staticmethod
    def _light_content(tok: Token, candidates: dict[int, Trigger]) -> list[Token]:
        """The "that" clause a speech-act noun's light verb carries for it: "reiterated its demand
        today that Israel ease restrictions" (the parser hangs the clause on the verb)."""
        verb = tok.head
        if tok.dep_ not in OBJECT_DEPS or verb.i in candidates or verb.pos_ not in ("VERB", "AUX"):
            return []
        return [
            c
            for c in verb.children
            if c.dep_ == "ccomp" and c.i > tok.i and any(m.lower_ == "that" for m in c.children)
        ]

    # ----- arguments ------------------------------------------------------------------------
    def _arguments(self, doc: Doc, tok: Token, trigger: Trigger) -> list[Found]:
        cfg = self.cfg
        confidence = cfg["base_confidence"]
        nominal = trigger.pos != "verb"
        stand_in = misread_gerund(tok) if not nominal else None
        if stand_in is not None:
            nominal = True  # "killed in Israeli tank shelling": an attack noun, read from "tank"
        if "modal" in trigger.flags:
            sources, targets, pred, penalty = self._modal_arguments(doc, tok)
        elif nominal:
            sources, targets, pred, penalty = self._noun_arguments(doc, stand_in or tok, trigger)
        else:
            # "If China does back Russia": the tagger reads "back" as an adverb of "does"
            verb = tok.head if emphatic_do(tok) else tok
            sources, targets, pred, penalty = self._verb_arguments(doc, verb, trigger)
        confidence -= penalty
        if trigger.mode == "visit" and any(
            w.lemma_.lower() in self.plover.deployed for _, t in sources for w in bare_phrase(t)
        ):
            return []  # "NATO peacekeeping troops arrived in Bosnia": a deployment, not a visit
        if trigger.type == "COERCE" and any(
            t.lemma_.lower() in self.plover.riot_sources for _, t in sources
        ):
            # PLOVER: protesters' damage or force is a riot (CAMEO 145); an armed attack stays one
            rtype, rcode = self.plover.riot_code
            trigger = replace(trigger, type=rtype, mode="riot", cameo=rcode, cameo_by=())
        if "diplomatic" in trigger.flags and sources:
            kinds = {a["id"]: a["kind"] for a in doc._.actors}
            if all(kinds.get(a) in self.plover.diplomatic_kinds for a, _ in sources):
                # PLOVER: a government's protest is a diplomatic complaint, not a demonstration
                dtype, dcode = self.plover.diplomatic_code
                trigger = replace(trigger, type=dtype, mode="disapprove", cameo=dcode, cameo_by=())
        if trigger.swap:
            sources, targets = targets, sources
        if trigger.targets == ():
            targets = []
        place = place_of(doc, tok, pred, {t.i for _, t in [*sources, *targets]}, self._known_place)
        local = None
        if not sources and place is not None:
            # "Police arrested dozens of opposition supporters in Minsk": the place's police
            local = self._local_institution(doc, tok if not nominal else pred, place)
            if local is not None:
                sources = [local]
                confidence -= cfg["place_penalty"]
        mode = trigger.mode or self._mode(trigger, pred)
        context = self._contexts(tok, trigger)
        if (
            not targets
            and trigger.targets != ()
            and not ("reciprocal" in trigger.flags and len(sources) > 1)
        ):
            if "needs_target" in trigger.flags and trigger.targets is not None:
                # a row naming its only target slots takes the subject of its complement ("wants
                # Putin to attack", parsed as a clause), not what that complement acts on ("wants
                # to attack Switzerland")
                targets = [
                    found
                    for c in tok.children
                    if c.dep_ in ("ccomp", "xcomp")
                    for subj in c.children
                    if subj.dep_ in SUBJECT_DEPS
                    for found in self._phrase_actors(doc, subj)
                ]
            else:
                heads = [tok] + (
                    [pred]
                    if nominal and pred is not None and pred.i != tok.i and tok.dep_ in OBJECT_DEPS
                    else []
                )
                # "Peskov warned that Moscow would respond": the source's own side, as the
                # subject of what it announces, is no target
                home = {self._country(doc, a) for a, _ in sources}
                targets = [
                    (a, t)
                    for a, t in content_target(
                        doc, heads, {a for a, _ in sources}, self._topics(trigger)
                    )
                    if not (t.dep_ in SUBJECT_DEPS and self._country(doc, a) in home)
                ]
                if not targets and not nominal and tok.dep_ == "advcl" and infinitive(tok):
                    # "sent 21 personnel to Bosnia to investigate": a purpose is aimed where the
                    # act it is the purpose of goes
                    targets = self._role_actors(doc, tok.head, ["prep:to", "dative"])
            confidence -= cfg["content_penalty"] if targets else 0
        if nominal and not targets and trigger.type in self.plover.content:
            # "reiterated its demand that Israel ease ...": the one asked is the clause's subject
            candidates = {tok.i: trigger}
            targets = [
                found
                for clause in self._light_content(tok, candidates)
                for subj in clause.children
                if subj.dep_ in SUBJECT_DEPS
                for found in self._phrase_actors(doc, subj)
                if found[0] not in {a for a, _ in sources}
            ]
        # an act whose actor the sentence leaves unnamed, done by someone of its place's country;
        # a noun only under an agentless passive ("was put under investigation in Italy"; "refugees
        # fleeing the civil war in Liberia" tells of no act), and not when the "by" phrase names a
        # company ("killed by the Malaysia Airlines crash": an accident)
        unnamed = self._unnamed(trigger) if not sources else None
        if unnamed and (
            pred is None
            or (nominal and unnamed != "GOV")
            or self._role_actors(doc, pred, ["agent"])
            # "They attacked a base in Ukraine": a pronoun names someone told of before
            or any(c.dep_ in SUBJECT_DEPS and c.pos_ == "PRON" for c in pred.children)
            # a subject that names an actor the rules did not link is no unnamed one
            or any(
                actor_at(doc, w)
                for c in pred.children
                if c.dep_ in SUBJECT_DEPS
                for w in bare_phrase(c)
            )
            # "killed in a car crash", "floods killed 200 people": no one did it
            or self._accident(pred)
            # "killed in a PKK attack in Turkey": the act named in its phrase names its actor
            or self._named_act(doc, pred, trigger)
        ):
            unnamed = None
        if unnamed == "GOV" and (
            not self._passive(pred)
            or self._stative(pred)
            or any(c.dep_ == "agent" for c in pred.children)
        ):
            # only "was arrested in Minsk", "was put under investigation in Italy" name no one
            # but the authorities
            unnamed = None
        clause_subject = None
        if nominal and not targets:
            clause = [a for a, _ in self._subjects(doc, clause_head(stand_in or tok))[0]]
            clause_subject = clause[0] if clause else None
        # "Israel and Hamas accused each other": several actors acting on each other
        mutual = "reciprocal" in trigger.flags or (not nominal and each_other(tok))
        pairs = dyad_pairs(sources, targets, mutual)
        if not pairs and not sources and not targets and ("anaphor" in trigger.flags or unnamed):
            pairs = [(None, None)]
        return [
            Found(
                tok,
                trigger,
                s,
                t,
                confidence,
                mode,
                context,
                place.text if place is not None else None,
                nominal,
                clause_subject,
                place,
                (local[1].idx, local[1].idx + len(local[1])) if local is not None else None,
                unnamed=unnamed,
            )
            for s, t in pairs
        ]

    @staticmethod
    def _country(doc: Doc, actor: str) -> str | None:
        """The country an actor belongs to (its table entry's, else its id's)."""
        table = doc.user_data.get(ACTOR_COUNTRIES)
        if table is None:
            table = doc.user_data[ACTOR_COUNTRIES] = {
                a["id"]: a.get("country") for a in doc._.actors if a.get("country")
            }
        return table.get(actor) or country_of(actor)

    def _modal_arguments(self, doc, tok):
        """ "X said that Y must do Z": X asks Y (the modal's clause must be reported by X)."""
        clause = tok.head
        if clause.dep_ not in ("ccomp", "acl") or clause.i == tok.i:
            return [], [], None, 0.0
        speaker = clause.head
        if speaker.pos_ in ("NOUN", "PROPN"):  # "issued a reminder to Iraq that it must ..."
            speaker = governor(speaker)
            if speaker is None:
                return [], [], None, 0.0
        sources, penalty = self._subjects(doc, speaker)
        targets, _ = self._subjects(doc, clause)
        return sources, targets, speaker, penalty

    def _verb_arguments(self, doc, tok, trigger):
        (sources, penalty) = self._subjects(doc, tok)
        passive = self._passive(tok) and not self._stative(tok)
        specs = self._target_specs(trigger)
        if passive:
            specs = ("nsubjpass", *specs)
        # "will travel to Washington for talks": a visit's destination place is its host ("arrived
        # in Amman" keeps Amman its location, the place rule gives the host)
        targets = self._role_actors(doc, tok, specs) or self._destination(
            doc, tok, trigger, [s for s in specs if s == "prep:to"]
        )
        if not targets and tok.dep_ == "acl" and tok.tag_ == "VBN":
            # "10 Russian soldiers killed in Ukraine": a participle's noun is its patient
            targets = self._phrase_actors(doc, tok.head)
        if trigger.type in self.plover.keep_content:
            # "condemned an attack by Russian soldiers in Ukraine": the one condemned is the
            # attacker, not the place or victim of the act
            for obj in objects(tok):
                inner = self.match(obj)
                if inner is not None and inner.pos == "noun" and obj.dep_ in OBJECT_DEPS:
                    own = {a for a, _ in sources}  # the accuser read back through its clause
                    agents = [
                        a for a in self._noun_arguments(doc, obj, inner)[0] if a[0] not in own
                    ]
                    if agents:
                        targets = agents
                        break
        if not targets:
            for obj in objects(tok):
                targets = self._role_actors(doc, obj, [s for s in specs if s.startswith("prep:")])
                if targets:
                    break
        return sources, targets, tok, penalty

    def _own_sources(self, doc, tok) -> tuple[list[tuple[str, Token]], float]:
        """The actors a noun event names itself: possessor, actor modifiers and "by X" ("Russia's
        invasion", "US sanctions", "sanctions imposed by the US")."""
        penalty = 0.0
        sources = []
        for child in tok.children:
            if child.dep_ in MODIFIER_DEPS:
                group, pen = self._modifier_actors(doc, child)
                sources += group
                penalty = max(penalty, pen if group else 0.0)
        sources += self._role_actors(doc, tok, ["prep:by"])
        for child in tok.children:
            if child.dep_ == "acl":  # "sanctions imposed by the US"
                sources += self._role_actors(doc, child, ["agent"])
        return sources, penalty

    def _noun_arguments(self, doc, tok, trigger):
        sources, penalty = self._own_sources(doc, tok)
        specs = self._target_specs(trigger)
        specs = [s for s in specs if s not in ("dobj", "dative")]
        targets = self._role_actors(doc, tok, specs) or self._destination(doc, tok, trigger, specs)
        between = self._role_actors(doc, tok, ["prep:between", "prep:among"])
        pred = governor(tok)
        mutual = False
        if not sources and between:
            sources, between = between, []
            # "fighting between Azerbaijanis and Armenians": the sides act on each other, not on
            # the recipients of the clause the phrase sits in
            mutual = "reciprocal" in trigger.flags and len(sources) > 1
        undergoes = pred is not None and (
            (pred.lemma_.lower() in self.plover.recipient_verbs and tok.dep_ in OBJECT_DEPS)
            # "died as a result of torture", "were killed in Israeli tank shelling": the clause's
            # subject suffers the attack or crackdown named in its phrase
            or (
                tok.dep_ == "pobj"
                and trigger.type in VICTIM_TYPES
                and (
                    pred.lemma_.lower() in self.plover.recipient_verbs
                    or (self._passive(pred) and not self._stative(pred))
                )
            )
            # "came under pressure from Britain", "is under attack": the subject undergoes it
            or (tok.dep_ == "pobj" and tok.head.lower_ == "under")
        )
        if (
            pred is not None
            and not sources
            and tok.dep_ == "pobj"
            and tok.head.lower_ == "at"
            and trigger.type in self.plover.content
        ):
            # "freed 53 prisoners at the request of the United States": the "of" phrase asked,
            # the clause's subject was asked
            sources = self._role_actors(doc, tok, ["prep:of"])
            if sources:
                targets = self._subjects(doc, pred)[0]
        if undergoes:
            # "Russia needs aid", "Georgia received weapons from Russia": the subject receives it
            if not targets:
                targets = self._subjects(doc, pred)[0] or self._role_actors(
                    doc, pred, ["nsubjpass"]
                )
            if not sources:  # "received weapons from X", "faces pressure from X"
                sources = self._role_actors(doc, pred, ["prep:from"]) or self._role_actors(
                    doc, tok, ["prep:from"]
                )
        elif (
            pred is not None
            and (not sources or not targets)
            # "sanctions imposed by the US since the invasion": a dating phrase, not the US's act
            and not (tok.dep_ == "pobj" and tok.head.lower_ in self.plover.temporal_preps)
        ):
            if not sources:
                if tok.dep_ in PASSIVE_SUBJECT_DEPS:
                    sources = self._role_actors(doc, pred, ["agent"])
                elif tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head == pred:
                    # "blamed Israel for the bombing": the one blamed or punished did it
                    sources = self._role_actors(doc, pred, ["dobj", "prep:on", "prep:against"])
                    penalty = max(penalty, self.cfg["control_penalty"] if sources else 0.0)
                if not sources and tok.dep_ not in PASSIVE_SUBJECT_DEPS:
                    sources, pen = self._subjects(doc, pred)
                    penalty = max(penalty, pen + (self.cfg["control_penalty"] if sources else 0))
            if not targets and trigger.targets != () and not mutual:
                pred_specs = [
                    s for s in self._target_specs(trigger) if s.startswith("prep:") or s == "dative"
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

    def _topics(self, trigger: Trigger) -> frozenset[str]:
        """Prepositions that give what an act of this type is about, never its recipient."""
        return self.plover.topic_preps.get(trigger.type, frozenset())

    def _target_specs(self, trigger: Trigger) -> list[str]:
        """The row's target slots, else the default ones less the type's topic prepositions."""
        if trigger.targets is not None:
            return list(trigger.targets)
        topics = self._topics(trigger)
        return [s for s in DEFAULT_TARGETS if s.removeprefix("prep:") not in topics]

    def _destination(
        self, doc: Doc, tok: Token, trigger: Trigger, specs
    ) -> list[tuple[str, Token]]:
        """A visit's destination place in its own role phrase ("a surprise visit to Beirut", "will
        travel to Washington") is its host country (CAMEO 042), before the recipients of the clause
        it sits in."""
        if trigger.mode != "visit":
            return []
        for prep in tok.children:
            if prep.dep_ == "prep" and f"prep:{prep.lower_}" in specs:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in PLACE_ENTS:
                        country = self._place_country(entity_span(doc, pobj))
                        if country is not None:
                            return [(country, pobj)]
        return []

    def _subjects(
        self, doc: Doc, verb: Token, depth: int = 0
    ) -> tuple[list[tuple[str, Token]], float]:
        """Actors of a clause's subject, or of the clause controlling it (with a penalty)."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] or [
            # "Sweden suspended aid to Uganda": the parser reads the name in front as a modifier
            c
            for c in verb.children
            if c.dep_ == "npadvmod"
            and c.pos_ == "PROPN"
            and c.left_edge.i == c.sent.start  # the sentence's first phrase
            and verb.dep_ == "ROOT"
            and actor_at(doc, c)
        ]
        # "a member of Hamas jailed a year ago": a participle modifying its noun is passive too
        passive = self._passive(verb) or (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD"))
        if passive and self._stative(verb):
            subjects += [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            passive = False
        if passive:
            # "killed by the Malaysia Airlines crash", "blown up by a BAK missile": a company
            # naming a thing is its maker or carrier, not the one who acts
            kinds = {a["id"]: a["kind"] for a in doc._.actors}
            agents = [
                (a, t)
                for a, t in self._role_actors(doc, verb, ["agent"])
                if actor_at(doc, t) or kinds.get(a) != "organization"
            ]
            if agents:
                return agents, 0.0
        found: list[tuple[str, Token]] = []
        penalty = 0.0
        for subj in subjects:
            if subj.tag_ in ("VBG", "VBN"):
                # "The Red Cross operating in Iraq said ...": the parser makes the participle the
                # subject and its noun the participle's; the noun is who speaks
                subj = next((c for c in subj.children if c.dep_ in SUBJECT_DEPS), subj)
            for t in with_conjuncts(subj):
                if (
                    t.lower_ in RELATIVE_PRONOUNS
                    and verb.dep_ == "relcl"
                    and t.tag_ in ("WP", "WDT")
                ):
                    # "the Iranian diplomat who met Putin": the noun the clause describes
                    found += self._phrase_actors(doc, verb.head)
                    continue
                if t.pos_ == "PRON" and actor_at(doc, t) is None:
                    group = self._antecedents(doc, t)  # "Obama and Putin said they will ..."
                    found += group
                    # the speaker of a reported clause is a surer antecedent than the nearest actor
                    reported = verb.dep_ == "ccomp" and any(
                        c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON" for c in verb.head.children
                    )
                    pen = self.cfg["control_penalty" if reported else "pronoun_penalty"]
                    penalty = max(penalty, pen if group else 0.0)
                    continue
                found += self._phrase_actors(doc, t, subject=True)
        if not found:
            found = [a for subj in subjects for a in self._issuer(doc, subj)]
        if not found:
            # "Recent US Predator attacks have killed ...": an act as the subject is done by its
            # own actor, however deep its modifiers name it
            found = [
                a
                for subj in subjects
                if subj.pos_ == "NOUN" and (inner := self.match(subj)) and inner.pos == "noun"
                for a in self._own_sources(doc, subj)[0]
            ]
        if (
            found or subjects or passive or depth >= 3
        ):  # a passive without "by X" has no known actor
            return found, penalty
        if verb.dep_ in CONTROL_DEPS and verb.head.i != verb.i:
            head = verb.head
            if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
                actor = self._phrase_actor(doc, head)
                clause = governor(head)
                if (
                    not actor
                    and verb.tag_ == "VBG"
                    and head.dep_ == "dobj"
                    and head.lemma_.lower() not in self.plover.riot_sources
                    and clause is not None
                    and depth < 3
                ):
                    # "issued a declaration demanding ...": the one who issued it demands
                    inherited, pen = self._subjects(doc, clause, depth + 1)
                    return inherited, pen + self.cfg["control_penalty"]
                return ([(actor, head)] if actor else []), self.cfg["control_penalty"]
            if (
                verb.dep_ == "xcomp"
            ):  # object control: "urged Iran to halt", "expected X to negotiate"
                # a passive head's subject controls too: "Obama is scheduled to attend", "Iran was
                # urged to halt"
                objs = [
                    found
                    for o in head.children
                    if o.dep_ == "dobj" or o.dep_ in PASSIVE_SUBJECT_DEPS
                    for t in with_conjuncts(o)
                    for found in self._phrase_actors(doc, t)
                ]
                if objs:
                    return objs, self.cfg["control_penalty"]
            if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "... about backing Moscow"
                if head.lower_ in REASON_PREPS:
                    # "accused Nato of provoking", "sanctions on Belarus for allowing": the one
                    # blamed or punished did it
                    blamed = self._role_actors(doc, head.head, ["dobj", "prep:on", "prep:against"])
                    if not blamed and head.head.dep_ in OBJECT_DEPS:
                        # "accused South African troops of invading": the parser hangs the
                        # reason on the object noun, which names the one blamed
                        blamed = self._phrase_actors(doc, head.head)
                    if blamed:
                        return blamed, self.cfg["control_penalty"]
                head = head.head
            inherited, pen = self._subjects(doc, head, depth + 1)
            return inherited, pen + (self.cfg["control_penalty"] if inherited else 0)
        return found, penalty

    def _issuer(self, doc: Doc, subj: Token) -> list[tuple[str, Token]]:
        """Who a document speaks for when it names no author of its own: the "by" phrase of its
        participle ("a report published by Amnesty accused ..."), else the country whose capital
        it was released in ("a report released in the Rwandan capital alleged ...")."""
        if subj.lemma_.lower() not in self.plover.documents:
            return []
        for part in subj.children:
            if part.dep_ != "acl":
                continue
            agents = self._role_actors(doc, part, ["agent"])
            if agents:
                return agents
            for pobj in (
                c
                for p in part.children
                if p.dep_ == "prep" and p.lower_ == "in"
                for c in p.children
            ):
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() == "capital":
                    actor = self._phrase_actor(doc, pobj)
                    if actor:
                        return [(actor, pobj)]
        return []

    def _local_institution(
        self, doc: Doc, verb: Token | None, place: Span
    ) -> tuple[str, Token] | None:
        """A bare government or military noun as the subject ("police", "troops", "the army")
        belongs to the country its act takes place in: (``XXX.GOV`` / ``XXX.MIL``, the noun)."""
        if verb is None or "claimgraph_actors" not in self.nlp.pipe_names:
            return None
        branches = self.nlp.get_pipe("claimgraph_actors").gaz.institutions
        for subj in verb.children:
            branch = branches.get(subj.lower_) or branches.get(subj.lemma_.lower())
            if subj.dep_ not in SUBJECT_DEPS or branch not in ("GOV", "MIL"):
                continue
            if actor_at(doc, subj) is not None or any(
                actor_at(doc, c) is not None for c in subj.subtree
            ):
                continue
            country = self._place_country(place)
            return (f"{country}.{branch}", subj) if country else None
        return None

    @staticmethod
    def _passive(verb: Token) -> bool:
        return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)

    def _stative(self, verb: Token) -> bool:
        """A passive that states what its subject does: "Serb forces were engaged in ethnic
        cleansing", "Israel is opposed to French mediation" (but "was opposed by China": China)."""
        return verb.lemma_.lower() in self.plover.stative_verbs and not any(
            c.dep_ == "agent" for c in verb.children
        )

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
                f for h in heads for t in with_conjuncts(h) for f in self._phrase_actors(doc, t)
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
        if tok.pos_ in ("NOUN", "PROPN", "NUM"):
            # "US and British activists": the actor table may have read the last one with its noun
            for child in tok.children:
                if child.dep_ in MODIFIER_DEPS and actor_at(doc, child) and child.conjuncts:
                    group = [(a, c) for c in [child, *child.conjuncts] if (a := actor_at(doc, c))]
                    if len(dict.fromkeys(a for a, _ in group)) > 1:
                        return group
        if actor_at(doc, tok) is None and tok.pos_ in ("NOUN", "PROPN", "NUM"):
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

    def _modifier_actors(self, doc: Doc, tok: Token) -> tuple[list[tuple[str, Token]], float]:
        """A modifier's actor; a possessive pronoun resolves to the nearest earlier actor, "their"
        to the coordinated ones ("Gondor and Osgiliath postponed their meeting")."""
        if tok.pos_ != "PRON":
            actor = self._phrase_actor(doc, tok)
            return ([(actor, tok)] if actor else []), 0.0
        actor = actor_at(doc, tok)
        if actor:
            return [(actor, tok)], 0.0
        group = self._antecedents(doc, tok)
        if tok.lower_ not in PLURAL_PRONOUNS:
            group = group[:1]
        return [(a, tok) for a, _ in group], self.cfg["pronoun_penalty"]

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
                    for t in with_conjuncts(sp)
                    if (a := self._phrase_actor(doc, t))
                ]
            if clause.head.dep_ in ("advcl", "xcomp", "conj") and not any(
                c.dep_ in SUBJECT_DEPS for c in clause.head.children
            ):
                # "Katsav refused to meet King Abdullah, saying he would only welcome him in
                # Jerusalem": the speaker of a subjectless participle is its clause's subject
                speakers = self._subjects(doc, clause.head)[0]
                if speakers:
                    return speakers
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
            group = [(a, t) for t in with_conjuncts(head) if (a := self._phrase_actor(doc, t))]
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
        for word in context_words(tok):
            context = self.plover.context_cues.get(word.lemma_.lower())
            if context and context not in contexts:
                contexts.append(context)
        return contexts

    def _named_act(self, doc: Doc, verb: Token, trigger: Trigger) -> bool:
        """An act of the trigger's type in the clause's "in" or "by" phrase that names its own
        actor ("were killed in a PKK attack", "in an American air strike")."""
        return any(
            (inner := self.match(p)) is not None
            and inner.type == trigger.type
            and self._own_sources(doc, p)[0]
            for prep in verb.children
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by")
            for p in prep.children
            if p.dep_ == "pobj"
        )

    def _accident(self, verb: Token) -> bool:
        """A clause whose subject, "by" phrase or "in" phrase is a disaster or an accident
        (plover.tsv ``accident``): "were killed in an earthquake", "floods killed 200 people"."""
        heads = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] + [
            p
            for prep in verb.children
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by")
            for p in prep.children
            if p.dep_ == "pobj"
        ]
        return any(
            w.lemma_.lower() in self.plover.accidents
            for head in heads
            for w in [head, *(c for c in head.children if c.dep_ == "compound")]
        )

    def _unnamed(self, trigger: Trigger) -> str | None:
        """Who does an act of this trigger that names no actor (plover.tsv ``unnamed``): an
        ACCUSE only when it is an investigation or a legal act ("was put under investigation",
        not "were accused over the shooting")."""
        who, needs = self.plover.unnamed.get(trigger.type, (None, frozenset()))
        if who is None or (needs and not needs & {trigger.mode, *trigger.context}):
            return None
        return who

    def _known_place(self, name: str) -> bool:
        """A name the tables know as a place (cities.tsv, seats, countries)."""
        return "claimgraph_actors" in self.nlp.pipe_names and bool(
            self.nlp.get_pipe("claimgraph_actors").gaz.place_country(name)
        )

    def _place_country(self, place: Span | None) -> str | None:
        """The country a location lies in, from the actor gazetteer (cities.tsv, seats, countries)."""
        if place is None or "claimgraph_actors" not in self.nlp.pipe_names:
            return None
        return self.nlp.get_pipe("claimgraph_actors").gaz.place_country(place.text)
