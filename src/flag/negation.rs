//! Negation flips: a predicate negated on one side of an aligned bead and affirmed on the other.
//!
//! Each side's negations are counted in two kinds. Grammatical negators of a predicate (not,
//! never, no; لا، لم، لن، ليس) must find a counterpart. Lexical negatives — privative words and
//! prefixes (غير قانوني "unlawful", non-NATO), nominal and verbal negatives (عدم "lack of", تحول
//! دون "prevents", fail, refuse, without), and constructions that are negative in form only
//! (لا ... إلا "only", the ambiguous ما) — may render a grammatical negation of the other side or
//! nothing at all: they are slack, never a flip by themselves. A flip is a surplus of
//! grammatical negations on one side that the other side's slack cannot account for, so a
//! dropped negation is found even when the sentence keeps another one.

use super::{polarity, span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::lexicon::{en_key, Lexicon};
use crate::text::data as text_data;
use crate::text::{arabic, Lang};
// Auxiliaries open an English question or an inverted condition when followed by their subject
// ("will you", "has there", "had it").
use crate::text::english::{AUXILIARIES, SUBJECT_PRONOUNS};
use crate::text::tokens::{Token, TokenKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Auxiliaries that take a bare verb: a "neither" after one coordinates verbs ("will neither
/// confirm nor deny"), where after "is" it may coordinate adjectives ("is neither safe nor legal").
const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did",
];

/// How a negation cue counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Negates a predicate: must have a counterpart.
    Grammatical,
    /// Negative in meaning or form but free in translation: slack.
    Lexical,
}

/// A negation cue of a sentence: its character span, how it counts, and (for lexical cues) its
/// lexicon concepts, through which the two sides' lexical negatives render each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub strength: Strength,
    pub concepts: Vec<u32>,
    /// Negates one word by its form (unlawful, non-binding; «غير قانوني», «عدم الالتزام»): the
    /// two languages' privatives render each other whatever the word.
    pub privative: bool,
    /// A restriction ("only"; «لا ... إلا», "not ... except"): renders a restriction of the
    /// other side, negated or not.
    pub restriction: bool,
    /// A restriction with no negation in its form ("only", «إنما», «فقط»): it renders a
    /// restriction of the other side, never the negation of a predicate.
    pub affirmative: bool,
    /// Negative in one reading only (the Arabic «ما», also a relative "what"): a restriction it
    /// makes with «إلا» may be a relative clause and an exclusion.
    pub ambiguous: bool,
    /// A negative implicative verb ("failed to", "refused to"): a content word of its own, which
    /// a lexical negative of the other side renders («فشل في», «رفض»).
    pub implicative: bool,
}

/// Whether a one-word form (English lower case, Arabic normalised) is a grammatical negator of
/// the cue lists: "not", «لم».
pub(super) fn is_grammatical_negator(lang: Lang, form: &str) -> bool {
    let l = if lang == Lang::Ar { 'a' } else { 'e' };
    cues().get(&(l, form.to_string())) == Some(&Role::Grammatical)
}

