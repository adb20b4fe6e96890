//! `name`: a person or place name the Arabic shares with the English (as the tool's own name
//! anchors see it) swapped for another from a bank written for this benchmark: Arab, Western and
//! other given names and family names, places, Quranic figures. The replacement is of the same
//! kind (given / family / place, gender where it shows, Arab or Western family), keeps the
//! proclitic (ولامبرت → وميلر), and is never one already in the document nor one that would
//! transliterate an English name of the pair.

use super::rng::Rng;
use super::words::{self, Word};
use super::{Doc, Edit};
use crate::anchors::names::{english_name_skeleton, NameMatcher};
use crate::anchors::ItemKind;
use crate::text::arabic::normalize;
use std::sync::OnceLock;

/// (category, name) from data/names.tsv.
fn bank() -> &'static Vec<(String, String)> {
    static BANK: OnceLock<Vec<(String, String)>> = OnceLock::new();
    BANK.get_or_init(|| {
        include_str!("data/names.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(c, n)| (c.to_string(), n.trim().to_string()))
            .collect()
    })
}

fn category_of(norm: &str) -> Option<&'static str> {
    bank()
        .iter()
        .find(|(_, n)| normalize(n) == norm)
        .map(|(c, _)| c.as_str())
}

/// Words before a place name (مخيم الهول, مدينة الكويت).
const PLACE_CUES: &[&str] = &[
    "مدينة",
    "مخيم",
    "منطقة",
    "محافظة",
    "بلدة",
    "قرية",
    "ميناء",
    "قاعدة",
    "مطار",
    "جزيرة",
    "ولاية",
    "إقليم",
    "معسكر",
    "معسكري",
    "منفذ",
    "مضيق",
    "بحر",
    "نهر",
    "جبل",
    "العاصمة",
    "مدينتي",
    "ناحية",
    "قضاء",
    "حي",
    "شارع",
];
/// Capitalised in the English but not a person or place (Satan, the Qur'an, the Torah …).
const NOT_NAMES: &[&str] = &[
    "شيطان",
    "قران",
    "قرانا",
    "طاغوت",
    "توراه",
    "انجيل",
    "جنه",
    "جهنم",
    "فردوس",
    "زبور",
    "سبت",
];
/// Titles before a given name (a surname follows, or the given name stands alone).
const TITLES: &[&str] = &[
    "السيد",
    "السيدة",
    "الآنسة",
    "العميد",
    "اللواء",
    "العقيد",
    "الجنرال",
    "الأدميرال",
    "الرئيس",
    "الوزير",
    "الدكتور",
    "الشيخ",
    "الأمير",
    "النقيب",
    "الرائد",
    "المقدم",
    "الملازم",
    "السفير",
    "السفيرة",
    "النائب",
    "النائبة",
    "الدكتورة",
    "الوزيرة",
];
/// Words before a woman's name.
const FEMALE_CUES: &[&str] = &[
    "السيدة",
    "الآنسة",
    "مساعدة",
    "وزيرة",
    "السفيرة",
    "النائبة",
    "الدكتورة",
    "المتحدثة",
    "مديرة",
    "رئيسة",
    "القائمة",
    "الملكة",
    "الأميرة",
];
const ENGLISH_PLACE_CUES: &[&str] = &[
    "in", "at", "from", "to", "near", "toward", "towards", "into",
];

/// English name skeletons of the whole pair (capitalised words), for the "never an English name
/// of the pair" test.
fn english_matcher(doc: &Doc) -> NameMatcher {
    let mut skels: Vec<String> = doc
        .pair
        .en
        .iter()
        .flat_map(|s| s.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 3)
        .filter_map(english_name_skeleton)
        .collect();
    skels.sort();
    skels.dedup();
    NameMatcher::new(skels)
}

fn strip_article(norm: &str) -> &str {
    norm.strip_prefix("ال").unwrap_or(norm)
}

