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

from intake.domain.errors import RecusalRequired
from intake.domain.parties import PartyRecord, match_name
from intake.domain.workflow import Workflow, guard


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
REFERRALS: Final = frozenset(
    {C.REFERRED_ENFORCEMENT, C.REFERRED_ADJUDICATION, C.REFERRED_MEDIATION, C.REFERRED_COURT}
)
TRANSITIONS: Final[Mapping[CentreCaseStatus, frozenset[CentreCaseStatus]]] = {
    C.RECEIVED: frozenset({C.TRIAGED}),
    C.TRIAGED: REFERRALS | {C.OPINION_DRAFTING},
    C.OPINION_DRAFTING: frozenset({C.OPINION_ISSUED}),
    C.OPINION_ISSUED: frozenset({C.CLOSED}),
    **dict.fromkeys(REFERRALS, frozenset({C.CLOSED})),
    C.CLOSED: frozenset(),
}


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
class CentreCase(Workflow):
    SUBJECT: ClassVar[str] = "centre_case"

    status: CentreCaseStatus = CentreCaseStatus.RECEIVED
    classification: Classification | None = None
    examiner_id: str | None = None
    opinion: Opinion | None = None
    opened_at: dt.datetime

    def _move_to(
        self, new: CentreCaseStatus, event: str, actor: str, at: dt.datetime, en: str, zh: str
    ) -> None:
        guard(self.status, new, TRANSITIONS)
        previous, self.status = self.status, new
        self.record(
            event, actor, at, summary=en, summary_zh=zh, data={"from": previous.value, "to": new.value}
        )

    def opened(self, actor: str) -> None:
        self.record(
            "CentreCaseOpened", actor, self.opened_at, summary="Centre case opened", summary_zh="中心案件已立"
        )

    def classify(self, classification: Classification, actor: str, at: dt.datetime) -> None:
        self.classification = classification
        self._move_to(
            C.TRIAGED,
            "CentreCaseTriaged",
            actor,
            at,
            f"Classified: {classification.value}",
            f"已分类：{classification.value}",
        )

    def assign(self, examiner: Examiner, parties: Iterable[PartyRecord], actor: str, at: dt.datetime) -> None:
        conflicts = examiner.conflicts(parties)
        if conflicts:
            raise RecusalRequired(
                f"{examiner.name} declared an interest in {', '.join(conflicts)} and must step aside",
                f"{examiner.name} 与 {'、'.join(conflicts)} 存在利害关系，应当回避",
            )
        self.examiner_id = examiner.id
        self._move_to(
            C.OPINION_DRAFTING,
            "ExaminerAssigned",
            actor,
            at,
            f"Examiner {examiner.name} assigned (recusal check passed)",
            f"已指派审查员 {examiner.name}（回避审查通过）",
        )

    def issue_opinion(self, opinion: Opinion, actor: str) -> None:
        self.opinion = opinion
        self._move_to(
            C.OPINION_ISSUED,
            "OpinionIssued",
            actor,
            opinion.issued_at,
            f"Opinion issued: {opinion.conclusion.value}. {opinion.reasons}",
            f"已出具判定意见：{opinion.conclusion.value}。{opinion.reasons}",
        )

    def refer(self, target: CentreCaseStatus, actor: str, at: dt.datetime) -> None:
        self._move_to(
            target, "CentreCaseReferred", actor, at, f"Referred: {target.value}", f"已移交：{target.value}"
        )

    def close(self, note: str, actor: str, at: dt.datetime) -> None:
        self._move_to(C.CLOSED, "CentreCaseClosed", actor, at, f"Closed: {note}", f"已结案：{note}")
