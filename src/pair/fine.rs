//! The finer check of a few candidates: the lead sentences of the article and of the candidate
//! aligned with [`crate::align`], as `tarjama align` would, on anchors assembled from each
//! document's evidence (analysed once per document, not once per pair).

use super::terms::{self, SentenceEvidence};
use crate::align::{self, Bead, Params};
use crate::anchors::lexicon::Lexicon;
use crate::anchors::{Item, ItemKind, PairAnchors, SentenceAnchors};
use crate::text::translit::{skeleton_similarity, NAME_MATCH};
use crate::text::Lang;
use std::collections::HashMap;

/// Beads at least this confident count as aligned.
const CONFIDENT_BEAD: f64 = 0.5;

/// The lead sentences of one document, analysed.
pub struct Lead {
    pub sentences: Vec<SentenceEvidence>,
    /// Per sentence, per piece: the weight with the in-document idf factor of terms applied.
    weights: Vec<Vec<f32>>,
    /// English name skeleton → the word it was taken from (for explanations).
    pub name_words: HashMap<String, String>,
}

impl Lead {
    pub fn new(texts: &[String], lang: Lang, lex: &Lexicon) -> Lead {
        let sentences = terms::sentences(texts.iter().map(String::as_str), lang, lex);
        // Terms are weighted by idf within the document, as `anchors` does: a word in every
        // sentence says little about which sentences correspond.
        let n = sentences.len().max(1) as f32;
        let mut df: HashMap<&str, u32> = HashMap::new();
        for s in &sentences {
            let mut seen: Vec<&str> = s
                .pieces
                .iter()
                .filter_map(|p| p.idf_key.as_deref())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for k in seen {
                *df.entry(k).or_default() += 1;
            }
        }
        let weights: Vec<Vec<f32>> = sentences
            .iter()
            .map(|s| {
                s.pieces
                    .iter()
                    .map(|p| match &p.idf_key {
                        Some(k) => p.weight * (1.0 + n / df[k.as_str()] as f32).ln(),
                        None => p.weight,
                    })
                    .collect()
            })
            .collect();
        let mut name_words = HashMap::new();
        for (s, text) in sentences.iter().zip(texts) {
            let mut at = terms::CharCursor::new(text);
            for p in s.pieces.iter().filter(|p| p.kind == ItemKind::Name) {
                let word = at.slice(p.start, p.end).to_string();
                for k in &p.keys {
                    if let Some(skel) = k.strip_prefix("p:") {
                        name_words
                            .entry(skel.to_string())
                            .or_insert_with(|| word.clone());
                    }
                }
            }
        }
        Lead {
            sentences,
            weights,
            name_words,
        }
    }
}

/// What the alignment of two leads says.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FineScore {
    /// Share of the lead sentences (head lines aside) in confident beads with text on both sides.
    pub aligned_share: f64,
    /// Share of the anchors (numbers, months, names, Latin tokens) of those beads matched on the
    /// other side of their bead.
    pub anchor_agreement: f64,
    pub aligned_beads: usize,
    pub source_sentences: usize,
    pub article_sentences: usize,
}

/// Interns anchor keys above the lexicon's concepts, as `anchors` lays out its key space.
struct Keys<'a> {
    base: u32,
    map: HashMap<&'a str, u32>,
}

impl<'a> Keys<'a> {
    fn id(&mut self, key: &'a str) -> u32 {
        let next = self.base + self.map.len() as u32;
        *self.map.entry(key).or_insert(next)
    }
}

/// Sentence anchors from items and offers (the derived fields as `anchors` computes them).
fn finish(items: Vec<Item>, offers: Vec<u32>, ev: &SentenceEvidence) -> SentenceAnchors {
    SentenceAnchors::new(
        items,
        offers,
        ev.len,
        ev.numbers.clone(),
        Vec::new(),
        ev.words,
        ev.head_like,
    )
}

