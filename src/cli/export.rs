//! `tarjama export`: aligned beads as parallel data.

use crate::export::{jsonl::Jsonl, moses::Moses, tsv::Tsv, ExportRow, Sink};
use crate::store::FlagFilter;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Tsv,
    Jsonl,
    Moses,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tarjama export --format tsv > corpus.tsv\n  tarjama export --format moses --out corpus   (writes corpus.en and corpus.ar)\n  tarjama export --format jsonl --pair 1 --pair 2 --out beads.jsonl"
)]
pub struct Args {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (for moses: the prefix of PREFIX.en and PREFIX.ar). Standard output if absent.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Only these pairs (repeatable).
    #[arg(long)]
    pub pair: Vec<String>,
    /// Also export insertions and omissions (one side empty).
    #[arg(long)]
    pub include_unaligned: bool,
}

fn create(p: &Path) -> anyhow::Result<BufWriter<File>> {
    Ok(BufWriter::new(
        File::create(p).map_err(|e| crate::Error::io(p, e))?,
    ))
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let wanted: Vec<i64> = a
        .pair
        .iter()
        .map(|p| super::parse_id("pair", p))
        .collect::<crate::Result<_>>()?;
    if a.format == ExportFormat::Moses && a.out.is_none() {
        anyhow::bail!("moses export needs --out PREFIX (it writes PREFIX.en and PREFIX.ar)");
    }
    let mut ws = super::open(db)?;
    // Check the pair ids before creating any output file.
    let pairs = ws.read(|tx| {
        if wanted.is_empty() {
            Ok(tx.pairs()?)
        } else {
            wanted.iter().map(|&p| tx.pair(p)).collect()
        }
    })?;
    let mut sink: Box<dyn Sink> = match (a.format, &a.out) {
        (ExportFormat::Moses, Some(prefix)) => {
            let en = PathBuf::from(format!("{}.en", prefix.display()));
            let ar = PathBuf::from(format!("{}.ar", prefix.display()));
            Box::new(Moses::new(
                Box::new(create(&en)?) as Box<dyn Write>,
                Box::new(create(&ar)?) as Box<dyn Write>,
            ))
        }
        (f, out) => {
            let w: Box<dyn Write> = match out {
                Some(p) => Box::new(create(p)?),
                None => Box::new(super::stdout()),
            };
            match f {
                ExportFormat::Tsv => Box::new(Tsv::new(w)),
                _ => Box::new(Jsonl::new(w)),
            }
        }
    };
    let (mut written, mut skipped) = (0usize, 0usize);
    ws.read(|tx| {
        for p in &pairs {
            let src = tx.sentences(p.source_id)?;
            let tgt = tx.sentences(p.article_id)?;
            let article = tx.document(p.article_id)?;
            let flags = tx.flags(&FlagFilter {
                pair: Some(p.id),
                ..Default::default()
            })?;
            for b in tx.beads(p.id)? {
                if (b.src.is_empty() || b.tgt.is_empty()) && !a.include_unaligned {
                    skipped += 1;
                    continue;
                }
                let join = |rows: &[crate::store::SentenceRow], ids: &[usize]| {
                    ids.iter()
                        .filter_map(|&i| rows.get(i).map(|r| r.text.as_str()))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let kinds: Vec<String> = flags
                    .iter()
                    .filter(|f| {
                        f.flag.tgt.iter().any(|t| b.tgt.contains(t))
                            || (f.flag.tgt.is_empty()
                                && f.flag.src.iter().any(|s| b.src.contains(s)))
                    })
                    .map(|f| f.flag.kind.as_str().to_string())
                    .collect();
                let row = ExportRow {
                    pair: p.id,
                    bead: b.id,
                    source: join(&src, &b.src),
                    target: join(&tgt, &b.tgt),
                    src_ids: b.src,
                    tgt_ids: b.tgt,
                    score: b.score,
                    status: b.status.as_str().to_string(),
                    flags: kinds,
                    article: p.article_id,
                    source_document: p.source_id,
                    outlet: article.outlet.clone(),
                    date: article.date.clone(),
                };
                sink.write(&row).map_err(crate::Error::Output)?;
                written += 1;
            }
        }
        Ok(())
    })?;
    sink.finish().map_err(crate::Error::Output)?;
    eprintln!(
        "exported {written} beads from {} pairs{}",
        pairs.len(),
        if skipped > 0 {
            format!("; {skipped} unaligned beads left out (--include-unaligned keeps them)")
        } else {
            String::new()
        }
    );
    Ok(())
}
