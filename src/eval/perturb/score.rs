//! Scoring one injection, after ../shared/tools/flag_eval.py: a flag of the expected class family
//! (content kinds count together, the exact kind is reported beside) on the touched sentence; an
//! omission on the touched bead's English or Arabic sentence; a reordered flag on either side of
//! the moved sentence. False alarms are high-severity flags on sentences neither the injection
//! nor gold touches.

use super::{Class, Injection, Pair};
use crate::flag::{Flag, FlagKind, Side};
use crate::pipeline::Analysis;
use std::collections::BTreeSet;

/// The verdict on one injection.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// A flag of the expected family on the touched sentence.
    pub detected: bool,
    /// The expected kind itself (for commentary: an insertion span overlapping the clause).
    pub exact: bool,
    /// The unperturbed pair already met the detection criterion there: a hit that proves little.
    pub preflagged: bool,
    /// High flags on untouched sentences that gold leaves unflagged.
    pub false_high: usize,
    /// Of the untouched sentences, those with at least one such flag.
    pub false_high_sentences: usize,
    pub untouched: usize,
    /// Kinds of the flags on the touched sentence (to show with misses).
    pub on_sentence: Vec<String>,
}

/// Family of a flag kind, as flag_eval.py groups them.
fn family(k: FlagKind) -> &'static str {
    match k {
        FlagKind::Insertion => "insertion",
        FlagKind::Omission => "omission",
        FlagKind::Reordered => "reordered",
        _ => "content",
    }
}

fn sides(f: &Flag) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let mut tgt: BTreeSet<usize> = f.tgt.iter().copied().collect();
    let mut src: BTreeSet<usize> = f.src.iter().copied().collect();
    if let Some(s) = &f.span {
        match s.side {
            Side::Tgt => tgt.insert(s.sentence),
            Side::Src => src.insert(s.sentence),
        };
    }
    (src, tgt)
}

/// Where a check happens: the touched Arabic sentence and its bead's English sentences.
struct Site<'a> {
    class: Class,
    sentence: usize,
    english: &'a [usize],
    span: Option<(usize, usize)>,
}

/// (family match, exact match) of one flag at a site.
fn judge(f: &Flag, site: &Site) -> (bool, bool) {
    let (src, tgt) = sides(f);
    let on_tgt = tgt.contains(&site.sentence);
    let on_src = site.english.iter().any(|e| src.contains(e));
    let expected = site.class.expected();
    let fam = family(expected) == family(f.kind);
    match site.class {
        Class::ListItem | Class::Clause => {
            let hit = f.kind == FlagKind::Omission && (on_tgt || on_src);
            let exact =
                hit && (site.class != Class::ListItem || f.subkind.as_deref() == Some("list_item"));
            (hit, exact)
        }
        Class::Moved => {
            let hit = f.kind == FlagKind::Reordered && (on_tgt || on_src);
            (hit, hit)
        }
        Class::Commentary => {
            let hit = f.kind == FlagKind::Insertion && on_tgt;
            let exact = hit
                && match (&f.span, site.span) {
                    (Some(s), Some((a, b))) => {
                        s.side == Side::Tgt
                            && s.sentence == site.sentence
                            && s.start < b
                            && a < s.end
                    }
                    // A whole-sentence insertion covers the clause too, but it is not the span
                    // the detector is asked for.
                    _ => false,
                };
            (hit, exact)
        }
        _ => {
            let hit = fam && on_tgt;
            (hit, hit && f.kind == expected)
        }
    }
}

/// Gold's unflagged-ness: Arabic and English sentences gold marks (flags, null beads).
struct GoldMarks {
    ar: BTreeSet<usize>,
    en: BTreeSet<usize>,
    /// Arabic sentences of each English sentence's bead.
    ar_of_en: Vec<Vec<usize>>,
}

fn gold_marks(pair: &Pair) -> GoldMarks {
    let mut ar: BTreeSet<usize> = pair.flags.iter().flat_map(|f| f.ar.clone()).collect();
    let mut en: BTreeSet<usize> = pair.flags.iter().flat_map(|f| f.en.clone()).collect();
    let mut ar_of_en = vec![Vec::new(); pair.en.len()];
    for b in &pair.beads {
        if b.en.is_empty() {
            ar.extend(&b.ar);
        }
        if b.ar.is_empty() {
            en.extend(&b.en);
        }
        for &e in &b.en {
            ar_of_en[e] = b.ar.clone();
        }
    }
    GoldMarks { ar, en, ar_of_en }
}

/// High flags on eligible sentences: (count, distinct original Arabic sentences hit, eligible
/// sentence count). `origin` maps analysed Arabic indices to original ones; `touched` is the
/// injected sentence (original index) and `touched_en` its bead's English.
fn false_alarms(
    pair: &Pair,
    a: &Analysis,
    origin: &[usize],
    touched: Option<usize>,
    touched_en: &[usize],
) -> (usize, usize, usize) {
    let g = gold_marks(pair);
    let mut hit = BTreeSet::new();
    let mut count = 0;
    for f in a
        .flags
        .iter()
        .filter(|f| f.severity == crate::flag::Severity::High)
    {
        let (src, tgt) = sides(f);
        let mut ar: BTreeSet<usize> = tgt.iter().filter_map(|&j| origin.get(j).copied()).collect();
        for &e in &src {
            ar.extend(g.ar_of_en.get(e).into_iter().flatten());
        }
        let touches_injection =
            touched.is_some_and(|t| ar.contains(&t)) || src.iter().any(|e| touched_en.contains(e));
        let touches_gold =
            ar.iter().any(|j| g.ar.contains(j)) || src.iter().any(|e| g.en.contains(e));
        if touches_injection || touches_gold || (ar.is_empty() && src.is_empty()) {
            continue;
        }
        count += 1;
        hit.extend(ar);
    }
    let eligible = (0..pair.ar.len())
        .filter(|j| Some(*j) != touched && !g.ar.contains(j))
        .count();
    (count, hit.len(), eligible)
}

