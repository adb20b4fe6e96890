//! Bead costs: −ln of a bead's probability relative to leaving its sentences unaligned, from the
//! document's model (`model.rs`): the shape prior, the length ratio, the item-match evidence
//! (`evidence.rs`) and, when sentence embeddings are present, their similarity.

use super::evidence::Evidence;
use super::model::{Model, SHAPES};
use super::semantic::Semantic;
use crate::anchors::PairAnchors;

/// The aligner's fixed settings; everything about a particular document is estimated (see
/// [`Model`]).
#[derive(Debug, Clone)]
pub struct Params {
    /// Gale–Church variance per source character at the start of the estimate, and the weight
    /// it keeps as a prior.
    pub variance: f64,
    /// The first pass uses this multiple of the variance (the ratio is still rough).
    pub first_pass_variance_factor: f64,
    /// Expectation–maximisation rounds before the final alignment.
    pub em_rounds: usize,
    /// Penalty for merging a head line of the translation (breadcrumb, dateline, headline) into
    /// a bead: a translator splits a sentence into sentences, never into a sentence and a
    /// fragment of the page.
    pub head_merge_penalty: f32,
    /// Half-width of the initial band around the anchor path, in sentences.
    pub band: usize,
    /// Half-width of the initial band around the guide path of long spans, in sentences.
    pub guide_band: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            variance: 3.4,
            first_pass_variance_factor: 4.0,
            em_rounds: 4,
            head_merge_penalty: 6.0,
            band: 40,
            guide_band: 8,
        }
    }
}

/// Match masks of one sentence pair: items of src[i] matched by tgt[j], items of tgt[j] matched
/// by src[i].
#[derive(Debug, Clone, Copy, Default)]
pub struct CellMasks {
    pub src: u64,
    pub tgt: u64,
    /// Dot product of the two sentences' unit embeddings (0 without a semantic model).
    pub dot: f32,
}

/// Index of a shape in [`SHAPES`].
pub fn shape_index(di: usize, dj: usize) -> usize {
    SHAPES
        .iter()
        .position(|&s| s == (di, dj))
        .unwrap_or(SHAPES.len() - 1)
}

/// Where in a bead each sentence's items are likely rendered: sentence s of one side holds the
/// part of the bead's text from its first to its last character, as a fraction of its side;
/// an item of target sentence t comes from source sentence s with the probability that a point
/// of t's stretch falls in s's stretch (their overlap over t's length), and likewise both ways.
/// With one sentence on a side this is each sentence's share of the other side's length; in a
/// 2-2 bead it keeps the order: the first target sentence renders the first source sentence,
/// not the second, so a swapped pair is no 2-2 bead.
struct Shares {
    of_src: [[f32; 3]; 3],
    of_tgt: [[f32; 3]; 3],
}

impl Shares {
    fn new(src: &[f64], tgt: &[f64]) -> Shares {
        let mut sh = Shares {
            of_src: [[0.0; 3]; 3],
            of_tgt: [[0.0; 3]; 3],
        };
        // One sentence on a side (most beads): it faces the other side's sentences by their
        // shares of the length, and each of them faces it alone. No overlaps to compute.
        if src.len() == 1 || tgt.len() == 1 {
            let (src_shares, tgt_shares) = (length_shares(src), length_shares(tgt));
            for (a, row) in sh.of_src.iter_mut().enumerate().take(src.len()) {
                for (b, x) in row.iter_mut().enumerate().take(tgt.len()) {
                    *x = if src.len() == 1 { tgt_shares[b] } else { 1.0 };
                    sh.of_tgt[b][a] = if tgt.len() == 1 { src_shares[a] } else { 1.0 };
                }
            }
            return sh;
        }
        let stretches = |lens: &[f64]| {
            let total: f64 = lens.iter().sum();
            let mut out = [(0.0, 0.0); 3];
            let mut at = 0.0;
            for (k, &l) in lens.iter().enumerate() {
                // Sentences without content share their side evenly.
                let part = if total > 0.0 {
                    l / total
                } else {
                    1.0 / lens.len() as f64
                };
                out[k] = (at, at + part);
                at += part;
            }
            out
        };
        let (s, t) = (stretches(src), stretches(tgt));
        let overlap = |x: (f64, f64), y: (f64, f64)| (x.1.min(y.1) - x.0.max(y.0)).max(0.0);
        for (a, &x) in s.iter().enumerate().take(src.len()) {
            for (b, &y) in t.iter().enumerate().take(tgt.len()) {
                let o = overlap(x, y);
                if x.1 > x.0 {
                    sh.of_src[a][b] = (o / (x.1 - x.0)) as f32;
                }
                if y.1 > y.0 {
                    sh.of_tgt[b][a] = (o / (y.1 - y.0)) as f32;
                }
            }
        }
        sh
    }
}

