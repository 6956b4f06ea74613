"""The complaint aggregate: what a protection centre registers, checks, links and triages.

State machine (one table in :mod:`.states`, the shared guard): a complaint is RECEIVED, then
accepted, held for correction, refused or linked as a duplicate; an accepted complaint is routed
(adjudication, mediation), referred (other agencies) or kept in the centre (opinion, trade fair);
downstream outcomes move it to CASE_OPENED and CLOSED. Triaged states may be re-triaged by staff;
NOT_ACCEPTED may be reconsidered.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from intake.domain.complaint.states import TRACK_STATUS, TRANSITIONS, TRIAGED, ComplaintStatus
from intake.domain.complaint.values import (
    STAFF_OVERRIDE,
    ClaimedRight,
    Downstream,
    Finding,
    Link,
    Listing,
    Location,
    Outcome,
    Relation,
    SimpleCriteria,
    TradeFairDetails,
    TriageDecision,
    outcome,
)
from intake.domain.deadlines import CORRECTION, CORRECTION_PERIOD, IntakeDeadlines, not_configured_zh
from intake.domain.errors import IllegalStep
from intake.domain.events import INTAKE, ComplaintEvent, FalseMaterialsFound, HandOff, TriageDecided, restated
from intake.domain.parties import PartyRecord
from intake.domain.rights import Verification
from intake.domain.vocabulary import AllegedAct, Channel, Track
from shared.catalogue import Text, label, term
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.lifecycle import Lifecycle, TransitionTable
from shared.identity.principals import NATIONAL_OFFICE
from shared.vocabulary import IpType, RequestedProcedure

S = ComplaintStatus
E = ComplaintEvent


@dataclass(slots=True, kw_only=True)
class Complaint(Lifecycle[ComplaintStatus], IntakeDeadlines):
    TRANSITIONS: ClassVar[TransitionTable[ComplaintStatus]] = TRANSITIONS
    refusal: ClassVar[type[IllegalStep]] = IllegalStep
    SUBJECT: ClassVar[str] = "complaint"

    id: uuid.UUID
    channel: Channel
    channel_ref: str | None = None
    centre: str
    office_code: str = NATIONAL_OFFICE
    """The receiving office (its division code leads): office scope reads and acts on it."""
    ip_type: IpType
    rights: tuple[ClaimedRight, ...]
    complainant: PartyRecord
    agent: PartyRecord | None = None
    respondents: tuple[PartyRecord, ...]
    alleged_acts: tuple[AllegedAct, ...] = ()
    infringement_locations: tuple[Location, ...] = ()
    listings: tuple[Listing, ...] = ()
    requested_remedy: str | None = None
    facts: str
    requested_procedure: RequestedProcedure = RequestedProcedure.ADJUDICATION
    court_action_pending: bool = False
    both_parties_willing_to_mediate: bool = False
    major_case: bool = False
    suspected_crime: bool = False
    public_law_violation: bool = False
    simple_criteria: SimpleCriteria = field(default_factory=SimpleCriteria)
    known_since: dt.date | None = None
    other_office_filings: tuple[str, ...] = ()
    trade_fair: TradeFairDetails | None = None
    received_at: dt.datetime
    status: ComplaintStatus = ComplaintStatus.RECEIVED
    findings: tuple[Finding, ...] = ()
    triage: TriageDecision | None = None
    link: Link | None = None
    downstream: Downstream | None = None
    examiner_id: str | None = None
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    sequence: int | None = None
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)

    @property
    def state(self) -> ComplaintStatus:
        return self.status

    @state.setter
    def state(self, value: ComplaintStatus) -> None:
        self.status = value

    @property
    def complaint_id(self) -> uuid.UUID:
        return self.id

    @property
    def reference(self) -> str:
        """The centre's complaint number, e.g. ``TS2026-00000042``; known once stored."""
        if self.sequence is None:
            raise ValueError("a complaint has a reference only once it is stored")
        return f"TS{self.received_at.year}-{self.sequence:08d}"

    @property
    def is_new(self) -> bool:
        """Still being registered: not stored yet, so no evidence or deadline refers to it."""
        return self.version == 0

    @property
    def parties(self) -> tuple[PartyRecord, ...]:
        agent = (self.agent,) if self.agent else ()
        return (self.complainant, *agent, *self.respondents)

    def party(self, party_id: uuid.UUID) -> PartyRecord | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def allowed(self) -> frozenset[ComplaintStatus]:
        """The statuses the table allows from the current one."""
        return frozenset(row.target for row in self.allowed_now())

    def _move(
        self, name: str, by: Actor, at: dt.datetime, summary: tuple[str, str], **data: Any
    ) -> DomainEvent:
        """Take step ``name`` through the one guard; the record shows where it came from and went."""
        moved = {"from": self.status.value, "to": self.TRANSITIONS[name].target.value, **data}
        return self.move(name, by=by, at=at, summary=summary, details=moved)

    # -- behaviour -------------------------------------------------------------------------------

    def registered(self, by: Actor) -> None:
        summary = (f"Complaint registered ({self.channel.value})", f"投诉已登记（{label(self.channel).zh}）")
        self.record(
            E.REGISTERED, by=by, at=self.received_at, summary=summary, details={"channel": self.channel}
        )

    def record_verifications(self, results: tuple[Verification, ...], by: Actor, at: dt.datetime) -> None:
        self.rights = tuple(
            replace(right, verification=result) for right, result in zip(self.rights, results, strict=True)
        )
        summary = (
            "Rights checked against the registry: " + ", ".join(r.status.value for r in results),
            "已核验权属：" + "、".join(label(r.status).zh for r in results),
        )
        self.record(
            E.RIGHTS_VERIFIED, by=by, at=at, summary=summary, details={"results": [r.status for r in results]}
        )

    def link_to(self, link: Link, by: Actor, at: dt.datetime) -> None:
        self.link = link
        if link.relation is Relation.DUPLICATE:
            summary = (
                f"Same complaint as {link.reference} (matched {', '.join(link.matched)})",
                f"与投诉 {link.reference} 重复（匹配：{'，'.join(link.matched)}）",
            )
            self._move("mark_duplicate", by, at, summary, link=link.as_dict())
            return
        summary = (
            f"Related to {link.reference} (matched {', '.join(link.matched)})",
            f"与投诉 {link.reference} 相关（匹配：{'，'.join(link.matched)}）",
        )
        self.record(E.RELATED_LINKED, by=by, at=at, summary=summary, details={"link": link.as_dict()})

    def confirm_duplicate(self, by: Actor, at: dt.datetime, reason: str) -> None:
        summary = (f"Confirmed as a duplicate: {reason}", f"确认为重复投诉：{reason}")
        self._move("confirm_duplicate", by, at, summary)
        if self.link is not None:
            self.link = replace(self.link, confirmed=True)

    def split(self, by: Actor, at: dt.datetime, reason: str) -> None:
        """Staff say it is a different complaint after all: it is checked and triaged on its own."""
        summary = (
            f"Split from {self.link.reference if self.link else '?'}: {reason}",
            f"拆分为独立投诉：{reason}",
        )
        self._move("split", by, at, summary)
        self.link = None

    def assess(
        self,
        findings: tuple[Finding, ...],
        by: Actor,
        at: dt.datetime,
        *,
        province: str | None,
        warn_working_days: int | None,
    ) -> Outcome:
        """Apply the acceptance checks' findings: accept, hold for correction (a deadline), or refuse."""
        self.findings = findings
        result = outcome(findings)
        listed = "; ".join(f.message for f in findings if f.severity.value != "warning") or "none"
        listed_zh = "；".join(f.message_zh for f in findings if f.severity.value != "warning") or "无"
        checked = {"findings": [f.rule for f in findings]}
        if result is Outcome.REFUSE:
            self._move("refuse", by, at, (f"Not accepted: {listed}", f"不予受理：{listed_zh}"), **checked)
            self.cancel(CORRECTION)
        elif result is Outcome.CORRECTION:
            summary = (f"Correction requested: {listed}", f"要求补正：{listed_zh}")
            self._move("request_correction", by, at, summary, **checked)
            self._start_correction(by, at, province, warn_working_days)
        else:
            self._move("accept", by, at, ("Accepted", "已受理"), **checked)
            self.meet(CORRECTION, at)
        return result

    def _start_correction(
        self, by: Actor, at: dt.datetime, province: str | None, warn_working_days: int | None
    ) -> None:
        tracked = self.track(
            CORRECTION,
            period=CORRECTION_PERIOD,
            at=at,
            kind=DeadlineKind.OFFICE_DUTY,
            province=province,
            warn_working_days=warn_working_days,
        )
        self.note_untimed(tracked, by, at)

    def note_untimed(
        self, tracked: TrackedDeadline, by: Actor, at: dt.datetime, *, ask_operator: bool = True
    ) -> None:
        """Say on the record that a deadline has no figure here, so no timer watches it."""
        if tracked.due is not None:
            return
        note = tracked.explanation or ""
        note_zh = not_configured_zh(note)
        summary = (
            (
                f"No deadline set: {note}. An operator must configure it in the period catalogue.",
                f"未设定期限：{note_zh}。请运维人员在期限目录中配置。",
            )
            if ask_operator
            else (f"No deadline set: {note}", f"未设定期限：{note_zh}")
        )
        self.record(E.PERIOD_NOT_CONFIGURED, by=by, at=at, summary=summary)

    def correct(self, changes: Mapping[str, Any], by: Actor, at: dt.datetime) -> None:
        """Take the corrected fields; the caller verifies and assesses again."""
        if self.status is not S.CORRECTION_REQUESTED:
            raise IllegalStep(self.status.value, "CORRECTED", (s.value for s in self.allowed()))
        for name, value in changes.items():
            setattr(self, name, value)
        summary = ("Corrected: " + ", ".join(sorted(changes)), "已补正：" + "、".join(sorted(changes)))
        self.record(E.CORRECTION_RECEIVED, by=by, at=at, summary=summary, details={"fields": sorted(changes)})

    def route(self, decision: TriageDecision, by: Actor, at: dt.datetime, hand_off: HandOff) -> None:
        """Put the complaint on ``decision``'s track; ``hand_off`` goes with it to whoever takes it."""
        overridden = (self.triage is not None and self.status in TRIAGED) or decision.rule == STAFF_OVERRIDE
        self.triage = decision
        step = f"{'override' if overridden else 'triage'}_{TRACK_STATUS[decision.track].value.lower()}"
        summary = (
            f"Track {decision.track.value} (rule {decision.rule}): {decision.reason}",
            f"分流至“{label(decision.track).zh}”：{decision.reason_zh}",
        )
        facts = {"track": decision.track.value, "rule": decision.rule, "facts": dict(decision.facts)}
        moved = self._move(step, by, at, summary, **facts)
        self.events[-1] = restated(moved, TriageDecided, hand_off=hand_off)

    def refuse(self, reason: str, by: Actor, at: dt.datetime) -> None:
        self.triage = TriageDecision(
            track=Track.NOT_ACCEPTED, rule=STAFF_OVERRIDE, reason=reason, reason_zh=reason
        )
        self._move("refuse", by, at, (f"Not accepted: {reason}", f"不予受理：{reason}"))
        self.cancel_open_deadlines()

    def acknowledge_referral(
        self, agency: str, document_no: str, received_on: dt.date, by: Actor, at: dt.datetime
    ) -> None:
        """The agency the complaint was referred to acknowledged receipt (回执): the referral is done and
        the complaint closes with the acknowledgement on its record (issue 18)."""
        if self.status is not S.REFERRED:
            raise IllegalStep(self.status.value, S.CLOSED.value, (s.value for s in self.allowed()))
        self._move(
            "close",
            by,
            at,
            (
                f"Referral acknowledged by {agency} ({document_no}, received {received_on.isoformat()})",
                f"{agency}已回执（{document_no}，{received_on.isoformat()}收到）",
            ),
            acknowledged_by=agency,
            document_no=document_no,
            received_on=received_on.isoformat(),
        )
        self.cancel_open_deadlines()

    def withdraw(self, reason: str, by: Actor, at: dt.datetime) -> None:
        self._move("withdraw", by, at, (f"Withdrawn: {reason}", f"已撤回：{reason}"))
        self.cancel_open_deadlines()

    def case_opened(self, downstream: Downstream, by: Actor, state: Text | None = None) -> None:
        """The receiving service docketed a case; a complaint already further along only notes it.
        ``state`` is what that service calls its state (carried by its event; intake does not know
        other services' vocabulary)."""
        self.downstream = downstream
        named = state or term(downstream.state)
        summary = (
            f"{term(downstream.service).en} opened case {downstream.case_no} ({named.en})",
            f"{term(downstream.service).zh}已立案，案号 {downstream.case_no}（{named.zh}）",
        )
        data = {
            "service": downstream.service,
            "case_id": str(downstream.case_id),
            "case_no": downstream.case_no,
        }
        self._move_or_note("open_case", by, downstream.updated_at, summary, data)

    def case_concluded(
        self, downstream: Downstream, result: str, by: Actor, named: Text | None = None
    ) -> None:
        """The receiving service's case ended; ``named`` is its result in words (from its event)."""
        self.downstream = downstream
        words = named or term(result)
        summary = (
            f"{term(downstream.service).en} case {downstream.case_no} concluded: {words.en}",
            f"{term(downstream.service).zh}案件 {downstream.case_no} 已结案：{words.zh}",
        )
        data = {"service": downstream.service, "case_no": downstream.case_no, "result": result}
        self._move_or_note("conclude", by, downstream.updated_at, summary, data)

    def _move_or_note(
        self, name: str, by: Actor, at: dt.datetime, summary: tuple[str, str], data: Mapping[str, Any]
    ) -> None:
        # Outcomes arrive from other services in their own order: never refuse one, only note it.
        if self.status in self.TRANSITIONS[name].sources:
            self._move(name, by, at, summary, **data)
        else:
            self.record(self.TRANSITIONS[name].event, by=by, at=at, summary=summary, details=data)

    def close(self, reason: str, by: Actor, at: dt.datetime) -> None:
        self._move("close", by, at, (f"Closed: {reason}", f"已结案：{reason}"))

    def close_if_in_centre(self, reason: str, by: Actor, at: dt.datetime) -> None:
        """A workflow the centre kept the complaint for has ended: so has the complaint."""
        if self.status is S.IN_CENTRE:
            self.close(reason, by, at)

    def found_false_materials(self, party: PartyRecord, finding: str, by: Actor, at: dt.datetime) -> None:
        """A party submitted false materials: a credit input (§C.1)."""
        self._append(
            FalseMaterialsFound(
                at=at,
                actor=by,
                summary=f"False materials by {party.name}: {finding}",
                summary_zh=f"{party.name} 提交虚假材料：{finding}",
                details={"party_id": str(party.id)},
                finding=finding,
            )
        )

    def evidence_attached(
        self,
        evidence_id: uuid.UUID,
        file_name: str,
        size_bytes: int,
        sha256: str,
        notarisation_ref: str | None,
        *,
        by: Actor,
        at: dt.datetime,
    ) -> None:
        notarised = f", notarisation {notarisation_ref}" if notarisation_ref else ""
        summary = (
            f"Evidence {file_name} ({size_bytes} bytes, sha256 {sha256[:12]}…{notarised})",
            f"已提交证据 {file_name}（{size_bytes} 字节）",
        )
        details = {"evidence_id": str(evidence_id), "sha256": sha256}
        self.record(E.EVIDENCE_ATTACHED, by=by, at=at, summary=summary, details=details)

    def deadline_reached(
        self, subject: tuple[str, uuid.UUID], step: str, due_at: dt.datetime, *, warning: bool
    ) -> None:
        """A deadline of the complaint or of one of its workflow records came near or ran out."""
        if warning:
            name, summary = (
                E.DEADLINE_APPROACHING,
                (f"Due soon: {step} ({due_at.isoformat()})", f"即将到期：{step}"),
            )
        else:
            name, summary = E.DEADLINE_PASSED, (f"Deadline passed: {step}", f"已逾期：{step}")
        self.record(name, by=INTAKE, at=due_at, summary=summary, subject=subject)
