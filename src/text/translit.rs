//! Names across scripts: Arabic words and English words reduced to a Latin consonant skeleton,
//! compared with Jaro–Winkler, so that أوستن ~ Austin, والاندر ~ Wallander, العباسي ~ al-Abbasi.

/// Consonant skeleton of a normalised Arabic word. Long vowels (ا و ي), hamza, ʿayn and a final
/// taa marbuta carry no consonant that English spelling reliably shows, so they are dropped.
pub fn arabic_skeleton(word: &str) -> String {
    skeleton_of(super::arabic::strip_proclitics(word))
}

/// Skeletons of a word with and without its apparent proclitics: "والاندر" is Wallander, not
/// "and the" + "ndr".
pub fn arabic_skeletons(word: &str) -> Vec<String> {
    let mut v = vec![skeleton_of(word), arabic_skeleton(word)];
    v.dedup();
    v
}

fn skeleton_of(w: &str) -> String {
    let n = w.chars().count();
    let mut out = String::new();
    for (i, c) in w.chars().enumerate() {
        let m = match c {
            'ب' => "b",
            'ت' | 'ط' | 'ث' => "t",
            'ج' => "j",
            'ح' => "h",
            'خ' => "k",
            'د' | 'ض' | 'ذ' => "d",
            'ر' => "r",
            'ز' | 'ظ' => "z",
            'س' | 'ص' | 'ش' => "s",
            'غ' => "g",
            'ف' | 'ڤ' => "f",
            'ق' | 'ك' | 'گ' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' if i + 1 == n => "",
            'ه' => "h",
            'پ' => "b",
            _ => "",
        };
        push_collapsed(&mut out, m);
    }
    out
}

/// Consonant skeleton of an English (Latin-script) word, built to meet [`arabic_skeleton`]:
/// digraphs are reduced the way Arabic writes them (sh → s, th → t, kh → k, ph → f), vowels and
/// w/y/h-as-vowel dropped, c/q → k (or s before e/i), v → f, p → b, x → ks, doubled letters
/// collapsed.
pub fn english_skeleton(word: &str) -> String {
    let w: String = word
        .to_lowercase()
        .trim_start_matches("al-")
        .trim_start_matches("el-")
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    let b = w.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (m, step) = match (c, next) {
            (b's', Some(b'h')) => ("s", 2),
            (b't', Some(b'h')) => ("t", 2),
            (b'k', Some(b'h')) => ("k", 2),
            (b'g', Some(b'h')) => ("g", 2),
            (b'p', Some(b'h')) => ("f", 2),
            (b'c', Some(b'h')) => ("s", 2),
            (b'd', Some(b'h')) => ("d", 2),
            (b'c', Some(b'e' | b'i' | b'y')) => ("s", 1),
            (b'c' | b'q' | b'k', _) => ("k", 1),
            (b'v', _) => ("f", 1),
            (b'p', _) => ("b", 1),
            (b'x', _) => ("ks", 1),
            (b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w', _) => ("", 1),
            (b'h', _) if i == 0 || i + 1 == b.len() => ("", 1),
            (c, _) => (
                std::str::from_utf8(std::slice::from_ref(&b[i])).unwrap_or(""),
                {
                    let _ = c;
                    1
                },
            ),
        };
        push_collapsed(&mut out, m);
        i += step;
    }
    out
}

fn push_collapsed(out: &mut String, m: &str) {
    for ch in m.chars() {
        if !out.ends_with(ch) {
            out.push(ch);
        }
    }
}

/// Similarity of two skeletons in [0, 1]; very short skeletons must match exactly.
pub fn skeleton_similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    // Short skeletons (Austin = stn) must match exactly: fuzzy matching at that length pairs
    // unrelated words (nsr "eagle" ~ mnsr "Mansour").
    if a.len() < 4 || b.len() < 4 {
        return 0.0;
    }
    strsim::jaro_winkler(a, b)
}

/// Threshold above which two skeletons name the same person or place.
pub const NAME_MATCH: f64 = 0.88;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::arabic::normalize;

    fn matches(ar: &str, en: &str) -> bool {
        let e = english_skeleton(en);
        arabic_skeletons(&normalize(ar))
            .iter()
            .any(|a| skeleton_similarity(a, &e) >= NAME_MATCH)
    }

    #[test]
    fn transliterated_names_match() {
        assert!(matches("أوستن", "Austin"));
        assert!(matches("والاندر", "Wallander"));
        assert!(matches("العباسي", "al-Abbasi"));
        assert!(matches("سيليست", "Celeste"));
        assert!(matches("تالبوت", "Talbot"));
        assert!(matches("موريل", "Morrell"));
        assert!(matches("كالدويل", "Caldwell"));
        assert!(matches("ثابت", "Thabit"));
    }

    #[test]
    fn different_names_do_not_match() {
        assert!(!matches("حمدي", "Mansour"));
        assert!(!matches("منصور", "Hamdy"));
        assert!(!matches("أوستن", "Wallander"));
    }
}
