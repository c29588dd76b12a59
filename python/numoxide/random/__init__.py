"""numoxide.random: NumPy's random module with NumPy's exact streams.

The numerics (bit generators, SeedSequence mixing, every sampler) live in Rust
(``numoxide._numoxide._random``); these classes only hold state and route arguments.
"""

import operator as _operator
import re as _re
import warnings as _warnings
from collections import namedtuple as _namedtuple
from collections.abc import Sequence as _Sequence
from secrets import randbits as _randbits

from .._numoxide import _random as _r

__all__ = [
    "BitGenerator",
    "Generator",
    "MT19937",
    "PCG64",
    "PCG64DXSM",
    "Philox",
    "RandomState",
    "SFC64",
    "SeedSequence",
    "default_rng",
]

_DEFAULT_POOL_SIZE = 4
_DECIMAL_RE = _re.compile(r"[0-9]+")


def _np():
    import numoxide

    return numoxide


# ----- SeedSequence ------------------------------------------------------------------


def _int_to_words(n):
    if n < 0:
        raise ValueError("expected non-negative integer")
    if n == 0:
        return [0]
    out = []
    n = int(n)
    while n > 0:
        out.append(n & 0xFFFFFFFF)
        n >>= 32
    return out


def _coerce_to_words(x):
    if hasattr(x, "dtype") and hasattr(x, "tolist") and str(x.dtype) == "uint32":
        return [int(v) for v in x.tolist()]
    if isinstance(x, str):
        if x.startswith("0x"):
            x = int(x, base=16)
        elif _DECIMAL_RE.match(x):
            x = int(x)
        else:
            raise ValueError("unrecognized seed string")
    if isinstance(x, float) or (hasattr(x, "dtype") and getattr(x.dtype, "kind", "") in "fc" and getattr(x, "ndim", 1) == 0):
        raise TypeError("seed must be integer")
    if hasattr(x, "__index__") and not hasattr(x, "__len__"):
        return _int_to_words(_operator.index(x))
    if hasattr(x, "ndim") and x.ndim == 0:
        return _int_to_words(_operator.index(x.item()))
    if hasattr(x, "tolist"):
        x = x.tolist()
    out = []
    for v in x:
        if hasattr(v, "__len__") and not isinstance(v, str):
            raise TypeError("SeedSequence does not accept nested sequences.")
        out.extend(_coerce_to_words(v))
    return out


class SeedSequence:
    """Mixes sources of entropy reproducibly to seed bit generators (NumPy's)."""

    def __init__(self, entropy=None, *, spawn_key=(), pool_size=_DEFAULT_POOL_SIZE, n_children_spawned=0):
        if pool_size < _DEFAULT_POOL_SIZE:
            raise ValueError(f"The size of the entropy pool should be at least {_DEFAULT_POOL_SIZE}")
        if entropy is None:
            entropy = _randbits(pool_size * 32)
        elif not (isinstance(entropy, (int, list, tuple, range)) or hasattr(entropy, "__index__") or hasattr(entropy, "dtype")):
            raise TypeError(f"SeedSequence expects int or sequence of ints for entropy not {entropy}")
        self.entropy = entropy
        self.spawn_key = tuple(spawn_key)
        self.pool_size = pool_size
        self.n_children_spawned = n_children_spawned
        run = _coerce_to_words(entropy)
        spawn = _coerce_to_words(self.spawn_key)
        if spawn and len(run) < pool_size:
            run = run + [0] * (pool_size - len(run))
        self._pool = _r.seedseq_pool(run + spawn, pool_size)

    @property
    def pool(self):
        return _np().array(self._pool, dtype="uint32")

    @property
    def state(self):
        return {
            k: getattr(self, k)
            for k in ["entropy", "spawn_key", "pool_size", "n_children_spawned"]
            if getattr(self, k) is not None
        }

    def __repr__(self):
        lines = [f"{type(self).__name__}(", f"    entropy={self.entropy!r},"]
        if self.spawn_key:
            lines.append(f"    spawn_key={self.spawn_key!r},")
        if self.pool_size != _DEFAULT_POOL_SIZE:
            lines.append(f"    pool_size={self.pool_size!r},")
        if self.n_children_spawned != 0:
            lines.append(f"    n_children_spawned={self.n_children_spawned!r},")
        lines.append(")")
        return "\n".join(lines)

    def generate_state(self, n_words, dtype="uint32"):
        name = str(_np().dtype(dtype))
        if name not in ("uint32", "uint64"):
            raise ValueError("only support uint32 or uint64")
        return _r.seedseq_generate(self._pool, _operator.index(n_words), name == "uint64")

    def spawn(self, n_children):
        if n_children < 0:
            raise ValueError("n_children must be non-negative")
        seqs = [
            type(self)(self.entropy, spawn_key=self.spawn_key + (i,), pool_size=self.pool_size)
            for i in range(self.n_children_spawned, self.n_children_spawned + n_children)
        ]
        self.n_children_spawned += n_children
        return seqs


