//! The per-document alignment model: how often each bead shape occurs, how target lengths follow
//! source lengths, how often an item (word, number, name…) of a truly aligned sentence finds its
//! match on the other side, and how similar aligned sentences are to each other. Every rate is
//! estimated from the document itself by expectation–maximisation (see `posterior.rs`), starting
//! from Gale and Church's bead priors and uninformative rates; nothing is fitted to a corpus.
//!
//! All scores are log-likelihood ratios against leaving the sentences unaligned, so missing
//! evidence is only as bad as the document says it is: in a faithful translation read with a
//! thin glossary, items rarely match even in true pairs, an unmatched item costs almost nothing,
//! and length decides; in a news rewrite checked with a good lexicon, unmatched items weigh.

use super::evidence::ItemCounts;
use crate::anchors::ItemKind;

/// Bead shapes searched: (source sentences, target sentences).
pub const SHAPES: [(usize, usize); 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// Gale and Church's (1993) bead priors, 3-1 and 1-3 taken from their 2-2 share: the starting
/// point of the estimate, and its Dirichlet prior.
const GALE_CHURCH: [f64; 8] = [0.89, 0.005, 0.005, 0.0445, 0.0445, 0.006, 0.0025, 0.0025];

/// Item kinds, in the order of the match-rate table.
pub const KINDS: [ItemKind; 6] = [
    ItemKind::Term,
    ItemKind::Number,
    ItemKind::Month,
    ItemKind::Name,
    ItemKind::Latin,
    ItemKind::Quote,
];

pub fn kind_index(k: ItemKind) -> usize {
    match k {
        ItemKind::Term => 0,
        ItemKind::Number => 1,
        ItemKind::Month => 2,
        ItemKind::Name => 3,
        ItemKind::Latin => 4,
        ItemKind::Quote => 5,
    }
}

/// Source side (0) and target side (1) of the match-rate table.
pub const SRC: usize = 0;
pub const TGT: usize = 1;

/// A normal distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gauss {
    pub mean: f64,
    pub var: f64,
}

impl Gauss {
    pub fn log_density(&self, x: f64) -> f64 {
        let d = x - self.mean;
        -0.5 * d * d / self.var - 0.5 * (std::f64::consts::TAU * self.var).ln()
    }
}

/// The model of one document.
#[derive(Debug, Clone)]
pub struct Model {
    /// −ln P(shape), in the order of [`SHAPES`].
    pub shape_cost: [f32; 8],
    /// Expected target/source content-length ratio.
    pub ratio: f64,
    /// Variance of the target length per source character (Gale–Church's s²).
    pub variance: f64,
    /// Share of beads whose lengths are unrelated (a paraphrase, a condensed clause): the length
    /// model's second component, so that a length mismatch is bounded evidence, not a veto.
    pub unrelated: f64,
    /// Log-normal marginal of the summed length of b = 1, 2, 3 target sentences: what a target
    /// length looks like when nothing generated it from the source.
    pub marginal: [Gauss; 3],
    /// P(item matched by the other side | its sentence is truly aligned), per side and kind.
    pub match_rate: [[f64; 6]; 2],
    /// The same per item identity (see `evidence.rs`), per side; empty before the first estimate.
    pub ident_rate: [Vec<f32>; 2],
    /// Semantic similarity of aligned sentences and of unrelated ones, when a model is present.
    pub semantic: Option<(Gauss, Gauss)>,
    /// Share of aligned sentence pairs whose similarity the encoder gets wrong (scored like
    /// unrelated sentences: a verse in a register it never saw, a sentence it truncates). The
    /// aligned similarity is a mixture of the Gaussian and the unrelated distribution in these
    /// shares, so a low similarity is bounded evidence against a pair (ln of this share), never a
    /// veto; estimated per document with the rest of the model.
    pub semantic_missed: f64,
    /// ln(1 − unrelated) − ½ ln(2π variance), and ½ ln(2π var) of each marginal.
    related_constant: f64,
    marginal_constant: [f64; 3],
    marginal_tail_constant: [f64; 3],
}

