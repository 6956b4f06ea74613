"""Staff read every instant in the office's zone (+08:00) and every legal date as a plain date (issue 17)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from shared.contracts.base import registered_contracts
from shared.local_time import LocalDateTime, LocalDetails, last_day, local_iso, set_office_zone
from tests.presentation.response_models import collect_models, naive_instants, response_models

UTC_DEADLINE = dt.datetime(2026, 12, 11, 16, 0, tzinfo=dt.UTC)


def test_every_instant_of_every_response_model_of_every_service_is_shown_in_local_time() -> None:
    models = response_models()
    assert set(models) == {"intake", "adjudication", "mediation", "credit", "partners"}
    assert all(len(found) >= 5 for found in models.values()), "model discovery found almost nothing"
    naive = sorted(field for found in models.values() for model in found for field in naive_instants(model))
    assert naive == [], f"instants serialised in UTC (annotate them LocalDateTime): {naive}"


def test_the_walk_finds_a_bare_datetime() -> None:
    class Bare(BaseModel):
        at: dt.datetime
        many: list[dt.datetime]
        shown: LocalDateTime

    assert list(naive_instants(Bare)) == ["Bare.at", "Bare.many"]


def test_a_day_deadline_is_its_local_date_and_its_instant_carries_the_offset() -> None:
    class Deadline(BaseModel):
        due_at: LocalDateTime

    assert Deadline(due_at=UTC_DEADLINE).model_dump_json() == '{"due_at":"2026-12-12T00:00:00+08:00"}'
    assert last_day(UTC_DEADLINE) == dt.date(2026, 12, 11)
    hour_period_end = dt.datetime(2026, 12, 11, 6, 30, tzinfo=dt.UTC)
    assert last_day(hour_period_end) == dt.date(2026, 12, 11)


def test_the_office_zone_is_a_setting() -> None:
    try:
        set_office_zone(ZoneInfo("Asia/Urumqi"))
        assert local_iso(UTC_DEADLINE) == "2026-12-11T22:00:00+06:00"
    finally:
        set_office_zone(ZoneInfo("Asia/Shanghai"))
    assert local_iso(UTC_DEADLINE) == "2026-12-12T00:00:00+08:00"


def test_event_payloads_show_their_instants_in_local_time_too() -> None:
    """Partners and courts read the payloads: same rule, same schema (the instant is unchanged, so the
    published ``date-time`` contracts stay compatible); the CloudEvents ``time`` stays RFC 3339 UTC."""
    contracts = registered_contracts()
    assert len(contracts) >= 10
    found: set[type[BaseModel]] = set()
    for contract in contracts:
        collect_models(contract, found)
    naive = sorted(field for model in found for field in naive_instants(model))
    assert naive == [], f"payload instants serialised in UTC: {naive}"


def test_recorded_details_show_their_utc_instants_in_local_time_and_leave_the_rest() -> None:
    class Entry(BaseModel):
        details: LocalDetails

    recorded = {
        "agreed_at": "2026-12-11T01:30:00+00:00",
        "served_on": "2026-12-11",
        "nested": [{"at": "2026-12-11T16:00:00Z"}],
        "note": "收到 2026-12-11T01:30:00+00:00 的材料",
    }
    shown = Entry(details=recorded).model_dump(mode="json")["details"]

    assert shown == {
        "agreed_at": "2026-12-11T09:30:00+08:00",
        "served_on": "2026-12-11",
        "nested": [{"at": "2026-12-12T00:00:00+08:00"}],
        "note": "收到 2026-12-11T01:30:00+00:00 的材料",
    }
    assert Entry.model_json_schema(mode="serialization")["properties"]["details"]["type"] == "object"
