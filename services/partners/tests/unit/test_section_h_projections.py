"""The §H rows added for issues 14/15: penalties under every law, police transfers, listings ending,
and right status changes — who gets them and what they carry."""

from __future__ import annotations

import datetime as dt
import uuid

from partners.domain.projection import Source, project
from partners.domain.registry import Partner, PartnerKind
from shared.contracts import adjudication as adj
from shared.contracts import credit, intake
from shared.contracts import partner as p
from shared.contracts.common import MoneyAmount, RightRef, SubjectRef
from shared.vocabulary import IpType

NOW = dt.datetime(2026, 12, 6, 12, tzinfo=dt.UTC)
SUBJECT = SubjectRef(name="乙公司", credit_code="91330106MA01ABCD2X")


def source(producer: str = "330106") -> Source:
    return Source(event_id=str(uuid.uuid4()), producer=producer, time=NOW)


def partner(kind: PartnerKind, code: str, *divisions: str) -> Partner:
    return Partner(code=code, kind=kind, name=code, jurisdiction=divisions)


def penalty(law: adj.PenaltyLaw) -> adj.PenaltyDecidedV1:
    return adj.PenaltyDecidedV1(
        case_id=uuid.uuid4(),
        case_no="杭市监罚〔2026〕7号",
        decision_no="杭市监罚决〔2026〕7号",
        law=law,
        severity=adj.PenaltySeverity.HEAVIER,
        subject=SUBJECT,
        right_number="12345678",
        fine=MoneyAmount(amount=200000),
        illegal_gains_confiscated=MoneyAmount(amount=30000),
        goods_confiscated=("运动鞋 300 双",),
        aggravated=True,
        repeat_of=("杭市监罚决〔2024〕3号",),
        products=("运动鞋",),
        marks=("某某牌",),
        decided_on=dt.date(2026, 12, 1),
    )


def test_a_trademark_penalty_reaches_courts_and_customs_of_the_jurisdiction() -> None:
    out = project(penalty(adj.PenaltyLaw.TRADEMARK), source())
    (to_court,) = out[PartnerKind.COURT]
    (to_customs,) = out[PartnerKind.CUSTOMS]
    assert isinstance(to_court.data, p.CourtPenaltyDecidedV1)
    assert isinstance(to_customs.data, p.CustomsPenaltyDecidedV1)
    assert to_court.data.law == to_customs.data.law == "trademark"
    assert to_customs.data.marks == ("某某牌",) and to_customs.data.products == ("运动鞋",)
    assert to_customs.data.fine == MoneyAmount(amount=200000)
    assert to_court.data.confiscated == MoneyAmount(amount=30000)
    assert to_court.reaches(partner(PartnerKind.COURT, "hz-ipc", "330100"))
    assert to_customs.reaches(partner(PartnerKind.CUSTOMS, "hz-customs", "330000"))
    assert not to_customs.reaches(partner(PartnerKind.CUSTOMS, "sz-customs", "440300"))
    # what the centre keeps to itself: severity, the aggravation reasoning, the goods inventory
    dumped = to_customs.data.model_dump(mode="json")
    assert not {"severity", "aggravated", "repeat_of", "goods_confiscated"} & set(dumped)


def test_a_counterfeit_patent_penalty_reaches_customs_once() -> None:
    """Customs keeps getting it as ``counterfeit_penalty`` (from the per-law-specific event)."""
    out = project(penalty(adj.PenaltyLaw.COUNTERFEIT_PATENT), source())
    assert PartnerKind.CUSTOMS not in out or out[PartnerKind.CUSTOMS] == []
    (to_court,) = out[PartnerKind.COURT]
    assert to_court.data.event_type == "partner.court.penalty_decided"


def test_a_police_transfer_carries_the_clue_and_the_evidence_index_only() -> None:
    data = adj.CaseTransferredToPoliceV1(
        case_id=uuid.uuid4(),
        case_no="杭市监罚〔2026〕8号",
        law=adj.PenaltyLaw.COPYRIGHT,
        subject=SUBJECT,
        clue="非法经营额 30 万元，涉嫌侵犯著作权罪",
        thresholds_met=("illegal_turnover",),
        evidence_index=(
            adj.EvidenceItem(item_id="m1-1", description="盗版光盘（500 张）", sha256="ab" * 32),
        ),
        transferred_on=dt.date(2026, 12, 2),
    )
    out = project(data, source())
    assert PartnerKind.CUSTOMS not in out
    (to_court,) = out[PartnerKind.COURT]
    assert isinstance(to_court.data, p.CourtTransferredToPoliceV1)
    assert to_court.data.clue.startswith("非法经营额")
    assert to_court.data.evidence_index[0].sha256 == "ab" * 32
    assert to_court.data.confidentiality is p.Confidentiality.RESTRICTED
    assert "thresholds_met" not in to_court.data.model_dump()
    assert to_court.reaches(partner(PartnerKind.COURT, "xh-court", "330106"))
    assert not to_court.reaches(partner(PartnerKind.COURT, "gs-court", "330105"))


