//! `date_day`, `date_month`, `date_year`: one part of a date the Arabic shares with the English
//! changed. Days and years keep their digit script; a month name is replaced by another month of
//! the same naming tradition (يناير… or كانون الثاني…), both names rewritten when the Arabic
//! gives the two («آب (أغسطس)»). Years outside a named date («في عام ٢٠٢٥») count as years too.

use super::rng::Rng;
use super::words::{self, digit_runs, write_number};
use super::{Doc, Edit};
use crate::anchors::dates::Calendar;
use crate::text::arabic::normalize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Day,
    Month,
    Year,
}

/// Gregorian month names, January first: the Egyptian/Gulf usage and the Levantine/Iraqi one.
const EGYPTIAN: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const LEVANTINE: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
/// Spelling variants of the Egyptian names, with their month.
const VARIANTS: &[(&str, usize)] = &[("إبريل", 3), ("ابريل", 3), ("يونيه", 5), ("يوليه", 6)];

/// A month name found in a sentence: byte range (clitic excluded), month 0-based, tradition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthName {
    pub start: usize,
    pub end: usize,
    pub month: usize,
    pub levantine: bool,
}

/// Month names in `s` (one or two words; a ب/و/ل/ف clitic before the name is left outside).
pub fn month_names(s: &str) -> Vec<MonthName> {
    let ws = words::words(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut found = None;
        // Two-word Levantine names first (كانون الثاني before a lone كانون).
        for (m, name) in LEVANTINE.iter().enumerate() {
            let parts: Vec<String> = name.split(' ').map(normalize).collect();
            if i + parts.len() > ws.len() {
                continue;
            }
            let first = &ws[i].norm;
            let clitic = ["", "و", "ب", "ل", "ف"]
                .into_iter()
                .find(|c| first.strip_prefix(c) == Some(parts[0].as_str()));
            let Some(clitic) = clitic else { continue };
            if parts[1..]
                .iter()
                .enumerate()
                .all(|(k, p)| ws[i + 1 + k].norm == *p)
            {
                let start = ws[i].start
                    + words::letters_prefix(&s[ws[i].start..], clitic.chars().count()).len();
                found = Some((
                    MonthName {
                        start,
                        end: ws[i + parts.len() - 1].end,
                        month: m,
                        levantine: true,
                    },
                    parts.len(),
                ));
                if parts.len() == 2 {
                    break;
                }
            }
        }
        if found.is_none() {
            let egyptian = EGYPTIAN
                .iter()
                .enumerate()
                .map(|(m, n)| (*n, m))
                .chain(VARIANTS.iter().copied());
            for (name, m) in egyptian {
                let n = normalize(name);
                let clitic = ["", "و", "ب", "ل", "ف"]
                    .into_iter()
                    .find(|c| ws[i].norm.strip_prefix(c) == Some(n.as_str()));
                if let Some(c) = clitic {
                    let start = ws[i].start
                        + words::letters_prefix(&s[ws[i].start..], c.chars().count()).len();
                    found = Some((
                        MonthName {
                            start,
                            end: ws[i].end,
                            month: m,
                            levantine: false,
                        },
                        1,
                    ));
                    break;
                }
            }
        }
        match found {
            Some((mn, len)) => {
                out.push(mn);
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// English dates of the bead of Arabic sentence `j`: (months 1-based, days, years).
fn english_parts(doc: &Doc, j: usize) -> (Vec<u8>, Vec<u32>, Vec<u32>) {
    let mut months = Vec::new();
    let mut days = Vec::new();
    let mut years = Vec::new();
    for &i in &doc.en_of_ar[j] {
        let a = &doc.anchors.src[i];
        for d in &a.dates {
            months.push(d.month);
            days.extend(&d.days);
            years.extend(d.year);
        }
        years.extend(
            a.numbers
                .iter()
                .filter(|n| {
                    n.digits && n.value.fract() == 0.0 && (1700.0..=2100.0).contains(&n.value)
                })
                .map(|n| n.value as u32),
        );
    }
    (months, days, years)
}

pub fn sites(doc: &Doc, j: usize, rng: &mut Rng, part: Part) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    let a = &doc.anchors.tgt[j];
    let (en_months, en_days, en_years) = english_parts(doc, j);
    let mut out = Vec::new();
    let dates: Vec<_> = a
        .dates
        .iter()
        .filter(|d| d.calendar == Calendar::Gregorian && en_months.contains(&d.month))
        .collect();
    match part {
        Part::Day => {
            for d in &dates {
                let (bs, be) = (words::byte_of(s, d.start), words::byte_of(s, d.end));
                // Every day of the date («يومي ٢٢ و٢٣»): one injection each.
                let runs = digit_runs(&s[bs..be])
                    .into_iter()
                    .filter(|r| d.days.contains(&(r.2 as u32)) && en_days.contains(&(r.2 as u32)));
                for (rs, re, v, script) in runs {
                    let choices: Vec<u64> = (1..=28)
                        .filter(|&x| x != v && !en_days.contains(&(x as u32)))
                        .collect();
                    let Some(&nv) = rng.pick(&choices) else {
                        continue;
                    };
                    let mut text = write_number(nv, script);
                    let zero_led = s[bs + rs..].starts_with(['0', '٠', '۰']);
                    if zero_led && nv < 10 {
                        // "08" stays two digits.
                        text.insert(0, words::digit_char(0, script));
                    }
                    out.push(Edit::new(j, s, words::replace(s, bs + rs, bs + re, &text)));
                }
            }
        }
        Part::Month => {
            for d in &dates {
                let (bs, be) = (words::byte_of(s, d.start), words::byte_of(s, d.end));
                // The names in the date's span, and a second name right after it in brackets.
                let names: Vec<MonthName> = month_names(s)
                    .into_iter()
                    .filter(|m| m.month + 1 == d.month as usize)
                    .filter(|m| m.start < be + 12 && bs < m.end)
                    .collect();
                if names.is_empty() {
                    continue;
                }
                let choices: Vec<usize> = (0..12)
                    .filter(|&m| !en_months.contains(&(m as u8 + 1)))
                    .collect();
                let Some(&nm) = rng.pick(&choices) else {
                    continue;
                };
                let mut new = s.to_string();
                for m in names.iter().rev() {
                    let name = if m.levantine {
                        LEVANTINE[nm]
                    } else {
                        EGYPTIAN[nm]
                    };
                    new.replace_range(m.start..m.end, name);
                }
                out.push(Edit::new(j, s, words::tidy(&new)));
            }
        }
        Part::Year => {
            let year_like = |n: &&crate::anchors::numbers::NumberMention| {
                n.digits && n.value.fract() == 0.0 && (1700.0..=2100.0).contains(&n.value)
            };
            for n in a.numbers.iter().filter(year_like) {
                let y = n.value as u32;
                if !en_years.contains(&y) {
                    continue;
                }
                let (bs, be) = (words::byte_of(s, n.start), words::byte_of(s, n.end));
                let Some(&(rs, re, v, script)) = digit_runs(&s[bs..be]).first() else {
                    continue;
                };
                let choices: Vec<u64> = [v - 3, v - 2, v - 1, v + 1, v + 2]
                    .into_iter()
                    .filter(|&x| !en_years.contains(&(x as u32)))
                    .collect();
                let Some(&nv) = rng.pick(&choices) else {
                    continue;
                };
                let text = write_number(nv, script);
                out.push(Edit::new(j, s, words::replace(s, bs + rs, bs + re, &text)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_in_both_traditions() {
        let s = "وصل في ١٧ تشرين الأول ٢٠٢٤، وغادر بيناير.";
        let m = month_names(s);
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].month, m[0].levantine), (9, true));
        assert_eq!(&s[m[0].start..m[0].end], "تشرين الأول");
        assert_eq!((m[1].month, m[1].levantine), (0, false));
        assert_eq!(&s[m[1].start..m[1].end], "يناير");
    }
}
