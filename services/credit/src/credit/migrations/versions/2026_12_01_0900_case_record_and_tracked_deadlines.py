"""The shared case record replaces record_history and the commitments' history; aggregates track deadlines.

Every ``record_history`` row becomes a ``case_record`` row of aggregate type ``credit_record``
with the same id (so the record reads in the same order): the event is the action, the actor
``{id, roles}`` becomes kind (``system`` for a ``system:`` id, else ``person``), id and roles,
each provision gains the confidence its article is tagged with (``[P]``, ``[U]``, else ``V``), and
the official's note goes into the details under ``note``. Every entry of a commitment's ``history``
becomes a row of type ``credit_commitment``, in order. Moves get their transition's name.

Records and commitments keep their tracked deadlines (``deadlines``), filled here from the armed
timers (and the duties flagged overdue), so that stopping a clock disarms timers armed before.

The downgrade rebuilds both old shapes exactly from the case record; what only the new shape can
hold is left behind: the subjects' events (their repeat flags stay in ``repeat_flags``) and the
tracked deadlines (the timers keep the dates).

Revision ID: credit_0004
Revises: credit_0003
Create Date: 2026-12-01 09:00:00
"""

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.calendar import SHANGHAI, catalogue
from shared.migration_ops import create_case_record_table_v1, drop_case_record_table_v1

revision: str = "credit_0004"
down_revision: str | None = "credit_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"
UUID = postgresql.UUID(as_uuid=True)
JSONB = postgresql.JSONB
EMPTY_OBJECT = sa.text("'{}'::jsonb")

MOVES = {
    "NoticeIssued": "notify",
    "ListingDecided": "list",
    "ListingDeclined": "decline",
    "Published": "publish",
    "RepairRequested": "request_repair",
    "RepairGranted": "grant_repair",
    "RepairDenied": "deny_repair",
    "Expired": "expire",
    "Revoked": "revoke",
    "Archived": "archive",
}
COMMITMENT_MOVES = {
    "CommitmentFulfilled": ("fulfil", "fulfilled"),
    "CommitmentBreached": ("breach", "breached"),
}
DEADLINE_KINDS = {
    "notice_window": "party_period",
    "publication": "office_duty",
    "expiry": "time_limit",
    "withdrawal": "office_duty",
    "verification": "office_duty",
}
SET_BY_THE_AUTHORITY = "verification date set by the authority (§C.4)"


def _case(column: str, mapping: Mapping[str, str]) -> str:
    whens = " ".join(f"WHEN '{key}' THEN '{value}'" for key, value in mapping.items())
    return f"CASE {column} {whens} END"


def _actor_kind(actor_id: str) -> str:
    return f"CASE WHEN {actor_id} LIKE 'system:%' THEN 'system' ELSE 'person' END"


def upgrade() -> None:
    _refuse_notes_already_in_details()
    create_case_record_table_v1(SCHEMA)
    _copy_record_history()
    _continue_ids_after("case_record")
    _copy_commitment_histories()
    op.drop_table("record_history", schema=SCHEMA)
    op.drop_column("commitments", "history", schema=SCHEMA)
    for table in ("records", "commitments"):
        op.add_column(
            table, sa.Column("deadlines", JSONB, nullable=False, server_default=EMPTY_OBJECT), schema=SCHEMA
        )
    _track_armed_deadlines()


def _refuse_notes_already_in_details() -> None:
    """The note moves into the details under ``note``; a detail of that name would be lost on the way back."""
    clash = op.get_bind().scalar(
        sa.text(f"SELECT count(*) FROM {SCHEMA}.record_history WHERE details -> 'note' IS NOT NULL")
    )
    if clash:
        raise RuntimeError(
            f"{clash} history entries already have a detail named 'note'; migrate them by hand"
        )


