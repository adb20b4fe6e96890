//! Insertions inside aligned sentences: the Arabic sentence is split into clauses (at ، ؛ , ; and
//! before connectives such as بحجة، بزعم، في حين), each clause's support is measured against the
//! aligned English, and unsupported clauses are flagged. Word-level framing (a claim verb, scare
//! quotes, a loaded connective) is flagged with its exact span.

use super::markers::{self, MarkerHit, MarkerKind};
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::align::Bead;
use crate::anchors::ItemKind;
use crate::text::tokens::{tokenize, Token};

/// Support below which a clause counts as unsupported.
const MAX_SUPPORT: f32 = 0.2;
/// Clauses introduced by a connective marker are judged less strictly.
const MAX_SUPPORT_CONNECTIVE: f32 = 0.35;
/// A clause after a flagged one joins it when its support is below this and it carries an
/// editorial marker.
const WEAK_SUPPORT: f32 = 0.5;
/// Words a clause needs before it can be flagged (short clauses carry too little evidence).
const MIN_WORDS: usize = 4;

struct Clause {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    words: usize,
    support: f32,
    evidence: f32,
    connective: bool,
}

fn offers_of(ctx: &Context, b: &Bead) -> Vec<u32> {
    let mut v: Vec<u32> = b
        .src
        .iter()
        .flat_map(|&i| ctx.anchors.src[i].offers.iter().copied())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn is_clause_break(t: &str) -> bool {
    matches!(t, "،" | "," | "؛" | ";")
}

/// Token ranges of the clauses of a sentence.
fn clause_ranges(sentence: &str, toks: &[Token], hits: &[MarkerHit]) -> Vec<(usize, usize, bool)> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut starts: Vec<(usize, bool)> = vec![(0, false)];
    for k in 1..toks.len() {
        let gap: String = chars[toks[k - 1].end..toks[k].start].iter().collect();
        let punct = gap.chars().any(|c| is_clause_break(&c.to_string()));
        let connective = hits
            .iter()
            .any(|h| h.token == k && h.kind == MarkerKind::Connective);
        if punct || connective {
            starts.push((k, connective));
        }
    }
    let mut out = Vec::new();
    for (n, &(s, conn)) in starts.iter().enumerate() {
        let e = starts.get(n + 1).map(|x| x.0).unwrap_or(toks.len());
        if e > s {
            out.push((s, e, conn));
        }
    }
    out
}

fn clauses(ctx: &Context, j: usize, offers: &[u32], hits: &[MarkerHit]) -> Vec<Clause> {
    let text = &ctx.tgt[j];
    let toks = tokenize(text);
    let a = &ctx.anchors.tgt[j];
    clause_ranges(text, &toks, hits)
        .into_iter()
        .map(|(s, e, connective)| {
            let start = toks[s].start;
            let end = toks[e - 1].end;
            let (mut total, mut matched) = (0.0f32, 0.0f32);
            for item in &a.items {
                if item.start >= start && item.end <= end {
                    let w = if item.kind == ItemKind::Term {
                        item.weight
                    } else {
                        item.weight.max(1.0)
                    };
                    total += w;
                    if item.keys.iter().any(|k| offers.binary_search(k).is_ok()) {
                        matched += w;
                    }
                }
            }
            Clause {
                first: s,
                last: e,
                start,
                end,
                words: e - s,
                support: if total > 0.0 { matched / total } else { 0.0 },
                evidence: total,
                connective,
            }
        })
        .collect()
}

fn has_editorial(hits: &[MarkerHit], start: usize, end: usize) -> bool {
    hits.iter().any(|h| {
        h.start >= start
            && h.end <= end
            && matches!(
                h.kind,
                MarkerKind::Loaded | MarkerKind::Connective | MarkerKind::ClaimVerb
            )
    })
}

fn unsupported(c: &Clause) -> bool {
    let limit = if c.connective {
        MAX_SUPPORT_CONNECTIVE
    } else {
        MAX_SUPPORT
    };
    c.words >= MIN_WORDS && c.support < limit && c.evidence >= 1.0
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        let offers = offers_of(ctx, b);
        let src_text: String = b
            .src
            .iter()
            .map(|&i| ctx.src[i].as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for &j in &b.tgt {
            let text = &ctx.tgt[j];
            let hits = markers::find(text);
            let cl = clauses(ctx, j, &offers, &hits);
            // Only sentences that are translations at heart: some clause must be supported.
            let supported_words: usize =
                cl.iter().filter(|c| !unsupported(c)).map(|c| c.words).sum();
            let mut flagged: Vec<(usize, usize)> = Vec::new();
            if supported_words >= 4 && cl.len() > 1 {
                let mut k = 0;
                while k < cl.len() {
                    if !unsupported(&cl[k]) {
                        k += 1;
                        continue;
                    }
                    let mut e = k;
                    // Commentary runs on: take following clauses that are unsupported, or weakly
                    // supported and worded as commentary.
                    while e + 1 < cl.len()
                        && (unsupported(&cl[e + 1])
                            || (cl[e + 1].support < WEAK_SUPPORT
                                && has_editorial(&hits, cl[e + 1].start, cl[e + 1].end)))
                    {
                        e += 1;
                    }
                    let (start, end) = (cl[k].start, cl[e].end);
                    let in_span: Vec<&MarkerHit> = hits
                        .iter()
                        .filter(|h| h.start >= start && h.end <= end)
                        .collect();
                    let editorial: u32 =
                        markers::editorial_weight(&in_span.iter().map(|h| **h).collect::<Vec<_>>());
                    let words: usize = cl[k..=e].iter().map(|c| c.words).sum();
                    let severity = if editorial >= 2 {
                        Severity::High
                    } else if words >= 6 {
                        Severity::Medium
                    } else {
                        Severity::Low
                    };
                    let _ = (cl[k].first, cl[e].last);
                    out.push(Flag {
                        kind: FlagKind::Insertion,
                        subkind: Some("commentary".into()),
                        severity,
                        src: b.src.clone(),
                        tgt: vec![j],
                        span: Some(span(Side::Tgt, j, text, start, end)),
                        reason: format!(
                            "clause not supported by the aligned source{}",
                            if editorial >= 2 {
                                " and worded as commentary"
                            } else {
                                ""
                            }
                        ),
                    });
                    flagged.push((start, end));
                    k = e + 1;
                }
            }
            out.extend(word_level(ctx, b, j, &hits, &flagged, &src_text));
        }
    }
    out
}

