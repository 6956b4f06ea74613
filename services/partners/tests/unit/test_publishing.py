"""Publishing one projection to several partners: each entry its own CloudEvent and signature.

The entries share the validated event and the canonical bytes of its data (made once per
projection); what each partner receives is still its own event, signed over exactly what it carries.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from partners.adapters.feed import NewEntry
from partners.adapters.keys import OfficeKeys
from partners.domain.projection import Source, project
from partners.domain.registry import Channel, Partner, PartnerKind
from partners.handlers.publishing import Issuer, publish
from partners.testing import decision_issued
from shared.signing import SIGNATURE_ATTRIBUTE, KeySet, SigningKey, verify_event


class _Feed:
    def __init__(self) -> None:
        self.entries: list[NewEntry] = []
        self.webhook: set[str] = set()

    def stage(self, entries: list[NewEntry], *, webhook: set[str]) -> None:
        self.entries.extend(entries)
        self.webhook |= webhook


class _Outbox:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def add_event(self, event: Any, *, topic: str, key: str, extensions: dict[str, str]) -> None:
        self.events.append({"event": event, "topic": topic, "key": key, **extensions})


class _Uow:
    def __init__(self) -> None:
        self.feed = _Feed()
        self.outbox = _Outbox()


def _court(code: str, division: str = "330000", **extra: Any) -> Partner:
    return Partner(code=code, kind=PartnerKind.COURT, name=code, jurisdiction=(division,), **extra)


@pytest.mark.parametrize("alg", ["EdDSA", "ES256"])
async def test_each_partner_gets_its_own_event_signed_over_what_it_carries(alg: str) -> None:
    key = SigningKey.generate(alg)
    issuer = Issuer(OfficeKeys(key), "/ipcase/330100/partners")
    data = decision_issued()
    source = Source(event_id=str(uuid.uuid4()), producer="330106", time=dt.datetime.now(dt.UTC))
    projection = project(data, source)[PartnerKind.COURT][0]
    partners = [
        _court("HZ-IPC"),
        _court("HZ-KAFKA", channels=(Channel.KAFKA,)),
        _court("HZ-3", "330100"),
    ]
    uow = _Uow()

    reached = await publish(uow, partners, projection, issuer)  # type: ignore[arg-type]

    entries = uow.feed.entries
    assert reached == [p.code for p in partners] == [e.partner_code for e in entries]
    assert len({e.event["id"] for e in entries}) == len(entries)  # one event per partner
    keyset = KeySet.of(key)
    for entry in entries:
        assert entry.event[SIGNATURE_ATTRIBUTE] == entry.signature
        assert verify_event(entry.event, entry.signature, keyset).kid == key.kid
        assert entry.event["data"] == projection.data.model_dump(mode="json")
    (sent,) = uow.outbox.events
    assert sent["event"].id == entries[1].event["id"] and sent[SIGNATURE_ATTRIBUTE] == entries[1].signature
    assert await publish(uow, [], projection, issuer) == []  # type: ignore[arg-type]
