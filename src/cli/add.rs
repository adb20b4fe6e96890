//! `tarjama add FILE...`: ingest documents.

use crate::ingest::{self, Format};
use crate::segment;
use crate::store::NewDocument;
use crate::text::Lang;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tarjama add statement.html --lang en --outlet defense.gov\n  tarjama add article.txt --title \"JSCD readout (Alsaymar)\" --date 2023-08-08"
)]
pub struct Args {
    /// Files to add (.txt, .md, .html, .json; a JSON array adds several documents).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Language of the files; detected from the script when absent.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Input format; from the file extension when absent.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[arg(long)]
    pub title: Option<String>,
    /// Publication date (free text, ISO 8601 recommended).
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub outlet: Option<String>,
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language '{s}' (use ar or en)"))
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    // Read and check every file before touching the workspace.
    let mut docs = Vec::new();
    for f in &a.files {
        for d in ingest::read(f, a.format)? {
            let lang = ingest::language(&d, a.lang)?;
            let sentences = segment::segment(&d.text, lang);
            docs.push((d, lang, sentences));
        }
    }
    let mut ws = super::open(db)?;
    let results = ws.write(|tx| {
        let mut out = Vec::new();
        for (d, lang, sentences) in &docs {
            let title = a.title.as_deref().or(d.title.as_deref());
            let (id, new) = tx.add_document(&NewDocument {
                lang: *lang,
                title,
                date: a.date.as_deref().or(d.date.as_deref()),
                url: a.url.as_deref().or(d.url.as_deref()),
                outlet: a.outlet.as_deref().or(d.outlet.as_deref()),
                origin: &d.origin,
                raw_text: &d.text,
                sentences,
            })?;
            out.push((id, new, *lang, sentences.len(), d.origin.clone()));
        }
        Ok(out)
    })?;
    for (id, new, lang, n, origin) in results {
        if new {
            println!("added document {id} ({lang}, {n} sentences): {origin}");
        } else {
            println!("already stored as document {id}: {origin} (same content; not added again)");
        }
    }
    Ok(())
}
