"""numoxide.random.mtrand: NumPy's legacy RandomState and the np.random module functions.

Every sampler runs in Rust (``numoxide._numoxide._random.legacy_*``) with the NumPy 1.16
algorithms that mtrand keeps, so streams are identical to NumPy's; this module only
routes arguments, as mtrand.pyx does.
"""

import operator as _operator
import warnings as _warnings
from collections.abc import Sequence as _Sequence

from .._numoxide import _random as _r
from . import MT19937 as _MT19937
from . import BitGenerator as _BitGenerator
from . import _ContinuousSamplers, _int64_param, _multivariate_normal, _plain_state

__all__ = [
    "RandomState",
    "beta",
    "binomial",
    "bytes",
    "chisquare",
    "choice",
    "dirichlet",
    "exponential",
    "f",
    "gamma",
    "geometric",
    "get_bit_generator",
    "get_state",
    "gumbel",
    "hypergeometric",
    "laplace",
    "logistic",
    "lognormal",
    "logseries",
    "multinomial",
    "multivariate_normal",
    "negative_binomial",
    "noncentral_chisquare",
    "noncentral_f",
    "normal",
    "pareto",
    "permutation",
    "poisson",
    "power",
    "rand",
    "randint",
    "randn",
    "random",
    "random_integers",
    "random_sample",
    "ranf",
    "rayleigh",
    "sample",
    "seed",
    "set_bit_generator",
    "set_state",
    "shuffle",
    "standard_cauchy",
    "standard_exponential",
    "standard_gamma",
    "standard_normal",
    "standard_t",
    "triangular",
    "uniform",
    "vonmises",
    "wald",
    "weibull",
    "zipf",
]


def _np():
    import numoxide

    return numoxide


_INT_DTYPES = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool")


