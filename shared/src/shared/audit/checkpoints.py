"""Signed checkpoints of the chain head: what makes even a rebuilt audit chain detectable.

Every ``AUDIT_CHECKPOINT_INTERVAL`` the worker signs the chain head (sequence number and hash)
with the office's Ed25519 key and keeps the checkpoint twice: in the database and as a JSON file
in ``AUDIT_CHECKPOINT_DIR``, which operators ship off the database host (WORM storage, a print-out,
the records office). Someone who rewrites the log and rebuilds its hashes cannot reproduce the
signatures, and the exported checkpoints still name the old hashes.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.audit.sealer import DEFAULT_BATCH, seal, seal_batch
from shared.audit.tables import AuditTables
from shared.audit.trail import HEAD_ROW
from shared.liveness import Pulse
from shared.retry import sleep_unless_stopped

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    service: str
    seq: int
    hash: str
    signed_at: dt.datetime
    key_id: str
    signature: str

    def message(self) -> bytes:
        return f"ipcase-audit|{self.service}|{self.seq}|{self.hash}|{self.signed_at.isoformat()}".encode()

    def as_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "seq": self.seq,
            "hash": self.hash,
            "signed_at": self.signed_at.isoformat(),
            "key_id": self.key_id,
            "signature": self.signature,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Checkpoint:
        return cls(
            service=str(data["service"]),
            seq=int(data["seq"]),
            hash=str(data["hash"]),
            signed_at=dt.datetime.fromisoformat(str(data["signed_at"])),
            key_id=str(data["key_id"]),
            signature=str(data["signature"]),
        )


class SigningKey:
    """The office's audit signing key (Ed25519, PEM); created on first use in development."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key
        self.public = key.public_key()
        self.key_id = key_id(self.public)

    @classmethod
    def load(cls, path: Path, *, create: bool) -> SigningKey:
        if not path.exists():
            if not create:
                raise FileNotFoundError(f"audit signing key {path} does not exist")
            _write_new_key(path)
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 private key")
        return cls(key)

    def sign(self, service: str, seq: int, head_hash: str, at: dt.datetime) -> Checkpoint:
        unsigned = Checkpoint(service, seq, head_hash, at, self.key_id, "")
        signature = base64.b64encode(self._key.sign(unsigned.message())).decode()
        return Checkpoint(service, seq, head_hash, at, self.key_id, signature)


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_public_key(path: Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} does not hold an Ed25519 public key")
    return key


def signature_valid(checkpoint: Checkpoint, public: Ed25519PublicKey) -> bool:
    try:
        public.verify(base64.b64decode(checkpoint.signature), checkpoint.message())
    except (InvalidSignature, ValueError):
        return False
    return True


async def take_checkpoint(
    session: AsyncSession, tables: AuditTables, key: SigningKey, service: str, at: dt.datetime
) -> Checkpoint | None:
    """Seal what waits, sign the head (if it moved since the last checkpoint) and keep it; None if
    not. The head stays locked until the caller commits, so the checkpoint is of the newest head."""
    await seal_batch(session, tables, limit=DEFAULT_BATCH, wait=True)
    seq, head_hash = (
        await session.execute(
            select(tables.head.c.seq, tables.head.c.hash).where(tables.head.c.id == HEAD_ROW)
        )
    ).one()
    last = await session.scalar(
        select(tables.checkpoints.c.seq).order_by(tables.checkpoints.c.seq.desc()).limit(1)
    )
    if seq == 0 or last == seq:
        return None
    checkpoint = key.sign(service, seq, head_hash, at)
    await session.execute(
        insert(tables.checkpoints)
        .values(
            seq=seq, hash=head_hash, signed_at=at, key_id=checkpoint.key_id, signature=checkpoint.signature
        )
        .on_conflict_do_nothing()
    )
    return checkpoint


def export_checkpoint(checkpoint: Checkpoint, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{checkpoint.service}-{checkpoint.seq:012d}.json"
    path.write_text(json.dumps(checkpoint.as_dict(), indent=2) + "\n", encoding="utf-8")
    return path


def exported_checkpoints(directory: Path, service: str) -> list[Checkpoint]:
    if not directory.exists():
        return []
    return sorted(
        (
            Checkpoint.from_dict(json.loads(p.read_text(encoding="utf-8")))
            for p in directory.glob(f"{service}-*.json")
        ),
        key=lambda c: c.seq,
    )


class Checkpointer:
    """The worker part that signs and exports the chain head at an interval."""

    def __init__(
        self,
        *,
        service: str,
        sessions: async_sessionmaker[AsyncSession],
        tables: AuditTables,
        key: Callable[[], SigningKey],
        directory: Path | None,
        interval: dt.timedelta,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._service, self._sessions, self._tables, self._load_key = service, sessions, tables, key
        self._key: SigningKey | None = None
        self._directory, self._interval, self._clock = directory, interval.total_seconds(), clock

    async def run(self, stop: asyncio.Event, pulse: Pulse) -> None:
        while not stop.is_set():
            pulse.beat()
            checkpoint = await self.checkpoint()
            if checkpoint is not None:
                pulse.progressed()
            await sleep_unless_stopped(stop, self._interval)

    async def checkpoint(self) -> Checkpoint | None:
        self._key = self._key or self._load_key()  # only the worker needs the key, not the API
        await seal(self._sessions, self._tables)
        async with self._sessions() as session, session.begin():
            checkpoint = await take_checkpoint(session, self._tables, self._key, self._service, self._clock())
        if checkpoint is not None and self._directory is not None:
            path = export_checkpoint(checkpoint, self._directory)
            log.info("audit checkpoint signed", service=self._service, seq=checkpoint.seq, file=str(path))
        return checkpoint


def _write_new_key(path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pem)
    temporary.chmod(0o600)
    if not path.exists():
        temporary.replace(path)
    else:
        temporary.unlink()
