"""The guard of a sub-entity's status, answering with the error its step has always raised.

Every status a sub-entity keeps (a hearing, a suspension request, a recusal, an assignment, an
enforcement application, a clock pause) has a ``TransitionTable`` beside it, guarded by a shared
``StatusMachine``. :func:`guarded` consults it and, when the table refuses, raises the step's own
error (a 422 naming the field, as the API has always answered), so the table is the only guard.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from shared.domain.lifecycle import StatusMachine, Transition
from shared.errors import InvalidTransition

S = TypeVar("S", bound=StrEnum)


def guarded(
    machine: StatusMachine[S], current: S, name: str, refused: Callable[[], Exception]
) -> Transition[S]:
    """Row ``name`` of ``machine`` if it may start from ``current``; else ``refused()`` is raised."""
    try:
        return machine.step(current, name)
    except InvalidTransition as refusal:
        raise refused() from refusal
