//! The support test: is a clause of a translated sentence rendered by the other side of its bead?
//!
//! A sentence is cut into clauses (at punctuation and before clause openers, both languages).
//! For each clause two hypotheses are compared with the document's own alignment model: the
//! clause is rendered (its items find their match at the document's match rates, and the lengths
//! of the bead fit), or it is not (its items match only by chance, and the bead's lengths fit
//! without it). Editorial wording adds evidence that an Arabic clause was written by the outlet.
//! The prior is the document's own rate of sentences without a counterpart, bounded below. The
//! result is a log-odds, so a thin lexicon (few matches expected even in faithful text) yields
//! weak evidence and no flag, where a rich one yields strong evidence.

use super::markers::{self, MarkerHit};
use super::Context;
use crate::align::model::Gauss;
use crate::align::Bead;
use crate::anchors::ItemKind;
use crate::text::data as text_data;
use crate::text::tokens::{tokenize, Token};
use crate::text::{arabic, Lang};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Lowest prior share of clauses added or dropped, whatever the document's sentence-level rate:
/// a faithful translation may still drop or add a phrase.
const MIN_PRIOR: f64 = 0.05;
/// Highest prior share.
const MAX_PRIOR: f64 = 0.3;

/// Evidence (nats) that an editorial marker of weight 1, 2, 3 adds for an Arabic clause being the
/// outlet's own: how much likelier such words are in added commentary than in a rendering of a
/// neutral official statement.
const MARKER_EVIDENCE: [f64; 4] = [0.0, 0.5, 1.5, 2.5];
/// At most this much marker evidence per clause: markers never decide alone.
const MAX_MARKER_EVIDENCE: f64 = 3.0;

/// A clause of one sentence.
#[derive(Debug, Clone)]
pub struct Clause {
    /// Character span in the sentence.
    pub start: usize,
    pub end: usize,
    pub words: usize,
}

/// The outcome of the support test for one clause.
#[derive(Debug, Clone)]
pub struct ClauseTest {
    pub clause: Clause,
    /// Log-odds that the clause is not rendered by the other side.
    pub log_odds: f64,
    /// How many items of the clause the other side matches.
    pub matched: usize,
    /// The clause's own evidence, kept so that neighbouring clauses can be tested as one span:
    /// items (nats), editorial markers (nats, uncapped) and content length.
    items: f64,
    markers: f64,
    len: f64,
}

impl ClauseTest {
    pub fn unsupported(&self) -> bool {
        self.log_odds > 0.0
    }
}

fn openers() -> &'static HashMap<Lang, Vec<Vec<String>>> {
    static O: OnceLock<HashMap<Lang, Vec<Vec<String>>>> = OnceLock::new();
    O.get_or_init(|| {
        let mut m: HashMap<Lang, Vec<Vec<String>>> = HashMap::new();
        for f in text_data::rows(include_str!("data/clause_openers.tsv"), 2) {
            let lang = if f[0] == "ar" { Lang::Ar } else { Lang::En };
            let words = f[1].split_whitespace().map(|w| word_key(w, lang)).collect();
            m.entry(lang).or_default().push(words);
        }
        m
    })
}

/// Whether English words (lowercased) open with a clause opener ("which", "while", "after").
pub(super) fn opens_english_clause(words: &[&str]) -> bool {
    openers().get(&Lang::En).is_some_and(|list| {
        list.iter()
            .any(|o| o.len() <= words.len() && o.iter().zip(words).all(|(a, b)| a == b))
    })
}

/// Whether an item's text is one closed-class word (with its Arabic proclitics: «وفي», «بالـ»).
pub(super) fn closed_class_item(text: &str, start: usize, end: usize, side: Lang) -> bool {
    closed_class_word(crate::text::char_slice(text, start, end), side)
}

/// [`closed_class_item`] of the item's text.
fn closed_class_word(w: &str, side: Lang) -> bool {
    if w.contains(char::is_whitespace) {
        return false;
    }
    match side {
        Lang::En => crate::anchors::lexicon::is_closed_class(&w.to_lowercase()),
        Lang::Ar => {
            let n = crate::text::arabic::normalize(w);
            let closed = crate::anchors::lexicon::is_closed_class;
            // A conjunction joined to a particle («وفي», «فإن») leaves it closed-class.
            closed(&n)
                || ["و", "ف"]
                    .iter()
                    .any(|p| n.strip_prefix(p).is_some_and(closed))
        }
    }
}

