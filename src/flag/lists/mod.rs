//! Lists: the English lists of a source sentence, the Arabic coordinations that render them, and
//! the items an Arabic rendering dropped ("weapons, narcotics and people" → «الأسلحة والأشخاص»).
//!
//! An item is dropped where the Arabic does not render its words while it renders the other
//! items, and the Arabic shows the gap: the renderings of its neighbours close up, or the Arabic
//! coordination holding the other items joins fewer items than the list. The count is read from
//! punctuation and conjunctions alone, so it holds where the lexicon does not know an item's
//! words: English items are cut at commas and at the conjunction that closes the list ("A, B and
//! C", "A, B, and C", "A and B and C"); Arabic items at commas and at the conjunction و that
//! opens each conjunct («أ، وب، وج», «أ وب وج»). A count is no proof (a translator may merge two
//! items or turn the last into a clause of its own), so it only ever confirms an item whose
//! words the Arabic does not render.

mod arabic;
mod english;

pub use arabic::arabic_capacity;
pub use english::{english_lists, EnglishList};

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::align::Bead;
use crate::text::arabic as arabic_text;
use crate::text::char_slice;
use crate::text::data as text_data;
use crate::text::tokens::{Token, TokenKind};
use arabic::{ArabicWords, Neighbours};
use std::sync::OnceLock;

/// What a list word does (data/coordinators.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Joins the last item: "and", "or".
    Closing,
    /// Adds an item after a list: «فضلا عن» (Arabic coordinations).
    Additive,
    /// Opens a list after a clause: "including", "such as".
    Introducer,
}

/// List words as word sequences with their role, English lowercased, Arabic normalised.
struct Coordinators {
    en: Vec<(Vec<String>, Role)>,
    ar: Vec<(Vec<String>, Role)>,
    /// The one-word English closing conjunctions ("and", "or"), which the list parser reads.
    en_closing: Vec<String>,
}

fn coordinators() -> &'static Coordinators {
    static C: OnceLock<Coordinators> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Coordinators {
            en: Vec::new(),
            ar: Vec::new(),
            en_closing: Vec::new(),
        };
        for f in text_data::rows(include_str!("../data/coordinators.tsv"), 3) {
            let role = match f[2] {
                "closing" => Role::Closing,
                "additive" => Role::Additive,
                "introducer" => Role::Introducer,
                _ => continue,
            };
            match f[0] {
                "en" => c.en.push((
                    f[1].split_whitespace().map(str::to_lowercase).collect(),
                    role,
                )),
                _ => c.ar.push((
                    f[1].split_whitespace()
                        .map(arabic_text::normalize)
                        .collect(),
                    role,
                )),
            }
        }
        c.en_closing =
            c.en.iter()
                .filter(|(w, role)| *role == Role::Closing && w.len() == 1)
                .map(|(w, _)| w[0].clone())
                .collect();
        c
    })
}

/// How many words of an English introducer ("including", "such as") open `words` (lowercased);
/// 0 when none does.
pub(super) fn english_introducer(words: &[&str]) -> usize {
    coordinators()
        .en
        .iter()
        .filter(|(w, role)| {
            *role == Role::Introducer
                && w.len() <= words.len()
                && w.iter().zip(words).all(|(a, b)| a == b)
        })
        .map(|(w, _)| w.len())
        .max()
        .unwrap_or(0)
}

/// Length in words and role of the list word starting at `words[p]`, if one does.
fn coordinator_at(
    words: &[String],
    p: usize,
    forms: &[(Vec<String>, Role)],
) -> Option<(usize, Role)> {
    forms
        .iter()
        .find(|(f, _)| words.len() >= p + f.len() && words[p..p + f.len()] == f[..])
        .map(|(f, r)| (f.len(), *r))
}

/// Share of a sentence's known content words the Arabic must render before a list item it does
/// not render counts as dropped on that evidence alone.
const MIN_LIST_COVERAGE: f64 = 0.6;

