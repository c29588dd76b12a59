"""Products and numpy.linalg against NumPy.

Tolerances (LAPACK/OpenBLAS vs faer compute the same quantities with different blocking
and reduction orders, so results agree to rounding, not bit for bit):
- products of floats (matmul, dot, einsum, ...): relative 8 * k * eps of the dtype,
  measured against sum(|a||b|) (the standard forward error bound of a k-term dot product);
  integer and boolean products are exact (wraparound included).
- solve / inv / det / slogdet / lstsq / pinv: relative 50 * n * eps * cond(A).
- eigh / eigvalsh / svd values: absolute 50 * n * eps * ||A||_2 (backward stable).
- eigenvectors, singular vectors, Q/R factors are not unique (signs/phases): we compare
  invariants (A V = V diag(w), orthogonality, A = U S Vh, A = Q R, R upper triangular).
- norms: relative 10 * n * eps.
"""

import numoxide
import numpy
import pytest
from harness import assert_same_error

RNG = numpy.random.default_rng(12345)
LINALG_DTYPES = ["float32", "float64", "complex64", "complex128"]


def eps(dtype):
    return float(numpy.finfo(numpy.dtype(dtype)).eps)


def rand(shape, dtype="float64"):
    dt = numpy.dtype(dtype)
    if dt.kind == "c":
        return (RNG.standard_normal(shape) + 1j * RNG.standard_normal(shape)).astype(dt)
    if dt.kind in "iu":
        return RNG.integers(-5 if dt.kind == "i" else 0, 6, shape).astype(dt)
    if dt.kind == "b":
        return RNG.integers(0, 2, shape).astype(bool)
    return RNG.standard_normal(shape).astype(dt)


def well_conditioned(n, dtype="float64", batch=()):
    a = rand(batch + (n, n), dtype)
    return (a + n * numpy.eye(n, dtype=a.dtype)).astype(dtype)


def nx(a):
    return numoxide.array(a)


def back(x):
    """Our result as a NumPy array (scalars through their Python value and dtype)."""
    if isinstance(x, (numoxide.ndarray, numpy.ndarray, numpy.generic)):
        return numpy.asarray(x)
    if hasattr(x, "dtype"):
        return numpy.array(x.item(), dtype=str(x.dtype))
    return numpy.asarray(x)


def check_close(ours, theirs, rtol, atol=0.0):
    o, t = back(ours), numpy.asarray(theirs)
    assert o.dtype == t.dtype, (o.dtype, t.dtype)
    assert o.shape == t.shape, (o.shape, t.shape)
    numpy.testing.assert_allclose(o, t, rtol=rtol, atol=atol)


def check_product(ours, theirs, a, b, op):
    """Floats within the dot-product error bound; integers/bools exactly."""
    o, t = back(ours), numpy.asarray(theirs)
    assert o.dtype == t.dtype and o.shape == t.shape, (o.dtype, t.dtype, o.shape, t.shape)
    if t.dtype.kind in "biu":
        numpy.testing.assert_array_equal(o, t)
        return
    bound = numpy.abs(op(numpy.abs(a).astype(numpy.float64), numpy.abs(b).astype(numpy.float64)))
    k = max(a.shape[-1] if a.ndim else 1, 1)
    tol = 8 * k * eps(t.dtype) * bound + 1e-300
    assert numpy.all(numpy.abs(o - t) <= tol), numpy.max(numpy.abs(o - t) - tol)


# ----- matmul ---------------------------------------------------------------------------

MATMUL_SHAPES = [
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((3,), (3, 4)),
    ((2, 3), (3, 4)),
    ((5, 2, 3), (3, 4)),
    ((5, 1, 2, 3), (4, 3, 2)),
    ((0, 3), (3, 4)),
    ((2, 0), (0, 4)),
    ((1, 1), (1, 1)),
    ((17, 33), (33, 9)),
]


@pytest.mark.parametrize("sa,sb", MATMUL_SHAPES)
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128", "int64", "int8", "uint16", "bool"])
def test_matmul_shapes_dtypes(sa, sb, dtype):
    a, b = rand(sa, dtype), rand(sb, dtype)
    check_product(numoxide.matmul(nx(a), nx(b)), numpy.matmul(a, b), a, b, numpy.matmul)


def test_matmul_int_wraparound_and_mixed_dtypes():
    a = numpy.full((4, 4), 100, numpy.int8)
    check_product(numoxide.matmul(nx(a), nx(a)), a @ a, a, a, numpy.matmul)
    b = rand((4, 3), "float32")
    i = rand((2, 4), "int32")
    check_product(numoxide.matmul(nx(i), nx(b)), i @ b, i, b, numpy.matmul)


@pytest.mark.parametrize("layout", ["T", "neg", "step", "F"])
def test_matmul_noncontiguous(layout):
    base = rand((12, 12))
    views = {
        "T": lambda x: x.T,
        "neg": lambda x: x[::-1, ::-1],
        "step": lambda x: x[::2, 1::3],
        "F": lambda x: x,
    }
    a = views[layout](base)
    b = rand((a.shape[1], 5))
    ours = numoxide.matmul(views[layout](nx(base) if layout != "F" else numoxide.asfortranarray(nx(base))), nx(b))
    check_product(ours, a @ b, a, b, numpy.matmul)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("m,k,n", [(64, 64, 64), (7, 70, 37), (4, 5, 33), (13, 1, 65), (80, 80, 80), (81, 80, 80)])
@pytest.mark.parametrize("layout", ["C", "A.T", "B rows stepped", "B rows reversed", "batched"])
def test_matmul_small_kernel_tiles(dtype, m, k, n, layout):
    """The register-blocked small-product path: tile edges, masked tails, strided A/B."""
    a, b = rand((m, k), dtype), rand((k, n), dtype)
    if layout == "A.T":
        a = numpy.ascontiguousarray(a.T).T
    elif layout == "B rows stepped":
        b = numpy.repeat(b, 2, axis=0)[::2]
    elif layout == "B rows reversed":
        b = b[::-1]
    elif layout == "batched":
        a, b = rand((3, m, k), dtype), rand((3, k, n), dtype)
    ours = numoxide.matmul(nx(a) if layout != "A.T" else nx(a.T).T, nx(b) if layout != "B rows stepped" else nx(numpy.repeat(b, 2, axis=0))[::2])
    check_product(ours, numpy.matmul(a, b), a, b, numpy.matmul)


@pytest.mark.parametrize(
    "sa,sb", [((), (3,)), ((3,), ()), ((2, 3), (2, 3)), ((3,), (4,)), ((2, 2, 3), (3, 3, 2))]
)
def test_matmul_errors(sa, sb):
    a, b = numpy.ones(sa), numpy.ones(sb)
    ours, theirs = assert_same_error(lambda m, x, y: m.matmul(m.asarray(x), m.asarray(y)), a, b)
    if len(sa) > 0 and len(sb) > 0 and sa[-1] != (sb[-2] if len(sb) > 1 else sb[0]):
        assert str(ours) == str(theirs)


def test_matmul_scalar_result_and_out():
    a = rand(4)
    r = numoxide.matmul(nx(a), nx(a))
    assert type(r).__name__ == "float64"
    out = numoxide.zeros((2, 2))
    m = rand((2, 2))
    assert numoxide.matmul(nx(m), nx(m), out=out) is out
    numpy.testing.assert_allclose(back(out), m @ m, rtol=1e-15)


# ----- dot, vdot, inner, outer, tensordot, kron, trace, vecdot, matvec, vecmat, cross ---

