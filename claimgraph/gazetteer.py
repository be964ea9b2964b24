"""The actor gazetteer: built-in tables plus a user's actor dictionary, as one lookup.

The built-in tables are ``claimgraph/data/en/{countries,metonyms,igos,media,persons,institutions,
organizations,titles,anonymous,place_cues,cities}.tsv`` (see docs/actors.md). Country names also come from pycountry,
by exact name only (its fuzzy search maps "U.S." to the Virgin Islands). A user dictionary (CSV or
YAML, ``name,id,kind,country,role``) overrides built-in names and ids.

``build(user_entries)`` returns a ``Gazetteer``; ``read_user_actors(path)`` reads and validates a
user dictionary into plain dicts that ``build`` and the component's ``to_disk`` take.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pycountry
import yaml

from . import lexicons
from .errors import Errors, LexiconError
from .model import ActorKind

logger = logging.getLogger(__name__)

KINDS: tuple[str, ...] = ActorKind.__args__
# An ISO 3166 alpha-3 code, e.g. "CHN".
ISO3 = re.compile(r"^[A-Z]{3}$")
# A country's government or armed forces, e.g. "CHN.GOV", "RUS.MIL".
BRANCH_ID = re.compile(r"^([A-Z]{3})\.(GOV|MIL)$")
# Runs of characters that are not letters or digits, replaced by "-" in slugs.
SLUG_SEPARATORS = re.compile(r"[^a-z0-9]+")
# Prefixes of actor ids and the kind they imply ("person:xi-jinping" is a person).
ID_PREFIX_KINDS = {
    "person": "person",
    "media": "media",
    "org": "organization",
    "group": "group",
    "anon": "anonymous",
}
BRANCH_KINDS = {"GOV": "government", "MIL": "military"}
BRANCH_NAMES = {"GOV": "government", "MIL": "military"}
# the role titles.tsv gives a modifier ("Former President X"), and the prefix of a past role
FORMER = "former"
USER_COLUMNS = ("name", "id", "kind", "country", "role")
# User names up to this length match with exact case ("US", "AP", "NATO"); longer ones in any case, so
# dictionaries written in capitals (PETRARCH's "HAMAS", "PRESIDENT GEORGE W. BUSH") match running text.
USER_EXACT_MAX = 4


@dataclass(frozen=True)
class Entry:
    """One actor as the tables know it; ``place`` marks a seat metonym that is also a place name."""

    id: str
    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    place: bool = False
    until: int | None = None
    since: int | None = None
    user: bool = False

    @property
    def iso3(self) -> str | None:
        """The country this entry designates: itself, its government's, or its own country."""
        match = BRANCH_ID.match(self.id)
        if match:
            return match.group(1)
        if self.kind == "country":
            return self.id
        return self.country


