//! Changed dates. Every date a sentence gives — a full date, a month, a year, a weekday, a numeric
//! date, or a relative one ("yesterday", «الشهر الماضي») resolved against the document's own
//! date — becomes a set of parts (year, month, days, weekday), any of them absent. An Arabic date
//! that no source date of its bead is compatible with (a part present on both sides differs),
//! while the source does give a date, is a changed date. The dateline an outlet puts before its
//! text is its own, and is not compared.

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::dates::{numeric_dates, weekday_of, Calendar};
use crate::anchors::SentenceAnchors;
use crate::text::data as text_data;
use crate::text::tokens::{tokenize, Token, TokenKind};
use crate::text::{arabic, Lang};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Day of the week of a day counted from 1970-01-01 (a Thursday), Monday = 1.
fn weekday_of_days(d: i64) -> u8 {
    (d + 3).rem_euclid(7) as u8 + 1
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithm).
    fn days(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    fn from_days(z: i64) -> Ymd {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Ymd { year, month, day }
    }

    /// Day of the week, Monday = 1.
    pub fn weekday(self) -> u8 {
        weekday_of_days(self.days())
    }

    fn add_days(self, d: i64) -> Ymd {
        Ymd::from_days(self.days() + d)
    }

    fn add_months(self, d: i32) -> (i32, u32) {
        let k = self.year * 12 + self.month as i32 - 1 + d;
        (k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
    }
}

/// A relative date: so many days, months or years from the document's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Days(i64),
    Months(i32),
    Years(i32),
}

impl Relative {
    /// In words, as a flag's message shows it ("last month", "in 3 days"): the data only has
    /// -1, 0 and 1, the rest is for completeness.
    fn describe(self) -> String {
        let (n, unit) = match self {
            Relative::Days(0) => return "today".into(),
            Relative::Days(-1) => return "yesterday".into(),
            Relative::Days(1) => return "tomorrow".into(),
            Relative::Days(n) => (n, "day"),
            Relative::Months(n) => (n as i64, "month"),
            Relative::Years(n) => (n as i64, "year"),
        };
        match n {
            0 => format!("this {unit}"),
            -1 => format!("last {unit}"),
            1 => format!("next {unit}"),
            n if n < 0 => format!("{} {unit}s ago", -n),
            n => format!("in {n} {unit}s"),
        }
    }
}

/// What a sentence says about when: any of the parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub days: Vec<u32>,
    pub weekday: Option<u8>,
    /// A relative date that could not be resolved (no document date on either side).
    pub relative: Option<Relative>,
    pub start: usize,
    pub end: usize,
}

impl When {
    fn new(start: usize, end: usize) -> When {
        When {
            year: None,
            month: None,
            days: Vec::new(),
            weekday: None,
            relative: None,
            start,
            end,
        }
    }

    /// Whether the two can be the same date: no part given on both sides differs.
    pub fn compatible(&self, o: &When) -> bool {
        let differ =
            |a: Option<i64>, b: Option<i64>| matches!((a, b), (Some(x), Some(y)) if x != y);
        if differ(self.year.map(i64::from), o.year.map(i64::from))
            || differ(self.month.map(i64::from), o.month.map(i64::from))
            || differ(self.weekday.map(i64::from), o.weekday.map(i64::from))
        {
            return false;
        }
        if !self.days.is_empty()
            && !o.days.is_empty()
            && self.days.iter().all(|d| !o.days.contains(d))
        {
            return false;
        }
        match (self.relative, o.relative) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    /// Whether the two give some part in common (both a month, both a year …): only then can
    /// one confirm or contradict the other.
    pub fn comparable(&self, o: &When) -> bool {
        (self.year.is_some() && o.year.is_some())
            || (self.month.is_some() && o.month.is_some())
            || (!self.days.is_empty() && !o.days.is_empty())
            || (self.weekday.is_some() && o.weekday.is_some())
            || (self.relative.is_some() && o.relative.is_some())
    }

    /// Whether it says anything a date of the other side could contradict.
    fn is_empty(&self) -> bool {
        self.year.is_none()
            && self.month.is_none()
            && self.days.is_empty()
            && self.weekday.is_none()
            && self.relative.is_none()
    }

    fn describe(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const WEEKDAYS: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let mut parts = Vec::new();
        if let Some(w) = self.weekday {
            parts.push(
                WEEKDAYS
                    .get(w as usize - 1)
                    .copied()
                    .unwrap_or("?")
                    .to_string(),
            );
        }
        let days: Vec<String> = self.days.iter().map(|d| d.to_string()).collect();
        if let Some(m) = self.month {
            let name = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
            if days.is_empty() {
                parts.push(name.to_string());
            } else {
                parts.push(format!("{name} {}", days.join("–")));
            }
        } else if !days.is_empty() {
            parts.push(format!("day {}", days.join("–")));
        }
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        if let Some(r) = self.relative {
            parts.push(r.describe());
        }
        parts.join(" ")
    }
}

/// Relative date expressions (data/relative_dates.tsv): (language, words) → offset. Arabic words
/// are compared normalised, without a leading conjunction.
fn relatives() -> &'static HashMap<(char, Vec<String>), Relative> {
    static R: OnceLock<HashMap<(char, Vec<String>), Relative>> = OnceLock::new();
    R.get_or_init(|| {
        let mut m = HashMap::new();
        for f in text_data::rows(include_str!("data/relative_dates.tsv"), 4) {
            let lang = if f[0] == "ar" { 'a' } else { 'e' };
            let Ok(n) = f[3].parse::<i64>() else {
                continue;
            };
            let rel = match f[2] {
                "day" => Relative::Days(n),
                "month" => Relative::Months(n as i32),
                "year" => Relative::Years(n as i32),
                _ => continue,
            };
            let words = f[1].split_whitespace().map(|w| key(w, lang)).collect();
            m.insert((lang, words), rel);
        }
        m
    })
}

