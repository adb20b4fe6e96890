//! Changed names: a person or place of the source rendered as another one.
//!
//! English names are runs of capitalised words (joined by particles such as al-, bin, de) that
//! contain a word the lexicon does not know or follow a title — so "Royal Navy" and "Homeland
//! Security" are institutions, not names, while "Will Hartmann" and "Grant Mitchell" are names.
//! Each word of a name is looked for in the Arabic of its bead by transliteration (the sound-class
//! model of `text::translit`). A name word that is not there has been replaced when the Arabic
//! holds, where the name should be, a word that renders nothing of the source: next to the
//! rendered part of the same name, or next to the Arabic of the words around the name. A name
//! word rendered by its dictionary meaning inside a transliterated name («منحة ميتشل» for Grant
//! Mitchell) is a garbled name. An Arabic word that transliterates a name found elsewhere in the
//! source, while the bead's own name is missing, is a swap. Documents whose names are rarely
//! transliterated at all (scripture read with a general dictionary) only get the flags with
//! positive evidence: swaps and garbles.

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::lexicon::{en_key, is_closed_class};
use crate::anchors::ItemKind;
use crate::text::tokens::{gap_after, Token, TokenKind};
use crate::text::translit::{Skeletons, NAME_MATCH};
use crate::text::FastMap;
use crate::text::{arabic, char_slice};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Share of a document's name words that must be found by transliteration before an absent one
/// counts as replaced rather than rendered in a way the model does not see.
const MIN_RELIABILITY: f64 = 0.6;

/// Words that join the parts of a name.
/// "Abdel", "Abdul", "Abul" are «عبد» and «أبو» with the article of the next part fused on
/// ("Abdel-Rahman" «عبد الرحمن»): particles too.
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "abd", "abdel", "abdul", "abdal", "abul", "de", "da",
    "van", "von", "der", "ben", "le", "la", "du", "del", "di",
];

/// The particles that are the Arabic article, as English spells it.
const ARTICLES: &[&str] = &["al", "el"];

/// A word of an English name.
#[derive(Debug, Clone)]
struct NameWord {
    sentence: usize,
    token: usize,
    start: usize,
    end: usize,
    text: String,
    /// The word with the particles before it ("Abd al-Aziz"), which Arabic writes as one word
    /// («عبدالعزيز»), when it has any.
    compound: Option<String>,
    /// Index of its name (a run of words) within the sentence.
    phrase: usize,
    /// Lexicon concepts of the word (a name that is also a word: Grant, Will, Jordan).
    concepts: Vec<u32>,
    /// The bead's Arabic spells it: a name on the evidence of the translation itself.
    spelled: bool,
}

/// The anchor keys of the number a source name ends with (`last`: sentence and token of the
/// name's last word): "Falcon Sands 25". Empty where no number follows the name.
fn names_number_keys(ctx: &Context, (i, last): (usize, usize)) -> Vec<u32> {
    let toks = &ctx.words.en(i).toks;
    let Some(number) = toks.get(last + 1).filter(|t| t.kind == TokenKind::Number) else {
        return Vec::new();
    };
    ctx.anchors.src[i]
        .items
        .iter()
        .filter(|it| {
            it.kind == ItemKind::Number && it.start <= number.start && number.end <= it.end
        })
        .flat_map(|it| it.keys.iter().copied())
        .collect()
}

/// Whether Arabic word `w` stands inside quotation marks that also hold the number a source
/// name ends with (`keys`: see [`names_number_keys`]): "Falcon Sands 25" given as «رمال الصقر
/// 25». Named exercises and operations are translated word for word, and the number they carry
/// marks the quoted words as the name's rendering, not another name.
fn quoted_with_number(ctx: &Context, keys: &[u32], w: &ArWord) -> bool {
    if keys.is_empty() {
        return false;
    }
    let text: Vec<char> = ctx.tgt[w.sentence].chars().collect();
    let open = text[..w.start.min(text.len())]
        .iter()
        .rposition(|&c| matches!(c, '«' | '“' | '"' | '»' | '”'));
    let close = text[w.end.min(text.len())..]
        .iter()
        .position(|&c| matches!(c, '»' | '”' | '"' | '«' | '“'))
        .map(|p| p + w.end);
    let (Some(open), Some(close)) = (open, close) else {
        return false;
    };
    // Inside a pair: an opening mark before (a straight quote may open), a closing one after.
    if matches!(text[open], '»' | '”') || matches!(text[close], '«' | '“') {
        return false;
    }
    ctx.anchors.tgt[w.sentence].items.iter().any(|it| {
        it.kind == ItemKind::Number
            && open < it.start
            && it.end <= close
            && it.keys.iter().any(|k| keys.contains(k))
    })
}

/// One Arabic word of a bead.
#[derive(Debug, Clone)]
struct ArWord {
    sentence: usize,
    token: usize,
    start: usize,
    end: usize,
    norm: String,
    concepts: Vec<u32>,
    /// Renders something of the source: a lexical match, a name, a number.
    explained: bool,
    /// Renders a word of the source by its meaning.
    lexical: bool,
    /// A definite title («العميد», the brigadier; «اللواء»): a rank the source may abbreviate
    /// ("Brig. Gen.") where the dictionary does not find it, never a name's spelling, however
    /// near its letters come to one («العميد» and Ahmed).
    title: bool,
    /// The word and the next one written together («عبد الرحمن» for Abdirahman).
    joined: Option<String>,
    /// Its lexicon reading comes only from cutting an ending or a verb prefix off («سلمان» read
    /// as «سلم» peace, «فيصل» as «يصل» arrives): the dictionary does not know the word itself, so
    /// in a name's place it is more likely a name than that word.
    weak: bool,
}

/// What the document's English words are to the lexicon, each word judged once: whether it is
/// known as a word, and its concepts.
#[derive(Default)]
struct WordMemo {
    known: FastMap<String, bool>,
    concepts: FastMap<String, std::rc::Rc<[u32]>>,
}

/// The name words of an English sentence.
fn english_names(
    ctx: &Context,
    i: usize,
    lowercase: &HashSet<String>,
    aligned: &[Vec<usize>],
    sk: &Skeletons,
    known_words: &RefCell<WordMemo>,
    elsewhere: Option<&HashSet<String>>,
) -> Vec<NameWord> {
    let text = &ctx.src[i];
    let analysed = ctx.words.en(i);
    let (toks, concepts) = (&analysed.toks, &analysed.concepts);
    let lex = ctx.lexicon;
    let chars: Vec<char> = text.chars().collect();
    let is_cap = |t: &Token| {
        t.kind == TokenKind::Word
            && t.text.chars().next().is_some_and(char::is_uppercase)
            && !(t.text.chars().count() >= 2 && t.text.chars().all(|c| c.is_uppercase()))
    };
    // Known as a word: a concept of the general vocabulary, or an imported dictionary's entry
    // with a rendering that is not a transliteration of the word. Large dictionaries list
    // proper names too (FreeDict: Harris «هاريس», Massachusetts «ماسوشوستس»); an entry that
    // only spells the word in Arabic letters says it is a name, not that it is a word.
    // Documents repeat their words: each is judged once.
    // The lexicon's concepts of a word by itself, once per distinct word of the document.
    let concepts_of_word = |w: &str| -> std::rc::Rc<[u32]> {
        if let Some(c) = known_words.borrow().concepts.get(w) {
            return c.clone();
        }
        let c: std::rc::Rc<[u32]> = lex.en(&en_key(w)).into();
        known_words
            .borrow_mut()
            .concepts
            .insert(w.to_string(), c.clone());
        c
    };
    let known = |t: &Token| {
        if let Some(&k) = known_words.borrow().known.get(t.text) {
            return k;
        }
        let k = concepts_of_word(t.text)
            .iter()
            .any(|&c| lex.is_general(c) || !only_transliterated(lex, c, t.text));
        known_words.borrow_mut().known.insert(t.text.to_string(), k);
        k
    };
    // The bead's Arabic transliterates the word: the translator took it for a name ("Silver
    // Tide" written «سيلفر تايد»), whatever a dictionary also lists it as.
    // Read only when a run has no other sign of being a name. Each distinct word once: the
    // test below is asked of every word pair, and a long sentence repeats its words.
    let bead_ar: std::cell::OnceCell<Vec<String>> = std::cell::OnceCell::new();
    let bead_ar = || {
        bead_ar.get_or_init(|| {
            let mut words: Vec<String> = aligned
                .get(i)
                .into_iter()
                .flatten()
                .filter(|&&j| j < ctx.tgt.len())
                .flat_map(|&j| {
                    let w = ctx.words.ar(j);
                    w.toks
                        .iter()
                        .zip(&w.norms)
                        .filter(|(t, _)| t.kind == TokenKind::Word)
                        .map(|(_, n)| n.clone())
                })
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        })
    };
    // The Arabic word must spell this word better than any other capitalised word of the
    // sentence ("Police" and «البلوشي» share b-l-s, but it spells al-Balushi).
    let mut capitalised: Vec<&str> = toks.iter().filter(|t| is_cap(t)).map(|t| t.text).collect();
    capitalised.sort_unstable();
    capitalised.dedup();
    // An Arabic word that renders a word of the sentence by its meaning («الأرض» for "earth")
    // spells no name of it ("Lord").
    let sentence_concepts: HashSet<u32> = concepts.iter().flatten().copied().collect();
    // By the word's text: a long sentence asks again for each occurrence.
    let spelled: RefCell<FastMap<String, bool>> = RefCell::new(FastMap::default());
    let transliterated = |t: &Token| {
        if let Some(&known) = spelled.borrow().get(t.text) {
            return known;
        }
        let ar_concepts: HashSet<u32> = concepts_of_word(t.text).iter().copied().collect();
        let found = bead_ar().iter().any(|a| {
            sk.names_match_strongly(a, t.text)
                && !lex.ar_word(a).iter().any(|c| {
                    (ar_concepts.contains(c) && lex.is_general(*c))
                        || (!ar_concepts.contains(c) && sentence_concepts.contains(c))
                })
                && {
                    let own = sk.name_similarity(a, t.text);
                    !capitalised
                        .iter()
                        .any(|&u| u != t.text && sk.name_similarity(a, u) >= own)
                }
        });
        spelled.borrow_mut().insert(t.text.to_string(), found);
        found
    };
    let is_calendar =
        |t: &Token| crate::anchors::dates::weekday_of(t.text).is_some() || is_month(t.text);
    let mut out = Vec::new();
    let mut k = 0;
    let mut phrase = 0;
    // Words inside square brackets are the writer's interpolations, not the source's words.
    let mut bracketed = vec![false; toks.len()];
    let mut depth = 0i32;
    let mut t = 0;
    for (c, ch) in chars.iter().enumerate() {
        while t < toks.len() && toks[t].start < c {
            t += 1;
        }
        match ch {
            '[' => depth += 1,
            ']' => depth = (depth - 1).max(0),
            _ => {}
        }
        if t < toks.len() && toks[t].start == c {
            bracketed[t] = depth > 0;
        }
    }
    let sentence_initial = |x: usize| crate::text::tokens::starts_sentence(text, toks, x);
    while k < toks.len() {
        if !is_cap(&toks[k]) || is_calendar(&toks[k]) || bracketed[k] {
            k += 1;
            continue;
        }
        // The run of capitalised words (and particles between them).
        let mut e = k + 1;
        while e < toks.len() {
            // A possessive ends the name ("Mitchell's Meeting").
            if toks[e - 1].text.ends_with("'s") || toks[e - 1].text.ends_with("’s") {
                break;
            }
            let gap: String = chars[toks[e - 1].end..toks[e].start].iter().collect();
            if gap
                .trim()
                .chars()
                .any(|c| !matches!(c, '-' | '\'' | '’' | '.'))
            {
                break;
            }
            // A point ends the sentence unless it closes an initial or an abbreviation.
            if gap.contains('.') && toks[e - 1].text.chars().count() > 4 {
                break;
            }
            if bracketed[e] {
                break;
            }
            let lower = toks[e].text.to_lowercase();
            let capitalised = is_cap(&toks[e]) && !is_calendar(&toks[e]);
            let particle =
                PARTICLES.contains(&lower.as_str()) && toks.get(e + 1).is_some_and(is_cap);
            if !(capitalised || particle) {
                break;
            }
            e += 1;
        }
        // Titles and ranks ("Secretary", "Adm.", the "Vice" of "Vice Adm.") are not the name.
        // An abbreviation of two letters or more (Adm., Gen., Lt.) is a title; one capital
        // letter and a point is a middle initial, part of the name. A title goes before the
        // name: the last word of a run that a title opens, with the sentence's full stop after
        // it ("commanded by Capt. Samuel Pike."), is the name, no abbreviation. Words after the
        // point ("Gen. CQ Brown", initials that end the run) show it is no full stop.
        let pointed = |x: usize| {
            chars.get(toks[x].end) == Some(&'.') && (2..=4).contains(&toks[x].text.chars().count())
        };
        let opened_by_title = (k..e.saturating_sub(1))
            .any(|x| pointed(x) || concepts[x].iter().any(|&c| lex.is_title(c)));
        let sentence_final = |x: usize| toks[x + 1..].iter().all(|t| t.kind != TokenKind::Word);
        let abbreviation =
            |x: usize| pointed(x) && !(x + 1 == e && opened_by_title && sentence_final(x));
        let initial = |x: usize| toks[x].text.chars().count() == 1;
        // A plural of a word of the general vocabulary ("Expatriates", "Forces", "Affairs") ends
        // the name of an office or a body, as a title does: a person's name has no plural, and a
        // surname in -s (Harris, Evans) is no plural of a word. One the Arabic spells is a name.
        let in_a_phrase = |x: usize| {
            let shared = |y: usize| concepts[y].iter().any(|c| concepts[x].contains(c));
            (x > 0 && shared(x - 1)) || (x + 1 < toks.len() && shared(x + 1))
        };
        let plural_noun = |x: usize| {
            let w = toks[x].text;
            // A word of a name the lexicon knows whole ("United States", "Revolutionary Guard
            // Corps") is that name's.
            if in_a_phrase(x) {
                return false;
            }
            let singulars = [w.strip_suffix("ies").map(|s| format!("{s}y"))]
                .into_iter()
                .flatten()
                .chain(w.strip_suffix("es").map(str::to_string))
                .chain(w.strip_suffix('s').map(str::to_string));
            w.chars().count() >= 5
                && !w.ends_with("ss")
                && singulars.into_iter().any(|s| {
                    s.chars().count() >= 3
                        && concepts_of_word(&s.to_lowercase()).iter().any(|&c| {
                            // The entry of the singular itself: dictionaries are looked up by
                            // stem, and "harri" finds the name Harris.
                            lex.label(c)
                                .is_some_and(|(e, _)| e.eq_ignore_ascii_case(&s))
                                && (lex.is_general(c) || !only_transliterated(lex, c, &s))
                        })
                })
                && !transliterated(&toks[x])
        };
        let title = |x: usize| {
            abbreviation(x)
                || concepts[x].iter().any(|&c| lex.is_title(c))
                || (x + 1 < e && abbreviation(x + 1) && !abbreviation(x))
                || plural_noun(x)
        };
        // Titles split the run: what comes before one is an office ("White House Press
        // Secretary Karine Jean-Pierre"), what follows it a name; each part is judged alone.
        let mut segments = Vec::new();
        let mut a = k;
        for x in k..e {
            if title(x) {
                if a < x {
                    segments.push((a, x));
                }
                a = x + 1;
            }
        }
        if a < e {
            segments.push((a, e));
        }
        for (first, last) in segments {
            let words: Vec<usize> = (first..last)
                .filter(|&x| {
                    is_cap(&toks[x])
                        && !initial(x)
                        && !PARTICLES.contains(&toks[x].text.to_lowercase().as_str())
                })
                // A sentence-initial word the lexicon knows is an ordinary word with a capital,
                // and a function word (He, Those) is never a name.
                .filter(|&x| !(sentence_initial(x) && known(&toks[x]) && e - k == 1))
                .filter(|&x| {
                    !(sentence_initial(x) && lowercase.contains(&toks[x].text.to_lowercase()))
                })
                .filter(|&x| {
                    concepts[x].is_empty() || !concepts[x].iter().all(|&c| lex.is_function(c))
                })
                // A closed-class word at the start of a sentence ("An Iraqi delegation") is the
                // ordinary word with a capital; elsewhere a capital makes it a name (Will Smith).
                .filter(|&x| {
                    !(sentence_initial(x) && is_closed_class(&toks[x].text.to_lowercase()))
                })
                .collect();
            // Closed-class words alone, with a capital mid-sentence, are a reverential pronoun
            // ("and He knows", "'If He should save us") or an emphasis, not a name; beside a
            // word that is not one they may be part of one (Will Hartmann).
            if words
                .iter()
                .all(|&x| is_closed_class(&toks[x].text.to_lowercase()))
            {
                continue;
            }
            let unknown = words.iter().any(|&x| !known(&toks[x]));
            let titled = first > 0 && follows_title(ctx, toks, concepts, first);
            // A word the document shows to be a name in another sentence is one here too, where
            // the Arabic may no longer spell it.
            let named_elsewhere =
                || elsewhere.is_some_and(|set| words.iter().any(|&x| set.contains(toks[x].text)));
            if words.is_empty()
                || !(unknown
                    || titled
                    || words.iter().any(|&x| transliterated(&toks[x]))
                    || named_elsewhere())
            {
                continue;
            }

            for &x in &words {
                let word = toks[x].text.trim_end_matches("'s").trim_end_matches("’s");
                out.push(NameWord {
                    sentence: i,
                    token: x,
                    start: toks[x].start,
                    end: toks[x].start + word.chars().count(),
                    text: word.to_string(),
                    compound: {
                        let mut p = x;
                        while p > first
                            && PARTICLES.contains(&toks[p - 1].text.to_lowercase().as_str())
                        {
                            p -= 1;
                        }
                        // The article alone makes no compound: Arabic writes it on every
                        // such name and the Arabic skeletons are read without it, so "Al" would
                        // only pad a garbled name's similarity («المحرزي» for Al Mahrouqi).
                        let articles_only = toks[p..x]
                            .iter()
                            .all(|t| ARTICLES.contains(&t.text.to_lowercase().as_str()));
                        (p < x && !articles_only)
                            .then(|| char_slice(text, toks[p].start, toks[x].end).to_string())
                    },
                    phrase,
                    concepts: concepts[x].clone(),
                    spelled: transliterated(&toks[x]),
                });
            }
            phrase += 1;
        }
        k = e;
    }
    out
}

