//! Text encodings of input files. Bytes become text in this order:
//!
//! 1. an encoding the user named (`--encoding`) is used as it is, strictly;
//! 2. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides, strictly;
//! 3. NUL bytes without a mark mean a binary file (or UTF-16 without a mark, which cannot be
//!    told from binary data safely): refused, with a pointer to `--encoding`;
//! 4. valid UTF-8 is UTF-8;
//! 5. otherwise the two single-byte Arabic encodings still found in archives, windows-1256 and
//!    ISO-8859-6, are tried, and a decoding is kept only when it reads like Arabic text
//!    ([`arabic_plausibility`]). Neither, or both with different texts and no way to choose:
//!    refused, with a pointer to `--encoding`.
//!
//! "Strictly" means that malformed bytes are an error, never U+FFFD: a replacement character
//! stored in a document is lost text that nobody sees until it is too late.

use encoding_rs::{DecoderResult, Encoding, ISO_8859_6, WINDOWS_1256};

/// Why bytes could not be read as text. The messages complete "PATH: " (see `Error::Decode`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary data, not text (if it is UTF-16 text without a byte-order mark, give --encoding utf-16le or --encoding utf-16be)")]
    Binary,
    #[error("starts with a {encoding} byte-order mark but is not valid {encoding} (bad bytes at offset {offset})")]
    BadAfterBom {
        encoding: &'static str,
        offset: usize,
    },
    #[error("not valid {encoding} text as --encoding says (bad bytes at offset {offset}); check the encoding name")]
    NotAsForced {
        encoding: &'static str,
        offset: usize,
    },
    #[error("not UTF-8 text (bad bytes at offset {offset}) and not Arabic in windows-1256 or ISO-8859-6 either; name its encoding with --encoding NAME (e.g. windows-1252, utf-16le)")]
    Undecided { offset: usize },
    #[error("reads as Arabic both in windows-1256 and in ISO-8859-6; say which with --encoding windows-1256 or --encoding iso-8859-6")]
    Ambiguous,
}

/// The text of `bytes`, decoded as described in the module documentation. A byte-order mark is
/// not part of the text.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<String, DecodeError> {
    let text = match forced {
        Some(enc) => {
            // A mark of the named encoding is not text; any other leading bytes are, and the
            // strict decoding says whether they fit the encoding the user named.
            let body = match Encoding::for_bom(bytes) {
                Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
                _ => bytes,
            };
            strict(enc, body).map_err(|offset| DecodeError::NotAsForced {
                encoding: enc.name(),
                offset,
            })?
        }
        None => match Encoding::for_bom(bytes) {
            Some((enc, len)) => strict(enc, &bytes[len..]).map_err(|offset| {
                DecodeError::BadAfterBom {
                    encoding: enc.name(),
                    // Offsets count from the start of the file, mark included.
                    offset: offset + len,
                }
            })?,
            None if bytes.contains(&0) => return Err(DecodeError::Binary),
            None => match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(e) => guess_arabic(bytes, e.valid_up_to())?,
            },
        },
    };
    // UTF-16 text of NUL characters, or NULs in a named encoding, are binary data all the same.
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(text)
}

/// The encoding named by `label` (a WHATWG label as encoding_rs knows them: utf-8, utf-16le,
/// utf-16be, windows-1256, iso-8859-6, cp1256, latin1…), for `--encoding`.
pub fn parse_label(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label_no_replacement(label.trim().as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding '{label}' (e.g. utf-8, utf-16le, utf-16be, windows-1256, iso-8859-6)"
        )
    })
}

/// Decodes without replacement characters; on malformed input, the byte offset where the
/// malformed sequence starts.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len()),
    );
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut out, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            // Only when the capacity estimate above could not be computed (a length near
            // usize::MAX): grow and go on.
            DecoderResult::OutputFull => out.reserve(bytes.len() - read + 16),
            DecoderResult::Malformed(bad, after) => {
                return Err(read.saturating_sub(bad as usize + after as usize))
            }
        }
    }
}

/// Which single-byte Arabic encoding `bytes` (not UTF-8; `utf8_error` is where UTF-8 failed)
/// are in, or why none can be chosen.
fn guess_arabic(bytes: &[u8], utf8_error: usize) -> Result<String, DecodeError> {
    let mut plausible: Vec<(f64, String)> = [WINDOWS_1256, ISO_8859_6]
        .into_iter()
        // ISO-8859-6 leaves most bytes undefined: a strict decoding failure rules it out.
        .filter_map(|enc| strict(enc, bytes).ok())
        .filter_map(|text| arabic_plausibility(&text).map(|score| (score, text)))
        .collect();
    plausible.sort_by(|a, b| b.0.total_cmp(&a.0));
    match plausible.as_slice() {
        [] => Err(DecodeError::Undecided { offset: utf8_error }),
        [(_, only)] => Ok(only.clone()),
        [(best, a), (second, b), ..] => {
            // Both read as Arabic: fine if they agree (only the letters common to both tables
            // occur), else the one with fewer foreign characters, else nobody can tell.
            if a == b || best > second {
                Ok(a.clone())
            } else {
                Err(DecodeError::Ambiguous)
            }
        }
    }
}

