//! Documents and their sentences.

use super::{now, Tx};
use crate::error::{Error, Result};
use crate::segment::Sentence;
use crate::text::Lang;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

/// A document about to be stored.
pub struct NewDocument<'a> {
    pub lang: Lang,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub origin: &'a str,
    pub raw_text: &'a str,
    pub sentences: &'a [Sentence],
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct DocumentRow {
    pub id: i64,
    pub lang: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub origin: Option<String>,
    pub content_hash: String,
    pub added_at: String,
    pub sentences: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SentenceRow {
    pub id: i64,
    pub idx: usize,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub norm: String,
}

impl SentenceRow {
    pub fn to_sentence(&self) -> Sentence {
        Sentence {
            text: self.text.clone(),
            paragraph: self.paragraph,
            start: self.start,
            end: self.end,
        }
    }
}

/// Content hash: SHA-256 of the text with whitespace runs collapsed, so the same article saved
/// with other line endings or spacing is recognised.
pub fn content_hash(text: &str) -> String {
    let canon = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let digest = Sha256::digest(canon.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

const DOC_COLS: &str =
    "d.id, d.lang, d.title, d.date, d.url, d.outlet, d.origin, d.content_hash, d.added_at, \
     (SELECT count(*) FROM sentences s WHERE s.document_id = d.id)";

fn doc_row(r: &rusqlite::Row) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        lang: r.get(1)?,
        title: r.get(2)?,
        date: r.get(3)?,
        url: r.get(4)?,
        outlet: r.get(5)?,
        origin: r.get(6)?,
        content_hash: r.get(7)?,
        added_at: r.get(8)?,
        sentences: r.get(9)?,
    })
}

impl Tx<'_> {
    /// Stores a document with its sentences. Returns its id and whether it was new; the same
    /// content stored before returns the existing id. Its pairing-index terms are not found
    /// here (they are the pairing module's, above the store): `crate::pair::index::add_document`
    /// stores and indexes, and a document stored without them is indexed before pairing.
    pub fn add_document(&self, d: &NewDocument) -> Result<(i64, bool)> {
        self.add_document_reporting(d, &|| {})
    }

    /// [`Tx::add_document`], calling `step` once per sentence of a new document as it is stored
    /// (`crate::pair::index::add_document` calls it once more per sentence as it indexes it).
    pub fn add_document_reporting(&self, d: &NewDocument, step: &dyn Fn()) -> Result<(i64, bool)> {
        let hash = content_hash(d.raw_text);
        if let Some(id) = self
            .conn()
            .query_row(
                "SELECT id FROM documents WHERE content_hash = ?1",
                [&hash],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        {
            return Ok((id, false));
        }
        self.conn().execute(
            "INSERT INTO documents (lang, title, date, url, outlet, origin, content_hash, raw_text, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                d.lang.code(),
                d.title,
                d.date,
                d.url,
                d.outlet,
                d.origin,
                hash,
                d.raw_text,
                now()
            ],
        )?;
        let id = self.conn().last_insert_rowid();
        self.store_sentences_reporting(id, d.lang, d.sentences, step)?;
        Ok((id, true))
    }

    /// Replaces the sentences of a document (used when segmentation changes).
    pub fn store_sentences(
        &self,
        document_id: i64,
        lang: Lang,
        sentences: &[Sentence],
    ) -> Result<()> {
        self.store_sentences_reporting(document_id, lang, sentences, &|| {})
    }

    /// [`Tx::store_sentences`], calling `step` after each sentence.
    fn store_sentences_reporting(
        &self,
        document_id: i64,
        lang: Lang,
        sentences: &[Sentence],
        step: &dyn Fn(),
    ) -> Result<()> {
        self.conn().execute(
            "DELETE FROM sentences WHERE document_id = ?1",
            [document_id],
        )?;
        let mut st = self.conn().prepare_cached(
            "INSERT INTO sentences (document_id, idx, paragraph, start_char, end_char, text, norm)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (k, s) in sentences.iter().enumerate() {
            st.execute(params![
                document_id,
                k as i64,
                s.paragraph as i64,
                s.start as i64,
                s.end as i64,
                s.text,
                crate::text::normalize(&s.text, lang)
            ])?;
            step();
        }
        // The full-text index, in one statement (see schema migration 5).
        self.conn().execute(
            "INSERT INTO sentence_fts(rowid, norm)
             SELECT id, norm FROM sentences WHERE document_id = ?1",
            [document_id],
        )?;
        Ok(())
    }

    pub fn document(&self, id: i64) -> Result<DocumentRow> {
        self.conn()
            .query_row(
                &format!("SELECT {DOC_COLS} FROM documents d WHERE d.id = ?1"),
                [id],
                doc_row,
            )
            .optional()?
            .ok_or(Error::UnknownId {
                what: "document",
                id: id.to_string(),
            })
    }

    pub fn documents(&self) -> Result<Vec<DocumentRow>> {
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {DOC_COLS} FROM documents d ORDER BY d.id"))?;
        let rows = st
            .query_map([], doc_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn raw_text(&self, id: i64) -> Result<String> {
        Ok(self
            .conn()
            .query_row("SELECT raw_text FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })?)
    }

    pub fn sentences(&self, document_id: i64) -> Result<Vec<SentenceRow>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, idx, paragraph, start_char, end_char, text, norm FROM sentences
             WHERE document_id = ?1 ORDER BY idx",
        )?;
        let rows = st
            .query_map([document_id], |r| {
                Ok(SentenceRow {
                    id: r.get(0)?,
                    idx: r.get::<_, i64>(1)? as usize,
                    paragraph: r.get::<_, i64>(2)? as usize,
                    start: r.get::<_, i64>(3)? as usize,
                    end: r.get::<_, i64>(4)? as usize,
                    text: r.get(5)?,
                    norm: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_spacing() {
        assert_eq!(content_hash("a  b\r\nc"), content_hash("a b c"));
        assert_ne!(content_hash("a b"), content_hash("a c"));
    }
}