/// Whether every Arabic rendering of an imported dictionary's concept spells `word` in Arabic
/// letters: the entry of a name. A rendering may describe the name around its spelling
/// (Abraham «السيد إبراهيم أبو الأنبياء»): one word spelling it is enough.
fn only_transliterated(lex: &crate::anchors::lexicon::Lexicon, c: u32, word: &str) -> bool {
    lex.label(c).is_some_and(|(_, renderings)| {
        !renderings.is_empty()
            && renderings.iter().all(|r| {
                r.split_whitespace()
                    .any(|w| crate::text::translit::names_match(&arabic::normalize(w), word))
            })
    })
}

/// Whether an English word is a personal name that is also an ordinary word (Grant, Will, Rice).
fn is_name_word(w: &str) -> bool {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            crate::text::data::entries(include_str!("data/name_words.txt"))
                .map(str::to_string)
                .collect()
        })
        .contains(&w.to_lowercase())
}

fn is_month(w: &str) -> bool {
    const M: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    M.contains(&w.to_lowercase().as_str())
}

/// Whether the words before token `k` are a title or rank (Gen., Secretary, Minister).
fn follows_title(ctx: &Context, toks: &[Token], concepts: &[Vec<u32>], k: usize) -> bool {
    (k.saturating_sub(2)..k).any(|x| {
        concepts[x].iter().any(|&c| ctx.lexicon.is_title(c))
            || matches!(
                toks[x].text.trim_end_matches('.'),
                "Gen"
                    | "Adm"
                    | "Col"
                    | "Lt"
                    | "Maj"
                    | "Capt"
                    | "Sgt"
                    | "Mr"
                    | "Mrs"
                    | "Ms"
                    | "Dr"
                    | "Brig"
                    | "Cmdr"
                    | "Amb"
                    | "Sen"
                    | "Rep"
                    | "Gov"
                    | "Pres"
            )
    })
}

/// The Arabic words of a bead, with what each renders of the source.
fn arabic_words(
    ctx: &Context,
    sk: &Skeletons,
    tgt: &[usize],
    src_concepts: &[u32],
    names: &[NameWord],
    acronyms: &[&str],
) -> Vec<ArWord> {
    let mut out = Vec::new();
    // Each distinct Arabic form against each distinct name once: a long bead repeats both.
    let mut name_texts: Vec<&str> = names.iter().map(|n| n.text.as_str()).collect();
    name_texts.sort_unstable();
    name_texts.dedup();
    let mut spells: FastMap<String, bool> = FastMap::default();
    let mut spells_a_name = |form: &str| -> bool {
        if let Some(&known) = spells.get(form) {
            return known;
        }
        let found = name_texts.iter().any(|n| sk.names_match(form, n));
        spells.insert(form.to_string(), found);
        found
    };
    for &j in tgt {
        let analysed = ctx.words.ar(j);
        let (toks, norms, concepts) = (&analysed.toks, &analysed.norms, &analysed.concepts);
        for (k, t) in toks.iter().enumerate() {
            // An indefinite accusative writes its ending as «ا» without the tanween («زورقا»,
            // a boat): a word the lexicon lacks is read once more without it. It is then a
            // word, not a name.
            let accusative = || {
                arabic::without_accusative_alif(&norms[k])
                    .map(|w| ctx.lexicon.ar_word(w))
                    .unwrap_or_default()
            };
            let word_concepts = if concepts[k].is_empty() {
                accusative()
            } else {
                concepts[k].clone()
            };
            let lexical = word_concepts
                .iter()
                .any(|c| src_concepts.binary_search(c).is_ok());
            // A name's two parts may be written apart («عبد الرحمن»); a particle beside a word
            // is none of its name («كوري إن» is no Kurrin).
            let particle = |x: usize| ARABIC_PARTICLES.contains(&norms[x].as_str());
            let joined = norms
                .get(k + 1)
                .filter(|_| !particle(k + 1))
                .map(|n| format!("{}{n}", norms[k]));
            let joined_to_previous = k
                .checked_sub(1)
                .filter(|&p| !particle(p))
                .map(|p| format!("{}{}", norms[p], norms[k]));
            let says_acronym = acronyms.iter().any(|a| sk.names_match(&norms[k], a));
            let named = says_acronym
                || !name_texts.is_empty()
                    && (spells_a_name(&norms[k])
                        || joined.as_deref().is_some_and(&mut spells_a_name)
                        || joined_to_previous
                            .as_deref()
                            .is_some_and(&mut spells_a_name));
            let title = arabic::without_conjunction(&norms[k]).starts_with("ال")
                && word_concepts.iter().any(|&c| ctx.lexicon.is_title(c));
            out.push(ArWord {
                sentence: j,
                token: k,
                start: t.start,
                end: t.end,
                norm: norms[k].clone(),
                concepts: word_concepts,
                explained: lexical || named || t.kind != TokenKind::Word || t.is_latin(),
                lexical,
                title,
                joined,
                // A name never carries an attached pronoun or a verb's plural ending: a word
                // read through one («ووهبنا» we gave) is a word, however it was cut.
                weak: !concepts[k].is_empty()
                    && !known_as_written(ctx.lexicon, &norms[k])
                    && !["نا", "هم", "كم", "ها", "وا", "تم", "تن"]
                        .iter()
                        .any(|e| norms[k].ends_with(e)),
            });
        }
    }
    out
}

/// Whether the lexicon knows a normalised Arabic word as it is written, with at most the
/// conjunction «و», a preposition or the article before it. «ف» ("then, so") is no such
/// prefix: it joins clauses and opens verbs, rarely a word inside a name's phrase, while many
/// names begin with the letter (فيصل read as «ف» + «يصل» "so he arrives", فهد, فراس).
fn known_as_written(lex: &crate::anchors::lexicon::Lexicon, norm: &str) -> bool {
    let bare = norm.strip_prefix('و').unwrap_or(norm);
    [norm, bare, arabic::strip_proclitics(norm)]
        .iter()
        .chain(
            ["ب", "ل", "ك"]
                .iter()
                .filter_map(|p| bare.strip_prefix(p))
                .collect::<Vec<_>>()
                .iter(),
        )
        .any(|f| !lex.ar(f).is_empty())
}

/// Whether a normalised Arabic word ends as a verb with its subject and object pronouns
/// («أنزلناه» we sent it down, «ضربوهم» they struck them): the sequence no name ends with.
fn verb_with_object(norm: &str) -> bool {
    const ENDINGS: [&str; 12] = [
        "ناه", "ناها", "ناهم", "ناكم", "موه", "موها", "موهم", "وهم", "وها", "ونه", "ونها", "ونهم",
    ];
    norm.chars().count() >= 5 && ENDINGS.iter().any(|e| norm.ends_with(e))
}

