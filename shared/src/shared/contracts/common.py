"""Value types that several producers' contracts share."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shared.vocabulary import IpType, PartyKind

__all__ = ["IpType", "PartyKind", "PartyRef"]


class PartyRef(BaseModel):
    """A party as other services need to know it: a name and, for organisations, the USCC."""

    model_config = ConfigDict(frozen=True)

    kind: PartyKind
    name: str = Field(min_length=1)
    credit_code: str | None = Field(default=None, description="统一社会信用代码 (GB 32100), organisations")