PRODUCT_CASES = [
    ("dot", (3,), (3,)),
    ("dot", (2, 3), (3,)),
    ("dot", (2, 3), (3, 4)),
    ("dot", (2, 2, 3), (4, 3, 5)),
    ("dot", (), (2, 3)),
    ("dot", (2, 3), ()),
    ("inner", (3,), (3,)),
    ("inner", (2, 3), (4, 3)),
    ("inner", (), (4, 3)),
    ("outer", (3,), (4,)),
    ("outer", (2, 3), (2,)),
    ("kron", (2, 2), (3, 3)),
    ("kron", (3,), (2, 2)),
    ("vdot", (2, 3), (6,)),
]


@pytest.mark.parametrize("fn,sa,sb", PRODUCT_CASES)
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "int32"])
def test_products(fn, sa, sb, dtype):
    a, b = rand(sa, dtype), rand(sb, dtype)
    theirs = getattr(numpy, fn)(a, b)
    ours = getattr(numoxide, fn)(nx(a), nx(b))
    o, t = back(ours), numpy.asarray(theirs)
    assert o.dtype == t.dtype and o.shape == t.shape
    if t.dtype.kind in "iu":
        numpy.testing.assert_array_equal(o, t)
    else:
        numpy.testing.assert_allclose(o, t, rtol=50 * eps(dtype), atol=50 * eps(dtype))


@pytest.mark.parametrize("fn,sa,sb", [("dot", (2, 3), (2, 3)), ("inner", (2, 3), (2,)), ("vdot", (3,), (2,))])
def test_product_errors(fn, sa, sb):
    ours, theirs = assert_same_error(lambda m, x, y: getattr(m, fn)(m.asarray(x), m.asarray(y)), numpy.ones(sa), numpy.ones(sb))
    assert str(ours) == str(theirs)


@pytest.mark.parametrize(
    "axes", [0, 1, 2, ([1, 0], [0, 1]), ([2], [0]), (1, 0)]
)
def test_tensordot(axes):
    a, b = rand((3, 4, 5)), rand((4, 3, 2))
    if axes == ([2], [0]):
        b = rand((5, 3))
    if axes == (1, 0):
        b = rand((4, 6))
    if axes == 2:
        b = rand((4, 5, 2))
    if axes == 1:
        b = rand((5, 2))
    theirs = numpy.tensordot(a, b, axes)
    check_close(numoxide.tensordot(nx(a), nx(b), axes), theirs, rtol=1e-13, atol=1e-13)


def test_tensordot_mismatch():
    assert_same_error(lambda m, x, y: m.tensordot(m.asarray(x), m.asarray(y), ([0], [0])), numpy.ones((2, 3)), numpy.ones((3, 2)))


@pytest.mark.parametrize("dtype", ["int8", "int32", "uint8", "bool", "float64", "complex64"])
@pytest.mark.parametrize("offset", [0, 1, -1, 5])
def test_trace(dtype, offset):
    a = rand((4, 5, 3), dtype)
    theirs = numpy.trace(a, offset)
    ours = numoxide.trace(nx(a), offset)
    check_close(ours, theirs, rtol=10 * eps("float32"))
    check_close(numoxide.trace(nx(a), offset, 1, 2), numpy.trace(a, offset, 1, 2), rtol=10 * eps("float32"))


def test_vecdot_matvec_vecmat():
    a, b = rand((2, 3, 4), "complex128"), rand((3, 4), "complex128")
    check_close(numoxide.vecdot(nx(a), nx(b)), numpy.vecdot(a, b), rtol=1e-14)
    check_close(numoxide.vecdot(nx(a), nx(a), axis=1), numpy.vecdot(a, a, axis=1), rtol=1e-14)
    m, v = rand((2, 3, 4)), rand((4,))
    check_close(numoxide.matvec(nx(m), nx(v)), numpy.matvec(m, v), rtol=1e-14)
    w = rand((3,), "complex128")
    mc = rand((2, 3, 4), "complex128")
    check_close(numoxide.vecmat(nx(w), nx(mc)), numpy.vecmat(w, mc), rtol=1e-14)
    assert_same_error(lambda mod, x, y: mod.vecdot(mod.asarray(x), mod.asarray(y)), numpy.ones(3), numpy.ones(4))


@pytest.mark.parametrize("dtype", ["float64", "int64", "complex128"])
def test_cross(dtype):
    a, b = rand((5, 3), dtype), rand((3,), dtype)
    check_close(numoxide.cross(nx(a), nx(b)), numpy.cross(a, b), rtol=1e-15)
    a2, b2 = rand((3, 4), dtype), rand((3, 4), dtype)
    check_close(numoxide.cross(nx(a2), nx(b2), axis=0), numpy.cross(a2, b2, axis=0), rtol=1e-15)
    assert_same_error(lambda m, x, y: m.cross(m.asarray(x), m.asarray(y)), numpy.ones(2), numpy.ones(3))


# ----- einsum ----------------------------------------------------------------------------

