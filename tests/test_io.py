"""Files: .npy/.npz, memory maps, text files (issue 7). NumPy is the oracle: every file
NumPy writes is compared byte for byte with ours, and each side reads the other's."""

import gc
import io
import struct
import zipfile

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same
from hypothesis import given, settings
from hypothesis import strategies as st

nx = numoxide


def _np_same(a, b):
    """Two NumPy arrays are identical: dtype (with byte order), shape, bytes."""
    assert a.dtype == b.dtype and a.dtype.str == b.dtype.str
    assert a.shape == b.shape
    assert a.tobytes() == b.tobytes()


def _npy_bytes(module, a, **kw):
    f = io.BytesIO()
    module.save(f, a, **kw)
    return f.getvalue()


def _layouts(dt):
    base = numpy.arange(24).astype(dt).reshape(2, 3, 4)
    return {
        "c": base,
        "f": numpy.asfortranarray(base),
        "transposed": base.transpose(1, 0, 2),
        "negative": base[:, ::-1, ::2],
        "zero_d": numpy.array(7).astype(dt),
        "empty": numpy.zeros((0, 3), dt),
        "big_endian": base.astype(numpy.dtype(dt).newbyteorder(">")),
    }


# ----- .npy ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dt", ALL_DTYPES)
@pytest.mark.parametrize("layout", ["c", "f", "transposed", "negative", "zero_d", "empty", "big_endian"])
def test_npy_bytes_identical_and_round_trip(dt, layout):
    theirs = _layouts(dt)[layout]
    ours = nx.array(theirs)
    ob = _npy_bytes(nx, ours)
    tb = _npy_bytes(numpy, theirs)
    assert ob == tb
    back = nx.load(io.BytesIO(tb))
    assert_same(back, numpy.load(io.BytesIO(tb)))
    _np_same(numpy.load(io.BytesIO(ob)), theirs)


def test_npy_paths_suffix_and_pathlib(tmp_path):
    a = numpy.linspace(-1, 1, 7).reshape(7, 1)
    nx.save(str(tmp_path / "x"), nx.array(a))
    numpy.save(tmp_path / "y", a)
    assert (tmp_path / "x.npy").read_bytes() == (tmp_path / "y.npy").read_bytes()
    assert_same(nx.load(tmp_path / "y.npy"), a)
    assert_same(nx.load(str(tmp_path / "x.npy")), a)


def test_npy_several_arrays_in_one_file_object():
    f = io.BytesIO()
    nx.save(f, nx.arange(3) if hasattr(nx, "arange") else nx.array([0, 1, 2]))
    nx.save(f, nx.array([[1.5, -0.0]]))
    f.seek(0)
    assert_same(nx.load(f), numpy.array([0, 1, 2]))
    assert_same(nx.load(f), numpy.array([[1.5, -0.0]]))
    with pytest.raises(EOFError):
        nx.load(f)


def test_special_values_exact():
    a = numpy.array([numpy.nan, numpy.inf, -numpy.inf, -0.0, 5e-324, 1.7976931348623157e308])
    assert_same(nx.load(io.BytesIO(_npy_bytes(nx, nx.array(a)))), a)


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_format_versions_identical(version):
    a = numpy.arange(6.0).reshape(2, 3)
    fo, ft = io.BytesIO(), io.BytesIO()
    nx.lib.format.write_array(fo, nx.array(a), version=version)
    numpy.lib.format.write_array(ft, a, version=version)
    assert fo.getvalue() == ft.getvalue()
    assert_same(nx.load(io.BytesIO(ft.getvalue())), a)


def test_format_helpers():
    a = numpy.ones((3, 2), order="F", dtype="<i2")
    assert nx.lib.format.header_data_from_array_1_0(nx.array(a)) == numpy.lib.format.header_data_from_array_1_0(a)
    assert nx.lib.format.magic(1, 0) == numpy.lib.format.magic(1, 0)
    f = io.BytesIO(_npy_bytes(numpy, a))
    assert nx.lib.format.read_magic(f) == (1, 0)
    shape, fortran, dtype = nx.lib.format.read_array_header_1_0(f)
    assert (shape, fortran, str(dtype)) == ((3, 2), True, "int16")
    ho, ht = io.BytesIO(), io.BytesIO()
    d = numpy.lib.format.header_data_from_array_1_0(a)
    nx.lib.format.write_array_header_2_0(ho, d)
    numpy.lib.format.write_array_header_2_0(ht, d)
    assert ho.getvalue() == ht.getvalue()


