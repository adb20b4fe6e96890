//! Word-level editing of Arabic sentences. Injectors find words by their normalised form (marks,
//! alef and taa-marbuta variants folded, so vocalised Quranic text and news text match alike),
//! edit the original text by byte range, and [`tidy`] the result so that no injection leaves a
//! double space, a space before punctuation or an orphaned comma.

use crate::text::arabic::normalize;

/// A whitespace-separated word with its surrounding punctuation trimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Byte range of the word's core in the sentence.
    pub start: usize,
    pub end: usize,
    /// Normalised core (for matching only).
    pub norm: String,
}

/// Punctuation trimmed from word edges.
pub fn is_punct(c: char) -> bool {
    matches!(
        c,
        '،' | ','
            | '.'
            | '؛'
            | ';'
            | ':'
            | '!'
            | '؟'
            | '?'
            | '"'
            | '«'
            | '»'
            | '('
            | ')'
            | '['
            | ']'
            | '\''
            | '“'
            | '”'
            | '-'
            | '–'
            | '—'
            | '۞'
            | '۩'
    )
}

/// Combining marks (harakat, Quranic marks): kept with the letter they follow when editing.
pub fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED)
}

/// The words of a sentence, in order.
pub fn words(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut pos = 0;
    for piece in s.split(' ') {
        let start = pos;
        pos += piece.len() + 1;
        let core = piece.trim_matches(is_punct);
        if core.is_empty() {
            continue;
        }
        let lead = piece.len() - piece.trim_start_matches(is_punct).len();
        let ws = start + lead;
        out.push(Word {
            start: ws,
            end: ws + core.len(),
            norm: normalize(core),
        });
    }
    out
}

/// The proclitic conjunctions an injector may keep in front of a word it rewrites.
pub const CONJ: &[&str] = &["و", "ف"];

/// The normalised word without a leading و or ف, and that clitic ("" if none). Only split when
/// what remains is one of `known` (a particle or verb list), so وليد is not read as و + ليد.
pub fn split_conj<'a>(norm: &'a str, known: &[&str]) -> (&'a str, &'a str) {
    if known.contains(&norm) {
        return ("", norm);
    }
    for c in CONJ {
        if let Some(rest) = norm.strip_prefix(c) {
            if known.contains(&rest) {
                return (c, rest);
            }
        }
    }
    ("", norm)
}

/// The original text of a word's first `n` letters with their marks (to keep a vocalised
/// proclitic as it was written).
pub fn letters_prefix(word: &str, n: usize) -> &str {
    let mut seen = 0;
    for (i, c) in word.char_indices() {
        // The dagger alif is a letter here: normalisation reads it as ا.
        if (!is_mark(c) || c == '\u{0670}') && c != 'ـ' {
            if seen == n {
                return &word[..i];
            }
            seen += 1;
        }
    }
    word
}

/// The original text after the first `n` letters (and their marks).
pub fn letters_suffix(word: &str, n: usize) -> &str {
    &word[letters_prefix(word, n).len()..]
}

/// Replaces a byte range and tidies.
pub fn replace(s: &str, start: usize, end: usize, with: &str) -> String {
    tidy(&format!("{}{}{}", &s[..start], with, &s[end..]))
}

/// Collapses spaces, removes spaces before closing punctuation and after opening punctuation,
/// doubled commas and a comma left before a full stop or at the start.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let closing = matches!(
            c,
            '،' | ',' | '.' | '؛' | ';' | ':' | '!' | '؟' | '?' | ')' | '»'
        );
        if closing && out.ends_with(' ') {
            out.pop();
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ') || out.ends_with(['(', '«'])) {
            continue;
        }
        // A comma after a comma, or a comma/period after a comma, keeps only the stronger mark.
        if matches!(c, '،' | ',' | '.' | '؟' | '!') && out.ends_with(['،', ',']) {
            out.pop();
        }
        out.push(c);
    }
    let t = out.trim().trim_start_matches(['،', ',', ' ']).to_string();
    t
}

