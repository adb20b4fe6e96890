//! Term substitutions: an Arabic multi-word term (an institution, force or title) that the aligned
//! source does not contain, standing where a source term goes unrendered and the two share words
//! — "ISF" (Iraqi Security Forces, قوات الأمن العراقية) rendered as قوى الأمن الداخلي (Internal
//! Security Forces).

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::{arabic_phrases, ItemKind};
use crate::text::tokens::tokenize;
use crate::text::{arabic, char_slice};
use std::collections::HashSet;

/// Content words of Arabic text, normalised and without proclitics.
fn words(text: &str) -> HashSet<String> {
    tokenize(&arabic::normalize(text))
        .iter()
        .map(|t| arabic::strip_proclitics(t.text).to_string())
        .filter(|w| w.chars().count() >= 3)
        .collect()
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let lex = ctx.lexicon;
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        // Source terms (and acronyms) the Arabic does not render, with their expected renderings.
        let mut missing: Vec<(String, String, HashSet<String>)> = Vec::new();
        for &i in &b.src {
            let a = &ctx.anchors.src[i];
            for it in a.items.iter().filter(|it| it.kind == ItemKind::Term) {
                let rendered = b.tgt.iter().any(|&j| {
                    it.keys
                        .iter()
                        .any(|k| ctx.anchors.tgt[j].offers.binary_search(k).is_ok())
                });
                if rendered {
                    continue;
                }
                let surface = char_slice(&ctx.src[i], it.start, it.end).to_string();
                for &k in &it.keys {
                    if let Some((en, ars)) = lex.label(k) {
                        if en.split_whitespace().count() < 2 {
                            continue;
                        }
                        let w: HashSet<String> = ars.iter().flat_map(|r| words(r)).collect();
                        missing.push((surface.clone(), en.to_string(), w));
                    }
                }
            }
        }
        if missing.is_empty() {
            continue;
        }
        let src_offers: HashSet<u32> = b
            .src
            .iter()
            .flat_map(|&i| ctx.anchors.src[i].offers.iter().copied())
            .collect();
        for &j in &b.tgt {
            let text = &ctx.tgt[j];
            let toks = tokenize(text);
            let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
            let mut used: Vec<(usize, usize)> = Vec::new();
            let mut phrases = arabic_phrases(&toks, &norms, lex);
            // Longest phrase first: "قوى الأمن الداخلي" rather than "قوى الأمن".
            phrases.sort_by_key(|&(first, n, _)| (std::cmp::Reverse(n), first));
            for (first, n, concepts) in phrases {
                if concepts.iter().any(|c| src_offers.contains(c)) {
                    continue;
                }
                let (s, e) = (toks[first].start, toks[first + n - 1].end);
                if used.iter().any(|&(a, z)| s < z && e > a) {
                    continue;
                }
                let term_words = words(char_slice(text, s, e));
                let Some((surface, en, _)) = missing
                    .iter()
                    .find(|(_, _, w)| !w.is_disjoint(&term_words) && !w.is_superset(&term_words))
                else {
                    continue;
                };
                let meaning = concepts
                    .iter()
                    .find_map(|&c| lex.label(c))
                    .map(|(e, _)| e.to_string())
                    .unwrap_or_default();
                used.push((s, e));
                out.push(Flag {
                    kind: FlagKind::Mistranslation,
                    subkind: Some("term".into()),
                    severity: Severity::Medium,
                    src: b.src.clone(),
                    tgt: vec![j],
                    span: Some(span(Side::Tgt, j, text, s, e)),
                    reason: format!(
                        "'{surface}' ({en}) rendered as '{}' ({meaning})",
                        char_slice(text, s, e)
                    ),
                });
            }
        }
    }
    out
}
