//! Omissions inside aligned sentences — a list item, a figure, a time phrase, a condition or a
//! clause the Arabic leaves out — found by the support test of each English clause against the
//! aligned Arabic (`support.rs`, the mirror of the test for added Arabic clauses); and sentences
//! aligned by position and length whose vocabulary barely overlaps the source (mistranslated
//! rather than translated).

use super::clauses::unsupported_runs;
use super::support::BeadView;
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::ItemKind;
use crate::text::tokens::{tokenize, TokenKind};
use crate::text::{arabic, char_slice};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Lexical coverage (both directions) below which an aligned sentence counts as unsupported.
const MIN_COVERAGE: f32 = 0.12;
/// Lexical items each side needs before coverage means anything.
const MIN_ITEMS: usize = 8;

/// Openers of clauses that bound a claim (a condition, a time frame), by class and language.
struct ScopeOpeners {
    en: HashMap<String, &'static str>,
    /// Normalised Arabic openers (one or two words) and their class.
    ar: HashMap<String, &'static str>,
}

fn scope_openers() -> &'static ScopeOpeners {
    static OPENERS: OnceLock<ScopeOpeners> = OnceLock::new();
    OPENERS.get_or_init(|| {
        let mut o = ScopeOpeners {
            en: HashMap::new(),
            ar: HashMap::new(),
        };
        for line in include_str!("data/scope_openers.tsv").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || f.len() != 3 {
                continue;
            }
            let class: &'static str = if f[0] == "condition" {
                "condition"
            } else {
                "time"
            };
            match f[1] {
                "en" => o.en.insert(f[2].to_string(), class),
                _ => o.ar.insert(arabic::normalize(f[2]), class),
            };
        }
        o
    })
}

/// How many openers of `class` the Arabic sentences hold (one- and two-word openers, with or
/// without a leading و/ف).
fn arabic_openers(ctx: &Context, tgt: &[usize], class: &str) -> usize {
    let o = scope_openers();
    let mut n = 0;
    for &j in tgt {
        let words: Vec<String> = tokenize(&ctx.tgt[j])
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| arabic::normalize(t.text))
            .collect();
        let is = |w: &str| o.ar.get(w) == Some(&class);
        let mut k = 0;
        while k < words.len() {
            let w = &words[k];
            let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
            let two = words.get(k + 1).map(|x| format!("{w} {x}"));
            if two.as_deref().is_some_and(is) {
                n += 1;
                k += 2;
                continue;
            }
            if is(w) || (bare.chars().count() >= 2 && is(bare)) {
                n += 1;
            }
            k += 1;
        }
    }
    n
}

/// How many openers of `class` an English sentence holds.
fn english_openers(text: &str, class: &str) -> usize {
    let o = scope_openers();
    tokenize(text)
        .iter()
        .filter(|t| o.en.get(&t.text.to_lowercase()) == Some(&class))
        .count()
}

pub fn detect(ctx: &Context, already: &[Flag]) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        let view = BeadView::new(ctx, b);
        for (n, &i) in b.src.iter().enumerate() {
            let tests = view.source_clauses(n);
            let translated = tests.iter().any(|t| !t.unsupported() && t.matched > 0);
            if !translated || tests.len() < 2 {
                continue;
            }
            let text = &ctx.src[i];
            for (first, last) in unsupported_runs(&tests) {
                let (start, end) = (tests[first].clause.start, tests[last].clause.end);
                let dropped = char_slice(text, start, end);
                let opener = dropped
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let items: Vec<ItemKind> = ctx.anchors.src[i]
                    .items
                    .iter()
                    .filter(|it| it.start >= start && it.end <= end)
                    .map(|it| it.kind)
                    .collect();
                let scope = scope_openers().en.get(opener.as_str()).copied();
                // The Arabic keeps as many clauses of this kind as the source: the clause is
                // rendered in words the lexicon did not connect.
                if scope.is_some_and(|c| {
                    arabic_openers(ctx, &b.tgt, c)
                        >= b.src.iter().map(|&s| english_openers(&ctx.src[s], c)).sum()
                }) {
                    continue;
                }
                let (subkind, severity) = if scope.is_some() {
                    ("qualifier", Severity::High)
                } else if items.contains(&ItemKind::Number) {
                    ("figure", Severity::Medium)
                } else if tests[first..=last].iter().all(|t| t.clause.words <= 4)
                    && items.contains(&ItemKind::Name)
                {
                    ("list_item", Severity::Medium)
                } else {
                    ("clause", Severity::Medium)
                };
                out.push(Flag {
                    kind: FlagKind::Omission,
                    subkind: Some(subkind.into()),
                    severity,
                    src: vec![i],
                    tgt: b.tgt.clone(),
                    span: Some(span(Side::Src, i, text, start, end)),
                    reason: format!("'{dropped}' has no counterpart in the Arabic"),
                });
            }
        }
        out.extend(unsupported(ctx, b));
        let claimed: Vec<&Flag> = already
            .iter()
            .chain(out.iter())
            .filter(|f| f.src.iter().any(|s| b.src.contains(s)))
            .collect();
        let dropped = dropped_figures(ctx, b, &claimed);
        out.extend(dropped);
    }
    out
}

