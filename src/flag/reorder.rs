//! Reordering: an Arabic sentence left unaligned by the monotone path that renders a source
//! sentence from another place in the document (the aligner's moved pairs) — a moved sentence,
//! not an insertion plus an omission. A repeat (the source sentence is rendered on the path too)
//! is one of two things: a part of the sentence split off and given elsewhere (the path's bead
//! lacks a clause this sentence supplies) — moved; or a restatement of what the path renders
//! whole (a summary lead, a quote given twice) — an insertion of no new content, low.

use super::support::BeadView;
use super::{Context, Flag, FlagKind, Severity};
use crate::align::Move;
use std::collections::HashSet;

#[derive(Default)]
pub struct Reordered {
    pub flags: Vec<Flag>,
    pub moved_src: HashSet<usize>,
    pub moved_tgt: HashSet<usize>,
    /// Repeats that give a part of their source sentence away from its place: the omission
    /// checks count them with the path's bead.
    pub moved_parts: Vec<Move>,
}

/// The Arabic sentences that give a part of one of `src` away from its place: detectors count
/// them with the bead of `src`.
pub fn moved_parts_of<'a>(
    moved_parts: &'a [Move],
    src: &'a [usize],
) -> impl Iterator<Item = usize> + 'a {
    moved_parts
        .iter()
        .filter(move |m| src.contains(&m.src))
        .map(|m| m.tgt)
}

/// The low-severity flag of a move: no span, the pair and a reason.
fn move_flag(m: &Move, kind: FlagKind, subkind: Option<&str>, reason: String) -> Flag {
    Flag {
        kind,
        subkind: subkind.map(str::to_string),
        severity: Severity::Low,
        src: vec![m.src],
        tgt: vec![m.tgt],
        span: None,
        reason,
    }
}

pub fn detect(ctx: &Context) -> Reordered {
    let mut out = Reordered::default();
    for m in ctx.moves {
        // Either way the sentence renders the source: no inserted commentary.
        out.moved_tgt.insert(m.tgt);
        if !m.repeat {
            out.moved_src.insert(m.src);
            out.flags.push(move_flag(
                m,
                FlagKind::Reordered,
                None,
                format!(
                    "Arabic sentence {} renders source sentence {} from another place in the document (confidence {:.2})",
                    m.tgt + 1,
                    m.src + 1,
                    m.score
                ),
            ));
            continue;
        }
        let path = ctx
            .beads
            .iter()
            .find(|b| b.src.contains(&m.src) && !b.tgt.is_empty());
        let at: Vec<String> = path
            .map(|b| b.tgt.iter().map(|t| (t + 1).to_string()).collect())
            .unwrap_or_default();
        if path.is_some_and(|b| supplies_a_clause(ctx, b, m)) {
            out.moved_parts.push(m.clone());
            out.flags.push(move_flag(
                m,
                FlagKind::Reordered,
                Some("moved_part"),
                format!(
                    "Arabic sentence {} gives part of source sentence {} away from its place (the rest is at Arabic {}; confidence {:.2})",
                    m.tgt + 1,
                    m.src + 1,
                    at.join(", "),
                    m.score
                ),
            ));
        } else {
            out.flags.push(move_flag(
                m,
                FlagKind::Insertion,
                Some("restatement"),
                format!(
                    "Arabic sentence {} restates source sentence {}, already rendered at Arabic {}: no new content (confidence {:.2})",
                    m.tgt + 1,
                    m.src + 1,
                    if at.is_empty() { "another place".to_string() } else { at.join(", ") },
                    m.score
                ),
            ));
        }
    }
    out
}

/// Whether the repeated sentence supplies a clause of its source sentence that the path's bead
/// leaves unsupported.
fn supplies_a_clause(ctx: &Context, path: &crate::align::Bead, m: &Move) -> bool {
    let Some(n) = path.src.iter().position(|&i| i == m.src) else {
        return false;
    };
    let unsupported = |tgt: &[usize]| {
        BeadView::of(ctx, &path.src, tgt)
            .source_clauses(n)
            .iter()
            .filter(|t| t.unsupported())
            .count()
    };
    let mut with: Vec<usize> = path.tgt.clone();
    with.push(m.tgt);
    unsupported(&with) < unsupported(&path.tgt)
}