/// The changed region of `new` relative to `old`: char offsets in `new` and the differing texts.
pub fn diff(old: &str, new: &str) -> (usize, usize, String, String) {
    let o: Vec<char> = old.chars().collect();
    let n: Vec<char> = new.chars().collect();
    let mut p = 0;
    while p < o.len() && p < n.len() && o[p] == n[p] {
        p += 1;
    }
    let mut s = 0;
    while s < o.len() - p && s < n.len() - p && o[o.len() - 1 - s] == n[n.len() - 1 - s] {
        s += 1;
    }
    // Widen to whole words so the report shows readable fragments.
    let mut a = p;
    while a > 0 && n[a - 1] != ' ' && o.get(a - 1) != Some(&' ') {
        a -= 1;
    }
    let (mut ne, mut oe) = (n.len() - s, o.len() - s);
    while ne < n.len() && oe < o.len() && n[ne] != ' ' && o[oe] != ' ' {
        ne += 1;
        oe += 1;
    }
    let before: String = o[a..oe.max(a)].iter().collect();
    let after: String = n[a..ne.max(a)].iter().collect();
    (
        a,
        ne.max(a),
        before.trim().to_string(),
        after.trim().to_string(),
    )
}

/// Digits of a number, folded to ASCII, and the script to write new digits in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Script {
    Ascii,
    ArabicIndic,
    Persian,
}

pub fn digit_value(c: char) -> Option<(u32, Script)> {
    match c {
        '0'..='9' => Some((c as u32 - '0' as u32, Script::Ascii)),
        '٠'..='٩' => Some((c as u32 - '٠' as u32, Script::ArabicIndic)),
        '۰'..='۹' => Some((c as u32 - '۰' as u32, Script::Persian)),
        _ => None,
    }
}

/// Writes a digit in a script.
pub fn digit_char(d: u32, script: Script) -> char {
    let base = match script {
        Script::Ascii => '0',
        Script::ArabicIndic => '٠',
        Script::Persian => '۰',
    } as u32;
    char::from_u32(base + d).unwrap_or('0')
}

/// Writes a whole number in a script.
pub fn write_number(v: u64, script: Script) -> String {
    v.to_string()
        .chars()
        .map(|c| digit_char(c as u32 - '0' as u32, script))
        .collect()
}

/// Runs of digits in a string: (byte start, byte end, value, script). Separators end a run.
pub fn digit_runs(s: &str) -> Vec<(usize, usize, u64, Script)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, u64, Script)> = None;
    for (i, c) in s.char_indices() {
        match (digit_value(c), cur) {
            (Some((d, sc)), None) => cur = Some((i, u64::from(d), sc)),
            (Some((d, _)), Some((st, v, sc))) => {
                cur = Some((st, v.saturating_mul(10).saturating_add(u64::from(d)), sc))
            }
            (None, Some((st, v, sc))) => {
                out.push((st, i, v, sc));
                cur = None;
            }
            (None, None) => {}
        }
    }
    if let Some((st, v, sc)) = cur {
        out.push((st, s.len(), v, sc));
    }
    out
}

/// Byte offset of a char offset.
pub fn byte_of(s: &str, ch: usize) -> usize {
    s.char_indices().nth(ch).map(|(b, _)| b).unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_trim_punctuation_and_fold_marks() {
        let w = words("قال: «لَا يمكن»، ثم (سنتكوم).");
        let norms: Vec<&str> = w.iter().map(|w| w.norm.as_str()).collect();
        assert_eq!(norms, ["قال", "لا", "يمكن", "ثم", "سنتكوم"]);
    }

    #[test]
    fn tidy_fixes_spacing_and_commas() {
        assert_eq!(tidy("أ  ب ، ج ،، د ،."), "أ ب، ج، د.");
        assert_eq!(tidy("، أ ( ب )"), "أ (ب)");
    }

    #[test]
    fn diff_reports_the_changed_words() {
        let (a, b, before, after) = diff("عاد ١٢ شخصا أمس", "عاد ٤٢ شخصا أمس");
        assert_eq!((before.as_str(), after.as_str()), ("١٢", "٤٢"));
        assert_eq!((a, b), (4, 6));
    }

    #[test]
    fn digit_runs_keep_the_script() {
        let r = digit_runs("نحو ١٥ ألفاً و500");
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].2, r[0].3), (15, Script::ArabicIndic));
        assert_eq!((r[1].2, r[1].3), (500, Script::Ascii));
        assert_eq!(write_number(2024, Script::ArabicIndic), "٢٠٢٤");
    }

    #[test]
    fn letter_prefix_keeps_marks() {
        assert_eq!(letters_prefix("وَلَا", 1), "وَ");
        assert_eq!(letters_suffix("وَلَا", 1), "لَا");
    }
}