/// The cue lists (data/negation.tsv): (language, form) → role.
fn cues() -> &'static HashMap<(char, String), Role> {
    static C: OnceLock<HashMap<(char, String), Role>> = OnceLock::new();
    C.get_or_init(|| {
        let mut m = HashMap::new();
        for f in text_data::rows(include_str!("data/negation.tsv"), 3) {
            let lang = if f[0] == "ar" { 'a' } else { 'e' };
            let role = match f[2] {
                "grammatical" => Role::Grammatical,
                "lexical" => Role::Lexical,
                "idiom" => Role::Idiom,
                "exceptive" => Role::Exceptive,
                "restrictive" => Role::Restrictive,
                "opens" => Role::Opens,
                "preposition" => Role::Preposition,
                _ => continue,
            };
            let key = if lang == 'a' {
                f[1].split_whitespace()
                    .map(arabic::normalize)
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                f[1].to_lowercase()
            };
            m.insert((lang, key), role);
        }
        m
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Grammatical,
    Lexical,
    /// A cue word followed by this word is not a negation ("not only", «لا يزال» "still").
    Idiom,
    /// Turns a preceding negation of the sentence into a restriction («لا ... إلا» "only").
    Exceptive,
    /// A restriction on its own ("only", «إنما», «فقط»): slack that renders a restriction.
    Restrictive,
    /// A word after which a new clause begins (a particle, a verb of saying): a «ما» right after
    /// it may negate; after any other word of its clause «ما» is the relative "what".
    Opens,
    /// A preposition: a «ما» before it is the relative "what" («ما في الأرض»).
    Preposition,
}

/// An Arabic verb after «لم» or «لن» as it may be listed after «لا»: itself, and for a
/// hollow verb in the jussive, three letters («يزد», «يزل»), its imperfect with the long vowel
/// restored before the last letter («يزيد», «يزال», «يقول»).
fn jussive_stems(verb: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = verb.chars().collect();
    let hollow = chars.len() == 3 && matches!(chars[0], 'ي' | 'ت' | 'ن' | 'ا');
    std::iter::once(verb.to_string()).chain(
        ['ي', 'ا', 'و']
            .into_iter()
            .filter(move |_| hollow)
            .map(move |v| [chars[0], chars[1], v, chars[2]].iter().collect()),
    )
}

fn role(lang: char, key: &str) -> Option<Role> {
    cues().get(&(lang, key.to_string())).copied()
}

/// For each token, how many marks (clause or sentence punctuation) stand before its start and
/// before its end, counted in one walk of the sentence: two tokens are in one clause when none
/// lies between them. Scanning the text between each negation and each exceptive was quadratic
/// on long unpunctuated text.
struct MarksBefore {
    at_start: Vec<u32>,
    at_end: Vec<u32>,
}

impl MarksBefore {
    fn new(sentence: &str, toks: &[Token], is_mark: impl Fn(char) -> bool) -> MarksBefore {
        let (mut at_start, mut at_end) = (vec![0; toks.len()], vec![0; toks.len()]);
        // Token offsets in order: start of token 0, its end, start of token 1, …
        let mut next = 0;
        let mut marks = 0u32;
        let mut record = |ci: usize, marks: u32, next: &mut usize| {
            while *next < 2 * toks.len() {
                let t = &toks[*next / 2];
                let at = if *next % 2 == 0 { t.start } else { t.end };
                if at > ci {
                    break;
                }
                if *next % 2 == 0 {
                    at_start[*next / 2] = marks;
                } else {
                    at_end[*next / 2] = marks;
                }
                *next += 1;
            }
        };
        for (ci, c) in sentence.chars().enumerate() {
            record(ci, marks, &mut next);
            if is_mark(c) {
                marks += 1;
            }
        }
        record(usize::MAX, marks, &mut next);
        MarksBefore { at_start, at_end }
    }

    /// Whether the first of `later` (sorted token indices) after token `k` stands in `k`'s clause.
    /// Later ones cannot when that one does not: the marks only add up.
    fn closed_by_next(&self, k: usize, later: &[usize]) -> bool {
        let first = later.partition_point(|&e| e <= k);
        later
            .get(first)
            .is_some_and(|&e| self.at_start[e] <= self.at_end[k])
    }
}

/// Negation cues of an English sentence. `privative` tells whether a word is negative by its
/// prefix or suffix ("unlawful", "disbelieve", "tireless"; see [`is_privative`]).
/// `toks`: the sentence's tokens.
pub fn english(sentence: &str, toks: &[Token], lex: &Lexicon) -> Vec<Cue> {
    let words: Vec<String> = toks.iter().map(|t| t.text.to_lowercase()).collect();
    let concepts = |w: &str| lex.en(&en_key(w)).to_vec();
    // "not ... except": a restriction ("only"), negative in form only.
    let exceptive_at: Vec<usize> = (0..words.len())
        .filter(|&k| role('e', &words[k]) == Some(Role::Exceptive))
        .collect();
    // "no one knows but God", "no deity other than Him": after a negative quantifier of its own
    // clause, "but" and "other than" are exceptives ("only God knows"). After "not" they are
    // mostly a contrast ("not war but peace") and stay a conjunction.
    let exceptive_at: Vec<usize> = exceptive_at
        .into_iter()
        .chain((0..words.len()).filter(|&k| {
            let w = words[k].as_str();
            let opens =
                w == "but" || (w == "other" && words.get(k + 1).is_some_and(|n| n == "than"));
            opens
                && (0..k)
                    .rev()
                    .take_while(|&q| joined(sentence, toks, q))
                    .any(|q| matches!(words[q].as_str(), "no" | "none" | "nothing" | "nobody"))
        }))
        .collect();
    let mut exceptive_at = exceptive_at;
    exceptive_at.sort_unstable();
    let sentence_ends = MarksBefore::new(sentence, toks, |c| {
        matches!(c, '.' | '!' | '?' | ';' | '"' | '“' | '”')
    });
    let mut out: Vec<Cue> = Vec::new();
    let mut skip = None;
    let mut verbal_neither = false;
    for (k, w) in words.iter().enumerate() {
        if skip == Some(k) {
            continue;
        }
        // A two-word form never spans punctuation: "perceives Him not, but He perceives" is a
        // negation and a contrast, not the restriction "not but".
        let next = match words.get(k + 1) {
            Some(n) if joined(sentence, toks, k) => n.as_str(),
            _ => "",
        };
        match role('e', &format!("{w} {next}")) {
            Some(Role::Idiom) => {
                skip = Some(k + 1);
                continue;
            }
            Some(Role::Grammatical) => {
                // A negative implicative verb and its "to" ("failed to respond", "refused to
                // comment"): it denies its complement as "did not" does, and the Arabic that
                // affirms the complement («استجاب») flips it. In a question ("Have I failed to
                // …?") it asks, as "Will you not" does.
                skip = Some(k + 1);
                let asks = interrogative_clause(sentence, toks, &words, k);
                out.push(Cue {
                    start: toks[k].start,
                    end: toks[k + 1].end,
                    strength: if asks {
                        Strength::Lexical
                    } else {
                        Strength::Grammatical
                    },
                    concepts: concepts(w),
                    privative: false,
                    restriction: false,
                    affirmative: false,
                    ambiguous: false,
                    implicative: true,
                });
                continue;
            }
            Some(two @ (Role::Lexical | Role::Restrictive)) => {
                // A two-word lexical negative ("ruled out") or restriction ("not but").
                skip = Some(k + 1);
                out.push(Cue {
                    start: toks[k].start,
                    end: toks[k + 1].end,
                    strength: Strength::Lexical,
                    concepts: concepts(&format!("{w} {next}")),
                    privative: false,
                    restriction: two == Role::Restrictive,
                    affirmative: false,
                    ambiguous: false,
                    implicative: false,
                });
                continue;
            }
            _ => {}
        }
        let r = role('e', w).or_else(|| {
            // Contracted negation: don't, won't, isn't, can't.
            (w.ends_with("n't") || w.ends_with("n’t")).then_some(Role::Grammatical)
        });
        let mut privative = false;
        let mut restriction = r == Some(Role::Restrictive);
        let strength = match r {
            Some(Role::Grammatical) => {
                // "nor", "neither", "and no" after a negation continue it ("not ... nor",
                // "no protector and no intercessor"); after a comma, ", and no" opens a clause
                // with a predicate of its own ("No one was hurt, and no equipment was lost").
                let prev = k.checked_sub(1).map(|p| words[p].as_str()).unwrap_or("");
                let after_comma = k >= 2
                    && crate::text::char_slice(sentence, toks[k - 2].end, toks[k - 1].start)
                        .contains(',');
                // Without the comma, "and no" still opens a clause where a finite verb stands on
                // each side of it: "No one was hurt and no boats were lost" negates two
                // predicates, "no fuel and no food" one.
                let clause_of_its_own = || {
                    let aux = |q: &usize| AUXILIARIES.contains(&words[*q].as_str());
                    let before = (0..k.saturating_sub(1))
                        .rev()
                        .take_while(|&q| {
                            !matches!(words[q].as_str(), "no" | "not" | "never")
                                && joined(sentence, toks, q)
                        })
                        .any(|q| aux(&q));
                    let after = (k + 1..words.len())
                        .take_while(|&q| joined(sentence, toks, q - 1))
                        .any(|q| aux(&q));
                    before && after
                };
                let continues = matches!(w.as_str(), "nor" | "neither")
                    || (matches!(prev, "and" | "or")
                        && matches!(w.as_str(), "no" | "not")
                        && !after_comma
                        && !clause_of_its_own());
                // "it neither restricts … nor blocks", "will neither confirm nor deny": a
                // "neither" right after a subject pronoun or a modal opens coordinated verbs,
                // each negated (the mirror of «ولا» before a verb); so does its "nor".
                if w == "neither" {
                    verbal_neither = SUBJECT_PRONOUNS.contains(&prev) || MODALS.contains(&prev);
                }
                let verbal = verbal_neither && matches!(w.as_str(), "neither" | "nor");
                // "nor did he …", "nor will it …": the inverted auxiliary opens a predicate of
                // its own as well.
                let inverted = w == "nor" && AUXILIARIES.contains(&next);
                if continues
                    && !verbal
                    && !inverted
                    && out.iter().any(|c| c.strength == Strength::Grammatical)
                {
                    out.push(coordinated_slack(toks[k].start, toks[k].end));
                    continue;
                }
                // The exceptive must close the negation's own sentence: "will not believe …
                // . Was I ever but …" holds no restriction.
                // "No, it is Him you invoke": a "no" cut from the next word by punctuation
                // answers or rejects; it negates no predicate of its sentence.
                let interjection = w == "no"
                    && (k + 1 == toks.len()
                        || crate::text::tokens::gap_after(sentence, toks, k)
                            .contains([',', '!', '.', ';', ':']));
                if sentence_ends.closed_by_next(k, &exceptive_at) {
                    restriction = true;
                    Strength::Lexical
                } else if interjection {
                    Strength::Lexical
                } else if superlative_in_meaning(sentence, toks, &words, k) {
                    // "No partner hosts a larger presence than Bahrain": Bahrain hosts the
                    // largest. The other side may say it as a superlative, with no negation.
                    Strength::Lexical
                } else if interrogative_clause(sentence, toks, &words, k) {
                    // "Will you not desist?", "Has there not reached you ...?", "Why is it not
                    // sent?", "Had it not been for ...": negative in form, a question or a
                    // condition in meaning; the other side may phrase it either way (the
                    // mirror of the Arabic interrogative hamza).
                    Strength::Lexical
                } else {
                    Strength::Grammatical
                }
            }
            // "without meeting the target": "without" before a verb's -ing form negates that
            // predicate (and did not meet it), as «دون أن يصل» does; before a noun ("without
            // delay") it is a privative, free in translation.
            Some(Role::Lexical) if w == "without" && next.len() > 5 && next.ends_with("ing") => {
                Strength::Grammatical
            }
            Some(Role::Lexical | Role::Restrictive) => Strength::Lexical,
            Some(Role::Exceptive) => continue,
            _ => {
                // Privative prefixes are lexical: non-NATO, unlawful, disbelieve, impossible.
                let hyphenated_non =
                    w.starts_with("non") && sentence_has_hyphen_after(sentence, toks[k].end);
                if (hyphenated_non || is_privative(w, lex)) && !nominal(sentence, toks, &words, k) {
                    privative = true;
                    Strength::Lexical
                } else {
                    continue;
                }
            }
        };
        out.push(Cue {
            start: toks[k].start,
            end: toks[k].end,
            strength,
            concepts: concepts(w),
            privative,
            restriction,
            affirmative: r == Some(Role::Restrictive),
            ambiguous: false,
            implicative: false,
        });
    }
    out
}

/// The negation word of a coordinated negation's later conjunct ("nor", "neither" after a
/// negation; «ولا» before a noun): the coordination negates one predicate ("neither the army
/// nor the police took part") or one per conjunct ("it neither restricts aid nor blocks
/// imports"), which the words alone do not tell — the other language may write either. So the
/// conjunct's negation is slack, as a lexical negative is: it may render a negation of the other
/// side, and is never a flip by itself.
fn coordinated_slack(start: usize, end: usize) -> Cue {
    Cue {
        start,
        end,
        strength: Strength::Lexical,
        concepts: Vec::new(),
        privative: false,
        restriction: false,
        affirmative: false,
        ambiguous: false,
        implicative: false,
    }
}

/// True when token `k` and the next token are in one phrase: nothing but spaces between them.
fn joined(sentence: &str, toks: &[Token], k: usize) -> bool {
    k + 1 < toks.len()
        && crate::text::tokens::gap_after(sentence, toks, k)
            .chars()
            .all(char::is_whitespace)
}

/// Comparatives of English: "more", "less" and their kin, and a word ending in -er that is no
/// common non-comparative ("other", "never", "rather", "under"…).
fn comparative(w: &str) -> bool {
    matches!(
        w,
        "more" | "less" | "fewer" | "better" | "worse" | "greater" | "higher" | "lower"
    ) || (w.len() > 4
        && w.ends_with("er")
        && !matches!(
            w,
            "other"
                | "rather"
                | "never"
                | "ever"
                | "whether"
                | "either"
                | "neither"
                | "under"
                | "over"
                | "after"
                | "together"
                | "however"
                | "whatever"
                | "whenever"
                | "later"
        ))
}

/// Whether the negative quantifier at token `k` ("no", "none", "nothing", "nobody", "never")
/// opens a negated comparison of its own clause — "no partner hosts a larger force than X",
/// "nothing is more important than Y", "ties have never been stronger than today" — which says
/// that X is the largest, Y the most important: a superlative in meaning. A figure after "than"
/// makes a bound ("no more than 40"), which stays a negation.
fn superlative_in_meaning(sentence: &str, toks: &[Token], words: &[String], k: usize) -> bool {
    if !matches!(
        words[k].as_str(),
        "no" | "none" | "nothing" | "nobody" | "never"
    ) {
        return false;
    }
    let mut q = k;
    let mut seen_comparative = false;
    while joined(sentence, toks, q) {
        q += 1;
        let w = words[q].as_str();
        if w == "than" {
            let figure = toks.get(q + 1).is_some_and(|t| {
                t.kind == TokenKind::Number
                    || crate::anchors::numbers::is_number_word(&words[q + 1])
            });
            return seen_comparative && q > k + 2 && !figure;
        }
        seen_comparative |= comparative(w);
    }
    false
}

/// True when the negation at token `k` stands in a clause that opens as a question or an
/// inverted condition: "why ...", or an auxiliary, its subject (a pronoun or "there") and the
/// negation ("will you not", "had it not been"), the clause counted from the last punctuation
/// mark and past an opening conjunction ("so", "then", "and").
fn interrogative_clause(sentence: &str, toks: &[Token], words: &[String], k: usize) -> bool {
    let mut start = k;
    while start > 0 && joined(sentence, toks, start - 1) {
        start -= 1;
    }
    while start < k && matches!(words[start].as_str(), "so" | "then" | "and" | "or" | "but") {
        start += 1;
    }
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
    if w(start) == "why" {
        return true;
    }
    let aux = |x: &str| AUXILIARIES.contains(&x) || x.ends_with("n't") || x.ends_with("n’t");
    let subject = |x: &str| {
        matches!(
            x,
            "i" | "you" | "he" | "she" | "it" | "we" | "they" | "there" | "this" | "that"
        )
    };
    // "Will you not", "Has there not", "Won't you"; the negation within the first three words.
    k <= start + 2 && aux(w(start)) && (subject(w(start + 1)) || (k == start && subject(w(k + 1))))
}

/// Whether the word at `k` is an adjective used as a noun — after "the" and closing its noun
/// phrase ("the unseen", "the unjust and the wrongdoers", "the disbelievers will"): it names a
/// thing or people, rendered by a noun («الغيب», «الظالمين»), and negates nothing to render.
fn nominal(sentence: &str, toks: &[Token], words: &[String], k: usize) -> bool {
    let after_the = k > 0 && words[k - 1] == "the" && joined(sentence, toks, k - 1);
    let closes = !joined(sentence, toks, k)
        || words
            .get(k + 1)
            .is_some_and(|n| crate::anchors::lexicon::is_closed_class(n));
    after_the && closes
}

/// Endings of English adjectives that a privative prefix keeps ("consistent" → "inconsistent").
const ADJECTIVE_ENDINGS: &[&str] = &["ent", "ive", "al", "ous", "ic", "ful"];

/// A word negative by its form: un-, non- or -less on a word the lexicon knows; or dis-, in-,
/// im-, ir-, il- on a known word where the word itself is unknown or is rendered in Arabic with a
/// negator (illegal → غير قانوني). "investigations" is a known word whose renderings negate
/// nothing, so its "in-" is no prefix.
pub fn is_privative(w: &str, lex: &Lexicon) -> bool {
    let known = |x: &str| !lex.en(&en_key(x)).is_empty();
    let base_known = |rest: &str| rest.chars().count() >= 3 && known(rest);
    // un-, non- and -less on a known word always negate it (unreported, non-binding,
    // tireless); in-, im-, ir-, il- and dis- often do not (information, impact, discuss).
    // A base of three letters after un- is mostly a word of its own ("until", "under", "union").
    if w.strip_prefix("un")
        .is_some_and(|rest| rest.chars().count() >= 4 && known(rest))
        || w.strip_prefix("non")
            .into_iter()
            .chain(w.strip_suffix("less"))
            .any(base_known)
    {
        return true;
    }
    if privative_adjective(w) {
        return true;
    }
    let bases: Vec<&str> = ["dis", "in", "im", "ir", "il"]
        .iter()
        .filter_map(|p| w.strip_prefix(p))
        .filter(|rest| base_known(rest))
        .collect();
    if bases.is_empty() {
        return false;
    }
    // An adjective on an adjective of the same ending ("inconsistent" on "consistent",
    // "disloyal", "ineffective"): the prefix negates it, whatever word the dictionary gives for
    // the whole («متناقض»). A verbal ending is no such sign ("incorporate" on "corporate"), nor
    // is a short base ("intent" on "tent").
    if bases.iter().any(|rest| {
        rest.chars().count() >= 5 && ADJECTIVE_ENDINGS.iter().any(|e| rest.ends_with(e))
    }) {
        return true;
    }
    let negating = |ars: &[String]| {
        ars.iter().any(|a| {
            let first = arabic::normalize(a.split_whitespace().next().unwrap_or(""));
            matches!(
                arabic::strip_proclitics(&first),
                "غير" | "عدم" | "لا" | "بلا" | "دون" | "بدون"
            )
        })
    };
    // Stems join "information" and "informal": judge by the entry of the word itself when there
    // is one, else only when every entry agrees.
    let labels: Vec<(&str, &[String])> = lex
        .en(&en_key(w))
        .iter()
        .filter_map(|&c| lex.label(c))
        .collect();
    if let Some((_, ars)) = labels.iter().find(|(e, _)| e.eq_ignore_ascii_case(w)) {
        return negating(ars);
    }
    labels.iter().all(|(_, ars)| negating(ars))
}

/// An adjective in -able/-ible (or -less) negative by its form where the lexicon does not know its
/// base: "indispensable", "inseparable", "unthinkable", "irreversible", "countless". The negative
/// prefix assimilates to the stem (im- before a labial, ir- before r, il- before l), which keeps
/// "imaginable" out; "under-" is no prefix ("understandable").
fn privative_adjective(w: &str) -> bool {
    let stem_len = |rest: &str| {
        ["able", "ible"]
            .iter()
            .find_map(|s| rest.strip_suffix(s))
            .map_or(0, |stem| stem.chars().count())
    };
    let assimilated = |prefix: &str, rest: &str| {
        let first = rest.chars().next().unwrap_or(' ');
        match prefix {
            "im" => matches!(first, 'p' | 'b' | 'm'),
            "ir" => first == 'r',
            "il" => first == 'l',
            "in" => !matches!(first, 'p' | 'b' | 'm' | 'r' | 'l'),
            _ => !rest.starts_with("der"),
        }
    };
    let adjective = ["un", "in", "im", "ir", "il"].iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|rest| assimilated(p, rest) && stem_len(rest) >= 4)
    });
    // -less on a base of four letters or more ("countless", "relentless"); "unless" is too short.
    let less = w
        .strip_suffix("less")
        .is_some_and(|base| base.chars().count() >= 4 && !base.ends_with("the"));
    adjective || less
}

fn sentence_has_hyphen_after(sentence: &str, end: usize) -> bool {
    sentence.chars().nth(end) == Some('-')
}

