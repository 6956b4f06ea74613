"""The tracks of the procedure (繁简分流, §A.9) and the simple-procedure assessment."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.domain.legal import Citation

SIMPLE_BASIS = Citation("湖北省专利侵权纠纷行政裁决简易程序规则 (draft)", "3", "P")
GREEN_CHANNEL_BASIS = Citation("知识产权保护体系建设工程实施方案 (SEED-003 L24)", "—")


class Procedure(StrEnum):
    ORDINARY = "ordinary"
    SIMPLE = "simple"
    GREEN_CHANNEL = "green_channel"


class SimpleCriterion(StrEnum):
    FACTS_CLEAR = "facts_clear"
    RIGHTS_AND_DUTIES_CLEAR = "rights_and_duties_clear"
    EVIDENCE_SUFFICIENT = "evidence_sufficient"
    OWNERSHIP_UNDISPUTED_NO_INVALIDATION = "ownership_undisputed_no_invalidation"
    EVALUATION_REPORT_CLEAN = "evaluation_report_clean"


ALL_SIMPLE_CRITERIA = frozenset(SimpleCriterion)


@dataclass(frozen=True, slots=True, kw_only=True)
class SimpleAssessment:
    """The handler's assessment; invalidation and the evaluation report are also read from the case."""

    facts_clear: bool
    rights_and_duties_clear: bool
    evidence_sufficient: bool
    ownership_undisputed: bool
    evaluation_report_clean: bool | None = None
