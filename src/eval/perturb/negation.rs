//! `negation_removed` and `negation_added`. Removal takes out an Arabic negation of a predicate
//! where the English bead is negative too, with the smallest grammatical repair: «لن يترك» →
//! «سيترك», «لم يتمكن» → «تمكن», «لم يكن» → «كان», «لا تتبعوا» → «تتبعون», «ليس حلاً» → «يعد
//! حلاً», «ليس لديه» → «لديه». Addition negates a predicate that is affirmative in both
//! languages: «لا» before an imperfect verb («أن» + verb → «ألا»), «لن» for a future, «لم» +
//! jussive for common perfect verbs. Privative and lexical negatives (غير، عدم، دون، بدون، لا
//! يزال، لا بد، لا سيما) are never touched.

use super::rng::Rng;
use super::words::{self, split_conj, Word};
use super::{Doc, Edit};

const PARTICLES: &[&str] = &["لا", "لم", "لن", "ليس", "ليست", "ليسوا", "ليسا", "ما"];
/// Negative words of any kind: a sentence with one is not "affirmative".
const ANY_NEGATIVE: &[&str] = &[
    "لا",
    "لم",
    "لن",
    "ليس",
    "ليست",
    "ليسوا",
    "ليسا",
    "لست",
    "لسنا",
    "لستم",
    "غير",
    "عدم",
    "دون",
    "بدون",
    "بلا",
    "كلا",
    "لما",
    "ما",
];
/// After «لا», not a predicate negation (لا يزال "still", لا بد "must", لا سيما "especially").
const LA_FIXED: &[&str] = &[
    "يزال",
    "تزال",
    "يزالون",
    "تزالون",
    "نزال",
    "ازال",
    "بد",
    "سيما",
    "شك",
    "ريب",
    "غير",
];
/// Non-verbs that start like an imperfect verb.
const NOT_VERBS: &[&str] = &[
    "احد",
    "اي",
    "ايه",
    "اكثر",
    "اقل",
    "اول",
    "اخر",
    "اله",
    "الا",
    "ان",
    "يوم",
    "يونيو",
    "يوليو",
    "يونيه",
    "يوليه",
    "يناير",
    "يد",
    "يمين",
    "يورو",
    "يهود",
    "يسار",
    "يمن",
    "يوما",
    "يومين",
    "يومي",
    "ينبوع",
    "يتيم",
    "يتامي",
    "ياجوج",
];
/// Words starting with سي that are not futures.
const SI_NOUNS: &[&str] = &[
    "سياس", "سيار", "سياد", "سيطر", "سياق", "سينا", "سيبر", "سيد", "سيول", "سير", "سيف", "سيم",
    "سيل", "سيئ", "سيء", "سيا", "سيت", "سيك", "سين", "سيه",
];
/// Words starting with ست/سن that are not futures (ستة, سنوات …).
const ST_SN_NOUNS: &[&str] = &[
    "ستين",
    "سته",
    "ستار",
    "سترات",
    "ستوك",
    "ستاد",
    "ستون",
    "ستمائ",
    "ستمئ",
    "سنوات",
    "سنوي",
    "سنه",
    "سنغافور",
    "سنتكوم",
    "سنين",
    "سنام",
    "سنابل",
    "سندات",
];
/// Perfect verbs and their jussive after «لم» (normalised perfect → written jussive).
const PERFECTS: &[(&str, &str)] = &[
    ("اكد", "يؤكد"),
    ("اكدت", "تؤكد"),
    ("اكدا", "يؤكدا"),
    ("اعلن", "يعلن"),
    ("اعلنت", "تعلن"),
    ("وقع", "يوقع"),
    ("وقعت", "توقع"),
    ("ناقش", "يناقش"),
    ("ناقشت", "تناقش"),
    ("اتفق", "يتفق"),
    ("اتفقت", "تتفق"),
    ("اتفقا", "يتفقا"),
    ("اسهم", "يسهم"),
    ("اسهمت", "تسهم"),
    ("حقق", "يحقق"),
    ("حققت", "تحقق"),
    ("دعمت", "تدعم"),
    ("تجاوز", "يتجاوز"),
    ("تجاوزت", "تتجاوز"),
    ("نفذ", "ينفذ"),
    ("نفذت", "تنفذ"),
    ("رحب", "يرحب"),
    ("رحبت", "ترحب"),
    ("تم", "يتم"),
    ("تمت", "تتم"),
    ("كان", "يكن"),
    ("كانت", "تكن"),
    ("كانوا", "يكونوا"),
    ("قال", "يقل"),
    ("قالت", "تقل"),
    ("قالوا", "يقولوا"),
    ("امن", "يؤمن"),
    ("امنوا", "يؤمنوا"),
    ("كفروا", "يكفروا"),
    ("علم", "يعلم"),
    ("خلق", "يخلق"),
    ("انزل", "ينزل"),
    ("جعل", "يجعل"),
    ("ارسلنا", "نرسل"),
    ("جاء", "يجئ"),
    ("جاءت", "تجئ"),
    ("اعرب", "يعرب"),
    ("اعربت", "تعرب"),
    ("استعرض", "يستعرض"),
    ("استعرضت", "تستعرض"),
    ("ثمنت", "تثمن"),
    ("جدد", "يجدد"),
    ("جددت", "تجدد"),
    ("اشار", "يشر"),
    ("اشارت", "تشر"),
    ("اوضح", "يوضح"),
    ("اوضحت", "توضح"),
    ("شدد", "يشدد"),
    ("شددت", "تشدد"),
    ("دعا", "يدع"),
    ("دعت", "تدع"),
    ("بحثت", "تبحث"),
    ("عقدت", "تعقد"),
    ("ترأس", "يترأس"),
    ("ترأست", "تترأس"),
    ("اعاد", "يعد"),
    ("اعادت", "تعد"),
    ("قدمت", "تقدم"),
    ("شهدت", "تشهد"),
    ("اطلع", "يطلع"),
    ("تقدم", "يتقدم"),
    ("ادان", "يدن"),
    ("ادانت", "تدن"),
    ("اتخذ", "يتخذ"),
    ("ارسل", "يرسل"),
    ("عبر", "يعبر"),
    ("ضم", "يضم"),
    ("استقبل", "يستقبل"),
    ("تلقى", "يتلق"),
    ("كذبوا", "يكذبوا"),
    ("اتبعوا", "يتبعوا"),
    ("اخذ", "يأخذ"),
    ("اهلكنا", "نهلك"),
];
/// Words before a perfect verb that keep it a predicate (besides a و/ف clitic or sentence start).
const BEFORE_PERFECT: &[&str] = &["كما", "ثم", "حيث", "الذي", "التي", "الذين", "اذ"];