# ----- bit generators ----------------------------------------------------------------


def _plain_state(state):
    """A state dict with arrays as lists (picklable whatever the array type supports)."""
    if isinstance(state, dict):
        return {k: _plain_state(v) for k, v in state.items()}
    if hasattr(state, "tolist") and getattr(state, "ndim", 0) > 0:
        return [int(v) for v in state.tolist()]
    return state


def _bit_generator_ctor(cls):
    """Unpickling helper: a fresh bit generator of `cls` (its state is set afterwards)."""
    return cls()


_interface_type = _namedtuple(
    "interface", ["state_address", "state", "next_uint64", "next_uint32", "next_double", "bit_generator"]
)


def _words(arr):
    return [int(v) for v in arr.tolist()]


class BitGenerator:
    """Base class of the bit generators."""

    def __init__(self, seed=None):
        if type(self) is BitGenerator:
            raise NotImplementedError("BitGenerator is a base class and cannot be instantized")
        if not isinstance(seed, SeedSequence) and not hasattr(seed, "generate_state"):
            seed = SeedSequence(seed)
        self._seed_seq = seed
        self._lock_obj = None
        self._capsule_obj = None
        self._ctypes = None
        self._cffi = None

    @property
    def lock(self):
        """The re-entrant lock (like NumPy's ``threading.RLock``) held by every draw from
        this bit generator; hold it too while calling the ``capsule``/``ctypes``/``cffi``
        C functions if another thread may use the same bit generator."""
        if self._lock_obj is None:
            self._lock_obj = self._bg.lock_handle()
        return self._lock_obj

    def _interface(self):
        if self._capsule_obj is None:
            self._capsule_obj = self._bg.bitgen()
        return self._capsule_obj

    @property
    def capsule(self):
        """A PyCapsule named "BitGenerator" holding NumPy's ``bitgen_t`` struct (state
        pointer, next_uint64, next_uint32, next_double, next_raw); it keeps the state alive."""
        return self._interface()[0]

    @property
    def ctypes(self):
        """ctypes interface: (state_address, state, next_uint64, next_uint32, next_double,
        bit_generator), valid while this bit generator lives."""
        if self._ctypes is None:
            import ctypes

            _, state, bitgen, u64, u32, dbl, _raw = self._interface()
            vp = ctypes.c_void_p
            self._ctypes = _interface_type(
                state,
                vp(state),
                ctypes.cast(u64, ctypes.CFUNCTYPE(ctypes.c_uint64, vp)),
                ctypes.cast(u32, ctypes.CFUNCTYPE(ctypes.c_uint32, vp)),
                ctypes.cast(dbl, ctypes.CFUNCTYPE(ctypes.c_double, vp)),
                vp(bitgen),
            )
        return self._ctypes

    @property
    def cffi(self):
        """cffi interface: (state_address, state, next_uint64, next_uint32, next_double,
        bit_generator), valid while this bit generator lives."""
        if self._cffi is None:
            try:
                import cffi
            except ImportError as e:
                raise ImportError("cffi cannot be imported.") from e
            ffi = cffi.FFI()
            _, state, bitgen, u64, u32, dbl, _raw = self._interface()
            self._cffi = _interface_type(
                state,
                ffi.cast("void *", state),
                ffi.cast("uint64_t (*)(void *)", u64),
                ffi.cast("uint32_t (*)(void *)", u32),
                ffi.cast("double (*)(void *)", dbl),
                ffi.cast("void *", bitgen),
            )
        return self._cffi

    def _benchmark(self, cnt, method="uint64"):
        self._bg.benchmark(_operator.index(cnt), method)

    @property
    def seed_seq(self):
        return self._seed_seq

    @property
    def state(self):
        """Get or set the PRNG state (the base BitGenerator.state must be overridden)."""
        raise NotImplementedError("Not implemented in base BitGenerator")

    @state.setter
    def state(self, value):
        raise NotImplementedError("Not implemented in base BitGenerator")

    def spawn(self, n_children):
        if n_children < 0:
            raise ValueError("n_children must be non-negative")
        if not hasattr(self._seed_seq, "spawn"):
            raise TypeError("The underlying SeedSequence does not implement spawning.")
        return [type(self)(seed=s) for s in self._seed_seq.spawn(n_children)]

    def __reduce__(self):
        return _bit_generator_ctor, (type(self),), _plain_state(self.state)

    def __setstate__(self, state):
        self.state = state

    def random_raw(self, size=None, output=True):
        return self._bg.random_raw(size, output)

    def _check_state(self, value):
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator", "") != type(self).__name__:
            raise ValueError(f"state must be for a {type(self).__name__} RNG")


