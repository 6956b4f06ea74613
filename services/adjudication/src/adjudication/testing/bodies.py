"""Request bodies the API tests send: a docketing that passes its checks, a decision that does."""

from __future__ import annotations

import datetime as dt
from typing import Any


def docket_body(on: dt.date | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "jurisdiction": {"basis": "respondent_domicile"},
        "checklist": {
            "requester_entitled": True,
            "respondent_identified": True,
            "claims_specific": True,
            "patent_valid": True,
        },
    }
    if on is not None:
        body["docketed_on"] = str(on)
    return body


def decision_body(on: dt.date) -> dict[str, Any]:
    return {
        "outcome": "INFRINGEMENT_ESTABLISHED",
        "requester_statement": "请求人称被请求人销售侵权产品。",
        "respondent_statement": "被请求人辩称产品不落入保护范围。",
        "findings": "经审理查明，被诉产品具备权利要求1的全部技术特征。",
        "reasons": "被请求人未经许可销售专利产品，构成侵权。",
        "stop_order": {"acts": ["sell"], "products": ["X1型电动牙刷"], "measures": ["no_disposal_of_stock"]},
        "decided_on": str(on),
    }
