"""``adjudication.penalty_decided`` (issue 18) in credit: trademark and copyright penalties are published
(SAMR Order 45 art. 2), and a heavier penalty of any law makes the SAMR serious-list route real (§C.2:
the list needs a heavier administrative penalty first) as a CANDIDATE under due process."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from credit.domain.record import RecordState
from credit.entrypoints.consumer import penalty_inputs
from credit.testing import uscc_in
from shared.contracts import CloudEvent
from shared.contracts.adjudication import PenaltyDecidedV1, PenaltyLaw, PenaltySeverity
from shared.contracts.common import MoneyAmount, SubjectRef

SOURCE = "/ipcase/330100/adjudication"


def decided(
    law: PenaltyLaw,
    severity: PenaltySeverity,
    *,
    repeat_of: tuple[str, ...] = (),
    fine: str | None = "220000",
) -> tuple[PenaltyDecidedV1, CloudEvent]:
    data = PenaltyDecidedV1(
        case_id=uuid.uuid4(),
        case_no="CP2026-330100-000002",
        decision_no=f"（2026）浙知商罚字第{uuid.uuid4().int % 1000}号",
        law=law,
        severity=severity,
        subject=SubjectRef(name="杭州某某鞋业有限公司", credit_code=uscc_in("330100")),
        fine=MoneyAmount(amount=Decimal(fine)) if fine else None,
        goods_confiscated=("运动鞋 1,200 双",),
        aggravated=bool(repeat_of),
        repeat_of=repeat_of,
        decided_on=dt.date(2026, 8, 3),
    )
    return data, CloudEvent.from_data(data, source=SOURCE, subject=str(data.case_id))


async def test_a_repeat_trademark_penalty_is_published_and_becomes_a_samr_serious_candidate(
    harness: Any,
) -> None:
    data, event = decided(
        PenaltyLaw.TRADEMARK, PenaltySeverity.HEAVIER, repeat_of=("（2024）浙知商罚字第9号",)
    )
    records = [
        harness.record((await harness.bus.handle(cmd)).record_id) for cmd in penalty_inputs(data, event)
    ]
    published, serious = records
    assert (published.list_type, published.behaviour) == ("penalty_publication", "trademark_infringement")
    assert (serious.list_type, serious.behaviour, serious.state) == (
        "samr_serious",
        "repeat_infringement",
        RecordState.CANDIDATE,  # only a candidate: notice, hearing and approval decide the listing
    )
    assert serious.underlying_decision.type == "penalty_decision"
    assert serious.underlying_decision.doc_no == data.decision_no


@pytest.mark.parametrize(
    ("law", "severity", "expected"),
    [
        (PenaltyLaw.TRADEMARK, PenaltySeverity.STANDARD, [("penalty_publication", "trademark_infringement")]),
        (PenaltyLaw.COPYRIGHT, PenaltySeverity.STANDARD, [("penalty_publication", "copyright_infringement")]),
        # Order 45 art. 2: warnings are not published
        (PenaltyLaw.TRADEMARK, PenaltySeverity.WARNING_ONLY, []),
        # Counterfeit patents are published from counterfeit_penalty_decided (not twice): only the SAMR
        # route here.
        (PenaltyLaw.COUNTERFEIT_PATENT, PenaltySeverity.STANDARD, []),
        (PenaltyLaw.COUNTERFEIT_PATENT, PenaltySeverity.HEAVIER, [("samr_serious", "wilful_infringement")]),
    ],
)
def test_what_each_penalty_feeds_credit_with(
    law: PenaltyLaw, severity: PenaltySeverity, expected: list[tuple[str, str]]
) -> None:
    data, event = decided(law, severity, fine=None if severity is PenaltySeverity.WARNING_ONLY else "1000")
    assert [
        (c.list_type or "penalty_publication", c.behaviour.value) for c in penalty_inputs(data, event)
    ] == expected
