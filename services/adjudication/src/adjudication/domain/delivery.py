"""Service of documents (送达) per party, answers (答辩) and the exchange of evidence with SHA-256 hashes.

Periods that run "from the party's receipt" (the answer period; later the litigation window) start
from ``served_on`` of that party's own service record (domain-rules §G.3 step 8).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from adjudication.domain.actors import Actor
from adjudication.domain.deadlines import DeadlineKind, DeadlineStatus
from adjudication.domain.errors import rule_violated
from adjudication.domain.legal import ENFORCEMENT_MEASURES, Citation
from adjudication.domain.parties import PartyRole
from adjudication.domain.records import Advisory
from adjudication.domain.states import ACCEPTANCE_STAGE, PRE_DECISION, CaseState

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules

SHA256 = re.compile(r"^[0-9a-f]{64}$")
ART12 = Citation(ENFORCEMENT_MEASURES, "12", "U")
SERVICE_KEY = "serve_request_copy"


class DocumentKind(StrEnum):
    REQUEST_COPY = "request_copy"  # 请求书副本
    ANSWER_COPY = "answer_copy"  # 答辩书副本
    EVIDENCE_COPY = "evidence_copy"
    HEARING_NOTICE = "hearing_notice"  # 口头审理通知书
    PARTICIPANT_NOTICE = "participant_notice"  # 告知合议组成员、技术调查官
    DECISION = "decision"  # 裁决书
    ENFORCEMENT_DEMAND = "enforcement_demand"  # 催告书
    OTHER = "other"


class ServiceMethod(StrEnum):
    IN_PERSON = "in_person"  # 直接送达
    POST = "post"  # 邮寄送达
    ELECTRONIC = "electronic"  # 电子送达
    LEFT_AT_ADDRESS = "left_at_address"  # 留置送达
    ANNOUNCEMENT = "announcement"  # 公告送达


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceRecord:
    id: str
    document: DocumentKind
    party_id: str
    method: ServiceMethod
    served_on: dt.date
    dispatched_on: dt.date | None = None
    reference: str | None = None
    related_id: str | None = None
    recorded_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerRecord:
    party_id: str
    received_on: dt.date
    summary: str
    evidence_ids: tuple[str, ...] = ()
    late: bool = False
    recorded_at: dt.datetime


@dataclass(slots=True, kw_only=True)
class EvidenceItem:
    id: str
    submitted_by: str
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    description: str | None = None
    notarisation_ref: str | None = None
    submitted_on: dt.date
    exchanged_with: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceIn:
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    description: str | None = None
    notarisation_ref: str | None = None


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def answer_key(party_id: str) -> str:
    return f"answer.{party_id}"


def answer_copy_key(party_id: str) -> str:
    return f"answer_copy.{party_id}"


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
    _check_service_date(case, served_on, at)
    record = _service(
        DocumentKind.REQUEST_COPY, party_id, method, served_on, dispatched_on, reference, None, at
    )
    case.services.append(record)
    case.start_deadline(
        answer_key(party_id),
        period="adjudication.answer",
        start=served_on,
        kind=DeadlineKind.PARTY_PERIOD,
        rules=rules,
        party_id=party_id,
    )
    details = {"party_id": party_id, "method": method.value, "served_on": served_on}
    if case.state is CaseState.DOCKETED:
        case.move("serve_request_copy", by=by, at=at, details=details)
    else:
        case.record("RequestCopyServed", by=by, at=at, basis=[ART12], details=details)
    if _every_respondent_served(case):
        case.meet_deadline(SERVICE_KEY, max(s.dispatched_on or s.served_on for s in _request_copies(case)))
        case.move("open_answer_period", by=Actor.system("all respondents served"), at=at)


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
    _check_service_date(case, received_on, at, field="received_on")
    late = period.due is not None and received_on > period.due
    items = [_evidence_item(party_id, e, received_on) for e in evidence]
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
        rules=rules,
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
    case.record("AnswerReceived", by=by, at=at, basis=[ART12], details=details, advisories=advisories)
    if case.state is CaseState.ANSWER_PERIOD and all_answer_periods_done(case):
        case.move("review_after_answers", by=by, at=at)


def answer_period_lapsed(case: Case, party_id: str, at: dt.datetime) -> None:
    """Timer: a respondent's answer period ran out; when all have, review starts by itself."""
    case.end_deadline(answer_key(party_id), DeadlineStatus.LAPSED)
    system = Actor.system("answer period")
    case.record("AnswerPeriodLapsed", by=system, at=at, basis=[ART12], details={"party_id": party_id})
    if case.state is CaseState.ANSWER_PERIOD and all_answer_periods_done(case):
        case.move("review_after_answer_period", by=system, at=at)


