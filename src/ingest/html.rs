//! HTML: reduced to its paragraphs with scraper (html5ever). Block elements (headings,
//! paragraphs, list items, quotes, table cells) become paragraphs in document order; script,
//! style, noscript and template text never appears. Metadata from <title> and <meta> tags.

use super::Document;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashSet;

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

fn element_named(node: NodeRef<Node>, names: &[&str]) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| names.contains(&e.name()))
}

// The tree is walked with an explicit stack, never by recursion: it is as deep as the markup
// nests, and `<b>` repeated 100,000 times overflowed the stack. It is walked down the child
// links only, as `children()` reads them: after html5ever re-parents misnested elements (`<a>`
// inside `<a>`), ego-tree's parent links can disagree with them, and `traverse()` (which climbs
// parent links) then leaves out part of the document. Each node is visited once whatever the
// links say.

/// The children of `node`, in order, that have not been visited yet.
fn unvisited_children<'a>(
    node: NodeRef<'a, Node>,
    seen: &HashSet<NodeId>,
) -> impl DoubleEndedIterator<Item = NodeRef<'a, Node>> {
    node.children()
        .filter(|c| !seen.contains(&c.id()))
        .collect::<Vec<_>>()
        .into_iter()
}

/// The nodes under `root` (itself included) with a block element below them, found bottom-up in
/// one pass (asking each block element about its descendants was quadratic in nested blocks).
fn with_blocks_below(root: ElementRef) -> HashSet<NodeId> {
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        if !seen.insert(node.id()) {
            continue;
        }
        order.push(node);
        stack.extend(unvisited_children(node, &seen).rev());
    }
    let mut below = HashSet::new();
    // Children come after their parent in `order`: walking it backwards settles them first.
    for node in order.into_iter().rev() {
        if node
            .children()
            .any(|c| element_named(c, BLOCKS) || below.contains(&c.id()))
        {
            below.insert(node.id());
        }
    }
    below
}

/// The paragraphs of `root`: the text of each block element with no block element below it, in
/// document order, outside skipped elements.
fn collect(root: ElementRef, out: &mut Vec<String>) {
    let blocks_below = with_blocks_below(root);
    let mut seen = HashSet::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        if !seen.insert(node.id()) || element_named(node, SKIP) {
            continue;
        }
        if element_named(node, BLOCKS) && !blocks_below.contains(&node.id()) {
            if let Some(el) = ElementRef::wrap(node) {
                let mut buf = String::new();
                text_of(el, &mut buf);
                let t = buf.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    out.push(t);
                }
            }
            continue;
        }
        stack.extend(
            unvisited_children(node, &seen)
                .filter(|c| c.value().is_element())
                .rev(),
        );
    }
}

/// The text below `el`, skipped elements left out, a line break for each `<br>`.
fn text_of(el: ElementRef, buf: &mut String) {
    let mut seen = HashSet::from([el.id()]);
    let mut stack: Vec<NodeRef<Node>> = unvisited_children(*el, &seen).rev().collect();
    while let Some(node) = stack.pop() {
        if !seen.insert(node.id()) {
            continue;
        }
        match node.value() {
            Node::Text(t) => buf.push_str(t),
            Node::Element(e) if SKIP.contains(&e.name()) => continue,
            Node::Element(e) => {
                if e.name() == "br" {
                    buf.push('\n');
                }
            }
            _ => continue,
        }
        stack.extend(unvisited_children(node, &seen).rev());
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

    #[test]
    fn nested_blocks_take_the_innermost_and_skips_hold_inside_them() {
        let d = parse(
            "<div><blockquote>Quote <p>inner <script>x()</script>one</p><p>two<br>lines</p></blockquote>\
             <li>item <b>bold</b></li><table><tr><td><style>a{}</style>cell</td></tr></table></div>",
        );
        assert_eq!(d.text, "inner one\n\ntwo lines\n\nitem bold\n\ncell");
        let bare = parse("<div>one<br>two <noscript>no</noscript><span>three</span></div>");
        assert_eq!(bare.text, "one\n\ntwo three");
    }

    /// Found by fuzzing (ingest_html): deep nesting overflowed the stack of the recursive walk,
    /// and nested blocks made it quadratic. (html5ever's own scope checks stay quadratic in the
    /// nesting depth, which real documents keep small: hence the moderate depth.) The small stack
    /// makes the old recursion overflow at this depth.
    #[test]
    fn deep_nesting_neither_overflows_nor_crawls() {
        let run = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                for (open, close) in [
                    ("<b>", ""),
                    ("<blockquote>", "</blockquote>"),
                    ("<span>", "</span>"),
                ] {
                    let raw = format!("{}deep text{}", open.repeat(5_000), close.repeat(5_000));
                    assert_eq!(parse(&raw).text, "deep text", "{open}");
                }
            })
            .unwrap();
        run.join().unwrap();
    }

    /// Misnested `<a>`s leave ego-tree's parent links at odds with its child links (seen in the
    /// ingest_html fuzz corpus): a walk climbing the parent links (`traverse`) loses the rest of
    /// the document; the walk down the child links keeps it.
    #[test]
    fn misnested_anchors_lose_no_text() {
        let d = parse(
            "<html><a href=x<p>One.\n<ul><li><a>Two.</li><li>X <p>Three.\n<ul><li>Four.</li></ul>",
        );
        assert!(d.text.contains("Four."), "{:?}", d.text);
    }
}
