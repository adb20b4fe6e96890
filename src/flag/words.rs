//! Each sentence's tokens, normalised forms and lexicon concepts, computed once per document
//! and shared by the detectors. Every detector used to tokenise and look up each bead again
//! (several times for names and partial omissions): on long documents that was most of
//! `check`'s time (issue 14). A sentence is analysed the first time a detector asks for it.

use super::markers::MarkerHit;
use crate::anchors::lexicon::Lexicon;
use crate::anchors::times::{times, TimeOfDay};
use crate::anchors::{arabic_token_concepts, english_stems, english_token_concepts};
use crate::text::arabic;
use crate::text::tokens::{tokenize, Token};
use std::sync::OnceLock;

/// An English sentence's tokens, their stems and the lexicon concepts covering each.
pub struct EnWords<'a> {
    pub toks: Vec<Token<'a>>,
    pub stems: Vec<String>,
    pub concepts: Vec<Vec<u32>>,
}

/// An Arabic sentence's tokens, their normalised forms and the lexicon concepts of each.
pub struct ArWords<'a> {
    pub toks: Vec<Token<'a>>,
    pub norms: Vec<String>,
    pub concepts: Vec<Vec<u32>>,
    /// Editorial and attribution markers, in order (see `markers::find`).
    pub markers: Vec<MarkerHit>,
}

/// The analysed sentences of a document pair, filled on demand (detectors may run in parallel).
/// Sentences with the same text (datelines, boilerplate, repeated lines) share one analysis.
pub struct Words<'a> {
    src: &'a [String],
    tgt: &'a [String],
    lexicon: &'a Lexicon,
    /// For each sentence, the first sentence of its side with the same text.
    en_first: Vec<usize>,
    ar_first: Vec<usize>,
    en: Vec<OnceLock<EnWords<'a>>>,
    ar: Vec<OnceLock<ArWords<'a>>>,
    /// Each sentence's times of day, found the first time a detector asks (several read them
    /// for every bead and its neighbours).
    en_times: Vec<OnceLock<Vec<TimeOfDay>>>,
    ar_times: Vec<OnceLock<Vec<TimeOfDay>>>,
}

/// For each sentence, the index of the first one with the same text.
fn first_of_each(sentences: &[String]) -> Vec<usize> {
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    sentences
        .iter()
        .enumerate()
        .map(|(k, s)| *first.entry(s.as_str()).or_insert(k))
        .collect()
}

/// Read access to the analysed sentences. A trait object in [`super::Context`] keeps the context
/// covariant in its lifetime (the lazily filled cells of [`Words`] are not).
pub trait SentenceWords: Sync {
    /// Source sentence `i`, analysed. Panics only on an index outside the document, which the
    /// detectors never form (they index the same sentence slices).
    fn en(&self, i: usize) -> &EnWords<'_>;
    /// Target sentence `j`, analysed.
    fn ar(&self, j: usize) -> &ArWords<'_>;
    /// The times of day of source sentence `i` ([`times`]).
    fn en_times(&self, i: usize) -> &[TimeOfDay];
    /// The times of day of target sentence `j`.
    fn ar_times(&self, j: usize) -> &[TimeOfDay];
}

impl<'a> Words<'a> {
    pub fn new(src: &'a [String], tgt: &'a [String], lexicon: &'a Lexicon) -> Self {
        Words {
            src,
            tgt,
            lexicon,
            en_first: first_of_each(src),
            ar_first: first_of_each(tgt),
            en: (0..src.len()).map(|_| OnceLock::new()).collect(),
            ar: (0..tgt.len()).map(|_| OnceLock::new()).collect(),
            en_times: (0..src.len()).map(|_| OnceLock::new()).collect(),
            ar_times: (0..tgt.len()).map(|_| OnceLock::new()).collect(),
        }
    }
}

impl SentenceWords for Words<'_> {
    fn en(&self, i: usize) -> &EnWords<'_> {
        let i = self.en_first[i];
        self.en[i].get_or_init(|| {
            let toks = tokenize(&self.src[i]);
            let stems = english_stems(&toks);
            let concepts = english_token_concepts(&toks, &stems, self.lexicon);
            EnWords {
                toks,
                stems,
                concepts,
            }
        })
    }

    fn ar(&self, j: usize) -> &ArWords<'_> {
        let j = self.ar_first[j];
        self.ar[j].get_or_init(|| {
            let toks = tokenize(&self.tgt[j]);
            let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
            let concepts = arabic_token_concepts(&toks, &norms, self.lexicon);
            let markers = super::markers::find_in(&toks, &norms);
            ArWords {
                toks,
                norms,
                concepts,
                markers,
            }
        })
    }

    fn en_times(&self, i: usize) -> &[TimeOfDay] {
        let i = self.en_first[i];
        self.en_times[i].get_or_init(|| times(&self.src[i]))
    }

    fn ar_times(&self, j: usize) -> &[TimeOfDay] {
        let j = self.ar_first[j];
        self.ar_times[j].get_or_init(|| times(&self.tgt[j]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyses_once_and_matches_direct_tokenising() {
        let lex = Lexicon::builtin();
        let src = vec!["The minister met Senator Alvarez in Lisbon.".to_string()];
        let tgt = vec!["التقى الوزيرُ السيناتور ألفاريز في لشبونة.".to_string()];
        let words = Words::new(&src, &tgt, lex);
        let en = words.en(0);
        assert_eq!(en.toks, tokenize(&src[0]));
        assert_eq!(en.stems, english_stems(&en.toks));
        let ar = words.ar(0);
        assert_eq!(ar.norms[1], arabic::normalize("الوزيرُ"));
        assert!(
            std::ptr::eq(words.ar(0), ar),
            "a second call reuses the analysis"
        );
        let twice = vec![src[0].clone(), "Another line.".to_string(), src[0].clone()];
        let words = Words::new(&twice, &tgt, lex);
        assert!(
            std::ptr::eq(words.en(0), words.en(2)),
            "same text, one analysis"
        );
        assert!(!std::ptr::eq(words.en(0), words.en(1)));
    }
}
