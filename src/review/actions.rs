//! Review actions over the workspace: confirm, reject, merge, split, shift beads; confirm or
//! dismiss flags; confirm or reject moved pairs; undo. Every action is its own transaction and is logged with the reviewer, the
//! time and the state before and after, so nothing shown as done is ever lost and every action
//! can be undone.
//!
//! Beads produced by an edit (merge, split, shift) are marked confirmed: the reviewer made them,
//! and a later `tarjama align` must keep them.

use crate::error::{Error, Result};
use crate::store::{BeadSnap, FlagStatus, Status, Workspace};
use serde_json::json;

/// Direction of a shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Direction {
    Up,
    Down,
}

/// Which side's sentence a shift moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Side {
    Src,
    Tgt,
}

/// One review action.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetStatus(Vec<i64>, Status),
    Merge(i64, i64),
    /// Split a bead: the first part keeps the first `at` sentences of each side.
    Split(i64, usize),
    /// Move the bead's first (up) or last (down) sentence of a side into the neighbouring bead.
    Shift(i64, Direction, Side),
    Flag(i64, FlagStatus, Option<String>),
    /// Set the review status of moved (or repeated) sentence pairs, all of one pair.
    Move(Vec<i64>, Status),
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Action::SetStatus(_, Status::Confirmed) => "confirm",
            Action::SetStatus(_, Status::Rejected) => "reject",
            Action::SetStatus(_, Status::Automatic) => "reset",
            Action::Merge(..) => "merge",
            Action::Split(..) => "split",
            Action::Shift(..) => "shift",
            Action::Flag(_, FlagStatus::Confirmed, _) => "flag-confirm",
            Action::Flag(_, FlagStatus::Dismissed, _) => "flag-dismiss",
            Action::Flag(_, FlagStatus::Open, _) => "flag-reopen",
            Action::Move(_, Status::Confirmed) => "move-confirm",
            Action::Move(_, Status::Rejected) => "move-reject",
            Action::Move(_, Status::Automatic) => "move-reset",
        }
    }
}

fn position(beads: &[BeadSnap], id: i64) -> Result<usize> {
    beads
        .iter()
        .position(|b| b.id == id)
        .ok_or(Error::UnknownId {
            what: "bead",
            id: id.to_string(),
        })
}

const CONFIRMED: &str = "confirmed";

