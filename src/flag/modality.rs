//! Possibility reported as certainty: the source hedges an action ("the ministry may send
//! advisers", "talks are expected to resume") and the Arabic renders the same verb in the plain
//! future («سترسل الوزارة مستشارين»، «ستُستأنف المحادثات»), with no hedge anywhere in the bead.
//! An outlet that does this announces what was only weighed.
//!
//! Judged per bead, and only on positive evidence: the verb the English hedge governs and the
//! verb the Arabic future marks must share a lexicon concept (so a hedge on one action and a
//! future on another say nothing), the source must not also speak in the plain future or a
//! condition ("could resume if talks fail" is fairly rendered «ستُستأنف إذا فشلت»), and the
//! Arabic must keep no hedge of its own («قد ترسل»، «من المحتمل أن»، «يمكن أن»).

use super::conditions::opens_condition;
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::lexicon::Lexicon;
use crate::text::data as text_data;
use crate::text::tokens::{between, Token, TokenKind};
use crate::text::{arabic, char_slice};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Words an English hedge may stand apart from the verb it governs ("could also soon be").
const VERB_REACH: usize = 3;
/// Words after an Arabic future marker that may hold the verb it marks: «سيتم إرسال», «سوف
/// تقوم بإرسال».
const FUTURE_REACH: usize = 2;

#[derive(Default)]
struct Forms {
    en_modal: HashSet<String>,
    en_adverb: HashSet<String>,
    en_expect: HashSet<String>,
    en_certain: HashSet<String>,
    ar_hedge: HashSet<String>,
    ar_particle: HashSet<String>,
    ar_future: HashSet<String>,
}

fn forms() -> &'static Forms {
    static F: OnceLock<Forms> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = Forms::default();
        for row in text_data::rows(include_str!("data/modality.tsv"), 3) {
            let set = match (row[0], row[1]) {
                ("en", "modal") => &mut f.en_modal,
                ("en", "adverb") => &mut f.en_adverb,
                ("en", "expect") => &mut f.en_expect,
                ("en", "certain") => &mut f.en_certain,
                ("ar", "hedge") => &mut f.ar_hedge,
                ("ar", "particle") => &mut f.ar_particle,
                ("ar", "future") => &mut f.ar_future,
                _ => continue,
            };
            for w in row[2].split_whitespace() {
                set.insert(if row[0] == "ar" {
                    arabic::normalize(w)
                } else {
                    w.to_string()
                });
            }
        }
        f
    })
}

/// Words between a hedge and its verb that are neither: negation, adverbs, auxiliaries.
fn passes_over(lower: &str) -> bool {
    matches!(
        lower,
        "not" | "also" | "still" | "even" | "soon" | "then" | "yet" | "be" | "have" | "been"
    ) || lower.ends_with("ly")
}

/// The English verbs a hedge governs, as token indices: after a modal or an adverb of
/// likelihood, or after "to" following "expected"/"likely". The verb must follow within the
/// same stretch of the sentence (no punctuation between).
fn hedged_verbs(text: &str, toks: &[Token]) -> Vec<(usize, usize)> {
    let f = forms();
    let lower: Vec<String> = toks.iter().map(|t| t.text.to_lowercase()).collect();
    let joined =
        |a: usize, b: usize| !between(text, toks, a, b).contains(|c: char| !c.is_whitespace());
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        // Lower case only: "May" is the month more often than the modal.
        let w = t.text;
        let start = if f.en_modal.contains(w) || f.en_adverb.contains(w) {
            k + 1
        } else if f.en_expect.contains(w) && lower.get(k + 1).is_some_and(|n| n == "to") {
            k + 2
        } else {
            continue;
        };
        let mut v = start;
        while v < toks.len() && v < start + VERB_REACH && passes_over(&lower[v]) {
            v += 1;
        }
        if v < toks.len() && toks[v].kind == TokenKind::Word && (k..v).all(|a| joined(a, a + 1)) {
            out.push((k, v));
        }
    }
    out
}

/// Whether the source states anything in the plain future or under a condition, where a
/// rendering in the future is fair.
fn certain_or_conditional(toks: &[Token]) -> bool {
    let f = forms();
    toks.iter().any(|t| {
        let w = t.text.to_lowercase();
        f.en_certain.contains(&w) || w.ends_with("'ll") || w == "if" || w == "unless"
    })
}

/// Whether an Arabic word (normalised) is a hedge: listed, after و/ف or with its article.
fn arabic_hedge(norm: &str) -> bool {
    let hedges = &forms().ar_hedge;
    let bare = arabic::without_conjunction(norm);
    hedges.contains(norm)
        || hedges.contains(bare)
        || hedges.contains(arabic::strip_proclitics(bare))
}

