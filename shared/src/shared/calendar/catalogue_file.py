"""Reading the period catalogue and operator overrides from TOML.

Catalogue format (``data/periods.toml``), one ``[[period]]`` table per entry::

    [[period]]
    name = "adjudication.docket"      # stable id, <area>.<what>
    length = 5                        # omit when the spec gives no figure
    unit = "wd"                       # cd | wd | m | h (years as 12 m)
    kind = "deadline"                 # deadline | waiting | duration | notice_before | window_before
    starts_on = "receipt of the request"
    legal_basis = "专利行政执法办法 (2015) art. 11"
    confidence = "U"                  # V | P | U (domain-rules §0.1)
    section = "A.4"
    note = "optional remark"

    [period.provinces.330000]         # optional; 6-digit division code
    length = 3
    unit = "wd"
    legal_basis = "浙江省专利条例 art. 25"
    confidence = "V"

An operator override file uses the same tables, naming existing entries only;
any of ``length``, ``unit``, ``legal_basis``, ``confidence`` and ``note`` given
there replace the bundled value, and province tables are added or replaced.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from shared.calendar.definitions import Confidence, PeriodDefinition, PeriodKind, ProvinceRule
from shared.calendar.errors import CalendarDataError
from shared.calendar.periods import Period, Unit

_OVERRIDABLE = ("legal_basis", "note")


def parse_catalogue(text: str, origin: str) -> dict[str, PeriodDefinition]:
    """Parse catalogue TOML into definitions keyed by name.

    Raises:
        CalendarDataError: naming ``origin`` and the entry, on any malformed or duplicate entry.
    """
    definitions: dict[str, PeriodDefinition] = {}
    for table in _tables(text, origin):
        definition = _guarded(origin, table, _definition)
        if definition.name in definitions:
            raise CalendarDataError(f"{origin}: duplicate period {definition.name!r}")
        definitions[definition.name] = definition
    return definitions


def apply_overrides(
    definitions: Mapping[str, PeriodDefinition], text: str, origin: str
) -> dict[str, PeriodDefinition]:
    """Return ``definitions`` with the operator override TOML applied.

    Raises:
        CalendarDataError: if the file is malformed or names an unknown period.
    """
    merged = dict(definitions)
    for table in _tables(text, origin):
        name = table.get("name")
        if name not in merged:
            raise CalendarDataError(f"{origin}: override names unknown period {name!r}")
        merged[name] = _guarded(origin, table, partial(_override, merged[name], origin))
    return merged


def _tables(text: str, origin: str) -> list[dict[str, Any]]:
    try:
        tables = tomllib.loads(text).get("period", [])
    except tomllib.TOMLDecodeError as exc:
        raise CalendarDataError(f"{origin}: {exc}") from exc
    if not isinstance(tables, list):
        raise CalendarDataError(f"{origin}: expected [[period]] tables")
    return tables


def _guarded(
    origin: str, table: dict[str, Any], build: Callable[[dict[str, Any]], PeriodDefinition]
) -> PeriodDefinition:
    try:
        return build(table)
    except KeyError as exc:
        raise CalendarDataError(f"{origin}: {table.get('name', '?')}: missing field {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise CalendarDataError(f"{origin}: {table.get('name', '?')}: {exc}") from exc


def _definition(table: dict[str, Any]) -> PeriodDefinition:
    return PeriodDefinition(
        name=_text(table, "name"),
        period=_period(table, None),
        kind=PeriodKind(table.get("kind", PeriodKind.DEADLINE.value)),
        starts_on=_text(table, "starts_on"),
        legal_basis=_text(table, "legal_basis"),
        confidence=Confidence(table["confidence"]),
        section=_text(table, "section"),
        note=str(table.get("note", "")),
        provinces=_provinces(table.get("provinces", {}), None),
    )


def _override(base: PeriodDefinition, origin: str, table: dict[str, Any]) -> PeriodDefinition:
    changes: dict[str, Any] = {key: str(table[key]) for key in _OVERRIDABLE if key in table}
    period = _period(table, base.period) if "length" in table or "unit" in table else base.period
    changes["period"] = period
    if "confidence" in table:
        changes["confidence"] = Confidence(table["confidence"])
    if "provinces" in table:
        # A province table without a unit inherits the (possibly overridden) national one.
        changes["provinces"] = {**base.provinces, **_provinces(table["provinces"], period)}
    return replace(base, **changes, overridden_by=origin)


def _provinces(tables: Any, base_period: Period | None) -> dict[str, ProvinceRule]:
    if not isinstance(tables, dict):
        raise TypeError("provinces must be a table of division codes")
    return {str(code): _province(rule, base_period) for code, rule in tables.items()}


def _province(table: dict[str, Any], base_period: Period | None) -> ProvinceRule:
    return ProvinceRule(
        period=_period(table, base_period),
        legal_basis=_text(table, "legal_basis"),
        confidence=Confidence(table["confidence"]),
        note=str(table.get("note", "")),
    )


def _period(table: dict[str, Any], fallback: Period | None) -> Period | None:
    """Length and unit from ``table``; a missing one is taken from ``fallback``."""
    length = table.get("length", fallback.length if fallback else None)
    unit = table.get("unit", fallback.unit.value if fallback else None)
    if length is None:
        return None
    if not isinstance(length, int) or isinstance(length, bool) or unit is None:
        raise ValueError("length must be an integer and needs a unit")
    return Period(length, Unit(unit))


def _text(table: dict[str, Any], key: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value:
        raise TypeError(f"{key} must be a non-empty string")
    return value


def read_text(path: Path) -> str:
    """Read a TOML file, turning I/O failures into :class:`CalendarDataError`."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CalendarDataError(f"cannot read {path}: {exc}") from exc
