"""Commands that stop, pause or end the proceedings: suspension, clock pauses, mediation, endings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adjudication.domain.case.parts.clock import PauseReason
from adjudication.domain.case.parts.mediation import MediationResult
from adjudication.domain.case.parts.suspension import RefusalGround, SuspensionApplication
from adjudication.domain.commands.base import CaseCommand


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestSuspension(CaseCommand):
    application: SuspensionApplication


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideSuspension(CaseCommand):
    request_id: str
    grant: bool
    refusal_grounds: tuple[RefusalGround, ...] = ()
    reasons: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendSuspension(CaseCommand):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumeCase(CaseCommand):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StartClockPause(CaseCommand):
    reason: PauseReason
    reference: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EndClockPause(CaseCommand):
    reason: PauseReason


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendTimeLimit(CaseCommand):
    approved_by: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferToMediation(CaseCommand):
    consented_on: dt.date
    damages_mediation: bool
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConcludeMediation(CaseCommand):
    result: MediationResult


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawRequest(CaseCommand):
    reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DismissCase(CaseCommand):
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CloseCase(CaseCommand):
    note: str | None = None
