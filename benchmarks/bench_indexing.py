"""Basic indexing and views (issue: foundation)."""

from run import Case

CASES = [
    Case("a[0] scalar indexing", lambda m: m.ones(100), lambda m, x: x[0]),
    Case("a[1:, ::-2] view", lambda m: m.ones((30, 40)), lambda m, x: x[1:, ::-2]),
    Case("a.reshape(2, 5)", lambda m: m.ones(10), lambda m, x: x.reshape(2, 5)),
    Case("a.T", lambda m: m.ones((3, 4)), lambda m, x: x.T),
    Case("a[...] = 1.0 on 1e6", lambda m: m.ones(1_000_000), lambda m, x: x.__setitem__(Ellipsis, 1.0)),
]
