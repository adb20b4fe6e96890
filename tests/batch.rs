//! `tarjama batch`: the real binary on records built from the gold corpora. Each output record
//! equals `check --format json` of the same pair plus its id, in input order; bad records carry an
//! error and never stop the run; the exit status says whether any failed.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A presegmented record of a corpus pair (the sentences of en.sents and ar.sents).
fn presegmented(dir: &Path, id: Value) -> Value {
    json!({"id": id, "source": sents(&dir.join("en.sents")), "target": sents(&dir.join("ar.sents")), "presegmented": true})
}

fn lines(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// The output record without its id (the check document, or the error).
fn without_id(mut v: Value) -> Value {
    v.as_object_mut().expect("object").remove("id");
    v
}

#[test]
fn each_record_equals_check_and_order_is_kept() {
    let ws = Ws::uninit();
    let dirs = pair_dirs();
    // Two rounds of the five pairs, with a window smaller than the input: order across windows.
    let records: Vec<Value> = (0..2)
        .flat_map(|round| {
            dirs.iter()
                .map(move |d| presegmented(d, json!(format!("{}-{round}", name_of(d)))))
        })
        .collect();
    let input = ws.write("in.jsonl", lines(&records));
    let out = ws.path("out.jsonl");
    let o = tarjama()
        .arg("batch")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--window", "3", "--threads", "2"])
        .output()
        .expect("runs");
    assert!(o.status.success(), "batch failed: {}", stderr_of(&o));
    let got = json_lines(&read(&out));
    assert_eq!(got.len(), records.len());
    for (k, (rec, res)) in records.iter().zip(&got).enumerate() {
        assert_eq!(res["id"], rec["id"], "record {k} in input order");
        let dir = &dirs[k % dirs.len()];
        assert_eq!(
            without_id(res.clone()),
            check_json(dir),
            "{}: batch and check differ",
            name_of(dir)
        );
    }
    assert!(stderr_of(&o).contains("checked 10 records (0 failed)"));
}

#[test]
fn raw_text_records_equal_check_of_the_files() {
    let ws = Ws::uninit();
    let d = corpora_dir().join("jscd-2023");
    let rec =
        json!({"id": 7, "source": read(&d.join("en.txt")), "target": read(&d.join("ar.txt"))});
    let o = tarjama()
        .args(["batch", "-", "--out", "-"])
        .write_stdin(lines(&[rec]))
        .output()
        .expect("runs");
    assert!(o.status.success(), "batch failed: {}", stderr_of(&o));
    let got = json_lines(&stdout_of(&o));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["id"], 7);
    let c = tarjama()
        .arg("check")
        .arg(d.join("en.txt"))
        .arg(d.join("ar.txt"))
        .args(["--format", "json"])
        .current_dir(ws.dir.path())
        .output()
        .expect("runs");
    assert!(c.status.success());
    let check: Value = serde_json::from_str(&stdout_of(&c)).expect("JSON");
    assert_eq!(without_id(got[0].clone()), check);
}

#[test]
fn bad_records_are_reported_and_the_others_are_all_there() {
    let ws = Ws::uninit();
    let d = corpora_dir().join("dev-01");
    let good = |id: i64| presegmented(&d, json!(id));
    let input = [
        good(1).to_string(),
        "{this is not json".to_string(),
        json!({"id": 3, "source": "", "target": "نص"}).to_string(),
        json!({"id": 4, "source": 12, "target": "نص"}).to_string(),
        json!({"id": 5, "source": "نص عربي في مكان الإنجليزية", "target": "نص عربي"}).to_string(),
        json!({"id": 6, "target": "نص عربي"}).to_string(),
        String::new(),
        good(7).to_string(),
    ]
    .join("\n");
    let input = ws.write("in.jsonl", input);
    let out = ws.path("out.jsonl");
    let o = tarjama()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1), "a failed record fails the run");
    let err = stderr_of(&o);
    assert!(
        err.contains("tarjama: error: 5 of 7 records could not be checked"),
        "{err}"
    );
    let got = json_lines(&read(&out));
    let ids: Vec<Value> = got.iter().map(|r| r["id"].clone()).collect();
    assert_eq!(
        ids,
        [
            json!(1),
            Value::Null,
            json!(3),
            json!(4),
            json!(5),
            json!(6),
            json!(7)
        ],
        "one output record per input record (blank lines are none), in order"
    );
    for r in [&got[0], &got[6]] {
        assert!(r.get("error").is_none(), "good record failed: {r}");
        assert!(r["beads"].as_array().is_some_and(|b| !b.is_empty()));
    }
    let error = |k: usize| got[k]["error"].as_str().unwrap_or_default().to_string();
    assert!(error(1).contains("not a JSON object"), "{}", error(1));
    assert!(error(2).contains("\"source\" is empty"), "{}", error(2));
    assert!(error(3).contains("\"source\" is not text"), "{}", error(3));
    assert!(
        error(4).contains("should be English but reads as Arabic"),
        "{}",
        error(4)
    );
    assert!(error(5).contains("\"source\" is missing"), "{}", error(5));
    for r in &got[1..=5] {
        assert!(r.get("beads").is_none(), "an error record has no results");
    }
}

#[test]
fn argument_and_input_errors_are_one_line() {
    let ws = Ws::uninit();
    let missing = ws.path("missing.jsonl");
    let o = tarjama()
        .arg("batch")
        .arg(&missing)
        .args(["--out", "-"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr_of(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("missing.jsonl"), "{err}");
    let input = ws.write("in.jsonl", "");
    let o = tarjama()
        .arg("batch")
        .arg(&input)
        .args(["--out", "-", "--threads", "0"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr_of(&o).contains("--threads must be at least 1"));
    // No records: nothing to do, and that is no failure.
    let o = tarjama()
        .arg("batch")
        .arg(&input)
        .args(["--out", "-"])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert_eq!(stdout_of(&o), "");
}
