"""The complaint and its workflow records track their deadlines; the queue rows become their projection.

Each record's body gains ``deadlines``: one tracked deadline (``shared.domain.deadlines``) per row
of the work queue it already has, so a step taken after the upgrade meets or cancels a deadline
armed before it. Kept as they were: key (the row's step), period, status (``open`` → ``running``),
provisional, the explanation (or, for a period with no figure, the note saying so), and the day
met. Derived: the kind (from the step), the due day (the day the row's due moment ends, in
Asia/Shanghai) and the start (the day the row was created). Not recorded before, so left empty:
the legal basis (confidence ``U``). The queue rows themselves do not change. The downgrade removes
``deadlines`` from the bodies.

Revision ID: intake_0005
Revises: intake_0004
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "intake_0005"
down_revision: str | None = "intake_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
RECORDS = ("complaints", "centre_cases", "trade_fair_cases", "ecommerce_notices")

LOCAL_DAY = "to_char(({moment} AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD')"
# A day period ends at 24:00, stored as 00:00 of the next day: its due day is the day before.
DUE_DAY = """CASE WHEN d.due_at IS NULL THEN NULL
     WHEN (d.due_at AT TIME ZONE 'Asia/Shanghai')::time = '00:00'
     THEN to_char(((d.due_at AT TIME ZONE 'Asia/Shanghai') - interval '1 day')::date, 'YYYY-MM-DD')
     ELSE to_char((d.due_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') END"""
TRACKED = f"""
SELECT d.subject_id, jsonb_object_agg(d.step, jsonb_build_object(
    'key', d.step,
    'period', d.period,
    'kind', CASE d.step WHEN 'statement' THEN 'party_period'
                        WHEN 'notify_seller' THEN 'party_period'
                        WHEN 'termination' THEN 'time_limit'
                        ELSE 'office_duty' END,
    'start', {LOCAL_DAY.format(moment="d.created_at")},
    'due', {DUE_DAY},
    'status', CASE d.status WHEN 'open' THEN 'running' ELSE d.status END,
    'basis', '',
    'confidence', 'U',
    'explanation', coalesce(d.explanation, d.note, ''),
    'provisional', d.provisional,
    'party_id', NULL,
    'met_on', CASE WHEN d.status = 'met' AND d.closed_at IS NOT NULL
                   THEN {LOCAL_DAY.format(moment="d.closed_at")} END
)) AS deadlines
  FROM {SCHEMA}.deadlines d
 GROUP BY d.subject_id
"""


def upgrade() -> None:
    for table in RECORDS:
        op.execute(
            f"UPDATE {SCHEMA}.{table} AS r SET body = r.body || jsonb_build_object('deadlines', t.deadlines) "
            f"FROM ({TRACKED}) AS t WHERE t.subject_id = r.id AND r.body IS NOT NULL"
        )


def downgrade() -> None:
    for table in RECORDS:
        op.execute(f"UPDATE {SCHEMA}.{table} SET body = body - 'deadlines' WHERE body ? 'deadlines'")
