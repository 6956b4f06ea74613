"""Intake's HTTP routes, one module per area: complaints, centre workflows and queue, registry."""
