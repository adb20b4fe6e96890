//! Item-match evidence of a bead as a log-likelihood ratio.
//!
//! An item (a content word with lexicon translations, a number, a month, a name, a Latin token)
//! of a sentence is matched when the other side of the bead offers one of its keys. If the
//! sentence is truly aligned, that happens at the document's match rate for the item's kind
//! (estimated, see `model.rs`); if it is not, at the rate a random sentence of the other side
//! offers the item — its document frequency there, counted once per document. So a rare name
//! found is strong evidence, a frequent word found is weak, and a word that is rarely matched
//! even in true pairs (a thin glossary, a free rendering) costs little when it is missing.

use super::model::{kind_index, Model};
use crate::anchors::SentenceAnchors;
use std::collections::HashMap;

/// The evidence tables of one side of a pair.
#[derive(Debug, Clone, Default)]
pub struct SideTables {
    /// Items of sentence s are `offset[s]..offset[s + 1]` in the flat vectors.
    offset: Vec<u32>,
    /// Chance that one random sentence of the other side offers the item.
    chance: Vec<f32>,
    kind: Vec<u8>,
    /// The item's identity: items with the same keys (one word, one number) share a match rate.
    ident: Vec<u32>,
    /// Number of distinct identities.
    n_idents: usize,
    /// The part of one piece of evidence each item is (see `Item::share`).
    share: Vec<f32>,
    /// Per sentence: the log-likelihood ratio with no item matched.
    base: Vec<f32>,
    /// Per item: what the item adds to the ratio when one partner sentence matches it.
    gain: Vec<f32>,
    /// Per item: the ratio of its likelihoods matched and missed by one true partner, less one
    /// (exp of its unshared one-sentence gain, less one); see [`SideTables::llr_split`].
    boost: Vec<f32>,
    /// Per item: its match rate in true pairs, as last estimated.
    rate: Vec<f32>,
}

impl SideTables {
    /// Tables of `sents`, whose items are matched by the offers of `other`.
    pub fn new(sents: &[SentenceAnchors], other: &[SentenceAnchors]) -> SideTables {
        let frequency = offer_frequency(other);
        let m = other.len() as f32;
        let mut t = SideTables {
            offset: Vec::with_capacity(sents.len() + 1),
            ..SideTables::default()
        };
        let mut idents: HashMap<&[u32], u32> = HashMap::new();
        for s in sents {
            t.offset.push(t.chance.len() as u32);
            for item in &s.items {
                let next = idents.len() as u32;
                t.ident
                    .push(*idents.entry(item.keys.as_slice()).or_insert(next));
                let df = item
                    .keys
                    .iter()
                    .map(|&k| frequency.get(k as usize).copied().unwrap_or(0))
                    .max()
                    .unwrap_or(0) as f32;
                t.chance.push(((df + 0.5) / (m + 1.0)).min(0.95));
                t.kind.push(kind_index(item.kind) as u8);
                t.share.push(item.share);
            }
        }
        t.offset.push(t.chance.len() as u32);
        t.n_idents = idents.len();
        t.base = vec![0.0; sents.len()];
        t.gain = vec![0.0; t.chance.len()];
        t.boost = vec![0.0; t.chance.len()];
        t.rate = vec![0.5; t.chance.len()];
        t
    }

    /// Recomputes the ratios for the match rates `rates` (by kind, and by identity where the
    /// document has estimated one: `ident_rates`, empty before the first estimate). Without `misses`, an
    /// unmatched item counts for nothing: the first round of the estimate, while the rates are
    /// still guesses (a guessed rate makes every miss of a thinly covered document evidence
    /// against alignment, and the estimate then drifts towards unaligned sentences).
    pub fn update(
        &mut self,
        rates: &[f64; 6],
        ident_rates: &[f32],
        misses: bool,
        sentences: std::ops::Range<usize>,
    ) {
        for s in sentences.start..sentences.end.min(self.base.len()) {
            let (a, b) = (self.offset[s] as usize, self.offset[s + 1] as usize);
            let mut base = 0.0f64;
            for k in a..b {
                let p1 = match ident_rates.get(self.ident[k] as usize) {
                    Some(&r) => r as f64,
                    None => rates[self.kind[k] as usize],
                };
                self.rate[k] = p1 as f32;
                let p0 = self.chance[k] as f64;
                let p1 = p1.max(p0);
                let share = self.share[k] as f64;
                let miss = if misses {
                    ((1.0 - p1) / (1.0 - p0)).ln()
                } else {
                    0.0
                };
                base += miss * share;
                let gain = (p1 / p0).ln() - miss;
                self.gain[k] = (gain * share) as f32;
                self.boost[k] = (gain.exp() - 1.0) as f32;
            }
            self.base[s] = base as f32;
        }
    }

