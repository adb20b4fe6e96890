//! `tarjama export`: aligned beads as parallel data (TSV, JSONL, Parquet, Moses, TMX, XLIFF),
//! filtered.
//! Moved and repeated sentence pairs are real translation pairs: each pair's are exported after
//! its beads, through the same filters, unless a reviewer rejected them.
//!
//! Beads are read pair by pair and written as they are read, so memory holds a couple of pairs at
//! a time whatever the size of the workspace (`--dedupe` adds 8 bytes per exported bead).

use crate::error::Error;
use crate::export::filters::{Candidate, Filters, FlagExclusion, Selector};
use crate::export::{
    jsonl::Jsonl, moses::Moses, parquet::Parquet, tmx::Tmx, tsv::Tsv, xliff::Xliff, ExportRow,
    Sink, Unit,
};
use crate::flag::{Flag, FlagKind};
use crate::store::{
    BeadRow, FlagFilter, FlagRow, MoveRow, PairRow, SentenceRow, Status, Tx, Workspace,
};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// English, Arabic, score, status, pair: one bead per line.
    Tsv,
    /// One JSON object per bead, with sentence ids, flags and document metadata.
    Jsonl,
    /// Apache Parquet with the JSONL keys as columns (needs --out FILE).
    Parquet,
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
  tarjama export --format parquet --out beads.parquet
  tarjama export --format tmx --status confirmed --out reviewed.tmx
  tarjama export --format xliff --min-score 0.8 --exclude-flagged --out clean.xlf
  tarjama export --format tsv --exclude-flagged insertion,omission --dedupe --max-length-ratio 3

Moved and repeated sentence pairs (an Arabic sentence rendering an English sentence from another
place in the document) are exported after each pair's beads, like 1-1 beads (JSONL: \"moved\":
true; TMX: prop x-moved; XLIFF: a note of category moved); rejected ones never are. They carry the
flags of their Arabic sentence, so --exclude-flagged reordered leaves them out.

Beads a reviewer rejected (the alignment is wrong) are left out unless --status rejected asks for
them.

Filters apply in this order, and the summary on standard error counts each left-out bead under
the first filter that dropped it: unaligned, rejected, --status, --min-score, --exclude-flagged,
--max-length-ratio, --dedupe. Moved pairs are counted apart.")]
pub struct Args {
    /// Output format.
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
    /// Only beads with this review status (repeatable) [default: automatic and confirmed;
    /// rejected beads are exported only when named].
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
            // Scores are probabilities: a threshold outside [0, 1] would silently export all or
            // nothing.
            anyhow::ensure!(
                m.is_finite() && (0.0..=1.0).contains(&m),
                "--min-score must be between 0 and 1 (a bead's probability of being right), got {m}"
            );
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
    /// An output of `format` writing to `w` (not for Moses, which needs two files, nor Parquet,
    /// whose writer must be `Send`: see [`Output::parquet`]).
    pub fn new(format: ExportFormat, w: Box<dyn Write>) -> io::Result<Output> {
        Ok(match format {
            ExportFormat::Parquet => {
                return Err(io::Error::new(
                    io::ErrorKind::Unsupported,
                    "Parquet output is made with Output::parquet",
                ))
            }
            ExportFormat::Tsv => Output::Lines(Box::new(Tsv::new(w))),
            ExportFormat::Jsonl | ExportFormat::Moses => Output::Lines(Box::new(Jsonl::new(w))),
            ExportFormat::Tmx => Output::Tmx(Tmx::new(w)?),
            ExportFormat::Xliff => Output::Xliff(Xliff::new(w)?),
        })
    }

