"""Generate NumPy-made case tables for numoxide-core's printing harness.

Usage (from the repository root):

    .venv/bin/python tools/print_cases.py arrays 3000 1 > /tmp/cases.tsv
    .venv/bin/python tools/print_cases.py scalars 20000 7 all >> /tmp/cases.tsv
    .venv/bin/python tools/print_cases.py edge >> /tmp/cases.tsv
    NUMOXIDE_PRINT_CASES=/tmp/cases.tsv cargo test -p numoxide-core check_case_file -- --ignored

Each line is one case: the array's dtype, byte order, shape, layout and raw bytes, the
print options, and NumPy's repr/str (see `run_case` in crates/numoxide-core/src/print/tests.rs).
"""

import random
import sys

import numpy as np


def arrays(argv):
    rng = np.random.default_rng(int(argv[2]) if len(argv) > 2 else 0)
    random.seed(int(argv[2]) if len(argv) > 2 else 0)
    N = int(argv[1]) if len(argv) > 1 else 2000
    kinds = [
        "bool",
        "int8",
        "uint8",
        "int16",
        "uint16",
        "int32",
        "uint32",
        "int64",
        "uint64",
        "float16",
        "float32",
        "float64",
        "complex64",
        "complex128",
    ]
    shapes = [
        (),
        (0,),
        (1,),
        (3,),
        (7,),
        (2, 0),
        (0, 3),
        (2, 3),
        (3, 1, 2),
        (2, 2, 2, 2),
        (12,),
        (30,),
        (4, 25),
        (1001,),
        (40, 30),
        (11, 11, 11),
        (2, 0, 3),
        (5, 6),
    ]

    def escape(s):
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")

    specials = [
        0.0,
        -0.0,
        np.nan,
        np.inf,
        -np.inf,
        1e-5,
        1e-300,
        5e-324,
        1e300,
        1e16,
        1e8,
        123456789.0,
        0.1,
        1 / 3,
        2 / 3,
        1e-4,
        0.5,
        1.5,
        2.5,
        65504,
        1e3,
        999.9,
        1e6,
        99999999.0,
        1e-8,
        3e-9,
    ]

    def values(kind, n):
        dt = np.dtype(kind)
        mode = rng.integers(0, 9)
        if dt.kind == "b":
            return rng.integers(0, 2, n).astype(bool)
        if dt.kind in "iu":
            info = np.iinfo(dt)
            if mode < 3:
                return rng.integers(
                    max(info.min, -100), min(info.max, 100), n, endpoint=True
                ).astype(dt)
            if mode < 5:
                return rng.integers(info.min, info.max, n, endpoint=True, dtype=dt)
            return rng.integers(
                max(info.min, -(10**6)), min(info.max, 10**6), n, endpoint=True
            ).astype(dt)
        ft = (
            np.float16
            if kind == "float16"
            else np.float32
            if kind in ("float32", "complex64")
            else np.float64
        )

        def fl(m):
            if m == 0:
                return rng.standard_normal(n)
            if m == 1:
                return rng.integers(-50, 50, n).astype(float)
            if m == 2:
                return rng.standard_normal(n) * 10.0 ** rng.integers(-12, 12, n)
            if m == 3:
                return np.array(
                    [random.choice(specials) * random.choice([1, -1]) for _ in range(n)],
                    dtype=float,
                )
            if m == 4:
                return np.round(rng.standard_normal(n) * 100, rng.integers(0, 4))
            if m == 5:
                return rng.uniform(0, 1, n) * 10.0 ** rng.integers(-6, 10)
            if m == 6:
                return np.where(rng.random(n) < 0.3, np.nan, rng.standard_normal(n))
            if m == 7:
                return rng.standard_normal(n) * 1e-3
            return np.full(n, random.choice(specials))

        with np.errstate(all="ignore"):
            re = fl(mode).astype(ft)
            if dt.kind == "c":
                im = fl(rng.integers(0, 9)).astype(ft)
                out = np.empty(n, dt)
                out.real = re
                out.imag = im
                return out
            return re

    lines = []
    for _ in range(N):
        kind = random.choice(kinds)
        shape = random.choice(shapes)
        n = int(np.prod(shape))
        a = values(kind, n).reshape(shape)
        swapped = np.dtype(kind).itemsize > 1 and random.random() < 0.15
        transpose = a.ndim >= 2 and random.random() < 0.2
        raw = a.astype(a.dtype.newbyteorder(">")) if swapped else a
        b = raw.T if transpose else raw
        opts = dict(
            precision=8,
            threshold=1000,
            edgeitems=3,
            linewidth=75,
            suppress=False,
            sign="-",
            floatmode="maxprec",
            nanstr="nan",
            infstr="inf",
        )
        if random.random() < 0.5:
            k = random.choice(
                [
                    "precision",
                    "threshold",
                    "edgeitems",
                    "linewidth",
                    "suppress",
                    "sign",
                    "floatmode",
                    "nanstr",
                    "infstr",
                ]
            )
            for k in random.sample(list(opts), random.randint(1, 3)):
                if k == "precision":
                    opts[k] = random.choice([0, 1, 2, 3, 5, 10, 17, 20])
                if k == "threshold":
                    opts[k] = random.choice([0, 1, 5, 10, 50, 100])
                if k == "edgeitems":
                    opts[k] = random.choice([0, 1, 2, 4])
                if k == "linewidth":
                    opts[k] = random.choice([1, 10, 20, 40, 100, 200])
                if k == "suppress":
                    opts[k] = True
                if k == "sign":
                    opts[k] = random.choice(["+", " "])
                if k == "floatmode":
                    opts[k] = random.choice(["fixed", "unique", "maxprec_equal"])
                if k == "nanstr":
                    opts[k] = random.choice(["NaN", "N", "missing"])
                if k == "infstr":
                    opts[k] = random.choice(["Inf", "∞", "infinity"])
        with np.printoptions(**opts):
            r = repr(b)
            s = str(b)
            extra = []
            if b.ndim == 0:
                sc = b[()]
                extra = [escape(repr(sc)), escape(str(sc))]
        fields = [
            kind,
            "1" if swapped else "0",
            ",".join(map(str, shape)),
            "1" if transpose else "0",
            raw.tobytes().hex()
            if not swapped
            else np.ascontiguousarray(raw).view(np.uint8).tobytes().hex(),
        ]
        fields += [str(opts[k]) for k in ["precision", "threshold", "edgeitems", "linewidth"]]
        fields += [
            "1" if opts["suppress"] else "0",
            opts["sign"],
            opts["floatmode"],
            opts["nanstr"],
            opts["infstr"],
            escape(r),
            escape(s),
        ] + extra
        lines.append("\t".join(fields))
    print("\n".join(lines))


