"""The mediation service."""
