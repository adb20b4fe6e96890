//! `tarjama add FILE...`: ingest documents, or import bitexts (TMX, Moses, TSV) as pre-aligned
//! pairs with confirmed beads.

use crate::ingest::bitext::{self, Bitext, BitextFormat};
use crate::ingest::{self, Format};
use crate::segment;
use crate::store::bitext::{BitextMeta, Imported};
use crate::store::NewDocument;
use crate::text::Lang;
use std::path::{Path, PathBuf};

/// Input formats: documents, or bitexts (already aligned parallel text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AddFormat {
    /// Plain text document.
    Txt,
    /// Markdown document.
    Md,
    /// HTML document (reduced to its paragraphs).
    Html,
    /// JSON document(s).
    Json,
    /// TMX translation memory (bitext; the default for .tmx files).
    Tmx,
    /// Moses bitext: PREFIX.en and PREFIX.ar, line-aligned (give PREFIX or either file).
    Moses,
    /// TSV bitext: English<TAB>Arabic per line; further columns are ignored.
    Tsv,
}

impl AddFormat {
    fn bitext(self) -> Option<BitextFormat> {
        match self {
            AddFormat::Tmx => Some(BitextFormat::Tmx),
            AddFormat::Moses => Some(BitextFormat::Moses),
            AddFormat::Tsv => Some(BitextFormat::Tsv),
            _ => None,
        }
    }

