"""Credit's exceptions, rooted at :class:`CreditError`::

CreditError
├── SubjectNotFound (NotFound)              no subject with that credit code or id
├── RecordNotFound (NotFound)               no credit record with that id
├── CommitmentNotFound (NotFound)           no credit commitment with that id
├── UnmatchedInputNotFound (NotFound)       no parked input with that id
├── NoticeNotIssued (NotFound)              the record has no notice of proposed listing to print
├── RecordStepRefused (InvalidTransition)   the record's state machine does not allow the step
├── CommitmentStepRefused (InvalidTransition)  the commitment is already verified
├── DueProcessIncomplete (Conflict)         notice window still open, or a requested hearing not held
├── RepairNotAvailable (Conflict)           early removal is excluded for this record (Order 45 art. 14)
├── CommitmentNotAvailable (Conflict)       the subject is under a measure that excludes commitments
├── InputAlreadySettled (Conflict)          a parked input was already resolved or dismissed
├── GradeRulesNotLoaded (Conflict)          local grading asked for, but no rule set is loaded
├── DuplicateInput (Conflict)               one import names the same thing twice (409 naming the field)
├── ApprovalPending (Conflict)              an approval is awaited, or none is pending to give
└── InvalidCreditInput (ValidationFailed)   dates, identities or combinations that break a rule

InvariantBroken (RuntimeError, not a refusal)   a fact the code relies on is missing: a bug (500)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from shared.errors import Conflict, FieldError, InvalidTransition, IpcaseError, NotFound, ValidationFailed


class CreditError(IpcaseError):
    code = "credit_error"


class SubjectNotFound(CreditError, NotFound):
    code = "subject_not_found"
    title = "Subject not found"
    title_zh = "信用主体不存在"


class RecordNotFound(CreditError, NotFound):
    code = "credit_record_not_found"
    title = "Credit record not found"
    title_zh = "信用记录不存在"


class CommitmentNotFound(CreditError, NotFound):
    code = "commitment_not_found"
    title = "Credit commitment not found"
    title_zh = "信用承诺不存在"


class UnmatchedInputNotFound(CreditError, NotFound):
    code = "unmatched_input_not_found"
    title = "Unmatched input not found"
    title_zh = "待匹配输入不存在"


class NoticeNotIssued(CreditError, NotFound):
    code = "notice_not_issued"
    title = "No notice of proposed listing was issued for this record"
    title_zh = "该记录尚未发出拟列入告知书"


class RecordStepRefused(CreditError, InvalidTransition):
    code = "credit_record_invalid_transition"


class CommitmentStepRefused(CreditError, InvalidTransition):
    code = "commitment_invalid_transition"


class DueProcessIncomplete(CreditError, Conflict):
    code = "due_process_incomplete"
    title = "The subject's due-process rights are not exhausted yet"
    title_zh = "当事人陈述、申辩或听证程序尚未完成"


class RepairNotAvailable(CreditError, Conflict):
    code = "repair_not_available"
    title = "Early removal is not available for this record"
    title_zh = "该记录不适用信用修复"


class CommitmentNotAvailable(CreditError, Conflict):
    code = "commitment_not_available"
    title = "The subject may not use credit commitments while listed"
    title_zh = "失信主体不适用信用承诺制"


class InputAlreadySettled(CreditError, Conflict):
    code = "input_already_settled"
    title = "This input was already resolved or dismissed"
    title_zh = "该输入已处理"


class GradeRulesNotLoaded(CreditError, Conflict):
    code = "grade_rules_not_loaded"
    title = "No local grading rules are loaded"
    title_zh = "未加载本地信用评级规则"


class DuplicateInput(CreditError, Conflict):
    """A 409 naming the entry that repeats an earlier entry of the same request."""

    code = "duplicate_input"
    title = "The request names the same thing twice"
    title_zh = "请求中存在重复条目"


def duplicate(field: str, message: str, message_zh: str) -> DuplicateInput:
    return DuplicateInput(
        message, message_zh, field_errors=[FieldError(field, "duplicate", message, message_zh)]
    )


class ApprovalPending(CreditError, Conflict):
    code = "approval_pending"
    title = "An approval is pending, or none is pending"
    title_zh = "审批状态不允许此操作"


class InvalidCreditInput(CreditError, ValidationFailed):
    code = "invalid_credit_input"
    title = "Input breaks a credit rule"
    title_zh = "输入不符合信用管理规则"


def invalid(field: str, code: str, message: str, message_zh: str) -> InvalidCreditInput:
    """A one-field validation error, in both languages."""
    return InvalidCreditInput(
        message, message_zh, field_errors=[FieldError(field, code, message, message_zh)]
    )


def invalid_fields(errors: Iterable[FieldError]) -> InvalidCreditInput:
    collected = tuple(errors)
    return InvalidCreditInput(
        f"{len(collected)} field(s) break a credit rule",
        f"有 {len(collected)} 个字段不符合信用管理规则",
        field_errors=collected,
    )


T = TypeVar("T")


class InvariantBroken(RuntimeError):
    """A fact the code relies on is missing (a listed record without its terms, a record read back
    without its number): a programming error, never an answer to a request."""


def present(value: T | None, what: str) -> T:
    """``value``, which the code's invariants say is there; :class:`InvariantBroken` if it is not."""
    if value is None:
        raise InvariantBroken(f"{what} is missing")
    return value
