//! `tarjama search QUERY`: bilingual concordance over the workspace (full-text index on the
//! normalised sentences), each hit with the aligned sentence of the other language.

use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find (Arabic matches regardless of hamza forms, diacritics and tatweel).
    pub query: String,
}

pub fn run(a: Args, _db: &Path) -> anyhow::Result<()> {
    anyhow::bail!("search is not available yet (query: {})", a.query)
}
