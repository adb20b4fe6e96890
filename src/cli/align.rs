//! `tarjama align [PAIR...|--all]`: segment, align, flag and store. Re-running replaces the
//! automatic results of a pair and never overrides a review decision: confirmed and rejected
//! beads stay fixed (same sentences, same id, same status) and only the stretches between them
//! are re-aligned; a bead found again keeps its id; reviewed flags and moves keep their status
//! when found again, and confirmed moves stay.

use crate::align::{Bead, Fixed};
use crate::error::Result;
use crate::pipeline;
use crate::store::{BeadRow, Status, Tx};
use std::io::Write;
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
    let wanted: Vec<i64> = a
        .pairs
        .iter()
        .map(|p| super::parse_id("pair", p))
        .collect::<Result<_>>()?;
    let mut ws = super::open(db)?;
    // Every id is checked before the first pair is aligned, so that a typo aligns nothing.
    let (ids, (lexicon, used)) = ws.read(|tx| {
        let ids: Vec<i64> = if a.all {
            tx.pairs()?.iter().map(|p| p.id).collect()
        } else {
            for &id in &wanted {
                tx.pair(id)?;
            }
            wanted.clone()
        };
        Ok((ids, super::lexicons::of_workspace(tx, a.no_system_lexicon)?))
    })?;
    if ids.is_empty() {
        anyhow::bail!("no pairs to align (give pair ids, or --all; `tarjama pair` declares pairs)");
    }
    let encoder = a.model.load()?;
    let res = pipeline::Resources {
        lexicon: &lexicon,
        encoder: encoder.as_ref(),
    };
    let bar = super::progress(
        ids.len() as u64,
        "aligning",
        super::Steps::Count("pairs"),
        ids.len() > 1,
    );
    // Each pair is stored in a transaction of its own and reported the moment it is committed:
    // an interrupted `align --all` (Ctrl-C, kill, a full disk at pair 700) keeps the pairs
    // already done and its output says which they are; each pair holds its old results or its
    // new ones in full, never a mixture. Other commands may write between two pairs.
    let mut report = Some(std::io::stdout());
    for &id in &ids {
        bar.set_message(format!("pair {id}"));
        let found = ws.write(|tx| align_pair(tx, id, res))?;
        bar.inc(1);
        // Moves are named only when there are some: most pairs have none.
        let moves = match found.moves {
            0 => String::new(),
            1 => ", 1 moved pair".to_string(),
            n => format!(", {n} moved pairs"),
        };
        let line = format!(
            "pair {id}: {} beads, {} flags{moves}",
            found.beads, found.flags
        );
        if let Some(out) = &mut report {
            // A reader that went away (`align --all | head`) stops the report, not the work.
            match bar.suspend(|| writeln!(out, "{line}")) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => report = None,
                other => other.map_err(crate::Error::Output)?,
            }
        }
    }
    bar.finish_and_clear();
    // Last, so that a failed run's standard error is its one error line.
    eprintln!("{used}");
    Ok(())
}