/// Whether an Arabic word could stand for a name: a content word of three letters or more that is
/// not a function word of the lexicon.
fn name_like(ctx: &Context, w: &ArWord) -> bool {
    w.norm.chars().count() >= 3
        && !verb_with_object(&w.norm)
        && !w
            .concepts
            .iter()
            .any(|&c| ctx.lexicon.is_function(c) || ctx.lexicon.is_title(c))
        && crate::anchors::dates::weekday_of(&w.norm).is_none()
        // A number written as a word («أربعا وعشرين», twenty-four) counts; it names nothing.
        && !ctx.anchors.tgt[w.sentence]
            .numbers
            .iter()
            .any(|n| n.start < w.end && w.start < n.end)
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    // Words the document writes in lower case: at the start of a sentence they are ordinary
    // words with a capital ("The", "Our"), whatever the lexicon knows.
    let lowercase: HashSet<String> = ctx
        .src
        .iter()
        .enumerate()
        .flat_map(|(i, _)| {
            ctx.words
                .en(i)
                .toks
                .iter()
                .filter(|t| {
                    t.kind == TokenKind::Word
                        && t.text.chars().next().is_some_and(char::is_lowercase)
                })
                .map(|t| t.text.to_string())
        })
        .collect();
    // The Arabic sentences each source sentence is aligned with, found once for all sentences.
    let mut aligned: Vec<Vec<usize>> = vec![Vec::new(); ctx.src.len()];
    for b in ctx.beads {
        for &i in &b.src {
            if let Some(v) = aligned.get_mut(i) {
                v.extend(b.tgt.iter().copied());
            }
        }
    }
    // Every name of the source, for swaps, and the document's transliteration reliability.
    let skeletons = Skeletons::default();
    let sk = &skeletons;
    let known_words = RefCell::new(WordMemo::default());
    let all_names: Vec<NameWord> = (0..ctx.src.len())
        .flat_map(|i| english_names(ctx, i, &lowercase, &aligned, sk, &known_words, None))
        .collect();
    // Sentences holding a word that is a name elsewhere but not here are read again with the
    // document's names as a sign.
    // Only names the translation spells somewhere: a capitalised word the lexicon lacks is not
    // made a name everywhere on its own say.
    let name_texts: HashSet<String> = all_names
        .iter()
        .filter(|n| n.spelled && !is_closed_class(&n.text.to_lowercase()))
        .map(|n| n.text.clone())
        .collect();
    let found_at: HashSet<(usize, usize)> =
        all_names.iter().map(|n| (n.sentence, n.token)).collect();
    let reread: Vec<usize> = (0..ctx.src.len())
        .filter(|&i| {
            ctx.words
                .en(i)
                .toks
                .iter()
                .enumerate()
                .any(|(x, t)| name_texts.contains(t.text) && !found_at.contains(&(i, x)))
        })
        .collect();
    let all_names: Vec<NameWord> = if reread.is_empty() {
        all_names
    } else {
        let mut v: Vec<NameWord> = all_names
            .into_iter()
            .filter(|n| reread.binary_search(&n.sentence).is_err())
            .collect();
        for &i in &reread {
            v.extend(english_names(
                ctx,
                i,
                &lowercase,
                &aligned,
                sk,
                &known_words,
                Some(&name_texts),
            ));
        }
        v.sort_by_key(|n| (n.sentence, n.token));
        v
    };
    let mut names_of_sentence: Vec<Vec<usize>> = vec![Vec::new(); ctx.src.len()];
    for (k, n) in all_names.iter().enumerate() {
        if let Some(v) = names_of_sentence.get_mut(n.sentence) {
            v.push(k);
        }
    }
    let strong = StrongMatches::new(&all_names, &names_of_sentence);
    // The Arabic words of the document, read when a swap is judged (see [`attested_stem`]).
    let document_words: std::cell::OnceCell<HashSet<String>> = std::cell::OnceCell::new();
    let document_words = || {
        document_words.get_or_init(|| {
            (0..ctx.tgt.len())
                .flat_map(|j| ctx.words.ar(j).norms.iter())
                .map(|n| arabic::without_conjunction(n).to_string())
                .collect()
        })
    };
    let mut beads: Vec<(Vec<usize>, Vec<usize>)> = ctx
        .beads
        .iter()
        .filter(|b| !b.is_null() && b.score >= 0.5)
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect();
    beads.extend(ctx.moves.iter().map(|m| (vec![m.src], vec![m.tgt])));
    let (mut found, mut total) = (0usize, 0usize);
    let mut per_bead = Vec::new();
    for (src, tgt) in &beads {
        let mut of_bead: Vec<usize> = src
            .iter()
            .filter_map(|&i| names_of_sentence.get(i))
            .flatten()
            .copied()
            .collect();
        of_bead.sort_unstable();
        let names: Vec<NameWord> = of_bead.iter().map(|&k| all_names[k].clone()).collect();
        let mut src_concepts: Vec<u32> = src
            .iter()
            .filter(|&&i| i < ctx.src.len())
            .flat_map(|&i| ctx.words.en(i).concepts.iter().flatten().copied())
            .collect();
        src_concepts.sort_unstable();
        src_concepts.dedup();
        // Acronyms said as words are written in Arabic letters (IGAD «إيغاد», NATO «الناتو»).
        let acronyms: Vec<&str> = src
            .iter()
            .filter(|&&i| i < ctx.src.len())
            .flat_map(|&i| ctx.words.en(i).toks.iter())
            .filter(|t| crate::anchors::is_acronym(t) && t.text.len() >= 3)
            .map(|t| t.text)
            .collect();
        let ar = arabic_words(ctx, sk, tgt, &src_concepts, &names, &acronyms);
        // Whether each name is spelled by a word of the Arabic, and whether one renders it by its
        // meaning: the generic element of a place or institution (Camp, Air Base), which is
        // translated by convention — or a garbled personal name. Each distinct name against each
        // distinct word once: a long bead repeats both.
        let distinct = distinct_words(&ar);
        let mut seen: FastMap<NameKey, (bool, bool)> = FastMap::default();
        let (rendered, translated): (Vec<bool>, Vec<bool>) = names
            .iter()
            .map(|n| {
                let key = (
                    n.text.as_str(),
                    n.compound.as_deref(),
                    n.concepts.as_slice(),
                );
                *seen.entry(key).or_insert_with(|| {
                    // A word spells the name of the bead it spells best: «الحارثي» is
                    // al-Harthy's, not also Harris's, though ث may be written s (Osman).
                    let own = distinct.iter().copied().filter(|w| {
                        let similarity = |name: &NameWord| {
                            let whole = name
                                .compound
                                .as_deref()
                                .map_or(0.0, |c| sk.name_similarity(&w.norm, c));
                            sk.name_similarity(&w.norm, &name.text).max(whole)
                        };
                        let here = similarity(n);
                        !names.iter().any(|m| {
                            m.text != n.text && {
                                let there = similarity(m);
                                there >= NAME_MATCH && there > here
                            }
                        })
                    });
                    (
                        renders_word(sk, own, n),
                        distinct
                            .iter()
                            .any(|w| w.concepts.iter().any(|c| n.concepts.contains(c))),
                    )
                })
            })
            .unzip();
        let found_here = (0..names.len())
            .filter(|&n| rendered[n] || (translated[n] && !is_name_word(&names[n].text)))
            .count();
        total += names.len();
        found += found_here;
        per_bead.push((
            src.clone(),
            tgt.clone(),
            names,
            ar,
            rendered,
            translated,
            found_here,
        ));
    }
    // Whether the document transliterates its names, judged from the other beads: the bead
    // under test may be the one whose name was replaced, and counting it would let a single
    // replacement in a short document hide itself.
    let reliable = |found_here: usize, here: usize| {
        let (f, t) = (found - found_here, total - here);
        t > 0 && f as f64 / t as f64 >= MIN_RELIABILITY
    };
    // A name the source gives in several beads and the Arabic (almost) never spells in letters is
    // rendered by a form of its own (Mary «مريم», Jesus «عيسى», Jerusalem «القدس»): the
    // document's convention, not a replacement in each bead.
    let mut spelled: HashMap<&str, (usize, usize)> = HashMap::new();
    for (_, _, names, _, rendered, _, _) in &per_bead {
        let mut seen: HashSet<&str> = HashSet::new();
        for (n, name) in names.iter().enumerate() {
            if seen.insert(name.text.as_str()) {
                let e = spelled.entry(name.text.as_str()).or_default();
                e.0 += 1;
                e.1 += usize::from(rendered[n]);
            }
        }
    }
    let own_form: HashSet<String> = spelled
        .iter()
        .filter(|(_, &(beads, rendered))| beads >= 2 && rendered * 4 <= beads)
        .map(|(t, _)| t.to_string())
        .collect();
    let forms = own_forms(&per_bead, &own_form);
    // Every concept the source names, for the proper-name test (built when first needed).
    let source_concepts_cell: std::cell::OnceCell<HashSet<u32>> = std::cell::OnceCell::new();
    let source_concepts = || {
        source_concepts_cell.get_or_init(|| {
            (0..ctx.src.len())
                .flat_map(|i| ctx.words.en(i).concepts.iter().flatten().copied())
                .collect()
        })
    };
    let mut out = Vec::new();
    for (src, tgt, names, ar, rendered, translated, found_here) in per_bead {
        let reliable = reliable(found_here, names.len());
        let mut flagged: Vec<(usize, usize)> = Vec::new();
        if reliable {
            for (words, rank, own, given) in dropped_ranks(ctx, sk, &names, &ar) {
                let at = words_span(ctx, &words);
                let reason = match given {
                    None => format!(
                        "'{}' is given without the rank the source gives {} ('{}')",
                        at.text,
                        full_name(ctx, &names, &names[own]),
                        rank
                    ),
                    Some(other) => format!(
                        "the rank '{}' stands where the source gives {} the rank '{}'",
                        other,
                        full_name(ctx, &names, &names[own]),
                        rank
                    ),
                };
                out.push(Flag {
                    kind: FlagKind::Mistranslation,
                    subkind: Some("title".into()),
                    severity: Severity::Medium,
                    src: src.clone(),
                    tgt: vec![at.sentence],
                    reason,
                    span: Some(at),
                });
            }
            for (words, own, place) in crossed_names(ctx, sk, &src, &tgt, &names, &ar) {
                flagged.extend(words.iter().map(|w| (w.sentence, w.token)));
                let at = words_span(ctx, &words);
                out.push(Flag {
                    kind: FlagKind::NameMismatch,
                    subkind: None,
                    severity: Severity::High,
                    src: src.clone(),
                    tgt: vec![at.sentence],
                    reason: format!(
                        "'{}' ({}) stands where the source names {}: the two names trade places",
                        at.text,
                        full_name(ctx, &names, &names[own]),
                        full_name(ctx, &names, &names[place])
                    ),
                    span: Some(at),
                });
            }
        }
        let mut push = |out: &mut Vec<Flag>, w: &ArWord, severity: Severity, reason: String| {
            if flagged.contains(&(w.sentence, w.token)) {
                return;
            }
            flagged.push((w.sentence, w.token));
            out.push(Flag {
                kind: FlagKind::NameMismatch,
                subkind: None,
                severity,
                src: src.clone(),
                tgt: vec![w.sentence],
                span: Some(span(
                    Side::Tgt,
                    w.sentence,
                    &ctx.tgt[w.sentence],
                    w.start,
                    w.end,
                )),
                reason,
            });
        };
        // A word an imported dictionary knows only as a proper name the source never gives.
        let foreign = |w: &ArWord| {
            !w.concepts.is_empty()
                && w.concepts.iter().all(|&c| {
                    !ctx.lexicon.is_general(c)
                        && proper_name_concept(ctx.lexicon, c)
                        && !source_concepts().contains(&c)
                })
        };
        // A word the translation writes for a name of the source is no stranger.
        let named_elsewhere = |w: &ArWord| forms.iter().any(|(_, f)| has_form(w, f));
        // A name the bead gives more than once may be rendered at one place and replaced at
        // another (only judged where the document transliterates its names).
        let placed = if reliable {
            placed_occurrences(ctx, sk, &names, &ar, &rendered)
        } else {
            vec![true; names.len()]
        };
        // The names (sentence, phrase) reported left out, each once.
        let mut omitted: Vec<(usize, usize)> = Vec::new();
        for (n, name) in names.iter().enumerate() {
            if rendered[n] {
                // A name the bead gives more than once may be rendered at one place and
                // replaced at another: a word an imported dictionary knows only as a proper
                // name the source never gives, in this occurrence's place, is someone else.
                if !placed[n] {
                    let around = anchors_around(ctx, &ar, name);
                    if let Some(w) = ar
                        .iter()
                        .filter(|w| {
                            !w.explained
                                && !named_elsewhere(w)
                                && name_like(ctx, w)
                                && ((foreign(w) && in_order(w, &around))
                                    || (w.concepts.is_empty() && between(w, &around)))
                        })
                        .min_by_key(|w| order_distance(w, &around))
                    {
                        // A dictionary's proper name is someone else for certain; a word no
                        // dictionary knows may be an ordinary word the glossary lacks.
                        let severity = if foreign(w) {
                            Severity::High
                        } else {
                            Severity::Medium
                        };
                        push(
                            &mut out,
                            w,
                            severity,
                            format!(
                                "'{}' names someone the source does not name, where it names {}",
                                char_slice(&ctx.tgt[w.sentence], w.start, w.end),
                                full_name(ctx, &names, name)
                            ),
                        );
                    }
                }
                continue;
            }
            let phrase_rendered: Vec<&ArWord> = names
                .iter()
                .enumerate()
                .filter(|(m, o)| {
                    *m != n
                        && o.sentence == name.sentence
                        && o.phrase == name.phrase
                        && rendered[*m]
                })
                .flat_map(|(_, o)| {
                    ar.iter()
                        .filter(move |w| renders_word(sk, std::slice::from_ref(*w), o))
                })
                .collect();
            let full = full_name(ctx, &names, name);
            // A garbled name: a personal name that is also a word, rendered by its meaning beside
            // the transliterated rest of the name.
            if translated[n] && is_name_word(&name.text) && !phrase_rendered.is_empty() {
                if let Some(w) = ar.iter().find(|w| {
                    adjacent(w, &phrase_rendered)
                        && w.concepts.iter().any(|c| name.concepts.contains(c))
                }) {
                    push(
                        &mut out,
                        w,
                        Severity::High,
                        format!(
                            "'{}' renders the name '{}' by its dictionary meaning",
                            char_slice(&ctx.tgt[w.sentence], w.start, w.end),
                            full
                        ),
                    );
                    continue;
                }
            }
            if translated[n] {
                continue;
            }
            // A swap: an Arabic word naming someone else of the source, on strong evidence, and
            // rendering nothing of this bead by its meaning.
            // Three sound classes are what most Arabic words have (a root), so a lone word must
            // match a longer name, or its neighbour must match another word of the same name.
            if let Some((w, other)) = ar.iter().filter(|w| !w.lexical).find_map(|w| {
                if !may_be_a_name(&w.norm) {
                    return None;
                }
                // A preposition before a word the document writes without it («برحمة», and
                // «رحمة» elsewhere): the name must be spelled by the word itself.
                let stem = attested_stem(&w.norm, document_words());
                strong
                    .of(sk, &w.norm)
                    .iter()
                    .map(|&t| &strong.texts[t])
                    .find(|other| {
                        other.text != name.text
                            && !names.iter().any(|m| m.text == other.text)
                            && other.groups.iter().any(|(mates, sentences)| {
                                sentences.iter().any(|s| !src.contains(s))
                                    && stem.map_or(true, |stem| {
                                        sk.long_match(stem, other.text, LONG_NAME_CLASSES)
                                    })
                                    && (sk.long_match(&w.norm, other.text, LONG_NAME_CLASSES)
                                        || ar.iter().any(|v| {
                                            !v.explained
                                                && adjacent(v, &[w])
                                                && mates.iter().any(|p| sk.names_match(&v.norm, p))
                                        }))
                            })
                    })
                    .map(|other| (w, other))
            }) {
                push(
                    &mut out,
                    w,
                    Severity::High,
                    format!(
                        "'{}' names {} from elsewhere in the source; the aligned source names {}",
                        char_slice(&ctx.tgt[w.sentence], w.start, w.end),
                        other.text,
                        full
                    ),
                );
                continue;
            }
            // A name the translation writes in a form of its own, learned from its other beads,
            // missing here where the form of another name of the source stands: a swap.
            if let Some((_, form)) = forms.iter().find(|(t, _)| *t == name.text) {
                if !ar.iter().any(|w| has_form(w, form)) {
                    let other = ar.iter().find_map(|w| {
                        forms
                            .iter()
                            .find(|(t, f)| {
                                *t != name.text
                                    && !names.iter().any(|m| m.text == *t)
                                    && has_form(w, f)
                            })
                            .map(|(t, _)| (w, t))
                    });
                    // Medium: a form learned from the document is weaker evidence than a
                    // spelling (a capitalised attribute, "the Exalted", learns a common word).
                    if let Some((w, other)) = other {
                        push(
                            &mut out,
                            w,
                            Severity::Medium,
                            format!(
                                "'{}' is how the translation writes {} elsewhere; the aligned \
                                 source names {}",
                                char_slice(&ctx.tgt[w.sentence], w.start, w.end),
                                other,
                                full
                            ),
                        );
                        continue;
                    }
                    // Or a word no dictionary knows (or knows only as someone the source never
                    // names) in the name's place.
                    let around = anchors_around(ctx, &ar, name);
                    if let Some(w) = ar
                        .iter()
                        .filter(|w| {
                            !w.explained
                                && !named_elsewhere(w)
                                && name_like(ctx, w)
                                && (w.concepts.is_empty() || foreign(w))
                                && between(w, &around)
                        })
                        .min_by_key(|w| order_distance(w, &around))
                    {
                        push(
                            &mut out,
                            w,
                            Severity::Medium,
                            format!(
                                "'{}' stands where the source names {}, which the translation \
                                 writes '{}' elsewhere",
                                char_slice(&ctx.tgt[w.sentence], w.start, w.end),
                                full,
                                form
                            ),
                        );
                        continue;
                    }
                }
            }
            // A common word in a name (Money Exchange, Security Council) is a generic element,
            // rendered freely or left out; only a proper name can be replaced by another.
            let general = |c: &[u32]| c.iter().any(|&c| ctx.lexicon.is_general(c));
            // A name whose other words are translated and none transliterated (Exercise
            // Crescent Guard → «تمرين الهلال الحارس») is rendered by meaning as a whole.
            let translated_phrase = phrase_rendered.is_empty()
                && names.iter().enumerate().any(|(m, o)| {
                    m != n
                        && o.sentence == name.sentence
                        && o.phrase == name.phrase
                        && translated[m]
                });
            // (A generic head and a word the dictionary does not know are a proper name, not
            // one rendered by meaning: Camp Merrill is «معسكر ميريل» however «معسكر» renders
            // Camp. A longer run of capitalised words may be a term the dictionary lacks.)
            let phrase_len = names
                .iter()
                .filter(|o| o.sentence == name.sentence && o.phrase == name.phrase)
                .count();
            // (A dictionary that lists the name itself — FreeDict has "Buehring" «بويرنج» —
            // gives it no meaning: it spells it.)
            let spells_itself = |&c: &u32| {
                ctx.lexicon
                    .label(c)
                    .is_some_and(|(e, _)| e.eq_ignore_ascii_case(&name.text))
            };
            let head_and_name = phrase_len == 2 && name.concepts.iter().all(spells_itself);
            if !reliable
                || own_form.contains(&name.text)
                || (translated_phrase && !head_and_name)
                || (general(&name.concepts) && !is_name_word(&name.text))
            {
                continue;
            }
            // A replaced name: an unexplained, name-like word where the name should be — next to
            // the rendered part of the same name, or next to the Arabic of the words around it.
            let around_sides = anchors_around(ctx, &ar, name);
            let around: Vec<&ArWord> = around_sides.iter().map(|&(w, _)| w).collect();
            // The renderings of the names listed beside it ("Bay, Bakool, Gedo and Hiraan").
            let listed: Vec<&ArWord> = names
                .iter()
                .enumerate()
                .filter(|(m, o)| {
                    *m != n
                        && rendered[*m]
                        && o.sentence == name.sentence
                        && o.phrase != name.phrase
                        && o.token.abs_diff(name.token) <= 3
                })
                .flat_map(|(_, o)| {
                    ar.iter()
                        .filter(move |w| renders_word(sk, std::slice::from_ref(*w), o))
                })
                .collect();
            let slot: Vec<&ArWord> = if phrase_rendered.is_empty() {
                around
            } else {
                phrase_rendered.clone()
            };
            // A word the dictionary knows only as a proper name (a place, a person) names
            // something else in the name's place: it is no ordinary word the name could stand
            // beside.
            // One the source names anywhere else is an explicitation («المنطقة الشمالية الغربية
            // السعودية»), not someone else.
            let proper = |w: &ArWord| {
                !w.concepts.is_empty()
                    && w.concepts.iter().all(|&c| {
                        proper_name_concept(ctx.lexicon, c) && !source_concepts().contains(&c)
                    })
            };
            // The tokens of the name's first and last words.
            let phrase_tokens = || {
                names
                    .iter()
                    .filter(|o| o.sentence == name.sentence && o.phrase == name.phrase)
                    .map(|o| o.token)
            };
            let phrase_first = phrase_tokens().min().unwrap_or(name.token);
            let phrase_last = phrase_tokens().max().unwrap_or(name.token);
            let follows_title_in_source = phrase_first > 0 && {
                let w = ctx.words.en(name.sentence);
                follows_title(ctx, &w.toks, &w.concepts, phrase_first)
            };
            // Right after a title or rank («الفريق الركن ...») where the source gives the name
            // after one: the name's own place in Arabic.
            let after_title = |w: &ArWord| {
                follows_title_in_source
                    && ar.iter().any(|x| {
                        x.sentence == w.sentence
                            && x.token + 1 == w.token
                            && x.concepts.iter().any(|&c| ctx.lexicon.is_title(c))
                    })
            };
            // Between the renderings of two names listed beside it: a weaker place (a name
            // of the list given in a form of its own, al-Yasa' for Elisha, looks the same), so
            // reported as medium.
            let in_list = |w: &ArWord| {
                let at = |t: Option<usize>| {
                    t.is_some_and(|t| {
                        listed
                            .iter()
                            .any(|x| x.sentence == w.sentence && x.token == t)
                    })
                };
                // Or right after one, joined by «و» as the next item of the list ("Camp Arifjan,
                // Camp Buehring" → «عريفجان وبيورنغ»).
                at(w.token.checked_sub(1)) && (at(Some(w.token + 1)) || w.norm.starts_with('و'))
            };
            // The meanings of the name's own words: a word giving one of them renders the name's
            // generic element ("Royal" → «الملكي»), not another name.
            let own_meanings: HashSet<u32> = names
                .iter()
                .filter(|o| o.sentence == name.sentence && o.phrase == name.phrase)
                .flat_map(|o| o.concepts.iter().copied())
                .collect();
            // In the name's place as the words around it order it: after (at most one word
            // after) the rendering of a word before the name, or before that of a word after it.
            // Adjacency alone also takes the word on the far side of a neighbour («مغادرة ميلر،
            // سلّم الجنود الأمريكيون» for "leaving Tabuk, U.S. soldiers").
            let in_order = |w: &ArWord| phrase_rendered.is_empty() && in_order(w, &around_sides);
            // (Beside a word that renders a part of the name, an unknown word is a name put
            // in the place of the rest, translated or not: the quoted number is read only
            // where no part is rendered. Its keys are read once per name.)
            let number_keys = if phrase_rendered.is_empty() {
                names_number_keys(ctx, (name.sentence, phrase_last))
            } else {
                Vec::new()
            };
            let stands_in = |w: &&ArWord, place: &dyn Fn(&ArWord) -> bool| {
                !w.explained
                    && !quoted_with_number(ctx, &number_keys, w)
                    && !w.concepts.iter().any(|c| own_meanings.contains(c))
                    && name_like(ctx, w)
                    && place(w)
                    // A known word is a name's stand-in only right beside the name's other part
                    // or in the name's place after a title.
                    && (w.concepts.is_empty()
                        || proper(w)
                        || !phrase_rendered.is_empty()
                        || (after_title(w) && !general(&w.concepts)))
                    && (w.weak || proper(w) || !general(&w.concepts) || !general(&name.concepts))
                    // A word of the general vocabulary stands in for a name only inside the
                    // name: after a patronymic particle («بن سالم») or between two of its parts
                    // — unless the dictionary knows it only by cutting it («سلمان صالح»).
                    && (!general(&w.concepts)
                        || proper(w)
                        || enclosed(w, &ar, &phrase_rendered)
                        || (w.weak && !phrase_rendered.is_empty()))
            };
            let candidate = ar.iter().find(|w| stands_in(w, &in_order)).or_else(|| {
                ar.iter()
                    .find(|w| stands_in(w, &|w| adjacent(w, &slot) || in_list(w)))
            });
            if let Some(w) = candidate {
                // Right beside the name's other part or its neighbour's rendering is its place;
                // one word further (in order) may be a word the glossary lacks.
                let severity = if adjacent(w, &slot) {
                    Severity::High
                } else {
                    Severity::Medium
                };
                push(
                    &mut out,
                    w,
                    severity,
                    format!(
                        "'{}' stands where the source names {}",
                        char_slice(&ctx.tgt[w.sentence], w.start, w.end),
                        full
                    ),
                );
            } else if phrase_rendered.is_empty()
                && !translated_phrase
                && !omitted.contains(&(name.sentence, name.phrase))
            {
                // Nothing stands in its place, and no word of the name is spelled or translated
                // in a document that spells its names: the name is left out ("Rafah and Kerem
                // Shalom" given as «معبر رفح»).
                let parts: Vec<(usize, &NameWord)> = names
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.sentence == name.sentence && o.phrase == name.phrase)
                    .collect();
                omitted.push((name.sentence, name.phrase));
                let (start, end) = (parts[0].1.start, parts[parts.len() - 1].1.end);
                let text = &ctx.src[name.sentence];
                // Only a name coordinated with another name that the Arabic spells: a name left
                // out alone is as often replaced by what the person is («المسؤول الأمريكي»).
                let partner = names
                    .iter()
                    .enumerate()
                    .filter(|&(m, o)| {
                        rendered[m]
                            && o.sentence == name.sentence
                            && o.phrase != name.phrase
                            && coordinated(text, (start, end), (o.start, o.end))
                    })
                    .min_by_key(|(_, o)| o.start.abs_diff(start));
                if let (true, Some((_, partner))) = (
                    parts.iter().all(|&(m, _)| !rendered[m] && !translated[m]),
                    partner,
                ) {
                    out.push(Flag {
                        kind: FlagKind::Omission,
                        subkind: Some("list_item".into()),
                        severity: Severity::Medium,
                        src: vec![name.sentence],
                        tgt: tgt.clone(),
                        span: Some(span(Side::Src, name.sentence, text, start, end)),
                        reason: format!(
                            "{full} is not in the Arabic, which gives {}, named with it",
                            full_name(ctx, &names, partner)
                        ),
                    });
                }
            }
        }
    }
    out
}