fn key(w: &str, lang: char) -> String {
    if lang == 'a' {
        // The conjunction goes, the article stays: «واليوم» is «اليوم» (today), «يوم» a day.
        let n = arabic::normalize(w);
        n.strip_prefix('و')
            .or_else(|| n.strip_prefix('ف'))
            .filter(|r| r.chars().count() >= 3)
            .unwrap_or(&n)
            .to_string()
    } else {
        w.to_lowercase().trim_end_matches("'s").to_string()
    }
}

/// Resolves a relative date against a document date.
fn resolve(rel: Relative, at: Ymd, start: usize, end: usize) -> When {
    let mut w = When::new(start, end);
    match rel {
        Relative::Days(d) => {
            let r = at.add_days(d);
            w.year = Some(r.year);
            w.month = Some(r.month);
            w.days = vec![r.day];
        }
        Relative::Months(d) => {
            let (y, m) = at.add_months(d);
            w.year = Some(y);
            w.month = Some(m);
        }
        Relative::Years(d) => w.year = Some(at.year + d),
    }
    w
}

/// The dates a sentence gives. `reference`: the document's date, for relative dates.
/// `toks` are the sentence's tokens (the detectors share them).
pub fn whens(
    text: &str,
    toks: &[Token],
    a: &SentenceAnchors,
    lang: Lang,
    reference: Option<Ymd>,
) -> Vec<When> {
    let mut out: Vec<When> = Vec::new();
    for d in &a.dates {
        if d.calendar != Calendar::Gregorian {
            continue;
        }
        let mut w = When::new(d.start, d.end);
        w.month = Some(d.month as u32);
        w.days = d.days.clone();
        w.year = d.year.map(|y| y as i32);
        w.weekday = d.weekday;
        out.push(w);
    }
    for (day, month, year, s, e) in numeric_dates(text) {
        let mut w = When::new(s, e);
        w.days = vec![day];
        w.month = Some(month as u32);
        w.year = year.map(|y| y as i32);
        out.push(w);
    }
    let inside = |out: &[When], s: usize, e: usize| out.iter().any(|w| s < w.end && e > w.start);
    // Years on their own: "in 2025", «عام ٢٠٢٤».
    for n in a.numbers.iter().filter(|n| n.is_year()) {
        if !inside(&out, n.start, n.end) {
            let mut w = When::new(n.start, n.end);
            w.year = Some(n.value as i32);
            out.push(w);
        }
    }
    let l = if lang == Lang::Ar { 'a' } else { 'e' };
    let keys: Vec<String> = toks.iter().map(|t| key(t.text, l)).collect();
    // Weekdays on their own: "on Tuesday", «يوم الأربعاء».
    for t in toks {
        if let Some(wd) = weekday_of(t.text) {
            if !inside(&out, t.start, t.end) {
                let mut w = When::new(t.start, t.end);
                w.weekday = Some(wd);
                out.push(w);
            }
        }
    }
    // Relative dates, longest expression first.
    let rel = relatives();
    let mut k = 0;
    while k < keys.len() {
        let mut found = None;
        for n in (1..=3).rev() {
            if k + n > keys.len() {
                continue;
            }
            if let Some(&r) = rel.get(&(l, keys[k..k + n].to_vec())) {
                found = Some((r, n));
                break;
            }
        }
        let Some((r, n)) = found else {
            k += 1;
            continue;
        };
        // An expression that starts inside this one and runs past it says which period this
        // one's words qualify: «مطلع العام المقبل» is the start of next year, not «مطلع العام».
        let runs_past = (k + 1..k + n).find(|&m| {
            (1..=3).any(|n2| {
                m + n2 > k + n
                    && m + n2 <= keys.len()
                    && rel.contains_key(&(l, keys[m..m + n2].to_vec()))
            })
        });
        if let Some(m) = runs_past {
            k = m;
            continue;
        }
        let (s, e) = (toks[k].start, toks[k + n - 1].end);
        if !inside(&out, s, e) {
            out.push(match reference {
                Some(at) => resolve(r, at, s, e),
                None => {
                    let mut w = When::new(s, e);
                    w.relative = Some(r);
                    w
                }
            });
        }
        k += n;
    }
    out.retain(|w| !w.is_empty());
    out
}

/// The date relative dates of a pair resolve against: the translation's own date (its
/// dateline), else the source's.
pub fn pair_reference(ctx: &Context) -> Option<Ymd> {
    document_date(ctx.tgt, &ctx.anchors.tgt).or(document_date(ctx.src, &ctx.anchors.src))
}

/// [`pair_reference`], or where neither side has a dateline the first full date of the
/// source's lead: a reference good enough to count a relative date as rendering a date of the
/// source, never to make a flag.
pub fn rendering_reference(ctx: &Context) -> Option<Ymd> {
    pair_reference(ctx).or_else(|| {
        ctx.anchors.src.iter().take(3).find_map(|a| {
            a.dates
                .iter()
                .filter(|d| d.calendar == Calendar::Gregorian)
                .find_map(|d| {
                    Some(Ymd {
                        year: d.year? as i32,
                        month: d.month as u32,
                        day: *d.days.first()?,
                    })
                })
        })
    })
}

/// The first date of the Arabic between two characters of a target sentence, against the
/// source's dates: how many other words the span holds, whether a comparable date of the
/// source agrees with it, and whether one disagrees.
#[derive(Debug, Clone, Copy)]
pub struct RunDate {
    others: usize,
    same: bool,
    changed: bool,
}

