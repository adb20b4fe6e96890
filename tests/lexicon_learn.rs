//! `tarjama lexicon learn`: word translations estimated from a workspace's confident beads,
//! stored as a lexicon the next `align` uses, removable by name.

mod common;

use common::{stderr_of, stdout_of, tarjama};
use std::path::{Path, PathBuf};

/// A workspace holding the team's faithful pairs (not `corpora/`), paired and aligned.
fn aligned_workspace(dir: &Path) -> PathBuf {
    let db = dir.join("w.db");
    let run = |args: &[&str]| {
        let o = tarjama().arg("--db").arg(&db).args(args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr_of(&o));
        o
    };
    run(&["init"]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/faithful");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 4, "faithful pairs under {}", root.display());
    for (i, d) in dirs.iter().enumerate() {
        let en = d.join("en.sents");
        let ar = d.join("ar.sents");
        run(&["add", "--lang", "en", en.to_str().unwrap()]);
        run(&["add", "--lang", "ar", ar.to_str().unwrap()]);
        let (src, art) = (2 * i + 1, 2 * i + 2);
        run(&["pair", &art.to_string(), &src.to_string()]);
    }
    run(&["align", "--all"]);
    db
}

#[test]
fn learns_stores_uses_and_removes_a_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let db = aligned_workspace(dir.path());
    let tsv = dir.path().join("learned.tsv");
    let o = tarjama()
        .arg("--db")
        .arg(&db)
        .args(["lexicon", "learn", "--show", "--out"])
        .arg(&tsv)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert!(
        stderr_of(&o).contains("stored as 'learned'"),
        "{}",
        stderr_of(&o)
    );
    let shown = stdout_of(&o);
    let pairs: Vec<(&str, &str)> = shown
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?))
        })
        .collect();
    assert!(pairs.len() >= 50, "{shown}");
    // A frequent content word of these statements and its rendering (article stripped).
    assert!(pairs.contains(&("forces", "قوات")), "{shown}");
    // Closed-class words are never learned.
    assert!(pairs
        .iter()
        .all(|(en, _)| !["the", "of", "and", "is"].contains(en)));
    let written = std::fs::read_to_string(&tsv).unwrap();
    assert!(written.lines().any(|l| l == "forces\tقوات"), "{written}");

    let list = tarjama()
        .arg("--db")
        .arg(&db)
        .args(["lexicon", "list"])
        .output()
        .unwrap();
    assert!(
        stdout_of(&list).contains(&format!("learned: {} entries", pairs.len())),
        "{}",
        stdout_of(&list)
    );
    // The next align reads the learned entries with the rest of the workspace's lexicons.
    let again = tarjama()
        .arg("--db")
        .arg(&db)
        .args(["align", "--all"])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr_of(&again));

    let rm = tarjama()
        .arg("--db")
        .arg(&db)
        .args(["lexicon", "remove", "learned"])
        .output()
        .unwrap();
    assert!(rm.status.success(), "{}", stderr_of(&rm));
    let rm_again = tarjama()
        .arg("--db")
        .arg(&db)
        .args(["lexicon", "remove", "learned"])
        .output()
        .unwrap();
    assert_eq!(rm_again.status.code(), Some(1));
    assert_eq!(stderr_of(&rm_again).trim().lines().count(), 1);
}

#[test]
fn learning_without_aligned_pairs_or_with_a_bad_threshold_fails_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    tarjama()
        .arg("--db")
        .arg(&db)
        .arg("init")
        .assert()
        .success();
    for args in [
        vec!["lexicon", "learn"],
        vec!["lexicon", "learn", "--min-score", "5"],
    ] {
        let o = tarjama().arg("--db").arg(&db).args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr_of(&o);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}