/// The form of a word that clause openers are compared on.
fn word_key(w: &str, lang: Lang) -> String {
    match lang {
        Lang::En => w.to_lowercase(),
        Lang::Ar => arabic::normalize(w),
    }
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '،' | ',' | '؛' | ';' | ':' | '(' | ')' | '—' | '–' | '«' | '»' | '"' | '“' | '”'
    )
}

/// Characters before a sentence-ending mark that [`ends_clause`] hands to the segmenter's rules.
const PREFIX_READ: usize = 256;

/// Whether the text between two tokens ends a clause: clause punctuation, a hyphen standing for
/// a dash (spaced: "his servants - indeed"), or the end of a sentence inside one segment (a
/// verse, a line holding two sentences), read with the segmenter's rules so that "Gen." or
/// "U.S." does not cut.
fn ends_clause(chars: &[char], gap_start: usize, gap_end: usize, lang: Lang) -> bool {
    let gap = &chars[gap_start..gap_end];
    if gap.iter().any(|&c| is_break(c)) {
        return true;
    }
    if gap.contains(&'-') && gap.iter().any(|c| c.is_whitespace()) {
        return true;
    }
    let Some(p) = gap
        .iter()
        .rposition(|&c| matches!(c, '.' | '!' | '?' | '؟'))
    else {
        return false;
    };
    // The segmenter's rules read only the end of the text before the break (the last word, the
    // last few characters, and whether it is a short list marker): a bounded tail gives the same
    // answer, where the whole prefix made a line of many sentences quadratic.
    let end = gap_start + p + 1;
    let prev: String = chars[end.saturating_sub(PREFIX_READ)..end].iter().collect();
    let next: String = chars[gap_start + p + 1..(gap_end + 24).min(chars.len())]
        .iter()
        .collect();
    crate::segment::is_sentence_end(&prev, &next, lang)
}

/// Whether an opener starts at token `k`. Arabic tokens may carry the conjunction و or ف.
fn opener_at(toks: &[Token], keys: &[String], k: usize, lang: Lang) -> bool {
    let Some(list) = openers().get(&lang) else {
        return false;
    };
    list.iter().any(|o| {
        o.iter().enumerate().all(|(n, w)| {
            let Some(key) = keys.get(k + n) else {
                return false;
            };
            key == w
                || (n == 0
                    && lang == Lang::Ar
                    && (key.strip_prefix('و') == Some(w) || key.strip_prefix('ف') == Some(w)))
        })
    }) || (lang == Lang::En && matches!(keys[k].as_str(), "and" | "or") && k > 0 && {
        // "and"/"or" open an item of a list: after a comma earlier in the sentence.
        let _ = toks;
        true
    })
}

/// The clauses of a sentence: cut at clause punctuation and before clause openers.
pub fn clauses(text: &str, lang: Lang) -> Vec<Clause> {
    let toks = tokenize(text);
    if toks.is_empty() {
        return Vec::new();
    }
    let keys: Vec<String> = toks.iter().map(|t| word_key(t.text, lang)).collect();
    let chars: Vec<char> = text.chars().collect();
    let mut starts = vec![0usize];
    for k in 1..toks.len() {
        if ends_clause(&chars, toks[k - 1].end, toks[k].start, lang)
            || opener_at(&toks, &keys, k, lang)
        {
            starts.push(k);
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(n, &s)| {
            let e = starts.get(n + 1).copied().unwrap_or(toks.len());
            Clause {
                start: toks[s].start,
                end: toks[e - 1].end,
                words: e - s,
            }
        })
        .collect()
}

/// Character spans sorted and overlapping ones joined.
fn merged(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (a, e) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(e),
            _ => out.push((a, e)),
        }
    }
    out
}

/// One bead seen from the flag detectors: which items of each sentence the other side matches.
pub struct BeadView<'c> {
    ctx: &'c Context<'c>,
    pub src: &'c [usize],
    pub tgt: &'c [usize],
    /// Items of each source (target) sentence matched by the target (source) side of the bead.
    pub src_masks: Vec<u64>,
    pub tgt_masks: Vec<u64>,
    ls: f64,
    lt: f64,
}

impl<'c> BeadView<'c> {
    pub fn new(ctx: &'c Context<'c>, bead: &'c Bead) -> BeadView<'c> {
        Self::of(ctx, &bead.src, &bead.tgt)
    }

    pub fn of(ctx: &'c Context<'c>, src: &'c [usize], tgt: &'c [usize]) -> BeadView<'c> {
        let a = ctx.anchors;
        let (so, to) = (
            crate::anchors::offers_of(&a.src, src),
            crate::anchors::offers_of(&a.tgt, tgt),
        );
        BeadView {
            ctx,
            src,
            tgt,
            src_masks: src.iter().map(|&i| a.src[i].matched_by(&to)).collect(),
            tgt_masks: tgt.iter().map(|&j| a.tgt[j].matched_by(&so)).collect(),
            ls: src.iter().map(|&i| a.src[i].len).sum(),
            lt: tgt.iter().map(|&j| a.tgt[j].len).sum(),
        }
    }

