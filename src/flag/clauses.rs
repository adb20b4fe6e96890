//! Insertions inside aligned sentences: each clause of an Arabic sentence is tested for support by
//! the aligned English (`support.rs`), and runs of unsupported clauses are flagged — high when
//! worded as commentary, low when they only attribute or frame. Word-level framing (a claim verb
//! for a plain "said", scare quotes, a loaded connective) is flagged with its exact span.

use super::markers::{self, MarkerHit, MarkerKind};
use super::support::{BeadView, ClauseTest};
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::align::Bead;
use crate::anchors::ItemKind;
use crate::text::tokens::tokenize;

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    let beads: Vec<&Bead> = ctx.beads.iter().filter(|b| !b.is_null()).collect();
    // The support test of every clause of every aligned Arabic sentence, with the encoder's
    // evidence where it is present.
    let mut all_tests: Vec<Vec<Vec<ClauseTest>>> = beads
        .iter()
        .map(|b| {
            let view = BeadView::new(ctx, b);
            (0..b.tgt.len()).map(|n| view.target_clauses(n)).collect()
        })
        .collect();
    super::semantic::add_evidence(ctx, &beads, &mut all_tests);
    let reference = super::dates::rendering_reference(ctx);
    for (b, per) in beads.iter().zip(all_tests) {
        let source = SourceSide {
            quotes: b.src.iter().any(|&i| ctx.src[i].contains(['"', '“', '‘'])),
            distances: std::cell::OnceCell::new(),
        };
        for (&j, tests) in b.tgt.iter().zip(per) {
            let text = &ctx.tgt[j];
            // A connective the source itself uses renders it.
            let hits = &markers::not_rendering(
                &ctx.words.ar(j).markers,
                b.src.iter().map(|&i| ctx.src[i].as_str()),
            );
            let mut flagged: Vec<(usize, usize)> = Vec::new();
            // Only sentences that are translations at heart: some clause must be rendered.
            let translated = tests.iter().any(|t| !t.unsupported() && t.matched > 0);
            if translated && tests.len() > 1 {
                for run in unsupported_runs(&tests) {
                    let (start, end) = (tests[run.0].clause.start, tests[run.1].clause.end);
                    // A date the source gives, in other words (a relative one resolved against
                    // the document's date): rendered, not added.
                    let date = super::dates::RunDate::read(ctx, reference, &b.src, j, (start, end));
                    if date.is_some_and(|d| d.renders_source_date() || d.changes_source_date())
                        || super::dates::restates_gregorian_date(ctx, &b.src, j, start, end)
                    {
                        continue;
                    }
                    let in_span: Vec<MarkerHit> = hits
                        .iter()
                        .filter(|h| h.start >= start && h.end <= end)
                        .copied()
                        .collect();
                    // A claim verb is word-level framing: it recasts the source's "said"
                    // (a loaded rendering, below), no commentary of the outlet's own. A run that
                    // is the verb and its subject («وادعت سنتكوم») is left to that flag; in a
                    // longer run it weighs nothing.
                    let claims: Vec<usize> = in_span
                        .iter()
                        .filter(|h| h.kind == MarkerKind::ClaimVerb)
                        .map(|h| h.start)
                        .collect();
                    // The connective «بزعم» shares the verb's stem: at a verb without a
                    // preposition it is the verb.
                    let words = ctx.words.ar(j);
                    let in_span: Vec<MarkerHit> = in_span
                        .into_iter()
                        .filter(|h| {
                            h.kind != MarkerKind::ClaimVerb
                                && !(h.kind == MarkerKind::Connective
                                    && claims.contains(&h.start)
                                    && !prepositional(&words.norms[h.token]))
                        })
                        .collect();
                    let claims = claims.len();
                    let editorial = markers::editorial_weight(&in_span);
                    if claims > 0 && editorial < 2 && run_words(&tests, run) <= claims + 2 {
                        continue;
                    }
                    let framing = in_span
                        .iter()
                        .any(|h| matches!(h.kind, MarkerKind::Framing | MarkerKind::Citation));
                    // An attribution to a statement and nothing more («بحسب بيان صادر عن
                    // القيادة», "according to a statement by the Command") is the outlet citing
                    // the document it renders — the source is a statement — not a voice it
                    // adds. Where it also says where it was published (a platform, an account:
                    // «في بيان نشرته عبر منصة إكس») it frames the source with detail of its own.
                    if framing
                        && editorial < 2
                        && !in_span.iter().any(|h| h.kind == MarkerKind::Framing)
                        && names_a_statement(ctx, j, start, end)
                    {
                        continue;
                    }
                    let (subkind, severity, reason) = if editorial >= 2 {
                        (
                            "commentary",
                            Severity::High,
                            "clause not supported by the aligned source and worded as commentary",
                        )
                    } else if framing {
                        (
                            "framing",
                            Severity::Low,
                            "attribution or framing added to the translated sentence",
                        )
                    } else {
                        (
                            "addition",
                            Severity::Medium,
                            "clause not supported by the aligned source",
                        )
                    };
                    out.push(Flag {
                        kind: FlagKind::Insertion,
                        subkind: Some(subkind.into()),
                        severity,
                        src: b.src.clone(),
                        tgt: vec![j],
                        span: Some(span(Side::Tgt, j, text, start, end)),
                        reason: reason.into(),
                    });
                    flagged.push((start, end));
                }
            }
            out.extend(word_level(ctx, b, j, hits, &tests, &flagged, &source));
        }
    }
    out
}

