"""Recusal (回避): a party asks that a participant step aside (domain-rules §A.11).

Decided within 3 days (CPL arts. 47-50 as the template, catalogue ``court.recusal_decision``); the
challenged person stops work meanwhile, urgent measures excepted; one reconsideration of a rejection
is allowed, during which the person keeps working. Recusal of administrative officials: 行政处罚法
art. 43 [V] for penalties; the adjudication measures are expected to say the same [U].
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from adjudication.domain.errors import RecordNotFound, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.participants import participant
from adjudication.domain.service_records import new_id
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind
from shared.domain.events import Advisory
from shared.domain.legal import Citation

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules


RECUSAL = "court.recusal_decision"


CPL_RECUSAL = Citation("民事诉讼法 (2023)", "47-50")


PENALTY_LAW_RECUSAL = Citation("行政处罚法", "43")


class RecusalResult(StrEnum):
    GRANTED = "granted"
    REJECTED = "rejected"


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


def recusal_key(recusal_id: str) -> str:
    return f"recusal.{recusal_id}"


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
        recusal_key(request.id),
        period=RECUSAL,
        start=filed_on,
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    case.record(
        CaseEvent.RECUSAL_REQUESTED,
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
        CaseEvent.RECUSAL_DECIDED,
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
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    case.record(
        CaseEvent.RECUSAL_RECONSIDERATION_REQUESTED,
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
        CaseEvent.RECUSAL_RECONSIDERED,
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
