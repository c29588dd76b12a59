"""Hypothesis strategies shared by the test files: dtypes, shapes, values with the
special cases (NaN, inf, -0.0, extremes), and layouts (transposed, negative strides,
step slices, F order, broadcast) applied identically to NumPy and numoxide arrays."""

import numpy
from harness import ALL_DTYPES
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

__all__ = ["dtypes", "shapes", "arrays", "layouts", "array_and_layout"]


def dtypes(names=ALL_DTYPES):
    """A dtype name from ``names``."""
    return st.sampled_from(list(names))


def shapes(min_dims=0, max_dims=4, min_side=0, max_side=5):
    """Array shapes, empty and 0-d included by default."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def _elements(dtype):
    d = numpy.dtype(dtype)
    if d.kind == "f":
        return hnp.from_dtype(d, allow_nan=True, allow_infinity=True, allow_subnormal=True)
    if d.kind == "c":
        return hnp.from_dtype(d, allow_nan=True, allow_infinity=True)
    return hnp.from_dtype(d)


@st.composite
def arrays(draw, dtype=None, shape=None):
    """A NumPy array of any numeric dtype with special values mixed in."""
    dtype = draw(dtypes()) if dtype is None else dtype
    shape = draw(shapes()) if shape is None else shape
    return draw(hnp.arrays(numpy.dtype(dtype), shape, elements=_elements(dtype)))


# A layout is a function (module, array) -> array that both libraries apply the same way.
LAYOUTS = {
    "as_is": lambda m, a: a,
    "transposed": lambda m, a: a.T,
    "reversed": lambda m, a: a[::-1] if a.ndim else a,
    "stepped": lambda m, a: a[..., ::2] if a.ndim else a,
    "reversed_last": lambda m, a: a[..., ::-1] if a.ndim else a,
    "fortran": lambda m, a: m.asfortranarray(a) if a.ndim else a,
    "swapped_first_two": lambda m, a: a.swapaxes(0, 1) if a.ndim >= 2 else a,
}


def layouts():
    """The name of a layout transformation from LAYOUTS."""
    return st.sampled_from(sorted(LAYOUTS))


@st.composite
def array_and_layout(draw, dtype=None, shape=None):
    """(numpy_base_array, layout_name): apply LAYOUTS[name] to each library's copy."""
    return draw(arrays(dtype, shape)), draw(layouts())


def sort_case(a, rng, pattern, layout):
    """A 1-D array of the sort tests shaped as a value pattern ("few", "narrow": small
    ranges; "sorted", "reversed": presorted) and a layout ("stepped", "reversed_view",
    "rows": three rows, "axis0": two columns); returns the array and the axis to sort."""
    d, n = a.dtype, a.shape[0]
    if pattern == "few":
        a = rng.integers(0, 5, n).astype(d)
    elif pattern == "narrow":
        a = (rng.integers(0, 40_000, n) * 2 + 7).astype(d)
    if pattern == "sorted":
        a = numpy.sort(a)
    elif pattern == "reversed":
        a = numpy.sort(a)[::-1].copy()
    if layout == "stepped":
        a = numpy.concatenate([a, a])[::2]
    elif layout == "reversed_view":
        a = a[::-1]
    elif layout == "rows":
        a = numpy.stack([a, a[::-1], numpy.roll(a, 7)])
    elif layout == "axis0":
        a = numpy.stack([a, a[::-1]], axis=1)
    return a, 0 if layout == "axis0" else -1
