"""``ipcase deadline START PERIOD``: print a due date and how it was reached.

The main ``ipcase`` CLI mounts :func:`deadline_command` (``app.command("deadline")
(deadline_command)``); :data:`deadline_app` runs it stand-alone. PERIOD is
either the ``+15cd`` / ``+5wd`` / ``+3m`` / ``+24h`` notation or a catalogue
name such as ``adjudication.answer``; ``--province`` selects a provincial rule
of a catalogue entry. For hour periods START is an ISO datetime; without an
offset it is read as Asia/Shanghai time.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from shared.calendar.catalogue import Catalogue, default_catalogue
from shared.calendar.counting import compute
from shared.calendar.deadline import Deadline
from shared.calendar.errors import CalendarError
from shared.calendar.instants import parse_instant
from shared.calendar.periods import parse_period
from shared.calendar.workcalendar import WorkCalendar, load_calendar

deadline_app = typer.Typer(add_completion=False, help="Compute a statutory deadline and explain it.")


def deadline(
    start: str,
    period: str,
    province: str | None = None,
    *,
    calendar: WorkCalendar | None = None,
    catalogue: Catalogue | None = None,
) -> str:
    """The rendered deadline for ``period`` from ``start``: due date, provisional flag, explanation.

    Raises:
        CalendarError: for an unreadable period, an unknown catalogue name, or
            a province given with a raw period.
        ValueError: for an unreadable start date.
    """
    return _deadline(_parse_start(start), period, province, calendar, catalogue).render()


@deadline_app.command(name="deadline")
def deadline_command(
    start: Annotated[str, typer.Argument(help="Event date YYYY-MM-DD (ISO datetime for hour periods).")],
    period: Annotated[str, typer.Argument(help="+15cd, +5wd, +3m, +24h, or a catalogue name.")],
    province: Annotated[
        str | None, typer.Option(help="6-digit division code for provincial rules, e.g. 330000.")
    ] = None,
    calendar_dir: Annotated[
        Path | None, typer.Option(help="Directory of <year>.json holiday notices to load.")
    ] = None,
) -> None:
    """Print the due date of PERIOD counted from START, which days were skipped and why."""
    try:
        calendar = load_calendar(calendar_dir) if calendar_dir else None
        typer.echo(deadline(start, period, province, calendar=calendar))
    except (CalendarError, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from exc


def _deadline(
    start: date,
    period: str,
    province: str | None,
    calendar: WorkCalendar | None,
    catalogue: Catalogue | None,
) -> Deadline:
    if _is_catalogue_name(period):
        chosen = catalogue or default_catalogue()
        return chosen.deadline(period, start, province=province, calendar=calendar)
    if province is not None:
        raise CalendarError("--province applies to catalogue names, not to a raw period like " + period)
    return compute(start, parse_period(period), calendar=calendar)


def _is_catalogue_name(period: str) -> bool:
    return "." in period and not period.lstrip("+")[:1].isdigit()


def _parse_start(text: str) -> date:
    if "T" not in text and " " not in text.strip():
        return date.fromisoformat(text.strip())
    return parse_instant(text)
