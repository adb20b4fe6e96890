//! Arabic normalisation for matching: letter-form folding, marks, tatweel, presentation forms,
//! digits and punctuation; and light clitic stripping for lexicon lookup.

use unicode_normalization::UnicodeNormalization;

use super::digits::fold_digit;

/// True for combining marks removed before matching: harakat, Quranic annotation marks and the
/// small high letters (U+0610–061A, U+064B–065F, U+06D6–06ED).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x06D6..=0x06ED)
}

/// Folds one (already NFKC-decomposed) character; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    if is_mark(c) {
        return None;
    }
    Some(match c {
        // The dagger alif is a real long vowel: keep it as alif rather than deleting it.
        '\u{0670}' => 'ا',
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ؤ' => 'و',
        'ئ' | 'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        'ـ' => return None, // tatweel
        '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}' => return None,
        '،' => ',',
        '؛' => ';',
        '؟' => '?',
        '٪' => '%',
        '\u{066B}' => '.',
        '\u{066C}' => ',',
        c => fold_digit(c).to_lowercase().next().unwrap_or(c),
    })
}

/// The normalised form of Arabic text used for matching and search.
pub fn normalize(text: &str) -> String {
    // NFKC first: it turns presentation forms (U+FB50–FEFF) into their base letters.
    let needs_nfkc = text
        .chars()
        .any(|c| matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF));
    // Only Uthmani text carries the dagger alif on ى/و: other text takes the one-pass fold.
    let folded = if needs_nfkc {
        fold(text.nfkc().collect())
    } else if text.contains('\u{0670}') {
        fold(text.chars().collect())
    } else {
        fold_plain(text.chars())
    };
    // The two spellings of America and American (أمريكا، أمريكي and أميركا، أميركي) are one word:
    // outlets and regions write one or the other, and dictionaries mostly list one. Same length,
    // so offsets into the normalised text hold.
    if folded.contains(AMERICA_VARIANT) {
        folded.replace(AMERICA_VARIANT, AMERICA)
    } else {
        folded
    }
}

/// «اميرك» (أميركا، الأميركية) folds to «امريك» (أمريكا، الأمريكية).
const AMERICA_VARIANT: &str = "اميرك";
const AMERICA: &str = "امريك";

/// Folds characters; a combining hamza (U+0654/U+0655) with no seat letter before it — on a
/// tatweel, as the Uthmani script writes «يَسُـُٔوا» — is the consonant hamza, not a mark.
/// On a seat (ا و ي ى) it is dropped like the hamza of أ ؤ ئ, which fold to their seats.
///
/// The Uthmani script writes a long ā inside a word as ى or و carrying a dagger alif
/// («ٱلتَّوۡرَىٰةَ», «ٱلصَّلَوٰةَ», «هَدَىٰنَا»), where the standard spelling has ا («التوراة»,
/// «الصلاة», «هدانا»); at the end of a word ىٰ is the standard final ى («عَلَىٰ», «مُوسَىٰ»). Both are
/// folded to the standard spelling so that the two scripts meet in the lexicon.
fn fold(chars: Vec<char>) -> String {
    let mut out = String::new();
    let mut base = ' ';
    for (k, &c) in chars.iter().enumerate() {
        let carries_dagger =
            matches!(c, 'ى' | 'و') && chars.get(k + 1) == Some(&'\u{0670}') && base != ' ';
        if c == '\u{0670}' && k > 0 && matches!(chars[k - 1], 'ى' | 'و') && base != ' ' {
            // The dagger alif of ىٰ/وٰ: an alif inside the word (its carrier was dropped),
            // nothing at the end (the carrier stood for the final ى).
            if word_goes_on(&chars[k + 1..]) || chars[k - 1] == 'و' {
                out.push('ا');
            }
        } else if carries_dagger {
            if !word_goes_on(&chars[k + 2..]) && c == 'ى' {
                out.push('ي');
            }
        } else {
            push_folded(c, base, &mut out);
        }
        base = next_base(c, base);
    }
    out
}

/// [`fold`] of text without a dagger alif: no lookahead needed.
fn fold_plain(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut base = ' ';
    for c in chars {
        push_folded(c, base, &mut out);
        base = next_base(c, base);
    }
    out
}

