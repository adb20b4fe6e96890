//! Calendar dates for pairing: the optional `date` metadata of a document (ISO 8601), dates named
//! in its text with their year filled in when the text leaves it out ("on September 14", "يومي
//! ٢٢ و٢٣ أكتوبر الجاري"), and the distance in days between two documents' dates.

use super::terms::SentenceEvidence;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// A valid Gregorian day, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Day { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// ISO form, also the index term after `d:`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD` (also with `/`), ignoring a time that follows ("2024-10-23T09:00Z").
    pub fn parse_iso(s: &str) -> Option<Day> {
        let s = s.trim();
        let head = s.get(..10)?;
        let rest = &s[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        let b = head.as_bytes();
        if !(b[4] == b[7] && matches!(b[4], b'-' | b'/')) {
            return None;
        }
        let year = head[..4].parse().ok()?;
        let month = head[5..7].parse().ok()?;
        let day = head[8..10].parse().ok()?;
        Day::new(year, month, day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A date named in a document, its year resolved where possible.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedDate {
    pub year: Option<i32>,
    pub month: u32,
    pub days: Vec<u32>,
}

/// Plausible calendar year of a number written in digits.
fn year_of(v: f64) -> Option<i32> {
    (v.fract() == 0.0 && (1900.0..=2100.0).contains(&v)).then_some(v as i32)
}

/// The dates named in a document's sentences. A date without a year takes, in order: the year of
/// the document's `date` metadata; the year that every dated mention of the document agrees on;
/// the only year written in the same sentence ("Eagle Horizon 2024 on September 14"). Otherwise
/// it stays without a year: guessing would invent evidence.
pub fn named_dates(sentences: &[SentenceEvidence], metadata: Option<Day>) -> Vec<NamedDate> {
    let mut explicit: Vec<i32> = sentences
        .iter()
        .flat_map(|s| s.dates.iter().filter_map(|d| d.year))
        .collect();
    explicit.sort_unstable();
    explicit.dedup();
    let document_year = metadata
        .map(|d| d.year)
        .or_else(|| (explicit.len() == 1).then(|| explicit[0]));
    let mut out = Vec::new();
    for s in sentences {
        let mut sentence_years: Vec<i32> = s
            .numbers
            .iter()
            .filter(|n| n.digits)
            .filter_map(|n| year_of(n.value))
            .collect();
        sentence_years.sort_unstable();
        sentence_years.dedup();
        let sentence_year = (sentence_years.len() == 1).then(|| sentence_years[0]);
        for d in &s.dates {
            out.push(NamedDate {
                year: d.year.or(document_year).or(sentence_year),
                month: d.month,
                days: d.days.clone(),
            });
        }
    }
    out
}

/// Smallest distance in days between any date of `a` and any date of `b`, with the pair of days.
pub fn closest(a: &[Day], b: &[Day]) -> Option<(i64, Day, Day)> {
    let mut best: Option<(i64, Day, Day)> = None;
    for &x in a {
        for &y in b {
            let gap = (x.number() - y.number()).abs();
            if best.map_or(true, |(g, _, _)| gap < g) {
                best = Some((gap, x, y));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;
    use crate::text::Lang;

    #[test]
    fn parses_iso_dates() {
        assert_eq!(Day::parse_iso("2023-08-08"), Day::new(2023, 8, 8));
        assert_eq!(
            Day::parse_iso("2024-10-23T09:00:00Z"),
            Day::new(2024, 10, 23)
        );
        assert_eq!(Day::parse_iso("2024/02/29"), Day::new(2024, 2, 29));
        assert_eq!(Day::parse_iso("2023-02-29"), None);
        assert_eq!(Day::parse_iso("8 August 2023"), None);
        assert_eq!(Day::parse_iso("2023-08-081"), None);
        assert_eq!(Day::parse_iso(""), None);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(Day::new(1970, 1, 1).map(Day::number), Some(0));
        assert_eq!(Day::new(2023, 8, 8).map(Day::number), Some(19_577));
        let a = [Day::new(2025, 3, 4).unwrap()];
        let b = [Day::new(2024, 3, 4).unwrap(), Day::new(2025, 3, 5).unwrap()];
        assert_eq!(closest(&a, &b).map(|c| c.0), Some(1));
    }

    #[test]
    fn years_are_filled_in() {
        let lex = Lexicon::builtin();
        let s = super::super::terms::sentences(
            [
                "Exercise Eagle Horizon 2024 concluded on September 14.",
                "The talks resume on October 2.",
            ],
            Lang::En,
            lex,
        );
        let d = named_dates(&s, None);
        assert_eq!(d[0].year, Some(2024));
        assert_eq!(d[1].year, None, "no year anywhere near: {d:?}");
        let d = named_dates(&s, Day::new(2024, 9, 15));
        assert_eq!(d[1].year, Some(2024));
    }
}