impl RunDate {
    /// Reads the first date of the Arabic between characters `start` and `end` of target
    /// sentence `j` against the dates of source sentences `src`; `reference`: see
    /// [`rendering_reference`]. None where the span holds no date.
    pub fn read(
        ctx: &Context,
        reference: Option<Ymd>,
        src: &[usize],
        j: usize,
        (start, end): (usize, usize),
    ) -> Option<RunDate> {
        let words = ctx.words.ar(j);
        let ar = whens(
            &ctx.tgt[j],
            &words.toks,
            &ctx.anchors.tgt[j],
            Lang::Ar,
            reference,
        );
        let date = ar.iter().find(|w| w.start >= start && w.end <= end)?;
        let others = words
            .toks
            .iter()
            .filter(|t| t.kind == TokenKind::Word && t.start >= start && t.end <= end)
            .filter(|t| t.end <= date.start || t.start >= date.end)
            .count();
        let (mut same, mut changed) = (false, false);
        for &i in src {
            let en = ctx.words.en(i);
            for w in whens(
                &ctx.src[i],
                &en.toks,
                &ctx.anchors.src[i],
                Lang::En,
                reference,
            )
            .iter()
            .filter(|w| w.comparable(date))
            {
                if w.compatible(date) {
                    same = true;
                } else {
                    changed = true;
                }
            }
        }
        Some(RunDate {
            others,
            same,
            changed,
        })
    }

    /// A date the source gives, and at most one other word (a preposition: «خلال العام
    /// الماضي» for "in 2024" in a 2025 statement).
    pub fn renders_source_date(&self) -> bool {
        self.others <= 1 && self.same
    }

    /// A date that changes one the source gives (a month for another: the date detector
    /// reports it) and at most four other words, the clause that carries it («الذي انطلق في
    /// كانون الثاني» for "which began in February"): the clause renders the source's, with the
    /// changed date in it.
    pub fn changes_source_date(&self) -> bool {
        const CARRYING_WORDS: usize = 4;
        self.others <= CARRYING_WORDS && !self.same && self.changed
    }
}

/// The Gregorian day of a Hijri date by the arithmetical (tabular) calendar, as days since
/// 1970-01-01. The calendar outlets print follows the sighting of the moon and may be a day or
/// two off it.
fn hijri_days(year: u32, month: u8, day: u32) -> i64 {
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    // Julian day number of 1 Muharram 1 AH less one, and of 1970-01-01.
    const EPOCH_JDN: i64 = 1_948_439;
    const UNIX_JDN: i64 = 2_440_588;
    d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + EPOCH_JDN - UNIX_JDN
}

/// How far apart, in days, a Hijri date may be from the Gregorian day it restates.
const HIJRI_SLACK_DAYS: i64 = 2;

/// The Hijri dates of target sentence `j` (character spans) that restate a Gregorian day the
/// sentence or the source sentences `src` give, within [`HIJRI_SLACK_DAYS`]: outlets print the
/// Hijri date beside the Gregorian one. A Gregorian day without its year ("on Tuesday, March
/// 11") is read in the year the Hijri date falls in.
fn restating_hijri_dates(ctx: &Context, src: &[usize], j: usize) -> Vec<(usize, usize)> {
    // A Hijri date without its year («الموافق 18 ذي الحجة») is read in the Hijri years that
    // overlap the Gregorian years the bead or the document's date give.
    let gregorian_years: std::cell::OnceCell<Vec<i32>> = std::cell::OnceCell::new();
    let gregorian_years = || {
        gregorian_years.get_or_init(|| {
            let mut years: Vec<i32> = std::iter::once(&ctx.anchors.tgt[j].dates)
                .chain(src.iter().map(|&i| &ctx.anchors.src[i].dates))
                .flatten()
                .filter(|d| d.calendar == Calendar::Gregorian)
                .filter_map(|d| d.year.map(|y| y as i32))
                .chain(rendering_reference(ctx).map(|r| r.year))
                .collect();
            years.sort_unstable();
            years.dedup();
            years
        })
    };
    // Where no year is given at all, any Hijri day falls on a given Gregorian day in some year:
    // the Hijri date beside a Gregorian day cannot be checked, and restates it.
    let unverifiable = |d: &crate::anchors::dates::DateMention| {
        d.year.is_none()
            && gregorian_years().is_empty()
            && !gregorian_days(ctx, src, j, &[2000]).is_empty()
    };
    let hijri: Vec<(usize, usize, Vec<i64>)> = ctx.anchors.tgt[j]
        .dates
        .iter()
        .filter(|d| d.calendar == Calendar::Hijri)
        .filter_map(|d| {
            let day = *d.days.first()?;
            let years: Vec<u32> = match d.year {
                Some(y) => vec![y],
                None => gregorian_years()
                    .iter()
                    .filter_map(|&g| u32::try_from((g - 622) * 33 / 32).ok())
                    .flat_map(|h| [h.saturating_sub(1), h, h + 1])
                    .collect(),
            };
            Some((
                d.start,
                d.end,
                years
                    .into_iter()
                    .map(|y| hijri_days(y, d.month, day))
                    .collect(),
            ))
        })
        .collect();
    let unverifiable: Vec<(usize, usize)> = ctx.anchors.tgt[j]
        .dates
        .iter()
        .filter(|d| d.calendar == Calendar::Hijri && unverifiable(d))
        .map(|d| (d.start, d.end))
        .collect();
    hijri
        .into_iter()
        .filter(|(s, e, candidates)| {
            unverifiable.contains(&(*s, *e))
                || candidates.iter().any(|&h_days| {
                    let year = Ymd::from_days(h_days).year;
                    gregorian_days(ctx, src, j, &[year - 1, year, year + 1])
                        .iter()
                        .any(|&g| (g - h_days).abs() <= HIJRI_SLACK_DAYS)
                })
        })
        .map(|(s, e, _)| (s, e))
        .collect()
}

/// The Gregorian days (days since 1970-01-01) that target sentence `j` and source sentences
/// `src` give; a date without its year is read in each of `years` (either side of the year's
/// turn: 1 Rajab may fall on December 31 or January 1).
fn gregorian_days(ctx: &Context, src: &[usize], j: usize, years: &[i32]) -> Vec<i64> {
    std::iter::once(&ctx.anchors.tgt[j].dates)
        .chain(src.iter().map(|&i| &ctx.anchors.src[i].dates))
        .flatten()
        .filter(|d| d.calendar == Calendar::Gregorian)
        .filter_map(|d| Some((d, *d.days.first()?)))
        .flat_map(|(d, day)| {
            let years = match d.year {
                Some(y) => vec![y as i32],
                None => years.to_vec(),
            };
            years.into_iter().map(move |y| {
                Ymd {
                    year: y,
                    month: u32::from(d.month),
                    day,
                }
                .days()
            })
        })
        .collect()
}

