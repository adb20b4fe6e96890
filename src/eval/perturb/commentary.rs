//! `commentary`: a clause of commentary inserted into a translated sentence at a clause boundary
//! (before the closing punctuation, or after a comma), drawn from a bank of clauses written for
//! this benchmark (data/commentary.txt). The edit's span is the inserted clause.

use super::rng::Rng;
use super::words;
use super::{Doc, Edit};
use crate::text::arabic::normalize;
use std::sync::OnceLock;

pub fn bank() -> &'static Vec<&'static str> {
    static BANK: OnceLock<Vec<&'static str>> = OnceLock::new();
    BANK.get_or_init(|| {
        include_str!("data/commentary.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Inserts `clause` at byte `at` as «، clause» (before closing punctuation or a comma); the
/// new text and the clause's char span in it.
pub fn insert(s: &str, at: usize, clause: &str) -> (String, (usize, usize)) {
    let head = s[..at].trim_end();
    let tail = &s[at..];
    let new = words::tidy(&format!("{head}، {clause}{tail}"));
    let start = new.find(clause).map_or(0, |b| new[..b].chars().count());
    (new, (start, start + clause.chars().count()))
}

pub fn sites(doc: &Doc, j: usize, rng: &mut Rng) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    if words::words(s).len() < 6 {
        return Vec::new();
    }
    let fresh: Vec<&str> = bank()
        .iter()
        .copied()
        .filter(|c| !doc.ar_norm.contains(&normalize(c)))
        .collect();
    // Boundaries: before the final punctuation (or the end), and at each comma.
    let trimmed = s.trim_end_matches(['.', '!', '؟', '?', '"', '»', ')', ' ']);
    let mut at = vec![trimmed.len()];
    at.extend(
        s.char_indices()
            .filter(|(i, c)| matches!(c, '،' | ',') && *i < trimmed.len())
            .map(|(i, _)| i),
    );
    let mut out = Vec::new();
    for a in at {
        let Some(clause) = rng.pick(&fresh) else {
            break;
        };
        let (new, span) = insert(s, a, clause);
        let mut e = Edit::new(j, s, new);
        e.span = span;
        e.after = clause.to_string();
        e.before = String::new();
        out.push(e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bank_has_forty_distinct_clauses() {
        let b = bank();
        assert!(b.len() >= 40);
        let mut d = b.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), b.len());
    }

    #[test]
    fn inserted_clause_is_spanned() {
        let s = "وقصفت الطائرات مواقع التنظيم، ودمرت مخازن للأسلحة.";
        let c = "في ظل صمت دولي مريب";
        let (new, (a, b)) = insert(s, s.find('،').unwrap(), c);
        assert_eq!(
            new,
            "وقصفت الطائرات مواقع التنظيم، في ظل صمت دولي مريب، ودمرت مخازن للأسلحة."
        );
        assert_eq!(crate::text::char_slice(&new, a, b), c);
        let end = s.len() - '.'.len_utf8();
        let (new, _) = insert(s, end, c);
        assert_eq!(
            new,
            "وقصفت الطائرات مواقع التنظيم، ودمرت مخازن للأسلحة، في ظل صمت دولي مريب."
        );
    }
}
