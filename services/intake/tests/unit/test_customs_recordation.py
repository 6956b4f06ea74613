"""Recordations (art. 7–11) and the guarantee rules (art. 14, §E.3 tiers, art. 25)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from intake.domain.customs import clocks
from intake.domain.customs import recordation as r
from intake.domain.customs.errors import RecordationRuleBroken
from intake.domain.customs.guarantee import (
    Guarantee,
    GuaranteeForm,
    GuaranteeRules,
    Tier,
    settle,
)
from intake.domain.errors import IllegalStep
from shared.calendar import SHANGHAI
from shared.domain.actors import Actor
from shared.domain.deadlines import ArmTimer, DeadlineStatus

GACC = Actor("customs", "gacc")
NOW = dt.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)


def a_recordation(approved_on: dt.date = dt.date(2026, 3, 2)) -> r.Recordation:
    return r.Recordation.approved(
        GACC,
        NOW,
        approved_on=approved_on,
        record_no="P2026-00001",
        ip_type="invention_patent",
        ip_reg_no="ZL202310000001.5",
        holder_name="杭州某某科技有限公司",
        holder_credit_code="91330106MA2B000001",
        licensees=(r.Licensee(name="宁波某公司", kind="exclusive"),),
        known_infringers=(r.KnownInfringer(name="某某贸易有限公司", role="exporter"),),
    )


def test_approval_runs_ten_years_with_a_renewal_window_six_months_before() -> None:
    record = a_recordation()
    assert record.expires_on == dt.date(2036, 3, 3)  # Sun 2036-03-02 rolls to Monday
    assert record.renewal_window_opens_on == dt.date(2035, 9, 3)
    assert record.events[0].name == "CustomsRecordationApproved"
    timers = {t.name: t for t in record.timer_changes if isinstance(t, ArmTimer)}
    assert timers[clocks.RENEWAL_WINDOW].deadline.due == dt.date(2035, 9, 3)
    assert timers[clocks.RECORDATION_EXPIRY].deadline.due == dt.date(2036, 3, 3)
    assert timers[clocks.RECORDATION_EXPIRY].kind == r.RECORDATION_TIMER


def test_renewal_only_inside_the_window_adds_ten_years() -> None:
    record = a_recordation()
    with pytest.raises(RecordationRuleBroken):
        record.renew(dt.date(2035, 9, 2), GACC, NOW)
    record.renew(dt.date(2035, 9, 3), GACC, NOW)
    assert record.expires_on == dt.date(2046, 3, 5)  # 2046-03-03 is a Saturday
    assert record.state is r.RecordationStatus.APPROVED
    assert record.events[-1].name == "CustomsRecordationRenewed"


def test_expiry_without_renewal_lapses_and_the_window_opening_is_a_reminder() -> None:
    record = a_recordation()
    record.deadline_reached(clocks.RENEWAL_WINDOW, warning=False, at=NOW)
    assert record.events[-1].name == "CustomsRecordationRenewalWindowOpened"
    record.deadline_reached(clocks.RECORDATION_EXPIRY, warning=True, at=NOW)
    assert record.state is r.RecordationStatus.APPROVED
    record.deadline_reached(clocks.RECORDATION_EXPIRY, warning=False, at=NOW)
    assert (record.state, record.lapse_reason) == (r.RecordationStatus.LAPSED, r.LapseReason.NOT_RENEWED)


def test_a_recordation_lapses_when_its_right_ends_and_then_takes_no_step() -> None:
    record = a_recordation()
    record.lapse(r.LapseReason.RIGHT_ENDED, GACC, NOW, "patent invalidated")
    steps: list[Callable[[], None]] = [
        lambda: record.renew(dt.date(2035, 10, 1), GACC, NOW),
        lambda: record.cancel(GACC, NOW),
        lambda: record.revoke("untruthful", GACC, NOW),
        lambda: record.lapse(r.LapseReason.NOT_RENEWED, GACC, NOW),
    ]
    for step in steps:
        with pytest.raises(IllegalStep):
            step()
    with pytest.raises(RecordationRuleBroken):
        record.change_occurred("licence", dt.date(2026, 9, 1), GACC, NOW, clocks.ClockWarnings())


@pytest.mark.parametrize(
    ("step", "target"),
    [("cancel", r.RecordationStatus.CANCELLED), ("revoke", r.RecordationStatus.REVOKED)],
)
def test_cancel_and_revoke_end_the_recordation(step: str, target: r.RecordationStatus) -> None:
    record = a_recordation()
    if step == "cancel":
        record.cancel(GACC, NOW)
    else:
        record.revoke("untruthful information (art. 9)", GACC, NOW)
    assert record.state is target
    assert all(not t.is_open for t in record.deadlines.values())


def test_a_change_must_be_reported_within_30_wd_across_national_day() -> None:
    record = a_recordation()
    # from Mon 2026-09-14: make-up Sun 20 Sep counts, Mid-Autumn 25 Sep and Oct 1-7 do not
    tracked = record.change_occurred("ownership", dt.date(2026, 9, 14), GACC, NOW, clocks.ClockWarnings())
    assert tracked.due == dt.date(2026, 10, 30)
    record.change_reported(dt.date(2026, 11, 2), GACC, NOW, holder_name="新权利人有限公司")
    assert record.holder_name == "新权利人有限公司"
    assert record.deadlines[clocks.CHANGE_REPORT].status is DeadlineStatus.MET
    assert record.events[-1].details["late"] is True


def test_an_unknown_right_type_is_refused() -> None:
    with pytest.raises(RecordationRuleBroken):
        r.Recordation.approved(
            GACC,
            NOW,
            approved_on=dt.date(2026, 3, 2),
            record_no="X",
            ip_type="domain_name",
            ip_reg_no="x",
            holder_name="h",
        )


@pytest.mark.parametrize(
    ("value", "required"),
    [
        (Decimal("19999.99"), Decimal("19999.99")),  # < 20,000: the value
        (Decimal("20000"), Decimal("20000")),  # 50%, at least 20,000
        (Decimal("100000"), Decimal("50000")),
        (Decimal("200000"), Decimal("100000")),
        (Decimal("200000.01"), Decimal("100000")),  # > 200,000: 100,000
        (Decimal("5000000"), Decimal("100000")),
    ],
)
def test_the_ex_officio_tiers(value: Decimal, required: Decimal) -> None:
    assert GuaranteeRules().ex_officio_amount(value) == required


def test_the_tiers_are_configuration() -> None:
    rules = GuaranteeRules(ex_officio_tiers=(Tier(up_to=None, rate=Decimal("0.3"), minimum=Decimal(1000)),))
    assert rules.ex_officio_amount(Decimal(10000)) == Decimal(3000)


def test_settlement_deducts_costs_refunds_the_rest_or_keeps_it_for_a_claim() -> None:
    cash = Guarantee(amount=Decimal(10000), form=GuaranteeForm.CASH)
    assert settle(cash, Decimal(12000), claim_pending=False).refunded == Decimal(0)
    kept = settle(cash, Decimal(2000), claim_pending=True)
    assert (kept.costs_deducted, kept.refunded, kept.retained) == (Decimal(2000), Decimal(0), Decimal(8000))
    general = settle(
        Guarantee(amount=Decimal(200000), form=GuaranteeForm.GENERAL), Decimal(500), claim_pending=False
    )
    assert (general.costs_deducted, general.refunded) == (Decimal(500), Decimal(0))
