"""Products and numpy.linalg (issue 6). NumPy runs on OpenBLAS held to one thread."""

from run import Case


def _rand(m, shape, dtype="float64"):
    import numpy

    rng = numpy.random.default_rng(0)
    return m.asarray(rng.standard_normal(shape).astype(dtype))


def _randint(m, n):
    import numpy

    return m.asarray(numpy.random.default_rng(2).integers(-100, 100, (n, n)))


def _spd(m, n):
    import numpy

    rng = numpy.random.default_rng(1)
    a = rng.standard_normal((n, n))
    return m.asarray(a @ a.T + n * numpy.eye(n))


def _pair(n, dtype):
    return lambda m: (_rand(m, (n, n), dtype), _rand(m, (n, n), dtype))


CASES = [
    Case(f"matmul {n} {dt}", _pair(n, dt), lambda m, x: m.matmul(x[0], x[1]))
    for dt in ("float64", "float32")
    for n in (64, 256, 1024, 2048)
] + [
    Case("matmul int64 128", lambda m: (_randint(m, 128),) * 2, lambda m, x: m.matmul(x[0], x[1])),
    Case("dot 1e6 vectors", lambda m: (_rand(m, (1_000_000,)),) * 2, lambda m, x: m.dot(x[0], x[1])),
    Case("einsum ij,jk->ik 256", _pair(256, "float64"), lambda m, x: m.einsum("ij,jk->ik", x[0], x[1])),
    Case("solve 1000", lambda m: (_rand(m, (1000, 1000)), _rand(m, (1000,))), lambda m, x: m.linalg.solve(x[0], x[1])),
    Case("inv 500", lambda m: _rand(m, (500, 500)), lambda m, x: m.linalg.inv(x)),
    Case("det 500", lambda m: _rand(m, (500, 500)), lambda m, x: m.linalg.det(x)),
    Case("eigh 500", lambda m: _spd(m, 500), lambda m, x: m.linalg.eigh(x)),
    Case("svd 500", lambda m: _rand(m, (500, 500)), lambda m, x: m.linalg.svd(x)),
    Case("svd 200", lambda m: _rand(m, (200, 200)), lambda m, x: m.linalg.svd(x)),
    Case("svd 500 float32", lambda m: _rand(m, (500, 500), "float32"), lambda m, x: m.linalg.svd(x)),
    Case("svd (1000,300) thin", lambda m: _rand(m, (1000, 300)), lambda m, x: m.linalg.svd(x, full_matrices=False)),
    Case("svd 500 compute_uv=False", lambda m: _rand(m, (500, 500)), lambda m, x: m.linalg.svd(x, compute_uv=False)),
    Case("svd 500 float32 compute_uv=False", lambda m: _rand(m, (500, 500), "float32"), lambda m, x: m.linalg.svd(x, compute_uv=False)),
    Case("svd (1000,300) compute_uv=False", lambda m: _rand(m, (1000, 300)), lambda m, x: m.linalg.svd(x, compute_uv=False)),
    Case("svd (300,1000) compute_uv=False", lambda m: _rand(m, (300, 1000)), lambda m, x: m.linalg.svd(x, compute_uv=False)),
    Case("svdvals 200", lambda m: _rand(m, (200, 200)), lambda m, x: m.linalg.svdvals(x)),
    Case("matrix_rank 300", lambda m: _rand(m, (300, 300)), lambda m, x: m.linalg.matrix_rank(x)),
    Case("norm 300 ord=2", lambda m: _rand(m, (300, 300)), lambda m, x: m.linalg.norm(x, 2)),
    Case("cond 300", lambda m: _rand(m, (300, 300)), lambda m, x: m.linalg.cond(x)),
    Case("cholesky 1000", lambda m: _spd(m, 1000), lambda m, x: m.linalg.cholesky(x)),
    Case("qr 500", lambda m: _rand(m, (500, 500)), lambda m, x: m.linalg.qr(x)),
    Case("inv 4x4 (per-call overhead)", lambda m: _spd(m, 4), lambda m, x: m.linalg.inv(x)),
    Case("matmul 4x4 (per-call overhead)", _pair(4, "float64"), lambda m, x: m.matmul(x[0], x[1])),
]
