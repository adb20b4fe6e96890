//! Bounds on figures: "more than 300" says at least 300, "nearly 300" and «أقل من 300» at most
//! 300. A figure both sides give, bounded from below on one side and from above on the other,
//! has its claim reversed although the number is the same (data/number_bounds.tsv).

use crate::text::data as text_data;
use crate::text::tokens::{tokenize, TokenKind};
use crate::text::{arabic, char_slice, Lang};
use std::sync::OnceLock;

/// Which way a word bounds the figure it stands beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// At least the figure ("more than", «ما يزيد على»).
    Lower,
    /// At most the figure ("fewer than", "nearly", «على الأكثر»).
    Upper,
}

struct Phrase {
    lang: Lang,
    words: Vec<String>,
    bound: Bound,
    after: bool,
}

/// The bounding phrases, longest first ("no more than" before "more than").
fn phrases() -> &'static [Phrase] {
    static P: OnceLock<Vec<Phrase>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<Phrase> = text_data::rows(include_str!("data/number_bounds.tsv"), 4)
            .filter_map(|f| {
                let lang = match f[1] {
                    "en" => Lang::En,
                    "ar" => Lang::Ar,
                    _ => return None,
                };
                let bound = match f[0] {
                    "lower" => Bound::Lower,
                    "upper" => Bound::Upper,
                    _ => return None,
                };
                Some(Phrase {
                    lang,
                    words: f[3].split_whitespace().map(|w| key(w, lang)).collect(),
                    bound,
                    after: f[2] == "after",
                })
            })
            .collect();
        v.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        v
    })
}

fn key(w: &str, lang: Lang) -> String {
    match lang {
        Lang::En => w.to_lowercase(),
        Lang::Ar => arabic::normalize(w),
    }
}

/// Whether a sentence word is a phrase word: equal, or for the first Arabic word of a phrase,
/// with a conjunction or «ب» before it («وأكثر من»).
fn same(word: &str, phrase_word: &str, first: bool, lang: Lang) -> bool {
    word == phrase_word
        || (first
            && lang == Lang::Ar
            && ['و', 'ف', 'ب']
                .iter()
                .any(|p| word.strip_prefix(*p) == Some(phrase_word)))
}

/// The bound a figure at characters `start..end` of `text` is given with, if any: a phrase
/// right before it (nothing but spaces and symbols such as "$" between), or right after it or
/// after the word it counts.
pub fn bound_of(text: &str, start: usize, end: usize, lang: Lang) -> Option<Bound> {
    let toks: Vec<_> = tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let keys: Vec<String> = toks.iter().map(|t| key(t.text, lang)).collect();
    let no_words_between = |a: usize, b: usize| {
        a <= b
            && !char_slice(text, a, b)
                .chars()
                .any(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '،' | ';' | '؛' | ':'))
    };
    // Words ending before the figure, and those starting after it.
    let before_end = toks.iter().take_while(|t| t.end <= start).count();
    let after_start = toks
        .iter()
        .position(|t| t.start >= end)
        .unwrap_or(toks.len());
    for p in phrases().iter().filter(|p| p.lang == lang) {
        let n = p.words.len();
        let matches_at = |a: usize| {
            a + n <= keys.len()
                && p.words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| same(&keys[a + k], w, k == 0, lang))
        };
        if !p.after {
            if before_end >= n {
                let a = before_end - n;
                if matches_at(a) && no_words_between(toks[before_end - 1].end, start) {
                    return Some(p.bound);
                }
            }
        } else {
            for skip in 0..=1 {
                let a = after_start + skip;
                let Some(first) = toks.get(a) else { break };
                let gap_ok = if skip == 0 {
                    no_words_between(end, first.start)
                } else {
                    no_words_between(end, toks[after_start].start)
                        && no_words_between(toks[after_start].end, first.start)
                };
                if gap_ok && matches_at(a) {
                    return Some(p.bound);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(text: &str, figure: &str, lang: Lang) -> Option<Bound> {
        let at = text.find(figure).expect("figure in text");
        let start = text[..at].chars().count();
        bound_of(text, start, start + figure.chars().count(), lang)
    }

    #[test]
    fn english_bounds_before_and_after_a_figure() {
        let t = "Nearly $300 million reached more than 2 million people in 40 camps or more.";
        assert_eq!(bound(t, "300", Lang::En), Some(Bound::Upper));
        assert_eq!(bound(t, "2", Lang::En), Some(Bound::Lower));
        assert_eq!(bound(t, "40", Lang::En), Some(Bound::Lower));
        // The longer phrase wins: "no more than" is an upper bound.
        assert_eq!(
            bound("They may hold no more than 12 detainees.", "12", Lang::En),
            Some(Bound::Upper)
        );
        // A bound on another figure, or words between, bound nothing.
        assert_eq!(
            bound("More than the 25 pledged, 31 arrived.", "31", Lang::En),
            None
        );
        assert_eq!(bound("Over 2 years the plan grew.", "2", Lang::En), None);
    }

    #[test]
    fn arabic_bounds_with_conjunctions_and_after_the_counted_noun() {
        let t = "ووصلت المساعدات إلى ما يزيد على 300 ألف شخص، وعبرت 40 شاحنة على الأكثر.";
        assert_eq!(bound(t, "300", Lang::Ar), Some(Bound::Lower));
        assert_eq!(bound(t, "40", Lang::Ar), Some(Bound::Upper));
        assert_eq!(
            bound("وأقل من 12 محتجزا بقوا في السجن.", "12", Lang::Ar),
            Some(Bound::Upper)
        );
        // «ما لا يزيد على» is an upper bound, though it ends in «يزيد على».
        assert_eq!(
            bound("يضم ما لا يزيد على 50 مراقبا.", "50", Lang::Ar),
            Some(Bound::Upper)
        );
        // An approximation bounds neither way.
        assert_eq!(bound("وصل نحو 300 شخص.", "300", Lang::Ar), None);
    }
}
