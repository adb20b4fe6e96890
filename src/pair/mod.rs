//! Automatic pairing: finding the English statement an Arabic article renders.
//!
//! 1. Every document is indexed when it is added ([`index`]): numbers, dates, acronyms, name
//!    skeletons and lexicon concepts, as language-neutral terms in `doc_index`.
//! 2. For an article, the index proposes candidates ([`retrieve`]): English documents scored by
//!    the idf-weighted share of each side's evidence the other covers.
//! 3. The best few are checked ([`fine`]): the lead sentences of both are aligned with
//!    [`crate::align`]; the share of confidently aligned sentences and the agreement of their
//!    anchors tell a translation from another statement of the same kind.
//! 4. [`confidence`] combines the evidence with the distance between the documents' dates.
//!
//! Nothing here compares all articles with all sources: retrieval touches the postings of the
//! article's terms, and only a handful of candidates per article are aligned.

mod confidence;
pub mod dates;
mod evidence;
pub mod fine;
pub mod index;
pub mod retrieve;
pub mod snapshot;
pub mod terms;
mod workers;

pub use evidence::{AutoResult, Candidate, Evidence, Outcome, Ranking};

use crate::anchors::lexicon::Lexicon;
use crate::error::{Error, Result};
use crate::store::Tx;
use fine::{FineScore, Lead};
use retrieve::{Coarse, Expansions};
use snapshot::Snapshot;
use std::collections::HashMap;

/// Default `--min-confidence`. Confidence is a logistic score, so 0.5 is where the evidence for
/// "this is the source" starts to outweigh the evidence against. On the test pool
/// (tests/data/pool) right answers score 0.85–0.98 and the best wrong candidate 0.04, so the
/// default sits in a wide gap rather than on an edge.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.5;

/// How automatic pairing runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Pair only when the best candidate's confidence reaches this.
    pub min_confidence: f64,
    /// Candidates aligned per article.
    pub candidates: usize,
    /// Lead sentences aligned per document.
    pub lead: usize,
    /// Align fewer candidates when retrieval already ranks them far below the best.
    pub adaptive: bool,
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_confidence: DEFAULT_MIN_CONFIDENCE,
            candidates: 5,
            lead: 15,
            adaptive: true,
            threads: workers::default_threads(),
        }
    }
}

/// Candidates whose retrieval score is below this share of the best one's are not aligned in
/// adaptive mode (the runner-up always is, for the margin).
const ADAPTIVE_SHARE: f32 = 0.6;

