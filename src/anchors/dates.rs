//! Dates: English month names and abbreviations, Arabic month names in both usages (يناير… and
//! كانون الثاني…/آب/تموز/شباط), Hijri months, weekdays, and numeric dates (08 . 08 . 2023).

use super::numbers::NumberMention;
use crate::text::tokens::Token;
use crate::text::{arabic, Lang};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// A date mentioned in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub calendar: Calendar,
    pub month: u8,
    pub days: Vec<u32>,
    pub year: Option<u32>,
    pub weekday: Option<u8>,
    /// Character span (weekday, days, month and year).
    pub start: usize,
    pub end: usize,
}

struct MonthName {
    calendar: Calendar,
    month: u8,
    strict: bool,
}

fn key(word: &str) -> String {
    arabic::normalize(word).to_lowercase()
}

fn months() -> &'static HashMap<String, MonthName> {
    static MAP: OnceLock<HashMap<String, MonthName>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for f in crate::text::data::rows(include_str!("data/months.tsv"), 4) {
            let Ok(month) = f[2].parse() else { continue };
            let name = MonthName {
                calendar: if f[1] == "h" {
                    Calendar::Hijri
                } else {
                    Calendar::Gregorian
                },
                month,
                strict: f[3] == "yes",
            };
            let k = key(f[0]);
            m.insert(k, name);
        }
        m
    })
}

fn weekdays() -> &'static HashMap<String, u8> {
    static MAP: OnceLock<HashMap<String, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        include_str!("data/weekdays.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                let k = key(a);
                Some((
                    arabic::strip_proclitics(&k).to_string(),
                    b.trim().parse().ok()?,
                ))
            })
            .collect()
    })
}

/// Weekday number of a token, if it names one.
pub fn weekday_of(token: &str) -> Option<u8> {
    let k = key(token);
    let w = weekdays();
    w.get(arabic::strip_proclitics(&k))
        .or_else(|| w.get(&k))
        .copied()
        .or_else(|| {
            // "يوم" + weekday is common; also the conjunction "و".
            k.strip_prefix('و')
                .and_then(|r| w.get(arabic::strip_proclitics(r)).copied())
        })
}

/// Month named by the tokens at `i` (one or two words): (name, calendar, month, strict, words).
/// `keys`: the [`key`] of each token.
fn month_at(
    tokens: &[Token],
    keys: &[String],
    i: usize,
    lang: Lang,
) -> Option<(Calendar, u8, bool, usize)> {
    let m = months();
    let opens_two = |k: &str| {
        let firsts = two_word_firsts();
        firsts.contains(k)
            || (lang == Lang::Ar
                && ['و', 'ب', 'ف']
                    .iter()
                    .any(|&p| k.strip_prefix(p).is_some_and(|r| firsts.contains(r))))
    };
    if i + 1 < tokens.len() && opens_two(&keys[i]) {
        let two = format!("{} {}", keys[i], keys[i + 1]);
        let two_stripped = match lang {
            Lang::Ar => two
                .strip_prefix('و')
                .or_else(|| two.strip_prefix('ب'))
                .or_else(|| two.strip_prefix('ف'))
                .unwrap_or(&two)
                .to_string(),
            Lang::En => two.clone(),
        };
        for k in [&two, &two_stripped] {
            if let Some(n) = m.get(k.as_str()) {
                return Some((n.calendar, n.month, n.strict, 2));
            }
        }
    }
    let one = if tokens[i].text.ends_with('.') {
        key(tokens[i].text.trim_end_matches('.'))
    } else {
        keys[i].clone()
    };
    let mut cands = vec![one.clone()];
    if lang == Lang::Ar {
        for p in ["و", "ب", "ف", "ل"] {
            if let Some(r) = one.strip_prefix(p) {
                cands.push(r.to_string());
            }
        }
    }
    for k in cands {
        if let Some(n) = m.get(&k) {
            return Some((n.calendar, n.month, n.strict, 1));
        }
    }
    None
}

/// First words of the two-word month names («كانون الثاني»): only these open a two-word lookup.
fn two_word_firsts() -> &'static std::collections::HashSet<String> {
    static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        months()
            .keys()
            .filter_map(|k| k.split_once(' ').map(|(first, _)| first.to_string()))
            .collect()
    })
}

/// Words after which an Arabic ordinal is a day of the month, not the rank of a noun: a
/// preposition or a time word («في التاسع من», «يوم العاشر من», «منذ الأول من», «مساء الثالث من»).
/// After a noun («الأسبوع الثالث من مايو», the third week) the ordinal is that noun's.
const BEFORE_ORDINAL_DAY: &[&str] = &[
    "في",
    "يوم",
    "منذ",
    "حتي",
    "الي",
    "قبل",
    "بعد",
    "و",
    "بين",
    "مساء",
    "صباح",
    "ليله",
    "ظهر",
    "فجر",
    "اعتبارا",
    "لغايه",
    "وفي",
    "ويوم",
    "ومنذ",
    "وحتي",
];

