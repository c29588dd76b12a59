"""Tour chapter: logic, differences and stride tricks (being written)."""
