//! Changed facts inside aligned sentences: numbers, dates and names that differ from the source.

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::align::Bead;
use crate::anchors::ItemKind;

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        out.extend(names(ctx, b));
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
