//! TMX 1.4b: one `<tu>` per bead with an English and an Arabic `<tuv>`, the bead's provenance as
//! `<prop>`s and one `<note>` per flag; a moved pair is a `<tu>` like a 1-1 bead, marked by
//! `<prop type="x-moved">1</prop>`. Written as the beads arrive (quick-xml streaming writer):
//! memory does not grow with the export.

use super::{ExportRow, Unit};
use crate::flag::Flag;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::io::{self, Write};

pub struct Tmx<W: Write> {
    xml: Writer<W>,
}

/// quick-xml wraps I/O errors; unwrap them so that a closed pipe stays recognisable, and the
/// error of an output file still names it (`Error::Output` looks inside for the file).
pub(crate) fn io_err(e: quick_xml::Error) -> io::Error {
    match e {
        quick_xml::Error::Io(e) => std::sync::Arc::try_unwrap(e)
            .unwrap_or_else(|shared| io::Error::new(shared.kind(), shared.to_string())),
        other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
    }
}

/// Text safe for XML 1.0: characters XML cannot carry at all (C0 controls other than tab,
/// newline and carriage return, U+FFFE, U+FFFF) become U+FFFD instead of making the file
/// unreadable. Sentences rarely have any, so the text is usually borrowed as is after a byte
/// scan (every such character is a control byte or starts with 0xEF in UTF-8).
pub(crate) fn xml_safe(s: &str) -> Cow<'_, str> {
    let suspect = |b: &u8| (*b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r')) || *b == 0xEF;
    if !s.as_bytes().iter().any(suspect) {
        return Cow::Borrowed(s);
    }
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    };
    if s.chars().any(bad) {
        Cow::Owned(
            s.chars()
                .map(|c| if bad(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// Element text: XML-safe, with only `&`, `<` and `>` escaped (quotes need no escaping outside
/// attributes, and scanning for fewer characters is measurably faster on a million units).
pub(crate) fn text_event(s: &str) -> BytesText<'_> {
    use quick_xml::escape::partial_escape;
    match xml_safe(s) {
        Cow::Borrowed(b) => BytesText::from_escaped(partial_escape(b)),
        Cow::Owned(o) => BytesText::from_escaped(partial_escape(&o).into_owned()),
    }
}

/// Writes `<name attrs…>text</name>`.
pub(crate) fn text_element<W: Write>(
    xml: &mut Writer<W>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    xml.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_text_content(text_event(text))
        .map_err(io_err)?;
    Ok(())
}

impl<W: Write> Tmx<W> {
    /// Starts the document: declaration, `<tmx>`, the header and `<body>`.
    pub fn new(out: W) -> io::Result<Self> {
        let mut xml = Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .map_err(io_err)?;
        xml.write_event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))
        .map_err(io_err)?;
        xml.create_element("header")
            .with_attributes([
                ("creationtool", "tarjama"),
                ("creationtoolversion", env!("CARGO_PKG_VERSION")),
                ("datatype", "plaintext"),
                ("segtype", "sentence"),
                ("adminlang", "en"),
                ("srclang", "en"),
                ("o-tmf", "tarjama"),
            ])
            .write_empty()
            .map_err(io_err)?;
        xml.write_event(Event::Start(BytesStart::new("body")))
            .map_err(io_err)?;
        Ok(Tmx { xml })
    }

    /// One translation unit. A side with no text (an insertion or omission, exported with
    /// --include-unaligned) has no `<tuv>`: TMX allows a unit with one variant, and an empty
    /// segment would claim an empty translation.
    pub fn write(&mut self, r: &ExportRow, flags: &[&Flag]) -> io::Result<()> {
        // A bead's tuid is its id, as it always was; a moved pair's is `move-<id>`, so that the
        // two never collide.
        let (tuid, unit_prop) = match r.unit {
            Unit::Bead(id) => (id.to_string(), ("x-bead", id.to_string())),
            Unit::Move(id) => (r.unit.name(), ("x-move", id.to_string())),
        };
        self.xml
            .write_event(Event::Start(
                BytesStart::new("tu").with_attributes([("tuid", tuid.as_str())]),
            ))
            .map_err(io_err)?;
        let ids = |v: &[usize]| {
            v.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut props: Vec<(&str, Cow<str>)> = vec![
            ("x-pair", r.pair.to_string().into()),
            (unit_prop.0, unit_prop.1.into()),
            ("x-score", format!("{:.4}", r.score).into()),
            ("x-status", r.status.as_str().into()),
            ("x-src", ids(&r.src_ids).into()),
            ("x-tgt", ids(&r.tgt_ids).into()),
        ];
        if r.moved {
            props.push(("x-moved", "1".into()));
            let repeat = if r.repeat == Some(true) { "1" } else { "0" };
            props.push(("x-repeat", repeat.into()));
        }
        if let Some(o) = &r.outlet {
            props.push(("x-outlet", o.as_str().into()));
        }
        if let Some(d) = &r.date {
            props.push(("x-date", d.as_str().into()));
        }
        for (kind, value) in &props {
            text_element(&mut self.xml, "prop", &[("type", kind)], value)?;
        }
        for f in flags {
            let sub = f
                .subkind
                .as_deref()
                .map(|s| format!("/{s}"))
                .unwrap_or_default();
            let note = format!("{}{sub} ({}): {}", f.kind, f.severity, f.reason);
            text_element(&mut self.xml, "note", &[], &note)?;
        }
        for (lang, text) in [("en", &r.source), ("ar", &r.target)] {
            if text.is_empty() {
                continue;
            }
            self.xml
                .create_element("tuv")
                .with_attribute(("xml:lang", lang))
                .write_inner_content(|w| {
                    w.create_element("seg")
                        .write_text_content(text_event(text))?;
                    Ok::<_, quick_xml::Error>(())
                })
                .map_err(io_err)?;
        }
        self.xml
            .write_event(Event::End(BytesEnd::new("tu")))
            .map_err(io_err)
    }

    /// Closes `<body>` and `<tmx>` and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        for name in ["body", "tmx"] {
            self.xml
                .write_event(Event::End(BytesEnd::new(name)))
                .map_err(io_err)?;
        }
        let out = self.xml.get_mut();
        out.write_all(b"\n")?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flag::{FlagKind, Severity};

    fn row() -> ExportRow {
        ExportRow {
            pair: 1,
            unit: Unit::Bead(7),
            src_ids: vec![0, 1],
            tgt_ids: vec![0],
            source: "Tom & Jerry <met>.".into(),
            target: "التقى \"توم\" و جيري.".into(),
            score: 0.93,
            status: "automatic".into(),
            flags: vec!["insertion".into()],
            article: 2,
            source_document: 1,
            outlet: None,
            date: Some("2023-08-08".into()),
            moved: false,
            repeat: None,
        }
    }

    #[test]
    fn writes_escaped_units_with_props_and_notes() {
        let flag = Flag {
            kind: FlagKind::Insertion,
            subkind: Some("commentary".into()),
            severity: Severity::High,
            src: vec![],
            tgt: vec![0],
            span: None,
            reason: "clause < source".into(),
        };
        let mut t = Tmx::new(Vec::new()).unwrap();
        t.write(&row(), &[&flag]).unwrap();
        t.finish().unwrap();
        let s = String::from_utf8(t.xml.into_inner()).unwrap();
        assert!(s.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(s.contains("<seg>Tom &amp; Jerry &lt;met&gt;.</seg>"), "{s}");
        assert!(s.contains("<prop type=\"x-score\">0.9300</prop>"));
        assert!(s.contains("<prop type=\"x-date\">2023-08-08</prop>"));
        assert!(s.contains("<note>insertion/commentary (high): clause &lt; source</note>"));
        assert!(s.contains("<tuv xml:lang=\"ar\">"));
        assert!(s.trim_end().ends_with("</tmx>"));
        assert!(s.contains("<tu tuid=\"7\">"), "{s}");
        assert!(!s.contains("x-moved"));
    }

    #[test]
    fn a_moved_pair_is_a_unit_marked_moved() {
        let moved = ExportRow {
            unit: Unit::Move(3),
            moved: true,
            repeat: Some(false),
            ..row()
        };
        let mut t = Tmx::new(Vec::new()).unwrap();
        t.write(&moved, &[]).unwrap();
        t.finish().unwrap();
        let s = String::from_utf8(t.xml.into_inner()).unwrap();
        assert!(s.contains("<tu tuid=\"move-3\">"), "{s}");
        assert!(s.contains("<prop type=\"x-move\">3</prop>"));
        assert!(s.contains("<prop type=\"x-moved\">1</prop>"));
        assert!(s.contains("<prop type=\"x-repeat\">0</prop>"));
        assert!(!s.contains("x-bead"));
    }

    #[test]
    fn keeps_the_kind_of_io_errors() {
        let e = quick_xml::Error::Io(std::sync::Arc::new(io::Error::from(
            io::ErrorKind::BrokenPipe,
        )));
        assert_eq!(io_err(e).kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn replaces_characters_xml_cannot_carry() {
        assert_eq!(xml_safe("a\u{1}b\tc"), "a\u{FFFD}b\tc");
        assert!(matches!(xml_safe("plain"), Cow::Borrowed(_)));
        assert!(matches!(xml_safe("€ ﻻ"), Cow::Borrowed(_)));
        assert_eq!(xml_safe("a\u{FFFF}"), "a\u{FFFD}");
    }
}
