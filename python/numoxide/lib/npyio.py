"""numoxide.lib.npyio: the lazy ``NpzFile`` returned by ``load`` on ``.npz`` archives,
and ``genfromtxt``'s glue. Reading, parsing and writing happen in the Rust engine."""

from collections.abc import Mapping

from .. import _numoxide

__all__ = ["NpzFile", "BagObj", "genfromtxt"]

_MAX_HEADER_SIZE = 10000


class BagObj:
    """Attribute access to the members of an NpzFile: ``f.f.x`` is ``f["x"]``."""

    def __init__(self, obj):
        self._obj = obj

    def __getattribute__(self, key):
        try:
            return object.__getattribute__(self, "_obj")[key]
        except KeyError:
            raise AttributeError(key) from None

    def __dir__(self):
        return list(object.__getattribute__(self, "_obj").keys())


class NpzFile(Mapping):
    """A dictionary-like view of an ``.npz`` archive; members are read on access."""

    _MAX_REPR_ARRAY_COUNT = 5
    zip = None
    fid = None

    def __init__(self, reader, fid, *, allow_pickle=False, max_header_size=_MAX_HEADER_SIZE):
        names = reader.namelist()
        self.files = [name.removesuffix(".npy") for name in names]
        self._files = dict(zip(self.files, names, strict=True))
        self._files.update(zip(names, names, strict=True))
        self.allow_pickle = allow_pickle
        self.max_header_size = max_header_size
        self.pickle_kwargs = None
        self.zip = reader
        self.fid = fid
        self.f = BagObj(self)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def close(self):
        """Close the archive."""
        if self.zip is not None:
            self.zip.close()
            self.zip = None
        self.f = None

    def __del__(self):
        self.close()

    def __iter__(self):
        return iter(self.files)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, key):
        try:
            member = self._files[key]
        except (KeyError, TypeError):
            raise KeyError(f"{key} is not a file in the archive") from None
        if self.zip is None:
            raise ValueError("I/O operation on closed file.")
        return self.zip.read(member, self.max_header_size)

    def __contains__(self, key):
        return key in self._files

    def __repr__(self):
        if isinstance(self.fid, str):
            filename = self.fid
        else:
            filename = getattr(self.fid, "name", "object")
        names = ", ".join(self.files[: self._MAX_REPR_ARRAY_COUNT])
        if len(self.files) > self._MAX_REPR_ARRAY_COUNT:
            names += "..."
        return f"NpzFile {filename!r} with keys: {names}"

    def get(self, key, default=None, /):
        """D.get(k[, d]): D[k] if k in D, else d."""
        return Mapping.get(self, key, default)

    def items(self):
        """A set-like view of (name, array) pairs."""
        return Mapping.items(self)

    def keys(self):
        """A set-like view of the member names."""
        return Mapping.keys(self)

    def values(self):
        """A view of the arrays."""
        return Mapping.values(self)


def _lines(fname, encoding):
    """The lines of a genfromtxt input (path, file object or iterable of lines)."""
    import os

    if isinstance(fname, os.PathLike):
        fname = os.fspath(fname)
    if isinstance(fname, str):
        opener = open
        if fname.endswith(".gz"):
            import gzip

            opener = gzip.open
        elif fname.endswith(".bz2"):
            import bz2

            opener = bz2.open
        with opener(fname, "rt", encoding=encoding or "utf-8") as fh:
            return fh.read().splitlines()
    if hasattr(fname, "read"):
        data = fname.read()
        if isinstance(data, bytes):
            data = data.decode(encoding or "latin1")
        return data.splitlines()
    try:
        it = iter(fname)
    except TypeError:
        raise TypeError(
            f"fname must be a string, a filehandle, a sequence of strings,\nor an iterator of strings. Got {type(fname)} instead."
        ) from None
    out = []
    for line in it:
        if isinstance(line, bytes):
            line = line.decode(encoding or "latin1")
        out.append(line.rstrip("\r\n"))
    return out


def _split(line, delimiter, comments, autostrip):
    if comments:
        for c in comments:
            idx = line.find(c)
            if idx >= 0:
                line = line[:idx]
    line = line.rstrip("\r\n")
    if delimiter is None:
        return line.split()
    if isinstance(delimiter, int):
        return [line[i : i + delimiter] for i in range(0, len(line), delimiter)] if line.strip() else []
    if not line.strip():
        return []
    fields = line.split(delimiter)
    if autostrip:
        fields = [f.strip() for f in fields]
    return fields


