//! `tarjama batch INPUT --out OUTPUT`: check many pairs, no workspace, streamed.
//!
//! Input records are JSON Lines (or Parquet) of `{"id", "source", "target"}`; each output record
//! is the `check --format json` document plus `id`, or `id` and `error`, in input order. The
//! checking itself is [`crate::batch`]; this reads, writes and reports.

use crate::batch::{self, Outcome, Parsed};
use crate::error::Error;
use crate::export::parquet::{arrow_io_error, batch_schema, io_error, RowWriter};
use crate::pipeline::Resources;
use anyhow::Context as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// Apache Parquet.
    Parquet,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama batch pairs.jsonl --out results.jsonl
  cat pairs.jsonl | tarjama batch - --out - > results.jsonl
  tarjama batch pairs.parquet --out results.parquet
  tarjama batch pairs.jsonl --out - --threads 4 --no-system-lexicon | jq .summary

Each input record is {\"id\": …, \"source\": \"English text\", \"target\": \"Arabic text\"}, or
with \"presegmented\": true, \"source\" and \"target\" as lists of sentences (or strings with one
sentence per line). Each output record is the `check --format json` document with \"id\" first,
in input order; a record that cannot be checked (not JSON, a field missing or not text, empty,
the wrong language) has \"id\" and \"error\" instead, and the others are all there. The exit
status is 1 when any record failed.

Parquet input needs columns id, source, target (text, or lists of text) and optionally
presegmented (boolean). Parquet output keeps the nesting of the JSON document (source.sentences,
beads, moves, flags, summary as a map) and adds \"error\"; ids that are not text are stored as
their JSON text.")]
pub struct Args {
    /// Records to check: a .jsonl or .parquet file, or - for standard input (JSON Lines).
    pub input: PathBuf,
    /// Where to write the results: a file, or - for standard output.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Input format [default: parquet for a .parquet file, else jsonl].
    #[arg(long, value_enum)]
    pub input_format: Option<RecordFormat>,
    /// Output format [default: parquet for --out *.parquet, else jsonl].
    #[arg(long, value_enum)]
    pub output_format: Option<RecordFormat>,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Records checked together: memory holds this many records and their results at a time.
    #[arg(long, value_name = "N", default_value_t = batch::DEFAULT_WINDOW)]
    pub window: usize,
    #[command(flatten)]
    pub lexicons: super::FileLexiconArgs,
    #[command(flatten)]
    pub model: super::ModelArgs,
}

fn is_std(p: &Path) -> bool {
    p.as_os_str() == "-"
}