def _copy_record_history() -> None:
    confidence = r"COALESCE(substring(p->>'article' from '.*\[([VPU])\]'), 'V')"
    op.execute(
        f"""
        INSERT INTO {SCHEMA}.case_record
            (id, aggregate_type, aggregate_id, action, transition, from_state, to_state,
             actor_kind, actor_id, actor_roles, occurred_at, legal_basis, details, documents)
        SELECT h.id, 'credit_record', h.record_id, h.event, {_case("h.event", MOVES)},
               h.from_state, h.to_state,
               {_actor_kind("h.actor->>'id'")}, h.actor->>'id', COALESCE(h.actor->'roles', '[]'::jsonb),
               h.at,
               (SELECT COALESCE(jsonb_agg(p || jsonb_build_object('confidence', {confidence}) ORDER BY n),
                                '[]'::jsonb)
                  FROM jsonb_array_elements(h.legal_basis) WITH ORDINALITY AS e(p, n)),
               CASE WHEN h.note IS NULL THEN h.details
                    ELSE h.details || jsonb_build_object('note', h.note) END,
               h.documents
          FROM {SCHEMA}.record_history h
         ORDER BY h.id
        """
    )


def _copy_commitment_histories() -> None:
    move = {event: name for event, (name, _) in COMMITMENT_MOVES.items()}
    target = {event: status for event, (_, status) in COMMITMENT_MOVES.items()}
    op.execute(
        f"""
        INSERT INTO {SCHEMA}.case_record
            (aggregate_type, aggregate_id, action, transition, from_state, to_state,
             actor_kind, actor_id, actor_roles, occurred_at, details, documents)
        SELECT 'credit_commitment', c.id, e->>'event', {_case("e->>'event'", move)},
               CASE WHEN e->>'event' IN ('CommitmentFulfilled', 'CommitmentBreached') THEN 'pending' END,
               {_case("e->>'event'", target)},
               {_actor_kind("e->'actor'->>'id'")}, e->'actor'->>'id',
               COALESCE(e->'actor'->'roles', '[]'::jsonb),
               (e->>'at')::timestamptz, e->'details', e->'documents'
          FROM {SCHEMA}.commitments c, jsonb_array_elements(c.history) WITH ORDINALITY AS h(e, n)
         ORDER BY c.created_at, c.id, h.n
        """
    )


def _continue_ids_after(table: str) -> None:
    """Rows copied with their ids: the table's own numbering continues after the highest."""
    op.execute(
        f"SELECT setval(pg_get_serial_sequence('{SCHEMA}.{table}', 'id'), "
        f"COALESCE((SELECT max(id) FROM {SCHEMA}.{table}), 0) + 1, false)"
    )


def _track_armed_deadlines() -> None:
    """Each armed timer (and each duty flagged overdue) as the deadline its aggregate now tracks."""
    bind = op.get_bind()
    for table, missed in (("records", "t.name = ANY(a.overdue)"), ("commitments", "a.overdue")):
        rows = bind.execute(
            sa.text(
                "SELECT t.aggregate_id, t.name, t.due_at, t.explanation, t.provisional, t.rule, "
                f"{missed} AS missed "
                f"FROM {SCHEMA}.timers t JOIN {SCHEMA}.{table} a ON a.id::text = t.aggregate_id "
                f"WHERE t.name NOT LIKE '%.warning' AND (t.status = 'scheduled' OR {missed}) "
                "ORDER BY t.aggregate_id, t.name"
            )
        ).mappings()
        tracked: dict[str, dict[str, Any]] = {}
        for row in rows:
            if row["name"] in DEADLINE_KINDS and row["rule"]:
                tracked.setdefault(row["aggregate_id"], {})[row["name"]] = _tracked(row)
        if tracked:
            bind.execute(
                sa.text(
                    f"UPDATE {SCHEMA}.{table} SET deadlines = CAST(:deadlines AS jsonb) WHERE id::text = :id"
                ),
                [
                    {"id": key, "deadlines": json.dumps(value, ensure_ascii=False)}
                    for key, value in tracked.items()
                ],
            )


