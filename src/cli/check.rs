//! `tarjama check SOURCE TRANSLATION`: align and flag one pair without a workspace.

use crate::export::report::{self, Rtl};
use crate::pipeline;
use crate::segment;
use crate::text::Lang;
use anyhow::Context as _;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tarjama check statement.txt article.txt\n  tarjama check en.sents ar.sents --presegmented --format json > result.json\n  tarjama check statement.html article.html --format html > report.html\n\nThe lexicons used are named on standard error: the built-in glossary, the system's FreeDict\nwhen installed, and --lexicon files; `align` uses the same (plus the workspace's own), so the\nsame files give the same flags."
)]
pub struct Args {
    /// English source (.txt, .md, .html or .json).
    pub source: PathBuf,
    /// Arabic translation or rewrite (.txt, .md, .html or .json).
    pub translation: PathBuf,
    /// Inputs hold one sentence per line (reference segmentation); skip segmentation.
    #[arg(long)]
    pub presegmented: bool,
    /// Output format; json is the stable machine interface (schema in README.md).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// How to show Arabic in the terminal (text format).
    #[arg(long, value_enum, default_value_t = Rtl::Terminal)]
    pub rtl: Rtl,
    #[command(flatten)]
    pub lexicons: super::FileLexiconArgs,
    #[command(flatten)]
    pub model: super::ModelArgs,
    #[command(flatten)]
    pub encoding: super::EncodingArgs,
}

pub fn run(a: Args) -> anyhow::Result<()> {
    let encoding = a.encoding.encoding;
    let src_raw = crate::ingest::read_in(&a.source, Lang::En, encoding)?;
    let tgt_raw = crate::ingest::read_in(&a.translation, Lang::Ar, encoding)?;
    let (src, tgt) = if a.presegmented {
        (
            segment::presegmented(&src_raw),
            segment::presegmented(&tgt_raw),
        )
    } else {
        (
            segment::segment(&src_raw, Lang::En),
            segment::segment(&tgt_raw, Lang::Ar),
        )
    };
    let (lex, used) = a.lexicons.load()?;
    let encoder = a.model.load()?;
    let analysis = pipeline::analyse(
        src,
        tgt,
        pipeline::Resources {
            lexicon: &lex,
            encoder: encoder.as_ref(),
        },
        &[],
    );
    let mut out = super::stdout();
    let title = format!("{} ⇄ {}", a.source.display(), a.translation.display());
    match a.format {
        ReportFormat::Json => report::json(&analysis, &mut out),
        ReportFormat::Text => {
            report::text(&analysis, &title, super::colour_enabled(), a.rtl, &mut out)
        }
        ReportFormat::Html => report::html(&analysis, &title, &mut out),
    }
    .map_err(crate::Error::Output)?;
    out.flush()
        .map_err(crate::Error::Output)
        .context("writing output")?;
    // On standard error, after the report: standard output stays the report alone (valid JSON
    // with --format json), and a failed run's standard error stays its one error line.
    eprintln!("{used}");
    // The process ends here: freeing a dictionary-sized lexicon (hundreds of thousands of
    // strings), the encoder's weights and the analysis one allocation at a time costs more than
    // a short check itself, and the system takes the memory back whole at exit.
    std::mem::forget(analysis);
    std::mem::forget(lex);
    std::mem::forget(encoder);
    Ok(())
}
