//! numpy.linalg and the matrix products.
