"""numoxide.lib.format: the ``.npy`` format helpers of ``numpy.lib.format``.

Headers are parsed (never evaluated) and written in Rust, byte for byte as NumPy writes
them; these functions are the documented Python entry points.
"""

from .. import _numoxide

__all__ = [
    "ARRAY_ALIGN",
    "MAGIC_LEN",
    "MAGIC_PREFIX",
    "descr_to_dtype",
    "dtype_to_descr",
    "header_data_from_array_1_0",
    "magic",
    "open_memmap",
    "read_array",
    "read_array_header_1_0",
    "read_array_header_2_0",
    "read_magic",
    "write_array",
    "write_array_header_1_0",
    "write_array_header_2_0",
]

_io = _numoxide._io

MAGIC_PREFIX = b"\x93NUMPY"
MAGIC_LEN = len(MAGIC_PREFIX) + 2
ARRAY_ALIGN = 64
BUFFER_SIZE = 2**18
GROWTH_AXIS_MAX_DIGITS = 21
_MAX_HEADER_SIZE = 10000


def _check_version(version):
    if version not in [(1, 0), (2, 0), (3, 0), None]:
        raise ValueError(f"we only support format version (1,0), (2,0), and (3,0), not {version}")


def magic(major, minor):
    """The magic string for the given file format version."""
    if major < 0 or major > 255:
        raise ValueError("major version must be 0 <= major < 256")
    if minor < 0 or minor > 255:
        raise ValueError("minor version must be 0 <= minor < 256")
    return MAGIC_PREFIX + bytes([major, minor])


def read_magic(fp):
    """Read the magic string; return (major, minor)."""
    data = fp.read(MAGIC_LEN)
    if len(data) != MAGIC_LEN:
        raise ValueError(f"EOF: reading magic string, expected {MAGIC_LEN} bytes got {len(data)}")
    if data[:-2] != MAGIC_PREFIX:
        raise ValueError(f"the magic string is not correct; expected {MAGIC_PREFIX!r}, got {data[:-2]!r}")
    return data[-2], data[-1]


def dtype_to_descr(dtype):
    """The ``descr`` a header stores for ``dtype`` (its type string)."""
    from .. import dtype as _dtype

    return _dtype(dtype).str


def descr_to_dtype(descr):
    """The dtype a header's ``descr`` names."""
    from .. import dtype as _dtype

    if isinstance(descr, str):
        return _dtype(descr)
    raise TypeError(f"numoxide does not support dtype {descr!r} yet")


def header_data_from_array_1_0(array):
    """The dictionary of header metadata of an array."""
    d = {"shape": array.shape}
    if array.flags.c_contiguous:
        d["fortran_order"] = False
    elif array.flags.f_contiguous:
        d["fortran_order"] = True
    else:
        d["fortran_order"] = False
    d["descr"] = dtype_to_descr(array.dtype)
    return d


def _write_array_header(fp, d, version):
    fp.write(_io._header_bytes(d["descr"], d["fortran_order"], tuple(d["shape"]), version))


def write_array_header_1_0(fp, d):
    """Write the header for an array using the 1.0 format."""
    _write_array_header(fp, d, (1, 0))


def write_array_header_2_0(fp, d):
    """Write the header for an array using the 2.0 format."""
    _write_array_header(fp, d, (2, 0))


def read_array_header_1_0(fp, max_header_size=_MAX_HEADER_SIZE):
    """Read a 1.0 header (after the magic string): (shape, fortran_order, dtype)."""
    return _io._read_array_header(fp, (1, 0), max_header_size)


def read_array_header_2_0(fp, max_header_size=_MAX_HEADER_SIZE):
    """Read a 2.0 header (after the magic string): (shape, fortran_order, dtype)."""
    return _io._read_array_header(fp, (2, 0), max_header_size)


def write_array(fp, array, version=None, allow_pickle=True, pickle_kwargs=None):
    """Write an array, header included, to a file object."""
    _check_version(version)
    _io._write_array(fp, array, version)


def read_array(fp, allow_pickle=False, pickle_kwargs=None, *, max_header_size=_MAX_HEADER_SIZE):
    """Read an array, header included, from a file object."""
    if allow_pickle:
        max_header_size = 2**63 - 1
    return _io._read_array(fp, max_header_size)


def open_memmap(filename, mode="r+", dtype=None, shape=None, fortran_order=False, version=None, *, max_header_size=_MAX_HEADER_SIZE):
    """Open a ``.npy`` file as a memory-mapped array (creating it in a ``w`` mode)."""
    _check_version(version)
    return _io._open_memmap(filename, mode, dtype, shape, fortran_order, version, max_header_size=max_header_size)


def isfileobj(f):
    """True for real (OS-level) file objects."""
    import io

    if not isinstance(f, (io.FileIO, io.BufferedReader, io.BufferedWriter)):
        return False
    try:
        f.fileno()
        return True
    except OSError:
        return False
