//! Spans of time given in another unit: "18 months" as «عام ونصف» (a year and a half), "48
//! hours" as «يومين» (two days), "six months" as «نصف عام». A figure of the source that counts a
//! span of time is given where the Arabic states the same span in any unit.

use super::{Context, Flag};
use crate::align::Bead;
use crate::text::arabic;
use crate::text::data as text_data;
use crate::text::tokens::{Token, TokenKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Days in a unit of time.
fn unit_days(unit: &str) -> Option<f64> {
    Some(match unit {
        "hour" => 1.0 / 24.0,
        "day" => 1.0,
        "week" => 7.0,
        "month" => 365.25 / 12.0,
        "year" => 365.25,
        "decade" => 3652.5,
        _ => return None,
    })
}

/// Arabic unit words (data/time_units.tsv), normalised: (days in the unit, count of a dual).
fn arabic_units() -> &'static HashMap<String, (f64, f64)> {
    static U: OnceLock<HashMap<String, (f64, f64)>> = OnceLock::new();
    U.get_or_init(|| {
        text_data::rows(include_str!("data/time_units.tsv"), 3)
            .filter_map(|f| {
                let days = unit_days(f[1])?;
                let count: f64 = f[2].parse().ok()?;
                Some((arabic::normalize(f[0]), (days, count)))
            })
            .collect()
    })
}

/// Days in an English unit of time, singular or plural ("year", "months").
pub(super) fn english_unit_days(word: &str) -> Option<f64> {
    unit_days(word.strip_suffix('s').unwrap_or(word))
}

/// Days in an Arabic unit word (normalised, after its article or a conjunction) and the count
/// its form carries (2 for a dual).
pub(super) fn arabic_unit(norm: &str) -> Option<(f64, f64)> {
    let units = arabic_units();
    let stripped = arabic::strip_proclitics(norm);
    units
        .get(stripped)
        .or_else(|| units.get(arabic::without_conjunction(stripped)))
        .copied()
}

/// The span in days that an English figure `value` ending at character `end` counts, when a
/// unit of time follows it ("18 months", "an 18-month roadmap").
pub fn english_span(toks: &[Token], end: usize, value: f64) -> Option<f64> {
    let next = toks
        .iter()
        .filter(|t| t.start >= end)
        .find(|t| t.kind == TokenKind::Word)?;
    let word = next.text.to_lowercase();
    unit_days(word.strip_suffix('s').unwrap_or(&word)).map(|d| d * value)
}

/// The spans of time, in days, that Arabic sentence `j` states: a unit word counted by the
/// number before it, by its dual form, halved by «نصف» before it, and with «ونصف» after it.
fn arabic_spans(ctx: &Context, j: usize) -> Vec<f64> {
    arabic_counted_spans(ctx, j)
        .into_iter()
        .map(|(_, days)| days)
        .collect()
}

/// Whether an Arabic figure (sentence `j`, ending at character `number_end`) and a source
/// figure (`src_toks`, ending at `src_end`, worth `src_value`) count the same span of time in
/// different units: "seven decades" as «سبعين عاما», "48 hours" as «يومين».
pub fn same_span(
    ctx: &Context,
    j: usize,
    number_end: usize,
    src_toks: &[Token],
    src_end: usize,
    src_value: f64,
) -> bool {
    let Some(days) = english_span(src_toks, src_end, src_value) else {
        return false;
    };
    arabic_counted_spans(ctx, j)
        .into_iter()
        .any(|(end, d)| end == Some(number_end) && (d - days).abs() <= 0.02 * days)
}