/// The imperfect verb a future prefix س is written on («سترسل» → «ترسل», «ستصل» → «تصل»), if
/// the word is one: a person prefix and two letters or more after the س, and no nominal reading
/// of the whole word that the lexicon knows («سياستها» is «سياسة» with a pronoun, «سنوات» years).
fn future_prefixed<'w>(norm: &'w str, lex: &Lexicon) -> Option<&'w str> {
    let rest = arabic::without_conjunction(norm).strip_prefix('س')?;
    let mut chars = rest.chars();
    let person = chars.next()?;
    let verb = matches!(person, 'ي' | 'ت' | 'ن' | 'ا') && chars.count() >= 2;
    (verb
        && !arabic::nominal_candidates(norm)
            .iter()
            .any(|c| !lex.ar(c).is_empty()))
    .then_some(rest)
}

/// Whether the Arabic of a bead keeps a hedge: a listed word, or «قد» before an imperfect verb
/// or «لا» (a perfect may follow as a ت or ن verb too: read as a hedge, so that the bead is left
/// alone).
fn arabic_hedged(ctx: &Context, tgt: &[usize]) -> bool {
    let particles = &forms().ar_particle;
    tgt.iter().any(|&j| {
        let norms = &ctx.words.ar(j).norms;
        norms.iter().enumerate().any(|(k, n)| {
            arabic_hedge(n)
                || (particles.contains(arabic::without_conjunction(n))
                    && norms
                        .get(k + 1)
                        .is_some_and(|next| next.starts_with(['ي', 'ت', 'ن']) || next == "لا"))
        })
    })
}

/// One Arabic future: where its marker stands, the concepts of the verb it is written on (the
/// word after «سوف» or «لن»), and those of the words that may carry the verb it marks.
struct Future {
    sentence: usize,
    token: usize,
    own: Vec<u32>,
    marked: Vec<u32>,
}