def _header_file(header_text, data=b"", version=(1, 0)):
    h = header_text.encode("latin1")
    fmt = "<H" if version == (1, 0) else "<I"
    return b"\x93NUMPY" + bytes(version) + struct.pack(fmt, len(h)) + h + data


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x93NUM",
        b"\x93NUMPY\x01",
        b"\x93NUMPY\x01\x00\x10",
        b"\x93NUMPX\x01\x00\x10\x00",
        b"\x93NUMPY\x09\x00\x10\x00" + b" " * 16,
        _header_file("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", b"\x00" * 10),
        _header_file("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }"),
        _header_file("{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }"),
        _header_file("{'descr': '<f8', 'shape': (3,), }"),
        _header_file("{'descr': 'x9', 'fortran_order': False, 'shape': (3,), }"),
        _header_file("[1, 2]"),
        _header_file("__import__('os').system('echo pwned')"),
        _header_file("{'descr': '<f8', 'fortran_order': False, 'shape': (3.5,), }"),
        _header_file("{'descr': '|O', 'fortran_order': False, 'shape': (3,), }", b"\x80\x04"),
        _header_file("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4611686018427387904), }"),
        _header_file("{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }", b"\x00" * 64),
    ],
)
def test_hostile_npy_same_exception_class(raw):
    try:
        numpy.load(io.BytesIO(raw))
        expected = None
    except Exception as e:  # noqa: BLE001 - the oracle's class is what we compare
        expected = type(e)
    with pytest.raises(Exception) as info:  # noqa: PT011
        nx.load(io.BytesIO(raw))
    if expected is not None:
        # Where NumPy tries the allocation (MemoryError), we refuse before allocating.
        refused_early = issubclass(expected, (OverflowError, MemoryError)) and isinstance(info.value, ValueError)
        assert isinstance(info.value, expected) or refused_early, (
            type(info.value),
            expected,
        )
    assert isinstance(info.value, (ValueError, EOFError, TypeError, MemoryError))


def test_object_and_unsupported_dtypes():
    with pytest.raises(ValueError, match="allow_pickle=False"):
        nx.load(io.BytesIO(_npy_bytes(numpy, numpy.array([1, None], dtype=object))))
    with pytest.raises(TypeError, match="numoxide does not support dtype"):
        nx.load(io.BytesIO(_npy_bytes(numpy, numpy.array(["ab", "c"]))))
    with pytest.raises(TypeError, match="numoxide does not support dtype"):
        nx.load(io.BytesIO(_npy_bytes(numpy, numpy.zeros(2, dtype="i4,f8"))))
    pickled = io.BytesIO(b"\x80\x04K\x01.")
    with pytest.raises(ValueError, match="pickled"):
        nx.load(pickled)


def test_max_header_size():
    text = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + " " * 20000 + "\n"
    raw = _header_file(text, b"\x00" * 8, version=(2, 0))
    with pytest.raises(ValueError, match="Header info length"):
        nx.load(io.BytesIO(raw))
    with pytest.raises(ValueError, match="Header info length"):
        numpy.load(io.BytesIO(raw))
    assert_same(nx.load(io.BytesIO(raw), max_header_size=30000), numpy.load(io.BytesIO(raw), max_header_size=30000))


def test_truncated_file_on_disk(tmp_path):
    p = tmp_path / "t.npy"
    raw = _npy_bytes(numpy, numpy.arange(10.0))
    p.write_bytes(raw[:-12])
    with pytest.raises(ValueError) as ours:
        nx.load(p)
    with pytest.raises(ValueError) as theirs:
        numpy.load(p)
    assert str(ours.value) == str(theirs.value)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["<f8", ">i4", "|b1", "<c8", "<u2"]),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 255)), max_size=6),
    st.integers(0, 250),
)
def test_fuzz_mutated_npy_never_crashes(descr, edits, cut):
    raw = bytearray(_npy_bytes(numpy, numpy.arange(12).astype(descr).reshape(3, 4)))
    for pos, val in edits:
        if pos < len(raw):
            raw[pos] = val
    raw = bytes(raw[: max(cut, len(raw) - cut)])
    try:
        r = nx.load(io.BytesIO(raw))
    except (ValueError, TypeError, EOFError, MemoryError):
        return
    # Whatever loaded must be what NumPy loads from the same bytes.
    try:
        expected = numpy.load(io.BytesIO(raw))
    except Exception:  # noqa: BLE001 - numpy may refuse what we accept (e.g. repaired headers)
        return
    if isinstance(expected, numpy.ndarray):
        assert_same(r, expected)


