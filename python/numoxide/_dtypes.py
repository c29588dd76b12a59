"""``iinfo`` and ``finfo``: machine limits of the integer and float types."""

from . import _numoxide as _nx

__all__ = ["iinfo", "finfo"]


class iinfo:
    """Machine limits for integer types."""

    def __init__(self, int_type):
        try:
            self.dtype = _nx.dtype(int_type)
        except TypeError:
            self.dtype = _nx.dtype(type(int_type))
        self.kind = self.dtype.kind
        self.bits, self.min, self.max = _nx._iinfo(self.dtype)

    def __str__(self):
        return (
            "Machine parameters for %s\n"
            "---------------------------------------------------------------\n"
            "min = %s\nmax = %s\n"
            "---------------------------------------------------------------\n"
            % (self.dtype, self.min, self.max)
        )

    def __repr__(self):
        return f"{type(self).__name__}(min={self.min}, max={self.max}, dtype={self.dtype})"


class finfo:
    """Machine limits for floating point types."""

    _cache = {}

    def __new__(cls, dtype):
        try:
            d = _nx.dtype(dtype)
        except TypeError:
            d = _nx.dtype(type(dtype))
        if d.kind == "c":
            d = _nx.dtype({"F": "f", "D": "d"}[d.char])
        if d in cls._cache:
            return cls._cache[d]
        obj = object.__new__(cls)
        obj._init(d)
        cls._cache[d] = obj
        return obj

    def _init(self, d):
        info = _nx._finfo(d)
        scalar = d.type
        self.dtype = d
        self.bits = info["bits"]
        for name in ("eps", "epsneg", "max", "min", "tiny", "smallest_normal",
                     "smallest_subnormal", "resolution"):
            setattr(self, name, scalar(info[name]))
        for name in ("precision", "machep", "negep", "minexp", "maxexp", "nmant", "nexp", "iexp"):
            setattr(self, name, info[name])

    def __repr__(self):
        return (f"{type(self).__name__}(resolution={self.resolution}, min={self.min}, "
                f"max={self.max}, dtype={self.dtype})")
