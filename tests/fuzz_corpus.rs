//! The fuzz targets on stable Rust: every committed seed and crash-regression input under
//! `fuzz/corpus/TARGET/` is run through the target's body (`tarjama::fuzzing`), the same code
//! `cargo +nightly fuzz run TARGET` exercises. CI cannot install nightly; this keeps the targets
//! compiling and the inputs that once crashed them fixed.

use std::path::{Path, PathBuf};

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target)
}

/// The committed inputs of a target: hand-written seeds (`seed-*`) and crash regressions
/// (`crash-*`). Inputs libFuzzer added during a local run are not committed and not replayed.
fn committed(target: &str) -> Vec<PathBuf> {
    let dir = corpus_dir(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("seed-") || n.starts_with("crash-"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_target_has_seeds() {
    for (name, _) in tarjama::fuzzing::TARGETS {
        assert!(
            committed(name).iter().any(|p| p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("seed-")),
            "no seed for fuzz target {name} in {}",
            corpus_dir(name).display()
        );
        let bin = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/fuzz_targets")
            .join(format!("{name}.rs"));
        assert!(bin.is_file(), "no fuzz binary {}", bin.display());
    }
}

#[test]
fn committed_inputs_replay_cleanly() {
    let mut replayed = 0;
    for (name, body) in tarjama::fuzzing::TARGETS {
        for input in committed(name) {
            let data = std::fs::read(&input).unwrap();
            // A panic names the input, so a failure reads like the fuzzer's report.
            let run = std::panic::catch_unwind(|| body(&data));
            assert!(
                run.is_ok(),
                "fuzz target {name} fails on {}",
                input.display()
            );
            replayed += 1;
        }
    }
    assert!(replayed >= tarjama::fuzzing::TARGETS.len());
}

/// A deterministic generator (xorshift) so that a failing smoke run can be replayed exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that often sit on a parser's edge: markup, separators, quotes, Arabic and bidi marks,
/// a BOM, a lone UTF-8 continuation byte.
const INTERESTING: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"&",
    b"\t",
    b"\n",
    b"\r\n",
    b"\"",
    b"{",
    b"[",
    b"]",
    b"}",
    b"\\",
    b"|",
    "،".as_bytes(),
    "؟".as_bytes(),
    "لا".as_bytes(),
    "\u{200f}".as_bytes(),
    "\u{feff}".as_bytes(),
    b"\x80",
    b"\xff\xfe",
    b"0",
    b"-1",
    b"99999999999999999999",
];

fn mutate(rng: &mut Rng, data: &mut Vec<u8>, other: &[u8]) {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 if !data.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at.min(end)..end);
            }
            2 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                data.splice(at..at, piece.iter().copied());
            }
            3 if !data.is_empty() => {
                // Repeat a chunk many times: deep nesting and long runs.
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(32)).min(data.len());
                let chunk = data[start..end].to_vec();
                for _ in 0..rng.below(64) {
                    data.splice(at..at, chunk.iter().copied());
                }
            }
            4 if !other.is_empty() => {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(64)).min(other.len());
                data.splice(at..at, other[start..end].iter().copied());
            }
            _ => data.truncate(at),
        }
    }
}

/// The CI fuzz smoke run: a few hundred mutations of each target's seeds (bit flips, cuts,
/// edge bytes, repeated chunks, splices of another seed) through the target's body on stable
/// Rust. The long runs are the nightly libFuzzer ones (fuzz/run_all.sh); this one catches a
/// regression that a seed alone does not reach.
#[test]
fn mutated_seeds_smoke() {
    const ROUNDS: usize = 300;
    let mut rng = Rng(0x7a72_6a61_6d61_0001);
    let mut runs = 0;
    for (name, body) in tarjama::fuzzing::TARGETS {
        let seeds: Vec<Vec<u8>> = committed(name)
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect();
        // The whole check pipeline is slower per input than a parser; fewer rounds keep the
        // smoke run within seconds in a debug build.
        let rounds = if *name == "check" {
            ROUNDS / 10
        } else {
            ROUNDS
        };
        for round in 0..rounds {
            let mut data = seeds[rng.below(seeds.len())].clone();
            let other = &seeds[rng.below(seeds.len())];
            mutate(&mut rng, &mut data, other);
            let run = std::panic::catch_unwind(|| body(&data));
            assert!(
                run.is_ok(),
                "fuzz target {name} fails on mutation round {round}; input bytes: {data:?}"
            );
            runs += 1;
        }
    }
    println!("fuzz smoke: {runs} mutated inputs, no failure");
    assert!(runs >= tarjama::fuzzing::TARGETS.len() * ROUNDS / 2);
}
