//! Changed figures. The numbers of each bead's two sides — in digits of any script or in words,
//! with their multipliers — are matched by value; what is left on both sides is a changed figure,
//! each Arabic number paired with the closest source number left. Years are dates (`dates.rs`);
//! a number only the source gives is an omission (`partial.rs`), one only the Arabic gives an
//! addition that needs no flag of its own (an age, a count the outlet knows).

use super::bounds::{bound_of, Bound};
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::numbers::{canonical, NumberMention};
use crate::anchors::SentenceAnchors;
use crate::text::tokens::TokenKind;
use crate::text::{arabic, char_slice, tokens::tokenize, Lang};

/// The numbers of a sentence that are figures: not years, not parts of a date or a time of day.
pub fn figures(text: &str, a: &SentenceAnchors) -> Vec<NumberMention> {
    let numeric = crate::anchors::dates::numeric_dates(text);
    let times = crate::anchors::times::time_spans(text);
    a.numbers
        .iter()
        .filter(|n| !n.is_year())
        .filter(|n| !crate::anchors::times::within(&times, n.start, n.end))
        .filter(|n| !a.dates.iter().any(|d| n.start >= d.start && n.end <= d.end))
        .filter(|n| {
            !numeric
                .iter()
                .any(|&(_, _, _, s, e)| n.start >= s && n.end <= e)
        })
        .cloned()
        .collect()
}

/// Whether an Arabic sentence has a word in the dual: the number two is in its morphology
/// («طائرتين», «الدولتان»), not in a numeral.
fn has_dual(text: &str) -> bool {
    tokenize(text).iter().any(|t| {
        let n = arabic::normalize(t.text);
        n.chars().count() >= 5 && (n.ends_with("تين") || n.ends_with("تان"))
    })
}

/// Endings of the Arabic dual: «ـين»/«ـان» (oblique and nominative), «ـي» in construct before
/// a noun («نجلي الربيعي», the two sons of al-Rubaie). Normalised, so «ـتين» is «ت» + «ين».
const DUAL_ENDINGS: [&str; 3] = ["ين", "ان", "ي"];

/// Whether the English "two" ending at character `number_end` of source sentence `i` is given by
/// an Arabic dual in sentences `tgt`: a word in a dual ending whose stem renders a noun the
/// number counts (one of the three words after it: "two sons", "two Iranian vessels"). The
/// sound masculine plural shares the ending «ـين»; a plural of the same noun renders "two" no
/// worse than the dual, as it drops no fact the reader could check.
pub(super) fn two_given_by_dual(ctx: &Context, i: usize, number_end: usize, tgt: &[usize]) -> bool {
    let en = ctx.words.en(i);
    let counted: Vec<u32> = en
        .toks
        .iter()
        .zip(&en.concepts)
        .skip_while(|(t, _)| t.start < number_end)
        .take_while(|(t, _)| t.kind == TokenKind::Word)
        .take(3)
        .flat_map(|(_, c)| c.iter().copied())
        .filter(|&c| !ctx.lexicon.is_function(c))
        .collect();
    if counted.is_empty() {
        return false;
    }
    tgt.iter().any(|&j| {
        let w = ctx.words.ar(j);
        // A word a numeral counts is a plural, whatever its ending: «ثلاثة جنود عراقيين» (three
        // Iraqi soldiers) gives three, not two.
        let counted_by_numeral = |k: usize| {
            w.toks[k.saturating_sub(3)..k].iter().any(|t| {
                t.kind == TokenKind::Number || crate::anchors::numbers::is_number_word(t.text)
            })
        };
        w.norms.iter().enumerate().any(|(k, n)| {
            !counted_by_numeral(k)
                && DUAL_ENDINGS.iter().any(|e| {
                    n.strip_suffix(e).is_some_and(|stem| {
                        stem.chars().count() >= 2
                            && ctx
                                .lexicon
                                .ar_word(stem)
                                .iter()
                                .any(|c| counted.contains(c))
                    })
                })
        })
    })
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    let pairs = ctx
        .beads
        .iter()
        .filter(|b| !b.is_null())
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .chain(ctx.moves.iter().map(|m| (vec![m.src], vec![m.tgt])));
    for (src, tgt) in pairs {
        bead_figures(ctx, &src, &tgt, &mut out);
    }
    out
}

