"""Uploaded files: what they really are, what they may be called, and how they are served back.

* The type is detected from the content (magic bytes, ``puremagic``) and must agree with the
  declared type and be on the allow-list of the use (evidence, an import file); executables and
  HTML are never accepted, whatever they claim to be.
* A file name is reduced to a safe base name (no directories, no control characters, no reserved
  characters, at most 120 characters) and sent back with an RFC 6266 ``filename*``.
* Downloads carry ``nosniff`` and a ``Content-Security-Policy`` that runs nothing.
* An optional virus scan (the clamd ``INSTREAM`` protocol) holds a file as "pending scan" until it
  passes; a file it finds infected is refused.
"""

from __future__ import annotations

import asyncio
import struct
import unicodedata
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass
from enum import StrEnum

import puremagic

ZIP_FAMILY = frozenset(
    {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    }
)
EVIDENCE_TYPES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/tiff",
        "image/gif",
        "image/webp",
        "video/mp4",
        "audio/mpeg",
        "application/msword",
        "application/vnd.ms-excel",
        "text/plain",
        *ZIP_FAMILY,
    }
)
IMPORT_TYPES = frozenset({"text/csv", "application/json", "text/plain"})
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
}
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_MARKUP = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")
_RESERVED = set('<>:"/\\|?*') | {chr(c) for c in range(32)} | {"\x7f"}
HEAD_BYTES = 8192


class FileRejected(ValueError):
    """The content is not what it claims, or not what this use accepts."""


def detect_media_types(head: bytes) -> frozenset[str]:
    """Every media type the first bytes are consistent with (empty when nothing is recognised)."""
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return frozenset()
    found = {m.mime_type for m in matches if m.mime_type}
    if found & ZIP_FAMILY or head.startswith(b"PK\x03\x04"):
        found |= {"application/zip"}
    return frozenset(found)


def check_content(declared: str, head: bytes, allowed: frozenset[str]) -> str:
    """The media type to store, if ``head`` really is ``declared`` and ``declared`` is allowed.

    Raises :class:`FileRejected` with the reason otherwise.
    """
    media_type = declared.split(";")[0].strip().lower()
    if media_type not in allowed:
        raise FileRejected(f"{media_type or 'no type'} is not accepted here")
    lowered = head[:256].lstrip().lower()
    if head.startswith(_EXECUTABLE_MAGIC) or lowered.startswith(_MARKUP):
        raise FileRejected("executables and web pages are never accepted")
    detected = detect_media_types(head)
    if media_type.startswith("text/") or media_type == "application/json":
        if detected - {"text/plain", "text/csv", "application/json"} or not _is_text(head):
            raise FileRejected(f"the content is not {media_type}")
        return media_type
    if media_type in ZIP_FAMILY and detected & ZIP_FAMILY:
        return media_type
    if media_type not in detected:
        actual = ", ".join(sorted(detected)) or "unrecognised content"
        raise FileRejected(f"declared {media_type}, but the content is {actual}")
    return media_type


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 4  # a multi-byte character cut by the head is fine
    return True


def safe_filename(raw: str, *, fallback: str = "file") -> str:
    """A base name safe to store and to send back: ``../../etc/passwd.png`` -> ``passwd.png``."""
    name = unicodedata.normalize("NFKC", raw).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join("_" if c in _RESERVED else c for c in name).strip(" .")
    if not name:
        return fallback
    stem, dot, extension = name.rpartition(".")
    if dot and len(extension) <= 10:
        return stem[: 120 - len(extension) - 1] + "." + extension
    return name[:120]


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """RFC 6266: an ASCII fallback and the exact name as ``filename*`` (UTF-8, percent-encoded)."""
    name = safe_filename(filename)
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    encoded = urllib.parse.quote(name, safe="")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"


class ScanResult(StrEnum):
    CLEAN = "clean"
    INFECTED = "infected"
    PENDING = "pending_scan"  # the scanner could not be reached: the file waits, unserved


@dataclass(frozen=True, slots=True)
class Scan:
    result: ScanResult
    signature: str | None = None


class ClamdScanner:
    """A virus scan over the clamd ``INSTREAM`` protocol (clamd on the office's network)."""

    def __init__(self, host: str, port: int, *, timeout: float = 30.0, chunk: int = 64 * 1024) -> None:
        self._host, self._port, self._timeout, self._chunk = host, port, timeout, chunk

    async def scan(self, content: AsyncIterator[bytes]) -> Scan:
        try:
            async with asyncio.timeout(self._timeout):
                reader, writer = await asyncio.open_connection(self._host, self._port)
                try:
                    writer.write(b"zINSTREAM\0")
                    async for block in content:
                        for start in range(0, len(block), self._chunk):
                            piece = block[start : start + self._chunk]
                            writer.write(struct.pack(">I", len(piece)) + piece)
                            await writer.drain()
                    writer.write(struct.pack(">I", 0))
                    await writer.drain()
                    reply = (await reader.read(4096)).rstrip(b"\0").decode(errors="replace")
                finally:
                    writer.close()
        except (OSError, TimeoutError):
            return Scan(ScanResult.PENDING)
        if reply.endswith("OK"):
            return Scan(ScanResult.CLEAN)
        if reply.endswith("FOUND"):
            return Scan(ScanResult.INFECTED, reply.removeprefix("stream:").removesuffix("FOUND").strip())
        return Scan(ScanResult.PENDING)
