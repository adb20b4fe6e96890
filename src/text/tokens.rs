//! Word tokens with character offsets into the sentence they come from.

use regex::Regex;
use std::sync::OnceLock;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script), possibly with an apostrophe ("Iraq's").
    Word,
    /// Digits in any script, with internal thousands/decimal separators ("4,500", "١٫٥").
    Number,
    /// Latin letters mixed with digits ("M1A2", "F16") or a dotted abbreviation ("U.S.").
    Code,
}

/// One token of a sentence. Offsets count Unicode scalar values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token<'_> {
    /// True when the token is written in Latin script.
    pub fn is_latin(&self) -> bool {
        self.text.chars().any(|c| c.is_ascii_alphabetic())
    }
}

/// Abbreviations, codes, numbers, words, in that order of preference. The word boundaries only
/// ever border Latin letters and digits, so they are ASCII ones: Unicode word boundaries keep
/// the regex engine off its fast paths on Arabic text (tokenizing was half of `check`'s time).
fn token_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?-u:\b)[A-Za-z](?:\.[A-Za-z])+\.?",
            r"|(?-u:\b)[A-Za-z]+\d[A-Za-z\d]*(?-u:\b)",
            r"|\d+(?:[.,٫٬]\d+)*",
            r"|[\p{L}\p{M}]+(?:['’][\p{L}]+)?"
        ))
        .expect("static regex")
    })
}

/// The kind of a match of [`token_re`], from its text: numbers start with a digit, words have
/// neither digits nor dots, and the rest are abbreviations or codes.
fn kind_of(text: &str) -> TokenKind {
    let mut chars = text.chars();
    if chars.next().is_some_and(|c| c.is_numeric()) {
        TokenKind::Number
    } else if text.chars().any(|c| c == '.' || c.is_ascii_digit()) {
        TokenKind::Code
    } else {
        TokenKind::Word
    }
}

/// Splits a sentence into tokens.
pub fn tokenize(sentence: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    // Byte → char offsets computed incrementally: matches come in order.
    let mut last_byte = 0;
    let mut last_char = 0;
    for m in token_re().find_iter(sentence) {
        let kind = kind_of(m.as_str());
        let mut from = m.start();
        // A decimal with no integer part (".50 caliber", ".45"): the point is the number's own
        // when nothing written stands before it (a digit or letter there makes it a full stop).
        if kind == TokenKind::Number && from > last_byte && sentence[..from].ends_with('.') {
            let before = sentence[..from - 1].chars().next_back();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '.') {
                from -= 1;
            }
        }
        let text = &sentence[from..m.end()];
        let start = last_char + sentence[last_byte..from].chars().count();
        let len = text.chars().count();
        last_byte = m.end();
        last_char = start + len;
        // Tatweel alone (e.g. the "ـ" of "الـ١٤") is not a word.
        if kind == TokenKind::Word && m.as_str().chars().all(|c| c == 'ـ') {
            continue;
        }
        out.push(Token {
            text,
            start,
            end: start + len,
            kind,
        });
    }
    out
}

/// The text between token `k` and the next one (to the end of the sentence after the last
/// token). Tokens are slices of `sentence`, so the gap is read by byte offset: a character offset
/// would walk the sentence from its start for every token. Empty when the tokens are not slices
/// of `sentence`.
pub fn gap_after<'s>(sentence: &'s str, toks: &[Token], k: usize) -> &'s str {
    match toks.get(k) {
        Some(_) if k + 1 < toks.len() => between(sentence, toks, k, k + 1),
        Some(t) => sentence.get(byte_end(sentence, t)..).unwrap_or(""),
        None => "",
    }
}

/// The text between the end of token `a` and the start of token `b` (empty unless `a` comes
/// before `b` and the tokens are slices of `sentence`), read by byte offset as [`gap_after`].
pub fn between<'s>(sentence: &'s str, toks: &[Token], a: usize, b: usize) -> &'s str {
    let (Some(x), Some(y)) = (toks.get(a), toks.get(b)) else {
        return "";
    };
    sentence
        .get(byte_end(sentence, x)..byte_start(sentence, y))
        .unwrap_or("")
}

