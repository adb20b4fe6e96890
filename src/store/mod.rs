//! The workspace: one SQLite file. This is the only module that speaks SQL.
//!
//! Foreign keys are on, the journal is WAL, and every command's writes happen in one transaction
//! ([`Workspace::write`]): a command that fails leaves the file exactly as it was.

mod analysis;
mod beads;
pub mod bitext;
mod documents;
mod flags;
mod index;
mod lexicon;
mod moves;
pub mod pairing;
mod pairs;
mod review;
pub mod schema;
pub mod search;

pub use beads::{BeadRow, Decision, Status};
pub use documents::{DocumentRow, NewDocument, SentenceRow};
pub use flags::{FlagFilter, FlagRow, FlagStatus};
pub use moves::MoveRow;
pub use pairs::PairRow;
pub use review::BeadSnap;

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// An open workspace.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
}

/// A write transaction; committed only by [`Workspace::write`] when the closure succeeds.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Current time as an ISO-8601 UTC string.
pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Workspace {
    /// Creates a new workspace (or opens an existing one: creating is idempotent). Returns whether
    /// it was newly created.
    pub fn create(path: &Path) -> Result<(Workspace, bool)> {
        let existed = path.exists();
        if existed {
            return Ok((Self::open(path)?, false));
        }
        let conn = Connection::open(path)?;
        let mut ws = Workspace {
            conn,
            path: path.into(),
        };
        ws.configure()?;
        ws.migrate()?;
        Ok((ws, true))
    }

    /// Opens an existing workspace, migrating it to the current schema.
    pub fn open(path: &Path) -> Result<Workspace> {
        if !path.exists() {
            return Err(Error::NoWorkspace(path.into()));
        }
        Self::check_header(path)?;
        Self::probe(path)?;
        let conn = Connection::open(path)?;
        let mut ws = Workspace {
            conn,
            path: path.into(),
        };
        ws.configure()
            .map_err(|_| Error::NotAWorkspace(path.into()))?;
        ws.migrate()?;
        Ok(ws)
    }

    /// Looks before touching: a foreign or newer database is refused before any pragma that
    /// writes (the journal mode) runs, so the file stays exactly as it was.
    fn probe(path: &Path) -> Result<()> {
        let not_ours = |_| Error::NotAWorkspace(path.into());
        let probe = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(not_ours)?;
        let version: i64 = probe
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_ours)?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::NewerSchema {
                path: path.into(),
                found: version,
                known,
            });
        }
        let tables: i64 = probe
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(not_ours)?;
        if version == 0 && tables > 0 {
            return Err(Error::ForeignDatabase(path.into()));
        }
        Ok(())
    }

    /// A non-SQLite file is refused before SQLite touches it.
    fn check_header(path: &Path) -> Result<()> {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut head = [0u8; 16];
        let n = f.read(&mut head).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Err(Error::NotAWorkspace(path.into()));
        }
        if n < 16 || &head != SQLITE_MAGIC {
            return Err(Error::NotAWorkspace(path.into()));
        }
        Ok(())
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        let _ = mode;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::NewerSchema {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        if version == known {
            return Ok(());
        }
        // A workspace file must hold only our tables: refuse foreign databases.
        if version == 0 {
            let tables: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if tables > 0 {
                return Err(Error::ForeignDatabase(self.path.clone()));
            }
        }
        let tx = self.conn.transaction()?;
        for (k, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (k + 1) as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction; commits only if it succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let t = Tx { tx };
        let out = f(&t)?;
        t.tx.commit()?;
        Ok(out)
    }

    /// Read-only access through the same query functions.
    pub fn read<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let t = Tx { tx };
        let out = f(&t)?;
        t.tx.rollback()?;
        Ok(out)
    }

    /// `PRAGMA integrity_check` result ("ok" when sound).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

impl Tx<'_> {
    fn conn(&self) -> &Connection {
        &self.tx
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn creates_and_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        let (ws, created) = Workspace::create(&p).unwrap();
        assert!(created);
        let v: i64 = ws
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::MIGRATIONS.len() as i64);
        let fk: i64 = ws
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(ws);
        let (_, created) = Workspace::create(&p).unwrap();
        assert!(!created);
    }

    fn sentences(texts: &[&str]) -> Vec<crate::segment::Sentence> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| crate::segment::Sentence {
                text: t.to_string(),
                paragraph: k,
                start: 0,
                end: 0,
            })
            .collect()
    }

    fn document<'a>(raw: &'a str, sents: &'a [crate::segment::Sentence]) -> NewDocument<'a> {
        NewDocument {
            lang: Lang::Ar,
            title: None,
            date: None,
            url: None,
            outlet: None,
            origin: "test",
            raw_text: raw,
            sentences: sents,
        }
    }

    /// Sentences whose normalised text matches `word` in the full-text index, and whether the
    /// index agrees with its content table.
    fn fts(ws: &Workspace, word: &str) -> (i64, bool) {
        let hits = ws
            .conn
            .query_row(
                "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ?1",
                [word],
                |r| r.get(0),
            )
            .unwrap();
        let ok = ws
            .conn
            .execute(
                "INSERT INTO sentence_fts(sentence_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .is_ok();
        (hits, ok)
    }

    #[test]
    fn the_full_text_index_follows_new_and_resegmented_sentences_across_the_migration() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        // A workspace of schema 4, where a trigger indexed each inserted sentence.
        {
            let mut c = Connection::open(&p).unwrap();
            let tx = c.transaction().unwrap();
            for (k, sql) in schema::MIGRATIONS.iter().enumerate().take(4) {
                tx.execute_batch(sql).unwrap();
                tx.pragma_update(None, "user_version", (k + 1) as i64)
                    .unwrap();
            }
            tx.commit().unwrap();
            c.execute(
                "INSERT INTO documents (id, lang, content_hash, raw_text, added_at)
                 VALUES (1, 'ar', 'h1', 'old', 'now')",
                [],
            )
            .unwrap();
            c.execute(
                "INSERT INTO sentences (document_id, idx, paragraph, start_char, end_char, text, norm)
                 VALUES (1, 0, 0, 0, 3, 'قوات', 'قوات')",
                [],
            )
            .unwrap();
        }
        let mut ws = Workspace::open(&p).unwrap();
        assert_eq!(fts(&ws, "قوات"), (1, true));
        let first = sentences(&["وصلت قوات الأمن", "عاد الوفد"]);
        let id = ws
            .write(|tx| Ok(tx.add_document(&document("raw one", &first))?.0))
            .unwrap();
        assert_eq!(fts(&ws, "قوات"), (2, true));
        assert_eq!(fts(&ws, "الوفد"), (1, true));
        // Re-segmenting replaces the document's sentences in the index too.
        let second = sentences(&["وصلت قوات الأمن وعاد الوفد"]);
        ws.write(|tx| tx.store_sentences(id, Lang::Ar, &second))
            .unwrap();
        assert_eq!(fts(&ws, "قوات"), (2, true));
        assert_eq!(fts(&ws, "وعاد"), (1, true));
        assert_eq!(fts(&ws, "عاد"), (0, true));
    }

    #[test]
    fn refuses_non_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        std::fs::write(&p, "not a database at all, just text").unwrap();
        assert!(matches!(Workspace::open(&p), Err(Error::NotAWorkspace(_))));
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_577), (2023, 8, 8));
    }
}
