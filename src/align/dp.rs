//! Banded dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2. Memory and time
//! grow with (sentences × band width); indices are usize (64-bit), so there is no size limit
//! but memory.

use super::cost::{bead_cost, cell_masks, confidence, CellMasks, Params};
use super::{band, guide, Bead};
use crate::anchors::PairAnchors;
use std::ops::Range;

/// Bead shapes. 3-1 and 1-3 are left out: no gold pair shows them, and they cost a quarter of
/// the time.
const MOVES: [(usize, usize); 6] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)];

/// Spans longer than this (on either side) are guided coarse-to-fine (see `guide.rs`).
const GUIDE_MIN_SENTENCES: usize = 200;

/// Source sentences either side of a touch that the repair realigns.
const REPAIR_MARGIN: usize = 50;

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
    // Long spans follow the coarse-to-fine guide with a narrow band; short ones (every news
    // article) the anchor path with the wide band, which also covers their opening insertions.
    if n.max(m) <= GUIDE_MIN_SENTENCES {
        return anchored(a, p, src, tgt);
    }
    let center = guide::center(&a.src[src.clone()], &a.tgt[tgt.clone()]);
    let band = Band::new(&center, p.guide_band.max(4), m);
    let solved = solve(a, p, &band, src.start, tgt.start, n, m);
    if solved.touches.is_empty() {
        return solved.beads;
    }
    repair(a, p, solved.beads, &solved.touches, src, tgt)
}

/// The anchor-guided search: a band around the anchor path, re-centred on the best path while
/// that path touches the band's edge, then widened. A path that touches the edge is never
/// returned, except from the full matrix.
fn anchored(a: &PairAnchors, p: &Params, src: Range<usize>, tgt: Range<usize>) -> Vec<Bead> {
    let (n, m) = (src.len(), tgt.len());
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
        let solved = solve(a, p, &band, src.start, tgt.start, n, m);
        if full || solved.touches.is_empty() {
            return solved.beads;
        }
        // Following the path moves the band where the document drifts; if that does not settle
        // it, widen.
        center = solved.path;
        rounds += 1;
        if rounds >= RECENTRE_ROUNDS {
            width *= 2;
        }
    }
}

/// Where the guided path touched its narrow band, the guide was off: each such stretch, with
/// `REPAIR_MARGIN` source sentences either side, is aligned again between the bead boundaries
/// that enclose it, by the anchor-guided search (which widens as far as it must). The rest of
/// the path stays: the repair costs what the stretches cost, not another pass over the span.
fn repair(
    a: &PairAnchors,
    p: &Params,
    beads: Vec<Bead>,
    touches: &[usize],
    src: Range<usize>,
    tgt: Range<usize>,
) -> Vec<Bead> {
    // Bead boundaries (absolute source, absolute target) before each bead, and at the end.
    let mut bounds = Vec::with_capacity(beads.len() + 1);
    let (mut i, mut j) = (src.start, tgt.start);
    for b in &beads {
        bounds.push((i, j));
        i += b.src.len();
        j += b.tgt.len();
    }
    bounds.push((i, j));
    // Windows of bead indices [first, last) to realign, merged when they overlap.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for &t in touches {
        let lo = (src.start + t).saturating_sub(REPAIR_MARGIN).max(src.start);
        let hi = (src.start + t + REPAIR_MARGIN).min(src.end);
        let first = bounds
            .partition_point(|&(bi, _)| bi <= lo)
            .saturating_sub(1);
        let last = bounds
            .partition_point(|&(bi, _)| bi < hi)
            .min(bounds.len() - 1);
        match windows.last_mut() {
            Some(w) if first <= w.1 => w.1 = w.1.max(last),
            _ => windows.push((first, last)),
        }
    }
    let mut out = Vec::with_capacity(beads.len());
    let mut next = 0;
    let mut beads = beads.into_iter();
    for (first, last) in windows {
        out.extend(beads.by_ref().take(first - next));
        beads.by_ref().take(last - first).for_each(drop);
        next = last;
        let ((i0, j0), (i1, j1)) = (bounds[first], bounds[last]);
        out.extend(anchored(a, p, i0..i1, j0..j1));
    }
    out.extend(beads);
    out
}

/// The best path through a band.
struct Solved {
    beads: Vec<Bead>,
    /// Source boundaries (relative to the span) where the path touched the band's edge.
    touches: Vec<usize>,
    /// The path's target position (relative) at each source boundary, for re-centring.
    path: Vec<f64>,
}