/// Negation cues of an Arabic sentence.
/// `toks`: the sentence's tokens; `norms`: the tokens normalised.
pub fn arabic(sentence: &str, toks: &[Token], norms: &[String], lex: &Lexicon) -> Vec<Cue> {
    // Forms tried for a token: as written, without the conjunction, without the article; and
    // without the interrogative hamza (ألم، أفلا، أوليس، ألست "did ... not?", "is ... not?").
    let forms = |w: &str| -> Vec<(String, bool)> {
        let mut v = vec![(w.to_string(), false)];
        for p in ["و", "ف"] {
            if let Some(r) = w.strip_prefix(p) {
                v.push((r.to_string(), false));
            }
        }
        v.push((arabic::strip_proclitics(w).to_string(), false));
        for p in ["او", "اف", "ا"] {
            if let Some(r) = w.strip_prefix(p) {
                if r.chars().count() >= 2 {
                    v.push((r.to_string(), true));
                }
            }
        }
        v
    };
    let lookup = |k: usize| -> Option<(Role, String, bool)> {
        // The hamza tells «ألّا» ("that ... not") from «إلّا» ("except"); both normalise to الا.
        let bare = hamza_form(toks[k].text);
        if matches!(bare.as_str(), "ألا" | "وألا" | "فألا") {
            return Some((Role::Lexical, "الا".into(), false));
        }
        let next = match norms.get(k + 1) {
            Some(n) if joined(sentence, toks, k) => n.as_str(),
            _ => "",
        };
        for (f, q) in forms(&norms[k]) {
            if let Some(r) = role('a', &format!("{f} {next}")) {
                return Some((r, f, q));
            }
        }
        for (f, q) in forms(&norms[k]) {
            if let Some(r) = role('a', &f) {
                // Only grammatical negators take the interrogative hamza.
                if q && r != Role::Grammatical {
                    continue;
                }
                return Some((r, f, q));
            }
        }
        None
    };
    let looked_up: Vec<Option<(Role, String, bool)>> = (0..norms.len()).map(lookup).collect();
    let exceptive_at: Vec<usize> = (0..norms.len())
        .filter(|&k| matches!(looked_up[k], Some((Role::Exceptive, _, _))))
        .collect();
    let clause_ends = MarksBefore::new(sentence, toks, |c| {
        matches!(
            c,
            '،' | '؛' | '.' | ':' | '"' | '«' | '»' | '\u{06D6}'..='\u{06DB}'
        )
    });
    // «لا … فقط/فحسب/وحده، بل …» is "not only … but (also)": it adds, as the English "not only"
    // (an idiom of the cue table) does, and negates nothing. The "only" word closes the
    // negation's clause and «بل» or «وإنما» opens the next.
    let additive: Vec<(usize, usize)> = (0..norms.len())
        .filter_map(|k| {
            let w = norms[k].as_str();
            let only =
                matches!(w, "فقط" | "فحسب") || (w.starts_with("وحد") && w.chars().count() <= 6);
            let next_word = (k + 1..toks.len()).find(|&m| toks[m].kind == TokenKind::Word)?;
            (only
                && matches!(
                    norms[next_word].as_str(),
                    "بل" | "وانما" | "انما" | "ولكن" | "لكن"
                ))
            .then_some((k, next_word))
        })
        .collect();
    let additive_at: Vec<usize> = additive.iter().map(|&(k, _)| k).collect();
    let mut out: Vec<Cue> = Vec::new();
    let mut opened_by_ma = false;
    // The token of the last grammatical negation read.
    let mut last_grammatical: Option<usize> = None;
    for k in 0..norms.len() {
        let Some((r, form, interrogative)) = looked_up[k].clone() else {
            continue;
        };
        // «ما» joined to a preposition («بما»، «مما»، «عما»، «فيما»، «كما») is the relative "what"
        // or a conjunction, never a negation; so is a «ما» right before another negator («ما لا
        // تعلمون» "what you do not know", «ما لم» "as long as ... not").
        let before_negator = norms.get(k + 1).is_some_and(|n| {
            matches!(
                n.trim_start_matches(['و', 'ف']),
                "لا" | "لم" | "لن" | "ليس" | "ليست"
            )
        });
        if form == "ما"
            && (norms[k].trim_start_matches(['و', 'ف']) != "ما"
                || before_negator
                || relative_ma(sentence, toks, norms, k))
        {
            continue;
        }
        // The "only" of such a construction, and the negation it closes.
        if additive.iter().any(|&(only, but)| k == only || k == but)
            || (r == Role::Grammatical && clause_ends.closed_by_next(k, &additive_at))
        {
            continue;
        }
        let mut strength = match r {
            Role::Grammatical => Strength::Grammatical,
            Role::Lexical | Role::Restrictive => Strength::Lexical,
            Role::Idiom | Role::Exceptive | Role::Opens | Role::Preposition => continue,
        };
        let restrictive = r == Role::Restrictive;
        // «لا يستضيف أي شريك وجودا أكبر من البحرين»: the mirror of the English "no … larger
        // than" — a superlative in meaning, free to be rendered without a negation.
        if strength == Strength::Grammatical
            && arabic_superlative_in_meaning(sentence, toks, norms, k)
        {
            strength = Strength::Lexical;
        }
        // A question "did they not ...?" negates in form; the other side may phrase it either
        // way. And «لِمَ» ("why", vowelled) is not «لَمْ».
        if interrogative || (form == "لم" && toks[k].text.contains("لِمَ")) {
            strength = Strength::Lexical;
        }
        // «لا ... إلا», «لم ... إلا»: a restriction ("only"), negative in form only.
        // The exceptive must close the negation's own clause: no clause boundary (a comma, a
        // stop, a Quranic pause mark, a quotation) between them.
        // The ambiguous «ما» closed by «إلا» is the restriction «ما ... إلا» ("only") too.
        let restriction = restrictive
            || ((strength == Strength::Grammatical || form == "ما")
                && clause_ends.closed_by_next(k, &exceptive_at));
        if restriction {
            strength = Strength::Lexical;
        }
        // «ولا» before a noun continues a negation (لا ... ولا "neither ... nor"); before a verb
        // (an imperfect: ي ت ن ا) it negates a predicate of its own.
        // The negation it continues may be the ambiguous «ما» («ما كنت تعلمها أنت ولا قومك»).
        // A bare «لا» before a noun right inside a negated clause distributes that negation over
        // its conjuncts as well («لم يتمكن لا الربان ولا طاقمه» "neither the master nor its crew
        // could").
        let distributes = norms[k] == "لا"
            && last_grammatical
                .is_some_and(|p: usize| clause_ends.at_start[k] <= clause_ends.at_end[p]);
        if strength == Strength::Grammatical
            && form == "لا"
            && ((norms[k].starts_with('و') && (last_grammatical.is_some() || opened_by_ma))
                || distributes)
        {
            let next = norms.get(k + 1).map(String::as_str).unwrap_or("");
            let verb = next.starts_with(['ي', 'ت', 'ن', 'ا']) && !next.starts_with("ال");
            if !verb {
                out.push(coordinated_slack(toks[k].start, toks[k].end));
                continue;
            }
        }
        opened_by_ma |= form == "ما";
        if strength == Strength::Grammatical {
            last_grammatical = Some(k);
        }
        out.push(Cue {
            start: toks[k].start,
            end: toks[k].end,
            strength,
            concepts: lex.ar_word(&form),
            // «لا» read as lexical is a lexicalised attribute («لا غنى عنه» "indispensable"):
            // a privative of the other language may be its rendering.
            privative: strength == Strength::Lexical
                && (matches!(form.as_str(), "غير" | "عدم" | "بلا")
                    || (form == "لا" && r == Role::Lexical)),
            restriction,
            affirmative: restrictive,
            ambiguous: form == "ما",
            implicative: false,
        });
    }
    out
}

/// Whether the negation at token `k` opens a negated comparison of its own clause: an elative
/// (data/elatives_ar.txt: «أكبر», «أهم», «أقوى») at least two words after it, followed by «من» or «مما» and
/// no figure («لم تكن العلاقات أقوى مما هي عليه اليوم», ties have never been stronger). Two
/// words at least, so that «ليس أكبر من» (is not larger than) stays a negation.
fn arabic_superlative_in_meaning(
    sentence: &str,
    toks: &[Token],
    norms: &[String],
    k: usize,
) -> bool {
    static ELATIVES: OnceLock<Vec<String>> = OnceLock::new();
    let elatives = ELATIVES.get_or_init(|| {
        text_data::entries(include_str!("data/elatives_ar.txt"))
            .map(arabic::normalize)
            .collect()
    });
    let elative = |w: &str| elatives.iter().any(|e| e == w);
    // A Quranic pause mark closes the clause; «من» before the elative asks "who is better".
    let pause = |t: &Token| t.text.chars().any(|c| matches!(c, '\u{06D6}'..='\u{06DB}'));
    let mut q = k;
    while joined(sentence, toks, q) && !pause(&toks[q]) {
        q += 1;
        if q >= 1 && matches!(norms[q - 1].as_str(), "من" | "ومن") && elative(&norms[q]) {
            return false;
        }
        if q >= k + 2
            && elative(&norms[q])
            && joined(sentence, toks, q)
            && matches!(norms[q + 1].as_str(), "من" | "مما")
        {
            let figure = toks.get(q + 2).is_some_and(|t| {
                t.kind == TokenKind::Number
                    || crate::anchors::numbers::is_number_word(&norms[q + 2])
            });
            // «أكثر من ذلك» ("more than that"): a demonstrative points back to a degree the
            // clause has named — "cannot wait any longer", «لا يمكن الانتظار أكثر من ذلك» — and
            // compares nothing with other things; the negation keeps its force.
            let demonstrative = norms
                .get(q + 2)
                .is_some_and(|w| matches!(w.as_str(), "ذلك" | "هذا" | "هذه" | "ذاك" | "تلك"));
            return !figure && !demonstrative;
        }
    }
    false
}

/// Exceptives of an English sentence that close no negation: exclusions ("all units withdrew
/// except two"), the opposite in meaning of the restriction "not … except" ("only"). One counts
/// when no negative word (a negator, a lexical negative, "only"; the cue table's roles) stands
/// before it in its sentence and the sentence is no question ("who forgives except God?"
/// restricts as a negation does). Token indices.
pub fn english_exclusions(sentence: &str, toks: &[Token]) -> Vec<usize> {
    let ends = |c: char| matches!(c, '.' | '!' | '?' | ';');
    let chars: Vec<char> = sentence.chars().collect();
    let negative = |t: &Token| {
        let w = t.text.to_lowercase();
        w.ends_with("n't")
            || w.ends_with("n’t")
            || matches!(
                role('e', &w),
                Some(Role::Grammatical | Role::Lexical | Role::Restrictive)
            )
    };
    (0..toks.len())
        .filter(|&k| toks[k].text.eq_ignore_ascii_case("except"))
        .filter(|&k| {
            let at = toks[k].start.min(chars.len());
            let from = chars[..at]
                .iter()
                .rposition(|&c| ends(c))
                .map_or(0, |p| p + 1);
            let question = chars[at..]
                .iter()
                .find(|&&c| ends(c))
                .is_some_and(|&c| c == '?');
            !question && !toks[..k].iter().any(|t| t.start >= from && negative(t))
        })
        .collect()
}

/// Exceptives of an Arabic sentence that close no negation: exclusions («انسحبت القوات إلا
/// لواءين» "the forces withdrew except two brigades"), the opposite in meaning of the
/// restriction «لا … إلا» ("only"). One counts when its clause holds before it no negation cue
/// (`cues`) and none of the words that make «إلا» a restriction without being counted as a
/// negation: the ambiguous «ما» and «إن», and the interrogatives «هل» and «من» ("who forgives
/// sins except God?"). «إلا أن» ("however") and «إلا إذا» ("unless") are connectives, not
/// exceptives of a noun. Token indices.
pub fn arabic_exclusions(
    sentence: &str,
    toks: &[Token],
    norms: &[String],
    cues: &[Cue],
) -> Vec<usize> {
    let clause_ends = MarksBefore::new(sentence, toks, |c| {
        matches!(
            c,
            '،' | '؛' | '.' | ':' | '?' | '؟' | '"' | '«' | '»' | '\u{06D6}'..='\u{06DB}'
        )
    });
    let bare = |k: usize| norms[k].trim_start_matches(['و', 'ف']).to_string();
    let exceptive = |k: usize| {
        let form = bare(k);
        (form == "الا"
            && !hamza_form(toks[k].text)
                .trim_start_matches(['و', 'ف'])
                .starts_with('أ'))
            || matches!(form.as_str(), "سوي" | "سوى")
    };
    (0..norms.len())
        .filter(|&k| exceptive(k))
        .filter(|&k| {
            !norms
                .get(k + 1)
                .is_some_and(|n| matches!(n.as_str(), "ان" | "انه" | "انها" | "اذا" | "لو"))
        })
        .filter(|&k| {
            let same_clause = |q: usize| clause_ends.at_start[k] <= clause_ends.at_end[q];
            let opener = (0..k)
                .any(|q| same_clause(q) && matches!(bare(q).as_str(), "ما" | "ان" | "هل" | "من"));
            let negated = cues
                .iter()
                .any(|c| (0..k).any(|q| same_clause(q) && toks[q].start == c.start));
            !opener && !negated
        })
        .collect()
}

