//! Anchors: the evidence that an English and an Arabic sentence say the same thing. Each
//! sentence becomes a list of weighted *items* (content words with lexicon concepts, numbers,
//! months, names, Latin tokens), each carrying the keys that would match it, and a sorted set of
//! keys the sentence *offers*. An item of one side is matched by a sentence of the other side
//! when one of its keys is offered there. All keys live in one u32 space: lexicon concepts first,
//! then interned anchor keys.

pub mod dates;
pub mod dictionaries;
pub mod learn;
pub mod lexicon;
pub mod lexicon_cache;
pub mod names;
pub mod numbers;
pub mod times;

use crate::text::tokens::{between, starts_sentence, tokenize, Token, TokenKind};
use crate::text::{arabic, english, Lang};
use dates::DateMention;
use lexicon::Lexicon;
use numbers::NumberMention;
use std::collections::HashMap;

/// What an item is evidence of. Lexical items and anchors are rewarded separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Term,
    Number,
    Month,
    Name,
    Latin,
    /// A quotation: direct speech stays quoted in a translation.
    Quote,
}

impl ItemKind {
    pub fn is_lexical(self) -> bool {
        self == ItemKind::Term
    }
}

/// One piece of evidence in a sentence.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub weight: f32,
    /// Sorted keys; the item is matched where any of them is offered.
    pub keys: Vec<u32>,
    /// Character span in the sentence.
    pub start: usize,
    pub end: usize,
    /// The part of one piece of evidence this item is: 1 for an item of its own; 1/k for each
    /// of the k words of one multi-word unit ("Saudi Arabia", «المملكة العربية السعودية»),
    /// which are found or missed together; 0 for a word already counted as a number or a date
    /// ("three", "January"). The aligner scales the item's log-likelihood ratio by it.
    pub share: f32,
}

/// Maximum items per sentence: matches are kept in a u64 bit mask.
pub const MAX_ITEMS: usize = 64;

/// Everything the aligner and the flag detectors need about one sentence.
#[derive(Debug, Clone, Default)]
pub struct SentenceAnchors {
    /// Content length (letters and digits) for the length model.
    pub len: f64,
    pub items: Vec<Item>,
    /// Sorted, distinct keys this sentence offers to the other side.
    pub offers: Vec<u32>,
    /// A one-hash Bloom filter of `offers`: most absent keys are rejected without a search.
    pub offer_filter: OfferFilter,
    /// Every key of every item, with the item's index, in item order: matching walks this flat
    /// list rather than the items' own vectors (it runs for every cell of the alignment band).
    pub item_keys: Vec<(u32, u8)>,
    pub numbers: Vec<NumberMention>,
    pub dates: Vec<DateMention>,
    /// Number of words.
    pub words: usize,
    /// Looks like a document-head line (breadcrumb, dateline, headline): see [`is_head_like`].
    pub head_like: bool,
    /// Bits of the lexical items; the other items are anchors.
    pub lex_bits: u64,
    /// Total weight of lexical and anchor items.
    pub total: (f32, f32),
}

impl SentenceAnchors {
    /// A sentence from its items and offers: items capped at [`MAX_ITEMS`] (the heaviest kept),
    /// keys and offers sorted, and the derived fields (quick filters, totals) computed.
    pub fn new(
        mut items: Vec<Item>,
        mut offers: Vec<u32>,
        len: f64,
        numbers: Vec<NumberMention>,
        dates: Vec<DateMention>,
        words: usize,
        head_like: bool,
    ) -> SentenceAnchors {
        if items.len() > MAX_ITEMS {
            items.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            items.truncate(MAX_ITEMS);
            items.sort_by_key(|i| i.start);
        }
        for it in &mut items {
            it.keys.sort_unstable();
            it.keys.dedup();
        }
        offers.sort_unstable();
        offers.dedup();
        let lex_bits = items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.kind.is_lexical())
            .fold(0u64, |b, (k, _)| b | (1 << k));
        let total = items.iter().fold((0.0, 0.0), |(l, a), it| {
            if it.kind.is_lexical() {
                (l + it.weight, a)
            } else {
                (l, a + it.weight)
            }
        });
        let offer_filter = OfferFilter::new(&offers);
        let item_keys = items
            .iter()
            .enumerate()
            .flat_map(|(k, it)| it.keys.iter().map(move |&key| (key, k as u8)))
            .collect();
        SentenceAnchors {
            len,
            items,
            offers,
            offer_filter,
            item_keys,
            numbers,
            dates,
            words,
            head_like,
            lex_bits,
            total,
        }
    }

    /// Bit mask of this sentence's items matched by a sentence offering `offers`.
    pub fn matched_by(&self, offers: &[u32]) -> u64 {
        self.matched_by_sentence(offers, &OfferFilter::ALL)
    }

    /// [`Self::matched_by`] with the other sentence's `offer_filter` as a quick filter.
    pub fn matched_by_sentence(&self, offers: &[u32], filter: &OfferFilter) -> u64 {
        let mut mask = 0u64;
        for &(key, k) in &self.item_keys {
            let bit = 1u64 << k;
            if mask & bit == 0 && filter.may_contain(key) && offers.binary_search(&key).is_ok() {
                mask |= bit;
            }
        }
        mask
    }

    /// Summed weight of lexical and anchor items selected by `mask`.
    pub fn weights(&self, mask: u64) -> (f32, f32) {
        let (mut lex, mut anc) = (0.0, 0.0);
        let mut m = mask;
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            m &= m - 1;
            let Some(item) = self.items.get(k) else { break };
            if self.lex_bits & (1 << k) != 0 {
                lex += item.weight;
            } else {
                anc += item.weight;
            }
        }
        (lex, anc)
    }

    /// Total weight of lexical and anchor items.
    pub fn totals(&self) -> (f32, f32) {
        self.total
    }
}

