//! `tarjama align [PAIR...|--all]`: segment, align, flag and store. Re-running replaces the
//! automatic results of a pair and never overrides a review decision: confirmed and rejected
//! beads stay fixed (same sentences, same id, same status) and only the stretches between them
//! are re-aligned; a bead found again keeps its id; reviewed flags and moves keep their status
//! when found again, and confirmed moves stay.

use crate::align::{Bead, Fixed};
use crate::error::Result;
use crate::pipeline;
use crate::store::{BeadRow, Status, Tx};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tarjama align 1\n  tarjama align --all")]
pub struct Args {
    /// Pair ids to align.
    pub pairs: Vec<String>,
    /// Align every pair in the workspace.
    #[arg(long, conflicts_with = "pairs")]
    pub all: bool,
    /// Do not use the system's FreeDict dictionaries (/usr/share/dictd) even when installed;
    /// the built-in glossary and the workspace's imported lexicons are always used.
    #[arg(long, env = "TARJAMA_NO_SYSTEM_LEXICON", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_system_lexicon: bool,
    #[command(flatten)]
    pub model: super::ModelArgs,
}

/// The lexicon `align` and `check` use: the workspace's (built-in glossary and imported
/// dictionaries, or the built-in one alone), plus the system's FreeDict unless turned off — so
/// that `check` and `align` of the same files give the same flags.
pub fn lexicon_with_system(
    mut lexicon: crate::anchors::lexicon::Lexicon,
    no_system: bool,
) -> Result<crate::anchors::lexicon::Lexicon> {
    if !no_system {
        crate::anchors::dictionaries::add_files(
            &mut lexicon,
            &crate::anchors::dictionaries::system_freedict(),
        )?;
    }
    Ok(lexicon)
}

/// Reviewed beads (confirmed or rejected) as fixed spans of sentence indices: re-alignment keeps
/// them as they are.
pub fn fixed_from(beads: &[BeadRow]) -> Vec<Fixed> {
    let (mut si, mut ti) = (0usize, 0usize);
    let mut out = Vec::new();
    for b in beads {
        let s0 = b.src.first().copied().unwrap_or(si);
        let t0 = b.tgt.first().copied().unwrap_or(ti);
        let s1 = b.src.last().map(|x| x + 1).unwrap_or(s0);
        let t1 = b.tgt.last().map(|x| x + 1).unwrap_or(t0);
        if b.status != Status::Automatic {
            out.push(Fixed {
                src: s0..s1,
                tgt: t0..t1,
            });
        }
        si = s1.max(si);
        ti = t1.max(ti);
    }
    out
}

/// The status and score to store for a bead alignment found: a bead with the sentences of a
/// reviewed bead keeps its status (a confirmed one has score 1, as every fixed bead; a rejected
/// one keeps the score it had, the aligner's confidence in it when it was proposed); any other
/// is automatic.
fn reviewed_status(b: &Bead, stored: &[BeadRow]) -> (Status, f64) {
    match stored
        .iter()
        .find(|s| s.status != Status::Automatic && s.src == b.src && s.tgt == b.tgt)
    {
        Some(s) if s.status == Status::Rejected => (Status::Rejected, s.score),
        Some(s) => (s.status, b.score),
        None => (Status::Automatic, b.score),
    }
}

/// What aligning a pair found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aligned {
    pub beads: usize,
    /// Moved and repeated sentence pairs found beside the beads.
    pub moves: usize,
    pub flags: usize,
}

/// Aligns one stored pair and stores its beads, moves and flags (in the caller's transaction).
pub fn align_pair(tx: &Tx, pair_id: i64, res: pipeline::Resources) -> Result<Aligned> {
    let pair = tx.pair(pair_id)?;
    let src_rows = tx.sentences(pair.source_id)?;
    let tgt_rows = tx.sentences(pair.article_id)?;
    let stored = tx.beads(pair_id)?;
    let fixed = fixed_from(&stored);
    let analysis = pipeline::analyse(
        src_rows.iter().map(|s| s.to_sentence()).collect(),
        tgt_rows.iter().map(|s| s.to_sentence()).collect(),
        res,
        &fixed,
    );
    let with_status: Vec<(Bead, Status)> = analysis
        .beads
        .iter()
        .map(|b| {
            let (status, score) = reviewed_status(b, &stored);
            (Bead { score, ..b.clone() }, status)
        })
        .collect();
    let src_ids: Vec<i64> = src_rows.iter().map(|s| s.id).collect();
    let tgt_ids: Vec<i64> = tgt_rows.iter().map(|s| s.id).collect();
    tx.store_beads(pair_id, &with_status, &src_ids, &tgt_ids)?;
    tx.store_moves(pair_id, &analysis.moves, &src_ids, &tgt_ids)?;
    tx.store_flags(pair_id, &analysis.flags, &src_ids, &tgt_ids)?;
    tx.mark_aligned(pair_id)?;
    Ok(Aligned {
        beads: analysis.beads.len(),
        moves: analysis.moves.len(),
        flags: analysis.flags.len(),
    })
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let mut ws = super::open(db)?;
    let ids: Vec<i64> = if a.all {
        ws.read(|tx| Ok(tx.pairs()?.iter().map(|p| p.id).collect()))?
    } else {
        a.pairs
            .iter()
            .map(|p| super::parse_id("pair", p))
            .collect::<Result<_>>()?
    };
    if ids.is_empty() {
        anyhow::bail!("no pairs to align (give pair ids, or --all; `tarjama pair` declares pairs)");
    }
    let bar = if ids.len() > 1 {
        let b = ProgressBar::new(ids.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} pairs {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let encoder = a.model.load()?;
    let results = ws.write(|tx| {
        let lexicon = lexicon_with_system(tx.lexicon()?, a.no_system_lexicon)?;
        let res = pipeline::Resources {
            lexicon: &lexicon,
            encoder: encoder.as_ref(),
        };
        let mut out = Vec::new();
        for &id in &ids {
            bar.set_message(format!("pair {id}"));
            let r = align_pair(tx, id, res)?;
            out.push((id, r));
            bar.inc(1);
        }
        Ok(out)
    })?;
    bar.finish_and_clear();
    for (id, found) in results {
        // Moves are named only when there are some: most pairs have none.
        let moves = match found.moves {
            0 => String::new(),
            1 => ", 1 moved pair".to_string(),
            n => format!(", {n} moved pairs"),
        };
        println!(
            "pair {id}: {} beads, {} flags{moves}",
            found.beads, found.flags
        );
    }
    Ok(())
}
