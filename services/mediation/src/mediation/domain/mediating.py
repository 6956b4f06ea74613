"""From request to the end of mediation: consent, mediator assignment, start, extension, termination.

Time limits (domain-rules §B.3): an organisation or mediator answers an assignment within 3 WD
(Online Rules art. 12); court-linked mediation lasts 30 / 15 / 7 CD from the mediator's
confirmation and is extended only if every party agrees (SI Mediation art. 27).
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from mediation.domain.assignment import ASSIGNMENTS, AssignmentStatus, MediatorAssignment
from mediation.domain.case import Extension, MediationCase, Termination
from mediation.domain.deadlines import (
    COURT_ASSIGNMENT_CONFIRM,
    DOCKETING,
    MEDIATION_PERIOD,
    OPINION_STATEMENT,
    PRE_AGREEMENT,
    Timing,
    assignment_deadline,
)
from mediation.domain.errors import (
    ConflictOfInterest,
    MediatorUnavailable,
    NotYourAssignment,
    StepNotPossible,
    invalid,
)
from mediation.domain.events import EventName as E
from mediation.domain.kinds import mediation_period_name
from mediation.domain.parties import SYSTEM, ActorKind, PartyRole
from mediation.domain.roster import CaseNeeds, Mediator, Organisation, exclusions
from mediation.domain.states import MediationState as S
from shared.calendar.local_time import local_date
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus
from shared.domain.lifecycle import Transition


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
    def transition(self) -> str:
        """The case's transition: settled or withdrawn requests end WITHDRAWN, the rest FAILED."""
        withdrawn = (TerminationGround.SETTLED_AND_WITHDRAWN, TerminationGround.REQUEST_WITHDRAWN)
        return "withdraw" if self in withdrawn else "fail"


def accept_on_opening(case: MediationCase, basis: str, actor: Actor, at: dt.datetime, timing: Timing) -> None:
    """Consent already given where the case came from (adjudication, or intake recorded both willing)."""
    _accept(case, basis, actor, at, timing)


def record_consent(
    case: MediationCase, party_id: uuid.UUID, actor: Actor, at: dt.datetime, timing: Timing
) -> None:
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
    case.record(E.CONSENT_RECORDED, by=actor, at=at, details={"party_id": party.id})
    if all(p.id in case.consents for p in case.respondents):
        _accept(case, "the other party consented", actor, at, timing)
        if case.mediator is not None:
            _start(case, actor, at, timing)


def record_refusal(
    case: MediationCase, party_id: uuid.UUID, reason: str, actor: Actor, at: dt.datetime
) -> None:
    case.require(S.REQUESTED, action="record_refusal")
    _refuse_for_court_cases(case)
    if case.party(party_id).role is not PartyRole.RESPONDENT:
        raise invalid(
            "party_id", "not_other_party", "Only the other party can refuse", "只有对方当事人可以拒绝调解"
        )
    case.move("refuse", by=actor, at=at, details={"reason": reason})
    conclude(case, at)


def assign_mediator(
    case: MediationCase,
    mediator: Mediator,
    organisation: Organisation,
    load: int,
    actor: Actor,
    at: dt.datetime,
    timing: Timing,
) -> MediatorAssignment:
    """Assign after the roster checks; a still-unanswered earlier assignment is replaced."""
    case.require(S.REQUESTED, S.ACCEPTED, S.IN_MEDIATION, action="assign_mediator")
    _check_can_take(case, mediator, organisation, load)
    for pending in case.assignments_in(AssignmentStatus.PENDING):
        _answer(case, pending, "replace", actor, at)
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
        E.MEDIATOR_ASSIGNED,
        by=actor,
        at=at,
        subject=("assignment", assignment.id),
        details={
            "assignment_id": assignment.id,
            "mediator_id": mediator.id,
            "organisation_id": organisation.id,
        },
    )
    if case.court is not None:
        # The court's 3 WD run from its own assignment, whichever mediator answers.
        assignment.respond_by = case.due(COURT_ASSIGNMENT_CONFIRM)
    else:
        key = assignment_deadline(assignment.id)
        payload = {"assignment_id": str(assignment.id)}
        answer = case.arm(key, "mediation.mediator_confirm", local_date(at), timing, payload=payload)
        assignment.respond_by = answer.due
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


