"""Pieces the API's requests and answers share: legal provisions, documents, subjects, pages.

They live on the read side so that the views can answer with them without importing the entrypoints;
the request schemas (``credit.entrypoints.schemas``) build on them.
"""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from credit.domain.vocabulary import DocumentRef, provision
from shared.domain.legal import Citation
from shared.vocabulary import PartyKind

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
