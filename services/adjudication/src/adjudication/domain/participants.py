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
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from adjudication.domain.actors import Actor
from adjudication.domain.deadlines import DeadlineKind, DeadlineStatus
from adjudication.domain.delivery import DocumentKind, ServiceMethod, new_id, record_service
from adjudication.domain.errors import RecordNotFound, rule_violated
from adjudication.domain.legal import Citation
from adjudication.domain.records import Advisory
from adjudication.domain.rules import ParticipantRole
from adjudication.domain.states import is_final

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules

DISCLOSURE = "court.technical_investigator_disclosure"
RECUSAL = "court.recusal_decision"
CPL_RECUSAL = Citation("民事诉讼法 (2023)", "47-50")
PENALTY_LAW_RECUSAL = Citation("行政处罚法", "43")


class RecusalResult(StrEnum):
    GRANTED = "granted"
    REJECTED = "rejected"


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


@dataclass(slots=True, kw_only=True)
class RecusalRequest:
    id: str
    applicant_party_id: str
    participant_id: str
    ground: str
    filed_on: dt.date
    decided_on: dt.date | None = None
    result: RecusalResult | None = None
    decided_by: str | None = None
    reasons: str | None = None
    reconsideration_filed_on: dt.date | None = None
    reconsideration_result: RecusalResult | None = None
    reconsideration_decided_on: dt.date | None = None


def disclosure_key(participant_id: str) -> str:
    return f"disclosure.{participant_id}"


def recusal_key(recusal_id: str) -> str:
    return f"recusal.{recusal_id}"


def active_participants(case: Case, roles: Sequence[ParticipantRole] = ()) -> list[Participant]:
    return [p for p in case.participants if p.active and (not roles or p.role in roles)]


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
    if any(p.release_reason == "recused" for p in earlier):
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
        rules=rules,
    )
    case.record(
        "ParticipantAssigned",
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
    if not person.active:
        raise rule_violated("participant_id", "not_active", "Already released", "该人员已不在本案中任职")
    person.released_at, person.release_reason = at, reason
    case.end_deadline(disclosure_key(participant_id), DeadlineStatus.CANCELLED)
    case.record(
        "ParticipantReleased", by=by, at=at, details={"participant_id": participant_id, "reason": reason}
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


def request_recusal(
    case: Case,
    *,
    applicant_party_id: str,
    participant_id: str,
    ground: str,
    filed_on: dt.date,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> RecusalRequest:
    case.party(applicant_party_id)
    person = participant(case, participant_id)
    if not person.active:
        raise rule_violated(
            "participant_id",
            "not_active",
            "That person no longer serves on the case",
            "该人员已不在本案中任职",
        )
    if person.challenged:
        raise rule_violated(
            "participant_id",
            "already_challenged",
            "A recusal request is already pending",
            "已有针对该人员的回避申请待决定",
        )
    request = RecusalRequest(
        id=new_id(),
        applicant_party_id=applicant_party_id,
        participant_id=participant_id,
        ground=ground,
        filed_on=filed_on,
    )
    case.recusals.append(request)
    person.challenged = True
    case.start_deadline(
        recusal_key(request.id), period=RECUSAL, start=filed_on, kind=DeadlineKind.OFFICE_DUTY, rules=rules
    )
    case.record(
        "RecusalRequested",
        by=by,
        at=at,
        basis=[CPL_RECUSAL, PENALTY_LAW_RECUSAL],
        details={"recusal_id": request.id, "participant_id": participant_id, "ground": ground},
        advisories=[
            Advisory(
                "challenged_person_stops",
                f"{person.name} stops work on the case until the request is decided "
                "(urgent measures excepted)",
                f"{person.name} 在回避决定作出前暂停参与本案工作（紧急措施除外）",
            )
        ],
    )
    return request


def decide_recusal(
    case: Case, *, recusal_id: str, result: RecusalResult, reasons: str | None, by: Actor, at: dt.datetime
) -> None:
    request = _recusal(case, recusal_id)
    if request.result is not None:
        raise rule_violated("recusal_id", "already_decided", "Already decided", "该回避申请已作出决定")
    request.result, request.reasons = result, reasons
    request.decided_on, request.decided_by = case.day_of(at), by.id
    case.meet_deadline(recusal_key(recusal_id), case.day_of(at))
    person = participant(case, request.participant_id)
    person.challenged = False
    if result is RecusalResult.GRANTED:
        person.released_at, person.release_reason = at, "recused"
    case.record(
        "RecusalDecided",
        by=by,
        at=at,
        basis=[CPL_RECUSAL],
        details={"recusal_id": recusal_id, "result": result.value, "reasons": reasons},
    )


def request_reconsideration(
    case: Case, *, recusal_id: str, filed_on: dt.date, by: Actor, at: dt.datetime, rules: CaseRules
) -> None:
    """One reconsideration of a rejection; the person keeps working meanwhile (CPL art. 50 template)."""
    request = _recusal(case, recusal_id)
    if request.result is not RecusalResult.REJECTED or request.reconsideration_filed_on is not None:
        raise rule_violated(
            "recusal_id",
            "no_reconsideration",
            "Only one reconsideration of a rejection is allowed",
            "仅可对驳回回避申请的决定申请复议一次",
        )
    request.reconsideration_filed_on = filed_on
    case.start_deadline(
        f"recusal_reconsideration.{recusal_id}",
        period=RECUSAL,
        start=filed_on,
        kind=DeadlineKind.OFFICE_DUTY,
        rules=rules,
    )
    case.record(
        "RecusalReconsiderationRequested",
        by=by,
        at=at,
        basis=[CPL_RECUSAL],
        details={"recusal_id": recusal_id},
    )


def decide_reconsideration(
    case: Case, *, recusal_id: str, result: RecusalResult, by: Actor, at: dt.datetime
) -> None:
    request = _recusal(case, recusal_id)
    if request.reconsideration_filed_on is None or request.reconsideration_result is not None:
        raise rule_violated(
            "recusal_id", "no_open_reconsideration", "No reconsideration is pending", "没有待决定的复议申请"
        )
    request.reconsideration_result, request.reconsideration_decided_on = result, case.day_of(at)
    case.meet_deadline(f"recusal_reconsideration.{recusal_id}", case.day_of(at))
    if result is RecusalResult.GRANTED:
        person = participant(case, request.participant_id)
        person.released_at, person.release_reason = at, "recused"
    case.record(
        "RecusalReconsidered",
        by=by,
        at=at,
        basis=[CPL_RECUSAL],
        details={"recusal_id": recusal_id, "result": result.value},
    )


def _recusal(case: Case, recusal_id: str) -> RecusalRequest:
    for request in case.recusals:
        if request.id == recusal_id:
            return request
    raise RecordNotFound(f"No recusal request {recusal_id}", f"没有回避申请 {recusal_id}")


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
