//! `tarjama lexicon import|learn|list|remove`: bilingual dictionaries kept in the workspace.

use crate::anchors::dictionaries::{self, DictFormat};
use crate::anchors::learn;
use crate::anchors::lexicon::Lexicon;
use crate::store::{Status, Tx};
use std::io::Write;
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
    /// Learn word translations from the workspace's confident beads (IBM Model 1, both
    /// directions) and store them as a lexicon that the next `align` uses.
    #[command(
        long_about = "Learn word translations from the workspace's confident beads and store them as a lexicon.\n\nA corpus of a genre the built-in glossary does not cover first aligns mostly on sentence length; its confident beads still show which Arabic word renders which English word. `learn` estimates word translation probabilities from them (IBM Model 1 in both directions, a pair kept when each word is among the best translations of the other and they share at least two beads), stores the pairs as a workspace lexicon (re-learning replaces it) and the next `tarjama align` uses them.",
        after_help = "Examples:\n  tarjama align --all && tarjama lexicon learn && tarjama align --all\n  tarjama lexicon learn --min-score 0.9 --out learned.tsv\n  tarjama check en.txt ar.txt --lexicon learned.tsv"
    )]
    Learn {
        /// Use automatic beads whose probability of being right is at least this (confirmed
        /// beads are always used, rejected ones never).
        #[arg(long, default_value_t = 0.8, value_name = "P")]
        min_score: f64,
        /// Name to store the learned entries under; re-learning under a name replaces it.
        #[arg(long, default_value = "learned")]
        name: String,
        /// Also write the pairs as a TSV dictionary (english<TAB>arabic), for `check --lexicon`.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the pairs learned (with co-occurrences and probabilities) to standard output.
        #[arg(long)]
        show: bool,
    },
    /// List imported and learned dictionaries.
    #[command(after_help = "Example:\n  tarjama lexicon list")]
    List,
    /// Remove an imported or learned dictionary from the workspace.
    #[command(after_help = "Example:\n  tarjama lexicon remove learned")]
    Remove {
        /// The name shown by `tarjama lexicon list`.
        name: String,
    },
}

/// The beads a lexicon is learned from: confirmed ones, and automatic ones at least `min_score`
/// likely, with text on both sides and at most three sentences a side (a long merged bead pairs
/// every word with every other and teaches little).
fn confident_beads(tx: &Tx, min_score: f64) -> crate::Result<(Vec<(String, String)>, usize)> {
    const MAX_SENTENCES_PER_SIDE: usize = 3;
    let mut out = Vec::new();
    let pairs = tx.pairs()?;
    let mut used_pairs = 0;
    for p in &pairs {
        let beads = tx.beads(p.id)?;
        if beads.is_empty() {
            continue;
        }
        let src = tx.sentences(p.source_id)?;
        let tgt = tx.sentences(p.article_id)?;
        let before = out.len();
        for b in beads {
            let trusted = match b.status {
                Status::Confirmed => true,
                Status::Rejected => false,
                Status::Automatic => b.score >= min_score,
            };
            let sizes = (b.src.len(), b.tgt.len());
            if !trusted
                || sizes.0 == 0
                || sizes.1 == 0
                || sizes.0 > MAX_SENTENCES_PER_SIDE
                || sizes.1 > MAX_SENTENCES_PER_SIDE
            {
                continue;
            }
            let join = |rows: &[crate::store::SentenceRow], ids: &[usize]| {
                ids.iter()
                    .filter_map(|&i| rows.get(i).map(|r| r.text.as_str()))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            out.push((join(&src, &b.src), join(&tgt, &b.tgt)));
        }
        if out.len() > before {
            used_pairs += 1;
        }
    }
    Ok((out, used_pairs))
}

fn write_tsv(path: &Path, db: &Path, pairs: &[learn::LearnedPair]) -> anyhow::Result<()> {
    let (w, pending) = super::create_output(path, db)?;
    let mut f = std::io::BufWriter::new(w);
    writeln!(
        f,
        "# learned by `tarjama lexicon learn`: english<TAB>arabic"
    )
    .map_err(crate::Error::Output)?;
    for p in pairs {
        writeln!(f, "{}\t{}", p.en, p.ar).map_err(crate::Error::Output)?;
    }
    f.flush().map_err(crate::Error::Output)?;
    drop(f);
    pending.commit()?;
    Ok(())
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
        Command::Learn {
            min_score,
            name,
            out,
            show,
        } => {
            if !(0.0..=1.0).contains(&min_score) {
                anyhow::bail!(
                    "--min-score must be between 0 and 1 (a bead's probability of being right), got {min_score}"
                );
            }
            let mut ws = super::open(db)?;
            let (beads, n_pairs) = ws.read(|tx| confident_beads(tx, min_score))?;
            if beads.is_empty() {
                anyhow::bail!(
                    "no confident beads to learn from (align pairs first with `tarjama align --all`, or lower --min-score)"
                );
            }
            let learned = learn::learn(
                beads.iter().map(|(e, a)| (e.as_str(), a.as_str())),
                Lexicon::builtin(),
            );
            if let Some(path) = &out {
                write_tsv(path, db, &learned)?;
            }
            let entries: Vec<(String, String)> = learned
                .iter()
                .map(|p| (p.en.clone(), p.ar.clone()))
                .collect();
            ws.write(|tx| tx.import_lexicon(&name, &entries))?;
            if show {
                let mut so = super::stdout();
                for p in &learned {
                    writeln!(
                        so,
                        "{}\t{}\t{}\t{:.2}\t{:.2}",
                        p.en, p.ar, p.cooccurrences, p.p_ar_given_en, p.p_en_given_ar
                    )?;
                }
            }
            eprintln!(
                "learned {} word pairs from {} beads of {} pairs; stored as '{name}' (the next `tarjama align` uses them{})",
                learned.len(),
                beads.len(),
                n_pairs,
                out.as_ref()
                    .map(|p| format!("; also written to {}", p.display()))
                    .unwrap_or_default()
            );
        }
        Command::Remove { name } => {
            let mut ws = super::open(db)?;
            let removed = ws.write(|tx| tx.remove_lexicon(&name))?;
            if removed == 0 {
                anyhow::bail!(
                    "no dictionary named '{name}' in this workspace (`tarjama lexicon list` shows them)"
                );
            }
            println!("removed '{name}' ({removed} entries)");
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
