"""The object rules on a loaded case: office scope, the mediator's assignment, the court's own code.

Each refusal is a 403 ``object_denied`` (``shared.access.rules.ObjectDenied``); the permission
table's cells are walked against the real routes in ``integration/test_access.py``.
"""

from __future__ import annotations

import pytest

from mediation.domain import mediating
from mediation.domain.access import (
    acting_mediators,
    authorise_answer,
    authorise_court_act,
    authorise_objection,
    authorise_read,
    authorise_step,
    court_act_by,
    reader_for,
)
from mediation.domain.case import MediationCase
from mediation.domain.kinds import MediationKind
from mediation.domain.parties import ActorKind
from mediation.testing import STAFF, T0, TIMING, mediator, new_case, organisation
from shared.access.minimise import Reader
from shared.access.rules import ObjectDenied
from shared.domain.actors import Actor
from shared.identity.principals import Principal, PrincipalKind, Role, scope_prefix


def person(*roles: Role, subject: str = "p1", office: str = "330106") -> Principal:
    return Principal(subject=subject, roles=frozenset(roles), office_code=office)


def court(code: str) -> Principal:
    return Principal(code, frozenset({Role.COURT}), PrincipalKind.COURT, partner_code=code)


def assigned_case() -> tuple[MediationCase, str]:
    """A court case (ZJ-HZ-XH) of office 330106 with one pending assignment; returns the mediator's login."""
    case = new_case(MediationKind.COURT_ASSIGNED)
    org = organisation()
    someone = mediator(org)
    mediating.assign_mediator(case, someone, org, 0, STAFF, T0, TIMING)
    assert someone.account is not None
    return case, someone.account


@pytest.mark.parametrize(
    ("office", "prefix"), [("000000", ""), ("330000", "33"), ("330100", "3301"), ("330106", "330106")]
)
def test_an_office_covers_its_division_prefix(office: str, prefix: str) -> None:
    assert scope_prefix(office) == prefix


@pytest.mark.parametrize(
    ("office", "allowed"),
    [
        ("330106", True),
        ("330100", True),
        ("330000", True),
        ("000000", True),
        ("330108", False),
        ("320000", False),
    ],
)
def test_staff_read_and_act_on_their_offices_cases_only(office: str, allowed: bool) -> None:
    case, _ = assigned_case()
    staff = person(Role.STAFF, office=office)
    if allowed:
        assert authorise_read(staff, case) is Reader.CASE_HANDLER
        authorise_step(staff, case)
        return
    with pytest.raises(ObjectDenied):
        authorise_read(staff, case)
    with pytest.raises(ObjectDenied):
        authorise_step(staff, case)


def test_a_mediator_acts_and_reads_only_where_assigned() -> None:
    case, account = assigned_case()
    assigned = person(Role.MEDIATOR, subject=account, office="000000")
    stranger = person(Role.MEDIATOR, subject="mediator-stranger", office="000000")

    authorise_step(assigned, case)
    authorise_answer(assigned, case, case.assignments[0])
    assert authorise_read(assigned, case) is Reader.CASE_HANDLER
    for check in (
        lambda: authorise_step(stranger, case),
        lambda: authorise_answer(stranger, case, case.assignments[0]),
        lambda: authorise_read(stranger, case),
    ):
        with pytest.raises(ObjectDenied, match="mediator assigned"):
            check()


def test_a_mediator_who_declined_no_longer_acts_or_reads_and_the_one_who_mediated_still_does() -> None:
    case, account = assigned_case()
    mediating.decline_assignment(case, case.assignments[0].id, "冲突", STAFF, T0)
    declined = person(Role.MEDIATOR, subject=account)
    with pytest.raises(ObjectDenied):
        authorise_step(declined, case)
    with pytest.raises(ObjectDenied):
        authorise_read(declined, case)

    org = organisation()
    second = mediator(org)
    assignment = mediating.assign_mediator(case, second, org, 0, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, T0, TIMING)
    mediating.terminate(case, mediating.TerminationGround.WIDE_DIFFERENCES, None, STAFF, T0)
    assert second.account in acting_mediators(case)  # ended with the case, still its mediator
    authorise_step(person(Role.MEDIATOR, subject=str(second.account)), case)


