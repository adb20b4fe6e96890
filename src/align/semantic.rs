//! Sentence-embedding similarity of beads. A bead of several sentences is compared as the sum of
//! their unit vectors (the encoder averages token features, so the sum of two sentences' vectors
//! points where the embedding of their concatenation would); its cosine comes from the cells'
//! dot products (cached with the match masks) and the dot products of neighbouring sentences on
//! each side, so no vector is summed in the search.

use std::ops::Range;

/// Unit sentence vectors of both sides of a pair, for all sentences or some: on long documents
/// only the sentences where the similarity can change a decision are encoded, and a bead with a
/// sentence without a vector has no semantic evidence (neither for nor against).
#[derive(Debug, Clone)]
pub struct Semantic {
    dim: usize,
    src: Side,
    tgt: Side,
}

/// One side's vectors: the slot of each sentence's vector (`NONE` when it has none).
#[derive(Debug, Clone)]
struct Side {
    slot: Vec<u32>,
    /// Each sentence's weight in the vector of a bead (1 unless set by `with_weights`).
    weight: Vec<f32>,
    vectors: Vec<f32>,
    /// u_i·u_{i+1} and u_i·u_{i+2} (NaN where a vector is missing).
    next: Vec<[f32; 2]>,
}

const NONE: u32 = u32::MAX;

impl Side {
    fn new(n: usize, dim: usize, given: Vec<(usize, Vec<f32>)>) -> Option<Side> {
        let mut slot = vec![NONE; n];
        let mut vectors = Vec::with_capacity(given.len() * dim);
        for (i, v) in given {
            if i >= n || v.len() != dim || slot[i] != NONE {
                return None;
            }
            slot[i] = (vectors.len() / dim) as u32;
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            let scale = if norm > 0.0 { 1.0 / norm } else { 0.0 };
            vectors.extend(v.iter().map(|x| x * scale));
        }
        let mut side = Side {
            weight: vec![1.0; slot.len()],
            slot,
            vectors,
            next: Vec::new(),
        };
        side.next = (0..n)
            .map(|i| {
                [
                    side.dot_within(dim, i, i + 1),
                    side.dot_within(dim, i, i + 2),
                ]
            })
            .collect();
        Some(side)
    }

    fn vector(&self, dim: usize, i: usize) -> Option<&[f32]> {
        let s = *self.slot.get(i)?;
        (s != NONE).then(|| &self.vectors[s as usize * dim..(s as usize + 1) * dim])
    }

    fn dot_within(&self, dim: usize, a: usize, b: usize) -> f32 {
        match (self.vector(dim, a), self.vector(dim, b)) {
            (Some(x), Some(y)) => dot(x, y),
            _ => f32::NAN,
        }
    }
}

impl Semantic {
    /// From one vector per sentence on each side (any dimension, the same on both sides); the
    /// vectors are scaled to unit length here.
    pub fn new(src: &[Vec<f32>], tgt: &[Vec<f32>]) -> Option<Semantic> {
        Self::sparse(
            src.len(),
            tgt.len(),
            src.iter().cloned().enumerate().collect(),
            tgt.iter().cloned().enumerate().collect(),
        )
    }

    /// From vectors of some sentences: (sentence index, vector) on each side of a pair of `n`
    /// source and `m` target sentences.
    pub fn sparse(
        n: usize,
        m: usize,
        src: Vec<(usize, Vec<f32>)>,
        tgt: Vec<(usize, Vec<f32>)>,
    ) -> Option<Semantic> {
        let dim = src.first().or(tgt.first())?.1.len();
        if dim == 0 {
            return None;
        }
        Some(Semantic {
            dim,
            src: Side::new(n, dim, src)?,
            tgt: Side::new(m, dim, tgt)?,
        })
    }

    /// Weights of each sentence in the vector of a bead: the encoder averages token features
    /// scaled by the square root of the token count, so a sentence's share of the embedding of
    /// a concatenation grows with the square root of its length, and a short fragment merged into
    /// a bead moves its vector little. `src` and `tgt` give each sentence's length.
    pub fn with_lengths(mut self, src: &[f64], tgt: &[f64]) -> Semantic {
        for (side, lens) in [(&mut self.src, src), (&mut self.tgt, tgt)] {
            for (w, &l) in side.weight.iter_mut().zip(lens) {
                *w = (l.max(1.0) as f32).sqrt();
            }
        }
        self
    }

    pub fn src_weight(&self, i: usize) -> f32 {
        self.src.weight.get(i).copied().unwrap_or(1.0)
    }

    pub fn tgt_weight(&self, j: usize) -> f32 {
        self.tgt.weight.get(j).copied().unwrap_or(1.0)
    }

    /// Cosine of source sentence i and target sentence j; NaN when either has no vector.
    #[inline]
    pub fn dot(&self, i: usize, j: usize) -> f32 {
        match (self.src.vector(self.dim, i), self.tgt.vector(self.dim, j)) {
            (Some(x), Some(y)) => dot(x, y),
            _ => f32::NAN,
        }
    }

    /// Cosine of the bead src[r] ~ tgt[q] given the weighted sum of its cells' dot products
    /// (Σ w_i w_j u_i·v_j); NaN when a sentence of the bead has no vector.
    pub fn bead_cosine(&self, cross: f32, src: Range<usize>, tgt: Range<usize>) -> f32 {
        let ns = norm_sq(&self.src, src);
        let nt = norm_sq(&self.tgt, tgt);
        if ns.is_nan() || nt.is_nan() || cross.is_nan() {
            return f32::NAN;
        }
        if ns <= 0.0 || nt <= 0.0 {
            return 0.0;
        }
        cross / (ns * nt).sqrt()
    }
}

/// |Σ w_i u_i|² over a run of at most three unit vectors.
fn norm_sq(side: &Side, r: Range<usize>) -> f32 {
    let mut sum = 0.0;
    for i in r.clone() {
        let wi = side.weight[i];
        sum += wi * wi;
        for (k, d) in side.next[i].iter().enumerate() {
            let j = i + k + 1;
            if j < r.end {
                sum += 2.0 * wi * side.weight[j] * d;
            }
        }
    }
    sum
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

    #[test]
    fn a_sentence_without_a_vector_gives_no_evidence() {
        let s = Semantic::sparse(
            3,
            2,
            vec![(0, vec![1.0, 0.0]), (2, vec![0.0, 1.0])],
            vec![(0, vec![1.0, 0.0]), (1, vec![0.0, 1.0])],
        )
        .unwrap();
        assert!((s.dot(0, 0) - 1.0).abs() < 1e-6);
        assert!(s.dot(1, 0).is_nan());
        assert!(s
            .bead_cosine(s.dot(0, 0) + s.dot(1, 0), 0..2, 0..1)
            .is_nan());
    }
}
