//! Reversed changes: the source says a quantity went up ("exports rose") and the Arabic that it
//! went down («تراجعت الصادرات»), or the reverse (data/change_direction.tsv). Judged per bead,
//! only where each side moves one way: a sentence with both ("exports rose while imports fell")
//! is left to the other detectors.

use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::text::data as text_data;
use crate::text::tokens::TokenKind;
use crate::text::{arabic, char_slice};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

struct Forms {
    en: HashMap<String, Direction>,
    ar: HashMap<String, Direction>,
}

fn forms() -> &'static Forms {
    static F: OnceLock<Forms> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = Forms {
            en: HashMap::new(),
            ar: HashMap::new(),
        };
        for row in text_data::rows(include_str!("data/change_direction.tsv"), 3) {
            let d = if row[0] == "up" {
                Direction::Up
            } else {
                Direction::Down
            };
            for w in row[2].split_whitespace() {
                match row[1] {
                    "en" => f.en.insert(w.to_string(), d),
                    _ => f.ar.insert(arabic::normalize(w), d),
                };
            }
        }
        f
    })
}

/// The direction of an Arabic word: as listed, or after a conjunction, the future prefix or the
/// article («وارتفعت», «ستنخفض», «الانخفاض»).
fn arabic_direction(norm: &str) -> Option<Direction> {
    let ar = &forms().ar;
    let mut candidates = vec![norm];
    for p in ['و', 'ف'] {
        if let Some(rest) = norm.strip_prefix(p) {
            candidates.push(rest);
        }
    }
    let mut more = Vec::new();
    for c in &candidates {
        if let Some(rest) = c.strip_prefix('س') {
            more.push(rest);
        }
        more.push(arabic::strip_proclitics(c));
    }
    candidates.extend(more);
    candidates
        .iter()
        .filter(|c| c.chars().count() >= 3)
        .find_map(|c| ar.get(*c).copied())
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let mut out = Vec::new();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        // (direction, sentence, start, end) of each side's words of change.
        let mut src: Vec<(Direction, usize, usize, usize)> = Vec::new();
        for &i in &b.src {
            let toks = &ctx.words.en(i).toks;
            for (k, t) in toks.iter().enumerate() {
                let Some(&d) = forms().en.get(&t.text.to_lowercase()) else {
                    continue;
                };
                // "declined to comment", "refused": a form before "to" and a word.
                let before_to_word = toks.get(k + 1).is_some_and(|n| n.text == "to")
                    && toks.get(k + 2).is_some_and(|n| n.kind == TokenKind::Word);
                if !before_to_word {
                    src.push((d, i, t.start, t.end));
                }
            }
        }
        let one_way = |v: &[(Direction, usize, usize, usize)]| {
            let d = v.first()?.0;
            v.iter().all(|x| x.0 == d).then_some(d)
        };
        let Some(source) = one_way(&src) else {
            continue;
        };
        let mut tgt: Vec<(Direction, usize, usize, usize)> = Vec::new();
        for &j in &b.tgt {
            let w = ctx.words.ar(j);
            for (t, norm) in w.toks.iter().zip(&w.norms) {
                if let Some(d) = arabic_direction(norm) {
                    tgt.push((d, j, t.start, t.end));
                }
            }
        }
        let Some(target) = one_way(&tgt) else {
            continue;
        };
        if source == target {
            continue;
        }
        let (_, i, s0, s1) = src[0];
        let (_, j, t0, t1) = tgt[0];
        let says = |d: Direction| match d {
            Direction::Up => "up",
            Direction::Down => "down",
        };
        out.push(Flag {
            kind: FlagKind::Mistranslation,
            subkind: Some("direction".into()),
            severity: Severity::High,
            src: b.src.clone(),
            tgt: vec![j],
            span: Some(span(Side::Tgt, j, &ctx.tgt[j], t0, t1)),
            reason: format!(
                "'{}' says the figure went {} where the source says it went {} ('{}')",
                char_slice(&ctx.tgt[j], t0, t1),
                says(target),
                says(source),
                char_slice(&ctx.src[i], s0, s1)
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;

    fn spans(en: &str, ar: &str) -> Vec<String> {
        crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], detect)
            .into_iter()
            .filter_map(|f| f.span.map(|s| s.text))
            .collect()
    }

    #[test]
    fn a_change_reported_the_other_way_is_flagged() {
        let en = "Wheat imports through Aqaba rose by 12 percent in the third quarter.";
        let same = "وارتفعت واردات القمح عبر العقبة بنسبة 12 في المئة في الربع الثالث.";
        assert!(spans(en, same).is_empty());
        let reversed = "وتراجعت واردات القمح عبر العقبة بنسبة 12 في المئة في الربع الثالث.";
        assert_eq!(spans(en, reversed), vec!["وتراجعت".to_string()]);
        // A noun and the future: «سيشهد انخفاضا» for "will increase".
        let en = "The minister said fuel prices will increase next month.";
        let ar = "وقال الوزير إن أسعار الوقود ستشهد انخفاضا الشهر المقبل.";
        assert_eq!(spans(en, ar), vec!["انخفاضا".to_string()]);
    }

    #[test]
    fn refusals_and_mixed_sentences_are_not_changes() {
        // "declined to comment" is a refusal, not a fall.
        let en = "The embassy declined to comment on the rising number of arrests.";
        let ar = "ورفضت السفارة التعليق على تزايد عدد الاعتقالات.";
        assert!(spans(en, ar).is_empty());
        // Both ways in one sentence: left to the other detectors.
        let en = "Exports rose while imports fell.";
        let ar = "وتراجعت الصادرات بينما ارتفعت الواردات.";
        assert!(spans(en, ar).is_empty());
    }
}
