"""From request to the end of mediation: consent, mediator assignment, start, extension, termination.

Time limits (domain-rules §B.3): an organisation or mediator answers an assignment within 3 WD
(Online Rules art. 12); court-linked mediation lasts 30 / 15 / 7 CD from the mediator's
confirmation and is extended only if every party agrees (SI Mediation art. 27).
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from mediation.domain import events as ev
from mediation.domain.assignment import AssignmentStatus, MediatorAssignment
from mediation.domain.case import Extension, MediationCase, Termination
from mediation.domain.errors import (
    ConflictOfInterest,
    MediatorUnavailable,
    NotYourAssignment,
    StepNotPossible,
    invalid,
)
from mediation.domain.kinds import mediation_period_name
from mediation.domain.parties import SYSTEM, Actor, ActorKind, PartyRole
from mediation.domain.roster import CaseNeeds, Mediator, Organisation, exclusions
from mediation.domain.states import MediationState as S


class TerminationGround(StrEnum):
    """Why a mediation ended without agreement (Online Rules art. 25); agreement and expiry are separate."""

    SETTLED_AND_WITHDRAWN = "settled_and_withdrawn"
    REQUEST_WITHDRAWN = "request_withdrawn"
    PARTIES_UNREACHABLE = "parties_unreachable"
    PARTY_REFUSES_TO_CONTINUE = "party_refuses_to_continue"
    WIDE_DIFFERENCES = "wide_differences"
    PARTY_REFUSES_TO_SIGN = "party_refuses_to_sign"
    OTHER = "other"

    @property
    def outcome(self) -> S:
        withdrawn = (TerminationGround.SETTLED_AND_WITHDRAWN, TerminationGround.REQUEST_WITHDRAWN)
        return S.WITHDRAWN if self in withdrawn else S.FAILED


def accept_on_opening(case: MediationCase, basis: str, actor: Actor, at: dt.datetime) -> None:
    """Consent already given where the case came from (adjudication, or intake recorded both willing)."""
    case.move_to(S.ACCEPTED, ev.CaseAccepted, actor=actor, at=at, basis=basis)


def record_consent(case: MediationCase, party_id: uuid.UUID, actor: Actor, at: dt.datetime) -> None:
    """The other side agrees to mediate; once every respondent has, the case is accepted."""
    case.require(S.REQUESTED, action="record_consent")
    _refuse_for_court_cases(case)
    party = case.party(party_id)
    if party.role is not PartyRole.RESPONDENT:
        raise invalid(
            "party_id",
            "not_other_party",
            "Only the other party's consent is needed",
            "只需记录对方当事人的同意",
        )
    case.consents[party.id] = at
    case.record(ev.ConsentRecorded(case_id=case.id, actor=actor, at=at, party_id=party.id))
    if all(p.id in case.consents for p in case.respondents):
        case.move_to(S.ACCEPTED, ev.CaseAccepted, actor=actor, at=at, basis="the other party consented")
        if case.mediator is not None:
            _start(case, actor, at)


def record_refusal(
    case: MediationCase, party_id: uuid.UUID, reason: str, actor: Actor, at: dt.datetime
) -> None:
    case.require(S.REQUESTED, action="record_refusal")
    _refuse_for_court_cases(case)
    if case.party(party_id).role is not PartyRole.RESPONDENT:
        raise invalid(
            "party_id", "not_other_party", "Only the other party can refuse", "只有对方当事人可以拒绝调解"
        )
    case.move_to(S.DECLINED_BY_OTHER_PARTY, ev.MediationDeclined, actor=actor, at=at, reason=reason)
    conclude(case, at)


def assign_mediator(
    case: MediationCase,
    mediator: Mediator,
    organisation: Organisation,
    load: int,
    actor: Actor,
    at: dt.datetime,
) -> MediatorAssignment:
    """Assign after the roster checks; a still-unanswered earlier assignment is replaced."""
    case.require(S.REQUESTED, S.ACCEPTED, S.IN_MEDIATION, action="assign_mediator")
    _check_can_take(case, mediator, organisation, load)
    for pending in case.assignments_in(AssignmentStatus.PENDING):
        pending.status = AssignmentStatus.REPLACED
        case.record(ev.AssignmentEnded(case_id=case.id, actor=actor, at=at, assignment_id=pending.id))
    assignment = MediatorAssignment(
        id=uuid.uuid4(),
        mediator_id=mediator.id,
        organisation_id=organisation.id,
        mediator_name=mediator.name,
        organisation_name=organisation.name,
        mediator_account=mediator.account,
        assigned_at=at,
        assigned_by=actor,
    )
    case.assignments.append(assignment)
    case.record(
        ev.MediatorAssigned(
            case_id=case.id,
            actor=actor,
            at=at,
            assignment_id=assignment.id,
            mediator_id=mediator.id,
            organisation_id=organisation.id,
        )
    )
    return assignment


def _check_can_take(case: MediationCase, mediator: Mediator, organisation: Organisation, load: int) -> None:
    needs = CaseNeeds(
        ip_type=case.ip_type, parties=case.parties, court_linked=case.court_linked, region_codes=()
    )
    reasons = exclusions(mediator, organisation, load, needs)
    if "conflict_of_interest" in reasons:
        party, conflict = mediator.conflicts_with(case.parties)[0]
        raise ConflictOfInterest(
            f"{mediator.name} declared a conflict with {party.name}: {conflict.reason}",
            f"{mediator.name}与{party.name}存在利益冲突：{conflict.reason}",
        )
    if reasons:
        raise MediatorUnavailable(
            f"{mediator.name} cannot take the case: {', '.join(reasons)}",
            f"{mediator.name}无法承接本案：{'、'.join(_REASONS_ZH[r] for r in reasons)}",
        )


_REASONS_ZH = {
    "inactive": "已停用",
    "not_on_court_roster": "未列入法院特邀调解名册",
    "at_capacity": "在办案件已满",
    "conflict_of_interest": "存在利益冲突",
}


def confirm_assignment(case: MediationCase, assignment_id: uuid.UUID, actor: Actor, at: dt.datetime) -> None:
    """The mediator takes the case; for a court's assignment this is the acceptance that starts the clock."""
    assignment = _pending(case, assignment_id, actor)
    for earlier in case.assignments_in(AssignmentStatus.CONFIRMED):
        earlier.status = AssignmentStatus.ENDED
        case.record(ev.AssignmentEnded(case_id=case.id, actor=actor, at=at, assignment_id=earlier.id))
    assignment.status, assignment.responded_at = AssignmentStatus.CONFIRMED, at
    case.record(ev.AssignmentConfirmed(case_id=case.id, actor=actor, at=at, assignment_id=assignment.id))
    if case.court_linked and case.state is S.REQUESTED:
        basis = "the organisation accepted the court's assignment (Online Rules art. 12)"
        case.move_to(S.ACCEPTED, ev.CaseAccepted, actor=actor, at=at, basis=basis)
    if case.state is S.ACCEPTED:
        _start(case, actor, at)


