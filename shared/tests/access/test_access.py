"""The permission model: a role × action table, object rules, and what each reader may see."""

from __future__ import annotations

import pytest

from shared.access.minimise import Reader, mask_address, mask_email, mask_phone, minimise_party, reader_of
from shared.access.policy import ActionDenied, Policy
from shared.access.rules import (
    ObjectDenied,
    require_assigned,
    require_court_or_clerk,
    require_office,
    require_partner,
    require_second_person,
)
from shared.identifiers import (
    InvalidIdNumber,
    mask_id_number,
    normalise_patent_number,
    normalise_trademark_number,
    patent_check_character,
    patent_number_problem,
    resident_id_problem,
    trademark_number_problem,
)
from shared.identity.principals import Principal, PrincipalKind, Role

POLICY = Policy(
    "demo",
    {
        "case.decide": {Role.ADJUDICATOR},
        "ops.replay": {Role.ADMIN},
        "case.read": {Role.STAFF, Role.ADJUDICATOR, Role.AUDITOR},
    },
)


def person(*roles: Role, subject: str = "p1", office: str = "330106") -> Principal:
    return Principal(subject=subject, roles=frozenset(roles), office_code=office)


COURT_3101 = Principal("court-client", frozenset({Role.COURT}), PrincipalKind.COURT, partner_code="3101")


@pytest.mark.parametrize(("role", "action", "allowed"), list(POLICY.cells()))
def test_every_cell_of_the_table_is_what_it_says(role: Role, action: str, allowed: bool) -> None:
    principal = person(role)
    assert POLICY.allows(principal, action) is allowed
    if not allowed:
        with pytest.raises(ActionDenied):
            POLICY.check(principal, action)


def test_admin_operates_the_system_but_decides_no_case() -> None:
    assert POLICY.allows(person(Role.ADMIN), "ops.replay")
    assert not POLICY.allows(person(Role.ADMIN), "case.decide")


def test_a_route_cannot_name_an_action_the_table_lacks() -> None:
    with pytest.raises(KeyError):
        POLICY.allow("case.delete")


@pytest.mark.parametrize(
    ("office", "case_office", "allowed"),
    [
        ("330106", "330106", True),
        ("330100", "330106", True),
        ("330000", "330106", True),
        ("000000", "330106", True),
        ("330105", "330106", False),
        ("320000", "330106", False),
    ],
)
def test_people_reach_cases_of_their_division_only(office: str, case_office: str, allowed: bool) -> None:
    principal = person(Role.STAFF, office=office)
    if allowed:
        require_office(principal, case_office)
    else:
        with pytest.raises(ObjectDenied):
            require_office(principal, case_office)


def test_a_court_is_never_in_an_office_scope() -> None:
    with pytest.raises(ObjectDenied):
        require_office(COURT_3101, "330106")


def test_an_unassigned_mediator_is_refused() -> None:
    require_assigned(person(Role.MEDIATOR, subject="m1"), ["m1", "m2"], "mediator", "调解员")
    with pytest.raises(ObjectDenied):
        require_assigned(person(Role.MEDIATOR, subject="m9"), ["m1", "m2"], "mediator", "调解员")


def test_a_court_acts_only_for_itself_and_a_clerk_needs_a_court_document() -> None:
    require_partner(COURT_3101, PrincipalKind.COURT, "3101")
    with pytest.raises(ObjectDenied):
        require_partner(COURT_3101, PrincipalKind.COURT, "3102")
    require_court_or_clerk(person(Role.CLERK), "3102", "(2026)沪0101民特123号")
    with pytest.raises(ObjectDenied):
        require_court_or_clerk(person(Role.CLERK), "3102", None)
    with pytest.raises(ObjectDenied):
        require_court_or_clerk(person(Role.STAFF), "3102", "(2026)沪0101民特123号")


