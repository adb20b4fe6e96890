//! A word lexicon learned from aligned sentence pairs (IBM Model 1, both directions).
//!
//! A corpus of a genre the glossary does not cover (scripture, sport, medicine) aligns on length
//! alone at first; its confident beads still hold enough parallel text to estimate which Arabic
//! word renders which English word. IBM Model 1 (Brown et al. 1993) does this with EM over the
//! word co-occurrences of the beads; trained in both directions, a pair is kept when each word
//! is among the best translations of the other (the usual intersection heuristic of word
//! alignment), so that a frequent word that co-occurs with everything is not taken for a
//! translation. Nothing here is fitted to a text: the thresholds are relative to each word's best
//! translation and to how often the two words were seen together.

use super::lexicon::{ar_key, en_key, is_closed_class, Lexicon};
use crate::text::tokens::{tokenize, TokenKind};
use crate::text::{arabic, english};
use std::collections::{HashMap, HashSet};

/// EM iterations; Model 1 is convex, a handful reaches a stable ranking of translations.
const ITERATIONS: usize = 6;

/// A learned pair is kept when its probability is at least this share of the best translation
/// of the same word, in both directions (scale-free: a word with many senses keeps several).
const SHARE_OF_BEST: f64 = 0.5;

/// Co-occurrences below this are chance: one shared bead says nothing about a translation.
pub const MIN_COOCCURRENCE: u32 = 2;

/// One learned word pair with the evidence behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedPair {
    /// The English word as most often written (lower case).
    pub en: String,
    /// The Arabic word, normalised, proclitics stripped.
    pub ar: String,
    /// P(arabic | english) and P(english | arabic) after EM.
    pub p_ar_given_en: f64,
    pub p_en_given_ar: f64,
    /// Beads in which both occur.
    pub cooccurrences: u32,
}

/// Interned words of one language: id per learning key, and the surface written most often.
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    surfaces: Vec<HashMap<String, u32>>,
}

impl Vocab {
    fn id(&mut self, key: String, surface: &str) -> u32 {
        let next = self.ids.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id as usize == self.surfaces.len() {
            self.surfaces.push(HashMap::new());
        }
        *self.surfaces[id as usize]
            .entry(surface.to_string())
            .or_default() += 1;
        id
    }

    fn surface(&self, id: u32) -> String {
        self.surfaces[id as usize]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_default()
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Content words of an English sentence: (learning key = stem, surface = lower-case word).
/// Numbers, codes and function words are left out: anchors handle the first two, and function
/// words co-occur with everything.
fn en_words(sentence: &str, glossary: &Lexicon) -> Vec<(String, String)> {
    let folded = english::fold(sentence);
    tokenize(&folded)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word && t.text.chars().count() >= 2)
        .filter(|t| !is_closed_class(t.text.trim_end_matches("'s")))
        .filter_map(|t| {
            let key = en_key(t.text);
            let function = glossary.en(&key).iter().any(|&c| glossary.is_function(c));
            (!function && !key.is_empty()).then(|| (key, t.text.to_string()))
        })
        .collect()
}

/// The normalised Arabic words of a corpus, to tell a proclitic from a word's own first letter.
fn attested_words<'a>(sentences: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    let mut out = HashSet::new();
    for s in sentences {
        let norm = arabic::normalize(s);
        for t in tokenize(&norm) {
            if t.kind == TokenKind::Word {
                out.insert(t.text.to_string());
            }
        }
    }
    out
}

/// The word without its proclitics. A prefix with the article (ال, وال, بال…) is always a
/// clitic; a one-letter one (و ف ب ل ك) is also often a word's own first letter (كفروا, فرعون,
/// بيوت), so it is stripped only when the rest occurs as a word of its own in the corpus, bare or
/// with the article.
fn strip_clitics<'w>(word: &'w str, attested: &HashSet<String>) -> &'w str {
    let stem = arabic::strip_prefix_clitics(word);
    if stem.len() == word.len() {
        return word;
    }
    let prefix = &word[..word.len() - stem.len()];
    if prefix.contains("ال") {
        return stem;
    }
    if attested.contains(stem) || attested.contains(&format!("ال{stem}")) {
        stem
    } else {
        word
    }
}

