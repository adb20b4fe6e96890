//! Perturbation benchmark for the flag detectors. From faithful translation pairs, one change at
//! a time is injected into the Arabic with a fixed seed (a number, a date part, a name, a
//! negation, a list item, a clause, a commentary clause, an institution, a sentence moved), the
//! real analysis runs on the reference segmentation (as `check --presegmented` does), and each
//! injection is scored: was a flag of the expected class raised on the touched sentence, and how
//! many high-severity flags fell on the sentences nobody touched. Gold for every injection is
//! known by construction, so the benchmark grows with every faithful pair the team writes.

mod clauses;
mod commentary;
mod dates;
mod institutions;
mod lists;
mod moves;
mod names;
mod negation;
mod numbers;
pub mod report;
pub mod rng;
mod score;
pub mod words;

use crate::anchors::{self, lexicon::Lexicon, PairAnchors};
use crate::error::{Error, Result};
use crate::eval::GoldBead;
use crate::flag::FlagKind;
use crate::pipeline::{self, Analysis};
use rng::Rng;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use report::Report;

/// The injected change classes, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Number,
    DateDay,
    DateMonth,
    DateYear,
    Name,
    NegationRemoved,
    NegationAdded,
    ListItem,
    Clause,
    Commentary,
    Institution,
    Moved,
}

impl Class {
    pub const ALL: [Class; 12] = [
        Class::Number,
        Class::DateDay,
        Class::DateMonth,
        Class::DateYear,
        Class::Name,
        Class::NegationRemoved,
        Class::NegationAdded,
        Class::ListItem,
        Class::Clause,
        Class::Commentary,
        Class::Institution,
        Class::Moved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Number => "number",
            Class::DateDay => "date_day",
            Class::DateMonth => "date_month",
            Class::DateYear => "date_year",
            Class::Name => "name",
            Class::NegationRemoved => "negation_removed",
            Class::NegationAdded => "negation_added",
            Class::ListItem => "list_item",
            Class::Clause => "clause",
            Class::Commentary => "commentary",
            Class::Institution => "institution",
            Class::Moved => "moved",
        }
    }

    /// The flag kind a perfect detector gives for this change.
    pub fn expected(self) -> FlagKind {
        match self {
            Class::Number => FlagKind::NumberMismatch,
            Class::DateDay | Class::DateMonth | Class::DateYear => FlagKind::DateMismatch,
            Class::Name => FlagKind::NameMismatch,
            Class::NegationRemoved | Class::NegationAdded => FlagKind::NegationFlip,
            Class::ListItem | Class::Clause => FlagKind::Omission,
            Class::Commentary => FlagKind::Insertion,
            Class::Institution => FlagKind::Mistranslation,
            Class::Moved => FlagKind::Reordered,
        }
    }
}

/// A gold flag (the parts the benchmark reads).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldFlag {
    #[serde(default)]
    pub en: Vec<usize>,
    #[serde(default)]
    pub ar: Vec<usize>,
    #[serde(default)]
    pub kind: String,
}

#[derive(Deserialize)]
struct GoldFile {
    beads: Vec<GoldBead>,
    #[serde(default)]
    flags: Vec<GoldFlag>,
}

/// A faithful pair: reference sentences and gold.
#[derive(Debug, Clone)]
pub struct Pair {
    pub name: String,
    pub en: Vec<String>,
    pub ar: Vec<String>,
    pub beads: Vec<GoldBead>,
    pub flags: Vec<GoldFlag>,
}

impl Pair {
    /// Reads a pair folder (en.sents, ar.sents, gold.json); the name is the folder's.
    pub fn load(dir: &Path) -> Result<Pair> {
        let lines = |f: &str| -> Result<Vec<String>> {
            let raw = crate::ingest::read_text(&dir.join(f))?;
            Ok(crate::segment::presegmented(&raw)
                .into_iter()
                .map(|s| s.text)
                .collect())
        };
        let gold_path = dir.join("gold.json");
        let gold: GoldFile =
            serde_json::from_str(&crate::ingest::read_text(&gold_path)?).map_err(|e| {
                Error::Parse {
                    path: gold_path.clone(),
                    message: e.to_string(),
                }
            })?;
        let pair = Pair {
            name: dir
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            en: lines("en.sents")?,
            ar: lines("ar.sents")?,
            beads: gold.beads,
            flags: gold.flags,
        };
        let out_of_range = pair.beads.iter().any(|b| {
            b.en.iter().any(|&i| i >= pair.en.len()) || b.ar.iter().any(|&j| j >= pair.ar.len())
        });
        if out_of_range {
            return Err(Error::Parse {
                path: gold_path,
                message: "a bead refers to a sentence past the end of en.sents or ar.sents".into(),
            });
        }
        Ok(pair)
    }

