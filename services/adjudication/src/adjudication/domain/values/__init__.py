"""Values both aggregates share: actors, legal instruments, the office's rules, parties, days, the
guard of a sub-entity's status. Nothing here imports an aggregate."""
