"""Who may read or move *this* complaint or workflow record: the object rules, once it is loaded.

The permission table (:mod:`intake.access`) has admitted the principal's role to the kind of
action; these rules decide the record (``shared.access.rules`` raise a 403 ``object_denied``):

* **office scope**, with roll-up: a complaint belongs to the office that received it (the
  registering staff member's office; ``complaints.office_code``). A person of an office reads and
  acts on the complaints of the offices their own covers (a county office its own, a city office
  its districts', a provincial office its province's, the national office all). A complaint's
  workflow records (centre case, trade-fair complaint, e-commerce notices) and evidence belong to
  its office too. Lists are filtered in SQL by the office's division prefix (:func:`list_scope`).
* **assignment-bound**: the judgement opinion of a centre case is issued only by the examiner
  assigned to it (the examiner's id is their login, the token's subject): the recusal check ran
  on that examiner, so nobody else may sign in their place.
* **platform-bound**: an e-commerce platform reads and records steps only on the notices addressed
  to it (the notice's ``platform`` is the token's ``partner_code``, never a body's).
* the examiners of a centre are kept by the staff or admins of its office (or one covering it).
* courts get nothing from intake over the API; a customs office reaches only its own port's
  detentions (:mod:`intake.domain.customs.access`).

``principal`` None means the step does not come from a person or a platform over the API but from
a consumed event or a timer, which the service trusts as it trusts its broker.
"""

from __future__ import annotations

from shared.access.minimise import Reader
from shared.access.rules import ObjectDenied, require_assigned, require_office, require_partner
from shared.identity.principals import Principal, PrincipalKind, Role, scope_prefix

CASE_WORKERS = frozenset({Role.STAFF})
"""People of an office who take intake steps (office scope)."""
OFFICE_READERS = frozenset({Role.STAFF, Role.OFFICE_HEAD, Role.ADJUDICATOR})
"""People of an office who read its complaints (office scope)."""
FULL_VIEW = frozenset({Role.STAFF})
"""Who sees parties whole: the staff who handle complaints (they serve documents, call parties)."""


def _refuse() -> ObjectDenied:
    return ObjectDenied("Your roles give you no access to this complaint", "您的角色无权处理此投诉")


def list_scope(principal: Principal) -> str:
    """The division prefix a person's lists are filtered on in SQL (``""``: the national office).

    Only people of an office list complaints; anyone else is refused before a row is read.
    """
    if not principal.is_person or principal.office_code is None or not principal.has_any(OFFICE_READERS):
        raise _refuse()
    return scope_prefix(principal.office_code)


def reader_for(principal: Principal) -> Reader:
    """What of the parties' personal data a principal admitted to a complaint sees."""
    if not principal.is_person:
        return Reader.PARTNER
    return Reader.CASE_HANDLER if principal.has_any(FULL_VIEW) else Reader.INTERNAL


def authorise_read(principal: Principal, office_code: str) -> Reader:
    """Refuse, or say what of the parties ``principal`` may see of a complaint of ``office_code``."""
    if principal.is_person and principal.has_any(OFFICE_READERS):
        require_office(principal, office_code)
        return reader_for(principal)
    raise _refuse()


def authorise_step(principal: Principal | None, office_code: str) -> None:
    """A step on a complaint (or its workflow records) by staff of its office."""
    if principal is None:
        return
    if principal.is_person and principal.has_any(CASE_WORKERS):
        require_office(principal, office_code)
        return
    raise _refuse()


def authorise_opinion(principal: Principal | None, office_code: str, examiner_id: str | None) -> None:
    """The judgement opinion: by the examiner assigned to the centre case, of the case's office."""
    if principal is None:
        return
    authorise_step(principal, office_code)
    require_assigned(principal, [examiner_id] if examiner_id else [], "examiner", "审查员")


def authorise_registry(principal: Principal | None, centre: str) -> None:
    """The examiners of a centre are kept by its office (or one covering it), staff or admin."""
    if principal is None or not (centre[:6].isascii() and centre[:6].isdigit() and len(centre) >= 6):
        return  # a centre without an office code: the registry is the deployment's own
    require_office(principal, centre)


def authorise_notice(principal: Principal | None, office_code: str, platform: str) -> Reader:
    """An e-commerce notice: the platform it is addressed to, or staff (and readers) of its office."""
    if principal is None:
        return Reader.CASE_HANDLER
    if principal.kind is PrincipalKind.PLATFORM:
        require_partner(principal, PrincipalKind.PLATFORM, platform)
        return Reader.PARTNER
    return authorise_read(principal, office_code)


def authorise_notice_step(principal: Principal | None, office_code: str, platform: str) -> None:
    if principal is not None and principal.kind is PrincipalKind.PLATFORM:
        require_partner(principal, PrincipalKind.PLATFORM, platform)
        return
    authorise_step(principal, office_code)
