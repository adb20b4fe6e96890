//! Reordering: an Arabic sentence left unaligned that matches an unaligned source sentence
//! elsewhere in the document — a moved sentence, not an insertion plus an omission.

use super::{Context, Flag, FlagKind, Severity};
use crate::align::similarity;
use std::collections::HashSet;

/// Similarity above which two unaligned sentences are the same content moved.
const MOVED: f64 = 0.45;

pub struct Reordered {
    pub flags: Vec<Flag>,
    pub moved_src: HashSet<usize>,
    pub moved_tgt: HashSet<usize>,
}

pub fn detect(ctx: &Context) -> Reordered {
    let lone_src: Vec<usize> = ctx
        .beads
        .iter()
        .filter(|b| b.tgt.is_empty())
        .flat_map(|b| b.src.iter().copied())
        .collect();
    let lone_tgt: Vec<usize> = ctx
        .beads
        .iter()
        .filter(|b| b.src.is_empty())
        .flat_map(|b| b.tgt.iter().copied())
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    if lone_src.len().saturating_mul(lone_tgt.len()) <= 250_000 {
        for &i in &lone_src {
            for &j in &lone_tgt {
                let s = similarity(ctx.anchors, &[i], &[j]);
                if s >= MOVED {
                    pairs.push((s, i, j));
                }
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = Reordered {
        flags: Vec::new(),
        moved_src: HashSet::new(),
        moved_tgt: HashSet::new(),
    };
    for (s, i, j) in pairs {
        if out.moved_src.contains(&i) || out.moved_tgt.contains(&j) {
            continue;
        }
        out.moved_src.insert(i);
        out.moved_tgt.insert(j);
        out.flags.push(Flag {
            kind: FlagKind::Reordered,
            subkind: None,
            severity: Severity::Medium,
            src: vec![i],
            tgt: vec![j],
            span: None,
            reason: format!(
                "Arabic sentence {} renders source sentence {} from another place in the document (similarity {:.2})",
                j + 1,
                i + 1,
                s
            ),
        });
    }
    out
}
