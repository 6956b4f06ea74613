"""Customs: one entry point per inbound customs message, the holder's decision, recordations, timers.

The REST routes (ports without Kafka) and, later, the partners gateway's forwarded messages call the
same functions through the bus: a message is idempotent on the port's own reference (a repeated
``detention_notified`` returns the case it opened; a repeated step is refused by the table as 409).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from intake.domain.access import authorise_step
from intake.domain.customs import commands as cc
from intake.domain.customs.access import (
    authorise_customs_step,
    authorise_detention_link,
    authorise_holder_decision,
)
from intake.domain.customs.clocks import local_day
from intake.domain.customs.detention import ComplaintSummary, DetentionCase, Route
from intake.domain.customs.errors import DetentionCaseNotFound, RecordationNotFound
from intake.domain.customs.recordation import LapseReason, Recordation
from intake.domain.customs.rules import CustomsRules
from intake.domain.errors import ComplaintNotFound
from intake.domain.rights import normalise_number
from intake.handlers.common import Clock
from intake.publishing.customs import DETENTIONS, RECORDATIONS
from intake.unit_of_work import IntakeUnitOfWork
from shared.domain.actors import Actor
from shared.vocabulary import IpType


async def _is_client_right(uow: IntakeUnitOfWork, ip_type: str, number: str) -> bool:
    """A right a centre client holds: it is in the centre's rights registry."""
    try:
        kind = IpType(ip_type)
    except ValueError:
        return False
    return await uow.registry.get(kind, number) is not None


async def detention_notified(
    cmd: cc.DetentionNotified, uow: IntakeUnitOfWork, customs: CustomsRules
) -> DetentionCase:
    """``customs.detention_notified`` (ex officio) or an application filed at the port: opens the case."""
    authorise_customs_step(cmd.principal, cmd.port_code)
    existing = await uow.customs_detentions.by_ref(cmd.port_code, cmd.customs_ref)
    if existing is not None:
        return existing
    fields = {
        "port_code": cmd.port_code,
        "customs_ref": cmd.customs_ref,
        "office_code": customs.office_code,
        "ip_type": cmd.ip_type,
        "ip_reg_no": cmd.ip_reg_no,
        "recordation_no": cmd.recordation_no,
        "holder": cmd.holder,
        "goods": cmd.goods,
        "consignee": cmd.consignee,
        "consignor": cmd.consignor,
        "opened_at": cmd.at,
    }
    if cmd.route is Route.EX_OFFICIO:
        case = DetentionCase.suspect_found(cmd.actor, **fields)
        case.notify_holder(cmd.served_on or local_day(cmd.at), cmd.actor, cmd.at, customs.warnings)
    else:
        case = DetentionCase.application_filed(cmd.actor, **fields)
    client = await _is_client_right(uow, cmd.ip_type, cmd.ip_reg_no)
    await DETENTIONS.record(uow, case, save=lambda: uow.customs_detentions.add(case, client=client))
    return case


async def _step(
    cmd: cc.CustomsMessage, uow: IntakeUnitOfWork, take: Callable[[DetentionCase], None]
) -> DetentionCase:
    authorise_customs_step(cmd.principal, cmd.port_code)
    case = await uow.customs_detentions.by_ref(cmd.port_code, cmd.customs_ref, for_update=True)
    if case is None:
        raise DetentionCaseNotFound()
    take(case)
    await DETENTIONS.record(uow, case, save=lambda: uow.customs_detentions.save(case))
    return case


async def detained(cmd: cc.Detained, uow: IntakeUnitOfWork, customs: CustomsRules) -> DetentionCase:
    return await _step(
        cmd,
        uow,
        lambda case: case.detain(
            cmd.detained_on, cmd.guarantee, cmd.actor, cmd.at, customs.guarantee, customs.warnings
        ),
    )


