"""The adjudication service."""
