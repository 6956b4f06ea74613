"""Fuzzing every service's API with schemathesis on a stack of real processes.

``make fuzz`` (a long pass) and the CI gate in ``tests/fuzz/`` (a short one) both come here: the
stack runs the four services as API and worker processes; schemathesis generates requests from
each service's own OpenAPI document (examples, coverage, fuzzing, and stateful sequences that
follow created resources), with a token that holds every role, and checks every response: never a
5xx, always a documented status, content type, headers and schema. The HAR report it writes is
counted here (requests and server errors per service).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from shared.identity.dev_issuer import DevIssuer
from shared.identity.principals import NATIONAL_OFFICE, Role
from shared.testing.stack import ProcessStack
from shared.web.identity import all_audiences

PHASES = "examples,coverage,fuzzing,stateful"
# What the gate holds every response to. Not "schema-valid data is accepted" or "invalid data is
# refused": business rules rightly refuse well-formed requests (409), and text with control
# characters is refused by the input policy although JSON Schema allows it.
CHECKS = ",".join(
    (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "allow_header_conformance",
        "missing_required_header",
        "ignored_auth",
        "use_after_free",
        "ensure_resource_availability",
    )
)


@dataclass
class FuzzResult:
    service: str
    requests: int = 0
    server_errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    exit_code: int = 0
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return self.server_errors == 0 and self.exit_code == 0

    def line(self) -> str:
        failing = f", {len(self.failures)} failing check(s)" if self.failures else ""
        return (
            f"{self.service:<13} {self.requests:>7} requests, {self.server_errors} server errors"
            f"{failing} in {self.seconds:.0f} s"
        )


def fuzz_token(stack: ProcessStack) -> str:
    """A person of the national office holding every role: every route is reachable."""
    issuer = DevIssuer(stack.issuer_key_file, stack.issuer_url, all_audiences())
    return issuer.issue("fuzzer", list(Role), office_code=NATIONAL_OFFICE)


async def fuzz_service(
    stack: ProcessStack,
    service: str,
    *,
    report_dir: Path,
    max_time: int,
    max_examples: int,
    seed: int = 20261206,
    workers: int = 1,  # two threads hit a CPython AST race inside hypothesis ("Runtime Error")
) -> FuzzResult:
    url = stack.url(f"{service}-api")
    har = report_dir / f"{service}.har"
    ndjson = report_dir / f"{service}.ndjson"
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "run", f"{url}/openapi.json",
        "--url", url,
        "-H", f"Authorization: Bearer {fuzz_token(stack)}",
        "--phases", PHASES, "--checks", CHECKS,
        "--max-time", str(max_time), "--max-examples", str(max_examples),
        "--seed", str(seed), "--workers", str(workers),
        "--request-timeout", "30", "--generation-database", "none", "--no-color",
        "--report", "har,ndjson", "--report-har-path", str(har), "--report-ndjson-path", str(ndjson),
        "--suppress-health-check", "all",
    ]  # fmt: skip
    began = time.monotonic()
    with (report_dir / f"{service}.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
            env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
            cwd=report_dir,  # schemathesis keeps a cache in its working directory
        )
        exit_code = await process.wait()
    result = FuzzResult(service, exit_code=exit_code, seconds=time.monotonic() - began)
    _count(har, result)
    result.failures = _failures(ndjson)
    return result


def _count(har: Path, result: FuzzResult) -> None:
    if not har.exists():
        return
    entries = json.loads(har.read_text(encoding="utf-8")).get("log", {}).get("entries", [])
    for entry in entries:
        status = int(entry.get("response", {}).get("status", 0))
        result.requests += 1
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status >= 500:
            result.server_errors += 1


def _failures(ndjson: Path) -> list[str]:
    if not ndjson.exists():
        return []
    found: list[str] = []
    for line in ndjson.read_text(encoding="utf-8").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        for check in _failed_checks(event):
            if check not in found:
                found.append(check)
    return found


def _failure_summary(check: dict[str, object]) -> str:
    """``ST103 POST /v1/x: Undocumented status code`` from a failed check's ``failure_info``."""
    info = check.get("failure_info")
    failure = info.get("failure") if isinstance(info, dict) else None
    if not isinstance(failure, dict):
        return str(check.get("message", ""))[:200]
    return f"{failure.get('code', '')} {failure.get('operation', '')}: {failure.get('title', '')}"[:200]


def _failed_checks(event: object) -> list[str]:
    """Names of failed checks anywhere in an ndjson event (its shape varies by event kind)."""
    names: list[str] = []
    if isinstance(event, dict):
        if str(event.get("status", "")).lower() == "failure" and isinstance(event.get("name"), str):
            names.append(f"{event['name']}: {_failure_summary(event)}")
        for value in event.values():
            names += _failed_checks(value)
    elif isinstance(event, list):
        for value in event:
            names += _failed_checks(value)
    return names


async def fuzz_all(
    workdir: Path, *, services: tuple[str, ...], max_time: int, max_examples: int, seed: int
) -> list[FuzzResult]:
    """Start the stack, fuzz each service in turn, stop the stack."""
    stack = ProcessStack(workdir, services=services)
    try:
        await stack.start()
        return [
            await fuzz_service(
                stack, name, report_dir=workdir, max_time=max_time, max_examples=max_examples, seed=seed
            )
            for name in services
        ]
    finally:
        stack.stop()


def main() -> None:
    """``make fuzz``: every service, a time budget each; exit 1 on any server error or failed check."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", default="intake,adjudication,mediation,credit,partners")
    parser.add_argument("--max-time", type=int, default=300, help="seconds per service")
    parser.add_argument("--max-examples", type=int, default=200, help="test cases per operation and phase")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--report-dir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.report_dir or Path(tempfile.mkdtemp(prefix="ipcase-fuzz-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = asyncio.run(
        fuzz_all(
            workdir,
            services=tuple(args.services.split(",")),
            max_time=args.max_time,
            max_examples=args.max_examples,
            seed=args.seed,
        )
    )
    for result in results:
        print(result.line())  # noqa: T201 - the report is the point
        for failure in result.failures:
            print(f"    {failure}")  # noqa: T201
    print(f"total: {sum(r.requests for r in results)} requests; reports in {workdir}")  # noqa: T201
    raise SystemExit(0 if all(r.clean for r in results) else 1)


if __name__ == "__main__":
    main()
