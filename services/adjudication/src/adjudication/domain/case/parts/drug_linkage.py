"""A drug-patent linkage request (专利法 art. 76 [V]) as recorded on a case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class DeclarationType(StrEnum):
    """The generic applicant's declaration (四类声明)."""

    TYPE_1 = "type_1"  # no relevant patent on the platform
    TYPE_2 = "type_2"  # the patent lapsed, was invalidated, or the applicant holds a licence
    TYPE_3 = "type_3"  # no marketing before the patent expires
    TYPE_4 = "type_4"  # the patent should be invalid, or the drug is outside its scope


@dataclass(slots=True, kw_only=True)
class DrugLinkage:
    drug_name: str
    marketing_application_no: str
    generic_applicant: str
    declaration_type: DeclarationType
    cde_published_on: dt.date
    chemical_generic: bool
    patentee_action_due: dt.date
    filed_in_time: bool
    cde_notified_on: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkageRequest:
    drug_name: str
    marketing_application_no: str
    generic_applicant: str
    declaration_type: DeclarationType
    cde_published_on: dt.date
    chemical_generic: bool
