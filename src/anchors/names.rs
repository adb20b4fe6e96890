//! Person and place names across scripts: English capitalised words that the lexicon does not
//! know, matched against Arabic words through their consonant skeletons.

use crate::text::translit::{arabic_skeletons, english_skeleton, skeleton_similarity, NAME_MATCH};
use crate::text::FastMap;

/// Matches Arabic words to the English names of one document pair, memoising by word and by
/// skeleton so each distinct Arabic word is read once and each distinct skeleton compared once.
pub struct NameMatcher {
    english: Vec<String>,
    memo: FastMap<String, Vec<usize>>,
    by_word: FastMap<String, Vec<usize>>,
}

impl NameMatcher {
    /// `english_names`: distinct skeletons of the English name candidates.
    pub fn new(english_names: Vec<String>) -> Self {
        Self {
            english: english_names,
            memo: FastMap::default(),
            by_word: FastMap::default(),
        }
    }

    /// Indices of the English names a normalised Arabic word may transliterate.
    pub fn matches(&mut self, arabic_norm_word: &str) -> &[usize] {
        if !self.by_word.contains_key(arabic_norm_word) {
            let found = self.by_skeleton(arabic_norm_word);
            self.by_word.insert(arabic_norm_word.to_string(), found);
        }
        &self.by_word[arabic_norm_word]
    }

    fn by_skeleton(&mut self, arabic_norm_word: &str) -> Vec<usize> {
        let skels = arabic_skeletons(arabic_norm_word);
        let key = skels.join("|");
        if let Some(found) = self.memo.get(&key) {
            return found.clone();
        }
        let mut found: Vec<usize> = self
            .english
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                skels.iter().any(|s| {
                    s.len() >= 2
                        && e.len().abs_diff(s.len()) <= 2
                        && skeleton_similarity(s, e) >= NAME_MATCH
                })
            })
            .map(|(i, _)| i)
            .collect();
        found.dedup();
        self.memo.insert(key, found.clone());
        found
    }
}

/// Skeleton of an English name candidate, or `None` when it is too short to be reliable.
pub fn english_name_skeleton(word: &str) -> Option<String> {
    let s = english_skeleton(word);
    (s.len() >= 2).then_some(s)
}
