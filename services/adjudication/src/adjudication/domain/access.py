"""Who may read or move *this* case: the object rules, once the case is loaded (and locked).

The permission table (:mod:`adjudication.access`) has admitted the principal's role to the kind of
action; these rules decide the case (``shared.access.rules`` raise a 403 ``object_denied``):

* **office scope**, with roll-up: staff and the office head act on and read the cases of the offices
  their own covers (a county office its own, a city office its districts', a provincial office its
  province's, the national office all). A case belongs to the office that received it.
* **panel-bound**: an adjudicator acts only on a case whose panel they sit on (an active handler,
  presiding member or panel member); the panel's acts (``Who.PANEL``: hearings, the decision,
  suspension, dismissal, recusal, enforcement) are taken only by the panel, whatever other roles
  the person has. An adjudicator reads the cases they serve or served on.
* **court-bound**: a court acts only for itself (its code is its token's ``partner_code``, never a
  body's). It records the suit filed with it, its judgment on that suit and its ruling on the
  enforcement applied to it; it reads only the cases that concern it (the court the suit is filed
  with, the court enforcement was applied to). Court outcomes come only from the court itself or
  from a clerk citing the court's document (``require_court_or_clerk``): staff record none.
* **separation of duties**: what needs the office head's approval is approved by a second
  signed-in person with the ``office_head`` role (``require_second_person``).
* **the handling officer**: a penalty case's decision and ending are proposed by the officer
  handling it.

``principal`` None means the step does not come from a person or a court over the API but from a
consumed event or a timer, which the service trusts as it trusts its broker.
"""

from __future__ import annotations

from collections.abc import Iterable

from adjudication.domain.case.aggregate import Case
from adjudication.domain.commands.base import Who
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.values.rules import DECIDING_ROLES
from shared.access.minimise import Reader
from shared.access.rules import (
    ObjectDenied,
    require_assigned,
    require_court_or_clerk,
    require_office,
    require_second_person,
)
from shared.identity.principals import Principal, PrincipalKind, Role

OFFICE_ROLES = frozenset({Role.STAFF, Role.OFFICE_HEAD})
"""People of an office who handle its cases within office scope (no panel needed)."""
OFFICE_READERS = frozenset({Role.STAFF, Role.OFFICE_HEAD, Role.CLERK})
"""People of an office who read its cases within office scope."""


def acts_as_adjudicator(principal: Principal, office_roles: Iterable[Role] = OFFICE_ROLES) -> bool:
    """An adjudicator acting as such: a person with the adjudicator role and none of ``office_roles``."""
    return principal.is_person and Role.ADJUDICATOR in principal.roles and not principal.has_any(office_roles)


def panel(case: Case) -> set[str]:
    """Who sits on the case's panel now: active handler, presiding member, panel members."""
    return {p.person_id for p in case.participants if p.active and p.role in DECIDING_ROLES}


def served(case: Case) -> set[str]:
    """Everyone who serves or served on the case (they may read it)."""
    return {p.person_id for p in case.participants}


def court_codes(case: Case) -> frozenset[str]:
    """The courts a case concerns: where the suit over its decision is filed, where it is enforced."""
    codes: set[str] = set()
    if case.suit is not None:
        codes.add(case.suit.court_code)
    if case.enforcement is not None and case.enforcement.application is not None:
        codes.add(case.enforcement.application.court_code)
    return frozenset(codes)


def _refuse() -> ObjectDenied:
    return ObjectDenied(
        "Your roles give you no access to this adjudication case",
        "您的角色无权处理此行政裁决案件",
    )


def _require_panel(principal: Principal, case: Case) -> None:
    require_office(principal, case.office_code)
    require_assigned(principal, panel(case), "panel member or handler", "合议组成员或承办人")


def authorise_read(principal: Principal, case: Case) -> Reader:
    """Refuse, or say what of the parties' personal data ``principal`` may see of ``case``."""
    if principal.kind is PrincipalKind.COURT:
        if principal.partner_code is None or principal.partner_code not in court_codes(case):
            raise ObjectDenied(
                "A court reads only the cases whose suit is filed with it or whose enforcement it rules on",
                "法院只能查看向其提起行政诉讼或申请强制执行的案件",
            )
        return Reader.PARTNER
    if acts_as_adjudicator(principal, OFFICE_READERS):
        require_office(principal, case.office_code)
        require_assigned(principal, served(case), "panel member or handler", "合议组成员或承办人")
        return Reader.CASE_HANDLER
    if principal.is_person and principal.has_any(OFFICE_READERS):
        require_office(principal, case.office_code)
        return Reader.CASE_HANDLER if principal.has_any(OFFICE_ROLES) else Reader.INTERNAL
    raise _refuse()


def authorise_step(
    principal: Principal | None,
    case: Case,
    who: Who,
    *,
    court_code: str | None = None,
    document_ref: str | None = None,
) -> None:
    """A step on the case: by its office (office scope), its panel, or the court ``court_code``."""
    if principal is None:
        return
    if who is Who.COURT:
        authorise_court_act(principal, case, court_code, document_ref)
        return
    if who is Who.PANEL or acts_as_adjudicator(principal):
        if not (principal.is_person and Role.ADJUDICATOR in principal.roles):
            raise _refuse()
        _require_panel(principal, case)
        return
    if principal.is_person and principal.has_any(OFFICE_ROLES):
        require_office(principal, case.office_code)
        return
    raise _refuse()


def authorise_court_act(
    principal: Principal | None, case: Case, court_code: str | None, document_ref: str | None
) -> None:
    """A court outcome for ``court_code``: from that court, or a clerk of the office citing its document."""
    if principal is None:
        return
    require_court_or_clerk(principal, court_code, document_ref)
    if principal.is_person:
        require_office(principal, case.office_code)


def authorise_approval(principal: Principal | None, office_code: str, proposed_by: str) -> None:
    """The office head of the case's office approves what someone else proposed."""
    if principal is None:
        return
    if not principal.is_person:
        raise _refuse()
    require_office(principal, office_code)
    require_second_person(principal, proposed_by, Role.OFFICE_HEAD)


def authorise_penalty_read(principal: Principal, case: PenaltyCase) -> Reader:
    if principal.is_person and principal.has_any({*OFFICE_ROLES, Role.ADJUDICATOR}):
        require_office(principal, case.office_code)
        return Reader.CASE_HANDLER
    raise _refuse()


def authorise_penalty_step(principal: Principal | None, case: PenaltyCase, who: Who) -> None:
    """A step on a penalty case by an officer of its office; its decision and ending by its handler."""
    if principal is None:
        return
    if not (principal.is_person and principal.has_any({Role.STAFF, Role.ADJUDICATOR, Role.OFFICE_HEAD})):
        raise _refuse()
    require_office(principal, case.office_code)
    if who is Who.HANDLER and case.handler is not None:
        require_assigned(principal, [case.handler], "handling officer", "承办人")
