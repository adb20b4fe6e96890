//! The workspace: one SQLite file. This is the only module that speaks SQL.
//!
//! Foreign keys are on, the journal is WAL, and every command's writes happen in one transaction
//! ([`Workspace::write`]): a command that fails leaves the file exactly as it was.

mod analysis;
mod beads;
pub mod bitext;
mod documents;
mod flags;
mod index;
mod lexicon;
mod moves;
pub mod pairing;
mod pairs;
mod review;
pub mod schema;
pub mod search;

pub use beads::{BeadRow, Decision, Retired, Status};
pub use documents::{DocumentRow, NewDocument, SentenceRow};
pub use flags::{FlagFilter, FlagRow, FlagStatus};
pub use index::VERSION_TERM;
pub use moves::MoveRow;
pub use pairs::PairRow;
pub use review::BeadSnap;

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// An open workspace.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    /// How long to wait for another command writing to the same workspace.
    limit: Duration,
}

/// A write transaction; committed only by [`Workspace::write`] when the closure succeeds.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
}

/// Current time as an ISO-8601 UTC string.
pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Workspace {
    /// Creates a new workspace (or opens an existing one: creating is idempotent). Returns whether
    /// it was newly created.
    pub fn create(path: &Path) -> Result<(Workspace, bool)> {
        if exists(path)? {
            return Ok((Self::open(path)?, false));
        }
        let limit = busy_limit()?;
        let _scope = BusyScope::enter(path, limit);
        check_directory(path)?;
        // A creation that fails half-way (a full disk, a read-only directory) must not leave an
        // empty or half-migrated file behind: the next `init` would take it for a workspace that
        // is not one. Only files that were not there before are removed.
        let siblings = [
            path.to_path_buf(),
            sibling(path, "-wal"),
            sibling(path, "-shm"),
        ];
        let before: Vec<bool> = siblings.iter().map(|p| p.exists()).collect();
        Self::create_new(path, limit)
            .map(|ws| (ws, true))
            .map_err(|e| {
                for (p, existed) in siblings.iter().zip(before) {
                    if !existed {
                        let _ = std::fs::remove_file(p);
                    }
                }
                explain(path, limit, e)
            })
    }

    fn create_new(path: &Path, limit: Duration) -> Result<Workspace> {
        let conn = Connection::open(path)?;
        let mut ws = Workspace {
            conn,
            path: path.into(),
            limit,
        };
        ws.configure()?;
        ws.migrate()?;
        Ok(ws)
    }

    /// Opens an existing workspace, migrating it to the current schema.
    pub fn open(path: &Path) -> Result<Workspace> {
        let limit = busy_limit()?;
        let _scope = BusyScope::enter(path, limit);
        Self::open_existing(path, limit).map_err(|e| explain(path, limit, e))
    }

    fn open_existing(path: &Path, limit: Duration) -> Result<Workspace> {
        if !exists(path)? {
            check_directory(path)?;
            return Err(Error::NoWorkspace(path.into()));
        }
        Self::check_header(path)?;
        Self::probe(path)?;
        let conn = Connection::open(path)?;
        let mut ws = Workspace {
            conn,
            path: path.into(),
            limit,
        };
        ws.configure()?;
        ws.migrate()?;
        Ok(ws)
    }

    /// Looks before touching: a foreign or newer database is refused before any pragma that
    /// writes (the journal mode) runs, so the file stays exactly as it was. SQLite's own errors
    /// go on to [`explain`]: a workspace in a read-only directory is not "not a workspace".
    fn probe(path: &Path) -> Result<()> {
        let probe = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        // The same wait (and notice) as the workspace's own connection, not rusqlite's 5 s.
        probe.busy_handler(Some(on_busy))?;
        let version: i64 = probe.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::NewerSchema {
                path: path.into(),
                found: version,
                known,
            });
        }
        let tables: i64 = probe.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if version == 0 && tables > 0 {
            return Err(Error::ForeignDatabase(path.into()));
        }
        Ok(())
    }

    /// An empty file is no workspace (SQLite would take it for an empty database and write its
    /// schema into it). Anything else that is not an SQLite database is refused by the read-only
    /// probe, whose "not a database" [`explain`] turns into [`Error::NotAWorkspace`].
    ///
    /// The file is not opened here to read its header: closing a descriptor of a file releases
    /// every POSIX lock the process holds on it, those of a connection of another [`Workspace`]
    /// open on the same file included. Another process could then take that workspace for
    /// unused, checkpoint it and delete its WAL under the open connection, which would go on
    /// reading (and writing) the deleted file.
    fn check_header(path: &Path) -> Result<()> {
        let len = std::fs::metadata(path)
            .map_err(|e| Error::io(path, e))?
            .len();
        if len == 0 {
            return Err(Error::NotAWorkspace(path.into()));
        }
        Ok(())
    }

    fn configure(&mut self) -> Result<()> {
        // Instead of SQLite's silent busy timeout: a handler that tells the user why the command
        // waits (another one is writing) and how long it will (see `on_busy`).
        self.conn.busy_handler(Some(on_busy))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        let _ = mode;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::NewerSchema {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        if version == known {
            return Ok(());
        }
        // A workspace file must hold only our tables: refuse foreign databases.
        if version == 0 {
            let tables: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if tables > 0 {
                return Err(Error::ForeignDatabase(self.path.clone()));
            }
        }
        let tx = self.conn.transaction()?;
        for (k, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (k + 1) as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction; commits only if it succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let (path, limit) = (self.path.clone(), self.limit);
        let _scope = BusyScope::enter(&path, limit);
        let run = || {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let t = Tx { tx };
            let out = f(&t)?;
            t.tx.commit()?;
            Ok(out)
        };
        run().map_err(|e| explain(&path, limit, e))
    }

    /// Read-only access through the same query functions.
    pub fn read<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let (path, limit) = (self.path.clone(), self.limit);
        let _scope = BusyScope::enter(&path, limit);
        let run = || {
            let tx = self.conn.transaction()?;
            let t = Tx { tx };
            let out = f(&t)?;
            t.tx.rollback()?;
            Ok(out)
        };
        run().map_err(|e| explain(&path, limit, e))
    }

    /// SQLite's `PRAGMA data_version`: it changes when another connection commits to the
    /// workspace, and not for this connection's own writes. The review screen polls it to notice
    /// an `align` or a review in another shell.
    pub fn data_version(&mut self) -> Result<i64> {
        let _scope = BusyScope::enter(&self.path, self.limit);
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| explain(&self.path, self.limit, e.into()))
    }

    /// `PRAGMA integrity_check` result ("ok" when sound).
    pub fn integrity_check(&self) -> Result<String> {
        let _scope = BusyScope::enter(&self.path, self.limit);
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| explain(&self.path, self.limit, e.into()))
    }
}

