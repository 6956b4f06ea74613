"""Customs refusals (all under intake's root; the HTTP layer maps the kind)."""

from __future__ import annotations

from intake.domain.errors import IntakeError
from shared.errors import Conflict, NotFound, ValidationFailed


class GuaranteeRefused(IntakeError, ValidationFailed):
    """The guarantee does not meet a binding rule."""

    code = "guarantee_refused"
    title = "The guarantee does not meet the rules"
    title_zh = "担保不符合规定"


class DetentionRuleBroken(IntakeError, Conflict):
    """The table allows the step from this state, but its guard (route, right type, timing) does not hold."""

    code = "detention_rule_broken"
    title = "This customs step does not apply to this detention"
    title_zh = "该海关步骤不适用于本扣留案件"


class RecordationRuleBroken(IntakeError, Conflict):
    code = "recordation_rule_broken"
    title = "This step does not apply to this recordation"
    title_zh = "该操作不适用于本备案"


class DetentionCaseNotFound(IntakeError, NotFound):
    code = "detention_case_not_found"
    title = "Detention case not found"
    title_zh = "扣留案件不存在"


class RecordationNotFound(IntakeError, NotFound):
    code = "recordation_not_found"
    title = "Recordation not found"
    title_zh = "备案不存在"
