//! The inverted index read into memory once per run: postings of every term over the English
//! documents, each document's own terms, and the weights that depend on the whole collection
//! (idf). One sequential scan of `doc_index` costs less than the per-term queries of even a
//! hundred articles, and the snapshot is shared read-only by the worker threads.

use super::dates::Day;
use super::index::TermKind;
use crate::error::Result;
use crate::store::pairing::PairingDocument;
use crate::store::Tx;
use crate::text::translit::{skeleton_similarity, NAME_MATCH};
use crate::text::Lang;
use std::collections::HashMap;

/// A term of the index.
#[derive(Debug, Clone)]
pub struct TermInfo {
    pub text: Box<str>,
    pub kind: TermKind,
    /// Weight of the kind of evidence (see [`kind_weight`]) times idf² over English documents.
    pub weight: f32,
    /// Number of English documents with the term.
    pub df: u32,
}

/// A document of the workspace as pairing sees it.
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub meta: PairingDocument,
    /// Full dates named in the document or given as its metadata.
    pub days: Vec<Day>,
}

/// The index in memory. Documents and terms are numbered densely (u32) in load order.
pub struct Snapshot {
    pub docs: Vec<DocInfo>,
    by_id: IdMap,
    pub terms: Vec<TermInfo>,
    /// Per term: (English document, weight in it).
    pub postings: Vec<Vec<(u32, f32)>>,
    /// Per document: (term, weight), sorted by term.
    pub forward: Vec<Vec<(u32, f32)>>,
    pub n_english: usize,
    /// English name terms by skeleton length, for fuzzy matching of Arabic skeletons.
    names_by_len: Vec<Vec<u32>>,
}

/// How much one kind of shared evidence says, before rarity is taken into account. A precise
/// figure, a full date, an acronym or a name is what tells two statements of the same kind apart;
/// concepts are many and many are generic ("forces", "cooperation"); small integers are counts
/// and days that recur everywhere.
pub fn kind_weight(kind: TermKind, value: &str) -> f32 {
    match kind {
        TermKind::Number => match value.parse::<f64>() {
            Ok(v) if v.fract() == 0.0 && v <= 31.0 => 0.4,
            Ok(v) if v.fract() == 0.0 && (1900.0..=2100.0).contains(&v) => 0.4,
            _ => 1.0,
        },
        TermKind::Date => 1.0,
        TermKind::MonthDay => 0.6,
        TermKind::YearMonth => 0.4,
        TermKind::Latin | TermKind::Name => 1.0,
        TermKind::Concept => 0.3,
    }
}

/// Document id → index, as a vector when ids are dense (the usual case: ids are SQLite rowids)
/// and a map otherwise; the index scan looks one up per row.
enum IdMap {
    Dense(Vec<u32>),
    Sparse(HashMap<i64, u32>),
}

impl IdMap {
    fn new(ids: impl Iterator<Item = i64> + Clone) -> IdMap {
        let (n, max) = ids
            .clone()
            .fold((0usize, 0i64), |(n, m), id| (n + 1, m.max(id)));
        if ids.clone().all(|id| id >= 0) && (max as usize) <= 4 * n + 1024 {
            let mut v = vec![u32::MAX; max as usize + 1];
            for (k, id) in ids.enumerate() {
                v[id as usize] = k as u32;
            }
            IdMap::Dense(v)
        } else {
            IdMap::Sparse(ids.enumerate().map(|(k, id)| (id, k as u32)).collect())
        }
    }

    fn get(&self, id: i64) -> Option<u32> {
        match self {
            IdMap::Dense(v) => usize::try_from(id)
                .ok()
                .and_then(|i| v.get(i))
                .copied()
                .filter(|&k| k != u32::MAX),
            IdMap::Sparse(m) => m.get(&id).copied(),
        }
    }
}