/// The parts of target sentence `j` that restate a date rather than add to it: a Hijri date
/// beside the Gregorian day it names (see [`restating_hijri_dates`]), and a weekday the date
/// falls on (Wednesday «الأربعاء» before "5 March" where the source says "on March 5"). Character spans. A date
/// without its year is read in the year of the document's date ([`rendering_reference`]) or of
/// a Hijri date beside it.
pub fn restating_spans(ctx: &Context, src: &[usize], j: usize) -> Vec<(usize, usize)> {
    let mut spans = restating_hijri_dates(ctx, src, j);
    let words = ctx.words.ar(j);
    // Weekdays are looked for only where the bead gives a Gregorian date for them to fall on
    // (few sentences do; this runs for every Arabic sentence the support test reads).
    let dated = std::iter::once(&ctx.anchors.tgt[j].dates)
        .chain(src.iter().map(|&i| &ctx.anchors.src[i].dates))
        .flatten()
        .any(|d| d.calendar == Calendar::Gregorian);
    if dated {
        let mut years: Vec<i32> = rendering_reference(ctx)
            .map(|r| r.year)
            .into_iter()
            .collect();
        years.extend(ctx.anchors.tgt[j].dates.iter().filter_map(|d| {
            (d.calendar == Calendar::Hijri).then(|| {
                let days = hijri_days(d.year?, d.month, *d.days.first()?);
                Some(Ymd::from_days(days).year)
            })?
        }));
        let days = gregorian_days(ctx, src, j, &years);
        spans.extend(
            words
                .toks
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .filter_map(|t| Some((t.start, t.end, weekday_of(t.text)?)))
                .filter(|&(_, _, wd)| days.iter().any(|&d| weekday_of_days(d) == wd))
                .map(|(s, e, _)| (s, e)),
        );
    }
    spans.extend(month_phrase_words(ctx, src, j));
    // «يوم» ("day") before a restated date or weekday is part of it.
    for span in &mut spans {
        let before = words
            .toks
            .iter()
            .zip(&words.norms)
            .rev()
            .find(|(t, _)| t.end <= span.0);
        if let Some((t, n)) = before {
            if arabic::strip_proclitics(n) == "يوم" {
                span.0 = t.start;
            }
        }
    }
    spans
}

/// Words that place a month the source names in time as Arabic dates do, and say nothing of
/// their own: «شهر» before it ("the month of May"), and «المقبل», «الماضي», «الجاري» after it
/// and its other name or year ("May next", «مايو/أيار المقبل» for "in May"). Character spans of
/// target sentence `j`, for months the source sentences `src` give.
fn month_phrase_words(ctx: &Context, src: &[usize], j: usize) -> Vec<(usize, usize)> {
    use crate::anchors::ItemKind;
    let items = &ctx.anchors.tgt[j].items;
    let months: Vec<&crate::anchors::Item> = items
        .iter()
        .filter(|it| it.kind == ItemKind::Month)
        .collect();
    if months.is_empty() {
        return Vec::new();
    }
    let given = |it: &crate::anchors::Item| {
        src.iter().any(|&i| {
            it.keys
                .iter()
                .any(|k| ctx.anchors.src[i].offers.binary_search(k).is_ok())
        })
    };
    let words = ctx.words.ar(j);
    let (toks, norms) = (&words.toks, &words.norms);
    let at = |start: usize| toks.iter().position(|t| t.start <= start && start < t.end);
    let is_month_token = |k: usize| {
        months
            .iter()
            .any(|m| m.start <= toks[k].start && toks[k].start < m.end.max(m.start + 1))
    };
    let mut out = Vec::new();
    for m in months.iter().filter(|m| given(m)) {
        let Some(first) = at(m.start) else { continue };
        if let Some(p) = first.checked_sub(1) {
            if arabic::strip_proclitics(&norms[p]) == "شهر" {
                out.push((toks[p].start, toks[p].end));
            }
        }
        // Past the month's other names and a year to the word that places it.
        let mut k = first + 1;
        while k < toks.len()
            && (is_month_token(k)
                || toks[k].kind == TokenKind::Number
                || toks[k].text.chars().all(|c| c == '/'))
        {
            k += 1;
        }
        if let Some(t) = toks.get(k) {
            let placed = matches!(
                norms[k].as_str(),
                "المقبل" | "القادم" | "الماضي" | "المنصرم" | "الجاري" | "الحالي"
            );
            if placed && t.kind == TokenKind::Word {
                out.push((t.start, t.end));
            }
        }
    }
    out
}

/// Whether the Arabic between characters `start` and `end` of target sentence `j` is a Hijri
/// date, with at most a word of its own around it («الموافق», "corresponding to"; the era
/// sign «هـ»), naming the day a full Gregorian date of the sentence or of the source sentences
/// `src` gives: outlets print the Hijri date beside the Gregorian one, and that restates it.
pub fn restates_gregorian_date(
    ctx: &Context,
    src: &[usize],
    j: usize,
    start: usize,
    end: usize,
) -> bool {
    let hijri: Vec<(usize, usize)> = ctx.anchors.tgt[j]
        .dates
        .iter()
        .filter(|d| d.calendar == Calendar::Hijri && d.start >= start && d.end <= end)
        .map(|d| (d.start, d.end))
        .collect();
    let [(h_start, h_end)] = hijri[..] else {
        return false;
    };
    let words = ctx.words.ar(j);
    let others = words
        .toks
        .iter()
        .zip(&words.norms)
        .filter(|(t, n)| {
            t.kind == TokenKind::Word
                && t.start >= start
                && t.end <= end
                && (t.end <= h_start || t.start >= h_end)
                && n.trim_end_matches('ـ') != "ه"
        })
        .count();
    others <= 1 && restating_hijri_dates(ctx, src, j).contains(&(h_start, h_end))
}

