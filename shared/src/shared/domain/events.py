"""The one domain-event model: a past-tense fact about an aggregate, as its case record keeps it.

An aggregate appends :class:`DomainEvent` values to its ``events`` list while a step runs; the
shared effects runner (:mod:`shared.steps`) then writes each one to the case record, maps it to the
contracts it publishes, and applies the step's timer changes, in one transaction.

``name`` is a member of the service's ``StrEnum`` of event names (typed end to end: the publisher
refuses a name it has no mapping for). A service may subclass :class:`DomainEvent` for events with
typed fields of their own; give the subclass its name as the field default.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from shared.domain.actors import Actor
from shared.domain.legal import Citation


@dataclass(frozen=True, slots=True)
class Advisory:
    """Something people must know but that does not block the step, e.g. a [U] period not kept."""

    code: str
    message: str
    message_zh: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "message_zh": self.message_zh}


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainEvent:
    """One entry of a case record. A transition also names its step and the states it joined.

    ``subject``/``subject_id`` name the part of the aggregate the event is about (a hearing, an
    agreement, a piece of evidence) when it is not the aggregate as a whole; ``summary`` says it
    for people, in both languages; ``documents`` refer to what the step produced or received.
    """

    name: str
    at: dt.datetime
    actor: Actor
    transition: str | None = None
    from_state: str | None = None
    to_state: str | None = None
    basis: tuple[Citation, ...] = ()
    summary: str | None = None
    summary_zh: str | None = None
    subject: str | None = None
    subject_id: uuid.UUID | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    advisories: tuple[Advisory, ...] = ()
    documents: tuple[Mapping[str, Any], ...] = ()

    @property
    def is_transition(self) -> bool:
        return self.transition is not None
