//! Files `add` knows are not documents by their extension: bitexts it reads only when told, the
//! parallel-data formats `export` writes, databases and office or binary formats. Read as text
//! they would be stored as documents of raw markup or garbage, so they are refused with what to
//! do instead. `--format` overrides this (the user says what the file is).

use crate::error::{Error, Result};
use std::path::Path;

/// Refuses `path` when its extension names a known non-document format.
pub fn refuse(path: &Path) -> Result<()> {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Ok(());
    };
    let file = path.display();
    let (what, hint) = match ext.to_ascii_lowercase().as_str() {
        "tsv" | "tab" => (
            "a TSV table, not a document",
            format!(
                "to import it as a bitext (English<TAB>Arabic per line) run `tarjama add --format tsv {file}`, or add `--format txt` to store it as plain text"
            ),
        ),
        "csv" => (
            "a CSV table, not a document",
            "to import a bitext, save it tab-separated (English<TAB>Arabic per line) and run `tarjama add --format tsv FILE.tsv`".into(),
        ),
        "xliff" | "xlf" | "sdlxliff" => (
            "XLIFF, which `add` does not read",
            "convert it to TMX and run `tarjama add FILE.tmx`, or to TSV and run `tarjama add --format tsv FILE.tsv`".into(),
        ),
        "jsonl" | "ndjson" => (
            "JSON Lines, which `add` does not read",
            "put the documents in one JSON array (.json), or import aligned pairs as TMX (`tarjama add FILE.tmx`) or TSV (`tarjama add --format tsv FILE.tsv`)".into(),
        ),
        "db" | "sqlite" | "sqlite3" => (
            "an SQLite database, not a document",
            format!("to use a tarjama workspace, pass it as `--db {file}` (e.g. `tarjama --db {file} list`)"),
        ),
        "parquet" | "arrow" | "feather" => (
            "a columnar data file, which `add` does not read",
            "write it out as TSV (English<TAB>Arabic per line) and run `tarjama add --format tsv FILE.tsv`".into(),
        ),
        "pdf" | "doc" | "docx" | "odt" | "rtf" | "epub" => (
            "a PDF or office file, which `add` does not read",
            "convert it to plain text (.txt) or HTML and add that".into(),
        ),
        "zip" | "gz" | "bz2" | "xz" | "7z" | "tar" => (
            "an archive, which `add` does not read",
            "extract it and add the documents inside".into(),
        ),
        _ => return Ok(()),
    };
    Err(Error::NotADocument {
        path: path.into(),
        what,
        hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_pass_and_known_others_are_refused() {
        for ok in [
            "a.txt",
            "a.md",
            "a.html",
            "a.json",
            "a.tmx",
            "corpus.en",
            "noext",
        ] {
            assert!(refuse(Path::new(ok)).is_ok(), "{ok}");
        }
        for bad in [
            "out.tsv",
            "x.XLIFF",
            "b.jsonl",
            "w.db",
            "d.sqlite",
            "t.parquet",
        ] {
            let err = refuse(Path::new(bad)).unwrap_err().to_string();
            assert!(err.starts_with(bad), "{err}");
            assert!(err.contains("tarjama"), "points to a command: {err}");
        }
    }
}
