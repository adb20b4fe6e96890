//! Snapshots of a pair's beads, for review edits and undo: an edit loads the snapshot, changes it
//! in memory and writes it back; the decision log keeps the before and after snapshots.

use super::beads::{decision_row, DECISION_COLS};
use super::{Status, Tx};
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

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

    /// Replaces the beads of a pair with `beads`, keeping their ids (id 0 = a new bead).
    /// Returns the snapshot as written (new beads with their ids).
    pub fn restore(&self, pair_id: i64, beads: &[BeadSnap]) -> Result<Vec<BeadSnap>> {
        // New beads get ids above every id in use, so they never collide with kept ones.
        let max_id: i64 =
            self.conn()
                .query_row("SELECT coalesce(max(id), 0) FROM beads", [], |r| r.get(0))?;
        let mut next_id = max_id.max(beads.iter().map(|b| b.id).max().unwrap_or(0)) + 1;
        self.conn()
            .execute("DELETE FROM beads WHERE pair_id = ?1", [pair_id])?;
        let mut out = Vec::with_capacity(beads.len());
        let mut ins_id = self.conn().prepare_cached(
            "INSERT INTO beads (id, pair_id, position, score, status) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut link = self.conn().prepare_cached(
            "INSERT INTO bead_sentences (bead_id, side, sentence_id) VALUES (?1, ?2, ?3)",
        )?;
        for (pos, b) in beads.iter().enumerate() {
            let id = if b.id > 0 {
                b.id
            } else {
                next_id += 1;
                next_id - 1
            };
            ins_id.execute(params![id, pair_id, pos as i64, b.score, b.status])?;
            for &s in &b.src {
                link.execute(params![id, "src", s])?;
            }
            for &t in &b.tgt {
                link.execute(params![id, "tgt", t])?;
            }
            out.push(BeadSnap { id, ..b.clone() });
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
