"""Parties and the patent in dispute, as the case records them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from shared.identifiers import normalise_name
from shared.vocabulary import IpType, PartyKind

REQUESTER_ID = "requester"


class PartyRole(StrEnum):
    REQUESTER = "requester"  # 请求人
    RESPONDENT = "respondent"  # 被请求人


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyRecord:
    """A party with what service of documents needs; ``party_id`` is stable within the case."""

    party_id: str
    role: PartyRole
    kind: PartyKind
    name: str
    credit_code: str | None = None
    id_number_masked: str | None = None
    legal_representative: str | None = None
    capacity: str | None = None
    address: str | None = None
    region_code: str | None = None
    phone: str | None = None
    email: str | None = None

    @property
    def identity_key(self) -> str:
        return identity_key(self.credit_code, self.name)


def identity_key(credit_code: str | None, name: str) -> str:
    """Matches the same subject across cases and offices: the USCC, else the normalised name."""
    return credit_code or f"name:{normalise_name(name)}"


def respondent_id(index: int) -> str:
    """``respondent-1`` for the first respondent: readable in timelines and timer names."""
    return f"respondent-{index}"


@dataclass(frozen=True, slots=True, kw_only=True)
class PatentRight:
    ip_type: IpType
    number: str
    title: str | None = None
    holder: str | None = None
    status: str | None = None
    valid_until: dt.date | None = None
    evaluation_report: str | None = None

    @property
    def needs_evaluation_report(self) -> bool:
        """Utility models and designs: the office may demand a CNIPA evaluation report (PL art. 66 ¶2)."""
        return self.ip_type in (IpType.UTILITY_MODEL, IpType.DESIGN)
