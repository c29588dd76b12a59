"""Tour chapter: sorting (being written)."""