impl Model {
    /// The starting point: Gale–Church priors, the document's own length ratio with a wide
    /// variance, even match rates (evidence counts but is not yet trusted).
    pub fn initial(src_lens: &[f64], tgt_lens: &[f64], variance: f64) -> Model {
        let total_src: f64 = src_lens.iter().sum();
        let total_tgt: f64 = tgt_lens.iter().sum();
        let ratio = if total_src > 0.0 && total_tgt > 0.0 {
            (total_tgt / total_src).clamp(0.2, 5.0)
        } else {
            1.0
        };
        Model {
            shape_cost: GALE_CHURCH.map(|p| -(p.ln()) as f32),
            ratio,
            variance,
            unrelated: UNRELATED_PRIOR.0 / (UNRELATED_PRIOR.0 + UNRELATED_PRIOR.1),
            marginal: marginal_lengths(tgt_lens),
            match_rate: [[0.5; 6]; 2],
            ident_rate: [Vec::new(), Vec::new()],
            semantic: None,
            semantic_missed: SEMANTIC_MISSED_PRIOR.0
                / (SEMANTIC_MISSED_PRIOR.0 + SEMANTIC_MISSED_PRIOR.1),
            related_constant: 0.0,
            marginal_constant: [0.0; 3],
            marginal_tail_constant: [0.0; 3],
        }
        .with_constants()
    }

    /// Log-likelihood ratio of the lengths of a bead (summed source length `ls`, summed target
    /// length `lt` over `bt` target sentences) against the target sentences being unaligned.
    /// No transcendental function is called: lengths are whole numbers of characters, so their
    /// logarithms come from a table, and the mixture's log-sum from a tabulated softplus (this
    /// runs for every cell of the band and every bead shape).
    #[inline]
    pub fn length_llr(&self, ls: f64, lt: f64, bt: usize) -> f32 {
        let (a, b) = self.length_components(ls, lt, bt);
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + softplus_neg(hi - lo)) as f32
    }

    /// Log-weights of the related and the unrelated length components of a bead.
    #[inline]
    fn length_components(&self, ls: f64, lt: f64, bt: usize) -> (f64, f64) {
        let (ls, lt) = (ls.max(1.0), lt.max(1.0));
        let d = lt - self.ratio * ls;
        let related =
            -0.5 * d * d / (self.variance * ls) - 0.5 * ln_whole(ls) + self.related_constant;
        let g = &self.marginal[bt.clamp(1, 3) - 1];
        let llt = ln_whole(lt);
        let z = llt - g.mean;
        let k = bt.clamp(1, 3) - 1;
        // The marginal's body and its heavy tail (see `MARGINAL_TAIL`).
        let body = -0.5 * z * z / g.var - self.marginal_constant[k];
        let tail = -0.5 * z * z / (MARGINAL_TAIL.1 * g.var) - self.marginal_tail_constant[k];
        let (hi, lo) = if body > tail {
            (body, tail)
        } else {
            (tail, body)
        };
        let unaligned = hi + softplus_neg(hi - lo) - llt;
        (related - unaligned, self.unrelated.ln())
    }

    /// Responsibility of the related (Gaussian) length component for a bead.
    pub fn related_share(&self, ls: f64, lt: f64, bt: usize) -> f64 {
        let (a, b) = self.length_components(ls, lt, bt);
        1.0 / (1.0 + (b - a).exp())
    }

    /// Recomputes the constants of the length model after its parameters changed.
    fn with_constants(mut self) -> Model {
        self.related_constant =
            (1.0 - self.unrelated).ln() - 0.5 * (std::f64::consts::TAU * self.variance).ln();
        let (share, spread) = MARGINAL_TAIL;
        for (k, g) in self.marginal.iter().enumerate() {
            self.marginal_constant[k] =
                0.5 * (std::f64::consts::TAU * g.var).ln() - (1.0 - share).ln();
            self.marginal_tail_constant[k] =
                0.5 * (std::f64::consts::TAU * spread * g.var).ln() - share.ln();
        }
        self
    }

    /// Log-likelihood ratio of a semantic similarity between aligned and unrelated sentences;
    /// monotone in the similarity (flat beyond the two means), so that the quadratic terms of
    /// unequal variances never turn a higher similarity into weaker evidence.
    pub fn semantic_llr(&self, x: f32) -> f32 {
        let Some((aligned, unrelated)) = self.semantic else {
            return 0.0;
        };
        if x.is_nan() {
            return 0.0;
        }
        if aligned.mean <= unrelated.mean {
            return 0.0;
        }
        let x = (x as f64).clamp(unrelated.mean, aligned.mean);
        let ratio = aligned.log_density(x) - unrelated.log_density(x);
        let missed = self.semantic_missed;
        // ln((1 − m)·N_a/N_u + m), computed in the log domain.
        log_add_exp((1.0 - missed).ln() + ratio, missed.ln()) as f32
    }

    /// Responsibility of the "encoder got it wrong" component for an aligned pair of
    /// similarity `x` (0 before the semantic model is estimated).
    pub fn semantic_missed_share(&self, x: f64) -> f64 {
        let Some((aligned, unrelated)) = self.semantic else {
            return 0.0;
        };
        if aligned.mean <= unrelated.mean {
            return 0.0;
        }
        let x = x.clamp(unrelated.mean, aligned.mean);
        let a = (1.0 - self.semantic_missed).ln() + aligned.log_density(x);
        let u = self.semantic_missed.ln() + unrelated.log_density(x);
        1.0 / (1.0 + (a - u).exp())
    }
}

