"""The public disclosure view: listings on public display only, individuals' personal data masked."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import RowMapping, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import records, subjects
from credit.adapters.records import terms_from_json
from credit.domain.disclosure import public_name
from credit.domain.errors import RecordNotFound
from credit.domain.policy import CreditRules
from credit.domain.record import PUBLICLY_SHOWN
from credit.domain.vocabulary import BehaviourCode, ListType
from credit.views.record_models import DisclosedListing, MeasureOut
from credit.views.shapes import Page
from shared.identifiers import normalise_name
from shared.vocabulary import PartyKind


class DisclosureViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], rules: CreditRules, office: str) -> None:
        self._sessions = sessions
        self._rules = rules
        self._office = office

    async def listings(
        self,
        *,
        list_type: ListType | None,
        name: str | None,
        credit_code: str | None,
        limit: int,
        offset: int,
    ) -> Page[DisclosedListing]:
        query = _shown()
        if list_type is not None:
            query = query.where(records.c.list_type == list_type.value)
        if credit_code:
            query = query.where(subjects.c.credit_code == credit_code)
        if name:  # organisations only: searching individuals by name would unmask them
            query = query.where(
                subjects.c.kind == PartyKind.ORGANISATION.value,
                subjects.c.name_normalised.contains(normalise_name(name), autoescape=True),
            )
        async with self._sessions() as session:
            total = await session.scalar(select(func.count()).select_from(query.subquery()))
            rows = (
                await session.execute(
                    query.order_by(records.c.published_on.desc(), records.c.id).limit(limit).offset(offset)
                )
            ).mappings()
            items = [self._disclosed(r) for r in rows]
        return Page(items=items, total=int(total or 0), limit=limit, offset=offset)

    async def listing(self, record_id: uuid.UUID) -> DisclosedListing:
        async with self._sessions() as session:
            row = (await session.execute(_shown().where(records.c.id == record_id))).mappings().one_or_none()
        if row is None:
            raise RecordNotFound(f"No published listing {record_id}", f"无公示信息 {record_id}")
        return self._disclosed(row)

    def _disclosed(self, row: RowMapping) -> DisclosedListing:
        policy = self._rules.policy(ListType(row["list_type"]))
        behaviour = self._rules.behaviour(BehaviourCode(row["behaviour"]))
        terms = terms_from_json(row["terms"])
        kind = PartyKind(row["subject_kind"])
        return DisclosedListing(
            record_id=row["id"],
            record_no=row["record_no"],
            subject_kind=kind,
            subject_name=public_name(row["subject_name"], kind),
            credit_code=row["subject_credit_code"],
            id_number_masked=row["subject_id_number_masked"],
            list_type=policy.list_type,
            list_title=policy.title,
            list_title_zh=policy.title_zh,
            behaviour=behaviour.title,
            behaviour_title_zh=behaviour.title_zh,
            listing_authority=self._office,
            decision_authority=row["underlying_decision"]["authority"],
            decision_no=terms.decision_no if terms else None,
            decided_on=row["decided_on"],
            published_on=row["published_on"],
            period_end=row["period_end"],
            measures=[
                MeasureOut(
                    code=m.code, description=m.description, description_zh=m.description_zh, ends_on=m.ends_on
                )
                for m in (terms.measures if terms else ())
            ],
        )


def _shown() -> Select[Any]:
    return (
        select(
            records,
            subjects.c.kind.label("subject_kind"),
            subjects.c.name.label("subject_name"),
            subjects.c.credit_code.label("subject_credit_code"),
            subjects.c.id_number_masked.label("subject_id_number_masked"),
        )
        .join(subjects, subjects.c.id == records.c.subject_id)
        .where(records.c.state.in_([s.value for s in PUBLICLY_SHOWN]))
    )
