//! Automatic pairing at scale: synthetic Arabic articles against synthetic English statements.
//!
//! ```text
//! cargo run --release --example pairing_bench -- --articles 1000 --statements 10000 \
//!     [--seed S] [--threads N] [--workspace PATH]
//! ```
//!
//! The gold beads of corpora/* (English and Arabic sentence texts, null beads included) are
//! sampled with a small deterministic PRNG (splitmix64). Article k takes 8–14 random beads, in
//! random order (five in six with text on both sides, the others any bead, insertions and
//! omissions included): its Arabic sides are the article, its English sides statement k, its true
//! source. Every other statement is built the same way from its own beads, English sides only.
//! Each document gets its own figures: the digits 1–9 of every number are permuted with a
//! permutation of its own (0 stays 0, so "13,000" and "١٣ ألف" stay equal, and years stay
//! years), the same one for an article and its source. Half of the other statements also have
//! their people renamed. Statements are dated over three years; an article is dated 0–2 days
//! after its source.
//!
//! The workspace is built through the library's store API in a temporary directory (indexing
//! happens on add, as with `tarjama add`), then `pair::auto` is timed on its own. Prints the time,
//! the accuracy against the true sources and the peak resident memory (VmHWM) of the build and
//! of the pairing step (the peak is reset in between through /proc/self/clear_refs), as a
//! human-readable line and a JSON line.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::process::ExitCode;
use std::time::Instant;
use support::{cpu_seconds, gold_beads, peak_rss_mb, SplitMix};
use tarjama::pair::{self, Options, Outcome};
use tarjama::segment;
use tarjama::store::{NewDocument, Workspace};
use tarjama::text::Lang;

/// People named in the English corpora, and made-up names that replace them.
const PEOPLE: &[&str] = &[
    "Talbot",
    "Al-Mutairi",
    "Fahad",
    "Nasser",
    "Karen",
    "Ellison",
    "Margaret",
    "Saade",
    "Michel",
    "Caldwell",
    "Marcus",
    "Mansour",
    "Sherif",
    "Hamdy",
    "Tarek",
    "Morrell",
    "Andrew",
    "Karwan",
    "Hama",
    "Rashid",
    "Thabit",
    "al-Abbasi",
    "Celeste",
    "Wallander",
    "Lloyd",
    "Austin",
];
const OTHERS: &[&str] = &[
    "Harlow",
    "Benning",
    "Whitcombe",
    "Okafor",
    "Lindqvist",
    "Marchetti",
    "Brennan",
    "Castellano",
    "Dufresne",
    "Kowalski",
    "Nakamura",
    "Ferreira",
    "Osei",
    "Petrov",
    "Sandoval",
    "Thornbury",
    "Valdez",
    "Winslow",
    "Yilmaz",
    "Gustafson",
    "Obradovic",
    "Quintero",
    "Rasmussen",
    "Tanaka",
];

/// A permutation of the digits 1–9 (0 stays 0).
fn digit_permutation(rng: &mut SplitMix) -> [u32; 10] {
    let mut p = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    for i in (2..10).rev() {
        let j = 1 + rng.below(i);
        p.swap(i, j);
    }
    p
}

