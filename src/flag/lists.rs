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

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::align::Bead;
use crate::text::tokens::{gap_after, Token, TokenKind};
use crate::text::{arabic, char_slice, english};
use std::sync::OnceLock;

/// Words of an Arabic list item after the first: a longer comma-separated stretch is a clause.
const MAX_ARABIC_ITEM_WORDS: usize = 8;

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
}

fn coordinators() -> &'static Coordinators {
    static C: OnceLock<Coordinators> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Coordinators {
            en: Vec::new(),
            ar: Vec::new(),
        };
        for line in include_str!("data/coordinators.tsv").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || f.len() != 3 {
                continue;
            }
            let role = match f[2].trim() {
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
                    f[1].split_whitespace().map(arabic::normalize).collect(),
                    role,
                )),
            }
        }
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

/// A comma-separated stretch of a sentence: its word tokens, in order.
type Segment = Vec<usize>;

/// Segments of a sentence grouped by clause chunk: commas cut segments; other punctuation
/// (colons, semicolons, brackets, quotation marks, dashes) ends the chunk. A point inside a
/// sentence closes an abbreviation ("Brig. Gen."), not a clause.
fn chunks(sentence: &str, toks: &[Token]) -> Vec<Vec<Segment>> {
    let mut out: Vec<Vec<Segment>> = Vec::new();
    let mut chunk: Vec<Segment> = Vec::new();
    let mut seg: Segment = Vec::new();
    for k in 0..toks.len() {
        if toks[k].kind == TokenKind::Word {
            seg.push(k);
        }
        let gap = gap_after(sentence, toks, k);
        let ends_chunk = gap.chars().any(|c| {
            matches!(
                c,
                ';' | '؛'
                    | ':'
                    | '('
                    | ')'
                    | '"'
                    | '«'
                    | '»'
                    | '“'
                    | '”'
                    | '?'
                    | '!'
                    | '؟'
                    | '['
                    | ']'
                    | '–'
                    | '—'
            )
        });
        // A stretch between commas without a word ("March 10, 2026, in Aden") is a date or a
        // figure set off by commas, not a list item: it ends the chunk.
        let wordless = seg.is_empty() && gap.contains([',', '،']);
        let ends_chunk = ends_chunk || wordless;
        if ends_chunk || gap.contains([',', '،']) {
            if !seg.is_empty() {
                chunk.push(std::mem::take(&mut seg));
            }
            if ends_chunk && !chunk.is_empty() {
                out.push(std::mem::take(&mut chunk));
            }
        }
    }
    if !seg.is_empty() {
        chunk.push(seg);
    }
    if !chunk.is_empty() {
        out.push(chunk);
    }
    out
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

/// The largest number of items any coordination of an Arabic sentence joins: a run of
/// comma-separated segments each opened by a conjunct («، والتدريب»), or conjuncts inside one
/// segment («الاستخبارات والمراقبة والاستطلاع»).
pub fn arabic_capacity(sentence: &str, toks: &[Token], norms: &[String]) -> usize {
    let forms = &coordinators().ar;
    let words_of =
        |seg: &Segment| -> Vec<String> { seg.iter().map(|&k| norms[k].clone()).collect() };
    let conjunct_at = |w: &[String], p: usize| {
        coordinator_at(w, p, forms).is_some()
            || (w[p].starts_with('و') && w[p].chars().count() >= 3)
            || w[p]
                .strip_prefix('و')
                .is_some_and(|r| coordinator_at(&[r.to_string()], 0, forms).is_some())
    };
    let inner = |w: &[String]| (1..w.len()).filter(|&p| conjunct_at(w, p)).count();
    let mut best = 0;
    for segs in chunks(sentence, toks) {
        let words: Vec<Vec<String>> = segs.iter().map(words_of).collect();
        for w in &words {
            best = best.max(1 + inner(w));
        }
        let mut s = 0;
        while s < words.len() {
            let mut t = s + 1;
            while t < words.len()
                && words[t].len() <= MAX_ARABIC_ITEM_WORDS
                && conjunct_at(&words[t], 0)
            {
                t += 1;
            }
            if t - s >= 2 {
                best = best.max(t - s + usize::from(inner(&words[t - 1]) > 0));
            }
            s = t;
        }
    }
    best
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
    /// (`continues`: the English list goes on from earlier items, so its first item's rendering
    /// is a conjunct itself.)
    fn extra_conjunct(
        &self,
        first: &[usize],
        last: &[usize],
        source: &[u32],
        continues: bool,
    ) -> bool {
        let same = |a: usize, b: usize| self.words[a].0 == self.words[b].0;
        let before = !continues
            && first.iter().min().is_some_and(|&f| {
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
            let seen: Vec<Option<bool>> = item_concepts
                .iter()
                .map(|c| (!c.is_empty()).then(|| c.iter().any(|x| offers.binary_search(x).is_ok())))
                .collect();
            let mut gone_items = gone_by_position(
                ctx,
                b,
                &mut arabic,
                (toks, concepts),
                (&list, previous_concepts.as_deref()),
                (&item_concepts, &seen),
                (&source_concepts, well_seen),
            );
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
                gone_items = gone_by_capacity(capacity, toks, &list, &offers, concepts, lex);
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

/// A stretch of a list's items (first, last) judged gone, with the evidence.
type Gone = (usize, usize, String);

/// Items gone by where the other items' renderings stand: the neighbours' renderings close up,
/// or the coordination holding them joins fewer items (see [`dropped_items`]).
/// `previous`: the concepts of the long conjunct the list goes on from, if any; `source`: the
/// sentence's concepts, sorted, and whether the lexicon sees most of its translation.
fn gone_by_position(
    ctx: &Context,
    b: &Bead,
    arabic: &mut Option<ArabicWords>,
    (toks, concepts): (&[Token], &[Vec<u32>]),
    (list, previous): (&[(usize, usize)], Option<&[u32]>),
    (item_concepts, seen): (&[Vec<u32>], &[Option<bool>]),
    (source_concepts, well_seen): (&[u32], bool),
) -> Vec<Gone> {
    // The first item takes in the words before the list and the last one those after it:
    // only a middle item, or a last one of one or two words, is judged. (The first item of a
    // list that goes on from a longer conjunct is a middle item: that conjunct is its left
    // neighbour, `previous`.)
    let judged = |n: usize| {
        let (a, e) = list[n];
        let words = (a..e).filter(|&k| toks[k].kind == TokenKind::Word).count();
        (n > 0 || previous.is_some()) && (n + 1 < list.len() || words <= 2)
    };
    let missing: Vec<usize> = (0..list.len())
        .filter(|&n| seen[n] == Some(false) && judged(n))
        .collect();
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
        let neighbours = if n + 1 < list.len() {
            let words = arabic.get_or_insert_with(|| ArabicWords::of(ctx, &b.tgt));
            let left = match (n, previous) {
                (0, Some(p)) => p,
                _ => &item_concepts[n - 1][..],
            };
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
        let candidates: Vec<usize> = (0..list.len()).filter(|&n| seen[n] != Some(true)).collect();
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
    gone_items
}

/// Items gone by the count of the bead's Arabic coordinations (`capacity`, see
/// [`arabic_capacity`]): the Arabic coordinates fewer items than the list (a list may be split
/// over the bead's sentences: their coordinations add up) but coordinates some (a list
/// rewritten as prose is not judged), and the item is one whose content words the Arabic does
/// not render while it renders another item. `offers`: the concepts the Arabic offers, sorted.
fn gone_by_capacity(
    capacity: usize,
    toks: &[Token],
    list: &[(usize, usize)],
    offers: &[u32],
    concepts: &[Vec<u32>],
    lex: &crate::anchors::lexicon::Lexicon,
) -> Vec<Gone> {
    if capacity < 2 || list.len() <= capacity {
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
    if rendered.contains(&None) || !rendered.contains(&Some(true)) {
        return Vec::new();
    }
    let missing: Vec<usize> = (0..list.len())
        .filter(|&n| rendered[n] == Some(false))
        .collect();
    // Each unrendered item is reported where the count lacks as many; one more than it lacks
    // (an item the lexicon does not see among them) is reported as one stretch; more, and the
    // lexicon does not see this list.
    let lacking = list.len() - capacity;
    let why = format!(
        "the source lists {} items, the Arabic coordinates at most {capacity}",
        list.len()
    );
    if missing.is_empty() {
        Vec::new()
    } else if missing.len() <= lacking {
        missing.iter().map(|&n| (n, n, why.clone())).collect()
    } else if missing.len() == lacking + 1 {
        vec![(missing[0], missing[missing.len() - 1], why)]
    } else {
        Vec::new()
    }
}

/// A list of an English sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct EnglishList {
    /// The items as token ranges (first, end exclusive), without the conjunctions.
    pub items: Vec<(usize, usize)>,
    /// Where the list goes on from earlier conjuncts of the same coordination, cut off by a
    /// long one ("freedom of navigation, countering the smuggling of weapons and narcotics, port
    /// security, search and rescue, and …"): that long conjunct (its first item is itself a
    /// middle conjunct).
    pub previous: Option<(usize, usize)>,
}

/// Lists of an English sentence: runs of three or more short items separated by commas, the last
/// joined by "and" or "or" ("A, B and C", "A, B, and C"), as token ranges without the
/// conjunctions.
pub fn english_lists(text: &str, toks: &[Token]) -> Vec<EnglishList> {
    let words: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].kind == TokenKind::Word)
        .collect();
    let gap = |a: usize, b: usize| char_slice(text, toks[a].end, toks[b].start).to_string();
    let closing: Vec<&str> = coordinators()
        .en
        .iter()
        .filter(|(w, role)| *role == Role::Closing && w.len() == 1)
        .map(|(w, _)| w[0].as_str())
        .collect();
    let conj = |x: usize| closing.contains(&toks[x].text.to_lowercase().as_str());
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
    // Whether the conjunction of the conjoined item had no comma before it.
    let mut inner = false;
    let mut polysyndetic = false;
    // Whether the list goes on to a conjunction after a comma (", and C") before other
    // punctuation, from word `m` on: with such a serial comma ahead, a conjunction without one
    // joins words inside an item ("trade, fishing rights and quotas, tourism, and energy").
    // Whether the words from word `m` on make a clause ("…, and cyberspace is the next step"):
    // a subject pronoun opens it, or an auxiliary stands among its first words. A conjunction
    // before a clause joins clauses, not the last item of a list.
    let clause_at = |m: usize| {
        let lower = |p: usize| words.get(p).map(|&k| toks[k].text.to_lowercase());
        lower(m).is_some_and(|w| english::SUBJECT_PRONOUNS.contains(&w.as_str()))
            || (m..m + 3)
                .filter_map(lower)
                .any(|w| english::AUXILIARIES.contains(&w.as_str()))
    };
    // Whether the conjunct at word `m` is parallel to an item opening with word `item`: a
    // conjunct opening with a preposition ("…, and to areas of return") coordinates phrases of
    // that kind, not the noun phrases of a list, unless the items open with it too.
    let parallel_at = |m: usize, item: usize| {
        let lower = |k: usize| toks[k].text.to_lowercase();
        words.get(m).is_some_and(|&k| {
            let w = lower(k);
            !crate::anchors::lexicon::is_closed_class(&w)
                || english::DETERMINERS.contains(&w.as_str())
                || w == lower(item)
        })
    };
    // (`item`: the first word of the item before the comma.)
    let serial_ahead = |m: usize, item: usize| {
        for p in m..words.len().saturating_sub(1) {
            let g = gap(words[p], words[p + 1]);
            match g.trim() {
                "" => {}
                "," if conj(words[p + 1]) => return !clause_at(p + 2) && parallel_at(p + 2, item),
                "," => {}
                _ => return false,
            }
        }
        false
    };
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
                if conjoined
                    && inner
                    && items.len() >= 2
                    && serial_ahead(n, items[items.len() - 2].0)
                {
                    // The conjunction was the item's own: the two parts are one item.
                    if let Some((_, end)) = items.pop() {
                        if let Some(prev) = items.last_mut() {
                            prev.1 = end;
                        }
                    }
                    conjoined = false;
                } else if conjoined {
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
                    inner = false;
                }
            }
            Some(x)
                if gap(k, x).trim().is_empty() && conj(x) && !items.is_empty() && !conjoined =>
            {
                items.push((first, k + 1));
                start = words.get(n + 2).copied();
                conjoined = true;
                inner = true;
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
fn list_items(toks: &[Token], mut run: Vec<(usize, usize)>) -> Vec<EnglishList> {
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
        english_introducer(&words)
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
    // A conjunct opening with a finite verb or its subject is a clause ("…, is now frozen",
    // "…, and we kept the tents"): an auxiliary or a subject pronoun first. (An auxiliary later
    // in a conjunct may be the sentence's own verb after a list that is its subject: "weapons,
    // fuel and food were seized".) Read on the conjuncts as cut, before the items are trimmed
    // to noun phrases; the first one takes in the words before the list, and is not read.
    let finite: Vec<bool> = run
        .iter()
        .enumerate()
        .map(|(n, &(a, e))| {
            let words: Vec<String> = (a..e)
                .filter(|&k| toks[k].kind == TokenKind::Word)
                .take(1)
                .map(|k| toks[k].text.to_lowercase())
                .collect();
            n > 0
                && words.first().is_some_and(|w| {
                    english::SUBJECT_PRONOUNS.contains(&w.as_str())
                        || english::AUXILIARIES.contains(&w.as_str())
                })
        })
        .collect();
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
    // An item opening with a clause opener ("who planned the raids", "while the coalition …")
    // is a clause set off by commas, not a list item: it splits the run as a long one does.
    let clause = |(a, e): (usize, usize)| {
        let words: Vec<String> = (a..e)
            .filter(|&k| toks[k].kind == TokenKind::Word)
            .take(3)
            .map(|k| toks[k].text.to_lowercase())
            .collect();
        super::support::opens_english_clause(&words)
    };
    let mut previous = None;
    for (item, finite) in run.into_iter().zip(finite) {
        let w = word_count(item);
        if w == 0 || w > MAX_ITEM_WORDS || clause(item) || finite {
            if current.len() >= 3 {
                lists.push(EnglishList {
                    items: std::mem::take(&mut current),
                    previous,
                });
            }
            current.clear();
            previous = (w > 0).then_some(item);
            continue;
        }
        current.push(item);
    }
    if current.len() >= 3 {
        lists.push(EnglishList {
            items: current,
            previous,
        });
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
                l.items
                    .into_iter()
                    .map(|(a, e)| char_slice(s, toks[a].start, toks[e - 1].end).to_string())
                    .collect()
            })
            .collect()
    }

    fn capacity(s: &str) -> usize {
        let toks = tokenize(s);
        let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
        arabic_capacity(s, &toks, &norms)
    }

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
    fn a_serial_comma_makes_an_earlier_conjunction_part_of_its_item() {
        // ", and energy" closes the list: "fishing rights and quotas" is one item.
        assert_eq!(
            lists("They discussed trade, fishing rights and quotas, tourism, and energy."),
            vec![vec![
                "discussed trade",
                "fishing rights and quotas",
                "tourism",
                "energy"
            ]]
        );
        // A conjunction before a clause (a copula among its first words) joins clauses: the
        // list closes before it.
        assert_eq!(
            lists("Our ties span trade, farming and tourism, and energy is the next step."),
            vec![vec!["ties span trade", "farming", "tourism"]]
        );
        // Nor before a phrase of another kind: "and to the villages" (a preposition the items
        // do not open with) is no item of the list of places.
        assert_eq!(
            lists("Aid went to towns, farms, roads and bridges, and to the villages in the hills."),
            vec![vec!["towns", "farms", "roads", "bridges"]]
        );
        // Without a serial comma ahead, the conjunction closes the list where it stands.
        assert_eq!(
            lists("Farmers grew wheat, barley and oats, the ministry said."),
            vec![vec!["Farmers grew wheat", "barley", "oats"]]
        );
    }

    #[test]
    fn a_conjunct_with_a_finite_verb_is_no_item() {
        // "is now closed" opens with an auxiliary, "we kept the tents" with a subject pronoun:
        // clauses.
        assert!(lists("The office, is now closed, and the staff left.").is_empty());
        // A list that is the subject of the sentence's own verb is still a list.
        assert_eq!(
            lists("Rifles, fuel and grain were seized.")[0],
            vec!["Rifles", "fuel", "grain"]
        );
        assert!(
            lists("They sent food, blankets and medicine, and we kept the tents.")
                .iter()
                .all(|l| !l.iter().any(|i| i.contains("tents")))
        );
    }

    #[test]
    fn a_clause_set_off_by_commas_is_no_item() {
        // "who led the raids" is a relative clause: no list of three.
        assert!(lists("The rangers, who led the raids, and the pilots returned.").is_empty());
        assert!(
            lists("Police arrested the driver, while officers searched and emptied the van.")
                .is_empty()
        );
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
    fn arabic_coordinations_are_counted() {
        assert_eq!(
            capacity("ناقش الوزراء التجارة، والصيد، والسياحة، والطاقة."),
            4
        );
        assert_eq!(capacity("وفرت الطائرات الاستطلاع والمراقبة والإسناد."), 3);
        // The last comma segment with a conjunct inside: «والبحث والإنقاذ» counts as two, as
        // "search and rescue" does in English.
        assert_eq!(capacity("شمل التدريب الرماية، والإخلاء، والبحث والإنقاذ."), 4);
        assert_eq!(capacity("قال الوزير إن الاجتماع كان مثمرا."), 1);
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
