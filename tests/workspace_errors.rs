//! A workspace SQLite cannot use is reported in one line that says what happened and what to do,
//! with exit status 1, and never as SQLite's code ("Error code 14") or twice over: a missing
//! directory, a read-only directory or file, another command holding the write lock.
//!
//! A full disk cannot be made here (mounting a small file system needs privileges); the store's
//! unit tests check it through SQLite's own SQLITE_FULL (`a_full_disk_leaves_the_workspace_unchanged`).

mod common;

use common::*;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

/// A one-line error on stderr (after any `waiting` notice), exit status 1, naming every needle
/// and none of SQLite's raw wording.
fn assert_error_line(o: &Output, needles: &[&str], what: &str) -> String {
    let err = stderr_of(o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{what}: exit status 1; stderr: {err}"
    );
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("tarjama: error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{what}: one error line, got:\n{err}");
    let line = errors[0];
    for n in needles {
        assert!(line.contains(n), "{what}: the error names {n:?}: {line}");
    }
    for raw in [
        "Error code",
        "unable to open database file",
        "database is locked",
    ] {
        assert!(
            !line.contains(raw),
            "{what}: SQLite's wording {raw:?}: {line}"
        );
    }
    line.to_string()
}

/// A small dictionary to import: the cheapest command that writes to the workspace.
fn dictionary(ws: &Ws) -> std::path::PathBuf {
    ws.write("glossary.tsv", "forces\tقوات\nminister\tوزير\n")
}

#[test]
fn a_missing_directory_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-such-dir").join("w.db");
    for args in [&["init"][..], &["list"], &["export", "--format", "tsv"]] {
        let o = tarjama().arg("--db").arg(&db).args(args).output().unwrap();
        let what = format!("{args:?}");
        let line = assert_error_line(&o, &["no-such-dir", "does not exist", "mkdir -p"], &what);
        assert_eq!(stderr_of(&o).lines().count(), 1, "{what}: {line}");
    }
    assert!(!db.parent().unwrap().exists(), "nothing was created");
}

/// Whether permission checks apply: as root (or with CAP_DAC_OVERRIDE) a read-only directory
/// is writable all the same, and the read-only cases cannot happen.
fn permissions_apply(read_only_dir: &Path) -> bool {
    let probe = read_only_dir.join(".probe");
    match std::fs::write(&probe, "x") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            let note = "skipped: running as root (permission checks do not apply): read-only workspace cases not tested";
            // The test harness captures println! and eprintln! of a passing test; a write to the
            // stderr handle itself is not captured, so the skip shows in `cargo test` output.
            println!("{note}");
            let _ = writeln!(
                std::io::stderr(),
                "a_read_only_directory_or_file_says_so: {note}"
            );
            false
        }
        Err(_) => true,
    }
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_or_file_says_so() {
    let ws = Ws::new();
    let dict = ws.write("glossary.tsv", "forces\tقوات\n");
    let ro = ws.path("ro");
    std::fs::create_dir(&ro).unwrap();
    let db = ro.join("w.db");
    std::fs::copy(&ws.db, &db).unwrap();
    set_mode(&ro, 0o555);
    let checked = permissions_apply(&ro);
    if checked {
        let before = std::fs::read(&db).unwrap();
        let run =
            |args: &[&std::ffi::OsStr]| tarjama().arg("--db").arg(&db).args(args).output().unwrap();
        // Reading needs the -wal and -shm files beside the workspace too.
        let o = run(&["list".as_ref()]);
        assert_error_line(
            &o,
            &["w.db", "not writable", "--db"],
            "list in a read-only directory",
        );
        let o = run(&["lexicon".as_ref(), "import".as_ref(), dict.as_os_str()]);
        let line = assert_error_line(
            &o,
            &["w.db", "directory", "not writable"],
            "import in a read-only directory",
        );
        assert!(!line.contains("not an SQLite database"), "{line}");
        assert_eq!(stderr_of(&o).lines().count(), 1);
        // A new workspace there.
        let o = tarjama()
            .arg("--db")
            .arg(ro.join("new.db"))
            .arg("init")
            .output()
            .unwrap();
        assert_error_line(
            &o,
            &["new.db", "not writable"],
            "init in a read-only directory",
        );
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "the workspace is unchanged"
        );
    }
    // A read-only file in a writable directory.
    set_mode(&ro, 0o755);
    set_mode(&db, 0o444);
    if checked {
        let o = tarjama()
            .arg("--db")
            .arg(&db)
            .args(["lexicon", "import"])
            .arg(&dict)
            .output()
            .unwrap();
        assert_error_line(&o, &["w.db", "read-only"], "import into a read-only file");
    }
    // Let the temporary directory be removed.
    set_mode(&db, 0o644);
}

/// The `tarjama` binary as a std Command (to spawn it), with the environment of `tarjama()`.
fn spawn_import(ws: &Ws, dict: &Path, busy_timeout: Option<&str>) -> std::process::Child {
    let mut c = common::spawnable(&ws.db);
    c.args(["lexicon", "import"])
        .arg(dict)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(t) = busy_timeout {
        c.env("TARJAMA_BUSY_TIMEOUT", t);
    }
    c.spawn().expect("tarjama runs")
}

/// Holds the workspace's write lock, as another command writing would.
fn hold_write_lock(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch("BEGIN IMMEDIATE").unwrap();
    c
}

#[test]
fn a_locked_workspace_waits_then_gives_up_in_one_line() {
    let ws = Ws::new();
    let dict = dictionary(&ws);
    let lock = hold_write_lock(&ws.db);
    let started = Instant::now();
    let o = spawn_import(&ws, &dict, Some("1"))
        .wait_with_output()
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(900), "it waited");
    let err = stderr_of(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "the waiting notice, then the error:\n{err}");
    assert!(
        lines[0].contains("another tarjama command is writing to")
            && lines[0].contains("w.db")
            && lines[0].contains("waiting"),
        "{err}"
    );
    assert_error_line(&o, &["w.db", "busy", "1 s", "again"], "import while locked");
    drop(lock);
    let lexicons = ws.ok(&["lexicon", "list"]);
    assert!(
        !lexicons.contains("glossary.tsv"),
        "nothing imported: {lexicons}"
    );
}

#[test]
fn a_locked_workspace_is_written_once_the_other_command_finishes() {
    let ws = Ws::new();
    let dict = dictionary(&ws);
    let lock = hold_write_lock(&ws.db);
    let mut child = spawn_import(&ws, &dict, None);
    // The notice comes while the command waits, before the lock is released.
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut notice = String::new();
    stderr.read_line(&mut notice).unwrap();
    assert!(notice.contains("waiting"), "{notice}");
    lock.execute_batch("COMMIT").unwrap();
    drop(lock);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stdout_of(&o));
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(rest.trim().is_empty(), "nothing more on stderr: {rest}");
    assert!(ws.ok(&["lexicon", "list"]).contains("glossary.tsv"));
}

#[test]
fn a_bad_busy_timeout_is_one_line() {
    let ws = Ws::new();
    let o = ws
        .cmd()
        .env("TARJAMA_BUSY_TIMEOUT", "soon")
        .arg("list")
        .output()
        .unwrap();
    assert_error_line(
        &o,
        &["TARJAMA_BUSY_TIMEOUT", "soon", "seconds"],
        "a bad timeout",
    );
}
