//! `number`: a figure the Arabic shares with the English changed to another plausible value in
//! the same script and style. Digits keep their count (so the counted noun's agreement still
//! holds: 3–9 stay in 3–9, 11+ stay 11+); number words are swapped within their own form
//! (ثلاثة→خمسة, ثلاث→خمس, عشرون→أربعون). Dates and years are the date classes' business.

use super::rng::Rng;
use super::words::{self, digit_runs, write_number};
use super::{Doc, Edit};
use crate::text::arabic::normalize;

/// Number words that can stand for one another, by form (masculine with taa, feminine, tens in
/// the nominative, tens in the accusative/genitive).
const WORD_SETS: &[&[&str]] = &[
    &["ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"],
    &["ثلاث", "أربع", "خمس", "ست", "سبع", "تسع"],
    &[
        "عشرون",
        "ثلاثون",
        "أربعون",
        "خمسون",
        "ستون",
        "سبعون",
        "ثمانون",
        "تسعون",
    ],
    &[
        "عشرين",
        "ثلاثين",
        "أربعين",
        "خمسين",
        "ستين",
        "سبعين",
        "ثمانين",
        "تسعين",
    ],
];

/// A new leading digit for a number of `len` digits starting with `first`, keeping agreement.
pub fn new_value(v: u64, rng: &mut Rng) -> Option<u64> {
    let s = v.to_string();
    let len = s.len();
    let first = u64::from(s.as_bytes()[0] - b'0');
    let choices: Vec<u64> = match len {
        1 if (3..=9).contains(&v) => (3..=9).filter(|&d| d != v).collect(),
        1 => return None,
        2 if v == 10 => return None,
        _ => (1..=9).filter(|&d| d != first).collect(),
    };
    let scale = 10u64.pow(len as u32 - 1);
    let candidates: Vec<u64> = choices
        .into_iter()
        .map(|d| d * scale + v % scale)
        .filter(|&n| n != 10)
        .collect();
    rng.pick(&candidates).copied()
}

/// Days of the English dates of the bead of Arabic sentence `j`.
fn english_days(doc: &Doc, j: usize) -> Vec<u32> {
    doc.en_of_ar[j]
        .iter()
        .flat_map(|&i| doc.anchors.src[i].dates.iter().flat_map(|d| d.days.clone()))
        .collect()
}

/// Values of the numbers in the English bead of Arabic sentence `j`.
fn english_values(doc: &Doc, j: usize) -> Vec<f64> {
    doc.en_of_ar[j]
        .iter()
        .flat_map(|&i| doc.anchors.src[i].numbers.iter().map(|n| n.value))
        .collect()
}

pub fn sites(doc: &Doc, j: usize, rng: &mut Rng) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    let a = &doc.anchors.tgt[j];
    let en = english_values(doc, j);
    let mut out = Vec::new();
    for n in &a.numbers {
        let shared = en.iter().any(|&v| (v - n.value).abs() < 1e-6);
        let in_date = a.dates.iter().any(|d| d.start < n.end && n.start < d.end);
        // Days of the English dates (a dateline's «٢٣ - ١٠»), year-like figures (1833) and
        // paragraph numbers («3- ») belong to the date classes or are not figures at all.
        let day_like = n.value <= 31.0 && english_days(doc, j).contains(&(n.value as u32));
        let year_like = n.digits && (1700.0..=2100.0).contains(&n.value) && n.value.fract() == 0.0;
        let marker = n.start == 0
            && s.chars()
                .nth(n.end)
                .is_some_and(|c| matches!(c, '-' | '.' | ')'));
        if !shared || in_date || day_like || year_like || marker {
            continue;
        }
        let (bs, be) = (words::byte_of(s, n.start), words::byte_of(s, n.end));
        let text = &s[bs..be];
        if n.digits {
            // Only the first digit run: "١٥ ألفاً و٥٠٠" becomes "٢٥ ألفاً و٥٠٠".
            let Some(&(rs, re, v, script)) = digit_runs(text).first() else {
                continue;
            };
            let Some(nv) = new_value(v, rng) else {
                continue;
            };
            let factor = n.value / v.max(1) as f64;
            if en.iter().any(|&e| (e - nv as f64 * factor).abs() < 1e-6) {
                continue;
            }
            let new = words::replace(s, bs + rs, bs + re, &write_number(nv, script));
            out.push(Edit::new(j, s, new));
        } else if let Some(e) = word_site(s, j, bs, be, rng) {
            out.push(e);
        }
    }
    out
}

/// A number word inside [bs, be) swapped for another of its set, clitics kept.
fn word_site(s: &str, j: usize, bs: usize, be: usize, rng: &mut Rng) -> Option<Edit> {
    for w in words::words(s) {
        if w.start < bs || w.end > be {
            continue;
        }
        for set in WORD_SETS {
            let norms: Vec<String> = set.iter().map(|x| normalize(x)).collect();
            for clitic in ["", "و", "ب", "ل"] {
                let Some(rest) = w.norm.strip_prefix(clitic) else {
                    continue;
                };
                let Some(k) = norms.iter().position(|x| x == rest) else {
                    continue;
                };
                let others: Vec<&str> =
                    (0..set.len()).filter(|&i| i != k).map(|i| set[i]).collect();
                let new_word = format!(
                    "{}{}",
                    words::letters_prefix(&s[w.start..w.end], clitic.chars().count()),
                    rng.pick(&others)?
                );
                let new = words::replace(s, w.start, w.end, &new_word);
                return Some(Edit::new(j, s, new));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_digit_count_and_agreement() {
        let mut r = Rng::new(5);
        for _ in 0..50 {
            let v = new_value(7, &mut r).unwrap();
            assert!((3..=9).contains(&v) && v != 7);
            let v = new_value(13, &mut r).unwrap();
            assert!((11..=99).contains(&v) && v % 10 == 3 && v != 13);
            let v = new_value(1042, &mut r).unwrap();
            assert!((1000..=9999).contains(&v) && v % 1000 == 42 && v != 1042);
        }
        assert_eq!(new_value(1, &mut r), None);
        assert_eq!(new_value(10, &mut r), None);
    }

    #[test]
    fn a_number_word_is_swapped_in_its_form() {
        let s = "وقال إن ثلاثة جنود أصيبوا.";
        let b = s.find("ثلاثة").unwrap();
        let e = word_site(s, 0, b, b + "ثلاثة".len(), &mut Rng::new(2)).unwrap();
        assert_eq!(e.before, "ثلاثة");
        assert!(WORD_SETS[0].contains(&e.after.as_str()) && e.after != "ثلاثة");
        assert_eq!(e.text.replace(&e.after, "ثلاثة"), s);
    }
}