/// Whether a lexicon concept is a proper name: its English is capitalised, or, where the
/// dictionary writes its headwords in lower case (the FreeDict English–Arabic index: "martin"
/// «مارتن»), every Arabic rendering spells the English word in letters.
fn proper_name_concept(lex: &crate::anchors::lexicon::Lexicon, c: u32) -> bool {
    lex.label(c).is_some_and(|(e, ars)| {
        e.starts_with(char::is_uppercase)
            || (!e.contains(' ')
                && !ars.is_empty()
                && ars
                    .iter()
                    .all(|a| crate::text::translit::names_match_strongly(&arabic::normalize(a), e)))
    })
}

/// The span of the Arabic words of one name: from the first to the last when they share a
/// sentence, else the first alone.
fn words_span(ctx: &Context, words: &[&ArWord]) -> super::Span {
    let (first, last) = (words[0], words[words.len() - 1]);
    let end = if last.sentence == first.sentence {
        last.end
    } else {
        first.end
    };
    span(
        Side::Tgt,
        first.sentence,
        &ctx.tgt[first.sentence],
        first.start,
        end,
    )
}

/// Military ranks written before a name, by abbreviation or in full, with the full word.
const RANKS: &[(&str, &str)] = &[
    ("Gen", "general"),
    ("General", "general"),
    ("Adm", "admiral"),
    ("Admiral", "admiral"),
    ("Col", "colonel"),
    ("Colonel", "colonel"),
    ("Lt", "lieutenant"),
    ("Lieutenant", "lieutenant"),
    ("Maj", "major"),
    ("Capt", "captain"),
    ("Captain", "captain"),
    ("Sgt", "sergeant"),
    ("Sergeant", "sergeant"),
    ("Brig", "brigadier"),
    ("Brigadier", "brigadier"),
    ("Cmdr", "commander"),
];

/// Words that grade a rank written after them ("Major General", "Rear Admiral").
const GRADES: &[&str] = &[
    "Major",
    "Vice",
    "Rear",
    "Brigadier",
    "Lieutenant",
    "Field",
    "Air",
];