/// A Bloom filter with one hash over 512 bits: with the 40–90 keys a sentence offers, about nine
/// absent keys in ten are rejected by one bit test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferFilter([u64; 8]);

impl Default for OfferFilter {
    fn default() -> Self {
        OfferFilter::ALL
    }
}

impl OfferFilter {
    /// Lets every key through.
    pub const ALL: OfferFilter = OfferFilter([u64::MAX; 8]);

    pub fn new(keys: &[u32]) -> OfferFilter {
        let mut bits = [0u64; 8];
        for &k in keys {
            let b = Self::bit(k);
            bits[b / 64] |= 1 << (b % 64);
        }
        OfferFilter(bits)
    }

    /// Fibonacci hashing: keys are dense ids, and the top 9 bits of their product spread them.
    fn bit(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> 23) as usize
    }

    pub fn may_contain(&self, key: u32) -> bool {
        let b = Self::bit(key);
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

/// Anchors of both documents of a pair.
#[derive(Debug, Clone, Default)]
pub struct PairAnchors {
    pub src: Vec<SentenceAnchors>,
    pub tgt: Vec<SentenceAnchors>,
}

/// Interns anchor keys above the lexicon's concept ids.
struct Keys {
    base: u32,
    map: HashMap<String, u32>,
}

impl Keys {
    fn id(&mut self, key: String) -> u32 {
        let next = self.base + self.map.len() as u32;
        *self.map.entry(key).or_insert(next)
    }
}

struct Draft {
    items: Vec<(Item, Option<String>)>, // item + idf key for terms
    offers: Vec<u32>,
    numbers: Vec<NumberMention>,
    dates: Vec<DateMention>,
    len: f64,
    words: usize,
    head_like: bool,
    shape: LineShape,
}

/// Builds the anchors of an English source and an Arabic target, sentence by sentence.
pub fn build(src: &[String], tgt: &[String], lex: &Lexicon) -> PairAnchors {
    let mut keys = Keys {
        base: lex.n_concepts(),
        map: HashMap::new(),
    };
    // English names first: the Arabic side is matched against them.
    let mut name_index: HashMap<String, usize> = HashMap::new();
    let case = CaseEvidence::of(src);
    let en_drafts = drafts(src, |s| {
        english_sentence(s, lex, &mut keys, &mut name_index, &case)
    });
    let mut names_by_idx: Vec<(usize, String)> =
        name_index.iter().map(|(k, v)| (*v, k.clone())).collect();
    names_by_idx.sort();
    let name_keys: Vec<u32> = names_by_idx
        .iter()
        .map(|(_, s)| keys.id(format!("p:{s}")))
        .collect();
    let mut matcher = names::NameMatcher::new(names_by_idx.into_iter().map(|(_, s)| s).collect());
    let ar_drafts = drafts(tgt, |s| {
        arabic_sentence(s, lex, &mut keys, &mut matcher, &name_keys)
    });
    PairAnchors {
        src: finish(en_drafts),
        tgt: finish(ar_drafts),
    }
}

impl Draft {
    /// The draft of a sentence with the anchors both languages share (numbers, months, Latin
    /// tokens); the language's own words are added by the caller.
    fn new(sentence: &str, toks: &[Token], lang: Lang, keys: &mut Keys) -> Draft {
        let mut d = Draft {
            items: Vec::new(),
            offers: Vec::new(),
            numbers: Vec::new(),
            dates: Vec::new(),
            len: crate::text::content_length(sentence, lang) as f64,
            words: toks.len(),
            head_like: false,
            shape: LineShape::of(sentence),
        };
        common_anchors(sentence, toks, lang, keys, &mut d);
        d
    }
}

/// The drafts of a document's sentences, each distinct text built once (boilerplate and repeated
/// lines are common): the distinct drafts, and for each sentence the index of its draft.
struct Drafts {
    unique: Vec<Draft>,
    of_sentence: Vec<usize>,
}

fn drafts(sentences: &[String], mut build: impl FnMut(&str) -> Draft) -> Drafts {
    let mut memo: HashMap<&str, usize> = HashMap::new();
    let mut unique = Vec::new();
    let of_sentence = sentences
        .iter()
        .map(|s| {
            *memo.entry(s.as_str()).or_insert_with(|| {
                unique.push(build(s));
                unique.len() - 1
            })
        })
        .collect();
    Drafts {
        unique,
        of_sentence,
    }
}

/// Turns drafts into sentences: idf weights for terms (document frequency counted over
/// sentences, repeats included), item cap, sorted offers. Each distinct draft is finished once.
fn finish(mut d: Drafts) -> Vec<SentenceAnchors> {
    let shapes: Vec<LineShape> = d.of_sentence.iter().map(|&u| d.unique[u].shape).collect();
    for (&u, head) in d.of_sentence.iter().zip(mark_head_lines(&shapes)) {
        d.unique[u].head_like = head;
    }
    let n = d.of_sentence.len().max(1) as f32;
    let mut occurrences = vec![0u32; d.unique.len()];
    for &u in &d.of_sentence {
        occurrences[u] += 1;
    }
    let mut df: HashMap<&str, u32> = HashMap::new();
    for (draft, &count) in d.unique.iter().zip(&occurrences) {
        let mut seen: Vec<&str> = draft
            .items
            .iter()
            .filter_map(|(_, k)| k.as_deref())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            *df.entry(k).or_default() += count;
        }
    }
    let finished: Vec<SentenceAnchors> = d
        .unique
        .iter()
        .map(|draft| {
            let items: Vec<Item> = draft
                .items
                .iter()
                .map(|(it, k)| {
                    let mut it = it.clone();
                    if let Some(k) = k {
                        let f = df.get(k.as_str()).copied().unwrap_or(1) as f32;
                        it.weight *= (1.0 + n / f).ln();
                    }
                    it
                })
                .collect();
            SentenceAnchors::new(
                items,
                draft.offers.clone(),
                draft.len,
                draft.numbers.clone(),
                draft.dates.clone(),
                draft.words,
                draft.head_like,
            )
        })
        .collect();
    d.of_sentence.iter().map(|&u| finished[u].clone()).collect()
}

