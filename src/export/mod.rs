//! Output formats: parallel data (Moses, TSV, JSONL, Parquet, TMX, XLIFF) and reports (text, HTML, JSON).
//! One file per format. Parallel data holds the beads of each pair, then its moved pairs.

pub mod filters;
pub mod jsonl;
pub mod moses;
pub mod parquet;
pub mod report;
pub mod tmx;
pub mod tsv;
pub mod xliff;

use serde::Serialize;
use std::borrow::Cow;

/// What an exported row is: a bead of the alignment path, or a moved (or repeated) sentence pair
/// beside it. Serialised as `"bead": id` or `"move": id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Bead(i64),
    Move(i64),
}

impl Unit {
    /// A name unique within an export: `bead-7`, `move-3` (bead and move ids are counted apart).
    pub fn name(self) -> String {
        match self {
            Unit::Bead(id) => format!("bead-{id}"),
            Unit::Move(id) => format!("move-{id}"),
        }
    }
}

/// One exported unit, a bead or a moved pair: the sentences joined per side, with its provenance.
#[derive(Debug, Clone, Serialize)]
pub struct ExportRow {
    pub pair: i64,
    #[serde(flatten)]
    pub unit: Unit,
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
    /// A moved or repeated pair rather than a bead.
    pub moved: bool,
    /// For a moved pair: whether the English sentence is also aligned on the path (the Arabic
    /// restates it). Absent for a bead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat: Option<bool>,
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
