"""``ipcase import``: upload a file to a service's import endpoint and follow the job to its end.

The command line acts as the person whose token it carries: the service decides what they may
import and where the rows belong, exactly as for any other request. The file is streamed up (not
read whole), and the job's progress is polled and drawn as a progress bar.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

FINISHED = frozenset({"completed", "failed"})


class ImportRefused(Exception):
    """The service refused the upload or the job could not be read (the problem's detail)."""


@dataclass(frozen=True, slots=True)
class ImportClient:
    base_url: str
    token: str
    timeout: float = 60.0

    def _client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=self.timeout,
        )

    def upload(self, path: Path, endpoint: str, idempotency_key: str | None = None) -> dict[str, Any]:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        with self._client() as client, path.open("rb") as handle:
            response = client.post(
                endpoint, files={"file": (path.name, handle, "application/octet-stream")}, headers=headers
            )
        return _json(response)

    def job(self, location: str) -> dict[str, Any]:
        with self._client() as client:
            return _json(client.get(location))

    def download(self, location: str, target: Path) -> None:
        with self._client() as client, client.stream("GET", location) as response, target.open("wb") as out:
            if response.status_code >= 400:
                response.read()
                _json(response)
            for chunk in response.iter_bytes():
                out.write(chunk)

    def follow(
        self,
        location: str,
        *,
        console: Console,
        poll_seconds: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> dict[str, Any]:
        """Poll the job and draw its progress until it is completed or failed; return its last state."""
        columns = (
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.percentage:>5.1f}%"),
            TextColumn("{task.fields[counts]}"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, transient=False) as bar:
            task = bar.add_task("importing", total=None, counts="")
            while True:
                job = self.job(location)
                counts = (
                    f"imported {job['imported']} · skipped {job['skipped']} · refused {job['failed_rows']}"
                )
                bar.update(task, total=job["total_rows"], completed=job["processed_rows"], counts=counts)
                if job["status"] in FINISHED:
                    return job
                sleep(poll_seconds)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body: dict[str, Any] = response.json()
    except ValueError:
        body = {"detail": response.text[:500]}
    if response.status_code >= 400:
        detail = body.get("detail") or body.get("title") or response.reason_phrase
        errors = "; ".join(f"{e.get('field')}: {e.get('message')}" for e in body.get("errors", []))
        raise ImportRefused(f"{response.status_code} {detail}" + (f" ({errors})" if errors else ""))
    return body