/// Each sentence's part of the summed length of `lens` (even parts when they are all empty): what
/// [`Shares`] gives the sentences of a side facing one sentence.
fn length_shares(lens: &[f64]) -> [f32; 3] {
    let total: f64 = lens.iter().sum();
    let mut out = [0.0f32; 3];
    for (o, &l) in out.iter_mut().zip(lens) {
        *o = if total > 0.0 {
            (l / total) as f32
        } else {
            1.0 / lens.len() as f32
        };
    }
    out
}

/// Everything a bead's cost depends on.
pub struct Scorer<'a> {
    pub anchors: &'a PairAnchors,
    pub model: &'a Model,
    pub evidence: &'a Evidence,
    pub semantic: Option<&'a Semantic>,
    pub params: &'a Params,
}

/// The parts of a bead's log-likelihood ratio, for the estimate (E step) and for reasons.
#[derive(Debug, Clone, Copy, Default)]
pub struct BeadTerms {
    pub shape: f32,
    pub length: f32,
    pub items: f32,
    pub semantic: f32,
    pub head: f32,
    /// Summed content lengths of each side, and the embedding cosine (beads with both sides).
    pub ls: f64,
    pub lt: f64,
    pub cosine: Option<f32>,
}

impl BeadTerms {
    pub fn cost(&self) -> f32 {
        self.shape - self.length - self.items - self.semantic + self.head
    }
}

/// The masks of a bead: each sentence's items matched by the union of the other side.
pub struct BeadMasks {
    pub src: [u64; 3],
    pub tgt: [u64; 3],
    /// Per sentence of each side, its items matched by each sentence of the other side.
    pub src_by: [[u64; 3]; 3],
    pub tgt_by: [[u64; 3]; 3],
    /// Sum of the cells' embedding dot products.
    pub dot: f32,
}

