//! `tarjama history PAIR` and `tarjama undo PAIR`: the review decision log.

use crate::review::actions;
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama history 1
  tarjama history 1 --json")]
pub struct Args {
    /// Pair id.
    // "-1" reaches the id check ("unknown pair"), not clap's option parser.
    #[arg(allow_hyphen_values = true)]
    pub pair: String,
    /// One JSON object per line (with the full before/after state).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama undo 1
  tarjama history 1     (what the next undo would revert is the last line not marked undone)")]
pub struct UndoArgs {
    /// Pair id.
    // "-1" reaches the id check ("unknown pair"), not clap's option parser.
    #[arg(allow_hyphen_values = true)]
    pub pair: String,
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let id = super::parse_id("pair", &a.pair)?;
    let mut ws = super::open(db)?;
    let rows = ws.read(|tx| {
        tx.pair(id)?;
        tx.decisions(id)
    })?;
    let mut out = super::stdout();
    if a.json {
        super::write_json_lines(&mut out, &rows, anyhow::Error::from)?;
    } else {
        for d in &rows {
            writeln!(
                out,
                "{:<5} {}  {:<12} {:<13} {}{}",
                d.id,
                d.at,
                d.reviewer,
                d.action,
                actions::describe_decision(&d.action, &d.detail),
                if d.undone { "  (undone)" } else { "" }
            )?;
        }
        if rows.is_empty() {
            writeln!(out, "no review decisions on pair {id}")?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn undo(a: UndoArgs, db: &Path) -> anyhow::Result<()> {
    let id = super::parse_id("pair", &a.pair)?;
    let mut ws = super::open(db)?;
    match actions::undo(&mut ws, id)? {
        Some(what) => println!("pair {id}: undid the last decision ({what})"),
        None => println!("pair {id}: nothing to undo"),
    }
    Ok(())
}
