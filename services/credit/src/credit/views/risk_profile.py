"""The risk profile for a port office's declaration check (issue 15, §E.5/§H.2): up to 1,000
consignee or consignor credit codes in, everything credit holds that concerns each of them out —
effective infringement findings, penalty decisions, listings in force and repeat-infringer flags —
each with its legal basis.

One statement, one round trip, and PostgreSQL writes the response body: the codes (normalised, with
the reason an invalid one is invalid, both computed here) are unnested with their position and
joined to subjects by the unique credit code; each fact table is then read once for the set of
known subjects (findings, records — penalties and listings in one pass with ``FILTER`` — and
repeat flags), aggregated per subject with ``json_agg``, joined back, and the answers aggregated
in input order into the one JSON text returned as the body. Nothing is decoded or re-encoded in
Python. Set-wise rather than a correlated subquery per subject and fact kind: a third less
PostgreSQL CPU per 1,000-code request against 10^5 subjects (bench/README.md).
Customs gets no grade, commitment, record state or personal data (§H.2): findings and penalties by
decision number, listings by list type and period end.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Final

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import IN_FORCE_SQL
from credit.domain.vocabulary import BehaviourCode
from shared.identifiers import normalise_uscc, uscc_problem

FINDING_BASIS = [{"instrument": "专利法", "article": "65"}]
"""An effective administrative decision finding patent infringement (§A.8; PL art. 65)."""
REPEAT_BASIS = [{"instrument": "专利法", "article": "65"}, {"instrument": "商标法", "article": "60"}]
"""A second effective finding against the same subject and right (§H.2; look-back window [U])."""
PENALTIES = (BehaviourCode.COUNTERFEIT_PATENT.value, BehaviourCode.OTHER_PENALTY.value)


_SQL = """
WITH wanted AS (
    SELECT w.code, w.error, w.ord, s.id, s.name
    FROM unnest(CAST(:codes AS text[]), CAST(:errors AS text[])) WITH ORDINALITY AS w (code, error, ord)
    LEFT JOIN credit.subjects AS s ON s.credit_code = w.code
), ids AS (
    SELECT DISTINCT id FROM wanted WHERE id IS NOT NULL
), f AS (
    SELECT f.subject_id, json_agg(json_build_object(
        'ip_type', f.ip_type, 'right_number', f.right_number, 'decision_no', f.decision_no,
        'effective_on', f.effective_on, 'legal_basis', CAST(:finding_basis AS json)
    ) ORDER BY f.effective_on, f.decision_no) AS items
    FROM credit.findings AS f JOIN ids ON f.subject_id = ids.id
    WHERE f.revoked_on IS NULL GROUP BY f.subject_id
), r AS (
    SELECT r.subject_id,
        json_agg(json_build_object(
            'behaviour', r.behaviour, 'decision_nos', r.basis_doc_nos, 'decided_on', r.decided_on,
            'legal_basis', r.legal_basis
        ) ORDER BY r.decided_on, r.id) FILTER (
            WHERE r.behaviour IN ({penalties}) AND r.decided_on IS NOT NULL AND r.revoked_on IS NULL
        ) AS penalties,
        json_agg(json_build_object(
            'list_type', r.list_type, 'behaviour', r.behaviour, 'period_end', r.period_end,
            'legal_basis', r.legal_basis
        ) ORDER BY r.period_end, r.id) FILTER (WHERE r.{in_force}) AS listings
    FROM credit.records AS r JOIN ids ON r.subject_id = ids.id
    GROUP BY r.subject_id
), x AS (
    SELECT x.subject_id, json_agg(json_build_object(
        'ip_type', x.ip_type, 'right_number', x.right_number, 'decision_no', x.decision_no,
        'effective_on', x.effective_on,
        'prior_decisions', CASE jsonb_typeof(x.prior_decisions)
            WHEN 'array' THEN jsonb_array_length(x.prior_decisions) ELSE 0 END,
        'legal_basis', CAST(:repeat_basis AS json)
    ) ORDER BY x.effective_on, x.id) AS items
    FROM credit.repeat_flags AS x JOIN ids ON x.subject_id = ids.id
    GROUP BY x.subject_id
)
SELECT json_build_object(
    'as_of', CAST(:today AS date),
    'results', COALESCE(json_agg(json_build_object(
        'code', w.code, 'valid', w.id IS NOT NULL OR w.error IS NULL,
        'error', CASE WHEN w.id IS NULL THEN w.error END, 'known', w.id IS NOT NULL, 'name', w.name,
        'findings', COALESCE(f.items, '[]'::json), 'penalties', COALESCE(r.penalties, '[]'::json),
        'listings', COALESCE(r.listings, '[]'::json), 'repeat_flags', COALESCE(x.items, '[]'::json)
    ) ORDER BY w.ord), '[]'::json)
)::text
FROM wanted AS w
LEFT JOIN f ON f.subject_id = w.id
LEFT JOIN r ON r.subject_id = w.id
LEFT JOIN x ON x.subject_id = w.id
"""
PROFILES_SQL: Final = text(
    _SQL.format(penalties=", ".join(f"'{code}'" for code in PENALTIES), in_force=IN_FORCE_SQL)
)
"""The whole answer as one JSON text, built by PostgreSQL in one statement (see the module notes)."""


class RiskProfileView:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def profiles(self, codes: Sequence[str], *, today: dt.date) -> bytes:
        """The response body: ``{"as_of", "results"}``, one result per code in input order."""
        normalised = [normalise_uscc(code) for code in codes]
        errors = [uscc_problem(code) for code in normalised]
        parameters = {
            "today": today,
            "codes": normalised,
            "errors": errors,
            "finding_basis": _FINDING_BASIS_JSON,
            "repeat_basis": _REPEAT_BASIS_JSON,
        }
        async with self._sessions() as session:
            answer = await session.scalar(PROFILES_SQL, parameters)
        return str(answer).encode()


_FINDING_BASIS_JSON: Final = json.dumps(FINDING_BASIS, ensure_ascii=False)
_REPEAT_BASIS_JSON: Final = json.dumps(REPEAT_BASIS, ensure_ascii=False)
