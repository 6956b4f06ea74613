"""Steps of the proceedings that need only the case: service, answers, evidence, participants, recusal,
hearing notices and records. Each names the actor the law gives the step to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from adjudication.domain import commands as c
from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.steps import delivery, evidence, hearing_record, hearings, participants, recusal
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.parties import PartyRole
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.acting import actor, on_behalf

Step = Callable[[Case, Any, dt.datetime, CaseRules], None]


def _serve_request_copy(case: Case, cmd: c.ServeRequestCopy, at: dt.datetime, rules: CaseRules) -> None:
    delivery.serve_request_copy(
        case,
        party_id=cmd.party_id,
        method=cmd.method,
        served_on=cmd.served_on,
        dispatched_on=cmd.dispatched_on,
        reference=cmd.reference,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
        rules=rules,
    )


def _record_answer(case: Case, cmd: c.RecordAnswer, at: dt.datetime, rules: CaseRules) -> None:
    delivery.record_answer(
        case,
        party_id=cmd.party_id,
        received_on=cmd.received_on,
        summary=cmd.summary,
        evidence=cmd.evidence,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
        rules=rules,
    )


def _submit_evidence(case: Case, cmd: c.SubmitEvidence, at: dt.datetime, rules: CaseRules) -> None:
    party = case.party(cmd.party_id)
    kind = ActorKind.REQUESTER if party.role is PartyRole.REQUESTER else ActorKind.RESPONDENT
    evidence.submit_evidence(
        case, party_id=cmd.party_id, items=cmd.items, by=on_behalf(kind, cmd.party_id, cmd), at=at
    )


def _exchange_evidence(case: Case, cmd: c.ExchangeEvidence, at: dt.datetime, rules: CaseRules) -> None:
    evidence.exchange_evidence(
        case,
        evidence_ids=cmd.evidence_ids,
        party_id=cmd.party_id,
        method=cmd.method,
        served_on=cmd.served_on,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
    )


def _record_service(case: Case, cmd: c.RecordService, at: dt.datetime, rules: CaseRules) -> None:
    delivery.record_other_service(
        case,
        document=cmd.document,
        party_id=cmd.party_id,
        method=cmd.method,
        served_on=cmd.served_on,
        dispatched_on=cmd.dispatched_on,
        reference=cmd.reference,
        related_id=cmd.related_id,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
    )


def _assign(case: Case, cmd: c.AssignParticipant, at: dt.datetime, rules: CaseRules) -> None:
    participants.assign(
        case,
        person_id=cmd.person_id,
        name=cmd.name,
        role=cmd.role,
        by=actor(ActorKind.OFFICE_HEAD, cmd),
        at=at,
        rules=rules,
    )


def _release(case: Case, cmd: c.ReleaseParticipant, at: dt.datetime, rules: CaseRules) -> None:
    participants.release(
        case,
        participant_id=cmd.participant_id,
        reason=cmd.reason,
        by=actor(ActorKind.OFFICE_HEAD, cmd),
        at=at,
    )


def _disclose(case: Case, cmd: c.DiscloseParticipants, at: dt.datetime, rules: CaseRules) -> None:
    participants.disclose(
        case,
        participant_ids=cmd.participant_ids,
        method=cmd.method,
        served_on=cmd.served_on,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
    )


def _request_recusal(case: Case, cmd: c.RequestRecusal, at: dt.datetime, rules: CaseRules) -> None:
    party = case.party(cmd.applicant_party_id)
    kind = ActorKind.REQUESTER if party.role is PartyRole.REQUESTER else ActorKind.RESPONDENT
    recusal.request_recusal(
        case,
        applicant_party_id=cmd.applicant_party_id,
        participant_id=cmd.participant_id,
        ground=cmd.ground,
        filed_on=cmd.filed_on,
        by=on_behalf(kind, party.party_id, cmd),
        at=at,
        rules=rules,
    )


def _decide_recusal(case: Case, cmd: c.DecideRecusal, at: dt.datetime, rules: CaseRules) -> None:
    recusal.decide_recusal(
        case,
        recusal_id=cmd.recusal_id,
        result=cmd.result,
        reasons=cmd.reasons,
        by=actor(ActorKind.OFFICE_HEAD, cmd),
        at=at,
    )


def _request_reconsideration(
    case: Case, cmd: c.RequestRecusalReconsideration, at: dt.datetime, rules: CaseRules
) -> None:
    recusal.request_reconsideration(
        case,
        recusal_id=cmd.recusal_id,
        filed_on=cmd.filed_on,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
        rules=rules,
    )


def _decide_reconsideration(
    case: Case, cmd: c.DecideRecusalReconsideration, at: dt.datetime, rules: CaseRules
) -> None:
    recusal.decide_reconsideration(
        case, recusal_id=cmd.recusal_id, result=cmd.result, by=actor(ActorKind.OFFICE_HEAD, cmd), at=at
    )


def _cancel_hearing(case: Case, cmd: c.CancelHearing, at: dt.datetime, rules: CaseRules) -> None:
    hearings.cancel(case, hearing_id=cmd.hearing_id, reason=cmd.reason, by=actor(ActorKind.PANEL, cmd), at=at)


def _serve_hearing_notice(case: Case, cmd: c.ServeHearingNotice, at: dt.datetime, rules: CaseRules) -> None:
    hearings.serve_notice(
        case,
        hearing_id=cmd.hearing_id,
        party_id=cmd.party_id,
        method=cmd.method,
        served_on=cmd.served_on,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
        rules=rules,
    )


def _record_hearing(case: Case, cmd: c.RecordHearing, at: dt.datetime, rules: CaseRules) -> None:
    hearing_record.record_hearing(
        case,
        hearing_id=cmd.hearing_id,
        attendance=cmd.attendance,
        summary=cmd.summary,
        signed_on=cmd.signed_on,
        signed_by=cmd.signed_by,
        by=actor(ActorKind.PANEL, cmd),
        at=at,
    )


PROCEEDING_STEPS: dict[type[Any], Step] = {
    c.ServeRequestCopy: _serve_request_copy,
    c.RecordAnswer: _record_answer,
    c.SubmitEvidence: _submit_evidence,
    c.ExchangeEvidence: _exchange_evidence,
    c.RecordService: _record_service,
    c.AssignParticipant: _assign,
    c.ReleaseParticipant: _release,
    c.DiscloseParticipants: _disclose,
    c.RequestRecusal: _request_recusal,
    c.DecideRecusal: _decide_recusal,
    c.RequestRecusalReconsideration: _request_reconsideration,
    c.DecideRecusalReconsideration: _decide_reconsideration,
    c.CancelHearing: _cancel_hearing,
    c.ServeHearingNotice: _serve_hearing_notice,
    c.RecordHearing: _record_hearing,
}
