"""The object rules on a loaded case (``adjudication.domain.access``): office, panel, court, approvals."""

from __future__ import annotations

from typing import Any

import pytest

from adjudication.domain.access import authorise_approval, authorise_read, authorise_step, court_codes
from adjudication.domain.case.states import CaseState
from adjudication.domain.commands.base import Who
from shared.access.minimise import Reader
from shared.access.rules import ObjectDenied
from shared.identity.principals import Principal, PrincipalKind, Role


def person(subject: str, *roles: Role, office: str = "110000") -> Principal:
    return Principal(subject, frozenset(roles), office_code=office)


def court(code: str) -> Principal:
    return Principal(f"court-{code}", frozenset({Role.COURT}), kind=PrincipalKind.COURT, partner_code=code)


@pytest.fixture
def case(builder: Any) -> Any:
    case = builder.case_in(CaseState.ENFORCEMENT_APPLIED)
    case.office_code = "110108"
    return case


def test_a_court_reads_a_case_whose_enforcement_was_applied_to_it_and_no_other(case: Any) -> None:
    (applied_to,) = court_codes(case)
    assert authorise_read(court(applied_to), case) is Reader.PARTNER
    with pytest.raises(ObjectDenied):
        authorise_read(court("999999"), case)
    with pytest.raises(ObjectDenied):
        authorise_read(Principal("court-x", frozenset({Role.COURT}), kind=PrincipalKind.COURT), case)


def test_office_scope_rolls_up_and_stops_at_the_division(case: Any) -> None:
    for office in ("110108", "110100", "110000", "000000"):
        authorise_step(person("staff-1", Role.STAFF, office=office), case, Who.OFFICE)
    for office in ("110105", "310000"):
        with pytest.raises(ObjectDenied):
            authorise_step(person("staff-1", Role.STAFF, office=office), case, Who.OFFICE)


def test_panel_acts_need_the_panel_whatever_other_roles_a_person_has(case: Any) -> None:
    on_panel = next(p.person_id for p in case.participants if p.active and p.role.value == "presiding")
    authorise_step(person(on_panel, Role.ADJUDICATOR), case, Who.PANEL)
    for outsider in (person("judge-x", Role.ADJUDICATOR), person("staff-x", Role.STAFF, Role.ADJUDICATOR)):
        with pytest.raises(ObjectDenied):
            authorise_step(outsider, case, Who.PANEL)
    with pytest.raises(ObjectDenied):
        authorise_step(person("staff-1", Role.STAFF), case, Who.PANEL)
    with pytest.raises(ObjectDenied):
        authorise_step(person("judge-x", Role.ADJUDICATOR), case, Who.OFFICE)  # off the panel: nothing
    authorise_step(None, case, Who.PANEL)  # a timer or a consumed event: trusted


def test_an_approval_is_an_office_heads_of_the_office_and_not_the_proposers(case: Any) -> None:
    authorise_approval(person("head-1", Role.OFFICE_HEAD), case.office_code, "judge-1")
    for approver in (
        person("judge-1", Role.OFFICE_HEAD, Role.ADJUDICATOR),  # the proposer
        person("head-2", Role.OFFICE_HEAD, office="310000"),  # another office
        person("staff-1", Role.STAFF),  # no office head
        court("110108"),
    ):
        with pytest.raises(ObjectDenied):
            authorise_approval(approver, case.office_code, "judge-1")
