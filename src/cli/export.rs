//! `tarjama export`: aligned beads as parallel data (TSV, JSONL, Moses, TMX, XLIFF), filtered.
//!
//! Beads are read pair by pair and written as they are read, so memory holds a couple of pairs at
//! a time whatever the size of the workspace (`--dedupe` adds 8 bytes per exported bead).

use crate::error::Error;
use crate::export::filters::{Candidate, Filters, FlagExclusion, Removed, Selector};
use crate::export::{
    jsonl::Jsonl, moses::Moses, tmx::Tmx, tsv::Tsv, xliff::Xliff, ExportRow, Sink,
};
use crate::flag::{Flag, FlagKind};
use crate::store::{BeadRow, FlagFilter, FlagRow, PairRow, SentenceRow, Status, Tx, Workspace};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// English, Arabic, score, status, pair: one bead per line.
    Tsv,
    /// One JSON object per bead, with sentence ids, flags and document metadata.
    Jsonl,
    /// PREFIX.en and PREFIX.ar, line-aligned (needs --out PREFIX).
    Moses,
    /// TMX 1.4b translation memory.
    Tmx,
    /// XLIFF 2.1.
    Xliff,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama export --format tsv > corpus.tsv
  tarjama export --format moses --out corpus   (writes corpus.en and corpus.ar)
  tarjama export --format jsonl --pair 1 --pair 2 --out beads.jsonl
  tarjama export --format tmx --status confirmed --out reviewed.tmx
  tarjama export --format xliff --min-score 0.8 --exclude-flagged --out clean.xlf
  tarjama export --format tsv --exclude-flagged insertion,omission --dedupe --max-length-ratio 3

Filters apply in this order, and the summary on standard error counts each left-out bead under
the first filter that dropped it: unaligned, --status, --min-score, --exclude-flagged,
--max-length-ratio, --dedupe.")]
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
    /// Only beads with this review status (repeatable).
    #[arg(long, value_enum)]
    pub status: Vec<Status>,
    /// Only beads whose alignment score is at least X (0 to 1).
    #[arg(long, value_name = "X")]
    pub min_score: Option<f64>,
    /// Leave out beads with open or confirmed flags: any flag without a value, else only flags of
    /// the kinds given (comma-separated, e.g. insertion,number_mismatch).
    #[arg(long, num_args = 0.., value_delimiter = ',', value_name = "KIND", value_parser = parse_kind)]
    pub exclude_flagged: Option<Vec<FlagKind>>,
    /// Leave out beads whose normalised English and Arabic were already exported.
    #[arg(long)]
    pub dedupe: bool,
    /// Leave out beads where one side is more than R times longer (in characters) than the other.
    #[arg(long, value_name = "R")]
    pub max_length_ratio: Option<f64>,
}

fn parse_kind(s: &str) -> Result<FlagKind, String> {
    FlagKind::parse(s.trim()).ok_or_else(|| {
        let kinds: Vec<&str> = FlagKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown flag kind '{s}' (one of: {})", kinds.join(", "))
    })
}

impl Args {
    /// The filters, checked: a bad threshold is refused before any file is created.
    pub fn filters(&self) -> anyhow::Result<Filters> {
        if let Some(m) = self.min_score {
            anyhow::ensure!(m.is_finite(), "--min-score must be a number, got {m}");
        }
        if let Some(r) = self.max_length_ratio {
            anyhow::ensure!(
                r.is_finite() && r >= 1.0,
                "--max-length-ratio must be a number of at least 1 (longer side over shorter side), got {r}"
            );
        }
        Ok(Filters {
            include_unaligned: self.include_unaligned,
            statuses: self.status.clone(),
            min_score: self.min_score,
            exclude_flagged: match &self.exclude_flagged {
                None => FlagExclusion::Keep,
                Some(k) if k.is_empty() => FlagExclusion::Any,
                Some(k) => FlagExclusion::Kinds(k.clone()),
            },
            max_length_ratio: self.max_length_ratio,
            dedupe: self.dedupe,
        })
    }
}

/// Where the beads go: a line format ([`Sink`]) or an XML format that also carries the flags.
pub enum Output {
    Lines(Box<dyn Sink>),
    Tmx(Tmx<Box<dyn Write>>),
    Xliff(Xliff<Box<dyn Write>>),
}

