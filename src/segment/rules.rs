//! Language rules that decide whether a UAX #29 break is a real sentence end.

use crate::text::Lang;
use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

fn abbreviations() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("data/en_abbreviations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

fn last_word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"([A-Za-z][A-Za-z.]*)\.\s*$").expect("static regex"))
}

fn spaced_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|\s)\d{1,4}\s*\.\s*$").expect("static regex"))
}

/// A list marker alone: "1.", "12)", "(3)", "a.", "ب)", "٢-".
fn list_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[(\[]?(?:\d{1,3}|[\p{L}])(?:[.)\]-]|\.\))?$").expect("static regex")
    })
}

/// Whether the break between `prev` and `next` (consecutive UAX #29 pieces) ends a sentence.
pub fn is_boundary(prev: &str, next: &str, lang: Lang) -> bool {
    let p = prev.trim_end();
    let n = next.trim_start();
    let first = n.chars().next();
    // The marker of a numbered or lettered item belongs to the item's sentence.
    let folded: String = p.chars().map(crate::text::digits::fold_digit).collect();
    if p.chars().count() <= 5 && list_marker_re().is_match(&folded) {
        return false;
    }
    // A period followed by a comma or semicolon (Latin or Arabic) continues the sentence.
    if matches!(first, Some('،' | ',' | '؛' | ';' | ':')) {
        return false;
    }
    // Spaced numeric dates such as "08 . 08 . 2023" stay whole.
    let folded_next: String = n
        .chars()
        .take(4)
        .map(crate::text::digits::fold_digit)
        .collect();
    let folded_prev: String = p
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(crate::text::digits::fold_digit)
        .collect();
    if folded_next.starts_with(|c: char| c.is_ascii_digit())
        && spaced_date_re().is_match(&folded_prev)
    {
        return false;
    }
    // An ellipsis ("..", "…") separates parts of Arabic headlines; in English it ends a sentence
    // only before a capital.
    if p.ends_with("..") || p.ends_with('…') {
        return match lang {
            Lang::Ar => false,
            Lang::En => first.is_some_and(|c| c.is_uppercase() || c == '"' || c == '“'),
        };
    }
    if lang == Lang::En {
        // Text after the break starting in lower case continues the sentence.
        if first.is_some_and(|c| c.is_lowercase()) {
            return false;
        }
        if let Some(c) = last_word_re().captures(p) {
            let w = c[1].to_lowercase();
            let w = w.trim_end_matches('.');
            // An initial ("Karen M. Talbot") or a known abbreviation.
            if w.len() == 1 && c[1].chars().next().is_some_and(|c| c.is_uppercase()) {
                return false;
            }
            if abbreviations().contains(w) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers_stay_with_their_item() {
        for (marker, lang) in [
            ("1.", Lang::En),
            ("12)", Lang::En),
            ("(3)", Lang::En),
            ("b.", Lang::En),
            ("٢.", Lang::Ar),
            ("ب)", Lang::Ar),
        ] {
            assert!(
                !is_boundary(marker, " The parties intend to meet.", lang),
                "{marker}"
            );
        }
        // A sentence ending in a number still ends.
        assert!(is_boundary(
            "The convoy carried 12.",
            " It arrived on time.",
            Lang::En
        ));
        assert!(is_boundary("Phase 2.", " Troops withdrew.", Lang::En));
    }

    #[test]
    fn boundaries() {
        assert!(!is_boundary(
            "in Washington, D.C. ",
            "on August 7.",
            Lang::En
        ));
        assert!(is_boundary("It ended. ", "The next", Lang::En));
        assert!(!is_boundary("Karen M. ", "Talbot led", Lang::En));
        assert!(!is_boundary("والمساعدة. ", "، وتبادل", Lang::Ar));
        assert!(!is_boundary("الثلاثاء 08 . ", "08 . 2023", Lang::Ar));
        assert!(is_boundary("عام 2008. ", "وكجزء من", Lang::Ar));
    }
}
