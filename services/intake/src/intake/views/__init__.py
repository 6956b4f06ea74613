"""Intake's read side: queries returning the API's representations (never the write model's objects).

One module per area; :class:`IntakeViews` gathers them for the routes. Views read tables directly
and never import the entry points.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.domain.customs.clocks import ClockWarnings
from intake.views.complaint_imports import ComplaintImportViews
from intake.views.complaints import ComplaintFilter, ComplaintViews
from intake.views.customs import CustomsViews
from intake.views.queue import QueueFilter, QueueViews
from intake.views.registry import RegistryViews
from intake.views.workflows import WorkflowViews


@dataclass(frozen=True, slots=True)
class IntakeViews:
    complaints: ComplaintViews
    workflows: WorkflowViews
    queue: QueueViews
    registry: RegistryViews
    complaint_imports: ComplaintImportViews
    customs: CustomsViews

    @classmethod
    def on(
        cls, sessions: async_sessionmaker[AsyncSession], customs_warnings: ClockWarnings | None = None
    ) -> IntakeViews:
        return cls(
            ComplaintViews(sessions),
            WorkflowViews(sessions),
            QueueViews(sessions, customs_warnings),
            RegistryViews(sessions),
            ComplaintImportViews(sessions),
            CustomsViews(sessions),
        )


__all__ = ["ComplaintFilter", "IntakeViews", "QueueFilter"]
