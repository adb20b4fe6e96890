//! `moved`: an Arabic sentence (not the first) moved to the start of the article, or an early one
//! moved to the end, as outlets restructure a release. A move inside one gold bead (the two
//! halves of a split sentence trading places) is not a reordering and is not made.

use super::rng::Rng;
use super::{Change, Doc};

/// Gold bead index of each Arabic sentence.
fn bead_of(doc: &Doc) -> Vec<usize> {
    let mut out = vec![usize::MAX; doc.pair.ar.len()];
    for (b, bead) in doc.pair.beads.iter().enumerate() {
        for &j in &bead.ar {
            out[j] = b;
        }
    }
    out
}

/// A head line (title, dateline without a verb) is not moved: outlets do not move those. Nor is
/// a sentence that renders nothing of the source: moved or not, it is an insertion, and no
/// reordering can be read from it.
fn movable(doc: &Doc, bead: &[usize], j: usize) -> bool {
    let s = &doc.pair.ar[j];
    let renders = doc
        .pair
        .beads
        .get(bead[j])
        .is_some_and(|b| !b.en.is_empty());
    renders
        && (s.trim_end().ends_with(['.', '؟', '!', '»', '"', ')'])
            || s.split_whitespace().count() > 12)
}

pub fn sites(doc: &Doc, _rng: &mut Rng) -> Vec<Change> {
    let n = doc.pair.ar.len();
    if n < 4 {
        return Vec::new();
    }
    let bead = bead_of(doc);
    let mut out = Vec::new();
    // Late or middle sentences to the front (the lead).
    for from in 1..n {
        if movable(doc, &bead, from) && bead[from] != bead[0] {
            out.push(Change::Move { from, to: 0 });
        }
    }
    // Early sentences to the end.
    for from in 0..(n / 3).max(1) {
        if movable(doc, &bead, from) && bead[from] != bead[n - 1] && bead[from] != bead[from + 1] {
            out.push(Change::Move { from, to: n - 1 });
        }
    }
    out
}
