"""Intake's adapters: database tables and repositories."""
