//! Changed facts inside aligned sentences: numbers, dates and names that differ from the source.

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::align::Bead;
use crate::anchors::dates::{Calendar, DateMention};
use crate::anchors::numbers::{canonical, NumberMention};
use crate::anchors::ItemKind;

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        out.extend(dates(ctx, b));
        out.extend(numbers(ctx, b, &out));
        out.extend(names(ctx, b));
    }
    out
}

fn in_any(n: &NumberMention, dates: &[DateMention]) -> bool {
    dates.iter().any(|d| n.start >= d.start && n.end <= d.end)
}

/// Numbers of the source sentences near a bead (the bead and one sentence either side), so that
/// a number moved across a sentence boundary is not called changed.
fn nearby_src_values(ctx: &Context, b: &Bead) -> Vec<String> {
    let lo = b.src.first().copied().unwrap_or(0).saturating_sub(1);
    let hi = (b.src.last().copied().unwrap_or(0) + 2).min(ctx.src.len());
    (lo..hi)
        .flat_map(|i| ctx.anchors.src[i].numbers.iter().map(|n| n.key()))
        .collect()
}

fn numbers(ctx: &Context, b: &Bead, date_flags: &[Flag]) -> Vec<Flag> {
    let src_nums: Vec<&NumberMention> = b
        .src
        .iter()
        .flat_map(|&i| {
            let a = &ctx.anchors.src[i];
            a.numbers.iter().filter(|n| !in_any(n, &a.dates))
        })
        .collect();
    let src_all: Vec<String> = b
        .src
        .iter()
        .flat_map(|&i| ctx.anchors.src[i].numbers.iter().map(|n| n.key()))
        .collect();
    let near = nearby_src_values(ctx, b);
    let mut out = Vec::new();
    for &j in &b.tgt {
        let a = &ctx.anchors.tgt[j];
        let numeric_dates = crate::anchors::dates::numeric_dates(&ctx.tgt[j]);
        let tgt_keys: Vec<String> = a.numbers.iter().map(|n| n.key()).collect();
        let unmatched_src: Vec<&&NumberMention> = src_nums
            .iter()
            .filter(|n| n.digits && !tgt_keys.contains(&n.key()) && !n.is_year())
            .collect();
        if unmatched_src.is_empty() {
            continue;
        }
        for n in &a.numbers {
            if !n.digits || in_any(n, &a.dates) || n.is_year() {
                continue;
            }
            if numeric_dates
                .iter()
                .any(|&(_, _, _, s, e)| n.start >= s && n.end <= e)
            {
                continue;
            }
            let key = n.key();
            if src_all.contains(&key) || near.contains(&key) {
                continue;
            }
            if date_flags.iter().any(|f| {
                f.span
                    .as_ref()
                    .is_some_and(|s| s.sentence == j && n.start >= s.start && n.end <= s.end)
            }) {
                continue;
            }
            // Compare with the closest unmatched source number of a similar magnitude.
            let best = unmatched_src
                .iter()
                .filter(|s| {
                    let r = (s.value / n.value).abs();
                    (0.1..=10.0).contains(&r)
                })
                .min_by(|x, y| {
                    (x.value - n.value)
                        .abs()
                        .total_cmp(&(y.value - n.value).abs())
                });
            let Some(s) = best else { continue };
            out.push(Flag {
                kind: FlagKind::NumberMismatch,
                subkind: None,
                severity: Severity::High,
                src: b.src.clone(),
                tgt: vec![j],
                span: Some(span(Side::Tgt, j, &ctx.tgt[j], n.start, n.end)),
                reason: format!(
                    "number {} where the source says {}",
                    canonical(n.value),
                    canonical(s.value)
                ),
            });
        }
    }
    out
}

fn month_name(m: u8) -> &'static str {
    [
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
    ]
    .get(m as usize - 1)
    .copied()
    .unwrap_or("?")
}

fn describe(d: &DateMention) -> String {
    let days = d
        .days
        .iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join("–");
    let mut s = format!("{} {}", month_name(d.month), days);
    if let Some(y) = d.year {
        s.push_str(&format!(", {y}"));
    }
    s.trim().to_string()
}