/// How long a command waits for another one writing to the same workspace before giving up:
/// long enough for a big `add` or `align` to finish, short enough not to hang a script forever.
const BUSY_LIMIT: Duration = Duration::from_secs(60);

/// Environment variable overriding [`BUSY_LIMIT`], in seconds (the tests use a short wait).
pub const BUSY_TIMEOUT_ENV: &str = "TARJAMA_BUSY_TIMEOUT";

/// After this long waiting, the user is told why the command does not go on: a shorter wait is
/// not worth a line.
const BUSY_NOTICE_AFTER: Duration = Duration::from_millis(250);

fn busy_limit() -> Result<Duration> {
    let Some(raw) = std::env::var_os(BUSY_TIMEOUT_ENV) else {
        return Ok(BUSY_LIMIT);
    };
    raw.to_str()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|secs| secs.is_finite() && (0.0..=86_400.0).contains(secs))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{BUSY_TIMEOUT_ENV}={}: expected a number of seconds (0 to 86400)",
                raw.to_string_lossy()
            ))
        })
}

/// The workspace a thread is working on, for the busy handler: SQLite calls it without saying
/// which connection waits (rusqlite takes a plain `fn`), on the thread that runs the statement.
struct Waiting {
    path: PathBuf,
    limit: Duration,
    since: Option<Instant>,
    told: bool,
}

