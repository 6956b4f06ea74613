"""Shared vocabulary of the IP-enforcement domain: plain enums that contracts and domains both use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class IpType(StrEnum):
    INVENTION_PATENT = "invention_patent"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"
    GEOGRAPHICAL_INDICATION = "geographical_indication"
    IC_LAYOUT_DESIGN = "ic_layout_design"


class PartyKind(StrEnum):
    ORGANISATION = "organisation"
    INDIVIDUAL = "individual"


class RequestedProcedure(StrEnum):
    ADJUDICATION = "adjudication"
    MEDIATION = "mediation"


@dataclass(frozen=True, slots=True)
class Party:
    """Who a party is, as every service records it: kind, name and (organisations) the USCC."""

    kind: PartyKind
    name: str
    credit_code: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "name": self.name, "credit_code": self.credit_code}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Party:
        return cls(kind=PartyKind(data["kind"]), name=str(data["name"]), credit_code=data.get("credit_code"))
