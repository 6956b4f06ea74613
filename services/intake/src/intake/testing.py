"""Builders of valid domain objects and request bodies for intake's tests (unit and integration)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

from intake.domain.complaint import ClaimedRight, Complaint
from intake.domain.parties import PartyRecord, PartyRole
from intake.domain.vocabulary import Channel
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.vocabulary import IpType, PartyKind

NOW = dt.datetime(2026, 9, 16, 2, 0, tzinfo=dt.UTC)


def party(role: PartyRole = PartyRole.RESPONDENT, **overrides: Any) -> PartyRecord:
    values: dict[str, Any] = {
        "role": role,
        "kind": PartyKind.ORGANISATION,
        "name": random_name(),
        "credit_code": random_uscc(),
    }
    return PartyRecord(**{**values, **overrides})


def complaint(**overrides: Any) -> Complaint:
    """A registered invention-patent complaint; keyword arguments replace any field."""
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "channel": Channel.ONLINE,
        "centre": "330100",
        "ip_type": IpType.INVENTION_PATENT,
        "rights": (ClaimedRight(ip_type=IpType.INVENTION_PATENT, number=random_patent_number()),),
        "complainant": party(PartyRole.COMPLAINANT),
        "respondents": (party(),),
        "facts": "被请求人销售落入专利保护范围的产品。",
        "received_at": NOW,
        "sequence": 1,
    }
    values.update(overrides)
    return Complaint(**values)


def same_complaint_again(original: Complaint, **overrides: Any) -> Complaint:
    """The same complainant, right and respondent arriving again (a new id)."""
    return replace(original, id=uuid.uuid4(), events=[], sequence=None, **overrides)


def complaint_body(**overrides: Any) -> dict[str, Any]:
    """The walking skeleton's minimal request body; keyword arguments add or replace fields."""
    body = {
        "ip_type": "invention_patent",
        "right_number": random_patent_number(),
        "complainant": {
            "kind": "organisation",
            "name": random_name("专利权人"),
            "credit_code": random_uscc(),
        },
        "respondents": [
            {"kind": "organisation", "name": random_name("被请求人"), "credit_code": random_uscc()}
        ],
        "facts": "被请求人在其网店销售的产品落入涉案专利权利要求1的保护范围。",
    }
    return {**body, **overrides}
