//! Omissions inside aligned sentences — a list item, a figure, a time phrase, a condition or a
//! clause the Arabic leaves out — found by the support test of each English clause against the
//! aligned Arabic (`support.rs`, the mirror of the test for added Arabic clauses); and sentences
//! aligned by position and length whose vocabulary barely overlaps the source (mistranslated
//! rather than translated).

use super::clauses::unsupported_runs;
use super::support::BeadView;
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::align::Move;
use crate::anchors::ItemKind;
use crate::text::data as text_data;
use crate::text::tokens::{gap_after, TokenKind};
use crate::text::{arabic, char_slice, Lang};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The largest share of a document's clauses with nothing the Arabic matches at which a clause
/// with nothing matched still tells (a likelihood ratio of about seven for a dropped clause, whose
/// words are never matched).
const MAX_UNMATCHED_RATE: f64 = 0.15;
/// Lexical coverage (both directions) below which an aligned sentence counts as unsupported.
const MIN_COVERAGE: f32 = 0.12;
/// Lexical items each side needs before coverage means anything.
const MIN_ITEMS: usize = 8;

/// Openers of clauses that bound a claim (a condition, a time frame), by class and language.
struct ScopeOpeners {
    en: HashMap<String, &'static str>,
    /// Normalised Arabic openers (one or two words) and their class.
    ar: HashMap<String, &'static str>,
}

fn scope_openers() -> &'static ScopeOpeners {
    static OPENERS: OnceLock<ScopeOpeners> = OnceLock::new();
    OPENERS.get_or_init(|| {
        let mut o = ScopeOpeners {
            en: HashMap::new(),
            ar: HashMap::new(),
        };
        for f in text_data::rows(include_str!("data/scope_openers.tsv"), 3) {
            let class: &'static str = if f[0] == "condition" {
                "condition"
            } else {
                "time"
            };
            match f[1] {
                "en" => o.en.insert(f[2].to_string(), class),
                _ => o.ar.insert(arabic::normalize(f[2]), class),
            };
        }
        o
    })
}

/// Whether a clause of source sentence `i` holds a content word that no other source sentence
/// uses: information of its own rather than context given elsewhere.
fn new_information(ctx: &Context, i: usize, c: &super::support::Clause) -> bool {
    let w = ctx.words.en(i);
    w.toks.iter().zip(&w.stems).any(|(t, stem)| {
        t.start >= c.start
            && t.end <= c.end
            && t.kind == TokenKind::Word
            && stem.len() >= 3
            && !crate::anchors::lexicon::is_closed_class(&t.text.to_lowercase())
            && (0..ctx.src.len())
                .filter(|&o| o != i)
                .all(|o| !ctx.words.en(o).stems.contains(stem))
    })
}

/// Whether a clause opens its sentence and a comma closes it.
fn fronted(text: &str, c: &super::support::Clause) -> bool {
    c.start == 0
        && text
            .chars()
            .skip(c.end)
            .find(|ch| !ch.is_whitespace())
            .is_some_and(|ch| ch == ',')
}

/// How many openers of `class` the Arabic sentences hold (one- and two-word openers, with or
/// without a leading و/ف).
fn arabic_openers(ctx: &Context, tgt: &[usize], class: &str) -> usize {
    let o = scope_openers();
    let mut n = 0;
    for &j in tgt {
        let analysed = ctx.words.ar(j);
        let (raw, words): (Vec<&str>, Vec<&String>) = analysed
            .toks
            .iter()
            .zip(&analysed.norms)
            .filter(|(t, _)| t.kind == TokenKind::Word)
            .map(|(t, n)| (t.text, n))
            .unzip();
        let is = |w: &str| o.ar.get(w) == Some(&class);
        let mut k = 0;
        while k < words.len() {
            let w = &words[k];
            if complementizer(raw[k], words.get(k + 1).map(|s| s.as_str())) {
                k += 1;
                continue;
            }
            let bare = crate::text::arabic::without_conjunction(w);
            let two = words.get(k + 1).map(|x| format!("{w} {x}"));
            if two.as_deref().is_some_and(is) {
                n += 1;
                k += 2;
                continue;
            }
            if is(w) || (bare.chars().count() >= 2 && is(bare)) {
                n += 1;
            }
            k += 1;
        }
    }
    n
}

/// Whether a word spelt «إن»/«أن» (one form once hamza is folded) is the particle "that" rather
/// than the conditional "if": written with hamza above («أن», «وأن»), or governing a definite noun
/// («إن الحكومة», «وإن السلطات» after a verb of saying), as the conditional governs a verb.
fn complementizer(raw: &str, next: Option<&str>) -> bool {
    let bare = arabic::strip_marks(raw);
    let bare = arabic::without_conjunction(&bare);
    if !matches!(bare, "إن" | "أن" | "ان") {
        return false;
    }
    bare == "أن" || next.is_some_and(|n| n.starts_with("ال") || n.starts_with("لل"))
}

/// The first word of a stretch, lowercased.
fn first_word(text: &str) -> String {
    text.split_whitespace().next().unwrap_or("").to_lowercase()
}

/// How many openers of `class` an English sentence holds. A participle that also opens a
/// condition ("provided") does so only before "that" or after a comma ("CENTCOM provided
/// intelligence" is no condition).
fn english_openers(ctx: &Context, i: usize, class: &str) -> usize {
    let o = scope_openers();
    let text = &ctx.src[i];
    let toks = &ctx.words.en(i).toks;
    (0..toks.len())
        .filter(|&k| {
            let w = toks[k].text.to_lowercase();
            o.en.get(&w) == Some(&class)
                && (!w.ends_with("ed")
                    || toks.get(k + 1).is_some_and(|t| t.text == "that")
                    || (k > 0 && crate::text::tokens::gap_after(text, toks, k - 1).contains(',')))
        })
        .count()
}

/// The bead with the Arabic sentences that give part of its source away from its place: what
/// they render is moved, not omitted.
/// Borrowed as it is when no part of its source was moved (nearly every bead).
fn with_moved_parts<'b>(
    moved_parts: &[Move],
    b: &'b crate::align::Bead,
) -> std::borrow::Cow<'b, crate::align::Bead> {
    let mut moved = super::reorder::moved_parts_of(moved_parts, &b.src).peekable();
    if moved.peek().is_none() {
        return std::borrow::Cow::Borrowed(b);
    }
    let mut bead = b.clone();
    bead.tgt.extend(moved);
    std::borrow::Cow::Owned(bead)
}

