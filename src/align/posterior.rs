//! The E step of the estimate: expected counts of bead shapes, item matches, lengths and
//! similarities under the posterior over all monotone alignments in the band (forward–backward,
//! as Gale–Church's and Moore's models allow), so that no single uncertain path decides the
//! document's rates.

use super::cost::Scorer;
use super::dp::GUIDE_MIN_SENTENCES;
use super::lattice::{Band, Lattice, MaskCache};
use super::model::{Counts, SHAPES, SRC, TGT};
use std::ops::Range;

/// Posterior mass below which a bead adds nothing worth counting.
const MIN_POSTERIOR: f64 = 1e-5;

/// The stretch of a pair the estimate looks at: its band and the match masks of its cells,
/// which do not change from one round of the estimate to the next.
pub struct Window {
    band: Band,
    cache: MaskCache,
    i0: usize,
    j0: usize,
    n: usize,
    m: usize,
}

impl Window {
    pub fn new(sc: &Scorer, src: Range<usize>, tgt: Range<usize>) -> Window {
        let (n, m) = (src.len(), tgt.len());
        let (i0, j0) = (src.start, tgt.start);
        // The band the search itself would use: the anchor path on news-length spans, the
        // coarse-to-fine guide on long ones.
        let band = if n.max(m) > GUIDE_MIN_SENTENCES {
            let a = sc.anchors;
            let center = super::guide::center(&a.src[src], &a.tgt[tgt]);
            Band::new(&center, sc.params.guide_band.max(4), m)
        } else {
            let center = super::band::center(sc.anchors, src, tgt);
            Band::new(&center, sc.params.band.max(4), m)
        };
        let cache = MaskCache::new(sc, &band, i0, j0, n, m);
        Window {
            band,
            cache,
            i0,
            j0,
            n,
            m,
        }
    }
}

/// Expected counts over the alignments of the window's sentences.
pub fn expected_counts(sc: &Scorer, w: &Window) -> Counts {
    let (n, m, i0, j0) = (w.n, w.m, w.i0, w.j0);
    let mut counts = Counts::default();
    if n == 0 || m == 0 {
        counts.shapes[1] = n as f64;
        counts.shapes[2] = m as f64;
        return counts;
    }
    let band = &w.band;
    let lattice = Lattice::new(sc, band, &w.cache, i0, j0, n, m);
    let posterior = lattice.posterior();
    let mut mask = w.cache.lookup(sc, i0, j0, n, m);
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if sc.semantic.is_some() && i < n && j < m {
                let x = mask(i0 + i, j0 + j).dot as f64;
                if !x.is_nan() {
                    add_moment(&mut counts.sem_all, 1.0, x);
                }
            }
            for (s, &(di, dj)) in SHAPES.iter().enumerate() {
                let w = posterior.bead(i, j, s);
                if w < MIN_POSTERIOR {
                    continue;
                }
                counts.shapes[s] += w;
                if di > 0 && dj > 0 {
                    add_bead(
                        sc,
                        &mut counts,
                        i0 + i - di,
                        di,
                        j0 + j - dj,
                        dj,
                        w,
                        &mut mask,
                    );
                }
            }
        }
    }
    counts
}

/// Adds what a bead with text on both sides says about the rates, with posterior weight `w`.
#[allow(clippy::too_many_arguments)]
fn add_bead(
    sc: &Scorer,
    counts: &mut Counts,
    i0: usize,
    di: usize,
    j0: usize,
    dj: usize,
    w: f64,
    mask: &mut impl FnMut(usize, usize) -> super::cost::CellMasks,
) {
    let masks = sc.masks(i0, di, j0, dj, mask);
    for (s, &m) in masks.src.iter().enumerate().take(di) {
        sc.evidence.src.count(i0 + s, m, w, &mut counts.items[SRC]);
    }
    for (t, &m) in masks.tgt.iter().enumerate().take(dj) {
        sc.evidence.tgt.count(j0 + t, m, w, &mut counts.items[TGT]);
    }
    let terms = sc.terms(i0, di, j0, dj, mask);
    let (ls, lt) = (terms.ls.max(1.0), terms.lt.max(1.0));
    let r = sc.model.related_share(ls, lt, dj);
    let wr = w * r;
    counts.len_weight += wr;
    counts.len_src += wr * ls;
    counts.len_tgt += wr * lt;
    counts.len_sq += wr * (lt - sc.model.ratio * ls).powi(2) / ls;
    counts.both += w;
    counts.unrelated += w * (1.0 - r);
    if let (Some(x), 1, 1) = (terms.cosine, di, dj) {
        if !x.is_nan() {
            // The pairs the encoder misjudges count towards their share, not towards the
            // aligned similarity's mean and spread.
            let missed = sc.model.semantic_missed_share(x as f64);
            counts.sem_pairs += w;
            counts.sem_missed += w * missed;
            add_moment(&mut counts.sem_aligned, w * (1.0 - missed), x as f64);
        }
    }
}

fn add_moment(m: &mut [f64; 3], w: f64, x: f64) {
    m[0] += w;
    m[1] += w * x;
    m[2] += w * x * x;
}
