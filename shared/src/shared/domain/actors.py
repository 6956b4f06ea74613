"""Who takes a step: recorded with every event on a case's record.

``kind`` is the service's own legal vocabulary (a ``StrEnum`` member: handler, panel, mediator,
court, system...); ``id`` the person, party, court or system; ``roles`` the signed-in person's
roles where they matter; ``recorded_by`` who entered an act done by someone else (a clerk entering
a court's ruling).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Actor:
    kind: str
    id: str
    roles: tuple[str, ...] = ()
    recorded_by: str | None = None

    @classmethod
    def system(cls, id: str = "system") -> Actor:
        """The actor of steps nobody performed by hand: timers, checks, consumed events."""
        return cls(SYSTEM, id)

    @property
    def is_system(self) -> bool:
        return self.kind == SYSTEM

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": str(self.kind), "id": self.id}
        if self.roles:
            data["roles"] = list(self.roles)
        if self.recorded_by is not None:
            data["recorded_by"] = self.recorded_by
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Actor:
        return cls(
            kind=str(data.get("kind", SYSTEM)),
            id=str(data["id"]),
            roles=tuple(str(role) for role in data.get("roles", ())),
            recorded_by=data.get("recorded_by"),
        )
