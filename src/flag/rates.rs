//! Rates: a figure counted per unit of time — "150 students each year", "$40 million a month",
//! «ألف شاحنة يوميا». Dropping the rate turns a yearly figure into a one-off total, and another
//! period multiplies it; the figure itself still matches, so the number detector sees nothing.
//! Judged per bead: a rate tied to a figure on one side (the period just after the figure, or
//! a rate adjective just before it) against the rates the other side states anywhere in the
//! bead.

use super::{durations, span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::numbers::{is_number_word, NumberMention};
use crate::text::data as text_data;
use crate::text::tokens::{Token, TokenKind};
use crate::text::{arabic, char_slice};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Words after a figure within which a period still counts it ("fund 150 graduate students at
/// U.S. universities each year").
const AFTER_FIGURE: usize = 10;
/// Tokens before "a day", "a year" within which the figure it counts begins: the figure and
/// its noun ("600 trucks a day", "150 graduate students a year").
const AFTER_ARTICLE: usize = 4;
/// Words between a rate adjective and the figure it qualifies ("an annual budget of $5 million").
const BEFORE_FIGURE: usize = 4;

/// One rate a sentence states: its period in days, where it stands, and whether a figure of the
/// sentence is counted by it (with the figure's value).
#[derive(Debug, Clone, Copy)]
struct Rate {
    days: f64,
    sentence: usize,
    start: usize,
    end: usize,
    figure: Option<f64>,
    /// An adverb or a distributive phrase ("annually", «سنويا», «كل عام»), not an adjective of
    /// a noun («الميزانية السنوية»): only those make a figure a rate on their own.
    adverbial: bool,
}

/// How an English rate word counts a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// "annually": wherever it stands.
    Adverb,
    /// "annual": the figure of the noun it qualifies.
    Adjective,
    /// "daily": an adjective before a noun, an adverb elsewhere.
    Both,
}

struct Forms {
    /// English rate adverbs and adjectives: (period in days, role).
    en: HashMap<String, (f64, Role)>,
    /// Arabic rate adjectives by stem (normalised): period in days.
    ar: Vec<(String, f64)>,
}

fn period_days(name: &str) -> Option<f64> {
    Some(match name {
        "hour" => 1.0 / 24.0,
        "day" => 1.0,
        "week" => 7.0,
        "month" => 365.25 / 12.0,
        "quarter" => 365.25 / 4.0,
        "year" => 365.25,
        _ => return None,
    })
}

fn forms() -> &'static Forms {
    static F: OnceLock<Forms> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = Forms {
            en: HashMap::new(),
            ar: Vec::new(),
        };
        for row in text_data::rows(include_str!("data/rates.tsv"), 4) {
            let Some(days) = period_days(row[3]) else {
                continue;
            };
            match (row[0], row[1]) {
                ("en", role) => {
                    let role = match role {
                        "adverb" => Role::Adverb,
                        "adjective" => Role::Adjective,
                        _ => Role::Both,
                    };
                    f.en.insert(row[2].to_lowercase(), (days, role));
                }
                ("ar", _) => f.ar.push((arabic::normalize(row[2]), days)),
                _ => {}
            }
        }
        f
    })
}

/// Days in an English unit a distributive counts ("each year", "per annum", "every quarter").
fn english_unit(word: &str) -> Option<f64> {
    match word {
        "annum" => Some(365.25),
        "quarter" | "quarters" => Some(365.25 / 4.0),
        "night" | "nights" => Some(1.0),
        "decade" | "decades" => None,
        w => durations::english_unit_days(w),
    }
}

/// Words before "a year"/"a day" that make it a span or a point, not a rate ("for a year",
/// "half a day", "more than a month").
const NOT_BEFORE_A_UNIT: &[&str] = &[
    "for",
    "in",
    "within",
    "than",
    "over",
    "about",
    "around",
    "after",
    "before",
    "nearly",
    "almost",
    "half",
    "past",
    "last",
    "next",
    "of",
    "by",
    "from",
    "to",
    "into",
    "during",
    "throughout",
    "only",
    "just",
    "under",
    "with",
    "since",
    "until",
    "at",
    "on",
    "least",
    "up",
];
/// Words after "a year"/"a day" that make it a point in time ("a year ago", "a day later").
const NOT_AFTER_A_UNIT: &[&str] = &[
    "ago", "earlier", "later", "before", "after", "from", "of", "since", "back", "long", "old",
];

