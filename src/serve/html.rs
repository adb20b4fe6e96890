//! HTML building blocks of the web workspace: escaping and the page frame.
//!
//! Everything the workspace holds is untrusted text (articles are scraped from the web): every
//! string that reaches a page goes through [`esc`] or [`text`]. Scripts are never inline (the
//! Content-Security-Policy forbids them), so escaping is a second line of defence, not the only
//! one.

/// Escapes text for an element's content or a double- or single-quoted attribute. Bidi
/// controls become their names in plain text (an attribute, a tooltip, cannot hold the marker
/// of [`text`]).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match bidi_control(c) {
            Some(name) => {
                out.push('⟨');
                out.push_str(name);
                out.push('⟩');
            }
            None => push_escaped(&mut out, c),
        }
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        _ => out.push(c),
    }
}

/// The name of an invisible bidi control character, shown in its place.
fn bidi_control(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        _ => return None,
    })
}

/// Escapes article text for display. Bidi embedding, override and isolate controls (U+202A–E,
/// U+2066–9) are shown as a visible marker instead of being obeyed: an override hidden in an
/// article would otherwise reverse what follows it on screen (the "Trojan Source" trick), and a
/// fact-checker wants to see that the text carries one. Marks (U+200E/F, U+061C) only set the
/// direction of neutral characters and stay as they are.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match bidi_control(c) {
            Some(name) => {
                out.push_str("<span class=\"ctl\" title=\"hidden bidi control character U+");
                out.push_str(&format!("{:04X}", c as u32));
                out.push_str("\">⟨");
                out.push_str(name);
                out.push_str("⟩</span>");
            }
            None => push_escaped(&mut out, c),
        }
    }
    out
}

/// Decodes a percent-encoded cookie value (the script stores the reviewer's name with
/// `encodeURIComponent`). Invalid sequences are kept as they are.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] == b'%' && k + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[k + 1..k + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                k += 3;
                continue;
            }
        }
        out.push(bytes[k]);
        k += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Which page of the navigation bar is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Workspace,
    Pair,
    Search,
    Flags,
    Export,
    Error,
}

/// A whole page: head (stylesheet and script from the server's own routes), navigation,
/// reviewer field, `body`. `csrf` is read by the script from a meta element.
pub fn page(title: &str, nav: Nav, csrf: &str, workspace: &str, body: &str) -> String {
    let item = |n: Nav, href: &str, label: &str| {
        let current = if n == nav {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a href=\"{href}\"{current}>{label}</a>")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"csrf\" content=\"{csrf}\">\
<title>{title} · tarjama</title>\
<link rel=\"stylesheet\" href=\"/assets/app.css\">\
<script src=\"/assets/app.js\" defer></script></head>\n<body>\
<header><nav><strong>tarjama</strong> {ws} {home} {search} {flags} {export}</nav>\
<label class=\"reviewer\">Reviewer <input id=\"reviewer\" name=\"reviewer\" autocomplete=\"name\" \
maxlength=\"80\" placeholder=\"your name\"></label></header>\n\
<div id=\"banner\" role=\"alert\" hidden></div>\n<main>{body}</main></body></html>\n",
        csrf = esc(csrf),
        title = esc(title),
        ws = format_args!(
            "<span class=\"ws\" title=\"workspace\">{}</span>",
            esc(workspace)
        ),
        home = item(Nav::Workspace, "/", "Workspace"),
        search = item(Nav::Search, "/search", "Search"),
        flags = item(Nav::Flags, "/flags", "Flags"),
        export = item(Nav::Export, "/export", "Export"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("\"><img src=x onerror=alert(1)>'"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;"
        );
        assert_eq!(text("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
    }

    #[test]
    fn bidi_overrides_are_shown_not_obeyed() {
        let t = text("abc\u{202E}def");
        assert!(!t.contains('\u{202E}'));
        assert!(t.contains("⟨RLO⟩"));
        assert_eq!(esc("a\u{202E}b"), "a⟨RLO⟩b");
        // Marks stay: they are what correct Arabic text uses.
        assert_eq!(text("a\u{200F}b"), "a\u{200F}b");
    }

    #[test]
    fn percent_coding_round_trips() {
        // encodeURIComponent("Léa & مريم"), as the script stores the reviewer's name.
        assert_eq!(
            percent_decode("L%C3%A9a%20%26%20%D9%85%D8%B1%D9%8A%D9%85"),
            "Léa & مريم"
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
