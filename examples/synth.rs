//! Scaling check on a synthetic document pair built from the gold beads of all corpora.
//!
//! ```text
//! cargo run --release --example synth -- N [--seed S] [--insert-blocks K] [--repeat-check] [--write DIR]
//! ```
//!
//! Every gold bead of corpora/* (with its English and Arabic sentence texts, null beads included)
//! is collected; beads are then sampled with a small deterministic PRNG (splitmix64) and
//! concatenated until each side has at least N sentences. The gold alignment of the synthetic pair
//! is the sampled beads with their indices offset. Adjacent beads come from unrelated documents,
//! which is fine: the point is time, memory growth and that accuracy holds at scale.
//!
//! `--insert-blocks K` also inserts, about every 1,000 beads, a run of K Arabic sentences with no
//! English counterpart: long insertions that a narrow band must not lose the path over.
//!
//! `--write DIR` also writes the pair as a corpus folder (`en.sents`, `ar.sents`, `gold.json`),
//! for the command line: `tarjama check DIR/en.sents DIR/ar.sents --presegmented`, `tarjama eval
//! DIR`.
//!
//! Prints one human-readable line and one JSON line. `--repeat-check` builds the pair a second
//! time from the same seed, aligns it again and fails unless the beads are identical
//! (determinism of the generator and of the aligner).

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::process::ExitCode;
use std::time::Instant;
use support::{gold_beads, peak_rss_mb, synthetic_pair};
use tarjama::align::{self, Bead, Params};
use tarjama::anchors::{self, lexicon::Lexicon};
use tarjama::eval;

struct Args {
    n: usize,
    seed: u64,
    block: usize,
    repeat_check: bool,
    write: Option<std::path::PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut n = None;
    let mut seed = 1;
    let mut block = 0;
    let mut repeat_check = false;
    let mut write = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a value")?;
                seed = v.parse().map_err(|_| format!("bad seed: {v}"))?;
            }
            "--insert-blocks" => {
                let v = it.next().ok_or("--insert-blocks needs a value")?;
                block = v.parse().map_err(|_| format!("bad block size: {v}"))?;
            }
            "--repeat-check" => repeat_check = true,
            "--write" => write = Some(it.next().ok_or("--write needs a folder")?.into()),
            _ if n.is_none() => n = Some(a.parse().map_err(|_| format!("bad N: {a}"))?),
            _ => return Err(format!("unexpected argument: {a}")),
        }
    }
    Ok(Args {
        n: n.ok_or("usage: synth N [--seed S] [--insert-blocks K] [--repeat-check] [--write DIR]")?,
        seed,
        block,
        repeat_check,
        write,
    })
}

/// The pair as a corpus folder: one sentence a line per language, and the gold beads.
fn write_corpus(
    dir: &std::path::Path,
    en: &[String],
    ar: &[String],
    gold: &eval::Gold,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("en.sents"), en.join("\n") + "\n")?;
    std::fs::write(dir.join("ar.sents"), ar.join("\n") + "\n")?;
    std::fs::write(dir.join("gold.json"), serde_json::to_string(gold)?)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let beads = gold_beads();
    let lex = Lexicon::builtin();
    let (en, ar, gold) = synthetic_pair(&beads, args.n, args.seed, args.block);
    if let Some(dir) = &args.write {
        if let Err(e) = write_corpus(dir, &en, &ar, &gold) {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    let input_mb = peak_rss_mb().unwrap_or(f64::NAN);

    let t0 = Instant::now();
    let pair = anchors::build(&en, &ar, lex);
    let anchors_s = t0.elapsed().as_secs_f64();
    let anchors_mb = peak_rss_mb().unwrap_or(f64::NAN);
    let t1 = Instant::now();
    let predicted: Vec<Bead> = align::align(&pair, &Params::default());
    let align_s = t1.elapsed().as_secs_f64();
    let peak = peak_rss_mb().unwrap_or(f64::NAN);
    let (bead, link) = eval::score(&gold, &predicted);

    println!(
        "synth n={} seed={}: {} en / {} ar sentences ({} gold beads from {} distinct); anchors {:.3}s, align {:.3}s, total {:.3}s; peak {:.1} MB (after input {:.1}, after anchors {:.1}); bead F1 {:.4}, link F1 {:.4}",
        args.n,
        args.seed,
        en.len(),
        ar.len(),
        gold.beads.len(),
        beads.len(),
        anchors_s,
        align_s,
        anchors_s + align_s,
        peak,
        input_mb,
        anchors_mb,
        bead.f1,
        link.f1
    );
    println!(
        "{}",
        serde_json::json!({
            "n_src": en.len(),
            "n_tgt": ar.len(),
            "anchors_s": anchors_s,
            "align_s": align_s,
            "total_s": anchors_s + align_s,
            "peak_mb": peak,
            "bead_f1": bead.f1,
            "link_f1": link.f1,
        })
    );

    if args.repeat_check {
        drop(pair);
        let (en2, ar2, _) = synthetic_pair(&beads, args.n, args.seed, args.block);
        let again = align::align(&anchors::build(&en2, &ar2, lex), &Params::default());
        if en2 != en || ar2 != ar || again != predicted {
            eprintln!(
                "repeat-check FAILED: a second run with seed {} differs",
                args.seed
            );
            return ExitCode::FAILURE;
        }
        println!("repeat-check: identical pair and beads on a second run");
    }
    ExitCode::SUCCESS
}