/// Items of the bead's English lists ("weapons, narcotics and people") that the aligned Arabic
/// dropped: items whose words the Arabic does not render while it renders the others. Judged only
/// on items the lexicon can see (each has a word it knows), in lists of three or more, on one of
/// three kinds of evidence, tried in turn for each list:
/// - the Arabic renderings of the item's neighbours stand side by side with nothing between them
///   (the coordination closed up where the item was);
/// - the Arabic coordination that holds the other items' renderings joins fewer items than the
///   list;
/// - the bead's Arabic coordinates fewer items than the list anywhere (a count read from
///   punctuation and conjunctions alone, so it holds where the lexicon does not know the item's
///   words), and the item is one whose content words the Arabic does not render.
///
/// Where the neighbours are not found near each other, an item may also be judged gone as the
/// one item of the list the Arabic does not render in a sentence whose translation the lexicon
/// sees well.
pub(super) fn dropped_items(ctx: &Context, b: &Bead, claimed: &[&Flag]) -> Vec<Flag> {
    let offers = super::partial::target_offers(ctx, b.tgt.iter().copied());
    let lex = ctx.lexicon;
    let mut arabic: Option<ArabicWords> = None;
    let mut capacity: Option<usize> = None;
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
        for EnglishList {
            items: list,
            previous,
        } in lists
        {
            // Content concepts of each item; an item the lexicon cannot see is not judged.
            let concepts_of = |&(a, e): &(usize, usize)| {
                let mut c: Vec<u32> = (a..e)
                    .map(|k| &concepts[k])
                    .filter(is_content)
                    .flatten()
                    .copied()
                    .collect();
                c.sort_unstable();
                c.dedup();
                c
            };
            let item_concepts: Vec<Vec<u32>> = list.iter().map(concepts_of).collect();
            let previous_concepts = previous.as_ref().map(concepts_of);
            // An item that is a name of several words ("the International Organization for
            // Migration") is rendered where the name is, not where one of its words is («منظمة»
            // of another organisation in the list); a common phrase ("international law") may be
            // rendered word by word («القانونين الأردني والدولي»).
            let seen: Vec<Option<bool>> = list
                .iter()
                .zip(&item_concepts)
                .map(|(&item, c)| {
                    (!c.is_empty()).then(|| {
                        let named = (item.0..item.1)
                            .any(|k| k > 0 && toks[k].text.starts_with(char::is_uppercase));
                        let terms = if named {
                            phrase_concepts(&concepts[item.0..item.1])
                        } else {
                            Vec::new()
                        };
                        let judged = if terms.is_empty() { c } else { &terms };
                        judged.iter().any(|x| offers.binary_search(x).is_ok())
                    })
                })
                .collect();
            let mut gone_items = gone_by_position(
                ctx,
                b,
                &mut arabic,
                (text, toks, concepts),
                (&list, previous_concepts.as_deref()),
                (&item_concepts, &seen),
                (&source_concepts, well_seen),
            );
            if gone_items.is_empty() {
                let words = arabic.get_or_insert_with(|| ArabicWords::of(ctx, &b.tgt));
                gone_items = gone_by_shared_rendering(
                    ctx,
                    words,
                    (toks, &list, previous.is_some()),
                    (&item_concepts, &seen),
                );
            }
            if gone_items.is_empty() {
                let capacity = *capacity.get_or_insert_with(|| {
                    b.tgt
                        .iter()
                        .map(|&j| {
                            let w = ctx.words.ar(j);
                            arabic_capacity(&ctx.tgt[j], &w.toks, &w.norms)
                        })
                        .sum::<usize>()
                });
                gone_items = gone_by_capacity(
                    (capacity, b.tgt.len() == 1),
                    (toks, counted_list(text, toks, &list)),
                    &list,
                    &offers,
                    concepts,
                    lex,
                );
            }
            for Gone {
                first: n,
                last: m,
                why,
                severity,
            } in gone_items
            {
                let (start, end) = (toks[list[n].0].start, toks[list[m].1 - 1].end);
                let claimed_here = claimed.iter().copied().chain(out.iter());
                if super::partial::names_source_words(claimed_here, i, (start, end)) {
                    continue;
                }
                let item = char_slice(text, start, end);
                out.push(Flag {
                    kind: FlagKind::Omission,
                    subkind: Some("list_item".into()),
                    severity,
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

/// The concepts that two or more words of a stretch share: the lexicon's multi-word terms
/// spelled there.
fn phrase_concepts(words: &[Vec<u32>]) -> Vec<u32> {
    let mut all: Vec<u32> = words.iter().flat_map(|c| c.iter().copied()).collect();
    all.sort_unstable();
    let mut out: Vec<u32> = all
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    out.dedup();
    out
}

/// A stretch of a list's items judged gone, with the evidence.
struct Gone {
    first: usize,
    last: usize,
    why: String,
    /// Medium where the evidence names the items; low where it says only that one of the
    /// stretch is gone (a count the lexicon cannot place).
    severity: Severity,
}

impl Gone {
    fn items(first: usize, last: usize, why: String) -> Gone {
        Gone {
            first,
            last,
            why,
            severity: Severity::Medium,
        }
    }
}

/// Items gone by where the other items' renderings stand: the neighbours' renderings close up,
/// or the coordination holding them joins fewer items (see [`dropped_items`]).
/// `previous`: the concepts of the long conjunct the list goes on from, if any; `source`: the
/// sentence's concepts, sorted, and whether the lexicon sees most of its translation.
fn gone_by_position(
    ctx: &Context,
    b: &Bead,
    arabic: &mut Option<ArabicWords>,
    (text, toks, concepts): (&str, &[Token], &[Vec<u32>]),
    (list, previous): (&[(usize, usize)], Option<&[u32]>),
    (item_concepts, seen): (&[Vec<u32>], &[Option<bool>]),
    (source_concepts, well_seen): (&[u32], bool),
) -> Vec<Gone> {
    let judged = |n: usize| judged(toks, list, previous.is_some(), n);
    // A first item is judged on the evidence of its own rendering only, not on the count.
    let first = previous.is_none() && first_judged(toks, list);
    let missing: Vec<usize> = (0..list.len())
        .filter(|&n| seen[n] == Some(false) && (judged(n) || (n == 0 && first)))
        .collect();
    let counted = missing.iter().any(|&n| judged(n));
    let rendered = seen.iter().filter(|s| **s == Some(true)).count();
    if missing.is_empty() || rendered < 2 {
        return Vec::new();
    }
    let mut gone_items: Vec<Gone> = Vec::new();
    for &n in &missing {
        // Evidence that this item is gone: the neighbours' renderings close up where it
        // stood; or, where they are not found near each other, it is the one item of the
        // list the Arabic does not render in a sentence whose translation the lexicon
        // sees well.
        // (A first item of its own has no left neighbour: only the weakest evidence holds.)
        let left = match (n, previous) {
            (0, Some(p)) => Some(p),
            (0, None) => None,
            _ => Some(&item_concepts[n - 1][..]),
        };
        let neighbours = if let Some(left) = left.filter(|_| n + 1 < list.len()) {
            let words = arabic.get_or_insert_with(|| ArabicWords::of(ctx, &b.tgt));
            let found = words.neighbours(
                &words.rendering(left),
                &words.rendering(&item_concepts[n + 1]),
                source_concepts,
            );
            // The list's edges: the first item's last word (the first item may take in
            // words before the list) and the last item's first word.
            let (first_end, last_start) = (list[0].1 - 1, list[list.len() - 1].0);
            let replaced = words.extra_conjunct(
                &words.rendering(&concepts[first_end]),
                &words.rendering(&concepts[last_start]),
                source_concepts,
                previous.is_some(),
            );
            if found == Neighbours::CloseUp && replaced {
                Neighbours::Apart
            } else {
                found
            }
        } else {
            Neighbours::NotFound
        };
        // On that weakest evidence, an Arabic coordination holding the other items'
        // renderings and joining as many things as the list names (its items, and the words an
        // item joins of its own: "search and rescue") has room for this one: it is rendered by
        // a word the lexicon does not know («أو تسويقه» for "or marketing").
        let mut room = || {
            let closing = &coordinators().en_closing;
            let conjunction = |t: &Token| closing.iter().any(|c| t.text.eq_ignore_ascii_case(c));
            // (The first item starts after the last closed-class word before it: one cut at a
            // conjunction, "search and rescue", names one thing more.)
            let named = list.len()
                + list
                    .iter()
                    .flat_map(|&(a, e)| &toks[a..e])
                    .filter(|t| conjunction(t))
                    .count()
                + usize::from(list[0].0 > 0 && conjunction(&toks[list[0].0 - 1]));
            let words = arabic.get_or_insert_with(|| ArabicWords::of(ctx, &b.tgt));
            let renderings: Vec<Vec<usize>> = (0..list.len())
                .filter(|&m| seen[m] == Some(true))
                .map(|m| words.rendering(&item_concepts[m]))
                .collect();
            words
                .coordination_size(&renderings)
                .is_some_and(|size| size >= named)
        };
        let gone = match neighbours {
            Neighbours::CloseUp => true,
            Neighbours::Apart => false,
            Neighbours::NotFound => well_seen && missing.len() == 1 && !room(),
        };
        if gone {
            gone_items.push(Gone::items(
                n,
                n,
                "the Arabic renders the other items".into(),
            ));
        }
    }
    // Where the neighbours' renderings do not show it, the count may: the Arabic
    // coordination that holds the other items' renderings joins fewer items than the
    // list, and the items it lacks are among those it does not render. One candidate
    // more than it lacks (an item the lexicon does not see beside the dropped one) is
    // reported as one stretch, if they stand together.
    if gone_items.is_empty() && counted {
        let words = arabic.get_or_insert_with(|| ArabicWords::of(ctx, &b.tgt));
        let renderings: Vec<Vec<usize>> = (0..list.len())
            .filter(|&n| seen[n] == Some(true))
            .map(|n| words.rendering(&item_concepts[n]))
            .collect();
        let candidates: Vec<usize> = (0..list.len()).filter(|&n| seen[n] != Some(true)).collect();
        if let Some(size) = words.coordination_size(&renderings) {
            let lacking = list.len().saturating_sub(size);
            let why = format!(
                "the source lists {} items, the Arabic coordination that renders the others joins {size}",
                list.len()
            );
            // A list split over Arabic sentences is counted in parts: only a list rendered in
            // one sentence is judged on the count, and only one that is surely a list.
            let candidates: Vec<usize> = if counted_list(text, toks, list) && b.tgt.len() == 1 {
                candidates
            } else {
                Vec::new()
            };
            if lacking >= 1 && candidates.len() <= lacking {
                for &n in candidates.iter().filter(|&&n| seen[n] == Some(false)) {
                    gone_items.push(Gone::items(n, n, why.clone()));
                }
            } else if lacking >= 1
                && candidates.len() == lacking + 1
                && candidates.windows(2).all(|w| w[1] == w[0] + 1)
                && candidates.iter().any(|&n| seen[n] == Some(false))
            {
                gone_items.push(Gone::items(
                    candidates[0],
                    candidates[candidates.len() - 1],
                    why,
                ));
            } else if lacking >= 1 && candidates.iter().any(|&n| seen[n] == Some(false)) {
                // The coordination is found (it holds the renderings of two or more items)
                // and is short, but more items than it lacks are ones the lexicon does not
                // see rendered: a literary text's list the dictionary barely covers. An item
                // is gone; which one, the lexicon cannot say. The reader is shown the stretch.
                let (first, last) = (candidates[0], candidates[candidates.len() - 1]);
                gone_items.push(Gone {
                    first,
                    last,
                    why: format!("{why}; the lexicon cannot tell which item is missing"),
                    severity: Severity::Low,
                });
            }
        }
    }
    gone_items
}

/// Whether a list is surely a list of things, so that an Arabic coordination short of its
/// count says an item is gone: four items or more, or three joined by a conjunction each
/// ("the Scripture and authority and prophethood") or each but the first a word or two ("the
/// hearing, the sight and the heart"). Three longer conjuncts between commas are as often a
/// run of clauses ("We saved him, and those with him, by mercy").
fn counted_list(text: &str, toks: &[Token], list: &[(usize, usize)]) -> bool {
    let words = |(a, e): (usize, usize)| (a..e).filter(|&k| toks[k].kind == TokenKind::Word);
    let polysyndetic = list.windows(2).all(|w| {
        !crate::text::tokens::between(text, toks, w[0].1 - 1, w[1].0).contains([',', '،', ';'])
    });
    let short = list[1..]
        .iter()
        .all(|&item| words(item).filter(|&k| !is_article(&toks[k])).count() <= 2);
    list.len() >= 4 || (list.len() == 3 && (polysyndetic || short))
}

/// "the", "a", "an": not a word of an item's length.
fn is_article(tok: &Token) -> bool {
    ["the", "a", "an"]
        .iter()
        .any(|a| tok.text.eq_ignore_ascii_case(a))
}

/// Whether item `n` of a list can be judged: the first item takes in the words before the list
/// and the last one those after it, so only a middle item, or a last one of one or two words,
/// is. (The first item of a list that goes on from a longer conjunct, `continued`, is a middle
/// item: that conjunct is its left neighbour.)
fn judged(toks: &[Token], list: &[(usize, usize)], continued: bool, n: usize) -> bool {
    let (a, e) = list[n];
    let words = (a..e).filter(|&k| toks[k].kind == TokenKind::Word).count();
    (n > 0 || continued) && (n + 1 < list.len() || words <= 2)
}

/// Whether a list's first item can be judged on its own evidence: one or two words after a
/// preposition or article that marks where it starts ("with Qatar, Oman …"), not at the
/// sentence's start (a phrase that opens the sentence, "In September, CENTCOM and its partners
/// …", is as often fronted before the clause), and the item after it short as well (a longer
/// second conjunct may hold the clause after a fronted phrase: "At the request of Iraq, CENTCOM
/// provided …").
fn first_judged(toks: &[Token], list: &[(usize, usize)]) -> bool {
    let content = |(a, e): (usize, usize)| {
        (a..e)
            .filter(|&k| toks[k].kind == TokenKind::Word && !is_article(&toks[k]))
            .count()
    };
    let Some((&first, rest)) = list.split_first() else {
        return false;
    };
    let a = first.0;
    let before = |k: usize| toks[k].text.to_lowercase();
    let opens_sentence = !toks[..a.saturating_sub(1)]
        .iter()
        .any(|t| t.kind == TokenKind::Word);
    rest.len() >= 2
        && a > 0
        && !opens_sentence
        && crate::anchors::lexicon::is_closed_class(&before(a - 1))
        && !crate::text::english::AUXILIARIES.contains(&before(a - 1).as_str())
        && (first.0..first.1)
            .filter(|&k| toks[k].kind == TokenKind::Word)
            .count()
            <= 2
        && content(rest[0]) <= 2
}

/// Two neighbouring items rendered by one and the same Arabic word: "intelligence, surveillance
/// and reconnaissance" → «الاستخبارات والاستطلاع», where the lexicon offers «الاستطلاع» for both
/// surveillance and reconnaissance. Distinct items of a list need distinct renderings, so where
/// the only word that renders either item is one word, the Arabic renders one of them, and the
/// two are reported as one stretch. Only concepts of an item's own are read: a phrase concept
/// the items share ("intelligence, surveillance and reconnaissance" as one term) tells none of
/// them apart.
fn gone_by_shared_rendering(
    ctx: &Context,
    words: &ArabicWords,
    (toks, list, continued): (&[Token], &[(usize, usize)], bool),
    (item_concepts, seen): (&[Vec<u32>], &[Option<bool>]),
) -> Vec<Gone> {
    let own = |n: usize| -> Vec<u32> {
        item_concepts[n]
            .iter()
            .copied()
            .filter(|x| {
                !item_concepts
                    .iter()
                    .enumerate()
                    .any(|(m, c)| m != n && c.binary_search(x).is_ok())
            })
            .collect()
    };
    let renderings: Vec<Vec<usize>> = (0..list.len())
        .map(|n| {
            if seen[n] == Some(true) {
                words.rendering(&own(n))
            } else {
                Vec::new()
            }
        })
        .collect();
    // An Arabic coordination joining as many conjuncts as the list has items gives each its
    // own: the word the lexicon does not know («أو حيازته», "or acquisition") renders one.
    let given: Vec<Vec<usize>> = renderings
        .iter()
        .filter(|r| !r.is_empty())
        .cloned()
        .collect();
    if words
        .coordination_size(&given)
        .is_some_and(|size| size >= list.len())
    {
        return Vec::new();
    }
    let mut gone = Vec::new();
    for n in 0..list.len().saturating_sub(1) {
        let (here, next) = (&renderings[n], &renderings[n + 1]);
        if here.len() == 1
            && here == next
            && judged(toks, list, continued, n)
            && judged(toks, list, continued, n + 1)
        {
            gone.push(Gone::items(
                n,
                n + 1,
                format!(
                    "the Arabic renders both items with one word, «{}»",
                    words.text(ctx, here[0])
                ),
            ));
        }
    }
    gone
}

/// Items gone by the count of the bead's Arabic coordinations (`capacity`, see
/// [`arabic_capacity`]): the Arabic coordinates fewer items than the list (a list may be split
/// over the bead's sentences: their coordinations add up) but coordinates some (a list
/// rewritten as prose is not judged), and the item is one whose content words the Arabic does
/// not render while it renders another item. Where the lexicon sees no item rendered, a list
/// that is surely one (`counted`, see [`counted_list`]) against one Arabic sentence
/// (`single_sentence`) is reported whole, at low severity. `offers`: the concepts the Arabic
/// offers, sorted.
fn gone_by_capacity(
    (capacity, single_sentence): (usize, bool),
    (toks, counted): (&[Token], bool),
    list: &[(usize, usize)],
    offers: &[u32],
    concepts: &[Vec<u32>],
    lex: &crate::anchors::lexicon::Lexicon,
) -> Vec<Gone> {
    // The things the list names: its items and the words an item joins of its own ("search and
    // rescue, troop transport and border patrol"), as the Arabic count takes in the conjuncts
    // inside a segment («البحث والإنقاذ ونقل القوات»).
    let closing = &coordinators().en_closing;
    let named = list.len()
        + list
            .iter()
            .flat_map(|&(a, e)| &toks[a..e])
            .filter(|t| closing.iter().any(|c| t.text.eq_ignore_ascii_case(c)))
            .count();
    if capacity < 2 || named <= capacity {
        return Vec::new();
    }
    // Whether the Arabic renders an item: None when the lexicon knows none of its content
    // words. Capitalised words are names and titles, which the lexicon does not judge (the
    // names detector does).
    let rendered: Vec<Option<bool>> = list
        .iter()
        .map(|&(a, e)| {
            let capitalised = (a..e)
                .filter(|&k| k > 0 && toks[k].text.starts_with(char::is_uppercase))
                .count();
            let content: Vec<&Vec<u32>> = (a..e)
                .filter(|&k| !toks[k].text.starts_with(char::is_uppercase))
                .map(|k| &concepts[k])
                .filter(|c| !c.is_empty() && !c.iter().all(|&x| lex.is_function(x)))
                .collect();
            // An item mostly of names and titles ("by Rachel Harris", "and Sheikh Hamoud bin
            // …") is a name with its particles, not a thing the lexicon can find.
            (!content.is_empty() && capitalised <= content.len()).then(|| {
                content
                    .iter()
                    .any(|c| c.iter().any(|x| offers.binary_search(x).is_ok()))
            })
        })
        .collect();
    // Judged only where the lexicon sees every item: a list with names or titles in it
    // ("Rachel Harris, Assistant Secretary…, and Sheikh…") is as often a string of
    // appositions, whose commas count nothing.
    if rendered.contains(&None) {
        return Vec::new();
    }
    let listed = if named == list.len() {
        format!("the source lists {named} items")
    } else {
        format!("the source names {named} things in {} items", list.len())
    };
    let why = format!("{listed}, the Arabic coordinates at most {capacity}");
    if !rendered.contains(&Some(true)) {
        // The lexicon sees none of the items rendered, yet the one Arabic sentence coordinates
        // fewer things than a list that is surely one: an item is gone, which one the lexicon
        // cannot say. The reader is shown the list.
        return if single_sentence && counted {
            vec![Gone {
                first: 0,
                last: list.len() - 1,
                why: format!("{why}; the lexicon cannot tell which item is missing"),
                severity: Severity::Low,
            }]
        } else {
            Vec::new()
        };
    }
    let missing: Vec<usize> = (0..list.len())
        .filter(|&n| rendered[n] == Some(false))
        .collect();
    // Each unrendered item is reported where the count lacks as many; one more than it lacks
    // (an item the lexicon does not see among them) is reported as one stretch; more, and the
    // lexicon does not see this list.
    let lacking = named - capacity;
    if missing.is_empty() {
        Vec::new()
    } else if missing.len() <= lacking {
        missing
            .iter()
            .map(|&n| Gone::items(n, n, why.clone()))
            .collect()
    } else if missing.len() == lacking + 1 {
        vec![Gone::items(missing[0], missing[missing.len() - 1], why)]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// List-item flags of one-sentence pairs aligned one to one, with the built-in glossary.
    fn dropped(en: &str, ar: &str) -> Vec<String> {
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        crate::flag::with_parallel_beads(lex, &[en], &[ar], |ctx| {
            dropped_items(ctx, &ctx.beads[0], &[])
                .into_iter()
                .filter_map(|f| f.span.map(|s| s.text))
                .collect()
        })
    }

    #[test]
    fn an_item_the_arabic_neither_counts_nor_renders_is_dropped() {
        let en = "The convoy carried fuel, ammunition, weapons and training equipment.";
        // All four items coordinated: nothing dropped.
        assert!(dropped(
            en,
            "حملت القافلة الوقود، والذخيرة، والأسلحة، ومعدات التدريب."
        )
        .is_empty());
        assert!(dropped(en, "حملت القافلة الوقود والذخيرة والأسلحة ومعدات التدريب.").is_empty());
        // «والذخيرة» gone: three conjuncts for four items, and ammunition is not rendered.
        assert_eq!(
            dropped(en, "حملت القافلة الوقود، والأسلحة، ومعدات التدريب."),
            vec!["ammunition"]
        );
        // Rewritten as prose (no coordination left): not judged.
        assert!(dropped(en, "نقلت القافلة معدات للجيش.").is_empty());
    }

    /// A first item of a word or two after a preposition starts where the list starts: it is
    /// judged as a last one is ("from Qatar" stands for Qatar alone).
    #[test]
    fn a_short_first_item_after_a_preposition_is_judged() {
        let en = "The envoy will travel with officials from Qatar, Oman, Kuwait and the World Bank to review the projects.";
        assert!(dropped(
            en,
            "وسيسافر المبعوث مع مسؤولين من قطر وعُمان والكويت والبنك الدولي لمراجعة المشاريع."
        )
        .is_empty());
        assert_eq!(
            dropped(
                en,
                "وسيسافر المبعوث مع مسؤولين من عُمان والكويت والبنك الدولي لمراجعة المشاريع."
            ),
            vec!["Qatar"]
        );
    }

    /// An Arabic «أو» opens a conjunct as the attached «و» does: a list of alternatives the
    /// Arabic coordinates whole keeps the item the lexicon does not know ("marketing",
    /// «تسويقه»), and one it coordinates short has dropped it.
    #[test]
    fn a_coordination_with_or_has_room_for_an_unknown_item() {
        let en = "The ban covers the import, sale, transport or marketing of the pesticide.";
        assert!(dropped(en, "ويشمل الحظر استيراد المبيد أو بيعه أو نقله أو تسويقه.").is_empty());
        assert_eq!(
            dropped(en, "ويشمل الحظر استيراد المبيد أو بيعه أو نقله."),
            vec!["marketing"]
        );
    }

    #[test]
    fn a_conjunct_in_the_items_place_renders_it() {
        let en = "The convoy carried fuel, ammunition, weapons and medicine to the port.";
        // «والميناء» stands in the place of "ammunition" as a conjunct of its own: the item is
        // rendered by a word the lexicon links to another word of the sentence, not dropped.
        assert!(dropped(
            en,
            "ونقلت القافلة الوقود والميناء والأسلحة والأدوية إلى الميناء."
        )
        .is_empty());
        assert_eq!(
            dropped(en, "ونقلت القافلة الوقود والأسلحة والأدوية إلى الميناء."),
            vec!["ammunition"]
        );
    }

    #[test]
    fn words_an_item_joins_count_as_the_arabic_counts_them() {
        let en = "Helicopters will serve search and rescue, troop transport and border patrol.";
        // Four things named, three coordinated, and border patrol is not rendered.
        assert_eq!(
            dropped(en, "وستخدم المروحيات مهام البحث والإنقاذ ونقل القوات."),
            vec!["border patrol"]
        );
        assert!(dropped(
            en,
            "وستخدم المروحيات مهام البحث والإنقاذ ونقل القوات ودوريات الحدود."
        )
        .is_empty());
    }

    #[test]
    fn a_short_coordination_of_words_the_lexicon_does_not_see_shows_the_whole_list() {
        let en = "The families in the camps asked for food, water and cash.";
        // Rendered by synonyms the glossary does not hold, one of them gone: which one, the
        // lexicon cannot say, so the reader is shown the list.
        assert_eq!(
            dropped(en, "وطلبت العائلات في المخيمات المؤن والأموال."),
            vec!["food, water and cash"]
        );
        // All three coordinated: nothing is gone.
        assert!(dropped(en, "وطلبت العائلات في المخيمات المؤن والمشروبات والأموال.").is_empty());
    }

    #[test]
    fn an_item_naming_a_term_is_rendered_only_by_the_term() {
        // «منظمة» of the World Health Organization does not render the International
        // Organization for Migration.
        let en = "The fund supports the World Food Programme, the International Organization for Migration, and the World Health Organization.";
        assert_eq!(
            dropped(
                en,
                "يدعم الصندوق برنامج الأغذية العالمي ومنظمة الصحة العالمية."
            ),
            vec!["the International Organization for Migration"]
        );
        assert!(dropped(
            en,
            "يدعم الصندوق برنامج الأغذية العالمي والمنظمة الدولية للهجرة ومنظمة الصحة العالمية."
        )
        .is_empty());
    }

    #[test]
    fn two_items_rendered_by_one_word_are_one_rendering_short() {
        let en = "The new centre will handle intelligence, surveillance and reconnaissance for the navy.";
        // Each item its own word: nothing dropped.
        assert!(dropped(
            en,
            "سيتولى المركز الجديد مهام الاستخبارات والمراقبة والاستطلاع لصالح البحرية."
        )
        .is_empty());
        // «الاستطلاع» is all that renders surveillance and reconnaissance: one of them is gone.
        assert_eq!(
            dropped(
                en,
                "سيتولى المركز الجديد مهام الاستخبارات والاستطلاع لصالح البحرية."
            ),
            vec!["surveillance and reconnaissance"]
        );
        // Three conjuncts for three items: the one the lexicon reads as «الاستطلاع» twice has
        // a word of its own («والتعقب», tracking, which the glossary does not list).
        assert!(dropped(
            en,
            "سيتولى المركز الجديد مهام الاستخبارات والتعقب والاستطلاع لصالح البحرية."
        )
        .is_empty());
    }

    #[test]
    fn names_with_their_titles_are_appositions_not_items() {
        // Two people, each with a title after a comma: the commas count no list items, and the
        // items' lowercase words ("by", "of", "bin") are particles of the names.
        let en = "The talks were chaired by Maria Lopez, Director of Regional Affairs, and Sheikh Faisal bin Nasser, Minister of Transport.";
        let ar =
            "ترأس المحادثات ماريا لوبيز، مديرة الشؤون الإقليمية، والشيخ فيصل بن ناصر، وزير النقل.";
        assert!(dropped(en, ar).is_empty(), "{:?}", dropped(en, ar));
        // An item with one adjective of nationality is still an item.
        let en = "The unit trained Iraqi soldiers, border guards and local police.";
        assert_eq!(
            dropped(en, "درّبت الوحدة الجنود العراقيين، والشرطة المحلية."),
            vec!["border guards"]
        );
    }

    #[test]
    fn a_count_short_of_the_list_flags_the_items_the_lexicon_cannot_place() {
        // The lexicon sees little of this rendering: it does not know saffron or sumac, and
        // the Arabic leaves "officials said" out. The coordination holding the renderings of
        // fuel and weapons joins four items where the source lists five: one is gone, and
        // which of the two the lexicon does not find rendered, it cannot say: the flag shows
        // the stretch from one to the other.
        let en =
            "Officials said the convoy delivered saffron, ammunition, fuel, sumac and weapons.";
        assert!(dropped(
            en,
            "أوصلت القافلة الزعفران والذخيرة والوقود والسماق والأسلحة."
        )
        .is_empty());
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        let ar = "أوصلت القافلة الزعفران والوقود والسماق والأسلحة.";
        let flags = crate::flag::with_parallel_beads(lex, &[en], &[ar], |ctx| {
            dropped_items(ctx, &ctx.beads[0], &[])
        });
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert_eq!(flags[0].severity, Severity::Low);
        assert_eq!(
            flags[0].span.as_ref().map(|s| s.text.as_str()),
            Some("ammunition, fuel, sumac")
        );
    }

    #[test]
    fn three_items_are_counted_only_when_they_are_surely_a_list() {
        let counted = |s: &str| {
            let toks = crate::text::tokens::tokenize(s);
            english_lists(s, &toks)
                .iter()
                .map(|l| counted_list(s, &toks, &l.items))
                .collect::<Vec<_>>()
        };
        // A conjunction for each item, or items of a word or two: a list of things.
        assert_eq!(
            counted("He gave them the scripture and authority and prophethood."),
            vec![true]
        );
        assert_eq!(
            counted("You will be asked about the hearing, the sight and the heart."),
            vec![true]
        );
        // Longer conjuncts between commas may be clauses run together.
        assert_eq!(
            counted("They built homes for the families, schools for their children, and clinics near the camps."),
            vec![false]
        );
        // Four items or more are counted however long.
        assert_eq!(
            counted("The fund pays for food, clean drinking water, shelter for the winter and school books."),
            vec![true]
        );
    }
}
