//! Review decisions are durable across re-alignment (issue 13): a rejected bead stays rejected
//! and out of the default export, a confirmed one stays confirmed, bead ids are never used for
//! another bead (a stale id is an error that says what happened), `undo` after `align` reverts
//! one decision only, and a review screen open while another command re-aligns reloads the pair.

mod common;

use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tarjama::align::Bead;
use tarjama::export::report::Rtl;
use tarjama::review::actions::{self, Action};
use tarjama::review::tui::App;
use tarjama::store::{Status, Workspace};

/// A stored bead as `bead list --json` gives it: id, English and Arabic sentence indices, status.
type Row = (i64, Vec<usize>, Vec<usize>, String);

/// The jscd-2023 pair, added and aligned: pair 1.
fn jscd() -> Ws {
    let ws = Ws::new();
    assert_eq!(ws.add_corpus_pair(&corpora_dir().join("jscd-2023")), 1);
    ws
}

fn beads(ws: &Ws) -> Vec<Row> {
    json_lines(&ws.ok(&["bead", "list", "1", "--json"]))
        .iter()
        .map(|b| {
            (
                b["id"].as_i64().unwrap(),
                serde_json::from_value(b["src"].clone()).unwrap(),
                serde_json::from_value(b["tgt"].clone()).unwrap(),
                b["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn groupings(rows: &[Row]) -> Vec<(Vec<usize>, Vec<usize>)> {
    rows.iter().map(|r| (r.1.clone(), r.2.clone())).collect()
}

/// Stores, as an alignment run would, the pair's beads with the beads at `k` and `k + 1` grouped
/// into one automatic bead: what an earlier `align` with other evidence (another lexicon, the
/// sentence encoder) could have found. The next `align` regroups them. Returns the new bead's id.
fn earlier_alignment_grouping(ws: &Ws, k: usize) -> i64 {
    let mut w = Workspace::open(&ws.db).unwrap();
    w.write(|tx| {
        let pair = tx.pair(1)?;
        let src: Vec<i64> = tx.sentences(pair.source_id)?.iter().map(|s| s.id).collect();
        let tgt: Vec<i64> = tx
            .sentences(pair.article_id)?
            .iter()
            .map(|s| s.id)
            .collect();
        let stored = tx.beads(1)?;
        let mut out: Vec<(Bead, Status)> = Vec::new();
        for (i, b) in stored.iter().enumerate() {
            let bead = Bead {
                src: b.src.clone(),
                tgt: b.tgt.clone(),
                score: b.score,
            };
            if i == k + 1 {
                let (last, _) = out.last_mut().unwrap();
                last.src.extend(bead.src);
                last.tgt.extend(bead.tgt);
                last.score = 0.6;
            } else {
                out.push((bead, b.status));
            }
        }
        tx.store_beads(1, &out, &src, &tgt)
    })
    .unwrap();
    let rows = beads(ws);
    assert_eq!(rows[k].1.len(), 2, "{:?}", rows[k]);
    rows[k].0
}

/// Runs a command expected to fail; returns its standard error, checked to be one line.
fn fails(ws: &Ws, args: &[&str]) -> String {
    let o = ws.run(args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout_of(&o));
    let err = stderr_of(&o);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    err.trim_end().to_string()
}

/// The exported lines (TSV) and the summary.
fn export(ws: &Ws, args: &[&str]) -> (Vec<String>, String) {
    let o = ws.run(&[&["export", "--format", "tsv"], args].concat());
    assert!(o.status.success(), "{}", stderr_of(&o));
    (
        stdout_of(&o).lines().map(str::to_string).collect(),
        stderr_of(&o),
    )
}

#[test]
fn rejected_and_confirmed_beads_survive_align_and_rejected_ones_are_not_exported() {
    let ws = jscd();
    let before = beads(&ws);
    // The tester's case: an insertion bead (0-1) rejected; and a 1-1 bead rejected, one confirmed.
    let (insertion, wrong, right) = (before[2].0, before[6].0, before[8].0);
    assert!(before[2].1.is_empty() && before[6].1.len() == 1 && before[8].1.len() == 1);
    let (exported, _) = export(&ws, &[]);
    ws.ok(&["bead", "reject", &insertion.to_string(), &wrong.to_string()]);
    ws.ok(&["bead", "confirm", &right.to_string()]);
    for _ in 0..2 {
        ws.ok(&["align", "1"]);
        let after = beads(&ws);
        // The same beads under the same ids: re-alignment found every grouping again.
        assert_eq!(groupings(&after), groupings(&before));
        let ids = |rows: &[Row]| rows.iter().map(|r| r.0).collect::<Vec<_>>();
        assert_eq!(ids(&after), ids(&before));
        for r in &after {
            let expected = match r.0 {
                id if id == insertion || id == wrong => "rejected",
                id if id == right => "confirmed",
                _ => "automatic",
            };
            assert_eq!(r.3, expected, "bead {}", r.0);
        }
    }
    let history = ws.ok(&["history", "1"]);
    assert!(
        history.contains(&format!("rejected beads {insertion}, {wrong}"))
            && !history.contains("(undone)"),
        "{history}"
    );
    // The default export leaves the rejected 1-1 bead out and says so; --status rejected has it.
    let (lines, summary) = export(&ws, &[]);
    assert_eq!(lines.len(), exported.len() - 1);
    assert!(
        summary.contains("1 rejected by a reviewer (--status rejected exports them)"),
        "{summary}"
    );
    let (rejected, _) = export(&ws, &["--status", "rejected"]);
    assert_eq!(rejected.len(), 1);
    assert!(!lines.contains(&rejected[0]));
    assert!(rejected[0].contains("\trejected\t"), "{}", rejected[0]);
    // With --include-unaligned the rejected insertion stays out too.
    let (all, summary) = export(&ws, &["--include-unaligned"]);
    assert_eq!(all.len(), before.len() - 2, "{summary}");
    assert!(all.iter().all(|l| !l.contains("\trejected\t")));
    let (both, _) = export(&ws, &["--include-unaligned", "--status", "rejected"]);
    assert_eq!(both.len(), 2);
}

#[test]
fn a_stale_bead_id_is_an_error_that_says_what_happened_and_does_nothing() {
    let ws = jscd();
    let original = beads(&ws);
    let grouped = earlier_alignment_grouping(&ws, 9);
    ws.ok(&["align", "1"]);
    let now = beads(&ws);
    assert_eq!(groupings(&now), groupings(&original));
    // Ids are never used again: not the retired ones, not the grouped bead's.
    let retired = [original[9].0, original[10].0, grouped];
    assert!(now.iter().all(|r| !retired.contains(&r.0)), "{now:?}");
    for id in retired {
        for verb in ["confirm", "reject"] {
            let err = fails(&ws, &["bead", verb, &id.to_string()]);
            assert_eq!(
                err,
                format!("tarjama: error: unknown bead id {id} (pair 1 was re-aligned; `tarjama bead list 1` shows the current ones)")
            );
        }
    }
    let err = fails(
        &ws,
        &["bead", "merge", &now[3].0.to_string(), &grouped.to_string()],
    );
    assert!(err.contains(&format!("unknown bead id {grouped} (pair 1 was re-aligned")));
    assert_eq!(beads(&ws), now, "a failed command changes nothing");
    assert!(!ws.ok(&["history", "1"]).contains("confirm"));
    // A bead merged away says so too, and comes back, under its id, with the undo.
    let (a, b) = (now[4].0, now[5].0);
    ws.ok(&["bead", "merge", &a.to_string(), &b.to_string()]);
    let err = fails(&ws, &["bead", "reject", &b.to_string()]);
    assert_eq!(
        err,
        format!("tarjama: error: unknown bead id {b} (a review edit on pair 1 merged it into another bead; `tarjama bead list 1` shows the current ones)")
    );
    ws.ok(&["undo", "1"]);
    assert_eq!(beads(&ws), now);
    ws.ok(&["bead", "reject", &b.to_string()]);
    // An id that never was a bead.
    assert_eq!(
        fails(&ws, &["bead", "confirm", "999999"]),
        "tarjama: error: unknown bead id 999999"
    );
}

#[test]
fn undo_after_align_reverts_that_decision_only() {
    let ws = jscd();
    let original = beads(&ws);
    // An earlier alignment grouped beads 9 and 10; the decisions are made on it.
    earlier_alignment_grouping(&ws, 9);
    let (a, b) = (original[4].0, original[6].0);
    let (c, d) = (original[12].0, original[13].0);
    ws.ok(&["bead", "confirm", &a.to_string()]);
    ws.ok(&["bead", "reject", &b.to_string()]);
    ws.ok(&["bead", "merge", &c.to_string(), &d.to_string()]);
    ws.ok(&["align", "1"]);
    let aligned = beads(&ws);
    let merged = aligned.iter().position(|r| r.0 == c).unwrap();
    assert_eq!(aligned[merged].3, "confirmed");
    // Undo the merge: beads c and d come back as they were; every other bead stays as `align`
    // left it (its regrouping of beads 9 and 10 included), not as it was before the `align`.
    assert_eq!(
        ws.ok(&["undo", "1"]),
        format!("pair 1: undid the last decision (merged beads {c} and {d})\n")
    );
    let mut expected = aligned.clone();
    expected.splice(
        merged..=merged,
        [original[12].clone(), original[13].clone()],
    );
    assert_eq!(beads(&ws), expected);
    // Undo the rejection: bead b only.
    ws.ok(&["undo", "1"]);
    let k = expected.iter().position(|r| r.0 == b).unwrap();
    assert_eq!(expected[k].3, "rejected");
    expected[k].3 = "automatic".into();
    assert_eq!(beads(&ws), expected);
    // Undo the confirmation: bead a only.
    ws.ok(&["undo", "1"]);
    let k = expected.iter().position(|r| r.0 == a).unwrap();
    expected[k].3 = "automatic".into();
    assert_eq!(beads(&ws), expected);
    assert_eq!(groupings(&expected), groupings(&original));
    let history = ws.ok(&["history", "1"]);
    assert_eq!(history.matches("(undone)").count(), 3, "{history}");
    assert_eq!(ws.ok(&["undo", "1"]), "pair 1: nothing to undo\n");
}

#[test]
fn undo_refuses_in_one_line_when_align_replaced_the_bead_its_decision_made() {
    let ws = jscd();
    let original = beads(&ws);
    let x = original[9].0;
    ws.ok(&["bead", "confirm", &x.to_string()]);
    // A reset to automatic (the library's action; no command makes one), then a re-alignment
    // that regroups the automatic bead.
    let mut w = Workspace::open(&ws.db).unwrap();
    actions::apply(
        &mut w,
        "tester",
        &Action::SetStatus(vec![x], Status::Automatic),
    )
    .unwrap();
    drop(w);
    earlier_alignment_grouping(&ws, 9);
    let now = beads(&ws);
    let err = fails(&ws, &["undo", "1"]);
    assert_eq!(
        err,
        format!("tarjama: error: cannot undo the last decision on pair 1 (reset bead {x} to automatic): bead {x}, as that decision left it, was replaced when the pair was re-aligned; nothing was changed")
    );
    assert_eq!(beads(&ws), now);
    assert!(!ws.ok(&["history", "1"]).contains("(undone)"));
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_review_screen_reloads_a_pair_changed_by_another_command() {
    let ws = jscd();
    let mut w = Workspace::open(&ws.db).unwrap();
    let mut app = App::load(&mut w, 1, "tester".into(), Rtl::Terminal).unwrap();
    assert!(!app.refresh(&mut w).unwrap(), "nothing changed yet");
    // Another shell rejects the bead under the cursor: the next key reloads, and `c` does not
    // confirm a bead the reviewer saw as automatic.
    for _ in 0..6 {
        app.handle_key(&mut w, key('j')).unwrap();
    }
    let id = app.beads[6].id;
    ws.ok(&["bead", "reject", &id.to_string()]);
    app.handle_key(&mut w, key('c')).unwrap();
    assert!(
        app.message
            .contains("was changed by another tarjama command")
            && app.message.contains("nothing was done"),
        "{}",
        app.message
    );
    assert_eq!((app.cursor, app.beads[6].status), (6, Status::Rejected));
    app.handle_key(&mut w, key('c')).unwrap();
    assert!(
        app.message.starts_with("saved: confirmed bead"),
        "{}",
        app.message
    );
    assert_eq!(app.beads[6].status, Status::Confirmed);
    // Another shell re-aligns after an earlier alignment with other groupings: the screen's ids
    // are stale. A timer tick (refresh) reloads; keys then act on the current beads.
    let grouped = earlier_alignment_grouping(&ws, 11);
    assert!(app.refresh(&mut w).unwrap());
    assert!(app.beads.iter().any(|b| b.id == grouped));
    ws.ok(&["align", "1"]);
    for _ in 0..5 {
        app.handle_key(&mut w, key('j')).unwrap();
    }
    assert!(
        app.message.contains("reloaded"),
        "the first key after the align reloads: {}",
        app.message
    );
    let listed: Vec<i64> = beads(&ws).iter().map(|r| r.0).collect();
    let shown: Vec<i64> = app.beads.iter().map(|b| b.id).collect();
    assert_eq!(shown, listed);
    app.handle_key(&mut w, key('x')).unwrap();
    assert!(
        app.message.starts_with("saved: rejected bead") && !app.message.contains("unknown"),
        "{}",
        app.message
    );
    assert!(!app.refresh(&mut w).unwrap(), "its own writes are not news");
    // A key that writes, pressed when the pair changed since the last look, is not acted on.
    earlier_alignment_grouping(&ws, app.cursor + 1);
    let shown = app.beads.len();
    app.handle_key(&mut w, key('m')).unwrap();
    assert_eq!(app.beads.len(), shown - 1, "reloaded, not merged");
    assert!(app.message.contains("nothing was done"), "{}", app.message);
    assert!(!app.message.contains("unknown bead id"), "{}", app.message);
}

#[test]
fn a_second_workspace_opened_in_the_process_does_not_strand_the_first() {
    // Opening a workspace once read its header through a file descriptor; closing it released
    // the POSIX locks of every connection of the process on the file, and the next command of
    // another process took the workspace for unused and deleted its WAL under the open one.
    let ws = jscd();
    let rows = beads(&ws);
    let mut w = Workspace::open(&ws.db).unwrap();
    assert_eq!(w.read(|tx| tx.beads(1)).unwrap().len(), rows.len());
    drop(Workspace::open(&ws.db).unwrap());
    ws.ok(&["bead", "reject", &rows[3].0.to_string()]);
    ws.ok(&["bead", "list", "1"]);
    let seen = w.read(|tx| tx.beads(1)).unwrap();
    assert_eq!(seen[3].status, Status::Rejected);
    actions::apply(
        &mut w,
        "tester",
        &Action::SetStatus(vec![rows[4].0], Status::Confirmed),
    )
    .unwrap();
    drop(w);
    let now = beads(&ws);
    assert_eq!(
        (now[3].3.as_str(), now[4].3.as_str()),
        ("rejected", "confirmed")
    );
}

fn tmux(args: &[&str]) -> std::process::Output {
    std::process::Command::new("tmux")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_review_session_in_a_terminal_reloads_by_itself_when_another_shell_realigns() {
    if std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_err()
    {
        skip("the terminal reload test", "tmux is not installed");
        return;
    }
    let ws = jscd();
    // So that the `align` below changes the beads (and the screen's ids go stale).
    earlier_alignment_grouping(&ws, 9);
    let bin = assert_cmd::cargo::cargo_bin("tarjama");
    let socket = ws.path("tmux.sock");
    let sock = socket.to_str().unwrap();
    let session = "tarjama-durable-test";
    let cmd = format!(
        "{} --db {} review 1 --reviewer tmux",
        bin.display(),
        ws.db.display()
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
    let screen = || {
        let cap = tmux(&["-S", sock, "capture-pane", "-p", "-t", session]);
        String::from_utf8_lossy(&cap.stdout).into_owned()
    };
    let wait_for = |needle: &str| {
        for _ in 0..100 {
            if screen().contains(needle) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        false
    };
    let started = wait_for("tarjama review");
    let realigned = started && {
        ws.ok(&["align", "1"]);
        // No key pressed: the screen looks by itself.
        wait_for("was changed by another tarjama command")
    };
    let confirmed = realigned && {
        tmux(&["-S", sock, "send-keys", "-t", session, "c"]);
        wait_for("saved: confirmed bead")
    };
    let last = screen();
    tmux(&["-S", sock, "kill-server"]);
    assert!(started, "the TUI did not start:\n{last}");
    assert!(realigned, "the screen did not reload:\n{last}");
    assert!(confirmed && !last.contains("unknown bead id"), "{last}");
    let listed = beads(&ws);
    assert_eq!(listed[0].3, "confirmed");
}
