"""Intake's exceptions, rooted at :class:`IntakeError`::

IntakeError
├── ComplaintNotFound (NotFound)            no complaint with that id
├── EvidenceNotFound (NotFound)             no evidence file with that id on the complaint
├── CentreCaseNotFound (NotFound)           no centre case with that id
├── TradeFairCaseNotFound (NotFound)        no trade-fair complaint with that id
├── EcommerceNoticeNotFound (NotFound)      no e-commerce notice with that id
├── RightNotFound (NotFound)                no right with that type and number in the registry
├── ImportJobNotFound (NotFound)            no registry import job with that id
├── ExaminerNotFound (NotFound)             no examiner with that id
├── PartyNotFound (NotFound)                no party with that id on the complaint
├── RecusalRequired (Conflict)              the examiner has a declared interest in a party (§A.11)
├── AlreadyExists (Conflict)                the workflow record exists already for this complaint
├── IllegalStep (InvalidTransition)         a state machine refused a move
├── InvalidComplaint (ValidationFailed)     domain validation of complaint input, per field
├── EvidenceRejected (ValidationFailed)     an upload breaks the size or type limits
├── ImportRejected (ValidationFailed)       a registry import file cannot be read at all
└── RuleTableInvalid (ValidationFailed)     the triage/acceptance rule table is malformed
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from shared.errors import Conflict, InvalidTransition, IpcaseError, NotFound, ValidationFailed


class IntakeError(IpcaseError):
    code = "intake_error"


class ComplaintNotFound(IntakeError, NotFound):
    code = "complaint_not_found"
    title = "Complaint not found"
    title_zh = "投诉不存在"


class EvidenceNotFound(IntakeError, NotFound):
    code = "evidence_not_found"
    title = "Evidence file not found"
    title_zh = "证据文件不存在"


class CentreCaseNotFound(IntakeError, NotFound):
    code = "centre_case_not_found"
    title = "Centre case not found"
    title_zh = "中心案件不存在"


class TradeFairCaseNotFound(IntakeError, NotFound):
    code = "trade_fair_case_not_found"
    title = "Trade-fair complaint not found"
    title_zh = "展会投诉不存在"


class EcommerceNoticeNotFound(IntakeError, NotFound):
    code = "ecommerce_notice_not_found"
    title = "E-commerce notice not found"
    title_zh = "电商通知不存在"


class RightNotFound(IntakeError, NotFound):
    code = "right_not_found"
    title = "Right not found in the registry"
    title_zh = "权利登记库中无此权利"


class EvaluationReportNotFound(IntakeError, NotFound):
    code = "evaluation_report_not_found"
    title = "Evaluation report not recorded for this right"
    title_zh = "该权利未登记此评价报告"


class ImportJobNotFound(IntakeError, NotFound):
    code = "import_job_not_found"
    title = "Import job not found"
    title_zh = "导入任务不存在"


class ExaminerNotFound(IntakeError, NotFound):
    code = "examiner_not_found"
    title = "Examiner not found"
    title_zh = "审查员不存在"


class PartyNotFound(IntakeError, NotFound):
    code = "party_not_found"
    title = "Party not found on this complaint"
    title_zh = "该投诉中无此当事人"


class RecusalRequired(IntakeError, Conflict):
    code = "recusal_required"
    title = "The examiner must step aside (declared interest in a party)"
    title_zh = "审查员与当事人存在利害关系，应当回避"


class AlreadyExists(IntakeError, Conflict):
    code = "already_exists"
    title = "This record exists already"
    title_zh = "该记录已存在"


class IllegalStep(IntakeError, InvalidTransition):
    """A state machine refused a move.

    The shared guard names a transition by its label (``withdraw → WITHDRAWN``); intake's API has
    always named the state a step leads to, so the refusal keeps the state (same text, same
    ``allowed`` list as before the shared guard).
    """

    code = "invalid_transition"

    def __init__(self, current: str, requested: str, allowed: Iterable[str]) -> None:
        super().__init__(current, _state(requested), {_state(label) for label in allowed})


def _state(label: str) -> str:
    return label.rpartition(" → ")[2]


class InvalidComplaint(IntakeError, ValidationFailed):
    code = "invalid_complaint"
    title = "The complaint breaks a rule"
    title_zh = "投诉内容不符合规则"


class InvalidRight(IntakeError, ValidationFailed):
    code = "invalid_right"
    title = "The right's number is not valid for its kind"
    title_zh = "权利号无效"


class EvidenceRejected(IntakeError, ValidationFailed):
    code = "evidence_rejected"
    title = "The evidence file was refused"
    title_zh = "证据文件未被接受"


class EvidencePendingScan(IntakeError, Conflict):
    code = "evidence_pending_scan"
    title = "The evidence file has not passed its virus scan yet"
    title_zh = "证据文件尚未通过病毒扫描"


class ImportRejected(IntakeError, ValidationFailed):
    code = "import_rejected"
    title = "The import file cannot be read"
    title_zh = "导入文件无法读取"


class RuleTableInvalid(IntakeError, ValidationFailed):
    code = "rule_table_invalid"
    title = "The rule table is malformed"
    title_zh = "规则表格式错误"


T = TypeVar("T")


class InvariantBroken(RuntimeError):
    """A fact the code relies on is missing (a trade-fair complaint without its fair, a routed
    complaint without its destination): a programming error, never an answer to a request."""


def present(value: T | None, what: str) -> T:
    """``value``, which the code's invariants say is there; :class:`InvariantBroken` if it is not."""
    if value is None:
        raise InvariantBroken(f"{what} is missing")
    return value


def expect(value: object, kind: type[T], what: str) -> T:
    """``value`` as the ``kind`` the code's invariants say it is; :class:`InvariantBroken` if not."""
    if not isinstance(value, kind):
        raise InvariantBroken(f"{what} is a {type(value).__name__}, not a {kind.__name__}")
    return value