/// Beta prior of the share of aligned pairs the encoder misjudges: mean 5 %, the weight of 20
/// beads.
const SEMANTIC_MISSED_PRIOR: (f64, f64) = (1.0, 19.0);

/// Beta prior of the unrelated-length share: mean 2 %, the weight of 50 beads.
const UNRELATED_PRIOR: (f64, f64) = (1.0, 49.0);

/// The marginal of target lengths is the document's log-normal with a heavy tail: this share of
/// sentences drawn from the same centre with this many times its variance. A document's lengths
/// have outliers its body does not predict (a dateline, a byline, a list item, a run-on
/// paragraph), and under the body alone such a length is so improbable as unrelated that pairing
/// it with any source sentence looked likely: a dateline took the source's first line.
const MARGINAL_TAIL: (f64, f64) = (0.1, 9.0);

/// Weight, in beads, of the Gale–Church priors against the document's own counts.
const SHAPE_PRIOR_BEADS: f64 = 10.0;

/// Weight, in beads, of the starting variance against the document's own beads.
const VARIANCE_PRIOR_BEADS: f64 = 2.0;

/// Expected counts gathered over the posterior of the alignments (E step).
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub shapes: [f64; 8],
    /// Matched and total items per side, over beads with text on both sides.
    pub items: [ItemCounts; 2],
    /// Length statistics of beads with text on both sides, weighted by the related share.
    pub len_weight: f64,
    pub len_src: f64,
    pub len_tgt: f64,
    pub len_sq: f64,
    /// Posterior mass of beads with text on both sides, and of their unrelated-length share.
    pub both: f64,
    pub unrelated: f64,
    /// Semantic similarity over aligned beads (weight, sum, sum of squares), and over every
    /// sentence pair looked at (the unrelated distribution, once the aligned mass is removed).
    pub sem_aligned: [f64; 3],
    pub sem_all: [f64; 3],
    /// Over aligned beads: total weight, and the weight the encoder misjudged.
    pub sem_pairs: f64,
    pub sem_missed: f64,
}

impl Counts {
    /// M step: the model that makes these counts most likely under the priors.
    /// `ident_kinds`: the kind of each item identity, per side.
    pub fn estimate(&self, old: &Model, variance_prior: f64, ident_kinds: [&[u8]; 2]) -> Model {
        let total: f64 = self.shapes.iter().sum();
        let mut shape_cost = [0.0f32; 8];
        for (k, c) in shape_cost.iter_mut().enumerate() {
            let p =
                (self.shapes[k] + SHAPE_PRIOR_BEADS * GALE_CHURCH[k]) / (total + SHAPE_PRIOR_BEADS);
            *c = -(p.ln()) as f32;
        }
        let (src_rates, src_ident) = self.items[SRC].rates(ident_kinds[SRC]);
        let (tgt_rates, tgt_ident) = self.items[TGT].rates(ident_kinds[TGT]);
        let ratio = if self.len_weight >= 3.0 && self.len_src > 0.0 {
            (self.len_tgt / self.len_src).clamp(0.2, 5.0)
        } else {
            old.ratio
        };
        let variance = (self.len_sq + VARIANCE_PRIOR_BEADS * variance_prior)
            / (self.len_weight + VARIANCE_PRIOR_BEADS);
        let unrelated = (self.unrelated + UNRELATED_PRIOR.0)
            / (self.both + UNRELATED_PRIOR.0 + UNRELATED_PRIOR.1);
        let semantic = semantic_estimate(&self.sem_aligned, &self.sem_all).or(old.semantic);
        let semantic_missed = (self.sem_missed + SEMANTIC_MISSED_PRIOR.0)
            / (self.sem_pairs + SEMANTIC_MISSED_PRIOR.0 + SEMANTIC_MISSED_PRIOR.1);
        Model {
            shape_cost,
            ratio,
            variance,
            unrelated,
            marginal: old.marginal,
            match_rate: [src_rates, tgt_rates],
            ident_rate: [src_ident, tgt_ident],
            semantic,
            semantic_missed,
            related_constant: 0.0,
            marginal_constant: [0.0; 3],
            marginal_tail_constant: [0.0; 3],
        }
        .with_constants()
    }
}