/// The fold of one character after the letter `base`: a combining hamza with no seat letter
/// before it is the consonant ء; every other character as [`fold_char`] gives it.
fn push_folded(c: char, base: char, out: &mut String) {
    if matches!(c, '\u{0654}' | '\u{0655}') && !matches!(base, 'ا' | 'و' | 'ي' | 'ى') {
        out.push('ء');
    } else if let Some(f) = fold_char(c) {
        out.push(f);
    }
}

/// The letter the next character follows: marks and tatweel sit on the letter before them.
fn next_base(c: char, base: char) -> char {
    if !is_mark(c) && c != 'ـ' {
        c
    } else {
        base
    }
}

/// Whether a letter follows before the end of the word (marks and tatweel skipped).
fn word_goes_on(rest: &[char]) -> bool {
    rest.iter()
        .find(|&&c| !is_mark(c) && c != 'ـ' && c != '\u{0670}')
        .is_some_and(|&c| super::is_arabic_letter(c))
}

/// Arabic text without its vowel marks, Quranic annotation marks and tatweel, alef wasla as a
/// plain alef; letters, hamza forms and punctuation as they are.
pub fn strip_marks(text: &str) -> String {
    text.chars()
        .filter(|&c| !matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640))
        .map(|c| if c == '\u{0671}' { 'ا' } else { c })
        .collect()
}

/// Prefix clitics stripped for lexicon lookup, longest first. Conjunctions (و ف), prepositions
/// (ب ل ك) and the article (ال) combine: وبال, فال, لل…
const PREFIXES: &[&str] = &[
    "وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "وب", "ول", "وك",
    "فب", "فل", "و", "ف", "ب", "ل", "ك",
];

/// Suffixes tried after the prefixes: feminine/plural/dual endings and attached pronouns.
const SUFFIXES: &[&str] = &[
    "هما", "كما", "تها", "تهم", "اتها", "اتهم", "ات", "ون", "ين", "ان", "ها", "هم", "نا", "كم",
    "يه", "ه", "ي",
];

