//! The reference sentences of every gold pair under corpora/, for unit tests that check a rule
//! against all of them.

use crate::text::Lang;
use std::path::{Path, PathBuf};

/// Every line of every `en.sents` and `ar.sents` under corpora/, with its language.
pub fn sentences() -> Vec<(String, Lang)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("corpora/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for d in dirs {
        for (file, lang) in [("en.sents", Lang::En), ("ar.sents", Lang::Ar)] {
            let text = std::fs::read_to_string(d.join(file)).expect("a .sents file");
            out.extend(text.lines().map(|l| (l.to_string(), lang)));
        }
    }
    assert!(out.len() > 100, "corpora/ has its gold pairs");
    out
}