impl Scorer<'_> {
    /// The masks (and embedding dot product) of source sentence i and target sentence j.
    pub fn cell(&self, i: usize, j: usize) -> CellMasks {
        let (s, t) = (&self.anchors.src[i], &self.anchors.tgt[j]);
        CellMasks {
            src: s.matched_by_sentence(&t.offers, &t.offer_filter),
            tgt: t.matched_by_sentence(&s.offers, &s.offer_filter),
            dot: self.semantic.map_or(0.0, |sem| sem.dot(i, j)),
        }
    }

    /// The masks of bead src[i0..i0+di] ~ tgt[j0..j0+dj].
    pub fn masks(
        &self,
        i0: usize,
        di: usize,
        j0: usize,
        dj: usize,
        mask: &mut impl FnMut(usize, usize) -> CellMasks,
    ) -> BeadMasks {
        let mut m = BeadMasks {
            src: [0; 3],
            tgt: [0; 3],
            src_by: [[0; 3]; 3],
            tgt_by: [[0; 3]; 3],
            dot: 0.0,
        };
        for (s, sm) in m.src.iter_mut().enumerate().take(di) {
            for (t, tm) in m.tgt.iter_mut().enumerate().take(dj) {
                let c = mask(i0 + s, j0 + t);
                *sm |= c.src;
                *tm |= c.tgt;
                m.src_by[s][t] = c.src;
                m.tgt_by[t][s] = c.tgt;
                if let Some(sem) = self.semantic {
                    m.dot += c.dot * sem.src_weight(i0 + s) * sem.tgt_weight(j0 + t);
                }
            }
        }
        m
    }

    /// The terms of bead src[i0..i0+di] ~ tgt[j0..j0+dj].
    pub fn terms(
        &self,
        i0: usize,
        di: usize,
        j0: usize,
        dj: usize,
        mask: &mut impl FnMut(usize, usize) -> CellMasks,
    ) -> BeadTerms {
        let shape = self.model.shape_cost[shape_index(di, dj)];
        if di == 0 || dj == 0 {
            return BeadTerms {
                shape,
                ..BeadTerms::default()
            };
        }
        let a = self.anchors;
        let masks = self.masks(i0, di, j0, dj, mask);
        let (mut ls, mut lt) = (0.0, 0.0);
        let mut head = false;
        let mut src_len = [0.0f64; 3];
        let mut tgt_len = [0.0f64; 3];
        // Only the translation's own head lines are kept out of merged beads: its headline and
        // dateline are the outlet's, while the source's title is content the rendering may fold
        // into its lead ("Joint Statement on …" as «أصدرت … بياناً مشتركاً حول …»).
        for (s, l) in src_len.iter_mut().enumerate().take(di) {
            *l = a.src[i0 + s].len;
            ls += *l;
        }
        for (t, l) in tgt_len.iter_mut().enumerate().take(dj) {
            *l = a.tgt[j0 + t].len;
            lt += *l;
            head |= dj > 1 && a.tgt[j0 + t].head_like;
        }
        // Nor does a line of the page (dateline, "read also" link) render a sentence of prose:
        // the translation's head line faces a source sentence only if that one is a head line
        // too (a title rendered as the headline).
        head |= dj == 1 && a.tgt[j0].head_like && (0..di).any(|s| !a.src[i0 + s].head_like);
        // Each sentence faces the other side's sentences of the bead, each holding its share.
        let shares = Shares::new(&src_len[..di], &tgt_len[..dj]);
        let ev = self.evidence;
        let mut items = 0.0f32;
        for s in 0..di {
            items += ev
                .src
                .llr_split(i0 + s, &masks.src_by[s][..dj], &shares.of_src[s][..dj]);
        }
        for t in 0..dj {
            items += ev
                .tgt
                .llr_split(j0 + t, &masks.tgt_by[t][..di], &shares.of_tgt[t][..di]);
        }
        // Both directions see mostly the same matches: their mean, not their sum.
        let items = 0.5 * items;
        let cosine = self
            .semantic
            .map(|sem| sem.bead_cosine(masks.dot, i0..i0 + di, j0..j0 + dj));
        BeadTerms {
            shape,
            length: self.model.length_llr(ls, lt, dj),
            items,
            semantic: cosine.map_or(0.0, |c| self.model.semantic_llr(c)),
            ls,
            lt,
            cosine,
            head: if head {
                self.params.head_merge_penalty
            } else {
                0.0
            },
        }
    }

    /// The evidence of target sentence `j`'s own items that it renders (part of) source
    /// sentence `i`: the target direction of a 1-1 bead's item term only. A sentence giving part
    /// of a longer one is judged on what it says, not on what of the longer one it leaves out.
    pub fn target_items(
        &self,
        i: usize,
        j: usize,
        mask: &mut impl FnMut(usize, usize) -> CellMasks,
    ) -> f32 {
        let masks = self.masks(i, 1, j, 1, mask);
        self.evidence.tgt.llr(j, masks.tgt[0])
    }

    /// Cost of the bead src[i0..i0+di] ~ tgt[j0..j0+dj]. Allocation free: it runs for every cell
    /// of the band and every bead shape.
    pub fn cost(
        &self,
        i0: usize,
        di: usize,
        j0: usize,
        dj: usize,
        mask: &mut impl FnMut(usize, usize) -> CellMasks,
    ) -> f32 {
        self.terms(i0, di, j0, dj, mask).cost()
    }
}
