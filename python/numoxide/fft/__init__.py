"""numoxide.fft: discrete Fourier transforms (see NumPy's numpy.fft).

The one-axis transforms, frequencies and shifts are Rust functions of
``numoxide._numoxide._fft``; the n-dimensional transforms below are sequences of them,
arranged (argument checks, axis order, warnings) as NumPy arranges them.
"""

import warnings as _warnings

from .._numoxide import _fft
from .._numoxide import asarray as _asarray

fft = _fft.fft
ifft = _fft.ifft
rfft = _fft.rfft
irfft = _fft.irfft
hfft = _fft.hfft
ihfft = _fft.ihfft
fftfreq = _fft.fftfreq
rfftfreq = _fft.rfftfreq
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

for _f in (fft, ifft, rfft, irfft, hfft, ihfft, fftfreq, rfftfreq, fftshift, ifftshift):
    try:
        _f.__module__ = "numoxide.fft"
    except (AttributeError, TypeError):
        pass


def _cook_nd_args(a, s=None, axes=None, invreal=False):
    """The lengths and axes of an n-dimensional transform, as NumPy derives them."""
    shape = a.shape
    if s is None:
        shapeless = True
        if axes is not None and len(axes) and not len(shape):
            raise IndexError("cannot do a non-empty take from an empty axes.")
        for ax in [] if axes is None else axes:
            if not -len(shape) <= ax < len(shape):
                raise IndexError(f"index {ax} is out of bounds for axis 0 with size {len(shape)}")
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