impl Output {
    /// An output of `format` writing to `w` (not for Moses, which needs two files).
    pub fn new(format: ExportFormat, w: Box<dyn Write>) -> io::Result<Output> {
        Ok(match format {
            ExportFormat::Tsv => Output::Lines(Box::new(Tsv::new(w))),
            ExportFormat::Jsonl | ExportFormat::Moses => Output::Lines(Box::new(Jsonl::new(w))),
            ExportFormat::Tmx => Output::Tmx(Tmx::new(w)?),
            ExportFormat::Xliff => Output::Xliff(Xliff::new(w)?),
        })
    }

    pub fn write(&mut self, row: &ExportRow, flags: &[&Flag]) -> io::Result<()> {
        match self {
            Output::Lines(s) => s.write(row),
            Output::Tmx(t) => t.write(row, flags),
            Output::Xliff(x) => x.write(row, flags),
        }
    }

    /// Ends the document and flushes. Returns false for an XLIFF document left without a
    /// `<file>` (nothing exported), which XLIFF readers will refuse.
    pub fn finish(&mut self) -> io::Result<bool> {
        match self {
            Output::Lines(s) => s.finish().map(|_| true),
            Output::Tmx(t) => t.finish().map(|_| true),
            Output::Xliff(x) => x.finish().map(|files| files > 0),
        }
    }
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
    let filters = a.filters()?;
    let mut ws = super::open(db)?;
    // Check the pair ids before creating any output file.
    let pairs = ws.read(|tx| {
        if wanted.is_empty() {
            Ok(tx.pairs()?)
        } else {
            wanted.iter().map(|&p| tx.pair(p)).collect()
        }
    })?;
    let mut out = match (a.format, &a.out) {
        (ExportFormat::Moses, Some(prefix)) => {
            let en = PathBuf::from(format!("{}.en", prefix.display()));
            let ar = PathBuf::from(format!("{}.ar", prefix.display()));
            Output::Lines(Box::new(Moses::new(
                Box::new(create(&en)?) as Box<dyn Write>,
                Box::new(create(&ar)?) as Box<dyn Write>,
            )))
        }
        (format, out) => {
            let w: Box<dyn Write> = match out {
                Some(p) => Box::new(create(p)?),
                None => Box::new(super::stdout()),
            };
            Output::new(format, w).map_err(Error::Output)?
        }
    };
    let mut selector = Selector::new(filters);
    let written = export(&mut ws, &pairs, &mut selector, &mut out)?;
    let complete = out.finish().map_err(Error::Output)?;
    eprintln!(
        "{}",
        summary(
            written,
            pairs.len(),
            &selector.removed(),
            a.out.as_deref().filter(|_| a.format == ExportFormat::Moses)
        )
    );
    if !complete {
        eprintln!("tarjama: warning: nothing was exported, so the XLIFF document has no <file> element (XLIFF requires one)");
    }
    Ok(())
}

/// The closing line: how many beads were exported and how many each filter left out.
pub fn summary(written: usize, pairs: usize, removed: &Removed, moses: Option<&Path>) -> String {
    let mut s = format!(
        "exported {written} beads from {pairs} pair{}",
        if pairs == 1 { "" } else { "s" }
    );
    if let Some(prefix) = moses {
        let p = prefix.display();
        s.push_str(&format!(" to {p}.en and {p}.ar"));
    }
    let phrases = removed.phrases();
    if !phrases.is_empty() {
        s.push_str(&format!(
            "; {} left out: {}",
            removed.total(),
            phrases.join(", ")
        ));
    }
    s
}

/// Everything stored for one pair that its export needs.
pub struct PairData {
    pub pair_id: i64,
    pub article_id: i64,
    pub source_id: i64,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub src: Vec<SentenceRow>,
    pub tgt: Vec<SentenceRow>,
    pub beads: Vec<BeadRow>,
    pub flags: Vec<FlagRow>,
}

/// Reads one pair (sentences of both documents, beads, undismissed flags).
pub fn read_pair(tx: &Tx, p: &PairRow) -> crate::Result<PairData> {
    let article = tx.document(p.article_id)?;
    Ok(PairData {
        pair_id: p.id,
        article_id: p.article_id,
        source_id: p.source_id,
        outlet: article.outlet,
        date: article.date,
        src: tx.sentences(p.source_id)?,
        tgt: tx.sentences(p.article_id)?,
        beads: tx.beads(p.id)?,
        flags: tx.flags(&FlagFilter {
            pair: Some(p.id),
            ..Default::default()
        })?,
    })
}