# ----- .npz ---------------------------------------------------------------------------------


@pytest.mark.parametrize("compressed", [False, True])
def test_npz_round_trip_and_cross(tmp_path, compressed):
    x = numpy.arange(12.0).reshape(3, 4)
    y = numpy.array([True, False])
    saver_nx = nx.savez_compressed if compressed else nx.savez
    saver_np = numpy.savez_compressed if compressed else numpy.savez
    saver_nx(str(tmp_path / "ours"), nx.array(x), y=nx.array(y))
    saver_np(tmp_path / "theirs.npz", x, y=y)
    for name in ["ours.npz", "theirs.npz"]:
        with numpy.load(tmp_path / name) as t, nx.load(tmp_path / name) as o:
            assert o.files == t.files
            assert list(o.keys()) == list(t.keys())
            assert ("y" in o) and ("arr_0" in o) and ("nope" not in o)
            assert list(iter(o)) == list(iter(t))
            assert len(o) == len(t)
            for k in t:
                assert_same(o[k], t[k])
                assert_same(o[k + ".npy"], t[k + ".npy"])
            assert [k for k, _ in o.items()] == [k for k, _ in t.items()]
            assert_same(o.f.y, t.f.y)
            with pytest.raises(KeyError, match="is not a file in the archive"):
                o["nope"]
    r = repr(nx.load(tmp_path / "theirs.npz"))
    assert r == repr(numpy.load(tmp_path / "theirs.npz"))


def test_npz_file_objects_and_naming_conflict():
    f = io.BytesIO()
    nx.savez(f, nx.array([1, 2]), nx.array([3.0]))
    f.seek(0)
    t = numpy.load(f)
    assert t.files == ["arr_0", "arr_1"]
    f.seek(0)
    o = nx.load(f)
    assert_same(o["arr_1"], numpy.array([3.0]))
    o.close()
    with pytest.raises(ValueError, match="Cannot use un-named variables and keyword arr_0"):
        nx.savez(io.BytesIO(), nx.array([1]), arr_0=nx.array([2]))


def test_npz_non_npy_member_is_bytes():
    f = io.BytesIO()
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("notes.txt", b"hello")
    f.seek(0)
    assert nx.load(f)["notes.txt"] == numpy.load(io.BytesIO(f.getvalue()))["notes.txt"]


def test_npz_zip_bomb_is_bounded():
    # A tiny deflated member whose .npy header claims 2**40 float64s.
    header = _header_file("{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }")
    f = io.BytesIO()
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.npy", header + b"\x00" * 4096)
    f.seek(0)
    with nx.load(f) as o, pytest.raises(ValueError):
        o["a"]


def test_npz_corrupt_archive():
    raw = bytearray()
    f = io.BytesIO()
    numpy.savez(f, a=numpy.arange(100))
    raw = bytearray(f.getvalue())
    raw[-10:] = b"\xff" * 10
    with pytest.raises((ValueError, OSError)):
        nx.load(io.BytesIO(bytes(raw)))["a"]


# ----- memory maps ----------------------------------------------------------------------------


def test_memmap_modes(tmp_path):
    p = tmp_path / "raw.dat"
    m = nx.memmap(p, dtype="float32", mode="w+", shape=(4, 5))
    assert isinstance(m, nx.ndarray) and isinstance(m, nx.memmap)
    m[1, 2] = 5.0
    m.flush()
    assert numpy.fromfile(p, dtype="float32")[7] == 5.0
    del m
    r = nx.memmap(p, dtype="float32", mode="r", shape=(4, 5))
    assert r[1, 2] == 5.0
    with pytest.raises(ValueError):
        r[0, 0] = 1.0
    c = nx.memmap(p, dtype="float32", mode="c", shape=(4, 5))
    c[0, 0] = 9.0
    del c
    gc.collect()
    assert numpy.fromfile(p, dtype="float32")[0] == 0.0
    rp = nx.memmap(p, dtype="float32", mode="r+", offset=4)
    assert rp.shape == (19,)
    rp[0] = -1.0
    rp.flush()
    assert numpy.fromfile(p, dtype="float32")[1] == -1.0
    assert (rp.offset, rp.mode) == (4, "r+")