def genfromtxt(
    fname,
    dtype=float,
    comments="#",
    delimiter=None,
    skip_header=0,
    skip_footer=0,
    converters=None,
    missing_values=None,
    filling_values=None,
    usecols=None,
    names=None,
    excludelist=None,
    deletechars=None,
    replace_space="_",
    autostrip=False,
    case_sensitive=True,
    defaultfmt="f%i",
    unpack=None,
    usemask=False,
    loose=True,
    invalid_raise=True,
    max_rows=None,
    encoding=None,
    *,
    ndmin=0,
    like=None,
):
    """Load data from a text file, with missing values handled as specified.

    Named columns (``names=``) and structured dtypes need structured arrays, which
    numoxide does not have yet; those calls raise ``TypeError``.
    """
    from .. import array, asarray
    from .. import dtype as _dtype

    if names not in (None, False):
        raise TypeError("numoxide does not support dtype with named fields (genfromtxt names=) yet")
    if usemask:
        raise TypeError("numoxide does not support masked arrays (usemask=True) yet")
    if ndmin not in (0, 1, 2):
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")
    if isinstance(comments, bytes):
        comments = comments.decode("latin1")
    comments = [comments] if isinstance(comments, str) else list(comments or [])
    if isinstance(delimiter, bytes):
        delimiter = delimiter.decode("latin1")
    if max_rows is not None and skip_footer:
        raise ValueError("The keywords 'skip_footer' and 'max_rows' can not be specified at the same time.")
    lines = _lines(fname, encoding)[skip_header:]
    rows = []
    for i, line in enumerate(lines):
        fields = _split(line, delimiter, comments, autostrip)
        if fields:
            rows.append((i + 1 + skip_header, fields))
    if skip_footer > 0:
        rows = rows[:-skip_footer]
    if max_rows is not None:
        rows = rows[:max_rows]
    if not rows:
        import warnings

        warnings.warn('genfromtxt: Empty input file: "%s"' % fname, stacklevel=2)
        return array([], dtype=float if dtype is None else dtype)
    ncols = len(rows[0][1])
    if usecols is not None:
        usecols = [usecols] if isinstance(usecols, int) else list(usecols)
        usecols = [c + ncols if c < 0 else c for c in usecols]
    bad = [(ln, len(f)) for ln, f in rows if len(f) != ncols]
    if bad:
        if invalid_raise:
            msg = [f"    Line #{ln} (got {n} columns instead of {ncols})" for ln, n in bad]
            raise ValueError("Some errors were detected !\n" + "\n".join(msg))
        rows = [(ln, f) for ln, f in rows if len(f) == ncols]
    if usecols is not None:
        rows = [(ln, [f[c] for c in usecols]) for ln, f in rows]
        ncols = len(usecols)

    missing = {""}
    if missing_values is not None:
        if isinstance(missing_values, str):
            missing.update(m.strip() for m in missing_values.split(","))
        elif isinstance(missing_values, dict):
            for v in missing_values.values():
                missing.update([v] if isinstance(v, str) else v)
        else:
            missing.update(missing_values)

    def fill_for(col):
        if filling_values is None:
            return None
        if isinstance(filling_values, dict):
            return filling_values.get(col)
        if isinstance(filling_values, (list, tuple)):
            return filling_values[col] if col < len(filling_values) else None
        return filling_values

    conv = converters or {}

    def parse(text, dt):
        v = _numoxide._io._parse_field(text, dt)
        return v

    if dtype is None:
        # Infer the narrowest of bool < int < float < complex per column, as NumPy's
        # StringConverter upgrades; one common dtype for the whole array.
        order = ["bool", "int64", "float64", "complex128"]
        levels = [0] * ncols
        for _, fields in rows:
            for c, f in enumerate(fields):
                f = f.strip()
                if f in missing or c in conv:
                    continue
                while levels[c] < len(order):
                    kind = order[levels[c]]
                    if kind == "bool":
                        if f.lower() in ("true", "false"):
                            break
                    elif parse(f, kind) is not None:
                        break
                    levels[c] += 1
                if levels[c] == len(order):
                    raise TypeError("numoxide does not support string columns (genfromtxt dtype=None) yet")
        if len(set(levels)) > 1:
            raise TypeError(
                "numoxide does not support structured dtypes yet (genfromtxt dtype=None found columns of different types)"
            )
        level = levels[0] if levels else 2
        target = _dtype(order[min(level, len(order) - 1)])
    else:
        target = _dtype(dtype)
    nan_default = {"b": False, "i": -1, "u": -1, "f": float("nan"), "c": complex(float("nan"), 0)}[target.kind]
    out = []
    for _, fields in rows:
        row = []
        for c, f in enumerate(fields):
            s = f.strip()
            if c in conv:
                row.append(conv[c](s))
            elif s in missing:
                fill = fill_for(c)
                row.append(nan_default if fill is None else fill)
            elif target.kind == "b" and s.lower() in ("true", "false"):
                row.append(s.lower() == "true")
            else:
                v = parse(s, target)
                if v is None:
                    raise ValueError(f"could not convert string {s!r} to {target.name}")
                row.append(v)
        out.append(row)
    result = asarray(array(out, dtype=target))
    if result.ndim > ndmin:
        result = result.squeeze()
    if result.ndim < ndmin:
        if ndmin == 1:
            result = result.reshape(-1)
        else:
            result = result.reshape(1, -1).T
    if unpack:
        return result.T
    return result
