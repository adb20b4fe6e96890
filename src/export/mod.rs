//! Output formats: parallel data (Moses, TSV, JSONL, TMX, XLIFF) and reports (text, HTML, JSON).

pub mod report;
