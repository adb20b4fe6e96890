//! The figures of the views of a large pair: `report` (text, HTML, JSON) and the review screen.
//!
//! ```text
//! cargo run --release --example views_bench -- [N] [--db PATH] [--pair P] [--repeat R]
//! ```
//!
//! Without `--db`, builds (unless it exists) the workspace `$TMPDIR/tarjama-views-N.db`: one
//! pair of N confirmed beads (default 30,000) imported through the bitext API, the sentence texts
//! taken round-robin from `corpora/*/{en,ar}.sents`, with a flag on every third bead (a span
//! flag on the Arabic sentence, or on the English one, or a sentence-level flag, in turn). With
//! `--db PATH --pair P` it measures a workspace you made, for example with `tarjama add`,
//! `pair` and `align` on the files of `synth N --write DIR`.
//!
//! Then times, in this process (wall and CPU time, best of R runs, default 3):
//! - loading the pair (`Tx::analysis`, what `report` and `show` read);
//! - writing the text, HTML and JSON reports (into memory);
//! - the review screen: opening it (`App::load` and the first frame on a 160×50 test terminal),
//!   and the time to answer each key (the key and the next frame): moves (`j`, `PgDn`, `G`,
//!   `g`), finding the next flagged and unconfirmed bead (`f`, `n`), and two keys that write,
//!   `c` (confirm, saved in its own transaction) and `u` (undo it). The workspace is changed
//!   by those two and left as it was after them.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use support::{cpu_seconds, import_units, peak_rss_mb, reference_pair};
use tarjama::export::report::{self, Rtl};
use tarjama::flag::{Flag, FlagKind, Severity, Side, Span};
use tarjama::ingest::bitext::Unit;
use tarjama::review::tui::App;
use tarjama::store::Workspace;