impl Snapshot {
    pub fn load(tx: &Tx) -> Result<Snapshot> {
        let metas = tx.pairing_documents()?;
        let by_id = IdMap::new(metas.iter().map(|d| d.id));
        let english: Vec<bool> = metas.iter().map(|d| d.lang == Lang::En).collect();
        let mut terms: Vec<TermInfo> = Vec::new();
        // (term, document, weight) in term order: the scan appends, the per-document lists are
        // filled afterwards with their exact sizes.
        let mut rows: Vec<(u32, u32, f32)> = Vec::new();
        let mut current: Option<u32> = None;
        tx.for_each_index_row(|term, doc_id, weight| {
            let Some(doc) = by_id.get(doc_id) else {
                return;
            };
            let t = match current {
                Some(t) if *terms[t as usize].text == *term => t,
                _ => {
                    let Some((kind, value)) = TermKind::of(term) else {
                        current = None;
                        return;
                    };
                    let t = terms.len() as u32;
                    terms.push(TermInfo {
                        text: term.into(),
                        kind,
                        weight: kind_weight(kind, value),
                        df: 0,
                    });
                    current = Some(t);
                    t
                }
            };
            rows.push((t, doc, weight));
        })?;
        let mut sizes = vec![0usize; metas.len()];
        for &(_, d, _) in &rows {
            sizes[d as usize] += 1;
        }
        let mut forward: Vec<Vec<(u32, f32)>> =
            sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms.len()];
        for &(t, d, w) in &rows {
            forward[d as usize].push((t, w));
            if english[d as usize] {
                postings[t as usize].push((d, w));
            }
        }
        drop(rows);
        let n_english = english.iter().filter(|&&e| e).count();
        let n = n_english.max(1) as f32;
        for (t, info) in terms.iter_mut().enumerate() {
            info.df = postings[t].len() as u32;
            let idf = if info.df == 0 {
                0.0
            } else {
                (1.0 + n / info.df as f32).ln()
            };
            // Squared, as in a tf-idf dot product: a rare figure or name must outweigh the
            // many generic concepts every statement of a kind shares.
            info.weight *= idf * idf;
        }
        let mut names_by_len: Vec<Vec<u32>> = Vec::new();
        for (t, info) in terms.iter().enumerate() {
            if info.kind == TermKind::Name && info.df > 0 {
                let len = info.text.len() - 2;
                if names_by_len.len() <= len {
                    names_by_len.resize(len + 1, Vec::new());
                }
                names_by_len[len].push(t as u32);
            }
        }
        let docs = metas
            .into_iter()
            .zip(&forward)
            .map(|(meta, doc_terms)| {
                let mut days: Vec<Day> = doc_terms
                    .iter()
                    .filter_map(|&(t, _)| {
                        let text = &terms[t as usize].text;
                        text.strip_prefix("d:").and_then(Day::parse_iso)
                    })
                    .collect();
                days.extend(meta.date.as_deref().and_then(Day::parse_iso));
                days.sort_unstable();
                days.dedup();
                DocInfo { meta, days }
            })
            .collect();
        Ok(Snapshot {
            docs,
            by_id,
            terms,
            postings,
            forward,
            n_english,
            names_by_len,
        })
    }

    /// Index of a document id.
    pub fn doc(&self, id: i64) -> Option<u32> {
        self.by_id.get(id)
    }

    /// The English terms an article term stands for, with the strength of the correspondence:
    /// itself, or for a name skeleton the English name skeletons it transliterates.
    pub fn expand(&self, term: u32) -> Vec<(u32, f32)> {
        let info = &self.terms[term as usize];
        if info.kind != TermKind::Name {
            return if info.df > 0 {
                vec![(term, 1.0)]
            } else {
                Vec::new()
            };
        }
        let skel = &info.text[2..];
        let mut out = Vec::new();
        if info.df > 0 {
            out.push((term, 1.0));
        }
        // Short skeletons must match exactly (see `skeleton_similarity`).
        if skel.len() >= 4 {
            let lo = skel.len().saturating_sub(2);
            for bucket in self.names_by_len.iter().take(skel.len() + 3).skip(lo) {
                for &e in bucket {
                    if e == term {
                        continue;
                    }
                    let sim = skeleton_similarity(skel, &self.terms[e as usize].text[2..]);
                    if sim >= NAME_MATCH {
                        out.push((e, sim as f32));
                    }
                }
            }
        }
        out
    }

    /// Weight of `term` in document `doc`, if the document has it.
    pub fn weight_in(&self, doc: u32, term: u32) -> Option<f32> {
        let f = &self.forward[doc as usize];
        f.binary_search_by_key(&term, |&(t, _)| t)
            .ok()
            .map(|k| f[k].1)
    }
}
