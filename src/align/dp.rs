//! Banded dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2. Memory and time
//! grow with (sentences × band width); indices are usize (64-bit), so there is no size limit
//! but memory.

use super::cost::{bead_cost, cell_masks, confidence, CellMasks, Params};
use super::{band, Bead};
use crate::anchors::PairAnchors;
use std::ops::Range;

/// Bead shapes. 3-1 and 1-3 are left out: no gold pair shows them, and they cost a quarter of
/// the time.
const MOVES: [(usize, usize); 6] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)];

/// Re-centred passes before the band is widened.
const RECENTRE_ROUNDS: usize = 2;

/// The band: for each source boundary i (0..=n) the allowed target boundaries lo[i]..=hi[i].
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
}

impl Band {
    fn new(center: &[f64], width: usize, m: usize) -> Band {
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

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.offset[i] + j - self.lo[i])
    }

    fn cells(&self) -> usize {
        *self.offset.last().unwrap_or(&0)
    }
}

/// Cache of cell masks for sentence pairs near the band.
struct MaskCache {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    masks: Vec<CellMasks>,
}

impl MaskCache {
    fn new(a: &PairAnchors, band: &Band, i0: usize, j0: usize, n: usize, m: usize) -> MaskCache {
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
                    masks.push(cell_masks(a, i0 + s, j0 + t));
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

    fn get(&self, a: &PairAnchors, i0: usize, j0: usize, s: usize, t: usize) -> CellMasks {
        if t >= self.lo[s] && t <= self.hi[s] {
            let k = self.offset[s] + t - self.lo[s];
            if k < self.offset[s + 1] {
                return self.masks[k];
            }
        }
        cell_masks(a, i0 + s, j0 + t)
    }
}

/// Aligns src[span] with tgt[span]; bead indices are absolute.
pub fn align_span(a: &PairAnchors, p: &Params, src: Range<usize>, tgt: Range<usize>) -> Vec<Bead> {
    let n = src.len();
    let m = tgt.len();
    if n == 0 || m == 0 {
        return src
            .map(|i| Bead {
                src: vec![i],
                tgt: vec![],
                score: 1.0,
            })
            .chain(tgt.map(|j| Bead {
                src: vec![],
                tgt: vec![j],
                score: 1.0,
            }))
            .collect();
    }
    let mut center = band::center(a, src.clone(), tgt.clone());
    let mut width = p.band.max(4);
    let mut rounds = 0;
    loop {
        let full = width >= n.max(m);
        let band = if full {
            Band::new(&vec![0.0; n + 1], m, m)
        } else {
            Band::new(&center, width, m)
        };
        let (beads, touched, path) = solve(a, p, &band, src.start, tgt.start, n, m);
        if full || !touched {
            return beads;
        }
        // The path touched the band's edge: first follow it with a band centred on it (that
        // moves the band where the document drifts); if that does not settle it, widen. A path
        // that touches the edge is never returned, except from the full matrix.
        center = path;
        rounds += 1;
        if rounds >= RECENTRE_ROUNDS {
            width *= 2;
        }
    }
}

/// One DP over a band; also reports whether the best path touched the band's edge, and the
/// path's target position at each source boundary (for re-centring the band).
fn solve(
    a: &PairAnchors,
    p: &Params,
    band: &Band,
    i0: usize,
    j0: usize,
    n: usize,
    m: usize,
) -> (Vec<Bead>, bool, Vec<f64>) {
    let cache = MaskCache::new(a, band, i0, j0, n, m);
    let mut mask = |s: usize, t: usize| {
        if s >= i0 && t >= j0 && s - i0 < n && t - j0 < m {
            cache.get(a, i0, j0, s - i0, t - j0)
        } else {
            cell_masks(a, s, t)
        }
    };
    let cells = band.cells();
    let mut cost = vec![f32::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = band.index(i, j).expect("in band");
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f32::INFINITY;
            let mut arg = u8::MAX;
            for (k, &(di, dj)) in MOVES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let Some(prev) = band.index(i - di, j - dj) else {
                    continue;
                };
                let base = cost[prev];
                if !base.is_finite() {
                    continue;
                }
                let c = base + bead_cost(a, p, i0 + i - di, di, j0 + j - dj, dj, &mut mask);
                if c < best {
                    best = c;
                    arg = k as u8;
                }
            }
            cost[here] = best;
            back[here] = arg;
        }
    }
    // Backtrace.
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    let mut touched = false;
    let mut path = vec![0.0; n + 1];
    path[n] = m as f64;
    while i > 0 || j > 0 {
        let here = band.index(i, j).expect("path stays in band");
        if (j == band.lo[i] && band.lo[i] > 0) || (j == band.hi[i] && band.hi[i] < m) {
            touched = true;
        }
        let (di, dj) = MOVES[back[here] as usize];
        let prev = band.index(i - di, j - dj).expect("in band");
        let c = cost[here] - cost[prev];
        let s0 = i0 + i - di;
        let t0 = j0 + j - dj;
        let score = if di > 0 && dj > 0 {
            confidence(c, di + dj, p)
        } else {
            null_confidence(a, p, s0, di, t0, &mut mask, i0 + n, j0 + m)
        };
        beads.push(Bead {
            src: (s0..s0 + di).collect(),
            tgt: (t0..t0 + dj).collect(),
            score,
        });
        i -= di;
        j -= dj;
        path[i] = j as f64;
    }
    beads.reverse();
    (beads, touched, path)
}

/// Confidence that a sentence is really unaligned: how much worse its best 1-1 pairing nearby
/// would be than leaving it (and its partner) unaligned.
#[allow(clippy::too_many_arguments)]
fn null_confidence(
    a: &PairAnchors,
    p: &Params,
    s0: usize,
    di: usize,
    t0: usize,
    mask: &mut impl FnMut(usize, usize) -> CellMasks,
    n_end: usize,
    m_end: usize,
) -> f64 {
    let mut best = f32::INFINITY;
    if di == 1 {
        for t in t0.saturating_sub(2)..(t0 + 2).min(m_end) {
            best = best.min(bead_cost(a, p, s0, 1, t, 1, mask));
        }
    } else {
        for s in s0.saturating_sub(2)..(s0 + 2).min(n_end) {
            best = best.min(bead_cost(a, p, s, 1, t0, 1, mask));
        }
    }
    if !best.is_finite() {
        return 1.0;
    }
    let margin = best - 2.0 * p.null_cost;
    1.0 / (1.0 + (-(0.5 * margin as f64)).exp())
}
