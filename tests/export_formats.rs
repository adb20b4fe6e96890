//! `tarjama export` in every format, checked by the tools that will read the files: the corpora
//! are added, paired and aligned through the real binary, exported, and then
//! - TSV, Moses and JSONL are checked line by line;
//! - TMX is parsed (quick-xml) and validated against the TMX 1.4b DTD (tests/data/tmx14b.dtd)
//!   with xmllint;
//! - XLIFF is parsed and validated against the XLIFF 2 core schema (tests/data/xliff_core_2.xsd)
//!   with xmllint;
//! - both are read back with translate-toolkit (Python), which must see every unit and the
//!   Arabic byte for byte;
//! - moved pairs (tests/data/phenomena) go through the same checks as beads.
//!
//! xmllint (Debian: libxml2-utils) and translate-toolkit (`pip install translate-toolkit`) are
//! installed in CI; without them those checks print a notice and are skipped.

mod common;

use common::*;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A minimal element tree, enough to check the structure of our XML.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs.get(k).map(String::as_str)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn one<'a>(&'a self, name: &'a str) -> &'a El {
        let v: Vec<&El> = self.all(name).collect();
        assert_eq!(v.len(), 1, "<{}> has {} <{name}>", self.name, v.len());
        v[0]
    }
}

/// Parses a whole document with quick-xml; panics unless it is well-formed.
fn parse_xml(xml: &str) -> El {
    let mut r = Reader::from_str(xml);
    r.config_mut().trim_text(false);
    let mut stack: Vec<El> = vec![El::default()];
    let start = |e: &quick_xml::events::BytesStart| El {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    a.unescape_value().unwrap().into_owned(),
                )
            })
            .collect(),
        ..Default::default()
    };
    loop {
        match r
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML at byte {}: {e}", r.buffer_position()))
        {
            Event::Start(e) => stack.push(start(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(start(&e)),
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().expect("balanced").children.push(el);
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.unescape().unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut doc = stack.pop().unwrap();
    assert_eq!(doc.children.len(), 1, "one root element");
    doc.children.pop().unwrap()
}

/// A workspace with every gold corpus added, paired and aligned.
fn corpora_workspace() -> Ws {
    let ws = Ws::new();
    for d in pair_dirs() {
        ws.add_corpus_pair(&d);
    }
    ws
}

/// Runs `export` with `args` and `--out FILE`; returns the file's content and stderr.
fn export_file(ws: &Ws, name: &str, args: &[&str]) -> (String, String) {
    let out = ws.path(name);
    let mut all: Vec<std::ffi::OsString> = vec!["export".into()];
    all.extend(args.iter().map(|a| a.into()));
    all.push("--out".into());
    all.push(out.clone().into());
    let o = ws.run(&all);
    assert!(o.status.success(), "export {args:?}: {}", stderr_of(&o));
    (std::fs::read_to_string(&out).unwrap(), stderr_of(&o))
}

/// Units exported according to the summary: "exported B beads [and M moved pair(s)] from …".
fn exported(stderr: &str) -> usize {
    let after = stderr
        .split("exported ")
        .nth(1)
        .unwrap_or_else(|| panic!("no summary: {stderr}"));
    let words: Vec<&str> = after.split_whitespace().collect();
    let beads: usize = words[0].parse().unwrap();
    let moves: usize = if words[2] == "and" {
        words[3].parse().unwrap()
    } else {
        0
    };
    beads + moves
}

fn have(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Runs xmllint with `args` on `file` and asserts it accepts it; false when xmllint is missing.
fn xmllint(args: &[&str], file: &Path) -> bool {
    if !have("xmllint", &["--version"]) {
        eprintln!(
            "NOTICE: xmllint not found (Debian: apt-get install libxml2-utils); skipping {args:?}"
        );
        return false;
    }
    let o = Command::new("xmllint")
        .args(args)
        .arg(file)
        .output()
        .expect("xmllint runs");
    assert!(
        o.status.success(),
        "xmllint {args:?} {} failed:\n{}",
        file.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    true
}

/// JSONL export of the same beads, the reference for the XML formats.
fn jsonl(ws: &Ws, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["export", "--format", "jsonl"];
    args.extend(extra);
    json_lines(&ws.ok(&args))
}

/// One workspace from every corpus, exported in every format. (Aligning the corpora is the slow
/// part, so the formats share it.)
#[test]
fn every_format_from_the_corpora() {
    let ws = corpora_workspace();
    line_formats(&ws, pair_dirs().len());
    tmx_is_valid_tmx_14b(&ws);
    xliff_is_valid_xliff_21(&ws);
    translate_toolkit_reads_tmx_and_xliff(&ws);
}

/// Pairs with moved sentences (the phenomena of tests/data with moves the aligner finds): moved
/// pairs are units of every format, checked like beads.
#[test]
fn every_format_with_moved_pairs() {
    let ws = Ws::new();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/phenomena");
    for name in ["align-moved-lead", "flags-moved"] {
        ws.add_corpus_pair(&data.join(name));
    }
    let moved = jsonl(&ws, &[])
        .iter()
        .filter(|r| r["moved"] == true)
        .count();
    assert!(moved >= 2, "the phenomena have moved pairs");
    line_formats(&ws, 2);
    tmx_is_valid_tmx_14b(&ws);
    xliff_is_valid_xliff_21(&ws);
    translate_toolkit_reads_tmx_and_xliff(&ws);
}

/// The workspace `tarjama demo` leaves (the seed pair, as a new user first sees it), exported in
/// every format, validated and read back.
#[test]
fn every_format_from_the_demo_workspace() {
    let ws = Ws::uninit();
    let report = ws.ok(&["demo", "--rtl", "app"]);
    assert!(report.contains("insertion"), "{report}");
    line_formats(&ws, 1);
    tmx_is_valid_tmx_14b(&ws);
    xliff_is_valid_xliff_21(&ws);
    translate_toolkit_reads_tmx_and_xliff(&ws);
}

fn line_formats(ws: &Ws, n_pairs: usize) {
    let pairs = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    assert_eq!(pairs.len(), n_pairs);
    // Every bead and every moved pair (none is rejected here).
    let total: usize = pairs
        .iter()
        .map(|p| (p["beads"].as_u64().unwrap() + p["moves"].as_u64().unwrap()) as usize)
        .sum();

    for extra in [&[][..], &["--include-unaligned"][..]] {
        let mut args = vec!["--format", "tsv"];
        args.extend(extra);
        let (tsv, err) = export_file(ws, "c.tsv", &args);
        let n = exported(&err);
        assert_eq!(tsv.lines().count(), n);
        for l in tsv.lines() {
            assert_eq!(l.split('\t').count(), 5, "five fields: {l:?}");
        }
        let mut args = vec!["--format", "moses"];
        args.extend(extra);
        let o = ws.run(
            &[
                &[
                    "export".as_ref(),
                    "--out".as_ref(),
                    ws.path("c").as_os_str(),
                ][..],
                &args
                    .iter()
                    .map(|a| a.as_ref())
                    .collect::<Vec<&std::ffi::OsStr>>(),
            ]
            .concat(),
        );
        assert!(o.status.success(), "{}", stderr_of(&o));
        let err = stderr_of(&o);
        let en = std::fs::read_to_string(ws.path("c.en")).unwrap();
        let ar = std::fs::read_to_string(ws.path("c.ar")).unwrap();
        assert_eq!(en.lines().count(), ar.lines().count());
        assert_eq!(en.lines().count(), exported(&err));
        assert!(err.contains("c.en and") && err.contains("c.ar"), "{err}");
        let rows = jsonl(ws, extra);
        assert_eq!(rows.len(), n);
        if extra.is_empty() {
            assert!(n < total, "the corpora have insertions and omissions");
            assert!(err.contains("unaligned"), "{err}");
        } else {
            assert_eq!(n, total);
        }
    }
}

fn tmx_is_valid_tmx_14b(ws: &Ws) {
    for extra in [&[][..], &["--include-unaligned"][..]] {
        let mut args = vec!["--format", "tmx"];
        args.extend(extra);
        let (tmx, err) = export_file(ws, "c.tmx", &args);
        let rows = jsonl(ws, extra);
        assert_eq!(exported(&err), rows.len());

        let root = parse_xml(&tmx);
        assert_eq!(root.name, "tmx");
        assert_eq!(root.attr("version"), Some("1.4"));
        let h = root.one("header");
        for (k, v) in [
            ("creationtool", "tarjama"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("datatype", "plaintext"),
            ("segtype", "sentence"),
            ("adminlang", "en"),
            ("srclang", "en"),
            ("o-tmf", "tarjama"),
        ] {
            assert_eq!(h.attr(k), Some(v), "header {k}");
        }
        let tus: Vec<&El> = root.one("body").all("tu").collect();
        assert_eq!(tus.len(), rows.len(), "one <tu> per bead");
        for (tu, row) in tus.iter().zip(&rows) {
            let props: BTreeMap<&str, &str> = tu
                .all("prop")
                .map(|p| (p.attr("type").unwrap(), p.text.as_str()))
                .collect();
            assert_eq!(props["x-pair"], row["pair"].to_string());
            if row["moved"] == true {
                assert_eq!(
                    tu.attr("tuid"),
                    Some(format!("move-{}", row["move"]).as_str())
                );
                assert_eq!(props["x-move"], row["move"].to_string());
                assert_eq!(props["x-moved"], "1");
                let repeat = if row["repeat"] == true { "1" } else { "0" };
                assert_eq!(props["x-repeat"], repeat);
                assert!(!props.contains_key("x-bead"));
            } else {
                assert_eq!(props["x-bead"], row["bead"].to_string());
                assert!(!props.contains_key("x-moved"));
            }
            assert_eq!(props["x-status"], row["status"].as_str().unwrap());
            let score: f64 = props["x-score"].parse().unwrap();
            assert!((score - row["score"].as_f64().unwrap()).abs() < 1e-4);
            let flags = row["flags"].as_array().unwrap();
            let notes: Vec<&El> = tu.all("note").collect();
            assert_eq!(notes.len(), flags.len(), "one note per flag");
            for (n, f) in notes.iter().zip(flags) {
                assert!(n.text.starts_with(f.as_str().unwrap()), "{}", n.text);
            }
            let segs: BTreeMap<&str, &str> = tu
                .all("tuv")
                .map(|v| (v.attr("xml:lang").unwrap(), v.one("seg").text.as_str()))
                .collect();
            for (lang, key) in [("en", "source"), ("ar", "target")] {
                let want = row[key].as_str().unwrap();
                assert_eq!(segs.get(lang).copied().unwrap_or(""), want);
            }
        }
        let file = ws.path("c.tmx");
        if xmllint(&["--noout"], &file) {
            let dtd = data("tmx14b.dtd");
            xmllint(&["--noout", "--dtdvalid", dtd.to_str().unwrap()], &file);
        }
    }
}

fn xliff_is_valid_xliff_21(ws: &Ws) {
    for extra in [&[][..], &["--include-unaligned"][..]] {
        let mut args = vec!["--format", "xliff"];
        args.extend(extra);
        let (xlf, err) = export_file(ws, "c.xlf", &args);
        let rows = jsonl(ws, extra);
        assert_eq!(exported(&err), rows.len());

        let root = parse_xml(&xlf);
        assert_eq!(root.name, "xliff");
        assert_eq!(
            root.attr("xmlns"),
            Some("urn:oasis:names:tc:xliff:document:2.0")
        );
        assert_eq!(root.attr("version"), Some("2.1"));
        assert_eq!(root.attr("srcLang"), Some("en"));
        assert_eq!(root.attr("trgLang"), Some("ar"));
        let files: Vec<&El> = root.all("file").collect();
        let mut pairs: Vec<i64> = rows.iter().map(|r| r["pair"].as_i64().unwrap()).collect();
        pairs.dedup();
        assert_eq!(
            files
                .iter()
                .map(|f| f.attr("id").unwrap())
                .collect::<Vec<_>>(),
            pairs
                .iter()
                .map(|p| format!("pair-{p}"))
                .collect::<Vec<_>>(),
            "one <file> per pair"
        );
        let units: Vec<&El> = files.iter().flat_map(|f| f.all("unit")).collect();
        assert_eq!(units.len(), rows.len(), "one <unit> per bead");
        for (u, row) in units.iter().zip(&rows) {
            let moved = row["moved"] == true;
            let id = if moved {
                format!("move-{}", row["move"])
            } else {
                format!("bead-{}", row["bead"])
            };
            assert_eq!(u.attr("id").unwrap(), id);
            let seg = u.one("segment");
            let state = match row["status"].as_str().unwrap() {
                "automatic" => "translated",
                "confirmed" => "final",
                _ => "initial",
            };
            assert_eq!(seg.attr("state"), Some(state));
            assert_eq!(seg.one("source").text, row["source"].as_str().unwrap());
            let target = seg.all("target").next().map(|t| t.text.as_str());
            assert_eq!(target.unwrap_or(""), row["target"].as_str().unwrap());
            let flags = row["flags"].as_array().unwrap();
            let mut notes: Vec<&El> = u.all("notes").flat_map(|n| n.all("note")).collect();
            // A moved pair's first note says it is one.
            if moved {
                assert_eq!(notes[0].attr("category"), Some("moved"));
                notes.remove(0);
            }
            assert_eq!(notes.len(), flags.len(), "one note per flag");
            for (n, f) in notes.iter().zip(flags) {
                assert_eq!(n.attr("category"), f.as_str());
                assert!(!n.text.is_empty());
            }
        }
        let file = ws.path("c.xlf");
        if xmllint(&["--noout"], &file) {
            let xsd = data("xliff_core_2.xsd");
            xmllint(&["--noout", "--schema", xsd.to_str().unwrap()], &file);
        }
    }
}

const TT_SCRIPT: &str = r#"
import json, sys
from translate.storage import tmx, xliff2
t = tmx.tmxfile.parsefile(sys.argv[1])
x = xliff2.Xliff2File.parsefile(sys.argv[2])
def units(store):
    return [[str(u.source or ""), str(u.target or "")] for u in store.units if not u.isheader()]
print(json.dumps({"tmx": units(t), "xliff": units(x)}, ensure_ascii=False))
"#;

fn translate_toolkit_reads_tmx_and_xliff(ws: &Ws) {
    if !have(
        "python3",
        &[
            "-c",
            "import translate.storage.tmx, translate.storage.xliff2",
        ],
    ) {
        eprintln!("NOTICE: python3 with translate-toolkit not found (pip install translate-toolkit); skipping");
        return;
    }
    let (_, err) = export_file(ws, "c.tmx", &["--format", "tmx"]);
    let (_, err2) = export_file(ws, "c.xlf", &["--format", "xliff"]);
    let rows = jsonl(ws, &[]);
    assert_eq!(exported(&err), rows.len());
    assert_eq!(exported(&err2), rows.len());
    let o = Command::new("python3")
        .arg("-c")
        .arg(TT_SCRIPT)
        .arg(ws.path("c.tmx"))
        .arg(ws.path("c.xlf"))
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read: Value = serde_json::from_slice(&o.stdout).expect("script prints JSON");
    for format in ["tmx", "xliff"] {
        let units = read[format].as_array().unwrap();
        assert_eq!(
            units.len(),
            rows.len(),
            "{format}: translate-toolkit sees every bead"
        );
        for (u, r) in units.iter().zip(&rows) {
            assert_eq!(u[0].as_str(), r["source"].as_str(), "{format} source");
            // Byte for byte: the Arabic as stored, no normalisation on the way out or in.
            assert_eq!(
                u[1].as_str().unwrap().as_bytes(),
                r["target"].as_str().unwrap().as_bytes(),
                "{format} target"
            );
        }
    }
}

/// (beads exported, stderr) of `export --format tsv` with `args`.
fn tsv(ws: &Ws, args: &[&str]) -> (Vec<Vec<String>>, String) {
    let mut all = vec!["export", "--format", "tsv"];
    all.extend(args);
    let o = ws.run(&all);
    assert!(o.status.success(), "{args:?}: {}", stderr_of(&o));
    let rows = stdout_of(&o)
        .lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    (rows, stderr_of(&o))
}

/// The number before `what` in the summary ("…; 7 left out: 3 by --min-score, …").
fn removed(stderr: &str, what: &str) -> usize {
    let at = stderr
        .find(what)
        .unwrap_or_else(|| panic!("no '{what}' in: {stderr}"));
    stderr[..at]
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn filters_and_their_summary() {
    let ws = &Ws::new();
    let jscd = corpora_dir().join("jscd-2023");
    ws.add_corpus_pair(&jscd);
    // A TMX of the same pair imported back: a second pair with the same texts, confirmed.
    let (_, _) = export_file(ws, "jscd.tmx", &["--format", "tmx"]);
    let tmx = ws.path("jscd.tmx");
    ws.ok(&["add".as_ref(), tmx.as_os_str()]);
    let all = jsonl(ws, &["--include-unaligned"]);
    let aligned = jsonl(ws, &[]);
    let n_unaligned = all.len() - aligned.len();
    let confirmed = aligned
        .iter()
        .filter(|r| r["status"] == "confirmed")
        .count();
    assert!(confirmed > 0 && confirmed < aligned.len());

    // --status (repeatable)
    let (rows, err) = tsv(ws, &["--status", "confirmed"]);
    assert_eq!(rows.len(), confirmed);
    assert!(rows.iter().all(|r| r[3] == "confirmed"));
    assert_eq!(removed(&err, "by --status"), aligned.len() - confirmed);
    assert_eq!(removed(&err, "unaligned"), n_unaligned);
    let (rows, _) = tsv(ws, &["--status", "confirmed", "--status", "automatic"]);
    assert_eq!(rows.len(), aligned.len());

    // --min-score, at a threshold between the lowest and the highest score of the pair.
    let scores: Vec<f64> = aligned
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    let lowest = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert!(
        lowest < highest,
        "every bead has the same score: {scores:?}"
    );
    let threshold = (lowest + highest) / 2.0;
    let (rows, err) = tsv(ws, &["--min-score", &format!("{threshold}")]);
    assert!(rows
        .iter()
        .all(|r| r[2].parse::<f64>().unwrap() >= threshold - 1e-6));
    let below = scores.iter().filter(|&&s| s < threshold).count();
    assert!(below > 0);
    assert_eq!(removed(&err, "by --min-score"), below);
    assert_eq!(exported(&err), aligned.len() - below);

    // --exclude-flagged, with and without kinds
    let flagged = aligned
        .iter()
        .filter(|r| !r["flags"].as_array().unwrap().is_empty());
    let with_kind = |k: &str| {
        aligned
            .iter()
            .filter(|r| r["flags"].as_array().unwrap().iter().any(|f| f == k))
            .count()
    };
    let n_flagged = flagged.count();
    assert!(n_flagged > 0);
    let (_, err) = tsv(ws, &["--exclude-flagged"]);
    assert_eq!(exported(&err), aligned.len() - n_flagged);
    let rows = jsonl(ws, &["--exclude-flagged"]);
    assert!(rows
        .iter()
        .all(|r| r["flags"].as_array().unwrap().is_empty()));
    let rows = jsonl(ws, &["--exclude-flagged", "mistranslation"]);
    assert_eq!(rows.len(), aligned.len() - with_kind("mistranslation"));
    assert!(with_kind("mistranslation") > 0);
    assert!(rows
        .iter()
        .any(|r| !r["flags"].as_array().unwrap().is_empty()));
    let rows = jsonl(ws, &["--exclude-flagged", "mistranslation,insertion"]);
    assert!(rows.iter().all(|r| r["flags"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f != "mistranslation" && f != "insertion")));
    let o = ws.run(&["export", "--format", "tsv", "--exclude-flagged", "typo"]);
    assert!(!o.status.success() && stderr_of(&o).contains("typo"));

    // --dedupe: the imported pair repeats every aligned bead's text.
    let (rows, err) = tsv(ws, &["--dedupe"]);
    assert_eq!(rows.len(), aligned.len() - confirmed);
    assert_eq!(removed(&err, "duplicates"), confirmed);

    // --max-length-ratio
    let (rows, err) = tsv(ws, &["--max-length-ratio", "1.3"]);
    for r in &rows {
        let (a, b) = (r[0].chars().count() as f64, r[1].chars().count() as f64);
        assert!(a.max(b) / a.min(b) <= 1.3, "{r:?}");
    }
    assert!(rows.len() < aligned.len());
    assert_eq!(
        removed(&err, "by --max-length-ratio"),
        aligned.len() - rows.len()
    );
    let o = ws.run(&["export", "--format", "tsv", "--max-length-ratio", "0.5"]);
    assert!(!o.status.success());
    // A score threshold outside [0, 1] is refused rather than exporting nothing.
    let o = ws.run(&["export", "--format", "tsv", "--min-score", "5"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("between 0 and 1"));

    // Everything at once: the counts add up to every bead.
    let (rows, err) = tsv(
        ws,
        &[
            "--min-score",
            "0.9",
            "--exclude-flagged",
            "--dedupe",
            "--max-length-ratio",
            "2",
        ],
    );
    let left_out: usize = err
        .split("; ")
        .nth(1)
        .map(|s| s.split_whitespace().next().unwrap().parse().unwrap())
        .unwrap_or(0);
    assert_eq!(rows.len() + left_out, all.len(), "{err}");
}
