//! Term substitutions: an Arabic multi-word term (an institution, force or title) that the aligned
//! source does not contain, standing where a source term goes unrendered and the two share words
//! — "ISF" (Iraqi Security Forces, قوات الأمن العراقية) rendered as قوى الأمن الداخلي (Internal
//! Security Forces).

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::lexicon::{en_key, Lexicon};
use crate::anchors::{arabic_phrases, english_phrases, ItemKind};
use crate::text::tokens::tokenize;
use crate::text::FastMap;
use crate::text::{arabic, char_slice};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// A stretch of one sentence: (sentence, start, end), in characters.
type Place = (usize, usize, usize);

/// Content words of Arabic text, normalised and without proclitics.
fn words(text: &str) -> HashSet<String> {
    tokenize(&arabic::normalize(text))
        .iter()
        .map(|t| arabic::strip_proclitics(t.text).to_string())
        .filter(|w| w.chars().count() >= 3)
        .collect()
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = substitutions(ctx);
    out.extend(rank_changes(ctx));
    out
}

/// Words that set a title's rank.
const RANK_WORDS: &[&str] = &[
    "deputy",
    "assistant",
    "acting",
    "vice",
    "under",
    "associate",
    "principal",
    "senior",
    "lieutenant",
    "brigadier",
    "rear",
    "chief",
    "first",
    "special",
];

/// Titles rendered as a lesser title contained in them: "Deputy Assistant Secretary" as
/// مساعد الوزير ("assistant secretary").
fn rank_changes(ctx: &Context) -> Vec<Flag> {
    let lex = ctx.lexicon;
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        let tgt_offers: HashSet<u32> = b
            .tgt
            .iter()
            .flat_map(|&j| ctx.anchors.tgt[j].offers.iter().copied())
            .collect();
        let bead_words: Vec<String> = b
            .tgt
            .iter()
            .flat_map(|&j| stripped_words(&ctx.words.ar(j).norms))
            .collect();
        let phrases_of: Vec<Vec<(usize, usize, &[u32])>> = b
            .src
            .iter()
            .map(|&i| {
                let analysed = ctx.words.en(i);
                english_phrases(&analysed.toks, &analysed.stems, lex)
            })
            .collect();
        for (o, &i) in b.src.iter().enumerate() {
            let text = &ctx.src[i];
            let toks = &ctx.words.en(i).toks;
            let phrases = &phrases_of[o];
            for &(first, n, concepts) in phrases {
                let titles: Vec<u32> = concepts
                    .iter()
                    .copied()
                    .filter(|&c| lex.is_title(c))
                    .collect();
                if n < 2 || titles.is_empty() {
                    continue;
                }
                // A shorter title inside this one that the Arabic does render.
                let lesser = phrases
                    .iter()
                    .filter(|&&(f2, n2, c2)| {
                        f2 >= first
                            && f2 + n2 <= first + n
                            && n2 < n
                            && c2
                                .iter()
                                .any(|&c| lex.is_title(c) && tgt_offers.contains(&c))
                    })
                    .max_by_key(|p| p.1);
                let Some(&(f2, n2, lesser_concepts)) = lesser else {
                    continue;
                };
                // Only a dropped rank word changes the rank ("Deputy", "Acting", "Vice"); other
                // missing words are more often a rendering the glossary lacks.
                let dropped: Vec<String> = (first..first + n)
                    .filter(|&k| k < f2 || k >= f2 + n2)
                    .map(|k| toks[k].text.to_lowercase())
                    .collect();
                if !dropped.iter().any(|w| RANK_WORDS.contains(&w.as_str())) {
                    continue;
                }
                // The whole title rendered with words between its own: an ordinal or a
                // preposition of the genitive («النائب الأول لرئيس مجلس الوزراء» for "First
                // Deputy Prime Minister"). (Where the source names the title more than once,
                // the mentions in order decide, below.)
                let named = phrases_of
                    .iter()
                    .flatten()
                    .filter(|(_, _, c)| c.iter().any(|x| titles.contains(x)))
                    .count();
                if named == 1
                    && titles.iter().any(|&c| {
                        lex.label(c).is_some_and(|(_, renderings)| {
                            renderings.iter().any(|r| {
                                let phrase = word_sequence(r);
                                phrase.len() >= 2 && in_order_nearby_genitive(&bead_words, &phrase)
                            })
                        })
                    })
                {
                    continue;
                }
                // Rendered somewhere in the bead: reduced here only if the source names it more
                // often than the Arabic gives it, and the order of the mentions says this one.
                if titles.iter().any(|c| tgt_offers.contains(c)) {
                    let lesser_titles: Vec<u32> = lesser_concepts
                        .iter()
                        .copied()
                        .filter(|&c| lex.is_title(c) && tgt_offers.contains(&c))
                        .collect();
                    let occurrence = TitleOccurrence { sentence: o, first };
                    if !reduced_in_order(ctx, b, &phrases_of, occurrence, &titles, &lesser_titles) {
                        continue;
                    }
                }
                let full = char_slice(text, toks[first].start, toks[first + n - 1].end);
                let part = char_slice(text, toks[f2].start, toks[f2 + n2 - 1].end);
                out.push(Flag {
                    kind: FlagKind::Mistranslation,
                    subkind: Some("title".into()),
                    severity: Severity::Medium,
                    src: vec![i],
                    tgt: b.tgt.clone(),
                    span: Some(span(
                        Side::Src,
                        i,
                        text,
                        toks[first].start,
                        toks[first + n - 1].end,
                    )),
                    reason: format!("title '{full}' rendered only as '{part}'"),
                });
            }
        }
    }
    out
}

/// Where a title stands in a bead's source: the sentence's place in the bead, its first token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TitleOccurrence {
    sentence: usize,
    first: usize,
}

/// Whether the occurrence of a title (concepts `titles`) is the one the Arabic gives as a lesser
/// title inside it (`lesser`), where the source names the title several times and the Arabic
/// renders it fewer times ("Deputy Assistant Secretary of State X and Deputy Assistant
/// Secretary of Defense Y" as «نائب مساعد وزير الخارجية ... ومساعد وزير الدفاع ...»). The
/// source's occurrences and the Arabic's mentions of either title are read in order, one for
/// one; undecided (false) where the counts disagree or the source names the lesser title on
/// its own.
fn reduced_in_order(
    ctx: &Context,
    b: &crate::align::Bead,
    phrases_of: &[Vec<(usize, usize, &[u32])>],
    occurrence: TitleOccurrence,
    titles: &[u32],
    lesser: &[u32],
) -> bool {
    let has = |concepts: &[u32], of: &[u32]| concepts.iter().any(|c| of.contains(c));
    let mut full: Vec<(TitleOccurrence, usize)> = Vec::new();
    for (o, phrases) in phrases_of.iter().enumerate() {
        for &(first, n, c) in phrases {
            if has(c, titles) {
                full.push((TitleOccurrence { sentence: o, first }, n));
            }
        }
    }
    full.sort_unstable();
    full.dedup_by_key(|f| f.0);
    let inside_full = |o: usize, f: usize, n: usize| {
        full.iter()
            .any(|&(t, m)| t.sentence == o && t.first <= f && f + n <= t.first + m)
    };
    let lesser_alone = phrases_of.iter().enumerate().any(|(o, phrases)| {
        phrases
            .iter()
            .any(|&(f, n, c)| has(c, lesser) && !inside_full(o, f, n))
    });
    if lesser_alone {
        return false;
    }
    // The Arabic's mentions, in reading order: true for the full title, false for the lesser
    // one (not counting a lesser title inside a full one).
    let mut mentions: Vec<((usize, usize), bool)> = Vec::new();
    for (o, &j) in b.tgt.iter().enumerate() {
        let items = &ctx.anchors.tgt[j].items;
        // Anchors give a term on each of its words: a run of them with nothing but spaces
        // between is one mention.
        let runs = |of: &dyn Fn(&crate::anchors::Item) -> bool| -> Vec<(usize, usize)> {
            let mut spans: Vec<(usize, usize)> = items
                .iter()
                .filter(|it| of(it))
                .map(|it| (it.start, it.end))
                .collect();
            spans.sort_unstable();
            let mut merged: Vec<(usize, usize)> = Vec::new();
            for (s, e) in spans {
                match merged.last_mut() {
                    Some(last)
                        if s <= last.1 || char_slice(&ctx.tgt[j], last.1, s).trim().is_empty() =>
                    {
                        last.1 = last.1.max(e);
                    }
                    _ => merged.push((s, e)),
                }
            }
            merged
        };
        let full_spans = runs(&|it| has(&it.keys, titles));
        let lesser_spans = runs(&|it| has(&it.keys, lesser) && !has(&it.keys, titles));
        mentions.extend(full_spans.iter().map(|&(s, _)| ((o, s), true)));
        mentions.extend(
            lesser_spans
                .iter()
                .filter(|&&(ls, le)| !full_spans.iter().any(|&(s, e)| s <= ls && le <= e))
                .map(|&(s, _)| ((o, s), false)),
        );
    }
    mentions.sort_unstable();
    mentions.dedup_by_key(|m| m.0);
    if mentions.len() != full.len() {
        return false;
    }
    full.iter()
        .position(|f| f.0 == occurrence)
        .is_some_and(|k| !mentions[k].1)
}

