//! `tarjama flag confirm|dismiss ID`: review decisions on flags.

use crate::review::actions::{self, Action};
use crate::store::FlagStatus;
use std::path::Path;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Confirm a flag: the divergence is real.
    #[command(
        after_help = "Examples:\n  tarjama flag confirm 7\n  tarjama flag confirm 7 --note \"the source says 95 million\""
    )]
    Confirm {
        /// Flag id (`tarjama flags` shows them).
        id: i64,
        /// Why, kept with the decision.
        #[arg(long)]
        note: Option<String>,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Dismiss a flag: not a divergence. Dismissed flags drop out of reports unless --all.
    #[command(
        after_help = "Examples:\n  tarjama flag dismiss 8\n  tarjama flag dismiss 8 --note \"usual rendering of the title\""
    )]
    Dismiss {
        /// Flag id (`tarjama flags` shows them).
        id: i64,
        /// Why, kept with the decision.
        #[arg(long)]
        note: Option<String>,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
}

pub fn run(c: Command, db: &Path) -> anyhow::Result<()> {
    let (id, status, note, reviewer) = match c {
        Command::Confirm { id, note, reviewer } => (id, FlagStatus::Confirmed, note, reviewer),
        Command::Dismiss { id, note, reviewer } => (id, FlagStatus::Dismissed, note, reviewer),
    };
    let mut ws = super::open(db)?;
    let who = actions::reviewer_name(reviewer.as_deref());
    let pair = actions::apply(&mut ws, &who, &Action::Flag(id, status, note))?;
    println!("flag {id} (pair {pair}): {} by {who}", status.as_str());
    Ok(())
}
