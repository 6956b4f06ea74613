"""The centre case (§D.3a): a complaint or platform request the centre handles itself.

RECEIVED → TRIAGED → OPINION_DRAFTING → OPINION_ISSUED, or TRIAGED → REFERRED_*; both → CLOSED
once the platform or the receiving unit acknowledges. Assigning the technical examiner runs a
recusal check against the examiner's declared interests (§A.11).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final

from intake.domain.deadlines import OPINION
from intake.domain.errors import RecusalRequired
from intake.domain.events import CentreCaseEvent, CentreCaseReferred, HandOff, restated
from intake.domain.parties import PartyRecord, match_name
from intake.domain.workflow import Workflow, machine
from shared.catalogue import label
from shared.domain.actors import Actor
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


class CentreCaseStatus(StrEnum):
    RECEIVED = "RECEIVED"
    TRIAGED = "TRIAGED"
    OPINION_DRAFTING = "OPINION_DRAFTING"
    OPINION_ISSUED = "OPINION_ISSUED"
    REFERRED_ENFORCEMENT = "REFERRED_ENFORCEMENT"
    REFERRED_ADJUDICATION = "REFERRED_ADJUDICATION"
    REFERRED_MEDIATION = "REFERRED_MEDIATION"
    REFERRED_COURT = "REFERRED_COURT"
    CLOSED = "CLOSED"


C = CentreCaseStatus
E = CentreCaseEvent
REFERRALS: Final = frozenset(
    {C.REFERRED_ENFORCEMENT, C.REFERRED_ADJUDICATION, C.REFERRED_MEDIATION, C.REFERRED_COURT}
)
REFERRAL_STEPS: Final[Mapping[CentreCaseStatus, str]] = {
    C.REFERRED_ENFORCEMENT: "refer_to_enforcement",
    C.REFERRED_ADJUDICATION: "refer_to_adjudication",
    C.REFERRED_MEDIATION: "refer_to_mediation",
    C.REFERRED_COURT: "refer_to_court",
}
TRANSITIONS: Final = TransitionTable(
    CentreCaseStatus,
    [
        transition("classify", [C.RECEIVED], C.TRIAGED, event=E.TRIAGED),
        transition(
            "assign_examiner",
            [C.TRIAGED],
            C.OPINION_DRAFTING,
            event=E.EXAMINER_ASSIGNED,
            guard="the examiner declared no interest in a party (§A.11)",
        ),
        transition("issue_opinion", [C.OPINION_DRAFTING], C.OPINION_ISSUED, event=E.OPINION_ISSUED),
        *(transition(step, [C.TRIAGED], target, event=E.REFERRED) for target, step in REFERRAL_STEPS.items()),
        transition(
            "close",
            [C.OPINION_ISSUED, *REFERRALS],
            C.CLOSED,
            event=E.CLOSED,
            guard="the platform or the receiving unit acknowledged",
        ),
    ],
)
"""Every legal move (§D.3a); referral goes to enforcement, adjudication, mediation or a court."""


class Classification(StrEnum):
    OPINION = "opinion"
    MEDIATION = "mediation"
    AID = "aid"
    REFERRAL = "referral"


class Conclusion(StrEnum):
    INFRINGING = "infringing"
    NOT_INFRINGING = "not_infringing"
    CANNOT_DETERMINE = "cannot_determine"


@dataclass(frozen=True, slots=True, kw_only=True)
class Examiner:
    """A technical examiner with the interests they declared (companies, people) for recusal checks."""

    id: str
    name: str
    centre: str
    interests: tuple[str, ...] = ()

    def conflicts(self, parties: Iterable[PartyRecord]) -> list[str]:
        declared = {match_name(i) for i in self.interests} | set(self.interests)
        return [p.name for p in parties if p.match_name in declared or (p.credit_code or "") in declared]


@dataclass(frozen=True, slots=True, kw_only=True)
class Opinion:
    conclusion: Conclusion
    reasons: str
    signed_by: str
    issued_at: dt.datetime


@dataclass(slots=True, kw_only=True)
class CentreCase(Workflow[CentreCaseStatus]):
    SUBJECT: ClassVar[str] = "centre_case"
    MACHINE: ClassVar[StatusMachine[CentreCaseStatus]] = machine(TRANSITIONS)

    status: CentreCaseStatus = CentreCaseStatus.RECEIVED
    classification: Classification | None = None
    examiner_id: str | None = None
    opinion: Opinion | None = None
    opened_at: dt.datetime

    def opened(self, by: Actor) -> None:
        self._record(E.OPENED, by, self.opened_at, ("Centre case opened", "中心案件已立"))

    def classify(self, classification: Classification, by: Actor, at: dt.datetime) -> None:
        self.classification = classification
        self._move(
            "classify", by, at, (f"Classified: {classification.value}", f"已分类：{label(classification).zh}")
        )

    def assign(self, examiner: Examiner, parties: Iterable[PartyRecord], by: Actor, at: dt.datetime) -> None:
        conflicts = examiner.conflicts(parties)
        if conflicts:
            raise RecusalRequired(
                f"{examiner.name} declared an interest in {', '.join(conflicts)} and must step aside",
                f"{examiner.name} 与 {'、'.join(conflicts)} 存在利害关系，应当回避",
            )
        self.examiner_id = examiner.id
        summary = (
            f"Examiner {examiner.name} assigned (recusal check passed)",
            f"已指派审查员 {examiner.name}（回避审查通过）",
        )
        self._move("assign_examiner", by, at, summary)

    def issue_opinion(self, opinion: Opinion, by: Actor) -> None:
        self.opinion = opinion
        summary = (
            f"Opinion issued: {opinion.conclusion.value}. {opinion.reasons}",
            f"已出具判定意见：{label(opinion.conclusion).zh}。{opinion.reasons}",
        )
        self._move("issue_opinion", by, opinion.issued_at, summary)
        self.meet(OPINION, opinion.issued_at)

    def refer(
        self, target: CentreCaseStatus, reason: str, hand_off: HandOff, by: Actor, at: dt.datetime
    ) -> None:
        """Refer the matter on; the opinion is no longer due. A court gets ``hand_off`` with the referral."""
        step = REFERRAL_STEPS[target]
        moved = self._move(step, by, at, (f"Referred: {target.value}", f"已移交：{label(target).zh}"))
        self.events[-1] = restated(moved, CentreCaseReferred, reason=reason, hand_off=hand_off)
        self.cancel(OPINION)

    def close(self, note: str, by: Actor, at: dt.datetime) -> None:
        self._move("close", by, at, (f"Closed: {note}", f"已结案：{note}"))