def test_staff_who_are_also_mediators_act_as_staff_of_their_office() -> None:
    case, _ = assigned_case()
    authorise_step(person(Role.STAFF, Role.MEDIATOR, subject="nobody-assigned"), case)
    with pytest.raises(ObjectDenied):
        authorise_step(person(Role.STAFF, Role.MEDIATOR, office="320000"), case)


def test_a_court_reads_only_its_own_cases_and_sees_no_personal_contact_data() -> None:
    case, _ = assigned_case()
    assert authorise_read(court("ZJ-HZ-XH"), case) is Reader.PARTNER
    with pytest.raises(ObjectDenied):
        authorise_read(court("ZJ-HZ-SC"), case)
    with pytest.raises(ObjectDenied):  # the role without being a court principal is not a court
        authorise_read(person(Role.COURT), case)


def test_court_outcomes_come_from_that_court_or_a_clerk_citing_its_document() -> None:
    authorise_court_act(court("ZJ-HZ-XH"), "ZJ-HZ-XH", None, "330106")
    authorise_court_act(person(Role.CLERK), "ZJ-HZ-XH", "(2026)浙0106民特1号", "330106")
    refused = [
        (court("ZJ-HZ-SC"), "(2026)浙0106民特1号", "330106"),  # another court
        (person(Role.CLERK), None, "330106"),  # a clerk without the court's document
        (person(Role.CLERK, office="320000"), "(2026)浙0106民特1号", "330106"),  # another office's clerk
        (person(Role.STAFF), "(2026)浙0106民特1号", "330106"),  # staff record no court outcome
    ]
    for principal, document, office in refused:
        with pytest.raises(ObjectDenied):
            authorise_court_act(principal, "ZJ-HZ-XH", document, office)


def test_objections_are_recorded_by_the_ruling_court_or_the_cases_office() -> None:
    case, _ = assigned_case()
    with pytest.raises(ObjectDenied):  # no application yet: no court ruled
        authorise_objection(court("ZJ-HZ-XH"), case)
    authorise_objection(person(Role.STAFF), case)
    with pytest.raises(ObjectDenied):
        authorise_objection(person(Role.STAFF, office="320000"), case)


def test_events_and_timers_are_trusted_without_a_principal() -> None:
    case, _ = assigned_case()
    authorise_step(None, case)
    authorise_answer(None, case, case.assignments[0])
    authorise_court_act(None, "ANY", None, "330106")


def test_a_clerks_entry_names_the_court_and_the_clerk() -> None:
    fallback = Actor(ActorKind.STAFF, "clerk-1")
    assert court_act_by(person(Role.CLERK, subject="clerk-1"), "ZJ-HZ-XH", fallback) == Actor(
        ActorKind.COURT, "ZJ-HZ-XH", recorded_by="clerk-1"
    )
    assert court_act_by(court("ZJ-HZ-XH"), "ZJ-HZ-XH", fallback) == Actor(ActorKind.COURT, "ZJ-HZ-XH")


@pytest.mark.parametrize(
    ("principal", "reader"),
    [
        (person(Role.STAFF), Reader.CASE_HANDLER),
        (person(Role.OFFICE_HEAD), Reader.CASE_HANDLER),
        (person(Role.MEDIATOR), Reader.CASE_HANDLER),
        (person(Role.ADJUDICATOR), Reader.INTERNAL),  # adjudicators do not handle mediation cases
        (person(Role.CLERK), Reader.INTERNAL),
        (court("ZJ-HZ-XH"), Reader.PARTNER),
    ],
)
def test_what_each_reader_sees_of_the_parties(principal: Principal, reader: Reader) -> None:
    assert reader_for(principal) is reader
