//! The benchmark's summary: per class, injections, detections (family and exact kind), misses to
//! study; false alarms on untouched sentences; the baseline rate of the unperturbed pairs.

use super::score::{self, Outcome};
use super::{Class, Injection, Options, Pair};
use crate::pipeline::Analysis;
use serde::Serialize;

/// One missed injection, to show whoever tunes the detectors what slipped through.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub pair: String,
    /// Arabic sentence (0-based) in the perturbed document.
    pub sentence: usize,
    pub before: String,
    pub after: String,
    /// Flags the tool gave on that sentence (kind[/subkind]:severity).
    pub flags_on_sentence: Vec<String>,
}

/// High-severity flags on eligible (untouched, gold-unflagged) sentences.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rate {
    pub high: usize,
    pub sentences: usize,
    pub sentences_hit: usize,
    /// High flags per 50 eligible sentences.
    pub per_50: f64,
    /// Share of eligible sentences with at least one such flag, in [0, 1].
    pub sentence_rate: f64,
}

impl Rate {
    fn add(&mut self, high: usize, hit: usize, sentences: usize) {
        self.high += high;
        self.sentences_hit += hit;
        self.sentences += sentences;
        let n = self.sentences.max(1) as f64;
        self.per_50 = 50.0 * self.high as f64 / n;
        self.sentence_rate = self.sentences_hit as f64 / n;
    }
}

/// Results of one class.
#[derive(Debug, Clone, Serialize)]
pub struct ClassReport {
    pub class: Class,
    pub expected: &'static str,
    pub injections: usize,
    pub detected: usize,
    /// detected / injections; null when nothing could be injected.
    pub recall: Option<f64>,
    pub exact: usize,
    pub exact_recall: Option<f64>,
    /// Injection sites where the unperturbed pair already met the criterion.
    pub preflagged: usize,
    pub false_alarms: Rate,
    pub misses: Vec<Miss>,
}

/// The whole benchmark.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub seed: u64,
    pub per_pair: usize,
    pub min_per_class: usize,
    /// Which lexicon the analyses used (set by the caller).
    pub lexicon: String,
    pub pairs: Vec<String>,
    pub arabic_sentences: usize,
    pub runs: usize,
    pub classes: Vec<ClassReport>,
    /// All classes together.
    pub injections: usize,
    pub detected: usize,
    pub recall: Option<f64>,
    pub false_alarms: Rate,
    /// The unperturbed pairs.
    pub baseline: Rate,
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

pub fn build(
    pairs: &[Pair],
    baseline: &[Analysis],
    inj: &[Injection],
    results: &[Outcome],
    opts: &Options,
) -> Report {
    let mut base = Rate::default();
    for (p, a) in pairs.iter().zip(baseline) {
        let (h, s, n) = score::baseline(p, a);
        base.add(h, s, n);
    }
    let mut all_fa = Rate::default();
    let classes: Vec<ClassReport> = Class::ALL
        .iter()
        .map(|&class| {
            let mut c = ClassReport {
                class,
                expected: class.expected().as_str(),
                injections: 0,
                detected: 0,
                recall: None,
                exact: 0,
                exact_recall: None,
                preflagged: 0,
                false_alarms: Rate::default(),
                misses: Vec::new(),
            };
            for (i, o) in inj.iter().zip(results).filter(|(i, _)| i.class == class) {
                c.injections += 1;
                c.detected += usize::from(o.detected);
                c.exact += usize::from(o.exact);
                c.preflagged += usize::from(o.preflagged);
                c.false_alarms
                    .add(o.false_high, o.false_high_sentences, o.untouched);
                all_fa.add(o.false_high, o.false_high_sentences, o.untouched);
                if !o.detected && c.misses.len() < opts.misses {
                    c.misses.push(Miss {
                        pair: pairs[i.pair].name.clone(),
                        sentence: i.sentence,
                        before: i.before.clone(),
                        after: i.after.clone(),
                        flags_on_sentence: o.on_sentence.clone(),
                    });
                }
            }
            c.recall = ratio(c.detected, c.injections);
            c.exact_recall = ratio(c.exact, c.injections);
            c
        })
        .collect();
    let injections = classes.iter().map(|c| c.injections).sum();
    let detected = classes.iter().map(|c| c.detected).sum();
    Report {
        seed: opts.seed,
        per_pair: opts.per_pair,
        min_per_class: opts.min_per_class,
        lexicon: String::new(),
        pairs: pairs.iter().map(|p| p.name.clone()).collect(),
        arabic_sentences: pairs.iter().map(|p| p.ar.len()).sum(),
        runs: inj.len() + pairs.len(),
        classes,
        injections,
        detected,
        recall: ratio(detected, injections),
        false_alarms: all_fa,
        baseline: base,
    }
}

