//! `tarjama list [documents|pairs|flags]`: what the workspace holds.

use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// Documents with their id, language, sentences and origin.
    Documents,
    /// Pairs with their documents, beads and flags.
    Pairs,
    /// Flags (as `tarjama flags`).
    Flags,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama list
  tarjama list pairs
  tarjama list documents --json | jq -r .origin")]
pub struct Args {
    /// What to list.
    #[arg(value_enum, default_value_t = What::Documents)]
    pub what: What,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

fn short(s: Option<&str>, n: usize) -> String {
    let s = s.unwrap_or("-");
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_string()
    }
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    if a.what == What::Flags {
        return super::flags::run(
            super::flags::Args {
                kind: None,
                severity: None,
                pair: None,
                all: false,
                json: a.json,
            },
            db,
        );
    }
    let mut ws = super::open(db)?;
    let mut out = super::stdout();
    match a.what {
        What::Documents => {
            let docs = ws.read(|tx| tx.documents())?;
            if a.json {
                super::write_json_lines(&mut out, &docs, anyhow::Error::from)?;
            } else {
                writeln!(
                    out,
                    "  id  lang sents  {:<40} {:<12} origin",
                    "title", "date"
                )?;
                for d in &docs {
                    writeln!(
                        out,
                        "{:>4}  {:<4} {:>5}  {:<40} {:<12} {}",
                        d.id,
                        d.lang,
                        d.sentences,
                        short(d.title.as_deref(), 40),
                        short(d.date.as_deref(), 12),
                        short(d.origin.as_deref(), 60)
                    )?;
                }
                if docs.is_empty() {
                    writeln!(out, "no documents; add some with `tarjama add FILE...`")?;
                }
            }
        }
        What::Pairs => {
            let pairs = ws.read(|tx| tx.pairs())?;
            if a.json {
                super::write_json_lines(&mut out, &pairs, anyhow::Error::from)?;
            } else {
                writeln!(out, "  id  article source  method   beads flags  aligned")?;
                for p in &pairs {
                    writeln!(
                        out,
                        "{:>4}  {:>7} {:>6}  {:<8} {:>5} {:>5}  {}",
                        p.id,
                        p.article_id,
                        p.source_id,
                        p.method,
                        p.beads,
                        p.flags,
                        p.aligned_at.as_deref().unwrap_or("not yet")
                    )?;
                }
                if pairs.is_empty() {
                    writeln!(
                        out,
                        "no pairs; declare one with `tarjama pair ARTICLE SOURCE`"
                    )?;
                }
            }
        }
        What::Flags => {}
    }
    out.flush()?;
    Ok(())
}
