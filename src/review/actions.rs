//! Review actions over the workspace: confirm, reject, merge, split, shift beads; confirm or
//! dismiss flags; confirm or reject moved pairs; undo. Every action is its own transaction and is logged with the reviewer, the
//! time and the state before and after, so nothing shown as done is ever lost and every action
//! can be undone.
//!
//! Beads produced by an edit (merge, split, shift) are marked confirmed: the reviewer made them,
//! and a later `tarjama align` must keep them (it keeps confirmed and rejected beads as they are).
//!
//! Undo reverts one decision, even when `align` ran since: what the decision changed is put back
//! where the beads it made still are, and nothing else is touched ([`revert`]).

use crate::error::{Error, Result};
use crate::store::{BeadSnap, FlagStatus, Retired, Status, Tx, Workspace};
use serde_json::json;
use std::collections::HashMap;

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

/// "bead 3" or "beads 3, 4, 7".
fn listed(one: &str, many: &str, ids: &[i64]) -> String {
    let shown: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    match ids.len() {
        1 => format!("{one} {}", shown[0]),
        _ => format!("{many} {}", shown.join(", ")),
    }
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Src => "source",
            Side::Tgt => "target",
        }
    }
}

/// What an action does, as the user is told it ("confirmed beads 66, 67"): `bead`, `flag` and
/// `move` print it, the review screen shows it. The decision log stores [`Action::name`] and the
/// snapshots, not this.
impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::SetStatus(ids, Status::Automatic) => {
                write!(f, "reset {} to automatic", listed("bead", "beads", ids))
            }
            Action::SetStatus(ids, status) => {
                write!(f, "{} {}", status.as_str(), listed("bead", "beads", ids))
            }
            Action::Merge(a, b) => write!(f, "merged beads {a} and {b}"),
            Action::Split(id, 1) => {
                write!(f, "split bead {id} after the first sentence of each side")
            }
            Action::Split(id, at) => {
                write!(
                    f,
                    "split bead {id} after the first {at} sentences of each side"
                )
            }
            Action::Shift(id, Direction::Up, side) => write!(
                f,
                "moved the first {} sentence of bead {id} into the bead before it",
                side.name()
            ),
            Action::Shift(id, Direction::Down, side) => write!(
                f,
                "moved the last {} sentence of bead {id} into the bead after it",
                side.name()
            ),
            Action::Flag(id, status, note) => {
                let verb = match status {
                    FlagStatus::Confirmed => "confirmed",
                    FlagStatus::Dismissed => "dismissed",
                    FlagStatus::Open => "reopened",
                };
                write!(f, "{verb} flag {id}")?;
                match note {
                    Some(n) if !n.trim().is_empty() => write!(f, " (note: {})", n.trim()),
                    _ => Ok(()),
                }
            }
            Action::Move(ids, Status::Automatic) => {
                write!(f, "reset {} to automatic", listed("move", "moves", ids))
            }
            Action::Move(ids, status) => {
                write!(f, "{} {}", status.as_str(), listed("move", "moves", ids))
            }
        }
    }
}

/// A logged decision in words, from its stored action name and detail (the format the log has
/// always had): "confirmed beads 66, 67", "merged beads 3 and 4". Falls back to the action name
/// when the detail does not tell.
pub fn describe_decision(name: &str, detail: &str) -> String {
    describe_stored(name, detail).unwrap_or_else(|| name.replace('-', " "))
}

