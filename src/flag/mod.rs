//! Divergence detectors: where the Arabic departs from the English source. Each detector reads
//! the sentences, their anchors and the alignment, and returns flags with an exact span, a
//! severity and a one-line reason.

mod bounds;
mod characterisations;
mod clauses;
mod conditions;
mod dates;
mod durations;
mod lists;
mod markers;
mod modality;
mod names;
mod negation;
mod nulls;
mod numbers;
mod opposites;
mod partial;
mod places;
mod polarity;
mod rates;
mod reorder;
mod semantic;
mod support;
mod terms;
mod words;

pub use semantic::SpanEncoder;
pub use words::{SentenceWords, Words};

use crate::align::evidence::Evidence;
use crate::align::{Bead, Model, Move};
use crate::anchors::lexicon::Lexicon;
use crate::anchors::PairAnchors;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What kind of divergence a flag reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    Insertion,
    Omission,
    Mistranslation,
    NumberMismatch,
    DateMismatch,
    NameMismatch,
    NegationFlip,
    Reordered,
}

impl FlagKind {
    pub const ALL: [FlagKind; 8] = [
        FlagKind::Insertion,
        FlagKind::Omission,
        FlagKind::Mistranslation,
        FlagKind::NumberMismatch,
        FlagKind::DateMismatch,
        FlagKind::NameMismatch,
        FlagKind::NegationFlip,
        FlagKind::Reordered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Insertion => "insertion",
            FlagKind::Omission => "omission",
            FlagKind::Mistranslation => "mistranslation",
            FlagKind::NumberMismatch => "number_mismatch",
            FlagKind::DateMismatch => "date_mismatch",
            FlagKind::NameMismatch => "name_mismatch",
            FlagKind::NegationFlip => "negation_flip",
            FlagKind::Reordered => "reordered",
        }
    }

    pub fn parse(s: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for FlagKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Src,
    Tgt,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Src => "src",
            Side::Tgt => "tgt",
        }
    }
}

/// The exact place of a flag: character offsets (Unicode scalar values) within one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub side: Side,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One divergence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// Finer class of an insertion: commentary, boilerplate, metadata, headline, quote, framing.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subkind: Option<String>,
    pub severity: Severity,
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<Span>,
    pub reason: String,
}

impl Flag {
    /// The sentence a flag is shown on: its span's, else its first target, else first source.
    pub fn anchor(&self) -> (Side, usize) {
        if let Some(s) = &self.span {
            return (s.side, s.sentence);
        }
        match (self.tgt.first(), self.src.first()) {
            (Some(&t), _) => (Side::Tgt, t),
            (None, Some(&s)) => (Side::Src, s),
            _ => (Side::Tgt, 0),
        }
    }
}

/// Builds a span over a sentence's characters.
pub fn span(side: Side, sentence: usize, text: &str, start: usize, end: usize) -> Span {
    Span {
        side,
        sentence,
        start,
        end,
        text: crate::text::char_slice(text, start, end).to_string(),
    }
}

/// Everything a detector may read.
pub struct Context<'a> {
    pub src: &'a [String],
    pub tgt: &'a [String],
    pub anchors: &'a PairAnchors,
    pub beads: &'a [Bead],
    /// Moved and repeated sentences found beside the path.
    pub moves: &'a [Move],
    pub lexicon: &'a Lexicon,
    /// The document's alignment model and item evidence: the rates the support tests use.
    pub model: &'a Model,
    pub evidence: &'a Evidence,
    /// The sentences' tokens and concepts, analysed once for all detectors.
    pub words: &'a dyn SentenceWords,
    /// The multilingual sentence encoder, when one is present: one more signal of the support
    /// test of added clauses.
    pub encoder: Option<&'a dyn SpanEncoder>,
}

