//! Characterisations dropped inside a translated sentence: the words by which a statement judges
//! what it reports — "reckless and illegal attacks", "a self-defense strike", "Iran-backed
//! militias", "terrorist activities" (data/characterisations.tsv). The Arabic that keeps every
//! fact and drops the verdict («الهجمات», «الضربة», «الميليشيات») changes what the reader is
//! told about who is to blame; the clause test does not see it, for the words are one item of
//! a clause the Arabic otherwise renders.
//!
//! A characterisation is rendered when a word of the bead's Arabic shares a lexicon concept with
//! it or starts with one of its class's Arabic stems; a sponsor ("Iran-backed") when the Arabic
//! names the sponsor. A capitalised word inside the sentence belongs to a name or a title
//! ("Foreign Terrorist Organization", "Under Secretary for Terrorism"), whose renderings other
//! detectors judge; "counter-terrorism" and "anti-terror" name a field, not a verdict.

use super::{Context, Flag, Side};
use crate::align::Bead;
use crate::text::tokens::{between, starts_sentence, TokenKind};
use crate::text::{arabic, data as text_data, english};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The largest share of a document's clauses with nothing the Arabic matches (see `partial`) at
/// which a characterisation given in no form is still evidence of a drop: a likelihood ratio of
/// four or more. Beyond it the dictionary misses so much of the translation (a scripture, a
/// literary text) that a judgement rendered in a word it lacks («السحت» for "what is unlawful")
/// is as likely as one dropped.
pub const MAX_UNMATCHED_RATE: f64 = 0.25;

/// The class that marks a sponsor's participle ("backed" in "Iran-backed").
const SPONSOR: &str = "sponsor";
/// The class of restrictions of scope: a part judged, which the Arabic without it generalises.
const SCOPE: &str = "scope";

struct Class {
    name: &'static str,
    /// Normalised Arabic stems; empty for the sponsor class.
    ar: Vec<String>,
}

struct Table {
    classes: Vec<Class>,
    /// English forms by their first word: (the other words, class index).
    en: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// English forms are matched as written, lower-cased: a plural noun is listed or not on its own
/// ("terrorist activities" judges an act; "ISIS terrorists" names fighters, whom a translation
/// calls «عناصر التنظيم»).
fn form_of(word: &str) -> String {
    english::fold(word)
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            classes: Vec::new(),
            en: HashMap::new(),
        };
        for f in text_data::rows(include_str!("data/characterisations.tsv"), 3) {
            let class = t.classes.len();
            t.classes.push(Class {
                name: f[0],
                ar: f[2]
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && *s != "-")
                    .map(arabic::normalize)
                    .collect(),
            });
            for form in f[1].split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let mut words = form
                    .split([' ', '-'])
                    .filter(|w| !w.is_empty())
                    .map(form_of);
                if let Some(first) = words.next() {
                    t.en.entry(first)
                        .or_default()
                        .push((words.collect(), class));
                }
            }
        }
        t
    })
}

/// One characterisation found in a source sentence: token range and class.
struct Found {
    first: usize,
    last: usize,
    class: usize,
}

/// The characterisations of source sentence `i`.
fn characterisations(ctx: &Context, i: usize) -> Vec<Found> {
    let t = table();
    let text = &ctx.src[i];
    let w = ctx.words.en(i);
    let mut out = Vec::new();
    for (k, tok) in w.toks.iter().enumerate() {
        if tok.kind != TokenKind::Word {
            continue;
        }
        let Some(forms) = t.en.get(&form_of(tok.text)) else {
            continue;
        };
        for (rest, class) in forms {
            let last = k + rest.len();
            if last >= w.toks.len()
                || !rest
                    .iter()
                    .enumerate()
                    .all(|(n, s)| &form_of(w.toks[k + 1 + n].text) == s)
            {
                continue;
            }
            let capitalised = |x: usize| w.toks[x].text.starts_with(|c: char| c.is_uppercase());
            if t.classes[*class].name == SPONSOR {
                // "Iran-backed": the participle joined by a hyphen to a capitalised sponsor.
                if k == 0 || between(text, &w.toks, k - 1, k) != "-" || !capitalised(k - 1) {
                    continue;
                }
                out.push(Found {
                    first: k - 1,
                    last,
                    class: *class,
                });
                break;
            }
            let in_a_name =
                (k..=last).any(|x| capitalised(x) && !starts_sentence(text, &w.toks, x));
            // Words in square brackets are the translator's or the editor's, not the source's
            // ("when a people determined to extend their hands [in aggression]").
            let bracketed = bracket_depth(text, tok.start) > 0;
            // "counter-terrorism", "anti-terror": a field of work, not a verdict on an act.
            let field = k > 0
                && matches!(form_of(w.toks[k - 1].text).as_str(), "counter" | "anti")
                && matches!(between(text, &w.toks, k - 1, k).trim(), "" | "-");
            if !in_a_name && !field && !bracketed {
                out.push(Found {
                    first: k,
                    last,
                    class: *class,
                });
                break;
            }
        }
    }
    out
}