def _tracked(row: sa.RowMapping) -> dict[str, Any]:
    """The tracked deadline (``credit.adapters.json_values``) of a timer armed by ``schedule_period``."""
    rule = row["rule"]
    basis, confidence = _basis(rule["period"], rule.get("province"))
    due = row["due_at"].astimezone(SHANGHAI).date() - dt.timedelta(days=1)  # it ends at 24:00 on its due day
    return {
        "period": rule["period"],
        "kind": DEADLINE_KINDS[row["name"]],
        "start": rule["start"],
        "due": due.isoformat(),
        "status": "missed" if row["missed"] else "running",
        "basis": basis,
        "confidence": confidence,
        "explanation": row["explanation"] or "",
        "provisional": row["provisional"],
        "party_id": None,
        "met_on": None,
    }


def _basis(period: str, province: str | None) -> tuple[str, str]:
    if period.startswith("+"):
        return SET_BY_THE_AUTHORITY, "V"
    try:
        definition = catalogue.get(period, province)
    except LookupError:
        return "", "U"
    return definition.citation(), definition.confidence.value


def downgrade() -> None:
    for table in ("records", "commitments"):
        op.drop_column(table, "deadlines", schema=SCHEMA)
    _recreate_record_history()
    _continue_ids_after("record_history")
    _restore_commitment_histories()
    drop_case_record_table_v1(SCHEMA)


def _recreate_record_history() -> None:
    op.create_table(
        "record_history",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("record_id", UUID, nullable=False),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("from_state", sa.Text),
        sa.Column("to_state", sa.Text, nullable=False),
        sa.Column("actor", JSONB, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("legal_basis", JSONB, nullable=False),
        sa.Column("documents", JSONB, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("details", JSONB, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_record_history"),
        sa.ForeignKeyConstraint(
            ["record_id"], [f"{SCHEMA}.records.id"], name="fk_record_history_record_id_records"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_record_history_record_id", "record_history", ["record_id", "id"], schema=SCHEMA)
    op.execute(
        f"""
        INSERT INTO {SCHEMA}.record_history
            (id, record_id, event, from_state, to_state, actor, at, legal_basis, documents, note, details)
        SELECT r.id, r.aggregate_id, r.action, r.from_state, r.to_state,
               jsonb_build_object('id', r.actor_id, 'roles', r.actor_roles), r.occurred_at,
               (SELECT COALESCE(jsonb_agg(p - 'confidence' ORDER BY n), '[]'::jsonb)
                  FROM jsonb_array_elements(r.legal_basis) WITH ORDINALITY AS e(p, n)),
               r.documents, r.details->>'note', r.details - 'note'
          FROM {SCHEMA}.case_record r
         WHERE r.aggregate_type = 'credit_record'
         ORDER BY r.id
        """
    )


def _restore_commitment_histories() -> None:
    # ``at`` as Python's isoformat() wrote it: seconds, microseconds only when there are any, UTC offset.
    utc = "r.occurred_at AT TIME ZONE 'UTC'"
    at = (
        f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') "
        f"|| CASE WHEN extract(microseconds FROM r.occurred_at)::bigint % 1000000 <> 0 "
        f"THEN to_char({utc}, '.US') ELSE '' END || '+00:00'"
    )
    op.add_column(
        "commitments",
        sa.Column("history", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        schema=SCHEMA,
    )
    op.execute(
        f"""
        UPDATE {SCHEMA}.commitments c SET history = COALESCE((
            SELECT jsonb_agg(jsonb_build_object(
                       'event', r.action,
                       'actor', jsonb_build_object('id', r.actor_id, 'roles', r.actor_roles),
                       'at', {at},
                       'details', r.details,
                       'documents', r.documents) ORDER BY r.id)
              FROM {SCHEMA}.case_record r
             WHERE r.aggregate_type = 'credit_commitment' AND r.aggregate_id = c.id), '[]'::jsonb)
        """
    )
    op.alter_column("commitments", "history", server_default=None, schema=SCHEMA)
