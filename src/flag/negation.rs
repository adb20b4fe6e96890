//! Negation flips: a negation on one side of an aligned bead and none on the other.

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::text::arabic;
use crate::text::tokens::tokenize;

/// English negation cues (lower case). "not only" and "no longer"-type idioms are handled below.
const EN_CUES: &[&str] = &[
    "not", "no", "never", "without", "none", "nor", "neither", "cannot", "nothing", "nobody",
];

/// Arabic negation particles, normalised.
const AR_CUES: &[&str] = &[
    "لا",
    "لم",
    "لن",
    "ليس",
    "ليست",
    "ليسوا",
    "غير",
    "عدم",
    "دون",
    "بدون",
    "بلا",
];

/// Arabic phrases that contain a particle without negating: "لا يزال" (still), "لا سيما"
/// (especially), "دون طيار" (unmanned), "غير أن" (however).
const AR_NOT_NEGATION: &[(&str, &str)] = &[
    ("لا", "يزال"),
    ("لا", "تزال"),
    ("لا", "يزالون"),
    ("لا", "زال"),
    ("لا", "سيما"),
    ("دون", "طيار"),
    ("بدون", "طيار"),
    ("غير", "ان"),
    ("لا", "بد"),
];

/// Negation cues of an English sentence: (char start, char end).
pub fn english(sentence: &str) -> Vec<(usize, usize)> {
    let toks = tokenize(sentence);
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        let w = t.text.to_lowercase();
        let next = toks
            .get(k + 1)
            .map(|n| n.text.to_lowercase())
            .unwrap_or_default();
        let idiom = (w == "not" && matches!(next.as_str(), "only" | "least"))
            || (w == "no" && matches!(next.as_str(), "longer" | "later" | "doubt"));
        if (EN_CUES.contains(&w.as_str()) || w.ends_with("n't")) && !idiom {
            out.push((t.start, t.end));
        }
        // "non-sectarian", "non-lethal"
        if w == "non" {
            out.push((t.start, t.end));
        }
    }
    out
}

/// Negation cues of an Arabic sentence: (char start, char end).
pub fn arabic(sentence: &str) -> Vec<(usize, usize)> {
    let toks = tokenize(sentence);
    let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
    let mut out = Vec::new();
    for (k, w) in norms.iter().enumerate() {
        let bare = w
            .strip_prefix('و')
            .or_else(|| w.strip_prefix('ف'))
            .filter(|r| AR_CUES.contains(r))
            .unwrap_or(w);
        let bare = if bare == "من" { w.as_str() } else { bare };
        if !AR_CUES.contains(&bare) {
            continue;
        }
        let next = norms.get(k + 1).map(String::as_str).unwrap_or("");
        if AR_NOT_NEGATION.iter().any(|&(a, b)| a == bare && next == b) {
            continue;
        }
        out.push((toks[k].start, toks[k].end));
    }
    out
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null() && b.score >= 0.5) {
        let en: usize = b.src.iter().map(|&i| english(&ctx.src[i]).len()).sum();
        let ar: Vec<(usize, Vec<(usize, usize)>)> =
            b.tgt.iter().map(|&j| (j, arabic(&ctx.tgt[j]))).collect();
        let ar_n: usize = ar.iter().map(|(_, v)| v.len()).sum();
        if (en > 0) == (ar_n > 0) {
            continue;
        }
        let (span_, reason) = if ar_n > 0 {
            let (j, cues) = ar.iter().find(|(_, v)| !v.is_empty()).expect("some cue");
            let (s, e) = cues[0];
            (
                Some(span(Side::Tgt, *j, &ctx.tgt[*j], s, e)),
                "the Arabic negates where the source does not".to_string(),
            )
        } else {
            let i = *b
                .src
                .iter()
                .find(|&&i| !english(&ctx.src[i]).is_empty())
                .expect("some cue");
            let (s, e) = english(&ctx.src[i])[0];
            (
                Some(span(Side::Src, i, &ctx.src[i], s, e)),
                format!(
                    "the source negates ('{}') but the Arabic does not",
                    crate::text::char_slice(&ctx.src[i], s, e)
                ),
            )
        };
        out.push(Flag {
            kind: FlagKind::NegationFlip,
            subkind: None,
            severity: Severity::High,
            src: b.src.clone(),
            tgt: b.tgt.clone(),
            span: span_,
            reason,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues() {
        assert_eq!(english("No U.S. forces have a combat role").len(), 1);
        assert_eq!(english("not only trains but also advises").len(), 0);
        assert_eq!(arabic("لا توجد قوات أمريكية").len(), 1);
        assert_eq!(arabic("لا يزالون في العراق").len(), 0);
        assert_eq!(arabic("الطائرات من دون طيار").len(), 0);
    }
}
