"""Evidence as recorded, each item identified by its SHA-256 hash."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from adjudication.domain.case.parts.service import new_id
from adjudication.domain.errors import rule_violated

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(slots=True, kw_only=True)
class EvidenceItem:
    id: str
    submitted_by: str
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    description: str | None = None
    notarisation_ref: str | None = None
    submitted_on: dt.date
    exchanged_with: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceIn:
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    description: str | None = None
    notarisation_ref: str | None = None


def evidence_item(party_id: str, evidence: EvidenceIn, on: dt.date) -> EvidenceItem:
    digest = evidence.sha256.lower()
    if not SHA256.match(digest):
        raise rule_violated(
            "evidence.sha256",
            "invalid_sha256",
            "A SHA-256 hash is 64 hexadecimal characters",
            "SHA-256 摘要应为 64 位十六进制字符",
        )
    return EvidenceItem(
        id=new_id(),
        submitted_by=party_id,
        file_name=evidence.file_name,
        media_type=evidence.media_type,
        size_bytes=evidence.size_bytes,
        sha256=digest,
        description=evidence.description,
        notarisation_ref=evidence.notarisation_ref,
        submitted_on=on,
    )