/// The lexicon concepts of the words of a bead's source.
fn concepts_of_source(ctx: &Context, b: &Bead) -> std::collections::HashSet<u32> {
    b.src
        .iter()
        .flat_map(|&i| ctx.words.en(i).concepts.iter().flatten().copied())
        .collect()
}

/// The country, place or organisation of the bead's source that a loaded word of target
/// sentence `j` (`h`: «الاحتلال» "the occupation", «الكيان» "the entity") stands for: one the
/// source names and no sentence of the bead's Arabic renders, while the loaded word renders
/// nothing of the source. A named party called by an epithet is a loaded rendering.
fn epithet_for(ctx: &Context, b: &Bead, j: usize, h: &MarkerHit) -> Option<String> {
    let lex = ctx.lexicon;
    let ar_concepts: std::collections::HashSet<u32> = b
        .tgt
        .iter()
        .flat_map(|&t| ctx.words.ar(t).concepts.iter().flatten().copied())
        .collect();
    let source_concepts = concepts_of_source(ctx, b);
    let words = ctx.words.ar(j);
    let own = &words.concepts[h.token];
    if own.iter().any(|c| source_concepts.contains(c))
        || !markers::as_listed(h, &words.norms[h.token])
    {
        return None;
    }
    // Spelled or given as its adjective («السودانيون» for Sudan) is rendered too.
    let spelled = |name: &str| {
        b.tgt.iter().any(|&t| {
            ctx.words
                .ar(t)
                .norms
                .iter()
                .any(|n| crate::text::translit::names_match(n, name))
        })
    };
    b.src.iter().find_map(|&i| {
        let en = ctx.words.en(i);
        en.toks.iter().zip(&en.concepts).find_map(|(t, cs)| {
            let named = t.text.starts_with(char::is_uppercase)
                && cs
                    .iter()
                    .any(|&c| lex.place_kind(c).is_some() || lex.is_institution(c))
                && !cs.iter().any(|c| ar_concepts.contains(c));
            let name = t.text.trim_end_matches("'s").trim_end_matches("’s");
            (named && !spelled(name)).then(|| name.to_string())
        })
    })
}