/// The Arabic ordinal word that ends right before token `k` (after the «من» that joins it to
/// the month) as a day of the month: its first token and the day. Only in a day's place: after
/// a preposition or a time word, a weekday, or at the start.
fn ordinal_day_before(
    tokens: &[Token],
    keys: &[String],
    numbers: &[NumberMention],
    k: usize,
) -> Option<(usize, u32)> {
    let last = k.checked_sub(1)?;
    let end = tokens.get(last)?.end;
    let compound = numbers.iter().find(|n| {
        n.end == end
            && n.ordinal
            && !n.digits
            && n.value.fract() == 0.0
            && (1.0..=31.0).contains(&n.value)
    });
    // The first two ordinals are numbers only in compounds (see `numbers`); as a day they
    // stand alone: «الأول من مايو».
    let (first, day) = match compound {
        Some(n) => (
            tokens.partition_point(|t| t.start < n.start),
            n.value as u32,
        ),
        None => match keys[last].as_str() {
            "الاول" => (last, 1),
            "الثاني" => (last, 2),
            _ => return None,
        },
    };
    let in_place = first == 0
        || BEFORE_ORDINAL_DAY.contains(&keys[first - 1].as_str())
        || weekday_of(tokens[first - 1].text).is_some();
    in_place.then_some((first, day))
}

fn day_like(n: &NumberMention) -> bool {
    n.digits && n.value.fract() == 0.0 && (1.0..=31.0).contains(&n.value)
}

/// Dates of a tokenised sentence, given its numbers.
pub fn extract(tokens: &[Token], numbers: &[NumberMention], lang: Lang) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    // Numbers by the position they start at (the first of any that share one), looked up per
    // month name: a scan of all the sentence's numbers at each would be quadratic on a long
    // paragraph.
    let mut by_start: std::collections::HashMap<usize, &NumberMention> =
        std::collections::HashMap::with_capacity(numbers.len());
    for n in numbers {
        by_start.entry(n.start).or_insert(n);
    }
    let num_at = |tok: &Token| by_start.get(&tok.start).copied();
    let keys: Vec<String> = tokens.iter().map(|t| key(t.text)).collect();
    while i < tokens.len() {
        let Some((calendar, month, strict, words)) = month_at(tokens, &keys, i, lang) else {
            i += 1;
            continue;
        };
        let mut start = tokens[i].start;
        let mut end = tokens[i + words - 1].end;
        let mut days = Vec::new();
        let mut year = None;
        // Days before the month: "3 مايو", "4 إلى 6 حزيران", "22 و23 أكتوبر", "14 May", and
        // the day as an Arabic ordinal word, «التاسع عشر من سبتمبر» (the nineteenth).
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            let t = &tokens[k - 1];
            if let Some(n) = num_at(t).filter(|n| day_like(n)) {
                days.insert(0, n.value as u32);
                start = t.start;
            } else if let Some(first) = (lang == Lang::Ar)
                .then(|| ordinal_day_before(tokens, &keys, numbers, k))
                .flatten()
            {
                days.insert(0, first.1);
                start = tokens[first.0].start;
                k = first.0;
                steps += 1;
                continue;
            } else if !matches!(
                keys[k - 1].as_str(),
                "الي" | "حتي" | "و" | "to" | "and" | "of" | "the" | "من"
            ) {
                break;
            }
            k -= 1;
            steps += 1;
        }
        // The other name of the same month after a slash ("فبراير/شباط", "آذار/مارس"), as
        // Arabic outlets write both the Levantine and the Egyptian names.
        let mut j = i + words;
        let slash_at = if tokens.get(j).is_some_and(|t| t.text == "/") {
            j + 1
        } else {
            j
        };
        if let Some((_, other, _, w2)) = (slash_at < tokens.len())
            .then(|| month_at(tokens, &keys, slash_at, lang))
            .flatten()
        {
            // Written together: a slash token, or one character (the slash) between the names.
            let tight = slash_at > j || tokens[j].start <= tokens[j - 1].end + 1;
            if other == month && tight {
                end = tokens[slash_at + w2 - 1].end;
                j = slash_at + w2;
            }
        }
        // Days and year after: "June 2-3, 2026", "September 14", "تموز 2026".
        let mut steps = 0;
        while j < tokens.len() && steps < 4 {
            let t = &tokens[j];
            let Some(n) = num_at(t) else { break };
            let hijri_year = calendar == Calendar::Hijri
                && n.digits
                && n.value.fract() == 0.0
                && (1300.0..=1600.0).contains(&n.value);
            if n.is_year() || hijri_year {
                year = Some(n.value as u32);
                end = t.end;
                j += 1;
                break;
            } else if day_like(n) && lang == Lang::En {
                days.push(n.value as u32);
                end = t.end;
            } else {
                break;
            }
            j += 1;
            steps += 1;
            // A second day joined by a word: "April 13 and 14", "May 2 to 5". A larger number
            // only: what follows "and" is read as a day when it can close the span.
            if lang == Lang::En
                && matches!(
                    keys.get(j).map(String::as_str),
                    Some("and" | "to" | "through")
                )
            {
                let last = days.last().copied().unwrap_or(0);
                let next_day = tokens
                    .get(j + 1)
                    .and_then(&num_at)
                    .filter(|n| day_like(n) && n.value as u32 > last);
                if next_day.is_some() {
                    j += 1;
                }
            }
        }
        // An ambiguous month name alone ("march", «أب» father) is a month only with a day or a
        // year, or — in English — capitalised inside a sentence ("in March", "since May").
        let capitalised_inside = lang == Lang::En
            && i > 0
            && tokens[i]
                .text
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        if strict && days.is_empty() && year.is_none() && !capitalised_inside {
            i += words;
            continue;
        }
        // A weekday just before: "الخميس 12 سبتمبر", "Thursday, September 12".
        // Tokens are in text order: the token at `start` is found by bisection.
        let first = Some(tokens.partition_point(|t| t.start < start))
            .filter(|&x| tokens.get(x).is_some_and(|t| t.start == start))
            .unwrap_or(i);
        let mut weekday = None;
        for back in 1..=2 {
            if first >= back {
                if let Some(w) = weekday_of(tokens[first - back].text) {
                    weekday = Some(w);
                    start = tokens[first - back].start;
                    break;
                }
            }
        }
        days.sort_unstable();
        days.dedup();
        out.push(DateMention {
            calendar,
            month,
            days,
            year,
            weekday,
            start,
            end,
        });
        i = j.max(i + words);
    }
    out
}

