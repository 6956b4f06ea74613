"""ipcase platform library shared by the four services."""
