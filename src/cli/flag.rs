//! `tarjama flag confirm|dismiss ID`: review decisions on flags.

use crate::review::actions::{self, Action};
use crate::store::FlagStatus;
use std::path::Path;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Confirm a flag: the divergence is real.
    Confirm {
        id: i64,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Dismiss a flag: not a divergence. Dismissed flags drop out of reports unless --all.
    Dismiss {
        id: i64,
        #[arg(long)]
        note: Option<String>,
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
