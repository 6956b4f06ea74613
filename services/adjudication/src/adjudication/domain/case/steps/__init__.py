"""The steps of the procedure, one module per stage: each checks its guard and moves the case."""
