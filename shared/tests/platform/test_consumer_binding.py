"""Module-level consumer handlers name what they need beyond ``(data, event, uow)``; bind supplies it."""

from __future__ import annotations

from shared.contracts import CloudEvent
from shared.messaging.consumer import Subscription, bind
from shared.testing.probe import probe_contract


async def test_bind_supplies_the_keyword_dependencies_a_module_level_handler_names() -> None:
    contract = probe_contract("probe.binding")
    seen: list[tuple[object, object, str]] = []

    async def on_probe(data: object, event: CloudEvent, uow: object, *, bus: str) -> None:
        seen.append((data, uow, bus))

    (bound,) = bind([Subscription(contract, on_probe)], bus="the bus", unused="ignored")
    data = contract(partition_key="k", sequence=1)
    event = CloudEvent.from_data(data, source="/test", subject="k")
    await bound.handler(data, event, "uow")

    assert bound.contract is contract and seen == [(data, "uow", "the bus")]
