//! Stored flags and their review status.

use super::Tx;
use crate::error::{Error, Result};
use crate::flag::{Flag, Side};
use rusqlite::{params, OptionalExtension};

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

/// A reviewed flag remembered across re-alignment.
struct Reviewed {
    kind: String,
    side: Option<String>,
    sentence: Option<i64>,
    start: Option<i64>,
    end: Option<i64>,
    status: String,
    note: Option<String>,
}

impl Tx<'_> {
    /// Replaces the open flags of a pair. A reviewed flag (confirmed or dismissed) whose kind,
    /// sentence and span are found again keeps its status and note.
    pub fn store_flags(
        &self,
        pair_id: i64,
        flags: &[Flag],
        src_ids: &[i64],
        tgt_ids: &[i64],
    ) -> Result<()> {
        let reviewed: Vec<Reviewed> = {
            let mut st = self.conn().prepare(
                "SELECT kind, side, sentence_id, span_start, span_end, status, note FROM flags
                 WHERE pair_id = ?1 AND status != 'open'",
            )?;
            let rows = st
                .query_map([pair_id], |r| {
                    Ok(Reviewed {
                        kind: r.get(0)?,
                        side: r.get(1)?,
                        sentence: r.get(2)?,
                        start: r.get(3)?,
                        end: r.get(4)?,
                        status: r.get(5)?,
                        note: r.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        self.conn()
            .execute("DELETE FROM flags WHERE pair_id = ?1", [pair_id])?;
        let mut ins = self.conn().prepare_cached(
            "INSERT INTO flags (pair_id, kind, subkind, severity, side, sentence_id, span_start, span_end,
                                span_text, src_idx, tgt_idx, reason, status, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        for f in flags {
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
            let prior = reviewed.iter().find(|r| {
                r.kind == f.kind.as_str()
                    && r.side.as_deref() == Some(side.as_str())
                    && r.sentence == sid
                    && r.start == s0
                    && r.end == s1
            });
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
                serde_json::to_string(&f.src)?,
                serde_json::to_string(&f.tgt)?,
                f.reason,
                prior.map(|p| p.status.as_str()).unwrap_or("open"),
                prior.and_then(|p| p.note.clone()),
            ])?;
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
        sql.push_str(" ORDER BY f.pair_id, f.id");
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
