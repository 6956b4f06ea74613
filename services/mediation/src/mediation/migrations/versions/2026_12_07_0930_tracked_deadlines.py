"""A case's deadlines become tracked deadlines (``shared.domain.deadlines.TrackedDeadline``).

``mediation_cases.deadlines`` held each deadline's due day (``{"mediation_period": "2026-04-01"}``);
it now holds what the case tracks of it. What the due day alone does not say is taken from the
deadline's timer, which every deadline has had: the period and its start from the timer's rule, the
explanation and whether it is provisional. Its status follows the timer's (scheduled: running,
cancelled: cancelled, fired: lapsed, failed: running). Whose deadline it is follows from its name,
as ``domain.deadlines.WATCHES`` says. Legal basis and confidence were never kept for them: they
stay empty. The downgrade keeps the due days.

Revision ID: mediation_0006
Revises: mediation_0005
Create Date: 2026-12-07 09:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "mediation_0006"
down_revision: str | None = "mediation_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"

# As domain.deadlines.WATCHES has it when this migration was written.
KIND_BY_NAME = """
    CASE
        WHEN d.key IN ('docketing', 'court_assignment_confirm') THEN 'office_duty'
        WHEN d.key LIKE 'assignment.%' THEN 'office_duty'
        WHEN d.key IN ('mediation_period', 'court_acceptance', 'court_review') THEN 'time_limit'
        ELSE 'party_period'
    END
"""
STATUS_BY_TIMER = """
    CASE t.status WHEN 'cancelled' THEN 'cancelled' WHEN 'fired' THEN 'lapsed' ELSE 'running' END
"""


def upgrade() -> None:
    op.execute(
        f"""
        UPDATE "{SCHEMA}".mediation_cases AS c SET deadlines = coalesce((
            SELECT jsonb_object_agg(d.key, jsonb_build_object(
                'key', d.key,
                'period', coalesce(t.rule->>'period', ''),
                'kind', {KIND_BY_NAME},
                'start', coalesce(t.rule->>'start', d.value),
                'due', d.value,
                'status', {STATUS_BY_TIMER},
                'basis', '',
                'confidence', '',
                'explanation', coalesce(t.explanation, ''),
                'provisional', coalesce(t.provisional, false),
                'party_id', NULL,
                'met_on', NULL
            ))
            FROM jsonb_each_text(c.deadlines) AS d(key, value)
            LEFT JOIN "{SCHEMA}".timers AS t ON t.aggregate_id = c.id::text AND t.name = d.key
        ), '{{}}'::jsonb)
        """
    )


def downgrade() -> None:
    op.execute(
        f"""
        UPDATE "{SCHEMA}".mediation_cases AS c SET deadlines = coalesce((
            SELECT jsonb_object_agg(d.key, d.value->'due') FROM jsonb_each(c.deadlines) AS d(key, value)
        ), '{{}}'::jsonb)
        """
    )