/// Whether English token `k` is a figure: digits, or a number word that is not "one" or "a".
fn english_figure(toks: &[Token], k: usize) -> bool {
    let t = &toks[k];
    t.kind == TokenKind::Number
        || (t.kind == TokenKind::Word && {
            let w = t.text.to_lowercase();
            w != "one" && is_number_word(&w)
        })
}

/// The figures of a sentence that a rate may count: amounts and counts, not years.
fn countable(numbers: &[NumberMention]) -> impl Iterator<Item = &NumberMention> {
    numbers.iter().filter(|n| {
        let year = n.digits && n.value.fract() == 0.0 && (1900.0..=2100.0).contains(&n.value);
        !n.ordinal && !year
    })
}

/// The figure a rate at tokens `first..=last` counts: one ending within [`AFTER_FIGURE`] tokens
/// before it (an adverbial period), or starting within [`BEFORE_FIGURE`] tokens after it (an
/// adjective), with no clause mark between.
fn tied_figure(
    text: &str,
    toks: &[Token],
    numbers: &[NumberMention],
    first: usize,
    last: usize,
    adjective: bool,
    after: usize,
) -> Option<f64> {
    let clause_mark = |a: usize, b: usize| {
        char_slice(text, a, b)
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '،' | '؛' | '(' | ')'))
    };
    let (start, end) = (toks[first].start, toks[last].end);
    if adjective {
        let reach = toks.get(last + BEFORE_FIGURE).map_or(usize::MAX, |t| t.end);
        countable(numbers)
            .filter(|n| n.start >= end && n.end <= reach && !clause_mark(end, n.start))
            .map(|n| n.value)
            .next()
    } else {
        let reach = toks[first.saturating_sub(after)].start;
        countable(numbers)
            .filter(|n| n.end <= start && n.start >= reach && !clause_mark(n.end, start))
            .map(|n| n.value)
            .last()
    }
}

/// The rates an English sentence states.
fn english_rates(ctx: &Context, i: usize) -> Vec<Rate> {
    let text = &ctx.src[i];
    let toks = &ctx.words.en(i).toks;
    let numbers = &ctx.anchors.src[i].numbers;
    let words: Vec<String> = toks.iter().map(|t| t.text.to_lowercase()).collect();
    let word = |k: usize| words.get(k).map(String::as_str).unwrap_or("");
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let w = word(k);
        let mut found: Option<(usize, f64, bool, bool)> = None; // (last token, days, adverbial, adjective)
        if let Some(&(days, role)) = forms().en.get(w) {
            // "daily" before a noun is an adjective; after the figure, or closing the clause,
            // an adverb.
            let before_noun = toks.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word)
                && crate::text::tokens::gap_after(text, toks, k)
                    .trim()
                    .is_empty()
                && !crate::anchors::lexicon::is_closed_class(word(k + 1));
            let adjective = match role {
                Role::Adverb => false,
                Role::Adjective => true,
                Role::Both => before_noun,
            };
            found = Some((k, days, !adjective, adjective));
        } else if matches!(w, "each" | "every" | "per" | "a" | "an") {
            // "every two years", "every 10 days": a count between the distributive and the unit.
            let counted =
                w == "every" && toks.get(k + 1).is_some_and(|_| english_figure(toks, k + 1));
            let u = if counted { k + 2 } else { k + 1 };
            if let Some(days) = english_unit(word(u)) {
                let count = if counted {
                    crate::anchors::numbers::extract(&toks[k + 1..k + 2], crate::text::Lang::En)
                        .first()
                        .map_or(1.0, |n| n.value)
                } else {
                    1.0
                };
                let article = matches!(w, "a" | "an");
                let rate_article = !article
                    || (k > 0
                        && !NOT_BEFORE_A_UNIT.contains(&word(k - 1))
                        && !NOT_AFTER_A_UNIT.contains(&word(u + 1)));
                if rate_article {
                    found = Some((u, days * count, true, false));
                }
            }
        }
        let Some((last, days, adverbial, adjective)) = found else {
            k += 1;
            continue;
        };
        let reach = if matches!(w, "a" | "an") {
            AFTER_ARTICLE
        } else {
            AFTER_FIGURE
        };
        out.push(Rate {
            days,
            sentence: i,
            start: toks[k].start,
            end: toks[last].end,
            // "a day" counts only the figure right before it ("600 trucks a day"), not one
            // further back ("300 families returned after talks that lasted a day").
            figure: tied_figure(text, toks, numbers, k, last, adjective, reach),
            adverbial,
        });
        k = last + 1;
    }
    // "a year" counts a figure only right after it ("$5 million a year", "twice a month"): a
    // loose "a year" elsewhere is a span ("a year of talks").
    out.retain(|r| {
        let opens_with_article = matches!(
            crate::text::char_slice(text, r.start, r.end)
                .split_whitespace()
                .next(),
            Some("a" | "an")
        );
        !opens_with_article || r.figure.is_some() || {
            let before = toks.iter().rposition(|t| t.end <= r.start);
            before.is_some_and(|p| matches!(word(p), "once" | "twice" | "times"))
        }
    });
    out
}

