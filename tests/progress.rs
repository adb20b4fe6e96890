//! Feedback on long work, through the real binary with its output piped (as scripts and CI see
//! it): progress bars are drawn on standard error only when it is a terminal, so piped stderr
//! holds no bar frames, only the lines each command always prints; and `align --all` reports
//! each pair the moment it is stored, so that an interrupted run leaves the report of what it did.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Faithful article pairs in tests/data/faithful.
fn faithful_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/faithful");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("en.sents").is_file() && p.join("ar.sents").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 4, "faithful pairs under {}", root.display());
    dirs
}

/// Copies of the faithful pairs as separate text files (a first line per copy makes each copy
/// a document of its own): `copies` × 8 English and as many Arabic files, in `ws`'s folder.
fn document_files(ws: &Ws, copies: usize) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for (k, d) in faithful_dirs().iter().enumerate() {
        for copy in 0..copies {
            let text = |name: &str| sents(&d.join(name)).join("\n\n");
            files.push(ws.write(
                &format!("en-{k}-{copy}.txt"),
                format!("Copy {copy} of statement {k}.\n\n{}", text("en.sents")),
            ));
            files.push(ws.write(
                &format!("ar-{k}-{copy}.txt"),
                format!("النسخة {copy} من البيان {k}.\n\n{}", text("ar.sents")),
            ));
        }
    }
    files
}

/// Standard error of a run whose progress bar was on (its work was large enough), piped: no
/// carriage return, no escape sequence, no bar or spinner glyph — nothing but whole lines.
fn assert_no_bar_frames(err: &str, what: &str) {
    assert!(
        !err.contains('\r') && !err.contains('\u{1b}'),
        "{what}: terminal control characters in piped stderr: {err:?}"
    );
    for glyph in ['█', '░', '▓', '⠁', '⠂', '⠄', '⡀', '⢀', '⠠', '⠐', '⠈'] {
        assert!(
            !err.contains(glyph),
            "{what}: a progress bar was drawn into piped stderr: {err:?}"
        );
    }
}

fn os(s: &str) -> std::ffi::OsString {
    s.into()
}

