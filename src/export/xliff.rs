//! XLIFF 2.1 (core namespace `urn:oasis:names:tc:xliff:document:2.0`): one `<file>` per pair, one
//! `<unit>` per bead with one `<segment>`, the flags as `<notes>`, score and status in the
//! Metadata module (`mda`). A moved pair is a `<unit id="move-N">` after the pair's beads, marked
//! by a `<note category="moved">` and `moved`/`repeat` metadata. Streamed like TMX: a `<file>` is opened when the first bead of its
//! pair arrives and closed when the next pair starts.
//!
//! Segment state from the bead's review status (the exact status is kept in `subState`):
//!
//! | bead status | `state`      | why |
//! |-------------|--------------|-----|
//! | automatic   | `translated` | a translation is there, found by the aligner, nobody has reviewed it |
//! | confirmed   | `final`      | a reviewer confirmed the pairing: ready to be used |
//! | rejected    | `initial`    | a reviewer rejected the pairing: no accepted translation yet |

use super::tmx::{io_err, text_element, text_event};
use super::ExportRow;
use crate::flag::{Flag, Severity, Side};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::Writer;
use std::io::{self, Write};

pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";
pub const MDA_NAMESPACE: &str = "urn:oasis:names:tc:xliff:metadata:2.0";

pub struct Xliff<W: Write> {
    xml: Writer<W>,
    /// The pair whose `<file>` is open.
    open: Option<i64>,
    files: usize,
}

/// XLIFF segment state of a bead status (see the module documentation).
pub fn state(status: &str) -> &'static str {
    match status {
        "confirmed" => "final",
        "rejected" => "initial",
        _ => "translated",
    }
}

/// Note priority (1 = most important … 10) of a flag severity.
fn priority(s: Severity) -> &'static str {
    match s {
        Severity::High => "1",
        Severity::Medium => "5",
        Severity::Low => "9",
    }
}