/// Least share of Arabic-script characters among the non-ASCII characters that are not neutral
/// punctuation or spacing. In Arabic text in a single-byte encoding every letter is a non-ASCII
/// byte, so the share is near 1; a Latin-1 or windows-1252 text read in an Arabic code page, or
/// one Arabic code page read in the other, turns a good part of its non-ASCII bytes into Latin
/// letters or symbols (ISO-8859-6's ي and و are windows-1256's ê and è).
const MIN_ARABIC_SHARE: f64 = 0.9;

/// Least mean length, in letters, of the runs of Arabic letters. Arabic words are written as
/// runs of letters (one-letter particles such as و and ب are joined to the next word), so the
/// mean is near that of words, four or five; UTF-8 misread as windows-1256 alternates ط or ظ
/// (its lead bytes) with symbols, runs of one letter.
const MIN_MEAN_RUN: f64 = 2.0;

/// Largest share of Arabic-letter runs that touch a Latin letter. Arabic text keeps the scripts
/// apart with spaces; a Latin text misread as Arabic has its accented letters turned into
/// Arabic letters inside Latin words ("café" → "cafى").
const MAX_GLUED_SHARE: f64 = 0.1;

/// How much `text` reads as Arabic text: `None` when it does not (see the constants above), else
/// its share of Arabic-script characters, to choose between two decodings.
pub fn arabic_plausibility(text: &str) -> Option<f64> {
    let (mut arabic, mut foreign) = (0usize, 0usize);
    let (mut runs, mut run_letters, mut glued) = (0usize, 0usize, 0usize);
    let mut prev: Option<char> = None;
    let mut in_run = false;
    let mut run_glued = false;
    for c in text.chars() {
        // Control characters (ISO-8859-6 maps 0x80–0x9F to C1 controls) are never in text.
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            return None;
        }
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        } else if !c.is_ascii() && !is_neutral(c) {
            foreign += 1;
        }
        if is_word_letter(c) {
            if !in_run {
                runs += 1;
                in_run = true;
                run_glued = prev.is_some_and(|p| p.is_ascii_alphabetic());
            }
            run_letters += 1;
        } else if in_run {
            in_run = false;
            run_glued |= c.is_ascii_alphabetic();
            glued += usize::from(run_glued);
        }
        prev = Some(c);
    }
    if in_run {
        glued += usize::from(run_glued);
    }
    if runs == 0 {
        return None;
    }
    let share = arabic as f64 / (arabic + foreign) as f64;
    let mean_run = run_letters as f64 / runs as f64;
    let glued_share = glued as f64 / runs as f64;
    (share >= MIN_ARABIC_SHARE && mean_run >= MIN_MEAN_RUN && glued_share <= MAX_GLUED_SHARE)
        .then_some(share)
}

/// Letters of an Arabic word: letters, tatweel, harakat and superscript alef.
fn is_word_letter(c: char) -> bool {
    crate::text::is_arabic_letter(c) || matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}')
}