fn format_of(p: &Path, given: Option<RecordFormat>) -> RecordFormat {
    given.unwrap_or_else(|| {
        let parquet = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
        if parquet {
            RecordFormat::Parquet
        } else {
            RecordFormat::Jsonl
        }
    })
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        a.threads != Some(0),
        "--threads must be at least 1 (or absent: one per core)"
    );
    anyhow::ensure!(a.window > 0, "--window must be at least 1");
    let input_format = format_of(&a.input, a.input_format);
    let output_format = format_of(&a.out, a.output_format);
    if output_format == RecordFormat::Parquet && is_std(&a.out) && io::stdout().is_terminal() {
        anyhow::bail!("Parquet is binary: give --out FILE, or redirect standard output");
    }
    let input_len = if is_std(&a.input) {
        None
    } else {
        let meta = std::fs::metadata(&a.input)
            .map_err(|e| Error::io(&a.input, e))
            .with_context(|| "cannot read the input; check the path")?;
        anyhow::ensure!(
            !meta.is_dir(),
            "{} is a directory; give a .jsonl or .parquet file, or - for standard input",
            a.input.display()
        );
        Some(meta.len())
    };
    let pool = match a.threads {
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .context("cannot start the worker threads")?,
        ),
        None => None,
    };
    // Lexicons and model are loaded before any output is created: a bad --lexicon leaves no file.
    let (lex, used) = a.lexicons.load()?;
    let encoder = a.model.load()?;
    let res = Resources {
        lexicon: &lex,
        encoder: encoder.as_ref(),
    };

    let consumed = Arc::new(AtomicU64::new(0));
    let records: Box<dyn Iterator<Item = io::Result<Parsed>>> = match input_format {
        RecordFormat::Jsonl => {
            let reader: Box<dyn Read> = if is_std(&a.input) {
                Box::new(io::stdin().lock())
            } else {
                Box::new(File::open(&a.input).map_err(|e| Error::io(&a.input, e))?)
            };
            Box::new(JsonLines::new(reader, consumed.clone()))
        }
        RecordFormat::Parquet => {
            anyhow::ensure!(
                !is_std(&a.input),
                "Parquet input must be a file (its index is at its end); give the file, or JSON Lines on standard input"
            );
            let file = File::open(&a.input).map_err(|e| Error::io(&a.input, e))?;
            Box::new(
                ParquetRecords::new(file, a.window, consumed.clone())
                    .map_err(io_error)
                    .with_context(|| {
                        format!("{}: not a readable Parquet file", a.input.display())
                    })?,
            )
        }
    };

    let mut pending = None;
    let mut sink: Box<dyn OutcomeSink> = match (output_format, is_std(&a.out)) {
        (RecordFormat::Jsonl, true) => Box::new(JsonlSink(super::stdout())),
        (RecordFormat::Parquet, true) => {
            Box::new(ParquetSink::new(io::BufWriter::new(io::stdout()))?)
        }
        (format, false) => {
            let (w, p) = super::create_output(&a.out, db)?;
            pending = Some(p);
            match format {
                RecordFormat::Jsonl => Box::new(JsonlSink(w)),
                RecordFormat::Parquet => Box::new(ParquetSink::new(w)?),
            }
        }
    };

    let bar = match input_len {
        Some(len) => super::progress(len, "checking", super::Steps::Bytes, true),
        None => super::progress(0, "checking", super::Steps::Count("records"), true),
    };
    let started = Instant::now();
    let counts = batch::run(records, res, a.window, pool.as_ref(), |o| {
        sink.write(&o)?;
        match input_len {
            Some(_) => bar.set_position(consumed.load(Ordering::Relaxed)),
            None => bar.inc(1),
        }
        Ok(())
    });
    bar.finish_and_clear();
    // Input errors carry the input's name; output errors already name the output.
    let counts = counts.map_err(|e| {
        if e.get_ref()
            .is_some_and(|inner| inner.is::<crate::error::OutputFileError>())
            || e.kind() == io::ErrorKind::BrokenPipe
        {
            anyhow::Error::new(Error::Output(e))
        } else {
            anyhow::anyhow!("{}: {e}", a.input.display())
        }
    })?;
    sink.finish().map_err(Error::Output)?;
    drop(sink);
    if let Some(p) = pending {
        p.commit()?;
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "checked {} records ({} failed) in {secs:.1} s, {:.0} records/s",
        counts.records,
        counts.failed,
        counts.records as f64 / secs.max(1e-9)
    );
    eprintln!("{used}");
    if counts.failed > 0 {
        anyhow::bail!(
            "{} of {} records could not be checked; their output records have an \"error\" field saying why",
            counts.failed,
            counts.records
        );
    }
    Ok(())
}

/// JSON Lines records, read line by line (blank lines skipped). A line that is not UTF-8 is a bad
/// record, not the end of the run. `consumed` counts the bytes read, for the progress bar.
struct JsonLines<R: Read> {
    input: BufReader<R>,
    consumed: Arc<AtomicU64>,
    line: Vec<u8>,
}

impl<R: Read> JsonLines<R> {
    fn new(input: R, consumed: Arc<AtomicU64>) -> Self {
        JsonLines {
            input: BufReader::with_capacity(1 << 16, input),
            consumed,
            line: Vec::new(),
        }
    }
}

