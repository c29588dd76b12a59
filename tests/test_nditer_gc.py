"""nditer's element views and the cycle collector: views that cannot be in a cycle are
left untracked (as NumPy's arrays always are), while a cycle through a subclass view or
through the viewed array's base is still collected."""

import gc
import weakref

import numoxide
import numpy


class Sub(numoxide.ndarray):
    pass


def test_values_match_numpy():
    for mod in (numpy, numoxide):
        a = mod.arange(12.0).reshape(3, 4)[:, ::2]
        vals = [float(v) for v in mod.nditer(a)]
        chunks = [c.tolist() for c in mod.nditer(a, flags=["external_loop"])]
        if mod is numpy:
            want = (vals, chunks)
        else:
            assert (vals, chunks) == want


def test_cycle_through_subclass_view_is_collected():
    s = numoxide.arange(6.0).view(Sub)
    views = list(numoxide.nditer(s))
    holder = views[0]
    holder.cycle = holder  # a view that refers to itself through its __dict__
    ref = weakref.ref(holder)
    del holder, views
    gc.collect()
    assert ref() is None


def test_cycle_through_base_object_is_collected():
    class Owner:
        pass

    owner = Owner()
    base = numoxide.arange(6.0)
    view = base[1:]  # an array that does not own its data: its views keep a base chain
    owner.views = list(numoxide.nditer(view))
    owner.views.append(owner)
    ref = weakref.ref(owner)
    del owner
    gc.collect()
    assert ref() is None


def test_plain_views_survive_and_keep_data():
    a = numoxide.arange(5.0)
    vals = list(numoxide.nditer(a))
    del a
    gc.collect()
    assert [float(v) for v in vals] == [0.0, 1.0, 2.0, 3.0, 4.0]
