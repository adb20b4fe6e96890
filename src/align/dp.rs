//! The search for the best monotone path: on news-length spans a band around the anchor path,
//! widened until the path stays inside; on long spans a narrow band around a coarse-to-fine guide,
//! repaired where the path touches its edge. Memory and time grow with (sentences × band width);
//! indices are usize (64-bit), so there is no size limit but memory.

use super::cost::Scorer;
use super::lattice::{Band, Lattice, MaskCache};
use super::model::SHAPES;
use super::{guide, Bead};
use std::ops::Range;

/// Spans longer than this (on either side) are guided coarse-to-fine (see `guide.rs`).
pub(super) const GUIDE_MIN_SENTENCES: usize = 200;

/// Source sentences either side of a touch that the repair realigns.
const REPAIR_MARGIN: usize = 50;

/// Re-centred passes before the band is widened.
const RECENTRE_ROUNDS: usize = 2;

/// Aligns src[span] with tgt[span]; bead indices are absolute.
pub fn align_span(sc: &Scorer, src: Range<usize>, tgt: Range<usize>) -> Vec<Bead> {
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
        return anchored(sc, src, tgt);
    }
    let a = sc.anchors;
    let center = guide::center(&a.src[src.clone()], &a.tgt[tgt.clone()]);
    let band = Band::new(&center, sc.params.guide_band.max(4), m);
    let solved = solve(sc, band, src.start, tgt.start, n, m);
    if solved.touches.is_empty() {
        return solved.beads;
    }
    repair(sc, solved.beads, &solved.touches, src, tgt)
}

/// The anchor-guided search: a band around the anchor path, re-centred on the best path while
/// that path touches the band's edge, then widened. A path that touches the edge is never
/// returned, except from the full matrix.
fn anchored(sc: &Scorer, src: Range<usize>, tgt: Range<usize>) -> Vec<Bead> {
    let (n, m) = (src.len(), tgt.len());
    let mut center = super::band::center(sc.anchors, src.clone(), tgt.clone());
    let mut width = sc.params.band.max(4);
    let mut rounds = 0;
    loop {
        let full = width >= n.max(m);
        let band = if full {
            Band::new(&vec![0.0; n + 1], m, m)
        } else {
            Band::new(&center, width, m)
        };
        let solved = solve(sc, band, src.start, tgt.start, n, m);
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
    sc: &Scorer,
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
        out.extend(anchored(sc, i0..i1, j0..j1));
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

/// One search over a band: the lattice of bead costs, its best path, and each bead's posterior
/// probability as its confidence.
fn solve(sc: &Scorer, band: Band, i0: usize, j0: usize, n: usize, m: usize) -> Solved {
    let cache = MaskCache::new(sc, &band, i0, j0, n, m);
    let lattice = Lattice::new(sc, &band, &cache, i0, j0, n, m);
    let path = lattice.best_path();
    let posterior = lattice.posterior();
    let mut beads = Vec::with_capacity(path.len());
    let mut touches = Vec::new();
    let mut positions = vec![0.0; n + 1];
    positions[n] = m as f64;
    for &(i, j, shape) in &path {
        let (di, dj) = SHAPES[shape];
        if (j == band.lo[i] && band.lo[i] > 0) || (j == band.hi[i] && band.hi[i] < m) {
            touches.push(i);
        }
        // A bead of several source sentences also places the boundaries between them: spread
        // evenly over its target side.
        for k in 1..di {
            positions[i - k] = (j - dj) as f64 + dj as f64 * (di - k) as f64 / di as f64;
        }
        positions[i - di] = (j - dj) as f64;
        let (s0, t0) = (i0 + i - di, j0 + j - dj);
        beads.push(Bead {
            src: (s0..s0 + di).collect(),
            tgt: (t0..t0 + dj).collect(),
            score: posterior.bead(i, j, shape),
        });
    }
    beads.reverse();
    touches.reverse();
    touches.dedup();
    Solved {
        beads,
        touches,
        path: positions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::{self, lexicon::Lexicon, PairAnchors};

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
        let beads = super::super::with_scorer(&a, |sc| align_span(sc, 0..n, 0..m));
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
        let repaired =
            super::super::with_scorer(&a, |sc| repair(sc, beads.clone(), &[200], 0..n, 0..m));
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