/// Whether a loaded marker of target sentence `j` renders nothing of the bead's source: its
/// gloss is not said there, and its loaded words — the first, and any other loaded on its own —
/// share no concept with it («الأمريكي» in «الاحتلال الأمريكي» renders "U.S." while the phrase
/// calls the presence an occupation).
fn renders_nothing(ctx: &Context, b: &Bead, j: usize, h: &MarkerHit) -> bool {
    let source_concepts = concepts_of_source(ctx, b);
    let words = ctx.words.ar(j);
    let source_lower: String = b
        .src
        .iter()
        .map(|&i| ctx.src[i].to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    if !markers::as_listed(h, &words.norms[h.token]) || markers::gloss_in(h, &source_lower) {
        return false;
    }
    words
        .toks
        .iter()
        .zip(&words.concepts)
        .enumerate()
        .filter(|(k, (t, _))| {
            t.start >= h.start
                && t.end <= h.end
                && (*k == h.token || markers::loaded_word(&words.norms[*k]))
        })
        .flat_map(|(_, (_, cs))| cs.iter())
        .all(|c| !source_concepts.contains(c))
}

/// Whether the Arabic sentence `j` names a statement (the lexicon's renderings of "statement",
/// "press release", "announcement") between characters `start` and `end`.
fn names_a_statement(ctx: &Context, j: usize, start: usize, end: usize) -> bool {
    let lex = ctx.lexicon;
    let genre: Vec<u32> = ["statement", "press release", "announcement"]
        .iter()
        .flat_map(|w| lex.en(&crate::anchors::lexicon::en_key(w)).iter().copied())
        .collect();
    let w = ctx.words.ar(j);
    w.toks
        .iter()
        .zip(&w.concepts)
        .any(|(t, cs)| t.start >= start && t.end <= end && cs.iter().any(|c| genre.contains(c)))
}

/// What the word-level checks read of a bead's source, once per bead.
struct SourceSide {
    /// The source quotes something: quotation marks in the Arabic may render it.
    quotes: bool,
    /// The source distances itself from something it reports or reports a claim (see
    /// `source_distances`); read only where the Arabic has a marker it would explain.
    distances: std::cell::OnceCell<bool>,
}

/// Whether a normalised word carries a preposition (after a conjunction): «بزعم» is the
/// connective "on the claim that", «وزعمت» the verb.
fn prepositional(norm: &str) -> bool {
    let bare = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ف'))
        .unwrap_or(norm);
    bare.starts_with(['ب', 'ل', 'ك'])
}

/// Words of the clauses `run.0..=run.1`.
fn run_words(tests: &[ClauseTest], run: (usize, usize)) -> usize {
    tests[run.0..=run.1].iter().map(|t| t.clause.words).sum()
}

/// Runs of consecutive unsupported clauses, as (first, last) clause indices.
pub fn unsupported_runs(tests: &[ClauseTest]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (k, t) in tests.iter().enumerate() {
        if !t.unsupported() {
            continue;
        }
        match runs.last_mut() {
            Some(r) if r.1 + 1 == k => r.1 = k,
            _ => runs.push((k, k)),
        }
    }
    runs
}

/// Weight from which a connective imputes a motive or a verdict on its own ("on the pretext of",
/// "in flagrant violation of"). Lighter ones ("this comes amid", "it is worth noting that") only
/// introduce what follows: they are flagged only where the clause they open is unsupported.
const LOADED: u8 = 3;

/// Claim verbs, loaded connectives and scare quotes outside flagged clauses.
fn word_level(
    ctx: &Context,
    b: &Bead,
    j: usize,
    hits: &[MarkerHit],
    tests: &[ClauseTest],
    flagged: &[(usize, usize)],
    source: &SourceSide,
) -> Vec<Flag> {
    let text = &ctx.tgt[j];
    // A light connective is flagged only where the clause it opens is not supported by the
    // source (in a sentence too thinly matched for the clause runs above to be judged).
    let opens_unsupported = |h: &MarkerHit| {
        tests
            .iter()
            .find(|t| t.clause.start <= h.start && h.start < t.clause.end)
            .is_some_and(ClauseTest::unsupported)
    };
    let flags_alone = |h: &MarkerHit| h.weight >= LOADED || (h.weight >= 2 && opens_unsupported(h));
    let inside = |s: usize, e: usize| flagged.iter().any(|&(a, z)| s >= a && e <= z);
    let words = ctx.words.ar(j);
    let toks = &words.toks;
    // Markers match by light stem, so «وزعمت» (claimed) and «بزعم» (on the claim that) meet at
    // one token: a preposition on the token makes it the connective, none the verb.
    let prepositional = |h: &MarkerHit| prepositional(&words.norms[h.token]);
    let verb_at = |start: usize| {
        hits.iter()
            .any(|o| o.start == start && o.kind == MarkerKind::ClaimVerb)
    };
    let connective_flags =
        |h: &MarkerHit| flags_alone(h) && (prepositional(h) || !verb_at(h.start));
    // A flag of this bead on characters start..end of the Arabic sentence.
    let flag = |kind: FlagKind,
                subkind: &str,
                severity: Severity,
                (start, end): (usize, usize),
                reason: String| Flag {
        kind,
        subkind: Some(subkind.into()),
        severity,
        src: b.src.clone(),
        tgt: vec![j],
        span: Some(span(Side::Tgt, j, text, start, end)),
        reason,
    };
    let mut out = Vec::new();
    let mut seen_starts: Vec<usize> = Vec::new();
    for h in hits {
        if inside(h.start, h.end) || seen_starts.contains(&h.start) {
            continue;
        }
        if matches!(h.kind, MarkerKind::ClaimVerb)
            || (matches!(h.kind, MarkerKind::Connective) && connective_flags(h))
        {
            // One flag per marker position: a connective (بزعم) wins over the claim verb in it.
            if h.kind == MarkerKind::ClaimVerb
                && hits.iter().any(|o| {
                    o.start == h.start && o.kind == MarkerKind::Connective && connective_flags(o)
                })
            {
                continue;
            }
            seen_starts.push(h.start);
        }
        // Where the source itself reports a claim ("the argument that", "claims"), the Arabic
        // claim verb or «بزعم» renders it.
        let source_reports = || *source.distances.get_or_init(|| source_distances(ctx, b));
        match h.kind {
            MarkerKind::ClaimVerb | MarkerKind::Connective if source_reports() => {}
            MarkerKind::ClaimVerb => {
                let last = (h.token + 3).min(toks.len()) - 1;
                let at = (h.start, toks[last].end);
                // A claim verb renders a word of saying of the source ("said" → «زعم») when
                // the Arabic has fewer other reporting words than the source; otherwise it
                // renders none and is added ("struck by a missile launched from …" → «زُعم
                // أنه أُطلق من …», "allegedly").
                if renders_a_reporting_word(ctx, b, j, h) {
                    out.push(flag(
                        FlagKind::Mistranslation,
                        "loaded_rendering",
                        Severity::Medium,
                        at,
                        "a claim verb recasts what the source states as a mere claim".into(),
                    ));
                } else {
                    out.push(flag(
                        FlagKind::Insertion,
                        "framing",
                        Severity::Medium,
                        at,
                        "a claim verb with no reporting word of the source to render casts what the source states as a claim".into(),
                    ));
                }
            }
            // A weak loaded word (weight 1) is common in neutral text: only the usually
            // editorial ones are read as an epithet.
            MarkerKind::Loaded if h.weight >= 2 => {
                let wording = crate::text::char_slice(text, h.start, h.end);
                let reason = if let Some(named) = epithet_for(ctx, b, j, h) {
                    Some(format!(
                        "the loaded word '{wording}' stands where the source names {named}, which the translation does not render"
                    ))
                } else if h.weight >= LOADED && renders_nothing(ctx, b, j, h) {
                    // «قواعد الاحتلال الأمريكي» for "facilities hosting U.S. personnel": a
                    // strongly editorial word inside a rendered sentence, which no word of the
                    // source asks for.
                    Some(format!(
                        "the loaded wording '{wording}' has no counterpart in the source"
                    ))
                } else {
                    None
                };
                if let Some(reason) = reason {
                    out.push(flag(
                        FlagKind::Mistranslation,
                        "loaded_rendering",
                        Severity::Medium,
                        (h.start, h.end),
                        reason,
                    ));
                }
            }
            MarkerKind::Distancer if !source_reports() => {
                // «التهديد المزعوم» for "the threat": the source states what the Arabic casts as
                // doubtful. The span takes the word qualified: before an adjective with the
                // article («التهديد المزعوم»), after a relative «ما تسمى عملية».
                let adjective = words.norms[h.token].starts_with("ال");
                let (start, end) = if adjective && h.token > 0 {
                    (toks[h.token - 1].start, h.end)
                } else {
                    let last = toks.iter().rposition(|t| t.end <= h.end).unwrap_or(h.token);
                    (h.start, toks.get(last + 1).map_or(h.end, |t| t.end))
                };
                out.push(flag(
                    FlagKind::Insertion,
                    "commentary",
                    Severity::High,
                    (start, end),
                    format!(
                        "'{}' casts as doubtful what the source states (the source says nothing like 'alleged' or 'so-called')",
                        crate::text::char_slice(text, h.start, h.end)
                    ),
                ));
            }
            MarkerKind::Connective if connective_flags(h) => {
                out.push(flag(
                    FlagKind::Insertion,
                    "framing",
                    Severity::Medium,
                    (h.start, h.end),
                    "loaded connective added before a stated purpose or claim".into(),
                ));
            }
            _ => {}
        }
    }
    // Scare quotes: one to three words in quotation marks where the source quotes nothing.
    if !source.quotes {
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
                    out.push(flag(
                        FlagKind::Insertion,
                        "framing",
                        Severity::Low,
                        (k, e + 1),
                        "scare quotes around a word the source states plainly".into(),
                    ));
                }
                k = e + 1;
            }
        }
    }
    out
}

