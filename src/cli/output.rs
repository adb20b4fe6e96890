//! Output files (`--out` of `export` and `report`): never half-written, never over a workspace.
//!
//! The output is written to a temporary file in the same directory and renamed over the output
//! file only when all of it is written and on disk ([`PendingOutput::commit`]). A command that
//! fails half-way (a full disk, a workspace error, Ctrl-C) leaves the previous file as it was, or
//! no file; the temporary file is removed (all but after Ctrl-C, which ends the process at once:
//! then a `.NAME.XXXXXX.tmp` file may stay, but never a truncated NAME). Renaming within one
//! directory is atomic: readers see the old file or the new one, nothing in between.

use crate::error::{Error, OutputFileError};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes to an output file, naming it in every error ("cannot write out.tmx: No space left on
/// device").
pub struct OutputWriter {
    path: PathBuf,
    out: BufWriter<File>,
}

/// The other half of an output file: renames the written temporary file into place.
#[must_use = "an output file is only written when committed"]
pub struct PendingOutput {
    path: PathBuf,
    /// The temporary file (removed when dropped uncommitted) and a handle to sync it; `None`
    /// when the output is written in place (a device or a pipe, which cannot be replaced).
    temp: Option<(tempfile::TempPath, File)>,
}

/// The error of a failed write to the output file `path`, as the exporters' io::Result carries
/// it (its kind kept, so that a closed pipe is still recognised).
fn file_error(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(
        err.kind(),
        OutputFileError {
            path: path.to_path_buf(),
            err,
        },
    )
}

impl Write for OutputWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf).map_err(|e| file_error(&self.path, e))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out
            .write_all(buf)
            .map_err(|e| file_error(&self.path, e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush().map_err(|e| file_error(&self.path, e))
    }
}

impl PendingOutput {
    /// Puts the written file in place. Call after the writer is flushed (the exporters' `finish`
    /// flushes) and dropped; an error names the output file.
    pub fn commit(self) -> crate::Result<()> {
        let Some((temp, file)) = self.temp else {
            return Ok(());
        };
        let fail = |e: io::Error| Error::Output(file_error(&self.path, e));
        // On disk before the rename: a crash right after must not leave an empty file in place
        // of the old one (and a full disk may only show here).
        file.sync_all().map_err(fail)?;
        drop(file);
        temp.persist(&self.path).map_err(|e| fail(e.error))?;
        Ok(())
    }
}

/// tempfile's error says "... at path \"/dir/.out.tsv.Xq3z.tmp\"": the user knows no such file,
/// and the message names the output file anyway. The OS error alone is kept (tempfile gives no
/// other way to it than its text).
fn without_temp_name(e: io::Error) -> io::Error {
    let text = e.to_string();
    match text.rsplit_once(" at path ") {
        Some((os, _)) => io::Error::new(e.kind(), os.to_string()),
        None => e,
    }
}

/// The directory a file lives in ("." for a bare file name).
fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The absolute path of `p` with symbolic links resolved, also for a file that does not exist
/// yet (its directory resolved); `None` when the directory does not exist either.
fn resolved(p: &Path) -> Option<PathBuf> {
    if let Ok(c) = p.canonicalize() {
        return Some(c);
    }
    let name = p.file_name()?;
    Some(directory_of(p).canonicalize().ok()?.join(name))
}

/// What `out` is that must not be written over, if anything: the workspace, one of the files
/// SQLite keeps beside it (losing the -wal file loses the last commands' work), or another SQLite
/// database.
fn protected(out: &Path, db: &Path) -> Option<&'static str> {
    if let (Some(o), Some(w)) = (resolved(out), resolved(db)) {
        if o == w {
            return Some("the workspace");
        }
        for (suffix, what) in [
            ("-wal", "the workspace's -wal file (its latest changes)"),
            ("-shm", "the workspace's -shm file"),
            ("-journal", "the workspace's journal"),
        ] {
            let mut side = w.clone().into_os_string();
            side.push(suffix);
            if o.as_os_str() == side {
                return Some(what);
            }
        }
    }
    let sqlite = File::open(out).is_ok_and(|mut f| {
        let mut head = [0u8; 16];
        io::Read::read_exact(&mut f, &mut head).is_ok() && &head == b"SQLite format 3\0"
    });
    sqlite.then_some("an SQLite database")
}

