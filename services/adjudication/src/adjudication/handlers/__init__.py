"""Adjudication's command handlers: each takes one step in one transaction; the caller commits.

Every command that names a domain step runs through the one derived adapter (:mod:`.steps`)
unless it needs something the command cannot carry (a number drawn, other cases looked at):
those few have their own handler below, on the same adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adjudication.domain.commands.base import CaseCommand
from adjudication.handlers import approvals, deadlines, deciding, opening, penalty
from adjudication.handlers.effects import StepOutcome
from adjudication.handlers.steps import BINDINGS, take_case_step, take_penalty_step

OWN_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    **opening.HANDLERS,
    **deciding.HANDLERS,
    **deadlines.HANDLERS,
    **penalty.HANDLERS,
    **approvals.HANDLERS,
}
DERIVED: dict[type[Any], Callable[..., Any]] = {
    command: take_case_step if issubclass(command, CaseCommand) else take_penalty_step
    for command in BINDINGS
    if command not in OWN_HANDLERS
}
COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {**DERIVED, **OWN_HANDLERS}

__all__ = ["COMMAND_HANDLERS", "StepOutcome"]
