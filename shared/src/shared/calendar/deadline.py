"""The result of a deadline computation: the due date and why it is that date.

A :class:`Deadline` is a value: the due date, whether it rests on a rules-only
(provisional) calendar year, and an :class:`Explanation` that a case handler
can read — the rule applied with its legal basis, the days counted, the days
skipped with their reason, and any notes (roll-forward, policy, pauses).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

SHANGHAI: Final = ZoneInfo("Asia/Shanghai")
"""Legal time zone of every deadline (§G.3 step 7)."""

_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MAX_LISTED: Final = 12


@dataclass(frozen=True, slots=True)
class DayNote:
    """A date with the reason it was counted or skipped, e.g. ``"国庆节 holiday"``."""

    day: date
    reason: str

    def __str__(self) -> str:
        return f"{format_day(self.day)} {self.reason}"


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a deadline falls where it does.

    ``counted`` lists every day that counted towards the period (for working-day
    periods each with its status, so a counted 调休 Saturday is visible);
    ``skipped`` lists rest days passed over while counting or rolled over at the
    end; ``notes`` carries roll-forward, policy, pause and data-source remarks.
    """

    rule: str
    counted: tuple[DayNote, ...] = ()
    skipped: tuple[DayNote, ...] = ()
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The explanation as readable lines (rule, counted, skipped, notes)."""
        lines = [f"rule: {self.rule}"]
        if self.counted:
            lines.append(f"counted: {_summarise(self.counted)}")
        lines.extend(f"skipped: {note}" for note in self.skipped)
        lines.extend(f"note: {note}" for note in self.notes)
        return lines


@dataclass(frozen=True, slots=True)
class Deadline:
    """A computed deadline.

    ``due`` is the last day (it ends at 24:00 Asia/Shanghai, Civil Code art. 203
    ¶2). Hour periods also set ``due_at``, the exact aware moment. ``provisional``
    is true when any year involved has no holiday notice loaded; recompute once
    the notice is in.
    """

    due: date
    provisional: bool
    explanation: Explanation
    due_at: datetime | None = None

    @property
    def ends_at(self) -> datetime:
        """The moment the period runs out: ``due_at``, or 24:00 on ``due`` in Asia/Shanghai."""
        if self.due_at is not None:
            return self.due_at
        return datetime.combine(self.due + timedelta(days=1), time(), tzinfo=SHANGHAI)

    def render(self) -> str:
        """Multi-line text for people: the due date, then the explanation."""
        due = self.due_at.isoformat() if self.due_at else format_day(self.due)
        status = "PROVISIONAL (rules-only calendar year; recompute when the notice is loaded)"
        lines = [f"due: {due}", f"provisional: {status if self.provisional else 'no'}"]
        return "\n".join([*lines, *self.explanation.lines()])


def format_day(day: date) -> str:
    """``2025-10-09 (Thu)``: ISO date plus weekday, which readers of deadlines always want."""
    return f"{day.isoformat()} ({_WEEKDAYS[day.weekday()]})"


def _summarise(days: tuple[DayNote, ...]) -> str:
    if len(days) <= _MAX_LISTED:
        return "; ".join(str(note) for note in days)
    return f"{len(days)} days, {format_day(days[0].day)} … {format_day(days[-1].day)}"
