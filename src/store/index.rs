//! Inverted index of documents over anchor terms (numbers, dates, names, acronyms, lexicon
//! concepts), updated on `add`; automatic pairing retrieves candidates from it. The store keeps
//! the rows; the terms and their weights are found above it, in [`crate::pair::index`], and
//! handed in as data.

use super::Tx;
use crate::error::Result;
use crate::text::Lang;
use rusqlite::params;

/// Marks a document as indexed by this version of the term extraction. Documents without it
/// (added before automatic pairing existed, indexed by an older rule set, or stored without
/// their terms) are indexed again before pairing; bump the number whenever the terms of
/// `crate::pair::index` change.
pub const VERSION_TERM: &str = "#v2";

impl Tx<'_> {
    /// Stores the index terms of a document (replacing any earlier rows of it) and its version
    /// row, which also marks a document with no evidence at all as indexed (`sentences` is its
    /// number of sentences).
    pub fn store_index_terms(
        &self,
        id: i64,
        terms: &[(String, f32)],
        sentences: usize,
    ) -> Result<()> {
        self.conn()
            .execute("DELETE FROM doc_index WHERE document_id = ?1", [id])?;
        let mut st = self.conn().prepare_cached(
            "INSERT INTO doc_index (term, document_id, weight) VALUES (?1, ?2, ?3)",
        )?;
        for (term, weight) in terms {
            st.execute(params![term, id, f64::from(*weight)])?;
        }
        st.execute(params![VERSION_TERM, id, sentences as f64])?;
        Ok(())
    }

    /// What indexing a stored document needs besides its sentences: its language and its `date`
    /// metadata.
    pub fn index_metadata(&self, id: i64) -> Result<(Lang, Option<String>)> {
        Ok(self.conn().query_row(
            "SELECT lang, date FROM documents WHERE id = ?1",
            [id],
            |r| {
                let lang: String = r.get(0)?;
                // The schema allows only 'en' and 'ar'.
                let lang = if lang == "ar" { Lang::Ar } else { Lang::En };
                Ok((lang, r.get(1)?))
            },
        )?)
    }

    /// Documents the current term extraction has not indexed, by id.
    pub fn unindexed_documents(&self) -> Result<Vec<i64>> {
        let mut st = self.conn().prepare(
            "SELECT id FROM documents WHERE id NOT IN
             (SELECT document_id FROM doc_index WHERE term = ?1) ORDER BY id",
        )?;
        let rows = st
            .query_map([VERSION_TERM], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(rows)
    }
}