fn side<'a>(
    lead: &'a Lead,
    keys: &mut Keys<'a>,
    names: Option<&[(&'a str, u32)]>,
) -> Vec<SentenceAnchors> {
    lead.sentences
        .iter()
        .zip(&lead.weights)
        .map(|(ev, weights)| {
            let mut items: Vec<Item> = Vec::with_capacity(ev.pieces.len());
            let mut offers: Vec<u32> = Vec::new();
            for (p, &w) in ev.pieces.iter().zip(weights) {
                let mut k: Vec<u32> = p.concepts.clone();
                k.extend(p.keys.iter().map(|s| keys.id(s)));
                offers.extend_from_slice(&k);
                items.push(Item {
                    kind: p.kind,
                    weight: w,
                    keys: k,
                    start: p.start,
                    end: p.end,
                    share: 1.0,
                });
            }
            offers.extend(ev.extra_keys.iter().map(|s| keys.id(s)));
            if let Some(names) = names {
                for n in &ev.names {
                    let hits: Vec<u32> = names
                        .iter()
                        .filter(|(e, _)| {
                            n.skeletons.iter().any(|s| {
                                e.len().abs_diff(s.len()) <= 2
                                    && skeleton_similarity(s, e) >= NAME_MATCH
                            })
                        })
                        .map(|&(_, id)| id)
                        .collect();
                    if hits.is_empty() {
                        continue;
                    }
                    offers.extend_from_slice(&hits);
                    match n.piece {
                        Some(k) => items[k].keys.extend_from_slice(&hits),
                        None => items.push(Item {
                            kind: ItemKind::Name,
                            weight: 1.0,
                            keys: hits,
                            start: n.start,
                            end: n.end,
                            share: 1.0,
                        }),
                    }
                }
            }
            finish(items, offers, ev)
        })
        .collect()
}

/// Anchors of a candidate pair: the English lead as source, the Arabic lead as target, with the
/// Arabic words that transliterate the English names linked to them.
pub fn pair_anchors<'a>(source: &'a Lead, article: &'a Lead, lex: &Lexicon) -> PairAnchors {
    let mut keys = Keys {
        base: lex.n_concepts(),
        map: HashMap::new(),
    };
    let src = side(source, &mut keys, None);
    let names: Vec<(&str, u32)> = source
        .sentences
        .iter()
        .flat_map(|s| s.pieces.iter())
        .filter(|p| p.kind == ItemKind::Name)
        .flat_map(|p| p.keys.iter())
        .filter_map(|k| {
            k.strip_prefix("p:")
                .map(|skel| (skel, keys.map[k.as_str()]))
        })
        .collect::<HashMap<_, _>>()
        .into_iter()
        .collect();
    let tgt = side(article, &mut keys, Some(&names));
    PairAnchors { src, tgt }
}

/// Aligns the two leads and scores the result.
pub fn score(source: &Lead, article: &Lead, lex: &Lexicon) -> FineScore {
    let anchors = pair_anchors(source, article, lex);
    let beads = align::align(&anchors, &Params::default());
    features(&anchors, &beads)
}

fn features(a: &PairAnchors, beads: &[Bead]) -> FineScore {
    let prose = |s: &SentenceAnchors| !s.head_like;
    let n_src = a.src.iter().filter(|s| prose(s)).count();
    let n_tgt = a.tgt.iter().filter(|s| prose(s)).count();
    let (mut aligned, mut beads_n) = (0usize, 0usize);
    let (mut matched, mut total) = (0.0f32, 0.0f32);
    for b in beads
        .iter()
        .filter(|b| !b.is_null() && b.score >= CONFIDENT_BEAD)
    {
        beads_n += 1;
        aligned += b.src.iter().filter(|&&i| prose(&a.src[i])).count();
        aligned += b.tgt.iter().filter(|&&j| prose(&a.tgt[j])).count();
        let (src_offers, tgt_offers) = (
            crate::anchors::offers_of(&a.src, &b.src),
            crate::anchors::offers_of(&a.tgt, &b.tgt),
        );
        for (sents, idx, other) in [(&a.src, &b.src, &tgt_offers), (&a.tgt, &b.tgt, &src_offers)] {
            for &i in idx.iter() {
                let s = &sents[i];
                matched += s.weights(s.matched_by(other)).1;
                total += s.totals().1;
            }
        }
    }
    let denominator = (n_src + n_tgt).max(1) as f64;
    // Few anchors say little either way: shrink toward one half.
    let agreement = (f64::from(matched) + 0.5) / (f64::from(total) + 1.0);
    FineScore {
        aligned_share: (aligned as f64 / denominator).min(1.0),
        anchor_agreement: agreement,
        aligned_beads: beads_n,
        source_sentences: a.src.len(),
        article_sentences: a.tgt.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(text: &[&str], lang: Lang) -> Lead {
        let t: Vec<String> = text.iter().map(|s| s.to_string()).collect();
        Lead::new(&t, lang, Lexicon::builtin())
    }

    #[test]
    fn translation_aligns_better_than_another_statement() {
        let en = lead(
            &[
                "The United States announced $95 million in security assistance to the Lebanese Armed Forces.",
                "Ambassador Margaret Ellison announced the package on March 4, 2025.",
                "The package includes $60 million for border security equipment.",
            ],
            Lang::En,
        );
        let other = lead(
            &[
                "The United States announced $42 million in new assistance to the Internal Security Forces.",
                "Ambassador Lisa Brown announced the assistance on June 17, 2025.",
                "The assistance includes $27 million for patrol vehicles.",
            ],
            Lang::En,
        );
        let ar = lead(
            &[
                "أعلنت الولايات المتحدة عن مساعدات أمنية للجيش اللبناني بقيمة 95 مليون دولار.",
                "وأعلنت السفيرة مارغريت إليسون عن الحزمة في 4 آذار 2025.",
                "وتشمل الحزمة 60 مليون دولار لمعدات أمن الحدود.",
            ],
            Lang::Ar,
        );
        let lex = Lexicon::builtin();
        let right = score(&en, &ar, lex);
        let wrong = score(&other, &ar, lex);
        assert!(right.aligned_share > 0.9, "{right:?}");
        assert!(right.anchor_agreement > 0.8, "{right:?}");
        assert!(
            wrong.anchor_agreement < right.anchor_agreement - 0.3,
            "{wrong:?} vs {right:?}"
        );
    }
}
