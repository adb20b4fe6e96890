//! Output formats: parallel data (Moses, TSV, JSONL) and reports (text, HTML, JSON). One file
//! per format.

pub mod filters;
pub mod jsonl;
pub mod moses;
pub mod report;
pub mod tmx;
pub mod tsv;
pub mod xliff;

use serde::Serialize;
use std::borrow::Cow;

/// One exported bead: the sentences joined per side, with its provenance.
#[derive(Debug, Clone, Serialize)]
pub struct ExportRow {
    pub pair: i64,
    pub bead: i64,
    pub src_ids: Vec<usize>,
    pub tgt_ids: Vec<usize>,
    pub source: String,
    pub target: String,
    pub score: f64,
    pub status: String,
    pub flags: Vec<String>,
    pub article: i64,
    pub source_document: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Text safe for line-based formats: tabs, newlines, other control characters and every run of
/// whitespace become one space, with none at either end. Text that is already clean (nearly all of
/// it) is passed through without a copy.
pub fn clean(s: &str) -> Cow<'_, str> {
    fn is_break(c: char) -> bool {
        c.is_whitespace() || c.is_control()
    }
    let already_clean = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.chars().any(|c| c != ' ' && is_break(c));
    if already_clean {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.split(is_break)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A writer of one export format.
pub trait Sink {
    fn write(&mut self, row: &ExportRow) -> std::io::Result<()>;
    fn finish(&mut self) -> std::io::Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_control_characters() {
        assert_eq!(clean("a\tb\nc\r\nd\u{2028}e"), "a b c d e");
        assert_eq!(clean("  a \u{85} b\u{7}c  "), "a b c");
        assert!(matches!(clean("قوات الأمن said"), Cow::Borrowed(_)));
    }
}
