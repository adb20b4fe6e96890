//! `tarjama report PAIR`: the fact-check report of a stored pair.

use crate::cli::check::ReportFormat;
use crate::export::report::{self, Rtl};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tarjama report 1\n  tarjama report 1 --format html --out report.html\n  tarjama report 1 --format json | jq '.flags[] | select(.severity == \"high\")'"
)]
pub struct Args {
    /// Pair id.
    // "-1" reaches the id check ("unknown pair"), not clap's option parser.
    #[arg(allow_hyphen_values = true)]
    pub pair: String,
    /// Output format: text for the terminal, html for a browser, json for programs (the schema
    /// of `check --format json`, README.md).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// How to show Arabic in the terminal (text format).
    #[arg(long, value_enum, default_value_t = Rtl::Terminal)]
    pub rtl: Rtl,
    /// Include dismissed flags.
    #[arg(long)]
    pub all: bool,
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let (analysis, title) = super::load_aligned(db, &a.pair, a.all)?;
    let (mut sink, pending): (Box<dyn Write>, _) = match &a.out {
        Some(p) => {
            let (w, pending) = super::create_output(p, db)?;
            (Box::new(w), Some(pending))
        }
        None => (Box::new(super::stdout()), None),
    };
    let colour = a.out.is_none() && super::colour_enabled();
    match a.format {
        ReportFormat::Json => report::json(&analysis, &mut sink),
        ReportFormat::Text => report::text(&analysis, &title, colour, a.rtl, &mut sink),
        ReportFormat::Html => report::html(&analysis, &title, &mut sink),
    }
    .map_err(crate::Error::Output)?;
    sink.flush().map_err(crate::Error::Output)?;
    drop(sink);
    // Only a complete report replaces the file; an error above leaves it as it was.
    if let (Some(p), Some(pending)) = (&a.out, pending) {
        pending.commit()?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}
