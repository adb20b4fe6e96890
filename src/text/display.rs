//! Display helpers for terminals: visual order for terminals that do not implement the Unicode
//! bidirectional algorithm, and the number of columns a text takes. Storage is always logical
//! order; these are for display only.

use unicode_normalization::char::is_combining_mark;

/// A line reordered for display: Arabic runs reversed into visual order, Latin and digit runs
/// kept left to right, the whole line laid out right to left.
pub fn visual(line: &str) -> String {
    let info = unicode_bidi::BidiInfo::new(line, Some(unicode_bidi::Level::rtl()));
    let mut out = String::new();
    for para in &info.paragraphs {
        let range = para.range.clone();
        out.push_str(&info.reorder_line(para, range));
    }
    out
}

/// Characters a terminal draws in no column of their own: combining marks (Arabic harakat) and
/// invisible format characters.
pub fn takes_no_column(c: char) -> bool {
    is_combining_mark(c)
        || matches!(c,
            '\u{00AD}' // soft hyphen
            | '\u{061C}' // Arabic letter mark
            | '\u{200B}'..='\u{200F}' // zero-width space, joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}')
}

/// Terminal columns of a text, the way terminals lay it out: character by character (East Asian
/// wide characters take two columns), with no column for combining marks and format characters.
///
/// Not `UnicodeWidthStr::width` of the whole string: since unicode-width 0.2 that counts lam
/// followed by alef («لا», «لأ») as one column, a ligature a font may draw, but terminals give lam
/// and alef a cell each. A right-aligned Arabic line measured that way starts one column too far
/// right per lam-alef and loses its last letters at the edge.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Columns of one character in a terminal cell grid.
pub fn char_width(c: char) -> usize {
    if takes_no_column(c) {
        0
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverses_arabic_keeps_digits() {
        let v = visual("عام 2023");
        assert!(v.contains("2023"));
        assert!(v.starts_with("2023"));
    }

    #[test]
    fn harakat_and_format_characters_take_no_column() {
        assert_eq!(width("كَتَبَ"), 3);
        assert_eq!(width("a\u{200F}b"), 2);
        assert_eq!(width("قوات 12"), 7);
    }

    #[test]
    fn lam_alef_takes_two_columns_wide_characters_two() {
        // Terminals give lam and alef a cell each; unicode-width's string width says one.
        assert_eq!(width("لا"), 2);
        assert_eq!(width("الأربعاء"), 8);
        assert_eq!(width("الاحتلال"), 8);
        assert_eq!(width("إلا"), 3);
        assert_eq!(width("中文"), 4);
        assert_eq!(width("a\tb"), 2); // a control character draws nothing
    }
}
