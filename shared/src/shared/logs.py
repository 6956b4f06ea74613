"""Structured logging and the correlation id that follows a request from HTTP to events and back.

The correlation id lives in a context variable: the HTTP middleware sets it from ``X-Correlation-ID``
(or makes one), the outbox copies it into every event it writes (``ce_correlationid``), and the
consumer runner sets it again from the event it handles, so one id threads a whole business flow.
The causation id is the id of the message that directly caused the current work.
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import structlog

from shared.settings import LogFormat

_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
_causation_id: ContextVar[str | None] = ContextVar("causation_id", default=None)

MAX_ID_LENGTH = 128


def new_correlation_id() -> str:
    return uuid.uuid4().hex


def current_correlation_id() -> str | None:
    return _correlation_id.get()


def current_causation_id() -> str | None:
    return _causation_id.get()


def is_acceptable_id(value: str) -> bool:
    """Accept caller-supplied ids only if short and printable, so they are safe in logs and headers."""
    return 0 < len(value) <= MAX_ID_LENGTH and value.isascii() and value.isprintable() and " " not in value


@contextmanager
def correlation_scope(correlation_id: str | None, causation_id: str | None = None) -> Iterator[str]:
    """Bind the ids for the duration of one request or one consumed message."""
    effective = correlation_id or new_correlation_id()
    tokens = (_correlation_id.set(effective), _causation_id.set(causation_id))
    with structlog.contextvars.bound_contextvars(correlation_id=effective):
        try:
            yield effective
        finally:
            _correlation_id.reset(tokens[0])
            _causation_id.reset(tokens[1])


def configure_logging(*, service: str, level: str = "INFO", fmt: LogFormat = LogFormat.JSON) -> None:
    """Route structlog and stdlib logging through one renderer, tagged with the service name."""
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if fmt is LogFormat.JSON else structlog.dev.ConsoleRenderer()
    )
    shared_processors: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
    ]
    structlog.configure(
        processors=[*shared_processors, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
            foreign_pre_chain=shared_processors,
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    structlog.contextvars.bind_contextvars(service=service)
    # aiokafka logs every reconnect attempt at ERROR while the broker is away, several per second;
    # the relay, consumers and worker report outages themselves, once per retry with backoff.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
