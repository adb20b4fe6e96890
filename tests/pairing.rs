//! Automatic pairing through the real binary, on the pool of tests/data/pool/gold.json: the five
//! Arabic articles of corpora/ with their English sources, English decoys of the same kinds (the
//! second JSCD a year later, another CENTCOM exercise with Egypt in the same month, another
//! Lebanon security-assistance announcement by the same ambassador, …) and an Arabic article
//! whose source is not in the pool.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pool_gold() -> Value {
    let p = repo().join("tests/data/pool/gold.json");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Adds one file (with its metadata date, if any) and returns its document id.
fn add(ws: &Ws, file: &Path, date: Option<&str>) -> i64 {
    let mut args: Vec<OsString> = vec!["add".into(), file.into()];
    if let Some(d) = date {
        args.push("--date".into());
        args.push(d.into());
    }
    added_id(&ws.ok(&args))
}

/// A workspace holding the whole pool; returns it with document id → pool file. Files with the
/// same metadata date go in one `add` (each process loads the lexicon once).
fn pool_workspace() -> (Ws, BTreeMap<i64, String>, Value) {
    let gold = pool_gold();
    let ws = Ws::new();
    let mut by_date: BTreeMap<Option<String>, Vec<String>> = BTreeMap::new();
    for d in gold["documents"].as_array().expect("documents") {
        let file = d["file"].as_str().expect("file").to_string();
        by_date
            .entry(d["date"].as_str().map(String::from))
            .or_default()
            .push(file);
    }
    let mut files = BTreeMap::new();
    for (date, group) in &by_date {
        let mut args: Vec<OsString> = vec!["add".into()];
        args.extend(group.iter().map(|f| repo().join(f).into_os_string()));
        if let Some(d) = date {
            args.push("--date".into());
            args.push(d.into());
        }
        let out = ws.ok(&args);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), group.len(), "{out}");
        for (line, file) in lines.iter().zip(group) {
            assert!(line.ends_with(file.as_str()), "{line} for {file}");
            files.insert(added_id(line), file.clone());
        }
    }
    (ws, files, gold)
}

fn id_of(files: &BTreeMap<i64, String>, file: &str) -> i64 {
    *files
        .iter()
        .find(|(_, f)| f.as_str() == file)
        .unwrap_or_else(|| panic!("{file} not added"))
        .0
}