class PCG64(BitGenerator):
    """PCG-64 (XSL-RR) bit generator."""

    _dxsm = False

    def __init__(self, seed=None):
        super().__init__(seed)
        self._bg = _r._BitGen.pcg64(_words(self._seed_seq.generate_state(4, "uint64")), self._dxsm)

    @property
    def state(self):
        s, inc, has, u = self._bg.get_state()
        return {"bit_generator": type(self).__name__, "state": {"state": s, "inc": inc}, "has_uint32": has, "uinteger": u}

    @state.setter
    def state(self, value):
        self._check_state(value)
        mask = (1 << 128) - 1
        self._bg.set_pcg(
            int(value["state"]["state"]) & mask, int(value["state"]["inc"]) & mask, bool(value["has_uint32"]), int(value["uinteger"])
        )

    def advance(self, delta):
        self._bg.advance(int(delta) & ((1 << 128) - 1))
        return self

    def jumped(self, jumps=1):
        bg = type(self)()
        bg.state = self.state
        bg.advance(0x9E3779B97F4A7C15F39CC0605CEDC835 * int(jumps))
        return bg


class PCG64DXSM(PCG64):
    """PCG-64 DXSM bit generator."""

    _dxsm = True


class MT19937(BitGenerator):
    """Mersenne Twister bit generator."""

    def __init__(self, seed=None):
        super().__init__(seed)
        self._bg = _r._BitGen.mt19937(_words(self._seed_seq.generate_state(624, "uint32")))

    def _legacy_seeding(self, seed):
        if seed is None:
            self._bg.assign_from(_r._BitGen.mt19937(_words(SeedSequence().generate_state(624))))
        else:
            if hasattr(seed, "squeeze"):
                seed = seed.squeeze()
            try:
                idx = _operator.index(seed)
            except TypeError:
                obj = seed.tolist() if hasattr(seed, "tolist") else list(seed) if not isinstance(seed, (str, float)) else None
                if obj is None or any(isinstance(v, float) for v in obj):
                    raise TypeError("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'") from None
                if len(obj) == 0:
                    raise ValueError("Seed must be non-empty") from None
                if any(isinstance(v, (list, tuple)) for v in obj):
                    raise ValueError("Seed array must be 1-d") from None
                if any(v > 2**32 - 1 or v < 0 for v in obj):
                    raise ValueError("Seed must be between 0 and 2**32 - 1") from None
                self._bg.assign_from(_r._BitGen.mt19937_legacy(None, [int(v) for v in obj]))
            else:
                if idx > 2**32 - 1 or idx < 0:
                    raise ValueError("Seed must be between 0 and 2**32 - 1")
                self._bg.assign_from(_r._BitGen.mt19937_legacy(idx, None))
        self._seed_seq = None

    @property
    def state(self):
        key, pos, _, _ = self._bg.get_state()
        return {"bit_generator": "MT19937", "state": {"key": key, "pos": pos}}

    @state.setter
    def state(self, value):
        if isinstance(value, tuple):
            if value[0] != "MT19937" or len(value) not in (3, 5):
                raise ValueError("state is not a legacy MT19937 state")
            value = {"bit_generator": "MT19937", "state": {"key": value[1], "pos": value[2]}}
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator", "") != "MT19937":
            raise ValueError("state must be for a MT19937 PRNG")
        _, _, has, g = self._bg.get_state()
        key = value["state"]["key"]
        self._bg.set_mt(_words(key) if hasattr(key, "tolist") else [int(v) for v in key], int(value["state"]["pos"]), bool(has), g)

    def jumped(self, jumps=1):
        jumps = max(_operator.index(jumps), 0)
        bg = type(self)()
        bg.state = self.state
        bg._bg.jump_mt(jumps)
        return bg


