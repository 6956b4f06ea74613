"""Timers through the bus: each timer kind becomes a command, handled like any other step.

``timer_handlers(bus, {kind: Command})`` gives the scheduler one handler per kind; each builds the
kind's :class:`~shared.domain.deadlines.DeadlineReached` command from the due timer and hands it to
the bus inside the scheduler's unit of work, so firing the timer and its effects commit together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from shared.domain.deadlines import DeadlineReached
from shared.timers.scheduler import TimerHandler
from shared.timers.store import WARNING_SUFFIX, DueTimer


class Bus(Protocol):
    async def handle(self, command: object, *, uow: Any = None) -> Any: ...


def deadline_command(command: type[DeadlineReached], timer: DueTimer) -> DeadlineReached:
    """The command for ``timer``: its deadline is the payload's ``deadline``, else the timer's name."""
    deadline = str(timer.payload.get("deadline") or timer.name.removesuffix(WARNING_SUFFIX))
    return command(
        aggregate_id=timer.aggregate_id,
        deadline=deadline,
        warning=timer.is_warning,
        due_at=timer.due_at,
        payload=dict(timer.payload),
    )


def timer_handlers(bus: Bus, commands: Mapping[str, type[DeadlineReached]]) -> dict[str, TimerHandler]:
    """One scheduler handler per timer kind, each dispatching its command through ``bus``."""

    def handler_for(command: type[DeadlineReached]) -> TimerHandler:
        async def handle(timer: DueTimer, uow: Any) -> None:
            await bus.handle(deadline_command(command, timer), uow=uow)

        return handle

    return {kind: handler_for(command) for kind, command in commands.items()}