def test_memmap_view_keeps_map_alive(tmp_path):
    p = tmp_path / "v.dat"
    numpy.arange(1000, dtype="int64").tofile(p)
    m = nx.memmap(p, dtype="int64", mode="r")
    v = m[500:][::-2]
    del m
    gc.collect()
    assert_same(v, numpy.arange(1000)[500:][::-2])


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((), {"mode": "x"}),
        ((), {"mode": "w+"}),
        ((), {"mode": "r", "dtype": "f4"}),
        ((), {"mode": "r", "shape": (10,)}),
    ],
)
def test_memmap_errors_match(tmp_path, args, kwargs):
    p = tmp_path / "e.dat"
    p.write_bytes(b"123")
    with pytest.raises(Exception) as theirs:  # noqa: PT011
        numpy.memmap(p, *args, **kwargs)
    with pytest.raises(type(theirs.value)) as ours:
        nx.memmap(p, *args, **kwargs)
    assert str(ours.value) == str(theirs.value)
    empty = tmp_path / "empty.dat"
    empty.write_bytes(b"")
    with pytest.raises(ValueError, match="cannot mmap an empty file"):
        nx.memmap(empty, mode="r")
    with pytest.raises(FileNotFoundError):
        nx.memmap(tmp_path / "missing.dat", mode="r")


@pytest.mark.parametrize("order", ["C", "F"])
def test_load_mmap_modes(tmp_path, order):
    a = numpy.asarray(numpy.arange(20.0).reshape(4, 5), order=order)
    p = tmp_path / "a.npy"
    numpy.save(p, a)
    r = nx.load(p, mmap_mode="r")
    assert isinstance(r, nx.memmap)
    assert_same(nx.asarray(r), a)
    assert not r.flags.writeable
    w = nx.load(p, mmap_mode="r+")
    w[0, 1] = 100.0
    w.flush()
    del w
    gc.collect()
    assert numpy.load(p)[0, 1] == 100.0
    c = nx.load(p, mmap_mode="c")
    c[0, 0] = -5.0
    assert numpy.load(p)[0, 0] == 0.0
    m = nx.lib.format.open_memmap(tmp_path / "new.npy", mode="w+", dtype="int16", shape=(3, 2))
    m[2, 1] = 7
    m.flush()
    del m
    gc.collect()
    t = numpy.zeros((3, 2), dtype="int16")
    t[2, 1] = 7
    _np_same(numpy.load(tmp_path / "new.npy"), t)
    assert (tmp_path / "new.npy").read_bytes()[:128] == _npy_bytes(numpy, t)[:128]


# ----- text ---------------------------------------------------------------------------------


LOADTXT_CASES = [
    ("1 2 3\n4 5 6\n", {}),
    ("# c\n\n1 2 3\n4 5 6 # tail\n", {}),
    ("1,2,3\n4,5,6\n", {"delimiter": ","}),
    (" 1.5 , 2 \n3,4\n", {"delimiter": ","}),
    ("nan inf -inf 1e5 -0.0\n", {}),
    ("1 2\n3 4\n5 6\n", {"skiprows": 1}),
    ("1 2\n3 4\n5 6\n", {"max_rows": 2}),
    ("1 2 3\n", {"usecols": (2, 0)}),
    ("1 2 3\n", {"usecols": -1}),
    ("1 2\n3 4\n", {"unpack": True}),
    ("1 2\n", {"ndmin": 2}),
    ("1\n2\n", {"ndmin": 2}),
    ("5\n", {"ndmin": 0}),
    ("1 2\n", {"ndmin": 2, "unpack": True}),
    ("1 2\n3 4\n", {"dtype": "int32"}),
    ("-3 200\n", {"dtype": "int16"}),
    ("0 1 2 -3\n", {"dtype": bool}),
    ("1.25 2\n", {"dtype": "float32"}),
    ("1.25 2\n", {"dtype": "float16"}),
    ("1+2j (3-1j) 2j 7\n", {"dtype": complex}),
    ("1;2\n%x\n3;4\n", {"delimiter": ";", "comments": ["#", "%"]}),
    ('"1",2\n', {"delimiter": ",", "quotechar": '"'}),
    ("1 2\n", {"converters": {0: lambda s: float(s) * 10}}),
    ("1 2\n", {"converters": lambda s: float(s) * 10}),
    ("1 2 3\n4 x 6\n", {}),
    ("1 2 3\n4 5\n", {}),
    ("1 2 3\n", {"usecols": (5,)}),
    ("1 2 3\n4 5.5 6\n", {"dtype": int}),
    ("300 1\n", {"dtype": "uint8"}),
    ("1,2,\n", {"delimiter": ","}),
    ("1 2\n", {"ndmin": 3}),
    ("1 2\n", {"comments": ""}),
]


