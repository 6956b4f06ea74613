"""Mediation's domain model: pure Python, no I/O."""

from mediation.domain import labels as labels  # registers the Chinese and English names (shared.catalogue)