    /// Item `k` of sentence `s`: its match rate in true pairs and the chance that `union`
    /// random sentences of the other side offer it, as estimated for this document.
    pub fn item_rates(&self, s: usize, k: usize, union: usize) -> (f64, f64) {
        let i = self.offset[s] as usize + k;
        let (Some(&p1), Some(&p0)) = (self.rate.get(i), self.chance.get(i)) else {
            return (0.5, 0.5);
        };
        let p0u = 1.0 - (1.0 - p0 as f64).powi(union.max(1) as i32);
        ((p1 as f64).max(p0u), p0u)
    }

    /// The ratio of sentence `s` facing one sentence of the other side, which matches its items
    /// `mask`.
    #[inline]
    pub fn llr(&self, s: usize, mask: u64) -> f32 {
        let mut v = self.base[s];
        let first = self.offset[s] as usize;
        let mut m = mask;
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            m &= m - 1;
            if let Some(g) = self.gain.get(first + k) {
                v += g;
            }
        }
        v
    }

    /// The ratio of sentence `s` facing several sentences of the other side: `masks[x]` are its
    /// items matched by sentence x, `shares[x]` that sentence's part of their content. Each of
    /// its items renders (or is rendered by) one sentence of the union — x with probability
    /// `shares[x]` — which offers it at the true-pair rate while the others offer it only by
    /// chance. An item matched by sentences holding share W of the union is then
    /// 1 + W (r − 1) times likelier than under chance, r its one-partner ratio: found by the
    /// long sentence of a 2-1 bead it is nearly as strong as in a 1-1 bead, found only by the
    /// short one it is weak. (Asking whether *any* sentence of the union offers it, at the
    /// chance that any of them does, would discount every match of a merge alike.)
    pub fn llr_split(&self, s: usize, masks: &[u64], shares: &[f32]) -> f32 {
        // One partner holds the whole share: the tabulated gains, without a logarithm per item.
        if let [mask] = masks {
            return self.llr(s, *mask);
        }
        let mut v = self.base[s];
        let first = self.offset[s] as usize;
        let mut m = masks.iter().fold(0, |acc, &x| acc | x);
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            m &= m - 1;
            let bit = 1u64 << k;
            let w: f32 = masks
                .iter()
                .zip(shares)
                .filter(|(x, _)| *x & bit != 0)
                .map(|(_, w)| w)
                .sum();
            if let (Some(&r), Some(&share)) = (self.boost.get(first + k), self.share.get(first + k))
            {
                v += share * (1.0 + w.min(1.0) * r).ln();
            }
        }
        v
    }

    /// Matched and total items of sentence `s`, by kind and by identity, added to `c`.
    pub fn count(&self, s: usize, mask: u64, weight: f64, c: &mut ItemCounts) {
        if c.ident_items.len() < self.n_idents {
            c.ident_items.resize(self.n_idents, 0.0);
            c.ident_matched.resize(self.n_idents, 0.0);
        }
        let (a, b) = (self.offset[s] as usize, self.offset[s + 1] as usize);
        for k in a..b {
            let kind = self.kind[k] as usize;
            let id = self.ident[k] as usize;
            // A word counted by a number or a date, or one word of a multi-word unit, is not
            // (or only part of) an observation of its own.
            let w = weight * self.share[k] as f64;
            c.items[kind] += w;
            c.ident_items[id] += w;
            if mask & (1u64 << (k - a)) != 0 {
                c.matched[kind] += w;
                c.ident_matched[id] += w;
            }
        }
    }

    /// The kind of each identity (for the prior of its rate).
    pub fn ident_kinds(&self) -> Vec<u8> {
        let mut kinds = vec![0u8; self.n_idents];
        for (k, &id) in self.ident.iter().enumerate() {
            kinds[id as usize] = self.kind[k];
        }
        kinds
    }
}

