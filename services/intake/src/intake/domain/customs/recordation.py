"""A customs recordation (备案, §E.1, art. 7–11), as GACC approved it for a right holder.

APPROVED → APPROVED (renewed within the 6 months before expiry, 10 more years), → LAPSED (not
renewed by expiry, or the right ended: invalidation, expiry, art. 10), → CANCELLED (the holder
cancelled it, art. 11), → REVOKED (GACC revoked it, art. 9, 11). A change of the recorded
particulars opens the holder's 30-WD duty to report it (art. 11), met when the change is reported.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, ClassVar, Final

from intake.domain.customs.clocks import (
    CHANGE_REPORT,
    RECORDATION_EXPIRY,
    ClockWarnings,
    start_clock,
)
from intake.domain.customs.clocks import (
    RENEWAL_WINDOW as RENEWAL_WINDOW_CLOCK,
)
from intake.domain.customs.errors import RecordationRuleBroken
from intake.domain.customs.events import RecordationEvent as E
from intake.domain.errors import IllegalStep
from shared.calendar import catalogue
from shared.catalogue import term
from shared.domain import deadlines
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.legal import Citation
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, TransitionTable, transition

REGS: Final = "知识产权海关保护条例"
RECORDATION_TIMER: Final = "customs_recordation"
VALIDITY: Final = "customs.recordation_validity"
RENEWAL_WINDOW: Final = "customs.recordation_renewal_window"
IP_TYPES: Final = frozenset(
    {"trademark", "copyright", "invention_patent", "utility_model", "design", "olympic_mark"}
)


class RecordationStatus(StrEnum):
    APPROVED = "APPROVED"
    LAPSED = "LAPSED"
    CANCELLED = "CANCELLED"
    REVOKED = "REVOKED"


class LapseReason(StrEnum):
    NOT_RENEWED = "not_renewed"
    RIGHT_ENDED = "right_ended"


R = RecordationStatus
TRANSITIONS: Final = TransitionTable(
    RecordationStatus,
    [
        transition(
            "renew",
            [R.APPROVED],
            R.APPROVED,
            event=E.RENEWED,
            guard="within the 6 months before expiry",
            basis=[Citation(REGS, "10")],
        ),
        transition("lapse", [R.APPROVED], R.LAPSED, event=E.LAPSED, basis=[Citation(REGS, "10")]),
        transition("cancel", [R.APPROVED], R.CANCELLED, event=E.CANCELLED, basis=[Citation(REGS, "11")]),
        transition("revoke", [R.APPROVED], R.REVOKED, event=E.REVOKED, basis=[Citation(REGS, "9")]),
    ],
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Licensee:
    name: str
    credit_code: str | None = None
    kind: str = "ordinary"


@dataclass(frozen=True, slots=True, kw_only=True)
class GenuineGoods:
    name: str
    origin: str = ""
    ports: tuple[str, ...] = ()
    importers_exporters: tuple[str, ...] = ()
    features: str = ""
    price: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownInfringer:
    name: str
    credit_code: str | None = None
    role: str = ""  # manufacturer, importer, exporter
    ports: tuple[str, ...] = ()
    features: str = ""


def expiry_of(approved_on: dt.date) -> dt.date:
    """10 years from approval (art. 10), on the working-day calendar's month rule."""
    return catalogue.deadline(VALIDITY, approved_on).due


def renewal_window_opens(expires_on: dt.date) -> dt.date:
    """6 months before expiry (art. 10)."""
    return catalogue.deadline(RENEWAL_WINDOW, expires_on).due


