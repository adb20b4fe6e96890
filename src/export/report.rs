//! Reports of one analysed pair: the `check` JSON schema (the stable machine interface), a
//! terminal view and a self-contained HTML page.

use crate::align::{Bead, Move};
use crate::flag::{Flag, FlagKind, Severity, Side};
use crate::pipeline::Analysis;
use crate::text::{display, Lang};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

#[derive(Serialize)]
struct SideJson<'a> {
    lang: &'a str,
    sentences: Vec<&'a str>,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    source: SideJson<'a>,
    target: SideJson<'a>,
    beads: &'a [Bead],
    /// Moved and repeated sentence pairs beside the path (absent when there are none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    moves: &'a [Move],
    flags: &'a [Flag],
    summary: BTreeMap<&'static str, usize>,
}

/// Flag counts per kind.
pub fn counts(flags: &[Flag]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for f in flags {
        *m.entry(f.kind.as_str()).or_insert(0) += 1;
    }
    m
}

/// The `check --format json` document.
pub fn json(a: &Analysis, out: &mut dyn Write) -> std::io::Result<()> {
    let doc = ReportJson {
        source: SideJson {
            lang: Lang::En.code(),
            sentences: a.source.iter().map(|s| s.text.as_str()).collect(),
        },
        target: SideJson {
            lang: Lang::Ar.code(),
            sentences: a.target.iter().map(|s| s.text.as_str()).collect(),
        },
        beads: &a.beads,
        moves: &a.moves,
        flags: &a.flags,
        summary: counts(&a.flags),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// How Arabic is shown in a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Rtl {
    /// Logical order; the terminal does bidi (most modern terminals, e.g. GNOME Terminal, Konsole).
    Terminal,
    /// tarjama reorders each line for display, for terminals without bidi support.
    App,
}

fn colour(sev: Severity) -> &'static str {
    match sev {
        Severity::High => "\x1b[1;31m",
        Severity::Medium => "\x1b[33m",
        Severity::Low => "\x1b[36m",
    }
}

const RESET: &str = "\x1b[0m";

/// Sentence text with flagged spans coloured (or bracketed without colour); `flags` are the
/// flags with a span on this sentence ([`SpansBySentence`]).
fn marked(text: &str, flags: &[&Flag], colour_on: bool) -> String {
    let mut spans: Vec<(usize, usize, Severity)> = flags
        .iter()
        .filter_map(|f| f.span.as_ref().map(|s| (s.start, s.end, f.severity)))
        .collect();
    spans.sort();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    for (s, e, sev) in spans {
        if s < pos || e > chars.len() {
            continue;
        }
        out.extend(&chars[pos..s]);
        let inner: String = chars[s..e].iter().collect();
        if colour_on {
            out.push_str(&format!("{}{}{}", colour(sev), inner, RESET));
        } else {
            out.push_str(&format!("[[{inner}]]"));
        }
        pos = e;
    }
    out.extend(&chars[pos.min(chars.len())..]);
    out
}

