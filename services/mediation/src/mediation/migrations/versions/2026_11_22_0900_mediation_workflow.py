"""Mediation workflow: roster, case facts, assignments, agreements, confirmation applications, history.

The walking-skeleton case row kept the applicant and the other parties in two columns; they become
one ``parties`` list in which every party has an id and a role.

Revision ID: mediation_0003
Revises: mediation_0002
Create Date: 2026-11-22 09:00:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "mediation_0003"
down_revision: str | None = "mediation_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"
UUID = postgresql.UUID(as_uuid=True)
JSONB = postgresql.JSONB
TS = sa.DateTime(timezone=True)

# Added to existing rows with these values, then the defaults are dropped: new rows always set them.
NEW_CASE_COLUMNS: tuple[tuple[str, Any, str | None], ...] = (
    ("kind", sa.Text(), "'administrative'"),
    ("origin", sa.Text(), "'complaint'"),
    ("origin_id", sa.Text(), "''"),
    ("court_assignment_id", sa.Text(), None),
    ("court", JSONB(), None),
    ("right_numbers", JSONB(), "'[]'::jsonb"),
    ("parties", JSONB(), "'[]'::jsonb"),
    ("dispute_summary", sa.Text(), "''"),
    ("damages_only", sa.Boolean(), "false"),
    ("office_region_code", sa.Text(), None),
    ("state_changed_at", TS, "now()"),
    ("started_at", TS, None),
    ("concluded_at", TS, None),
    ("deadlines", JSONB(), "'{}'::jsonb"),
    ("consents", JSONB(), "'{}'::jsonb"),
    ("extensions", JSONB(), "'[]'::jsonb"),
    ("termination", JSONB(), None),
    ("objections", JSONB(), "'[]'::jsonb"),
    ("enforcement", JSONB(), None),
)


def upgrade() -> None:
    _create_roster()
    _extend_cases()
    _create_case_children()


def _create_roster() -> None:
    op.create_table(
        "mediation_organisations",
        sa.Column("id", UUID, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("seat_region_code", sa.Text, nullable=False),
        sa.Column("registered_on_court_platform", sa.Boolean, nullable=False),
        sa.Column("court_platform_code", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mediation_organisations"),
        sa.UniqueConstraint("name", name="uq_mediation_organisations_name"),
        schema=SCHEMA,
    )
    op.create_table(
        "mediators",
        sa.Column("id", UUID, nullable=False),
        sa.Column("organisation_id", UUID, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("account", sa.Text),
        sa.Column("specialties", JSONB, nullable=False),
        sa.Column("regions", JSONB, nullable=False),
        sa.Column("registered_on_court_platform", sa.Boolean, nullable=False),
        sa.Column("max_active_cases", sa.Integer, nullable=False),
        sa.Column("conflicts", JSONB, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mediators"),
        sa.UniqueConstraint("account", name="uq_mediators_account"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            [f"{SCHEMA}.mediation_organisations.id"],
            name="fk_mediators_organisation_id_mediation_organisations",
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_mediation_mediators_organisation_id", "mediators", ["organisation_id"], schema=SCHEMA)


def _extend_cases() -> None:
    for name, type_, default in NEW_CASE_COLUMNS:
        server_default = sa.text(default) if default else None
        op.add_column(
            "mediation_cases",
            sa.Column(name, type_, nullable=default is None, server_default=server_default),
            schema=SCHEMA,
        )
    op.execute(
        f"""
        UPDATE {SCHEMA}.mediation_cases SET
            origin_id = coalesce(complaint_id::text, id::text),
            right_numbers = jsonb_build_array(right_number),
            state_changed_at = opened_at,
            parties = jsonb_build_array(
                applicant || jsonb_build_object('id', gen_random_uuid()::text, 'role', 'applicant')
            ) || coalesce(
                (SELECT jsonb_agg(
                     p || jsonb_build_object('id', gen_random_uuid()::text, 'role', 'respondent'))
                 FROM jsonb_array_elements(other_parties) AS p),
                '[]'::jsonb
            )
        """
    )
    for name, _, default in NEW_CASE_COLUMNS:
        if default is not None:
            op.alter_column("mediation_cases", name, server_default=None, schema=SCHEMA)
    op.drop_column("mediation_cases", "applicant", schema=SCHEMA)
    op.drop_column("mediation_cases", "other_parties", schema=SCHEMA)
    op.create_unique_constraint(
        "uq_mediation_cases_court_assignment_id", "mediation_cases", ["court_assignment_id"], schema=SCHEMA
    )
    op.create_index("ix_mediation_cases_state", "mediation_cases", ["state"], schema=SCHEMA)
    op.create_index("ix_mediation_cases_origin", "mediation_cases", ["origin", "origin_id"], schema=SCHEMA)


def _case_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["case_id"], [f"{SCHEMA}.mediation_cases.id"], name=f"fk_{table}_case_id_mediation_cases"
    )


def _create_case_children() -> None:
    op.create_table(
        "mediator_assignments",
        sa.Column("id", UUID, nullable=False),
        sa.Column("case_id", UUID, nullable=False),
        sa.Column("mediator_id", UUID, nullable=False),
        sa.Column("organisation_id", UUID, nullable=False),
        sa.Column("mediator_name", sa.Text, nullable=False),
        sa.Column("organisation_name", sa.Text, nullable=False),
        sa.Column("mediator_account", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("assigned_at", TS, nullable=False),
        sa.Column("assigned_by", JSONB, nullable=False),
        sa.Column("respond_by", sa.Date),
        sa.Column("responded_at", TS),
        sa.Column("reason", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_mediator_assignments"),
        _case_fk("mediator_assignments"),
        sa.ForeignKeyConstraint(
            ["mediator_id"], [f"{SCHEMA}.mediators.id"], name="fk_mediator_assignments_mediator_id_mediators"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            [f"{SCHEMA}.mediation_organisations.id"],
            name="fk_mediator_assignments_organisation_id_mediation_organisations",
        ),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_mediation_mediator_assignments_case_id", "mediator_assignments", ["case_id"], schema=SCHEMA
    )
    op.create_index(
        "ix_mediator_assignments_mediator_status",
        "mediator_assignments",
        ["mediator_id", "status"],
        schema=SCHEMA,
    )
    op.create_table(
        "agreements",
        sa.Column("id", UUID, nullable=False),
        sa.Column("case_id", UUID, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("content", JSONB, nullable=False),
        sa.Column("eligibility", JSONB, nullable=False),
        sa.Column("signatures", JSONB, nullable=False),
        sa.Column("performance", JSONB, nullable=False),
        sa.Column("drafted_at", TS, nullable=False),
        sa.Column("drafted_by", JSONB, nullable=False),
        sa.Column("effective_at", TS),
        sa.Column("performed_on", sa.Date),
        sa.PrimaryKeyConstraint("id", name="pk_agreements"),
        sa.UniqueConstraint("number", name="uq_agreements_number"),
        _case_fk("agreements"),
        schema=SCHEMA,
    )
    op.create_index("ix_mediation_agreements_case_id", "agreements", ["case_id"], schema=SCHEMA)
    op.create_table(
        "confirmation_applications",
        sa.Column("id", UUID, nullable=False),
        sa.Column("case_id", UUID, nullable=False),
        sa.Column("agreement_id", UUID, nullable=False),
        sa.Column("court_code", sa.Text, nullable=False),
        sa.Column("court_name", sa.Text, nullable=False),
        sa.Column("competence", JSONB, nullable=False),
        sa.Column("applicants", JSONB, nullable=False),
        sa.Column("materials", JSONB, nullable=False),
        sa.Column("warnings", JSONB, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("filed_at", TS, nullable=False),
        sa.Column("docket_no", sa.Text),
        sa.Column("accepted_at", TS),
        sa.Column("ruling_no", sa.Text),
        sa.Column("ruled_at", TS),
        sa.Column("reasons", sa.Text),
        sa.Column("withdrawn_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_confirmation_applications"),
        _case_fk("confirmation_applications"),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            [f"{SCHEMA}.agreements.id"],
            name="fk_confirmation_applications_agreement_id_agreements",
        ),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_mediation_confirmation_applications_case_id",
        "confirmation_applications",
        ["case_id"],
        schema=SCHEMA,
    )
    op.create_table(
        "mediation_history",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("case_id", UUID, nullable=False),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("occurred_at", TS, nullable=False),
        sa.Column("actor", JSONB, nullable=False),
        sa.Column("from_state", sa.Text),
        sa.Column("to_state", sa.Text),
        sa.Column("details", JSONB, nullable=False),
        sa.Column("correlation_id", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_mediation_history"),
        _case_fk("mediation_history"),
        schema=SCHEMA,
    )
    op.create_index("ix_mediation_history_case", "mediation_history", ["case_id", "id"], schema=SCHEMA)


def downgrade() -> None:
    for table in ("mediation_history", "confirmation_applications", "agreements", "mediator_assignments"):
        op.drop_table(table, schema=SCHEMA)
    op.add_column(
        "mediation_cases", sa.Column("applicant", JSONB, server_default=sa.text("'{}'::jsonb")), schema=SCHEMA
    )
    op.add_column(
        "mediation_cases",
        sa.Column("other_parties", JSONB, server_default=sa.text("'[]'::jsonb")),
        schema=SCHEMA,
    )
    op.execute(
        f"""
        UPDATE {SCHEMA}.mediation_cases SET
            applicant = coalesce(
                (SELECT p - 'id' - 'role' FROM jsonb_array_elements(parties) AS p
                 WHERE p->>'role' = 'applicant' LIMIT 1),
                '{{}}'::jsonb),
            other_parties = coalesce(
                (SELECT jsonb_agg(p - 'id' - 'role') FROM jsonb_array_elements(parties) AS p
                 WHERE p->>'role' <> 'applicant'),
                '[]'::jsonb)
        """
    )
    for name in ("applicant", "other_parties"):
        op.alter_column("mediation_cases", name, nullable=False, server_default=None, schema=SCHEMA)
    op.drop_index("ix_mediation_cases_origin", "mediation_cases", schema=SCHEMA)
    op.drop_index("ix_mediation_cases_state", "mediation_cases", schema=SCHEMA)
    op.drop_constraint("uq_mediation_cases_court_assignment_id", "mediation_cases", schema=SCHEMA)
    for name, _, _ in reversed(NEW_CASE_COLUMNS):
        op.drop_column("mediation_cases", name, schema=SCHEMA)
    op.drop_table("mediators", schema=SCHEMA)
    op.drop_table("mediation_organisations", schema=SCHEMA)
