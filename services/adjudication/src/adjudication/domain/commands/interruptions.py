"""Commands that stop, pause or end the proceedings: suspension, clock pauses, mediation, endings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from adjudication.domain.case.parts.clock import PauseReason
from adjudication.domain.case.parts.mediation import MediationResult
from adjudication.domain.case.parts.suspension import RefusalGround, SuspensionApplication
from adjudication.domain.case.steps import clock, clock_pauses, endings, mediation, suspension
from adjudication.domain.commands.base import FOR_THE_OFFICE, CaseCommand, OnBehalf, Step, Who
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.parties import REQUESTER_ID
from shared.domain.actors import Actor


@dataclass(frozen=True, slots=True)
class SuspensionApplicant:
    """The party named in the application applies, else the office records the request itself.

    The party is recorded as a respondent even when the requester applies (e.g. over ownership): so
    it always was; kept unchanged here, and reported for a fix rather than changed silently.
    """

    decides_kind: ClassVar[bool] = False

    def actor(self, kind: ActorKind | None, command: Any, aggregate: Any) -> Actor:
        applicant = command.application.requested_by
        if applicant:
            return OnBehalf(applicant).actor(ActorKind.RESPONDENT, command, aggregate)
        return FOR_THE_OFFICE.actor(kind, command, aggregate)


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestSuspension(CaseCommand):
    STEP = Step(suspension.request_suspension, actor=ActorKind.HANDLER, acting=SuspensionApplicant())
    application: SuspensionApplication


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideSuspension(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(suspension.decide_suspension, transitions=("suspend",))
    request_id: str
    grant: bool
    refusal_grounds: tuple[RefusalGround, ...] = ()
    reasons: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendSuspension(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(suspension.extend_ownership_suspension, actor=ActorKind.PANEL)


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumeCase(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(suspension.resume, transitions=("resume",))
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StartClockPause(CaseCommand):
    STEP = Step(clock_pauses.start_pause, actor=ActorKind.HANDLER)
    reason: PauseReason
    reference: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EndClockPause(CaseCommand):
    STEP = Step(clock_pauses.end_pause, actor=ActorKind.HANDLER)
    reason: PauseReason


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendTimeLimit(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(clock.extend_time_limit, actor=ActorKind.OFFICE_HEAD)
    approved_by: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferToMediation(CaseCommand):
    STEP = Step(
        mediation.refer_to_mediation,
        transitions=("refer_to_mediation",),
        acting=OnBehalf("requester+respondents"),
    )
    consented_on: dt.date
    damages_mediation: bool
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConcludeMediation(CaseCommand):
    STEP = Step(mediation.conclude_mediation, transitions=("conclude_mediation", "return_from_mediation"))
    result: MediationResult


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawRequest(CaseCommand):
    STEP = Step(endings.withdraw, transitions=("withdraw",), acting=OnBehalf(REQUESTER_ID))
    reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DismissCase(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(endings.dismiss, transitions=("dismiss",))
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CloseCase(CaseCommand):
    STEP = Step(endings.close, transitions=("close",))
    note: str | None = None
