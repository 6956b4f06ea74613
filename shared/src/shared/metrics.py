"""Prometheus metrics of the messaging platform, served at ``/metrics`` by every service."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

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
CONSUMER_BATCH_SIZE = Histogram(
    "ipcase_consumer_batch_size",
    "Records applied together in one database transaction (one fetch of one partition, bounded)",
    ["consumer"],
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500),
)
CONSUMER_BATCH_FALLBACKS = Counter(
    "ipcase_consumer_batch_fallbacks",
    "Batches that failed as a whole and were applied again one record per transaction",
    ["consumer"],
)
TIMERS_FIRED = Counter("ipcase_timers_fired", "Durable timers fired", ["service", "kind"])

# HTTP RED metrics (rate, errors, duration) per route template, method and status class, recorded by
# prometheus-fastapi-instrumentator (see shared.web.observability). Labels stay low-cardinality: the
# route template (``/complaints/{complaint_id}``), never the raw path; ``2xx``..``5xx``, never the code.
HTTP_REQUESTS = Counter(
    "ipcase_http_requests",
    "HTTP requests by route template, method and status class",
    ["service", "route", "method", "status"],
)
HTTP_REQUEST_DURATION = Histogram(
    "ipcase_http_request_duration_seconds",
    "HTTP request latency by route template and method",
    ["service", "route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

# Gauges of stored state, refreshed from the database and broker on every scrape (shared.opsview).
OUTBOX_BACKLOG = Gauge("ipcase_outbox_backlog", "Outbox events waiting to be published", ["service"])
OUTBOX_OLDEST_AGE = Gauge(
    "ipcase_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox event (0 if none)", ["service"]
)
DEAD_LETTERS = Gauge(
    "ipcase_dead_letters", "Dead letters not yet retried, skipped or purged, per dead-letter topic", ["topic"]
)
TIMERS_DUE = Gauge("ipcase_timers_due", "Scheduled timers whose time has come", ["service", "kind"])
TIMERS_OVERDUE = Gauge(
    "ipcase_timers_overdue",
    "Scheduled timers due for longer than the overdue grace (the scheduler is behind or failing)",
    ["service", "kind"],
)
DEADLINES_OVERDUE = Gauge(
    "ipcase_deadlines_overdue", "Open office-duty deadlines already past, per office", ["service", "office"]
)
AUDIT_CHAIN_HEAD = Gauge("ipcase_audit_chain_head", "Sequence number of the audit chain head", ["service"])
AUDIT_UNSEALED = Gauge(
    "ipcase_audit_unsealed_entries", "Audit entries written but not yet sealed onto the chain", ["service"]
)
AUDIT_UNSEALED_AGE = Gauge(
    "ipcase_audit_unsealed_oldest_age_seconds",
    "Age of the oldest unsealed audit entry (0 if none): a growing age means no sealer runs",
    ["service"],
)
CONSUMER_LAG_TOTAL = Gauge(
    "ipcase_consumer_lag_total", "Records behind the high watermark, all partitions", ["consumer"]
)
DLQ_ACTIONS = Counter(
    "ipcase_dead_letter_actions", "Dead-letter console actions: retried, skipped, purged", ["topic", "action"]
)
RELAY_LED = Gauge(
    "ipcase_outbox_relay_led",
    "1 while some process (any replica) holds the service's outbox relay lock; 0 means nobody relays",
    ["service"],
)


def zero_absent(gauge: Gauge, present: set[str], *, within: tuple[str, ...] = ()) -> None:
    """Set to 0 every child of ``gauge`` whose labels start with ``within`` and whose next label is
    not in ``present``: a kind, office or partner no longer counted drops to 0 rather than keep its
    last figure."""
    depth = len(within)
    for labels in list(gauge._metrics):  # prometheus_client keeps children by label tuple
        if labels[:depth] == within and labels[depth] not in present:
            gauge.labels(*labels).set(0)
