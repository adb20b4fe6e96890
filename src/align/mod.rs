//! Sentence alignment: a probabilistic bead model (shape priors, Gale–Church lengths, item-match
//! evidence, optional sentence-embedding similarity) whose rates are estimated per document by
//! expectation–maximisation, then the best monotone path by dynamic programming inside a band.
//! Pure: sentence anchors in, beads out; no I/O.
//!
//! How the model is built and estimated is documented in README.md ("Alignment model").

mod band;
mod cost;
mod dp;
pub mod evidence;
mod guide;
mod lattice;
pub mod model;
mod moves;
mod posterior;
pub mod semantic;

pub use cost::Params;
pub use model::Model;
pub use moves::Move;
pub use semantic::Semantic;

use crate::anchors::PairAnchors;
use serde::{Deserialize, Serialize};

/// A group of consecutive source sentences aligned with a group of consecutive target sentences.
/// One side may be empty: an omission (target empty) or an insertion (source empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    /// Confidence in [0, 1].
    pub score: f64,
}

impl Bead {
    pub fn is_null(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }

    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// A fixed bead that the alignment must keep (a review decision: a confirmed or rejected bead).
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub src: std::ops::Range<usize>,
    pub tgt: std::ops::Range<usize>,
}

impl Fixed {
    /// Whether `bead` is this fixed bead.
    pub fn is(&self, bead: &Bead) -> bool {
        bead.src.iter().copied().eq(self.src.clone())
            && bead.tgt.iter().copied().eq(self.tgt.clone())
    }
}

/// Pairs up to this many sentences (both sides together) are encoded whole.
const ENCODE_WHOLE: usize = 600;
/// Beads below this confidence are uncertain: the encoder is consulted around them.
const UNCERTAIN: f64 = 0.9;
/// Source sentences of the sample encoded at the start of a long pair, for the estimate of how
/// similar aligned and unrelated sentences are.
const SEMANTIC_SAMPLE: usize = 150;

/// Sentences (source, target) whose embeddings can change the alignment found without them: all
/// of a news-length pair; on a long one, every uncertain bead with a sentence either side, every
/// sentence left unaligned (the search for moved sentences pairs them across the document), and
/// a leading sample for the estimate.
pub fn semantic_sentences(aligned: &Aligned) -> (Vec<usize>, Vec<usize>) {
    let beads = &aligned.beads;
    let n = beads.iter().map(|b| b.src.len()).sum::<usize>();
    let m = beads.iter().map(|b| b.tgt.len()).sum::<usize>();
    if n + m <= ENCODE_WHOLE {
        return ((0..n).collect(), (0..m).collect());
    }
    let (mut src, mut tgt) = (vec![false; n], vec![false; m]);
    let mut mark = |b: &Bead| {
        b.src.iter().for_each(|&i| src[i] = true);
        b.tgt.iter().for_each(|&j| tgt[j] = true);
    };
    let mut sampled = 0;
    for (k, b) in beads.iter().enumerate() {
        if sampled < SEMANTIC_SAMPLE {
            sampled += b.src.len();
            mark(b);
        }
        if b.is_null() {
            mark(b);
        }
        if b.score < UNCERTAIN {
            for near in beads[k.saturating_sub(1)..(k + 2).min(beads.len())].iter() {
                mark(near);
            }
        }
    }
    (
        (0..n).filter(|&i| src[i]).collect(),
        (0..m).filter(|&j| tgt[j]).collect(),
    )
}

/// Source sentences the estimate looks at on long documents: a leading stretch holds enough
/// beads for a few dozen rates, and keeps the whole alignment a single full pass.
const ESTIMATE_SENTENCES: usize = 600;

/// Aligns the sentences of a pair.
pub fn align(anchors: &PairAnchors, params: &Params) -> Vec<Bead> {
    align_pair(anchors, params, &[], None).beads
}

/// Aligns while keeping `fixed` beads as they are; only the stretches between them are aligned.
pub fn align_with_fixed(anchors: &PairAnchors, params: &Params, fixed: &[Fixed]) -> Vec<Bead> {
    align_pair(anchors, params, fixed, None).beads
}

/// The beads of a pair, its moved and repeated sentences, and the model estimated for it.
#[derive(Debug, Clone)]
pub struct Aligned {
    pub beads: Vec<Bead>,
    pub moves: Vec<Move>,
    pub model: Model,
    /// The item-match evidence under the model, for the flag detectors' support tests.
    pub evidence: evidence::Evidence,
}

