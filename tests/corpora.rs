//! Data-driven quality gate over every gold corpus under corpora/ (any folder with gold.json):
//! (a) strict bead F1 of `check --presegmented --format json` against gold.json is >= 0.85;
//! (b) raw en.txt / ar.txt added to a fresh workspace, paired and aligned, are stored as exactly
//!     the reference sentences en.sents / ar.sents;
//! (c) then `align` stores the same beads and flags as `check` found on those sentences (both run
//!     the same pipeline with the same lexicon).

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const MIN_BEAD_F1: f64 = 0.85;

type Bead = (Vec<usize>, Vec<usize>);

/// Beads as (sorted source, sorted target) with null beads exploded into one bead per sentence.
fn bead_set(beads: &[Value], src_key: &str, tgt_key: &str) -> BTreeSet<Bead> {
    let idx = |v: &Value| -> Vec<usize> {
        let mut x: Vec<usize> = v
            .as_array()
            .unwrap_or_else(|| panic!("bead side is not an array: {v}"))
            .iter()
            .map(|i| i.as_u64().expect("index") as usize)
            .collect();
        x.sort_unstable();
        x
    };
    let mut out = BTreeSet::new();
    for b in beads {
        let s = idx(&b[src_key]);
        let t = idx(&b[tgt_key]);
        if s.is_empty() || t.is_empty() {
            for &i in &s {
                out.insert((vec![i], vec![]));
            }
            for &j in &t {
                out.insert((vec![], vec![j]));
            }
        } else {
            out.insert((s, t));
        }
    }
    out
}

/// (precision, recall, F1) of predicted beads against gold beads.
fn prf(pred: &BTreeSet<Bead>, gold: &BTreeSet<Bead>) -> (f64, f64, f64) {
    let tp = pred.intersection(gold).count() as f64;
    let p = if pred.is_empty() {
        0.0
    } else {
        tp / pred.len() as f64
    };
    let r = if gold.is_empty() {
        0.0
    } else {
        tp / gold.len() as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

struct PairResult {
    name: String,
    p: f64,
    r: f64,
    f1: f64,
    /// Problems with the stored segmentation, empty when it matches the reference.
    segmentation: Vec<String>,
    /// Differences between stored and one-shot results, empty when they agree.
    consistency: Vec<String>,
    stored: (usize, usize),
    flags: usize,
}

/// Differences between stored sentences and reference lines (whitespace collapsed).
fn compare_sentences(label: &str, stored: &[String], reference: &[String]) -> Vec<String> {
    let stored: Vec<String> = stored.iter().map(|s| collapse(s)).collect();
    let reference: Vec<String> = reference.iter().map(|s| collapse(s)).collect();
    if stored == reference {
        return vec![];
    }
    let mut out = vec![format!(
        "{label}: {} stored sentences, {} reference sentences",
        stored.len(),
        reference.len()
    )];
    if let Some(k) =
        (0..stored.len().max(reference.len())).find(|&k| stored.get(k) != reference.get(k))
    {
        out.push(format!(
            "{label}: first difference at sentence {k}:\n  stored:    {:?}\n  reference: {:?}",
            stored.get(k),
            reference.get(k)
        ));
    }
    out
}

fn evaluate(dir: &Path) -> PairResult {
    let name = name_of(dir);

    // (a) Bead F1 of the one-shot check on the reference segmentation.
    let doc = check_json(dir);
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).expect("gold.json"))
            .expect("gold.json is JSON");
    let pred = bead_set(doc["beads"].as_array().expect("beads"), "src", "tgt");
    let gold = bead_set(gold["beads"].as_array().expect("gold beads"), "en", "ar");
    let (p, r, f1) = prf(&pred, &gold);

    // (b) Segmentation of the raw texts as stored in a fresh workspace.
    let ws = Ws::new();
    let pair = ws.add_corpus_pair(dir);
    assert_eq!(pair, 1, "{name}: first pair of a fresh workspace");
    let report = ws.json(&["report", "1", "--format", "json"]);
    let side = |k: &str| -> Vec<String> {
        report[k]["sentences"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: report {k}.sentences"))
            .iter()
            .map(|s| s.as_str().expect("sentence").to_string())
            .collect()
    };
    let (src, tgt) = (side("source"), side("target"));
    let mut segmentation = compare_sentences("en", &src, &sents(&dir.join("en.sents")));
    segmentation.extend(compare_sentences("ar", &tgt, &sents(&dir.join("ar.sents"))));

    // (c) Same sentences, same pipeline: same beads and flags (flags compared as multisets).
    let mut consistency = Vec::new();
    if segmentation.is_empty() {
        if report["beads"] != doc["beads"] {
            consistency.push(format!(
                "stored beads differ from check's:\n  stored: {}\n  check:  {}",
                report["beads"], doc["beads"]
            ));
        }
        let canon = |v: &Value| -> Vec<String> {
            let mut x: Vec<String> = v
                .as_array()
                .expect("flags")
                .iter()
                .map(|f| f.to_string())
                .collect();
            x.sort();
            x
        };
        let (stored, checked) = (canon(&report["flags"]), canon(&doc["flags"]));
        if stored != checked {
            consistency.push(format!(
                "stored flags differ from check's:\n  stored only: {:?}\n  check only:  {:?}",
                stored
                    .iter()
                    .filter(|f| !checked.contains(f))
                    .collect::<Vec<_>>(),
                checked
                    .iter()
                    .filter(|f| !stored.contains(f))
                    .collect::<Vec<_>>()
            ));
        }
    }

    PairResult {
        name,
        p,
        r,
        f1,
        segmentation,
        consistency,
        stored: (src.len(), tgt.len()),
        flags: doc["flags"].as_array().map_or(0, Vec::len),
    }
}

#[test]
fn every_gold_corpus() {
    let dirs: Vec<PathBuf> = pair_dirs();
    // Two corpora at a time: each runs separate processes.
    let mut results = Vec::new();
    for chunk in dirs.chunks(2) {
        let got: Vec<PairResult> = std::thread::scope(|s| {
            let hs: Vec<_> = chunk.iter().map(|d| s.spawn(move || evaluate(d))).collect();
            hs.into_iter()
                .map(|h| h.join().expect("corpus thread"))
                .collect()
        });
        results.extend(got);
    }

    let mut failures = Vec::new();
    for r in &results {
        let segmentation = if r.segmentation.is_empty() {
            "exact"
        } else {
            "DIFFERS"
        };
        let same = match (r.segmentation.is_empty(), r.consistency.is_empty()) {
            (false, _) => "n/a",
            (true, true) => "yes",
            (true, false) => "NO",
        };
        eprintln!(
            "{:<12} bead P {:.4} R {:.4} F1 {:.4}  {:>2} flags  stored {} en / {} ar sentences, \
             segmentation {segmentation}, align = check: {same}",
            r.name, r.p, r.r, r.f1, r.flags, r.stored.0, r.stored.1,
        );
        if r.f1 < MIN_BEAD_F1 {
            failures.push(format!("{}: bead F1 {:.4} < {MIN_BEAD_F1}", r.name, r.f1));
        }
        for s in r.segmentation.iter().chain(&r.consistency) {
            failures.push(format!("{}: {s}", r.name));
        }
    }
    assert_eq!(results.len(), dirs.len());
    assert!(
        failures.is_empty(),
        "corpus failures:\n{}",
        failures.join("\n")
    );
}
