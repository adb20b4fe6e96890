//! Fault injection on the real binary: `align --all` killed (SIGKILL) at random points, two
//! commands writing the same workspace at once, and a full disk. After each fault the workspace
//! must pass `PRAGMA integrity_check`, every pair must hold either its old results or its new ones
//! in full (never a mixture), and confirmed beads must survive.
//!
//! `--out` onto the workspace itself (refused, the workspace untouched) is tested in
//! tests/outputs.rs (`out_refuses_the_workspace_and_other_databases`), not repeated here.

mod common;

use common::*;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Kill trials of `align --all`; the seed makes the kill points the same on every run.
const TRIALS: usize = 20;
const SEED: u64 = 0x7a72_6a61_6d61_2d39;

/// Copies of each faithful article pair in the workspace (each copy a distinct document), and
/// the sentences kept of each: 8 articles × 3 = 24 short pairs, for `align --all` to store many
/// pairs in a few seconds of a debug build.
const COPIES: usize = 3;
const SENTENCES: usize = 8;

/// xorshift64*: a fixed-seed generator, so a failing trial can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The binary as a plain std Command (to spawn and kill it), with `common::tarjama`'s
/// environment.
fn bin(db: &Path) -> Command {
    common::spawnable(db)
}

/// Runs to completion; panics with the output unless it succeeded. Returns stdout.
fn run_ok(db: &Path, args: &[&std::ffi::OsStr]) -> String {
    let o = bin(db).args(args).output().expect("tarjama runs");
    assert!(
        o.status.success(),
        "tarjama {args:?} failed ({:?}):\n{}{}",
        o.status,
        stdout_of(&o),
        stderr_of(&o)
    );
    stdout_of(&o)
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

/// The faithful article folders (en.sents and ar.sents, one sentence per line).
fn faithful_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/faithful");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("en.sents").is_file() && p.join("ar.sents").is_file())
        .collect();
    dirs.sort();
    assert!(
        !dirs.is_empty(),
        "no faithful pairs under {}",
        root.display()
    );
    dirs
}

/// Document ids of `add`'s output lines ("added document N (...)"), in order.
fn added_ids(out: &str) -> Vec<i64> {
    out.lines()
        .filter(|l| l.contains("document"))
        .map(added_id)
        .collect()
}

/// One stored bead, by what it aligns: comparable across runs (row ids and scores are not).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct BeadKey {
    position: i64,
    status: String,
    src: Vec<i64>,
    tgt: Vec<i64>,
}

/// What `align` writes for one pair: its beads in order, and its flags and moves as sorted
/// descriptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PairState {
    beads: Vec<BeadKey>,
    flags: Vec<String>,
    moves: Vec<String>,
}

/// Every pair's state, read straight from the database after checking its integrity (a fault
/// test has to look under the CLI: the damage it looks for would stop the CLI).
fn snapshot(db: &Path) -> BTreeMap<i64, PairState> {
    let c = Connection::open(db).unwrap();
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{}", db.display());
    let dangling: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(dangling, 0, "foreign keys of {}", db.display());
    let mut out: BTreeMap<i64, PairState> = BTreeMap::new();
    let mut pairs = c.prepare("SELECT id FROM pairs").unwrap();
    for id in pairs.query_map([], |r| r.get::<_, i64>(0)).unwrap() {
        out.insert(id.unwrap(), PairState::default());
    }
    let mut beads = c
        .prepare(
            "SELECT b.id, b.pair_id, b.position, b.status, bs.side, s.idx
             FROM beads b
             LEFT JOIN bead_sentences bs ON bs.bead_id = b.id
             LEFT JOIN sentences s ON s.id = bs.sentence_id
             ORDER BY b.pair_id, b.position, b.id, bs.side, s.idx",
        )
        .unwrap();
    let mut rows = beads.query([]).unwrap();
    let mut last_bead = None;
    while let Some(r) = rows.next().unwrap() {
        let (bead, pair): (i64, i64) = (r.get(0).unwrap(), r.get(1).unwrap());
        let state = out.entry(pair).or_default();
        if last_bead != Some(bead) {
            state.beads.push(BeadKey {
                position: r.get(2).unwrap(),
                status: r.get(3).unwrap(),
                src: Vec::new(),
                tgt: Vec::new(),
            });
            last_bead = Some(bead);
        }
        let b = state.beads.last_mut().unwrap();
        match r.get::<_, Option<String>>(4).unwrap().as_deref() {
            Some("src") => b.src.push(r.get(5).unwrap()),
            Some("tgt") => b.tgt.push(r.get(5).unwrap()),
            _ => {}
        }
    }
    let mut flags = c
        .prepare(
            "SELECT pair_id, kind || '/' || src_idx || '/' || tgt_idx || '/' || status FROM flags",
        )
        .unwrap();
    for f in flags
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (pair, f) = f.unwrap();
        out.entry(pair).or_default().flags.push(f);
    }
    let mut moves = c
        .prepare(
            "SELECT m.pair_id, s.idx || '>' || t.idx || '/' || m.status
             FROM moves m JOIN sentences s ON s.id = m.src_sentence_id
             JOIN sentences t ON t.id = m.tgt_sentence_id",
        )
        .unwrap();
    for m in moves
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (pair, m) = m.unwrap();
        out.entry(pair).or_default().moves.push(m);
    }
    for state in out.values_mut() {
        state.flags.sort();
        state.moves.sort();
    }
    out
}