impl<W: Write> Xliff<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut xml = Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .map_err(io_err)?;
        xml.write_event(Event::Start(BytesStart::new("xliff").with_attributes([
            ("xmlns", NAMESPACE),
            ("xmlns:mda", MDA_NAMESPACE),
            ("version", "2.1"),
            ("srcLang", "en"),
            ("trgLang", "ar"),
        ])))
        .map_err(io_err)?;
        Ok(Xliff {
            xml,
            open: None,
            files: 0,
        })
    }

    fn end(&mut self, name: &str) -> io::Result<()> {
        self.xml
            .write_event(Event::End(BytesEnd::new(name)))
            .map_err(io_err)
    }

    pub fn write(&mut self, r: &ExportRow, flags: &[&Flag]) -> io::Result<()> {
        if self.open != Some(r.pair) {
            if self.open.is_some() {
                self.end("file")?;
            }
            let id = format!("pair-{}", r.pair);
            // Arabic is written right to left; saying so spares tools a guess.
            self.xml
                .write_event(Event::Start(BytesStart::new("file").with_attributes([
                    ("id", id.as_str()),
                    ("srcDir", "ltr"),
                    ("trgDir", "rtl"),
                ])))
                .map_err(io_err)?;
            self.open = Some(r.pair);
            self.files += 1;
        }
        let id = r.unit.name();
        self.xml
            .write_event(Event::Start(
                BytesStart::new("unit").with_attributes([("id", id.as_str())]),
            ))
            .map_err(io_err)?;
        self.metadata(r)?;
        if !flags.is_empty() || r.moved {
            self.xml
                .write_event(Event::Start(BytesStart::new("notes")))
                .map_err(io_err)?;
            if r.moved {
                let what = if r.repeat == Some(true) {
                    "repeated pair: the Arabic sentence restates an English sentence that is also \
                     aligned in its own place"
                } else {
                    "moved pair: the Arabic sentence renders an English sentence from another \
                     place in the document"
                };
                text_element(
                    &mut self.xml,
                    "note",
                    &[("category", "moved"), ("appliesTo", "target")],
                    what,
                )?;
            }
            for f in flags {
                let applies = match f.anchor().0 {
                    Side::Src => "source",
                    Side::Tgt => "target",
                };
                text_element(
                    &mut self.xml,
                    "note",
                    &[
                        ("category", f.kind.as_str()),
                        ("priority", priority(f.severity)),
                        ("appliesTo", applies),
                    ],
                    &f.reason,
                )?;
            }
            self.end("notes")?;
        }
        let sub = format!("tarjama:{}", r.status);
        self.xml
            .write_event(Event::Start(BytesStart::new("segment").with_attributes([
                ("state", state(&r.status)),
                ("subState", sub.as_str()),
            ])))
            .map_err(io_err)?;
        // <source> is required even for an insertion (no English); an omission has no <target>.
        text_element(&mut self.xml, "source", &[], &r.source)?;
        if !r.target.is_empty() {
            text_element(&mut self.xml, "target", &[], &r.target)?;
        }
        self.end("segment")?;
        self.end("unit")
    }

    /// Score, status, pair and sentence indices of the bead, in the Metadata module.
    fn metadata(&mut self, r: &ExportRow) -> io::Result<()> {
        let ids = |v: &[usize]| {
            v.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut meta = vec![
            ("pair", r.pair.to_string()),
            ("score", format!("{:.4}", r.score)),
            ("status", r.status.clone()),
            ("src", ids(&r.src_ids)),
            ("tgt", ids(&r.tgt_ids)),
        ];
        if r.moved {
            meta.push(("moved", "1".into()));
            let repeat = if r.repeat == Some(true) { "1" } else { "0" };
            meta.push(("repeat", repeat.into()));
        }
        if let Some(o) = &r.outlet {
            meta.push(("outlet", o.clone()));
        }
        if let Some(d) = &r.date {
            meta.push(("date", d.clone()));
        }
        self.xml
            .create_element("mda:metadata")
            .write_inner_content(|w| {
                w.create_element("mda:metaGroup")
                    .with_attribute(("category", "tarjama"))
                    .write_inner_content(|w| {
                        for (t, v) in meta.iter().filter(|(_, v)| !v.is_empty()) {
                            w.create_element("mda:meta")
                                .with_attribute(("type", *t))
                                .write_text_content(text_event(v))?;
                        }
                        Ok::<_, quick_xml::Error>(())
                    })?;
                Ok::<_, quick_xml::Error>(())
            })
            .map_err(io_err)?;
        Ok(())
    }

    /// Closes the open `<file>` and `<xliff>` and flushes. Returns how many `<file>` elements
    /// were written (XLIFF requires at least one; none means nothing was exported).
    pub fn finish(&mut self) -> io::Result<usize> {
        if self.open.take().is_some() {
            self.end("file")?;
        }
        self.end("xliff")?;
        let out = self.xml.get_mut();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(self.files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Unit;
    use crate::flag::FlagKind;

    fn row(pair: i64, bead: i64, status: &str) -> ExportRow {
        ExportRow {
            pair,
            unit: Unit::Bead(bead),
            src_ids: vec![bead as usize],
            tgt_ids: vec![bead as usize],
            source: "The talks & the plan.".into(),
            target: "المحادثات والخطة.".into(),
            score: 0.5,
            status: status.into(),
            flags: vec![],
            article: 2,
            source_document: 1,
            outlet: None,
            date: None,
            moved: false,
            repeat: None,
        }
    }

    #[test]
    fn one_file_per_pair_and_states() {
        let flag = Flag {
            kind: FlagKind::NumberMismatch,
            subkind: None,
            severity: Severity::High,
            src: vec![1],
            tgt: vec![1],
            span: None,
            reason: "95 ≠ 59".into(),
        };
        let mut x = Xliff::new(Vec::new()).unwrap();
        x.write(&row(1, 1, "automatic"), &[]).unwrap();
        x.write(&row(1, 2, "confirmed"), &[&flag]).unwrap();
        x.write(&row(2, 3, "rejected"), &[]).unwrap();
        assert_eq!(x.finish().unwrap(), 2);
        let s = String::from_utf8(x.xml.into_inner()).unwrap();
        assert_eq!(s.matches("<file ").count(), 2);
        assert_eq!(s.matches("</file>").count(), 2);
        assert!(s.contains("<segment state=\"translated\" subState=\"tarjama:automatic\">"));
        assert!(s.contains("state=\"final\""));
        assert!(s.contains("state=\"initial\""));
        assert!(s.contains(
            "<note category=\"number_mismatch\" priority=\"1\" appliesTo=\"target\">95 ≠ 59</note>"
        ));
        assert!(s.contains("<source>The talks &amp; the plan.</source>"));
        assert!(!s.contains("category=\"moved\""));
    }

    #[test]
    fn a_moved_pair_is_a_unit_with_a_moved_note() {
        let moved = ExportRow {
            unit: Unit::Move(4),
            moved: true,
            repeat: Some(true),
            ..row(1, 1, "confirmed")
        };
        let mut x = Xliff::new(Vec::new()).unwrap();
        x.write(&row(1, 1, "automatic"), &[]).unwrap();
        x.write(&moved, &[]).unwrap();
        assert_eq!(x.finish().unwrap(), 1);
        let s = String::from_utf8(x.xml.into_inner()).unwrap();
        assert!(s.contains("<unit id=\"bead-1\">") && s.contains("<unit id=\"move-4\">"));
        assert!(s.contains("<note category=\"moved\" appliesTo=\"target\">repeated pair"));
        assert!(s.contains("<mda:meta type=\"moved\">1</mda:meta>"));
        assert!(s.contains("<mda:meta type=\"repeat\">1</mda:meta>"));
        assert!(s.contains("state=\"final\""));
    }
}