/// `moved_parts`: sentences giving part of a source sentence away from its place (see
/// `reorder`).
pub fn detect(ctx: &Context, already: &[Flag], moved_parts: &[Move]) -> Vec<Flag> {
    // The other detectors' flags by source sentence: each bead reads its own, not all of them.
    let mut already_of: Vec<Vec<usize>> = vec![Vec::new(); ctx.src.len()];
    for (k, f) in already.iter().enumerate() {
        for &s in &f.src {
            if let Some(v) = already_of.get_mut(s) {
                v.push(k);
            }
        }
    }
    // Years the Arabic gives as dates, a relative one («العام المقبل», "next year") resolved
    // against the document's date: a year so rendered is not dropped.
    let reference = super::dates::pair_reference(ctx);
    let mut out = Vec::new();
    let mut occurrences = None;
    // Items of a source clause that can be matched (closed-class words say nothing).
    let clause_items = |i: usize, c: &super::support::Clause| {
        let text = &ctx.src[i];
        ctx.anchors.src[i]
            .items
            .iter()
            .filter(|it| it.start >= c.start && it.end <= c.end)
            .filter(|it| {
                !it.kind.is_lexical()
                    || !super::support::closed_class_item(text, it.start, it.end, Lang::En)
            })
            .count()
    };
    let beads: Vec<std::borrow::Cow<crate::align::Bead>> = ctx
        .beads
        .iter()
        .filter(|b| !b.is_null())
        .map(|b| with_moved_parts(moved_parts, b))
        .collect();
    let clause_tests: Vec<Vec<Vec<super::support::ClauseTest>>> = beads
        .iter()
        .map(|b| {
            let view = BeadView::new(ctx, b);
            (0..b.src.len()).map(|n| view.source_clauses(n)).collect()
        })
        .collect();
    // How often a clause of this document's aligned sentences has nothing the Arabic matches:
    // rare where the lexicon sees the translation well (news with a good dictionary), common in
    // a literary text the dictionary barely covers. A condition the Arabic matches nothing of is
    // evidence of a dropped condition only where that is rare.
    let (unmatched, judged) = beads
        .iter()
        .zip(&clause_tests)
        .flat_map(|(b, per)| b.src.iter().zip(per))
        .flat_map(|(&i, tests)| tests.iter().map(move |t| (i, t)))
        .filter(|(i, t)| clause_items(*i, &t.clause) >= 2)
        .fold((0usize, 0usize), |(u, n), (_, t)| {
            (u + usize::from(t.matched == 0), n + 1)
        });
    let unmatched_rate = (unmatched as f64 + 1.0) / (judged as f64 + 2.0);
    let zero_match_tells = unmatched_rate <= MAX_UNMATCHED_RATE;
    for (b, per) in beads.iter().zip(&clause_tests) {
        let b: &crate::align::Bead = b;
        // Flags of earlier beads name only earlier sentences: this bead's start here.
        let bead_start = out.len();
        let mut translated_src = Vec::new();
        for (n, &i) in b.src.iter().enumerate() {
            let tests = &per[n];
            let translated = tests.iter().any(|t| !t.unsupported() && t.matched > 0);
            if translated {
                translated_src.push(i);
            }
            if !translated || tests.len() < 2 {
                continue;
            }
            let text = &ctx.src[i];
            let mut runs = unsupported_runs(tests);
            // A condition of which the Arabic matches nothing is judged even where its few words
            // leave the support test undecided: below, it is dropped only if the Arabic also has
            // fewer conditions than the source. (A time phrase — "during the talks" — is as often
            // background the translation leaves implicit; its dates are checked as figures.)
            for (k, t) in tests.iter().enumerate().filter(|_| zero_match_tells) {
                let in_run = runs.iter().any(|&(a, e)| a <= k && k <= e);
                let opener = first_word(char_slice(text, t.clause.start, t.clause.end));
                if !in_run
                    && t.matched == 0
                    && clause_items(i, &t.clause) >= 2
                    && match scope_openers().en.get(opener.as_str()) {
                        Some(&"condition") => true,
                        // A time phrase fronted before the claim, with a comma ("During the
                        // second phase, the army delivered"), scopes the whole claim. Only one
                        // that brings words of its own: "After the meeting", in an article
                        // about the meeting, is context the reader still has.
                        Some(_) => {
                            k == 0
                                && tests.len() > 1
                                && fronted(text, &t.clause)
                                && new_information(ctx, i, &t.clause)
                        }
                        None => false,
                    }
                {
                    runs.push((k, k));
                }
            }
            runs.sort_unstable();
            for (first, last) in runs {
                let (start, end) = (tests[first].clause.start, tests[last].clause.end);
                let dropped = char_slice(text, start, end);
                let opener = first_word(dropped);
                let items: Vec<ItemKind> = ctx.anchors.src[i]
                    .items
                    .iter()
                    .filter(|it| it.start >= start && it.end <= end)
                    .map(|it| it.kind)
                    .collect();
                let scope = scope_openers().en.get(opener.as_str()).copied();
                // The Arabic keeps as many clauses of this kind as the source: the clause is
                // rendered in words the lexicon did not connect.
                if scope.is_some_and(|c| {
                    arabic_openers(ctx, &b.tgt, c)
                        >= b.src.iter().map(|&s| english_openers(ctx, s, c)).sum()
                }) {
                    continue;
                }
                if given_elsewhere(ctx, &mut occurrences, b, i, start, end) {
                    continue;
                }
                // A clause around a figure the Arabic changed ("up from 19.4 percent" given
                // with another figure) is rendered: the changed figure is reported as such.
                // Only where every figure of the clause may be one the Arabic changed.
                let figures = items.iter().filter(|&&k| k == ItemKind::Number).count();
                let changed = already_of[i]
                    .iter()
                    .filter(|&&f| already[f].kind == FlagKind::NumberMismatch)
                    .count();
                if scope.is_none() && figures > 0 && figures <= changed {
                    continue;
                }
                let (subkind, severity) = if scope.is_some() {
                    ("qualifier", Severity::High)
                } else if items.contains(&ItemKind::Number) {
                    ("figure", Severity::Medium)
                } else if tests[first..=last].iter().all(|t| t.clause.words <= 4)
                    && items.contains(&ItemKind::Name)
                {
                    ("list_item", Severity::Medium)
                } else {
                    ("clause", Severity::Medium)
                };
                out.push(Flag {
                    kind: FlagKind::Omission,
                    subkind: Some(subkind.into()),
                    severity,
                    src: vec![i],
                    tgt: b.tgt.clone(),
                    span: Some(span(Side::Src, i, text, start, end)),
                    reason: format!("'{dropped}' has no counterpart in the Arabic"),
                });
            }
        }
        out.extend(unsupported(ctx, b));
        let mut earlier: Vec<usize> = b
            .src
            .iter()
            .filter_map(|&s| already_of.get(s))
            .flatten()
            .copied()
            .collect();
        earlier.sort_unstable();
        earlier.dedup();
        let claimed: Vec<&Flag> = earlier
            .iter()
            .map(|&k| &already[k])
            .chain(out[bead_start..].iter())
            .filter(|f| f.src.iter().any(|s| b.src.contains(s)))
            .collect();
        let dropped = dropped_figures(ctx, b, &claimed, reference);
        out.extend(dropped);
        let items = super::lists::dropped_items(ctx, b, &flags_of_bead(&out[bead_start..], b));
        out.extend(items);
        let claimed = flags_of_bead(&out[bead_start..], b);
        let replaced = claimed
            .iter()
            .any(|f| matches!(f.subkind.as_deref(), Some("replaced" | "unsupported")));
        if !replaced && unmatched_rate <= super::characterisations::MAX_UNMATCHED_RATE {
            let verdicts = super::characterisations::dropped(ctx, b, &translated_src, &claimed);
            out.extend(verdicts);
            let claimed = flags_of_bead(&out[bead_start..], b);
            let spans = super::durations::dropped(ctx, b, &translated_src, &claimed);
            out.extend(spans);
            let claimed = flags_of_bead(&out[bead_start..], b);
            let times = super::numbers::dropped_times(ctx, b, &translated_src, &claimed);
            out.extend(times);
        }
    }
    out
}