/// Whether an English sentence negates something (not, n't, never, no, cannot, nor, none…).
pub fn english_negated(en: &str) -> bool {
    en.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.to_lowercase())
        .any(|w| {
            matches!(
                w.as_str(),
                "not"
                    | "never"
                    | "no"
                    | "cannot"
                    | "nor"
                    | "neither"
                    | "none"
                    | "nothing"
                    | "nobody"
                    | "nowhere"
            ) || w.ends_with("n't")
                || w.ends_with("n’t")
        })
}

fn arabic_negated(ws: &[Word]) -> bool {
    ws.iter().any(|w| {
        !split_conj(&w.norm, ANY_NEGATIVE).0.is_empty() || ANY_NEGATIVE.contains(&w.norm.as_str())
    })
}

/// The vocative يا/يأيها is written joined to its noun: not a verb.
fn vocative(norm: &str) -> bool {
    norm.starts_with("ياايه") || norm.starts_with("يايه") || norm == "يا"
}

fn looks_imperfect(norm: &str) -> bool {
    !vocative(norm)
        && norm.chars().count() >= 3
        && norm.starts_with(['ي', 'ت', 'ن', 'ا'])
        && !NOT_VERBS.contains(&norm)
        && !norm.starts_with("ال")
}

/// A jussive or subjunctive plural (…وا) back to the indicative (…ون), marks kept before it.
fn indicative(word: &str) -> String {
    let core = word.trim_end_matches(|c| words::is_mark(c) || c == 'ـ');
    let bare: String = core.chars().filter(|&c| !words::is_mark(c)).collect();
    if bare.chars().count() > 3 && bare.ends_with("وا") {
        let cut = core.trim_end_matches(|c| words::is_mark(c) || c == 'ا');
        return format!("{cut}ن");
    }
    word.to_string()
}

