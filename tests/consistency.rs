//! One behaviour whichever way a user gets there: `check` and `align` use the same lexicons by
//! default and say which, so the same files give the same flags; `demo` keeps to its own
//! workspace whatever TARJAMA_DB says.

mod common;

use common::*;
use serde_json::Value;
use std::ffi::OsString;
use std::path::Path;

/// The `lexicons: …` line of a run's standard error.
fn lexicons_line(o: &std::process::Output, what: &str) -> String {
    let err = stderr_of(o);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("lexicons: "))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: one lexicons line on stderr: {err:?}"
    );
    lines[0].to_string()
}

/// Beads and flags of a report, without what differs by construction between a one-shot check
/// and a stored pair (nothing, today: both print the schema of README.md).
fn beads_and_flags(report: &Value) -> (Value, Value) {
    (report["beads"].clone(), report["flags"].clone())
}

/// `check EN AR --format json` and `add EN AR; pair; align; report --format json` of the same
/// files, with the environment `env` sets up; returns the two lexicons lines.
fn check_and_align_agree(en: &Path, ar: &Path, system_lexicon: bool) -> (String, String) {
    let ws = Ws::new();
    let with_env = |mut c: assert_cmd::Command| {
        if system_lexicon {
            c.env_remove("TARJAMA_NO_SYSTEM_LEXICON");
        }
        c
    };
    let check = with_env(tarjama())
        .arg("check")
        .arg(en)
        .arg(ar)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr_of(&check));
    // Standard output is the JSON document alone: the lexicons line goes to standard error.
    let checked: Value = serde_json::from_str(&stdout_of(&check))
        .unwrap_or_else(|e| panic!("check --format json is not JSON ({e})"));
    let check_lexicons = lexicons_line(&check, "check");

    ws.ok(&[OsString::from("add"), en.into(), ar.into()]);
    ws.ok(&["pair", "2", "1"]);
    let align = with_env(ws.cmd()).args(["align", "1"]).output().unwrap();
    assert!(align.status.success(), "{}", stderr_of(&align));
    let align_lexicons = lexicons_line(&align, "align");
    let stored = ws.json(&["report", "1", "--format", "json"]);

    let (cb, cf) = beads_and_flags(&checked);
    let (ab, af) = beads_and_flags(&stored);
    assert_eq!(cb, ab, "{}: the same beads", en.display());
    assert_eq!(cf, af, "{}: the same flags", en.display());
    assert_eq!(
        check_lexicons, align_lexicons,
        "the same lexicons, said the same way"
    );
    (check_lexicons, align_lexicons)
}

#[test]
fn check_and_align_give_the_same_flags_and_name_the_same_lexicons() {
    let mut flagged = 0;
    for name in ["dev-01", "dev-02"] {
        let d = corpora_dir().join(name);
        let (line, _) = check_and_align_agree(&d.join("en.txt"), &d.join("ar.txt"), false);
        assert!(line.starts_with("lexicons: built-in glossary"), "{line}");
        assert!(!line.contains("FreeDict (system"), "turned off: {line}");
        let o = tarjama()
            .arg("check")
            .arg(d.join("en.txt"))
            .arg(d.join("ar.txt"))
            .args(["--format", "json"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_str(&stdout_of(&o)).unwrap();
        flagged += v["flags"].as_array().unwrap().len();
    }
    assert!(flagged > 0, "a pair with flags is among those compared");
}

#[test]
fn with_the_system_freedict_both_use_it_and_say_so() {
    let installed = ["freedict-ara-eng.index", "freedict-eng-ara.index"]
        .iter()
        .any(|f| Path::new("/usr/share/dictd").join(f).is_file());
    if !installed {
        skip(
            "check and align with the system's FreeDict",
            "FreeDict is not installed in /usr/share/dictd",
        );
        return;
    }
    let d = corpora_dir().join("dev-02");
    let (line, _) = check_and_align_agree(&d.join("en.txt"), &d.join("ar.txt"), true);
    assert!(
        line.contains("FreeDict (system, /usr/share/dictd)"),
        "{line}"
    );
}

#[test]
fn a_workspace_lexicon_is_named_by_align() {
    let ws = common::dev01_paired();
    let d = corpora_dir().join("dev-01");
    let dict = ws.write("newsroom.tsv", "forces\tقوات\nminister\tوزير\n");
    ws.ok(&[
        OsString::from("lexicon"),
        "import".into(),
        dict.into(),
        "--name".into(),
        "newsroom".into(),
    ]);
    let o = ws.run(&["align", "1"]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    let line = lexicons_line(&o, "align");
    // (then a note on machines where FreeDict is installed: the tests turn it off)
    assert!(
        line.starts_with("lexicons: built-in glossary, newsroom (workspace)"),
        "{line}"
    );
    // `check` names its --lexicon files.
    let o = tarjama()
        .arg("check")
        .arg(d.join("en.txt"))
        .arg(d.join("ar.txt"))
        .arg("--lexicon")
        .arg(ws.path("newsroom.tsv"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    let line = lexicons_line(&o, "check --lexicon");
    assert!(
        line.starts_with("lexicons: built-in glossary, ")
            && line.contains(&format!("{}", ws.path("newsroom.tsv").display())),
        "{line}"
    );
}

#[test]
fn demo_never_writes_to_the_workspace_tarjama_db_names() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("my-work.db");
    // The user's own workspace, with a document in it.
    let en = corpora_dir().join("dev-01/en.txt");
    for args in [vec![OsString::from("init")], vec!["add".into(), en.into()]] {
        let o = tarjama()
            .current_dir(dir.path())
            .env("TARJAMA_DB", &theirs)
            .args(&args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr_of(&o));
    }
    let before = std::fs::read(&theirs).unwrap();
    let o = tarjama()
        .current_dir(dir.path())
        .env("TARJAMA_DB", &theirs)
        .arg("demo")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert!(
        dir.path().join("tarjama-demo.db").is_file(),
        "the demo uses ./tarjama-demo.db"
    );
    assert!(
        std::fs::read(&theirs).unwrap() == before,
        "the workspace TARJAMA_DB names is untouched"
    );
    let docs = tarjama()
        .current_dir(dir.path())
        .env("TARJAMA_DB", &theirs)
        .args(["list", "documents", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        json_lines(&stdout_of(&docs)).len(),
        1,
        "only the user's document"
    );
    // --db still names the demo's workspace.
    let chosen = dir.path().join("try.db");
    let o = tarjama()
        .current_dir(dir.path())
        .env("TARJAMA_DB", &theirs)
        .arg("--db")
        .arg(&chosen)
        .arg("demo")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert!(chosen.is_file());
    assert!(std::fs::read(&theirs).unwrap() == before);
}
