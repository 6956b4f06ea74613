"""Object rules: a partner principal touches only its own partner entry, feed and deliveries.

Its identity is its token's ``partner_code`` (never a path or a body); a person needs the admin
role (the permission table has admitted only admins among people).
"""

from __future__ import annotations

from shared.access.rules import ObjectDenied
from shared.identity.principals import Principal, Role


def require_own(principal: Principal, code: str) -> None:
    if principal.is_person and Role.ADMIN in principal.roles:
        return
    if principal.is_person or principal.partner_code != code:
        raise ObjectDenied(
            f"a partner acts only on its own entry and feed ({principal.partner_code or 'none'})",
            f"合作方只能访问自身的登记与数据（{principal.partner_code or '无'}）",
        )


def require_partner_itself(principal: Principal, code: str) -> None:
    """A feed is read by the partner's own system only: its token's ``partner_code``, no person."""
    if principal.is_person or principal.partner_code != code:
        raise ObjectDenied(
            "a partner's feed is read only with that partner's own token",
            "合作方数据流只能以该合作方自身的令牌读取",
        )