async def application_rejected(cmd: cc.ApplicationRejected, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(cmd, uow, lambda case: case.reject(cmd.reason, cmd.actor, cmd.at))


async def investigation_started(cmd: cc.InvestigationStarted, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(cmd, uow, lambda case: case.start_investigation(cmd.actor, cmd.at))


async def infringement_determined(cmd: cc.InfringementDetermined, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(cmd, uow, lambda case: case.determine_infringement(cmd.finding, cmd.actor, cmd.at))


async def unable_to_determine(cmd: cc.UnableToDetermine, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(cmd, uow, lambda case: case.unable_to_determine(cmd.actor, cmd.at))


async def court_notice_received(cmd: cc.CourtNoticeReceived, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(
        cmd, uow, lambda case: case.hold_per_court(cmd.court, cmd.notice_ref, cmd.actor, cmd.at)
    )


async def released(cmd: cc.Released, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(
        cmd,
        uow,
        lambda case: case.release(
            cmd.ground,
            cmd.actor,
            cmd.at,
            costs=cmd.costs,
            claim_pending=cmd.claim_pending,
            counter_guarantee=cmd.counter_guarantee,
        ),
    )


async def confiscated(cmd: cc.Confiscated, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(cmd, uow, lambda case: case.confiscate(cmd.actor, cmd.at))


async def disposed(cmd: cc.Disposed, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(
        cmd,
        uow,
        lambda case: case.dispose(
            cmd.method,
            cmd.actor,
            cmd.at,
            earlier_excluded=cmd.earlier_excluded,
            features_removed=cmd.features_removed,
        ),
    )


async def referred_to_police(cmd: cc.ReferredToPolice, uow: IntakeUnitOfWork) -> DetentionCase:
    return await _step(cmd, uow, lambda case: case.refer_police(cmd.reason, cmd.actor, cmd.at))


async def decide_for_holder(cmd: cc.DecideForHolder, uow: IntakeUnitOfWork, clock: Clock) -> DetentionCase:
    """The centre records the holder's decision on the notice: its task is done."""
    case = await uow.customs_detentions.get(cmd.detention_id, for_update=True)
    if case is None:
        raise DetentionCaseNotFound()
    authorise_holder_decision(cmd.principal, case.office_code)
    case.record_holder_decision(cmd.decision, cmd.actor, clock(), cmd.guarantee)
    await DETENTIONS.record(uow, case, save=lambda: uow.customs_detentions.save(case))
    return case


async def link_complaint(cmd: cc.LinkComplaint, uow: IntakeUnitOfWork, clock: Clock) -> DetentionCase:
    """The complaint filed for the detained goods becomes the detention's court/administrative route."""
    case = await uow.customs_detentions.get(cmd.detention_id, for_update=True)
    if case is None:
        raise DetentionCaseNotFound()
    authorise_detention_link(cmd.principal, case.office_code)
    complaint = await uow.complaints.get(cmd.complaint_id)
    if complaint is None:
        raise ComplaintNotFound()
    authorise_step(cmd.principal, complaint.office_code)
    summary = ComplaintSummary(
        complaint_id=complaint.id,
        reference=complaint.reference,
        rights=tuple((r.ip_type.value, normalise_number(r.number)) for r in complaint.rights),
        respondent_codes=frozenset(p.credit_code for p in complaint.respondents if p.credit_code),
    )
    if case.link_complaint(summary, cmd.actor, clock()):
        await DETENTIONS.record(uow, case, save=lambda: uow.customs_detentions.save(case))
    return case


async def reach_detention_deadline(cmd: cc.ReachDetentionDeadline, uow: IntakeUnitOfWork) -> None:
    case = await uow.customs_detentions.get(uuid.UUID(cmd.aggregate_id), for_update=True)
    if case is None:
        return
    case.deadline_reached(cmd.deadline, warning=cmd.warning, at=cmd.due_at)
    await DETENTIONS.record(uow, case, save=lambda: uow.customs_detentions.save(case))


# ------------------------------------------------------------------------------ recordations


async def record_approved(
    cmd: cc.RecordApproved, uow: IntakeUnitOfWork, customs: CustomsRules
) -> Recordation:
    existing = await uow.customs_recordations.by_number(cmd.record_no)
    if existing is not None:
        return existing
    record = Recordation.approved(
        cmd.actor,
        cmd.at,
        approved_on=cmd.approved_on,
        warnings=customs.warnings,
        record_no=cmd.record_no,
        ip_type=cmd.ip_type,
        ip_reg_no=cmd.ip_reg_no,
        holder_name=cmd.holder_name,
        holder_credit_code=cmd.holder_credit_code,
        expires_on=cmd.expires_on,
        licensees=cmd.licensees,
        genuine_goods=cmd.genuine_goods,
        known_infringers=cmd.known_infringers,
    )
    await RECORDATIONS.record(uow, record, save=lambda: uow.customs_recordations.save(record))
    return record


async def _recordation(uow: IntakeUnitOfWork, record_no: str) -> Recordation:
    record = await uow.customs_recordations.by_number(record_no, for_update=True)
    if record is None:
        raise RecordationNotFound()
    return record


async def record_renewed(cmd: cc.RecordRenewed, uow: IntakeUnitOfWork) -> Recordation:
    record = await _recordation(uow, cmd.record_no)
    record.renew(cmd.renewed_on, cmd.actor, cmd.at)
    await RECORDATIONS.record(uow, record, save=lambda: uow.customs_recordations.save(record))
    return record


async def record_lapsed(cmd: cc.RecordLapsed, uow: IntakeUnitOfWork) -> Recordation:
    record = await _recordation(uow, cmd.record_no)
    record.lapse(cmd.reason, cmd.actor, cmd.at, cmd.note)
    await RECORDATIONS.record(uow, record, save=lambda: uow.customs_recordations.save(record))
    return record


async def record_changed(cmd: cc.RecordChanged, uow: IntakeUnitOfWork, customs: CustomsRules) -> Recordation:
    record = await _recordation(uow, cmd.record_no)
    record.change_occurred(cmd.what, cmd.changed_on, cmd.actor, cmd.at, customs.warnings)
    await _save_recordation(uow, record)
    return record


async def record_change_reported(cmd: cc.RecordChangeReported, uow: IntakeUnitOfWork) -> Recordation:
    record = await _recordation(uow, cmd.record_no)
    changes = {
        name: value
        for name, value in (("holder_name", cmd.holder_name), ("holder_credit_code", cmd.holder_credit_code))
        if value is not None
    }
    record.change_reported(cmd.reported_on, cmd.actor, cmd.at, **changes)
    await _save_recordation(uow, record)
    return record


async def reach_recordation_deadline(cmd: cc.ReachRecordationDeadline, uow: IntakeUnitOfWork) -> None:
    record = await uow.customs_recordations.get(uuid.UUID(cmd.aggregate_id), for_update=True)
    if record is None:
        return
    record.deadline_reached(cmd.deadline, warning=cmd.warning, at=cmd.due_at)
    await RECORDATIONS.record(uow, record, save=lambda: uow.customs_recordations.save(record))


async def import_recordations(
    cmd: cc.ImportRecordations, uow: IntakeUnitOfWork, customs: CustomsRules
) -> int:
    """Approve each valid imported row (GACC data); rows already present stay. Returns the new count."""
    imported = 0
    for row in cmd.rows:
        if await uow.customs_recordations.by_number(row.record_no) is None:
            await record_approved(row, uow, customs)
            imported += 1
    return imported


ENDED = frozenset({"lapsed", "invalidated", "expired", "revoked"})


async def right_status_changed(
    uow: IntakeUnitOfWork, ip_type: str, number: str, status: str, reason: str, at: dt.datetime
) -> None:
    """A right in the registry ended (invalidation, expiry...): its recordations lapse (art. 10)."""
    if status not in ENDED:
        return
    for record in await uow.customs_recordations.for_right(
        ip_type, {number, normalise_number(number)}, for_update=True
    ):
        if record.is_active:
            record.lapse(LapseReason.RIGHT_ENDED, Actor.system(), at, f"right {status}: {reason}")
            await _save_recordation(uow, record)


async def _save_recordation(uow: IntakeUnitOfWork, record: Recordation) -> None:
    await RECORDATIONS.record(uow, record, save=lambda: uow.customs_recordations.save(record))
