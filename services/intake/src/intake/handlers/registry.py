"""Rights registry commands: save one right, change a status (published), queue a bulk import.

The registry is reference data, not a case: its changes are announced straight into the outbox
(through :func:`intake.publishing.status_changed_event`) and kept on no case record.
"""

from __future__ import annotations

from dataclasses import replace

from intake.domain import commands as c
from intake.domain.errors import AlreadyExists, InvalidRight, RightNotFound
from intake.domain.rights import (
    RIGHT_STATUS,
    EvaluationReportRecord,
    RegisteredRight,
    evaluation_report_problem,
)
from intake.handlers.common import Clock, audit
from intake.handlers.customs import right_status_changed
from intake.publishing import evaluation_reported_event, status_changed_event
from intake.unit_of_work import IntakeUnitOfWork
from shared.errors import FieldError


async def save_right(cmd: c.SaveRight, uow: IntakeUnitOfWork, clock: Clock) -> RegisteredRight:
    """Create or replace a right; a changed status is announced like any other status change."""
    _, changes = await uow.registry.upsert_many([cmd.right], source=f"staff:{cmd.actor.id}")
    for change in changes:
        event = status_changed_event(
            change.right, change.previous, clock().date(), "registry entry updated by staff"
        )
        uow.outbox.add(event, key=change.right.key)
    audit(uow, "right.save", "ip_right", cmd.right.key, status=cmd.right.status.value)
    return cmd.right


async def change_right_status(
    cmd: c.ChangeRightStatus, uow: IntakeUnitOfWork, clock: Clock
) -> RegisteredRight:
    current = await uow.registry.get(cmd.ip_type, cmd.number, for_update=True)
    if current is None:
        raise RightNotFound(
            f"No {cmd.ip_type.value} {cmd.number} in the registry", f"登记库中无 {cmd.number}"
        )
    updated = replace(current, status=RIGHT_STATUS.step(current.status, f"record_{cmd.status.value}").target)
    await uow.registry.upsert_many([updated], source=f"staff:{cmd.actor.id}")
    if current.status is not cmd.status:
        uow.outbox.add(
            status_changed_event(updated, current.status, cmd.effective_date, cmd.reason), key=updated.key
        )
    audit(uow, "right.change_status", "ip_right", updated.key, status=cmd.status.value, reason=cmd.reason)
    if current.status is not cmd.status:  # a right that ends ends its customs recordations (art. 10)
        await right_status_changed(
            uow, cmd.ip_type.value, cmd.number, cmd.status.value, cmd.reason or "", clock()
        )
    return updated


async def record_evaluation_report(
    cmd: c.RecordEvaluationReport, uow: IntakeUnitOfWork, clock: Clock
) -> EvaluationReportRecord:
    """Record a report CNIPA issued for a utility model or design in the registry; customs hear of it
    (``intake.ip_right.evaluation_reported``, §H.2)."""
    now = clock()
    problem = evaluation_report_problem(cmd.ip_type, cmd.issued_on, now.date())
    if problem is not None:
        field, en, zh = problem
        raise InvalidRight(en, zh, field_errors=[FieldError(field, "evaluation_report_invalid", en, zh)])
    right = await uow.registry.get(cmd.ip_type, cmd.number)
    if right is None:
        raise RightNotFound(
            f"No {cmd.ip_type.value} {cmd.number} in the registry", f"登记库中无 {cmd.number}"
        )
    report = EvaluationReportRecord(
        ip_type=right.ip_type,
        number=right.number,
        report_no=cmd.report_no,
        conclusion=cmd.conclusion,
        issued_on=cmd.issued_on,
        recorded_by=cmd.actor.id,
        recorded_at=now,
    )
    if not await uow.registry.add_evaluation_report(report):
        raise AlreadyExists(
            f"Report {cmd.report_no} is recorded for {right.number} already",
            f"{right.number} 的评价报告 {cmd.report_no} 已登记",
        )
    uow.outbox.add(evaluation_reported_event(right, report), key=right.key)
    audit(
        uow,
        "right.record_evaluation_report",
        "ip_right",
        right.key,
        report_no=report.report_no,
        conclusion=report.conclusion.value,
    )
    return report


async def start_registry_import(cmd: c.StartRegistryImport, uow: IntakeUnitOfWork, clock: Clock) -> str:
    """Queue the uploaded file; the worker's import job picks it up. Returns the job id."""
    if cmd.idempotency_key is not None:
        earlier = await uow.idempotency.claim(cmd.idempotency_key)
        if earlier is not None:
            return earlier
    await uow.import_jobs.queue(
        job_id=cmd.job_id,
        file_name=cmd.file_name,
        file_format=cmd.file_format,
        storage_key=cmd.storage_key,
        created_by=cmd.actor.id,
        at=clock(),
    )
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(cmd.job_id))
    audit(uow, "right.import", "import_job", cmd.job_id, file_name=cmd.file_name, format=cmd.file_format)
    return str(cmd.job_id)
