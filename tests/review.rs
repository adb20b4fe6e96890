//! The review workflow: the TUI driven by scripted keys on ratatui's TestBackend, the scripting
//! commands (`bead`, `flag`, `history`, `undo`), re-alignment keeping confirmed beads, and a
//! kill -9 of a real review session in tmux.

use assert_cmd::Command;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use tarjama::export::report::Rtl;
use tarjama::review::tui::App;
use tarjama::store::Workspace;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora")
        .join(name)
}

fn tarjama(db: &Path) -> Command {
    let mut c = Command::cargo_bin("tarjama").unwrap();
    c.arg("--db").arg(db).env("TARJAMA_NO_MODEL", "1");
    c
}

/// A workspace with one aligned pair made from a corpus's raw texts.
fn aligned(dir: &Path, name: &str, presegmented: bool) -> PathBuf {
    let db = dir.join("w.db");
    tarjama(&db).arg("init").assert().success();
    let (en, ar) = if presegmented {
        // One sentence per line, separated by blank lines so each line is its own paragraph.
        let en = std::fs::read_to_string(corpus(name).join("en.sents"))
            .unwrap()
            .replace('\n', "\n\n");
        let ar = std::fs::read_to_string(corpus(name).join("ar.sents"))
            .unwrap()
            .replace('\n', "\n\n");
        let (pe, pa) = (dir.join("en.txt"), dir.join("ar.txt"));
        std::fs::write(&pe, en).unwrap();
        std::fs::write(&pa, ar).unwrap();
        (pe, pa)
    } else {
        (corpus(name).join("en.txt"), corpus(name).join("ar.txt"))
    };
    tarjama(&db).arg("add").arg(en).arg(ar).assert().success();
    tarjama(&db).args(["pair", "2", "1"]).assert().success();
    tarjama(&db).args(["align", "1"]).assert().success();
    db
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn press(app: &mut App, ws: &mut Workspace, keys: &str) {
    for c in keys.chars() {
        app.handle_key(ws, key(c)).unwrap();
    }
}

/// Stored beads as (en, ar) index lists, null beads exploded one sentence each.
fn stored(db: &Path) -> Vec<(Vec<usize>, Vec<usize>)> {
    let out = tarjama(db)
        .args(["bead", "list", "1", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut v = Vec::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let b: serde_json::Value = serde_json::from_str(line).unwrap();
        let s: Vec<usize> = serde_json::from_value(b["src"].clone()).unwrap();
        let t: Vec<usize> = serde_json::from_value(b["tgt"].clone()).unwrap();
        explode(&mut v, s, t);
    }
    v
}

fn explode(v: &mut Vec<(Vec<usize>, Vec<usize>)>, s: Vec<usize>, t: Vec<usize>) {
    if s.is_empty() || t.is_empty() {
        v.extend(s.into_iter().map(|i| (vec![i], vec![])));
        v.extend(t.into_iter().map(|j| (vec![], vec![j])));
    } else {
        v.push((s, t));
    }
}

fn gold(name: &str) -> Vec<(Vec<usize>, Vec<usize>)> {
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus(name).join("gold.json")).unwrap())
            .unwrap();
    let mut v = Vec::new();
    for b in g["beads"].as_array().unwrap() {
        explode(
            &mut v,
            serde_json::from_value(b["en"].clone()).unwrap(),
            serde_json::from_value(b["ar"].clone()).unwrap(),
        );
    }
    v
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

#[test]
fn scripted_review_turns_jscd_into_gold_and_survives_align() {
    let dir = tempfile::tempdir().unwrap();
    let db = aligned(dir.path(), "jscd-2023", false);
    let mut ws = Workspace::open(&db).unwrap();
    let mut app = App::load(&mut ws, 1, "tester".into(), Rtl::Terminal).unwrap();
    let first = screen(&app);
    assert!(first.contains("tarjama review — pair 1"), "{first}");
    assert!(first.contains("English") && first.contains("Arabic"));
    // Break the 1-2 bead of en[1] (ar 5+6), see the damage, then repair it by merging, and by
    // undo; then confirm every bead from the top.
    let k = app
        .beads
        .iter()
        .position(|b| b.tgt == vec![5, 6])
        .expect("a 1-2 bead");
    press(&mut app, &mut ws, &"j".repeat(k));
    press(&mut app, &mut ws, "s");
    assert_eq!(
        app.beads[k].tgt,
        vec![5],
        "{} (cursor {}, k {k})",
        app.message,
        app.cursor
    );
    assert_eq!(app.beads[k + 1].tgt, vec![6]);
    assert!(app.message.starts_with("saved"), "{}", app.message);
    press(&mut app, &mut ws, "m");
    assert_eq!(app.beads[k].tgt, vec![5, 6]);
    press(&mut app, &mut ws, "s");
    press(&mut app, &mut ws, "u");
    assert_eq!(
        app.beads[k].tgt,
        vec![5, 6],
        "undo restores the merged bead"
    );
    press(&mut app, &mut ws, "g");
    let n = app.beads.len();
    press(&mut app, &mut ws, &"c".repeat(n));
    let shown = screen(&app);
    assert!(
        shown.contains(&format!("{} confirmed", app.beads.len())),
        "{shown}"
    );
    press(&mut app, &mut ws, "q");
    assert!(app.quit);
    drop(ws);
    assert_eq!(stored(&db), gold("jscd-2023"));
    // Re-aligning keeps every confirmed bead.
    tarjama(&db).args(["align", "1"]).assert().success();
    assert_eq!(stored(&db), gold("jscd-2023"));
    let out = tarjama(&db)
        .args(["bead", "list", "1", "--status", "automatic"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().trim().is_empty());
    // History lists the decisions with the reviewer.
    let h = tarjama(&db).args(["history", "1"]).output().unwrap();
    let h = String::from_utf8(h.stdout).unwrap();
    assert!(
        h.contains("tester") && h.contains("merge") && h.contains("(undone)"),
        "{h}"
    );
}

#[test]
fn merge_key_repairs_a_summary_alignment() {
    // dev-04: the automatic alignment may leave en[3] unaligned where gold has a 2-1 bead
    // (en 2+3 → ar 3). Whatever the aligner did, keys can produce the gold alignment.
    let dir = tempfile::tempdir().unwrap();
    let db = aligned(dir.path(), "dev-04", true);
    let mut ws = Workspace::open(&db).unwrap();
    let mut app = App::load(&mut ws, 1, "tester".into(), Rtl::App).unwrap();
    if let Some(k) = app
        .beads
        .iter()
        .position(|b| b.src == vec![2] && b.tgt == vec![3])
    {
        assert_eq!(app.beads[k + 1].src, vec![3]);
        press(&mut app, &mut ws, &"j".repeat(k));
        press(&mut app, &mut ws, "m");
        assert_eq!(
            (app.beads[k].src.clone(), app.beads[k].tgt.clone()),
            (vec![2, 3], vec![3])
        );
    }
    press(&mut app, &mut ws, "g");
    let n = app.beads.len();
    press(&mut app, &mut ws, &"c".repeat(n));
    drop(ws);
    assert_eq!(stored(&db), gold("dev-04"));
}

#[test]
fn scripting_commands_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = aligned(dir.path(), "jscd-2023", false);
    let list = |args: &[&str]| {
        let out = tarjama(&db)
            .args(["bead", "list", "1"])
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .collect::<Vec<_>>()
    };
    let beads = list(&[]);
    let flagged = list(&["--flagged"]);
    assert!(!flagged.is_empty() && flagged.len() < beads.len());
    let id0 = beads[3]["id"].as_i64().unwrap();
    let id1 = beads[4]["id"].as_i64().unwrap();
    tarjama(&db)
        .args(["bead", "confirm", &id0.to_string(), "--reviewer", "amal"])
        .assert()
        .success();
    assert_eq!(list(&["--status", "confirmed"]).len(), 1);
    tarjama(&db)
        .args(["bead", "merge", &id0.to_string(), &id1.to_string()])
        .assert()
        .success();
    assert_eq!(list(&[]).len(), beads.len() - 1);
    tarjama(&db)
        .args(["bead", "split", &id0.to_string(), "--at", "1"])
        .assert()
        .success();
    assert_eq!(list(&[]).len(), beads.len());
    tarjama(&db)
        .args(["bead", "shift", &id0.to_string(), "--down"])
        .assert()
        .success();
    tarjama(&db).args(["undo", "1"]).assert().success();
    tarjama(&db).args(["undo", "1"]).assert().success();
    tarjama(&db).args(["undo", "1"]).assert().success();
    let after: Vec<_> = list(&[])
        .iter()
        .map(|b| (b["src"].clone(), b["tgt"].clone()))
        .collect();
    let before: Vec<_> = beads
        .iter()
        .map(|b| (b["src"].clone(), b["tgt"].clone()))
        .collect();
    assert_eq!(after, before, "three undos revert shift, split and merge");
    tarjama(&db)
        .args(["bead", "merge", &id0.to_string(), "999999"])
        .assert()
        .failure();
    tarjama(&db)
        .args(["bead", "shift", &beads[0]["id"].to_string(), "--up"])
        .assert()
        .failure();
    // Flags: dismiss drops a flag from reports unless --all.
    let out = tarjama(&db)
        .args(["flags", "--pair", "1", "--json"])
        .output()
        .unwrap();
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let fid = first["id"].as_i64().unwrap().to_string();
    let count = |all: bool| {
        let mut c = tarjama(&db);
        c.args(["report", "1", "--format", "json"]);
        if all {
            c.arg("--all");
        }
        let v: serde_json::Value = serde_json::from_slice(&c.output().unwrap().stdout).unwrap();
        v["flags"].as_array().unwrap().len()
    };
    let n = count(false);
    tarjama(&db)
        .args(["flag", "dismiss", &fid, "--note", "boilerplate is fine"])
        .assert()
        .success();
    assert_eq!(count(false), n - 1);
    assert_eq!(count(true), n);
    tarjama(&db).args(["undo", "1"]).assert().success();
    assert_eq!(count(false), n);
}

fn tmux(args: &[&str]) -> std::process::Output {
    std::process::Command::new("tmux")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn tmux_review_session_survives_kill_9() {
    if std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("tmux not installed: skipping the terminal smoke test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = aligned(dir.path(), "jscd-2023", false);
    let bin = assert_cmd::cargo::cargo_bin("tarjama");
    let socket = dir.path().join("tmux.sock");
    let sock = socket.to_str().unwrap();
    let session = "tarjama-review-test";
    let cmd = format!(
        "{} --db {} review 1 --reviewer tmux",
        bin.display(),
        db.display()
    );
    let ok = tmux(&[
        "-S",
        sock,
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "160",
        "-y",
        "45",
        &cmd,
    ]);
    assert!(ok.status.success(), "{ok:?}");
    let wait_for = |needle: &str| {
        for _ in 0..100 {
            let cap = tmux(&["-S", sock, "capture-pane", "-p", "-t", session]);
            if String::from_utf8_lossy(&cap.stdout).contains(needle) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        false
    };
    assert!(wait_for("tarjama review"), "the TUI did not start");
    tmux(&["-S", sock, "send-keys", "-t", session, "c", "c", "c"]);
    assert!(wait_for("3 confirmed"), "three confirmations not shown");
    // kill -9 the review process: every decision shown as done must be stored.
    let pid = tmux(&["-S", sock, "list-panes", "-t", session, "-F", "#{pane_pid}"]);
    let pid = String::from_utf8(pid.stdout).unwrap().trim().to_string();
    std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap();
    tmux(&["-S", sock, "kill-server"]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let out = tarjama(&db)
        .args(["bead", "list", "1", "--status", "confirmed", "--json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
    let ws = Workspace::open(&db).unwrap();
    assert_eq!(ws.integrity_check().unwrap(), "ok");
}

#[test]
fn arabic_lines_are_not_truncated_in_the_buffer() {
    let dir = tempfile::tempdir().unwrap();
    let db = aligned(dir.path(), "jscd-2023", false);
    let mut ws = Workspace::open(&db).unwrap();
    let app = App::load(&mut ws, 1, "tester".into(), Rtl::Terminal).unwrap();
    let s = screen(&app);
    // Every word of the second Arabic sentence (the headline) is on screen.
    let text = std::fs::read_to_string(corpus("jscd-2023").join("ar.sents")).unwrap();
    let headline = text.lines().nth(1).unwrap();
    for w in headline.split_whitespace() {
        assert!(s.contains(w), "{w} missing from\n{s}");
    }
}

#[test]
fn review_commands_say_what_they_did_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = aligned(dir.path(), "jscd-2023", false);
    let run = |args: &[&str]| {
        let o = tarjama(&db).args(args).output().unwrap();
        assert!(o.status.success(), "{args:?}");
        let out = String::from_utf8(o.stdout).unwrap();
        // No Rust Debug formatting reaches the user.
        for debug in ["SetStatus(", "Merge(", "Some(", "]→["] {
            assert!(!out.contains(debug), "{args:?}: {out}");
        }
        out
    };
    let beads: Vec<serde_json::Value> = run(&["bead", "list", "1", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (a, b) = (
        beads[3]["id"].as_i64().unwrap().to_string(),
        beads[4]["id"].as_i64().unwrap().to_string(),
    );
    assert_eq!(
        run(&["bead", "confirm", &a, &b, "--reviewer", "amal"]),
        format!("pair 1: confirmed beads {a}, {b} by amal\n")
    );
    assert_eq!(
        run(&["bead", "merge", &a, &b, "--reviewer", "amal"]),
        format!("pair 1: merged beads {a} and {b} by amal\n")
    );
    let history = run(&["history", "1"]);
    assert!(
        history.contains(&format!("confirm       confirmed beads {a}, {b}"))
            && history.contains(&format!("merge         merged beads {a} and {b}")),
        "{history}"
    );
    assert_eq!(
        run(&["undo", "1"]),
        format!("pair 1: undid the last decision (merged beads {a} and {b})\n")
    );
    let list = run(&["bead", "list", "1"]);
    // Sentence positions as "EN 7 → AR 12,13", "EN – → AR 0", not "[7]→[12, 13]".
    assert!(
        list.lines()
            .all(|l| l.contains("  EN ") && l.contains(" → AR ")),
        "{list}"
    );
}
