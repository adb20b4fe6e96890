//! The lattice of a band: the cost of every bead that ends at every cell, its best path (Viterbi)
//! and its posterior over all paths (forward–backward). Costs are computed once and shared by
//! both, so a bead's posterior probability, its confidence, costs two sums over stored numbers.

use super::cost::{CellMasks, Scorer};
use super::model::{softplus_neg, SHAPES};

/// The band: for each source boundary i (0..=n) the allowed target boundaries lo[i]..=hi[i].
pub struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
    offset: Vec<usize>,
}

impl Band {
    pub fn new(center: &[f64], width: usize, m: usize) -> Band {
        let n = center.len() - 1;
        let mut lo: Vec<usize> = center
            .iter()
            .map(|&c| (c.floor() as usize).saturating_sub(width))
            .collect();
        let mut hi: Vec<usize> = center
            .iter()
            .map(|&c| ((c.ceil() as usize) + width).min(m))
            .collect();
        lo[0] = 0;
        hi[n] = m;
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]);
        }
        for i in (0..n).rev() {
            hi[i] = hi[i].min(hi[i + 1]);
        }
        for i in 0..=n {
            lo[i] = lo[i].min(hi[i]);
            if i > 0 {
                lo[i] = lo[i].min(hi[i - 1]);
            }
        }
        let mut offset = Vec::with_capacity(n + 2);
        let mut acc = 0;
        for i in 0..=n {
            offset.push(acc);
            acc += hi[i] - lo[i] + 1;
        }
        offset.push(acc);
        Band { lo, hi, offset }
    }

    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.offset[i] + j - self.lo[i])
    }

    pub fn cells(&self) -> usize {
        *self.offset.last().unwrap_or(&0)
    }
}

/// Cache of cell masks for sentence pairs near the band.
pub struct MaskCache {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    masks: Vec<CellMasks>,
}

impl MaskCache {
    pub fn new(sc: &Scorer, band: &Band, i0: usize, j0: usize, n: usize, m: usize) -> MaskCache {
        let mut lo = Vec::with_capacity(n);
        let mut hi = Vec::with_capacity(n);
        let mut offset = Vec::with_capacity(n + 1);
        let mut masks = Vec::new();
        for s in 0..n {
            let l = band.lo[s + 1].saturating_sub(3);
            let h = band.hi[(s + 3).min(n)].min(m.saturating_sub(1));
            offset.push(masks.len());
            lo.push(l);
            hi.push(h);
            for t in l..=h.max(l) {
                if t < m {
                    masks.push(sc.cell(i0 + s, j0 + t));
                }
            }
        }
        offset.push(masks.len());
        MaskCache {
            lo,
            hi,
            offset,
            masks,
        }
    }

    pub fn get(&self, sc: &Scorer, i0: usize, j0: usize, s: usize, t: usize) -> CellMasks {
        if t >= self.lo[s] && t <= self.hi[s] {
            let k = self.offset[s] + t - self.lo[s];
            if k < self.offset[s + 1] {
                return self.masks[k];
            }
        }
        sc.cell(i0 + s, j0 + t)
    }

    /// A closure over the cache for absolute sentence indices; cells outside the span are
    /// computed.
    pub fn lookup<'c>(
        &'c self,
        sc: &'c Scorer,
        i0: usize,
        j0: usize,
        n: usize,
        m: usize,
    ) -> impl FnMut(usize, usize) -> CellMasks + 'c {
        move |s: usize, t: usize| {
            if s >= i0 && t >= j0 && s - i0 < n && t - j0 < m {
                self.get(sc, i0, j0, s - i0, t - j0)
            } else {
                sc.cell(s, t)
            }
        }
    }
}

/// The costs of every bead of a band.
pub struct Lattice<'b> {
    pub band: &'b Band,
    n: usize,
    m: usize,
    /// cost[cell * SHAPES + shape]: the bead of that shape that ends at the cell; infinite where
    /// it would start outside the band.
    cost: Vec<f32>,
}

const K: usize = SHAPES.len();