/// The rate adjective («سنوي», «شهرية», «يوميا») of a normalised Arabic word, in days.
fn arabic_adjective(norm: &str) -> Option<f64> {
    let bare = arabic::strip_proclitics(arabic::without_conjunction(norm));
    forms().ar.iter().find_map(|(stem, days)| {
        let rest = bare.strip_prefix(stem.as_str())?;
        matches!(rest, "" | "ا" | "ه" | "ين" | "ون" | "تين" | "تان").then_some(*days)
    })
}

/// The rates an Arabic sentence states.
fn arabic_rates(ctx: &Context, j: usize) -> Vec<Rate> {
    let text = &ctx.tgt[j];
    let w = ctx.words.ar(j);
    let numbers = &ctx.anchors.tgt[j].numbers;
    let norm = |k: usize| w.norms.get(k).map(String::as_str).unwrap_or("");
    let bare = |k: usize| arabic::without_conjunction(norm(k));
    let figure_token = |k: usize| {
        w.toks
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Number || is_number_word(t.text))
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < w.toks.len() {
        let mut found: Option<(usize, usize, f64, bool)> = None; // (first, last, days, adverbial)
        if let Some(days) = arabic_adjective(norm(k)) {
            // «ربع سنوي» quarterly, «نصف سنوي» half-yearly.
            let (first, days) = match k.checked_sub(1).map(bare) {
                Some("ربع") => (k - 1, days / 4.0),
                Some("نصف") => (k - 1, days / 2.0),
                _ => (k, days),
            };
            // «سنويا» (accusative) is an adverb; «السنوية», «سنوية» qualify a noun.
            let adverbial = norm(k).ends_with('ا');
            found = Some((first, k, days, adverbial));
        } else if bare(k) == "كل" {
            // «كل عام», «كل عامين», «كل ثلاثة أشهر».
            let counted = figure_token(k + 1);
            let u = if counted { k + 2 } else { k + 1 };
            if let Some((days, dual)) = durations::arabic_unit(norm(u)) {
                let count = if counted {
                    crate::anchors::numbers::extract(&w.toks[k + 1..k + 2], crate::text::Lang::Ar)
                        .first()
                        .map_or(1.0, |n| n.value)
                } else {
                    dual
                };
                found = Some((k, u, days * count, true));
            }
        } else if matches!(norm(k), "في" | "وفي") {
            // «ألف شاحنة في اليوم»: "per day", unless the unit is a point in time («في اليوم
            // التالي», «في العام الماضي», «في العام 2026»).
            let unit = norm(k + 1);
            if unit.starts_with("ال") {
                if let Some((days, 1.0)) = durations::arabic_unit(unit) {
                    let next = norm(k + 2);
                    let point = (next.starts_with("ال") && next != "الواحد" && next != "الواحده")
                        || figure_token(k + 2)
                        || matches!(next, "نفسه" | "ذاته" | "ذلك" | "هذا" | "من");
                    if !point {
                        found = Some((k, k + 1, days, true));
                    }
                }
            }
        }
        let Some((first, last, days, adverbial)) = found else {
            k += 1;
            continue;
        };
        out.push(Rate {
            days,
            sentence: j,
            start: w.toks[first].start,
            end: w.toks[last].end,
            figure: tied_figure(
                text,
                &w.toks,
                numbers,
                first,
                last,
                !adverbial,
                AFTER_FIGURE,
            ),
            adverbial,
        });
        k = last + 1;
    }
    out
}

