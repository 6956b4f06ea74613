"""A credit subject: an entity keyed by its unified social credit code, with its name history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from shared.identifiers import normalise_name


@dataclass(frozen=True, slots=True)
class NameSeen:
    name: str
    first_seen_at: dt.datetime


@dataclass(slots=True, kw_only=True)
class Subject:
    credit_code: str
    name: str
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    name_history: list[NameSeen] = field(default_factory=list)

    @classmethod
    def first_seen(cls, *, credit_code: str, name: str, at: dt.datetime) -> Subject:
        return cls(
            credit_code=credit_code,
            name=name,
            first_seen_at=at,
            last_seen_at=at,
            name_history=[NameSeen(name, at)],
        )

    def seen_again(self, *, name: str, at: dt.datetime) -> None:
        """Record a sighting; a different name (not just different spacing or width) is a rename."""
        self.last_seen_at = max(self.last_seen_at, at)
        if normalise_name(name) != normalise_name(self.name):
            self.name = name
            self.name_history.append(NameSeen(name, at))