/// Content words of an Arabic sentence: (learning key, stored form), both the normalised word
/// with its proclitics (conjunction, preposition, article) stripped — the form the lexicon looks
/// words up by, so a learned entry matches every cliticised occurrence.
fn ar_words(
    sentence: &str,
    glossary: &Lexicon,
    attested: &HashSet<String>,
) -> Vec<(String, String)> {
    let norm = arabic::normalize(sentence);
    tokenize(&norm)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word && !t.is_latin())
        .filter_map(|t| {
            let stem = strip_clitics(t.text, attested);
            if is_closed_class(t.text) || is_closed_class(stem) {
                return None;
            }
            let function = glossary
                .ar_word(t.text)
                .iter()
                .any(|&c| glossary.is_function(c));
            // The lexicon indexes an entry by its article-stripped key; a key of two letters
            // would match a particle («الله» → «له»), so such words are not learned.
            let key = ar_key(stem);
            (!function && key.chars().count() >= 3).then(|| (key.clone(), key))
        })
        .collect()
}

/// Sparse translation table t(f | e) for one direction, over co-occurring pairs only.
struct Model1 {
    /// t(target | source); source NULL stands for target words that render nothing.
    t: HashMap<(u32, u32), f64>,
}

const NULL: u32 = u32::MAX;

impl Model1 {
    /// Trains t(target | source) by EM on beads given as (source ids, target ids).
    fn train(beads: &[(Vec<u32>, Vec<u32>)]) -> Model1 {
        let mut t: HashMap<(u32, u32), f64> = HashMap::new();
        for (src, tgt) in beads {
            for &f in tgt {
                t.insert((NULL, f), 1.0);
                for &e in src {
                    t.insert((e, f), 1.0);
                }
            }
        }
        for _ in 0..ITERATIONS {
            let mut count: HashMap<(u32, u32), f64> = HashMap::with_capacity(t.len());
            let mut total: HashMap<u32, f64> = HashMap::new();
            for (src, tgt) in beads {
                for &f in tgt {
                    let z: f64 = std::iter::once(NULL)
                        .chain(src.iter().copied())
                        .map(|e| t.get(&(e, f)).copied().unwrap_or(0.0))
                        .sum();
                    if z <= 0.0 {
                        continue;
                    }
                    for e in std::iter::once(NULL).chain(src.iter().copied()) {
                        let c = t.get(&(e, f)).copied().unwrap_or(0.0) / z;
                        *count.entry((e, f)).or_default() += c;
                        *total.entry(e).or_default() += c;
                    }
                }
            }
            for (k, v) in t.iter_mut() {
                let tot = total.get(&k.0).copied().unwrap_or(0.0);
                *v = if tot > 0.0 {
                    count.get(k).copied().unwrap_or(0.0) / tot
                } else {
                    0.0
                };
            }
        }
        Model1 { t }
    }

    /// For each source word, the best probability of any of its targets.
    fn best_of_source(&self) -> HashMap<u32, f64> {
        let mut best: HashMap<u32, f64> = HashMap::new();
        for (&(e, _), &p) in &self.t {
            if e != NULL {
                let b = best.entry(e).or_default();
                *b = b.max(p);
            }
        }
        best
    }

    fn p(&self, e: u32, f: u32) -> f64 {
        self.t.get(&(e, f)).copied().unwrap_or(0.0)
    }
}

