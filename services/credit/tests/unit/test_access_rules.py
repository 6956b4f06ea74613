"""Credit's object rules as functions: office scope, four eyes, and what each reader sees."""

from __future__ import annotations

import pytest

from credit.domain.access import (
    CreditReader,
    Decision,
    authorise_approval,
    authorise_record_read,
    authorise_step,
    needs_approval,
    office_of_entry,
    reader_of_credit,
)
from credit.domain.vocabulary import ListType
from shared.access.rules import ObjectDenied
from shared.identity.principals import Principal, PrincipalKind, Role


def person(*roles: Role, office: str | None = "330100", subject: str = "p-1") -> Principal:
    return Principal(subject, frozenset(roles), office_code=office)


def machine(kind: PrincipalKind, role: Role) -> Principal:
    return Principal("m-1", frozenset({role}), kind=kind, partner_code="P-1")


@pytest.mark.parametrize(
    ("principal", "reader"),
    [
        (machine(PrincipalKind.COURT, Role.COURT), CreditReader.COURT),
        (machine(PrincipalKind.CUSTOMS, Role.CUSTOMS), CreditReader.CUSTOMS),
        (person(Role.COURT), CreditReader.COURT),  # a judge signing in is read as a court
        (person(Role.CUSTOMS), CreditReader.CUSTOMS),  # so is a customs officer as customs
        (person(Role.CREDIT_OFFICER), CreditReader.CREDIT_OFFICE),
        (person(Role.STAFF, Role.CUSTOMS), CreditReader.CREDIT_OFFICE),
        (person(Role.MEDIATOR), CreditReader.CASE_HANDLER),
        (person(Role.ADMIN), CreditReader.CUSTOMS),  # anyone else: the least
    ],
)
def test_each_reader_sees_what_its_roles_need(principal: Principal, reader: CreditReader) -> None:
    assert reader_of_credit(principal) is reader


def test_a_machine_without_its_partner_code_is_nobody() -> None:
    anonymous_court = Principal("m-1", frozenset({Role.COURT}), kind=PrincipalKind.COURT)
    with pytest.raises(ObjectDenied):
        reader_of_credit(anonymous_court)


def test_office_scope_rolls_up_and_machines_read_no_file() -> None:
    for office in ("330106", "330100", "330000", "000000"):
        authorise_record_read(person(Role.STAFF, office=office), "330106")
        authorise_step(person(Role.CREDIT_OFFICER, office=office), "330106")
    for principal in (
        person(Role.STAFF, office="330102"),
        person(Role.CREDIT_OFFICER, office=None),
        person(Role.ADMIN, office="000000"),
        machine(PrincipalKind.COURT, Role.COURT),
        machine(PrincipalKind.CUSTOMS, Role.CUSTOMS),
    ):
        with pytest.raises(ObjectDenied):
            authorise_record_read(principal, "330106")
        with pytest.raises(ObjectDenied):
            authorise_step(principal, "330106")
    authorise_step(None, "330106")  # a consumed event or a timer


def test_four_eyes_need_another_head_of_a_covering_office() -> None:
    authorise_approval(person(Role.OFFICE_HEAD, office="330000", subject="head"), "330106", "officer")
    for approver in (
        person(Role.OFFICE_HEAD, Role.CREDIT_OFFICER, subject="officer"),  # the proposer
        person(Role.OFFICE_HEAD, office="320000", subject="head"),  # another province
        person(Role.CREDIT_OFFICER, subject="other"),  # no head
    ):
        with pytest.raises(ObjectDenied):
            authorise_approval(approver, "330106", "officer")
    with pytest.raises(ObjectDenied):
        authorise_approval(None, "330106", "officer")  # an approval is always a person's


def test_only_the_serious_list_needs_approval_and_records_belong_to_the_entering_office() -> None:
    assert needs_approval(ListType.SAMR_SERIOUS, Decision.LISTING)
    assert needs_approval(ListType.SAMR_SERIOUS, Decision.REPAIR)
    assert not needs_approval(ListType.CNIPA_DISHONEST, Decision.LISTING)
    assert not needs_approval(ListType.PENALTY_PUBLICATION, Decision.REPAIR)
    assert office_of_entry(person(Role.STAFF, office="330106"), "330100") == "330106"
    assert office_of_entry(person(Role.STAFF, office=None), "330100") == "330100"
    assert office_of_entry(None, "330100") == "330100"
