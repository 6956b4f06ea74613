"""Shared vocabulary of the IP-enforcement domain: plain enums that contracts and domains both use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shared.catalogue import english, enum_labels, pairs


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


enum_labels(
    IpType,
    pairs("""
        invention_patent 发明专利
        utility_model 实用新型专利
        design 外观设计专利
        trademark 商标
        copyright 著作权
        geographical_indication 地理标志
        ic_layout_design 集成电路布图设计
    """),
)
enum_labels(PartyKind, {"organisation": "单位", "individual": "自然人"})
enum_labels(RequestedProcedure, {"adjudication": "行政裁决", "mediation": "调解"})
english(
    pairs("""
        invention_patent invention patent
        utility_model utility model patent
        design design patent
        trademark trademark
        copyright copyright
        geographical_indication geographical indication
        ic_layout_design integrated circuit layout design
    """),
    IpType,
)
english({"organisation": "organisation", "individual": "natural person"}, PartyKind)
english({"adjudication": "administrative adjudication", "mediation": "mediation"}, RequestedProcedure)


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