/// Matched and total items of one side, by kind and by identity.
#[derive(Debug, Clone, Default)]
pub struct ItemCounts {
    pub matched: [f64; 6],
    pub items: [f64; 6],
    pub ident_matched: Vec<f64>,
    pub ident_items: Vec<f64>,
}

impl ItemCounts {
    /// Per-kind rates (Beta(1, 1) prior), and per-identity rates shrunk towards their kind's
    /// rate with the weight of `IDENT_PRIOR_ITEMS` items: a word the document matches in
    /// every true pair is evidence when it is missing; one it never matches costs nothing.
    pub fn rates(&self, kinds: &[u8]) -> ([f64; 6], Vec<f32>) {
        let mut by_kind = [0.5; 6];
        for (k, r) in by_kind.iter_mut().enumerate() {
            *r = ((self.matched[k] + 1.0) / (self.items[k] + 2.0)).clamp(0.01, 0.99);
        }
        let by_ident = self
            .ident_items
            .iter()
            .zip(&self.ident_matched)
            .zip(kinds)
            .map(|((&n, &m), &kind)| {
                let prior = by_kind[kind as usize];
                ((m + IDENT_PRIOR_ITEMS * prior) / (n + IDENT_PRIOR_ITEMS)).clamp(0.01, 0.99) as f32
            })
            .collect();
        (by_kind, by_ident)
    }
}

/// Weight, in items, of the kind's rate in an identity's rate.
const IDENT_PRIOR_ITEMS: f64 = 2.0;

impl SideTables {}

/// Both sides' tables.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    pub src: SideTables,
    pub tgt: SideTables,
}

impl Evidence {
    /// The tables of a pair; no ratio is computed until [`Evidence::update`].
    pub fn new(src: &[SentenceAnchors], tgt: &[SentenceAnchors]) -> Evidence {
        Evidence {
            src: SideTables::new(src, tgt),
            tgt: SideTables::new(tgt, src),
        }
    }

    /// Recomputes the tables of the sentences in `src` and `tgt` for `model`.
    pub fn update(
        &mut self,
        model: &Model,
        misses: bool,
        src: std::ops::Range<usize>,
        tgt: std::ops::Range<usize>,
    ) {
        use super::model::{SRC, TGT};
        self.src
            .update(&model.match_rate[SRC], &model.ident_rate[SRC], misses, src);
        self.tgt
            .update(&model.match_rate[TGT], &model.ident_rate[TGT], misses, tgt);
    }
}

