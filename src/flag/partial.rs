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
use crate::text::tokens::TokenKind;
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
        for line in include_str!("data/scope_openers.tsv").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || f.len() != 3 {
                continue;
            }
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
            let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
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
    let bare = bare.strip_prefix(['و', 'ف']).unwrap_or(&bare);
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
    let reference = {
        use super::dates::document_date;
        document_date(ctx.tgt, &ctx.anchors.tgt).or(document_date(ctx.src, &ctx.anchors.src))
    };
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
        for (n, &i) in b.src.iter().enumerate() {
            let tests = &per[n];
            let translated = tests.iter().any(|t| !t.unsupported() && t.matched > 0);
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
                    && scope_openers().en.get(opener.as_str()) == Some(&"condition")
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
        let claimed: Vec<&Flag> = out[bead_start..]
            .iter()
            .filter(|f| f.src.iter().any(|s| b.src.contains(s)))
            .collect();
        let items = dropped_list_items(ctx, b, &claimed);
        out.extend(items);
        // Items the Arabic neither counts nor renders, where the lexicon alone could not judge.
        let claimed: Vec<&Flag> = out[bead_start..]
            .iter()
            .filter(|f| f.src.iter().any(|s| b.src.contains(s)))
            .collect();
        let offers = target_offers(ctx, b.tgt.iter().copied());
        let counted = super::lists::dropped_items(ctx, b, &offers, &claimed);
        out.extend(counted);
    }
    out
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
/// clause must be rendered in the Arabic at least as often as the source names it, once at least
/// outside the bead; and two items the source names only here must be among them.
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
    let mut rare_and_found = 0;
    let mut found = 0;
    for it in &items {
        let in_source = Occurrences::sentences(&occ.src, &it.keys).len();
        let in_target = Occurrences::sentences(&occ.tgt, &it.keys);
        let inside = in_target.iter().filter(|j| b.tgt.contains(j)).count();
        let outside = in_target.len() - inside;
        if outside >= 1 && inside + outside >= in_source {
            found += 1;
            if in_source == 1 {
                rare_and_found += 1;
            }
        }
    }
    rare_and_found >= 2 && 4 * found >= 3 * items.len()
}

/// The keys the given Arabic sentences offer, sorted and distinct.
fn target_offers(ctx: &Context, sentences: impl Iterator<Item = usize>) -> Vec<u32> {
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
    let year_rendered = |y: &str, month: Option<u32>| {
        let whens = arabic_whens.get_or_init(|| {
            b.tgt
                .iter()
                .flat_map(|&j| {
                    let toks = &ctx.words.ar(j).toks;
                    super::dates::whens(&ctx.tgt[j], toks, &ctx.anchors.tgt[j], Lang::Ar, reference)
                })
                .collect()
        });
        whens.iter().any(|w| {
            w.relative
                .is_some_and(|r| matches!(r, super::dates::Relative::Years(_)))
                || (w.year.is_some_and(|wy| wy.to_string() == y)
                    && (month.is_none() || w.month.is_none() || w.month == month))
        })
    };
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
        // The source's dates, read only for a sentence with a year to check.
        let source_whens: std::cell::OnceCell<Vec<super::dates::When>> = std::cell::OnceCell::new();
        let month_of = |start: usize| {
            source_whens
                .get_or_init(|| super::dates::whens(text, toks, a, Lang::En, reference))
                .iter()
                .find(|w| w.start <= start && start < w.end && w.relative.is_none())
                .and_then(|w| w.month)
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
                && !(is_year(digits) && arabic_month && !arabic_years);
            // A year given with its month is matched as the date: the Arabic giving the year
            // of another date does not render it.
            let month = if is_year(digits) {
                month_of(it.start)
            } else {
                None
            };
            if !figure
                || (mask & (1u64 << k) != 0 && month.is_none())
                || covered(it.start, it.end)
                || given_nearby(it)
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
    }
    out
}

