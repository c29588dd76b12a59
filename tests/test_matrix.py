"""numoxide.matrix, asmatrix and bmat against NumPy's."""

import warnings

import numoxide
import numpy
import pytest
from harness import assert_same, assert_same_error

CASES = {
    "new_list": lambda np: np.matrix([[1, 2], [3, 4]]),
    "new_str": lambda np: np.matrix("1 2; 3 4"),
    "new_str_commas": lambda np: np.matrix("[1, 2.5, 3]"),
    "new_1d": lambda np: np.matrix([1, 2, 3]),
    "new_0d": lambda np: np.matrix(5),
    "new_3d": lambda np: np.matrix(np.ones((2, 2, 2))),
    "new_dtype": lambda np: np.matrix([[1, 2]], dtype=np.float32),
    "asmatrix": lambda np: np.asmatrix(np.arange(6).reshape(2, 3)),
    "row": lambda np: np.matrix("1 2; 3 4")[0],
    "col": lambda np: np.matrix("1 2; 3 4")[:, 1],
    "elem": lambda np: np.matrix("1 2; 3 4")[1, 0],
    "mul": lambda np: np.matrix("1 2; 3 4") * np.matrix("5; 6"),
    "mul_array": lambda np: np.matrix("1 2; 3 4") * np.array([[1], [1]]),
    "mul_scalar": lambda np: np.matrix("1 2; 3 4") * 2,
    "rmul": lambda np: 2 * np.matrix("1 2; 3 4"),
    "rmul_list": lambda np: [[1, 1]] * np.matrix("1 2; 3 4"),
    "pow": lambda np: np.matrix("1 2; 3 4") ** 3,
    "pow_neg": lambda np: np.matrix("1. 2; 3 4") ** -1,
    "add": lambda np: np.matrix("1 2; 3 4") + 1,
    "sum": lambda np: np.matrix("1 2; 3 4").sum(),
    "sum0": lambda np: np.matrix("1 2; 3 4").sum(axis=0),
    "sum1": lambda np: np.matrix("1 2; 3 4").sum(axis=1),
    "np_sum1": lambda np: np.sum(np.matrix("1 2; 3 4"), axis=1),
    "mean1": lambda np: np.matrix("1 2; 3 4").mean(1),
    "max": lambda np: np.matrix("1 2; 3 4").max(),
    "max0": lambda np: np.matrix("1 2; 3 4").max(0),
    "argmax1": lambda np: np.matrix("1 2; 4 3").argmax(1),
    "argmin": lambda np: np.matrix("1 2; 4 3").argmin(),
    "std": lambda np: np.matrix("1 2; 4 3").std(0),
    "any": lambda np: np.matrix("0 2; 0 0").any(1),
    "T": lambda np: np.matrix("1 2; 3 4").T,
    "H": lambda np: np.matrix([[1 + 2j, 2]]).H,
    "I": lambda np: np.matrix("1. 2; 3 4").I,
    "I_pinv": lambda np: np.matrix("1. 2 3; 3 4 5").I,
    "A": lambda np: np.matrix("1 2; 3 4").A,
    "A1": lambda np: np.matrix("1 2; 3 4").A1,
    "ravel": lambda np: np.matrix("1 2; 3 4").ravel(),
    "flatten": lambda np: np.matrix("1 2; 3 4").flatten(),
    "tolist": lambda np: np.matrix("1 2; 3 4").tolist(),
    "str": lambda np: str(np.matrix("1 2; 3 4")),
    "reshape": lambda np: np.matrix("1 2; 3 4").reshape(1, 4),
    "bmat": lambda np: np.bmat([[np.eye(2), np.zeros((2, 1))], [np.ones((1, 2)), np.ones((1, 1))]]),
    "bmat_str": lambda np: (lambda A, B: np.bmat("A, B; B, A"))(np.eye(2), np.ones((2, 2))),
    "bad_rows": lambda np: np.matrix("1 2; 3"),
    "isinstance": lambda np: isinstance(np.matrix([1]), np.ndarray),
    "dot": lambda np: np.dot(np.matrix("1 2; 3 4"), np.matrix("1 2; 3 4")),
    "sqrt": lambda np: np.sqrt(np.matrix("1. 4")),
    "iter": lambda np: [repr(r) for r in np.matrix("1 2; 3 4")],
    "squeeze": lambda np: np.matrix([[1, 2]]).squeeze(),
    "diag": lambda np: np.diag(np.matrix("1 2; 3 4")),
    "diagonal": lambda np: np.diagonal(np.matrix("1 2; 3 4")),
    "diagonal_m": lambda np: np.matrix("1 2; 3 4").diagonal(),
    "trace": lambda np: np.trace(np.matrix("1 2; 3 4")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matrix(name):
    fn = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        try:
            theirs = fn(numpy)
        except Exception:  # noqa: BLE001
            assert_same_error(fn)
            return
        ours = fn(numoxide)
    if isinstance(theirs, numpy.ndarray):
        assert type(ours).__name__ == type(theirs).__name__
        if name in INEXACT:
            # Inverses and powers from LAPACK-style routines: equal to rounding.
            numpy.testing.assert_allclose(numpy.asarray(ours), numpy.asarray(theirs), rtol=1e-12)
            return
        assert_same(numoxide.asarray(ours), numpy.asarray(theirs))
    assert repr(ours).replace("numoxide", "numpy") == repr(theirs)


INEXACT = ("I", "I_pinv", "pow_neg")


def test_matrix_warns():
    with pytest.warns(PendingDeprecationWarning):
        numoxide.matrix([[1]])
