"""Who may read or move *this* mediation case: the object rules, once the case is loaded.

The permission table (:mod:`mediation.access`) has admitted the principal's role to the kind of
action; these rules decide the case (``shared.access.rules`` raise a 403 ``object_denied``):

* **office scope**, with roll-up: a person of an office reads and acts on the cases of the offices
  their own covers (a county office its own, a city office its districts', a provincial office its
  province's, the national office all). A case belongs to the office that opened it.
* **assignment-bound**: a mediator acts only on a case they are assigned to. They answer only their
  own assignment; every other step they take as the case's mediator (an assignment awaiting their
  answer or confirmed, or the mediator who mediated it to its agreement). They read the cases they
  were assigned and did not decline.
* **court-bound**: a court acts only for itself (its code is its token's ``partner_code``, never a
  body's). It reads only the cases it assigned or entrusted and those whose agreement was filed
  with it or is enforced by it; it answers only the applications filed with it. Court outcomes
  (assignments, acceptance, rulings, withdrawals, decisions on objections) come only from the court
  itself, or from a clerk citing the court's document (``require_court_or_clerk``): staff record
  none of them.

``principal`` None means the step does not come from a person or a court over the API but from a
consumed event or a timer, which the service trusts as it trusts its broker.
"""

from __future__ import annotations

from collections.abc import Iterable

from mediation.domain.assignment import AssignmentStatus, MediatorAssignment
from mediation.domain.case import MediationCase
from mediation.domain.parties import ActorKind
from shared.access.minimise import Reader
from shared.access.rules import (
    ObjectDenied,
    require_assigned,
    require_court_or_clerk,
    require_office,
    require_partner,
)
from shared.domain.actors import Actor
from shared.identity.principals import (
    Principal,
    PrincipalKind,
    Role,
)

OFFICE_READERS = frozenset({Role.STAFF, Role.OFFICE_HEAD, Role.CLERK, Role.ADJUDICATOR})
"""People of an office who read mediation cases (office scope)."""
CASE_WORKERS = frozenset({Role.STAFF})
"""People of an office who take mediation steps (office scope)."""
FULL_VIEW = frozenset({Role.STAFF, Role.OFFICE_HEAD})
"""Office roles that handle mediation cases and see parties whole; the case's mediator does too."""

READING = frozenset({AssignmentStatus.PENDING, AssignmentStatus.CONFIRMED, AssignmentStatus.ENDED})
ACTING = frozenset({AssignmentStatus.PENDING, AssignmentStatus.CONFIRMED})


def acts_as_mediator(principal: Principal, office_roles: Iterable[Role]) -> bool:
    """A mediator acting as such: a person with the mediator role and none of the office's."""
    return principal.is_person and Role.MEDIATOR in principal.roles and not principal.has_any(office_roles)


def court_codes(case: MediationCase) -> frozenset[str]:
    """The courts a case concerns: the one that assigned it, those it was filed with or enforced by."""
    codes = {a.court_code for a in case.applications}
    if case.court is not None:
        codes.add(case.court.court_code)
    if case.enforcement is not None:
        codes.add(case.enforcement.court_code)
    return frozenset(codes)


def reading_mediators(case: MediationCase) -> set[str]:
    """Mediators who may read the case: assigned, and neither declined, lapsed nor replaced."""
    return {a.mediator_account for a in case.assignments if a.mediator_account and a.status in READING}


def acting_mediators(case: MediationCase) -> set[str]:
    """Mediators who may move the case: awaiting their answer, confirmed, or the one who mediated it."""
    accounts = {a.mediator_account for a in case.assignments if a.mediator_account and a.status in ACTING}
    mediator = case.mediator
    if mediator is not None and mediator.mediator_account:
        accounts.add(mediator.mediator_account)
    return accounts


def _refuse() -> ObjectDenied:
    return ObjectDenied(
        "Your roles give you no access to this mediation case",
        "您的角色无权处理此调解案件",
    )


def authorise_read(principal: Principal, case: MediationCase) -> Reader:
    """Refuse, or say what of the parties' personal data ``principal`` may see of ``case``."""
    if principal.kind is PrincipalKind.COURT:
        if principal.partner_code is None or principal.partner_code not in court_codes(case):
            raise ObjectDenied(
                "A court reads only the cases it assigned and the applications filed with it",
                "法院只能查看其委派、委托的案件及向其提出的司法确认申请",
            )
        return Reader.PARTNER
    if acts_as_mediator(principal, OFFICE_READERS):
        require_assigned(principal, reading_mediators(case), "mediator", "调解员")
        return Reader.CASE_HANDLER
    if principal.is_person and principal.has_any(OFFICE_READERS):
        require_office(principal, case.office_code)
        return Reader.CASE_HANDLER if principal.has_any(FULL_VIEW) else Reader.INTERNAL
    raise _refuse()


def reader_for(principal: Principal) -> Reader:
    """What of the parties a principal sees once an object rule admitted it (e.g. by a step it took)."""
    if not principal.is_person:
        return Reader.PARTNER
    if acts_as_mediator(principal, OFFICE_READERS) or principal.has_any(FULL_VIEW):
        return Reader.CASE_HANDLER
    return Reader.INTERNAL


def authorise_step(principal: Principal | None, case: MediationCase) -> None:
    """A step on the case by its office's staff (office scope) or its mediator (assignment-bound)."""
    if principal is None:
        return
    if acts_as_mediator(principal, CASE_WORKERS):
        require_assigned(principal, acting_mediators(case), "mediator", "调解员")
        return
    if principal.is_person and principal.has_any(CASE_WORKERS):
        require_office(principal, case.office_code)
        return
    raise _refuse()


def authorise_answer(
    principal: Principal | None, case: MediationCase, assignment: MediatorAssignment
) -> None:
    """Only the mediator an assignment went to answers it (staff of the case's office may record it)."""
    if principal is None:
        return
    if acts_as_mediator(principal, CASE_WORKERS):
        accounts = [assignment.mediator_account] if assignment.mediator_account else []
        require_assigned(principal, accounts, "mediator", "调解员")
        return
    authorise_step(principal, case)


def authorise_court_act(
    principal: Principal | None, court_code: str, document_ref: str | None, office_code: str
) -> None:
    """A court outcome for ``court_code``: from that court, or a clerk of the office citing its document."""
    if principal is None:
        return
    require_court_or_clerk(principal, court_code, document_ref)
    if principal.is_person:
        require_office(principal, office_code)


def court_act_by(principal: Principal | None, court_code: str, actor: Actor) -> Actor:
    """Who the record names for a court outcome: the court; a clerk's entry names the clerk too."""
    if principal is None:
        return actor
    if principal.kind is PrincipalKind.COURT:
        return Actor(ActorKind.COURT, court_code)
    return Actor(ActorKind.COURT, court_code, recorded_by=principal.subject)


OBJECTION_RECORDERS = frozenset({Role.STAFF, Role.CLERK})


def authorise_objection(principal: Principal | None, case: MediationCase) -> None:
    """An objection to the ruling is lodged with the court that ruled (Interp. art. 372): that court
    records it, or staff or a clerk of the case's office do."""
    if principal is None:
        return
    if principal.kind is PrincipalKind.COURT:
        latest = case.application
        require_partner(principal, PrincipalKind.COURT, latest.court_code if latest else None)
        return
    if principal.is_person and principal.has_any(OBJECTION_RECORDERS):
        require_office(principal, case.office_code)
        return
    raise _refuse()
