//! Text handling shared by every stage: language and script, normalisation for matching (never for
//! display), tokens with character offsets, transliteration of Arabic names, and display helpers
//! for terminals (bidi order, columns).

pub mod arabic;
pub mod data;
pub mod digits;
pub mod display;
pub mod english;
pub mod quotes;
pub mod tokens;
pub mod translit;

/// A hash map for memo tables, which are looked up per word or word pair and never iterated
/// (so their order never reaches an output): a fast hasher instead of SipHash.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

use serde::{Deserialize, Serialize};

/// The two languages tarjama aligns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ar,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ar => "Arabic",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Some(Lang::En),
            "ar" | "ara" | "arabic" => Some(Lang::Ar),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// True for letters of the Arabic script, including presentation forms.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0621..=0x064A | 0x066E..=0x06D3 | 0x06FA..=0x06FF | 0x0750..=0x077F
        | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Detects the language of a text from its script: Arabic when Arabic letters make up at least
/// 30% of the letters (Arabic news quotes Latin acronyms; English text never has many Arabic
/// letters). `None` when the text has too few letters of either script to tell.
pub fn detect_lang(text: &str) -> Option<Lang> {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        }
    }
    let total = arabic + latin;
    if total < 3 {
        return None;
    }
    if arabic * 10 >= total * 3 {
        Some(Lang::Ar)
    } else if latin * 10 >= total * 7 {
        Some(Lang::En)
    } else {
        None
    }
}

/// Number of characters that carry content (letters and digits) after normalisation: the length
/// measure of the Gale–Church model. Diacritics and punctuation do not count, so vowelled and
/// unvowelled Arabic measure the same.
pub fn content_length(text: &str, lang: Lang) -> usize {
    match lang {
        Lang::Ar => arabic::normalize(text)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count(),
        Lang::En => text.chars().filter(|c| c.is_alphanumeric()).count(),
    }
}

/// Normalised form of a sentence for matching and search, per language.
pub fn normalize(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Ar => arabic::normalize(text),
        Lang::En => english::fold(text),
    }
}

/// Character offset (in Unicode scalar values) of a byte offset inside `s`.
pub fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

/// Substring of `s` between two character offsets.
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let mut idx = s
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()));
    let b0 = idx.nth(start).unwrap_or(s.len());
    let b1 = if end > start {
        idx.nth(end - start - 1).unwrap_or(s.len())
    } else {
        b0
    };
    &s[b0..b1]
}

/// Slices of one text by character offsets asked in increasing order (clauses, spans, tokens):
/// the text is walked once however many are asked, where [`char_slice`] walks it from its start
/// each time (quadratic on a long unpunctuated "sentence"). An offset behind the last one asked
/// starts the walk again.
pub struct CharCursor<'a> {
    text: &'a str,
    chars: usize,
    byte: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            chars: 0,
            byte: 0,
        }
    }

    /// Byte offset of character offset `ch` (the text's length past its end).
    pub fn byte(&mut self, ch: usize) -> usize {
        if ch < self.chars {
            (self.chars, self.byte) = (0, 0);
        }
        self.byte = match self.text[self.byte..].char_indices().nth(ch - self.chars) {
            Some((b, _)) => self.byte + b,
            None => self.text.len(),
        };
        self.chars = ch;
        self.byte
    }

    /// The text between two character offsets, as [`char_slice`] gives it.
    pub fn slice(&mut self, start: usize, end: usize) -> &'a str {
        let b0 = self.byte(start);
        let b1 = self.byte(end.max(start));
        &self.text[b0..b1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_slices_as_char_slice_does() {
        let text = "قال الوزير إن 3 سفن (ships) عبرت المضيق";
        let n = text.chars().count();
        let mut cursor = CharCursor::new(text);
        // In order, backwards, out of range, empty.
        for (a, b) in [
            (0, 3),
            (4, 10),
            (11, 13),
            (2, 6),
            (20, n + 5),
            (n + 2, n + 9),
            (7, 7),
            (9, 5),
        ] {
            assert_eq!(cursor.slice(a, b), char_slice(text, a, b), "{a}..{b}");
        }
    }

    #[test]
    fn detects_languages() {
        assert_eq!(
            detect_lang("The delegations met in Baghdad."),
            Some(Lang::En)
        );
        assert_eq!(
            detect_lang("التقى الوفدان في بغداد (JSCD)."),
            Some(Lang::Ar)
        );
        assert_eq!(detect_lang("12345 ... 678"), None);
    }

    #[test]
    fn slices_by_chars() {
        let s = "قوى الأمن الداخلي";
        assert_eq!(char_slice(s, 4, 9), "الأمن");
        assert_eq!(char_offset(s, s.find("الأمن").unwrap()), 4);
    }

    #[test]
    fn content_length_ignores_marks() {
        assert_eq!(
            content_length("مُحَمَّد", Lang::Ar),
            content_length("محمد", Lang::Ar)
        );
    }
}