@dataclass
class Gazetteer:
    """Every lookup the actors component needs, built once per pipeline."""

    phrases: dict[str, Entry] = field(default_factory=dict)  # exact surface form -> entry
    by_id: dict[str, Entry] = field(default_factory=dict)  # actor id -> canonical entry
    persons: list[Entry] = field(default_factory=list)  # table persons, for "Russia's president"
    # lower phrase -> GOV | MIL | GROUP | SELF (BODY rows are read into ``bodies`` only)
    institutions: dict[str, str] = field(default_factory=dict)
    # last words of institution and BODY phrases: an unknown organisation so named is a national body
    bodies: frozenset[str] = frozenset()
    titles: dict[str, str] = field(default_factory=dict)  # lower phrase -> role ("" for honorifics)
    anonymous: dict[str, tuple[str, str]] = field(default_factory=dict)  # word -> (type, role)
    # reporting verb lemmas (cues.tsv, the quotes component's lexicon)
    speech_verbs: frozenset[str] = frozenset()
    # word -> locative | directional | motion | attitude
    place_cues: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # lower city or region -> ISO alpha-3
    adjectives: dict[str, str] = field(default_factory=dict)  # ISO alpha-3 -> "Russian", "US"
    user_lower: dict[str, Entry] = field(default_factory=dict)  # user names matched in any case
    user: list[dict] = field(default_factory=list)

    def actor(self, actor_id: str) -> Entry:
        """The entry for an id, deriving ``XXX.GOV``/``XXX.MIL`` and unknown ids when needed."""
        entry = self.by_id.get(actor_id)
        if entry is not None:
            return entry
        match = BRANCH_ID.match(actor_id)
        if match:
            iso3, branch = match.groups()
            country = self.by_id.get(iso3)
            # "Russian government", "US military"; "Tuvalu government" with no adjective known
            adjective = self.adjectives.get(iso3) or (country.name if country else iso3)
            return Entry(
                actor_id, f"{adjective} {BRANCH_NAMES[branch]}", BRANCH_KINDS[branch], iso3
            )
        return Entry(actor_id, actor_id, infer_kind(actor_id, self.by_id))

    def office_holder(self, iso3: str, role: str, year: int | None) -> Entry | None:
        """The one table person holding ``role`` for ``iso3`` for the whole of ``year`` (a
        changeover year is ambiguous), or the current holder when ``year`` is None."""
        holders = [
            p
            for p in self.persons
            if p.country == iso3
            and p.role == role
            and (p.until is None if year is None else _in_office(p, year))
        ]
        return self.by_id[holders[0].id] if len(holders) == 1 else None

    @staticmethod
    def dated_role(entry: Entry, year: int | None) -> str | None:
        """The table role, as "former <role>" when ``year`` is after the person left office."""
        if entry.role and entry.until is not None and year is not None and year > entry.until:
            return f"{FORMER} {entry.role}"
        return entry.role

    def place_country(self, place: str) -> str | None:
        """The country a place name lies in: a city or region (cities.tsv), a seat metonym that is
        also a place ("Amman" -> JOR), or a country's own name ("the West Bank" -> PSE)."""
        bare = place[4:] if place.lower().startswith("the ") else place
        for name in dict.fromkeys([place, bare]):
            if name.lower() in self.places:
                return self.places[name.lower()]
            entry = self.phrases.get(name)
            if entry is not None and (entry.kind == "country" or entry.place):
                return entry.iso3
        return None


def _in_office(person: Entry, year: int) -> bool:
    return (person.since is None or person.since < year) and (
        person.until is None or year < person.until
    )


