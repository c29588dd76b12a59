"""info, show_config and show_runtime: what NumPy's numpy.lib utilities print, for
numoxide."""

import inspect
import platform
import pydoc
import sys
import types

import numoxide as _np

__all__ = ["info", "show_config", "show_runtime"]


def _array_info(obj, output):
    flags = obj.flags
    order = obj.dtype.byteorder
    if order in ("|", "="):
        byteorder, swapped = sys.byteorder, False
    elif order == ">":
        byteorder, swapped = "big", sys.byteorder != "big"
    else:
        byteorder, swapped = "little", sys.byteorder != "little"
    lines = [
        ("class: ", getattr(type(obj), "__name__", type(obj))),
        ("shape: ", obj.shape),
        ("strides: ", obj.strides),
        ("itemsize: ", obj.itemsize),
        ("aligned: ", flags.aligned),
        ("contiguous: ", flags.contiguous),
        ("fortran: ", flags.fortran),
    ]
    for label, value in lines:
        print(label, value, file=output)
    print(f"data pointer: {hex(obj.__array_interface__['data'][0])}", file=output)
    print("byteorder: ", byteorder, file=output)
    print("byteswap: ", swapped, file=output)
    print(f"type: {obj.dtype}", file=output)


def _wrapped_call(name, arguments, width):
    """`name(arguments)` broken after commas so that lines stay within `width`."""
    indent = len(name)
    text = name
    used = indent
    for i, argument in enumerate(arguments.split(", ")):
        sep = "" if i == 0 else ", "
        used += len(argument) + len(sep)
        if used > width:
            used = indent + 1 + len(argument)
            text += ",\n" + " " * (indent + 2) + argument
        else:
            text += sep + argument
    return text


def _call_line(obj, width):
    name = obj.__name__
    try:
        arguments = str(inspect.signature(obj))
    except (TypeError, ValueError):
        arguments = "()"
    if len(name + arguments) > width:
        return _wrapped_call(name, arguments, width)
    return name + arguments


def _modules(top):
    """Every module reachable from `top`, breadth first: (names in order, their dicts)."""
    root = sys.modules[top] if top in sys.modules else __import__(top)
    order = [root.__name__]
    dicts = {root.__name__: root.__dict__}
    queue = [root.__dict__]
    while queue:
        for value in list(queue.pop(0).values()):
            if isinstance(value, types.ModuleType) and value.__name__ not in dicts:
                order.append(value.__name__)
                dicts[value.__name__] = value.__dict__
                queue.append(value.__dict__)
    return order, dicts


def info(object=None, maxwidth=76, output=None, toplevel="numoxide"):  # noqa: A002
    """Print help on `object`: an array's layout, a function's call line and
    documentation, a class's documentation and methods, or every object of that name
    in `toplevel`'s modules."""
    if output is None:
        output = sys.stdout
    if object is None:
        info(info)
    elif isinstance(object, _np.ndarray):
        _array_info(object, output)
    elif isinstance(object, str):
        order, dicts = _modules(toplevel)
        seen = []
        found = 0
        for module in order:
            if object not in dicts[module]:
                continue
            obj = dicts[module][object]
            if id(obj) in seen:
                print(f"\n     *** Repeat reference found in {module} *** ", file=output)
            else:
                seen.append(id(obj))
                print(f"     *** Found in {module} ***", file=output)
                info(obj)
                print("-" * maxwidth, file=output)
            found += 1
        if found == 0:
            print(f"Help for {object} not found.", file=output)
        else:
            print(f"\n     *** Total of {found} references found. ***", file=output)
    elif inspect.isfunction(object) or inspect.ismethod(object):
        print(" " + _call_line(object, maxwidth) + "\n", file=output)
        print(inspect.getdoc(object), file=output)
    elif inspect.isclass(object):
        print(" " + _call_line(object, maxwidth) + "\n", file=output)
        doc = inspect.getdoc(object)
        if doc is None and hasattr(object, "__init__"):
            doc = inspect.getdoc(object.__init__)
        print(doc, file=output)
        public = [m for m in pydoc.allmethods(object) if m[0] != "_"]
        if public:
            print("\n\nMethods:\n", file=output)
            summary = "None"
            for name in public:
                method = getattr(object, name, None)
                if method is not None:
                    summary, _ = pydoc.splitdoc(inspect.getdoc(method) or "None")
                print(f"  {name}  --  {summary}", file=output)
    elif hasattr(object, "__doc__"):
        print(inspect.getdoc(object), file=output)


def _config():
    return {
        "numoxide": {"version": _np.__version__, "engine": "Rust (PyO3 extension module)"},
        "Python Information": {"path": sys.executable, "version": sys.version.split()[0]},
        "Machine Information": {
            "system": platform.system().lower(),
            "cpu": platform.machine(),
            "endian": sys.byteorder,
        },
        "Build Dependencies": {
            "linear algebra": "faer and numoxide's own kernels (no BLAS/LAPACK library)",
            "fft": "rustfft / realfft",
            "threads": "rayon",
        },
    }


def show_config(mode="stdout"):
    """Print (mode='stdout') or return (mode='dicts') how numoxide was built."""
    config = _config()
    if mode == "dicts":
        return config
    if mode != "stdout":
        raise AttributeError("Invalid `mode`, use one of: stdout, dicts")
    for section, values in config.items():
        print(f"{section}:")
        for key, value in values.items():
            print(f"  {key}: {value}")
    return None


def show_runtime():
    """Print the running system: numoxide and Python versions, the machine, and the
    thread settings."""
    import os
    from pprint import pprint

    pprint(
        [
            {
                "numoxide_version": _np.__version__,
                "python": sys.version,
                "uname": platform.uname(),
            },
            {"num_threads": os.environ.get("NUMOXIDE_NUM_THREADS", "1 (default)")},
        ]
    )