/// A partial omission: the words `start..end` of source sentence `i`, which bead `b` translates,
/// are not given by its Arabic. Medium: a fact or a verdict of the sentence is lost. `reason`
/// is given the words.
pub(super) fn omitted_words(
    ctx: &Context,
    b: &crate::align::Bead,
    i: usize,
    (start, end): (usize, usize),
    subkind: &str,
    reason: impl FnOnce(&str) -> String,
) -> Flag {
    let sp = span(Side::Src, i, &ctx.src[i], start, end);
    Flag {
        kind: FlagKind::Omission,
        subkind: Some(subkind.into()),
        severity: Severity::Medium,
        src: vec![i],
        tgt: b.tgt.clone(),
        reason: reason(&sp.text),
        span: Some(sp),
    }
}

/// Whether one of `flags` already names source words overlapping characters `start..end` of
/// sentence `i`: a later test must not report them again.
pub(super) fn names_source_words<'f>(
    flags: impl IntoIterator<Item = &'f Flag>,
    i: usize,
    (start, end): (usize, usize),
) -> bool {
    flags.into_iter().any(|f| {
        f.span.as_ref().is_some_and(|sp| {
            sp.side == Side::Src && sp.sentence == i && sp.start < end && start < sp.end
        })
    })
}

/// The flags that name a source sentence of the bead: what a later test of the bead must not
/// report again.
fn flags_of_bead<'f>(flags: &'f [Flag], b: &crate::align::Bead) -> Vec<&'f Flag> {
    flags
        .iter()
        .filter(|f| f.src.iter().any(|s| b.src.contains(s)))
        .collect()
}

/// The sentences of each side that give each key, in order: built once per document, when the
/// first clause needs it (see [`given_elsewhere`]).
struct Occurrences {
    /// Source sentences with an item carrying the key.
    src: HashMap<u32, Vec<usize>>,
    /// Target sentences offering the key.
    tgt: HashMap<u32, Vec<usize>>,
}

