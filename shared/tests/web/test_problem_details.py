"""Every error leaves the API as RFC 9457 problem+json with English and Chinese text."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field

from shared.errors import FieldError, InvalidTransition, NotFound, ValidationFailed
from shared.web.correlation import CorrelationIdMiddleware
from shared.web.problems import PROBLEM_JSON, install_problem_handlers
from shared.web.types import CreditCode


class Body(BaseModel):
    name: str = Field(min_length=1)
    credit_code: CreditCode
    count: int = Field(ge=1)


def make_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(CorrelationIdMiddleware)
    install_problem_handlers(app)

    @app.post("/things")
    async def create(body: Body) -> dict[str, str]:
        return {"name": body.name}

    @app.get("/missing")
    async def missing() -> None:
        raise NotFound("No such thing", "没有这个东西")

    @app.post("/move")
    async def move() -> None:
        raise InvalidTransition("DECIDED", "SUBMITTED", ["LITIGATION_WINDOW"])

    @app.post("/rule")
    async def rule() -> None:
        raise ValidationFailed(
            "Deadline passed", "期限已过", field_errors=[FieldError("filed_on", "late", "Too late", "已逾期")]
        )

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internal detail")

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=make_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_invalid_input_lists_every_field_in_both_languages(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/things",
        json={"name": "", "credit_code": "91350100M000100Y44"},
        headers={"X-Correlation-ID": "req-1"},
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["code"] == "validation_error" and problem["status"] == 422
    assert problem["title_zh"] and problem["detail_zh"]
    assert problem["correlation_id"] == "req-1" == response.headers["x-correlation-id"]
    by_field = {e["field"]: e for e in problem["errors"]}
    assert set(by_field) == {"name", "credit_code", "count"}
    assert by_field["credit_code"]["code"] == "uscc_invalid"
    assert by_field["credit_code"]["message_zh"] == "统一社会信用代码无效（GB 32100）"
    assert by_field["name"]["message_zh"] == "长度不能少于 1 个字符"
    assert by_field["count"]["pointer"] == "#/count"


async def test_malformed_json_is_a_problem_too(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/things", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["message_zh"] == "请求体不是有效的 JSON"
    assert error["field"] == "body", "a byte offset is not a field"


async def test_domain_errors_map_to_their_status_with_both_languages(client: httpx.AsyncClient) -> None:
    missing = (await client.get("/missing")).json()
    moved = await client.post("/move")
    rule = (await client.post("/rule")).json()

    assert (missing["status"], missing["detail_en"], missing["detail_zh"]) == (
        404,
        "No such thing",
        "没有这个东西",
    )
    assert missing["detail"] == "没有这个东西", "no Accept-Language: Chinese"
    assert moved.status_code == 409 and moved.json()["allowed"] == ["LITIGATION_WINDOW"]
    assert rule["status"] == 422 and rule["errors"][0]["message_zh"] == "已逾期"


async def test_accept_language_picks_the_language_of_title_and_detail_and_both_stay(
    client: httpx.AsyncClient,
) -> None:
    english = await client.get("/missing", headers={"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"})
    chinese = await client.get("/missing", headers={"Accept-Language": "en;q=0.3, zh-CN;q=0.8"})
    unknown = await client.get("/missing", headers={"Accept-Language": "fr"})

    assert (english.json()["detail"], english.headers["content-language"]) == ("No such thing", "en")
    assert (chinese.json()["detail"], chinese.headers["content-language"]) == ("没有这个东西", "zh-CN")
    assert unknown.json()["detail"] == "没有这个东西"
    for response in (english, chinese, unknown):
        both = (response.json()["detail_en"], response.json()["detail_zh"])
        assert both == ("No such thing", "没有这个东西")


async def test_unknown_routes_and_methods_are_problems(client: httpx.AsyncClient) -> None:
    assert (await client.get("/nowhere")).json()["code"] == "not_found"
    assert (await client.delete("/missing")).json()["code"] == "method_not_allowed"


async def test_an_unexpected_error_hides_its_detail_but_gives_a_correlation_id(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/boom")

    assert response.status_code == 500
    problem = response.json()
    assert "secret" not in response.text
    assert problem["code"] == "internal_error" and problem["correlation_id"]
