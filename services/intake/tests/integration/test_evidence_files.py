"""Evidence files: what they really are, what they are called, how they come back, how big they may
be, and the virus scan (a small clamd peer speaking the real INSTREAM protocol)."""

from __future__ import annotations

import asyncio
import struct
import urllib.parse
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio

from intake.testing import complaint_body
from shared.identity.principals import Role
from shared.testing.services import RunningService

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><script>fetch('/steal?c='+document.cookie)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd:
    """A clamd peer: ``zINSTREAM\\0``, then length-prefixed chunks ending with a zero length; answers
    ``stream: OK`` or ``stream: <signature> FOUND`` (NUL-terminated), as clamd does."""

    def __init__(self) -> None:
        self.scanned = 0
        self.server: asyncio.Server | None = None

    async def start(self, port: int = 0) -> int:
        self.server = await asyncio.start_server(self._session, "127.0.0.1", port)
        return int(self.server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        command = await reader.readuntil(b"\0")
        if command != b"zINSTREAM\0":
            writer.write(b"UNKNOWN COMMAND\0")
        else:
            content = bytearray()
            while length := struct.unpack(">I", await reader.readexactly(4))[0]:
                content += await reader.readexactly(length)
            self.scanned += 1
            found = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in content
            writer.write(b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0")
        await writer.drain()
        writer.close()


@pytest_asyncio.fixture(loop_scope="session")
async def clamd() -> AsyncIterator[FakeClamd]:
    server = FakeClamd()
    yield server
    await server.stop()


async def complaint_of(client: httpx.AsyncClient) -> str:
    created = await client.post("/v1/complaints", json=complaint_body())
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def upload(
    client: httpx.AsyncClient, complaint_id: str, name: str, content: bytes, media: str
) -> httpx.Response:
    return await client.post(
        f"/v1/complaints/{complaint_id}/evidence", files={"file": (name, content, media)}
    )


def refused_file(response: httpx.Response, code: str = "evidence_rejected") -> bool:
    body: dict[str, Any] = response.json()
    return (
        response.status_code == 422
        and body["code"] == code
        and [e["field"] for e in body["errors"]] == ["file"]
    )


async def test_content_must_be_what_it_claims_and_names_are_normalised(intake: RunningService) -> None:
    client = intake.client(Role.STAFF)
    complaint_id = await complaint_of(client)

    assert refused_file(await upload(client, complaint_id, "../../../../etc/passwd.png", HTML, "image/png"))
    assert refused_file(await upload(client, complaint_id, "notarial.pdf", EXE, "application/pdf"))
    assert refused_file(await upload(client, complaint_id, "page.html", HTML, "text/html"))
    assert refused_file(await upload(client, complaint_id, "scan.png", PDF, "image/png"))
    nul = await client.post(
        f"/v1/complaints/{complaint_id}/evidence",
        files={"file": ("a.pdf", PDF, "application/pdf")},
        data={"description": "公证\x00书", "source": "平台\x1b"},
    )
    assert nul.status_code == 422 and [e["field"] for e in nul.json()["errors"]] == ["source", "description"]

    stored = await upload(client, complaint_id, "..\\..\\公证书 第1号.pdf", PDF, "application/pdf")
    assert stored.status_code == 201, stored.text
    assert (
        stored.json()["file_name"] == "公证书 第1号.pdf" and stored.json()["media_type"] == "application/pdf"
    )
    assert stored.json()["scan_status"] == "not_scanned"  # no scanner configured here
    listed = (await client.get(f"/v1/complaints/{complaint_id}/evidence")).json()["items"]
    assert [i["file_name"] for i in listed] == ["公证书 第1号.pdf"]

    again = await upload(client, complaint_id, "copy.pdf", PDF, "application/pdf")
    assert again.status_code == 409 and [e["field"] for e in again.json()["errors"]] == ["file"]

    download = await client.get(stored.headers["location"] + "/content")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in download.headers["content-security-policy"]
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" + urllib.parse.quote("公证书 第1号.pdf", safe="") in disposition
    trail = await intake.client(Role.AUDITOR).get(
        "/v1/audit-trail", params={"object_id": complaint_id, "action": "intake.evidence.download"}
    )
    (entry,) = trail.json()["items"]
    assert entry["outcome"] == "read" and entry["details"]["evidence_id"] == stored.json()["id"]


async def test_an_upload_beyond_the_limit_is_refused_with_a_problem(start_intake: Any) -> None:
    intake = await start_intake(evidence_max_bytes=256 * 1024)
    client = intake.client(Role.STAFF)
    complaint_id = await complaint_of(client)

    too_big = await upload(client, complaint_id, "big.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")
    assert too_big.status_code == 413, too_big.text
    assert too_big.json()["code"] == "payload_too_large"
    assert (await client.get(f"/v1/complaints/{complaint_id}/evidence")).json()["items"] == []


async def test_files_are_scanned_an_infected_one_refused_and_an_unscanned_one_held(
    start_intake: Any, clamd: FakeClamd
) -> None:
    port = await clamd.start()
    intake = await start_intake(clamd_host="127.0.0.1", clamd_port=port)
    client = intake.client(Role.STAFF)
    complaint_id = await complaint_of(client)

    clean = await upload(client, complaint_id, "notarial.pdf", PDF, "application/pdf")
    assert clean.status_code == 201 and clean.json()["scan_status"] == "clean"
    infected = await upload(client, complaint_id, "readme.txt", EICAR, "text/plain")
    assert refused_file(infected) and infected.json()["errors"][0]["code"] == "infected"
    assert clamd.scanned == 2

    await clamd.stop()  # the scanner goes away: a file is kept, but held
    held = await upload(client, complaint_id, "later.txt", "补充说明".encode(), "text/plain")
    assert held.status_code == 201 and held.json()["scan_status"] == "pending_scan"
    content = held.headers["location"] + "/content"
    not_yet = await client.get(content)
    assert (not_yet.status_code, not_yet.json()["code"]) == (409, "evidence_pending_scan")

    await clamd.start(port)  # back: the next download scans it again, and serves it once it passes
    served = await client.get(content)
    assert served.status_code == 200 and served.content == "补充说明".encode()
    items = (await client.get(f"/v1/complaints/{complaint_id}/evidence")).json()["items"]
    assert {i["file_name"]: i["scan_status"] for i in items} == {
        "notarial.pdf": "clean",
        "later.txt": "clean",
    }