/// Copies a closed workspace (and its WAL, if any) to `to`.
fn copy_workspace(from: &Path, to: &Path) {
    for suffix in ["", "-wal"] {
        let src = PathBuf::from(format!("{}{suffix}", from.display()));
        if src.exists() {
            std::fs::copy(&src, format!("{}{suffix}", to.display())).unwrap();
        }
    }
}

/// A workspace of `COPIES` × the faithful pairs, in three states: half the pairs never aligned;
/// the other half aligned, then one bead of each confirmed and another rejected (a rejected
/// bead's alignment is redone by the next `align`, so the old and new sets differ).
struct Base {
    _dir: tempfile::TempDir,
    db: PathBuf,
    /// Confirmed beads per pair: every later state must keep them.
    confirmed: BTreeMap<i64, Vec<BeadKey>>,
}

fn base_workspace() -> Base {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    run_ok(&db, &[os("init")]);
    let (mut en_files, mut ar_files) = (Vec::new(), Vec::new());
    for (k, d) in faithful_dirs().iter().enumerate() {
        for copy in 0..COPIES {
            // A first line per copy makes each copy a document of its own (`add` stores a text
            // once).
            let first = |name: &str| -> String {
                sents(&d.join(name))
                    .iter()
                    .take(SENTENCES)
                    .map(|l| format!("{l}\n"))
                    .collect()
            };
            let en = format!("Copy {copy} of statement {k}.\n{}", first("en.sents"));
            let ar = format!("النسخة {copy} من البيان {k}.\n{}", first("ar.sents"));
            let (e, a) = (
                dir.path().join(format!("en-{k}-{copy}.txt")),
                dir.path().join(format!("ar-{k}-{copy}.txt")),
            );
            std::fs::write(&e, en).unwrap();
            std::fs::write(&a, ar).unwrap();
            en_files.push(e);
            ar_files.push(a);
        }
    }
    let add = |lang: &str, files: &[PathBuf]| {
        let mut args = vec![os("add"), os("--lang"), os(lang)];
        args.extend(files.iter().map(|f| f.as_os_str()));
        added_ids(&run_ok(&db, &args))
    };
    let en_ids = add("en", &en_files);
    let ar_ids = add("ar", &ar_files);
    assert_eq!(
        (en_ids.len(), ar_ids.len()),
        (en_files.len(), ar_files.len())
    );
    let mut pairs = Vec::new();
    for (a, e) in ar_ids.iter().zip(&en_ids) {
        let out = run_ok(&db, &[os("pair"), os(&a.to_string()), os(&e.to_string())]);
        let id = out
            .split_whitespace()
            .nth(1)
            .and_then(|w| w.trim_end_matches(':').parse::<i64>().ok())
            .unwrap_or_else(|| panic!("pair id in: {out}"));
        pairs.push(id);
    }
    let aligned: Vec<i64> = pairs.iter().copied().step_by(2).collect();
    let mut args = vec![os("align")];
    let ids: Vec<String> = aligned.iter().map(i64::to_string).collect();
    args.extend(ids.iter().map(|s| os(s)));
    run_ok(&db, &args);
    // Confirm the first bead and reject the third of each aligned pair.
    let bead_ids = |pair: i64| -> Vec<i64> {
        let c = Connection::open(&db).unwrap();
        let mut q = c
            .prepare("SELECT id FROM beads WHERE pair_id = ?1 ORDER BY position")
            .unwrap();
        let ids = q
            .query_map([pair], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        ids
    };
    for &p in &aligned {
        let ids = bead_ids(p);
        assert!(ids.len() >= 3, "pair {p} has {} beads", ids.len());
        run_ok(&db, &[os("bead"), os("confirm"), os(&ids[0].to_string())]);
        run_ok(&db, &[os("bead"), os("reject"), os(&ids[2].to_string())]);
    }
    let confirmed = snapshot(&db)
        .into_iter()
        .map(|(p, s)| {
            let c: Vec<BeadKey> = s
                .beads
                .into_iter()
                .filter(|b| b.status == "confirmed")
                .collect();
            (p, c)
        })
        .collect();
    Base {
        _dir: dir,
        db,
        confirmed,
    }
}

/// Every pair holds its old state or its new one, whole; confirmed beads are kept. Returns how
/// many pairs hold the new state.
fn assert_all_or_nothing(
    db: &Path,
    old: &BTreeMap<i64, PairState>,
    new: &BTreeMap<i64, PairState>,
    confirmed: &BTreeMap<i64, Vec<BeadKey>>,
    trial: &str,
) -> usize {
    let now = snapshot(db);
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        old.keys().collect::<Vec<_>>(),
        "{trial}: pairs"
    );
    let mut n_new = 0;
    for (pair, state) in &now {
        let is_old = state == &old[pair];
        let is_new = state == &new[pair];
        assert!(
            is_old || is_new,
            "{trial}: pair {pair} is neither its old nor its new alignment:\n{state:#?}"
        );
        if is_new && !is_old {
            n_new += 1;
        }
        for b in &confirmed[pair] {
            assert!(
                state.beads.contains(b),
                "{trial}: pair {pair} lost confirmed bead {b:?}"
            );
        }
    }
    n_new
}

