//! `tarjama lexicon import|list`: bilingual dictionaries kept in the workspace.

use crate::anchors::dictionaries::{self, DictFormat};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Import dictionaries (FreeDict dictd, Buckwalter stem list, TSV) into the workspace.
    #[command(
        after_help = "Examples:\n  tarjama lexicon import /usr/share/dictd/freedict-ara-eng.index\n  tarjama lexicon import my-glossary.tsv --name newsroom"
    )]
    Import {
        /// Dictionary files (.index of a dictd pair, dictStems, .tsv).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Format; guessed from the file name when absent.
        #[arg(long, value_enum)]
        format: Option<DictFormat>,
        /// Name to store the entries under (default: the file name). Re-importing a name replaces it.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        encoding: super::EncodingArgs,
    },
    /// List imported dictionaries.
    List,
}

pub fn run(c: Command, db: &Path) -> anyhow::Result<()> {
    match c {
        Command::Import {
            files,
            format,
            name,
            encoding,
        } => {
            let mut loaded = Vec::new();
            for f in &files {
                let entries = dictionaries::read(f, format, encoding.encoding)?;
                let origin = name.clone().unwrap_or_else(|| {
                    f.file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_else(|| f.display().to_string())
                });
                loaded.push((origin, entries));
            }
            let mut ws = super::open(db)?;
            let counts = ws.write(|tx| {
                loaded
                    .iter()
                    .map(|(o, e)| Ok((o.clone(), tx.import_lexicon(o, e)?)))
                    .collect::<crate::Result<Vec<_>>>()
            })?;
            for (o, n) in counts {
                println!("imported {n} entries as '{o}'");
            }
        }
        Command::List => {
            let mut ws = super::open(db)?;
            let rows = ws.read(|tx| tx.lexicons())?;
            println!(
                "built-in glossary: {} entries",
                crate::anchors::lexicon::Lexicon::builtin().len()
            );
            for (o, n) in rows {
                println!("{o}: {n} entries");
            }
        }
    }
    Ok(())
}