impl<'b> Lattice<'b> {
    /// Costs every bead of the band over src[i0..i0+n] × tgt[j0..j0+m].
    pub fn new(
        sc: &Scorer,
        band: &'b Band,
        cache: &MaskCache,
        i0: usize,
        j0: usize,
        n: usize,
        m: usize,
    ) -> Lattice<'b> {
        let mut mask = cache.lookup(sc, i0, j0, n, m);
        let mut cost = vec![f32::INFINITY; band.cells() * K];
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                let here = band.index(i, j).expect("in band");
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    if di > i || dj > j || band.index(i - di, j - dj).is_none() {
                        continue;
                    }
                    cost[here * K + k] = sc.cost(i0 + i - di, di, j0 + j - dj, dj, &mut mask);
                }
            }
        }
        Lattice { band, n, m, cost }
    }

    /// The best path, as (end i, end j, shape) of each bead from the last to the first.
    pub fn best_path(&self) -> Vec<(usize, usize, usize)> {
        let band = self.band;
        let mut best = vec![f32::INFINITY; band.cells()];
        let mut back = vec![u8::MAX; band.cells()];
        best[0] = 0.0;
        for i in 0..=self.n {
            for j in band.lo[i]..=band.hi[i] {
                let here = band.index(i, j).expect("in band");
                if here == 0 {
                    continue;
                }
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    let c = self.cost[here * K + k];
                    if !c.is_finite() {
                        continue;
                    }
                    let prev = band
                        .index(i - di, j - dj)
                        .expect("costed beads start in band");
                    let total = best[prev] + c;
                    if total < best[here] {
                        best[here] = total;
                        back[here] = k as u8;
                    }
                }
            }
        }
        let mut path = Vec::new();
        let (mut i, mut j) = (self.n, self.m);
        while i > 0 || j > 0 {
            let here = band.index(i, j).expect("path stays in band");
            let k = back[here] as usize;
            let (di, dj) = SHAPES[k];
            path.push((i, j, k));
            i -= di;
            j -= dj;
        }
        path
    }

    /// Forward and backward log-sums over all paths of the band.
    pub fn posterior(&self) -> Posterior<'_> {
        let band = self.band;
        let cells = band.cells();
        let mut alpha = vec![f64::NEG_INFINITY; cells];
        alpha[0] = 0.0;
        for i in 0..=self.n {
            for j in band.lo[i]..=band.hi[i] {
                let here = band.index(i, j).expect("in band");
                if here == 0 {
                    continue;
                }
                let mut acc = f64::NEG_INFINITY;
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    let c = self.cost[here * K + k];
                    if !c.is_finite() {
                        continue;
                    }
                    let prev = band
                        .index(i - di, j - dj)
                        .expect("costed beads start in band");
                    acc = log_add(acc, alpha[prev] - c as f64);
                }
                alpha[here] = acc;
            }
        }
        let end = band.index(self.n, self.m).expect("band ends at the corner");
        let mut beta = vec![f64::NEG_INFINITY; cells];
        beta[end] = 0.0;
        for i in (0..=self.n).rev() {
            for j in (band.lo[i]..=band.hi[i]).rev() {
                let here = band.index(i, j).expect("in band");
                if here == end {
                    continue;
                }
                let mut acc = f64::NEG_INFINITY;
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    if i + di > self.n || j + dj > self.m {
                        continue;
                    }
                    let Some(next) = band.index(i + di, j + dj) else {
                        continue;
                    };
                    let c = self.cost[next * K + k];
                    if c.is_finite() {
                        acc = log_add(acc, beta[next] - c as f64);
                    }
                }
                beta[here] = acc;
            }
        }
        Posterior {
            lattice: self,
            z: alpha[end],
            alpha,
            beta,
        }
    }
}

/// Forward and backward sums of a lattice.
pub struct Posterior<'l> {
    lattice: &'l Lattice<'l>,
    alpha: Vec<f64>,
    beta: Vec<f64>,
    /// ln of the summed probability of all paths.
    z: f64,
}

impl Posterior<'_> {
    /// Posterior probability of the bead of `shape` ending at (i, j).
    pub fn bead(&self, i: usize, j: usize, shape: usize) -> f64 {
        let l = self.lattice;
        let (di, dj) = SHAPES[shape];
        if di > i || dj > j || i > l.n {
            return 0.0;
        }
        let (Some(here), Some(prev)) = (l.band.index(i, j), l.band.index(i - di, j - dj)) else {
            return 0.0;
        };
        let c = l.cost[here * K + shape];
        if !c.is_finite() || !self.z.is_finite() {
            return 0.0;
        }
        (self.alpha[prev] - c as f64 + self.beta[here] - self.z)
            .exp()
            .clamp(0.0, 1.0)
    }
}

/// ln(e^a + e^b), with −∞ as the empty sum.
#[inline]
fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + softplus_neg(hi - lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_add_adds_probabilities() {
        let s = log_add(0.3f64.ln(), 0.2f64.ln());
        assert!((s - 0.5f64.ln()).abs() < 1e-4);
        assert_eq!(log_add(f64::NEG_INFINITY, -1.0), -1.0);
    }
}