/// Whether a bare «ما» (no conjunction) at token `k` is the relative or object "what": inside
/// its clause (after a word of it, not after punctuation, a Quranic pause mark, or a word that
/// opens a clause — role `opens`) and followed by what a relative takes and a negating «ما» does
/// not: an imperfect verb («يعلم ما تعملون» "knows what you do»; the negation of an imperfect is
/// «لا») or a preposition («ما في السماوات» "what is in the heavens"). A «ما» before a perfect
/// verb or a pronoun may negate anywhere («لو أنفقت ... ما ألفت» "you could not have brought
/// together"), and stays ambiguous.
fn relative_ma(sentence: &str, toks: &[Token], norms: &[String], k: usize) -> bool {
    if norms[k] != "ما" || k == 0 || !joined(sentence, toks, k - 1) || !joined(sentence, toks, k)
    {
        return false;
    }
    if toks[k - 1]
        .text
        .chars()
        .any(|c| matches!(c, '\u{06D6}'..='\u{06DB}'))
    {
        return false;
    }
    let prev = &norms[k - 1];
    let bare = arabic::without_conjunction(prev);
    if role('a', prev) == Some(Role::Opens) || role('a', bare) == Some(Role::Opens) {
        return false;
    }
    let next = norms[k + 1].as_str();
    // ي opens an imperfect; ت and ن open perfects too (نزّل، تقبّل), so with them only the
    // plural ending (ـون، ـين) tells the imperfect.
    let imperfect = next.chars().count() >= 3
        && (next.starts_with('ي')
            || (next.starts_with(['ت', 'ن']) && (next.ends_with("ون") || next.ends_with("ين"))));
    role('a', next) == Some(Role::Preposition) || imperfect
}

/// A word with its vowel marks removed but its hamza forms kept.
fn hamza_form(word: &str) -> String {
    word.chars()
        .filter(|&c| !matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640))
        .collect()
}

/// The lexical cues of each side, and whether each renders a lexical cue of the other side
/// (through a shared concept, then privative to privative and restriction to restriction).
type Paired = (Vec<Cue>, Vec<Cue>, Vec<bool>, Vec<bool>);

fn pair_lexical(en: &[(usize, Vec<Cue>)], ar: &[(usize, Vec<Cue>)]) -> Paired {
    let lexical = |v: &[(usize, Vec<Cue>)]| -> Vec<Cue> {
        v.iter()
            .flat_map(|(_, cs)| cs.iter())
            .filter(|c| c.strength == Strength::Lexical)
            .cloned()
            .collect()
    };
    let (en_lex, ar_lex) = (lexical(en), lexical(ar));
    let mut en_used = vec![false; en_lex.len()];
    let mut ar_used = vec![false; ar_lex.len()];
    // Cue to cue through a shared concept, then privative to privative.
    for (n, e) in en_lex.iter().enumerate() {
        if let Some(k) = (0..ar_lex.len())
            .find(|&k| !ar_used[k] && ar_lex[k].concepts.iter().any(|x| e.concepts.contains(x)))
        {
            ar_used[k] = true;
            en_used[n] = true;
        }
    }
    for (n, e) in en_lex.iter().enumerate() {
        if en_used[n] || !(e.privative || e.restriction) {
            continue;
        }
        if let Some(k) = (0..ar_lex.len()).find(|&k| {
            !ar_used[k]
                && ((e.privative && ar_lex[k].privative)
                    || (e.restriction && ar_lex[k].restriction))
        }) {
            ar_used[k] = true;
            en_used[n] = true;
        }
    }
    (en_lex, ar_lex, en_used, ar_used)
}

/// Restrictions negative in form ("not … except", «لا … إلا»: "only") of each side that no
/// restriction of the other side renders.
fn unpaired_restrictions(en: &[(usize, Vec<Cue>)], ar: &[(usize, Vec<Cue>)]) -> (usize, usize) {
    let (en_lex, ar_lex, en_used, ar_used) = pair_lexical(en, ar);
    let free = |lex: &[Cue], used: &[bool]| {
        (0..lex.len())
            .filter(|&n| !used[n] && lex[n].restriction && !lex[n].affirmative && !lex[n].ambiguous)
            .count()
    };
    (free(&en_lex, &en_used), free(&ar_lex, &ar_used))
}

/// The lexical cues of each side left as slack: those that render neither a lexical cue of the
/// other side ("without" ~ «دون», privative ~ privative) nor any other word of it (a «منع» that
/// renders "block" is a translation, not a spare negation).
fn slack(
    en: &[(usize, Vec<Cue>)],
    ar: &[(usize, Vec<Cue>)],
    en_offers: &[u32],
    ar_offers: &[u32],
) -> (usize, usize) {
    let (en_lex, ar_lex, en_used, ar_used) = pair_lexical(en, ar);
    let renders =
        |c: &Cue, offers: &[u32]| c.concepts.iter().any(|x| offers.binary_search(x).is_ok());
    // A restriction affirmative in form ("only", «إنما») never renders the negation of a
    // predicate: it is no slack. One negative in form («لا ... إلا») may render "not ... unless".
    let en_slack = (0..en_lex.len())
        .filter(|&n| !en_used[n] && !en_lex[n].affirmative && !renders(&en_lex[n], ar_offers))
        .count();
    let ar_slack = (0..ar_lex.len())
        .filter(|&k| !ar_used[k] && !ar_lex[k].affirmative && !renders(&ar_lex[k], en_offers))
        .count();
    (en_slack, ar_slack)
}

/// The concepts of a side's lexical cues, sorted.
fn lexical_concepts(cues: &[(usize, Vec<Cue>)]) -> Vec<u32> {
    let mut v: Vec<u32> = cues
        .iter()
        .flat_map(|(_, cs)| cs.iter())
        .filter(|c| c.strength == Strength::Lexical)
        .flat_map(|c| c.concepts.iter().copied())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A grammatical negation inside a phrase that renders a lexical negative of the other side
/// («ما لم» for "unless": the lexicon knows the phrase; a concept a single word holds, "not"
/// for «غير», does not count) is that rendering, not the negation of a
/// predicate: it becomes a lexical cue with the shared concepts, and pairs off with the other
/// side's cue as lexical negatives do. Where the other side has no such cue the phrase keeps
/// its grammatical count («علم الإنسان ما لم يعلم», "what he knew not").
/// `other_lexical`: the concepts of the other side's lexical cues, sorted.
fn lexicalise<'t>(
    cues: &mut [(usize, Vec<Cue>)],
    toks: impl Fn(usize) -> &'t [Token<'t>],
    concepts: impl Fn(usize) -> &'t [Vec<u32>],
    other_lexical: &[u32],
) {
    if other_lexical.is_empty() {
        return;
    }
    for (i, cs) in cues.iter_mut() {
        let (toks, concepts) = (toks(*i), concepts(*i));
        for c in cs
            .iter_mut()
            .filter(|c| c.strength == Strength::Grammatical)
        {
            // Concepts of a phrase: held by a cue word and a word beside it.
            let in_phrase = |k: usize, x: &u32| {
                (k > 0 && concepts[k - 1].contains(x))
                    || concepts.get(k + 1).is_some_and(|n| n.contains(x))
            };
            // A negative verb is a word of its own: its single-word concepts count.
            let implicative = c.implicative;
            let mut shared: Vec<u32> = (0..toks.len().min(concepts.len()))
                .filter(|&k| toks[k].start < c.end && c.start < toks[k].end)
                .flat_map(|k| {
                    concepts[k]
                        .iter()
                        .filter(move |x| {
                            other_lexical.binary_search(x).is_ok()
                                && (implicative || in_phrase(k, x))
                        })
                        .copied()
                })
                .collect();
            if !shared.is_empty() {
                shared.sort_unstable();
                shared.dedup();
                c.strength = Strength::Lexical;
                c.concepts = shared;
            }
        }
    }
}

/// Whether a side has a lexical negative that may render a predicate's negation: a negative word
/// or a privative, not a restriction.
fn has_lexical_negative(cues: &[(usize, Vec<Cue>)]) -> bool {
    cues.iter()
        .flat_map(|(_, cs)| cs.iter())
        .any(|c| c.strength == Strength::Lexical && !c.restriction)
}

/// A negation of a negative word is affirmative in meaning ("did not rule out" further strikes:
/// they remain possible; «لم ينف» he did not deny: he let it stand), and an affirmative
/// paraphrase renders it. Where the other side has no negative word at all, such a negation is
/// slack, not the negation of a predicate — `at_most` of them: the negations this side has over
/// the other's («ولا يمنع» for "nor blocks" is matched by a negation like any other). Where the other side has one («استبعد» ruled out) it
/// keeps its count, and a dropped negation is still a flip. The negative word must be the one
/// negated: right after the negator, or after one auxiliary or adverb ("cannot be ruled out",
/// "has not yet ruled out", «لا يمكن استبعاد»), not a later verb or a conjunction ("will not
/// reopen unless").
fn affirm_double_negations<'t>(
    cues: &mut [(usize, Vec<Cue>)],
    toks: impl Fn(usize) -> &'t [Token<'t>],
    mut at_most: usize,
    other_offers: &[u32],
) {
    use crate::text::english::NONFINITE_AUXILIARIES;
    // Arabic modals that stand between a negator and the verbal noun it negates.
    const AR_MODALS: &[&str] = &["يمكن", "نستطيع", "يستطيع", "تستطيع", "يجوز", "ينبغي"];
    let in_between = |t: &Token| {
        let w = t.text.to_lowercase();
        AUXILIARIES.contains(&w.as_str())
            || NONFINITE_AUXILIARIES.contains(&w.as_str())
            || matches!(w.as_str(), "yet" | "ever")
            || (w.len() > 4 && w.ends_with("ly"))
            || AR_MODALS.contains(&arabic::normalize(t.text).as_str())
    };
    for (i, cs) in cues.iter_mut() {
        let toks = toks(*i);
        // A negative word the other side renders by its meaning («سنتوقف» for "will not stop")
        // is said there affirmed: its negation is the predicate's.
        let negatives: Vec<usize> = cs
            .iter()
            .filter(|c| c.strength == Strength::Lexical && !c.restriction && !c.privative)
            .filter(|c| {
                !c.concepts
                    .iter()
                    .any(|x| other_offers.binary_search(x).is_ok())
            })
            .map(|c| c.start)
            .collect();
        for c in cs
            .iter_mut()
            .filter(|c| c.strength == Strength::Grammatical)
        {
            let negated = |start: usize| {
                let between: Vec<&Token> = toks
                    .iter()
                    .filter(|t| t.start >= c.end && t.end <= start)
                    .collect();
                between.is_empty() || (between.len() == 1 && in_between(between[0]))
            };
            if at_most > 0 && negatives.iter().any(|&n| n >= c.end && negated(n)) {
                c.strength = Strength::Lexical;
                at_most -= 1;
            }
        }
    }
}

/// A bound verb negated in the past or the future ("its funding has not exceeded 8 percent",
/// «لم تتجاوز … 8%») is the bound the source gives as a restriction ("only 8 percent"), as
/// the present «لا تتجاوز» always is (data/negation.tsv lists the forms with «لا»). Read so only
/// where the source restricts: elsewhere «لم تتجاوز» negates exceeding, and «لم يقل» is "did
/// not say" (the jussive of a hollow verb loses its long vowel, «يقل» for «يقول»).
fn bounds_as_restrictions<'t>(
    cues: &mut [(usize, Vec<Cue>)],
    words: impl Fn(usize) -> (&'t [Token<'t>], &'t [String]),
) {
    for (j, cs) in cues.iter_mut() {
        let (toks, norms) = words(*j);
        for c in cs
            .iter_mut()
            .filter(|c| c.strength == Strength::Grammatical)
        {
            let Some(k) = toks.iter().position(|t| t.start == c.start) else {
                continue;
            };
            let negator = arabic::without_conjunction(&norms[k]);
            let bound = matches!(negator, "لم" | "لن")
                && norms.get(k + 1).is_some_and(|next| {
                    jussive_stems(next).any(|v| role('a', &format!("لا {v}")) == Some(Role::Idiom))
                });
            if bound {
                c.strength = Strength::Lexical;
                c.restriction = true;
            }
        }
    }
}

