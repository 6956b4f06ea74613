"""Object rules: what a principal may do to *this* case, once the handler or view has loaded it.

Each rule raises :class:`ObjectDenied` (403, with the reason in both languages) or returns. The
role × action table has already admitted the principal to the kind of action; these decide the
object: its office, its assignment, its court or customs office, and whether a second person
approved what needs one.
"""

from __future__ import annotations

from collections.abc import Iterable

from shared.errors import PermissionDenied
from shared.identity.principals import Principal, PrincipalKind, Role


class ObjectDenied(PermissionDenied):
    code = "object_denied"
    title = "Not allowed for this case"
    title_zh = "无权处理此案件"


def require_office(principal: Principal, office_code: str) -> None:
    """People act on what belongs to their office's division (county ⊂ city ⊂ province ⊂ national)."""
    if principal.kind is not PrincipalKind.PERSON or not principal.covers(office_code):
        raise ObjectDenied(
            f"The case belongs to office {office_code}, outside your office {principal.office_code}",
            f"该案件属于 {office_code}，不在您所在机关 {principal.office_code or '（无）'} 的管辖范围内",
        )


def require_assigned(principal: Principal, assignees: Iterable[str], what: str, what_zh: str) -> None:
    """Assignment-bound steps: only the mediator, panel member or examiner assigned may take them."""
    if principal.subject not in set(assignees):
        raise ObjectDenied(
            f"Only the {what} assigned to this case may do this",
            f"只有本案指定的{what_zh}可以执行此操作",
        )


def require_partner(principal: Principal, kind: PrincipalKind, code: str | None) -> None:
    """A court (or customs office) acts only for itself: its code comes from its token."""
    if principal.kind is not kind or principal.partner_code is None or principal.partner_code != code:
        raise ObjectDenied(
            f"Only {kind} {code} may do this; you act as {principal.kind} {principal.partner_code}",
            f"只有{_KIND_ZH.get(kind, str(kind))} {code} 可以执行此操作",
        )


def require_court_or_clerk(principal: Principal, court_code: str | None, document_ref: str | None) -> None:
    """Court outcomes come from that court, or from a clerk citing the court's document."""
    if principal.kind is PrincipalKind.COURT:
        require_partner(principal, PrincipalKind.COURT, court_code)
        return
    if Role.CLERK in principal.roles and document_ref:
        return
    raise ObjectDenied(
        "Court outcomes are recorded only by the court itself, or by a clerk citing the court's document",
        "法院裁判结果只能由该法院提交，或由书记员依据法院文书编号录入",
    )


def require_second_person(approver: Principal, proposer_subject: str, role: Role = Role.OFFICE_HEAD) -> None:
    """Four eyes: an approval needs another signed-in person holding ``role``."""
    if role not in approver.roles:
        raise ObjectDenied(f"This approval needs the {role} role", "此项审批需要机关负责人角色")
    if approver.subject == proposer_subject:
        raise ObjectDenied(
            "The person who proposed this cannot also approve it",
            "提出人与审批人不能为同一人",
        )


_KIND_ZH = {PrincipalKind.COURT: "法院", PrincipalKind.CUSTOMS: "海关", PrincipalKind.PLATFORM: "平台"}