class RandomState(_ContinuousSamplers):
    """NumPy's legacy RandomState: MT19937 (or any bit generator) with the legacy samplers."""

    def __init__(self, seed=None):
        if seed is None:
            bit_generator = _MT19937()
        elif not isinstance(seed, _BitGenerator):
            bit_generator = _MT19937()
            bit_generator._legacy_seeding(seed)
        else:
            bit_generator = seed
        self._initialize_bit_generator(bit_generator)

    def _initialize_bit_generator(self, bit_generator):
        if not isinstance(bit_generator, _BitGenerator) or not hasattr(bit_generator, "_bg"):
            raise ValueError("Invalid bit generator. The bit generator must be instantized.")
        self._bit_generator = bit_generator
        self._bg = bit_generator._bg
        self._bg.set_gauss(False, 0.0)

    def __repr__(self):
        return f"{self} at 0x{id(self):X}"

    def __str__(self):
        return f"{type(self).__name__}({type(self._bit_generator).__name__})"

    def __getstate__(self):
        return _plain_state(self.get_state(legacy=False))

    def __setstate__(self, state):
        self.set_state(state)

    def __reduce__(self):
        return _randomstate_ctor, (self._bit_generator,), _plain_state(self.get_state(legacy=False))

    def seed(self, seed=None):
        if not isinstance(self._bit_generator, _MT19937):
            raise TypeError("can only re-seed a MT19937 BitGenerator")
        self._bit_generator._legacy_seeding(seed)
        self._bg = self._bit_generator._bg
        self._bg.set_gauss(False, 0.0)

    def get_state(self, legacy=True):
        st = self._bit_generator.state
        has, g = self._bg.gauss_state()
        st["has_gauss"] = has
        st["gauss"] = g
        if st["bit_generator"] != "MT19937" and legacy:
            _warnings.warn(
                "get_state and legacy can only be used with the MT19937 BitGenerator. "
                "To silence this warning, set `legacy` to False.",
                RuntimeWarning,
                stacklevel=2,
            )
            legacy = False
        if legacy:
            return (st["bit_generator"], st["state"]["key"], st["state"]["pos"], st["has_gauss"], st["gauss"])
        return st

    def set_state(self, state):
        if isinstance(state, dict):
            if "bit_generator" not in state or "state" not in state:
                raise ValueError("state dictionary is not valid.")
            st = state
        else:
            if not isinstance(state, (tuple, list)):
                raise TypeError("state must be a dict or a tuple.")
            if state[0] != "MT19937":
                raise ValueError("set_state can only be used with legacy MT19937 state instances.")
            st = {"bit_generator": state[0], "state": {"key": state[1], "pos": state[2]}}
            if len(state) > 3:
                st["has_gauss"] = state[3]
                st["gauss"] = state[4]
        gauss = float(st.get("gauss", 0.0))
        has_gauss = int(st.get("has_gauss", 0))
        self._bit_generator.state = st
        self._bg.set_gauss(bool(has_gauss), gauss)

    # ----- uniform and integer draws --------------------------------------------------

    def random_sample(self, size=None):
        return _r.fill(self._bg, "uniform", size)

    def random(self, size=None):
        return self.random_sample(size=size)

    def rand(self, *args):
        return self.random_sample(size=args if args else None)

    def randn(self, *args):
        return self.standard_normal(size=args if args else None)

    def tomaxint(self, size=None):
        return _r.tomaxint(self._bg, size)

    def randint(self, low, high=None, size=None, dtype=int):
        if high is None:
            high, low = low, 0
        np = _np()
        dt = np.dtype("int64") if dtype is int else np.dtype(dtype)
        if not dt.isnative:
            _warnings.warn(
                "Providing a dtype with a non-native byteorder is not supported. If you require "
                "platform-independent byteorder, call byteswap when required.\nIn future version, "
                "providing byteorder will raise a ValueError",
                DeprecationWarning,
                stacklevel=2,
            )
            dt = dt.newbyteorder()
        if dt.name not in _INT_DTYPES:
            raise TypeError(f"Unsupported dtype {dt!r} for randint")
        ret = _r.integers(self._bg, low, high, size, dt, False, True)
        if size is None and dtype in (bool, int) and getattr(ret, "shape", ()) == ():
            return dtype(ret)
        return ret

    def random_integers(self, low, high=None, size=None):
        if high is None:
            _warnings.warn(
                f"This function is deprecated. Please call randint(1, {low} + 1) instead",
                DeprecationWarning,
                stacklevel=2,
            )
            high, low = low, 1
        else:
            _warnings.warn(
                f"This function is deprecated. Please call randint({low}, {high} + 1) instead",
                DeprecationWarning,
                stacklevel=2,
            )
        return self.randint(low, int(high) + 1, size=size, dtype="l")

    def bytes(self, length):
        return _r.random_bytes(self._bg, _operator.index(length))

    # ----- selection --------------------------------------------------------------------

    def choice(self, a, size=None, replace=True, p=None):
        np = _np()
        a = np.asarray(a)
        nsamp = 1 if size is None else _prod(size)
        if a.ndim == 0:
            try:
                pop_size = _operator.index(a.item())
            except TypeError:
                raise ValueError("a must be 1-dimensional or an integer") from None
            if pop_size <= 0 and nsamp != 0:
                raise ValueError("a must be greater than 0 unless no samples are taken")
        elif a.ndim != 1:
            raise ValueError("a must be 1-dimensional")
        else:
            pop_size = a.shape[0]
            if pop_size == 0 and nsamp != 0:
                raise ValueError("'a' cannot be empty unless no samples are taken")
        pv = None
        if p is not None:
            atol = 1.4901161193847656e-08
            if isinstance(p, np.ndarray) and p.dtype.kind == "f":
                atol = max(atol, float(np.finfo(p.dtype).eps) ** 0.5)
            parr = np.asarray(p, dtype="float64")
            if parr.ndim != 1:
                raise ValueError("'p' must be 1-dimensional")
            if parr.size != pop_size:
                raise ValueError("'a' and 'p' must have same size")
            pv = [float(v) for v in parr.tolist()]
            p_sum = _kahan(pv)
            if p_sum != p_sum:
                raise ValueError("probabilities contain NaN")
            if any(v < 0 for v in pv):
                raise ValueError("probabilities are not non-negative")
            if abs(p_sum - 1.0) > atol:
                raise ValueError("probabilities do not sum to 1")
        is_scalar = size is None
        shape = () if is_scalar else size
        if replace:
            if pv is not None:
                idx = _r.choice_p(self._bg, pv, nsamp, True).reshape(shape)
            else:
                idx = self.randint(0, pop_size, size=shape)
        else:
            if nsamp > pop_size:
                raise ValueError("Cannot take a larger sample than population when 'replace=False'")
            if nsamp < 0:
                raise ValueError("Negative dimensions are not allowed")
            if pv is not None:
                if sum(1 for v in pv if v > 0) < nsamp:
                    raise ValueError("Fewer non-zero entries in p than size")
                idx = _r.choice_p(self._bg, pv, nsamp, False).reshape(shape)
            else:
                idx = _r.legacy_permutation_prefix(self._bg, pop_size, nsamp).reshape(shape)
        if is_scalar and isinstance(idx, np.ndarray):
            idx = idx.item(0)
        if a.ndim == 0:
            return idx
        if not is_scalar and idx.ndim == 0:
            res = np.empty((), dtype=a.dtype)
            res[()] = a[int(idx)]
            return res
        if isinstance(idx, int):
            return a[idx]
        return _r.take0(a, idx)

    def shuffle(self, x):
        np = _np()
        if isinstance(x, np.ndarray):
            if not x.flags.writeable:
                raise ValueError("array is read-only")
            if x.size == 0:
                return
            _r.shuffle_array(self._bg, x, 0)
            return
        if not isinstance(x, _Sequence):
            _warnings.warn(
                f"you are shuffling a '{type(x).__name__}' object which is not a subclass of 'Sequence'; "
                "`shuffle` is not guaranteed to behave correctly. E.g., non-numpy array/tensor objects "
                "with view semantics may contain duplicates after shuffling.",
                UserWarning,
                stacklevel=2,
            )
        for i in reversed(range(1, len(x))):
            j = self._bg.interval(i)
            x[i], x[j] = x[j], x[i]

    def permutation(self, x):
        np = _np()
        if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
            return _r.permutation(self._bg, int(x), 0)
        arr = np.asarray(x)
        if arr.ndim < 1:
            raise IndexError("x must be an integer or at least 1-dimensional")
        return _r.permutation(self._bg, arr, 0)

    # ----- continuous distributions ---------------------------------------------------

    def _c(self, name, *args, size=None):
        return _r.legacy_cont(self._bg, name, args, size)

    def standard_normal(self, size=None):
        return self._c("standard_normal", size=size)

    def normal(self, loc=0.0, scale=1.0, size=None):
        return self._c("normal", loc, scale, size=size)

    def uniform(self, low=0.0, high=1.0, size=None):
        np = _np()
        alow, ahigh = np.asarray(low, dtype="float64"), np.asarray(high, dtype="float64")
        if alow.ndim == 0 and ahigh.ndim == 0:
            rng = float(high) - float(low)
            if rng - rng != 0:
                raise OverflowError("Range exceeds valid bounds")
            return self._c("uniform", float(low), rng, size=size)
        arange = np.subtract(ahigh, alow)
        if not bool(np.all(np.isfinite(arange))):
            raise OverflowError("Range exceeds valid bounds")
        return self._c("uniform", alow, arange, size=size)

    def standard_exponential(self, size=None):
        return self._c("standard_exponential", size=size)

    def exponential(self, scale=1.0, size=None):
        return self._c("exponential", scale, size=size)

    def standard_gamma(self, shape, size=None):
        return self._c("standard_gamma", shape, size=size)


    # ----- discrete distributions -------------------------------------------------------

    def _d(self, name, *args, size=None):
        return _r.legacy_disc(self._bg, name, args, size)

    def binomial(self, n, p, size=None):
        return self._d("binomial", p, _int64_param(n), size=size)

    def negative_binomial(self, n, p, size=None):
        return self._d("negative_binomial", n, p, size=size)

    def poisson(self, lam=1.0, size=None):
        return self._d("poisson", lam, size=size)

    def zipf(self, a, size=None):
        return self._d("zipf", a, size=size)

    def geometric(self, p, size=None):
        return self._d("geometric", p, size=size)

    def logseries(self, p, size=None):
        return self._d("logseries", p, size=size)

    def hypergeometric(self, ngood, nbad, nsample, size=None):
        ngood, nbad, nsample = _int64_param(ngood), _int64_param(nbad), _int64_param(nsample)
        return _r.legacy_hypergeometric(self._bg, ngood, nbad, nsample, size)

    # ----- multivariate -----------------------------------------------------------------

    def multivariate_normal(self, mean, cov, size=None, check_valid="warn", tol=1e-8):
        return _multivariate_normal(self.standard_normal, mean, cov, size, check_valid, tol, "svd", legacy=True)

    def multinomial(self, n, pvals, size=None):
        return _r.legacy_multinomial(self._bg, int(n), pvals, size)

    def dirichlet(self, alpha, size=None):
        return _r.legacy_dirichlet(self._bg, alpha, size)


