"""numoxide.info / show_config / show_runtime against NumPy's output format."""

import io

import numoxide
import numpy
import pytest


def _printed(np, obj, **kwargs):
    out = io.StringIO()
    np.info(obj, output=out, **kwargs)
    return out.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        lambda np: np.arange(6.0).reshape(2, 3)[:, ::2],
        lambda np: np.ones(3, ">i4"),
        lambda np: np.zeros((2, 2), order="F"),
        lambda np: np.array(5, dtype=np.uint8),
    ],
)
def test_info_of_arrays(make):
    ours = _printed(numoxide, make(numoxide)).splitlines()
    theirs = _printed(numpy, make(numpy)).splitlines()
    assert len(ours) == len(theirs)
    for o, t in zip(ours, theirs):
        if t.startswith("data pointer"):
            assert o.startswith("data pointer: 0x")
        else:
            assert o == t


def sample_function(alpha, beta=2, *gammas, delta_with_a_long_name=None, epsilon=3.5, **others):
    """One line.

    More text.
    """


class SampleClass:
    """A sample class."""

    def __init__(self, x, y=1):
        self.x = x

    def method_one(self):
        """First method."""

    def method_two(self):
        pass


@pytest.mark.parametrize("obj", [sample_function, SampleClass, SampleClass.method_one, 3.5])
@pytest.mark.parametrize("width", [76, 30])
def test_info_of_python_objects(obj, width):
    assert _printed(numoxide, obj, maxwidth=width) == _printed(numpy, obj, maxwidth=width)


def test_info_by_name():
    text = _printed(numoxide, "ones_like")
    assert "*** Found in numoxide ***" in text and "Total of" in text
    assert (
        _printed(numoxide, "no_such_name_anywhere") == "Help for no_such_name_anywhere not found.\n"
    )
    assert _printed(numpy, "no_such_name_anywhere") == "Help for no_such_name_anywhere not found.\n"


def test_show_config_and_runtime(capsys):
    config = numoxide.show_config(mode="dicts")
    assert config["numoxide"]["version"] == numoxide.__version__
    assert numoxide.show_config() is None
    assert "numoxide:" in capsys.readouterr().out
    with pytest.raises(AttributeError):
        numoxide.show_config(mode="yaml")
    numoxide.show_runtime()
    assert "numoxide_version" in capsys.readouterr().out
