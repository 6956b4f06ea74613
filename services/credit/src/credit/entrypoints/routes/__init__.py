"""Credit's HTTP routes: schema in, command to the bus, representation out (reads through views)."""

from __future__ import annotations

from credit.entrypoints.routes import commitments, disclosure, grades, records, risk, subjects, unmatched

ROUTERS = (
    subjects.router,
    records.router,
    commitments.router,
    grades.router,
    unmatched.router,
    disclosure.router,
    risk.router,
)
