//! A stored pair read back as the [`Analysis`] the pipeline produced: sentences, beads, moves
//! and flags, for reports, the review TUI and the demo.

use super::{FlagFilter, Status, Tx};
use crate::error::Result;
use crate::pipeline::Analysis;
use crate::segment::Sentence;

impl Tx<'_> {
    /// The sentences of a pair's source (English) and article (Arabic), in document order: the
    /// part of [`Tx::analysis`] for callers that read beads, flags and moves as rows already
    /// (the review screen, `bead list`), so that they do not read those twice.
    pub fn pair_sentences(&self, pair_id: i64) -> Result<(Vec<Sentence>, Vec<Sentence>)> {
        let pair = self.pair(pair_id)?;
        let source = self
            .sentences(pair.source_id)?
            .iter()
            .map(|s| s.to_sentence())
            .collect();
        let target = self
            .sentences(pair.article_id)?
            .iter()
            .map(|s| s.to_sentence())
            .collect();
        Ok((source, target))
    }

    /// A stored pair as an [`Analysis`]. Moves a reviewer rejected are left out (the two
    /// sentences do not render each other); dismissed flags only with `include_dismissed`.
    pub fn analysis(&self, pair_id: i64, include_dismissed: bool) -> Result<Analysis> {
        let (source, target) = self.pair_sentences(pair_id)?;
        let beads = self
            .beads(pair_id)?
            .into_iter()
            .map(|b| crate::align::Bead {
                src: b.src,
                tgt: b.tgt,
                score: b.score,
            })
            .collect();
        let moves = self
            .moves(pair_id)?
            .iter()
            .filter(|m| m.status != Status::Rejected)
            .map(|m| m.to_move())
            .collect();
        let flags = self
            .flags(&FlagFilter {
                pair: Some(pair_id),
                include_dismissed,
                ..Default::default()
            })?
            .into_iter()
            .map(|f| f.flag)
            .collect();
        Ok(Analysis {
            source,
            target,
            beads,
            moves,
            flags,
        })
    }
}
