"""Which durable timers each case event arms or cancels (every period from the catalogue).

Timers belong to the case (``aggregate_id`` = case id) and are named after the deadline; the due
day is also kept in ``case.deadlines`` for the rules and events that quote it. Timers whose
consequence is automatic in law move the case when they fire; the others (an unverified [U] period,
or a court's own time limit) only record that the deadline was missed, for staff to act on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from mediation.domain import events as ev
from mediation.domain.case import MediationCase
from mediation.domain.kinds import MediationKind, Origin
from mediation.domain.local_time import local_date
from mediation.rules import MediationRules
from mediation.unit_of_work import MediationUnitOfWork
from shared.vocabulary import IpType

OPINION_STATEMENT = "opinion_statement"
DOCKETING = "docketing"
COURT_ASSIGNMENT_CONFIRM = "court_assignment_confirm"
MEDIATION_PERIOD = "mediation_period"
CONFIRMATION_WINDOW = "confirmation_window"
COURT_ACCEPTANCE = "court_acceptance"
COURT_REVIEW = "court_review"
OBJECTION_PARTY = "objection_party"
OBJECTION_THIRD_PARTY = "objection_third_party"
ENFORCEMENT_PERIOD = "enforcement_period"

KIND_MONITOR = "mediation.deadline_monitor"  # records a missed deadline; staff decide
KIND_ASSIGNMENT_ANSWER = "mediation.assignment_answer"
KIND_COURT_ASSIGNMENT_CONFIRM = "mediation.court_assignment_confirm"
KIND_MEDIATION_PERIOD = "mediation.mediation_period"
KIND_CONFIRMATION_WINDOW = "mediation.confirmation_window"
KIND_OBJECTION_WINDOW = "mediation.objection_window"
KIND_INSTALMENT_DUE = "mediation.instalment_due"
KIND_ENFORCEMENT_PERIOD = "mediation.enforcement_period"

PATENTS = frozenset({IpType.INVENTION_PATENT, IpType.UTILITY_MODEL, IpType.DESIGN})
PRE_AGREEMENT = (OPINION_STATEMENT, DOCKETING, COURT_ASSIGNMENT_CONFIRM, MEDIATION_PERIOD)
COURT_TIMERS = (COURT_ACCEPTANCE, COURT_REVIEW)


def assignment_timer(assignment_id: uuid.UUID) -> str:
    return f"assignment.{assignment_id}"


def instalment_timer(agreement_id: uuid.UUID, number: int) -> str:
    return f"instalment.{agreement_id}.{number}"


class DeadlinePlanner:
    """Arms and cancels one case's timers in the command's transaction."""

    def __init__(self, case: MediationCase, uow: MediationUnitOfWork, rules: MediationRules) -> None:
        self._case = case
        self._uow = uow
        self._rules = rules

    async def arm(
        self,
        name: str,
        kind: str,
        period: str,
        start: dt.date,
        *,
        warn: int | None = None,
        payload: Mapping[str, Any] | None = None,
    ) -> dt.date:
        deadline = await self._uow.timers.schedule_period(
            aggregate_id=str(self._case.id),
            name=name,
            kind=kind,
            period=period,
            start=start,
            province=self._rules.province,
            warn_working_days=warn or None,
            payload=payload,
        )
        self._case.deadlines[name] = deadline.due
        return deadline.due

    async def cancel(self, *names: str) -> None:
        for name in names:
            await self._uow.timers.cancel(aggregate_id=str(self._case.id), name=name)

    async def plan(self, event: ev.CaseEvent) -> None:
        for handler in _PLANS.get(type(event), ()):
            await handler(self, event)

    # ------------------------------------------------------------------ per event

    async def opened(self, event: ev.CaseEvent) -> None:
        case = self._case
        if case.court is not None:
            await self.arm(
                COURT_ASSIGNMENT_CONFIRM,
                KIND_COURT_ASSIGNMENT_CONFIRM,
                "mediation.mediator_confirm",
                local_date(case.court.assigned_at),
                warn=1,
            )
        elif self._patent_office_mediation():
            await self.arm(
                OPINION_STATEMENT, KIND_MONITOR, "mediation.patent_opinion_statement", local_date(event.at)
            )

    def _patent_office_mediation(self) -> bool:
        """专利行政执法办法 arts. 19-23 [U]: the office serves the request; the other side answers."""
        case = self._case
        return (
            case.kind is MediationKind.ADMINISTRATIVE
            and case.origin is Origin.COMPLAINT
            and case.ip_type in PATENTS
        )

    async def accepted(self, event: ev.CaseEvent) -> None:
        await self.cancel(OPINION_STATEMENT)
        if self._patent_office_mediation():
            await self.arm(DOCKETING, KIND_MONITOR, "mediation.patent_docket", local_date(event.at))

    async def assigned(self, event: ev.CaseEvent) -> None:
        assert isinstance(event, ev.MediatorAssigned)
        assignment = self._case.assignment(event.assignment_id)
        if self._case.court is not None:
            # The court's 3 WD run from its own assignment, whichever mediator answers.
            assignment.respond_by = self._case.deadlines.get(COURT_ASSIGNMENT_CONFIRM)
            return
        assignment.respond_by = await self.arm(
            assignment_timer(assignment.id),
            KIND_ASSIGNMENT_ANSWER,
            "mediation.mediator_confirm",
            local_date(event.at),
            payload={"assignment_id": str(assignment.id)},
        )

    async def assignment_answered(self, event: ev.CaseEvent) -> None:
        assert isinstance(
            event, ev.AssignmentConfirmed | ev.AssignmentDeclined | ev.AssignmentLapsed | ev.AssignmentEnded
        )
        await self.cancel(assignment_timer(event.assignment_id))

    async def started(self, event: ev.CaseEvent) -> None:
        assert isinstance(event, ev.MediationStarted)
        await self.cancel(DOCKETING, COURT_ASSIGNMENT_CONFIRM)
        if event.period is not None:
            await self.arm(
                MEDIATION_PERIOD,
                KIND_MEDIATION_PERIOD,
                event.period,
                local_date(event.at),
                warn=self._rules.warning_working_days,
            )

    async def extended(self, event: ev.CaseEvent) -> None:
        assert isinstance(event, ev.PeriodExtended)
        current_end = self._case.deadlines[MEDIATION_PERIOD]
        # The parties agree the length; counting it still follows the calendar rules (roll-forward).
        await self.arm(
            MEDIATION_PERIOD,
            KIND_MEDIATION_PERIOD,
            f"+{event.days}cd",
            current_end,
            warn=self._rules.warning_working_days,
        )

    async def mediation_over(self, event: ev.CaseEvent) -> None:
        await self.cancel(*PRE_AGREEMENT)

    async def took_effect(self, event: ev.CaseEvent) -> None:
        agreement = self._case.effective_agreement
        assert agreement is not None
        for instalment in agreement.content.instalments:
            await self.arm(
                instalment_timer(agreement.id, instalment.number),
                KIND_INSTALMENT_DUE,
                "+0cd",  # the due day itself, moved off a rest day (Civil Code art. 203)
                instalment.due_on,
                warn=self._rules.instalment_reminder_working_days,
                payload={"agreement_id": str(agreement.id), "number": instalment.number},
            )

    async def window_opened(self, event: ev.CaseEvent) -> None:
        assert isinstance(event, ev.ConfirmationWindowOpened)
        await self.arm(
            CONFIRMATION_WINDOW,
            KIND_CONFIRMATION_WINDOW,
            "mediation.confirmation_filing",
            event.effective_on,
            warn=self._rules.confirmation_reminder_working_days,
        )

    async def filed(self, event: ev.CaseEvent) -> None:
        await self.cancel(CONFIRMATION_WINDOW)
        await self.arm(
            COURT_ACCEPTANCE, KIND_MONITOR, "mediation.confirmation_acceptance", local_date(event.at)
        )

    async def docketed(self, event: ev.CaseEvent) -> None:
        await self.cancel(COURT_ACCEPTANCE)
        await self.arm(COURT_REVIEW, KIND_MONITOR, "mediation.confirmation_review", local_date(event.at))

    async def ruled_valid(self, event: ev.CaseEvent) -> None:
        await self.cancel(*COURT_TIMERS)
        ruled_on = local_date(event.at)
        await self.arm(OBJECTION_PARTY, KIND_OBJECTION_WINDOW, "mediation.objection_party", ruled_on)
        await self.arm(
            OBJECTION_THIRD_PARTY, KIND_OBJECTION_WINDOW, "mediation.objection_third_party", ruled_on
        )
        agreement = self._case.effective_agreement
        last_day = agreement.content.last_performance_day if agreement else None
        # CPL art. 250: from the last day of performance, or from the ruling if it sets none.
        await self.arm(
            ENFORCEMENT_PERIOD,
            KIND_ENFORCEMENT_PERIOD,
            "mediation.enforcement_application",
            max(last_day, ruled_on) if last_day else ruled_on,
            warn=self._rules.enforcement_reminder_working_days,
        )

    async def court_done(self, event: ev.CaseEvent) -> None:
        await self.cancel(*COURT_TIMERS)

    async def withdrawn(self, event: ev.CaseEvent) -> None:
        assert isinstance(event, ev.ConfirmationWithdrawn)
        await self.cancel(*COURT_TIMERS)
        agreement = self._case.effective_agreement
        if event.window_open and agreement is not None and agreement.effective_at is not None:
            await self.window_opened(
                ev.ConfirmationWindowOpened(
                    case_id=event.case_id,
                    actor=event.actor,
                    at=event.at,
                    from_state=event.from_state,
                    to_state=event.to_state,
                    effective_on=local_date(agreement.effective_at),
                )
            )

    async def instalments_off(self, event: ev.CaseEvent) -> None:
        agreement_id = getattr(event, "agreement_id", None)
        agreement = next((a for a in self._case.agreements if a.id == agreement_id), None)
        agreement = agreement or self._case.effective_agreement
        if agreement is not None:
            await self.cancel(
                *(instalment_timer(agreement.id, i.number) for i in agreement.content.instalments)
            )

    async def paid(self, event: ev.CaseEvent) -> None:
        assert isinstance(event, ev.InstalmentPaid)
        await self.cancel(instalment_timer(event.agreement_id, event.number))

    async def enforcement_over(self, event: ev.CaseEvent) -> None:
        await self.cancel(ENFORCEMENT_PERIOD)

    async def revoked(self, event: ev.CaseEvent) -> None:
        await self.cancel(ENFORCEMENT_PERIOD, OBJECTION_PARTY, OBJECTION_THIRD_PARTY)


P = DeadlinePlanner
_PLANS: dict[type[ev.CaseEvent], tuple[Any, ...]] = {
    ev.CaseOpened: (P.opened,),
    ev.CaseAccepted: (P.accepted,),
    ev.MediatorAssigned: (P.assigned,),
    ev.AssignmentConfirmed: (P.assignment_answered,),
    ev.AssignmentDeclined: (P.assignment_answered,),
    ev.AssignmentLapsed: (P.assignment_answered,),
    ev.AssignmentEnded: (P.assignment_answered,),
    ev.MediationStarted: (P.started,),
    ev.PeriodExtended: (P.extended,),
    ev.MediationDeclined: (P.mediation_over,),
    ev.CourtAssignmentDeclined: (P.mediation_over,),
    ev.MediationTerminated: (P.mediation_over,),
    ev.MediationExpired: (P.mediation_over,),
    ev.AgreementTookEffect: (P.mediation_over, P.took_effect),
    ev.ConfirmationWindowOpened: (P.window_opened,),
    ev.ReturnedToCourt: (P.instalments_off,),
    ev.AgreementSuperseded: (P.instalments_off,),
    ev.ConfirmationFiled: (P.filed,),
    ev.ConfirmationAccepted: (P.docketed,),
    ev.ConfirmationRuledValid: (P.ruled_valid,),
    ev.ConfirmationRejected: (P.court_done,),
    ev.ConfirmationWithdrawn: (P.withdrawn,),
    ev.InstalmentPaid: (P.paid,),
    ev.AgreementPerformed: (P.enforcement_over,),
    ev.EnforcementApplied: (P.enforcement_over,),
    ev.EnforcementPeriodExpired: (P.enforcement_over,),
    ev.ConfirmationRevoked: (P.revoked,),
}
