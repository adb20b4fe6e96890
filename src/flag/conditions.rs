//! Conditions given the other way round: "unless X" (if not X) rendered as a plain condition
//! («إذا انسحبت الميليشيات», "if the militias withdraw"). The negation detector does not see it:
//! "unless" is negative in meaning only, free to be rendered by «ما لم», «إلا إذا» or «إذا لم»,
//! so it is slack there, and a rendering that drops its negation leaves the counts even.
//! Judged per bead, only where the source has a negative condition and no other, and the
//! Arabic has a condition but none that is negative.

use super::negation::is_grammatical_negator;
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::text::data as text_data;
use crate::text::{arabic, char_slice, Lang};
use std::sync::OnceLock;

/// Words after a condition's particle in which a negator makes it negative («إذا لم»، «في حال
/// عدم»، «إذا ما تعذر… لم» is too far to say).
const NEGATOR_REACH: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Negative,
    Particle,
    Exceptive,
}

struct Forms {
    en_negative: Vec<String>,
    /// Arabic forms as normalised word sequences.
    ar: Vec<(Vec<String>, Role)>,
}

fn forms() -> &'static Forms {
    static F: OnceLock<Forms> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = Forms {
            en_negative: Vec::new(),
            ar: Vec::new(),
        };
        for row in text_data::rows(include_str!("data/conditions.tsv"), 3) {
            let role = match row[1] {
                "negative" => Role::Negative,
                "particle" => Role::Particle,
                "exceptive" => Role::Exceptive,
                _ => continue,
            };
            match row[0] {
                "en" => f.en_negative.push(row[2].to_lowercase()),
                _ => f.ar.push((
                    row[2].split_whitespace().map(arabic::normalize).collect(),
                    role,
                )),
            }
        }
        f
    })
}

/// The role of the form starting at word `k` of `words` (normalised), with its length.
fn form_at(words: &[&str], k: usize) -> Option<(Role, usize)> {
    forms()
        .ar
        .iter()
        .filter(|(f, _)| {
            k + f.len() <= words.len()
                && f.iter().enumerate().all(|(n, w)| {
                    let have = words[k + n];
                    have == w || (n == 0 && arabic::without_conjunction(have) == w)
                })
        })
        .max_by_key(|(f, _)| f.len())
        .map(|(f, r)| (*r, f.len()))
}

/// Whether a word (normalised) opens a condition on its own, after و/ف too: a one-word particle
/// or negative condition of data/conditions.tsv («إذا», «لو», «لولا»).
pub(super) fn opens_condition(norm: &str) -> bool {
    let bare = arabic::without_conjunction(norm);
    forms()
        .ar
        .iter()
        .any(|(f, role)| *role != Role::Exceptive && f.len() == 1 && (f[0] == norm || f[0] == bare))
}

/// Whether a word negates: a grammatical negator or «عدم», after و/ف too.
fn negates(norm: &str) -> bool {
    let w = arabic::without_conjunction(norm);
    is_grammatical_negator(Lang::Ar, norm) || is_grammatical_negator(Lang::Ar, w) || w == "عدم"
}

/// The Arabic conditions of a sentence: (word index of the particle, negative).
fn arabic_conditions(words: &[&str]) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        match form_at(words, k) {
            Some((Role::Negative, len)) => {
                out.push((k, true));
                k += len;
            }
            Some((Role::Exceptive, len)) => {
                // «إلا إذا»: the condition after it is the exception. An exceptive with no
                // condition after it («لا … إلا») is a restriction, no condition.
                if let Some((Role::Particle, more)) = form_at(words, k + len) {
                    out.push((k, true));
                    k += len + more;
                } else {
                    k += len;
                }
            }
            Some((Role::Particle, len)) => {
                let reach = words
                    .iter()
                    .skip(k + len)
                    .take(NEGATOR_REACH)
                    .any(|w| negates(w));
                out.push((k, reach));
                k += len;
            }
            None => k += 1,
        }
    }
    out
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let en_negative = &forms().en_negative;
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        // The source's negative conditions, and whether it has any "if" besides.
        let mut negative: Vec<(usize, usize, usize)> = Vec::new();
        let mut plain = false;
        for &i in &b.src {
            for t in &ctx.words.en(i).toks {
                let lower = t.text.to_lowercase();
                if en_negative.contains(&lower) {
                    negative.push((i, t.start, t.end));
                } else if lower == "if" {
                    plain = true;
                }
            }
        }
        let [(i, s0, s1)] = negative[..] else {
            continue;
        };
        if plain {
            continue;
        }
        let mut conditions: Vec<(usize, usize, bool)> = Vec::new();
        for &j in &b.tgt {
            let w = ctx.words.ar(j);
            let words: Vec<&str> = w.norms.iter().map(String::as_str).collect();
            conditions.extend(
                arabic_conditions(&words)
                    .into_iter()
                    .map(|(k, neg)| (j, k, neg)),
            );
        }
        if conditions.is_empty() || conditions.iter().any(|c| c.2) {
            continue;
        }
        let (j, k, _) = conditions[0];
        let tok = &ctx.words.ar(j).toks[k];
        out.push(Flag {
            kind: FlagKind::NegationFlip,
            subkind: Some("condition".into()),
            severity: Severity::High,
            src: b.src.clone(),
            tgt: vec![j],
            span: Some(span(Side::Tgt, j, &ctx.tgt[j], tok.start, tok.end)),
            reason: format!(
                "'{}' opens a plain condition where the source says '{}' (if not)",
                char_slice(&ctx.tgt[j], tok.start, tok.end),
                char_slice(&ctx.src[i], s0, s1)
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(en: &str, ar: &str) -> Vec<String> {
        crate::flag::flagged_spans(detect, en, ar)
    }

    #[test]
    fn unless_rendered_as_a_plain_condition_is_flagged() {
        let en = "The truce cannot hold unless the militias withdraw from the city.";
        assert_eq!(
            spans(
                en,
                "لا يمكن أن تصمد الهدنة إذا انسحبت الميليشيات من المدينة."
            ),
            vec!["إذا".to_string()]
        );
        // Every faithful way of saying "unless".
        for ar in [
            "لا يمكن أن تصمد الهدنة ما لم تنسحب الميليشيات من المدينة.",
            "لا يمكن أن تصمد الهدنة إلا إذا انسحبت الميليشيات من المدينة.",
            "لا يمكن أن تصمد الهدنة إذا لم تنسحب الميليشيات من المدينة.",
            "لا يمكن أن تصمد الهدنة في حال عدم انسحاب الميليشيات من المدينة.",
            // No condition at all: rephrased, left to the other detectors.
            "الهدنة لن تصمد من دون انسحاب الميليشيات من المدينة.",
        ] {
            assert!(spans(en, ar).is_empty(), "{ar}");
        }
        let en = "Aid deliveries will resume on Monday unless the crossing is closed again.";
        assert_eq!(
            spans(
                en,
                "وستستأنف عمليات تسليم المساعدات يوم الاثنين لو أغلق المعبر مجددا."
            ),
            vec!["لو".to_string()]
        );
    }

    #[test]
    fn a_source_with_both_kinds_of_condition_is_not_judged() {
        let en = "If talks fail, the sanctions stay unless the council votes otherwise.";
        let ar = "إذا فشلت المحادثات ستبقى العقوبات إذا صوت المجلس بخلاف ذلك.";
        assert!(spans(en, ar).is_empty());
    }
}
