"""The CloudEvents envelope in the Kafka binary binding."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from shared.contracts import CloudEvent, MalformedEvent
from shared.contracts.adjudication import CaseOpenedV1
from shared.db import service_metadata
from shared.logs import correlation_scope
from shared.messaging.outbox import Outbox
from shared.messaging.tables import messaging_tables

DATA = CaseOpenedV1(
    case_id=uuid.uuid4(),
    case_no="AD2026-000001",
    complaint_id=uuid.uuid4(),
    state="SUBMITTED",
    opened_at=dt.datetime(2026, 11, 21, 4, 0, tzinfo=dt.UTC),
    subject_ids=("91350100M000100Y43",),
)


def test_attributes_travel_as_ce_headers_and_the_data_as_the_value() -> None:
    event = CloudEvent.from_data(DATA, source="/ipcase/330000/adjudication", subject=str(DATA.case_id))
    headers = dict(event.kafka_headers())

    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"adjudication.case.opened"
    assert headers["ce_source"] == b"/ipcase/330000/adjudication"
    assert headers["ce_subject"] == str(DATA.case_id).encode()
    assert headers["ce_dataschema"] == b"http://127.0.0.1:8101/schemas/adjudication.case.opened.v1.json"
    assert headers["content-type"] == b"application/json"
    assert headers["ce_time"].decode().endswith("+08:00")  # §H: ISO 8601 with +08:00
    assert CloudEvent.from_kafka(event.kafka_headers(), event.kafka_value()) == event


def test_decoding_validates_the_data_against_its_contract() -> None:
    event = CloudEvent.from_data(DATA, source="/x", subject="s")
    assert event.decode() == DATA

    broken = event.model_copy(update={"data": {**event.data, "case_id": "not-a-uuid"}})
    with pytest.raises(MalformedEvent):
        broken.decode()


@pytest.mark.parametrize(
    ("headers", "value"),
    [
        pytest.param([("ce_type", b"x")], b'{"a": 1}', id="missing-attributes"),
        pytest.param([], b"not json", id="not-json"),
        pytest.param([], b"[1, 2]", id="not-an-object"),
        pytest.param([("ce_id", b"\xff\xfe")], b"{}", id="header-not-utf8"),
    ],
)
def test_records_that_are_not_cloudevents_are_refused(headers: list[tuple[str, bytes]], value: bytes) -> None:
    with pytest.raises(MalformedEvent):
        CloudEvent.from_kafka(headers, value)


def test_the_outbox_stamps_correlation_and_causation_from_the_context() -> None:
    outbox = Outbox(messaging_tables(service_metadata("x")).outbox, "/ipcase/000000/x")
    with correlation_scope("corr-1", causation_id="event-9"):
        event = outbox.add(DATA, key=DATA.case_id)

    assert (event.correlationid, event.causationid) == ("corr-1", "event-9")
    assert event.subject == str(DATA.case_id)
    assert outbox.pending == 1
