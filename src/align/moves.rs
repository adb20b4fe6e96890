//! Moved sentences: after the monotone path, every sentence it left unaligned is matched against
//! the sentences of the other side anywhere in the document. A sentence rendered from another
//! place (a late sentence moved to the lead, a quote given out of order) is a real translation
//! pair, kept beside the path; one with no counterpart anywhere stays unaligned, and the path was
//! never bent to reach it.
//!
//! The test is the document's own model: the evidence of a 1-1 bead (lengths, item matches,
//! similarity) against the prior odds that a given unaligned sentence has been moved to a given
//! place — one in `MOVE_SHARE` unaligned sentences moved, to any of the candidate places.

use super::cost::Scorer;
use super::{Bead, Fixed};
use crate::text::FastMap;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A sentence pair outside the monotone path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    pub src: usize,
    pub tgt: usize,
    /// Posterior probability that the two sentences render each other.
    pub score: f64,
    /// Whether the source sentence is also aligned on the path: the target restates it (a
    /// repeated quote, a summary line) rather than moves it.
    pub repeat: bool,
}

/// Prior share of unaligned sentences that are moved rather than inserted or omitted.
const MOVE_SHARE: f64 = 0.2;

/// Candidate pairs scored at most, on long documents, per unaligned sentence (the ones sharing
/// the rarest keys).
const MAX_CANDIDATES: usize = 64;