/// The source figures of a bead that the Arabic gives rounded («نحو ثلاثة آلاف» for "about
/// 2,950") or summed with another («37» for "12 … and 25"), as (sentence, first character): given,
/// though not as the source writes them.
pub(super) fn condensed_figures(
    ctx: &Context,
    src: &[usize],
    tgt: &[usize],
) -> Vec<(usize, usize)> {
    bead_figures(ctx, src, tgt, &mut Vec::new())
}

/// Compares the figures of one bead, adding its changed figures to `out`; returns the source
/// figures given rounded or summed (see [`condensed_figures`]).
fn bead_figures(
    ctx: &Context,
    src: &[usize],
    tgt: &[usize],
    out: &mut Vec<Flag>,
) -> Vec<(usize, usize)> {
    let mut condensed = Vec::new();
    let mut left_at: Vec<(usize, NumberMention)> = src
        .iter()
        .flat_map(|&i| {
            figures(&ctx.src[i], &ctx.anchors.src[i])
                .into_iter()
                .map(move |n| (i, n))
        })
        .collect();
    let mut extra: Vec<(usize, NumberMention)> = Vec::new();
    for &j in tgt {
        for n in figures(&ctx.tgt[j], &ctx.anchors.tgt[j]) {
            match left_at.iter().position(|(_, s)| s.agrees(&n)) {
                Some(k) => {
                    let (i, s) = left_at.remove(k);
                    out.extend(reversed_bound(ctx, (i, &s), (j, &n), src));
                }
                None => extra.push((j, n)),
            }
        }
    }
    out.extend(changed_times(ctx, src, tgt));
    if tgt.iter().any(|&j| has_dual(&ctx.tgt[j])) {
        left_at.retain(|(_, s)| s.value != 2.0);
    }
    left_at.retain(|(i, s)| !(s.value == 2.0 && two_given_by_dual(ctx, *i, s.end, tgt)));
    // A figure of a neighbouring source sentence is a figure moved across a sentence boundary,
    // not a changed one.
    let near: Vec<String> = neighbours(ctx, src)
        .flat_map(|i| figures(&ctx.src[i], &ctx.anchors.src[i]))
        .map(|n| n.key())
        .collect();
    extra.retain(|(_, n)| !near.contains(&n.key()));
    for (j, n) in extra {
        // Two figures of the source summed into one («نحو 37 ممثلا» for "12 government and 25
        // contractor representatives"): a condensation, not a change.
        if let Some((x, y)) = summed(&left_at, &n) {
            for z in [x.max(y), x.min(y)] {
                let (i, s) = left_at.remove(z);
                condensed.push((i, s.start));
            }
            continue;
        }
        // A share given as a part on one side and a percentage on the other ("less than 20
        // percent" as «خُمس»; "a quarter" as «25%»).
        if let Some(k) = left_at.iter().position(|(i, s)| {
            part_is_percentage((&ctx.tgt[j], &n), (&ctx.src[*i], s))
                || part_is_percentage((&ctx.src[*i], s), (&ctx.tgt[j], &n))
        }) {
            let (i, s) = left_at.remove(k);
            condensed.push((i, s.start));
            continue;
        }
        // The same span of time in another unit ("seven decades" as «سبعين عاما»).
        if let Some(k) = left_at.iter().position(|(i, s)| {
            super::durations::same_span(ctx, j, n.end, &ctx.words.en(*i).toks, s.end, s.value)
        }) {
            let (i, s) = left_at.remove(k);
            condensed.push((i, s.start));
            continue;
        }
        // The closest source number left of the same sort, by ratio of values: a changed figure
        // keeps its order of magnitude more often than not. A rank or a part (an ordinal, a
        // fraction) is compared with ranks and parts only: «واعتقل ثالث» after two killed is "a
        // third man", no count of three.
        let Some(k) = (0..left_at.len())
            .filter(|&x| left_at[x].1.ordinal == n.ordinal)
            .min_by(|&x, &y| {
                distance(left_at[x].1.value, n.value)
                    .total_cmp(&distance(left_at[y].1.value, n.value))
            })
        else {
            continue;
        };
        let (i, s) = left_at.remove(k);
        // A figure rounded where either side says it is approximate («نحو ثلاثة آلاف» for
        // 2,950).
        let approximate =
            approximated(ctx, Side::Src, i, s.start) || approximated(ctx, Side::Tgt, j, n.start);
        if approximate && rounds_to(s.value, n.value) {
            condensed.push((i, s.start));
            continue;
        }
        let reason = format!(
            "number {} where the source says {}",
            canonical(n.value),
            canonical(s.value)
        );
        out.push(changed_figure(ctx, None, src, (j, n.start, n.end), reason));
    }
    condensed
}

