//! Fuzz target bodies. The cargo-fuzz crate under `fuzz/` calls these on libFuzzer's inputs, and
//! `tests/fuzz_corpus.rs` replays the committed seeds and crash inputs through them on stable
//! Rust, so CI exercises the same code without nightly. Not part of the library's API.
//!
//! Each target feeds untrusted bytes to the entry point the CLI uses and checks, besides "no
//! panic", the invariants later stages rely on (sentence offsets inside the text, units and
//! dictionary entries non-empty). Inputs that need two texts (Moses, `check`, a dictd index and
//! its data) are split at the first NUL byte.

use crate::anchors::dictionaries;
use crate::anchors::lexicon::Lexicon;
use crate::ingest::{self, bitext, Format};
use crate::segment::{self, Sentence};
use crate::text::Lang;
use std::path::Path;

/// A target's body: one input, panicking on a finding.
pub type Target = fn(&[u8]);

/// The targets by name, as the fuzz crate's binaries and `fuzz/corpus/NAME` are named.
pub const TARGETS: &[(&str, Target)] = &[
    ("segment", segment),
    ("ingest_html", ingest_html),
    ("ingest_markdown", ingest_markdown),
    ("ingest_json", ingest_json),
    ("dict_freedict", dict_freedict),
    ("dict_buckwalter", dict_buckwalter),
    ("bitext_tmx", bitext_tmx),
    ("bitext_moses", bitext_moses),
    ("bitext_tsv", bitext_tsv),
    ("check", check),
];

/// Largest side `check` analyses: alignment is quadratic within its band by design, and a fuzz
/// input should take milliseconds, not seconds. Large inputs are the benches' business.
pub const CHECK_MAX_BYTES: usize = 4096;

/// The two parts of an input split at its first NUL byte (the second empty when there is none).
fn split_nul(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

fn lossy(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Sentences as the rest of the pipeline expects them: non-empty, trimmed, ordered, inside the
/// raw text (character offsets), paragraphs numbered without going back.
fn check_sentences(raw: &str, sentences: &[Sentence]) {
    let n = raw.chars().count();
    let mut last_end = 0;
    let mut last_paragraph = 0;
    for s in sentences {
        assert!(!s.text.is_empty(), "empty sentence in {sentences:?}");
        assert_eq!(s.text.trim(), s.text, "untrimmed sentence");
        assert!(
            s.start <= s.end && s.end <= n,
            "offsets {}..{} outside 0..{n}",
            s.start,
            s.end
        );
        assert!(s.start >= last_end, "sentences overlap or go back");
        assert!(s.paragraph >= last_paragraph, "paragraphs go back");
        last_end = s.end;
        last_paragraph = s.paragraph;
    }
}

/// Segments `raw` in both languages and as presegmented text.
fn segment_all(raw: &str) {
    for lang in [Lang::En, Lang::Ar] {
        check_sentences(raw, &segment::segment(raw, lang));
    }
    check_sentences(raw, &segment::presegmented(raw));
}

/// The segmenter, both languages, on arbitrary (lossily decoded) text.
pub fn segment(data: &[u8]) {
    segment_all(&lossy(data));
}

/// A file's bytes as `add` reads them: decoded, parsed in `format`, each document's language
/// told and its text segmented.
fn ingest(data: &[u8], format: Format) {
    let path = Path::new("fuzz-input");
    let Ok(raw) = ingest::text_of_bytes(path, data, None) else {
        return;
    };
    let Ok(docs) = ingest::parse(&raw, format, path) else {
        return;
    };
    for d in docs {
        assert!(!d.text.trim().is_empty(), "a document without text");
        if let Ok(lang) = ingest::language(&d, None) {
            check_sentences(&d.text, &segment::segment(&d.text, lang));
        }
    }
}

pub fn ingest_html(data: &[u8]) {
    ingest(data, Format::Html);
}

pub fn ingest_markdown(data: &[u8]) {
    ingest(data, Format::Md);
}

pub fn ingest_json(data: &[u8]) {
    ingest(data, Format::Json);
}

/// Dictionary entries as a lexicon is built from them, and the lexicon built.
fn dictionary(pairs: Vec<(String, String)>) {
    for (en, ar) in &pairs {
        assert!(
            !en.trim().is_empty() && !ar.trim().is_empty(),
            "empty side in ({en:?}, {ar:?})"
        );
    }
    let lex = Lexicon::from_pairs(pairs);
    let _ = lex.n_concepts();
}

/// A dictd index and its (uncompressed) data, split at the first NUL.
pub fn dict_freedict(data: &[u8]) {
    let (index, dict) = split_nul(data);
    dictionary(dictionaries::parse_freedict(&lossy(index), dict));
}

/// A Buckwalter stem list.
pub fn dict_buckwalter(data: &[u8]) {
    dictionary(dictionaries::parse_buckwalter(&lossy(data)));
}

/// Parsed units as `add` stores them: the bitext made and both sides laid out as sentences.
fn bitext_units(units: Vec<bitext::Unit>) {
    let Ok(b) = bitext::Bitext::from_units("fuzz-input".into(), units) else {
        return;
    };
    for u in &b.units {
        assert!(!(u.en.is_empty() && u.ar.is_empty()), "an empty unit kept");
    }
    for lang in [Lang::En, Lang::Ar] {
        let (raw, sentences) = b.side(lang);
        check_sentences(&raw, &sentences);
        // Byte offset of every character offset (and of the end), to slice each sentence in
        // constant time: counting characters from the start for each would be quadratic.
        let bytes: Vec<usize> = raw
            .char_indices()
            .map(|(i, _)| i)
            .chain([raw.len()])
            .collect();
        for s in &sentences {
            let at = &raw[bytes[s.start]..bytes[s.end]];
            assert_eq!(at, s.text, "a sentence's offsets miss its text");
        }
    }
}

pub fn bitext_tmx(data: &[u8]) {
    if let Ok(units) = bitext::parse_tmx(&lossy(data)) {
        bitext_units(units);
    }
}

/// The English and Arabic files of a Moses pair, split at the first NUL.
pub fn bitext_moses(data: &[u8]) {
    let (en, ar) = split_nul(data);
    if let Ok(units) = bitext::parse_moses(&lossy(en), &lossy(ar)) {
        bitext_units(units);
    }
}

pub fn bitext_tsv(data: &[u8]) {
    if let Ok(units) = bitext::parse_tsv(&lossy(data)) {
        bitext_units(units);
    }
}

/// `check`'s core: English and Arabic texts (split at the first NUL, each at most
/// [`CHECK_MAX_BYTES`]) segmented and analysed with the built-in lexicon.
pub fn check(data: &[u8]) {
    let (en, ar) = split_nul(data);
    if en.len() > CHECK_MAX_BYTES || ar.len() > CHECK_MAX_BYTES {
        return;
    }
    let (en, ar) = (lossy(en), lossy(ar));
    let (src, tgt) = (
        segment::segment(&en, Lang::En),
        segment::segment(&ar, Lang::Ar),
    );
    let (n_src, n_tgt) = (src.len(), tgt.len());
    let res = crate::pipeline::Resources::lexicon_only(Lexicon::builtin());
    let analysis = crate::pipeline::analyse(src, tgt, res, &[]);
    for b in &analysis.beads {
        assert!((0.0..=1.0).contains(&b.score), "bead score {}", b.score);
        for &i in &b.src {
            assert!(i < n_src, "bead source {i} of {n_src}");
        }
        for &j in &b.tgt {
            assert!(j < n_tgt, "bead target {j} of {n_tgt}");
        }
    }
}
