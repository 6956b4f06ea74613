"""/docs and /redoc work on an air-gapped intranet: every asset comes from the service itself."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from shared.service import discover_services
from shared.web.openapi_docs import EXAMPLE_ISSUER

_REFERENCE = re.compile(
    r"""(?:src|href|spec-url)\s*=\s*["']([^"']+)["']"""  # HTML attributes
    r"""|(?:Url|url)\s*:\s*["']([^"']+)["']"""  # Swagger UI's configuration object
)
_ABSOLUTE = re.compile(r"""(?:https?:)?//[a-z0-9.-]+""", re.IGNORECASE)


@pytest.fixture(params=sorted(discover_services()))
async def client(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    spec = discover_services()[request.param]
    app = spec.create_app(spec.settings(environment="production", auth_issuer=EXAMPLE_ISSUER))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://service.internal") as client:
        yield client


def references(html: str) -> list[str]:
    return [src or url for src, url in _REFERENCE.findall(html)]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_the_docs_page_names_no_other_host(client: httpx.AsyncClient, page: str) -> None:
    response = await client.get(page)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert _ABSOLUTE.findall(response.text) == []
    assert references(response.text), "the page loads its UI from somewhere"
    assert all(ref.startswith("/") for ref in references(response.text))


@pytest.mark.parametrize(
    ("page", "kinds"),
    [("/docs", {"javascript", "css", "png", "json"}), ("/redoc", {"javascript", "png", "json"})],
)
async def test_every_asset_the_docs_page_loads_is_served_here_without_a_token(
    client: httpx.AsyncClient, page: str, kinds: set[str]
) -> None:
    html = (await client.get(page)).text

    served = {}
    for ref in references(html):
        asset = await client.get(ref)
        assert asset.status_code == 200, ref
        assert len(asset.content) > 100, ref
        served[ref] = asset.headers["content-type"]

    assert {kind for kind in kinds if any(kind in content_type for content_type in served.values())} == kinds


async def test_swagger_ui_sends_the_document_to_no_public_validator(client: httpx.AsyncClient) -> None:
    html = (await client.get("/docs")).text

    assert '"validatorUrl": null' in html
