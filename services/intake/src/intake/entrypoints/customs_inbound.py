"""Inbound customs messages as intake commands: the one entry point the partner gateway will call.

Issue 14's ``partners`` gateway verifies each signed customs message and forwards it as an
internal event; its consumer here turns ``(message type, payload, port, time)`` into the same
command the REST routes build, validated by the same request schemas, and hands it to the bus:

    command = inbound_command("detained", payload, port_code="5100", at=received_at)
    await bus.handle(command)

The port comes from the message's verified signature, never from its payload. Types:
``detention_notified``, ``detained``, ``rejected``, ``investigation_started``,
``infringement_determined``, ``unable_to_determine``, ``court_notice``, ``released`` (with its art. 24
ground), ``confiscated``, ``disposed``, ``referred_police``, ``record_approved``, ``record_renewed``,
``record_lapsed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from pydantic import TypeAdapter

from intake.domain.customs.detention import CUSTOMS
from intake.entrypoints.schemas.customs import (
    DetentionIn,
    LapseIn,
    RecordationIn,
    RenewalIn,
    StepBase,
    StepIn,
    step_command,
)
from intake.views.shapes import SHORT_TEXT_MAX
from shared.domain.actors import Actor
from shared.errors import FieldError, ValidationFailed

STEPS: Final = frozenset(
    {
        "detained",
        "rejected",
        "investigation_started",
        "infringement_determined",
        "unable_to_determine",
        "court_notice",
        "released",
        "confiscated",
        "disposed",
        "referred_police",
    }
)
MESSAGE_TYPES: Final = STEPS | {"detention_notified", "record_approved", "record_renewed", "record_lapsed"}
_STEP: TypeAdapter[Any] = TypeAdapter(StepIn)


class UnknownCustomsMessage(ValidationFailed):
    code = "unknown_customs_message"
    title = "Unknown customs message type"
    title_zh = "未知的海关消息类型"


def inbound_command(
    message_type: str, payload: Mapping[str, Any], *, port_code: str, at: dt.datetime
) -> object:
    """The command for one verified customs message (raises ``ValidationFailed`` for a bad payload)."""
    if message_type not in MESSAGE_TYPES:
        raise UnknownCustomsMessage(f"Unknown customs message type {message_type!r}", "未知的海关消息类型")
    actor = Actor(CUSTOMS, port_code)
    try:
        return _command(message_type, dict(payload), port_code, actor, at)
    except ValueError as invalid:  # pydantic's ValidationError is a ValueError
        raise ValidationFailed(
            f"Invalid {message_type} payload: {invalid}",
            f"海关消息 {message_type} 内容无效",
            field_errors=[FieldError("payload", "invalid", str(invalid)[:500], "内容无效")],
        ) from None


def _command(kind: str, payload: dict[str, Any], port: str, actor: Actor, at: dt.datetime) -> object:
    if kind == "detention_notified":
        return DetentionIn.model_validate(payload).to_command(port, actor, at, None)
    if kind == "record_approved":
        return RecordationIn.model_validate(payload).to_command(actor, at)
    if kind in STEPS:
        base = StepBase(
            port_code=port, customs_ref=_reference(payload, "customs_ref"), at=at, actor=actor, principal=None
        )
        return step_command(_STEP.validate_python({**payload, "step": kind}), base)
    record_no = _reference(payload, "record_no")
    if kind == "record_renewed":
        return RenewalIn.model_validate(payload).to_command(record_no, actor, at)
    if kind == "record_lapsed":
        return LapseIn.model_validate(payload).to_command(record_no, actor, at)
    raise UnknownCustomsMessage(f"Unknown customs message type {kind!r}", f"未知的海关消息类型 {kind!r}")


def _reference(payload: dict[str, Any], key: str) -> str:
    """The message's ``customs_ref`` or ``record_no``, taken out of the payload: text of 1 to
    :data:`SHORT_TEXT_MAX` characters, as the REST routes bound them (never cut: a cut one would
    name another case or recordation)."""
    value = payload.pop(key, None)
    if not isinstance(value, str) or not value.strip() or len(value) > SHORT_TEXT_MAX:
        raise ValueError(f"{key} must be text of 1 to {SHORT_TEXT_MAX} characters")
    return value
