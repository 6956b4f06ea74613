"""Mediation's adapters: database tables and repositories."""
