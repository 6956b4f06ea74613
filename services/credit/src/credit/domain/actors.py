"""Who acts in credit: a signed-in person (token subject and roles) or the system.

Both are :class:`shared.domain.actors.Actor`. The system's id names its source
(``system:timer``, ``system:credit``, ``system:<CloudEvent source>``): that is what the record's
history has always shown, so the id alone also tells the kind (:func:`kind_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from shared.domain.actors import SYSTEM, Actor

SYSTEM_PREFIX = "system:"


class ActorKind(StrEnum):
    PERSON = "person"
    SYSTEM = SYSTEM


def person(id: str, roles: Iterable[str] = ()) -> Actor:
    return Actor(ActorKind.PERSON, id, tuple(roles))


def system(source: str) -> Actor:
    """The system acting for ``source`` (a timer, a rule of law, another service's event)."""
    return Actor(ActorKind.SYSTEM, SYSTEM_PREFIX + source)


def kind_of(actor_id: str) -> ActorKind:
    return ActorKind.SYSTEM if actor_id.startswith(SYSTEM_PREFIX) else ActorKind.PERSON


TIMER = system("timer")
"""The actor of every step a timer takes (a window closing, a deadline missed, a listing expiring)."""
