"""The step adapters are derived from the commands: a command that does not fit its step, or a
transition nobody can take, fails here (and at import), never as a 500; the actor comes from the
table row and the person who entered the command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import pkgutil
import subprocess
import sys
from typing import Any

import pytest

from adjudication.domain import commands as commands_package
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.case.states import TRANSITIONS, CaseState
from adjudication.domain.case.steps import endings
from adjudication.domain.commands.after_decision import RecordAdminSuit
from adjudication.domain.commands.base import CaseCommand, OnBehalf, PenaltyCommand, Step
from adjudication.domain.commands.interruptions import DismissCase, WithdrawRequest
from adjudication.domain.commands.proceedings import ExchangeEvidence, SubmitEvidence
from adjudication.domain.penalty.states import PENALTY_TRANSITIONS
from adjudication.domain.values.actors import ActorKind
from adjudication.handlers import COMMAND_HANDLERS
from adjudication.handlers.steps import BINDINGS, StepMismatch, bind, step_commands
from adjudication.testing import AdjudicationStore, fake_bus
from shared.domain.actors import Actor

D = dt.date


def test_every_command_has_a_handler() -> None:
    commands = {*step_commands(CaseCommand), *step_commands(PenaltyCommand)}
    assert commands <= set(COMMAND_HANDLERS)
    assert set(BINDINGS) == commands


def test_a_fresh_process_knows_every_command_without_importing_them_itself() -> None:
    modules = [
        importlib.import_module(f"{commands_package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands_package.__path__)
        if info.name != "base"
    ]
    declared = sorted(
        cls.__name__
        for module in modules
        for cls in vars(module).values()
        if isinstance(cls, type)
        and cls.__module__ == module.__name__
        and dataclasses.is_dataclass(cls)
        and not hasattr(cls, "actor")  # who acts, not a command
    )
    script = "from adjudication.handlers import COMMAND_HANDLERS as H; print(*sorted(c.__name__ for c in H))"
    known = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    assert known.stdout.split() == declared


@pytest.mark.parametrize(
    ("table", "base"),
    [(TRANSITIONS, CaseCommand), (PENALTY_TRANSITIONS, PenaltyCommand)],
    ids=["case", "penalty"],
)
def test_every_transition_a_person_takes_is_named_by_a_command(table: Any, base: type[Any]) -> None:
    named = {
        t
        for binding in BINDINGS.values()
        if issubclass(binding.command, base)
        for t in binding.step.transitions
    }
    by_people = {row.name for row in table if row.actor != ActorKind.SYSTEM}
    assert by_people - named == set()


def _mismatch(step: Step, **fields: type) -> str:
    """What binding says about a command with ``fields`` that names ``step``."""
    declared = type("Odd", (CaseCommand,), {"__annotations__": dict(fields), "STEP": step})
    with pytest.raises(StepMismatch) as refused:
        bind(dataclasses.dataclass(frozen=True, kw_only=True)(declared))
    return str(refused.value)


def test_a_field_the_step_does_not_take_is_refused() -> None:
    assert "takes no closing_remarks" in _mismatch(
        Step(endings.close, transitions=("close",)), closing_remarks=str
    )


def test_a_parameter_nothing_gives_is_refused() -> None:
    assert "nothing gives the step reasons" in _mismatch(Step(endings.dismiss, transitions=("dismiss",)))


def test_an_unknown_transition_is_refused() -> None:
    assert "no transition shut" in _mismatch(Step(endings.close, transitions=("shut",)), note=str)


def test_transitions_of_different_actors_are_refused() -> None:
    message = _mismatch(Step(endings.close, transitions=("close", "withdraw")), note=str)
    assert "different actors" in message


def test_a_declared_actor_must_agree_with_the_table() -> None:
    message = _mismatch(Step(endings.close, transitions=("close",), actor=ActorKind.PANEL), note=str)
    assert "the table gives handler" in message


def test_a_step_with_an_actor_needs_someone_to_take_it() -> None:
    assert "who takes the step" in _mismatch(Step(endings.close), note=str)


def test_the_actor_is_the_table_rows_kind_and_the_person_who_entered_it(builder: Any) -> None:
    assert BINDINGS[DismissCase].kind is ActorKind.PANEL
    assert BINDINGS[WithdrawRequest].kind is ActorKind.REQUESTER
    assert isinstance(BINDINGS[WithdrawRequest].step.acting, OnBehalf)


async def test_a_court_act_is_taken_by_the_court_and_recorded_by_the_clerk(builder: Any) -> None:
    case = builder.case_in(CaseState.LITIGATION_WINDOW)
    store = AdjudicationStore(cases={case.id: case})
    bus = fake_bus(store, builder.rules, lambda: builder.moment(D(2026, 4, 28)))

    await bus.handle(
        RecordAdminSuit(
            case_id=case.id,
            by="clerk-7",
            court_code="110108",
            court_case_no="（2026）京73行初1号",
            plaintiff="respondent-1",
            filed_on=D(2026, 4, 25),
        )
    )

    (event,) = store.events_of(case.id)
    assert (event.transition, event.actor) == (
        "record_admin_suit",
        Actor(ActorKind.COURT, "110108", recorded_by="clerk-7"),
    )
    assert store.cases[case.id].state is CaseState.UNDER_ADMIN_LITIGATION


async def test_a_partys_act_takes_its_kind_from_the_partys_role(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    store = AdjudicationStore(cases={case.id: case})
    bus = fake_bus(store, builder.rules, lambda: builder.moment(D(2026, 3, 20)))

    exchange = ExchangeEvidence(
        case_id=case.id,
        by="staff-1",
        evidence_ids=(),
        party_id="respondent-2",
        method=ServiceMethod.POST,
        served_on=D(2026, 3, 20),
    )
    await bus.handle(exchange)
    await bus.handle(SubmitEvidence(case_id=case.id, by="staff-1", party_id="respondent-2", items=()))

    exchanged, submitted = store.events_of(case.id)
    assert exchanged.actor == Actor(ActorKind.HANDLER, "staff-1")
    assert submitted.actor == Actor(ActorKind.RESPONDENT, "respondent-2", recorded_by="staff-1")
