//! Omissions inside aligned sentences — names dropped from a list, figures left out — and
//! sentences aligned by position and length whose vocabulary barely overlaps the source
//! (mistranslated rather than translated).

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::ItemKind;
use crate::text::char_slice;

/// Lexical coverage (both directions) below which an aligned sentence counts as unsupported.
const MIN_COVERAGE: f32 = 0.12;
/// Lexical items each side needs before coverage means anything.
const MIN_ITEMS: usize = 8;

pub fn detect(ctx: &Context, already: &[Flag]) -> Vec<Flag> {
    let mut out = Vec::new();
    // Target sentences already flagged, by kind: looked up per bead, so not a scan of every flag.
    let flagged: std::collections::HashSet<(FlagKind, usize)> = already
        .iter()
        .flat_map(|f| f.tgt.iter().map(move |&j| (f.kind, j)))
        .collect();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        let tgt_offers: Vec<u32> = {
            let mut v: Vec<u32> = b
                .tgt
                .iter()
                .flat_map(|&j| ctx.anchors.tgt[j].offers.iter().copied())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let flagged_here = |kind: FlagKind| b.tgt.iter().any(|&j| flagged.contains(&(kind, j)));
        for &i in &b.src {
            let a = &ctx.anchors.src[i];
            let text = &ctx.src[i];
            // Names in a list: at least three names, some rendered and some not.
            let names: Vec<_> = a
                .items
                .iter()
                .filter(|it| it.kind == ItemKind::Name)
                .collect();
            let missing: Vec<_> = names
                .iter()
                .filter(|it| !it.keys.iter().any(|k| tgt_offers.binary_search(k).is_ok()))
                .collect();
            if names.len() >= 3
                && !missing.is_empty()
                && missing.len() < names.len()
                && !flagged_here(FlagKind::NameMismatch)
            {
                for it in missing {
                    out.push(Flag {
                        kind: FlagKind::Omission,
                        subkind: Some("list_item".into()),
                        severity: Severity::Low,
                        src: vec![i],
                        tgt: b.tgt.clone(),
                        span: Some(span(Side::Src, i, text, it.start, it.end)),
                        reason: format!(
                            "'{}' is named in the source but not in the Arabic",
                            char_slice(text, it.start, it.end)
                        ),
                    });
                }
            }
            // Figures left out: a number of 100 or more (not a year) with no counterpart.
            if !flagged_here(FlagKind::NumberMismatch) {
                for n in &a.numbers {
                    if !n.digits || n.is_year() || n.value < 100.0 {
                        continue;
                    }
                    let rendered = a.items.iter().any(|it| {
                        it.kind == ItemKind::Number
                            && it.start == n.start
                            && it.keys.iter().any(|k| tgt_offers.binary_search(k).is_ok())
                    });
                    if !rendered {
                        out.push(Flag {
                            kind: FlagKind::Omission,
                            subkind: Some("figure".into()),
                            severity: Severity::Medium,
                            src: vec![i],
                            tgt: b.tgt.clone(),
                            span: Some(span(Side::Src, i, text, n.start, n.end)),
                            reason: format!(
                                "the figure '{}' has no counterpart in the Arabic",
                                char_slice(text, n.start, n.end)
                            ),
                        });
                    }
                }
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
