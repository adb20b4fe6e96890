//! `tarjama eval --perturb`: the benchmark runs on the real binary and reports every class with
//! counts and rates in range, the same for the same seed. No recall thresholds here: the lead
//! sets those when the detectors meet them.

use assert_cmd::Command;
use serde_json::Value;

const CLASSES: [&str; 12] = [
    "number",
    "date_day",
    "date_month",
    "date_year",
    "name",
    "negation_removed",
    "negation_added",
    "list_item",
    "clause",
    "commentary",
    "institution",
    "moved",
];

fn run() -> Value {
    let out = Command::cargo_bin("tarjama")
        .unwrap()
        .args([
            "eval",
            "--perturb",
            "corpora/dev-01",
            "tests/data/phenomena/flags-faithful",
            "--json",
            "--seed",
            "1",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rate(v: &Value) -> bool {
    v.as_f64().is_some_and(|r| (0.0..=1.0).contains(&r))
}

#[test]
fn perturbation_benchmark_reports_every_class_deterministically() {
    let a = run();
    assert!(a["lexicon"].as_str().is_some_and(|l| !l.is_empty()));
    assert_eq!(a["pairs"].as_array().map(Vec::len), Some(2));
    let mut total = 0;
    for c in CLASSES {
        let r = &a["classes"][c];
        let n = r["injections"]
            .as_u64()
            .unwrap_or_else(|| panic!("{c}: no count"));
        let d = r["detected"].as_u64().unwrap();
        let e = r["exact"].as_u64().unwrap();
        assert!(d <= n && e <= d.max(e) && e <= n, "{c}: {r}");
        if n > 0 {
            assert!(rate(&r["recall"]) && rate(&r["exact_recall"]), "{c}: {r}");
        } else {
            assert!(r["recall"].is_null(), "{c}: {r}");
        }
        assert!(rate(&r["false_alarms"]["sentence_rate"]), "{c}: {r}");
        assert!(r["false_alarms"]["per_50"]
            .as_f64()
            .is_some_and(|x| x >= 0.0));
        assert!(r["misses"]
            .as_array()
            .is_some_and(|m| m.len() as u64 <= n - d));
        total += n;
    }
    // The two pairs hold numbers, dates, names, negations, clauses and movable sentences.
    for c in [
        "number",
        "date_year",
        "name",
        "negation_added",
        "commentary",
        "moved",
    ] {
        assert!(a["classes"][c]["injections"].as_u64() > Some(0), "{c}");
    }
    assert_eq!(a["injections"].as_u64(), Some(total));
    assert!(rate(&a["recall"]));
    assert!(rate(&a["baseline"]["sentence_rate"]));
    assert_eq!(a["baseline"]["sentences"].as_u64(), Some(29));
    assert_eq!(a, run(), "same seed, same report");
}
