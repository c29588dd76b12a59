"""Tour chapter: indexing (being written)."""