/// Baseline false alarms of an unperturbed pair: (high flags, sentences hit, eligible sentences).
pub fn baseline(pair: &Pair, a: &Analysis) -> (usize, usize, usize) {
    let id: Vec<usize> = (0..pair.ar.len()).collect();
    false_alarms(pair, a, &id, None, &[])
}

/// Scores the analysis of one injection against its gold, with the unperturbed analysis for
/// the `preflagged` mark.
pub fn outcome(pair: &Pair, inj: &Injection, a: &Analysis, base: &Analysis) -> Outcome {
    let en_of_ar = pair.en_of_ar();
    let english = &en_of_ar[inj.original];
    let site = Site {
        class: inj.class,
        sentence: inj.sentence,
        english,
        span: Some(inj.span),
    };
    // Two adjacent sentences that trade places are each moved past the other: a reordered flag
    // on the one the moved sentence passed reads the same change.
    let passed =
        (inj.class == Class::Moved && inj.original.abs_diff(inj.sentence) == 1).then(|| {
            let original = inj.origin[inj.original];
            Site {
                class: inj.class,
                sentence: inj.original,
                english: &en_of_ar[original],
                span: None,
            }
        });
    let mut o = Outcome::default();
    for f in &a.flags {
        let (fam, exact) = passed
            .as_ref()
            .map(|p| judge(f, p))
            .filter(|&(fam, _)| fam)
            .unwrap_or_else(|| judge(f, &site));
        o.detected |= fam;
        o.exact |= exact;
        let (src, tgt) = sides(f);
        if tgt.contains(&inj.sentence) || english.iter().any(|e| src.contains(e)) {
            o.on_sentence.push(match &f.subkind {
                Some(s) => format!("{}/{}:{}", f.kind.as_str(), s, f.severity.as_str()),
                None => format!("{}:{}", f.kind.as_str(), f.severity.as_str()),
            });
        }
    }
    let before = Site {
        class: inj.class,
        sentence: inj.original,
        english,
        span: None,
    };
    o.preflagged = base.flags.iter().any(|f| judge(f, &before).0);
    let (n, s, e) = false_alarms(pair, a, &inj.origin, Some(inj.original), english);
    o.false_high = n;
    o.false_high_sentences = s;
    o.untouched = e;
    o
}

#[cfg(test)]
mod tests {
    use super::super::{apply, tests::pair, Change};
    use super::*;
    use crate::flag::{Severity, Span};

    fn flag(kind: FlagKind, src: &[usize], tgt: &[usize]) -> Flag {
        Flag {
            kind,
            subkind: None,
            severity: Severity::High,
            src: src.to_vec(),
            tgt: tgt.to_vec(),
            span: None,
            reason: String::new(),
        }
    }

    #[test]
    fn an_adjacent_swap_is_read_on_either_sentence() {
        let p = pair(
            &["One.", "Two.", "Three.", "Four."],
            &["واحد.", "اثنان.", "ثلاثة.", "أربعة."],
        );
        let analysis = |flags: Vec<Flag>| Analysis {
            source: Vec::new(),
            target: Vec::new(),
            beads: Vec::new(),
            moves: Vec::new(),
            flags,
        };
        let base = analysis(Vec::new());
        let swap = apply(Class::Moved, 0, &p, Change::Move { from: 1, to: 0 });
        // «اثنان» now leads; the tool reads «واحد» (now second) as the one that moved.
        let passed = analysis(vec![flag(FlagKind::Reordered, &[0], &[1])]);
        assert!(outcome(&p, &swap, &passed, &base).detected);
        let moved = analysis(vec![flag(FlagKind::Reordered, &[1], &[0])]);
        assert!(outcome(&p, &swap, &moved, &base).detected);
        // Moved further, the sentences it passed did not move: a flag on one of them is no read.
        let far = apply(Class::Moved, 0, &p, Change::Move { from: 2, to: 0 });
        let passed = analysis(vec![flag(FlagKind::Reordered, &[0], &[1])]);
        assert!(!outcome(&p, &far, &passed, &base).detected);
    }

    #[test]
    fn families_and_sides() {
        let site = Site {
            class: Class::Number,
            sentence: 2,
            english: &[1],
            span: None,
        };
        assert_eq!(
            judge(&flag(FlagKind::NumberMismatch, &[1], &[2]), &site),
            (true, true)
        );
        assert_eq!(
            judge(&flag(FlagKind::Mistranslation, &[1], &[2]), &site),
            (true, false)
        );
        assert_eq!(
            judge(&flag(FlagKind::NumberMismatch, &[1], &[3]), &site),
            (false, false)
        );
        let omit = Site {
            class: Class::Clause,
            ..site
        };
        assert_eq!(
            judge(&flag(FlagKind::Omission, &[1], &[]), &omit),
            (true, true)
        );
        let ins = Site {
            class: Class::Commentary,
            span: Some((10, 30)),
            ..site
        };
        let mut f = flag(FlagKind::Insertion, &[1], &[2]);
        assert_eq!(judge(&f, &ins), (true, false));
        f.span = Some(Span {
            side: Side::Tgt,
            sentence: 2,
            start: 25,
            end: 40,
            text: String::new(),
        });
        assert_eq!(judge(&f, &ins), (true, true));
    }
}