/// For each key, the number of sentences offering it (keys are dense ids, so a vector).
fn offer_frequency(sents: &[SentenceAnchors]) -> Vec<u32> {
    let max = sents
        .iter()
        .filter_map(|s| s.offers.last())
        .max()
        .copied()
        .unwrap_or(0) as usize;
    let mut f = vec![0u32; max + 1];
    for s in sents {
        // Offers are sorted and distinct: each sentence counts once per key.
        for &k in &s.offers {
            f[k as usize] += 1;
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::{Item, ItemKind};

    fn sentence(keys: &[u32], offers: &[u32]) -> SentenceAnchors {
        let items = keys
            .iter()
            .map(|&k| Item {
                kind: ItemKind::Term,
                weight: 1.0,
                keys: vec![k],
                start: 0,
                end: 1,
                share: 1.0,
            })
            .collect();
        SentenceAnchors::new(items, offers.to_vec(), 10.0, vec![], vec![], 3, false)
    }

    #[test]
    fn a_rare_match_outweighs_a_frequent_one() {
        // Key 1 is offered by every target sentence, key 2 by one.
        let src = vec![sentence(&[1, 2], &[1, 2])];
        let tgt: Vec<_> = (0..10)
            .map(|k| sentence(&[], if k == 0 { &[1, 2] } else { &[1] }))
            .collect();
        let mut t = SideTables::new(&src, &tgt);
        t.update(&[0.8; 6], &[], true, 0..1);
        let frequent = t.llr(0, 0b01) - t.llr(0, 0);
        let rare = t.llr(0, 0b10) - t.llr(0, 0);
        assert!(rare > 1.5 && rare > frequent + 1.0, "{rare} {frequent}");
    }

    #[test]
    fn a_match_in_a_merge_counts_by_the_share_of_the_sentence_that_makes_it() {
        // One target sentence whose rare item 1 faces two source sentences.
        let tgt = vec![sentence(&[1], &[1])];
        let src: Vec<_> = (0..10)
            .map(|k| sentence(&[], if k == 0 { &[1] } else { &[] }))
            .collect();
        let mut t = SideTables::new(&tgt, &src);
        t.update(&[0.8; 6], &[], true, 0..1);
        let one = t.llr(0, 0b1);
        // Found by the long sentence of a 2-1 bead: nearly the whole one-partner evidence.
        let by_long = t.llr_split(0, &[0b1, 0], &[0.9, 0.1]);
        // Found only by the short one: weak.
        let by_short = t.llr_split(0, &[0, 0b1], &[0.9, 0.1]);
        // Found by both, or missed by both: as with one partner.
        let by_both = t.llr_split(0, &[0b1, 0b1], &[0.9, 0.1]);
        let missed = t.llr_split(0, &[0, 0], &[0.9, 0.1]);
        assert!(one - by_long < 0.15, "{one} {by_long}");
        assert!(
            by_short < by_long - 1.5 && by_short > missed,
            "{by_short} {missed}"
        );
        assert!((by_both - one).abs() < 1e-4 && (missed - t.llr(0, 0)).abs() < 1e-6);
    }

    #[test]
    fn missing_matches_cost_little_when_true_pairs_rarely_match() {
        let src = vec![sentence(&[1, 2, 3, 4], &[1, 2, 3, 4])];
        let tgt: Vec<_> = (0..10).map(|k| sentence(&[], &[k + 1])).collect();
        let mut t = SideTables::new(&src, &tgt);
        t.update(&[0.1; 6], &[], true, 0..1);
        let thin = t.llr(0, 0);
        t.update(&[0.8; 6], &[], true, 0..1);
        let rich = t.llr(0, 0);
        assert!(thin > -0.2 && rich < -4.0, "{thin} {rich}");
    }

    /// Two words of one unit (share ½ each), found or missed together, weigh what one word of
    /// the same rarity weighs: correlated words are not independent evidence.
    #[test]
    fn the_words_of_a_unit_weigh_one_word() {
        let mut unit = sentence(&[1, 2], &[1, 2]);
        unit.items.iter_mut().for_each(|it| it.share = 0.5);
        let single = sentence(&[1], &[1]);
        // Keys 1 and 2 are offered by the same one target sentence in ten.
        let tgt: Vec<_> = (0..10)
            .map(|k| sentence(&[], if k == 0 { &[1, 2] } else { &[9] }))
            .collect();
        let mut u = SideTables::new(&[unit], &tgt);
        let mut w = SideTables::new(&[single], &tgt);
        u.update(&[0.8; 6], &[], true, 0..1);
        w.update(&[0.8; 6], &[], true, 0..1);
        assert!((u.llr(0, 0b11) - w.llr(0, 0b1)).abs() < 1e-5);
        assert!((u.llr(0, 0) - w.llr(0, 0)).abs() < 1e-5);
        assert!(w.llr(0, 0b1) > 1.0);
    }

    #[test]
    fn counts_by_kind() {
        let src = vec![sentence(&[1, 2, 3], &[1, 2, 3])];
        let t = SideTables::new(&src, &src);
        let mut c = ItemCounts::default();
        t.count(0, 0b101, 0.5, &mut c);
        assert_eq!((c.matched[0], c.items[0]), (1.0, 1.5));
        assert_eq!(c.ident_matched, vec![0.5, 0.0, 0.5]);
    }
}
