//! The large-export figure: time and peak memory of `tarjama export` over a synthetic workspace of
//! N beads (default 1,000,000).
//!
//! ```text
//! cargo run --release --example export_bench -- [N] [--db PATH] [--per-pair K]
//! ```
//!
//! 1. Builds the workspace at PATH (default `$TMPDIR/tarjama-export-N.db`) unless it exists:
//!    N/K pairs (K = 1000 units per pair by default) imported through the bitext API
//!    (`Tx::add_bitext`, one transaction), the unit texts taken round-robin from the reference
//!    sentences of `corpora/*/{en,ar}.sents`, with an insertion flag on every 20th bead.
//! 2. Exports it as TMX and as TSV, each in a child process (this binary re-run with `--child`)
//!    so that each figure is that export's own: wall time, CPU time and peak resident memory
//!    (VmHWM from /proc/self/status, read when the export is done).
//!
//! Prints one line per format and a JSON line with all figures. The same export through the
//! binary, measured by the kernel instead:
//!
//! ```text
//! /usr/bin/time -v target/release/tarjama --db PATH export --format tmx --out /tmp/x.tmx
//! ```

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;
use support::{add_synthetic_pairs, cpu_seconds, peak_rss_kib, reference_pair};
use tarjama::cli::export::{Args, ExportFormat};
use tarjama::flag::{Flag, FlagKind, Severity};
use tarjama::store::Workspace;

fn build(db: &Path, n: usize, per_pair: usize) -> Result<(), String> {
    let t = Instant::now();
    let (en, ar) = reference_pair()?;
    let (mut ws, _) = Workspace::create(db).map_err(|e| e.to_string())?;
    let flag = Flag {
        kind: FlagKind::Insertion,
        subkind: Some("commentary".into()),
        severity: Severity::Medium,
        src: vec![],
        tgt: vec![],
        span: None,
        reason: "synthetic flag for the export benchmark".into(),
    };
    add_synthetic_pairs(&mut ws, &en, &ar, n, per_pair, &flag).map_err(|e| e.to_string())?;
    eprintln!(
        "built {} ({n} beads) in {:.1} s",
        db.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// In the child: one export, then `{"format":…,"seconds":…,"peak_rss_kib":…,"bytes":…}`.
fn child(db: &Path, format: &str, out: &Path) -> Result<(), String> {
    let f = match format {
        "tmx" => ExportFormat::Tmx,
        "tsv" => ExportFormat::Tsv,
        "xliff" => ExportFormat::Xliff,
        "jsonl" => ExportFormat::Jsonl,
        other => return Err(format!("unknown format {other}")),
    };
    let args = Args {
        format: f,
        out: Some(out.to_path_buf()),
        pair: vec![],
        include_unaligned: false,
        status: vec![],
        min_score: None,
        exclude_flagged: None,
        dedupe: false,
        max_length_ratio: None,
    };
    let t = Instant::now();
    tarjama::cli::export::run(args, db).map_err(|e| format!("{e:#}"))?;
    let secs = t.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({"format": format, "seconds": secs, "cpu_seconds": cpu_seconds(), "peak_rss_kib": peak_rss_kib(), "bytes": bytes})
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|k| args.get(k + 1).cloned())
    };
    if let Some(k) = args.iter().position(|a| a == "--child") {
        let (Some(db), Some(format), Some(out)) =
            (args.get(k + 1), args.get(k + 2), args.get(k + 3))
        else {
            eprintln!("--child DB FORMAT OUT");
            return ExitCode::FAILURE;
        };
        return match child(Path::new(db), format, Path::new(out)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("export_bench: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let n: usize = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .and_then(|a| a.replace(['_', ','], "").parse().ok())
        .unwrap_or(1_000_000);
    let per_pair: usize = opt("--per-pair")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
        .max(1);
    let db = opt("--db")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("tarjama-export-{n}.db")));
    if !db.exists() {
        if let Err(e) = build(&db, n, per_pair) {
            eprintln!("export_bench: {e}");
            return ExitCode::FAILURE;
        }
    } else {
        eprintln!("using the existing workspace {}", db.display());
    }
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("export_bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut figures = Vec::new();
    for format in ["tmx", "tsv"] {
        let out = db.with_extension(format);
        let o = Command::new(&exe)
            .args([
                "--child",
                &db.to_string_lossy(),
                format,
                &out.to_string_lossy(),
            ])
            .output();
        let o = match o {
            Ok(o) if o.status.success() => o,
            Ok(o) => {
                eprintln!("{}", String::from_utf8_lossy(&o.stderr));
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("export_bench: {e}");
                return ExitCode::FAILURE;
            }
        };
        eprint!("{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = match serde_json::from_slice(&o.stdout) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("export_bench: child output: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!(
            "{format}: {n} beads in {:.2} s ({:.2} s CPU), peak RSS {:.1} MiB, {:.0} MiB written to {}",
            v["seconds"].as_f64().unwrap_or(f64::NAN),
            v["cpu_seconds"].as_f64().unwrap_or(f64::NAN),
            v["peak_rss_kib"].as_f64().unwrap_or(f64::NAN) / 1024.0,
            v["bytes"].as_f64().unwrap_or(0.0) / 1048576.0,
            out.display()
        );
        let _ = std::fs::remove_file(&out);
        figures.push(v);
    }
    println!("{}", serde_json::json!({"beads": n, "exports": figures}));
    ExitCode::SUCCESS
}
