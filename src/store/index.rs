//! Inverted index of documents over anchor terms (numbers, dates, names, acronyms, lexicon
//! concepts), updated on `add`; automatic pairing retrieves candidates from it. The terms and
//! their weights are defined in [`crate::pair::index`].

use super::Tx;
use crate::anchors::lexicon::Lexicon;
use crate::error::Result;
use crate::pair::index::{document_terms_reporting, VERSION_TERM};
use crate::segment::Sentence;
use crate::text::Lang;
use rusqlite::params;

impl Tx<'_> {
    /// Indexes a document (replacing any earlier rows of it). Its `date` metadata, if any, is read
    /// from the stored row: it gives the year of dates the text names without one.
    pub fn index_document(&self, id: i64, lang: Lang, sentences: &[Sentence]) -> Result<()> {
        self.index_document_reporting(id, lang, sentences, &|| {})
    }

    /// [`Tx::index_document`], calling `step` after each sentence's terms are found.
    pub(crate) fn index_document_reporting(
        &self,
        id: i64,
        lang: Lang,
        sentences: &[Sentence],
        step: &dyn Fn(),
    ) -> Result<()> {
        let date: Option<String> =
            self.conn()
                .query_row("SELECT date FROM documents WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        let terms =
            document_terms_reporting(lang, sentences, date.as_deref(), Lexicon::builtin(), step);
        self.conn()
            .execute("DELETE FROM doc_index WHERE document_id = ?1", [id])?;
        let mut st = self.conn().prepare_cached(
            "INSERT INTO doc_index (term, document_id, weight) VALUES (?1, ?2, ?3)",
        )?;
        for (term, weight) in &terms {
            st.execute(params![term, id, f64::from(*weight)])?;
        }
        // The version row also marks a document with no evidence at all as indexed.
        st.execute(params![VERSION_TERM, id, sentences.len() as f64])?;
        Ok(())
    }
}