#[cfg(test)]
mod tests {
    use crate::anchors::lexicon::Lexicon;
    use crate::flag::{Flag, FlagKind, Severity};
    use crate::pipeline::{analyse, Resources};

    // A statement of our own (not from corpora/): one long sentence whose second clause an
    // outlet splits off and moves to the lead, and the same statement with a closing line that
    // restates an earlier sentence.
    const EN: &[&str] = &[
        "The Ministry of Defense announced the results of the naval exercise on Monday.",
        "Ships from four countries took part in the drills off the coast of Oman.",
        "The exercise lasted nine days and involved 2,400 personnel.",
        "Commander Jonas Whitfield said the crews rehearsed mine clearance and search and rescue, and he added that 14 aircraft flew 230 sorties during the final phase.",
        "The next exercise is planned for March 2027.",
        "Officials thanked the host nation for its support.",
    ];
    const AR_PART_MOVED: &[&str] = &[
        "وأضاف أن 14 طائرة نفذت 230 طلعة جوية خلال المرحلة الأخيرة.",
        "أعلنت وزارة الدفاع يوم الاثنين نتائج التمرين البحري.",
        "وشاركت سفن من أربع دول في التدريبات قبالة سواحل عُمان.",
        "واستمر التمرين تسعة أيام بمشاركة 2400 عنصر.",
        "وقال القائد جوناس ويتفيلد إن الطواقم تدربت على إزالة الألغام والبحث والإنقاذ.",
        "ومن المقرر إجراء التمرين المقبل في آذار 2027.",
        "وشكر المسؤولون الدولة المضيفة على دعمها.",
    ];
    const AR_RESTATED: &[&str] = &[
        "أعلنت وزارة الدفاع يوم الاثنين نتائج التمرين البحري.",
        "وشاركت سفن من أربع دول في التدريبات قبالة سواحل عُمان.",
        "واستمر التمرين تسعة أيام بمشاركة 2400 عنصر.",
        "وقال القائد جوناس ويتفيلد إن الطواقم تدربت على إزالة الألغام والبحث والإنقاذ، وأضاف أن 14 طائرة نفذت 230 طلعة جوية خلال المرحلة الأخيرة.",
        "ومن المقرر إجراء التمرين المقبل في آذار 2027.",
        "وشكر المسؤولون الدولة المضيفة على دعمها.",
        "وكان التمرين قد استمر تسعة أيام بمشاركة 2400 عنصر.",
    ];

    fn flags(en: &[&str], ar: &[&str]) -> Vec<Flag> {
        let sents = |v: &[&str]| crate::segment::presegmented(&v.join("\n"));
        analyse(
            sents(en),
            sents(ar),
            Resources::lexicon_only(Lexicon::builtin()),
            &[],
        )
        .flags
    }

    #[test]
    fn a_clause_split_off_and_moved_to_the_lead_is_reordered_not_inserted() {
        let f = flags(EN, AR_PART_MOVED);
        assert!(
            f.iter().any(|f| f.kind == FlagKind::Reordered
                && f.subkind.as_deref() == Some("moved_part")
                && f.src == [3]
                && f.tgt == [0]),
            "{f:#?}"
        );
        // Neither an inserted sentence at the lead nor the clause omitted where it came from.
        assert!(!f.iter().any(|f| f.kind == FlagKind::Insertion), "{f:#?}");
        assert!(!f.iter().any(|f| f.kind == FlagKind::Omission), "{f:#?}");
    }

    #[test]
    fn a_closing_line_restating_an_earlier_sentence_is_a_low_restatement() {
        let f = flags(EN, AR_RESTATED);
        let on_last: Vec<&Flag> = f.iter().filter(|f| f.tgt.contains(&6)).collect();
        assert_eq!(on_last.len(), 1, "{f:#?}");
        assert_eq!(on_last[0].kind, FlagKind::Insertion);
        assert_eq!(on_last[0].subkind.as_deref(), Some("restatement"));
        assert_eq!(on_last[0].severity, Severity::Low);
        assert_eq!(on_last[0].src, [2]);
    }
}
