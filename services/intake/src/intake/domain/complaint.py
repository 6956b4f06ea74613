"""The complaint aggregate: what a protection centre registers, checks, links and triages.

State machine (one table, one guard): a complaint is RECEIVED, then accepted, held for correction,
refused or linked as a duplicate; an accepted complaint is routed (adjudication, mediation),
referred (other agencies) or kept in the centre (opinion, trade fair); downstream outcomes move it
to CASE_OPENED and CLOSED.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final

from intake.domain.acceptance import Finding, Outcome, outcome
from intake.domain.dedup import Link, Relation
from intake.domain.errors import IllegalStep
from intake.domain.events import DomainEvent
from intake.domain.parties import PartyRecord
from intake.domain.rights import Verification
from intake.domain.triage import TRACK_AGENCIES, TRACK_DESTINATIONS, TriageDecision
from intake.domain.vocabulary import AllegedAct, Channel, EvaluationReport, Track
from shared.vocabulary import IpType, RequestedProcedure


class ComplaintStatus(StrEnum):
    RECEIVED = "RECEIVED"
    CORRECTION_REQUESTED = "CORRECTION_REQUESTED"
    ACCEPTED = "ACCEPTED"
    NOT_ACCEPTED = "NOT_ACCEPTED"
    DUPLICATE = "DUPLICATE"
    ROUTED = "ROUTED"
    REFERRED = "REFERRED"
    IN_CENTRE = "IN_CENTRE"
    CASE_OPENED = "CASE_OPENED"
    CLOSED = "CLOSED"
    WITHDRAWN = "WITHDRAWN"


S = ComplaintStatus
_TRIAGED: Final = frozenset({S.ROUTED, S.REFERRED, S.IN_CENTRE, S.NOT_ACCEPTED})
TRANSITIONS: Final[Mapping[ComplaintStatus, frozenset[ComplaintStatus]]] = {
    S.RECEIVED: frozenset({S.ACCEPTED, S.CORRECTION_REQUESTED, S.NOT_ACCEPTED, S.DUPLICATE, S.WITHDRAWN}),
    S.CORRECTION_REQUESTED: frozenset({S.ACCEPTED, S.CORRECTION_REQUESTED, S.NOT_ACCEPTED, S.WITHDRAWN}),
    S.ACCEPTED: _TRIAGED | {S.WITHDRAWN},
    S.DUPLICATE: frozenset({S.RECEIVED, S.CLOSED}),
    S.ROUTED: _TRIAGED | {S.CASE_OPENED, S.CLOSED, S.WITHDRAWN},
    S.REFERRED: _TRIAGED | {S.CLOSED},
    S.IN_CENTRE: _TRIAGED | {S.CLOSED, S.WITHDRAWN},
    S.NOT_ACCEPTED: _TRIAGED - {S.NOT_ACCEPTED},
    S.CASE_OPENED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
"""Every legal move. Triaged states may be re-triaged (staff override); NOT_ACCEPTED may be reconsidered."""

TRACK_STATUS: Final[Mapping[Track, ComplaintStatus]] = {
    **dict.fromkeys(TRACK_DESTINATIONS, S.ROUTED),
    **dict.fromkeys(TRACK_AGENCIES, S.REFERRED),
    Track.ECOMMERCE_OPINION: S.IN_CENTRE,
    Track.TRADE_FAIR: S.IN_CENTRE,
    Track.NOT_ACCEPTED: S.NOT_ACCEPTED,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimedRight:
    ip_type: IpType
    number: str
    title: str | None = None
    evaluation_report: EvaluationReport = EvaluationReport.NONE
    evaluation_report_no: str | None = None
    evaluation_report_favourable: bool | None = None
    invalidation_pending: bool = False
    verification: Verification | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    platform: str
    listing_id: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    description: str
    region_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleCriteria:
    """Staff's reading of the §A.9 criteria that only a person can judge."""

    facts_clear: bool = False
    rights_clear: bool = False
    evidence_sufficient: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class TradeFairDetails:
    fair_name: str
    session: str
    booth: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Downstream:
    """Where the complaint's case is now, as the receiving service announced it."""

    service: str
    case_id: uuid.UUID
    case_no: str
    state: str
    updated_at: dt.datetime