/// The keys sentences `idx` of one side offer together, sorted and without repeats: what a
/// bead's side offers the other.
pub fn offers_of(sents: &[SentenceAnchors], idx: &[usize]) -> Vec<u32> {
    let mut v: Vec<u32> = idx
        .iter()
        .flat_map(|&i| sents[i].offers.iter().copied())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A line of a document head or foot rather than prose: no final punctuation, or a run of
/// separators (breadcrumbs "Home / News", "بيروت | الأربعاء"), and short.
pub fn is_head_like(text: &str) -> bool {
    let f = LineShape::of(text);
    f.short && (f.unpunctuated || f.separated)
}

/// What makes a line look like page furniture rather than prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineShape {
    /// At most 30 words.
    pub short: bool,
    /// No final punctuation.
    pub unpunctuated: bool,
    /// Two or more separators ("/", "»", "|", dashes…).
    pub separated: bool,
}

impl LineShape {
    pub fn of(text: &str) -> LineShape {
        let t = text
            .trim()
            .trim_end_matches(['"', '\'', '”', '»', ')', ']', ' ']);
        let words = t.split_whitespace().count();
        let separators = t
            .split_whitespace()
            .filter(|w| matches!(*w, "/" | "»" | "|" | "«" | "-" | "–" | "—" | ">"))
            .count();
        LineShape {
            short: words <= 30,
            unpunctuated: !t.ends_with(['.', '!', '?', '؟', '…', ':']),
            separated: separators >= 2,
        }
    }
}

/// Marks the head-like lines of a document. A missing final period sets a line apart only in a
/// document whose sentences mostly have one: verse, subtitles and bullet lists have none, and
/// there every line is prose.
fn mark_head_lines(shapes: &[LineShape]) -> Vec<bool> {
    let punctuated = shapes.iter().filter(|s| !s.unpunctuated).count();
    let prose_is_punctuated = 2 * punctuated >= shapes.len();
    shapes
        .iter()
        .map(|s| s.short && (s.separated || (s.unpunctuated && prose_is_punctuated)))
        .collect()
}

/// Lexicon phrases in an English sentence: (first token, number of tokens, concepts). The key
/// grows one word at a time, and only while its words begin some phrase of the lexicon.
pub fn english_phrases<'l>(
    toks: &[Token],
    stems: &[String],
    lex: &'l Lexicon,
) -> Vec<(usize, usize, &'l [u32])> {
    let mut out = Vec::new();
    let max_n = lex.max_en_words();
    let mut key = String::new();
    for i in 0..toks.len() {
        key.clear();
        for n in 1..=max_n.min(toks.len() - i) {
            if toks[i + n - 1].kind == TokenKind::Number {
                break;
            }
            if n > 1 {
                if !lex.continues_en(&key) {
                    break;
                }
                key.push(' ');
            }
            key.push_str(&stems[i + n - 1]);
            let c = lex.en(&key);
            if !c.is_empty() {
                out.push((i, n, c));
            }
        }
    }
    out
}

/// The lexicon concepts of each English token: those of every phrase (one word or more) that
/// covers it, unsorted.
pub fn english_token_concepts(toks: &[Token], stems: &[String], lex: &Lexicon) -> Vec<Vec<u32>> {
    let mut concepts: Vec<Vec<u32>> = vec![Vec::new(); toks.len()];
    add_phrase_concepts(&mut concepts, &english_phrases(toks, stems, lex));
    concepts
}

/// Adds each phrase's concepts to every token it covers.
fn add_phrase_concepts(concepts: &mut [Vec<u32>], phrases: &[(usize, usize, &[u32])]) {
    for &(i, n, c) in phrases {
        for t in concepts.iter_mut().skip(i).take(n) {
            t.extend_from_slice(c);
        }
    }
}

/// The character spans of the multi-word units of a sentence: its multi-word lexicon phrases,
/// leftmost-longest and without overlap. The words of one unit ("United States",
/// «الولايات المتحدة») are found or missed together in the other language.
fn multiword_units(toks: &[Token], phrases: &[(usize, usize, &[u32])]) -> Vec<(usize, usize)> {
    let mut longest: Vec<usize> = vec![0; toks.len()];
    for &(i, n, _) in phrases {
        if n >= 2 && i < longest.len() {
            longest[i] = longest[i].max(n);
        }
    }
    let mut units = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let n = longest[i];
        if n >= 2 && i + n <= toks.len() {
            units.push((toks[i].start, toks[i + n - 1].end));
            i += n;
        } else {
            i += 1;
        }
    }
    units
}

