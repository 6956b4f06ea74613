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


def agreement(
    *,
    confidential: bool = False,
    court_assignment_id: str | None = None,
    goods: tuple[med.GoodsCovered, ...] = (),
) -> med.AgreementSignedV1:
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
        goods_covered=goods,
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


def customs_at(code: str, *divisions: str) -> Partner:
    return Partner(code=code, kind=PartnerKind.CUSTOMS, name=code, jurisdiction=divisions)


SHOES = med.GoodsCovered(
    description="运动鞋（带某某图案）",
    quantity="1200 双",
    hs_code="6404110000",
    customs_ref="2026-0001",
    port_code="2900",
)


def test_a_settlement_naming_detained_goods_goes_to_the_detaining_port_with_masked_parties() -> None:
    (projection,) = project(agreement(goods=(SHOES,)), source())[PartnerKind.CUSTOMS]
    data = projection.data.model_dump(mode="json")
    assert projection.data.event_type == "partner.customs.settlement_covering_goods"
    assert data["goods_covered"] == [
        {
            "description": "运动鞋（带某某图案）",
            "quantity": "1200 双",
            "hs_code": "6404110000",
            "customs_ref": "2026-0001",
        }
    ]
    assert data["settling_parties"] == [
        {"kind": "individual", "name": "张三", "credit_code": None, "id_number_masked": "3301**********123X"},
        {
            "kind": "organisation",
            "name": "乙公司",
            "credit_code": "91110000600001760P",
            "id_number_masked": None,
        },
    ]
    assert data["effective_on"] == "2026-12-06" and data["case_no"] == "M-1"
    text = str(data)
    assert "13800000000" not in text and "西湖区" not in text and "1 万元" not in text and "2900" not in text
    assert projection.reaches(customs_at("2900", "310000"))
    assert not projection.reaches(customs_at("2200", "310000"))


def test_goods_named_without_a_port_or_at_several_ports_go_to_every_customs_office() -> None:
    loose = med.GoodsCovered(description="模具", quantity="3 套")
    elsewhere = SHOES.model_copy(update={"port_code": "5300", "customs_ref": "2026-0002"})
    for goods in ((loose,), (SHOES, elsewhere), (SHOES, loose)):
        (projection,) = project(agreement(goods=goods), source())[PartnerKind.CUSTOMS]
        assert len(projection.data.model_dump()["goods_covered"]) == len(goods)
        assert projection.reaches(customs_at("4400", "440000"))
        assert projection.data.model_dump()["confidentiality"] == "restricted"


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
