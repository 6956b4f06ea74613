"""Mediation's entry points: HTTP routes and event consumers."""
