//! `tarjama init`: create a workspace.

use crate::store::Workspace;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama init
  tarjama --db ~/corpus/news.db init
  TARJAMA_DB=~/corpus/news.db tarjama init

The workspace is one SQLite file: ./tarjama.db unless --db or TARJAMA_DB says otherwise.")]
pub struct Args {}

pub fn run(_a: Args, db: &Path) -> anyhow::Result<()> {
    let (_, created) = Workspace::create(db)?;
    if created {
        println!("created workspace {}", db.display());
    } else {
        println!("workspace {} already exists; nothing changed", db.display());
    }
    Ok(())
}
