//! `list_item`: one item dropped from a coordinated list of three or more in the Arabic, the list
//! left grammatical. Two shapes: comma lists «أ، ب، وج» (a middle item goes; with two items left
//! the comma goes too: «أ وج») and chains of single definite conjuncts «أ والب والج» (the middle
//! conjunct goes). Only middle items are dropped: the first item's start and the last item's end
//! are not reliably known, a middle item's are.

use super::rng::Rng;
use super::words::{self, Word};
use super::{Doc, Edit};

/// Comma positions (byte offsets) of a sentence.
fn commas(s: &str) -> Vec<usize> {
    s.char_indices()
        .filter(|(_, c)| matches!(c, '،' | ','))
        .map(|(i, _)| i)
        .collect()
}

/// A list item's words: short, and opening with a noun (definite, or not verb-like).
fn item_like(ws: &[Word]) -> bool {
    if ws.is_empty() || ws.len() > 4 {
        return false;
    }
    let first = ws[0].norm.strip_prefix('و').unwrap_or(&ws[0].norm);
    let verbish = first.starts_with(['ي', 'ت', 'س']) && !first.starts_with("ال")
        || [
            "ان",
            "قد",
            "كما",
            "ثم",
            "الذي",
            "التي",
            "الذين",
            "حيث",
            "اذ",
            "لكن",
            "بل",
        ]
        .contains(&first);
    (first.starts_with("ال") || ws.len() <= 2) && !verbish
}

fn in_range(ws: &[Word], a: usize, b: usize) -> Vec<Word> {
    ws.iter()
        .filter(|w| w.start >= a && w.end <= b)
        .cloned()
        .collect()
}

fn comma_sites(s: &str, j: usize) -> Vec<Edit> {
    let ws = words::words(s);
    let cs = commas(s);
    let mut out = Vec::new();
    // Segment t runs from comma t-1 (or start) to comma t (or end).
    let bounds: Vec<(usize, usize)> = (0..=cs.len())
        .map(|t| {
            let a = if t == 0 {
                0
            } else {
                cs[t - 1] + '،'.len_utf8()
            };
            let b = if t < cs.len() { cs[t] } else { s.len() };
            (a, b)
        })
        .collect();
    for t in 1..bounds.len().saturating_sub(1) {
        let mid = in_range(&ws, bounds[t].0, bounds[t].1);
        if !item_like(&mid) {
            continue;
        }
        // Further items up to one opening with و, which closes the list.
        let mut last = None;
        for (u, &(ua, ub)) in bounds.iter().enumerate().skip(t + 1) {
            let seg = in_range(&ws, ua, ub);
            let Some(first) = seg.first() else { break };
            if first.norm.starts_with('و') && item_like(&seg[..1]) {
                last = Some(u);
                break;
            }
            if !item_like(&seg) {
                break;
            }
        }
        let Some(u) = last else { continue };
        // The item before the middle one: the tail of the previous segment must be noun-like.
        let prev = in_range(&ws, bounds[t - 1].0, bounds[t - 1].1);
        if prev.last().map_or(true, |w| w.norm.starts_with(['ي', 'س'])) {
            continue;
        }
        let items = u - t + 2;
        let mid_all_waw = mid.first().is_some_and(|w| w.norm.starts_with('و'));
        let new = if items == 3 && !mid_all_waw {
            // «أ، ب، وج» → «أ وج»: the middle item and both commas go.
            format!("{} {}", &s[..cs[t - 1]], &s[cs[t] + '،'.len_utf8()..])
        } else {
            // «أ، ب، ج، ود» → «أ، ج، ود»; «أ، وب، وج» → «أ، وج».
            format!("{}{}", &s[..cs[t - 1]], &s[cs[t]..])
        };
        let _ = items;
        out.push(Edit::new(j, s, words::tidy(&new)));
    }
    out
}

/// «أ والب والج»: three or more adjacent definite conjuncts, the middle one dropped.
fn chain_sites(s: &str, j: usize) -> Vec<Edit> {
    let ws = words::words(s);
    let definite = |w: &Word| {
        let n = w.norm.trim_start_matches(['و', 'ب', 'ل', 'ك']);
        n.starts_with("ال") || w.norm.starts_with("لل") || w.norm.starts_with("ولل")
    };
    // «وإليه» (and to him) spells و+ال too: the preposition إلى with a pronoun is no noun.
    let conj = |w: &Word| {
        (w.norm.starts_with("وال") && !preposition_ila(&w.norm["و".len()..]))
            || w.norm.starts_with("ولل")
    };
    let mut out = Vec::new();
    for k in 1..ws.len().saturating_sub(1) {
        let (a, b, c) = (&ws[k - 1], &ws[k], &ws[k + 1]);
        // Adjacent: nothing but a space between them.
        if s[a.end..b.start] != *" " || s[b.end..c.start] != *" " {
            continue;
        }
        if !conj(a) && definite(a) && conj(b) && conj(c) {
            let new = words::replace(s, a.end, b.end, "");
            out.push(Edit::new(j, s, new));
        }
    }
    out
}

/// Whether a normalised word is the preposition إلى, bare or with an attached pronoun
/// («إليه», «إليهم», «إلينا»).
fn preposition_ila(norm: &str) -> bool {
    norm.strip_prefix("الي").is_some_and(|rest| {
        [
            "", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا",
        ]
        .contains(&rest)
    })
}

pub fn sites(doc: &Doc, j: usize, _rng: &mut Rng) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    let mut out = comma_sites(s, j);
    out.extend(chain_sites(s, j));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_list_loses_its_middle_item() {
        let s = "زار الوفد بغداد، وعمّان، ودمشق الأسبوع الماضي.";
        let e = comma_sites(s, 0);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].text, "زار الوفد بغداد، ودمشق الأسبوع الماضي.");
        let s = "شملت المباحثات الأمن، الطاقة، والتجارة.";
        assert_eq!(comma_sites(s, 0)[0].text, "شملت المباحثات الأمن والتجارة.");
    }

    #[test]
    fn conjunct_chain_loses_its_middle_item() {
        let s = "مكافحة تهريب الأسلحة والمخدرات والبشر عبر البحر.";
        let e = chain_sites(s, 0);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].text, "مكافحة تهريب الأسلحة والبشر عبر البحر.");
        assert!(e[0].before.contains("المخدرات") && !e[0].after.contains("المخدرات"));
    }

    #[test]
    fn a_preposition_with_a_pronoun_is_no_conjunct() {
        // «وإليه» opens a clause after the pair «السماوات والأرض»: no list of three.
        let s = "له ملك السماوات والأرض وإليه المصير.";
        assert!(chain_sites(s, 0).is_empty());
    }
}
