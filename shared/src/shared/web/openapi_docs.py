"""Each service's OpenAPI document, committed beside its code, so that an API change is a visible diff.

Partners and staff clients integrate against these documents; ``make openapi`` re-exports them and
a test fails when the running code no longer matches what is committed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shared.service import ServiceSpec, discover_services

EXAMPLE_ISSUER = "https://idp.example.gov.cn/realms/ipcase"


def openapi_file(spec: ServiceSpec) -> Path:
    """``services/<name>/openapi.json``: the package's project directory, beside its README."""
    return spec.migrations_dir.parents[2] / "openapi.json"


def openapi_document(spec: ServiceSpec) -> dict[str, Any]:
    """The document production serves (no development routes)."""
    settings = spec.settings(environment="production", auth_issuer=EXAMPLE_ISSUER)
    return spec.create_app(settings).openapi()


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_all() -> list[Path]:
    written = []
    for spec in discover_services().values():
        path = openapi_file(spec)
        path.write_text(render(openapi_document(spec)), encoding="utf-8")
        written.append(path)
    return written


def changed_services() -> list[str]:
    """Services whose running OpenAPI differs from the committed document."""
    changed = []
    for name, spec in discover_services().items():
        path = openapi_file(spec)
        committed = path.read_text(encoding="utf-8") if path.exists() else ""
        if committed != render(openapi_document(spec)):
            changed.append(name)
    return changed