EINSUM_CASES = [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("ij,jk", [(3, 4), (4, 5)]),
    ("ii->i", [(4, 4)]),
    ("ii", [(4, 4)]),
    ("ij->ji", [(3, 4)]),
    ("ij->", [(3, 4)]),
    ("i,i", [(5,), (5,)]),
    ("i,j->ij", [(3,), (4,)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("...ij,...jk->...ik", [(2, 3, 4), (4, 5)]),
    ("ij...,jk...->ik...", [(3, 4, 2), (4, 5, 2)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]),
    ("iij->j", [(3, 3, 4)]),
    ("ijk,ikj->i", [(2, 3, 4), (2, 4, 3)]),
    ("ba,ab->", [(3, 4), (4, 3)]),
    ("ij,ij->ij", [(1, 3), (2, 3)]),
]


@pytest.mark.parametrize("sub,shapes", EINSUM_CASES)
@pytest.mark.parametrize("dtype", ["float64", "int32", "complex64"])
@pytest.mark.parametrize("optimize", [False, True])
def test_einsum(sub, shapes, dtype, optimize):
    ops = [rand(s, dtype) for s in shapes]
    theirs = numpy.einsum(sub, *ops, optimize=optimize)
    ours = numoxide.einsum(sub, *[nx(o) for o in ops], optimize=optimize)
    check_close(ours, theirs, rtol=100 * eps(dtype) if dtype != "int32" else 0, atol=100 * eps(dtype) if dtype != "int32" else 0)


def test_einsum_sublist_and_errors():
    a, b = rand((3, 4)), rand((4, 5))
    check_close(numoxide.einsum(nx(a), [0, 1], nx(b), [1, 2], [0, 2]), numpy.einsum(a, [0, 1], b, [1, 2], [0, 2]), rtol=1e-14)
    for sub, shapes in [("ij,jk", [(3, 4), (5, 6)]), ("ij", [(3,)]), ("i->j", [(3,)]), ("ii", [(2, 3)])]:
        assert_same_error(lambda m, s, *o: m.einsum(s, *[m.asarray(x) for x in o]), sub, *[numpy.ones(s) for s in shapes])


def test_einsum_path_order():
    ops = [rand((2, 3)), rand((3, 4)), rand((4, 5))]
    theirs = numpy.einsum_path("ij,jk,kl->il", *ops, optimize="greedy")
    ours = numoxide.einsum_path("ij,jk,kl->il", *[nx(o) for o in ops], optimize="greedy")
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]


# ----- numpy.linalg: solvers ---------------------------------------------------------------


def cond_of(a):
    return float(numpy.max(numpy.linalg.cond(a.astype(numpy.complex128 if a.dtype.kind == "c" else numpy.float64))))


@pytest.mark.parametrize("dtype", LINALG_DTYPES + ["int64"])
@pytest.mark.parametrize("batch", [(), (3,), (2, 2)])
def test_solve_inv_det(dtype, batch):
    n = 6
    if dtype == "int64":
        a = RNG.integers(-9, 10, batch + (n, n)) + 40 * numpy.eye(n, dtype=numpy.int64)
    else:
        a = well_conditioned(n, dtype, batch)
    b = rand(batch + (n, 2), "float64" if dtype == "int64" else dtype)
    v = rand((n,), "float64" if dtype == "int64" else dtype)
    e = eps(numpy.linalg.inv(a).dtype)
    tol = 50 * n * e * cond_of(a)
    check_close(numoxide.linalg.solve(nx(a), nx(b)), numpy.linalg.solve(a, b), rtol=tol, atol=tol)
    check_close(numoxide.linalg.solve(nx(a), nx(v)), numpy.linalg.solve(a, v), rtol=tol, atol=tol)
    check_close(numoxide.linalg.inv(nx(a)), numpy.linalg.inv(a), rtol=tol, atol=tol)
    check_close(numoxide.linalg.det(nx(a)), numpy.linalg.det(a), rtol=tol)
    s, ld = numoxide.linalg.slogdet(nx(a))
    ts, tld = numpy.linalg.slogdet(a)
    check_close(s, ts, rtol=tol, atol=tol)
    check_close(ld, tld, rtol=tol, atol=tol)
    assert type(numoxide.linalg.slogdet(nx(a))).__name__ == "SlogdetResult"


def test_solve_noncontiguous_and_empty():
    a = well_conditioned(5)
    at = numpy.ascontiguousarray(a.T)
    b = rand((5, 3))
    check_close(numoxide.linalg.solve(nx(at).T, nx(b)[::-1]), numpy.linalg.solve(a, b[::-1]), rtol=1e-12)
    z = numpy.zeros((0, 0))
    check_close(numoxide.linalg.inv(nx(z)), numpy.linalg.inv(z), rtol=0)
    check_close(numoxide.linalg.det(nx(z)), numpy.linalg.det(z), rtol=0)
    check_close(numoxide.linalg.solve(nx(z), nx(numpy.zeros((0, 2)))), numpy.linalg.solve(z, numpy.zeros((0, 2))), rtol=0)


LINALG_ERRORS = [
    ("inv", [numpy.ones((2, 2))]),
    ("inv", [numpy.ones((2, 3))]),
    ("inv", [numpy.ones(3)]),
    ("inv", [numpy.ones((2, 2), numpy.float16)]),
    ("solve", [numpy.ones((2, 2)), numpy.ones(2)]),
    ("solve", [numpy.eye(2), numpy.ones(3)]),
    ("solve", [numpy.eye(2), numpy.ones((3, 1))]),
    ("cholesky", [-numpy.eye(2)]),
    ("cholesky", [numpy.array([[1.0, 2.0], [2.0, 1.0]])]),
    ("det", [numpy.ones((2, 3))]),
    ("eigvals", [numpy.array([[numpy.nan, 1.0], [1.0, 1.0]])]),
    ("svd", [numpy.ones(3)]),
    ("qr", [numpy.ones(3)]),
    ("matrix_power", [numpy.ones((2, 3)), 2]),
    ("lstsq", [numpy.ones((3, 2)), numpy.ones(4)]),
]


@pytest.mark.parametrize("fn,args", LINALG_ERRORS)
def test_linalg_errors(fn, args):
    ours, theirs = assert_same_error(lambda m, *a: getattr(m.linalg, fn)(*[m.asarray(x) if hasattr(x, "shape") else x for x in a]), *args)
    assert str(ours) == str(theirs)
    if isinstance(theirs, numpy.linalg.LinAlgError):
        assert isinstance(ours, numoxide.linalg.LinAlgError)


# ----- numpy.linalg: decompositions (invariants) -------------------------------------------


@pytest.mark.parametrize("dtype", LINALG_DTYPES)
@pytest.mark.parametrize("batch", [(), (3,)])
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh(dtype, batch, uplo):
    n = 7
    a = rand(batch + (n, n), dtype)
    h = a + numpy.conj(numpy.swapaxes(a, -1, -2))
    # Poison the unused triangle: only UPLO's triangle may be read.
    poisoned = numpy.triu(h) if uplo == "U" else numpy.tril(h)
    w, v = numoxide.linalg.eigh(nx(poisoned), UPLO=uplo)
    tw, tv = numpy.linalg.eigh(poisoned, UPLO=uplo)
    e = eps(dtype)
    scale = float(numpy.max(numpy.abs(tw)))
    check_close(w, tw, rtol=0, atol=50 * n * e * scale)
    w, v = back(w), back(v)
    assert v.dtype == tv.dtype and v.shape == tv.shape
    assert numpy.all(numpy.diff(w, axis=-1) >= 0)
    numpy.testing.assert_allclose(h @ v, v * w[..., None, :], atol=100 * n * e * scale)
    eye = numpy.broadcast_to(numpy.eye(n), v.shape)
    numpy.testing.assert_allclose(numpy.conj(numpy.swapaxes(v, -1, -2)) @ v, eye, atol=100 * n * e)
    check_close(numoxide.linalg.eigvalsh(nx(poisoned), uplo), numpy.linalg.eigvalsh(poisoned, uplo), rtol=0, atol=50 * n * e * scale)


@pytest.mark.parametrize("dtype", LINALG_DTYPES)
def test_eig(dtype):
    n = 6
    a = rand((2, n, n), dtype)
    w, v = numoxide.linalg.eig(nx(a))
    tw, tv = numpy.linalg.eig(a)
    w, v = back(w), back(v)
    assert w.dtype == tw.dtype and v.dtype == tv.dtype and v.shape == tv.shape
    e = eps(dtype)
    scale = float(numpy.max(numpy.abs(tw)))
    key = lambda z: numpy.sort_complex(numpy.round(z, 3))  # noqa: E731
    numpy.testing.assert_allclose(key(w), key(tw), atol=1e-2 if e > 1e-10 else 1e-6)
    numpy.testing.assert_allclose(a @ v, v * w[..., None, :], atol=1000 * n * e * scale)
    numpy.testing.assert_allclose(numpy.linalg.norm(v, axis=-2), 1.0, rtol=100 * e)
    check_close(numpy.sort_complex(back(numoxide.linalg.eigvals(nx(a))).ravel()), numpy.sort_complex(tw.ravel()), rtol=1000 * n * e)


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "complex64"])
def test_eig_results_are_complex_like_numpy(dtype):
    # NumPy >= 2.5 returns complex eigenvalues/vectors even for a real spectrum.
    a = numpy.array([[2.0, 1.0], [1.0, 3.0]]).astype(dtype)
    for f in ("eigvals",):
        assert back(getattr(numoxide.linalg, f)(nx(a))).dtype == getattr(numpy.linalg, f)(a).dtype
    w, v = numoxide.linalg.eig(nx(a))
    tw, tv = numpy.linalg.eig(a)
    assert back(w).dtype == tw.dtype and back(v).dtype == tv.dtype


