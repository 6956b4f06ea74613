"""What the public may see of a listing: personal data of individuals is masked (Open Question 15)."""

from __future__ import annotations

from shared.vocabulary import PartyKind


def mask_person_name(name: str) -> str:
    """Keep the first character (usually the surname) and mask the rest: 张三丰 → 张**."""
    stripped = name.strip()
    return stripped[:1] + "*" * max(len(stripped) - 1, 1)


def public_name(name: str, kind: PartyKind) -> str:
    """Organisations are published by name; individuals only with a masked name."""
    return name if kind is PartyKind.ORGANISATION else mask_person_name(name)
