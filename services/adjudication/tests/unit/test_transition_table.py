"""Every transition of the §A.14 table, from every state it may start from, and refusals from all others."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import Outcome
from adjudication.domain.case.parts.hearings import Attendance
from adjudication.domain.case.parts.litigation import JudgmentResult
from adjudication.domain.case.parts.mediation import MediationResult
from adjudication.domain.case.states import TRANSITIONS, CaseState, allowed_from
from adjudication.domain.case.steps import acceptance, endings, hearings, litigation, mediation, suspension
from adjudication.domain.errors import CaseTransitionRefused
from shared.domain.actors import Actor

S = CaseState
D = dt.date
Driver = Callable[[Any, Case], None]


def at(b: Any, day: dt.date) -> dt.datetime:
    result: dt.datetime = b.moment(day)
    return result


def _request_correction(b: Any, case: Case) -> None:
    acceptance.request_correction(
        case,
        items=("营业执照",),
        respond_by=D(2026, 3, 13),
        note=None,
        by=b.handler,
        at=at(b, D(2026, 3, 3)),
        rules=b.rules,
    )


def _supplement(b: Any, case: Case) -> None:
    acceptance.supplement_materials(
        case, note="已补正", by=b.requester, at=at(b, D(2026, 3, 9)), rules=b.rules
    )


def _refuse(b: Any, case: Case) -> None:
    acceptance.refuse(case, reasons=("不属于本部门管辖",), by=b.handler, at=at(b, D(2026, 3, 20)))


def _serve_first(b: Any, case: Case) -> None:
    b.serve(case, "respondent-1", D(2026, 3, 6))


def _serve_last(b: Any, case: Case) -> None:
    b.serve(case, "respondent-2", D(2026, 3, 9))


def _answers(b: Any, case: Case) -> None:
    b.answer(case, "respondent-1", D(2026, 3, 16))
    b.answer(case, "respondent-2", D(2026, 3, 18))


def _answer_periods_lapse(b: Any, case: Case) -> None:
    b.lapse(case, "answer.respondent-1", D(2026, 3, 24))
    b.lapse(case, "answer.respondent-2", D(2026, 3, 25))


def _schedule(b: Any, case: Case) -> None:
    if case.state is S.HEARING_HELD:
        b.schedule(
            case,
            at=at(b, D(2026, 4, 1)),
            starts_at=b.moment(D(2026, 4, 14), 9),
            ends_at=b.moment(D(2026, 4, 14), 12),
        )
    else:
        b.schedule(case)


def _cancel(b: Any, case: Case) -> None:
    scheduled = hearings.scheduled_hearing(case)
    assert scheduled is not None
    hearings.cancel(
        case, hearing_id=scheduled.id, reason="合议组成员回避", by=b.panel_actor, at=at(b, D(2026, 3, 25))
    )


def _no_show(b: Any, case: Case) -> None:
    b.hold(case, requester=Attendance.ABSENT_WITHOUT_REASON)


def _resume(b: Any, case: Case) -> None:
    suspension.resume(case, reason="权属纠纷已解决", by=b.panel_actor, at=at(b, D(2026, 6, 1)), rules=b.rules)


def _time_limit(b: Any, case: Case) -> None:
    b.lapse(case, "suspension_limit", D(2027, 4, 2))


def _mediate(b: Any, case: Case) -> None:
    mediation.refer_to_mediation(
        case,
        consented_on=D(2026, 3, 25),
        damages_mediation=True,
        summary="同意调解",
        by=b.parties,
        at=at(b, D(2026, 3, 25)),
    )


def _mediation_result(result: str) -> Driver:
    def drive(b: Any, case: Case) -> None:
        outcome = MediationResult(
            mediation_case_id="m-1",
            mediation_case_no="MD2026-000001",
            result=result,
            agreement_id=None,
            agreed_amount=None,
            currency="CNY",
            summary=None,
            concluded_at=at(b, D(2026, 4, 10)),
        )
        mediation.conclude_mediation(case, result=outcome, at=at(b, D(2026, 4, 10)))

    return drive


def _withdraw(b: Any, case: Case) -> None:
    endings.withdraw(case, reason="双方和解", by=b.requester, at=at(b, D(2026, 4, 10)))


def _dismiss(b: Any, case: Case) -> None:
    endings.dismiss(
        case, reasons=("当事人已就同一纠纷向法院起诉",), by=b.panel_actor, at=at(b, D(2026, 4, 10))
    )


def _effective(b: Any, case: Case) -> None:
    b.make_effective(case)


def _sue(b: Any, case: Case) -> None:
    litigation.record_suit(
        case,
        court_code="110108",
        court_case_no="（2026）京73行初1号",
        plaintiff="respondent-1",
        filed_on=D(2026, 4, 25),
        by=b.court,
        at=at(b, D(2026, 4, 28)),
    )


def _judgment(result: JudgmentResult) -> Driver:
    def drive(b: Any, case: Case) -> None:
        litigation.record_judgment(
            case,
            result=result,
            judgment_no="（2026）京73行初1号",
            effective_on=D(2026, 8, 1),
            by=b.court,
            at=at(b, D(2026, 8, 3)),
            rules=b.rules,
        )

    return drive


def _reopen(b: Any, case: Case) -> None:
    litigation.reopen_after_revocation(
        case, reason="法院判决责令重新作出", by=b.panel_actor, at=at(b, D(2026, 8, 5)), rules=b.rules
    )


def _comply(b: Any, case: Case) -> None:
    b.inspect(case, complied=True, on=D(2026, 5, 20))


def _close(b: Any, case: Case) -> None:
    endings.close(case, note="结案", by=b.handler, at=at(b, D(2026, 9, 1)))


def _close_after_refusal(b: Any, case: Case) -> None:
    b.rule(case, granted=False)
    _close(b, case)


def _review_period_lapses(b: Any, case: Case) -> None:
    b.rule(case, granted=False)
    b.lapse(case, "enforcement_review", D(2026, 6, 23))


def _docket(b: Any, case: Case) -> None:
    b.docket(case)


DRIVERS: dict[str, Driver] = {
    "request_correction": _request_correction,
    "supplement_materials": _supplement,
    "docket": _docket,
    "refuse": _refuse,
    "serve_request_copy": _serve_first,
    "open_answer_period": _serve_last,
    "review_after_answers": _answers,
    "review_after_answer_period": _answer_periods_lapse,
    "schedule_hearing": _schedule,
    "hold_hearing": lambda b, case: b.hold(case),
    "cancel_hearing": _cancel,
    "deem_withdrawn": _no_show,
    "suspend": lambda b, case: b.suspend(case),
    "resume": _resume,
    "resume_at_time_limit": _time_limit,
    "refer_to_mediation": _mediate,
    "conclude_mediation": _mediation_result("agreement"),
    "return_from_mediation": _mediation_result("failed"),
    "withdraw": _withdraw,
    "dismiss": _dismiss,
    "decide": lambda b, case: b.decide(case),
    "serve_decision": lambda b, case: b.serve_decision(case, "requester", D(2026, 4, 16)),
    "record_admin_suit": _sue,
    "become_effective": _effective,
    "uphold": _judgment(JudgmentResult.UPHELD),
    "revoke": _judgment(JudgmentResult.REVOKED),
    "reopen_after_revocation": _reopen,
    "verify_compliance": _comply,
    "send_enforcement_demand": lambda b, case: b.demand(case),
    "apply_for_enforcement": lambda b, case: b.apply(case),
    "close_on_enforcement_granted": lambda b, case: b.rule(case, granted=True),
    "close_after_review_period": _review_period_lapses,
    "close": _close,
}

# Sources whose case must be built differently for the step to be legal there.
VARIANTS: dict[tuple[str, CaseState], dict[str, Any]] = {
    ("close", S.EFFECTIVE): {"outcome": Outcome.REQUEST_REJECTED},
}
SPECIAL_DRIVERS: dict[tuple[str, CaseState], Driver] = {
    ("close", S.ENFORCEMENT_APPLIED): _close_after_refusal,
}


def transition_cases() -> list[Any]:
    return [
        pytest.param(t, source, id=f"{t.name}-from-{source}")
        for t in TRANSITIONS
        for source in sorted(t.sources)
    ]


def test_every_transition_has_a_driver() -> None:
    assert set(DRIVERS) == {t.name for t in TRANSITIONS}


@pytest.mark.parametrize(("transition", "source"), transition_cases())
def test_each_transition_leads_to_its_target_and_records_its_event(
    builder: Any, transition: Any, source: CaseState
) -> None:
    case = builder.case_in(source, **VARIANTS.get((transition.name, source), {}))
    drive = SPECIAL_DRIVERS.get((transition.name, source), DRIVERS[transition.name])

    drive(builder, case)

    assert case.state is transition.target
    taken = [e for e in case.events if e.transition == transition.name]
    assert taken, f"{transition.name} recorded no event"
    event = taken[-1]
    assert event.name == transition.event
    assert event.actor.kind is transition.actor
    assert event.basis == transition.basis and event.basis, "every transition cites its legal basis"
    assert event.to_state == transition.target.value


@pytest.mark.parametrize("state", list(CaseState))
def test_every_other_transition_is_refused_with_the_allowed_ones_listed(
    builder: Any, state: CaseState
) -> None:
    allowed = {t.label() for t in allowed_from(state)}
    for transition in TRANSITIONS:
        if state in transition.sources:
            continue
        case = builder.case_in(state)
        assert transition.actor is not None, "every transition names the actor the law gives it to"
        with pytest.raises(CaseTransitionRefused) as refused:
            case.move(
                transition.name, by=Actor(transition.actor, "someone"), at=builder.moment(D(2026, 9, 1))
            )
        assert refused.value.current == state.value
        assert set(refused.value.allowed) == allowed
        assert case.state is state and not case.events


def test_final_states_allow_nothing(builder: Any) -> None:
    for state in (S.NOT_ACCEPTED, S.WITHDRAWN, S.DISMISSED, S.CLOSED):
        assert allowed_from(state) == ()


def test_a_step_taken_by_the_wrong_kind_of_actor_is_a_programming_error(builder: Any) -> None:
    case = builder.case_in(S.SUBMITTED)
    with pytest.raises(ValueError, match="taken by handler"):
        case.move("docket", by=builder.requester, at=builder.moment(D(2026, 3, 3)))


def test_the_timer_driven_moves_are_taken_by_the_system(builder: Any) -> None:
    case = builder.case_in(S.LITIGATION_WINDOW)
    builder.make_effective(case)
    effective = next(e for e in case.events if e.transition == "become_effective")
    assert effective.actor.id.startswith("timer:")


def test_the_readme_documents_every_transition() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert [t.name for t in TRANSITIONS if f"`{t.name}`" not in readme] == []
