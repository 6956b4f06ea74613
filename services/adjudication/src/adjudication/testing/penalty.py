"""A counterfeit-patent penalty case's filing for tests: a subject marking a product with a patent
number that is not its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from adjudication.domain.penalty.values import CaseSource, CounterfeitAct, PenaltyFiling
from adjudication.domain.values.parties import PartyRecord, PartyRole
from shared.vocabulary import PartyKind

D = dt.date


def penalty_filing(**overrides: Any) -> PenaltyFiling:
    fields: dict[str, Any] = {
        "subject": PartyRecord(
            party_id="subject",
            role=PartyRole.RESPONDENT,
            kind=PartyKind.ORGANISATION,
            name="某某电器有限公司",
            credit_code="91330100MA2XXXXXXX",
        ),
        "acts": (CounterfeitAct.MARKING_UNPATENTED,),
        "patent_number": "ZL201910000000.0",
        "products": ("电热水壶",),
        "marks": ("专利号 ZL201910000000.0",),
        "source": CaseSource.EX_OFFICIO,
        "source_ref": None,
        "discovered_on": D(2026, 3, 2),
        "act_ended_on": None,
        "lawful_source_seller": False,
        "facts": "产品包装标注他人专利号",
    }
    return PenaltyFiling(**(fields | overrides))
