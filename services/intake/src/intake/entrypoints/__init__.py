"""Intake's entry points: HTTP routes and (later) event consumers."""