def confirm_assignment(
    case: MediationCase, assignment_id: uuid.UUID, actor: Actor, at: dt.datetime, timing: Timing
) -> None:
    """The mediator takes the case; for a court's assignment this is the acceptance that starts the clock."""
    assignment, step = _pending(case, assignment_id, actor, "confirm")
    for earlier in case.assignments_in(AssignmentStatus.CONFIRMED):
        _answer(case, earlier, "end", actor, at)
    assignment.responded_at = at
    _answer(case, assignment, step.name, actor, at)
    if case.court_linked and case.state is S.REQUESTED:
        basis = "the organisation accepted the court's assignment (Online Rules art. 12)"
        _accept(case, basis, actor, at, timing)
    if case.state is S.ACCEPTED:
        _start(case, actor, at, timing)


def decline_assignment(
    case: MediationCase, assignment_id: uuid.UUID, reason: str, actor: Actor, at: dt.datetime
) -> None:
    assignment, step = _pending(case, assignment_id, actor, "decline")
    assignment.responded_at, assignment.reason = at, reason
    _answer(case, assignment, step.name, actor, at, reason=reason)


def lapse_assignment(case: MediationCase, assignment_id: uuid.UUID, at: dt.datetime) -> bool:
    """The answer period ran out; False if the mediator had answered meanwhile."""
    assignment = case.assignment(assignment_id)
    if assignment.status is not AssignmentStatus.PENDING:
        return False
    _answer(case, assignment, "lapse", SYSTEM, at)
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
        _answer(case, pending, "lapse", actor, at)
    case.move("hand_back", by=actor, at=at, details={"reason": reason})
    conclude(case, at)


def court_assignment_unanswered(case: MediationCase, at: dt.datetime) -> None:
    """No mediator confirmed the court's assignment within 3 WD: it goes back to the court."""
    if case.state is S.REQUESTED:
        reason = "no mediator confirmed the assignment within 3 working days (Online Rules art. 12)"
        case.end_deadline(COURT_ASSIGNMENT_CONFIRM, DeadlineStatus.LAPSED)
        decline_court_assignment(case, reason, SYSTEM, at)


def extend_period(
    case: MediationCase,
    days: int,
    consenting: tuple[uuid.UUID, ...],
    actor: Actor,
    at: dt.datetime,
    timing: Timing,
) -> None:
    """Extend the mediation period; only with every party's recorded consent (SI Mediation art. 27)."""
    case.require(S.IN_MEDIATION, action="extend_period")
    current_end = case.due(MEDIATION_PERIOD)
    if current_end is None:
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
        E.PERIOD_EXTENDED, by=actor, at=at, details={"days": days, "consenting_party_ids": consenting}
    )
    # The parties agree the length; counting it still follows the calendar rules (roll-forward).
    case.arm(
        MEDIATION_PERIOD,
        f"+{days}cd",
        current_end,
        timing,
        warn=timing.warning_working_days,
        basis="extension agreed by every party (SI Mediation art. 27)",
    )


def terminate(
    case: MediationCase, ground: TerminationGround, explanation: str | None, actor: Actor, at: dt.datetime
) -> None:
    if ground is TerminationGround.OTHER and not (explanation and explanation.strip()):
        raise invalid("explanation", "required", "Explain the 'other' ground", "终止理由为“其他”时须说明")
    details = {"ground": ground.value, "explanation": explanation}
    case.move(ground.transition, by=actor, at=at, details=details)
    case.termination = Termination(ground=ground.value, explanation=explanation)
    conclude(case, at)