/// The futures of a bead's Arabic, or None where a sentence holds a condition (a future there
/// is a consequence, the fair rendering of "could" in a conditional).
fn arabic_futures(ctx: &Context, tgt: &[usize]) -> Option<Vec<Future>> {
    let f = forms();
    let mut out = Vec::new();
    for &j in tgt {
        let w = ctx.words.ar(j);
        if w.norms.iter().any(|n| opens_condition(n)) {
            return None;
        }
        for (k, n) in w.norms.iter().enumerate() {
            let own = if let Some(verb) = future_prefixed(n, ctx.lexicon) {
                ctx.lexicon.ar_word(verb)
            } else if f.ar_future.contains(arabic::without_conjunction(n)) {
                w.concepts.get(k + 1).cloned().unwrap_or_default()
            } else {
                continue;
            };
            let marked = own
                .iter()
                .copied()
                .chain(
                    w.concepts
                        .iter()
                        .skip(k + 1)
                        .take(FUTURE_REACH)
                        .flatten()
                        .copied(),
                )
                .collect();
            out.push(Future {
                sentence: j,
                token: k,
                own,
                marked,
            });
        }
    }
    Some(out)
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let lex = ctx.lexicon;
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        // Each hedged English verb: (sentence, hedge token, verb token, its content concepts).
        let mut hedged: Vec<(usize, usize, usize, Vec<u32>)> = Vec::new();
        let mut skip = false;
        for &i in &b.src {
            let w = ctx.words.en(i);
            if certain_or_conditional(&w.toks) {
                skip = true;
                break;
            }
            for (h, v) in hedged_verbs(&ctx.src[i], &w.toks) {
                let concepts: Vec<u32> = w.concepts[v]
                    .iter()
                    .copied()
                    .filter(|&c| !lex.is_function(c))
                    .collect();
                hedged.push((i, h, v, concepts));
            }
        }
        if skip || hedged.is_empty() || arabic_hedged(ctx, &b.tgt) {
            continue;
        }
        let Some(futures) = arabic_futures(ctx, &b.tgt) else {
            continue;
        };
        // The future renders a hedged verb where it marks one of its concepts; where the lexicon
        // cannot say, a bead with one hedged verb and one future that renders no other word of
        // the source pairs them, on weaker evidence.
        let confirmed = futures.iter().find_map(|fut| {
            hedged
                .iter()
                .find(|(_, _, _, c)| c.iter().any(|x| fut.marked.contains(x)))
                .map(|h| (fut, h, Severity::High))
        });
        let sole =
            || {
                let ([fut], [h]) = (&futures[..], &hedged[..]) else {
                    return None;
                };
                let (i, _, v, ref verb) = *h;
                // The future renders another word of the source…
                let renders_other =
                    b.src.iter().any(|&s| {
                        ctx.words.en(s).concepts.iter().enumerate().any(|(k, c)| {
                            !(s == i && k == v) && c.iter().any(|x| fut.own.contains(x))
                        })
                    });
                // …or the hedged verb is rendered by another Arabic word («وأرسلت الوزارة … وسيفتتح
                // الميناء» for "may send …, and the port reopens"): either way they are no pair.
                let verb_elsewhere = b.tgt.iter().any(|&j| {
                    ctx.words.ar(j).concepts.iter().enumerate().any(|(k, c)| {
                        let marked = j == fut.sentence
                            && (fut.token..=fut.token + FUTURE_REACH).contains(&k);
                        !marked && c.iter().any(|x| verb.contains(x))
                    })
                });
                (!renders_other && !verb_elsewhere).then_some((fut, h, Severity::Medium))
            };
        let Some((fut, (i, h, v, _), severity)) = confirmed.or_else(sole) else {
            continue;
        };
        let en = &ctx.words.en(*i).toks;
        let tok = &ctx.words.ar(fut.sentence).toks[fut.token];
        let text = &ctx.tgt[fut.sentence];
        out.push(Flag {
            kind: FlagKind::Mistranslation,
            subkind: Some("certainty".into()),
            severity,
            src: b.src.clone(),
            tgt: vec![fut.sentence],
            span: Some(span(Side::Tgt, fut.sentence, text, tok.start, tok.end)),
            reason: format!(
                "'{}' states as certain what the source gives as possible ('{}')",
                char_slice(text, tok.start, tok.end),
                char_slice(&ctx.src[*i], en[*h].start, en[*v].end)
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
    fn a_hedged_action_rendered_in_the_plain_future_is_flagged() {
        let en = "The ministry may send a team of engineers to the port next month.";
        assert_eq!(
            spans(
                en,
                "سترسل الوزارة فريقا من المهندسين إلى الميناء الشهر المقبل."
            ),
            vec!["سترسل".to_string()]
        );
        let en = "Negotiators are expected to resume the talks in Muscat on Sunday.";
        assert_eq!(
            spans(en, "وسيستأنف المفاوضون المحادثات في مسقط يوم الأحد."),
            vec!["وسيستأنف".to_string()]
        );
        let en = "The council could impose new restrictions on grain exports.";
        assert_eq!(
            spans(en, "سوف يفرض المجلس قيودا جديدة على صادرات الحبوب."),
            vec!["سوف".to_string()]
        );
    }

    #[test]
    fn a_hedge_kept_in_the_arabic_is_faithful() {
        let en = "The ministry may send a team of engineers to the port next month.";
        for ar in [
            "قد ترسل الوزارة فريقا من المهندسين إلى الميناء الشهر المقبل.",
            "من المحتمل أن ترسل الوزارة فريقا من المهندسين إلى الميناء الشهر المقبل.",
            "ويمكن أن ترسل الوزارة فريقا من المهندسين إلى الميناء الشهر المقبل.",
            "وربما ترسل الوزارة فريقا من المهندسين إلى الميناء الشهر المقبل.",
        ] {
            assert!(spans(en, ar).is_empty(), "{ar}");
        }
    }

    #[test]
    fn a_future_on_another_verb_or_under_a_condition_is_not_judged() {
        // The future marks another action than the hedged one.
        let en = "The ministry may send engineers, and the port reopens next month.";
        assert!(spans(en, "وأرسلت الوزارة مهندسين، وسيفتتح الميناء الشهر المقبل.").is_empty());
        // A conditional consequence: "could" is fairly a future there.
        let en = "Officials warned that the strikes could resume if the talks fail.";
        assert!(spans(
            en,
            "وحذر المسؤولون من أن الضربات ستستأنف إذا فشلت المحادثات."
        )
        .is_empty());
        // The source speaks in the plain future too.
        let en = "The ministry will meet the engineers and may send a team to the port.";
        assert!(spans(en, "ستلتقي الوزارة المهندسين وسترسل فريقا إلى الميناء.").is_empty());
        // The month, not the modal.
        let en = "The team arrived in May to send supplies to the port.";
        assert!(spans(en, "وصل الفريق في مايو وسيرسل إمدادات إلى الميناء.").is_empty());
    }

    #[test]
    fn qad_before_a_perfect_asserts_and_before_an_imperfect_hedges() {
        let en = "The ministry said it may send a team of engineers to the port.";
        assert!(spans(
            en,
            "وقالت الوزارة إنها قد ترسل فريقا من المهندسين إلى الميناء."
        )
        .is_empty());
        assert_eq!(
            spans(
                en,
                "وقد أعلنت الوزارة أنها سترسل فريقا من المهندسين إلى الميناء."
            ),
            vec!["سترسل".to_string()]
        );
        let lex = Lexicon::builtin();
        assert_eq!(future_prefixed("سترسل", lex), Some("ترسل"));
        assert_eq!(future_prefixed("وسيرسل", lex), Some("يرسل"));
        assert_eq!(future_prefixed("ستصل", lex), Some("تصل"));
        // Too short to be a verb after the prefix: «سنة» (year), «ستة» (six); a noun the
        // lexicon knows, with a pronoun: «سياستها» (its policy).
        assert_eq!(future_prefixed("سنه", lex), None);
        assert_eq!(future_prefixed("سته", lex), None);
        assert_eq!(future_prefixed(&arabic::normalize("سياستها"), lex), None);
    }
}
