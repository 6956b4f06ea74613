"""E-commerce notice and counter-notice (§F.3) with the art. 43 wait on the statutory clock (§F.2)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace

from intake.adapters.deadlines import Subject
from intake.config import IntakeConfig
from intake.domain import commands as c
from intake.domain.ecommerce_notice import EcommerceNotice
from intake.domain.errors import EcommerceNoticeNotFound, InvalidComplaint
from intake.handlers.common import Clock, complaint_for_update, deadline_book
from intake.unit_of_work import IntakeUnitOfWork
from shared.calendar import SHANGHAI, catalogue, compute, parse_period
from shared.errors import FieldError

WAIT = "ecommerce.counter_notice_wait"
TERMINATION = "termination"
TERMINATION_KIND = "intake.ecommerce_termination_due"
Step = Callable[[EcommerceNotice, c.RecordEcommerceStep, IntakeUnitOfWork, IntakeConfig], Awaitable[None]]


async def open_ecommerce_notice(
    cmd: c.OpenEcommerceNotice, uow: IntakeUnitOfWork, clock: Clock, config: IntakeConfig
) -> EcommerceNotice:
    if cmd.idempotency_key is not None:
        earlier = await uow.idempotency.claim(cmd.idempotency_key)
        if earlier is not None:
            return await _notice(uow, earlier)
    complaint = await complaint_for_update(uow, cmd.complaint_id)
    notice = EcommerceNotice(
        complaint_id=complaint.id,
        platform=cmd.platform,
        listing_ids=cmd.listing_ids,
        seller=cmd.seller,
        notice_at=cmd.notice_at,
    )
    notice.received(cmd.actor)
    await uow.notices.add(notice)
    started = await deadline_book(uow, config).start(
        _subject(notice),
        "notify_seller",
        period="ecommerce.platform_notify_seller",
        start=cmd.notice_at,
        kind="intake.deadline",
    )
    if started.note:
        complaint.record(
            "PeriodNotConfigured",
            cmd.actor,
            clock(),
            summary=f"No deadline set: {started.note}",
            summary_zh=f"未设定期限：{started.note}",
        )
        await uow.complaints.save(complaint)
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(notice.id))
    return notice


async def record_ecommerce_step(
    cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, clock: Clock, config: IntakeConfig
) -> EcommerceNotice:
    notice = await _notice(uow, str(cmd.notice_id))
    step = STEPS[cmd.step]
    await step(notice, cmd if cmd.at else replace(cmd, at=clock()), uow, config)
    await uow.notices.save(notice)
    return notice


async def _notice(uow: IntakeUnitOfWork, notice_id: str) -> EcommerceNotice:
    notice = await uow.notices.get(uuid.UUID(notice_id), for_update=True)
    if notice is None:
        raise EcommerceNoticeNotFound(
            f"E-commerce notice {notice_id} not found", f"电商通知 {notice_id} 不存在"
        )
    return notice


def _subject(notice: EcommerceNotice) -> Subject:
    return Subject(complaint_id=notice.complaint_id, kind=notice.SUBJECT, id=notice.id)


async def _reject(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    n.reject(cmd.note, cmd.actor, cmd.at)
    await deadline_book(uow, config).close_all(n.id)


async def _measures(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    n.take_measures(cmd.actor, cmd.at)


async def _forward_to_seller(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    n.forward_to_seller(cmd.actor, cmd.at)
    await deadline_book(uow, config).close(n.id, "notify_seller")


async def _no_counter_notice(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    n.no_counter_notice(cmd.actor, cmd.at)


async def _counter_notice(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    n.receive_counter_notice(cmd.actor, cmd.at)


async def _forward_to_holder(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    """The art. 43 window opens when the statement reaches the holder (start day not counted)."""
    assert cmd.at is not None
    arrival = cmd.arrival_at or cmd.at
    n.forward_to_holder(arrival, cmd.actor, cmd.at)
    started = await deadline_book(uow, config).start(
        _subject(n), TERMINATION, period=WAIT, start=arrival, kind=TERMINATION_KIND
    )
    assert started.deadline is not None  # a [V] entry with a figure
    n.set_termination_due(started.deadline.due)


async def _notarisation_delay(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    """Documented notarisation delay is not counted, up to the cap (法释〔2020〕9号 item 3, [V])."""
    assert cmd.at is not None and n.holder_arrival_at is not None
    if cmd.working_days is None:
        en, zh = "State the delay in working days", "请填写延误的工作日数"
        raise InvalidComplaint(en, zh, field_errors=[FieldError("working_days", "required", en, zh)])
    cap = catalogue.get("ecommerce.notarisation_delay_cap", config.province).required_period().length
    n.claim_notarisation_delay(cmd.working_days, cap, cmd.note, cmd.actor, cmd.at)
    base = catalogue.deadline(WAIT, n.holder_arrival_at.astimezone(SHANGHAI).date(), province=config.province)
    extended = compute(base.due, parse_period(f"+{cmd.working_days}wd"))
    await deadline_book(uow, config).move(
        _subject(n), TERMINATION, period=WAIT, deadline=extended, kind=TERMINATION_KIND
    )
    n.set_termination_due(extended.due)


async def _holder_filed(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    if not cmd.reference:
        en, zh = "Give the complaint or court case number", "请填写投诉编号或法院案号"
        raise InvalidComplaint(en, zh, field_errors=[FieldError("reference", "required", en, zh)])
    n.holder_filed(cmd.reference, cmd.actor, cmd.at)
    await deadline_book(uow, config).close(n.id, TERMINATION)


async def _terminate(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    n.terminate(cmd.actor, cmd.at, cmd.note or "recorded by staff")
    await deadline_book(uow, config).close(n.id, TERMINATION)


async def _publish(
    n: EcommerceNotice, cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    n.publish(cmd.actor, cmd.at)


STEPS: dict[str, Step] = {
    "reject": _reject,
    "take_measures": _measures,
    "forward_to_seller": _forward_to_seller,
    "no_counter_notice": _no_counter_notice,
    "counter_notice": _counter_notice,
    "forward_to_holder": _forward_to_holder,
    "notarisation_delay": _notarisation_delay,
    "holder_filed": _holder_filed,
    "terminate": _terminate,
    "publish": _publish,
}