def scalars(argv):
    random.seed(int(argv[2]))
    rng = np.random.default_rng(int(argv[2]))
    N = int(argv[1])
    out = []

    def esc(s):
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")

    def rand_val(kind):
        dt = np.dtype(kind)
        if dt.kind == "f":
            n = dt.itemsize
            m = random.random()
            if m < 0.5:
                bits = rng.integers(0, 2 ** (8 * n), dtype=np.uint64 if n == 8 else np.int64)
                return np.array([bits]).astype(f"u{n}").view(dt)[0]
            if m < 0.8:
                return dt.type(rng.standard_normal() * 10.0 ** rng.integers(-10, 20))
            return dt.type(
                random.choice(
                    [
                        0.0,
                        -0.0,
                        np.nan,
                        np.inf,
                        -np.inf,
                        1e-4,
                        1e16,
                        1e6,
                        1e3,
                        999.5,
                        0.1,
                        0.5,
                        2.5,
                        1 / 3,
                        65504,
                        1e-5,
                        123456.7,
                        9999999999999998.0,
                    ]
                )
            )
        if dt.kind == "c":
            r = rand_val("float32" if kind == "complex64" else "float64")
            i = rand_val("float32" if kind == "complex64" else "float64")
            if random.random() < 0.2:
                r = type(r)(0.0)
            return dt.type(complex(r, i))
        if dt.kind == "b":
            return np.bool_(random.random() < 0.5)
        info = np.iinfo(dt)
        return dt.type(rng.integers(info.min, info.max, endpoint=True, dtype=dt))

    kinds = [
        "bool",
        "int8",
        "uint8",
        "int16",
        "uint16",
        "int32",
        "uint32",
        "int64",
        "uint64",
        "float16",
        "float32",
        "float64",
        "complex64",
        "complex128",
    ]
    for _ in range(N):
        kind = random.choice(kinds)
        v = rand_val(kind)
        out.append("\t".join(["S", kind, np.array(v).tobytes().hex(), esc(repr(v)), esc(str(v))]))
        dt = np.dtype(kind)
        if dt.kind == "f":
            for _ in range(3):
                prec = random.choice([None, None, 0, 1, 2, 3, 5, 8, 12, 20, 40])
                unique = random.random() < 0.6
                if prec is None:
                    unique = True
                frac = random.random() < 0.7
                if not frac and prec == 0:
                    prec = 1
                trim = random.choice("k.0-")
                sign = random.random() < 0.3
                pl = random.choice([None, None, 0, 1, 3, 6])
                pr = random.choice([None, None, 0, 1, 4, 10])
                md = random.choice([None, None, 0, 1, 3, 10])
                if md is not None and prec is not None and md > prec and md > 0 and prec > 0:
                    md = prec
                ed = random.choice([None, None, 0, 1, 3, 5, 7])
                f = lambda x: "" if x is None else str(x)
                try:
                    p = np.format_float_positional(
                        v,
                        precision=prec,
                        unique=unique,
                        fractional=frac,
                        trim=trim,
                        sign=sign,
                        pad_left=pl,
                        pad_right=pr,
                        min_digits=md,
                    )
                    out.append(
                        "\t".join(
                            [
                                "P",
                                kind,
                                np.array(v).tobytes().hex(),
                                f(prec),
                                str(int(unique)),
                                str(int(frac)),
                                trim,
                                str(int(sign)),
                                f(pl),
                                f(pr),
                                f(md),
                                esc(p),
                            ]
                        )
                    )
                except Exception:
                    pass
                try:
                    s = np.format_float_scientific(
                        v,
                        precision=prec,
                        unique=unique,
                        trim=trim,
                        sign=sign,
                        pad_left=pl,
                        exp_digits=ed,
                        min_digits=md,
                    )
                    out.append(
                        "\t".join(
                            [
                                "E",
                                kind,
                                np.array(v).tobytes().hex(),
                                f(prec),
                                str(int(unique)),
                                "0",
                                trim,
                                str(int(sign)),
                                f(pl),
                                f(ed),
                                f(md),
                                esc(s),
                            ]
                        )
                    )
                except Exception:
                    pass
    # every float16
    if len(argv) > 3:
        for b in range(65536):
            v = np.array([b], np.uint16).view(np.float16)[0]
            out.append(
                "\t".join(["S", "float16", np.array(v).tobytes().hex(), esc(repr(v)), esc(str(v))])
            )
    print("\n".join(out))


