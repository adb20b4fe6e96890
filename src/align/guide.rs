//! The guide path of long spans: where the exact dynamic programme should look.
//!
//! On long documents the anchor path (see `band.rs`) can be empty — nothing occurs exactly once —
//! and the plain diagonal drifts away from the true path by more than any affordable band. The
//! guide is found coarse-to-fine, as vecalign does with sentence embeddings: every sentence gets a
//! small hashed vector of its anchor keys (keys are bilingual, so an English sentence and its
//! Arabic rendering get similar vectors); blocks of consecutive sentences are summed; dynamic time
//! warping aligns the blocks over the whole matrix at the coarsest level, and each finer level only
//! looks near the coarser path. Time and memory are linear in the span's length.

use crate::anchors::SentenceAnchors;
use std::ops::Range;

/// Dimensions of a sentence vector.
const DIM: usize = 64;
/// Dimensions each key touches (a count sketch: sparse, so building vectors is cheap).
const TOUCHES: usize = 4;
/// Sentences per block from one level to the next coarser.
const COARSEN: usize = 8;
/// A level whose full matrix is at most this many cells is solved whole.
const FULL_CELLS: usize = 400_000;
/// Cells of the coarser path's blocks widened by this many finer cells on each side.
const MARGIN: usize = COARSEN;

type Vector = [f32; DIM];

/// For each source boundary 0..=n of the span, the expected target boundary (relative to the
/// span start) according to the guide path.
pub fn center(src: &[SentenceAnchors], tgt: &[SentenceAnchors]) -> Vec<f64> {
    let (n, m) = (src.len(), tgt.len());
    let sv = centred(src.iter().map(sentence_vector).collect());
    let tv = centred(tgt.iter().map(sentence_vector).collect());
    let path = warp(&sv, &tv);
    // The boundary before source sentence i sits before the first target sentence it meets.
    let mut out = vec![f64::NAN; n + 1];
    for &(i, j) in &path {
        if out[i].is_nan() {
            out[i] = j as f64;
        }
    }
    out[n] = m as f64;
    out
}

/// A sentence's vector: each key of each item adds ± its item's weight to a few dimensions chosen
/// by a hash of the key; the vector is then scaled to unit length (zero if it has no keys).
fn sentence_vector(s: &SentenceAnchors) -> Vector {
    let mut v = [0.0f32; DIM];
    for item in &s.items {
        if item.keys.is_empty() {
            continue;
        }
        // An item with several alternative keys spreads its weight over them.
        let w = item.weight / (item.keys.len() as f32).sqrt();
        for &key in &item.keys {
            let mut h = mix(key as u64);
            for _ in 0..TOUCHES {
                let d = (h as usize) % DIM;
                let sign = if h & (1 << 32) != 0 { 1.0 } else { -1.0 };
                v[d] += sign * w;
                h = mix(h);
            }
        }
    }
    normalise(&mut v);
    v
}

/// The vectors less their mean, renormalised. What every sentence of a document shares (its
/// topic, its boilerplate vocabulary) says nothing about which sentence is which; without it,
/// sums over blocks of sentences stay distinct from each other.
fn centred(mut v: Vec<Vector>) -> Vec<Vector> {
    let mut mean = [0.0f32; DIM];
    for x in &v {
        mean.iter_mut().zip(x).for_each(|(m, a)| *m += a);
    }
    let n = v.len().max(1) as f32;
    mean.iter_mut().for_each(|m| *m /= n);
    for x in &mut v {
        x.iter_mut().zip(&mean).for_each(|(a, m)| *a -= m);
        normalise(x);
    }
    v
}

/// splitmix64's finaliser: a fixed, well-spread hash of a key.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

fn dot(a: &Vector, b: &Vector) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Sums of `COARSEN` consecutive vectors, normalised.
fn coarsen(v: &[Vector]) -> Vec<Vector> {
    v.chunks(COARSEN)
        .map(|c| {
            let mut s = [0.0f32; DIM];
            for x in c {
                s.iter_mut().zip(x).for_each(|(a, b)| *a += b);
            }
            normalise(&mut s);
            s
        })
        .collect()
}

