"""Array creation and copying (issue: foundation)."""

from run import Case

_LIST = [float(i) * 0.5 for i in range(100_000)]

CASES = [
    Case("array from list of 1e5 floats", lambda m: _LIST, lambda m, x: m.array(x)),
    Case("array([1, 2, 3])", lambda m: None, lambda m, x: m.array([1, 2, 3])),
    Case("zeros 1e7 float64", lambda m: None, lambda m, x: m.zeros(10_000_000)),
    Case("zeros(10)", lambda m: None, lambda m, x: m.zeros(10)),
    Case("copy of 1e7 float64", lambda m: m.ones(10_000_000), lambda m, x: x.copy()),
    Case("transposed copy 2000x2000", lambda m: m.ones((2000, 2000)), lambda m, x: x.T.copy()),
    Case("strided slice copy 1e7[::3]", lambda m: m.ones(10_000_000), lambda m, x: x[::3].copy()),
    Case("astype int64->float32 1e6", lambda m: m.ones(1_000_000, dtype="int64"), lambda m, x: x.astype("float32")),
]

CASES += [
    Case("arange 1e7 float64", lambda m: None, lambda m, x: m.arange(0.0, 1e7)),
    Case("arange 1e7 int64", lambda m: None, lambda m, x: m.arange(10_000_000)),
    Case("arange(10)", lambda m: None, lambda m, x: m.arange(10)),
    Case("linspace 1e7", lambda m: None, lambda m, x: m.linspace(0.0, 1.0, 10_000_000)),
    Case("linspace(0, 1, 50)", lambda m: None, lambda m, x: m.linspace(0.0, 1.0)),
    Case("eye 1000", lambda m: None, lambda m, x: m.eye(1000)),
    Case("tril 1000x1000", lambda m: m.ones((1000, 1000)), lambda m, x: m.tril(x)),
    Case("meshgrid 1000x1000", lambda m: (m.arange(1000.0), m.arange(1000.0)), lambda m, x: m.meshgrid(*x)),
    Case("indices (1000, 1000)", lambda m: None, lambda m, x: m.indices((1000, 1000))),
    # Scalars: what a Python loop over array elements costs.
    Case("scalar float64 x + y", lambda m: (m.float64(1.5), m.float64(2.5)), lambda m, x: x[0] + x[1]),
    Case("scalar int64 x * 3", lambda m: m.arange(3)[1], lambda m, x: x * 3),
    Case("scalar float64 x < y", lambda m: (m.float64(1.5), m.float64(2.5)), lambda m, x: x[0] < x[1]),
    Case("float(scalar)", lambda m: m.float32(1.5), lambda m, x: float(x)),
    Case("a[1:3] basic slice", lambda m: m.arange(10.0), lambda m, x: x[1:3]),
    Case("a[0] = 1.0", lambda m: m.arange(10.0), lambda m, x: x.__setitem__(0, 1.0)),
    Case("a.tolist() 1e5", lambda m: m.arange(100_000.0), lambda m, x: x.tolist()),
]
