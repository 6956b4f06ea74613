"""Load the court directory (TOML) into the domain's :class:`CourtDirectory`.

The bundled ``data/courts.toml`` is a small sample for development and tests; a deployment points
``COURT_DIRECTORY_FILE`` at the directory of its province.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mediation.domain.competence import Court, CourtDirectory, CourtLevel
from mediation.domain.errors import ConfigurationError
from shared.vocabulary import IpType

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "courts.toml"


def load_court_directory(path: Path | None = None) -> CourtDirectory:
    source = path or BUNDLED
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        jurisdiction = data["jurisdiction"]
        courts = tuple(_court(entry) for entry in data["court"])
        directory = CourtDirectory(
            courts=courts,
            intermediate_ip_types=frozenset(IpType(t) for t in jurisdiction["intermediate_ip_types"]),
            intermediate_basis=str(jurisdiction["basis"]),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
        raise ConfigurationError(
            f"court directory {source}: {exc!r}", f"法院名录 {source} 有误：{exc!r}"
        ) from exc
    codes = [c.code for c in courts]
    if len(codes) != len(set(codes)):
        raise ConfigurationError(
            f"court directory {source}: duplicate court codes", f"法院名录 {source} 法院代码重复"
        )
    return directory


def _court(entry: Mapping[str, Any]) -> Court:
    return Court(
        code=str(entry["code"]),
        name=str(entry["name"]),
        level=CourtLevel(entry["level"]),
        regions=tuple(str(r) for r in entry.get("regions", ())),
        ip_regions=tuple(str(r) for r in entry.get("ip_regions", ())),
    )