/// [`arabic_spans`] with the end of the number that counts each span, where one does.
fn arabic_counted_spans(ctx: &Context, j: usize) -> Vec<(Option<usize>, f64)> {
    let words = ctx.words.ar(j);
    let numbers = &ctx.anchors.tgt[j].numbers;
    let text = &ctx.tgt[j];
    let units = arabic_units();
    fn bare(n: &str) -> &str {
        arabic::without_conjunction(arabic::strip_proclitics(n))
    }
    let mut out = Vec::new();
    for (k, (t, n)) in words.toks.iter().zip(&words.norms).enumerate() {
        let Some(&(days, dual)) = units
            .get(arabic::strip_proclitics(n))
            .or_else(|| units.get(bare(n)))
        else {
            continue;
        };
        // The number just before the unit («18 شهرا», «ثمانية عشر شهرا»).
        let counted = numbers.iter().find(|m| {
            m.end <= t.start
                && crate::text::char_slice(text, m.end, t.start)
                    .trim()
                    .is_empty()
        });
        let previous = k.checked_sub(1).map(|p| bare(&words.norms[p]));
        let (mut count, by) = match counted {
            Some(m) if !m.ordinal => (m.value, Some(m.end)),
            _ if previous == Some("نصف") => (0.5, None),
            _ => (dual, None),
        };
        if words.norms.get(k + 1).is_some_and(|x| x == "ونصف") {
            count += 0.5;
        }
        out.push((by, count * days));
    }
    out
}

/// Whether the Arabic sentences `tgt` state a span of `days` days, in any unit.
pub fn stated(ctx: &Context, tgt: &[usize], days: f64) -> bool {
    tgt.iter()
        .flat_map(|&j| arabic_spans(ctx, j))
        .any(|d| (d - days).abs() <= 0.02 * days)
}

/// The words of an English phrase of duration (data/extent_en.tsv): the prepositions that open
/// one, and the words that may stand between it and the unit besides the number.
struct Extent {
    opening: Vec<&'static str>,
    count: Vec<&'static str>,
}

fn extent() -> &'static Extent {
    static E: OnceLock<Extent> = OnceLock::new();
    E.get_or_init(|| {
        let mut e = Extent {
            opening: Vec::new(),
            count: Vec::new(),
        };
        for f in text_data::rows(include_str!("data/extent_en.tsv"), 2) {
            let words = f[1].split_whitespace();
            match f[0] {
                "extent" => e.opening.extend(words),
                "count" => e.count.extend(words),
                _ => {}
            }
        }
        e
    })
}

/// Most words between the preposition and the unit ("for more than two full years" is five).
const MAX_COUNT_WORDS: usize = 5;

/// The phrases of duration of English sentence `i` as token ranges (first, last): a preposition
/// of extent, then only counting words or a number, then a unit of time ("for more than a
/// year", "over the past two weeks", "within 30 days").
fn english_durations(ctx: &Context, i: usize) -> Vec<(usize, usize)> {
    let w = ctx.words.en(i);
    let numbers = &ctx.anchors.src[i].numbers;
    let lower: Vec<String> = w.toks.iter().map(|t| t.text.to_lowercase()).collect();
    let e = extent();
    let in_number = |t: &Token| numbers.iter().any(|m| m.start <= t.start && t.end <= m.end);
    let mut out = Vec::new();
    for (u, t) in w.toks.iter().enumerate() {
        if t.kind != TokenKind::Word || english_unit_days(&lower[u]).is_none() {
            continue;
        }
        let mut k = u;
        let mut counted = false;
        while k > 0 && u - k < MAX_COUNT_WORDS + 1 {
            k -= 1;
            let tok = &w.toks[k];
            // The phrase has no punctuation inside it but a hyphen ("a two-week course").
            let gap = crate::text::tokens::between(&ctx.src[i], &w.toks, k, k + 1);
            if !gap.trim().is_empty() && gap.trim() != "-" {
                break;
            }
            if tok.kind == TokenKind::Word && e.opening.contains(&lower[k].as_str()) {
                // "over" is both an extent and a bound ("for over a year"): an extent only
                // where no other one opens the phrase before it.
                let before = k
                    .checked_sub(1)
                    .is_some_and(|p| e.opening.contains(&lower[p].as_str()));
                if counted && !before {
                    out.push((k, u));
                }
                if !before {
                    break;
                }
                continue;
            }
            if in_number(tok) {
                counted = true;
            } else if tok.kind == TokenKind::Word && e.count.contains(&lower[k].as_str()) {
                counted |= matches!(lower[k].as_str(), "a" | "an" | "one" | "several" | "few");
            } else {
                break;
            }
        }
    }
    out
}

