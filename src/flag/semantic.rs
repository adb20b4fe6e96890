//! The sentence encoder's view of an added clause. Where the multilingual encoder is present, an
//! Arabic clause that renders nothing of the source is found by what its removal does to the
//! sentence's similarity to the source: taking out a clause that renders part of the source makes
//! the rest less similar; taking out an added clause makes it more similar, or leaves it as it
//! was. The change is divided by the clause's share of the sentence (a short clause moves the
//! vector less than a long one), and read against the document's own distribution of changes:
//! most clauses of a document render its source, so the median and spread of the changes of a
//! sample of them are the distribution of a rendered clause. An added clause is taken to leave
//! the similarity where it was, on average (in our measurements it raises it: the assumption
//! understates the evidence, never overstates it). The log-likelihood ratio of the two is added
//! to the support test of the clauses whose verdict it can change: it is bounded as the length
//! evidence is, so a clause whose lexical evidence is decisive is not encoded at all.

use super::support::ClauseTest;
use super::Context;
use crate::embed::{cosine, Embedding};
use crate::text::{char_slice, Lang};

/// Sentence vectors for texts the detectors build (a sentence without one of its clauses).
pub trait SpanEncoder: Sync {
    /// The vectors of `texts`, in order.
    fn encode(&self, lang: Lang, texts: &[&str]) -> Vec<Embedding>;
}

/// Clauses encoded at most to estimate the document's distribution (spread evenly over it).
const CALIBRATION_CLAUSES: usize = 64;
/// Clauses the distribution needs before it is read at all.
const MIN_CALIBRATION: usize = 8;
/// Words a clause needs to be judged: a shorter one is a phrase (an attribution, an apposition,
/// a relative, «وأضافت أن», «خلال عملية الصعود») whose removal moves the sentence vector by
/// about the encoder's jitter, whatever it renders.
const MIN_JUDGED_WORDS: usize = 5;

/// One Arabic clause of a bead: the bead's index, the sentence's place in the bead, the clause's
/// index among the sentence's clause tests.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct At {
    bead: usize,
    n: usize,
    k: usize,
}

/// Adds the encoder's evidence to the target clause tests of the beads (`tests[bead][n][k]`:
/// clause `k` of the `n`-th Arabic sentence of bead `bead` of `beads`), where an encoder is
/// present and the document has enough clauses to read its own distribution from. (The mirror
/// test of dropped English clauses was tried and left out: there the change of similarity
/// barely separates a dropped clause from a rendered one, in news as in scripture.)
pub fn add_evidence(
    ctx: &Context,
    beads: &[&crate::align::Bead],
    tests: &mut [Vec<Vec<ClauseTest>>],
) {
    let Some(encoder) = ctx.encoder else {
        return;
    };
    let bound = -ctx.model.unrelated.ln();
    // Every clause of a sentence of two clauses or more, in document order.
    let all: Vec<At> = tests
        .iter()
        .enumerate()
        .flat_map(|(bead, per)| {
            per.iter().enumerate().flat_map(move |(n, t)| {
                let k_max = if t.len() >= 2 { t.len() } else { 0 };
                (0..k_max).map(move |k| At { bead, n, k })
            })
        })
        .collect();
    if all.len() < MIN_CALIBRATION {
        return;
    }
    let stride = all.len().div_ceil(CALIBRATION_CLAUSES).max(1);
    let calibration: Vec<At> = all.iter().copied().step_by(stride).collect();
    // The clauses whose verdict the bounded evidence can change.
    let judged: Vec<At> = all
        .iter()
        .copied()
        .filter(|a| {
            let t = &tests[a.bead][a.n][a.k];
            t.log_odds.abs() < bound && t.clause.words >= MIN_JUDGED_WORDS
        })
        .collect();
    if judged.is_empty() {
        return;
    }
    let mut wanted: Vec<At> = calibration.iter().chain(&judged).copied().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let changes = similarity_changes(ctx, encoder, beads, tests, &wanted);
    let change_of = |a: &At| wanted.binary_search(a).ok().and_then(|p| changes[p]);
    let sample: Vec<(f64, f64)> = calibration.iter().filter_map(change_of).collect();
    let Some(model) = RenderedModel::fit(&sample) else {
        return;
    };
    for a in &judged {
        if let Some((change, share)) = change_of(a) {
            tests[a.bead][a.n][a.k].log_odds += model.llr(change, share).clamp(-bound, bound);
        }
    }
}

/// The change of similarity when a rendered clause of share `w` is taken out: normal, with mean
/// `w · centre` and variance `w² · spread² + jitter²` — the encoder's jitter does not shrink with
/// the clause, so a short clause tells little either way. An added clause: mean 0, same variance.
struct RenderedModel {
    centre: f64,
    spread2: f64,
    jitter2: f64,
}

