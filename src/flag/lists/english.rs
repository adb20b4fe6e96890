//! English lists: the coordinations of three or more items in a source sentence.

use super::{coordinators, english_introducer};
use crate::text::english;
use crate::text::tokens::{Token, TokenKind};

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

/// Whether a sentence's list is written with semicolons: two of them or more, the last before
/// the closing conjunction ("A; B; and C").
pub(super) fn semicolon_list(text: &str) -> bool {
    text.matches([';', '؛']).count() >= 2
        && [";", "؛"].iter().any(|sc| {
            text.split(sc).skip(1).any(|rest| {
                let rest = rest.trim_start();
                ["and ", "or ", "و"].iter().any(|c| rest.starts_with(c))
            })
        })
}

/// The most words a list item has (a proper name counting as one).
const MAX_ITEM_WORDS: usize = 4;

/// Lists of an English sentence: runs of three or more short items separated by commas, the last
/// joined by "and" or "or" ("A, B and C", "A, B, and C"), as token ranges without the
/// conjunctions.
pub fn english_lists(text: &str, toks: &[Token]) -> Vec<EnglishList> {
    let words: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].kind == TokenKind::Word)
        .collect();
    // A list whose items hold commas of their own is cut at semicolons ("spare parts; pilot
    // training; and other support"): there the semicolon is the list's comma and a comma
    // joins words of an item.
    let semicolons = semicolon_list(text);
    let gap = |a: usize, b: usize| {
        let g = crate::text::tokens::between(text, toks, a, b);
        if semicolons {
            g.replace(',', " ").replace(';', ",")
        } else {
            g.to_string()
        }
    };
    // Every reading below compares lowercased words: lowercase each token once.
    let lower: Vec<String> = toks.iter().map(|t| t.text.to_lowercase()).collect();
    let closing = &coordinators().en_closing;
    // "or more", "or less" after a figure is a bound ("50 percent or more", "one or more
    // persons"), not a conjunction between items.
    let bound = |x: usize| {
        lower
            .get(x + 1)
            .is_some_and(|w| matches!(w.as_str(), "more" | "less" | "fewer"))
    };
    let conj = |x: usize| closing.contains(&lower[x]) && !bound(x);
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
    // The conjunction of a chain (a token index): a chain repeats one.
    let mut chained: Option<usize> = None;
    // Whether the list goes on to a conjunction after a comma (", and C") before other
    // punctuation, from word `m` on: with such a serial comma ahead, a conjunction without one
    // joins words inside an item ("trade, fishing rights and quotas, tourism, and energy").
    // Whether the words from word `m` on make a clause ("…, and cyberspace is the next step"):
    // a subject pronoun opens it, or an auxiliary stands among its first words. A conjunction
    // before a clause joins clauses, not the last item of a list.
    let clause_at = |m: usize| {
        let word = |p: usize| words.get(p).map(|&k| lower[k].as_str());
        word(m).is_some_and(|w| english::SUBJECT_PRONOUNS.contains(&w))
            || (m..m + 3)
                .filter_map(word)
                .any(|w| english::AUXILIARIES.contains(&w))
    };
    // Whether the conjunct at word `m` is parallel to an item opening with word `item`: a
    // conjunct opening with a preposition ("…, and to areas of return") coordinates phrases of
    // that kind, not the noun phrases of a list, unless the items open with it too.
    let parallel_at = |m: usize, item: usize| {
        words.get(m).is_some_and(|&k| {
            let w = lower[k].as_str();
            !crate::anchors::lexicon::is_closed_class(w)
                || english::DETERMINERS.contains(&w)
                || w == lower[item]
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
            // A chain repeats its conjunction: another one ("to your neck or extend it
            // completely and become …") ends the chain, and the conjunct before it may open one.
            // A middle conjunct longer than an item ("current and future threats by providing
            // a fleet for search and rescue") ends the chain: the conjunction joined words of a
            // phrase, and a chain may start again at the noun phrase before the next one.
            Some(x) if polysyndetic && gap(k, x).trim().is_empty() && conj(x) => {
                let long = (first..=k)
                    .filter(|&w| toks[w].kind == TokenKind::Word)
                    .count()
                    > MAX_ITEM_WORDS;
                let mut first = first;
                if long || chained.is_some_and(|c| lower[c] != lower[x]) {
                    items.clear();
                }
                if long {
                    if let Some(c) = (first..k).rev().find(|&w| {
                        toks[w].kind == TokenKind::Word
                            && crate::anchors::lexicon::is_closed_class(&lower[w])
                    }) {
                        first = c + 1;
                    }
                }
                items.push((first, k + 1));
                start = words.get(n + 2).copied();
                chained = Some(x);
                n += 1;
            }
            Some(x) if gap(k, x).trim().is_empty() && conj(x) && items.is_empty() && !conjoined => {
                items.push((first, k + 1));
                start = words.get(n + 2).copied();
                polysyndetic = true;
                chained = Some(x);
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
        .flat_map(|run| list_items(toks, &lower, run))
        .collect()
}

/// The items of a run as noun phrases. The first item runs from the sentence start or the last
/// comma and the last one to the end: "the illicit trafficking of weapons" and "persons by sea"
/// are items "weapons" and "persons" — a noun phrase in a coordination starts after the last
/// closed-class word before it (a preposition, article or conjunction) and ends before the first
/// one after its head. A middle item longer than a list item is (a clause between commas)
/// splits the run; runs of fewer than three items are no lists.
/// `lower`: the tokens lowercased.
fn list_items(toks: &[Token], lower: &[String], mut run: Vec<(usize, usize)>) -> Vec<EnglishList> {
    let closed = |k: usize| crate::anchors::lexicon::is_closed_class(&lower[k]);
    let word_count = |item: (usize, usize)| name_units(toks, lower, item);
    if run.len() < 3 {
        return Vec::new();
    }
    // "assistance to Gaza, including airdrops and land convoys": an introducer opens a list of
    // its own; what comes before it is no item of that list.
    let opens = |item: (usize, usize)| english_introducer(&first_words(toks, lower, item, 3));
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
        let mut out = list_items(toks, lower, run);
        out.extend(list_items(toks, lower, rest));
        return out;
    }
    // "Indeed, the hearing, the sight and the heart", "Today, the envoys discussed trade, …": a
    // sentence adverb set off by a comma modifies the clause; it is no item of the list.
    if let [word] = first_words(toks, lower, run[0], 2)[..] {
        if sentence_adverb(word) {
            run.remove(0);
            if run.len() < 3 {
                return Vec::new();
            }
        }
    }
    // A conjunct opening with a finite verb or its subject is a clause ("…, is now frozen",
    // "…, and we kept the tents"): an auxiliary or a subject pronoun first. (An auxiliary later
    // in a conjunct may be the sentence's own verb after a list that is its subject: "weapons,
    // fuel and food were seized".) Read on the conjuncts as cut, before the items are trimmed
    // to noun phrases; the first one takes in the words before the list, and is not read.
    // A middle conjunct holds no verb of the sentence's: an auxiliary anywhere in it makes it a
    // clause ("Since May, the rebels have attacked or tried to attack …": the comma sets off a
    // fronted phrase).
    let last = run.len() - 1;
    let mut finite: Vec<bool> = run
        .iter()
        .enumerate()
        .map(|(n, &item)| {
            n > 0
                && (first_words(toks, lower, item, 1).first().is_some_and(|w| {
                    english::SUBJECT_PRONOUNS.contains(w) || english::AUXILIARIES.contains(w)
                }) || (n < last
                    && (item.0..item.1).any(|k| english::AUXILIARIES.contains(&lower[k].as_str()))))
        })
        .collect();
    // Conjuncts after the first that are all participles ("…, killing or capturing 20
    // fighters") coordinate verbs of a participial clause; the noun phrase before the comma
    // ends the main clause and is no item of theirs.
    let participle = |w: &str| w.len() > 5 && w.ends_with("ing");
    let opens_with_participle = |item: (usize, usize)| {
        first_words(toks, lower, item, 1)
            .first()
            .is_some_and(|w| participle(w))
    };
    // The first conjunct as cut takes in the words before the list: its last word is its head.
    let first_head = (run[0].0..run[0].1)
        .rev()
        .find(|&k| toks[k].kind == TokenKind::Word)
        .map(|k| lower[k].as_str());
    if run[1..].iter().all(|&it| opens_with_participle(it)) && !first_head.is_some_and(participle) {
        run.remove(0);
        finite.remove(0);
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
    // Middle items that all open with one preposition ("in triplicate, in the French and Arabic
    // languages") make a run of phrases of that kind: a last conjunct without it is no item of
    // the run but part of the phrase before it, whose words the conjunction joins.
    let opener = |(a, e): (usize, usize)| {
        first_words(toks, lower, (a, e), 1)
            .first()
            .filter(|w| {
                crate::anchors::lexicon::is_closed_class(w) && !english::DETERMINERS.contains(w)
            })
            .map(|w| w.to_string())
    };
    if run.len() >= 3 {
        let middle: Vec<Option<String>> =
            run[1..run.len() - 1].iter().map(|&it| opener(it)).collect();
        let shared = middle[0].clone();
        if shared.is_some()
            && middle.iter().all(|m| *m == shared)
            && opener(run[run.len() - 1]) != shared
        {
            if let Some((_, end)) = run.pop() {
                if let Some(prev) = run.last_mut() {
                    prev.1 = end;
                }
            }
        }
    }
    // The mirror: conjuncts after the first that all open with one preposition ("by day or by
    // night") are a run of their own; a first phrase opening with another preposition ("for
    // any mission, by day or by night") is set off before it, no item of it.
    if run.len() >= 3 {
        let rest: Vec<Option<String>> = run[1..].iter().map(|&it| opener(it)).collect();
        let shared = rest[0].clone();
        // The first conjunct was trimmed to its noun phrase: its preposition stands before it,
        // past any determiner ("for any task" → "task").
        let first = opener(run[0]).or_else(|| {
            (0..run[0].0)
                .rev()
                .filter(|&k| toks[k].kind == TokenKind::Word)
                .find(|&k| !english::DETERMINERS.contains(&lower[k].as_str()))
                .filter(|&k| crate::anchors::lexicon::is_closed_class(&lower[k]))
                .map(|k| lower[k].clone())
        });
        if shared.is_some()
            && rest.iter().all(|m| *m == shared)
            && first.is_some()
            && first != shared
        {
            run.remove(0);
            finite.remove(0);
        }
    }
    let run = without_appositions(toks, lower, run);
    let mut lists = Vec::new();
    let mut current: Vec<(usize, usize)> = Vec::new();
    // An item opening with a clause opener ("who planned the raids", "while the coalition …")
    // is a clause set off by commas, not a list item: it splits the run as a long one does.
    let clause = |item: (usize, usize)| {
        crate::flag::support::opens_english_clause(&first_words(toks, lower, item, 3))
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

/// The conjuncts with what the commas set off inside an item joined back to it: after a name, an
/// apposition opening with an indefinite article ("Sikorsky, a Lockheed Martin company, …"), the
/// place phrase that follows it ("…, of Stratford, …"), and a state after a place ("Stratford,
/// Connecticut", "Tampa, Fla."). Each describes the conjunct before it; none is a thing of its
/// own that the translation must count.
fn without_appositions(
    toks: &[Token],
    lower: &[String],
    run: Vec<(usize, usize)>,
) -> Vec<(usize, usize)> {
    static STATES: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let states = STATES.get_or_init(|| {
        crate::text::data::entries(include_str!("../data/us_states_en.txt"))
            .map(|s| s.replace('.', ""))
            .collect()
    });
    let capitalised = |k: usize| toks[k].text.chars().next().is_some_and(char::is_uppercase);
    let last_word =
        |(a, e): (usize, usize)| (a..e).rev().find(|&k| toks[k].kind == TokenKind::Word);
    let words_of = |(a, e): (usize, usize)| -> Vec<usize> {
        (a..e)
            .filter(|&k| toks[k].kind == TokenKind::Word)
            .collect()
    };
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(run.len());
    // Whether the conjunct last joined to an item was an apposition: a place phrase may follow.
    let mut after_apposition = false;
    for item in run {
        let Some(prev) = out.last_mut() else {
            out.push(item);
            continue;
        };
        let after_name = last_word(*prev).is_some_and(capitalised);
        let words = words_of(item);
        let first = words.first().map(|&k| lower[k].as_str());
        let key = words
            .iter()
            .map(|&k| lower[k].as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let apposition = after_name && matches!(first, Some("a" | "an")) && words.len() >= 2;
        let place_phrase = after_apposition
            && matches!(first, Some("of" | "in" | "from"))
            && words.get(1).is_some_and(|&k| capitalised(k));
        let state = after_name && words.first().is_some_and(|&k| capitalised(k)) && {
            states.contains(&key.replace('.', ""))
        };
        if apposition || place_phrase || state {
            prev.1 = item.1;
            after_apposition = apposition || (place_phrase && after_apposition);
        } else {
            after_apposition = false;
            out.push(item);
        }
    }
    out
}

/// Whether a lowercased word is a sentence adverb: one of the conjunctive adverbs and time
/// deictics of data/sentence_adverbs_en.txt, or an adverb formed from an adjective, known by its
/// suffix ("separately", "additionally", "unfortunately"; not "family" or "supply").
fn sentence_adverb(word: &str) -> bool {
    static LISTED: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    const SUFFIXES: &[&str] = &[
        "ally", "ately", "ently", "antly", "ously", "ively", "fully", "edly", "ibly", "ably",
        "ingly", "arly",
    ];
    LISTED
        .get_or_init(|| {
            crate::text::data::entries(include_str!("../data/sentence_adverbs_en.txt")).collect()
        })
        .contains(word)
        || (word.chars().count() >= 7 && SUFFIXES.iter().any(|s| word.ends_with(s)))
}

/// The words of a token range (first, end exclusive), a proper name counting as one: a run of
/// capitalised words with the particles between them ("the International Organization for
/// Migration" is two: an article and a name). An item's length tells a list item from a clause
/// set off by commas, and a name is one noun however many words it spells.
fn name_units(toks: &[Token], lower: &[String], (a, e): (usize, usize)) -> usize {
    let words: Vec<usize> = (a..e)
        .filter(|&k| toks[k].kind == TokenKind::Word)
        .collect();
    let capitalised = |k: usize| toks[k].text.chars().next().is_some_and(char::is_uppercase);
    let mut units = 0;
    let mut in_name = false;
    for (n, &k) in words.iter().enumerate() {
        if capitalised(k) {
            units += usize::from(!in_name);
            in_name = true;
        } else if in_name
            && NAME_PARTICLES.contains(&lower[k].as_str())
            && words.get(n + 1).is_some_and(|&x| capitalised(x))
        {
            // Inside the name: "of", "for", "the" between its capitalised words.
        } else {
            units += 1;
            in_name = false;
        }
    }
    units
}

/// Lowercase words that stand inside a proper name between capitalised words.
const NAME_PARTICLES: &[&str] = &["of", "for", "the", "and", "on", "de", "al", "bin"];

/// The first `n` words of a token range (first, end exclusive), lowercased (`lower`).
fn first_words<'a>(
    toks: &[Token],
    lower: &'a [String],
    (a, e): (usize, usize),
    n: usize,
) -> Vec<&'a str> {
    (a..e)
        .filter(|&k| toks[k].kind == TokenKind::Word)
        .take(n)
        .map(|k| lower[k].as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::char_slice;
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

    #[test]
    fn a_list_written_with_semicolons_is_cut_at_them() {
        let got = lists("The sale includes thermal goggles; radios made in Ottawa, Canada; spare parts; crew training; and other logistics support.");
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0][1..],
            [
                "radios made in Ottawa, Canada",
                "spare parts",
                "crew training",
                "other logistics support",
            ]
        );
    }

    #[test]
    fn a_proper_name_of_several_words_is_one_item() {
        // Five words, but an article and one name: an item, not a clause between commas.
        assert_eq!(
            lists("The grant supports the Red Crescent, the Office for Disaster Relief of Chad, local clinics, and schools."),
            vec![vec![
                "Red Crescent",
                "the Office for Disaster Relief of Chad",
                "local clinics",
                "schools"
            ]]
        );
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
    fn or_more_after_a_figure_is_a_bound_not_a_conjunct() {
        // "40 percent or more", "one or more": bounds, no items "more by one" or "more".
        for s in [
            "Moreover, any vessels that are chartered, wholly or partly, 40 percent or more by one or more listed firms are also listed.",
            "The ships carried fuel, grain and 20 tons or more of rice.",
        ] {
            let items: Vec<String> = lists(s).into_iter().flatten().collect();
            assert!(!items.iter().any(|i| i.starts_with("more")), "{items:?}");
        }
    }

    #[test]
    fn fronted_phrases_and_participial_clauses_make_no_list() {
        // The comma sets off a fronted phrase: the middle "item" holds the sentence's verb.
        assert!(lists(
            "Since May, the rebels have seized or tried to seize 12 barges moored in or near the port."
        )
        .is_empty());
        // Verbs of a participial clause after the main clause.
        assert!(lists(
            "Troops raided three villages in the north, killing or wounding 20 fighters."
        )
        .is_empty());
        // A list of gerunds is still a list.
        let gerunds = &lists("The course covers planning, boarding and searching.")[0];
        assert_eq!(gerunds.len(), 3);
        assert_eq!(gerunds[1..], ["boarding", "searching"]);
    }

    #[test]
    fn appositions_and_addresses_are_no_items() {
        // Two companies, each with its description and address: no list of five.
        assert!(lists(
            "The prime contractors are Northrop, a defense firm, of Falls Church, Virginia, \
             and Raytheon of Tucson, Ariz."
        )
        .is_empty());
        let l =
            lists("The team visited Denver, Colorado, Austin, Texas, and Boise, Idaho, last week.");
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].len(), 3);
        // Places without addresses are still a list.
        assert_eq!(lists("Envoys from Ghana, Peru, and Chile met.")[0].len(), 3);
    }

    #[test]
    fn a_sentence_adverb_before_a_list_is_no_item() {
        assert_eq!(
            lists("Indeed, the hearing, the sight and the heart will be asked."),
            vec![vec!["hearing", "the sight", "the heart"]]
        );
        assert_eq!(
            lists("Separately, Treasury named three brokers, two shippers and a bank.")[0].len(),
            3
        );
        assert_eq!(
            lists("Today, ministers discussed trade, energy and security.")[0].len(),
            3
        );
        // A noun in -ly, or a name, opening the sentence is an item.
        assert_eq!(
            lists("Supply, fuel and ammunition ran short.")[0][0],
            "Supply"
        );
        assert_eq!(lists("Italy, Spain and Greece signed.")[0].len(), 3);
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
    fn a_conjunction_inside_a_phrase_of_a_run_of_phrases_closes_no_list() {
        // The phrases open with "in"; what follows "and" does not: the conjunction joins words
        // inside the last phrase ("the French and Arabic languages").
        assert_eq!(
            lists("The treaty was signed in triplicate, in the French and Arabic languages."),
            Vec::<Vec<String>>::new()
        );
        assert_eq!(
            lists("Talks were held in Rome, in Oslo and in Doha."),
            vec![vec!["Rome", "in Oslo", "in Doha"]]
        );
        // A phrase with another preposition before a run of phrases sharing one is no item.
        assert_eq!(
            lists("The unit stands ready for any task, by land or by sea."),
            Vec::<Vec<String>>::new()
        );
        assert_eq!(
            lists("The unit stands ready for any task, by land, by sea or by air."),
            vec![vec!["by land", "by sea", "by air"]]
        );
        assert_eq!(
            lists("Aid will reach them by land, by sea and by air."),
            vec![vec!["land", "by sea", "by air"]]
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
        // A conjunction inside a phrase starts no chain that runs over the phrase's words.
        let missions = lists("It meets current and future threats with a fleet for search and rescue, troop transport and border patrol missions.");
        assert_eq!(missions.len(), 1);
        assert_eq!(
            missions[0][1..],
            ["troop transport", "border patrol missions"]
        );
        // A chain repeats its conjunction: "or … and" joins clauses, not three items.
        assert!(
            lists("Do not tie your hand to your neck or open it wide and then sit ruined.")
                .is_empty()
        );
        assert_eq!(
            lists("Bring bread or rice and salt and oil and tea.")[0][1..],
            ["salt", "oil", "tea"]
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
