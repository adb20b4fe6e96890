//! Sentence-embedding similarity of beads. A bead of several sentences is compared as the sum of
//! their unit vectors (the encoder averages token features, so the sum of two sentences' vectors
//! points where the embedding of their concatenation would); its cosine comes from the cells'
//! dot products (cached with the match masks) and the dot products of neighbouring sentences on
//! each side, so no vector is summed in the search.

use std::ops::Range;

/// Unit sentence vectors of both sides of a pair.
#[derive(Debug, Clone)]
pub struct Semantic {
    dim: usize,
    src: Vec<f32>,
    tgt: Vec<f32>,
    /// u_i·u_{i+1} and u_i·u_{i+2} on each side.
    src_next: Vec<[f32; 2]>,
    tgt_next: Vec<[f32; 2]>,
}

impl Semantic {
    /// From one vector per sentence on each side (any dimension, the same on both sides); the
    /// vectors are scaled to unit length here.
    pub fn new(src: &[Vec<f32>], tgt: &[Vec<f32>]) -> Option<Semantic> {
        let dim = src.first().or(tgt.first())?.len();
        if dim == 0 || src.iter().chain(tgt).any(|v| v.len() != dim) {
            return None;
        }
        let flat = |vs: &[Vec<f32>]| -> Vec<f32> {
            let mut out = Vec::with_capacity(vs.len() * dim);
            for v in vs {
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                let scale = if norm > 0.0 { 1.0 / norm } else { 0.0 };
                out.extend(v.iter().map(|x| x * scale));
            }
            out
        };
        let (src, tgt) = (flat(src), flat(tgt));
        let next = |m: &[f32]| -> Vec<[f32; 2]> {
            let n = m.len() / dim;
            (0..n)
                .map(|i| {
                    let d = |k: usize| {
                        if i + k < n {
                            dot(
                                &m[i * dim..(i + 1) * dim],
                                &m[(i + k) * dim..(i + k + 1) * dim],
                            )
                        } else {
                            0.0
                        }
                    };
                    [d(1), d(2)]
                })
                .collect()
        };
        Some(Semantic {
            dim,
            src_next: next(&src),
            tgt_next: next(&tgt),
            src,
            tgt,
        })
    }

    /// Cosine of source sentence i and target sentence j.
    #[inline]
    pub fn dot(&self, i: usize, j: usize) -> f32 {
        let d = self.dim;
        dot(&self.src[i * d..(i + 1) * d], &self.tgt[j * d..(j + 1) * d])
    }

    /// Cosine of the bead src[r] ~ tgt[q] given the sum of its cells' dot products.
    pub fn bead_cosine(&self, cross: f32, src: Range<usize>, tgt: Range<usize>) -> f32 {
        let ns = norm_sq(&self.src_next, src);
        let nt = norm_sq(&self.tgt_next, tgt);
        if ns <= 0.0 || nt <= 0.0 {
            return 0.0;
        }
        cross / (ns * nt).sqrt()
    }
}

/// |Σ u_i|² over a run of at most three unit vectors.
fn norm_sq(next: &[[f32; 2]], r: Range<usize>) -> f32 {
    let n = r.len() as f32;
    let mut cross = 0.0;
    for i in r.clone() {
        for (k, d) in next[i].iter().enumerate() {
            if i + k + 1 < r.end {
                cross += d;
            }
        }
    }
    n + 2.0 * cross
}

/// Dot product in four independent lanes, which the compiler vectorises.
#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bead_cosine_equals_the_cosine_of_summed_vectors() {
        let src = vec![
            vec![1.0, 0.0, 0.0],
            vec![0.0, 1.0, 0.0],
            vec![0.6, 0.8, 0.0],
        ];
        let tgt = vec![vec![1.0, 1.0, 0.0], vec![0.0, 0.0, 2.0]];
        let s = Semantic::new(&src, &tgt).unwrap();
        // Source 0..2 summed is (1, 1, 0): the same direction as target 0.
        let cross = s.dot(0, 0) + s.dot(1, 0);
        assert!((s.bead_cosine(cross, 0..2, 0..1) - 1.0).abs() < 1e-6);
        // Source 2 against targets 0..2 summed: (0.707, 0.707, 1) / |.|.
        let cross = s.dot(2, 0) + s.dot(2, 1);
        let v = [0.5f32.sqrt(), 0.5f32.sqrt(), 1.0];
        let want = (0.6 * v[0] + 0.8 * v[1]) / (v.iter().map(|x| x * x).sum::<f32>()).sqrt();
        assert!((s.bead_cosine(cross, 2..3, 0..2) - want).abs() < 1e-6);
    }

    #[test]
    fn mismatched_dimensions_are_refused() {
        assert!(Semantic::new(&[vec![1.0, 0.0]], &[vec![1.0]]).is_none());
    }
}
