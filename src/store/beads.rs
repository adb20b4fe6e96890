//! Beads of a pair and their review status.

use super::Tx;
use crate::align::Bead;
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

/// Review status of a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Automatic,
    Confirmed,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Automatic => "automatic",
            Status::Confirmed => "confirmed",
            Status::Rejected => "rejected",
        }
    }

    /// The status stored as `s`; anything unknown reads as automatic (nobody reviewed it).
    pub fn parse(s: &str) -> Status {
        match s {
            "confirmed" => Status::Confirmed,
            "rejected" => Status::Rejected,
            _ => Status::Automatic,
        }
    }
}

/// Why a bead id is no longer in use. Bead ids are never used again (the table is
/// AUTOINCREMENT), and `retired_beads` keeps the cause, so that a stale id is told apart from
/// one that never existed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retired {
    /// Re-alignment did not find the bead's grouping again.
    Align,
    /// A review edit (merge, or a shift that emptied it) removed it.
    Edit,
    /// Undoing a decision removed it (the second part of a split).
    Undo,
}

impl Retired {
    pub fn as_str(self) -> &'static str {
        match self {
            Retired::Align => "align",
            Retired::Edit => "edit",
            Retired::Undo => "undo",
        }
    }

    pub fn parse(s: &str) -> Retired {
        match s {
            "edit" => Retired::Edit,
            "undo" => Retired::Undo,
            _ => Retired::Align,
        }
    }

    /// What happened to a bead of pair `pair`, as the error message says it.
    pub fn explain(self, pair: i64) -> String {
        match self {
            Retired::Align => format!("pair {pair} was re-aligned"),
            Retired::Edit => {
                format!("a review edit on pair {pair} merged it into another bead")
            }
            Retired::Undo => format!("an undo on pair {pair} removed it"),
        }
    }
}

/// Source and target sentences of a bead: (sentence id, sentence index) each.
pub(super) type BeadLinks = (Vec<(i64, usize)>, Vec<(i64, usize)>);

/// A stored bead; `src`/`tgt` are sentence indices within the pair's documents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BeadRow {
    pub id: i64,
    pub pair_id: i64,
    pub position: usize,
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    pub score: f64,
    pub status: Status,
}

/// A review decision.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Decision {
    pub id: i64,
    pub reviewer: String,
    pub at: String,
    pub action: String,
    /// JSON describing the change (what it was before, what it became).
    pub detail: String,
    pub undone: bool,
}

/// The columns `decision_row` reads, in its order.
pub(super) const DECISION_COLS: &str = "id, reviewer, at, action, detail, undone";

pub(super) fn decision_row(r: &rusqlite::Row) -> rusqlite::Result<Decision> {
    Ok(Decision {
        id: r.get(0)?,
        reviewer: r.get(1)?,
        at: r.get(2)?,
        action: r.get(3)?,
        detail: r.get(4)?,
        undone: r.get::<_, i64>(5)? != 0,
    })
}

