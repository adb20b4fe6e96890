//! The `check --format json` document (the stable machine interface) on every gold corpus:
//! languages, sentences, beads covering both sides once and in order, scores, flag kinds,
//! severities and spans.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const SEVERITIES: [&str; 3] = ["low", "medium", "high"];

fn indices(v: &Value, what: &str) -> Vec<usize> {
    v.as_array()
        .unwrap_or_else(|| panic!("{what} is not an array: {v}"))
        .iter()
        .map(|x| {
            x.as_u64()
                .unwrap_or_else(|| panic!("{what}: not an index: {x}")) as usize
        })
        .collect()
}

fn strings(v: &Value, what: &str) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("{what} is not an array"))
        .iter()
        .map(|s| {
            s.as_str()
                .unwrap_or_else(|| panic!("{what}: not a string: {s}"))
                .to_string()
        })
        .collect()
}

/// All schema assertions for one corpus.
fn validate(dir: &Path, doc: &Value) {
    let name = name_of(dir);
    let ctx = |what: &str| format!("{name}: {what}");

    // Sides.
    assert_eq!(doc["source"]["lang"], "en", "{}", ctx("source.lang"));
    assert_eq!(doc["target"]["lang"], "ar", "{}", ctx("target.lang"));
    let src = strings(&doc["source"]["sentences"], &ctx("source.sentences"));
    let tgt = strings(&doc["target"]["sentences"], &ctx("target.sentences"));
    assert_eq!(
        src,
        sents(&dir.join("en.sents")),
        "{}",
        ctx("source sentences = en.sents")
    );
    assert_eq!(
        tgt,
        sents(&dir.join("ar.sents")),
        "{}",
        ctx("target sentences = ar.sents")
    );

    // Beads: every sentence of both sides exactly once, in order; scores in [0, 1].
    let beads = doc["beads"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", ctx("beads")));
    assert!(!beads.is_empty(), "{}", ctx("no beads"));
    let (mut next_src, mut next_tgt) = (0usize, 0usize);
    for (k, b) in beads.iter().enumerate() {
        let s = indices(&b["src"], &ctx(&format!("bead {k} src")));
        let t = indices(&b["tgt"], &ctx(&format!("bead {k} tgt")));
        assert!(
            !(s.is_empty() && t.is_empty()),
            "{}",
            ctx(&format!("bead {k} is empty"))
        );
        for i in s {
            assert_eq!(
                i,
                next_src,
                "{}",
                ctx(&format!("bead {k}: source order/coverage"))
            );
            next_src += 1;
        }
        for j in t {
            assert_eq!(
                j,
                next_tgt,
                "{}",
                ctx(&format!("bead {k}: target order/coverage"))
            );
            next_tgt += 1;
        }
        let score = b["score"]
            .as_f64()
            .unwrap_or_else(|| panic!("{}", ctx(&format!("bead {k} score"))));
        assert!(
            (0.0..=1.0).contains(&score),
            "{}",
            ctx(&format!("bead {k} score {score} outside [0,1]"))
        );
    }
    assert_eq!(
        next_src,
        src.len(),
        "{}",
        ctx("beads cover every source sentence")
    );
    assert_eq!(
        next_tgt,
        tgt.len(),
        "{}",
        ctx("beads cover every target sentence")
    );

    // Flags.
    let flags = doc["flags"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", ctx("flags")));
    for (k, f) in flags.iter().enumerate() {
        let fc = |what: &str| ctx(&format!("flag {k} ({f}): {what}"));
        let kind = f["kind"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", fc("kind")));
        assert!(FLAG_KINDS.contains(&kind), "{}", fc("unknown kind"));
        let sev = f["severity"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", fc("severity")));
        assert!(SEVERITIES.contains(&sev), "{}", fc("unknown severity"));
        assert!(
            f["reason"].as_str().is_some_and(|r| !r.trim().is_empty()),
            "{}",
            fc("reason")
        );
        for i in indices(&f["src"], &fc("src")) {
            assert!(i < src.len(), "{}", fc("src index out of range"));
        }
        for j in indices(&f["tgt"], &fc("tgt")) {
            assert!(j < tgt.len(), "{}", fc("tgt index out of range"));
        }
        if let Some(span) = f.get("span") {
            let side = span["side"]
                .as_str()
                .unwrap_or_else(|| panic!("{}", fc("span.side")));
            let sentences = match side {
                "src" => &src,
                "tgt" => &tgt,
                other => panic!("{}", fc(&format!("span.side {other:?}"))),
            };
            let n = span["sentence"]
                .as_u64()
                .unwrap_or_else(|| panic!("{}", fc("span.sentence"))) as usize;
            assert!(n < sentences.len(), "{}", fc("span.sentence out of range"));
            let start = span["start"]
                .as_u64()
                .unwrap_or_else(|| panic!("{}", fc("span.start"))) as usize;
            let end = span["end"]
                .as_u64()
                .unwrap_or_else(|| panic!("{}", fc("span.end"))) as usize;
            let chars: Vec<char> = sentences[n].chars().collect();
            assert!(start < end && end <= chars.len(), "{}", fc("span offsets"));
            let expected: String = chars[start..end].iter().collect();
            assert_eq!(
                span["text"].as_str(),
                Some(expected.as_str()),
                "{}",
                fc("span.text is the [start,end) chars of its sentence")
            );
        }
    }

    // Summary counts agree with the flags, when present.
    if let Some(summary) = doc.get("summary").and_then(Value::as_object) {
        for (kind, n) in summary {
            let count = flags.iter().filter(|f| f["kind"] == kind.as_str()).count();
            assert_eq!(
                n.as_u64(),
                Some(count as u64),
                "{}",
                ctx(&format!("summary.{kind}"))
            );
        }
    }
}

#[test]
fn check_json_schema_on_every_corpus() {
    let dirs = pair_dirs();
    // The corpora run in parallel: each `check` is a separate process.
    let docs: Vec<(std::path::PathBuf, Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = dirs
            .iter()
            .map(|d| s.spawn(move || (d.clone(), check_json(d))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("check thread"))
            .collect()
    });
    let mut spans = 0;
    for (dir, doc) in &docs {
        validate(dir, doc);
        let flags = doc["flags"].as_array().unwrap();
        spans += flags.iter().filter(|f| f.get("span").is_some()).count();
        eprintln!(
            "{}: {} beads, {} flags",
            name_of(dir),
            doc["beads"].as_array().unwrap().len(),
            flags.len()
        );
    }
    assert!(spans > 0, "the corpora produce flags with spans to check");
}
