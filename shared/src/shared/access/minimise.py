"""Data minimisation: what each kind of reader may see of a party's personal data.

Case handlers of the office see parties whole. Other internal roles see personal contact data
masked. Courts and customs offices read through their own minimised views (domain-rules §H lists
what they need): names, credit codes and masked ID numbers, never an individual's phone, e-mail or
home address. Organisations' registered addresses and phones are not personal data and stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from shared.identity.principals import Principal, PrincipalKind, Role

PERSONAL_CONTACT = ("phone", "email", "address")
CASE_HANDLERS = frozenset({Role.STAFF, Role.ADJUDICATOR, Role.OFFICE_HEAD, Role.MEDIATOR})


class Reader(StrEnum):
    CASE_HANDLER = "case_handler"  # sees everything the case needs
    INTERNAL = "internal"  # other office roles: personal contact data masked
    PARTNER = "partner"  # a court, customs office or platform: personal contact data withheld


def reader_of(principal: Principal) -> Reader:
    if principal.kind is not PrincipalKind.PERSON:
        return Reader.PARTNER
    return Reader.CASE_HANDLER if principal.has_any(CASE_HANDLERS) else Reader.INTERNAL


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return (local[:1] + "***@" + domain) if domain else "***"


def mask_address(address: str) -> str:
    """Keep the administrative part (up to 区/县/市), hide the street and number."""
    for marker in ("区", "县", "旗"):
        cut = address.find(marker)
        if cut != -1:
            return address[: cut + 1] + "****"
    return address[:6] + "****" if len(address) > 6 else "****"


_MASKS = {"phone": mask_phone, "email": mask_email, "address": mask_address}


def minimise_party(party: Mapping[str, Any], reader: Reader, *, individual: bool) -> dict[str, Any]:
    """``party`` as ``reader`` may see it; organisations' contact data is not personal and stays."""
    shown = dict(party)
    if reader is Reader.CASE_HANDLER or not individual:
        return shown
    for field in PERSONAL_CONTACT:
        value = shown.get(field)
        if value is None:
            continue
        shown[field] = None if reader is Reader.PARTNER else _MASKS[field](str(value))
    return shown