    /// A Parquet output writing to `w`.
    pub fn parquet(w: impl Write + Send + 'static) -> io::Result<Output> {
        Ok(Output::Lines(Box::new(Parquet::new(w)?)))
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

/// Creates an output file; the export commits it (see [`super::PendingOutput`]) once complete.
fn create(
    p: &Path,
    db: &Path,
    pending: &mut Vec<super::PendingOutput>,
) -> anyhow::Result<Box<dyn Write>> {
    let (w, p) = super::create_output(p, db)?;
    pending.push(p);
    Ok(Box::new(w))
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
    if a.format == ExportFormat::Parquet && a.out.is_none() {
        anyhow::bail!("parquet export needs --out FILE (Parquet is a binary file, written whole: not for a terminal or a pipe)");
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
    // Output files are written under temporary names and put in place only when the whole
    // export is written: a failure half-way (an error, a full disk) leaves no partial file.
    let mut pending = Vec::new();
    let mut out = match (a.format, &a.out) {
        (ExportFormat::Moses, Some(prefix)) => {
            let en = PathBuf::from(format!("{}.en", prefix.display()));
            let ar = PathBuf::from(format!("{}.ar", prefix.display()));
            Output::Lines(Box::new(Moses::new(
                create(&en, db, &mut pending)?,
                create(&ar, db, &mut pending)?,
            )))
        }
        (ExportFormat::Parquet, Some(path)) => {
            let (w, p) = super::create_output(path, db)?;
            pending.push(p);
            Output::parquet(w).map_err(Error::Output)?
        }
        (format, out) => {
            let w: Box<dyn Write> = match out {
                Some(p) => create(p, db, &mut pending)?,
                None => Box::new(super::stdout()),
            };
            Output::new(format, w).map_err(Error::Output)?
        }
    };
    let mut selector = Selector::new(filters);
    // A bar only for a workspace of many pairs: one pair is done in a moment.
    let bar = super::progress(
        pairs.len() as u64,
        "exporting",
        super::Steps::Count("pairs"),
        pairs.len() > 1,
    );
    let written = export_reporting(&mut ws, &pairs, &mut selector, &mut out, &mut |id| {
        bar.set_message(format!("pair {id}"));
        bar.inc(1);
    });
    bar.finish_and_clear();
    let written = written?;
    let complete = out.finish().map_err(Error::Output)?;
    drop(out);
    for p in pending {
        p.commit()?;
    }
    eprintln!(
        "{}",
        summary(
            written,
            pairs.len(),
            &selector,
            a.out.as_deref().filter(|_| a.format == ExportFormat::Moses)
        )
    );
    if !complete {
        eprintln!("tarjama: warning: nothing was exported, so the XLIFF document has no <file> element (XLIFF requires one)");
    }
    Ok(())
}

/// How many units an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub beads: usize,
    /// Moved and repeated sentence pairs.
    pub moves: usize,
}

/// The closing line: how many beads (and moved pairs, when the pairs have any) were exported and
/// how many each filter left out, beads and moved pairs apart.
pub fn summary(
    written: Written,
    pairs: usize,
    selector: &Selector,
    moses: Option<&Path>,
) -> String {
    let removed = selector.removed();
    let removed_moves = selector.removed_moves();
    let counted = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut s = format!("exported {} beads", written.beads);
    // Moved pairs are named only when the pairs have some: most have none.
    if written.moves + removed_moves.total() > 0 {
        s.push_str(&format!(
            " and {}",
            counted(written.moves, "moved pair", "moved pairs")
        ));
    }
    s.push_str(&format!(" from {}", counted(pairs, "pair", "pairs")));
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
    let phrases = removed_moves.phrases();
    if !phrases.is_empty() {
        s.push_str(&format!(
            "; {} left out: {}",
            counted(removed_moves.total(), "moved pair", "moved pairs"),
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
    /// Moved pairs a reviewer has not rejected.
    pub moves: Vec<MoveRow>,
    pub flags: Vec<FlagRow>,
}

/// Reads one pair (sentences of both documents, beads, moves not rejected, undismissed flags).
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
        moves: tx
            .moves(p.id)?
            .into_iter()
            .filter(|m| m.status != Status::Rejected)
            .collect(),
        flags: tx.flags(&FlagFilter {
            pair: Some(p.id),
            ..Default::default()
        })?,
    })
}

/// Exports `pairs`: one thread reads the workspace pair by pair while this one filters and
/// writes, so reading (SQLite) and writing overlap. At most two pairs wait between them: memory
/// stays bounded by the largest pair, whatever the number of pairs. Returns the beads and moved
/// pairs written.
pub fn export(
    ws: &mut Workspace,
    pairs: &[PairRow],
    selector: &mut Selector,
    out: &mut Output,
) -> crate::Result<Written> {
    export_reporting(ws, pairs, selector, out, &mut |_| {})
}

/// [`export`], calling `written_pair` with each pair's id once it is written (for a progress
/// bar).
pub fn export_reporting(
    ws: &mut Workspace,
    pairs: &[PairRow],
    selector: &mut Selector,
    out: &mut Output,
    written_pair: &mut dyn FnMut(i64),
) -> crate::Result<Written> {
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
        let mut written = Written::default();
        let mut wrote = Ok(());
        for data in receive.iter() {
            match write_pair(&data, selector, out) {
                Ok(n) => {
                    written.beads += n.beads;
                    written.moves += n.moves;
                    written_pair(data.pair_id);
                }
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

/// Filters and writes the beads of one pair, then its moved pairs; returns how many were written.
pub fn write_pair(
    d: &PairData,
    selector: &mut Selector,
    out: &mut Output,
) -> crate::Result<Written> {
    let mut written = Written::default();
    let of_bead = flags_by_bead(&d.beads, &d.flags, d.src.len(), d.tgt.len());
    for (b, flag_ids) in d.beads.iter().zip(of_bead) {
        let bead_flags: Vec<&Flag> = flag_ids.iter().map(|&f| &d.flags[f].flag).collect();
        let kinds: Vec<FlagKind> = bead_flags.iter().map(|f| f.kind).collect();
        let source = join(&d.src, &b.src);
        let target = join(&d.tgt, &b.tgt);
        let source_norm = norms(&d.src, &b.src);
        let target_norm = norms(&d.tgt, &b.tgt);
        let keep = selector.admit(&Candidate {
            moved: false,
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
            unit: Unit::Bead(b.id),
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
            moved: false,
            repeat: None,
        };
        out.write(&row, &bead_flags).map_err(Error::Output)?;
        written.beads += 1;
    }
    let of_move = flags_by_move(&d.moves, &d.flags, d.tgt.len());
    for (m, flag_ids) in d.moves.iter().zip(of_move) {
        let move_flags: Vec<&Flag> = flag_ids.iter().map(|&f| &d.flags[f].flag).collect();
        let kinds: Vec<FlagKind> = move_flags.iter().map(|f| f.kind).collect();
        let (src, tgt) = ([m.src], [m.tgt]);
        let source = join(&d.src, &src);
        let target = join(&d.tgt, &tgt);
        let source_norm = norms(&d.src, &src);
        let target_norm = norms(&d.tgt, &tgt);
        let keep = selector.admit(&Candidate {
            moved: true,
            source: &source,
            target: &target,
            source_norm: &source_norm,
            target_norm: &target_norm,
            status: m.status,
            score: m.score,
            flags: &kinds,
        });
        if !keep {
            continue;
        }
        let row = ExportRow {
            pair: d.pair_id,
            unit: Unit::Move(m.id),
            source,
            target,
            src_ids: src.to_vec(),
            tgt_ids: tgt.to_vec(),
            score: m.score,
            status: m.status.as_str().to_string(),
            flags: kinds.iter().map(|k| k.as_str().to_string()).collect(),
            article: d.article_id,
            source_document: d.source_id,
            outlet: d.outlet.clone(),
            date: d.date.clone(),
            moved: true,
            repeat: Some(m.repeat),
        };
        out.write(&row, &move_flags).map_err(Error::Output)?;
        written.moves += 1;
    }
    Ok(written)
}

/// For each moved pair, the indices of the flags it carries: those of its Arabic sentence (the
/// `reordered` flag that names both sentences; for a repeat, what the restating sentence has), as
/// a bead carries the flags of its target sentences.
fn flags_by_move(moves: &[MoveRow], flags: &[FlagRow], n_tgt: usize) -> Vec<Vec<usize>> {
    if moves.is_empty() {
        return Vec::new();
    }
    let mut of_target: Vec<Vec<usize>> = vec![Vec::new(); n_tgt];
    for (fi, f) in flags.iter().enumerate() {
        for &j in &f.flag.tgt {
            if let Some(list) = of_target.get_mut(j) {
                list.push(fi);
            }
        }
    }
    moves
        .iter()
        .map(|m| of_target.get(m.tgt).cloned().unwrap_or_default())
        .collect()
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
