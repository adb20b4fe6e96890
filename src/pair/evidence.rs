//! What pairing reports about a candidate: the evidence both documents share, the alignment of
//! their leads, the distance between their dates, and the confidence computed from them.

use super::confidence::{confidence, Features};
use super::dates;
use super::fine::{FineScore, Lead};
use super::index::TermKind;
use super::retrieve::Coarse;
use super::snapshot::Snapshot;
use serde::Serialize;

/// Why a candidate is (or is not) the source.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// Figures both documents give, largest contribution first.
    pub numbers: Vec<String>,
    /// Dates both name (ISO; `MM-DD` when no year is known).
    pub dates: Vec<String>,
    pub names: Vec<String>,
    pub acronyms: Vec<String>,
    /// Lexicon concepts shared, and the article's concepts any English document has.
    pub concepts_shared: usize,
    pub concepts_article: usize,
    pub lexicon_overlap: f64,
    /// Some shared concepts, by weight.
    pub concepts: Vec<String>,
    /// Closest dates of the two documents (source, article) and the days between them.
    pub closest_dates: Option<(String, String)>,
    pub date_gap_days: Option<i64>,
    pub article_coverage: f64,
    pub source_coverage: f64,
    pub retrieval_score: f64,
    pub alignment: FineScore,
}

/// One candidate source of an article.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub source: i64,
    pub origin: Option<String>,
    pub title: Option<String>,
    pub confidence: f64,
    pub evidence: Evidence,
}

/// The candidates of one article, most confident first.
#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    pub article: i64,
    pub origin: Option<String>,
    pub title: Option<String>,
    pub candidates: Vec<Candidate>,
}

impl Ranking {
    pub fn best(&self) -> Option<&Candidate> {
        self.candidates.first()
    }

    /// Confidence of the best candidate minus the runner-up's (the best's own when alone).
    pub fn margin(&self) -> Option<f64> {
        let best = self.best()?.confidence;
        Some(best - self.candidates.get(1).map_or(0.0, |c| c.confidence))
    }
}

/// What `auto` did with an article.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Outcome {
    Paired {
        pair: i64,
        source: i64,
        confidence: f64,
    },
    NoSource,
}

#[derive(Debug, Clone, Serialize)]
pub struct AutoResult {
    #[serde(flatten)]
    pub outcome: Outcome,
    #[serde(flatten)]
    pub ranking: Ranking,
}

/// Thousands separators for whole numbers ("95000000" → "95,000,000").
fn show_number(v: &str) -> String {
    if v.contains('.') || v.len() <= 4 {
        return v.to_string();
    }
    let mut out = String::new();
    for (k, c) in v.chars().enumerate() {
        if k > 0 && (v.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn candidate(
    snap: &Snapshot,
    article: u32,
    c: &Coarse,
    f: FineScore,
    lead: &Lead,
) -> Candidate {
    let mut numbers = Vec::new();
    let mut shared_dates = Vec::new();
    let mut names = Vec::new();
    let mut acronyms = Vec::new();
    let mut concepts = Vec::new();
    for s in &c.shared {
        let info = &snap.terms[s.term as usize];
        let value = &info.text[info.text.find(':').map_or(0, |k| k + 1)..];
        match info.kind {
            TermKind::Number => numbers.push(show_number(value)),
            TermKind::Date | TermKind::MonthDay => shared_dates.push(value.to_string()),
            TermKind::YearMonth => {}
            TermKind::Name => names.push(
                lead.name_words
                    .get(value)
                    .cloned()
                    .unwrap_or_else(|| format!("[{value}]")),
            ),
            TermKind::Latin => acronyms.push(value.to_uppercase()),
            TermKind::Concept => concepts.push(value.to_string()),
        }
    }
    names.dedup();
    // A month and day already shown as part of a full date says nothing more.
    let full: Vec<String> = shared_dates
        .iter()
        .filter(|d| d.len() == 10)
        .map(|d| d[5..].to_string())
        .collect();
    shared_dates.retain(|d| d.len() == 10 || !full.contains(d));
    let concepts_article = snap.forward[article as usize]
        .iter()
        .filter(|&&(t, _)| {
            let i = &snap.terms[t as usize];
            i.kind == TermKind::Concept && i.df > 0
        })
        .count();
    let (a_days, s_days) = (
        &snap.docs[article as usize].days,
        &snap.docs[c.doc as usize].days,
    );
    let closest = dates::closest(s_days, a_days);
    let features = Features {
        retrieval: f64::from(c.score()),
        aligned_share: f.aligned_share,
        anchor_agreement: f.anchor_agreement,
        date_gap: closest.map(|x| x.0),
    };
    let meta = &snap.docs[c.doc as usize].meta;
    let concepts_shared = concepts.len();
    concepts.truncate(8);
    Candidate {
        source: meta.id,
        origin: meta.origin.clone(),
        title: meta.title.clone(),
        confidence: confidence(&features),
        evidence: Evidence {
            numbers,
            dates: shared_dates,
            names,
            acronyms,
            concepts_shared,
            concepts_article,
            lexicon_overlap: if concepts_article > 0 {
                concepts_shared as f64 / concepts_article as f64
            } else {
                0.0
            },
            concepts,
            closest_dates: closest.map(|(_, s, a)| (s.iso(), a.iso())),
            date_gap_days: closest.map(|x| x.0),
            article_coverage: f64::from(c.article_coverage),
            source_coverage: f64::from(c.source_coverage),
            retrieval_score: f64::from(c.score()),
            alignment: f,
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_get_separators() {
        assert_eq!(super::show_number("95000000"), "95,000,000");
        assert_eq!(super::show_number("13000"), "13,000");
        assert_eq!(super::show_number("2024"), "2024");
        assert_eq!(super::show_number("1.5"), "1.5");
    }
}
