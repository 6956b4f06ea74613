"""Value types that several producers' contracts share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum, StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from shared import catalogue
from shared.vocabulary import IpType, PartyKind

__all__ = [
    "EvidenceRef",
    "IpType",
    "Label",
    "ListingRef",
    "MoneyAmount",
    "PartyDetails",
    "PartyKind",
    "PartyRef",
    "RightRef",
    "SubjectRef",
]


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True)


class Label(_Value):
    """What a person reads for an identifier the producer owns (a state, an outcome), in both languages.

    The producer fills it from its own catalogue, so a consumer shows another service's vocabulary
    without knowing it (issue 17): intake's timeline says 已立案, not ``DOCKETED``."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @classmethod
    def of(cls, member: Enum) -> Label:
        """The names the producer's catalogue registered for ``member``."""
        text = catalogue.label(member)
        return cls(zh=text.zh, en=text.en)


class PartyRef(_Value):
    """A party as other services need to know it: a name and, for organisations, the USCC."""

    kind: PartyKind
    name: str = Field(min_length=1)
    credit_code: str | None = Field(default=None, description="统一社会信用代码 (GB 32100), organisations")


class PartyDetails(PartyRef):
    """A party with what a receiving procedure needs to serve documents on it (internal hand-offs)."""

    party_id: UUID | None = Field(default=None, description="The producing service's party record id")
    id_number_masked: str | None = Field(
        default=None, description="Individuals: masked ID number, e.g. 3301**********123X"
    )
    legal_representative: str | None = None
    capacity: str | None = Field(
        default=None,
        description="Why the party may act, e.g. patentee, exclusive_licensee, heir (complainants)",
    )
    address: str | None = None
    region_code: str | None = Field(
        default=None, description="6-digit administrative division code of the domicile"
    )
    phone: str | None = None
    email: str | None = None

    @classmethod
    def of(cls, party: object, *, party_id: UUID | None = None) -> PartyDetails:
        """The details of any service's party record: its attributes of the same names."""
        fields = {name: getattr(party, name, None) for name in cls.model_fields if name != "party_id"}
        return cls.model_validate({**fields, "party_id": party_id})


class SubjectRef(_Value):
    """A credit subject: USCC for organisations, a masked id for individuals (§C, §H)."""

    credit_code: str | None = None
    id_number_masked: str | None = None
    name: str


class RightRef(_Value):
    """An IP right as a case refers to it."""

    ip_type: IpType
    number: str = Field(description="Patent, registration or certificate number")
    title: str | None = None
    holder: str | None = None
    status: str | None = Field(default=None, description="valid, lapsed, invalidated, ... as last verified")
    valid_until: dt.date | None = None
    evaluation_report: str | None = Field(
        default=None, description="Utility model / design: none, requested, or the report number"
    )


class EvidenceRef(_Value):
    evidence_id: UUID
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    notarisation_ref: str | None = None


class ListingRef(_Value):
    """An online listing an alleged act took place on (e-commerce platform + listing id/URL)."""

    platform: str
    listing_id: str | None = None
    url: str | None = None


class MoneyAmount(_Value):
    amount: Decimal = Field(ge=0, decimal_places=2)
    currency: str = "CNY"


class Outcome(StrEnum):
    """How an adjudication case ended (domain-rules §A.7)."""

    NOT_ACCEPTED = "NOT_ACCEPTED"
    INFRINGEMENT_ESTABLISHED = "INFRINGEMENT_ESTABLISHED"
    REQUEST_REJECTED = "REQUEST_REJECTED"
    MEDIATED = "MEDIATED"
    WITHDRAWN = "WITHDRAWN"
    DEEMED_WITHDRAWN = "DEEMED_WITHDRAWN"
    DISMISSED = "DISMISSED"
