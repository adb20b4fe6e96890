//! What a document contributes to the inverted index (`doc_index`): language-neutral terms with a
//! weight that grows with the number of sentences naming them.
//!
//! | prefix | term | example |
//! |---|---|---|
//! | `n:` | a number written in digits, multipliers applied | `n:95000000` (95 million = 95 مليون) |
//! | `d:` | a full date named in the text (the `date` metadata fills in missing years) | `d:2023-08-08` |
//! | `ym:` | the month of a dated mention | `ym:2023-08` |
//! | `md:` | month and day, year or not | `md:08-07` |
//! | `l:` | an acronym or other Latin token | `l:centcom` |
//! | `p:` | consonant skeleton of a possible name | `p:lndr` (Wallander = والاندر) |
//! | `c:` | a lexicon concept, by its English label | `c:ministry of defense` |
//!
//! The `date` metadata itself is not a term: a publication date is shared by every statement of
//! the day. It counts as date proximity when candidates are checked ([`super::dates`]).
//!
//! Concepts come from the built-in glossary only: its labels are stable, whereas concepts of
//! imported dictionaries would tie the index to the import history. Rows whose term starts with
//! `#` are bookkeeping, not evidence (see [`VERSION_TERM`]).

use super::dates::{self, Day};
use super::terms::{self, SentenceEvidence};
use crate::anchors::lexicon::Lexicon;
use crate::anchors::ItemKind;
use crate::error::Result;
use crate::ingest::bitext::Bitext;
use crate::segment::Sentence;
use crate::store::bitext::{BitextMeta, Imported};
use crate::store::{NewDocument, Tx};
use crate::text::Lang;
use std::collections::HashMap;

/// Marks a document as indexed by this version of the term extraction (defined in the store,
/// which reads and writes the rows; bump it there whenever the terms change).
pub use crate::store::VERSION_TERM;

/// Stores a document ([`Tx::add_document_reporting`]) and, when it is new, indexes it: the
/// store keeps the rows, the terms are found here and handed to it ([`index_document`]).
pub fn add_document(tx: &Tx, d: &NewDocument, step: &dyn Fn()) -> Result<(i64, bool)> {
    let (id, new) = tx.add_document_reporting(d, step)?;
    if new {
        index_document(tx, id, d.lang, d.sentences, d.date, step)?;
    }
    Ok((id, new))
}

/// Stores a bitext ([`Tx::add_bitext_reporting`]) and indexes its documents when it is new.
pub fn add_bitext(tx: &Tx, b: &Bitext, meta: &BitextMeta, step: &dyn Fn()) -> Result<Imported> {
    let imported = tx.add_bitext_reporting(b, meta, step)?;
    if imported.new {
        for id in [imported.source_id, imported.article_id] {
            index_stored(tx, id, step)?;
        }
    }
    Ok(imported)
}

/// Indexes a document (replacing any earlier rows of it) from its sentences and its `date`
/// metadata (which gives the year of dates the text names without one), calling `step` after
/// each sentence's terms are found.
pub fn index_document(
    tx: &Tx,
    id: i64,
    lang: Lang,
    sentences: &[Sentence],
    date: Option<&str>,
    step: &dyn Fn(),
) -> Result<()> {
    let terms = document_terms_reporting(lang, sentences, date, Lexicon::builtin(), step);
    tx.store_index_terms(id, &terms, sentences.len())
}

/// Indexes a stored document from its stored sentences and metadata.
fn index_stored(tx: &Tx, id: i64, step: &dyn Fn()) -> Result<()> {
    let (lang, date) = tx.index_metadata(id)?;
    let sentences: Vec<Sentence> = tx.sentences(id)?.iter().map(|s| s.to_sentence()).collect();
    index_document(tx, id, lang, &sentences, date.as_deref(), step)
}

/// Indexes the documents the current term extraction has not indexed (added before the index
/// existed, under an older version of it, or through the store alone). Returns how many.
pub fn refresh_index(tx: &Tx) -> Result<usize> {
    let stale = tx.unindexed_documents()?;
    for &id in &stale {
        index_stored(tx, id, &|| {})?;
    }
    Ok(stale.len())
}

/// Kinds of index terms, read back from their prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    Number,
    Date,
    MonthDay,
    YearMonth,
    Latin,
    Name,
    Concept,
}

impl TermKind {
    /// Kind and bare value of a term, or `None` for bookkeeping rows and unknown prefixes.
    pub fn of(term: &str) -> Option<(TermKind, &str)> {
        let (prefix, value) = term.split_once(':')?;
        let kind = match prefix {
            "n" => TermKind::Number,
            "d" => TermKind::Date,
            "md" => TermKind::MonthDay,
            "ym" => TermKind::YearMonth,
            "l" => TermKind::Latin,
            "p" => TermKind::Name,
            "c" => TermKind::Concept,
            _ => return None,
        };
        Some((kind, value))
    }
}

/// The terms of a document with their weights (1 + ln of the number of sentences naming them).
pub fn document_terms(
    lang: Lang,
    sentences: &[Sentence],
    metadata_date: Option<&str>,
    lex: &Lexicon,
) -> Vec<(String, f32)> {
    document_terms_reporting(lang, sentences, metadata_date, lex, &|| {})
}