    /// Prior log-odds that a clause on `side` has no counterpart: the document's rate of
    /// sentences without one (estimated by the aligner), bounded.
    fn prior(&self, side: Lang) -> f64 {
        let shape = if side == Lang::Ar { 2 } else { 1 };
        let p = (-(self.ctx.model.shape_cost[shape] as f64))
            .exp()
            .clamp(MIN_PRIOR, MAX_PRIOR);
        (p / (1.0 - p)).ln()
    }

    /// The support test of every clause of the `n`-th target sentence of the bead.
    pub fn target_clauses(&self, n: usize) -> Vec<ClauseTest> {
        let j = self.tgt[n];
        let text = &self.ctx.tgt[j];
        // A connective the source itself uses renders it: no sign of an added clause.
        let hits = markers::not_rendering(
            &self.ctx.words.ar(j).markers,
            self.src.iter().map(|&i| self.ctx.src[i].as_str()),
        );
        self.test_clauses(Lang::Ar, n, text, &hits)
    }

    /// The support test of every clause of the `n`-th source sentence of the bead.
    pub fn source_clauses(&self, n: usize) -> Vec<ClauseTest> {
        let i = self.src[n];
        self.test_clauses(Lang::En, n, &self.ctx.src[i], &[])
    }

    fn test_clauses(
        &self,
        side: Lang,
        n: usize,
        text: &str,
        hits: &[MarkerHit],
    ) -> Vec<ClauseTest> {
        let (sent, mask, tables, union) = match side {
            Lang::Ar => (
                &self.ctx.anchors.tgt[self.tgt[n]],
                self.tgt_masks[n],
                &self.ctx.evidence.tgt,
                self.src.len(),
            ),
            Lang::En => (
                &self.ctx.anchors.src[self.src[n]],
                self.src_masks[n],
                &self.ctx.evidence.src,
                self.tgt.len(),
            ),
        };
        let s = match side {
            Lang::Ar => self.tgt[n],
            Lang::En => self.src[n],
        };
        let prior = self.prior(side);
        // A closed-class word (في "in", إلى "to", "the") that a dictionary lists is found on both
        // sides of any pair: it says nothing about a clause. Judged once per item, the items
        // sliced in text order.
        let mut order: Vec<usize> = (0..sent.items.len()).collect();
        order.sort_by_key(|&k| sent.items[k].start);
        let mut closed = vec![false; sent.items.len()];
        let mut items_cursor = crate::text::CharCursor::new(text);
        for k in order {
            let it = &sent.items[k];
            closed[k] = it.kind.is_lexical()
                && closed_class_word(items_cursor.slice(it.start, it.end), side);
        }
        // Times of day: their hour and minute words are no figures of their own; a time that
        // agrees with one of the other side of the bead is a matched anchor, with the document's
        // match rate of numbers and the chance that a random sentence of the other side gives it.
        use crate::align::model::{kind_index, SRC, TGT};
        let own_times = match side {
            Lang::Ar => self.ctx.words.ar_times(s),
            Lang::En => self.ctx.words.en_times(s),
        };
        let time_spans: Vec<(usize, usize)> = own_times.iter().map(|t| (t.start, t.end)).collect();
        let (other_texts, other_idx, rate_side) = match side {
            Lang::Ar => (&self.ctx.src, self.src, TGT),
            Lang::En => (&self.ctx.tgt, self.tgt, SRC),
        };
        let other_times: Vec<_> = if own_times.is_empty() {
            Vec::new()
        } else {
            other_idx
                .iter()
                .flat_map(|&o| match side {
                    Lang::Ar => self.ctx.words.en_times(o),
                    Lang::En => self.ctx.words.ar_times(o),
                })
                .copied()
                .collect()
        };
        let time_p0 = 1.0 / (other_texts.len() as f64 + 1.0);
        let time_p1 =
            self.ctx.model.match_rate[rate_side][kind_index(ItemKind::Number)].max(time_p0);
        // A Hijri date beside the Gregorian day, a weekday the date falls on: restated, not
        // added; their items weigh nothing («يوم الأربعاء 5 رمضان 1446هـ» for "on March 5").
        // Their length is no added text either: it leaves the bead's Arabic length and the
        // clause's own before the length model judges them.
        let restated = match side {
            Lang::Ar => merged(super::dates::restating_spans(self.ctx, self.src, s)),
            Lang::En => Vec::new(),
        };
        let restated_len = |from: usize, to: usize| -> f64 {
            restated
                .iter()
                .map(|&(a, e)| (a.max(from), e.min(to)))
                .filter(|(a, e)| a < e)
                .map(|(a, e)| {
                    crate::text::content_length(crate::text::char_slice(text, a, e), side)
                })
                .sum::<usize>() as f64
        };
        let discount = restated_len(0, usize::MAX);
        let mut cursor = crate::text::CharCursor::new(text);
        let tests: Vec<ClauseTest> = clauses(text, side)
            .into_iter()
            .map(|c| {
                let mut llr = 0.0;
                let mut matched = 0;
                for t in own_times
                    .iter()
                    .filter(|t| t.start >= c.start && t.end <= c.end)
                {
                    if other_times.iter().any(|o| o.agrees(t)) {
                        matched += 1;
                        llr += (time_p0 / time_p1).ln();
                    }
                }
                for (k, it) in sent.items.iter().enumerate() {
                    if it.start < c.start || it.end > c.end {
                        continue;
                    }
                    if closed[k]
                        || (it.kind == ItemKind::Number
                            && crate::anchors::times::within(&time_spans, it.start, it.end))
                        || crate::anchors::times::within(&restated, it.start, it.end)
                    {
                        continue;
                    }
                    let (p1, p0) = tables.item_rates(s, k, union);
                    if mask & (1u64 << k) != 0 || self.two_in_a_dual(side, s, it) {
                        matched += 1;
                        llr += (p0 / p1).ln();
                    } else {
                        llr += ((1.0 - p0) / (1.0 - p1)).ln();
                    }
                }
                let clause_len = (crate::text::content_length(cursor.slice(c.start, c.end), side)
                    as f64
                    - restated_len(c.start, c.end))
                .max(0.0);
                let marker_evidence: f64 = hits
                    .iter()
                    .filter(|h| h.start >= c.start && h.end <= c.end)
                    .filter(|h| markers::is_editorial(h.kind))
                    .map(|h| MARKER_EVIDENCE[(h.weight as usize).min(3)])
                    .sum();
                ClauseTest {
                    clause: c,
                    log_odds: prior
                        + llr
                        + self.length_evidence(side, clause_len, discount)
                        + marker_evidence.min(MAX_MARKER_EVIDENCE),
                    matched,
                    items: llr,
                    markers: marker_evidence,
                    len: clause_len,
                }
            })
            .collect();
        self.joined_spans(side, prior, tests, discount)
    }

