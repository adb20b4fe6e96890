//! The compiled lexicon cache: the built-in glossary together with dictionary files (the system's
//! FreeDict, `--lexicon` files), compiled once into a binary file that later runs load in
//! milliseconds instead of decompressing and parsing the dictionaries again (≈ 1.3 s of CPU for
//! FreeDict on every `check`, issue 14).
//!
//! The file is keyed by everything the compiled lexicon depends on: each dictionary file's path,
//! size and modification time, the built-in glossary, and the source of the code that reads
//! dictionaries and makes their keys; any change compiles it anew. The key is stored inside the file too
//! and checked on load, so a stale, foreign or damaged file is never used — it is rebuilt.
//!
//! Where: `TARJAMA_CACHE_DIR`, else `$XDG_CACHE_HOME/tarjama`, else `~/.cache/tarjama`.
//! `TARJAMA_NO_CACHE=1` turns it off. A cache that cannot be written is not an error: the
//! lexicon is built as before.

use super::lexicon::Lexicon;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Bumped when the file layout changes.
const FORMAT: &str = "tarjama-lexicon-cache-2";

/// The cache directory, or `None` when caching is off or no directory is known.
pub fn dir() -> Option<PathBuf> {
    if std::env::var_os("TARJAMA_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    if let Some(d) = std::env::var_os("TARJAMA_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("tarjama"));
    }
    std::env::var_os("HOME")
        .filter(|d| !d.is_empty())
        .map(|h| PathBuf::from(h).join(".cache").join("tarjama"))
}

/// What the compiled lexicon depends on, as bytes: compared whole on load.
fn key(files: &[PathBuf]) -> Option<Vec<u8>> {
    let mut k = Vec::new();
    k.extend_from_slice(FORMAT.as_bytes());
    k.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    // The built-in glossary and the code that turns entries into keys (normalisation,
    // stemming, the dictionary readers): a change to any of them compiles the lexicon anew.
    let mut h = DefaultHasher::new();
    for source in [
        include_str!("data/glossary.tsv"),
        include_str!("data/acronyms.tsv"),
        include_str!("data/function_words.txt"),
        include_str!("lexicon.rs"),
        include_str!("dictionaries.rs"),
        include_str!("../text/arabic.rs"),
        include_str!("../text/english.rs"),
        include_str!("../text/tokens.rs"),
    ] {
        source.hash(&mut h);
    }
    k.extend_from_slice(&h.finish().to_le_bytes());
    for f in files {
        let meta = std::fs::metadata(f).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        k.extend_from_slice(f.to_string_lossy().as_bytes());
        k.push(0);
        k.extend_from_slice(&meta.len().to_le_bytes());
        k.extend_from_slice(&modified.as_nanos().to_le_bytes());
    }
    Some(k)
}

fn file_name(key: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    format!("lexicon-{:016x}.bin", h.finish())
}

/// The lexicon compiled from `files`, from the cache when it holds it; otherwise built with
/// `build` and stored for the next run.
pub fn load_or_build<E>(
    files: &[PathBuf],
    build: impl FnOnce() -> Result<Lexicon, E>,
) -> Result<Lexicon, E> {
    let Some((dir, key)) = dir().zip(key(files)) else {
        return build();
    };
    let path = dir.join(file_name(&key));
    if let Some(lex) = read(&path, &key) {
        return Ok(lex);
    }
    let lex = build()?;
    write(&dir, &path, &key, &lex);
    Ok(lex)
}

fn digest(bytes: &[u8]) -> [u8; 8] {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish().to_le_bytes()
}

/// The cached lexicon, if the file exists, was compiled under the same key and is whole (its
/// body's digest agrees).
fn read(path: &Path, key: &[u8]) -> Option<Lexicon> {
    let bytes = std::fs::read(path).ok()?;
    let len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let stored = bytes.get(4..4 + len)?;
    if stored != key {
        return None;
    }
    let sum = bytes.get(4 + len..12 + len)?;
    let body = bytes.get(12 + len..)?;
    if sum != digest(body) {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// Stores the compiled lexicon: written to a temporary file and renamed, so a reader never sees
/// half a file and two runs compiling at once do not mix. Failures leave no file behind.
fn write(dir: &Path, path: &Path, key: &[u8], lex: &Lexicon) {
    let Ok(body) = postcard::to_stdvec(lex) else {
        return;
    };
    let Ok(len) = u32::try_from(key.len()) else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut bytes = Vec::with_capacity(12 + key.len() + body.len());
    bytes.extend_from_slice(&len.to_le_bytes());
    bytes.extend_from_slice(key);
    bytes.extend_from_slice(&digest(&body));
    bytes.extend_from_slice(&body);
    // One temporary file per writer (process and call), so concurrent writers never share one.
    static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("lexicon"),
        std::process::id(),
        WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    if std::fs::write(&tmp, &bytes).is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon_with(entry: &str) -> Lexicon {
        let mut lex = Lexicon::builtin().clone();
        lex.add_pairs(vec![(entry.to_string(), "تجربة".to_string())]);
        lex
    }

    #[test]
    fn round_trip_and_rebuild_when_a_file_changes() {
        let dir = std::env::temp_dir().join(format!("tarjama-lexcache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let dict = dir.join("words.tsv");
        std::fs::write(&dict, "trial\tتجربة\n").unwrap();
        let files = vec![dict.clone()];
        let key1 = key(&files).unwrap();
        let path = dir.join(file_name(&key1));
        let lex = lexicon_with("trial");
        write(&dir, &path, &key1, &lex);
        let back = read(&path, &key1).expect("the cached lexicon is read back");
        assert_eq!(back.len(), lex.len());
        assert_eq!(back.en("trial"), lex.en("trial"));
        // The lexicon read back still tells the glossary's concepts from the dictionary's,
        // without the glossary being built for it.
        let added = *back.en("trial").iter().max().unwrap();
        assert!(!back.is_general(added));
        let glossary = back.en(&crate::anchors::lexicon::en_key("ministry"))[0];
        assert!(back.is_general(glossary) && lex.is_general(glossary));
        // A changed file (size differs) gives another key: the old file is not used for it.
        std::fs::write(&dict, "trial\tتجربة\nexperiment\tتجربة\n").unwrap();
        let key2 = key(&files).unwrap();
        assert_ne!(key1, key2);
        assert!(read(&path, &key2).is_none());
        // A damaged file is ignored, never trusted: a body cut short, or garbage.
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 10]).unwrap();
        assert!(read(&path, &key1).is_none());
        std::fs::write(&path, b"\x05\x00\x00\x00garbage").unwrap();
        assert!(read(&path, &key1).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
