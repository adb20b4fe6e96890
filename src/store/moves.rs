//! Moved and repeated sentence pairs of a pair, beside its beads, and their review status.
//!
//! A move is keyed by its two sentences: re-aligning replaces the automatic moves, a move a
//! reviewer confirmed or rejected keeps its status (and its id) when the aligner finds the same
//! two sentences again, and a confirmed move stays even when it is not found again.

use super::{Status, Tx};
use crate::align::Move;
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension};
use std::collections::{HashMap, HashSet};

/// A stored move; `src`/`tgt` are sentence indices within the pair's documents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MoveRow {
    pub id: i64,
    pub pair_id: i64,
    pub src: usize,
    pub tgt: usize,
    pub score: f64,
    pub repeat: bool,
    pub status: Status,
}

impl MoveRow {
    /// The move as the aligner reports it (without id and status).
    pub fn to_move(&self) -> Move {
        Move {
            src: self.src,
            tgt: self.tgt,
            score: self.score,
            repeat: self.repeat,
        }
    }
}

/// A stored move as `store_moves` compares it with the aligner's new ones.
struct Stored {
    id: i64,
    src_sid: i64,
    tgt_sid: i64,
    status: Status,
}

impl Tx<'_> {
    /// The moves of a pair, by target sentence then source sentence.
    pub fn moves(&self, pair_id: i64) -> Result<Vec<MoveRow>> {
        let mut st = self.conn().prepare_cached(
            "SELECT m.id, s.idx, t.idx, m.score, m.repeat, m.status FROM moves m
             JOIN sentences s ON s.id = m.src_sentence_id
             JOIN sentences t ON t.id = m.tgt_sentence_id
             WHERE m.pair_id = ?1 ORDER BY t.idx, s.idx",
        )?;
        let rows = st
            .query_map([pair_id], |r| {
                Ok(MoveRow {
                    id: r.get(0)?,
                    pair_id,
                    src: r.get::<_, i64>(1)? as usize,
                    tgt: r.get::<_, i64>(2)? as usize,
                    score: r.get(3)?,
                    repeat: r.get::<_, i64>(4)? != 0,
                    status: Status::parse(&r.get::<_, String>(5)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Replaces the automatic moves of a pair with `moves` (sentence indices). A reviewed move
    /// found again keeps its id and status and takes the new score; a confirmed move not found
    /// again is kept; a rejected one not found again is dropped. A new move whose Arabic sentence
    /// a kept confirmed move already pairs with another English sentence is left out: the
    /// reviewer has said what that sentence renders.
    pub fn store_moves(
        &self,
        pair_id: i64,
        moves: &[Move],
        src_ids: &[i64],
        tgt_ids: &[i64],
    ) -> Result<()> {
        let stored: Vec<Stored> = {
            let mut st = self.conn().prepare_cached(
                "SELECT id, src_sentence_id, tgt_sentence_id, status FROM moves WHERE pair_id = ?1",
            )?;
            let rows = st
                .query_map([pair_id], |r| {
                    Ok(Stored {
                        id: r.get(0)?,
                        src_sid: r.get(1)?,
                        tgt_sid: r.get(2)?,
                        status: Status::parse(&r.get::<_, String>(3)?),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let by_key: HashMap<(i64, i64), &Stored> =
            stored.iter().map(|m| ((m.src_sid, m.tgt_sid), m)).collect();
        let confirmed_tgt: HashSet<i64> = stored
            .iter()
            .filter(|m| m.status == Status::Confirmed)
            .map(|m| m.tgt_sid)
            .collect();
        let mut update = self
            .conn()
            .prepare_cached("UPDATE moves SET score = ?2, repeat = ?3 WHERE id = ?1")?;
        let mut insert = self.conn().prepare_cached(
            "INSERT INTO moves (pair_id, src_sentence_id, tgt_sentence_id, score, repeat, status)
             VALUES (?1, ?2, ?3, ?4, ?5, 'automatic')",
        )?;
        let mut found: HashSet<i64> = HashSet::new();
        for m in moves {
            let src = *src_ids
                .get(m.src)
                .ok_or_else(|| Error::Invalid(format!("source sentence {} out of range", m.src)))?;
            let tgt = *tgt_ids
                .get(m.tgt)
                .ok_or_else(|| Error::Invalid(format!("target sentence {} out of range", m.tgt)))?;
            match by_key.get(&(src, tgt)) {
                Some(old) => {
                    update.execute(params![old.id, m.score, m.repeat as i64])?;
                    found.insert(old.id);
                }
                None if confirmed_tgt.contains(&tgt) => {}
                None => {
                    insert.execute(params![pair_id, src, tgt, m.score, m.repeat as i64])?;
                }
            }
        }
        let mut delete = self
            .conn()
            .prepare_cached("DELETE FROM moves WHERE id = ?1")?;
        for old in &stored {
            if !found.contains(&old.id) && old.status != Status::Confirmed {
                delete.execute([old.id])?;
            }
        }
        Ok(())
    }

    /// The pair and review status of a move.
    pub fn move_state(&self, id: i64) -> Result<(i64, Status)> {
        self.conn()
            .query_row(
                "SELECT pair_id, status FROM moves WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, Status::parse(&r.get::<_, String>(1)?))),
            )
            .optional()?
            .ok_or(Error::UnknownId {
                what: "move",
                id: id.to_string(),
            })
    }

    /// Sets the review status of a move (a review decision, or its undo).
    pub fn set_move_status(&self, id: i64, status: Status) -> Result<()> {
        let changed = self.conn().execute(
            "UPDATE moves SET status = ?2 WHERE id = ?1",
            params![id, status.as_str()],
        )?;
        if changed == 0 {
            return Err(Error::UnknownId {
                what: "move",
                id: id.to_string(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewDocument, Workspace};
    use crate::text::Lang;

    fn sentences(n: usize) -> Vec<crate::segment::Sentence> {
        (0..n)
            .map(|k| crate::segment::Sentence {
                text: format!("sentence {k}"),
                paragraph: k,
                start: 0,
                end: 0,
            })
            .collect()
    }

    fn mv(src: usize, tgt: usize, score: f64) -> Move {
        Move {
            src,
            tgt,
            score,
            repeat: false,
        }
    }

    /// (src, tgt, status) of the stored moves.
    fn listed(ws: &mut Workspace, pair: i64) -> Vec<(usize, usize, Status)> {
        ws.read(|tx| tx.moves(pair))
            .unwrap()
            .into_iter()
            .map(|m| (m.src, m.tgt, m.status))
            .collect()
    }

    #[test]
    fn a_workspace_of_schema_5_gains_an_empty_moves_table() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        {
            let mut c = rusqlite::Connection::open(&p).unwrap();
            let tx = c.transaction().unwrap();
            for (k, sql) in crate::store::schema::MIGRATIONS.iter().enumerate().take(5) {
                tx.execute_batch(sql).unwrap();
                tx.pragma_update(None, "user_version", (k + 1) as i64)
                    .unwrap();
            }
            tx.commit().unwrap();
        }
        let mut ws = Workspace::open(&p).unwrap();
        let n: i64 = ws
            .conn
            .query_row("SELECT count(*) FROM moves", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        assert!(ws.read(|tx| tx.moves(1)).unwrap().is_empty());
    }

    #[test]
    fn realigning_keeps_reviewed_moves_and_replaces_automatic_ones() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, _) = Workspace::create(&dir.path().join("w.db")).unwrap();
        let (en, ar) = (sentences(6), sentences(6));
        let (pair, src_ids, tgt_ids) = ws
            .write(|tx| {
                let doc = |lang, raw, s| NewDocument {
                    lang,
                    title: None,
                    date: None,
                    url: None,
                    outlet: None,
                    origin: "test",
                    raw_text: raw,
                    sentences: s,
                };
                let (e, _) = tx.add_document(&doc(Lang::En, "en", &en))?;
                let (a, _) = tx.add_document(&doc(Lang::Ar, "ar", &ar))?;
                let (p, _) = tx.add_pair(a, e, "manual", None)?;
                let ids =
                    |d| -> Result<Vec<i64>> { Ok(tx.sentences(d)?.iter().map(|s| s.id).collect()) };
                Ok((p, ids(e)?, ids(a)?))
            })
            .unwrap();
        let store = |ws: &mut Workspace, moves: &[Move]| {
            ws.write(|tx| tx.store_moves(pair, moves, &src_ids, &tgt_ids))
                .unwrap()
        };
        store(
            &mut ws,
            &[mv(4, 0, 0.9), mv(5, 1, 0.8), mv(3, 2, 0.7), mv(2, 3, 0.6)],
        );
        let rows = ws.read(|tx| tx.moves(pair)).unwrap();
        assert_eq!(rows.len(), 4);
        let id_of = |tgt: usize| rows.iter().find(|m| m.tgt == tgt).unwrap().id;
        ws.write(|tx| {
            tx.set_move_status(id_of(0), Status::Confirmed)?;
            tx.set_move_status(id_of(1), Status::Rejected)?;
            tx.set_move_status(id_of(2), Status::Rejected)
        })
        .unwrap();
        // Found again: the confirmed (4, 0) and rejected (5, 1). Not found again: the rejected
        // (3, 2) and the automatic (2, 3). New: (1, 4), and (0, 0), whose Arabic sentence the
        // reviewer has already paired with English sentence 4.
        store(
            &mut ws,
            &[
                mv(4, 0, 0.95),
                mv(0, 0, 0.99),
                mv(5, 1, 0.85),
                mv(1, 4, 0.5),
            ],
        );
        assert_eq!(
            listed(&mut ws, pair),
            vec![
                (4, 0, Status::Confirmed),
                (5, 1, Status::Rejected),
                (1, 4, Status::Automatic)
            ]
        );
        let again = ws.read(|tx| tx.moves(pair)).unwrap();
        assert_eq!(again[0].id, id_of(0), "a move found again keeps its id");
        assert_eq!(again[0].score, 0.95);
        // A confirmed move stays when it is not found again.
        store(&mut ws, &[]);
        assert_eq!(listed(&mut ws, pair), vec![(4, 0, Status::Confirmed)]);
        assert!(matches!(
            ws.write(|tx| tx.set_move_status(999, Status::Confirmed)),
            Err(Error::UnknownId { what: "move", .. })
        ));
    }
}
