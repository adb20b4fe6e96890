//! Readers for bilingual dictionaries users already have: FreeDict dictd files (Debian's
//! dict-freedict-ara-eng / dict-freedict-eng-ara under /usr/share/dictd), the Buckwalter stem
//! list, and plain TSV. They are read at run time from the user's files and never embedded.
//! Each reader returns (english, arabic) pairs.

use crate::anchors::lexicon::Lexicon;
use crate::error::{Error, Result};
use crate::text::{is_arabic_letter, tokens::tokenize};
use encoding_rs::Encoding;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Dictionary formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DictFormat {
    /// dictd .index + .dict or .dict.dz (FreeDict).
    Freedict,
    /// Buckwalter morphological analyser stem list (dictStems).
    Buckwalter,
    /// english<TAB>arabic (or arabic<TAB>english) per line; alternatives separated by |.
    Tsv,
}

impl DictFormat {
    pub fn guess(path: &Path) -> DictFormat {
        let name = path.to_string_lossy().to_lowercase();
        if name.ends_with(".index") || name.ends_with(".dict.dz") || name.ends_with(".dict") {
            DictFormat::Freedict
        } else if name.contains("dictstems") || name.contains("buckwalter") {
            DictFormat::Buckwalter
        } else {
            DictFormat::Tsv
        }
    }
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(is_arabic_letter)
}

/// Value of a dictd base64 number ("A" = 0, "B" = 1, … "/" = 63, most significant first).
pub fn dictd_number(s: &str) -> Option<u64> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut v: u64 = 0;
    for c in s.bytes() {
        let d = ALPHABET.iter().position(|&a| a == c)? as u64;
        v = v.checked_mul(64)?.checked_add(d)?;
    }
    Some(v)
}

/// Splits a definition line into short translations: numbering, parentheses and notes removed.
fn translations(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let cleaned: String = line
        .chars()
        .filter(|&c| {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    return false;
                }
                _ => {}
            }
            depth <= 0 && !matches!(c, '(' | '[' | '{')
        })
        .collect();
    for part in cleaned
        .split([',', ';', '/', '،', '؛'])
        .flat_map(|p| p.split(" - "))
    {
        let p = part
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')')
            .trim()
            .trim_start_matches("to ")
            .trim();
        let words: Vec<&str> = p.split_whitespace().collect();
        if (1..=4).contains(&words.len()) && !p.starts_with('/') {
            // Whitespace runs (a tab inside a definition) collapsed, as lexicon phrases are.
            out.push(words.join(" "));
        }
    }
    out
}

/// The (english, arabic) pairs of a dictd dictionary: its index text and its (decompressed) data.
/// Index lines whose offsets are no numbers or point outside the data are skipped, not errors:
/// a damaged entry should not cost the whole dictionary.
pub fn parse_freedict(index: &str, data: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in index.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 || f[0].starts_with("00database") || f[0].starts_with("00-database") {
            continue;
        }
        let (Some(off), Some(len)) = (dictd_number(f[1]), dictd_number(f[2])) else {
            continue;
        };
        let (off, len) = (off as usize, len as usize);
        let Some(bytes) = data.get(off..off.saturating_add(len)) else {
            continue;
        };
        let entry = String::from_utf8_lossy(bytes);
        let head = f[0].trim();
        if head.is_empty() {
            // A damaged index line: its translations would pair with an empty phrase.
            continue;
        }
        let head_ar = is_arabic(head);
        for def in entry.lines().skip(1) {
            for t in translations(def) {
                if is_arabic(&t) == head_ar {
                    continue; // a note in the headword's own language
                }
                if head_ar {
                    out.push((t, head.to_string()));
                } else {
                    out.push((head.to_string(), t));
                }
            }
        }
    }
    out
}

/// Reads a FreeDict dictionary given its .index or .dict(.dz) path (the other file is found
/// beside it).
pub fn read_freedict(path: &Path) -> Result<Vec<(String, String)>> {
    let s = path.to_string_lossy();
    let base = s
        .strip_suffix(".index")
        .or_else(|| s.strip_suffix(".dict.dz"))
        .or_else(|| s.strip_suffix(".dict"))
        .unwrap_or(&s)
        .to_string();
    let index_path = PathBuf::from(format!("{base}.index"));
    let index = std::fs::read_to_string(&index_path).map_err(|e| Error::io(&index_path, e))?;
    let dz = PathBuf::from(format!("{base}.dict.dz"));
    let plain = PathBuf::from(format!("{base}.dict"));
    let data: Vec<u8> = if dz.exists() {
        let f = std::fs::File::open(&dz).map_err(|e| Error::io(&dz, e))?;
        let mut buf = Vec::new();
        flate2::read::MultiGzDecoder::new(f)
            .read_to_end(&mut buf)
            .map_err(|e| Error::Parse {
                path: dz.clone(),
                message: format!("not a gzip/dictzip file: {e}"),
            })?;
        buf
    } else {
        std::fs::read(&plain).map_err(|e| Error::io(&plain, e))?
    };
    let out = parse_freedict(&index, &data);
    if out.is_empty() {
        return Err(Error::Parse {
            path: index_path,
            message: "no Arabic–English entries found".into(),
        });
    }
    Ok(out)
}

