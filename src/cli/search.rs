//! `tarjama search QUERY`: bilingual concordance over the workspace (full-text index on the
//! normalised sentences), each hit in context (KWIC) with the aligned sentences of the other
//! language.
//!
//! The query is normalised like the stored sentences (`crate::text::normalize`: hamza and alef
//! forms, taa marbuta, diacritics, tatweel, digits, case) and matched as a phrase. The hit is then
//! found again in the original sentence by comparing normalised words, so the context is shown as
//! written, not in its normalised form.

use crate::store::search::{Aligned, Hit};
use crate::text::{detect_lang, is_arabic_letter, normalize, Lang};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama search 'قوات الامن'          (also finds قوات الأمن, قواتُ الأمنِ…)
  tarjama search 'security forces' --pair 1
  tarjama search 'وزير الدفاع' --json --limit 200

The language of the query is taken from its script unless --lang says otherwise, and only
sentences of that language are searched; each hit shows the aligned sentences of the other
language from the bead that holds it.")]
pub struct Args {
    /// Words to find, as a phrase (Arabic matches regardless of hamza forms, diacritics and tatweel).
    pub query: String,
    /// Language of the query (and of the sentences searched); from its script when absent.
    #[arg(long, value_parser = super::add::parse_lang)]
    pub lang: Option<Lang>,
    /// Only sentences of this pair's documents.
    #[arg(long)]
    pub pair: Option<String>,
    /// One JSON object per hit, one per line.
    #[arg(long)]
    pub json: bool,
    /// At most N sentences.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
}

/// Characters of a word: letters and digits, plus the combining marks and tatweel that Arabic
/// words carry inside them. Everything else separates words, as in the FTS5 tokenizer.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || c == '\u{0640}'
}

/// Words of `text` as (start, end) character offsets, end exclusive.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (k, c) in text.chars().enumerate() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push((s, k));
                start = None;
            }
            _ => {}
        }
        n = k + 1;
    }
    if let Some(s) = start {
        out.push((s, n));
    }
    out
}

/// The matching key of a word: normalised for its language, then with the diacritics the
/// FTS5 tokenizer also removes (remove_diacritics 2) taken off, lower-cased.
fn key(word: &str, lang: Lang) -> String {
    normalize(word, lang)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Keyed words of `text`: ((start, end), key), words with an empty key left out.
fn keyed(text: &str, lang: Lang) -> Vec<((usize, usize), String)> {
    words(text)
        .into_iter()
        .map(|(s, e)| {
            let k = key(crate::text::char_slice(text, s, e), lang);
            ((s, e), k)
        })
        .filter(|(_, k)| !k.is_empty())
        .collect()
}

/// The matching keys of a query's words (what `search_phrase` looks for), for the web
/// workspace's search page, which runs the same concordance as this command.
pub fn query_keys(query: &str, lang: Lang) -> Vec<String> {
    keyed(query, lang).into_iter().map(|(_, k)| k).collect()
}

/// Every place (character offsets) where the words `query` occur in a row in `text`.
pub fn occurrences(text: &str, lang: Lang, query: &[String]) -> Vec<(usize, usize)> {
    let w = keyed(text, lang);
    if query.is_empty() || w.len() < query.len() {
        return Vec::new();
    }
    (0..=w.len() - query.len())
        .filter(|&i| {
            w[i..i + query.len()]
                .iter()
                .zip(query)
                .all(|(a, q)| a.1 == *q)
        })
        .map(|i| (w[i].0 .0, w[i + query.len() - 1].0 .1))
        .collect()
}

/// Language of the query: as given, else from its script; `None` when it has no letters of
/// either script (digits only), and then every document is searched.
pub fn query_lang(q: &str, given: Option<Lang>) -> Option<Lang> {
    given.or_else(|| detect_lang(q)).or_else(|| {
        if q.chars().any(is_arabic_letter) {
            Some(Lang::Ar)
        } else if q.chars().any(|c| c.is_ascii_alphabetic()) {
            Some(Lang::En)
        } else {
            None
        }
    })
}

#[derive(Serialize)]
struct AlignedJson<'a> {
    pair: i64,
    bead: i64,
    status: &'a str,
    score: f64,
    lang: &'a str,
    sentences: Vec<usize>,
    text: String,
}