impl Tx<'_> {
    /// The sentences of each bead of a pair, per side, in document order: bead id → (source,
    /// target) lists of (sentence id, sentence index).
    pub(super) fn bead_links(&self, pair_id: i64) -> Result<HashMap<i64, BeadLinks>> {
        // Sentence ids to indices from the covering (document_id, idx) index: joining
        // `sentences` row by row instead read every sentence's text pages to get its index,
        // most of the time of loading a large pair.
        let mut st = self.conn().prepare_cached(
            "SELECT s.id, s.idx FROM pairs p JOIN sentences s
             ON s.document_id IN (p.source_id, p.article_id) WHERE p.id = ?1",
        )?;
        let index: HashMap<i64, usize> = st
            .query_map([pair_id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn().prepare_cached(
            "SELECT bs.bead_id, bs.side, bs.sentence_id FROM beads b
             JOIN bead_sentences bs ON bs.bead_id = b.id WHERE b.pair_id = ?1",
        )?;
        let rows = st.query_map([pair_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut out: HashMap<i64, BeadLinks> = HashMap::new();
        for row in rows {
            let (bead, side, sid) = row?;
            let idx = match index.get(&sid) {
                Some(&idx) => idx,
                // Not a sentence of the pair's documents (never written so): read it alone,
                // and leave it out if it is gone, as the join did.
                None => match self
                    .conn()
                    .query_row("SELECT idx FROM sentences WHERE id = ?1", [sid], |r| {
                        r.get::<_, i64>(0)
                    })
                    .optional()?
                {
                    Some(idx) => idx as usize,
                    None => continue,
                },
            };
            let e = out.entry(bead).or_default();
            if side == "src" {
                e.0.push((sid, idx));
            } else {
                e.1.push((sid, idx));
            }
        }
        // Document order within each side.
        for (src, tgt) in out.values_mut() {
            src.sort_unstable_by_key(|&(sid, idx)| (idx, sid));
            tgt.sort_unstable_by_key(|&(sid, idx)| (idx, sid));
        }
        Ok(out)
    }

    /// Beads of a pair in document order.
    pub fn beads(&self, pair_id: i64) -> Result<Vec<BeadRow>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, position, score, status FROM beads WHERE pair_id = ?1 ORDER BY position",
        )?;
        let mut rows: Vec<BeadRow> = st
            .query_map([pair_id], |r| {
                Ok(BeadRow {
                    id: r.get(0)?,
                    pair_id,
                    position: r.get::<_, i64>(1)? as usize,
                    src: vec![],
                    tgt: vec![],
                    score: r.get(2)?,
                    status: Status::parse(&r.get::<_, String>(3)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut links = self.bead_links(pair_id)?;
        for b in rows.iter_mut() {
            if let Some((src, tgt)) = links.remove(&b.id) {
                b.src = src.into_iter().map(|(_, idx)| idx).collect();
                b.tgt = tgt.into_iter().map(|(_, idx)| idx).collect();
            }
        }
        Ok(rows)
    }

    /// Stores the beads alignment found for a pair (sentence indices), with the statuses given.
    /// A bead with the sentences of a stored bead of the pair is that bead: it keeps its id and
    /// takes the new position, score and status. The other stored beads are retired (their ids
    /// are never used again, see [`Retired`]) and the new groupings get new ids.
    pub fn store_beads(
        &self,
        pair_id: i64,
        beads: &[(Bead, Status)],
        src_ids: &[i64],
        tgt_ids: &[i64],
    ) -> Result<()> {
        // Stored beads by their sentences (a list: beads whose sentences are gone share a key).
        let mut stored: HashMap<(Vec<i64>, Vec<i64>), Vec<i64>> = HashMap::new();
        for b in self.snapshot(pair_id)? {
            stored.entry((b.src, b.tgt)).or_default().push(b.id);
        }
        let sentence_ids = |ids: &[usize], of: &[i64], side: &str| -> Result<Vec<i64>> {
            ids.iter()
                .map(|&i| {
                    of.get(i)
                        .copied()
                        .ok_or_else(|| Error::Invalid(format!("{side} sentence {i} out of range")))
                })
                .collect()
        };
        let mut update = self.conn().prepare_cached(
            "UPDATE beads SET position = ?2, score = ?3, status = ?4 WHERE id = ?1",
        )?;
        for (pos, (b, status)) in beads.iter().enumerate() {
            let src = sentence_ids(&b.src, src_ids, "source")?;
            let tgt = sentence_ids(&b.tgt, tgt_ids, "target")?;
            match stored
                .get_mut(&(src.clone(), tgt.clone()))
                .and_then(Vec::pop)
            {
                Some(id) => {
                    update.execute(params![id, pos as i64, b.score, status.as_str()])?;
                }
                None => {
                    self.insert_bead(None, pair_id, pos, b.score, status.as_str(), &src, &tgt)?;
                }
            }
        }
        for id in stored.into_values().flatten() {
            self.retire_bead(id, pair_id, Retired::Align)?;
        }
        Ok(())
    }

    /// Inserts a bead with its sentences (sentence ids); `id` None gives it a new id. Returns
    /// its id.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn insert_bead(
        &self,
        id: Option<i64>,
        pair_id: i64,
        position: usize,
        score: f64,
        status: &str,
        src: &[i64],
        tgt: &[i64],
    ) -> Result<i64> {
        let mut ins = self.conn().prepare_cached(
            "INSERT INTO beads (id, pair_id, position, score, status) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        ins.execute(params![id, pair_id, position as i64, score, status])?;
        let inserted = self.conn().last_insert_rowid();
        if id.is_some() {
            // A bead that comes back (an undo) is no longer retired. A new id never was.
            self.conn()
                .execute("DELETE FROM retired_beads WHERE id = ?1", [inserted])?;
        }
        self.link_bead(inserted, src, tgt)?;
        Ok(inserted)
    }

    /// Links a bead to its sentences (sentence ids).
    pub(super) fn link_bead(&self, id: i64, src: &[i64], tgt: &[i64]) -> Result<()> {
        let mut link = self.conn().prepare_cached(
            "INSERT INTO bead_sentences (bead_id, side, sentence_id) VALUES (?1, ?2, ?3)",
        )?;
        for sid in src {
            link.execute(params![id, "src", sid])?;
        }
        for sid in tgt {
            link.execute(params![id, "tgt", sid])?;
        }
        Ok(())
    }

    /// Deletes a bead and remembers why, so that its id is answered with what happened to it.
    pub(super) fn retire_bead(&self, id: i64, pair_id: i64, cause: Retired) -> Result<()> {
        self.conn()
            .execute("DELETE FROM beads WHERE id = ?1", [id])?;
        self.conn().execute(
            "INSERT OR REPLACE INTO retired_beads (id, pair_id, cause, at) VALUES (?1, ?2, ?3, ?4)",
            params![id, pair_id, cause.as_str(), super::now()],
        )?;
        Ok(())
    }

    /// The error for a bead id that is not in use: what became of it when it was a bead
    /// ([`Error::StaleBead`]), else that it never was one.
    fn missing_bead(&self, id: i64) -> Result<Error> {
        let retired: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT pair_id, cause FROM retired_beads WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match retired {
            Some((pair, cause)) => Error::StaleBead {
                id,
                pair,
                cause: Retired::parse(&cause),
            },
            None => Error::UnknownId {
                what: "bead",
                id: id.to_string(),
            },
        })
    }

    /// Sets the status of beads; returns the status each had.
    pub fn set_bead_status(&self, ids: &[i64], status: Status) -> Result<Vec<(i64, String)>> {
        let mut previous = Vec::new();
        for &id in ids {
            let old: Option<String> = self
                .conn()
                .query_row("SELECT status FROM beads WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            let Some(old) = old else {
                return Err(self.missing_bead(id)?);
            };
            self.conn().execute(
                "UPDATE beads SET status = ?2 WHERE id = ?1",
                params![id, status.as_str()],
            )?;
            previous.push((id, old));
        }
        Ok(previous)
    }

    /// The pair a bead belongs to. A bead id that re-alignment or a review edit retired is
    /// answered with [`Error::StaleBead`], saying so.
    pub fn bead_pair(&self, id: i64) -> Result<i64> {
        let pair: Option<i64> = self
            .conn()
            .query_row("SELECT pair_id FROM beads WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        match pair {
            Some(p) => Ok(p),
            None => Err(self.missing_bead(id)?),
        }
    }

    /// Records a review decision.
    pub fn add_decision(
        &self,
        pair_id: i64,
        reviewer: &str,
        action: &str,
        detail: &serde_json::Value,
    ) -> Result<i64> {
        self.conn().execute(
            "INSERT INTO decisions (pair_id, reviewer, at, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![pair_id, reviewer, super::now(), action, detail.to_string()],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Decisions of a pair, oldest first.
    pub fn decisions(&self, pair_id: i64) -> Result<Vec<Decision>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {DECISION_COLS} FROM decisions WHERE pair_id = ?1 ORDER BY id"
        ))?;
        let rows = st
            .query_map([pair_id], decision_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
