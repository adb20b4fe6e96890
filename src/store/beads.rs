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
        let mut st = self.conn().prepare_cached(
            "SELECT bs.bead_id, bs.side, bs.sentence_id, s.idx FROM bead_sentences bs
             JOIN beads b ON b.id = bs.bead_id JOIN sentences s ON s.id = bs.sentence_id
             WHERE b.pair_id = ?1 ORDER BY s.idx",
        )?;
        let rows = st.query_map([pair_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)? as usize,
            ))
        })?;
        let mut out: HashMap<i64, BeadLinks> = HashMap::new();
        for row in rows {
            let (bead, side, sid, idx) = row?;
            let e = out.entry(bead).or_default();
            if side == "src" {
                e.0.push((sid, idx));
            } else {
                e.1.push((sid, idx));
            }
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

    /// Replaces a pair's beads with `beads` (sentence indices), keeping the statuses given.
    pub fn store_beads(
        &self,
        pair_id: i64,
        beads: &[(Bead, Status)],
        src_ids: &[i64],
        tgt_ids: &[i64],
    ) -> Result<()> {
        self.conn()
            .execute("DELETE FROM beads WHERE pair_id = ?1", [pair_id])?;
        let mut ins = self.conn().prepare_cached(
            "INSERT INTO beads (pair_id, position, score, status) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut link = self.conn().prepare_cached(
            "INSERT INTO bead_sentences (bead_id, side, sentence_id) VALUES (?1, ?2, ?3)",
        )?;
        for (pos, (b, status)) in beads.iter().enumerate() {
            ins.execute(params![pair_id, pos as i64, b.score, status.as_str()])?;
            let id = self.conn().last_insert_rowid();
            for &i in &b.src {
                let sid = src_ids
                    .get(i)
                    .ok_or_else(|| Error::Invalid(format!("source sentence {i} out of range")))?;
                link.execute(params![id, "src", sid])?;
            }
            for &j in &b.tgt {
                let sid = tgt_ids
                    .get(j)
                    .ok_or_else(|| Error::Invalid(format!("target sentence {j} out of range")))?;
                link.execute(params![id, "tgt", sid])?;
            }
        }
        Ok(())
    }

    /// Sets the status of beads; returns the pair they belong to (all must share one).
    pub fn set_bead_status(&self, ids: &[i64], status: Status) -> Result<Vec<(i64, String)>> {
        let mut previous = Vec::new();
        for &id in ids {
            let old: Option<String> = self
                .conn()
                .query_row("SELECT status FROM beads WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            let old = old.ok_or(Error::UnknownId {
                what: "bead",
                id: id.to_string(),
            })?;
            self.conn().execute(
                "UPDATE beads SET status = ?2 WHERE id = ?1",
                params![id, status.as_str()],
            )?;
            previous.push((id, old));
        }
        Ok(previous)
    }

    /// The pair a bead belongs to.
    pub fn bead_pair(&self, id: i64) -> Result<i64> {
        self.conn()
            .query_row("SELECT pair_id FROM beads WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(Error::UnknownId {
                what: "bead",
                id: id.to_string(),
            })
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
