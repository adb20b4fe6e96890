//! Parquet output read back by other tools: `export --format parquet` and `batch
//! --output-format parquet`, read with pyarrow and DuckDB (PyPI packages; `.ci/run` installs
//! them), compared with the JSONL output of the same data: row counts, and text byte for byte.
//! Without them the test prints a SKIPPED line and checks what it can in Rust alone.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// The Python to use ($TARJAMA_PYTHON, else python3) when it has all of `modules`; else why not.
/// Says loudly that a check did not run: the harness captures `println!` (shown only on failure
/// or with --nocapture), so the line also goes to the process's stderr directly, which it does
/// not capture.
fn skip(reason: &str) {
    use std::io::Write as _;
    let line = format!("SKIPPED: {reason}");
    println!("{line}");
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn python_with(modules: &[&str]) -> Result<String, String> {
    let python = std::env::var("TARJAMA_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = format!("import {}", modules.join(", "));
    match Command::new(&python).args(["-c", &probe]).output() {
        Ok(o) if o.status.success() => Ok(python),
        Ok(_) => Err(format!(
            "{python} lacks {} (pip install {})",
            modules.join(" or "),
            modules.join(" ")
        )),
        Err(e) => Err(format!("cannot run {python}: {e}")),
    }
}

fn run_python(python: &str, script: &str, args: &[&Path]) -> String {
    let o = Command::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        o.status.success(),
        "python check failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Reads the export's Parquet with pyarrow and DuckDB and compares every row with the JSONL
/// export: the same rows in the same order, every column equal, Arabic byte for byte.
const EXPORT_CHECK: &str = r#"
import json, sys
import pyarrow.parquet as pq, duckdb
parquet, jsonl = sys.argv[1], sys.argv[2]
expected = [json.loads(l) for l in open(jsonl, encoding="utf-8") if l.strip()]
table = pq.read_table(parquet)
assert table.num_rows == len(expected), (table.num_rows, len(expected))
rows = table.to_pylist()
for e, r in zip(expected, rows):
    for k, v in r.items():
        if v is None:
            assert k not in e or e[k] is None, (k, e)
        else:
            assert e[k] == v, (k, e[k], v)
    for k in e:
        assert k in r, ("column missing", k)
    assert r["target"].encode("utf-8") == e["target"].encode("utf-8")
con = duckdb.connect()
n, = con.execute("SELECT count(*) FROM read_parquet(?)", [parquet]).fetchone()
assert n == len(expected), (n, len(expected))
texts = con.execute("SELECT source, target, flags FROM read_parquet(?)", [parquet]).fetchall()
assert [(s, t, list(f)) for s, t, f in texts] == [(e["source"], e["target"], e["flags"]) for e in expected]
arabic = sum(1 for e in expected if any("\u0600" <= c <= "\u06ff" for c in e["target"]))
print(f"OK {n} rows, {arabic} with Arabic")
"#;

#[test]
fn export_parquet_reads_back_in_pyarrow_and_duckdb() {
    let ws = dev01_paired();
    ws.ok(&["align", "1"]);
    let parquet = ws.path("beads.parquet");
    let jsonl = ws.path("beads.jsonl");
    for (format, out) in [("parquet", &parquet), ("jsonl", &jsonl)] {
        let o = ws
            .cmd()
            .args(["export", "--format", format, "--include-unaligned", "--out"])
            .arg(out)
            .output()
            .expect("runs");
        assert!(o.status.success(), "{format}: {}", stderr_of(&o));
    }
    let bytes = std::fs::read(&parquet).expect("parquet written");
    assert!(
        bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
        "a Parquet file"
    );
    let rows = json_lines(&std::fs::read_to_string(&jsonl).expect("jsonl"));
    assert!(rows.len() > 5);
    match python_with(&["pyarrow", "duckdb"]) {
        Ok(py) => {
            let out = run_python(&py, EXPORT_CHECK, &[&parquet, &jsonl]);
            assert_eq!(
                out.trim(),
                format!("OK {} rows, {} with Arabic", rows.len(), {
                    rows.iter()
                        .filter(|r| r["target"].as_str().is_some_and(|t| !t.is_empty()))
                        .count()
                })
            );
        }
        Err(why) => skip(&format!(
            "reading Parquet back with pyarrow and DuckDB: {why}"
        )),
    }
    // Parquet to a terminal or a pipe makes no sense: refused, with what to do.
    let o = ws
        .cmd()
        .args(["export", "--format", "parquet"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr_of(&o).contains("parquet export needs --out FILE"));
}

/// Reads batch's Parquet output with pyarrow and DuckDB and compares it with its JSONL output:
/// the check documents equal once both are plain Python values.
const BATCH_CHECK: &str = r#"
import json, sys
import pyarrow.parquet as pq, duckdb
parquet, jsonl = sys.argv[1], sys.argv[2]
expected = [json.loads(l) for l in open(jsonl, encoding="utf-8") if l.strip()]

def plain(v):
    # Parquet has every column in every row: nulls stand for the keys JSON leaves out.
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v

rows = pq.read_table(parquet).to_pylist()
assert len(rows) == len(expected), (len(rows), len(expected))
for e, r in zip(expected, rows):
    summary = r["summary"]
    r = plain(r)
    if summary is not None:
        # a map column reads as a list of (key, value) pairs
        r["summary"] = dict(summary)
    e = dict(e)
    if not isinstance(e["id"], str) and e["id"] is not None:
        e["id"] = json.dumps(e["id"])
    assert r == e, (r.get("id"), [k for k in set(r) | set(e) if r.get(k) != e.get(k)])
con = duckdb.connect()
n, failed = con.execute("SELECT count(*), count(error) FROM read_parquet(?)", [parquet]).fetchone()
ar = con.execute("SELECT target.sentences FROM read_parquet(?) WHERE error IS NULL", [parquet]).fetchall()
assert [list(s) for s, in ar] == [e["target"]["sentences"] for e in expected if "error" not in e]
print(f"OK {n} rows, {failed} failed")
"#;

#[test]
fn batch_parquet_equals_batch_jsonl() {
    let ws = Ws::uninit();
    let mut lines = String::new();
    for (i, d) in pair_dirs().iter().enumerate() {
        let rec = serde_json::json!({"id": i, "source": std::fs::read_to_string(d.join("en.txt")).expect("en"), "target": std::fs::read_to_string(d.join("ar.txt")).expect("ar")});
        lines.push_str(&format!("{rec}\n"));
    }
    lines.push_str("{\"id\": \"bad\", \"source\": \"\", \"target\": \"\"}\n");
    let input = ws.write("in.jsonl", lines);
    let parquet = ws.path("out.parquet");
    let jsonl = ws.path("out.jsonl");
    for out in [&parquet, &jsonl] {
        let o = tarjama()
            .arg("batch")
            .arg(&input)
            .arg("--out")
            .arg(out)
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(1),
            "one bad record: {}",
            stderr_of(&o)
        );
        assert!(stderr_of(&o).contains("1 of 6 records could not be checked"));
    }
    let bytes = std::fs::read(&parquet).expect("parquet written");
    assert!(bytes.starts_with(b"PAR1"), "--out *.parquet writes Parquet");
    // The Parquet output read as input again: the same records, so the same results.
    match python_with(&["pyarrow", "duckdb"]) {
        Ok(py) => {
            let out = run_python(&py, BATCH_CHECK, &[&parquet, &jsonl]);
            assert_eq!(out.trim(), "OK 6 rows, 1 failed");
        }
        Err(why) => skip(&format!(
            "reading batch Parquet back with pyarrow and DuckDB: {why}"
        )),
    }
}

#[test]
fn batch_reads_parquet_input() {
    // Parquet input made by this very program: the export of an aligned workspace has the
    // columns source and target (no id: ids are null). Each bead is a small pair to check.
    let w = dev01_paired();
    w.ok(&["align", "1"]);
    let beads = w.path("beads.parquet");
    let out = w.path("out.jsonl");
    w.ok(&[
        std::ffi::OsStr::new("export"),
        "--format".as_ref(),
        "parquet".as_ref(),
        "--out".as_ref(),
        beads.as_os_str(),
    ]);
    let o = tarjama()
        .arg("batch")
        .arg(&beads)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    let got = json_lines(&std::fs::read_to_string(&out).expect("output"));
    let expected = json_lines(&w.ok(&["export", "--format", "jsonl"]));
    assert_eq!(got.len(), expected.len(), "{}", stderr_of(&o));
    let mut checked = 0;
    for (g, e) in got.iter().zip(&expected) {
        assert!(g["id"].is_null(), "no id column: null ids");
        // A bead too short to tell its language (a figure alone) is a reported error, no stop.
        if g.get("error").is_some() {
            continue;
        }
        let side = |k: &str| -> String {
            let s: Vec<&str> = g[k]["sentences"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
                .collect();
            collapse(&s.join(" "))
        };
        assert_eq!(side("target"), collapse(e["target"].as_str().unwrap_or("")));
        assert_eq!(side("source"), collapse(e["source"].as_str().unwrap_or("")));
        checked += 1;
    }
    assert!(
        checked * 2 > got.len(),
        "most beads check: {checked} of {}",
        got.len()
    );
}
