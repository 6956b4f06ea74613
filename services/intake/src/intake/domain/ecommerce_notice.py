"""The e-commerce platform complaint as the enforcement system tracks it (§F.3, 电子商务法 arts. 42-43).

NOTICE_RECEIVED → REJECTED_INSUFFICIENT_EVIDENCE | MEASURES_TAKEN → AWAITING_COUNTER_NOTICE →
MEASURES_MAINTAINED (no counter-notice) | COUNTER_NOTICE_RECEIVED → WAITING_15D →
MEASURES_MAINTAINED_PENDING_OUTCOME (the holder complained or sued) | MEASURES_TERMINATED.
The 15-day wait runs from the statement reaching the holder, extended by documented notarisation
delay up to the cap of 法释〔2020〕9号 item 3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final

from intake.domain.errors import InvalidComplaint
from intake.domain.workflow import Workflow, guard
from shared.errors import FieldError


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
TRANSITIONS: Final[Mapping[NoticeStatus, frozenset[NoticeStatus]]] = {
    N.NOTICE_RECEIVED: frozenset({N.REJECTED_INSUFFICIENT_EVIDENCE, N.MEASURES_TAKEN}),
    N.MEASURES_TAKEN: frozenset({N.AWAITING_COUNTER_NOTICE}),
    N.AWAITING_COUNTER_NOTICE: frozenset({N.MEASURES_MAINTAINED, N.COUNTER_NOTICE_RECEIVED}),
    N.COUNTER_NOTICE_RECEIVED: frozenset({N.WAITING_15D}),
    N.WAITING_15D: frozenset({N.MEASURES_MAINTAINED_PENDING_OUTCOME, N.MEASURES_TERMINATED}),
    N.REJECTED_INSUFFICIENT_EVIDENCE: frozenset(),
    N.MEASURES_MAINTAINED: frozenset(),
    N.MEASURES_MAINTAINED_PENDING_OUTCOME: frozenset(),
    N.MEASURES_TERMINATED: frozenset(),
}


@dataclass(slots=True, kw_only=True)
class EcommerceNotice(Workflow):
    SUBJECT: ClassVar[str] = "ecommerce_notice"

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

    def _move_to(self, new: NoticeStatus, event: str, actor: str, at: dt.datetime, en: str, zh: str) -> None:
        guard(self.status, new, TRANSITIONS)
        previous, self.status = self.status, new
        self.record(
            event, actor, at, summary=en, summary_zh=zh, data={"from": previous.value, "to": new.value}
        )

    def received(self, actor: str) -> None:
        self.record(
            "PlatformNoticeReceived",
            actor,
            self.notice_at,
            summary=f"Notice to {self.platform} on listings {', '.join(self.listing_ids)}",
            summary_zh=f"已向 {self.platform} 发出通知，涉及链接 {'、'.join(self.listing_ids)}",
        )

    def reject(self, reason: str, actor: str, at: dt.datetime) -> None:
        self._move_to(
            N.REJECTED_INSUFFICIENT_EVIDENCE,
            "NoticeRejected",
            actor,
            at,
            f"Rejected: {reason}",
            f"通知被驳回：{reason}",
        )

    def take_measures(self, actor: str, at: dt.datetime) -> None:
        self.measures_at = at
        self._move_to(
            N.MEASURES_TAKEN, "MeasuresTaken", actor, at, "Platform took measures", "平台已采取必要措施"
        )

    def forward_to_seller(self, actor: str, at: dt.datetime) -> None:
        self.forwarded_to_seller_at = at
        self._move_to(
            N.AWAITING_COUNTER_NOTICE,
            "NoticeForwardedToSeller",
            actor,
            at,
            "Notice forwarded to the seller",
            "通知已转送平台内经营者",
        )

    def no_counter_notice(self, actor: str, at: dt.datetime) -> None:
        self._move_to(
            N.MEASURES_MAINTAINED,
            "MeasuresMaintained",
            actor,
            at,
            "No counter-notice: measures stay",
            "未收到不侵权声明，措施维持",
        )

    def receive_counter_notice(self, actor: str, at: dt.datetime) -> None:
        self.counter_notice_at = at
        self._move_to(
            N.COUNTER_NOTICE_RECEIVED,
            "CounterNoticeReceived",
            actor,
            at,
            "Seller's non-infringement statement received",
            "已收到不侵权声明",
        )

    def forward_to_holder(self, arrival_at: dt.datetime, actor: str, at: dt.datetime) -> None:
        """The statement went to the holder; the art. 43 wait runs from its arrival."""
        self.forwarded_to_holder_at, self.holder_arrival_at = at, arrival_at
        self._move_to(
            N.WAITING_15D,
            "CounterNoticeForwardedToHolder",
            actor,
            at,
            f"Statement forwarded; reached the holder {arrival_at.isoformat()}",
            f"声明已转送权利人，送达时间 {arrival_at.isoformat()}",
        )

    def set_termination_due(self, due: dt.date) -> None:
        self.termination_due = due

    def claim_notarisation_delay(
        self, working_days: int, cap: int, reason: str, actor: str, at: dt.datetime
    ) -> None:
        if self.status is not N.WAITING_15D:
            guard(self.status, N.WAITING_15D, TRANSITIONS)
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
        self.record(
            "NotarisationDelayDocumented",
            actor,
            at,
            summary=f"Documented notarisation delay: {working_days} working days ({reason})",
            summary_zh=f"经证明的公证认证延误：{working_days} 个工作日（{reason}）",
        )

    def holder_filed(self, reference: str, actor: str, at: dt.datetime) -> None:
        self.complaint_or_suit_ref = reference
        self._move_to(
            N.MEASURES_MAINTAINED_PENDING_OUTCOME,
            "HolderFiledComplaintOrSuit",
            actor,
            at,
            f"Holder filed a complaint or suit ({reference}): measures stay pending the outcome",
            f"权利人已投诉或起诉（{reference}），措施维持至处理结果",
        )

    def terminate(self, actor: str, at: dt.datetime, why: str) -> None:
        self._move_to(
            N.MEASURES_TERMINATED,
            "MeasuresTerminated",
            actor,
            at,
            f"Measures terminated: {why}",
            f"措施已终止：{why}",
        )

    def publish(self, actor: str, at: dt.datetime) -> None:
        self.published_at = at
        self.record(
            "NoticePublished", actor, at, summary="Published (art. 44)", summary_zh="已公示（第四十四条）"
        )