/// The indicative plural to the subjunctive (…ون → …وا) after «لن».
fn subjunctive(word: &str) -> String {
    let bare: String = word.chars().filter(|&c| !words::is_mark(c)).collect();
    if bare.chars().count() > 4 && bare.ends_with("ون") {
        let cut = word.trim_end_matches(|c| words::is_mark(c) || c == 'ن');
        return format!("{cut}ا");
    }
    word.to_string()
}

/// The repaired predicate once `particle` is gone, or `None` when no reasonable repair exists.
fn without(particle: &str, next: &Word, next_orig: &str, k: usize, conj: &str) -> Option<String> {
    let n = next.norm.as_str();
    match particle {
        "لا" => (looks_imperfect(n) && !LA_FIXED.contains(&n)).then(|| indicative(next_orig)),
        "لم" => {
            let special = [
                ("يكن", "كان"),
                ("تكن", "كانت"),
                ("يكونوا", "كانوا"),
                ("يتم", "تم"),
                ("تتم", "تمت"),
            ];
            if let Some((_, p)) = special.iter().find(|(j, _)| *j == n) {
                return Some(p.to_string());
            }
            if !looks_imperfect(n) {
                return None;
            }
            if n.starts_with("يت") && n.chars().count() >= 5 {
                // Form V/VI: يتمكن → تمكن, يتمكنوا → تمكنوا (the perfect).
                return Some(words::letters_suffix(next_orig, 1).to_string());
            }
            Some(indicative(next_orig))
        }
        "لن" => looks_imperfect(n).then(|| format!("س{}", indicative(next_orig))),
        "ما" => (["كان", "كانوا", "كانت"].contains(&n) && (k == 0 || !conj.is_empty()))
            .then(|| next_orig.to_string()),
        _ => None,
    }
}

pub fn removal_sites(doc: &Doc, j: usize, _rng: &mut Rng) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    if !english_negated(&doc.english(j)) {
        return Vec::new();
    }
    let ws = words::words(s);
    let mut out = Vec::new();
    for k in 0..ws.len() {
        let (conj, p) = split_conj(&ws[k].norm, PARTICLES);
        if !PARTICLES.contains(&p) || k + 1 >= ws.len() {
            continue;
        }
        let w = &ws[k];
        let next = &ws[k + 1];
        // Punctuation between the particle and the next word: not a particle + predicate.
        if s[w.end..next.start].trim() != "" {
            continue;
        }
        let conj_orig = words::letters_prefix(&s[w.start..w.end], conj.chars().count());
        let next_orig = &s[next.start..next.end];
        let new = if p.starts_with("ليس") {
            let n = next.norm.as_str();
            if n.starts_with('ب') {
                continue;
            }
            let locative = n.starts_with('ل')
                || ["عند", "من", "في", "على", "هناك", "ثمه", "بين"]
                    .iter()
                    .any(|x| n == *x || n.starts_with(&format!("{x}ه")));
            if locative {
                words::replace(s, w.start, next.end, &format!("{conj_orig}{next_orig}"))
            } else {
                let verb = match p {
                    "ليس" => "يعد",
                    "ليست" => "تعد",
                    "ليسوا" => "يعدون",
                    _ => "يعدان",
                };
                words::replace(s, w.start, w.end, &format!("{conj_orig}{verb}"))
            }
        } else {
            let Some(pred) = without(p, next, next_orig, k, conj) else {
                continue;
            };
            words::replace(s, w.start, next.end, &format!("{conj_orig}{pred}"))
        };
        let new = words::tidy(&new);
        if new != *s {
            out.push(Edit::new(j, s, new));
        }
    }
    out
}