class SFC64(BitGenerator):
    """SFC64 bit generator."""

    def __init__(self, seed=None):
        super().__init__(seed)
        self._bg = _r._BitGen.sfc64(_words(self._seed_seq.generate_state(3, "uint64")))

    @property
    def state(self):
        s, has, u = self._bg.get_state()
        return {"bit_generator": "SFC64", "state": {"state": s}, "has_uint32": has, "uinteger": u}

    @state.setter
    def state(self, value):
        self._check_state(value)
        s = value["state"]["state"]
        self._bg.set_sfc(_words(s) if hasattr(s, "tolist") else [int(v) for v in s], bool(value["has_uint32"]), int(value["uinteger"]))


def _int_to_u64_words(value, name, bits):
    n = bits // 64
    if hasattr(value, "__len__") or (hasattr(value, "ndim") and value.ndim > 0):
        vals = value.tolist() if hasattr(value, "tolist") else list(value)
        if len(vals) != n:
            raise ValueError(f"{name} must have {n} elements when using array form")
        return [int(v) & (2**64 - 1) for v in vals]
    value = int(value)
    if value < 0 or value >= 2**bits:
        raise ValueError(f"{name} must be positive and less than 2**{bits}.")
    return [(value >> (64 * i)) & (2**64 - 1) for i in range(n)]


class Philox(BitGenerator):
    """Philox 4x64-10 counter-based bit generator."""

    def __init__(self, seed=None, counter=None, key=None):
        if seed is not None and key is not None:
            raise ValueError("seed and key cannot be both used")
        super().__init__(seed)
        if key is not None:
            key = _int_to_u64_words(key, "key", 128)
            self._seed_seq = None
        else:
            key = _words(self._seed_seq.generate_state(2, "uint64"))
        counter = _int_to_u64_words(0 if counter is None else counter, "counter", 256)
        self._bg = _r._BitGen.philox(counter, key)

    @property
    def state(self):
        ctr, key, buf, pos, has, u = self._bg.get_state()
        return {
            "bit_generator": "Philox",
            "state": {"counter": ctr, "key": key},
            "buffer": buf,
            "buffer_pos": pos,
            "has_uint32": has,
            "uinteger": u,
        }

    @state.setter
    def state(self, value):
        self._check_state(value)
        st = value["state"]
        self._bg.set_philox(
            [int(v) for v in st["counter"]],
            [int(v) for v in st["key"]],
            [int(v) for v in value["buffer"]],
            int(value["buffer_pos"]),
            bool(value["has_uint32"]),
            int(value["uinteger"]),
        )

    def advance(self, delta):
        self._bg.advance_words(_int_to_u64_words(int(delta) & (2**256 - 1), "step", 256))
        return self

    def jumped(self, jumps=1):
        bg = type(self)()
        bg.state = self.state
        bg.advance(int(jumps) * 2**128)
        return bg


