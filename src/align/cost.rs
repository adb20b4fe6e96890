//! Bead costs: Gale–Church length cost for beads with text on both sides, a constant per
//! unaligned sentence, and rewards for lexical and anchor evidence.

use super::Bead;
use crate::anchors::{PairAnchors, SentenceAnchors};

/// Every parameter of the aligner. Defaults were estimated on the gold pairs in corpora/ (see
/// README.md, "Alignment model"); none is specific to a text.
#[derive(Debug, Clone)]
pub struct Params {
    /// Target/source content-length ratio; re-estimated per document.
    pub ratio: f64,
    /// Gale–Church variance per source character.
    pub variance: f64,
    /// The first pass uses this multiple of the variance (the ratio is still rough).
    pub first_pass_variance_factor: f64,
    /// Cost of leaving one sentence unaligned (1-0 or 0-1), in nats.
    pub null_cost: f32,
    /// Base cost of any bead with text on both sides.
    pub base_cost: f32,
    /// Extra cost of 2-1/1-2, 2-2 and 3-1/1-3 beads.
    pub merge_cost: f32,
    pub merge22_cost: f32,
    pub merge31_cost: f32,
    /// Reward for full lexical coverage (both directions averaged, idf-weighted).
    pub lexical_reward: f32,
    /// Reward for all anchors (numbers, months, names, Latin tokens) matched.
    pub anchor_reward: f32,
    /// Lexical weight at which lexical evidence counts fully.
    pub lexical_evidence: f32,
    /// Support below which a sentence in a merged bead is penalised, and the penalty.
    pub min_support: f32,
    pub support_penalty: f32,
    /// Penalty for merging a document-head line (breadcrumb, dateline, headline) into a bead.
    pub head_merge_penalty: f32,
    /// Half-width of the initial band around the anchor path, in sentences.
    pub band: usize,
    /// Half-width of the initial band around the guide path of long spans, in sentences.
    pub guide_band: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            ratio: 0.86,
            variance: 3.4,
            first_pass_variance_factor: 4.0,
            null_cost: 2.7,
            base_cost: 6.0,
            merge_cost: 1.5,
            merge22_cost: 3.0,
            merge31_cost: 3.5,
            lexical_reward: 12.0,
            anchor_reward: 5.0,
            lexical_evidence: 3.0,
            min_support: 0.3,
            support_penalty: 4.0,
            head_merge_penalty: 6.0,
            band: 40,
            guide_band: 8,
        }
    }
}

/// -ln of the two-sided tail of the standard normal beyond |z|.
fn tail_cost(z: f64) -> f64 {
    let p = libm_erfc(z.abs() / std::f64::consts::SQRT_2);
    -(p.max(1e-12)).ln()
}

