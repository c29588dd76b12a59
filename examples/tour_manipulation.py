"""Tour chapter: manipulation (being written)."""
