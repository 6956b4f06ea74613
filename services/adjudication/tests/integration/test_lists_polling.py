"""Issue 17 (and 14): partners poll the case list with ``updated_since``, the previous answer's ``as_of``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shared.testing.refs import random_patent_number


async def test_the_case_list_returns_what_changed_since_the_previous_poll(flow: Any) -> None:
    patent = random_patent_number()
    earlier = await flow.open(received_days_ago=5, patent_number=patent)
    first_poll = (await flow.staff.get("/v1/cases", params={"q": patent})).json()
    assert [item["id"] for item in first_poll["items"]] == [str(earlier)]
    assert dt.datetime.fromisoformat(first_poll["as_of"]).utcoffset() == dt.timedelta(hours=8)

    later = await flow.open(received_days_ago=1, patent_number=patent)
    since = {"q": patent, "updated_since": first_poll["as_of"]}
    second_poll = (await flow.staff.get("/v1/cases", params=since)).json()

    assert [item["id"] for item in second_poll["items"]] == [str(later)]
    assert second_poll["total"] == 1
    naive = await flow.staff.get("/v1/cases", params={"updated_since": "2026-12-11T09:00:00"})
    assert naive.status_code == 422
