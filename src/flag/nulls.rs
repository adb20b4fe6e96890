//! Whole sentences without a counterpart: insertions (Arabic sentences in 0-1 beads) with a
//! subkind, and omissions (English sentences in 1-0 beads).

use super::markers::{self, MarkerKind};
use super::{Context, Flag, FlagKind, Severity};
use crate::anchors::is_head_like;
use std::collections::HashSet;

/// Whether the text looks like a byline or dateline: a date or weekday in a short line, or a
/// byline word at its start.
fn is_metadata(ctx: &Context, j: usize, hits: &[markers::MarkerHit]) -> bool {
    let a = &ctx.anchors.tgt[j];
    let words = a.words;
    if words > 14 {
        return false;
    }
    let has_date = !a.dates.is_empty()
        || !crate::anchors::dates::numeric_dates(&ctx.tgt[j]).is_empty()
        || crate::text::tokens::tokenize(&ctx.tgt[j])
            .iter()
            .any(|t| crate::anchors::dates::weekday_of(t.text).is_some());
    let byline = hits
        .iter()
        .any(|h| h.kind == MarkerKind::Metadata && h.token <= 1);
    (has_date && is_head_like(&ctx.tgt[j])) || byline
}

/// Verbs that introduce a quotation (normalised, with the conjunction stripped).
const SPEECH_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "اضاف",
    "اضافت",
    "صرح",
    "صرحت",
    "اكد",
    "اكدت",
    "اوضح",
    "اوضحت",
    "تابع",
    "تابعت",
];

fn has_speech_verb(text: &str) -> bool {
    crate::text::tokens::tokenize(text).iter().any(|t| {
        let n = crate::text::arabic::normalize(t.text);
        let n = n.strip_prefix('و').unwrap_or(&n);
        SPEECH_VERBS.contains(&n)
    })
}

fn classify_insertion(ctx: &Context, j: usize) -> (String, Severity, String) {
    let text = &ctx.tgt[j];
    let hits = &ctx.words.ar(j).markers;
    let editorial = markers::editorial_weight(hits);
    let words = ctx.anchors.tgt[j].words;
    let boiler = hits.iter().any(|h| h.kind == MarkerKind::Boilerplate);
    let quote = (text.contains('«') || text.contains('"') || text.contains('“'))
        && (hits.iter().any(|h| h.kind == MarkerKind::Attribution) || has_speech_verb(text));
    if boiler && editorial < 2 {
        return (
            "boilerplate".into(),
            Severity::Low,
            "web page furniture (navigation, sharing or comment line), not in the source".into(),
        );
    }
    if is_metadata(ctx, j, hits) && editorial < 2 {
        return (
            "metadata".into(),
            Severity::Low,
            "dateline or byline added by the outlet, not in the source".into(),
        );
    }
    let head = is_head_like(text);
    if head && editorial < 2 {
        return (
            "headline".into(),
            Severity::Low,
            "headline or framing line with no counterpart in the source".into(),
        );
    }
    if head {
        return (
            "headline".into(),
            Severity::High,
            "editorial headline with loaded wording, not in the source".into(),
        );
    }
    if quote {
        return (
            "quote".into(),
            Severity::High,
            "quotation or attributed opinion that the source does not contain".into(),
        );
    }

    if words <= 6 && editorial == 0 {
        return (
            "framing".into(),
            Severity::Low,
            "short framing sentence with no counterpart in the source".into(),
        );
    }
    let sev = if editorial >= 2 || words >= 12 {
        Severity::High
    } else {
        Severity::Medium
    };
    (
        "commentary".into(),
        sev,
        "sentence with no counterpart in the source: added commentary".into(),
    )
}

fn omission_severity(text: &str, ctx: &Context, i: usize) -> (Severity, String) {
    let lower = text.to_lowercase();
    if lower.contains('@')
        || lower.contains("http")
        || lower.contains("contact")
        || lower.starts_with("for further information")
        || lower.starts_with("for more information")
    {
        return (
            Severity::Low,
            "source boilerplate (contact or reference line) not carried over".into(),
        );
    }
    let a = &ctx.anchors.src[i];
    if !a.numbers.is_empty() || a.words >= 20 {
        (
            Severity::Medium,
            "source sentence with no counterpart in the Arabic".into(),
        )
    } else {
        (
            Severity::Low,
            "short source sentence with no counterpart in the Arabic".into(),
        )
    }
}

pub fn detect(ctx: &Context, moved_src: &HashSet<usize>, moved_tgt: &HashSet<usize>) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads {
        if b.src.is_empty() {
            for &j in &b.tgt {
                if moved_tgt.contains(&j) {
                    continue;
                }
                let (sub, severity, reason) = classify_insertion(ctx, j);
                out.push(Flag {
                    kind: FlagKind::Insertion,
                    subkind: Some(sub),
                    severity,
                    src: vec![],
                    tgt: vec![j],
                    span: None,
                    reason,
                });
            }
        } else if b.tgt.is_empty() {
            for &i in &b.src {
                if moved_src.contains(&i) {
                    continue;
                }
                let (severity, reason) = omission_severity(&ctx.src[i], ctx, i);
                out.push(Flag {
                    kind: FlagKind::Omission,
                    subkind: None,
                    severity,
                    src: vec![i],
                    tgt: vec![],
                    span: None,
                    reason,
                });
            }
        }
    }
    out
}