/// Terminal report: one block per bead, English then Arabic (right-aligned), flags under it,
/// a summary line per kind at the end.
pub fn text(
    a: &Analysis,
    title: &str,
    colour_on: bool,
    rtl: Rtl,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let width: usize = 100;
    writeln!(out, "{title}")?;
    writeln!(
        out,
        "{} English sentences, {} Arabic sentences, {} beads, {} flags{}",
        a.source.len(),
        a.target.len(),
        a.beads.len(),
        a.flags.len(),
        moved_pairs_phrase(a.moves.len())
    )?;
    writeln!(out)?;
    let moves = MovesBySentence::new(&a.moves);
    let spans = SpansBySentence::new(&a.flags);
    let under = flags_by_bead(a.beads.iter().map(|b| (&b.src[..], &b.tgt[..])), &a.flags);
    for (k, b) in a.beads.iter().enumerate() {
        let label = format!("#{:<3} {:<4} {:.2}", k + 1, b.kind(), b.score);
        writeln!(out, "{label}")?;
        for &i in &b.src {
            writeln!(
                out,
                "  EN {:>3} | {}",
                i,
                marked(&a.source[i].text, spans.of(Side::Src, i), colour_on)
            )?;
            for m in moves.of_source(i) {
                writeln!(out, "         ↪ {}", source_move_note(m))?;
            }
        }
        if b.src.is_empty() {
            writeln!(out, "  EN     | —")?;
        }
        for &j in &b.tgt {
            let t = marked(&a.target[j].text, spans.of(Side::Tgt, j), colour_on);
            let shown = match rtl {
                Rtl::Terminal => t,
                Rtl::App => display::visual(&t),
            };
            let pad = width.saturating_sub(display::width(&shown) + 10);
            writeln!(out, "  AR {:>3} | {}{}", j, " ".repeat(pad.min(60)), shown)?;
            for m in moves.of_target(j) {
                writeln!(out, "         ↪ {}", target_move_note(m))?;
            }
        }
        if b.tgt.is_empty() {
            writeln!(out, "  AR     | —")?;
        }
        for f in under[k].iter().map(|&n| &a.flags[n]) {
            let what = f
                .span
                .as_ref()
                .map(|s| format!(" «{}»", s.text))
                .unwrap_or_default();
            let sub = f
                .subkind
                .as_deref()
                .map(|s| format!("/{s}"))
                .unwrap_or_default();
            let c = if colour_on { colour(f.severity) } else { "" };
            let r = if colour_on { RESET } else { "" };
            writeln!(
                out,
                "     {c}! {}{} [{}]{r}{}: {}",
                f.kind, sub, f.severity, what, f.reason
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Summary")?;
    for kind in FlagKind::ALL {
        let of_kind: Vec<&Flag> = a.flags.iter().filter(|f| f.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let high = of_kind
            .iter()
            .filter(|f| f.severity == Severity::High)
            .count();
        writeln!(
            out,
            "  {:<16} {:>3}  ({} high)",
            kind.as_str(),
            of_kind.len(),
            high
        )?;
    }
    if a.flags.is_empty() {
        writeln!(out, "  no divergences found")?;
    }
    Ok(())
}

/// ", 2 moved pairs" for a report's header line; nothing when there are none (most pairs).
fn moved_pairs_phrase(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 moved pair".into(),
        n => format!(", {n} moved pairs"),
    }
}

/// The moves of a pair indexed by the sentences they link, so that each sentence's row can name
/// its partner.
struct MovesBySentence<'a> {
    by_source: BTreeMap<usize, Vec<&'a Move>>,
    by_target: BTreeMap<usize, Vec<&'a Move>>,
}

impl<'a> MovesBySentence<'a> {
    fn new(moves: &'a [Move]) -> Self {
        let mut by_source: BTreeMap<usize, Vec<&Move>> = BTreeMap::new();
        let mut by_target: BTreeMap<usize, Vec<&Move>> = BTreeMap::new();
        for m in moves {
            by_source.entry(m.src).or_default().push(m);
            by_target.entry(m.tgt).or_default().push(m);
        }
        MovesBySentence {
            by_source,
            by_target,
        }
    }

    /// Moves whose English sentence is `i`.
    fn of_source(&self, i: usize) -> &[&'a Move] {
        self.by_source.get(&i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Moves whose Arabic sentence is `j`.
    fn of_target(&self, j: usize) -> &[&'a Move] {
        self.by_target.get(&j).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// What a moved pair is called, for notes: "moved" or "repeat".
fn move_kind(m: &Move) -> &'static str {
    if m.repeat {
        "repeat"
    } else {
        "moved"
    }
}

/// The note under a moved Arabic sentence: which English sentence it renders.
fn target_move_note(m: &Move) -> String {
    let verb = if m.repeat { "restates" } else { "renders" };
    format!("{verb} EN {} ({}, {:.2})", m.src, move_kind(m), m.score)
}

/// The note under an English sentence rendered elsewhere: where its rendering went.
fn source_move_note(m: &Move) -> String {
    if m.repeat {
        format!("restated by AR {} (repeat, {:.2})", m.tgt, m.score)
    } else {
        format!("moved to AR {} ({:.2})", m.tgt, m.score)
    }
}

/// Whether a flag belongs under a bead in the report.
pub fn flag_in_bead(f: &Flag, b: &Bead) -> bool {
    flag_in_sides(f, &b.src, &b.tgt)
}

/// [`flag_in_bead`] for a bead given by its English (`src`) and Arabic (`tgt`) sentences.
fn flag_in_sides(f: &Flag, src: &[usize], tgt: &[usize]) -> bool {
    match f.anchor() {
        (Side::Tgt, j) => tgt.contains(&j),
        (Side::Src, i) => {
            src.contains(&i)
                && (f.tgt.is_empty() || tgt.is_empty() || f.tgt.iter().any(|t| tgt.contains(t)))
        }
    }
}

/// The flags under each bead ([`flag_in_bead`]), as indices into `flags` in their order, for
/// beads given by their (English, Arabic) sentences. A flag belongs only to beads holding its
/// anchor sentence, so each flag is tested against those beads alone rather than every bead
/// against every flag, which made reports and the review screen quadratic in the pair's size.
pub fn flags_by_bead<'b, 'f>(
    beads: impl IntoIterator<Item = (&'b [usize], &'b [usize])>,
    flags: impl IntoIterator<Item = &'f Flag>,
) -> Vec<Vec<usize>> {
    let beads: Vec<(&[usize], &[usize])> = beads.into_iter().collect();
    // Sentence index → beads holding it, per side (a sentence is normally in one bead).
    let mut by_src: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_tgt: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, (src, tgt)) in beads.iter().enumerate() {
        for &i in src.iter() {
            let v = by_src.entry(i).or_default();
            if v.last() != Some(&k) {
                v.push(k);
            }
        }
        for &j in tgt.iter() {
            let v = by_tgt.entry(j).or_default();
            if v.last() != Some(&k) {
                v.push(k);
            }
        }
    }
    let mut out = vec![Vec::new(); beads.len()];
    for (n, f) in flags.into_iter().enumerate() {
        let holders = match f.anchor() {
            (Side::Src, i) => by_src.get(&i),
            (Side::Tgt, j) => by_tgt.get(&j),
        };
        for &k in holders.map(Vec::as_slice).unwrap_or(&[]) {
            let (src, tgt) = beads[k];
            if flag_in_sides(f, src, tgt) {
                out[k].push(n);
            }
        }
    }
    out
}

/// The flags with a span, indexed by the sentence the span is on, in the order of the flags:
/// each sentence is marked from its own few flags instead of a pass over all of them.
struct SpansBySentence<'a> {
    src: HashMap<usize, Vec<&'a Flag>>,
    tgt: HashMap<usize, Vec<&'a Flag>>,
}

impl<'a> SpansBySentence<'a> {
    fn new(flags: &'a [Flag]) -> Self {
        let mut src: HashMap<usize, Vec<&Flag>> = HashMap::new();
        let mut tgt: HashMap<usize, Vec<&Flag>> = HashMap::new();
        for f in flags {
            if let Some(s) = &f.span {
                match s.side {
                    Side::Src => src.entry(s.sentence).or_default().push(f),
                    Side::Tgt => tgt.entry(s.sentence).or_default().push(f),
                }
            }
        }
        SpansBySentence { src, tgt }
    }

    /// The flags with a span on sentence `idx` of `side`.
    fn of(&self, side: Side, idx: usize) -> &[&'a Flag] {
        let map = match side {
            Side::Src => &self.src,
            Side::Tgt => &self.tgt,
        };
        map.get(&idx).map(Vec::as_slice).unwrap_or(&[])
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Sentence HTML with flagged spans wrapped in <mark> elements carrying kind, severity and
/// reason; `flags` are the flags with a span on this sentence ([`SpansBySentence`]).
fn html_marked(text: &str, flags: &[&Flag]) -> String {
    let mut spans: Vec<(usize, usize, &Flag)> = flags
        .iter()
        .filter_map(|f| f.span.as_ref().map(|s| (s.start, s.end, *f)))
        .collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    for (s, e, f) in spans {
        if s < pos || e > chars.len() {
            continue;
        }
        out.push_str(&esc(&chars[pos..s].iter().collect::<String>()));
        out.push_str(&format!(
            "<mark class=\"flag {} {}\" data-kind=\"{}\" title=\"{}: {}\">{}</mark>",
            f.kind,
            f.severity,
            f.kind,
            f.kind,
            esc(&f.reason),
            esc(&chars[s..e].iter().collect::<String>())
        ));
        pos = e;
    }
    out.push_str(&esc(&chars[pos.min(chars.len())..]
        .iter()
        .collect::<String>()));
    out
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}\
td.ar{direction:rtl;text-align:right;font-size:1.1em}td.meta{white-space:nowrap;color:#555;font-size:.85em}\
tr.null td{background:#fff6f6}mark.flag{padding:0 .15em;border-radius:3px}\
mark.high{background:#ffb3b3}mark.medium{background:#ffe08a}mark.low{background:#cde8ff}\
tr.sentflag.high td.ar,tr.sentflag.high td.en{box-shadow:inset 4px 0 #d33}\
.legend span{display:inline-block;margin-right:1em}ul.flags{margin:.2em 0;padding-left:1.2em;font-size:.85em;color:#444}\
span.moved{outline:2px dashed #7a5cc7;outline-offset:1px}span.move{display:block;font-size:.85em;margin-top:.2em}\
span.move a{color:#5a3fa8}span.moved:target{background:#efe8ff}";

/// A sentence of a moved pair: outlined, with an anchor (`id`) its partner links to, and a link
/// to each partner (`links`: anchor, label). Other sentences are returned as they are.
fn html_moved(sentence: String, id: &str, links: &[(String, String)]) -> String {
    if links.is_empty() {
        return sentence;
    }
    let mut out = format!("<span class=\"moved\" id=\"{id}\">{sentence}</span>");
    for (target, label) in links {
        out.push_str(&format!(
            "<span class=\"move\" dir=\"ltr\"><a href=\"#{target}\">↪ {}</a></span>",
            esc(label)
        ));
    }
    out
}

/// Self-contained HTML report: inline CSS, no scripts, no external fetches.
pub fn html(a: &Analysis, title: &str, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<title>tarjama report: {}</title><style>{CSS}</style></head><body>",
        esc(title)
    )?;
    writeln!(out, "<h1>tarjama report</h1><p>{}</p>", esc(title))?;
    writeln!(
        out,
        "<p>{} English sentences, {} Arabic sentences, {} beads, {} flags{}.</p>",
        a.source.len(),
        a.target.len(),
        a.beads.len(),
        a.flags.len(),
        moved_pairs_phrase(a.moves.len())
    )?;
    writeln!(out, "<h2>Flags by kind</h2><table class=\"counts\"><tr><th>kind</th><th>count</th><th>high</th></tr>")?;
    for kind in FlagKind::ALL {
        let n = a.flags.iter().filter(|f| f.kind == kind).count();
        if n == 0 {
            continue;
        }
        let high = a
            .flags
            .iter()
            .filter(|f| f.kind == kind && f.severity == Severity::High)
            .count();
        writeln!(out, "<tr><td>{kind}</td><td class=\"count\" data-kind=\"{kind}\">{n}</td><td>{high}</td></tr>")?;
    }
    writeln!(out, "</table>")?;
    writeln!(
        out,
        "<p class=\"legend\">Legend: <span><mark class=\"flag high\">high</mark></span><span><mark class=\"flag medium\">medium</mark></span><span><mark class=\"flag low\">low</mark></span> severity; hover a highlighted span for its reason.</p>"
    )?;
    if !a.moves.is_empty() {
        writeln!(
            out,
            "<p class=\"legend\"><span class=\"moved\">Outlined</span> sentences are moved or repeated: the Arabic renders an English sentence from another place in the document; follow the ↪ links between them.</p>"
        )?;
    }
    writeln!(out, "<h2>Alignment</h2><table class=\"beads\"><tr><th>bead</th><th>English</th><th>Arabic</th></tr>")?;
    let moves = MovesBySentence::new(&a.moves);
    let spans = SpansBySentence::new(&a.flags);
    let under = flags_by_bead(a.beads.iter().map(|b| (&b.src[..], &b.tgt[..])), &a.flags);
    for (k, b) in a.beads.iter().enumerate() {
        let flags: Vec<&Flag> = under[k].iter().map(|&n| &a.flags[n]).collect();
        let top = flags.iter().map(|f| f.severity).max();
        let mut class = String::new();
        if b.is_null() {
            class.push_str("null ");
        }
        let has_move = b.src.iter().any(|&i| !moves.of_source(i).is_empty())
            || b.tgt.iter().any(|&j| !moves.of_target(j).is_empty());
        if has_move {
            class.push_str("moved ");
        }
        if let Some(s) = top {
            class.push_str(&format!("sentflag {s}"));
        }
        let en: Vec<String> = b
            .src
            .iter()
            .map(|&i| {
                let text = html_marked(&a.source[i].text, spans.of(Side::Src, i));
                let links: Vec<(String, String)> = moves
                    .of_source(i)
                    .iter()
                    .map(|m| (format!("ar-{}", m.tgt), source_move_note(m)))
                    .collect();
                html_moved(text, &format!("en-{i}"), &links)
            })
            .collect();
        let ar: Vec<String> = b
            .tgt
            .iter()
            .map(|&j| {
                let text = html_marked(&a.target[j].text, spans.of(Side::Tgt, j));
                let links: Vec<(String, String)> = moves
                    .of_target(j)
                    .iter()
                    .map(|m| (format!("en-{}", m.src), target_move_note(m)))
                    .collect();
                html_moved(text, &format!("ar-{j}"), &links)
            })
            .collect();
        let notes: String = flags
            .iter()
            .map(|f| {
                format!(
                    "<li class=\"{}\">{} ({}): {}</li>",
                    f.severity,
                    f.kind,
                    f.severity,
                    esc(&f.reason)
                )
            })
            .collect();
        writeln!(
            out,
            "<tr class=\"{}\"><td class=\"meta\">#{} {} · {:.2}</td><td class=\"en\" lang=\"en\">{}</td><td class=\"ar\" dir=\"rtl\" lang=\"ar\">{}{}</td></tr>",
            class.trim(),
            k + 1,
            b.kind(),
            b.score,
            en.join(" "),
            ar.join(" "),
            if notes.is_empty() { String::new() } else { format!("<ul class=\"flags\" dir=\"ltr\">{notes}</ul>") }
        )?;
    }
    writeln!(out, "</table></body></html>")
}
