"""Who takes a step: the kind of actor the law names, and the person or system that acted."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ActorKind(StrEnum):
    HANDLER = "handler"  # 办案人员: case handling on behalf of the office
    PANEL = "panel"  # 合议组: the handlers deciding together
    OFFICE_HEAD = "office_head"  # 负责人: approvals, signed applications
    REQUESTER = "requester"
    RESPONDENT = "respondent"
    PARTIES = "parties"  # both sides together (consent to mediation)
    COURT = "court"
    MEDIATION = "mediation"  # the mediation service reporting back
    SYSTEM = "system"  # a statutory timer


@dataclass(frozen=True, slots=True)
class Actor:
    """``id`` is a person, party or system id; ``recorded_by`` is who entered a party's or court's act."""

    kind: ActorKind
    id: str
    recorded_by: str | None = None

    @classmethod
    def system(cls, reason: str) -> Actor:
        return cls(ActorKind.SYSTEM, f"timer:{reason}")