thread_local! {
    static WAITING: RefCell<Vec<Waiting>> = const { RefCell::new(Vec::new()) };
}

/// Marks the thread as working on a workspace while it lives (every [`Workspace`] method that
/// runs SQL holds one).
struct BusyScope;

impl BusyScope {
    fn enter(path: &Path, limit: Duration) -> BusyScope {
        WAITING.with(|w| {
            w.borrow_mut().push(Waiting {
                path: path.to_path_buf(),
                limit,
                since: None,
                told: false,
            })
        });
        BusyScope
    }
}

impl Drop for BusyScope {
    fn drop(&mut self) {
        WAITING.with(|w| {
            w.borrow_mut().pop();
        });
    }
}

/// SQLite's busy handler: called while another connection holds the write lock, `attempt`
/// counting the calls for this wait. Sleeps a little and returns true to try again, or false to
/// give up (the statement then fails with SQLITE_BUSY, which [`explain`] turns into
/// [`Error::Busy`]). Says once on standard error why the command waits.
fn on_busy(attempt: i32) -> bool {
    WAITING.with(|w| {
        let mut stack = w.borrow_mut();
        let Some(state) = stack.last_mut() else {
            // SQL outside a scope does not happen; not waiting is the safe answer.
            return false;
        };
        if attempt == 0 {
            state.since = Some(Instant::now());
        }
        let waited = state.since.get_or_insert_with(Instant::now).elapsed();
        if waited >= state.limit {
            return false;
        }
        if !state.told && waited >= BUSY_NOTICE_AFTER.min(state.limit / 2) {
            state.told = true;
            eprintln!(
                "tarjama: another tarjama command is writing to {}; waiting (up to {} s)…",
                state.path.display(),
                state.limit.as_secs_f64()
            );
        }
        // Short pauses first (most waits are short), then at most 100 ms.
        let pause = Duration::from_millis((5 * (attempt.max(0) as u64 + 1)).min(100));
        std::thread::sleep(pause.min(state.limit - waited));
        true
    })
}

/// Whether the workspace file exists; an error other than "not found" (a directory on the way
/// that cannot be searched) is reported as it is.
fn exists(path: &Path) -> Result<bool> {
    match std::fs::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => {
            // "Not a directory": say which one is not.
            check_directory(path)?;
            Err(Error::io(path, e))
        }
    }
}

/// The directory a workspace lives in ("." for a bare file name).
fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A missing directory is named as such, rather than as SQLite's "unable to open database file".
fn check_directory(path: &Path) -> Result<()> {
    let dir = directory_of(path);
    if dir.is_dir() {
        return Ok(());
    }
    // The first missing directory on the way is the one to create (or mistyped).
    let mut missing = dir.clone();
    while let Some(up) = missing.parent() {
        if up.as_os_str().is_empty() || up.exists() {
            break;
        }
        missing = up.to_path_buf();
    }
    if missing.exists() {
        // A file where a directory should be.
        return Err(Error::CannotOpen {
            path: path.into(),
            message: format!("{} is not a directory", missing.display()),
        });
    }
    Err(Error::NoDirectory {
        path: path.into(),
        dir,
    })
}

