//! HTML: reduced to its paragraphs with scraper (html5ever). Block elements (headings,
//! paragraphs, list items, quotes, table cells) become paragraphs in document order; script,
//! style, noscript and template text never appears. Metadata from <title> and <meta> tags.

use super::Document;
use scraper::{ElementRef, Html, Node, Selector};

const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "td",
    "th",
    "dd",
    "dt",
    "figcaption",
    "pre",
];
const SKIP: &[&str] = &["script", "style", "noscript", "template", "svg", "head"];

pub fn parse(raw: &str) -> Document {
    let html = Html::parse_document(raw);
    let mut paragraphs = Vec::new();
    collect(html.root_element(), &mut paragraphs);
    if paragraphs.is_empty() {
        // No block elements: take the body text line by line.
        let mut buf = String::new();
        text_of(html.root_element(), &mut buf);
        paragraphs = buf
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
    }
    let meta = |name: &str| -> Option<String> {
        let sel =
            Selector::parse(&format!("meta[property=\"{name}\"], meta[name=\"{name}\"]")).ok()?;
        html.select(&sel)
            .next()
            .and_then(|m| m.value().attr("content"))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let title = meta("og:title").or_else(|| {
        let sel = Selector::parse("title").ok()?;
        html.select(&sel)
            .next()
            .map(|t| t.text().collect::<String>().trim().to_string())
            .filter(|s| !s.is_empty())
    });
    Document {
        text: paragraphs.join("\n\n"),
        title,
        date: meta("article:published_time").or_else(|| meta("date")),
        url: meta("og:url"),
        outlet: meta("og:site_name"),
        ..Document::default()
    }
}

fn collect(el: ElementRef, out: &mut Vec<String>) {
    let name = el.value().name();
    if SKIP.contains(&name) {
        return;
    }
    if BLOCKS.contains(&name) && !has_block_child(el) {
        let mut buf = String::new();
        text_of(el, &mut buf);
        let t = buf.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push(t);
        }
        return;
    }
    for child in el.children() {
        if let Some(c) = ElementRef::wrap(child) {
            collect(c, out);
        }
    }
}

fn has_block_child(el: ElementRef) -> bool {
    el.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|c| BLOCKS.contains(&c.value().name()))
}

fn text_of(el: ElementRef, buf: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => buf.push_str(t),
            Node::Element(e) if SKIP.contains(&e.name()) => {}
            Node::Element(e) => {
                if e.name() == "br" {
                    buf.push('\n');
                }
                if let Some(c) = ElementRef::wrap(child) {
                    text_of(c, buf);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_without_scripts() {
        let d = parse(
            "<html><head><title>T</title><style>p{}</style><meta property=\"og:site_name\" content=\"Outlet\"></head>\
             <body><script>var x = 1;</script><h1>Head line</h1><div><p>First <b>para</b>.</p><p>Second.</p></div>\
             <ul><li>item</li></ul></body></html>",
        );
        assert_eq!(d.text, "Head line\n\nFirst para.\n\nSecond.\n\nitem");
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.outlet.as_deref(), Some("Outlet"));
        assert!(!d.text.contains("var x"));
    }
}
