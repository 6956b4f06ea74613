"""The object rules over the API: each office sees and moves only the complaints of the offices it
covers (lists filtered in the query), the opinion is its examiner's, a platform only its notices."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from intake.testing import complaint_body
from shared.identity.principals import PrincipalKind, Role
from shared.testing.refs import random_name
from shared.testing.services import RunningService

XIHU, HANGZHOU, ZHEJIANG, CHENGDU = "330106", "330100", "330000", "510100"


def staff(intake: RunningService, office: str, role: Role = Role.STAFF) -> httpx.AsyncClient:
    return intake.client(role, subject=f"{role.value}-{office}", office=office)


async def register(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    created = await client.post("/v1/complaints", json=complaint_body(**overrides))
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


async def listed(client: httpx.AsyncClient, q: str) -> set[str]:
    page = await client.get("/v1/complaints", params={"q": q, "limit": 200})
    assert page.status_code == 200, page.text
    return {item["id"] for item in page.json()["items"]}


def refused(response: httpx.Response) -> bool:
    return response.status_code == 403 and response.json()["code"] == "object_denied"


async def test_a_staff_token_lists_only_the_complaints_of_the_offices_its_office_covers(
    intake: RunningService,
) -> None:
    respondent = {"kind": "organisation", "name": random_name("同名被请求人")}
    in_xihu = await register(staff(intake, XIHU), respondents=[respondent])
    in_chengdu = await register(staff(intake, CHENGDU), respondents=[respondent])
    both = {in_xihu["id"], in_chengdu["id"]}

    assert (in_xihu["office_code"], in_chengdu["office_code"]) == (XIHU, CHENGDU)
    assert await listed(staff(intake, XIHU), respondent["name"]) == {in_xihu["id"]}
    assert await listed(staff(intake, HANGZHOU), respondent["name"]) == {in_xihu["id"]}  # city ⊃ district
    assert await listed(staff(intake, ZHEJIANG), respondent["name"]) == {in_xihu["id"]}  # province ⊃ city
    assert await listed(staff(intake, CHENGDU), respondent["name"]) == {in_chengdu["id"]}
    assert await listed(staff(intake, "000000"), respondent["name"]) == both  # the national office
    # The probe: q=% is a literal percent sign, not "everything", and scoped as any list.
    assert not await listed(staff(intake, XIHU), "%") & both
    everything = await staff(intake, XIHU).get("/v1/complaints", params={"limit": 200})
    assert {i["office_code"][:4] for i in everything.json()["items"]} <= {"3301"}
    assert in_xihu["id"] in {i["id"] for i in everything.json()["items"]}


async def test_another_office_can_neither_read_nor_move_a_complaint(intake: RunningService) -> None:
    complaint = await register(staff(intake, CHENGDU))
    path = f"/v1/complaints/{complaint['id']}"
    other, head = staff(intake, XIHU), staff(intake, XIHU, Role.OFFICE_HEAD)

    for response in [
        await other.get(path),
        await head.get(path),
        await other.get(f"{path}/timeline"),
        await other.get(f"{path}/workflows"),
        await other.get(f"{path}/evidence"),
        await other.post(f"{path}/not-accepted", json={"reason": "不属于本机关"}),
        await other.post(f"{path}/withdrawal", json={"reason": "撤回"}),
        await other.post(f"{path}/triage", json={"track": "mediation", "reason": "改调解"}),
        await other.post(
            f"{path}/evidence", files={"file": ("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
        ),
        await other.post(
            f"{path}/ecommerce-notices",
            json={
                "platform": "taobao",
                "listing_ids": ["1"],
                "seller": "店",
                "notice_at": "2026-05-01T09:00:00+08:00",
            },
        ),
    ]:
        assert refused(response), response.text
    assert (await staff(intake, "510000").get(path)).status_code == 200  # Sichuan covers Chengdu


async def test_the_queue_shows_only_the_offices_own_deadlines(intake: RunningService) -> None:
    held = await register(staff(intake, CHENGDU), respondents=[{"kind": "individual", "name": "张三"}])
    assert held["status"] == "CORRECTION_REQUESTED"

    def ids(response: httpx.Response) -> set[str]:
        return {i["complaint_id"] for i in response.json()["items"]}

    assert held["id"] in ids(await staff(intake, CHENGDU).get("/v1/queue"))
    assert held["id"] not in ids(await staff(intake, XIHU).get("/v1/queue"))


async def notice_on(intake: RunningService, platform: str) -> tuple[dict[str, Any], httpx.AsyncClient]:
    client = staff(intake, XIHU)
    complaint = await register(client)
    opened = await client.post(
        f"/v1/complaints/{complaint['id']}/ecommerce-notices",
        json={
            "platform": platform,
            "listing_ids": ["6618"],
            "seller": "某网店",
            "notice_at": "2026-05-01T09:00:00+08:00",
        },
    )
    assert opened.status_code == 201, opened.text
    return opened.json(), client


def platform_client(intake: RunningService, code: str) -> httpx.AsyncClient:
    return intake.client(Role.PLATFORM, subject=f"{code}-api", kind=PrincipalKind.PLATFORM, partner=code)


async def test_a_platform_reads_and_records_only_the_notices_addressed_to_it(intake: RunningService) -> None:
    notice, _ = await notice_on(intake, "taobao")
    path = f"/v1/ecommerce-notices/{notice['id']}"
    taobao, jd = platform_client(intake, "taobao"), platform_client(intake, "jd")

    assert (await taobao.get(path)).status_code == 200
    measures = await taobao.post(
        f"{path}/steps", json={"step": "take_measures", "at": "2026-05-02T10:00:00+08:00"}
    )
    assert measures.status_code == 200, measures.text
    assert measures.json()["status"] == "MEASURES_TAKEN"
    assert refused(await jd.get(path))
    assert refused(await jd.post(f"{path}/steps", json={"step": "forward_to_seller"}))
    # A platform sees no complaint, not even the one its notice belongs to.
    denied = await taobao.get(f"/v1/complaints/{notice['complaint_id']}")
    assert (denied.status_code, denied.json()["code"]) == (403, "action_denied")
    # And staff of another office neither read nor move the notice.
    assert refused(await staff(intake, CHENGDU).get(path))
    assert refused(await staff(intake, CHENGDU).post(f"{path}/steps", json={"step": "forward_to_seller"}))


@pytest.mark.parametrize("role", [Role.ADMIN, Role.AUDITOR, Role.CUSTOMS, Role.COURT])
async def test_admin_and_outsiders_take_no_step_on_a_complaint(intake: RunningService, role: Role) -> None:
    complaint = await register(staff(intake, XIHU))
    kind = {Role.CUSTOMS: PrincipalKind.CUSTOMS, Role.COURT: PrincipalKind.COURT}.get(
        role, PrincipalKind.PERSON
    )
    client = intake.client(
        role, subject=f"{role.value}-1", kind=kind, partner=None if kind is PrincipalKind.PERSON else "X1"
    )
    for response in [
        await client.post("/v1/complaints", json=complaint_body()),
        await client.get(f"/v1/complaints/{complaint['id']}"),
        await client.post(f"/v1/complaints/{complaint['id']}/not-accepted", json={"reason": "x"}),
    ]:
        assert (response.status_code, response.json()["code"]) == (403, "action_denied"), response.text


async def test_the_examiners_of_a_centre_are_kept_by_its_office(intake: RunningService) -> None:
    examiner = {"name": "钱审查", "centre": CHENGDU, "interests": []}
    assert refused(await staff(intake, XIHU).put("/v1/examiners/ex-cd-1", json=examiner))
    assert (await staff(intake, CHENGDU).put("/v1/examiners/ex-cd-1", json=examiner)).status_code == 200
    taken_over = await staff(intake, XIHU).put("/v1/examiners/ex-cd-1", json={**examiner, "centre": XIHU})
    assert refused(taken_over)
    admin = intake.client(Role.ADMIN, subject="ops", office="510000")  # operates the province's registry
    assert (
        await admin.put("/v1/examiners/ex-cd-1", json={**examiner, "name": "钱审查员"})
    ).status_code == 200