def expire(case: MediationCase, at: dt.datetime) -> bool:
    """The period ran out with no extension agreed; False if the mediation had already ended."""
    if case.state is not S.IN_MEDIATION:
        return False
    case.move("expire", by=SYSTEM, at=at)
    case.end_deadline(MEDIATION_PERIOD, DeadlineStatus.LAPSED)
    conclude(case, at)
    return True


def _accept(case: MediationCase, basis: str, actor: Actor, at: dt.datetime, timing: Timing) -> None:
    case.move("accept", by=actor, at=at, details={"basis": basis})
    case.met(OPINION_STATEMENT, at=at)
    if case.patent_office_mediation:  # 专利行政执法办法 art. 21 [U]: docketed within 5 WD
        case.arm(DOCKETING, "mediation.patent_docket", local_date(at), timing)


def _start(case: MediationCase, actor: Actor, at: dt.datetime, timing: Timing) -> None:
    period = None
    if case.court is not None or case.court_linked:
        period = mediation_period_name(
            case.kind, simple_procedure=bool(case.court and case.court.simple_procedure)
        )
    case.move("start", by=actor, at=at, details={"period": period, "resumed": False})
    case.started_at = at
    case.met(DOCKETING, COURT_ASSIGNMENT_CONFIRM, at=at)
    if period is not None:
        case.arm(MEDIATION_PERIOD, period, local_date(at), timing, warn=timing.warning_working_days)


def conclude(case: MediationCase, at: dt.datetime) -> None:
    """The mediation is over: its deadlines stop, the mediators are freed (their load), the end stamped."""
    case.stop(*PRE_AGREEMENT)
    case.concluded_at = at
    for assignment in case.assignments_in(AssignmentStatus.PENDING, AssignmentStatus.CONFIRMED):
        _answer(case, assignment, "end", SYSTEM, at)


def _answer(
    case: MediationCase,
    assignment: MediatorAssignment,
    step: str,
    actor: Actor,
    at: dt.datetime,
    **details: str,
) -> None:
    """Move the assignment (its answer period ends with it) and record the step's event."""
    subject = ("assignment", assignment.id)
    case.advance(
        assignment,
        ASSIGNMENTS,
        step,
        by=actor,
        at=at,
        subject=subject,
        details={"assignment_id": assignment.id, **details},
    )
    key = assignment_deadline(assignment.id)
    if step in ("confirm", "decline"):
        case.met(key, at=at)
    elif step == "lapse":
        case.end_deadline(key, DeadlineStatus.LAPSED)
    else:
        case.stop(key)


def _pending(
    case: MediationCase, assignment_id: uuid.UUID, actor: Actor, step: str
) -> tuple[MediatorAssignment, Transition[AssignmentStatus]]:
    assignment = case.assignment(assignment_id)
    if actor.kind == ActorKind.MEDIATOR and actor.id != assignment.mediator_account:
        raise NotYourAssignment(
            f"Assignment {assignment_id} belongs to {assignment.mediator_name}",
            f"该指派属于调解员{assignment.mediator_name}",
        )
    answer = ASSIGNMENTS.step(assignment.status, step)
    case.require(S.REQUESTED, S.ACCEPTED, S.IN_MEDIATION, action="answer_assignment")
    return assignment, answer


def _refuse_for_court_cases(case: MediationCase) -> None:
    if case.court_linked:
        raise StepNotPossible(
            "The court obtained the parties' consent; the organisation accepts by confirming the assignment",
            "法院委派、委托的案件由调解组织确认接受指派，无须另行记录当事人同意",
        )


def case_needs(case: MediationCase) -> CaseNeeds:
    """What the case asks of its mediator when the roster ranks candidates (regions included)."""
    regions = [p.region_code for p in case.parties if p.region_code]
    if case.office_region_code:
        regions.append(case.office_region_code)
    return CaseNeeds(
        ip_type=case.ip_type,
        parties=case.parties,
        court_linked=case.court_linked,
        region_codes=tuple(regions),
    )
