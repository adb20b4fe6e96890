//! Evidence of one sentence, extracted once and used twice: as index terms of the document
//! (`doc_index`, language-neutral strings) and as alignment anchors when a candidate pair is
//! checked (concept ids and anchor keys, see [`crate::anchors`]).
//!
//! The building blocks are those of [`crate::anchors`] (numbers, dates, lexicon lookups, name
//! skeletons, head-line detection). What differs is the orchestration: `anchors::build` works on
//! both documents of one pair at once (names of one side are matched against the other, keys are
//! interned per pair), whereas pairing needs each document's evidence on its own, once, so that a
//! document can be compared with many candidates without being analysed again.

use crate::anchors::lexicon::{en_key, Lexicon};
use crate::anchors::numbers::{self, NumberMention};
use crate::anchors::{self, dates, is_acronym, names, sorted, ItemKind};
use crate::text::tokens::{tokenize, Token, TokenKind};
use crate::text::translit::arabic_skeletons;
use crate::text::{arabic, Lang};
use std::collections::HashSet;
use std::sync::OnceLock;

/// One piece of evidence in a sentence, as `anchors::Item` but with its anchor keys as strings
/// (`n:…` numbers, `m:…` months, `l:…` Latin tokens, `p:…` name skeletons) so that documents
/// analysed separately share one key space.
#[derive(Debug, Clone)]
pub struct Piece {
    pub kind: ItemKind,
    /// Base weight (anchors' conventions); terms get an idf factor per document.
    pub weight: f32,
    /// Lexicon concepts (content words only).
    pub concepts: Vec<u32>,
    /// Anchor keys.
    pub keys: Vec<String>,
    /// The word form whose in-document frequency scales a term's weight.
    pub idf_key: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A word that may be a name: its consonant skeletons, matched against the names of each
/// candidate source (Arabic only; English names are pieces of kind `Name`).
#[derive(Debug, Clone)]
pub struct NameCandidate {
    pub skeletons: Vec<String>,
    /// Index of the term piece of the same word, if the word is also a known word.
    pub piece: Option<usize>,
    pub start: usize,
    pub end: usize,
}

/// A date named in a sentence (Gregorian only; Hijri dates are rare in these sources).
#[derive(Debug, Clone, PartialEq)]
pub struct DateRef {
    pub year: Option<i32>,
    pub month: u32,
    pub days: Vec<u32>,
    /// Character span of the date in the sentence.
    pub start: usize,
    pub end: usize,
}

/// Everything pairing needs about one sentence.
#[derive(Debug, Clone, Default)]
pub struct SentenceEvidence {
    pub len: f64,
    pub words: usize,
    pub head_like: bool,
    pub pieces: Vec<Piece>,
    /// Keys offered without a piece of their own (function-word acronyms, numeric-date months).
    pub extra_keys: Vec<String>,
    pub names: Vec<NameCandidate>,
    pub numbers: Vec<NumberMention>,
    pub dates: Vec<DateRef>,
}

/// Evidence of a sentence in `lang`.
pub fn sentence(text: &str, lang: Lang, lex: &Lexicon) -> SentenceEvidence {
    let toks = tokenize(text);
    let mut ev = SentenceEvidence {
        len: crate::text::content_length(text, lang) as f64,
        words: toks.len(),
        head_like: anchors::is_head_like(text),
        ..Default::default()
    };
    numbers_and_dates(text, &toks, lang, &mut ev);
    match lang {
        Lang::En => english_words(text, &toks, lex, &mut ev),
        Lang::Ar => arabic_words(&toks, lex, &mut ev),
    }
    ev
}

/// Numbers and dates, with the weights `anchors` gives them ([`NumberMention::anchor_weight`]).
fn numbers_and_dates(text: &str, toks: &[Token], lang: Lang, ev: &mut SentenceEvidence) {
    ev.numbers = numbers::extract(toks, lang);
    for n in &ev.numbers {
        ev.pieces.push(Piece {
            kind: ItemKind::Number,
            weight: n.anchor_weight(),
            concepts: Vec::new(),
            keys: vec![format!("n:{}", n.key())],
            idf_key: None,
            start: n.start,
            end: n.end,
        });
    }
    let named = if may_name_month(toks) {
        dates::extract(toks, &ev.numbers, lang)
    } else {
        Vec::new()
    };
    for dm in named {
        if dm.calendar != dates::Calendar::Gregorian {
            continue;
        }
        ev.pieces.push(Piece {
            kind: ItemKind::Month,
            weight: 0.7,
            concepts: Vec::new(),
            keys: vec![format!("m:g{}", dm.month)],
            idf_key: None,
            start: dm.start,
            end: dm.end,
        });
        ev.dates.push(DateRef {
            year: dm.year.map(|y| y as i32),
            month: dm.month as u32,
            days: dm.days.clone(),
            start: dm.start,
            end: dm.end,
        });
    }
    let mut at = CharCursor::new(text);
    for (day, month, year, start, end) in dates::numeric_dates(text) {
        // Without a year, "4.3 million" and "1.3 billion" read as 4 March and 1 March: only a
        // dateline form with a dash or slash ("٢٣ - ١٠", "23/10") is taken for a date.
        let span = at.slice(start, end);
        if year.is_none() && !span.contains(['-', '/']) {
            continue;
        }
        ev.extra_keys.push(format!("m:g{month}"));
        ev.dates.push(DateRef {
            year: year.map(|y| y as i32),
            month: month as u32,
            days: vec![day],
            start,
            end,
        });
    }
}

/// First words of the month names `dates` knows, keyed as it keys them (normalised, lower case).
fn month_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../anchors/data/months.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split('\t').next())
            .filter_map(|name| {
                let key = arabic::normalize(name).to_lowercase();
                key.split_whitespace().next().map(String::from)
            })
            .collect()
    })
}

