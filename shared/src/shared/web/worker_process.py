"""A worker-only process (``ipcase worker S``): the worker, plus a small health server beside it."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator

import structlog
import uvicorn

from shared.local_time import set_office_zone
from shared.service import ServiceSpec
from shared.settings import ServiceSettings
from shared.web.health import worker_health_app
from shared.worker import WorkerRunner

log = structlog.get_logger(__name__)


class _HealthServer(uvicorn.Server):
    """uvicorn without its own signal handling: the worker process decides when to stop."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def run_worker_process(spec: ServiceSpec, settings: ServiceSettings) -> bool:
    """Run until SIGINT/SIGTERM; return True if the worker failed (the exit code is then non-zero)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    set_office_zone(settings.timezone)
    async with spec.bootstrap(settings) as container:
        runner = WorkerRunner(container.worker, exit_on_stuck=settings.exit_on_stuck_worker)
        server = _HealthServer(
            uvicorn.Config(
                worker_health_app(container, runner),
                host=settings.worker_health_host,
                port=settings.health_port,
                log_config=None,
                access_log=False,
                lifespan="off",
            )
        )
        health = asyncio.create_task(server.serve(), name=f"{spec.name}-worker-health")
        runner.start()
        ended = asyncio.create_task(runner.wait())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({ended, stopping}, return_when=asyncio.FIRST_COMPLETED)
        await runner.stop()
        stopping.cancel()
        server.should_exit = True
        await asyncio.wait({health})
    if runner.failure is not None:
        log.error("worker ended with a failure", service=spec.name, failure=runner.failure)
    return runner.failure is not None
