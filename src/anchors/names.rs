//! Person and place names across scripts: English capitalised words that the lexicon does not
//! know, matched against Arabic words through their consonant skeletons.

use crate::text::translit::{arabic_skeleton, english_skeleton, skeleton_similarity, NAME_MATCH};
use std::collections::HashMap;

/// Matches Arabic words to the English names of one document pair, memoising by skeleton so
/// each distinct Arabic word is compared once.
pub struct NameMatcher {
    english: Vec<String>,
    memo: HashMap<String, Vec<usize>>,
}

impl NameMatcher {
    /// `english_names`: distinct skeletons of the English name candidates.
    pub fn new(english_names: Vec<String>) -> Self {
        Self {
            english: english_names,
            memo: HashMap::new(),
        }
    }

    /// Indices of the English names a normalised Arabic word may transliterate.
    pub fn matches(&mut self, arabic_norm_word: &str) -> &[usize] {
        let skel = arabic_skeleton(arabic_norm_word);
        if !self.memo.contains_key(&skel) {
            let found: Vec<usize> = if skel.len() < 2 {
                Vec::new()
            } else {
                self.english
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        e.len().abs_diff(skel.len()) <= 2
                            && skeleton_similarity(&skel, e) >= NAME_MATCH
                    })
                    .map(|(i, _)| i)
                    .collect()
            };
            self.memo.insert(skel.clone(), found);
        }
        &self.memo[&skel]
    }
}

/// Skeleton of an English name candidate, or `None` when it is too short to be reliable.
pub fn english_name_skeleton(word: &str) -> Option<String> {
    let s = english_skeleton(word);
    (s.len() >= 2).then_some(s)
}
