"""Who a step is taken by: the actor the law names, identified by the person who entered it."""

from __future__ import annotations

from adjudication.domain import commands as c
from adjudication.domain.values.actors import ActorKind
from shared.domain.actors import Actor


def actor(kind: ActorKind, cmd: c.CaseCommand) -> Actor:
    return Actor(kind, cmd.by)


def on_behalf(kind: ActorKind, party_or_court: str, cmd: c.CaseCommand) -> Actor:
    return Actor(kind, party_or_court, recorded_by=cmd.by)
