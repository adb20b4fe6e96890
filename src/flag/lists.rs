//! Coordinated items counted on both sides of a bead. A list item dropped from a translated
//! sentence leaves the Arabic with fewer coordinated items than the source's list, whether or
//! not the lexicon knows the item's words ("clearance", «التطهير»). The count is read from the
//! punctuation and the coordinators alone: English items are cut at commas and at the "and" or
//! "or" that closes the list ("A, B and C", "A, B, and C"); Arabic items at commas and at the
//! conjunction و that opens each conjunct («أ، وب، وج», «أ وب وج»).
//!
//! A count is no proof (a translator may merge two items or turn the last into a clause of its
//! own), so an item is reported only where the count falls short *and* the item is one whose
//! words the Arabic does not render.

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::align::Bead;
use crate::text::tokens::{gap_after, Token, TokenKind};
use crate::text::{arabic, char_slice};
use std::sync::OnceLock;

/// Words of a list item after the first: a longer comma-separated stretch is a clause.
const MAX_ITEM_WORDS: usize = 8;
/// Words the first item takes from the end of the stretch before the first comma.
const FIRST_ITEM_WORDS: usize = 3;

/// What a list word does (data/coordinators.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Joins the last item: "and", "or".
    Closing,
    /// Adds an item after a list: "as well as", «فضلا عن».
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

/// A list of an English sentence: its items as token ranges (first, last inclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub items: Vec<(usize, usize)>,
}

