"""The one adapter from a command to its domain step, derived from what the command declares.

Each command names its step (``STEP``, :mod:`adjudication.domain.commands.base`). :func:`bind`
checks the pair once, at import: every field of the command is a parameter of the step (or
declared ``context``), every parameter the step requires is a field, something the handler
supplies, or ``by``/``at``/``rules``; the transitions named exist and share one kind of actor. A
command that does not fit its step raises :class:`StepMismatch` when the service starts (and in
the tests), never as a 500. :meth:`Binding.take` then calls the step with the command's own
fields, the actor built from the table row and ``by``, and ``at``/``rules`` where it takes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import pkgutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from adjudication.domain import commands
from adjudication.domain.access import authorise_penalty_step, authorise_step
from adjudication.domain.case.aggregate import Case
from adjudication.domain.commands.after_decision import RecordEnforcementRuling, RecordJudgment
from adjudication.domain.commands.base import CaseCommand, PenaltyCommand, Step
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.effects import Clock, StepOutcome, record_case, record_penalty_case
from adjudication.unit_of_work import AdjudicationUnitOfWork

Command = CaseCommand | PenaltyCommand
ADDRESS = (
    "case_id",
    "by",
    "principal",
    "document_ref",
)  # whom it addresses, who entered it: never the step's
INJECTED = ("by", "at", "rules")


class StepMismatch(TypeError):
    """A command does not fit the step it names (a field, a parameter, a transition, an actor)."""


@dataclass(frozen=True, slots=True)
class Binding:
    command: type[Any]
    step: Step
    kind: ActorKind | None
    fields: tuple[str, ...]
    injected: frozenset[str]

    def take(
        self, aggregate: Any, command: Any, *, at: dt.datetime, rules: CaseRules, **supplied: Any
    ) -> Any:
        """Run the step on ``aggregate``; ``supplied`` are the values the command's handler adds."""
        arguments = {name: getattr(command, name) for name in self.fields}
        arguments.update(supplied)
        if "by" in self.injected:
            arguments["by"] = self.step.acting.actor(self.kind, command, aggregate)
        if "at" in self.injected:
            arguments["at"] = at
        if "rules" in self.injected:
            arguments["rules"] = rules
        return self.step.run(aggregate, **arguments)


def bind(command: type[Any]) -> Binding:
    """Check ``command`` against the step it names; :class:`StepMismatch` says what does not fit."""
    step: Step | None = getattr(command, "STEP", None)
    if step is None:
        raise StepMismatch(f"{command.__name__} names no STEP")
    name = f"{command.__name__} -> {step.run.__qualname__}"
    parameters = list(inspect.signature(step.run).parameters.values())[1:]  # after the aggregate
    accepted = {p.name for p in parameters}
    required = {p.name for p in parameters if p.default is inspect.Parameter.empty}
    fields = [f.name for f in dataclasses.fields(command) if f.name not in ADDRESS]
    _check_context(name, step, fields)
    passed = [f for f in fields if f not in step.context]
    if strays := [f for f in [*passed, *step.supplied] if f not in accepted]:
        raise StepMismatch(f"{name}: the step takes no {', '.join(strays)}")
    if missing := sorted(required - set(passed) - set(step.supplied) - set(INJECTED)):
        raise StepMismatch(f"{name}: nothing gives the step {', '.join(missing)}")
    kind = _kind(name, command, step)
    if "by" in accepted and kind is None and not step.acting.decides_kind:
        raise StepMismatch(f"{name}: no transition or actor says who takes the step")
    return Binding(command, step, kind, tuple(passed), frozenset(accepted & set(INJECTED)))


def _check_context(name: str, step: Step, fields: list[str]) -> None:
    if unknown := [c for c in step.context if c not in fields]:
        raise StepMismatch(f"{name}: context {', '.join(unknown)} is not a field of the command")


def _kind(name: str, command: type[Any], step: Step) -> ActorKind | None:
    """The kind of actor: the rows of the transitions named (one kind for all), else the declared one."""
    table = command.TABLE
    if unknown := [t for t in step.transitions if t not in table]:
        raise StepMismatch(f"{name}: no transition {', '.join(unknown)} in the table")
    kinds = {table[t].actor for t in step.transitions}
    if len(kinds) > 1:
        raise StepMismatch(
            f"{name}: its transitions are taken by different actors: {sorted(map(str, kinds))}"
        )
    if step.actor is not None and kinds and kinds != {step.actor}:
        raise StepMismatch(f"{name}: declared actor {step.actor} but the table gives {kinds.pop()}")
    kind = kinds.pop() if kinds else step.actor
    return None if kind is None else ActorKind(kind)


def step_commands(base: type[Any]) -> Iterator[type[Any]]:
    """Every command class under ``base`` that names a step (as its module defines it: a slotted
    dataclass replaces the class it was declared as, which lingers among the subclasses)."""
    for sub in base.__subclasses__():
        if "STEP" in vars(sub) and getattr(sys.modules[sub.__module__], sub.__qualname__, None) is sub:
            yield sub
        yield from step_commands(sub)


def bind_all(commands: Iterable[type[Any]]) -> dict[type[Any], Binding]:
    return {command: bind(command) for command in commands}


async def take_case_step(
    cmd: CaseCommand, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    case = await load_case(uow, cmd)
    binding(cmd).take(case, cmd, at=clock(), rules=rules)
    return await record_case(uow, case, rules)


async def take_penalty_step(
    cmd: PenaltyCommand, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    case = await load_penalty_case(uow, cmd)
    binding(cmd).take(case, cmd, at=clock(), rules=rules)
    return await record_penalty_case(uow, case)


async def load_case(uow: AdjudicationUnitOfWork, cmd: CaseCommand) -> Case:
    """The case ``cmd`` addresses, locked, once its principal may take ``cmd`` on it (else 403)."""
    case = await uow.cases.get(cmd.case_id)
    authorise(case, cmd)
    return case


async def load_penalty_case(uow: AdjudicationUnitOfWork, cmd: PenaltyCommand) -> PenaltyCase:
    case = await uow.penalty_cases.get(cmd.case_id)
    authorise_penalty_step(cmd.principal, case, cmd.WHO)
    return case


def authorise(case: Case, cmd: CaseCommand) -> None:
    authorise_step(
        cmd.principal, case, cmd.WHO, court_code=court_of(case, cmd), document_ref=cmd.document_ref
    )


def court_of(case: Case, cmd: CaseCommand) -> str | None:
    """The court a court outcome belongs to: the suit's court for its judgment, the court enforcement
    was applied to for its ruling, the court named (the token's own) for a suit filed."""
    if isinstance(cmd, RecordJudgment) and case.suit is not None:
        return case.suit.court_code
    if isinstance(cmd, RecordEnforcementRuling) and case.enforcement and case.enforcement.application:
        return case.enforcement.application.court_code
    code: str | None = getattr(cmd, "court_code", None)
    return code


def binding(cmd: Any) -> Binding:
    return BINDINGS[type(cmd)]


def import_commands() -> None:
    """Import every module of :mod:`adjudication.domain.commands`, so all commands are known here."""
    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}")


import_commands()
BINDINGS = bind_all([*step_commands(CaseCommand), *step_commands(PenaltyCommand)])