impl Occurrences {
    fn of(ctx: &Context) -> Occurrences {
        let mut src: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, s) in ctx.anchors.src.iter().enumerate() {
            for &k in s.items.iter().flat_map(|it| it.keys.iter()) {
                let v = src.entry(k).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        let mut tgt: HashMap<u32, Vec<usize>> = HashMap::new();
        for (j, t) in ctx.anchors.tgt.iter().enumerate() {
            for &k in &t.offers {
                tgt.entry(k).or_default().push(j);
            }
        }
        Occurrences { src, tgt }
    }

    /// The distinct sentences of `side` giving any of `keys`.
    fn sentences(side: &HashMap<u32, Vec<usize>>, keys: &[u32]) -> Vec<usize> {
        let mut v: Vec<usize> = keys
            .iter()
            .filter_map(|k| side.get(k))
            .flatten()
            .copied()
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Whether the words of a source clause the bead's Arabic leaves out are given in another Arabic
/// sentence: a title or an apposition moved to the first mention («العميد النعيمي، مدير الدفاع
/// السيبراني» two paragraphs up), a detail carried into a neighbouring sentence. Each item of the
/// clause must be rendered in the Arabic at least as often as the source names it; one sentence
/// outside the bead must give three quarters of them together, two that the source names only
/// here among them.
fn given_elsewhere(
    ctx: &Context,
    occurrences: &mut Option<Occurrences>,
    b: &crate::align::Bead,
    i: usize,
    start: usize,
    end: usize,
) -> bool {
    let items: Vec<&crate::anchors::Item> = ctx.anchors.src[i]
        .items
        .iter()
        .filter(|it| it.start >= start && it.end <= end && !it.keys.is_empty())
        .filter(|it| {
            !it.kind.is_lexical()
                || !super::support::closed_class_item(&ctx.src[i], it.start, it.end, Lang::En)
        })
        .collect();
    if items.len() < 2 {
        return false;
    }
    let occ = occurrences.get_or_insert_with(|| Occurrences::of(ctx));
    // Per Arabic sentence outside the bead: the items it gives, and those of them the source
    // names only here. The words must be given together, in one sentence: a general
    // dictionary finds "first" and "round" somewhere in any article.
    let mut given: HashMap<usize, (usize, usize)> = HashMap::new();
    for it in &items {
        let in_source = Occurrences::sentences(&occ.src, &it.keys).len();
        let in_target = Occurrences::sentences(&occ.tgt, &it.keys);
        let inside = in_target.iter().filter(|j| b.tgt.contains(j)).count();
        if in_target.len() - inside == 0 || in_target.len() < in_source {
            continue;
        }
        for &j in in_target.iter().filter(|j| !b.tgt.contains(j)) {
            let e = given.entry(j).or_default();
            e.0 += 1;
            e.1 += usize::from(in_source == 1);
        }
    }
    given
        .values()
        .any(|&(found, rare)| rare >= 2 && 4 * found >= 3 * items.len())
}

/// The keys the given Arabic sentences offer, sorted and distinct.
pub(super) fn target_offers(ctx: &Context, sentences: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut offers: Vec<u32> = sentences
        .flat_map(|j| ctx.anchors.tgt[j].offers.iter().copied())
        .collect();
    offers.sort_unstable();
    offers.dedup();
    offers
}

/// Prepositions that bind a figure or a date into a time phrase or a comparison ("in 2025",
/// "since 2019", "up from 40"): the phrase is dropped with its figure.
const FIGURE_PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "by", "during", "since", "from", "until", "to", "of", "for", "before",
    "after", "up", "down", "as", "about", "around", "nearly", "almost", "over", "under", "than",
    "more", "less", "some", "between", "and", "through", "early", "late", "mid",
];

/// Figures and dates of the source that the aligned Arabic does not give at all, when no other
/// detector has explained them (a changed number is a mismatch, not an omission): a time phrase
/// or a comparison dropped inside a translated sentence.
/// `reference`: the document's date (the Arabic's, else the source's), that relative years
/// resolve against.
fn dropped_figures(
    ctx: &Context,
    b: &crate::align::Bead,
    claimed: &[&Flag],
    reference: Option<super::dates::Ymd>,
) -> Vec<Flag> {
    let offers = target_offers(ctx, b.tgt.iter().copied());
    // What the neighbouring Arabic sentences give: a figure moved to the next sentence or to the
    // dateline is not dropped.
    let (lo, hi) = match (b.tgt.first(), b.tgt.last()) {
        (Some(&f), Some(&l)) => (f.saturating_sub(2), (l + 3).min(ctx.tgt.len())),
        _ => return Vec::new(),
    };
    let is_year =
        |w: &str| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    // An Arabic date without a year (a dateline «٢٣ - ١٠», «الخميس 5 آذار») leaves the year to the
    // article's date: not an omission.
    let arabic_years = b.tgt.iter().any(|&j| {
        ctx.words
            .ar(j)
            .toks
            .iter()
            .any(|t| is_year(&crate::text::digits::fold_digits(t.text)))
    });
    let arabic_month = b.tgt.iter().any(|&j| {
        ctx.anchors.tgt[j]
            .items
            .iter()
            .any(|it| it.kind == ItemKind::Month)
    });
    // Years the Arabic gives as dates, resolved against `reference`: a year so rendered is not
    // dropped. Read only for a bead with a year to check.
    let arabic_whens: std::cell::OnceCell<Vec<super::dates::When>> = std::cell::OnceCell::new();
    // `month`: the month the source gives with the year ("by March 2027"): the Arabic must give
    // that month of the year, or a month-less year; another date of the same year («٥ أكتوبر
    // ٢٠٢٧») renders another phrase of the sentence, not this one.
    let target_whens = || {
        arabic_whens.get_or_init(|| {
            b.tgt
                .iter()
                .flat_map(|&j| {
                    let toks = &ctx.words.ar(j).toks;
                    super::dates::whens(&ctx.tgt[j], toks, &ctx.anchors.tgt[j], Lang::Ar, reference)
                })
                .collect()
        })
    };
    let year_rendered = |y: &str, month: Option<u32>| {
        let whens = target_whens();
        whens.iter().any(|w| {
            w.relative
                .is_some_and(|r| matches!(r, super::dates::Relative::Years(_)))
                || (w.year.is_some_and(|wy| wy.to_string() == y)
                    && (month.is_none() || w.month.is_none() || w.month == month))
        })
    };
    // Figures the Arabic gives rounded or summed are given (read only for a bead with a figure
    // to check).
    let condensed: std::cell::OnceCell<Vec<(usize, usize)>> = std::cell::OnceCell::new();
    let condensed =
        || condensed.get_or_init(|| super::numbers::condensed_figures(ctx, &b.src, &b.tgt));
    let mut out = Vec::new();
    for &i in &b.src {
        let a = &ctx.anchors.src[i];
        let text = &ctx.src[i];
        let mask = a.matched_by(&offers);
        // A figure a neighbouring Arabic sentence gives is moved there (to the next sentence, to
        // the dateline), unless that sentence's own source gives it too: then the neighbour
        // renders its own figure, and this one is gone ("in 2025" dropped from one sentence
        // while the next says 2025 of something else).
        let given_nearby = |it: &crate::anchors::Item| {
            (lo..hi).filter(|j| !b.tgt.contains(j)).any(|j| {
                let gives = |keys: &[u32]| {
                    keys.iter()
                        .any(|k| ctx.anchors.tgt[j].offers.binary_search(k).is_ok())
                };
                gives(&it.keys)
                    && !ctx
                        .beads
                        .iter()
                        .filter(|o| o.tgt.contains(&j))
                        .flat_map(|o| o.src.iter())
                        .any(|&s| {
                            ctx.anchors.src[s]
                                .items
                                .iter()
                                .any(|o| o.keys.iter().any(|k| it.keys.contains(k)))
                        })
            })
        };
        let covered = |start: usize, end: usize| {
            claimed.iter().any(|f| {
                f.span.as_ref().is_some_and(|sp| {
                    sp.side == Side::Src && sp.sentence == i && sp.start < end && start < sp.end
                }) || (f.span.as_ref().is_some_and(|sp| sp.side == Side::Tgt)
                    && matches!(f.kind, FlagKind::NumberMismatch | FlagKind::DateMismatch))
            })
        };
        let toks = &ctx.words.en(i).toks;
        // A figure counting a span of time the Arabic states in another unit ("18 months" as
        // «عام ونصف») is given.
        let span_of_time_stated = |it: &crate::anchors::Item| {
            crate::anchors::numbers::parse_digits(char_slice(text, it.start, it.end))
                .and_then(|v| super::durations::english_span(toks, it.end, v))
                .is_some_and(|days| super::durations::stated(ctx, &b.tgt, days))
        };
        // The source's dates, read only for a sentence with a year to check.
        let source_whens: std::cell::OnceCell<Vec<super::dates::When>> = std::cell::OnceCell::new();
        let month_of = |start: usize| {
            source_whens
                .get_or_init(|| super::dates::whens(text, toks, a, Lang::En, reference))
                .iter()
                .find(|w| w.start <= start && start < w.end && w.relative.is_none())
                .and_then(|w| w.month)
        };
        // A clock time is no figure ("10:40 p.m." is «22:40»): the time detector compares times.
        let clock: std::cell::OnceCell<Vec<(usize, usize)>> = std::cell::OnceCell::new();
        let in_clock_time = |it: &crate::anchors::Item| {
            crate::anchors::times::within(
                clock.get_or_init(|| crate::anchors::times::time_spans(text)),
                it.start,
                it.end,
            )
        };
        for (k, it) in a.items.iter().enumerate() {
            // Figures written in digits, of ten or more (small ones are rendered as words, duals
            // and ordinals the number model may not see); a year only where the Arabic gives
            // years or no date at all.
            let digits = char_slice(text, it.start, it.end);
            let figure = it.kind == ItemKind::Number
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && crate::anchors::numbers::parse_digits(digits).is_some_and(|v| v >= 10.0)
                && !(is_year(digits) && arabic_month && !arabic_years)
                && !designation(text, toks, it.start)
                && !(is_year(digits) && edition_of_a_name(a, text, toks, it.start));
            // A year given with its month is matched as the date: the Arabic giving the year
            // of another date does not render it.
            let month = if is_year(digits) {
                month_of(it.start)
            } else {
                None
            };
            // The day of a date the Arabic gives in its own way («أمس الثلاثاء» for "On April 14"
            // in an April 15 dispatch) is rendered: a relative date resolved against the
            // document's date gives the same month and day.
            // The source's (absolute) date that holds this item, if one does.
            let date_of_item = || {
                source_whens
                    .get_or_init(|| super::dates::whens(text, toks, a, Lang::En, reference))
                    .iter()
                    .find(|w| w.start <= it.start && it.start < w.end && w.relative.is_none())
            };
            let day_rendered = || {
                let Some(w) = date_of_item() else {
                    return false;
                };
                w.month.is_some()
                    && !w.days.is_empty()
                    && target_whens().iter().any(|t| {
                        t.month == w.month
                            && t.days.iter().any(|d| w.days.contains(d))
                            && (t.year.is_none() || w.year.is_none() || t.year == w.year)
                    })
            };
            // A full date given by the weekday it falls on («يوم الثلاثاء» for "May 6, 2025"
            // in the dateline of the source): its day and year are rendered.
            let weekday_rendered = || {
                let Some(w) = date_of_item() else {
                    return false;
                };
                let (Some(year), Some(month), [day]) = (w.year, w.month, w.days.as_slice()) else {
                    return false;
                };
                let weekday = super::dates::Ymd {
                    year,
                    month,
                    day: *day,
                }
                .weekday();
                target_whens()
                    .iter()
                    .any(|t| t.weekday == Some(weekday) && t.month.is_none() && t.days.is_empty())
            };
            if !figure
                || (mask & (1u64 << k) != 0 && month.is_none())
                || day_rendered()
                || weekday_rendered()
                || covered(it.start, it.end)
                || given_nearby(it)
                || condensed().contains(&(i, it.start))
                || span_of_time_stated(it)
                || in_clock_time(it)
                || (is_year(digits) && year_rendered(digits, month))
            {
                continue;
            }
            // The phrase: the figure with the prepositions and figures just before it.
            let mut start = it.start;
            let mut end = it.end;
            if let Some(t) = toks
                .iter()
                .position(|t| t.start <= it.start && it.start < t.end.max(t.start + 1))
            {
                let mut p = t;
                while p > 0 {
                    let prev = &toks[p - 1];
                    let w = prev.text.to_lowercase();
                    let month_before_day = p == t
                        && a.items
                            .iter()
                            .any(|o| o.kind == ItemKind::Month && o.start == prev.start);
                    if FIGURE_PREPOSITIONS.contains(&w.as_str()) || month_before_day {
                        p -= 1;
                        start = prev.start;
                    } else {
                        break;
                    }
                }
                end = end.max(toks[t].end);
            }
            // Figures of one phrase ("from 40 in 2019") make one flag.
            let touches = |sp: &super::Span| {
                sp.sentence == i
                    && (sp.start <= end && start <= sp.end
                        || (sp.end < start && char_slice(text, sp.end, start).trim().is_empty())
                        || (end < sp.start && char_slice(text, end, sp.start).trim().is_empty()))
            };
            if let Some(f) = out
                .iter_mut()
                .find(|f: &&mut Flag| f.span.as_ref().is_some_and(touches))
            {
                let sp = f
                    .span
                    .as_ref()
                    .map_or((start, end), |sp| (sp.start.min(start), sp.end.max(end)));
                let phrase = char_slice(text, sp.0, sp.1);
                f.reason = format!("'{phrase}' is not given in the Arabic");
                f.span = Some(span(Side::Src, i, text, sp.0, sp.1));
                continue;
            }
            let phrase = char_slice(text, start, end);
            let time = phrase.split(|c: char| !c.is_ascii_digit()).any(is_year);
            out.push(Flag {
                kind: FlagKind::Omission,
                subkind: Some(if time { "qualifier" } else { "figure" }.into()),
                severity: Severity::Medium,
                src: vec![i],
                tgt: b.tgt.clone(),
                span: Some(span(Side::Src, i, text, start, end)),
                reason: format!("'{phrase}' is not given in the Arabic"),
            });
        }
        // A year named in words ("this year", "last year") bounds the claim as a year in digits
        // does ("the third repatriation this year"): the Arabic must give that year, in words
        // or digits. (Days and months named so — "on Monday", "last month" — are often left to
        // the dateline, and are compared as dates where both sides give them.)
        if !text.to_lowercase().contains("year") {
            continue;
        }
        let whens =
            source_whens.get_or_init(|| super::dates::whens(text, toks, a, Lang::En, reference));
        // The Arabic gives the year as a year, or within a date that renders no other date of
        // the sentence («الشهر الماضي» renders "in March", not "this year").
        let arabic_year = |y: &str| {
            let source_months: Vec<u32> = whens.iter().filter_map(|w| w.month).collect();
            arabic_whens.get().into_iter().flatten().any(|w| {
                w.relative
                    .is_some_and(|r| matches!(r, super::dates::Relative::Years(_)))
                    || (w.year.is_some_and(|wy| wy.to_string() == y)
                        && !matches!(w.month, Some(m) if source_months.contains(&m)))
            })
        };
        for w in whens {
            let phrase = char_slice(text, w.start, w.end);
            let in_words = !phrase.chars().any(|c| c.is_ascii_digit());
            let year_only = w.month.is_none() && w.days.is_empty();
            let year = match (w.year, w.relative) {
                (Some(y), _) => y.to_string(),
                (None, Some(super::dates::Relative::Years(_))) => String::new(),
                _ => continue,
            };
            if !in_words || !year_only || covered(w.start, w.end) {
                continue;
            }
            // (`year_rendered` reads the Arabic's dates first.)
            if year_rendered(&year, None) && arabic_year(&year) {
                continue;
            }
            out.push(Flag {
                kind: FlagKind::Omission,
                subkind: Some("qualifier".into()),
                severity: Severity::Medium,
                src: vec![i],
                tgt: b.tgt.clone(),
                span: Some(span(Side::Src, i, text, w.start, w.end)),
                reason: format!("'{phrase}' is not given in the Arabic"),
            });
        }
    }
    out
}

/// Whether the number at `start` is part of a designation: right after a code in capitals
/// ("USS Carney (DDG 64)", "CVN 69", "UNSCR 2216"), it names a ship, a type or a text, and
/// outlets drop it with no fact lost.
fn designation(text: &str, toks: &[crate::text::tokens::Token], start: usize) -> bool {
    let Some(t) = toks.iter().position(|t| t.start == start) else {
        return false;
    };
    t > 0 && {
        let code = toks[t - 1].text;
        code.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && matches!(gap_after(text, toks, t - 1), " " | "-")
    }
}

/// Whether the year at `start` ends a name as its edition ("Nile Guardian 2025", "Vision 2030"):
/// right after a capitalised word that is no month, weekday, preposition or other function word
/// ("Since 2022" opening a sentence is a date). A later mention of the exercise or plan
/// («التدريب», the exercise) drops it with no date lost.
fn edition_of_a_name(
    a: &crate::anchors::SentenceAnchors,
    text: &str,
    toks: &[crate::text::tokens::Token],
    start: usize,
) -> bool {
    let Some(t) = toks.iter().position(|t| t.start == start) else {
        return false;
    };
    t > 0 && {
        let w = &toks[t - 1];
        w.kind == crate::text::tokens::TokenKind::Word
            && w.text.chars().next().is_some_and(char::is_uppercase)
            && gap_after(text, toks, t - 1) == " "
            && {
                let lower = w.text.to_lowercase();
                !FIGURE_PREPOSITIONS.contains(&lower.as_str())
                    && !crate::anchors::lexicon::is_closed_class(&lower)
            }
            && crate::anchors::dates::weekday_of(w.text).is_none()
            && !a
                .items
                .iter()
                .any(|o| o.kind == ItemKind::Month && o.start <= w.start && w.start < o.end)
    }
}

/// A 1-1 bead whose sentences share almost no vocabulary in either direction.
/// Where not one lexical item of either sentence is matched by the other, the two say different
/// things: the source sentence is not rendered here and the Arabic adds one of its own (a
/// sentence dropped and another written in its place, paired by position and length), reported
/// as that omission and that insertion rather than as a mistranslation.
fn unsupported(ctx: &Context, b: &crate::align::Bead) -> Vec<Flag> {
    unsupported_pair(ctx, b)
        .map(|f| {
            if f.subkind.as_deref() == Some("replaced") {
                let omission = Flag {
                    kind: FlagKind::Omission,
                    reason: "not rendered: the Arabic sentence in its place shares no vocabulary with it"
                        .into(),
                    ..f.clone()
                };
                let insertion = Flag {
                    kind: FlagKind::Insertion,
                    reason: "said in place of the source sentence, with which it shares no vocabulary"
                        .into(),
                    ..f
                };
                vec![omission, insertion]
            } else {
                vec![f]
            }
        })
        .unwrap_or_default()
}

fn unsupported_pair(ctx: &Context, b: &crate::align::Bead) -> Option<Flag> {
    if b.src.len() != 1 || b.tgt.len() != 1 {
        return None;
    }
    let (i, j) = (b.src[0], b.tgt[0]);
    let (s, t) = (&ctx.anchors.src[i], &ctx.anchors.tgt[j]);
    let lexical = |x: &crate::anchors::SentenceAnchors| {
        x.items
            .iter()
            .filter(|it| it.kind == ItemKind::Term)
            .count()
    };
    if lexical(s) < MIN_ITEMS || lexical(t) < MIN_ITEMS {
        return None;
    }
    let cov = |x: &crate::anchors::SentenceAnchors, offers: &[u32]| {
        let (l, _) = x.weights(x.matched_by(offers));
        let (lt, _) = x.totals();
        if lt > 0.0 {
            l / lt
        } else {
            0.0
        }
    };
    let c = 0.5 * (cov(s, &t.offers) + cov(t, &s.offers));
    if c >= MIN_COVERAGE {
        return None;
    }
    // Coverage is what the lexicon sees; where the encoder is present its similarity, read
    // against the document's own aligned and unrelated pairs, says whether the sentences render
    // each other (a literary text the dictionary barely covers).
    if let Some(encoder) = ctx.encoder {
        let e = encoder.encode(Lang::En, &[ctx.src[i].as_str()]);
        let a = encoder.encode(Lang::Ar, &[ctx.tgt[j].as_str()]);
        if let (Some(e), Some(a)) = (e.first(), a.first()) {
            if ctx.model.semantic_llr(crate::embed::cosine(e, a)) > 0.0 {
                return None;
            }
        }
    }
    Some(Flag {
        kind: FlagKind::Mistranslation,
        subkind: Some(if c == 0.0 { "replaced" } else { "unsupported" }.into()),
        severity: Severity::Medium,
        src: vec![i],
        tgt: vec![j],
        span: None,
        reason: format!(
            "aligned by position and length, but the Arabic shares almost no vocabulary with the source sentence ({:.0}% coverage)",
            c * 100.0
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An encoder that finds every text alike (the test's stand-in for one that reads a pair
    /// the lexicon cannot as a rendering).
    struct AllAlike;

    impl crate::flag::SpanEncoder for AllAlike {
        fn encode(&self, _lang: Lang, texts: &[&str]) -> Vec<crate::embed::Embedding> {
            let mut v = [0f32; crate::embed::EMBEDDING_DIM];
            v[0] = 1.0;
            vec![v; texts.len()]
        }
    }

    #[test]
    fn a_pair_without_shared_vocabulary_is_unsupported_unless_the_encoder_reads_it_as_a_rendering()
    {
        // Glossary words on both sides, of two different subjects.
        let en = ["Activists, civil society, human rights, equality, justice, pluralism, inclusion, participation and representation."];
        let ar = ["السفارة والدبلوماسية والحدود والعاصمة والمحافظة والبلدية والإقليم والتطرف والانفصال والفيدرالية."];
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        let beads = [crate::align::Bead {
            src: vec![0],
            tgt: vec![0],
            score: 1.0,
        }];
        let flagged = |encoder: Option<&dyn crate::flag::SpanEncoder>| {
            crate::flag::with_beads_encoded(lex, &en, &ar, &beads, encoder, |ctx| {
                // The document's model reads a similarity of 1 as aligned.
                let mut model = ctx.model.clone();
                model.semantic = Some((
                    crate::align::model::Gauss {
                        mean: 0.7,
                        var: 0.01,
                    },
                    crate::align::model::Gauss {
                        mean: 0.2,
                        var: 0.01,
                    },
                ));
                let ctx = Context {
                    model: &model,
                    ..*ctx
                };
                unsupported(&ctx, &beads[0])
                    .into_iter()
                    .map(|f| f.kind)
                    .collect::<Vec<_>>()
            })
        };
        // Not one word matched either way: a sentence dropped and another said in its place.
        assert_eq!(flagged(None), vec![FlagKind::Omission, FlagKind::Insertion]);
        assert!(flagged(Some(&AllAlike)).is_empty());
    }

    #[test]
    fn a_replaced_sentence_is_compared_for_no_changed_fact() {
        // The condolences dropped and commentary with a negation said in their place: the
        // negation negates nothing of the source.
        let en = [
            "The ministry condemned the attack on the compound in the strongest terms.",
            "We extend our deepest condolences to the families of those killed and wish a full recovery to the injured, their doctors and nurses.",
            "The ministry urged all parties to protect aid workers.",
        ];
        let ar = [
            "وأدانت الوزارة الهجوم على المجمع بأشد العبارات.",
            "وجاء موقف الحكومة الأمريكية باهتا ومتأخرا، إذ اكتفت واشنطن ببيان سياسي لا يرقى إلى مستوى الجريمة والانتهاكات والعدوان على المدنيين.",
            "وحثت الوزارة جميع الأطراف على حماية عمال الإغاثة.",
        ];
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        let kinds: Vec<(FlagKind, Vec<usize>)> =
            crate::flag::with_parallel_beads(lex, &en, &ar, |ctx| {
                crate::flag::detect(ctx)
                    .into_iter()
                    .filter(|f| f.tgt == [1])
                    .map(|f| (f.kind, f.src))
                    .collect()
            });
        assert!(kinds.contains(&(FlagKind::Insertion, vec![1])), "{kinds:?}");
        assert!(kinds.contains(&(FlagKind::Omission, vec![1])), "{kinds:?}");
        assert!(
            !kinds.iter().any(|(k, _)| *k == FlagKind::NegationFlip),
            "{kinds:?}"
        );
    }

    /// The source spans of the partial-omission flags of a one-sentence pair (built-in glossary),
    /// of one subkind or of any.
    fn omitted_spans(en: &str, ar: &str, subkind: Option<&str>) -> Vec<String> {
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        crate::flag::with_parallel_beads(lex, &[en], &[ar], |ctx| {
            detect(ctx, &[], &[])
                .into_iter()
                .filter(|f| subkind.is_none() || f.subkind.as_deref() == subkind)
                .filter_map(|f| f.span.map(|s| s.text))
                .collect()
        })
    }

    #[test]
    fn a_hull_number_is_part_of_a_name_and_no_figure() {
        let figures = |ar: &str| {
            let en = "The destroyer USS Halsey (DDG 97) shot down 14 drones over the Red Sea.";
            omitted_spans(en, ar, Some("figure"))
        };
        assert!(
            figures("وأسقطت المدمرة «يو إس إس هالسي» 14 طائرة مسيرة فوق البحر الأحمر.").is_empty()
        );
        assert_eq!(
            figures("وأسقطت المدمرة «يو إس إس هالسي» طائرات مسيرة فوق البحر الأحمر."),
            vec!["down 14".to_string()]
        );
    }

    #[test]
    fn a_clock_time_is_no_figure() {
        let figures = |ar: &str| {
            let en = "The patrol boat left port at 11:15 p.m. and returned 20 hours later.";
            omitted_spans(en, ar, Some("figure"))
        };
        // The twelve-hour clock given on the twenty-four-hour one.
        assert!(figures("غادر زورق الدورية الميناء عند الساعة 23:15 وعاد بعد 20 ساعة.").is_empty());
        assert_eq!(
            figures("غادر زورق الدورية الميناء عند الساعة 23:15 وعاد بعد ذلك."),
            vec!["20".to_string()]
        );
    }

    #[test]
    fn the_year_of_a_named_edition_is_no_date() {
        let figures = |en: &str, ar: &str| omitted_spans(en, ar, None);
        let ar = "وتختتم المناورة في الرابع عشر من الشهر الجاري.";
        assert!(figures("Desert Falcon 2026 will conclude on the 14th.", ar).is_empty());
        // A year after a month, or after a preposition opening the sentence, is a date.
        assert_eq!(
            figures("Since 2026 the drill has been held in the spring.", ar),
            vec!["Since 2026".to_string()]
        );
        assert_eq!(
            figures("The drill will conclude on the 14th of March 2026.", ar),
            vec!["of March 2026".to_string()]
        );
    }

    #[test]
    fn a_date_given_by_its_weekday_is_rendered() {
        let figures = |ar: &str| {
            let en = "On March 11, 2026, the ministry approved the sale of four patrol boats.";
            omitted_spans(en, ar, None)
        };
        // March 11, 2026 is a Wednesday.
        assert!(figures("ووافقت الوزارة يوم الأربعاء على بيع أربعة زوارق دورية.").is_empty());
        assert!(!figures("ووافقت الوزارة على بيع أربعة زوارق دورية.").is_empty());
    }

    /// Whether the apposition of the second source sentence is given elsewhere in the Arabic
    /// (sentences aligned one to one, built-in glossary).
    fn apposition_given_elsewhere(ar: &[&str]) -> bool {
        let en = [
            "The minister met the visiting delegation in Doha on Monday.",
            "Admiral Salem, commander of the naval forces, said the joint exercise would continue next week.",
        ];
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        crate::flag::with_parallel_beads(lex, &en, ar, |ctx| {
            let clause = "commander of the naval forces";
            let start = en[1].find(clause).map_or(0, |b| en[1][..b].chars().count());
            let end = start + clause.chars().count();
            given_elsewhere(ctx, &mut None, &ctx.beads[1], 1, start, end)
        })
    }

    #[test]
    fn an_apposition_given_in_another_sentence_is_not_omitted() {
        // The title moved to the first mention, a sentence up.
        assert!(apposition_given_elsewhere(&[
            "والتقى الوزير يوم الاثنين في الدوحة الوفد الزائر برئاسة قائد القوات البحرية الأدميرال سالم.",
            "وقال الأدميرال سالم إن التمرين المشترك سيستمر الأسبوع المقبل.",
        ]));
        // Nowhere in the Arabic.
        assert!(!apposition_given_elsewhere(&[
            "والتقى الوزير يوم الاثنين في الدوحة الوفد الزائر.",
            "وقال الأدميرال سالم إن التمرين المشترك سيستمر الأسبوع المقبل.",
        ]));
        // Given in its own sentence: not elsewhere (the clause test judges it there).
        assert!(!apposition_given_elsewhere(&[
            "والتقى الوزير يوم الاثنين في الدوحة الوفد الزائر.",
            "وقال الأدميرال سالم، قائد القوات البحرية، إن التمرين المشترك سيستمر الأسبوع المقبل.",
        ]));
    }

    /// Spans of the omissions found in a one-sentence pair (built-in glossary).
    fn omissions(en: &str, ar: &str) -> Vec<String> {
        omissions_in(&[en], &[ar])
    }

    /// Spans of the omissions found in pairs aligned one to one (built-in glossary).
    fn omissions_in(en: &[&str], ar: &[&str]) -> Vec<String> {
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        crate::flag::with_parallel_beads(lex, en, ar, |ctx| {
            detect(ctx, &[], &[])
                .into_iter()
                .filter(|f| f.kind == FlagKind::Omission)
                .filter_map(|f| f.span.map(|s| s.text))
                .collect()
        })
    }

    /// "On October 18" in a statement an October 19 dispatch renders: «أمس» is that day.
    #[test]
    fn a_day_given_as_a_relative_date_is_not_dropped() {
        let en = [
            "Amman, October 19, 2026",
            "On October 18, the envoy met the ministers of water of Jordan and Iraq in Amman.",
        ];
        let ar = [
            "عمان، 19 تشرين الأول 2026",
            "التقى المبعوث أمس وزيري المياه في الأردن والعراق في عمان.",
        ];
        assert!(
            omissions_in(&en, &ar).is_empty(),
            "{:?}",
            omissions_in(&en, &ar)
        );
        let dropped = [
            "عمان، 19 تشرين الأول 2026",
            "التقى المبعوث وزيري المياه في الأردن والعراق في عمان.",
        ];
        assert_eq!(
            omissions_in(&en, &dropped),
            vec!["On October 18".to_string()]
        );
    }

    #[test]
    fn a_year_named_in_words_must_be_given() {
        let en =
            "The ministry said it had opened four new clinics this year in the northern provinces.";
        // "Since the start of the year" gives it.
        assert!(omissions(
            en,
            "وقالت الوزارة إنها افتتحت أربع عيادات جديدة منذ بداية العام في المحافظات الشمالية."
        )
        .is_empty());
        assert_eq!(
            omissions(
                en,
                "وقالت الوزارة إنها افتتحت أربع عيادات جديدة في المحافظات الشمالية."
            ),
            vec!["this year".to_string()]
        );
    }

    #[test]
    fn a_condition_dropped_where_the_arabic_says_that_is_omitted() {
        // A document whose clauses the glossary sees well: a condition it sees nothing of is
        // telling there.
        let en = [
            "The ministry of health said the army delivered fuel, food and medicine to the hospitals.",
            "The minister said the government will send water and vehicles to the camps, the ministry said.",
            "The army said the soldiers cleared the roads, and the police opened the border crossing.",
            "The ministry of defence said the army will deliver food and water to the hospitals, the minister said.",
            "The government said the police will protect the camps and the hospitals, the army said.",
            "The minister said the clinics would reopen in May, if the roads are cleared.",
        ];
        let mut ar = vec![
            "وقالت وزارة الصحة إن الجيش سلّم الوقود والغذاء والدواء إلى المستشفيات.",
            "وقال الوزير إن الحكومة سترسل المياه والمركبات إلى المخيمات، بحسب الوزارة.",
            "وقال الجيش إن الجنود أزالوا العوائق من الطرق، وفتحت الشرطة المعبر الحدودي.",
            "وقالت وزارة الدفاع إن الجيش سيسلّم الغذاء والمياه إلى المستشفيات، بحسب الوزير.",
            "وقالت الحكومة إن الشرطة ستحمي المخيمات والمستشفيات، بحسب الجيش.",
            // «إن» after a verb of saying is "that": it keeps no condition.
            "وقال الوزير إن العيادات ستفتح أبوابها مجددا في مايو.",
        ];
        let dropped = omissions_in(&en, &ar);
        assert!(
            dropped.iter().any(|d| d.contains("if the roads")),
            "{dropped:?}"
        );
        // The conditional «إن» with its verb keeps it.
        ar[5] =
            "وقال الوزير إن العيادات ستفتح أبوابها مجددا في مايو إن تمت إزالة العوائق من الطرق.";
        let kept = omissions_in(&en, &ar);
        assert!(!kept.iter().any(|d| d.contains("if the roads")), "{kept:?}");
    }

    #[test]
    fn a_fronted_time_phrase_with_words_of_its_own_is_omitted_when_dropped() {
        // A document whose clauses the glossary sees well.
        let en = [
            "The ministry of health said the army delivered fuel, food and medicine to the hospitals.",
            "The minister said the government will send water and vehicles to the camps, the ministry said.",
            "The army said the soldiers cleared the roads, and the police opened the border crossing.",
            "The ministry of defence said the army will deliver food and water to the hospitals, the minister said.",
            "The government said the police will protect the camps and the hospitals during the visit, the army said.",
            "During the second phase, the army delivered fuel and food and medicine to the camps.",
        ];
        let mut ar = vec![
            "وقالت وزارة الصحة إن الجيش سلّم الوقود والغذاء والدواء إلى المستشفيات.",
            "وقال الوزير إن الحكومة سترسل المياه والمركبات إلى المخيمات، بحسب الوزارة.",
            "وقال الجيش إن الجنود أزالوا العوائق من الطرق، وفتحت الشرطة المعبر الحدودي.",
            "وقالت وزارة الدفاع إن الجيش سيسلّم الغذاء والمياه إلى المستشفيات، بحسب الوزير.",
            "وقالت الحكومة إن الشرطة ستحمي المخيمات والمستشفيات خلال الزيارة، بحسب الجيش.",
            "وسلّم الجيش الوقود والغذاء والدواء إلى المخيمات.",
        ];
        let dropped = omissions_in(&en, &ar);
        assert!(
            dropped.iter().any(|d| d.contains("second phase")),
            "{dropped:?}"
        );
        // A time phrase made of words the article gives elsewhere is context it keeps.
        let mut en_visit = en;
        en_visit[5] =
            "During the visit, the army delivered fuel and food and medicine to the camps.";
        let dropped = omissions_in(&en_visit, &ar);
        assert!(!dropped.iter().any(|d| d.contains("visit")), "{dropped:?}");
        // Rendered, the phrase is no omission.
        ar[5] = "وخلال المرحلة الثانية، سلّم الجيش الوقود والغذاء والدواء إلى المخيمات.";
        let kept = omissions_in(&en, &ar);
        assert!(!kept.iter().any(|d| d.contains("second phase")), "{kept:?}");
    }

    #[test]
    fn a_month_dropped_from_a_year_given_elsewhere_in_the_sentence_is_omitted() {
        let en = "The next round opens in Muscat on 5 October 2027, provided the members confirm their budgets by March 2027.";
        let dropped = omissions(
            en,
            "وتنطلق الجولة المقبلة في مسقط في ٥ أكتوبر ٢٠٢٧، شريطة أن تؤكد الدول الأعضاء ميزانياتها.",
        );
        assert!(
            dropped.iter().any(|d| d.contains("March 2027")),
            "{dropped:?}"
        );
        let kept = omissions(
            en,
            "وتنطلق الجولة المقبلة في مسقط في ٥ أكتوبر ٢٠٢٧، شريطة أن تؤكد الدول الأعضاء ميزانياتها بحلول مارس ٢٠٢٧.",
        );
        assert!(!kept.iter().any(|d| d.contains("2027")), "{kept:?}");
    }

    #[test]
    fn an_item_dropped_from_a_coordination_is_counted_missing() {
        // Every item joined by its own conjunction, as Arabic joins each with و; "tents" is a word
        // the glossary does not know, so the dropped item's neighbour shows nothing.
        let en = "The convoy brought tents and fuel and food and water and medicine to the camps.";
        let faithful = omissions(
            en,
            "أوصلت القافلة الخيام والوقود والغذاء والمياه والدواء إلى المخيمات.",
        );
        assert!(faithful.is_empty(), "{faithful:?}");
        let dropped = omissions(
            en,
            "أوصلت القافلة الخيام والغذاء والمياه والدواء إلى المخيمات.",
        );
        assert!(dropped.iter().any(|d| d.contains("fuel")), "{dropped:?}");
    }
}