/// [`document_terms`], calling `step` after each sentence's evidence is read (the bulk of the
/// work).
pub fn document_terms_reporting(
    lang: Lang,
    sentences: &[Sentence],
    metadata_date: Option<&str>,
    lex: &Lexicon,
    step: &dyn Fn(),
) -> Vec<(String, f32)> {
    let metadata = metadata_date.and_then(Day::parse_iso);
    let mut counts: HashMap<String, u32> = HashMap::new();
    // Sentence by sentence, keeping of each only what dates need (its numbers and dates): the
    // evidence of every sentence held at once was several times the document's size.
    let mut evidence: Vec<SentenceEvidence> = Vec::with_capacity(sentences.len());
    for s in sentences {
        let ev = terms::sentence(&s.text, lang, lex);
        step();
        let mut seen = sentence_terms(&ev, lang, lex);
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *counts.entry(t).or_default() += 1;
        }
        evidence.push(SentenceEvidence {
            numbers: ev.numbers,
            dates: ev.dates,
            ..Default::default()
        });
    }
    // Dates need the whole document to resolve years; each counts once per mention.
    for d in dates::named_dates(&evidence, metadata) {
        let mut seen = Vec::new();
        if let Some(y) = d.year {
            seen.push(format!("ym:{y:04}-{:02}", d.month));
        }
        for &day in &d.days {
            seen.push(format!("md:{:02}-{day:02}", d.month));
            if let Some(full) = d.year.and_then(|y| Day::new(y, d.month, day)) {
                seen.push(format!("d:{}", full.iso()));
            }
        }
        for t in seen {
            *counts.entry(t).or_default() += 1;
        }
    }
    let mut out: Vec<(String, f32)> = counts
        .into_iter()
        .map(|(t, n)| (t, 1.0 + (n as f32).ln()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Terms of one sentence other than dates.
fn sentence_terms(ev: &SentenceEvidence, lang: Lang, lex: &Lexicon) -> Vec<String> {
    let mut out = Vec::new();
    // Day numbers inside a date are indexed as dates, not as bare numbers.
    let in_date = |start: usize, end: usize| {
        ev.dates
            .iter()
            .any(|d| start >= d.start && end <= d.end && !d.days.is_empty())
    };
    for n in &ev.numbers {
        let day_like = n.value <= 31.0 && n.value.fract() == 0.0;
        if n.digits && !(day_like && in_date(n.start, n.end)) {
            out.push(format!("n:{}", n.key()));
        }
    }
    for p in &ev.pieces {
        match p.kind {
            ItemKind::Term | ItemKind::Latin | ItemKind::Name => {
                out.extend(p.keys.iter().cloned());
                for &c in &p.concepts {
                    if let Some((label, _)) = lex.label(c) {
                        out.push(concept_term(label));
                    }
                }
            }
            ItemKind::Number | ItemKind::Month | ItemKind::Quote => {}
        }
    }
    out.extend(
        ev.extra_keys
            .iter()
            .filter(|k| k.starts_with("l:"))
            .cloned(),
    );
    if lang == Lang::Ar {
        // Words the lexicon does not know: possible names, matched to English names by skeleton
        // when candidates are retrieved.
        for n in ev.names.iter().filter(|n| n.piece.is_none()) {
            out.extend(n.skeletons.iter().map(|s| format!("p:{s}")));
        }
    }
    out
}

/// Index term of a concept: its English label, lower-cased, spaces collapsed.
pub fn concept_term(label: &str) -> String {
    let words: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
    format!("c:{}", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn terms_of(text: &str, lang: Lang, date: Option<&str>) -> Vec<String> {
        document_terms(lang, &segment(text, lang), date, Lexicon::builtin())
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn english_and_arabic_share_terms() {
        let en = terms_of(
            "The Department of Defense held the JSCD in Washington on August 7-8, 2023. Minister al-Abbasi met Secretary Austin.",
            Lang::En,
            None,
        );
        let ar = terms_of(
            "عقدت وزارة الدفاع حوار JSCD في واشنطن في الفترة من 7 إلى 8 آب 2023. التقى الوزير العباسي بالوزير أوستن.",
            Lang::Ar,
            None,
        );
        for t in [
            "d:2023-08-07",
            "d:2023-08-08",
            "md:08-07",
            "ym:2023-08",
            "l:jscd",
            "p:bs",
            "p:stn",
            "n:2023",
        ] {
            assert!(en.contains(&t.to_string()), "en lacks {t}: {en:?}");
            assert!(ar.contains(&t.to_string()), "ar lacks {t}: {ar:?}");
        }
        let shared_concepts = en
            .iter()
            .filter(|t| t.starts_with("c:") && ar.contains(t))
            .count();
        assert!(shared_concepts >= 2, "{en:?}\n{ar:?}");
        // Days are dates, not numbers.
        assert!(!en.contains(&"n:7".to_string()), "{en:?}");
    }

    #[test]
    fn metadata_date_resolves_years() {
        let t = terms_of(
            "The exercise ends on October 1.",
            Lang::En,
            Some("2024-09-22"),
        );
        assert!(t.contains(&"d:2024-10-01".to_string()), "{t:?}");
        assert!(!t.contains(&"d:2024-09-22".to_string()), "{t:?}");
        let t = terms_of("The exercise ends on October 1.", Lang::En, Some("soon"));
        assert!(t.contains(&"md:10-01".to_string()), "{t:?}");
        assert!(!t.iter().any(|t| t.starts_with("d:")), "{t:?}");
    }

    #[test]
    fn kinds_from_prefixes() {
        assert_eq!(TermKind::of("n:95"), Some((TermKind::Number, "95")));
        assert_eq!(
            TermKind::of("c:ministry of defense").map(|k| k.0),
            Some(TermKind::Concept)
        );
        assert_eq!(TermKind::of(VERSION_TERM), None);
    }
}