def slug(text: str) -> str:
    """ASCII slug: "Laurynas Kasčiūnas" -> "laurynas-kasciunas"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return SLUG_SEPARATORS.sub("-", ascii_text.lower()).strip("-")


def infer_kind(actor_id: str, known: dict[str, Entry] | None = None) -> str:
    """The kind an id implies when a user entry gives none."""
    if known and actor_id in known:
        return known[actor_id].kind
    prefix = actor_id.split(":", 1)[0] if ":" in actor_id else ""
    if prefix in ID_PREFIX_KINDS:
        return ID_PREFIX_KINDS[prefix]
    match = BRANCH_ID.match(actor_id)
    if match:
        return BRANCH_KINDS[match.group(2)]
    if ISO3.match(actor_id) and pycountry.countries.get(alpha_3=actor_id) is not None:
        return "country"
    return "organization"


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _the_variants(phrase: str) -> list[str]:
    """A name and, when it starts with "the", its sentence-initial "The" form."""
    if phrase.startswith("the "):
        return [phrase, "The" + phrase[3:]]
    return [phrase]


def _add(phrases: dict[str, Entry], phrase: str, entry: Entry) -> None:
    for variant in _the_variants(phrase):
        phrases.setdefault(variant, entry)


def _year(cell: str) -> int | None:
    return int(cell) if cell.strip().isdigit() else None


def _countries(gaz: Gazetteer) -> None:
    rows = lexicons.load("countries", required=("iso3", "name"))
    for row in rows:
        entry = Entry(row["iso3"], row["name"], "country")
        gaz.by_id[entry.id] = entry
        for phrase in [row["name"], *_split(row["aliases"])]:
            _add(gaz.phrases, phrase, entry)
        for demonym in _split(row["demonyms"]):
            _add(gaz.phrases, demonym, entry)
        adjective = row.get("adjective") or next(iter(_split(row["demonyms"])), "")
        if adjective:
            gaz.adjectives[entry.id] = adjective
    for country in pycountry.countries:
        entry = gaz.by_id.setdefault(
            country.alpha_3,
            Entry(country.alpha_3, getattr(country, "common_name", country.name), "country"),
        )
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name and "(" not in name:
                _add(gaz.phrases, name, entry)


def _builtin(gaz: Gazetteer) -> None:
    _countries(gaz)
    for row in lexicons.load("igos", required=("id", "name")):
        entry = Entry(row["id"], row["name"], "igo")
        gaz.by_id[entry.id] = entry
        for phrase in [row["name"], *_split(row["aliases"])]:
            _add(gaz.phrases, phrase, entry)
    for row in lexicons.load("metonyms", required=("phrase", "id", "place")):
        base = gaz.actor(row["id"])
        _add(gaz.phrases, row["phrase"], replace(base, place=row["place"] == "yes"))
    for row in lexicons.load("media", required=("id", "name")):
        entry = Entry(row["id"], row["name"], "media", row["country"] or None)
        gaz.by_id[entry.id] = entry
        for phrase in [row["name"], *_split(row["aliases"])]:
            _add(gaz.phrases, phrase, entry)
    for row in lexicons.load("organizations", required=("id", "name", "kind")):
        entry = Entry(row["id"], row["name"], row["kind"], row["country"] or None)
        gaz.by_id[entry.id] = entry
        for phrase in [row["name"], *_split(row["aliases"])]:
            _add(gaz.phrases, phrase, entry)
    for row in lexicons.load("persons", required=("name", "country", "role")):
        known = gaz.by_id.get(row["country"])
        country = row["country"] if known is not None and known.kind == "country" else None
        entry = Entry(
            f"person:{slug(row['name'])}",
            row["name"],
            "person",
            country,
            row["role"],
            since=_year(row["from"]),
            until=_year(row["until"]),
        )
        # an IGO leader "belongs" to no country but is designated by the IGO ("NATO secretary general")
        gaz.persons.append(replace(entry, country=row["country"]))
        gaz.by_id[entry.id] = entry
        for phrase in [row["name"], *_split(row["aliases"])]:
            _add(gaz.phrases, phrase, entry)
    rows = lexicons.load("institutions", required=("phrase", "branch"))
    gaz.institutions = {
        row["phrase"].lower(): row["branch"] for row in rows if row["branch"] != "BODY"
    }
    gaz.bodies = frozenset(row["phrase"].lower().split()[-1] for row in rows)
    gaz.titles = {
        row["title"].lower(): row["role"] for row in lexicons.load("titles", required=("title",))
    }
    gaz.anonymous = {
        row["word"].lower(): (row["type"], row["role"])
        for row in lexicons.load("anonymous", required=("word", "type"))
    }
    gaz.speech_verbs = frozenset(
        row["cue"]
        for row in lexicons.load("cues", required=("cue", "type"))
        if row["type"] == "verb"
    )
    gaz.places = {
        row["place"].lower(): row["iso3"]
        for row in lexicons.load("cities", required=("place", "iso3"))
    }
    gaz.place_cues = {
        row["word"].lower(): row["type"]
        for row in lexicons.load("place_cues", required=("word", "type"))
    }


def _apply_user(gaz: Gazetteer, entries: Iterable[dict]) -> None:
    for raw in entries:
        known = gaz.by_id.get(raw["id"])
        entry = Entry(
            raw["id"],
            known.name if known else raw["names"][0],
            raw.get("kind") or infer_kind(raw["id"], gaz.by_id),
            raw.get("country") or (known.country if known else None),
            raw.get("role") or (known.role if known else None),
            user=True,
        )
        gaz.by_id[entry.id] = entry
        for phrase in raw["names"]:
            for variant in _the_variants(phrase):
                gaz.phrases[variant] = entry  # user names override built-in ones
            if len(phrase) > USER_EXACT_MAX:
                gaz.user_lower[phrase.lower()] = entry
        gaz.user.append(raw)


def build(user_entries: Iterable[dict] | None = None) -> Gazetteer:
    """The built-in tables, then the user's entries on top."""
    gaz = Gazetteer()
    _builtin(gaz)
    _apply_user(gaz, user_entries or ())
    logger.debug(
        "gazetteer: %d phrases, %d actors, %d user entries",
        len(gaz.phrases),
        len(gaz.by_id),
        len(gaz.user),
    )
    return gaz


