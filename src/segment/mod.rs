//! Sentence segmentation. Unicode sentence boundaries (UAX #29) are the base; language rules then
//! undo the breaks UAX #29 gets wrong on news text (abbreviations, initials, a period followed by
//! an Arabic comma, spaced numeric dates, Arabic ellipses) and a paragraph break always ends a
//! sentence, so headlines, datelines and boilerplate lines stand alone. Line breaks a hard-wrapper
//! made ([`reflow`]) are no paragraph breaks.

pub mod reflow;
mod rules;

pub use rules::is_boundary as is_sentence_end;

use crate::text::Lang;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// A sentence with its place in the raw document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence text, internal whitespace runs collapsed to one space (a line break after a
    /// hyphen inside a word is dropped: "counter-\nterrorism" reads "counter-terrorism").
    pub text: String,
    /// 0-based paragraph number within the document.
    pub paragraph: usize,
    /// Character offsets (Unicode scalar values) of the sentence in the raw text, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// Splits a raw document into sentences.
pub fn segment(raw: &str, lang: Lang) -> Vec<Sentence> {
    let soft = reflow::soft_breaks(raw);
    // The text the sentence splitter reads: the raw text with the wrapper's line breaks made
    // spaces, since UAX #29 always breaks after a line break. Same length, so byte offsets hold.
    let flowed = flow(raw, &soft);
    let mut out = Vec::new();
    let mut chars = CharOffsets::new(raw);
    for (pi, (pstart, pend)) in paragraphs(raw, lang, &soft).into_iter().enumerate() {
        let pieces = split_paragraph(&flowed[pstart..pend], lang);
        for (b0, b1) in pieces {
            let abs0 = pstart + b0;
            let abs1 = pstart + b1;
            let text = sentence_text(&raw[abs0..abs1]);
            if text.is_empty() {
                continue;
            }
            out.push(Sentence {
                text,
                paragraph: pi,
                start: chars.at(abs0),
                end: chars.at(abs1),
            });
        }
    }
    out
}

/// `raw` with the line endings (`\n` and a `\r` before it) at the byte offsets `soft` turned into
/// spaces; borrowed when there are none.
fn flow<'a>(raw: &'a str, soft: &[usize]) -> std::borrow::Cow<'a, str> {
    if soft.is_empty() {
        return raw.into();
    }
    let mut out = String::with_capacity(raw.len());
    let mut from = 0;
    for &newline in soft {
        let line_end = if raw[..newline].ends_with('\r') {
            newline - 1
        } else {
            newline
        };
        out.push_str(&raw[from..line_end]);
        out.extend(std::iter::repeat(' ').take(newline + 1 - line_end));
        from = newline + 1;
    }
    out.push_str(&raw[from..]);
    out.into()
}

/// Character offsets of byte offsets, counted on from the last one asked: sentences come in
/// order, and counting from the start of the document each time made segmenting quadratic.
struct CharOffsets<'a> {
    raw: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(raw: &'a str) -> Self {
        CharOffsets {
            raw,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            (self.byte, self.chars) = (0, 0);
        }
        self.chars += self.raw[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// One sentence per non-empty line (reference segmentation, `--presegmented`).
pub fn presegmented(raw: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut char_pos = 0;
    for line in raw.split_inclusive('\n') {
        let n = line.chars().count();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let start = char_pos + line[..lead].chars().count();
            out.push(Sentence {
                text: collapse_ws(trimmed),
                paragraph: out.len(),
                start,
                end: start + trimmed.chars().count(),
            });
        }
        char_pos += n;
    }
    out
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sentence's text: whitespace runs collapsed to one space, except a line break after a hyphen
/// attached to a word, which a wrapper made and which goes ("counter-\nterrorism" is
/// "counter-terrorism", "U.S.-\norigin" is "U.S.-origin"; the hyphen stays, as written).
fn sentence_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut in_gap, mut gap_breaks_line) = (false, false);
    for c in s.chars() {
        if c.is_whitespace() {
            in_gap = true;
            gap_breaks_line |= c == '\n';
            continue;
        }
        let rejoins_word = gap_breaks_line && c.is_alphanumeric() && ends_in_word_hyphen(&out);
        if in_gap && !out.is_empty() && !rejoins_word {
            out.push(' ');
        }
        (in_gap, gap_breaks_line) = (false, false);
        out.push(c);
    }
    out
}

/// Whether `s` ends with a hyphen attached to the word before it (not a dash between spaces).
pub(crate) fn ends_in_word_hyphen(s: &str) -> bool {
    let mut rev = s.chars().rev();
    matches!(rev.next(), Some('-' | '\u{2010}')) && rev.next().is_some_and(|c| !c.is_whitespace())
}

