"""Reads of cases, agreements, applications, deadlines, competence and the roster."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mediation.adapters.agreement_document import agreement_document
from mediation.adapters.orm import case_record, mediation_cases, messaging
from mediation.adapters.repository import MediationCaseRepository
from mediation.adapters.roster_repository import RosterRepository
from mediation.domain.case import MediationCase
from mediation.domain.confirming import application, case_competence
from mediation.domain.errors import (
    ApplicationNotFound,
    MediationCaseNotFound,
    MediatorNotFound,
    StepNotPossible,
)
from mediation.domain.mediating import case_needs
from mediation.domain.roster import rank_candidates
from mediation.rules import MediationRules
from mediation.views.case_models import (
    AgreementRead,
    ApplicationRead,
    CaseList,
    CaseRead,
    CaseSummary,
    CompetenceRead,
    CompetentCourtOut,
    CourtOut,
    DeadlineEntry,
    DeadlineList,
    DeadlineOut,
    History,
    HistoryEntry,
)
from mediation.views.roster_models import (
    CandidateList,
    CandidateOut,
    MediatorList,
    MediatorOut,
    OrganisationList,
    OrganisationOut,
)
from shared.case_record import CaseRecord, RecordedEvent
from shared.documents import Document, render_html, render_pdf
from shared.timers import TimerStatus

TIMERS = messaging.timers


class MediationViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], rules: MediationRules) -> None:
        self._sessions = sessions
        self._rules = rules

    async def _case(self, session: AsyncSession, case_id: uuid.UUID) -> MediationCase:
        case = await MediationCaseRepository(session).get(case_id, lock=False)
        if case is None:
            raise MediationCaseNotFound(f"Mediation case {case_id} not found", f"调解案件 {case_id} 不存在")
        return case

    async def case(self, case_id: uuid.UUID) -> CaseRead:
        async with self._sessions() as session:
            case = await self._case(session, case_id)
            row = (
                (await session.execute(select(mediation_cases).where(mediation_cases.c.id == case_id)))
                .mappings()
                .one()
            )
            timers = await self._armed_timers(session, case_id)
        return CaseRead.build(case, _summary(dict(row)), timers)

    async def _armed_timers(self, session: AsyncSession, case_id: uuid.UUID) -> list[DeadlineOut]:
        query = (
            select(TIMERS)
            .where(TIMERS.c.aggregate_id == str(case_id), TIMERS.c.status == TimerStatus.SCHEDULED.value)
            .order_by(TIMERS.c.due_at)
        )
        rows = (await session.execute(query)).mappings()
        return [
            DeadlineOut(
                name=r["name"],
                kind=r["kind"],
                due_at=r["due_at"],
                provisional=r["provisional"],
                explanation=r["explanation"],
            )
            for r in rows
        ]

    async def cases(
        self,
        *,
        complaint_id: uuid.UUID | None = None,
        state: str | None = None,
        kind: str | None = None,
        origin_id: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> CaseList:
        query = select(mediation_cases).order_by(mediation_cases.c.opened_at.desc(), mediation_cases.c.id)
        filters = {"complaint_id": complaint_id, "state": state, "kind": kind, "origin_id": origin_id}
        for column, value in filters.items():
            if value is not None:
                query = query.where(mediation_cases.c[column] == value)
        async with self._sessions() as session:
            rows = (await session.execute(query.limit(limit).offset(offset))).mappings().all()
        return CaseList(items=[_summary(dict(r)) for r in rows], limit=limit, offset=offset)

    async def history(self, case_id: uuid.UUID) -> History:
        """The case's record, in the order it was written."""
        async with self._sessions() as session:
            await self._case(session, case_id)
            recorded = await CaseRecord(session, case_record).of([case_id])
        return History(items=[_history_entry(r) for r in recorded])

    async def agreement(self, case_id: uuid.UUID) -> AgreementRead:
        async with self._sessions() as session:
            case = await self._case(session, case_id)
        agreement = case.agreement
        if agreement is None:
            raise StepNotPossible("The case has no agreement yet", "本案尚无调解协议")
        return AgreementRead.from_domain(agreement, case.parties)

    async def agreement_document(self, case_id: uuid.UUID) -> Document:
        async with self._sessions() as session:
            case = await self._case(session, case_id)
            organisation = None
            if case.mediator is not None:
                organisation = await RosterRepository(session).organisation(case.mediator.organisation_id)
        if case.agreement is None:
            raise StepNotPossible("The case has no agreement yet", "本案尚无调解协议")
        return agreement_document(case, case.agreement, organisation)

    async def agreement_html(self, case_id: uuid.UUID) -> str:
        return render_html(await self.agreement_document(case_id))

    async def agreement_pdf(self, case_id: uuid.UUID) -> bytes:
        return render_pdf(await self.agreement_document(case_id))

    async def application(self, application_id: uuid.UUID) -> ApplicationRead:
        async with self._sessions() as session:
            repository = MediationCaseRepository(session)
            case_id = await repository.case_id_for_application(application_id)
            if case_id is None:
                raise ApplicationNotFound(
                    f"Application {application_id} not found", f"司法确认申请 {application_id} 不存在"
                )
            case = await self._case(session, case_id)
        return ApplicationRead.from_domain(application(case, application_id), case)

    async def competence(self, case_id: uuid.UUID, subject_matter_region: str | None) -> CompetenceRead:
        async with self._sessions() as session:
            case = await self._case(session, case_id)
            organisation = None
            if case.mediator is not None:
                organisation = await RosterRepository(session).organisation(case.mediator.organisation_id)
        finding = case_competence(case, organisation, self._rules.courts, subject_matter_region)
        return CompetenceRead(
            rule=finding.rule,
            courts=[
                CompetentCourtOut(
                    code=c.code,
                    name=c.name,
                    level=c.level.value if c.level else None,
                    grounds=list(c.grounds),
                    grounds_zh=list(c.grounds_zh),
                )
                for c in finding.courts
            ],
            explanation=list(finding.explanation),
            explanation_zh=list(finding.explanation_zh),
        )

    async def deadlines(self, *, due_before: dt.datetime, limit: int) -> DeadlineList:
        """Armed deadlines across cases, soonest first (the staff's and mediators' worklist)."""
        query = (
            select(TIMERS, mediation_cases.c.case_no, mediation_cases.c.state)
            .join(
                mediation_cases, mediation_cases.c.id == TIMERS.c.aggregate_id.cast(mediation_cases.c.id.type)
            )
            .where(TIMERS.c.status == TimerStatus.SCHEDULED.value, TIMERS.c.due_at <= due_before)
            .order_by(TIMERS.c.due_at)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return DeadlineList(
            items=[
                DeadlineEntry(
                    case_id=uuid.UUID(r["aggregate_id"]),
                    case_no=r["case_no"],
                    state=r["state"],
                    name=r["name"],
                    kind=r["kind"],
                    due_at=r["due_at"],
                    provisional=r["provisional"],
                    explanation=r["explanation"],
                )
                for r in rows
            ]
        )

    # ------------------------------------------------------------------ roster

    async def organisations(self) -> OrganisationList:
        async with self._sessions() as session:
            found = await RosterRepository(session).all_organisations()
        return OrganisationList(items=[OrganisationOut.from_domain(o) for o in found])

    async def mediators(self) -> MediatorList:
        async with self._sessions() as session:
            roster = RosterRepository(session)
            mediators = await roster.all_mediators()
            organisations = await roster.organisations([m.organisation_id for m in mediators])
            loads = await MediationCaseRepository(session).mediator_loads([m.id for m in mediators])
        return MediatorList(
            items=[
                MediatorOut.from_domain(m, organisations[m.organisation_id], loads.get(m.id, 0))
                for m in mediators
            ]
        )

    async def mediator(self, mediator_id: uuid.UUID) -> MediatorOut:
        async with self._sessions() as session:
            roster = RosterRepository(session)
            mediator = await roster.mediator(mediator_id)
            if mediator is None:
                raise MediatorNotFound(f"Mediator {mediator_id} not found", f"调解员 {mediator_id} 不存在")
            organisation = await roster.organisation(mediator.organisation_id)
            loads = await MediationCaseRepository(session).mediator_loads([mediator.id])
        assert organisation is not None
        return MediatorOut.from_domain(mediator, organisation, loads.get(mediator.id, 0))

    async def candidates(self, case_id: uuid.UUID) -> CandidateList:
        """Every active mediator judged for the case: who can take it, best first, and why not."""
        async with self._sessions() as session:
            case = await self._case(session, case_id)
            roster = RosterRepository(session)
            mediators = await roster.active_mediators()
            organisations = await roster.organisations([m.organisation_id for m in mediators])
            loads = await MediationCaseRepository(session).mediator_loads([m.id for m in mediators])
        ranked = rank_candidates(mediators, organisations, loads, case_needs(case))
        return CandidateList(
            items=[
                CandidateOut(
                    mediator=MediatorOut.from_domain(c.mediator, c.organisation, c.load),
                    eligible=c.eligible,
                    specialty_match=c.specialty_match,
                    region_match=c.region_match,
                    exclusions=list(c.exclusions),
                )
                for c in ranked
            ]
        )


def _history_entry(recorded: RecordedEvent) -> HistoryEntry:
    event = recorded.event
    return HistoryEntry(
        event=event.name,
        occurred_at=event.at,
        # In the order PostgreSQL's JSONB gave the history's actor column, so the output is unchanged.
        actor={"id": event.actor.id, "kind": str(event.actor.kind)},
        from_state=event.from_state,
        to_state=event.to_state,
        details=dict(event.details),
    )


def _summary(row: dict[str, object]) -> CaseSummary:
    court = row.get("court")
    return CaseSummary.model_validate({**row, "court": CourtOut.model_validate(court) if court else None})