/// Whether a sentence may name a month. `dates::extract` looks every token up, one and two
/// words at a time; most sentences name no month, and one lookup per token rules that out.
fn may_name_month(toks: &[Token]) -> bool {
    let words = month_words();
    toks.iter().filter(|t| t.kind == TokenKind::Word).any(|t| {
        let k = arabic::normalize(t.text).to_lowercase();
        // Arabic months may carry a conjunction or preposition ("وأغسطس", "بآب").
        words.contains(&k)
            || ["و", "ب", "ف", "ل"]
                .iter()
                .any(|p| k.strip_prefix(p).is_some_and(|r| words.contains(r)))
    })
}

/// Characters of a text by character index, for indices asked in (mostly) increasing order, as
/// tokens and pieces are: it walks on from the last index asked instead of from the start of
/// the text each time (`chars().nth(i)` per token made a long sentence quadratic; a paragraph
/// without sentence punctuation is one sentence of megabytes). A smaller index starts over.
pub(crate) struct CharCursor<'a> {
    text: &'a str,
    /// Characters before `byte`.
    chars: usize,
    byte: usize,
}

impl<'a> CharCursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            chars: 0,
            byte: 0,
        }
    }

    /// Byte offset of character `n`, or the text's length when it has `n` characters or fewer.
    fn byte_of(&mut self, n: usize) -> usize {
        if n < self.chars {
            self.chars = 0;
            self.byte = 0;
        }
        let mut rest = self.text[self.byte..].chars();
        while self.chars < n {
            let Some(c) = rest.next() else { break };
            self.byte += c.len_utf8();
            self.chars += 1;
        }
        self.byte
    }

    /// Character `n` (`text.chars().nth(n)`).
    pub(crate) fn char_at(&mut self, n: usize) -> Option<char> {
        let b = self.byte_of(n);
        if self.chars == n {
            self.text[b..].chars().next()
        } else {
            None
        }
    }

    /// Characters `start..end` (`text.chars().skip(start).take(end - start)`).
    pub(crate) fn slice(&mut self, start: usize, end: usize) -> &'a str {
        let s = self.byte_of(start);
        let e = self.byte_of(end.max(start));
        &self.text[s..e]
    }
}

