//! Bitexts users already have — TMX, Moses (PREFIX.en + PREFIX.ar), TSV — read as pre-aligned
//! units. Each unit becomes one English and/or one Arabic sentence of a pair whose beads are the
//! units themselves (see `Tx::add_bitext`).

use super::read_text_as;
use crate::error::{Error, Result};
use crate::segment::Sentence;
use crate::text::{detect_lang, Lang};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::path::{Path, PathBuf};

/// Bitext formats `tarjama add --format` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BitextFormat {
    Tmx,
    Moses,
    Tsv,
}

/// One aligned unit. An empty side means the unit has no text in that language (an insertion or
/// an omission); units empty on both sides are never kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub en: String,
    pub ar: String,
}

/// The units of one bitext file (or Moses file pair).
#[derive(Debug, Clone)]
pub struct Bitext {
    /// The file read (for Moses, the prefix).
    pub origin: PathBuf,
    pub units: Vec<Unit>,
    /// Units or lines with no text on either side, left out.
    pub skipped: usize,
}

/// Whitespace runs collapsed to one space, as the segmenter stores sentences.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Unit {
    fn new(en: &str, ar: &str) -> Unit {
        Unit {
            en: collapse(en),
            ar: collapse(ar),
        }
    }

    fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ar.is_empty()
    }
}

/// The Moses prefix of `path`: PREFIX for PREFIX.en or PREFIX.ar, else the path itself.
pub fn moses_prefix(path: &Path) -> PathBuf {
    match path.extension().and_then(|e| e.to_str()) {
        Some("en" | "ar") => path.with_extension(""),
        _ => path.to_path_buf(),
    }
}

fn with_suffix(prefix: &Path, lang: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(".");
    s.push(lang);
    PathBuf::from(s)
}

/// Reads a bitext. For Moses, `path` is PREFIX or one of PREFIX.en / PREFIX.ar. `encoding`
/// (`--encoding`) applies to every file read, else each file's encoding is detected.
pub fn read(
    path: &Path,
    format: BitextFormat,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Bitext> {
    let read_text = |p: &Path| read_text_as(p, encoding);
    let (origin, parsed) = match format {
        BitextFormat::Tmx => {
            let xml = read_text(path)?;
            let units = parse_tmx(&xml).map_err(|message| Error::Parse {
                path: path.into(),
                message,
            })?;
            (path.to_path_buf(), units)
        }
        BitextFormat::Tsv => {
            let text = read_text(path)?;
            let units = parse_tsv(&text).map_err(|message| Error::Parse {
                path: path.into(),
                message,
            })?;
            (path.to_path_buf(), units)
        }
        BitextFormat::Moses => {
            let prefix = moses_prefix(path);
            let (en_path, ar_path) = (with_suffix(&prefix, "en"), with_suffix(&prefix, "ar"));
            let en = read_text(&en_path)?;
            let ar = read_text(&ar_path)?;
            let units = parse_moses(&en, &ar).map_err(|(ne, na)| Error::Parse {
                path: prefix.clone(),
                message: format!(
                    "{} has {ne} lines but {} has {na}; Moses files must be line-aligned",
                    en_path.display(),
                    ar_path.display()
                ),
            })?;
            (prefix, units)
        }
    };
    Bitext::from_units(origin, parsed)
}

impl Bitext {
    /// The bitext of parsed units: units empty on both sides left out (counted in `skipped`),
    /// refused when none is left or when the languages read as swapped.
    pub fn from_units(origin: PathBuf, parsed: Vec<Unit>) -> Result<Bitext> {
        let total = parsed.len();
        let units: Vec<Unit> = parsed.into_iter().filter(|u| !u.is_empty()).collect();
        if units.is_empty() {
            return Err(Error::Parse {
                path: origin,
                message: "no English–Arabic units found".into(),
            });
        }
        check_language(&origin, &units)?;
        Ok(Bitext {
            skipped: total - units.len(),
            origin,
            units,
        })
    }
}

/// Refuses a bitext whose English side reads as Arabic or the reverse (TSV columns swapped,
/// Moses files misnamed), which would make every bead of the pair wrong.
fn check_language(path: &Path, units: &[Unit]) -> Result<()> {
    let side = |f: fn(&Unit) -> &str| units.iter().map(f).collect::<Vec<_>>().join(" ");
    for (lang, text) in [(Lang::En, side(|u| &u.en)), (Lang::Ar, side(|u| &u.ar))] {
        match detect_lang(&text) {
            Some(found) if found != lang => {
                return Err(Error::Parse {
                    path: path.into(),
                    message: format!(
                        "the {} side reads as {}; are the languages swapped?",
                        lang.name(),
                        found.name()
                    ),
                })
            }
            _ => {}
        }
    }
    Ok(())
}

/// Moses: line k of each file is unit k. Returns the line counts when they differ.
pub fn parse_moses(en: &str, ar: &str) -> std::result::Result<Vec<Unit>, (usize, usize)> {
    let en: Vec<&str> = en.lines().collect();
    let ar: Vec<&str> = ar.lines().collect();
    if en.len() != ar.len() {
        return Err((en.len(), ar.len()));
    }
    Ok(en.iter().zip(&ar).map(|(e, a)| Unit::new(e, a)).collect())
}

/// TSV: source (English) TAB target (Arabic), further columns ignored (tarjama's own TSV export
/// adds score, status and pair). Blank lines are skipped.
pub fn parse_tsv(text: &str) -> std::result::Result<Vec<Unit>, String> {
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let en = fields.next().unwrap_or_default();
        let ar = fields
            .next()
            .ok_or_else(|| format!("line {}: expected English<TAB>Arabic, found no tab", k + 1))?;
        out.push(Unit::new(en, ar));
    }
    Ok(out)
}

