//! Confidence that a candidate is the source of an article: a logistic combination of the
//! evidence, each feature in [0, 1].
//!
//! The three kinds of evidence weigh the same (4 each): what both documents say (retrieval), how
//! much of their leads aligns, and whether the aligned sentences give the same figures, names and
//! dates. The bias (−7) puts the even-odds point where their mean is 7/12 ≈ 0.58; the dates move
//! the odds by at most e¹ either way, because a statement and its translation can be days apart
//! and two statements can share a day. The weights were set by hand on the test pool
//! (tests/data/pool: right answers 0.86–0.98, best wrong candidate 0.04) and checked on the
//! synthetic benchmark (examples/pairing_bench.rs), not fitted.

/// The evidence a confidence is computed from.
#[derive(Debug, Clone, Copy)]
pub struct Features {
    /// Retrieval score: idf-weighted coverage of each side's evidence by the other.
    pub retrieval: f64,
    /// Share of the lead sentences confidently aligned.
    pub aligned_share: f64,
    /// Share of the aligned sentences' anchors (figures, months, names, acronyms) that agree.
    pub anchor_agreement: f64,
    /// Days between the closest dates of the two documents, when both have dates.
    pub date_gap: Option<i64>,
}

/// Date proximity in [0, 1]: a translation appears on the day of its source or a few days
/// later; a statement weeks away is another statement.
pub fn date_proximity(gap_days: i64) -> f64 {
    let excess = (gap_days - 2).max(0) as f64;
    (-excess / 7.0).exp()
}

/// Confidence in [0, 1].
pub fn confidence(f: &Features) -> f64 {
    let date = f.date_gap.map_or(0.0, |g| date_proximity(g) - 0.5);
    let z =
        -7.0 + 4.0 * f.retrieval + 4.0 * f.aligned_share + 4.0 * f.anchor_agreement + 2.0 * date;
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64, gap: Option<i64>) -> Features {
        Features {
            retrieval: x,
            aligned_share: x,
            anchor_agreement: x,
            date_gap: gap,
        }
    }

    #[test]
    fn even_odds_and_monotone() {
        assert!((confidence(&f(7.0 / 12.0, None)) - 0.5).abs() < 1e-9);
        assert!(confidence(&f(0.9, None)) > confidence(&f(0.6, None)));
        assert!(confidence(&f(0.6, Some(1))) > confidence(&f(0.6, None)));
        assert!(confidence(&f(0.6, Some(365))) < confidence(&f(0.6, None)));
        assert!(confidence(&f(1.0, Some(0))) < 1.0 && confidence(&f(0.0, Some(999))) > 0.0);
    }

    #[test]
    fn proximity() {
        assert_eq!(date_proximity(0), 1.0);
        assert_eq!(date_proximity(2), 1.0);
        assert!(date_proximity(9) < 0.4);
        assert!(date_proximity(400) < 1e-9);
    }
}
