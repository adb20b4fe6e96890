//! Ingest: files in text, Markdown, HTML or JSON become documents (plain text with paragraphs
//! separated by blank lines, plus metadata). One file per input format.

pub mod bitext;
pub mod encoding;
pub mod html;
pub mod json;
pub mod markdown;
pub mod nondoc;
pub mod text;

use crate::error::{Error, Result};
use crate::text::{detect_lang, Lang};
use encoding_rs::Encoding;
use std::path::{Path, PathBuf};

/// Largest document accepted, in bytes (a book-length article is ~1 MB).
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// A document read from a file, before it enters the workspace.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub lang: Option<Lang>,
    /// Where it came from (file path, with an index for multi-document files).
    pub origin: String,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Txt,
    Md,
    Html,
    Json,
}

impl Format {
    /// Format from a file extension; plain text when unknown.
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown") => Format::Md,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("json") => Format::Json,
            _ => Format::Txt,
        }
    }
}

/// Reads a file as text, its encoding detected (see [`encoding`]), refusing missing, empty,
/// oversized and binary files and bytes that are no text in any encoding it can tell.
pub fn read_text(path: &Path) -> Result<String> {
    read_text_as(path, None)
}

/// [`read_text`] in the encoding `forced` when given (`--encoding`), else detected.
pub fn read_text_as(path: &Path, forced: Option<&'static Encoding>) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: is a directory",
            path.display()
        )));
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::TooLarge {
            path: path.into(),
            size: meta.len(),
            limit: MAX_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    text_of_bytes(path, &bytes, forced)
}

/// The text of a file's bytes, as [`read_text_as`] reads it (`path` names the file in errors):
/// its encoding detected or `forced`, a byte-order mark dropped and CRLF line ends made LF.
pub fn text_of_bytes(
    path: &Path,
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<String> {
    // Emptiness first: a blank file is "empty", not "binary" or "undecided".
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::EmptyFile(path.into()));
    }
    let text = encoding::decode(bytes, forced).map_err(|err| Error::Decode {
        path: path.into(),
        err,
    })?;
    // A UTF-16 file of spaces, or a byte-order mark alone, is empty too.
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(Error::EmptyFile(path.into()));
    }
    Ok(text.trim_start_matches('\u{FEFF}').replace("\r\n", "\n"))
}

/// Reads and parses a file into one or more documents; `encoding` as for [`read_text_as`].
pub fn read(
    path: &Path,
    format: Option<Format>,
    encoding: Option<&'static Encoding>,
) -> Result<Vec<Document>> {
    let raw = read_text_as(path, encoding)?;
    let format = format.unwrap_or_else(|| Format::from_path(path));
    parse(&raw, format, path)
}

/// Parses the text of a file (see [`read_text_as`]) in `format` into one or more documents, each
/// with text; `path` names the file in errors and the documents' origins.
pub fn parse(raw: &str, format: Format, path: &Path) -> Result<Vec<Document>> {
    let origin = path.display().to_string();
    let mut docs = match format {
        Format::Txt => vec![text::parse(raw)],
        Format::Md => vec![markdown::parse(raw)],
        Format::Html => vec![html::parse(raw)],
        Format::Json => json::parse(raw).map_err(|message| Error::Parse {
            path: path.into(),
            message,
        })?,
    };
    let n = docs.len();
    for (k, d) in docs.iter_mut().enumerate() {
        d.origin = if n > 1 {
            format!("{origin}#{k}")
        } else {
            origin.clone()
        };
        if d.text.trim().is_empty() {
            return Err(Error::EmptyFile(PathBuf::from(&d.origin)));
        }
    }
    Ok(docs)
}

/// The language of a document: as declared, else detected from its script. Errors when it cannot
/// be told, or when a declared language contradicts the script.
pub fn language(doc: &Document, declared: Option<Lang>) -> Result<Lang> {
    let detected = detect_lang(&doc.text);
    let path = PathBuf::from(&doc.origin);
    match (declared.or(doc.lang), detected) {
        (Some(d), Some(found)) if d != found => Err(Error::WrongLanguage {
            path,
            expected: d.name().into(),
            found: found.name().into(),
        }),
        (Some(d), _) => Ok(d),
        (None, Some(found)) => Ok(found),
        (None, None) => Err(Error::UnknownLanguage(path)),
    }
}

/// Reads one file expected to be in `lang` and returns its text (for `check`); `encoding` as for
/// [`read_text_as`].
pub fn read_in(path: &Path, lang: Lang, encoding: Option<&'static Encoding>) -> Result<String> {
    let docs = read(path, None, encoding)?;
    let doc = docs
        .into_iter()
        .next()
        .ok_or_else(|| Error::EmptyFile(path.into()))?;
    match detect_lang(&doc.text) {
        Some(found) if found != lang => Err(Error::WrongLanguage {
            path: path.into(),
            expected: lang.name().into(),
            found: found.name().into(),
        }),
        None => Err(Error::UnknownLanguage(path.into())),
        _ => Ok(doc.text),
    }
}
