//! `clause`: a clause or qualifier of the Arabic dropped, of the kinds a condensing editor drops:
//! a comma-delimited time phrase, condition, purpose, relative or participial clause («،
//! خلال …،», «، إذا …», «، الذي …،», «، مشيرة إلى …»); an unpunctuated time phrase («في عام
//! ٢٠٢٥», «بحلول نهاية عام ٢٠٢٦», «خلال الأشهر المقبلة»); a sentence-final «إن …» or «لعلكم …»
//! clause of scripture.

use super::rng::Rng;
use super::words::{self, Word};
use super::{Doc, Edit};

/// First words of a droppable comma-delimited clause (normalised, clitic و stripped).
const OPENERS: &[&str] = &[
    "خلال",
    "بحلول",
    "منذ",
    "اذا",
    "اذ",
    "حيث",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "بهدف",
    "بغيه",
    "وذلك",
    "ذلك",
    "كي",
    "لكي",
    "عند",
    "عندما",
    "بعد",
    "قبل",
    "مشيرا",
    "مشيره",
    "مؤكدا",
    "مؤكده",
    "يوم",
    "بما",
    "في",
    "على",
];
/// Words that end an unpunctuated time phrase.
const TIME_ENDS: &[&str] = &[
    "الماضي",
    "الماضيه",
    "المقبل",
    "المقبله",
    "الجاري",
    "الحالي",
    "الحاليه",
    "القادم",
    "القادمه",
    "العام",
    "المنصرم",
];
const TIME_HEADS: &[&str] = &["خلال", "بحلول", "منذ", "في"];
/// Sentence-final clause openers of scripture (إن الله غفور رحيم, لعلكم تتقون).
const FINAL: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "انا",
    "انما",
    "انك",
    "لعلكم",
    "لعلهم",
];

fn is_year(w: &Word) -> bool {
    w.norm.len() == 4 && w.norm.chars().all(|c| c.is_ascii_digit())
}

/// A segment that is a whole clause between commas (or a comma and the end).
fn comma_sites(s: &str, j: usize, out: &mut Vec<Edit>) {
    let ws = words::words(s);
    let cs: Vec<usize> = s
        .char_indices()
        .filter(|(_, c)| matches!(c, '،' | ','))
        .map(|(i, _)| i)
        .collect();
    let comma = '،'.len_utf8();
    for (t, &c) in cs.iter().enumerate() {
        let end = cs.get(t + 1).copied();
        let seg_end = end.unwrap_or(s.len());
        let seg: Vec<&Word> = ws
            .iter()
            .filter(|w| w.start > c && w.end <= seg_end)
            .collect();
        let Some(first) = seg.first() else { continue };
        let n = first.norm.strip_prefix('و').unwrap_or(&first.norm);
        if !OPENERS.contains(&n) || seg.len() < 2 || seg.len() + 4 > ws.len() {
            continue;
        }
        // «في»/«على» open a clause only as «في حال»/«على أن».
        if (n == "في" && seg[1].norm != "حال") || (n == "على" && seg[1].norm != "ان") {
            continue;
        }
        // «بما في ذلك» opens a list (the list class's business).
        if n == "بما" {
            continue;
        }
        let new = match end {
            // Parenthetical: both commas go.
            Some(e) => format!("{} {}", &s[..c], &s[e + comma..]),
            // Final: up to the closing punctuation.
            None => {
                let tail = s[seg.last().map_or(s.len(), |w| w.end)..].to_string();
                format!("{}{}", &s[..c], tail)
            }
        };
        out.push(Edit::new(j, s, words::tidy(&new)));
    }
}

/// Words of the punctuation-delimited stretch around [a, b) that are outside it.
fn left_in_segment(s: &str, ws: &[Word], a: usize, b: usize) -> usize {
    let seg_start = s[..a].rfind(words::is_punct).map_or(0, |i| i + 1);
    let seg_end = s[b..].find(words::is_punct).map_or(s.len(), |i| b + i);
    ws.iter()
        .filter(|w| w.start >= seg_start && w.end <= seg_end && (w.end <= a || w.start >= b))
        .count()
}

