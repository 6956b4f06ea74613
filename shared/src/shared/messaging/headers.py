"""Kafka headers the platform adds beside the CloudEvents attributes."""

from __future__ import annotations

TARGET_GROUP_HEADER = "ipcase_target_group"
"""Names the one consumer group that should apply the record (dead-letter retry, per-group replay)."""

RETRY_OF_HEADER = "ipcase_retry_of"
"""On a dead-letter retry: the ``topic:partition:offset`` of the dead letter it retries."""

TRACEPARENT_HEADER = "traceparent"
"""W3C trace context, carried from the HTTP request through the outbox row to the consumer."""