/// What pairing reports as it goes, for a progress bar: its work comes in stages of known size
/// (candidates retrieved per article, then lead alignments per candidate).
pub trait Progress: Sync {
    /// A stage of `len` steps starts (`len` 0: of unknown size).
    fn stage(&self, _what: &'static str, _len: usize) {}
    /// One more step of the current stage is done; called from the worker threads.
    fn step(&self) {}
}

/// No report.
impl Progress for () {}

/// Pairs every Arabic article that has no pair yet with its most likely source, when that
/// source's confidence reaches `opts.min_confidence`.
pub fn auto(tx: &Tx, opts: &Options) -> Result<Vec<AutoResult>> {
    auto_reporting(tx, opts, &())
}

/// [`auto`], reporting its progress.
pub fn auto_reporting(tx: &Tx, opts: &Options, progress: &dyn Progress) -> Result<Vec<AutoResult>> {
    let articles = tx.unpaired_articles()?;
    let rankings = rank_reporting(tx, &articles, opts, progress)?;
    let mut out = Vec::with_capacity(rankings.len());
    for ranking in rankings {
        let outcome = match ranking.best() {
            Some(best) if best.confidence >= opts.min_confidence => {
                let (pair, _) =
                    tx.add_pair(ranking.article, best.source, "auto", Some(best.confidence))?;
                Outcome::Paired {
                    pair,
                    source: best.source,
                    confidence: best.confidence,
                }
            }
            _ => Outcome::NoSource,
        };
        out.push(AutoResult { outcome, ranking });
    }
    Ok(out)
}

/// The best `opts.candidates` sources of one article, all of them aligned.
pub fn suggest(tx: &Tx, article: i64, opts: &Options) -> Result<Ranking> {
    let doc = tx.document(article)?;
    if doc.lang != "ar" {
        return Err(Error::Invalid(format!(
            "document {article} is {} but only Arabic articles have sources to suggest",
            doc.lang
        )));
    }
    let opts = Options {
        adaptive: false,
        ..opts.clone()
    };
    let mut r = rank(tx, &[article], &opts)?;
    r.pop().ok_or_else(|| Error::Invalid("no ranking".into()))
}

/// Articles whose leads are analysed and aligned together: bounds the memory held by analysed
/// sentences whatever the number of articles.
const CHUNK: usize = 128;

/// Ranks candidate sources for each article (Arabic document ids), in the order given.
pub fn rank(tx: &Tx, articles: &[i64], opts: &Options) -> Result<Vec<Ranking>> {
    rank_reporting(tx, articles, opts, &())
}

/// [`rank`], reporting its progress.
pub fn rank_reporting(
    tx: &Tx,
    articles: &[i64],
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Vec<Ranking>> {
    progress.stage("indexing documents", 0);
    index::refresh_index(tx)?;
    let snap = Snapshot::load(tx)?;
    let mut idx = Vec::with_capacity(articles.len());
    for &a in articles {
        let d = snap.doc(a).ok_or(Error::UnknownId {
            what: "document",
            id: a.to_string(),
        })?;
        idx.push(d);
    }
    let exp = Expansions::new(&snap, &idx);
    let threads = opts.threads.max(1);
    progress.stage("finding candidates", idx.len());
    let coarse: Vec<Vec<Coarse>> = workers::map(&idx, threads, |&a| {
        let mut c = retrieve::candidates(&snap, &exp, a, opts.candidates);
        if opts.adaptive {
            let top = c.first().map_or(0.0, Coarse::score);
            let keep = c
                .iter()
                .enumerate()
                .take_while(|(k, x)| *k < 2 || x.score() >= ADAPTIVE_SHARE * top)
                .count();
            c.truncate(keep);
        }
        progress.step();
        c
    });
    progress.stage("checking candidates", coarse.iter().map(Vec::len).sum());
    let mut out = Vec::with_capacity(idx.len());
    for (articles, coarse) in idx.chunks(CHUNK).zip(coarse.chunks(CHUNK)) {
        out.extend(check(tx, &snap, articles, coarse, opts, progress)?);
    }
    Ok(out)
}

/// The finer check of the candidates of some articles: leads read once, analysed once per
/// document, aligned per candidate.
fn check(
    tx: &Tx,
    snap: &Snapshot,
    articles: &[u32],
    coarse: &[Vec<Coarse>],
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Vec<Ranking>> {
    let threads = opts.threads.max(1);
    let mut docs: Vec<u32> = articles
        .iter()
        .copied()
        .chain(coarse.iter().flatten().map(|c| c.doc))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    let mut texts = Vec::with_capacity(docs.len());
    for &d in &docs {
        let meta = &snap.docs[d as usize].meta;
        texts.push((meta.lang, tx.lead_sentences(meta.id, opts.lead)?));
    }
    // The built-in glossary only: confidences must not move when a dictionary is imported.
    let lex = Lexicon::builtin();
    let leads: Vec<Lead> = workers::map(&texts, threads, |(lang, t)| Lead::new(t, *lang, lex));
    let lead_of: HashMap<u32, &Lead> = docs.iter().copied().zip(&leads).collect();
    let jobs: Vec<(usize, usize)> = coarse
        .iter()
        .enumerate()
        .flat_map(|(a, cs)| (0..cs.len()).map(move |k| (a, k)))
        .collect();
    let fine: Vec<FineScore> = workers::map(&jobs, threads, |&(a, k)| {
        let score = fine::score(lead_of[&coarse[a][k].doc], lead_of[&articles[a]], lex);
        progress.step();
        score
    });
    let mut fine_of: HashMap<(usize, usize), FineScore> = jobs.into_iter().zip(fine).collect();
    let mut out = Vec::with_capacity(articles.len());
    for (a, cs) in coarse.iter().enumerate() {
        let article = articles[a];
        let mut candidates: Vec<Candidate> = cs
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let f = fine_of.remove(&(a, k)).unwrap_or_default();
                evidence::candidate(snap, article, c, f, lead_of[&c.doc])
            })
            .collect();
        candidates.sort_by(|x, y| {
            y.confidence
                .total_cmp(&x.confidence)
                .then(x.source.cmp(&y.source))
        });
        let meta = &snap.docs[article as usize].meta;
        out.push(Ranking {
            article: meta.id,
            origin: meta.origin.clone(),
            title: meta.title.clone(),
            candidates,
        });
    }
    Ok(out)
}