/// Prepositions that bind a figure or a date into a time phrase or a comparison ("in 2025",
/// "since 2022", "up from 12"): the phrase is dropped with its figure.
const FIGURE_PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "by", "during", "since", "from", "until", "to", "of", "for", "before",
    "after", "up", "down", "as", "about", "around", "nearly", "almost", "over", "under", "than",
    "more", "less", "some", "between", "and", "through", "early", "late", "mid",
];

/// Figures and dates of the source that the aligned Arabic does not give at all, when no other
/// detector has explained them (a changed number is a mismatch, not an omission): a time phrase
/// or a comparison dropped inside a translated sentence.
fn dropped_figures(ctx: &Context, b: &crate::align::Bead, claimed: &[&Flag]) -> Vec<Flag> {
    let mut offers: Vec<u32> = b
        .tgt
        .iter()
        .flat_map(|&j| ctx.anchors.tgt[j].offers.iter().copied())
        .collect();
    offers.sort_unstable();
    offers.dedup();
    // What the neighbouring Arabic sentences give: a figure moved to the next sentence or to the
    // dateline is not dropped.
    let (lo, hi) = match (b.tgt.first(), b.tgt.last()) {
        (Some(&f), Some(&l)) => (f.saturating_sub(2), (l + 3).min(ctx.tgt.len())),
        _ => return Vec::new(),
    };
    let mut nearby: Vec<u32> = (lo..hi)
        .flat_map(|j| ctx.anchors.tgt[j].offers.iter().copied())
        .collect();
    nearby.sort_unstable();
    nearby.dedup();
    let is_year =
        |w: &str| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    // An Arabic date without a year (a dateline «٢٣ - ١٠», «الخميس 5 آذار») leaves the year to the
    // article's date: not an omission.
    let arabic_years = b.tgt.iter().any(|&j| {
        tokenize(&ctx.tgt[j])
            .iter()
            .any(|t| is_year(&crate::text::digits::fold_digits(t.text)))
    });
    let arabic_month = b.tgt.iter().any(|&j| {
        ctx.anchors.tgt[j]
            .items
            .iter()
            .any(|it| it.kind == ItemKind::Month)
    });
    let mut out = Vec::new();
    for &i in &b.src {
        let a = &ctx.anchors.src[i];
        let text = &ctx.src[i];
        let mask = a.matched_by(&offers) | a.matched_by(&nearby);
        let covered = |start: usize, end: usize| {
            claimed.iter().any(|f| {
                f.span.as_ref().is_some_and(|sp| {
                    sp.side == Side::Src && sp.sentence == i && sp.start < end && start < sp.end
                }) || (f.span.as_ref().is_some_and(|sp| sp.side == Side::Tgt)
                    && matches!(f.kind, FlagKind::NumberMismatch | FlagKind::DateMismatch))
            })
        };
        let toks = tokenize(text);
        for (k, it) in a.items.iter().enumerate() {
            // Figures written in digits, of ten or more (small ones are rendered as words, duals
            // and ordinals the number model may not see); a year only where the Arabic gives
            // years or no date at all.
            let digits = char_slice(text, it.start, it.end);
            let figure = it.kind == ItemKind::Number
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && crate::anchors::numbers::parse_digits(digits).is_some_and(|v| v >= 10.0)
                && !(is_year(digits) && arabic_month && !arabic_years);
            if !figure || mask & (1u64 << k) != 0 || covered(it.start, it.end) {
                continue;
            }
            // The phrase: the figure with the prepositions and figures just before it.
            let mut start = it.start;
            let mut end = it.end;
            if let Some(t) = toks
                .iter()
                .position(|t| t.start <= it.start && it.start < t.end.max(t.start + 1))
            {
                let mut p = t;
                while p > 0 {
                    let prev = &toks[p - 1];
                    let w = prev.text.to_lowercase();
                    let month_before_day = p == t
                        && a.items
                            .iter()
                            .any(|o| o.kind == ItemKind::Month && o.start == prev.start);
                    if FIGURE_PREPOSITIONS.contains(&w.as_str()) || month_before_day {
                        p -= 1;
                        start = prev.start;
                    } else {
                        break;
                    }
                }
                end = end.max(toks[t].end);
            }
            // Figures of one phrase ("from 12 in 2024") make one flag.
            let touches = |sp: &super::Span| {
                sp.sentence == i
                    && (sp.start <= end && start <= sp.end
                        || (sp.end < start && char_slice(text, sp.end, start).trim().is_empty())
                        || (end < sp.start && char_slice(text, end, sp.start).trim().is_empty()))
            };
            if let Some(f) = out
                .iter_mut()
                .find(|f: &&mut Flag| f.span.as_ref().is_some_and(touches))
            {
                let sp = f
                    .span
                    .as_ref()
                    .map_or((start, end), |sp| (sp.start.min(start), sp.end.max(end)));
                let phrase = char_slice(text, sp.0, sp.1);
                f.reason = format!("'{phrase}' is not given in the Arabic");
                f.span = Some(span(Side::Src, i, text, sp.0, sp.1));
                continue;
            }
            let phrase = char_slice(text, start, end);
            let time = phrase.split(|c: char| !c.is_ascii_digit()).any(is_year);
            out.push(Flag {
                kind: FlagKind::Omission,
                subkind: Some(if time { "qualifier" } else { "figure" }.into()),
                severity: Severity::Medium,
                src: vec![i],
                tgt: b.tgt.clone(),
                span: Some(span(Side::Src, i, text, start, end)),
                reason: format!("'{phrase}' is not given in the Arabic"),
            });
        }
    }
    out
}

