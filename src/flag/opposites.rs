//! Words of opposite meaning on one axis (data/opposites.tsv): a quantity that went up
//! ("exports rose") said to have gone down («تراجعت الصادرات»), a claim denied said to be
//! confirmed («أكد»), an option still weighed said to be decided («قررت»), the killed said to
//! be wounded («أصيب»), dozens said to be hundreds («مئات»), South Carolina given as «كارولينا
//! الشمالية», or the reverse.
//! Judged per bead, only where each side says one pole: a
//! sentence with both ("exports rose while imports fell") is left to the other detectors.

use super::negation::is_grammatical_negator;
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::text::data as text_data;
use crate::text::tokens::TokenKind;
use crate::text::{arabic, char_slice, Lang};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One pole of one axis: (axis, pole), as the data file names them.
type Pole = (&'static str, &'static str);

/// A form may stand on several axes («مساعدات» aid is a grant, not a sale, and support, not a
/// penalty). Arabic forms of two words («متعدد الأطراف», multilateral) are keyed by both words
/// joined with a space.
struct Forms {
    en: HashMap<String, Vec<Pole>>,
    ar: HashMap<String, Vec<Pole>>,
}

fn forms() -> &'static Forms {
    static F: OnceLock<Forms> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = Forms {
            en: HashMap::new(),
            ar: HashMap::new(),
        };
        for row in text_data::rows(include_str!("data/opposites.tsv"), 4) {
            let pole: Pole = (row[0], row[1]);
            for w in row[3].split_whitespace() {
                let (map, key) = match row[2] {
                    "en" => (&mut f.en, w.to_string()),
                    _ => (
                        &mut f.ar,
                        w.split('_')
                            .map(arabic::normalize)
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                };
                map.entry(key).or_default().push(pole);
            }
        }
        f
    })
}

/// The poles of an Arabic word, or of the word and the next (`next`, normalised) where the
/// pair is listed: as listed, or after a conjunction, the future prefix or the article
/// («وارتفعت», «ستنخفض», «الانخفاض»). The second item tells whether the next word was taken.
fn arabic_poles(norm: &str, next: Option<&str>) -> Option<(&'static [Pole], bool)> {
    if let Some(next) = next {
        let two = |first: &str| {
            forms()
                .ar
                .get(&format!("{first} {}", arabic::strip_proclitics(next)))
        };
        if let Some(p) = arabic_pole_of(norm, two) {
            return Some((p, true));
        }
    }
    arabic_pole_of(norm, |c| forms().ar.get(c)).map(|p| (p, false))
}

/// The entry `get` finds for an Arabic word or its forms without a conjunction, the future
/// prefix or the article.
fn arabic_pole_of<'f>(
    norm: &str,
    get: impl Fn(&str) -> Option<&'f Vec<Pole>>,
) -> Option<&'f [Pole]> {
    let mut candidates = vec![norm];
    let bare = arabic::without_conjunction(norm);
    if bare != norm {
        candidates.push(bare);
    }
    let mut more = Vec::new();
    for c in &candidates {
        if let Some(rest) = c.strip_prefix('س') {
            more.push(rest);
        }
        more.push(arabic::strip_proclitics(c));
    }
    candidates.extend(more);
    candidates
        .iter()
        .filter(|c| c.chars().count() >= 3)
        .find_map(|c| get(c).map(Vec::as_slice))
}