fn dates(ctx: &Context, b: &Bead) -> Vec<Flag> {
    let src_dates: Vec<&DateMention> = b
        .src
        .iter()
        .flat_map(|&i| ctx.anchors.src[i].dates.iter())
        .filter(|d| d.calendar == Calendar::Gregorian)
        .collect();
    let mut out = Vec::new();
    if src_dates.is_empty() {
        return out;
    }
    for &j in &b.tgt {
        for d in &ctx.anchors.tgt[j].dates {
            // A Hijri date next to a Gregorian one is an addition, not an error.
            if d.calendar == Calendar::Hijri {
                continue;
            }
            let same_month: Vec<&&DateMention> =
                src_dates.iter().filter(|s| s.month == d.month).collect();
            let wrong = if same_month.is_empty() {
                // A different month where the source gives dates: only with days on both sides.
                !d.days.is_empty() && src_dates.iter().all(|s| !s.days.is_empty())
            } else {
                same_month.iter().all(|s| {
                    let days_differ = !d.days.is_empty()
                        && !s.days.is_empty()
                        && d.days.iter().any(|x| !s.days.contains(x));
                    let year_differs = matches!((d.year, s.year), (Some(a), Some(b)) if a != b);
                    days_differ || year_differs
                })
            };
            if !wrong {
                continue;
            }
            let source: &DateMention = same_month.first().map(|s| **s).unwrap_or(src_dates[0]);
            out.push(Flag {
                kind: FlagKind::DateMismatch,
                subkind: None,
                severity: Severity::High,
                src: b.src.clone(),
                tgt: vec![j],
                span: Some(span(Side::Tgt, j, &ctx.tgt[j], d.start, d.end)),
                reason: format!(
                    "date given as {} where the source says {}",
                    describe(d),
                    describe(source)
                ),
            });
        }
    }
    out
}

/// Names in the Arabic that belong to another sentence of the source, while a name of the aligned
/// source sentence is missing: people or places swapped or replaced.
fn names(ctx: &Context, b: &Bead) -> Vec<Flag> {
    let mut own: Vec<u32> = b
        .src
        .iter()
        .flat_map(|&i| ctx.anchors.src[i].offers.iter().copied())
        .collect();
    own.sort_unstable();
    own.dedup();
    let src_names_missing: Vec<String> = b
        .src
        .iter()
        .flat_map(|&i| {
            let text = &ctx.src[i];
            ctx.anchors.src[i]
                .items
                .iter()
                .filter(|it| it.kind == ItemKind::Name)
                .filter(|it| {
                    !b.tgt.iter().any(|&j| {
                        it.keys
                            .iter()
                            .any(|k| ctx.anchors.tgt[j].offers.binary_search(k).is_ok())
                    })
                })
                .map(move |it| crate::text::char_slice(text, it.start, it.end).to_string())
        })
        .collect();
    let mut out = Vec::new();
    if src_names_missing.is_empty() {
        return out;
    }
    for &j in &b.tgt {
        let a = &ctx.anchors.tgt[j];
        // Name items of this Arabic sentence that match a name elsewhere but not here.
        let foreign: Vec<(usize, usize)> = a
            .items
            .iter()
            .filter(|it| it.kind == ItemKind::Name)
            .filter(|it| it.keys.iter().all(|k| own.binary_search(k).is_err()))
            .map(|it| (it.start, it.end))
            .collect();
        if foreign.is_empty() {
            continue;
        }
        // Join adjacent name words into one span ("طارق حمدي").
        let text = &ctx.tgt[j];
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (s, e) in foreign {
            match spans.last_mut() {
                Some(last) if s <= last.1 + 1 => last.1 = e,
                _ => spans.push((s, e)),
            }
        }
        for (s, e) in spans {
            out.push(Flag {
                kind: FlagKind::NameMismatch,
                subkind: None,
                severity: Severity::High,
                src: b.src.clone(),
                tgt: vec![j],
                span: Some(span(Side::Tgt, j, text, s, e)),
                reason: format!(
                    "'{}' names someone from elsewhere in the source; the aligned source names {}",
                    crate::text::char_slice(text, s, e),
                    src_names_missing.join(", ")
                ),
            });
        }
    }
    out
}
