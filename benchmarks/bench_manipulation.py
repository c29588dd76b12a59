"""Array manipulation: joining, tiling, repeating, padding, rolling (issue 4, item 9)."""

from run import Case


def _pair(shape):
    return lambda m: (m.ones(shape), m.zeros(shape))


CASES = [
    Case("concatenate 2x1e3 axis 0", _pair(1000), lambda m, x: m.concatenate(x)),
    Case("concatenate 2x1e6 axis 0", _pair(1_000_000), lambda m, x: m.concatenate(x)),
    Case("concatenate 2x(1000,1000) axis 0", _pair((1000, 1000)), lambda m, x: m.concatenate(x, axis=0)),
    Case("concatenate 2x(1000,1000) axis 1", _pair((1000, 1000)), lambda m, x: m.concatenate(x, axis=1)),
    Case(
        "concatenate 1000 arrays of 10",
        lambda m: [m.arange(10.0) for _ in range(1000)],
        lambda m, x: m.concatenate(x),
    ),
    Case(
        "concatenate int32+float64 1e6 (cast)",
        lambda m: (m.ones(1_000_000, "int32"), m.zeros(1_000_000)),
        lambda m, x: m.concatenate(x),
    ),
    Case("stack 2x(1000,1000) axis 0", _pair((1000, 1000)), lambda m, x: m.stack(x)),
    Case("stack 2x(1000,1000) axis 2", _pair((1000, 1000)), lambda m, x: m.stack(x, axis=2)),
    Case("stack 100 arrays of 10", lambda m: [m.arange(10.0)] * 100, lambda m, x: m.stack(x)),
    Case("vstack 2 small", lambda m: (m.arange(3.0), m.arange(3.0)), lambda m, x: m.vstack(x)),
    Case("tile (1000,) x 1000", lambda m: m.arange(1000.0), lambda m, x: m.tile(x, 1000)),
    Case("tile (1000,1000) x (2,2)", lambda m: m.ones((1000, 1000)), lambda m, x: m.tile(x, (2, 2))),
    Case("repeat 1e6 x 3", lambda m: m.arange(1_000_000.0), lambda m, x: m.repeat(x, 3)),
    Case("repeat (1000,1000) x2 axis 0", lambda m: m.ones((1000, 1000)), lambda m, x: m.repeat(x, 2, axis=0)),
    Case(
        "repeat 1e5 per-element counts",
        lambda m: (m.arange(100_000.0), m.arange(100_000) % 4),
        lambda m, x: m.repeat(x[0], x[1]),
    ),
    Case("pad (1000,1000) constant 10", lambda m: m.ones((1000, 1000)), lambda m, x: m.pad(x, 10)),
    Case("pad (1000,1000) reflect 10", lambda m: m.ones((1000, 1000)), lambda m, x: m.pad(x, 10, "reflect")),
    Case("pad (1000,1000) edge 10", lambda m: m.ones((1000, 1000)), lambda m, x: m.pad(x, 10, "edge")),
    Case("pad (10,10) constant 1", lambda m: m.ones((10, 10)), lambda m, x: m.pad(x, 1)),
    Case("roll 1e6 by 1000", lambda m: m.arange(1_000_000.0), lambda m, x: m.roll(x, 1000)),
    Case("roll (1000,1000) both axes", lambda m: m.ones((1000, 1000)), lambda m, x: m.roll(x, (3, 5), axis=(0, 1))),
    Case("flip then copy 1e6", lambda m: m.arange(1_000_000.0), lambda m, x: m.flip(x).copy()),
    Case("flip (1000,1000) then copy", lambda m: m.ones((1000, 1000)), lambda m, x: m.flip(x).copy()),
    Case("split 1e6 into 10", lambda m: m.arange(1_000_000.0), lambda m, x: m.split(x, 10)),
    Case("delete every other of 1e5", lambda m: m.arange(100_000.0), lambda m, x: m.delete(x, slice(None, None, 2))),
    Case("insert 1 into 1e6", lambda m: m.arange(1_000_000.0), lambda m, x: m.insert(x, 500_000, 1.0)),
    Case("append 1e6 + 1", lambda m: m.arange(1_000_000.0), lambda m, x: m.append(x, 1.0)),
    Case("pad (1000,1000) symmetric 10", lambda m: m.ones((1000, 1000)), lambda m, x: m.pad(x, 10, "symmetric")),
    Case("pad (1000,1000) wrap 10", lambda m: m.ones((1000, 1000)), lambda m, x: m.pad(x, 10, "wrap")),
    Case("pad (1000,1000) linear_ramp 10", lambda m: m.ones((1000, 1000)), lambda m, x: m.pad(x, 10, "linear_ramp")),
    Case("pad (1000,1000) mean 10", lambda m: m.ones((1000, 1000)), lambda m, x: m.pad(x, 10, "mean")),
    Case("pad 1e6 reflect 100", lambda m: m.arange(1_000_000.0), lambda m, x: m.pad(x, 100, "reflect")),
    Case("hstack 2x(1000,1000)", _pair((1000, 1000)), lambda m, x: m.hstack(x)),
    Case("column_stack 2x1e6", _pair(1_000_000), lambda m, x: m.column_stack(x)),
    Case("block 2x2 of (500,500)", lambda m: m.ones((500, 500)), lambda m, x: m.block([[x, x], [x, x]])),
    Case("rot90 (1000,1000) copy", lambda m: m.ones((1000, 1000)), lambda m, x: m.rot90(x).copy()),
    Case("array_split 1e6 into 7", lambda m: m.arange(1_000_000.0), lambda m, x: m.array_split(x, 7)),
    Case("trim_zeros 1e6", lambda m: m.pad(m.ones(1_000_000), 1000), lambda m, x: m.trim_zeros(x)),
    Case("resize 1e6 -> 1.5e6", lambda m: m.arange(1_000_000.0), lambda m, x: m.resize(x, 1_500_000)),
    Case("copyto 1e6 with where", lambda m: (m.zeros(1_000_000), m.ones(1_000_000), m.arange(1_000_000) % 2 == 0),
         lambda m, x: m.copyto(x[0], x[1], where=x[2])),
    Case("moveaxis+copy (100,100,100)", lambda m: m.ones((100, 100, 100)), lambda m, x: m.moveaxis(x, 0, -1).copy()),
]
