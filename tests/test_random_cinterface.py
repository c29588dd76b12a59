"""numpy.random bit generators' C interface (capsule, ctypes, cffi) and their lock."""

import ctypes
import gc
import threading
import time

import numoxide
import numpy
import pytest

BITGENS = ["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"]
SEEDS = [0, 1, 42, 2**64 + 7, [1, 2, 3]]


class BitgenT(ctypes.Structure):
    """NumPy's bitgen_t, read through the capsule pointer."""

    _fields_ = [
        ("state", ctypes.c_void_p),
        ("next_uint64", ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_void_p)),
        ("next_uint32", ctypes.CFUNCTYPE(ctypes.c_uint32, ctypes.c_void_p)),
        ("next_double", ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_void_p)),
        ("next_raw", ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_void_p)),
    ]


def capsule_struct(capsule):
    get_name = ctypes.pythonapi.PyCapsule_GetName
    get_name.restype, get_name.argtypes = ctypes.c_char_p, [ctypes.py_object]
    get_ptr = ctypes.pythonapi.PyCapsule_GetPointer
    get_ptr.restype, get_ptr.argtypes = ctypes.c_void_p, [ctypes.py_object, ctypes.c_char_p]
    assert get_name(capsule) == b"BitGenerator"
    return BitgenT.from_address(get_ptr(capsule, b"BitGenerator"))


def draws(iface, n=6):
    """Interleaved draws through one ctypes/cffi interface."""
    out = []
    for _ in range(n):
        out.append(int(iface.next_uint64(iface.state)))
        out.append(int(iface.next_uint32(iface.state)))
        out.append(float(iface.next_double(iface.state)))
    return out


@pytest.mark.parametrize("bg", BITGENS)
@pytest.mark.parametrize("seed", SEEDS)
def test_ctypes_same_numbers(bg, seed):
    a, b = getattr(numpy.random, bg)(seed), getattr(numoxide.random, bg)(seed)
    ia, ib = a.ctypes, b.ctypes
    assert type(ib).__name__ == "interface"
    assert ib._fields == ia._fields
    assert ib.state_address == ib.state.value
    assert isinstance(ib.state_address, int) and isinstance(ib.bit_generator, ctypes.c_void_p)
    assert b.ctypes is ib
    assert [ib.next_uint64(ib.state) for _ in range(20)] == [ia.next_uint64(ia.state) for _ in range(20)]
    assert draws(ib) == draws(ia)
    # the function pointers also take the plain address, as numba code passes it
    assert ib.next_uint64(ib.state_address) == ia.next_uint64(ia.state_address)
    # the C draws advance the same state the Python API uses
    assert b.random_raw(4).tolist() == a.random_raw(4).tolist()
    assert numoxide.random.Generator(b).random(3).tolist() == numpy.random.Generator(a).random(3).tolist()
    assert b.state["bit_generator"] == a.state["bit_generator"]


@pytest.mark.parametrize("bg", BITGENS)
def test_capsule_bitgen_t(bg):
    a, b = getattr(numpy.random, bg)(7), getattr(numoxide.random, bg)(7)
    assert type(b.capsule).__name__ == "PyCapsule"
    assert b.capsule is b.capsule
    sa, sb = capsule_struct(a.capsule), capsule_struct(b.capsule)
    assert sb.state == b.ctypes.state_address
    assert ctypes.cast(b.ctypes.bit_generator, ctypes.c_void_p).value == ctypes.addressof(sb)
    for _ in range(5):
        assert sb.next_raw(sb.state) == sa.next_raw(sa.state)
        assert sb.next_uint64(sb.state) == sa.next_uint64(sa.state)
        assert sb.next_uint32(sb.state) == sa.next_uint32(sa.state)
        assert sb.next_double(sb.state) == sa.next_double(sa.state)


def test_capsule_keeps_state_alive():
    cap = numoxide.random.PCG64(3).capsule
    gc.collect()
    for _ in range(50):  # churn the allocator: freed state would be overwritten
        numoxide.random.PCG64(9).random_raw(100)
    s = capsule_struct(cap)
    a = numpy.random.PCG64(3)
    assert [s.next_uint64(s.state) for _ in range(5)] == a.random_raw(5).tolist()


def test_legacy_reseed_keeps_pointers():
    # RandomState.seed re-seeds MT19937 in place: the C view follows, as in NumPy
    for m in (numpy, numoxide):
        rs = m.random.RandomState(1)
        iface = rs._bit_generator.ctypes
        rs.seed(5)
        m.result = [iface.next_uint32(iface.state) for _ in range(4)]
    assert numoxide.result == numpy.result
    del numpy.result, numoxide.result


