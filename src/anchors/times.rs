//! Times of day: "between 4:00 a.m. and 6:30 a.m.", «بين الساعة الرابعة والسادسة والنصف صباحاً».
//! A clock time is no figure: its hour and minutes are not counts ("6:30" is neither 6 nor 30),
//! and Arabic writes the hour as an ordinal word after «الساعة» with «والنصف» (and a half) or
//! «والربع» (and a quarter) for the minutes. The number detectors leave these spans alone.

use crate::text::tokens::{tokenize, Token, TokenKind};
use crate::text::{arabic, digits, Lang};
use std::sync::OnceLock;

/// Character spans of the times of day in a sentence of either language.
pub fn time_spans(sentence: &str) -> Vec<(usize, usize)> {
    times(sentence)
        .into_iter()
        .map(|t| (t.start, t.end))
        .collect()
}

/// A time of day: minutes after midnight, or after midnight or noon when the text does not say
/// which (`half_day`), and where it is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeOfDay {
    pub minutes: u32,
    pub half_day: bool,
    pub start: usize,
    pub end: usize,
}

impl TimeOfDay {
    /// Whether two times can be the same: equal, or equal on a twelve-hour clock where either
    /// leaves the half of the day open.
    pub fn agrees(&self, other: &TimeOfDay) -> bool {
        if self.half_day || other.half_day {
            self.minutes % 720 == other.minutes % 720
        } else {
            self.minutes == other.minutes
        }
    }

