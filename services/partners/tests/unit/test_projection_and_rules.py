"""Projection rules in memory: addressing, minimisation, confidentiality, identity, retry schedule."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from partners.domain.delivery import RetryPolicy
from partners.domain.errors import InvalidPartner
from partners.domain.inbound import Refused, check_identity, contract_for_kind
from partners.domain.projection import Source, producer_of, project
from partners.domain.registry import Channel, Partner, PartnerKind
from shared.contracts import court
from shared.contracts import mediation as med
from shared.contracts.common import MoneyAmount, PartyDetails
from shared.contracts.partner import Confidentiality, RejectionReason
from shared.vocabulary import PartyKind

NOW = dt.datetime(2026, 12, 6, 12, tzinfo=dt.UTC)


def court_at(code: str, *divisions: str) -> Partner:
    return Partner(code=code, kind=PartnerKind.COURT, name=code, jurisdiction=divisions)


def agreement(*, confidential: bool = False, court_assignment_id: str | None = None) -> med.AgreementSignedV1:
    person = PartyDetails(
        kind=PartyKind.INDIVIDUAL,
        name="张三",
        id_number_masked="3301**********123X",
        phone="13800000000",
        email="z@example.cn",
        address="杭州市西湖区某路 1 号",
    )
    company = PartyDetails(kind=PartyKind.ORGANISATION, name="乙公司", credit_code="91110000600001760P")
    return med.AgreementSignedV1(
        case_id=uuid.uuid4(),
        case_no="M-1",
        agreement_id=uuid.uuid4(),
        agreement_no="杭调协〔2026〕1号",
        kind=med.MediationKind.PEOPLE,
        origin=med.Origin.COMPLAINT,
        origin_id="c-1",
        court_assignment_id=court_assignment_id,
        organisation="杭州市知识产权纠纷人民调解委员会",
        mediator="李四",
        parties=(person, company),
        facts="双方就专利侵权达成和解",
        terms=("乙公司支付 1 万元",),
        amount=MoneyAmount(amount=10000),
        performance_manner="银行转账",
        effective_at=NOW,
        confirmation_deadline=dt.date(2027, 1, 5),
        confirmation_eligible=True,
        confidential=confidential,
    )


def source(producer: str = "330106") -> Source:
    return Source(event_id=str(uuid.uuid4()), producer=producer, time=NOW)


def test_jurisdiction_rolls_up_from_district_to_city_province_and_nation() -> None:
    (projection,) = project(agreement(), source("330106"))[PartnerKind.COURT]
    assert projection.reaches(court_at("district", "330106"))
    assert projection.reaches(court_at("city", "330100"))
    assert projection.reaches(court_at("province", "330000"))
    assert projection.reaches(court_at("spc", "000000"))
    assert not projection.reaches(court_at("neighbour", "330102"))
    assert not projection.reaches(court_at("shenzhen", "440300"))
    inactive = Partner(code="x1", kind=PartnerKind.COURT, name="x", jurisdiction=("330000",), active=False)
    assert not projection.reaches(inactive)


def test_a_court_sees_parties_without_contact_data_or_the_facts() -> None:
    (projection,) = project(agreement(), source())[PartnerKind.COURT]
    dumped = projection.data.model_dump(mode="json")
    text = str(dumped)
    assert "13800000000" not in text and "z@example.cn" not in text and "某路" not in text
    assert "双方就" not in text and "李四" not in text
    assert dumped["parties"][0] == {
        "kind": "individual",
        "name": "张三",
        "credit_code": None,
        "id_number_masked": "3301**********123X",
    }
    assert PartnerKind.CUSTOMS not in project(agreement(), source())


def test_business_secrets_are_marked() -> None:
    (projection,) = project(agreement(confidential=True), source())[PartnerKind.COURT]
    assert projection.data.confidentiality is Confidentiality.BUSINESS_SECRET
    (plain,) = project(agreement(), source())[PartnerKind.COURT]
    assert plain.data.confidentiality is Confidentiality.RESTRICTED


def test_events_naming_a_court_reach_that_court_only() -> None:
    result = med.AssignedCaseResultReportedV1(
        assignment_id="A-1",
        court_code="C330106",
        case_id=uuid.uuid4(),
        case_no="M-2",
        result=med.MediationResult.FAILED,
        reported_at=NOW,
    )
    (projection,) = project(result, source())[PartnerKind.COURT]
    assert projection.reaches(court_at("C330106", "440300"))
    assert not projection.reaches(court_at("C330102", "330000"))


def test_the_producer_is_the_office_in_the_source() -> None:
    assert producer_of("/ipcase/330106/adjudication") == "330106"
    assert producer_of("/partners/C1") == "000000"


def test_a_partner_acts_only_as_itself() -> None:
    assigned = court.ConfirmationWithdrawnV1(application_id=uuid.uuid4(), court_code="C1", withdrawn_at=NOW)
    check_identity(assigned, "C1")
    with pytest.raises(Refused) as refused:
        check_identity(assigned, "C2")
    assert refused.value.reason is RejectionReason.IDENTITY_MISMATCH and refused.value.message_zh


def test_a_kind_sends_only_its_own_contracts() -> None:
    assert contract_for_kind(PartnerKind.COURT, "court.admin_suit.filed", 1) is court.AdminSuitFiledV1
    with pytest.raises(Refused):
        contract_for_kind(PartnerKind.CUSTOMS, "court.admin_suit.filed", 1)
    with pytest.raises(Refused):
        contract_for_kind(PartnerKind.COURT, "court.admin_suit.filed", 2)


def test_registry_entries_are_checked() -> None:
    with pytest.raises(InvalidPartner):
        Partner(code="c", kind=PartnerKind.COURT, name="x", jurisdiction=("330100",))
    with pytest.raises(InvalidPartner):
        Partner(code="C1", kind=PartnerKind.COURT, name="x", jurisdiction=())
    with pytest.raises(InvalidPartner):
        Partner(
            code="C1", kind=PartnerKind.COURT, name="x", jurisdiction=("330100",), channels=(Channel.WEBHOOK,)
        )


def test_webhook_retries_back_off_exponentially_up_to_a_ceiling_then_stop() -> None:
    policy = RetryPolicy(max_attempts=5, backoff=2.0, backoff_max=5.0)
    delays = [policy.next_at(n, NOW) for n in range(1, 6)]
    assert [(d - NOW).total_seconds() for d in delays if d] == [2.0, 4.0, 5.0, 5.0]
    assert delays[-1] is None
