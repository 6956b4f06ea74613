"""A referral to another agency stays possible (an IC layout complaint is still referred out, issue 18)
and comes back with the agency's acknowledgement (回执), which closes the complaint on its record."""

from __future__ import annotations

import datetime as dt

from intake.testing import complaint_body
from shared.testing.services import RunningService
from shared.web.auth import Role


async def test_a_referral_is_acknowledged_and_only_a_referral_can_be(intake: RunningService) -> None:
    staff = intake.client(Role.STAFF)
    layout = (
        await staff.post(
            "/v1/complaints", json=complaint_body(ip_type="ic_layout_design", right_number="BS.20500001.X")
        )
    ).json()
    assert (layout["status"], layout["triage"]["track"]) == ("REFERRED", "refer_enforcement")
    body = {
        "agency": "北京市海淀区市场监督管理局",
        "document_no": "海市监回〔2026〕12号",
        "received_on": str(dt.date.today()),
    }

    patent = (await staff.post("/v1/complaints", json=complaint_body())).json()
    not_referred = await staff.post(f"/v1/complaints/{patent['id']}/referral-acknowledgement", json=body)
    assert not_referred.status_code == 409 and not_referred.json()["detail_zh"]

    auditor = intake.client(Role.AUDITOR)
    assert (
        await auditor.post(f"/v1/complaints/{layout['id']}/referral-acknowledgement", json=body)
    ).status_code == 403
    acknowledged = await staff.post(f"/v1/complaints/{layout['id']}/referral-acknowledgement", json=body)
    assert acknowledged.status_code == 200, acknowledged.text
    assert acknowledged.json()["status"] == "CLOSED"
    timeline = (await staff.get(f"/v1/complaints/{layout['id']}/timeline")).json()
    (closing,) = [e for e in timeline["items"] if e["data"].get("document_no")]
    assert closing["data"]["acknowledged_by"] == "北京市海淀区市场监督管理局"
    assert "海市监回〔2026〕12号" in closing["summary_zh"]