/// Times of day of the Arabic that agree with no time of the source, where the source gives
/// one: a clock time changed ("at 12:00" as «عند الساعة 22:00»).
fn changed_times(ctx: &Context, src: &[usize], tgt: &[usize]) -> Vec<Flag> {
    let source: Vec<_> = src
        .iter()
        .flat_map(|&i| ctx.words.en_times(i).iter().copied())
        .collect();
    if source.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &j in tgt {
        for &t in ctx.words.ar_times(j) {
            if source.iter().any(|s| s.agrees(&t)) {
                continue;
            }
            let closest = source
                .iter()
                .min_by_key(|s| (s.minutes % 720).abs_diff(t.minutes % 720))
                .map_or_else(String::new, |s| s.clock());
            let reason = format!(
                "time given as {} where the source says {closest}",
                t.clock()
            );
            out.push(changed_figure(
                ctx,
                Some("time"),
                src,
                (j, t.start, t.end),
                reason,
            ));
        }
    }
    out
}

/// Times of day of a translated bead's source sentences (`translated`) where neither the bead's
/// Arabic nor its neighbours give any time of day: "between 2:00 a.m. and 4:30 a.m." left out of
/// a rendered report of a strike. One flag per sentence, over its times; none where another
/// flag (`claimed`) already covers them.
pub(super) fn dropped_times(
    ctx: &Context,
    b: &crate::align::Bead,
    translated: &[usize],
    claimed: &[&Flag],
) -> Vec<Flag> {
    // A time moved to the next sentence or to the dateline is not dropped.
    let (Some(&first), Some(&last)) = (b.tgt.first(), b.tgt.last()) else {
        return Vec::new();
    };
    let (lo, hi) = (first.saturating_sub(1), (last + 2).min(ctx.tgt.len()));
    if (lo..hi).any(|j| !ctx.words.ar_times(j).is_empty()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &i in translated {
        let given = ctx.words.en_times(i);
        let (Some(a), Some(z)) = (given.first(), given.last()) else {
            continue;
        };
        let (start, end) = (a.start, z.end);
        if super::partial::names_source_words(claimed.iter().copied(), i, (start, end)) {
            continue;
        }
        out.push(super::partial::omitted_words(
            ctx,
            b,
            i,
            (start, end),
            "time",
            |words| format!("the time of day '{words}' is not in the Arabic"),
        ));
    }
    out
}

/// A figure both sides give, bounded the other way round: "more than 2 million" as «أقل من
/// مليوني», "nearly 300" as «ما يزيد على 300».
fn reversed_bound(
    ctx: &Context,
    (i, s): (usize, &NumberMention),
    (j, n): (usize, &NumberMention),
    src: &[usize],
) -> Option<Flag> {
    let source = bound_of(&ctx.src[i], s.start, s.end, Lang::En)?;
    let target = bound_of(&ctx.tgt[j], n.start, n.end, Lang::Ar)?;
    if source == target {
        return None;
    }
    let says = |b: Bound| match b {
        Bound::Lower => "a lower bound (at least)",
        Bound::Upper => "an upper bound (at most)",
    };
    let reason = format!(
        "the source gives '{}' as {}, the Arabic as {}",
        char_slice(&ctx.src[i], s.start, s.end),
        says(source),
        says(target)
    );
    Some(changed_figure(
        ctx,
        Some("bound"),
        src,
        (j, n.start, n.end),
        reason,
    ))
}

/// A high `number_mismatch` on the characters `start..end` of Arabic sentence `j`, against the
/// bead's source sentences: every changed figure, time or bound is one.
fn changed_figure(
    ctx: &Context,
    subkind: Option<&str>,
    src: &[usize],
    (j, start, end): (usize, usize, usize),
    reason: String,
) -> Flag {
    Flag {
        kind: FlagKind::NumberMismatch,
        subkind: subkind.map(str::to_string),
        severity: Severity::High,
        src: src.to_vec(),
        tgt: vec![j],
        span: Some(span(Side::Tgt, j, &ctx.tgt[j], start, end)),
        reason,
    }
}

/// Whether `part` (a sentence and a number in it) is a fraction written as a word — a half, or
/// a part written with the letters of its cardinal, as Arabic writes «خُمس» (a fifth) like
/// «خمس» (five) — that gives the share `percentage` states in percent, within a tenth.
fn part_is_percentage(
    (part_text, part): (&str, &NumberMention),
    (pct_text, pct): (&str, &NumberMention),
) -> bool {
    let share = if part.value == 0.5 {
        50.0
    } else if (2.0..=10.0).contains(&part.value) && part.value.fract() == 0.0 {
        100.0 / part.value
    } else {
        return false;
    };
    !part.digits
        && !in_percent(part_text, part.end)
        && in_percent(pct_text, pct.end)
        && (pct.value - share).abs() <= 0.1 * share
}

/// Whether the number ending at character `end` is a percentage: "%", "percent", «٪», «في
/// المئة», «بالمئة» after it.
fn in_percent(text: &str, end: usize) -> bool {
    let after: String = text.chars().skip(end).take(16).collect();
    let after = after.trim_start();
    let lower = after.to_lowercase();
    ["%", "٪", "percent", "per cent"]
        .iter()
        .any(|p| lower.starts_with(p))
        || {
            let first_words: Vec<String> = after
                .split_whitespace()
                .take(2)
                .map(arabic::normalize)
                .collect();
            matches!(
                first_words.first().map(String::as_str),
                Some("بالمئه" | "بالمائه" | "%")
            ) || (first_words.first().map(String::as_str) == Some("في")
                && matches!(
                    first_words.get(1).map(String::as_str),
                    Some("المئه" | "المائه")
                ))
        }
}

/// Two figures of `left` (of the same sort as `n`) whose sum is `n`'s value, as indices. Each of
/// ten or more: small numbers add up to one another by chance (one and two are three).
fn summed(left: &[(usize, NumberMention)], n: &NumberMention) -> Option<(usize, usize)> {
    const MIN_SUMMAND: f64 = 10.0;
    let fits = |m: &NumberMention| m.ordinal == n.ordinal && m.value >= MIN_SUMMAND;
    (0..left.len()).find_map(|x| {
        (x + 1..left.len())
            .find(|&y| {
                fits(&left[x].1)
                    && fits(&left[y].1)
                    && (left[x].1.value + left[y].1.value - n.value).abs() < 1e-9
            })
            .map(|y| (x, y))
    })
}

/// Whether `rounded` is `exact` rounded to a power of ten ("nearly 3,000" for 2,950; 1.2 million
/// for 1,184,000; "nearly two million" for 1.9 million, its one significant digit), within a
/// tenth of it: a rounding that moves the figure further changes what a reader takes away.
fn rounds_to(exact: f64, rounded: f64) -> bool {
    if exact <= 0.0 || rounded <= 0.0 || (rounded - exact).abs() > 0.1 * exact {
        return false;
    }
    (1..=9).any(|k| {
        let unit = 10f64.powi(k);
        unit <= rounded
            && (rounded / unit).fract() == 0.0
            && ((exact / unit).round() * unit - rounded).abs() < 1e-6
            && (exact / unit).fract() != 0.0
    })
}

/// Words that say a figure after them is approximate (lower case; Arabic normalised).
const APPROXIMATORS: &[(Lang, &str)] = &[
    (Lang::En, "about"),
    (Lang::En, "around"),
    (Lang::En, "approximately"),
    (Lang::En, "roughly"),
    (Lang::En, "some"),
    (Lang::En, "nearly"),
    (Lang::En, "almost"),
    (Lang::En, "estimated"),
    (Lang::En, "approx"),
    (Lang::Ar, "نحو"),
    (Lang::Ar, "حوالي"),
    (Lang::Ar, "حوالى"),
    (Lang::Ar, "قرابة"),
    (Lang::Ar, "زهاء"),
    (Lang::Ar, "يقارب"),
    (Lang::Ar, "يناهز"),
    (Lang::Ar, "يقرب"),
    (Lang::Ar, "تقريبا"),
];

/// [`APPROXIMATORS`] as the words they are compared with: the Arabic normalised («قرابة» is
/// read «قرابه»).
fn approximators() -> &'static [(Lang, String)] {
    static A: std::sync::OnceLock<Vec<(Lang, String)>> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        APPROXIMATORS
            .iter()
            .map(|&(l, a)| match l {
                Lang::Ar => (l, arabic::normalize(a)),
                Lang::En => (l, a.to_string()),
            })
            .collect()
    })
}

