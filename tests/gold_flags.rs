//! Flags against gold on every pair of `corpora/`, matched as `../shared/tools/flag_eval.py`
//! matches them: a gold flag is found when a tool flag of the same class touches one of its
//! sentences (Arabic side for insertions and content changes, English side for omissions, either
//! for reordering). Every gold flag must be found, no high-severity flag may sit on a sentence gold
//! leaves unflagged, and at most two flags per pair may match no gold flag (the issue asks for one;
//! jscd-2023 has two today, see the README).

mod common;

use common::{check_json, pair_dirs};
use serde_json::Value;
use std::collections::BTreeSet;

fn class(kind: &str) -> &'static str {
    match kind {
        "insertion" | "commentary" | "boilerplate" | "metadata" | "addition" => "insertion",
        "omission" => "omission",
        "reordered" => "reordered",
        _ => "content",
    }
}

struct Mark {
    class: &'static str,
    ar: BTreeSet<u64>,
    en: BTreeSet<u64>,
    high: bool,
}

fn ids(v: &Value) -> BTreeSet<u64> {
    v.as_array().map_or_else(BTreeSet::new, |a| {
        a.iter().filter_map(Value::as_u64).collect()
    })
}

fn tool_mark(f: &Value) -> Mark {
    let (mut ar, mut en) = (ids(&f["tgt"]), ids(&f["src"]));
    if let (Some(side), Some(s)) = (f["span"]["side"].as_str(), f["span"]["sentence"].as_u64()) {
        if side == "tgt" {
            ar.insert(s);
        } else {
            en.insert(s);
        }
    }
    Mark {
        class: class(f["kind"].as_str().unwrap_or("")),
        ar,
        en,
        high: f["severity"] == "high",
    }
}

fn matches(g: &Mark, t: &Mark) -> bool {
    if g.class != t.class {
        return false;
    }
    match g.class {
        "omission" => !g.en.is_disjoint(&t.en) || (g.en.is_empty() && !g.ar.is_disjoint(&t.ar)),
        "reordered" => !g.ar.is_disjoint(&t.ar) || !g.en.is_disjoint(&t.en),
        _ => !g.ar.is_disjoint(&t.ar),
    }
}

#[test]
fn every_gold_flag_is_found_and_false_flags_are_few() {
    let mut report = Vec::new();
    for dir in pair_dirs() {
        let name = common::name_of(&dir);
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
        let gold: Vec<Mark> = gold["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| Mark {
                class: class(g["kind"].as_str().unwrap()),
                ar: ids(&g["ar"]),
                en: ids(&g["en"]),
                high: false,
            })
            .collect();
        let out = check_json(&dir);
        let tool: Vec<Mark> = out["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(tool_mark)
            .collect();
        let missed: Vec<usize> = (0..gold.len())
            .filter(|&g| !tool.iter().any(|t| matches(&gold[g], t)))
            .collect();
        let false_flags = tool
            .iter()
            .filter(|t| !gold.iter().any(|g| matches(g, t)))
            .count();
        let gold_ar: BTreeSet<u64> = gold.iter().flat_map(|g| g.ar.iter().copied()).collect();
        let false_high = tool
            .iter()
            .filter(|t| {
                t.high
                    && matches!(t.class, "insertion" | "content")
                    && !t.ar.is_empty()
                    && t.ar.is_disjoint(&gold_ar)
            })
            .count();
        report.push(format!(
            "{name}: {} of {} gold flags found, {false_flags} false, {false_high} false high",
            gold.len() - missed.len(),
            gold.len()
        ));
        assert!(
            missed.is_empty(),
            "{name}: gold flags {missed:?} not found\n{}",
            report.join("\n")
        );
        assert_eq!(false_high, 0, "{name}\n{}", report.join("\n"));
        assert!(
            false_flags <= 1,
            "{name}: {false_flags} false flags\n{}",
            report.join("\n")
        );
    }
    println!("{}", report.join("\n"));
}
