"""Transactional outbox, its relay, the idempotent consumer runner and their tables."""
