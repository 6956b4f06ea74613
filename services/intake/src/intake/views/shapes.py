"""Shapes a complaint's request body and its representation share, so the API names them alike."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
SHORT_TEXT_MAX = 200
"""The longest short text: a name, a number, a reference."""
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_TEXT_MAX)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^\d{6}$")]


class _In(BaseModel):
    """A request body: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class LocationIn(_In):
    description: Text
    region_code: RegionCode | None = None


class ListingIn(_In):
    platform: ShortText = Field(examples=["taobao"])
    listing_id: ShortText | None = None
    url: Text | None = None


class TradeFairIn(_In):
    fair_name: ShortText = Field(examples=["中国进出口商品交易会"])
    session: ShortText = Field(examples=["第138届"])
    booth: ShortText | None = None