fn latin_key(text: &str) -> String {
    format!("l:{}", text.to_lowercase())
}

fn english_words(text: &str, toks: &[Token], lex: &Lexicon, ev: &mut SentenceEvidence) {
    let mut at = CharCursor::new(text);
    let stems = anchors::english_stems(toks);
    let mut concepts = anchors::english_token_concepts(toks, &stems, lex);
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Number {
            continue;
        }
        let c = sorted(std::mem::take(&mut concepts[i]));
        let latin = is_acronym(t).then(|| latin_key(t.text));
        let content: Vec<u32> = c.iter().copied().filter(|&x| !lex.is_function(x)).collect();
        if !content.is_empty() {
            ev.pieces.push(Piece {
                kind: ItemKind::Term,
                weight: 1.0,
                concepts: content,
                keys: latin.into_iter().collect(),
                idf_key: Some(stems[i].clone()),
                start: t.start,
                end: t.end,
            });
            continue;
        }
        if !c.is_empty() {
            // A function word; an acronym spelled like one is still offered.
            ev.extra_keys.extend(latin);
            continue;
        }
        if let Some(l) = latin {
            ev.pieces.push(Piece {
                kind: ItemKind::Latin,
                weight: 1.0,
                concepts: Vec::new(),
                keys: vec![l],
                idf_key: None,
                start: t.start,
                end: t.end,
            });
            continue;
        }
        // A capitalised word the lexicon does not know is a name; "Gen.", "Fla." are not.
        let capitalised = t.text.chars().next().is_some_and(char::is_uppercase);
        let abbreviation = at.char_at(t.end) == Some('.') && t.text.chars().count() <= 4;
        if t.kind == TokenKind::Word && capitalised && t.text.chars().count() >= 3 && !abbreviation
        {
            if let Some(skel) = names::english_name_skeleton(t.text) {
                ev.pieces.push(Piece {
                    kind: ItemKind::Name,
                    weight: 1.0,
                    concepts: Vec::new(),
                    keys: vec![format!("p:{skel}")],
                    idf_key: None,
                    start: t.start,
                    end: t.end,
                });
            }
        }
    }
}

fn arabic_words(toks: &[Token], lex: &Lexicon, ev: &mut SentenceEvidence) {
    let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
    let mut concepts = anchors::arabic_token_concepts(toks, &norms, lex);
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Number {
            continue;
        }
        if t.is_latin() {
            // Latin script inside Arabic text: an acronym or code kept from the source
            // ("CENTCOM", "M1A2"); its expansion's concept matches the spelled-out English.
            ev.pieces.push(Piece {
                kind: ItemKind::Latin,
                weight: 1.0,
                concepts: lex.en(&en_key(t.text)).to_vec(),
                keys: vec![latin_key(t.text)],
                idf_key: None,
                start: t.start,
                end: t.end,
            });
            continue;
        }
        let c = sorted(std::mem::take(&mut concepts[i]));
        let content: Vec<u32> = c.iter().copied().filter(|&x| !lex.is_function(x)).collect();
        let function_word = !c.is_empty() && content.is_empty();
        let piece = (!content.is_empty()).then(|| {
            ev.pieces.push(Piece {
                kind: ItemKind::Term,
                weight: 1.0,
                concepts: content,
                keys: Vec::new(),
                idf_key: Some(arabic::strip_proclitics(&norms[i]).to_string()),
                start: t.start,
                end: t.end,
            });
            ev.pieces.len() - 1
        });
        // Any other word of three letters or more may transliterate a name; a known word can be
        // a name too (ثابت "Thabit", رشيد "Rashid").
        if !function_word && norms[i].chars().count() >= 3 {
            let skeletons: Vec<String> = arabic_skeletons(&norms[i])
                .into_iter()
                .filter(|s| s.len() >= 2)
                .collect();
            if !skeletons.is_empty() {
                ev.names.push(NameCandidate {
                    skeletons,
                    piece,
                    start: t.start,
                    end: t.end,
                });
            }
        }
    }
}

