"""The webhook backlog per partner, for the operator views (``/ops/status``, ``/metrics``).

Read from the deliveries table at every snapshot (``shared.opsview``), so every replica reports
the same figures. What an operator alerts on: ``failed`` above 0 (deliveries given up: they go out
again only when redelivered or replayed), and a growing ``oldest_due_seconds`` (the dispatcher is
behind, or not running).
"""

from __future__ import annotations

import functools

from prometheus_client import Gauge
from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from partners.adapters.orm import webhook_deliveries
from shared.metrics import zero_absent
from shared.opsview import Section

STATES = ("due", "retrying", "failed")
WEBHOOKS = Gauge(
    "ipcase_partner_webhooks",
    "Webhook deliveries per partner: due (waiting for a slot), retrying (a failed attempt, the next "
    "one scheduled), failed (given up: only a redelivery or replay sends them again)",
    ["partner", "state"],
)
OLDEST_DUE = Gauge(
    "ipcase_partner_webhooks_oldest_due_seconds",
    "How long the partner's oldest due webhook delivery has waited (0 if none)",
    ["partner"],
)


async def read_backlog(session: AsyncSession) -> dict[str, dict[str, float]]:
    """Per partner with anything pending or failed: its deliveries in each of :data:`STATES`, and
    ``oldest_due_seconds``."""
    rows = (await session.execute(_backlog_sql(webhook_deliveries.schema or "public"))).all()
    return {
        code: {"due": due, "retrying": retrying, "failed": failed, "oldest_due_seconds": round(oldest, 3)}
        for code, due, retrying, failed, oldest in rows
    }


def publish_backlog(backlog: dict[str, dict[str, float]]) -> None:
    """Set the gauges; a partner no longer in the backlog drops to 0 rather than keep its figures."""
    zero_absent(WEBHOOKS, set(backlog))
    zero_absent(OLDEST_DUE, set(backlog))
    for code, figures in backlog.items():
        for state in STATES:
            WEBHOOKS.labels(code, state).set(figures[state])
        OLDEST_DUE.labels(code).set(figures["oldest_due_seconds"])


SECTION = Section(name="webhooks", read=read_backlog, publish=publish_backlog)


@functools.cache
def _backlog_sql(schema: str) -> TextClause:
    # Only the pending and failed rows are read, through their partial indexes: the delivered
    # history, nearly all of the table, is never scanned.
    return text(
        f"""
        SELECT partner_code,
               count(*) FILTER (WHERE status = 'pending' AND next_attempt_at <= now()) AS due,
               count(*) FILTER (WHERE status = 'pending' AND attempts > 0) AS retrying,
               count(*) FILTER (WHERE status = 'failed') AS failed,
               coalesce(extract(epoch FROM now() - min(next_attempt_at)
                   FILTER (WHERE status = 'pending' AND next_attempt_at <= now())), 0)::float AS oldest
        FROM "{schema}".webhook_deliveries
        WHERE status = 'pending' OR status = 'failed'
        GROUP BY partner_code
        ORDER BY partner_code
        """
    )