/// Complementary error function (Numerical Recipes erfcc; |error| < 1.2e-7).
fn libm_erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.26551223
            + t * (1.00002368
                + t * (0.37409196
                    + t * (0.09678418
                        + t * (-0.18628806
                            + t * (0.27886807
                                + t * (-1.13520398
                                    + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// Highest length cost: a length mismatch alone never outweighs every other signal.
const MAX_LENGTH_COST: f64 = 25.0;
/// Table steps per unit of |z|; the table reaches past the |z| where the cost is capped.
const TAIL_STEPS: f64 = 64.0;
const TAIL_SIZE: usize = 8 * 64 + 2;

/// `tail_cost` tabulated: the length cost runs for every cell and bead shape of the band, and an
/// erfc, an exp and a log each time were a tenth of the alignment's time. Linear interpolation
/// between steps of 1/64 is within 1e-3 of the exact value below the cap.
fn tail_table() -> &'static [f32; TAIL_SIZE] {
    static TABLE: std::sync::OnceLock<[f32; TAIL_SIZE]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0.0f32; TAIL_SIZE];
        for (k, v) in t.iter_mut().enumerate() {
            *v = tail_cost(k as f64 / TAIL_STEPS).min(MAX_LENGTH_COST) as f32;
        }
        t
    })
}

/// Gale–Church length cost of aligning `ls` source characters with `lt` target characters.
pub fn length_cost(ls: f64, lt: f64, p: &Params) -> f32 {
    let ls = ls.max(1.0);
    let z = ((lt - ls * p.ratio) / (ls * p.variance).sqrt()).abs() * TAIL_STEPS;
    let table = tail_table();
    if z.is_nan() || z >= (TAIL_SIZE - 1) as f64 {
        return MAX_LENGTH_COST as f32;
    }
    let k = z as usize;
    let f = (z - k as f64) as f32;
    table[k] + (table[k + 1] - table[k]) * f
}

/// Match masks of one sentence pair: items of src[i] matched by tgt[j], items of tgt[j] matched
/// by src[i].
#[derive(Debug, Clone, Copy, Default)]
pub struct CellMasks {
    pub src: u64,
    pub tgt: u64,
}

pub fn cell_masks(a: &PairAnchors, i: usize, j: usize) -> CellMasks {
    let (s, t) = (&a.src[i], &a.tgt[j]);
    CellMasks {
        src: s.matched_by_sentence(&t.offers, &t.offer_filter),
        tgt: t.matched_by_sentence(&s.offers, &s.offer_filter),
    }
}

/// Evidence of a group of sentences on one side, given per-sentence masks.
struct SideEvidence {
    lex: f32,
    lex_total: f32,
    anc: f32,
    anc_total: f32,
    /// Lowest own support among the sentences (only meaningful for two or more).
    min_support: f32,
    head_like: bool,
    len: f64,
}

fn side_evidence(sents: &[SentenceAnchors], first: usize, masks: &[u64]) -> SideEvidence {
    let mut e = SideEvidence {
        lex: 0.0,
        lex_total: 0.0,
        anc: 0.0,
        anc_total: 0.0,
        min_support: 1.0,
        head_like: false,
        len: 0.0,
    };
    for (k, &mask) in masks.iter().enumerate() {
        let s = &sents[first + k];
        let (l, a) = s.weights(mask);
        let (lt, at) = s.total;
        e.lex += l;
        e.anc += a;
        e.lex_total += lt;
        e.anc_total += at;
        e.head_like |= s.head_like;
        e.len += s.len;
        let support = if lt + at > 0.0 {
            (l + a) / (lt + at)
        } else {
            0.0
        };
        // Little evidence either way: judge such a sentence by length alone.
        let support = if lt + at < 1.0 {
            support.max(0.5 * (1.0 - (lt + at)))
        } else {
            support
        };
        e.min_support = e.min_support.min(support);
    }
    e
}

/// Cost of the bead src[i0..i0+di] ~ tgt[j0..j0+dj]; `mask` gives the cell masks. Allocation
/// free: it runs for every cell of the band and every bead shape.
pub fn bead_cost(
    a: &PairAnchors,
    p: &Params,
    i0: usize,
    di: usize,
    j0: usize,
    dj: usize,
    mask: &mut impl FnMut(usize, usize) -> CellMasks,
) -> f32 {
    if di == 0 || dj == 0 {
        return p.null_cost * (di + dj) as f32;
    }
    let mut src_masks = [0u64; 3];
    let mut tgt_masks = [0u64; 3];
    for (s, sm) in src_masks.iter_mut().enumerate().take(di) {
        for (t, tm) in tgt_masks.iter_mut().enumerate().take(dj) {
            let c = mask(i0 + s, j0 + t);
            *sm |= c.src;
            *tm |= c.tgt;
        }
    }
    // A 1-1 bead without any shared evidence always costs more than leaving both sentences
    // unaligned (base cost > two null costs), so it can never be on the best path.
    if di == 1
        && dj == 1
        && src_masks[0] == 0
        && tgt_masks[0] == 0
        && p.base_cost >= 2.0 * p.null_cost
    {
        return f32::INFINITY;
    }
    let es = side_evidence(&a.src, i0, &src_masks[..di]);
    let et = side_evidence(&a.tgt, j0, &tgt_masks[..dj]);
    let mut cost = length_cost(es.len, et.len, p) + p.base_cost;
    cost += match (di, dj) {
        (1, 1) => 0.0,
        (2, 1) | (1, 2) => p.merge_cost,
        (2, 2) => p.merge22_cost,
        _ => p.merge31_cost,
    };
    // Lexical evidence: idf-weighted coverage in both directions.
    let lex = match (es.lex_total > 0.0, et.lex_total > 0.0) {
        (true, true) => 0.5 * (es.lex / es.lex_total + et.lex / et.lex_total),
        _ => 0.0,
    };
    let evidence = (es.lex_total.min(et.lex_total) / p.lexical_evidence).min(1.0);
    cost -= p.lexical_reward * lex * evidence;
    let anc_total = es.anc_total + et.anc_total;
    if anc_total > 0.0 {
        let anc = (es.anc + et.anc) / anc_total;
        cost -= p.anchor_reward * anc * (anc_total / 2.0).min(1.0);
    }
    // Every sentence of a merged side must carry support of its own.
    for (side, n) in [(&es, di), (&et, dj)] {
        if n > 1 && side.min_support < p.min_support {
            cost += p.support_penalty * (p.min_support - side.min_support) / p.min_support;
        }
    }
    if (di > 1 && es.head_like) || (dj > 1 && et.head_like) {
        cost += p.head_merge_penalty;
    }
    cost
}

/// Confidence of a bead given its cost: how much better it is than leaving its sentences
/// unaligned, squashed to [0, 1].
pub fn confidence(cost: f32, sentences: usize, p: &Params) -> f64 {
    let margin = p.null_cost * sentences as f32 - cost;
    1.0 / (1.0 + (-(0.5 * margin as f64)).exp())
}

/// Gale–Church variance per source character measured on the confident beads with text on both
/// sides (at least five): mean of (l_tgt − ratio·l_src)² / l_src, with a median-based cap on each
/// bead's share so that one odd bead cannot set it.
pub fn reestimate_variance(a: &PairAnchors, beads: &[Bead], ratio: f64) -> Option<f64> {
    let mut v: Vec<f64> = beads
        .iter()
        .filter(|b| !b.is_null() && b.score >= 0.9)
        .filter_map(|b| {
            let ls: f64 = b.src.iter().map(|&i| a.src[i].len).sum();
            let lt: f64 = b.tgt.iter().map(|&j| a.tgt[j].len).sum();
            (ls > 0.0).then(|| (lt - ratio * ls).powi(2) / ls)
        })
        .collect();
    if v.len() < 5 {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let cap = 10.0 * v[v.len() / 2];
    Some(v.iter().map(|x| x.min(cap)).sum::<f64>() / v.len() as f64)
}

/// Median target/source length ratio over confident 1-1 beads (at least three), if any.
pub fn reestimate_ratio(a: &PairAnchors, beads: &[Bead]) -> Option<f64> {
    let mut r: Vec<f64> = beads
        .iter()
        .filter(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.score >= 0.9)
        .filter_map(|b| {
            let ls = a.src[b.src[0]].len;
            let lt = a.tgt[b.tgt[0]].len;
            (ls > 0.0 && lt > 0.0).then_some(lt / ls)
        })
        .collect();
    if r.len() < 3 {
        return None;
    }
    r.sort_by(f64::total_cmp);
    Some(r[r.len() / 2].clamp(0.2, 5.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_cost_is_small_at_expected_ratio() {
        let p = Params::default();
        assert!(length_cost(100.0, 86.0, &p) < 0.1);
        assert!(length_cost(100.0, 200.0, &p) > 10.0);
    }

    #[test]
    fn tabulated_length_cost_matches_the_exact_one() {
        let p = Params::default();
        for lt in (0..400).map(|k| k as f64 * 0.7) {
            let z = (lt - 100.0 * p.ratio) / (100.0 * p.variance).sqrt();
            let exact = tail_cost(z).min(MAX_LENGTH_COST) as f32;
            // Within one step of the cap, interpolation cuts the corner of the min().
            let tolerance = if exact < 24.0 { 1e-3 } else { 0.15 };
            assert!(
                (length_cost(100.0, lt, &p) - exact).abs() < tolerance,
                "lt {lt}"
            );
        }
    }

    #[test]
    fn variance_is_measured_on_confident_beads() {
        let sent = |len: f64| SentenceAnchors {
            len,
            ..Default::default()
        };
        // Target lengths 80 ± 10 for source lengths 100 at ratio 0.8: (±10)²/100 = 1 per bead.
        let a = PairAnchors {
            src: (0..8).map(|_| sent(100.0)).collect(),
            tgt: (0..8)
                .map(|k| sent(if k % 2 == 0 { 90.0 } else { 70.0 }))
                .collect(),
        };
        let bead = |k: usize, score: f64| Bead {
            src: vec![k],
            tgt: vec![k],
            score,
        };
        let beads: Vec<Bead> = (0..8).map(|k| bead(k, 0.95)).collect();
        let v = reestimate_variance(&a, &beads, 0.8).unwrap();
        assert!((v - 1.0).abs() < 1e-9, "{v}");
        // Unconfident beads do not count; too few confident ones give no estimate.
        let few: Vec<Bead> = (0..8)
            .map(|k| bead(k, if k < 4 { 0.95 } else { 0.5 }))
            .collect();
        assert_eq!(reestimate_variance(&a, &few, 0.8), None);
    }

    #[test]
    fn erfc_values() {
        assert!((libm_erfc(0.0) - 1.0).abs() < 1e-6);
        assert!((libm_erfc(1.0) - 0.157_299_2).abs() < 1e-6);
    }

    #[test]
    fn confidence_is_monotone() {
        let p = Params::default();
        assert!(confidence(-5.0, 2, &p) > confidence(3.0, 2, &p));
        assert!(confidence(-20.0, 2, &p) > 0.99);
    }
}
