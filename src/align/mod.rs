//! Sentence alignment: Gale–Church length model plus anchor rewards, solved by dynamic
//! programming inside a band. Pure: sentence anchors in, beads out; no I/O.
//!
//! Parameters (see [`Params`]) and how they were estimated are documented in README.md
//! ("Alignment model").

mod band;
mod cost;
mod dp;
mod guide;

pub use cost::Params;

use crate::anchors::PairAnchors;
use serde::{Deserialize, Serialize};

/// A group of consecutive source sentences aligned with a group of consecutive target sentences.
/// One side may be empty: an omission (target empty) or an insertion (source empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    /// Confidence in [0, 1].
    pub score: f64,
}

impl Bead {
    pub fn is_null(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }

    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// A fixed bead that the alignment must keep (a confirmed review decision).
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub src: std::ops::Range<usize>,
    pub tgt: std::ops::Range<usize>,
}

/// Source sentences the first (ratio-estimating) pass looks at on long documents.
const FIRST_PASS_SENTENCES: usize = 1000;

/// Aligns the sentences of a pair. Two passes: the first with the document-level length ratio
/// and a wide variance, the second with the ratio re-estimated from the first pass's confident
/// 1-1 beads.
pub fn align(anchors: &PairAnchors, params: &Params) -> Vec<Bead> {
    align_with_fixed(anchors, params, &[])
}

/// Aligns while keeping `fixed` beads as they are; only the stretches between them are aligned.
pub fn align_with_fixed(anchors: &PairAnchors, params: &Params, fixed: &[Fixed]) -> Vec<Bead> {
    let n = anchors.src.len();
    let m = anchors.tgt.len();
    if n == 0 || m == 0 {
        return (0..n)
            .map(|i| Bead {
                src: vec![i],
                tgt: vec![],
                score: 1.0,
            })
            .chain((0..m).map(|j| Bead {
                src: vec![],
                tgt: vec![j],
                score: 1.0,
            }))
            .collect();
    }
    let total_src: f64 = anchors.src.iter().map(|s| s.len).sum();
    let total_tgt: f64 = anchors.tgt.iter().map(|s| s.len).sum();
    let mut p = params.clone();
    p.ratio = if total_src > 0.0 && total_tgt > 0.0 {
        (total_tgt / total_src).clamp(0.2, 5.0)
    } else {
        params.ratio
    };
    p.variance = params.variance * params.first_pass_variance_factor;
    // The first pass only estimates the length ratio: on long documents a leading stretch is
    // enough, and keeps the whole alignment a single full pass.
    let first = if fixed.is_empty() && n > FIRST_PASS_SENTENCES {
        let mp = ((FIRST_PASS_SENTENCES as f64) * m as f64 / n as f64).round() as usize;
        dp::align_span(anchors, &p, 0..FIRST_PASS_SENTENCES, 0..mp.clamp(1, m))
    } else {
        run(anchors, &p, fixed)
    };
    if let Some(r) = cost::reestimate_ratio(anchors, &first) {
        p.ratio = r;
    }
    p.variance = params.variance;
    if let Some(v) = cost::reestimate_variance(anchors, &first, p.ratio) {
        p.variance = v.clamp(params.variance, 4.0 * params.variance);
    }
    run(anchors, &p, fixed)
}

fn run(anchors: &PairAnchors, p: &Params, fixed: &[Fixed]) -> Vec<Bead> {
    let mut out = Vec::new();
    let (mut i0, mut j0) = (0, 0);
    let mut sorted: Vec<&Fixed> = fixed.iter().collect();
    sorted.sort_by_key(|f| (f.src.start, f.tgt.start));
    for f in sorted {
        if f.src.start < i0 || f.tgt.start < j0 {
            continue; // overlapping or out of order: ignore rather than fail
        }
        out.extend(dp::align_span(anchors, p, i0..f.src.start, j0..f.tgt.start));
        out.push(Bead {
            src: f.src.clone().collect(),
            tgt: f.tgt.clone().collect(),
            score: 1.0,
        });
        i0 = f.src.end;
        j0 = f.tgt.end;
    }
    out.extend(dp::align_span(
        anchors,
        p,
        i0..anchors.src.len(),
        j0..anchors.tgt.len(),
    ));
    out
}

/// Evidence that two groups of sentences say the same thing, in [0, 1]: matched item weight
/// (lexical and anchors) over total, averaged over both directions.
pub fn similarity(anchors: &PairAnchors, src: &[usize], tgt: &[usize]) -> f64 {
    let mut src_offers: Vec<u32> = src
        .iter()
        .flat_map(|&i| anchors.src[i].offers.iter().copied())
        .collect();
    src_offers.sort_unstable();
    src_offers.dedup();
    let mut tgt_offers: Vec<u32> = tgt
        .iter()
        .flat_map(|&j| anchors.tgt[j].offers.iter().copied())
        .collect();
    tgt_offers.sort_unstable();
    tgt_offers.dedup();
    let side = |sents: &[&crate::anchors::SentenceAnchors], offers: &[u32]| {
        let (mut m, mut t) = (0.0f32, 0.0f32);
        for s in sents {
            let (l, a) = s.weights(s.matched_by(offers));
            let (lt, at) = s.totals();
            m += l + a;
            t += lt + at;
        }
        if t > 0.0 {
            (m / t) as f64
        } else {
            0.0
        }
    };
    let s: Vec<_> = src.iter().map(|&i| &anchors.src[i]).collect();
    let t: Vec<_> = tgt.iter().map(|&j| &anchors.tgt[j]).collect();
    0.5 * (side(&s, &tgt_offers) + side(&t, &src_offers))
}
