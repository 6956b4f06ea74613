"""Uploads are what they claim, are named safely, are served inertly, and can be held for a scan."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import AsyncIterator

import pytest

from shared.files import (
    EVIDENCE_TYPES,
    ClamdScanner,
    FileRejected,
    ScanResult,
    check_content,
    content_disposition,
    safe_filename,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


@pytest.mark.parametrize(
    ("declared", "content", "accepted"),
    [
        ("image/png", PNG, True),
        ("application/pdf", PDF, True),
        ("image/png", HTML, False),  # a web page calling itself a picture
        ("application/pdf", EXE, False),  # a Windows executable calling itself a PDF
        ("image/png", PDF, False),
        ("text/plain", "证据说明\n".encode(), True),
        ("text/plain", b"text\x00with NUL", False),
        ("application/x-msdownload", EXE, False),
        ("text/html", HTML, False),
    ],
)
def test_the_content_must_be_what_is_declared_and_allowed(
    declared: str, content: bytes, accepted: bool
) -> None:
    if accepted:
        assert check_content(declared, content, EVIDENCE_TYPES) == declared
    else:
        with pytest.raises(FileRejected):
            check_content(declared, content, EVIDENCE_TYPES)


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../../../etc/passwd.png", "passwd.png"),
        ("C:\\Users\\x\\证据.pdf", "证据.pdf"),
        ("a\x00b\x1b.png", "a_b_.png"),
        ("...", "file"),
        ("ａｂｃ．ｐｎｇ", "abc.png"),  # full width
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_file_names_are_reduced_to_a_safe_base_name(raw: str, safe: str) -> None:
    assert safe_filename(raw) == safe


def test_downloads_name_the_file_per_rfc_6266() -> None:
    assert content_disposition("证据 1.pdf") == (
        "attachment; filename=\"__ 1.pdf\"; filename*=UTF-8''%E8%AF%81%E6%8D%AE%201.pdf"
    )


async def _clamd(reply: bytes) -> tuple[asyncio.AbstractServer, int, list[bytes]]:
    received: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        assert await reader.readexactly(10) == b"zINSTREAM\0"
        while True:
            (size,) = struct.unpack(">I", await reader.readexactly(4))
            if size == 0:
                break
            received.append(await reader.readexactly(size))
        writer.write(reply)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1], received


async def _chunks(*blocks: bytes) -> AsyncIterator[bytes]:
    for block in blocks:
        yield block


@pytest.mark.parametrize(
    ("reply", "result"),
    [(b"stream: OK\0", ScanResult.CLEAN), (b"stream: Eicar-Signature FOUND\0", ScanResult.INFECTED)],
)
async def test_a_clamd_scan_streams_the_file_and_reads_the_verdict(reply: bytes, result: ScanResult) -> None:
    server, port, received = await _clamd(reply)
    async with server:
        scan = await ClamdScanner("127.0.0.1", port, chunk=4).scan(_chunks(b"hello ", b"world"))
    assert scan.result is result
    assert b"".join(received) == b"hello world"
    if result is ScanResult.INFECTED:
        assert scan.signature == "Eicar-Signature"


async def test_an_unreachable_scanner_leaves_the_file_pending() -> None:
    scan = await ClamdScanner("127.0.0.1", 1, timeout=2).scan(_chunks(b"x"))
    assert scan.result is ScanResult.PENDING