/// Byte ranges of paragraphs. A blank line always separates paragraphs; a single line break does
/// too, except the breaks at the byte offsets `soft` (made by a hard-wrapper, see [`reflow`]) and,
/// in English, before a line starting in lower case (prose wrapped by hand).
fn paragraphs(raw: &str, lang: Lang, soft: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    let mut pos = 0;
    let mut soft = soft.iter().peekable();
    // Whether the line break before the current line is soft.
    let mut after_soft_break = false;
    for line in raw.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let continues = std::mem::take(&mut after_soft_break);
        if line.ends_with('\n') && soft.next_if_eq(&&(pos - 1)).is_some() {
            after_soft_break = true;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            if let Some(p) = cur.take() {
                out.push(p);
            }
            continue;
        }
        let end = start + body.len();
        cur = match cur {
            Some((s, _)) if continues || (lang == Lang::En && continues_line(body)) => {
                Some((s, end))
            }
            Some(p) => {
                out.push(p);
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some(p) = cur {
        out.push(p);
    }
    out
}

fn continues_line(next: &str) -> bool {
    next.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// Byte ranges of the sentences of one paragraph.
fn split_paragraph(para: &str, lang: Lang) -> Vec<(usize, usize)> {
    let mut pieces: Vec<(usize, usize)> = para
        .split_sentence_bound_indices()
        .map(|(i, s)| (i, i + s.len()))
        .collect();
    // Further splits UAX #29 misses: none needed for the rules below; merges only.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
    for piece in pieces.drain(..) {
        if let Some(last) = merged.last_mut() {
            let prev = &para[last.0..last.1];
            let next = &para[piece.0..piece.1];
            if !rules::is_boundary(prev, next, lang) {
                last.1 = piece.1;
                continue;
            }
        }
        merged.push(piece);
    }
    // Trim whitespace at both ends of each piece.
    merged
        .into_iter()
        .flat_map(|(a, b)| {
            cut_overlong(&para[a..b])
                .into_iter()
                .map(move |(x, y)| (a + x, a + y))
        })
        .filter_map(|(a, b)| {
            let s = &para[a..b];
            let lead = s.len() - s.trim_start().len();
            let t = s.trim();
            (!t.is_empty()).then(|| (a + lead, a + lead + t.len()))
        })
        .collect()
}

/// Characters above which a piece of text is no sentence but text segmentation could not cut
/// (a paragraph without sentence punctuation, a page flattened into one line). Real sentences
/// stay far below it: the longest in our sets, a treaty's or a verse's, have 1,000–1,400
/// characters; legal English rarely passes 3,000.
pub const MAX_SENTENCE_CHARS: usize = 4_000;

/// Byte ranges of `piece` cut into near-equal parts of at most about [`MAX_SENTENCE_CHARS`]
/// characters, each cut at the clause mark (comma, semicolon, colon, dash: either script)
/// nearest its ideal place, else at the nearest space, else at the ideal place itself. Every
/// stage after segmentation (alignment, the flag detectors, the encoder) works on sentences, and
/// what it compares within a bead grows with the square of the bead; a 5 MB "sentence" made
/// each of them quadratic in the document. A piece within the bound is returned whole.
fn cut_overlong(piece: &str) -> Vec<(usize, usize)> {
    let n = piece.chars().count();
    if n <= MAX_SENTENCE_CHARS {
        return vec![(0, piece.len())];
    }
    let parts = n.div_ceil(MAX_SENTENCE_CHARS);
    let part = n / parts;
    // Byte offsets of every character (and of the end), and of the places after a clause mark
    // or a space where a cut may fall.
    let offsets: Vec<usize> = piece
        .char_indices()
        .map(|(b, _)| b)
        .chain([piece.len()])
        .collect();
    let chars: Vec<char> = piece.chars().collect();
    let mut after_mark = Vec::new();
    let mut after_space = Vec::new();
    for (i, w) in chars.windows(2).enumerate() {
        if w[1].is_whitespace() && !w[0].is_whitespace() {
            if matches!(w[0], ',' | '،' | ';' | '؛' | ':' | '—' | '–') {
                after_mark.push(i + 1);
            }
            after_space.push(i + 1);
        }
    }
    let nearest = |cands: &[usize], ideal: usize, reach: usize| {
        let k = cands.partition_point(|&c| c < ideal);
        [k.checked_sub(1), Some(k)]
            .into_iter()
            .flatten()
            .filter_map(|k| cands.get(k).copied())
            .filter(|&c| c.abs_diff(ideal) <= reach)
            .min_by_key(|&c| c.abs_diff(ideal))
    };
    let reach = part / 4;
    let mut out = Vec::with_capacity(parts);
    let mut from = 0;
    for p in 1..parts {
        let ideal = p * part;
        let cut = nearest(&after_mark, ideal, reach)
            .or_else(|| nearest(&after_space, ideal, reach))
            .unwrap_or(ideal)
            .max(from + 1);
        out.push((offsets[from], offsets[cut]));
        from = cut;
    }
    out.push((offsets[from], piece.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_the_sentences_in_the_raw_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
        for (file, lang) in [
            ("jscd-2023/ar.txt", Lang::Ar),
            ("jscd-2023/en.txt", Lang::En),
        ] {
            let raw = std::fs::read_to_string(root.join(file)).unwrap();
            let sents = segment(&raw, lang);
            assert!(sents.len() > 10);
            for s in &sents {
                let slice = crate::text::char_slice(&raw, s.start, s.end);
                assert_eq!(collapse_ws(slice), s.text, "{file}");
            }
        }
    }

    fn texts(raw: &str, lang: Lang) -> Vec<String> {
        segment(raw, lang).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn english_abbreviations_do_not_end_sentences() {
        let s = texts(
            "The U.S. Department of Defense met in Washington, D.C. on Aug. 7. Lt. Gen. Karen M. Talbot spoke at 3 p.m. today. It cost $1.3 billion.",
            Lang::En,
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[1].starts_with("Lt. Gen. Karen M. Talbot"));
    }

    #[test]
    fn dateline_abbreviation() {
        let s = texts(
            "TAMPA, Fla. – U.S. Central Command concluded the exercise. More than 4,500 took part.",
            Lang::En,
        );
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn arabic_rules() {
        let s = texts(
            "للتدريب وتقديم المشورة والمساعدة. ، وتبادل المعلومات. السيمر / فيينا / الثلاثاء 08 . 08 . 2023 هل حضر؟ نعم.",
            Lang::Ar,
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[0].contains("، وتبادل"));
        assert!(s[1].contains("08 . 08 . 2023"));
    }

    #[test]
    fn arabic_comma_and_semicolon_do_not_end() {
        let s = texts("قال الوزير، إن الوفد وصل؛ ثم غادر.", Lang::Ar);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn paragraph_break_ends_sentence() {
        let raw = "الرئيسية / الأخبار\n\nعنوان بلا نقطة\nاترك تعليقاً";
        let s = segment(raw, Lang::Ar);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].paragraph, 1);
        assert_eq!(s[2].paragraph, 2);
        let chars: Vec<char> = raw.chars().collect();
        let back: String = chars[s[1].start..s[1].end].iter().collect();
        assert_eq!(back, "عنوان بلا نقطة");
    }

    #[test]
    fn arabic_ellipsis_in_headline() {
        let s = texts(
            "95 مليون دولار لجنوب الليطاني .. واشنطن تواصل الدعم",
            Lang::Ar,
        );
        assert_eq!(s.len(), 1, "{s:?}");
    }

    /// Found by fuzzing (segment): one long paragraph of lines that each continue the sentence
    /// before ("counter-\n" or "a\r\n" repeated) took minutes for 100 KB (instrumented).
    #[test]
    fn long_paragraphs_of_merges_segment_in_linear_time() {
        let started = std::time::Instant::now();
        for raw in [
            "counter-\n".repeat(10_000),
            "a\r\n".repeat(30_000),
            "Dr. ".repeat(25_000),
        ] {
            for lang in [Lang::En, Lang::Ar] {
                assert!(!segment(&raw, lang).is_empty());
            }
        }
        // Quadratic, these take minutes in a debug build; linear, a few seconds at most.
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }

    #[test]
    fn text_segmentation_cannot_cut_is_cut_at_clause_marks_into_bounded_parts() {
        // An unpunctuated run of clauses, ten times the bound.
        let clause = "the convoy moved north through the valley at dawn, ";
        let raw = clause.repeat(10 * MAX_SENTENCE_CHARS / clause.len());
        let s = segment(&raw, Lang::En);
        let n = raw.trim().chars().count();
        assert_eq!(s.len(), n.div_ceil(MAX_SENTENCE_CHARS), "{}", s.len());
        for x in &s {
            assert!(x.text.chars().count() <= MAX_SENTENCE_CHARS * 5 / 4);
            assert!(x.text.starts_with("the convoy"), "{}", &x.text[..20]);
        }
        // Nothing lost: the parts are the text.
        assert_eq!(
            s.iter()
                .map(|x| x.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            raw.trim()
        );
        // Arabic, cut at the Arabic comma; and a run with no space at all is still cut.
        let ar = "تحركت القافلة شمالا عبر الوادي فجرا، ".repeat(400);
        let s = segment(&ar, Lang::Ar);
        assert!(s.len() >= 3);
        assert!(s.iter().all(|x| x.text.starts_with("تحركت")));
        let blob = "x".repeat(3 * MAX_SENTENCE_CHARS);
        assert_eq!(segment(&blob, Lang::En).len(), 3);
        // Sentences within the bound are untouched.
        let long = format!("{}end.", "word ".repeat(MAX_SENTENCE_CHARS / 6));
        assert_eq!(segment(&long, Lang::En).len(), 1);
    }

    #[test]
    fn presegmented_lines() {
        let s = presegmented("one.\n\n  two  \nthree");
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].text, "two");
        assert_eq!(s[1].start, 8);
    }
}