/// English words by which a source distances itself from what it reports (data file).
fn english_distancers() -> &'static std::collections::HashSet<&'static str> {
    static D: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    D.get_or_init(|| crate::text::data::entries(include_str!("data/distancers_en.txt")).collect())
}

/// Whether the bead's source distances itself from something it reports ("alleged", "so-called",
/// "what it calls") or reports it as someone's claim ("the argument that"): an Arabic distancer,
/// claim verb or «بزعم» may then render it.
/// Whether the claim verb `h` of Arabic sentence `j` may render a reporting word of the
/// bead's source: the source has more reporting words (the glossary's reporting category:
/// "said", "reported") than the Arabic renders with words of their own meaning besides the
/// claim verb. (Only the source's meanings are counted: the category also holds words other
/// Arabic words share a form with, «تحمل» carry / hold responsible.)
fn renders_a_reporting_word(ctx: &Context, b: &Bead, j: usize, h: &MarkerHit) -> bool {
    let lex = ctx.lexicon;
    let mut meanings: Vec<u32> = Vec::new();
    let mut source = 0;
    for &i in &b.src {
        for c in &ctx.words.en(i).concepts {
            let reporting: Vec<u32> = c.iter().copied().filter(|&x| lex.is_reporting(x)).collect();
            if !reporting.is_empty() {
                source += 1;
                meanings.extend(reporting);
            }
        }
    }
    let arabic: usize = b
        .tgt
        .iter()
        .map(|&t| {
            let w = ctx.words.ar(t);
            w.toks
                .iter()
                .zip(&w.concepts)
                .filter(|(tok, _)| !(t == j && h.start <= tok.start && tok.start < h.end))
                .filter(|(_, c)| c.iter().any(|x| meanings.contains(x)))
                .count()
        })
        .sum();
    source > arabic
}