fn same_period(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.02 * a.max(b)
}

/// Whether `value` is among the figures of `numbers` (within 5 %, as outlets round).
fn gives_figure<'a>(mut numbers: impl Iterator<Item = &'a NumberMention>, value: f64) -> bool {
    numbers.any(|n| (n.value - value).abs() <= 0.05 * value.abs().max(1.0))
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        let en: Vec<Rate> = b.src.iter().flat_map(|&i| english_rates(ctx, i)).collect();
        let ar: Vec<Rate> = b.tgt.iter().flat_map(|&j| arabic_rates(ctx, j)).collect();
        if en.is_empty() && ar.is_empty() {
            continue;
        }
        let ar_numbers = || {
            b.tgt
                .iter()
                .flat_map(|&j| ctx.anchors.tgt[j].numbers.iter())
        };
        let en_numbers = || {
            b.src
                .iter()
                .flat_map(|&i| ctx.anchors.src[i].numbers.iter())
        };
        let tied_en: Vec<&Rate> = en.iter().filter(|r| r.figure.is_some()).collect();
        let tied_ar: Vec<&Rate> = ar.iter().filter(|r| r.figure.is_some()).collect();
        let slice_en = |r: &Rate| char_slice(&ctx.src[r.sentence], r.start, r.end).to_string();
        let slice_ar = |r: &Rate| char_slice(&ctx.tgt[r.sentence], r.start, r.end).to_string();
        // A figure the Arabic counts over another period, or makes a rate: flagged on its rate.
        let changed = |a: &Rate, reason: String| Flag {
            kind: FlagKind::NumberMismatch,
            subkind: Some("rate".into()),
            severity: Severity::Medium,
            src: b.src.clone(),
            tgt: vec![a.sentence],
            span: Some(span(
                Side::Tgt,
                a.sentence,
                &ctx.tgt[a.sentence],
                a.start,
                a.end,
            )),
            reason,
        };
        if let Some(r) = tied_en
            .iter()
            .find(|r| r.figure.is_some_and(|v| gives_figure(ar_numbers(), v)))
        {
            if ar.is_empty() {
                // The figure is given, its period is not.
                let phrase = slice_en(r);
                out.push(Flag {
                    kind: FlagKind::Omission,
                    subkind: Some("rate".into()),
                    severity: Severity::Medium,
                    src: b.src.clone(),
                    tgt: b.tgt.clone(),
                    span: Some(span(Side::Src, r.sentence, &ctx.src[r.sentence], r.start, r.end)),
                    reason: format!(
                        "'{phrase}' is not given in the Arabic: the figure reads as a total, not a rate"
                    ),
                });
                continue;
            }
            if let Some(a) = tied_ar
                .iter()
                .find(|a| !en.iter().any(|e| same_period(e.days, a.days)))
            {
                if !ar
                    .iter()
                    .any(|x| en.iter().any(|e| same_period(e.days, x.days)))
                {
                    out.push(changed(
                        a,
                        format!(
                            "'{}' counts the figure over another period than the source's '{}'",
                            slice_ar(a),
                            slice_en(r)
                        ),
                    ));
                }
            }
            continue;
        }
        // How often something happens, said with another period ("every two years" as
        // «سنويا»): adverbs and distributives on both sides, none sharing a period.
        let adverbial =
            |v: &[Rate]| -> Vec<Rate> { v.iter().filter(|r| r.adverbial).copied().collect() };
        let (en_adv, ar_adv) = (adverbial(&en), adverbial(&ar));
        if !en_adv.is_empty()
            && !ar_adv.is_empty()
            && !ar
                .iter()
                .any(|a| en.iter().any(|e| same_period(e.days, a.days)))
        {
            let (e, a) = (&en_adv[0], &ar_adv[0]);
            out.push(changed(
                a,
                format!(
                    "'{}' gives another period than the source's '{}'",
                    slice_ar(a),
                    slice_en(e)
                ),
            ));
            continue;
        }
        // A rate the Arabic adds to a figure the source gives once.
        if en.is_empty() {
            if let Some(a) = tied_ar
                .iter()
                .find(|a| a.adverbial && a.figure.is_some_and(|v| gives_figure(en_numbers(), v)))
            {
                out.push(changed(
                    a,
                    format!(
                        "'{}' makes a rate of a figure the source gives once",
                        slice_ar(a)
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;

    fn rates(en: &str, ar: &str) -> (Vec<f64>, Vec<f64>) {
        crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], |ctx| {
            (
                english_rates(ctx, 0).iter().map(|r| r.days).collect(),
                arabic_rates(ctx, 0).iter().map(|r| r.days).collect(),
            )
        })
    }

    fn flagged(en: &str, ar: &str) -> Vec<(FlagKind, String)> {
        crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], detect)
            .into_iter()
            .map(|f| (f.kind, f.span.map(|s| s.text).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn rates_are_read_on_both_sides() {
        let (e, a) = rates(
            "The crossing will handle up to 600 trucks a day once repairs are finished.",
            "وسيستقبل المعبر ما يصل إلى 600 شاحنة في اليوم بعد انتهاء الإصلاحات.",
        );
        assert_eq!((e, a), (vec![1.0], vec![1.0]));
        let (e, a) = rates(
            "The drill is held every two years; monthly payments reach $3 million.",
            "وتقام المناورات كل عامين، وتبلغ الدفعات الشهرية 3 ملايين دولار.",
        );
        assert_eq!(
            (e, a),
            (vec![730.5, 365.25 / 12.0], vec![730.5, 365.25 / 12.0])
        );
        // A span or a point in time is no rate.
        let (e, a) = rates(
            "A year ago, 300 families returned after talks that lasted a day.",
            "وقبل عام، عادت 300 عائلة في اليوم التالي لمحادثات استمرت يوما.",
        );
        assert!(e.is_empty() && a.is_empty(), "{e:?} {a:?}");
    }

    #[test]
    fn a_dropped_added_or_changed_rate_is_flagged() {
        let en = "The program will fund 120 graduate students at U.S. universities each year.";
        let total = "وسيمول البرنامج 120 طالب دراسات عليا في الجامعات الأمريكية.";
        assert_eq!(
            flagged(en, total),
            vec![(FlagKind::Omission, "each year".to_string())]
        );
        for same in [
            "وسيمول البرنامج 120 طالب دراسات عليا في الجامعات الأمريكية سنويا.",
            "وسيمول البرنامج كل عام 120 طالب دراسات عليا في الجامعات الأمريكية.",
            "وسيمول البرنامج 120 طالب دراسات عليا في العام في الجامعات الأمريكية.",
        ] {
            assert!(flagged(en, same).is_empty(), "{same}");
        }
        let monthly = "وسيمول البرنامج 120 طالب دراسات عليا في الجامعات الأمريكية شهريا.";
        assert_eq!(
            flagged(en, monthly),
            vec![(FlagKind::NumberMismatch, "شهريا".to_string())]
        );
        // Added: a figure given once, made a rate.
        let once = "The crossing received 600 trucks after the repairs.";
        let daily = "واستقبل المعبر 600 شاحنة يوميا بعد الإصلاحات.";
        assert_eq!(
            flagged(once, daily),
            vec![(FlagKind::NumberMismatch, "يوميا".to_string())]
        );
        // The frequency of an event.
        let en = "The exercise is held every two years with some 3,000 troops.";
        let yearly = "وتقام المناورات سنويا بمشاركة نحو 3000 جندي.";
        assert_eq!(
            flagged(en, yearly),
            vec![(FlagKind::NumberMismatch, "سنويا".to_string())]
        );
        assert!(flagged(en, "وتقام المناورات كل عامين بمشاركة نحو 3000 جندي.").is_empty());
        // An adjective of a noun with no figure is no rate of a figure.
        let en = "The annual exercise opened on Monday with 3,000 troops.";
        assert!(flagged(en, "وافتتحت المناورات يوم الاثنين بمشاركة 3000 جندي.").is_empty());
    }
}