# ----- Generator -----------------------------------------------------------------------

_POISSON_LAM_MAX = 9.223372006484771e18


def _int64_param(x):
    """An int64 distribution parameter converted as NumPy does: integer arrays pass,
    arrays of other dtypes raise TypeError (safe casting), scalars go through int()."""
    if type(x).__name__ == "ndarray":
        kind = x.dtype.kind
        if kind not in "biu" or (kind == "u" and x.dtype.itemsize == 8):
            what = "scalar" if x.ndim == 0 else "array data"
            raise TypeError(f"Cannot cast {what} from dtype('{x.dtype}') to dtype('int64') according to the rule 'safe'")
        return x
    if isinstance(x, (list, tuple)):
        return x
    if isinstance(x, (str, type(b""))):
        raise TypeError("an integer is required")
    v = int(x)
    if not -(2**63) <= v < 2**63:
        raise OverflowError("Python int too large to convert to C long")
    return v


class _ContinuousSamplers:
    """The continuous distributions whose Python signatures Generator and RandomState
    share; each class's `_c(name, *args, size=)` calls its own (Generator or legacy) sampler."""

    def gamma(self, shape, scale=1.0, size=None):
        return self._c("gamma", shape, scale, size=size)

    def beta(self, a, b, size=None):
        return self._c("beta", a, b, size=size)

    def f(self, dfnum, dfden, size=None):
        return self._c("f", dfnum, dfden, size=size)

    def noncentral_f(self, dfnum, dfden, nonc, size=None):
        return self._c("noncentral_f", dfnum, dfden, nonc, size=size)

    def chisquare(self, df, size=None):
        return self._c("chisquare", df, size=size)

    def noncentral_chisquare(self, df, nonc, size=None):
        return self._c("noncentral_chisquare", df, nonc, size=size)

    def standard_cauchy(self, size=None):
        return self._c("standard_cauchy", size=size)

    def standard_t(self, df, size=None):
        return self._c("standard_t", df, size=size)

    def vonmises(self, mu, kappa, size=None):
        return self._c("vonmises", mu, kappa, size=size)

    def pareto(self, a, size=None):
        return self._c("pareto", a, size=size)

    def weibull(self, a, size=None):
        return self._c("weibull", a, size=size)

    def power(self, a, size=None):
        return self._c("power", a, size=size)

    def laplace(self, loc=0.0, scale=1.0, size=None):
        return self._c("laplace", loc, scale, size=size)

    def gumbel(self, loc=0.0, scale=1.0, size=None):
        return self._c("gumbel", loc, scale, size=size)

    def logistic(self, loc=0.0, scale=1.0, size=None):
        return self._c("logistic", loc, scale, size=size)

    def lognormal(self, mean=0.0, sigma=1.0, size=None):
        return self._c("lognormal", mean, sigma, size=size)

    def rayleigh(self, scale=1.0, size=None):
        return self._c("rayleigh", scale, size=size)

    def wald(self, mean, scale, size=None):
        return self._c("wald", mean, scale, size=size)

    def triangular(self, left, mode, right, size=None):
        np = _np()
        ol, om, orr = (np.asarray(v, dtype="float64") for v in (left, mode, right))
        if bool(np.any(ol > om)):
            raise ValueError("left > mode")
        if bool(np.any(om > orr)):
            raise ValueError("mode > right")
        if bool(np.any(ol == orr)):
            raise ValueError("left == right")
        return self._c("triangular", left, mode, right, size=size)


