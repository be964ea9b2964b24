"""Records claimgraph_actors passes between its rule modules: a candidate mention (tokens and how to
resolve them) and a resolved actor, plus the person lookup both the anonymous-source and the
title rules use. Plain dataclasses, no spaCy state."""

from __future__ import annotations

from dataclasses import dataclass, field

# candidate priorities at equal length: table names beat NER guesses
PRIORITY_TITLED, PRIORITY_INSTITUTION, PRIORITY_ANON, PRIORITY_TABLE, PRIORITY_NER = 5, 4, 3, 2, 1
NOUN_POS = {"NOUN", "PROPN"}


@dataclass
class Candidate:
    """A possible mention: tokens [start, end) and how to resolve them."""

    start: int
    end: int
    priority: int
    how: (
        str  # fixed (actor_id known) | person | anon | anon-admin | admin | country-anaphor | place
    )
    actor_id: str | None = None
    name: str | None = None  # person's name as written (unknown persons)
    country: str | None = None
    role: str | None = None
    definite: bool = False
    plural: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class ActorRecord:
    """A resolved actor and its mentions, as it goes into ``doc._.actors``."""

    id: str
    name: str
    kind: str
    country: str | None
    role: str | None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "role": self.role,
            "mentions": [list(m) for m in sorted(set(self.mentions))],
        }


def last_holder(
    persons: list[ActorRecord], role: str | None, country: str | None = None
) -> str | None:
    """The id of the most recently mentioned person whose role is ``role`` ("foreign minister"
    also fits "minister"), with a compatible country."""
    for person in reversed(persons):
        if not role or not person.role or (country and person.country not in (None, country)):
            continue
        if person.role == role or person.role.endswith(f" {role}"):
            return person.id
    return None
