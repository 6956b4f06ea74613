"""Adjudication's domain model: pure Python, no I/O."""