/// Applies a bead edit to a snapshot (pure; unit-tested).
pub fn edit(beads: &[BeadSnap], action: &Action) -> Result<Vec<BeadSnap>> {
    let mut out = beads.to_vec();
    match action {
        Action::SetStatus(ids, status) => {
            for id in ids {
                let k = position(&out, *id)?;
                out[k].status = status.as_str().to_string();
            }
        }
        Action::Merge(a, b) => {
            let (ka, kb) = (position(&out, *a)?, position(&out, *b)?);
            let (first, second) = (ka.min(kb), ka.max(kb));
            if second != first + 1 {
                return Err(Error::Invalid(format!(
                    "beads {a} and {b} are not neighbours; only adjacent beads can be merged"
                )));
            }
            let next = out.remove(second);
            let m = &mut out[first];
            m.src.extend(next.src);
            m.tgt.extend(next.tgt);
            m.score = m.score.min(next.score);
            m.status = CONFIRMED.into();
        }
        Action::Split(id, at) => {
            let k = position(&out, *id)?;
            let b = out[k].clone();
            let cut_s = (*at).min(b.src.len());
            let cut_t = (*at).min(b.tgt.len());
            let first = BeadSnap {
                id: b.id,
                src: b.src[..cut_s].to_vec(),
                tgt: b.tgt[..cut_t].to_vec(),
                score: b.score,
                status: CONFIRMED.into(),
            };
            let second = BeadSnap {
                id: 0,
                src: b.src[cut_s..].to_vec(),
                tgt: b.tgt[cut_t..].to_vec(),
                score: b.score,
                status: CONFIRMED.into(),
            };
            let empty = |x: &BeadSnap| x.src.is_empty() && x.tgt.is_empty();
            if empty(&first) || empty(&second) {
                return Err(Error::Invalid(format!(
                    "bead {id} cannot be split at {at}: one part would be empty"
                )));
            }
            out[k] = first;
            out.insert(k + 1, second);
        }
        Action::Shift(id, dir, side) => {
            let k = position(&out, *id)?;
            let neighbour = match dir {
                Direction::Up => k.checked_sub(1),
                Direction::Down => (k + 1 < out.len()).then_some(k + 1),
            }
            .ok_or_else(|| {
                Error::Invalid(format!("bead {id} has no neighbour in that direction"))
            })?;
            // Two distinct elements of `out`, borrowed through split_at_mut.
            let (lo, hi) = (k.min(neighbour), k.max(neighbour));
            let (left, right) = out.split_at_mut(hi);
            let (a, b) = (&mut left[lo], &mut right[0]);
            let (from, to) = if k < neighbour { (a, b) } else { (b, a) };
            let (from_side, to_side) = match side {
                Side::Src => (&mut from.src, &mut to.src),
                Side::Tgt => (&mut from.tgt, &mut to.tgt),
            };
            let moved = match dir {
                Direction::Up => (!from_side.is_empty()).then(|| from_side.remove(0)),
                Direction::Down => from_side.pop(),
            }
            .ok_or_else(|| {
                Error::Invalid(format!("bead {id} has no sentence on that side to move"))
            })?;
            match dir {
                Direction::Up => to_side.push(moved),
                Direction::Down => to_side.insert(0, moved),
            }
            from.status = CONFIRMED.into();
            to.status = CONFIRMED.into();
            out.retain(|b| !(b.src.is_empty() && b.tgt.is_empty()));
        }
        Action::Flag(..) | Action::Move(..) => {}
    }
    Ok(out)
}