/// `path` with `suffix` appended to its file name (`w.db` → `w.db-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// What an SQLite failure means for the user of the workspace at `path`: a message that says
/// what happened and what to do, in place of SQLite's code. Other errors pass unchanged.
pub(crate) fn explain(path: &Path, limit: Duration, e: Error) -> Error {
    use rusqlite::ErrorCode as C;
    let Error::Sql(rusqlite::Error::SqliteFailure(failure, text)) = &e else {
        return e;
    };
    // SQLite's own sentence ("unable to open database file"), without rusqlite's code number.
    let message = text.clone().unwrap_or_else(|| {
        rusqlite::ffi::code_to_str(failure.extended_code)
            .to_lowercase()
            .to_string()
    });
    let path = path.to_path_buf();
    match failure.code {
        C::ReadOnly => Error::ReadOnly {
            why: why_read_only(&path),
            path,
        },
        C::DiskFull => Error::DiskFull(path),
        C::DatabaseBusy => Error::Busy {
            path,
            secs: limit.as_secs_f64(),
        },
        C::NotADatabase => Error::NotAWorkspace(path),
        C::DatabaseCorrupt => Error::Corrupt { path, message },
        C::SystemIoFailure => Error::DiskError { path, message },
        C::CannotOpen | C::PermissionDenied => {
            if let Err(e) = check_directory(&path) {
                return e;
            }
            // In a read-only directory SQLite can neither create a workspace nor the -wal and
            // -shm files it needs beside an existing one.
            if writable(&path, &directory_of(&path)).is_err() {
                return Error::ReadOnly {
                    why: why_read_only(&path),
                    path,
                };
            }
            Error::CannotOpen { path, message }
        }
        _ => e,
    }
}

/// Why SQLite cannot write the workspace at `path`, as far as the file system tells.
fn why_read_only(path: &Path) -> String {
    let dir = directory_of(path);
    match writable(path, &dir) {
        Err(Unwritable::FileSystem) => "it is on a read-only file system".into(),
        Err(Unwritable::File) => format!("the file {} is read-only", path.display()),
        Err(Unwritable::Directory) if path.exists() => format!(
            "its directory {} is not writable (SQLite keeps the workspace's -wal and -shm files there)",
            dir.display()
        ),
        Err(Unwritable::Directory) => format!("its directory {} is not writable", dir.display()),
        Ok(()) => "the workspace or its directory is not writable".into(),
    }
}

enum Unwritable {
    FileSystem,
    File,
    Directory,
}

/// Tries what SQLite needs: writing the file (opened without truncating, nothing written) and
/// creating a file beside it (a probe, removed at once).
fn writable(path: &Path, dir: &Path) -> std::result::Result<(), Unwritable> {
    // EROFS: the same number on Linux, macOS and the BSDs.
    let read_only_fs = |e: &std::io::Error| cfg!(unix) && e.raw_os_error() == Some(30);
    if path.is_file() {
        if let Err(e) = std::fs::OpenOptions::new().write(true).open(path) {
            return Err(if read_only_fs(&e) {
                Unwritable::FileSystem
            } else {
                Unwritable::File
            });
        }
    }
    match tempfile::Builder::new()
        .prefix(".tarjama-probe")
        .tempfile_in(dir)
    {
        Ok(_) => Ok(()),
        Err(e) if read_only_fs(&e) => Err(Unwritable::FileSystem),
        Err(_) => Err(Unwritable::Directory),
    }
}