    fn document(self) -> Option<Format> {
        match self {
            AddFormat::Txt => Some(Format::Txt),
            AddFormat::Md => Some(Format::Md),
            AddFormat::Html => Some(Format::Html),
            AddFormat::Json => Some(Format::Json),
            _ => None,
        }
    }
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama add statement.html --lang en --outlet defense.gov
  tarjama add article.txt --title \"JSCD readout (Alsaymar)\" --date 2023-08-08
  tarjama add memory.tmx                      (TMX: one pair, one confirmed bead per unit)
  tarjama add --format moses corpus           (reads corpus.en and corpus.ar)
  tarjama add --format tsv corpus.tsv         (English<TAB>Arabic per line)
  tarjama add old-article.txt --encoding windows-1256

Files may be UTF-8, UTF-16 with a byte-order mark, or Arabic in windows-1256 or ISO-8859-6
(detected); --encoding names the encoding when detection cannot tell, and applies to every file.

A bitext becomes an English and an Arabic document (one sentence per unit) and a pair whose
beads are the units, confirmed. `tarjama align PAIR` then keeps those beads and runs the flag
detectors over them.")]
pub struct Args {
    /// Files to add (.txt, .md, .html, .json, .tmx; a JSON array adds several documents).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Language of the files; detected from the script when absent (not for bitexts).
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Input format; from the file extension when absent (then known non-documents such as .tsv,
    /// .xliff, .jsonl or .db are refused, with what to run instead).
    #[arg(long, value_enum)]
    pub format: Option<AddFormat>,
    /// Title of the document(s) [default: the file's own, from HTML <title> or JSON "title"].
    #[arg(long)]
    pub title: Option<String>,
    /// Publication date (free text, ISO 8601 recommended).
    #[arg(long)]
    pub date: Option<String>,
    /// Where the document was published (kept with it, shown in reports and exports).
    #[arg(long)]
    pub url: Option<String>,
    /// Who published it (a newspaper, a ministry), kept with it for reports and exports.
    #[arg(long)]
    pub outlet: Option<String>,
    #[command(flatten)]
    pub encoding: super::EncodingArgs,
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language '{s}' (use ar or en)"))
}

/// Bitext format of a file: as given, else TMX for a .tmx file. TSV and Moses files look like
/// text, so they are bitexts only when --format says so.
fn bitext_format(path: &Path, given: Option<AddFormat>) -> Option<BitextFormat> {
    match given {
        Some(f) => f.bitext(),
        None => path
            .extension()
            .and_then(|e| e.to_str())
            .filter(|e| e.eq_ignore_ascii_case("tmx"))
            .map(|_| BitextFormat::Tmx),
    }
}

/// Input this large (bytes, all files together), or this many files, gets a progress bar: a
/// 50 MB file takes half a minute to read, segment and store.
const BAR_BYTES: u64 = 4 << 20;
const BAR_FILES: usize = 20;

/// Bytes a file given to `add` stands for (a Moses PREFIX stands for PREFIX.en and PREFIX.ar);
/// 0 when it cannot be read, which reading it will report.
fn input_size(f: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    size(f).unwrap_or_else(|| {
        let prefix = f.as_os_str();
        ["en", "ar"]
            .iter()
            .filter_map(|lang| {
                let mut p = prefix.to_owned();
                p.push(".");
                p.push(lang);
                size(Path::new(&p))
            })
            .sum()
    })
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let sizes: Vec<u64> = a.files.iter().map(|f| input_size(f)).collect();
    let total: u64 = sizes.iter().sum();
    let bar = super::progress(
        total,
        "reading",
        super::Steps::Bytes,
        total >= BAR_BYTES || a.files.len() >= BAR_FILES,
    );
    // Read and check every file before touching the workspace.
    let mut docs = Vec::new();
    let mut bitexts: Vec<Bitext> = Vec::new();
    let encoding = a.encoding.encoding;
    for (f, size) in a.files.iter().zip(sizes) {
        bar.set_message(f.display().to_string());
        // Known non-documents (out.tsv, .xliff, .db…) are refused unless --format says what the
        // file is: read as text they would be stored as documents of raw markup.
        if a.format.is_none() {
            ingest::nondoc::refuse(f)?;
        }
        if let Some(bf) = bitext_format(f, a.format) {
            anyhow::ensure!(
                a.lang.is_none(),
                "--lang does not apply to bitexts: each side's language is known"
            );
            // PREFIX.en and PREFIX.ar given together name one Moses bitext.
            if bf == BitextFormat::Moses
                && bitexts.iter().any(|b| b.origin == bitext::moses_prefix(f))
            {
                continue;
            }
            bitexts.push(bitext::read(f, bf, encoding)?);
            bar.inc(size);
            continue;
        }
        for d in ingest::read(f, a.format.and_then(AddFormat::document), encoding)? {
            let lang = ingest::language(&d, a.lang)?;
            bar.set_prefix("segmenting");
            let sentences = segment::segment(&d.text, lang);
            docs.push((d, lang, sentences));
        }
        bar.set_prefix("reading");
        bar.inc(size);
    }
    // Storing takes longer than reading: each sentence is stored (with its search index), then
    // read for the pairing index. The bar counts those two steps per sentence.
    let steps: usize = docs.iter().map(|(_, _, s)| 2 * s.len()).sum::<usize>()
        + bitexts
            .iter()
            .flat_map(|b| &b.units)
            .map(|u| 2 * (usize::from(!u.en.is_empty()) + usize::from(!u.ar.is_empty())))
            .sum::<usize>();
    bar.set_prefix("storing");
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {prefix} {bar:30} {percent}% [{elapsed}, about {eta} left] {wide_msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_length(steps as u64);
    bar.set_position(0);
    let step = || bar.inc(1);
    let mut ws = super::open(db)?;
    let meta = BitextMeta {
        title: a.title.as_deref(),
        date: a.date.as_deref(),
        url: a.url.as_deref(),
        outlet: a.outlet.as_deref(),
    };
    let results = ws.write(|tx| {
        let mut out = Vec::new();
        for (d, lang, sentences) in &docs {
            bar.set_message(format!("{} ({} sentences)", d.origin, sentences.len()));
            let title = a.title.as_deref().or(d.title.as_deref());
            let (id, new) = crate::pair::index::add_document(
                tx,
                &NewDocument {
                    lang: *lang,
                    title,
                    date: a.date.as_deref().or(d.date.as_deref()),
                    url: a.url.as_deref().or(d.url.as_deref()),
                    outlet: a.outlet.as_deref().or(d.outlet.as_deref()),
                    origin: &d.origin,
                    raw_text: &d.text,
                    sentences,
                },
                &step,
            )?;
            out.push((id, new, *lang, sentences.len(), d.origin.clone()));
        }
        let imported: Vec<Imported> = bitexts
            .iter()
            .map(|b| {
                bar.set_message(b.origin.display().to_string());
                crate::pair::index::add_bitext(tx, b, &meta, &step)
            })
            .collect::<crate::Result<_>>()?;
        Ok((out, imported))
    });
    bar.finish_and_clear();
    let (results, imported) = results?;
    for (id, new, lang, n, origin) in results {
        if new {
            println!("added document {id} ({lang}, {n} sentences): {origin}");
        } else {
            println!("already stored as document {id}: {origin} (same content; not added again)");
        }
    }
    for (b, i) in bitexts.iter().zip(imported) {
        let origin = b.origin.display();
        if i.new {
            println!(
                "imported pair {}: {} confirmed beads, source document {} (en), article document {} (ar): {origin}",
                i.pair_id, i.beads, i.source_id, i.article_id
            );
        } else {
            println!(
                "already imported as pair {} (documents {} and {}): {origin} (not changed)",
                i.pair_id, i.source_id, i.article_id
            );
        }
        if b.skipped > 0 {
            eprintln!(
                "{origin}: {} units without English or Arabic text left out",
                b.skipped
            );
        }
    }
    Ok(())
}
