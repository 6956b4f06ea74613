"""Value types of credit supervision: lists, behaviours, actors, legal provisions and documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shared.calendar import SHANGHAI

CHINA = SHANGHAI  # the law counts days in China Standard Time
"""Statutory days are counted in China Standard Time (§G.3 step 7)."""


class ListType(StrEnum):
    """The lists a credit record can put a subject on (§C.5 ``list_type``)."""

    CNIPA_DISHONEST = "cnipa_dishonest"  # §C.1 知识产权领域失信行为
    SAMR_SERIOUS = "samr_serious"  # §C.2 严重违法失信名单
    PENALTY_PUBLICATION = "penalty_publication"  # §C.3 行政处罚信息公示


class BehaviourCode(StrEnum):
    """What the subject did (§C.5 ``behaviour_code``): §C.1 items 1–7 and the §C.2 IP categories."""

    ABNORMAL_PATENT_APPLICATION = "abnormal_patent_application"  # C.1 item 1
    MALICIOUS_TRADEMARK_APPLICATION = "malicious_trademark_application"  # C.1 item 2
    AGENCY_VIOLATION = "agency_violation"  # C.1 item 3
    FALSE_MATERIALS = "false_materials"  # C.1 item 4
    COMMITMENT_BREACHED = "commitment_breached"  # C.1 item 5
    REFUSAL_TO_PERFORM = "refusal_to_perform"  # C.1 item 6
    OTHER_CATALOGUED = "other_catalogued"  # C.1 item 7
    WILFUL_INFRINGEMENT = "wilful_infringement"  # C.2
    REPEAT_INFRINGEMENT = "repeat_infringement"  # C.2 (wilfulness), Open Question 14
    SERIOUS_AGENCY_VIOLATION = "serious_agency_violation"  # C.2
    UNFAIR_COMPETITION = "unfair_competition"  # C.2 (trade secrets, commercial defamation)
    COUNTERFEIT_PATENT = "counterfeit_patent"  # A.12 penalty, published under C.3
    MEDIATION_AGREEMENT_DEFAULT = "mediation_agreement_default"  # court-confirmed agreement not performed
    OTHER_PENALTY = "other_penalty"  # any other published penalty decision (C.3)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who took a step: a person (token subject and roles) or the system (``system:<source>``)."""

    id: str
    roles: tuple[str, ...] = ()

    @classmethod
    def system(cls, source: str) -> Actor:
        return cls(id=f"system:{source}")

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "roles": list(self.roles)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Actor:
        return cls(id=str(data["id"]), roles=tuple(data.get("roles", ())))


@dataclass(frozen=True, slots=True)
class LegalProvision:
    """An instrument and article (§H ``legal_basis[]``)."""

    instrument: str
    article: str

    def as_dict(self) -> dict[str, str]:
        return {"instrument": self.instrument, "article": self.article}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LegalProvision:
        return cls(instrument=str(data["instrument"]), article=str(data["article"]))


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A document that belongs to a step: a notice, statement, minutes, decision (stored elsewhere)."""

    title: str
    doc_no: str | None = None
    uri: str | None = None
    sha256: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "doc_no": self.doc_no, "uri": self.uri, "sha256": self.sha256}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocumentRef:
        return cls(
            title=str(data["title"]),
            doc_no=data.get("doc_no"),
            uri=data.get("uri"),
            sha256=data.get("sha256"),
        )


@dataclass(frozen=True, slots=True)
class DecisionRef:
    """The decision a record rests on (§C.5 ``underlying_decision``)."""

    authority: str
    doc_no: str
    date: dt.date
    type: str

    def as_dict(self) -> dict[str, str]:
        return {
            "authority": self.authority,
            "doc_no": self.doc_no,
            "date": self.date.isoformat(),
            "type": self.type,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DecisionRef:
        return cls(
            authority=str(data["authority"]),
            doc_no=str(data["doc_no"]),
            date=dt.date.fromisoformat(data["date"]),
            type=str(data["type"]),
        )


@dataclass(frozen=True, slots=True)
class Step:
    """What every recorded step carries besides its own data: who, when, on what basis, with what."""

    actor: Actor
    at: dt.datetime
    legal_basis: tuple[LegalProvision, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    note: str | None = None