@pytest.mark.filterwarnings("ignore:loadtxt")
@pytest.mark.parametrize(("text", "kwargs"), LOADTXT_CASES)
def test_loadtxt_matches_numpy(text, kwargs):
    try:
        expected = numpy.loadtxt(io.StringIO(text), **kwargs)
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)) as ours:
            nx.loadtxt(io.StringIO(text), **kwargs)
        assert str(ours.value) == str(e)
        return
    assert_same(nx.loadtxt(io.StringIO(text), **kwargs), expected)
    assert_same(nx.loadtxt(text.splitlines(), **kwargs), expected)


def test_loadtxt_empty_warns_and_paths(tmp_path):
    with pytest.warns(UserWarning, match="input contained no data"):
        r = nx.loadtxt(io.StringIO(""))
    assert r.shape == numpy.zeros(0).shape
    with pytest.warns(UserWarning):
        assert nx.loadtxt(io.StringIO(""), ndmin=2).shape == (0, 1)
    p = tmp_path / "d.txt"
    p.write_text("1 2\n3 4\n")
    assert_same(nx.loadtxt(p), numpy.loadtxt(p))
    assert_same(nx.loadtxt(str(p)), numpy.loadtxt(p))


SAVETXT_CASES = [
    (numpy.arange(6.0).reshape(2, 3) / 7, {}),
    (numpy.arange(6.0).reshape(2, 3) / 7, {"fmt": "%.3f", "delimiter": ","}),
    (numpy.array([1e-5, 123456.0, 1234567.0, -0.0, numpy.nan, -numpy.inf]), {"fmt": "%g"}),
    (numpy.array([[1, -2], [30, 4]]), {"fmt": "%5d"}),
    (numpy.array([[1.5, -2.5]]), {"fmt": ["%d", "%+.2e"]}),
    (numpy.array([[1.5, 2.5]]), {"fmt": "%.1f and %.2f"}),
    (numpy.array([1 + 2j, -1.5 - 0.5j]), {}),
    (numpy.array([[1 + 2j, 3 - 1j]]), {"fmt": "%.2f"}),
    (numpy.array([[1.0, 2.0]]), {"header": "a b\nc", "footer": "end", "comments": "% "}),
    (numpy.array([[1.0, 2.0]]), {"newline": "\r\n", "fmt": "%s"}),
    (numpy.array([[1.0, 2.0]], dtype="float32"), {"fmt": "%.10f"}),
    (numpy.array([1, 2], dtype="uint64"), {"fmt": "%x"}),
    (numpy.array([True, False]), {"fmt": "%d"}),
    (numpy.array([[1.0, 2.0]]), {"fmt": "%d %d %d"}),
    (numpy.zeros((2, 2, 2)), {}),
]


@pytest.mark.parametrize(("a", "kwargs"), SAVETXT_CASES)
def test_savetxt_matches_numpy(a, kwargs):
    t = io.StringIO()
    try:
        numpy.savetxt(t, a, **kwargs)
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)):
            nx.savetxt(io.StringIO(), nx.array(a), **kwargs)
        return
    o = io.StringIO()
    nx.savetxt(o, nx.array(a), **kwargs)
    assert o.getvalue() == t.getvalue()
    ob = io.BytesIO()
    nx.savetxt(ob, nx.array(a), **kwargs)
    assert ob.getvalue() == t.getvalue().encode("latin1")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=12), st.sampled_from(["%.18e", "%g", "%.3f", "%10.4E", "%-12.5g", "%+.0e", "%#.0f"]))
