"""Annotated dependency aliases for adjudication's routes, and the court a court act is for.

Each route takes ``who: Annotated[Principal, Depends(allow("<action>"))]``: the principal, once the
permission table (:data:`adjudication.access.ACCESS`) admits one of its roles to the action (each
route names exactly one). The object rules are the handler's and the view's
(:mod:`adjudication.domain.access`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from adjudication.access import ACCESS
from adjudication.bootstrap import AdjudicationContainer
from adjudication.domain.errors import rule_violated
from shared.access.rules import ObjectDenied
from shared.identity.principals import Principal, PrincipalKind


async def _container(request: Request) -> AdjudicationContainer:
    container: AdjudicationContainer = request.app.state.container
    return container


Container = Annotated[AdjudicationContainer, Depends(_container)]

allow = ACCESS.allow
"""The route dependency of one action of the permission table."""


def acting_court(principal: Principal, court_code: str | None) -> str:
    """The court a court act is for: a court's own code (a body naming another is refused, 403); for
    a clerk, the court whose document it cites, as the body names it (required, 422)."""
    if principal.kind is PrincipalKind.COURT:
        own = principal.partner_code
        if own is None or (court_code is not None and court_code != own):
            raise ObjectDenied(
                f"A court acts only for itself: the body names {court_code}, your token {own}",
                f"法院只能以自身名义行事：请求中的法院代码 {court_code} 与令牌中的 {own} 不一致",
            )
        return own
    if court_code is None:
        raise rule_violated(
            "court_code", "required", "Name the court whose document you record", "请填写出具该文书的法院代码"
        )
    return court_code


__all__ = ["Container", "Principal", "acting_court", "allow"]
