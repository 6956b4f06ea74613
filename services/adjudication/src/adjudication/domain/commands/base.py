"""What every command that addresses one case has, and how it names the domain step it runs.

A command declares its ``STEP``: the step function, the transitions the step takes (their rows in
the aggregate's table give the kind of actor the law names) or, for a fact that changes no state,
that kind itself; and who acts, when it is not the person who entered the command for the office
(a party, a court: the person who entered it is then ``recorded_by``). The handler layer derives
the one adapter from that (``adjudication.handlers.steps``): the command's own fields become the
step's keyword arguments, and a command that does not fit its step fails at import.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Protocol

from adjudication.domain.case.states import TRANSITIONS as CASE_TRANSITIONS
from adjudication.domain.errors import InvariantBroken
from adjudication.domain.penalty.states import PENALTY_TRANSITIONS
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.parties import PartyRole
from shared.domain.actors import Actor
from shared.domain.lifecycle import TransitionTable
from shared.identity.principals import Principal


class Who(StrEnum):
    """Who may take a command on *this* case (the object rule; :mod:`adjudication.domain.access`).

    ``OFFICE``: staff of the case's office (office scope, with roll-up) or a member of its panel;
    ``PANEL``: only a member of the case's panel (the handler, the presiding member, a panel member);
    ``COURT``: the court the outcome belongs to, or a clerk citing its document;
    ``HANDLER``: the officer handling a penalty case (any officer of its office if none is on file).
    """

    OFFICE = "office"
    PANEL = "panel"
    COURT = "court"
    HANDLER = "handler"


class Acting(Protocol):
    """Who takes the step, given the kind of actor the law names (``None`` if it names none).

    ``decides_kind``: the kind follows from the case itself (a party's role), so none is declared.
    """

    decides_kind: ClassVar[bool]

    def actor(self, kind: ActorKind | None, command: Any, aggregate: Any) -> Actor: ...


@dataclass(frozen=True, slots=True)
class ForTheOffice:
    """The person who entered the command acts for the office (handler, panel, head)."""

    decides_kind: ClassVar[bool] = False

    def actor(self, kind: ActorKind | None, command: Any, aggregate: Any) -> Actor:
        if kind is None:
            raise InvariantBroken("an office step names its kind of actor")
        return Actor(kind, command.by)


@dataclass(frozen=True, slots=True)
class OnBehalf:
    """A party or a court acts (``who``, or the command's field ``named_by``); the clerk records it."""

    decides_kind: ClassVar[bool] = False

    who: str | None = None
    named_by: str | None = None

    def actor(self, kind: ActorKind | None, command: Any, aggregate: Any) -> Actor:
        if kind is None:
            raise InvariantBroken("a party's or a court's step names its kind of actor")
        who = self.who if self.who is not None else str(getattr(command, self.named_by or ""))
        return Actor(kind, who, recorded_by=command.by)


@dataclass(frozen=True, slots=True)
class PartyOfTheCase:
    """A party of the case named by the command's field ``named_by``; its role gives the kind."""

    decides_kind: ClassVar[bool] = True

    named_by: str

    def actor(self, kind: ActorKind | None, command: Any, aggregate: Any) -> Actor:
        party = aggregate.party(getattr(command, self.named_by))
        role = ActorKind.REQUESTER if party.role is PartyRole.REQUESTER else ActorKind.RESPONDENT
        return Actor(role, party.party_id, recorded_by=command.by)


FOR_THE_OFFICE = ForTheOffice()


@dataclass(frozen=True, slots=True)
class Step:
    """The domain step a command runs: ``run(aggregate, **fields, by=, at=, rules=)``.

    ``supplied``: keyword arguments the command's own handler adds (numbers drawn, lookups in
    other cases); ``context``: command fields the step does not take (they name who acts, or what
    the caller refers to).
    """

    run: Callable[..., object]
    transitions: tuple[str, ...] = ()
    actor: ActorKind | None = None
    acting: Acting = FOR_THE_OFFICE
    supplied: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseCommand:
    """A step on an infringement-dispute case; ``by`` is who entered it.

    ``principal`` is the verified identity behind an API call (checked against the case once it is
    loaded and locked); ``None`` for a consumed event or a timer, which the service trusts as it
    trusts its broker. ``document_ref`` is the court document a clerk cites for a court's outcome.
    """

    TABLE: ClassVar[TransitionTable[Any]] = CASE_TRANSITIONS
    STEP: ClassVar[Step]
    WHO: ClassVar[Who] = Who.OFFICE

    case_id: uuid.UUID
    by: str
    principal: Principal | None = None
    document_ref: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PenaltyCommand:
    """A step on a counterfeit-patent penalty case; ``by`` is who entered it (``principal``: as above)."""

    TABLE: ClassVar[TransitionTable[Any]] = PENALTY_TRANSITIONS
    STEP: ClassVar[Step]
    WHO: ClassVar[Who] = Who.OFFICE

    case_id: uuid.UUID
    by: str
    principal: Principal | None = None
