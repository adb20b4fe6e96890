//! The pages of the web workspace, rendered on the server from the store: the workspace, a
//! pair, search, flags, export. Each function reads in the caller's transaction and returns HTML
//! (the body of a page, or the pair's fragment that the script swaps in after an action).

use super::html::{esc, text};
use crate::error::Result;
use crate::flag::{FlagKind, Side};
use crate::store::{BeadRow, FlagFilter, FlagRow, FlagStatus, MoveRow, SentenceRow, Status, Tx};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The version of a pair's review state: a digest of its beads (ids, sentences, statuses,
/// scores), flags (ids, statuses, notes) and moves (ids, statuses). Every page of a pair carries
/// it and every action sends it back; an action on a pair whose version has changed since
/// (another tab, the TUI, a `bead` command, `align`, an undo) is refused, so a stale page never
/// overwrites a decision it did not show. A digest of the state rather than a counter: `align`
/// and the command-line tools change the state without knowing about pages.
pub fn version(tx: &Tx, pair: i64) -> Result<String> {
    let flags = tx.flags(&FlagFilter {
        pair: Some(pair),
        include_dismissed: true,
        ..Default::default()
    })?;
    Ok(version_of(&tx.beads(pair)?, &flags, &tx.moves(pair)?))
}

/// [`version`] of what the pair page has already read.
fn version_of(beads: &[BeadRow], flags: &[FlagRow], moves: &[MoveRow]) -> String {
    let mut h = Sha256::new();
    let mut line = String::new();
    for b in beads {
        line.clear();
        let _ = write!(
            line,
            "b{}:{:?}:{:?}:{}:{};",
            b.id,
            b.src,
            b.tgt,
            b.status.as_str(),
            b.score
        );
        h.update(line.as_bytes());
    }
    for f in flags {
        line.clear();
        let _ = write!(
            line,
            "f{}:{}:{:?};",
            f.id,
            f.status.as_str(),
            f.note.as_deref()
        );
        h.update(line.as_bytes());
    }
    for m in moves {
        line.clear();
        let _ = write!(line, "m{}:{};", m.id, m.status.as_str());
        h.update(line.as_bytes());
    }
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn status_mark(s: Status) -> &'static str {
    match s {
        Status::Automatic => "·",
        Status::Confirmed => "✔",
        Status::Rejected => "✘",
    }
}

fn name_of(title: &Option<String>, origin: &Option<String>, id: i64) -> String {
    title
        .clone()
        .or_else(|| origin.clone())
        .unwrap_or_else(|| format!("document {id}"))
}

