"""Intake's unit of work: the repositories and the case record on one session (one step, one transaction)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.complaint_import import ComplaintImports
from intake.adapters.customs import DetentionCases, Recordations
from intake.adapters.evidence_store import EvidenceRows
from intake.adapters.import_batch import BatchCaseRecord, BatchComplaints, BatchRegistry
from intake.adapters.orm import case_record, centre_cases, ecommerce_notices, idempotency_keys
from intake.adapters.registration_reads import RegistrationReads
from intake.adapters.registry import RightsRegistry
from intake.adapters.registry_import import ImportJobs
from intake.adapters.repository import ComplaintRepository
from intake.adapters.workflows import DownstreamCases, ExaminerRepository, TradeFairCases, WorkflowRepository
from intake.domain.centre_case import CentreCase
from intake.domain.commands import RegisterComplaint
from intake.domain.ecommerce_notice import EcommerceNotice
from intake.domain.rights import right_key
from shared.case_record import CaseRecord
from shared.uow import UnitOfWork
from shared.web.idempotency import IdempotencyStore


class IntakeUnitOfWork(UnitOfWork):
    complaints: ComplaintRepository
    case_record: CaseRecord
    evidence: EvidenceRows
    registry: RightsRegistry
    import_jobs: ImportJobs
    complaint_imports: ComplaintImports
    examiners: ExaminerRepository
    centre_cases: WorkflowRepository[CentreCase]
    trade_fair_cases: TradeFairCases
    notices: WorkflowRepository[EcommerceNotice]
    downstream: DownstreamCases
    idempotency: IdempotencyStore
    customs_detentions: DetentionCases
    customs_recordations: Recordations

    def _bind(self, session: AsyncSession) -> None:
        # A new complaint and every case-record entry go out in the commit's one statement; its
        # number, registry entries and duplicate candidates come in one statement too.
        reads = RegistrationReads()
        self.complaints = ComplaintRepository(session, at_commit=self.inserts, reads=reads)
        self.case_record = CaseRecord(session, case_record, at_commit=self.inserts)
        self.evidence = EvidenceRows(session)
        self.registry = RightsRegistry(session, reads=reads)
        self.import_jobs = ImportJobs(session)
        self.complaint_imports = ComplaintImports(session)
        self.examiners = ExaminerRepository(session)
        self.centre_cases = WorkflowRepository(session, centre_cases, CentreCase)
        self.trade_fair_cases = TradeFairCases(session)
        self.notices = WorkflowRepository(session, ecommerce_notices, EcommerceNotice)
        self.downstream = DownstreamCases(session)
        self.idempotency = IdempotencyStore(session, idempotency_keys)
        self.customs_detentions = DetentionCases(session)
        self.customs_recordations = Recordations(session)


class ImportBatchUnitOfWork(IntakeUnitOfWork):
    """A bulk import's batch: the same repositories, with the batch's lookups read at once and its
    complaints, match keys and case-record entries written together before the commit
    (:mod:`intake.adapters.import_batch`)."""

    complaints: BatchComplaints
    registry: BatchRegistry
    case_record: BatchCaseRecord

    def _bind(self, session: AsyncSession) -> None:
        super()._bind(session)
        self.complaints = BatchComplaints(session)
        self.registry = BatchRegistry(session)
        self.case_record = BatchCaseRecord(session, case_record)

    async def prepare(self, commands: Sequence[RegisterComplaint]) -> None:
        """Read what the batch's registrations will look up: registry entries, earlier complaints."""
        claimed = [right for command in commands for right in command.rights]
        await self.registry.prepare(claimed)
        await self.complaints.prepare(len(commands), (right_key(r.ip_type, r.number) for r in claimed))

    async def commit(self) -> None:
        await self.complaints.flush()
        await self.case_record.flush()
        await super().commit()