    /// Whether source item `it` of sentence `s` is the number two that an Arabic dual of the
    /// bead gives («نجلي الربيعي» for "al-Rubaie's two sons").
    fn two_in_a_dual(&self, side: Lang, s: usize, it: &crate::anchors::Item) -> bool {
        side == Lang::En
            && it.kind == ItemKind::Number
            && self.ctx.anchors.src[s]
                .numbers
                .iter()
                .any(|m| m.start == it.start && m.value == 2.0)
            && super::numbers::two_given_by_dual(self.ctx, s, it.end, self.tgt)
    }

    /// Neighbouring clauses whose own evidence each leans towards "not rendered" are tested as
    /// one span as well: the prior is the rate of added or dropped passages, which a clause
    /// opener may cut in two (a noun phrase and its relative clause: «رغم الإخفاقات المتكررة |
    /// التي منيت بها هذه السياسة»), and the length of the whole passage is what the bead's
    /// lengths can confirm. Where the span is judged unsupported, each of its clauses is.
    /// Only Arabic clauses are joined: an added passage is written as a unit by the outlet, while
    /// neighbouring English clauses without a lexical match are, in a loose or literary
    /// rendering, mostly rendered in other words (joining them flagged faithful verses).
    /// `discount`: Arabic length that restates (see [`Self::length_evidence`]).
    fn joined_spans(
        &self,
        side: Lang,
        prior: f64,
        mut tests: Vec<ClauseTest>,
        discount: f64,
    ) -> Vec<ClauseTest> {
        if side != Lang::Ar {
            return tests;
        }
        let leans = |t: &ClauseTest| t.log_odds > prior && t.matched == 0;
        let mut k = 0;
        while k < tests.len() {
            if !leans(&tests[k]) {
                k += 1;
                continue;
            }
            let mut e = k;
            while e + 1 < tests.len() && leans(&tests[e + 1]) {
                e += 1;
            }
            if e > k {
                let run = &tests[k..=e];
                let items: f64 = run.iter().map(|t| t.items).sum();
                let markers: f64 = run.iter().map(|t| t.markers).sum();
                let len: f64 = run.iter().map(|t| t.len).sum();
                let joint = prior
                    + items
                    + self.length_evidence(side, len, discount)
                    + markers.min(MAX_MARKER_EVIDENCE);
                if joint > 0.0 {
                    for t in &mut tests[k..=e] {
                        t.log_odds = t.log_odds.max(joint);
                    }
                }
            }
            k = e + 1;
        }
        tests
    }

