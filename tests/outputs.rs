//! `--out` never overwrites a workspace: a mistyped `export --out tarjama.db` or
//! `report --out other.db` fails with one line, exit status 1, and leaves the file as it was.
//! And an output file is never half-written: it is written under a temporary name and renamed
//! into place when complete, so a failed export leaves the previous file (or none), and no
//! temporary file either.

mod common;

use common::{stderr_of, tarjama};

fn demo_workspace(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("w.db");
    let o = tarjama().arg("--db").arg(&db).arg("demo").output().unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    db
}

#[test]
fn out_refuses_the_workspace_and_other_databases() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_workspace(dir.path());
    let other = dir.path().join("other.db");
    std::fs::copy(&db, &other).unwrap();
    let before = std::fs::read(&db).unwrap();
    let other_before = std::fs::read(&other).unwrap();

    let wal = dir.path().join("w.db-wal");
    let shm = dir.path().join("w.db-shm");
    let cases: [(&[&str], &std::path::Path, &str); 5] = [
        (&["export", "--format", "tsv", "--out"], &wal, "-wal"),
        (&["report", "1", "--format", "json", "--out"], &shm, "-shm"),
        (
            &["export", "--format", "tsv", "--out"],
            &db,
            "the workspace",
        ),
        (
            &["report", "1", "--format", "html", "--out"],
            &other,
            "an SQLite database",
        ),
        (
            &["export", "--format", "jsonl", "--out"],
            &other,
            "an SQLite database",
        ),
    ];
    for (args, target, what) in cases {
        let o = tarjama()
            .arg("--db")
            .arg(&db)
            .args(args)
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr_of(&o);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(
            err.contains("refusing to write over") && err.contains(what),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the workspace is untouched"
    );
    assert_eq!(std::fs::read(&other).unwrap(), other_before);

    // An ordinary output file is still written.
    let tsv = dir.path().join("out.tsv");
    let o = tarjama()
        .arg("--db")
        .arg(&db)
        .args(["export", "--format", "tsv", "--out"])
        .arg(&tsv)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert!(std::fs::read_to_string(&tsv).unwrap().lines().count() > 5);
}

#[test]
fn a_negative_pair_id_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_workspace(dir.path());
    for cmd in ["show", "report", "history"] {
        let o = tarjama()
            .arg("--db")
            .arg(&db)
            .args([cmd, "-1"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        let err = stderr_of(&o);
        assert_eq!(err.trim().lines().count(), 1, "{cmd}: {err}");
        assert!(err.contains("-1"), "{err}");
    }
}

/// The names in `dir`, sorted, leaving out the workspace's own files.
fn outputs_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("w.db"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_export_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_workspace(dir.path());
    let previous = dir.path().join("previous.tmx");
    std::fs::write(&previous, "the previous export").unwrap();
    // Break the workspace behind tarjama's back (foreign keys off): the pair's Arabic article
    // is gone, so the export fails once its output file is open (the TMX header written), while
    // reading the pair.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "foreign_keys", false).unwrap();
        c.execute("DELETE FROM documents WHERE id = 2", []).unwrap();
    }
    for (format, name) in [
        ("tmx", "previous.tmx"),
        ("xliff", "new.xlf"),
        ("moses", "corpus"),
    ] {
        let o = tarjama()
            .arg("--db")
            .arg(&db)
            .args(["export", "--format", format, "--out"])
            .arg(dir.path().join(name))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{format}");
        let err = stderr_of(&o);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert_eq!(
        std::fs::read_to_string(&previous).unwrap(),
        "the previous export",
        "the previous file is untouched"
    );
    assert_eq!(
        outputs_in(dir.path()),
        ["previous.tmx"],
        "no new file, no temporary file"
    );
}

#[test]
fn outputs_are_complete_and_leave_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_workspace(dir.path());
    let tmx = dir.path().join("out.tmx");
    std::fs::write(&tmx, "an older export, replaced").unwrap();
    let runs: [&[&str]; 3] = [
        &["export", "--format", "tmx", "--out", "out.tmx"],
        &["export", "--format", "moses", "--out", "corpus"],
        &["report", "1", "--format", "html", "--out", "report.html"],
    ];
    for args in runs {
        let o = tarjama()
            .current_dir(dir.path())
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr_of(&o));
    }
    assert_eq!(
        outputs_in(dir.path()),
        ["corpus.ar", "corpus.en", "out.tmx", "report.html"]
    );
    let tmx = std::fs::read_to_string(&tmx).unwrap();
    assert!(tmx.trim_end().ends_with("</tmx>"), "{tmx}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_names_the_output_file() {
    // /dev/full is a device: written in place, every write fails with ENOSPC.
    let full = std::path::Path::new("/dev/full");
    if !full.exists() {
        println!("skipped: no /dev/full");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo_workspace(dir.path());
    let runs: [&[&str]; 3] = [
        &["export", "--format", "tsv", "--out"],
        &["export", "--format", "tmx", "--out"],
        &["report", "1", "--format", "html", "--out"],
    ];
    for args in runs {
        let o = tarjama()
            .arg("--db")
            .arg(&db)
            .args(args)
            .arg(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr_of(&o);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(
            err.contains("cannot write /dev/full: No space left on device"),
            "{err}"
        );
    }
}