def all_answer_periods_done(case: Case) -> bool:
    done = (DeadlineStatus.MET, DeadlineStatus.LAPSED)
    periods = [case.deadlines.get(answer_key(r.party_id)) for r in case.respondents]
    return all(p is not None and p.status in done for p in periods)


def submit_evidence(
    case: Case, *, party_id: str, items: Sequence[EvidenceIn], by: Actor, at: dt.datetime
) -> list[str]:
    if case.state not in ACCEPTANCE_STAGE | PRE_DECISION:
        raise rule_violated(
            "state", "evidence_closed", "Evidence is taken only before the decision", "裁决作出后不再接收证据"
        )
    case.party(party_id)
    added = [_evidence_item(party_id, e, case.day_of(at)) for e in items]
    case.evidence.extend(added)
    case.record(
        "EvidenceSubmitted", by=by, at=at, details={"party_id": party_id, "sha256": [i.sha256 for i in added]}
    )
    return [i.id for i in added]


def exchange_evidence(
    case: Case,
    *,
    evidence_ids: Sequence[str],
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    by: Actor,
    at: dt.datetime,
) -> None:
    """Copies of evidence went to the other side; the service record lists their hashes."""
    case.party(party_id)
    items = [_evidence(case, evidence_id) for evidence_id in evidence_ids]
    if any(item.submitted_by == party_id for item in items):
        raise rule_violated(
            "party_id", "own_evidence", "Evidence is exchanged with the other side", "证据应向对方当事人交换"
        )
    _check_service_date(case, served_on, at)
    case.services.append(
        _service(
            DocumentKind.EVIDENCE_COPY, party_id, method, served_on, None, None, ",".join(evidence_ids), at
        )
    )
    for item in items:
        if party_id not in item.exchanged_with:
            item.exchanged_with.append(party_id)
    case.record(
        "EvidenceExchanged",
        by=by,
        at=at,
        details={"party_id": party_id, "sha256": [i.sha256 for i in items], "served_on": served_on},
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
    _check_service_date(case, served_on, at)
    record = _service(document, party_id, method, served_on, dispatched_on, reference, related_id, at)
    case.services.append(record)
    if document is DocumentKind.ANSWER_COPY and related_id:
        case.meet_deadline(answer_copy_key(related_id), dispatched_on or served_on)
    case.record(
        "DocumentServed",
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


def verify_evidence(case: Case, evidence_id: str, sha256: str) -> bool:
    """True if a copy with hash ``sha256`` is the evidence on file."""
    return _evidence(case, evidence_id).sha256 == sha256.lower()


def _every_respondent_served(case: Case) -> bool:
    served = {s.party_id for s in _request_copies(case)}
    return all(r.party_id in served for r in case.respondents)


def _request_copies(case: Case) -> list[ServiceRecord]:
    return [s for s in case.services if s.document is DocumentKind.REQUEST_COPY]


def _evidence(case: Case, evidence_id: str) -> EvidenceItem:
    from adjudication.domain.errors import RecordNotFound

    for item in case.evidence:
        if item.id == evidence_id:
            return item
    raise RecordNotFound(f"No evidence {evidence_id} in the case", f"本案没有证据 {evidence_id}")


def _evidence_item(party_id: str, evidence: EvidenceIn, on: dt.date) -> EvidenceItem:
    digest = evidence.sha256.lower()
    if not SHA256.match(digest):
        raise rule_violated(
            "evidence.sha256",
            "invalid_sha256",
            "A SHA-256 hash is 64 hexadecimal characters",
            "SHA-256 摘要应为 64 位十六进制字符",
        )
    return EvidenceItem(
        id=new_id(),
        submitted_by=party_id,
        file_name=evidence.file_name,
        media_type=evidence.media_type,
        size_bytes=evidence.size_bytes,
        sha256=digest,
        description=evidence.description,
        notarisation_ref=evidence.notarisation_ref,
        submitted_on=on,
    )


def _service(
    document: DocumentKind,
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    dispatched_on: dt.date | None,
    reference: str | None,
    related_id: str | None,
    at: dt.datetime,
) -> ServiceRecord:
    return ServiceRecord(
        id=new_id(),
        document=document,
        party_id=party_id,
        method=method,
        served_on=served_on,
        dispatched_on=dispatched_on,
        reference=reference,
        related_id=related_id,
        recorded_at=at,
    )


def _check_service_date(case: Case, day: dt.date, at: dt.datetime, *, field: str = "served_on") -> None:
    if day > case.day_of(at):
        raise rule_violated(
            field, "in_future", "A receipt date cannot be in the future", "送达（收到）日期不能晚于今天"
        )
    if case.docket is not None and day < case.docket.docketed_on:
        raise rule_violated(
            field, "before_docketing", "The date is before the case was docketed", "日期早于立案日期"
        )