impl<R: Read> Iterator for JsonLines<R> {
    type Item = io::Result<Parsed>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.line.clear();
            match self.input.read_until(b'\n', &mut self.line) {
                Ok(0) => return None,
                Ok(n) => {
                    self.consumed.fetch_add(n as u64, Ordering::Relaxed);
                }
                Err(e) => return Some(Err(e)),
            }
            if self.line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(match std::str::from_utf8(&self.line) {
                Ok(text) => batch::record_of_line(text),
                Err(e) => Err((
                    serde_json::Value::Null,
                    batch::RecordError::NotJson(format!("not UTF-8 text: {e}")),
                )),
            }));
        }
    }
}

/// Parquet records: each record batch is turned into JSON rows (arrow-json), which are read as
/// JSON Lines records, so both inputs accept the same columns and types.
struct ParquetRecords {
    batches: parquet::arrow::arrow_reader::ParquetRecordBatchReader,
    rows: std::vec::IntoIter<Parsed>,
    consumed: Arc<AtomicU64>,
    bytes_per_row: u64,
}

impl ParquetRecords {
    fn new(
        file: File,
        window: usize,
        consumed: Arc<AtomicU64>,
    ) -> Result<ParquetRecords, parquet::errors::ParquetError> {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)?;
        let rows = builder.metadata().file_metadata().num_rows().max(1) as u64;
        Ok(ParquetRecords {
            batches: builder.with_batch_size(window).build()?,
            rows: Vec::new().into_iter(),
            consumed,
            // The progress bar counts bytes; Parquet is read in batches of rows.
            bytes_per_row: len / rows,
        })
    }
}

impl Iterator for ParquetRecords {
    type Item = io::Result<Parsed>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = self.rows.next() {
                self.consumed
                    .fetch_add(self.bytes_per_row, Ordering::Relaxed);
                return Some(Ok(r));
            }
            let batch = match self.batches.next()? {
                Ok(b) => b,
                Err(e) => return Some(Err(arrow_io_error(e))),
            };
            let mut json = Vec::new();
            {
                let mut w = arrow_json::LineDelimitedWriter::new(&mut json);
                if let Err(e) = w.write(&batch).and_then(|_| w.finish()) {
                    return Some(Err(arrow_io_error(e)));
                }
            }
            let rows: Vec<Parsed> = json
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .map(|l| match std::str::from_utf8(l) {
                    Ok(text) => batch::record_of_line(text),
                    Err(e) => Err((
                        serde_json::Value::Null,
                        batch::RecordError::NotJson(e.to_string()),
                    )),
                })
                .collect();
            self.rows = rows.into_iter();
        }
    }
}

/// Where outcomes are written.
trait OutcomeSink {
    fn write(&mut self, o: &Outcome) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

struct JsonlSink<W: Write>(W);

impl<W: Write> OutcomeSink for JsonlSink<W> {
    fn write(&mut self, o: &Outcome) -> io::Result<()> {
        serde_json::to_writer(&mut self.0, &o.json())?;
        writeln!(self.0)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

struct ParquetSink<W: Write + Send>(RowWriter<W>);

impl<W: Write + Send> ParquetSink<W> {
    fn new(w: W) -> anyhow::Result<Self> {
        Ok(ParquetSink(
            RowWriter::new(w, batch_schema()).map_err(|e| Error::Output(io_error(e)))?,
        ))
    }
}

/// A Parquet output row: `id` as text (a Parquet column has one type; ids may be numbers).
#[derive(serde::Serialize)]
struct ParquetRow<'a> {
    id: Option<String>,
    error: Option<String>,
    #[serde(flatten)]
    check: Option<batch::CheckJson<'a>>,
}

impl<W: Write + Send> OutcomeSink for ParquetSink<W> {
    fn write(&mut self, o: &Outcome) -> io::Result<()> {
        let id = match &o.id {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        let json = o.json();
        let row = ParquetRow {
            id,
            error: json.error,
            check: json.check,
        };
        self.0.write(&row).map_err(io_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.0.close().map(|_| ()).map_err(io_error)
    }
}
