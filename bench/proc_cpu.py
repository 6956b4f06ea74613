"""CPU seconds of processes from /proc, for the benches (CPU per operation is steadier than rates)."""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int | str) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of ``pid`` so far (0 once it is gone)."""
    fields = _stat(pid)
    return 0.0 if fields is None else (int(fields[11]) + int(fields[12])) / TICKS


def postgres_cpu_seconds(postmaster: int) -> float:
    """CPU (user + system) of a PostgreSQL server: the postmaster, its live backends and its reaped
    children (a backend that exited during the measure is in the postmaster's cutime/cstime)."""
    total = 0
    for entry in Path("/proc").iterdir():
        fields = _stat(entry.name) if entry.name.isdigit() else None
        if fields is None:
            continue
        if int(entry.name) == postmaster:
            total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
        elif int(fields[1]) == postmaster:  # ppid
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def postmaster_of(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().split()[0])
