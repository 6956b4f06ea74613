"""Declared subscriptions: module-level handlers whose keyword-only dependencies bootstrap binds."""

from __future__ import annotations

from typing import Any

from shared.contracts import CloudEvent
from shared.messaging.consumer import Subscription, bind
from shared.testing.probe import probe_contract

Probe = probe_contract("probe.binding")


async def on_probe(data: Any, event: CloudEvent, uow: list[Any], *, bus: str) -> None:
    uow.append((data, bus))


SUBSCRIPTIONS: list[Subscription[Any, Any]] = [Subscription(Probe, on_probe)]


async def test_bind_supplies_what_a_declared_handler_names() -> None:
    (bound,) = bind(SUBSCRIPTIONS, bus="the bus", clock="not wanted")
    seen: list[Any] = []
    data = Probe(partition_key="k", sequence=1)
    event = CloudEvent.from_data(data, source="/test", subject="k")

    await bound.handler(data, event, seen)

    assert bound.contract is Probe
    assert seen == [(data, "the bus")]
