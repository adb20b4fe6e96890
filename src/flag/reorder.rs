//! Reordering: an Arabic sentence left unaligned by the monotone path that renders a source
//! sentence from another place in the document (the aligner's moved pairs) — a moved sentence,
//! not an insertion plus an omission.

use super::{Context, Flag, FlagKind, Severity};
use std::collections::HashSet;

#[derive(Default)]
pub struct Reordered {
    pub flags: Vec<Flag>,
    pub moved_src: HashSet<usize>,
    pub moved_tgt: HashSet<usize>,
}

pub fn detect(ctx: &Context) -> Reordered {
    let mut out = Reordered {
        flags: Vec::new(),
        moved_src: HashSet::new(),
        moved_tgt: HashSet::new(),
    };
    for m in ctx.moves.iter().filter(|m| !m.repeat) {
        out.moved_src.insert(m.src);
        out.moved_tgt.insert(m.tgt);
        out.flags.push(Flag {
            kind: FlagKind::Reordered,
            subkind: None,
            severity: Severity::Low,
            src: vec![m.src],
            tgt: vec![m.tgt],
            span: None,
            reason: format!(
                "Arabic sentence {} renders source sentence {} from another place in the document (confidence {:.2})",
                m.tgt + 1,
                m.src + 1,
                m.score
            ),
        });
    }
    out
}
