"""Intake's complaint API against a real PostgreSQL."""

from __future__ import annotations

from typing import Any

from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.web.auth import Role


def complaint_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "ip_type": "invention_patent",
        "right_number": random_patent_number(),
        "complainant": {
            "kind": "organisation",
            "name": random_name("专利权人"),
            "credit_code": random_uscc(),
        },
        "respondents": [
            {"kind": "organisation", "name": random_name("被请求人"), "credit_code": random_uscc()}
        ],
        "facts": "被请求人在其网店销售的产品落入涉案专利权利要求1的保护范围。",
    }
    return {**body, **overrides}


async def test_registered_complaint_can_be_read_back(start_service: Any) -> None:
    intake = await start_service("intake")
    client = intake.client(Role.STAFF)

    created = await client.post("/v1/complaints", json=complaint_body())
    assert created.status_code == 201, created.text
    fetched = await client.get(created.headers["location"])

    assert fetched.status_code == 200
    assert fetched.json() == created.json()
    assert created.json()["reference"].startswith("TS20")