/// Claim verbs, loaded connectives and scare quotes outside flagged clauses.
fn word_level(
    ctx: &Context,
    b: &Bead,
    j: usize,
    hits: &[MarkerHit],
    flagged: &[(usize, usize)],
    src_text: &str,
) -> Vec<Flag> {
    let text = &ctx.tgt[j];
    let inside = |s: usize, e: usize| flagged.iter().any(|&(a, z)| s >= a && e <= z);
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut seen_starts: Vec<usize> = Vec::new();
    for h in hits {
        if inside(h.start, h.end) || seen_starts.contains(&h.start) {
            continue;
        }
        if matches!(h.kind, MarkerKind::ClaimVerb)
            || (matches!(h.kind, MarkerKind::Connective) && h.weight >= 2)
        {
            // One flag per marker position: a connective (بزعم) wins over the claim verb in it.
            if h.kind == MarkerKind::ClaimVerb
                && hits.iter().any(|o| {
                    o.start == h.start && o.kind == MarkerKind::Connective && o.weight >= 2
                })
            {
                continue;
            }
            seen_starts.push(h.start);
        }
        match h.kind {
            MarkerKind::ClaimVerb => {
                let last = (h.token + 3).min(toks.len()) - 1;
                out.push(Flag {
                    kind: FlagKind::Mistranslation,
                    subkind: Some("loaded_rendering".into()),
                    severity: Severity::Medium,
                    src: b.src.clone(),
                    tgt: vec![j],
                    span: Some(span(Side::Tgt, j, text, h.start, toks[last].end)),
                    reason: "a claim verb recasts what the source states as a mere claim".into(),
                });
            }
            MarkerKind::Connective if h.weight >= 2 => {
                out.push(Flag {
                    kind: FlagKind::Insertion,
                    subkind: Some("framing".into()),
                    severity: Severity::Medium,
                    src: b.src.clone(),
                    tgt: vec![j],
                    span: Some(span(Side::Tgt, j, text, h.start, h.end)),
                    reason: "loaded connective added before a stated purpose or claim".into(),
                });
            }
            _ => {}
        }
    }
    // Scare quotes: one to three words in quotation marks where the source quotes nothing.
    let source_quotes = src_text.contains('"') || src_text.contains('“') || src_text.contains('‘');
    if !source_quotes {
        for (open, close) in [('«', '»'), ('“', '”'), ('"', '"')] {
            let chars: Vec<char> = text.chars().collect();
            let mut k = 0;
            while k < chars.len() {
                if chars[k] != open {
                    k += 1;
                    continue;
                }
                let Some(rel) = chars[k + 1..].iter().position(|&c| c == close) else {
                    break;
                };
                let e = k + 1 + rel;
                let inner: String = chars[k + 1..e].iter().collect();
                let words = inner.split_whitespace().count();
                if (1..=3).contains(&words) && !inside(k, e + 1) && !names_a_title(ctx, b, j, k, e)
                {
                    out.push(Flag {
                        kind: FlagKind::Insertion,
                        subkind: Some("framing".into()),
                        severity: Severity::Low,
                        src: b.src.clone(),
                        tgt: vec![j],
                        span: Some(span(Side::Tgt, j, text, k, e + 1)),
                        reason: "scare quotes around a word the source states plainly".into(),
                    });
                }
                k = e + 1;
            }
        }
    }
    out
}

/// Whether quoted Arabic text renders a capitalised English name or title (an exercise, an
/// operation): quotation marks around names are ordinary Arabic style.
fn names_a_title(ctx: &Context, b: &Bead, j: usize, start: usize, end: usize) -> bool {
    let a = &ctx.anchors.tgt[j];
    // Quoted words the lexicon does not know are most likely a proper name or a title.
    let words = tokenize(&ctx.tgt[j])
        .into_iter()
        .filter(|t| t.start >= start && t.end <= end)
        .count();
    let known = a
        .items
        .iter()
        .filter(|it| it.start >= start && it.end <= end && it.kind == ItemKind::Term)
        .count();
    if known < words {
        return true;
    }
    let keys: Vec<u32> = a
        .items
        .iter()
        .filter(|it| it.start >= start && it.end <= end)
        .flat_map(|it| it.keys.iter().copied())
        .collect();
    if a.items
        .iter()
        .any(|it| it.start >= start && it.end <= end && it.kind == ItemKind::Number)
    {
        return true;
    }
    for &i in &b.src {
        let s = &ctx.anchors.src[i];
        let text = &ctx.src[i];
        for it in &s.items {
            if it.start == 0 || !it.keys.iter().any(|k| keys.contains(k)) {
                continue;
            }
            let w = crate::text::char_slice(text, it.start, it.end);
            if w.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
        }
    }
    false
}