def test_an_approval_needs_a_second_person_with_the_role() -> None:
    require_second_person(person(Role.OFFICE_HEAD, subject="head"), "handler-1")
    with pytest.raises(ObjectDenied, match="cannot also approve"):
        require_second_person(person(Role.OFFICE_HEAD, subject="handler-1"), "handler-1")
    with pytest.raises(ObjectDenied):
        require_second_person(person(Role.ADJUDICATOR, subject="other"), "handler-1")


def test_personal_contact_data_of_individuals_by_reader() -> None:
    party = {
        "name": "张三",
        "phone": "13812345678",
        "email": "zhang@example.cn",
        "address": "浙江省杭州市西湖区文三路90号",
    }
    assert minimise_party(party, Reader.CASE_HANDLER, individual=True) == party
    assert minimise_party(party, Reader.INTERNAL, individual=True) == {
        "name": "张三",
        "phone": "138****5678",
        "email": "z***@example.cn",
        "address": "浙江省杭州市西湖区****",
    }
    assert minimise_party(party, Reader.PARTNER, individual=True) == {
        "name": "张三",
        "phone": None,
        "email": None,
        "address": None,
    }
    assert minimise_party(party, Reader.PARTNER, individual=False) == party  # an organisation's, not personal
    assert reader_of(COURT_3101) is Reader.PARTNER
    assert reader_of(person(Role.CREDIT_OFFICER)) is Reader.INTERNAL
    assert reader_of(person(Role.MEDIATOR)) is Reader.CASE_HANDLER
    assert (mask_phone("12345"), mask_email("x"), mask_address("某地")) == ("*****", "***", "****")


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("11010519491231002X", "1101**********002X"),
        ("110105 19491231 002x", "1101**********002X"),
        ("110105491231002", "1101*******1002"),  # first-generation 15 digits
        ("1101**********002X", "1101**********002X"),
        ("1101*******1002", "1101*******1002"),  # a masked first-generation number comes back as it is
    ],
)
def test_a_resident_id_is_checked_and_masked_on_entry(raw: str, stored: str) -> None:
    assert mask_id_number(raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "110105194912310021",
        "1101051949123100",
        "11010519491231002Y",
        "1101*****1231002X",
        "abc",
        "110105491331002",  # 15 digits, month 13: no date of birth
        "110105490230002",  # 15 digits, 30 February
        "11010549123100X",  # 15 characters with a check character: the old form has none
        "1101******10020",  # 15 characters, middle not wholly hidden
    ],
)
def test_anything_else_is_refused_never_stored(raw: str) -> None:
    with pytest.raises(InvalidIdNumber):
        mask_id_number(raw)


def test_the_check_character_follows_gb_11643() -> None:
    assert resident_id_problem("11010519491231002X") is None
    assert resident_id_problem("110105194912310021") == "check character does not match (GB 11643)"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("ZL202310000001.5", None),
        ("zl 2023 1 0000001.5", None),
        ("CN202310000001.5", None),
        ("ZL202310000001.X", "check character should be 5"),  # the example a README once carried
        ("ZL2023100001.5", "must have 12 digits"),
        ("ZL202340000001.5", "type digit 4"),
        ("ZL202310000001", "must end in a dot"),
        ("ZL99123456.1", None),  # before October 2003: 8 digits
    ],
)
def test_patent_application_numbers_have_their_shape_and_check_character(
    raw: str, problem: str | None
) -> None:
    found = patent_number_problem(normalise_patent_number(raw))
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_the_check_character_weights_repeat_two_to_nine() -> None:
    assert patent_check_character("202310000001") == "5"
    assert patent_check_character("99123456") == "1"  # 18+27+4+10+18+28+40+54 = 199 = 18*11 + 1


@pytest.mark.parametrize(
    ("raw", "valid"), [("第12345678号", True), ("123", True), ("1234567890", False), ("TM123", False)]
)
def test_trademark_registration_numbers_are_digits(raw: str, valid: bool) -> None:
    assert (trademark_number_problem(normalise_trademark_number(raw)) is None) is valid
