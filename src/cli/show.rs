//! `tarjama show PAIR`: side-by-side terminal view of a pair's beads with their flags.

use crate::export::report::{self, Rtl};
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama show 1
  tarjama show 1 --rtl app     (if Arabic shows reversed in your terminal)
  tarjama show 1 --all | less -R")]
pub struct Args {
    /// Pair id.
    // "-1" reaches the id check ("unknown pair"), not clap's option parser.
    #[arg(allow_hyphen_values = true)]
    pub pair: String,
    /// How to show Arabic: `terminal` if your terminal does bidi, `app` if it does not.
    #[arg(long, value_enum, default_value_t = Rtl::Terminal)]
    pub rtl: Rtl,
    /// Include dismissed flags.
    #[arg(long)]
    pub all: bool,
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let (analysis, title) = super::load_aligned(db, &a.pair, a.all)?;
    let mut out = super::stdout();
    report::text(&analysis, &title, super::colour_enabled(), a.rtl, &mut out)
        .map_err(crate::Error::Output)?;
    out.flush().map_err(crate::Error::Output)?;
    Ok(())
}