/// Runs every detector and returns the flags in document order (target sentence, then source).
/// With `TARJAMA_PROFILE` set, each detector's time goes to stderr (profiling long documents).
pub fn detect(ctx: &Context) -> Vec<Flag> {
    let profile = std::env::var_os("TARJAMA_PROFILE").is_some();
    let timed = |name: &str, f: &(dyn Fn() -> Vec<Flag> + Sync)| {
        let t = std::time::Instant::now();
        let flags = f();
        if profile {
            eprintln!("flag {name}: {:.3} s", t.elapsed().as_secs_f64());
        }
        flags
    };
    let reordered = reorder::detect(ctx);
    // The detectors read the same context and none reads another's flags (the partial-omission
    // check, which does, runs after them): they run side by side, and their flags are put
    // together in a fixed order, so the output does not depend on which finishes first.
    let detectors: [(&str, &(dyn Fn() -> Vec<Flag> + Sync)); 13] = [
        ("nulls", &|| {
            nulls::detect(ctx, &reordered.moved_src, &reordered.moved_tgt)
        }),
        ("reorder", &|| reordered.flags.clone()),
        ("clauses", &|| clauses::detect(ctx)),
        ("names", &|| names::detect(ctx)),
        ("dates", &|| dates::detect(ctx)),
        ("numbers", &|| numbers::detect(ctx)),
        ("rates", &|| rates::detect(ctx)),
        ("opposites", &|| opposites::detect(ctx)),
        ("conditions", &|| conditions::detect(ctx)),
        ("modality", &|| modality::detect(ctx)),
        ("negation", &|| {
            negation::detect(ctx, &reordered.moved_parts)
        }),
        ("terms", &|| terms::detect(ctx)),
        ("places", &|| places::detect(ctx)),
    ];
    let flags: Vec<Flag> = detectors
        .par_iter()
        .map(|(name, f)| timed(name, *f))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let flags = without_repeats(flags);
    let partial = timed("partial", &|| {
        partial::detect(ctx, &flags, &reordered.moved_parts)
    });
    let mut flags = without_negations_of_omitted_clauses(ctx, flags, &partial);
    flags.extend(partial);
    let mut flags = without_comparisons_of_replaced_sentences(flags);
    flags.sort_by_key(|f| {
        let (side, s) = f.anchor();
        let pos = f.span.as_ref().map(|sp| sp.start).unwrap_or(0);
        (
            f.tgt.first().copied().unwrap_or(usize::MAX),
            side == Side::Src,
            s,
            pos,
        )
    });
    flags
}

/// The flags without the comparisons of a sentence pair that renders nothing of each other (a
/// source sentence dropped and an Arabic one written in its place, see `partial`): a negation,
/// a figure, a name or a term of one is no changed fact of the other.
fn without_comparisons_of_replaced_sentences(flags: Vec<Flag>) -> Vec<Flag> {
    let replaced: Vec<(Vec<usize>, Vec<usize>)> = flags
        .iter()
        .filter(|f| f.subkind.as_deref() == Some("replaced"))
        .map(|f| (f.src.clone(), f.tgt.clone()))
        .collect();
    if replaced.is_empty() {
        return flags;
    }
    flags
        .into_iter()
        .filter(|f| {
            let comparison = matches!(
                f.kind,
                FlagKind::Mistranslation
                    | FlagKind::NumberMismatch
                    | FlagKind::DateMismatch
                    | FlagKind::NameMismatch
                    | FlagKind::NegationFlip
            );
            !comparison
                || !replaced.iter().any(|(s, t)| {
                    f.src.iter().all(|x| s.contains(x)) && f.tgt.iter().all(|x| t.contains(x))
                })
        })
        .collect()
}

