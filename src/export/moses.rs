//! Moses: two line-aligned plain-text files, PREFIX.en and PREFIX.ar.

use super::{clean, ExportRow, Sink};
use std::io::Write;

pub struct Moses<W: Write> {
    en: W,
    ar: W,
}

impl<W: Write> Moses<W> {
    pub fn new(en: W, ar: W) -> Self {
        Moses { en, ar }
    }
}

impl<W: Write> Sink for Moses<W> {
    fn write(&mut self, r: &ExportRow) -> std::io::Result<()> {
        writeln!(self.en, "{}", clean(&r.source))?;
        writeln!(self.ar, "{}", clean(&r.target))
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.en.flush()?;
        self.ar.flush()
    }
}
