//! Scoring against gold corpora: strict bead P/R/F1 (null beads counted one sentence each), lax
//! link P/R/F1, and sentence-boundary F1. The definitions match ../shared/tools/score.py and
//! seg_eval.py, so the numbers are the same.

pub mod perturb;

use crate::align::Bead;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A gold bead over 0-based sentence indices.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldBead {
    pub en: Vec<usize>,
    pub ar: Vec<usize>,
}

/// The parts of gold.json the metrics use.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Gold {
    pub beads: Vec<GoldBead>,
}

/// Precision, recall, F1 with counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(tp: usize, predicted: usize, gold: usize) -> Prf {
        let p = if predicted > 0 {
            tp as f64 / predicted as f64
        } else {
            0.0
        };
        let r = if gold > 0 {
            tp as f64 / gold as f64
        } else {
            0.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf { p, r, f1 }
    }
}

type Key = (Vec<usize>, Vec<usize>);

/// Null beads become one bead per sentence, so grouping adjacent unaligned sentences differently
/// is not penalised.
fn explode(src: &[usize], tgt: &[usize]) -> Vec<Key> {
    if !src.is_empty() && !tgt.is_empty() {
        let mut s = src.to_vec();
        let mut t = tgt.to_vec();
        s.sort_unstable();
        t.sort_unstable();
        return vec![(s, t)];
    }
    src.iter()
        .map(|&i| (vec![i], vec![]))
        .chain(tgt.iter().map(|&j| (vec![], vec![j])))
        .collect()
}

fn links(beads: &[Key]) -> HashSet<(usize, usize)> {
    beads
        .iter()
        .flat_map(|(s, t)| s.iter().flat_map(move |&i| t.iter().map(move |&j| (i, j))))
        .collect()
}

/// Strict bead and lax link scores of predicted beads against gold.
pub fn score(gold: &Gold, predicted: &[Bead]) -> (Prf, Prf) {
    let g: Vec<Key> = gold
        .beads
        .iter()
        .flat_map(|b| explode(&b.en, &b.ar))
        .collect();
    let p: Vec<Key> = predicted
        .iter()
        .flat_map(|b| explode(&b.src, &b.tgt))
        .collect();
    let gs: HashSet<&Key> = g.iter().collect();
    let ps: HashSet<&Key> = p
        .iter()
        .filter(|(s, t)| !s.is_empty() || !t.is_empty())
        .collect();
    let beads = Prf::new(gs.intersection(&ps).count(), ps.len(), gs.len());
    let gl = links(&g);
    let pl = links(&p);
    let link = Prf::new(gl.intersection(&pl).count(), pl.len(), gl.len());
    (beads, link)
}

/// Sentence end offsets in the text with all whitespace removed.
pub fn boundaries<'a>(sentences: impl IntoIterator<Item = &'a str>) -> HashSet<usize> {
    let mut pos = 0;
    let mut out = HashSet::new();
    for s in sentences {
        pos += s.chars().filter(|c| !c.is_whitespace()).count();
        out.insert(pos);
    }
    out
}

/// (true positives, predicted, gold) boundary counts.
pub fn boundary_counts(gold: &HashSet<usize>, predicted: &HashSet<usize>) -> (usize, usize, usize) {
    (
        gold.intersection(predicted).count(),
        predicted.len(),
        gold.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(s: &[usize], t: &[usize]) -> Bead {
        Bead {
            src: s.to_vec(),
            tgt: t.to_vec(),
            score: 1.0,
        }
    }

    #[test]
    fn null_beads_are_exploded() {
        let gold = Gold {
            beads: vec![
                GoldBead {
                    en: vec![],
                    ar: vec![0, 1],
                },
                GoldBead {
                    en: vec![0],
                    ar: vec![2],
                },
            ],
        };
        let pred = vec![bead(&[], &[0]), bead(&[], &[1]), bead(&[0], &[2])];
        let (b, l) = score(&gold, &pred);
        assert_eq!(b.f1, 1.0);
        assert_eq!(l.f1, 1.0);
        let pred = vec![bead(&[0], &[0, 1, 2])];
        let (b, _) = score(&gold, &pred);
        assert_eq!(b.f1, 0.0);
    }

    #[test]
    fn boundary_offsets_ignore_spaces() {
        let b = boundaries(["a b.", "c d."]);
        assert_eq!(b, [3usize, 6].into_iter().collect());
    }
}
