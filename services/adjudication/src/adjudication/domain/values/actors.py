"""Who takes a step, in the law's words: the kinds of actor (``shared.domain.actors.Actor.kind``)."""

from __future__ import annotations

from enum import StrEnum

from shared.domain.actors import Actor


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


def system(reason: str) -> Actor:
    """The actor of a move the law makes by itself (a period ran out, every party was served)."""
    return Actor(ActorKind.SYSTEM, f"timer:{reason}")