    /// "22:30".
    pub fn clock(&self) -> String {
        format!("{}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

/// The times of day of a sentence of either language.
pub fn times(sentence: &str) -> Vec<TimeOfDay> {
    let mut out = clock_times(sentence);
    // Only a sentence with «ساعة» in it is tokenised again.
    let hours = if sentence.contains("ساع") {
        arabic_hours(&tokenize(sentence), &out)
    } else {
        Vec::new()
    };
    for t in hours {
        if !out.iter().any(|o| o.start >= t.start && o.end <= t.end) {
            out.push(t);
        } else {
            // Digits after «الساعة» («الساعة 10:30 مساء»): the digits' time, with the part of
            // the day the words give.
            for o in out
                .iter_mut()
                .filter(|o| o.start >= t.start && o.end <= t.end && o.half_day)
            {
                if !t.half_day {
                    o.minutes = o.minutes % 720 + if t.minutes >= 720 { 720 } else { 0 };
                    o.half_day = false;
                }
            }
        }
    }
    out
}

/// Whether the character span start..end lies inside one of `spans`.
pub fn within(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    spans.iter().any(|&(s, e)| start >= s && end <= e)
}

/// "6:30", "06:30", "4 a.m.", "11:45 pm" (digits of any script).
fn clock_times(sentence: &str) -> Vec<TimeOfDay> {
    use regex::Regex;
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|\b(\d{1,2}):(\d{2})\b",
        )
        .expect("static regex")
    });
    let mut out = Vec::new();
    // A clock time has a digit: most sentences are passed over without a copy or a search.
    if !sentence.chars().any(|c| c.is_numeric()) {
        return out;
    }
    // Folding digits keeps one character per character, so offsets carry over. Arabic letters
    // become spaces, one for one, so that a clock written onto a conjunction («و9:30») starts a
    // word.
    let folded: String = digits::fold_digits(sentence)
        .chars()
        .map(|c| {
            if ('\u{0621}'..='\u{064A}').contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    for c in re.captures_iter(&folded) {
        let Some(m) = c.get(0) else { continue };
        let num = |k: usize| c.get(k).and_then(|g| g.as_str().parse::<u32>().ok());
        let (hour, minute) = match (num(1), num(4)) {
            (Some(h), _) => (h, num(2).unwrap_or(0)),
            (None, Some(h)) => (h, num(5).unwrap_or(0)),
            _ => continue,
        };
        if hour > 24 || minute > 59 {
            continue;
        }
        let suffix = c.get(3).map(|g| g.as_str().to_lowercase());
        let (minutes, half_day) = match suffix.as_deref() {
            Some(s) if s.starts_with('p') => ((hour % 12 + 12) * 60 + minute, false),
            Some(_) => ((hour % 12) * 60 + minute, false),
            // "14:30" says the half of the day; "6:30" does not.
            None => (hour * 60 + minute, hour <= 12),
        };
        let start = folded[..m.start()].chars().count();
        out.push(TimeOfDay {
            minutes: minutes % 1440,
            half_day,
            start,
            end: start + m.as_str().chars().count(),
        });
    }
    out
}

/// «الساعة» and the hour words, minutes, parts of the day and connectors that follow it without
/// punctuation between: «الساعة الرابعة والسادسة والنصف صباحاً» (4:00 and 6:30 in the morning),
/// «الساعة 4:30 فجراً». Each hour word opens a time; «والنصف», «والربع», «والثلث» add to it and
/// «إلا ربعا» takes from it; a part of the day («مساءً») sets the half of the day of all.
/// A clock in digits (`clocks`, «2:40») is one hour with its minutes, and a further hour needs a
/// connector before it («والعاشرة», «حتى السادسة»): a number that follows without one is
/// something else, the day of a date («الساعة 2:40 فجر 21 آذار»).
fn arabic_hours(tokens: &[Token], clocks: &[TimeOfDay]) -> Vec<TimeOfDay> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let n = arabic::normalize(tokens[i].text);
        let bare = ["و", "ب", "ف"]
            .iter()
            .find_map(|p| n.strip_prefix(p).filter(|r| r.starts_with("ال")))
            .unwrap_or(&n);
        if bare != "الساعه" {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut found: Vec<TimeOfDay> = Vec::new();
        let mut afternoon: Option<bool> = None;
        let mut minus = false;
        // Whether a connector stands since the last hour: the first needs none.
        let mut linked = true;
        while let Some(t) = tokens.get(j) {
            let joined = tokens[j - 1].end + 2 >= t.start;
            if !joined || !time_word(t) {
                break;
            }
            let opens = |found: &[TimeOfDay]| {
                if found.is_empty() {
                    tokens[i].start
                } else {
                    t.start
                }
            };
            if let Some(c) = clocks.iter().find(|c| c.start == t.start) {
                if !linked {
                    break;
                }
                found.push(TimeOfDay {
                    start: opens(&found),
                    ..*c
                });
                linked = false;
                while tokens.get(j).is_some_and(|t| t.start < c.end) {
                    j += 1;
                }
                continue;
            }
            let n = arabic::normalize(t.text);
            if !found.is_empty() && n.starts_with('و') && !n.starts_with("واحد") {
                linked = true;
            }
            let w = stripped(t);
            // «الحادية عشرة», «الثانية عشرة»: the teen of the hour before.
            if matches!(w.as_str(), "عشر" | "عشره") {
                if let Some(last) = found.last_mut().filter(|l| l.minutes < 180) {
                    last.minutes += 600;
                    last.end = t.end;
                }
                j += 1;
                continue;
            }
            match (minute_word(&w), hour_value(t)) {
                (Some(m), _) if !found.is_empty() => {
                    if let Some(last) = found.last_mut() {
                        last.minutes = if minus {
                            (last.minutes + 720 - m) % 720
                        } else {
                            last.minutes + m
                        };
                        last.end = t.end;
                    }
                    minus = false;
                    linked = false;
                }
                (_, Some(h)) if t.kind == TokenKind::Number || h <= 12 => {
                    if !linked {
                        break;
                    }
                    found.push(TimeOfDay {
                        minutes: (h % 12) * 60,
                        half_day: true,
                        start: opens(&found),
                        end: t.end,
                    });
                    linked = false;
                }
                _ => {
                    if connector(t) {
                        linked = true;
                    }
                    if arabic::normalize(t.text) == arabic::normalize("إلا") {
                        minus = true;
                    } else if let Some(pm) = part_of_day(&w) {
                        afternoon = Some(pm);
                        if let Some(last) = found.last_mut() {
                            last.end = t.end;
                        }
                    }
                }
            }
            j += 1;
        }
        for mut t in found {
            if let Some(pm) = afternoon {
                t.minutes = t.minutes % 720 + if pm { 720 } else { 0 };
                t.half_day = false;
            }
            out.push(t);
        }
        i = j.max(i + 1);
    }
    out
}

/// A token without its conjunction and article.
fn stripped(t: &Token) -> String {
    let n = arabic::normalize(t.text);
    let n = n.strip_prefix('و').unwrap_or(&n);
    n.strip_prefix("ال").unwrap_or(n).to_string()
}

/// Minutes a fraction word adds to the hour.
fn minute_word(w: &str) -> Option<u32> {
    [("نصف", 30), ("ربع", 15), ("ربعا", 15), ("ثلث", 20)]
        .iter()
        .find(|(f, _)| arabic::normalize(f) == w)
        .map(|&(_, m)| m)
}

/// The hour an hour word or a number after «الساعة» gives.
fn hour_value(t: &Token) -> Option<u32> {
    if t.kind == TokenKind::Number {
        return super::numbers::parse_digits(t.text)
            .filter(|v| v.fract() == 0.0 && (0.0..=24.0).contains(v))
            .map(|v| v as u32);
    }
    let w = stripped(t);
    let first_two = [("واحده", 1), ("ثانيه", 2), ("حاديه", 1)];
    if let Some(&(_, h)) = first_two.iter().find(|(f, _)| *f == w) {
        return Some(h);
    }
    super::numbers::extract(std::slice::from_ref(t), Lang::Ar)
        .first()
        .map(|n| n.value)
        .filter(|v| v.fract() == 0.0 && (1.0..=12.0).contains(v))
        .map(|v| v as u32)
}

/// Whether a part of the day is after noon (afternoon, evening, night) or before (dawn,
/// morning). Noon («ظهرا») names hours on both sides of twelve.
fn part_of_day(w: &str) -> Option<bool> {
    let is = |list: &[&str]| list.iter().any(|p| arabic::normalize(p) == w);
    if is(&["صباحا", "صباح", "فجرا", "فجر"]) {
        Some(false)
    } else if is(&["مساء", "مساءً", "عصرا", "عصر", "ليلا", "ليل"]) {
        Some(true)
    } else {
        None
    }
}

/// A word that is part of a time of day after «الساعة».
fn time_word(t: &Token) -> bool {
    t.kind == TokenKind::Number || numeric_word(t) || connector(t) || {
        let n = arabic::normalize(t.text);
        let n = n.strip_prefix('و').unwrap_or(&n);
        let n = n.strip_prefix("ال").unwrap_or(n);
        PARTS.iter().any(|p| arabic::normalize(p) == n)
    }
}

/// An hour or minute word: a number word, or the first two ordinals, which the number reader
/// takes only in compounds («الواحدة», «الثانية»).
fn numeric_word(t: &Token) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    if !super::numbers::extract(std::slice::from_ref(t), Lang::Ar).is_empty() {
        return true;
    }
    let n = arabic::normalize(t.text);
    let n = n.strip_prefix('و').unwrap_or(&n);
    let n = n.strip_prefix("ال").unwrap_or(n);
    ["واحدة", "ثانية", "حادية", "ربع", "ربعا", "ثلث", "عشرة"]
        .iter()
        .any(|w| arabic::normalize(w) == n)
}