/// Whether token `x` opens a sentence or a quotation: the first token, or one after a full stop,
/// a question or exclamation mark, a colon or an opening quotation mark. Its capital is then the
/// sentence's, no evidence that the word is a name. A point after an initial or an abbreviation
/// of up to four letters ("Daniel R. Whitcomb", "Gen. Haines") ends no sentence. A straight
/// quotation mark opens a quotation when the word follows it directly; with a space after it,
/// it closed one ("slow," she said).
pub fn starts_sentence(sentence: &str, toks: &[Token], x: usize) -> bool {
    if x == 0 {
        return true;
    }
    let gap = between(sentence, toks, x - 1, x);
    let full_stop = gap.contains('.') && toks[x - 1].text.chars().count() > 4;
    full_stop
        || gap
            .chars()
            .any(|c| matches!(c, '!' | '?' | ':' | '“' | '«' | '‘'))
        || gap.ends_with(['"', '\''])
}

/// Byte offset of a token inside the sentence it is a slice of.
fn byte_start(sentence: &str, t: &Token) -> usize {
    (t.text.as_ptr() as usize).wrapping_sub(sentence.as_ptr() as usize)
}

/// Byte offset just past a token inside the sentence it is a slice of.
fn byte_end(sentence: &str, t: &Token) -> usize {
    byte_start(sentence, t).wrapping_add(t.text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_opens_a_sentence_after_a_stop_a_colon_or_an_opening_quote() {
        let s = "Talks ended. \"Progress is slow,\" she said: Rain fell on Tuesday, Gen. Daniel R. Whitcomb said.";
        let toks = tokenize(s);
        let opens = |w: &str| {
            let x = toks.iter().position(|t| t.text == w).unwrap();
            starts_sentence(s, &toks, x)
        };
        assert!(opens("Talks") && opens("Progress") && opens("Rain"));
        assert!(!opens("ended") && !opens("she") && !opens("Tuesday"));
        assert!(!opens("Daniel") && !opens("Whitcomb"));
    }

    #[test]
    fn text_between_tokens_is_read_by_byte_offset() {
        let s = "قال، «نعم» - and then";
        let t = tokenize(s);
        assert_eq!(between(s, &t, 0, 1), "، «");
        assert_eq!(between(s, &t, 1, 3), "» - and ");
        assert_eq!(between(s, &t, 2, 1), "");
        assert_eq!(gap_after(s, &t, 3), "");
    }

    #[test]
    fn decimal_without_integer_part_keeps_its_point() {
        let t = tokenize("eight .50 caliber guns and (.45) rounds; it ended.5 more");
        let nums: Vec<&str> = t
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.text)
            .collect();
        assert_eq!(nums, vec![".50", ".45", "5"]);
        let k = t.iter().position(|t| t.text == ".50").unwrap();
        assert_eq!((t[k].start, t[k].end), (6, 9));
    }

    #[test]
    fn tokenizes_mixed_text() {
        let t = tokenize("The U.S. sent 4,500 M1A2 tanks to Iraq's army.");
        let texts: Vec<_> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            vec!["The", "U.S.", "sent", "4,500", "M1A2", "tanks", "to", "Iraq's", "army"]
        );
        assert_eq!(t[3].kind, TokenKind::Number);
        assert_eq!(t[4].kind, TokenKind::Code);
    }

    #[test]
    fn arabic_offsets_are_chars() {
        let s = "الدورة الـ١٤ للجنة";
        let t = tokenize(s);
        let texts: Vec<_> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, vec!["الدورة", "الـ", "١٤", "للجنة"]);
        assert_eq!(t[2].start, 10);
        assert_eq!(crate::text::char_slice(s, t[2].start, t[2].end), "١٤");
    }
}
