"""Evidence files on disk and their rows: stage (hash while copying), promote, or discard.

An upload is copied to a staging file while its SHA-256 and size are computed; the handler's
transaction moves it into place (an atomic rename) just before commit, and the caller discards
both paths if anything fails, so a failed upload leaves neither a row nor a file.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import evidence
from intake.domain.errors import EvidenceRejected
from intake.domain.vocabulary import ScanStatus
from shared.errors import FieldError
from shared.files import ClamdScanner, ScanResult

CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class StagedFile:
    staging_path: Path
    final_path: Path
    storage_key: str
    sha256: str
    size_bytes: int


class EvidenceFiles:
    """Evidence files on disk; with a ``scanner`` (clamd), each file is scanned before it is kept."""

    def __init__(self, root: Path, max_bytes: int, scanner: ClamdScanner | None = None) -> None:
        self._root, self._max_bytes, self._scanner = root, max_bytes, scanner

    async def scan(self, staged: StagedFile) -> ScanStatus:
        """Scan a staged file: an infected one is refused (the caller discards it)."""
        status = await self._scan(staged.staging_path)
        if status is ScanStatus.INFECTED:
            en, zh = "The file contains a virus", "文件含有病毒"
            raise EvidenceRejected(en, zh, field_errors=[FieldError("file", "infected", en, zh)])
        return status

    async def scan_stored(self, storage_key: str) -> ScanStatus:
        return await self._scan(self.path_of(storage_key))

    async def _scan(self, path: Path) -> ScanStatus:
        if self._scanner is None:
            return ScanStatus.NOT_SCANNED
        scan = await self._scanner.scan(_chunks(path))
        return {
            ScanResult.CLEAN: ScanStatus.CLEAN,
            ScanResult.INFECTED: ScanStatus.INFECTED,
            ScanResult.PENDING: ScanStatus.PENDING,
        }[scan.result]

    async def stage(self, source: BinaryIO, complaint_id: uuid.UUID, evidence_id: uuid.UUID) -> StagedFile:
        storage_key = f"{complaint_id}/{evidence_id}"
        staging = self._staging_path(evidence_id)
        return await asyncio.to_thread(self._copy, source, staging, storage_key)

    def promote(self, evidence_id: uuid.UUID, storage_key: str) -> None:
        """Move a staged file into place (an atomic rename on one file system)."""
        final = self._root / storage_key
        final.parent.mkdir(parents=True, exist_ok=True)
        self._staging_path(evidence_id).replace(final)

    def discard(self, staged: StagedFile) -> None:
        staged.staging_path.unlink(missing_ok=True)
        staged.final_path.unlink(missing_ok=True)

    def _staging_path(self, evidence_id: uuid.UUID) -> Path:
        return self._root / ".staging" / f"{evidence_id}.part"

    def path_of(self, storage_key: str) -> Path:
        return self._root / storage_key

    def _copy(self, source: BinaryIO, staging: Path, storage_key: str) -> StagedFile:
        staging.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        try:
            with staging.open("wb") as target:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if size > self._max_bytes:
                        raise _too_large(self._max_bytes)
                    digest.update(chunk)
                    target.write(chunk)
        except BaseException:
            staging.unlink(missing_ok=True)
            raise
        if size == 0:
            staging.unlink(missing_ok=True)
            raise EvidenceRejected(
                "The file is empty",
                "文件为空",
                field_errors=[FieldError("file", "empty", "The file is empty", "文件为空")],
            )
        return StagedFile(staging, self._root / storage_key, storage_key, digest.hexdigest(), size)


async def _chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as source:
        while chunk := await asyncio.to_thread(source.read, CHUNK):
            yield chunk


def _too_large(limit: int) -> EvidenceRejected:
    en, zh = f"The file exceeds {limit} bytes", f"文件超过 {limit} 字节"
    return EvidenceRejected(en, zh, field_errors=[FieldError("file", "too_large", en, zh)])


class EvidenceRows:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, **values: object) -> None:
        await self._session.execute(insert(evidence).values(**values))

    async def set_scan_status(self, evidence_id: uuid.UUID, scan_status: str) -> None:
        await self._session.execute(
            update(evidence).where(evidence.c.id == evidence_id).values(scan_status=scan_status)
        )

    async def find_by_hash(self, complaint_id: uuid.UUID, sha256: str) -> uuid.UUID | None:
        return await self._session.scalar(
            select(evidence.c.id).where(evidence.c.complaint_id == complaint_id, evidence.c.sha256 == sha256)
        )

    async def refs(self, complaint_id: uuid.UUID) -> list[dict[str, object]]:
        rows = await self._session.execute(
            select(evidence).where(evidence.c.complaint_id == complaint_id).order_by(evidence.c.uploaded_at)
        )
        return [dict(row) for row in rows.mappings()]
