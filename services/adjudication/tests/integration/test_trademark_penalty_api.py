"""Trademark penalty cases over HTTP (商标法 arts. 57, 60; issue 18): the bounds endpoint per law, the
whole procedure with a hearing, and a second infringement within five years punished more heavily and
published as a heavier penalty (``adjudication.penalty_decided``) for credit's SAMR route (§C.2)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from adjudication.adapters.orm import messaging
from shared.testing.refs import random_uscc

from .test_penalty_api import days_ago


async def test_fine_bounds_per_law_at_the_inclusive_threshold(flow: Any) -> None:
    get = flow.staff.get
    tm = (
        await get("/v1/penalty-cases/fine-bounds", params={"law": "trademark", "illegal_turnover": "50000"})
    ).json()
    cr = (
        await get("/v1/penalty-cases/fine-bounds", params={"law": "copyright", "illegal_turnover": "50000"})
    ).json()
    rep = (await get("/v1/penalty-cases/fine-bounds", params={"law": "trademark", "repeat": "true"})).json()
    assert (tm["minimum_fine"], tm["maximum_fine"], tm["measure"]) == ("0", "250000", "illegal_turnover")
    assert "5 times the turnover" in tm["rule"]  # 五万元以上: RMB 50,000 itself opens the multiple
    assert (cr["minimum_fine"], cr["maximum_fine"]) == ("50000", "250000")  # 一倍以上五倍以下
    assert rep["aggravated"] and rep["heavier_from"] == "200000.00"
    bad = await get("/v1/penalty-cases/fine-bounds", params={"law": "design"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")


async def _file(flow: Any, credit_code: str) -> dict[str, Any]:
    filed = await flow.staff.post(
        "/v1/penalty-cases",
        json={
            "law": "trademark",
            "subject": {"kind": "organisation", "name": "某某鞋业有限公司", "credit_code": credit_code},
            "acts": ["selling_infringing_goods"],
            "right_number": "第12345678号",
            "products": ["运动鞋"],
            "marks": ["NIKEE"],
            "source": "complaint",
            "discovered_on": days_ago(1),
            "facts": "销售侵犯注册商标专用权的运动鞋",
        },
    )
    assert filed.status_code == 201, filed.text
    return dict(filed.json())


def _decision(fine: str) -> dict[str, Any]:
    return {
        "fine": fine,
        "illegal_turnover": None,
        "correction_order": "责令立即停止侵权行为",
        "reasons": "销售侵犯注册商标专用权的商品",
        "goods_confiscated": ["运动鞋 1,200 双"],
        "goods_value": "36000",
    }


async def _decide(flow: Any, case_id: str, fine: str, *, hearing: bool) -> dict[str, Any]:
    staff = flow.staff
    notice = {"fine": fine, "correction_order": "责令立即停止侵权行为", "served_on": days_ago(0)}
    notified = await staff.post(f"/v1/penalty-cases/{case_id}/notice", json=notice)
    assert notified.status_code == 200, notified.text
    if hearing:
        requested = await staff.post(
            f"/v1/penalty-cases/{case_id}/hearing-request", json={"requested_on": days_ago(0)}
        )
        assert requested.json()["state"] == "HEARING_REQUESTED", requested.text
        heard = await staff.post(f"/v1/penalty-cases/{case_id}/hearing", json={"summary": "当事人陈述申辩"})
        assert heard.json()["state"] == "HEARD", heard.text
    else:
        await staff.post(f"/v1/penalty-cases/{case_id}/hearing-waiver")
    proposed = await staff.post(f"/v1/penalty-cases/{case_id}/decision", json=_decision(fine))
    assert proposed.status_code == 200, proposed.text
    decided = await flow.head.post(f"/v1/penalty-cases/{case_id}/decision/approval")
    assert decided.status_code == 200, decided.text
    return dict(decided.json()["decision"])


async def test_a_second_trademark_infringement_is_decided_heavier_and_published_for_credit(flow: Any) -> None:
    subject = random_uscc()
    first = await _file(flow, subject)
    earlier = await _decide(flow, first["id"], "100000", hearing=False)
    assert "知商罚字" in earlier["decision_no"] and earlier["severity"] == "standard"

    second = await _file(flow, subject)
    over = await flow.staff.post(
        f"/v1/penalty-cases/{second['id']}/notice",
        json={"fine": "250000.01", "correction_order": "责令停止", "served_on": days_ago(0)},
    )
    assert over.status_code == 422 and over.json()["errors"][0]["code"] == "above_ceiling"
    decision = await _decide(flow, second["id"], "220000", hearing=True)
    assert decision["aggravated"] and decision["repeat_of"] == [earlier["decision_no"]]
    assert decision["severity"] == "heavier" and decision["goods_confiscated"] == ["运动鞋 1,200 双"]
    for step, body in (
        ("decision-service", {"served_on": days_ago(0)}),
        ("publication", {"published_on": days_ago(0), "reference": "国家企业信用信息公示系统"}),
    ):
        assert (
            await flow.staff.post(f"/v1/penalty-cases/{second['id']}/{step}", json=body)
        ).status_code == 200
    assert (await flow.staff.post(f"/v1/penalty-cases/{second['id']}/closure")).json()["state"] == "CLOSED"

    outbox = messaging.outbox
    async with flow.service.container.platform.sessions() as session:
        rows = (
            await session.execute(
                select(outbox.c.event_type, outbox.c.payload).where(
                    outbox.c.partition_key == second["id"],
                    outbox.c.event_type.in_(
                        ["adjudication.penalty_decided", "adjudication.counterfeit_penalty_decided"]
                    ),
                )
            )
        ).all()
    (row,) = rows  # a trademark decision is not a counterfeit-patent one
    payload = row.payload
    assert (row.event_type, payload["law"], payload["severity"]) == (
        "adjudication.penalty_decided",
        "trademark",
        "heavier",
    )
    assert payload["subject"]["credit_code"] == subject and payload["repeat_of"] == [earlier["decision_no"]]
    assert payload["fine"]["amount"] == "220000.00"
    assert payload["ip_refs"] == [{"type": "trademark", "reg_no": "第12345678号"}]


async def test_a_copyright_case_is_referred_to_the_police_with_its_evidence_index(flow: Any) -> None:
    staff = flow.staff
    body = {
        "law": "copyright",
        "subject": {"kind": "organisation", "name": "某某音像制品店", "credit_code": random_uscc()},
        "acts": ["reproducing_distributing"],
        "right_number": "国作登字-2024-A-00000001",
        "source": "ex_officio",
        "discovered_on": days_ago(1),
        "facts": "复制发行盗版光盘",
    }
    refused = await staff.post("/v1/penalty-cases", json=body)
    assert refused.status_code == 422  # 著作权法 art. 53: only where the public interest is harmed
    filed = await staff.post("/v1/penalty-cases", json=body | {"public_interest_harmed": True})
    assert filed.status_code == 201, filed.text
    case_id = filed.json()["id"]
    seized = await staff.post(
        f"/v1/penalty-cases/{case_id}/measures",
        json={
            "measure": "sealing_seizing",
            "taken_on": days_ago(0),
            "place": "店铺仓库",
            "officers": ["执法人员甲", "执法人员乙"],
            "summary": "现场查获盗版光盘",
            "inventory": [{"description": "盗版光盘", "quantity": "3,000 张"}],
            "proof": "著作权人出具的鉴定意见",
        },
    )
    assert seized.status_code == 200, seized.text
    (measure,) = seized.json()["measures"]
    assert (
        measure["basis"] == {"instrument": "著作权法", "article": "55 ¶1", "confidence": "V"}
        or measure["basis"]["article"] == "55 ¶1"
    )
    assert any(d["key"].startswith("seizure:") for d in seized.json()["open_deadlines"]), seized.text

    ending = {
        "transfer_to_police": True,
        "reasons": ["非法经营数额六万元，涉嫌侵犯著作权罪"],
        "illegal_turnover": "60000",
    }
    ended = await staff.post(f"/v1/penalty-cases/{case_id}/ending", json=ending)  # the handler ends it
    assert ended.status_code == 200, ended.text
    assert ended.json()["state"] == "TRANSFERRED"
    assert ended.json()["transfer"]["thresholds_met"] == ["copyright.illegal_turnover >= 50000"]

    outbox = messaging.outbox
    async with flow.service.container.platform.sessions() as session:
        (payload,) = (
            await session.execute(
                select(outbox.c.payload).where(
                    outbox.c.partition_key == case_id,
                    outbox.c.event_type == "adjudication.case.transferred_to_police",
                )
            )
        ).scalars()
    assert payload["law"] == "copyright" and payload["clue"] == "非法经营数额六万元，涉嫌侵犯著作权罪"
    assert payload["evidence_index"] == [
        {"item_id": "M1-1", "description": "盗版光盘（3,000 张）", "sha256": None, "sealed": True}
    ]