impl Report {
    /// The JSON document: classes keyed by name.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        let classes: serde_json::Map<String, serde_json::Value> = self
            .classes
            .iter()
            .map(|c| {
                (
                    c.class.as_str().to_string(),
                    serde_json::to_value(c).unwrap_or_default(),
                )
            })
            .collect();
        v["classes"] = serde_json::Value::Object(classes);
        v
    }

    /// The text report; misses too when `verbose`.
    pub fn text(&self, verbose: bool) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let pct = |r: Option<f64>| r.map_or("     —".to_string(), |r| format!("{r:>6.3}"));
        let _ = writeln!(s, "lexicon: {}", self.lexicon);
        let _ = writeln!(
            s,
            "{} pairs, {} Arabic sentences, seed {}, up to {} injections per class per pair (more for a class under {} overall), {} analyses",
            self.pairs.len(),
            self.arabic_sentences,
            self.seed,
            self.per_pair,
            self.min_per_class,
            self.runs
        );
        let _ = writeln!(
            s,
            "{:<17} {:<16} {:>5} {:>5} {:>6} {:>5} {:>6} {:>5} {:>9}",
            "class", "expected", "inj", "det", "recall", "exact", "recall", "pre", "falseH/50"
        );
        for c in &self.classes {
            let _ = writeln!(
                s,
                "{:<17} {:<16} {:>5} {:>5} {} {:>5} {} {:>5} {:>9.3}",
                c.class.as_str(),
                c.expected,
                c.injections,
                c.detected,
                pct(c.recall),
                c.exact,
                pct(c.exact_recall),
                c.preflagged,
                c.false_alarms.per_50
            );
        }
        let _ = writeln!(
            s,
            "{:<17} {:<16} {:>5} {:>5} {} {:>5} {:>6} {:>5} {:>9.3}",
            "all",
            "",
            self.injections,
            self.detected,
            pct(self.recall),
            "",
            "",
            "",
            self.false_alarms.per_50
        );
        let _ = writeln!(
            s,
            "false alarms (high flags on untouched, gold-unflagged sentences): {} over {} sentence-runs = {:.3} per 50 sentences ({:.3} of sentences hit)",
            self.false_alarms.high,
            self.false_alarms.sentences,
            self.false_alarms.per_50,
            self.false_alarms.sentence_rate
        );
        let _ = writeln!(
            s,
            "baseline (unperturbed pairs): {} high flags over {} sentences = {:.3} per 50 sentences",
            self.baseline.high, self.baseline.sentences, self.baseline.per_50
        );
        if verbose {
            for c in &self.classes {
                for m in &c.misses {
                    let _ = writeln!(
                        s,
                        "miss {:<16} {} ar[{}]: «{}» → «{}»  flags there: {}",
                        c.class.as_str(),
                        m.pair,
                        m.sentence,
                        m.before,
                        m.after,
                        if m.flags_on_sentence.is_empty() {
                            "none".to_string()
                        } else {
                            m.flags_on_sentence.join(", ")
                        }
                    );
                }
            }
        }
        s
    }
}
