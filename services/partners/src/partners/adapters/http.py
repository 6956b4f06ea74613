"""Webhook requests over HTTP (httpx); a transport error is a failed attempt, never an exception."""

from __future__ import annotations

import httpx

from partners.domain.delivery import Attempt, Response


class WebhookClient:
    def __init__(self, timeout: float) -> None:
        self._client = httpx.AsyncClient(timeout=timeout, follow_redirects=False)

    async def send(self, attempt: Attempt) -> Response:
        try:
            response = await self._client.post(
                attempt.url, content=attempt.body.encode(), headers=attempt.headers
            )
        except httpx.HTTPError as exc:
            return Response(None, f"{type(exc).__name__}: {exc}"[:500])
        return Response(response.status_code)

    async def close(self) -> None:
        await self._client.aclose()