#[derive(Serialize)]
struct HitJson<'a> {
    document: i64,
    lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a str>,
    sentence: usize,
    text: &'a str,
    left: &'a str,
    #[serde(rename = "match")]
    hit: Option<&'a str>,
    right: &'a str,
    start: Option<usize>,
    end: Option<usize>,
    aligned: Vec<AlignedJson<'a>>,
}

fn other(lang: &str) -> &'static str {
    if lang == "ar" {
        "en"
    } else {
        "ar"
    }
}

fn aligned_json<'a>(hit_lang: &str, a: &'a [Aligned]) -> Vec<AlignedJson<'a>> {
    a.iter()
        .map(|a| AlignedJson {
            pair: a.pair_id,
            bead: a.bead_id,
            status: &a.status,
            score: a.score,
            lang: other(hit_lang),
            sentences: a.sentences.iter().map(|s| s.0).collect(),
            text: joined(a),
        })
        .collect()
}

fn joined(a: &Aligned) -> String {
    a.sentences
        .iter()
        .map(|s| s.1.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Context shown on each side of a hit in the text view, in characters.
const CONTEXT: usize = 50;

/// The last (or first) `CONTEXT` characters of a context, cut at a space when there is one.
fn clip(s: &str, keep_end: bool) -> String {
    let n = s.chars().count();
    if n <= CONTEXT {
        return s.to_string();
    }
    if keep_end {
        let tail = crate::text::char_slice(s, n - CONTEXT, n);
        let tail = tail.split_once(' ').map(|x| x.1).unwrap_or(tail);
        format!("…{tail}")
    } else {
        let head = crate::text::char_slice(s, 0, CONTEXT);
        let head = head.rsplit_once(' ').map(|x| x.0).unwrap_or(head);
        format!("{head}…")
    }
}

/// The sentence of a hit split at `span`: before, the matched words, after. Without a span the
/// whole sentence is "after".
fn split_at_span(h: &Hit, span: Option<(usize, usize)>) -> (&str, &str, &str) {
    let (s, e) = span.unwrap_or((0, 0));
    let n = h.text.chars().count();
    (
        crate::text::char_slice(&h.text, 0, s),
        crate::text::char_slice(&h.text, s, e),
        crate::text::char_slice(&h.text, e, n),
    )
}

fn hit_json<'a>(h: &'a Hit, span: Option<(usize, usize)>, aligned: &'a [Aligned]) -> HitJson<'a> {
    let (left, hit, right) = split_at_span(h, span);
    HitJson {
        document: h.document_id,
        lang: &h.lang,
        title: h.title.as_deref(),
        origin: h.origin.as_deref(),
        sentence: h.idx,
        text: &h.text,
        left,
        hit: span.map(|_| hit),
        right,
        start: span.map(|x| x.0),
        end: span.map(|x| x.1),
        aligned: aligned_json(&h.lang, aligned),
    }
}

fn print_hit(
    out: &mut dyn Write,
    h: &Hit,
    span: Option<(usize, usize)>,
    aligned: &[Aligned],
    colour: bool,
) -> std::io::Result<()> {
    let (left, hit, right) = split_at_span(h, span);
    let name = h
        .title
        .as_deref()
        .or(h.origin.as_deref())
        .unwrap_or_default();
    writeln!(
        out,
        "document {} ({}) sentence {}  {name}",
        h.document_id, h.lang, h.idx
    )?;
    let marked = if colour {
        format!("\x1b[1;33m{hit}\x1b[0m")
    } else {
        format!("[[{hit}]]")
    };
    writeln!(out, "  {}{marked}{}", clip(left, true), clip(right, false))?;
    if aligned.is_empty() {
        writeln!(out, "  ⇄ not aligned in any pair")?;
    }
    for a in aligned {
        let head = format!(
            "  ⇄ pair {} bead {} ({} {:.2})",
            a.pair_id, a.bead_id, a.status, a.score
        );
        if a.sentences.is_empty() {
            writeln!(out, "{head}: no {} sentence", other(&h.lang))?;
        } else {
            let ids: Vec<String> = a.sentences.iter().map(|s| s.0.to_string()).collect();
            writeln!(
                out,
                "{head} {} {}: {}",
                other(&h.lang),
                ids.join(","),
                joined(a)
            )?;
        }
    }
    writeln!(out)
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let lang = query_lang(&a.query, a.lang);
    // Digits and Latin codes normalise alike in both languages; the Arabic rules are a superset.
    let norm_lang = lang.unwrap_or(Lang::Ar);
    let query: Vec<String> = keyed(&a.query, norm_lang)
        .into_iter()
        .map(|(_, k)| k)
        .collect();
    anyhow::ensure!(
        !query.is_empty(),
        "nothing to search for in '{}' (no letters or digits)",
        a.query
    );
    anyhow::ensure!(a.limit > 0, "--limit must be at least 1");
    let pair = super::parse_pair_option(a.pair.as_deref())?;
    let mut ws = super::open(db)?;
    let found = ws.read(|tx| {
        if let Some(p) = pair {
            tx.pair(p)?;
        }
        let hits = tx.search_phrase(&query, lang, pair, a.limit)?;
        hits.into_iter()
            .map(|h| {
                let aligned = tx.aligned_with(h.sentence_id, h.document_id)?;
                Ok((h, aligned))
            })
            .collect::<crate::Result<Vec<_>>>()
    })?;
    // One hit per occurrence of the query in a sentence.
    let hits: Vec<_> = found
        .iter()
        .flat_map(|(h, aligned)| {
            let hl = Lang::parse(&h.lang).unwrap_or(norm_lang);
            let spans = occurrences(&h.text, hl, &query);
            let spans: Vec<Option<(usize, usize)>> = if spans.is_empty() {
                // The index matched but the words could not be placed (a tokenisation corner
                // case): show the whole sentence rather than drop the hit.
                vec![None]
            } else {
                spans.into_iter().map(Some).collect()
            };
            spans
                .into_iter()
                .map(move |span| (h, span, aligned.as_slice()))
        })
        .collect();
    let mut out = super::stdout();
    if a.json {
        // I/O errors, like those of the text output (a serialisation error converts into one).
        let objects = hits
            .iter()
            .map(|&(h, span, aligned)| hit_json(h, span, aligned));
        super::write_json_lines(&mut out, objects, |e: std::io::Error| e)?;
    } else {
        let colour = super::colour_enabled();
        for &(h, span, aligned) in &hits {
            print_hit(&mut out, h, span, aligned, colour)?;
        }
    }
    out.flush()?;
    let shown = hits.len();
    eprintln!(
        "{shown} hit{} in {} sentence{}{}",
        if shown == 1 { "" } else { "s" },
        found.len(),
        if found.len() == 1 { "" } else { "s" },
        if found.len() == a.limit {
            format!(" (the --limit; --limit {} shows more)", a.limit * 4)
        } else {
            String::new()
        }
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str, lang: Lang) -> Vec<String> {
        keyed(s, lang).into_iter().map(|x| x.1).collect()
    }

    #[test]
    fn finds_hamza_variants_in_the_original_text() {
        let text = "مؤكدة على التعاون مع قوات الأمن العراقية.";
        let spans = occurrences(text, Lang::Ar, &q("قوات الامن", Lang::Ar));
        assert_eq!(spans.len(), 1);
        let (s, e) = spans[0];
        assert_eq!(crate::text::char_slice(text, s, e), "قوات الأمن");
    }

    #[test]
    fn diacritics_and_tatweel_do_not_matter() {
        let text = "قـواتُ الأَمنِ";
        assert_eq!(
            occurrences(text, Lang::Ar, &q("قوات الامن", Lang::Ar)).len(),
            1
        );
    }

    #[test]
    fn english_is_case_folded_and_every_occurrence_found() {
        let text = "Iraqi Security Forces (ISF) and the security forces of Kurdistan.";
        let spans = occurrences(text, Lang::En, &q("security forces", Lang::En));
        assert_eq!(spans.len(), 2);
        assert_eq!(
            crate::text::char_slice(text, spans[0].0, spans[0].1),
            "Security Forces"
        );
    }

    #[test]
    fn query_language() {
        assert_eq!(query_lang("قوات الامن", None), Some(Lang::Ar));
        assert_eq!(query_lang("ISF", None), Some(Lang::En));
        assert_eq!(query_lang("2023", None), None);
        assert_eq!(query_lang("ISF", Some(Lang::Ar)), Some(Lang::Ar));
    }

    #[test]
    fn clips_at_spaces() {
        let long = "word ".repeat(30);
        let c = clip(long.trim(), false);
        assert!(c.ends_with('…') && c.chars().count() <= CONTEXT + 1);
        assert!(clip(long.trim(), true).starts_with('…'));
    }
}
