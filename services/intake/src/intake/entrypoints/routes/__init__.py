"""Intake's HTTP routes, one module per area: complaints, centre workflows and queue, registry."""

from __future__ import annotations

from intake.entrypoints.routes import complaint_imports, complaints, customs, registry, workflows

ROUTERS = [complaints.router, workflows.router, registry.router, complaint_imports.router, customs.router]
"""Every router of the service (the permission-table test walks them)."""