/// Arabic terms standing where a source term goes unrendered.
fn substitutions(ctx: &Context) -> Vec<Flag> {
    let lex = ctx.lexicon;
    let mut out = Vec::new();
    let inside = NamesInside::default();
    let renderings = RenderingsOf::default();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        // Source terms (and acronyms) the Arabic does not render, with their expected renderings.
        let mut missing: Vec<Unrendered> = Vec::new();
        // The source's institutions with each of their renderings as a word sequence.
        let mut institutions: Vec<(String, String, Vec<Vec<String>>)> = Vec::new();
        // Each Arabic mention renders one occurrence of a source term: the occurrences are
        // matched to the mentions that give one of their (most specific) keys, so that one
        // «وزارة الخارجية» does not render the foreign ministries of two countries.
        // Arabic mentions: (sentence, start, end) and keys.
        let mentions: Vec<(Place, &[u32])> = b
            .tgt
            .iter()
            .flat_map(|&j| {
                ctx.anchors.tgt[j]
                    .items
                    .iter()
                    .filter(move |it| !bracketed_gloss(&ctx.tgt[j], it.start, it.end))
                    .map(move |it| ((j, it.start, it.end), &it.keys[..]))
            })
            .collect();
        let rendered_occurrences = {
            let keys: Vec<&[u32]> = mentions.iter().map(|m| m.1).collect();
            let occurrences: Vec<Vec<u32>> = b
                .src
                .iter()
                .flat_map(|&i| {
                    ctx.anchors.src[i]
                        .items
                        .iter()
                        .filter(|it| it.kind == ItemKind::Term)
                        .filter(move |it| !bracketed_gloss(&ctx.src[i], it.start, it.end))
                        .map(|it| lex.most_specific(&it.keys).collect())
                })
                .collect();
            matched_occurrences(&occurrences, &keys)
        };
        // A term in brackets after another phrase glosses it («وزارة الدفاع (البنتاغون)», "the
        // Border Police (BP)"): it names the same thing once more, not a second thing, and is no
        // mention.
        let mentioned = |k: u32| mentions.iter().any(|m| m.1.binary_search(&k).is_ok());
        let mut occurrence = 0;
        // Where the source's rendered terms stand, with the Arabic mention rendering each: their
        // words are accounted for there and support no other Arabic phrase (`free_at`).
        let mut rendered_spans: Vec<(Place, Place)> = Vec::new();
        for &i in &b.src {
            let a = &ctx.anchors.src[i];
            for it in a
                .items
                .iter()
                .filter(|it| it.kind == ItemKind::Term)
                .filter(|it| !bracketed_gloss(&ctx.src[i], it.start, it.end))
            {
                let surface = char_slice(&ctx.src[i], it.start, it.end).to_string();
                for &k in &it.keys {
                    if let Some((en, ars)) = lex.label(k) {
                        if lex.is_institution(k) && surface.chars().any(char::is_uppercase) {
                            let seqs = renderings.of(k, ars).sequences.clone();
                            if seqs.iter().any(|r| r.len() >= 2) {
                                institutions.push((surface.clone(), en.to_string(), seqs));
                            }
                        }
                    }
                }
                // Judged on its most specific term: the words of "Iraqi Security Forces" each
                // rendered («قوى الأمن الداخلي العراقية») do not render the force.
                let rendered = rendered_occurrences[occurrence];
                occurrence += 1;
                if let Some(m) = rendered {
                    rendered_spans.push(((i, it.start, it.end), mentions[m].0));
                    continue;
                }
                for &k in &it.keys {
                    if let Some((en, ars)) = lex.label(k) {
                        // Institutions are named with capitals ("is" is not IS), unless their
                        // name has two words or more ("coast guards of Djibouti and Yemen").
                        let institution = lex.is_institution(k)
                            && (surface.chars().any(char::is_uppercase)
                                || en.split_whitespace().count() >= 2);
                        // Places are judged as places (places.rs).
                        if en.split_whitespace().count() < 2 && !institution
                            || lex.place_kind(k).is_some()
                        {
                            continue;
                        }
                        // (Where the term is rendered whole elsewhere, its words there are
                        // that occurrence's.)
                        let whole_elsewhere = mentioned(k);
                        missing.push(Unrendered {
                            key: k,
                            surface: surface.clone(),
                            en: en.to_string(),
                            institution,
                            whole_elsewhere,
                            renderings: renderings.of(k, ars),
                        });
                    }
                }
            }
        }
        if missing.is_empty() && institutions.is_empty() {
            continue;
        }
        let src_offers: HashSet<u32> = b
            .src
            .iter()
            .flat_map(|&i| ctx.anchors.src[i].offers.iter().copied())
            .collect();
        // How often the source names each term: each Arabic rendering accounts for one
        // occurrence, so a term the Arabic gives more often than the source names it («خفر
        // السواحل» twice for one Coast Guard) has a mention that renders nothing of the source.
        // (Anchors give a term on each of its words: a run of words naming the same term, with
        // nothing but a space between them, is one occurrence.)
        let mut src_terms: FastMap<u32, usize> = FastMap::default();
        for &i in &b.src {
            let mut spans: Vec<(u32, usize, usize)> = Vec::new();
            for it in ctx.anchors.src[i]
                .items
                .iter()
                .filter(|it| it.kind == ItemKind::Term)
            {
                for k in lex.most_specific(&it.keys) {
                    spans.push((k, it.start, it.end));
                }
            }
            spans.sort_unstable();
            let mut last: Option<(u32, usize)> = None;
            for &(k, a, z) in &spans {
                match last {
                    Some((lk, lz)) if lk == k && a <= lz + 1 => {}
                    _ => *src_terms.entry(k).or_insert(0) += 1,
                }
                let reach = match last {
                    Some((lk, lz)) if lk == k => lz.max(z),
                    _ => z,
                };
                last = Some((k, reach));
            }
        }
        let mut renderings_given: FastMap<u32, usize> = FastMap::default();
        let src_stems: HashSet<String> = b
            .src
            .iter()
            .flat_map(|&i| ctx.words.en(i).stems.iter().cloned())
            .collect();
        // The source's words, each with the Arabic mention that renders the term it stands in
        // (if any): a whole Arabic phrase's meaning may be supported only by words free at that
        // phrase (the "Department" of a department the Arabic renders elsewhere does not make
        // another «وزارة …» a rendering of the source; a term rendered by this phrase itself does).
        // (Terms may nest: a word is free at a phrase only if every term it stands in is
        // rendered there.)
        let source_words: Vec<(&str, Vec<Place>)> = b
            .src
            .iter()
            .flat_map(|&i| {
                let w = ctx.words.en(i);
                let spans = &rendered_spans;
                w.toks.iter().zip(&w.stems).map(move |(t, stem)| {
                    let rendered_at = spans
                        .iter()
                        .filter(|&&((si, a, z), _)| si == i && a <= t.start && t.end <= z)
                        .map(|&(_, m)| m)
                        .collect();
                    (stem.as_str(), rendered_at)
                })
            })
            .collect();
        let free_at = |w: &str, at: Place| {
            source_words.iter().any(|(stem, ms)| {
                *stem == w
                    && ms
                        .iter()
                        .all(|&(mj, ms, me)| mj == at.0 && at.1 <= ms && me <= at.2)
            })
        };
        // Each Arabic sentence's words without their proclitics, as terms are matched.
        let stripped_of: Vec<Vec<String>> = b
            .tgt
            .iter()
            .map(|&j| stripped_words(&ctx.words.ar(j).norms))
            .collect();
        // How often the bead's Arabic renders each source institution whole (two words or more).
        let mut rendered_in_bead: HashMap<&str, usize> = HashMap::new();
        for (_, en, seqs) in &institutions {
            rendered_in_bead.entry(en.as_str()).or_insert_with(|| {
                stripped_of
                    .iter()
                    .map(|stripped| {
                        whole_renderings(seqs, stripped)
                            .iter()
                            .filter(|&&(a, z)| z - a >= 2)
                            .count()
                    })
                    .sum()
            });
        }
        for (&j, stripped) in b.tgt.iter().zip(&stripped_of) {
            let text = &ctx.tgt[j];
            let analysed = ctx.words.ar(j);
            let (toks, norms) = (&analysed.toks, &analysed.norms);
            let mut used: Vec<(usize, usize)> = Vec::new();
            let mut rendered_terms: Vec<(usize, usize)> = Vec::new();
            let sentence_stems: Vec<String> = norms.iter().map(|n| arabic::light_stem(n)).collect();
            let sentence_words: HashSet<&str> =
                norms.iter().map(|n| arabic::strip_proclitics(n)).collect();
            let mut phrases = arabic_phrases(toks, norms, lex);
            // Single words that name an institution (الكونغرس, الخزانة).
            let token_concepts = &analysed.concepts;
            let single: Vec<(usize, usize, Vec<u32>)> = token_concepts
                .iter()
                .cloned()
                .enumerate()
                .filter(|(_, c)| {
                    // A proper name (Congress, Treasury), not a generic head (agency, forces).
                    c.iter().any(|&x| {
                        lex.is_institution(x)
                            && lex.label(x).is_some_and(|(en, _)| {
                                en.chars().next().is_some_and(char::is_uppercase)
                            })
                    })
                })
                .map(|(k, c)| (k, 1, c))
                .collect();
            let mut phrases: Vec<(usize, usize, Vec<u32>)> = phrases
                .drain(..)
                .map(|(a, n, c)| (a, n, c.to_vec()))
                .chain(single)
                .collect();
            let excess = excess_mentions(&phrases, &src_offers, &src_terms, &mut renderings_given);
            // Longest phrase first: "قوى الأمن الداخلي" rather than "قوى الأمن".
            phrases.sort_by_key(|&(first, n, _)| (std::cmp::Reverse(n), first));
            for (first, n, concepts) in phrases {
                let concepts = &concepts[..];
                let (s, e) = (toks[first].start, toks[first + n - 1].end);
                // A rendered source term: the phrases inside it («قوات الأمن» of «قوات الأمن
                // العراقية») are its words, not terms of their own.
                let is_excess = excess.contains(&(first, n));
                if !is_excess && concepts.iter().any(|c| src_offers.contains(c)) {
                    if n >= 2 {
                        rendered_terms.push((s, e));
                    }
                    continue;
                }
                if used.iter().any(|&(a, z)| s < z && e > a)
                    || rendered_terms.iter().any(|&(a, z)| a <= s && e <= z)
                {
                    continue;
                }
                let term_words = words(char_slice(text, s, e));
                // A phrase made only of words of a missing term's renderings is that term's
                // short form: Arabic names an institution by its head alone («الوزارة» for the
                // Ministry of Health) or by the word that says which one («الخارجية» for the
                // Department of State, «وزارة الخارجية»). It stands for no other term.
                if !term_words.is_empty()
                    && missing.iter().any(|m| {
                        m.en.split_whitespace().count() >= 2
                            && m.renderings.words.is_superset(&term_words)
                    })
                {
                    continue;
                }
                let phrase_sequence = word_sequence(char_slice(text, s, e));
                let after_title =
                    first > 0 && token_concepts[first - 1].iter().any(|&c| lex.is_title(c));
                // A term sharing words with a missing one («قوى الأمن الداخلي» for «قوات الأمن
                // العراقية»), or any institution where a missing institution should be.
                let institution = concepts.iter().any(|&c| lex.is_institution(c));
                // The most specific missing term it may stand for ("Ministry of Interior" rather
                // than the "ministry" its first word names).
                let Some(Unrendered { surface, en, .. }) = missing
                    .iter()
                    .filter(|m| {
                        let (w, inst) = (&m.renderings.words, &m.institution);
                        let parts: &[Vec<String>] = if m.whole_elsewhere {
                            &[]
                        } else {
                            &m.renderings.parts
                        };
                        // (Or, after a title, its head is of the family of the term's head:
                        // «وكيل وزارة الدفاع» where «وزير الخارجية», Secretary of State, should
                        // be. Elsewhere one root says too little: «قاذفة» launcher, «قذيفة»
                        // shell.)
                        let shares_words = (!w.is_disjoint(&term_words)
                            && !w.is_superset(&term_words))
                            || (*inst && institution && w.is_disjoint(&term_words))
                            || after_title
                                && m.renderings
                                    .sequences
                                    .iter()
                                    .any(|r| heads_of_one_family(r, &phrase_sequence));
                        // The tests below are costlier, and only matter for a term sharing words.
                        if !shares_words {
                            return false;
                        }
                        // A term whose every word the sentence gives, in other forms or order
                        // («الدعم الاستخباري وعمليات المراقبة والاستطلاع» for "intelligence,
                        // surveillance and reconnaissance"), is rendered in its parts, not replaced.
                        let in_parts = parts.iter().any(|r| in_order_nearby(&sentence_stems, r));
                        // A phrase naming the term inside it ("U.S. government" for "the United
                        // States", "Iraqi army" for Iraq) is a metonym of the term, not another one.
                        let metonym = || concepts.iter().any(|&c| inside.names(lex, c, m.key));
                        // The term's head with a part of its own name («البعثة الأممية», "the UN
                        // mission", for the UN Support Mission in Libya) is its short form.
                        let short_form = || {
                            m.renderings
                                .heads
                                .iter()
                                .any(|h| sentence_words.contains(h.as_str()))
                                && concepts.iter().any(|&c| inside.names(lex, m.key, c))
                        };
                        // Arabic names a minister's subordinate by the ministry («وكيل وزارة
                        // الخارجية») where English names the minister's office ("Under
                        // Secretary of State"): after a title, the phrase keeps the term's
                        // distinguishing words and puts the same word family in its head
                        // (وزارة ministry, وزير minister) — the same institution.
                        let office_form = || {
                            after_title
                                && m.renderings
                                    .sequences
                                    .iter()
                                    .any(|r| same_but_head_family(r, &phrase_sequence))
                        };
                        // The term rendered right here, sharing a word with the phrase («وكيل
                        // وزارة», under secretary, in «وكيل وزارة الخارجية»; a woman's title in
                        // its feminine form, «وكيلة»), is not missing from it.
                        let rendered_across = || {
                            m.renderings.sequences.iter().any(|r| {
                                (0..(stripped.len() + 1).saturating_sub(r.len())).any(|a| {
                                    a < first + n
                                        && a + r.len() > first
                                        && r.iter()
                                            .zip(&stripped[a..])
                                            .all(|(x, y)| same_word_either_gender(x, y))
                                })
                            })
                        };
                        // A one-word term that a word of the phrase means on its own
                        // («الدعوة», "calling", where a dictionary glosses the whole «الدعوة
                        // إلى» as "convoking", for "call"): the phrase gives the term, whatever
                        // the dictionary calls the whole.
                        let word_means_term = || {
                            let (term, label) = (content_stems(&m.surface), content_stems(&m.en));
                            let ([term], [_]) = (&term[..], &label[..]) else {
                                return false;
                            };
                            n >= 2
                                && (first..first + n).any(|k| {
                                    lex.ar_word(&norms[k])
                                        .iter()
                                        .filter_map(|&c| lex.label(c))
                                        .any(|(meaning, _)| content_stems(meaning).contains(term))
                                })
                        };
                        // The term's words given together in another order, the head first
                        // («الحوار المشترك للتعاون الأمني» for «حوار التعاون الأمني المشترك»):
                        // Arabic may attach a complement with «ل» behind an adjective.
                        let rearranged = || {
                            m.renderings
                                .sequences
                                .iter()
                                .any(|r| rearranged_rendering(stripped, r))
                        };
                        !in_parts
                            && !rearranged()
                            && !word_means_term()
                            && !metonym()
                            && !short_form()
                            && !office_form()
                            && !rendered_across()
                    })
                    .max_by_key(|m| m.en.split_whitespace().count())
                else {
                    continue;
                };
                // The Arabic term's distinguishing meaning must be absent from the source: "قائد
                // الجيش" (army commander) for "LAF Commander" renders "Commander" and is no
                // substitution, while «وزارة الخارجية» for "Ministry of Interior" shares only the
                // head "Ministry" and is one.
                let stems_of = |t: &str| -> HashSet<String> {
                    tokenize(t)
                        .iter()
                        .map(|t| crate::text::english::stem(&t.text.to_lowercase()))
                        .filter(|w| w.len() >= 3)
                        .collect()
                };
                // What the unrendered source terms say is expected to be shared: "Syrian" of
                // Syrian Democratic Forces does not support «الجيش الوطني السوري».
                // A phrase whose meaning shares a word with another unrendered term of the
                // source, and none with this one, renders that term loosely («منظمة إرهابية»,
                // terrorist organisation, for a Specially Designated Global Terrorist): it
                // stands for no other term.
                let content = |t: &str| -> HashSet<String> {
                    let mut stems = stems_of(t);
                    stems.retain(|w| !crate::anchors::lexicon::is_closed_class(w));
                    stems
                };
                let meaning_stems: HashSet<String> = concepts
                    .iter()
                    .filter_map(|&c| lex.label(c))
                    .flat_map(|(meaning, _)| content(meaning))
                    .collect();
                if meaning_stems.is_disjoint(&content(en))
                    && missing
                        .iter()
                        .any(|m| m.en != *en && !meaning_stems.is_disjoint(&content(&m.en)))
                {
                    continue;
                }
                let mut shared = stems_of(en);
                for Unrendered { surface, en, .. } in &missing {
                    shared.extend(stems_of(surface));
                    shared.extend(stems_of(en));
                }
                let renders = |meaning: &str, in_source: &dyn Fn(&str) -> bool| {
                    stems_of(meaning)
                        .iter()
                        .any(|w| !shared.contains(w) && in_source(w))
                };
                // The phrase's meaning; or, where the phrase holds a word of the missing term's
                // renderings, its other words' (a compound of the term and a word of the source
                // beside it: a dictionary may gloss «قائد الجيش» by a rare word, "vaivode",
                // while «قائد» is the source's "Commander" and «الجيش» its "LAF").
                let term_word = |k: usize| {
                    let w = arabic::strip_proclitics(&norms[k]);
                    missing.iter().any(|m| m.renderings.words.contains(w))
                };
                let compound = (first..first + n).any(term_word);
                // A surplus mention's meaning is the source's already rendered term: it
                // supports nothing.
                let supported = !is_excess
                    && concepts
                        .iter()
                        .filter_map(|&c| lex.label(c))
                        .any(|(meaning, _)| renders(meaning, &|w| free_at(w, (j, s, e))))
                    || (compound
                        && (first..first + n).filter(|&k| !term_word(k)).any(|k| {
                            token_concepts[k]
                                .iter()
                                .filter_map(|&c| lex.label(c))
                                .any(|(meaning, _)| renders(meaning, &|w| src_stems.contains(w)))
                        }));
                if supported {
                    continue;
                }
                let meaning = concepts
                    .iter()
                    .find_map(|&c| lex.label(c))
                    .map(|(e, _)| e.to_string())
                    .unwrap_or_default();
                used.push((s, e));
                out.push(Flag {
                    kind: FlagKind::Mistranslation,
                    subkind: Some("term".into()),
                    severity: Severity::Medium,
                    src: b.src.clone(),
                    tgt: vec![j],
                    span: Some(span(Side::Tgt, j, text, s, e)),
                    reason: format!(
                        "'{surface}' ({en}) rendered as '{}' ({meaning})",
                        char_slice(text, s, e)
                    ),
                });
            }
            // An institution whose head is kept and whose distinguishing word is replaced
            // («القيادة الأوروبية» for Central Command, «القيادة المركزية»): the Arabic holds a
            // run of the rendering's length that agrees with it in some words and, in the
            // others, has content words rendering nothing of the source.
            let unexplained = |k: usize| {
                stripped[k].chars().count() >= 3
                    && toks[k].kind == crate::text::tokens::TokenKind::Word
                    && !toks[k].is_latin()
                    && !token_concepts[k]
                        .iter()
                        .any(|c| src_offers.contains(c) || lex.is_function(*c) || lex.is_title(*c))
            };
            'terms: for (_, en, seqs) in &institutions {
                // Where the term is rendered whole, the words around it are other text.
                let whole = whole_renderings(seqs, stripped);
                // A term the sentence renders whole somewhere is rendered; another phrase of the
                // same head there is another institution of the source (a second navy).
                if whole.iter().any(|&(a, z)| z - a >= 2) {
                    continue;
                }
                // So is a term that another sentence of the bead renders whole as often as the
                // source names it: the head here («وتعتزم القيادة تكثيف …», "the command plans
                // to increase …") takes it up again.
                if rendered_in_bead[en.as_str()]
                    >= institutions.iter().filter(|t| &t.1 == en).count()
                {
                    continue;
                }
                for r in seqs.iter().filter(|r| r.len() >= 2) {
                    if r.len() > stripped.len() {
                        continue;
                    }
                    for start in 0..=stripped.len() - r.len() {
                        let window = start..start + r.len();
                        if whole.iter().any(|&(a, z)| start < z && window.end > a) {
                            continue;
                        }
                        // Arabic puts the head first (القيادة, وزارة, قوات) and the words that
                        // say which one after it: the head must be kept, something after it not.
                        let agree = window
                            .clone()
                            .filter(|&k| stripped[k] == r[k - start])
                            .count();
                        if !same_first_word(&stripped[start], &r[0]) || agree == r.len() {
                            continue;
                        }
                        let replaced: Vec<usize> = window
                            .clone()
                            .filter(|&k| stripped[k] != r[k - start])
                            .collect();
                        // The other words must be new to the term (not its other renderings'
                        // words in another order) and render nothing of the source.
                        let term_words: HashSet<&String> = seqs.iter().flatten().collect();
                        if !replaced
                            .iter()
                            .all(|&k| unexplained(k) && !term_words.contains(&stripped[k]))
                        {
                            continue;
                        }
                        let (s, e) = (toks[start].start, toks[start + r.len() - 1].end);
                        if used.iter().any(|&(a, z)| s < z && e > a) {
                            continue;
                        }
                        used.push((s, e));
                        let new_words: Vec<&str> = replaced.iter().map(|&k| toks[k].text).collect();
                        out.push(Flag {
                            kind: FlagKind::Mistranslation,
                            subkind: Some("term".into()),
                            severity: Severity::Medium,
                            src: b.src.clone(),
                            tgt: vec![j],
                            span: Some(span(Side::Tgt, j, text, s, e)),
                            reason: format!(
                                "'{en}' rendered as '{}': '{}' replaces the word that says which one",
                                char_slice(text, s, e),
                                new_words.join(" ")
                            ),
                        });
                        continue 'terms;
                    }
                }
            }
        }
    }
    out
}

