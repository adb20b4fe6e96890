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

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;
use tarjama::cli::export::{Args, ExportFormat};
use tarjama::flag::{Flag, FlagKind, Severity};
use tarjama::ingest::bitext::{Bitext, Unit};
use tarjama::store::bitext::BitextMeta;
use tarjama::store::Workspace;

fn sents(file: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("corpora/")
        .filter_map(|e| e.ok().map(|e| e.path().join(file)))
        .filter(|p| p.is_file())
        .collect();
    dirs.sort();
    dirs.iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
                .lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Peak resident set size of this process in KiB (VmHWM), if /proc tells.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn build(db: &Path, n: usize, per_pair: usize) -> Result<(), String> {
    let t = Instant::now();
    let (en, ar) = (sents("en.sents"), sents("ar.sents"));
    if en.is_empty() || ar.is_empty() {
        return Err("no reference sentences under corpora/".into());
    }
    let (mut ws, _) = Workspace::create(db).map_err(|e| e.to_string())?;
    ws.write(|tx| {
        let mut made = 0;
        let mut p = 0;
        while made < n {
            let k = per_pair.min(n - made);
            // The pair number in the first unit keeps documents distinct (content hash).
            let units: Vec<Unit> = (0..k)
                .map(|i| {
                    let g = made + i;
                    let tag = if i == 0 {
                        format!(" [{p}]")
                    } else {
                        String::new()
                    };
                    Unit {
                        en: format!("{}{tag}", en[g % en.len()]),
                        ar: format!("{}{tag}", ar[g % ar.len()]),
                    }
                })
                .collect();
            let b = Bitext {
                origin: PathBuf::from(format!("synthetic-{p}")),
                units,
                skipped: 0,
            };
            let imported = tx.add_bitext(&b, &BitextMeta::default())?;
            let src: Vec<i64> = tx
                .sentences(imported.source_id)?
                .iter()
                .map(|s| s.id)
                .collect();
            let tgt: Vec<i64> = tx
                .sentences(imported.article_id)?
                .iter()
                .map(|s| s.id)
                .collect();
            let flags: Vec<Flag> = (0..k)
                .step_by(20)
                .map(|j| Flag {
                    kind: FlagKind::Insertion,
                    subkind: Some("commentary".into()),
                    severity: Severity::Medium,
                    src: vec![j],
                    tgt: vec![j],
                    span: None,
                    reason: "synthetic flag for the export benchmark".into(),
                })
                .collect();
            tx.store_flags(imported.pair_id, &flags, &src, &tgt)?;
            made += k;
            p += 1;
        }
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    eprintln!(
        "built {} ({n} beads) in {:.1} s",
        db.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// CPU time (user + system) of this process in seconds, from /proc/self/stat; it is what the
/// export costs even when other processes compete for the machine and stretch the wall time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // The kernel reports in USER_HZ, 100 on every Linux platform Rust supports.
    Some(ticks / 100.0)
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
