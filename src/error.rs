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
    #[error("{path}: the directory {dir} does not exist; create it (mkdir -p {dir}) or pass another --db")]
    NoDirectory { path: PathBuf, dir: PathBuf },
    /// SQLite could not write: the file, its directory (where SQLite keeps the `-wal` and `-shm`
    /// files) or the file system is read-only. `why` says which, as far as it can be told.
    #[error("{path}: cannot write to the workspace: {why}; nothing was changed. Make it writable, or copy the workspace to a writable directory and pass --db")]
    ReadOnly { path: PathBuf, why: String },
    #[error("{0}: the disk is full; the workspace is unchanged. Free some space and run the command again")]
    DiskFull(PathBuf),
    #[error("{path}: another tarjama command kept the workspace busy for {secs} s; gave up, nothing was changed. Run the command again when the other one has finished")]
    Busy { path: PathBuf, secs: f64 },
    #[error("{path}: the workspace file is damaged ({message}); restore it from a backup")]
    Corrupt { path: PathBuf, message: String },
    #[error("{path}: disk error while using the workspace ({message}); it keeps what its last finished command wrote. Check the disk and run the command again")]
    DiskError { path: PathBuf, message: String },
    #[error("{path}: cannot open the workspace ({message}); check the path and its permissions, or pass another --db")]
    CannotOpen { path: PathBuf, message: String },
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
    /// A bead id that was in use: re-alignment or a review edit removed the bead. Ids are never
    /// used again, so a stale id never acts on another bead.
    #[error("unknown bead id {id} ({}; `tarjama bead list {pair}` shows the current ones)", .cause.explain(*.pair))]
    StaleBead {
        id: i64,
        pair: i64,
        cause: crate::store::Retired,
    },
    /// The last decision on a pair cannot be reverted on its own: a bead it made is no longer as
    /// it left it.
    #[error(
        "cannot undo the last decision on pair {pair} ({decision}): {why}; nothing was changed"
    )]
    CannotUndo {
        pair: i64,
        decision: String,
        why: String,
    },
    /// A review action from a page of the web workspace (`tarjama serve`) that was loaded before
    /// the pair last changed: acting on it could undo what the other change did unseen.
    #[error("pair {pair} changed since this page was loaded (another tab, `tarjama review`, a `bead`/`flag` command or `align`); reload the page to see it — nothing was saved")]
    StalePage { pair: i64 },
    /// `tarjama serve` could not listen on the address asked for.
    #[error("cannot listen on {addr}: {err}")]
    Listen { addr: String, err: std::io::Error },
    #[error("{0}")]
    Invalid(String),
    // Neither of these two names its inner error as its source: the message already holds the
    // inner error's text, and `main` prints the source chain, which would say it twice.
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
    #[error("JSON error: {0}")]
    Json(serde_json::Error),
    /// Writing the output failed: standard output, or a file (then the io::Error carries an
    /// [`OutputFileError`] naming it).
    #[error("{}", output_message(.0))]
    Output(std::io::Error),
}

/// A failed write to an output file, carried inside an `io::Error` (the exporters speak
/// `io::Result`) so that the message names the file: "cannot write out.tmx: No space left on
/// device".
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {err}")]
pub struct OutputFileError {
    pub path: PathBuf,
    pub err: std::io::Error,
}

fn output_message(e: &std::io::Error) -> String {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<OutputFileError>())
    {
        Some(file) => file.to_string(),
        None => format!("cannot write the output: {e}"),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sql(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
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
