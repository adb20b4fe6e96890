//! Pre-aligned bitexts (TMX, Moses, TSV) stored as pairs: an English and an Arabic document whose
//! sentences are the units, and one confirmed bead per unit. `tarjama align` keeps confirmed beads
//! fixed, so aligning an imported pair only runs the flag detectors over it.

use super::{NewDocument, Status, Tx};
use crate::align::Bead;
use crate::error::{Error, Result};
use crate::ingest::bitext::Bitext;
use crate::segment::Sentence;
use crate::text::Lang;

/// Document metadata given on the command line, applied to both sides.
#[derive(Debug, Clone, Copy, Default)]
pub struct BitextMeta<'a> {
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub pair_id: i64,
    pub source_id: i64,
    pub article_id: i64,
    pub beads: usize,
    /// False when the same bitext was imported before: nothing was changed.
    pub new: bool,
}

/// Imported pairs are marked as such in `pairs.method`.
pub const METHOD: &str = "import";

impl Tx<'_> {
    /// Stores a bitext as a pair with confirmed 1-1 beads (1-0 / 0-1 for units with one side).
    /// Importing the same bitext again changes nothing and reports the existing pair.
    pub fn add_bitext(&self, b: &Bitext, meta: &BitextMeta) -> Result<Imported> {
        self.add_bitext_reporting(b, meta, &|| {})
    }

    /// [`Tx::add_bitext`], calling `step` as [`Tx::add_document_reporting`] does for the
    /// documents of both sides.
    pub fn add_bitext_reporting(
        &self,
        b: &Bitext,
        meta: &BitextMeta,
        step: &dyn Fn(),
    ) -> Result<Imported> {
        let origin = b.origin.display().to_string();
        let side = |lang: Lang| -> Result<(i64, Vec<i64>)> {
            let (raw, sentences) = b.side(lang);
            if sentences.is_empty() {
                return Err(Error::Parse {
                    path: b.origin.clone(),
                    message: format!("no {} text in any unit", lang.name()),
                });
            }
            let doc_origin = format!("{origin}#{}", lang.code());
            let (id, new) = self.add_document_reporting(
                &NewDocument {
                    lang,
                    title: meta.title,
                    date: meta.date,
                    url: meta.url,
                    outlet: meta.outlet,
                    origin: &doc_origin,
                    raw_text: &raw,
                    sentences: &sentences,
                },
                step,
            )?;
            let ids = self.sentence_ids_matching(id, new, &sentences, lang, &origin)?;
            Ok((id, ids))
        };
        let (source_id, src_ids) = side(Lang::En)?;
        let (article_id, tgt_ids) = side(Lang::Ar)?;
        let (pair_id, new) = self.add_pair(article_id, source_id, METHOD, Some(1.0))?;
        if !new {
            return Ok(Imported {
                pair_id,
                source_id,
                article_id,
                beads: self.beads(pair_id)?.len(),
                new: false,
            });
        }
        let (mut i, mut j) = (0usize, 0usize);
        let mut beads = Vec::with_capacity(b.units.len());
        for u in &b.units {
            let src = if u.en.is_empty() {
                vec![]
            } else {
                i += 1;
                vec![i - 1]
            };
            let tgt = if u.ar.is_empty() {
                vec![]
            } else {
                j += 1;
                vec![j - 1]
            };
            // Score 1: what re-alignment gives a confirmed bead, so export → import → export
            // round-trips the scores too.
            beads.push((
                Bead {
                    src,
                    tgt,
                    score: 1.0,
                },
                Status::Confirmed,
            ));
        }
        self.store_beads(pair_id, &beads, &src_ids, &tgt_ids)?;
        Ok(Imported {
            pair_id,
            source_id,
            article_id,
            beads: beads.len(),
            new: true,
        })
    }

    /// Sentence ids of a document that should hold exactly `expected`. A document stored before
    /// with the same text (the content hash ignores spacing) may have been segmented by `add`
    /// differently from the units; its beads could not point at the units, so that is refused.
    fn sentence_ids_matching(
        &self,
        document_id: i64,
        new: bool,
        expected: &[Sentence],
        lang: Lang,
        origin: &str,
    ) -> Result<Vec<i64>> {
        let rows = self.sentences(document_id)?;
        let same = rows.len() == expected.len()
            && rows.iter().zip(expected).all(|(r, s)| r.text == s.text);
        if !new && !same {
            return Err(Error::Invalid(format!(
                "{origin}: its {} side is already stored as document {document_id}, split into \
                 sentences differently ({} sentences, not one per unit); import it into another \
                 workspace",
                lang.name(),
                rows.len()
            )));
        }
        Ok(rows.iter().map(|r| r.id).collect())
    }
}
