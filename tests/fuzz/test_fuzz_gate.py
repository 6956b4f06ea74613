"""The CI fuzzing gate: a short schemathesis pass over every service on a stack of real processes.

``make fuzz`` runs the long pass (minutes per service); this one holds every change to the same
checks with a small budget: no response ≥ 500 and no response outside what the OpenAPI document
declares (status, content type, headers, schema).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.testing.fuzzing import fuzz_all

# Starts a whole stack of processes: `make test` runs it after the rest, alone (pyproject `alone`).
pytestmark = pytest.mark.alone

SERVICES = ("intake", "adjudication", "mediation", "credit", "partners")
SECONDS_PER_SERVICE = 20


@pytest.mark.slow
@pytest.mark.timeout(600)
async def test_no_fuzzed_request_gets_a_5xx_or_an_undocumented_response(tmp_path: Path) -> None:
    results = await fuzz_all(
        tmp_path, services=SERVICES, max_time=SECONDS_PER_SERVICE, max_examples=25, seed=20261206
    )

    report = "\n".join([r.line() for r in results] + [f"  {f}" for r in results for f in r.failures])
    assert [r.service for r in results] == list(SERVICES)
    for result in results:
        broken = f"{result.service} was barely fuzzed: the gate itself is broken\n{report}"
        assert result.requests >= 30, broken
    assert all(r.server_errors == 0 for r in results), report
    assert all(r.clean for r in results), f"{report}\nlogs: {tmp_path}"
