"""Every service refuses bad input with a 4xx problem: control characters, wrong types, sizes, rates."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from shared.testing.refs import random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.web.auth import Role
from shared.web.problems import PROBLEM_JSON

StartService = Callable[..., Awaitable[RunningService]]


def complaint(**overrides: Any) -> dict[str, Any]:
    body = {
        "ip_type": "invention_patent",
        "right_number": random_patent_number(),
        "complainant": {"kind": "organisation", "name": "杭州某某科技有限公司", "credit_code": random_uscc()},
        "respondents": [{"kind": "organisation", "name": "某某贸易有限公司", "credit_code": random_uscc()}],
        "facts": "被请求人在其网店销售落入涉案专利权利要求1保护范围的产品。\n第二段。",
    }
    return {**body, **overrides}


@pytest.fixture
async def intake(start_service: StartService) -> RunningService:
    return await start_service("intake")


@pytest.mark.parametrize(
    ("raw_text", "field"),
    [
        ("\\u0000", "facts"),
        ("\\u001b[31m", "facts"),
        ("\\ud800", "facts"),
        ("\\u0085", "facts"),
        ("\\uffff", "facts"),
    ],
)
async def test_a_control_character_anywhere_in_a_body_is_a_422_naming_the_field(
    intake: RunningService, raw_text: str, field: str
) -> None:
    body = complaint(facts="PLACEHOLDER")
    import json

    raw = json.dumps(body, ensure_ascii=False).replace("PLACEHOLDER", f"x{raw_text}y").encode()
    response = await intake.client(Role.STAFF).post(
        "/v1/complaints", content=raw, headers={"content-type": "application/json"}
    )

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == (field, "control_character")
    assert error["message_zh"].startswith("含有控制字符")


async def test_nested_fields_are_named_by_their_path(intake: RunningService) -> None:
    body = complaint()
    body["respondents"][0]["name"] = "某\x00公司"
    response = await intake.client(Role.STAFF).post("/v1/complaints", json=body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["respondents.0.name"]


async def test_text_that_is_fine_passes(intake: RunningService) -> None:
    response = await intake.client(Role.STAFF).post(
        "/v1/complaints", json=complaint(facts="制表\t换行\n😀 emoji")
    )
    assert response.status_code == 201, response.text


async def test_a_control_character_in_a_query_is_a_422(intake: RunningService) -> None:
    response = await intake.client(Role.STAFF).get("/v1/complaints", params={"q": "a\x00b"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.q"


async def test_a_body_that_is_not_json_is_a_415_and_broken_json_names_the_body(
    intake: RunningService,
) -> None:
    staff = intake.client(Role.STAFF)
    wrong_type = await staff.post(
        "/v1/complaints", content=b"facts=x", headers={"content-type": "text/plain"}
    )
    broken = await staff.post(
        "/v1/complaints", content=b'{"facts": ', headers={"content-type": "application/json"}
    )

    assert wrong_type.status_code == 415 and wrong_type.json()["code"] == "unsupported_media_type"
    assert broken.status_code == 422
    assert broken.json()["errors"][0]["field"] == "body"


async def test_a_body_over_the_limit_is_refused_while_it_is_read(start_service: StartService) -> None:
    intake = await start_service("intake", http_max_body_bytes=64 * 1024)
    padded = complaint(facts="长" * 100_000)
    response = await intake.client(Role.STAFF).post("/v1/complaints", json=padded)
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["title_zh"] == "请求体过大"


async def test_a_principal_over_its_rate_gets_429_with_retry_after(start_service: StartService) -> None:
    intake = await start_service("intake", rate_limit="5/minute")
    staff, other = intake.client(Role.STAFF, subject="busy"), intake.client(Role.STAFF, subject="calm")
    statuses = [(await staff.get("/v1/complaints")).status_code for _ in range(6)]
    limited = await staff.get("/v1/complaints")

    assert statuses[:5] == [200] * 5 and statuses[5] == 429
    assert limited.headers["retry-after"].isdigit() and int(limited.headers["retry-after"]) >= 1
    assert limited.json()["code"] == "rate_limited"
    assert (await other.get("/v1/complaints")).status_code == 200, "another principal has its own bucket"
    assert (await staff.get("/healthz")).status_code == 200, "health checks are never limited"


async def test_every_response_tells_browsers_not_to_sniff(intake: RunningService) -> None:
    response = await intake.client(Role.STAFF).get("/v1/complaints")
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_a_body_that_is_not_utf8_is_a_422_not_a_400(intake: RunningService) -> None:
    response = await intake.client(Role.STAFF).post(
        "/v1/complaints", content=b'{"facts": "\xff\xfe"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"


async def test_a_method_a_path_does_not_serve_is_a_405_naming_every_method_it_does(
    intake: RunningService,
) -> None:
    response = await intake.client(Role.STAFF).request(
        "PATCH", "/v1/complaints/00000000-0000-0000-0000-000000000000/evidence"
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"


async def test_a_405_names_the_methods_of_the_most_specific_path_only(intake: RunningService) -> None:
    # fuzzing: /v1/rights/imports/{id} also matches /v1/rights/{ip_type}/{number}, whose PUT it advertised
    response = await intake.client(Role.STAFF).request(
        "OPTIONS", "/v1/rights/imports/00000000-0000-0000-0000-000000000000"
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"


async def test_a_broken_multipart_body_is_a_422_naming_the_body(intake: RunningService) -> None:
    # fuzzing: Starlette answered a malformed form with an undocumented 400
    boundary = "014ab1a29920b9cd8aa053fee13c3ab3"
    response = await intake.client(Role.STAFF).post(
        "/v1/rights/imports",
        content=f"--{boundary}\r\n[[{{'<': -3}}]]--{boundary}--\r\n".encode(),
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Idempotency-Key": "broken-form",
        },
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "body"
    assert response.json()["errors"][0]["code"] == "malformed_body"


@pytest.mark.parametrize(
    "raw",
    [
        "x\\u0000y",
        "x\\\\\\u001by",
        "x\\ud800y",
        "x\\u0085y",
        "x\\uFFFEy",
        "x\u0085y",
        "x\uffffy",
        "x\ufffey",
        "被请求人·某某 \\\\u0000 not an escape",
        "被请求人·某某，全角（）＃",
        "plain ascii \\n \\t \\\\",
        "\\ud83d\\ude00 a surrogate pair",
    ],
)
def test_the_quick_look_before_the_body_scan_agrees_with_the_scan(raw: str) -> None:
    """Skipping the regex when none of its literal parts occurs never lets a suspect body through."""
    from shared.web.input_policy import _SUSPECT, _suspect

    body = ('{"facts": "' + raw + '"}').encode("utf-8", "surrogatepass")
    assert _suspect(body) is (_SUSPECT.search(body) is not None)
