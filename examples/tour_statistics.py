"""Tour chapter: statistics (being written)."""
