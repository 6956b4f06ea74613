"""The HTTP side every service shares: app factory, problem details, auth, health, idempotency."""
