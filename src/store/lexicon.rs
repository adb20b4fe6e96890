//! Imported lexicon entries (FreeDict, Buckwalter, TSV), kept in the workspace.

use super::Tx;
use crate::anchors::lexicon::Lexicon;
use crate::error::Result;
use rusqlite::params;

impl Tx<'_> {
    /// Stores entries under an origin name, replacing an earlier import of the same origin.
    pub fn import_lexicon(&self, origin: &str, entries: &[(String, String)]) -> Result<usize> {
        self.conn()
            .execute("DELETE FROM lexicon_entries WHERE origin = ?1", [origin])?;
        let mut st = self
            .conn()
            .prepare_cached("INSERT INTO lexicon_entries (origin, en, ar) VALUES (?1, ?2, ?3)")?;
        for (en, ar) in entries {
            st.execute(params![origin, en, ar])?;
        }
        Ok(entries.len())
    }

    /// Removes the entries stored under `origin`; returns how many there were.
    pub fn remove_lexicon(&self, origin: &str) -> Result<usize> {
        Ok(self
            .conn()
            .execute("DELETE FROM lexicon_entries WHERE origin = ?1", [origin])?)
    }

    /// Origins of imported lexicons with their entry counts.
    pub fn lexicons(&self) -> Result<Vec<(String, i64)>> {
        let mut st = self.conn().prepare(
            "SELECT origin, count(*) FROM lexicon_entries GROUP BY origin ORDER BY origin",
        )?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The built-in glossary plus every imported entry.
    pub fn lexicon(&self) -> Result<Lexicon> {
        let mut lex = Lexicon::builtin().clone();
        let mut st = self
            .conn()
            .prepare("SELECT en, ar FROM lexicon_entries ORDER BY id")?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        lex.add_pairs(rows);
        Ok(lex)
    }
}