/// Whether one of the three words before character `start` of a sentence is an approximator
/// ("about", «نحو», «بنحو», «ما يقرب من»), or «تقريبا» follows the figure closely.
fn approximated(ctx: &Context, side: Side, sentence: usize, start: usize) -> bool {
    // The sentence's analysed words: Arabic normalised, English lowercased.
    let (lang, words): (Lang, Vec<(usize, String)>) = match side {
        Side::Tgt => {
            let w = ctx.words.ar(sentence);
            let words = w
                .toks
                .iter()
                .zip(&w.norms)
                .filter(|(t, _)| t.kind == TokenKind::Word)
                .map(|(t, n)| (t.start, n.clone()))
                .collect();
            (Lang::Ar, words)
        }
        Side::Src => {
            let words = ctx
                .words
                .en(sentence)
                .toks
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| (t.start, t.text.to_lowercase()))
                .collect();
            (Lang::En, words)
        }
    };
    let is_approximator = |w: &str| {
        approximators()
            .iter()
            .filter(|(l, _)| *l == lang)
            .any(|(_, a)| {
                w == a
                    || (lang == Lang::Ar
                        && ["ب", "و", "ل"]
                            .iter()
                            .any(|p| w.strip_prefix(p) == Some(a.as_str())))
            })
    };
    let at = words.partition_point(|(s, _)| *s < start);
    words[..at]
        .iter()
        .rev()
        .take(3)
        .any(|(_, w)| is_approximator(w))
        || (lang == Lang::Ar && words[at..].iter().take(4).any(|(_, w)| w == "تقريبا"))
}