fn source_distances(ctx: &Context, b: &Bead) -> bool {
    b.src.iter().any(|&i| {
        let words: Vec<String> = ctx
            .words
            .en(i)
            .toks
            .iter()
            .map(|t| t.text.to_lowercase())
            .collect();
        // Forms the tokeniser cuts ("so-called") are looked for in the text.
        let lower = ctx.src[i].to_lowercase();
        let cut = english_distancers()
            .iter()
            .any(|d| d.contains(['-', ' ']) && lower.contains(d));
        cut || words.iter().enumerate().any(|(k, w)| {
            english_distancers().contains(w.as_str())
                || (w == "what"
                    && words[k + 1..]
                        .iter()
                        .take(3)
                        .any(|n| matches!(n.as_str(), "call" | "calls" | "called")))
        })
    })
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
    // Quoted words the lexicon knows as the name of a body or a place (an acronym spelled out:
    // «سنتكوم»): Arabic writing quotes such names, whether or not this sentence of the source
    // gives the name.
    if keys
        .iter()
        .any(|&k| ctx.lexicon.is_institution(k) || ctx.lexicon.place_kind(k).is_some())
    {
        return true;
    }
    // A quoted word that spells a capitalised word of the source is a name the outlet quotes
    // as Arabic writing quotes the names of companies and bodies («شركة الواحة», "Al-Waha"),
    // whatever the lexicon reads in it ("oasis").
    let quoted = ctx.words.ar(j);
    let spelled = quoted
        .toks
        .iter()
        .zip(&quoted.norms)
        .filter(|(t, _)| t.start >= start && t.end <= end)
        .any(|(_, norm)| {
            b.src.iter().any(|&i| {
                let w = ctx.words.en(i);
                w.toks.iter().enumerate().any(|(k, t)| {
                    t.text.chars().next().is_some_and(char::is_uppercase)
                        && !crate::text::tokens::starts_sentence(&ctx.src[i], &w.toks, k)
                        && crate::text::translit::names_match(norm, t.text)
                })
            })
        });
    // Or the letters of an acronym of the source said by their names («آر تي إكس» RTX).
    let inner: Vec<&str> = quoted
        .toks
        .iter()
        .zip(&quoted.norms)
        .filter(|(t, _)| t.start >= start && t.end <= end)
        .map(|(_, n)| n.as_str())
        .collect();
    let by_letters = || {
        b.src.iter().any(|&i| {
            ctx.words.en(i).toks.iter().any(|t| {
                crate::anchors::is_acronym(t)
                    && crate::text::translit::spells_acronym_by_letters(&inner, t.text)
            })
        })
    };
    if spelled || by_letters() {
        return true;
    }
    for &i in &b.src {
        let s = &ctx.anchors.src[i];
        let text = &ctx.src[i];
        for it in &s.items {
            if !it.keys.iter().any(|k| keys.contains(k)) {
                continue;
            }
            let w = crate::text::char_slice(text, it.start, it.end);
            // A capital says "name" inside the sentence; an acronym says it anywhere
            // ("CENTCOM forces identified…" quoted as «سنتكوم»).
            let acronym = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase());
            if (it.start > 0 || acronym) && w.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;

    /// (subkind or kind, severity, span text) of the clause and word-level flags of a pair.
    fn flags(en: &str, ar: &str) -> Vec<(String, Severity, String)> {
        flags_of(&[en], &[ar])
    }

    /// The flags of a document aligned sentence by sentence: (subkind or kind, severity, span).
    fn flags_of(en: &[&str], ar: &[&str]) -> Vec<(String, Severity, String)> {
        crate::flag::with_parallel_beads(Lexicon::builtin(), en, ar, |ctx| {
            detect(ctx)
                .into_iter()
                .map(|f| {
                    let name = f.subkind.unwrap_or_else(|| f.kind.as_str().to_string());
                    (name, f.severity, f.span.map(|s| s.text).unwrap_or_default())
                })
                .collect()
        })
    }

    #[test]
    fn an_attribution_to_a_statement_cites_the_source_and_other_voices_are_flagged() {
        // A document, so that the support rates are the document's own.
        let en = [
            "The Ministry of Defense opened a new maritime training center in the port city on Monday.",
            "The center was built with support from partner navies over two years.",
            "The new center will train up to 400 coast guard personnel a year.",
            "Courses will cover boarding, search and seizure, and the operation of unmanned systems.",
            "The first class will graduate in the spring.",
        ];
        let with = |third: &str| -> Vec<String> {
            let ar = [
                "افتتحت وزارة الدفاع يوم الاثنين مركزا جديدا للتدريب البحري في المدينة الساحلية.",
                "وقد بني المركز بدعم من القوات البحرية الشريكة على مدى عامين.",
                third,
                "وستشمل الدورات الصعود إلى السفن وتفتيشها وضبطها وتشغيل الأنظمة غير المأهولة.",
                "وستتخرج الدفعة الأولى في الربيع.",
            ];
            crate::flag::with_parallel_beads(Lexicon::builtin(), &en, &ar, |ctx| {
                detect(ctx).into_iter().filter_map(|f| f.subkind).collect()
            })
        };
        let rest = "سيدرب المركز الجديد ما يصل إلى 400 من أفراد خفر السواحل سنويا.";
        assert!(with(&format!("وبحسب بيان صادر عن الوزارة، {rest}")).is_empty());
        assert!(with(&format!("وبحسب البيان الرسمي، {rest}")).is_empty());
        // A post on a platform, or a statement and where it was published, is framing the
        // outlet adds.
        for framed in [
            "وبحسب تغريدة على حساب الوزارة،",
            "وفي بيان نشرته الوزارة على موقعها الإلكتروني،",
        ] {
            assert_eq!(
                with(&format!("{framed} {rest}")),
                vec!["framing".to_string()],
                "{framed}"
            );
        }
    }

    #[test]
    fn a_strongly_loaded_word_the_source_does_not_ask_for_is_a_loaded_rendering() {
        let loaded = |en: &str, ar: &str| {
            crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], |ctx| {
                detect(ctx)
                    .into_iter()
                    .filter(|f| f.subkind.as_deref() == Some("loaded_rendering"))
                    .filter_map(|f| f.span.map(|s| s.text))
                    .collect::<Vec<_>>()
            })
        };
        let en = "Two drones struck near a base hosting U.S. troops in eastern Syria on Monday.";
        assert_eq!(
            loaded(
                en,
                "وضربت طائرتان مسيرتان قرب قاعدة للاحتلال الأمريكي في شرق سوريا يوم الاثنين."
            ),
            vec!["للاحتلال الأمريكي".to_string()]
        );
        assert!(loaded(
            en,
            "وضربت طائرتان مسيرتان قرب قاعدة تستضيف قوات أمريكية في شرق سوريا يوم الاثنين."
        )
        .is_empty());
        // The source says it: the gloss ("suspicious") or the word's concept ("occupation").
        let en = "The centre will share information on suspicious vessels in the Red Sea.";
        assert!(loaded(
            en,
            "وسيتبادل المركز المعلومات بشأن السفن المشبوهة في البحر الأحمر."
        )
        .is_empty());
        let en = "The envoy said the occupation of the district must end.";
        assert!(loaded(en, "وقال المبعوث إن الاحتلال الأمريكي للمنطقة يجب أن ينتهي.").is_empty());
    }

    #[test]
    fn a_party_called_by_an_epithet_is_a_loaded_rendering() {
        let en = "Israel must reopen the crossing to aid trucks.";
        let loaded = |ar: &str| {
            crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], |ctx| {
                detect(ctx)
                    .into_iter()
                    .filter(|f| f.subkind.as_deref() == Some("loaded_rendering"))
                    .count()
            })
        };
        assert_eq!(
            loaded("وعلى الاحتلال أن يعيد فتح المعبر أمام شاحنات المساعدات."),
            1
        );
        // Named, the same sentence holds no epithet.
        assert_eq!(
            loaded("وعلى إسرائيل أن تعيد فتح المعبر أمام شاحنات المساعدات."),
            0
        );
    }

    #[test]
    fn a_connective_the_source_uses_renders_it() {
        let ar_last = "ويأتي هذا التحرك بعد أن تخرجت الدفعة الأولى من ضباط خفر السواحل في مارس.";
        let with = |last: &str| -> Vec<String> {
            let en = [
                "The Ministry of Defense opened a new maritime training center in the port city on Monday.",
                "The center was built with support from partner navies over two years.",
                "The new center will train up to 400 coast guard personnel a year.",
                last,
            ];
            let ar = [
                "افتتحت وزارة الدفاع يوم الاثنين مركزا جديدا للتدريب البحري في المدينة الساحلية.",
                "وقد بني المركز بدعم من القوات البحرية الشريكة على مدى عامين.",
                "سيدرب المركز الجديد ما يصل إلى 400 من أفراد خفر السواحل سنويا.",
                ar_last,
            ];
            crate::flag::with_parallel_beads(Lexicon::builtin(), &en, &ar, |ctx| {
                detect(ctx).into_iter().filter_map(|f| f.subkind).collect()
            })
        };
        // The source states the graduation only: "this move comes after" is the outlet's link.
        let got = with("The first class of coast guard officers graduated in March.");
        assert!(got.contains(&"commentary".to_string()), "{got:?}");
        // The source links the two itself: the connective renders "follows".
        let got = with(
            "The opening follows the graduation of the first class of coast guard officers in March.",
        );
        assert!(!got.contains(&"commentary".to_string()), "{got:?}");
    }

    #[test]
    fn an_added_distancer_is_commentary() {
        let en = "The militia's attacks on the pipeline forced the company to cut exports.";
        let got = flags(
            en,
            "أجبرت هجمات الميليشيا المزعومة على خط الأنابيب الشركة على خفض الصادرات.",
        );
        assert!(
            got.iter().any(|(k, s, t)| k == "commentary"
                && *s == Severity::High
                && t.contains("المزعومة")),
            "{got:?}"
        );
        // The source distances itself too: «المزعومة» renders "alleged".
        let en = "The militia's alleged attacks on the pipeline forced the company to cut exports.";
        let got = flags(
            en,
            "أجبرت هجمات الميليشيا المزعومة على خط الأنابيب الشركة على خفض الصادرات.",
        );
        assert!(!got.iter().any(|(k, _, _)| k == "commentary"), "{got:?}");
        // A hyphenated form the tokeniser cuts: "so-called".
        let got = flags(
            "The ships sailed under the so-called Operation Blue Shield.",
            "أبحرت السفن في إطار ما تسمى عملية الدرع الأزرق.",
        );
        assert!(!got.iter().any(|(k, _, _)| k == "commentary"), "{got:?}");
        // «ما تسمى» agrees with a feminine noun: the same marker.
        let got = flags(
            "The ships sailed under Operation Blue Shield.",
            "أبحرت السفن في إطار ما تسمى عملية الدرع الأزرق.",
        );
        assert!(
            got.iter()
                .any(|(k, _, t)| k == "commentary" && t == "ما تسمى عملية"),
            "{got:?}"
        );
    }

    #[test]
    fn an_added_passage_cut_by_a_relative_pronoun_is_judged_whole() {
        // The outlet's passage «رغم التحذيرات المتكررة التي أطلقها المراقبون منذ أشهر» is cut
        // in two at «التي»; each half alone is too short for its length to tell.
        let en = [
            "The navy escorted four tankers through the strait on Monday.",
            "The ships reached the port of Aden without incident.",
            "The ministry said the patrols would continue next week.",
        ];
        let ar = [
            "رافقت البحرية أربع ناقلات عبر المضيق يوم الاثنين، رغم التحذيرات المتكررة التي أطلقها المراقبون منذ أشهر.",
            "ووصلت السفن إلى ميناء عدن دون حوادث.",
            "وقالت الوزارة إن الدوريات ستستمر الأسبوع المقبل.",
        ];
        let got = crate::flag::with_parallel_beads(Lexicon::builtin(), &en, &ar, |ctx| {
            detect(ctx)
                .into_iter()
                .filter_map(|f| f.span.map(|s| s.text))
                .collect::<Vec<_>>()
        });
        assert!(
            got.iter()
                .any(|t| t.contains("التحذيرات") && t.contains("المراقبون")),
            "{got:?}"
        );
    }

    #[test]
    fn an_acronym_quoted_as_arabic_writes_it_is_no_scare_quote() {
        let en = "CENTCOM forces intercepted two drones over the Gulf of Aden.";
        let got = flags(en, "واعترضت قوات «سنتكوم» طائرتين مسيرتين فوق خليج عدن.");
        assert!(!got.iter().any(|(k, _, _)| k == "framing"), "{got:?}");
        // Named by the outlet, not by this sentence of the source: a name all the same.
        let got = flags(
            "The forces intercepted two drones over the Gulf of Aden.",
            "وقالت «سنتكوم» إن قواتها اعترضت طائرتين مسيرتين فوق خليج عدن.",
        );
        assert!(!got.iter().any(|(k, _, _)| k == "framing"), "{got:?}");
        // A plain word of the source in quotes is still one.
        let got = flags(en, "واعترضت قوات «سنتكوم» طائرتين «مسيرتين» فوق خليج عدن.");
        assert!(
            got.iter()
                .any(|(k, _, t)| k == "framing" && t.contains("مسيرتين")),
            "{got:?}"
        );
    }

    #[test]
    fn a_time_of_day_rendered_in_words_supports_its_clause() {
        let en = [
            "The navy escorted four tankers through the strait on Monday.",
            "Earlier the same day, between 4:00 a.m. and 6:30 a.m., militants launched 12 drones toward the port.",
            "The ships reached the port of Aden without incident.",
        ];
        let with = |second: &str| -> Vec<String> {
            let ar = [
                "رافقت البحرية أربع ناقلات عبر المضيق يوم الاثنين.",
                second,
                "ووصلت السفن إلى ميناء عدن دون حوادث.",
            ];
            crate::flag::with_parallel_beads(Lexicon::builtin(), &en, &ar, |ctx| {
                detect(ctx).into_iter().filter_map(|f| f.subkind).collect()
            })
        };
        let rendered = "وفي وقت سابق من اليوم نفسه، وبين الساعة الرابعة والسادسة والنصف صباحاً، أطلق مسلحون 12 طائرة مسيرة باتجاه الميناء.";
        assert!(with(rendered).is_empty(), "{:?}", with(rendered));
    }

    #[test]
    fn a_claim_verb_for_said_is_a_loaded_rendering_not_commentary() {
        // The clause «زعمت البحرية» is the source's "the navy said", recast: medium, not the
        // high of an outlet's own comment.
        let en = [
            "The navy escorted four tankers through the strait on Monday.",
            "Later, the navy said its destroyer shot down two drones over the Red Sea.",
            "The ships reached the port of Aden without incident.",
        ];
        let ar = [
            "رافقت البحرية أربع ناقلات عبر المضيق يوم الاثنين.",
            "وفي وقت لاحق، زعمت «البحرية» أن مدمرتها أسقطت طائرتين مسيرتين فوق البحر الأحمر.",
            "ووصلت السفن إلى ميناء عدن دون حوادث.",
        ];
        let got = flags_of(&en, &ar);
        assert!(
            got.iter()
                .any(|(k, s, _)| k == "loaded_rendering" && *s == Severity::Medium),
            "{got:?}"
        );
        assert!(!got.iter().any(|(_, s, _)| *s == Severity::High), "{got:?}");
    }

    #[test]
    fn a_claim_verb_beside_the_rendered_reporting_verb_is_added() {
        // "reported that … fired from the coast": «أفاد» renders "reported", and «زُعم أنها»
        // ("allegedly") renders no word of the source: an insertion, not a recast "said".
        let en = [
            "The navy escorted four tankers through the strait on Monday.",
            "The crew reported that the drone was fired from the coast near Hodeidah.",
            "The ships reached the port of Aden without incident.",
        ];
        let kinds = |second: &str| -> Vec<(FlagKind, String)> {
            let ar = [
                "رافقت البحرية أربع ناقلات عبر المضيق يوم الاثنين.",
                second,
                "ووصلت السفن إلى ميناء عدن دون حوادث.",
            ];
            crate::flag::with_parallel_beads(Lexicon::builtin(), &en, &ar, |ctx| {
                detect(ctx)
                    .into_iter()
                    .map(|f| (f.kind, f.subkind.unwrap_or_default()))
                    .collect()
            })
        };
        let added = "وأفاد الطاقم بأن الطائرة المسيرة زُعم أنها أُطلقت من الساحل قرب الحديدة.";
        assert_eq!(
            kinds(added),
            vec![(FlagKind::Insertion, "framing".to_string())]
        );
        let recast = "وزعم الطاقم أن الطائرة المسيرة أُطلقت من الساحل قرب الحديدة.";
        assert_eq!(
            kinds(recast),
            vec![(FlagKind::Mistranslation, "loaded_rendering".to_string())]
        );
    }

    #[test]
    fn an_accusation_for_a_stated_fact_is_added_framing() {
        // "which supplied …" as «التي تتهمها واشنطن بتزويد …» (which Washington accuses of
        // supplying): the fact recast as a claim by words no word of the source asks for —
        // added framing (medium), not a comment of the outlet's own (high).
        let en = [
            "The department named three companies on Tuesday.",
            "One of them is Cairo-based Delta Marine, which supplied engine parts to the militia in 2023.",
            "The other two are registered in Malta.",
        ];
        let ar = [
            "وسمّت الوزارة ثلاث شركات يوم الثلاثاء.",
            "ومن بينها شركة «دلتا مارين» ومقرها القاهرة، التي تتهمها واشنطن بتزويد الميليشيا بقطع غيار محركات عام 2023.",
            "أما الشركتان الأخريان فمسجلتان في مالطا.",
        ];
        let got = flags_of(&en, &ar);
        assert!(!got.iter().any(|(_, s, _)| *s == Severity::High), "{got:?}");
        assert!(
            got.iter()
                .any(|(k, s, _)| k == "framing" && *s == Severity::Medium),
            "{got:?}"
        );
        // Where the source accuses, the Arabic accusation renders it.
        let got = flags(
            "The ministry accused the militia of shelling the market.",
            "واتهمت الوزارة الميليشيا بقصف السوق.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_claim_verb_is_not_read_as_the_connective_of_its_stem() {
        // «وزعمت» (claimed) and «بزعم» (on the claim that) share a stem.
        let got = flags(
            "The ministry said the convoy carried only food.",
            "وزعمت الوزارة أن القافلة كانت تحمل الغذاء فقط.",
        );
        assert!(
            got.iter().any(|(k, _, _)| k == "loaded_rendering"),
            "{got:?}"
        );
        let got = flags(
            "The army closed the crossing, citing security threats.",
            "أغلق الجيش المعبر بزعم وجود تهديدات أمنية.",
        );
        assert!(got.iter().any(|(k, _, _)| k == "framing"), "{got:?}");
    }

    #[test]
    fn a_claim_the_source_reports_as_a_claim_is_rendered_not_added() {
        let got = flags(
            "We reject the argument that aid convoys serve the militias.",
            "ونرفض الزعم بأن قوافل المساعدات تخدم الميليشيات.",
        );
        assert!(got.is_empty(), "{got:?}");
        let got = flags(
            "The group closed the road on the pretext of security threats.",
            "أغلقت الجماعة الطريق بزعم وجود تهديدات أمنية.",
        );
        assert!(got.is_empty(), "{got:?}");
        let got = flags(
            "The militia claims that the port is a military site.",
            "وتزعم الميليشيا أن الميناء موقع عسكري.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_clause_carrying_a_changed_date_is_no_addition() {
        let en = [
            "Secretary of Defense Mark Ellison met with Egyptian Defense Minister Ahmed Fathy at the Pentagon on Tuesday.",
            "The two leaders reviewed border security cooperation and the threat posed by weapons smuggling across the Sinai.",
            "Secretary Ellison praised the professionalism of Egyptian border forces.",
            "The two leaders also discussed the training of Egyptian air defense crews at Fort Bliss, Texas, which began in February.",
            "They agreed to hold the next round of defense talks in Cairo in the autumn.",
        ];
        let mut ar = [
            "التقى وزير الدفاع الأمريكي مارك إليسون وزير الدفاع المصري أحمد فتحي في البنتاغون يوم الثلاثاء.",
            "واستعرض الجانبان التعاون في أمن الحدود والتهديد الذي يشكله تهريب الأسلحة عبر سيناء.",
            "وأشاد إليسون بمهنية قوات حرس الحدود المصرية.",
            "كما ناقش الجانبان تدريب أطقم الدفاع الجوي المصرية في قاعدة فورت بليس بولاية تكساس، الذي انطلق في كانون الثاني/يناير الماضي.",
            "واتفقا على عقد الجولة المقبلة من المحادثات الدفاعية في القاهرة في الخريف.",
        ];
        let additions = |ar: &[&str]| {
            flags_of(&en, ar)
                .into_iter()
                .filter(|(k, _, _)| k == "addition")
                .collect::<Vec<_>>()
        };
        // The date detector reports the changed month; the clause renders the source's.
        assert!(additions(&ar).is_empty(), "{:?}", additions(&ar));
        // A clause that says more than the date is judged as before.
        ar[3] = "كما ناقش الجانبان تدريب أطقم الدفاع الجوي المصرية في قاعدة فورت بليس بولاية تكساس، الذي انطلق في كانون الثاني/يناير الماضي وسط انتقادات حادة من المعارضة لكلفته الباهظة.";
        assert!(!additions(&ar).is_empty());
    }

    #[test]
    fn quotation_marks_around_an_acronym_said_by_its_letters_are_no_scare_quotes() {
        // A dictionary reads a letter's name as a word (FreeDict: «تي» tea, «إكس» ex-): only
        // the letters say that «آر تي إكس» is RTX.
        let lex = Lexicon::from_pairs([
            ("tea".to_string(), "تي".to_string()),
            ("ex".to_string(), "إكس".to_string()),
            ("are".to_string(), "آر".to_string()),
            ("company".to_string(), "شركة".to_string()),
            ("contractor".to_string(), "متعاقد".to_string()),
        ]);
        let flags = |en: &str, ar: &str| -> Vec<String> {
            crate::flag::with_parallel_beads(&lex, &[en], &[ar], |ctx| {
                detect(ctx).into_iter().filter_map(|f| f.subkind).collect()
            })
        };
        let got = flags(
            "The contractor is RTX Corporation.",
            "والمتعاقد هو شركة «آر تي إكس».",
        );
        assert!(got.iter().all(|k| k != "framing"), "{got:?}");
        // Other letters are no rendering of it.
        let got = flags(
            "The contractor is the company.",
            "والمتعاقد هو شركة «آر تي إكس».",
        );
        assert!(got.iter().any(|k| k == "framing"), "{got:?}");
    }

    #[test]
    fn quotation_marks_around_a_transliterated_company_name_are_no_scare_quotes() {
        // A general dictionary reads every quoted word as a word ("oasis", "money changing"),
        // none of them the source's: only the spelling says that «الواحة» is "Al-Waha".
        let mut lex = Lexicon::from_pairs([
            ("oasis".to_string(), "واحة".to_string()),
            ("money changing".to_string(), "صرافة".to_string()),
            ("company".to_string(), "شركة".to_string()),
            ("entity".to_string(), "كيان".to_string()),
            ("family".to_string(), "عائلة".to_string()),
            ("own".to_string(), "تملك".to_string()),
        ]);
        lex.load_glossary("second\tالثاني|ثان\tgeneral\n");
        let flags = |en: &str, ar: &str| -> Vec<String> {
            crate::flag::with_parallel_beads(&lex, &[en], &[ar], |ctx| {
                detect(ctx).into_iter().filter_map(|f| f.subkind).collect()
            })
        };
        let en = "The second entity, Al-Waha Exchange, is owned by the family.";
        let got = flags(
            en,
            "أما الكيان الثاني، «شركة الواحة للصرافة»، فتملكه العائلة.",
        );
        assert!(got.iter().all(|k| k != "framing"), "{got:?}");
        // Quotes around a plain word of the source are the outlet's.
        let en = "The second entity is owned by the family.";
        let got = flags(en, "أما الكيان الثاني فتملكه «العائلة».");
        assert!(got.iter().any(|k| k == "framing"), "{got:?}");
    }
}
