//! Which beads and moved pairs an export keeps, and how many each filter left out.
//!
//! Beads a reviewer rejected are left out unless `--status` asks for them.
//!
//! Filters run in a fixed order and a bead is counted under the first filter that drops it, so the
//! counts in the closing summary add up to the beads not exported. Duplicates are checked last:
//! a bead another filter drops must not claim its text as "already exported". Moved pairs go
//! through the same filters (a moved pair has text on both sides, so "unaligned" never drops one)
//! and are counted apart.

use crate::flag::FlagKind;
use crate::store::Status;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// Which flagged beads to leave out (dismissed flags never count).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FlagExclusion {
    /// Flagged beads are exported.
    #[default]
    Keep,
    /// A bead with any flag is left out.
    Any,
    /// A bead with a flag of one of these kinds is left out.
    Kinds(Vec<FlagKind>),
}

/// The export filters, as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Also export insertions and omissions (one side empty).
    pub include_unaligned: bool,
    /// Only beads with one of these review statuses; empty = every status but rejected (a
    /// reviewer said the alignment is wrong: it is exported only when asked for by name).
    pub statuses: Vec<Status>,
    /// Only beads whose score is at least this.
    pub min_score: Option<f64>,
    pub exclude_flagged: FlagExclusion,
    /// Leave out beads whose character-length ratio (longer side over shorter side) exceeds this.
    pub max_length_ratio: Option<f64>,
    /// Leave out beads whose normalised source and target were already exported.
    pub dedupe: bool,
}

/// Why a bead was left out; each filter has one reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    Unaligned,
    /// Rejected by a reviewer, left out by default (`--status` not given).
    Rejected,
    Status,
    Score,
    Flagged,
    LengthRatio,
    Duplicate,
}

/// What the filters read of one bead or moved pair.
pub struct Candidate<'a> {
    /// A moved pair rather than a bead (counted apart).
    pub moved: bool,
    /// Sentences of each side joined by spaces (empty when the side is empty).
    pub source: &'a str,
    pub target: &'a str,
    /// Normalised sentences of each side (`sentences.norm`), for duplicate detection.
    pub source_norm: &'a [&'a str],
    pub target_norm: &'a [&'a str],
    pub status: Status,
    pub score: f64,
    /// Kinds of the bead's (undismissed) flags.
    pub flags: &'a [FlagKind],
}

/// How many beads each filter left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Removed {
    pub unaligned: usize,
    pub rejected: usize,
    pub status: usize,
    pub score: usize,
    pub flagged: usize,
    pub length_ratio: usize,
    pub duplicate: usize,
}

impl Removed {
    pub fn total(&self) -> usize {
        self.unaligned
            + self.rejected
            + self.status
            + self.score
            + self.flagged
            + self.length_ratio
            + self.duplicate
    }

    fn count(&mut self, r: Removal) {
        match r {
            Removal::Unaligned => self.unaligned += 1,
            Removal::Rejected => self.rejected += 1,
            Removal::Status => self.status += 1,
            Removal::Score => self.score += 1,
            Removal::Flagged => self.flagged += 1,
            Removal::LengthRatio => self.length_ratio += 1,
            Removal::Duplicate => self.duplicate += 1,
        }
    }

    /// One phrase per filter that removed something, e.g. "3 by --min-score".
    pub fn phrases(&self) -> Vec<String> {
        [
            (self.unaligned, "unaligned (--include-unaligned keeps them)"),
            (
                self.rejected,
                "rejected by a reviewer (--status rejected exports them)",
            ),
            (self.status, "by --status"),
            (self.score, "by --min-score"),
            (self.flagged, "by --exclude-flagged"),
            (self.length_ratio, "by --max-length-ratio"),
            (self.duplicate, "duplicates (--dedupe)"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect()
    }
}

/// Applies [`Filters`] bead by bead and keeps the counts. The only state that grows with the
/// export is the duplicate set (8 bytes per distinct exported bead, and only with `dedupe`).
pub struct Selector {
    filters: Filters,
    seen: HashSet<u64>,
    removed: Removed,
    removed_moves: Removed,
}

impl Selector {
    pub fn new(filters: Filters) -> Selector {
        Selector {
            filters,
            seen: HashSet::new(),
            removed: Removed::default(),
            removed_moves: Removed::default(),
        }
    }

    /// Beads left out, per filter.
    pub fn removed(&self) -> Removed {
        self.removed
    }

    /// Moved pairs left out, per filter.
    pub fn removed_moves(&self) -> Removed {
        self.removed_moves
    }

    /// Whether the bead or moved pair is exported; when it is not, it is counted under its
    /// reason.
    pub fn admit(&mut self, b: &Candidate) -> bool {
        match self.reject(b) {
            None => true,
            Some(r) => {
                if b.moved {
                    self.removed_moves.count(r);
                } else {
                    self.removed.count(r);
                }
                false
            }
        }
    }

    fn reject(&mut self, b: &Candidate) -> Option<Removal> {
        let f = &self.filters;
        let unaligned = b.source.is_empty() || b.target.is_empty();
        if unaligned && !f.include_unaligned {
            return Some(Removal::Unaligned);
        }
        if f.statuses.is_empty() && b.status == Status::Rejected {
            return Some(Removal::Rejected);
        }
        if !f.statuses.is_empty() && !f.statuses.contains(&b.status) {
            return Some(Removal::Status);
        }
        if f.min_score.is_some_and(|m| b.score < m) {
            return Some(Removal::Score);
        }
        let flagged = match &f.exclude_flagged {
            FlagExclusion::Keep => false,
            FlagExclusion::Any => !b.flags.is_empty(),
            FlagExclusion::Kinds(kinds) => b.flags.iter().any(|k| kinds.contains(k)),
        };
        if flagged {
            return Some(Removal::Flagged);
        }
        // The ratio is only defined with text on both sides; unaligned beads are governed by
        // --include-unaligned alone.
        if let Some(max) = f.max_length_ratio {
            if !unaligned && length_ratio(b.source, b.target) > max {
                return Some(Removal::LengthRatio);
            }
        }
        if f.dedupe && !self.seen.insert(pair_key(b.source_norm, b.target_norm)) {
            return Some(Removal::Duplicate);
        }
        None
    }
}

/// Longer side over shorter side, in characters (Unicode scalar values), ≥ 1.
pub fn length_ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count() as f64, b.chars().count() as f64);
    if la == 0.0 || lb == 0.0 {
        return f64::INFINITY;
    }
    la.max(lb) / la.min(lb)
}

