"""Checking an audit chain: every entry hashed onto the one before, no gap, every checkpoint kept.

Reports the first problem in sequence order: a missing sequence number (deleted), a ``prev_hash``
that is not the previous entry's hash (reordered or inserted), a hash that does not match the
entry (edited), or a checkpoint whose entry now has another hash or whose signature is not the
office's (the chain was rebuilt). Works on rows, so it is the same for a live database and for a
dump. On a live database it first seals what waits in ``audit_pending`` (unless asked not to) and
reports that backlog: entries left unsealed for long mean no sealer is running.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shared.audit.chain import ENTRY_FIELDS, GENESIS, entry_hash
from shared.audit.checkpoints import Checkpoint, signature_valid
from shared.audit.sealer import DEFAULT_BATCH, backlog, seal_batch
from shared.audit.tables import AuditTables

HASHED = ("seq", *ENTRY_FIELDS)


@dataclass(frozen=True, slots=True)
class Problem:
    seq: int
    kind: str  # deleted, reordered, edited, rebuilt, forged_checkpoint
    detail: str


@dataclass(frozen=True, slots=True)
class Report:
    entries: int
    checkpoints: int
    problems: tuple[Problem, ...] = field(default=())
    unsealed: int = 0  # entries waiting in audit_pending when the check began
    oldest_unsealed: dt.datetime | None = None
    sealed_now: bool = False  # whether the check sealed them first (then they are verified too)

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        return self.problems[0] if self.problems else None


def verify_rows(
    rows: Sequence[Mapping[str, Any]],
    checkpoints: Iterable[Checkpoint] = (),
    public_key: Ed25519PublicKey | None = None,
    *,
    first_seq: int = 1,
    first_prev_hash: str = GENESIS,
) -> Report:
    """Verify ``rows`` (in ``seq`` order); ``first_*`` anchor a trail whose head was purged."""
    problems: list[Problem] = []
    expected_seq, prev_hash = first_seq, first_prev_hash
    hashes: dict[int, str] = {}
    for row in rows:
        seq = int(row["seq"])
        if seq != expected_seq:
            problems.append(
                Problem(expected_seq, "deleted", f"entries {expected_seq}..{seq - 1} are missing")
            )
        if row["prev_hash"] != prev_hash:
            problems.append(Problem(seq, "reordered", "does not follow the entry before it"))
        if entry_hash(row["hash_alg"], row["prev_hash"], {k: row[k] for k in HASHED}) != row["hash"]:
            problems.append(Problem(seq, "edited", "its contents do not match its hash"))
        hashes[seq], prev_hash, expected_seq = row["hash"], row["hash"], seq + 1
    checked = list(checkpoints)
    for checkpoint in checked:
        if public_key is not None and not signature_valid(checkpoint, public_key):
            problems.append(Problem(checkpoint.seq, "forged_checkpoint", "signature is not the office's"))
        if checkpoint.seq >= first_seq and hashes.get(checkpoint.seq) != checkpoint.hash:
            problems.append(Problem(checkpoint.seq, "rebuilt", "differs from the signed checkpoint"))
    problems.sort(key=lambda p: p.seq)
    return Report(entries=len(rows), checkpoints=len(checked), problems=tuple(problems))


async def verify_trail(
    session: AsyncSession,
    tables: AuditTables,
    exported: Iterable[Checkpoint] = (),
    public_key: Ed25519PublicKey | None = None,
    *,
    seal_first: bool = True,
) -> Report:
    """Verify the live trail against its stored and exported checkpoints (sealing what waits first,
    unless ``seal_first`` is false); the report says how many entries were waiting to be sealed."""
    waiting = await backlog(session, tables)
    await session.commit()
    if seal_first and waiting.entries:
        while await seal_batch(session, tables, limit=DEFAULT_BATCH, wait=True) == DEFAULT_BATCH:
            await session.commit()
        await session.commit()
    report = await _verify_sealed(session, tables, exported, public_key)
    return dataclasses.replace(
        report, unsealed=waiting.entries, oldest_unsealed=waiting.oldest, sealed_now=seal_first
    )


async def _verify_sealed(
    session: AsyncSession,
    tables: AuditTables,
    exported: Iterable[Checkpoint],
    public_key: Ed25519PublicKey | None,
) -> Report:
    rows = (await session.execute(select(tables.log).order_by(tables.log.c.seq))).mappings().all()
    stored = (await session.execute(select(tables.checkpoints).order_by(tables.checkpoints.c.seq))).mappings()
    service = tables.schema
    checkpoints = {c.seq: c for c in exported}
    for row in stored:
        checkpoints.setdefault(
            row["seq"],
            Checkpoint(service, row["seq"], row["hash"], row["signed_at"], row["key_id"], row["signature"]),
        )
    first_seq, first_prev = (int(rows[0]["seq"]), str(rows[0]["prev_hash"])) if rows else (1, GENESIS)
    anchored = first_seq == 1 or any(
        c.seq == first_seq - 1 and c.hash == first_prev for c in checkpoints.values()
    )
    report = verify_rows(
        [dict(row) for row in rows],
        sorted(checkpoints.values(), key=lambda c: c.seq),
        public_key,
        first_seq=first_seq,
        first_prev_hash=first_prev,
    )
    if not anchored:
        missing = Problem(
            first_seq, "deleted", "the oldest entries are gone and no checkpoint vouches for the rest"
        )
        return Report(report.entries, report.checkpoints, (missing, *report.problems))
    return report
