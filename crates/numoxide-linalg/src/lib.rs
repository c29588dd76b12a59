//! numpy.linalg and the matrix products, on faer.
//!
//! Every routine takes type-erased [`NdArray`]s, resolves NumPy's result dtype, and runs
//! a generic kernel for one of the four LAPACK types (float32/64, complex64/128) over the
//! stacked ("batched") leading dimensions. Integer inputs are promoted to float64 as
//! NumPy does; products of integers stay exact with wraparound.

#![warn(missing_docs)]

mod bidiag_blocked;
mod bidiag_dc;
mod decomp;
mod dqds;
mod einsum;
mod evd2;
mod gufunc;
mod nonfinite;
mod norms;
mod packed_gemm;
mod products;
mod scalar;
mod small_gemm;
mod stack;
mod syevd_nf;
mod tridiag_dc;

pub use decomp::{
    cholesky, det, eig, eigh, eigvals, eigvals_f64, inv, lstsq, lstsq_c128, lstsq_f64, matrix_rank,
    pinv, qr, slogdet, solve, svd, EigOutput, LstsqOutput, QrMode, QrOutput, SvdOutput,
};
pub use einsum::{einsum, einsum_path, einsum_path_report, PathKind};
pub use gufunc::{check_loop_broadcast, product_gufunc, AxesItem, CoreKeywords, Gufunc, IntArg};
pub use norms::{cond, matrix_norm, norm, vector_norm, NormOrd};
pub use products::{
    cross, dot, inner, kron, matmul_arrays, matrix_power, matvec, outer, tensordot, trace, vdot,
    vecdot, vecmat,
};
pub use scalar::{linalg_kind, LinalgReal, LinalgScalar};

/// The unit tests' pseudo-random numbers: a 64-bit LCG step, returned as a uniform value
/// in [-0.5, 0.5).
#[cfg(test)]
pub(crate) fn test_lcg(seed: &mut u64) -> f64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    ((*seed >> 11) as f64 / (1u64 << 53) as f64) - 0.5
}
