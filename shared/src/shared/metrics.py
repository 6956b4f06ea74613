"""Prometheus metrics of the messaging platform, served at ``/metrics`` by every service."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

OUTBOX_PUBLISHED = Counter("ipcase_outbox_published", "Events relayed to the broker", ["service"])
OUTBOX_PUBLISH_FAILURES = Counter(
    "ipcase_outbox_publish_failures", "Relay attempts the broker did not acknowledge", ["service"]
)
OUTBOX_REPLAYED = Counter("ipcase_outbox_replayed", "Events marked for publication again", ["service"])
RELAY_LEADER = Gauge("ipcase_outbox_relay_leader", "1 while this process leads its outbox relay", ["service"])
CONSUMER_LAG = Gauge(
    "ipcase_consumer_lag", "Records behind the high watermark", ["consumer", "topic", "partition"]
)
CONSUMER_MESSAGES = Counter(
    "ipcase_consumer_messages",
    "Consumed records by outcome: applied, duplicate, ignored or dead_lettered",
    ["consumer", "outcome"],
)
CONSUMER_RETRIES = Counter(
    "ipcase_consumer_retries", "Handler attempts that failed and were retried", ["consumer"]
)
TIMERS_FIRED = Counter("ipcase_timers_fired", "Durable timers fired", ["service", "kind"])