/// Whether an Arabic word is a grammatical negator (the negation cue lists), alone or after
/// و/ف. "deny X" is faithfully «أكد أن … لم», so the assertion axis is not judged where a bead
/// negates.
fn arabic_negator(norm: &str) -> bool {
    let negator = |w: &str| is_grammatical_negator(Lang::Ar, w);
    negator(norm) || negator(arabic::without_conjunction(norm))
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        // (pole, sentence, start, end) of each side's words on an axis.
        let mut src: Vec<(Pole, usize, usize, usize)> = Vec::new();
        let mut src_negated = false;
        for &i in &b.src {
            let toks = &ctx.words.en(i).toks;
            for (k, t) in toks.iter().enumerate() {
                let lower = t.text.to_lowercase();
                src_negated |= is_grammatical_negator(Lang::En, &lower) || lower.ends_with("n't");
                let Some(poles) = forms().en.get(&lower) else {
                    continue;
                };
                // "non-combat": the prefix negates the form.
                let prefixed = k >= 1
                    && toks[k - 1].text.eq_ignore_ascii_case("non")
                    && crate::text::tokens::between(&ctx.src[i], toks, k - 1, k).trim() == "-";
                if prefixed {
                    continue;
                }
                // "declined to comment", "refused": a form before "to" and a word. A decision
                // takes its infinitive ("decided to send"), and a noun its recipient ("a sale
                // to Bahrain").
                let before_to_word = toks.get(k + 1).is_some_and(|n| n.text == "to")
                    && toks.get(k + 2).is_some_and(|n| n.kind == TokenKind::Word);
                for &pole in poles {
                    let takes_to = matches!(
                        pole.0,
                        "decision" | "transfer" | "role" | "agreement" | "measure" | "parties"
                    );
                    if takes_to || !before_to_word {
                        src.push((pole, i, t.start, t.end));
                    }
                }
            }
        }
        let mut tgt: Vec<(Pole, usize, usize, usize)> = Vec::new();
        let mut tgt_negated = false;
        for &j in &b.tgt {
            let w = ctx.words.ar(j);
            let mut k = 0;
            while k < w.toks.len() {
                let norm = &w.norms[k];
                tgt_negated |= arabic_negator(norm);
                let next = w.norms.get(k + 1).map(String::as_str);
                let Some((poles, two)) = arabic_poles(norm, next) else {
                    k += 1;
                    continue;
                };
                let end = w.toks[if two { k + 1 } else { k }].end;
                tgt.extend(poles.iter().map(|&pole| (pole, j, w.toks[k].start, end)));
                k += if two { 2 } else { 1 };
            }
        }
        let mut axes: Vec<&str> = src.iter().map(|p| p.0 .0).collect();
        axes.sort_unstable();
        axes.dedup();
        for axis in axes {
            // One pole on each side of this axis.
            let one_pole = |v: &[(Pole, usize, usize, usize)]| {
                let mut on = v.iter().filter(|p| p.0 .0 == axis);
                let first = *on.next()?;
                on.all(|p| p.0 == first.0).then_some(first)
            };
            let (Some(s), Some(t)) = (one_pole(&src), one_pole(&tgt)) else {
                continue;
            };
            if s.0 == t.0 {
                continue;
            }
            // Denying a claim is affirming its negation, and "has not decided" is still
            // weighing it: those axes are not judged where a side negates.
            if matches!(axis, "assertion" | "decision" | "agreement")
                && (src_negated || tgt_negated)
            {
                continue;
            }
            let (kind, subkind) = match axis {
                "assertion" => (FlagKind::NegationFlip, "assertion"),
                "decision" => (FlagKind::Mistranslation, "decision"),
                "casualty" => (FlagKind::Mistranslation, "casualty"),
                "magnitude" => (FlagKind::NumberMismatch, "magnitude"),
                "bearing" => (FlagKind::NameMismatch, "place"),
                "transfer" | "role" | "measure" | "parties" => (FlagKind::Mistranslation, "term"),
                "agreement" => (FlagKind::Mistranslation, "decision"),
                _ => (FlagKind::Mistranslation, "direction"),
            };
            let (_, i, s0, s1) = s;
            let (_, j, t0, t1) = t;
            out.push(Flag {
                kind,
                subkind: Some(subkind.into()),
                // The axes of domain terms hold words of other senses too («مساعدة» is help
                // as well as aid): medium.
                severity: if matches!(
                    axis,
                    "transfer" | "role" | "agreement" | "measure" | "parties"
                ) {
                    Severity::Medium
                } else {
                    Severity::High
                },
                src: b.src.clone(),
                tgt: vec![j],
                span: Some(span(Side::Tgt, j, &ctx.tgt[j], t0, t1)),
                reason: format!(
                    "'{}' ({} {}) where the source says '{}' ({} {})",
                    char_slice(&ctx.tgt[j], t0, t1),
                    axis,
                    t.0 .1,
                    char_slice(&ctx.src[i], s0, s1),
                    axis,
                    s.0 .1
                ),
            });
        }
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
    fn a_change_reported_the_other_way_is_flagged() {
        let en = "Wheat imports through Aqaba rose by 12 percent in the third quarter.";
        let same = "وارتفعت واردات القمح عبر العقبة بنسبة 12 في المئة في الربع الثالث.";
        assert!(spans(en, same).is_empty());
        let reversed = "وتراجعت واردات القمح عبر العقبة بنسبة 12 في المئة في الربع الثالث.";
        assert_eq!(spans(en, reversed), vec!["وتراجعت".to_string()]);
        // A noun and the future: «سيشهد انخفاضا» for "will increase".
        let en = "The minister said fuel prices will increase next month.";
        let ar = "وقال الوزير إن أسعار الوقود ستشهد انخفاضا الشهر المقبل.";
        assert_eq!(spans(en, ar), vec!["انخفاضا".to_string()]);
    }

    #[test]
    fn a_penalty_given_as_aid_and_two_parties_given_as_many_are_flagged() {
        let en = "Washington will impose further sanctions on officials who block the convoys.";
        let same = "وستفرض واشنطن عقوبات إضافية على المسؤولين الذين يعرقلون القوافل.";
        assert!(spans(en, same).is_empty());
        let aid = "وستقدم واشنطن مساعدات إضافية للمسؤولين الذين يعرقلون القوافل.";
        assert_eq!(spans(en, aid), vec!["مساعدات".to_string()]);
        let en = "The agreement covers a bilateral exercise off Salalah in March.";
        let same = "ويشمل الاتفاق تمرينا ثنائيا قبالة صلالة في مارس.";
        assert!(spans(en, same).is_empty());
        let many = "ويشمل الاتفاق تمرينا متعدد الأطراف قبالة صلالة في مارس.";
        assert_eq!(spans(en, many), vec!["متعدد الأطراف".to_string()]);
        // «متعددة» alone is "several", no number of parties.
        let several = "ويشمل الاتفاق تمرينا ثنائيا بمهام متعددة قبالة صلالة في مارس.";
        assert!(spans(en, several).is_empty());
        let plain = "ويشمل الاتفاق تمرينا بمهام متعددة قبالة صلالة في مارس.";
        assert!(spans(en, plain).is_empty());
    }

    #[test]
    fn another_point_of_the_compass_names_another_place() {
        let en = "The convoy crossed into South Kordofan near the town of Kadugli.";
        let same = "وعبرت القافلة إلى جنوب كردفان قرب بلدة كادوقلي.";
        assert!(spans(en, same).is_empty());
        let other = "وعبرت القافلة إلى شمال كردفان قرب بلدة كادوقلي.";
        assert_eq!(spans(en, other), vec!["شمال".to_string()]);
        // The adjective after the name, with the article.
        let en = "The plant is in Lexington, North Carolina.";
        assert!(spans(en, "ويقع المصنع في ليكسينغتون، كارولينا الشمالية.").is_empty());
        assert_eq!(
            spans(en, "ويقع المصنع في ليكسينغتون، كارولينا الجنوبية."),
            vec!["الجنوبية".to_string()]
        );
        // Two points on one side ("north-east", «شمال شرق») are left alone.
        let en = "Shelling hit villages east of the river.";
        assert!(spans(en, "وأصاب القصف قرى شمال شرق النهر.").is_empty());
    }

    #[test]
    fn a_denial_given_as_a_confirmation_is_flagged_unless_it_affirms_the_negation() {
        let en = "The port authority denied reports that the vessel had docked in Berbera.";
        let same = "ونفت سلطة الميناء تقارير عن رسو السفينة في بربرة.";
        assert!(spans(en, same).is_empty());
        let reversed = "وأكدت سلطة الميناء تقارير عن رسو السفينة في بربرة.";
        assert_eq!(spans(en, reversed), vec!["وأكدت".to_string()]);
        // Affirming that it did not: the denial, rendered faithfully.
        let negated = "وأكدت سلطة الميناء أن السفينة لم ترس في بربرة.";
        assert!(spans(en, negated).is_empty());
    }

    #[test]
    fn an_option_under_consideration_given_as_decided_is_flagged() {
        let en = "The ministry said it is considering sending additional troops to the border.";
        let same = "وقالت الوزارة إنها تدرس إرسال قوات إضافية إلى الحدود.";
        assert!(spans(en, same).is_empty());
        let decided = "وقالت الوزارة إنها قررت إرسال قوات إضافية إلى الحدود.";
        assert_eq!(spans(en, decided), vec!["قررت".to_string()]);
        // And the reverse, with the infinitive a decision takes.
        let en = "The council decided to reopen the crossing on Sunday.";
        assert!(spans(en, "وقرر المجلس إعادة فتح المعبر يوم الأحد.").is_empty());
        assert_eq!(
            spans(en, "ويدرس المجلس إعادة فتح المعبر يوم الأحد."),
            vec!["ويدرس".to_string()]
        );
        // "has not decided" is still weighing it.
        let en = "The council has not decided whether to reopen the crossing.";
        assert!(spans(en, "ولا يزال المجلس يدرس إعادة فتح المعبر.").is_empty());
    }

    #[test]
    fn the_killed_given_as_wounded_and_a_count_of_another_order_are_flagged() {
        let en = "Three soldiers were killed in the attack on the base.";
        assert!(spans(en, "قتل ثلاثة جنود في الهجوم على القاعدة.").is_empty());
        assert_eq!(
            spans(en, "أصيب ثلاثة جنود في الهجوم على القاعدة."),
            vec!["أصيب".to_string()]
        );
        // Both in one sentence: not judged.
        let en = "Two civilians were killed and five wounded.";
        assert!(spans(en, "قتل مدنيان وأصيب خمسة آخرون.").is_empty());
        let en = "Dozens of families fled the town overnight.";
        assert!(spans(en, "فرت عشرات العائلات من البلدة خلال الليل.").is_empty());
        assert_eq!(
            spans(en, "فرت مئات العائلات من البلدة خلال الليل."),
            vec!["مئات".to_string()]
        );
        // "hundreds of thousands": two orders on each side, not judged.
        let en = "Hundreds of thousands remain displaced.";
        assert!(spans(en, "لا يزال مئات الآلاف نازحين.").is_empty());
    }

    #[test]
    fn a_sale_given_as_aid_a_role_and_an_agreement_reported_otherwise_are_flagged() {
        let en = "The possible sale to Oman includes forty missiles and related training.";
        assert!(spans(
            en,
            "وتشمل صفقة البيع المحتملة أربعين صاروخا وتدريبا ذا صلة."
        )
        .is_empty());
        assert_eq!(
            spans(en, "وتشمل المساعدات المحتملة أربعين صاروخا وتدريبا ذا صلة."),
            vec!["المساعدات".to_string()]
        );
        let en = "The remaining troops will keep an advisory role in the province.";
        assert!(spans(en, "وستحتفظ القوات المتبقية بدور استشاري في المحافظة.").is_empty());
        assert_eq!(
            spans(en, "وستحتفظ القوات المتبقية بدور قتالي في المحافظة."),
            vec!["قتالي".to_string()]
        );
        // "non-combat" is the other pole's word negated.
        let en = "The remaining troops will keep a non-combat role in the province.";
        assert!(spans(en, "وستحتفظ القوات المتبقية بدور استشاري في المحافظة.").is_empty());
        let en = "The ministers reviewed a draft accord on port fees.";
        assert!(spans(en, "واستعرض الوزيران مسودة اتفاق بشأن رسوم الموانئ.").is_empty());
        assert_eq!(
            spans(en, "ووقع الوزيران اتفاقا بشأن رسوم الموانئ."),
            vec!["ووقع".to_string()]
        );
        // Not yet signed is still under discussion.
        let en = "The ministers have not signed the accord they discussed.";
        assert!(spans(en, "ولم يناقش الوزيران الاتفاق بعد.").is_empty());
    }

    #[test]
    fn refusals_and_mixed_sentences_are_not_changes() {
        // "declined to comment" is a refusal, not a fall.
        let en = "The embassy declined to comment on the rising number of arrests.";
        let ar = "ورفضت السفارة التعليق على تزايد عدد الاعتقالات.";
        assert!(spans(en, ar).is_empty());
        // Both ways in one sentence: left to the other detectors.
        let en = "Exports rose while imports fell.";
        let ar = "وتراجعت الصادرات بينما ارتفعت الواردات.";
        assert!(spans(en, ar).is_empty());
    }
}
