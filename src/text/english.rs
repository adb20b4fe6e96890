//! English folding for matching: case, punctuation and light (Snowball) stemming.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Lower-cased text with typographic punctuation mapped to ASCII.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
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
}