def test_a_listing_ending_reaches_customs_by_every_route() -> None:
    common = {"record_id": uuid.uuid4(), "record_no": "CR-1", "subject": SUBJECT}
    endings: dict[str, credit.RepairedV1 | credit.ExpiredV1 | credit.RevokedV1] = {
        "repaired": credit.RepairedV1(
            **common, list_type=credit.ListType.CNIPA_DISHONEST, repaired_on=dt.date(2026, 11, 1)
        ),
        "expired": credit.ExpiredV1(
            **common, list_type=credit.ListType.SAMR_SERIOUS, period_end=dt.date(2026, 11, 2)
        ),
        "revoked": credit.RevokedV1(
            **common,
            list_type=credit.ListType.PENALTY_PUBLICATION,
            revoked_on=dt.date(2026, 11, 3),
            reason="决定被法院撤销",
            was_published=True,
        ),
    }
    for how, data in endings.items():
        (to_customs,) = project(data, source())[PartnerKind.CUSTOMS]
        assert isinstance(to_customs.data, p.CustomsCreditRemovedV1)
        assert to_customs.data.removed_by == how
        assert to_customs.data.list_type == data.list_type.value
    (revoked,) = project(endings["revoked"], source())[PartnerKind.CUSTOMS]
    assert revoked.data.model_dump()["period_end"] == dt.date(2026, 11, 3)
    assert "reason" not in revoked.data.model_dump()


def test_a_right_status_change_is_public_and_reaches_every_customs_office() -> None:
    data = intake.IpRightStatusChangedV1(
        right=RightRef(ip_type=IpType.INVENTION_PATENT, number="ZL202310000001.X", holder="甲公司"),
        previous_status="valid",
        new_status="invalidated",
        effective_date=dt.date(2026, 11, 30),
        reason="无效宣告请求审查决定第 1 号",
    )
    out = project(data, source("370200"))
    assert PartnerKind.COURT not in out
    (to_customs,) = out[PartnerKind.CUSTOMS]
    assert isinstance(to_customs.data, p.CustomsRightStatusChangedV1)
    assert to_customs.data.confidentiality is p.Confidentiality.PUBLIC
    assert to_customs.data.new_status == "invalidated"
    assert to_customs.data.right == p.PartnerRight(ip_type="invention_patent", number="ZL202310000001.X")
    for office in (("440300",), ("330000",), ("000000",)):
        assert to_customs.reaches(partner(PartnerKind.CUSTOMS, f"c{office[0]}", *office))
    dumped = str(to_customs.data.model_dump(mode="json"))
    assert "甲公司" not in dumped and "无效宣告" not in dumped


def test_an_evaluation_report_reaches_every_customs_office_with_patent_no_and_conclusion() -> None:
    data = intake.IpRightEvaluationReportedV1(
        right=RightRef(
            ip_type=IpType.UTILITY_MODEL, number="ZL202320000001.5", holder="甲公司", title="夹具"
        ),
        report_no="PJ2026-0001",
        conclusion="partly_defective",
        issued_on=dt.date(2026, 11, 20),
        recorded_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC),
        subject_ids=("91440300MA5XXXXXX1",),
    )
    out = project(data, source("440300"))
    assert PartnerKind.COURT not in out
    (to_customs,) = out[PartnerKind.CUSTOMS]
    assert isinstance(to_customs.data, p.CustomsEvaluationReportIssuedV1)
    assert to_customs.data.confidentiality is p.Confidentiality.PUBLIC
    assert to_customs.data.patent == p.PartnerRight(ip_type="utility_model", number="ZL202320000001.5")
    assert (to_customs.data.report_no, to_customs.data.conclusion) == ("PJ2026-0001", "partly_defective")
    assert to_customs.data.issued_on == dt.date(2026, 11, 20)
    for office in ("310000", "000000"):
        assert to_customs.reaches(partner(PartnerKind.CUSTOMS, f"c{office}", office))
    dumped = str(to_customs.data.model_dump(mode="json"))
    assert "甲公司" not in dumped and "夹具" not in dumped


def test_a_confidential_status_change_stays_business_secret() -> None:
    data = intake.IpRightStatusChangedV1(
        right=RightRef(ip_type=IpType.INVENTION_PATENT, number="ZL1"),
        previous_status=None,
        new_status="transferred",
        effective_date=dt.date(2026, 11, 30),
        confidential=True,
    )
    (to_customs,) = project(data, source())[PartnerKind.CUSTOMS]
    assert to_customs.data.confidentiality is p.Confidentiality.BUSINESS_SECRET
