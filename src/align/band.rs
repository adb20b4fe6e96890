//! The band of the dynamic programme: a corridor around a path through anchors that occur exactly
//! once on each side (a rare number, a name, an acronym, a rare word). Real documents often start
//! with insertions, so the plain diagonal is a poor guide.

use crate::anchors::{ItemKind, PairAnchors};
use std::collections::HashMap;
use std::ops::Range;

/// Expected target position (relative to the span start) for each source boundary 0..=n.
pub fn center(a: &PairAnchors, src: Range<usize>, tgt: Range<usize>) -> Vec<f64> {
    let n = src.len();
    let m = tgt.len();
    // key -> (src count, src index, tgt count, tgt index)
    let mut occ: HashMap<u32, (u32, usize, u32, usize)> = HashMap::new();
    for (k, i) in src.clone().enumerate() {
        for item in &a.src[i].items {
            if item.kind == ItemKind::Term && item.weight < 1.5 {
                continue;
            }
            for &key in &item.keys {
                let e = occ.entry(key).or_insert((0, 0, 0, 0));
                if e.0 == 0 || e.1 != k {
                    e.0 += 1;
                }
                e.1 = k;
            }
        }
    }
    for (k, j) in tgt.clone().enumerate() {
        for &key in &a.tgt[j].offers {
            if let Some(e) = occ.get_mut(&key) {
                if e.2 == 0 || e.3 != k {
                    e.2 += 1;
                }
                e.3 = k;
            }
        }
    }
    let mut points: Vec<(usize, usize)> = occ
        .values()
        .filter(|e| e.0 == 1 && e.2 == 1)
        .map(|e| (e.1, e.3))
        .collect();
    points.sort_unstable();
    points.dedup();
    let chain = longest_chain(&points);
    // Interpolate through (0,0), the chain (at sentence midpoints) and (n,m).
    let mut knots: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    for (i, j) in chain {
        knots.push((i as f64 + 0.5, j as f64 + 0.5));
    }
    knots.push((n as f64, m as f64));
    let mut out = Vec::with_capacity(n + 1);
    let mut k = 0;
    for i in 0..=n {
        let x = i as f64;
        while k + 2 < knots.len() && knots[k + 1].0 <= x {
            k += 1;
        }
        let (x0, y0) = knots[k];
        let (x1, y1) = knots[(k + 1).min(knots.len() - 1)];
        let y = if x1 > x0 {
            y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        } else {
            y0
        };
        out.push(y.clamp(0.0, m as f64));
    }
    out
}

/// Longest chain of points strictly increasing in both coordinates (patience sorting,
/// O(P log P)). `points` must be sorted by (i, j).
fn longest_chain(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Process equal i in decreasing j so that two points of one row never chain.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| {
        points[a]
            .0
            .cmp(&points[b].0)
            .then(points[b].1.cmp(&points[a].1))
    });
    let mut tails: Vec<usize> = Vec::new(); // index into points of the smallest tail per length
    let mut prev: Vec<Option<usize>> = vec![None; points.len()];
    for &p in &order {
        let j = points[p].1;
        let pos = tails.partition_point(|&t| points[t].1 < j);
        if pos > 0 {
            prev[p] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(p);
        } else {
            tails[pos] = p;
        }
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(c) = cur {
        chain.push(points[c]);
        cur = prev[c];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_is_increasing() {
        let pts = vec![(0, 5), (1, 1), (2, 2), (2, 3), (3, 0), (4, 4)];
        let c = longest_chain(&pts);
        assert_eq!(c.len(), 3);
        assert!(c.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
    }
}
