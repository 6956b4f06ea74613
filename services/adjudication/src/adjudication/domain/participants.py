"""Case participants (handlers, panel, technical investigators, appraisers, clerks) and recusal (回避).

Assignments are disclosed to the parties with their right to seek recusal, within 3 days (court
template: SPC technical-investigator provisions art. 3 [V]; catalogue
``court.technical_investigator_disclosure``). A recusal request is decided within 3 days
(CPL arts. 47-50 as template, ``court.recusal_decision``); the challenged person stops work meanwhile,
one reconsideration is allowed and the person keeps working during it. Who may not serve in a later
stage after serving in an earlier one is a rule table (``CaseRules.stage_bars``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from adjudication.domain.delivery import record_service
from adjudication.domain.errors import CaseTransitionRefused, RecordNotFound, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.legal import CIVIL_PROCEDURE_LAW
from adjudication.domain.rules import ParticipantRole
from adjudication.domain.service_records import DocumentKind, ServiceMethod, new_id
from adjudication.domain.states import is_final
from adjudication.domain.status import guarded
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.legal import Citation
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules

DISCLOSURE = "court.technical_investigator_disclosure"


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


def participant(case: Case, participant_id: str) -> Participant:
    for candidate in case.participants:
        if candidate.id == participant_id:
            return candidate
    raise RecordNotFound(f"No participant {participant_id} in the case", f"本案没有参与人员 {participant_id}")


def assign(
    case: Case,
    *,
    person_id: str,
    name: str,
    role: ParticipantRole,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> Participant:
    """Assign a person to the case in its current stage, unless a rule bars them."""
    if is_final(case.state):
        raise rule_violated("state", "case_ended", "The case has ended", "案件已终结")
    earlier = [p for p in case.participants if p.person_id == person_id]
    if any(p.active for p in earlier):
        raise rule_violated(
            "person_id",
            "already_assigned",
            f"{name} already serves on the case",
            f"{name} 已在本案中担任职务",
        )
    if any(p.status is A.RECUSED for p in earlier):
        raise rule_violated(
            "person_id", "recused", f"{name} was recused from this case", f"{name} 已在本案中回避"
        )
    _check_stage_bars(case, earlier, role, rules, name)
    added = Participant(
        id=new_id(), person_id=person_id, name=name, role=role, stage=case.stage.value, assigned_at=at
    )
    case.participants.append(added)
    case.start_deadline(
        disclosure_key(added.id),
        period=DISCLOSURE,
        start=case.day_of(at),
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    case.record(
        CaseEvent.PARTICIPANT_ASSIGNED,
        by=by,
        at=at,
        basis=[Citation("最高人民法院关于技术调查官参与知识产权案件诉讼活动的若干规定", "3, 5")],
        details={
            "participant_id": added.id,
            "person_id": person_id,
            "role": role.value,
            "stage": added.stage,
        },
    )
    return added


def release(case: Case, *, participant_id: str, reason: str, by: Actor, at: dt.datetime) -> None:
    person = participant(case, participant_id)
    guarded(ASSIGNMENTS, person.status, "release", _already_released)
    release_person(person, at, reason)
    case.end_deadline(disclosure_key(participant_id), DeadlineStatus.CANCELLED)
    case.record(
        CaseEvent.PARTICIPANT_RELEASED,
        by=by,
        at=at,
        details={"participant_id": participant_id, "reason": reason},
    )


def disclose(
    case: Case,
    *,
    participant_ids: Sequence[str],
    method: ServiceMethod,
    served_on: dt.date,
    by: Actor,
    at: dt.datetime,
) -> None:
    """Tell every party who serves on the case and that they may seek recusal."""
    people = [participant(case, pid) for pid in participant_ids]
    for person in people:
        person.disclosed_on = served_on
        case.meet_deadline(disclosure_key(person.id), served_on)
    for party in case.parties:
        record_service(
            case,
            document=DocumentKind.PARTICIPANT_NOTICE,
            party_id=party.party_id,
            method=method,
            served_on=served_on,
            dispatched_on=None,
            reference=None,
            related_id=",".join(participant_ids),
            by=by,
            at=at,
        )


def _already_released() -> Exception:
    return rule_violated("participant_id", "not_active", "Already released", "该人员已不在本案中任职")


def _check_stage_bars(
    case: Case, earlier: list[Participant], role: ParticipantRole, rules: CaseRules, name: str
) -> None:
    from adjudication.domain.rules import Stage

    now = (role, case.stage)
    for served in earlier:
        before = (served.role, Stage(served.stage))
        for bar in rules.stage_bars:
            if bar.bars(before, now):
                raise rule_violated(
                    "person_id",
                    "barred_by_stage",
                    f"{name} served as {served.role} in the {served.stage} stage and may not serve as {role} "
                    f"in the {case.stage} stage ({bar.name}: {bar.basis} [{bar.confidence}])",
                    f"{name} 曾在{served.stage}阶段担任{served.role}，"
                    f"不得在{case.stage}阶段担任{role}（{bar.basis}）",
                )
