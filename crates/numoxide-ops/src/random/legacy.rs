//! RandomState's legacy samplers (MT19937 streams as NumPy's mtrand produces them).

use super::BitGen;

/// The legacy Gaussian cache (`has_gauss`, `gauss`) kept beside the bit generator.
#[derive(Clone, Copy, Debug, Default)]
pub struct GaussCache {
    /// Whether `gauss` holds the second value of the last polar pair.
    pub has_gauss: bool,
    /// The cached value.
    pub gauss: f64,
}

/// Standard normal by the Marsaglia polar method with one cached value.
pub fn gauss(g: &mut BitGen, c: &mut GaussCache) -> f64 {
    if c.has_gauss {
        c.has_gauss = false;
        let t = c.gauss;
        c.gauss = 0.0;
        return t;
    }
    loop {
        let x1 = 2.0 * g.next_double() - 1.0;
        let x2 = 2.0 * g.next_double() - 1.0;
        let r2 = x1 * x1 + x2 * x2;
        if r2 < 1.0 && r2 != 0.0 {
            let f = (-2.0 * r2.ln() / r2).sqrt();
            c.gauss = f * x1;
            c.has_gauss = true;
            return f * x2;
        }
    }
}