    /// Log-likelihood ratio of the bead's lengths without a clause of `clause_len` characters on
    /// `side` against with it; `discount` characters of the Arabic restate what it says already
    /// (a Hijri date beside the Gregorian one) and count on neither hand.
    fn length_evidence(&self, side: Lang, clause_len: f64, discount: f64) -> f64 {
        let m = self.ctx.model;
        let fit = |ls: f64, lt: f64| {
            let ls = ls.max(1.0);
            Gauss {
                mean: m.ratio * ls,
                var: m.variance * ls,
            }
            .log_density(lt)
        };
        let lt = (self.lt - discount).max(0.0);
        let with = fit(self.ls, lt);
        let without = match side {
            Lang::Ar => fit(self.ls, (lt - clause_len).max(0.0)),
            Lang::En => fit((self.ls - clause_len).max(1.0), lt),
        };
        // The length model's unrelated share bounds how much lengths can say.
        (without - with).clamp(m.unrelated.ln(), -m.unrelated.ln())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, lang: Lang) -> Vec<String> {
        clauses(text, lang)
            .iter()
            .map(|c| crate::text::char_slice(text, c.start, c.end).to_string())
            .collect()
    }

    #[test]
    fn closed_class_words_are_no_support_evidence() {
        let ar = "وصل الوفد إلى المدينة وفي المساء";
        let at = |w: &str| {
            let b = ar.find(w).unwrap();
            let start = ar[..b].chars().count();
            (start, start + w.chars().count())
        };
        let (s, e) = at("إلى");
        assert!(closed_class_item(ar, s, e, Lang::Ar));
        let (s, e) = at("وفي");
        assert!(closed_class_item(ar, s, e, Lang::Ar));
        let (s, e) = at("المدينة");
        assert!(!closed_class_item(ar, s, e, Lang::Ar));
        let en = "They met in the city";
        assert!(closed_class_item(en, 9, 11, Lang::En));
        assert!(!closed_class_item(en, 16, 20, Lang::En));
    }

    #[test]
    fn english_clauses_cut_at_punctuation_and_openers() {
        let s = "During the second round, the delegations agreed to expand training if the truce holds, including for border units.";
        assert_eq!(
            spans(s, Lang::En),
            vec![
                "During the second round",
                "the delegations agreed to expand training",
                "if the truce holds",
                "including for border units"
            ]
        );
        let s = "Officials from Oman, Kenya, Peru and Chile attended.";
        assert_eq!(
            spans(s, Lang::En),
            vec!["Officials from Oman", "Kenya", "Peru", "and Chile attended"]
        );
    }

    #[test]
    fn clauses_end_at_sentence_ends_and_spaced_hyphens() {
        let s =
            "The council met twice. Indeed, its members agreed on the text - every one of them.";
        assert_eq!(
            spans(s, Lang::En),
            vec![
                "The council met twice",
                "Indeed",
                "its members agreed on the text",
                "every one of them"
            ]
        );
        // Abbreviations, initials and hyphenated words do not cut.
        let s = "Gen. Ruth A. Calder met U.S. officials on a long-planned visit.";
        assert_eq!(spans(s, Lang::En), vec![s.trim_end_matches('.')]);
        let s = "عقد المجلس جلستين. وأكد أعضاؤه موافقتهم على النص";
        assert_eq!(
            spans(s, Lang::Ar),
            vec!["عقد المجلس جلستين", "وأكد أعضاؤه موافقتهم على النص"]
        );
    }

    #[test]
    fn arabic_clauses_cut_at_punctuation_and_openers() {
        let s = "وصل الوفد إلى المدينة صباح الأحد، حيث التقى المحافظ بهدف بحث ملف المياه";
        assert_eq!(
            spans(s, Lang::Ar),
            vec![
                "وصل الوفد إلى المدينة صباح الأحد",
                "حيث التقى المحافظ",
                "بهدف بحث ملف المياه"
            ]
        );
    }
}
