//! Polarity of aligned predicates: the content words a negation scopes over, and whether their
//! rendering on the other side is negated too.
//!
//! Counting negations per bead (see `negation`) cannot tell which negation lost its counterpart
//! when the other side holds a spare negative in form (an ambiguous «ما», a lexical "without"):
//! the spare one may or may not be the rendering. The predicate settles it. A grammatical
//! negation scopes over the first content words after it in its clause ("will not *use*
//! reason", «لا *يعقلون*»); when the lexicon finds that word rendered on the other side of the
//! bead, and every rendering there stands without a negation before it while every occurrence
//! on the negated side is negated, the predicate's polarity has flipped.

use super::negation::Cue;
use crate::anchors::lexicon::{is_closed_class, Lexicon};
use crate::text::tokens::{gap_after, Token};
use crate::text::{arabic, english};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Tokens before a word within which a negation of its clause negates it ("did not even try
/// to *leave*"; «لم يكن *يعلم*»).
const NEGATION_REACH: usize = 4;

/// One sentence of a bead, analysed: its text, tokens, lexicon concepts per token and negation
/// cues.
pub struct Side<'s, 't> {
    pub sentence: &'s str,
    pub toks: &'t [Token<'s>],
    pub concepts: &'t [Vec<u32>],
    pub cues: &'t [Cue],
}

impl Side<'_, '_> {
    fn cue_token(&self, cue: &Cue) -> Option<usize> {
        self.toks.iter().position(|t| t.start == cue.start)
    }

    /// Whether the gap after token `k` closes a clause: a clause punctuation mark, or an Arabic
    /// pause mark at the end of the token (brackets and quotation marks close none).
    fn closes_clause(&self, k: usize) -> bool {
        let pause = self.toks[k]
            .text
            .chars()
            .any(|c| matches!(c, '\u{06D6}'..='\u{06DB}'));
        pause
            || gap_after(self.sentence, self.toks, k).chars().any(|c| {
                matches!(
                    c,
                    ',' | ';' | '.' | ':' | '!' | '?' | '—' | '–' | '،' | '؛' | '؟'
                )
            })
    }

    /// Whether token `k` stands inside square brackets: a translator's addition ("were not
    /// [rightly] guided"), no word of the source text.
    fn bracketed(&self, k: usize) -> bool {
        let before = crate::text::char_slice(self.sentence, 0, self.toks[k].start);
        before
            .rfind('[')
            .is_some_and(|o| before.rfind(']').map_or(true, |c| c < o))
    }

    /// Whether token `k` carries meaning the lexicon can compare (not a function word).
    fn content(&self, k: usize, lex: &Lexicon) -> bool {
        let c = &self.concepts[k];
        !c.is_empty()
            && !c.iter().all(|&x| lex.is_function(x))
            && !{
                let w = self.toks[k].text.to_lowercase();
                is_closed_class(&w) || between_cue_and_predicate(&w)
            }
    }

    /// The predicate the grammatical negation `cue` scopes over: the first word after it in its
    /// clause that is no function word or auxiliary, when the lexicon knows it (an unknown
    /// predicate cannot be compared, and a later word may lie outside the negation's scope).
    fn scope(&self, cue: &Cue, lex: &Lexicon) -> Option<usize> {
        let mut x = self.cue_token(cue)?;
        while !self.closes_clause(x) && x + 1 < self.toks.len() {
            x += 1;
            if self.cue_token_at(x) || negator_word(self.toks[x].text) {
                return None;
            }
            let w = self.toks[x].text.to_lowercase();
            let functional = self.bracketed(x)
                || is_closed_class(&w)
                || between_cue_and_predicate(&w)
                || (!self.concepts[x].is_empty()
                    && self.concepts[x].iter().all(|&c| lex.is_function(c)));
            if !functional {
                return self.content(x, lex).then_some(x);
            }
        }
        None
    }

    fn cue_token_at(&self, x: usize) -> bool {
        self.cues.iter().any(|c| c.start == self.toks[x].start)
    }

    /// Whether token `x` stands under a negation: a cue of any strength on it or within
    /// [`NEGATION_REACH`] tokens before it in its clause.
    fn negated(&self, x: usize) -> bool {
        let mut p = x;
        for _ in 0..=NEGATION_REACH {
            if self.cue_token_at(p) || negator_word(self.toks[p].text) {
                return true;
            }
            if p == 0 || self.closes_clause(p - 1) {
                return false;
            }
            p -= 1;
        }
        false
    }

    /// Whether a negation (a cue of any strength, or a negator word) follows token `x` in its
    /// sentence: the complement of a verb of opinion negated («يرى … غير مستدام»).
    fn negated_after(&self, x: usize) -> bool {
        let end = self.toks[x].end;
        self.cues.iter().any(|c| c.start >= end)
            || self.toks[x + 1..].iter().any(|t| negator_word(t.text))
    }

    /// Tokens rendering one of `concepts`.
    fn renderings<'a>(&'a self, concepts: &'a [u32]) -> impl Iterator<Item = usize> + 'a {
        (0..self.toks.len()).filter(move |&x| self.concepts[x].iter().any(|c| concepts.contains(c)))
    }
}

