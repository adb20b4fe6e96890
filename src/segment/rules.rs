//! Language rules that decide whether a UAX #29 break is a real sentence end.

use crate::text::Lang;
use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

fn abbreviations() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::text::data::entries(include_str!("data/en_abbreviations.txt"))
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

/// The trailing run of ASCII letters and periods of `p`: all that [`last_word_re`] can match
/// (its match is made of those and ends `p`), so the regex gives the same answer on it as on the
/// whole of a long merged sentence, in time bounded by the run.
fn last_word_run(p: &str) -> &str {
    let start = p
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphabetic() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &p[start..]
}

/// Whether the break between `prev` and `next` (consecutive UAX #29 pieces) ends a sentence.
pub fn is_boundary(prev: &str, next: &str, lang: Lang) -> bool {
    let p = prev.trim_end();
    let n = next.trim_start();
    let first = n.chars().next();
    // The marker of a numbered or lettered item belongs to the item's sentence. `prev` is the
    // sentence merged so far, which can be long: only its end is looked at, never the whole of it
    // at every break, or segmenting a long paragraph of merges is quadratic.
    if p.chars().nth(5).is_none() {
        let folded: String = p.chars().map(crate::text::digits::fold_digit).collect();
        if list_marker_re().is_match(&folded) {
            return false;
        }
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
        if let Some(c) = last_word_re().captures(last_word_run(p)) {
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

    /// Found by fuzzing (segment, 1 MB inputs): merges in a long paragraph ("Dr. Dr. …", lines
    /// each continuing the sentence in lower case) re-read the whole merged sentence at each
    /// break. A break after a long sentence reads only the sentence's trailing run of letters
    /// and dots, so its cost does not grow with the sentence (the speed itself is measured by
    /// `cargo bench --bench segment`, not here).
    #[test]
    fn a_long_sentence_so_far_is_not_reread() {
        let long = format!("{}Dr. ", "word ".repeat(200_000));
        assert_eq!(last_word_run(long.trim_end()), "Dr.");
        assert!(!is_boundary(&long, "Smith came.", Lang::En));
        assert!(is_boundary(&long, "He came.", Lang::Ar));
    }

    #[test]
    fn the_last_word_is_found_in_the_trailing_run() {
        for (p, run) in [
            ("near Austin, Tex.", "Tex."),
            ("Karen M.", "M."),
            ("عام 1999.", "."),
            ("U.S.", "U.S."),
            ("", ""),
        ] {
            assert_eq!(last_word_run(p), run);
            let whole = last_word_re().captures(p).map(|c| c[1].to_string());
            let tail = last_word_re().captures(run).map(|c| c[1].to_string());
            assert_eq!(whole, tail, "{p}");
        }
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