def test_savetxt_floats_hypothesis(values, fmt):
    a = numpy.array(values)
    t, o = io.StringIO(), io.StringIO()
    numpy.savetxt(t, a, fmt=fmt)
    nx.savetxt(o, nx.array(a), fmt=fmt)
    assert o.getvalue() == t.getvalue()
    if fmt == "%.18e":
        assert_same(nx.loadtxt(io.StringIO(o.getvalue()), ndmin=1), numpy.loadtxt(io.StringIO(t.getvalue()), ndmin=1))


def test_savetxt_path_and_round_trip(tmp_path):
    a = numpy.random.default_rng(0).normal(size=(50, 3))
    nx.savetxt(tmp_path / "o.csv", nx.array(a), delimiter=",")
    numpy.savetxt(tmp_path / "t.csv", a, delimiter=",")
    assert (tmp_path / "o.csv").read_bytes() == (tmp_path / "t.csv").read_bytes()
    assert_same(nx.loadtxt(tmp_path / "o.csv", delimiter=","), a)


GENFROMTXT_CASES = [
    ("1,2,3\n4,,6\n", {"delimiter": ","}),
    ("1,2,3\n4,,6\n", {"delimiter": ",", "filling_values": -1}),
    ("1,N/A,3\n4,5,6\n", {"delimiter": ",", "missing_values": "N/A"}),
    ("# h\n1 2\n3 4\n5 6\n", {"skip_header": 1, "skip_footer": 1}),
    ("1 2 3\n4 5 6\n", {"usecols": (0, 2)}),
    ("1 2\n3 4\n", {"dtype": None}),
    ("1 2.5\n3.5 4.5\n", {"dtype": None}),
    ("1 2\n3 4\n", {"dtype": int}),
]


@pytest.mark.parametrize(("text", "kwargs"), GENFROMTXT_CASES)
def test_genfromtxt_matches_numpy(text, kwargs):
    assert_same(nx.genfromtxt(io.StringIO(text), **kwargs), numpy.genfromtxt(io.StringIO(text), **kwargs))


def test_genfromtxt_structured_not_yet():
    with pytest.raises(TypeError, match="numoxide does not support"):
        nx.genfromtxt(io.StringIO("a b\n1 2\n"), names=True)
    # Columns of different types make NumPy build a structured dtype.
    assert numpy.genfromtxt(io.StringIO("1 2.5\n3 4\n"), dtype=None).dtype.names is not None
    with pytest.raises(TypeError, match="numoxide does not support"):
        nx.genfromtxt(io.StringIO("1 2.5\n3 4\n"), dtype=None)


# ----- fromstring / fromfile / frombuffer / tofile --------------------------------------------


@pytest.mark.parametrize(
    ("text", "kwargs"),
    [
        ("1 2 3", {"sep": " "}),
        ("1, 2,3", {"sep": ","}),
        ("1 2 3", {"sep": " ", "dtype": "int32"}),
        ("1 2 3", {"sep": " ", "count": 2}),
        ("1,x,3", {"sep": ","}),
    ],
)
def test_fromstring(text, kwargs):
    try:
        expected = numpy.fromstring(text, **kwargs)
    except ValueError:
        with pytest.raises(ValueError):
            nx.fromstring(text, **kwargs)
        return
    assert_same(nx.fromstring(text, **kwargs), expected)


def test_fromfile_tofile_frombuffer(tmp_path):
    a = numpy.arange(10, dtype="<i2")
    p = tmp_path / "raw.bin"
    nx._numoxide._io._ndarray_tofile(nx.array(a), str(p))
    assert p.read_bytes() == a.tobytes()
    assert_same(nx.fromfile(p, dtype="<i2"), numpy.fromfile(p, dtype="<i2"))
    assert_same(nx.fromfile(str(p), dtype="<i2", count=3, offset=4), numpy.fromfile(p, dtype="<i2", count=3, offset=4))
    nx._numoxide._io._ndarray_tofile(nx.array(a), str(p), sep=",")
    a.tofile(tmp_path / "t.txt", sep=",")
    assert p.read_bytes() == (tmp_path / "t.txt").read_bytes()
    b = b"\x01\x00\x02\x00\x03\x00"
    assert_same(nx.frombuffer(b, dtype="<u2"), numpy.frombuffer(b, dtype="<u2"))
    assert_same(nx.frombuffer(b, dtype="u1", count=2, offset=1), numpy.frombuffer(b, dtype="u1", count=2, offset=1))
    with pytest.raises(ValueError):
        nx.frombuffer(b, dtype="<f8")