@dataclass(slots=True, kw_only=True)
class Complaint:
    id: uuid.UUID
    channel: Channel
    channel_ref: str | None = None
    centre: str
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
    sequence: int | None = None
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list)

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
        return TRANSITIONS[self.status]

    # -- the one guard ---------------------------------------------------------------------------

    def _move_to(
        self,
        new: ComplaintStatus,
        event: str,
        actor: str,
        at: dt.datetime,
        *,
        summary: str,
        summary_zh: str,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        if new not in TRANSITIONS[self.status]:
            raise IllegalStep(self.status.value, new.value, (s.value for s in TRANSITIONS[self.status]))
        previous, self.status = self.status, new
        moved = {"from": previous.value, "to": new.value, **(data or {})}
        self.record(event, actor, at, summary=summary, summary_zh=summary_zh, data=moved)

    def record(
        self,
        name: str,
        actor: str,
        at: dt.datetime,
        *,
        summary: str,
        summary_zh: str,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        self.events.append(
            DomainEvent(
                name=name,
                complaint_id=self.id,
                actor=actor,
                at=at,
                summary=summary,
                summary_zh=summary_zh,
                data=dict(data or {}),
            )
        )

    # -- behaviour -------------------------------------------------------------------------------

    def registered(self, actor: str) -> None:
        self.record(
            "ComplaintRegistered",
            actor,
            self.received_at,
            summary=f"Complaint registered ({self.channel.value})",
            summary_zh=f"投诉已登记（{self.channel.value}）",
            data={"channel": self.channel.value},
        )

    def record_verifications(self, results: tuple[Verification, ...], actor: str, at: dt.datetime) -> None:
        self.rights = tuple(
            replace(right, verification=result) for right, result in zip(self.rights, results, strict=True)
        )
        self.record(
            "RightsVerified",
            actor,
            at,
            summary="Rights checked against the registry: " + ", ".join(r.status.value for r in results),
            summary_zh="已核验权属：" + "、".join(r.status.value for r in results),
            data={"results": [r.status.value for r in results]},
        )

    def link_to(self, link: Link, actor: str, at: dt.datetime) -> None:
        self.link = link
        data = {"link": link.as_dict()}
        if link.relation is Relation.DUPLICATE:
            self._move_to(
                S.DUPLICATE,
                "DuplicateDetected",
                actor,
                at,
                summary=f"Same complaint as {link.reference} (matched {', '.join(link.matched)})",
                summary_zh=f"与投诉 {link.reference} 重复（匹配：{'，'.join(link.matched)}）",
                data=data,
            )
            return
        self.record(
            "RelatedComplaintLinked",
            actor,
            at,
            summary=f"Related to {link.reference} (matched {', '.join(link.matched)})",
            summary_zh=f"与投诉 {link.reference} 相关（匹配：{'，'.join(link.matched)}）",
            data=data,
        )

    def confirm_duplicate(self, actor: str, at: dt.datetime, reason: str) -> None:
        assert self.link is not None or self.status is not S.DUPLICATE
        self._move_to(
            S.CLOSED,
            "DuplicateConfirmed",
            actor,
            at,
            summary=f"Confirmed as a duplicate: {reason}",
            summary_zh=f"确认为重复投诉：{reason}",
        )
        if self.link is not None:
            self.link = replace(self.link, confirmed=True)

    def split(self, actor: str, at: dt.datetime, reason: str) -> None:
        """Staff say it is a different complaint after all: it is checked and triaged on its own."""
        self._move_to(
            S.RECEIVED,
            "ComplaintSplit",
            actor,
            at,
            summary=f"Split from {self.link.reference if self.link else '?'}: {reason}",
            summary_zh=f"拆分为独立投诉：{reason}",
        )
        self.link = None

    def assess(self, findings: tuple[Finding, ...], actor: str, at: dt.datetime) -> Outcome:
        """Apply the acceptance checks' findings: accept, hold for correction, or refuse."""
        self.findings = findings
        result = outcome(findings)
        listed = "; ".join(f.message for f in findings if f.severity.value != "warning") or "none"
        listed_zh = "；".join(f.message_zh for f in findings if f.severity.value != "warning") or "无"
        data = {"data": {"findings": [f.rule for f in findings]}}
        if result is Outcome.REFUSE:
            self._move_to(
                S.NOT_ACCEPTED,
                "ComplaintNotAccepted",
                actor,
                at,
                summary=f"Not accepted: {listed}",
                summary_zh=f"不予受理：{listed_zh}",
                **data,
            )
        elif result is Outcome.CORRECTION:
            self._move_to(
                S.CORRECTION_REQUESTED,
                "CorrectionRequested",
                actor,
                at,
                summary=f"Correction requested: {listed}",
                summary_zh=f"要求补正：{listed_zh}",
                **data,
            )
        else:
            self._move_to(
                S.ACCEPTED, "ComplaintAccepted", actor, at, summary="Accepted", summary_zh="已受理", **data
            )
        return result

    def correct(self, changes: Mapping[str, Any], actor: str, at: dt.datetime) -> None:
        """Take the corrected fields; the caller verifies and assesses again."""
        if self.status is not S.CORRECTION_REQUESTED:
            raise IllegalStep(self.status.value, "CORRECTED", (s.value for s in TRANSITIONS[self.status]))
        for name, value in changes.items():
            setattr(self, name, value)
        self.record(
            "CorrectionReceived",
            actor,
            at,
            summary="Corrected: " + ", ".join(sorted(changes)),
            summary_zh="已补正：" + "、".join(sorted(changes)),
            data={"fields": sorted(changes)},
        )

    def route(self, decision: TriageDecision, actor: str, at: dt.datetime) -> None:
        overridden = self.triage is not None and self.status in _TRIAGED
        self.triage = decision
        self._move_to(
            TRACK_STATUS[decision.track],
            "TriageOverridden" if overridden or decision.rule == "staff_override" else "ComplaintTriaged",
            actor,
            at,
            summary=f"Track {decision.track.value} (rule {decision.rule}): {decision.reason}",
            summary_zh=f"分流至 {decision.track.value}（规则 {decision.rule}）：{decision.reason_zh}",
            data={"track": decision.track.value, "rule": decision.rule, "facts": dict(decision.facts)},
        )

    def refuse(self, reason: str, actor: str, at: dt.datetime) -> None:
        self.triage = TriageDecision(
            track=Track.NOT_ACCEPTED, rule="staff_override", reason=reason, reason_zh=reason
        )
        self._move_to(
            S.NOT_ACCEPTED,
            "ComplaintNotAccepted",
            actor,
            at,
            summary=f"Not accepted: {reason}",
            summary_zh=f"不予受理：{reason}",
        )

    def withdraw(self, reason: str, actor: str, at: dt.datetime) -> None:
        self._move_to(
            S.WITHDRAWN,
            "ComplaintWithdrawn",
            actor,
            at,
            summary=f"Withdrawn: {reason}",
            summary_zh=f"已撤回：{reason}",
        )

    def case_opened(self, downstream: Downstream, actor: str) -> None:
        """The receiving service docketed a case; a complaint already further along only notes it."""
        self.downstream = downstream
        self._move_or_note(
            S.CASE_OPENED,
            "CaseOpened",
            actor,
            downstream.updated_at,
            summary=f"{downstream.service} opened case {downstream.case_no} ({downstream.state})",
            summary_zh=f"{downstream.service} 已立案 {downstream.case_no}（{downstream.state}）",
            data={
                "service": downstream.service,
                "case_id": str(downstream.case_id),
                "case_no": downstream.case_no,
            },
        )

    def case_concluded(self, downstream: Downstream, result: str, actor: str) -> None:
        self.downstream = downstream
        self._move_or_note(
            S.CLOSED,
            "CaseConcluded",
            actor,
            downstream.updated_at,
            summary=f"{downstream.service} case {downstream.case_no} concluded: {result}",
            summary_zh=f"{downstream.service} 案件 {downstream.case_no} 已结案：{result}",
            data={"service": downstream.service, "case_no": downstream.case_no, "result": result},
        )

    def _move_or_note(
        self, new: ComplaintStatus, event: str, actor: str, at: dt.datetime, **text: Any
    ) -> None:
        # Outcomes arrive from other services in their own order: never refuse one, only note it.
        if new in TRANSITIONS[self.status]:
            self._move_to(new, event, actor, at, **text)
        else:
            self.record(event, actor, at, **text)

    def close(self, reason: str, actor: str, at: dt.datetime) -> None:
        self._move_to(
            S.CLOSED,
            "ComplaintClosed",
            actor,
            at,
            summary=f"Closed: {reason}",
            summary_zh=f"已结案：{reason}",
        )