/// Exports `pairs`: one thread reads the workspace pair by pair while this one filters and
/// writes, so reading (SQLite) and writing overlap. At most two pairs wait between them: memory
/// stays bounded by the largest pair, whatever the number of pairs. Returns the beads written.
pub fn export(
    ws: &mut Workspace,
    pairs: &[PairRow],
    selector: &mut Selector,
    out: &mut Output,
) -> crate::Result<usize> {
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<PairData>(2);
        let reader = scope.spawn(move || {
            ws.read(|tx| {
                for p in pairs {
                    // A closed channel means the writer stopped (an error it reports itself).
                    if send.send(read_pair(tx, p)?).is_err() {
                        break;
                    }
                }
                Ok(())
            })
        });
        let mut written = 0;
        let mut wrote = Ok(());
        for data in receive.iter() {
            match write_pair(&data, selector, out) {
                Ok(n) => written += n,
                Err(e) => {
                    wrote = Err(e);
                    break;
                }
            }
        }
        // Unblocks the reader if the writer stopped early.
        drop(receive);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        wrote?;
        read?;
        Ok(written)
    })
}

/// Filters and writes the beads of one pair; returns how many were written.
pub fn write_pair(d: &PairData, selector: &mut Selector, out: &mut Output) -> crate::Result<usize> {
    let mut written = 0;
    let of_bead = flags_by_bead(&d.beads, &d.flags, d.src.len(), d.tgt.len());
    for (b, flag_ids) in d.beads.iter().zip(of_bead) {
        let bead_flags: Vec<&Flag> = flag_ids.iter().map(|&f| &d.flags[f].flag).collect();
        let kinds: Vec<FlagKind> = bead_flags.iter().map(|f| f.kind).collect();
        let source = join(&d.src, &b.src);
        let target = join(&d.tgt, &b.tgt);
        let source_norm = norms(&d.src, &b.src);
        let target_norm = norms(&d.tgt, &b.tgt);
        let keep = selector.admit(&Candidate {
            source: &source,
            target: &target,
            source_norm: &source_norm,
            target_norm: &target_norm,
            status: b.status,
            score: b.score,
            flags: &kinds,
        });
        if !keep {
            continue;
        }
        let row = ExportRow {
            pair: d.pair_id,
            bead: b.id,
            source,
            target,
            src_ids: b.src.clone(),
            tgt_ids: b.tgt.clone(),
            score: b.score,
            status: b.status.as_str().to_string(),
            flags: kinds.iter().map(|k| k.as_str().to_string()).collect(),
            article: d.article_id,
            source_document: d.source_id,
            outlet: d.outlet.clone(),
            date: d.date.clone(),
        };
        out.write(&row, &bead_flags).map_err(Error::Output)?;
        written += 1;
    }
    Ok(written)
}

fn join(rows: &[SentenceRow], ids: &[usize]) -> String {
    let mut s = String::new();
    for r in ids.iter().filter_map(|&i| rows.get(i)) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&r.text);
    }
    s
}

fn norms<'a>(rows: &'a [SentenceRow], ids: &[usize]) -> Vec<&'a str> {
    ids.iter()
        .filter_map(|&i| rows.get(i).map(|r| r.norm.as_str()))
        .collect()
}

/// For each bead (by position), the indices of the flags it carries: a flag goes with the beads
/// holding its target sentences, or, when it has none (an omission), its source sentences.
/// Computed through sentence → bead maps, so a pair costs O(beads + flags).
fn flags_by_bead(
    beads: &[BeadRow],
    flags: &[FlagRow],
    n_src: usize,
    n_tgt: usize,
) -> Vec<Vec<usize>> {
    let mut src_bead = vec![None; n_src];
    let mut tgt_bead = vec![None; n_tgt];
    for (k, b) in beads.iter().enumerate() {
        for &i in &b.src {
            if let Some(slot) = src_bead.get_mut(i) {
                *slot = Some(k);
            }
        }
        for &j in &b.tgt {
            if let Some(slot) = tgt_bead.get_mut(j) {
                *slot = Some(k);
            }
        }
    }
    let mut out = vec![Vec::new(); beads.len()];
    for (fi, f) in flags.iter().enumerate() {
        let (ids, map) = if f.flag.tgt.is_empty() {
            (&f.flag.src, &src_bead)
        } else {
            (&f.flag.tgt, &tgt_bead)
        };
        let mut ks: Vec<usize> = ids
            .iter()
            .filter_map(|&i| map.get(i).copied().flatten())
            .collect();
        ks.sort_unstable();
        ks.dedup();
        for k in ks {
            out[k].push(fi);
        }
    }
    out
}