/// The whole pool: suggestions first (nothing stored), then `--auto`. Every article is paired
/// with its gold source and the article without a source in the pool is not; the confidence of
/// every right answer is above that of every wrong candidate of every article, so one threshold
/// separates them, and the default threshold lies in between.
#[test]
fn pool() {
    let (ws, files, gold) = pool_workspace();
    let expected: BTreeMap<i64, Option<i64>> = gold["gold"]
        .as_object()
        .expect("gold")
        .iter()
        .map(|(article, source)| {
            (
                id_of(&files, article),
                source.as_str().map(|s| id_of(&files, s)),
            )
        })
        .collect();

    // Every candidate of every article, aligned.
    let mut right = Vec::new();
    let mut wrong = Vec::new();
    for (&article, &source) in &expected {
        let r = ws.json(&[
            "pair",
            "--suggest",
            &article.to_string(),
            "--top",
            "20",
            "--json",
        ]);
        let candidates = r["candidates"].as_array().expect("candidates");
        let ranked: Vec<f64> = candidates
            .iter()
            .map(|c| c["confidence"].as_f64().expect("confidence"))
            .collect();
        assert!(
            ranked.windows(2).all(|w| w[0] >= w[1]),
            "best first: {ranked:?}"
        );
        for c in candidates {
            let conf = c["confidence"].as_f64().expect("confidence");
            assert!((0.0..=1.0).contains(&conf), "{c}");
            let id = c["source"].as_i64().expect("source");
            let row = format!("{} <- {} {conf:.3}", files[&article], files[&id]);
            if Some(id) == source {
                right.push((conf, row));
            } else {
                wrong.push((conf, row));
            }
        }
    }
    right.sort_by(|a, b| a.0.total_cmp(&b.0));
    wrong.sort_by(|a, b| b.0.total_cmp(&a.0));
    eprintln!("right answers: {right:#?}");
    eprintln!("best wrong candidates: {:#?}", &wrong[..wrong.len().min(5)]);
    assert_eq!(
        right.len(),
        5,
        "every gold source is a candidate: {right:?}"
    );
    let (lowest_right, best_wrong) = (&right[0], &wrong[0]);
    assert!(
        lowest_right.0 > best_wrong.0,
        "right {lowest_right:?} vs wrong {best_wrong:?}"
    );

    // The text of --suggest: five candidates, best first, with evidence.
    let article = id_of(&files, "corpora/dev-02/ar.txt");
    let source = id_of(&files, "corpora/dev-02/en.txt");
    let out = ws.ok(&["pair", "--suggest", &article.to_string(), "--explain"]);
    let first = out.lines().nth(1).unwrap_or_default();
    assert!(
        first
            .trim_start()
            .starts_with(&format!("1. source {source} ")),
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.contains(". source ")).count(),
        5,
        "five candidates by default:\n{out}"
    );
    assert!(out.contains("95,000,000"), "shared figures shown:\n{out}");
    assert!(out.contains("Ellison"), "shared names shown:\n{out}");
    let pairs = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    assert!(pairs.is_empty(), "--suggest stores nothing: {pairs:?}");

    // --auto.
    let auto = ws.json(&["pair", "--auto", "--json"]);
    let threshold = auto["min_confidence"].as_f64().expect("min_confidence");
    assert!(
        lowest_right.0 >= threshold && best_wrong.0 < threshold,
        "threshold {threshold} between {lowest_right:?} and {best_wrong:?}"
    );
    let results = auto["articles"].as_array().expect("articles");
    assert_eq!(results.len(), expected.len(), "{auto:#}");
    for r in results {
        let article = r["article"].as_i64().expect("article");
        match expected[&article] {
            Some(source) => {
                assert_eq!(r["decision"], "paired", "article {article}: {r:#}");
                assert_eq!(
                    r["source"].as_i64(),
                    Some(source),
                    "article {article} ({}) paired with the wrong source: {r:#}",
                    files[&article]
                );
            }
            None => assert_eq!(r["decision"], "no_source", "article {article}: {r:#}"),
        }
    }
    // The pairs are stored as automatic, with their confidence.
    let pairs = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    assert_eq!(pairs.len(), 5, "{pairs:?}");
    for p in &pairs {
        assert_eq!(p["method"], "auto", "{p}");
        assert!(
            p["confidence"].as_f64().expect("confidence") >= threshold,
            "{p}"
        );
    }

    // Only the article without a source is left; --explain says why.
    let sudan = id_of(&files, "tests/data/pool/sudan-aid.ar.txt");
    let out = ws.ok(&["pair", "--auto", "--explain"]);
    assert!(
        out.starts_with(&format!(
            "article {sudan}: no source found (best candidate: source "
        )),
        "{out}"
    );
    for needle in [
        "shared numbers:",
        "shared dates:",
        "shared names:",
        "shared acronyms:",
        "lexicon overlap:",
        "date proximity:",
        "lead alignment:",
        "runner-up: source",
        "margin",
    ] {
        assert!(out.contains(needle), "--explain lacks {needle:?}:\n{out}");
    }
    // The threshold is what decides: at 0 the best (wrong) candidate is taken.
    let out = ws.ok(&["pair", "--auto", "--min-confidence", "0"]);
    assert!(
        out.starts_with(&format!("article {sudan}: paired with source ")),
        "{out}"
    );
    assert_eq!(ws.ok(&["pair", "--auto"]), "no unpaired Arabic articles\n");
}

