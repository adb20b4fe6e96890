//! `tarjama flags`: stored flags across the workspace.

use crate::flag::{FlagKind, Severity};
use crate::store::FlagFilter;
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tarjama flags --severity high\n  tarjama flags --kind number_mismatch --pair 3 --json"
)]
pub struct Args {
    /// Only this kind (insertion, omission, mistranslation, number_mismatch, date_mismatch,
    /// name_mismatch, negation_flip, reordered).
    #[arg(long, value_parser = |s: &str| FlagKind::parse(s).ok_or_else(|| format!("unknown flag kind '{s}'")))]
    pub kind: Option<FlagKind>,
    /// Only this severity (low, medium, high).
    #[arg(long, value_parser = |s: &str| Severity::parse(s).ok_or_else(|| format!("unknown severity '{s}'")))]
    pub severity: Option<Severity>,
    /// Only this pair.
    #[arg(long)]
    pub pair: Option<String>,
    /// Include dismissed flags.
    #[arg(long)]
    pub all: bool,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let pair = super::parse_pair_option(a.pair.as_deref())?;
    let mut ws = super::open(db)?;
    let rows = ws.read(|tx| {
        if let Some(p) = pair {
            tx.pair(p)?;
        }
        tx.flags(&FlagFilter {
            pair,
            kind: a.kind.map(|k| k.as_str().to_string()),
            severity: a.severity.map(|s| s.as_str().to_string()),
            include_dismissed: a.all,
        })
    })?;
    let mut out = super::stdout();
    if a.json {
        super::write_json_lines(&mut out, &rows, |e| {
            anyhow::Error::from(crate::Error::Output(e))
        })?;
    } else {
        for r in &rows {
            let place = match &r.flag.span {
                Some(s) => format!("{} {} «{}»", s.side.as_str(), s.sentence, s.text),
                None => {
                    let (side, i) = r.flag.anchor();
                    format!("{} {}", side.as_str(), i)
                }
            };
            writeln!(
                out,
                "flag {:<5} pair {:<4} {:<16} {:<6} {:<9} {}: {}",
                r.id,
                r.pair_id,
                r.flag.kind.as_str(),
                r.flag.severity.as_str(),
                r.status.as_str(),
                place,
                r.flag.reason
            )
            .map_err(crate::Error::Output)?;
        }
        if rows.is_empty() {
            writeln!(out, "no flags").map_err(crate::Error::Output)?;
        }
    }
    out.flush().map_err(crate::Error::Output)?;
    Ok(())
}
