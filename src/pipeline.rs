//! The pure stages in order: sentences → anchors → alignment → flags. Used by `check` (no
//! workspace) and `align` (results stored), so both give the same answers.

use crate::align::{self, Bead, Fixed, Move, Params};
use crate::anchors::{self, lexicon::Lexicon};
use crate::flag::{self, Flag};
use crate::segment::Sentence;
use serde::Serialize;

/// Result of aligning and checking one pair.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub source: Vec<Sentence>,
    pub target: Vec<Sentence>,
    pub beads: Vec<Bead>,
    /// Sentence pairs outside the monotone path: moved and repeated sentences.
    pub moves: Vec<Move>,
    pub flags: Vec<Flag>,
}

/// Aligns and flags a source (English) and target (Arabic) document, keeping `fixed` beads.
pub fn analyse(
    source: Vec<Sentence>,
    target: Vec<Sentence>,
    lexicon: &Lexicon,
    fixed: &[Fixed],
) -> Analysis {
    let src: Vec<String> = source.iter().map(|s| s.text.clone()).collect();
    let tgt: Vec<String> = target.iter().map(|s| s.text.clone()).collect();
    let pair = anchors::build(&src, &tgt, lexicon);
    let aligned = align::align_pair(&pair, &Params::default(), fixed, None);
    let flags = flag::detect(&flag::Context {
        src: &src,
        tgt: &tgt,
        anchors: &pair,
        beads: &aligned.beads,
        moves: &aligned.moves,
        lexicon,
        model: &aligned.model,
        evidence: &aligned.evidence,
    });
    Analysis {
        source,
        target,
        beads: aligned.beads,
        moves: aligned.moves,
        flags,
    }
}
