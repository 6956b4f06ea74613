"""Adjudication's command handlers: each takes one step in one transaction; the caller commits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adjudication.handlers import case_steps, deadlines, deciding, opening, penalty
from adjudication.handlers.effects import StepOutcome

COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    **opening.HANDLERS,
    **case_steps.HANDLERS,
    **deciding.HANDLERS,
    **deadlines.HANDLERS,
    **penalty.HANDLERS,
}

__all__ = ["COMMAND_HANDLERS", "StepOutcome"]