/// The warping path of `src` against `tgt`: cells (i, j), monotone, from (0, 0) to (n−1, m−1).
fn warp(src: &[Vector], tgt: &[Vector]) -> Vec<(usize, usize)> {
    let (n, m) = (src.len(), tgt.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let whole = n.saturating_mul(m) <= FULL_CELLS || n.min(m) < 4 * COARSEN;
    let rows: Vec<Range<usize>> = if whole {
        vec![0..m; n]
    } else {
        let coarse = warp(&coarsen(src), &coarsen(tgt));
        project(&coarse, n, m)
    };
    dtw(src, tgt, &rows)
}

/// The finer band around a coarse path: each coarse cell (I, J) opens target sentences
/// J·COARSEN − MARGIN .. (J+1)·COARSEN + MARGIN on source rows I·COARSEN .. (I+1)·COARSEN; the
/// rows are then made monotone and connected so that a path through them always exists.
fn project(coarse: &[(usize, usize)], n: usize, m: usize) -> Vec<Range<usize>> {
    let mut lo = vec![usize::MAX; n];
    let mut hi = vec![0usize; n];
    for &(ci, cj) in coarse {
        let j_lo = (cj * COARSEN).saturating_sub(MARGIN);
        let j_hi = ((cj + 1) * COARSEN + MARGIN).min(m);
        for i in ci * COARSEN..((ci + 1) * COARSEN).min(n) {
            lo[i] = lo[i].min(j_lo);
            hi[i] = hi[i].max(j_hi);
        }
    }
    lo[0] = 0;
    hi[n - 1] = m;
    // Suffix minimum of lo and prefix maximum of hi keep every row a superset of what it was.
    for i in (0..n - 1).rev() {
        lo[i] = lo[i].min(lo[i + 1]);
    }
    for i in 1..n {
        hi[i] = hi[i].max(hi[i - 1]);
    }
    for i in 1..n {
        // Connected: row i starts no later than one past the end of row i−1.
        lo[i] = lo[i].min(hi[i - 1]);
    }
    lo.iter().zip(&hi).map(|(&l, &h)| l..h.max(l + 1)).collect()
}

/// Dynamic time warping inside `rows` (the target range of each source row): the cheapest
/// monotone path of cells, each costing 1 − cosine, moving right, down or diagonally.
fn dtw(src: &[Vector], tgt: &[Vector], rows: &[Range<usize>]) -> Vec<(usize, usize)> {
    let n = src.len();
    let mut offset = Vec::with_capacity(n + 1);
    let mut cells = 0;
    for r in rows {
        offset.push(cells);
        cells += r.len();
    }
    offset.push(cells);
    let at = |i: usize, j: usize| -> Option<usize> {
        let r = &rows[i];
        (j >= r.start && j < r.end).then(|| offset[i] + j - r.start)
    };
    let mut cost = vec![f32::INFINITY; cells];
    // 0: diagonal, 1: from the row above (same j), 2: from the left (same i).
    let mut back = vec![0u8; cells];
    for i in 0..n {
        for j in rows[i].clone() {
            let here = offset[i] + j - rows[i].start;
            let d = 1.0 - dot(&src[i], &tgt[j]);
            if i == 0 && j == 0 {
                cost[here] = d;
                continue;
            }
            let mut best = f32::INFINITY;
            let mut arg = 0u8;
            let candidates = [
                (i > 0 && j > 0).then(|| at(i - 1, j - 1)).flatten(),
                (i > 0).then(|| at(i - 1, j)).flatten(),
                (j > 0).then(|| at(i, j - 1)).flatten(),
            ];
            for (k, c) in candidates.iter().enumerate() {
                if let Some(p) = c {
                    if cost[*p] < best {
                        best = cost[*p];
                        arg = k as u8;
                    }
                }
            }
            cost[here] = best + d;
            back[here] = arg;
        }
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n - 1, tgt.len() - 1);
    loop {
        path.push((i, j));
        if i == 0 && j == 0 {
            break;
        }
        let Some(here) = at(i, j) else { break };
        match back[here] {
            0 => {
                i -= 1;
                j -= 1;
            }
            1 => i -= 1,
            _ => j -= 1,
        }
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(k: usize) -> Vector {
        let mut v = [0.0; DIM];
        v[k % DIM] = 1.0;
        v
    }

    #[test]
    fn warps_through_an_insertion() {
        // Target has an extra sentence (orthogonal to all) after the second.
        let src: Vec<Vector> = (0..6).map(unit).collect();
        let mut tgt: Vec<Vector> = (0..6).map(unit).collect();
        tgt.insert(2, unit(40));
        let path = warp(&src, &tgt);
        assert!(path.contains(&(0, 0)) && path.contains(&(1, 1)));
        assert!(path.contains(&(2, 3)) && path.contains(&(5, 6)));
    }

    #[test]
    fn coarse_to_fine_finds_a_shifted_path() {
        // 2,000 × 2,100 with the target shifted by 100 near the start: the diagonal is far off.
        let random = |k: u64| {
            let mut h = mix(k);
            let mut v = [0.0; DIM];
            for x in v.iter_mut() {
                *x = if h & 1 == 1 { 1.0 } else { -1.0 };
                h = mix(h);
            }
            normalise(&mut v);
            v
        };
        let src: Vec<Vector> = (0..2000).map(random).collect();
        let mut tgt: Vec<Vector> = (0..100).map(|_| [0.0; DIM]).collect();
        tgt.extend(src.iter().copied());
        let path = warp(&src, &tgt);
        let off = path.iter().filter(|&&(i, j)| j != i + 100).count();
        assert!(off < 150, "{off} cells off the true path");
    }

    #[test]
    fn projection_is_monotone_and_connected() {
        let rows = project(&[(0, 0), (1, 0), (1, 1), (2, 2)], 20, 30);
        assert_eq!(rows[0].start, 0);
        assert_eq!(rows[19].end, 30);
        for w in rows.windows(2) {
            assert!(w[0].start <= w[1].start && w[0].end <= w[1].end);
            assert!(w[1].start <= w[0].end);
        }
    }
}
