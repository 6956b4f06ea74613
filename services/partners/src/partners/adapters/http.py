"""Webhook requests over HTTP (aiohttp); a transport error is a failed attempt, never an exception.

aiohttp rather than httpx: a webhook request costs about 0.12 ms of CPU here against httpx's 1.8 ms
(bench/README, "Webhook HTTP client"), and at 200 deliveries a second that difference was a third
of the partners process. Redirects are not followed (the registered URL is the endpoint); proxies
come from ``PARTNERS_WEBHOOK_PROXY``, never from the environment; HTTPS endpoints are verified
against the system's trust store, or ``PARTNERS_WEBHOOK_CA_FILE`` if set.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import aiohttp

from partners.domain.delivery import Attempt, Response

USER_AGENT = "ipcase-partners-webhooks"
# A receiver is asked for its status, not its body; what it sends beyond this is not read, and the
# connection is then closed instead of reused.
RESPONSE_BODY_READ_MAX = 64 * 1024


class WebhookClient:
    """One connection pool for every webhook; opened on the first request, inside the running loop."""

    def __init__(
        self,
        timeout: float,
        *,
        connections: int = 100,
        proxy: str | None = None,
        ca_file: Path | None = None,
    ) -> None:
        self._timeout = timeout
        self._connections = connections
        self._proxy = proxy
        self._ca_file = ca_file
        self._session: aiohttp.ClientSession | None = None

    def _opened(self) -> aiohttp.ClientSession:
        if self._session is None:
            # the system's trust store, or the one the operator names (an intranet's own CA)
            trust = ssl.create_default_context(cafile=str(self._ca_file) if self._ca_file else None)
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections, ssl=trust),
                timeout=aiohttp.ClientTimeout(total=self._timeout),
                headers={"user-agent": USER_AGENT},
                trust_env=False,
                auto_decompress=False,
            )
        return self._session

    async def send(self, attempt: Attempt) -> Response:
        try:
            async with self._opened().post(
                attempt.url,
                data=attempt.body.encode(),
                headers=attempt.headers,
                allow_redirects=False,
                proxy=self._proxy,
            ) as response:
                await response.content.read(RESPONSE_BODY_READ_MAX)
                return Response(response.status)
        except TimeoutError:
            return Response(None, f"Timeout: no response within {self._timeout:g} s")
        except aiohttp.ClientError as exc:
            return Response(None, f"{type(exc).__name__}: {exc}"[:500])

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