/// Moved and repeated sentence pairs of an alignment.
pub fn find(sc: &Scorer, candidates: &Candidates, beads: &[Bead]) -> Vec<Move> {
    let a = sc.anchors;
    let lone_src: Vec<usize> = beads
        .iter()
        .filter(|b| b.tgt.is_empty())
        .flat_map(|b| b.src.iter().copied())
        .collect();
    let lone_tgt: Vec<usize> = beads
        .iter()
        .filter(|b| b.src.is_empty())
        .flat_map(|b| b.tgt.iter().copied())
        .collect();
    if lone_tgt.is_empty() {
        return Vec::new();
    }
    let mut is_lone_src = vec![false; a.src.len()];
    for &i in &lone_src {
        is_lone_src[i] = true;
    }
    // The path's bead of each aligned source sentence: total source and target lengths and the
    // number of target sentences (a fragment of a sentence moved away completes that bead).
    let mut path_bead: Vec<Option<(f64, f64, usize)>> = vec![None; a.src.len()];
    // The target sentences of each source sentence's bead, first and last: a target sentence
    // right beside them is no move away (a sentence split in two), so it pays no choice of place.
    let mut path_span: Vec<Option<(usize, usize)>> = vec![None; a.src.len()];
    for b in beads
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
    {
        let ls: f64 = b.src.iter().map(|&i| a.src[i].len).sum();
        let lt: f64 = b.tgt.iter().map(|&j| a.tgt[j].len).sum();
        let span = (
            b.tgt.iter().copied().min().unwrap_or(0),
            b.tgt.iter().copied().max().unwrap_or(0),
        );
        for &i in &b.src {
            path_bead[i] = Some((ls, lt, b.tgt.len()));
            path_span[i] = Some(span);
        }
    }
    let mut mask = |i: usize, j: usize| sc.cell(i, j);
    // Evidence of each candidate pair: the 1-1 bead's log-likelihood ratio without its shape
    // prior (a move is not an adjacent bead), less the log prior odds of that particular move.
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for &j in &lone_tgt {
        let cands = candidates.for_target(sc, j);
        // A moved sentence: one of the unaligned source sentences; a repeat: any of them.
        let n_lone = lone_src.len().max(1) as f64;
        let n_all = a.src.len().max(1) as f64;
        for i in cands {
            let t = sc.terms(i, 1, j, 1, &mut mask);
            // A sentence also rendered on the path may be restated whole here (its lengths fit
            // one to one) or have a part of it moved here: then the lengths fit as the rest of
            // its bead, and only this sentence's own items speak (what it leaves out of the
            // longer sentence is rendered on the path) — a clause split off and given elsewhere.
            let whole = t.length + t.items;
            let part = match path_bead[i] {
                // A headline or dateline (a head-like line) is no clause split off a sentence.
                Some((ls, lt, n)) if !is_lone_src[i] && !a.tgt[j].head_like => {
                    let lj = a.tgt[j].len;
                    let completes = sc.model.length_llr(ls, lt + lj, (n + 1).min(3))
                        - sc.model.length_llr(ls, lt, n.min(3));
                    completes + sc.target_items(i, j, &mut mask)
                }
                _ => f32::NEG_INFINITY,
            };
            // The encoder's similarity is calibrated on whole renderings: a clause split off a
            // sentence is far from the whole sentence whatever it renders, so it weighs only
            // the whole-sentence reading.
            let evidence = (whole + t.semantic).max(part) as f64;
            let beside = path_span[i].is_some_and(|(lo, hi)| j + 1 == lo || j == hi + 1);
            let places = if beside && part > whole {
                1.0
            } else if is_lone_src[i] {
                n_lone
            } else {
                n_all
            };
            let log_odds = evidence + (MOVE_SHARE / (1.0 - MOVE_SHARE)).ln() - places.ln();
            if log_odds > 0.0 {
                scored.push((log_odds, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    let mut used_src = vec![false; a.src.len()];
    let mut used_tgt = vec![false; a.tgt.len()];
    let mut out = Vec::new();
    for (log_odds, i, j) in scored {
        // One partner each; a repeated source sentence may be restated more than once.
        if used_tgt[j] || (is_lone_src[i] && used_src[i]) {
            continue;
        }
        used_tgt[j] = true;
        used_src[i] = true;
        out.push(Move {
            src: i,
            tgt: j,
            score: 1.0 / (1.0 + (-log_odds).exp()),
            repeat: !is_lone_src[i],
        });
    }
    out.sort_by_key(|m| (m.tgt, m.src));
    out
}

/// Re-seats the source sentences of repeats that their path bead explains worse than the repeat
/// does: a late sentence moved to the lead is first forced onto whatever Arabic sentence stands
/// in its old place (background the outlet added there), and the lead then reads as restating
/// it. When the lead renders it better — its whole-sentence evidence, after paying the prior
/// odds of a move, beats the evidence of the path's 1-1 bead — the lead is the sentence's
/// rendering (a move), and the path's Arabic sentence stands alone.
/// A bead the reviewer fixed is never split.
pub fn reseat(sc: &Scorer, beads: &mut Vec<Bead>, moves: &mut Vec<Move>, fixed: &[Fixed]) {
    let a = sc.anchors;
    let prior = (MOVE_SHARE / (1.0 - MOVE_SHARE)).ln() - (a.src.len().max(1) as f64).ln();
    let evidence = |i: usize, j: usize| {
        let t = sc.terms(i, 1, j, 1, &mut |x, y| sc.cell(x, y));
        (t.length + t.items + t.semantic) as f64
    };
    // The strongest repeat of each source sentence decides.
    let mut order: Vec<usize> = (0..moves.len()).filter(|&k| moves[k].repeat).collect();
    order.sort_by(|&x, &y| moves[y].score.total_cmp(&moves[x].score));
    let mut reseated: Vec<usize> = Vec::new();
    for k in order {
        let (i, j) = (moves[k].src, moves[k].tgt);
        if reseated.contains(&i) || a.tgt[j].head_like {
            continue;
        }
        let Some(at) = beads.iter().position(|b| b.src == [i] && b.tgt.len() == 1) else {
            continue;
        };
        if fixed.iter().any(|f| f.is(&beads[at])) {
            continue;
        }
        let on_path = beads[at].tgt[0];
        if evidence(i, j) + prior <= evidence(i, on_path) {
            continue;
        }
        let score = beads[at].score;
        let alone = |src: Vec<usize>, tgt: Vec<usize>| Bead { src, tgt, score };
        beads.splice(
            at..=at,
            [alone(vec![i], vec![]), alone(vec![], vec![on_path])],
        );
        moves[k].repeat = false;
        reseated.push(i);
    }
    // A re-seated sentence has one partner: its other repeats are dropped.
    moves.retain(|m| !(m.repeat && reseated.contains(&m.src)));
}

/// Takes out of a merged bead an edge sentence that renders an unaligned sentence of the other
/// side from elsewhere: a late sentence moved to the lead sits beside the sentence that opens the
/// source, shares its subject, and the path takes both as one 2-1 or 1-2 bead, leaving the late
/// sentence's own counterpart unaligned, where the moves pass never looks at it. The bead
/// without that sentence, the sentence alone (an insertion or an omission) and the move (its
/// evidence less the prior odds of a move to this place) are weighed against the merged bead,
/// shape priors included; the better explanation stands. A bead the reviewer fixed is never
/// split.
pub fn unmerge(
    sc: &Scorer,
    candidates: &Candidates,
    beads: &mut Vec<Bead>,
    moves: &mut Vec<Move>,
    fixed: &[Fixed],
) {
    let a = sc.anchors;
    let moved_src: HashSet<usize> = moves.iter().filter(|m| !m.repeat).map(|m| m.src).collect();
    // A repeat's target stays a candidate: a restatement of a sentence the path merged into its
    // neighbour's bead may be that sentence moved (a condensed summary's lead).
    let moved_tgt: HashSet<usize> = moves.iter().filter(|m| !m.repeat).map(|m| m.tgt).collect();
    let mut lone_src = vec![false; a.src.len()];
    let mut lone_tgt: Vec<usize> = Vec::new();
    for b in beads.iter() {
        if b.tgt.is_empty() {
            for &i in b.src.iter().filter(|i| !moved_src.contains(i)) {
                lone_src[i] = true;
            }
        } else if b.src.is_empty() {
            lone_tgt.extend(b.tgt.iter().filter(|j| !moved_tgt.contains(j)));
        }
    }
    let n_lone_src = lone_src.iter().filter(|&&x| x).count();
    // Nothing to take out of a path without merged beads, nor into one without lone sentences.
    let merged = beads.iter().any(|b| b.src.len() + b.tgt.len() > 2);
    if (n_lone_src == 0 && lone_tgt.is_empty()) || !merged {
        return;
    }
    let odds = (MOVE_SHARE / (1.0 - MOVE_SHARE)).ln();
    // The unaligned target sentences each source sentence is worth scoring against.
    let mut tgt_of_src: FastMap<usize, Vec<usize>> = FastMap::default();
    for &j in &lone_tgt {
        for i in candidates.for_target(sc, j) {
            tgt_of_src.entry(i).or_default().push(j);
        }
    }
    let mut lone_tgt_now: HashSet<usize> = lone_tgt.iter().copied().collect();
    let cost = |i0: usize, di: usize, j0: usize, dj: usize| {
        sc.terms(i0, di, j0, dj, &mut |x, y| sc.cell(x, y)).cost() as f64
    };
    // The log odds of a move of i to j, with `places` places it could have gone.
    let move_odds = |i: usize, j: usize, places: usize| {
        let t = sc.terms(i, 1, j, 1, &mut |x, y| sc.cell(x, y));
        (t.length + t.items + t.semantic) as f64 + odds - (places.max(1) as f64).ln()
    };
    let mut k = 0;
    while k < beads.len() {
        let b = &beads[k];
        let (di, dj) = (b.src.len(), b.tgt.len());
        if di == 0 || dj == 0 || di > 3 || dj > 3 || di + dj < 3 || fixed.iter().any(|f| f.is(b)) {
            k += 1;
            continue;
        }
        let (i0, j0) = (b.src[0], b.tgt[0]);
        let merged = cost(i0, di, j0, dj);
        // (gain, source sentence, target sentence, log odds, whether the target is taken out)
        let mut best: Option<(f64, usize, usize, f64, bool)> = None;
        let mut consider = |gain: f64, i: usize, j: usize, log_odds: f64, tgt_out: bool| {
            if log_odds > 0.0 && gain > 0.0 && best.map_or(true, |x| gain > x.0) {
                best = Some((gain, i, j, log_odds, tgt_out));
            }
        };
        if dj >= 2 {
            for j in [j0, j0 + dj - 1] {
                let rest = if j == j0 { j0 + 1 } else { j0 };
                let apart = cost(i0, di, rest, dj - 1) + cost(i0, 0, j, 1);
                for i in candidates.for_target(sc, j) {
                    if lone_src[i] {
                        let lo = move_odds(i, j, n_lone_src);
                        consider(merged - (apart - lo), i, j, lo, true);
                    }
                }
            }
        }
        if di >= 2 {
            for i in [i0, i0 + di - 1] {
                let rest = if i == i0 { i0 + 1 } else { i0 };
                let apart = cost(rest, di - 1, j0, dj) + cost(i, 1, j0, 0);
                for &j in tgt_of_src.get(&i).into_iter().flatten() {
                    if lone_tgt_now.contains(&j) {
                        let lo = move_odds(i, j, lone_tgt.len());
                        consider(merged - (apart - lo), i, j, lo, false);
                    }
                }
            }
        }
        let Some((_, i, j, log_odds, tgt_out)) = best else {
            k += 1;
            continue;
        };
        let score = beads[k].score;
        let mut kept = beads[k].clone();
        let (alone, first) = if tgt_out {
            kept.tgt.retain(|&x| x != j);
            lone_src[i] = false;
            (
                Bead {
                    src: Vec::new(),
                    tgt: vec![j],
                    score,
                },
                j == j0,
            )
        } else {
            kept.src.retain(|&x| x != i);
            lone_tgt_now.remove(&j);
            (
                Bead {
                    src: vec![i],
                    tgt: Vec::new(),
                    score,
                },
                i == i0,
            )
        };
        let pair = if first { [alone, kept] } else { [kept, alone] };
        beads.splice(k..=k, pair);
        // The target was read as restating another sentence: it is this one, moved.
        moves.retain(|m| !(m.repeat && m.tgt == j));
        moves.push(Move {
            src: i,
            tgt: j,
            score: 1.0 / (1.0 + (-log_odds).exp()),
            repeat: false,
        });
        k += 2;
    }
    moves.sort_by_key(|m| (m.tgt, m.src));
}

/// Which source sentences are worth scoring against a target sentence: all of them on
/// news-length documents; on long ones, those sharing its rarest keys.
pub struct Candidates {
    /// key → source sentences offering it (long documents only).
    index: Option<FastMap<u32, Vec<usize>>>,
}

impl Candidates {
    pub fn new(sc: &Scorer) -> Candidates {
        let a = sc.anchors;
        if a.src.len() <= 4 * MAX_CANDIDATES {
            return Candidates { index: None };
        }
        let mut index: FastMap<u32, Vec<usize>> = FastMap::default();
        for (i, s) in a.src.iter().enumerate() {
            for &k in &s.offers {
                index.entry(k).or_default().push(i);
            }
        }
        Candidates { index: Some(index) }
    }

    fn for_target(&self, sc: &Scorer, j: usize) -> Vec<usize> {
        let Some(index) = &self.index else {
            return (0..sc.anchors.src.len()).collect();
        };
        let mut keys: Vec<&Vec<usize>> = sc.anchors.tgt[j]
            .items
            .iter()
            .flat_map(|it| it.keys.iter())
            .filter_map(|k| index.get(k))
            .collect();
        keys.sort_by_key(|v| v.len());
        let mut out: Vec<usize> = Vec::new();
        for list in keys {
            if out.len() >= MAX_CANDIDATES {
                break;
            }
            out.extend(list.iter().take(MAX_CANDIDATES));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::{self, lexicon::Lexicon};

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn bead(src: &[usize], tgt: &[usize]) -> Bead {
        Bead {
            src: src.to_vec(),
            tgt: tgt.to_vec(),
            score: 1.0,
        }
    }

    const EN_FIRST: [&str; 4] = [
        "Egypt and Jordan held talks in Cairo on March 3, 2026 on water security.",
        "The ministers reviewed the flow of the Nile and the state of shared aquifers.",
        "They agreed to set up a joint technical committee on desalination.",
        "The committee will meet every three months.",
    ];
    const EN_LAST: &str = "The next round will be held in Amman in June.";
    const AR_LEAD: &str = "وقعت مصر والأردن اتفاقية للمياه بقيمة 40 مليون دولار.";
    const AR_REST: [&str; 5] = [
        "جاء ذلك خلال محادثات عقدتها مصر والأردن في القاهرة يوم 3 مارس 2026 حول الأمن المائي.",
        "واستعرض الوزيران تدفق نهر النيل وحالة الخزانات الجوفية المشتركة.",
        "واتفقا على تشكيل لجنة فنية مشتركة لتحلية المياه.",
        "وستجتمع اللجنة كل ثلاثة أشهر.",
        "وتعقد الجولة المقبلة في عمان في يونيو.",
    ];

    /// Runs `unmerge` on a path of six sentences a side whose fifth source sentence (`late`) is
    /// given as the Arabic lead: the Arabic lead first, then the other five in order.
    fn unmerged(late: &str, path: Vec<Bead>) -> (Vec<Bead>, Vec<Move>) {
        unmerged_after(late, path, Vec::new())
    }

    /// `unmerged`, with the moves the moves pass found before.
    fn unmerged_after(late: &str, path: Vec<Bead>, found: Vec<Move>) -> (Vec<Bead>, Vec<Move>) {
        unmerged_fixed(late, path, found, &[])
    }

    /// `unmerged_after`, keeping `fixed` beads.
    fn unmerged_fixed(
        late: &str,
        path: Vec<Bead>,
        found: Vec<Move>,
        fixed: &[Fixed],
    ) -> (Vec<Bead>, Vec<Move>) {
        let mut en: Vec<&str> = EN_FIRST.to_vec();
        en.extend([late, EN_LAST]);
        let mut ar = vec![AR_LEAD];
        ar.extend(AR_REST);
        let a = anchors::build(&lines(&en), &lines(&ar), Lexicon::builtin());
        super::super::with_scorer(&a, |sc| {
            let mut beads = path;
            let mut moves = found;
            unmerge(sc, &Candidates::new(sc), &mut beads, &mut moves, fixed);
            (beads, moves)
        })
    }

    const SIGNED: &str = "Egypt and Jordan also signed a water agreement worth 40 million dollars.";
    const UNRELATED: &str = "Officials praised the hospitality of their hosts.";

    /// The path took the moved lead together with the first sentence's rendering.
    fn lead_merged() -> Vec<Bead> {
        vec![
            bead(&[0], &[0, 1]),
            bead(&[1], &[2]),
            bead(&[2], &[3]),
            bead(&[3], &[4]),
            bead(&[4], &[]),
            bead(&[5], &[5]),
        ]
    }

    /// The path took the moved sentence's source together with the sentence before it.
    fn source_merged() -> Vec<Bead> {
        vec![
            bead(&[], &[0]),
            bead(&[0], &[1]),
            bead(&[1], &[2]),
            bead(&[2], &[3]),
            bead(&[3, 4], &[4]),
            bead(&[5], &[5]),
        ]
    }

    fn pairs(moves: &[Move]) -> Vec<(usize, usize)> {
        moves.iter().map(|m| (m.src, m.tgt)).collect()
    }

    #[test]
    fn a_moved_lead_merged_with_its_neighbour_is_taken_out_as_a_move() {
        let (beads, moves) = unmerged(SIGNED, lead_merged());
        assert_eq!(beads[..2], [bead(&[], &[0]), bead(&[0], &[1])], "{beads:?}");
        assert_eq!(pairs(&moves), [(4, 0)]);
    }

    #[test]
    fn a_merged_bead_the_reviewer_fixed_is_kept_whole() {
        let fixed = [Fixed {
            src: 0..1,
            tgt: 0..2,
        }];
        let (beads, moves) = unmerged_fixed(SIGNED, lead_merged(), Vec::new(), &fixed);
        assert_eq!(beads, lead_merged());
        assert!(moves.is_empty());
    }

    #[test]
    fn a_moved_sentence_merged_into_its_old_neighbours_bead_is_taken_out_as_a_move() {
        let (beads, moves) = unmerged(SIGNED, source_merged());
        assert_eq!(
            beads[4..6],
            [bead(&[3], &[4]), bead(&[4], &[])],
            "{beads:?}"
        );
        assert_eq!(pairs(&moves), [(4, 0)]);
    }

    #[test]
    fn a_lead_read_as_restating_another_sentence_is_the_merged_sentence_moved() {
        // The moves pass took the lead for a restatement of the first sentence.
        let restates = Move {
            src: 0,
            tgt: 0,
            score: 0.6,
            repeat: true,
        };
        let (beads, moves) = unmerged_after(SIGNED, source_merged(), vec![restates]);
        assert_eq!(
            beads[4..6],
            [bead(&[3], &[4]), bead(&[4], &[])],
            "{beads:?}"
        );
        assert_eq!(pairs(&moves), [(4, 0)]);
        assert!(!moves[0].repeat);
    }

    #[test]
    fn a_merged_bead_stays_when_the_unaligned_sentence_is_said_nowhere() {
        let (beads, moves) = unmerged(UNRELATED, lead_merged());
        assert_eq!(beads, lead_merged());
        assert!(moves.is_empty());
        let (beads, moves) = unmerged(UNRELATED, source_merged());
        assert_eq!(beads, source_merged());
        assert!(moves.is_empty());
    }
}
