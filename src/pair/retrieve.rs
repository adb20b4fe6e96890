//! Candidate retrieval: the English documents sharing the most (and rarest) evidence with an
//! article, scored by how much of each side's evidence the other covers.

use super::snapshot::Snapshot;
use std::collections::HashMap;

/// One article term as a query: the English terms it stands for and its weight.
struct QueryTerm {
    weight: f32,
    expansions: Vec<(u32, f32)>,
}

/// Shared evidence of an article and a candidate.
#[derive(Debug, Clone)]
pub struct Shared {
    /// English term (a transliterated name is matched through its skeleton).
    pub term: u32,
    pub contribution: f32,
}

/// Coarse score of a candidate.
#[derive(Debug, Clone)]
pub struct Coarse {
    pub doc: u32,
    /// Weighted share of the article's evidence found in the candidate.
    pub article_coverage: f32,
    /// Weighted share of the candidate's evidence found in the article.
    pub source_coverage: f32,
    pub shared: Vec<Shared>,
}

impl Coarse {
    /// Geometric mean of both coverages: a long document that contains everything covers the
    /// article but is not covered by it.
    pub fn score(&self) -> f32 {
        (self.article_coverage * self.source_coverage).sqrt()
    }
}

/// Expansions of article terms, computed once per run: fuzzy name matching is the only costly
/// part of a query.
pub struct Expansions(HashMap<u32, Vec<(u32, f32)>>);

impl Expansions {
    pub fn new(snap: &Snapshot, articles: &[u32]) -> Expansions {
        let mut map = HashMap::new();
        for &a in articles {
            for &(t, _) in &snap.forward[a as usize] {
                map.entry(t).or_insert_with(|| snap.expand(t));
            }
        }
        Expansions(map)
    }

    fn get(&self, t: u32) -> &[(u32, f32)] {
        self.0.get(&t).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Terms found in more than this share of English documents are left out of the first,
/// accumulating pass (they touch many documents and weigh little: idf² ≤ ln(5)²); they still
/// count in the exact scores of the candidates that pass.
const COMMON_SHARE: f32 = 0.25;
/// ... unless the collection is small, where every term is cheap.
const COMMON_MIN_DF: u32 = 200;
/// Candidates scored exactly, at least.
const PRESELECT: usize = 30;

/// The `k` best candidates for `article`, best first.
pub fn candidates(snap: &Snapshot, exp: &Expansions, article: u32, k: usize) -> Vec<Coarse> {
    let query: Vec<QueryTerm> = snap.forward[article as usize]
        .iter()
        .filter_map(|&(t, w)| {
            let e = exp.get(t);
            (!e.is_empty()).then(|| QueryTerm {
                weight: w,
                expansions: e.to_vec(),
            })
        })
        .collect();
    if query.is_empty() || k == 0 {
        return Vec::new();
    }
    let cap = ((snap.n_english as f32 * COMMON_SHARE) as u32).max(COMMON_MIN_DF);
    // Dense accumulator over all documents, with the list of those touched.
    let mut acc = vec![0.0f32; snap.docs.len()];
    let mut touched: Vec<u32> = Vec::new();
    for pass_cap in [cap, u32::MAX] {
        for q in &query {
            for &(u, sim) in &q.expansions {
                let info = &snap.terms[u as usize];
                if info.df > pass_cap || (pass_cap == u32::MAX && info.df <= cap) {
                    continue;
                }
                let w = info.weight * sim;
                for &(d, wd) in &snap.postings[u as usize] {
                    let a = &mut acc[d as usize];
                    if *a == 0.0 {
                        touched.push(d);
                    }
                    *a += w * q.weight.min(wd);
                }
            }
        }
        // Only common terms shared: a second pass with them, so there are candidates to rank.
        if touched.len() >= k {
            break;
        }
    }
    let mut pre: Vec<(u32, f32)> = touched.iter().map(|&d| (d, acc[d as usize])).collect();
    pre.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    pre.truncate((4 * k).max(PRESELECT));
    let mut out: Vec<Coarse> = pre
        .into_iter()
        .map(|(d, _)| exact(snap, &query, d))
        .collect();
    out.sort_by(|a, b| b.score().total_cmp(&a.score()).then(a.doc.cmp(&b.doc)));
    out.truncate(k);
    out
}

/// Exact coverages of one candidate.
fn exact(snap: &Snapshot, query: &[QueryTerm], doc: u32) -> Coarse {
    let mut article_mass = 0.0;
    let mut article_shared = 0.0;
    // Per English term, the best article term matching it.
    let mut best: HashMap<u32, Shared> = HashMap::new();
    for q in query {
        let mut mass: f32 = 0.0;
        let mut hit: Option<Shared> = None;
        for &(u, sim) in &q.expansions {
            let w = snap.terms[u as usize].weight * sim;
            mass = mass.max(w * q.weight);
            if let Some(wd) = snap.weight_in(doc, u) {
                let c = w * q.weight.min(wd);
                if hit.as_ref().map_or(true, |h| c > h.contribution) {
                    hit = Some(Shared {
                        term: u,
                        contribution: c,
                    });
                }
            }
        }
        article_mass += mass;
        if let Some(h) = hit {
            article_shared += h.contribution;
            let e = best.entry(h.term).or_insert_with(|| h.clone());
            if h.contribution > e.contribution {
                *e = h;
            }
        }
    }
    let source_mass: f32 = snap.forward[doc as usize]
        .iter()
        .map(|&(t, w)| snap.terms[t as usize].weight * w)
        .sum();
    let mut shared: Vec<Shared> = best.into_values().collect();
    shared.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    let source_shared: f32 = shared.iter().map(|s| s.contribution).sum();
    let ratio = |a: f32, b: f32| if b > 0.0 { (a / b).min(1.0) } else { 0.0 };
    Coarse {
        doc,
        article_coverage: ratio(article_shared, article_mass),
        source_coverage: ratio(source_shared, source_mass),
        shared,
    }
}
