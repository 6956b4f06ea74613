"""httpx's transport (httpcore) asks ``sniffio`` which async library runs, on every lock, event and
cancellation shield of every request. Without the package each ask is a failed ``import sniffio``,
which is never cached and searches every ``sys.path`` entry again: about 0.3 ms of CPU per request
(the partners' webhook dispatcher, every service-to-service call)."""

from __future__ import annotations

import sys

from httpcore._synchronization import current_async_library


async def test_httpcore_finds_sniffio_instead_of_searching_sys_path_on_every_request() -> None:
    assert current_async_library() == "asyncio"
    assert "sniffio" in sys.modules  # imported once, then a dictionary look-up
