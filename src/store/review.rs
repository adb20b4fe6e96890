//! Snapshots of a pair's beads, for review edits and undo: an edit loads the snapshot, changes it
//! in memory and writes it back; the decision log keeps the before and after snapshots.

use super::beads::{decision_row, DECISION_COLS};
use super::{Status, Tx};
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A bead with its sentences as sentence row ids (stable across edits).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BeadSnap {
    pub id: i64,
    pub src: Vec<i64>,
    pub tgt: Vec<i64>,
    pub score: f64,
    pub status: String,
}

impl Tx<'_> {
    /// The beads of a pair in order, with sentence ids sorted by position in their document.
    pub fn snapshot(&self, pair_id: i64) -> Result<Vec<BeadSnap>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, score, status FROM beads WHERE pair_id = ?1 ORDER BY position",
        )?;
        let mut beads: Vec<BeadSnap> = st
            .query_map([pair_id], |r| {
                Ok(BeadSnap {
                    id: r.get(0)?,
                    src: vec![],
                    tgt: vec![],
                    score: r.get(1)?,
                    status: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut links = self.bead_links(pair_id)?;
        for b in beads.iter_mut() {
            if let Some((src, tgt)) = links.remove(&b.id) {
                b.src = src.into_iter().map(|(sid, _)| sid).collect();
                b.tgt = tgt.into_iter().map(|(sid, _)| sid).collect();
            }
        }
        Ok(beads)
    }

    /// Makes `beads`, in this order, the beads of a pair (a review edit or an undo). A bead
    /// with the id of one of the pair's beads is that bead, updated where it changed; one with
    /// the id of a bead the pair had before (an undo bringing it back) is stored again under that
    /// id; id 0 is a new bead, which gets a new id. The pair's beads left out are retired with
    /// `cause`. Returns the snapshot as written (new beads with their ids).
    pub fn replace_beads(
        &self,
        pair_id: i64,
        beads: &[BeadSnap],
        cause: super::Retired,
    ) -> Result<Vec<BeadSnap>> {
        // The pair's beads by id, with their rank (`snapshot` reads them in order).
        let mut current: HashMap<i64, (usize, BeadSnap)> = self
            .snapshot(pair_id)?
            .into_iter()
            .enumerate()
            .map(|(pos, b)| (b.id, (pos, b)))
            .collect();
        let mut update = self.conn().prepare_cached(
            "UPDATE beads SET position = ?2, score = ?3, status = ?4 WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(beads.len());
        for (pos, b) in beads.iter().enumerate() {
            let id = match current.remove(&b.id) {
                Some((old_pos, old)) => {
                    if old_pos != pos || old.score != b.score || old.status != b.status {
                        update.execute(params![b.id, pos as i64, b.score, b.status])?;
                    }
                    if old.src != b.src || old.tgt != b.tgt {
                        self.conn()
                            .execute("DELETE FROM bead_sentences WHERE bead_id = ?1", [b.id])?;
                        self.link_bead(b.id, &b.src, &b.tgt)?;
                    }
                    b.id
                }
                None if b.id > 0 => {
                    // Only a bead of this pair that is no longer in use can come back.
                    let in_use: Option<i64> = self
                        .conn()
                        .query_row("SELECT pair_id FROM beads WHERE id = ?1", [b.id], |r| {
                            r.get(0)
                        })
                        .optional()?;
                    if let Some(other) = in_use {
                        return Err(Error::Invalid(format!(
                            "bead {} belongs to pair {other}, not to pair {pair_id}",
                            b.id
                        )));
                    }
                    self.insert_bead(Some(b.id), pair_id, pos, b.score, &b.status, &b.src, &b.tgt)?
                }
                None => self.insert_bead(None, pair_id, pos, b.score, &b.status, &b.src, &b.tgt)?,
            };
            out.push(BeadSnap { id, ..b.clone() });
        }
        for id in current.into_keys() {
            self.retire_bead(id, pair_id, cause)?;
        }
        Ok(out)
    }

    /// The last decision of a pair that has not been undone.
    pub fn last_decision(&self, pair_id: i64) -> Result<Option<super::Decision>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {DECISION_COLS} FROM decisions
                     WHERE pair_id = ?1 AND undone = 0 ORDER BY id DESC LIMIT 1"
                ),
                [pair_id],
                decision_row,
            )
            .optional()?)
    }

    pub fn mark_undone(&self, decision_id: i64) -> Result<()> {
        self.conn().execute(
            "UPDATE decisions SET undone = 1 WHERE id = ?1",
            [decision_id],
        )?;
        Ok(())
    }

    /// The status and note of a flag.
    pub fn flag_state(&self, id: i64) -> Result<(i64, String, Option<String>)> {
        self.conn()
            .query_row(
                "SELECT pair_id, status, note FROM flags WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(Error::UnknownId {
                what: "flag",
                id: id.to_string(),
            })
    }

    /// Restores a flag's status and note exactly (undo).
    pub fn restore_flag(&self, id: i64, status: &str, note: Option<&str>) -> Result<()> {
        self.conn().execute(
            "UPDATE flags SET status = ?2, note = ?3 WHERE id = ?1",
            params![id, status, note],
        )?;
        Ok(())
    }
}

impl BeadSnap {
    pub fn status(&self) -> Status {
        Status::parse(&self.status)
    }
}
