//! The pure stages in order: sentences → anchors → alignment → flags. Used by `check` (no
//! workspace) and `align` (results stored), so both give the same answers.

use crate::align::{self, Bead, Fixed, Move, Params, Semantic};
use crate::anchors::{self, lexicon::Lexicon};
use crate::embed::Encoder;
use crate::flag::{self, Flag};
use crate::segment::Sentence;
use crate::text::char_slice;
use serde::Serialize;

/// Result of aligning and checking one pair.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub source: Vec<Sentence>,
    pub target: Vec<Sentence>,
    pub beads: Vec<Bead>,
    /// Sentence pairs outside the monotone path: moved and repeated sentences.
    pub moves: Vec<Move>,
    pub flags: Vec<Flag>,
}

/// What the analysis reads besides the two documents.
#[derive(Clone, Copy)]
pub struct Resources<'a> {
    pub lexicon: &'a Lexicon,
    /// The multilingual sentence encoder, when one is installed and wanted.
    pub encoder: Option<&'a Encoder>,
}

impl<'a> Resources<'a> {
    pub fn lexicon_only(lexicon: &'a Lexicon) -> Resources<'a> {
        Resources {
            lexicon,
            encoder: None,
        }
    }
}

/// With `TARJAMA_PROFILE` set, the time of each stage goes to stderr (profiling long documents).
struct Stages {
    on: bool,
    last: std::cell::Cell<std::time::Instant>,
}

impl Stages {
    fn new() -> Stages {
        Stages {
            on: std::env::var_os("TARJAMA_PROFILE").is_some(),
            last: std::cell::Cell::new(std::time::Instant::now()),
        }
    }

    fn done(&self, name: &str) {
        if self.on {
            let now = std::time::Instant::now();
            eprintln!(
                "stage {name}: {:.3} s",
                (now - self.last.get()).as_secs_f64()
            );
            self.last.set(now);
        }
    }
}

/// Aligns and flags a source (English) and target (Arabic) document, keeping `fixed` beads.
pub fn analyse(
    source: Vec<Sentence>,
    target: Vec<Sentence>,
    res: Resources,
    fixed: &[Fixed],
) -> Analysis {
    let src: Vec<String> = source.iter().map(|s| s.text.clone()).collect();
    let tgt: Vec<String> = target.iter().map(|s| s.text.clone()).collect();
    let lexicon = res.lexicon;
    let stage = Stages::new();
    let pair = anchors::build(&src, &tgt, lexicon);
    stage.done("anchors");
    let params = Params::default();
    let mut aligned = align::align_pair(&pair, &params, fixed, None);
    stage.done("align");
    if let Some(encoder) = res.encoder {
        // The encoder is consulted where it can change a decision: the whole of a news-length
        // pair, the uncertain stretches (and a sample to estimate from) of a long one.
        let (src_need, tgt_need) = align::semantic_sentences(&aligned);
        let needed = src_need.len() + tgt_need.len();
        if let Some(semantic) = embed(encoder, &src, &tgt, src_need, tgt_need) {
            stage.done(&format!("encode {needed} sentences"));
            let lens =
                |side: &[anchors::SentenceAnchors]| side.iter().map(|s| s.len).collect::<Vec<_>>();
            let semantic = semantic.with_lengths(&lens(&pair.src), &lens(&pair.tgt));
            aligned = align::align_pair(&pair, &params, fixed, Some(&semantic));
            stage.done("align with the encoder");
        }
    }
    let words = flag::Words::new(&src, &tgt, lexicon);
    let flags = flag::detect(&flag::Context {
        src: &src,
        tgt: &tgt,
        anchors: &pair,
        beads: &aligned.beads,
        moves: &aligned.moves,
        lexicon,
        model: &aligned.model,
        evidence: &aligned.evidence,
        words: &words,
        encoder: res.encoder.map(|e| e as &dyn flag::SpanEncoder),
    });
    stage.done("flags");
    Analysis {
        source,
        target,
        beads: aligned.beads,
        moves: aligned.moves,
        flags,
    }
}

/// The encoder as the alignment and the flag detectors read it: each text's opening
/// ([`MAX_EMBEDDED_CHARS`]), Arabic without its vowel marks — the encoder was trained on
/// unvowelled text, and fully vowelled text (scripture, teaching material) otherwise lands far
/// from its translation.
impl flag::SpanEncoder for Encoder {
    fn encode(&self, lang: crate::text::Lang, texts: &[&str]) -> Vec<crate::embed::Embedding> {
        match lang {
            crate::text::Lang::En => {
                let cut: Vec<&str> = texts
                    .iter()
                    .map(|t| char_slice(t, 0, MAX_EMBEDDED_CHARS))
                    .collect();
                self.encode_parallel(&cut, 0)
            }
            crate::text::Lang::Ar => {
                let bare: Vec<String> = texts
                    .iter()
                    .map(|t| crate::text::arabic::strip_marks(char_slice(t, 0, MAX_EMBEDDED_CHARS)))
                    .collect();
                let refs: Vec<&str> = bare.iter().map(String::as_str).collect();
                self.encode_parallel(&refs, 0)
            }
        }
    }
}

/// Characters of a sentence the encoder reads. The encoder's time grows with the text, and no
/// sentence of real prose comes near this (the longest scripture verses and legal sentences run
/// to about 1,500): a longer "sentence" is unpunctuated text that segmentation could not cut (a
/// pasted transcript, a 5 MB paragraph), where its opening stands for it and encoding it whole
/// would take minutes.
const MAX_EMBEDDED_CHARS: usize = 4000;

/// The sentence vectors of the chosen sentences of both sides.
fn embed(
    encoder: &Encoder,
    src: &[String],
    tgt: &[String],
    src_need: Vec<usize>,
    tgt_need: Vec<usize>,
) -> Option<Semantic> {
    if src_need.is_empty() || tgt_need.is_empty() {
        return None;
    }
    let en: Vec<&str> = src_need.iter().map(|&i| src[i].as_str()).collect();
    let ar: Vec<&str> = tgt_need.iter().map(|&j| tgt[j].as_str()).collect();
    let ev = flag::SpanEncoder::encode(encoder, crate::text::Lang::En, &en);
    let av = flag::SpanEncoder::encode(encoder, crate::text::Lang::Ar, &ar);
    Semantic::sparse(
        src.len(),
        tgt.len(),
        src_need
            .into_iter()
            .zip(ev.iter().map(|v| v.to_vec()))
            .collect(),
        tgt_need
            .into_iter()
            .zip(av.iter().map(|v| v.to_vec()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::MAX_EMBEDDED_CHARS;
    use crate::text::char_slice;

    #[test]
    fn the_opening_of_a_long_text_ends_on_a_character() {
        assert_eq!(char_slice("قال الوزير", 0, 3), "قال");
        assert_eq!(char_slice("short", 0, MAX_EMBEDDED_CHARS), "short");
        let long = "كلمة ".repeat(2000);
        assert_eq!(
            char_slice(&long, 0, MAX_EMBEDDED_CHARS).chars().count(),
            MAX_EMBEDDED_CHARS
        );
    }
}
