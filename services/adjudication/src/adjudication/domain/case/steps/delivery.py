"""Service of the request copy on the respondents, their answers (答辩), and service of other documents.

Periods that run "from the party's receipt" (the answer period; later the litigation window) start
from ``served_on`` of that party's own service record (domain-rules §G.3 step 8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.delivery import AnswerRecord, answer_copy_key, answer_key
from adjudication.domain.case.parts.evidence import EvidenceIn, evidence_item
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod, ServiceRecord, service_record
from adjudication.domain.case.states import PRE_DECISION, CaseState
from adjudication.domain.errors import rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.actors import system
from adjudication.domain.values.legal import ART12
from adjudication.domain.values.parties import PartyRole
from adjudication.domain.values.rules import CaseRules
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.events import Advisory


def check_service_date(case: Case, day: dt.date, at: dt.datetime, *, field: str = "served_on") -> None:
    if day > case.day_of(at):
        raise rule_violated(
            field, "in_future", "A receipt date cannot be in the future", "送达（收到）日期不能晚于今天"
        )
    if case.docket is not None and day < case.docket.docketed_on:
        raise rule_violated(
            field, "before_docketing", "The date is before the case was docketed", "日期早于立案日期"
        )


SERVICE_KEY = "serve_request_copy"


def serve_request_copy(
    case: Case,
    *,
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    dispatched_on: dt.date | None,
    reference: str | None,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    """The request copy reached a respondent; that respondent's 15-day answer period starts."""
    if case.state is not CaseState.SERVED_ON_RESPONDENT:
        case.require_state("serve_request_copy")
    party = case.party(party_id)
    if party.role is not PartyRole.RESPONDENT:
        raise rule_violated(
            "party_id", "not_a_respondent", "The request copy goes to respondents", "请求书副本应送达被请求人"
        )
    if any(s.document is DocumentKind.REQUEST_COPY and s.party_id == party_id for s in case.services):
        raise rule_violated(
            "party_id", "already_served", f"{party_id} was already served", f"已向 {party_id} 送达"
        )
    check_service_date(case, served_on, at)
    record = service_record(
        DocumentKind.REQUEST_COPY, party_id, method, served_on, dispatched_on, reference, None, at
    )
    case.services.append(record)
    case.start_deadline(
        answer_key(party_id),
        period="adjudication.answer",
        start=served_on,
        kind=DeadlineKind.PARTY_PERIOD,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
        party_id=party_id,
    )
    details = {"party_id": party_id, "method": method.value, "served_on": served_on}
    if case.state is CaseState.DOCKETED:
        case.move("serve_request_copy", by=by, at=at, details=details)
    else:
        case.record(CaseEvent.REQUEST_COPY_SERVED, by=by, at=at, basis=[ART12], details=details)
    if _every_respondent_served(case):
        case.meet_deadline(SERVICE_KEY, max(s.dispatched_on or s.served_on for s in _request_copies(case)))
        case.move("open_answer_period", by=system("all respondents served"), at=at)