impl RenderedModel {
    /// Fitted to a sample of (change, share) of the document's clauses, most of them rendered:
    /// the centre from the changes per share; the two variances from the residuals of the
    /// shorter and the longer half of the sample (robust spreads).
    fn fit(sample: &[(f64, f64)]) -> Option<RenderedModel> {
        if sample.len() < MIN_CALIBRATION {
            return None;
        }
        let (centre, _) = median_and_spread(sample.iter().map(|(c, w)| c / w).collect());
        let mut by_share: Vec<(f64, f64)> =
            sample.iter().map(|&(c, w)| (w, c - w * centre)).collect();
        by_share.sort_by(|a, b| a.0.total_cmp(&b.0));
        let half = by_share.len() / 2;
        let group = |g: &[(f64, f64)]| {
            let w2 = g.iter().map(|(w, _)| w * w).sum::<f64>() / g.len() as f64;
            let (_, spread) = median_and_spread(g.iter().map(|&(_, r)| r).collect());
            (w2, spread * spread)
        };
        let (w2_short, v_short) = group(&by_share[..half]);
        let (w2_long, v_long) = group(&by_share[half..]);
        let spread2 = if w2_long > w2_short {
            ((v_long - v_short) / (w2_long - w2_short)).max(0.0)
        } else {
            0.0
        };
        // Whatever the split says, the jitter is no more than the short half's whole spread and
        // no less than a tenth of it.
        let jitter2 = (v_short - w2_short * spread2).clamp(v_short / 100.0, v_short);
        (centre < 0.0 && jitter2 > 0.0).then_some(RenderedModel {
            centre,
            spread2,
            jitter2,
        })
    }

    /// Log-likelihood ratio of a change `change` for a clause of share `share`: added against
    /// rendered.
    fn llr(&self, change: f64, share: f64) -> f64 {
        let var = share * share * self.spread2 + self.jitter2;
        ((change - share * self.centre).powi(2) - change.powi(2)) / (2.0 * var)
    }
}

