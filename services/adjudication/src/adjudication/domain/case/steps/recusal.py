"""Recusal (回避): a party asks that a participant step aside (domain-rules §A.11).

Decided within 3 days (CPL arts. 47-50 as the template, catalogue ``court.recusal_decision``); the
challenged person stops work meanwhile, urgent measures excepted; one reconsideration of a rejection
is allowed, during which the person keeps working. Recusal of administrative officials: 行政处罚法
art. 43 [V] for penalties; the adjudication measures are expected to say the same [U].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.participants import CPL_RECUSAL, challenge, recuse, settle_challenge
from adjudication.domain.case.parts.recusal import RECUSALS, RecusalRequest, RecusalResult, recusal_key
from adjudication.domain.case.parts.service import new_id
from adjudication.domain.case.steps.participants import participant
from adjudication.domain.errors import RecordNotFound, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.rules import CaseRules
from adjudication.domain.values.status import guarded
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind
from shared.domain.events import Advisory
from shared.domain.legal import Citation

RECUSAL = "court.recusal_decision"
PENALTY_LAW_RECUSAL = Citation("行政处罚法", "43")


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
    challenge(person, lambda: _not_challengeable(person.active))
    request = RecusalRequest(
        id=new_id(),
        applicant_party_id=applicant_party_id,
        participant_id=participant_id,
        ground=ground,
        filed_on=filed_on,
    )
    case.recusals.append(request)
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
    decision = "grant" if result is RecusalResult.GRANTED else "reject"
    guarded(
        RECUSALS,
        request.status,
        decision,
        _refusal("already_decided", "Already decided", "该回避申请已作出决定"),
    )
    request.result, request.reasons = result, reasons
    request.decided_on, request.decided_by = case.day_of(at), by.id
    case.meet_deadline(recusal_key(recusal_id), case.day_of(at))
    settle_challenge(
        participant(case, request.participant_id), granted=result is RecusalResult.GRANTED, at=at
    )
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
    no_reconsideration = _refusal(
        "no_reconsideration",
        "Only one reconsideration of a rejection is allowed",
        "仅可对驳回回避申请的决定申请复议一次",
    )
    guarded(RECUSALS, request.status, "request_reconsideration", no_reconsideration)
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
    decision = "grant_on_reconsideration" if result is RecusalResult.GRANTED else "uphold_rejection"
    guarded(
        RECUSALS,
        request.status,
        decision,
        _refusal("no_open_reconsideration", "No reconsideration is pending", "没有待决定的复议申请"),
    )
    request.reconsideration_result, request.reconsideration_decided_on = result, case.day_of(at)
    case.meet_deadline(f"recusal_reconsideration.{recusal_id}", case.day_of(at))
    if result is RecusalResult.GRANTED:
        recuse(participant(case, request.participant_id), at)
    case.record(
        CaseEvent.RECUSAL_RECONSIDERED,
        by=by,
        at=at,
        basis=[CPL_RECUSAL],
        details={"recusal_id": recusal_id, "result": result.value},
    )


def _not_challengeable(serving: bool) -> Exception:
    if not serving:
        return rule_violated(
            "participant_id",
            "not_active",
            "That person no longer serves on the case",
            "该人员已不在本案中任职",
        )
    return rule_violated(
        "participant_id",
        "already_challenged",
        "A recusal request is already pending",
        "已有针对该人员的回避申请待决定",
    )


def _refusal(code: str, message: str, message_zh: str) -> Callable[[], Exception]:
    return lambda: rule_violated("recusal_id", code, message, message_zh)


def _recusal(case: Case, recusal_id: str) -> RecusalRequest:
    for request in case.recusals:
        if request.id == recusal_id:
            return request
    raise RecordNotFound(f"No recusal request {recusal_id}", f"没有回避申请 {recusal_id}")