/// Aligns a pair, keeping `fixed` beads, with sentence embeddings when given: the document's
/// model is estimated first (expectation–maximisation from Gale–Church's priors), then the best
/// path under it is found.
pub fn align_pair(
    anchors: &PairAnchors,
    params: &Params,
    fixed: &[Fixed],
    semantic: Option<&Semantic>,
) -> Aligned {
    let n = anchors.src.len();
    let m = anchors.tgt.len();
    let src_lens: Vec<f64> = anchors.src.iter().map(|s| s.len).collect();
    let tgt_lens: Vec<f64> = anchors.tgt.iter().map(|s| s.len).collect();
    let model = Model::initial(
        &src_lens,
        &tgt_lens,
        params.variance * params.first_pass_variance_factor,
    );
    if n == 0 || m == 0 {
        let beads = (0..n)
            .map(|i| Bead {
                src: vec![i],
                tgt: vec![],
                score: 1.0,
            })
            .chain((0..m).map(|j| Bead {
                src: vec![],
                tgt: vec![j],
                score: 1.0,
            }))
            .collect();
        let evidence = evidence::Evidence::new(&anchors.src, &anchors.tgt);
        return Aligned {
            beads,
            moves: Vec::new(),
            model,
            evidence,
        };
    }
    let (model, ev) = estimate(anchors, params, semantic, model);
    let sc = cost::Scorer {
        anchors,
        model: &model,
        evidence: &ev,
        semantic,
        params,
    };
    let mut beads = run(&sc, fixed);
    let candidates = moves::Candidates::new(&sc);
    let mut moves = moves::find(&sc, &candidates, &beads);
    // A reviewer's bead is kept whole by the passes after the path too.
    moves::reseat(&sc, &mut beads, &mut moves, fixed);
    moves::unmerge(&sc, &candidates, &mut beads, &mut moves, fixed);
    Aligned {
        beads,
        moves,
        model,
        evidence: ev,
    }
}

/// The document's model, estimated from `model` by expectation–maximisation over a leading
/// window of the pair, and the evidence tables under it.
fn estimate(
    anchors: &PairAnchors,
    params: &Params,
    semantic: Option<&Semantic>,
    mut model: Model,
) -> (Model, evidence::Evidence) {
    let (n, m) = (anchors.src.len(), anchors.tgt.len());
    let (src_window, tgt_window) = if n > ESTIMATE_SENTENCES {
        let mp = ((ESTIMATE_SENTENCES as f64) * m as f64 / n as f64).round() as usize;
        (0..ESTIMATE_SENTENCES, 0..mp.clamp(1, m))
    } else {
        (0..n, 0..m)
    };
    let mut ev = evidence::Evidence::new(&anchors.src, &anchors.tgt);
    ev.update(&model, false, src_window.clone(), tgt_window.clone());
    let kinds = [ev.src.ident_kinds(), ev.tgt.ident_kinds()];
    let window = posterior::Window::new(
        &cost::Scorer {
            anchors,
            model: &model,
            evidence: &ev,
            semantic,
            params,
        },
        src_window.clone(),
        tgt_window.clone(),
    );
    for _ in 0..params.em_rounds {
        let sc = cost::Scorer {
            anchors,
            model: &model,
            evidence: &ev,
            semantic,
            params,
        };
        let counts = posterior::expected_counts(&sc, &window);
        model = counts.estimate(&model, params.variance, [&kinds[0], &kinds[1]]);
        ev.update(&model, true, src_window.clone(), tgt_window.clone());
    }
    ev.update(&model, true, 0..n, 0..m);
    (model, ev)
}

/// Runs `f` with the scorer of a pair under its estimated model (tests of the search).
#[cfg(test)]
fn with_scorer<R>(anchors: &PairAnchors, f: impl FnOnce(&cost::Scorer) -> R) -> R {
    let params = Params::default();
    let src_lens: Vec<f64> = anchors.src.iter().map(|s| s.len).collect();
    let tgt_lens: Vec<f64> = anchors.tgt.iter().map(|s| s.len).collect();
    let initial = Model::initial(&src_lens, &tgt_lens, params.variance);
    let (model, ev) = estimate(anchors, &params, None, initial);
    f(&cost::Scorer {
        anchors,
        model: &model,
        evidence: &ev,
        semantic: None,
        params: &params,
    })
}

fn run(sc: &cost::Scorer, fixed: &[Fixed]) -> Vec<Bead> {
    let anchors = sc.anchors;
    let mut out = Vec::new();
    let (mut i0, mut j0) = (0, 0);
    let mut sorted: Vec<&Fixed> = fixed.iter().collect();
    sorted.sort_by_key(|f| (f.src.start, f.tgt.start));
    for f in sorted {
        if f.src.start < i0 || f.tgt.start < j0 {
            continue; // overlapping or out of order: ignore rather than fail
        }
        out.extend(dp::align_span(sc, i0..f.src.start, j0..f.tgt.start));
        out.push(Bead {
            src: f.src.clone().collect(),
            tgt: f.tgt.clone().collect(),
            score: 1.0,
        });
        i0 = f.src.end;
        j0 = f.tgt.end;
    }
    out.extend(dp::align_span(
        sc,
        i0..anchors.src.len(),
        j0..anchors.tgt.len(),
    ));
    out
}