/// A 64-bit key of the normalised text of both sides with whitespace runs ignored. 64 bits keep
/// the duplicate set small; the chance of one collision among a million beads is about 3·10⁻⁸.
fn pair_key(src: &[&str], tgt: &[&str]) -> u64 {
    // Keys only need to agree within one export, which DefaultHasher::new() guarantees.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for side in [src, tgt] {
        for w in side.iter().flat_map(|s| s.split_whitespace()) {
            w.hash(&mut h);
        }
        // A side separator, so that words cannot move between sides unnoticed.
        0xFFu8.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead<'a>(
        source: &'a str,
        target: &'a str,
        norms: &'a [&'a str; 2],
        flags: &'a [FlagKind],
    ) -> Candidate<'a> {
        Candidate {
            moved: false,
            source,
            target,
            source_norm: &norms[..1],
            target_norm: &norms[1..],
            status: Status::Automatic,
            score: 0.5,
            flags,
        }
    }

    #[test]
    fn counts_each_bead_under_the_first_filter_that_drops_it() {
        let mut s = Selector::new(Filters {
            min_score: Some(0.9),
            exclude_flagged: FlagExclusion::Any,
            ..Default::default()
        });
        let n = ["a", "b"];
        assert!(!s.admit(&bead("", "b", &n, &[])));
        assert!(!s.admit(&bead("a", "b", &n, &[FlagKind::Insertion])));
        let r = s.removed();
        assert_eq!((r.unaligned, r.score, r.flagged), (1, 1, 0));
        assert_eq!(r.total(), 2);
    }

    #[test]
    fn flag_kinds_and_statuses() {
        let mut s = Selector::new(Filters {
            statuses: vec![Status::Automatic],
            exclude_flagged: FlagExclusion::Kinds(vec![FlagKind::Omission]),
            ..Default::default()
        });
        let n = ["a", "b"];
        assert!(s.admit(&bead("a", "b", &n, &[FlagKind::Insertion])));
        assert!(!s.admit(&bead("a", "b", &n, &[FlagKind::Omission])));
        let mut c = bead("a", "b", &n, &[]);
        c.status = Status::Rejected;
        assert!(!s.admit(&c));
        assert_eq!(s.removed().status, 1);
        assert_eq!(s.removed().flagged, 1);
    }

    #[test]
    fn rejected_beads_are_left_out_unless_asked_for() {
        let n = ["a", "b"];
        let rejected = || Candidate {
            status: Status::Rejected,
            ..bead("a", "b", &n, &[])
        };
        let mut s = Selector::new(Filters::default());
        assert!(s.admit(&bead("a", "b", &n, &[])));
        assert!(!s.admit(&rejected()));
        assert_eq!((s.removed().rejected, s.removed().status), (1, 0));
        assert_eq!(
            s.removed().phrases(),
            vec!["1 rejected by a reviewer (--status rejected exports them)"]
        );
        let mut s = Selector::new(Filters {
            statuses: vec![Status::Rejected],
            ..Default::default()
        });
        assert!(s.admit(&rejected()));
        assert!(!s.admit(&bead("a", "b", &n, &[])));
        assert_eq!(s.removed().status, 1);
    }

    #[test]
    fn dedupe_ignores_spacing_but_not_sides() {
        let mut s = Selector::new(Filters {
            dedupe: true,
            ..Default::default()
        });
        assert!(s.admit(&bead("x", "y", &["a b", "c"], &[])));
        assert!(!s.admit(&bead("x", "y", &["a  b", "c"], &[])));
        assert!(s.admit(&bead("x", "y", &["a", "b c"], &[])));
        assert_eq!(s.removed().duplicate, 1);
    }

    #[test]
    fn moved_pairs_are_filtered_like_beads_and_counted_apart() {
        let mut s = Selector::new(Filters {
            min_score: Some(0.9),
            exclude_flagged: FlagExclusion::Kinds(vec![FlagKind::Reordered]),
            ..Default::default()
        });
        let n = ["a", "b"];
        let moved = |flags| Candidate {
            moved: true,
            score: 0.95,
            ..bead("a", "b", &n, flags)
        };
        assert!(s.admit(&moved(&[])));
        assert!(!s.admit(&moved(&[FlagKind::Reordered])));
        assert!(!s.admit(&Candidate {
            score: 0.5,
            ..moved(&[])
        }));
        assert_eq!((s.removed_moves().flagged, s.removed_moves().score), (1, 1));
        assert_eq!(s.removed().total(), 0);
    }

    #[test]
    fn length_ratio_both_ways() {
        assert_eq!(length_ratio("abcd", "ab"), 2.0);
        assert_eq!(length_ratio("ab", "abcd"), 2.0);
        let mut s = Selector::new(Filters {
            max_length_ratio: Some(1.5),
            ..Default::default()
        });
        let n = ["a", "b"];
        assert!(!s.admit(&bead("abcd", "ab", &n, &[])));
        assert!(s.admit(&bead("abc", "ab", &n, &[])));
    }
}
