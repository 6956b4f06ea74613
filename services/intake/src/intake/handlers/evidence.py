"""Evidence: a file staged by the route becomes a row and a file in one go, or neither."""

from __future__ import annotations

from intake.adapters.evidence_store import EvidenceFiles
from intake.domain import commands as c
from intake.domain.complaint import ComplaintStatus
from intake.domain.errors import AlreadyExists, EvidenceRejected, IllegalStep
from intake.handlers.common import Clock, complaint_for_update, complaint_step
from intake.rules import IntakeRules
from intake.unit_of_work import IntakeUnitOfWork
from shared.audit.trail import current_context
from shared.errors import FieldError

_CLOSED = frozenset({ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN})


async def attach_evidence(
    cmd: c.AttachEvidence,
    uow: IntakeUnitOfWork,
    clock: Clock,
    rules: IntakeRules,
    evidence_files: EvidenceFiles,
) -> None:
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    if complaint.status in _CLOSED:
        raise IllegalStep(complaint.status.value, "EVIDENCE_ATTACHED", ())
    if cmd.media_type not in rules.media_types:
        en = f"Media type {cmd.media_type} is not accepted as evidence"
        zh = f"不接受 {cmd.media_type} 类型的证据文件"
        raise EvidenceRejected(en, zh, field_errors=[FieldError("file", "media_type", en, zh)])
    earlier = await uow.evidence.find_by_hash(complaint.id, cmd.sha256)
    if earlier is not None:
        en, zh = (
            f"The same file is already evidence {earlier} on this complaint",
            f"相同文件已作为证据 {earlier} 提交",
        )
        raise AlreadyExists(en, zh, field_errors=[FieldError("file", "duplicate", en, zh)])
    now = clock()
    await uow.evidence.add(
        id=cmd.evidence_id,
        complaint_id=complaint.id,
        file_name=cmd.file_name,
        media_type=cmd.media_type,
        size_bytes=cmd.size_bytes,
        sha256=cmd.sha256,
        storage_key=cmd.storage_key,
        source=cmd.source,
        notarisation_ref=cmd.notarisation_ref,
        description=cmd.description,
        uploaded_by=cmd.actor.id,
        uploaded_at=now,
        scan_status=cmd.scan_status.value,
    )
    complaint.evidence_attached(
        cmd.evidence_id, cmd.file_name, cmd.size_bytes, cmd.sha256, cmd.notarisation_ref, by=cmd.actor, at=now
    )
    await complaint_step(uow, complaint)
    # Last, so that a refusal above leaves the file staged for the caller to discard.
    evidence_files.promote(cmd.evidence_id, cmd.storage_key)


async def record_evidence_scan(cmd: c.RecordEvidenceScan, uow: IntakeUnitOfWork) -> None:
    """A file kept pending its scan was scanned again: clean releases it; infected keeps it withheld."""
    await uow.evidence.set_scan_status(cmd.evidence_id, cmd.scan_status.value)
    uow.audit.record(
        current_context().action or "intake.evidence.scan",
        object_type="complaint",
        object_id=cmd.complaint_id,
        details={"evidence_id": str(cmd.evidence_id), "scan_status": cmd.scan_status.value},
    )
