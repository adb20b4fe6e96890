//! Whole sentences without a counterpart: insertions (Arabic sentences in 0-1 beads) with a
//! subkind, and omissions (English sentences in 1-0 beads).

use super::markers::{self, MarkerKind};
use super::{Context, Flag, FlagKind, Severity};
use crate::anchors::is_head_like;
use std::collections::HashSet;

/// Whether the text looks like a byline or dateline: a date or weekday in a short line, or a
/// byline word at its start.
fn is_metadata(ctx: &Context, j: usize, hits: &[markers::MarkerHit]) -> bool {
    let a = &ctx.anchors.tgt[j];
    let words = a.words;
    if words > 14 {
        return false;
    }
    let has_date = !a.dates.is_empty()
        || !crate::anchors::dates::numeric_dates(&ctx.tgt[j]).is_empty()
        || crate::text::tokens::tokenize(&ctx.tgt[j])
            .iter()
            .any(|t| crate::anchors::dates::weekday_of(t.text).is_some());
    let byline = hits
        .iter()
        .any(|h| h.kind == MarkerKind::Metadata && h.token <= 1);
    (has_date && is_head_like(&ctx.tgt[j])) || byline
}

/// Verbs that introduce a quotation (normalised, with the conjunction stripped).
const SPEECH_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "اضاف",
    "اضافت",
    "صرح",
    "صرحت",
    "اكد",
    "اكدت",
    "اوضح",
    "اوضحت",
    "تابع",
    "تابعت",
];

fn has_speech_verb(text: &str) -> bool {
    crate::text::tokens::tokenize(text).iter().any(|t| {
        let n = crate::text::arabic::normalize(t.text);
        let n = n.strip_prefix('و').unwrap_or(&n);
        SPEECH_VERBS.contains(&n)
    })
}

/// Share of an added sentence's lexical items and anchors that the source document gives
/// somewhere, at or above which the sentence restates the source (a lead, an introduction of the
/// statement, a summary line) rather than adding to it.
const RESTATES_SOURCE: f32 = 0.5;

/// Whether sentence `j` restates the source: most of its items (lexical and anchors, by weight)
/// are given somewhere in the source (`source_offers`, sorted), and every anchor is — a figure,
/// date or name the source does not give is a changed fact, not a restatement.
fn restates_source(ctx: &Context, j: usize, source_offers: &[u32]) -> bool {
    let a = &ctx.anchors.tgt[j];
    let (lexical, anchors) = a.weights(a.matched_by(source_offers));
    let (lexical_total, anchors_total) = a.totals();
    let total = lexical_total + anchors_total;
    total > 0.0
        && (lexical + anchors) / total >= RESTATES_SOURCE
        && anchors >= anchors_total - f32::EPSILON
}

fn classify_insertion(
    ctx: &Context,
    j: usize,
    source_offers: &[u32],
) -> (String, Severity, String) {
    let text = &ctx.tgt[j];
    let hits = &ctx.words.ar(j).markers;
    let editorial = markers::editorial_weight(hits);
    let words = ctx.anchors.tgt[j].words;
    let boiler = hits.iter().any(|h| h.kind == MarkerKind::Boilerplate);
    let quote = (text.contains('«') || text.contains('"') || text.contains('“'))
        && (hits.iter().any(|h| h.kind == MarkerKind::Attribution) || has_speech_verb(text));
    if boiler && editorial < 2 {
        return (
            "boilerplate".into(),
            Severity::Low,
            "web page furniture (navigation, sharing or comment line), not in the source".into(),
        );
    }
    if is_metadata(ctx, j, hits) && editorial < 2 {
        return (
            "metadata".into(),
            Severity::Low,
            "dateline or byline added by the outlet, not in the source".into(),
        );
    }
    let head = is_head_like(text);
    if head && editorial < 2 {
        return (
            "headline".into(),
            Severity::Low,
            "headline or framing line with no counterpart in the source".into(),
        );
    }
    if head {
        return (
            "headline".into(),
            Severity::High,
            "editorial headline with loaded wording, not in the source".into(),
        );
    }
    if quote {
        return (
            "quote".into(),
            Severity::High,
            "quotation or attributed opinion that the source does not contain".into(),
        );
    }

    if words <= 6 && editorial == 0 {
        return (
            "framing".into(),
            Severity::Low,
            "short framing sentence with no counterpart in the source".into(),
        );
    }
    if editorial >= 2 {
        return (
            "commentary".into(),
            Severity::High,
            "sentence with no counterpart in the source: added commentary".into(),
        );
    }
    // Without editorial wording an added sentence is the outlet's own framing or background:
    // one that restates what the source says (an introduction of the statement, a lead) is
    // low; one that brings what the source does not say (background, another news item, a
    // claim) is worth a check but is not commentary by its words.
    if editorial == 0 && restates_source(ctx, j, source_offers) {
        return (
            "framing".into(),
            Severity::Low,
            "framing sentence that restates the source, with no counterpart of its own".into(),
        );
    }
    (
        "addition".into(),
        Severity::Medium,
        "sentence with no counterpart in the source and no editorial wording: background or \
         another item the source does not give"
            .into(),
    )
}