def test_cffi():
    cffi = pytest.importorskip("cffi")
    for bg in BITGENS:
        a, b = getattr(numpy.random, bg)(11), getattr(numoxide.random, bg)(11)
        ib = b.cffi
        assert isinstance(ib.state, cffi.FFI().CData)
        assert draws(ib) == draws(a.cffi)


def test_cffi_missing_raises_importerror():
    try:
        import cffi  # noqa: F401
    except ImportError:
        for m in (numpy, numoxide):
            with pytest.raises(ImportError, match="cffi cannot be imported"):
                _ = m.random.PCG64(1).cffi
    else:
        pytest.skip("cffi is installed")


def test_benchmark_method():
    for m in (numpy, numoxide):
        bg = m.random.SFC64(1)
        assert bg._benchmark(10) is None
        assert bg._benchmark(10, "double") is None
        for bad in ("uint32", "x"):
            with pytest.raises(ValueError, match="Unknown method"):
                bg._benchmark(10, bad)


def test_lock_is_a_shared_reentrant_lock():
    for m in (numpy, numoxide):
        bg = m.random.PCG64(1)
        lock = bg.lock
        assert lock is bg.lock
        assert m.random.Generator(bg).bit_generator.lock is lock
        with pytest.raises(AttributeError):
            bg.lock = threading.Lock()
        assert lock.acquire() is True
        assert lock.acquire(False) is True  # re-entrant
        lock.release()
        lock.release()
        with pytest.raises(RuntimeError):
            lock.release()
        with lock:
            with lock:
                m.random.Generator(bg).random()  # a draw inside the held lock
        assert m.random.RandomState(m.random.MT19937(1))._bit_generator.lock.acquire(blocking=False)


def test_lock_excludes_draws_from_other_threads():
    bg = numoxide.random.PCG64(5)
    rng = numoxide.random.Generator(bg)
    done = threading.Event()

    def other():
        rng.random(3)
        done.set()

    with bg.lock:
        t = threading.Thread(target=other)
        t.start()
        time.sleep(0.1)
        assert not done.is_set()  # waiting for the lock
        # the C interface is usable under the lock; no other draw interferes
        iface = bg.ctypes
        ours = [iface.next_uint64(iface.state) for _ in range(3)]
    t.join(5)
    assert done.is_set()
    a = numpy.random.PCG64(5)
    assert ours == a.random_raw(3).tolist()

    # non-blocking and timed acquisition while another thread holds it
    got = []
    hold, release = threading.Event(), threading.Event()

    def holder():
        with bg.lock:
            hold.set()
            release.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    hold.wait(5)
    got.append(bg.lock.acquire(False))
    got.append(bg.lock.acquire(timeout=0.05))
    release.set()
    t.join(5)
    got.append(bg.lock.acquire(timeout=1))
    bg.lock.release()
    assert got == [False, False, True]


def test_concurrent_draws_are_serialized():
    # many threads drawing from one generator never corrupt it: the multiset of raw
    # outputs equals NumPy's single-threaded stream
    bg = numoxide.random.SFC64(3)
    out = []
    mu = threading.Lock()

    def work():
        for _ in range(50):
            v = bg.random_raw(20).tolist()
            with mu:
                out.extend(v)

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert sorted(out) == sorted(numpy.random.SFC64(3).random_raw(4000).tolist())


@pytest.mark.parametrize("cls", BITGENS)
def test_public_names_match(cls):
    ours, theirs = getattr(numoxide.random, cls)(1), getattr(numpy.random, cls)(1)
    want = {n for n in dir(theirs) if not n.startswith("__")}
    assert want <= set(dir(ours))
    base = {n for n in dir(numpy.random.BitGenerator) if not n.startswith("_")}
    assert base <= set(dir(numoxide.random.BitGenerator))


def test_bit_generator_module_interfaces():
    for m in (numpy, numoxide):
        b = m.random.bit_generator
        assert issubclass(b.SeedSequence, b.ISpawnableSeedSequence)
        assert issubclass(b.ISpawnableSeedSequence, b.ISeedSequence)
        s = b.SeedlessSeedSequence()
        assert s.spawn(2) == [s, s]
        with pytest.raises(NotImplementedError, match="seedless SeedSequences cannot generate state"):
            s.generate_state(3)
        with pytest.raises(TypeError):
            b.ISeedSequence()
