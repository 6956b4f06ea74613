"""Object rules for customs records: a port sees its own detentions; centre staff their office's.

* A customs principal (kind ``customs``, its code in the token's ``partner_code``) posts and reads
  only the detentions of its own port (``port_code``); GACC's client posts recordation messages.
* People reach detentions of the offices their own covers (office scope with roll-up); staff take
  the holder's decision, office heads read.
"""

from __future__ import annotations

from shared.access.rules import ObjectDenied, require_office, require_partner
from shared.identity.principals import Principal, PrincipalKind, Role

READERS = frozenset({Role.STAFF, Role.OFFICE_HEAD})


def port_of(principal: Principal) -> str:
    """The acting customs office's code, from its token (never from a body)."""
    if principal.kind is not PrincipalKind.CUSTOMS or not principal.partner_code:
        raise ObjectDenied("Only a customs office's client may do this", "仅海关客户端可执行此操作")
    return principal.partner_code


def authorise_detention_read(principal: Principal, port_code: str, office_code: str) -> None:
    if principal.kind is PrincipalKind.CUSTOMS:
        require_partner(principal, PrincipalKind.CUSTOMS, port_code)
        return
    if principal.is_person and principal.has_any(READERS):
        require_office(principal, office_code)
        return
    raise ObjectDenied("Your roles give you no access to this detention", "您的角色无权查看此扣留案件")


def authorise_customs_step(principal: Principal | None, port_code: str) -> None:
    if principal is not None:
        require_partner(principal, PrincipalKind.CUSTOMS, port_code)


def authorise_holder_decision(principal: Principal | None, office_code: str) -> None:
    if principal is None:
        return
    if principal.is_person and Role.STAFF in principal.roles:
        require_office(principal, office_code)
        return
    raise ObjectDenied("Only centre staff record the holder's decision", "仅中心工作人员可记录权利人决定")


def authorise_detention_link(principal: Principal | None, office_code: str) -> None:
    """Linking a complaint to a detention is centre staff's work, in the detention's office."""
    if principal is None:
        return
    if principal.is_person and Role.STAFF in principal.roles:
        require_office(principal, office_code)
        return
    raise ObjectDenied(
        "Only centre staff link a complaint to a detention", "仅中心工作人员可将投诉关联至扣留案件"
    )
