//! English folding for matching: case, punctuation and light (Snowball) stemming.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// English auxiliaries and copulas (lowercase): the verbs that mark a finite clause.
pub const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "am", "do", "does", "did", "have", "has", "had", "will", "would",
    "shall", "should", "can", "could", "may", "might", "must",
];

/// The non-finite forms of "be", auxiliaries that open no clause on their own ("to be seen").
pub const NONFINITE_AUXILIARIES: &[&str] = &["be", "been", "being"];

/// English determiners (lowercase): words that open a noun phrase.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "any", "some", "all", "each", "every", "other", "another", "such",
];

/// English subject pronouns (lowercase): a conjunct that opens with one is a clause.
pub const SUBJECT_PRONOUNS: &[&str] = &["i", "you", "he", "she", "it", "we", "they"];

/// Lower-cased text with typographic punctuation mapped to ASCII and Latin letters with
/// diacritics to their base letter: names keep their accents in one text and lose them in
/// another (Côte d'Ivoire, Cote d'Ivoire; São Tomé; Bogotá). One character for one.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{C0}'..='\u{24F}' => c
                .nfd()
                .next()
                .filter(char::is_ascii_alphabetic)
                .unwrap_or(c),
            c => super::digits::fold_digit(c),
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Snowball stem of a lower-case English word ("forces" → "forc", "stressed" → "stress").
pub fn stem(word: &str) -> String {
    let w = word.trim_end_matches("'s").trim_end_matches('\'');
    stemmer().stem(w).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_stems() {
        assert_eq!(fold("Iraq’s FORCES"), "iraq's forces");
        assert_eq!(stem("forces"), stem("force"));
        assert_eq!(stem("stressed"), stem("stress"));
        assert_eq!(stem("iraq's"), "iraq");
    }

    #[test]
    fn latin_diacritics_fold_to_the_base_letter() {
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("São Tomé"), "sao tome");
        // One character for one, and letters with no base letter kept.
        assert_eq!(fold("Øresund").chars().count(), "Øresund".chars().count());
        assert_eq!(
            crate::anchors::lexicon::en_key("Côte d'Ivoire"),
            crate::anchors::lexicon::en_key("Cote d'Ivoire")
        );
    }
}
