"""numoxide.fft: discrete Fourier transforms (see NumPy's numpy.fft).

The one-axis transforms, frequencies and shifts are Rust functions of
``numoxide._numoxide._fft``; the n-dimensional transforms below are sequences of them,
arranged (argument checks, axis order, warnings) as NumPy arranges them.
"""

import sys as _sys
import warnings as _warnings

from .._numoxide import _fft
from .._numoxide import asarray as _asarray

fft = _fft.fft
ifft = _fft.ifft
rfft = _fft.rfft
irfft = _fft.irfft
hfft = _fft.hfft
ihfft = _fft.ihfft
fftshift = _fft.fftshift
ifftshift = _fft.ifftshift

__all__ = [
    "fft",
    "fft2",
    "fftfreq",
    "fftn",
    "fftshift",
    "hfft",
    "ifft",
    "ifft2",
    "ifftn",
    "ifftshift",
    "ihfft",
    "irfft",
    "irfft2",
    "irfftn",
    "rfft",
    "rfft2",
    "rfftfreq",
    "rfftn",
]

for _f in (fft, ifft, rfft, irfft, hfft, ihfft, fftshift, ifftshift):
    try:
        _f.__module__ = "numoxide.fft"
    except (AttributeError, TypeError):
        pass


def _cook_nd_args(a, s=None, axes=None, invreal=False):
    """The lengths and axes of an n-dimensional transform, as NumPy derives them."""
    shape = a.shape
    if s is None:
        shapeless = True
        scalar_axes = axes is not None and not hasattr(axes, "__len__") and hasattr(axes, "__index__")
        if axes is not None and (scalar_axes or len(axes)) and not len(shape):
            raise IndexError("cannot do a non-empty take from an empty axes.")
        for ax in [] if axes is None else [axes] if scalar_axes else axes:
            if not -len(shape) <= ax < len(shape):
                raise IndexError(f"index {ax} is out of bounds for axis 0 with size {len(shape)}")
        if scalar_axes:
            # NumPy's take(a.shape, axes) is then an int64 scalar, which list() refuses.
            raise TypeError("'numpy.int64' object is not iterable")
        s = list(shape) if axes is None else [shape[ax] for ax in axes]
    else:
        shapeless = False
    s = list(s)
    if axes is None:
        if not shapeless:
            _warnings.warn(
                "`axes` should not be `None` if `s` is not `None` "
                "(Deprecated in NumPy 2.0). In a future version of NumPy, "
                "this will raise an error and `s[i]` will correspond to "
                "the size along the transformed axis specified by "
                "`axes[i]`. To retain current behaviour, pass a sequence "
                "[0, ..., k-1] to `axes` for an array of dimension k.",
                DeprecationWarning,
                stacklevel=3,
            )
        axes = list(range(-len(s), 0))
    if len(s) != len(axes):
        raise ValueError("Shape and axes have different lengths.")
    if invreal and shapeless:
        s[-1] = (shape[axes[-1]] - 1) * 2
    if None in s:
        _warnings.warn(
            "Passing an array containing `None` values to `s` is "
            "deprecated in NumPy 2.0 and will raise an error in "
            "a future version of NumPy. To use the default behaviour "
            "of the corresponding 1-D transform, pass the value matching "
            "the default for its `n` parameter. To use the default "
            "behaviour for every axis, the `s` argument can be omitted.",
            DeprecationWarning,
            stacklevel=3,
        )
    s = [shape[ax] if n == -1 else n for n, ax in zip(s, axes, strict=False)]
    return s, list(axes)


def _raw_fftnd(a, s, axes, function, norm, out):
    a = _asarray(a)
    s, axes = _cook_nd_args(a, s, axes)
    for ii in reversed(range(len(axes))):
        a = function(a, n=s[ii], axis=axes[ii], norm=norm, out=out)
    return a


def fftn(a, s=None, axes=None, norm=None, out=None):
    """Compute the N-dimensional discrete Fourier Transform."""
    return _raw_fftnd(a, s, axes, fft, norm, out)


def ifftn(a, s=None, axes=None, norm=None, out=None):
    """Compute the N-dimensional inverse discrete Fourier Transform."""
    return _raw_fftnd(a, s, axes, ifft, norm, out)


def fft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """Compute the 2-dimensional discrete Fourier Transform."""
    return _raw_fftnd(a, s, axes, fft, norm, out)


def ifft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """Compute the 2-dimensional inverse discrete Fourier Transform."""
    return _raw_fftnd(a, s, axes, ifft, norm, out)


def rfftn(a, s=None, axes=None, norm=None, out=None):
    """Compute the N-dimensional discrete Fourier Transform for real input."""
    a = _asarray(a)
    s, axes = _cook_nd_args(a, s, axes)
    a = rfft(a, s[-1], axes[-1], norm, out=out)
    for ii in reversed(range(len(axes) - 1)):
        a = fft(a, s[ii], axes[ii], norm, out=out)
    return a


def rfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """Compute the 2-dimensional FFT of a real array."""
    return rfftn(a, s, axes, norm, out=out)


def irfftn(a, s=None, axes=None, norm=None, out=None):
    """Computes the inverse of `rfftn`."""
    a = _asarray(a)
    s, axes = _cook_nd_args(a, s, axes, invreal=True)
    for ii in range(len(axes) - 1):
        a = ifft(a, s[ii], axes[ii], norm)
    return irfft(a, s[-1], axes[-1], norm, out=out)


def irfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """Computes the inverse of `rfft2`."""
    return irfftn(a, s, axes, norm, out=out)


def _is_integer(n):
    """NumPy's ``isinstance(n, (int, integer))`` (NumPy's own integer scalars included)."""
    from .. import integer

    if isinstance(n, (int, integer)):
        return True
    numpy = _sys.modules.get("numpy")
    return numpy is not None and isinstance(n, numpy.integer)


def _freq_is_plain(n, d):
    # Python ints and floats: the Rust path computes exactly NumPy's float64 values.
    return type(n) is int and type(d) in (float, int, bool)


def fftfreq(n, d=1.0, device=None):
    """Return the Discrete Fourier Transform sample frequencies."""
    if _freq_is_plain(n, d):
        return _fft.fftfreq(n, d, device=device)
    # Anything else follows NumPy's arithmetic step by step: `1.0 / (n * d)` in the
    # types of n and d (a float32 d rounds, a NumPy zero warns, a complex d gives a
    # complex result, an array d broadcasts), then integer frequencies times it.
    from .. import arange, empty

    if not _is_integer(n):
        raise ValueError("n should be an integer")
    val = 1.0 / (n * d)
    results = empty(n, int, device=device)
    half = (n - 1) // 2 + 1
    results[:half] = arange(0, half, dtype=int, device=device)
    results[half:] = arange(-(n // 2), 0, dtype=int, device=device)
    return results * val


def rfftfreq(n, d=1.0, device=None):
    """Return the Discrete Fourier Transform sample frequencies (for usage with rfft, irfft)."""
    if _freq_is_plain(n, d):
        return _fft.rfftfreq(n, d, device=device)
    from .. import arange

    if not _is_integer(n):
        raise ValueError("n should be an integer")
    val = 1.0 / (n * d)
    results = arange(0, n // 2 + 1, dtype=int, device=device)
    return results * val
