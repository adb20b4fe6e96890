//! TSV: source, target, score, status, pair id — one bead per line.

use super::{clean, ExportRow, Sink};
use std::io::Write;

pub struct Tsv<W: Write> {
    out: W,
}

impl<W: Write> Tsv<W> {
    pub fn new(out: W) -> Self {
        Tsv { out }
    }
}

impl<W: Write> Sink for Tsv<W> {
    fn write(&mut self, r: &ExportRow) -> std::io::Result<()> {
        writeln!(
            self.out,
            "{}\t{}\t{:.4}\t{}\t{}",
            clean(&r.source),
            clean(&r.target),
            r.score,
            r.status,
            r.pair
        )
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
