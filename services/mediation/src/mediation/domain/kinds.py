"""Kinds of mediation (domain-rules §B.1), where a case came from, and the court behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class MediationKind(StrEnum):
    PEOPLE = "people"  # 人民调解 (People's Mediation Law)
    ADMINISTRATIVE = "administrative"  # 行政调解 (PL art. 65; Impl. Regs art. 102)
    COURT_ASSIGNED = "court_assigned"  # 委派, pre-filing (SI Mediation art. 27: 30 CD)
    COURT_ENTRUSTED = "court_entrusted"  # 委托, post-filing (15 CD ordinary / 7 CD simple)

    @property
    def is_court_linked(self) -> bool:
        return self in (MediationKind.COURT_ASSIGNED, MediationKind.COURT_ENTRUSTED)


class Origin(StrEnum):
    COMPLAINT = "complaint"
    ADJUDICATION_CASE = "adjudication_case"
    COURT_ASSIGNMENT = "court_assignment"


@dataclass(frozen=True, slots=True, kw_only=True)
class CourtReference:
    """The court that assigned or entrusted the case (诉调对接)."""

    assignment_id: str
    court_code: str
    court_name: str
    court_case_no: str | None
    simple_procedure: bool
    assigned_at: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "assignment_id": self.assignment_id,
            "court_code": self.court_code,
            "court_name": self.court_name,
            "court_case_no": self.court_case_no,
            "simple_procedure": self.simple_procedure,
            "assigned_at": self.assigned_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CourtReference:
        return cls(
            assignment_id=str(data["assignment_id"]),
            court_code=str(data["court_code"]),
            court_name=str(data["court_name"]),
            court_case_no=data.get("court_case_no"),
            simple_procedure=bool(data.get("simple_procedure", False)),
            assigned_at=dt.datetime.fromisoformat(data["assigned_at"]),
        )


def mediation_period_name(kind: MediationKind, *, simple_procedure: bool) -> str | None:
    """The catalogue period that limits the mediation, if the law sets one (§B.3).

    People's and administrative mediation have no statutory duration; the court-linked kinds do.
    """
    if kind is MediationKind.COURT_ASSIGNED:
        return "mediation.court_assigned_prefiling"
    if kind is MediationKind.COURT_ENTRUSTED:
        return (
            "mediation.court_entrusted_simple" if simple_procedure else "mediation.court_entrusted_ordinary"
        )
    return None