def edge(argv):
    def esc(s):
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")

    out = []

    def case(a, **kw):
        opts = dict(
            precision=8,
            threshold=1000,
            edgeitems=3,
            linewidth=75,
            suppress=False,
            sign="-",
            floatmode="maxprec",
            nanstr="nan",
            infstr="inf",
        )
        opts.update(kw)
        a = np.ascontiguousarray(a)
        with np.printoptions(**opts):
            r = repr(a)
            s = str(a)
            extra = [esc(repr(a[()])), esc(str(a[()]))] if a.ndim == 0 else []
        fields = (
            [a.dtype.name, "0", ",".join(map(str, a.shape)), "0", a.tobytes().hex()]
            + [str(opts[k]) for k in ["precision", "threshold", "edgeitems", "linewidth"]]
            + [
                "1" if opts["suppress"] else "0",
                opts["sign"],
                opts["floatmode"],
                esc(opts["nanstr"]),
                esc(opts["infstr"]),
                esc(r),
                esc(s),
            ]
            + extra
        )
        out.append("\t".join(fields))

    for t in [0, 1]:
        case(np.array(1.5), threshold=t)
        case(np.array(7, np.int8), threshold=t)
        case(np.arange(5.0), threshold=t)
    for e in [0, 1, 2]:
        case(np.arange(20.0), threshold=5, edgeitems=e)
        case(np.arange(60).reshape(3, 4, 5), threshold=5, edgeitems=e)
        case(np.arange(2000).reshape(2, 1000) * 1.5, edgeitems=e)
    for lw in [1, 2, 5, 8, 13, 30, 74, 75, 76, 77, 78, 79, 80]:
        case(np.arange(30, dtype=np.int8), linewidth=lw)
        case(np.arange(24.0).reshape(2, 3, 4) / 7, linewidth=lw)
        case(np.array([1e10, np.nan, -np.inf], np.float32), linewidth=lw)
        case(np.array([True, False] * 10), linewidth=lw)
        case((np.arange(12) + 1j * np.arange(12)).astype(np.complex64), linewidth=lw)
        case(np.arange(6, dtype=">u2").reshape(2, 3).astype(np.uint16), linewidth=lw)
    case(np.array([np.nan, np.inf]), nanstr="not a number", infstr="x")
    case(np.array([np.nan, 1.0]), nanstr="a\nb")
    case(np.array([np.nan, -np.inf]), sign=" ")
    case(np.array([np.nan]), sign="+")
    case(np.array([np.inf]), sign=" ")
    case(np.array([np.nan, 1j]))
    case(np.ones((1, 1, 1, 1, 1, 3)), threshold=2)
    case(np.zeros((3, 1, 300)), edgeitems=1)
    case(np.array([0.0, -0.0]), sign=" ")
    case(np.array([-0.0]))
    case(np.array([1e-300, 1e300]), floatmode="fixed", precision=3)
    case(np.array([123456789.123, 0.5]), suppress=True)
    case(np.array([1e-10, 1.0]), suppress=True)
    case(np.array([1e-10, 1.0]), suppress=True, floatmode="fixed")
    case(np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max]))
    case(np.array([0, np.iinfo(np.uint64).max], np.uint64), sign="+")
    case(np.array([-5, 3]), sign=" ")
    case(np.array([5, 3]), sign=" ")
    case(np.array([5, 3]), sign="+")
    case(np.arange(1001))
    case(np.arange(1001.0))
    case(np.array([0.1, 0.25], np.float16), floatmode="unique")
    case(np.array([0.1, 0.25], np.float16), floatmode="maxprec_equal", precision=2)
    case(np.array([1.0, 1.0001]), precision=3, floatmode="maxprec_equal")
    case(np.array([9.9999, 1.0]), precision=3)
    case(np.array([0.999999999, 1.5]), precision=3, floatmode="fixed")
    case(np.array([1e16, 1.0]), floatmode="unique")
    print("\n".join(out))


if __name__ == "__main__":
    {"arrays": arrays, "scalars": scalars, "edge": edge}[sys.argv[1]](sys.argv[1:])