/// Unpunctuated time phrases: head + 1–4 words ending in a year or a time word, leaving at
/// least two words in their stretch («أي منذ … ١٩٩١» is the whole appositive: not dropped).
fn time_sites(s: &str, j: usize, out: &mut Vec<Edit>) {
    let ws = words::words(s);
    for k in 0..ws.len() {
        let head = ws[k].norm.strip_prefix('و').unwrap_or(&ws[k].norm);
        if !TIME_HEADS.contains(&head) {
            continue;
        }
        if head == "في"
            && !ws
                .get(k + 1)
                .is_some_and(|w| ["عام", "العام", "شهر"].contains(&w.norm.as_str()))
        {
            continue;
        }
        for len in 1..=4 {
            let Some(last) = ws.get(k + len) else { break };
            // The phrase must not run over punctuation.
            if s[ws[k].end..last.start].contains(words::is_punct) {
                break;
            }
            if is_year(last) || TIME_ENDS.contains(&last.norm.as_str()) {
                if ws.len() < len + 5 || left_in_segment(s, &ws, ws[k].start, last.end) < 2 {
                    break;
                }
                let new = words::replace(s, ws[k].start, last.end, "");
                out.push(Edit::new(j, s, new));
                break;
            }
        }
    }
}

/// Speech verbs: what follows them is their object, not a droppable clause.
const SPEECH: &[&str] = &[
    "قال",
    "قالوا",
    "قالت",
    "قل",
    "قلنا",
    "يقول",
    "يقولون",
    "نادي",
    "ناداه",
    "اوحينا",
];

/// Particles that cannot end a sentence once the clause after them is gone.
const PARTICLES_BEFORE: &[&str] = &["ثم", "بل", "لكن", "حتي", "اذا", "كما", "او", "ام"];

/// A sentence-final «إنّ …» clause (إ, not the complementiser أنّ), at least three words in, two
/// to twelve words long and at most half the sentence, not the object of a speech verb.
fn final_sites(s: &str, j: usize, out: &mut Vec<Edit>) {
    let ws = words::words(s);
    for k in 3..ws.len().saturating_sub(1) {
        let n = ws[k].norm.strip_prefix(['و', 'ف']).unwrap_or(&ws[k].norm);
        let orig: String = s[ws[k].start..ws[k].end]
            .chars()
            .filter(|&c| !words::is_mark(c))
            .collect();
        let kasra_alef =
            orig.trim_start_matches(['و', 'ف']).starts_with('إ') || n.starts_with("لعل");
        let prev = ws[k - 1]
            .norm
            .strip_prefix(['و', 'ف'])
            .unwrap_or(&ws[k - 1].norm);
        let len = ws.len() - k;
        // After a speech verb anywhere before, «إن …» is what was said (the verb's object).
        let reported = ws[..k]
            .iter()
            .any(|w| SPEECH.contains(&w.norm.strip_prefix(['و', 'ف']).unwrap_or(&w.norm)));
        if FINAL.contains(&n)
            && kasra_alef
            && !reported
            && !PARTICLES_BEFORE.contains(&prev)
            && (2..=12).contains(&len)
            && len * 2 <= ws.len()
        {
            let last = &ws[ws.len() - 1];
            let new = words::replace(s, ws[k].start, last.end, "");
            out.push(Edit::new(
                j,
                s,
                words::tidy(new.trim_end_matches([' ', '،'])),
            ));
            return;
        }
    }
}

pub fn sites(doc: &Doc, j: usize, _rng: &mut Rng) -> Vec<Edit> {
    let s = &doc.pair.ar[j];
    let mut out = Vec::new();
    comma_sites(s, j, &mut out);
    time_sites(s, j, &mut out);
    final_sites(s, j, &mut out);
    out.retain(|e| e.text != *s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parenthetical_and_final_clauses() {
        let mut out = Vec::new();
        let s = "وقال الوزير، الذي وصل أمس إلى عمّان، إن المحادثات بناءة جداً.";
        comma_sites(s, 0, &mut out);
        assert_eq!(out[0].text, "وقال الوزير إن المحادثات بناءة جداً.");
        out.clear();
        let s = "وستتواصل الدوريات في الممرات البحرية، بهدف ردع عمليات التهريب.";
        comma_sites(s, 0, &mut out);
        assert_eq!(out[0].text, "وستتواصل الدوريات في الممرات البحرية.");
    }

    #[test]
    fn time_phrases() {
        let mut out = Vec::new();
        let s = "وسيرتفع عدد التمارين إلى عشرين تمريناً في عام 2026 وفق الخطة.";
        time_sites(s, 0, &mut out);
        assert_eq!(
            out[0].text,
            "وسيرتفع عدد التمارين إلى عشرين تمريناً وفق الخطة."
        );
        out.clear();
        let s = "وستواصل القوات دعم الشركاء المحليين خلال الأشهر المقبلة.";
        time_sites(s, 0, &mut out);
        assert_eq!(out[0].text, "وستواصل القوات دعم الشركاء المحليين.");
    }
}