/// Arabic letter of a Buckwalter transliteration character.
fn buckwalter_char(c: char) -> Option<char> {
    Some(match c {
        '\'' => 'ء',
        '|' => 'آ',
        '>' => 'أ',
        '&' => 'ؤ',
        '<' => 'إ',
        '}' => 'ئ',
        'A' => 'ا',
        'b' => 'ب',
        'p' => 'ة',
        't' => 'ت',
        'v' => 'ث',
        'j' => 'ج',
        'H' => 'ح',
        'x' => 'خ',
        'd' => 'د',
        '*' => 'ذ',
        'r' => 'ر',
        'z' => 'ز',
        's' => 'س',
        '$' => 'ش',
        'S' => 'ص',
        'D' => 'ض',
        'T' => 'ط',
        'Z' => 'ظ',
        'E' => 'ع',
        'g' => 'غ',
        '_' => 'ـ',
        'f' => 'ف',
        'q' => 'ق',
        'k' => 'ك',
        'l' => 'ل',
        'm' => 'م',
        'n' => 'ن',
        'h' => 'ه',
        'w' => 'و',
        'Y' => 'ى',
        'y' => 'ي',
        'F' => '\u{064B}',
        'N' => '\u{064C}',
        'K' => '\u{064D}',
        'a' => '\u{064E}',
        'u' => '\u{064F}',
        'i' => '\u{0650}',
        '~' => '\u{0651}',
        'o' => '\u{0652}',
        '`' => '\u{0670}',
        '{' => 'ٱ',
        _ => return None,
    })
}

/// Arabic script of a Buckwalter-transliterated word.
pub fn from_buckwalter(s: &str) -> String {
    s.chars().filter_map(buckwalter_char).collect()
}

/// The (english, arabic) pairs of a Buckwalter stem list's text (see [`read_buckwalter`]);
/// comment lines and lines with fewer than four fields are skipped.
pub fn parse_buckwalter(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with(';') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let ar = from_buckwalter(f[0]);
        if ar.is_empty() {
            continue;
        }
        let gloss = f[3].split("<pos>").next().unwrap_or("");
        for t in translations(gloss) {
            out.push((t, ar.clone()));
        }
    }
    out
}

/// Reads a Buckwalter stem list: `stem<TAB>vocalised<TAB>category<TAB>gloss <pos>…</pos>`.
pub fn read_buckwalter(
    path: &Path,
    encoding: Option<&'static Encoding>,
) -> Result<Vec<(String, String)>> {
    let text = crate::ingest::read_text_as(path, encoding)?;
    let out = parse_buckwalter(&text);
    if out.is_empty() {
        return Err(Error::Parse {
            path: path.into(),
            message: "no Buckwalter stem entries found".into(),
        });
    }
    Ok(out)
}

/// Reads TSV: either column order; Arabic alternatives separated by `|` are kept together.
pub fn read_tsv(path: &Path, encoding: Option<&'static Encoding>) -> Result<Vec<(String, String)>> {
    let text = crate::ingest::read_text_as(path, encoding)?;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() < 2 || f[0].is_empty() || f[1].is_empty() {
            continue;
        }
        match (is_arabic(f[0]), is_arabic(f[1])) {
            (false, true) => out.push((f[0].to_string(), f[1].to_string())),
            (true, false) => out.push((f[1].to_string(), f[0].to_string())),
            _ => continue,
        }
    }
    if out.is_empty() {
        return Err(Error::Parse {
            path: path.into(),
            message: "no english<TAB>arabic lines found".into(),
        });
    }
    Ok(out)
}

/// Reads a dictionary file; `encoding` (`--encoding`) applies to the text formats, Buckwalter and
/// TSV (FreeDict's dictd files are UTF-8).
pub fn read(
    path: &Path,
    format: Option<DictFormat>,
    encoding: Option<&'static Encoding>,
) -> Result<Vec<(String, String)>> {
    match format.unwrap_or_else(|| DictFormat::guess(path)) {
        DictFormat::Freedict => read_freedict(path),
        DictFormat::Buckwalter => read_buckwalter(path, encoding),
        DictFormat::Tsv => read_tsv(path, encoding),
    }
}

