"""Tour chapter: random sampling and reproducibility (numoxide.random)."""

import numoxide as np


def chapter_random():
    print("== Random sampling and reproducibility ==")
    rng = np.random.default_rng(42)
    print("normal:", rng.normal(size=3))
    print("integers:", rng.integers(0, 10, 5))
    print("choice without replacement:", rng.choice(5, 3, replace=False))
    print("gamma:", rng.gamma(2.0, 1.5, size=2))
    # The same seed gives the same stream as NumPy, bit for bit, on every platform.
    again = np.random.default_rng(42)
    print("same seed, same first draw:", again.normal() == np.random.default_rng(42).normal())
    # Independent child streams for parallel work.
    children = rng.spawn(2)
    print("children:", [c.integers(100) for c in children])
    # Or one long stream cut into far-apart pieces: each jump skips 2**128 draws.
    mt = np.random.MT19937(7)
    pieces = [np.random.Generator(mt), np.random.Generator(mt.jumped())]
    print("jumped MT19937 streams:", [g.integers(1000) for g in pieces])

    # Multivariate sampling: correlated normals and draws without replacement by colour.
    mean, cov = [0.0, 10.0], [[1.0, 0.0], [0.0, 4.0]]
    print("multivariate_normal:\n", rng.multivariate_normal(mean, cov, size=3))
    # method='cholesky' is the fastest factorization for a positive-definite covariance.
    print("cholesky method:", rng.multivariate_normal(mean, cov, method="cholesky").round(3))
    print("multivariate_hypergeometric:", rng.multivariate_hypergeometric([10, 5, 3], 6, size=2).tolist())
    print("multinomial:", rng.multinomial(20, [0.2, 0.3, 0.5]))
    print("dirichlet:", rng.dirichlet([1.0, 2.0, 3.0]).round(3))

    # The legacy API is stream-identical too: np.random.seed + module functions, or a
    # RandomState object with NumPy 1.16's algorithms (polar Gaussians, legacy gamma...).
    np.random.seed(0)
    print("legacy rand:", np.random.rand(3))
    print("legacy poisson/binomial:", np.random.poisson(4.0, 3), np.random.binomial(10, 0.5, 3))
    rs = np.random.RandomState(1234)
    print("RandomState normal/gamma:", rs.normal(size=2), rs.gamma(2.0, size=2))
    state = rs.get_state()          # ('MT19937', key, pos, has_gauss, cached_gaussian)
    first = rs.standard_normal(2)
    rs.set_state(state)             # rewind
    print("rewound stream repeats:", bool((rs.standard_normal(2) == first).all()))
    deck = np.arange(10)
    rs.shuffle(deck)
    print("shuffled deck:", deck)


if __name__ == "__main__":
    chapter_random()