impl Tx<'_> {
    fn conn(&self) -> &Connection {
        &self.tx
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn creates_and_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        let (ws, created) = Workspace::create(&p).unwrap();
        assert!(created);
        let v: i64 = ws
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::MIGRATIONS.len() as i64);
        let fk: i64 = ws
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(ws);
        let (_, created) = Workspace::create(&p).unwrap();
        assert!(!created);
    }

    fn sentences(texts: &[&str]) -> Vec<crate::segment::Sentence> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| crate::segment::Sentence {
                text: t.to_string(),
                paragraph: k,
                start: 0,
                end: 0,
            })
            .collect()
    }

    fn document<'a>(raw: &'a str, sents: &'a [crate::segment::Sentence]) -> NewDocument<'a> {
        NewDocument {
            lang: Lang::Ar,
            title: None,
            date: None,
            url: None,
            outlet: None,
            origin: "test",
            raw_text: raw,
            sentences: sents,
        }
    }

    /// Sentences whose normalised text matches `word` in the full-text index, and whether the
    /// index agrees with its content table.
    fn fts(ws: &Workspace, word: &str) -> (i64, bool) {
        let hits = ws
            .conn
            .query_row(
                "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ?1",
                [word],
                |r| r.get(0),
            )
            .unwrap();
        let ok = ws
            .conn
            .execute(
                "INSERT INTO sentence_fts(sentence_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .is_ok();
        (hits, ok)
    }

    #[test]
    fn the_full_text_index_follows_new_and_resegmented_sentences_across_the_migration() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        // A workspace of schema 4, where a trigger indexed each inserted sentence.
        {
            let mut c = Connection::open(&p).unwrap();
            let tx = c.transaction().unwrap();
            for (k, sql) in schema::MIGRATIONS.iter().enumerate().take(4) {
                tx.execute_batch(sql).unwrap();
                tx.pragma_update(None, "user_version", (k + 1) as i64)
                    .unwrap();
            }
            tx.commit().unwrap();
            c.execute(
                "INSERT INTO documents (id, lang, content_hash, raw_text, added_at)
                 VALUES (1, 'ar', 'h1', 'old', 'now')",
                [],
            )
            .unwrap();
            c.execute(
                "INSERT INTO sentences (document_id, idx, paragraph, start_char, end_char, text, norm)
                 VALUES (1, 0, 0, 0, 3, 'قوات', 'قوات')",
                [],
            )
            .unwrap();
        }
        let mut ws = Workspace::open(&p).unwrap();
        assert_eq!(fts(&ws, "قوات"), (1, true));
        let first = sentences(&["وصلت قوات الأمن", "عاد الوفد"]);
        let id = ws
            .write(|tx| Ok(tx.add_document(&document("raw one", &first))?.0))
            .unwrap();
        assert_eq!(fts(&ws, "قوات"), (2, true));
        assert_eq!(fts(&ws, "الوفد"), (1, true));
        // Re-segmenting replaces the document's sentences in the index too.
        let second = sentences(&["وصلت قوات الأمن وعاد الوفد"]);
        ws.write(|tx| tx.store_sentences(id, Lang::Ar, &second))
            .unwrap();
        assert_eq!(fts(&ws, "قوات"), (2, true));
        assert_eq!(fts(&ws, "وعاد"), (1, true));
        assert_eq!(fts(&ws, "عاد"), (0, true));
    }

    #[test]
    fn ids_are_never_used_again_after_the_migration_and_nothing_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        // A workspace of schema 6 with a pair, its beads, flags and a move.
        {
            let mut c = Connection::open(&p).unwrap();
            let tx = c.transaction().unwrap();
            for (k, sql) in schema::MIGRATIONS.iter().enumerate().take(6) {
                tx.execute_batch(sql).unwrap();
                tx.pragma_update(None, "user_version", (k + 1) as i64)
                    .unwrap();
            }
            tx.execute_batch(
                "INSERT INTO documents (id, lang, content_hash, raw_text, added_at)
                     VALUES (1, 'en', 'h1', 'a. b.', 'now'), (2, 'ar', 'h2', 'أ. ب.', 'now');
                 INSERT INTO sentences (id, document_id, idx, paragraph, start_char, end_char, text, norm)
                     VALUES (1, 1, 0, 0, 0, 2, 'a.', 'a'), (2, 1, 1, 0, 3, 5, 'b.', 'b'),
                            (3, 2, 0, 0, 0, 2, 'أ.', 'ا'), (4, 2, 1, 0, 3, 5, 'ب.', 'ب');
                 INSERT INTO pairs (id, article_id, source_id, created_at) VALUES (1, 2, 1, 'now');
                 INSERT INTO beads (id, pair_id, position, score, status)
                     VALUES (4, 1, 0, 0.9, 'confirmed'), (9, 1, 1, 0.8, 'rejected');
                 INSERT INTO bead_sentences (bead_id, side, sentence_id)
                     VALUES (4, 'src', 1), (4, 'tgt', 3), (9, 'src', 2), (9, 'tgt', 4);
                 INSERT INTO flags (id, pair_id, kind, severity, side, sentence_id, src_idx, tgt_idx,
                                    reason, status, note)
                     VALUES (5, 1, 'insertion', 'high', 'tgt', 4, '[]', '[1]', 'r', 'dismissed', 'n');
                 INSERT INTO moves (id, pair_id, src_sentence_id, tgt_sentence_id, score, status)
                     VALUES (3, 1, 2, 3, 0.9, 'rejected');",
            )
            .unwrap();
            tx.commit().unwrap();
        }
        let mut ws = Workspace::open(&p).unwrap();
        let beads = ws.read(|tx| tx.beads(1)).unwrap();
        let kept: Vec<_> = beads
            .iter()
            .map(|b| (b.id, b.src.clone(), b.tgt.clone(), b.status))
            .collect();
        assert_eq!(
            kept,
            vec![
                (4, vec![0], vec![0], Status::Confirmed),
                (9, vec![1], vec![1], Status::Rejected)
            ]
        );
        let flags = ws.read(|tx| tx.flags(&FlagFilter::default())).unwrap();
        assert!(flags.is_empty(), "the dismissed flag stays dismissed");
        let flags = ws
            .read(|tx| {
                tx.flags(&FlagFilter {
                    include_dismissed: true,
                    ..Default::default()
                })
            })
            .unwrap();
        assert_eq!(
            (flags[0].id, flags[0].status, flags[0].note.as_deref()),
            (5, FlagStatus::Dismissed, Some("n"))
        );
        let moves = ws.read(|tx| tx.moves(1)).unwrap();
        assert_eq!((moves[0].id, moves[0].status), (3, Status::Rejected));
        let orphans: i64 = ws
            .conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(orphans, 0);
        // The largest ids deleted, new rows get new ids all the same.
        ws.write(|tx| {
            let one = |status| {
                (
                    crate::align::Bead {
                        src: vec![0, 1],
                        tgt: vec![0, 1],
                        score: 0.5,
                    },
                    status,
                )
            };
            tx.store_beads(1, &[one(Status::Automatic)], &[1, 2], &[3, 4])
        })
        .unwrap();
        let beads = ws.read(|tx| tx.beads(1)).unwrap();
        assert_eq!(beads.len(), 1);
        assert_eq!(beads[0].id, 10, "not 4 or 9 again");
        let err = ws.read(|tx| tx.bead_pair(9)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown bead id 9 (pair 1 was re-aligned; `tarjama bead list 1` shows the current ones)"
        );
        let err = ws.read(|tx| tx.bead_pair(11)).unwrap_err();
        assert_eq!(err.to_string(), "unknown bead id 11");
        ws.conn.execute("DELETE FROM flags", []).unwrap();
        ws.conn.execute("DELETE FROM moves", []).unwrap();
        ws.conn
            .execute(
                "INSERT INTO flags (pair_id, kind, severity, src_idx, tgt_idx, reason)
                 VALUES (1, 'omission', 'low', '[]', '[]', 'r')",
                [],
            )
            .unwrap();
        ws.conn
            .execute(
                "INSERT INTO moves (pair_id, src_sentence_id, tgt_sentence_id, score)
                 VALUES (1, 1, 4, 0.5)",
                [],
            )
            .unwrap();
        let ids: (i64, i64) = ws
            .conn
            .query_row(
                "SELECT (SELECT max(id) FROM flags), (SELECT max(id) FROM moves)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(ids, (6, 4));
    }

    #[test]
    fn refuses_non_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        std::fs::write(&p, "not a database at all, just text").unwrap();
        assert!(matches!(Workspace::open(&p), Err(Error::NotAWorkspace(_))));
    }

    /// An SQLite failure with `code`, as rusqlite reports it.
    fn failure(code: std::os::raw::c_int) -> Error {
        Error::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn sqlite_failures_become_messages_that_say_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        let limit = Duration::from_secs(60);
        let said = |code| explain(&p, limit, failure(code));
        assert!(matches!(
            said(rusqlite::ffi::SQLITE_FULL),
            Error::DiskFull(_)
        ));
        assert!(matches!(
            said(rusqlite::ffi::SQLITE_READONLY),
            Error::ReadOnly { .. }
        ));
        assert!(matches!(
            said(rusqlite::ffi::SQLITE_READONLY_DIRECTORY),
            Error::ReadOnly { .. }
        ));
        assert!(matches!(
            said(rusqlite::ffi::SQLITE_BUSY),
            Error::Busy { secs, .. } if secs == 60.0
        ));
        assert!(matches!(
            said(rusqlite::ffi::SQLITE_NOTADB),
            Error::NotAWorkspace(_)
        ));
        assert!(matches!(
            said(rusqlite::ffi::SQLITE_CORRUPT),
            Error::Corrupt { .. }
        ));
        // A missing directory is named; an existing, writable one leaves SQLite's reason.
        let deep = dir.path().join("no/such/w.db");
        assert!(matches!(
            explain(&deep, limit, failure(rusqlite::ffi::SQLITE_CANTOPEN)),
            Error::NoDirectory { dir: missing, .. } if missing.ends_with("no/such")
        ));
        assert!(matches!(
            said(rusqlite::ffi::SQLITE_CANTOPEN),
            Error::CannotOpen { .. }
        ));
        // Anything else passes unchanged, and no message repeats SQLite's code.
        assert!(matches!(
            said(rusqlite::ffi::SQLITE_CONSTRAINT),
            Error::Sql(_)
        ));
        let full = said(rusqlite::ffi::SQLITE_FULL).to_string();
        assert!(
            full.contains("disk is full") && full.contains("w.db"),
            "{full}"
        );
        assert!(
            !full.contains("Error code") && !full.contains('\n'),
            "{full}"
        );
    }

    #[test]
    fn a_database_error_does_not_carry_its_text_twice() {
        // `main` prints each cause of the chain: a source here would repeat the message.
        let e = failure(rusqlite::ffi::SQLITE_CONSTRAINT);
        assert!(std::error::Error::source(&e).is_none());
        let e = Error::from(serde_json::from_str::<i64>("x").unwrap_err());
        assert!(std::error::Error::source(&e).is_none());
    }

    #[test]
    fn a_full_disk_leaves_the_workspace_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        let (mut ws, _) = Workspace::create(&p).unwrap();
        // SQLite answers SQLITE_FULL when the file would outgrow max_page_count: the same
        // failure as a full disk, without filling one.
        let pages: i64 = ws
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        ws.conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let long = "وصلت قوات الأمن إلى المدينة صباح اليوم. ".repeat(2000);
        let sents = sentences(&[long.as_str()]);
        let err = ws
            .write(|tx| Ok(tx.add_document(&document(&long, &sents))?.0))
            .unwrap_err();
        assert!(matches!(err, Error::DiskFull(_)), "{err}");
        let documents: i64 = ws
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .unwrap();
        assert_eq!(documents, 0, "the failed write left nothing behind");
    }

    #[test]
    fn creating_in_a_missing_directory_names_it_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing").join("w.db");
        assert!(matches!(
            Workspace::create(&p),
            Err(Error::NoDirectory { .. })
        ));
        assert!(!p.exists());
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_577), (2023, 8, 8));
    }
}
