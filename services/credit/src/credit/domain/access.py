"""Who may read or move *this* credit record: the object rules, once the record is loaded.

The permission table (:mod:`credit.access`) has admitted the principal's role to the kind of
action; these rules decide the record (``shared.access.rules`` raise a 403 ``object_denied``):

* **office scope**, with roll-up: a person of an office reads and acts on the records of the
  offices their own covers (a county office its own, a city office its districts', a provincial
  office its province's, the national office all). A record belongs to the office of the authority
  that decided its case: the office whose staff entered it, or, for an input consumed from another
  service or produced by a timer, the deployment's office (``OFFICE_CODE``). The same rules hold
  for a commitment (the office that took it) and a parked input (the deployment's office).
* **separation of duties**: the decisions §C.2 makes subject to approval (listing on the SAMR
  serious list, and the early removal of such a listing by repair; county and prefecture decisions
  need upper-level consent) are only *proposed* by the credit officer; an office head whose office
  covers the record's approves or refuses them, and never their own proposal
  (``require_second_person``). The ``admin`` role takes no decision at all (the table).
* **court- and customs-bound**: a court or customs office never reads a record's file; they read
  only what §H gives them — a subject's decided listings and the bulk check of the codes they ask
  about (customs also the repeat-infringer flags, §H.2) — each minimised (:func:`reader_of_credit`).
  Their identity is their token's ``partner_code``; no body names a court or customs office here.

``principal`` None means the step does not come from a person over the API but from a consumed
event or a timer, which the service trusts as it trusts its broker.
"""

from __future__ import annotations

from enum import StrEnum

from credit.domain.vocabulary import ListType
from shared.access.rules import ObjectDenied, require_office, require_second_person
from shared.identity.principals import Principal, PrincipalKind, Role

RECORD_WORKERS = frozenset({Role.CREDIT_OFFICER, Role.STAFF})
"""People of an office who take steps on its records."""
RECORD_READERS = frozenset({Role.CREDIT_OFFICER, Role.STAFF, Role.OFFICE_HEAD})
"""People of an office who read its records' files."""
CREDIT_OFFICE = frozenset({Role.CREDIT_OFFICER, Role.STAFF, Role.OFFICE_HEAD})
"""The credit office: sees every record of a subject, undecided ones included, and the subject whole."""


class Decision(StrEnum):
    LISTING = "listing"
    REPAIR = "repair"


NEEDS_APPROVAL: frozenset[tuple[ListType, Decision]] = frozenset(
    {(ListType.SAMR_SERIOUS, Decision.LISTING), (ListType.SAMR_SERIOUS, Decision.REPAIR)}
)
"""Decisions that need the office head's approval (§C.2: SAMR Order 44; upper-level consent)."""


def needs_approval(list_type: ListType, decision: Decision) -> bool:
    return (list_type, decision) in NEEDS_APPROVAL


class CreditReader(StrEnum):
    """What of a subject's credit a reader sees."""

    CREDIT_OFFICE = "credit_office"  # everything: undecided records, grades, commitments, sightings
    CASE_HANDLER = "case_handler"  # decided listings, the subject without where it was seen
    COURT = "court"  # §H.1: decided listings (list type, basis, period); the subject's codes
    CUSTOMS = "customs"  # §H.2: subject, list type, period end, repeat-infringer flags


def _refuse() -> ObjectDenied:
    return ObjectDenied(
        "Your roles give you no access to this credit record",
        "您的角色无权处理此信用记录",
    )


def authorise_record_read(principal: Principal, office_code: str) -> None:
    """A record's file is read by the credit office of a covering office; no court or customs office."""
    if principal.is_person and principal.has_any(RECORD_READERS):
        require_office(principal, office_code)
        return
    raise _refuse()


def authorise_step(principal: Principal | None, office_code: str) -> None:
    """A step on a record by a credit officer or staff member whose office covers the record's."""
    if principal is None:
        return
    if principal.is_person and principal.has_any(RECORD_WORKERS):
        require_office(principal, office_code)
        return
    raise _refuse()


def authorise_approver(principal: Principal | None, office_code: str) -> None:
    """Who may answer a proposal on this record at all: a person whose office covers the record's
    (checked before anything about the proposal is told)."""
    if principal is None or not principal.is_person:
        raise _refuse()
    require_office(principal, office_code)


def authorise_approval(principal: Principal | None, office_code: str, proposed_by: str) -> None:
    """Four eyes: another person, an office head whose office covers the record's, approves."""
    authorise_approver(principal, office_code)
    if principal is not None:
        require_second_person(principal, proposed_by, Role.OFFICE_HEAD)


def office_of_entry(principal: Principal | None, deployment_office: str) -> str:
    """The office a new record belongs to: the entering person's, else the deployment's."""
    if principal is not None and principal.is_person and principal.office_code:
        return principal.office_code
    return deployment_office


def reader_of_credit(principal: Principal) -> CreditReader:
    """What of a subject's credit ``principal`` sees (the permission table admitted it already).

    A machine is read as what it is (a court's or customs office's client); a person by their
    roles, the office's first, so that a person holding only the court or customs role — a judge or
    a customs officer signing in themselves — gets the same minimised answer as their system.
    """
    if not principal.is_person and not principal.partner_code:
        raise ObjectDenied(
            "A court or customs office is identified by its token's partner code, and this token has none",
            "法院、海关等机构须以令牌中的机构代码（partner_code）标识，本令牌缺少该代码",
        )
    if principal.kind is PrincipalKind.COURT:
        return CreditReader.COURT
    if not principal.is_person:
        return CreditReader.CUSTOMS
    if principal.has_any(CREDIT_OFFICE):
        return CreditReader.CREDIT_OFFICE
    if principal.has_any({Role.ADJUDICATOR, Role.MEDIATOR}):
        return CreditReader.CASE_HANDLER
    if Role.COURT in principal.roles:
        return CreditReader.COURT
    return CreditReader.CUSTOMS