/// Creates an output file for `--out`: a writer, and the [`PendingOutput`] that puts the file in
/// place once everything is written. Refuses to write over the workspace (or the files beside
/// it) or any other SQLite database: a mistyped `--out tarjama.db` must not destroy a user's
/// decisions.
pub fn create_output(out: &Path, db: &Path) -> anyhow::Result<(OutputWriter, PendingOutput)> {
    if let Some(what) = protected(out, db) {
        anyhow::bail!(
            "refusing to write over {}: it is {what}; choose another --out",
            out.display()
        );
    }
    let fail = |e: io::Error| Error::Output(file_error(out, e));
    let existing = std::fs::metadata(out).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(Error::Invalid(format!(
            "cannot write {}: it is a directory; give a file name to --out",
            out.display()
        ))
        .into());
    }
    // A device or a named pipe (`--out /dev/stdout`) is written in place: there is no file to
    // replace, and renaming over it would replace the device itself.
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        let file = File::create(out).map_err(fail)?;
        return Ok((
            OutputWriter {
                path: out.into(),
                out: BufWriter::new(file),
            },
            PendingOutput {
                path: out.into(),
                temp: None,
            },
        ));
    }
    // Through a symbolic link, the file it points to is the one replaced (the link stays).
    let target = match std::fs::symlink_metadata(out) {
        Ok(m) if m.file_type().is_symlink() => out.canonicalize().unwrap_or_else(|_| out.into()),
        _ => out.to_path_buf(),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // The mode File::create would give (0666 less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let dir = directory_of(&target);
    if !dir.is_dir() {
        return Err(Error::Invalid(format!(
            "cannot write {}: the directory {} does not exist",
            out.display(),
            dir.display()
        ))
        .into());
    }
    let temp = builder
        .tempfile_in(&dir)
        .map_err(|e| fail(without_temp_name(e)))?;
    // Replacing a file keeps its permissions.
    if let Some(m) = &existing {
        std::fs::set_permissions(temp.path(), m.permissions()).map_err(fail)?;
    }
    let (file, temp) = temp.into_parts();
    let sync = file.try_clone().map_err(fail)?;
    Ok((
        OutputWriter {
            path: out.into(),
            out: BufWriter::new(file),
        },
        PendingOutput {
            path: target,
            temp: Some((temp, sync)),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.tsv");
        let db = dir.path().join("w.db");
        let (mut w, pending) = create_output(&out, &db).unwrap();
        w.write_all(b"a\tb\n").unwrap();
        w.flush().unwrap();
        assert!(!out.exists(), "nothing at the output path while writing");
        drop(w);
        pending.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "a\tb\n");
        assert_eq!(names_in(dir.path()), ["out.tsv"], "no temporary file left");
    }

    #[test]
    fn a_failed_output_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.tmx");
        std::fs::write(&out, "the previous export").unwrap();
        let (mut w, pending) = create_output(&out, &dir.path().join("w.db")).unwrap();
        w.write_all(b"<tmx>half of it").unwrap();
        // The command fails here: its error returns, dropping both halves uncommitted.
        drop(w);
        drop(pending);
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "the previous export"
        );
        assert_eq!(names_in(dir.path()), ["out.tmx"]);
    }

    #[test]
    fn a_write_error_names_the_output_file() {
        // What a full disk gives a write: the message names the file, the kind is kept.
        let e = file_error(
            Path::new("out.tmx"),
            io::Error::other("No space left on device"),
        );
        assert_eq!(
            e.to_string(),
            "cannot write out.tmx: No space left on device"
        );
        assert_eq!(
            Error::Output(e).to_string(),
            "cannot write out.tmx: No space left on device"
        );
        let stdout = Error::Output(io::Error::other("disk full"));
        assert_eq!(stdout.to_string(), "cannot write the output: disk full");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_device_fails_with_the_file_named() {
        // /dev/full is written in place (a device), and every write to it fails with ENOSPC.
        let full = Path::new("/dev/full");
        if !full.exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let (mut w, pending) = create_output(full, &dir.path().join("w.db")).unwrap();
        let e = w
            .write_all(&[b'x'; 64 * 1024])
            .and_then(|_| w.flush())
            .unwrap_err();
        assert!(e.to_string().starts_with("cannot write /dev/full: "), "{e}");
        drop(w);
        pending.commit().unwrap();
    }

    #[test]
    fn the_workspace_and_its_side_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("w.db");
        std::fs::write(&db, b"SQLite format 3\0 and the rest").unwrap();
        for (name, what) in [
            ("w.db", "the workspace"),
            ("w.db-wal", "-wal"),
            ("w.db-shm", "-shm"),
            ("w.db-journal", "journal"),
        ] {
            let e = create_output(&dir.path().join(name), &db)
                .err()
                .unwrap_or_else(|| panic!("{name} is refused"))
                .to_string();
            assert!(
                e.contains("refusing to write over") && e.contains(what),
                "{e}"
            );
        }
        // Also through another spelling of the same path.
        let e = create_output(&dir.path().join(".").join("w.db-wal"), &db)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("-wal"), "{e}");
        assert_eq!(names_in(dir.path()), ["w.db"], "nothing created");
    }
}