/// Aligned and unrelated similarity distributions from the accumulated moments.
fn semantic_estimate(aligned: &[f64; 3], all: &[f64; 3]) -> Option<(Gauss, Gauss)> {
    let (wa, sa, qa) = (aligned[0], aligned[1], aligned[2]);
    let (wu, su, qu) = (all[0] - wa, all[1] - sa, all[2] - qa);
    if wa < 3.0 || wu < 3.0 {
        return None;
    }
    let g = |w: f64, s: f64, q: f64| {
        let mean = s / w;
        // A floor on the spread: a handful of beads must not make the model certain.
        let var = (q / w - mean * mean).max(0.0025);
        Gauss { mean, var }
    };
    Some((g(wa, sa, qa), g(wu, su, qu)))
}

/// ln(e^a + e^b) without overflow.
pub fn log_add_exp(a: f64, b: f64) -> f64 {
    let m = a.max(b);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + ((a - m).exp() + (b - m).exp()).ln()
}

/// Lengths below this have their logarithm tabulated.
const LN_TABLE: usize = 4096;

/// ln x for a length; whole numbers below [`LN_TABLE`] from a table.
#[inline]
fn ln_whole(x: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| (0..LN_TABLE).map(|k| (k.max(1) as f64).ln()).collect());
    let k = x as usize;
    if k as f64 == x && k < LN_TABLE {
        t[k]
    } else {
        x.ln()
    }
}

/// Steps per unit of the softplus table, and its reach (beyond it ln(1 + e^−x) < 1e-13).
const SOFTPLUS_STEPS: f64 = 64.0;
const SOFTPLUS_REACH: f64 = 30.0;

/// ln(1 + e^−x) for x ≥ 0, tabulated with linear interpolation (within 1e-4).
#[inline]
pub fn softplus_neg(x: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        (0..=(SOFTPLUS_REACH * SOFTPLUS_STEPS) as usize + 1)
            .map(|k| (-(k as f64) / SOFTPLUS_STEPS).exp().ln_1p())
            .collect()
    });
    if x.is_nan() || x >= SOFTPLUS_REACH {
        return 0.0;
    }
    let f = x * SOFTPLUS_STEPS;
    let k = f as usize;
    let w = f - k as f64;
    t[k] + (t[k + 1] - t[k]) * w
}