@pytest.mark.parametrize("dtype", LINALG_DTYPES)
@pytest.mark.parametrize("shape", [(5, 5), (7, 4), (4, 7), (3, 6, 4), (0, 3), (3, 0)])
@pytest.mark.parametrize("full", [True, False])
def test_svd(dtype, shape, full):
    a = rand(shape, dtype)
    r = numoxide.linalg.svd(nx(a), full_matrices=full)
    t = numpy.linalg.svd(a, full_matrices=full)
    assert type(r).__name__ == "SVDResult"
    u, s, vh = (back(x) for x in r)
    for ours, theirs in zip((u, s, vh), t, strict=True):
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape, (ours.shape, theirs.shape)
    e = eps(dtype)
    k = min(shape[-2:])
    scale = float(numpy.max(t.S)) if t.S.size else 1.0
    numpy.testing.assert_allclose(s, t.S, atol=50 * max(shape) * e * scale)
    if k:
        assert numpy.all(numpy.diff(s, axis=-1) <= 0)
        rec = (u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :]
        numpy.testing.assert_allclose(rec, a, atol=100 * max(shape) * e * scale)
    m = u.shape[-1]
    numpy.testing.assert_allclose(numpy.conj(numpy.swapaxes(u, -1, -2)) @ u, numpy.broadcast_to(numpy.eye(m), u.shape[:-2] + (m, m)), atol=100 * max(shape) * e)
    check_close(numoxide.linalg.svd(nx(a), compute_uv=False), numpy.linalg.svd(a, compute_uv=False), rtol=0, atol=50 * max(shape) * e * scale)
    check_close(numoxide.linalg.svdvals(nx(a)), numpy.linalg.svdvals(a), rtol=0, atol=50 * max(shape) * e * scale)


def test_svd_hermitian():
    a = rand((5, 5))
    h = a + a.T
    u, s, vh = (back(x) for x in numoxide.linalg.svd(nx(h), hermitian=True))
    ts = numpy.linalg.svd(h, hermitian=True).S
    numpy.testing.assert_allclose(s, ts, atol=1e-12 * ts[0])
    numpy.testing.assert_allclose((u * s) @ vh, h, atol=1e-12 * ts[0])


@pytest.mark.parametrize("dtype", LINALG_DTYPES)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4), (2, 5, 3)])
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
def test_qr(dtype, shape, mode):
    a = rand(shape, dtype)
    e = eps(dtype) * 100 * max(shape) * float(numpy.max(numpy.abs(a)))
    t = numpy.linalg.qr(a, mode=mode)
    r = numoxide.linalg.qr(nx(a), mode=mode)
    if mode == "r":
        rr, tr = back(r), t
        assert rr.dtype == tr.dtype and rr.shape == tr.shape
        numpy.testing.assert_allclose(numpy.abs(rr), numpy.abs(tr), atol=e)
        return
    assert type(r).__name__ == "QRResult"
    q, rr = back(r.Q), back(r.R)
    assert q.shape == t.Q.shape and rr.shape == t.R.shape and q.dtype == t.Q.dtype
    numpy.testing.assert_allclose(q @ rr, a, atol=e)
    assert numpy.allclose(numpy.tril(rr, -1), 0)
    k = q.shape[-1]
    numpy.testing.assert_allclose(numpy.conj(numpy.swapaxes(q, -1, -2)) @ q, numpy.broadcast_to(numpy.eye(k), q.shape[:-2] + (k, k)), atol=e)


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_qr_raw(dtype):
    a = rand((5, 3), dtype)
    h, tau = (back(x) for x in numoxide.linalg.qr(nx(a), mode="raw"))
    th, ttau = numpy.linalg.qr(a, mode="raw")
    assert h.shape == th.shape and tau.shape == ttau.shape and h.dtype == th.dtype
    numpy.testing.assert_allclose(h, th, atol=1e-12)
    numpy.testing.assert_allclose(tau, ttau, atol=1e-12)


@pytest.mark.parametrize("dtype", LINALG_DTYPES)
@pytest.mark.parametrize("upper", [False, True])
def test_cholesky(dtype, upper):
    n = 6
    a = rand((2, n, n), dtype)
    spd = a @ numpy.conj(numpy.swapaxes(a, -1, -2)) + n * numpy.eye(n)
    spd = spd.astype(dtype)
    tol = 100 * n * eps(dtype) * cond_of(spd)
    check_close(numoxide.linalg.cholesky(nx(spd), upper=upper), numpy.linalg.cholesky(spd, upper=upper), rtol=tol, atol=tol)


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
@pytest.mark.parametrize("bshape", [(6,), (6, 2)])
def test_lstsq(dtype, bshape):
    a, b = rand((6, 3), dtype), rand(bshape, dtype)
    x, res, rank, s = numoxide.linalg.lstsq(nx(a), nx(b))
    tx, tres, trank, ts = numpy.linalg.lstsq(a, b)
    tol = 100 * 6 * eps(dtype) * cond_of(a)
    check_close(x, tx, rtol=tol, atol=tol)
    check_close(res, tres, rtol=tol, atol=tol)
    check_close(s, ts, rtol=tol, atol=tol)
    assert int(rank) == int(trank) and type(rank).__name__ == type(trank).__name__
    # Rank-deficient: no residuals, rank counted with rcond.
    d = numpy.ones((4, 2), dtype)
    r = numoxide.linalg.lstsq(nx(d), nx(numpy.ones(4, dtype)))
    t = numpy.linalg.lstsq(d, numpy.ones(4, dtype))
    assert int(r[2]) == int(t[2]) and back(r[1]).shape == t[1].shape
    check_close(r[0], t[0], rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("dtype", ["float64", "complex128", "float32"])
def test_pinv_rank(dtype):
    a = rand((5, 3), dtype)
    tol = 1000 * eps(dtype) * cond_of(a)
    check_close(numoxide.linalg.pinv(nx(a)), numpy.linalg.pinv(a), rtol=tol, atol=tol)
    d = numpy.ones((4, 4), dtype)
    check_close(numoxide.linalg.pinv(nx(d), rtol=None), numpy.linalg.pinv(d, rtol=None), rtol=1e-5, atol=1e-5)
    for m in [a, d, numpy.zeros((3, 3), dtype), rand((2, 4, 4), dtype), numpy.ones(3, dtype), numpy.zeros(3, dtype)]:
        ours, theirs = numoxide.linalg.matrix_rank(nx(m)), numpy.linalg.matrix_rank(m)
        numpy.testing.assert_array_equal(back(ours), theirs)
    assert int(numoxide.linalg.matrix_rank(nx(d), tol=0.5)) == int(numpy.linalg.matrix_rank(d, tol=0.5))


# ----- norms, cond, matrix_power, multi_dot, tensor* ----------------------------------------

NORM_CASES = [
    ((5,), None, None),
    ((5,), 1, None),
    ((5,), numpy.inf, None),
    ((5,), -numpy.inf, None),
    ((5,), 0, None),
    ((5,), 3, None),
    ((5,), -1, None),
    ((3, 4), None, None),
    ((3, 4), "fro", None),
    ((3, 4), "nuc", None),
    ((3, 4), 1, None),
    ((3, 4), -1, None),
    ((3, 4), 2, None),
    ((3, 4), -2, None),
    ((3, 4), numpy.inf, None),
    ((3, 4), -numpy.inf, None),
    ((2, 3, 4), None, None),
    ((2, 3, 4), None, 1),
    ((2, 3, 4), 2, (1, 2)),
    ((2, 3, 4), "fro", (2, 0)),
    ((2, 3, 4), numpy.inf, (0, 1)),
]


@pytest.mark.parametrize("shape,ord_,axis", NORM_CASES)
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "int32"])
@pytest.mark.parametrize("keepdims", [False, True])
def test_norm(shape, ord_, axis, dtype, keepdims):
    x = rand(shape, dtype)
    with numpy.errstate(divide="ignore"):  # negative orders of vectors holding zeros
        theirs = numpy.linalg.norm(x, ord_, axis, keepdims)
    ours = numoxide.linalg.norm(nx(x), ord_, axis, keepdims)
    rt = 10 * max(shape) * eps(numpy.asarray(theirs).dtype)
    check_close(ours, theirs, rtol=rt)