def record_answer(
    case: Case,
    *,
    party_id: str,
    received_on: dt.date,
    summary: str,
    evidence: Sequence[EvidenceIn],
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    """A respondent's answer arrived; a late one is kept but does not hold the case up."""
    if case.state not in PRE_DECISION - {CaseState.DOCKETED, CaseState.IN_MEDIATION}:
        case.require_state("review_after_answers")
    period = case.deadlines.get(answer_key(party_id))
    if period is None:
        raise rule_violated(
            "party_id",
            "not_served",
            f"{party_id} has not been served the request copy",
            f"尚未向 {party_id} 送达请求书副本",
        )
    if any(a.party_id == party_id for a in case.answers):
        raise rule_violated(
            "party_id", "already_answered", f"{party_id} has already answered", f"{party_id} 已答辩"
        )
    check_service_date(case, received_on, at, field="received_on")
    late = period.due is not None and received_on > period.due
    items = [evidence_item(party_id, e, received_on) for e in evidence]
    case.evidence.extend(items)
    case.answers.append(
        AnswerRecord(
            party_id=party_id,
            received_on=received_on,
            summary=summary,
            evidence_ids=tuple(i.id for i in items),
            late=late,
            recorded_at=at,
        )
    )
    if period.status is not DeadlineStatus.LAPSED:
        case.meet_deadline(answer_key(party_id), received_on)
    case.start_deadline(
        answer_copy_key(party_id),
        period="adjudication.serve_answer_copy",
        start=received_on,
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
        party_id=party_id,
    )
    advisories = (
        [
            Advisory(
                "answer_late",
                f"Answer received after the period ended on {period.due}",
                f"答辩书在答辩期（{period.due}）届满后收到",
            )
        ]
        if late
        else []
    )
    details = {"party_id": party_id, "received_on": received_on, "late": late, "evidence": len(items)}
    case.record(
        CaseEvent.ANSWER_RECEIVED, by=by, at=at, basis=[ART12], details=details, advisories=advisories
    )
    if case.state is CaseState.ANSWER_PERIOD and all_answer_periods_done(case):
        case.move("review_after_answers", by=by, at=at)


def answer_period_lapsed(case: Case, party_id: str, at: dt.datetime) -> None:
    """Timer: a respondent's answer period ran out; when all have, review starts by itself."""
    case.end_deadline(answer_key(party_id), DeadlineStatus.LAPSED)
    timer = system("answer period")
    case.record(
        CaseEvent.ANSWER_PERIOD_LAPSED, by=timer, at=at, basis=[ART12], details={"party_id": party_id}
    )
    if case.state is CaseState.ANSWER_PERIOD and all_answer_periods_done(case):
        case.move("review_after_answer_period", by=timer, at=at)


def all_answer_periods_done(case: Case) -> bool:
    done = (DeadlineStatus.MET, DeadlineStatus.LAPSED)
    periods = [case.deadlines.get(answer_key(r.party_id)) for r in case.respondents]
    return all(p is not None and p.status in done for p in periods)


DOCUMENTS_WITH_THEIR_OWN_STEP = {
    DocumentKind.REQUEST_COPY: "request-copy-services",
    DocumentKind.EVIDENCE_COPY: "evidence-exchanges",
    DocumentKind.HEARING_NOTICE: "hearings/{hearing_id}/notices",
    DocumentKind.PARTICIPANT_NOTICE: "participants/disclosures",
    DocumentKind.DECISION: "decision-services",
    DocumentKind.ENFORCEMENT_DEMAND: "enforcement-demand",
}


def record_other_service(
    case: Case,
    *,
    document: DocumentKind,
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    dispatched_on: dt.date | None,
    reference: str | None,
    related_id: str | None,
    by: Actor,
    at: dt.datetime,
) -> ServiceRecord:
    """Service recorded on its own: answer copies and other documents. Documents whose service starts
    periods or meets duties go through their own step, so nothing is bypassed."""
    own_step = DOCUMENTS_WITH_THEIR_OWN_STEP.get(document)
    if own_step is not None:
        raise rule_violated(
            "document",
            "has_own_step",
            f"Record service of {document} through {own_step}",
            f"{document} 的送达请通过 {own_step} 记录",
        )
    return record_service(
        case,
        document=document,
        party_id=party_id,
        method=method,
        served_on=served_on,
        dispatched_on=dispatched_on,
        reference=reference,
        related_id=related_id,
        by=by,
        at=at,
    )


def record_service(
    case: Case,
    *,
    document: DocumentKind,
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    dispatched_on: dt.date | None,
    reference: str | None,
    related_id: str | None,
    by: Actor,
    at: dt.datetime,
) -> ServiceRecord:
    """Service of a document without its own step (answer copies, notices, other documents)."""
    case.party(party_id)
    check_service_date(case, served_on, at)
    record = service_record(document, party_id, method, served_on, dispatched_on, reference, related_id, at)
    case.services.append(record)
    if document is DocumentKind.ANSWER_COPY and related_id:
        case.meet_deadline(answer_copy_key(related_id), dispatched_on or served_on)
    case.record(
        CaseEvent.DOCUMENT_SERVED,
        by=by,
        at=at,
        details={
            "document": document.value,
            "party_id": party_id,
            "method": method.value,
            "served_on": served_on,
            "related_id": related_id,
        },
    )
    return record


def _every_respondent_served(case: Case) -> bool:
    served = {s.party_id for s in _request_copies(case)}
    return all(r.party_id in served for r in case.respondents)


def _request_copies(case: Case) -> list[ServiceRecord]:
    return [s for s in case.services if s.document is DocumentKind.REQUEST_COPY]
