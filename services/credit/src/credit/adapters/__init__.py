"""Credit's adapters: database tables and repositories."""