/// Who is reviewing: `--reviewer`, else $USER, else "unknown".
pub fn reviewer_name(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Applies an action in its own transaction and logs it. Returns the pair it touched.
pub fn apply(ws: &mut Workspace, reviewer: &str, action: &Action) -> Result<i64> {
    ws.write(|tx| {
        if let Action::Flag(id, status, note) = action {
            let (pair, old_status, old_note) = tx.flag_state(*id)?;
            tx.set_flag_status(*id, *status, note.as_deref())?;
            tx.add_decision(
                pair,
                reviewer,
                action.name(),
                &json!({"flag": id, "before": {"status": old_status, "note": old_note},
                        "after": {"status": status.as_str(), "note": note}}),
            )?;
            return Ok(pair);
        }
        if let Action::Move(ids, status) = action {
            let first = *ids
                .first()
                .ok_or_else(|| Error::Invalid("no move ids given".into()))?;
            let (pair, _) = tx.move_state(first)?;
            let mut before = Vec::with_capacity(ids.len());
            for &id in ids {
                let (of_pair, old_status) = tx.move_state(id)?;
                if of_pair != pair {
                    return Err(Error::Invalid(format!(
                        "move {id} belongs to another pair than move {first}"
                    )));
                }
                tx.set_move_status(id, *status)?;
                before.push(json!({"move": id, "status": old_status.as_str()}));
            }
            tx.add_decision(
                pair,
                reviewer,
                action.name(),
                &json!({"moves": ids, "before": before, "after": {"status": status.as_str()}}),
            )?;
            return Ok(pair);
        }
        // Every bead named must belong to one pair.
        let ids: Vec<i64> = match action {
            Action::SetStatus(ids, _) => ids.clone(),
            Action::Merge(a, b) => vec![*a, *b],
            Action::Split(a, _) | Action::Shift(a, ..) => vec![*a],
            Action::Flag(..) | Action::Move(..) => vec![],
        };
        let first = *ids
            .first()
            .ok_or_else(|| Error::Invalid("no bead ids given".into()))?;
        let pair = tx.bead_pair(first)?;
        for &id in &ids[1..] {
            if tx.bead_pair(id)? != pair {
                return Err(Error::Invalid(format!(
                    "bead {id} belongs to another pair than bead {first}"
                )));
            }
        }
        let before = tx.snapshot(pair)?;
        let changed = edit(&before, action)?;
        let after = tx.restore(pair, &changed)?;
        tx.add_decision(
            pair,
            reviewer,
            action.name(),
            &json!({"before": before, "after": after}),
        )?;
        Ok(pair)
    })
}

/// Reverts the last decision on a pair. Returns its action name, or `None` when there is none.
pub fn undo(ws: &mut Workspace, pair: i64) -> Result<Option<String>> {
    ws.write(|tx| {
        tx.pair(pair)?;
        let Some(d) = tx.last_decision(pair)? else {
            return Ok(None);
        };
        let detail: serde_json::Value = serde_json::from_str(&d.detail)?;
        if let Some(flag) = detail.get("flag").and_then(|v| v.as_i64()) {
            let before = &detail["before"];
            tx.restore_flag(
                flag,
                before["status"].as_str().unwrap_or("open"),
                before["note"].as_str(),
            )?;
        } else if detail.get("moves").is_some() {
            let before = detail["before"].as_array().cloned().unwrap_or_default();
            for m in before {
                let Some(id) = m["move"].as_i64() else {
                    continue;
                };
                let status = Status::parse(m["status"].as_str().unwrap_or("automatic"));
                // A move re-alignment has since dropped has no status left to restore.
                match tx.set_move_status(id, status) {
                    Ok(()) | Err(Error::UnknownId { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
        } else {
            let before: Vec<BeadSnap> = serde_json::from_value(detail["before"].clone())?;
            tx.restore(pair, &before)?;
        }
        tx.mark_undone(d.id)?;
        Ok(Some(d.action))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(id: i64, src: &[i64], tgt: &[i64]) -> BeadSnap {
        BeadSnap {
            id,
            src: src.to_vec(),
            tgt: tgt.to_vec(),
            score: 0.9,
            status: "automatic".into(),
        }
    }

    #[test]
    fn merge_split_shift() {
        let beads = vec![b(1, &[10], &[20]), b(2, &[11], &[]), b(3, &[12], &[21, 22])];
        let m = edit(&beads, &Action::Merge(1, 2)).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[0].src.clone(), m[0].tgt.clone()),
            (vec![10, 11], vec![20])
        );
        assert_eq!(m[0].status, "confirmed");
        assert!(edit(&beads, &Action::Merge(1, 3)).is_err());
        let s = edit(&beads, &Action::Split(3, 1)).unwrap();
        assert_eq!(s.len(), 4);
        assert_eq!((s[2].src.clone(), s[2].tgt.clone()), (vec![12], vec![21]));
        assert_eq!((s[3].src.clone(), s[3].tgt.clone()), (vec![], vec![22]));
        assert_eq!(s[3].id, 0);
        assert!(edit(&beads, &Action::Split(1, 1)).is_err());
        let u = edit(&beads, &Action::Shift(3, Direction::Up, Side::Tgt)).unwrap();
        assert_eq!(u[1].tgt, vec![21]);
        assert_eq!(u[2].tgt, vec![22]);
        let d = edit(&beads, &Action::Shift(1, Direction::Down, Side::Src)).unwrap();
        // bead 1 keeps only its target; bead 2 gains source 10 before 11
        assert_eq!(d[0].src, Vec::<i64>::new());
        assert_eq!(d[1].src, vec![10, 11]);
        assert!(edit(&beads, &Action::Shift(1, Direction::Up, Side::Tgt)).is_err());
    }

    #[test]
    fn shifting_the_last_sentence_removes_an_empty_bead() {
        let beads = vec![b(1, &[10], &[20]), b(2, &[], &[21])];
        let u = edit(&beads, &Action::Shift(2, Direction::Up, Side::Tgt)).unwrap();
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].tgt, vec![20, 21]);
    }
}