/// Evidence that two groups of sentences say the same thing, in [0, 1]: matched item weight
/// (lexical and anchors) over total, averaged over both directions.
pub fn similarity(anchors: &PairAnchors, src: &[usize], tgt: &[usize]) -> f64 {
    let mut src_offers: Vec<u32> = src
        .iter()
        .flat_map(|&i| anchors.src[i].offers.iter().copied())
        .collect();
    src_offers.sort_unstable();
    src_offers.dedup();
    let mut tgt_offers: Vec<u32> = tgt
        .iter()
        .flat_map(|&j| anchors.tgt[j].offers.iter().copied())
        .collect();
    tgt_offers.sort_unstable();
    tgt_offers.dedup();
    let side = |sents: &[&crate::anchors::SentenceAnchors], offers: &[u32]| {
        let (mut m, mut t) = (0.0f32, 0.0f32);
        for s in sents {
            let (l, a) = s.weights(s.matched_by(offers));
            let (lt, at) = s.totals();
            m += l + a;
            t += lt + at;
        }
        if t > 0.0 {
            (m / t) as f64
        } else {
            0.0
        }
    };
    let s: Vec<_> = src.iter().map(|&i| &anchors.src[i]).collect();
    let t: Vec<_> = tgt.iter().map(|&j| &anchors.tgt[j]).collect();
    0.5 * (side(&s, &tgt_offers) + side(&t, &src_offers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::{self, lexicon::Lexicon};

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    /// Asserts that aligning `en` with `ar` under `lex` gives the bead `src` ~ `tgt`.
    fn assert_bead(en: &[String], ar: &[String], lex: &Lexicon, src: &[usize], tgt: &[usize]) {
        let a = anchors::build(en, ar, lex);
        let beads = align(&a, &Params::default());
        assert!(
            beads.iter().any(|b| b.src == src && b.tgt == tgt),
            "{beads:?}"
        );
    }

    /// The source's title may be folded into the rendering's lead; the rendering's own head
    /// lines (its dateline) are kept out of merged beads.
    #[test]
    fn only_the_translations_head_lines_are_kept_out_of_merges() {
        let en = s(&[
            "Joint Statement on Water Sharing in the Jordan Valley",
            "The governments of Jordan and Cyprus issued the following statement on March 3.",
            "Both nations will fund a desalination plant near Aqaba.",
        ]);
        let ar = s(&[
            "عمان – «نبأ الأردن»",
            "أصدرت حكومتا الأردن وقبرص في 3 مارس بيانا مشتركا بشأن تقاسم المياه في وادي الأردن.",
            "وستمول الدولتان محطة لتحلية المياه قرب العقبة.",
        ]);
        let a = anchors::build(&en, &ar, Lexicon::builtin());
        assert!(a.src[0].head_like && a.tgt[0].head_like);
        with_scorer(&a, |sc| {
            let mut cell = |i, j| sc.cell(i, j);
            assert_eq!(sc.terms(0, 2, 1, 1, &mut cell).head, 0.0);
            assert!(sc.terms(1, 1, 0, 2, &mut cell).head > 0.0);
        });
    }

    /// A line of the translation's page (a dateline, a "read also" link) renders no sentence of
    /// prose: paired one to one with a source sentence it costs what a merge with it costs; with
    /// the source's own head line (a title as the headline) it costs nothing more.
    #[test]
    fn a_page_line_of_the_translation_faces_no_source_prose() {
        let en = s(&[
            "Readout of the Interior Minister's Meeting with the Kuwaiti Delegation",
            "The minister received the delegation in Amman on Tuesday.",
            "The two sides discussed border security and the exchange of information.",
            "The minister stressed the importance of joint training for police officers.",
            "They agreed to stay in touch.",
        ]);
        let ar = s(&[
            "عمان - «الأنباط»",
            "استقبل الوزير الوفد الكويتي في عمان يوم الثلاثاء.",
            "وبحث الجانبان أمن الحدود وتبادل المعلومات.",
            "وشدد الوزير على أهمية التدريب المشترك لضباط الشرطة.",
            "اقرأ أيضا: ارتفاع أسعار الذهب في السوق المحلية",
        ]);
        let a = anchors::build(&en, &ar, Lexicon::builtin());
        assert!(a.tgt[0].head_like && a.tgt[4].head_like && !a.src[4].head_like);
        with_scorer(&a, |sc| {
            let mut cell = |i, j| sc.cell(i, j);
            assert!(sc.terms(4, 1, 4, 1, &mut cell).head > 0.0);
            assert!(sc.terms(1, 1, 0, 1, &mut cell).head > 0.0);
            assert_eq!(sc.terms(0, 1, 0, 1, &mut cell).head, 0.0);
            assert_eq!(sc.terms(1, 1, 1, 1, &mut cell).head, 0.0);
        });
        // The link is an insertion of the page, not the closing sentence's rendering.
        let beads = align(&a, &Params::default());
        assert!(
            beads.iter().any(|b| b.src.is_empty() && b.tgt == [4]),
            "{beads:?}"
        );
    }

    /// A short sentence folded into the long one before it ("\"Time matters,\" he said." as a
    /// closing clause «مؤكدا أن «الوقت مهم»») is a 2-1 bead however many items the long sentence
    /// matches: those matches come from the long sentence, so the merge barely weakens them.
    #[test]
    fn a_short_sentence_folded_into_a_rich_one_stays_in_its_bead() {
        let en = s(&[
            "The health ministers of Oman and Kuwait met in Muscat on Monday to discuss hospital cooperation.",
            "They agreed to exchange medical staff and to train nurses together in 2027.",
            "The two ministers also reviewed a plan to build a shared medicine factory in Sohar.",
            "The Kuwaiti minister, Faisal Al-Mutairi, said Kuwait and Oman would open a joint cancer center in Muscat with 200 beds and 40 doctors within three years at a cost of 90 million dollars.",
            "\"Time matters,\" he said.",
            "Oman will provide the land and Kuwait will fund the equipment.",
            "The ministers discussed vaccine production and the fight against diabetes.",
            "The next meeting will be held in Kuwait City in March.",
        ]);
        let ar = s(&[
            "التقى وزيرا الصحة في سلطنة عمان والكويت في مسقط يوم الاثنين لبحث التعاون في مجال المستشفيات.",
            "واتفقا على تبادل الكوادر الطبية وتدريب الممرضين معا في عام 2027.",
            "كما استعرض الوزيران خطة لإنشاء مصنع مشترك للأدوية في صحار.",
            "وقال وزير الصحة الكويتي فيصل المطيري إن الكويت وعمان ستفتتحان مركزا مشتركا لعلاج السرطان في مسقط يضم 200 سرير و40 طبيبا خلال ثلاث سنوات بتكلفة 90 مليون دولار، مؤكدا أن «الوقت مهم».",
            "وستقدم عمان الأرض بينما تمول الكويت المعدات.",
            "وبحث الوزيران إنتاج اللقاحات ومكافحة مرض السكري.",
            "ويعقد الاجتماع المقبل في مدينة الكويت في مارس.",
        ]);
        // A dictionary as large ones give it: the long sentence's words all found.
        let mut lex = Lexicon::builtin().clone();
        lex.add_pairs(
            [
                ("minister", "وزير"),
                ("open", "افتتح"),
                ("joint", "مشترك"),
                ("cancer", "سرطان"),
                ("center", "مركز"),
                ("beds", "سرير"),
                ("doctors", "طبيب"),
                ("years", "سنوات"),
                ("cost", "تكلفة"),
                ("dollars", "دولار"),
                ("million", "مليون"),
                ("time", "وقت"),
            ]
            .iter()
            .map(|(e, a)| (e.to_string(), a.to_string())),
        );
        assert_bead(&en, &ar, &lex, &[3, 4], &[3]);
    }

    /// Two quoted English sentences given as one Arabic sentence with both quotations align as
    /// one bead (the quotations are part of the evidence; see the anchors' tests).
    #[test]
    fn quotations_hold_two_quoted_sentences_in_one_bead() {
        let en = s(&[
            "The foreign ministers of Jordan and Egypt met in Amman on Sunday to discuss the water crisis.",
            "They agreed to set up a joint technical committee on shared aquifers.",
            "\"Rivers do not stop at borders, and neither can our planning,\" the Jordanian minister told reporters after the meeting.",
            "\"We cannot wait for rain,\" he said.",
            "The committee will hold its first session in Cairo next month.",
            "The two ministers also reviewed trade between the two countries.",
        ]);
        let ar = s(&[
            "التقى وزيرا خارجية الأردن ومصر في عمان يوم الأحد لبحث أزمة المياه.",
            "واتفقا على تشكيل لجنة فنية مشتركة بشأن الخزانات الجوفية المشتركة.",
            "وقال الوزير الأردني للصحفيين بعد الاجتماع إن «الأنهار لا تتوقف عند الحدود، ولا يمكن لتخطيطنا أن يتوقف عندها»، مضيفا: «لا يمكننا انتظار المطر».",
            "وستعقد اللجنة أولى جلساتها في القاهرة الشهر المقبل.",
            "كما استعرض الوزيران التبادل التجاري بين البلدين.",
        ]);
        assert_bead(&en, &ar, Lexicon::builtin(), &[2, 3], &[2]);
    }
}
