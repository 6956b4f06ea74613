"""The instruments the adjudication procedure cites (``shared.domain.legal.Citation.instrument``)."""

from __future__ import annotations

PATENT_LAW = "专利法"
IMPL_REGS = "专利法实施细则"
ENFORCEMENT_MEASURES = "专利行政执法办法 (2015)"
COERCION_LAW = "行政强制法"
PENALTY_LAW = "行政处罚法"
LITIGATION_LAW = "行政诉讼法"
SHANGHAI_REGS = "上海市专利保护条例"
ZHEJIANG_REGS = "浙江省专利条例"
SHANDONG_REGS = "山东省专利条例"
GUANGDONG_REGS = "广东省知识产权保护条例"
CIVIL_PROCEDURE_LAW = "民事诉讼法 (2023)"  # the courts' recusal rules, the template here