/// The document's own date: the first full date (day, month and year) in its first sentences
/// that dates the document — in a dateline («عمّان 12 آذار 2026 -», "WASHINGTON, April 15, 2026
/// –") or on a line of its own ("April 15, 2026", "Media note, April 15, 2026"). A date inside a
/// running sentence ("the war that broke out on April 15, 2023") is an event's, not the
/// document's.
pub fn document_date(texts: &[String], anchors: &[SentenceAnchors]) -> Option<Ymd> {
    for (text, a) in texts.iter().zip(anchors).take(3) {
        let dateline = dateline_end(text);
        let words = tokenize(text);
        // Words outside the date's span: a date line has few of them.
        let dates_the_document = |start: usize, end: usize| {
            dateline.is_some_and(|e| end <= e)
                || words
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word && (t.end <= start || t.start >= end))
                    .count()
                    <= DATE_LINE_WORDS
        };
        for d in &a.dates {
            if let (Some(y), Some(&day)) = (d.year, d.days.first()) {
                if d.calendar == Calendar::Gregorian && dates_the_document(d.start, d.end) {
                    return Some(Ymd {
                        year: y as i32,
                        month: d.month as u32,
                        day,
                    });
                }
            }
        }
        for (day, month, year, start, end) in numeric_dates(text) {
            if let Some(y) = year {
                if dates_the_document(start, end) {
                    return Some(Ymd {
                        year: y as i32,
                        month: month as u32,
                        day,
                    });
                }
            }
        }
    }
    None
}

/// Words besides its date that a line dating the document may hold: a place, an agency, a kind
/// of release ("Washington, April 15, 2026", "Media Note — Office of the Spokesperson").
const DATE_LINE_WORDS: usize = 6;

/// Where the dateline of an opening sentence ends: a short run of words (a place, a date, the
/// agency) closed by a dash, a slash or a bar, as agencies open their reports («بغداد - ١٦ تشرين
/// الأول -», «المنامة في 12 فبراير / بنا /», "NORFOLK, Va. –").
pub fn dateline_end(text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let toks = tokenize(text);
    let mut last = None;
    for (k, t) in toks.iter().enumerate().take(10) {
        let gap_end = toks.get(k + 1).map_or(chars.len(), |n| n.start);
        if chars[t.end..gap_end]
            .iter()
            .any(|&c| matches!(c, '-' | '–' | '—' | '/' | '|'))
        {
            last = Some(gap_end);
        }
    }
    last
}

/// Days an outlet may date its report after the source's own dateline (a weekly round-up).
const DATELINE_LAG_DAYS: i64 = 7;