def _prod(size):
    if isinstance(size, (tuple, list)):
        n = 1
        for s in size:
            n *= _operator.index(s)
        return n
    return _operator.index(size)


def _kahan(values):
    if not values:
        return 0.0
    total, c = values[0], 0.0
    for v in values[1:]:
        y = v - c
        t = total + y
        c = (t - total) - y
        total = t
    return total


def _randomstate_ctor(bit_generator=None):
    return RandomState(bit_generator) if bit_generator is not None else RandomState()


_rand = RandomState()

beta = _rand.beta
binomial = _rand.binomial
bytes = _rand.bytes  # noqa: A001 - NumPy's name
chisquare = _rand.chisquare
choice = _rand.choice
dirichlet = _rand.dirichlet
exponential = _rand.exponential
f = _rand.f
gamma = _rand.gamma
get_state = _rand.get_state
geometric = _rand.geometric
gumbel = _rand.gumbel
hypergeometric = _rand.hypergeometric
laplace = _rand.laplace
logistic = _rand.logistic
lognormal = _rand.lognormal
logseries = _rand.logseries
multinomial = _rand.multinomial
multivariate_normal = _rand.multivariate_normal
negative_binomial = _rand.negative_binomial
noncentral_chisquare = _rand.noncentral_chisquare
noncentral_f = _rand.noncentral_f
normal = _rand.normal
pareto = _rand.pareto
permutation = _rand.permutation
poisson = _rand.poisson
power = _rand.power
rand = _rand.rand
randint = _rand.randint
randn = _rand.randn
random = _rand.random
random_integers = _rand.random_integers
random_sample = _rand.random_sample
rayleigh = _rand.rayleigh
set_state = _rand.set_state
shuffle = _rand.shuffle
standard_cauchy = _rand.standard_cauchy
standard_exponential = _rand.standard_exponential
standard_gamma = _rand.standard_gamma
standard_normal = _rand.standard_normal
standard_t = _rand.standard_t
triangular = _rand.triangular
uniform = _rand.uniform
vonmises = _rand.vonmises
wald = _rand.wald
weibull = _rand.weibull
zipf = _rand.zipf


def seed(seed=None):
    """Seed the global RandomState (legacy seeding for MT19937)."""
    if isinstance(_rand._bit_generator, _MT19937):
        return _rand.seed(seed)
    bg_type = type(_rand._bit_generator)
    _rand.set_state(bg_type(seed).state)


def get_bit_generator():
    """The bit generator behind the global RandomState."""
    return _rand._bit_generator


def set_bit_generator(bitgen):
    """Replace the bit generator behind the global RandomState (and np.random's functions)."""
    _rand._initialize_bit_generator(bitgen)


def sample(*args, **kwargs):
    """Alias of random_sample."""
    return _rand.random_sample(*args, **kwargs)


def ranf(*args, **kwargs):
    """Alias of random_sample."""
    return _rand.random_sample(*args, **kwargs)
