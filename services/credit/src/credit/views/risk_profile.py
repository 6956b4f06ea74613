"""The risk profile for a port office's declaration check (issue 15, §E.5/§H.2): up to 1,000
consignee or consignor credit codes in, everything credit holds that concerns each of them out —
effective infringement findings, penalty decisions, listings in force and repeat-infringer flags —
each with its legal basis.

One statement, one round trip, and PostgreSQL writes the response body: the codes (normalised, with
the reason an invalid one is invalid, both computed here) are unnested with their position and
joined to subjects by the unique credit code; for a known subject each kind of fact is aggregated
with ``json_agg`` in a correlated subquery on its ``subject_id`` index (listings on the partial
in-force index), an unknown code gets its empty answer without running them, and the answers are
aggregated in input order into the one JSON text that is returned as the body. Nothing is decoded
or re-encoded in Python (issue 15's benchmark: 1,000 codes against 10^5 subjects; bench/README.md).
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
SELECT json_build_object(
    'as_of', CAST(:today AS date),
    'results', COALESCE(json_agg(profile ORDER BY wanted.ord), '[]'::json)
)::text
FROM unnest(CAST(:codes AS text[]), CAST(:errors AS text[])) WITH ORDINALITY AS wanted (code, error, ord)
LEFT JOIN credit.subjects AS s ON s.credit_code = wanted.code
CROSS JOIN LATERAL (
    SELECT CASE WHEN s.id IS NULL THEN json_build_object(
        'code', wanted.code, 'valid', wanted.error IS NULL, 'error', wanted.error, 'known', false,
        'name', NULL, 'findings', '[]'::json, 'penalties', '[]'::json, 'listings', '[]'::json,
        'repeat_flags', '[]'::json
    ) ELSE json_build_object(
        'code', wanted.code, 'valid', true, 'error', NULL, 'known', true, 'name', s.name,
        'findings', (
            SELECT COALESCE(json_agg(json_build_object(
                'ip_type', f.ip_type, 'right_number', f.right_number, 'decision_no', f.decision_no,
                'effective_on', f.effective_on, 'legal_basis', CAST(:finding_basis AS json)
            ) ORDER BY f.effective_on, f.decision_no), '[]'::json)
            FROM credit.findings AS f
            WHERE f.subject_id = s.id AND f.revoked_on IS NULL
        ),
        'penalties', (
            SELECT COALESCE(json_agg(json_build_object(
                'behaviour', r.behaviour, 'decision_nos', r.basis_doc_nos, 'decided_on', r.decided_on,
                'legal_basis', r.legal_basis
            ) ORDER BY r.decided_on, r.id), '[]'::json)
            FROM credit.records AS r
            WHERE r.subject_id = s.id AND r.behaviour IN ({penalties})
              AND r.decided_on IS NOT NULL AND r.revoked_on IS NULL
        ),
        'listings', (
            SELECT COALESCE(json_agg(json_build_object(
                'list_type', r.list_type, 'behaviour', r.behaviour, 'period_end', r.period_end,
                'legal_basis', r.legal_basis
            ) ORDER BY r.period_end, r.id), '[]'::json)
            FROM credit.records AS r
            WHERE r.subject_id = s.id AND r.{in_force}
        ),
        'repeat_flags', (
            SELECT COALESCE(json_agg(json_build_object(
                'ip_type', x.ip_type, 'right_number', x.right_number, 'decision_no', x.decision_no,
                'effective_on', x.effective_on,
                'prior_decisions', CASE jsonb_typeof(x.prior_decisions)
                    WHEN 'array' THEN jsonb_array_length(x.prior_decisions) ELSE 0 END,
                'legal_basis', CAST(:repeat_basis AS json)
            ) ORDER BY x.effective_on, x.id), '[]'::json)
            FROM credit.repeat_flags AS x
            WHERE x.subject_id = s.id
        )
    ) END AS profile
) AS answer
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
