"""Reads of cases, agreements, applications, deadlines, competence and the roster.

Every read of a case is for a principal: the object rules decide whether it may see the case
(office scope, the mediator's assignment, the court's own cases: ``domain.access``) and what it sees
of the parties (``shared.access.minimise``: a court never gets an individual's phone, e-mail or
address; internal readers who do not handle the case see them masked). Lists are filtered in SQL by
the same rules. A response to a step the principal was just allowed to take is shown without the
read rule (``check=False``), minimised all the same. The roster is a public registry: read whole.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Select, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mediation.adapters.agreement_document import agreement_document
from mediation.adapters.orm import (
    case_record,
    confirmation_applications,
    mediation_cases,
    mediation_organisations,
    mediator_assignments,
    messaging,
)
from mediation.adapters.orm import mediators as mediators_table
from mediation.adapters.repository import MediationCaseRepository
from mediation.adapters.roster_repository import RosterRepository, mediator_from_row, organisation_from_row
from mediation.domain.access import (
    OFFICE_READERS,
    READING,
    acts_as_mediator,
    authorise_read,
    reader_for,
)
from mediation.domain.case import MediationCase
from mediation.domain.confirming import application, case_competence
from mediation.domain.errors import (
    ApplicationNotFound,
    MediationCaseNotFound,
    MediatorNotFound,
    OrganisationNotFound,
    StepNotPossible,
)
from mediation.domain.mediating import case_needs
from mediation.domain.parties import CaseParty
from mediation.domain.roster import rank_candidates
from mediation.rules import MediationRules
from mediation.views.case_models import (
    AgreementRead,
    ApplicationRead,
    CaseList,
    CaseRead,
    CaseSort,
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
    RosterSort,
)
from shared.access.minimise import Reader, minimise_party
from shared.case_record import CaseRecord, RecordedEvent
from shared.db import LIKE_ESCAPE, like_pattern
from shared.documents import Document, render_html, render_pdf
from shared.identity.principals import Principal, PrincipalKind, scope_prefix
from shared.timers import TimerStatus
from shared.vocabulary import PartyKind
from shared.web.lists import changed_since, count, sorted_by

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

    async def _readable(
        self, session: AsyncSession, case_id: uuid.UUID, principal: Principal, *, check: bool = True
    ) -> tuple[MediationCase, Reader]:
        """The case as ``principal`` may see it (refused by the object rules when ``check``)."""
        case = await self._case(session, case_id)
        reader = authorise_read(principal, case) if check else reader_for(principal)
        return shown(case, reader), reader

    async def case(self, case_id: uuid.UUID, principal: Principal, *, check: bool = True) -> CaseRead:
        async with self._sessions() as session:
            case, _ = await self._readable(session, case_id, principal, check=check)
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
        principal: Principal,
        *,
        complaint_id: uuid.UUID | None = None,
        state: str | None = None,
        kind: str | None = None,
        origin_id: str | None = None,
        updated_since: dt.datetime | None = None,
        sort: CaseSort = CaseSort.OPENED_DESC,
        limit: int = 50,
        offset: int = 0,
    ) -> CaseList:
        """The cases ``principal`` may read (filtered in SQL), newest first unless ``sort`` says
        otherwise; ``total`` counts every page."""
        query = select(mediation_cases)
        filters = {"complaint_id": complaint_id, "state": state, "kind": kind, "origin_id": origin_id}
        for column, value in filters.items():
            if value is not None:
                query = query.where(mediation_cases.c[column] == value)
        query = query.where(readable_by(principal), changed_since(mediation_cases, updated_since))
        as_of = dt.datetime.now(dt.UTC)
        async with self._sessions() as session:
            total = await count(session, query)
            ordered = sorted_by(query, mediation_cases, sort)
            rows = (await session.execute(ordered.limit(limit).offset(offset))).mappings().all()
        return CaseList(
            items=[_summary(dict(r)) for r in rows],
            total=total,
            sort=sort,
            as_of=as_of,
            limit=limit,
            offset=offset,
        )

    async def history(self, case_id: uuid.UUID, principal: Principal) -> History:
        """The case's record, in the order it was written."""
        async with self._sessions() as session:
            await self._readable(session, case_id, principal)
            recorded = await CaseRecord(session, case_record).of([case_id])
        return History(items=[_history_entry(r) for r in recorded])

    async def agreement(
        self, case_id: uuid.UUID, principal: Principal, *, check: bool = True
    ) -> AgreementRead:
        async with self._sessions() as session:
            case, _ = await self._readable(session, case_id, principal, check=check)
        agreement = case.agreement
        if agreement is None:
            raise StepNotPossible("The case has no agreement yet", "本案尚无调解协议")
        return AgreementRead.from_domain(agreement, case.parties)

    async def agreement_document(self, case_id: uuid.UUID, principal: Principal) -> Document:
        """The 调解协议书 with the parties as ``principal`` may see them."""
        async with self._sessions() as session:
            case, _ = await self._readable(session, case_id, principal)
            organisation = None
            if case.mediator is not None:
                organisation = await RosterRepository(session).organisation(case.mediator.organisation_id)
        if case.agreement is None:
            raise StepNotPossible("The case has no agreement yet", "本案尚无调解协议")
        return agreement_document(case, case.agreement, organisation)

    async def agreement_html(self, case_id: uuid.UUID, principal: Principal) -> str:
        return render_html(await self.agreement_document(case_id, principal))

    async def agreement_pdf(self, case_id: uuid.UUID, principal: Principal) -> bytes:
        return render_pdf(await self.agreement_document(case_id, principal))

    async def application(
        self, application_id: uuid.UUID, principal: Principal, *, check: bool = True
    ) -> ApplicationRead:
        async with self._sessions() as session:
            repository = MediationCaseRepository(session)
            case_id = await repository.case_id_for_application(application_id)
            if case_id is None:
                raise ApplicationNotFound(
                    f"Application {application_id} not found", f"司法确认申请 {application_id} 不存在"
                )
            case, _ = await self._readable(session, case_id, principal, check=check)
        return ApplicationRead.from_domain(application(case, application_id), case)

    async def competence(
        self, case_id: uuid.UUID, principal: Principal, subject_matter_region: str | None
    ) -> CompetenceRead:
        async with self._sessions() as session:
            case, _ = await self._readable(session, case_id, principal)
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

    async def deadlines(self, principal: Principal, *, due_before: dt.datetime, limit: int) -> DeadlineList:
        """Armed deadlines of the cases ``principal`` may read, soonest first (the worklist)."""
        query = (
            select(TIMERS, mediation_cases.c.case_no, mediation_cases.c.state)
            .join(
                mediation_cases, mediation_cases.c.id == TIMERS.c.aggregate_id.cast(mediation_cases.c.id.type)
            )
            .where(TIMERS.c.status == TimerStatus.SCHEDULED.value, TIMERS.c.due_at <= due_before)
            .where(readable_by(principal))
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

    async def organisation(self, organisation_id: uuid.UUID) -> OrganisationOut:
        async with self._sessions() as session:
            found = await RosterRepository(session).organisation(organisation_id)
        if found is None:
            raise OrganisationNotFound(
                f"Organisation {organisation_id} not found", f"调解组织 {organisation_id} 不存在"
            )
        return OrganisationOut.from_domain(found)

    async def organisations(
        self,
        *,
        kind: str | None = None,
        active: bool | None = None,
        updated_since: dt.datetime | None = None,
        sort: RosterSort = RosterSort.NAME,
        limit: int = 100,
        offset: int = 0,
    ) -> OrganisationList:
        """The roster's organisations by name unless ``sort`` says otherwise (the id breaks ties);
        ``total`` counts every page."""
        table = mediation_organisations
        query = select(table).where(changed_since(table, updated_since))
        if kind is not None:
            query = query.where(table.c.kind == kind)
        if active is not None:
            query = query.where(table.c.active.is_(active))
        as_of = dt.datetime.now(dt.UTC)
        async with self._sessions() as session:
            total = await count(session, query)
            ordered = sorted_by(query, table, sort).limit(limit).offset(offset)
            rows = (await session.execute(ordered)).mappings().all()
        return OrganisationList(
            items=[OrganisationOut.from_domain(organisation_from_row(r)) for r in rows],
            total=total,
            sort=sort,
            as_of=as_of,
            limit=limit,
            offset=offset,
        )

    async def mediators(
        self,
        *,
        organisation_id: uuid.UUID | None = None,
        active: bool | None = None,
        updated_since: dt.datetime | None = None,
        sort: RosterSort = RosterSort.NAME,
        limit: int = 100,
        offset: int = 0,
    ) -> MediatorList:
        """The roster's mediators with their current load, by name unless ``sort`` says otherwise
        (the id breaks ties); ``total`` counts every page."""
        query = select(mediators_table).where(changed_since(mediators_table, updated_since))
        if organisation_id is not None:
            query = query.where(mediators_table.c.organisation_id == organisation_id)
        if active is not None:
            query = query.where(mediators_table.c.active.is_(active))
        as_of = dt.datetime.now(dt.UTC)
        async with self._sessions() as session:
            total = await count(session, query)
            ordered = sorted_by(query, mediators_table, sort).limit(limit).offset(offset)
            found = [mediator_from_row(r) for r in (await session.execute(ordered)).mappings()]
            organisations = await RosterRepository(session).organisations([m.organisation_id for m in found])
            loads = await MediationCaseRepository(session).mediator_loads([m.id for m in found])
        return MediatorList(
            items=[
                MediatorOut.from_domain(m, organisations[m.organisation_id], loads.get(m.id, 0))
                for m in found
            ],
            total=total,
            sort=sort,
            as_of=as_of,
            limit=limit,
            offset=offset,
        )

    async def mediator(self, mediator_id: uuid.UUID) -> MediatorOut:
        async with self._sessions() as session:
            roster = RosterRepository(session)
            mediator = await roster.mediator(mediator_id)
            if mediator is None:
                raise MediatorNotFound(f"Mediator {mediator_id} not found", f"调解员 {mediator_id} 不存在")
            organisation = await roster.organisation(mediator.organisation_id)
            loads = await MediationCaseRepository(session).mediator_loads([mediator.id])
        if organisation is None:  # a foreign key keeps every mediator's organisation
            raise MediatorNotFound(
                f"Mediator {mediator_id} has no organisation", f"调解员 {mediator_id} 无所属组织"
            )
        return MediatorOut.from_domain(mediator, organisation, loads.get(mediator.id, 0))

    async def candidates(self, case_id: uuid.UUID, principal: Principal) -> CandidateList:
        """Every active mediator judged for the case: who can take it, best first, and why not."""
        async with self._sessions() as session:
            case, _ = await self._readable(session, case_id, principal)
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


# ------------------------------------------------------------------ who reads what


def readable_by(principal: Principal) -> ColumnElement[bool]:
    """The cases ``principal`` may read, as a condition on ``mediation_cases`` (the object rules in SQL)."""
    cases = mediation_cases.c
    if principal.kind is PrincipalKind.COURT:
        code = principal.partner_code
        if code is None:
            return false()
        filed_with: Select[Any] = select(confirmation_applications.c.case_id).where(
            confirmation_applications.c.court_code == code
        )
        return or_(
            cases.court["court_code"].astext == code,
            cases.enforcement["court_code"].astext == code,
            cases.id.in_(filed_with),
        )
    if acts_as_mediator(principal, OFFICE_READERS):
        assigned: Select[Any] = select(mediator_assignments.c.case_id).where(
            mediator_assignments.c.mediator_account == principal.subject,
            mediator_assignments.c.status.in_([s.value for s in READING]),
        )
        return cases.id.in_(assigned)
    if principal.kind is PrincipalKind.PERSON and principal.has_any(OFFICE_READERS) and principal.office_code:
        try:
            prefix = scope_prefix(principal.office_code)
        except ValueError:  # an office code without a division: it covers nothing
            return false()
        return cases.office_code.like(like_pattern(prefix, anchored=True), escape=LIKE_ESCAPE)
    return false()


def shown(case: MediationCase, reader: Reader) -> MediationCase:
    """``case`` with its parties as ``reader`` may see them (individuals' contact data minimised)."""
    if reader is Reader.CASE_HANDLER:
        return case
    return replace(case, parties=tuple(shown_party(p, reader) for p in case.parties))


def shown_party(party: CaseParty, reader: Reader) -> CaseParty:
    individual = party.kind is PartyKind.INDIVIDUAL
    return CaseParty.from_dict(minimise_party(party.as_dict(), reader, individual=individual))
