//! `institution`: an institution or force rendered as a confusable one, from a confusion table
//! written for this benchmark (data/institutions.tsv): Foreign Military Sales ↔ Financing, Iraqi
//! Security Forces ↔ Internal Security Forces, Coast Guard ↔ Navy, Central ↔ European Command …
//! Matching is on normalised words, a proclitic (و ف ب ل، and ل + ال = لل) kept; the longest
//! variant wins, so «مجلس الأمن القومي» is never read as «مجلس الأمن».

use super::rng::Rng;
use super::words;
use super::{Doc, Edit};
use crate::text::arabic::normalize;
use std::sync::OnceLock;

/// (variants, the other side's variants) for both directions of each pair.
fn table() -> &'static Vec<(Vec<&'static str>, Vec<&'static str>)> {
    static T: OnceLock<Vec<(Vec<&'static str>, Vec<&'static str>)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut out = Vec::new();
        for line in include_str!("data/institutions.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((l, r)) = line.split_once('\t') else {
                continue;
            };
            let l: Vec<&str> = l.split('|').map(str::trim).collect();
            let r: Vec<&str> = r.split('|').map(str::trim).collect();
            out.push((l.clone(), r.clone()));
            out.push((r, l));
        }
        out
    })
}

#[cfg(test)]
fn pair_count() -> usize {
    table().len() / 2
}

/// A variant matched in a sentence: byte range (clitic included), the clitic, table row, variant.
struct Hit {
    start: usize,
    end: usize,
    clitic: String,
    row: usize,
    variant: usize,
    words: usize,
}

fn hits(s: &str) -> Vec<Hit> {
    let ws = words::words(s);
    let mut all = Vec::new();
    for (row, (vars, _)) in table().iter().enumerate() {
        for (vi, v) in vars.iter().enumerate() {
            let vw: Vec<String> = v.split(' ').map(normalize).collect();
            for k in 0..ws.len() {
                if k + vw.len() > ws.len() {
                    break;
                }
                let first = &ws[k].norm;
                let clitic = ["", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"]
                    .into_iter()
                    .find(|c| {
                        first.strip_prefix(c) == Some(vw[0].as_str())
                            || (c.ends_with('ل')
                                && vw[0].starts_with("ال")
                                && first.strip_prefix(c).and_then(|r| r.strip_prefix('ل'))
                                    == vw[0].strip_prefix("ال"))
                    });
                let Some(clitic) = clitic else { continue };
                if (1..vw.len()).all(|i| ws[k + i].norm == vw[i])
                    // No punctuation inside the name.
                    && !s[ws[k].start..ws[k + vw.len() - 1].end].contains(['،', ',', '.'])
                {
                    all.push(Hit {
                        start: ws[k].start,
                        end: ws[k + vw.len() - 1].end,
                        clitic: words::letters_prefix(&s[ws[k].start..], clitic.chars().count())
                            .to_string(),
                        row,
                        variant: vi,
                        words: vw.len(),
                    });
                }
            }
        }
    }
    // Longest first; drop matches inside a longer one.
    all.sort_by(|a, b| b.words.cmp(&a.words).then(a.start.cmp(&b.start)));
    let mut kept: Vec<Hit> = Vec::new();
    for h in all {
        if !kept.iter().any(|k| k.start < h.end && h.start < k.end) {
            kept.push(h);
        }
    }
    kept.sort_by_key(|h| h.start);
    kept
}

/// A clitic and a term, with ل + ال written لل.
fn attach(clitic: &str, term: &str) -> String {
    if clitic.ends_with('ل') {
        if let Some(rest) = term.strip_prefix("ال") {
            return format!("{clitic}ل{rest}");
        }
    }
    format!("{clitic}{term}")
}

pub fn sites(doc: &Doc, j: usize, _rng: &mut Rng) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    let norm_s = normalize(s);
    let mut out = Vec::new();
    for h in hits(s) {
        let (_, other) = &table()[h.row];
        let replacement = other.get(h.variant).unwrap_or(&other[0]);
        // Already in the sentence: the swap would only duplicate it.
        if norm_s.contains(&normalize(replacement)) {
            continue;
        }
        let new = words::replace(s, h.start, h.end, &attach(&h.clitic, replacement));
        out.push(Edit::new(j, s, new));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_fifteen_pairs() {
        assert!(pair_count() >= 15);
    }

    #[test]
    fn longest_match_and_clitics() {
        let s = "واجتمع مجلس الأمن القومي مع ممثلي خفر السواحل الأمريكي وللقيادة المركزية.";
        let h = hits(s);
        let texts: Vec<&str> = h.iter().map(|h| &s[h.start..h.end]).collect();
        assert_eq!(
            texts,
            [
                "مجلس الأمن القومي",
                "خفر السواحل الأمريكي",
                "وللقيادة المركزية"
            ]
        );
        assert_eq!(h[2].clitic, "ول");
        assert_eq!(attach("ول", "القيادة الأوروبية"), "وللقيادة الأوروبية");
    }
}
