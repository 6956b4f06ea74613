"""A clock a test moves by hand, for handlers and timer schedulers that take ``clock``."""

from __future__ import annotations

import datetime as dt


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("a fake clock needs an aware time")
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now
