//! Scaling check on a synthetic document pair built from the gold beads of all corpora.
//!
//! ```text
//! cargo run --release --example synth -- N [--seed S] [--insert-blocks K] [--repeat-check]
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
//! Prints one human-readable line and one JSON line. `--repeat-check` builds the pair a second
//! time from the same seed, aligns it again and fails unless the beads are identical
//! (determinism of the generator and of the aligner).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use tarjama::align::{self, Bead, Params};
use tarjama::anchors::{self, lexicon::Lexicon};
use tarjama::eval::{self, Gold, GoldBead};
use tarjama::segment;

/// A gold bead with its sentence texts.
struct TextBead {
    en: Vec<String>,
    ar: Vec<String>,
}

/// splitmix64: tiny, deterministic, good enough for sampling.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// All gold beads of all corpora, with texts.
fn gold_beads() -> Vec<TextBead> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").exists())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for d in dirs {
        let texts = |f: &str| -> Vec<String> {
            segment::presegmented(&read(&d.join(f)))
                .into_iter()
                .map(|s| s.text)
                .collect()
        };
        let (en, ar) = (texts("en.sents"), texts("ar.sents"));
        let gold: Gold = serde_json::from_str(&read(&d.join("gold.json")))
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for b in gold.beads {
            out.push(TextBead {
                en: b.en.iter().map(|&i| en[i].clone()).collect(),
                ar: b.ar.iter().map(|&j| ar[j].clone()).collect(),
            });
        }
    }
    out
}

/// A synthetic pair of at least `n` sentences per side and its gold alignment. With `block` > 0,
/// every 1,000 beads or so a run of `block` Arabic sentences with no English counterpart is
/// inserted, the way a long commentary interrupts a translation: drawn from the insertions of the
/// gold pairs (their 0-1 beads).
fn synthesize(
    beads: &[TextBead],
    n: usize,
    seed: u64,
    block: usize,
) -> (Vec<String>, Vec<String>, Gold) {
    let mut rng = SplitMix(seed);
    let inserted: Vec<&String> = beads
        .iter()
        .filter(|b| b.en.is_empty())
        .flat_map(|b| b.ar.iter())
        .collect();
    let (mut en, mut ar, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    while en.len() < n || ar.len() < n {
        if block > 0 && !inserted.is_empty() && rng.below(1000) == 0 {
            for _ in 0..block {
                gold.push(GoldBead {
                    en: vec![],
                    ar: vec![ar.len()],
                });
                ar.push(inserted[rng.below(inserted.len())].clone());
            }
        }
        let b = &beads[rng.below(beads.len())];
        gold.push(GoldBead {
            en: (en.len()..en.len() + b.en.len()).collect(),
            ar: (ar.len()..ar.len() + b.ar.len()).collect(),
        });
        en.extend(b.en.iter().cloned());
        ar.extend(b.ar.iter().cloned());
    }
    (en, ar, Gold { beads: gold })
}

/// Peak resident set size of this process in MB (VmHWM), if /proc is there.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

struct Args {
    n: usize,
    seed: u64,
    block: usize,
    repeat_check: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut n = None;
    let mut seed = 1;
    let mut block = 0;
    let mut repeat_check = false;
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
            _ if n.is_none() => n = Some(a.parse().map_err(|_| format!("bad N: {a}"))?),
            _ => return Err(format!("unexpected argument: {a}")),
        }
    }
    Ok(Args {
        n: n.ok_or("usage: synth N [--seed S] [--insert-blocks K] [--repeat-check]")?,
        seed,
        block,
        repeat_check,
    })
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
    let (en, ar, gold) = synthesize(&beads, args.n, args.seed, args.block);
    let input_mb = peak_mb().unwrap_or(f64::NAN);

    let t0 = Instant::now();
    let pair = anchors::build(&en, &ar, lex);
    let anchors_s = t0.elapsed().as_secs_f64();
    let anchors_mb = peak_mb().unwrap_or(f64::NAN);
    let t1 = Instant::now();
    let predicted: Vec<Bead> = align::align(&pair, &Params::default());
    let align_s = t1.elapsed().as_secs_f64();
    let peak = peak_mb().unwrap_or(f64::NAN);
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
        let (en2, ar2, _) = synthesize(&beads, args.n, args.seed, args.block);
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
