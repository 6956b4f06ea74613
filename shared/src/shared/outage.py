"""Outages of a dependency, logged once when they start and once when they end.

A worker loop that loses the database retries every few seconds; logging each retry would bury the
one line an operator needs. :class:`Outage` logs the first failure, counts the rest, and logs the
recovery with how long it lasted; the part's :class:`~shared.liveness.Pulse` shows it as blocked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import structlog
from prometheus_client import Counter

from shared.liveness import Pulse

log = structlog.get_logger(__name__)
OUTAGES = Counter(
    "ipcase_dependency_outages", "Outages of a dependency seen by a worker part", ["part", "dependency"]
)


@dataclass(slots=True)
class Outage:
    """One dependency (``database``, ``broker``) as seen by one part of a worker."""

    dependency: str
    part: str
    pulse: Pulse | None = None
    failures: int = field(default=0, init=False)
    _since: float | None = field(default=None, init=False)

    @property
    def ongoing(self) -> bool:
        return self._since is not None

    def failed(self, error: BaseException) -> None:
        self.failures += 1
        if self.pulse is not None:
            self.pulse.blocked(self.dependency)
        if self._since is None:
            self._since = time.monotonic()
            OUTAGES.labels(self.part, self.dependency).inc()
            log.warning(f"{self.dependency} unavailable; waiting", part=self.part, error=repr(error)[:300])

    def recovered(self) -> None:
        if self.pulse is not None:
            self.pulse.unblocked()
        if self._since is None:
            return
        lasted = time.monotonic() - self._since
        log.warning(
            f"{self.dependency} available again",
            part=self.part,
            outage_seconds=round(lasted, 1),
            failed_attempts=self.failures,
        )
        self._since, self.failures = None, 0
