"""The tour's chapter on linear algebra (imported by examples/tour.py)."""

import numoxide as np


def chapter_linalg():
    """Products and numpy.linalg, computed by faer."""
    print("== Linear algebra ==")
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    v = np.array([9.0, 8.0])

    # Products: @ / matmul broadcast over stacks; dot, einsum and friends as NumPy.
    x = np.linalg.solve(A, v)
    print("solve:", x, " A @ x:", np.matmul(A, x))
    print("det:", np.linalg.det(A), " norm:", np.linalg.norm(A))
    print("einsum trace:", np.einsum("ii", A), " outer:", np.outer([1, 2], [3, 4]).tolist())

    # Decompositions return NumPy's named tuples.
    w, V = np.linalg.eigh(A)
    print("eigh ascending:", w)
    # eig is complex (NumPy 2.5) and in LAPACK's order: a triangular matrix gives its
    # diagonal as is.
    print("eig of a triangle:", np.linalg.eigvals(np.array([[2.0, 1.0, 0.0], [0.0, -1.0, 3.0], [0.0, 0.0, 5.0]])))
    U, s, Vt = np.linalg.svd(np.ones((3, 2)))
    print("svd:", U.shape, s, Vt.shape)
    print("qr R shape:", np.linalg.qr(A).R.shape)
    print("cholesky:", np.linalg.cholesky(A))

    # Stacks of matrices are solved in one call; integers promote to float64.
    stack = np.array([[[2, 0], [0, 4]], [[1, 1], [0, 1]]])
    print("batched inv dtype:", np.linalg.inv(stack).dtype, "det:", np.linalg.det(stack))

    # Errors are NumPy's.
    try:
        np.linalg.inv(np.ones((2, 2)))
    except np.linalg.LinAlgError as e:
        print("LinAlgError:", e)


if __name__ == "__main__":
    chapter_linalg()