pub fn addition_sites(doc: &Doc, j: usize, _rng: &mut Rng) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    let ws = words::words(s);
    if english_negated(&doc.english(j)) || arabic_negated(&ws) {
        return Vec::new();
    }
    let perfect_keys: Vec<&str> = PERFECTS.iter().map(|(p, _)| *p).collect();
    // Names (ياسر, يوسف) look like imperfect verbs: the anchors know them.
    let names: Vec<(usize, usize)> = doc.anchors.tgt[j]
        .items
        .iter()
        .filter(|it| it.kind == crate::anchors::ItemKind::Name)
        .map(|it| (words::byte_of(s, it.start), words::byte_of(s, it.end)))
        .collect();
    let mut out = Vec::new();
    for k in 0..ws.len() {
        let w = &ws[k];
        // The vocative يا is written joined in scripture (يَٰقَوۡمِ, يَٰعِيسَى): its alif is the
        // dagger alif right after the ي.
        let joined_ya = s[w.start..w.end]
            .chars()
            .filter(|&c| c != 'ـ' && (!words::is_mark(c) || c == '\u{0670}'))
            .take(2)
            .eq(['ي', '\u{0670}']);
        if names.iter().any(|&(a, b)| a < w.end && w.start < b) || vocative(&w.norm) || joined_ya {
            continue;
        }
        let orig = &s[w.start..w.end];
        let prev = k.checked_sub(1).map(|i| ws[i].norm.as_str()).unwrap_or("");
        // Perfect verb → لم + jussive.
        let (conj, p) = split_conj(&w.norm, &perfect_keys);
        if let Some((_, juss)) = PERFECTS.iter().find(|(x, _)| *x == p) {
            if k == 0 || !conj.is_empty() || BEFORE_PERFECT.contains(&prev) {
                let c = words::letters_prefix(orig, conj.chars().count());
                let new = words::replace(s, w.start, w.end, &format!("{c}لم {juss}"));
                out.push(Edit::new(j, s, new));
            }
            continue;
        }
        // A clitic و/ف in front of a verb: split it off only when the rest is a verb form.
        let (conj, rest) = match w.norm.strip_prefix(['و', 'ف']) {
            Some(r) if r.starts_with(['ي', 'س']) && r.chars().count() >= 4 => (&w.norm[..2], r),
            _ => ("", w.norm.as_str()),
        };
        let c = words::letters_prefix(orig, conj.chars().count());
        let verb_orig = words::letters_suffix(orig, conj.chars().count());
        if rest == "سوف" && k + 1 < ws.len() {
            let next = &ws[k + 1];
            let n_orig = &s[next.start..next.end];
            if looks_imperfect(&next.norm) {
                let new = words::replace(
                    s,
                    w.start,
                    next.end,
                    &format!("{c}لن {}", subjunctive(n_orig)),
                );
                out.push(Edit::new(j, s, new));
            }
            continue;
        }
        let future = (rest.starts_with("سي") && !SI_NOUNS.iter().any(|x| rest.starts_with(x)))
            || ((rest.starts_with("ست") || rest.starts_with("سن"))
                && !ST_SN_NOUNS.iter().any(|x| rest.starts_with(x)));
        if future && rest.chars().count() >= 5 {
            // Future: سيترك → لن يترك.
            let verb = subjunctive(words::letters_suffix(verb_orig, 1));
            let new = words::replace(s, w.start, w.end, &format!("{c}لن {verb}"));
            out.push(Edit::new(j, s, new));
            continue;
        }
        let imperfect = (rest.starts_with('ي') && rest.chars().count() >= 4
            || rest.starts_with('ت') && rest.ends_with("ون") && rest.chars().count() >= 5)
            && !NOT_VERBS.contains(&rest)
            && !rest.starts_with("يوم");
        if !imperfect {
            continue;
        }
        if prev == "ان" && k > 0 {
            let pw = &ws[k - 1];
            let porig = &s[pw.start..pw.end];
            let bare: String = porig.chars().filter(|&c| !words::is_mark(c)).collect();
            if bare.ends_with("أن") {
                // أن + verb → ألا + verb.
                let head =
                    &porig[..porig.len() - porig.trim_start_matches(|c: char| c != 'أ').len()];
                let new = words::replace(s, pw.start, pw.end, &format!("{head}ألا"));
                out.push(Edit::new(j, s, new));
            }
            continue;
        }
        let new = words::replace(s, w.start, w.end, &format!("{c}لا {verb_orig}"));
        out.push(Edit::new(j, s, new));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_negation_is_seen() {
        assert!(english_negated("Iraq will not leave any citizen behind."));
        assert!(english_negated("It doesn't matter."));
        assert!(!english_negated("The talks noted progress in Norway."));
    }

    #[test]
    fn plural_moods() {
        assert_eq!(indicative("يتمكنوا"), "يتمكنون");
        assert_eq!(indicative("تَتَّبِعُواْ"), "تَتَّبِعُون");
        assert_eq!(subjunctive("يعملون"), "يعملوا");
        assert_eq!(indicative("يترك"), "يترك");
    }
}