/// Sets each item's [`Item::share`]: a word inside a number or a date is already counted by that
/// item (share 0); the k word items of one multi-word unit are one piece of evidence (1/k each).
/// `units` are sorted and disjoint, word items come in sentence order: one sweep, whatever the
/// sentence's length.
fn assign_shares(items: &mut [(Item, Option<String>)], units: &[(usize, usize)]) {
    let mut counted: Vec<(usize, usize)> = items
        .iter()
        .filter(|(it, _)| matches!(it.kind, ItemKind::Number | ItemKind::Month))
        .map(|(it, _)| (it.start, it.end))
        .collect();
    counted.sort_unstable();
    let (mut next_counted, mut counted_end) = (0, 0);
    let mut next_unit = 0;
    // The word items of the unit being read.
    let mut members: Vec<usize> = Vec::new();
    let close = |members: &mut Vec<usize>, items: &mut [(Item, Option<String>)]| {
        if members.len() > 1 {
            let share = 1.0 / members.len() as f32;
            members.iter().for_each(|&k| items[k].0.share = share);
        }
        members.clear();
    };
    for k in 0..items.len() {
        let it = &items[k].0;
        if it.kind != ItemKind::Term {
            continue;
        }
        let (start, end) = (it.start, it.end);
        // Some number or date starting at or before this word reaches past its end.
        while next_counted < counted.len() && counted[next_counted].0 <= start {
            counted_end = counted_end.max(counted[next_counted].1);
            next_counted += 1;
        }
        if next_counted > 0 && counted_end >= end {
            items[k].0.share = 0.0;
            continue;
        }
        while next_unit < units.len() && units[next_unit].1 < end {
            close(&mut members, items);
            next_unit += 1;
        }
        if next_unit < units.len() && units[next_unit].0 <= start {
            members.push(k);
        }
    }
    close(&mut members, items);
}

/// The lexicon concepts of each Arabic token (`norms`: the tokens normalised): its own, through
/// its clitic-stripped forms, and those of every multi-word phrase that covers it. Numbers and
/// Latin-script tokens have none of their own.
pub fn arabic_token_concepts(toks: &[Token], norms: &[String], lex: &Lexicon) -> Vec<Vec<u32>> {
    let mut concepts = arabic_word_concepts(toks, norms, lex);
    add_phrase_concepts(&mut concepts, &arabic_phrases(toks, norms, lex));
    concepts
}

/// The lexicon concepts of each Arabic token on its own (no phrase).
fn arabic_word_concepts(toks: &[Token], norms: &[String], lex: &Lexicon) -> Vec<Vec<u32>> {
    toks.iter()
        .zip(norms)
        .map(|(t, n)| {
            if t.kind == TokenKind::Number || t.is_latin() {
                Vec::new()
            } else {
                lex.ar_word(n)
            }
        })
        .collect()
}

/// Stems of English tokens, as the lexicon keys them.
pub fn english_stems(toks: &[Token]) -> Vec<String> {
    toks.iter()
        .map(|t| english::stem(&english::fold(t.text)))
        .collect()
}

/// Multi-word lexicon phrases in an Arabic sentence: (first token, number of tokens, concepts).
/// The first word may carry a conjunction or preposition ("ومجلس الأمن"); for each length the
/// first form that is a phrase wins. Keys grow one word at a time, as in [`english_phrases`].
pub fn arabic_phrases<'l>(
    toks: &[Token],
    norms: &[String],
    lex: &'l Lexicon,
) -> Vec<(usize, usize, &'l [u32])> {
    let stripped: Vec<&str> = norms.iter().map(|n| arabic::strip_proclitics(n)).collect();
    let mut out = Vec::new();
    let max_n = lex.max_ar_words();
    for i in 0..toks.len() {
        if toks[i].kind == TokenKind::Number {
            continue;
        }
        let mut keys: Vec<String> = vec![stripped[i].to_string()];
        for p in ["و", "ف", "ب", "ل", "ك", "وب", "ول"] {
            if let Some(r) = norms[i].strip_prefix(p) {
                if r.chars().count() >= 2 {
                    keys.push(arabic::strip_proclitics(r).to_string());
                }
            }
        }
        // A noun with a possessive pronoun before its adjective: «مجالها الجوي» (its airspace) is
        // «المجال الجوي», «قواتها المسلحة» «القوات المسلحة» (the pronoun takes the article's
        // place; a feminine noun's ة is written ت before it).
        if norms.get(i + 1).is_some_and(|n| n.starts_with("ال")) {
            let owned: Vec<String> = keys.iter().flat_map(|k| without_possessive(k)).collect();
            keys.extend(owned);
        }
        keys.retain(|k| lex.continues_ar(k));
        for n in 2..=max_n.min(toks.len() - i) {
            if keys.is_empty() || toks[i + n - 1].kind == TokenKind::Number {
                break;
            }
            for k in keys.iter_mut() {
                k.push(' ');
                k.push_str(stripped[i + n - 1]);
            }
            if let Some(c) = keys.iter().map(|k| lex.ar(k)).find(|c| !c.is_empty()) {
                out.push((i, n, c));
            }
            keys.retain(|k| lex.continues_ar(k));
        }
    }
    out
}

/// A normalised noun without a possessive pronoun suffix: «مجالها» → «مجال», «قواتهم» →
/// «قوات», «سفارتها» → «سفارت» and «سفاره». The stem keeps three letters at least.
fn without_possessive(word: &str) -> Vec<String> {
    // A lone «ه» (his) is left out: normalised, it is also the ة that ends a feminine noun.
    const SUFFIXES: [&str; 6] = ["هما", "ها", "هم", "هن", "نا", "كم"];
    let Some(stem) = SUFFIXES
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .filter(|r| r.chars().count() >= 3)
    else {
        return Vec::new();
    };
    let mut out = vec![stem.to_string()];
    if let Some(r) = stem.strip_suffix('ت') {
        out.push(format!("{r}ه"));
    }
    out
}

