//! Markdown: rendered to plain paragraphs with pulldown-cmark (headings, paragraphs and list
//! items each become a paragraph; code, images and HTML are dropped). The first heading is the
//! title.

use super::Document;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub fn parse(raw: &str) -> Document {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut title: Option<String> = None;
    let mut in_heading = false;
    let mut skip = 0usize;
    for ev in Parser::new(raw) {
        match ev {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::Image { .. }) => skip += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::Image) => {
                skip = skip.saturating_sub(1)
            }
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                if title.is_none() && !cur.trim().is_empty() {
                    title = Some(cur.trim().to_string());
                }
                flush(&mut paragraphs, &mut cur);
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::BlockQuote(_)) => flush(&mut paragraphs, &mut cur),
            Event::Text(t) | Event::Code(t) if skip == 0 => cur.push_str(&t),
            Event::SoftBreak => cur.push(' '),
            Event::HardBreak => flush(&mut paragraphs, &mut cur),
            _ => {}
        }
        let _ = in_heading;
    }
    flush(&mut paragraphs, &mut cur);
    Document {
        text: paragraphs.join("\n\n"),
        title,
        ..Document::default()
    }
}

fn flush(paragraphs: &mut Vec<String>, cur: &mut String) {
    let t = cur.split_whitespace().collect::<Vec<_>>().join(" ");
    if !t.is_empty() {
        paragraphs.push(t);
    }
    cur.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_to_paragraphs() {
        let d = parse(
            "# Title here\n\nFirst *para*\nwraps.\n\n- item one\n- item two\n\n```\ncode\n```\n",
        );
        assert_eq!(d.title.as_deref(), Some("Title here"));
        assert_eq!(
            d.text,
            "Title here\n\nFirst para wraps.\n\nitem one\n\nitem two"
        );
    }
}
