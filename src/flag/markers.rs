//! Editorial markers: words and phrases that signal commentary or loaded framing in an Arabic
//! rendering (data/editorial_markers.tsv in src/anchors). They raise severity and mark clause
//! starts; they never decide a flag alone.

use crate::text::{arabic, tokens::tokenize};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    Connective,
    Loaded,
    ClaimVerb,
    Attribution,
    Boilerplate,
    Metadata,
}

struct Marker {
    words: Vec<String>,
    kind: MarkerKind,
    weight: u8,
}

/// A marker found in a sentence, with its character span.
#[derive(Debug, Clone, Copy)]
pub struct MarkerHit {
    pub kind: MarkerKind,
    pub weight: u8,
    pub start: usize,
    pub end: usize,
    /// Token index of the marker's first word.
    pub token: usize,
}

fn markers() -> &'static Vec<Marker> {
    static M: OnceLock<Vec<Marker>> = OnceLock::new();
    M.get_or_init(|| {
        let mut v = Vec::new();
        for line in include_str!("../anchors/data/editorial_markers.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if f.len() < 3 {
                continue;
            }
            let kind = match f[1] {
                "connective" => MarkerKind::Connective,
                "loaded" => MarkerKind::Loaded,
                "claim_verb" => MarkerKind::ClaimVerb,
                "attribution" => MarkerKind::Attribution,
                "boilerplate" => MarkerKind::Boilerplate,
                "metadata" => MarkerKind::Metadata,
                _ => continue,
            };
            let norm = arabic::normalize(f[0]);
            let words: Vec<String> = tokenize(&norm).iter().map(|t| t.text.to_string()).collect();
            if words.is_empty() {
                continue;
            }
            v.push(Marker {
                words,
                kind,
                weight: f[2].parse().unwrap_or(1),
            });
        }
        v
    })
}

/// A token matches a marker word when equal after normalisation, or equal once a conjunction,
/// preposition or the article is stripped (وبحجة, بالاحتلال).
fn word_matches(token: &str, word: &str) -> bool {
    if token == word {
        return true;
    }
    for p in ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب"] {
        if let Some(r) = token.strip_prefix(p) {
            if r == word || arabic::strip_proclitics(r) == word {
                return true;
            }
        }
    }
    arabic::strip_proclitics(token) == arabic::strip_proclitics(word) && word.chars().count() >= 4
}

/// Every marker in a sentence.
pub fn find(sentence: &str) -> Vec<MarkerHit> {
    let toks = tokenize(sentence);
    let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
    let mut out = Vec::new();
    for m in markers() {
        let n = m.words.len();
        if n > norms.len() {
            continue;
        }
        for i in 0..=norms.len() - n {
            if (0..n).all(|k| {
                if k == 0 {
                    word_matches(&norms[i], &m.words[0])
                } else {
                    norms[i + k] == m.words[k] || word_matches(&norms[i + k], &m.words[k])
                }
            }) {
                out.push(MarkerHit {
                    kind: m.kind,
                    weight: m.weight,
                    start: toks[i].start,
                    end: toks[i + n - 1].end,
                    token: i,
                });
            }
        }
    }
    out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    out
}

/// Summed weight of editorial (not boilerplate/metadata) markers.
pub fn editorial_weight(hits: &[MarkerHit]) -> u32 {
    hits.iter()
        .filter(|h| {
            matches!(
                h.kind,
                MarkerKind::Connective
                    | MarkerKind::Loaded
                    | MarkerKind::ClaimVerb
                    | MarkerKind::Attribution
            )
        })
        .map(|h| h.weight as u32)
        .sum()
}