    /// English sentences of the bead of each Arabic sentence.
    pub fn en_of_ar(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.ar.len()];
        for b in &self.beads {
            for &j in &b.ar {
                out[j] = b.en.clone();
            }
        }
        out
    }
}

/// What an injector reads: the pair, its anchors under the benchmark's lexicon, and lookups.
pub struct Doc<'a> {
    pub pair: &'a Pair,
    pub anchors: PairAnchors,
    pub en_of_ar: Vec<Vec<usize>>,
    /// The whole Arabic document normalised, to keep injected names and clauses new to it.
    pub ar_norm: String,
}

impl<'a> Doc<'a> {
    pub fn new(pair: &'a Pair, lex: &Lexicon) -> Doc<'a> {
        Doc {
            pair,
            anchors: anchors::build(&pair.en, &pair.ar, lex),
            en_of_ar: pair.en_of_ar(),
            ar_norm: crate::text::arabic::normalize(&pair.ar.join(" \n ")),
        }
    }

    /// The English text of the bead of Arabic sentence `j`.
    pub fn english(&self, j: usize) -> String {
        self.en_of_ar[j]
            .iter()
            .map(|&i| self.pair.en[i].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One change to one sentence: its new text, the changed fragments and where the change is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    pub sentence: usize,
    pub text: String,
    pub before: String,
    pub after: String,
    /// Char range of the change in the new text.
    pub span: (usize, usize),
}

impl Edit {
    pub fn new(sentence: usize, old: &str, new: String) -> Edit {
        let (a, b, before, after) = words::diff(old, &new);
        Edit {
            sentence,
            text: new,
            before,
            after,
            span: (a, b),
        }
    }
}

/// A change to the document: an edited sentence, or a sentence moved to another position.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Edit(Edit),
    Move { from: usize, to: usize },
}

impl Change {
    fn sentence(&self) -> usize {
        match self {
            Change::Edit(e) => e.sentence,
            Change::Move { from, .. } => *from,
        }
    }
}

/// One perturbed document with its gold.
#[derive(Debug, Clone)]
pub struct Injection {
    pub class: Class,
    pub pair: usize,
    pub ar: Vec<String>,
    /// Touched Arabic sentence, in the perturbed document and in the original.
    pub sentence: usize,
    pub original: usize,
    /// Original index of each perturbed Arabic sentence.
    pub origin: Vec<usize>,
    pub before: String,
    pub after: String,
    pub span: (usize, usize),
}

/// Every candidate change of a class in a pair, in document order.
fn sites(class: Class, doc: &Doc, rng: &mut Rng) -> Vec<Change> {
    let edits = |f: &dyn Fn(&Doc, usize, &mut Rng) -> Vec<Edit>, rng: &mut Rng| {
        (0..doc.pair.ar.len())
            .flat_map(|j| f(doc, j, rng))
            .map(Change::Edit)
            .collect::<Vec<_>>()
    };
    match class {
        Class::Number => edits(&numbers::sites, rng),
        Class::DateDay => edits(&|d, j, r| dates::sites(d, j, r, dates::Part::Day), rng),
        Class::DateMonth => edits(&|d, j, r| dates::sites(d, j, r, dates::Part::Month), rng),
        Class::DateYear => edits(&|d, j, r| dates::sites(d, j, r, dates::Part::Year), rng),
        Class::Name => edits(&names::sites, rng),
        Class::NegationRemoved => edits(&negation::removal_sites, rng),
        Class::NegationAdded => edits(&negation::addition_sites, rng),
        Class::ListItem => edits(&lists::sites, rng),
        Class::Clause => edits(&clauses::sites, rng),
        Class::Commentary => edits(&commentary::sites, rng),
        Class::Institution => edits(&institutions::sites, rng),
        Class::Moved => moves::sites(doc, rng),
    }
}

/// Up to `k` changes, shuffled with the seed, different sentences first.
fn choose(mut all: Vec<Change>, k: usize, rng: &mut Rng) -> Vec<Change> {
    rng.shuffle(&mut all);
    let mut seen = std::collections::HashSet::new();
    let (first, rest): (Vec<Change>, Vec<Change>) =
        all.into_iter().partition(|c| seen.insert(c.sentence()));
    first.into_iter().chain(rest).take(k).collect()
}

fn apply(class: Class, pair_idx: usize, pair: &Pair, change: Change) -> Injection {
    match change {
        Change::Edit(e) => {
            let mut ar = pair.ar.clone();
            ar[e.sentence] = e.text;
            Injection {
                class,
                pair: pair_idx,
                ar,
                sentence: e.sentence,
                original: e.sentence,
                origin: (0..pair.ar.len()).collect(),
                before: e.before,
                after: e.after,
                span: e.span,
            }
        }
        Change::Move { from, to } => {
            let mut origin: Vec<usize> = (0..pair.ar.len()).filter(|&j| j != from).collect();
            origin.insert(to, from);
            let ar = origin.iter().map(|&j| pair.ar[j].clone()).collect();
            let text = &pair.ar[from];
            Injection {
                class,
                pair: pair_idx,
                ar,
                sentence: to,
                original: from,
                origin,
                before: format!("sentence {from}"),
                after: format!("moved to position {to}"),
                span: (0, text.chars().count()),
            }
        }
    }
}

/// Benchmark settings.
#[derive(Debug, Clone)]
pub struct Options {
    pub seed: u64,
    /// Injections per class per pair, at most (before the top-up to `min_per_class`).
    pub per_pair: usize,
    /// Injections a class gets overall when the pairs have the sites (0: no top-up).
    pub min_per_class: usize,
    /// Misses listed per class.
    pub misses: usize,
    /// Worker threads for the analyses.
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            per_pair: 4,
            min_per_class: 20,
            misses: 5,
            threads: 2,
        }
    }
}