@pytest.mark.parametrize(
    "shape,ord_,axis", [((2, 3, 4), None, (0, 1, 2)), ((3,), "fro", None), ((3, 4), 3, None), ((3, 4), None, (0, 0)), ((2, 2, 2), 1, None)]
)
def test_norm_errors(shape, ord_, axis):
    ours, theirs = assert_same_error(lambda m, x: m.linalg.norm(m.asarray(x), ord_, axis), numpy.ones(shape))
    assert str(ours) == str(theirs)


def test_vector_matrix_norm():
    x = rand((2, 3, 4))
    check_close(numoxide.linalg.vector_norm(nx(x)), numpy.linalg.vector_norm(x), rtol=1e-14)
    check_close(numoxide.linalg.vector_norm(nx(x), axis=(0, 2), ord=1, keepdims=True), numpy.linalg.vector_norm(x, axis=(0, 2), ord=1, keepdims=True), rtol=1e-14)
    check_close(numoxide.linalg.matrix_norm(nx(x)), numpy.linalg.matrix_norm(x), rtol=1e-14)
    check_close(numoxide.linalg.matrix_norm(nx(x), ord=2, keepdims=True), numpy.linalg.matrix_norm(x, ord=2, keepdims=True), rtol=1e-13)


@pytest.mark.parametrize("p", [None, 2, -2, 1, -1, numpy.inf, -numpy.inf, "fro", "nuc"])
def test_cond(p):
    a = well_conditioned(5, batch=(2,))
    check_close(numoxide.linalg.cond(nx(a), p), numpy.linalg.cond(a, p), rtol=1e-10)
    s = numpy.array([[1.0, 2.0], [2.0, 4.0]])
    with numpy.errstate(all="ignore"):
        theirs = numpy.linalg.cond(s, p)
    ours = numoxide.linalg.cond(nx(s), p)
    assert (numpy.isinf(theirs) and numpy.isinf(back(ours))) or numpy.isclose(back(ours), theirs, rtol=1e-6) or theirs > 1e15


SINGULAR_AND_SPECIAL = [
    [[1.0, 2.0], [2.0, 4.0]],
    [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]],
    numpy.arange(16.0).reshape(4, 4).tolist(),
    [[2.0, 4.0, 6.0], [1.0, 2.0, 3.0], [0.0, 1.0, 5.0]],
    [[0.0, 0.0], [0.0, 0.0]],
    [[1.0, 0.0], [0.0, 0.0]],
    [[numpy.nan, 1.0], [2.0, 3.0]],
    [[numpy.inf, 1.0], [2.0, 3.0]],
    [[1e-300, 0.0], [0.0, 1e300]],
    [[3.0, 1.0], [1.0, 2.0]],
]


@pytest.mark.parametrize("p", [1, -1, numpy.inf, -numpy.inf, "fro", "nuc", None, 2, -2])
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "int64"])
def test_cond_special_values(p, dtype):
    """NumPy's algorithm: inverse with errors ignored (NaN where LU meets an exact zero
    pivot), svdvals NaN for non-finite input, NaN -> inf unless the matrix holds a NaN;
    per matrix of a stack. The SVD orders agree on inf/NaN only for non-finite input
    (on finite singular matrices both libraries give rounding noise)."""
    for m in SINGULAR_AND_SPECIAL:
        a = numpy.array(m)
        big = abs(a).max() > (1e30 if dtype == "float32" else 1e18)
        if dtype in ("int64", "float32") and (big or not numpy.isfinite(a).all()):
            continue
        if dtype == "complex128" and numpy.isinf(a).any():
            continue  # zgetrf's complex reciprocal of an infinite pivot is not emulated
        a = a.astype(dtype) if dtype != "complex128" else a + 0.5j * numpy.nan_to_num(a)
        stack = numpy.stack([a, numpy.eye(len(a), dtype=a.dtype) * 2])
        with numpy.errstate(all="ignore"):
            theirs = numpy.linalg.cond(stack, p)
        ours = back(numoxide.linalg.cond(nx(stack), p))
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
        if p in (None, 2, -2) and numpy.isfinite(a).all():
            numpy.testing.assert_allclose(ours[1], theirs[1], rtol=1e-6)
            continue
        assert numpy.array_equal(numpy.isnan(ours), numpy.isnan(theirs)), (m, ours, theirs)
        assert numpy.array_equal(numpy.isinf(ours), numpy.isinf(theirs)), (m, ours, theirs)
        fin = numpy.isfinite(theirs)
        numpy.testing.assert_allclose(ours[fin], theirs[fin], rtol=1e-4 if dtype == "float32" else 1e-9)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, -1, -3])
@pytest.mark.parametrize("dtype", ["float64", "int64", "complex64"])
def test_matrix_power(n, dtype):
    a = well_conditioned(3, dtype if dtype != "int64" else "float64", batch=(2,))
    if dtype == "int64":
        a = numpy.round(a).astype(numpy.int64) + 3 * numpy.eye(3, dtype=numpy.int64)
    theirs = numpy.linalg.matrix_power(a, n)
    ours = numoxide.linalg.matrix_power(nx(a), n)
    e = eps(theirs.dtype) if theirs.dtype.kind in "fc" else 0.0
    check_close(ours, theirs, rtol=1e3 * e, atol=1e3 * e * float(numpy.max(numpy.abs(theirs))))


def test_multi_dot_tensorsolve_tensorinv():
    arrs = [rand((10, 3)), rand((3, 30)), rand((30, 2)), rand((2,))]
    check_close(numoxide.linalg.multi_dot([nx(x) for x in arrs]), numpy.linalg.multi_dot(arrs), rtol=1e-12)
    arrs = [rand((3,)), rand((3, 4)), rand((4,))]
    check_close(numoxide.linalg.multi_dot([nx(x) for x in arrs]), numpy.linalg.multi_dot(arrs), rtol=1e-12)
    a = rand((6, 2, 3)) + numpy.eye(6).reshape(6, 2, 3) * 5
    b = rand((6,))
    check_close(numoxide.linalg.tensorsolve(nx(a), nx(b)), numpy.linalg.tensorsolve(a, b), rtol=1e-10)
    t = rand((4, 6, 8, 3)) + numpy.eye(24).reshape(4, 6, 8, 3) * 5
    check_close(numoxide.linalg.tensorinv(nx(t), 2), numpy.linalg.tensorinv(t, 2), rtol=1e-10, atol=1e-12)


def test_array_api_helpers():
    x = rand((2, 3, 4))
    check_close(numoxide.linalg.matrix_transpose(nx(x)), numpy.linalg.matrix_transpose(x), rtol=0)
    check_close(numoxide.linalg.diagonal(nx(x), offset=1), numpy.linalg.diagonal(x, offset=1), rtol=0)
    check_close(numoxide.linalg.trace(nx(x)), numpy.linalg.trace(x), rtol=1e-15)
    check_close(numoxide.linalg.outer(nx(x[0, 0]), nx(x[0, 1])), numpy.linalg.outer(x[0, 0], x[0, 1]), rtol=0)
    assert_same_error(lambda m, y: m.linalg.outer(m.asarray(y), m.asarray(y)), x)
    check_close(numoxide.linalg.cross(nx(x[..., :3]), nx(x[..., 1:])), numpy.linalg.cross(x[..., :3], x[..., 1:]), rtol=1e-15)
    check_close(numoxide.linalg.vecdot(nx(x), nx(x)), numpy.linalg.vecdot(x, x), rtol=1e-14)
    check_close(numoxide.linalg.tensordot(nx(x), nx(x), axes=3), numpy.linalg.tensordot(x, x, axes=3), rtol=1e-14)
    check_close(numoxide.linalg.matmul(nx(x), nx(x[0].T)), numpy.linalg.matmul(x, x[0].T), rtol=1e-14)


