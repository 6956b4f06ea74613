"""The e-commerce platform complaint as the enforcement system tracks it (§F.3, 电子商务法 arts. 42-43).

NOTICE_RECEIVED → REJECTED_INSUFFICIENT_EVIDENCE | MEASURES_TAKEN → AWAITING_COUNTER_NOTICE →
MEASURES_MAINTAINED (no counter-notice) | COUNTER_NOTICE_RECEIVED → WAITING_15D →
MEASURES_MAINTAINED_PENDING_OUTCOME (the holder complained or sued) | MEASURES_TERMINATED.
The 15-day wait runs from the statement reaching the holder, extended by documented notarisation
delay up to the cap of 法释〔2020〕9号 item 3.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final

from intake.domain.deadlines import (
    COUNTER_NOTICE_WAIT,
    NOTIFY_SELLER,
    NOTIFY_SELLER_PERIOD,
    TERMINATION,
    local_day,
)
from intake.domain.errors import IllegalStep, InvalidComplaint
from intake.domain.events import NoticeEvent
from intake.domain.workflow import Workflow, machine
from shared.calendar import catalogue, compute, parse_period
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, TrackedDeadline
from shared.domain.legal import Citation
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition
from shared.errors import FieldError

ECOMMERCE_LAW_43 = Citation("电子商务法", "43")


class NoticeStatus(StrEnum):
    NOTICE_RECEIVED = "NOTICE_RECEIVED"
    REJECTED_INSUFFICIENT_EVIDENCE = "REJECTED_INSUFFICIENT_EVIDENCE"
    MEASURES_TAKEN = "MEASURES_TAKEN"
    AWAITING_COUNTER_NOTICE = "AWAITING_COUNTER_NOTICE"
    MEASURES_MAINTAINED = "MEASURES_MAINTAINED"
    COUNTER_NOTICE_RECEIVED = "COUNTER_NOTICE_RECEIVED"
    WAITING_15D = "WAITING_15D"
    MEASURES_MAINTAINED_PENDING_OUTCOME = "MEASURES_MAINTAINED_PENDING_OUTCOME"
    MEASURES_TERMINATED = "MEASURES_TERMINATED"


N = NoticeStatus
E = NoticeEvent
TRANSITIONS: Final = TransitionTable(
    NoticeStatus,
    [
        transition("reject", [N.NOTICE_RECEIVED], N.REJECTED_INSUFFICIENT_EVIDENCE, event=E.REJECTED),
        transition("take_measures", [N.NOTICE_RECEIVED], N.MEASURES_TAKEN, event=E.MEASURES_TAKEN),
        transition(
            "forward_to_seller", [N.MEASURES_TAKEN], N.AWAITING_COUNTER_NOTICE, event=E.FORWARDED_TO_SELLER
        ),
        transition(
            "no_counter_notice",
            [N.AWAITING_COUNTER_NOTICE],
            N.MEASURES_MAINTAINED,
            event=E.MEASURES_MAINTAINED,
        ),
        transition(
            "counter_notice",
            [N.AWAITING_COUNTER_NOTICE],
            N.COUNTER_NOTICE_RECEIVED,
            event=E.COUNTER_NOTICE_RECEIVED,
        ),
        transition(
            "forward_to_holder",
            [N.COUNTER_NOTICE_RECEIVED],
            N.WAITING_15D,
            event=E.FORWARDED_TO_HOLDER,
            basis=[ECOMMERCE_LAW_43],
        ),
        transition(
            "holder_filed",
            [N.WAITING_15D],
            N.MEASURES_MAINTAINED_PENDING_OUTCOME,
            event=E.HOLDER_FILED,
            basis=[ECOMMERCE_LAW_43],
        ),
        transition(
            "terminate",
            [N.WAITING_15D],
            N.MEASURES_TERMINATED,
            event=E.MEASURES_TERMINATED,
            guard="no complaint or suit notified within the wait (or recorded by staff)",
            basis=[ECOMMERCE_LAW_43],
        ),
    ],
)


@dataclass(slots=True, kw_only=True)
class EcommerceNotice(Workflow[NoticeStatus]):
    SUBJECT: ClassVar[str] = "ecommerce_notice"
    MACHINE: ClassVar[StatusMachine[NoticeStatus]] = machine(TRANSITIONS)

    platform: str
    listing_ids: tuple[str, ...]
    seller: str
    status: NoticeStatus = NoticeStatus.NOTICE_RECEIVED
    notice_at: dt.datetime
    measures_at: dt.datetime | None = None
    forwarded_to_seller_at: dt.datetime | None = None
    counter_notice_at: dt.datetime | None = None
    forwarded_to_holder_at: dt.datetime | None = None
    holder_arrival_at: dt.datetime | None = None
    extension_wd_claimed: int = 0
    extension_reason: str | None = None
    complaint_or_suit_ref: str | None = None
    published_at: dt.datetime | None = None
    termination_due: dt.date | None = None

    def received(self, by: Actor, province: str | None) -> TrackedDeadline:
        """The platform must forward the notice to the seller (a [U] period in most provinces)."""
        summary = (
            f"Notice to {self.platform} on listings {', '.join(self.listing_ids)}",
            f"已向 {self.platform} 发出通知，涉及链接 {'、'.join(self.listing_ids)}",
        )
        self._record(E.RECEIVED, by, self.notice_at, summary)
        return self.track(
            NOTIFY_SELLER,
            period=NOTIFY_SELLER_PERIOD,
            at=self.notice_at,
            kind=DeadlineKind.PARTY_PERIOD,
            province=province,
        )

    def reject(self, reason: str, by: Actor, at: dt.datetime) -> None:
        self._move("reject", by, at, (f"Rejected: {reason}", f"通知被驳回：{reason}"))
        self.cancel_open_deadlines()

    def take_measures(self, by: Actor, at: dt.datetime) -> None:
        self.measures_at = at
        self._move("take_measures", by, at, ("Platform took measures", "平台已采取必要措施"))

    def forward_to_seller(self, by: Actor, at: dt.datetime) -> None:
        self.forwarded_to_seller_at = at
        self._move("forward_to_seller", by, at, ("Notice forwarded to the seller", "通知已转送平台内经营者"))
        self.meet(NOTIFY_SELLER, at)

    def no_counter_notice(self, by: Actor, at: dt.datetime) -> None:
        self._move(
            "no_counter_notice", by, at, ("No counter-notice: measures stay", "未收到不侵权声明，措施维持")
        )

    def receive_counter_notice(self, by: Actor, at: dt.datetime) -> None:
        self.counter_notice_at = at
        summary = ("Seller's non-infringement statement received", "已收到不侵权声明")
        self._move("counter_notice", by, at, summary)

    def forward_to_holder(
        self, arrival_at: dt.datetime, by: Actor, at: dt.datetime, province: str | None
    ) -> None:
        """The statement went to the holder; the art. 43 wait runs from its arrival (a [V] period)."""
        self.forwarded_to_holder_at, self.holder_arrival_at = at, arrival_at
        summary = (
            f"Statement forwarded; reached the holder {arrival_at.isoformat()}",
            f"声明已转送权利人，送达时间 {arrival_at.isoformat()}",
        )
        self._move("forward_to_holder", by, at, summary)
        wait = self.track(
            TERMINATION,
            period=COUNTER_NOTICE_WAIT,
            at=arrival_at,
            kind=DeadlineKind.TIME_LIMIT,
            province=province,
        )
        self.termination_due = wait.due

    def claim_notarisation_delay(
        self, working_days: int, cap: int, reason: str, by: Actor, at: dt.datetime, province: str | None
    ) -> None:
        """Documented notarisation delay is not counted, up to ``cap`` working days (法释〔2020〕9号 3)."""
        if self.status is not N.WAITING_15D or self.holder_arrival_at is None:
            raise IllegalStep(self.status.value, N.WAITING_15D.value, (s.value for s in self.allowed()))
        if not 0 < working_days <= cap:
            raise InvalidComplaint(
                f"Notarisation delay must be 1-{cap} working days",
                f"公证认证延误须为 1 至 {cap} 个工作日",
                field_errors=[
                    FieldError(
                        "working_days",
                        "out_of_range",
                        f"At most {cap} working days (法释〔2020〕9号 item 3)",
                        f"最多 {cap} 个工作日（法释〔2020〕9号 第三条）",
                    )
                ],
            )
        self.extension_wd_claimed, self.extension_reason = working_days, reason
        summary = (
            f"Documented notarisation delay: {working_days} working days ({reason})",
            f"经证明的公证认证延误：{working_days} 个工作日（{reason}）",
        )
        self._record(E.NOTARISATION_DELAY_DOCUMENTED, by, at, summary)
        base = catalogue.deadline(COUNTER_NOTICE_WAIT, local_day(self.holder_arrival_at), province=province)
        self.termination_due = self.extend(
            TERMINATION, compute(base.due, parse_period(f"+{working_days}wd"))
        ).due

    def holder_filed(self, reference: str, by: Actor, at: dt.datetime) -> None:
        self.complaint_or_suit_ref = reference
        summary = (
            f"Holder filed a complaint or suit ({reference}): measures stay pending the outcome",
            f"权利人已投诉或起诉（{reference}），措施维持至处理结果",
        )
        self._move("holder_filed", by, at, summary)
        self.meet(TERMINATION, at)

    def terminate(self, by: Actor, at: dt.datetime, why: str) -> None:
        self._move("terminate", by, at, (f"Measures terminated: {why}", f"措施已终止：{why}"))
        self.meet(TERMINATION, at)

    def publish(self, by: Actor, at: dt.datetime) -> None:
        self.published_at = at
        self._record(E.PUBLISHED, by, at, ("Published (art. 44)", "已公示（第四十四条）"))