/// All injections of all classes in all pairs, in a fixed order: up to `per_pair` per class per
/// pair, then, for a class still under `min_per_class` overall, more from the pairs that have
/// more sites, one pair at a time in turn (dates and institutions are rare; a benchmark class
/// with a handful of cases says little).
pub fn injections(pairs: &[Pair], opts: &Options) -> Vec<Injection> {
    // chosen[class][pair]: that pair's sites of the class in the order they are taken.
    let mut chosen: Vec<Vec<Vec<Change>>> = vec![Vec::new(); Class::ALL.len()];
    for pair in pairs {
        // Sites come from the built-in lexicon's anchors whatever lexicon the analyses use, so
        // runs with and without FreeDict score the very same injections.
        let doc = Doc::new(pair, Lexicon::builtin());
        for (c, class) in Class::ALL.into_iter().enumerate() {
            let mut rng = Rng::for_stream(opts.seed, &[&pair.name, class.as_str()]);
            let all = sites(class, &doc, &mut rng);
            chosen[c].push(choose(all, usize::MAX, &mut rng));
        }
    }
    let mut out = Vec::new();
    for (c, class) in Class::ALL.into_iter().enumerate() {
        let per_pair: Vec<usize> = chosen[c]
            .iter()
            .map(|s| s.len().min(opts.per_pair))
            .collect();
        let mut take = per_pair.clone();
        let mut total: usize = take.iter().sum();
        while total < opts.min_per_class {
            let before = total;
            for (p, sites) in chosen[c].iter().enumerate() {
                if total < opts.min_per_class && take[p] < sites.len() {
                    take[p] += 1;
                    total += 1;
                }
            }
            if total == before {
                break;
            }
        }
        for (p, sites) in chosen[c].iter().enumerate() {
            for ch in sites.iter().take(take[p]) {
                out.push(apply(class, p, &pairs[p], ch.clone()));
            }
        }
    }
    // Pair-major order, as the runs were listed before the top-up: easier to read in --list.
    out.sort_by_key(|i| i.pair);
    out
}

fn analyse(en: &[String], ar: &[String], res: pipeline::Resources) -> Analysis {
    let sents = |v: &[String]| crate::segment::presegmented(&v.join("\n"));
    pipeline::analyse(sents(en), sents(ar), res, &[])
}

