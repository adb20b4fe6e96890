//! Stored flags and their review status.

use super::Tx;
use crate::error::{Error, Result};
use crate::flag::{Flag, Side};
use rusqlite::{params, OptionalExtension};
use std::collections::{HashMap, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FlagStatus {
    Open,
    Confirmed,
    Dismissed,
}

impl FlagStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FlagStatus::Open => "open",
            FlagStatus::Confirmed => "confirmed",
            FlagStatus::Dismissed => "dismissed",
        }
    }

    fn parse(s: &str) -> FlagStatus {
        match s {
            "confirmed" => FlagStatus::Confirmed,
            "dismissed" => FlagStatus::Dismissed,
            _ => FlagStatus::Open,
        }
    }
}

/// A stored flag with the pair it belongs to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FlagRow {
    pub id: i64,
    pub pair_id: i64,
    #[serde(flatten)]
    pub flag: Flag,
    pub status: FlagStatus,
    pub note: Option<String>,
}

/// Which flags to list.
#[derive(Debug, Clone, Default)]
pub struct FlagFilter {
    pub pair: Option<i64>,
    pub kind: Option<String>,
    pub severity: Option<String>,
    pub include_dismissed: bool,
}

/// What identifies a flag across re-alignment: kind, side, sentence and span.
type FlagKey = (
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

impl Tx<'_> {
    /// Stores the flags alignment found for a pair, in the detectors' order. A flag whose kind,
    /// sentence and span are those of a stored flag of the pair is that flag: it keeps its id,
    /// and a reviewed one (confirmed or dismissed) its status and note. The other stored flags
    /// are deleted; new ones get new ids (ids are never used again).
    pub fn store_flags(
        &self,
        pair_id: i64,
        flags: &[Flag],
        src_ids: &[i64],
        tgt_ids: &[i64],
    ) -> Result<()> {
        // Stored flags by key, in id order: two flags with one key are matched in turn.
        let mut stored: HashMap<FlagKey, VecDeque<i64>> = HashMap::new();
        {
            let mut st = self.conn().prepare_cached(
                "SELECT id, kind, side, sentence_id, span_start, span_end FROM flags
                 WHERE pair_id = ?1 ORDER BY id",
            )?;
            let rows = st.query_map([pair_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                ))
            })?;
            for row in rows {
                let (id, key) = row?;
                stored.entry(key).or_default().push_back(id);
            }
        }
        let mut update = self.conn().prepare_cached(
            "UPDATE flags SET subkind = ?2, severity = ?3, span_text = ?4, src_idx = ?5,
                              tgt_idx = ?6, reason = ?7, position = ?8
             WHERE id = ?1",
        )?;
        let mut ins = self.conn().prepare_cached(
            "INSERT INTO flags (pair_id, kind, subkind, severity, side, sentence_id, span_start, span_end,
                                span_text, src_idx, tgt_idx, reason, status, note, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'open', NULL, ?13)",
        )?;
        for (pos, f) in flags.iter().enumerate() {
            let (side, idx) = f.anchor();
            let sid = match side {
                Side::Src => src_ids.get(idx),
                Side::Tgt => tgt_ids.get(idx),
            }
            .copied();
            let (s0, s1, stext) = match &f.span {
                Some(s) => (
                    Some(s.start as i64),
                    Some(s.end as i64),
                    Some(s.text.clone()),
                ),
                None => (None, None, None),
            };
            let key: FlagKey = (
                f.kind.as_str().to_string(),
                Some(side.as_str().to_string()),
                sid,
                s0,
                s1,
            );
            let src = serde_json::to_string(&f.src)?;
            let tgt = serde_json::to_string(&f.tgt)?;
            match stored.get_mut(&key).and_then(|ids| ids.pop_front()) {
                Some(id) => {
                    update.execute(params![
                        id,
                        f.subkind,
                        f.severity.as_str(),
                        stext,
                        src,
                        tgt,
                        f.reason,
                        pos as i64,
                    ])?;
                }
                None => {
                    ins.execute(params![
                        pair_id,
                        f.kind.as_str(),
                        f.subkind,
                        f.severity.as_str(),
                        side.as_str(),
                        sid,
                        s0,
                        s1,
                        stext,
                        src,
                        tgt,
                        f.reason,
                        pos as i64,
                    ])?;
                }
            }
        }
        let mut delete = self
            .conn()
            .prepare_cached("DELETE FROM flags WHERE id = ?1")?;
        for id in stored.into_values().flatten() {
            delete.execute([id])?;
        }
        Ok(())
    }

    /// Flags across the workspace.
    pub fn flags(&self, filter: &FlagFilter) -> Result<Vec<FlagRow>> {
        let mut sql = String::from(
            "SELECT f.id, f.pair_id, f.kind, f.subkind, f.severity, f.side, s.idx, f.span_start, f.span_end,
                    f.span_text, f.src_idx, f.tgt_idx, f.reason, f.status, f.note
             FROM flags f LEFT JOIN sentences s ON s.id = f.sentence_id WHERE 1 = 1",
        );
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(p) = filter.pair {
            sql.push_str(" AND f.pair_id = ?");
            args.push(Box::new(p));
        }
        if let Some(k) = &filter.kind {
            sql.push_str(" AND f.kind = ?");
            args.push(Box::new(k.clone()));
        }
        if let Some(s) = &filter.severity {
            sql.push_str(" AND f.severity = ?");
            args.push(Box::new(s.clone()));
        }
        if !filter.include_dismissed {
            sql.push_str(" AND f.status != 'dismissed'");
        }
        sql.push_str(" ORDER BY f.pair_id, f.position, f.id");
        let mut st = self.conn().prepare(&sql)?;
        let rows = st
            .query_map(
                rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())),
                |r| {
                    let kind: String = r.get(2)?;
                    let severity: String = r.get(4)?;
                    let side: Option<String> = r.get(5)?;
                    let idx: Option<i64> = r.get(6)?;
                    let s0: Option<i64> = r.get(7)?;
                    let s1: Option<i64> = r.get(8)?;
                    let stext: Option<String> = r.get(9)?;
                    let src: String = r.get(10)?;
                    let tgt: String = r.get(11)?;
                    let side = if side.as_deref() == Some("src") {
                        Side::Src
                    } else {
                        Side::Tgt
                    };
                    let span = match (idx, s0, s1, stext) {
                        (Some(i), Some(a), Some(b), Some(t)) => Some(crate::flag::Span {
                            side,
                            sentence: i as usize,
                            start: a as usize,
                            end: b as usize,
                            text: t,
                        }),
                        _ => None,
                    };
                    Ok(FlagRow {
                        id: r.get(0)?,
                        pair_id: r.get(1)?,
                        flag: Flag {
                            kind: crate::flag::FlagKind::parse(&kind)
                                .unwrap_or(crate::flag::FlagKind::Insertion),
                            subkind: r.get(3)?,
                            severity: crate::flag::Severity::parse(&severity)
                                .unwrap_or(crate::flag::Severity::Low),
                            src: serde_json::from_str(&src).unwrap_or_default(),
                            tgt: serde_json::from_str(&tgt).unwrap_or_default(),
                            span,
                            reason: r.get(12)?,
                        },
                        status: FlagStatus::parse(&r.get::<_, String>(13)?),
                        note: r.get(14)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Sets a flag's review status and note; returns its pair and previous status.
    pub fn set_flag_status(
        &self,
        id: i64,
        status: FlagStatus,
        note: Option<&str>,
    ) -> Result<(i64, String)> {
        let row: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT pair_id, status FROM flags WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (pair, old) = row.ok_or(Error::UnknownId {
            what: "flag",
            id: id.to_string(),
        })?;
        self.conn().execute(
            "UPDATE flags SET status = ?2, note = coalesce(?3, note) WHERE id = ?1",
            params![id, status.as_str(), note],
        )?;
        Ok((pair, old))
    }
}
