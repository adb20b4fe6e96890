//! `tarjama add --format tmx|moses|tsv`: bitexts imported as pairs with confirmed beads, kept
//! by `align` (which then flags them), and TMX export → import → export giving the same units.

mod common;

use common::*;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// (English, Arabic) segment texts of each `<tu>`, in order, read with quick-xml; a missing
/// variant is an empty string.
fn tmx_units(xml: &str) -> Vec<(String, String)> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    let (mut lang, mut in_seg) = (String::new(), false);
    let mut unit = (String::new(), String::new());
    loop {
        match r.read_event().expect("well-formed TMX") {
            Event::Start(e) if e.name().as_ref() == b"tuv" => {
                let a = e
                    .try_get_attribute("xml:lang")
                    .unwrap()
                    .expect("tuv has xml:lang");
                lang = a.unescape_value().unwrap().into_owned();
            }
            Event::Start(e) if e.name().as_ref() == b"seg" => in_seg = true,
            Event::End(e) if e.name().as_ref() == b"seg" => in_seg = false,
            Event::Text(t) if in_seg => {
                let t = t.unescape().unwrap();
                match lang.as_str() {
                    "en" => unit.0.push_str(&t),
                    "ar" => unit.1.push_str(&t),
                    other => panic!("unexpected language {other}"),
                }
            }
            Event::End(e) if e.name().as_ref() == b"tu" => out.push(std::mem::take(&mut unit)),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn export(ws: &Ws, args: &[&str], out: &Path) {
    let mut all: Vec<&OsStr> = vec!["export".as_ref()];
    all.extend(args.iter().map(OsStr::new));
    all.extend(["--out".as_ref(), out.as_os_str()]);
    ws.ok(&all);
}

fn add(ws: &Ws, args: &[&OsStr]) -> String {
    let mut all: Vec<&OsStr> = vec!["add".as_ref()];
    all.extend(args);
    ws.ok(&all)
}

/// Every bead of the workspace, unaligned included, from the JSONL export.
fn beads(ws: &Ws) -> Vec<Value> {
    json_lines(&ws.ok(&["export", "--format", "jsonl", "--include-unaligned"]))
}

/// The pair id in `imported pair N: …`.
fn imported_pair(out: &str) -> String {
    let line = out
        .lines()
        .find(|l| l.starts_with("imported pair"))
        .unwrap_or_else(|| panic!("no import line in: {out}"));
    line.split_whitespace()
        .nth(2)
        .unwrap()
        .trim_end_matches(':')
        .to_string()
}

/// An aligned jscd-2023 pair: the source of the bitexts below.
fn source_workspace() -> Ws {
    let ws = Ws::new();
    ws.add_corpus_pair(&corpora_dir().join("jscd-2023"));
    ws
}

fn assert_all_confirmed(rows: &[Value], n: usize) {
    assert_eq!(rows.len(), n);
    assert!(
        rows.iter()
            .all(|r| r["status"] == "confirmed" && r["score"].as_f64() == Some(1.0)),
        "{rows:#?}"
    );
}

/// Aligning an imported pair keeps its confirmed beads as they were and flags them.
fn align_keeps_beads(ws: &Ws, pair: &str) {
    let before = beads(ws);
    let out = ws.ok(&["align", pair]);
    let after = beads(ws);
    let shape = |rows: &[Value]| -> Vec<(Value, Value, Value, Value)> {
        rows.iter()
            .map(|r| {
                (
                    r["src_ids"].clone(),
                    r["tgt_ids"].clone(),
                    r["status"].clone(),
                    r["score"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        shape(&before),
        shape(&after),
        "align kept the confirmed beads"
    );
    let flags: usize = after
        .iter()
        .map(|r| r["flags"].as_array().unwrap().len())
        .sum();
    assert!(flags > 0, "align ran the detectors: {out}");
    assert!(
        ws.ok(&["flags", "--pair", pair]).contains("insertion"),
        "the partisan rewrite's insertions are flagged"
    );
}

#[test]
fn tmx_round_trip_and_align() {
    let src = source_workspace();
    for extra in [&[][..], &["--include-unaligned"][..]] {
        let first = src.path("first.tmx");
        let mut args = vec!["--format", "tmx"];
        args.extend(extra);
        export(&src, &args, &first);
        let units = tmx_units(&std::fs::read_to_string(&first).unwrap());
        assert!(units.len() > 10);

        let ws = Ws::new();
        let out = add(&ws, &[first.as_os_str()]); // .tmx: no --format needed
        let pair = imported_pair(&out);
        assert_all_confirmed(&beads(&ws), units.len());
        align_keeps_beads(&ws, &pair);

        let second = ws.path("second.tmx");
        export(&ws, &args, &second);
        assert_eq!(
            tmx_units(&std::fs::read_to_string(&second).unwrap()),
            units,
            "export → import → export gives the same units ({extra:?})"
        );

        // The same file again changes nothing.
        let again = add(
            &ws,
            &["--format".as_ref(), "tmx".as_ref(), first.as_os_str()],
        );
        assert!(again.contains("already imported as pair"), "{again}");
        assert_eq!(json_lines(&ws.ok(&["list", "pairs", "--json"])).len(), 1);
    }
}

#[test]
fn moses_prefix_or_either_file() {
    let src = source_workspace();
    let prefix = src.path("corpus");
    export(&src, &["--format", "moses"], &prefix);
    let lines = std::fs::read_to_string(src.path("corpus.en"))
        .unwrap()
        .lines()
        .count();
    let ways: [Vec<PathBuf>; 3] = [
        vec![prefix.clone()],
        vec![src.path("corpus.ar")],
        vec![src.path("corpus.en"), src.path("corpus.ar")],
    ];
    for files in ways {
        let ws = Ws::new();
        let mut args: Vec<&OsStr> = vec!["--format".as_ref(), "moses".as_ref()];
        args.extend(files.iter().map(|f| f.as_os_str()));
        let out = add(&ws, &args);
        assert_eq!(out.matches("imported pair").count(), 1, "{out}");
        assert_all_confirmed(&beads(&ws), lines);
        let texts: Vec<String> = beads(&ws)
            .iter()
            .map(|r| r["source"].as_str().unwrap().to_string())
            .collect();
        let want: Vec<String> = std::fs::read_to_string(src.path("corpus.en"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(texts, want);
    }
    let ws = Ws::new();
    add(
        &ws,
        &["--format".as_ref(), "moses".as_ref(), prefix.as_os_str()],
    );
    align_keeps_beads(&ws, "1");
}

#[test]
fn moses_files_of_different_lengths_are_refused() {
    let ws = Ws::new();
    ws.write("c.en", "One.\nTwo.\nThree.\n");
    ws.write("c.ar", "واحد.\nاثنان.\n");
    let o = ws.run(&["add", "--format", "moses", "c"]);
    assert!(!o.status.success());
    let err = stderr_of(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains("3 lines") && err.contains("2"), "{err}");
    assert!(json_lines(&ws.ok(&["list", "documents", "--json"])).is_empty());
}

#[test]
fn tsv_round_trip_and_errors() {
    let src = source_workspace();
    let first = src.path("first.tsv");
    export(&src, &["--format", "tsv"], &first);
    let text = std::fs::read_to_string(&first).unwrap();
    let two = |t: &str| -> Vec<(String, String)> {
        t.lines()
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[0].to_string(), f[1].to_string())
            })
            .collect()
    };

    let ws = Ws::new();
    let out = add(
        &ws,
        &["--format".as_ref(), "tsv".as_ref(), first.as_os_str()],
    );
    let pair = imported_pair(&out);
    assert_all_confirmed(&beads(&ws), text.lines().count());
    let second = ws.path("second.tsv");
    export(&ws, &["--format", "tsv"], &second);
    let again = std::fs::read_to_string(&second).unwrap();
    assert_eq!(two(&again), two(&text));
    assert!(again
        .lines()
        .all(|l| l.split('\t').nth(3) == Some("confirmed")));
    align_keeps_beads(&ws, &pair);

    // A line without a tab, and swapped columns, are refused with nothing stored.
    let ws = Ws::new();
    let bad = ws.write(
        "bad.tsv",
        "The talks went well.\tسارت المحادثات بشكل جيد.\nno tab\n",
    );
    let o = ws.run(&[
        "add".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        bad.as_os_str(),
    ]);
    assert!(
        !o.status.success() && stderr_of(&o).contains("line 2"),
        "{}",
        stderr_of(&o)
    );
    let swapped = ws.write(
        "swapped.tsv",
        "سارت المحادثات بشكل جيد.\tThe talks went well.\n",
    );
    let o = ws.run(&[
        "add".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        swapped.as_os_str(),
    ]);
    assert!(
        !o.status.success() && stderr_of(&o).contains("swapped"),
        "{}",
        stderr_of(&o)
    );
    let o = ws.run(&[
        "add".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
        swapped.as_os_str(),
    ]);
    assert!(!o.status.success());
    assert!(json_lines(&ws.ok(&["list", "documents", "--json"])).is_empty());
}

#[test]
fn malformed_tmx_is_one_line_with_a_line_number() {
    let ws = Ws::new();
    let f = ws.write(
        "bad.tmx",
        "<tmx version=\"1.4\">\n<body>\n<tu><tuv xml:lang=\"en\"><seg>Hi</tuv></tu>\n</body></tmx>\n",
    );
    let o = ws.run(&["add".as_ref(), f.as_os_str()]);
    assert!(!o.status.success());
    let err = stderr_of(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("bad.tmx") && err.contains("line 3"), "{err}");
}