/// A 1-1 bead whose sentences share almost no vocabulary in either direction.
fn unsupported(ctx: &Context, b: &crate::align::Bead) -> Option<Flag> {
    if b.src.len() != 1 || b.tgt.len() != 1 {
        return None;
    }
    let (i, j) = (b.src[0], b.tgt[0]);
    let (s, t) = (&ctx.anchors.src[i], &ctx.anchors.tgt[j]);
    let lexical = |x: &crate::anchors::SentenceAnchors| {
        x.items
            .iter()
            .filter(|it| it.kind == ItemKind::Term)
            .count()
    };
    if lexical(s) < MIN_ITEMS || lexical(t) < MIN_ITEMS {
        return None;
    }
    let cov = |x: &crate::anchors::SentenceAnchors, offers: &[u32]| {
        let (l, _) = x.weights(x.matched_by(offers));
        let (lt, _) = x.totals();
        if lt > 0.0 {
            l / lt
        } else {
            0.0
        }
    };
    let c = 0.5 * (cov(s, &t.offers) + cov(t, &s.offers));
    (c < MIN_COVERAGE).then(|| Flag {
        kind: FlagKind::Mistranslation,
        subkind: Some("unsupported".into()),
        severity: Severity::Medium,
        src: vec![i],
        tgt: vec![j],
        span: None,
        reason: format!(
            "aligned by position and length, but the Arabic shares almost no vocabulary with the source sentence ({:.0}% coverage)",
            c * 100.0
        ),
    })
}