#[test]
fn align_killed_at_random_points_leaves_each_pair_old_or_new() {
    let base = base_workspace();
    let old = snapshot(&base.db);
    // The reference: an uninterrupted `align --all` on a copy, timed to place the kills.
    let scratch = tempfile::tempdir().unwrap();
    let reference = scratch.path().join("ref.db");
    copy_workspace(&base.db, &reference);
    let started = Instant::now();
    run_ok(&reference, &[os("align"), os("--all")]);
    let full = started.elapsed();
    let new = snapshot(&reference);
    // Half the pairs were never aligned, so their alignment must change; the pairs aligned
    // already re-align to the same beads under the same ids (decisions are durable), which
    // makes them old and new at once.
    let changed = old.keys().filter(|p| old[*p] != new[*p]).count();
    assert!(
        changed * 2 >= old.len(),
        "every unaligned pair gets an alignment: {changed} of {} changed",
        old.len()
    );
    assert_all_or_nothing(&reference, &old, &new, &base.confirmed, "reference");

    let mut rng = Rng(SEED);
    let (mut killed_old, mut killed_new, mut finished) = (0, 0, 0);
    for trial in 0..TRIALS {
        let db = scratch.path().join(format!("t{trial}.db"));
        copy_workspace(&base.db, &db);
        // Kill points spread over the whole run, a little past it so that a finished run (and a
        // kill right after the commit) is among them.
        let at = full.mul_f64(1.1 * rng.unit());
        let mut child = bin(&db)
            .args(["align", "--all"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let exited = child.try_wait().unwrap().is_some();
        if !exited {
            child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no checkpoint
        }
        child.wait().unwrap();
        let name = format!("trial {trial} (kill at {} ms)", at.as_millis());
        let n_new = assert_all_or_nothing(&db, &old, &new, &base.confirmed, &name);
        match (exited, n_new) {
            (true, _) => finished += 1,
            (false, 0) => killed_old += 1,
            (false, _) => killed_new += 1,
        }
        // The workspace goes on working after the fault: aligning again gives the reference.
        if trial == TRIALS - 1 {
            run_ok(&db, &[os("align"), os("--all")]);
            assert_all_or_nothing(&db, &new, &new, &base.confirmed, &name);
        }
        let _ = std::fs::remove_file(&db);
    }
    println!(
        "{TRIALS} kills over {} ms: {killed_old} before the commit, {killed_new} after, \
         {finished} runs finished first",
        full.as_millis()
    );
    assert!(killed_old > 0, "some kills landed while align was working");
}

/// A command running in a child process, its output piped.
fn spawn<S: AsRef<std::ffi::OsStr>>(db: &Path, args: &[S]) -> std::process::Child {
    bin(db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A writer that had to wait says so on stderr, once, and nothing else.
fn assert_waited_politely(o: &std::process::Output, what: &str) {
    assert!(o.status.success(), "{what}: {}", stderr_of(o));
    let err = stderr_of(o);
    for line in err.lines() {
        assert!(
            line.contains("another tarjama command is writing to") && line.contains("waiting"),
            "{what}: unexpected stderr: {err}"
        );
    }
    assert!(err.lines().count() <= 1, "{what}: {err}");
}

fn documents(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn two_adds_at_once_both_succeed() {
    let ws = Ws::new();
    let dirs = faithful_dirs();
    let files = |name: &str| -> Vec<PathBuf> { dirs.iter().map(|d| d.join(name)).collect() };
    let (en, ar) = (files("en.sents"), files("ar.sents"));
    let add_args = |lang: &str, files: &[PathBuf]| -> Vec<std::ffi::OsString> {
        let mut a: Vec<std::ffi::OsString> = vec!["add".into(), "--lang".into(), lang.into()];
        a.extend(files.iter().map(|f| f.clone().into_os_string()));
        a
    };
    let (en_args, ar_args) = (add_args("en", &en), add_args("ar", &ar));
    // Started together: the second to reach the write lock waits for the first.
    let first = spawn(&ws.db, &en_args);
    let second = spawn(&ws.db, &ar_args);
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert_waited_politely(&first, "add en");
    assert_waited_politely(&second, "add ar");
    assert_eq!(added_ids(&stdout_of(&first)).len(), en.len());
    assert_eq!(added_ids(&stdout_of(&second)).len(), ar.len());
    assert_eq!(documents(&ws.db) as usize, en.len() + ar.len());
    snapshot(&ws.db);
}

#[test]
fn add_during_align_waits_and_both_succeed() {
    let base = base_workspace();
    let reference = {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ref.db");
        copy_workspace(&base.db, &db);
        run_ok(&db, &[os("align"), os("--all")]);
        snapshot(&db)
    };
    let before = documents(&base.db);
    let extra = base._dir.path().join("extra.txt");
    std::fs::write(
        &extra,
        "A document added while another command aligns.\nIt must not be lost.\n",
    )
    .unwrap();
    let align = spawn(&base.db, &[os("align"), os("--all")]);
    // Once align holds the write lock, `add` has to wait for it.
    std::thread::sleep(Duration::from_millis(300));
    let add = spawn(
        &base.db,
        &[os("add"), os("--lang"), os("en"), extra.as_os_str()],
    );
    let (align, add) = (
        align.wait_with_output().unwrap(),
        add.wait_with_output().unwrap(),
    );
    assert!(align.status.success(), "align: {}", stderr_of(&align));
    assert_waited_politely(&add, "add");
    if stderr_of(&add).is_empty() {
        skip(
            "the waiting notice of add during align",
            "align finished before add needed the lock",
        );
    }
    assert_eq!(
        documents(&base.db),
        before + 1,
        "the added document is there"
    );
    let now = snapshot(&base.db);
    assert_all_or_nothing(&base.db, &reference, &reference, &base.confirmed, "align");
    assert_eq!(now, reference, "align's results are all there");
}

/// Runs `script` with `sh` in a mount namespace of its own, where it may mount a tmpfs even
/// unprivileged (a user namespace maps the caller to root). None when namespaces are not to
/// be had here.
fn in_mount_namespace(script: &str, env: &[(&str, &Path)]) -> Option<std::process::Output> {
    let mut c = Command::new("unshare");
    c.args([
        "--user",
        "--map-root-user",
        "--mount",
        "sh",
        "-eu",
        "-c",
        script,
    ]);
    for (k, v) in env {
        c.env(k, v);
    }
    c.env_remove("TARJAMA_DB")
        .env_remove("TARJAMA_MODEL")
        .env_remove("TARJAMA_BUSY_TIMEOUT")
        .env("NO_COLOR", "1")
        .env("TARJAMA_NO_SYSTEM_LEXICON", "1")
        .env("TARJAMA_NO_MODEL", "1");
    let probe = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg("d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs \"$d\"")
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    c.output().ok()
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let d = faithful_dirs();
    // On a small tmpfs: a workspace with one aligned pair; the disk filled up; then `add` and
    // `align` must fail in one line each, leaving the workspace as it was; the space freed, both
    // work. The workspace is copied out before the namespace (and its tmpfs) goes.
    let script = r#"
        mnt="$OUT/mnt"; mkdir -p "$mnt"
        mount -t tmpfs -o size=4m tmpfs "$mnt"
        t() { "$BIN" --db "$mnt/w.db" "$@"; }
        t init >/dev/null
        t add --lang en "$EN" >/dev/null
        t add --lang ar "$AR" >/dev/null
        t pair 2 1 >/dev/null
        t align 1 >/dev/null
        # Fill the disk: dd stops at ENOSPC.
        dd if=/dev/zero of="$mnt/fill" bs=4k 2>/dev/null || true
        set +e
        t add --lang en "$BIG" >"$OUT/add.out" 2>"$OUT/add.err"; echo $? >"$OUT/add.rc"
        t align 1 >"$OUT/align.out" 2>"$OUT/align.err"; echo $? >"$OUT/align.rc"
        set -e
        cp "$mnt"/w.db* "$OUT/full/"
        rm "$mnt/fill"
        t add --lang en "$BIG" >"$OUT/add2.out" 2>&1
        t align 1 >"$OUT/align2.out" 2>&1
        cp "$mnt"/w.db* "$OUT/freed/"
    "#;
    let big = dir.path().join("big.txt");
    let paragraph = std::fs::read_to_string(d[0].join("en.sents")).unwrap();
    // Any write fails on the full disk; after, this fits in the space freed.
    std::fs::write(&big, paragraph.repeat(20)).unwrap();
    for sub in ["full", "freed"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_tarjama"));
    let (en, ar) = (d[0].join("en.sents"), d[0].join("ar.sents"));
    let env = [
        ("OUT", dir.path()),
        ("BIN", bin.as_path()),
        ("EN", en.as_path()),
        ("AR", ar.as_path()),
        ("BIG", big.as_path()),
    ];
    let Some(o) = in_mount_namespace(script, &env) else {
        skip(
            "the full-disk test",
            "cannot mount a tmpfs here (no unshare, or user namespaces disabled)",
        );
        return;
    };
    assert!(
        o.status.success(),
        "script failed:\n{}{}",
        stdout_of(&o),
        stderr_of(&o)
    );
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    for cmd in ["add", "align"] {
        assert_eq!(
            read(&format!("{cmd}.rc")).trim(),
            "1",
            "{cmd} on a full disk"
        );
        let err = read(&format!("{cmd}.err"));
        assert_eq!(err.trim().lines().count(), 1, "{cmd}: one line: {err}");
        // SQLite says SQLITE_FULL when the database or its WAL cannot grow ("the disk is full;
        // the workspace is unchanged"), but a command's first write on a full disk may instead
        // fail to grow the WAL index (w.db-shm), which it reports as an I/O error
        // (SQLITE_IOERR_SHMSIZE): "disk error … keeps what its last finished command wrote".
        // Both say the workspace is as it was; the snapshot below checks that it is.
        assert!(
            err.contains("w.db")
                && (err.contains("disk is full") || err.contains("disk error"))
                && (err.contains("unchanged") || err.contains("keeps what")),
            "{cmd}: {err}"
        );
    }
    // The full disk's workspace: sound, and just as before the two failed commands.
    let full = snapshot(&dir.path().join("full/w.db"));
    assert_eq!(documents(&dir.path().join("full/w.db")), 2);
    assert!(!full[&1].beads.is_empty());
    // Space freed: both commands work, and the pair's alignment is the one it had.
    let freed = snapshot(&dir.path().join("freed/w.db"));
    assert_eq!(documents(&dir.path().join("freed/w.db")), 3);
    assert_eq!(freed[&1], full[&1]);
}
