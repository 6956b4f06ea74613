"""The webhook HTTP client against real endpoints: what it sends, what it records of an answer, and
that every transport failure is a failed attempt, never an exception."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest_asyncio
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from partners.adapters.http import USER_AGENT, WebhookClient
from partners.domain.delivery import Attempt
from shared.devstack.ports import free_port
from shared.testing.serving import serving

BODY = '{"id":"e1","data":{"名称":"甲公司"}}'
HEADERS = {"content-type": "application/cloudevents+json; charset=utf-8", "webhook-id": "e1"}


@dataclass
class Seen:
    requests: list[dict[str, Any]] = field(default_factory=list)


MakeClient = Callable[..., WebhookClient]


@pytest_asyncio.fixture
async def webhook_client() -> AsyncIterator[MakeClient]:
    """Makes webhook clients (5 s timeout, ``**options`` as the service passes them), closed after."""
    made: list[WebhookClient] = []

    def make(**options: Any) -> WebhookClient:
        made.append(WebhookClient(timeout=5.0, **options))
        return made[-1]

    yield make
    for client in made:
        await client.close()


@pytest_asyncio.fixture
async def endpoint() -> AsyncIterator[tuple[str, Seen]]:
    """``/ok`` 204, ``/moved`` 307 to ``/ok``, ``/big`` 200 with 1 MiB; every request is noted."""
    seen = Seen()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {key.decode(): value.decode() for key, value in scope["headers"]}
        seen.requests.append(
            {"path": scope["path"], "method": scope["method"], "headers": headers, "body": body}
        )
        status, extra, payload = {
            "/ok": (204, [], b""),
            "/moved": (307, [(b"location", b"/ok")], b""),
            "/big": (200, [], b"x" * (1 << 20)),
        }[scope["path"]]
        await send({"type": "http.response.start", "status": status, "headers": extra})
        await send({"type": "http.response.body", "body": payload})

    async with serving(app, what="the webhook endpoint") as base:
        yield base, seen


async def test_the_request_carries_the_body_and_headers_as_signed_and_the_status_is_recorded(
    webhook_client: MakeClient,
    endpoint: tuple[str, Seen],
) -> None:
    base, seen = endpoint
    client = webhook_client()
    first = await client.send(Attempt(f"{base}/ok", HEADERS, BODY))
    second = await client.send(Attempt(f"{base}/ok", HEADERS, BODY))

    assert (first.status_code, first.error, second.status_code) == (204, None, 204)
    request = seen.requests[0]
    assert request["method"] == "POST" and request["body"] == BODY.encode()
    assert request["headers"]["content-type"] == HEADERS["content-type"]
    assert request["headers"]["webhook-id"] == "e1" and request["headers"]["user-agent"] == USER_AGENT


async def test_a_redirect_is_an_answer_not_followed(
    webhook_client: MakeClient, endpoint: tuple[str, Seen]
) -> None:
    base, seen = endpoint
    client = webhook_client()
    response = await client.send(Attempt(f"{base}/moved", HEADERS, BODY))

    assert response.status_code == 307 and not response.ok
    assert [request["path"] for request in seen.requests] == ["/moved"]


async def test_a_large_answer_is_not_read_whole_and_the_next_request_still_goes_out(
    webhook_client: MakeClient,
    endpoint: tuple[str, Seen],
) -> None:
    base, seen = endpoint
    client = webhook_client()
    big = await client.send(Attempt(f"{base}/big", HEADERS, BODY))
    after = await client.send(Attempt(f"{base}/ok", HEADERS, BODY))

    assert (big.status_code, after.status_code) == (200, 204)
    assert [request["path"] for request in seen.requests] == ["/big", "/ok"]


async def test_a_refused_connection_is_a_failed_attempt_with_its_cause(webhook_client: MakeClient) -> None:
    client = webhook_client()
    response = await client.send(Attempt(f"http://127.0.0.1:{free_port()}/hook", HEADERS, BODY))

    assert response.status_code is None and not response.ok
    assert response.error is not None and response.error.startswith("ClientConnectorError: ")


async def test_requests_go_through_the_configured_proxy(
    webhook_client: MakeClient, endpoint: tuple[str, Seen]
) -> None:
    """The proxy (the test's endpoint) is asked for the partner's absolute URL; the partner's own
    address is never connected to."""
    proxy, seen = endpoint
    partner = f"http://127.0.0.1:{free_port()}/ok"
    client = webhook_client(proxy=proxy)
    response = await client.send(Attempt(partner, HEADERS, BODY))

    assert response.status_code == 204
    assert [request["path"] for request in seen.requests] == ["/ok"]
    assert seen.requests[0]["headers"]["host"] == partner.removeprefix("http://").removesuffix("/ok")


def certificate_authority(directory: Path) -> tuple[Path, tuple[Path, Path]]:
    """An intranet's own CA, and a certificate it signed for 127.0.0.1 with its key (PEM files)."""
    now = dt.datetime.now(dt.UTC)
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "某省知识产权保护中心 测试 CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "court-endpoint")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return ca_file, (cert_file, key_file)


async def test_an_https_endpoint_is_trusted_through_the_configured_ca_and_not_otherwise(
    webhook_client: MakeClient,
    tmp_path: Path,
) -> None:
    ca_file, tls = certificate_authority(tmp_path)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})

    async with serving(app, what="the court's HTTPS endpoint", tls=tls) as base:
        assert base.startswith("https://")
        trusting, untrusting = webhook_client(ca_file=ca_file), webhook_client()
        trusted = await trusting.send(Attempt(f"{base}/hook", HEADERS, BODY))
        refused = await untrusting.send(Attempt(f"{base}/hook", HEADERS, BODY))

    assert trusted.status_code == 204
    assert refused.status_code is None and refused.error is not None
    assert refused.error.startswith("ClientConnectorCertificateError: ")
