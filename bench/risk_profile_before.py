"""The customs risk profile as it was before the one-statement JSON answer (kept for the benchmark's
same-run comparison only; the service uses :mod:`credit.views.risk_profile`).

Per subject the facts were aggregated as ``jsonb`` in correlated subqueries, asyncpg decoded the
2,000-4,000 JSONB values per 1,000-code request, and Python assembled and re-serialised the answer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Select, Text, bindparam, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import findings, records, repeat_flags, subjects
from credit.domain.record import IN_FORCE
from credit.views.risk_profile import FINDING_BASIS, PENALTIES, REPEAT_BASIS
from shared.identifiers import normalise_uscc, uscc_problem

EMPTY: ColumnElement[Any] = literal_column("'[]'::jsonb")


def profile_query(codes: Sequence[str]) -> Select[Any]:
    """One row per known code with its findings, penalties, listings and repeat flags as JSON."""
    wanted = (
        func.unnest(bindparam("codes", list(codes), type_=ARRAY(Text)))
        .table_valued("code")
        .render_derived(name="wanted")
    )
    found = (
        select(
            func.coalesce(
                func.jsonb_agg(
                    func.jsonb_build_object(
                        "ip_type",
                        findings.c.ip_type,
                        "right_number",
                        findings.c.right_number,
                        "decision_no",
                        findings.c.decision_no,
                        "effective_on",
                        findings.c.effective_on,
                    )
                ),
                EMPTY,
            )
        )
        .where(findings.c.subject_id == subjects.c.id, findings.c.revoked_on.is_(None))
        .scalar_subquery()
    )
    penalties = (
        select(
            func.coalesce(
                func.jsonb_agg(
                    func.jsonb_build_object(
                        "behaviour",
                        records.c.behaviour,
                        "decision_nos",
                        records.c.basis_doc_nos,
                        "decided_on",
                        records.c.decided_on,
                        "legal_basis",
                        records.c.legal_basis,
                    )
                ),
                EMPTY,
            )
        )
        .where(
            records.c.subject_id == subjects.c.id,
            records.c.behaviour.in_(PENALTIES),
            records.c.decided_on.is_not(None),
            records.c.revoked_on.is_(None),
        )
        .scalar_subquery()
    )
    listings = (
        select(
            func.coalesce(
                func.jsonb_agg(
                    func.jsonb_build_object(
                        "list_type",
                        records.c.list_type,
                        "behaviour",
                        records.c.behaviour,
                        "period_end",
                        records.c.period_end,
                        "legal_basis",
                        records.c.legal_basis,
                    )
                ),
                EMPTY,
            )
        )
        .where(records.c.subject_id == subjects.c.id, records.c.state.in_([s.value for s in IN_FORCE]))
        .scalar_subquery()
    )
    flags = (
        select(
            func.coalesce(
                func.jsonb_agg(
                    func.jsonb_build_object(
                        "ip_type",
                        repeat_flags.c.ip_type,
                        "right_number",
                        repeat_flags.c.right_number,
                        "decision_no",
                        repeat_flags.c.decision_no,
                        "effective_on",
                        repeat_flags.c.effective_on,
                        "prior_decisions",
                        repeat_flags.c.prior_decisions,
                    )
                ),
                EMPTY,
            )
        )
        .where(repeat_flags.c.subject_id == subjects.c.id)
        .scalar_subquery()
    )
    return select(
        wanted.c.code,
        subjects.c.name,
        found.label("findings"),
        penalties.label("penalties"),
        listings.label("listings"),
        flags.label("repeat_flags"),
    ).select_from(wanted.join(subjects, subjects.c.credit_code == wanted.c.code))


class RiskProfileViewBefore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def profiles(self, codes: Sequence[str], *, today: dt.date) -> bytes:
        normalised = [normalise_uscc(code) for code in codes]
        async with self._sessions() as session:
            rows = (await session.execute(profile_query(sorted(set(normalised))))).mappings().all()
        found = {row["code"]: _profile(row) for row in rows}
        results = [found.get(code) or _unknown(code) for code in normalised]
        return json.dumps({"as_of": today.isoformat(), "results": results}, ensure_ascii=False).encode()


def _profile(row: Any) -> dict[str, Any]:
    findings_: list[dict[str, Any]] = row["findings"]
    flags: list[dict[str, Any]] = row["repeat_flags"]
    return {
        "code": row["code"],
        "valid": True,
        "error": None,
        "known": True,
        "name": row["name"],
        "findings": [{**f, "legal_basis": FINDING_BASIS} for f in findings_],
        "penalties": row["penalties"],
        "listings": row["listings"],
        "repeat_flags": [
            {
                "ip_type": f["ip_type"],
                "right_number": f["right_number"],
                "decision_no": f["decision_no"],
                "effective_on": f["effective_on"],
                "prior_decisions": len(f["prior_decisions"] or []),
                "legal_basis": REPEAT_BASIS,
            }
            for f in flags
        ],
    }


def _unknown(code: str) -> dict[str, Any]:
    problem = uscc_problem(code)
    return {
        "code": code,
        "valid": problem is None,
        "error": problem,
        "known": False,
        "name": None,
        "findings": [],
        "penalties": [],
        "listings": [],
        "repeat_flags": [],
    }