/// Names the source gives with a military rank before them ("Lt. Gen. Charles Whitfield") that
/// the Arabic spells without any rank: the reader loses who the person is (a three-star officer
/// read as a civilian). A rank is kept when a word of the Arabic just before the name (two
/// words, «الفريق الركن») is a title of the lexicon («الفريق», «نائب الأدميرال») or spells the
/// rank's English word («الكابتن»). Only names whose whole rendering sits in one place; a name
/// spelled twice keeps its rank if either place has one. Each as (the Arabic words of the name,
/// the source's rank, the index of a word of the name).
///
/// A graded rank ("Vice Adm.", "Lt. Gen.") the Arabic gives as another rank of the lexicon
/// («اللواء البحري», a rear admiral's) is reported too, with the Arabic rank as the fourth field:
/// a changed grade. Captain and commander are left out: their Arabic ranks depend on the service
/// (a Navy captain is «العقيد البحري»).
#[allow(clippy::type_complexity)]
fn dropped_ranks<'a>(
    ctx: &Context,
    sk: &Skeletons,
    names: &[NameWord],
    ar: &'a [ArWord],
) -> Vec<(Vec<&'a ArWord>, String, usize, Option<String>)> {
    let mut out = Vec::new();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for (k, n) in names.iter().enumerate() {
        if !seen.insert((n.sentence, n.phrase)) {
            continue;
        }
        let members: Vec<usize> = (k..names.len())
            .filter(|&m| names[m].sentence == n.sentence && names[m].phrase == n.phrase)
            .collect();
        let en = ctx.words.en(n.sentence);
        let toks = &en.toks;
        // "General" written after an office ("Secretary General", "Director General") is part
        // of the office, as the adjective after its noun; after a grade ("Lieutenant General",
        // "Maj. General") or a service ("Army General") it is the rank.
        let office_before = |x: usize| {
            toks[x].text == "General"
                && x > 0
                && !GRADES.contains(&toks[x - 1].text)
                && !RANKS.iter().any(|(r, _)| toks[x - 1].text == *r)
                && matches!(gap_after(&ctx.src[n.sentence], toks, x - 1), " " | "-")
                && en.concepts[x - 1].iter().any(|&c| ctx.lexicon.is_title(c))
        };
        // The rank words right before the name ("Vice Adm.", "Lt. Gen.").
        let rank_at = |x: usize| {
            RANKS
                .iter()
                .find(|(r, _)| toks[x].text == *r)
                .filter(|_| !office_before(x))
                .map(|&(_, full)| full)
        };
        let before: Vec<usize> = (n.token.saturating_sub(2)..n.token)
            .filter(|&x| rank_at(x).is_some())
            .collect();
        // With a word that grades it ("Vice Adm.", "Rear Adm.", "Lt. Col.").
        let graded = before
            .first()
            .map_or(0, |&x| x)
            .checked_sub(1)
            .filter(|&x| matches!(toks[x].text, "Vice" | "Rear" | "Lt" | "Lieutenant"));
        let Some(&last_rank) = before.last() else {
            continue;
        };
        if last_rank + 1 != n.token {
            continue;
        }
        let rendering: Vec<&ArWord> = ar
            .iter()
            .filter(|w| {
                members
                    .iter()
                    .any(|&m| renders_word(sk, std::slice::from_ref(*w), &names[m]))
            })
            .collect();
        if rendering.is_empty() {
            continue;
        }
        let fulls: Vec<&str> = before.iter().filter_map(|&x| rank_at(x)).collect();
        let rank_concepts: Vec<u32> = fulls
            .iter()
            .flat_map(|f| ctx.lexicon.en(&en_key(f)).iter().copied())
            .collect();
        let is_rank = |w: &ArWord| {
            w.concepts
                .iter()
                .any(|&c| ctx.lexicon.is_title(c) || rank_concepts.contains(&c))
                || fulls.iter().any(|f| sk.names_match(&w.norm, f))
        };
        // Arabic may name the service between the rank and the name («اللواء في الجيش
        // الأمريكي دوغلاس …», the major general of the US Army): a phrase opened by «في»
        // without punctuation.
        let word_at = |sentence: usize, token: usize| {
            ar.iter()
                .find(|x| x.sentence == sentence && x.token == token)
        };
        let service_between = |w: &ArWord, r: &ArWord| {
            word_at(w.sentence, w.token + 1).is_some_and(|x| x.norm == "في")
                && (w.token + 1..r.token).all(|t| {
                    word_at(w.sentence, t).is_some_and(|x| x.norm.chars().all(char::is_alphabetic))
                })
        };
        let kept = rendering.iter().any(|r| {
            ar.iter().any(|w| {
                w.sentence == r.sentence
                    && w.token < r.token
                    && r.token - w.token <= 5
                    && is_rank(w)
                    && (r.token - w.token <= 2 || service_between(w, r))
            })
        });
        // A reader who was told the rank elsewhere in the article (a later mention by surname
        // alone, «وأكد ويتفيلد») has lost nothing.
        let told_elsewhere = || {
            (0..ctx.tgt.len()).any(|j| {
                let w = ctx.words.ar(j);
                (0..w.norms.len()).any(|t| {
                    members
                        .iter()
                        .any(|&m| sk.names_match(&w.norms[t], &names[m].text))
                        && (t.saturating_sub(2)..t).any(|p| {
                            w.concepts[p]
                                .iter()
                                .any(|&c| ctx.lexicon.is_title(c) || rank_concepts.contains(&c))
                                || fulls.iter().any(|f| sk.names_match(&w.norms[p], f))
                        })
                })
            })
        };
        // The exact rank with its grade ("vice admiral", "lieutenant general"), and the rank
        // words the Arabic gives right before the first rendering of the name.
        let grade = graded.map(|x| match toks[x].text {
            "Lt" => "lieutenant".to_string(),
            g => g.to_lowercase(),
        });
        let exact_key = grade
            .iter()
            .map(String::as_str)
            .chain(fulls.iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        let exact: &[u32] = if fulls.len() + usize::from(grade.is_some()) >= 2 {
            ctx.lexicon.en(&en_key(&exact_key))
        } else {
            &[]
        };
        let service_bound = fulls.iter().any(|f| matches!(*f, "captain" | "commander"));
        let military = |c: u32| {
            ctx.lexicon.is_title(c)
                && ctx.lexicon.label(c).is_some_and(|(e, _)| {
                    [
                        "general",
                        "admiral",
                        "colonel",
                        "lieutenant",
                        "major",
                        "brigadier",
                    ]
                    .iter()
                    .any(|r| e.split(' ').any(|w| w == *r))
                })
        };
        let r0 = rendering[0];
        let given: Vec<&ArWord> = ar
            .iter()
            .filter(|w| w.sentence == r0.sentence && w.token < r0.token && r0.token - w.token <= 2)
            .filter(|w| w.concepts.iter().any(|&c| military(c)))
            .collect();
        let changed = !exact.is_empty()
            && !service_bound
            && !given.is_empty()
            && given.iter().all(|w| {
                !w.concepts
                    .iter()
                    .any(|c| exact.contains(c) || rank_concepts.contains(c))
            });
        if changed {
            let first = given[0];
            let last = given[given.len() - 1];
            let other = crate::text::char_slice(&ctx.tgt[first.sentence], first.start, last.end);
            let text = &ctx.src[n.sentence];
            let end = toks[last_rank].end
                + usize::from(
                    crate::text::char_slice(text, toks[last_rank].end, toks[last_rank].end + 1)
                        == ".",
                );
            let rank = crate::text::char_slice(text, toks[graded.unwrap_or(before[0])].start, end);
            out.push((given.clone(), rank.to_string(), k, Some(other.to_string())));
            continue;
        }
        let kept = kept || told_elsewhere();
        // The words of the first place the name is spelled, together in one sentence.
        let first = rendering[0];
        let place: Vec<&ArWord> = rendering
            .iter()
            .copied()
            .filter(|w| w.sentence == first.sentence && w.token - first.token < members.len())
            .collect();
        if !kept {
            // With the abbreviation's point.
            let text = &ctx.src[n.sentence];
            let end = toks[last_rank].end
                + usize::from(
                    crate::text::char_slice(text, toks[last_rank].end, toks[last_rank].end + 1)
                        == ".",
                );
            let rank = crate::text::char_slice(text, toks[graded.unwrap_or(before[0])].start, end);
            out.push((place, rank.to_string(), k, None));
        }
    }
    out
}

/// Names of a bead that trade places: each is rendered by its letters, but where the other
/// stands as the figures of the sentence place them ("Task Force 153, commanded by Ortiz, and
/// Task Force 59, commanded by Pike" rendered «… 153 بقيادة بايك … 59 بقيادة أورتيز»). Figures
/// written in digits that each side gives once, in the same order, cut both sides into slots; a
/// translation may move a name within its slot or shift every name by one (head-final phrasing),
/// but two names whose slots are exchanged have been swapped. Each as (the Arabic words of one
/// name, the index of a word of the name it renders, that of the name whose place it holds).
fn crossed_names<'a>(
    ctx: &Context,
    sk: &Skeletons,
    src: &[usize],
    tgt: &[usize],
    names: &[NameWord],
    ar: &'a [ArWord],
) -> Vec<(Vec<&'a ArWord>, usize, usize)> {
    type Pos = (usize, usize);
    // Figures given once on each side: (English position, Arabic position), in English order.
    let figures = |anchors: &[crate::anchors::SentenceAnchors], idx: &[usize]| {
        let mut by_value: HashMap<u64, Vec<Pos>> = HashMap::new();
        for &i in idx {
            for n in anchors.get(i).map_or(&[][..], |a| &a.numbers[..]) {
                if n.digits {
                    by_value
                        .entry(n.value.to_bits())
                        .or_default()
                        .push((i, n.start));
                }
            }
        }
        by_value
    };
    let (en_fig, ar_fig) = (
        figures(&ctx.anchors.src, src),
        figures(&ctx.anchors.tgt, tgt),
    );
    let mut fixed: Vec<(Pos, Pos)> = en_fig
        .iter()
        .filter(|(_, e)| e.len() == 1)
        .filter_map(|(v, e)| ar_fig.get(v).filter(|a| a.len() == 1).map(|a| (e[0], a[0])))
        .collect();
    fixed.sort_unstable();
    if fixed.is_empty() || fixed.windows(2).any(|w| w[0].1 >= w[1].1) {
        return Vec::new();
    }
    // Name phrases and the Arabic words spelling them, kept only where no word spells two.
    let mut phrases: Vec<(Pos, Vec<usize>, Vec<usize>)> = Vec::new();
    for (k, n) in names.iter().enumerate() {
        match phrases
            .iter_mut()
            .find(|(_, m, _)| names[m[0]].sentence == n.sentence && names[m[0]].phrase == n.phrase)
        {
            Some((_, m, _)) => m.push(k),
            None => phrases.push(((n.sentence, n.start), vec![k], Vec::new())),
        }
    }
    for (_, members, words) in &mut phrases {
        *words = (0..ar.len())
            .filter(|&x| {
                members
                    .iter()
                    .any(|&m| renders_word(sk, std::slice::from_ref(&ar[x]), &names[m]))
            })
            .collect();
    }
    let text = |members: &[usize]| -> Vec<&str> {
        members.iter().map(|&m| names[m].text.as_str()).collect()
    };
    let usable: Vec<usize> = (0..phrases.len())
        .filter(|&p| {
            let (_, members, words) = &phrases[p];
            !words.is_empty()
                // Together in one sentence, no further apart than the name is long.
                && words.iter().all(|&x| ar[x].sentence == ar[words[0]].sentence)
                && ar[words[words.len() - 1]].token - ar[words[0]].token <= members.len()
                && (0..phrases.len()).all(|q| {
                    q == p
                        || (text(&phrases[q].1) != text(members)
                            && !phrases[q].2.iter().any(|x| words.contains(x)))
                })
        })
        .collect();
    let slot = |pos: Pos, english: bool| {
        fixed
            .iter()
            .filter(|(e, a)| if english { *e < pos } else { *a < pos })
            .count()
    };
    let ar_pos = |p: usize| {
        let w = &ar[phrases[p].2[0]];
        (w.sentence, w.start)
    };
    let mut out = Vec::new();
    for (a, &p) in usable.iter().enumerate() {
        for &q in &usable[a + 1..] {
            let (ep, eq) = (slot(phrases[p].0, true), slot(phrases[q].0, true));
            if ep != eq && slot(ar_pos(p), false) == eq && slot(ar_pos(q), false) == ep {
                for (x, y) in [(p, q), (q, p)] {
                    let words = phrases[x].2.iter().map(|&w| &ar[w]).collect();
                    out.push((words, phrases[x].1[0], phrases[y].1[0]));
                }
            }
        }
    }
    out
}

/// For each name occurrence of a bead: false where the name is given more than once, is
/// rendered in the bead, but not in this occurrence's place. Each rendering of the name (by its
/// letters or its meaning) accounts for one occurrence, taken in the source's order, nearest
/// the occurrence's place. One pass per distinct name over its occurrences: asking it of each
/// occurrence anew made long beads cubic.
fn placed_occurrences(
    ctx: &Context,
    sk: &Skeletons,
    names: &[NameWord],
    ar: &[ArWord],
    rendered: &[bool],
) -> Vec<bool> {
    let mut placed = vec![true; names.len()];
    let mut occurrences: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, n) in names.iter().enumerate() {
        occurrences.entry(n.text.as_str()).or_default().push(k);
    }
    // The places of the occurrences, each found once.
    let mut places: HashMap<usize, Vec<(&ArWord, bool)>> = HashMap::new();
    let mut done: HashSet<NameKey> = HashSet::new();
    for (n, name) in names.iter().enumerate() {
        let same = &occurrences[name.text.as_str()];
        let key = (
            name.text.as_str(),
            name.compound.as_deref(),
            name.concepts.as_slice(),
        );
        if !rendered[n] || same.len() < 2 || !done.insert(key) {
            continue;
        }
        let renderings: Vec<&ArWord> = ar
            .iter()
            .filter(|v| {
                renders_word(sk, std::slice::from_ref(*v), name)
                    || v.concepts.iter().any(|c| name.concepts.contains(c))
            })
            .collect();
        let mut taken = vec![false; renderings.len()];
        for &k in same {
            let place = places
                .entry(k)
                .or_insert_with(|| anchors_around(ctx, ar, &names[k]));
            let pick = (0..renderings.len())
                .filter(|&r| !taken[r] && in_order(renderings[r], place))
                .min_by_key(|&r| order_distance(renderings[r], place));
            match pick {
                Some(r) => taken[r] = true,
                // Every occurrence with this name's readings is answered by this pass.
                None => {
                    let other = &names[k];
                    if rendered[k]
                        && (other.compound.as_deref(), other.concepts.as_slice()) == (key.1, key.2)
                    {
                        placed[k] = false;
                    }
                }
            }
        }
    }
    placed
}

/// Whether an Arabic word stands in a name's place as the words around it order it: after (at
/// most one word after) the rendering of a word before the name, or before that of a word after.
fn in_order(w: &ArWord, around: &[(&ArWord, bool)]) -> bool {
    order_distance(w, around).is_some()
}

/// How far (1 or 2 words) an Arabic word stands from the nearest of `around` on the side the
/// name's place is, if it is in that place.
fn order_distance(w: &ArWord, around: &[(&ArWord, bool)]) -> Option<usize> {
    around
        .iter()
        .filter(|(s, _)| s.sentence == w.sentence)
        .filter_map(|&(s, before)| {
            let d = if before {
                w.token.checked_sub(s.token)
            } else {
                s.token.checked_sub(w.token)
            }?;
            (1..=2).contains(&d).then_some(d)
        })
        .min()
}

/// Whether an Arabic word stands between the renderings of the words on both sides of a name's
/// place — or, where only one side has any, right beside it (a word two away may belong to a
/// neighbouring word).
fn between(w: &ArWord, around: &[(&ArWord, bool)]) -> bool {
    let side = |before: bool| -> Vec<(&ArWord, bool)> {
        around.iter().copied().filter(|a| a.1 == before).collect()
    };
    match (side(true), side(false)) {
        (b, a) if !b.is_empty() && !a.is_empty() => in_order(w, &b) && in_order(w, &a),
        (b, a) => order_distance(w, if b.is_empty() { &a } else { &b }) == Some(1),
    }
}

/// The forms an Arabic word may be a name's form by: as written, without «و» or «ف», without
/// the article, or without a preposition «ب», «ل», «ك» (إبراهيم in «وإبراهيم», «لإبراهيم»).
fn form_candidates(norm: &str) -> Vec<&str> {
    let bare = norm.strip_prefix(['و', 'ف']).unwrap_or(norm);
    let mut out = vec![norm, bare, arabic::strip_proclitics(bare)];
    if let Some(rest) = bare.strip_prefix(['ب', 'ل', 'ك']) {
        out.push(rest);
    }
    out.retain(|f| f.chars().count() >= 3);
    out.sort_unstable();
    out.dedup();
    out
}

fn has_form(w: &ArWord, form: &str) -> bool {
    form_candidates(&w.norm).contains(&form)
}

/// Beads of its name a learned form is found in, at least.
const OWN_FORM_MIN_BEADS: usize = 2;

/// The Arabic form of each name the translation writes in a form of its own (Abraham
/// «إبراهيم», Pharaoh «فرعون»), learned from the document: the word found in most of the name's
/// beads and in fewer of the others. Sorted by name text, for a fixed order.
#[allow(clippy::type_complexity)]
fn own_forms(
    per_bead: &[(
        Vec<usize>,
        Vec<usize>,
        Vec<NameWord>,
        Vec<ArWord>,
        Vec<bool>,
        Vec<bool>,
        usize,
    )],
    own_form: &HashSet<String>,
) -> Vec<(String, String)> {
    if own_form.is_empty() {
        return Vec::new();
    }
    // Beads holding each candidate form, and each own-form name.
    let mut form_beads: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut name_beads: HashMap<&str, Vec<usize>> = HashMap::new();
    for (b, (_, _, names, ar, _, _, _)) in per_bead.iter().enumerate() {
        // Only words rendering nothing else of the source: a transliterated neighbour (Silver
        // of Silver Shipping) is no form of the name beside it.
        for w in ar.iter().filter(|w| !w.explained) {
            for f in form_candidates(&w.norm) {
                let v = form_beads.entry(f).or_default();
                if v.last() != Some(&b) {
                    v.push(b);
                }
            }
        }
        for n in names.iter().filter(|n| own_form.contains(&n.text)) {
            let v = name_beads.entry(n.text.as_str()).or_default();
            if v.last() != Some(&b) {
                v.push(b);
            }
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, beads) in &name_beads {
        let with = |f: &str| {
            form_beads
                .get(f)
                .map_or(0, |v| v.iter().filter(|b| beads.contains(b)).count())
        };
        // Candidates: every form of the name's beads; the best is in most of them and least
        // outside them.
        let mut candidates: Vec<&str> = beads
            .iter()
            .flat_map(|&b| per_bead[b].3.iter())
            .filter(|w| !w.explained)
            .flat_map(|w| form_candidates(&w.norm))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .map(|f| {
                let inside = with(f);
                let outside = form_beads.get(f).map_or(0, Vec::len) - inside;
                (inside, outside, f)
            })
            .filter(|&(inside, outside, _)| {
                inside >= OWN_FORM_MIN_BEADS && 2 * inside > beads.len() && outside < inside
            })
            .max_by(|a, b| {
                (a.0 as isize - a.1 as isize, a.2.chars().count(), b.2).cmp(&(
                    b.0 as isize - b.1 as isize,
                    b.2.chars().count(),
                    a.2,
                ))
            });
        if let Some((_, _, f)) = best {
            out.push((name.to_string(), f.to_string()));
        }
    }
    out.sort();
    out
}

/// A distinct name text of the source: where it occurs, grouped by the other words of the name
/// it occurs in (its "mates": Lloyd for Austin in Lloyd Austin).
struct NameText<'a> {
    text: &'a str,
    /// (mates, the first sentences holding the text with those mates — enough to find one
    /// outside any bead, which holds at most three source sentences).
    groups: Vec<(Vec<&'a str>, Vec<usize>)>,
}

/// The source's names that each Arabic word (by its normalised form) transliterates on strong
/// evidence, worked out once per distinct word against the distinct name texts: the swap search
/// asks this of every Arabic word for every missing name, and comparing with every name of the
/// document each time would be quadratic in its length.
struct StrongMatches<'a> {
    /// In order of first occurrence in the source.
    texts: Vec<NameText<'a>>,
    memo: RefCell<HashMap<String, Rc<Vec<usize>>>>,
}

