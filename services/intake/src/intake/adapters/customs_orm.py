"""Customs tables (in intake's metadata, so Alembic and the tests see them): detentions and recordations.

Each aggregate is stored whole in ``body`` (JSONB, :mod:`intake.adapters.codec`); the columns
beside it are what lookups, scopes and the centre's customs task list filter on.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, Table, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB, UUID

from intake.adapters.orm import metadata

customs_detentions = Table(
    "customs_detentions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("port_code", Text, nullable=False),
    Column("customs_ref", Text, nullable=False),
    Column("office_code", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("route", Text, nullable=False),
    Column("ip_type", Text, nullable=False),
    Column("ip_reg_no", Text, nullable=False),
    Column("task_status", Text),  # open | done | None (no centre client holds the right)
    Column("task_due_at", DateTime(timezone=True)),
    Column("body", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("port_code", "customs_ref", name="uq_customs_detentions_port_ref"),
    Index(
        "ix_customs_detentions_tasks", "office_code", "task_due_at", postgresql_where="task_status = 'open'"
    ),
)

customs_recordations = Table(
    "customs_recordations",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("record_no", Text, nullable=False, unique=True),
    Column("ip_type", Text, nullable=False),
    Column("ip_reg_no", Text, nullable=False),
    Column("holder_credit_code", Text),
    Column("status", Text, nullable=False),
    Column("expires_on", Date, nullable=False),
    Column("body", JSONB, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_customs_recordations_right", "ip_type", "ip_reg_no"),
)