fn distance(a: f64, b: f64) -> f64 {
    let (a, b) = (a.abs().max(1e-9), b.abs().max(1e-9));
    (a / b).ln().abs()
}

/// The source sentences just before and after a group.
fn neighbours<'a>(ctx: &'a Context, src: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    let (first, last) = (
        src.first().copied().unwrap_or(0),
        src.last().copied().unwrap_or(0),
    );
    [first.checked_sub(1), Some(last + 1)]
        .into_iter()
        .flatten()
        .filter(move |&i| i < ctx.src.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;

    /// The spans of the dropped-time flags of a one-to-one pair whose second sentence is the
    /// one tested (the first gives the neighbours no time).
    fn dropped_time_spans(en: &str, ar: &str) -> Vec<String> {
        let en = ["The two ministers met in the capital.", en];
        let ar = ["والتقى الوزيران في العاصمة.", ar];
        crate::flag::with_parallel_beads(Lexicon::builtin(), &en, &ar, |ctx| {
            dropped_times(ctx, &ctx.beads[1], &[1], &[])
        })
        .into_iter()
        .filter_map(|f| f.span.map(|s| s.text))
        .collect()
    }

    #[test]
    fn a_time_of_day_the_arabic_leaves_out_is_dropped() {
        let en = "The convoy crossed the border between 6:00 a.m. and 9:15 a.m. on Sunday.";
        assert_eq!(
            dropped_time_spans(en, "وعبرت القافلة الحدود يوم الأحد."),
            vec!["6:00 a.m. and 9:15 a.m."]
        );
        // Given in any form, or changed (another flag's case), the time is there.
        assert!(dropped_time_spans(
            en,
            "وعبرت القافلة الحدود يوم الأحد بين الساعة 6:00 و9:15 صباحا."
        )
        .is_empty());
        assert!(dropped_time_spans(en, "وعبرت القافلة الحدود الساعة 7:00 صباح الأحد.").is_empty());
    }

    fn bound_flags(en: &str, ar: &str) -> Vec<String> {
        crate::flag::with_parallel_beads(
            crate::anchors::lexicon::Lexicon::builtin(),
            &[en],
            &[ar],
            detect,
        )
        .into_iter()
        .filter(|f| f.subkind.as_deref() == Some("bound"))
        .filter_map(|f| f.span.map(|s| s.text))
        .collect()
    }

    /// Every figure flag (changed or omitted) of a one-sentence pair, as span texts.
    fn figure_flags(en: &str, ar: &str) -> Vec<String> {
        crate::flag::with_parallel_beads(
            crate::anchors::lexicon::Lexicon::builtin(),
            &[en],
            &[ar],
            |ctx| {
                let mut flags = detect(ctx);
                flags.extend(crate::flag::partial::detect(ctx, &flags, &[]));
                flags
            },
        )
        .into_iter()
        .filter(|f| matches!(f.kind, FlagKind::NumberMismatch | FlagKind::Omission))
        .filter_map(|f| f.span.map(|s| s.text))
        .collect()
    }

    #[test]
    fn a_share_given_as_a_part_or_a_percentage_is_the_same_figure() {
        let en = "Only 25 percent of the appeal has been funded.";
        assert!(figure_flags(en, "ولم يمول سوى ربع النداء.").is_empty());
        assert!(figure_flags(
            "The fund covers less than 20 percent of the needs.",
            "ولا يغطي الصندوق خمس الاحتياجات."
        )
        .is_empty());
        assert!(figure_flags(
            "Half of the displaced are children.",
            "و50 بالمئة من النازحين أطفال."
        )
        .is_empty());
        // Another share is not the figure (the source's is reported), five as a count is a
        // changed figure.
        assert!(!figure_flags(en, "ولم يمول سوى ثلث النداء.").is_empty());
        assert_eq!(
            figure_flags(
                "The strike killed 20 militants.",
                "وقتلت الضربة خمسة مسلحين."
            ),
            vec!["خمسة".to_string()]
        );
    }

    #[test]
    fn a_figure_rounded_as_approximate_or_two_summed_is_given() {
        let en = "The garrison counts 4,870 soldiers and 130 civilian staff.";
        // Rounded with an approximator: given. Rounded without one, or changed: not.
        assert!(figure_flags(en, "ويضم الحامية نحو خمسة آلاف جندي و130 موظفا مدنيا.").is_empty());
        assert!(figure_flags(en, "ويضم الحامية حوالي 4900 جندي و130 موظفا مدنيا.").is_empty());
        // Approximators whose letters normalisation folds (ة, ى, ء).
        for approx in ["قرابة", "حوالى", "زهاء", "بقرابة"] {
            let ar = format!("ويضم الحامية {approx} خمسة آلاف جندي و130 موظفا مدنيا.");
            assert!(figure_flags(en, &ar).is_empty(), "{approx}");
        }
        assert_eq!(
            figure_flags(en, "ويضم الحامية 5000 جندي و130 موظفا مدنيا."),
            vec!["5000".to_string()]
        );
        assert_eq!(
            figure_flags(en, "ويضم الحامية نحو ستة آلاف جندي و130 موظفا مدنيا."),
            vec!["ستة آلاف".to_string()]
        );
        // To one significant digit, where that stays within a tenth of the figure.
        let tanker = "The tanker carried about 2.85 million barrels of crude.";
        assert!(figure_flags(
            tanker,
            "وكانت الناقلة تحمل قرابة ثلاثة ملايين برميل من الخام."
        )
        .is_empty());
        assert!(!figure_flags(
            "The tanker carried about 2.6 million barrels of crude.",
            "وكانت الناقلة تحمل قرابة ثلاثة ملايين برميل من الخام."
        )
        .is_empty());
        // Two counts given as their sum.
        assert!(figure_flags(en, "ويضم الحامية 5000 شخص بين جندي وموظف.").is_empty());
        // Small numbers add up by chance: 3 for 2 and 1 is a change.
        assert!(!figure_flags("The 2 convoys left with 1 escort.", "وغادرت 3 قوافل.").is_empty());
        assert!(rounds_to(2950.0, 3000.0));
        assert!(!rounds_to(3000.0, 3000.0));
        assert!(rounds_to(1_184_000.0, 1_200_000.0));
        assert!(!rounds_to(2950.0, 2000.0));
    }

    #[test]
    fn a_span_of_time_in_another_unit_is_no_changed_figure() {
        let en = "The partnership spans more than seven decades and 36 months of joint drills.";
        assert!(figure_flags(
            en,
            "وتمتد الشراكة لأكثر من سبعين عاما وثلاثة أعوام من التدريبات المشتركة."
        )
        .is_empty());
        assert_eq!(
            figure_flags(
                en,
                "وتمتد الشراكة لأكثر من سبعين عاما وخمسة أعوام من التدريبات المشتركة."
            ),
            vec!["وخمسة".to_string()]
        );
        assert!(!figure_flags(
            en,
            "وتمتد الشراكة لأكثر من سبعين شهرا و36 شهرا من التدريبات."
        )
        .is_empty());
        assert!(figure_flags(
            "The mission lasted two decades.",
            "واستمرت المهمة عشرين سنة."
        )
        .is_empty());
    }

    #[test]
    fn a_figure_bounded_the_other_way_is_a_changed_figure() {
        let en = "The ministry said more than 1,500 families returned to Tawergha in March.";
        // Kept: the same bound, or an approximation, or no bound at all.
        for kept in [
            "وقالت الوزارة إن ما يزيد على 1500 أسرة عادت إلى تاورغاء في مارس.",
            "وقالت الوزارة إن نحو 1500 أسرة عادت إلى تاورغاء في مارس.",
            "وقالت الوزارة إن 1500 أسرة عادت إلى تاورغاء في مارس.",
        ] {
            assert!(bound_flags(en, kept).is_empty(), "{kept}");
        }
        let reversed = "وقالت الوزارة إن أقل من 1500 أسرة عادت إلى تاورغاء في مارس.";
        assert_eq!(bound_flags(en, reversed), vec!["1500".to_string()]);
    }

    fn mismatches(en: &str, ar: &str) -> Vec<String> {
        crate::flag::with_parallel_beads(
            crate::anchors::lexicon::Lexicon::builtin(),
            &[en],
            &[ar],
            detect,
        )
        .into_iter()
        .filter_map(|f| f.span.map(|s| s.text))
        .collect()
    }

    #[test]
    fn a_rank_is_compared_with_ranks_and_a_clock_time_is_no_figure() {
        // "A third one" after two: a rank, no count of three.
        let en = "Two fishermen were rescued and one is still missing.";
        assert!(mismatches(en, "وأنقذ صيادان فيما لا يزال ثالث مفقودا.").is_empty());
        // A changed rank is still a changed figure.
        let en = "The talks opened in the fourth round.";
        let ar = "وافتتحت المحادثات في الجولة الثالثة.";
        assert_eq!(mismatches(en, ar), vec!["الثالثة".to_string()]);
        // Hours as ordinal words, minutes as «والنصف»: the same time, no figure changed.
        let en = "The market reopened at 9:30 a.m. after 12 hours.";
        let ar = "وأعيد فتح السوق عند الساعة التاسعة والنصف صباحا بعد 12 ساعة.";
        assert!(mismatches(en, ar).is_empty());
        // A changed time is a changed fact.
        let ar = "وأعيد فتح السوق عند الساعة العاشرة والنصف صباحا بعد 12 ساعة.";
        assert_eq!(
            mismatches(en, ar),
            vec!["الساعة العاشرة والنصف صباحا".to_string()]
        );
    }

    #[test]
    fn duals_carry_the_number_two() {
        assert!(has_dual("أسقطت الدفاعات طائرتين مسيرتين"));
        assert!(!has_dual("أسقطت الدفاعات ثلاث طائرات"));
        // A masculine dual, in construct too, gives "two" of the noun its stem renders.
        let dual = |en: &str, ar: &str| {
            crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], |ctx| {
                let end = en.find(" two ").map(|b| b + 4).expect("two");
                two_given_by_dual(ctx, 0, end, &[0])
            })
        };
        assert!(dual("The navy seized two boats.", "وضبطت البحرية زورقين."));
        assert!(dual(
            "Officials met the two ministers.",
            "والتقى المسؤولون الوزيرين."
        ));
        assert!(!dual("The navy seized two boats.", "وضبطت البحرية زورقا."));
        assert!(!dual(
            "The navy seized two boats.",
            "وضبطت البحرية سفينة للمهربين."
        ));
        // A plural a numeral counts ends like a dual: three Iraqi soldiers give no "two".
        assert!(!dual(
            "The blast killed two Iraqi soldiers near the border.",
            "وأدى الانفجار إلى مقتل ثلاثة جنود عراقيين قرب الحدود."
        ));
        assert!(dual(
            "The blast killed two Iraqi soldiers near the border.",
            "وأدى الانفجار إلى مقتل جنديين عراقيين قرب الحدود."
        ));
    }

    #[test]
    fn years_and_dates_are_not_figures() {
        let en = "On May 4, 2025, 1,200 troops and 35 aircraft took part in 2025's drill.";
        let a = crate::anchors::build(
            &[en.to_string()],
            &[String::new()],
            crate::anchors::lexicon::Lexicon::builtin(),
        );
        let v: Vec<f64> = figures(en, &a.src[0]).iter().map(|n| n.value).collect();
        assert_eq!(v, vec![1200.0, 35.0]);
    }

    #[test]
    fn ordinals_and_fractions_carry_their_base_number() {
        let en = "A fifth of the aid goes to the third district.";
        let ar = "يذهب خمس المساعدات إلى المنطقة الثالثة.";
        let a = crate::anchors::build(
            &[en.to_string()],
            &[ar.to_string()],
            crate::anchors::lexicon::Lexicon::builtin(),
        );
        let value = |f: Vec<crate::anchors::numbers::NumberMention>| {
            let mut v: Vec<f64> = f.iter().map(|n| n.value).collect();
            v.sort_by(f64::total_cmp);
            v
        };
        assert_eq!(value(a.src[0].numbers.clone()), vec![3.0, 5.0]);
        assert_eq!(value(a.tgt[0].numbers.clone()), vec![3.0, 5.0]);
    }
}