#[test]
fn piped_stderr_holds_no_progress_bar() {
    let ws = Ws::new();
    // 32 files: more than the 20 that give `add` a bar.
    let files = document_files(&ws, 2);
    assert!(files.len() >= 20);
    let mut args = vec![os("add")];
    args.extend(files.iter().map(|f| f.clone().into_os_string()));
    let o = ws.run(&args);
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert_no_bar_frames(&stderr_of(&o), "add");
    assert!(stderr_of(&o).is_empty(), "add: {}", stderr_of(&o));
    assert_eq!(stdout_of(&o).lines().count(), files.len());

    let o = ws.run(&["pair", "--auto"]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert!(stderr_of(&o).is_empty(), "pair --auto: {:?}", stderr_of(&o));
    let paired = stdout_of(&o)
        .lines()
        .filter(|l| l.contains("paired with source"))
        .count();
    assert!(paired >= files.len() / 4, "{}", stdout_of(&o));

    let o = ws.run(&["align", "--all"]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    let err = stderr_of(&o);
    assert_no_bar_frames(&err, "align --all");
    // stderr: the lexicons line, nothing else; stdout: one line per pair.
    assert_eq!(err.lines().count(), 1, "align --all: {err:?}");
    assert!(err.starts_with("lexicons: built-in glossary"), "{err}");
    let out = stdout_of(&o);
    assert_eq!(out.lines().count(), paired, "{out}");
    assert!(out.lines().all(|l| l.starts_with("pair ")), "{out}");

    for format in ["tsv", "tmx"] {
        let o = ws.run(&["export", "--format", format]);
        assert!(o.status.success(), "{}", stderr_of(&o));
        let err = stderr_of(&o);
        assert_no_bar_frames(&err, "export");
        assert_eq!(err.lines().count(), 1, "export: only the summary: {err:?}");
        assert!(err.starts_with("exported "), "{err}");
    }
}

#[test]
fn piped_stderr_of_a_bitext_import_holds_no_progress_bar() {
    let ws = Ws::new();
    // 20 TSV bitexts, one per faithful pair and copy: enough files for a bar.
    let mut args = vec![os("add"), os("--format"), os("tsv")];
    for (k, d) in faithful_dirs().iter().enumerate() {
        for copy in 0..3 {
            let (en, ar) = (sents(&d.join("en.sents")), sents(&d.join("ar.sents")));
            let mut tsv = format!("Copy {copy} of statement {k}.\tالنسخة {copy} من البيان {k}.\n");
            for (e, a) in en.iter().zip(&ar) {
                tsv.push_str(&format!("{e}\t{a}\n"));
            }
            args.push(ws.write(&format!("b-{k}-{copy}.tsv"), tsv).into_os_string());
        }
    }
    assert!(args.len() - 3 >= 20);
    let o = ws.run(&args);
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert_no_bar_frames(&stderr_of(&o), "add --format tsv");
    assert!(stderr_of(&o).is_empty(), "{}", stderr_of(&o));
    let imported = stdout_of(&o)
        .lines()
        .filter(|l| l.starts_with("imported pair"))
        .count();
    assert_eq!(imported, args.len() - 3, "{}", stdout_of(&o));
}

/// The beads of each aligned pair, from `list pairs --json`.
fn stored_beads(ws: &Ws) -> Vec<(i64, u64)> {
    json_lines(&ws.ok(&["list", "pairs", "--json"]))
        .iter()
        .filter(|p| !p["aligned_at"].is_null())
        .map(|p: &Value| (p["id"].as_i64().unwrap(), p["beads"].as_u64().unwrap()))
        .collect()
}

/// `pair N: B beads, F flags…` → (N, B).
fn reported(line: &str) -> (i64, u64) {
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(words[0], "pair", "{line}");
    (
        words[1].trim_end_matches(':').parse().unwrap(),
        words[2].parse().unwrap(),
    )
}

#[test]
fn align_all_reports_each_pair_as_it_is_stored() {
    let ws = Ws::new();
    let files = document_files(&ws, 1);
    let mut args = vec![os("add")];
    args.extend(files.iter().map(|f| f.clone().into_os_string()));
    ws.ok(&args);
    for k in 0..files.len() as i64 / 2 {
        ws.ok(&["pair", &(2 * k + 2).to_string(), &(2 * k + 1).to_string()]);
    }
    let pairs = files.len() / 2;
    let mut child = common::spawnable(&ws.db)
        .args(["align", "--all"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    // The first pair's line comes while the others are still to do: freeze align right then
    // (SIGSTOP), then kill it (SIGKILL: no clean-up). A frozen process writes nothing more, so
    // what its output holds then is all it reported.
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with("pair "), "{first:?}");
    let stop = Command::new("kill")
        .args(["-STOP", &child.id().to_string()])
        .status();
    child.kill().unwrap();
    child.wait().unwrap();
    if !stop.is_ok_and(|s| s.success()) {
        skip(
            "align --all interrupted mid-run",
            "no kill command to send SIGSTOP",
        );
        return;
    }
    let mut lines = vec![first.trim_end().to_string()];
    for line in out.lines() {
        lines.push(line.unwrap());
    }
    let report: Vec<(i64, u64)> = lines.iter().map(|l| reported(l)).collect();
    let stored = stored_beads(&ws);
    // Every pair reported is stored, with the beads reported: a line is printed only once its
    // pair is committed. At most one more pair is stored: the one committed when the kill came,
    // before its line was written. The other pairs were never started.
    for r in &report {
        assert!(stored.contains(r), "reported {r:?} but stored {stored:?}");
    }
    assert!(
        stored.len() <= report.len() + 1,
        "stored {stored:?}, reported {lines:?}"
    );
    // Stopped within a millisecond of its first line, align cannot have done the other pairs
    // (each takes tens of milliseconds); one transaction for all, as before, would report them
    // all at once at the end.
    assert!(
        report.len() < pairs,
        "the lines came as pairs were stored, not all at the end: {lines:?}"
    );
    // What was not done is done by running it again.
    let again = ws.ok(&["align", "--all"]);
    assert_eq!(again.lines().count(), pairs, "{again}");
    assert_eq!(stored_beads(&ws).len(), pairs);
}
