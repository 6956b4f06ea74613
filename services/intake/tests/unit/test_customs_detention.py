"""The §E.4a detention table, exhaustively: every step from every state, its guards and its clocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from intake.domain.customs import clocks
from intake.domain.customs import detention as d
from intake.domain.customs.errors import DetentionRuleBroken, GuaranteeRefused
from intake.domain.customs.guarantee import Guarantee, GuaranteeForm, GuaranteeRules
from intake.domain.errors import IllegalStep
from shared.calendar import SHANGHAI
from shared.domain.actors import Actor
from shared.domain.deadlines import ArmTimer, DeadlineStatus

S = d.DetentionStatus
PORT = Actor(d.CUSTOMS, "port-5100")
STAFF = Actor("staff", "staff-1")
RULES = GuaranteeRules()
WARN = clocks.ClockWarnings()


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), SHANGHAI)


TODAY = dt.date(2026, 2, 12)
NOW = at(TODAY)

# §E.4a, written out again here (not read from the code): step -> (sources, target).
EXPECTED: dict[str, tuple[frozenset[S], S]] = {
    "reject": (frozenset({S.APPLICATION_FILED}), S.REJECTED),
    "detain_on_application": (frozenset({S.APPLICATION_FILED}), S.DETAINED),
    "notify_holder": (frozenset({S.SUSPECT_FOUND}), S.HOLDER_NOTIFIED),
    "holder_did_not_apply": (frozenset({S.HOLDER_NOTIFIED}), S.NOT_DETAINED_RELEASED),
    "detain_ex_officio": (frozenset({S.HOLDER_NOTIFIED}), S.DETAINED),
    "start_investigation": (frozenset({S.DETAINED}), S.INVESTIGATING),
    "determine_infringement": (frozenset({S.INVESTIGATING}), S.INFRINGEMENT_DETERMINED),
    "unable_to_determine": (frozenset({S.INVESTIGATING}), S.UNABLE_TO_DETERMINE),
    "hold_per_court": (frozenset({S.DETAINED, S.INVESTIGATING, S.UNABLE_TO_DETERMINE}), S.HELD_PER_COURT),
    **{
        name: (frozenset({S.DETAINED, S.UNABLE_TO_DETERMINE}), S.RELEASED)
        for name in (
            "release_no_court_notice_20wd",
            "release_no_court_notice_50wd",
            "release_patent_counter_guarantee",
            "release_non_infringement_evidence",
            "release_holder_withdrawal",
        )
    },
    "release_court_order_ended": (frozenset({S.HELD_PER_COURT}), S.RELEASED),
    "confiscate": (frozenset({S.INFRINGEMENT_DETERMINED}), S.CONFISCATED),
    "dispose": (frozenset({S.CONFISCATED}), S.DISPOSED),
    "refer_police": (frozenset(S) - {S.REFERRED_POLICE}, S.REFERRED_POLICE),
}

GUARANTEE = Guarantee(amount=Decimal("10000"), form=GuaranteeForm.CASH, reference="G-1")
APPLICATION_ONLY = {"reject", "detain_on_application", "release_no_court_notice_20wd"}


def a_case(
    state: S, route: d.Route = d.Route.EX_OFFICIO, ip_type: str = "invention_patent"
) -> d.DetentionCase:
    return d.DetentionCase(
        route=route,
        state=state,
        port_code="5100",
        customs_ref="GZ-2026-0001",
        office_code="330106",
        ip_type=ip_type,
        ip_reg_no="ZL202310000001.5",
        recordation_no="P2026-00001",
        holder=d.Party(name="杭州某某科技有限公司", credit_code="91330106MA2B000001"),
        goods=d.Goods(description="蓝牙耳机", value=Decimal("50000"), quantity="1000 件"),
        consignor=d.Party(name="某某贸易有限公司", credit_code="91440300MA5F000002"),
        opened_at=NOW,
    )


def release(ground: d.ReleaseGround) -> Callable[[d.DetentionCase], None]:
    def step(case: d.DetentionCase) -> None:
        case.release(ground, PORT, NOW, counter_guarantee=Decimal("50000"))

    return step


STEPS: dict[str, Callable[[d.DetentionCase], None]] = {
    "reject": lambda c: c.reject("no evidence that infringement clearly exists", PORT, NOW),
    "detain_on_application": lambda c: c.detain(TODAY, GUARANTEE, PORT, NOW, RULES, WARN),
    "notify_holder": lambda c: c.notify_holder(TODAY, PORT, NOW, WARN),
    "holder_did_not_apply": lambda c: c.holder_did_not_apply(PORT, NOW),
    "detain_ex_officio": lambda c: c.detain(TODAY, GUARANTEE, PORT, NOW, RULES, WARN),
    "start_investigation": lambda c: c.start_investigation(PORT, NOW),
    "determine_infringement": lambda c: c.determine_infringement("counterfeit", PORT, NOW),
    "unable_to_determine": lambda c: c.unable_to_determine(PORT, NOW),
    "hold_per_court": lambda c: c.hold_per_court("杭州中院", "(2026)浙01执保1号", PORT, NOW),
    **{name: release(ground) for ground, (name, _, _) in d.RELEASE_STEPS.items()},
    "confiscate": lambda c: c.confiscate(PORT, NOW),
    "dispose": lambda c: c.dispose(d.Disposal.PUBLIC_WELFARE, PORT, NOW),
    "refer_police": lambda c: c.refer_police("suspected crime (art. 26)", PORT, NOW),
}


def test_the_table_is_section_e4a_and_every_step_has_a_method() -> None:
    actual = {row.name: (row.sources, row.target) for row in d.TRANSITIONS}
    assert actual == EXPECTED
    assert set(STEPS) == set(EXPECTED)
    assert d.TRANSITIONS.unreachable(d.INITIAL) == set()


def test_terminal_states_allow_only_referral_to_police() -> None:
    for state in d.TERMINAL - {S.REFERRED_POLICE}:
        assert [row.name for row in d.TRANSITIONS.allowed(state)] == ["refer_police"]
    assert d.TRANSITIONS.allowed(S.REFERRED_POLICE) == []


@pytest.mark.parametrize(("step", "state"), [(step, state) for step in EXPECTED for state in S])
def test_every_step_from_every_state(step: str, state: S) -> None:
    route = d.Route.ON_APPLICATION if step in APPLICATION_ONLY else d.Route.EX_OFFICIO
    case = a_case(state, route)
    sources, target = EXPECTED[step]
    if state in sources:
        STEPS[step](case)
        assert case.state is target
        moved = [e for e in case.events if e.transition == step]
        assert len(moved) == 1
        assert moved[0].from_state == state.value and moved[0].to_state == target.value
        assert moved[0].name.startswith("Customs") and moved[0].basis
    else:
        with pytest.raises(IllegalStep) as refused:
            STEPS[step](case)
        assert case.state is state
        assert set(refused.value.allowed) == {r.target.value for r in d.TRANSITIONS.allowed(state)}
        assert case.events == []


def test_creation_rows_record_what_started_the_case() -> None:
    fields = {k: v for k, v in vars_of(a_case(S.SUSPECT_FOUND)).items() if k not in {"route", "state"}}
    filed = d.DetentionCase.application_filed(PORT, **fields)
    found = d.DetentionCase.suspect_found(PORT, **fields)
    assert (filed.state, filed.route) == (S.APPLICATION_FILED, d.Route.ON_APPLICATION)
    assert (found.state, found.route) == (S.SUSPECT_FOUND, d.Route.EX_OFFICIO)
    assert [e.name for e in filed.events] == ["CustomsDetentionApplicationFiled"]
    assert [e.name for e in found.events] == ["CustomsSuspectGoodsFound"]
    assert str(found.events[0].basis[0]) == "知识产权海关保护条例 art. 16 [V]"


def vars_of(case: d.DetentionCase) -> dict[str, object]:
    keep = (
        "port_code",
        "customs_ref",
        "office_code",
        "ip_type",
        "ip_reg_no",
        "recordation_no",
        "holder",
        "goods",
    )
    return {"route": case.route, "state": case.state, "opened_at": case.opened_at} | {
        k: getattr(case, k) for k in keep
    }


# ------------------------------------------------------------------ guards beyond the table


def test_the_20_wd_release_is_only_for_detention_on_application() -> None:
    case = a_case(S.DETAINED, d.Route.EX_OFFICIO)
    with pytest.raises(DetentionRuleBroken):
        case.release(d.ReleaseGround.NO_COURT_NOTICE_20WD, PORT, NOW)
    assert case.state is S.DETAINED


def test_the_50_wd_release_is_only_for_ex_officio_detention() -> None:
    case = a_case(S.DETAINED, d.Route.ON_APPLICATION)
    with pytest.raises(DetentionRuleBroken):
        case.release(d.ReleaseGround.NO_COURT_NOTICE_50WD, PORT, NOW)


def test_customs_investigates_ex_officio_detentions_only() -> None:
    case = a_case(S.DETAINED, d.Route.ON_APPLICATION)
    with pytest.raises(DetentionRuleBroken):
        case.start_investigation(PORT, NOW)


def test_a_counter_guarantee_releases_patent_goods_only_and_must_match_their_value() -> None:
    trademark = a_case(S.DETAINED, ip_type="trademark")
    with pytest.raises(DetentionRuleBroken):
        trademark.release(
            d.ReleaseGround.PATENT_COUNTER_GUARANTEE, PORT, NOW, counter_guarantee=Decimal("50000")
        )
    short = a_case(S.DETAINED)
    with pytest.raises(DetentionRuleBroken):
        short.release(
            d.ReleaseGround.PATENT_COUNTER_GUARANTEE, PORT, NOW, counter_guarantee=Decimal("49999.99")
        )
    design = a_case(S.DETAINED, ip_type="design")
    design.release(d.ReleaseGround.PATENT_COUNTER_GUARANTEE, PORT, NOW, counter_guarantee=Decimal("50000"))
    assert design.state is S.RELEASED


def test_on_application_the_guarantee_may_not_exceed_the_goods_value() -> None:
    case = a_case(S.APPLICATION_FILED, d.Route.ON_APPLICATION)
    too_much = Guarantee(amount=Decimal("50000.01"), form=GuaranteeForm.CASH)
    with pytest.raises(GuaranteeRefused):
        case.detain(TODAY, too_much, PORT, NOW, RULES, WARN)
    with pytest.raises(GuaranteeRefused):
        case.detain(TODAY, Guarantee(amount=Decimal(0), form=GuaranteeForm.CASH), PORT, NOW, RULES, WARN)
    case.detain(TODAY, Guarantee(amount=Decimal("50000"), form=GuaranteeForm.CASH), PORT, NOW, RULES, WARN)
    assert case.state is S.DETAINED


def test_an_ex_officio_guarantee_below_the_tier_is_an_advisory_unless_made_binding() -> None:
    low = Guarantee(amount=Decimal("10000"), form=GuaranteeForm.BANK_LETTER)  # tier for 50,000: 25,000
    case = a_case(S.HOLDER_NOTIFIED)
    case.detain(TODAY, low, PORT, NOW, RULES, WARN)
    assert [a.code for a in case.advisories] == ["guarantee_below_tier"]
    strict = a_case(S.HOLDER_NOTIFIED)
    with pytest.raises(GuaranteeRefused):
        strict.detain(TODAY, low, PORT, NOW, GuaranteeRules(ex_officio_tiers_binding=True), WARN)
    assert strict.state is S.HOLDER_NOTIFIED


def test_disposal_follows_the_art_27_order() -> None:
    case = a_case(S.CONFISCATED)
    with pytest.raises(DetentionRuleBroken):
        case.dispose(d.Disposal.DESTRUCTION, PORT, NOW)
    with pytest.raises(DetentionRuleBroken):
        case.dispose(
            d.Disposal.AUCTION_AFTER_REMOVAL, PORT, NOW, earlier_excluded="no welfare use; holder declined"
        )
    case.dispose(
        d.Disposal.AUCTION_AFTER_REMOVAL,
        PORT,
        NOW,
        earlier_excluded="no welfare use; holder declined",
        features_removed=True,
    )
    assert (case.state, case.disposal) == (S.DISPOSED, d.Disposal.AUCTION_AFTER_REMOVAL)


def test_the_holder_decides_only_while_notified_and_applying_needs_a_guarantee() -> None:
    case = a_case(S.HOLDER_NOTIFIED)
    with pytest.raises(DetentionRuleBroken):
        case.record_holder_decision(d.HolderDecision.APPLY, STAFF, NOW)
    case.record_holder_decision(d.HolderDecision.APPLY, STAFF, NOW, GUARANTEE)
    assert case.holder_decision is d.HolderDecision.APPLY and case.state is S.HOLDER_NOTIFIED
    with pytest.raises(DetentionRuleBroken):
        a_case(S.DETAINED).record_holder_decision(d.HolderDecision.LET_GO, STAFF, NOW)


def test_release_settles_the_guarantee() -> None:
    case = a_case(S.HOLDER_NOTIFIED, d.Route.EX_OFFICIO)
    case.detain(TODAY, Guarantee(amount=Decimal("30000"), form=GuaranteeForm.CASH), PORT, NOW, RULES, WARN)
    case.release(d.ReleaseGround.HOLDER_WITHDRAWAL, PORT, NOW, costs=Decimal("1200"))
    assert case.settlement is not None
    assert (case.settlement.costs_deducted, case.settlement.refunded) == (Decimal("1200"), Decimal("28800"))
    assert case.events[-1].name == "CustomsGuaranteeSettled"
    assert all(not t.is_open for t in case.deadlines.values())


# ------------------------------------------------------------------ clocks across the 2026 breaks


def dues(case: d.DetentionCase) -> dict[str, dt.date | None]:
    return {key: tracked.due for key, tracked in case.deadlines.items()}


@pytest.mark.parametrize(
    ("served", "due"),
    [
        (dt.date(2026, 2, 12), dt.date(2026, 2, 24)),  # Fri 13, make-up Sat 14, break Feb 15-23, Tue 24
        (dt.date(2026, 9, 30), dt.date(2026, 10, 10)),  # break Oct 1-7: Thu 8, Fri 9, make-up Sat 10
        (dt.date(2026, 9, 24), dt.date(2026, 9, 30)),  # Mid-Autumn Fri 25 off: Mon 28, Tue 29, Wed 30
    ],
)
def test_the_holders_3_wd(served: dt.date, due: dt.date) -> None:
    case = a_case(S.SUSPECT_FOUND)
    case.notify_holder(served, PORT, at(served), WARN)
    assert dues(case) == {clocks.HOLDER_RESPONSE: due}
    timer = case.timer_changes[-1]
    assert isinstance(timer, ArmTimer) and timer.deadline.due == due and timer.warn_working_days == 1
    assert timer.kind == d.DETENTION_TIMER and timer.payload["detention_id"] == str(case.id)
    assert "art. 16" in case.deadlines[clocks.HOLDER_RESPONSE].explanation


@pytest.mark.parametrize(
    ("detained", "release", "investigation", "release_50"),
    [
        # Spring Festival: make-up Sat Feb 14 and Sat Feb 28 count, Feb 15-23 and Qingming Apr 4-6 do not
        (dt.date(2026, 2, 12), dt.date(2026, 3, 18), dt.date(2026, 4, 1), dt.date(2026, 4, 30)),
        # National Day: Oct 1-7 off, make-up Sat Oct 10 counts
        (dt.date(2026, 9, 28), dt.date(2026, 10, 30), dt.date(2026, 11, 13), dt.date(2026, 12, 11)),
    ],
)
def test_the_20_30_and_50_wd_clocks(
    detained: dt.date, release: dt.date, investigation: dt.date, release_50: dt.date
) -> None:
    on_application = a_case(S.APPLICATION_FILED, d.Route.ON_APPLICATION)
    on_application.detain(detained, GUARANTEE, PORT, at(detained), RULES, WARN)
    assert dues(on_application) == {clocks.RELEASE_ON_APPLICATION: release}
    ex_officio = a_case(S.SUSPECT_FOUND)
    ex_officio.notify_holder(detained - dt.timedelta(days=1), PORT, at(detained), WARN)
    ex_officio.detain(detained, GUARANTEE, PORT, at(detained), RULES, WARN)
    assert dues(ex_officio) == {
        clocks.HOLDER_RESPONSE: ex_officio.deadlines[clocks.HOLDER_RESPONSE].due,
        clocks.INVESTIGATION: investigation,
        clocks.RELEASE_EX_OFFICIO: release_50,
    }
    assert ex_officio.deadlines[clocks.HOLDER_RESPONSE].status is DeadlineStatus.MET


def test_the_release_timer_warns_then_releases_when_no_court_notice_came() -> None:
    case = a_case(S.SUSPECT_FOUND)
    case.notify_holder(TODAY, PORT, NOW, WARN)
    case.detain(TODAY, GUARANTEE, PORT, NOW, RULES, WARN)
    case.deadline_reached(clocks.RELEASE_EX_OFFICIO, warning=True, at=at(dt.date(2026, 4, 23)))
    assert case.state is S.DETAINED and case.events[-1].name == "CustomsDeadlineNear"
    case.deadline_reached(clocks.RELEASE_EX_OFFICIO, warning=False, at=at(dt.date(2026, 4, 30)))
    assert (case.state, case.release_ground) == (S.RELEASED, d.ReleaseGround.NO_COURT_NOTICE_50WD)
    assert case.settlement is not None and case.settlement.refunded == GUARANTEE.amount


def test_a_court_notice_stops_the_release_clock() -> None:
    case = a_case(S.APPLICATION_FILED, d.Route.ON_APPLICATION)
    case.detain(TODAY, GUARANTEE, PORT, NOW, RULES, WARN)
    case.hold_per_court("杭州中院", "(2026)浙01执保1号", PORT, NOW)
    assert case.deadlines[clocks.RELEASE_ON_APPLICATION].status is DeadlineStatus.MET
    case.deadline_reached(clocks.RELEASE_ON_APPLICATION, warning=False, at=at(dt.date(2026, 3, 18)))
    assert case.state is S.HELD_PER_COURT


def test_the_holders_clock_lapses_into_no_detention() -> None:
    case = a_case(S.SUSPECT_FOUND)
    case.notify_holder(TODAY, PORT, NOW, WARN)
    case.deadline_reached(clocks.HOLDER_RESPONSE, warning=False, at=at(dt.date(2026, 2, 24)))
    assert case.state is S.NOT_DETAINED_RELEASED
    assert case.deadlines[clocks.HOLDER_RESPONSE].status is DeadlineStatus.LAPSED


def test_the_release_clock_while_customs_still_investigates_is_noted_not_acted_on() -> None:
    case = a_case(S.SUSPECT_FOUND)
    case.notify_holder(TODAY, PORT, NOW, WARN)
    case.detain(TODAY, GUARANTEE, PORT, NOW, RULES, WARN)
    case.start_investigation(PORT, NOW)
    case.deadline_reached(clocks.RELEASE_EX_OFFICIO, warning=False, at=at(dt.date(2026, 4, 30)))
    assert case.state is S.INVESTIGATING and case.events[-1].name == "CustomsDeadlinePassed"
