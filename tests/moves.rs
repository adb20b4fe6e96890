//! Moved and repeated sentence pairs through the real binary: `check` finds them; `align` stores
//! them and re-aligning keeps the reviewed ones; `show`, `report` (text, HTML, JSON) and `check`
//! name them; the review TUI shows a moved sentence's partner and records decisions on it; and
//! `export` writes them as parallel data in every format, through the filters.
//!
//! The data: tests/data/phenomena/align-moved-lead (two sentences moved to the lead of the
//! Arabic), align-moved-lead-background (a sentence moved to the lead, background added in its
//! old place) and flags-moved (a moved sentence among other divergences), each with gold
//! reordered pairs in gold.json.

mod common;

use common::*;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tarjama::export::report::Rtl;
use tarjama::review::tui::App;
use tarjama::store::{Status, Workspace};

fn phenomenon(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/phenomena")
        .join(name)
}

/// The (en, ar) pairs of a phenomenon's gold `reordered` flags.
fn gold_reordered(dir: &Path) -> BTreeSet<(usize, usize)> {
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    gold["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "reordered")
        .map(|f| {
            (
                f["en"][0].as_u64().unwrap() as usize,
                f["ar"][0].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

/// (src, tgt) of a JSON `moves` array.
fn move_pairs(moves: &Value) -> BTreeSet<(usize, usize)> {
    moves
        .as_array()
        .unwrap_or_else(|| panic!("no moves array: {moves}"))
        .iter()
        .map(|m| {
            (
                m["src"].as_u64().unwrap() as usize,
                m["tgt"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

/// A workspace holding a phenomenon as pair 1 with its reference segmentation (one sentence per
/// paragraph), aligned.
fn aligned(name: &str) -> Ws {
    let ws = Ws::new();
    let dir = phenomenon(name);
    for (file, sents_file) in [("en.txt", "en.sents"), ("ar.txt", "ar.sents")] {
        let text = sents(&dir.join(sents_file)).join("\n\n");
        let p = ws.write(file, text);
        ws.ok(&["add".as_ref(), p.as_os_str()]);
    }
    ws.ok(&["pair", "2", "1"]);
    let out = ws.ok(&["align", "1"]);
    assert!(out.contains("moved pair"), "{out}");
    ws
}

/// `move list 1 --json`.
fn moves(ws: &Ws) -> Vec<Value> {
    json_lines(&ws.ok(&["move", "list", "1", "--json"]))
}

/// The id of the stored move (src, tgt).
fn move_id(ws: &Ws, src: usize, tgt: usize) -> i64 {
    moves(ws)
        .iter()
        .find(|m| m["src"] == src && m["tgt"] == tgt)
        .unwrap_or_else(|| panic!("no move {src}→{tgt}"))["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn check_finds_the_gold_moves_of_both_phenomena() {
    let lead = phenomenon("align-moved-lead");
    let found = check_json(&lead);
    let moves = found["moves"].as_array().expect("moves in check JSON");
    assert_eq!(moves.len(), 2, "{moves:?}");
    assert!(moves.iter().all(|m| m["repeat"] == false));
    assert_eq!(move_pairs(&found["moves"]), gold_reordered(&lead));
    // Each move that is not a repeat has its reordered flag naming both sentences.
    for (src, tgt) in move_pairs(&found["moves"]) {
        assert!(
            found["flags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["kind"] == "reordered"
                    && f["src"] == serde_json::json!([src])
                    && f["tgt"] == serde_json::json!([tgt])),
            "no reordered flag for {src}→{tgt}"
        );
    }
    // flags-moved: the pure move is found; the moved lead with a changed figure is not
    // (it stays an insertion and an omission), and nothing outside the gold is.
    let moved = phenomenon("flags-moved");
    let found = move_pairs(&check_json(&moved)["moves"]);
    assert!(!found.is_empty(), "flags-moved: no move found");
    assert!(found.is_subset(&gold_reordered(&moved)), "{found:?}");
}

/// A late sentence moved to the lead while the outlet's background stands in its old place: the
/// path does not pair the sentence with that background (which would read the lead as a mere
/// restatement), but gives it to the lead as a move.
#[test]
fn a_moved_lead_is_not_left_paired_with_what_stands_in_its_old_place() {
    let dir = phenomenon("align-moved-lead-background");
    let found = check_json(&dir);
    let gold = gold_reordered(&dir);
    assert_eq!(move_pairs(&found["moves"]), gold);
    assert!(found["moves"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["repeat"] == false));
    for (src, _) in gold {
        let paired = found["beads"].as_array().unwrap().iter().any(|b| {
            b["src"]
                .as_array()
                .unwrap()
                .contains(&serde_json::json!(src))
                && !b["tgt"].as_array().unwrap().is_empty()
        });
        assert!(!paired, "source sentence {src} is still paired on the path");
    }
}

/// `align` stores the moves `check` finds; `report --format json` gives them back exactly as
/// `check --format json` prints them; `show`, `report` and `check` in text and HTML name both
/// ends of each move.
#[test]
fn stored_moves_are_shown_in_show_report_and_check() {
    let dir = phenomenon("align-moved-lead");
    let ws = aligned("align-moved-lead");
    let checked = check_json(&dir);
    let report = ws.json(&["report", "1", "--format", "json"]);
    assert_eq!(
        report["moves"], checked["moves"],
        "moves as check prints them"
    );
    assert_eq!(report["beads"], checked["beads"]);
    let stored = moves(&ws);
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|m| m["status"] == "automatic"));
    let pairs: Vec<Value> = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    assert_eq!(pairs[0]["moves"], 2);

    let show = ws.ok(&["show", "1"]);
    let report_text = ws.ok(&["report", "1"]);
    assert_eq!(show, report_text);
    let check_text = ws.ok(&[
        "check".as_ref(),
        dir.join("en.sents").as_os_str(),
        dir.join("ar.sents").as_os_str(),
        "--presegmented".as_ref(),
        "--no-system-lexicon".as_ref(),
    ]);
    for text in [&show, &check_text] {
        assert!(text.contains(", 2 moved pairs"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        // The note follows the sentence's own row.
        let note_after = |row: &str, note: &str| {
            let k = lines
                .iter()
                .position(|l| l.starts_with(row))
                .unwrap_or_else(|| panic!("no row {row:?} in:\n{text}"));
            assert!(
                lines[k + 1].trim_start().starts_with(note),
                "after {row:?}: {:?}",
                lines[k + 1]
            );
        };
        for (src, tgt) in gold_reordered(&dir) {
            note_after(
                &format!("  AR {tgt:>3} |"),
                &format!("↪ renders EN {src} (moved, "),
            );
            note_after(
                &format!("  EN {src:>3} |"),
                &format!("↪ moved to AR {tgt} ("),
            );
        }
    }

    let html = ws.ok(&["report", "1", "--format", "html"]);
    let check_html = ws.ok(&[
        "check".as_ref(),
        dir.join("en.sents").as_os_str(),
        dir.join("ar.sents").as_os_str(),
        "--presegmented".as_ref(),
        "--no-system-lexicon".as_ref(),
        "--format".as_ref(),
        "html".as_ref(),
    ]);
    for page in [&html, &check_html] {
        for (src, tgt) in gold_reordered(&dir) {
            // Anchors both ways: each end has an id and a link to the other.
            for (id, link) in [
                (format!("ar-{tgt}"), format!("en-{src}")),
                (format!("en-{src}"), format!("ar-{tgt}")),
            ] {
                let at = page
                    .find(&format!("<span class=\"moved\" id=\"{id}\">"))
                    .unwrap_or_else(|| panic!("no outlined sentence {id}"));
                let row_end = at + page[at..].find("</tr>").unwrap();
                assert!(
                    page[at..row_end].contains(&format!("href=\"#{link}\"")),
                    "{id} does not link to {link}"
                );
            }
        }
        let marked = page
            .split("<tr class=\"")
            .skip(1)
            .filter(|row| {
                row.split('"')
                    .next()
                    .unwrap()
                    .split(' ')
                    .any(|c| c == "moved")
            })
            .count();
        assert_eq!(marked, 4, "the rows of both ends of both moves are marked");
    }
}

#[test]
fn realigning_keeps_reviewed_moves() {
    let ws = aligned("align-moved-lead");
    let (lead, quote) = (move_id(&ws, 8, 1), move_id(&ws, 11, 2));
    // One command, one transaction: an unknown id leaves every move as it was.
    let o = ws.run(&["move", "confirm", &lead.to_string(), "999"]);
    assert!(!o.status.success());
    assert!(
        stderr_of(&o).contains("unknown move id 999"),
        "{}",
        stderr_of(&o)
    );
    assert!(moves(&ws).iter().all(|m| m["status"] == "automatic"));
    ws.ok(&["move", "confirm", &lead.to_string(), "--reviewer", "amal"]);
    ws.ok(&["move", "reject", &quote.to_string(), "--reviewer", "amal"]);
    let status = |ws: &Ws| -> Vec<(i64, String)> {
        moves(ws)
            .iter()
            .map(|m| {
                (
                    m["id"].as_i64().unwrap(),
                    m["status"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let reviewed = vec![
        (lead, "confirmed".to_string()),
        (quote, "rejected".to_string()),
    ];
    assert_eq!(status(&ws), reviewed);
    // A rejected move drops out of the report; the confirmed one stays.
    let report = ws.json(&["report", "1", "--format", "json"]);
    assert_eq!(move_pairs(&report["moves"]), BTreeSet::from([(8, 1)]));
    assert_eq!(
        json_lines(&ws.ok(&["move", "list", "1", "--json", "--status", "rejected"])).len(),
        1
    );
    // Found again by the aligner: both keep their status and their id.
    ws.ok(&["align", "1"]);
    assert_eq!(status(&ws), reviewed);
    // The decisions are logged and undone like the others.
    let history = ws.ok(&["history", "1"]);
    assert!(
        history.contains("move-confirm") && history.contains("move-reject"),
        "{history}"
    );
    ws.ok(&["undo", "1"]);
    assert_eq!(
        status(&ws),
        vec![
            (lead, "confirmed".to_string()),
            (quote, "automatic".to_string())
        ]
    );
    // Not found again: a reviewer puts both moved Arabic sentences on the path (merged into the
    // bead of the first English sentence). The confirmed move stays; the automatic one goes.
    let beads = json_lines(&ws.ok(&["bead", "list", "1", "--json"]));
    let bead_of = |ar: usize| {
        beads
            .iter()
            .find(|b| b["tgt"].as_array().unwrap().contains(&ar.into()))
            .unwrap()["id"]
            .as_i64()
            .unwrap()
            .to_string()
    };
    ws.ok(&["bead", "merge", &bead_of(1), &bead_of(2)]);
    ws.ok(&["bead", "merge", &bead_of(1), &bead_of(3)]);
    let out = ws.ok(&["align", "1"]);
    assert!(!out.contains("moved pair"), "{out}");
    assert_eq!(status(&ws), vec![(lead, "confirmed".to_string())]);
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(160, 40)).unwrap();
    term.draw(|f| app.draw(f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn press(app: &mut App, ws: &mut Workspace, keys: &str) {
    for c in keys.chars() {
        app.handle_key(ws, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .unwrap();
    }
}

#[test]
fn the_review_tui_shows_and_reviews_a_moved_sentence() {
    let ws_dir = aligned("align-moved-lead");
    let mut ws = Workspace::open(&ws_dir.db).unwrap();
    let mut app = App::load(&mut ws, 1, "tester".into(), Rtl::Terminal).unwrap();
    let shown = screen(&app);
    assert!(shown.contains("→ EN 8 (moved"), "{shown}");
    assert!(shown.contains("→ EN 11 (moved"), "{shown}");
    // The row of the moved lead shows the English it renders.
    assert!(shown.contains("At the close of the symposium"), "{shown}");
    let row = app
        .beads
        .iter()
        .position(|b| b.src.is_empty() && b.tgt == vec![1])
        .expect("the moved lead's row");
    press(&mut app, &mut ws, &"j".repeat(row));
    press(&mut app, &mut ws, "p");
    assert!(app.message.starts_with("saved"), "{}", app.message);
    let lead = app.moves.iter().find(|m| m.tgt == 1).unwrap();
    assert_eq!(lead.status, Status::Confirmed);
    press(&mut app, &mut ws, "P");
    assert_eq!(
        app.moves.iter().find(|m| m.tgt == 1).unwrap().status,
        Status::Rejected
    );
    press(&mut app, &mut ws, "u");
    assert_eq!(
        app.moves.iter().find(|m| m.tgt == 1).unwrap().status,
        Status::Confirmed
    );
    // The English row of a moved sentence says where it went.
    let en_row = app
        .beads
        .iter()
        .position(|b| b.src == vec![8] && b.tgt.is_empty())
        .expect("the row of EN 8");
    press(&mut app, &mut ws, "g");
    press(&mut app, &mut ws, &"j".repeat(en_row));
    assert!(screen(&app).contains("↪ moved to AR 1"));
    // A row without a move says so.
    press(&mut app, &mut ws, "g");
    press(&mut app, &mut ws, "p");
    assert_eq!(app.message, "no moved pair on this bead");
    drop(ws);
    let history = ws_dir.ok(&["history", "1"]);
    assert!(history.contains("tester") && history.contains("move-confirm"));
}

/// Summary counts: (beads, moved pairs) from "exported B beads [and M moved pair(s)] …".
fn exported(stderr: &str) -> (usize, usize) {
    let after = stderr
        .split("exported ")
        .nth(1)
        .unwrap_or_else(|| panic!("no summary: {stderr}"));
    let words: Vec<&str> = after.split_whitespace().collect();
    let beads = words[0].parse().unwrap();
    let moves = if words[2] == "and" {
        words[3].parse().unwrap()
    } else {
        0
    };
    (beads, moves)
}

fn export(ws: &Ws, args: &[&str]) -> (String, String) {
    let mut all = vec!["export"];
    all.extend(args);
    let o = ws.run(&all);
    assert!(o.status.success(), "{args:?}: {}", stderr_of(&o));
    (stdout_of(&o), stderr_of(&o))
}

fn xmllint(args: &[&str], file: &Path) {
    let Ok(o) = std::process::Command::new("xmllint")
        .args(args)
        .arg(file)
        .output()
    else {
        eprintln!("NOTICE: xmllint not found (Debian: apt-get install libxml2-utils); skipping");
        return;
    };
    assert!(
        o.status.success(),
        "xmllint {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn moved_pairs_are_exported_after_the_beads_through_the_filters() {
    let dir = phenomenon("align-moved-lead");
    let ws = aligned("align-moved-lead");
    let en = sents(&dir.join("en.sents"));
    let ar = sents(&dir.join("ar.sents"));

    // JSONL: the beads, then one line per moved pair, like a 1-1 bead.
    let (out, err) = export(&ws, &["--format", "jsonl"]);
    let rows = json_lines(&out);
    let (n_beads, n_moves) = exported(&err);
    assert_eq!((rows.len(), n_moves), (n_beads + 2, 2), "{err}");
    assert!(
        err.contains("exported 11 beads and 2 moved pairs from 1 pair"),
        "{err}"
    );
    let first_move = rows.iter().position(|r| r["moved"] == true).unwrap();
    assert_eq!(first_move, n_beads, "moved pairs come after the beads");
    let mut found = BTreeSet::new();
    for r in &rows[first_move..] {
        assert_eq!(r["moved"], true);
        assert_eq!(r["repeat"], false);
        assert!(r.get("bead").is_none() && r["move"].is_i64(), "{r}");
        assert_eq!(r["flags"], serde_json::json!(["reordered"]));
        let (src, tgt) = (
            r["src_ids"][0].as_u64().unwrap() as usize,
            r["tgt_ids"][0].as_u64().unwrap() as usize,
        );
        assert_eq!(r["source"].as_str().unwrap(), en[src]);
        assert_eq!(r["target"].as_str().unwrap(), ar[tgt]);
        found.insert((src, tgt));
    }
    assert_eq!(found, gold_reordered(&dir));
    assert!(rows[..first_move]
        .iter()
        .all(|r| r["moved"] == false && r.get("repeat").is_none() && r["bead"].is_i64()));

    // TSV and Moses: one more line each.
    let (tsv, _) = export(&ws, &["--format", "tsv"]);
    assert_eq!(tsv.lines().count(), rows.len());
    let tsv_move: Vec<&str> = tsv.lines().last().unwrap().split('\t').collect();
    assert_eq!(tsv_move.len(), 5);
    let prefix = ws.path("c");
    ws.ok(&[
        "export".as_ref(),
        "--format".as_ref(),
        "moses".as_ref(),
        "--out".as_ref(),
        prefix.as_os_str(),
    ]);
    let moses_en = std::fs::read_to_string(ws.path("c.en")).unwrap();
    let moses_ar = std::fs::read_to_string(ws.path("c.ar")).unwrap();
    assert_eq!(moses_en.lines().count(), rows.len());
    assert_eq!(moses_ar.lines().count(), rows.len());

    // TMX: a tu per moved pair with x-moved, valid TMX 1.4b.
    let tmx_file = ws.path("c.tmx");
    let (_, err) = export(
        &ws,
        &["--format", "tmx", "--out", tmx_file.to_str().unwrap()],
    );
    assert_eq!(exported(&err), (n_beads, 2));
    let tmx = std::fs::read_to_string(&tmx_file).unwrap();
    assert_eq!(tmx.matches("<tu ").count(), rows.len());
    assert_eq!(tmx.matches("<prop type=\"x-moved\">1</prop>").count(), 2);
    assert_eq!(tmx.matches("<tu tuid=\"move-").count(), 2);
    xmllint(
        &[
            "--noout",
            "--dtdvalid",
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/tmx14b.dtd")
                .to_str()
                .unwrap(),
        ],
        &tmx_file,
    );
    // XLIFF: a unit per moved pair with a "moved" note, valid XLIFF 2.1.
    let xlf_file = ws.path("c.xlf");
    export(
        &ws,
        &["--format", "xliff", "--out", xlf_file.to_str().unwrap()],
    );
    let xlf = std::fs::read_to_string(&xlf_file).unwrap();
    assert_eq!(xlf.matches("<unit ").count(), rows.len());
    assert_eq!(xlf.matches("<unit id=\"move-").count(), 2);
    assert_eq!(xlf.matches("<note category=\"moved\"").count(), 2);
    xmllint(
        &[
            "--noout",
            "--schema",
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/xliff_core_2.xsd")
                .to_str()
                .unwrap(),
        ],
        &xlf_file,
    );

    // --exclude-flagged reordered drops them, counted apart.
    let (out, err) = export(
        &ws,
        &["--format", "jsonl", "--exclude-flagged", "reordered"],
    );
    assert!(json_lines(&out).iter().all(|r| r["moved"] == false));
    assert_eq!(exported(&err), (n_beads, 0));
    assert!(
        err.contains("; 2 moved pairs left out: 2 by --exclude-flagged"),
        "{err}"
    );
    // --min-score applies to the move's score.
    let scores: Vec<f64> = rows[first_move..]
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    let between = (scores[0] + scores[1]) / 2.0;
    assert!(scores[0] != scores[1]);
    let (out, err) = export(
        &ws,
        &["--format", "jsonl", "--min-score", &between.to_string()],
    );
    let kept: Vec<Value> = json_lines(&out)
        .into_iter()
        .filter(|r| r["moved"] == true)
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(kept[0]["score"].as_f64().unwrap() >= between);
    assert!(
        err.contains("1 moved pair left out: 1 by --min-score"),
        "{err}"
    );

    // --status applies to moves as to beads; a rejected move is never exported.
    let (lead, quote) = (move_id(&ws, 8, 1), move_id(&ws, 11, 2));
    ws.ok(&["move", "confirm", &lead.to_string()]);
    ws.ok(&["move", "reject", &quote.to_string()]);
    let (out, err) = export(&ws, &["--format", "jsonl", "--status", "confirmed"]);
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 1, "{err}");
    assert_eq!(
        (rows[0]["move"].as_i64(), &rows[0]["status"]),
        (Some(lead), &"confirmed".into())
    );
    let (out, err) = export(&ws, &["--format", "jsonl", "--include-unaligned"]);
    let moved: Vec<Value> = json_lines(&out)
        .into_iter()
        .filter(|r| r["moved"] == true)
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["move"].as_i64(), Some(lead));
    assert!(!err.contains("moved pair left out"), "{err}");
    let (out, _) = export(&ws, &["--format", "jsonl", "--status", "rejected"]);
    assert!(json_lines(&out).iter().all(|r| r["moved"] == false));
}