/// Evidence of a list of sentences.
pub fn sentences<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    lang: Lang,
    lex: &Lexicon,
) -> Vec<SentenceEvidence> {
    texts.into_iter().map(|t| sentence(t, lang, lex)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ev: &SentenceEvidence) -> Vec<String> {
        let mut k: Vec<String> = ev.pieces.iter().flat_map(|p| p.keys.clone()).collect();
        k.sort();
        k
    }

    #[test]
    fn numbers_months_and_acronyms_agree_across_languages() {
        let lex = Lexicon::builtin();
        let en = sentence(
            "The United States announced $95 million for the LAF on March 4, 2025.",
            Lang::En,
            lex,
        );
        let ar = sentence(
            "أعلنت الولايات المتحدة 95 مليون دولار للجيش (LAF) في 4 آذار 2025.",
            Lang::Ar,
            lex,
        );
        for k in ["n:95000000", "n:2025", "m:g3", "l:laf"] {
            assert!(
                keys(&en).contains(&k.to_string()),
                "en lacks {k}: {:?}",
                keys(&en)
            );
            assert!(
                keys(&ar).contains(&k.to_string()),
                "ar lacks {k}: {:?}",
                keys(&ar)
            );
        }
        assert_eq!(en.dates[0].year, Some(2025));
        assert_eq!(ar.dates[0].days, vec![4]);
    }

    #[test]
    fn month_filter_misses_no_date() {
        let mut found = 0;
        for (line, lang) in crate::test_corpora::sentences() {
            let toks = tokenize(&line);
            let n = numbers::extract(&toks, lang);
            let all = dates::extract(&toks, &n, lang);
            if !may_name_month(&toks) {
                assert!(all.is_empty(), "{line}: {all:?}");
            }
            found += all.len();
        }
        assert!(found > 10, "{found} dates");
    }

    #[test]
    fn decimals_are_not_dates() {
        let lex = Lexicon::builtin();
        let s = sentence("It will reach 4.3 million people.", Lang::En, lex);
        assert!(s.dates.is_empty(), "{:?}", s.dates);
        let s = sentence(
            "الكويت - ٢٣ - ١٠ (كونا) -- عقدت الوزارة اجتماعا.",
            Lang::Ar,
            lex,
        );
        assert_eq!(s.dates.len(), 1, "{:?}", s.dates);
        assert_eq!((s.dates[0].month, s.dates[0].days.clone()), (10, vec![23]));
    }

    #[test]
    fn names_are_skeletons() {
        let lex = Lexicon::builtin();
        let en = sentence("Ambassador Margaret Ellison met Gen. Saade.", Lang::En, lex);
        assert!(keys(&en).contains(&"p:lsn".to_string()), "{:?}", keys(&en));
        let ar = sentence("التقت السفيرة مارغريت إليسون قائد الجيش.", Lang::Ar, lex);
        assert!(
            ar.names
                .iter()
                .any(|n| n.skeletons.contains(&"lsn".to_string())),
            "{:?}",
            ar.names
        );
    }

    #[test]
    fn concepts_shared() {
        let lex = Lexicon::builtin();
        let en = sentence("The Ministry of Defense held talks.", Lang::En, lex);
        let ar = sentence("عقدت وزارة الدفاع محادثات.", Lang::Ar, lex);
        let ce: Vec<u32> = en.pieces.iter().flat_map(|p| p.concepts.clone()).collect();
        let ca: Vec<u32> = ar.pieces.iter().flat_map(|p| p.concepts.clone()).collect();
        assert!(ce.iter().any(|c| ca.contains(c)), "{ce:?} {ca:?}");
    }
}