def decline_assignment(
    case: MediationCase, assignment_id: uuid.UUID, reason: str, actor: Actor, at: dt.datetime
) -> None:
    assignment = _pending(case, assignment_id, actor)
    assignment.status, assignment.responded_at, assignment.reason = AssignmentStatus.DECLINED, at, reason
    case.record(
        ev.AssignmentDeclined(case_id=case.id, actor=actor, at=at, assignment_id=assignment.id, reason=reason)
    )


def lapse_assignment(case: MediationCase, assignment_id: uuid.UUID, at: dt.datetime) -> bool:
    """The answer period ran out; False if the mediator had answered meanwhile."""
    assignment = case.assignment(assignment_id)
    if assignment.status is not AssignmentStatus.PENDING:
        return False
    assignment.status = AssignmentStatus.LAPSED
    case.record(ev.AssignmentLapsed(case_id=case.id, actor=SYSTEM, at=at, assignment_id=assignment.id))
    return True


def decline_court_assignment(case: MediationCase, reason: str, actor: Actor, at: dt.datetime) -> None:
    """Hand a court's assignment back (no suitable mediator, or none confirmed within 3 WD)."""
    if not case.court_linked:
        raise invalid(
            "case",
            "not_court_linked",
            "Only a court's assignment can be handed back",
            "只有法院委派、委托的案件可以退回",
        )
    for pending in case.assignments_in(AssignmentStatus.PENDING):
        pending.status = AssignmentStatus.LAPSED
        case.record(ev.AssignmentLapsed(case_id=case.id, actor=actor, at=at, assignment_id=pending.id))
    case.move_to(S.ASSIGNMENT_DECLINED, ev.CourtAssignmentDeclined, actor=actor, at=at, reason=reason)
    conclude(case, at)


