"""The canonical steps of a case for tests: real domain steps at fixed moments of a 2026 calendar.

Every step gets an explicit moment (Labour Day falls inside the litigation windows), so no test
depends on the wall clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.acceptance import AcceptanceChecklist
from adjudication.domain.case.parts.decision import (
    DecisionDraft,
    InfringingAct,
    Outcome,
    StopMeasure,
    StopOrder,
)
from adjudication.domain.case.parts.enforcement import EnforcementApplication
from adjudication.domain.case.parts.hearings import Attendance, Hearing, HearingMode, HearingPlan, RoomRef
from adjudication.domain.case.parts.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.case.parts.suspension import Attachment, SuspensionApplication, SuspensionReason
from adjudication.domain.case.steps import (
    acceptance,
    deadlines,
    decision,
    delivery,
    enforcement,
    hearing_record,
    hearings,
    litigation,
    participants,
    suspension,
)
from adjudication.domain.errors import InvariantBroken
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.rules import CaseRules, ParticipantRole
from shared.calendar import SHANGHAI
from shared.domain.actors import Actor

HANDLER = Actor(ActorKind.HANDLER, "handler-1")
PANEL = Actor(ActorKind.PANEL, "panel-1")
HEAD = Actor(ActorKind.OFFICE_HEAD, "head-1")
COURT = Actor(ActorKind.COURT, "court-330106", recorded_by="clerk")
REQUESTER = Actor(ActorKind.REQUESTER, "requester", recorded_by="handler-1")
RESPONDENT = Actor(ActorKind.RESPONDENT, "respondent-1", recorded_by="handler-1")
PARTIES = Actor(ActorKind.PARTIES, "requester+respondents", recorded_by="handler-1")
ROOM = RoomRef(id="room-1", name="第一审理庭", mode=HearingMode.PHYSICAL)


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


D = dt.date
# The canonical calendar of a case (2026): docketed Wed 4 Mar, panel on Thu 19 Mar, hearing planned on
# Fri 20 Mar, inspection Mon 11 May, application Thu 28 May, court ruling Fri 5 Jun.
DOCKET_DAY, PANEL_DAY, PLANNING_DAY = D(2026, 3, 4), D(2026, 3, 19), D(2026, 3, 20)
INSPECTION_DAY, APPLICATION_DAY, RULING_DAY = D(2026, 5, 11), D(2026, 5, 28), D(2026, 6, 5)


class CaseSteps:
    """Takes the domain steps on a case as the canonical path does; ``CaseBuilder`` adds the path."""

    rules: CaseRules

    # Actors and helpers for test modules (which cannot import each other).
    handler = HANDLER
    panel_actor = PANEL
    head = HEAD
    court = COURT
    requester = REQUESTER
    respondent = RESPONDENT
    parties = PARTIES
    room = ROOM
    moment = staticmethod(moment)

    def docket(self, case: Case, on: dt.date = DOCKET_DAY, **overrides: Any) -> None:
        arguments: dict[str, Any] = {
            "docket_no": "（2026）京知裁字第1号",
            "sequence": 1,
            "docketed_on": on,
            "approved_by": "王处长",
            "jurisdiction": Jurisdiction(basis=JurisdictionBasis.RESPONDENT_DOMICILE),
            "checklist": AcceptanceChecklist(
                requester_entitled=True, respondent_identified=True, claims_specific=True, patent_valid=True
            ),
            "accepted_elsewhere": (),
            "by": HANDLER,
            "at": moment(on),
            "rules": self.rules,
        }
        arguments.update(overrides)
        acceptance.docket(case, **arguments)

    def serve(self, case: Case, party_id: str, on: dt.date) -> None:
        delivery.serve_request_copy(
            case,
            party_id=party_id,
            method=ServiceMethod.POST,
            served_on=on,
            dispatched_on=None,
            reference=None,
            by=HANDLER,
            at=moment(on),
            rules=self.rules,
        )

    def answer(self, case: Case, party_id: str, on: dt.date) -> None:
        delivery.record_answer(
            case,
            party_id=party_id,
            received_on=on,
            summary="不构成侵权",
            evidence=(),
            by=HANDLER,
            at=moment(on),
            rules=self.rules,
        )

    def panel(self, case: Case, on: dt.date = PANEL_DAY) -> list[str]:
        people = [
            ("p-1", "李组长", ParticipantRole.PRESIDING),
            ("p-2", "张审理员", ParticipantRole.PANEL_MEMBER),
            ("p-3", "赵审理员", ParticipantRole.PANEL_MEMBER),
            ("t-1", "钱技术调查官", ParticipantRole.TECHNICAL_INVESTIGATOR),
        ]
        return [
            participants.assign(
                case, person_id=p, name=n, role=r, by=HEAD, at=moment(on), rules=self.rules
            ).id
            for p, n, r in people
        ]

    def schedule(self, case: Case, at: dt.datetime | None = None, **plan: Any) -> Hearing:
        ids = [p.id for p in case.participants if p.active] or self.panel(case)
        fields: dict[str, Any] = {
            "room": ROOM,
            "starts_at": moment(D(2026, 3, 31), 9),
            "ends_at": moment(D(2026, 3, 31), 12),
            "participant_ids": tuple(ids),
        }
        fields.update(plan)
        when = at or moment(PLANNING_DAY)
        return hearings.schedule(
            case, plan=HearingPlan(**fields), conflicts=(), by=PANEL, at=when, rules=self.rules
        )

    def hold(self, case: Case, requester: Attendance = Attendance.PRESENT) -> None:
        scheduled = hearings.scheduled_hearing(case)
        if scheduled is None:
            raise InvariantBroken("scheduled is not None")
        attendance = {p.party_id: Attendance.PRESENT for p in case.parties} | {"requester": requester}
        hearing_record.record_hearing(
            case,
            hearing_id=scheduled.id,
            attendance=attendance,
            summary="双方陈述意见",
            signed_on=D(2026, 3, 31),
            signed_by=("李组长", "请求人代理人"),
            by=PANEL,
            at=moment(D(2026, 3, 31), 14),
        )

    def suspend(self, case: Case, reason: SuspensionReason = SuspensionReason.OWNERSHIP) -> None:
        application = SuspensionApplication(
            reason=reason,
            requested_by="respondent-1",
            filed_on=D(2026, 4, 1),
            invalidation_case_no="4W100001",
            invalidation_accepted_on=D(2026, 3, 30),
            attachments=tuple(Attachment),
        )
        request = suspension.request_suspension(
            case, application=application, by=RESPONDENT, at=moment(D(2026, 4, 1)), rules=self.rules
        )
        suspension.decide_suspension(
            case,
            request_id=request.id,
            grant=True,
            refusal_grounds=(),
            reasons="所有权纠纷待决",
            by=PANEL,
            at=moment(D(2026, 4, 2)),
            rules=self.rules,
        )

    def decide(self, case: Case, outcome: Outcome = Outcome.INFRINGEMENT_ESTABLISHED) -> None:
        order = (
            StopOrder(
                acts=(InfringingAct.SELL, InfringingAct.OFFER_TO_SELL),
                products=("X1型电动牙刷",),
                measures=(StopMeasure.NO_DISPOSAL_OF_STOCK, StopMeasure.REMOVE_OFFERS),
            )
            if outcome is Outcome.INFRINGEMENT_ESTABLISHED
            else None
        )
        draft = DecisionDraft(
            outcome=outcome,
            requester_statement="请求人称",
            respondent_statement="被请求人辩称",
            findings="经查",
            reasons="本局认为",
            legal_provisions=("《中华人民共和国专利法》第六十五条",),
            stop_order=order,
            approved_by="局长",
            decided_on=D(2026, 4, 15),
        )
        decision.decide(
            case,
            decision_no="（2026）京知裁决字第1号",
            draft=draft,
            by=PANEL,
            at=moment(D(2026, 4, 15)),
            rules=self.rules,
        )

    def serve_decision(self, case: Case, party_id: str, on: dt.date) -> None:
        litigation.serve_decision(
            case,
            party_id=party_id,
            method=ServiceMethod.IN_PERSON,
            served_on=on,
            by=HANDLER,
            at=moment(on),
            rules=self.rules,
        )

    def lapse(self, case: Case, key: str, on: dt.date) -> None:
        deadlines.deadline_reached(case, key, warning=False, at=moment(on, 0), rules=self.rules)

    def make_effective(self, case: Case) -> None:
        self.serve_decision(case, "respondent-1", D(2026, 4, 17))
        self.serve_decision(case, "respondent-2", D(2026, 4, 20))
        for party in ("requester", "respondent-1", "respondent-2"):
            self.lapse(case, f"litigation.{party}", D(2026, 5, 7))

    def inspect(self, case: Case, complied: bool, on: dt.date = INSPECTION_DAY) -> None:
        enforcement.check_compliance(
            case,
            checked_on=on,
            complied=complied,
            findings="现场检查",
            inspector="执法员",
            by=HANDLER,
            at=moment(on),
        )

    def demand(self, case: Case) -> None:
        self.inspect(case, complied=False)
        enforcement.send_demand(
            case,
            served_on=D(2026, 5, 12),
            method=ServiceMethod.IN_PERSON,
            by=HANDLER,
            at=moment(D(2026, 5, 12)),
            rules=self.rules,
        )

    def apply(self, case: Case, on: dt.date = APPLICATION_DAY, late_reason: str | None = None) -> None:
        application = EnforcementApplication(
            court_code="330106",
            court_name="北京市海淀区人民法院",
            application_no="强执申2026-1",
            applied_on=on,
            object_of_enforcement=("停止销售X1型电动牙刷",),
            facts_and_reasons="逾期不履行",
            late_reason=late_reason,
        )
        enforcement.apply_to_court(case, application=application, by=HEAD, at=moment(on))

    def rule(self, case: Case, granted: bool, on: dt.date = RULING_DAY) -> None:
        enforcement.record_ruling(
            case,
            court_code="110108",
            ruling_no="（2026）京0108行审1号",
            granted=granted,
            ruled_on=on,
            by=COURT,
            at=moment(on),
            rules=self.rules,
        )
