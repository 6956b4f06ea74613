"""Every state machine's whole transition table: each listed move works, every other is refused."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from enum import StrEnum
from typing import Any

import pytest

from intake.domain import centre_case, complaint, ecommerce_notice, trade_fair
from intake.domain.errors import IllegalStep, InvalidComplaint
from intake.testing import NOW
from intake.testing import complaint as a_complaint


def _pairs(table: Any, enum: type[StrEnum]) -> list[tuple[StrEnum, StrEnum, bool]]:
    return [(a, b, b in table[a]) for a, b in itertools.product(enum, enum)]


def _workflow(kind: str, status: StrEnum) -> Any:
    cid = uuid.uuid4()
    if kind == "centre":
        return centre_case.CentreCase(complaint_id=cid, opened_at=NOW, status=status)
    if kind == "fair":
        return trade_fair.TradeFairCase(
            complaint_id=cid,
            fair_name="广交会",
            session="138",
            exhibitor_name="x",
            exhibitor_key="x",
            filed_at=NOW,
            status=status,
        )
    return ecommerce_notice.EcommerceNotice(
        complaint_id=cid, platform="p", listing_ids=("1",), seller="s", notice_at=NOW, status=status
    )


@pytest.mark.parametrize(
    ("current", "new", "allowed"), _pairs(complaint.TRANSITIONS, complaint.ComplaintStatus)
)
def test_complaint_transition_table(
    current: complaint.ComplaintStatus, new: complaint.ComplaintStatus, allowed: bool
) -> None:
    c = a_complaint(status=current)
    if allowed:
        c._move_to(new, "Moved", "staff-1", NOW, summary="s", summary_zh="s")
        assert c.status is new
        event = c.events[-1]
        assert (event.actor, event.at, event.data["from"], event.data["to"]) == (
            "staff-1",
            NOW,
            current.value,
            new.value,
        )
    else:
        with pytest.raises(IllegalStep) as refused:
            c._move_to(new, "Moved", "staff-1", NOW, summary="s", summary_zh="s")
        assert refused.value.allowed == tuple(sorted(s.value for s in complaint.TRANSITIONS[current]))
        assert c.status is current and not c.events


TABLES = [
    ("centre", centre_case.TRANSITIONS, centre_case.CentreCaseStatus),
    ("fair", trade_fair.TRANSITIONS, trade_fair.TradeFairStatus),
    ("notice", ecommerce_notice.TRANSITIONS, ecommerce_notice.NoticeStatus),
]


@pytest.mark.parametrize(
    ("kind", "current", "new", "allowed"),
    [(kind, a, b, ok) for kind, table, enum in TABLES for a, b, ok in _pairs(table, enum)],
)
def test_workflow_transition_tables(kind: str, current: StrEnum, new: StrEnum, allowed: bool) -> None:
    record = _workflow(kind, current)
    if allowed:
        record._move_to(new, "Moved", "staff-1", NOW, "en", "zh")
        assert record.status is new
        assert record.events[-1].subject == record.SUBJECT and record.events[-1].subject_id == record.id
    else:
        with pytest.raises(IllegalStep):
            record._move_to(new, "Moved", "staff-1", NOW, "en", "zh")
        assert record.status is current


def test_every_state_is_reachable_or_initial() -> None:
    for table, initial in (
        (complaint.TRANSITIONS, complaint.ComplaintStatus.RECEIVED),
        (centre_case.TRANSITIONS, centre_case.CentreCaseStatus.RECEIVED),
        (trade_fair.TRANSITIONS, trade_fair.TradeFairStatus.COMPLAINT_FILED),
        (ecommerce_notice.TRANSITIONS, ecommerce_notice.NoticeStatus.NOTICE_RECEIVED),
    ):
        reachable = set().union(*table.values()) | {initial}
        assert reachable == set(table), table


def test_a_second_trade_fair_finding_flags_a_repeat_exhibitor() -> None:
    first = _workflow("fair", trade_fair.TradeFairStatus.RESPONDENT_NOTIFIED)
    first.order_measures((trade_fair.Measure.COVER,), "covered", 0, "staff", NOW)
    again = _workflow("fair", trade_fair.TradeFairStatus.STATEMENT_RECEIVED)
    again.order_measures(
        (trade_fair.Measure.WITHDRAW,), "withdrawn", 1, "staff", NOW + dt.timedelta(days=400)
    )

    assert not first.repeat_exhibitor
    assert again.repeat_exhibitor
    assert [e.name for e in again.events] == ["MeasuresOrdered", "RepeatExhibitorFlagged"]


def test_notarisation_delay_is_capped() -> None:
    notice = _workflow("notice", ecommerce_notice.NoticeStatus.WAITING_15D)
    notice.claim_notarisation_delay(20, 20, "公证处排期", "staff", NOW)
    assert notice.extension_wd_claimed == 20
    with pytest.raises(InvalidComplaint) as refused:
        notice.claim_notarisation_delay(21, 20, "too long", "staff", NOW)
    assert refused.value.field_errors[0].field == "working_days"
