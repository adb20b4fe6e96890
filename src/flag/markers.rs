//! Editorial markers: words and phrases that signal commentary or loaded framing in an Arabic
//! rendering (data/editorial_markers.tsv in src/anchors). They raise severity and mark clause
//! starts; they never decide a flag alone.

use crate::text::{arabic, tokens::tokenize};
use std::collections::HashMap;
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

/// Proclitics a token may carry before a marker word.
const PROCLITICS: [&str; 8] = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب"];

/// Markers by the forms of their first word, so that a sentence is read once rather than once
/// per marker: `exact` by the word itself, `stripped` by the word without proclitics (for words
/// of four letters or more, which may match that way; see [`word_matches`]).
struct MarkerIndex {
    exact: HashMap<String, Vec<usize>>,
    stripped: HashMap<String, Vec<usize>>,
}

fn index() -> &'static MarkerIndex {
    static I: OnceLock<MarkerIndex> = OnceLock::new();
    I.get_or_init(|| {
        let mut ix = MarkerIndex {
            exact: HashMap::new(),
            stripped: HashMap::new(),
        };
        for (k, m) in markers().iter().enumerate() {
            let w = &m.words[0];
            ix.exact.entry(w.clone()).or_default().push(k);
            if w.chars().count() >= 4 {
                let s = arabic::strip_proclitics(w).to_string();
                ix.stripped.entry(s).or_default().push(k);
            }
        }
        ix
    })
}

/// Markers whose first word `token` may be: those keyed by one of the forms [`word_matches`]
/// accepts. A superset is fine (each is checked in full), a missing one is not.
fn candidates(token: &str, ix: &MarkerIndex, out: &mut Vec<usize>) {
    out.clear();
    let mut exact = |form: &str| {
        if let Some(v) = ix.exact.get(form) {
            out.extend_from_slice(v);
        }
    };
    exact(token);
    for p in PROCLITICS {
        if let Some(r) = token.strip_prefix(p) {
            exact(r);
            exact(arabic::strip_proclitics(r));
        }
    }
    if let Some(v) = ix.stripped.get(arabic::strip_proclitics(token)) {
        out.extend_from_slice(v);
    }
    out.sort_unstable();
    out.dedup();
}

/// A token matches a marker word when equal after normalisation, or equal once a conjunction,
/// preposition or the article is stripped (وبحجة, بالاحتلال).
fn word_matches(token: &str, word: &str) -> bool {
    if token == word {
        return true;
    }
    for p in PROCLITICS {
        if let Some(r) = token.strip_prefix(p) {
            if r == word || arabic::strip_proclitics(r) == word {
                return true;
            }
        }
    }
    arabic::strip_proclitics(token) == arabic::strip_proclitics(word) && word.chars().count() >= 4
}

/// Every marker in a sentence, ordered by start (longest first), then by the markers' order in
/// the data file.
pub fn find(sentence: &str) -> Vec<MarkerHit> {
    let toks = tokenize(sentence);
    let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
    let (all, ix) = (markers(), index());
    let mut hits: Vec<(usize, MarkerHit)> = Vec::new();
    let mut cands = Vec::new();
    for i in 0..norms.len() {
        candidates(&norms[i], ix, &mut cands);
        for &k in &cands {
            let m = &all[k];
            let n = m.words.len();
            if i + n > norms.len() || !word_matches(&norms[i], &m.words[0]) {
                continue;
            }
            if (1..n)
                .all(|k| norms[i + k] == m.words[k] || word_matches(&norms[i + k], &m.words[k]))
            {
                hits.push((
                    k,
                    MarkerHit {
                        kind: m.kind,
                        weight: m.weight,
                        start: toks[i].start,
                        end: toks[i + n - 1].end,
                        token: i,
                    },
                ));
            }
        }
    }
    hits.sort_by_key(|(k, h)| (h.start, std::cmp::Reverse(h.end), *k));
    hits.into_iter().map(|(_, h)| h).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every marker tried at every token: what the index must find.
    fn every_marker_everywhere(sentence: &str) -> Vec<(usize, usize, usize)> {
        let toks = tokenize(sentence);
        let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
        let mut out = Vec::new();
        for m in markers() {
            let n = m.words.len();
            for i in 0..(norms.len() + 1).saturating_sub(n) {
                if (0..n).all(|k| word_matches(&norms[i + k], &m.words[k])) {
                    out.push((toks[i].start, toks[i + n - 1].end, i));
                }
            }
        }
        out.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        out
    }

    #[test]
    fn the_index_finds_what_every_marker_everywhere_finds() {
        let seed = include_str!("../../seeds/000_6ca39d9e9a070d2d.txt");
        let arabic = crate::test_corpora::sentences()
            .into_iter()
            .filter(|(_, lang)| *lang == crate::text::Lang::Ar)
            .map(|(line, _)| line);
        let mut found = 0;
        for line in seed.lines().map(String::from).chain(arabic) {
            let line = line.as_str();
            let got: Vec<(usize, usize, usize)> = find(line)
                .iter()
                .map(|h| (h.start, h.end, h.token))
                .collect();
            assert_eq!(got, every_marker_everywhere(line), "{line}");
            found += got.len();
        }
        assert!(found > 20, "only {found} markers");
    }

    #[test]
    fn markers_match_through_proclitics() {
        let hits = find("وبحجة محاربة الإرهاب قال المتحدث");
        assert!(hits.iter().any(|h| h.token == 0), "{hits:?}");
    }
}