def test_vector_norm_ord_none_and_matrix_transpose():
    a = rand((3, 4))
    check_close(numoxide.linalg.vector_norm(nx(a), ord=None), numpy.linalg.vector_norm(a, ord=None), rtol=1e-14)
    check_close(numoxide.linalg.vector_norm(nx(a), ord=None, axis=1, keepdims=True), numpy.linalg.vector_norm(a, ord=None, axis=1, keepdims=True), rtol=1e-14)
    for x in (a, rand((2, 3, 4)), a[::-1, ::2]):
        t = numoxide.matrix_transpose(nx(x))
        numpy.testing.assert_array_equal(back(t), numpy.matrix_transpose(x))
    base = nx(a)
    t = numoxide.matrix_transpose(base)
    t[0, 0] = 42.0
    assert float(base[0, 0]) == 42.0  # a view, as in NumPy
    numpy.testing.assert_array_equal(back(numoxide.matrix_transpose([[1, 2, 3]])), numpy.matrix_transpose([[1, 2, 3]]))
    assert_same_error(lambda m: m.matrix_transpose(m.asarray([1.0, 2.0])))


@pytest.mark.parametrize(
    "subs,shapes",
    [
        ("ij,jk,kl->il", [(4, 4), (4, 5), (5, 3)]),
        ("ij,jk,kl->il", [(2, 8), (8, 3), (3, 6)]),
        ("ab,bc,cd,de->ae", [(3, 4), (4, 5), (5, 2), (2, 6)]),
        ("i,ij,j->", [(5,), (5, 6), (6,)]),
        ("ijk,kl,lm->ijm", [(2, 3, 4), (4, 5), (5, 2)]),
    ],
)
def test_einsum_path_report(subs, shapes):
    ops = [rand(s) for s in shapes]
    tp, tr = numpy.einsum_path(subs, *ops, optimize="greedy")
    op, orr = numoxide.einsum_path(subs, *[nx(o) for o in ops], optimize="greedy")
    assert [tuple(int(i) for i in t) if isinstance(t, tuple) else t for t in op] == list(tp)
    assert orr == tr


@pytest.mark.parametrize("n", [700, 1024])
def test_results_do_not_read_recycled_memory(n):
    # products and decompositions write into uninitialized (allocator-reused) buffers:
    # a freed array full of NaN must never show through
    for make in (lambda: nx(numpy.ones((n, n))) @ nx(numpy.ones((n, n))), lambda: numoxide.linalg.inv(nx(numpy.eye(n) * 2.0))):
        junk = numoxide.full((n, n), numpy.nan)
        del junk
        r = back(make())
        assert numpy.isfinite(r).all()


@pytest.mark.parametrize(
    "subs,shapes",
    [
        ("ij,jk,kl,lm->im", [(2, 30), (30, 4), (4, 50), (50, 3)]),
        ("abc,bcd,cde->ae", [(3, 4, 5), (4, 5, 6), (5, 6, 7)]),
        ("ea,fb,abcd,gc,hd->efgh", [(4, 4)] * 2 + [(4, 4, 4, 4)] + [(4, 4)] * 2),
        ("ij,jk,kl->il", [(4, 4), (4, 5), (5, 3)]),
    ],
)
def test_einsum_path_optimal(subs, shapes):
    ops = [rand(s) for s in shapes]
    for opt in ("optimal", ("optimal", None)):
        if isinstance(opt, tuple):
            opt = ("optimal", max(int(numpy.prod(s)) for s in shapes))
        tp, tr = numpy.einsum_path(subs, *ops, optimize=opt)
        op, orr = numoxide.einsum_path(subs, *[nx(o) for o in ops], optimize=opt)
        assert [tuple(int(i) for i in t) if isinstance(t, tuple) else t for t in op] == list(tp)
        assert orr == tr


def _random_expressions(seed, count):
    """Seeded random einsum expressions over 1..5 operands (with size-1 axes)."""
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(count):
        sizes = {c: rng.choice([1, 2, 3, 4, 5, 8]) for c in "abcde"}
        terms = ["".join(rng.sample("abcde", rng.randint(0, 3))) for _ in range(rng.randint(1, 5))]
        used = sorted(set("".join(terms)))
        res = "".join(rng.sample(used, rng.randint(0, min(3, len(used)))))
        out.append((",".join(terms) + "->" + res, [tuple(sizes[c] for c in t) for t in terms]))
    return out


@pytest.mark.parametrize(
    "optimize",
    ["greedy", "optimal", False, True, None, ("greedy", 0), ("greedy", 5), ("greedy", 20.7), ("optimal", 1), ("optimal", 20)],
)
def test_einsum_path_memory_limit_and_modes(optimize):
    # NumPy's greedy/optimal searches with memory_limit=(name, limit), the single-step
    # path when unoptimized, and the printed report, on random expressions.
    for subs, shapes in _random_expressions(7, 60):
        ops = [numpy.ones(s) for s in shapes]
        tp, tr = numpy.einsum_path(subs, *ops, optimize=optimize)
        op, orr = numoxide.einsum_path(subs, *[numoxide.ones(s) for s in shapes], optimize=optimize)
        assert op == tp, subs
        assert orr == tr, subs