fn describe_stored(name: &str, detail: &str) -> Option<String> {
    let detail: serde_json::Value = serde_json::from_str(detail).ok()?;
    let status_of = |verb: &str| match verb {
        "confirm" => Some(Status::Confirmed),
        "reject" => Some(Status::Rejected),
        "reset" => Some(Status::Automatic),
        _ => None,
    };
    if let Some(flag) = detail.get("flag").and_then(|v| v.as_i64()) {
        let status = match name {
            "flag-confirm" => FlagStatus::Confirmed,
            "flag-dismiss" => FlagStatus::Dismissed,
            _ => FlagStatus::Open,
        };
        let note = detail["after"]["note"].as_str().map(str::to_string);
        return Some(Action::Flag(flag, status, note).to_string());
    }
    if let Some(ids) = detail.get("moves") {
        let ids: Vec<i64> = serde_json::from_value(ids.clone()).ok()?;
        let status = status_of(name.strip_prefix("move-")?)?;
        return Some(Action::Move(ids, status).to_string());
    }
    let before: Vec<BeadSnap> = serde_json::from_value(detail.get("before")?.clone()).ok()?;
    let after: Vec<BeadSnap> = serde_json::from_value(detail.get("after")?.clone()).ok()?;
    let old: HashMap<i64, &BeadSnap> = before.iter().map(|b| (b.id, b)).collect();
    let new: HashMap<i64, &BeadSnap> = after.iter().map(|b| (b.id, b)).collect();
    let size = |b: &BeadSnap| b.src.len() + b.tgt.len();
    // Beads whose sentences changed, with the change in their number of sentences (a bead that
    // disappeared lost them all).
    let mut changed: Vec<(i64, i64)> = before
        .iter()
        .filter_map(|b| match new.get(&b.id) {
            None => Some((b.id, -(size(b) as i64))),
            Some(a) if a.src != b.src || a.tgt != b.tgt => {
                Some((b.id, size(a) as i64 - size(b) as i64))
            }
            Some(_) => None,
        })
        .collect();
    match name {
        "confirm" | "reject" | "reset" => {
            let ids: Vec<i64> = after
                .iter()
                .filter(|a| old.get(&a.id).is_some_and(|b| b.status != a.status))
                .map(|a| a.id)
                .collect();
            if ids.is_empty() {
                return Some(format!("{name}: no bead changed"));
            }
            Some(Action::SetStatus(ids, status_of(name)?).to_string())
        }
        "merge" => {
            // Both beads, in their order in the pair.
            changed.sort_by_key(|(id, _)| before.iter().position(|b| b.id == *id));
            match changed[..] {
                [(a, _), (b, _)] => Some(Action::Merge(a, b).to_string()),
                _ => None,
            }
        }
        "split" => {
            let created = after.iter().find(|a| !old.contains_key(&a.id))?;
            let [(cut, _)] = changed[..] else {
                return None;
            };
            Some(format!(
                "split bead {cut} into beads {cut} and {}",
                created.id
            ))
        }
        "shift" => {
            let from = changed.iter().find(|(_, d)| *d < 0)?.0;
            let to = changed.iter().find(|(_, d)| *d > 0)?.0;
            let moved_src = old
                .get(&to)
                .zip(new.get(&to))
                .is_some_and(|(b, a)| b.src != a.src);
            let side = if moved_src { Side::Src } else { Side::Tgt };
            Some(format!(
                "moved a {} sentence from bead {from} to bead {to}",
                side.name()
            ))
        }
        _ => None,
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

/// Why a bead decision cannot be reverted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unrevertable {
    /// A bead the decision made is no longer there.
    Gone(i64),
    /// A bead the decision made is there, but with other sentences or another status.
    Changed(i64),
}

/// Reverts one bead decision on the pair's current beads (pure; unit-tested). The decision
/// turned the beads `before` into `after`; what it made (the beads of `after` that are not in
/// `before` with the same sentences and status) is replaced by what it changed (the beads of
/// `before` not in `after`), each where its sentences are. Everything else stays as it is now:
/// the decisions made since, and what `align` did since. A bead the decision made must still
/// be as it left it, or nothing is reverted.
pub fn revert(
    current: &[BeadSnap],
    before: &[BeadSnap],
    after: &[BeadSnap],
) -> std::result::Result<Vec<BeadSnap>, Unrevertable> {
    let same = |a: &BeadSnap, b: &BeadSnap| {
        a.id == b.id && a.src == b.src && a.tgt == b.tgt && a.status == b.status
    };
    // Beads by id: `same` holds only between beads of one id, so each bead is compared with
    // those alone (comparing every bead with every other made undo quadratic in the pair).
    fn by_id(beads: &[BeadSnap]) -> HashMap<i64, Vec<&BeadSnap>> {
        let mut m: HashMap<i64, Vec<&BeadSnap>> = HashMap::new();
        for b in beads {
            m.entry(b.id).or_default().push(b);
        }
        m
    }
    let (before_ids, after_ids, current_ids) = (by_id(before), by_id(after), by_id(current));
    let in_other = |b: &BeadSnap, other: &HashMap<i64, Vec<&BeadSnap>>| {
        other
            .get(&b.id)
            .is_some_and(|v| v.iter().any(|o| same(b, o)))
    };
    let made: Vec<&BeadSnap> = after.iter().filter(|a| !in_other(a, &before_ids)).collect();
    let changed: Vec<&BeadSnap> = before.iter().filter(|b| !in_other(b, &after_ids)).collect();
    for m in &made {
        let now = current_ids
            .get(&m.id)
            .and_then(|v| v.first())
            .ok_or(Unrevertable::Gone(m.id))?;
        if !same(now, m) {
            return Err(Unrevertable::Changed(m.id));
        }
    }
    // Sentences as (side, sentence id); a bead of `changed` goes where its first sentence is.
    let sentences = |b: &BeadSnap| -> Vec<(bool, i64)> {
        let src = b.src.iter().map(|&s| (true, s));
        src.chain(b.tgt.iter().map(|&t| (false, t))).collect()
    };
    let mut covered: Vec<(bool, i64)> = made.iter().flat_map(|m| sentences(m)).collect();
    let mut restored: Vec<(bool, i64)> = changed.iter().flat_map(|c| sentences(c)).collect();
    covered.sort_unstable();
    restored.sort_unstable();
    if covered != restored {
        // Not a decision of this program's making: nothing to revert it to safely.
        return Err(Unrevertable::Changed(made.first().map_or(0, |m| m.id)));
    }
    let made_ids: HashMap<i64, &BeadSnap> = made.iter().rev().map(|m| (m.id, *m)).collect();
    let mut out = Vec::with_capacity(current.len() + changed.len());
    for c in current {
        match made_ids.get(&c.id) {
            None => out.push(c.clone()),
            Some(m) => {
                let here = sentences(m);
                out.extend(
                    changed
                        .iter()
                        .filter(|b| sentences(b).first().is_some_and(|s| here.contains(s)))
                        .map(|b| (*b).clone()),
                );
            }
        }
    }
    Ok(out)
}

/// The beads of `before` and of `after` that the other does not have as they are (same id,
/// sentences and status): what a decision changed and what it made. That is all [`revert`] and
/// [`describe_decision`] read of a logged decision, so the log keeps those alone rather than
/// the whole pair twice (which made every decision cost the size of the pair). Earlier logs,
/// with whole snapshots, read the same.
fn differing<'a>(
    before: &'a [BeadSnap],
    after: &'a [BeadSnap],
) -> (Vec<&'a BeadSnap>, Vec<&'a BeadSnap>) {
    let same = |a: &BeadSnap, b: &BeadSnap| {
        a.id == b.id && a.src == b.src && a.tgt == b.tgt && a.status == b.status
    };
    let by_id = |beads: &'a [BeadSnap]| {
        let mut m: HashMap<i64, Vec<&'a BeadSnap>> = HashMap::new();
        for b in beads {
            m.entry(b.id).or_default().push(b);
        }
        m
    };
    let (old, new) = (by_id(before), by_id(after));
    let missing = |b: &BeadSnap, other: &HashMap<i64, Vec<&BeadSnap>>| {
        !other
            .get(&b.id)
            .is_some_and(|v| v.iter().any(|o| same(b, o)))
    };
    (
        before.iter().filter(|b| missing(b, &new)).collect(),
        after.iter().filter(|a| missing(a, &old)).collect(),
    )
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
    apply_checked(ws, reviewer, action, |_, _| Ok(()))
}

