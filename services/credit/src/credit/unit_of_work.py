"""Credit's unit of work: every repository, the case record, outbox and timers on one session,
so one command is one transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.commitments import CommitmentRepository
from credit.adapters.findings import FindingRepository
from credit.adapters.grades import GradeRepository
from credit.adapters.orm import case_record, idempotency_keys
from credit.adapters.records import RecordRepository
from credit.adapters.subjects import SubjectRepository
from credit.adapters.unmatched import UnmatchedInputRepository
from shared.case_record import CaseRecord
from shared.uow import UnitOfWork
from shared.web.idempotency import IdempotencyStore


class CreditUnitOfWork(UnitOfWork):
    subjects: SubjectRepository
    records: RecordRepository
    findings: FindingRepository
    commitments: CommitmentRepository
    grades: GradeRepository
    unmatched: UnmatchedInputRepository
    idempotency: IdempotencyStore
    case_record: CaseRecord

    def _bind(self, session: AsyncSession) -> None:
        self.subjects = SubjectRepository(session)
        self.records = RecordRepository(session)
        self.findings = FindingRepository(session)
        self.commitments = CommitmentRepository(session)
        self.grades = GradeRepository(session)
        self.unmatched = UnmatchedInputRepository(session)
        self.idempotency = IdempotencyStore(session, idempotency_keys)
        self.case_record = CaseRecord(session, case_record)
