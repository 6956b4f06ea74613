"""Adjudication's read side: queries that return API models (never imports ``entrypoints``)."""

from adjudication.views.cases import CaseViews

__all__ = ["CaseViews"]