def _normalise_user(raw: dict, path: str, where: str) -> dict:
    """One user entry as {"names": [...], "id", "kind", "country", "role"}; raises CG204/CG210/CG212."""
    names = raw.get("name") or ""
    names = (
        _split(names)
        if isinstance(names, str)
        else [str(n).strip() for n in names if str(n).strip()]
    )
    aliases = raw.get("aliases") or []
    names += (
        _split(aliases)
        if isinstance(aliases, str)
        else [str(a).strip() for a in aliases if str(a).strip()]
    )
    actor_id = str(raw.get("id") or "").strip()
    if not names or not actor_id:
        raise LexiconError(
            Errors.CG204.format(path=path, detail=f"{where} has no {'name' if not names else 'id'}")
        )
    kind = str(raw.get("kind") or "").strip() or None
    if kind is not None and kind not in KINDS:
        raise LexiconError(
            Errors.CG210.format(path=path, where=where, kind=kind, kinds=", ".join(KINDS))
        )
    country = str(raw.get("country") or "").strip().upper() or None
    if country is not None and not ISO3.match(country):
        raise LexiconError(Errors.CG212.format(path=path, where=where, country=country))
    role = str(raw.get("role") or "").strip() or None
    return {"names": names, "id": actor_id, "kind": kind, "country": country, "role": role}


def read_user_actors(path: str | Path) -> list[dict]:
    """A user's actor dictionary: CSV (``name,id,kind,country,role``, aliases ``|``-separated in
    ``name``) or YAML (a list of mappings with the same keys, ``aliases`` optional)."""
    path = Path(path)
    if not path.is_file():
        raise LexiconError(Errors.CG213.format(path=path))
    text = path.read_text("utf-8")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError as err:
            raise LexiconError(
                Errors.CG204.format(path=path, detail=f"not valid YAML ({err})")
            ) from err
        if isinstance(data, dict):
            data = data.get("actors", [])
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise LexiconError(
                Errors.CG204.format(
                    path=path, detail="expected a list of mappings (or 'actors:' holding one)"
                )
            )
        return [_normalise_user(item, str(path), f"entry {n}") for n, item in enumerate(data, 1)]
    if suffix in (".csv", ".tsv"):
        lines = [
            line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
        ]
        reader = csv.DictReader(lines, delimiter="\t" if suffix == ".tsv" else ",")
        missing = [col for col in ("name", "id") if col not in (reader.fieldnames or [])]
        if missing:
            raise LexiconError(
                Errors.CG204.format(
                    path=path, detail=f"missing columns {missing} (need {', '.join(USER_COLUMNS)})"
                )
            )
        return [_normalise_user(row, str(path), f"row {n}") for n, row in enumerate(reader, 2)]
    raise LexiconError(Errors.CG211.format(path=path, suffix=suffix or "(none)"))