@pytest.mark.parametrize("optimize", ["greedy", "optimal", ("greedy", 2), ("optimal", 3), None, True])
def test_einsum_optimize_values(optimize):
    rng = numpy.random.default_rng(3)
    for subs, shapes in _random_expressions(11, 40):
        ops = [rng.standard_normal(s) for s in shapes]
        theirs = numpy.einsum(subs, *ops, optimize=optimize)
        ours = numoxide.einsum(subs, *[nx(o) for o in ops], optimize=optimize)
        assert numpy.asarray(ours).shape == numpy.shape(theirs)
        numpy.testing.assert_allclose(numpy.asarray(ours), theirs, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("optimize", ["foo", ("greedy",), ("greedy", "x"), 7])
def test_einsum_bad_optimize(optimize):
    ops = [numpy.ones((2, 3)), numpy.ones((3, 4)), numpy.ones((4, 2))]
    for call in (lambda m, *a: m.einsum_path("ij,jk,kl->il", *a, optimize=optimize),
                 lambda m, *a: m.einsum("ij,jk,kl->il", *a, optimize=optimize)):
        assert_same_error(lambda m, call=call: call(m, *[m.asarray(o) for o in ops]))


@pytest.mark.parametrize("shape", [(0, 0), (2, 0, 0), (0, 3), (3, 0), (2, 3, 0)])
@pytest.mark.parametrize("ord_", [None, "fro", "nuc", 1, 2, numpy.inf, -1, -2, -numpy.inf])
def test_norm_of_empty_matrices(shape, ord_):
    # NumPy 2.5 reduces with initial=0 for the max-type orders (1, inf, 2, 'nuc');
    # the min-type orders raise ValueError.
    def call(m):
        return m.linalg.norm(m.zeros(shape), ord_, axis=(-2, -1))

    try:
        theirs = call(numpy)
    except ValueError:
        assert_same_error(call)
        return
    ours = call(numoxide)
    assert numpy.asarray(ours).dtype == numpy.asarray(theirs).dtype
    assert numpy.array_equal(numpy.asarray(ours), theirs)


def test_vector_norm_inf_of_empty():
    assert numoxide.linalg.norm(numoxide.zeros(0), numpy.inf) == numpy.linalg.norm(numpy.zeros(0), numpy.inf)
    assert_same_error(lambda m: m.linalg.norm(m.zeros(0), -numpy.inf))


@pytest.mark.parametrize("shape", [(0, 0), (2, 0, 0), (0, 3), (3, 0)])
def test_matrix_rank_and_cond_of_empty(shape):
    theirs = numpy.linalg.matrix_rank(numpy.zeros(shape))
    ours = numoxide.linalg.matrix_rank(numoxide.zeros(shape))
    assert numpy.asarray(ours).dtype == numpy.asarray(theirs).dtype
    assert numpy.array_equal(numpy.asarray(ours), theirs)
    for p in (None, 1, 2, "fro"):
        assert_same_error(lambda m, p=p: m.linalg.cond(m.zeros(shape), p))


@pytest.mark.parametrize("dtype", ["bool", "int64", "float32", "complex128"])
def test_tensordot_full_contraction_is_0d_array(dtype):
    a = numpy.arange(9).reshape(3, 3).astype(dtype)
    for fn in (lambda m, x: m.tensordot(x, x), lambda m, x: m.linalg.tensordot(x, x)):
        theirs = fn(numpy, a)
        ours = fn(numoxide, numoxide.asarray(a))
        assert type(theirs).__name__ == type(ours).__name__ == "ndarray"
        assert ours.shape == () and ours.dtype == theirs.dtype
        assert numpy.asarray(ours)[()] == theirs[()]


def _same_outcome(fn, *args, rtol=0.0):
    """Same exception class, or same dtype/shape and values within rtol."""
    try:
        theirs = fn(numpy, *args)
    except Exception:  # noqa: BLE001 - the class is what we compare
        assert_same_error(fn, *[nx(a) if isinstance(a, numpy.ndarray) else a for a in args])
        return
    ours = fn(numoxide, *[nx(a) if isinstance(a, numpy.ndarray) else a for a in args])
    check_close(ours, theirs, rtol=rtol)


@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3)])
@pytest.mark.parametrize("ord_", ["fro", "nuc", "bad", "f", None, 2, 0.5])
@pytest.mark.parametrize("axis", [None, 0, 5, (0,), (0, 1), (1, 0), (0, 0), (-1, -2)])
def test_norm_checks_in_numpys_order(shape, ord_, axis):
    # A string order is rejected for vectors before the axis is checked; matrix axes are
    # checked before the order; matrix_norm of < 2 dimensions is an AxisError.
    x = numpy.ones(shape)
    with numpy.errstate(all="ignore"):
        _same_outcome(lambda m, a: m.linalg.norm(a, ord_, axis), x, rtol=1e-14)
        _same_outcome(lambda m, a: m.linalg.matrix_norm(a, ord=ord_ if ord_ is not None else "fro"), x, rtol=1e-14)
        _same_outcome(lambda m, a: m.linalg.vector_norm(a, ord=ord_, axis=axis), x, rtol=1e-14)


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)])
def test_norm_float16_rounds_like_numpy(axis):
    # NumPy computes float16 norms in float16 (abs ** p rounded, outer-axis sums rounded
    # per add); we match it exactly.
    x = RNG.standard_normal((3, 4)).astype(numpy.float16) * 3
    for ord_ in (0.5, -1, 3, 1, numpy.inf):
        if axis == (0, 1) and ord_ in (0.5, 3):
            continue
        fn = (lambda m, a, o=ord_: m.linalg.vector_norm(a, ord=o, axis=axis)) if isinstance(axis, tuple) else (
            lambda m, a, o=ord_: m.linalg.norm(a, o, axis))
        if axis is None and ord_ in (0.5, 3, -1):
            fn = lambda m, a, o=ord_: m.linalg.vector_norm(a, ord=o)  # noqa: E731
        with numpy.errstate(all="ignore"):
            check_close(fn(numoxide, nx(x)), fn(numpy, x), rtol=0)


def test_negative_order_norm_of_empty_is_inf():
    with numpy.errstate(divide="ignore"):
        for ord_ in (-1, -0.5, -3):
            check_close(numoxide.linalg.norm(numoxide.zeros(0), ord_), numpy.linalg.norm(numpy.zeros(0), ord_), rtol=0)


@pytest.mark.parametrize("dtype", ["float16", "float64"])
@pytest.mark.parametrize("p", [None, 2, "fro", 1, "nuc", "x"])
@pytest.mark.parametrize("shape", [(3, 4), (0, 0), (3, 3)])
def test_cond_checks_in_numpys_order(dtype, p, shape):
    # Squareness before dtype for the non-SVD orders; float16 is a TypeError.
    x = rand(shape).astype(dtype)
    _same_outcome(lambda m, a: m.linalg.cond(a, p), x, rtol=1e-10)


@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
@pytest.mark.parametrize("shape", [(3, 3), (4, 3), (3, 5), (2, 4, 3), (1, 1)])
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
def test_complex_qr_follows_lapack_convention(dtype, shape, mode):
    # LAPACK's Householder convention makes R's diagonal real; Q and R then agree with
    # NumPy's element for element (to rounding), not just up to phases.
    a = rand(shape, dtype)
    theirs = numpy.linalg.qr(a, mode=mode)
    ours = numoxide.linalg.qr(nx(a), mode=mode)
    if mode == "r":
        theirs, ours = (theirs,), (ours,)
    else:
        assert type(ours).__name__ == "QRResult" and ours._fields == theirs._fields
    tol = 100 * eps(dtype)
    for o, t in zip(ours, theirs, strict=True):
        check_close(o, t, rtol=tol, atol=tol * 10)


@pytest.mark.parametrize("mode", ["full", "f", "economic", "e"])
def test_qr_deprecated_modes(mode):
    a = rand((4, 3))
    with pytest.warns(DeprecationWarning):
        theirs = numpy.linalg.qr(a, mode=mode)
    with pytest.warns(DeprecationWarning):
        ours = numoxide.linalg.qr(nx(a), mode=mode)
    if isinstance(theirs, tuple):
        theirs, ours = theirs[1], ours[1]
    check_close(ours, theirs, rtol=1e-12, atol=1e-14)


def test_linalg_sweep_fixes():
    # matrix_rank of vectors and scalars is a Python int.
    for x in (numpy.ones(3), numpy.zeros(2), numpy.float64(2.0)):
        ours, theirs = numoxide.linalg.matrix_rank(nx(numpy.asarray(x))), numpy.linalg.matrix_rank(x)
        assert type(ours) is type(theirs) is int and ours == theirs
    # hermitian svd checks squareness before the dtype.
    assert_same_error(lambda m, x: m.linalg.matrix_rank(x, hermitian=True), nx(numpy.ones((3, 4), numpy.float16)))
    assert type(assert_same_error(lambda m, x: m.linalg.svd(x, hermitian=True), nx(numpy.ones((3, 4), numpy.float16)))[0]).__name__ == "LinAlgError"
    # pinv of an empty stack keeps the input dtype; rtol=None takes finfo of the input.
    for dt in ("int8", "float16", "bool", "complex64"):
        for shape in ((0, 3), (2, 3, 0), (0, 0)):
            check_close(numoxide.linalg.pinv(numoxide.zeros(shape, dt)), numpy.linalg.pinv(numpy.zeros(shape, dt)), rtol=0)
    assert_same_error(lambda m, x: m.linalg.pinv(x, rtol=None), nx(numpy.eye(2, dtype=numpy.int64)))
    check_close(numoxide.linalg.pinv(nx(numpy.eye(2)), rtol=None), numpy.linalg.pinv(numpy.eye(2), rtol=None), rtol=1e-14)
    # lstsq's dimension message; multi_dot of two arrays is dot.
    ours, theirs = assert_same_error(lambda m, a, b: m.linalg.lstsq(a, b), nx(numpy.ones((3, 2))), nx(numpy.ones((3, 2, 1))))
    assert str(ours) == str(theirs)
    a, b = rand((3, 3)), rand((2, 3, 4))
    check_close(numoxide.linalg.multi_dot([nx(a), nx(b)]), numpy.linalg.multi_dot([a, b]), rtol=1e-13)