/// The index follows `add`: an article added before its source finds it once it is added.
#[test]
fn index_is_updated_on_add() {
    let ws = Ws::new();
    let dir = corpora_dir().join("dev-04");
    let article = add(&ws, &dir.join("ar.txt"), None);
    let decoy = add(
        &ws,
        &repo().join("tests/data/pool/peshmerga-2.en.txt"),
        None,
    );
    let out = ws.ok(&["pair", "--auto"]);
    assert!(
        out.starts_with(&format!("article {article}: no source found")),
        "{out}"
    );
    let source = add(&ws, &dir.join("en.txt"), None);
    let out = ws.ok(&["pair", "--auto"]);
    assert_eq!(
        out.lines().next().unwrap_or_default().split(" (").next(),
        Some(format!("article {article}: paired with source {source}").as_str()),
        "{out}"
    );
    assert_ne!(source, decoy);
}

/// `pair ARTICLE SOURCE` is unchanged.
#[test]
fn manual_pairing_unchanged() {
    let ws = Ws::new();
    let d = corpora_dir().join("dev-01");
    let en = add(&ws, &d.join("en.txt"), None);
    let ar = add(&ws, &d.join("ar.txt"), None);
    let out = ws.ok(&["pair", &ar.to_string(), &en.to_string()]);
    assert_eq!(out, format!("pair 1: article {ar} renders source {en}\n"));
    let out = ws.ok(&["pair", &ar.to_string(), &en.to_string()]);
    assert_eq!(
        out,
        format!("pair 1 already declares article {ar} ⇄ source {en}\n")
    );
    let pairs = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    assert_eq!(pairs[0]["method"], "manual", "{pairs:?}");
    // A manually paired article is left alone by --auto.
    let out = ws.ok(&["pair", "--auto"]);
    assert_eq!(out, "no unpaired Arabic articles\n");
}

/// Every misuse is one line on standard error and changes nothing.
#[test]
fn misuse_is_a_one_line_error() {
    let ws = Ws::new();
    let d = corpora_dir().join("dev-01");
    let en = add(&ws, &d.join("en.txt"), None).to_string();
    let ar = add(&ws, &d.join("ar.txt"), None).to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["pair"], "--auto"),
        (vec!["pair", &ar], "SOURCE"),
        (vec!["pair", &ar, &en, "--auto"], "not several"),
        (vec!["pair", "--auto", "--suggest", &ar], "together"),
        (vec!["pair", &ar, "--suggest", &ar], "not several"),
        (vec!["pair", "--auto", "--top", "3"], "--top"),
        (
            vec!["pair", "--suggest", &ar, "--min-confidence", "0.5"],
            "--min-confidence",
        ),
        (vec!["pair", "--auto", "--min-confidence", "1.5"], "1.5"),
        (vec!["pair", "--auto", "--min-confidence", "high"], "high"),
        (vec!["pair", "--suggest", &ar, "--top", "0"], "--top"),
        (vec!["pair", "--suggest", &en], "Arabic"),
        (vec!["pair", "--suggest", "99"], "99"),
        (vec!["pair", "--suggest", "x"], "x"),
        (vec!["pair", &ar, &en, "--explain"], "--explain"),
    ];
    let before = std::fs::read(&ws.db).expect("workspace");
    for (args, needle) in cases {
        let o = ws.run(&args);
        let err = stderr_of(&o);
        assert!(!o.status.success(), "{args:?} should fail");
        assert!(o.stdout.is_empty(), "{args:?}: {}", stdout_of(&o));
        assert_eq!(err.lines().count(), 1, "{args:?}: one line, got:\n{err}");
        assert!(err.starts_with("tarjama: error:"), "{args:?}: {err}");
        assert!(
            err.contains(needle),
            "{args:?}: error names {needle:?}: {err}"
        );
    }
    assert!(std::fs::read(&ws.db).expect("workspace") == before);
}
