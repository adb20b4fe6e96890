//! `tarjama eval DIR...`: alignment (and segmentation) quality on gold corpora. A DIR is a pair
//! folder (en.sents, ar.sents, gold.json; en.txt, ar.txt for segmentation) or a folder of them.

use crate::anchors::dictionaries;
use crate::eval::{self, Gold, Prf};
use crate::pipeline;
use crate::segment;
use crate::text::Lang;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tarjama eval corpora\n  tarjama eval --perturb corpora/dev-01 tests/data/phenomena/flags-faithful --seed 1 --verbose\n  tarjama eval corpora/jscd-2023 --json\n  tarjama eval corpora --segmentation\n  tarjama eval corpora --lexicon /usr/share/dictd/freedict-ara-eng.index"
)]
pub struct Args {
    /// Pair folders, or folders of pair folders.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Score sentence segmentation of en.txt/ar.txt against en.sents/ar.sents instead.
    #[arg(long)]
    pub segmentation: bool,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
    /// Extra dictionaries to use (FreeDict .index, Buckwalter, TSV).
    #[arg(long)]
    pub lexicon: Vec<PathBuf>,
    #[command(flatten)]
    pub model: super::ModelArgs,
    /// Perturbation benchmark of the flag detectors: DIRs are faithful pairs; one change at a
    /// time is injected into the Arabic and the flags are scored (see README).
    #[arg(long, conflicts_with = "segmentation")]
    pub perturb: bool,
    /// Seed of the injections (--perturb).
    #[arg(long, default_value_t = 1, requires = "perturb")]
    pub seed: u64,
    /// Injections per class per pair, at most (--perturb).
    #[arg(long, default_value_t = 4, requires = "perturb")]
    pub per_pair: usize,
    /// List the misses of each class (--perturb; the JSON always has them).
    #[arg(long, short, requires = "perturb")]
    pub verbose: bool,
    /// Injections a class gets overall, taking more per pair when the pairs have the sites
    /// (--perturb; 0 turns the top-up off).
    #[arg(long, default_value_t = 20, requires = "perturb")]
    pub min_per_class: usize,
    /// Misses listed per class (--perturb).
    #[arg(long, default_value_t = 5, requires = "perturb")]
    pub misses: usize,
    /// Only list the injections (pair, class, sentence, before → after), without analysing.
    #[arg(long, requires = "perturb")]
    pub list: bool,
    /// Do not use the system's FreeDict dictionaries (--perturb uses them when installed, as
    /// `check` does).
    #[arg(long, requires = "perturb")]
    pub no_system_lexicon: bool,
}

#[derive(Serialize)]
struct PairScore {
    pair: String,
    bead: Prf,
    link: Prf,
}

#[derive(Serialize)]
struct SegScore {
    pair: String,
    boundary: Prf,
}

/// Pair folders under the given paths, sorted.
pub fn pair_dirs(dirs: &[PathBuf]) -> crate::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for d in dirs {
        if d.join("gold.json").exists() {
            out.push(d.clone());
            continue;
        }
        let rd = std::fs::read_dir(d).map_err(|e| crate::Error::io(d, e))?;
        let mut subs: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("gold.json").exists())
            .collect();
        subs.sort();
        if subs.is_empty() {
            return Err(crate::Error::Invalid(format!(
                "{}: no gold.json here or in its subfolders",
                d.display()
            )));
        }
        out.extend(subs);
    }
    Ok(out)
}

fn lines(p: &Path) -> crate::Result<Vec<segment::Sentence>> {
    Ok(segment::presegmented(&crate::ingest::read_text(p)?))
}

