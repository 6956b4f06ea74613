"""Rows of the records table as API representations (shared by every view that shows a listing)."""

from __future__ import annotations

from sqlalchemy import RowMapping

from credit.adapters.orm import subjects
from credit.adapters.records import terms_from_json
from credit.domain.policy import CreditRules
from credit.domain.record import RecordState
from credit.domain.vocabulary import BehaviourCode, ListType
from credit.views.record_models import ListingOut, MeasureOut
from credit.views.shapes import LegalProvisionIO, SubjectOut
from shared.vocabulary import PartyKind


def listing_out(row: RowMapping, rules: CreditRules) -> ListingOut:
    terms = terms_from_json(row["terms"])
    policy = rules.policy(ListType(row["list_type"]))
    return ListingOut(
        record_id=row["id"],
        record_no=row["record_no"],
        list_type=policy.list_type,
        list_title=policy.title,
        list_title_zh=policy.title_zh,
        state=RecordState(row["state"]),
        behaviour=BehaviourCode(row["behaviour"]),
        underlying_decision=row["underlying_decision"],
        legal_basis=[
            LegalProvisionIO(instrument=p["instrument"], article=p["article"]) for p in row["legal_basis"]
        ],
        decision_no=terms.decision_no if terms else None,
        decided_on=row["decided_on"],
        publication_due=terms.publication_due if terms else None,
        published_on=row["published_on"],
        period_end=row["period_end"],
        repair_eligible_from=terms.repair_eligible_from if terms else None,
        repaired_on=row["repaired_on"],
        expired_on=row["expired_on"],
        revoked_on=row["revoked_on"],
        measures=[
            MeasureOut(
                code=m.code, description=m.description, description_zh=m.description_zh, ends_on=m.ends_on
            )
            for m in (terms.measures if terms else ())
        ],
    )


SUBJECT_COLUMNS = (
    subjects.c.kind.label("subject_kind"),
    subjects.c.name.label("subject_name"),
    subjects.c.credit_code.label("subject_credit_code"),
    subjects.c.id_number_masked.label("subject_id_number_masked"),
)
"""The subject columns a joined query needs for :func:`subject_brief` (with ``subject_id``)."""


def subject_brief(row: RowMapping) -> SubjectOut:
    return SubjectOut(
        id=str(row["subject_id"]),
        kind=PartyKind(row["subject_kind"]),
        name=row["subject_name"],
        credit_code=row["subject_credit_code"],
        id_number_masked=row["subject_id_number_masked"],
    )


def subject_out(row: RowMapping) -> SubjectOut:
    """A subject from a row of the subjects table itself."""
    return SubjectOut(
        id=str(row["id"]),
        kind=PartyKind(row["kind"]),
        name=row["name"],
        credit_code=row["credit_code"],
        id_number_masked=row["id_number_masked"],
    )