/// For each wanted clause, the change of the Arabic sentence's similarity to the bead's source
/// when the clause is taken out, and the clause's share of the sentence; None for a clause that
/// is the whole sentence or has no length.
fn similarity_changes(
    ctx: &Context,
    encoder: &dyn SpanEncoder,
    beads: &[&crate::align::Bead],
    tests: &[Vec<Vec<ClauseTest>>],
    wanted: &[At],
) -> Vec<Option<(f64, f64)>> {
    let arabic_of = |b: usize, n: usize| &ctx.tgt[beads[b].tgt[n]];
    // The texts to encode: each bead's source once, each Arabic sentence once, each clause's
    // remainder.
    let mut source_beads: Vec<usize> = wanted.iter().map(|a| a.bead).collect();
    source_beads.dedup();
    let mut sentences: Vec<(usize, usize)> = wanted.iter().map(|a| (a.bead, a.n)).collect();
    sentences.dedup();
    let source_texts: Vec<String> = source_beads
        .iter()
        .map(|&b| {
            beads[b]
                .src
                .iter()
                .map(|&i| ctx.src[i].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    // What restates a date (a Hijri date beside the Gregorian one, the weekday it falls on) is
    // left out of every text: taken out with a clause, it would bring the rest closer to the
    // source as an added clause does.
    let restated: Vec<Vec<(usize, usize)>> = sentences
        .iter()
        .map(|&(b, n)| super::dates::restating_spans(ctx, &beads[b].src, beads[b].tgt[n]))
        .collect();
    let restated_of = |a: &At| {
        sentences
            .binary_search(&(a.bead, a.n))
            .map_or(&[][..], |p| &restated[p][..])
    };
    let mut arabic_texts: Vec<String> = sentences
        .iter()
        .zip(&restated)
        .map(|(&(b, n), r)| without_spans(arabic_of(b, n), r))
        .collect();
    let mut shares: Vec<f64> = Vec::with_capacity(wanted.len());
    for a in wanted {
        let text = arabic_of(a.bead, a.n);
        let c = &tests[a.bead][a.n][a.k].clause;
        let total = text.chars().count();
        let mut cut: Vec<(usize, usize)> = restated_of(a).to_vec();
        let restated_chars: usize = cut.iter().map(|&(s, e)| e - s).sum();
        let inside: usize = cut
            .iter()
            .map(|&(s, e)| e.min(c.end).saturating_sub(s.max(c.start)))
            .sum();
        cut.push((c.start, c.end));
        arabic_texts.push(without_spans(text, &cut));
        let own = c.end.saturating_sub(c.start).saturating_sub(inside);
        shares.push(own as f64 / total.saturating_sub(restated_chars).max(1) as f64);
    }
    let source_refs: Vec<&str> = source_texts.iter().map(String::as_str).collect();
    let arabic_refs: Vec<&str> = arabic_texts.iter().map(String::as_str).collect();
    let source_vectors = encoder.encode(Lang::En, &source_refs);
    let arabic_vectors = encoder.encode(Lang::Ar, &arabic_refs);
    let (whole, remainders) = arabic_vectors.split_at(sentences.len());
    wanted
        .iter()
        .zip(remainders)
        .zip(&shares)
        .map(|((a, rest), &share)| {
            if share <= 0.0 || share >= 1.0 {
                return None;
            }
            let e = &source_vectors[source_beads.binary_search(&a.bead).ok()?];
            let s = &whole[sentences.binary_search(&(a.bead, a.n)).ok()?];
            let change = (cosine(rest, e) - cosine(s, e)) as f64;
            Some((change, share))
        })
        .collect()
}

/// `text` without the characters of `spans` (character offsets, possibly overlapping), with
/// the clause punctuation left dangling before a cut and the spaces around it tidied.
fn without_spans(text: &str, spans: &[(usize, usize)]) -> String {
    if spans.is_empty() {
        return text.to_string();
    }
    let mut spans = spans.to_vec();
    spans.sort_unstable();
    let total = text.chars().count();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in spans {
        if s > at {
            let head = char_slice(text, at, s).trim_end();
            out.push_str(head.trim_end_matches(['،', ',', '؛', ';', ':']).trim_end());
        }
        at = at.max(e);
    }
    out.push_str(char_slice(text, at.min(total), total));
    out
}

/// The median of a sample and its spread as a standard deviation (1.4826 × the median absolute
/// deviation: robust to the few added clauses among the rendered ones).
fn median_and_spread(mut v: Vec<f64>) -> (f64, f64) {
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let m = v.len() / 2;
        if v.len() % 2 == 1 {
            v[m]
        } else {
            (v[m - 1] + v[m]) / 2.0
        }
    };
    let centre = median(&mut v);
    let mut dev: Vec<f64> = v.iter().map(|x| (x - centre).abs()).collect();
    (centre, 1.4826 * median(&mut dev))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document's rendered clauses: the change is the share times -0.5, give or take, plus a
    /// jitter of 0.01 whatever the share.
    fn rendered_sample() -> Vec<(f64, f64)> {
        (0..40)
            .map(|k| {
                let share = 0.1 + 0.02 * (k % 20) as f64;
                let wobble = [-1.0, 1.0, -0.5, 0.5][k % 4];
                (share * (-0.5 + 0.1 * wobble) + 0.01 * wobble, share)
            })
            .collect()
    }

    #[test]
    fn a_clause_whose_removal_brings_the_rest_closer_reads_as_added() {
        let m = RenderedModel::fit(&rendered_sample()).unwrap();
        assert!((m.centre + 0.5).abs() < 0.1, "{}", m.centre);
        // Taken out, a third of the sentence that rendered nothing: the rest is closer.
        assert!(m.llr(0.05, 0.33) > 2.0, "{}", m.llr(0.05, 0.33));
        // A rendered third: the rest is further.
        assert!(m.llr(-0.16, 0.33) < -2.0, "{}", m.llr(-0.16, 0.33));
    }

    #[test]
    fn restated_dates_leave_the_texts_the_encoder_compares() {
        let ar = "ضبطت القوات يوم الأربعاء 5 رمضان 1446هـ، الموافق 5 مارس، مركبا";
        let at = |w: &str| {
            let b = ar.find(w).expect("word");
            let s = ar[..b].chars().count();
            (s, s + w.chars().count())
        };
        let hijri = (at("يوم").0, at("1446هـ").1);
        assert_eq!(
            without_spans(ar, &[hijri]),
            "ضبطت القوات، الموافق 5 مارس، مركبا"
        );
        // The clause cut with the restated date, overlapping spans read once.
        let clause = (at("الموافق").0, at("مارس").1);
        assert_eq!(
            without_spans(ar, &[clause, hijri, (at("الأربعاء").0, at("الأربعاء").1)]),
            "ضبطت القوات، مركبا"
        );
        assert_eq!(without_spans(ar, &[]), ar);
    }

    #[test]
    fn a_short_clause_tells_less_than_a_long_one() {
        let m = RenderedModel::fit(&rendered_sample()).unwrap();
        assert!(m.llr(0.02, 0.05).abs() < m.llr(0.02, 0.4).abs());
    }

    #[test]
    fn no_model_from_too_few_clauses_or_from_clauses_that_do_not_render() {
        assert!(RenderedModel::fit(&rendered_sample()[..MIN_CALIBRATION - 1]).is_none());
        let unrelated: Vec<(f64, f64)> = rendered_sample().iter().map(|&(c, w)| (-c, w)).collect();
        assert!(RenderedModel::fit(&unrelated).is_none());
    }

    /// An encoder that reads words: each word a direction, an Arabic word the direction of its
    /// English rendering (a small dictionary), any other word one of its own.
    struct WordEncoder;

    impl SpanEncoder for WordEncoder {
        fn encode(&self, _lang: Lang, texts: &[&str]) -> Vec<Embedding> {
            const DICTIONARY: [(&str, &str); 16] = [
                ("الوفد", "delegation"),
                ("وصل", "arrived"),
                ("المدينة", "city"),
                ("صباح", "morning"),
                ("الأحد", "sunday"),
                ("التقى", "met"),
                ("المحافظ", "governor"),
                ("بحث", "discussed"),
                ("ملف", "file"),
                ("المياه", "water"),
                ("الطرق", "roads"),
                ("الجانبان", "sides"),
                ("اتفق", "agreed"),
                ("لجنة", "committee"),
                ("مشتركة", "joint"),
                ("تشكيل", "form"),
            ];
            texts
                .iter()
                .map(|t| {
                    let mut v = [0f32; crate::embed::EMBEDDING_DIM];
                    for w in t
                        .split(|c: char| !c.is_alphabetic())
                        .filter(|w| !w.is_empty())
                    {
                        let w = w.to_lowercase();
                        let key = DICTIONARY
                            .iter()
                            .find(|(a, _)| *a == w || format!("و{a}") == w)
                            .map_or(w.as_str(), |(_, e)| e);
                        let dim = key
                            .bytes()
                            .fold(7usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
                        v[dim % v.len()] += 1.0;
                    }
                    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
                    v.iter_mut().for_each(|x| *x /= norm);
                    v
                })
                .collect()
        }
    }

    #[test]
    fn an_added_clause_gains_the_encoders_evidence_and_rendered_ones_lose_it() {
        let en = [
            "The delegation arrived in the city on Sunday morning, and met the governor.",
            "They discussed the water file, and the roads file.",
            "The sides agreed to form a joint committee, and met on Sunday.",
            "The governor met the delegation, and discussed the roads.",
            "The committee met on Sunday morning, and the sides agreed.",
        ];
        let ar = [
            "وصل الوفد المدينة صباح الأحد، والتقى المحافظ.",
            "بحث ملف المياه، وملف الطرق.",
            "اتفق الجانبان تشكيل لجنة مشتركة، والتقى الأحد.",
            "التقى المحافظ الوفد، وبحث الطرق.",
            "التقت لجنة صباح الأحد، واتفق الجانبان، في خطوة طال انتظارها تؤكد عمق الشراكة الوثيقة.",
        ];
        let beads: Vec<crate::align::Bead> = (0..5)
            .map(|k| crate::align::Bead {
                src: vec![k],
                tgt: vec![k],
                score: 1.0,
            })
            .collect();
        let lex = crate::anchors::lexicon::Lexicon::builtin();
        super::super::with_beads_encoded(lex, &en, &ar, &beads, Some(&WordEncoder), |ctx| {
            let refs: Vec<&crate::align::Bead> = beads.iter().collect();
            let mut tests: Vec<Vec<Vec<ClauseTest>>> = refs
                .iter()
                .map(|b| {
                    let view = super::super::support::BeadView::new(ctx, b);
                    (0..b.tgt.len()).map(|n| view.target_clauses(n)).collect()
                })
                .collect();
            // Lexical evidence that says nothing either way: the encoder's alone is read.
            for t in tests.iter_mut().flatten().flatten() {
                t.log_odds = 0.0;
            }
            let mut judged = tests.clone();
            add_evidence(ctx, &refs, &mut judged);
            let added = tests[4][0].len() - 1;
            assert!(tests[4][0][added].clause.words >= MIN_JUDGED_WORDS);
            assert!(
                judged[4][0][added].log_odds > 1.0,
                "the added clause: {}",
                judged[4][0][added].log_odds
            );
            // No rendered clause gains evidence of being added.
            for (b, per) in judged.iter().enumerate() {
                for (k, t) in per[0].iter().enumerate() {
                    if (b, k) != (4, added) {
                        assert!(t.log_odds <= 0.0, "{b} {k}: {}", t.log_odds);
                    }
                }
            }
        });
    }

    #[test]
    fn the_spread_is_robust_to_a_few_outliers() {
        let mut v: Vec<f64> = (0..20).map(|k| -0.5 + 0.01 * k as f64).collect();
        v.push(3.0);
        v.push(5.0);
        let (centre, spread) = median_and_spread(v);
        assert!((centre + 0.39).abs() < 0.02, "{centre}");
        assert!(spread > 0.05 && spread < 0.12, "{spread}");
    }
}
