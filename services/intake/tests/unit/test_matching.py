"""Rights verification, name normalisation and duplicate detection: explainable matching."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from intake.domain.complaint import Complaint, Listing, Relation
from intake.domain.dedup import Candidate, find_link, keys_of
from intake.domain.parties import PartyRole, mask_id_number, match_name
from intake.domain.rights import (
    LicenceKind,
    Licensee,
    RegisteredRight,
    RightStatus,
    VerificationStatus,
    normalise_number,
    verify,
)
from intake.testing import complaint, party, same_complaint_again
from shared.vocabulary import IpType

TODAY = dt.date(2026, 9, 16)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("杭州 某某科技有限公司", "杭州某某科技有限责任公司"),
        ("杭州某某科技有限公司（滨江分公司）", "杭州某某科技有限公司(滨江分公司)"),
        ("ＡＢＣ Trading Co., Ltd.", "abc trading limited"),
        ("深圳市某某股份有限公司", "深圳市某某公司"),
    ],
)
def test_name_variants_match(a: str, b: str) -> None:
    assert match_name(a) == match_name(b)


def test_different_names_do_not_match() -> None:
    assert match_name("杭州某某科技有限公司") != match_name("杭州某某电子有限公司")


def test_personal_ids_are_kept_masked() -> None:
    assert mask_id_number("330106 19900101 123X") == "3301**********123X"


def test_right_numbers_are_compared_without_decoration() -> None:
    assert normalise_number("ZL 2023 1000 0001.x") == normalise_number("202310000001X")


def _right(**overrides: object) -> RegisteredRight:
    values: dict[str, object] = {
        "ip_type": IpType.INVENTION_PATENT,
        "number": "ZL202310000001.5",
        "holder_name": "杭州某某科技有限公司",
        "holder_credit_code": None,
    }
    return RegisteredRight(**{**values, **overrides})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("record", "complainant_name", "status"),
    [
        (None, "杭州某某科技有限公司", VerificationStatus.UNKNOWN),
        (_right(), "杭州某某科技有限责任公司", VerificationStatus.VERIFIED),
        (
            _right(licensees=(Licensee(name="宁波甲公司", kind=LicenceKind.EXCLUSIVE),)),
            "宁波甲公司",
            VerificationStatus.VERIFIED,
        ),
        (_right(), "宁波乙公司", VerificationStatus.HOLDER_MISMATCH),
        (_right(status=RightStatus.INVALIDATED), "杭州某某科技有限公司", VerificationStatus.LAPSED),
        (_right(valid_until=TODAY - dt.timedelta(days=1)), "杭州某某科技有限公司", VerificationStatus.LAPSED),
    ],
)
def test_verification_against_the_registry(
    record: RegisteredRight | None, complainant_name: str, status: VerificationStatus
) -> None:
    result = verify(record, party(PartyRole.COMPLAINANT, name=complainant_name, credit_code=None), TODAY)
    assert result.status is status
    assert result.reason and result.reason_zh


def test_a_credit_code_decides_over_the_name() -> None:
    holder = party(PartyRole.COMPLAINANT)
    record = _right(holder_name="完全不同的名称", holder_credit_code=holder.credit_code)
    assert verify(record, holder, TODAY).status is VerificationStatus.VERIFIED


def _candidate(c: Complaint, sequence: int = 1) -> Candidate:
    return Candidate(
        complaint_id=uuid.uuid4(), reference=f"TS2026-{sequence:08d}", sequence=sequence, keys=keys_of(c)
    )


def test_same_complainant_right_and_respondent_is_a_duplicate_naming_the_keys() -> None:
    first = complaint()
    link = find_link(keys_of(same_complaint_again(first)), [_candidate(first)])
    assert link is not None and link.relation is Relation.DUPLICATE
    assert any(m.startswith("complainant=uscc:") for m in link.matched)
    assert any(m.startswith("right=invention_patent:") for m in link.matched)
    assert any(m.startswith("respondent=") for m in link.matched)


def test_a_listing_id_identifies_the_respondent_across_channels() -> None:
    first = complaint(listings=(Listing(platform="Taobao", listing_id="6618"),))
    later = same_complaint_again(
        first,
        respondents=(party(name="某网店", credit_code=None),),
        listings=(Listing(platform="taobao", listing_id="6618"),),
    )
    link = find_link(keys_of(later), [_candidate(first)])
    assert link is not None and link.relation is Relation.DUPLICATE
    assert "respondent=listing:taobao:6618" in link.matched


def test_another_complainant_on_the_same_right_and_respondent_is_related() -> None:
    first = complaint()
    link = find_link(
        keys_of(same_complaint_again(first, complainant=party(PartyRole.COMPLAINANT))), [_candidate(first)]
    )
    assert link is not None and link.relation is Relation.RELATED


def test_nothing_in_common_but_the_right_is_no_link() -> None:
    first = complaint()
    other = same_complaint_again(first, complainant=party(PartyRole.COMPLAINANT), respondents=(party(),))
    assert find_link(keys_of(other), [_candidate(first)]) is None


def test_the_earliest_duplicate_wins_over_related_ones() -> None:
    first = complaint()
    related = same_complaint_again(first, complainant=party(PartyRole.COMPLAINANT))
    link = find_link(keys_of(same_complaint_again(first)), [_candidate(related, 1), _candidate(first, 5)])
    assert link is not None and (link.relation, link.reference) == (Relation.DUPLICATE, "TS2026-00000005")