/// How many square brackets are open at character `at` of `text`.
fn bracket_depth(text: &str, at: usize) -> i32 {
    text.chars().take(at).fold(0, |d, c| match c {
        '[' => d + 1,
        ']' => (d - 1).max(0),
        _ => d,
    })
}

/// Whether the bead's Arabic gives characterisation `f` of source sentence `i`.
fn rendered(ctx: &Context, bead: &Bead, i: usize, f: &Found) -> bool {
    let w = ctx.words.en(i);
    let class = &table().classes[f.class];
    // The sponsor's concepts for a sponsor, the word's own otherwise.
    let own = if class.name == SPONSOR {
        f.first..f.first + 1
    } else {
        f.first..f.last + 1
    };
    // A restriction of scope is said by its stems alone: its words' own meanings ("in",
    // "areas") are rendered by an Arabic that drops the restriction.
    let concepts: Vec<u32> = if class.name == SCOPE {
        Vec::new()
    } else {
        own.clone().flat_map(|x| w.concepts[x].clone()).collect()
    };
    // A sponsor the lexicon does not know cannot be looked for: the omission is not claimed.
    if class.name == SPONSOR && concepts.is_empty() {
        return true;
    }
    // The Arabic forms of the sponsor, matched as stems: «إيران» in «إيرانيا», «الإيرانية».
    let sponsor_forms: Vec<String> = if class.name == SPONSOR {
        concepts
            .iter()
            .filter_map(|&c| ctx.lexicon.label(c))
            .flat_map(|(_, forms)| forms.iter())
            .filter(|form| !form.contains(' '))
            .map(|form| {
                let bare = arabic::strip_proclitics(&arabic::normalize(form)).to_string();
                // The adjective «إيراني» for "Iranian-backed": the country's name is its stem.
                match bare.strip_suffix('ي') {
                    Some(stem) if stem.chars().count() >= 3 => stem.to_string(),
                    _ => bare,
                }
            })
            .filter(|form| form.chars().count() >= 3)
            .collect()
    } else {
        Vec::new()
    };
    bead.tgt.iter().any(|&j| {
        let a = ctx.words.ar(j);
        a.toks.iter().enumerate().any(|(x, tok)| {
            if tok.kind != TokenKind::Word {
                return false;
            }
            if a.concepts[x].iter().any(|c| concepts.contains(c)) {
                return true;
            }
            let norm = &a.norms[x];
            let bare = arabic::strip_prefix_clitics(norm);
            let starts =
                |stem: &String| norm.starts_with(stem.as_str()) || bare.starts_with(stem.as_str());
            class.ar.iter().any(starts) || sponsor_forms.iter().any(starts)
        })
    })
}