/// The stems of an English phrase's content words.
fn content_stems(phrase: &str) -> Vec<String> {
    tokenize(phrase)
        .iter()
        .filter(|t| t.kind == crate::text::tokens::TokenKind::Word)
        .map(|t| t.text.to_lowercase())
        .filter(|w| !crate::anchors::lexicon::is_closed_class(w))
        .map(|w| crate::text::english::stem(&w))
        .collect()
}

/// Whether a phrase's first word `word` is `first`, perhaps after «و»/«ف»: a conjunction joins
/// the phrase to what comes before («ووزارة الخارجية», "and the Foreign Ministry"), and
/// `strip_proclitics` only takes it off with the article.
fn same_first_word(word: &str, first: &str) -> bool {
    word == first || arabic::without_conjunction(word) == first
}

/// A sentence's normalised words without their proclitics.
fn stripped_words(norms: &[String]) -> Vec<String> {
    norms
        .iter()
        .map(|n| arabic::strip_proclitics(n).to_string())
        .collect()
}

/// Where a sentence (`stripped`: its words without proclitics) renders a term whole by one of
/// its renderings (`seqs`, as word sequences): token ranges.
fn whole_renderings(seqs: &[Vec<String>], stripped: &[String]) -> Vec<(usize, usize)> {
    seqs.iter()
        .flat_map(|r| {
            (0..(stripped.len() + 1).saturating_sub(r.len()))
                .filter(|&a| {
                    !r.is_empty()
                        && same_first_word(&stripped[a], &r[0])
                        && stripped[a + 1..a + r.len()] == r[1..]
                })
                .map(|a| (a, a + r.len()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether a sentence (`stripped`: its words without proclitics) gives every word of a
/// rendering of three words or more (`r`) within one word more than its length, opening with
/// its head: the rendering with its modifiers reordered (a complement may take «ل»).
fn rearranged_rendering(stripped: &[String], r: &[String]) -> bool {
    r.len() >= 3
        && (0..stripped.len()).any(|a| {
            let window = &stripped[a..(a + r.len() + 1).min(stripped.len())];
            let given = |x: &String| {
                window
                    .iter()
                    .any(|w| w == x || w.strip_prefix('ل') == Some(x.as_str()))
            };
            same_first_word(&stripped[a], &r[0]) && r[1..].iter().all(given)
        })
}

/// Which Arabic mention (each with the keys it gives) renders each source occurrence (each with
/// its keys), one mention for one occurrence: a maximum matching (augmenting paths, the
/// earlier occurrence served first where several compete).
fn matched_occurrences(occurrences: &[Vec<u32>], mentions: &[&[u32]]) -> Vec<Option<usize>> {
    let gives = |o: usize, m: usize| {
        occurrences[o]
            .iter()
            .any(|k| mentions[m].binary_search(k).is_ok())
    };
    let mut owner: Vec<Option<usize>> = vec![None; mentions.len()];
    fn augment(
        o: usize,
        seen: &mut [bool],
        owner: &mut [Option<usize>],
        gives: &dyn Fn(usize, usize) -> bool,
    ) -> bool {
        for m in 0..owner.len() {
            if seen[m] || !gives(o, m) {
                continue;
            }
            seen[m] = true;
            if owner[m].map_or(true, |p| augment(p, seen, owner, gives)) {
                owner[m] = Some(o);
                return true;
            }
        }
        false
    }
    for o in 0..occurrences.len() {
        let mut seen = vec![false; mentions.len()];
        augment(o, &mut seen, &mut owner, &gives);
    }
    let mut rendering = vec![None; occurrences.len()];
    for (m, o) in owner.iter().enumerate() {
        if let Some(o) = *o {
            rendering[o] = Some(m);
        }
    }
    rendering
}

/// Whether the stretch `start..end` (characters) of `text` stands alone in brackets right after
/// a word: a gloss of the phrase before it ("the Border Police (BP)").
fn bracketed_gloss(text: &str, start: usize, end: usize) -> bool {
    // Asked of every item of every sentence, and most sentences have no brackets at all.
    if !text.contains('(') {
        return false;
    }
    let stretch = char_slice(text, start, end);
    let at = stretch.as_ptr() as usize - text.as_ptr() as usize;
    let (before, after) = (&text[..at], &text[at + stretch.len()..]);
    before
        .trim_end()
        .strip_suffix('(')
        .is_some_and(|b| b.ends_with(|c: char| c.is_alphanumeric() || c == ' '))
        && after.trim_start().starts_with(')')
}

/// The Arabic phrases (first token, length) of one sentence that name a source term once more
/// than the source does: taken in text order, each mention of a term the source names as a term
/// uses one of its occurrences (`given` counts them over the bead's sentences); a phrase inside
/// a counted one is part of it. A concept the source offers through a plain word (not a term)
/// renders without limit.
fn excess_mentions(
    phrases: &[(usize, usize, Vec<u32>)],
    src_offers: &HashSet<u32>,
    src_terms: &FastMap<u32, usize>,
    given: &mut FastMap<u32, usize>,
) -> HashSet<(usize, usize)> {
    let mut order: Vec<&(usize, usize, Vec<u32>)> = phrases
        .iter()
        .filter(|(_, _, c)| c.iter().any(|c| src_offers.contains(c)))
        .collect();
    order.sort_by_key(|&&(first, n, _)| (first, std::cmp::Reverse(n)));
    let mut counted: Vec<(usize, usize)> = Vec::new();
    let mut excess = HashSet::new();
    for &(first, n, ref concepts) in order {
        if counted.iter().any(|&(a, z)| a <= first && first + n <= z) {
            continue;
        }
        let matched: Vec<u32> = concepts
            .iter()
            .copied()
            .filter(|c| src_offers.contains(c))
            .collect();
        let limited = matched.iter().all(|c| src_terms.contains_key(c));
        if limited {
            let free = matched
                .iter()
                .find(|c| given.get(*c).copied().unwrap_or(0) < src_terms[*c]);
            match free {
                Some(&c) => *given.entry(c).or_insert(0) += 1,
                None => {
                    excess.insert((first, n));
                    continue;
                }
            }
        }
        counted.push((first, first + n));
    }
    excess
}

/// [`names_inside`] remembered for the pairs of concepts one document asks about: each answer
/// stems every sub-phrase of a label.
#[derive(Default)]
struct NamesInside(std::cell::RefCell<FastMap<(u32, u32), bool>>);

impl NamesInside {
    fn names(&self, lex: &Lexicon, c: u32, k: u32) -> bool {
        if let Some(&known) = self.0.borrow().get(&(c, k)) {
            return known;
        }
        let answer = names_inside(lex, c, k);
        self.0.borrow_mut().insert((c, k), answer);
        answer
    }
}

/// Whether the English label of concept `c` holds a phrase meaning concept `k`.
fn names_inside(lex: &Lexicon, c: u32, k: u32) -> bool {
    let Some((label, _)) = lex.label(c) else {
        return false;
    };
    // The same term may be several concepts (the glossary's, an acronym's, a dictionary's):
    // compared by their English key.
    let key_of = |x: u32| lex.label(x).map(|(e, _)| en_key(e));
    let Some(target) = key_of(k) else {
        return false;
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    (0..words.len()).any(|a| {
        (a + 1..=words.len())
            .filter(|&z| z - a < words.len())
            .any(|z| {
                lex.en(&en_key(&words[a..z].join(" ")))
                    .iter()
                    .any(|&x| x == k || key_of(x).as_ref() == Some(&target))
            })
    })
}

/// A source term the bead's Arabic does not render.
struct Unrendered {
    key: u32,
    surface: String,
    /// English label.
    en: String,
    institution: bool,
    /// Whether the bead's Arabic renders the term whole elsewhere: then its words there are that
    /// occurrence's, and the term is not given in parts.
    whole_elsewhere: bool,
    renderings: Rc<Renderings>,
}

/// What the detector reads of a term's Arabic renderings: the same for every bead naming it.
struct Renderings {
    /// The words of its renderings.
    words: HashSet<String>,
    /// Its renderings that coordinate two things or more, as light stems.
    parts: Vec<Vec<String>>,
    /// The head words of its renderings (normalised, without proclitics): «بعثة» of «بعثة الأمم
    /// المتحدة للدعم في ليبيا».
    heads: HashSet<String>,
    /// Each rendering as a word sequence (those with words).
    sequences: Vec<Vec<String>>,
}

impl Renderings {
    fn new(ars: &[String]) -> Renderings {
        // Only a coordination of things ("intelligence, surveillance and reconnaissance": every
        // later word opens with و) can be given in parts; a head and its modifiers («قوات الأمن
        // العراقية») cannot.
        let coordination = |r: &&String| {
            let n = arabic::normalize(r);
            let w: Vec<&str> = n.split_whitespace().collect();
            w.len() >= 2 && w[1..].iter().all(|x| x.starts_with('و'))
        };
        let sequences: Vec<Vec<String>> = ars
            .iter()
            .map(|r| word_sequence(r))
            .filter(|r| !r.is_empty())
            .collect();
        Renderings {
            words: ars.iter().flat_map(|r| words(r)).collect(),
            parts: ars
                .iter()
                .filter(coordination)
                .map(|r| {
                    word_sequence(r)
                        .iter()
                        .map(|x| arabic::light_stem(x))
                        .collect::<Vec<String>>()
                })
                .filter(|r| r.len() >= 2)
                .collect(),
            heads: sequences
                .iter()
                .filter_map(|r| r.first().cloned())
                .filter(|h| h.chars().count() >= 3)
                .collect(),
            sequences,
        }
    }
}

/// [`Renderings`] of each term, read once per document (a dictionary gives a word dozens).
#[derive(Default)]
struct RenderingsOf(std::cell::RefCell<FastMap<u32, Rc<Renderings>>>);

impl RenderingsOf {
    fn of(&self, k: u32, ars: &[String]) -> Rc<Renderings> {
        if let Some(r) = self.0.borrow().get(&k) {
            return r.clone();
        }
        let r = Rc::new(Renderings::new(ars));
        self.0.borrow_mut().insert(k, r.clone());
        r
    }
}

/// Whether the words of `phrase` occur in `words` in their order, within twice the phrase's
/// length: a term given in its parts («الدعم الاستخباري وعمليات المراقبة والاستطلاع»), not its
/// words scattered over other phrases of the sentence.
fn in_order_nearby(words: &[String], phrase: &[String]) -> bool {
    in_order_nearby_by(words, phrase, |w, x| w == x)
}

/// [`in_order_nearby`] with `is` telling whether a word of the sentence is a word of the phrase.
fn in_order_nearby_by(
    words: &[String],
    phrase: &[String],
    is: impl Fn(&str, &str) -> bool,
) -> bool {
    let Some(first) = phrase.first() else {
        return false;
    };
    let reach = 2 * phrase.len();
    words.iter().enumerate().any(|(p, w)| {
        if !is(w, first) {
            return false;
        }
        let mut rest = phrase[1..].iter();
        let mut want = rest.next();
        for x in &words[p + 1..words.len().min(p + reach)] {
            if want.is_some_and(|y| is(x, y)) {
                want = rest.next();
            }
        }
        want.is_none()
    })
}

/// [`in_order_nearby`] where a word of the phrase may take the genitive's «ل» («النائب الأول
/// لرئيس الوزراء»: a definite head puts the preposition before its complement).
fn in_order_nearby_genitive(words: &[String], phrase: &[String]) -> bool {
    in_order_nearby_by(words, phrase, |w, x| {
        w == x || w.strip_prefix('ل') == Some(x)
    })
}

/// Whether two normalised Arabic words are one word, or its masculine and feminine forms (a
/// title given for a woman: «وكيلة» for «وكيل», «مساعدة» for «مساعد»).
fn same_word_either_gender(a: &str, b: &str) -> bool {
    let base = |w: &'_ str| -> String { w.strip_suffix(['ة', 'ه']).unwrap_or(w).to_string() };
    a == b || (a.chars().count() >= 3 && b.chars().count() >= 3 && base(a) == base(b))
}

/// Whether two Arabic word sequences of one length (two words or more) have heads (first
/// words, an iḍāfa's head) of one word family: the same consonants once the long vowels, the
/// weak letters and a final tāʾ marbūṭa are set aside (وزير minister, وزارة ministry; قائد
/// commander, قيادة command).
fn heads_of_one_family(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() || a.len() < 2 {
        return false;
    }
    let strong = |w: &str| -> String {
        let w = w.strip_suffix(['ة', 'ه']).unwrap_or(w);
        w.chars().filter(|c| !"اويىءأإآئؤ".contains(*c)).collect()
    };
    let (x, y) = (strong(&a[0]), strong(&b[0]));
    x.chars().count() >= 2 && x == y
}

/// Whether two Arabic word sequences differ only in their heads, of one word family
/// ([`heads_of_one_family`]): «وزير الخارجية», «وزارة الخارجية».
fn same_but_head_family(a: &[String], b: &[String]) -> bool {
    a.first() != b.first() && heads_of_one_family(a, b) && a[1..] == b[1..]
}

fn word_sequence(text: &str) -> Vec<String> {
    tokenize(&arabic::normalize(text))
        .iter()
        .map(|t| arabic::strip_proclitics(t.text).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_mention_renders_one_occurrence() {
        // One «وزارة الخارجية» (giving both keys) for two foreign ministries: one of them is
        // left unrendered.
        assert_eq!(
            matched_occurrences(&[vec![1], vec![2]], &[&[1, 2]]),
            [Some(0), None]
        );
        // A second, more specific mention serves the other one, whichever comes first.
        assert_eq!(
            matched_occurrences(&[vec![1], vec![2]], &[&[1, 2], &[1]]),
            [Some(1), Some(0)]
        );
        // A bracketed gloss names the phrase before it once more.
        assert!(bracketed_gloss("وزارة الدفاع (البنتاغون) اليوم", 14, 23));
        assert!(!bracketed_gloss("وزارة الدفاع البنتاغون", 13, 22));
    }
    use crate::anchors::lexicon::Lexicon;

    /// Term flags of one-to-one sentence pairs (built-in glossary).
    fn flags(en: &[&str], ar: &[&str]) -> Vec<Flag> {
        flags_with(Lexicon::builtin(), en, ar)
    }

    fn flags_with(lex: &Lexicon, en: &[&str], ar: &[&str]) -> Vec<Flag> {
        crate::flag::with_parallel_beads(lex, en, ar, detect)
    }

    /// Arabic names a minister's subordinates by the ministry («وكيل وزارة الخارجية», the
    /// under secretary of the foreign ministry) where English names them by the minister's
    /// office ("Under Secretary of State"): the same institution, not a substitution. Another
    /// ministry in the same place is one.
    /// The source spans of the title flags.
    fn title_spans(f: Vec<Flag>) -> Vec<(usize, String)> {
        f.into_iter()
            .filter(|f| f.subkind.as_deref() == Some("title"))
            .filter_map(|f| f.span.map(|s| (s.start, s.text)))
            .collect()
    }

    /// A title the source gives twice, rendered whole once and as a lesser title once: the
    /// mentions read in order say which official lost the rank word.
    /// An institution named by the word that says which one («الخارجية», the foreign ministry,
    /// for the Department of State) is its short form; another ministry in its place is not.
    #[test]
    fn a_ministry_named_by_its_distinguishing_word_is_no_substitution() {
        let en = ["The Department of State said the measures take effect in thirty days."];
        let short = ["وقالت الخارجية إن الإجراءات تدخل حيز التنفيذ خلال ثلاثين يوما."];
        let terms = |f: Vec<Flag>| {
            f.iter()
                .filter(|f| f.subkind.as_deref() == Some("term"))
                .count()
        };
        assert_eq!(terms(flags(&en, &short)), 0);
        let other = ["وقالت وزارة الداخلية إن الإجراءات تدخل حيز التنفيذ خلال ثلاثين يوما."];
        assert_eq!(terms(flags(&en, &other)), 1);
    }

    #[test]
    fn a_rank_word_dropped_from_one_of_two_like_titles_is_flagged() {
        let en = ["The talks were attended by Deputy Assistant Secretary of State Omar Haddad and Deputy Assistant Secretary of Defense Lisa Crane."];
        let both = [
            "وحضر المحادثات نائب مساعد وزير الخارجية عمر حداد ونائب مساعد وزير الدفاع ليزا كرين.",
        ];
        assert!(title_spans(flags(&en, &both)).is_empty());
        let second =
            ["وحضر المحادثات نائب مساعد وزير الخارجية عمر حداد ومساعدة وزير الدفاع ليزا كرين."];
        let at = en[0].chars().count()
            - "Deputy Assistant Secretary of Defense Lisa Crane."
                .chars()
                .count();
        assert_eq!(
            title_spans(flags(&en, &second)),
            vec![(at, "Deputy Assistant Secretary".to_string())]
        );
        let first =
            ["وحضر المحادثات مساعد وزير الخارجية عمر حداد ونائب مساعد وزير الدفاع ليزا كرين."];
        let at = "The talks were attended by ".len();
        assert_eq!(
            title_spans(flags(&en, &first)),
            vec![(at, "Deputy Assistant Secretary".to_string())]
        );
    }

    #[test]
    fn a_term_after_a_conjunction_is_rendered_whole() {
        // «ووزارة الخارجية»: the conjunction is no word of the term, and the word after it
        // («تقديم», providing) replaces nothing.
        let en = ["The Treasury and the Department of State announced new assistance."];
        let ar = ["أعلنت وزارة الخزانة ووزارة الخارجية، تقديم مساعدات جديدة."];
        assert!(flags(&en, &ar).is_empty(), "{:?}", flags(&en, &ar));
    }

    #[test]
    fn a_dictionary_phrase_holding_the_word_that_means_the_term_renders_it() {
        // A dictionary glosses the phrase «الدعوة إلى» by a rarer word than its first word's
        // "calling": the phrase still gives the source's "call".
        let mut lex = Lexicon::builtin().clone();
        lex.add_pairs([
            ("convoking".to_string(), "الدعوة إلى".to_string()),
            ("calling".to_string(), "الدعوة".to_string()),
        ]);
        let en = ["They renewed their call for a ceasefire."];
        let ar = ["وجددوا الدعوة إلى وقف إطلاق النار."];
        assert!(flags_with(&lex, &en, &ar).is_empty());
    }

    #[test]
    fn a_title_rendered_with_an_ordinal_inside_is_rendered_whole() {
        let en = ["The minister received Second Deputy Prime Minister Salem Al-Ali in Doha."];
        let ar = ["واستقبل الوزير النائب الثاني لرئيس مجلس الوزراء سالم العلي في الدوحة."];
        assert!(title_spans(flags(&en, &ar)).is_empty());
        // The rank word dropped: still a lesser title.
        let reduced = ["واستقبل الوزير رئيس مجلس الوزراء سالم العلي في الدوحة."];
        assert_eq!(title_spans(flags(&en, &reduced)).len(), 1);
    }

    #[test]
    fn heads_of_one_word_family() {
        let seq = |t: &str| word_sequence(t);
        assert!(same_but_head_family(
            &seq("وزير الخارجية"),
            &seq("وزارة الخارجية")
        ));
        assert!(same_but_head_family(
            &seq("قائد الجيش"),
            &seq("قيادة الجيش")
        ));
        assert!(!same_but_head_family(
            &seq("وزير الخارجية"),
            &seq("وزارة الدفاع")
        ));
        assert!(!same_but_head_family(
            &seq("وزير الخارجية"),
            &seq("مكتب الخارجية")
        ));
    }

    #[test]
    fn an_official_named_by_the_ministry_of_the_office_is_no_substitution() {
        let en = ["Under Secretary of State for Political Affairs Nora Blake led the U.S. delegation to the talks in Nairobi."];
        let same = ["ترأست وكيلة وزارة الخارجية للشؤون السياسية نورا بليك الوفد الأمريكي إلى المحادثات في نيروبي."];
        let f = flags(&en, &same);
        assert!(f.is_empty(), "{f:?}");
        let other = ["ترأست وكيلة وزارة الدفاع للشؤون السياسية نورا بليك الوفد الأمريكي إلى المحادثات في نيروبي."];
        assert!(!flags(&en, &other).is_empty());
    }

    const EN: &str = "U.S. Central Command (CENTCOM) said its forces supported the evacuation.";

    #[test]
    fn one_foreign_ministry_does_not_render_two() {
        let en = ["Jordan's Ministry of Foreign Affairs and the U.S. Department of State signed a cultural agreement in Amman."];
        let f = flags(
            &en,
            &["ووقعت وزارة الخارجية الأردنية ووزارة الخارجية الأمريكية اتفاقية ثقافية في عمّان."],
        );
        assert!(f.is_empty(), "{f:?}");
        // The second named as the interior ministry: the one «وزارة الخارجية» renders one of
        // the two, and the other's "Department" does not support «وزارة الداخلية».
        let f = flags(
            &en,
            &["ووقعت وزارة الخارجية الأردنية ووزارة الداخلية الأمريكية اتفاقية ثقافية في عمّان."],
        );
        assert!(
            f.iter()
                .any(|f| f.span.as_ref().is_some_and(|s| s.text.contains("الداخلية"))),
            "{f:?}"
        );
    }

    #[test]
    fn a_term_is_judged_whole_not_by_its_words() {
        // Every word of "Iraqi Security Forces" has its own rendering in «قوى الأمن الداخلي
        // العراقية», but the force named is the Internal Security Forces.
        let f = flags(
            &["Washington will keep training the Iraqi Security Forces in Anbar."],
            &["وستواصل واشنطن تدريب قوى الأمن الداخلي العراقية في الأنبار."],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].reason.contains("Iraqi Security Forces"), "{f:?}");
        // Rendered whole: the phrase inside it («قوات الأمن») is no term of its own.
        let f = flags(
            &["Washington will keep training the Iraqi Security Forces in Anbar."],
            &["وستواصل واشنطن تدريب قوات الأمن العراقية في الأنبار."],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_phrase_naming_the_term_inside_it_is_a_metonym() {
        // "U.S. government" for "the United States": the same party, named by its government.
        let f = flags(
            &["The United States welcomed the ceasefire in Sudan."],
            &["ورحبت الحكومة الأمريكية بوقف إطلاق النار في السودان."],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_term_named_by_its_head_and_a_part_of_its_name_is_its_short_form() {
        // «البعثة الأممية» ("the UN mission") for the UN Support Mission in Libya.
        let en = "The committee will be chaired by UNSMIL and will report every week.";
        let got = flags(
            &[en],
            &["وستترأس البعثة الأممية اللجنة التي سترفع تقاريرها كل أسبوع."],
        );
        assert!(got.is_empty(), "{got:?}");
        // The head with another organisation's name is another mission.
        let got = flags(
            &[en],
            &["وستترأس بعثة الاتحاد الأوروبي اللجنة التي سترفع تقاريرها كل أسبوع."],
        );
        assert!(!got.is_empty());
    }

    #[test]
    fn a_term_with_its_modifiers_reordered_is_rendered() {
        // «المجلس المشترك لأمن الحدود» gives every word of «مجلس أمن الحدود المشترك» with the
        // complement behind «ل»; the «بيان مشترك» of an added attribution replaces nothing.
        let mut lex = Lexicon::new();
        lex.load_glossary(concat!(
            "Joint Border Security Council\tمجلس أمن الحدود المشترك\tinstitution\n",
            "joint statement\tبيان مشترك\treporting\n",
        ));
        let en = ["The Joint Border Security Council met in Amman on Monday."];
        let f = flags_with(
            &lex,
            &en,
            &["واجتمع المجلس المشترك لأمن الحدود في عمّان يوم الاثنين، وفق بيان مشترك."],
        );
        assert!(f.is_empty(), "{f:?}");
        // The same attribution where the council is not named is a substitution.
        let f = flags_with(
            &lex,
            &en,
            &["واجتمع وفدان في عمّان يوم الاثنين، وفق بيان مشترك."],
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_phrase_sharing_a_word_with_another_missing_term_renders_that_one() {
        // «منظمة إرهابية عالمية» renders the SDGT designation loosely ("terrorist"); it stands
        // for no other unrendered term of the sentence (the Force, given as «فيلق», corps).
        let en = "The militia gets its drones from the Desert Force, which the United States designated as an SDGT in 2012.";
        let ar = "وتحصل الميليشيا على طائراتها المسيرة من فيلق الصحراء الذي صنفته الولايات المتحدة منظمة إرهابية عالمية عام 2012.";
        let f = flags(&[en], &[ar]);
        assert!(f.is_empty(), "{f:?}");
        // Without the designation in the source, the phrase names another thing.
        let en = "The militia gets its drones from the Desert Force, which the United States sanctioned in 2012.";
        assert!(!flags(&[en], &[ar]).is_empty());
    }

    #[test]
    fn a_term_rendered_in_its_parts_is_not_replaced() {
        // A dictionary phrase («عمليات المراقبة», "checks") shares a word with the term; the
        // sentence still gives every word of the term, one as an adjective: no substitution.
        let mut lex = Lexicon::new();
        lex.load_glossary(concat!(
            "intelligence, surveillance and reconnaissance\tالاستخبارات والمراقبة والاستطلاع\tdefence\n",
            "checks\tعمليات المراقبة\n",
            "support\tالدعم\n",
        ));
        let en = ["The allies provided intelligence, surveillance and reconnaissance support."];
        let f = flags_with(
            &lex,
            &en,
            &["وقدم الحلفاء الدعم الاستخباري وعمليات المراقبة والاستطلاع."],
        );
        assert!(f.is_empty(), "{f:?}");
        // Without the reconnaissance the phrase does stand for the term.
        let f = flags_with(
            &lex,
            &en,
            &["وقدم الحلفاء الدعم الاستخباري وعمليات المراقبة."],
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_compound_of_the_term_and_a_source_word_is_no_substitution() {
        // A dictionary glosses the phrase «قائد الجيش» by a rare word; its words are the
        // source's "commander" and a rendering of the force.
        let mut lex = Lexicon::new();
        lex.load_glossary(concat!(
            "Jordan Armed Forces\tالقوات المسلحة الأردنية|الجيش الأردني|الجيش\tdefence\n",
            "commander\tقائد\ttitle\n",
            "vaivode\tقائد الجيش\n",
            "minister\tالوزير\ttitle\n",
        ));
        let en = ["The minister met the Jordan Armed Forces commander on Monday."];
        let f = flags_with(&lex, &en, &["التقى الوزير قائد الجيش يوم الاثنين."]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn an_institution_named_twice_and_rendered_once_is_missing() {
        // Two coast guards in the source; the Arabic keeps one and names a navy for the other.
        let en = "The exercise joined the Omani Coast Guard and the U.S. Coast Guard in the Gulf.";
        let f = flags(
            &[en],
            &["وجمع التمرين خفر السواحل العماني والبحرية الأمريكية في الخليج."],
        );
        assert!(
            f.iter()
                .any(|f| f.reason.to_lowercase().contains("coast guard")),
            "{f:?}"
        );
        let f = flags(
            &[en],
            &["وجمع التمرين خفر السواحل العماني وخفر السواحل الأمريكي في الخليج."],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_term_given_once_more_than_the_source_names_it_replaces_a_missing_one() {
        // One coast guard in the source; the Arabic names it again where the navy should be.
        let en = "Officers of the Yemeni Coast Guard and of the Naval Forces inspected the port.";
        let f = flags(
            &[en],
            &["وفتش ضباط من خفر السواحل اليمني ومن قوات خفر السواحل الميناء."],
        );
        assert!(
            f.iter().any(|f| f.reason.to_lowercase().contains("naval")),
            "{f:?}"
        );
        // Each named once and rendered once: nothing to flag.
        let f = flags(
            &[en],
            &["وفتش ضباط من خفر السواحل اليمني ومن القوات البحرية الميناء."],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn organisations_filed_under_politics_are_institutions() {
        // Congress rendered as the White House: two organisations, no shared word.
        let f = flags(
            &["The budget request was sent to Congress last week."],
            &["وأُرسل طلب الميزانية إلى البيت الأبيض الأسبوع الماضي."],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        // "Syrian" of the source's own term does not excuse «الجيش الوطني السوري» for the SDF.
        let f = flags(
            &["The Syrian Democratic Forces detained two suspects in Raqqa."],
            &["واعتقل الجيش الوطني السوري مشتبهين اثنين في الرقة."],
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn an_institution_whose_distinguishing_word_is_replaced_is_flagged() {
        // The head «القيادة» is kept and «الأوروبية» ('European') stands for «المركزية», while
        // the acronym is still rendered: the Arabic names another command.
        let f = flags(
            &[EN],
            &["وقالت القيادة الأوروبية الأمريكية (سنتكوم) إن قواتها دعمت عملية الإجلاء."],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].span.as_ref().unwrap().text,
            "القيادة الأوروبية الأمريكية"
        );
    }

    #[test]
    fn an_institution_rendered_whole_is_not_flagged() {
        let f = flags(
            &[EN],
            &["وقالت القيادة المركزية الأمريكية (سنتكوم) إن قواتها دعمت عملية الإجلاء."],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_phrase_with_another_head_is_not_a_replaced_distinguishing_word() {
        // «قاعدة عيسى الجوية» (Isa Air Base) ends like «القوات الجوية» but its first word is
        // another head; the air force itself is rendered whole.
        let f = flags(
            &["The Royal Bahraini Air Force hosted the exercise at Isa Air Base."],
            &["واستضافت القوات الجوية الملكية البحرينية التمرين في قاعدة عيسى الجوية."],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_head_taking_up_a_term_rendered_whole_in_the_bead_is_no_substitution() {
        // One English sentence split in two: the second Arabic sentence calls the command by
        // its head alone, followed by the verbal noun it governs.
        let en = ["CENTCOM seized two shipments this month, and the command intends to widen its patrols in the Red Sea next year."];
        let ar = [
            "وضبطت القيادة المركزية الأمريكية شحنتين هذا الشهر.",
            "وتعتزم القيادة توسيع دورياتها في البحر الأحمر العام المقبل.",
        ];
        let bead = [crate::align::Bead {
            src: vec![0],
            tgt: vec![0, 1],
            score: 1.0,
        }];
        let f = crate::flag::with_beads(Lexicon::builtin(), &en, &ar, &bead, detect);
        assert!(f.is_empty(), "{f:?}");
        // Rendered nowhere whole, the head with another word after it still stands for it.
        let ar = [
            "وضبطت القيادة الأوروبية شحنتين هذا الشهر.",
            "وتعتزم القيادة توسيع دورياتها في البحر الأحمر العام المقبل.",
        ];
        let f = crate::flag::with_beads(Lexicon::builtin(), &en, &ar, &bead, detect);
        assert!(!f.is_empty(), "{f:?}");
    }
}
