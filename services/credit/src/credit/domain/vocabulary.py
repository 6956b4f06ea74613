"""Value types of credit supervision: lists, behaviours, legal provisions, decisions and documents."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shared.calendar import SHANGHAI
from shared.domain.actors import Actor
from shared.domain.legal import Citation

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
    TRADEMARK_INFRINGEMENT = "trademark_infringement"  # 商标法 art. 60 penalty, published under C.3
    COPYRIGHT_INFRINGEMENT = "copyright_infringement"  # 著作权法 art. 53 penalty, published under C.3
    MEDIATION_AGREEMENT_DEFAULT = "mediation_agreement_default"  # court-confirmed agreement not performed
    OTHER_PENALTY = "other_penalty"  # any other published penalty decision (C.3)


_CONFIDENCE_TAG = re.compile(r"\[([VPU])\]")


def provision(instrument: str, article: str) -> Citation:
    """A provision as the rule table or an official writes it (§H ``legal_basis[]``).

    Credit's rule table tags what is not verified law in the article's own text ("art. 9
    (believed) [U]", "item 1 [P]"), so that tag is the citation's confidence; untagged is V.
    """
    tags = _CONFIDENCE_TAG.findall(article)
    return Citation(instrument, article, tags[-1] if tags else "V")


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
    """What every recorded step carries besides its own data: who, when, on what basis, with what.

    ``note`` is the official's remark on the step; the record keeps it in the event's details.
    """

    actor: Actor
    at: dt.datetime
    legal_basis: tuple[Citation, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    note: str | None = None

    def recorded(self, details: Mapping[str, Any]) -> dict[str, Any]:
        """``details`` with the note, as the event keeps them."""
        return {**details, "note": self.note} if self.note is not None else dict(details)

    def documents_json(self) -> list[dict[str, Any]]:
        return [d.as_dict() for d in self.documents]
