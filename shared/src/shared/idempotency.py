"""Idempotency keys as commands carry them (pure: the store lives in ``shared.web.idempotency``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from shared.errors import FieldError, ValidationFailed

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


@dataclass(frozen=True, slots=True)
class IdempotencyKey:
    """A client's key for one operation, scoped to the caller and route, with the request's fingerprint."""

    scope: str
    key: str
    fingerprint: str

    @classmethod
    def build(cls, *, key: str, scope: str, request_body: Any) -> IdempotencyKey:
        if not 0 < len(key) <= MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
            raise ValidationFailed(
                "Idempotency-Key must be 1-200 printable ASCII characters",
                "幂等键须为 1 至 200 个可打印 ASCII 字符",
                field_errors=[
                    FieldError("header.Idempotency-Key", "invalid", "Invalid Idempotency-Key", "幂等键无效")
                ],
            )
        canonical = json.dumps(request_body, sort_keys=True, ensure_ascii=False, default=str)
        return cls(scope=scope, key=key, fingerprint=hashlib.sha256(canonical.encode()).hexdigest())