/// Candidate lookup forms of a normalised Arabic word, most specific first: the word itself, then
/// with prefix clitics stripped, then with a suffix stripped. Stems shorter than two letters are
/// never produced (they would match everything).
pub fn stem_candidates(word: &str) -> Vec<String> {
    let mut out = nominal_candidates(word);
    // Last, the imperfect verb read as its citation form (a dictionary gives «علم», not
    // «يعلمون», «تعلمهم»): the person prefix and one ending or object pronoun dropped, leaving
    // at least three letters. Tried only after every nominal reading.
    let verb_bases: Vec<&str> = std::iter::once(word)
        .chain(
            ["و", "ف", "ول", "فل", "ل", "س", "وس", "فس"]
                .iter()
                .filter_map(|p| word.strip_prefix(p)),
        )
        .collect();
    for base in verb_bases {
        // Not «ا» of the first person: most words that open with an alef are form IV verbs,
        // verbal nouns or plurals («أرسل»، «إعلان»، «أسلحة»), which lose a radical with it.
        for p in ["ي", "ت", "ن"] {
            let Some(stem) = base.strip_prefix(p) else {
                continue;
            };
            for e in VERB_ENDINGS {
                if let Some(root) = stem.strip_suffix(e) {
                    if root.chars().count() >= 3 {
                        out.push(root.to_string());
                    }
                }
            }
        }
    }
    out.dedup();
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

/// The nominal readings of [`stem_candidates`] (before it adds the imperfect verbs read as their
/// citation forms), in its order, not deduplicated.
pub fn nominal_candidates(word: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![word.to_string()];
    let n = word.chars().count();
    let mut bases: Vec<&str> = vec![word];
    for p in PREFIXES {
        if let Some(rest) = word.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                bases.push(rest);
                out.push(rest.to_string());
            }
        }
    }
    if n >= 4 {
        for base in bases {
            for s in SUFFIXES {
                if let Some(rest) = base.strip_suffix(s) {
                    // «ـية» is mostly the feminine of a nisba adjective: «النفسية» is «نفسي»
                    // (psychological) before it is «نفس» (self) with a pronoun.
                    if *s == "يه" && rest.chars().count() >= 2 {
                        out.push(format!("{rest}ي"));
                    }
                    if rest.chars().count() >= 2 {
                        out.push(rest.to_string());
                        // A stem whose taa marbuta became taa before a suffix (حكومته → حكومت).
                        if let Some(r) = rest.strip_suffix('ت') {
                            if r.chars().count() >= 2 {
                                out.push(format!("{r}ه"));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Endings of an imperfect verb (plural, dual, feminine, object pronouns; longest first), and
/// none.
const VERB_ENDINGS: &[&str] = &[
    "ونهم", "ونه", "ونها", "ونكم", "ونا", "ون", "وا", "ين", "ان", "هما", "هم", "ها", "كم", "نا",
    "ني", "ه", "ن", "",
];

/// Suffixes a light stem drops (one, longest first): plural, dual and feminine endings, attached
/// pronouns, the perfect's feminine -t and the nisba -i.
const LIGHT_SUFFIXES: &[&str] = &[
    "اتها", "اتهم", "تها", "تهم", "هما", "كما", "ات", "ون", "ين", "ان", "ها", "هم", "نا", "كم",
    "ه", "ت", "ي",
];

/// A normalised word without the «ا» that writes an indefinite accusative ending when the
/// tanween is left out («عدوانا» → «عدوان», «زورقا» → «زورق»): for a word of five letters or
/// more ending in one «ا». Whether the rest is a word is the caller's to ask (a name may end in
/// «ا» too: «أمريكا»).
pub fn without_accusative_alif(norm: &str) -> Option<&str> {
    (norm.chars().count() >= 5 && !norm.ends_with("اا"))
        .then(|| norm.strip_suffix('ا'))
        .flatten()
}

/// A light stem of a normalised word, for matching the inflected forms of one word (المزعومة and
/// المزعوم, يسمى and تسمى, زعم and زعمت): proclitics and the article, an imperfect-verb prefix
/// (ي ت ن ا) and one suffix stripped, never below three letters.
pub fn light_stem(word: &str) -> String {
    let len = |s: &str| s.chars().count();
    let mut w = strip_prefix_clitics(word);
    for p in ["ي", "ت", "ن", "ا"] {
        if let Some(r) = w.strip_prefix(p) {
            if len(r) >= 3 {
                w = r;
                break;
            }
        }
    }
    for s in LIGHT_SUFFIXES {
        if let Some(r) = w.strip_suffix(s) {
            if len(r) >= 3 {
                w = r;
                break;
            }
        }
    }
    w.to_string()
}

/// The word without its longest prefix clitic (conjunction, preposition, article), never below
/// three letters: «وبالقوات» → «قوات», «الله» stays whole.
pub fn strip_prefix_clitics(word: &str) -> &str {
    for p in PREFIXES {
        if let Some(r) = word.strip_prefix(p) {
            if r.chars().count() >= 3 {
                return r;
            }
        }
    }
    word
}

/// The word without the conjunction و or ف written on it («ولم» → «لم», «فقررت» → «قررت»); the
/// word itself when it opens with neither. Readers of particles and cue words compare both.
pub fn without_conjunction(word: &str) -> &str {
    word.strip_prefix(['و', 'ف']).unwrap_or(word)
}

/// Whether a normalised word is the relative pronoun «ما» ("what") joined to a preposition:
/// «مما» (من + ما, the nun assimilated), «عما» (عن + ما), «بما», «لما», «فيما», after a
/// conjunction. «كما» is left out: "as" compares rather than names ("as it is called").
pub fn relative_ma_with_preposition(word: &str) -> bool {
    matches!(
        without_conjunction(word),
        "مما" | "عما" | "بما" | "لما" | "فيما"
    )
}

/// Strips only the definite article and proclitics; used to index glossary entries.
pub fn strip_proclitics(word: &str) -> &str {
    for p in ["وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accusative_alif_comes_off_long_words() {
        assert_eq!(without_accusative_alif("عدوانا"), Some("عدوان"));
        assert_eq!(without_accusative_alif("شهرا"), None);
        assert_eq!(without_accusative_alif("الوزارة"), None);
    }

    #[test]
    fn a_conjunction_comes_off_once() {
        assert_eq!(without_conjunction("ولم"), "لم");
        assert_eq!(without_conjunction("فقررت"), "قررت");
        assert_eq!(without_conjunction("قرر"), "قرر");
        assert_eq!(without_conjunction("وفي"), "في");
    }

    #[test]
    fn both_spellings_of_american_are_one_word() {
        assert_eq!(normalize("الأميركية"), normalize("الأمريكية"));
        assert_eq!(normalize("وأميركا"), normalize("وأمريكا"));
        assert_eq!(
            normalize("الأميركية").chars().count(),
            "الأميركية".chars().count()
        );
    }

    #[test]
    fn folds_letter_forms_and_marks() {
        assert_eq!(normalize("أَكَّدَ"), "اكد");
        assert_eq!(normalize("إلى"), "الي");
        assert_eq!(normalize("مسؤول"), "مسوول");
        assert_eq!(normalize("الجامعة"), "الجامعه");
        assert_eq!(normalize("قـــوات"), "قوات");
        assert_eq!(normalize("٢٠٢٣"), "2023");
        assert_eq!(normalize("هٰذا"), "هاذا");
    }

    #[test]
    fn uthmani_long_a_meets_the_standard_spelling() {
        // Inside a word, ىٰ and وٰ are the alif of the standard spelling.
        assert_eq!(normalize("ٱلتَّوۡرَىٰةَ"), normalize("التوراة"));
        assert_eq!(normalize("ٱلزَّكَوٰةَ"), normalize("الزكاة"));
        assert_eq!(normalize("وَٱلۡحَيَوٰةِ"), normalize("والحياة"));
        assert_eq!(normalize("هَدَىٰنَا"), normalize("هدانا"));
        // At its end, ىٰ is the final ى, with or without a madda or pause mark after it.
        assert_eq!(normalize("عَلَىٰ"), normalize("على"));
        assert_eq!(normalize("مُوسَىٰٓ"), normalize("موسى"));
        assert_eq!(normalize("ٱلۡقُرَىٰۖ ذَٰلِكَ"), normalize("القرى ذالك"));
    }

    #[test]
    fn a_seatless_combining_hamza_is_a_consonant() {
        // «يسوءوا» "to grieve" written with hamza on a tatweel is not «ليسوا» "they are not".
        assert_eq!(normalize("لِيَسُـُٔواْ"), "ليسءوا");
        // On a seat it folds with the seat, as the precomposed letter does.
        assert_eq!(normalize("سا\u{0654}ل"), normalize("سأل"));
        assert_eq!(normalize("مسو\u{0654}ول"), normalize("مسؤول"));
    }

    #[test]
    fn folds_presentation_forms() {
        // U+FEDF U+FEE0 ... are presentation forms of laam etc.
        assert_eq!(normalize("\u{FEF7}"), "لا"); // lam-alef with hamza above ligature
    }

    #[test]
    fn strips_vowel_and_quranic_marks() {
        assert_eq!(strip_marks("ٱلرَّحۡمَٰنِ"), "الرحمن");
        assert_eq!(strip_marks("أَكَّدَ الوزيرُ"), "أكد الوزير");
    }

    #[test]
    fn light_stems_join_inflected_forms() {
        let st = |w: &str| light_stem(&normalize(w));
        assert_eq!(st("المزعومة"), st("المزعوم"));
        assert_eq!(st("يسمى"), st("تسمى"));
        assert_eq!(st("زعمت"), st("زعم"));
        assert_eq!(st("وبذريعة"), st("ذريعة"));
        assert_ne!(st("قال"), st("قوات"));
    }

    #[test]
    fn strips_clitics() {
        let c = stem_candidates("والعراق");
        assert!(c.contains(&"عراق".to_string()));
        let c = stem_candidates("بالتعاون");
        assert!(c.contains(&"تعاون".to_string()));
        let c = stem_candidates("حكومته");
        assert!(c.contains(&"حكومه".to_string()));
        assert_eq!(strip_proclitics("الوزير"), "وزير");
        // A feminine nisba tries its masculine before the bare stem.
        // An imperfect verb is also read as its citation form, after the nominal readings.
        let c = stem_candidates(&normalize("وتعلمونه"));
        assert!(c.contains(&"علم".to_string()), "{c:?}");
        assert!(c.iter().position(|x| x == "علم") > c.iter().position(|x| x == "تعلمون"));
        let c = stem_candidates(&normalize("سيكتبون"));
        assert!(c.contains(&"كتب".to_string()), "{c:?}");
        let c = stem_candidates(&normalize("والنفسية"));
        let at = |w: &str| c.iter().position(|x| x == w);
        assert!(at("نفسي").unwrap() < at("نفس").unwrap(), "{c:?}");
    }
}
