"""Durable timers: every statutory deadline as a database row that fires exactly once.

Schedule, reschedule or cancel a timer inside the same transaction as the state change that
causes it (``uow.timers``); the worker's :class:`TimerScheduler` fires due timers, each in its own
transaction together with its handler's effects, claiming rows with ``FOR UPDATE SKIP LOCKED`` so
several replicas never fire the same timer. Timers survive restarts because they are rows.
"""

from shared.timers.scheduler import TimerHandler, TimerScheduler
from shared.timers.store import DueTimer, Timers, TimerStatus, timer_table

__all__ = ["DueTimer", "TimerHandler", "TimerScheduler", "TimerStatus", "Timers", "timer_table"]
