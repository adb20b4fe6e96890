//! `tarjama pair`: declare that an Arabic article renders an English source (`pair ARTICLE
//! SOURCE`), let tarjama find the sources of unpaired articles (`--auto`), or list the likely
//! sources of one article (`--suggest ARTICLE`).

use crate::pair::{self, AutoResult, Candidate, Options, Outcome, Ranking};
use anyhow::{bail, Context};
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama pair 2 1                      article 2 renders source 1
  tarjama pair --auto                   find the sources of every unpaired article
  tarjama pair --auto --explain         ... and say why
  tarjama pair --suggest 2 --top 10     the ten likeliest sources of article 2

Document ids are shown by `tarjama add` and `tarjama list documents`.
Then run `tarjama align PAIR` (or `tarjama align --all`) to align.

--auto pairs an article with its best candidate when the candidate's confidence (0 to 1) is at
least --min-confidence (default 0.5, where the evidence for outweighs the evidence against).
Evidence: figures, dates, names and acronyms both documents give, shared lexicon concepts, the
distance between their dates, and an alignment of their first 15 sentences.")]
pub struct Args {
    /// Id of the Arabic article.
    pub article: Option<String>,
    /// Id of the English source it renders.
    pub source: Option<String>,
    /// Find the source of every Arabic article that has no pair yet.
    #[arg(long)]
    pub auto: bool,
    /// List the likeliest sources of one Arabic article; nothing is stored.
    #[arg(long, value_name = "ARTICLE")]
    pub suggest: Option<String>,
    /// With --auto: pair only at or above this confidence, 0 to 1 [default: 0.5].
    #[arg(long, value_name = "X")]
    pub min_confidence: Option<String>,
    /// With --suggest: how many candidates to show [default: 5].
    #[arg(long, value_name = "N")]
    pub top: Option<String>,
    /// Print the evidence for each decision.
    #[arg(long)]
    pub explain: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

enum Mode {
    Manual(String, String),
    Auto,
    Suggest(String),
}

/// Which of the three uses was asked for. Checked here rather than by clap so that every misuse
/// is a one-line error.
fn mode(a: &Args) -> anyhow::Result<Mode> {
    let positional = a.article.is_some() || a.source.is_some();
    let mode = match (positional, a.auto, &a.suggest) {
        (true, true, _) | (true, _, Some(_)) => {
            bail!("give ARTICLE SOURCE, or --auto, or --suggest ARTICLE, not several")
        }
        (false, true, Some(_)) => bail!("--auto and --suggest cannot be used together"),
        (false, true, None) => Mode::Auto,
        (false, false, Some(s)) => Mode::Suggest(s.clone()),
        (true, false, None) => match (&a.article, &a.source) {
            (Some(x), Some(y)) => Mode::Manual(x.clone(), y.clone()),
            _ => bail!("give both ARTICLE and SOURCE (or --auto, or --suggest ARTICLE)"),
        },
        (false, false, None) => bail!("give ARTICLE SOURCE, or --auto, or --suggest ARTICLE"),
    };
    let manual = matches!(mode, Mode::Manual(..));
    if manual && (a.explain || a.json) {
        bail!("--explain and --json go with --auto or --suggest");
    }
    if a.min_confidence.is_some() && !matches!(mode, Mode::Auto) {
        bail!("--min-confidence goes with --auto");
    }
    if a.top.is_some() && !matches!(mode, Mode::Suggest(_)) {
        bail!("--top goes with --suggest");
    }
    Ok(mode)
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let mut opts = Options::default();
    if let Some(x) = &a.min_confidence {
        opts.min_confidence = x
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|x| (0.0..=1.0).contains(x))
            .with_context(|| format!("--min-confidence {x}: expected a number from 0 to 1"))?;
    }
    if let Some(n) = &a.top {
        opts.candidates = n
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1)
            .with_context(|| format!("--top {n}: expected a whole number of at least 1"))?;
    }
    match mode(&a)? {
        Mode::Manual(article, source) => manual(&article, &source, db),
        Mode::Auto => {
            let mut ws = super::open(db)?;
            let bar = Bar(super::progress(0, "pairing", super::Steps::Count(""), true));
            let results = ws.write(|tx| pair::auto_reporting(tx, &opts, &bar));
            bar.0.finish_and_clear();
            print_auto(&results?, &opts, &a)
        }
        Mode::Suggest(article) => {
            let article = super::parse_id("document", &article)?;
            let mut ws = super::open(db)?;
            let ranking = ws.read(|tx| pair::suggest(tx, article, &opts))?;
            print_suggest(&ranking, &a)
        }
    }
}

/// The progress bar of `pair --auto`, one stage after another.
struct Bar(indicatif::ProgressBar);

impl pair::Progress for Bar {
    fn stage(&self, what: &'static str, len: usize) {
        self.0.set_prefix(what);
        self.0.set_length(len as u64);
        self.0.set_position(0);
    }

    fn step(&self) {
        self.0.inc(1);
    }
}

fn manual(article: &str, source: &str, db: &Path) -> anyhow::Result<()> {
    let article = super::parse_id("document", article)?;
    let source = super::parse_id("document", source)?;
    let mut ws = super::open(db)?;
    let (id, new) = ws.write(|tx| tx.add_pair(article, source, "manual", None))?;
    if new {
        println!("pair {id}: article {article} renders source {source}");
    } else {
        println!("pair {id} already declares article {article} ⇄ source {source}");
    }
    Ok(())
}

