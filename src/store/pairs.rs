//! Pairs: an Arabic article declared (or found) to render an English source.

use super::{now, Tx};
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone, serde::Serialize)]
pub struct PairRow {
    pub id: i64,
    pub article_id: i64,
    pub source_id: i64,
    pub method: String,
    pub confidence: Option<f64>,
    pub created_at: String,
    pub aligned_at: Option<String>,
    pub article_title: Option<String>,
    pub source_title: Option<String>,
    pub beads: i64,
    /// Moved and repeated sentence pairs beside the beads (rejected ones not counted).
    pub moves: i64,
    pub flags: i64,
}

const PAIR_COLS: &str =
    "p.id, p.article_id, p.source_id, p.method, p.confidence, p.created_at, p.aligned_at,
     (SELECT title FROM documents WHERE id = p.article_id),
     (SELECT title FROM documents WHERE id = p.source_id),
     (SELECT count(*) FROM beads b WHERE b.pair_id = p.id),
     (SELECT count(*) FROM flags f WHERE f.pair_id = p.id AND f.status != 'dismissed'),
     (SELECT count(*) FROM moves m WHERE m.pair_id = p.id AND m.status != 'rejected')";

fn pair_row(r: &rusqlite::Row) -> rusqlite::Result<PairRow> {
    Ok(PairRow {
        id: r.get(0)?,
        article_id: r.get(1)?,
        source_id: r.get(2)?,
        method: r.get(3)?,
        confidence: r.get(4)?,
        created_at: r.get(5)?,
        aligned_at: r.get(6)?,
        article_title: r.get(7)?,
        source_title: r.get(8)?,
        beads: r.get(9)?,
        flags: r.get(10)?,
        moves: r.get(11)?,
    })
}

impl Tx<'_> {
    /// Declares a pair; returns its id and whether it is new.
    pub fn add_pair(
        &self,
        article_id: i64,
        source_id: i64,
        method: &str,
        confidence: Option<f64>,
    ) -> Result<(i64, bool)> {
        let article = self.document(article_id)?;
        let source = self.document(source_id)?;
        if article.lang != "ar" {
            return Err(Error::Invalid(format!(
                "document {article_id} is {} but a pair's article must be Arabic",
                article.lang
            )));
        }
        if source.lang != "en" {
            return Err(Error::Invalid(format!(
                "document {source_id} is {} but a pair's source must be English",
                source.lang
            )));
        }
        if let Some(id) = self
            .conn()
            .query_row(
                "SELECT id FROM pairs WHERE article_id = ?1 AND source_id = ?2",
                [article_id, source_id],
                |r| r.get(0),
            )
            .optional()?
        {
            return Ok((id, false));
        }
        self.conn().execute(
            "INSERT INTO pairs (article_id, source_id, method, confidence, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![article_id, source_id, method, confidence, now()],
        )?;
        Ok((self.conn().last_insert_rowid(), true))
    }

    pub fn pair(&self, id: i64) -> Result<PairRow> {
        self.conn()
            .query_row(
                &format!("SELECT {PAIR_COLS} FROM pairs p WHERE p.id = ?1"),
                [id],
                pair_row,
            )
            .optional()?
            .ok_or(Error::UnknownId {
                what: "pair",
                id: id.to_string(),
            })
    }

    pub fn pairs(&self) -> Result<Vec<PairRow>> {
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {PAIR_COLS} FROM pairs p ORDER BY p.id"))?;
        let rows = st
            .query_map([], pair_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Review progress of every pair, in one query (the web workspace's list of pairs): pair id
    /// → (beads, beads a reviewer confirmed or rejected, open flags).
    pub fn review_progress(&self) -> Result<std::collections::HashMap<i64, (i64, i64, i64)>> {
        let mut st = self.conn().prepare(
            "SELECT p.id,
                    (SELECT count(*) FROM beads b WHERE b.pair_id = p.id),
                    (SELECT count(*) FROM beads b WHERE b.pair_id = p.id AND b.status != 'automatic'),
                    (SELECT count(*) FROM flags f WHERE f.pair_id = p.id AND f.status = 'open')
             FROM pairs p",
        )?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn mark_aligned(&self, pair_id: i64) -> Result<()> {
        self.conn().execute(
            "UPDATE pairs SET aligned_at = ?2 WHERE id = ?1",
            params![pair_id, now()],
        )?;
        Ok(())
    }
}
