"""The in-process message bus: one handler per command, one transaction per command.

Handlers are plain ``async def handler(command, uow, **dependencies)``; the bus binds the
dependencies a handler names in its signature (e.g. ``clock``), opens a unit of work, calls the
handler and commits. A consumer that already holds a unit of work (with its inbox row) passes it in,
and then the consumer commits.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, TypeVar

from shared.injection import inject
from shared.uow import Transaction

U = TypeVar("U", bound=Transaction)
CommandHandler = Callable[..., Awaitable[Any]]


class MessageBus(Generic[U]):
    def __init__(
        self,
        uow_factory: Callable[[], U],
        handlers: Mapping[type[Any], CommandHandler],
        dependencies: Mapping[str, Any] | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._handlers = {
            command: inject(handler, dependencies or {}) for command, handler in handlers.items()
        }

    async def handle(self, command: object, *, uow: U | None = None) -> Any:
        """Run ``command``'s handler; commit unless the caller supplied (and so owns) ``uow``."""
        handler = self._handlers[type(command)]
        if uow is not None:
            return await handler(command, uow)
        async with self._uow_factory() as own_uow:
            result = await handler(command, own_uow)
            await own_uow.commit()
            return result
