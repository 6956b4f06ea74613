"""Legal citations as data, so every transition and event can say which provision it rests on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Citation:
    """One provision, with the confidence tag of domain-rules §0.1 (V verified, P secondary, U unverified)."""

    instrument: str
    article: str
    confidence: str = "V"

    def __str__(self) -> str:
        return f"{self.instrument} art. {self.article} [{self.confidence}]"


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


def cite(*citations: Citation) -> str:
    return "; ".join(str(c) for c in citations)