/// Words that negate what follows them, whatever role the cue lists give them in a count
/// ("nor" continuing a negation, «ولا» before a noun). The ambiguous «ما» negates only as a cue
/// (where it opens its clause).
fn negator_word(token: &str) -> bool {
    let w = token.to_lowercase();
    if matches!(
        w.as_str(),
        "not" | "no" | "nor" | "neither" | "never" | "none" | "without" | "cannot"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
    {
        return true;
    }
    let n = arabic::normalize(token);
    let n = arabic::without_conjunction(&n);
    matches!(
        n,
        "لا" | "لم" | "لن" | "ليس" | "غير" | "عدم" | "دون" | "بدون" | "بلا"
    )
}

/// Particles and adverbs that stand between a negation and its predicate ("not to attend", "not
/// even once", "not yet agreed").
const PARTICLES: &[&str] = &["to", "even", "ever", "yet", "also", "so"];

/// Whether an English word (lowercased) stands between a negation and its predicate, never its
/// content: an auxiliary or copula, finite or not, or one of the particles.
fn between_cue_and_predicate(w: &str) -> bool {
    english::AUXILIARIES.contains(&w)
        || english::NONFINITE_AUXILIARIES.contains(&w)
        || PARTICLES.contains(&w)
}

/// The grammatical negations of a side that are no restriction, each with its predicate: the
/// token its scope reaches and that token's content concepts, or None where the scope reaches no
/// word the lexicon knows. (Sentence index within `sides`, the cue, the predicate.)
#[allow(clippy::type_complexity)]
fn negated_predicates<'a>(
    sides: &'a [Side],
    lex: &Lexicon,
) -> Vec<(usize, &'a Cue, Option<(usize, Vec<u32>)>)> {
    let mut out = Vec::new();
    for (i, side) in sides.iter().enumerate() {
        for cue in side
            .cues
            .iter()
            .filter(|c| c.strength == super::negation::Strength::Grammatical && !c.restriction)
        {
            let predicate = side.scope(cue, lex).and_then(|w| {
                let concepts: Vec<u32> = side.concepts[w]
                    .iter()
                    .copied()
                    .filter(|&c| !lex.is_function(c))
                    .collect();
                (!concepts.is_empty()).then_some((w, concepts))
            });
            out.push((i, cue, predicate));
        }
    }
    out
}

/// The grammatical negations of the `negating` side whose predicate the `other` side does not
/// render at all: (sentence index within `negating`, the cue, the predicate's token). A negation
/// missing from the other side together with its predicate went with its clause — an omission,
/// not a flip — where the lexicon sees the document's renderings well enough for a missing
/// rendering to mean something (the caller judges that). Empty when the predicate of some
/// negation is not known to the lexicon: that one may be the negation that went missing ("did not
/// resist …, and no one was injured" with «مقاومة» unknown and the negation of "resist" gone).
pub fn dropped_with_predicate<'a>(
    negating: &'a [Side],
    other: &[Side],
    lex: &Lexicon,
) -> Vec<(usize, &'a Cue, usize)> {
    let mut out = Vec::new();
    for (i, cue, predicate) in negated_predicates(negating, lex) {
        let Some((w, concepts)) = predicate else {
            return Vec::new();
        };
        if other
            .iter()
            .all(|s| s.renderings(&concepts).next().is_none())
        {
            out.push((i, cue, w));
        }
    }
    out
}

/// A predicate negated on the `negating` side whose rendering the `other` side gives without
/// negation: (sentence index within `negating`, the cue, the rendering's sentence index within
/// `other` and token). Only grammatical cues that are no restriction are tried.
pub fn flipped<'a>(
    negating: &'a [Side],
    other: &[Side],
    lex: &Lexicon,
) -> Option<(usize, &'a Cue, usize, usize)> {
    for (i, cue, predicate) in negated_predicates(negating, lex) {
        let Some((w, concepts)) = predicate else {
            continue;
        };
        let concepts = &concepts;
        let raises = raises_negation(negating[i].toks[w].text);
        // Every occurrence on the negating side is negated ...
        let all_negated = negating
            .iter()
            .all(|s| s.renderings(concepts).all(|x| s.negated(x)));
        if !all_negated {
            continue;
        }
        // ... and the other side renders it, never under a negation.
        let found: Vec<(usize, usize)> = other
            .iter()
            .enumerate()
            .flat_map(|(j, s)| {
                s.renderings(concepts)
                    .filter(move |&x| s.content(x, lex))
                    .map(move |x| (j, x))
            })
            .collect();
        if let Some(&(j, x)) = found.first() {
            // "does not consider it sustainable" given as «يرى أنه غير مستدام» (considers it
            // unsustainable): the negation of a verb of opinion moved into its complement.
            let lowered = raises && found.iter().all(|&(j, x)| other[j].negated_after(x));
            if !lowered && found.iter().all(|&(j, x)| !other[j].negated(x)) {
                return Some((i, cue, j, x));
            }
        }
    }
    None
}

/// Whether a verb (as written) raises a negation of its complement onto itself: verbs of
/// opinion, expectation and intention (data/neg_raising.tsv), whose negation either language
/// may put on the verb or in the complement.
fn raises_negation(token: &str) -> bool {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        crate::text::data::rows(include_str!("data/neg_raising.tsv"), 2)
            .map(|f| match f[0] {
                "en" => f[1].to_lowercase(),
                _ => arabic::normalize(f[1]),
            })
            .collect()
    });
    let lower = token.to_lowercase();
    if forms.contains(&lower) {
        return true;
    }
    let norm = arabic::normalize(token);
    forms.contains(&norm) || forms.contains(arabic::without_conjunction(&norm))
}