/// Non-ASCII characters that Arabic text in a Windows or ISO code page uses besides its letters:
/// spaces, « », the soft hyphen, joiners and direction marks, and typographic dashes, quotes,
/// bullets and ellipses. They count neither for nor against Arabic.
fn is_neutral(c: char) -> bool {
    c.is_whitespace() || matches!(c, '«' | '»' | '\u{00AD}' | '\u{200C}'..='\u{2027}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

    /// Composed for these tests: a short news paragraph with punctuation, digits, a quote and a
    /// Latin acronym, as Arabic articles have them.
    const ARABIC: &str = "قال وزير الخارجية في مؤتمر صحفي يوم الاثنين إن المفاوضات ستستأنف \
                          الأسبوع المقبل في القاهرة.\nوأضاف أن الوفدين اتفقا على «خطوات عملية» \
                          لتبادل 40 أسيراً، وأن بعثة من الـ UN ستراقب التنفيذ.\n";

    fn single_byte(enc: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, used, unmappable) = enc.encode(text);
        assert_eq!(used, enc);
        assert!(!unmappable, "{} cannot encode the test text", enc.name());
        bytes.into_owned()
    }

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        let mark: &[u8] = if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] };
        let mut out = mark.to_vec();
        for u in text.encode_utf16() {
            out.extend(if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn utf8_with_and_without_mark() {
        assert_eq!(decode(ARABIC.as_bytes(), None).unwrap(), ARABIC);
        let mut marked = b"\xEF\xBB\xBF".to_vec();
        marked.extend_from_slice(ARABIC.as_bytes());
        assert_eq!(decode(&marked, None).unwrap(), ARABIC);
        assert_eq!(decode(&marked, Some(UTF_8)).unwrap(), ARABIC);
    }

    #[test]
    fn utf16_by_its_mark() {
        for little in [true, false] {
            let bytes = utf16(ARABIC, little);
            assert_eq!(decode(&bytes, None).unwrap(), ARABIC);
            let named = if little { UTF_16LE } else { UTF_16BE };
            assert_eq!(decode(&bytes, Some(named)).unwrap(), ARABIC);
            // Without the mark, the NULs of ASCII characters look binary unless named.
            let english = utf16("The minister spoke on Monday.", little);
            assert_eq!(decode(&english[2..], None), Err(DecodeError::Binary));
            assert_eq!(
                decode(&english[2..], Some(named)).unwrap(),
                "The minister spoke on Monday."
            );
        }
    }

    #[test]
    fn utf16_cut_in_half_is_refused_with_the_offset() {
        let mut bytes = utf16("نص", true);
        bytes.push(b'x');
        assert_eq!(
            decode(&bytes, None),
            Err(DecodeError::BadAfterBom {
                encoding: "UTF-16LE",
                offset: 6
            })
        );
    }

    #[test]
    fn windows_1256_detected() {
        let bytes = single_byte(WINDOWS_1256, ARABIC);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes, None).unwrap(), ARABIC);
    }

    #[test]
    fn iso_8859_6_detected() {
        // ISO-8859-6 has neither « » nor Arabic-Indic digits; this text uses neither.
        let text = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية، \
                    وقالت إن التنفيذ يبدأ في الربيع.\n";
        let bytes = single_byte(ISO_8859_6, text);
        assert_eq!(decode(&bytes, None).unwrap(), text);
    }

    #[test]
    fn named_encoding_wins() {
        let text = "Müller ouvre un café lundi.";
        let bytes = single_byte(WINDOWS_1252, text);
        assert_eq!(
            decode(&bytes, None),
            Err(DecodeError::Undecided { offset: 1 })
        );
        assert_eq!(decode(&bytes, Some(WINDOWS_1252)).unwrap(), text);
        // Named wrongly: a byte ISO-8859-6 leaves undefined (ü) is an error, not U+FFFD.
        assert_eq!(
            decode(&bytes, Some(ISO_8859_6)),
            Err(DecodeError::NotAsForced {
                encoding: "ISO-8859-6",
                offset: 1
            })
        );
    }

    #[test]
    fn latin_text_is_not_taken_for_arabic() {
        for text in [
            "The minister said the café would reopen on Monday.",
            "Müller und Söhne eröffnen am Montag eine Filiale in Köln.",
            "À Paris, l'été dernier, élèves et maîtres ont fêté la fin de l'année.",
        ] {
            let bytes = single_byte(WINDOWS_1252, text);
            assert!(
                matches!(decode(&bytes, None), Err(DecodeError::Undecided { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn broken_utf8_arabic_is_not_taken_for_windows_1256() {
        // A UTF-8 Arabic text with one byte lost is not valid UTF-8; read as windows-1256 its
        // bytes become ط/ظ alternating with symbols, which must not pass for Arabic.
        let mut bytes = ARABIC.as_bytes().to_vec();
        bytes.remove(10);
        assert!(matches!(
            decode(&bytes, None),
            Err(DecodeError::Undecided { .. })
        ));
    }

    #[test]
    fn both_code_pages_agreeing_or_not() {
        // Letters common to both tables decode alike: no question to ask.
        let same = single_byte(WINDOWS_1256, "بحث جاد");
        assert_eq!(decode(&same, None).unwrap(), "بحث جاد");
        // windows-1256 ط (0xD8) is ISO-8859-6 ظ: both read as Arabic, and nothing tells which.
        let differ = single_byte(WINDOWS_1256, "خطط ثابتة");
        assert_eq!(decode(&differ, None), Err(DecodeError::Ambiguous));
        assert_eq!(decode(&differ, Some(WINDOWS_1256)).unwrap(), "خطط ثابتة");
    }

    #[test]
    fn binary_and_labels() {
        assert_eq!(
            decode(b"PK\x03\x04\0\0text", None),
            Err(DecodeError::Binary)
        );
        assert_eq!(parse_label("windows-1256"), Ok(WINDOWS_1256));
        assert_eq!(parse_label("ISO-8859-6"), Ok(ISO_8859_6));
        assert_eq!(parse_label("cp1256"), Ok(WINDOWS_1256));
        assert_eq!(parse_label("utf-16be"), Ok(UTF_16BE));
        assert!(parse_label("klingon").is_err());
    }

    #[test]
    fn plausibility_of_arabic_and_of_mojibake() {
        assert!(arabic_plausibility(ARABIC).is_some());
        // ISO-8859-6 bytes read as windows-1256: Latin letters among the Arabic ones.
        let iso = single_byte(ISO_8859_6, "وقالت إن التنفيذ يبدأ في الربيع");
        let (misread, _, _) = WINDOWS_1256.decode(&iso);
        assert_eq!(arabic_plausibility(&misread), None);
        assert_eq!(arabic_plausibility("no Arabic here"), None);
    }
}
