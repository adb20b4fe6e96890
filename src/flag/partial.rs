//! Omissions inside aligned sentences — a list item, a figure, a time phrase, a condition or a
//! clause the Arabic leaves out — found by the support test of each English clause against the
//! aligned Arabic (`support.rs`, the mirror of the test for added Arabic clauses); and sentences
//! aligned by position and length whose vocabulary barely overlaps the source (mistranslated
//! rather than translated).

use super::clauses::unsupported_runs;
use super::support::BeadView;
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::ItemKind;
use crate::text::char_slice;

/// Lexical coverage (both directions) below which an aligned sentence counts as unsupported.
const MIN_COVERAGE: f32 = 0.12;
/// Lexical items each side needs before coverage means anything.
const MIN_ITEMS: usize = 8;

/// Openers of a clause that bounds the claim (a condition, a time frame): dropping one changes
/// what the sentence asserts.
const SCOPE_OPENERS: &[&str] = &[
    "if", "unless", "provided", "during", "before", "after", "until", "since", "once", "when",
];

pub fn detect(ctx: &Context, _already: &[Flag]) -> Vec<Flag> {
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
                let (subkind, severity) = if SCOPE_OPENERS.contains(&opener.as_str()) {
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
