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
    /// Penalty for merging a document-head line (breadcrumb, dateline, headline) into a bead:
    /// a translator splits a sentence into sentences, never into a sentence and a fragment.
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
            dot: 0.0,
        };
        for (s, sm) in m.src.iter_mut().enumerate().take(di) {
            for (t, tm) in m.tgt.iter_mut().enumerate().take(dj) {
                let c = mask(i0 + s, j0 + t);
                *sm |= c.src;
                *tm |= c.tgt;
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
        let (mut items, mut head) = (0.0f32, false);
        for (s, &m) in masks.src.iter().enumerate().take(di) {
            ls += a.src[i0 + s].len;
            head |= di > 1 && a.src[i0 + s].head_like;
            items += self.evidence.src.llr(i0 + s, m, dj);
        }
        for (t, &m) in masks.tgt.iter().enumerate().take(dj) {
            lt += a.tgt[j0 + t].len;
            head |= dj > 1 && a.tgt[j0 + t].head_like;
            items += self.evidence.tgt.llr(j0 + t, m, di);
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
        self.evidence.tgt.llr(j, masks.tgt[0], 1)
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