fn build(db: &Path, n: usize) -> Result<i64, String> {
    let t = Instant::now();
    let (en, ar) = reference_pair()?;
    let (mut ws, _) = Workspace::create(db).map_err(|e| e.to_string())?;
    let pair = ws
        .write(|tx| {
            let units: Vec<Unit> = (0..n)
                .map(|g| Unit {
                    en: en[g % en.len()].clone(),
                    ar: ar[g % ar.len()].clone(),
                })
                .collect();
            let (pair_id, src, tgt) = import_units(tx, PathBuf::from("synthetic-views"), units)?;
            let span = |side: Side, j: usize, text: &str| {
                let end = text.chars().count().min(6);
                Some(Span {
                    side,
                    sentence: j,
                    start: 0,
                    end,
                    text: text.chars().take(end).collect(),
                })
            };
            let flags: Vec<Flag> = (0..n)
                .step_by(3)
                .map(|j| {
                    let (kind, severity, span) = match (j / 3) % 3 {
                        0 => (
                            FlagKind::NumberMismatch,
                            Severity::High,
                            span(Side::Tgt, j, &ar[j % ar.len()]),
                        ),
                        1 => (
                            FlagKind::NameMismatch,
                            Severity::Medium,
                            span(Side::Src, j, &en[j % en.len()]),
                        ),
                        _ => (FlagKind::Insertion, Severity::Low, None),
                    };
                    Flag {
                        kind,
                        subkind: None,
                        severity,
                        src: vec![j],
                        tgt: vec![j],
                        span,
                        reason: "synthetic flag for the views benchmark".into(),
                    }
                })
                .collect();
            tx.store_flags(pair_id, &flags, &src, &tgt)?;
            Ok(pair_id)
        })
        .map_err(|e| e.to_string())?;
    eprintln!(
        "built {} ({n} beads) in {:.1} s",
        db.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(pair)
}

/// Best wall and CPU seconds of `r` runs of `f`.
fn best<T>(r: usize, mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let mut wall = f64::INFINITY;
    let mut cpu = f64::INFINITY;
    let mut last = None;
    for _ in 0..r.max(1) {
        let c0 = cpu_seconds().unwrap_or(0.0);
        let t = Instant::now();
        let v = f();
        wall = wall.min(t.elapsed().as_secs_f64());
        cpu = cpu.min(cpu_seconds().unwrap_or(0.0) - c0);
        last = Some(v);
    }
    (wall, cpu, last.expect("at least one run"))
}

fn run(db: &Path, pair: i64, repeat: usize) -> Result<serde_json::Value, String> {
    let e = |e: tarjama::Error| e.to_string();
    let mut ws = Workspace::open(db).map_err(e)?;
    let mut figures = serde_json::Map::new();
    let mut line = |name: &str, wall: f64, cpu: f64| {
        println!(
            "{name:<28} {:>8.1} ms wall {:>8.1} ms CPU",
            wall * 1e3,
            cpu * 1e3
        );
        figures.insert(
            name.into(),
            serde_json::json!({"wall_s": wall, "cpu_s": cpu}),
        );
    };
    let (wall, cpu, analysis) = best(repeat, || ws.read(|tx| tx.analysis(pair, false)));
    let analysis = analysis.map_err(e)?;
    let beads = analysis.beads.len();
    let flags = analysis.flags.len();
    line("load pair", wall, cpu);
    for (name, format) in [("report text", 0), ("report html", 1), ("report json", 2)] {
        let (wall, cpu, out) = best(repeat, || {
            let mut buf: Vec<u8> = Vec::new();
            match format {
                0 => report::text(&analysis, "bench", false, Rtl::Terminal, &mut buf),
                1 => report::html(&analysis, "bench", &mut buf),
                _ => report::json(&analysis, &mut buf),
            }
            .map(|()| buf.len())
        });
        out.map_err(|e| e.to_string())?;
        line(name, wall, cpu);
    }
    let mut term = Terminal::new(TestBackend::new(160, 50)).map_err(|e| e.to_string())?;
    let (wall, cpu, app) = best(repeat, || -> Result<App, String> {
        let app = App::load(&mut ws, pair, "bench".into(), Rtl::Terminal).map_err(e)?;
        term.draw(|f| app.draw(f)).map_err(|e| e.to_string())?;
        Ok(app)
    });
    let mut app = app?;
    line("review: open", wall, cpu);
    let keys: &[(&str, KeyCode)] = &[
        ("review: key j", KeyCode::Char('j')),
        ("review: key PgDn", KeyCode::PageDown),
        ("review: key f (next flag)", KeyCode::Char('f')),
        ("review: key n", KeyCode::Char('n')),
        ("review: key G", KeyCode::Char('G')),
        ("review: key g", KeyCode::Char('g')),
        ("review: key c (write)", KeyCode::Char('c')),
        ("review: key u (undo)", KeyCode::Char('u')),
    ];
    for (name, code) in keys {
        // A write key once (c then u restore the workspace); a move key `repeat` times.
        let r = if matches!(code, KeyCode::Char('c' | 'u')) {
            1
        } else {
            repeat
        };
        let (wall, cpu, res) = best(r, || -> Result<(), String> {
            app.handle_key(&mut ws, KeyEvent::new(*code, KeyModifiers::NONE))
                .map_err(e)?;
            term.draw(|f| app.draw(f)).map_err(|e| e.to_string())?;
            Ok(())
        });
        res?;
        line(name, wall, cpu);
    }
    let peak = peak_rss_mb().unwrap_or(f64::NAN);
    println!("{beads} beads, {flags} flags; peak RSS {peak:.1} MB");
    figures.insert("beads".into(), beads.into());
    figures.insert("flags".into(), flags.into());
    figures.insert("peak_mb".into(), peak.into());
    Ok(serde_json::Value::Object(figures))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|k| args.get(k + 1).cloned())
    };
    let n: usize = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .and_then(|a| a.replace(['_', ','], "").parse().ok())
        .unwrap_or(30_000);
    let repeat: usize = opt("--repeat").and_then(|v| v.parse().ok()).unwrap_or(3);
    let (db, pair) = match opt("--db") {
        Some(db) => (
            PathBuf::from(db),
            opt("--pair").and_then(|v| v.parse().ok()).unwrap_or(1),
        ),
        None => {
            let db = std::env::temp_dir().join(format!("tarjama-views-{n}.db"));
            if db.exists() {
                eprintln!("using the existing workspace {}", db.display());
                (db, 1)
            } else {
                match build(&db, n) {
                    Ok(pair) => (db, pair),
                    Err(e) => {
                        eprintln!("views_bench: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
        }
    };
    match run(&db, pair, repeat) {
        Ok(v) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("views_bench: {e}");
            ExitCode::FAILURE
        }
    }
}
