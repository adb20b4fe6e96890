//! JSONL: one object per bead with sentences, ids, score, status, flags and document metadata.

use super::{ExportRow, Sink};
use std::io::Write;

pub struct Jsonl<W: Write> {
    out: W,
}

impl<W: Write> Jsonl<W> {
    pub fn new(out: W) -> Self {
        Jsonl { out }
    }
}

impl<W: Write> Sink for Jsonl<W> {
    fn write(&mut self, r: &ExportRow) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.out, r)?;
        writeln!(self.out)
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
