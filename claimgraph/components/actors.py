"""claimgraph_actors: resolves entities and noun phrases to SPEC.md actor ids.

"China" -> ``CHN``; "Chinese diplomats" -> ``CHN``; "Beijing said" / "the Kremlin" -> ``CHN.GOV`` /
``RUS.GOV``; "the Russian military" -> ``RUS.MIL``; "the Biden administration" -> ``USA.GOV``;
"NATO" -> ``NATO``; "CNN" -> ``media:cnn``; "US national security adviser Jake Sullivan" and
later "Sullivan" -> ``person:jake-sullivan``; "a senior administration official" -> ``anon:N``.
The rules and the tables they read are described in docs/actors.md.

API (everything else is private):

- factory ``claimgraph_actors`` (``make_actors``); ``initialize(nlp=, user_actors=path|None)`` loads
  the tables and a user dictionary (CSV/YAML); ``to_disk``/``from_disk`` carry the user entries.
- ``doc._.actors``: SPEC actor dicts ``{id, name, kind, country, role, mentions}`` in order of
  first mention; ``doc.spans["claimgraph_actors"]``: one span per mention, label = actor id.
- ``actor_at(doc, token) -> str | None``: the actor id of the mention covering a token.
- ``actor_for_span(doc, span) -> str | None``: the actor of a span (its root's, else any token's).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import srsly
from spacy.attrs import POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from .. import gazetteer
from ..errors import Errors
from ..gazetteer import Entry, Gazetteer
from . import register_extensions
from .actor_records import (
    NOUN_POS,
    PRIORITY_INSTITUTION,
    PRIORITY_NER,
    PRIORITY_TABLE,
    PRIORITY_TITLED,
    ActorRecord,
    Candidate,
    last_holder,
)
from .anonymous import anonymous_candidates, resolve_anonymous

logger = logging.getLogger(__name__)

SPANS_KEY = "claimgraph_actors"
# doc.user_data key of the token -> actor id list that actor_at reads (rebuilt from the spans if absent)
_TOKEN_MAP = "claimgraph_actors.token_map"
# person id -> the international organisation a person of no country speaks for
_BODIES = "claimgraph_actors.bodies"
_USER_FILE = "user_actors.json"
POSSESSIVE = {"'s", "’s", "'", "’"}
HYPHENS = {"-", "‐"}  # inside a modifier: "right-winger"
# nouns whose "of" phrase names a place ("the town of Goma")
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "region", "province", "district", "capital", "port", "enclave"}
)
# prefixes that make a country name after their hyphen a stance, not an actor ("an anti-Syria
# journalist" is no Syrian, "pro-Russian separatists" are no Russian group)
STANCE_PREFIXES = frozenset({"anti", "pro"})
# what may name the country of an institution ("the Chinese government", "the Biden administration"),
# unlike an organisation ("the Hamas regime" is not a Palestinian government)
DESIGNATOR_KINDS = {"country", "government", "military", "person"}
STATE_KINDS = {"country", "government", "military"}
# shortest word read as a misspelt country name (the name itself one letter shorter at least:
# "Quatar" -> Qatar; "Iran"/"Iraq" are never guessed)
MISSPELT_MIN = 6
# entity labels a misspelt country may carry (NER reads "Quatar" as an ORG; "" = no entity; never a PERSON)
MISSPELT_ENTS = frozenset({"GPE", "LOC", "NORP", "ORG", ""})
# dependencies of a one-word name that make it a person even when the tables know a city so named
SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "appos", "compound"})
# kinds whose country counts among those an article names ("the Fijian rebels" name Fiji)
HOME_KINDS = DESIGNATOR_KINDS | {"group"}


@Language.factory(
    "claimgraph_actors",
    assigns=["doc._.actors"],
    default_config={"administration_country": "USA", "unknown_orgs": True, "groups": True},
)
def make_actors(
    nlp: Language, name: str, administration_country: str, unknown_orgs: bool, groups: bool
):
    """``administration_country``: whose government an unqualified "administration" is (see docs);
    ``unknown_orgs``: ORG entities outside the tables become ``org:<slug>``; ``groups``: NORP nouns
    that are not demonyms ("Republicans") become ``group:<slug>``."""
    return ActorResolver(
        nlp,
        name,
        administration_country=administration_country,
        unknown_orgs=unknown_orgs,
        groups=groups,
    )


class ActorResolver:
    """The claimgraph_actors pipeline component."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        administration_country: str,
        unknown_orgs: bool,
        groups: bool,
    ):
        self.nlp = nlp
        self.name = name
        self.administration_country = administration_country
        self.unknown_orgs = unknown_orgs
        self.groups = groups
        self.user_entries: list[dict] = []
        self.gaz: Gazetteer | None = None
        self.names: PhraseMatcher | None = None
        self.lower: PhraseMatcher | None = None
        self.user_names: PhraseMatcher | None = None
        register_extensions()

    # -- data -------------------------------------------------------------------------------

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, user_actors=None
    ) -> None:
        """Load the built-in tables and, when given, a user dictionary (a path, or entries as read
        by ``gazetteer.read_user_actors``) whose names and ids override the built-in ones."""
        if nlp is not None:
            self.nlp = nlp
        if user_actors is None:
            self.user_entries = []
        elif isinstance(user_actors, (str, Path)):
            self.user_entries = gazetteer.read_user_actors(user_actors)
        else:
            self.user_entries = list(user_actors)
        self._build()

    def _build(self) -> None:
        self.gaz = gazetteer.build(self.user_entries)
        make = self.nlp.make_doc
        self.names = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for phrase in self.gaz.phrases:
            self.names.add(phrase, [make(phrase)])
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for label, table in (("INST", self.gaz.institutions), ("TITLE", self.gaz.titles)):
            self.lower.add(label, [make(phrase) for phrase in table])
            # "Gen." inside a sentence is one token; alone, the tokenizer splits off its period
            self.lower.add(
                label,
                [Doc(self.nlp.vocab, words=phrase.split()) for phrase in table if "." in phrase],
            )
        self.user_names = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for phrase in self.gaz.user_lower:
            self.user_names.add(phrase, [make(phrase)])
        # one-word country names long enough to recognise with a typing slip ("Afganistan"),
        # indexed by each name and its one-letter deletions: two words one slip apart share a key
        self.slip_index: dict[str, list[tuple[str, Entry]]] = {}
        for phrase, entry in self.gaz.phrases.items():
            if entry.kind == "country" and " " not in phrase and len(phrase) >= MISSPELT_MIN - 1:
                for key in _deletions(phrase):
                    self.slip_index.setdefault(key, []).append((phrase, entry))
        # table persons who lead an international organisation ("Kofi Annan" -> UN)
        self.igo_leaders = {
            p.id: p.country
            for p in self.gaz.persons
            if p.country in self.gaz.by_id and self.gaz.by_id[p.country].kind == "igo"
        }

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / _USER_FILE, self.user_entries)

    def from_disk(self, path, *, exclude=tuple()) -> ActorResolver:
        path = Path(path)
        if not path.is_dir():
            raise ValueError(Errors.CG214.format(path=path))
        user_file = path / _USER_FILE
        self.user_entries = srsly.read_json(user_file) if user_file.exists() else []
        self.gaz = None  # rebuilt on first use
        return self

    # -- the component ----------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if self.gaz is None:
            self._build()
        names = self._table_matches(doc)
        names.update(self._misspelt_countries(doc, names))
        titles, institutions = self._lower_matches(doc)
        cands: list[Candidate] = []
        persons = self._person_candidates(doc, names)
        cands += persons
        cands += self._titled_candidates(doc, names, titles, persons)
        cands += self._institution_candidates(doc, names, institutions)
        cands += anonymous_candidates(
            doc, names, self.gaz, lambda end: self._country_after_in(doc, names, end)
        )
        cands += self._table_candidates(doc, names)
        cands += self._ner_candidates(doc, names)
        chosen = _select(cands)
        actors = self._resolve(doc, chosen)
        bodies = self._bodies(doc, chosen, names, actors)
        _home_officials(actors, self.gaz.by_id, self.gaz.bodies, set(bodies))
        doc._.actors = [actor.as_dict() for actor in actors]
        spans = [Span(doc, c.start, c.end, label=c.actor_id) for c in chosen if c.actor_id]
        doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
        doc.user_data[_TOKEN_MAP] = _token_map(doc)
        doc.user_data[_BODIES] = bodies
        return doc

    def _misspelt_countries(self, doc: Doc, names: dict) -> dict[int, tuple[int, int, Entry]]:
        """A capitalised place name outside the tables one typing slip away from exactly one
        country name ("Afganistan", "Quatar", "Ethopia"), as token index -> (start, end, entry)."""
        found = {}
        for tok in _proper_nouns(doc):
            if (
                tok.i in names
                or tok.ent_type_ not in MISSPELT_ENTS
                or len(tok.text) < MISSPELT_MIN
                or not tok.text[0].isupper()
            ):
                continue
            near = {
                entry.id: entry
                for key in _deletions(tok.text)
                for name, entry in self.slip_index.get(key, ())
                if _one_slip(tok.text, name)
            }
            if len(near) == 1 and not self._known_place(doc, tok):  # rare: looked up last
                found[tok.i] = (tok.i, tok.i + 1, next(iter(near.values())))
        return found

    def _known_place(self, doc: Doc, tok: Token) -> bool:
        """A city or region of the tables, alone or in its entity ("Tainan", "French Guiana"),
        is no misspelt country however close its spelling."""
        names = [tok.text]
        if tok.ent_iob_ != "O":
            names.append(next(e.text for e in doc.ents if e.start <= tok.i < e.end))
        return any(self.gaz.place_country(name) for name in names)

    def _bodies(
        self, doc: Doc, chosen: list[Candidate], names: dict, actors: list[ActorRecord]
    ) -> dict[str, str]:
        """Persons of no country who speak for an international organisation: one named in their
        mention ("U.N. mediator Diego Cordovez", "Kofi Annan, UN secretary-general") or the
        organisation the persons table gives them (an IGO leader)."""
        countryless = {a.id for a in actors if a.kind == "person" and a.country is None}
        bodies: dict[str, str] = {}
        for cand in chosen:
            if cand.actor_id not in countryless or cand.actor_id in bodies:
                continue
            start = cand.start
            while (
                start > 0
                and doc[start - 1].dep_ in ("compound", "amod", "nmod")
                and (start <= doc[start - 1].head.i < cand.end)
            ):
                start -= 1  # "U.N. mediator Diego Cordovez": the title phrase in front
            named = [names[i][2] for i in range(start, cand.end) if i in names]
            body = next((e.id for e in named if e.kind == "igo"), None)
            if body is None:
                body = self.igo_leaders.get(cand.actor_id)
            if body is not None:
                bodies[cand.actor_id] = body
        return bodies

    # -- matching ---------------------------------------------------------------------------

    def _table_matches(self, doc: Doc) -> dict[int, tuple[int, int, Entry]]:
        """Longest non-overlapping table names, as token index -> (start, end, entry)."""
        found = []
        for matcher, table in (
            (self.names, self.gaz.phrases),
            (self.user_names, self.gaz.user_lower),
        ):
            for match_id, start, end in matcher(doc):
                entry = table.get(self.nlp.vocab.strings[match_id])
                if entry is not None:
                    found.append((start, end, entry))
        # longest first; at equal length the user's entry wins
        found.sort(key=lambda m: (m[0] - m[1], not m[2].user, m[0]))
        at: dict[int, tuple[int, int, Entry]] = {}
        for start, end, entry in found:
            if any(i in at for i in range(start, end)) or _stance(doc, start):
                continue
            for i in range(start, end):
                at[i] = (start, end, entry)
        return at

    def _lower_matches(
        self, doc: Doc
    ) -> tuple[dict[int, tuple[int, str]], list[tuple[int, int, str]]]:
        """Titles by end token (end -> (start, role)) and institutions (start, end, branch), longest first."""
        titles: dict[int, tuple[int, str]] = {}
        institutions = []
        for match_id, start, end in self.lower(doc):
            label = self.nlp.vocab.strings[match_id]
            phrase = doc[start:end].text.lower()
            if label == "TITLE":
                if end not in titles or titles[end][0] > start:
                    titles[end] = (start, self.gaz.titles.get(phrase, ""))
            elif doc[end - 1].pos_ in NOUN_POS:
                institutions.append((start, end, self.gaz.institutions[phrase]))
        institutions.sort(key=lambda m: (m[0] - m[1], m[0]))
        return titles, institutions

    def _designator(self, doc: Doc, names: dict, i: int) -> tuple[int, Entry] | None:
        """A country-like name ending at token i, possibly followed by "'s" ("Russia's",
        "Chinese", "the Kremlin", "NATO", "Biden"); returns (its start, its entry)."""
        if i >= 0 and doc[i].text in POSSESSIVE:
            i -= 1
        if i < 0 or i not in names:
            return None
        start, end, entry = names[i]
        if end != i + 1 or entry.kind in ("media",):
            return None
        return start, entry

    def _is_determiner(self, token: Token) -> bool:
        """A determiner from anonymous.tsv ("the", "a", "another", "these" …)."""
        if token.pos_ == "SCONJ":  # "said that Chinese forces …"
            return False
        return self.gaz.anonymous.get(token.lower_, ("",))[0] in ("new", "definite")

    def _with_determiner(self, doc: Doc, start: int) -> int:
        """``start`` moved left over a determiner in front of it."""
        if start > 0 and self._is_determiner(doc[start - 1]):
            return start - 1
        return start

    # -- candidates -------------------------------------------------------------------------

    def _person_candidates(self, doc: Doc, names: dict) -> list[Candidate]:
        """Known persons from the table, then PERSON entities not covered by one."""
        cands = []
        seen = set()
        for start, end, entry in _table_mentions(names):
            if entry.kind == "person":
                person = (entry.id, entry.name, entry.country)
                cands.append(Candidate(start, end, PRIORITY_TABLE, "person", *person))
                seen.update(range(start, end))
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start, ent.end
            while end > start and doc[end - 1].text in POSSESSIVE:
                end -= 1
            while start < end and doc[start].lower_ in self.gaz.titles:
                start += 1  # "President Xi" -> the title is read separately
            if start >= end or any(i in seen for i in range(start, end)):
                continue
            if start in names and names[start][:2] == (start, end):
                continue  # "Kyiv" tagged PERSON: the table knows better (but "Mark Cuban" is a person)
            if self._named_town(doc[start:end]) or self._town_read_as_person(doc[start:end]):
                continue  # "seized the town of Goma": a place of the tables, not a person
            name, country = doc[start:end].text, self._appositive_country(doc, names, ent.root)
            cands.append(Candidate(start, end, PRIORITY_NER, "person", None, name, country))
            seen.update(range(start, end))
        return cands + self._short_name_candidates(doc, cands, seen)

    def _appositive_country(self, doc: Doc, names: dict, root: Token) -> str | None:
        """The country an apposition gives a person: "Salaheddine Sidhoum, **Algeria's** leading
        human rights activist", "a member of the **Syrian** parliament, Mohammed Mamoun"."""
        if not root.dep_:
            return None  # an unparsed sentence (selective parser): no apposition to read
        related = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            related.append(root.head)
        for phrase in related:
            for tok in phrase.subtree:
                if tok.i in names and names[tok.i][2].kind in STATE_KINDS and tok.i != root.i:
                    if abs(tok.i - root.i) <= 10:
                        return names[tok.i][2].iso3
        return None

    def _short_name_candidates(
        self, doc: Doc, persons: list[Candidate], seen: set[int]
    ) -> list[Candidate]:
        """A lone first or last part of a fuller name in the article ("Petrauskas" after "Tomas
        Petrauskas"), whatever the NER made of it."""
        parts: dict[str, Candidate] = {}
        for cand in persons:
            if cand.end - cand.start > 1:
                parts.setdefault(doc[cand.end - 1].text, cand)
                parts.setdefault(doc[cand.start].text, cand)
        cands = []
        for token in _proper_nouns(doc) if parts else ():
            full = parts.get(token.text)
            if full is None or token.i in seen:
                continue
            cands.append(
                Candidate(
                    token.i,
                    token.i + 1,
                    PRIORITY_TABLE,
                    "person",
                    full.actor_id,
                    full.name,
                    full.country,
                )
            )
        return cands

    def _titled_candidates(
        self, doc: Doc, names: dict, titles: dict, persons: list[Candidate]
    ) -> list[Candidate]:
        """Persons with a title before ("US national security adviser Jake Sullivan", "The US
        national security adviser, Jake Sullivan,") or an apposition after ("Dmitry Peskov, the
        Kremlin spokesman"), and unnamed titled persons with a country ("Lithuania's defence minister")."""
        cands = []
        used_titles = set()
        for person in persons:
            start, end, role, country = person.start, person.end, None, None
            before = start - 1 if start > 0 and doc[start - 1].text == "," else start
            if before in titles:
                tstart, role = titles[before]
                used_titles.add(before)
                start, country = self._title_prefix(doc, names, tstart, person.end)
                if any(
                    titles.get(i + 1, (None, ""))[1] == gazetteer.FORMER
                    for i in range(start, tstart)
                ):
                    role = f"{gazetteer.FORMER} {role}"  # "Former President Bill Clinton"
            elif self._nationality(doc, names, start, end):
                # "Israeli right-winger Ariel Sharon", "American billionaire Mark Cuban"
                (start, country), role = self._nationality(doc, names, start, end), ""
            elif end < len(doc) - 1 and doc[end].text == ",":
                end, role, country = self._apposition(doc, names, titles, end + 1, used_titles)
                if role is None:
                    continue
            after_of = self._country_after_of(doc, names, end)
            if after_of:  # "King Hassan of Morocco"
                country, end = after_of
            elif role is None or (not role and start == person.start):
                continue  # no title, or an honorific only ("Mr Kasčiūnas"): the name serves
            who = (person.actor_id, person.name, country or person.country, role or None)
            cands.append(Candidate(start, end, PRIORITY_TITLED, "person", *who))
        anon = self.gaz.anonymous
        for tend, (tstart, role) in titles.items():
            if (
                tend in used_titles
                or role in ("", gazetteer.FORMER)
                or doc[tend - 1].pos_ not in NOUN_POS
            ):
                continue
            start, country = self._title_prefix(doc, names, tstart, tend)
            head = doc[tend - 1]
            source_noun = head.lower_ in anon or head.lemma_.lower() in anon
            after_of = self._country_after_of(doc, names, tend)
            if country is None and after_of:  # "the president of Armenia"
                country, tend = after_of
            if not gazetteer.ISO3.match(country or ""):
                if country is None and not source_noun and doc[start].lower_ == "the":
                    if start == tstart - 1 and head.tag_ not in ("NNS", "NNPS"):
                        # "the president said": the last person of that office named before
                        cands.append(
                            Candidate(start, tend, PRIORITY_TITLED, "role-anaphor", role=role)
                        )
                continue
            if source_noun:
                # "a Kremlin spokesman" is an unnamed source; "Iraq's national security adviser" an office
                if tend - tstart == 1 or anon.get(doc[start].lower_, ("",))[0] == "new":
                    continue
            start = self._with_determiner(doc, start)
            known = self.gaz.office_holder(country, role, _year(doc))
            actor_id = known.id if known else f"person:{country.lower()}-{gazetteer.slug(role)}"
            name = known.name if known else doc[start:tend].text
            cands.append(
                Candidate(start, tend, PRIORITY_TITLED, "person", actor_id, name, country, role)
            )
        return cands

    def _apposition(
        self, doc: Doc, names: dict, titles: dict, j: int, used_titles: set[int]
    ) -> tuple[int, str | None, str | None]:
        """A title phrase starting at token j after "Name,": "the Kremlin spokesman", "Lithuania's
        defence minister", "the Kremlin's chief spokesman"; returns (end, role, country)."""
        if self._is_determiner(doc[j]):
            j += 1
        k = j
        while k < len(doc) and k in names and names[k][2].kind != "person":
            k = names[k][1]
            if k < len(doc) and doc[k].text in POSSESSIVE:
                k += 1
        end = None
        m = k
        while m < min(len(doc), k + 6) and doc[m].pos_ in ("ADJ", "NOUN", "PROPN", "ADP", "DET"):
            m += 1
            if m in titles and titles[m][0] >= k:
                end = m
        if end is None:
            return j, None, None
        used_titles.add(end)
        designator = self._designator(doc, names, k - 1) if k > j else None
        return end, titles[end][1], designator[1].iso3 if designator else None

    def _nationality(self, doc: Doc, names: dict, start: int, end: int) -> tuple[int, str] | None:
        """A country or demonym among the words attached in front of a name, without a title."""
        first, _ = self._title_prefix(doc, names, start, end)
        for i in range(first, start):
            if i in names and names[i][2].kind == "country":
                return first, names[i][2].id
        return None

    def _title_prefix(
        self, doc: Doc, names: dict, tstart: int, name_end: int
    ) -> tuple[int, str | None]:
        """Where a title phrase starts and the country it names: its modifiers attach inside the
        phrase ("The US national security adviser", "Chinese Foreign Ministry spokesman",
        "Putin's spokesman")."""
        start = tstart
        while start > 0 and (not doc[start - 1].is_punct or doc[start - 1].text in HYPHENS):
            left = doc[start - 1]
            in_name = left.i in names and names[left.i][1] >= start
            if not (in_name or left.text in POSSESSIVE or start <= left.head.i < name_end):
                break
            start -= 1
        country = next(
            (names[i][2].iso3 for i in range(start, tstart) if i in names and names[i][2].iso3),
            None,
        )
        return start, country

    def _institution_candidates(self, doc: Doc, names: dict, institutions: list) -> list[Candidate]:
        """Governments, armed forces and groups named with a country: "the Chinese government",
        "Russia's armed forces", "the Biden administration", "the government of China", "Fijian
        rebels"; a bare "the administration" or "the <unknown person> administration" resolves to
        the administration country."""
        cands = []
        for start, end, branch in institutions:
            i = start - 1
            while i >= 0 and i not in names and doc[i].pos_ == "ADJ":
                i -= 1  # "the Chinese central government"
            designator = self._designator(doc, names, i)
            phrase = doc[start:end].text.lower()
            iso3, cstart, cend = None, start, end
            if (
                designator is not None
                and designator[1].kind in DESIGNATOR_KINDS
                and gazetteer.ISO3.match(designator[1].iso3 or "")
            ):
                iso3, cstart = designator[1].iso3, designator[0]
            elif self._country_after_of(doc, names, end):
                iso3, cend = self._country_after_of(doc, names, end)
            elif branch in ("GOV", "MIL", "GROUP") and self._country_after_in(doc, names, end):
                # "police in Baghdad", "demonstrators in the West Bank": the country they are in
                iso3 = self._country_after_in(doc, names, end)
            elif phrase == "administration" and i >= 0 and doc[i].ent_type_ == "PERSON":
                while doc[i].ent_iob_ == "I":
                    i -= 1  # "the Bush administration": its country is not in the tables
                cands.append(
                    Candidate(self._with_determiner(doc, i), end, PRIORITY_INSTITUTION, "admin")
                )
                continue
            elif (
                start > 0
                and doc[start - 1].lower_ == "the"
                and doc[start].dep_ not in ("compound", "amod")
            ):
                if phrase == "administration":
                    cands.append(Candidate(start - 1, end, PRIORITY_INSTITUTION, "admin"))
                elif (
                    branch == "SELF"
                ):  # "The country is in danger of default": the last country named
                    cands.append(Candidate(start - 1, end, PRIORITY_INSTITUTION, "country-anaphor"))
                continue
            if iso3 is None:
                continue
            if branch == "SELF":
                actor_id, name = iso3, None
            elif branch == "GROUP":
                actor_id, name = (
                    f"group:{iso3.lower()}-{gazetteer.slug(phrase)}",
                    doc[cstart:cend].text,
                )
            else:
                actor_id, name = f"{iso3}.{branch}", None
            cstart = self._with_determiner(doc, cstart)
            cands.append(
                Candidate(cstart, cend, PRIORITY_INSTITUTION, "fixed", actor_id, name, iso3, phrase)
            )
        return cands

    def _country_after_of(self, doc: Doc, names: dict, end: int) -> tuple[str, int] | None:
        """The country in "<...> of China" right after token ``end`` - 1, with its end."""
        if end + 1 < len(doc) and doc[end].lower_ == "of" and end + 1 in names:
            nstart, nend, entry = names[end + 1]
            if nstart == end + 1 and entry.kind == "country":
                return entry.id, nend
        return None

    def _country_after_in(
        self, doc: Doc, names: dict, end: int, preps: tuple[str, ...] = ("in",)
    ) -> str | None:
        """The country of the place in "<...> in Baghdad" / "in the West Bank city of Hebron" right
        after token ``end`` - 1 (a country, a seat that is a place, or a city of cities.tsv)."""
        if end + 1 >= len(doc) or doc[end].lower_ not in preps:
            return None
        place = doc[end + 1]
        while place.pos_ in ("DET", "ADJ") and place.i + 1 < min(len(doc), end + 4):
            place = doc[place.i + 1]  # "in the West Bank", "of southern Serbia"
        # the preposition's object first when parsed: "of the Israeli-occupied West Bank" is the
        # West Bank, not Israel
        pobj = [c for c in doc[end].children if c.dep_ == "pobj"] if doc[end].dep_ else []
        for token in [*pobj, place]:
            country = self._place_country_at(doc, names, token)
            if country is not None:
                return country
        return None

    def _place_country_at(self, doc: Doc, names: dict, place: Token) -> str | None:
        """The country of the place named at a token: a country, a seat that is a place, a city."""
        if place.i in names:
            entry = names[place.i][2]
            return entry.iso3 if entry.kind == "country" or entry.place else None
        ent = next((e for e in doc.ents if e.start <= place.i < e.end), None)
        if ent is None or ent.label_ not in ("GPE", "LOC"):
            return None
        return self.gaz.place_country(ent.text)

    def _table_candidates(self, doc: Doc, names: dict) -> list[Candidate]:
        """Countries, demonyms, IGOs, media, user entries and seat metonyms (unless a place)."""
        cands = []
        for start, end, entry in _table_mentions(names):
            if entry.kind == "person":
                continue
            if entry.place and self._is_place(doc[start:end]):
                # a location: holds its tokens so no NER guess ("Copenhagen" as ORG) takes them
                cands.append(Candidate(start, end, PRIORITY_TABLE, "place"))
                continue
            cands.append(Candidate(start, end, PRIORITY_TABLE, "fixed", entry.id))
        return cands

    def _is_place(self, span: Span) -> bool:
        """A seat name used as a location: "a meeting in Rome", "due in Paris", "the Rome
        meeting", "travel to Moscow" — but not "pessimism in Washington" or "Beijing said"."""
        root = span.root
        cues = self.gaz.place_cues
        if not root.dep_:
            # a sentence the selective parser left unparsed: the word before says it ("in Paris")
            before = span.doc[span.start - 1] if span.start > 0 else None
            return before is not None and cues.get(before.lower_) == "locative"
        if root.dep_ in ("compound", "nmod", "amod") and root.head.i >= span.end:
            return True
        if root.dep_ == "appos" and root.head.dep_ == "pobj":
            root = root.head  # "in the capital Kabul", "in the Lebanese capital, Beirut"
        if root.dep_ == "pobj":
            prep = root.head
            head = prep.head
            cue = cues.get(prep.lower_)
            if cues.get(head.lower_) == "attitude" or cues.get(head.lemma_.lower()) == "attitude":
                return False
            if cue == "locative":
                return True
            if cue == "directional":
                return cues.get(head.lemma_.lower()) == "motion"
        if root.dep_ == "dobj" and cues.get(root.head.lemma_.lower()) == "motion":
            return True
        return False

    def _town_read_as_person(self, span: Span) -> bool:
        """One word the tables know as a city that the NER read as a person, where it does not
        speak or act as one: "Russian forces shelled Kherson" (but "Medina said" may be a person)."""
        return (
            len(span) == 1
            and span.root.dep_ not in SPEAKER_DEPS
            and self.gaz.place_country(span.text) is not None
        )

    def _named_town(self, span: Span) -> bool:
        """A place of the tables used as a place: after a locative preposition ("in Goma") or
        named by a place noun ("the town of Goma")."""
        if not self.gaz.place_country(span.text):
            return False
        root = span.root
        named = (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lemma_.lower() in PLACE_NOUNS
        )
        return named or self._is_place(span)

    def _ner_candidates(self, doc: Doc, names: dict) -> list[Candidate]:
        """ORG entities outside the tables -> org:<slug>, with the country a name inside gives
        ("Nigerian Union of Teachers" -> NGA); NORP nouns -> group:<slug>."""
        cands = []
        for ent in doc.ents:
            if ent.label_ == "ORG" and self.unknown_orgs:
                start = ent.start + 1 if doc[ent.start].lower_ == "the" else ent.start
                end = ent.end - 1 if doc[ent.end - 1].text in POSSESSIVE else ent.end
                # NER sometimes labels a run of blank lines: no name, no actor
                if start < end and gazetteer.slug(doc[start:end].text):
                    inside = (names[i][2].iso3 for i in range(start, end) if i in names)
                    country = next((c for c in inside if gazetteer.ISO3.match(c or "")), None)
                    org = (
                        f"org:{gazetteer.slug(doc[start:end].text)}",
                        doc[start:end].text,
                        country,
                    )
                    cands.append(Candidate(ent.start, end, PRIORITY_NER, "fixed", *org))
            elif (
                ent.label_ == "NORP"
                and self.groups
                and ent.root.pos_ in NOUN_POS
                and ent.root.tag_ in ("NNPS", "NNS")
                and gazetteer.slug(ent.text)
            ):
                # "Iraqi Kurds": a country named in front gives the group's country
                inside = (names[i][2] for i in range(ent.start - 1, ent.end - 1) if i in names)
                country = next((e.iso3 for e in inside if e.kind == "country"), None)
                group = (f"group:{gazetteer.slug(ent.text)}", ent.text, country)
                cands.append(Candidate(ent.start, ent.end, PRIORITY_NER, "fixed", *group))
        return cands + (self._minority_candidates(doc, names) if self.groups else [])

    def _minority_candidates(self, doc: Doc, names: dict) -> list[Candidate]:
        """A people named by two demonyms ("Bosnian Serbs", "Croatian Serbs") is a group of the
        country named first, whatever the NER made of it."""
        cands = []
        for i in range(len(doc) - 1):
            first, second = names.get(i), names.get(i + 1)
            if (
                first is None
                or second is None
                or first[:2] != (i, i + 1)
                or second[:2] != (i + 1, i + 2)
                or first[2].kind != "country"
                or second[2].kind != "country"
                or first[2].id == second[2].id
                or doc[i + 1].tag_ not in ("NNPS", "NNS")
            ):
                continue
            text = doc[i : i + 2].text
            group = (f"group:{gazetteer.slug(text)}", text, first[2].id)
            cands.append(Candidate(i, i + 2, PRIORITY_TABLE, "fixed", *group))
        for i, (start, end, entry) in names.items():
            # "ethnic Albanians in south Serbia", "the Albanians of southern Serbia": a minority is
            # coded by the country it lives in (CAMEO); the demonym alone stays the country
            if i != start or entry.kind != "country" or doc[end - 1].tag_ not in ("NNPS", "NNS"):
                continue
            home = self._country_after_in(doc, names, end, ("in", "of"))
            if home is None or home == entry.id:
                continue
            text = doc[start:end].text
            group = (f"group:{home.lower()}-{gazetteer.slug(text)}", text, home)
            cands.append(Candidate(start, end, PRIORITY_TABLE + 1, "fixed", *group))
        return cands

    # -- resolution -------------------------------------------------------------------------

    def _resolve(self, doc: Doc, chosen: list[Candidate]) -> list[ActorRecord]:
        """Give every chosen candidate its actor id, in text order, and gather the actors."""
        admin = self._administration_country(chosen)
        full_names = self._person_names(doc, chosen)
        actors: dict[str, ActorRecord] = {}
        sources: list[tuple[Candidate, str]] = []  # anonymous mentions so far, with their ids
        last_country = last_subject_country = None
        persons: list[ActorRecord] = []  # persons in order of their latest mention
        for cand in chosen:
            if cand.how == "admin":
                cand.actor_id = f"{admin}.GOV"
            elif cand.how == "role-anaphor":
                cand.actor_id = last_holder(persons, cand.role)  # None: no actor
            elif cand.how == "country-anaphor":
                # the last country that was a subject, else the last one named
                cand.actor_id = last_subject_country or last_country
            elif cand.how == "anon-admin":
                cand.country = admin
                cand.how = "anon"
            if cand.how == "anon":
                resolve_anonymous(doc, cand, sources, persons)
            elif cand.how == "person" and cand.actor_id is None:
                cand.actor_id = full_names.get(cand.name) or f"person:{gazetteer.slug(cand.name)}"
            elif cand.how == "person" and cand.end - cand.start == 1:
                # a table alias ("Bush") means the article's own full name when it gives one
                cand.actor_id = full_names.get(doc[cand.start].text, cand.actor_id)
            if cand.actor_id is None:
                continue
            actor = actors.get(cand.actor_id)
            if actor is None:
                actor = actors[cand.actor_id] = self._new_actor(doc, cand)
            elif cand.how == "person":
                actor.role = cand.role or actor.role
                actor.country = actor.country or cand.country
            actor.mentions.append(
                (doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1]))
            )
            if actor.kind == "person":
                persons = [p for p in persons if p is not actor] + [actor]
            if actor.kind == "country" and cand.how != "country-anaphor":
                last_country = actor.id
                if doc[cand.start : cand.end].root.dep_ in ("nsubj", "nsubjpass"):
                    last_subject_country = actor.id
        return sorted(actors.values(), key=lambda a: min(a.mentions))

    def _administration_country(self, chosen: list[Candidate]) -> str:
        """The country of the article's first "<country or person> administration" ("the Biden
        administration" -> USA); else the configured default (docs/actors.md)."""
        for cand in chosen:
            if cand.how == "fixed" and cand.role == "administration" and cand.country:
                return cand.country
        return self.administration_country

    def _person_names(self, doc: Doc, chosen: list[Candidate]) -> dict[str, str]:
        """Short names ("Sullivan", "Xi") -> the id of a full name written out in the article."""
        ids: dict[str, str] = {}
        full = [
            (c.name, c.actor_id or f"person:{gazetteer.slug(c.name)}")
            for c in chosen
            if c.how == "person"
            and c.name
            and " " in c.name
            and c.name in doc[c.start : c.end].text
        ]
        for name, actor_id in full:
            ids.setdefault(name, actor_id)
            parts = name.split()
            for part in [parts[-1], parts[0]]:  # surname first; Chinese family names come first
                ids.setdefault(part, actor_id)
        return ids

    def _new_actor(self, doc: Doc, cand: Candidate) -> ActorRecord:
        text = doc[cand.start : cand.end].text
        if cand.how == "anon":
            return ActorRecord(
                cand.actor_id, cand.name or text, "anonymous", cand.country, cand.role
            )
        entry = self.gaz.actor(cand.actor_id)
        if cand.how == "person":
            known = cand.actor_id in self.gaz.by_id
            role = cand.role or (self.gaz.dated_role(entry, _year(doc)) if known else None)
            country = cand.country or entry.country
            return ActorRecord(
                cand.actor_id, entry.name if known else (cand.name or text), "person", country, role
            )
        if cand.actor_id not in self.gaz.by_id and cand.name:
            return ActorRecord(cand.actor_id, cand.name, entry.kind, cand.country, None)
        country = entry.id if entry.kind == "country" else entry.iso3
        return ActorRecord(entry.id, entry.name, entry.kind, country, entry.role)