/// The kind of replacement a name takes.
fn slot(doc: &Doc, j: usize, ws: &[Word], k: usize, core: &str, names: &[bool]) -> &'static str {
    let norm = |i: usize| ws[i].norm.as_str();
    if let Some(c) = category_of(core) {
        return c;
    }
    // Vocalised scripture: a figure of the same text.
    if doc.pair.ar[j]
        .chars()
        .filter(|&c| words::is_mark(c))
        .count()
        > 5
    {
        return "prophet";
    }
    let cue = |i: usize| {
        let w = norm(i);
        PLACE_CUES.iter().any(|c| {
            let c = normalize(c);
            w == c || w.strip_prefix('و') == Some(c.as_str()) || w.strip_prefix('ب') == Some(&c)
        })
    };
    let cued_anywhere = doc.pair.ar.iter().any(|s| {
        let w = words::words(s);
        (1..w.len()).any(|i| {
            w[i].norm.ends_with(core) && {
                let c = &w[i - 1].norm;
                PLACE_CUES.iter().any(|p| normalize(p) == *c)
            }
        })
    });
    if (k > 0 && cue(k - 1)) || cued_anywhere || english_place(doc, j, core) {
        return "place";
    }
    if core.starts_with("ال") {
        return "arab_family";
    }
    // The run of adjacent name words around k.
    let (mut a, mut b) = (k, k);
    while a > 0 && names[a - 1] {
        a -= 1;
    }
    while b + 1 < ws.len() && names[b + 1] {
        b += 1;
    }
    let arab = (a..=b).any(|i| {
        norm(i).starts_with("ال")
            || norm(i) == "بن"
            || category_of(norm(i)).is_some_and(|c| c.starts_with("arab"))
    }) || (b + 1 < ws.len() && norm(b + 1) == "بن");
    let female = a > 0 && FEMALE_CUES.iter().any(|c| normalize(c) == norm(a - 1));
    let titled = a > 0 && TITLES.iter().any(|c| normalize(c) == norm(a - 1));
    let given = k == a && (b > a || titled || (k + 1 < ws.len() && norm(k + 1) == "بن"));
    match (arab, given, female) {
        (true, _, true) if given => "arab_given_f",
        (true, _, _) => "arab_given_m",
        (false, true, true) => "western_given_f",
        (false, true, false) => "western_given_m",
        (false, false, _) => "western_family",
    }
}

/// Whether the English word this Arabic name renders follows "in/at/from…".
fn english_place(doc: &Doc, j: usize, core: &str) -> bool {
    let mut m = english_matcher(doc);
    doc.en_of_ar[j].iter().any(|&i| {
        let en = &doc.pair.en[i];
        let toks: Vec<&str> = en.split_whitespace().collect();
        (1..toks.len()).any(|t| {
            let w = toks[t].trim_matches(|c: char| !c.is_alphanumeric());
            let skel = english_name_skeleton(w);
            let same = skel.is_some_and(|sk| {
                let mut one = NameMatcher::new(vec![sk]);
                !one.matches(core).is_empty()
            });
            same && ENGLISH_PLACE_CUES.contains(&toks[t - 1].to_lowercase().as_str())
        })
    }) && !m.matches(core).is_empty()
}

/// A proclitic + name, with ل + ال written لل.
fn attach(clitic: &str, name: &str) -> String {
    if clitic.ends_with('ل') {
        if let Some(rest) = name.strip_prefix("ال") {
            return format!("{clitic}ل{rest}");
        }
    }
    format!("{clitic}{name}")
}