fn count(cues: &[Cue], s: Strength) -> usize {
    cues.iter().filter(|c| c.strength == s).count()
}

/// A flip the counts leave open (the side with fewer negations holds a spare negative that may
/// render the missing one) settled on the predicate: the side with more grammatical negations
/// negates a word whose rendering the other side affirms (see `polarity`).
fn predicate_flip(
    ctx: &Context,
    en: &[(usize, Vec<Cue>)],
    ar: &[(usize, Vec<Cue>)],
    en_g: usize,
    ar_g: usize,
    part: bool,
) -> Option<(crate::flag::Span, String)> {
    let (en_side, ar_side) = bead_sides(ctx, en, ar, en_g, ar_g);
    let (negating, other) = if en_g > ar_g && !part {
        (&en_side, &ar_side)
    } else if ar_g > en_g {
        (&ar_side, &en_side)
    } else {
        return None;
    };
    let (k, cue, m, x) = polarity::flipped(&negating.sides, &other.sides, ctx.lexicon)?;
    let (s, o) = (negating.cued[k].0, other.cued[m].0);
    let t = &other.sides[m].toks[x];
    let slice = |text: &str, a: usize, b: usize| crate::text::char_slice(text, a, b).to_string();
    Some((
        span(negating.side, s, &negating.texts[s], cue.start, cue.end),
        format!(
            "the {} negates ('{}') a predicate the {} affirms ('{}' without negation; {} negations against {})",
            negating.name,
            slice(&negating.texts[s], cue.start, cue.end),
            other.name,
            slice(&other.texts[o], t.start, t.end),
            negating.negations,
            other.negations,
        ),
    ))
}

/// A restriction of one side ("not … except": only) that the other side gives as an exclusion
/// (the same exceptive with no negation: "all but"): its negation was dropped or added, and the
/// meaning turned over. `part`: the Arabic may render only part of the source, so only a
/// restriction the Arabic adds counts.
fn restriction_flip(
    ctx: &Context,
    en: &[(usize, Vec<Cue>)],
    ar: &[(usize, Vec<Cue>)],
    part: bool,
) -> Option<(crate::flag::Span, String)> {
    let (en_free, ar_free) = unpaired_restrictions(en, ar);
    if en_free == 0 && ar_free == 0 {
        return None;
    }
    let slice = |text: &str, a: usize, b: usize| crate::text::char_slice(text, a, b).to_string();
    // Exclusions of the two sides render each other; only a surplus turns a restriction over.
    let en_ex: Vec<(usize, usize)> = en
        .iter()
        .flat_map(|(i, _)| {
            english_exclusions(&ctx.src[*i], &ctx.words.en(*i).toks)
                .into_iter()
                .map(move |k| (*i, k))
        })
        .collect();
    let ar_ex: Vec<(usize, usize)> = ar
        .iter()
        .flat_map(|(j, cues)| {
            let w = ctx.words.ar(*j);
            arabic_exclusions(&ctx.tgt[*j], &w.toks, &w.norms, cues)
                .into_iter()
                .map(move |k| (*j, k))
        })
        .collect();
    let restriction = |v: &[(usize, Vec<Cue>)]| {
        v.iter().find_map(|(i, cs)| {
            cs.iter()
                .find(|c| c.restriction && !c.affirmative && !c.ambiguous)
                .map(|c| (*i, c.start, c.end))
        })
    };
    if en_free > 0 && !part && ar_ex.len() > en_ex.len() {
        let (i, a, b) = restriction(en)?;
        let (j, k) = ar_ex[0];
        let t = &ctx.words.ar(j).toks[k];
        return Some((
            span(Side::Tgt, j, &ctx.tgt[j], t.start, t.end),
            format!(
                "the source restricts ('{}' … : only) what the Arabic excludes ('{}' with no \
                 negation before it: all but)",
                slice(&ctx.src[i], a, b),
                t.text
            ),
        ));
    }
    if ar_free > 0 && en_ex.len() > ar_ex.len() {
        let (j, a, b) = restriction(ar)?;
        let (i, k) = en_ex[0];
        return Some((
            span(Side::Tgt, j, &ctx.tgt[j], a, b),
            format!(
                "the Arabic restricts ('{}' … : only) what the source excludes ('{}' with no \
                 negation before it: all but)",
                slice(&ctx.tgt[j], a, b),
                ctx.words.en(i).toks[k].text
            ),
        ));
    }
    None
}

/// Likelihood ratio that a negated predicate missing from the Arabic must carry — one over the
/// chance that the document's lexicon misses a rendering (1 − its match rate) — for its negation
/// to count as dropped with its clause rather than flipped: news with a good dictionary (match
/// rates 0.7–0.9) qualifies, a literary text the dictionary barely covers (0.3) does not.
const MIN_DROP_RATIO: f64 = 2.5;

/// Words a clause has at least for its absence to be an omission of its own (a subject or a
/// relative, a verb, its complement: "who was not named"), not a fragment cut at a
/// conjunction ("No U.S. | or Iraqi personnel").
const MIN_CLAUSE_WORDS: usize = 3;

/// The source negations that account for the Arabic's missing ones (`excess`) by being dropped
/// with their predicate and the rest of their clause (nothing of which the Arabic matches, while
/// it matches another clause of the sentence), as omissions of that clause: (sentence, clause
/// start, clause end, predicate). None when the Arabic affirms a negated predicate (a flip), when
/// they do not account for all the missing negations, or when the document's lexicon sees too
/// little for an absent rendering to tell. (A predicate rendered by a word the lexicon does not
/// connect, in a clause whose other words are rendered, is a flip: "could not operate without
/// protection" → «بإمكانها العمل دون حماية».)
fn dropped_clauses<'c>(
    ctx: &'c Context<'c>,
    en: &[(usize, Vec<Cue>)],
    ar: &[(usize, Vec<Cue>)],
    excess: usize,
) -> Option<Vec<(usize, usize, usize, String)>> {
    use crate::align::model::{kind_index, SRC};
    let rate = ctx.model.match_rate[SRC][kind_index(crate::anchors::ItemKind::Term)];
    if rate >= 1.0 || 1.0 / (1.0 - rate) < MIN_DROP_RATIO {
        return None;
    }
    let (en_side, ar_side) = bead_sides(ctx, en, ar, 0, 0);
    if polarity::flipped(&en_side.sides, &ar_side.sides, ctx.lexicon).is_some() {
        return None;
    }
    let dropped = polarity::dropped_with_predicate(&en_side.sides, &ar_side.sides, ctx.lexicon);
    if dropped.len() < excess {
        return None;
    }
    let src: Vec<usize> = en.iter().map(|(i, _)| *i).collect();
    let tgt: Vec<usize> = ar.iter().map(|(j, _)| *j).collect();
    let view = super::support::BeadView::of(ctx, &src, &tgt);
    let mut out = Vec::new();
    for (k, cue, w) in dropped.into_iter().take(excess) {
        let i = en[k].0;
        let tests = view.source_clauses(k);
        let at = tests
            .iter()
            .position(|t| t.clause.start <= cue.start && cue.end <= t.clause.end)?;
        let clause = &tests[at].clause;
        let translated = tests
            .iter()
            .enumerate()
            .any(|(n, t)| n != at && t.matched > 0);
        if tests[at].matched > 0 || clause.words < MIN_CLAUSE_WORDS || !translated {
            return None;
        }
        let predicate = en_side.sides[k].toks[w].text.to_string();
        out.push((i, clause.start, clause.end, predicate));
    }
    Some(out)
}

/// The two sides of a bead as the predicate checks read them.
fn bead_sides<'a>(
    ctx: &'a Context,
    en: &'a [(usize, Vec<Cue>)],
    ar: &'a [(usize, Vec<Cue>)],
    en_g: usize,
    ar_g: usize,
) -> (BeadSide<'a>, BeadSide<'a>) {
    let en_words: Vec<_> = en
        .iter()
        .map(|(i, _)| {
            let w = ctx.words.en(*i);
            (&w.toks[..], &w.concepts[..])
        })
        .collect();
    let ar_words: Vec<_> = ar
        .iter()
        .map(|(j, _)| {
            let w = ctx.words.ar(*j);
            (&w.toks[..], &w.concepts[..])
        })
        .collect();
    let en_side = BeadSide {
        sides: polarity_sides(ctx.src, en, &en_words),
        cued: en,
        texts: ctx.src,
        side: Side::Src,
        name: "source",
        negations: en_g,
    };
    let ar_side = BeadSide {
        sides: polarity_sides(ctx.tgt, ar, &ar_words),
        cued: ar,
        texts: ctx.tgt,
        side: Side::Tgt,
        name: "Arabic",
        negations: ar_g,
    };
    (en_side, ar_side)
}

/// One side of a bead for the predicate check: its sentences as `polarity` reads them, their
/// indices and cues, the document's texts of that side, and how the reason names it.
struct BeadSide<'a> {
    sides: Vec<polarity::Side<'a, 'a>>,
    cued: &'a [(usize, Vec<Cue>)],
    texts: &'a [String],
    side: Side,
    name: &'static str,
    negations: usize,
}

/// One side of a bead as the predicate check reads it: each sentence's text, tokens, concepts
/// and negation cues.
fn polarity_sides<'a>(
    texts: &'a [String],
    cued: &'a [(usize, Vec<Cue>)],
    analysed: &[(&'a [crate::text::tokens::Token<'a>], &'a [Vec<u32>])],
) -> Vec<polarity::Side<'a, 'a>> {
    cued.iter()
        .zip(analysed)
        .map(|((i, cues), &(toks, concepts))| polarity::Side {
            sentence: &texts[*i],
            toks,
            concepts,
            cues,
        })
        .collect()
}