@dataclass(slots=True, kw_only=True)
class Recordation(Lifecycle[RecordationStatus], TracksDeadlines):
    TRANSITIONS: ClassVar[TransitionTable[Any]] = TRANSITIONS
    refusal: ClassVar[type[IllegalStep]] = IllegalStep

    id: uuid.UUID = field(default_factory=uuid.uuid4)
    record_no: str
    ip_type: str
    ip_reg_no: str
    holder_name: str
    holder_credit_code: str | None = None
    licensees: tuple[Licensee, ...] = ()
    genuine_goods: tuple[GenuineGoods, ...] = ()
    known_infringers: tuple[KnownInfringer, ...] = ()
    approved_on: dt.date
    expires_on: dt.date
    state: RecordationStatus = RecordationStatus.APPROVED
    lapse_reason: LapseReason | None = None
    events: list[DomainEvent] = field(default_factory=list)
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    timer_changes: list[TimerChange] = field(default_factory=list)

    @property
    def renewal_window_opens_on(self) -> dt.date:
        return renewal_window_opens(self.expires_on)

    @property
    def is_active(self) -> bool:
        return self.state is R.APPROVED

    @classmethod
    def approved(
        cls,
        by: Actor,
        at: dt.datetime,
        *,
        approved_on: dt.date,
        warnings: ClockWarnings | None = None,
        **fields: Any,
    ) -> Recordation:
        """GACC approved the recordation (art. 8); it runs 10 years (art. 10)."""
        if fields.get("ip_type") not in IP_TYPES:
            raise RecordationRuleBroken(f"Unknown right type {fields.get('ip_type')!r}", "权利类型无效")
        expires_on = fields.pop("expires_on", None) or expiry_of(approved_on)
        if expires_on <= approved_on:
            raise RecordationRuleBroken("Expiry must follow approval", "有效期届满日应晚于核准日")
        record = cls(approved_on=approved_on, expires_on=expires_on, **fields)
        record.arm_validity(approved_on, warnings or ClockWarnings())
        record.record(
            E.APPROVED,
            by=by,
            at=at,
            basis=[Citation(REGS, "8"), Citation(REGS, "10")],
            details=record._dates(),
            summary=(f"Recordation {record.record_no} approved", f"备案 {record.record_no} 已核准"),
        )
        return record

    def in_renewal_window(self, on: dt.date) -> bool:
        return self.renewal_window_opens_on <= on <= self.expires_on

    def renew(self, on: dt.date, by: Actor, at: dt.datetime) -> None:
        """Renewed within the window: 10 more years from the current expiry (art. 10)."""
        self.require_state("renew")
        if not self.in_renewal_window(on):
            raise RecordationRuleBroken(
                f"Renewal is possible from {self.renewal_window_opens_on} to {self.expires_on} (art. 10)",
                f"续展应在 {self.renewal_window_opens_on} 至 {self.expires_on} 期间办理（第十条）",
            )
        self.expires_on = expiry_of(self.expires_on)
        self.move("renew", by=by, at=at, details=self._dates(), summary=("Renewed", "已续展"))
        self.arm_validity(on, ClockWarnings())

    def lapse(self, reason: LapseReason, by: Actor, at: dt.datetime, note: str = "") -> None:
        self.lapse_reason = reason
        self.move(
            "lapse",
            by=by,
            at=at,
            details={"reason": reason.value, "note": note},
            summary=(f"Lapsed: {term(reason).en}", f"备案失效：{term(reason).zh}"),
        )
        self.cancel_open_deadlines()

    def cancel(self, by: Actor, at: dt.datetime) -> None:
        self.move("cancel", by=by, at=at, summary=("Cancelled by the holder", "权利人已注销备案"))
        self.cancel_open_deadlines()

    def revoke(self, reason: str, by: Actor, at: dt.datetime) -> None:
        self.move(
            "revoke",
            by=by,
            at=at,
            details={"reason": reason},
            summary=("Revoked by GACC", "海关总署撤销备案"),
        )
        self.cancel_open_deadlines()

    def change_occurred(
        self, what: str, on: dt.date, by: Actor, at: dt.datetime, warnings: ClockWarnings
    ) -> TrackedDeadline:
        """The recorded particulars changed (owner, licence...): the 30-WD duty to report starts (art. 11)."""
        if not self.is_active:
            raise RecordationRuleBroken("The recordation is no longer in force", "备案已不再有效")
        tracked, timer = start_clock(
            CHANGE_REPORT,
            start=on,
            kind=DeadlineKind.OFFICE_DUTY,
            warnings=warnings,
            payload={"recordation_id": str(self.id)},
            timer_kind=RECORDATION_TIMER,
        )
        self.deadlines[CHANGE_REPORT] = tracked
        self.timer_changes.append(timer)
        self.record(
            E.CHANGE_PENDING,
            by=by,
            at=at,
            basis=[Citation(REGS, "11")],
            details={"change": what, "changed_on": on.isoformat(), "report_by": str(tracked.due)},
            summary=(
                f"Change to report by {tracked.due}: {what}",
                f"备案变更应于 {tracked.due} 前办理：{what}",
            ),
        )
        return tracked

    def change_reported(self, on: dt.date, by: Actor, at: dt.datetime, **changes: Any) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        met = self.meet_deadline(CHANGE_REPORT, on)
        late = bool(met and met.met_late)
        self.record(
            E.CHANGE_REPORTED,
            by=by,
            at=at,
            basis=[Citation(REGS, "11")],
            details={"reported_on": on.isoformat(), "late": late, "fields": sorted(changes)},
            summary=(
                "Change reported" + (" late" if late else ""),
                "已办理变更" + ("（逾期）" if late else ""),
            ),
        )

    def arm_validity(self, start: dt.date, warnings: ClockWarnings) -> None:
        """Timers for the renewal window's opening (a reminder) and for expiry (lapse unless renewed)."""
        basis = "知识产权海关保护条例 art. 10 [V]"
        payload = {"recordation_id": str(self.id)}
        for key, due, kind, warn in (
            (RENEWAL_WINDOW_CLOCK, self.renewal_window_opens_on, DeadlineKind.OFFICE_DUTY, None),
            (RECORDATION_EXPIRY, self.expires_on, DeadlineKind.TIME_LIMIT, warnings.release),
        ):
            tracked, timer = deadlines.fixed(
                key, due=due, start=start, basis=basis, kind=kind, warn_working_days=None, payload=payload
            )
            self.deadlines[key] = tracked
            self.timer_changes.append(replace(timer, warn_working_days=warn, kind=RECORDATION_TIMER))

    def deadline_reached(self, key: str, *, warning: bool, at: dt.datetime) -> None:
        """The renewal window opened, expiry came near, expiry passed, or the change report is late."""
        tracked = self.deadlines.get(key)
        if tracked is None or not tracked.is_open or not self.is_active:
            return
        if key == RECORDATION_EXPIRY and not warning:
            self.lapse(LapseReason.NOT_RENEWED, Actor.system(), at)
            return
        if key == RENEWAL_WINDOW_CLOCK:
            self.meet_deadline(key, tracked.due or at.date())
            self.record(
                E.RENEWAL_WINDOW_OPENED,
                by=Actor.system(),
                at=at,
                basis=[Citation(REGS, "10")],
                details=self._dates(),
                summary=(
                    f"Renewal window open until {self.expires_on}",
                    f"续展期已开始，至 {self.expires_on} 止",
                ),
            )
            return
        if key == CHANGE_REPORT and not warning:
            self.end_deadline(key, DeadlineStatus.MISSED)

    def _dates(self) -> dict[str, str]:
        return {
            "approved_on": self.approved_on.isoformat(),
            "expires_on": self.expires_on.isoformat(),
            "renewal_window_opens_on": self.renewal_window_opens_on.isoformat(),
        }
