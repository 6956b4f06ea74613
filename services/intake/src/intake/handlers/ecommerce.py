"""E-commerce notice and counter-notice (§F.3) with the art. 43 wait on the statutory clock (§F.2)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from intake.domain import commands as c
from intake.domain.access import authorise_notice_step
from intake.domain.deadlines import NOTARISATION_DELAY_CAP
from intake.domain.ecommerce_notice import EcommerceNotice
from intake.domain.errors import EcommerceNoticeNotFound, InvalidComplaint
from intake.handlers.common import Clock, complaint_for_update, complaint_step, not_before, office_of
from intake.publishing import NOTICES
from intake.rules import IntakeRules
from intake.unit_of_work import IntakeUnitOfWork
from shared.calendar import catalogue
from shared.errors import FieldError


@dataclass(frozen=True, slots=True)
class NoticeStep:
    notice: EcommerceNotice
    cmd: c.RecordEcommerceStep
    at: dt.datetime
    rules: IntakeRules


async def open_ecommerce_notice(
    cmd: c.OpenEcommerceNotice, uow: IntakeUnitOfWork, clock: Clock, rules: IntakeRules
) -> EcommerceNotice:
    if cmd.idempotency_key is not None:
        earlier = await uow.idempotency.claim(cmd.idempotency_key)
        if earlier is not None:
            return await _notice(uow, earlier)
    complaint = await complaint_for_update(uow, cmd.complaint_id, cmd.principal)
    notice = EcommerceNotice(
        complaint_id=complaint.id,
        platform=cmd.platform,
        listing_ids=cmd.listing_ids,
        seller=cmd.seller,
        notice_at=cmd.notice_at,
    )
    notify_seller = notice.received(cmd.actor, rules.province)
    await NOTICES.record(uow, notice, save=lambda: uow.notices.add(notice), parent_id=complaint.id)
    if notify_seller.due is None:
        complaint.note_untimed(notify_seller, cmd.actor, clock(), ask_operator=False)
        await complaint_step(uow, complaint)
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(notice.id))
    return notice


async def record_ecommerce_step(
    cmd: c.RecordEcommerceStep, uow: IntakeUnitOfWork, clock: Clock, rules: IntakeRules
) -> EcommerceNotice:
    notice = await _notice(uow, str(cmd.notice_id))
    authorise_notice_step(cmd.principal, await office_of(uow, notice.complaint_id), notice.platform)
    at = cmd.at or clock()
    not_before(at, notice.notice_at, "at", *NOTICE)
    if cmd.arrival_at is not None:  # it reached the holder after it was sent (when that is given)
        sent, what = (cmd.at, ("its forwarding", "转送时间")) if cmd.at else (notice.notice_at, NOTICE)
        not_before(cmd.arrival_at, sent, "arrival_at", *what)
    STEPS[cmd.step](NoticeStep(notice, cmd, at, rules))
    await NOTICES.record(uow, notice, save=lambda: uow.notices.save(notice), parent_id=notice.complaint_id)
    return notice


NOTICE = ("the notice it belongs to", "所属通知的接收时间")


async def _notice(uow: IntakeUnitOfWork, notice_id: str) -> EcommerceNotice:
    notice = await uow.notices.get(uuid.UUID(notice_id), for_update=True)
    if notice is None:
        raise EcommerceNoticeNotFound(
            f"E-commerce notice {notice_id} not found", f"电商通知 {notice_id} 不存在"
        )
    return notice


def _reject(step: NoticeStep) -> None:
    step.notice.reject(step.cmd.note, step.cmd.actor, step.at)


def _measures(step: NoticeStep) -> None:
    step.notice.take_measures(step.cmd.actor, step.at)


def _forward_to_seller(step: NoticeStep) -> None:
    step.notice.forward_to_seller(step.cmd.actor, step.at)


def _no_counter_notice(step: NoticeStep) -> None:
    step.notice.no_counter_notice(step.cmd.actor, step.at)


def _counter_notice(step: NoticeStep) -> None:
    step.notice.receive_counter_notice(step.cmd.actor, step.at)


def _forward_to_holder(step: NoticeStep) -> None:
    """The art. 43 window opens when the statement reaches the holder (start day not counted)."""
    arrival = step.cmd.arrival_at or step.at
    step.notice.forward_to_holder(arrival, step.cmd.actor, step.at, step.rules.province)


def _notarisation_delay(step: NoticeStep) -> None:
    """Documented notarisation delay is not counted, up to the cap (法释〔2020〕9号 item 3, [V])."""
    if step.cmd.working_days is None:
        en, zh = "State the delay in working days", "请填写延误的工作日数"
        raise InvalidComplaint(en, zh, field_errors=[FieldError("working_days", "required", en, zh)])
    province = step.rules.province
    cap = catalogue.get(NOTARISATION_DELAY_CAP, province).required_period().length
    step.notice.claim_notarisation_delay(
        step.cmd.working_days, cap, step.cmd.note, step.cmd.actor, step.at, province
    )


def _holder_filed(step: NoticeStep) -> None:
    if not step.cmd.reference:
        en, zh = "Give the complaint or court case number", "请填写投诉编号或法院案号"
        raise InvalidComplaint(en, zh, field_errors=[FieldError("reference", "required", en, zh)])
    step.notice.holder_filed(step.cmd.reference, step.cmd.actor, step.at)


def _terminate(step: NoticeStep) -> None:
    step.notice.terminate(step.cmd.actor, step.at, step.cmd.note or "recorded by staff")


def _publish(step: NoticeStep) -> None:
    step.notice.publish(step.cmd.actor, step.at)


STEPS: dict[str, Callable[[NoticeStep], None]] = {
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