/// Month numbers of numeric dates in the sentence text ("08 . 08 . 2023", "٢٣ - ١٠",
/// "15/5/2025"): (day, month, year, char start, char end).
pub fn numeric_dates(sentence: &str) -> Vec<(u32, u8, Option<u32>, usize, usize)> {
    use regex::Regex;
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?:^|[^\d.,])(\d{1,2})\s*([./-])\s*(\d{1,2})(?:\s*[./-]\s*(\d{4}))?(?:[^\d]|$)",
        )
        .expect("static regex")
    });
    let folded = crate::text::digits::fold_digits(sentence);
    let mut out = Vec::new();
    // Character offsets of byte positions, counted on from the last one asked (matches come in
    // text order): counting from the start of the sentence at each match is quadratic.
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    let mut char_offset = |byte: usize| {
        if byte < at_byte {
            (at_byte, at_char) = (0, 0);
        }
        at_char += folded[at_byte..byte].chars().count();
        at_byte = byte;
        at_char
    };
    for c in re.captures_iter(&folded) {
        let (Ok(d), Ok(m)) = (c[1].parse::<u32>(), c[3].parse::<u8>()) else {
            continue;
        };
        let year = c.get(4).and_then(|y| y.as_str().parse().ok());
        if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
            continue;
        }
        // "7-8" between numbers is a range, not a date, unless a year follows.
        if year.is_none() && &c[2] == "-" && !folded.contains(" - ") {
            continue;
        }
        // "1.2" before «مليار» or "3.5 percent" is a decimal: a day and month joined by a bare
        // point need a year ("15.5.2025"), or spaces around the point as datelines write them.
        let joined_bare = c
            .get(1)
            .zip(c.get(3))
            .is_some_and(|(a, b)| a.end() + 1 == b.start());
        if year.is_none() && &c[2] == "." && joined_bare {
            continue;
        }
        let g1 = c.get(1).expect("group");
        let gend = c.get(4).or(c.get(3)).expect("group");
        let (start, end) = (char_offset(g1.start()), char_offset(gend.end()));
        out.push((d, m, year, start, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::numbers;
    use crate::text::tokens::tokenize;

    #[test]
    fn an_arabic_ordinal_in_a_days_place_is_the_day() {
        let d = dates(
            "ويعقد المجلس اجتماعه في التاسع عشر من أيلول/سبتمبر المقبل.",
            Lang::Ar,
        );
        assert_eq!((d[0].month, d[0].days.clone()), (9, vec![19]));
        let d = dates(
            "وبدأت المناورات يوم الخميس الحادي والعشرين من مارس 2024.",
            Lang::Ar,
        );
        assert_eq!(
            (d[0].month, d[0].days.clone(), d[0].year),
            (3, vec![21], Some(2024))
        );
        let d = dates("وغادر الوفد في الأول من مايو.", Lang::Ar);
        assert_eq!(d[0].days, vec![1]);
        // The rank of a noun: the third week of May names no day.
        let d = dates("وتجري المناورات في الأسبوع الثالث من مايو.", Lang::Ar);
        assert!(d.is_empty() || d[0].days.is_empty(), "{d:?}");
    }

    fn dates(s: &str, lang: Lang) -> Vec<DateMention> {
        let t = tokenize(s);
        let n = numbers::extract(&t, lang);
        extract(&t, &n, lang)
    }

    #[test]
    fn english_dates() {
        let d = dates("held in Washington on August 7-8, 2023, and", Lang::En);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].month, d[0].days.clone(), d[0].year),
            (8, vec![7, 8], Some(2023))
        );
        let d = dates("concluded on September 14 after", Lang::En);
        assert_eq!(d[0].days, vec![14]);
        // Two days joined by a word; a smaller number after "and" is no second day.
        let d = dates("the floods of March 3 and 4, 2019, which", Lang::En);
        assert_eq!((d[0].days.clone(), d[0].year), (vec![3, 4], Some(2019)));
        let d = dates("from June 9 through 11 in Tunis", Lang::En);
        assert_eq!(d[0].days, vec![9, 11]);
        let d = dates("on June 9 and 2 others", Lang::En);
        assert_eq!(d[0].days, vec![9]);
    }

    #[test]
    fn arabic_dates_both_usages() {
        let s = "يوم الخميس 12 سبتمبر، فعاليات";
        let d = dates(s, Lang::Ar);
        assert_eq!(
            (d[0].month, d[0].days.clone(), d[0].weekday),
            (9, vec![12], Some(4))
        );
        assert_eq!(
            crate::text::char_slice(s, d[0].start, d[0].end),
            "الخميس 12 سبتمبر"
        );
        let d = dates("في الفترة من 7 إلى 8 أب، وأكدا", Lang::Ar);
        assert_eq!((d[0].month, d[0].days.clone()), (8, vec![7, 8]));
        let d = dates("يوم الأربعاء 14 أيار 2025.", Lang::Ar);
        assert_eq!((d[0].month, d[0].year), (5, Some(2025)));
        let d = dates("في 5 كانون الثاني 2024", Lang::Ar);
        assert_eq!(d[0].month, 1);
        assert!(dates("أب الشهيد", Lang::Ar).is_empty());
    }

    #[test]
    fn maghreb_month_names() {
        let d = dates("اختتمت المناورات يوم 14 ماي 2026 بتزنيت", Lang::Ar);
        assert_eq!((d[0].month, d[0].days.clone()), (5, vec![14]));
        let d = dates("في 3 غشت الماضي", Lang::Ar);
        assert_eq!(d[0].month, 8);
        let d = dates("منذ 9 جويلية 2024", Lang::Ar);
        assert_eq!((d[0].month, d[0].year), (7, Some(2024)));
        let d = dates("يوم 30 نونبر", Lang::Ar);
        assert_eq!(d[0].month, 11);
        // «ماي» and «جوان» are months only beside a number.
        assert!(dates("قال ماي إن الوفد", Lang::Ar).is_empty());
    }

    #[test]
    fn hijri_months() {
        let d = dates("الموافق 22 محرم 1445 هـ", Lang::Ar);
        assert_eq!(d[0].calendar, Calendar::Hijri);
        assert_eq!(d[0].month, 1);
        assert_eq!(d[0].year, Some(1445));
    }

    #[test]
    fn numeric() {
        let n = numeric_dates("السيمر / فيينا / الثلاثاء 08 . 08 . 2023");
        assert_eq!(n.len(), 1);
        assert_eq!((n[0].0, n[0].1, n[0].2), (8, 8, Some(2023)));
        let n = numeric_dates("الكويت - ٢٣ - ١٠ (كونا)");
        assert_eq!((n[0].0, n[0].1), (23, 10));
        assert!(numeric_dates("on August 7-8, 2023").is_empty());
        // A decimal is no day and month; a dated one with a year is.
        assert!(numeric_dates("بقيمة تناهز 1.2 مليار دولار").is_empty());
        assert!(numeric_dates("grew by 3.5 percent").is_empty());
        assert_eq!(numeric_dates("عمّان 15.5.2025")[0].1, 5);
        assert_eq!(numeric_dates("الرياض 3 . 4 (واس)")[0].1, 4);
    }
}
