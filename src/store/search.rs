//! Full-text search over the normalised sentences (FTS5 table `sentence_fts`, migration 3) and
//! the sentences aligned with a hit.

use super::Tx;
use crate::error::Result;
use crate::text::Lang;
use rusqlite::params;

/// A sentence that contains the searched phrase.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub sentence_id: i64,
    pub document_id: i64,
    pub lang: String,
    pub title: Option<String>,
    pub origin: Option<String>,
    /// 0-based index of the sentence in its document.
    pub idx: usize,
    pub text: String,
}

/// The other side of the bead that holds a hit, in one pair.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Aligned {
    pub pair_id: i64,
    pub bead_id: i64,
    pub status: String,
    pub score: f64,
    /// (index, text) of the aligned sentences; empty when the hit is an insertion or omission.
    pub sentences: Vec<(usize, String)>,
}

/// An FTS5 phrase query: the words in double quotes (quotes inside doubled), so that no word is
/// read as query syntax (AND, NEAR, column filters…).
fn phrase(words: &[String]) -> String {
    format!("\"{}\"", words.join(" ").replace('"', "\"\""))
}

impl Tx<'_> {
    /// Sentences whose normalised text contains `words` in this order, in documents of `lang`
    /// (any when `None`) and of `pair` (any when `None`); document order, at most `limit`.
    /// `words` must be normalised the way `sentences.norm` is (`crate::text::normalize`).
    pub fn search_phrase(
        &self,
        words: &[String],
        lang: Option<Lang>,
        pair: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let mut st = self.conn().prepare_cached(
            "SELECT s.id, s.document_id, d.lang, d.title, d.origin, s.idx, s.text
             FROM sentence_fts f
             JOIN sentences s ON s.id = f.rowid
             JOIN documents d ON d.id = s.document_id
             WHERE sentence_fts MATCH ?1
               AND (?2 IS NULL OR d.lang = ?2)
               AND (?3 IS NULL OR s.document_id IN (
                     SELECT article_id FROM pairs WHERE id = ?3
                     UNION ALL SELECT source_id FROM pairs WHERE id = ?3))
             ORDER BY s.document_id, s.idx
             LIMIT ?4",
        )?;
        let rows = st
            .query_map(
                params![
                    phrase(words),
                    lang.map(|l| l.code()),
                    pair,
                    i64::try_from(limit).unwrap_or(i64::MAX)
                ],
                |r| {
                    Ok(Hit {
                        sentence_id: r.get(0)?,
                        document_id: r.get(1)?,
                        lang: r.get(2)?,
                        title: r.get(3)?,
                        origin: r.get(4)?,
                        idx: r.get::<_, i64>(5)? as usize,
                        text: r.get(6)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// For each pair the sentence's document belongs to, the bead holding the sentence and that
    /// bead's sentences on the other side.
    pub fn aligned_with(&self, sentence_id: i64, document_id: i64) -> Result<Vec<Aligned>> {
        // CROSS JOIN fixes the join order: pairs of the document, their beads (index on
        // pair_id), then bead_sentences by bead (its primary key). bead_sentences has no index
        // on sentence_id, and any other order would scan it.
        let mut st = self.conn().prepare_cached(
            "SELECT b.pair_id, b.id, b.status, b.score, o.idx, o.text
             FROM pairs p
             CROSS JOIN beads b
             CROSS JOIN bead_sentences me
             LEFT JOIN bead_sentences ob ON ob.bead_id = b.id AND ob.side != me.side
             LEFT JOIN sentences o ON o.id = ob.sentence_id
             WHERE (p.article_id = ?2 OR p.source_id = ?2)
               AND b.pair_id = p.id
               AND me.bead_id = b.id AND me.sentence_id = ?1
             ORDER BY b.pair_id, o.idx",
        )?;
        let rows = st
            .query_map(params![sentence_id, document_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, f64>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out: Vec<Aligned> = Vec::new();
        for (pair_id, bead_id, status, score, idx, text) in rows {
            if out.last().map(|a| a.bead_id) != Some(bead_id) {
                out.push(Aligned {
                    pair_id,
                    bead_id,
                    status,
                    score,
                    sentences: Vec::new(),
                });
            }
            if let (Some(a), Some(i), Some(t)) = (out.last_mut(), idx, text) {
                a.sentences.push((i as usize, t));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_quoted() {
        assert_eq!(phrase(&["a".into(), "b\"c".into()]), "\"a b\"\"c\"");
    }
}