/// The flags without a dropped negation that a dropped clause explains: where the source's
/// negated clause is missing from the Arabic whole ("and has no intention of escalating"), the
/// negation detector, which counts negations per sentence, sees one negation fewer and reports
/// a flip; the clause's omission (in `partial`) says what happened. A flip stays when the
/// source's negations outside the omitted clauses still outnumber the Arabic's.
fn without_negations_of_omitted_clauses(
    ctx: &Context,
    flags: Vec<Flag>,
    partial: &[Flag],
) -> Vec<Flag> {
    use crate::text::tokens::TokenKind;
    use crate::text::Lang;
    let omitted = |i: usize| -> Vec<(usize, usize)> {
        partial
            .iter()
            .filter(|f| f.kind == FlagKind::Omission && f.subkind.as_deref() == Some("clause"))
            .filter_map(|f| f.span.as_ref())
            .filter(|sp| sp.side == Side::Src && sp.sentence == i)
            .map(|sp| (sp.start, sp.end))
            .collect()
    };
    let explained = |f: &Flag| {
        let Some(sp) = f.span.as_ref().filter(|sp| sp.side == Side::Src) else {
            return false;
        };
        let spans = omitted(sp.sentence);
        if f.kind != FlagKind::NegationFlip || spans.is_empty() {
            return false;
        }
        let en = ctx.words.en(sp.sentence);
        let (mut inside, mut outside) = (0, 0);
        for t in en.toks.iter().filter(|t| t.kind == TokenKind::Word) {
            if negation::is_grammatical_negator(Lang::En, &t.text.to_lowercase()) {
                if spans.iter().any(|&(a, z)| a <= t.start && t.end <= z) {
                    inside += 1;
                } else {
                    outside += 1;
                }
            }
        }
        let arabic: usize = f
            .tgt
            .iter()
            .map(|&j| {
                ctx.words
                    .ar(j)
                    .norms
                    .iter()
                    .filter(|n| {
                        negation::is_grammatical_negator(
                            Lang::Ar,
                            crate::text::arabic::without_conjunction(n),
                        )
                    })
                    .count()
            })
            .sum();
        inside > 0 && outside <= arabic
    };
    flags.into_iter().filter(|f| !explained(f)).collect()
}

/// The flags without those another detector already reports: a flag of the same kind whose
/// Arabic span lies inside another's, at no higher severity (a sales programme given as «برنامج
/// المنح» is one substituted term, whether the term list or the sale–aid axis finds it). Of two
/// alike, the first is kept.
fn without_repeats(flags: Vec<Flag>) -> Vec<Flag> {
    let inside = |f: &Flag, g: &Flag| match (&f.span, &g.span) {
        (Some(a), Some(b)) => {
            f.kind == g.kind
                && a.side == Side::Tgt
                && b.side == Side::Tgt
                && a.sentence == b.sentence
                && b.start <= a.start
                && a.end <= b.end
                && f.severity <= g.severity
        }
        _ => false,
    };
    // Only flags on one Arabic sentence can repeat each other: compared within each sentence.
    let mut on_sentence: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for (k, f) in flags.iter().enumerate() {
        if let Some(sp) = f.span.as_ref().filter(|sp| sp.side == Side::Tgt) {
            on_sentence.entry(sp.sentence).or_default().push(k);
        }
    }
    let mut repeat = vec![false; flags.len()];
    for group in on_sentence.values() {
        for &k in group {
            repeat[k] = group.iter().any(|&m| {
                m != k && inside(&flags[k], &flags[m]) && (m < k || !inside(&flags[m], &flags[k]))
            });
        }
    }
    flags
        .into_iter()
        .zip(repeat)
        .filter_map(|(f, r)| (!r).then_some(f))
        .collect()
}

/// Runs `f` on the context of sentence pairs aligned one to one (sentence k with sentence k),
/// as the detectors' unit tests need it.
#[cfg(test)]
pub(crate) fn with_parallel_beads<R>(
    lex: &Lexicon,
    en: &[&str],
    ar: &[&str],
    f: impl FnOnce(&Context) -> R,
) -> R {
    let beads: Vec<Bead> = (0..en.len().min(ar.len()))
        .map(|k| Bead {
            src: vec![k],
            tgt: vec![k],
            score: 1.0,
        })
        .collect();
    with_beads(lex, en, ar, &beads, f)
}

