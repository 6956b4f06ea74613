"""The customs detention case (§E.4a): one enum, one transition table, one guard.

Two routes. On application (art. 12–15): APPLICATION_FILED → DETAINED (guarantee ≤ goods value,
the 20-WD release clock starts) or REJECTED. Ex officio (art. 16, 20): SUSPECT_FOUND →
HOLDER_NOTIFIED (the holder's 3-WD clock) → DETAINED (30-WD investigation, 50-WD release clock) or
NOT_DETAINED_RELEASED; DETAINED → INVESTIGATING → INFRINGEMENT_DETERMINED / UNABLE_TO_DETERMINE.
A court assistance notice holds the goods (art. 23); release on each art. 24 ground settles the
guarantee (art. 25); confiscation, then disposal in the art. 27 order; referral to police from any
state (art. 26). Each step records a past-tense event; the table rows cite their article.

The case is created by its first customs message (``application_filed`` / ``suspect_found``): the
table's "— →" rows. ``HELD_PER_COURT → RELEASED`` (the court's order ended) is the one row the §E.4a
table leaves implicit ("held until the court order ends").
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar, Final

from intake.domain.customs import guarantee as g
from intake.domain.customs.clocks import (
    HOLDER_RESPONSE,
    INVESTIGATION,
    RELEASE_EX_OFFICIO,
    RELEASE_ON_APPLICATION,
    ClockWarnings,
    local_day,
    start_clock,
)
from intake.domain.customs.errors import DetentionRuleBroken
from intake.domain.customs.events import DetentionEvent as E
from intake.domain.errors import IllegalStep
from intake.domain.rights import right_key
from shared.catalogue import term
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TimerChange, TrackedDeadline
from shared.domain.events import Advisory, DomainEvent
from shared.domain.legal import Citation
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, TransitionTable, transition

REGS: Final = "知识产权海关保护条例"
DETENTION_TIMER: Final = "customs_detention"
CUSTOMS: Final = "customs"


def art(article: str) -> Citation:
    return Citation(REGS, article)


class DetentionStatus(StrEnum):
    APPLICATION_FILED = "APPLICATION_FILED"
    REJECTED = "REJECTED"
    SUSPECT_FOUND = "SUSPECT_FOUND"
    HOLDER_NOTIFIED = "HOLDER_NOTIFIED"
    NOT_DETAINED_RELEASED = "NOT_DETAINED_RELEASED"
    DETAINED = "DETAINED"
    INVESTIGATING = "INVESTIGATING"
    INFRINGEMENT_DETERMINED = "INFRINGEMENT_DETERMINED"
    UNABLE_TO_DETERMINE = "UNABLE_TO_DETERMINE"
    HELD_PER_COURT = "HELD_PER_COURT"
    RELEASED = "RELEASED"
    CONFISCATED = "CONFISCATED"
    DISPOSED = "DISPOSED"
    REFERRED_POLICE = "REFERRED_POLICE"


class Route(StrEnum):
    ON_APPLICATION = "on_application"
    EX_OFFICIO = "ex_officio"


class ReleaseGround(StrEnum):
    """Art. 24: why customs released the goods (and the court order ending, art. 23)."""

    NO_COURT_NOTICE_20WD = "no_court_notice_20wd"  # art. 24(1)
    NO_COURT_NOTICE_50WD = "no_court_notice_50wd"  # art. 24(2)
    PATENT_COUNTER_GUARANTEE = "patent_counter_guarantee"  # art. 24(3), art. 19
    NON_INFRINGEMENT_EVIDENCE = "non_infringement_evidence"  # art. 24(4)
    HOLDER_WITHDRAWAL = "holder_withdrawal"  # art. 24(5)
    COURT_ORDER_ENDED = "court_order_ended"  # art. 23


class Disposal(StrEnum):
    """Art. 27, in its order: a later method only when the earlier ones are not possible."""

    PUBLIC_WELFARE = "public_welfare"
    SALE_TO_HOLDER = "sale_to_holder"
    AUCTION_AFTER_REMOVAL = "auction_after_removal"
    DESTRUCTION = "destruction"


class HolderDecision(StrEnum):
    APPLY = "apply"
    LET_GO = "let_go"


S = DetentionStatus
RELEASE_SOURCES: Final = (S.DETAINED, S.UNABLE_TO_DETERMINE)
RELEASE_STEPS: Final[Mapping[ReleaseGround, tuple[str, tuple[S, ...], str]]] = {
    ReleaseGround.NO_COURT_NOTICE_20WD: ("release_no_court_notice_20wd", RELEASE_SOURCES, "24(1)"),
    ReleaseGround.NO_COURT_NOTICE_50WD: ("release_no_court_notice_50wd", RELEASE_SOURCES, "24(2)"),
    ReleaseGround.PATENT_COUNTER_GUARANTEE: ("release_patent_counter_guarantee", RELEASE_SOURCES, "24(3)"),
    ReleaseGround.NON_INFRINGEMENT_EVIDENCE: ("release_non_infringement_evidence", RELEASE_SOURCES, "24(4)"),
    ReleaseGround.HOLDER_WITHDRAWAL: ("release_holder_withdrawal", RELEASE_SOURCES, "24(5)"),
    ReleaseGround.COURT_ORDER_ENDED: ("release_court_order_ended", (S.HELD_PER_COURT,), "23"),
}
TRANSITIONS: Final = TransitionTable(
    DetentionStatus,
    [
        transition(
            "reject", [S.APPLICATION_FILED], S.REJECTED, event=E.APPLICATION_REJECTED, basis=[art("15")]
        ),
        transition(
            "detain_on_application",
            [S.APPLICATION_FILED],
            S.DETAINED,
            event=E.DETAINED,
            guard="on-application route; a guarantee not exceeding the goods' value (art. 14)",
            basis=[art("14"), art("15")],
        ),
        transition(
            "notify_holder", [S.SUSPECT_FOUND], S.HOLDER_NOTIFIED, event=E.HOLDER_NOTIFIED, basis=[art("16")]
        ),
        transition(
            "holder_did_not_apply",
            [S.HOLDER_NOTIFIED],
            S.NOT_DETAINED_RELEASED,
            event=E.NOT_DETAINED,
            basis=[art("16")],
        ),
        transition(
            "detain_ex_officio",
            [S.HOLDER_NOTIFIED],
            S.DETAINED,
            event=E.DETAINED,
            guard="ex officio route; the holder applied and posted a guarantee within 3 WD (art. 16)",
            basis=[art("16")],
        ),
        transition(
            "start_investigation",
            [S.DETAINED],
            S.INVESTIGATING,
            event=E.INVESTIGATION_STARTED,
            guard="ex officio route",
            basis=[art("20")],
        ),
        transition(
            "determine_infringement",
            [S.INVESTIGATING],
            S.INFRINGEMENT_DETERMINED,
            event=E.INFRINGEMENT_DETERMINED,
            basis=[art("20")],
        ),
        transition(
            "unable_to_determine",
            [S.INVESTIGATING],
            S.UNABLE_TO_DETERMINE,
            event=E.UNABLE_TO_DETERMINE,
            basis=[art("20")],
        ),
        transition(
            "hold_per_court",
            [S.DETAINED, S.INVESTIGATING, S.UNABLE_TO_DETERMINE],
            S.HELD_PER_COURT,
            event=E.HELD_PER_COURT,
            basis=[art("23")],
        ),
        *(
            transition(name, sources, S.RELEASED, event=E.RELEASED, guard=ground.value, basis=[art(article)])
            for ground, (name, sources, article) in RELEASE_STEPS.items()
        ),
        transition(
            "confiscate", [S.INFRINGEMENT_DETERMINED], S.CONFISCATED, event=E.CONFISCATED, basis=[art("27")]
        ),
        transition(
            "dispose",
            [S.CONFISCATED],
            S.DISPOSED,
            event=E.DISPOSED,
            guard="the art. 27 order: a later method only when the earlier ones are not possible",
            basis=[art("27")],
        ),
        transition(
            "refer_police",
            [s for s in S if s is not S.REFERRED_POLICE],
            S.REFERRED_POLICE,
            event=E.REFERRED_POLICE,
            basis=[art("26")],
        ),
    ],
)
"""Every legal move of a detention case (§E.4a)."""

INITIAL: Final = frozenset({S.APPLICATION_FILED, S.SUSPECT_FOUND})
TERMINAL: Final = frozenset({S.REJECTED, S.NOT_DETAINED_RELEASED, S.RELEASED, S.DISPOSED, S.REFERRED_POLICE})


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    name: str
    credit_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Goods:
    description: str
    value: Decimal
    quantity: str = ""
    hs_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkedComplaint:
    """A complaint the centre filed (or found) for the detained goods: its case is this detention's
    court/adjudication/mediation route. Linked explicitly by staff; the key is the right — the
    complaint must claim the detention's right — and ``respondent_matches`` says whether one of its
    respondents is the consignee or consignor by credit code (USCC)."""

    complaint_id: uuid.UUID
    reference: str
    respondent_matches: bool
    linked_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ComplaintSummary:
    """What a link needs to know of a complaint (the handler reads it; the domain decides)."""

    complaint_id: uuid.UUID
    reference: str
    rights: tuple[tuple[str, str], ...]
    """``(ip_type, normalised number)`` of each right it claims."""
    respondent_codes: frozenset[str]


@dataclass(slots=True, kw_only=True)
class DetentionCase(Lifecycle[DetentionStatus], TracksDeadlines):
    """One customs detention, followed by the centre for the right holder (§E.4a)."""

    TRANSITIONS: ClassVar[TransitionTable[Any]] = TRANSITIONS
    refusal: ClassVar[type[IllegalStep]] = IllegalStep

    id: uuid.UUID = field(default_factory=uuid.uuid4)
    route: Route
    state: DetentionStatus
    port_code: str
    customs_ref: str
    office_code: str
    ip_type: str
    ip_reg_no: str
    recordation_no: str | None = None
    holder: Party
    goods: Goods
    consignee: Party | None = None
    consignor: Party | None = None
    opened_at: dt.datetime
    served_on: dt.date | None = None
    detained_on: dt.date | None = None
    guarantee: g.Guarantee | None = None
    holder_decision: HolderDecision | None = None
    release_ground: ReleaseGround | None = None
    settlement: g.Settlement | None = None
    disposal: Disposal | None = None
    court_notice_ref: str | None = None
    linked_complaints: list[LinkedComplaint] = field(default_factory=list)
    events: list[DomainEvent] = field(default_factory=list)
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    timer_changes: list[TimerChange] = field(default_factory=list)

    # ----------------------------------------------------------------- the "— →" rows: creation

    @classmethod
    def application_filed(cls, by: Actor, **fields: Any) -> DetentionCase:
        """The holder applied to the port (art. 12–13)."""
        case = cls(route=Route.ON_APPLICATION, state=S.APPLICATION_FILED, **fields)
        case._created(E.APPLICATION_FILED, by, "12", ("Detention application filed", "已提出扣留申请"))
        return case

    @classmethod
    def suspect_found(cls, by: Actor, **fields: Any) -> DetentionCase:
        """Customs found goods that may infringe a recorded right (art. 16)."""
        case = cls(route=Route.EX_OFFICIO, state=S.SUSPECT_FOUND, **fields)
        case._created(E.SUSPECT_GOODS_FOUND, by, "16", ("Suspect goods found", "海关发现涉嫌侵权货物"))
        return case

    def _created(self, name: str, by: Actor, article: str, summary: tuple[str, str]) -> None:
        details = {"route": self.route.value, "port_code": self.port_code, "customs_ref": self.customs_ref}
        self.record(name, by=by, at=self.opened_at, basis=[art(article)], details=details, summary=summary)

    # ----------------------------------------------------------------- steps

    def notify_holder(self, served_on: dt.date, by: Actor, at: dt.datetime, warnings: ClockWarnings) -> None:
        self.served_on = served_on
        self.move(
            "notify_holder",
            by=by,
            at=at,
            summary=("Holder notified", "已书面通知权利人"),
            details={"served_on": served_on.isoformat()},
        )
        self._clock(HOLDER_RESPONSE, served_on, DeadlineKind.PARTY_PERIOD, warnings)

    def link_complaint(self, complaint: ComplaintSummary, by: Actor, at: dt.datetime) -> bool:
        """Link the complaint whose case is this detention's court or administrative route.

        The key is the right: the complaint must claim the detained goods' right (type and number).
        A respondent that is the consignee or consignor (by USCC) is noted, not required — customs
        may know the goods' owner under another name. Linking twice changes nothing (False).
        """
        if any(link.complaint_id == complaint.complaint_id for link in self.linked_complaints):
            return False
        if (self.ip_type, _normalised(self.ip_type, self.ip_reg_no)) not in complaint.rights:
            raise DetentionRuleBroken(
                f"Complaint {complaint.reference} does not claim the detained goods' right"
                f" {self.ip_type} {self.ip_reg_no}",
                f"投诉 {complaint.reference} 未主张被扣留货物涉及的权利"
                f"（{term(self.ip_type).zh} {self.ip_reg_no}）",
            )
        parties = {p.credit_code for p in (self.consignee, self.consignor) if p is not None and p.credit_code}
        matches = bool(parties & complaint.respondent_codes)
        self.linked_complaints.append(
            LinkedComplaint(
                complaint_id=complaint.complaint_id,
                reference=complaint.reference,
                respondent_matches=matches,
                linked_at=at,
            )
        )
        self.record(
            E.COMPLAINT_LINKED,
            by=by,
            at=at,
            basis=[],
            details={
                "complaint_id": str(complaint.complaint_id),
                "reference": complaint.reference,
                "respondent_matches": matches,
            },
            summary=(
                f"Linked to complaint {complaint.reference}",
                f"已关联投诉 {complaint.reference}",
            ),
        )
        return True

    def record_holder_decision(
        self, decision: HolderDecision, by: Actor, at: dt.datetime, guarantee: g.Guarantee | None = None
    ) -> None:
        """The holder (through the centre) decided: apply and post a guarantee, or let the goods go."""
        if self.state is not S.HOLDER_NOTIFIED:
            raise DetentionRuleBroken(
                f"The holder decides only while notified (now {self.state})",
                f"仅在已通知权利人时可记录决定（当前：{term(self.state).zh}）",
            )
        if decision is HolderDecision.APPLY and guarantee is None:
            raise DetentionRuleBroken(
                "Applying needs a guarantee (art. 16)", "申请扣留应当提供担保（第十六条）"
            )
        self.holder_decision, self.guarantee = (
            decision,
            guarantee if decision is HolderDecision.APPLY else None,
        )
        details: dict[str, Any] = {"decision": decision.value}
        if self.guarantee is not None:
            details |= {
                "guarantee_amount": str(self.guarantee.amount),
                "guarantee_form": self.guarantee.form.value,
            }
        summary = (
            ("Holder applies for detention with a guarantee", "权利人申请扣留并提供担保")
            if decision is HolderDecision.APPLY
            else ("Holder lets the goods go", "权利人不申请扣留")
        )
        self.record(E.HOLDER_DECIDED, by=by, at=at, basis=[art("16")], details=details, summary=summary)
        if decision is HolderDecision.APPLY:
            self.meet_deadline(HOLDER_RESPONSE, local_day(at))

    def reject(self, reason: str, by: Actor, at: dt.datetime) -> None:
        self.move(
            "reject",
            by=by,
            at=at,
            details={"reason": reason},
            summary=(f"Rejected: {reason}", f"不予扣留：{reason}"),
        )

    def detain(
        self,
        detained_on: dt.date,
        guarantee: g.Guarantee,
        by: Actor,
        at: dt.datetime,
        rules: g.GuaranteeRules,
        warnings: ClockWarnings,
    ) -> None:
        """Customs detained the goods: the route's guarantee rule, then its clocks (art. 14–16, 20, 24)."""
        clocks: tuple[str, ...]
        if self.route is Route.ON_APPLICATION:
            self.require_state("detain_on_application")
            check = g.check_on_application(guarantee, self.goods.value)
            name, clocks = "detain_on_application", (RELEASE_ON_APPLICATION,)
        else:
            self.require_state("detain_ex_officio")
            check = g.check_ex_officio(guarantee, self.goods.value, rules)
            name, clocks = "detain_ex_officio", (INVESTIGATION, RELEASE_EX_OFFICIO)
        self.guarantee, self.detained_on = guarantee, detained_on
        details = {
            "detained_on": detained_on.isoformat(),
            "guarantee_amount": str(guarantee.amount),
            "guarantee_form": guarantee.form.value,
        }
        self.move(
            name,
            by=by,
            at=at,
            details=details,
            advisories=check.advisories,
            summary=("Goods detained", "货物已被扣留"),
        )
        self.meet_deadline(HOLDER_RESPONSE, detained_on)
        for key in clocks:
            self._clock(key, detained_on, DeadlineKind.TIME_LIMIT, warnings)

    def holder_did_not_apply(self, by: Actor, at: dt.datetime) -> None:
        self.move(
            "holder_did_not_apply",
            by=by,
            at=at,
            summary=("No application within 3 WD: not detained", "权利人未在3个工作日内申请：不予扣留"),
        )
        self.end_deadline(HOLDER_RESPONSE, DeadlineStatus.LAPSED)

    def start_investigation(self, by: Actor, at: dt.datetime) -> None:
        self._ex_officio_only("start_investigation")
        self.move("start_investigation", by=by, at=at, summary=("Investigation started", "海关开始调查认定"))

    def determine_infringement(self, finding: str, by: Actor, at: dt.datetime) -> None:
        self.move(
            "determine_infringement",
            by=by,
            at=at,
            details={"finding": finding},
            summary=("Customs found infringement", "海关认定侵权"),
        )
        self.meet_deadline(INVESTIGATION, local_day(at))
        self.end_deadline(RELEASE_EX_OFFICIO, DeadlineStatus.CANCELLED)

    def unable_to_determine(self, by: Actor, at: dt.datetime) -> None:
        self.move(
            "unable_to_determine",
            by=by,
            at=at,
            summary=("Customs cannot determine infringement", "海关不能认定是否侵权"),
        )
        self.meet_deadline(INVESTIGATION, local_day(at))

    def hold_per_court(self, court: str, notice_ref: str, by: Actor, at: dt.datetime) -> None:
        self.court_notice_ref = notice_ref
        self.move(
            "hold_per_court",
            by=by,
            at=at,
            details={"court": court, "notice_ref": notice_ref},
            summary=(
                f"Held per court assistance notice {notice_ref}",
                f"依法院协助执行通知书 {notice_ref} 继续扣留",
            ),
        )
        for key in (RELEASE_ON_APPLICATION, RELEASE_EX_OFFICIO):
            self.end_deadline(key, DeadlineStatus.MET)

    def release(
        self,
        ground: ReleaseGround,
        by: Actor,
        at: dt.datetime,
        *,
        costs: Decimal = Decimal(0),
        claim_pending: bool = False,
        counter_guarantee: Decimal | None = None,
    ) -> None:
        """Release on an art. 24 ground (or the court order's end); settle the guarantee (art. 25)."""
        name = RELEASE_STEPS[ground][0]
        self.require_state(name)
        self._check_release_ground(ground, counter_guarantee)
        self.release_ground = ground
        details: dict[str, Any] = {"ground": ground.value}
        if counter_guarantee is not None:
            details["counter_guarantee"] = str(counter_guarantee)
        self.move(
            name,
            by=by,
            at=at,
            details=details,
            summary=(f"Goods released: {term(ground).en}", f"货物已放行：{term(ground).zh}"),
        )
        self.cancel_open_deadlines()
        if self.guarantee is not None:
            self.settlement = g.settle(self.guarantee, costs, claim_pending=claim_pending)
            self.record(
                E.GUARANTEE_SETTLED,
                by=by,
                at=at,
                basis=[art("25")],
                details=self.settlement.as_dict(),
                summary=("Guarantee settled", "担保已处理"),
            )

    def _check_release_ground(self, ground: ReleaseGround, counter_guarantee: Decimal | None) -> None:
        if ground is ReleaseGround.NO_COURT_NOTICE_20WD and self.route is not Route.ON_APPLICATION:
            raise DetentionRuleBroken(
                "The 20-WD release is for detention on application (art. 24(1))",
                "20个工作日放行仅适用于依申请扣留（第二十四条第一项）",
            )
        if ground is ReleaseGround.NO_COURT_NOTICE_50WD and self.route is not Route.EX_OFFICIO:
            raise DetentionRuleBroken(
                "The 50-WD release is for ex officio detention (art. 24(2))",
                "50个工作日放行仅适用于依职权扣留（第二十四条第二项）",
            )
        if ground is ReleaseGround.PATENT_COUNTER_GUARANTEE:
            if "patent" not in self.ip_type and self.ip_type not in {"utility_model", "design"}:
                raise DetentionRuleBroken(
                    "A counter-guarantee releases patent goods only (art. 19)",
                    "提供反担保放行仅适用于涉嫌侵犯专利权的货物（第十九条）",
                )
            if counter_guarantee is None or counter_guarantee < self.goods.value:
                raise DetentionRuleBroken(
                    "The counter-guarantee must equal the goods' value (art. 19)",
                    "反担保金额应当相当于货物价值（第十九条）",
                )

    def confiscate(self, by: Actor, at: dt.datetime) -> None:
        self.move(
            "confiscate",
            by=by,
            at=at,
            summary=("Goods confiscated; holder told in writing", "货物已没收，已书面通知权利人"),
        )

    def dispose(
        self,
        method: Disposal,
        by: Actor,
        at: dt.datetime,
        *,
        earlier_excluded: str = "",
        features_removed: bool = False,
    ) -> None:
        """Art. 27 in order: public welfare, sale to the holder, auction (features removed), destruction."""
        self.require_state("dispose")
        if method is not Disposal.PUBLIC_WELFARE and not earlier_excluded.strip():
            raise DetentionRuleBroken(
                "Say why the earlier art. 27 methods are not possible",
                "应当说明不能采用第二十七条在先处置方式的理由",
            )
        if method is Disposal.AUCTION_AFTER_REMOVAL and not features_removed:
            raise DetentionRuleBroken(
                "Auction only after the infringing features are removed (art. 27)",
                "拍卖前应当消除侵权特征（第二十七条）",
            )
        self.disposal = method
        self.move(
            "dispose",
            by=by,
            at=at,
            details={"method": method.value, "earlier_excluded": earlier_excluded},
            summary=(f"Disposed: {term(method).en}", f"已处置：{term(method).zh}"),
        )

    def refer_police(self, reason: str, by: Actor, at: dt.datetime) -> None:
        self.move(
            "refer_police",
            by=by,
            at=at,
            details={"reason": reason},
            summary=("Referred to the police", "已移送公安机关"),
        )
        self.cancel_open_deadlines()

    # ----------------------------------------------------------------- timers

    def deadline_reached(self, key: str, *, warning: bool, at: dt.datetime) -> None:
        """A clock came near or ran out: warn, or take the step the law attaches to it."""
        tracked = self.deadlines.get(key)
        if tracked is None or not tracked.is_open:
            return
        if warning:
            self._note(E.DEADLINE_NEAR, tracked, at, ("Deadline near", "期限即将届满"))
            return
        if key == HOLDER_RESPONSE and self.state is S.HOLDER_NOTIFIED:
            self.holder_did_not_apply(Actor.system(), at)
        elif key == RELEASE_ON_APPLICATION and self.state in RELEASE_SOURCES:
            self.release(ReleaseGround.NO_COURT_NOTICE_20WD, Actor.system(), at)
        elif key == RELEASE_EX_OFFICIO and self.state in RELEASE_SOURCES:
            self.release(ReleaseGround.NO_COURT_NOTICE_50WD, Actor.system(), at)
        else:
            self.end_deadline(key, DeadlineStatus.LAPSED)
            self._note(E.DEADLINE_PASSED, tracked, at, ("Deadline passed", "期限已届满"))

    def _note(self, name: str, tracked: TrackedDeadline, at: dt.datetime, summary: tuple[str, str]) -> None:
        due = tracked.due.isoformat() if tracked.due else ""
        self.record(
            name,
            by=Actor.system(),
            at=at,
            basis=[Citation.parse(tracked.basis)] if tracked.basis else [],
            details={"deadline": tracked.key, "due": due, "explanation": tracked.explanation},
            summary=(f"{summary[0]}: {tracked.key} ({due})", f"{summary[1]}：{tracked.key}（{due}）"),
        )

    def _clock(self, key: str, start: dt.date, kind: DeadlineKind, warnings: ClockWarnings) -> None:
        tracked, timer = start_clock(
            key,
            start=start,
            kind=kind,
            warnings=warnings,
            payload={"detention_id": str(self.id)},
            timer_kind=DETENTION_TIMER,
        )
        self.deadlines[key] = tracked
        self.timer_changes.append(timer)

    def _ex_officio_only(self, name: str) -> None:
        self.require_state(name)
        if self.route is not Route.EX_OFFICIO:
            raise DetentionRuleBroken(
                "Customs investigates ex officio detentions only (art. 20)",
                "仅依职权扣留由海关调查认定（第二十条）",
            )

    @property
    def advisories(self) -> tuple[Advisory, ...]:
        return tuple(a for e in self.events for a in e.advisories)


def _normalised(ip_type: str, number: str) -> str:
    """The right's number as complaints keep it (unknown right types compared as given)."""
    try:
        return right_key(ip_type, number).split(":", 1)[1]
    except ValueError:
        return number.strip()