/// `moved_parts`: sentences giving part of a source sentence away from its place (see `reorder`).
pub fn detect(ctx: &Context, moved_parts: &[crate::align::Move]) -> Vec<Flag> {
    let mut out = Vec::new();
    let pairs = ctx
        .beads
        .iter()
        .filter(|b| !b.is_null() && b.score >= 0.5)
        .map(|b| {
            // A part of the source given elsewhere still renders it: its negations count with
            // the bead's.
            let mut tgt = b.tgt.clone();
            tgt.extend(super::reorder::moved_parts_of(moved_parts, &b.src));
            (b.src.clone(), tgt, false)
        })
        .chain(
            ctx.moves
                .iter()
                .filter(|m| m.score >= 0.5)
                .map(|m| (vec![m.src], vec![m.tgt], m.repeat)),
        );
    // `part`: the Arabic sentence may give only part of the source sentence (a repeat: the path
    // renders the source too), so only a negation the Arabic adds is a flip.
    for (src, tgt, part) in pairs {
        let mut en: Vec<(usize, Vec<Cue>)> = src
            .iter()
            .map(|&i| (i, english(&ctx.src[i], &ctx.words.en(i).toks, ctx.lexicon)))
            .collect();
        let mut ar: Vec<(usize, Vec<Cue>)> = tgt
            .iter()
            .map(|&j| {
                let w = ctx.words.ar(j);
                (j, arabic(&ctx.tgt[j], &w.toks, &w.norms, ctx.lexicon))
            })
            .collect();
        let (en_lexical, ar_lexical) = (lexical_concepts(&en), lexical_concepts(&ar));
        let (src_offers, tgt_offers) = (
            crate::anchors::offers_of(&ctx.anchors.src, &src),
            crate::anchors::offers_of(&ctx.anchors.tgt, &tgt),
        );
        // Only the negations one side has over the other's can be double negations rendered
        // by an affirmative.
        let grammatical = |v: &[(usize, Vec<Cue>)]| -> usize {
            v.iter().map(|(_, c)| count(c, Strength::Grammatical)).sum()
        };
        let (en_over, ar_over) = (
            grammatical(&en).saturating_sub(grammatical(&ar)),
            grammatical(&ar).saturating_sub(grammatical(&en)),
        );
        if en_over > 0 && !has_lexical_negative(&ar) {
            affirm_double_negations(&mut en, |i| &ctx.words.en(i).toks, en_over, &tgt_offers);
        }
        if ar_over > 0 && !has_lexical_negative(&en) {
            affirm_double_negations(&mut ar, |j| &ctx.words.ar(j).toks, ar_over, &src_offers);
        }
        if en.iter().flat_map(|(_, c)| c).any(|c| c.restriction) {
            bounds_as_restrictions(&mut ar, |j| {
                let w = ctx.words.ar(j);
                (&w.toks[..], &w.norms[..])
            });
        }
        lexicalise(
            &mut en,
            |i| &ctx.words.en(i).toks,
            |i| &ctx.words.en(i).concepts,
            &ar_lexical,
        );
        lexicalise(
            &mut ar,
            |j| &ctx.words.ar(j).toks,
            |j| &ctx.words.ar(j).concepts,
            &en_lexical,
        );
        // A negative verb of the source may be rendered by a negative verb the lexicon does not
        // tie to it («تقاعست عن» for "failed to"): where the Arabic holds a lexical negative,
        // the source's negative verbs count as lexical too, and pair off with it.
        if has_lexical_negative(&ar) {
            for c in en.iter_mut().flat_map(|(_, cs)| cs.iter_mut()) {
                if c.implicative {
                    c.strength = Strength::Lexical;
                }
            }
        }
        let total = |v: &[(usize, Vec<Cue>)], s: Strength| -> usize {
            v.iter().map(|(_, c)| count(c, s)).sum()
        };
        let (en_g, ar_g) = (
            total(&en, Strength::Grammatical),
            total(&ar, Strength::Grammatical),
        );
        // Lexical negatives that render each other or another word pair off; the rest are the
        // slack that may render a grammatical negation.
        let (en_l, ar_l) = slack(&en, &ar, &src_offers, &tgt_offers);
        // A side with no negation left at all is a flip a reader sees; two counts of several
        // negations that differ by one may be a counting slip in a long sentence.
        let severity = if en_g.min(ar_g) == 0 {
            Severity::High
        } else {
            Severity::Medium
        };
        if en_g > ar_g + ar_l && !part {
            if let Some(clauses) = dropped_clauses(ctx, &en, &ar, en_g - (ar_g + ar_l)) {
                for (i, start, end, predicate) in clauses {
                    let text = &ctx.src[i];
                    out.push(Flag {
                        kind: FlagKind::Omission,
                        subkind: Some("clause".into()),
                        severity: Severity::Medium,
                        src: vec![i],
                        tgt: tgt.clone(),
                        span: Some(span(Side::Src, i, text, start, end)),
                        reason: format!(
                            "'{}' has no counterpart in the Arabic: neither its negation nor \
                             its predicate ('{predicate}') is rendered",
                            crate::text::char_slice(text, start, end)
                        ),
                    });
                }
                continue;
            }
        }
        let (span_, reason) = if en_g > ar_g + ar_l && !part {
            // The source negates a predicate the Arabic affirms.
            let Some((i, c)) = en.iter().find_map(|(i, cs)| {
                cs.iter()
                    .find(|c| c.strength == Strength::Grammatical)
                    .map(|c| (*i, (c.start, c.end)))
            }) else {
                continue;
            };
            (
                span(Side::Src, i, &ctx.src[i], c.0, c.1),
                format!(
                    "the source negates ('{}') a predicate the Arabic affirms ({en_g} negations against {ar_g})",
                    crate::text::char_slice(&ctx.src[i], c.0, c.1)
                ),
            )
        } else if ar_g > en_g + en_l {
            let Some((j, c)) = ar.iter().rev().find_map(|(j, cs)| {
                cs.iter()
                    .rev()
                    .find(|c| c.strength == Strength::Grammatical)
                    .map(|c| (*j, (c.start, c.end)))
            }) else {
                continue;
            };
            (
                span(Side::Tgt, j, &ctx.tgt[j], c.0, c.1),
                format!(
                    "the Arabic negates ('{}') a predicate the source affirms ({ar_g} negations against {en_g})",
                    crate::text::char_slice(&ctx.tgt[j], c.0, c.1)
                ),
            )
        } else if let Some(found) = predicate_flip(ctx, &en, &ar, en_g, ar_g, part) {
            found
        } else if let Some(found) = restriction_flip(ctx, &en, &ar, part) {
            found
        } else {
            continue;
        };
        out.push(Flag {
            kind: FlagKind::NegationFlip,
            subkind: None,
            severity,
            src,
            tgt,
            span: Some(span_),
            reason,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    #[test]
    fn an_exceptive_closes_a_negation_only_within_its_clause() {
        let s = "They will not come except at night. Nobody goes, except them";
        let toks = tokenize(s);
        let marks = MarksBefore::new(s, &toks, |c| c == '.');
        let except: Vec<usize> = (0..toks.len())
            .filter(|&k| toks[k].text == "except")
            .collect();
        assert!(marks.closed_by_next(2, &except)); // not … except
        assert!(!marks.closed_by_next(6, &except[1..])); // night . … except
        assert!(marks.closed_by_next(7, &except)); // Nobody goes, except: a comma is no mark here
        assert!(!marks.closed_by_next(10, &except)); // nothing after the last word
    }

    fn strengths(c: &[Cue]) -> (usize, usize) {
        (count(c, Strength::Grammatical), count(c, Strength::Lexical))
    }

    fn english(s: &str) -> Vec<Cue> {
        super::english(s, &tokenize(s), Lexicon::builtin())
    }

    fn arabic(s: &str) -> Vec<Cue> {
        let toks = tokenize(s);
        let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
        super::arabic(s, &toks, &norms, Lexicon::builtin())
    }

    #[test]
    fn without_any_denies_as_no_does() {
        // «دون أي» denies that a thing exists: a grammatical negation, as "no"; «دون» alone
        // ("without", "below") stays lexical slack.
        assert_eq!(
            strengths(&arabic("اتخذ القرار من دون أي تنسيق مع الحكومة.")),
            (1, 0)
        );
        assert_eq!(strengths(&arabic("وصلت السفينة بدون أي حوادث.")), (1, 0));
        assert_eq!(
            strengths(&arabic("اتخذ القرار دون تنسيق مع الحكومة.")),
            (0, 1)
        );
    }

    #[test]
    fn arabic_not_only_but_adds() {
        // "not only … but also": no negation, as the English idiom "not only".
        for s in [
            "وقال إن الهجمات لا تهدد الملاحة وحدها، بل الاقتصاد العالمي بأسره.",
            "ولا يقتصر الدعم على المال فقط بل يشمل التدريب.",
            "لم تكن الزيارة سياسية فحسب، وإنما اقتصادية أيضا.",
        ] {
            assert_eq!(strengths(&arabic(s)), (0, 0), "{s}");
        }
        // A negation with no "only … but" after it still counts, and so does one whose clause
        // ends before the "only".
        assert_eq!(
            strengths(&arabic("لا تهدد الهجمات الملاحة، بل تعرقلها.")).0,
            1
        );
        assert_eq!(
            strengths(&arabic("لم يصل الوفد. وصل الوزير وحده، بل ومعه مستشاروه.")).0,
            1
        );
    }

    #[test]
    fn english_cues() {
        assert_eq!(
            strengths(&english("The convoy did not reach the port.")),
            (1, 0)
        );
        assert_eq!(strengths(&english("They won't and can't return.")), (2, 0));
        assert_eq!(
            strengths(&english("Neither the army nor the police took part.")),
            (1, 1)
        );
        assert_eq!(
            strengths(&english("It trains not only pilots but also mechanics.")),
            (0, 0)
        );
        assert_eq!(
            strengths(&english("Oman is a major non-NATO partner.")),
            (0, 1)
        );
        assert_eq!(
            strengths(&english("They left without their equipment.")),
            (0, 1)
        );
        assert_eq!(
            strengths(&english("There is no shelter and no water in the camp.")),
            (1, 1)
        );
        assert_eq!(
            strengths(&english(
                "The transfer was unlawful and the crew was unarmed."
            )),
            (0, 2)
        );
        assert_eq!(
            strengths(&english("Investigators shared their information.")),
            (0, 0)
        );
        assert_eq!(
            strengths(&english("The ministry has not ruled out new measures.")),
            (1, 1)
        );
    }

    #[test]
    fn arabic_cues() {
        assert_eq!(strengths(&arabic("لم تصل القافلة إلى الميناء")), (1, 0));
        assert_eq!(strengths(&arabic("لا تزال القوات في مواقعها")), (0, 0));
        // Privative غير and nominal عدم are lexical.
        assert_eq!(strengths(&arabic("نقل الأسلحة غير القانوني")), (0, 1));
        assert_eq!(strengths(&arabic("حذر من عدم الاستقرار")), (0, 1));
        // Verbs that mean not knowing or lacking are lexical negatives: "do not know" «تجهل».
        assert_eq!(strengths(&arabic("ولا تزال الأسر تجهل مكان أبنائها")), (0, 1));
        assert_eq!(strengths(&arabic("ويفتقر المستشفى إلى الوقود")), (0, 1));
        // لا ... إلا is a restriction.
        assert_eq!(strengths(&arabic("لا يدخلها إلا المفتشون")), (0, 1));
        // لا ... ولا counts once.
        assert_eq!(
            strengths(&arabic("لا الجيش ولا الشرطة شارك في العملية")),
            (1, 1)
        );
        assert_eq!(strengths(&arabic("غير أن الوفد غادر")), (0, 0));
        // Two prohibitions joined by ولا are two negations.
        assert_eq!(
            strengths(&arabic("لا تغادروا المدينة ولا تقتربوا من الحدود")),
            (2, 0)
        );
        // «ألّا» (that ... not) is slack; «إلا» (except) makes the negation a restriction.
        assert_eq!(strengths(&arabic("دعا الطرفين ألا يستخدما القوة")), (0, 1));
        // An interrogative negation is slack.
        assert_eq!(strengths(&arabic("ألم يعلنوا الهدنة")), (0, 1));
        // إلا in another clause does not restrict the negation (the ambiguous ما is slack).
        assert_eq!(strengths(&arabic("لا نطلب أجرا، وما هو إلا تذكير")), (1, 1));
    }

    #[test]
    fn relative_ma_is_no_negation() {
        // Inside its clause, before an imperfect verb or a preposition, «ما» is "what".
        assert_eq!(strengths(&arabic("نشر الجيش ما يملك من معدات")), (0, 0));
        assert_eq!(
            strengths(&arabic("رصدت الطائرات ما في الميناء من سفن")),
            (0, 0)
        );
        assert_eq!(strengths(&arabic("سنراقب ما تفعلون")), (0, 0));
        // Opening a clause, after a verb of saying, or before a perfect verb it may negate.
        assert_eq!(strengths(&arabic("وما وصلت المساعدات إلى المدينة")), (0, 1));
        assert_eq!(strengths(&arabic("قال المتحدث ما وصلت المساعدات")), (0, 1));
        assert_eq!(
            strengths(&arabic("لو انتظروا يوما ما وصلت المساعدات")),
            (0, 1)
        );
        // A perfect verb may open with ن or ت: without the plural ending it stays ambiguous.
        assert_eq!(strengths(&arabic("الوفد ما نقل الرسالة")), (0, 1));
    }

    #[test]
    fn an_answering_no_negates_no_predicate() {
        assert_eq!(
            strengths(&english("No, the convoy reached the port.")),
            (0, 1)
        );
        assert_eq!(strengths(&english("The convoy met no resistance.")), (1, 0));
        assert_eq!(strengths(&english("It holds no [real] power.")), (1, 0));
    }

    #[test]
    fn bighayr_is_the_arabic_without() {
        // «بغير» ("without") renders "without": neither is left as a spare negation.
        let en = english("They raised the wall without pillars.");
        let ar = arabic("رفعوا الجدار بغير أعمدة.");
        assert_eq!(strengths(&ar), (0, 1));
        assert_eq!(slack(&[(0, en)], &[(0, ar)], &[], &[]), (0, 0));
    }

    #[test]
    fn without_before_a_verb_negates_its_predicate() {
        // "without" / «دون أن» before a verb negate it ("and did not meet"); before a noun they
        // are privatives, free in translation.
        assert_eq!(
            strengths(&english("The convoy crossed without meeting resistance.")),
            (1, 0)
        );
        assert_eq!(
            strengths(&english("The convoy crossed without delay.")),
            (0, 1)
        );
        assert_eq!(
            strengths(&arabic("وعبرت القافلة دون أن تواجه مقاومة.")),
            (1, 0)
        );
        assert_eq!(
            strengths(&arabic("وعبرت القافلة من دون أن تواجه مقاومة.")),
            (1, 0)
        );
        assert_eq!(strengths(&arabic("وعبرت القافلة دون تأخير.")), (0, 1));
        let en = "Deliveries average 585 trucks a day, meeting the target agreed by the parties.";
        assert_eq!(
            flips(
                en,
                "ويبلغ متوسط الشاحنات 585 شاحنة يوميا، دون أن يصل إلى الهدف المتفق عليه."
            )
            .len(),
            1
        );
        assert!(flips(
            "The convoy crossed without meeting any resistance.",
            "وعبرت القافلة دون أن تواجه أي مقاومة."
        )
        .is_empty());
        assert!(flips(
            "The convoy crossed without meeting any resistance.",
            "وعبرت القافلة دون مواجهة أي مقاومة."
        )
        .is_empty());
    }

    #[test]
    fn a_privative_used_as_a_noun_negates_nothing() {
        assert_eq!(
            strengths(&english("They seized the unlawful shipment of arms.")),
            (0, 1)
        );
        assert_eq!(
            strengths(&english("The court will punish the unlawful.")),
            (0, 0)
        );
        assert_eq!(
            strengths(&english("He knows the unlawful and the lawful.")),
            (0, 0)
        );
    }

    #[test]
    fn un_before_a_short_word_is_no_prefix() {
        let lex = Lexicon::builtin();
        assert!(!is_privative("until", lex));
        assert!(!is_privative("under", lex));
        // un- before a known word of four letters or more negates it.
        assert!(is_privative("undeclared", lex));
        assert!(is_privative("unconfirmed", lex));
    }

    #[test]
    fn a_prefix_on_an_adjective_of_the_same_ending_negates_it() {
        let lex = Lexicon::from_pairs(
            [
                ("consistent", "ثابت"),
                ("inconsistent", "متناقض"),
                ("loyal", "مخلص"),
                ("disloyal", "خائن"),
                ("secure", "آمن"),
                ("insecure", "الغير آمن"),
                ("corporate", "شركة"),
                ("incorporate", "أدمج"),
                ("tent", "خيمة"),
                ("intent", "نية"),
            ]
            .map(|(e, a)| (e.to_string(), a.to_string())),
        );
        assert!(is_privative("inconsistent", &lex));
        assert!(is_privative("disloyal", &lex));
        // A rendering that opens with the negator under its article: «الغير آمن».
        assert!(is_privative("insecure", &lex));
        assert!(!is_privative("incorporate", &lex));
        assert!(!is_privative("intent", &lex));
    }

    #[test]
    fn restrictions_and_privatives_pair_across_languages() {
        let en = english("Only the inspectors may enter the unlawful depots.");
        let ar = arabic("لا يدخل المستودعات غير الشرعية إلا المفتشون.");
        assert!(en.iter().any(|c| c.restriction) && en.iter().any(|c| c.privative));
        assert!(ar.iter().any(|c| c.restriction) && ar.iter().any(|c| c.privative));
        let (en_slack, ar_slack) = slack(&[(0, en)], &[(0, ar)], &[], &[]);
        assert_eq!((en_slack, ar_slack), (0, 0));
    }

    #[test]
    fn lexicalised_negative_attributes_are_slack() {
        // «لا غنى عنه» "indispensable", «جزء لا يتجزأ» "integral": one adjective, negative in form.
        assert_eq!(
            strengths(&arabic("الأردن شريك لا غنى عنه في حماية الحدود")),
            (0, 1)
        );
        assert_eq!(strengths(&arabic("التدريب جزء لا يتجزأ من الخطة")), (0, 1));
        // A negated verb after a noun is still a negation.
        assert_eq!(strengths(&arabic("الوزارة لا تعلق على التقارير")), (1, 0));
        // English privative adjectives whose base the lexicon does not know.
        for w in [
            "indispensable",
            "inseparable",
            "unthinkable",
            "irreversible",
            "countless",
        ] {
            assert_eq!(strengths(&english(&format!("It is {w}."))), (0, 1), "{w}");
        }
        for w in ["imaginable", "understandable", "nevertheless", "unless"] {
            assert!(!privative_adjective(w), "{w}");
        }
        // Either renders the other, and neither is a flip against an affirmative sentence.
        let en = english("Jordan is an indispensable partner in protecting the border.");
        let ar = arabic("الأردن شريك لا غنى عنه في حماية الحدود.");
        assert_eq!(slack(&[(0, en)], &[(0, ar)], &[], &[]), (0, 0));
    }

    #[test]
    fn a_lexical_negative_that_renders_a_word_is_not_slack() {
        // «منع» renders "block" here: it cannot absorb the dropped "cannot".
        let ar = arabic("وتستطيع الوكالات الوصول حيث تواصل الحركة منع القوافل.");
        let en =
            english("Agencies cannot reach the area, where the group continues to block convoys.");
        let block: Vec<u32> = ar.iter().flat_map(|c| c.concepts.clone()).collect();
        assert!(!block.is_empty());
        let mut en_offers = block.clone();
        en_offers.sort_unstable();
        let (_, ar_slack) = slack(&[(0, en.clone())], &[(0, ar.clone())], &en_offers, &[]);
        assert_eq!(ar_slack, 0);
        let (_, ar_slack) = slack(&[(0, en)], &[(0, ar)], &[], &[]);
        assert_eq!(ar_slack, 1);
    }

    #[test]
    fn a_negation_after_comma_and_is_a_clause_of_its_own() {
        // Two predicates negated: both count.
        let c = english("No one was hurt in the storm, and no boats were lost.");
        assert_eq!(strengths(&c), (2, 0));
        // One predicate, two negated nouns: one.
        let c = english("They found no fuel and no food in the depot.");
        assert_eq!(strengths(&c), (1, 1));
        // Without the comma: a finite verb on each side of "and no" makes two predicates.
        let c = english("No civilians were harmed and no buildings were destroyed.");
        assert_eq!(strengths(&c), (2, 0));
        let c = english("There was no water and no power in the camp.");
        assert_eq!(strengths(&c), (1, 1));
    }

    #[test]
    fn negative_questions_and_inverted_conditions_are_slack() {
        assert_eq!(
            strengths(&english("So will you not leave the city")),
            (0, 1)
        );
        assert_eq!(
            strengths(&english("Has there not been enough delay?")),
            (0, 1)
        );
        assert_eq!(
            strengths(&english("Why was the report not published?")),
            (0, 1)
        );
        assert_eq!(
            strengths(&english(
                "Had it not been for the rain, they would have left."
            )),
            (0, 1)
        );
        assert_eq!(strengths(&english("Won't they sign the accord?")), (0, 1));
        // A declarative negation after a subject still counts.
        assert_eq!(
            strengths(&english("They will not sign the accord.")),
            (1, 0)
        );
        assert_eq!(
            strengths(&english("The envoy said he would not attend.")),
            (1, 0)
        );
    }

    #[test]
    fn a_negative_quantifier_with_but_is_a_restriction() {
        // "no one ... but X" is "only X".
        let c = english("No one attended the meeting but the two envoys.");
        assert_eq!(strengths(&c), (0, 1));
        assert!(c[0].restriction);
        assert_eq!(
            strengths(&english("There is no route other than the coast road.")),
            (0, 1)
        );
        // After a comma "but" opens a clause: the negation stands.
        assert_eq!(
            strengths(&english("No one was hurt, but the depot burned.")),
            (1, 0)
        );
        // "not X but Y" is a contrast.
        assert_eq!(
            strengths(&english("They sought not war but a truce.")),
            (1, 0)
        );
    }

    #[test]
    fn two_word_forms_do_not_span_punctuation() {
        // "not, but" is a negation followed by a contrast, not "not but" ("only").
        assert_eq!(
            strengths(&english("The radar sees it not, but the crew does.")),
            (1, 0)
        );
        assert_eq!(
            strengths(&english("The talks will not cease until spring.")),
            (0, 1)
        );
        // «لا، شك» across a comma is a negation: «لا شك» only when joined.
        assert_eq!(strengths(&arabic("لا شك أن الهدنة صامدة")), (0, 0));
    }

    #[test]
    fn negated_doubt_and_negative_conditionals() {
        assert_eq!(strengths(&arabic("لا ريب أن الاتفاق سيصمد")), (0, 0));
        // «لولا» "if not for": slack that renders the source's "not".
        assert_eq!(strengths(&arabic("ولولا الوساطة لانهارت الهدنة")), (0, 1));
    }

    #[test]
    fn ma_of_duration_is_no_negation() {
        // «ما دامت» "as long as": the ما is not a negator.
        let c = arabic("ستبقى القوات ما دامت المهمة قائمة.");
        assert_eq!(strengths(&c), (0, 0));
    }

    #[test]
    fn ma_is_a_negation_only_where_it_can_be_one() {
        // «ما ... إلا»: a restriction, as «لا ... إلا» is.
        let c = arabic("ما كان للوفد أن يغادر إلا بإذن");
        assert_eq!(strengths(&c), (0, 1));
        assert!(c[0].restriction && !c[0].affirmative);
        // Joined to a preposition, or right before another negator, it is the relative "what".
        assert_eq!(strengths(&arabic("أبلغ الوزير الصحفيين بما جرى")), (0, 0));
        assert_eq!(strengths(&arabic("يقولون ما لا يفعلون")), (1, 0));
        // «ولا» before a noun continues the negation opened by «ما».
        assert_eq!(strengths(&arabic("ما حضر الوزير ولا مساعده")), (0, 2));
    }

    #[test]
    fn an_exceptive_restricts_a_negation_of_its_own_sentence_only() {
        let c = english("They did not stay. Was anyone there but the guards?");
        assert_eq!(strengths(&c), (1, 0));
        let c = english("They did not stay except for one night.");
        assert_eq!(strengths(&c), (0, 1));
    }

    /// Kinds and spans of the flags of a document aligned one to one (built-in glossary).
    fn flags_of(en: &[&str], ar: &[&str]) -> Vec<(FlagKind, String)> {
        crate::flag::with_parallel_beads(Lexicon::builtin(), en, ar, |ctx| detect(ctx, &[]))
            .into_iter()
            .map(|f| (f.kind, f.span.map(|s| s.text).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_negated_comparison_is_a_superlative() {
        // (grammatical, lexical): the negation of a comparison that says "the most" is slack.
        for en in [
            "No partner in the Gulf hosts a larger air presence than Qatar.",
            "Nothing is more important to us than the safety of our sailors.",
            "Ties between the two navies have never been stronger than they are today.",
        ] {
            assert_eq!(strengths(&english(en)), (0, 1), "{en}");
        }
        // A figure after "than" makes a bound; "not" compares two things.
        assert_eq!(
            strengths(&english("No more than 40 soldiers took part.")).0,
            1
        );
        assert_eq!(
            strengths(&english("The new base is not larger than the old one.")).0,
            1
        );
        for ar in [
            "لم تكن العلاقات بين البلدين أقوى مما هي عليه اليوم.",
            "لا يوجد شريك في الخليج يستضيف وجودا أكبر من قطر.",
        ] {
            assert_eq!(strengths(&arabic(ar)), (0, 1), "{ar}");
        }
        assert_eq!(strengths(&arabic("لم يشارك أكثر من 40 جنديا.")).0, 1);
        // "More than that" is a degree the clause names ("any longer"), not a comparison.
        assert_eq!(
            strengths(&arabic(
                "لا يمكن للمزارعين أن يصبروا أكثر من ذلك على الجفاف."
            ))
            .0,
            1
        );
        assert_eq!(
            strengths(&arabic("العلاقات ليست أقوى من علاقات الجيران.")).0,
            1
        );
        // In a bead: the superlative renders the negated comparison; a plain affirmation of
        // the comparison would not ("no partner" → "a partner hosts a larger …" is a flip).
        let en = "No partner in the Gulf hosts a larger air presence than Qatar, the envoy said.";
        let superlative = "وقال المبعوث إن قطر تستضيف أكبر وجود جوي بين الشركاء في الخليج.";
        assert!(flags_of(&[en], &[superlative]).is_empty());
    }

    #[test]
    fn a_negated_verb_of_opinion_may_be_rendered_by_a_negated_complement() {
        let flips = |en: &str, ar: &str| {
            flags_of(
                &[en, "The statement was issued in Amman."],
                &[ar, "وصدر البيان في عمّان."],
            )
            .into_iter()
            .filter(|(k, _)| *k == FlagKind::NegationFlip)
            .count()
        };
        let en = "The envoy does not consider the current arrangement sustainable.";
        // "considers it unsustainable": the negation moved into the complement.
        assert_eq!(flips(en, "ويعتبر المبعوث الترتيب الحالي غير مستدام."), 0);
        // Nothing negated at all: a flip.
        assert_eq!(flips(en, "ويعتبر المبعوث الترتيب الحالي مستداما."), 1);
        // A verb that raises no negation: "did not sign the unlawful order" is no "signed".
        let en = "The commander did not sign the order to expand the patrols.";
        assert_eq!(
            flips(en, "ووقع القائد على الأمر غير القانوني بتوسيع الدوريات."),
            1
        );
    }

    #[test]
    fn a_bound_negated_in_the_past_renders_a_restriction() {
        let doc = |en: &str, ar: &str| {
            flags_of(
                &[en, "The report was released in Geneva on Friday."],
                &[ar, "وصدر التقرير في جنيف يوم الجمعة."],
            )
        };
        let flips = |f: Vec<(FlagKind, String)>| {
            f.into_iter()
                .filter(|(k, _)| *k == FlagKind::NegationFlip)
                .count()
        };
        // "only": the negated bound is the restriction.
        let only = "The plan is only 40 percent funded, the agency said.";
        let bound = "وقالت الوكالة إن تمويل الخطة لم يتجاوز 40 في المئة.";
        assert_eq!(flips(doc(only, bound)), 0);
        // No restriction in the source: «لم يتجاوز» negates exceeding.
        let exceeded = "The agency said funding for the plan exceeded 40 percent.";
        assert_eq!(flips(doc(exceeded, bound)), 1);
        // The jussive of a hollow verb: «لم يزد» (did not exceed) beside "only".
        let only = "The agency said only 12 trucks entered the city.";
        let bound = "وقالت الوكالة إن عدد الشاحنات التي دخلت المدينة لم يزد على 12 شاحنة.";
        assert_eq!(flips(doc(only, bound)), 0);
    }

    #[test]
    fn a_negated_negative_rendered_as_an_affirmative_is_no_flip() {
        let en = [
            "Navy officials did not rule out further inspections of the port.",
            "The harbor master met the inspectors on Friday.",
        ];
        let open = [
            "وأبقى مسؤولو البحرية الباب مفتوحا أمام عمليات تفتيش أخرى للميناء.",
            "والتقى مدير الميناء المفتشين يوم الجمعة.",
        ];
        assert!(!flags_of(&en, &open)
            .iter()
            .any(|(k, _)| *k == FlagKind::NegationFlip));
        // The negative word kept and its negation dropped: a flip.
        let closed = [
            "واستبعد مسؤولو البحرية عمليات تفتيش أخرى للميناء.",
            "والتقى مدير الميناء المفتشين يوم الجمعة.",
        ];
        assert!(flags_of(&en, &closed)
            .iter()
            .any(|(k, _)| *k == FlagKind::NegationFlip));
    }

    #[test]
    fn a_negation_dropped_with_its_whole_clause_is_an_omission_not_a_flip() {
        let en = [
            "The minister met the delegation in Doha on Monday.",
            "The two sides discussed security cooperation and the joint exercise.",
            "The spokesman, who did not confirm the report, said the talks would continue next week.",
        ];
        let mut ar = [
            "التقى الوزير الوفد في الدوحة يوم الاثنين.",
            "وناقش الجانبان التعاون الأمني والتمرين المشترك.",
            "وقال المتحدث إن المحادثات ستستمر الأسبوع المقبل.",
        ];
        assert_eq!(
            flags_of(&en, &ar),
            vec![(
                FlagKind::Omission,
                "who did not confirm the report".to_string()
            )]
        );
        // The clause is there, its predicate affirmed: a flip.
        ar[2] = "وقال المتحدث، الذي أكد التقرير، إن المحادثات ستستمر الأسبوع المقبل.";
        let got = flags_of(&en, &ar);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, FlagKind::NegationFlip);
    }

    fn flips(en: &str, ar: &str) -> Vec<Flag> {
        crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], |ctx| detect(ctx, &[]))
    }

    #[test]
    fn a_negative_implicative_verb_denies_its_complement() {
        let en =
            "The fishing boat was searched after its crew failed to answer the patrol's calls.";
        // The complement affirmed: "answered the calls".
        let got = flips(
            en,
            "وجرى تفتيش قارب الصيد بعدما أجاب طاقمه على نداءات الدورية.",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].span.as_ref().map(|s| s.text.as_str()),
            Some("failed to")
        );
        // Rendered with «لم», with the verb «فشل», or with another negative verb: no flip.
        for same in [
            "وجرى تفتيش قارب الصيد بعدما لم يجب طاقمه على نداءات الدورية.",
            "وجرى تفتيش قارب الصيد بعدما فشل طاقمه في الرد على نداءات الدورية.",
            "وجرى تفتيش قارب الصيد بعدما تجاهل طاقمه نداءات الدورية.",
        ] {
            assert!(flips(en, same).is_empty(), "{same}");
        }
        // Under a negation of its own, rendered by a negative verb the lexicon does not tie to it.
        assert!(flips(
            "The inquiry found no evidence that the guards failed to report the breach.",
            "ولم يجد التحقيق أي دليل على أن الحراس تقاعسوا عن الإبلاغ عن الاختراق."
        )
        .is_empty());
        let en = "The ministry refused to name the companies involved.";
        assert_eq!(flips(en, "وكشفت الوزارة أسماء الشركات المعنية.").len(), 1);
        assert!(flips(en, "ورفضت الوزارة الكشف عن أسماء الشركات المعنية.").is_empty());
    }

    #[test]
    fn a_bare_la_before_a_noun_in_a_negated_clause_distributes_the_negation() {
        // «لم … لا X ولا Y»: one negated predicate, as "Neither X nor Y could".
        assert_eq!(
            strengths(&arabic("لم يحضر لا الوزير ولا مساعده الاجتماع.")),
            (1, 2)
        );
        assert!(flips(
            "Neither the minister nor his assistant attended the meeting.",
            "لم يحضر لا الوزير ولا مساعده الاجتماع."
        )
        .is_empty());
        // Before a verb, or in a clause of its own, «لا» negates a predicate of its own.
        assert_eq!(strengths(&arabic("لم يحضر الوزير، لا يريد ذلك.")), (2, 0));
    }

    #[test]
    fn a_coordinated_negation_may_negate_one_predicate_or_one_per_conjunct() {
        // "neither … nor" over two verbs: the Arabic negates each verb.
        assert!(flips(
            "The new rule does not affect students, and it neither raises fees nor delays exams.",
            "ولا تمس القاعدة الجديدة الطلاب، فهي لا ترفع الرسوم ولا تؤخر الامتحانات."
        )
        .is_empty());
        // Over two nouns: one negation in Arabic too.
        assert!(flips(
            "Neither the mayor nor his deputy signed the contract.",
            "لم يوقع العقد لا رئيس البلدية ولا نائبه."
        )
        .is_empty());
        // The slack renders a negation; it never hides one the Arabic drops altogether.
        assert!(!flips(
            "The company neither confirmed nor denied the report.",
            "أكدت الشركة التقرير."
        )
        .is_empty());
        // After a subject or a modal, "neither … nor" coordinates verbs, each negated: a
        // negation the Arabic drops from one of them is a flip.
        assert_eq!(
            strengths(&english(
                "The rule does not affect students, and it neither raises fees nor delays exams."
            )),
            (3, 0)
        );
        assert!(!flips(
            "The new rule does not affect students, and it neither raises fees nor delays exams.",
            "ولا تمس القاعدة الجديدة الطلاب، فهي لا ترفع الرسوم وتؤخر الامتحانات."
        )
        .is_empty());
        assert_eq!(
            strengths(&english(
                "The ministry will neither confirm nor discuss the report."
            )),
            (2, 0)
        );
        // "nor" with an inverted auxiliary opens a predicate of its own: dropping it is a flip.
        assert_eq!(
            strengths(&english(
                "The envoy did not attend, nor did he send a deputy."
            )),
            (2, 0)
        );
        assert!(!flips(
            "The envoy did not attend, nor did he send a deputy.",
            "لم يحضر المبعوث، وأرسل نائبا عنه."
        )
        .is_empty());
    }

    #[test]
    fn a_negation_inside_the_rendering_of_unless_is_that_rendering() {
        let en =
            "The embassy will not reopen unless the government guarantees the safety of its staff.";
        // «ما لم» renders "unless"; «لن» renders "will not".
        let faithful = flips(
            en,
            "لن تعيد السفارة فتح أبوابها ما لم تضمن الحكومة سلامة موظفيها.",
        );
        assert!(faithful.is_empty(), "{faithful:?}");
        // The main negation gone: the «لم» of «ما لم» does not stand in for it.
        let f = flips(
            en,
            "ستعيد السفارة فتح أبوابها ما لم تضمن الحكومة سلامة موظفيها.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FlagKind::NegationFlip);
        assert_eq!(f[0].severity, Severity::High);
        // Without "unless" on the other side, «ما لم» keeps its own count ("what … not").
        assert!(flips(
            "The teacher taught the children what they did not know.",
            "علّم المعلم الأطفال ما لم يعلموا."
        )
        .is_empty());
    }

    #[test]
    fn a_restriction_given_as_an_exclusion_is_a_flip() {
        let en = "Visitors may not enter the base except with an escort.";
        // «لا … إلا» renders "not … except": one restriction each.
        assert!(flips(en, "لا يجوز للزوار دخول القاعدة إلا بمرافقة.").is_empty());
        // The negation gone, «إلا» excludes: "visitors may enter, except with an escort".
        let f = flips(en, "يجوز للزوار دخول القاعدة إلا بمرافقة.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FlagKind::NegationFlip);
        assert_eq!(f[0].span.as_ref().map(|s| s.text.as_str()), Some("إلا"));
        // The other way: an exclusion of the source made a restriction.
        let en = "All the units withdrew except two battalions.";
        assert!(flips(en, "انسحبت جميع الوحدات إلا كتيبتين.").is_empty());
        let f = flips(en, "لم تنسحب من الوحدات إلا كتيبتان.");
        assert_eq!(f.len(), 1, "{f:?}");
        // Exclusions render exclusions: only a surplus on the side without the restriction
        // turns it over.
        let en = "Visitors may not enter the base except with an escort; all other staff left \
                  except the guards.";
        assert!(flips(
            en,
            "لا يدخل الزوار القاعدة بدون مرافقة؛ وغادر جميع الموظفين الآخرين إلا الحراس."
        )
        .is_empty());
        let f = flips(
            en,
            "يجوز للزوار دخول القاعدة إلا بمرافقة؛ وغادر جميع الموظفين الآخرين إلا الحراس.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        // «إلا أن» ("however") and an interrogative that «إلا» closes are no exclusions.
        assert!(arabic_exclusions_of("كانت المحادثات مثمرة إلا أنه تأجل الاتفاق.").is_empty());
        assert!(flips(
            "No one can grant a pardon except the king.",
            "ومن يملك العفو إلا الملك؟"
        )
        .is_empty());
        assert!(english_exclusions_of("Who can grant a pardon except the king?").is_empty());
        assert_eq!(
            english_exclusions_of("All of them came except one.").len(),
            1
        );
    }

    fn arabic_exclusions_of(s: &str) -> Vec<usize> {
        let toks = tokenize(s);
        let norms: Vec<String> = toks
            .iter()
            .map(|t| crate::text::arabic::normalize(t.text))
            .collect();
        arabic_exclusions(s, &toks, &norms, &arabic(s))
    }

    fn english_exclusions_of(s: &str) -> Vec<usize> {
        let toks = tokenize(s);
        english_exclusions(s, &toks)
    }

    #[test]
    fn an_affirmative_restriction_renders_no_negation() {
        // «إنما» ("only") has no negation in its form: it cannot stand for "do not".
        assert_eq!(
            flips(
                "Most of the residents do not know the new rules.",
                "إنما أكثر السكان يعرفون القواعد الجديدة."
            )
            .len(),
            1
        );
        assert!(flips(
            "Most of the residents do not know the new rules.",
            "أكثر السكان لا يعرفون القواعد الجديدة."
        )
        .is_empty());
    }

    #[test]
    fn a_flip_left_open_by_spare_negatives_is_settled_on_the_predicate() {
        // The English "unharmed" may render a negation, so the counts cannot tell; the verb the
        // Arabic negates is there in the English, affirmed.
        let f = flips(
            "The crew entered the port unescorted.",
            "لم يدخل الطاقم الميناء.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].reason.contains("entered"), "{}", f[0].reason);
        // Negated on both sides: no flip.
        assert!(flips(
            "The crew did not enter the port unescorted.",
            "لم يدخل الطاقم الميناء دون مرافقة."
        )
        .is_empty());
        // The Arabic spare «دون» cannot render the source's negated "leave" when the Arabic
        // gives that verb affirmed.
        let f = flips(
            "The ship did not enter the port.",
            "دخلت السفينة الميناء دون تأخير.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::High);
    }
}
