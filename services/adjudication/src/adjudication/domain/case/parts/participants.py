"""The people who serve on a case, and the table of an assignment (active, challenged, released, recused)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import CIVIL_PROCEDURE_LAW
from adjudication.domain.values.rules import ParticipantRole
from adjudication.domain.values.status import guarded
from shared.domain.legal import Citation
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition

RECUSED = "recused"  # the release reason that bars the person from the case for good
CPL_RECUSAL = Citation(CIVIL_PROCEDURE_LAW, "47-50")


class AssignmentStatus(StrEnum):
    ACTIVE = "active"
    CHALLENGED = "challenged"  # a recusal request is pending: the person stops work
    RELEASED = "released"
    RECUSED = "recused"


A = AssignmentStatus


# fmt: off
ASSIGNMENT_STATUSES: Final = TransitionTable(A, (
    transition("challenge", {A.ACTIVE}, A.CHALLENGED, event=CaseEvent.RECUSAL_REQUESTED,
               guard="a party asked that the person step aside", basis=(CPL_RECUSAL,)),
    transition("clear", {A.CHALLENGED}, A.ACTIVE, event=CaseEvent.RECUSAL_DECIDED,
               guard="the recusal request was rejected", basis=(CPL_RECUSAL,)),
    transition("recuse", {A.ACTIVE, A.CHALLENGED, A.RELEASED}, A.RECUSED, event=CaseEvent.RECUSAL_DECIDED,
               guard="recusal granted, on the request or on reconsideration; never serves on the case again",
               basis=(CPL_RECUSAL,)),
    transition("release", {A.ACTIVE, A.CHALLENGED}, A.RELEASED, event=CaseEvent.PARTICIPANT_RELEASED,
               guard="released by the office, or the decision the person took part in was revoked"),
))


# fmt: on


ASSIGNMENTS = StatusMachine(ASSIGNMENT_STATUSES, CaseTransitionRefused)


@dataclass(slots=True, kw_only=True)
class Participant:
    id: str
    person_id: str
    name: str
    role: ParticipantRole
    stage: str
    assigned_at: dt.datetime
    disclosed_on: dt.date | None = None
    released_at: dt.datetime | None = None
    release_reason: str | None = None
    challenged: bool = False

    @property
    def active(self) -> bool:
        return self.released_at is None

    @property
    def status(self) -> AssignmentStatus:
        if self.released_at is not None:
            return A.RECUSED if self.release_reason == RECUSED else A.RELEASED
        return A.CHALLENGED if self.challenged else A.ACTIVE


def challenge(person: Participant, refused: Callable[[], Exception]) -> None:
    guarded(ASSIGNMENTS, person.status, "challenge", refused)
    person.challenged = True


def release_person(person: Participant, at: dt.datetime, reason: str) -> None:
    ASSIGNMENTS.step(person.status, "release")
    person.released_at, person.release_reason = at, reason


def recuse(person: Participant, at: dt.datetime) -> None:
    ASSIGNMENTS.step(person.status, "recuse")
    person.released_at, person.release_reason = at, RECUSED


def settle_challenge(person: Participant, *, granted: bool, at: dt.datetime) -> None:
    """The recusal request against ``person`` was decided: recused, or back at work (if still serving)."""
    if granted:
        recuse(person, at)
    elif person.status is A.CHALLENGED:
        ASSIGNMENTS.step(person.status, "clear")
    person.challenged = False


def disclosure_key(participant_id: str) -> str:
    return f"disclosure.{participant_id}"
