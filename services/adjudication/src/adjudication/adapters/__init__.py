"""Adjudication's adapters: database tables and repositories."""