/// [`apply`], with `check` called inside the action's transaction, with the pair the action
/// touches, before anything is written: an error from it (the web workspace's "the page is
/// stale") leaves the workspace as it was. Checking in the same transaction means no other
/// writer can slip in between the check and the action.
pub fn apply_checked(
    ws: &mut Workspace,
    reviewer: &str,
    action: &Action,
    check: impl FnOnce(&Tx, i64) -> Result<()>,
) -> Result<i64> {
    ws.write(|tx| {
        if let Action::Flag(id, status, note) = action {
            let (pair, old_status, old_note) = tx.flag_state(*id)?;
            check(tx, pair)?;
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
            check(tx, pair)?;
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
        check(tx, pair)?;
        let before = tx.snapshot(pair)?;
        let changed = edit(&before, action)?;
        let after = tx.replace_beads(pair, &changed, Retired::Edit)?;
        let (before, after) = differing(&before, &after);
        tx.add_decision(
            pair,
            reviewer,
            action.name(),
            &json!({"before": before, "after": after}),
        )?;
        Ok(pair)
    })
}

/// Reverts the last decision on a pair, and that decision only ([`revert`]: the beads `align`
/// made since stay). Returns it in words ([`describe_decision`]), or `None` when there is none.
/// A bead decision whose beads are no longer as it left them is refused
/// ([`Error::CannotUndo`]) and nothing changes.
pub fn undo(ws: &mut Workspace, pair: i64) -> Result<Option<String>> {
    undo_checked(ws, pair, |_| Ok(()))
}

/// [`undo`], with `check` called inside its transaction before anything is written (see
/// [`apply_checked`]).
pub fn undo_checked(
    ws: &mut Workspace,
    pair: i64,
    check: impl FnOnce(&Tx) -> Result<()>,
) -> Result<Option<String>> {
    ws.write(|tx| {
        tx.pair(pair)?;
        check(tx)?;
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
            let after: Vec<BeadSnap> = serde_json::from_value(detail["after"].clone())?;
            let current = tx.snapshot(pair)?;
            let reverted = revert(&current, &before, &after).map_err(|why| {
                let why = match why {
                    Unrevertable::Gone(id) => match tx.bead_pair(id) {
                        Err(Error::StaleBead {
                            cause: Retired::Align,
                            ..
                        }) => format!(
                            "bead {id}, as that decision left it, was replaced when the pair was re-aligned"
                        ),
                        _ => format!("bead {id}, as that decision left it, no longer exists"),
                    },
                    Unrevertable::Changed(id) => format!(
                        "bead {id} is no longer as that decision left it (a later `tarjama align` changed it)"
                    ),
                };
                Error::CannotUndo {
                    pair,
                    decision: describe_decision(&d.action, &d.detail),
                    why,
                }
            })?;
            tx.replace_beads(pair, &reverted, Retired::Undo)?;
        }
        tx.mark_undone(d.id)?;
        Ok(Some(describe_decision(&d.action, &d.detail)))
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
    fn actions_are_told_in_words() {
        let cases = [
            (
                Action::SetStatus(vec![66, 67], Status::Confirmed),
                "confirmed beads 66, 67",
            ),
            (
                Action::SetStatus(vec![66], Status::Rejected),
                "rejected bead 66",
            ),
            (
                Action::SetStatus(vec![66], Status::Automatic),
                "reset bead 66 to automatic",
            ),
            (Action::Merge(3, 4), "merged beads 3 and 4"),
            (
                Action::Split(5, 2),
                "split bead 5 after the first 2 sentences of each side",
            ),
            (
                Action::Shift(72, Direction::Up, Side::Tgt),
                "moved the first target sentence of bead 72 into the bead before it",
            ),
            (
                Action::Shift(72, Direction::Down, Side::Src),
                "moved the last source sentence of bead 72 into the bead after it",
            ),
            (
                Action::Flag(9, FlagStatus::Dismissed, Some("a style choice".into())),
                "dismissed flag 9 (note: a style choice)",
            ),
            (
                Action::Flag(9, FlagStatus::Confirmed, None),
                "confirmed flag 9",
            ),
            (
                Action::Move(vec![1, 2], Status::Rejected),
                "rejected moves 1, 2",
            ),
        ];
        for (action, words) in cases {
            assert_eq!(action.to_string(), words);
        }
    }

    /// The detail `apply` logs for a bead edit.
    fn logged(before: &[BeadSnap], after: &[BeadSnap]) -> String {
        json!({"before": before, "after": after}).to_string()
    }

    #[test]
    fn logged_decisions_are_told_in_words() {
        let beads = vec![b(1, &[10], &[20]), b(2, &[11], &[]), b(3, &[12], &[21, 22])];
        let confirmed = edit(&beads, &Action::SetStatus(vec![1, 3], Status::Confirmed)).unwrap();
        assert_eq!(
            describe_decision("confirm", &logged(&beads, &confirmed)),
            "confirmed beads 1, 3"
        );
        let merged = edit(&beads, &Action::Merge(2, 1)).unwrap();
        assert_eq!(
            describe_decision("merge", &logged(&beads, &merged)),
            "merged beads 1 and 2"
        );
        let mut split = edit(&beads, &Action::Split(3, 1)).unwrap();
        split[3].id = 40; // as restore() numbers the new bead
        assert_eq!(
            describe_decision("split", &logged(&beads, &split)),
            "split bead 3 into beads 3 and 40"
        );
        let shifted = edit(&beads, &Action::Shift(3, Direction::Up, Side::Tgt)).unwrap();
        assert_eq!(
            describe_decision("shift", &logged(&beads, &shifted)),
            "moved a target sentence from bead 3 to bead 2"
        );
        let flag = json!({"flag": 7, "before": {"status": "open", "note": null},
                          "after": {"status": "dismissed", "note": "fine"}});
        assert_eq!(
            describe_decision("flag-dismiss", &flag.to_string()),
            "dismissed flag 7 (note: fine)"
        );
        let moves = json!({"moves": [4, 5], "before": [], "after": {"status": "confirmed"}});
        assert_eq!(
            describe_decision("move-confirm", &moves.to_string()),
            "confirmed moves 4, 5"
        );
        // A detail that does not tell: the action name.
        assert_eq!(
            describe_decision("flag-dismiss", "not json"),
            "flag dismiss"
        );
    }

    fn with_status(mut b: BeadSnap, status: &str) -> BeadSnap {
        b.status = status.into();
        b
    }

    /// Ids as `replace_beads` numbers a new bead.
    fn numbered(mut beads: Vec<BeadSnap>, next: i64) -> Vec<BeadSnap> {
        for b in beads.iter_mut().filter(|b| b.id == 0) {
            b.id = next;
        }
        beads
    }

    #[test]
    fn revert_puts_back_what_one_decision_changed_and_nothing_else() {
        let before = vec![
            b(1, &[10], &[20]),
            b(2, &[11], &[21]),
            b(3, &[12], &[22]),
            b(4, &[13], &[23]),
        ];
        // A merge of beads 2 and 3, then a re-alignment that regrouped beads 1 and 4 (new ids
        // 7 and 8) and confirmed nothing else.
        let after = edit(&before, &Action::Merge(2, 3)).unwrap();
        let now = vec![b(7, &[10], &[20]), after[1].clone(), b(8, &[13], &[23])];
        let reverted = revert(&now, &before, &after).unwrap();
        assert_eq!(
            reverted,
            vec![
                b(7, &[10], &[20]),
                b(2, &[11], &[21]),
                b(3, &[12], &[22]),
                b(8, &[13], &[23])
            ]
        );
        // A split: the first part goes back to the whole bead, the second part goes.
        let two = vec![b(3, &[12, 13], &[22, 23]), b(5, &[14], &[24])];
        let split = numbered(edit(&two, &Action::Split(3, 1)).unwrap(), 9);
        assert_eq!(revert(&split, &two, &split).unwrap(), two);
        // Shifts both ways.
        for dir in [Direction::Up, Direction::Down] {
            let after = edit(&before, &Action::Shift(2, dir, Side::Tgt)).unwrap();
            assert_eq!(revert(&after, &before, &after).unwrap(), before, "{dir:?}");
        }
        // A status decision reverts the status of its beads only, wherever they are now.
        let after = edit(&before, &Action::SetStatus(vec![1, 4], Status::Rejected)).unwrap();
        let now = vec![
            after[0].clone(),
            b(9, &[11, 12], &[21, 22]),
            with_status(b(4, &[13], &[23]), "rejected"),
        ];
        assert_eq!(
            revert(&now, &before, &after).unwrap(),
            vec![
                b(1, &[10], &[20]),
                b(9, &[11, 12], &[21, 22]),
                b(4, &[13], &[23])
            ]
        );
        // A decision that changed nothing reverts to the beads as they are.
        assert_eq!(revert(&now, &before, &before).unwrap(), now);
    }

    #[test]
    fn revert_refuses_when_a_bead_the_decision_made_is_not_as_it_left_it() {
        let before = vec![b(1, &[10], &[20]), b(2, &[11], &[21])];
        let after = edit(&before, &Action::SetStatus(vec![2], Status::Confirmed)).unwrap();
        // Gone: re-alignment regrouped its sentences.
        let now = vec![b(5, &[10, 11], &[20, 21])];
        assert_eq!(revert(&now, &before, &after), Err(Unrevertable::Gone(2)));
        // Changed: the same id with other sentences or another status.
        let now = vec![b(1, &[10], &[20]), b(2, &[11], &[21])];
        assert_eq!(revert(&now, &before, &after), Err(Unrevertable::Changed(2)));
    }

    #[test]
    fn shifting_the_last_sentence_removes_an_empty_bead() {
        let beads = vec![b(1, &[10], &[20]), b(2, &[], &[21])];
        let u = edit(&beads, &Action::Shift(2, Direction::Up, Side::Tgt)).unwrap();
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].tgt, vec![20, 21]);
    }
}