def test_product_sweep_fixes():
    a3, b3 = rand((2, 3, 4)), rand((3, 4, 5))
    # tensordot: NumPy's check order and its negative-int axes (an outer product).
    for axes in (-1, ([1, 1], [0, 0]), ([5], [0]), ([0], [1]), ((1, 2), (0,))):
        _same_outcome(lambda m, a, b, axes=axes: m.tensordot(a, b, axes=axes), a3, b3, rtol=1e-12)
    # cross of 0-d input; inner's "not aligned" message names b with its last axes swapped.
    assert_same_error(lambda m: m.cross(m.asarray(1.0), m.ones(3)))
    ours, theirs = assert_same_error(lambda m, a, b: m.inner(a, b), nx(rand((2, 3))), nx(rand((3, 4))))
    assert str(ours) == str(theirs)
    # dot's out must have the result's exact dtype; matmul checks dtype= casting.
    x, y = rand((3, 4)), rand((4, 2))
    # (NumPy's own ufuncs must not see numoxide arrays here: np.matmul(numoxide_array, ...)
    # crashes in the shared __array_ufunc__ path, outside this family.)
    assert_same_error(lambda m, a, b: m.dot(m.asarray(a), m.asarray(b), out=m.zeros((3, 2), "float32")), x, y)
    assert_same_error(lambda m, a, b: m.matmul(m.asarray(a), m.asarray(b), dtype="int64"), x, y)
    check_close(numoxide.matmul(nx(x), nx(y), dtype="int64", casting="unsafe"), numpy.matmul(x, y, dtype="int64", casting="unsafe"), rtol=0)


def test_einsum_sweep_fixes():
    A, B, T = rand((2, 3)), rand((3, 4)), rand((2, 3, 3))
    # An optimized two-operand contraction to 0-d ends in a matrix product: a 0-d array.
    for opt in (True, "greedy", "optimal", False):
        theirs = numpy.einsum("i,i", A[0], A[0], optimize=opt)
        ours = numoxide.einsum("i,i", nx(A[0]), nx(A[0]), optimize=opt)
        assert type(ours).__name__ == type(theirs).__name__
    # casting= and dtype= are checked like NumPy's iterator; order='F' is honoured.
    assert_same_error(lambda m, a, b: m.einsum("ij,jk->ik", a, b, dtype="float32"), nx(A), nx(B))
    assert_same_error(lambda m, a, b: m.einsum("ij,jk->ik", a, b.astype("float32"), casting="no"), nx(A), nx(B))
    assert_same_error(lambda m, a, b: m.einsum("ij,jk->ik", a, b, out=m.zeros((2, 4), "int64")), nx(A), nx(B))
    assert numoxide.einsum("ij,jk->ik", nx(A), nx(B), order="F").flags.f_contiguous
    # einsum_path: label sizes checked; ellipsis axes named with letters from NumPy's
    # unused-letter set. Which letters NumPy picks depends on Python's string hashing
    # (a set's order), so compare the report with every other letter masked.
    import re

    ours, theirs = assert_same_error(lambda m, a: m.einsum_path("ij,jk->ik", A, A))
    assert str(ours) == str(theirs)

    for sub, ops in (("...ij,...jk->...ik", (T, T)), ("i...->...", (T,)), ("...ii->...i", (T,))):
        o = numoxide.einsum_path(sub, *[nx(x) for x in ops], optimize="greedy")[1]
        t = numpy.einsum_path(sub, *ops, optimize="greedy")[1]
        assert o.split("\n")[1:8] == t.split("\n")[1:8]
        # Keep only the subscript's own letters: the ellipsis letters are the unused ones.
        keep = "[^" + "".join(sorted(set(sub) - set(".,->"))) + " ,>-]"
        assert [re.sub(keep, "?", line) for line in o.split("\n")[::10]] == [re.sub(keep, "?", line) for line in t.split("\n")[::10]]


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
@pytest.mark.parametrize(
    "m",
    [
        [[numpy.nan]],
        [[numpy.inf]],
        [[-numpy.inf]],
        [[numpy.inf, 1.0], [1.0, 2.0]],
        [[1.0, 2.0, 3.0], [2.0, -numpy.inf, 1.0], [3.0, 1.0, numpy.inf]],
    ],
)
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh_nonfinite_as_lapack(m, dtype, uplo):
    """Where LAPACK's heevd returns instead of failing: a 1 x 1 matrix (its element and
    the unit vector) and infinities only on the diagonal (scaled by 0: NaN eigenvalues,
    unit eigenvectors)."""
    a = numpy.array(m, dtype=dtype)
    with numpy.errstate(all="ignore"):
        w, v = numpy.linalg.eigh(a, UPLO=uplo)
    ow, ov = numoxide.linalg.eigh(nx(a), UPLO=uplo)
    for o, t in ((ow, w), (ov, v)):
        o = back(o)
        assert o.dtype == t.dtype and o.shape == t.shape
        numpy.testing.assert_array_equal(o, t)


EINSUM_BAD = [
    "ij,jk->ikk", "ij,jk->iz", "ij,jk->->", "ij,,jk", "ij->", "i j,jk", "ij,jk->ik,", "ij.,jk",
    "...ij,jk", "ij,jk...->", "i...j,jk", "ij,jk->..", "ij,j2", "ij", "ij,jk,kl", "iij,jk",
    "ij,jk->i->k", "Ij,jk", "ij,jk->>ik", "ij,jk-ik", "ij,jk>ik", "..,jk", "i.j,jk", "ij,jk->ik",
    "....ij,jk", "ij,jk->......", "ij,jk->i...", "ij,jk",
]


@pytest.mark.parametrize("subscripts", EINSUM_BAD)
@pytest.mark.parametrize("how", ["einsum", "einsum optimize", "einsum_path"])
def test_einsum_parse_errors_as_numpy(subscripts, how):
    """NumPy has two parsers: C for einsum without optimize, Python for einsum_path and
    optimized einsum; each has its own checks, order and texts."""

    def call(m):
        a, b = m.ones((2, 3)), m.ones((3, 4))
        if how == "einsum":
            return m.einsum(subscripts, a, b)
        if how == "einsum optimize":
            return m.einsum(subscripts, a, b, optimize=True)
        return m.einsum_path(subscripts, a, b, optimize="greedy")[0]

    try:
        theirs = call(numpy)
    except Exception as e:  # noqa: BLE001 - compared below
        with pytest.raises(type(e)) as ours:
            call(numoxide)
        assert str(ours.value) == str(e)
        return
    ours = call(numoxide)
    if how == "einsum_path":
        assert ours == theirs
    else:
        numpy.testing.assert_array_equal(back(ours), theirs)


@pytest.mark.parametrize("dtype", ["float64", "complex64", "int32", "bool"])
def test_pinv_of_empty_vector(dtype):
    ours, theirs = assert_same_error(lambda m: m.linalg.pinv(m.zeros(0, dtype=dtype)))
    assert str(ours) == str(theirs)