/// A 1-1 bead whose sentences share almost no vocabulary in either direction.
fn unsupported(ctx: &Context, b: &crate::align::Bead) -> Option<Flag> {
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
    (c < MIN_COVERAGE).then(|| Flag {
        kind: FlagKind::Mistranslation,
        subkind: Some("unsupported".into()),
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

/// Share of a sentence's known content words the Arabic must render before a list item it does
/// not render counts as dropped on that evidence alone.
const MIN_LIST_COVERAGE: f64 = 0.6;

/// The Arabic words of a bead, each with its lexicon concepts: (sentence, token index, sorted
/// concepts).
struct ArabicWords {
    words: Vec<(usize, usize, Vec<u32>)>,
    /// Whether each word is closed-class (a particle or preposition standing alone).
    closed: Vec<bool>,
    /// Whether each word opens with the conjunction و (a conjunct of a coordination).
    conjunct: Vec<bool>,
    /// Whether each token is punctuation, and which of them are commas.
    punct: Vec<bool>,
    comma: Vec<bool>,
}

/// Words from one conjunct to the next within one coordination: Arabic items of a list are
/// short («والتدريب المشترك», «وإيتاء ذي القربى»); a longer stretch is a clause.
const COORDINATION_GAP: usize = 3;
/// The same after a comma, where an item may be a longer phrase («، وانتداب ضباط اتصال بين …»).
const COMMA_COORDINATION_GAP: usize = 9;

impl ArabicWords {
    fn of(ctx: &Context, tgt: &[usize]) -> ArabicWords {
        let (mut words, mut closed, mut conjunct) = (Vec::new(), Vec::new(), Vec::new());
        let (mut punct, mut comma) = (Vec::new(), Vec::new());
        for &j in tgt {
            let analysed = ctx.words.ar(j);
            let (toks, norms) = (&analysed.toks, &analysed.norms);
            for (k, mut c) in analysed.concepts.iter().cloned().enumerate() {
                c.sort_unstable();
                c.dedup();
                words.push((j, k, c));
                closed.push(
                    toks[k].kind != TokenKind::Word
                        || crate::anchors::lexicon::is_closed_class(&norms[k]),
                );
                conjunct.push(norms[k].starts_with('و') && norms[k].chars().count() > 3);
                punct.push(toks[k].kind != TokenKind::Word);
                comma.push(matches!(toks[k].text, "," | "،"));
            }
        }
        ArabicWords {
            words,
            closed,
            conjunct,
            punct,
            comma,
        }
    }

    /// The number of items of the Arabic coordination that holds the renderings of a list's
    /// items (`renderings`: the word positions rendering each rendered item). Conjuncts of one
    /// sentence no further apart than an item is long make one coordination, which also holds
    /// the item before its first conjunct and the words of its last item; the one holding
    /// renderings of every rendered item (two at least) is the list's. None where none does (a
    /// list split over sentences or clauses is not counted).
    fn coordination_size(&self, renderings: &[Vec<usize>]) -> Option<usize> {
        // Coordinations as (first word, last word, items).
        let mut coordinations: Vec<(usize, usize, usize)> = Vec::new();
        let mut current: Option<(usize, usize, usize)> = None;
        let mut since_conjunct = usize::MAX;
        let mut comma_before = false;
        for w in 0..self.words.len() {
            let sentence_changed = w > 0 && self.words[w].0 != self.words[w - 1].0;
            if sentence_changed {
                coordinations.extend(current.take());
                since_conjunct = usize::MAX;
            }
            if self.comma[w] {
                comma_before = true;
                continue;
            }
            if self.punct[w] {
                // Other punctuation ends a coordination.
                coordinations.extend(current.take());
                since_conjunct = usize::MAX;
                comma_before = false;
                continue;
            }
            since_conjunct = since_conjunct.saturating_add(1);
            if self.conjunct[w] {
                let gap = if comma_before {
                    COMMA_COORDINATION_GAP
                } else {
                    COORDINATION_GAP
                };
                match current.as_mut() {
                    Some(c) if since_conjunct <= gap => {
                        c.1 = w;
                        c.2 += 1;
                    }
                    _ => {
                        coordinations.extend(current.take());
                        // The item before the first conjunct, over the comma that may set
                        // it off: back to other punctuation or an item's length.
                        let mut first = w;
                        while first > 0 && self.comma[first - 1] {
                            first -= 1;
                        }
                        let mut taken = 0;
                        while first > 0
                            && taken < COORDINATION_GAP
                            && self.words[first - 1].0 == self.words[w].0
                            && !self.punct[first - 1]
                        {
                            first -= 1;
                            taken += 1;
                        }
                        current = Some((first, w, 2));
                    }
                }
                since_conjunct = 0;
            } else if let Some(c) = current.as_mut() {
                // The last item's own words.
                if since_conjunct < COORDINATION_GAP {
                    c.1 = w;
                }
            }
            comma_before = false;
        }
        coordinations.extend(current);
        coordinations
            .iter()
            .map(|&(a, e, n)| {
                let held = renderings
                    .iter()
                    .filter(|r| r.iter().any(|&p| a <= p && p <= e))
                    .count();
                (held, n)
            })
            .filter(|&(held, _)| held >= 2 && held == renderings.len())
            .max_by_key(|&(held, n)| (held, std::cmp::Reverse(n)))
            .map(|(_, n)| n)
    }

    /// Positions (index into `words`) of the Arabic words rendering any of `concepts`.
    fn rendering(&self, concepts: &[u32]) -> Vec<usize> {
        (0..self.words.len())
            .filter(|&w| {
                concepts
                    .iter()
                    .any(|x| self.words[w].2.binary_search(x).is_ok())
            })
            .collect()
    }

    /// Where the renderings of a middle item's neighbours stand: the nearest pair in one Arabic
    /// sentence, the item before first. Nothing or only words rendering other parts of the
    /// source between them: the coordination closed up where the middle item was
    /// («بالأسلحة والأشخاص» for "weapons, narcotics, and persons"). A word between them that
    /// renders nothing of the source may be the item in words the lexicon does not know.
    fn neighbours(&self, before: &[usize], after: &[usize], source: &[u32]) -> Neighbours {
        const NEAR: usize = 6;
        let nearest = before
            .iter()
            .flat_map(|&p| after.iter().map(move |&q| (p, q)))
            .filter(|&(p, q)| q > p && q - p <= NEAR && self.words[p].0 == self.words[q].0)
            .min_by_key(|&(p, q)| q - p);
        let Some((p, q)) = nearest else {
            return Neighbours::NotFound;
        };
        let unexplained = (p + 1..q).any(|w| {
            let (_, _, concepts) = &self.words[w];
            !self.closed[w] && !concepts.iter().any(|c| source.binary_search(c).is_ok())
        });
        if unexplained {
            Neighbours::Apart
        } else {
            Neighbours::CloseUp
        }
    }
}

impl ArabicWords {
    fn unexplained(&self, w: usize, source: &[u32]) -> bool {
        !self.closed[w]
            && !self.words[w]
                .2
                .iter()
                .any(|c| source.binary_search(c).is_ok())
    }

    /// Whether the Arabic coordination has a conjunct the English list does not: a conjunct
    /// word rendering nothing of the source just before the first item's rendering (or the
    /// first item itself joined by و to something before it), or just after the last item's.
    /// Then an item was replaced by another («لتدريب وتقديم المشورة والمساعدة» for "advise,
    /// assist, enable"), not dropped.
    fn extra_conjunct(&self, first: &[usize], last: &[usize], source: &[u32]) -> bool {
        let same = |a: usize, b: usize| self.words[a].0 == self.words[b].0;
        let before = first.iter().min().is_some_and(|&f| {
            self.conjunct[f]
                || (f > 0
                    && same(f - 1, f)
                    && self.conjunct[f - 1]
                    && self.unexplained(f - 1, source))
        });
        let after = last.iter().max().is_some_and(|&l| {
            l + 1 < self.words.len()
                && same(l, l + 1)
                && self.conjunct[l + 1]
                && self.unexplained(l + 1, source)
        });
        before || after
    }
}

/// Where the renderings of a list item's neighbours stand in the Arabic.
#[derive(Debug, PartialEq)]
enum Neighbours {
    /// Next to each other, or with only words rendering other parts of the source between.
    CloseUp,
    /// With a word between them that renders nothing of the source.
    Apart,
    /// Not both found, or not near each other in that order.
    NotFound,
}

/// Items of an English list ("weapons, narcotics and people") whose words the aligned Arabic
/// does not render while it renders the other items: one item dropped from a coordination.
/// Judged only on items the lexicon can see (each has a word it knows), in lists of three or
/// more where every other item is rendered; and only where the lexicon sees most of the
/// sentence's translation, or where the Arabic renderings of the neighbouring items stand side
/// by side with nothing between them.
fn dropped_list_items(ctx: &Context, b: &crate::align::Bead, claimed: &[&Flag]) -> Vec<Flag> {
    let offers = target_offers(ctx, b.tgt.iter().copied());
    let lex = ctx.lexicon;
    let mut arabic: Option<ArabicWords> = None;
    let mut out = Vec::new();
    for &i in &b.src {
        let text = &ctx.src[i];
        let analysed = ctx.words.en(i);
        let toks = &analysed.toks;
        let lists = english_lists(text, toks);
        if lists.is_empty() {
            continue;
        }
        let concepts = &analysed.concepts;
        let is_content = |c: &&Vec<u32>| !c.is_empty() && !c.iter().all(|&x| lex.is_function(x));
        let content: Vec<&Vec<u32>> = concepts.iter().filter(is_content).collect();
        let mut source_concepts: Vec<u32> = concepts.iter().flatten().copied().collect();
        source_concepts.sort_unstable();
        source_concepts.dedup();
        let rendered = content
            .iter()
            .filter(|c| c.iter().any(|x| offers.binary_search(x).is_ok()))
            .count();
        let well_seen =
            !content.is_empty() && (rendered as f64) >= MIN_LIST_COVERAGE * content.len() as f64;
        for list in lists {
            // Content concepts of each item; an item the lexicon cannot see is not judged.
            let item_concepts: Vec<Vec<u32>> = list
                .iter()
                .map(|&(a, e)| {
                    let mut c: Vec<u32> = (a..e)
                        .map(|k| &concepts[k])
                        .filter(is_content)
                        .flatten()
                        .copied()
                        .collect();
                    c.sort_unstable();
                    c.dedup();
                    c
                })
                .collect();
            let seen: Vec<Option<bool>> = item_concepts
                .iter()
                .map(|c| (!c.is_empty()).then(|| c.iter().any(|x| offers.binary_search(x).is_ok())))
                .collect();
            // The first item takes in the words before the list and the last one those after it:
            // only a middle item, or a last one of one or two words, is judged.
            let judged = |n: usize| {
                let (a, e) = list[n];
                let words = (a..e).filter(|&k| toks[k].kind == TokenKind::Word).count();
                n > 0 && (n + 1 < list.len() || words <= 2)
            };
            let missing: Vec<usize> = (0..list.len())
                .filter(|&n| seen[n] == Some(false) && judged(n))
                .collect();
            let rendered = seen.iter().filter(|s| **s == Some(true)).count();
            if missing.is_empty() || rendered < 2 {
                continue;
            }
            // Stretches of items (first, last) found gone, each with its evidence.
            let mut gone_items: Vec<(usize, usize, String)> = Vec::new();
            for &n in &missing {
                // Evidence that this item is gone: the neighbours' renderings close up where it
                // stood; or, where they are not found near each other, it is the one item of the
                // list the Arabic does not render in a sentence whose translation the lexicon
                // sees well.
                let neighbours = if n + 1 < list.len() {
                    let words = arabic.get_or_insert_with(|| ArabicWords::of(ctx, &b.tgt));
                    let found = words.neighbours(
                        &words.rendering(&item_concepts[n - 1]),
                        &words.rendering(&item_concepts[n + 1]),
                        &source_concepts,
                    );
                    // The list's edges: the first item's last word (the first item may take in
                    // words before the list) and the last item's first word.
                    let (first_end, last_start) = (list[0].1 - 1, list[list.len() - 1].0);
                    let replaced = words.extra_conjunct(
                        &words.rendering(&concepts[first_end]),
                        &words.rendering(&concepts[last_start]),
                        &source_concepts,
                    );
                    if found == Neighbours::CloseUp && replaced {
                        Neighbours::Apart
                    } else {
                        found
                    }
                } else {
                    Neighbours::NotFound
                };
                let gone = match neighbours {
                    Neighbours::CloseUp => true,
                    Neighbours::Apart => false,
                    Neighbours::NotFound => well_seen && missing.len() == 1,
                };
                if gone {
                    gone_items.push((n, n, "the Arabic renders the other items".into()));
                }
            }
            // Where the neighbours' renderings do not show it, the count may: the Arabic
            // coordination that holds the other items' renderings joins fewer items than the
            // list, and the items it lacks are among those it does not render. One candidate
            // more than it lacks (an item the lexicon does not see beside the dropped one) is
            // reported as one stretch, if they stand together.
            if gone_items.is_empty() {
                let words = arabic.get_or_insert_with(|| ArabicWords::of(ctx, &b.tgt));
                let renderings: Vec<Vec<usize>> = (0..list.len())
                    .filter(|&n| seen[n] == Some(true))
                    .map(|n| words.rendering(&item_concepts[n]))
                    .collect();
                let candidates: Vec<usize> =
                    (0..list.len()).filter(|&n| seen[n] != Some(true)).collect();
                if let Some(size) = words.coordination_size(&renderings) {
                    let lacking = list.len().saturating_sub(size);
                    let why = format!(
                        "the source lists {} items, the Arabic coordination that renders the others joins {size}",
                        list.len()
                    );
                    // A list of three is as often a run of clauses ("We saved him, and those with
                    // him, by mercy"), and a list split over Arabic sentences is counted in parts:
                    // only a list of four or more rendered in one sentence is judged on the count.
                    let candidates: Vec<usize> = if list.len() >= 4 && b.tgt.len() == 1 {
                        candidates
                    } else {
                        Vec::new()
                    };
                    if lacking >= 1 && candidates.len() <= lacking {
                        for &n in candidates.iter().filter(|&&n| seen[n] == Some(false)) {
                            gone_items.push((n, n, why.clone()));
                        }
                    } else if lacking >= 1
                        && candidates.len() == lacking + 1
                        && candidates.windows(2).all(|w| w[1] == w[0] + 1)
                        && candidates.iter().any(|&n| seen[n] == Some(false))
                    {
                        gone_items.push((candidates[0], candidates[candidates.len() - 1], why));
                    }
                }
            }
            for (n, m, why) in gone_items {
                let (start, end) = (toks[list[n].0].start, toks[list[m].1 - 1].end);
                let overlaps = claimed
                    .iter()
                    .chain(out.iter().collect::<Vec<_>>().iter())
                    .any(|f| {
                        f.span.as_ref().is_some_and(|sp| {
                            sp.side == Side::Src
                                && sp.sentence == i
                                && sp.start < end
                                && start < sp.end
                        })
                    });
                if overlaps {
                    continue;
                }
                let item = char_slice(text, start, end);
                out.push(Flag {
                    kind: FlagKind::Omission,
                    subkind: Some("list_item".into()),
                    severity: Severity::Medium,
                    src: vec![i],
                    tgt: b.tgt.clone(),
                    span: Some(span(Side::Src, i, text, start, end)),
                    reason: format!("list item '{item}' is not in the Arabic: {why}"),
                });
            }
        }
    }
    out
}

/// Lists of an English sentence: runs of three or more short items separated by commas, the last
/// joined by "and" or "or" ("A, B and C", "A, B, and C"), as token ranges without the
/// conjunctions.
fn english_lists(text: &str, toks: &[crate::text::tokens::Token]) -> Vec<Vec<(usize, usize)>> {
    let words: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].kind == TokenKind::Word)
        .collect();
    let gap = |a: usize, b: usize| char_slice(text, toks[a].end, toks[b].start).to_string();
    let conj = |x: usize| matches!(toks[x].text.to_lowercase().as_str(), "and" | "or");
    // Raw runs: items cut at commas and at a conjunction after the first item. A conjunction
    // announces the last item, so a comma after a conjoined item closes the run there; that
    // item also opens the next run ("the people of Yemen, and it blocks imports of food,
    // medicine and fuel": "… of food" ends one run and starts "food, medicine and fuel").
    // Items joined by a conjunction each, without commas ("the flood and locusts and lice and
    // frogs", as Arabic joins every conjunct with و) make a run of their own (`polysyndetic`);
    // a comma ends it.
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    let mut conjoined = false;
    let mut polysyndetic = false;
    let mut n = 0;
    while n < words.len() {
        let k = words[n];
        let first = *start.get_or_insert(k);
        let next = words.get(n + 1).copied();
        match next {
            Some(x)
                if gap(k, x).trim().is_empty()
                    && conj(x)
                    && (polysyndetic || (items.is_empty() && !conjoined)) =>
            {
                items.push((first, k + 1));
                start = words.get(n + 2).copied();
                polysyndetic = true;
                n += 1;
            }
            Some(x) if polysyndetic && items.len() >= 2 && gap(k, x).trim() == "," => {
                items.push((first, k + 1));
                runs.push(std::mem::take(&mut items));
                start = None;
                polysyndetic = false;
            }
            Some(x) if gap(k, x).trim() == "," => {
                // One conjunction before the first comma joins words inside the first item
                // ("officials and soldiers, police and guards"), not items of a run.
                let first = if std::mem::take(&mut polysyndetic) {
                    items.pop().map_or(first, |it| it.0)
                } else {
                    first
                };
                items.push((first, k + 1));
                start = None;
                if conjoined {
                    let last = *items.last().unwrap_or(&(first, k + 1));
                    runs.push(std::mem::take(&mut items));
                    items.push(last);
                    conjoined = false;
                }
                // ", and C" / ", or C": the conjunction opens the last item.
                if conj(x) && !conjoined {
                    n += 1;
                    start = words.get(n + 1).copied();
                    conjoined = true;
                }
            }
            Some(x)
                if gap(k, x).trim().is_empty() && conj(x) && !items.is_empty() && !conjoined =>
            {
                items.push((first, k + 1));
                start = words.get(n + 2).copied();
                conjoined = true;
                n += 1;
            }
            Some(x) if gap(k, x).trim().is_empty() => {}
            _ => {
                // The item ends at other punctuation or the end of the sentence.
                items.push((first, k + 1));
                if conjoined || polysyndetic {
                    runs.push(std::mem::take(&mut items));
                }
                items.clear();
                start = None;
                conjoined = false;
                polysyndetic = false;
            }
        }
        n += 1;
    }
    runs.into_iter()
        .flat_map(|run| list_items(toks, run))
        .collect()
}

/// The items of a run as noun phrases. The first item runs from the sentence start or the last
/// comma and the last one to the end: "the illicit trafficking of weapons" and "persons by sea"
/// are items "weapons" and "persons" — a noun phrase in a coordination starts after the last
/// closed-class word before it (a preposition, article or conjunction) and ends before the first
/// one after its head. A middle item longer than a list item is (a clause between commas)
/// splits the run; runs of fewer than three items are no lists.
fn list_items(
    toks: &[crate::text::tokens::Token],
    mut run: Vec<(usize, usize)>,
) -> Vec<Vec<(usize, usize)>> {
    const MAX_ITEM_WORDS: usize = 4;
    let closed = |k: usize| crate::anchors::lexicon::is_closed_class(&toks[k].text.to_lowercase());
    let word_count =
        |(a, e): (usize, usize)| (a..e).filter(|&k| toks[k].kind == TokenKind::Word).count();
    if run.len() < 3 {
        return Vec::new();
    }
    // "assistance to Gaza, including airdrops and land convoys": an introducer opens a list of
    // its own; what comes before it is no item of that list.
    let opens = |(a, e): (usize, usize)| {
        let words: Vec<String> = (a..e)
            .filter(|&k| toks[k].kind == TokenKind::Word)
            .take(3)
            .map(|k| toks[k].text.to_lowercase())
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        super::lists::english_introducer(&words)
    };
    if let Some(p) = (1..run.len()).find(|&p| opens(run[p]) > 0) {
        let mut rest = run.split_off(p);
        let skip = opens(rest[0]);
        let words: Vec<usize> = (rest[0].0..rest[0].1)
            .filter(|&k| toks[k].kind == TokenKind::Word)
            .collect();
        match words.get(skip) {
            Some(&k) => rest[0].0 = k,
            None => {
                rest.remove(0);
            }
        }
        let mut out = list_items(toks, run);
        out.extend(list_items(toks, rest));
        return out;
    }
    if let Some(first) = run.first_mut() {
        if let Some(k) = (first.0..first.1 - 1).rev().find(|&k| closed(k)) {
            first.0 = k + 1;
        }
        // At most the last few words: a longer first item takes in the clause before it.
        let words: Vec<usize> = (first.0..first.1)
            .filter(|&k| toks[k].kind == TokenKind::Word)
            .collect();
        if words.len() > MAX_ITEM_WORDS {
            first.0 = words[words.len() - MAX_ITEM_WORDS];
        }
    }
    if let Some(last) = run.last_mut() {
        let head = (last.0..last.1).find(|&k| !closed(k));
        if let Some(k) = head.and_then(|h| (h + 1..last.1).find(|&k| closed(k))) {
            last.1 = k;
        }
        let words: Vec<usize> = (last.0..last.1)
            .filter(|&k| toks[k].kind == TokenKind::Word)
            .collect();
        if words.len() > MAX_ITEM_WORDS {
            last.1 = words[MAX_ITEM_WORDS - 1] + 1;
        }
    }
    let mut lists = Vec::new();
    let mut current: Vec<(usize, usize)> = Vec::new();
    for item in run {
        let w = word_count(item);
        if w == 0 || w > MAX_ITEM_WORDS {
            if current.len() >= 3 {
                lists.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        current.push(item);
    }
    if current.len() >= 3 {
        lists.push(current);
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn lists(s: &str) -> Vec<Vec<String>> {
        let toks = tokenize(s);
        english_lists(s, &toks)
            .into_iter()
            .map(|l| {
                l.into_iter()
                    .map(|(a, e)| char_slice(s, toks[a].start, toks[e - 1].end).to_string())
                    .collect()
            })
            .collect()
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

    #[test]
    fn an_introducer_opens_a_list_of_its_own() {
        // Two examples after "including": no list of three.
        assert!(lists(
            "They reviewed the delivery of aid to Gaza, including through airdrops and land convoys."
        )
        .is_empty());
        // Three after it: that list, without the introducer.
        assert_eq!(
            lists("The talks covered training, including logistics, medicine and engineering."),
            vec![vec!["logistics", "medicine", "engineering"]]
        );
    }

    /// Spans of the omissions found in one-sentence pairs aligned one to one (built-in glossary).
    fn omissions(en: &str, ar: &str) -> Vec<String> {
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        crate::flag::with_parallel_beads(lex, &[en], &[ar], |ctx| {
            detect(ctx, &[], &[])
                .into_iter()
                .filter(|f| f.kind == FlagKind::Omission)
                .filter_map(|f| f.span.map(|s| s.text))
                .collect()
        })
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

    #[test]
    fn english_lists_are_found() {
        assert_eq!(
            lists("Patrols seized weapons, fuel, and medicine."),
            vec![vec!["Patrols seized weapons", "fuel", "medicine"]]
        );
        assert_eq!(
            lists("It thanked Norway, Chile and Kenya for their support."),
            vec![vec!["thanked Norway", "Chile", "Kenya"]]
        );
        // The first item starts after the preposition that governs the list, the last one ends
        // before the prepositional phrase after it.
        assert_eq!(
            lists("Crews counter the smuggling of fuel, grain, and livestock across the border."),
            vec![vec!["fuel", "grain", "livestock"]]
        );
        assert!(lists("The talks, which began on Monday, ended today.").is_empty());
        // A conjunction announces the last item: the comma after it closes the run, and the
        // clause's last noun opens the next one.
        assert_eq!(
            lists("It spares the people of Haiti, and it lets in imports of rice, soap and salt."),
            vec![vec!["rice", "soap", "salt"]]
        );
        // Each item joined by its own conjunction, without commas.
        assert_eq!(
            lists("The storm brought rain and hail and wind and floods to the valley."),
            vec![vec!["storm brought rain", "hail", "wind", "floods"]]
        );
        assert_eq!(
            lists("So We sent upon them the flood and locusts and lice and frogs and blood as distinct signs, but they were arrogant and were a criminal people"),
            vec![vec!["flood", "locusts", "lice", "frogs", "blood"]]
        );
        // One conjunction before a comma joins two words of the first item, not a run.
        assert!(lists("He met the minister and the envoy, and they discussed trade.").is_empty());
        assert_eq!(
            lists("Staff and guards, drivers and cooks were paid.")[0].len(),
            3,
            "{:?}",
            lists("Staff and guards, drivers and cooks were paid.")
        );
        // A clause between commas is no item: the items around it are not neighbours.
        assert!(
            lists("Oil, which the ministry sold to several buyers last year, gas and coal.")
                .is_empty()
        );
    }
}