/// The span texts of the flags `detect` raises on one sentence pair aligned one to one, with the
/// built-in glossary (detectors' unit tests).
#[cfg(test)]
pub(crate) fn flagged_spans(
    detect: impl FnOnce(&Context) -> Vec<Flag>,
    en: &str,
    ar: &str,
) -> Vec<String> {
    with_parallel_beads(Lexicon::builtin(), &[en], &[ar], detect)
        .into_iter()
        .filter_map(|f| f.span.map(|s| s.text))
        .collect()
}

/// Runs `f` on a context whose beads are `beads` (tests of detectors).
#[cfg(test)]
pub(crate) fn with_beads<R>(
    lex: &Lexicon,
    en: &[&str],
    ar: &[&str],
    beads: &[Bead],
    f: impl FnOnce(&Context) -> R,
) -> R {
    with_beads_encoded(lex, en, ar, beads, None, f)
}

/// Runs `f` on a context whose beads are `beads`, with a sentence encoder (tests of detectors).
#[cfg(test)]
pub(crate) fn with_beads_encoded<R>(
    lex: &Lexicon,
    en: &[&str],
    ar: &[&str],
    beads: &[Bead],
    encoder: Option<&dyn SpanEncoder>,
    f: impl FnOnce(&Context) -> R,
) -> R {
    let en: Vec<String> = en.iter().map(|s| s.to_string()).collect();
    let ar: Vec<String> = ar.iter().map(|s| s.to_string()).collect();
    let a = crate::anchors::build(&en, &ar, lex);
    let aligned = crate::align::align_pair(&a, &crate::align::Params::default(), &[], None);
    f(&Context {
        src: &en,
        tgt: &ar,
        anchors: &a,
        beads,
        moves: &[],
        lexicon: lex,
        model: &aligned.model,
        evidence: &aligned.evidence,
        words: &Words::new(&en, &ar, lex),
        encoder,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a negation flip on the source's first "not" survives an omission of the clause
    /// `clause` of the English, given the Arabic `ar`.
    fn flip_kept(en: &str, clause: &str, ar: &str) -> bool {
        let chars = |b: usize| en[..b].chars().count();
        let at = |w: &str| en.find(w).map(chars).expect("in the sentence");
        let flag = |kind, subkind: Option<&str>, start: usize, end: usize| Flag {
            kind,
            subkind: subkind.map(String::from),
            severity: Severity::Medium,
            src: vec![0],
            tgt: vec![0],
            span: Some(span(Side::Src, 0, en, start, end)),
            reason: String::new(),
        };
        let flip = flag(FlagKind::NegationFlip, None, at("not"), at("not") + 3);
        let omission = flag(
            FlagKind::Omission,
            Some("clause"),
            at(clause),
            at(clause) + clause.chars().count(),
        );
        with_parallel_beads(Lexicon::builtin(), &[en], &[ar], |ctx| {
            !without_negations_of_omitted_clauses(ctx, vec![flip], &[omission]).is_empty()
        })
    }

    #[test]
    fn a_negated_clause_dropped_whole_explains_the_missing_negation() {
        let en = "We do not seek conflict and have no intention of expanding operations, but the attacks must stop.";
        let clause = "and have no intention of expanding operations";
        // «لا نسعى» renders the first negation; the second went with its clause.
        assert!(!flip_kept(
            en,
            clause,
            "لا نسعى إلى الصراع، لكن الهجمات يجب أن تتوقف."
        ));
        // The first is affirmed too: a flip the clause does not explain.
        assert!(flip_kept(
            en,
            clause,
            "نسعى إلى الصراع، لكن الهجمات يجب أن تتوقف."
        ));
        // No negation in the omitted clause: nothing to explain.
        assert!(flip_kept(
            en,
            "but the attacks must stop",
            "نسعى إلى الصراع."
        ));
    }
}