/// The ids sorted, without repeats.
pub(crate) fn sorted(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Items shared by both languages: numbers, months (named and numeric), quotations.
fn common_anchors(sentence: &str, toks: &[Token], lang: Lang, keys: &mut Keys, d: &mut Draft) {
    d.numbers = numbers::extract(toks, lang);
    d.dates = dates::extract(toks, &d.numbers, lang);
    for n in &d.numbers {
        // A figure is matched by its roundings too («312 مليون» for "$312.4 million").
        let mut ks = vec![keys.id(format!("n:{}", n.key()))];
        for v in n.roundings() {
            ks.push(keys.id(format!("n:{}", numbers::canonical(v))));
        }
        d.offers.extend(&ks);
        ks.sort_unstable();
        d.items.push((
            Item {
                kind: ItemKind::Number,
                weight: n.anchor_weight(),
                keys: ks,
                start: n.start,
                end: n.end,
                share: 1.0,
            },
            None,
        ));
    }
    for dm in &d.dates {
        let cal = match dm.calendar {
            dates::Calendar::Gregorian => "g",
            dates::Calendar::Hijri => "h",
        };
        let k = keys.id(format!("m:{cal}{}", dm.month));
        d.offers.push(k);
        d.items.push((
            Item {
                kind: ItemKind::Month,
                weight: 0.7,
                keys: vec![k],
                start: dm.start,
                end: dm.end,
                share: 1.0,
            },
            None,
        ));
    }
    for (_, m, _, _, _) in dates::numeric_dates(sentence) {
        d.offers.push(keys.id(format!("m:g{m}")));
    }
    for (start, end) in crate::text::quotes::quotations(sentence) {
        let k = keys.id("q:speech".to_string());
        d.offers.push(k);
        d.items.push((
            Item {
                kind: ItemKind::Quote,
                weight: 0.5,
                keys: vec![k],
                start,
                end,
                share: 1.0,
            },
            None,
        ));
    }
}

/// Acronyms and codes: "ISF", "M1A2", "CJTF-OIR", "U.S.".
pub(crate) fn is_acronym(t: &Token) -> bool {
    t.kind == TokenKind::Code
        || (t.text.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
            && t.text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// What an English document shows about the case of its words. A capital at the start of a
/// sentence or a quotation is the sentence's, so a capitalised word there is a name only when
/// the document capitalises it inside a sentence too, or it runs on into another capitalised
/// word ("Lloyd Austin said"); a word the document also writes in lower case is an ordinary word.
struct CaseEvidence {
    lower: std::collections::HashSet<String>,
    capital_inside: std::collections::HashSet<String>,
}

impl CaseEvidence {
    fn of(sentences: &[String]) -> CaseEvidence {
        let mut case = CaseEvidence {
            lower: Default::default(),
            capital_inside: Default::default(),
        };
        let mut seen: std::collections::HashSet<&str> = Default::default();
        for s in sentences {
            if !seen.insert(s.as_str()) {
                continue;
            }
            let toks = tokenize(s);
            for (x, t) in toks.iter().enumerate() {
                if t.kind != TokenKind::Word {
                    continue;
                }
                match t.text.chars().next() {
                    Some(c) if c.is_lowercase() => {
                        case.lower.insert(t.text.to_string());
                    }
                    Some(c) if c.is_uppercase() && !starts_sentence(s, &toks, x) => {
                        case.capital_inside.insert(t.text.to_lowercase());
                    }
                    _ => {}
                }
            }
        }
        case
    }

    /// Whether the capitalised word `x`, which the lexicon does not know, is no evidence of a
    /// name: it opens a sentence, stands alone, and the document never capitalises it inside
    /// one (or writes it in lower case too).
    fn only_sentence_capital(&self, s: &str, toks: &[Token], x: usize) -> bool {
        if !starts_sentence(s, toks, x) {
            return false;
        }
        let runs_on = toks.get(x + 1).is_some_and(|n| {
            n.kind == TokenKind::Word
                && n.text.chars().next().is_some_and(char::is_uppercase)
                && between(s, toks, x, x + 1).trim().is_empty()
        });
        if runs_on {
            return false;
        }
        let lower = toks[x].text.to_lowercase();
        self.lower.contains(&lower) || !self.capital_inside.contains(&lower)
    }
}

fn english_sentence(
    s: &str,
    lex: &Lexicon,
    keys: &mut Keys,
    names: &mut HashMap<String, usize>,
    case: &CaseEvidence,
) -> Draft {
    let toks = tokenize(s);
    let mut d = Draft::new(s, &toks, Lang::En, keys);
    let stems = english_stems(&toks);
    let phrases = english_phrases(&toks, &stems, lex);
    let mut concepts: Vec<Vec<u32>> = vec![Vec::new(); toks.len()];
    add_phrase_concepts(&mut concepts, &phrases);
    let units = multiword_units(&toks, &phrases);
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Number {
            continue;
        }
        let c = sorted(std::mem::take(&mut concepts[i]));
        let latin = is_acronym(t).then(|| keys.id(format!("l:{}", t.text.to_lowercase())));
        if let Some(l) = latin {
            d.offers.push(l);
        }
        // A closed-class word ("she", "which") is no evidence whatever a dictionary offers for
        // it: Arabic drops subject pronouns and folds particles into clitics, so its rendering
        // is missing from most true pairs and present in most wrong ones.
        let closed = latin.is_none() && lexicon::is_closed_class(&t.text.to_lowercase());
        let content: Vec<u32> = if closed {
            Vec::new()
        } else {
            c.iter().copied().filter(|&x| !lex.is_function(x)).collect()
        };
        if !content.is_empty() {
            d.offers.extend_from_slice(&content);
            let mut k = content.clone();
            k.extend(latin);
            d.items.push((
                Item {
                    kind: ItemKind::Term,
                    weight: 1.0,
                    keys: sorted(k),
                    start: t.start,
                    end: t.end,
                    share: 1.0,
                },
                Some(stems[i].clone()),
            ));
            continue;
        }
        if !c.is_empty() {
            continue; // function word
        }
        if let Some(l) = latin {
            d.items.push((
                Item {
                    kind: ItemKind::Latin,
                    weight: 1.0,
                    keys: vec![l],
                    start: t.start,
                    end: t.end,
                    share: 1.0,
                },
                None,
            ));
            continue;
        }
        // A capitalised word the lexicon does not know: a name.
        let capitalised = t.text.chars().next().is_some_and(|c| c.is_uppercase());
        // "Gen.", "Maj.", "Fla." are abbreviations, not names.
        let abbreviation = s[..].chars().nth(t.end) == Some('.') && t.text.chars().count() <= 4;
        if t.kind == TokenKind::Word
            && capitalised
            && t.text.chars().count() >= 3
            && !abbreviation
            && !case.only_sentence_capital(s, &toks, i)
        {
            if let Some(skel) = names::english_name_skeleton(t.text) {
                let next = names.len();
                let idx = *names.entry(skel.clone()).or_insert(next);
                let k = keys.id(format!("p:{skel}"));
                let _ = idx;
                d.offers.push(k);
                d.items.push((
                    Item {
                        kind: ItemKind::Name,
                        weight: 1.0,
                        keys: vec![k],
                        start: t.start,
                        end: t.end,
                        share: 1.0,
                    },
                    None,
                ));
            }
        }
    }
    assign_shares(&mut d.items, &units);
    d
}

fn arabic_sentence(
    s: &str,
    lex: &Lexicon,
    keys: &mut Keys,
    matcher: &mut names::NameMatcher,
    name_keys: &[u32],
) -> Draft {
    let toks = tokenize(s);
    let mut d = Draft::new(s, &toks, Lang::Ar, keys);
    let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
    let phrases = arabic_phrases(&toks, &norms, lex);
    let mut concepts = arabic_word_concepts(&toks, &norms, lex);
    add_phrase_concepts(&mut concepts, &phrases);
    let units = multiword_units(&toks, &phrases);
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Number {
            continue;
        }
        if t.is_latin() {
            let l = keys.id(format!("l:{}", t.text.to_lowercase()));
            let mut k = vec![l];
            k.extend_from_slice(lex.en(&lexicon::en_key(t.text)));
            d.offers.extend(k.iter().copied());
            d.items.push((
                Item {
                    kind: ItemKind::Latin,
                    weight: 1.0,
                    keys: sorted(k),
                    start: t.start,
                    end: t.end,
                    share: 1.0,
                },
                None,
            ));
            continue;
        }
        let c = sorted(std::mem::take(&mut concepts[i]));
        // A closed-class word («أن», «التي») is no evidence, as in English, nor a name.
        let closed = lexicon::is_closed_class(&norms[i]);
        let content: Vec<u32> = if closed {
            Vec::new()
        } else {
            c.iter().copied().filter(|&x| !lex.is_function(x)).collect()
        };
        let name_hits: Vec<u32> = if !closed && norms[i].chars().count() >= 3 {
            matcher
                .matches(&norms[i])
                .iter()
                .map(|&k| name_keys[k])
                .collect()
        } else {
            Vec::new()
        };
        if !name_hits.is_empty() && content.is_empty() {
            d.offers.extend_from_slice(&name_hits);
            d.items.push((
                Item {
                    kind: ItemKind::Name,
                    weight: 1.0,
                    keys: sorted(name_hits),
                    start: t.start,
                    end: t.end,
                    share: 1.0,
                },
                None,
            ));
            continue;
        }
        // A known word can also be a name (ثابت "Thabit", رشيد "Rashid"): offer both.
        d.offers.extend_from_slice(&name_hits);
        if !content.is_empty() {
            d.offers.extend_from_slice(&content);
            d.items.push((
                Item {
                    kind: ItemKind::Term,
                    weight: 1.0,
                    keys: sorted(content.into_iter().chain(name_hits).collect()),
                    start: t.start,
                    end: t.end,
                    share: 1.0,
                },
                Some(arabic::strip_proclitics(&norms[i]).to_string()),
            ));
        }
    }
    assign_shares(&mut d.items, &units);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every span of every length looked up, the walk the pruned ones must equal.
    fn unpruned_phrases<'l>(
        toks: &[Token],
        keys: &[String],
        lex: &'l Lexicon,
        lang: Lang,
    ) -> Vec<(usize, usize, &'l [u32])> {
        let mut out = Vec::new();
        let (min_n, max_n) = match lang {
            Lang::En => (1, lex.max_en_words()),
            _ => (2, lex.max_ar_words()),
        };
        for i in 0..toks.len() {
            for n in min_n..=max_n.min(toks.len() - i) {
                if toks[i..i + n].iter().any(|t| t.kind == TokenKind::Number) {
                    break;
                }
                let c = if lang == Lang::En {
                    lex.en(&keys[i..i + n].join(" "))
                } else {
                    let stripped: Vec<&str> =
                        keys.iter().map(|k| arabic::strip_proclitics(k)).collect();
                    let mut forms = vec![stripped[i].to_string()];
                    for p in ["و", "ف", "ب", "ل", "ك", "وب", "ول"] {
                        if let Some(r) = keys[i].strip_prefix(p) {
                            if r.chars().count() >= 2 {
                                forms.push(arabic::strip_proclitics(r).to_string());
                            }
                        }
                    }
                    if keys[i + 1].starts_with("ال") {
                        let owned: Vec<String> =
                            forms.iter().flat_map(|f| without_possessive(f)).collect();
                        forms.extend(owned);
                    }
                    let rest = stripped[i + 1..i + n].join(" ");
                    forms
                        .iter()
                        .map(|f| lex.ar(&format!("{f} {rest}")))
                        .find(|c| !c.is_empty())
                        .unwrap_or(&[])
                };
                if !c.is_empty() {
                    out.push((i, n, c));
                }
            }
        }
        out
    }

    #[test]
    fn pruned_phrase_walks_find_every_phrase() {
        let mut lex = Lexicon::builtin().clone();
        // Imported entries keep the prefixes current too.
        lex.add_pairs([(
            "joint security cooperation dialogue".to_string(),
            "حوار التعاون الأمني المشترك".to_string(),
        )]);
        let mut found = 0;
        for (line, lang) in crate::test_corpora::sentences() {
            let toks = tokenize(&line);
            let (pruned, keys) = if lang == Lang::En {
                let stems = english_stems(&toks);
                (english_phrases(&toks, &stems, &lex), stems)
            } else {
                let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
                (arabic_phrases(&toks, &norms, &lex), norms)
            };
            assert_eq!(pruned, unpruned_phrases(&toks, &keys, &lex, lang), "{line}");
            found += pruned.iter().filter(|p| p.1 > 1).count();
        }
        assert!(found > 50, "only {found} multi-word phrases");
    }

    #[test]
    fn a_noun_with_a_possessive_pronoun_keeps_its_phrase() {
        let mut lex = Lexicon::new();
        lex.add_entry(
            "airspace",
            ["المجال الجوي"],
            crate::anchors::lexicon::EntryClass::Content,
        );
        let phrases = |s: &str| {
            let toks = tokenize(s);
            let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
            arabic_phrases(&toks, &norms, &lex).len()
        };
        assert_eq!(phrases("على أراضيها ومجالها الجوي"), 1);
        assert_eq!(phrases("انتهكت طائرة مجالهم الجوي"), 1);
        assert_eq!(phrases("دخلت المجال الجوي"), 1);
        // Without the adjective's article it is no such phrase.
        assert_eq!(phrases("مجالها جوي"), 0);
    }

    #[test]
    fn faithful_pair_matches_items() {
        let lex = Lexicon::builtin();
        let en = vec![
            "Minister al-Abbasi also met Secretary of Defense Lloyd Austin in 2023.".to_string(),
        ];
        let ar = vec!["التقى الوزير العباسي بوزير الدفاع الأمريكي لويد أوستن عام ٢٠٢٣.".to_string()];
        let a = build(&en, &ar, lex);
        let m = a.src[0].matched_by(&a.tgt[0].offers);
        let (lw, aw) = a.src[0].weights(m);
        let (lt, at) = a.src[0].totals();
        assert!(aw / at > 0.7, "anchors {aw}/{at}: {:?}", a.src[0].items);
        assert!(lw / lt > 0.5, "lexical {lw}/{lt}");
    }

    /// The share of the item covering `word` in sentence `s`.
    fn share_of(s: &SentenceAnchors, text: &str, word: &str) -> Option<f32> {
        let at = text.find(word)?;
        let start = text[..at].chars().count();
        s.items
            .iter()
            .find(|it| it.kind == ItemKind::Term && it.start == start)
            .map(|it| it.share)
    }

    /// The words of one multi-word name are one piece of evidence, and a word that is part of a
    /// number or a date is counted there, not again as a word.
    #[test]
    fn a_unit_is_one_piece_of_evidence() {
        let lex = Lexicon::builtin();
        let en = vec![
            "Saudi Arabia and the United Kingdom will send three ships in March 2027.".to_string(),
        ];
        let ar = vec![
            "سترسل المملكة العربية السعودية والمملكة المتحدة ثلاث سفن في مارس 2027.".to_string(),
        ];
        let a = build(&en, &ar, lex);
        let (e, t) = (&a.src[0], &a.tgt[0]);
        assert_eq!(share_of(e, &en[0], "Saudi"), Some(0.5), "{:?}", e.items);
        assert_eq!(share_of(e, &en[0], "Arabia"), Some(0.5));
        assert_eq!(share_of(e, &en[0], "Kingdom"), Some(0.5));
        assert_eq!(share_of(e, &en[0], "ships"), Some(1.0));
        for word in ["three", "March"] {
            assert!(
                matches!(share_of(e, &en[0], word), None | Some(0.0)),
                "{word}: {:?}",
                e.items
            );
        }
        let third = share_of(t, &ar[0], "العربية").unwrap_or(0.0);
        assert!((third - 1.0 / 3.0).abs() < 1e-6, "{:?}", t.items);
        assert_eq!(share_of(t, &ar[0], "سفن"), Some(1.0), "{:?}", t.items);
        // What is counted is unchanged: the number and the month stay items of their own.
        assert!(e
            .items
            .iter()
            .any(|it| it.kind == ItemKind::Number && it.share == 1.0));
        assert!(e
            .items
            .iter()
            .any(|it| it.kind == ItemKind::Month && it.share == 1.0));
    }

    /// The one-sweep [`assign_shares`] gives what its definition says, on layouts of words,
    /// numbers, dates and units drawn at random (a fixed generator, so the test is repeatable).
    #[test]
    fn shares_follow_their_definition_on_random_layouts() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut draw = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let item = |kind, start, end| Item {
            kind,
            weight: 1.0,
            keys: Vec::new(),
            start,
            end,
            share: 1.0,
        };
        for _ in 0..500 {
            // Words of 1..4 characters one space apart; numbers and dates over runs of them.
            let n_words = 1 + draw(12) as usize;
            let mut words = Vec::new();
            let mut at = 0;
            for _ in 0..n_words {
                let len = 1 + draw(4) as usize;
                words.push((at, at + len));
                at += len + 1;
            }
            let mut items: Vec<(Item, Option<String>)> = Vec::new();
            for _ in 0..draw(3) {
                let a = draw(n_words as u64) as usize;
                let b = (a + draw(3) as usize).min(n_words - 1);
                let kind = if draw(2) == 0 {
                    ItemKind::Number
                } else {
                    ItemKind::Month
                };
                items.push((item(kind, words[a].0, words[b].1), None));
            }
            for &(s, e) in &words {
                if draw(4) != 0 {
                    items.push((item(ItemKind::Term, s, e), None));
                }
            }
            let mut units = Vec::new();
            let mut w = 0;
            while w < n_words {
                let len = 2 + draw(3) as usize;
                if draw(3) == 0 && w + len <= n_words {
                    units.push((words[w].0, words[w + len - 1].1));
                    w += len;
                } else {
                    w += 1;
                }
            }
            let mut swept = items.clone();
            assign_shares(&mut swept, &units);
            for (k, (it, _)) in items.iter().enumerate() {
                let expected = if it.kind != ItemKind::Term {
                    1.0
                } else if items.iter().any(|(c, _)| {
                    matches!(c.kind, ItemKind::Number | ItemKind::Month)
                        && c.start <= it.start
                        && c.end >= it.end
                }) {
                    0.0
                } else {
                    let covering = |u: &(usize, usize)| u.0 <= it.start && it.end <= u.1;
                    match units.iter().find(|u| covering(u)) {
                        None => 1.0,
                        Some(u) => {
                            let members = items
                                .iter()
                                .filter(|(m, _)| {
                                    m.kind == ItemKind::Term
                                        && u.0 <= m.start
                                        && m.end <= u.1
                                        && !items.iter().any(|(c, _)| {
                                            matches!(c.kind, ItemKind::Number | ItemKind::Month)
                                                && c.start <= m.start
                                                && c.end >= m.end
                                        })
                                })
                                .count();
                            if members > 1 {
                                1.0 / members as f32
                            } else {
                                1.0
                            }
                        }
                    }
                };
                assert_eq!(swept[k].0.share, expected, "{items:?} {units:?}");
            }
        }
    }

    #[test]
    fn a_capital_that_only_opens_a_sentence_is_no_name() {
        let en: Vec<String> = [
            "\"Patience pays,\" the coach said.",
            "Marlowe told reporters the squad would train in Tunis.",
            "The squad thanked Marlowe for the season.",
            "Dorvanne Kessick praised the players.",
            "The talks were led by Daniel R. Whitcomb.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let a = build(&en, &[], Lexicon::builtin());
        let name_at = |i: usize, word: &str| {
            let start = en[i].chars().count() - en[i][en[i].find(word).unwrap()..].chars().count();
            a.src[i]
                .items
                .iter()
                .any(|it| it.kind == ItemKind::Name && it.start == start)
        };
        // Capitalised only where it opens a quotation: the sentence's capital.
        assert!(!name_at(0, "Patience"));
        // Capitalised inside a sentence elsewhere in the document: a name at the start too.
        assert!(name_at(1, "Marlowe") && name_at(2, "Marlowe"));
        // A capitalised word running on into another one is a name at the start too.
        assert!(name_at(3, "Dorvanne") && name_at(3, "Kessick"));
        // A middle initial's point ends no sentence.
        assert!(name_at(4, "Whitcomb"));
    }

    #[test]
    fn a_quotation_is_matched_by_a_quotation_in_the_other_script() {
        let lex = Lexicon::builtin();
        let en = vec!["\"We cannot wait for the rain,\" the farmer said.".to_string()];
        let ar = vec![
            "وقال المزارع: «لا يمكننا انتظار المطر».".to_string(),
            "وقال المزارع إنه لا يستطيع انتظار المطر.".to_string(),
        ];
        let a = build(&en, &ar, lex);
        let quote = |s: &SentenceAnchors| s.items.iter().position(|it| it.kind == ItemKind::Quote);
        let k = quote(&a.src[0]).expect("the English quotation is an item");
        assert!(quote(&a.tgt[0]).is_some());
        assert_eq!(quote(&a.tgt[1]), None, "reported speech is no quotation");
        assert!(a.src[0].matched_by(&a.tgt[0].offers) & (1 << k) != 0);
        assert!(a.src[0].matched_by(&a.tgt[1].offers) & (1 << k) == 0);
    }

    #[test]
    fn closed_class_words_are_no_items_whatever_a_dictionary_offers() {
        // A general dictionary gives pronouns and particles renderings («هي» for "she", "that"
        // for «أن»); Arabic drops the pronoun and folds particles into clitics, so they are no
        // evidence either way.
        let mut lex = Lexicon::builtin().clone();
        lex.add_pairs([
            ("she".to_string(), "هي".to_string()),
            ("that".to_string(), "أن".to_string()),
        ]);
        let en = vec!["She said that the bridge would reopen.".to_string()];
        let ar = vec!["وقالت أن الجسر سيعاد فتحه.".to_string()];
        let a = build(&en, &ar, &lex);
        let words = |s: &SentenceAnchors, text: &str| -> Vec<String> {
            s.items
                .iter()
                .map(|it| {
                    text.chars()
                        .skip(it.start)
                        .take(it.end - it.start)
                        .collect()
                })
                .collect()
        };
        let en_items = words(&a.src[0], &en[0]);
        let ar_items = words(&a.tgt[0], &ar[0]);
        assert!(
            !en_items.iter().any(|w| w == "She" || w == "that"),
            "{en_items:?}"
        );
        assert!(!ar_items.iter().any(|w| w == "أن"), "{ar_items:?}");
        assert!(en_items.iter().any(|w| w == "bridge"), "{en_items:?}");
    }
}
