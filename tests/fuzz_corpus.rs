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
