//! Generates a corpus of news-size pairs for `tarjama batch` (and the Spark example), as JSON
//! Lines on standard output.
//!
//! ```text
//! cargo run --release --example batch_corpus -- N [--sentences S] [--seed X] [--presegmented] [--bad-at K]...
//! ```
//!
//! Each record `{"id": "pN", "source", "target"}` is a synthetic pair of about S sentences a side
//! (default 30, a news article) built like `synth`'s: gold beads of corpora/* sampled with a
//! deterministic PRNG, so the same arguments give the same corpus. The text is raw (one sentence
//! per line, segmented by `batch` as `check` segments a file), or lists of sentences with
//! `--presegmented`. `--bad-at K` makes record K a bad one (an empty target), for the check that
//! one bad record is reported while the others are all there.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::io::{BufWriter, Write};
use std::process::ExitCode;
use support::{gold_beads, synthetic_pair};

fn main() -> ExitCode {
    let mut n = None;
    let mut sentences = 30;
    let mut seed = 1u64;
    let mut presegmented = false;
    let mut bad = Vec::new();
    let mut it = std::env::args().skip(1);
    let usage = "usage: batch_corpus N [--sentences S] [--seed X] [--presegmented] [--bad-at K]...";
    while let Some(a) = it.next() {
        let mut value = |name: &str| -> Option<usize> {
            let v = it.next()?;
            v.parse()
                .map_err(|_| eprintln!("batch_corpus: {name} needs a number, got {v}"))
                .ok()
        };
        let ok = match a.as_str() {
            "--sentences" => value("--sentences").map(|v| sentences = v),
            "--seed" => value("--seed").map(|v| seed = v as u64),
            "--bad-at" => value("--bad-at").map(|v| bad.push(v)),
            "--presegmented" => {
                presegmented = true;
                Some(())
            }
            _ => a.parse().ok().map(|v| n = Some(v)),
        };
        if ok.is_none() {
            eprintln!("{usage}");
            return ExitCode::FAILURE;
        }
    }
    let Some(n) = n else {
        eprintln!("{usage}");
        return ExitCode::FAILURE;
    };
    let beads = gold_beads();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for i in 0..n {
        let id = format!("p{i}");
        let (en, ar, _) = synthetic_pair(
            &beads,
            sentences,
            seed.wrapping_mul(1_000_003) + i as u64,
            0,
        );
        let record = if bad.contains(&i) {
            serde_json::json!({"id": id, "source": en.join("\n"), "target": ""})
        } else if presegmented {
            serde_json::json!({"id": id, "source": en, "target": ar, "presegmented": true})
        } else {
            serde_json::json!({"id": id, "source": en.join("\n"), "target": ar.join("\n")})
        };
        if writeln!(out, "{record}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
