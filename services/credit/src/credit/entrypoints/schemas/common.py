"""Pieces several requests and responses share: subjects, legal provisions, documents, pages."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from credit.domain.errors import invalid_fields
from credit.domain.subject import SubjectClaim, mask_id_number
from credit.domain.vocabulary import DocumentRef, provision
from shared.domain.legal import Citation
from shared.errors import FieldError
from shared.identifiers import normalise_uscc, uscc_problem
from shared.vocabulary import PartyKind
from shared.web.types import Name

T = TypeVar("T")
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LegalProvisionIO(Request):
    instrument: Short = Field(examples=["市场监督管理严重违法失信名单管理办法"])
    article: Short = Field(examples=["9"])

    def to_domain(self) -> Citation:
        return provision(self.instrument, self.article)


class DocumentIO(Request):
    """A document belonging to a step (stored in the document store; referenced here)."""

    title: Short = Field(examples=["列入严重违法失信名单告知书"])
    doc_no: Short | None = Field(default=None, examples=["京市监信告〔2026〕12号"])
    uri: Annotated[str, StringConstraints(max_length=2000)] | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None

    def to_domain(self) -> DocumentRef:
        return DocumentRef(self.title, self.doc_no, self.uri, self.sha256)

    @classmethod
    def from_domain(cls, document: DocumentRef) -> DocumentIO:
        return cls(title=document.title, doc_no=document.doc_no, uri=document.uri, sha256=document.sha256)


class SubjectIn(Request):
    """An organisation by credit code, or an individual by masked id number (a full one is masked here)."""

    kind: PartyKind = PartyKind.ORGANISATION
    name: Name = Field(examples=["杭州某某科技有限公司"])
    credit_code: str | None = Field(default=None, examples=["91330100MA2B3C4D5X"])
    id_number_masked: str | None = Field(default=None, examples=["3301**********123X"])
    legal_representative: Name | None = None

    def to_claim(self, field: str = "subject") -> SubjectClaim:
        """The claim, identified as the API requires; every problem reported per field, in both languages."""
        errors: list[FieldError] = []
        code = normalise_uscc(self.credit_code) if self.credit_code else None
        if code and (problem := uscc_problem(code)):
            errors.append(
                FieldError(
                    f"{field}.credit_code",
                    "uscc_invalid",
                    f"Invalid credit code: {problem}",
                    "统一社会信用代码无效（GB 32100）",
                )
            )
        masked = mask_id_number(self.id_number_masked) if self.id_number_masked else None
        if self.id_number_masked and masked is None:
            errors.append(
                FieldError(
                    f"{field}.id_number_masked",
                    "id_number_invalid",
                    "Expected a 15- or 18-character id number, masked with *",
                    "身份证号码格式无效",
                )
            )
        if not errors and not code and not (self.kind is PartyKind.INDIVIDUAL and masked):
            errors.append(_unidentified(field, self.kind))
        if errors:
            raise invalid_fields(errors)
        return SubjectClaim(self.kind, self.name, code, masked, self.legal_representative)


def _unidentified(field: str, kind: PartyKind) -> FieldError:
    if kind is PartyKind.ORGANISATION:
        return FieldError(
            f"{field}.credit_code",
            "missing",
            "An organisation needs its credit code",
            "单位须提供统一社会信用代码",
        )
    return FieldError(
        f"{field}.id_number_masked",
        "missing",
        "An individual needs a masked id number",
        "自然人须提供脱敏身份证号码",
    )


class SubjectOut(BaseModel):
    id: str
    kind: PartyKind
    name: str
    credit_code: str | None
    id_number_masked: str | None


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
