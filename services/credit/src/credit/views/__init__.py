"""Credit's read side: queries that return API representations, never aggregates."""