/// The workspace: pairs with their flag counts and review progress, unpaired articles with
/// their candidate sources, documents.
pub fn index(tx: &Tx, csrf: &str) -> Result<String> {
    let mut out = String::from("<h1>Workspace</h1>");
    let pairs = tx.pairs()?;
    let _ = write!(out, "<h2>Pairs ({})</h2>", pairs.len());
    if pairs.is_empty() {
        out.push_str("<p>No pairs yet. Pair an article with its source below, or with <code>tarjama pair</code>.</p>");
    } else {
        out.push_str("<table class=\"list pairs\"><thead><tr><th>pair</th><th>Arabic article</th><th>English source</th><th>beads</th><th>reviewed</th><th>open flags</th><th>moved</th></tr></thead><tbody>");
        let progress_of = tx.review_progress()?;
        for p in &pairs {
            let (beads, reviewed, open) = progress_of.get(&p.id).copied().unwrap_or_default();
            let progress = if beads == 0 {
                "not aligned".to_string()
            } else {
                format!(
                    "<progress max=\"{beads}\" value=\"{reviewed}\"></progress> {reviewed}/{beads}"
                )
            };
            let _ = write!(
                out,
                "<tr><td><a href=\"/pairs/{id}\">{id}</a></td><td><bdi>{a}</bdi></td><td><bdi>{s}</bdi></td><td>{n}</td><td>{progress}</td><td>{open} <small>of {f}</small></td><td>{m}</td></tr>",
                id = p.id,
                a = text(&p.article_title.clone().unwrap_or_else(|| format!("document {}", p.article_id))),
                s = text(&p.source_title.clone().unwrap_or_else(|| format!("document {}", p.source_id))),
                n = beads,
                f = p.flags,
                m = p.moves,
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str(&unpaired(tx, csrf)?);
    let docs = tx.documents()?;
    let _ = write!(out, "<h2>Documents ({})</h2>", docs.len());
    out.push_str("<table class=\"list docs\"><thead><tr><th>id</th><th>lang</th><th>title</th><th>outlet</th><th>date</th><th>sentences</th></tr></thead><tbody>");
    for d in docs {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td dir=\"auto\"><bdi>{}</bdi></td><td><bdi>{}</bdi></td><td>{}</td><td>{}</td></tr>",
            d.id,
            esc(&d.lang),
            text(&name_of(&d.title, &d.origin, d.id)),
            text(d.outlet.as_deref().unwrap_or("")),
            esc(d.date.as_deref().unwrap_or("")),
            d.sentences
        );
    }
    out.push_str("</tbody></table>");
    Ok(out)
}

/// At most this many unpaired articles get candidates on the workspace page: ranking reads and
/// aligns lead sentences, and the page must stay quick on a large workspace.
const SUGGESTED: usize = 10;

fn unpaired(tx: &Tx, csrf: &str) -> Result<String> {
    let articles = tx.unpaired_articles()?;
    if articles.is_empty() {
        return Ok(String::new());
    }
    let mut out = format!("<h2>Unpaired articles ({})</h2>", articles.len());
    let opts = crate::pair::Options::default();
    for &article in articles.iter().take(SUGGESTED) {
        let r = crate::pair::suggest(tx, article, &opts)?;
        let _ = write!(
            out,
            "<section class=\"unpaired\" id=\"article-{article}\"><h3>Article {article}: <bdi>{}</bdi></h3>",
            text(&name_of(&r.title, &r.origin, article))
        );
        if r.candidates.is_empty() {
            out.push_str("<p>No source found among the English documents.</p></section>");
            continue;
        }
        out.push_str("<table class=\"list\"><thead><tr><th>source</th><th>confidence</th><th>evidence</th><th></th></tr></thead><tbody>");
        for c in &r.candidates {
            let e = &c.evidence;
            let mut ev = Vec::new();
            let mut list = |label: &str, items: &[String]| {
                if !items.is_empty() {
                    let shown: Vec<String> = items.iter().take(6).map(|s| text(s)).collect();
                    ev.push(format!("{label}: {}", shown.join(", ")));
                }
            };
            list("figures", &e.numbers);
            list("dates", &e.dates);
            list("names", &e.names);
            list("acronyms", &e.acronyms);
            list("vocabulary", &e.concepts);
            if let Some(days) = e.date_gap_days {
                ev.push(format!("{days} days apart"));
            }
            let _ = write!(
                out,
                "<tr><td>{} <bdi>{}</bdi></td><td>{:.2}</td><td class=\"evidence\">{}</td><td>\
<form method=\"post\" action=\"/pairs\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
<input type=\"hidden\" name=\"article\" value=\"{article}\"><input type=\"hidden\" name=\"source\" value=\"{}\">\
<button type=\"submit\" class=\"pair-align\">Pair and align</button></form></td></tr>",
                c.source,
                text(&name_of(&c.title, &c.origin, c.source)),
                c.confidence,
                ev.join("; "),
                esc(csrf),
                c.source
            );
        }
        out.push_str("</tbody></table></section>");
    }
    if articles.len() > SUGGESTED {
        let _ = write!(
            out,
            "<p>{} more; <code>tarjama pair --auto</code> pairs them all.</p>",
            articles.len() - SUGGESTED
        );
    }
    Ok(out)
}

/// Flagged character spans of one sentence wrapped in `<mark>`s with kind, severity and reason.
fn marked(s: &str, side: Side, idx: usize, flags: &[&FlagRow]) -> String {
    let mut spans: Vec<(usize, usize, &FlagRow)> = flags
        .iter()
        .filter_map(|f| f.flag.span.as_ref().map(|s| (s, *f)))
        .filter(|(sp, _)| sp.side == side && sp.sentence == idx)
        .map(|(sp, f)| (sp.start, sp.end, f))
        .collect();
    spans.sort_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
    let chars: Vec<char> = s.chars().collect();
    let piece = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
    let mut out = String::new();
    let mut pos = 0;
    for (a, b, f) in spans {
        // Overlapping and out-of-range spans are skipped: the flag is still listed below.
        if a < pos || b > chars.len() || a >= b {
            continue;
        }
        out.push_str(&text(&piece(pos, a)));
        let _ = write!(
            out,
            "<mark class=\"flag {sev} {st}\" data-flag=\"{id}\" title=\"{kind} ({sev}): {reason}\">{t}</mark>",
            sev = f.flag.severity,
            st = f.status.as_str(),
            id = f.id,
            kind = f.flag.kind,
            reason = esc(&f.flag.reason),
            t = text(&piece(a, b))
        );
        pos = b;
    }
    out.push_str(&text(&piece(pos.min(chars.len()), chars.len())));
    out
}

/// Where a flag is shown: the bead holding its anchor sentence.
fn bead_of_flag(
    f: &FlagRow,
    src_bead: &HashMap<usize, usize>,
    tgt_bead: &HashMap<usize, usize>,
) -> Option<usize> {
    match f.flag.anchor() {
        (Side::Tgt, j) => tgt_bead.get(&j).copied(),
        (Side::Src, i) => src_bead.get(&i).copied(),
    }
}

/// Everything the pair page shows, read in one transaction.
pub struct PairView {
    pub pair: i64,
    pub title: String,
    pub fragment: String,
}

/// The pair page: its title and the fragment (`section#pair`) that actions replace.
pub fn pair(tx: &Tx, id: i64, message: &str) -> Result<PairView> {
    let p = tx.pair(id)?;
    let title = crate::cli::pair_title(tx, id)?;
    let src = tx.sentences(p.source_id)?;
    let tgt = tx.sentences(p.article_id)?;
    let beads = tx.beads(id)?;
    let flags = tx.flags(&FlagFilter {
        pair: Some(id),
        include_dismissed: true,
        ..Default::default()
    })?;
    let moves = tx.moves(id)?;
    let decisions = tx.decisions(id)?;
    let version = version_of(&beads, &flags, &moves);
    let mut out = String::with_capacity(1 << 16);
    let _ = write!(
        out,
        "<section id=\"pair\" data-pair=\"{id}\" data-version=\"{version}\">"
    );
    let _ = write!(out, "<p id=\"status\" role=\"status\">{}</p>", esc(message));
    if beads.is_empty() {
        let _ = write!(
            out,
            "<p>Pair {id} is not aligned yet: <code>tarjama align {id}</code>.</p></section>"
        );
        return Ok(PairView {
            pair: id,
            title,
            fragment: out,
        });
    }
    let count = |s: Status| beads.iter().filter(|b| b.status == s).count();
    let open = flags
        .iter()
        .filter(|f| f.status == FlagStatus::Open)
        .count();
    let reviewed = beads.len() - count(Status::Automatic);
    let _ = write!(
        out,
        "<p class=\"summary\">{} English and {} Arabic sentences · {} beads: {} confirmed, {} rejected \
<progress max=\"{}\" value=\"{reviewed}\"></progress> · {} flags, {open} open · {} moved pairs</p>",
        src.len(),
        tgt.len(),
        beads.len(),
        count(Status::Confirmed),
        count(Status::Rejected),
        beads.len(),
        flags.len(),
        moves.iter().filter(|m| m.status != Status::Rejected).count()
    );
    out.push_str(TOOLBAR);
    // Which bead holds each sentence, to place flags and to link moved sentences.
    let mut src_bead = HashMap::new();
    let mut tgt_bead = HashMap::new();
    for (k, b) in beads.iter().enumerate() {
        for &i in &b.src {
            src_bead.insert(i, k);
        }
        for &j in &b.tgt {
            tgt_bead.insert(j, k);
        }
    }
    let mut flags_of: Vec<Vec<&FlagRow>> = vec![Vec::new(); beads.len()];
    let mut unplaced: Vec<&FlagRow> = Vec::new();
    for f in &flags {
        match bead_of_flag(f, &src_bead, &tgt_bead) {
            Some(k) => flags_of[k].push(f),
            None => unplaced.push(f),
        }
    }
    let shown_flags: Vec<&FlagRow> = flags
        .iter()
        .filter(|f| f.status != FlagStatus::Dismissed)
        .collect();
    let mut moves_src: HashMap<usize, Vec<&MoveRow>> = HashMap::new();
    let mut moves_tgt: HashMap<usize, Vec<&MoveRow>> = HashMap::new();
    for m in &moves {
        moves_src.entry(m.src).or_default().push(m);
        moves_tgt.entry(m.tgt).or_default().push(m);
    }
    out.push_str("<table class=\"beads\"><thead><tr><th>bead</th><th lang=\"en\">English</th><th lang=\"ar\" dir=\"rtl\">العربية</th></tr></thead><tbody>");
    for (k, b) in beads.iter().enumerate() {
        let fl = &flags_of[k];
        let top = fl
            .iter()
            .filter(|f| f.status != FlagStatus::Dismissed)
            .map(|f| f.flag.severity)
            .max();
        let next = beads.get(k + 1).map(|n| n.id).unwrap_or(0);
        let kind = format!("{}-{}", b.src.len(), b.tgt.len());
        let _ = write!(
            out,
            "<tr class=\"bead {st}{flagged}\" id=\"bead-{id}\" data-bead=\"{id}\" data-next=\"{next}\" data-status=\"{st}\" \
data-src=\"{ns}\" data-tgt=\"{nt}\" data-flags=\"{nf}\"><td class=\"meta\"><span class=\"st\" title=\"{st}\">{mark}</span> \
<a href=\"#bead-{id}\">#{pos}</a> <span class=\"kind\">{kind}</span> <span class=\"score\" title=\"probability that the bead is right\">{score:.2}</span>\
<span class=\"bid\">bead {id}</span></td>",
            st = b.status.as_str(),
            flagged = top.map(|s| format!(" flagged {s}")).unwrap_or_default(),
            id = b.id,
            ns = b.src.len(),
            nt = b.tgt.len(),
            nf = fl.iter().filter(|f| f.status == FlagStatus::Open).count(),
            mark = status_mark(b.status),
            pos = k + 1,
            score = b.score,
        );
        out.push_str("<td class=\"en\" lang=\"en\" dir=\"ltr\">");
        for &i in &b.src {
            sentence(
                &mut out,
                &src,
                i,
                Side::Src,
                &shown_flags,
                moves_src.get(&i),
            );
        }
        out.push_str("</td><td class=\"ar\" lang=\"ar\" dir=\"rtl\">");
        for &j in &b.tgt {
            sentence(
                &mut out,
                &tgt,
                j,
                Side::Tgt,
                &shown_flags,
                moves_tgt.get(&j),
            );
        }
        out.push_str("</td></tr>");
        if !fl.is_empty() {
            let _ = write!(
                out,
                "<tr class=\"flags\" data-for=\"{}\"><td></td><td colspan=\"2\"><ul class=\"flags\">",
                b.id
            );
            for f in fl {
                flag_item(&mut out, f);
            }
            out.push_str("</ul></td></tr>");
        }
    }
    out.push_str("</tbody></table>");
    if !unplaced.is_empty() {
        out.push_str("<h2>Other flags</h2><ul class=\"flags\">");
        for f in unplaced {
            flag_item(&mut out, f);
        }
        out.push_str("</ul>");
    }
    history(&mut out, &decisions);
    out.push_str("</section>");
    Ok(PairView {
        pair: id,
        title,
        fragment: out,
    })
}

/// The review toolbar: acts on the selected bead (keys in brackets, as in the TUI).
const TOOLBAR: &str = "<div class=\"toolbar\" role=\"toolbar\" aria-label=\"review the selected bead\">\
<button type=\"button\" data-op=\"confirm\" title=\"confirm the selected bead and go to the next (c)\">✔ confirm <kbd>c</kbd></button>\
<button type=\"button\" data-op=\"reject\" title=\"reject the selected bead (x)\">✘ reject <kbd>x</kbd></button>\
<button type=\"button\" data-op=\"merge\" title=\"merge with the next bead (m)\">merge ↓ <kbd>m</kbd></button>\
<label>split after <select id=\"split-at\"><option value=\"1\">1</option></select> sentence(s)</label>\
<button type=\"button\" data-op=\"split\" title=\"split the selected bead after the chosen sentence of each side\">split</button>\
<span class=\"shift\">move sentence: \
<button type=\"button\" data-op=\"shift\" data-dir=\"up\" data-side=\"src\" title=\"move the first English sentence into the bead before\">EN ↑</button>\
<button type=\"button\" data-op=\"shift\" data-dir=\"down\" data-side=\"src\" title=\"move the last English sentence into the bead after\">EN ↓</button>\
<button type=\"button\" data-op=\"shift\" data-dir=\"up\" data-side=\"tgt\" title=\"move the first Arabic sentence into the bead before\">AR ↑</button>\
<button type=\"button\" data-op=\"shift\" data-dir=\"down\" data-side=\"tgt\" title=\"move the last Arabic sentence into the bead after\">AR ↓</button></span>\
<button type=\"button\" data-op=\"undo\" title=\"undo the last decision on this pair (u)\">↶ undo <kbd>u</kbd></button>\
<span class=\"keys\"><kbd>j</kbd>/<kbd>k</kbd> move · <kbd>n</kbd> next unreviewed · <kbd>f</kbd> next flagged</span></div>";

fn sentence(
    out: &mut String,
    rows: &[SentenceRow],
    i: usize,
    side: Side,
    flags: &[&FlagRow],
    moves: Option<&Vec<&MoveRow>>,
) {
    let (own, other, other_name) = match side {
        Side::Src => ("en", "ar", "AR"),
        Side::Tgt => ("ar", "en", "EN"),
    };
    let body = rows
        .get(i)
        .map(|s| marked(&s.text, side, i, flags))
        .unwrap_or_default();
    let moved = moves.map(|m| !m.is_empty()).unwrap_or(false);
    let _ = write!(
        out,
        "<span class=\"s{}\" id=\"{own}-{i}\"><bdi>{body}</bdi>",
        if moved { " moved" } else { "" }
    );
    for m in moves.into_iter().flatten() {
        let (to, verb) = match (side, m.repeat) {
            (Side::Src, false) => (m.tgt, "moved to"),
            (Side::Src, true) => (m.tgt, "restated by"),
            (Side::Tgt, false) => (m.src, "renders"),
            (Side::Tgt, true) => (m.src, "restates"),
        };
        let _ = write!(
            out,
            "<a class=\"mv {}\" dir=\"ltr\" href=\"#{other}-{to}\">↪ {verb} {other_name} {to} ({}{:.2}, {})</a>",
            m.status.as_str(),
            if m.repeat { "repeat " } else { "moved " },
            m.score,
            m.status.as_str()
        );
    }
    out.push_str("</span> ");
}

fn flag_item(out: &mut String, f: &FlagRow) {
    let kind = match &f.flag.subkind {
        Some(sub) => format!("{} / {}", f.flag.kind, esc(sub)),
        None => f.flag.kind.to_string(),
    };
    let span = f
        .flag
        .span
        .as_ref()
        .map(|s| format!(" «<bdi>{}</bdi>»", text(&s.text)))
        .unwrap_or_default();
    let note = f
        .note
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(|n| format!(" <span class=\"note\">note: <bdi>{}</bdi></span>", text(n)))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<li class=\"flag {sev} {st}\" id=\"flag-{id}\" data-flag=\"{id}\"><span class=\"sev\">{sev}</span> <b>{kind}</b>{span}: {reason} \
<span class=\"fst\">[{st}]</span>{note} <span class=\"flag-acts\"><input class=\"note\" name=\"note\" maxlength=\"500\" placeholder=\"note\" aria-label=\"note on flag {id}\">\
<button type=\"button\" data-op=\"flag-confirm\" data-flag=\"{id}\">confirm</button>\
<button type=\"button\" data-op=\"flag-dismiss\" data-flag=\"{id}\">dismiss</button></span></li>",
        sev = f.flag.severity,
        st = f.status.as_str(),
        id = f.id,
        reason = text(&f.flag.reason),
    );
}

fn history(out: &mut String, decisions: &[crate::store::Decision]) {
    let _ = write!(
        out,
        "<details class=\"history\"><summary>History ({} decisions)</summary><ol reversed>",
        decisions.len()
    );
    for d in decisions.iter().rev().take(50) {
        let _ = write!(
            out,
            "<li class=\"{}\">{} · <bdi>{}</bdi> · {}{}</li>",
            if d.undone { "undone" } else { "" },
            esc(&d.at),
            text(&d.reviewer),
            esc(&crate::review::actions::describe_decision(
                &d.action, &d.detail
            )),
            if d.undone { " (undone)" } else { "" }
        );
    }
    out.push_str("</ol></details>");
}

/// Search: the concordance of `tarjama search`, each hit with the aligned sentences.
pub fn search(tx: &Tx, q: &str, pair: Option<i64>) -> Result<String> {
    use crate::cli::search::{occurrences, query_keys, query_lang};
    use crate::text::Lang;
    let mut out = format!(
        "<h1>Search</h1><form method=\"get\" action=\"/search\" class=\"search\">\
<input type=\"search\" name=\"q\" value=\"{}\" dir=\"auto\" placeholder=\"words in English or Arabic\" autofocus> \
<button type=\"submit\">Search</button></form>",
        esc(q)
    );
    if q.trim().is_empty() {
        out.push_str("<p>Arabic matches whatever the hamza forms, diacritics and tatweel; each hit shows the aligned sentence of the other language.</p>");
        return Ok(out);
    }
    let lang = query_lang(q, None);
    let norm_lang = lang.unwrap_or(Lang::Ar);
    let keys = query_keys(q, norm_lang);
    if keys.is_empty() {
        out.push_str("<p class=\"error\">Nothing to search for (no letters or digits).</p>");
        return Ok(out);
    }
    const LIMIT: usize = 200;
    let hits = tx.search_phrase(&keys, lang, pair, LIMIT)?;
    let _ = write!(
        out,
        "<p>{} sentence{}{}</p><table class=\"list hits\"><thead><tr><th>where</th><th>hit</th><th>aligned</th></tr></thead><tbody>",
        hits.len(),
        if hits.len() == 1 { "" } else { "s" },
        if hits.len() == LIMIT { " (the first 200)" } else { "" }
    );
    for h in &hits {
        let hl = Lang::parse(&h.lang).unwrap_or(norm_lang);
        let spans = occurrences(&h.text, hl, &keys);
        let chars: Vec<char> = h.text.chars().collect();
        let mut body = String::new();
        let mut pos = 0;
        for (a, b) in spans {
            if a < pos || b > chars.len() {
                continue;
            }
            body.push_str(&text(&chars[pos..a].iter().collect::<String>()));
            body.push_str("<mark class=\"hit\">");
            body.push_str(&text(&chars[a..b].iter().collect::<String>()));
            body.push_str("</mark>");
            pos = b;
        }
        body.push_str(&text(&chars[pos..].iter().collect::<String>()));
        let (dir, other_dir) = if h.lang == "ar" {
            ("rtl", "ltr")
        } else {
            ("ltr", "rtl")
        };
        let aligned = tx.aligned_with(h.sentence_id, h.document_id)?;
        let mut other = String::new();
        for a in &aligned {
            let sents: Vec<String> = a
                .sentences
                .iter()
                .map(|(_, t)| format!("<bdi>{}</bdi>", text(t)))
                .collect();
            let _ = write!(
                other,
                "<div><a href=\"/pairs/{p}#bead-{b}\">pair {p}, bead {b}</a> <small>{st} {sc:.2}</small> <span dir=\"{other_dir}\">{}</span></div>",
                if sents.is_empty() {
                    "<i>(not aligned)</i>".to_string()
                } else {
                    sents.join(" ")
                },
                p = a.pair_id,
                b = a.bead_id,
                st = esc(&a.status),
                sc = a.score,
            );
        }
        let _ = write!(
            out,
            "<tr><td><bdi>{}</bdi> #{}</td><td class=\"{}\" dir=\"{dir}\" lang=\"{}\"><bdi>{body}</bdi></td><td>{other}</td></tr>",
            text(&name_of(&h.title, &h.origin, h.document_id)),
            h.idx,
            esc(&h.lang),
            esc(&h.lang),
        );
    }
    out.push_str("</tbody></table>");
    Ok(out)
}

/// The flags of the whole workspace, filtered by kind, severity, pair and status.
pub fn flags(tx: &Tx, filter: &FlagFilter, status: Option<FlagStatus>) -> Result<String> {
    let rows = tx.flags(filter)?;
    let rows: Vec<&FlagRow> = rows
        .iter()
        .filter(|f| status.map_or(true, |s| f.status == s))
        .collect();
    let mut out =
        String::from("<h1>Flags</h1><form method=\"get\" action=\"/flags\" class=\"filters\">");
    out.push_str("<label>kind <select name=\"kind\"><option value=\"\">any</option>");
    for k in FlagKind::ALL {
        let sel = if filter.kind.as_deref() == Some(k.as_str()) {
            " selected"
        } else {
            ""
        };
        let _ = write!(out, "<option{sel}>{}</option>", k.as_str());
    }
    out.push_str("</select></label> <label>severity <select name=\"severity\"><option value=\"\">any</option>");
    for s in ["high", "medium", "low"] {
        let sel = if filter.severity.as_deref() == Some(s) {
            " selected"
        } else {
            ""
        };
        let _ = write!(out, "<option{sel}>{s}</option>");
    }
    out.push_str("</select></label> <label>status <select name=\"status\"><option value=\"\">open and confirmed</option>");
    for s in ["open", "confirmed", "dismissed", "all"] {
        let sel = match (status, filter.include_dismissed) {
            (Some(st), _) if st.as_str() == s => " selected",
            (None, true) if s == "all" => " selected",
            _ => "",
        };
        let _ = write!(out, "<option{sel}>{s}</option>");
    }
    let _ = write!(
        out,
        "</select></label> <label>pair <input name=\"pair\" size=\"4\" inputmode=\"numeric\" value=\"{}\"></label> <button type=\"submit\">Filter</button></form>",
        filter.pair.map(|p| p.to_string()).unwrap_or_default()
    );
    let _ = write!(
        out,
        "<p>{} flag{}</p><table class=\"list flags\"><thead><tr><th>flag</th><th>pair</th><th>kind</th><th>severity</th><th>span</th><th>reason</th><th>status</th></tr></thead><tbody>",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    for f in rows {
        let span = f
            .flag
            .span
            .as_ref()
            .map(|s| {
                format!(
                    "<bdi dir=\"{}\">{}</bdi>",
                    if s.side == Side::Tgt { "rtl" } else { "ltr" },
                    text(&s.text)
                )
            })
            .unwrap_or_default();
        let kind = match &f.flag.subkind {
            Some(sub) => format!("{} / {}", f.flag.kind, esc(sub)),
            None => f.flag.kind.to_string(),
        };
        let _ = write!(
            out,
            "<tr class=\"flag {sev}\"><td><a href=\"/pairs/{p}#flag-{id}\">{id}</a></td><td><a href=\"/pairs/{p}\">{p}</a></td><td>{kind}</td><td>{sev}</td><td>{span}</td><td>{reason}</td><td>{st}{note}</td></tr>",
            id = f.id,
            p = f.pair_id,
            sev = f.flag.severity,
            reason = text(&f.flag.reason),
            st = f.status.as_str(),
            note = f
                .note
                .as_deref()
                .map(|n| format!(": <bdi>{}</bdi>", text(n)))
                .unwrap_or_default(),
        );
    }
    out.push_str("</tbody></table>");
    Ok(out)
}

/// The export form: every format and every filter of `tarjama export`.
pub fn export_form(tx: &Tx) -> Result<String> {
    let pairs = tx.pairs()?;
    let mut out = String::from(
        "<h1>Export</h1><p>Parallel data, as <code>tarjama export</code> writes it (Moses comes as a zip of the .en and .ar files).</p>\
<form method=\"get\" action=\"/export/download\" class=\"export\"><fieldset><legend>Format</legend>",
    );
    for (k, f) in ["tsv", "jsonl", "moses", "tmx", "xliff"].iter().enumerate() {
        let _ = write!(
            out,
            "<label><input type=\"radio\" name=\"format\" value=\"{f}\"{}> {f}</label> ",
            if k == 0 { " checked" } else { "" }
        );
    }
    out.push_str("</fieldset><fieldset><legend>Pairs (none ticked: all)</legend>");
    for p in &pairs {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"pair\" value=\"{id}\"> {id}: <bdi>{}</bdi></label><br>",
            text(&p.article_title.clone().unwrap_or_else(|| format!("document {}", p.article_id))),
            id = p.id
        );
    }
    out.push_str("</fieldset><fieldset><legend>Filters</legend>\
<label><input type=\"checkbox\" name=\"include_unaligned\" value=\"1\"> include insertions and omissions (one side empty)</label><br>\
status: <label><input type=\"checkbox\" name=\"status\" value=\"automatic\"> automatic</label> \
<label><input type=\"checkbox\" name=\"status\" value=\"confirmed\"> confirmed</label> \
<label><input type=\"checkbox\" name=\"status\" value=\"rejected\"> rejected</label> <small>(none ticked: automatic and confirmed)</small><br>\
<label>minimum score <input name=\"min_score\" size=\"5\" inputmode=\"decimal\" placeholder=\"0–1\"></label><br>\
<label>leave out flagged beads <select name=\"exclude_flagged\"><option value=\"\">no</option><option value=\"any\">any flag</option>");
    for k in FlagKind::ALL {
        let _ = write!(out, "<option>{}</option>", k.as_str());
    }
    out.push_str("</select></label><br>\
<label><input type=\"checkbox\" name=\"dedupe\" value=\"1\"> leave out duplicates</label><br>\
<label>maximum length ratio <input name=\"max_length_ratio\" size=\"5\" inputmode=\"decimal\" placeholder=\"≥ 1\"></label>\
</fieldset><button type=\"submit\" id=\"download\">Download</button></form>");
    Ok(out)
}