impl<'a> StrongMatches<'a> {
    fn new(names: &'a [NameWord], names_of_sentence: &[Vec<usize>]) -> Self {
        const SENTENCES_KEPT: usize = 4;
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut texts: Vec<NameText> = Vec::new();
        for n in names {
            let t = *at.entry(n.text.as_str()).or_insert_with(|| {
                texts.push(NameText {
                    text: n.text.as_str(),
                    groups: Vec::new(),
                });
                texts.len() - 1
            });
            let mut mates: Vec<&str> = names_of_sentence
                .get(n.sentence)
                .into_iter()
                .flatten()
                .map(|&k| &names[k])
                .filter(|p| p.phrase == n.phrase && p.token != n.token)
                .map(|p| p.text.as_str())
                .collect();
            mates.sort_unstable();
            mates.dedup();
            let groups = &mut texts[t].groups;
            match groups.iter_mut().find(|(m, _)| *m == mates) {
                Some((_, sentences)) => {
                    if sentences.len() < SENTENCES_KEPT && !sentences.contains(&n.sentence) {
                        sentences.push(n.sentence);
                    }
                }
                None => groups.push((mates, vec![n.sentence])),
            }
        }
        StrongMatches {
            texts,
            memo: RefCell::new(HashMap::new()),
        }
    }

    /// Indices into `texts` of the names `ar_norm` matches strongly.
    fn of(&self, sk: &Skeletons, ar_norm: &str) -> Rc<Vec<usize>> {
        if let Some(v) = self.memo.borrow().get(ar_norm) {
            return v.clone();
        }
        let found: Rc<Vec<usize>> = Rc::new(
            self.texts
                .iter()
                .enumerate()
                .filter(|(_, t)| sk.names_match_strongly(ar_norm, t.text))
                .map(|(k, _)| k)
                .collect(),
        );
        self.memo
            .borrow_mut()
            .insert(ar_norm.to_string(), found.clone());
        found
    }
}

/// Sound classes a name must have for one Arabic word matching it to be evidence of a swap
/// (three are what most Arabic words have: a root).
const LONG_NAME_CLASSES: usize = 4;

/// The word after a one-letter preposition (ب, ل, ك, after و/ف), where the document also writes
/// it without one (alone, after و/ف, or with the article; `document` holds its words without
/// و/ف): then the preposition is a clitic, not a letter of
/// the word. «بغداد» keeps its ب: «غداد» is written nowhere.
fn attested_stem<'w>(norm: &'w str, document: &HashSet<String>) -> Option<&'w str> {
    let rest = arabic::without_conjunction(norm).strip_prefix(['ب', 'ل', 'ك'])?;
    (rest.chars().count() >= 3
        && (document.contains(rest) || document.contains(&format!("ال{rest}"))))
    .then_some(rest)
}

/// Attached pronouns a name never takes («بربهم» "by their Lord", «أحبارهم» "their rabbis"). The
/// one-letter «ه» and «نا» are left out: names end in them («طه», «لينا»).
const PRONOUN_SUFFIXES: &[&str] = &["هما", "كما", "هم", "هن", "كم", "ها"];

/// Whether a word may be a name at all, whatever its letters spell: no attached pronoun after
/// a stem of three letters. A swap read into «بربهم» (b-r-b-h-m) for Abraham counts the
/// preposition and the pronoun as letters of a name.
fn may_be_a_name(norm: &str) -> bool {
    !PRONOUN_SUFFIXES.iter().any(|p| {
        norm.strip_suffix(p)
            .is_some_and(|stem| arabic::without_conjunction(stem).chars().count() >= 3)
    })
}

/// Arabic particles (normalised) that stand beside a name and are never part of it, so never
/// written together with it as a name's second part. «من» stays out: with a neighbour it
/// writes words («هيمن») that other tests of a sentence rely on.
const ARABIC_PARTICLES: &[&str] = &[
    "ان",
    "في",
    "على",
    "عن",
    "الي",
    "مع",
    "قد",
    "لا",
    "لم",
    "لن",
    "ما",
    "او",
    "ثم",
    "هو",
    "هي",
    "انه",
    "انها",
    "التي",
    "الذي",
    "الذين",
    "لدي",
    "عند",
    "بعد",
    "قبل",
];

/// Whether some Arabic word (alone, or written together with the next) transliterates `name`.
fn renders_word<'a>(
    sk: &Skeletons,
    ar: impl IntoIterator<Item = &'a ArWord> + Clone,
    name: &NameWord,
) -> bool {
    // A word that renders another word of the source by its meaning («الأغذية» for "food") is
    // not also this name's transliteration (Gedo), nor is a definite title (`ArWord::title`);
    // one the lexicon gives for the name itself («مريم» for Mary) is.
    let usable = |w: &ArWord| {
        (!w.lexical && !w.title) || w.concepts.iter().any(|c| name.concepts.contains(c))
    };
    renders(sk, ar.clone(), &name.text, usable)
        || english_singular(&name.text).is_some_and(|s| renders(sk, ar.clone(), s, usable))
        || name
            .compound
            .as_deref()
            .is_some_and(|c| renders(sk, ar, c, usable))
}

/// The singular of a name in the English plural ("two F-15E Strike Eagles", "the Reapers"):
/// Arabic transliterates the name as such («سترايك إيغل») and marks the number, if at all, on
/// the noun before it. Only the regular -s after a letter other than s, u or i (Harris, Cyrus
/// and Paris are no plurals).
fn english_singular(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    (stem.chars().count() >= 4 && !stem.ends_with(['s', 'u', 'i', '\''])).then_some(stem)
}

fn renders<'a>(
    sk: &Skeletons,
    ar: impl IntoIterator<Item = &'a ArWord>,
    name: &str,
    usable: impl Fn(&ArWord) -> bool,
) -> bool {
    ar.into_iter().filter(|w| usable(w)).any(|w| {
        sk.names_match(&w.norm, name)
            || w.joined.as_deref().is_some_and(|j| {
                // The two words written together render the name only where the second alone
                // does not: a title before a name («اللواء روبرت») is no part of it.
                let second = j.get(w.norm.len()..).unwrap_or("");
                !sk.names_match(second, name) && sk.names_match(j, name)
            })
    })
}

/// What the tests of a name's rendering read of it: its text, its compound form, its concepts.
type NameKey<'a> = (&'a str, Option<&'a str>, &'a [u32]);

/// The words of `ar` with distinct readings (form, joined form, lexical reading, concepts): all
/// that the tests of whether a name is rendered look at.
fn distinct_words(ar: &[ArWord]) -> Vec<&ArWord> {
    let mut seen = HashSet::new();
    ar.iter()
        .filter(|w| {
            seen.insert((
                w.norm.as_str(),
                w.joined.as_deref(),
                w.lexical,
                w.concepts.as_slice(),
            ))
        })
        .collect()
}

/// The whole name a word belongs to, as the source writes it.
fn full_name(ctx: &Context, names: &[NameWord], name: &NameWord) -> String {
    let parts: Vec<&NameWord> = names
        .iter()
        .filter(|o| o.sentence == name.sentence && o.phrase == name.phrase)
        .collect();
    match (parts.first(), parts.last()) {
        (Some(a), Some(b)) => char_slice(&ctx.src[name.sentence], a.start, b.end).to_string(),
        _ => name.text.clone(),
    }
}

/// Whether two stretches (start, end; characters) of an English sentence are coordinated: a
/// comma alone between them ("Bay, Bakool"), or "and" / "or" among the few words between them
/// ("Rafah and Kerem Shalom", "AURORA STAR (IMO 9223518) and the Comoros-flagged MARLIN").
fn coordinated(text: &str, a: (usize, usize), b: (usize, usize)) -> bool {
    const MAX_WORDS_BETWEEN: usize = 6;
    let (first, second) = if a.0 < b.0 { (a, b) } else { (b, a) };
    if first.1 > second.0 {
        return false;
    }
    let between = char_slice(text, first.1, second.0);
    if between.contains(['.', ';', ':', '!', '?']) {
        return false;
    }
    let words: Vec<String> = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (words.is_empty() && between.trim() == ",")
        || (words.len() <= MAX_WORDS_BETWEEN && words.iter().any(|w| w == "and" || w == "or"))
}

/// Whether an Arabic word sits inside a name: right after a patronymic or kunya particle, or
/// between two rendered parts of the name.
fn enclosed(w: &ArWord, ar: &[ArWord], parts: &[&ArWord]) -> bool {
    let at = |t: Option<usize>| {
        t.and_then(|t| ar.iter().find(|x| x.sentence == w.sentence && x.token == t))
    };
    let before = at(w.token.checked_sub(1));
    let after = at(Some(w.token + 1));
    let part = |x: Option<&ArWord>| {
        x.is_some_and(|x| {
            parts
                .iter()
                .any(|p| p.token == x.token && p.sentence == x.sentence)
        })
    };
    before.is_some_and(|b| matches!(b.norm.as_str(), "بن" | "ابن" | "بنت" | "ابو" | "عبد"))
        || (part(before) && part(after))
}

/// Whether an Arabic word is next to one of `slot` (within one word either side, same sentence).
fn adjacent(w: &ArWord, slot: &[&ArWord]) -> bool {
    slot.iter()
        .any(|s| s.sentence == w.sentence && s.token != w.token && s.token.abs_diff(w.token) <= 1)
}

/// Source words either side of a name looked at for its place, at most.
const AROUND_REACH: usize = 5;