fn name(d: &Path) -> String {
    d.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

pub fn run(a: Args) -> anyhow::Result<()> {
    let dirs = pair_dirs(&a.dirs)?;
    if a.segmentation {
        return segmentation(&dirs, a.json);
    }
    if a.perturb {
        return perturb(&dirs, &a);
    }
    let lex = dictionaries::with_files(&a.lexicon)?;
    let encoder = a.model.load()?;
    let mut scores = Vec::new();
    for d in &dirs {
        let gold: Gold = serde_json::from_str(&crate::ingest::read_text(&d.join("gold.json"))?)
            .map_err(|e| crate::Error::Parse {
                path: d.join("gold.json"),
                message: e.to_string(),
            })?;
        let analysis = pipeline::analyse(
            lines(&d.join("en.sents"))?,
            lines(&d.join("ar.sents"))?,
            pipeline::Resources {
                lexicon: &lex,
                encoder: encoder.as_ref(),
            },
            &[],
        );
        let (bead, link) = eval::score(&gold, &analysis.beads);
        scores.push(PairScore {
            pair: name(d),
            bead,
            link,
        });
    }
    let n = scores.len().max(1) as f64;
    let mean = |f: &dyn Fn(&PairScore) -> f64| scores.iter().map(f).sum::<f64>() / n;
    let mean_bead = Prf {
        p: mean(&|s| s.bead.p),
        r: mean(&|s| s.bead.r),
        f1: mean(&|s| s.bead.f1),
    };
    let mean_link = Prf {
        p: mean(&|s| s.link.p),
        r: mean(&|s| s.link.r),
        f1: mean(&|s| s.link.f1),
    };
    let min_f1 = scores
        .iter()
        .map(|s| s.bead.f1)
        .fold(f64::INFINITY, f64::min);
    if a.json {
        println!(
            "{}",
            serde_json::json!({"pairs": scores, "mean": {"bead": mean_bead, "link": mean_link}, "min_bead_f1": min_f1})
        );
    } else {
        println!(
            "{:<14} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}",
            "pair", "bead P", "bead R", "bead F1", "link P", "link R", "link F1"
        );
        for s in &scores {
            println!(
                "{:<14} {:>7.4} {:>7.4} {:>7.4}   {:>7.4} {:>7.4} {:>7.4}",
                s.pair, s.bead.p, s.bead.r, s.bead.f1, s.link.p, s.link.r, s.link.f1
            );
        }
        println!(
            "{:<14} {:>7.4} {:>7.4} {:>7.4}   {:>7.4} {:>7.4} {:>7.4}",
            "mean", mean_bead.p, mean_bead.r, mean_bead.f1, mean_link.p, mean_link.r, mean_link.f1
        );
        println!("lowest bead F1: {min_f1:.4}");
    }
    Ok(())
}

fn segmentation(dirs: &[PathBuf], json: bool) -> anyhow::Result<()> {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    let mut rows = Vec::new();
    for d in dirs {
        let (mut ptp, mut pnp, mut png) = (0, 0, 0);
        for (raw, sents, lang) in [
            ("en.txt", "en.sents", Lang::En),
            ("ar.txt", "ar.sents", Lang::Ar),
        ] {
            let text = crate::ingest::read_text(&d.join(raw))?;
            let gold = lines(&d.join(sents))?;
            let pred = segment::segment(&text, lang);
            let g = eval::boundaries(gold.iter().map(|s| s.text.as_str()));
            let p = eval::boundaries(pred.iter().map(|s| s.text.as_str()));
            let (a, b, c) = eval::boundary_counts(&g, &p);
            ptp += a;
            pnp += b;
            png += c;
            if !json && (a != b || a != c) {
                println!("{} {sents}: missed {}, extra {}", name(d), c - a, b - a);
            }
        }
        tp += ptp;
        np += pnp;
        ng += png;
        rows.push(SegScore {
            pair: name(d),
            boundary: Prf::new(ptp, pnp, png),
        });
    }
    let all = Prf::new(tp, np, ng);
    if json {
        println!("{}", serde_json::json!({"pairs": rows, "overall": all}));
    } else {
        for r in &rows {
            println!(
                "{:<14} boundary P {:.4} R {:.4} F1 {:.4}",
                r.pair, r.boundary.p, r.boundary.r, r.boundary.f1
            );
        }
        println!(
            "{:<14} boundary P {:.4} R {:.4} F1 {:.4}",
            "overall", all.p, all.r, all.f1
        );
    }
    Ok(())
}

/// `eval --perturb`: the lexicon chosen as `check` chooses it, so the benchmark measures what
/// users get.
fn perturb(dirs: &[PathBuf], a: &Args) -> anyhow::Result<()> {
    use crate::eval::perturb;
    let mut files = a.lexicon.clone();
    let system = if a.no_system_lexicon {
        Vec::new()
    } else {
        dictionaries::system_freedict()
    };
    files.extend(system.iter().cloned());
    let lex = dictionaries::with_files(&files)?;
    let lexicon = if files.is_empty() {
        "built-in glossary only".to_string()
    } else {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let what = if system.is_empty() {
            "built-in glossary +"
        } else {
            "built-in glossary + system FreeDict:"
        };
        format!("{what} {}", names.join(", "))
    };
    let pairs = dirs
        .iter()
        .map(|d| perturb::Pair::load(d))
        .collect::<crate::Result<Vec<_>>>()?;
    let opts = perturb::Options {
        seed: a.seed,
        per_pair: a.per_pair,
        min_per_class: a.min_per_class,
        misses: a.misses,
        threads: std::thread::available_parallelism().map_or(2, |n| n.get().min(4)),
    };
    if a.list {
        for i in perturb::injections(&pairs, &opts) {
            println!(
                "{}\t{}\tar[{}]\t{}\t→\t{}",
                pairs[i.pair].name,
                i.class.as_str(),
                i.sentence,
                i.before,
                i.after
            );
        }
        return Ok(());
    }
    let encoder = a.model.load()?;
    let res = pipeline::Resources {
        lexicon: &lex,
        encoder: encoder.as_ref(),
    };
    let mut report = perturb::run(&pairs, res, &opts);
    report.lexicon = lexicon;
    if a.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.text(a.verbose));
    }
    Ok(())
}
