//! `tarjama review PAIR`: the review TUI.

use crate::export::report::Rtl;
use crate::review::{actions, tui};
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tarjama review 1\n  tarjama review 1 --reviewer amira --rtl app\n\nKeys: ? shows them all. c confirm, x reject, m merge with next, s split,\n[ ] shift Arabic sentence, n next unconfirmed, f next flagged, a/d confirm/dismiss flag, u undo, q quit.\nEvery decision is saved the moment it is shown as done."
)]
pub struct Args {
    /// Pair id.
    // "-1" reaches the id check ("unknown pair"), not clap's option parser.
    #[arg(allow_hyphen_values = true)]
    pub pair: String,
    /// Name recorded with each decision (default: $USER).
    #[arg(long)]
    pub reviewer: Option<String>,
    /// `terminal` if your terminal does bidi (most do), `app` if Arabic shows reversed.
    #[arg(long, value_enum, default_value_t = Rtl::Terminal)]
    pub rtl: Rtl,
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let id = super::parse_id("pair", &a.pair)?;
    let mut ws = super::open(db)?;
    let n = ws.read(|tx| {
        tx.pair(id)?;
        Ok(tx.beads(id)?.len())
    })?;
    if n == 0 {
        anyhow::bail!("pair {id} is not aligned yet; run `tarjama align {id}`");
    }
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("review needs a terminal; use `tarjama bead ...` commands in scripts");
    }
    tui::run(
        &mut ws,
        id,
        actions::reviewer_name(a.reviewer.as_deref()),
        a.rtl,
    )?;
    Ok(())
}