/// The Arabic words rendering the source words just around a name (two content words either
/// side): where the name's own rendering should be. Each with whether its source word comes
/// before the name (a title or rank counts as before: it precedes the name in Arabic too).
fn anchors_around<'a>(ctx: &Context, ar: &'a [ArWord], name: &NameWord) -> Vec<(&'a ArWord, bool)> {
    let concepts = &ctx.words.en(name.sentence).concepts;
    // Titles and ranks (الفريق, الوزير) stand right before a name in Arabic too.
    let mut out: Vec<(&ArWord, bool)> = ar
        .iter()
        .filter(|w| w.concepts.iter().any(|&c| ctx.lexicon.is_title(c)))
        .map(|w| (w, true))
        .collect();
    let toks = &ctx.words.en(name.sentence).toks;
    // A closed-class word ("when", "of") marks no place, whatever a dictionary offers for it:
    // the two content words on each side do, within a few words.
    let content = |x: &usize| {
        *x != name.token
            && toks.get(*x).is_some_and(|t| {
                t.kind == TokenKind::Word && !is_closed_class(&t.text.to_lowercase())
            })
            && concepts
                .get(*x)
                .is_some_and(|c| !c.iter().all(|&c| ctx.lexicon.is_function(c)))
    };
    let before = (name.token.saturating_sub(AROUND_REACH)..name.token)
        .rev()
        .filter(content)
        .take(2);
    let after = (name.token + 1..(name.token + 1 + AROUND_REACH).min(concepts.len()))
        .filter(content)
        .take(2);
    for x in before.chain(after) {
        let around = &concepts[x];
        out.extend(
            ar.iter()
                .filter(|w| w.concepts.iter().any(|c| around.contains(c)))
                .map(|w| (w, x < name.token)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;

    /// Name flags of a one-sentence pair, with the reliability gate passed by matching names.
    /// The texts of the flags' spans.
    fn span_texts(f: &[Flag]) -> Vec<&str> {
        f.iter()
            .filter_map(|x| x.span.as_ref())
            .map(|s| s.text.as_str())
            .collect()
    }

    fn flags(en: &[&str], ar: &[&str]) -> Vec<Flag> {
        crate::flag::with_parallel_beads(Lexicon::builtin(), en, ar, detect)
    }

    #[test]
    fn a_name_given_before_and_left_out_has_no_stand_in_the_dictionary_merely_lacks() {
        // The second sentence leaves the boats' name out; «زورقا» (boat, accusative) is a word
        // the glossary lacks, not another name.
        let en = [
            "Minister Laila Haddad approved the purchase of Sea Falcon patrol boats for the coast guard.",
            "The coast guard asked to buy twelve (12) Sea Falcon patrol boats; thirty (30) outboard motors (28 installed, 2 spares); and radar kits.",
        ];
        let ar = [
            "ووافقت الوزيرة ليلى حداد على شراء زوارق دورية من طراز «سي فالكون» لخفر السواحل.",
            "وتشمل الصفقة اثني عشر زورقا و30 محركا خارجيا، منها 28 محركا مركبا ومحركان احتياطيان، وأجهزة رادار.",
        ];
        assert!(flags(&en, &ar).is_empty(), "{:?}", flags(&en, &ar));
    }

    /// An exercise's name translated word for word inside quotation marks that hold its number
    /// («درع الصحراء 24» for "Desert Shield 24") renders the name; quoted with another number,
    /// the words have no such evidence.
    #[test]
    fn a_name_translated_in_quotes_with_its_number_is_rendered() {
        let lead = ["Minister Laila Haddad opened the session in Amman."];
        let lead_ar = ["وافتتحت الوزيرة ليلى حداد الجلسة في عمّان."];
        let en = [
            lead[0],
            "Officials praised the exercise Desert Shield 24 in Jordan.",
        ];
        let ar = |second: &str| [lead_ar[0], second].map(str::to_string);
        let kept = ar("وأشاد المسؤولون بالتمرين «درع الصحراء 24» في الأردن.");
        let kept: Vec<&str> = kept.iter().map(String::as_str).collect();
        assert!(flags(&en, &kept).is_empty(), "{:?}", flags(&en, &kept));
        let bare = ar("وأشاد المسؤولون بالتمرين «درع الصحراء 25» في الأردن.");
        let bare: Vec<&str> = bare.iter().map(String::as_str).collect();
        assert!(!flags(&en, &bare).is_empty());
    }

    /// A definite title («العميد» for an abbreviated "Brig. Gen." the dictionary does not read)
    /// spells no name of the sentence, however near its letters come (Ahmed): the name replaced
    /// further on is still found.
    #[test]
    fn a_title_spells_no_name() {
        let en = [
            "Minister Laila Haddad praised the training partnership with the Navy.",
            "Brig. Gen. Nawaf Salem said the missiles will reach Ahmed Al Jaber Air Base in May.",
        ];
        let lead = "وأشادت الوزيرة ليلى حداد بالشراكة التدريبية مع البحرية.";
        let kept = "وقال العميد نواف سالم إن الصواريخ ستصل إلى قاعدة أحمد الجابر الجوية في مايو.";
        assert!(flags(&en, &[lead, kept]).is_empty());
        let swapped =
            "وقال العميد نواف سالم إن الصواريخ ستصل إلى قاعدة ماجد الجابر الجوية في مايو.";
        assert_eq!(span_texts(&flags(&en, &[lead, swapped])), ["ماجد"]);
    }

    #[test]
    fn abdel_and_abdul_are_abd_with_the_article_of_the_next_part() {
        let en = [
            "Minister Laila Haddad praised the training partnership with the Navy.",
            "Brig. Tarek Abdel-Rahman Saber and Col. Nabil Abdul Karim attended.",
        ];
        for ar in [
            "وحضر العميد طارق عبد الرحمن صابر والعقيد نبيل عبد الكريم.",
            "وحضر العميد طارق عبدالرحمن صابر والعقيد نبيل عبدالكريم.",
        ] {
            let f = flags(
                &en,
                &[
                    "وأشادت الوزيرة ليلى حداد بالشراكة التدريبية مع البحرية.",
                    ar,
                ],
            );
            assert!(f.is_empty(), "{ar}: {f:?}");
        }
    }

    #[test]
    fn a_name_left_out_of_a_coordination_is_omitted() {
        let en = [
            "Minister Laila Haddad praised the training partnership with the Navy.",
            "Trucks will enter through the Zarqit and Bel Harun crossings from Monday.",
        ];
        let kept = [
            "وأشادت الوزيرة ليلى حداد بالشراكة التدريبية مع البحرية.",
            "وستدخل الشاحنات عبر معبري زرقيت وبيل هارون يوم الاثنين.",
        ];
        assert!(flags(&en, &kept).is_empty());
        let dropped = [kept[0], "وستدخل الشاحنات عبر معبر زرقيت يوم الاثنين."];
        let f = flags(&en, &dropped);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FlagKind::Omission, "{f:?}");
        assert_eq!(
            f[0].span.as_ref().map(|s| s.text.as_str()),
            Some("Bel Harun")
        );
        // A name given by what the person is, not coordinated with another, is no such omission.
        let en = [
            "Minister Laila Haddad praised the training partnership with the Navy.",
            "Deputy Secretary Corwin said the talks would resume in May.",
        ];
        let ar = [
            kept[0],
            "وقال المسؤول الأمريكي إن المحادثات ستستأنف في أيار.",
        ];
        assert!(!flags(&en, &ar).iter().any(|f| f.kind == FlagKind::Omission));
    }

    #[test]
    fn a_rank_before_initials_is_no_name() {
        // "Gen." ends the run of capitals because the initials after it are in capitals; the
        // point after it is an abbreviation's, no full stop, so it is no name of its own.
        let en = [
            "Minister Laila Haddad praised the training partnership with the Navy.",
            "Chairman of the Joint Chiefs of Staff Gen. JT Hollis and Ambassador to Jordan Lisa M. Grant also attended.",
        ];
        let ar = [
            "وأشادت الوزيرة ليلى حداد بالشراكة التدريبية مع البحرية.",
            "وحضر أيضا رئيس هيئة الأركان المشتركة الجنرال جيمس هوليس وسفيرة الولايات المتحدة لدى الأردن ليزا م. غرانت.",
        ];
        let f = flags(&en, &ar);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_name_in_the_plural_is_rendered_by_its_singular() {
        let en = [
            "Minister Laila Haddad praised the training partnership with the Navy.",
            "Three Gripen fighters and two Sea Kestrels flew over the harbor.",
        ];
        let ar = [
            "وأشادت الوزيرة ليلى حداد بالشراكة التدريبية مع البحرية.",
            "وحلقت ثلاث مقاتلات «غريبن» ومروحيتان من طراز «سي كيستريل» فوق الميناء.",
        ];
        let f = flags(&en, &ar);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(english_singular("Kestrels"), Some("Kestrel"));
        assert_eq!(english_singular("Harris"), None);
        assert_eq!(english_singular("Cyrus"), None);
    }

    #[test]
    fn clitics_are_no_letters_of_a_swapped_name() {
        let en = [
            "Abraham went to the city of Ur.",
            "They believed in their Lord and prayed at night.",
            "The people of the city feared the Mercy of their Lord.",
            "The mercy of God is near.",
            "And they went out with Moses at dawn.",
        ];
        let ar = [
            "ذهب إبراهيم إلى مدينة أور.",
            // «بربهم» (by their Lord) spells b-r-b-h-m, «برحمة» (with mercy) b-r-h-m: only
            // with the preposition and the pronoun counted as letters of Abraham.
            "وآمنوا بربهم وصلوا في الليل.",
            "وخاف أهل المدينة برحمة ربهم.",
            "الرحمة قريبة.",
            // A name after a preposition is still a name: Abraham given for Moses.
            "وخرجوا بإبراهيم عند الفجر.",
        ];
        let swapped: Vec<Vec<usize>> = flags(&en, &ar)
            .into_iter()
            .filter(|f| f.kind == FlagKind::NameMismatch)
            .map(|f| f.tgt)
            .collect();
        assert_eq!(swapped, vec![vec![4]]);
        assert!(!may_be_a_name("بربهم"));
        assert!(may_be_a_name("ابراهيم"));
        assert!(may_be_a_name("طه"));
    }

    /// A first pair whose name is transliterated: it passes the document's reliability gate.
    const LEAD: (&str, &str) = (
        "Minister Hamad Al Harthy opened the meeting.",
        "افتتح الوزير حمد الحارثي الاجتماع.",
    );

    /// The flags of one sentence pair given after the lead pair.
    fn after_lead(en: &str, ar: &str) -> Vec<Flag> {
        flags(&[LEAD.0, en], &[LEAD.1, ar])
    }

    /// The spans of the title flags.
    fn titles(f: Vec<Flag>) -> Vec<String> {
        f.into_iter()
            .filter(|f| f.subkind.as_deref() == Some("title"))
            .filter_map(|f| f.span.map(|s| s.text))
            .collect()
    }

    #[test]
    fn a_rank_the_arabic_drops_before_a_name_is_flagged() {
        let (lead, lead_ar) = LEAD;
        let en = "Lt. Gen. Oren Kessler and Col. Marta Ruiz attended the talks.";
        let kept = "وحضر المحادثات الفريق أورين كيسلر والعقيد مارتا رويز.";
        assert!(titles(after_lead(en, kept)).is_empty());
        let dropped = "وحضر المحادثات أورين كيسلر والعقيد مارتا رويز.";
        assert_eq!(
            titles(after_lead(en, dropped)),
            vec!["أورين كيسلر".to_string()]
        );
        // A later mention by surname, once the Arabic has given the rank, loses nothing.
        let later = "Kessler said Lt. Gen. Kessler would return.";
        assert!(titles(flags(
            &[lead, en, later],
            &[lead_ar, kept, "وقال كيسلر إنه سيعود."]
        ))
        .is_empty());
        // "General" after an office is the office's ("Secretary General"): no rank to keep.
        let en = "The ministers met with Arab League Secretary General Nadir Fawzan and Army General Tomas Lind.";
        let ar = "والتقى الوزراء الأمين العام لجامعة الدول العربية نادر فوزان والجنرال توماس ليند.";
        assert!(titles(after_lead(en, ar)).is_empty());
        let ar = "والتقى الوزراء الأمين العام لجامعة الدول العربية نادر فوزان وتوماس ليند.";
        assert_eq!(titles(after_lead(en, ar)), vec!["وتوماس ليند".to_string()]);
        // The service named between the rank and the name keeps the rank.
        let en = "The exercise was led by Brig. Gen. Hanna Voss.";
        let ar = "وقادت التمرين العميد في سلاح الجو الأمريكي هانا فوس.";
        assert!(titles(after_lead(en, ar)).is_empty());
        // A clause between them is no service phrase: the name stands without its rank.
        let ar = "وقادت التمرين العميد الذي وصل أمس، هانا فوس.";
        assert_eq!(titles(after_lead(en, ar)), vec!["هانا فوس".to_string()]);
    }

    /// One Arabic word spells one name: «الحارثي» is al-Harthy's, so Harris replaced by
    /// another name beside it is found, although ث may be written s (Osman «عثمان»).
    #[test]
    fn a_word_spells_the_name_it_spells_best() {
        let en = "The talks were co-chaired by Laura Harris and Sheikh Salim al-Harthy in Muscat.";
        let name_flags = |ar: &str| -> usize {
            after_lead(en, ar)
                .into_iter()
                .filter(|f| f.kind == FlagKind::NameMismatch)
                .count()
        };
        assert_eq!(
            name_flags("وترأس المحادثات كل من لورا هاريس والشيخ سالم الحارثي في مسقط."),
            0
        );
        assert_eq!(
            name_flags("وترأس المحادثات كل من لورا بيكر والشيخ سالم الحارثي في مسقط."),
            1
        );
    }

    /// A royal title before a name ("His Majesty King Talal") is a title rendered by its
    /// meaning («جلالة الملك طلال»), not a personal name garbled into a dictionary word.
    /// A plural of a common word ends the name of an office ("Jordanian Expatriates"), as a
    /// title does: the person's name follows it, and the office may be rendered by words of its
    /// own («الأردنيين بالخارج»), no stand-in for a name.
    #[test]
    fn a_plural_of_a_common_word_ends_an_office_not_a_name() {
        // Dictionaries that know the word and the Arabic one (as FreeDict does: its Arabic
        // entries are capitalised, "Abroad"), not the phrase.
        let mut lex = Lexicon::builtin().clone();
        lex.add_pairs(
            [("expatriate", "مغترب"), ("Abroad", "بالخارج")]
                .map(|(e, a)| (e.to_string(), a.to_string())),
        );
        let en = [
            "The United States and the Hashemite Kingdom of Jordan held their fourth Strategic Dialogue in Amman on May 4–5, 2026.",
            "The dialogue was co-chaired by Secretary of State Mark Ellison and Jordanian Minister of Foreign Affairs, Emigration and Jordanian Expatriates Rami Khoury.",
            "The two delegations reviewed cooperation on border security, water and refugee assistance.",
            "Secretary Ellison thanked Minister Khoury for Jordan's hosting of more than 600,000 refugees.",
            "The next round will be held in Washington in 2027.",
        ];
        let ar = [
            "عمان - وكالة الأنباء",
            "اختتمت في عمان أعمال الحوار الاستراتيجي الأردني الأمريكي الرابع، الذي انعقد يومي 4 و5 مايو 2026 برئاسة وزير الخارجية والهجرة وشؤون الأردنيين بالخارج رامي خوري ونظيره الأمريكي مارك إليسون.",
            "واستعرض الوفدان التعاون في مجالات أمن الحدود والمياه ومساعدة اللاجئين.",
            "وشكر إليسون الوزير خوري على استضافة الأردن أكثر من 600 ألف لاجئ.",
            "وستعقد الجولة المقبلة في واشنطن عام 2027.",
        ];
        let beads: Vec<crate::align::Bead> = [
            (vec![], vec![0]),
            (vec![0, 1], vec![1]),
            (vec![2], vec![2]),
            (vec![3], vec![3]),
            (vec![4], vec![4]),
        ]
        .into_iter()
        .map(|(src, tgt)| crate::align::Bead {
            src,
            tgt,
            score: 1.0,
        })
        .collect();
        let f: Vec<Flag> = crate::flag::with_beads(&lex, &en, &ar, &beads, detect)
            .into_iter()
            .filter(|f| f.kind == FlagKind::NameMismatch)
            .collect();
        assert!(f.is_empty(), "{f:?}");
    }

    /// A surname in -s is no plural, even where a dictionary lists it as a name and finds it
    /// by stem ("harri" for Harris): given as another name, it is flagged.
    #[test]
    fn a_surname_in_s_is_no_plural() {
        let mut lex = Lexicon::builtin().clone();
        lex.add_pairs([("Harris".to_string(), "هاريس".to_string())]);
        let en = [
            LEAD.0,
            "Ambassador Laura Harris met the minister on Monday.",
        ];
        let ar = [LEAD.1, "والتقت السفيرة لورا بيكر الوزير يوم الاثنين."];
        let f = crate::flag::with_parallel_beads(&lex, &en, &ar, detect);
        assert_eq!(span_texts(&f), vec!["بيكر"]);
    }

    #[test]
    fn a_royal_title_rendered_by_its_meaning_is_no_garbled_name() {
        let en = "The envoy conveyed greetings to His Majesty King Talal and Crown Prince Faisal.";
        let ar = "ونقل المبعوث تحياته إلى جلالة الملك طلال وولي العهد الأمير فيصل.";
        let f: Vec<Flag> = after_lead(en, ar)
            .into_iter()
            .filter(|f| f.kind == FlagKind::NameMismatch)
            .collect();
        assert!(f.is_empty(), "{f:?}");
    }

    /// "Al" before a family name is the Arabic article, which the Arabic writes anyway: it is
    /// no evidence that the family name is spelled, and a different family name beside the
    /// rendered given name is flagged.
    #[test]
    fn a_family_name_after_al_replaced_by_another_is_flagged() {
        let en = "The envoy thanked Deputy Minister Nasser bin Hamad Al Marzouqi for his help.";
        let spelled = "وشكر المبعوث نائب الوزير ناصر بن حمد المرزوقي على مساعدته.";
        let name_flags = |ar: &str| -> Vec<String> {
            after_lead(en, ar)
                .into_iter()
                .filter(|f| f.kind == FlagKind::NameMismatch)
                .filter_map(|f| f.span.map(|s| s.text))
                .collect()
        };
        assert!(name_flags(spelled).is_empty());
        // «المرزوري»: one consonant changed (q → r), a different family; with the article
        // counted as a letter of the name it was four of five alike.
        let replaced = "وشكر المبعوث نائب الوزير ناصر بن حمد المرزوري على مساعدته.";
        assert_eq!(name_flags(replaced), vec!["المرزوري".to_string()]);
    }

    #[test]
    fn a_graded_rank_given_as_another_rank_is_flagged() {
        let en = "Lt. Gen. Oren Kessler and Vice Adm. Dana Whitcomb attended the talks.";
        let kept = "وحضر المحادثات الفريق أورين كيسلر ونائب الأدميرال دانا ويتكومب.";
        assert!(titles(after_lead(en, kept)).is_empty());
        // A major general's rank for the lieutenant general, a rear admiral's for the vice admiral.
        let changed = "وحضر المحادثات اللواء أورين كيسلر واللواء البحري دانا ويتكومب.";
        let got = titles(after_lead(en, changed));
        assert_eq!(
            got,
            vec!["اللواء".to_string(), "واللواء البحري".to_string()]
        );
    }

    #[test]
    fn a_listed_camp_replaced_by_a_name_a_lower_case_dictionary_knows_is_flagged() {
        // A dictionary that writes its headwords in lower case and lists proper names (as the
        // FreeDict English–Arabic index does): the camp's name and the intruder are both in it.
        let mut lex = Lexicon::new();
        lex.load_glossary(include_str!("../anchors/data/glossary.tsv"));
        lex.add_pairs([
            ("holloway".to_string(), "هولواي".to_string()),
            ("preston".to_string(), "بريستون".to_string()),
        ]);
        let en = [
            LEAD.0,
            "She thanked Qatar for hosting troops at Camp Sayliyah, Camp Holloway, and the air base.",
        ];
        let flags = |ar: &str| crate::flag::with_parallel_beads(&lex, &en, &[LEAD.1, ar], detect);
        let kept = flags("وشكرت قطر على استضافة القوات في معسكري السيلية وهولواي والقاعدة الجوية.");
        assert!(kept.is_empty(), "{kept:?}");
        let swapped =
            flags("وشكرت قطر على استضافة القوات في معسكري السيلية وبريستون والقاعدة الجوية.");
        assert!(
            swapped.iter().any(|f| f.kind == FlagKind::NameMismatch
                && f.span.as_ref().is_some_and(|s| s.text == "وبريستون")),
            "{swapped:?}"
        );
    }

    #[test]
    fn a_two_word_rank_given_as_another_rank_is_flagged() {
        // "Brig. Gen." is one rank, a brigadier general's («العميد»); «اللواء» is a major
        // general's, although its English holds the word "general" too.
        let en = "Brig. Gen. Ines Okafor and Maj. Gen. Tomas Brandt inspected the depot.";
        let kept = "وتفقد العميد إينيس أوكافور واللواء توماس برانت المستودع.";
        assert!(titles(after_lead(en, kept)).is_empty());
        let changed = "وتفقد اللواء إينيس أوكافور واللواء توماس برانت المستودع.";
        assert_eq!(titles(after_lead(en, changed)), vec!["اللواء".to_string()]);
        let en = "Brig. Gen. Robert K. Morrow, head of logistics at U.S. Africa Command, briefed the officers on the schedule, which is not expected to slip.";
        let changed = "وأطلع اللواء روبرت موروو، رئيس الإمداد في القيادة الأمريكية لأفريقيا، الضباط على الجدول الزمني، الذي لا يُتوقع أن يتأخر.";
        assert_eq!(titles(after_lead(en, changed)), vec!["اللواء".to_string()]);
    }

    #[test]
    fn an_acronym_written_as_a_word_in_arabic_letters_renders_its_name() {
        let en = "The envoy met the Intergovernmental Authority on Development (IGAD) and Ambassador Lena Moss.";
        let ar = "والتقى المبعوث الهيئة الحكومية الدولية للتنمية (إيغاد) والسفيرة لينا موس.";
        assert!(after_lead(en, ar).is_empty());
    }

    #[test]
    fn two_names_that_trade_places_between_figures_are_swapped() {
        // A first pair gives the document's transliteration rate.
        // The last name ends the sentence after a title: "Rudd." is no abbreviation.
        let en = "Brigade 12 is led by Col. Marcus Webb and Brigade 40 by Col. Tomas Rudd.";
        let faithful = "ويقود اللواء 12 العقيد ماركوس ويب واللواء 40 العقيد توماس رود.";
        assert!(after_lead(en, faithful).is_empty());
        // Each name moved where the other stands, as the figures place them.
        let swapped = "ويقود اللواء 12 العقيد توماس رود واللواء 40 العقيد ماركوس ويب.";
        let f = after_lead(en, swapped);
        let spans = span_texts(&f);
        assert_eq!(spans.len(), 2, "{f:?}");
        assert!(spans.contains(&"توماس رود") && spans.contains(&"ماركوس ويب"));
        assert!(f.iter().all(|f| f.severity == Severity::High));
        // Names put before their figures (head-final phrasing) keep their slots in order.
        let shifted = "ويقود العقيد ماركوس ويب اللواء 12 والعقيد توماس رود اللواء 40.";
        assert!(after_lead(en, shifted).is_empty());
    }

    #[test]
    fn institutions_are_not_names_and_transliterations_are_found() {
        let f = flags(
            &[
                "Vice Adm. George Hensley met Rachel Harris of the Royal Navy and Homeland Security officials in Jiddah.",
                "Sheikh Hilal al-Harthy thanked Charles Hussein.",
            ],
            &[
                "التقى نائب الأدميرال جورج هنسلي ريتشل هاريس من البحرية الملكية ومسؤولين في الأمن الداخلي في جدة.",
                "وشكر الشيخ هلال الحارثي تشارلز حسين.",
            ],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_replaced_name_is_found() {
        let f = flags(
            &[
                "Secretary Lloyd Austin met Minister Karen Lambert in Amman.",
                "Lambert and Austin discussed border security.",
            ],
            &[
                "التقى الوزير لويد هاريسون الوزيرة كارين لامبرت في عمان.",
                "وبحث لامبرت وأوستن أمن الحدود.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].span.as_ref().unwrap().text, "هاريسون");
    }

    #[test]
    fn a_replacement_the_dictionary_reads_as_a_word_or_a_place_is_found() {
        // Two sentences whose names are transliterated pass the reliability gate; in each, one
        // name is replaced by a word the dictionary knows only as a place, or only by cutting
        // it, or by the next item of a list.
        let en = [
            "Colonel Rashid Karim al-Nuaimi inspected the depot with Major Omar Haddad.",
            "The committee will meet weekly in the town of al-Khawkhah, west of al-Mukha.",
            "The engineers trained at Camp Dawson and Camp Merrill with Omar Haddad.",
        ];
        let ar = [
            "تفقد العقيد سلمان كريم النعيمي المستودع مع الرائد عمر حداد.",
            "ستجتمع اللجنة أسبوعيا في بلدة بغداد غرب المخا.",
            "تدرب المهندسون في معسكري داوسون وبيكر مع عمر حداد.",
        ];
        let f = flags(&en, &ar);
        let spans: Vec<&str> = f
            .iter()
            .map(|f| f.span.as_ref().unwrap().text.as_str())
            .collect();
        assert!(spans.contains(&"سلمان"), "{f:?}");
        assert!(spans.contains(&"بغداد"), "{f:?}");
        assert!(spans.contains(&"وبيكر"), "{f:?}");
        // Rendered faithfully: nothing.
        let faithful = [
            "تفقد العقيد راشد كريم النعيمي المستودع مع الرائد عمر حداد.",
            "ستجتمع اللجنة أسبوعيا في بلدة الخوخة غرب المخا.",
            "تدرب المهندسون في معسكري داوسون وميريل مع عمر حداد.",
        ];
        assert!(
            flags(&en, &faithful).is_empty(),
            "{:?}",
            flags(&en, &faithful)
        );
    }

    #[test]
    fn a_name_shown_elsewhere_is_a_name_where_the_arabic_drops_it() {
        // "Grant" is a word the lexicon knows; the first sentence shows it is a name, so the
        // second, whose Arabic names someone else, is read with it as one.
        let en = [
            "Senator Grant Whitaker visited the port with Omar Haddad.",
            "The crews were later thanked by Grant in the harbour.",
        ];
        let ar = [
            "زار السيناتور غرانت ويتاكر الميناء مع عمر حداد.",
            "وشكر هاريسون الطواقم لاحقا في الميناء.",
        ];
        let f = flags(&en, &ar);
        assert!(
            f.iter().any(|f| f.span.as_ref().unwrap().text == "هاريسون"),
            "{f:?}"
        );
        let faithful = [ar[0], "وشكر غرانت الطواقم لاحقا في الميناء."];
        assert!(flags(&en, &faithful).is_empty());
    }

    #[test]
    fn a_name_replaced_inside_a_list_of_names_is_found() {
        // Nothing of the source sits beside «آدامز» but the two names listed around it.
        let f = flags(
            &[
                "Food reached the districts of Marka, Dinsor, Qansah and Burhakaba.",
                "Trucks left Marka and Dinsor on Monday.",
            ],
            &[
                "ووصلت الأغذية إلى مناطق مركا ودينسور وآدامز وبورهكبا.",
                "وغادرت الشاحنات مركا ودينسور يوم الاثنين.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].span.as_ref().unwrap().text, "وآدامز");
        assert_eq!(f[0].severity, Severity::Medium);
    }

    #[test]
    fn generic_elements_of_places_and_offices_are_translated() {
        let f = flags(
            &[
                "Troops at Camp Buehring met Minister of Defense Tariq Mansour near Rayak Air Base.",
                "White House Press Secretary Karine Jean-Pierre thanked Mansour.",
            ],
            &[
                "التقى الجنود في معسكر بويرنغ وزير الدفاع طارق منصور قرب قاعدة رياق الجوية.",
                "وشكرت السكرتيرة الصحفية للبيت الأبيض كارين جان بيير منصور.",
            ],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_name_rendered_by_its_meaning_is_garbled() {
        let f = flags(
            &[
                "Will Hartmann spoke with Grant Mitchell.",
                "Hartmann thanked Mitchell.",
            ],
            &["تحدث سوف هارتمان مع منحة ميتشل.", "وشكر هارتمان ميتشل."],
        );
        let spans = span_texts(&f);
        assert!(spans.contains(&"منحة"), "{f:?}");
    }

    #[test]
    fn a_particle_beside_a_word_is_no_part_of_its_name() {
        // «كوري إن» written together reads like Kurrin; «إن» (that) opens the reported speech.
        let en = [
            "General Dana Kurrin met the defence minister in Amman on Sunday.",
            "Kurrin said the coalition remains committed to the mission.",
        ];
        let ar = [
            "التقى الجنرال دانا كورين وزير الدفاع في عمّان يوم الأحد.",
            "وقال كوري إن التحالف لا يزال ملتزما بالمهمة.",
        ];
        let f = flags(&en, &ar);
        let spans = span_texts(&f);
        assert_eq!(spans, vec!["كوري"], "{f:?}");
    }

    #[test]
    fn a_replacement_beginning_with_fa_or_beyond_a_neighbour_is_found() {
        // «فهد» reads as «ف» + «هد» only by cutting the conjunction: beside the rest of the
        // name it is a name. «كوبر» stands after the rendering of "reaching", with the
        // rendering of "officials" on its far side.
        let en = [
            "Deputy Governor Nabil Tarek Mansour opened the clinic with Colonel Amer Haddad.",
            "After reaching Tafilah, American officials toured the clinic with Amer Haddad.",
        ];
        let ar = [
            "افتتح نائب المحافظ فهد طارق منصور العيادة مع العقيد عامر حداد.",
            "وبعد الوصول إلى كوبر، تفقد المسؤولون الأمريكيون العيادة مع عامر حداد.",
        ];
        let f = flags(&en, &ar);
        let spans = span_texts(&f);
        assert!(spans.contains(&"فهد"), "{f:?}");
        assert!(spans.contains(&"كوبر"), "{f:?}");
        assert_eq!(f.len(), 2, "{f:?}");
    }

    #[test]
    fn a_name_given_twice_and_replaced_once_is_found() {
        let f = flags(
            &[
                "The minister thanked Haddad for the report, and the committee praised Haddad for his work.",
                "Omar Karim and Haddad met in Amman.",
            ],
            &[
                "وشكر الوزير حداد على التقرير، وأشادت اللجنة ببطرس لعمله.",
                "والتقى عمر كريم وحداد في عمان.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].span.as_ref().unwrap().text, "ببطرس");
        // Given once where the source gives it twice (a pronoun the second time) is no flag.
        let f = flags(
            &[
                "The minister thanked Haddad for the report, and the committee praised Haddad for his work.",
                "Omar Karim and Haddad met in Amman.",
            ],
            &[
                "وشكر الوزير حداد على التقرير، وأشادت اللجنة به لعمله.",
                "والتقى عمر كريم وحداد في عمان.",
            ],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_name_written_in_a_form_of_its_own_is_learned_and_its_swap_found() {
        // The translation calls Constantinople «الأستانة» and Mesopotamia «الرافدين», never
        // spelling either; where one's sentence gives the other's form, it is a swap.
        let en = [
            "Snow closed the roads of Constantinople on Sunday.",
            "Rivers of Mesopotamia rose after the storm, officials in Basra said.",
            "Patrols reached Constantinople by Monday, Colonel Omar Karim said.",
            "Farmers of Mesopotamia lost crops, Omar Karim added.",
            "The survey team met the governor of Constantinople.",
        ];
        let mut ar = [
            "أغلقت الثلوج طرق الأستانة يوم الأحد.",
            "وارتفعت أنهار الرافدين بعد العاصفة، بحسب مسؤولين في البصرة.",
            "ووصلت الدوريات إلى الأستانة بحلول الاثنين، بحسب العقيد عمر كريم.",
            "وخسر مزارعو الرافدين محاصيلهم، بحسب عمر كريم.",
            "والتقى فريق المسح محافظ الرافدين.",
        ];
        let f = flags(&en, &ar);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].tgt, vec![4]);
        assert_eq!(f[0].span.as_ref().unwrap().text, "الرافدين");
        assert_eq!(f[0].severity, Severity::Medium);
        // A word no dictionary knows in the form's place is a stand-in too.
        ar[4] = "والتقى فريق المسح محافظ زغرتا.";
        let f = flags(&en, &ar);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].span.as_ref().unwrap().text, "زغرتا");
        assert_eq!(f[0].severity, Severity::Medium);
        // The form itself there is no flag.
        ar[4] = "والتقى فريق المسح محافظ الأستانة.";
        assert!(flags(&en, &ar).is_empty());
    }

    #[test]
    fn a_dictionary_entry_describing_a_name_around_its_spelling_is_a_name() {
        let lex = Lexicon::from_pairs([
            (
                "abraham".to_string(),
                "السيد إبراهيم أبو الأنبياء".to_string(),
            ),
            ("harris".to_string(), "هاريس".to_string()),
            ("royal".to_string(), "ملكي".to_string()),
            ("homeland".to_string(), "الوطن الأم".to_string()),
        ]);
        let name = |w: &str| {
            lex.en(&en_key(w))
                .iter()
                .all(|&c| only_transliterated(&lex, c, w))
        };
        assert!(name("Abraham"));
        assert!(name("Harris"));
        assert!(!name("Royal"));
        assert!(!name("Homeland"));
    }
}
