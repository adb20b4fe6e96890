//! Arabic coordinations: how many items they join, and where the renderings of a list's items
//! stand in a bead's Arabic.

use super::{coordinator_at, coordinators, Role};
use crate::flag::Context;
use crate::text::tokens::{gap_after, Token, TokenKind};

/// Words of an Arabic list item after the first: a longer comma-separated stretch is a clause.
const MAX_ARABIC_ITEM_WORDS: usize = 8;

/// A comma-separated stretch of a sentence: its word tokens, in order.
type Segment = Vec<usize>;

/// Segments of a sentence grouped by clause chunk: commas cut segments; other punctuation
/// (colons, semicolons, brackets, quotation marks, dashes) ends the chunk. A point inside a
/// sentence closes an abbreviation ("Brig. Gen."), not a clause.
fn chunks(sentence: &str, toks: &[Token]) -> Vec<Vec<Segment>> {
    // A list written with semicolons («أ؛ ب؛ وج»): they cut its items, and a comma joins words
    // of an item.
    let semicolons = super::english::semicolon_list(sentence);
    let (cuts, ends): (&[char], &[char]) = if semicolons {
        (&[';', '؛'], &[',', '،'])
    } else {
        (&[',', '،'], &[';', '؛'])
    };
    let mut out: Vec<Vec<Segment>> = Vec::new();
    let mut chunk: Vec<Segment> = Vec::new();
    let mut seg: Segment = Vec::new();
    for k in 0..toks.len() {
        if toks[k].kind == TokenKind::Word {
            seg.push(k);
        }
        let gap = gap_after(sentence, toks, k);
        let ends_chunk = gap.chars().any(|c| {
            (ends.contains(&c) && !semicolons)
                || matches!(
                    c,
                    ':' | '('
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
        let wordless = seg.is_empty() && gap.contains(cuts);
        let ends_chunk = ends_chunk || wordless;
        if ends_chunk || gap.contains(cuts) {
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

/// Whether a normalised Arabic word opens with the conjunction و as a conjunct of a
/// coordination: و before a word of three letters or more («والزيتون», «وانتداب»), or before
/// a preposition or particle of two («ومن كل الثمرات», «وفي الرقاب», «وذي سيادة»). A short
/// word whose و is a root letter or that is a verb («وفد», «وضل») is no item of a list.
pub(super) fn is_conjunct(norm: &str) -> bool {
    norm.strip_prefix('و').is_some_and(|rest| {
        let letters = rest.chars().count();
        letters >= 3 || (letters == 2 && crate::anchors::lexicon::is_closed_class(rest))
    })
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
            || is_conjunct(&w[p])
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
        // Items cut by commas or semicolons alone, the last joined by و («أ، ب، ج، ود», as a
        // translation keeps the source's punctuation): a short segment without و belongs to a
        // run that a conjunct closes further on, at a segment's start or inside the last one.
        let closed_later = |t: usize| {
            words[t..]
                .iter()
                .take_while(|w| w.len() <= MAX_ARABIC_ITEM_WORDS)
                .any(|w| conjunct_at(w, 0) || inner(w) > 0)
        };
        let mut s = 0;
        while s < words.len() {
            let mut t = s + 1;
            while t < words.len()
                && words[t].len() <= MAX_ARABIC_ITEM_WORDS
                && (conjunct_at(&words[t], 0) || closed_later(t))
            {
                t += 1;
            }
            // A run's items are its segments with the conjuncts inside each: a segment may
            // coordinate items of its own («عمليات الزيارة والصعود والتفتيش»), as an English
            // list nests "visit, board, search and seizure" in a longer one.
            if t - s >= 2 {
                best = best.max((s..t).map(|u| 1 + inner(&words[u])).sum());
            }
            s = t;
        }
    }
    best
}

/// The Arabic words of a bead, each with its lexicon concepts: (sentence, token index, sorted
/// concepts).
pub(super) struct ArabicWords {
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
    pub(super) fn of(ctx: &Context, tgt: &[usize]) -> ArabicWords {
        let (mut words, mut closed, mut conjunct) = (Vec::new(), Vec::new(), Vec::new());
        let (mut punct, mut comma) = (Vec::new(), Vec::new());
        // A word of its own that joins the last item («أو», "or") opens a conjunct as the
        // attached «و» does («أو حيازته أو بيعه»).
        let closing: Vec<&str> = coordinators()
            .ar
            .iter()
            .filter(|(w, role)| *role == Role::Closing && w.len() == 1)
            .map(|(w, _)| w[0].as_str())
            .collect();
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
                conjunct.push(is_conjunct(&norms[k]) || closing.contains(&norms[k].as_str()));
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
    pub(super) fn coordination_size(&self, renderings: &[Vec<usize>]) -> Option<usize> {
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
    pub(super) fn rendering(&self, concepts: &[u32]) -> Vec<usize> {
        (0..self.words.len())
            .filter(|&w| {
                concepts
                    .iter()
                    .any(|x| self.words[w].2.binary_search(x).is_ok())
            })
            .collect()
    }

    /// The Arabic text of word `w`.
    pub(super) fn text<'c>(&self, ctx: &'c Context, w: usize) -> &'c str {
        let (j, k, _) = self.words[w];
        ctx.words.ar(j).toks[k].text
    }

    /// Where the renderings of a middle item's neighbours stand: the nearest pair in one Arabic
    /// sentence, the item before first. Nothing or only words rendering other parts of the
    /// source between them: the coordination closed up where the middle item was
    /// («بالأسلحة والأشخاص» for "weapons, narcotics, and persons"). A word between them that
    /// renders nothing of the source may be the item in words the lexicon does not know.
    pub(super) fn neighbours(
        &self,
        before: &[usize],
        after: &[usize],
        source: &[u32],
    ) -> Neighbours {
        const NEAR: usize = 6;
        let nearest = before
            .iter()
            .flat_map(|&p| after.iter().map(move |&q| (p, q)))
            .filter(|&(p, q)| q > p && q - p <= NEAR && self.words[p].0 == self.words[q].0)
            .min_by_key(|&(p, q)| q - p);
        let Some((p, q)) = nearest else {
            return Neighbours::NotFound;
        };
        // A word between them that the source does not explain, or a conjunct of its own (a
        // word opening with «و»): the item's place is taken. A conjunct is an item whatever the
        // lexicon links it to elsewhere in the sentence («والصعود» for "board", which a
        // dictionary may also give for "surface" further on).
        let unexplained = (p + 1..q).any(|w| {
            let (_, _, concepts) = &self.words[w];
            !self.closed[w]
                && (self.conjunct[w] || !concepts.iter().any(|c| source.binary_search(c).is_ok()))
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
    pub(super) fn extra_conjunct(
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
pub(super) enum Neighbours {
    /// Next to each other, or with only words rendering other parts of the source between.
    CloseUp,
    /// With a word between them that renders nothing of the source.
    Apart,
    /// Not both found, or not near each other in that order.
    NotFound,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::arabic;
    use crate::text::tokens::tokenize;

    fn capacity(s: &str) -> usize {
        let toks = tokenize(s);
        let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
        arabic_capacity(s, &toks, &norms)
    }

    #[test]
    fn items_cut_by_punctuation_alone_count_until_the_conjunct_that_closes_them() {
        // The source's punctuation kept: commas, or semicolons, and و before the last item.
        assert_eq!(
            capacity("وتشمل الحزمة خوذات، دروعا خفيفة، أجهزة ملاحة ومولدات كهربائية."),
            4
        );
        assert_eq!(
            capacity("وتشمل الحزمة خوذات؛ دروعا خفيفة صنعت في بلغراد، صربيا؛ أجهزة ملاحة؛ ومولدات كهربائية."),
            4
        );
    }

    #[test]
    fn a_comma_run_counts_the_items_coordinated_inside_its_segments() {
        // «ورفع الأنقاض والبحث والإنقاذ»: three items inside one segment of a run of three.
        assert_eq!(
            capacity("شملت الدورة الإسعافات الأولية، ورفع الأنقاض والبحث والإنقاذ، والتوعية."),
            5
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