/// Day number of a calendar date (days since 1970-01-01, proleptic Gregorian).
fn day_number(year: i32, month: u32, day: u32) -> i64 {
    let (y, m) = if month <= 2 {
        (year as i64 - 1, month as i64 + 9)
    } else {
        (year as i64, month as i64 - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A full date of an Arabic dateline that cannot be the outlet's day for the source's dateline
/// date (also a full date): before it, or more than [`DATELINE_LAG_DAYS`] after it. Returns the
/// source's date as the reason gives it.
fn dateline_contradiction(
    ctx: &Context,
    src: &[usize],
    src_ref: Option<Ymd>,
    w: &When,
) -> Option<String> {
    full_day(w)?;
    let &first = src.first()?;
    if first >= 3 {
        return None;
    }
    let text = &ctx.src[first];
    let end = dateline_end(text)?;
    let en = whens(
        text,
        &ctx.words.en(first).toks,
        &ctx.anchors.src[first],
        Lang::En,
        src_ref,
    )
    .into_iter()
    .find(|d| d.end <= end)?;
    outlet_day_contradicts(&en, w).then(|| en.describe())
}

/// A date's day number when it gives one day of a month of a year.
fn full_day(d: &When) -> Option<i64> {
    match (d.year, d.month, d.days.as_slice()) {
        (Some(y), Some(m), [day]) if (1..=31).contains(day) => Some(day_number(y, m, *day)),
        _ => None,
    }
}

/// Whether the outlet's dateline date `ar` cannot be its day for the source's dateline date
/// `en`: both full dates, and `ar` before `en` or more than [`DATELINE_LAG_DAYS`] after it.
fn outlet_day_contradicts(en: &When, ar: &When) -> bool {
    match (full_day(en), full_day(ar)) {
        (Some(e), Some(a)) => !(0..=DATELINE_LAG_DAYS).contains(&(a - e)),
        _ => false,
    }
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let src_date = document_date(ctx.src, &ctx.anchors.src);
    let tgt_date = document_date(ctx.tgt, &ctx.anchors.tgt);
    // A side without a date of its own is taken to be of the other side's day.
    let (src_ref, tgt_ref) = (src_date.or(tgt_date), tgt_date.or(src_date));
    let mut out = Vec::new();
    let pairs = ctx
        .beads
        .iter()
        .filter(|b| !b.is_null())
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .chain(ctx.moves.iter().map(|m| (vec![m.src], vec![m.tgt])));
    for (src, tgt) in pairs {
        let source: Vec<When> = src
            .iter()
            .flat_map(|&i| {
                whens(
                    &ctx.src[i],
                    &ctx.words.en(i).toks,
                    &ctx.anchors.src[i],
                    Lang::En,
                    src_ref,
                )
            })
            .collect();
        if source.is_empty() {
            continue;
        }
        for &j in &tgt {
            let text = &ctx.tgt[j];
            let dateline = if j < 3 { dateline_end(text) } else { None };
            let toks = &ctx.words.ar(j).toks;
            for w in whens(text, toks, &ctx.anchors.tgt[j], Lang::Ar, tgt_ref) {
                if dateline.is_some_and(|e| w.end <= e) {
                    // The outlet dates its report by its own day: on or a few days after the
                    // source's dateline, never before it nor weeks later.
                    if let Some(said) = dateline_contradiction(ctx, &src, src_ref, &w) {
                        out.push(Flag {
                            kind: FlagKind::DateMismatch,
                            subkind: Some("dateline".into()),
                            severity: Severity::Medium,
                            src: src.clone(),
                            tgt: vec![j],
                            span: Some(span(Side::Tgt, j, text, w.start, w.end)),
                            reason: format!(
                                "dateline dated {} where the source is dated {said}",
                                w.describe()
                            ),
                        });
                    }
                    continue;
                }
                // A source date giving the same kind of part must exist, and none may agree.
                if !contradicts(&w, &source) {
                    continue;
                }
                let said: Vec<String> = source.iter().map(When::describe).collect();
                out.push(Flag {
                    kind: FlagKind::DateMismatch,
                    subkind: None,
                    severity: Severity::High,
                    src: src.clone(),
                    tgt: vec![j],
                    span: Some(span(Side::Tgt, j, text, w.start, w.end)),
                    reason: format!(
                        "date given as {} where the source says {}",
                        w.describe(),
                        said.join("; ")
                    ),
                });
            }
        }
    }
    out
}

/// Whether an Arabic date contradicts the source's dates: a source date gives the same kind of
/// part, and none agrees with it.
/// A part the Arabic gives (year, month, day) that some source date gives must be confirmed by a
/// date that agrees: "October 23, 2025" beside the "2025" of a name does not confirm «23 سبتمبر
/// 2025» through the bare year, nor "July 8" (no year) «8 تموز 2022» where the source's year is
/// 2025.
fn contradicts(w: &When, source: &[When]) -> bool {
    if !source.iter().any(|s| s.comparable(w)) {
        return false;
    }
    let agreeing: Vec<&When> = source
        .iter()
        .filter(|s| s.comparable(w) && s.compatible(w))
        .collect();
    if agreeing.is_empty() || !days_covered(w, source) {
        return true;
    }
    let unconfirmed = |gives: &dyn Fn(&When) -> bool| {
        gives(w) && source.iter().any(gives) && !agreeing.iter().any(|s| gives(s))
    };
    unconfirmed(&|d: &When| d.year.is_some())
        || unconfirmed(&|d: &When| d.month.is_some())
        || unconfirmed(&|d: &When| !d.days.is_empty())
}

/// Whether every day an Arabic date gives is a day the source gives for that month, or lies in
/// the source's range ("from March 3 to March 9" covers «بين 3 و9 آذار», not «بين 3 و16»).
fn days_covered(w: &When, source: &[When]) -> bool {
    let days: Vec<u32> = source
        .iter()
        .filter(|s| s.month.is_none() || w.month.is_none() || s.month == w.month)
        .flat_map(|s| s.days.iter().copied())
        .collect();
    let (Some(&lo), Some(&hi)) = (days.iter().min(), days.iter().max()) else {
        return true;
    };
    w.days
        .iter()
        .all(|d| days.contains(d) || (days.len() >= 2 && (lo..=hi).contains(d)))
}

#[cfg(test)]
mod hijri_tests {
    use super::*;

    #[test]
    fn hijri_dates_fall_on_their_gregorian_days() {
        let day = |y, m, d| {
            Ymd {
                year: y,
                month: m,
                day: d,
            }
            .days()
        };
        // 1 Muharram 1446 was 7 July 2024; 1 Ramadan 1445, 11 March 2024 (by sighting; the
        // arithmetical calendar may differ by a day).
        assert!((hijri_days(1446, 1, 1) - day(2024, 7, 7)).abs() <= 1);
        assert!((hijri_days(1445, 9, 1) - day(2024, 3, 11)).abs() <= 1);
        assert!((hijri_days(1400, 1, 1) - day(1979, 11, 20)).abs() <= 1);
    }

    /// Whether the clause from `from` to the end of the Arabic restates a date of the English.
    fn restates(en: &str, ar: &str, from: &str) -> bool {
        let start = ar
            .find(from)
            .map(|b| ar[..b].chars().count())
            .expect("clause");
        let end = ar.chars().count();
        crate::flag::with_parallel_beads(
            crate::anchors::lexicon::Lexicon::builtin(),
            &[en],
            &[ar],
            |ctx| restates_gregorian_date(ctx, &[0], 0, start, end),
        )
    }

    #[test]
    fn a_hijri_date_beside_the_gregorian_one_restates_it() {
        let en = "The agreement was signed on May 11, 2023.";
        let ar = |hijri: &str| format!("ووقع الاتفاق في 11 أيار/مايو 2023، الموافق {hijri}");
        // 21 Shawwal 1444 (by sighting; 22 by the arithmetical calendar).
        assert!(restates(en, &ar("21 شوال 1444 هـ"), "الموافق"));
        assert!(!restates(en, &ar("2 رجب 1444 هـ"), "الموافق"));
        // Without a year on either Gregorian side, read in the Hijri date's year.
        let en = "She announced the funding on Tuesday, March 11.";
        let ar = "وأعلنت التمويل يوم الثلاثاء 11 آذار/مارس، الموافق 11 رمضان 1446 هـ";
        assert!(restates(en, ar, "الموافق"));
        // More than the date is more than a restatement.
        let ar = "وأعلنت التمويل يوم الثلاثاء 11 آذار/مارس، الموافق 11 رمضان 1446 هـ في ذكرى الحرب";
        assert!(!restates(en, ar, "الموافق"));
        // Without the Hijri year: read in the Hijri years of the Gregorian year given…
        let en = "The talks opened on March 11, 2025.";
        let ar = |hijri: &str| format!("وافتتحت المحادثات في 11 آذار/مارس 2025، الموافق {hijri}");
        assert!(restates(en, &ar("11 رمضان"), "الموافق"));
        assert!(!restates(en, &ar("2 رجب"), "الموافق"));
        // …and where no year is given at all, it cannot be checked and restates the day.
        let en = "She announced the funding on Tuesday, March 11.";
        let ar = "وأعلنت التمويل يوم الثلاثاء 11 آذار/مارس، الموافق 11 رمضان";
        assert!(restates(en, ar, "الموافق"));
    }

    /// The texts of [`restating_spans`] of the Arabic against the English.
    fn restated(en: &str, ar: &str) -> Vec<String> {
        crate::flag::with_parallel_beads(
            crate::anchors::lexicon::Lexicon::builtin(),
            &[en],
            &[ar],
            |ctx| {
                restating_spans(ctx, &[0], 0)
                    .into_iter()
                    .map(|(s, e)| crate::text::char_slice(ar, s, e).to_string())
                    .collect()
            },
        )
    }

    #[test]
    fn a_hijri_date_and_the_weekday_a_date_falls_on_restate_it() {
        // March 5, 2025 was a Wednesday, 5 Ramadan 1446.
        let en = "On March 5, 2025, the forces seized a dhow.";
        let got = restated(
            en,
            "وضبطت القوات يوم الأربعاء 5 رمضان 1446هـ، الموافق 5 مارس 2025، مركبا.",
        );
        assert!(
            got.iter()
                .any(|t| t.starts_with("يوم") && t.contains("الأربعاء") && t.contains("1446")),
            "{got:?}"
        );
        let got = restated(en, "وضبطت القوات يوم الأربعاء مركبا.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("يوم") && got[0].ends_with("الأربعاء"),
            "{got:?}"
        );
        // Another weekday, or a Hijri date of another day, restates nothing.
        assert!(restated(en, "وضبطت القوات يوم الجمعة مركبا.").is_empty());
        assert!(restated(en, "وضبطت القوات في 20 رمضان 1446هـ مركبا.").is_empty());
    }

    #[test]
    fn the_words_that_place_a_given_month_restate_it() {
        let en = "The two navies will hold the drill in October.";
        let got = restated(
            en,
            "وستجري القوتان البحريتان المناورة خلال شهر أكتوبر/تشرين الأول المقبل.",
        );
        assert_eq!(got, vec!["شهر".to_string(), "المقبل".to_string()]);
        // A month the source does not give: its words are the Arabic's own.
        assert!(restated(
            en,
            "وستجري القوتان البحريتان المناورة في شهر نوفمبر المقبل."
        )
        .is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_dates_are_told_in_words() {
        let told: Vec<String> = [
            Relative::Days(-1),
            Relative::Days(3),
            Relative::Months(-1),
            Relative::Months(0),
            Relative::Years(1),
            Relative::Years(-2),
        ]
        .into_iter()
        .map(Relative::describe)
        .collect();
        assert_eq!(
            told,
            [
                "yesterday",
                "in 3 days",
                "last month",
                "this month",
                "next year",
                "2 years ago"
            ]
        );
    }
    use crate::anchors::{self, lexicon::Lexicon};

    fn whens_of(
        en: &str,
        ar: &str,
        en_ref: Option<Ymd>,
        ar_ref: Option<Ymd>,
    ) -> (Vec<When>, Vec<When>) {
        let a = anchors::build(&[en.to_string()], &[ar.to_string()], Lexicon::builtin());
        (
            whens(en, &tokenize(en), &a.src[0], Lang::En, en_ref),
            whens(ar, &tokenize(ar), &a.tgt[0], Lang::Ar, ar_ref),
        )
    }

    fn agree(en: &str, ar: &str, r: Option<Ymd>) -> bool {
        let (e, a) = whens_of(en, ar, r, r);
        a.iter().all(|w| !contradicts(w, &e))
    }

    const MAY_20: Ymd = Ymd {
        year: 2025,
        month: 5,
        day: 20,
    };

    #[test]
    fn calendar_arithmetic() {
        let d = Ymd {
            year: 2024,
            month: 3,
            day: 1,
        };
        assert_eq!(
            d.add_days(-1),
            Ymd {
                year: 2024,
                month: 2,
                day: 29
            }
        );
        assert_eq!(d.add_months(-3), (2023, 12));
        assert_eq!(Ymd::from_days(d.days()), d);
    }

    #[test]
    fn a_month_or_a_year_alone_is_compared() {
        assert!(!agree(
            "The talks resumed in April 2025.",
            "استؤنفت المحادثات في مايو 2025.",
            None
        ));
        assert!(agree(
            "The talks resumed in April 2025.",
            "استؤنفت المحادثات في نيسان 2025.",
            None
        ));
        assert!(!agree(
            "The plan was adopted in 2019.",
            "اعتمدت الخطة عام 2018.",
            None
        ));
        assert!(agree(
            "The plan was adopted in 2019.",
            "اعتمدت الخطة عام ٢٠١٩.",
            None
        ));
    }

    /// An event's date in the opening sentence ("the war of April 15, 2023") does not date the
    /// document; a dateline or a line of its own does.
    #[test]
    fn only_a_dateline_or_a_date_line_dates_the_document() {
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        let date_of = |texts: &[&str]| {
            let texts: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
            let a = crate::anchors::build(&texts, &[String::new()], lex);
            document_date(&texts, &a.src)
        };
        assert_eq!(
            date_of(&["Today marks five years since the floods of March 3, 2021 in Derna."]),
            None
        );
        let march_3 = Some(Ymd {
            year: 2026,
            month: 3,
            day: 3,
        });
        assert_eq!(
            date_of(&[
                "Media note, March 3, 2026",
                "The floods hit Derna on March 3, 2021."
            ]),
            march_3
        );
        assert_eq!(
            date_of(&["TRIPOLI, Libya, March 3, 2026 – Relief work continues in Derna."]),
            march_3
        );
    }

    #[test]
    fn a_relative_year_renders_the_year_the_source_gives() {
        let renders = |year: &str| -> bool {
            let en = [
                "The two ministers met in Amman on Tuesday, March 3, 2026.".to_string(),
                format!("They noted that trade exceeded $4 billion in {year}."),
            ];
            let en: Vec<&str> = en.iter().map(String::as_str).collect();
            let ar = [
                "التقى الوزيران في عمان يوم الثلاثاء 3 مارس 2026.",
                "وأشارا إلى أن حجم التجارة تجاوز 4 مليارات دولار خلال العام الماضي.",
            ];
            let start = ar[1].chars().count() - "خلال العام الماضي.".chars().count();
            let end = ar[1].chars().count() - 1;
            crate::flag::with_parallel_beads(Lexicon::builtin(), &en, &ar, |ctx| {
                RunDate::read(ctx, rendering_reference(ctx), &[1], 1, (start, end))
                    .is_some_and(|d| d.renders_source_date())
            })
        };
        // "last year" in a document of 2026 (its lead's date; it has no dateline) is 2025.
        assert!(renders("2025"));
        assert!(!renders("2023"));
    }

    #[test]
    fn relative_dates_resolve_against_the_document_date() {
        // "In April" in a May dispatch is «الشهر الماضي».
        assert!(agree(
            "Exports fell in April.",
            "تراجعت الصادرات الشهر الماضي.",
            Some(MAY_20)
        ));
        assert!(!agree(
            "Exports fell in March.",
            "تراجعت الصادرات الشهر الماضي.",
            Some(MAY_20)
        ));
        // The start of next year is next year, not this year's start.
        assert!(agree(
            "Patrols may resume early next year.",
            "وقد تستأنف الدوريات مطلع العام المقبل.",
            Some(MAY_20)
        ));
        assert!(!agree(
            "Patrols may resume early next year.",
            "وقد تستأنف الدوريات مطلع العام.",
            Some(MAY_20)
        ));
        // Yesterday is not today, with or without a document date.
        assert!(!agree(
            "Yesterday's raid hit a depot.",
            "أصابت غارة اليوم مستودعا.",
            Some(MAY_20)
        ));
        assert!(!agree(
            "Yesterday's raid hit a depot.",
            "أصابت غارة اليوم مستودعا.",
            None
        ));
        assert!(agree(
            "Yesterday's raid hit a depot.",
            "أصابت غارة أمس مستودعا.",
            None
        ));
    }

    #[test]
    fn a_year_elsewhere_in_the_sentence_does_not_excuse_a_changed_day() {
        assert!(!agree(
            "Exercise Falcon 2024 ended on September 14.",
            "انتهى تمرين فالكون 2024 يوم 12 سبتمبر.",
            None
        ));
    }

    #[test]
    fn every_day_of_a_range_is_compared() {
        assert!(agree(
            "from June 2 to June 6, 2026",
            "بين 2 و6 حزيران/يونيو 2026",
            None
        ));
        assert!(!agree(
            "from June 2 to June 6, 2026",
            "بين 2 و19 حزيران/يونيو 2026",
            None
        ));
        assert!(!agree("on November 4-5", "يومي 4 و7 نوفمبر", None));
        assert!(!agree(
            "on November 4, 2026",
            "في 9 تشرين الثاني/نوفمبر 2026",
            None
        ));
    }

    #[test]
    fn weekdays_are_compared() {
        assert!(!agree(
            "On Tuesday, June 3, the convoy left.",
            "ويوم الأربعاء 3 حزيران غادرت القافلة.",
            None
        ));
        assert!(agree(
            "On Tuesday, June 3, the convoy left.",
            "ويوم الثلاثاء 3 حزيران غادرت القافلة.",
            None
        ));
    }

    #[test]
    fn a_bare_year_elsewhere_does_not_confirm_a_changed_month() {
        assert!(!agree(
            "Exercise Falcon 2025 ended on October 23, 2025.",
            "اختتم في ٢٣ سبتمبر ٢٠٢٥ تمرين فالكون ٢٠٢٥.",
            None
        ));
        // A range whose first day carries no year takes the source's year.
        assert!(!agree(
            "from July 8 to July 12, 2025",
            "خلال المدة من 8 إلى 12 تموز 2022",
            None
        ));
        assert!(agree(
            "from July 8 to July 12, 2025",
            "خلال المدة من 8 إلى 12 تموز 2025",
            None
        ));
    }

    #[test]
    fn an_outlet_dates_its_report_on_or_shortly_after_the_source() {
        let en = "ROME, March 30, 2026 – The ministers met.";
        let day = |ar: &str| {
            let (e, a) = whens_of(en, ar, None, None);
            outlet_day_contradicts(&e[0], &a[0])
        };
        assert!(!day("روما، 30 آذار 2026 - اجتمع الوزراء."));
        // The next day, across the month's end.
        assert!(!day("روما، 1 نيسان 2026 - اجتمع الوزراء."));
        assert!(day("روما، 29 آذار 2026 - اجتمع الوزراء."));
        assert!(day("روما، 30 أيار 2026 - اجتمع الوزراء."));
        assert!(day("روما، 30 آذار 2024 - اجتمع الوزراء."));
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2024, 3, 1) - day_number(2024, 2, 28), 2);
    }

    #[test]
    fn datelines_end_at_their_dash() {
        let s = "عمّان - ١٢ أيار ٢٠٢٥ - بحث الوزيران التعاون.";
        let e = dateline_end(s).unwrap();
        assert!(crate::text::char_slice(s, e, s.chars().count()).starts_with("بحث"));
        assert_eq!(dateline_end("The ministers discussed cooperation."), None);
        let s = "المنامة في 12 فبراير / بنا / أعلن القائد افتتاح المركز.";
        let e = dateline_end(s).unwrap();
        assert!(crate::text::char_slice(s, e, s.chars().count()).starts_with("أعلن"));
    }
}