fn omission_severity(text: &str, ctx: &Context, i: usize) -> (Severity, String) {
    let lower = text.to_lowercase();
    if lower.contains('@')
        || lower.contains("http")
        || lower.contains("contact")
        || lower.starts_with("for further information")
        || lower.starts_with("for more information")
    {
        return (
            Severity::Low,
            "source boilerplate (contact or reference line) not carried over".into(),
        );
    }
    let a = &ctx.anchors.src[i];
    if !a.numbers.is_empty() || a.words >= 20 {
        (
            Severity::Medium,
            "source sentence with no counterpart in the Arabic".into(),
        )
    } else {
        (
            Severity::Low,
            "short source sentence with no counterpart in the Arabic".into(),
        )
    }
}

pub fn detect(ctx: &Context, moved_src: &HashSet<usize>, moved_tgt: &HashSet<usize>) -> Vec<Flag> {
    let mut out = Vec::new();
    let source_offers: std::cell::OnceCell<Vec<u32>> = std::cell::OnceCell::new();
    for b in ctx.beads {
        if b.src.is_empty() {
            for &j in &b.tgt {
                if moved_tgt.contains(&j) {
                    continue;
                }
                let source_offers = source_offers.get_or_init(|| {
                    let mut v: Vec<u32> = ctx
                        .anchors
                        .src
                        .iter()
                        .flat_map(|s| s.offers.iter().copied())
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                });
                let (sub, severity, reason) = classify_insertion(ctx, j, source_offers);
                out.push(Flag {
                    kind: FlagKind::Insertion,
                    subkind: Some(sub),
                    severity,
                    src: vec![],
                    tgt: vec![j],
                    span: None,
                    reason,
                });
            }
        } else if b.tgt.is_empty() {
            for &i in &b.src {
                if moved_src.contains(&i) {
                    continue;
                }
                let (severity, reason) = omission_severity(&ctx.src[i], ctx, i);
                out.push(Flag {
                    kind: FlagKind::Omission,
                    subkind: None,
                    severity,
                    src: vec![i],
                    tgt: vec![],
                    span: None,
                    reason,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;
    use crate::anchors::lexicon::Lexicon;

    /// The severity of Arabic sentence 0, added before a faithful rendering of `en`.
    fn added_first(en: &[&str], ar: &[&str]) -> (Severity, String) {
        let mut beads = vec![Bead {
            src: vec![],
            tgt: vec![0],
            score: 1.0,
        }];
        beads.extend((0..en.len()).map(|k| Bead {
            src: vec![k],
            tgt: vec![k + 1],
            score: 1.0,
        }));
        crate::flag::with_beads(Lexicon::builtin(), en, ar, &beads, |ctx| {
            let f = detect(ctx, &HashSet::new(), &HashSet::new());
            let f = f.iter().find(|f| f.tgt == [0]).expect("an insertion flag");
            (f.severity, f.subkind.clone().unwrap_or_default())
        })
    }

    /// Severity and subkind of the insertion flag on `lead` put before a faithful rendering of
    /// `EN`.
    fn added_lead(lead: &str) -> (Severity, String) {
        let ar = [
            lead,
            "نفذت البحريتان الأردنية والمصرية تمرينا مشتركا في البحر الأحمر لمدة عشرة أيام.",
            "وشاركت في التمرين اثنتا عشرة سفينة وأربع مروحيات من البحريتين.",
        ];
        added_first(&EN, &ar)
    }

    const EN: [&str; 2] = [
        "The Jordanian and Egyptian navies held a joint exercise in the Red Sea for ten days.",
        "Twelve ships and four helicopters from the two navies took part in the exercise.",
    ];

    #[test]
    fn an_added_sentence_that_restates_the_source_is_low_framing() {
        // An outlet's introduction of the statement: long, but every fact is the source's.
        let lead = "عمّان - أعلنت البحرية الأردنية والبحرية المصرية اختتام تمرين بحري مشترك في البحر الأحمر استمر عشرة أيام بمشاركة السفن والمروحيات.";
        assert_eq!(added_lead(lead).0, Severity::Low);
    }

    #[test]
    fn an_added_sentence_the_source_does_not_support_is_checked_but_not_commentary() {
        // Background the source does not give, in neutral words: worth a check, not high.
        let lead = "وكانت الفيضانات قد ضربت عددا من القرى الزراعية في الجنوب خلال فصل الشتاء الماضي وألحقت أضرارا بالمحاصيل.";
        assert_eq!(added_lead(lead), (Severity::Medium, "addition".to_string()));
    }

    #[test]
    fn a_restatement_with_a_figure_the_source_does_not_give_is_not_framing() {
        // The lead repeats the exercise but with 15 ships where the source says twelve.
        let lead = "عمّان - أعلنت البحرية الأردنية والبحرية المصرية اختتام تمرين بحري مشترك في البحر الأحمر استمر عشرة أيام بمشاركة 15 سفينة.";
        assert_ne!(added_lead(lead).0, Severity::Low);
    }
}
