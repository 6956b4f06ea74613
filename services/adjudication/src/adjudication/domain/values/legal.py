"""The instruments the procedure cites (``Citation.instrument``), and provisions many steps rest on."""

from __future__ import annotations

from shared.domain.legal import Citation

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

PL65 = Citation(PATENT_LAW, "65")  # the office decides, the parties may sue within 15 days
ART12 = Citation(ENFORCEMENT_MEASURES, "12", "U")  # service of the request, the answer period
ART14 = Citation(ENFORCEMENT_MEASURES, "14", "U")  # oral hearings
ACL58 = Citation(COERCION_LAW, "58")  # review of a refusal to enforce