/// Applies a digit permutation to every number of `text` except years (4 digits, 19xx/20xx).
/// Digits in any script come out as ASCII digits.
fn perturb_numbers(text: &str, p: &[u32; 10]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Vec<u32> = Vec::new();
    let flush = |run: &mut Vec<u32>, out: &mut String| {
        let year = run.len() == 4 && matches!((run[0], run[1]), (1, 9) | (2, 0));
        for &d in run.iter() {
            let d = if year { d } else { p[d as usize] };
            out.push(char::from_digit(d, 10).unwrap_or('0'));
        }
        run.clear();
    };
    for c in text.chars() {
        match c.to_digit(10).or_else(|| eastern_digit(c)) {
            Some(d) => run.push(d),
            None => {
                flush(&mut run, &mut out);
                out.push(c);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

fn eastern_digit(c: char) -> Option<u32> {
    match c {
        '٠'..='٩' => Some(c as u32 - '٠' as u32),
        '۰'..='۹' => Some(c as u32 - '۰' as u32),
        _ => None,
    }
}

fn rename_people(text: &str, names: &[usize]) -> String {
    let mut t = text.to_string();
    for (k, person) in PEOPLE.iter().enumerate() {
        if t.contains(person) {
            t = t.replace(person, OTHERS[names[k] % OTHERS.len()]);
        }
    }
    t
}

/// A synthetic document: its sentences, one per line, and its date.
pub struct Doc {
    pub text: String,
    pub date: String,
}

/// Articles (Arabic) and statements (English); statement k is the source of article k.
pub fn synthesize(articles: usize, statements: usize, seed: u64) -> (Vec<Doc>, Vec<Doc>) {
    let beads = gold_beads();
    let mut rng = SplitMix(seed);
    let (mut ar_docs, mut en_docs) = (Vec::new(), Vec::new());
    for k in 0..statements.max(articles) {
        let n = 8 + rng.below(7);
        let picked: Vec<usize> = (0..n)
            .map(|_| {
                // Mostly translated sentences; some insertions and omissions.
                let any = rng.below(6) == 0;
                loop {
                    let b = rng.below(beads.len());
                    if any || !(beads[b].en.is_empty() || beads[b].ar.is_empty()) {
                        break b;
                    }
                }
            })
            .collect();
        let p = digit_permutation(&mut rng);
        let rename = k >= articles && rng.below(2) == 0;
        let names: Vec<usize> = PEOPLE.iter().map(|_| rng.below(OTHERS.len())).collect();
        let day = rng.below(3 * 365) as i64;
        let en: Vec<String> = picked
            .iter()
            .flat_map(|&b| beads[b].en.iter())
            .map(|s| perturb_numbers(s, &p))
            .map(|s| if rename { rename_people(&s, &names) } else { s })
            .collect();
        en_docs.push(Doc {
            text: en.join("\n"),
            date: iso(day),
        });
        if k < articles {
            let ar: Vec<String> = picked
                .iter()
                .flat_map(|&b| beads[b].ar.iter())
                .map(|s| perturb_numbers(s, &p))
                .collect();
            ar_docs.push(Doc {
                text: ar.join("\n"),
                date: iso(day + rng.below(3) as i64),
            });
        }
    }
    (ar_docs, en_docs)
}

/// ISO date of a day number counted from 2023-01-01.
fn iso(day: i64) -> String {
    let z = day + 19_358 + 719_468; // 2023-01-01 is day 19358 of the Unix epoch
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Stores the documents; returns the ids of the articles and of the statements.
pub fn build(ws: &mut Workspace, ar: &[Doc], en: &[Doc]) -> tarjama::Result<(Vec<i64>, Vec<i64>)> {
    ws.write(|tx| {
        let add = |d: &Doc, lang: Lang, k: usize| -> tarjama::Result<i64> {
            let sentences = segment::presegmented(&d.text);
            let origin = format!("synthetic-{}-{k}", lang.code());
            let (id, _) = tarjama::pair::index::add_document(
                tx,
                &NewDocument {
                    lang,
                    title: None,
                    date: Some(&d.date),
                    url: None,
                    outlet: None,
                    origin: &origin,
                    raw_text: &d.text,
                    sentences: &sentences,
                },
                &|| {},
            )?;
            Ok(id)
        };
        let en_ids = en
            .iter()
            .enumerate()
            .map(|(k, d)| add(d, Lang::En, k))
            .collect::<tarjama::Result<Vec<_>>>()?;
        let ar_ids = ar
            .iter()
            .enumerate()
            .map(|(k, d)| add(d, Lang::Ar, k))
            .collect::<tarjama::Result<Vec<_>>>()?;
        Ok((ar_ids, en_ids))
    })
}

struct Args {
    articles: usize,
    statements: usize,
    seed: u64,
    threads: Option<usize>,
    /// Build the workspace here and keep it (for `tarjama pair --suggest` on it).
    workspace: Option<std::path::PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        articles: 1000,
        statements: 10_000,
        seed: 1,
        threads: None,
        workspace: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            let v = it.next().ok_or(format!("{name} needs a value"))?;
            v.parse().map_err(|_| format!("{name}: not a number: {v}"))
        };
        match flag.as_str() {
            "--articles" => a.articles = value("--articles")? as usize,
            "--statements" => a.statements = value("--statements")? as usize,
            "--seed" => a.seed = value("--seed")?,
            "--threads" => a.threads = Some(value("--threads")? as usize),
            "--workspace" => a.workspace = Some(it.next().ok_or("--workspace needs a path")?.into()),
            _ => return Err(format!("unexpected argument: {flag}\nusage: pairing_bench [--articles N] [--statements N] [--seed S] [--threads N] [--workspace PATH]")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let t = Instant::now();
    let (ar, en) = synthesize(args.articles, args.statements, args.seed);
    let generate_s = t.elapsed().as_secs_f64();
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("temporary directory: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = (|| -> tarjama::Result<(f64, f64, f64, usize, usize, usize)> {
        let path = args
            .workspace
            .clone()
            .unwrap_or_else(|| dir.path().join("bench.db"));
        if path.exists() {
            return Err(tarjama::Error::Invalid(format!(
                "{}: already exists",
                path.display()
            )));
        }
        let (mut ws, _) = Workspace::create(&path)?;
        let t = Instant::now();
        let (ar_ids, en_ids) = build(&mut ws, &ar, &en)?;
        let build_s = t.elapsed().as_secs_f64();
        let build_peak = peak_rss_mb().unwrap_or(0.0);
        // Reset the peak so that the pairing step's own peak is measured.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let mut opts = Options::default();
        if let Some(n) = args.threads {
            opts.threads = n;
        }
        let t = Instant::now();
        let cpu0 = cpu_seconds().unwrap_or(0.0);
        let results = ws.write(|tx| pair::auto(tx, &opts))?;
        let pair_s = t.elapsed().as_secs_f64();
        let pair_cpu_s = cpu_seconds().unwrap_or(0.0) - cpu0;
        let truth: std::collections::HashMap<i64, i64> =
            ar_ids.iter().copied().zip(en_ids.iter().copied()).collect();
        let (mut paired, mut right) = (0, 0);
        for r in &results {
            if let Outcome::Paired { source, .. } = r.outcome {
                paired += 1;
                right += usize::from(truth.get(&r.ranking.article) == Some(&source));
            }
        }
        println!(
            "built {} articles + {} statements in {build_s:.1} s (generated in {generate_s:.1} s, peak {build_peak:.0} MB)",
            ar_ids.len(),
            en_ids.len()
        );
        Ok((build_s, pair_s, pair_cpu_s, results.len(), paired, right))
    })();
    let (build_s, pair_s, pair_cpu_s, n, paired, right) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pairing_bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let peak = peak_rss_mb().unwrap_or(0.0);
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!(
        "paired {paired} of {n} articles in {pair_s:.2} s on {threads} thread(s) ({pair_cpu_s:.2} s of CPU), {right} with their true source; peak RSS during pairing {peak:.0} MB"
    );
    println!(
        "{}",
        serde_json::json!({
            "articles": args.articles, "statements": args.statements, "seed": args.seed,
            "threads": threads, "build_s": build_s, "pair_s": pair_s, "pair_cpu_s": pair_cpu_s,
            "paired": paired, "right": right, "peak_rss_mb": peak,
        })
    );
    ExitCode::SUCCESS
}
