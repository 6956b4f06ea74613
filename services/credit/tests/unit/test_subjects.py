"""Subjects: keyed by USCC or masked personal id, renamed not duplicated, ids never stored whole."""

from __future__ import annotations

import datetime as dt

import pytest

from credit.domain.disclosure import mask_person_name, public_name
from credit.domain.subject import Subject, SubjectClaim, mask_id_number
from shared.testing.refs import random_uscc
from shared.vocabulary import PartyKind

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("330106198001010013", "3301**********0013"),
        ("33010619900101123x", "3301**********123X"),
        ("3301**********123X", "3301**********123X"),
        (" 3301 ********** 123X ", "3301**********123X"),
        ("330106900101123", "3301*******1123"),
        ("3301*******1123", "3301*******1123"),  # a masked first-generation number is kept
        ("330106901301123", None),  # 15 digits, month 13: not a date of birth
        ("3301061990010112", None),  # 16 characters: no id number
        ("33010619900101123Y", None),
        ("330106199001011234", None),  # wrong GB 11643 check character (X)
        ("33010619900101****", None),  # not masked in the accepted form: the middle is shown
    ],
)
def test_id_numbers_are_kept_only_in_masked_form(raw: str, masked: str | None) -> None:
    assert mask_id_number(raw) == masked


def test_a_claim_drops_an_invalid_code_and_masks_a_plain_id() -> None:
    code = random_uscc()
    org = SubjectClaim(PartyKind.ORGANISATION, " 某某公司 ", credit_code=code.lower()).cleaned()
    wrong_check = code[:-1] + ("1" if code[-1] == "0" else "0")
    broken = SubjectClaim(PartyKind.ORGANISATION, "某某公司", credit_code=wrong_check).cleaned()
    person = SubjectClaim(PartyKind.INDIVIDUAL, "张三", id_number_masked="33010619900101123X").cleaned()

    assert (org.credit_code, org.name, org.is_identified) == (code, "某某公司", True)
    assert (broken.credit_code, broken.is_identified) == (None, False)
    assert (person.id_number_masked, person.is_identified) == ("3301**********123X", True)


def test_an_organisation_is_not_identified_by_a_personal_id() -> None:
    claim = SubjectClaim(PartyKind.ORGANISATION, "某某公司", id_number_masked="3301**********1234").cleaned()
    assert claim.id_number_masked is None and not claim.is_identified


def test_a_subject_needs_a_key() -> None:
    with pytest.raises(ValueError, match="credit code or a masked"):
        Subject.first_seen(SubjectClaim(PartyKind.ORGANISATION, "某某公司"), at=T0)


def test_a_new_name_for_the_same_code_is_a_rename_but_spacing_and_width_are_not() -> None:
    subject = Subject.first_seen(
        SubjectClaim(PartyKind.ORGANISATION, "杭州某某科技有限公司", random_uscc()), at=T0
    )
    subject.new_names.clear()

    subject.seen_again(
        SubjectClaim(PartyKind.ORGANISATION, "杭州 某某科技有限公司"), at=T0 + dt.timedelta(days=1)
    )
    subject.seen_again(
        SubjectClaim(PartyKind.ORGANISATION, "浙江某某科技有限公司"), at=T0 + dt.timedelta(days=2)
    )

    assert subject.name == "浙江某某科技有限公司"
    assert [n.name for n in subject.name_history] == ["杭州某某科技有限公司", "浙江某某科技有限公司"]
    assert [n.name for n in subject.new_names] == ["浙江某某科技有限公司"]
    assert subject.last_seen_at == T0 + dt.timedelta(days=2)


def test_the_public_sees_organisations_by_name_and_individuals_masked() -> None:
    assert public_name("杭州某某科技有限公司", PartyKind.ORGANISATION) == "杭州某某科技有限公司"
    assert public_name("张三丰", PartyKind.INDIVIDUAL) == "张**"
    assert mask_person_name("李") == "李*"
