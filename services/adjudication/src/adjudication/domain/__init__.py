"""Adjudication's domain model: pure Python, no I/O, imports pointing one way.

``values`` (shared by both aggregates) <- ``case`` and ``penalty`` (each: parts <- states and
aggregate <- steps) <- ``commands``; ``events`` names what is recorded, ``errors`` what is refused,
``alerts`` what a deadline's timer does on either aggregate.
"""

from adjudication.domain import labels as labels  # registers the Chinese and English names (shared.catalogue)