/// Log-normal fits of the length of one target sentence and of the sum of two and three
/// (Fenton–Wilkinson: the sum's mean and variance matched by a log-normal).
fn marginal_lengths(lens: &[f64]) -> [Gauss; 3] {
    let logs: Vec<f64> = lens.iter().map(|&l| l.max(1.0).ln()).collect();
    let n = logs.len().max(1) as f64;
    let mean = logs.iter().sum::<f64>() / n;
    // A floor on the spread: documents of near-identical sentences (and one-sentence ones) must
    // not make every other length impossible.
    let var = (logs.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / n).max(0.05);
    let m1 = (mean + var / 2.0).exp();
    let v1 = (var.exp() - 1.0) * (2.0 * mean + var).exp();
    let mut out = [Gauss { mean, var }; 3];
    for (b, g) in out.iter_mut().enumerate().skip(1) {
        let k = (b + 1) as f64;
        let (mb, vb) = (k * m1, k * v1);
        let var_b = (1.0 + vb / (mb * mb)).ln();
        *g = Gauss {
            mean: mb.ln() - var_b / 2.0,
            var: var_b,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let src: Vec<f64> = (0..20).map(|k| 60.0 + 7.0 * k as f64).collect();
        let tgt: Vec<f64> = src.iter().map(|l| 0.9 * l).collect();
        Model::initial(&src, &tgt, 3.4)
    }

    #[test]
    fn fitting_lengths_are_evidence_for_and_misfits_bounded_evidence_against() {
        let m = model();
        assert!(m.length_llr(100.0, 90.0, 1) > 0.5);
        let bad = m.length_llr(100.0, 300.0, 1);
        assert!(bad < -2.0, "{bad}");
        // The unrelated component bounds the penalty.
        assert!(bad >= (m.unrelated.ln() as f32) - 1e-4);
    }

    #[test]
    fn tabulated_length_model_equals_the_exact_one() {
        let m = model();
        for (ls, lt, bt) in [
            (100.0, 90.0, 1),
            (100.0, 300.0, 1),
            (37.0, 12.0, 2),
            (5000.5, 4000.0, 3),
        ] {
            let g = Gauss {
                mean: m.ratio * ls,
                var: m.variance * ls,
            };
            let mg = m.marginal[bt - 1];
            let (share, spread) = MARGINAL_TAIL;
            let tail = Gauss {
                var: spread * mg.var,
                ..mg
            };
            let unaligned = log_add_exp(
                (1.0 - share).ln() + mg.log_density(f64::ln(lt)),
                share.ln() + tail.log_density(f64::ln(lt)),
            ) - f64::ln(lt);
            let a = (1.0 - m.unrelated).ln() + g.log_density(lt) - unaligned;
            let exact = log_add_exp(a, m.unrelated.ln()) as f32;
            assert!((m.length_llr(ls, lt, bt) - exact).abs() < 1e-3, "{ls} {lt}");
        }
    }

    #[test]
    fn marginal_of_sums_is_centred_on_the_summed_mean() {
        let m = model();
        let mean1 = (m.marginal[0].mean + m.marginal[0].var / 2.0).exp();
        let mean2 = (m.marginal[1].mean + m.marginal[1].var / 2.0).exp();
        assert!((mean2 / mean1 - 2.0).abs() < 1e-9);
        assert!(m.marginal[1].var < m.marginal[0].var);
    }

    #[test]
    fn estimate_moves_shape_priors_towards_the_counts() {
        let m = model();
        let mut c = Counts::default();
        c.shapes[0] = 10.0;
        c.shapes[2] = 10.0; // many insertions
        let e = c.estimate(&m, 3.4, [&[], &[]]);
        assert!(e.shape_cost[2] < m.shape_cost[2] - 2.0);
        assert!(e.shape_cost[1] > e.shape_cost[2]);
    }

    #[test]
    fn match_rates_follow_the_document() {
        let m = model();
        let mut c = Counts::default();
        c.items[SRC].items[0] = 100.0;
        c.items[SRC].matched[0] = 10.0;
        let e = c.estimate(&m, 3.4, [&[], &[]]);
        assert!((e.match_rate[SRC][0] - 11.0 / 102.0).abs() < 1e-9);
        assert_eq!(e.match_rate[TGT][0], 0.5);
    }

    #[test]
    fn semantic_evidence_is_monotone() {
        let mut m = model();
        m.semantic = Some((
            Gauss {
                mean: 0.6,
                var: 0.01,
            },
            Gauss {
                mean: 0.2,
                var: 0.02,
            },
        ));
        let xs = [-0.5, 0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.9, 1.0];
        let llr: Vec<f32> = xs.iter().map(|&x| m.semantic_llr(x)).collect();
        assert!(llr.windows(2).all(|w| w[0] <= w[1]), "{llr:?}");
        assert!(llr[0] < -2.5 && llr[8] > 3.0);
    }

    #[test]
    fn a_pair_the_encoder_scores_as_unrelated_is_bounded_evidence() {
        // A narrow aligned distribution: a true pair the encoder misjudges (a verse in a
        // register it never saw) would otherwise weigh as a veto of some ten nats.
        let mut m = model();
        m.semantic = Some((
            Gauss {
                mean: 0.6,
                var: 0.005,
            },
            Gauss {
                mean: 0.2,
                var: 0.01,
            },
        ));
        m.semantic_missed = 0.05;
        let floor = m.semantic_llr(0.2);
        assert!(floor >= (0.05f64).ln() as f32 - 1e-4, "{floor}");
        assert!(floor < -2.5, "{floor}");
        m.semantic_missed = 0.2;
        assert!(m.semantic_llr(0.2) > floor);
        // The misjudged share of a pair at the unrelated mean is nearly all of it, of one at
        // the aligned mean nearly none.
        assert!(m.semantic_missed_share(0.2) > 0.9);
        assert!(m.semantic_missed_share(0.6) < 0.01);
    }
}