/// Learns word pairs from aligned (English, Arabic) sentence pairs. `glossary` names the function
/// words to leave out. Pairs come sorted by co-occurrence, then by English word.
pub fn learn<'a>(
    beads: impl IntoIterator<Item = (&'a str, &'a str)>,
    glossary: &Lexicon,
) -> Vec<LearnedPair> {
    let mut en_vocab = Vocab::default();
    let mut ar_vocab = Vocab::default();
    let beads: Vec<(&str, &str)> = beads.into_iter().collect();
    let attested = attested_words(beads.iter().map(|b| b.1));
    let mut corpus: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
    for (en, ar) in beads {
        let e: Vec<u32> = en_words(en, glossary)
            .into_iter()
            .map(|(k, s)| en_vocab.id(k, &s))
            .collect();
        let a: Vec<u32> = ar_words(ar, glossary, &attested)
            .into_iter()
            .map(|(k, s)| ar_vocab.id(k, &s))
            .collect();
        if !e.is_empty() && !a.is_empty() {
            corpus.push((e, a));
        }
    }
    if corpus.is_empty() || en_vocab.len() == 0 || ar_vocab.len() == 0 {
        return Vec::new();
    }
    // Co-occurrence in beads (a word counted once per bead).
    let mut cooc: HashMap<(u32, u32), u32> = HashMap::new();
    for (e, a) in &corpus {
        let mut es = e.clone();
        es.sort_unstable();
        es.dedup();
        let mut as_ = a.clone();
        as_.sort_unstable();
        as_.dedup();
        for &x in &es {
            for &y in &as_ {
                *cooc.entry((x, y)).or_default() += 1;
            }
        }
    }
    let en_to_ar = Model1::train(&corpus);
    let swapped: Vec<(Vec<u32>, Vec<u32>)> =
        corpus.iter().map(|(e, a)| (a.clone(), e.clone())).collect();
    let ar_to_en = Model1::train(&swapped);
    let best_ar = en_to_ar.best_of_source();
    let best_en = ar_to_en.best_of_source();
    let mut out: Vec<LearnedPair> = cooc
        .iter()
        .filter(|(_, &n)| n >= MIN_COOCCURRENCE)
        .filter_map(|(&(e, a), &n)| {
            let pa = en_to_ar.p(e, a);
            let pe = ar_to_en.p(a, e);
            let keep = pa >= SHARE_OF_BEST * best_ar.get(&e).copied().unwrap_or(1.0)
                && pe >= SHARE_OF_BEST * best_en.get(&a).copied().unwrap_or(1.0);
            keep.then(|| LearnedPair {
                en: en_vocab.surface(e),
                ar: ar_vocab.surface(a),
                p_ar_given_en: pa,
                p_en_given_ar: pe,
                cooccurrences: n,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.cooccurrences
            .cmp(&x.cooccurrences)
            .then_with(|| x.en.cmp(&y.en))
            .then_with(|| x.ar.cmp(&y.ar))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy corpus in which each English content word has one Arabic rendering, mixed in
    /// different sentences so that only EM can tell which goes with which.
    fn corpus() -> Vec<(String, String)> {
        let words = [
            ("river", "نهر"),
            ("garden", "حديقه"),
            ("mountain", "جبل"),
            ("bread", "خبز"),
            ("olive", "زيتون"),
            ("desert", "صحراء"),
        ];
        let mut out = Vec::new();
        for i in 0..words.len() {
            for j in 0..words.len() {
                if i != j {
                    let (e1, a1) = words[i];
                    let (e2, a2) = words[j];
                    out.push((format!("the {e1} and the {e2}"), format!("{a1} و{a2}")));
                }
            }
        }
        out
    }

    #[test]
    fn recovers_word_translations_from_mixed_sentences() {
        let c = corpus();
        let learned = learn(
            c.iter().map(|(e, a)| (e.as_str(), a.as_str())),
            Lexicon::builtin(),
        );
        let has = |en: &str, ar: &str| learned.iter().any(|p| p.en == en && p.ar == ar);
        assert!(has("river", "نهر"), "{learned:?}");
        assert!(has("olive", "زيتون"), "{learned:?}");
        assert!(has("desert", "صحراء"), "{learned:?}");
        // No cross pair: each word keeps its own rendering only.
        assert!(!has("river", "جبل"), "{learned:?}");
        assert_eq!(learned.len(), 6, "{learned:?}");
    }

    #[test]
    fn proclitics_are_stripped_and_function_words_skipped() {
        let c = corpus();
        let learned = learn(
            c.iter().map(|(e, a)| (e.as_str(), a.as_str())),
            Lexicon::builtin(),
        );
        // «وجبل» is learned as «جبل»; "the" and "and" never appear.
        assert!(learned.iter().all(|p| !p.ar.starts_with('و')));
        assert!(learned.iter().all(|p| p.en != "the" && p.en != "and"));
    }

    #[test]
    fn a_single_cooccurrence_is_not_a_translation() {
        let pairs = [("the lantern glows", "يضيء الفانوس")];
        assert!(learn(pairs, Lexicon::builtin()).is_empty());
    }
}
