"""Request bodies of intake's routes, one module per area (representations are in :mod:`intake.views`)."""
