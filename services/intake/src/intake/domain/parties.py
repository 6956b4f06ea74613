"""Parties as first-class records, and the name normalisation used to match them across channels."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from intake.domain.vocabulary import Capacity
from shared.vocabulary import Party, PartyKind


class PartyRole(StrEnum):
    COMPLAINANT = "complainant"
    AGENT = "agent"
    RESPONDENT = "respondent"


# Longest first: the first variant that ends a name is replaced by its canonical form, so
# "有限责任公司", "有限公司" and "Co., Ltd." all compare equal once normalised.
_SUFFIX_VARIANTS: tuple[tuple[str, str], ...] = (
    ("股份有限公司", "公司"),
    ("有限责任公司", "公司"),
    ("有限公司", "公司"),
    ("CO.,LTD.", "公司"),
    ("CO.,LTD", "公司"),
    ("CO.LTD.", "公司"),
    ("COMPANYLIMITED", "公司"),
    ("CORPORATION", "公司"),
    ("LIMITED", "公司"),
    ("LTD.", "公司"),
    ("LTD", "公司"),
    ("INC.", "公司"),
    ("INC", "公司"),
)
_PUNCTUATION = re.compile(r"[·・.,，、'\"“”‘’\-—_]")


def match_name(raw: str) -> str:
    """A party name reduced for matching (not for display).

    Full width becomes half width (NFKC), spaces and decorative punctuation go, letters are upper
    case, brackets are unified, and a common company-form suffix becomes one canonical form.
    """
    text = "".join(unicodedata.normalize("NFKC", raw).split()).upper()
    text = text.replace("（", "(").replace("）", ")")
    for variant, canonical in _SUFFIX_VARIANTS:
        if text.endswith(variant):
            text = text[: -len(variant)] + canonical
            break
    return _PUNCTUATION.sub("", text)


def mask_id_number(raw: str) -> str:
    """Keep only the first 4 and last 4 characters of a personal id (privacy, §H subject ids)."""
    text = "".join(raw.split()).upper()
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyRecord:
    """A complainant, agent or respondent as intake keeps it."""

    id: uuid.UUID = field(default_factory=uuid.uuid4)
    role: PartyRole
    kind: PartyKind
    name: str
    credit_code: str | None = None
    id_number_masked: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    region_code: str | None = None
    phone: str | None = None
    email: str | None = None
    capacity: Capacity | None = None
    licence_contract_ref: str | None = None
    power_of_attorney_ref: str | None = None

    @property
    def match_name(self) -> str:
        return match_name(self.name)

    @property
    def identified(self) -> bool:
        """Enough to serve documents on the party or find it: a credit code, an id or an address."""
        return bool(self.credit_code or self.id_number_masked or self.address)

    def as_party(self) -> Party:
        return Party(kind=self.kind, name=self.name, credit_code=self.credit_code)

    def as_dict(self) -> dict[str, Any]:
        # Every field is a plain value: a shallow copy is what ``asdict`` would build, at a
        # fraction of its cost (it deep-copies; this runs for every party of every registration).
        data = {name: getattr(self, name) for name in _PARTY_FIELDS}
        data["id"] = str(self.id)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PartyRecord:
        capacity = data.get("capacity")
        return cls(
            **{
                **data,
                "id": uuid.UUID(str(data["id"])),
                "role": PartyRole(data["role"]),
                "kind": PartyKind(data["kind"]),
                "capacity": Capacity(capacity) if capacity else None,
            }
        )

    def with_role(self, role: PartyRole) -> PartyRecord:
        return replace(self, role=role)


_PARTY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PartyRecord))
