"""The document model: what an official document says, independent of how it is rendered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled value in a header block, e.g. ``请求人：杭州某某科技有限公司``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Section:
    heading: str | None
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = field(default=(), metadata={"doc": "numbered list, e.g. stop-order measures"})


@dataclass(frozen=True, slots=True)
class Signature:
    """The issuing office and date at the foot, where the seal goes."""

    issuer: str
    date: dt.date
    seal_note: str = "（盖章）"


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    document_no: str
    fields: tuple[Field, ...] = ()
    sections: tuple[Section, ...] = ()
    signature: Signature | None = None
    footnote: str | None = None
