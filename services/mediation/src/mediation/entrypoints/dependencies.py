"""Annotated dependency aliases for mediation's routes, and the actor a principal is recorded as.

Each route takes ``who: Annotated[Principal, Depends(allow("<action>"))]``: the principal, once the
permission table (:data:`mediation.access.ACCESS`) admits one of its roles to the action (each route
names exactly one). The object rules are the handler's and the view's (``mediation.domain.access``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from mediation.access import ACCESS
from mediation.bootstrap import MediationContainer
from mediation.domain.access import CASE_WORKERS, acts_as_mediator
from mediation.domain.parties import ActorKind
from shared.access.rules import ObjectDenied
from shared.domain.actors import Actor
from shared.identity.principals import Principal, PrincipalKind


async def _container(request: Request) -> MediationContainer:
    container: MediationContainer = request.app.state.container
    return container


Container = Annotated[MediationContainer, Depends(_container)]


allow = ACCESS.allow
"""The route dependency of one action of the permission table."""


def actor(principal: Principal) -> Actor:
    """The recorded actor: a court as its own code, a mediator acting as such, otherwise staff."""
    if principal.kind is PrincipalKind.COURT:
        return Actor(ActorKind.COURT, principal.partner_code or principal.subject)
    if acts_as_mediator(principal, CASE_WORKERS):
        return Actor(ActorKind.MEDIATOR, principal.subject)
    return Actor(ActorKind.STAFF, principal.subject)


def acting_court(principal: Principal, court_code: str | None) -> str | None:
    """The court a court act is for: a court's own code (a body naming another is refused); for a
    clerk, the court its document is from, as the body names it."""
    if principal.kind is not PrincipalKind.COURT:
        return court_code
    own = principal.partner_code
    if own is None or (court_code is not None and court_code != own):
        raise ObjectDenied(
            f"A court acts only for itself: the body names {court_code}, your token {own}",
            f"法院只能以自身名义行事：请求中的法院代码 {court_code} 与令牌中的 {own} 不一致",
        )
    return own


__all__ = ["Container", "Principal", "acting_court", "actor", "allow"]