/// Language of a `<tuv>` from `xml:lang` (TMX 1.4) or `lang` (TMX 1.1–1.3): "en", "en-US"… are
/// English, "ar", "ar-IQ"… Arabic; other languages are ignored.
fn tuv_lang(e: &BytesStart) -> std::result::Result<Option<Lang>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let key = a.key.as_ref();
        if key == b"xml:lang" || key.eq_ignore_ascii_case(b"lang") {
            let v = a.unescape_value().map_err(|err| err.to_string())?;
            let primary = v.split(['-', '_']).next().unwrap_or_default();
            return Ok(match primary.to_ascii_lowercase().as_str() {
                "en" | "eng" => Some(Lang::En),
                "ar" | "ara" => Some(Lang::Ar),
                _ => None,
            });
        }
    }
    Ok(None)
}

/// Line number (1-based) of a byte offset, for error messages.
fn line_at(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// TMX (any 1.x): each `<tu>` with an English and/or an Arabic `<tuv>` is a unit; the first
/// variant of a language wins. Segment text keeps `<hi>` content and drops native codes
/// (`<bpt>`, `<ept>`, `<it>`, `<ph>`, `<ut>` and their `<sub>`), which are markup, not text.
pub fn parse_tmx(xml: &str) -> std::result::Result<Vec<Unit>, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut units = Vec::new();
    let mut saw_tmx = false;
    // Current unit, variant language and segment text.
    let mut unit: Option<(Option<String>, Option<String>)> = None;
    let mut lang: Option<Lang> = None;
    let mut seg: Option<String> = None;
    // Depth inside native-code elements of a segment: their text is not segment text.
    let mut code_depth = 0usize;
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = reader
            .read_event()
            .map_err(|e| format!("line {}: {e}", line_at(xml, pos)))?;
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tmx" => saw_tmx = true,
                b"tu" => unit = Some((None, None)),
                b"tuv" => lang = tuv_lang(&e)?,
                b"seg" => {
                    seg = Some(String::new());
                    code_depth = 0;
                }
                b"bpt" | b"ept" | b"it" | b"ph" | b"ut" if seg.is_some() => code_depth += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"tu" => {
                    if let Some((en, ar)) = unit.take() {
                        units.push(Unit::new(
                            en.as_deref().unwrap_or_default(),
                            ar.as_deref().unwrap_or_default(),
                        ));
                    }
                }
                b"tuv" => lang = None,
                b"seg" => {
                    if let (Some(text), Some((en, ar)), Some(l)) = (seg.take(), unit.as_mut(), lang)
                    {
                        let slot = if l == Lang::En { en } else { ar };
                        if slot.is_none() {
                            *slot = Some(text);
                        }
                    }
                }
                b"bpt" | b"ept" | b"it" | b"ph" | b"ut" if seg.is_some() => {
                    code_depth = code_depth.saturating_sub(1)
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(s) = seg.as_mut().filter(|_| code_depth == 0) {
                    let text = t
                        .unescape()
                        .map_err(|e| format!("line {}: {e}", line_at(xml, pos)))?;
                    s.push_str(&text);
                }
            }
            Event::CData(t) => {
                if let Some(s) = seg.as_mut().filter(|_| code_depth == 0) {
                    s.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_tmx {
        return Err("not a TMX document (no <tmx> element)".into());
    }
    Ok(units)
}

impl Bitext {
    /// The raw text and sentences of one side: one paragraph and one sentence per unit with text
    /// in that language, in order; offsets count characters of the raw text.
    pub fn side(&self, lang: Lang) -> (String, Vec<Sentence>) {
        let mut raw = String::new();
        let mut sentences = Vec::new();
        let mut chars = 0;
        for u in &self.units {
            let text = if lang == Lang::En { &u.en } else { &u.ar };
            if text.is_empty() {
                continue;
            }
            if !raw.is_empty() {
                raw.push_str("\n\n");
                chars += 2;
            }
            let n = text.chars().count();
            sentences.push(Sentence {
                text: text.clone(),
                paragraph: sentences.len(),
                start: chars,
                end: chars + n,
            });
            raw.push_str(text);
            chars += n;
        }
        (raw, sentences)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence"
          adminlang="en" srclang="en-US" o-tmf="x"/>
  <body>
    <tu tuid="1">
      <prop type="x-any">ignored</prop>
      <tuv xml:lang="en-US"><seg>Tom &amp; <bpt i="1">&lt;b&gt;</bpt>Jerry<ept i="1">&lt;/b&gt;</ept>
        met.</seg></tuv>
      <tuv xml:lang="fr"><seg>Tom et Jerry.</seg></tuv>
      <tuv xml:lang="AR"><seg>التقى <hi>توم</hi> وجيري.</seg></tuv>
    </tu>
    <tu><tuv lang="ar"><seg>جملة مضافة.</seg></tuv></tu>
    <tu><tuv xml:lang="fr"><seg>Seulement.</seg></tuv></tu>
  </body>
</tmx>"#;

    #[test]
    fn reads_tmx_units() {
        let u = parse_tmx(TMX).unwrap();
        assert_eq!(u.len(), 3);
        assert_eq!(u[0].en, "Tom & Jerry met.");
        assert_eq!(u[0].ar, "التقى توم وجيري.");
        assert_eq!((u[1].en.as_str(), u[1].ar.as_str()), ("", "جملة مضافة."));
        assert!(u[2].is_empty());
    }

    #[test]
    fn tmx_errors_have_lines() {
        let e = parse_tmx("<tmx>\n<body>\n<tu></body></tmx>").unwrap_err();
        assert!(e.starts_with("line 3"), "{e}");
        assert!(parse_tmx("<html/>").is_err());
    }

    #[test]
    fn reads_tsv_and_moses() {
        let u = parse_tsv("a b\tأ ب\t0.9\tautomatic\t1\n\nc\tج\n").unwrap();
        assert_eq!(u, vec![Unit::new("a b", "أ ب"), Unit::new("c", "ج")]);
        assert!(parse_tsv("no tab here\n").unwrap_err().contains("line 1"));
        assert_eq!(parse_moses("a\nb\n", "أ\nب\n").unwrap().len(), 2);
        assert_eq!(parse_moses("a\nb\n", "أ\n").unwrap_err(), (2, 1));
    }

    #[test]
    fn prefixes() {
        assert_eq!(moses_prefix(Path::new("c/x.en")), PathBuf::from("c/x"));
        assert_eq!(moses_prefix(Path::new("c/x.ar")), PathBuf::from("c/x"));
        assert_eq!(moses_prefix(Path::new("c/x")), PathBuf::from("c/x"));
        assert_eq!(
            with_suffix(Path::new("c/x.v1"), "en"),
            PathBuf::from("c/x.v1.en")
        );
    }

    #[test]
    fn sides_are_one_paragraph_per_unit() {
        let b = Bitext {
            origin: "x".into(),
            units: vec![Unit::new("One.", ""), Unit::new("Two  words.", "اثنان.")],
            skipped: 0,
        };
        let (raw, s) = b.side(Lang::En);
        assert_eq!(raw, "One.\n\nTwo words.");
        assert_eq!((s[1].start, s[1].end, s[1].paragraph), (6, 16, 1));
        let (raw, s) = b.side(Lang::Ar);
        assert_eq!((raw.as_str(), s.len()), ("اثنان.", 1));
    }
}