/// FreeDict Arabic–English dictionaries installed on this system (Debian paths).
pub fn system_freedict() -> Vec<PathBuf> {
    [
        "/usr/share/dictd/freedict-ara-eng.index",
        "/usr/share/dictd/freedict-eng-ara.index",
    ]
    .iter()
    .map(PathBuf::from)
    .filter(|p| p.exists())
    .collect()
}

/// The built-in lexicon extended with dictionary files (none: the built-in one as it is). Both
/// come from the compiled cache when it holds them: reading it is faster than building the
/// glossary from its text.
pub fn with_files(files: &[PathBuf]) -> Result<std::borrow::Cow<'static, Lexicon>> {
    let lex = super::lexicon_cache::load_or_build(files, || {
        let mut lex = Lexicon::builtin().clone();
        add_files(&mut lex, files)?;
        Ok::<_, Error>(lex)
    })?;
    Ok(std::borrow::Cow::Owned(lex))
}

/// Adds the entries of dictionary files to a lexicon.
pub fn add_files(lex: &mut Lexicon, files: &[PathBuf]) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    // The files are read (and decompressed) in parallel; that is most of the time `check`
    // takes when the system's FreeDict is installed.
    let read_all: Vec<Result<Vec<(String, String)>>> = std::thread::scope(|scope| {
        let readers: Vec<_> = files
            .iter()
            .map(|f| scope.spawn(move || read(f, None, None)))
            .collect();
        readers
            .into_iter()
            .map(|r| r.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut pairs = Vec::new();
    for r in read_all {
        pairs.extend(r?);
    }
    // One call: an English phrase found in several files becomes one concept.
    lex.add_pairs(pairs);
    Ok(())
}

/// Whether a token list has any content (used to skip empty translations).
pub fn has_words(s: &str) -> bool {
    !tokenize(s).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn b64(mut n: u64) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        if n == 0 {
            return "A".into();
        }
        let mut v = Vec::new();
        while n > 0 {
            v.push(A[(n % 64) as usize] as char);
            n /= 64;
        }
        v.iter().rev().collect()
    }

    #[test]
    fn dictd_numbers() {
        assert_eq!(dictd_number("A"), Some(0));
        assert_eq!(dictd_number("BA"), Some(64));
        assert_eq!(dictd_number(&b64(123_456)), Some(123_456));
    }

    #[test]
    fn reads_a_written_freedict_pair() {
        let dir = tempfile::tempdir().unwrap();
        let entries = [
            ("كتاب", "كتاب\nbook, volume\n"),
            ("وزير", "وزير /waziːr/\n1. minister\n2. vizier (chess)\n"),
        ];
        let mut data = Vec::new();
        let mut index = String::from("00databaseinfo\tA\tA\n");
        for (head, body) in entries {
            index.push_str(&format!(
                "{head}\t{}\t{}\n",
                b64(data.len() as u64),
                b64(body.len() as u64)
            ));
            data.extend_from_slice(body.as_bytes());
        }
        std::fs::write(dir.path().join("t.index"), index).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&data).unwrap();
        std::fs::write(dir.path().join("t.dict.dz"), gz.finish().unwrap()).unwrap();
        let got = read_freedict(&dir.path().join("t.index")).unwrap();
        assert!(got.contains(&("book".into(), "كتاب".into())));
        assert!(got.contains(&("minister".into(), "وزير".into())));
        assert!(got.contains(&("vizier".into(), "وزير".into())));
    }

    /// Found by fuzzing (dict_freedict): an index line with an empty headword gave pairs with an
    /// empty English side, and a tab inside a definition stayed in the translation.
    #[test]
    fn damaged_dictd_entries_give_no_empty_or_tabbed_phrases() {
        let data = "x\nوزير\tW, minister\tof state\n";
        let index = format!(
            "\tA\t{}\nhead\tA\t{}\n",
            b64(data.len() as u64),
            b64(data.len() as u64)
        );
        let got = parse_freedict(&index, data.as_bytes());
        assert_eq!(got, vec![("head".to_string(), "وزير W".to_string())]);
    }

    #[test]
    fn reads_buckwalter_and_tsv() {
        let dir = tempfile::tempdir().unwrap();
        let bw = dir.path().join("dictStems");
        std::fs::write(
            &bw,
            ";; ktb\nktb\tkatab\tPV\twrite;be written <pos>katab/VERB</pos>\n",
        )
        .unwrap();
        let got = read_buckwalter(&bw, None).unwrap();
        assert!(got.contains(&("write".into(), "كتب".into())));
        let tsv = dir.path().join("g.tsv");
        std::fs::write(&tsv, "# c\nforces\tقوات|القوات\nوزير\tminister\n").unwrap();
        let got = read_tsv(&tsv, None).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], ("minister".into(), "وزير".into()));
    }
}
