"""Mediation's read side: queries that return API representations; they never lock or change anything."""

from mediation.views.cases import MediationViews

__all__ = ["MediationViews"]