fn print_auto(results: &[AutoResult], opts: &Options, a: &Args) -> anyhow::Result<()> {
    let mut out = super::stdout();
    if a.json {
        let doc = serde_json::json!({
            "min_confidence": opts.min_confidence,
            "articles": results,
        });
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    if results.is_empty() {
        writeln!(out, "no unpaired Arabic articles")?;
    }
    let mut paired = 0;
    for r in results {
        match &r.outcome {
            Outcome::Paired {
                pair,
                source,
                confidence,
            } => {
                paired += 1;
                writeln!(
                    out,
                    "article {}: paired with source {source} (pair {pair}, confidence {confidence:.2})",
                    r.ranking.article
                )?;
            }
            Outcome::NoSource => {
                let why = match r.ranking.best() {
                    Some(b) => format!(
                        "best candidate: source {}, confidence {:.2}, below {:.2}",
                        b.source, b.confidence, opts.min_confidence
                    ),
                    None => "no English document shares any evidence with it".to_string(),
                };
                writeln!(
                    out,
                    "article {}: no source found ({why})",
                    r.ranking.article
                )?;
            }
        }
        if a.explain {
            explain_ranking(&mut out, &r.ranking)?;
        }
    }
    if results.len() > 1 {
        writeln!(
            out,
            "{paired} of {} articles paired (minimum confidence {:.2})",
            results.len(),
            opts.min_confidence
        )?;
    }
    out.flush()?;
    Ok(())
}

fn print_suggest(r: &Ranking, a: &Args) -> anyhow::Result<()> {
    let mut out = super::stdout();
    if a.json {
        serde_json::to_writer_pretty(&mut out, r)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let name = r.origin.as_deref().or(r.title.as_deref()).unwrap_or("");
    if r.candidates.is_empty() {
        writeln!(
            out,
            "article {} ({name}): no candidate; no English document shares any evidence with it",
            r.article
        )?;
    } else {
        writeln!(out, "article {} ({name}): likeliest sources", r.article)?;
    }
    for (k, c) in r.candidates.iter().enumerate() {
        writeln!(
            out,
            "{:>3}. source {:<5} confidence {:.2}  {}",
            k + 1,
            c.source,
            c.confidence,
            label(c)
        )?;
        if a.explain {
            evidence(&mut out, c, "       ")?;
        }
    }
    out.flush()?;
    Ok(())
}

fn label(c: &Candidate) -> &str {
    c.origin.as_deref().or(c.title.as_deref()).unwrap_or("")
}

/// The evidence for the best candidate, and the runner-up with the margin.
fn explain_ranking(out: &mut impl Write, r: &Ranking) -> anyhow::Result<()> {
    let Some(best) = r.best() else {
        return Ok(());
    };
    writeln!(
        out,
        "  best: source {} ({}), confidence {:.2}",
        best.source,
        label(best),
        best.confidence
    )?;
    evidence(out, best, "    ")?;
    match r.candidates.get(1) {
        Some(next) => writeln!(
            out,
            "  runner-up: source {} ({}), confidence {:.2}; margin {:.2}",
            next.source,
            label(next),
            next.confidence,
            r.margin().unwrap_or(0.0)
        )?,
        None => writeln!(out, "  runner-up: none")?,
    }
    Ok(())
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

fn evidence(out: &mut impl Write, c: &Candidate, pad: &str) -> anyhow::Result<()> {
    let e = &c.evidence;
    writeln!(out, "{pad}shared numbers: {}", list(&e.numbers))?;
    writeln!(out, "{pad}shared dates: {}", list(&e.dates))?;
    writeln!(out, "{pad}shared names: {}", list(&e.names))?;
    writeln!(out, "{pad}shared acronyms: {}", list(&e.acronyms))?;
    writeln!(
        out,
        "{pad}lexicon overlap: {} of {} concepts ({:.2}){}",
        e.concepts_shared,
        e.concepts_article,
        e.lexicon_overlap,
        if e.concepts.is_empty() {
            String::new()
        } else {
            format!(": {}", e.concepts.join(", "))
        }
    )?;
    match (&e.closest_dates, e.date_gap_days) {
        (Some((s, a)), Some(gap)) => writeln!(
            out,
            "{pad}date proximity: source {s}, article {a}: {gap} day{} apart",
            if gap == 1 { "" } else { "s" }
        )?,
        _ => writeln!(
            out,
            "{pad}date proximity: unknown (no full date on one side)"
        )?,
    }
    let f = &e.alignment;
    writeln!(
        out,
        "{pad}lead alignment: {} confident beads over {} source and {} article sentences; aligned share {:.2}, anchors agree {:.2}",
        f.aligned_beads, f.source_sentences, f.article_sentences, f.aligned_share, f.anchor_agreement
    )?;
    writeln!(
        out,
        "{pad}retrieval: {:.2} (article evidence covered {:.2}, source evidence covered {:.2})",
        e.retrieval_score, e.article_coverage, e.source_coverage
    )?;
    Ok(())
}
