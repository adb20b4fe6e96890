//! Queries of automatic pairing: the inverted index read back, articles still without a source,
//! lead sentences of candidates.

use super::Tx;
use crate::error::Result;
use crate::text::Lang;

/// What pairing needs to know about a document.
#[derive(Debug, Clone)]
pub struct PairingDocument {
    pub id: i64,
    pub lang: Lang,
    pub date: Option<String>,
    pub title: Option<String>,
    pub origin: Option<String>,
}

impl Tx<'_> {
    /// Every document, by id.
    pub fn pairing_documents(&self) -> Result<Vec<PairingDocument>> {
        let mut st = self
            .conn()
            .prepare("SELECT id, lang, date, title, origin FROM documents ORDER BY id")?;
        let rows = st
            .query_map([], |r| {
                let lang: String = r.get(1)?;
                Ok(PairingDocument {
                    id: r.get(0)?,
                    // The schema allows only 'en' and 'ar'.
                    lang: if lang == "ar" { Lang::Ar } else { Lang::En },
                    date: r.get(2)?,
                    title: r.get(3)?,
                    origin: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Arabic documents that no pair names as its article yet.
    pub fn unpaired_articles(&self) -> Result<Vec<i64>> {
        let mut st = self.conn().prepare(
            "SELECT id FROM documents WHERE lang = 'ar'
             AND id NOT IN (SELECT article_id FROM pairs) ORDER BY id",
        )?;
        let rows = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(rows)
    }

    /// Calls `f(term, document, weight)` for every evidence row of the index, in term order.
    /// The term is borrowed: most rows repeat the previous row's term.
    pub fn for_each_index_row(&self, mut f: impl FnMut(&str, i64, f32)) -> Result<()> {
        let mut st = self.conn().prepare(
            "SELECT term, document_id, weight FROM doc_index ORDER BY term, document_id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let term = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if term.starts_with('#') {
                continue;
            }
            f(term, r.get(1)?, r.get::<_, f64>(2)? as f32);
        }
        Ok(())
    }

    /// The texts of the first `n` sentences of a document.
    pub fn lead_sentences(&self, document_id: i64, n: usize) -> Result<Vec<String>> {
        let mut st = self.conn().prepare_cached(
            "SELECT text FROM sentences WHERE document_id = ?1 ORDER BY idx LIMIT ?2",
        )?;
        let rows = st
            .query_map(rusqlite::params![document_id, n as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    }
}
