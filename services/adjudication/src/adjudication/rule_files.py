"""Rule tables shipped as data (and replaceable by operators): stage-participation bars."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from adjudication.domain.rules import ParticipantRole, Stage, StageBar

BUNDLED_PARTICIPATION = "participation.toml"


class RuleFileError(ValueError):
    """A rule file is malformed; the message names the file and the entry."""


def load_stage_bars(override: Path | None = None) -> tuple[StageBar, ...]:
    """The bundled participation table, or ``override`` (a file of the same shape) instead."""
    if override is not None:
        text, source = override.read_text(encoding="utf-8"), str(override)
    else:
        text = (files("adjudication") / "data" / BUNDLED_PARTICIPATION).read_text(encoding="utf-8")
        source = f"bundled {BUNDLED_PARTICIPATION}"
    try:
        entries = tomllib.loads(text).get("bar", [])
        return tuple(_bar(entry) for entry in entries)
    except (tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise RuleFileError(f"{source}: {exc}") from exc


def _bar(entry: dict[str, Any]) -> StageBar:
    return StageBar(
        name=str(entry["name"]),
        basis=str(entry["basis"]),
        confidence=str(entry.get("confidence", "U")),
        from_roles=frozenset(ParticipantRole(r) for r in entry.get("from_roles", [])),
        from_stages=frozenset(Stage(s) for s in entry.get("from_stages", [])),
        to_roles=frozenset(ParticipantRole(r) for r in entry.get("to_roles", [])),
        to_stages=frozenset(Stage(s) for s in entry.get("to_stages", [])),
    )