def _home_officials(
    actors: Iterable[ActorRecord],
    known: dict[str, Entry],
    bodies: frozenset[str],
    igo_officials: set[str],
) -> None:
    """A titled person of unknown nationality ("President Levy Mwanawasa") in an article that names
    one country only (as itself, its government, its military, a person's or a group's) holds that country's
    office, and an unknown organisation named by an institution noun ("the Islamic Salvation
    Front", "the Homeland Union") is that country's. Table entries keep the table's word (an IGO
    leader has no country). "Congress is asking Obama to help Iran" names two countries.
    """
    actors = list(actors)
    states = {a.country for a in actors if a.kind in HOME_KINDS and a.country}
    if len(states) != 1:
        return
    for actor in actors:
        if (
            actor.kind == "person"
            and actor.role
            and actor.country is None
            and actor.id not in known
            and actor.id not in igo_officials  # "U.N. envoy Diego Cordovez"
            and not any(a.kind == "igo" for a in actors)  # "U.N. Secretary-General Kofi Annan"
        ):
            actor.country = next(iter(states))
        if (
            actor.kind == "organization"
            and actor.country is None
            and actor.id not in known
            and actor.name.split()[-1].lower() in bodies
        ):
            actor.country = next(iter(states))  # "the Islamic Salvation Front", "Umma party"


