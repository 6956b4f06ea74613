"""The role × action table of a service, and the route dependency that enforces it.

A service declares its table once, as data (``ACCESS = Policy("intake", {"complaint.register":
{Role.STAFF}, ...})``), and each route depends on ``ACCESS.allow("complaint.register")``. There is
no super-role: ``admin`` operates the system and appears only in the rows of operations actions;
it decides no case. A test walks every cell (role × action) against the table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from fastapi import Request

from shared.audit.trail import current_context
from shared.errors import PermissionDenied
from shared.identity.principals import Principal, Role
from shared.web.auth import CurrentPrincipal


class ActionDenied(PermissionDenied):
    code = "action_denied"
    title = "Your roles do not allow this action"
    title_zh = "当前角色无权执行此操作"


@dataclass(frozen=True, slots=True)
class Grant:
    action: str
    roles: frozenset[Role]


class Policy:
    def __init__(self, service: str, table: Mapping[str, Iterable[Role]]) -> None:
        self.service = service
        self._table = {action: frozenset(roles) for action, roles in table.items()}

    @property
    def actions(self) -> list[str]:
        return sorted(self._table)

    def roles_for(self, action: str) -> frozenset[Role]:
        return self._table[action]

    def allows(self, principal: Principal, action: str) -> bool:
        return principal.has_any(self._table[action])

    def check(self, principal: Principal, action: str) -> None:
        if not self.allows(principal, action):
            names = "、".join(sorted(self._table[action])) or "—"
            raise ActionDenied(
                f"{action} needs one of the roles: {', '.join(sorted(self._table[action])) or 'none'}",
                f"此操作需要以下角色之一：{names}",
            )

    def cells(self) -> Iterator[tuple[Role, str, bool]]:
        """Every (role, action, allowed) of the table, for a test per cell."""
        for action in self.actions:
            for role in Role:
                yield role, action, role in self._table[action]

    def allow(self, action: str) -> Callable[..., Awaitable[Principal]]:
        """A route dependency: the principal, if one of its roles may take ``action``."""
        if action not in self._table:
            raise KeyError(f"{self.service} has no action {action!r} in its permission table")

        async def allowed(request: Request, principal: CurrentPrincipal) -> Principal:
            request.state.action = action
            current_context().action = f"{self.service}.{action}"
            self.check(principal, action)
            return principal

        allowed.action = action  # type: ignore[attr-defined]  # lets a test find each route's action
        return allowed