/// Runs `f` over `items` on `threads` workers, results in input order.
fn parallel<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Runs the benchmark: baseline analyses of the unperturbed pairs, then one analysis per
/// injection, scored into a report.
pub fn run(pairs: &[Pair], res: pipeline::Resources, opts: &Options) -> Report {
    let baseline: Vec<Analysis> = parallel(pairs, opts.threads, |p| analyse(&p.en, &p.ar, res));
    let inj = injections(pairs, opts);
    let results: Vec<score::Outcome> = parallel(&inj, opts.threads, |i| {
        let pair = &pairs[i.pair];
        let a = analyse(&pair.en, &i.ar, res);
        score::outcome(pair, i, &a, &baseline[i.pair])
    });
    report::build(pairs, &baseline, &inj, &results, opts)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A pair of our own sentences, aligned 1:1.
    pub(super) fn pair(en: &[&str], ar: &[&str]) -> Pair {
        let beads: Vec<(Vec<usize>, Vec<usize>)> =
            (0..en.len()).map(|i| (vec![i], vec![i])).collect();
        pair_with_beads(en, ar, &beads)
    }

    /// A pair of our own sentences with the gold beads given as (English, Arabic) indices.
    fn pair_with_beads(en: &[&str], ar: &[&str], beads: &[(Vec<usize>, Vec<usize>)]) -> Pair {
        Pair {
            name: "test".into(),
            en: en.iter().map(|s| s.to_string()).collect(),
            ar: ar.iter().map(|s| s.to_string()).collect(),
            beads: beads
                .iter()
                .map(|(e, a)| GoldBead {
                    en: e.clone(),
                    ar: a.clone(),
                })
                .collect(),
            flags: Vec::new(),
        }
    }

    fn edits(class: Class, p: &Pair) -> Vec<Edit> {
        let doc = Doc::new(p, Lexicon::builtin());
        sites(class, &doc, &mut Rng::new(11))
            .into_iter()
            .filter_map(|c| match c {
                Change::Edit(e) => Some(e),
                Change::Move { .. } => None,
            })
            .collect()
    }

    /// The edit changed the sentence, left it well-formed and kept its closing punctuation.
    fn well_formed(p: &Pair, e: &Edit) {
        let old = &p.ar[e.sentence];
        assert_ne!(&e.text, old);
        assert!(!e.text.contains("  "), "double space: {}", e.text);
        assert!(
            !e.text.contains(" ،") && !e.text.contains(" ."),
            "space before punctuation: {}",
            e.text
        );
        assert!(
            !e.text.contains("،،") && !e.text.contains("،."),
            "orphan comma: {}",
            e.text
        );
        assert_eq!(
            old.chars().last(),
            e.text.chars().last(),
            "closing punctuation: {}",
            e.text
        );
        assert_eq!(e.text.trim(), e.text);
    }

    #[test]
    fn number_changes_only_the_shared_figure() {
        let p = pair(
            &["The ministry said 1,250 families returned to the city in 2023."],
            &["وقالت الوزارة إن ١٢٥٠ عائلة عادت إلى المدينة في عام ٢٠٢٣."],
        );
        let e = edits(Class::Number, &p);
        assert_eq!(e.len(), 1);
        well_formed(&p, &e[0]);
        assert_eq!(e[0].before, "١٢٥٠");
        assert!(e[0].after.ends_with("٢٥٠") && e[0].after.chars().count() == 4);
        assert_eq!(e[0].sentence, 0);
        let y = edits(Class::DateYear, &p);
        assert_eq!(y.len(), 1);
        assert!(y[0].before == "٢٠٢٣." && y[0].after.starts_with("٢٠٢"));
        well_formed(&p, &y[0]);
    }

    #[test]
    fn date_parts_change_in_their_own_style() {
        let p = pair(
            &["The third round was held on 14 March 2024 in Muscat."],
            &["وعُقدت الجولة الثالثة في ١٤ آذار ٢٠٢٤ في مسقط."],
        );
        let d = edits(Class::DateDay, &p);
        assert_eq!(d.len(), 1);
        well_formed(&p, &d[0]);
        assert_eq!(d[0].before, "١٤");
        assert!(d[0].after.chars().all(|c| ('٠'..='٩').contains(&c)));
        let m = edits(Class::DateMonth, &p);
        assert_eq!(m.len(), 1);
        well_formed(&p, &m[0]);
        assert_eq!(m[0].before, "آذار");
        let levantine = [
            "كانون الثاني",
            "شباط",
            "نيسان",
            "أيار",
            "حزيران",
            "تموز",
            "آب",
            "أيلول",
            "تشرين الأول",
            "تشرين الثاني",
            "كانون الأول",
        ];
        assert!(levantine.contains(&m[0].after.as_str()), "{}", m[0].after);
    }

    #[test]
    fn name_is_replaced_by_a_new_name() {
        let p = pair(
            &["Ambassador Karl Wendt met Governor Salim al-Harbi in Basra."],
            &["والتقى السفير كارل فيندت المحافظ سالم الحربي في البصرة."],
        );
        let e = edits(Class::Name, &p);
        assert!(!e.is_empty());
        for x in &e {
            well_formed(&p, x);
            assert_eq!(x.before.split(' ').count(), 1);
            assert!(!p.ar[0].contains(x.after.trim_end_matches('.')));
        }
    }

    #[test]
    fn negation_removed_and_added() {
        let p = pair(
            &["He said Iraq will not abandon any of its citizens."],
            &["وقال إن العراق لن يتخلى عن أي من مواطنيه."],
        );
        let e = edits(Class::NegationRemoved, &p);
        assert_eq!(e.len(), 1);
        well_formed(&p, &e[0]);
        assert_eq!(e[0].text, "وقال إن العراق سيتخلى عن أي من مواطنيه.");
        let p = pair(
            &["The ministry will continue its support to the displaced."],
            &["وستواصل الوزارة دعمها للنازحين."],
        );
        let e = edits(Class::NegationAdded, &p);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].text, "ولن تواصل الوزارة دعمها للنازحين.");
        // A privative negative is not a negation to remove.
        let p = pair(
            &["They condemned the unlawful seizure of ships."],
            &["وأدان الجانبان الاستيلاء غير القانوني على السفن."],
        );
        assert!(edits(Class::NegationRemoved, &p).is_empty());
    }

    #[test]
    fn list_clause_commentary_and_institution() {
        let p = pair(
            &["The delegation visited Baghdad, Amman and Damascus, where it met officials of the State Department."],
            &["وزار الوفد بغداد، وعمّان، ودمشق، حيث التقى مسؤولين في وزارة الخارجية."],
        );
        for class in [
            Class::ListItem,
            Class::Clause,
            Class::Commentary,
            Class::Institution,
        ] {
            let e = edits(class, &p);
            assert!(!e.is_empty(), "{class:?}");
            for x in &e {
                well_formed(&p, x);
            }
        }
        let inst = edits(Class::Institution, &p);
        assert_eq!(inst[0].after, "الدفاع.");
        let com = edits(Class::Commentary, &p);
        let (a, b) = com[0].span;
        assert_eq!(crate::text::char_slice(&com[0].text, a, b), com[0].after);
    }

    #[test]
    fn moved_sentence_keeps_the_gold_in_step() {
        let ar = [
            "جملة أولى هنا.",
            "جملة ثانية هنا.",
            "جملة ثالثة هنا.",
            "جملة رابعة هنا.",
            "جملة خامسة هنا.",
        ];
        let en = ["One.", "Two.", "Three.", "Four.", "Five."];
        let p = pair(&en, &ar);
        let doc = Doc::new(&p, Lexicon::builtin());
        let all = sites(Class::Moved, &doc, &mut Rng::new(3));
        assert!(all.contains(&Change::Move { from: 3, to: 0 }));
        let i = apply(Class::Moved, 0, &p, Change::Move { from: 3, to: 0 });
        assert_eq!(i.ar[0], ar[3]);
        assert_eq!(i.origin, [3, 0, 1, 2, 4]);
        assert_eq!((i.sentence, i.original), (0, 3));
    }

    #[test]
    fn a_sentence_that_renders_nothing_is_not_moved() {
        let ar = [
            "جملة أولى هنا.",
            "تعليق لا يقابله شيء في المصدر.",
            "جملة ثالثة هنا.",
            "جملة رابعة هنا.",
        ];
        let en = ["One.", "Three.", "Four."];
        // The second Arabic sentence renders nothing of the source.
        let beads = [
            (vec![0], vec![0]),
            (vec![], vec![1]),
            (vec![1], vec![2]),
            (vec![2], vec![3]),
        ];
        let p = pair_with_beads(&en, &ar, &beads);
        let doc = Doc::new(&p, Lexicon::builtin());
        let all = sites(Class::Moved, &doc, &mut Rng::new(3));
        assert!(all.contains(&Change::Move { from: 2, to: 0 }));
        assert!(!all
            .iter()
            .any(|c| matches!(c, Change::Move { from: 1, .. })));
    }

    #[test]
    fn injections_are_deterministic_for_a_seed() {
        let p = pair(
            &[
                "The ministry will continue its support.",
                "It said 1,250 families returned.",
            ],
            &["وستواصل الوزارة دعمها.", "وقالت إن ١٢٥٠ عائلة عادت."],
        );
        let opts = Options::default();
        let a = injections(std::slice::from_ref(&p), &opts);
        let b = injections(std::slice::from_ref(&p), &opts);
        assert!(!a.is_empty());
        assert_eq!(
            a.iter().map(|i| &i.ar).collect::<Vec<_>>(),
            b.iter().map(|i| &i.ar).collect::<Vec<_>>()
        );
    }
}
