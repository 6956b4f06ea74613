"""The canonical form of an audit entry and its hash, chained to the entry before it.

An entry's hash covers its sequence number, every field, and the previous entry's hash, so
editing, deleting, inserting or reordering any entry breaks every hash after it. The canonical
form is JSON with sorted keys and UTC timestamps, so it is the same in the writer and in
``audit verify``, whatever the database returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

ALGORITHMS = ("sha256", "sm3")
GENESIS = "0" * 64
ENTRY_FIELDS = (
    "occurred_at", "actor", "actor_kind", "roles", "office_code", "partner_code", "action",
    "object_type", "object_id", "outcome", "request_id", "correlation_id", "client_address", "details",
)  # fmt: skip
"""What an entry says; its hash covers these and its ``seq``."""


def canonical(fields: Mapping[str, Any]) -> bytes:
    return json.dumps(
        {key: _plain(value) for key, value in fields.items()},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def entry_hash(algorithm: str, prev_hash: str, fields: Mapping[str, Any]) -> str:
    """``algorithm`` (sha256 or sm3) over the previous hash and the entry's canonical form."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown audit hash algorithm {algorithm!r}; use one of {ALGORITHMS}")
    digest = hashlib.new(algorithm)
    digest.update(prev_hash.encode())
    digest.update(b"\n")
    digest.update(canonical(fields))
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
