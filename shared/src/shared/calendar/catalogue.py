"""The period catalogue: every statutory period ipcase uses, with unit, trigger and legal basis.

The bundled table is ``data/periods.toml`` (format in
:mod:`shared.calendar.catalogue_file`). Figures tagged [P] or [U] are
configurable defaults: an operator override file passed to
:func:`load_catalogue` may change any entry, and callers must treat only
``definition.enforceable`` entries as hard validations.

Usage::

    from shared.calendar import catalogue

    catalogue.get("adjudication.close", province="330000").period   # 2 months (Zhejiang)
    catalogue.deadline("adjudication.answer", date(2026, 9, 16)).due
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path

from shared.calendar.catalogue_file import apply_overrides, parse_catalogue, read_text
from shared.calendar.counting import RollForward, compute, finish, shift_months
from shared.calendar.deadline import Deadline, format_day
from shared.calendar.default import resolve_calendar
from shared.calendar.definitions import PeriodDefinition, PeriodKind
from shared.calendar.errors import UnitMismatchError, UnknownPeriodError
from shared.calendar.notice import NoticeReading, latest_notice_date
from shared.calendar.periods import Period, Unit
from shared.calendar.workcalendar import WorkCalendar

BUNDLED_CATALOGUE = "periods.toml"


class Catalogue:
    """A read-only set of :class:`PeriodDefinition` entries, looked up by name and province."""

    def __init__(self, definitions: Mapping[str, PeriodDefinition]) -> None:
        self._definitions = dict(definitions)

    def names(self) -> list[str]:
        """All entry names, sorted."""
        return sorted(self._definitions)

    def get(self, name: str, province: str | None = None) -> PeriodDefinition:
        """The entry ``name``, with ``province``'s own rule applied when it has one.

        Raises:
            UnknownPeriodError: if there is no such entry.
        """
        try:
            definition = self._definitions[name]
        except KeyError:
            raise UnknownPeriodError(f"no period named {name!r} in the catalogue") from None
        rule = definition.provinces.get(province) if province else None
        if rule is None:
            return definition
        return replace(
            definition,
            period=rule.period,
            legal_basis=rule.legal_basis,
            confidence=rule.confidence,
            note=rule.note or definition.note,
            province=province,
        )

    def deadline(
        self,
        name: str,
        start: date,
        *,
        province: str | None = None,
        calendar: WorkCalendar | None = None,
        roll_forward: RollForward = RollForward.REST_DAYS,
        reading: NoticeReading = NoticeReading.CONSERVATIVE,
    ) -> Deadline:
        """Compute entry ``name`` from ``start`` (the trigger, or the anchor for "before" kinds).

        Raises:
            UnknownPeriodError: for an unknown name.
            PeriodNotConfiguredError: if the entry has no length configured.
        """
        definition = self.get(name, province)
        period = definition.required_period()
        if definition.kind is PeriodKind.NOTICE_BEFORE:
            result = _notice_before(start, period, reading, calendar)
        elif definition.kind is PeriodKind.WINDOW_BEFORE:
            result = _window_before(start, period, calendar)
        else:
            result = compute(start, period, calendar=calendar, roll_forward=roll_forward)
        return _with_citation(result, definition)


def load_catalogue(override_file: Path | None = None) -> Catalogue:
    """The bundled catalogue, with an operator override TOML file applied if given.

    Raises:
        CalendarDataError: if a file is malformed or the override names an unknown entry.
    """
    bundled = (files("shared.calendar") / "data" / BUNDLED_CATALOGUE).read_text(encoding="utf-8")
    definitions = parse_catalogue(bundled, f"bundled {BUNDLED_CATALOGUE}")
    if override_file is not None:
        definitions = apply_overrides(definitions, read_text(override_file), str(override_file))
    return Catalogue(definitions)


_default: Catalogue | None = None


def default_catalogue() -> Catalogue:
    """The catalogue used by :func:`get` and :func:`deadline`; the bundled one unless replaced."""
    global _default
    if _default is None:
        _default = load_catalogue()
    return _default


def set_default_catalogue(catalogue: Catalogue | None) -> None:
    """Replace the default catalogue, e.g. with ``load_catalogue(settings.period_overrides)``."""
    global _default
    _default = catalogue


def get(name: str, province: str | None = None) -> PeriodDefinition:
    """Entry ``name`` of the default catalogue (see :meth:`Catalogue.get`)."""
    return default_catalogue().get(name, province)


def deadline(name: str, start: date, *, province: str | None = None) -> Deadline:
    """Deadline of entry ``name`` from ``start`` on the default catalogue and calendar."""
    return default_catalogue().deadline(name, start, province=province)


def _notice_before(
    event: date, period: Period, reading: NoticeReading, calendar: WorkCalendar | None
) -> Deadline:
    if period.unit is not Unit.WD:
        raise UnitMismatchError(f"notice-before periods are counted in working days, not {period.unit.label}")
    return latest_notice_date(event, period.length, reading=reading, calendar=calendar)


def _window_before(anchor: date, period: Period, calendar: WorkCalendar | None) -> Deadline:
    if period.unit is Unit.MONTHS:
        opens = shift_months(anchor, -period.length)
    elif period.unit is Unit.CD:
        opens = anchor - timedelta(days=period.length)
    else:
        raise UnitMismatchError(f"windows before a date are counted in months or calendar days, not {period}")
    rule = f"window opens {period.describe()} before {format_day(anchor)}: {format_day(opens)}"
    note = "a window opening is not a last day, so it is not rolled forward"
    return finish(resolve_calendar(calendar), span=(opens, anchor), due=opens, rule=rule, notes=(note,))


def _with_citation(result: Deadline, definition: PeriodDefinition) -> Deadline:
    header: tuple[str, ...] = (
        f"{definition.name} ({definition.kind}): starts on {definition.starts_on}",
        f"basis: {definition.citation()}",
    )
    if not definition.enforceable:
        header = (*header, f"[{definition.confidence.value}] figure: a configurable default, not a hard rule")
    explanation = replace(result.explanation, notes=(*header, *result.explanation.notes))
    return replace(result, explanation=explanation)