def extend_period(
    case: MediationCase, days: int, consenting: tuple[uuid.UUID, ...], actor: Actor, at: dt.datetime
) -> None:
    """Extend the mediation period; only with every party's recorded consent (SI Mediation art. 27)."""
    case.require(S.IN_MEDIATION, action="extend_period")
    if "mediation_period" not in case.deadlines:
        raise StepNotPossible(
            "This mediation has no statutory period to extend", "本调解没有可延长的法定期限"
        )
    if days < 1:
        raise invalid("days", "not_positive", "Extend by at least one day", "延长期限至少一日")
    missing = [p.name for p in case.parties if p.id not in consenting]
    if missing:
        raise invalid(
            "consents",
            "consent_missing",
            f"Every party must consent to an extension; missing: {', '.join(missing)}",
            f"延长调解期限须经各方当事人同意；尚缺：{'、'.join(missing)}",
        )
    case.extensions.append(Extension(days=days, consenting_party_ids=consenting, agreed_at=at))
    case.record(
        ev.PeriodExtended(case_id=case.id, actor=actor, at=at, days=days, consenting_party_ids=consenting)
    )


def terminate(
    case: MediationCase, ground: TerminationGround, explanation: str | None, actor: Actor, at: dt.datetime
) -> None:
    if ground is TerminationGround.OTHER and not (explanation and explanation.strip()):
        raise invalid("explanation", "required", "Explain the 'other' ground", "终止理由为“其他”时须说明")
    case.move_to(
        ground.outcome,
        ev.MediationTerminated,
        actor=actor,
        at=at,
        ground=ground.value,
        explanation=explanation,
    )
    case.termination = Termination(ground=ground.value, explanation=explanation)
    conclude(case, at)


def expire(case: MediationCase, at: dt.datetime) -> bool:
    """The period ran out with no extension agreed; False if the mediation had already ended."""
    if case.state is not S.IN_MEDIATION:
        return False
    case.move_to(S.EXPIRED, ev.MediationExpired, actor=SYSTEM, at=at)
    conclude(case, at)
    return True


def _start(case: MediationCase, actor: Actor, at: dt.datetime) -> None:
    period = None
    if case.court is not None or case.court_linked:
        period = mediation_period_name(
            case.kind, simple_procedure=bool(case.court and case.court.simple_procedure)
        )
    case.move_to(S.IN_MEDIATION, ev.MediationStarted, actor=actor, at=at, period=period)
    case.started_at = at


def conclude(case: MediationCase, at: dt.datetime) -> None:
    """The mediation is over: free the mediators (their load) and stamp the end."""
    case.concluded_at = at
    for assignment in case.assignments_in(AssignmentStatus.PENDING, AssignmentStatus.CONFIRMED):
        assignment.status = AssignmentStatus.ENDED
        case.record(ev.AssignmentEnded(case_id=case.id, actor=SYSTEM, at=at, assignment_id=assignment.id))


def _pending(case: MediationCase, assignment_id: uuid.UUID, actor: Actor) -> MediatorAssignment:
    assignment = case.assignment(assignment_id)
    if actor.kind is ActorKind.MEDIATOR and actor.id != assignment.mediator_account:
        raise NotYourAssignment(
            f"Assignment {assignment_id} belongs to {assignment.mediator_name}",
            f"该指派属于调解员{assignment.mediator_name}",
        )
    if assignment.status is not AssignmentStatus.PENDING:
        raise StepNotPossible(
            f"The assignment was already answered ({assignment.status.value})",
            f"该指派已处理（{assignment.status.value}）",
        )
    case.require(S.REQUESTED, S.ACCEPTED, S.IN_MEDIATION, action="answer_assignment")
    return assignment


def _refuse_for_court_cases(case: MediationCase) -> None:
    if case.court_linked:
        raise StepNotPossible(
            "The court obtained the parties' consent; the organisation accepts by confirming the assignment",
            "法院委派、委托的案件由调解组织确认接受指派，无须另行记录当事人同意",
        )