def _stance(doc: Doc, start: int) -> bool:
    """A name right after "anti-" or "pro-": a stance ("anti-Syria"), not a mention."""
    return (
        start >= 2 and doc[start - 1].text in HYPHENS and doc[start - 2].lower_ in STANCE_PREFIXES
    )


def _deletions(word: str) -> set[str]:
    """``word`` and every string one letter shorter (the keys of a one-slip index)."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _one_slip(word: str, name: str) -> bool:
    """``word`` is ``name`` with one letter left out, added, changed or two letters swapped."""
    if word == name or abs(len(word) - len(name)) > 1:
        return False
    i = 0
    while i < min(len(word), len(name)) and word[i] == name[i]:
        i += 1
    if len(word) == len(name):
        swapped = word[i + 1 : i + 2] + word[i : i + 1] == name[i : i + 2]
        return word[i + 1 :] == name[i + 1 :] or (swapped and word[i + 2 :] == name[i + 2 :])
    longer, shorter = (word, name) if len(word) > len(name) else (name, word)
    return longer[i + 1 :] == shorter[i:]


def _year(doc: Doc) -> int | None:
    published = doc._.published
    return int(published[:4]) if published and published[:4].isdigit() else None


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest candidates first (then priority), without overlaps, in text order."""
    taken: set[int] = set()
    chosen = []
    for cand in sorted(cands, key=lambda c: (-c.length, -c.priority, c.start)):
        span = range(cand.start, cand.end)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _token_map(doc: Doc) -> list[str | None]:
    ids: list[str | None] = [None] * len(doc)
    for span in doc.spans.get(SPANS_KEY, []):
        for i in range(span.start, span.end):
            ids[i] = span.label_
    return ids


