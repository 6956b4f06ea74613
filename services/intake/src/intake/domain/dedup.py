"""Duplicate and related complaints: explainable matching on complainant, right and respondent keys.

A complaint yields match keys of three kinds. Another complaint that shares a key of every kind is
the same complaint arriving again (a duplicate); one that shares the right and one other kind is
related. The link names the keys that matched, so staff can see why and confirm or split it; it is
the complaint's own value (:class:`~intake.domain.complaint.values.Link`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from intake.domain.complaint.values import Link, Relation
from intake.domain.rights import right_key

if TYPE_CHECKING:
    from intake.domain.complaint import Complaint
    from intake.domain.parties import PartyRecord


class KeyKind(StrEnum):
    COMPLAINANT = "complainant"
    RIGHT = "right"
    RESPONDENT = "respondent"


@dataclass(frozen=True, slots=True)
class MatchKey:
    kind: KeyKind
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """An earlier complaint found through at least one shared key."""

    complaint_id: uuid.UUID
    reference: str
    sequence: int
    keys: frozenset[MatchKey]


def _party_keys(kind: KeyKind, party: PartyRecord) -> list[MatchKey]:
    keys = [MatchKey(kind, f"name:{party.match_name}")]
    if party.credit_code:
        keys.append(MatchKey(kind, f"uscc:{party.credit_code}"))
    return keys


def keys_of(complaint: Complaint) -> frozenset[MatchKey]:
    keys = _party_keys(KeyKind.COMPLAINANT, complaint.complainant)
    keys += [MatchKey(KeyKind.RIGHT, right_key(r.ip_type, r.number)) for r in complaint.rights]
    for respondent in complaint.respondents:
        keys += _party_keys(KeyKind.RESPONDENT, respondent)
    keys += [
        MatchKey(KeyKind.RESPONDENT, f"listing:{listing.platform.lower()}:{listing.listing_id}")
        for listing in complaint.listings
        if listing.listing_id
    ]
    return frozenset(keys)


def find_link(keys: frozenset[MatchKey], candidates: Iterable[Candidate]) -> Link | None:
    """The best link: the earliest duplicate, else the earliest related complaint, else none."""
    best: tuple[int, int, Link] | None = None
    for candidate in candidates:
        shared = keys & candidate.keys
        kinds = {k.kind for k in shared}
        if KeyKind.RIGHT not in kinds or len(kinds) < 2:
            continue
        relation = Relation.DUPLICATE if len(kinds) == 3 else Relation.RELATED
        rank = (0 if relation is Relation.DUPLICATE else 1, candidate.sequence)
        link = Link(
            complaint_id=candidate.complaint_id,
            reference=candidate.reference,
            relation=relation,
            matched=tuple(sorted(f"{k.kind.value}={k.value}" for k in shared)),
        )
        if best is None or rank < best[:2]:
            best = (*rank, link)
    return None if best is None else best[2]
