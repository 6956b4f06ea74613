"""The committed OpenAPI documents are what the services serve: an API change is always a visible diff."""

from __future__ import annotations

from shared.web.openapi_docs import changed_services


def test_every_services_api_matches_its_committed_openapi_document() -> None:
    changed = changed_services()
    assert not changed, f"the API of {changed} changed: review it, then run `make schemas` and commit"