/// One DP over a band.
fn solve(
    a: &PairAnchors,
    p: &Params,
    band: &Band,
    i0: usize,
    j0: usize,
    n: usize,
    m: usize,
) -> Solved {
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
    let mut touches = Vec::new();
    let mut path = vec![0.0; n + 1];
    path[n] = m as f64;
    while i > 0 || j > 0 {
        let here = band.index(i, j).expect("path stays in band");
        if (j == band.lo[i] && band.lo[i] > 0) || (j == band.hi[i] && band.hi[i] < m) {
            touches.push(i);
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
        // A bead of two source sentences also places the boundary between them: midway
        // through its target side.
        if di == 2 {
            path[i - 1] = (j - dj) as f64 + dj as f64 / 2.0;
        }
        i -= di;
        j -= dj;
        path[i] = j as f64;
    }
    beads.reverse();
    touches.reverse();
    touches.dedup();
    Solved {
        beads,
        touches,
        path,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::{self, lexicon::Lexicon};

    /// English sentences each with a distinct figure, and their Arabic renderings; the Arabic
    /// side has a block of `inserted` commentary sentences after sentence `at`.
    fn figures_pair(n: usize, at: usize, inserted: usize) -> (PairAnchors, Vec<usize>) {
        let en: Vec<String> = (0..n)
            .map(|k| {
                format!(
                    "The ministry reported {} new cases in the province.",
                    1000 + 7 * k
                )
            })
            .collect();
        let mut ar = Vec::new();
        let mut position = Vec::new();
        for k in 0..n {
            if k == at {
                for c in 0..inserted {
                    ar.push(format!(
                        "ويرى مراقبون أن هذه السياسة فاشلة تماما في رأي الكاتب رقم {}.",
                        "ا".repeat(c % 5 + 1)
                    ));
                }
            }
            position.push(ar.len());
            ar.push(format!(
                "أعلنت الوزارة عن {} إصابة جديدة في المحافظة.",
                1000 + 7 * k
            ));
        }
        (anchors::build(&en, &ar, Lexicon::builtin()), position)
    }

    fn covers_in_order(beads: &[Bead], n: usize, m: usize) -> bool {
        let src: Vec<usize> = beads.iter().flat_map(|b| b.src.iter().copied()).collect();
        let tgt: Vec<usize> = beads.iter().flat_map(|b| b.tgt.iter().copied()).collect();
        src == (0..n).collect::<Vec<_>>() && tgt == (0..m).collect::<Vec<_>>()
    }

    #[test]
    fn a_long_span_is_guided_through_an_inserted_block() {
        let (a, position) = figures_pair(600, 300, 60);
        let (n, m) = (a.src.len(), a.tgt.len());
        assert!(n.max(m) > GUIDE_MIN_SENTENCES);
        let beads = align_span(&a, &Params::default(), 0..n, 0..m);
        assert!(covers_in_order(&beads, n, m));
        for b in beads
            .iter()
            .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
        {
            assert_eq!(b.tgt[0], position[b.src[0]], "{b:?}");
        }
        let one_one = beads.iter().filter(|b| b.kind() == "1-1").count();
        assert!(one_one >= 590, "{one_one} 1-1 beads of 600");
    }

    #[test]
    fn repair_realigns_only_around_touches() {
        let (a, position) = figures_pair(400, 1000, 0);
        let (n, m) = (a.src.len(), a.tgt.len());
        // A path that is right except for a wrong stretch around source 200.
        let mut beads: Vec<Bead> = (0..n)
            .map(|i| Bead {
                src: vec![i],
                tgt: vec![position[i]],
                score: 0.5,
            })
            .collect();
        beads[200] = Bead {
            src: vec![200, 201],
            tgt: vec![200],
            score: 0.1,
        };
        beads[201] = Bead {
            src: vec![],
            tgt: vec![201],
            score: 0.1,
        };
        let repaired = repair(&a, &Params::default(), beads.clone(), &[200], 0..n, 0..m);
        assert!(covers_in_order(&repaired, n, m));
        // Far from the touch the beads are the same objects as before (scores untouched).
        assert_eq!(repaired[..100], beads[..100]);
        assert_eq!(repaired[repaired.len() - 100..], beads[beads.len() - 100..]);
        // Around it the path is right again.
        assert!(repaired
            .iter()
            .any(|b| b.src == vec![200] && b.tgt == vec![200]));
        assert!(repaired
            .iter()
            .any(|b| b.src == vec![201] && b.tgt == vec![201]));
    }
}