/// Phrases of duration of a translated bead's source sentences (`translated`) that its Arabic
/// gives in no form — no unit of time anywhere in it: "detained by the Houthis for more than a
/// year" as «محتجزين لدى الحوثيين». How long something lasted is a fact of the sentence; where
/// the Arabic gives a span in another count, the figures are compared elsewhere. Not reported
/// again where another flag (`claimed`) already covers the phrase.
pub(super) fn dropped(
    ctx: &Context,
    bead: &Bead,
    translated: &[usize],
    claimed: &[&Flag],
) -> Vec<Flag> {
    let gives_a_span = bead.tgt.iter().any(|&j| {
        ctx.words
            .ar(j)
            .norms
            .iter()
            .any(|n| arabic_unit(n).is_some())
    });
    if gives_a_span {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &i in translated {
        let toks = &ctx.words.en(i).toks;
        for (first, last) in english_durations(ctx, i) {
            let (start, end) = (toks[first].start, toks[last].end);
            let claimed_here = claimed.iter().copied().chain(out.iter());
            if super::partial::names_source_words(claimed_here, i, (start, end)) {
                continue;
            }
            out.push(super::partial::omitted_words(
                ctx,
                bead,
                i,
                (start, end),
                "duration",
                |words| format!("how long: '{words}' is not in the Arabic"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;
    use crate::text::tokens::tokenize;

    /// Whether the Arabic states the span the English figure `figure` counts.
    fn given(en: &str, figure: &str, ar: &str) -> bool {
        let toks = tokenize(en);
        let end = en
            .find(figure)
            .map(|b| en[..b + figure.len()].chars().count());
        let value: f64 = figure.parse().expect("figure");
        let days = english_span(&toks, end.expect("figure in sentence"), value);
        crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], |ctx| {
            days.is_some_and(|d| stated(ctx, &[0], d))
        })
    }

    #[test]
    fn a_span_of_time_in_another_unit_is_the_same_span() {
        let en = "Elections will be held within 18 months.";
        assert!(given(en, "18", "وتجرى الانتخابات في غضون عام ونصف."));
        assert!(given(en, "18", "وتجرى الانتخابات خلال ثمانية عشر شهرا."));
        assert!(!given(en, "18", "وتجرى الانتخابات في غضون عامين."));
        let en = "The truce will last 48 hours.";
        assert!(given(en, "48", "وتستمر الهدنة يومين."));
        let en = "The program runs for 6 months.";
        assert!(given(en, "6", "ويستمر البرنامج نصف عام."));
        assert!(!given(en, "6", "ويستمر البرنامج ستة أسابيع."));
        // A figure that counts no span of time is none.
        assert!(!given("They seized 18 boats.", "18", "وضبطوا عام ونصف."));
    }

    fn dropped_spans(en: &str, ar: &str) -> Vec<String> {
        crate::flag::flagged_spans(|ctx| dropped(ctx, &ctx.beads[0], &[0], &[]), en, ar)
    }

    #[test]
    fn a_duration_the_arabic_leaves_out_is_flagged() {
        let en = "The two engineers had been held in the port city for more than a year.";
        assert_eq!(
            dropped_spans(en, "وكان المهندسان محتجزين في المدينة الساحلية."),
            vec!["for more than a year"]
        );
        // Given in any count of any unit, the span is there (counts are compared elsewhere).
        assert!(dropped_spans(
            en,
            "وكان المهندسان محتجزين في المدينة الساحلية لأكثر من عام."
        )
        .is_empty());
        assert!(dropped_spans(
            en,
            "وكان المهندسان محتجزين في المدينة الساحلية منذ 14 شهرا."
        )
        .is_empty());
        let en = "Prices rose sharply over the past two weeks, the ministry said.";
        assert_eq!(
            dropped_spans(en, "وقالت الوزارة إن الأسعار ارتفعت بشكل حاد."),
            vec!["over the past two weeks"]
        );
        let en = "The teams must submit their plans within 30 days.";
        assert_eq!(
            dropped_spans(en, "ويتعين على الفرق تقديم خططها."),
            vec!["within 30 days"]
        );
        // A unit without a count, or a point in time, states no duration.
        assert!(dropped_spans("The talks lasted for days.", "واستمرت المحادثات.").is_empty());
        assert!(
            dropped_spans("The ship docked last week in Aden.", "ورست السفينة في عدن.").is_empty()
        );
        assert!(dropped_spans(
            "It was the first visit in a decade.",
            "وكانت الزيارة الأولى."
        )
        .is_empty());
    }
}