/// The lists of an English sentence: three or more items.
pub fn english(sentence: &str, toks: &[Token]) -> Vec<List> {
    let forms = &coordinators().en;
    let lower: Vec<String> = toks.iter().map(|t| t.text.to_lowercase()).collect();
    let words_of =
        |seg: &Segment| -> Vec<String> { seg.iter().map(|&k| lower[k].clone()).collect() };
    let mut out = Vec::new();
    for segs in chunks(sentence, toks) {
        let opens = |u: usize, role: Role| {
            coordinator_at(&words_of(&segs[u]), 0, forms).is_some_and(|(_, r)| r == role)
        };
        let mut s = 0;
        while s + 1 < segs.len() {
            // Short segments after the first, up to one opened by "and"/"or" (the last item with
            // a serial comma, "…, and C"). An additive ("as well as", "along with") may add to a
            // list already closed inside the segment before ("intelligence, surveillance and
            // reconnaissance, as well as strikes"): it closes the list only when no segment did.
            let mut t = s + 1;
            let mut closing = None;
            let mut additive = None;
            while t < segs.len() {
                let w = words_of(&segs[t]);
                match coordinator_at(&w, 0, forms) {
                    Some((n, Role::Closing)) => {
                        closing = Some((t, None, n));
                        break;
                    }
                    Some((n, Role::Additive)) => {
                        additive = Some((t, None, n));
                        break;
                    }
                    _ => {}
                }
                if w.len() > MAX_ITEM_WORDS {
                    break;
                }
                t += 1;
            }
            // Without a serial comma the last short segment with "and" inside holds the last two
            // items ("…, B and C"); an "and" inside an earlier one is the item's own ("search
            // and rescue"), as in Arabic, where every conjunct carries its و.
            if closing.is_none() {
                closing = (s + 1..t)
                    .rev()
                    .find_map(|u| {
                        let w = words_of(&segs[u]);
                        (1..w.len().saturating_sub(1)).find_map(|p| {
                            match coordinator_at(&w, p, forms) {
                                Some((n, Role::Closing)) => Some((u, Some(p), n)),
                                _ => None,
                            }
                        })
                    })
                    .or(additive);
            }
            let Some((last, inner, n)) = closing else {
                s += 1;
                continue;
            };
            // "…, including A and B": a list of two inside its last segment.
            if opens(last, Role::Introducer) {
                s = last + 1;
                continue;
            }
            // A segment opened by "including" or "such as" starts the list: what comes before is
            // the clause the list belongs to, not its first item.
            if let Some(u) = (s + 1..last).rev().find(|&u| opens(u, Role::Introducer)) {
                s = u;
            }
            let first = &segs[s];
            let mut items = vec![if opens(s, Role::Introducer) {
                let n = coordinator_at(&words_of(first), 0, forms).map_or(0, |(n, _)| n);
                (first[n.min(first.len() - 1)], first[first.len() - 1])
            } else {
                (
                    first[first.len().saturating_sub(FIRST_ITEM_WORDS)],
                    first[first.len() - 1],
                )
            }];
            for seg in &segs[s + 1..last] {
                items.push((seg[0], seg[seg.len() - 1]));
            }
            let seg = &segs[last];
            match inner {
                None => {
                    if seg.len() > n {
                        let head = &seg[n..seg.len().min(n + FIRST_ITEM_WORDS)];
                        items.push((head[0], head[head.len() - 1]));
                    }
                }
                Some(p) => {
                    items.push((seg[0], seg[p - 1]));
                    if seg.len() > p + n {
                        items.push((seg[p + n], seg[seg.len() - 1]));
                    }
                }
            }
            if items.len() >= 3 {
                out.push(List { items });
            }
            s = last + 1;
        }
    }
    out
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
            while t < words.len() && words[t].len() <= MAX_ITEM_WORDS && conjunct_at(&words[t], 0) {
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

/// Items of the bead's English lists that the Arabic neither counts nor renders: the Arabic
/// coordinates fewer items than the list (a list may be split over the bead's sentences: their
/// coordinations add up) (but coordinates some: a list rewritten as prose is
/// not judged), and the item is one whose content words the Arabic does not render while it
/// renders another item. `offers`: the concepts the bead's Arabic offers, sorted.
pub fn dropped_items(ctx: &Context, b: &Bead, offers: &[u32], claimed: &[&Flag]) -> Vec<Flag> {
    let lex = ctx.lexicon;
    let capacity = b
        .tgt
        .iter()
        .map(|&j| {
            let w = ctx.words.ar(j);
            arabic_capacity(&ctx.tgt[j], &w.toks, &w.norms)
        })
        .sum::<usize>();
    if capacity < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &i in &b.src {
        let w = ctx.words.en(i);
        let text = &ctx.src[i];
        for list in english(text, &w.toks) {
            if list.items.len() <= capacity {
                continue;
            }
            // Whether the Arabic renders an item: None when the lexicon knows none of its
            // content words. Capitalised words are names and titles, which the lexicon does
            // not judge (the names detector does).
            let rendered: Vec<Option<bool>> = list
                .items
                .iter()
                .map(|&(a, e)| {
                    let capitalised = (a..=e)
                        .filter(|&k| k > 0 && w.toks[k].text.starts_with(char::is_uppercase))
                        .count();
                    let content: Vec<&Vec<u32>> = (a..=e)
                        .filter(|&k| !w.toks[k].text.starts_with(char::is_uppercase))
                        .map(|k| &w.concepts[k])
                        .filter(|c| !c.is_empty() && !c.iter().all(|&x| lex.is_function(x)))
                        .collect();
                    // An item mostly of names and titles ("by Rachel Harris", "and Sheikh Hamoud
                    // bin …") is a name with its particles, not a thing the lexicon can find.
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
                continue;
            }
            let missing: Vec<usize> = (0..list.items.len())
                .filter(|&n| rendered[n] == Some(false))
                .collect();
            // Each unrendered item is reported where the count lacks as many; one more than it
            // lacks (an item the lexicon does not see among them) is reported as one stretch;
            // more, and the lexicon does not see this list.
            let lacking = list.items.len() - capacity;
            let stretches: Vec<(usize, usize)> = if missing.is_empty() {
                Vec::new()
            } else if missing.len() <= lacking {
                missing.iter().map(|&n| list.items[n]).collect()
            } else if missing.len() == lacking + 1 {
                vec![(
                    list.items[missing[0]].0,
                    list.items[missing[missing.len() - 1]].1,
                )]
            } else {
                Vec::new()
            };
            for (a, e) in stretches {
                let (start, end) = (w.toks[a].start, w.toks[e].end);
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
                    reason: format!(
                        "'{item}': a list item the Arabic does not render; the source lists {} items, the Arabic coordinates at most {capacity}",
                        list.items.len()
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn items(s: &str) -> Vec<Vec<String>> {
        let toks = tokenize(s);
        english(s, &toks)
            .into_iter()
            .map(|l| {
                l.items
                    .into_iter()
                    .map(|(a, e)| char_slice(s, toks[a].start, toks[e].end).to_string())
                    .collect()
            })
            .collect()
    }

    fn capacity(s: &str) -> usize {
        let toks = tokenize(s);
        let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
        arabic_capacity(s, &toks, &norms)
    }

    #[test]
    fn english_lists_with_and_without_the_serial_comma() {
        assert_eq!(
            items("Divers searched the harbour, the canal and the old docks."),
            vec![vec!["searched the harbour", "the canal", "the old docks"]]
        );
        assert_eq!(
            items("The plan covers roads, water, schools, and the repair of clinics in the north."),
            vec![vec![
                "plan covers roads",
                "water",
                "schools",
                "the repair of"
            ]]
        );
        // With a serial comma, an "and" inside an earlier item is the item's own.
        assert_eq!(
            items("They discussed trade, fishing rights and quotas, tourism, and energy.")[0].len(),
            4
        );
        // Without a serial comma the last "and" closes the list; one inside an earlier item
        // is the item's own.
        assert_eq!(
            items("Crews trained in search and rescue, diving, first aid and firefighting.")[0]
                .len(),
            4
        );
        // "including" opens the list: the clause before it is no item.
        assert_eq!(
            items("The accord covers farming, including irrigation, seeds and storage.")[0],
            vec!["irrigation", "seeds", "storage"]
        );
        // A clause between commas is no list.
        assert!(items("The talks, which began on Monday, ended today.").is_empty());
        assert!(items("Two items: bread and salt.").is_empty());
        // An additive after a closed list is not its last item.
        assert_eq!(
            items("Drones gave imagery, tracking and targeting, as well as strikes.")[0].len(),
            3
        );
    }

    /// List-item flags of one-sentence pairs aligned one to one, with the built-in glossary.
    fn dropped(en: &str, ar: &str) -> Vec<String> {
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        crate::flag::with_parallel_beads(lex, &[en], &[ar], |ctx| {
            let mut offers: Vec<u32> = ctx.anchors.tgt[0].offers.clone();
            offers.sort_unstable();
            offers.dedup();
            dropped_items(ctx, &ctx.beads[0], &offers, &[])
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
}
