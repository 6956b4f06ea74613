"""Adjudication's API contract: request and response models (not the database, not the domain)."""