pub fn sites(doc: &Doc, j: usize, rng: &mut Rng) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    let a = &doc.anchors.tgt[j];
    let offered: Vec<u32> = doc.en_of_ar[j]
        .iter()
        .flat_map(|&i| doc.anchors.src[i].offers.iter().copied())
        .collect();
    let ws = words::words(s);
    let name_items: Vec<(usize, usize)> = a
        .items
        .iter()
        .filter(|it| it.kind == ItemKind::Name && it.keys.iter().any(|k| offered.contains(k)))
        .map(|it| (words::byte_of(s, it.start), words::byte_of(s, it.end)))
        .collect();
    let is_name: Vec<bool> = ws
        .iter()
        .map(|w| {
            a.items.iter().any(|it| {
                it.kind == ItemKind::Name
                    && words::byte_of(s, it.start) < w.end
                    && w.start < words::byte_of(s, it.end)
            })
        })
        .collect();
    let mut matcher = english_matcher(doc);
    let mut doc_keys: Option<std::collections::HashSet<String>> = None;
    let mut out = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        if !name_items.iter().any(|&(b, e)| b < w.end && w.start < e) {
            continue;
        }
        // Keep a proclitic when the rest is the name (ولامبرت); never split the article.
        let mut clitic_len = 0;
        for c in ["و", "ب", "ل", "ف"] {
            if let Some(rest) = w.norm.strip_prefix(c) {
                if rest.chars().count() >= 3
                    && !rest.starts_with("ال")
                    && !matcher.matches(rest).is_empty()
                    && category_of(&w.norm).is_none()
                {
                    clitic_len = 1;
                }
            }
        }
        if clitic_len == 1 && !w.norm.starts_with('و') && !matcher.matches(&w.norm).is_empty() {
            // The whole word is the name (لامبرت is not ل + امبرت); و is always the conjunction.
            clitic_len = 0;
        }
        let orig = &s[w.start..w.end];
        let clitic = words::letters_prefix(orig, clitic_len);
        let core: String = w.norm.chars().skip(clitic_len).collect();
        let vocalised = s.chars().filter(|&c| words::is_mark(c)).count() > 5;
        if vocalised {
            // Scripture: only the figures of the bank (Moses, Abraham, Lot …), matched on their
            // consonants (vocalised spellings differ: مُوسَىٰ, إِبۡرَٰهِيمُ).
            let doc_keys = doc_keys.get_or_insert_with(|| {
                words::words(&doc.pair.ar.join(" "))
                    .iter()
                    .map(|x| consonants(x.norm.trim_start_matches(['و', 'ف', 'ب', 'ل', 'ي', 'ا'])))
                    .chain(
                        words::words(&doc.pair.ar.join(" "))
                            .iter()
                            .map(|x| consonants(&x.norm)),
                    )
                    .collect()
            });
            if let Some(e) = scripture_site(doc, j, w, &mut matcher, doc_keys, rng) {
                out.push(e);
            }
            continue;
        }
        let bare = strip_article(core.trim_start_matches(['و', 'ف', 'ب', 'ل']));
        if NOT_NAMES.iter().any(|n| bare == *n || core == *n) {
            continue;
        }
        let cat = slot(doc, j, &ws, k, &core, &is_name);
        let candidates: Vec<&str> = bank()
            .iter()
            .filter(|(c, _)| c == cat)
            .map(|(_, n)| n.as_str())
            .filter(|n| {
                let nn = normalize(n);
                !doc.ar_norm.contains(strip_article(&nn))
                    && nn.split(' ').all(|p| matcher.matches(p).is_empty())
            })
            .collect();
        let Some(name) = rng.pick(&candidates) else {
            continue;
        };
        let new = words::replace(s, w.start, w.end, &attach(clitic, name));
        out.push(Edit::new(j, s, new));
    }
    out
}

/// Consonants of a normalised word: long vowels and final taa/haa dropped, so that vocalised
/// and plain spellings of a name agree (موسيا/موسي → مس).
fn consonants(norm: &str) -> String {
    norm.trim_end_matches(['ه', 'ا', 'ي'])
        .chars()
        .filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ى'))
        .collect()
}

fn scripture_site(
    doc: &Doc,
    j: usize,
    w: &Word,
    matcher: &mut NameMatcher,
    doc_keys: &std::collections::HashSet<String>,
    rng: &mut Rng,
) -> Option<Edit> {
    let s = &doc.pair.ar[j];
    let figures: Vec<&str> = bank()
        .iter()
        .filter(|(c, _)| c == "prophet")
        .map(|(_, n)| n.as_str())
        .collect();
    // A clitic or the joined vocative (يَٰمُوسَىٰ) before the name.
    for clitic in ["ويا", "يا", "و", "ف", "ب", "ل", ""] {
        let Some(rest) = w.norm.strip_prefix(clitic) else {
            continue;
        };
        let key = consonants(rest);
        let Some(&found) = figures.iter().find(|f| consonants(&normalize(f)) == key) else {
            continue;
        };
        let candidates: Vec<&str> = figures
            .iter()
            .copied()
            .filter(|f| *f != found)
            .filter(|f| {
                let k = consonants(&normalize(f));
                !doc_keys.contains(&k) && matcher.matches(&normalize(f)).is_empty()
            })
            .collect();
        let name = rng.pick(&candidates)?;
        let orig = &s[w.start..w.end];
        let head = words::letters_prefix(orig, clitic.chars().count());
        let new = words::replace(s, w.start, w.end, &format!("{head}{name}"));
        return Some(Edit::new(j, s, new));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attach_writes_lam_alif_lam() {
        assert_eq!(attach("ل", "الجبوري"), "للجبوري");
        assert_eq!(attach("و", "الجبوري"), "والجبوري");
        assert_eq!(attach("", "ميلر"), "ميلر");
    }

    #[test]
    fn bank_is_large_and_clean() {
        assert!(bank().len() > 150);
        assert!(bank()
            .iter()
            .all(|(_, n)| !n.contains("  ") && !n.is_empty()));
    }
}
