//! Typed errors of the library. The binary maps them to one-line messages and exit codes.

use std::path::PathBuf;

/// Everything that can go wrong inside tarjama's library code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {err}")]
    Io { path: PathBuf, err: std::io::Error },
    #[error("{0}: file is empty")]
    EmptyFile(PathBuf),
    /// Bytes that are not text in the encoding named, marked or detected (see
    /// `ingest::encoding`).
    #[error("{path}: {err}")]
    Decode {
        path: PathBuf,
        err: crate::ingest::encoding::DecodeError,
    },
    /// A file `add` knows is not a document (a bitext, a database, an office file…), with what
    /// to do instead.
    #[error("{path}: {what}; {hint}")]
    NotADocument {
        path: PathBuf,
        what: &'static str,
        hint: String,
    },
    #[error("{path}: {size} bytes is more than the {limit}-byte limit for one document")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{0}: no Arabic or English text found (cannot tell the language)")]
    UnknownLanguage(PathBuf),
    #[error("{path}: expected {expected} text but it reads as {found}")]
    WrongLanguage {
        path: PathBuf,
        expected: String,
        found: String,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{0}: not a tarjama workspace (not an SQLite database)")]
    NotAWorkspace(PathBuf),
    #[error("{0}: no workspace here; run `tarjama init` first or pass --db")]
    NoWorkspace(PathBuf),
    #[error("{0}: an SQLite database of another program, not a tarjama workspace")]
    ForeignDatabase(PathBuf),
    #[error("{path}: workspace was written by a newer tarjama (schema {found}, this build knows {known})")]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("unknown {what} id {id}")]
    UnknownId { what: &'static str, id: String },
    #[error("{0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
    #[error("output error: {0}")]
    Output(std::io::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            err: source,
        }
    }
}
