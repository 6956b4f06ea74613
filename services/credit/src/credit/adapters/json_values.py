"""Shared domain values as credit stores and serves them in JSON.

An actor is ``{id, roles}`` and a provision ``{instrument, article}`` wherever credit's JSON has
carried them since before the shared kernel (records, parked inputs, the API), so those documents
keep their shape; the kind and the confidence are derived again when read. Tracked deadlines are
stored whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from credit.domain.actors import kind_of
from credit.domain.vocabulary import provision
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TrackedDeadline
from shared.domain.legal import Citation


def actor_json(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "roles": list(actor.roles)}


def actor_from_json(data: Mapping[str, Any]) -> Actor:
    actor_id = str(data["id"])
    return Actor(kind_of(actor_id), actor_id, tuple(data.get("roles", ())))


def provisions_json(citations: Iterable[Citation]) -> list[dict[str, str]]:
    return [{"instrument": c.instrument, "article": c.article} for c in citations]


def provisions_from_json(data: Iterable[Mapping[str, Any]]) -> tuple[Citation, ...]:
    return tuple(provision(str(p["instrument"]), str(p["article"])) for p in data)


def deadlines_json(deadlines: Mapping[str, TrackedDeadline]) -> dict[str, dict[str, Any]]:
    return {key: _deadline_json(d) for key, d in deadlines.items()}


def deadlines_from_json(data: Mapping[str, Mapping[str, Any]]) -> dict[str, TrackedDeadline]:
    return {key: _deadline_from_json(key, d) for key, d in data.items()}


def _deadline_json(d: TrackedDeadline) -> dict[str, Any]:
    return {
        "period": d.period,
        "kind": d.kind.value,
        "start": d.start.isoformat(),
        "due": _iso(d.due),
        "status": d.status.value,
        "basis": d.basis,
        "confidence": d.confidence,
        "explanation": d.explanation,
        "provisional": d.provisional,
        "party_id": d.party_id,
        "met_on": _iso(d.met_on),
    }


def _deadline_from_json(key: str, data: Mapping[str, Any]) -> TrackedDeadline:
    return TrackedDeadline(
        key=key,
        period=data["period"],
        kind=DeadlineKind(data["kind"]),
        start=dt.date.fromisoformat(data["start"]),
        due=_date(data.get("due")),
        status=DeadlineStatus(data["status"]),
        basis=data.get("basis", ""),
        confidence=data.get("confidence", "V"),
        explanation=data.get("explanation", ""),
        provisional=bool(data.get("provisional", False)),
        party_id=data.get("party_id"),
        met_on=_date(data.get("met_on")),
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
