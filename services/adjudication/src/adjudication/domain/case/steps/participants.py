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
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.participants import (
    ASSIGNMENTS,
    AssignmentStatus,
    Participant,
    disclosure_key,
    release_person,
)
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod, new_id
from adjudication.domain.case.states import is_final
from adjudication.domain.case.steps.delivery import record_service
from adjudication.domain.errors import RecordNotFound, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.rules import CaseRules, ParticipantRole
from adjudication.domain.values.status import guarded
from shared.catalogue import label, term
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.legal import Citation

DISCLOSURE = "court.technical_investigator_disclosure"


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
    if any(p.status is AssignmentStatus.RECUSED for p in earlier):
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
    from adjudication.domain.values.rules import Stage

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
                    f"{name} 曾在“{label(Stage(served.stage)).zh}”担任{term(served.role).zh}，"
                    f"不得在“{label(Stage(case.stage)).zh}”担任{term(role).zh}（{bar.basis}）",
                )
