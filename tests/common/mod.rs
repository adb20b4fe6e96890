//! Helpers shared by the integration tests: the binary, temporary workspaces and the gold
//! corpora. Every test gets its own temporary directory; nothing is written into the repository.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Every flag kind of the JSON schema (README), spelled as the output spells them.
pub const FLAG_KINDS: [&str; 8] = [
    "insertion",
    "omission",
    "mistranslation",
    "number_mismatch",
    "date_mismatch",
    "name_mismatch",
    "negation_flip",
    "reordered",
];

/// The `tarjama` binary, with no workspace from the environment and no colour; and, so that a
/// test's results do not depend on what the machine has installed, neither the system's FreeDict
/// nor the sentence encoder (tests of those remove the two variables).
pub fn tarjama() -> Command {
    let mut c = Command::cargo_bin("tarjama").expect("binary builds");
    c.env_remove("TARJAMA_DB")
        .env_remove("TARJAMA_MODEL")
        .env("NO_COLOR", "1")
        .env("TARJAMA_NO_SYSTEM_LEXICON", "1")
        .env("TARJAMA_NO_MODEL", "1");
    c
}

/// The binary as a plain std Command on workspace `db` — to spawn, kill or pipe it — with the
/// environment of [`tarjama`] and no busy-timeout override.
pub fn spawnable(db: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_tarjama"));
    c.env_remove("TARJAMA_DB")
        .env_remove("TARJAMA_MODEL")
        .env_remove("TARJAMA_BUSY_TIMEOUT")
        .env("NO_COLOR", "1")
        .env("TARJAMA_NO_SYSTEM_LEXICON", "1")
        .env("TARJAMA_NO_MODEL", "1")
        .arg("--db")
        .arg(db);
    c
}

/// A non-trivial workspace: dev-01's English source (document 1) and Arabic article (2), paired
/// (pair 1), not aligned.
pub fn dev01_paired() -> Ws {
    let ws = Ws::new();
    let d = corpora_dir().join("dev-01");
    ws.ok(&[
        std::ffi::OsString::from("add"),
        d.join("en.txt").into(),
        d.join("ar.txt").into(),
    ]);
    ws.ok(&["pair", "2", "1"]);
    ws
}

/// `corpora/` of the repository.
pub fn corpora_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

/// Every pair folder (one holding gold.json) under `corpora/`, sorted.
pub fn pair_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpora_dir())
        .expect("corpora/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").is_file())
        .collect();
    dirs.sort();
    assert!(
        !dirs.is_empty(),
        "no gold corpora under {}",
        corpora_dir().display()
    );
    dirs
}

pub fn name_of(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Lines of a one-sentence-per-line file, without empty lines.
pub fn sents(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(|l| l.trim_start_matches('\u{FEFF}').trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Whitespace runs collapsed to one space, ends trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn stdout_of(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr_of(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// Parses every non-empty line as JSON.
pub fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// `check en.sents ar.sents --presegmented --format json` of a pair folder. The system's FreeDict
/// files (read by default when installed) are left out: the same lexicon as `align` and `eval`,
/// so the results do not depend on the machine (and a debug build reads them slowly).
pub fn check_json(dir: &Path) -> Value {
    let o = tarjama()
        .arg("check")
        .arg(dir.join("en.sents"))
        .arg(dir.join("ar.sents"))
        .args(["--presegmented", "--format", "json", "--no-system-lexicon"])
        .output()
        .expect("runs");
    assert!(
        o.status.success(),
        "{}: check failed: {}",
        dir.display(),
        stderr_of(&o)
    );
    serde_json::from_str(&stdout_of(&o))
        .unwrap_or_else(|e| panic!("{}: check output is not JSON: {e}", dir.display()))
}

/// A workspace in its own temporary directory.
pub struct Ws {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Ws {
    /// A fresh directory with an initialised workspace `w.db`.
    pub fn new() -> Ws {
        let ws = Ws::uninit();
        ws.ok(&["init"]);
        assert!(ws.db.is_file(), "init created {}", ws.db.display());
        ws
    }

    /// A fresh directory; no workspace created yet.
    pub fn uninit() -> Ws {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("w.db");
        Ws { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the temporary directory and returns its path.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    /// A command on this workspace, run from the temporary directory.
    pub fn cmd(&self) -> Command {
        let mut c = tarjama();
        c.current_dir(self.dir.path()).arg("--db").arg(&self.db);
        c
    }

    /// Runs and returns the output, whatever the status.
    pub fn run<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Output {
        self.cmd().args(args).output().expect("runs")
    }

    /// Runs, asserts success and returns stdout.
    pub fn ok<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> String {
        let o = self.run(args);
        let shown: Vec<String> = args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        assert!(
            o.status.success(),
            "tarjama {} failed ({:?}):\nstdout: {}\nstderr: {}",
            shown.join(" "),
            o.status,
            stdout_of(&o),
            stderr_of(&o)
        );
        stdout_of(&o)
    }

    /// Runs, asserts success and parses stdout as one JSON document.
    pub fn json<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
    }

    /// Adds a corpus pair's raw en.txt and ar.txt, pairs and aligns them. Returns the pair id.
    pub fn add_corpus_pair(&self, pair_dir: &Path) -> i64 {
        let add = |f: &str| {
            self.ok(&[
                std::ffi::OsString::from("add"),
                pair_dir.join(f).into_os_string(),
            ])
        };
        let en = add("en.txt");
        let ar = add("ar.txt");
        let en_id = added_id(&en);
        let ar_id = added_id(&ar);
        let out = self.ok(&["pair", &ar_id.to_string(), &en_id.to_string()]);
        let pair = out
            .split_whitespace()
            .nth(1)
            .and_then(|w| w.trim_end_matches(':').parse::<i64>().ok())
            .unwrap_or_else(|| panic!("pair id in: {out}"));
        self.ok(&["align", &pair.to_string()]);
        pair
    }
}

/// The document id in `added document N (...)` or `already stored as document N: ...`.
pub fn added_id(out: &str) -> i64 {
    let line = out
        .lines()
        .next()
        .unwrap_or_else(|| panic!("no output from add"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let k = words
        .iter()
        .position(|w| *w == "document")
        .unwrap_or_else(|| panic!("no document id in: {line}"));
    words[k + 1]
        .trim_end_matches(':')
        .parse()
        .unwrap_or_else(|_| panic!("no document id in: {line}"))
}

/// Says loudly that a check did not run. `println!` and `eprintln!` are captured by the test
/// harness (shown only with --nocapture or on failure), so the line is also written to the
/// process's stderr directly, which the harness does not intercept.
pub fn skip(check: &str, reason: &str) {
    use std::io::Write as _;
    let line = format!("SKIPPED {check}: {reason}");
    println!("{line}");
    let _ = writeln!(std::io::stderr(), "{line}");
}
