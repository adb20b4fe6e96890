//! `--out` never overwrites a workspace: a mistyped `export --out tarjama.db` or
//! `report --out other.db` fails with one line, exit status 1, and leaves the file as it was.

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

    let cases: [(&[&str], &std::path::Path, &str); 3] = [
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
