"""The tour's chapter on differences and integrals, logic tests, stride tricks and nditer
(imported by examples/tour.py)."""

import numoxide as np
from numoxide.lib.stride_tricks import as_strided, sliding_window_view


def chapter_logic():
    """diff/gradient/trapezoid/interp, array_equal and friends, sliding windows, nditer."""
    print("== Differences, integrals, logic, stride tricks and nditer ==")
    # Differences and derivatives: diff keeps the dtype (uint8 wraps, bool uses !=).
    y = np.array([1, 4, 9, 16, 25], dtype=np.uint8)
    print("np.diff(y) =", np.diff(y), " np.diff(y, n=2) =", np.diff(y, n=2))
    print("np.diff([True, False, False]) =", np.diff(np.array([True, False, False])))
    print("np.ediff1d(y.astype(int), to_begin=-99) =", np.ediff1d(y.astype(int), to_begin=-99))
    f = np.array([1.0, 2.0, 4.0, 7.0, 11.0, 16.0])
    print("np.gradient(f) =", np.gradient(f), " with spacing 2:", np.gradient(f, 2.0))
    x = np.array([0.0, 1.0, 1.5, 3.5, 4.0, 6.0])
    print("np.gradient(f, x, edge_order=2) =", np.gradient(f, x, edge_order=2))
    print("np.trapezoid(f, x) =", np.trapezoid(f, x))
    # Interpolation: NaN stays NaN, a breakpoint gives its value exactly.
    print("np.interp([2.5, 0, 9, nan], [1, 2, 3], [3, 2, 0], right=-1) =",
          np.interp(np.array([2.5, 0.0, 9.0, np.nan]), [1, 2, 3], [3, 2, 0], right=-1.0))
    print("periodic: np.interp([-180, 185], [190, -190, 350, -350], [5, 10, 3, 4], period=360) =",
          np.interp([-180, 185], [190, -190, 350, -350], [5, 10, 3, 4], period=360))
    m = np.arange(1, 7).reshape(2, 3)
    print("np.cumulative_sum(m, axis=1, include_initial=True) =")
    print(np.cumulative_sum(m, axis=1, include_initial=True))

    # Logic: whole-array comparisons return Python bools.
    print("np.array_equal([1, 2], [1.0, 2.0]) =", np.array_equal([1, 2], [1.0, 2.0]))
    nan_arr = np.array([1.0, np.nan])
    print("array_equal with NaN:", np.array_equal(nan_arr, nan_arr), "| equal_nan=True:",
          np.array_equal(nan_arr, nan_arr, equal_nan=True))
    print("np.array_equiv([1, 2], [[1, 2], [1, 2]]) =", np.array_equiv([1, 2], [[1, 2], [1, 2]]))
    print("np.iscomplex([1, 2j, 3+0j]) =", np.iscomplex([1, 2j, 3 + 0j]),
          " np.isreal(...) =", np.isreal([1, 2j, 3 + 0j]))
    print("np.isscalar(3.1) =", np.isscalar(3.1), " np.isscalar(np.array(3.1)) =", np.isscalar(np.array(3.1)))
    print("np.isneginf([-inf, 0, inf]) =", np.isneginf(np.array([-np.inf, 0.0, np.inf])))

    # Stride tricks: windows are read-only views sharing the array's memory.
    series = np.arange(8.0)
    w = sliding_window_view(series, 3)
    print("sliding_window_view(arange(8.), 3).shape =", w.shape, " moving mean:", w.mean(axis=-1))
    print("shares memory:", np.shares_memory(w, series), " writeable:", w.flags.writeable)
    try:
        w[0, 0] = 1.0
    except ValueError as e:
        print("ValueError:", e)
    print("as_strided(a, shape=(3, 4), strides=(8, 0)) =")
    print(as_strided(np.arange(3), shape=(3, 4), strides=(8, 0)))
    try:
        as_strided(np.arange(3), shape=(4,), strides=(8,))
    except ValueError as e:
        print("ValueError:", str(e).split(" reaches")[0], "... (outside the array's memory)")

    # nditer: NumPy's iterator, in memory order by default.
    a = np.arange(6).reshape(2, 3)
    print("nditer(a.T) visits:", [int(v) for v in np.nditer(a.T)])
    it = np.nditer(a, flags=["multi_index"])
    print("multi_index:", [(int(v), it.multi_index) for v in it][:3], "...")
    print("external_loop, order='F':", [c.tolist() for c in np.nditer(a, flags=["external_loop"], order="F")])
    with np.nditer(a, op_flags=["readwrite"]) as it:
        for v in it:
            v[...] = v * v
    print("squared in place with op_flags=['readwrite']:", a.tolist())
    it = np.nditer([np.arange(3), None])
    with it:
        for v, out in it:
            out[...] = v * 10
        print("allocated output:", it.operands[1])
    print()


if __name__ == "__main__":
    chapter_logic()