def actor_at(doc: Doc, token: Token) -> str | None:
    """The actor id of the mention covering ``token``, None if none."""
    ids = doc.user_data.get(_TOKEN_MAP)
    if ids is None or len(ids) != len(doc):
        ids = doc.user_data[_TOKEN_MAP] = _token_map(doc)
    return ids[token.i]


def speaks_for(doc: Doc, actor_id: str | None) -> str | None:
    """The international organisation a person of no country speaks for in ``doc`` ("U.N.
    Secretary-General Kofi Annan" -> UN), None if none."""
    return doc.user_data.get(_BODIES, {}).get(actor_id)


def actor_for_span(doc: Doc, span: Span) -> str | None:
    """The actor of a span: its root's mention, else the first token's in it that has one."""
    root = actor_at(doc, span.root)
    if root is not None:
        return root
    return next((aid for token in span if (aid := actor_at(doc, token)) is not None), None)


def _proper_nouns(doc: Doc) -> Iterator[Token]:
    """The tokens tagged PROPN, picked from the POS column: two rules look only at these, and
    a Python test on every token of a long page cost more than the rules themselves."""
    return (doc[i] for i in numpy.flatnonzero(doc.to_array(POS) == PROPN).tolist())


def _table_mentions(names: dict[int, tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """Each table mention once, in text order. (A set of them would do, but its order follows
    hashes, and ``hash(None)`` changes from process to process before Python 3.12: a tie between
    candidates then went one way or the other from run to run.)"""
    return sorted(set(names.values()), key=lambda mention: mention[:2])
