"""The partner channel: courts and customs get signed, minimised feeds; what they send in is verified."""
