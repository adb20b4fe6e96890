//! `tarjama pair ARTICLE SOURCE`: declare that an Arabic article renders an English source.

use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Document ids are shown by `tarjama add` and `tarjama list documents`.\nThen run `tarjama align PAIR` to align it."
)]
pub struct Args {
    /// Id of the Arabic article.
    pub article: String,
    /// Id of the English source it renders.
    pub source: String,
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let article = super::parse_id("document", &a.article)?;
    let source = super::parse_id("document", &a.source)?;
    let mut ws = super::open(db)?;
    let (id, new) = ws.write(|tx| tx.add_pair(article, source, "manual", None))?;
    if new {
        println!("pair {id}: article {article} renders source {source}");
    } else {
        println!("pair {id} already declares article {article} ⇄ source {source}");
    }
    Ok(())
}
