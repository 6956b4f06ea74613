"""The root of every ipcase exception, and the kinds the HTTP layer maps to status codes.

Each service roots its own tree at one class that subclasses :class:`IpcaseError`, and each concrete
error also inherits one *kind*, which is all the HTTP layer needs to know::

    IpcaseError                      code, English and Chinese message, optional field errors
    ├── NotFound                     404  the addressed resource does not exist
    ├── Conflict                     409  the request clashes with the current state
    │   └── InvalidTransition        409  a state machine refused a move (lists the allowed ones)
    ├── ValidationFailed             422  input is well-formed but breaks a rule (per-field detail)
    │   └── IdempotencyKeyReused     422  same Idempotency-Key, different request body
    ├── Unauthenticated              401  no or bad credentials
    ├── PermissionDenied             403  authenticated, but the principal lacks a role
    ├── UnsupportedMediaType         415  the body is not in a format the endpoint takes
    └── ServiceUnavailable           503  a dependency (the database) is down; retry later

A service error reads like ``class ComplaintNotFound(IntakeError, NotFound)``. Domain code may
import this module: it is pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shared.catalogue import term, terms_zh


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one input field, in both languages.

    ``field`` is a dotted path (``complainant.credit_code``); ``code`` is a stable machine token.
    """

    field: str
    code: str
    message: str
    message_zh: str


class IpcaseError(Exception):
    """Base of all ipcase errors. Carries a stable ``code`` and an English and Chinese message."""

    code: str = "error"
    title: str = "Request failed"
    title_zh: str = "请求失败"

    def __init__(
        self,
        message: str | None = None,
        message_zh: str | None = None,
        *,
        field_errors: Iterable[FieldError] = (),
    ) -> None:
        self.message = message or self.title
        self.message_zh = message_zh or self.title_zh
        self.field_errors: tuple[FieldError, ...] = tuple(field_errors)
        super().__init__(self.message)


class NotFound(IpcaseError):
    code = "not_found"
    title = "Resource not found"
    title_zh = "资源不存在"


class Conflict(IpcaseError):
    code = "conflict"
    title = "Request conflicts with the current state"
    title_zh = "请求与当前状态冲突"


class InvalidTransition(Conflict):
    """A state machine refused a move; ``allowed`` lists what is possible from the current state."""

    code = "invalid_transition"
    title = "This step is not allowed in the current state"
    title_zh = "当前状态下不允许此操作"

    def __init__(self, current: str, requested: str, allowed: Iterable[str]) -> None:
        self.current = current
        self.requested = requested
        self.allowed: tuple[str, ...] = tuple(sorted(allowed))
        options_en = ", ".join(self.allowed) or "none"
        options_zh = terms_zh(self.allowed) or "无"
        super().__init__(
            f"Cannot move from {current} to {requested}; allowed now: {options_en}",
            f"不能从“{term(current).zh}”转为“{term(requested).zh}”；当前允许：{options_zh}",
        )


class ValidationFailed(IpcaseError):
    code = "validation_failed"
    title = "Input breaks a rule"
    title_zh = "输入不符合规则"


class IdempotencyKeyReused(ValidationFailed):
    code = "idempotency_key_reused"
    title = "Idempotency-Key was already used with a different request"
    title_zh = "幂等键已用于不同的请求"


class Unauthenticated(IpcaseError):
    code = "unauthenticated"
    title = "Authentication required"
    title_zh = "需要身份认证"


class PermissionDenied(IpcaseError):
    code = "permission_denied"
    title = "Not allowed for your roles"
    title_zh = "当前角色无权执行此操作"


class ServiceUnavailable(IpcaseError):
    """A dependency is down; nothing was saved and the same request may be sent again later."""

    code = "service_unavailable"
    title = "Service temporarily unavailable"
    title_zh = "服务暂时不可用"


class UnsupportedMediaType(IpcaseError):
    code = "unsupported_media_type"
    title = "This endpoint takes JSON"
    title_zh = "此接口仅接受 JSON"