class Generator(_ContinuousSamplers):
    """Container for the BitGenerators: NumPy's ``numpy.random.Generator``."""

    def __init__(self, bit_generator):
        if not hasattr(bit_generator, "_bg"):
            raise ValueError("Invalid bit generator. The bit generator must be instantiated.")
        self._bit_generator = bit_generator
        self._bg = bit_generator._bg

    def __repr__(self):
        return f"{self} at 0x{id(self):X}"

    def __reduce__(self):
        return Generator, (self._bit_generator,)

    def __str__(self):
        return f"{type(self).__name__}({type(self._bit_generator).__name__})"

    @property
    def bit_generator(self):
        return self._bit_generator

    def spawn(self, n_children):
        if n_children < 0:
            raise ValueError("n_children must be non-negative")
        return [type(self)(g) for g in self._bit_generator.spawn(n_children)]

    def random(self, size=None, dtype="float64", out=None):
        return _r.fill(self._bg, "uniform", size, dtype, out)

    def standard_normal(self, size=None, dtype="float64", out=None):
        return _r.fill(self._bg, "normal", size, dtype, out)

    def standard_exponential(self, size=None, dtype="float64", method="zig", out=None):
        return _r.fill(self._bg, "exponential" if method == "zig" else "exponential_inv", size, dtype, out)

    def standard_gamma(self, shape, size=None, dtype="float64", out=None):
        name = str(_np().dtype(dtype))
        if name == "float64":
            return _r.cont(self._bg, "standard_gamma", (shape,), size, out)
        if name == "float32":
            return _r.standard_gamma_f(self._bg, shape, size, out)
        raise TypeError(f"Unsupported dtype dtype('{name}') for standard_gamma")

    def integers(self, low, high=None, size=None, dtype="int64", endpoint=False):
        if high is None:
            high, low = low, 0
        ret = _r.integers(self._bg, low, high, size, dtype, endpoint, False)
        if size is None and dtype in (bool, int) and getattr(ret, "shape", ()) == ():
            return dtype(ret)
        return ret

    def bytes(self, length):
        return _r.random_bytes(self._bg, _operator.index(length))

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        return _r.choice(self._bg, a, size, replace, p, axis, shuffle)

    def shuffle(self, x, axis=0):
        np = _np()
        if isinstance(x, np.ndarray):
            _r.shuffle_array(self._bg, x, axis)
            return
        if not isinstance(x, _Sequence):
            _warnings.warn(
                f"you are shuffling a '{type(x).__name__}' object which is not a subclass of 'Sequence'; "
                "`shuffle` is not guaranteed to behave correctly. E.g., non-numpy array/tensor objects "
                "with view semantics may contain duplicates after shuffling.",
                UserWarning,
                stacklevel=2,
            )
        if axis != 0:
            raise NotImplementedError("Axis argument is only supported on ndarray objects")
        for i in reversed(range(1, len(x))):
            j = self._bg.interval(i)
            x[i], x[j] = x[j], x[i]

    def permutation(self, x, axis=0):
        return _r.permutation(self._bg, x, axis)

    def permuted(self, x, *, axis=None, out=None):
        np = _np()
        x = np.asarray(x)
        if out is None:
            out = x.copy(order="K")
        else:
            if not isinstance(out, np.ndarray):
                raise TypeError("out must be a numpy array")
            if out.shape != x.shape:
                raise ValueError("out must have the same shape as x")
            out[...] = x
        _r.permuted_inplace(self._bg, out, axis)
        return out

    # continuous distributions
    def _c(self, name, *args, size=None, out=None):
        return _r.cont(self._bg, name, args, size, out)

    def normal(self, loc=0.0, scale=1.0, size=None):
        return self._c("normal", loc, scale, size=size)

    def exponential(self, scale=1.0, size=None):
        return self._c("exponential", scale, size=size)

    def uniform(self, low=0.0, high=1.0, size=None):
        np = _np()
        alow, ahigh = np.asarray(low, dtype="float64"), np.asarray(high, dtype="float64")
        if alow.ndim == 0 and ahigh.ndim == 0:
            rng = float(high) - float(low)
            if rng - rng != 0:
                raise OverflowError("high - low range exceeds valid bounds")
            return self._c("uniform", float(low), rng, size=size)
        arange = ahigh - alow
        if not bool(np.all(np.isfinite(arange))):
            raise OverflowError("Range exceeds valid bounds")
        return self._c("uniform", alow, arange, size=size)


    # discrete distributions
    def _d(self, name, *args, size=None):
        return _r.disc(self._bg, name, args, size)

    def poisson(self, lam=1.0, size=None):
        return self._d("poisson", lam, size=size)

    def binomial(self, n, p, size=None):
        return self._d("binomial", p, _int64_param(n), size=size)

    def negative_binomial(self, n, p, size=None):
        np = _np()
        an, ap = np.asarray(n, dtype="float64"), np.asarray(p, dtype="float64")
        for v in an.ravel().tolist() if an.ndim else [float(an)]:
            if v != v:
                raise ValueError("n must not be NaN")
            if v <= 0:
                raise ValueError("n <= 0")
        for v in ap.ravel().tolist() if ap.ndim else [float(ap)]:
            if not (0 < v <= 1):
                raise ValueError("p <= 0, p > 1 or p contains NaNs")
        for vn in an.ravel().tolist() if an.ndim else [float(an)]:
            for vp in ap.ravel().tolist() if ap.ndim else [float(ap)]:
                if (1 - vp) / vp * (vn + 10 * vn**0.5) > _POISSON_LAM_MAX:
                    raise ValueError("n too large or p too small, see Generator.negative_binomial Notes")
        return self._d("negative_binomial", n, p, size=size)

    def zipf(self, a, size=None):
        return self._d("zipf", a, size=size)

    def geometric(self, p, size=None):
        return self._d("geometric", p, size=size)

    def logseries(self, p, size=None):
        return self._d("logseries", p, size=size)

    def hypergeometric(self, ngood, nbad, nsample, size=None):
        ngood, nbad, nsample = _int64_param(ngood), _int64_param(nbad), _int64_param(nsample)
        return _r.hypergeometric(self._bg, ngood, nbad, nsample, size)

    def multinomial(self, n, pvals, size=None):
        return _r.multinomial(self._bg, n, pvals, size)

    def dirichlet(self, alpha, size=None):
        return _r.dirichlet(self._bg, alpha, size)

    def multivariate_normal(self, mean, cov, size=None, check_valid="warn", tol=1e-8, *, method="svd"):
        return _multivariate_normal(self.standard_normal, mean, cov, size, check_valid, tol, method)

    def multivariate_hypergeometric(self, colors, nsample, size=None, method="marginals"):
        np = _np()
        int64_max = 2**63 - 1
        if method not in ["count", "marginals"]:
            raise ValueError('method must be "count" or "marginals".')
        try:
            _operator.index(nsample)
        except TypeError:
            raise ValueError("nsample must be an integer") from None
        if nsample < 0:
            raise ValueError("nsample must be nonnegative.")
        if nsample > int64_max:
            raise ValueError(f"nsample must not exceed {int64_max}")
        bad = f"colors must be a one-dimensional sequence of nonnegative integers not exceeding {int64_max}."
        try:
            carr = np.asarray(colors)
        except ValueError:
            raise ValueError(bad) from None
        if carr.ndim != 1 or (carr.size > 0 and carr.dtype.kind not in "iu"):
            raise ValueError(bad)
        cols = [int(v) for v in carr.tolist()]
        if any(v < 0 or v > int64_max for v in cols):
            raise ValueError(bad)
        total = 0
        for v in cols:
            if v > int64_max - total:
                raise ValueError(
                    f"sum(colors) must not exceed the maximum value of a 64 bit signed integer ({int64_max})"
                )
            total += v
        if method == "marginals" and total >= 1000000000:
            raise ValueError('When method is "marginals", sum(colors) must be less than 1000000000.')
        if method == "count" and total > int64_max // 8:
            raise ValueError(f"When method is 'count', sum(colors) must not exceed {int64_max // 8}")
        if nsample > total:
            raise ValueError("nsample > sum(colors)")
        if size is None:
            shape = (len(cols),)
        elif not hasattr(size, "__len__"):
            shape = (size, len(cols))
        else:
            shape = tuple(size) + (len(cols),)
        return _r.mvhg(self._bg, cols, int(nsample), [_operator.index(v) for v in shape], method == "count")