/// Words that join the parts of a time: «و», «حتى», «إلى», «إلا» (a quarter to).
fn connector(t: &Token) -> bool {
    let n = arabic::normalize(t.text);
    ["و", "حتى", "إلى", "إلا", "من"]
        .iter()
        .any(|w| arabic::normalize(w) == n)
}

/// Parts of the day and minutes after the hour.
const PARTS: &[&str] = &[
    "صباحا",
    "صباح",
    "مساء",
    "مساءً",
    "ظهرا",
    "ظهر",
    "عصرا",
    "عصر",
    "فجرا",
    "فجر",
    "ليلا",
    "ليل",
    "دقيقة",
    "دقائق",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::char_slice;

    fn spans(s: &str) -> Vec<String> {
        time_spans(s)
            .into_iter()
            .map(|(a, b)| char_slice(s, a, b).to_string())
            .collect()
    }

    #[test]
    fn english_clock_times() {
        let s = "The ferry left at 7:15 p.m. and docked by 23:40 on Friday.";
        assert_eq!(spans(s), vec!["7:15 p.m.", "23:40"]);
        let clocks: Vec<String> = times(s).iter().map(TimeOfDay::clock).collect();
        assert_eq!(clocks, vec!["19:15", "23:40"]);
        assert_eq!(spans("Doors open at 9 am sharp."), vec!["9 am"]);
        // A ratio or a count is no time.
        assert!(spans("The vote passed 12 to 3 with 40 abstentions.").is_empty());
    }

    #[test]
    fn arabic_hours_after_al_saa() {
        let clocks = |s: &str| -> Vec<String> { times(s).iter().map(TimeOfDay::clock).collect() };
        let s = "غادرت العبارة بين الساعة التاسعة والعاشرة والربع مساءً، ثم رست في الميناء.";
        assert_eq!(clocks(s), vec!["21:00", "22:15"]);
        assert_eq!(
            times(s)
                .iter()
                .map(|t| char_slice(s, t.start, t.end))
                .collect::<Vec<_>>(),
            vec!["الساعة التاسعة", "والعاشرة والربع مساءً"]
        );
        assert_eq!(clocks("وبدأ الإضراب عند الساعة ٥:٤٥ فجراً."), vec!["5:45"]);
        assert_eq!(clocks("عند الساعة 10:30 مساءً تقريبا"), vec!["22:30"]);
        assert_eq!(
            clocks("حتى الساعة الثانية عشرة إلا ربعا ظهرا"),
            vec!["11:45"]
        );
        assert_eq!(clocks("منذ الساعة الحادية عشرة صباحا"), vec!["11:00"]);
        // A clock in digits is one time, and a number after it with no connector is no hour:
        // here the day of the date.
        assert_eq!(
            clocks("أقلعت الطائرة عند الساعة 7:25 صباح 14 تشرين الأول"),
            vec!["7:25"]
        );
        assert_eq!(clocks("وفي الساعة 6:50 من صباح اليوم التالي"), vec!["6:50"]);
        assert_eq!(clocks("بين الساعة 8:10 و9:30 مساء"), vec!["20:10", "21:30"]);
        // Hours as a duration, and the clock as a figure of speech, are no times of day.
        assert!(times("استمر الاجتماع 3 ساعات، والعمل جار على مدار الساعة.").is_empty());
    }

    #[test]
    fn times_agree_on_a_twelve_hour_clock_when_one_side_does_not_say() {
        let en = times("at 10:30 p.m. local time");
        let ar = times("عند الساعة العاشرة والنصف");
        assert!(en[0].agrees(&ar[0]));
        let ar = times("عند الساعة العاشرة والنصف صباحا");
        assert!(!en[0].agrees(&ar[0]));
    }
}