/// The characterisations of a translated bead's source sentences (`translated`) that its Arabic
/// gives in no form, unless another flag already covers them (`claimed`: a dropped clause
/// holding the word).
pub fn dropped(ctx: &Context, bead: &Bead, translated: &[usize], claimed: &[&Flag]) -> Vec<Flag> {
    let mut out = Vec::new();
    for &i in translated {
        let w = ctx.words.en(i);
        for f in characterisations(ctx, i) {
            let (start, end) = (w.toks[f.first].start, w.toks[f.last].end);
            let covered = claimed.iter().copied().chain(out.iter()).any(|c| {
                c.span.as_ref().is_some_and(|sp| {
                    sp.side == Side::Src && sp.sentence == i && sp.start <= start && end <= sp.end
                })
            });
            if covered || rendered(ctx, bead, i, &f) {
                continue;
            }
            let class = table().classes[f.class].name;
            out.push(super::partial::omitted_words(
                ctx,
                bead,
                i,
                (start, end),
                "characterisation",
                |words| {
                    if class == SPONSOR {
                        format!("'{words}': the Arabic does not say who stands behind them")
                    } else if class == SCOPE {
                        format!("the source's restriction '{words}' is not in the Arabic, which states the whole")
                    } else {
                        format!("the source's characterisation '{words}' is not in the Arabic")
                    }
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(en: &str, ar: &str) -> Vec<String> {
        crate::flag::flagged_spans(|ctx| dropped(ctx, &ctx.beads[0], &[0], &[]), en, ar)
    }

    #[test]
    fn a_verdict_the_arabic_drops_is_flagged() {
        let en =
            "The coalition condemned the reckless and unlawful seizure of the tanker on Monday.";
        assert_eq!(
            flagged(en, "وأدان التحالف احتجاز الناقلة يوم الاثنين."),
            vec!["reckless", "unlawful"]
        );
        assert_eq!(
            flagged(
                en,
                "وأدان التحالف الاحتجاز المتهور وغير القانوني للناقلة يوم الاثنين."
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            flagged(en, "وأدان التحالف الاحتجاز المتهور للناقلة يوم الاثنين."),
            vec!["unlawful"]
        );
    }

    /// A restriction of scope dropped generalises what the source says of a part.
    #[test]
    fn a_restriction_of_scope_is_kept_or_flagged() {
        let en =
            "Inspectors reported damage to the irrigation canals in some areas after the floods.";
        assert_eq!(
            flagged(
                en,
                "وأفاد المفتشون بوقوع أضرار في قنوات الري بعد الفيضانات."
            ),
            vec!["in some areas"]
        );
        assert!(flagged(
            en,
            "وأفاد المفتشون بوقوع أضرار في قنوات الري في بعض المناطق بعد الفيضانات."
        )
        .is_empty());
        let en = "The road to the border crossing was partly closed on Friday.";
        assert_eq!(
            flagged(en, "وأُغلق الطريق المؤدي إلى المعبر الحدودي يوم الجمعة."),
            vec!["partly"]
        );
        assert!(flagged(
            en,
            "وأُغلق الطريق المؤدي إلى المعبر الحدودي جزئياً يوم الجمعة."
        )
        .is_empty());
    }

    /// What a statement says of a detention — arbitrary, without charge, incommunicado,
    /// wrongful — is its verdict on it, dropped or kept like any other.
    #[test]
    fn the_verdict_on_a_detention_is_a_characterisation() {
        let en = "The ministry condemned the arbitrary detention of two aid workers held without charge since March.";
        assert_eq!(
            flagged(en, "وأدانت الوزارة احتجاز اثنين من عمال الإغاثة منذ مارس."),
            vec!["arbitrary", "without charge"]
        );
        assert!(flagged(
            en,
            "وأدانت الوزارة الاحتجاز التعسفي لاثنين من عمال الإغاثة المحتجزين دون توجيه تهم منذ مارس."
        )
        .is_empty());
        let en = "The journalist remains wrongfully detained and held incommunicado.";
        assert_eq!(
            flagged(en, "ولا يزال الصحفي محتجزا."),
            vec!["wrongfully", "incommunicado"]
        );
        assert!(flagged(
            en,
            "ولا يزال الصحفي محتجزا ظلما ومعزولا عن العالم بمعزل عن أي تواصل."
        )
        .is_empty());
    }

    #[test]
    fn a_sponsor_is_rendered_only_by_its_name() {
        let en = "Iran-backed militias fired rockets at the base near Erbil.";
        assert_eq!(
            flagged(en, "وأطلقت ميليشيات صواريخ على القاعدة قرب أربيل."),
            vec!["Iran-backed"]
        );
        for same in [
            "وأطلقت ميليشيات مدعومة من إيران صواريخ على القاعدة قرب أربيل.",
            "وأطلقت ميليشيات مدعومة إيرانيا صواريخ على القاعدة قرب أربيل.",
        ] {
            assert_eq!(flagged(en, same), Vec::<String>::new(), "{same}");
        }
    }

    #[test]
    fn a_sponsor_given_as_an_adjective_is_found_by_its_country() {
        let en = "He said Iranian-backed groups carried out three attacks in the same period.";
        assert!(flagged(
            en,
            "وقال إن جماعات موالية لإيران شنت ثلاث هجمات خلال الفترة نفسها."
        )
        .is_empty());
        assert!(flagged(
            en,
            "وقال إن الجماعات المدعومة إيرانيا شنت ثلاث هجمات خلال الفترة نفسها."
        )
        .is_empty());
        assert_eq!(
            flagged(en, "وقال إن جماعات مسلحة شنت ثلاث هجمات خلال الفترة نفسها."),
            vec!["Iranian-backed"]
        );
    }

    #[test]
    fn fighters_called_terrorists_and_ground_held_are_no_verdicts() {
        let en = "Forces will hunt ISIS terrorists in Houthi-controlled and other areas.";
        assert!(flagged(
            en,
            "وستلاحق القوات عناصر التنظيم في مناطق سيطرة الحوثيين وغيرها."
        )
        .is_empty());
    }

    #[test]
    fn words_in_square_brackets_are_the_translators() {
        let en = "A people determined to extend their hands [in aggression] against you.";
        assert!(flagged(en, "قوم هموا أن يبسطوا إليكم أيديهم.").is_empty());
        let en = "A people determined to extend their hands in aggression against you.";
        assert_eq!(
            flagged(en, "قوم هموا أن يبسطوا إليكم أيديهم."),
            vec!["aggression"]
        );
    }

    #[test]
    fn names_titles_and_fields_are_no_verdicts() {
        for en in [
            "The Department designated the group as a Foreign Terrorist Organization in 2019.",
            "The two ministers discussed counter-terrorism cooperation and border security.",
        ] {
            assert_eq!(
                flagged(en, "وبحث الوزيران التعاون الأمني وأمن الحدود عام 2019."),
                Vec::<String>::new(),
                "{en}"
            );
        }
    }

    #[test]
    fn a_phrase_is_found_across_its_hyphen() {
        let en = "The strike was conducted in self-defense against an imminent threat.";
        assert_eq!(
            flagged(en, "ونفذت الضربة ضد تهديد وشيك."),
            vec!["self-defense"]
        );
        assert!(flagged(en, "ونفذت الضربة دفاعا عن النفس ضد تهديد وشيك.").is_empty());
    }
}