def default_rng(seed=None):
    """Construct a new Generator with the default BitGenerator (PCG64)."""
    if isinstance(seed, BitGenerator):
        return Generator(seed)
    if isinstance(seed, Generator):
        return seed
    if isinstance(seed, RandomState):
        return Generator(seed._bit_generator)
    return Generator(PCG64(seed))


# ----- multivariate normal (glue over numoxide.linalg, as NumPy's is over numpy.linalg) ------


def _multivariate_normal(standard_normal, mean, cov, size, check_valid, tol, method, legacy=False):
    np = _np()
    if method not in {"eigh", "svd", "cholesky"}:
        raise ValueError("method must be one of {'eigh', 'svd', 'cholesky'}")
    mean = np.array(mean)
    cov = np.array(cov)
    if not legacy and (mean.dtype.kind == "c" or cov.dtype.kind == "c"):
        raise TypeError("mean and cov must not be complex")
    if size is None:
        shape = []
    elif isinstance(size, (int, np.integer)):
        shape = [size]
    else:
        shape = size
    if len(mean.shape) != 1:
        raise ValueError("mean must be 1 dimensional")
    if (len(cov.shape) != 2) or (cov.shape[0] != cov.shape[1]):
        raise ValueError("cov must be 2 dimensional and square")
    if mean.shape[0] != cov.shape[0]:
        raise ValueError("mean and cov must have same length")
    final_shape = list(shape[:])
    final_shape.append(mean.shape[0])
    x = standard_normal(final_shape).reshape(-1, mean.shape[0])
    cov = cov.astype(np.double)
    if method == "svd":
        (u, s, vh) = np.linalg.svd(cov)
    elif method == "eigh":
        (s, u) = np.linalg.eigh(cov)
    else:
        lower = np.linalg.cholesky(cov)
    if check_valid != "ignore" and method != "cholesky":
        if check_valid != "warn" and check_valid != "raise":
            raise ValueError("check_valid must equal 'warn', 'raise', or 'ignore'")
        if method == "svd":
            psd = np.allclose(np.dot(vh.T * s, vh), cov, rtol=tol, atol=tol)
        else:
            psd = not np.any(s < -tol)
        if not psd:
            if check_valid == "warn":
                _warnings.warn("covariance is not symmetric positive-semidefinite.", RuntimeWarning, stacklevel=3)
            else:
                raise ValueError("covariance is not symmetric positive-semidefinite.")
    if legacy:
        factor = (np.sqrt(s)[:, None] * vh).T
    elif method == "cholesky":
        factor = lower
    elif method == "eigh":
        factor = u * np.sqrt(abs(s))
    else:
        factor = u * np.sqrt(s)
    if mean.dtype.kind in "biuf" and x.dtype == np.float64:
        # NumPy computes `mean + x @ factor.T` (legacy: `dot(x, factor.T)`, `+= mean`); one
        # fused Rust pass with the same FMA-chain dot products.
        return _r.mvn_affine(x, factor, mean).reshape(tuple(final_shape))
    if legacy:
        x = np.dot(x, factor.T)
        x += mean
        return x.reshape(tuple(final_shape))
    x = mean + x @ factor.T
    return x.reshape(tuple(final_shape))


# ----- legacy RandomState and the np.random functions (numoxide.random.mtrand) ------------

from . import bit_generator as _bit_generator_module  # noqa: E402,F401 (sets .bit_generator)
from . import mtrand  # noqa: E402
from .mtrand import *  # noqa: E402,F403
from .mtrand import RandomState  # noqa: E402

__all__ += mtrand.__all__[1:]
