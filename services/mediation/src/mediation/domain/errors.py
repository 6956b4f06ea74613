"""Mediation's exceptions, rooted at :class:`MediationError`::

MediationError
├── MediationCaseNotFound (NotFound)            no mediation case with that id
├── ApplicationNotFound (NotFound)              no confirmation application with that id
├── MediatorNotFound (NotFound)                 no mediator with that id
├── OrganisationNotFound (NotFound)             no mediation organisation with that id
├── AssignmentNotFound (NotFound)               the case has no such mediator assignment
├── ObjectionNotFound (NotFound)                the case has no such objection
├── RulingReceiptNotFound (NotFound)            no receipt of the ruling recorded for that party
├── EnforcementNotFound (NotFound)              the case has no such enforcement application
├── CaseTransitionRefused (InvalidTransition)   the case's state machine refuses the step (lists the
│                                               states the case may move to now)
├── AlreadyOnRoster (Conflict)                  an organisation's name or a mediator's login is taken
├── StepNotPossible (Conflict)                  the state allows it, but the case's facts do not
│   ├── MediatorUnavailable                     inactive, at capacity, or not on the court's roster
│   ├── ConflictOfInterest                      the mediator declared a conflict with a party
│   ├── ConfirmationWindowClosed                the 30-day window of CPL art. 205 has run out
│   └── StatusRefused (InvalidTransition)       a sub-entity's status machine refuses the step:
│       ├── AssignmentAlreadyAnswered           the mediator's assignment was answered already
│       ├── ApplicationClosed                   the court has answered the application already
│       ├── ObjectionAlreadyDecided             the court has decided the objection already
│       └── AgreementNotDraft                   the agreement is no longer a draft to sign
├── NotYourAssignment (PermissionDenied)        a mediator answering another mediator's assignment
├── InvalidRequest (ValidationFailed)           input breaks a domain rule (field errors say which)
│   ├── AgreementNotConfirmable                 Interp. art. 355: the content cannot be confirmed
│   └── CourtNotCompetent                       the chosen court is not competent (CPL art. 205)
└── ConfigurationError                          a data file (court directory, rules) is malformed

InvariantBroken (RuntimeError, not a refusal)   a fact the code relies on is missing: a bug (500)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import ClassVar, TypeVar

from shared.catalogue import term
from shared.errors import (
    Conflict,
    FieldError,
    InvalidTransition,
    IpcaseError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)


class MediationError(IpcaseError):
    code = "mediation_error"


class MediationCaseNotFound(MediationError, NotFound):
    code = "mediation_case_not_found"
    title = "Mediation case not found"
    title_zh = "调解案件不存在"


class ApplicationNotFound(MediationError, NotFound):
    code = "confirmation_application_not_found"
    title = "Judicial confirmation application not found"
    title_zh = "司法确认申请不存在"


class MediatorNotFound(MediationError, NotFound):
    code = "mediator_not_found"
    title = "Mediator not found"
    title_zh = "调解员不存在"


class OrganisationNotFound(MediationError, NotFound):
    code = "organisation_not_found"
    title = "Mediation organisation not found"
    title_zh = "调解组织不存在"


class AssignmentNotFound(MediationError, NotFound):
    code = "assignment_not_found"
    title = "Mediator assignment not found"
    title_zh = "调解员指派不存在"


class ObjectionNotFound(MediationError, NotFound):
    code = "objection_not_found"
    title = "Objection not found"
    title_zh = "异议不存在"


class RulingReceiptNotFound(MediationError, NotFound):
    code = "ruling_receipt_not_found"
    title = "Ruling receipt not found"
    title_zh = "未登记该当事人收到裁定"


class EnforcementNotFound(MediationError, NotFound):
    code = "enforcement_not_found"
    title = "Enforcement application not found"
    title_zh = "强制执行申请不存在"


class CaseTransitionRefused(MediationError, InvalidTransition):
    """Refused by the case's state machine: says (and lists in ``allowed``) the states the case may
    move to now, as this API always has.

    The shared guard names transitions by their label (``"accept → ACCEPTED"``); the target state
    is what a client reads, so each label is reduced to it. A step that changes no state is named
    as it is (``"draft_agreement"``).
    """

    code = "invalid_transition"
    title = InvalidTransition.title
    title_zh = InvalidTransition.title_zh

    def __init__(self, current: str, requested: str, allowed: Iterable[str]) -> None:
        super().__init__(current, _target(requested), {_target(label) for label in allowed})


def _target(label: str) -> str:
    return label.rpartition(" → ")[2]


class AlreadyOnRoster(MediationError, Conflict):
    """A 409 naming the field whose value another roster entry already has."""

    code = "already_exists"
    title = "Already on the roster"
    title_zh = "名册中已存在"

    @classmethod
    def field(cls, name: str, message: str, message_zh: str) -> AlreadyOnRoster:
        return cls(message, message_zh, field_errors=[FieldError(name, cls.code, message, message_zh)])


class StepNotPossible(MediationError, Conflict):
    code = "step_not_possible"
    title = "This step is not possible for this case"
    title_zh = "本案当前无法执行此操作"


class MediatorUnavailable(StepNotPossible):
    code = "mediator_unavailable"
    title = "The mediator cannot take this case"
    title_zh = "该调解员无法承接本案"


class ConflictOfInterest(StepNotPossible):
    code = "conflict_of_interest"
    title = "The mediator has a conflict of interest with a party"
    title_zh = "调解员与当事人存在利益冲突"


class ConfirmationWindowClosed(StepNotPossible):
    code = "confirmation_window_closed"
    title = "The 30-day window for judicial confirmation has run out"
    title_zh = "申请司法确认的三十日期限已届满"


class StatusRefused(StepNotPossible, InvalidTransition):
    """A sub-entity's status machine (an assignment, an application...) refused a step.

    A 409 ``step_not_possible`` worded for the sub-entity, as these refusals have always been: the
    case's own ``allowed`` states do not apply to a sub-entity, so none are listed.
    """

    wording: ClassVar[tuple[str, str]] = (
        "Not possible while it is {current}",
        "当前状态为{current}，无法执行",
    )

    def __init__(self, current: str, requested: str, allowed: Iterable[str]) -> None:
        self.current, self.requested = current, requested
        english, chinese = self.wording
        StepNotPossible.__init__(
            self, english.format(current=current), chinese.format(current=f"“{term(current).zh}”")
        )


class AssignmentAlreadyAnswered(StatusRefused):
    wording = ("The assignment was already answered ({current})", "该指派已处理（{current}）")


class ApplicationClosed(StatusRefused):
    wording = ("The application is {current}", "该申请状态为{current}")


class ObjectionAlreadyDecided(StatusRefused):
    wording = ("The objection was already decided", "该异议已有处理结果")


class AgreementNotDraft(StatusRefused):
    wording = ("There is no draft agreement to sign", "没有待签署的调解协议")


class NotYourAssignment(MediationError, PermissionDenied):
    code = "not_your_assignment"
    title = "Only the assigned mediator may answer this assignment"
    title_zh = "只有被指派的调解员可以答复该指派"


class InvalidRequest(MediationError, ValidationFailed):
    code = "invalid_request"
    title = "The request breaks a mediation rule"
    title_zh = "请求不符合调解规则"


class AgreementNotConfirmable(InvalidRequest):
    code = "agreement_not_confirmable"
    title = "This agreement cannot be judicially confirmed"
    title_zh = "该调解协议不能申请司法确认"


class CourtNotCompetent(InvalidRequest):
    code = "court_not_competent"
    title = "The court is not competent for this confirmation"
    title_zh = "该法院对本司法确认申请无管辖权"


class ConfigurationError(MediationError):
    code = "mediation_configuration_error"
    title = "A mediation data file is malformed"
    title_zh = "调解配置数据有误"


def invalid(field: str, code: str, message: str, message_zh: str) -> InvalidRequest:
    """One-field :class:`InvalidRequest`, the most common domain refusal."""
    return InvalidRequest(message, message_zh, field_errors=[FieldError(field, code, message, message_zh)])


def invalid_fields(errors: Iterable[FieldError]) -> InvalidRequest:
    found = tuple(errors)
    return InvalidRequest(
        f"{len(found)} field(s) break a mediation rule",
        f"有 {len(found)} 个字段不符合调解规则",
        field_errors=found,
    )


def not_before(field: str, day: dt.date, earliest: dt.date, what: str, what_zh: str) -> None:
    """Refuse a date that precedes the object it belongs to (``what``: "the application was filed").

    A 422 ``precedes_its_object`` naming ``field``; days are compared, since documents carry days."""
    if day < earliest:
        raise invalid(
            field,
            "precedes_its_object",
            f"{field} ({day.isoformat()}) cannot be before {what} ({earliest.isoformat()})",
            f"{field}（{day.isoformat()}）不能早于{what_zh}（{earliest.isoformat()}）",
        )


T = TypeVar("T")


class InvariantBroken(RuntimeError):
    """A fact the code relies on is missing (an effective agreement without its effective time, a
    court case without its court): a programming error, never an answer to a request."""


def present(value: T | None, what: str) -> T:
    """``value``, which the code's invariants say is there; :class:`InvariantBroken` if it is not."""
    if value is None:
        raise InvariantBroken(f"{what} is missing")
    return value
