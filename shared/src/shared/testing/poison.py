"""Poison records: every way an inbound Kafka record can be unreadable, built from a valid event.

Used to prove that no record can stop a partition: each must be dead-lettered while the valid
records behind it on the same partition are applied.
"""

from __future__ import annotations

import json

from shared.contracts import CloudEvent

Record = tuple[bytes, bytes | None, list[tuple[str, bytes]]]


def poison_records(event: CloudEvent, *, oversize: int, key: bytes = b"k") -> dict[str, Record]:
    """One record per kind of poison, keyed ``key``; ``oversize`` is a size the consumer refuses."""
    headers = event.kafka_headers()
    value = event.kafka_value()

    def with_header(name: str, raw: bytes) -> list[tuple[str, bytes]]:
        return [(k, v) for k, v in headers if k != name] + [(name, raw)]

    return {
        "not JSON": (key, b"\xff\xfe not json", headers),
        "nested 100,000 deep": (key, b"[" * 100_000, headers),
        "nested object 100,000 deep": (key, b'{"a":' * 100_000, headers),
        "a JSON array, not an object": (key, b"[1, 2, 3]", headers),
        "no value at all": (key, None, headers),
        "schema version of 5,000 digits": (
            key,
            value,
            with_header("ce_dataschema", b"urn:ipcase:schema:x:v" + b"9" * 5000),
        ),
        "oversized value": (key, json.dumps({"x": "y" * oversize}).encode(), headers),
        "oversized header": (key, value, [*headers, ("x-padding", b"p" * oversize)]),
        "data of the wrong types": (
            key,
            json.dumps({field: {"wrong": ["type"]} for field in (*event.data, "id")}).encode(),
            headers,
        ),
        "number too large for an int": (key, b'{"sequence": ' + b"9" * 5000 + b"}", headers),
        "header that is not UTF-8": (key, value, with_header("ce_id", b"\xff\xfe\xfd")),
        "time that is not a time": (key, value, with_header("ce_time", b"yesterday")),
        "event id of 10,000 characters": (key, value, with_header("ce_id", b"i" * 10_000)),
        "no CloudEvents attributes": (key, value, [("content-type", b"application/json")]),
        "an unsupported version": (
            key,
            value,
            with_header("ce_dataschema", f"urn:ipcase:schema:{event.type}:v7".encode()),
        ),
    }
